#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/fileio.h"
#include "base/quote.h"
#include "base/suggest.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "core/catalog.h"
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

static int option_error(const char *cmd, int c, char **argv)
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

static const char *option_name(const void *ctx, size_t i)
{
    return ((const struct option *)ctx)[i].name;
}

int cli_option_error_near(const char *cmd, int c, char **argv,
                          const struct option *opts)
{
    struct lb_quoted q;
    struct lb_did_you_mean dm;
    struct lb_buf name = LB_BUF_INIT, near = LB_BUF_INIT;
    const char *arg = argv[optind - 1], *eq;
    size_t n = 0, k;
    int rc;

    if (c == ':' || strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
        return option_error(cmd, c, argv);
    eq = strchr(arg, '=');
    lb_buf_add(&name, arg + 2, eq != NULL ? (size_t)(eq - arg - 2)
                                          : strlen(arg + 2));
    while (opts[n].name != NULL)
        n++;
    k = lb_suggest(lb_buf_str(&name), n, option_name, opts);
    if (k != LB_SUGGEST_NONE)
        lb_buf_addf(&near, "--%s", opts[k].name);
    rc = cli_usage_error(cmd, "unknown option %s%s", lb_quotes(&q, arg),
                         lb_did_you_mean(&dm, k != LB_SUGGEST_NONE
                                                  ? lb_buf_str(&near)
                                                  : NULL));
    lb_buf_release(&name);
    lb_buf_release(&near);
    return rc;
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

int cli_suite_option(const char *cmd, const char *arg,
                     const struct lb_suite **out)
{
    const struct lb_suite *const *s = lb_catalog_suites();
    struct lb_quoted q;
    struct lb_buf ids = LB_BUF_INIT;
    size_t i, n;
    int rc;

    *out = lb_catalog_suite(arg);
    if (*out != NULL)
        return 0;
    for (n = 0; s[n] != NULL; n++)
        ;
    for (i = 0; i < n; i++)
        lb_buf_addf(&ids, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
                    s[i]->id);
    rc = cli_usage_error(cmd, "--suite: %s is not %s", lb_quotes(&q, arg),
                         lb_buf_str(&ids));
    lb_buf_release(&ids);
    return rc;
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
    struct lb_publish *p = &f->publish;
    struct lb_buf names = LB_BUF_INIT;
    struct lb_error err;
    struct lb_quoted q;
    int rc;

    lb_error_init(&err);
    switch (c) {
    case 'o':
        f->output = arg;
        return 0;
    case CLI_OPT_TITLE:
        p->title = arg;
        return 0;
    case CLI_OPT_SOURCE:
        p->source = arg;
        return 0;
    case CLI_OPT_DATE:
        p->date = arg;
        return 0;
    case CLI_OPT_CAPTION:
        p->caption = arg;
        return 0;
    case CLI_OPT_LINK:
        if (lb_publish_link_check(arg, &err) != 0)
            return cli_usage_error(cmd, "%s", err.msg);
        p->link = arg;
        return 0;
    case CLI_OPT_LABEL:
        if (lb_publish_label_check(arg, &err) != 0)
            return cli_usage_error(cmd, "%s", err.msg);
        p->label = arg;
        return 0;
    case CLI_OPT_WIDTH:
        if (lb_publish_width_check(arg, &err) != 0)
            return cli_usage_error(cmd, "%s", err.msg);
        p->width = arg;
        return 0;
    default:
        break;
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

int cli_format_finish(const char *cmd, struct cli_format *f)
{
    const struct lb_publish *p = &f->publish;
    const char *html = p->title    ? "--title"
                       : p->source ? "--source"
                       : p->date   ? "--date"
                       : p->link   ? "--link"
                                   : NULL;
    const char *latex = p->caption ? "--caption"
                        : p->label ? "--label"
                        : p->width ? "--width"
                                   : NULL;

    if (!f->given && f->output != NULL)
        f->format = lb_format_for_path(f->output);
    if (f->format == NULL)
        f->format = lb_formats[0];
    if (html != NULL && f->format != &lb_format_html)
        return cli_usage_error(cmd, "%s is for the HTML page (-f html, or -o "
                                    "FILE.html); the format here is %s",
                               html, f->format->name);
    if (latex != NULL && f->format != &lb_format_latex)
        return cli_usage_error(cmd, "%s is for the LaTeX table (-f latex, or "
                                    "-o FILE.tex); the format here is %s",
                               latex, f->format->name);
    return 0;
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
                    "when complete)\n"
                    "      --title TEXT          html: the page's heading\n"
                    "      --source TEXT         html: the source line's "
                    "source (default: the\n"
                    "                            input file's name; '' for "
                    "none)\n"
                    "      --date TEXT           html: the source line's date "
                    "(default: when the\n"
                    "                            input file was modified; '' "
                    "for none)\n"
                    "      --link URL            html: link each model to URL, "
                    "{model} replaced by\n"
                    "                            its name "
                    "('https://huggingface.co/{model}')\n"
                    "      --caption TEXT        latex: a table float with "
                    "this caption\n"
                    "      --label NAME          latex: ... and this \\label\n"
                    "      --width WIDTH         latex: the table scaled to "
                    "WIDTH (\\linewidth, 12cm)\n");
    fputs(lb_buf_str(&b), fp);
    lb_buf_release(&b);
}

/* The page's source line by default: the base names of the files read;
 * the date the newest of them was modified, in UTC, not later than
 * SOURCE_DATE_EPOCH (reproducible builds) when that is set. Standard input
 * has neither. */
static void default_source(const struct cli_format *f, struct lb_buf *source,
                           char date[16])
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    time_t newest = 0, t;
    struct stat st;
    struct tm tm;
    size_t i;

    date[0] = '\0';
    for (i = 0; i < f->ninputs; i++) {
        const char *path = f->inputs[i], *base = strrchr(path, '/');

        if (strcmp(path, "-") == 0)
            continue;
        if (source->len > 0)
            lb_buf_adds(source, i + 1 == f->ninputs ? " and " : ", ");
        lb_buf_adds(source, base != NULL && base[1] != '\0' ? base + 1 : path);
        if (stat(path, &st) == 0 && st.st_mtime > newest)
            newest = st.st_mtime;
    }
    if (newest == 0)
        return;
    if (epoch != NULL && epoch[0] >= '0' && epoch[0] <= '9') {
        char *end;
        long long e = strtoll(epoch, &end, 10);

        if (*end == '\0' && e >= 0 && (time_t)e < newest)
            newest = (time_t)e;
    }
    t = newest;
    if (gmtime_r(&t, &tm) != NULL)
        (void)strftime(date, 16, "%Y-%m-%d", &tm);
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

int cli_write_view(const struct cli_format *f, struct lb_view *v,
                   struct lb_error *err)
{
    struct lb_publish p = f->publish;
    struct lb_buf source = LB_BUF_INIT;
    struct cli_output out;
    char date[16];
    int rc = -1;

    if (f->format == &lb_format_html) {
        default_source(f, &source, date);
        if (p.source == NULL)
            p.source = lb_buf_str(&source);
        if (p.date == NULL)
            p.date = date;
    }
    v->publish = &p;
    if (cli_output_open(&out, f->output) != 0)
        goto out;
    if (lb_format_write(f->format, out.fp, v, err) != 0) {
        cli_output_fail(&out, err);
        goto out;
    }
    rc = cli_output_commit(&out);
out:
    v->publish = NULL;
    lb_buf_release(&source);
    return rc;
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

/* The charts written by plot and battles (cli_plot_report): a path per
 * line, rendered terminal-safe. */
static void print_path(const char *path)
{
    struct lb_buf b = LB_BUF_INIT;

    (void)lb_utf8_render(&b, path, strlen(path), 0);
    lb_buf_addc(&b, '\n');
    fwrite(b.data, 1, b.len, stdout);
    lb_buf_release(&b);
}

int cli_plot_report(const struct lb_chart_out *c, size_t n, bool rendered)
{
    struct lb_quoted q;
    size_t i, j;
    int rc = LB_EXIT_OK;

    for (i = 0; i < n; i++) {
        if (!rendered) {
            print_path(c[i].gp_path);
            continue;
        }
        if (c[i].status == LB_GNUPLOT_OK) {
            print_path(c[i].image_path);
            continue;
        }
        cli_error("%s", c[i].err.msg);
        rc = LB_EXIT_PLOT;
        if (c[i].status == LB_GNUPLOT_MISSING) {
            cli_error("the scripts and data are written; to render them, "
                      "install gnuplot 5.4 or later (Debian: gnuplot-nox) "
                      "and run:");
            for (j = 0; j < n; j++)
                fprintf(stderr, "  gnuplot %s\n", lb_quotes(&q, c[j].gp_path));
            break;
        }
    }
    return rc;
}
