/* charts.c: drawing a board's charts (see charts.h). */
#include "export/charts.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/quote.h"
#include "base/xalloc.h"

/* {======================================================================
 * Files
 * ======================================================================= */

/* mkdir -p: creates dir and its missing parents. Returns 0, or -1 with a
 * message in err. */
static int make_dirs(const char *dir, struct lb_error *err)
{
    struct lb_quoted q;
    char *path = xstrdup(dir);
    char *p = path;
    struct stat st;
    int rc = 0;

    for (;;) {
        char saved;

        while (*p == '/')
            p++;
        while (*p != '\0' && *p != '/')
            p++;
        saved = *p;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            int e = errno;

            rc = lb_error_set(err, "cannot create directory %s: %s",
                              lb_quotes(&q, path), strerror(e));
            break;
        }
        *p = saved;
        if (saved == '\0')
            break;
    }
    if (rc == 0 && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)))
        rc = lb_error_set(err, "cannot write into %s: not a directory",
                          lb_quotes(&q, dir));
    free(path);
    return rc;
}

/* Writes path whole or not at all (base/fileio.h: an unnamed temporary
 * file put in place once complete, links followed, the mode kept).
 * Returns 0, or -1 with a message in err naming the file. */
static int write_file(const char *path, const struct lb_buf *content,
                      struct lb_error *err)
{
    struct lb_file_tmp t;

    if (lb_file_tmp_open(&t, path, -1, LB_FILE_TMP_IN_PLACE, err) != 0)
        return -1;
    /* a failed write is reported by the commit */
    if (content->len > 0)
        (void)lb_file_tmp_write(&t, content->data, content->len);
    return lb_file_tmp_commit(&t, NULL, err) < 0 ? -1 : 0;
}

/* DIR/NAME.EXT, as the user would type it; caller frees. */
static char *chart_path(const char *dir, const char *name, const char *ext)
{
    struct lb_buf b = LB_BUF_INIT;
    size_t n = strlen(dir);

    lb_buf_adds(&b, dir);
    if (n > 0 && dir[n - 1] != '/')
        lb_buf_addc(&b, '/');
    lb_buf_addf(&b, "%s.%s", name, ext);
    return b.data;
}

/* An unnamed file, read-write (O_TMPFILE, or a named one unlinked at
 * once): it disappears with the process. Returns its descriptor, or -1
 * with a message in err. */
static int anonymous_file(struct lb_error *err)
{
    const char *tmpdir = getenv("TMPDIR");
    const char *dir = tmpdir != NULL && tmpdir[0] == '/' ? tmpdir : "/tmp";
    struct lb_buf path = LB_BUF_INIT;
    struct lb_quoted q;
    int fd;

#ifdef O_TMPFILE
    fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0)
        return fd;
#endif
    lb_buf_addf(&path, "%s/leaderboard-chart-XXXXXX", dir);
    fd = mkstemp(path.data);
    if (fd >= 0) {
        unlink(path.data);
        (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    } else {
        int e = errno;

        lb_error_set(err, "cannot create a file for a chart in %s: %s",
                     lb_quotes(&q, dir), strerror(e));
    }
    lb_buf_release(&path);
    return fd;
}

/* }====================================================================== */

/* {======================================================================
 * SVG
 * ======================================================================= */

/* gnuplot 5.4's svg terminal leaves the fill of some line paths to SVG's
 * default, black (in a spider chart, every outline after the first is a
 * black polygon): its line paths, "<path stroke=...", are never filled,
 * so each gets fill='none'. */
static const char *find(const char *s, const char *end, const char *what,
                        size_t n)
{
    for (; (size_t)(end - s) >= n; s++) {
        s = memchr(s, what[0], (size_t)(end - s) - n + 1);
        if (s == NULL)
            return NULL;
        if (memcmp(s, what, n) == 0)
            return s;
    }
    return NULL;
}

static void unfill_lines(struct lb_buf *svg)
{
    static const char tag[] = "<path stroke=";
    struct lb_buf fixed = LB_BUF_INIT;
    const char *s = lb_buf_str(svg), *end = s + svg->len, *hit;

    while ((hit = find(s, end, tag, sizeof tag - 1)) != NULL) {
        lb_buf_add(&fixed, s, (size_t)(hit - s));
        lb_buf_adds(&fixed, "<path fill='none' stroke=");
        s = hit + sizeof tag - 1;
    }
    lb_buf_add(&fixed, s, (size_t)(end - s));
    lb_buf_release(svg);
    *svg = fixed;
}

