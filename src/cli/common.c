#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/quote.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "export/charts.h"
#include "export/format.h"

/* Prints "PREFIX MESSAGE\n" on stderr, the options that library messages
 * name (LB_OPT) spelt as flags: "--weights". */
static void say(const char *prefix, const char *fmt, va_list ap)
{
    struct lb_buf raw = LB_BUF_INIT, out = LB_BUF_INIT;
    va_list copy;
    int n;

    va_copy(copy, ap);
    n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    lb_buf_reserve(&raw, n > 0 ? (size_t)n : 0);
    (void)vsnprintf(raw.data, raw.cap, fmt, ap);
    lb_buf_adds(&out, prefix);
    lb_error_render(&out, lb_buf_str(&raw), "--");
    lb_buf_addc(&out, '\n');
    fputs(lb_buf_str(&out), stderr);
    lb_buf_release(&raw);
    lb_buf_release(&out);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    say("leaderboard: ", fmt, ap);
    va_end(ap);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    struct lb_buf prefix = LB_BUF_INIT;
    va_list ap;

    lb_buf_addf(&prefix, "leaderboard %s: ", cmd);
    va_start(ap, fmt);
    say(lb_buf_str(&prefix), fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try 'leaderboard %s --help' for more information.\n",
            cmd);
    lb_buf_release(&prefix);
    return LB_EXIT_USAGE;
}

int cli_option_error(const char *cmd, int c, char **argv)
{
    struct lb_quoted q;
    const char *arg = argv[optind - 1];

    if (c == ':')
        return cli_usage_error(cmd, "option %s needs a value",
                               lb_quotes(&q, arg));
    if (optopt != 0 && strncmp(arg, "--", 2) != 0) {
        char opt[3] = {'-', (char)optopt, '\0'};

        return cli_usage_error(cmd, "unknown option %s", lb_quotes(&q, opt));
    }
    return cli_usage_error(cmd, "unknown option %s", lb_quotes(&q, arg));
}

bool cli_parse_size(const char *s, unsigned long min, unsigned long max,
                    unsigned long *out)
{
    unsigned long v = 0;
    const char *p = s;

    if (*p == '\0')
        return false;
    for (; *p != '\0'; p++) {
        if (*p < '0' || *p > '9')
            return false;
        if (v > (max - (unsigned long)(*p - '0')) / 10)
            return false;
        v = v * 10 + (unsigned long)(*p - '0');
    }
    if (v < min)
        return false;
    *out = v;
    return true;
}

bool cli_parse_seconds(const char *s, long long *ms)
{
    long long whole = 0, frac = 0;
    int decimals = 0;
    const char *p = s;

    if (*p < '0' || *p > '9')
        return false;
    for (; *p >= '0' && *p <= '9'; p++) {
        whole = whole * 10 + (*p - '0');
        if (whole > CLI_WAIT_MAX)
            return false;
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++) {
            if (++decimals > 3)
                return false;
            frac = frac * 10 + (*p - '0');
        }
        if (decimals == 0)
            return false;
    }
    if (*p != '\0')
        return false;
    for (; decimals < 3; decimals++)
        frac *= 10;
    *ms = whole * 1000 + frac;
    return true;
}

int cli_number_option(const char *cmd, const char *option, const char *arg,
                      unsigned long min, unsigned long max,
                      unsigned long *out)
{
    struct lb_quoted q;

    if (cli_parse_size(arg, min, max, out))
        return 0;
    return cli_usage_error(cmd, "%s: %s is not a whole number from %lu to %lu",
                           option, lb_quotes(&q, arg), min, max);
}

int cli_output_open(struct cli_output *o, const char *path)
{
    struct lb_error err;
    int rc;

    memset(o, 0, sizeof *o);
    lb_error_init(&err);
    if (path == NULL || strcmp(path, "-") == 0) {
        /* our stream writes to the descriptor: nothing may wait in stdout */
        fflush(stdout);
        rc = lb_file_tmp_fd(&o->tmp, STDOUT_FILENO, &err);
    } else {
        rc = lb_file_tmp_open(&o->tmp, path, -1, LB_FILE_TMP_IN_PLACE, &err);
    }
    if (rc != 0) {
        cli_error("%s", err.msg);
        return -1;
    }
    o->fp = o->tmp.fp;
    return 0;
}

