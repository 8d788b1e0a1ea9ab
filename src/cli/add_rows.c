/* add_rows.c: writing new rows into a score file, for 'add' and 'import'.
 *
 * Locks the file against other writers, reads it, computes the new content
 * (core/add.c: validation first, every other row byte for byte), replaces
 * the file atomically (base/fileio.c), then says where each row ranks. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/fileio.h"
#include "base/quote.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "core/schema.h"
#include "core/add.h"
#include "core/board.h"
#include "core/table.h"
#include "export/view.h"

/* How many times a file changed by a program that does not take the lock
 * (between our read and our replace) makes the update start over. */
#define MAX_CHANGES 5

/* " of 14" ranked, when each row of b has a model of its own; else what
 * the 14 are: " of 14 ranked rows, 13 models" (core/models.h). */
static void ranked_of(const struct lb_board *b, struct lb_buf *of)
{
    struct lb_model_counts m;
    size_t n = b->ranking.n_ranked;

    lb_board_models(b, &m);
    lb_buf_addf(of, " of %zu", n);
    if (lb_models_are_rows(&m, b->ranking.nrows))
        return;
    lb_buf_addf(of, " ranked row%s", n == 1 ? "" : "s");
    if (m.known)
        lb_buf_addf(of, ", %zu model%s", m.ranked, m.ranked == 1 ? "" : "s");
}

/* "added 'org/x': rank 4 of 14 (average 61.37)" for each new row, on fp. */
static void report(FILE *fp, const struct cli_add_target *tg,
                   const struct lb_new_row *rows, size_t n,
                   const struct lb_buf *content, const size_t *row_index,
                   const bool *replaced)
{
    struct lb_table t;
    struct lb_board b;
    struct lb_board_opts o;
    struct lb_error err;
    struct lb_buf line = LB_BUF_INIT, of = LB_BUF_INIT;
    bool ranked;
    size_t i;

    struct lb_load_opts lo = {.schema_path = tg->opts.schema_path};

    lb_board_opts_init(&o);
    ranked = lb_table_load_mem(&t, tg->file, content->data, content->len, &lo,
                               &err) == 0;
    if (ranked && lb_board_compute(&b, &t, &o, &err) != 0) {
        lb_board_release(&b);
        lb_table_release(&t);
        ranked = false;
    }
    if (ranked)
        ranked_of(&b, &of);
    for (i = 0; i < n; i++) {
        size_t row = row_index[i];
        struct lb_quoted q;

        lb_buf_reset(&line);
        lb_buf_addf(&line, "%s %s", replaced[i] ? "replaced" : "added",
                    lb_quote(&q, rows[i].model, rows[i].model_len));
        if (ranked && b.ranking.rank2[row] != 0) {
            lb_i128 shown = 0;
            char num[LB_DEC_BUFSIZE];

            (void)lb_aggregate_round(&b.mean, row, o.rank.precision, &shown);
            lb_buf_addf(&line, ": rank %.*s",
                        (int)lb_rank_text(num, b.ranking.rank2[row]), num);
            lb_dec_format(num, shown, o.rank.precision);
            lb_buf_addf(&line, "%s (average %s)", lb_buf_str(&of), num);
        } else if (ranked) {
            struct lb_buf why = LB_BUF_INIT;

            lb_board_reason(&b, row, &why);
            lb_buf_adds(&line, ": not ranked (");
            (void)lb_utf8_render(&line, why.data, why.len, 0);
            lb_buf_adds(&line, ")");
            lb_buf_release(&why);
        }
        lb_buf_addc(&line, '\n');
        fwrite(line.data, 1, line.len, fp);
    }
    lb_buf_release(&line);
    lb_buf_release(&of);
    if (ranked) {
        lb_board_release(&b);
        lb_table_release(&t);
    }
}

/* rc from lb_file_replace or lb_file_create: 2 means that the file is
 * written and only its durability is in doubt: a warning, and success. */
static int written(int rc, struct lb_error *err)
{
    if (rc != 2)
        return rc;
    cli_error("warning: %s", err->msg);
    lb_error_init(err);
    return 0;
}

