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

#include "base/error.h"
#include "base/quote.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "core/board.h"
#include "core/table.h"
#include "core/top.h"
#include "export/charts.h"

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
    "                              ratings, win-rate, counts: the charts\n"
    "                                          of a file of votes (below)\n"
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
    "A file of votes (JSON battles, or CSV with model_a and model_b, see\n"
    "'leaderboard battles --help') draws other charts: ratings (each model's\n"
    "rating with its 95% interval, rank 1 on top, top 20), win-rate (the\n"
    "observed win rates of the first 15 against each other, a heatmap) and\n"
    "counts (their votes, a heatmap); it takes the options of 'battles' that\n"
    "choose and rate (--columns, -w, --weight, --method, --anchor, --k,\n"
    "--order, --bootstrap, --ci, --draws, --seed, --ties, -p), -n, and\n"
    "--title, --size and --range (the ratings' axis).\n"
    "\n"
    "Examples\n"
    "  leaderboard plot benchmarks/openllm.csv\n"
    "  leaderboard plot benchmarks/openllm_v1_final.csv --chart size -n 15 -o v1\n"
    "  leaderboard plot data.csv -b ARC,MMLU,GSM8K --script-only\n"
    "  leaderboard plot clean_battle.json --bootstrap 100 -o arena\n";

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
    CLI_CHART_STYLE_LONG,
    CLI_SIZE_COLUMN_LONG,
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
    struct lb_chart_style style; /* --title, --size, --range, --size-column */
};

/* Returns 0 to go on, -1 after --help, or an exit status. */
static int parse_args(int argc, char **argv, struct plot_args *a)
{
    struct lb_quoted q;
    int c, rc;

    memset(a, 0, sizeof *a);
    cli_board_args_init(&a->b);
    a->b.board.ci.enabled = true; /* intervals whenever the data allow */
    a->b.board.ci.if_possible = true;
    a->dir = DEFAULT_DIR;
    a->terminal = LB_TERMINAL_PNG;
    optind = 0; /* GNU: restart scanning */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":" CLI_BOARD_SHORT "o:h",
                            long_options, NULL)) != -1) {
        rc = cli_board_option("plot", c, optarg, &a->b);
        if (rc == 1)
            rc = cli_chart_style_option("plot", c, optarg, &a->style);
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
            rc = cli_chart_list("plot", optarg, false, a->chart,
                                &a->charts_given);
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
            cli_board_help(stdout, true);
            fputs("Uncertainty (error bars and the 'ranks' chart, when every "
                  "benchmark has a\nstandard error)\n",
                  stdout);
            fputs(cli_ci_help, stdout);
            fputs("\n", stdout);
            cli_chart_style_help(stdout, false);
            fputs(usage_tail, stdout);
            return -1;
        default:
            return cli_option_error_near("plot", c, argv, long_options);
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

/* A path on standard output, terminal-safe, and a newline. */
int cmd_plot(int argc, char **argv)
{
    struct plot_args a;
    struct lb_table t;
    struct lb_board board;
    struct lb_error err;
    struct lb_charts_opts o;
    struct lb_chart_out *charts = NULL;
    size_t n = 0;
    int rc;

    /* a file of votes has its own options and charts */
    if (cli_battles_is_votes(argc, argv))
        return cli_battles_plot(argc, argv);
    rc = parse_args(argc, argv, &a);

    if (rc != 0) {
        cli_board_args_release(&a.b);
        return rc < 0 ? LB_EXIT_OK : rc;
    }
    /* the charts pick their own rows; --top is theirs */
    memset(&o, 0, sizeof o);
    memcpy(o.want, a.chart, sizeof o.want);
    o.any = a.charts_given;
    o.top = a.b.board.rank.top;
    o.terminal = a.terminal;
    o.dir = a.dir;
    o.render = !a.script_only;
    o.style = a.style;
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
    /* a column named is a column there, whichever charts are drawn */
    if (o.style.size_column != NULL) {
        size_t col;

        if (lb_chart_size_column(&t, &o.style, &col, &err) != 0) {
            cli_error("%s", err.msg);
            lb_board_release(&board);
            lb_table_release(&t);
            cli_board_args_release(&a.b);
            return LB_EXIT_FAILURE;
        }
    }
    /* a spider chart needs three axes: left out of the default charts,
     * with a note */
    if (!o.any && board.sel.nbench < 3 && board.ranking.n_listed_ranked > 0)
        cli_error("note: no chart 'profile': a spider chart needs 3 "
                  "benchmarks or more (%zu chosen)",
                  board.sel.nbench);
    if (lb_charts_draw(&board, &o, &charts, &n, &err) != 0) {
        cli_error("%s", err.msg);
        rc = LB_EXIT_FAILURE;
    } else {
        rc = cli_plot_report(charts, n, o.render);
    }
    lb_charts_free(charts, n);
    lb_board_release(&board);
    lb_table_release(&t);
    cli_board_args_release(&a.b);
    return rc;
}