int cli_output_commit(struct cli_output *o)
{
    struct lb_error err;
    char *path = o->tmp.path != NULL ? xstrdup(o->tmp.path) : NULL;
    int rc;

    lb_error_init(&err);
    rc = lb_file_tmp_commit(&o->tmp, NULL, &err);
    o->fp = NULL;
    if (rc != 0) {
        cli_error("%s", err.msg);
        rc = -1;
    } else if (o->tmp.unsynced != 0) {
        struct lb_quoted q;

        /* the file is in place: say what is in doubt, and succeed */
        cli_error("warning: %s is written, but syncing its directory failed: "
                  "%s; the change may not survive a system crash",
                  lb_quotes(&q, path), strerror(o->tmp.unsynced));
    }
    free(path);
    return rc;
}

void cli_output_fail(struct cli_output *o, struct lb_error *err)
{
    (void)lb_file_tmp_failed(&o->tmp, err);
    cli_output_abort(o);
}

void cli_output_abort(struct cli_output *o)
{
    lb_file_tmp_abort(&o->tmp);
    o->fp = NULL;
}

int cli_format_option(const char *cmd, int c, const char *arg,
                      struct cli_format *f)
{
    struct lb_buf names = LB_BUF_INIT;
    struct lb_quoted q;
    int rc;

    if (c == 'o') {
        f->output = arg;
        return 0;
    }
    f->format = lb_format_find(arg);
    if (f->format != NULL) {
        f->given = true;
        return 0;
    }
    lb_format_list(&names, " or ");
    rc = cli_usage_error(cmd, "--format: %s is not %s", lb_quotes(&q, arg),
                         lb_buf_str(&names));
    lb_buf_release(&names);
    return rc;
}

void cli_format_finish(struct cli_format *f)
{
    if (!f->given && f->output != NULL)
        f->format = lb_format_for_path(f->output);
    if (f->format == NULL)
        f->format = lb_formats[0];
}

void cli_format_help(FILE *fp)
{
    struct lb_buf b = LB_BUF_INIT;

    lb_buf_adds(&b, "Output\n"
                    "  -f, --format FORMAT       the output's format (default "
                    "for -o: from the\n"
                    "                            file's extension):\n");
    lb_format_help(&b, 30);
    lb_buf_adds(&b, "  -o, --output FILE         write to FILE (replaced only "
                    "when complete)\n");
    fputs(lb_buf_str(&b), fp);
    lb_buf_release(&b);
}

/* {======================================================================
 * The HTML page's figures
 * ======================================================================= */

int cli_page_figures(struct lb_chart_out *charts, size_t n,
                     struct lb_figure **figs, size_t *nfigs,
                     const char **note)
{
    size_t i;

    *figs = xcalloc(n + 1, sizeof **figs);
    for (i = 0; i < n; i++) {
        struct lb_chart_out *c = &charts[i];

        if (c->status != LB_GNUPLOT_OK) {
            /* the page is written; say why it has no charts */
            cli_error("%s", c->err.msg);
            cli_error("the page has no charts%s; --no-charts leaves them out "
                      "on purpose",
                      c->status == LB_GNUPLOT_MISSING
                          ? " (install gnuplot 5.4 or later, Debian: "
                            "gnuplot-nox)"
                          : "");
            *note = c->status == LB_GNUPLOT_MISSING
                        ? "No charts: gnuplot was not found when this page "
                          "was made."
                        : "No charts: gnuplot failed when this page was made.";
            free(*figs);
            *figs = NULL;
            *nfigs = 0;
            return LB_EXIT_PLOT;
        }
        (*figs)[i].caption = lb_chart_caption(c->kind);
        (*figs)[i].svg = c->image.data;
        (*figs)[i].len = c->image.len;
    }
    *nfigs = n;
    return LB_EXIT_OK;
}