/* "1 second", "2.5 seconds" for ms milliseconds, in buf (32 bytes). */
static const char *seconds(long long ms, char *buf)
{
    if (ms % 1000 == 0)
        snprintf(buf, 32, "%lld second%s", ms / 1000, ms == 1000 ? "" : "s");
    else if (ms % 100 == 0)
        snprintf(buf, 32, "%lld.%lld seconds", ms / 1000, ms % 1000 / 100);
    else if (ms % 10 == 0)
        snprintf(buf, 32, "%lld.%02lld seconds", ms / 1000, ms % 1000 / 10);
    else
        snprintf(buf, 32, "%lld.%03lld seconds", ms / 1000, ms % 1000);
    return buf;
}

/* Says, once per run, that the lock is held by another writer and that
 * we wait for it. */
static void say_waiting(const void *ctx)
{
    static bool said;
    const struct cli_add_target *tg = ctx;
    struct lb_quoted q;
    char limit[64] = "", secs[32];

    if (said)
        return;
    said = true;
    if (tg->wait_ms > 0)
        snprintf(limit, sizeof limit, " (at most %s)",
                 seconds(tg->wait_ms, secs));
    cli_error("waiting for the lock on %s, held by another writer%s",
              lb_quotes(&q, tg->file), limit);
}

/* Locks, reads, computes and replaces (or creates) the file 'path' (the
 * resolved FILE). When a program that does not take the lock changed the
 * file between the read and the replace, nothing is replaced: the update
 * starts over from the new content, MAX_CHANGES times at most. */
static int update(const struct cli_add_target *tg, const char *path,
                  const struct lb_new_row *rows, size_t n,
                  struct lb_buf *content, size_t *row_index, bool *replaced,
                  struct lb_error *err)
{
    struct lb_quoted q;
    struct lb_lock_wait wait = {tg->wait_ms, say_waiting, tg};
    unsigned attempt, changes = 0;

    for (attempt = 0; attempt < 100; attempt++) {
        struct lb_buf old = LB_BUF_INIT;
        struct lb_file_snap snap;
        int fd, rc = lb_file_lock(path, &fd, &wait, err);
        size_t i;
        char secs[32];

        if (rc < 0)
            return -1;
        if (rc == 2 && tg->wait_ms == 0)
            return lb_error_set(err, "cannot update %s: another writer holds "
                                     "its lock (--wait 0); nothing was "
                                     "written",
                                lb_quotes(&q, tg->file));
        if (rc == 2)
            return lb_error_set(err, "cannot update %s: another writer still "
                                     "held its lock after %s (--wait); "
                                     "nothing was written",
                                lb_quotes(&q, tg->file),
                                seconds(tg->wait_ms, secs));
        if (rc == 1) {
            if (!tg->create)
                return lb_error_set(err, "%s does not exist; use --create to "
                                         "start a new score file",
                                    lb_quotes(&q, tg->file));
            lb_buf_reset(content);
            if (lb_add_create_with(tg->file, tg->header, tg->nheader, rows, n,
                                   &tg->opts, content, err) != 0)
                return -1;
            rc = written(lb_file_create(path, content->data, content->len, err),
                         err);
            if (rc < 0)
                return -1;
            if (rc == 0) {
                for (i = 0; i < n; i++) {
                    row_index[i] = i;
                    replaced[i] = false;
                }
                return 0;
            }
            continue; /* created by another writer meanwhile: add to it */
        }
        lb_buf_reset(content);
        rc = lb_file_read_snap(fd, tg->file, &old, &snap, err);
        if (rc == 0 && old.len == 0 && tg->create) {
            /* an empty file: start it as --create would */
            rc = lb_add_create_with(tg->file, tg->header, tg->nheader, rows, n,
                                   &tg->opts, content, err);
            for (i = 0; i < n; i++) {
                row_index[i] = i;
                replaced[i] = false;
            }
        } else if (rc == 0) {
            rc = lb_add_apply(tg->file, lb_buf_str(&old), old.len, rows, n,
                              &tg->opts, content, row_index, replaced, err);
        }
        if (rc == 0)
            rc = written(lb_file_replace(path, fd, content->data, content->len,
                                         &snap, err),
                         err);
        close(fd); /* unlocks */
        lb_buf_release(&old);
        if (rc != 1)
            return rc;
        if (++changes == MAX_CHANGES)
            return lb_error_set(err, "cannot update %s: another program "
                                     "changed it %u times while it was being "
                                     "updated; nothing was written",
                                lb_quotes(&q, tg->file), changes);
        cli_error("%s was changed by another program while it was being "
                  "updated; starting over with its new content",
                  lb_quotes(&q, tg->file));
    }
    return lb_error_set(err, "cannot create %s: it keeps appearing and "
                             "disappearing",
                        lb_quotes(&q, tg->file));
}

