/* progress.c: a progress line on standard error while a large file is
 * read, for people: only when standard error is a terminal, and only once
 * the work has taken a second (a quick run shows nothing). The loader
 * calls back once per block (core/table.h: lb_load_opts.progress), so the
 * cost is per mebibyte, never per row. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "cli/cli.h"

#define DELAY_NS 1000000000L /* show nothing during the first second */
#define REDRAW_NS 100000000L /* at most ten lines a second */
#define NAME_WIDTH 40

static long elapsed_ns(const struct timespec *from, const struct timespec *to)
{
    return (long)(to->tv_sec - from->tv_sec) * 1000000000L +
           (to->tv_nsec - from->tv_nsec);
}

static void draw(size_t done, size_t total, void *ctx)
{
    struct cli_progress *p = ctx;
    struct timespec now;
    struct lb_buf line = LB_BUF_INIT;
    unsigned long mib = (unsigned long)(done >> 20);

    clock_gettime(CLOCK_MONOTONIC, &now);
    if (!p->immediate && elapsed_ns(&p->start, &now) < DELAY_NS)
        return;
    if (p->shown && elapsed_ns(&p->last, &now) < REDRAW_NS)
        return;
    p->last = now;
    p->shown = true;
    lb_buf_adds(&line, "\rleaderboard: reading ");
    (void)lb_utf8_render(&line, p->name, strlen(p->name), NAME_WIDTH);
    if (total > 0) {
        unsigned pct = (unsigned)((done >= total ? total : done) * 100 / total);

        lb_buf_addf(&line, ": %3u%% (%lu of %lu MiB)", pct, mib,
                    (unsigned long)(total >> 20));
    } else {
        lb_buf_addf(&line, ": %lu MiB", mib);
    }
    lb_buf_adds(&line, "\033[K"); /* clear what a longer line left */
    (void)!write(STDERR_FILENO, line.data, line.len);
    lb_buf_release(&line);
}

void cli_progress_start(struct cli_progress *p, const char *name,
                        struct lb_load_opts *lo)
{
    memset(p, 0, sizeof *p);
    p->name = strcmp(name, "-") == 0 ? "<stdin>" : name;
    if (!isatty(STDERR_FILENO))
        return;
    /* for tests: draw from the first block */
    p->immediate = getenv("LEADERBOARD_TEST_PROGRESS") != NULL;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    lo->progress = draw;
    lo->progress_ctx = p;
}

void cli_progress_end(struct cli_progress *p, struct lb_load_opts *lo)
{
    static const char clear[] = "\r\033[K";

    if (p->shown)
        (void)!write(STDERR_FILENO, clear, sizeof clear - 1);
    p->shown = false;
    lo->progress = NULL;
    lo->progress_ctx = NULL;
}