/* {======================================================================
 * A view written out, and --chart lists
 * ======================================================================= */

int cli_write_view(const struct cli_format *f, const struct lb_view *v,
                   struct lb_error *err)
{
    struct cli_output out;

    if (cli_output_open(&out, f->output) != 0)
        return -1;
    if (lb_format_write(f->format, out.fp, v, err) != 0) {
        cli_output_fail(&out, err);
        return -1;
    }
    return cli_output_commit(&out);
}

int cli_chart_list(const char *cmd, const char *list, bool votes,
                   bool *chart, bool *given)
{
    struct lb_quoted q;
    const char *s = list;

    for (;;) {
        const char *end = strchr(s, ',');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char *name = xmemdup0(s, len);
        enum lb_chart c;

        if (!lb_chart_parse(name, &c) || (votes && !lb_chart_for_battles(c))) {
            struct lb_buf names = LB_BUF_INIT;
            int rc;

            if (votes)
                lb_chart_list_battles(&names, " or ");
            else
                lb_chart_list(&names, " or ");
            rc = cli_usage_error(cmd, "--chart: %s is not %s%s",
                                 lb_quotes(&q, name),
                                 votes ? "a chart of votes: " : "",
                                 lb_buf_str(&names));
            lb_buf_release(&names);
            free(name);
            return rc;
        }
        free(name);
        chart[c] = true;
        *given = true;
        if (end == NULL)
            return 0;
        s = end + 1;
    }
}

int cli_chart_style_option(const char *cmd, int c, const char *arg,
                           struct lb_chart_style *s)
{
    struct lb_quoted q;

    switch (c) {
    case CLI_OPT_CHART_TITLE:
        if (arg[0] == '\0')
            return cli_usage_error(cmd, "--title: the title is empty");
        s->title = arg;
        return 0;
    case CLI_OPT_CHART_SIZE:
        if (!lb_chart_size_parse(arg, &s->width, &s->height))
            return cli_usage_error(cmd,
                                   "--size: %s is not WIDTHxHEIGHT in pixels "
                                   "(each %d to %d, such as 1280x720)",
                                   lb_quotes(&q, arg), LB_CHART_MIN_PX,
                                   LB_CHART_MAX_PX);
        return 0;
    case CLI_OPT_CHART_RANGE:
        if (!lb_chart_range_parse(arg, &s->range))
            return cli_usage_error(cmd,
                                   "--range: %s is not LO:HI, LO: or :HI "
                                   "(numbers, LO below HI, such as 60:90)",
                                   lb_quotes(&q, arg));
        return 0;
    case CLI_OPT_SIZE_COLUMN:
        if (arg[0] == '\0')
            return cli_usage_error(cmd, "--size-column: the column name is "
                                        "empty");
        s->size_column = arg;
        return 0;
    default:
        return 1;
    }
}

void cli_chart_style_help(FILE *fp, bool votes)
{
    fputs("Appearance (every chart drawn)\n"
          "      --title TEXT          the title's first line (the lines "
          "below, saying\n"
          "                            what is shown, stay)\n"
          "      --size WxH            the image in pixels, such as 1280x720 "
          "(each side\n"
          "                            320 to 10000; default: each chart's "
          "own); rows or\n"
          "                            labels that would not fit are left "
          "out, and the\n"
          "                            title says so\n"
          "      --range LO:HI         the value axis, such as 60:90, 60: or "
          ":90 (default:\n"
          "                            from the data; zero is on it when the "
          "values reach\n"
          "                            a quarter of the way to zero); bars "
          "only when the\n"
          "                            axis holds zero, dots otherwise\n",
          fp);
    if (!votes)
        fputs("      --size-column NAME    the 'size' chart's column of "
              "parameter counts\n"
              "                            (default: params_b, params, "
              "parameters or\n"
              "                            num_params)\n",
              fp);
    fputs("\n", fp);
}