/* Prints the confirmation on standard output. The rows are in the file
 * already: when it cannot be printed (a full disk, a closed pipe), a
 * warning says that only the confirmation is lost, and the command still
 * succeeds (the exit status tells a script whether to try again: a retry
 * would now fail, "already in"). */
static void confirm(const struct cli_add_target *tg,
                    const struct lb_new_row *rows, size_t n,
                    const struct lb_buf *content, const size_t *row_index,
                    const bool *replaced)
{
    struct lb_file_tmp out;
    struct lb_error err;
    struct lb_buf what = LB_BUF_INIT;
    struct lb_quoted q;
    size_t i, nrep = 0;
    void (*pipe_was)(int);

    lb_error_init(&err);
    fflush(stdout);
    /* a reader gone: EPIPE, not death by SIGPIPE after the update */
    pipe_was = signal(SIGPIPE, SIG_IGN);
    if (lb_file_tmp_fd(&out, STDOUT_FILENO, &err) == 0) {
        report(out.fp, tg, rows, n, content, row_index, replaced);
        (void)lb_file_tmp_commit(&out, NULL, &err);
    }
    if (pipe_was != SIG_ERR)
        signal(SIGPIPE, pipe_was);
    if (err.msg[0] == '\0')
        return;
    for (i = 0; i < n; i++)
        nrep += replaced[i];
    if (n - nrep > 0)
        lb_buf_addf(&what, "%zu row%s added", n - nrep,
                    n - nrep == 1 ? "" : "s");
    if (nrep > 0 && n - nrep > 0)
        lb_buf_addf(&what, ", %zu replaced", nrep);
    else if (nrep > 0)
        lb_buf_addf(&what, "%zu row%s replaced", nrep, nrep == 1 ? "" : "s");
    cli_error("warning: %s is updated (%s), but the confirmation could not "
              "be printed: %s",
              lb_quotes(&q, tg->file), what.data, err.msg);
    lb_buf_release(&what);
}

int cli_add_rows(const struct cli_add_target *given,
                 const struct lb_new_row *rows, size_t n)
{
    /* the board's schema, as rank reads it: --schema, else the file's
     * NAME.schema.json (read once here, for the check and the ranking) */
    struct cli_add_target own = *given;
    const struct cli_add_target *tg = &own;
    char *beside = NULL;
    struct lb_error err;
    struct lb_buf content = LB_BUF_INIT;
    size_t *row_index = xcalloc(n + 1, sizeof *row_index);
    bool *replaced = xcalloc(n + 1, sizeof *replaced);
    char *path;
    int rc = LB_EXIT_FAILURE;

    if (own.opts.schema_path == NULL)
        own.opts.schema_path = beside = lb_schema_beside(tg->file);
    lb_error_init(&err);
    path = lb_file_resolve(tg->file, &err);
    if (path != NULL &&
        update(tg, path, rows, n, &content, row_index, replaced, &err) == 0) {
        rc = LB_EXIT_OK;
        if (!tg->quiet)
            confirm(tg, rows, n, &content, row_index, replaced);
    }
    if (err.msg[0] != '\0')
        cli_error("%s", err.msg);
    free(path);
    free(beside);
    free(row_index);
    free(replaced);
    lb_buf_release(&content);
    return rc;
}