static int read_fd(int fd, struct lb_buf *out, struct lb_error *err)
{
    char block[65536];
    ssize_t n;
    off_t at = 0;

    while ((n = pread(fd, block, sizeof block, at)) > 0) {
        lb_buf_add(out, block, (size_t)n);
        at += n;
    }
    if (n < 0) {
        int e = errno;

        return lb_error_set(err, "cannot read a chart: %s", strerror(e));
    }
    return 0;
}

static int read_file(const char *path, struct lb_buf *out,
                     struct lb_error *err)
{
    struct lb_quoted q;
    int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

    if (fd < 0) {
        int e = errno;

        return lb_error_set(err, "cannot read %s: %s", lb_quotes(&q, path),
                            strerror(e));
    }
    rc = read_fd(fd, out, err);
    close(fd);
    return rc;
}

/* }====================================================================== */

/* {======================================================================
 * Rendering
 * ======================================================================= */

/* The script's path as gnuplot must get it: starting with '/' or "./",
 * since gnuplot would take a leading '-' for an option; caller frees. */
static char *spawn_path(const char *path)
{
    struct lb_buf b = LB_BUF_INIT;

    if (path[0] != '/' && strncmp(path, "./", 2) != 0)
        lb_buf_adds(&b, "./");
    lb_buf_adds(&b, path);
    return b.data;
}

/* Renders DIR/NAME.gp into DIR/NAME.EXT. */
static void render_file(struct lb_chart_out *c, enum lb_terminal t)
{
    char *script = spawn_path(c->gp_path);

    c->status = lb_gnuplot_run(script, c->image_path, t, &c->err);
    free(script);
    if (c->status == LB_GNUPLOT_OK && t == LB_TERMINAL_SVG) {
        struct lb_buf svg = LB_BUF_INIT;

        if (read_file(c->image_path, &svg, &c->err) != 0)
            c->status = LB_GNUPLOT_FAILED;
        else {
            unfill_lines(&svg);
            if (write_file(c->image_path, &svg, &c->err) != 0)
                c->status = LB_GNUPLOT_FAILED;
        }
        lb_buf_release(&svg);
    }
}

/* Renders the embedded script gp into c->image, through unnamed files. */
static void render_pipe(struct lb_chart_out *c, const struct lb_buf *gp,
                        enum lb_terminal t)
{
    int in = anonymous_file(&c->err), out = in < 0 ? -1 : anonymous_file(&c->err);

    c->status = LB_GNUPLOT_FAILED;
    if (in >= 0 && out >= 0) {
        if (write(in, gp->data, gp->len) != (ssize_t)gp->len) {
            int e = errno;

            lb_error_set(&c->err, "cannot write a chart's script: %s",
                         strerror(e ? e : EIO));
        } else {
            c->status = lb_gnuplot_pipe(in, out, t, &c->err);
        }
    }
    if (c->status == LB_GNUPLOT_OK && read_fd(out, &c->image, &c->err) != 0)
        c->status = LB_GNUPLOT_FAILED;
    if (c->status == LB_GNUPLOT_OK && t == LB_TERMINAL_SVG)
        unfill_lines(&c->image);
    if (in >= 0)
        close(in);
    if (out >= 0)
        close(out);
}

/* }====================================================================== */

/* What the charts are drawn from: a board, or ratings from votes. */
struct source {
    const struct lb_board *board;
    const struct lb_battles *battles;
    const struct lb_chart_style *style;
};

static int check(const struct source *s, enum lb_chart k, struct lb_error *err)
{
    return s->board != NULL ? lb_chart_check_style(s->board, k, s->style, err)
                            : lb_chart_check_battles(s->battles, k, err);
}

/* Whether chart k is drawn: asked for, or by default every chart the
 * source supports ('average' of a board always, to say why not). */
static bool wanted(const struct source *s, const struct lb_charts_opts *o,
                   enum lb_chart k)
{
    if (o->any)
        return o->want[k];
    if (s->board != NULL && k == LB_CHART_AVERAGE)
        return true;
    if (s->battles != NULL && k == LB_CHART_RATINGS)
        return true;
    return check(s, k, NULL) == 0;
}

