/* plot.c: 'leaderboard plot FILE': charts as gnuplot scripts, data and
 * images.
 *
 * Every script and data file is built in memory first, then written through
 * a temporary file renamed into place (cli_output_*), so that a failed run
 * never leaves half a script. Then gnuplot renders each script (unless
 * --script-only); when it cannot be started, the scripts stay and the
 * message says how to render them (exit status 3). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/quote.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "core/board.h"
#include "core/table.h"
#include "core/top.h"
#include "export/gnuplot.h"

#define DEFAULT_DIR "plots"

static const char usage_head[] =
    "Usage: leaderboard plot [OPTION]... FILE\n"
    "Draw the charts of a score file (CSV) with gnuplot: for each chart a\n"
    "script DIR/NAME.gp, its data DIR/NAME.dat (numbers only) and the image\n"
    "DIR/NAME.png. FILE '-' reads standard input.\n"
    "\n";

static const char usage_tail[] =
    "Charts\n"
    "      --chart NAME,...      draw these charts (the option may be repeated;\n"
    "                            default: every chart the data supports):\n"
    "                              average     the ranking as horizontal bars,\n"
    "                                          rank 1 on top (top 20)\n"
    "                              benchmarks  a group of bars per model, a\n"
    "                                          colour per benchmark (top 8)\n"
    "                              profile     a spider chart of the top 8\n"
    "                                          across the benchmarks (grouped\n"
    "                                          bars under 3 benchmarks)\n"
    "                              size        the average against the\n"
    "                                          parameter count on a log scale,\n"
    "                                          top 10 labelled (needs a\n"
    "                                          params_b or params column)\n"
    "                              ranks       each model's 95% rank interval\n"
    "                                          from the bootstrap, rank 1 on\n"
    "                                          top (top 20; needs a standard\n"
    "                                          error per score)\n"
    "  -o, --output DIR          write into DIR (default: plots), created if\n"
    "                            missing; files are replaced only when complete\n"
    "      --terminal FORMAT     png (default, pngcairo) or svg\n"
    "      --script-only         write the scripts and data, do not run gnuplot\n"
    "  -h, --help                show this help and exit\n"
    "\n"
    "-n/--top N sets how many models every chart shows (labels, for size;\n"
    "at most 8 polygons, 500 bars, 100 groups). A script stands alone:\n"
    "'gnuplot DIR/NAME.gp', from any directory, reads NAME.dat and writes\n"
    "NAME.png next to the script. Labels are single-quoted gnuplot literals\n"
    "and gnuplot runs without a shell: a model name is shown, never run.\n"
    "Exit status 3: gnuplot is missing or failed (the scripts and data are\n"
    "written).\n"
    "\n"
    "Examples\n"
    "  leaderboard plot benchmarks/openllm.csv\n"
    "  leaderboard plot benchmarks/openllm_v1_final.csv --chart size -n 15 -o v1\n"
    "  leaderboard plot data.csv -b ARC,MMLU,GSM8K --script-only\n";

enum {
    OPT_CHART = CLI_OPT_FIRST_FREE,
    OPT_TERMINAL,
    OPT_SCRIPT_ONLY
};

static const struct option long_options[] = {
    CLI_BOARD_LONG,
    {"output", required_argument, NULL, 'o'},
    {"chart", required_argument, NULL, OPT_CHART},
    {"terminal", required_argument, NULL, OPT_TERMINAL},
    {"script-only", no_argument, NULL, OPT_SCRIPT_ONLY},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct plot_args {
    struct cli_board_args b;
    const char *file;
    const char *dir;
    bool chart[LB_CHART_COUNT]; /* charts asked for */
    bool charts_given;          /* --chart given */
    enum lb_terminal terminal;
    bool script_only;
};

/* Adds the charts of a comma-separated list; returns 0 or an exit status. */
static int add_charts(struct plot_args *a, const char *list)
{
    struct lb_quoted q;
    const char *s = list;

    for (;;) {
        const char *end = strchr(s, ',');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char *name = xmemdup0(s, len);
        enum lb_chart c;
        bool ok = lb_chart_parse(name, &c);

        if (!ok) {
            int rc = cli_usage_error(
                "plot",
                "--chart: %s is not average, benchmarks, profile, size or "
                "ranks",
                lb_quotes(&q, name));

            free(name);
            return rc;
        }
        free(name);
        a->chart[c] = true;
        a->charts_given = true;
        if (end == NULL)
            return 0;
        s = end + 1;
    }
}

/* Returns 0 to go on, -1 after --help, or an exit status. */
static int parse_args(int argc, char **argv, struct plot_args *a)
{
    struct lb_quoted q;
    int c, rc;

    memset(a, 0, sizeof *a);
    cli_board_args_init(&a->b);
    a->b.board.ci.enabled = true; /* intervals whenever the data allow */
    a->dir = DEFAULT_DIR;
    a->terminal = LB_TERMINAL_PNG;
    optind = 0; /* GNU: restart scanning */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":" CLI_BOARD_SHORT "o:h",
                            long_options, NULL)) != -1) {
        rc = cli_board_option("plot", c, optarg, &a->b);
        if (rc == 0)
            continue;
        if (rc != 1)
            return rc;
        switch (c) {
        case 'o':
            if (optarg[0] == '\0')
                return cli_usage_error("plot", "--output: the directory "
                                               "name is empty");
            a->dir = optarg;
            break;
        case OPT_CHART:
            rc = add_charts(a, optarg);
            if (rc != 0)
                return rc;
            break;
        case OPT_TERMINAL:
            if (!lb_terminal_parse(optarg, &a->terminal))
                return cli_usage_error("plot",
                                       "--terminal: %s is not png or svg",
                                       lb_quotes(&q, optarg));
            break;
        case OPT_SCRIPT_ONLY:
            a->script_only = true;
            break;
        case 'h':
            fputs(usage_head, stdout);
            fputs(cli_board_help, stdout);
            fputs("Uncertainty (error bars and the 'ranks' chart, when every "
                  "benchmark has a\nstandard error)\n",
                  stdout);
            fputs(cli_ci_help, stdout);
            fputs("\n", stdout);
            fputs(usage_tail, stdout);
            return -1;
        default:
            return cli_option_error("plot", c, argv);
        }
    }
    rc = cli_board_finish("plot", &a->b);
    if (rc != 0)
        return rc;
    if (optind >= argc)
        return cli_usage_error("plot", "missing FILE (a CSV score file, or - "
                                       "for standard input)");
    if (optind + 1 < argc)
        return cli_usage_error("plot", "one FILE only, got also %s",
                               lb_quotes(&q, argv[optind + 1]));
    a->file = argv[optind];
    return 0;
}

/* mkdir -p: creates dir and its missing parents. Returns 0, or -1 after
 * printing an error. */
static int make_dirs(const char *dir)
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

            cli_error("cannot create directory %s: %s", lb_quotes(&q, path),
                      strerror(e));
            rc = -1;
            break;
        }
        *p = saved;
        if (saved == '\0')
            break;
    }
    if (rc == 0 && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
        cli_error("cannot write into %s: not a directory", lb_quotes(&q, dir));
        rc = -1;
    }
    free(path);
    return rc;
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

/* The same path as gnuplot must get it: starting with '/' or "./", since
 * gnuplot would take a leading '-' for an option; caller frees. */
static char *spawn_path(const char *path)
{
    struct lb_buf b = LB_BUF_INIT;

    if (path[0] != '/' && strncmp(path, "./", 2) != 0)
        lb_buf_adds(&b, "./");
    lb_buf_adds(&b, path);
    return b.data;
}

/* Writes a file through a temporary file; returns 0, or -1 after printing
 * an error. */
static int write_file(const char *path, const struct lb_buf *content)
{
    struct cli_output out;

    if (cli_output_open(&out, path) != 0)
        return -1;
    if (content->len > 0 &&
        fwrite(content->data, 1, content->len, out.fp) != content->len) {
        struct lb_error err;

        lb_error_init(&err);
        cli_output_fail(&out, &err);
        cli_error("%s", err.msg);
        return -1;
    }
    return cli_output_commit(&out);
}

/* A path on standard output, terminal-safe, and a newline. */
static void print_path(const char *path)
{
    struct lb_buf b = LB_BUF_INIT;

    (void)lb_utf8_render(&b, path, strlen(path), 0);
    lb_buf_addc(&b, '\n');
    fwrite(b.data, 1, b.len, stdout);
    lb_buf_release(&b);
}