static int draw(const struct source *s, const struct lb_charts_opts *o,
                struct lb_chart_out **out, size_t *n, struct lb_error *err)
{
    struct lb_chart_opts co;
    struct lb_buf *gp = xcalloc(LB_CHART_COUNT, sizeof *gp);
    struct lb_buf *dat = xcalloc(LB_CHART_COUNT, sizeof *dat);
    struct lb_chart_out *c = xcalloc(LB_CHART_COUNT, sizeof *c);
    size_t i, m = 0;
    int rc = 0;
    bool missing = false;

    memset(&co, 0, sizeof co);
    co.top = o->top;
    co.terminal = o->terminal;
    co.embed = o->dir == NULL;
    co.style = o->style;
    /* every script and its data in memory before any file is written */
    for (i = 0; i < LB_CHART_COUNT && rc == 0; i++) {
        enum lb_chart k = (enum lb_chart)i;

        if (!wanted(s, o, k))
            continue;
        c[m].kind = k;
        rc = s->board != NULL
                 ? lb_chart_write(s->board, k, &co, &gp[m], &dat[m], err)
                 : lb_chart_write_battles(s->battles, k, &co, &gp[m], &dat[m],
                                          err);
        if (o->dir != NULL) {
            c[m].gp_path = chart_path(o->dir, lb_chart_name(k), "gp");
            c[m].dat_path = chart_path(o->dir, lb_chart_name(k), "dat");
            c[m].image_path = chart_path(o->dir, lb_chart_name(k),
                                         lb_terminal_ext(o->terminal));
        }
        m++;
    }
    if (rc == 0 && o->dir != NULL)
        rc = make_dirs(o->dir, err);
    /* the data first: a script never refers to data not yet written */
    for (i = 0; i < m && rc == 0 && o->dir != NULL; i++)
        if (write_file(c[i].dat_path, &dat[i], err) != 0 ||
            write_file(c[i].gp_path, &gp[i], err) != 0)
            rc = -1;
    for (i = 0; i < m && rc == 0 && o->render; i++) {
        if (missing) {
            c[i].status = LB_GNUPLOT_MISSING;
            continue;
        }
        if (o->dir != NULL)
            render_file(&c[i], o->terminal);
        else
            render_pipe(&c[i], &gp[i], o->terminal);
        missing = c[i].status == LB_GNUPLOT_MISSING;
    }
    for (i = 0; i < LB_CHART_COUNT; i++) {
        lb_buf_release(&gp[i]);
        lb_buf_release(&dat[i]);
    }
    free(gp);
    free(dat);
    *out = c;
    *n = m;
    return rc;
}

int lb_charts_draw(const struct lb_board *b, const struct lb_charts_opts *o,
                   struct lb_chart_out **out, size_t *n, struct lb_error *err)
{
    struct source s = {b, NULL, &o->style};

    return draw(&s, o, out, n, err);
}

int lb_charts_draw_battles(const struct lb_battles *b,
                           const struct lb_charts_opts *o,
                           struct lb_chart_out **out, size_t *n,
                           struct lb_error *err)
{
    struct source s = {NULL, b, &o->style};

    return draw(&s, o, out, n, err);
}

int lb_charts_draw_script(const char *name, struct lb_buf *gp,
                          struct lb_buf *dat, const struct lb_charts_opts *o,
                          struct lb_chart_out **outp, struct lb_error *err)
{
    struct lb_chart_out *out = xcalloc(1, sizeof *out);

    *outp = out;
    if (o->dir != NULL) {
        out->gp_path = chart_path(o->dir, name, "gp");
        out->dat_path = chart_path(o->dir, name, "dat");
        out->image_path = chart_path(o->dir, name,
                                     lb_terminal_ext(o->terminal));
        /* the data first: a script never refers to data not yet written */
        if (make_dirs(o->dir, err) != 0 ||
            write_file(out->dat_path, dat, err) != 0 ||
            write_file(out->gp_path, gp, err) != 0)
            return -1;
    }
    if (!o->render)
        return 0;
    if (o->dir != NULL)
        render_file(out, o->terminal);
    else
        render_pipe(out, gp, o->terminal);
    return 0;
}

void lb_charts_free(struct lb_chart_out *out, size_t n)
{
    size_t i;

    if (out == NULL)
        return;
    for (i = 0; i < n; i++) {
        free(out[i].gp_path);
        free(out[i].dat_path);
        free(out[i].image_path);
        lb_buf_release(&out[i].image);
    }
    free(out);
}