struct chart_files {
    enum lb_chart kind;
    struct lb_buf gp, dat;
    char *gp_path, *dat_path, *image_path;
};

/* Renders the charts; returns the exit status. */
static int render(const struct plot_args *a, struct chart_files *f, size_t n)
{
    struct lb_error err;
    struct lb_quoted q;
    size_t i;
    int rc = LB_EXIT_OK;

    for (i = 0; i < n; i++) {
        char *script = spawn_path(f[i].gp_path);
        enum lb_gnuplot_status st;

        lb_error_init(&err);
        st = lb_gnuplot_run(script, f[i].image_path, a->terminal, &err);
        free(script);
        if (st == LB_GNUPLOT_OK) {
            print_path(f[i].image_path);
            continue;
        }
        cli_error("%s", err.msg);
        rc = LB_EXIT_PLOT;
        if (st == LB_GNUPLOT_MISSING) {
            size_t j;

            cli_error("the scripts and data are written; to render them, "
                      "install gnuplot 5.4 or later (Debian: gnuplot-nox) "
                      "and run:");
            for (j = 0; j < n; j++)
                fprintf(stderr, "  gnuplot %s\n",
                        lb_quotes(&q, f[j].gp_path));
            break;
        }
    }
    return rc;
}

int cmd_plot(int argc, char **argv)
{
    struct plot_args a;
    struct lb_table t;
    struct lb_board board;
    struct lb_error err;
    struct chart_files files[LB_CHART_COUNT];
    struct lb_chart_opts copts;
    size_t n = 0, i;
    int rc = parse_args(argc, argv, &a);

    if (rc != 0) {
        cli_board_args_release(&a.b);
        return rc < 0 ? LB_EXIT_OK : rc;
    }
    /* the charts pick their own rows; --top is theirs */
    copts.top = a.b.board.rank.top;
    copts.terminal = a.terminal;
    a.b.board.rank.top = 0;

    lb_error_init(&err);
    {
        struct cli_progress pr;

        cli_progress_start(&pr, a.file, &a.b.load);
        rc = lb_board_load(&t, &board, a.file, &a.b.load, &a.b.board, &err);
        cli_progress_end(&pr, &a.b.load);
    }
    if (rc != 0) {
        cli_error("%s", err.msg);
        cli_board_args_release(&a.b);
        return LB_EXIT_FAILURE;
    }
    memset(files, 0, sizeof files);
    rc = LB_EXIT_FAILURE;

    /* every script and data file in memory before any file is written */
    for (i = 0; i < LB_CHART_COUNT; i++) {
        enum lb_chart c = (enum lb_chart)i;
        struct chart_files *f = &files[n];

        if (a.charts_given ? !a.chart[i]
                           : (c != LB_CHART_AVERAGE &&
                              lb_chart_check(&board, c, NULL) != 0))
            continue;
        f->kind = c;
        n++;
        if (lb_chart_write(&board, c, &copts, &f->gp, &f->dat, &err) != 0)
            goto out;
        f->gp_path = chart_path(a.dir, lb_chart_name(c), "gp");
        f->dat_path = chart_path(a.dir, lb_chart_name(c), "dat");
        f->image_path =
            chart_path(a.dir, lb_chart_name(c), lb_terminal_ext(a.terminal));
    }

    if (make_dirs(a.dir) != 0)
        goto out;
    /* the data first: a script never refers to data not yet written */
    for (i = 0; i < n; i++)
        if (write_file(files[i].dat_path, &files[i].dat) != 0 ||
            write_file(files[i].gp_path, &files[i].gp) != 0)
            goto out;

    if (a.script_only) {
        for (i = 0; i < n; i++)
            print_path(files[i].gp_path);
        rc = LB_EXIT_OK;
    } else {
        rc = render(&a, files, n);
    }
out:
    if (err.msg[0] != '\0')
        cli_error("%s", err.msg);
    for (i = 0; i < LB_CHART_COUNT; i++) {
        lb_buf_release(&files[i].gp);
        lb_buf_release(&files[i].dat);
        free(files[i].gp_path);
        free(files[i].dat_path);
        free(files[i].image_path);
    }
    lb_board_release(&board);
    lb_table_release(&t);
    cli_board_args_release(&a.b);
    return rc;
}
