/* rank.c: 'leaderboard rank FILE': averages and a tie-aware ranking. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/quote.h"
#include "cli/cli.h"
#include "core/board.h"
#include "core/top.h"
#include "core/table.h"
#include "base/xalloc.h"
#include "export/charts.h"
#include "export/compare.h"
#include "export/format.h"
#include "export/ranking.h"

static const char usage_head[] =
    "Usage: leaderboard rank [OPTION]... FILE\n"
    "Rank the models of a score file (CSV) by the average of their benchmark\n"
    "scores, or by one column. FILE '-' reads standard input.\n"
    "\n";

static const char usage_intervals[] =
    "Uncertainty\n"
    "      --ci                  add each model's 95% interval (CI low, CI\n"
    "                            high), its rank's 95% interval from a seeded\n"
    "                            parametric bootstrap (Rank low, Rank high),\n"
    "                            Chatbot Arena's upper-bound rank (UB rank) and\n"
    "                            P(rank 1); needs a standard error per score\n";

static const char usage_compare[] =
    "Stability\n"
    "      --compare-methods     instead of the board: each model's rank under\n"
    "                            every method and, under --method, with each\n"
    "                            benchmark left out (w/o NAME), and Kendall's\n"
    "                            tau-b of each order against the board's\n"
    "\n";

static const char usage_output[] =
    "      --no-charts           html: leave the charts out (without gnuplot\n"
    "                            the page has none, and the exit status is 3)\n"
    "  -h, --help                show this help and exit\n";

static const char usage_tail[] =
    "\n"
    "Averages are exact: scores are read as decimals and summed as integers.\n"
    "Values are rounded only when shown, half to even on the exact decimal\n"
    "value (79.065 shows as 79.06, 79.075 as 79.08). Inside a tie the order is\n"
    "exact value, then model name.\n"
    "\n"
    "Examples\n"
    "  leaderboard rank benchmarks/openllm.csv\n"
    "  leaderboard rank benchmarks/openllm.csv -b ARC,MMLU --ties dense -n 5\n"
    "  leaderboard rank benchmarks/openllm_v1_final.csv -n 20 -o top.md\n";

enum {
    OPT_CI = CLI_OPT_FIRST_FREE,
    OPT_COMPARE,
    OPT_NO_CHARTS
};

static const struct option long_options[] = {
    CLI_BOARD_LONG,
    {"ci", no_argument, NULL, OPT_CI},
    {"compare-methods", no_argument, NULL, OPT_COMPARE},
    CLI_FORMAT_LONG,
    {"no-charts", no_argument, NULL, OPT_NO_CHARTS},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct rank_args {
    struct cli_board_args b;
    const char *file;
    struct cli_format fmt; /* -f, -o */
    bool compare;          /* --compare-methods */
    bool no_charts;
};

/* Returns 0 to go on, -1 after --help, or an exit status. */
static int parse_args(int argc, char **argv, struct rank_args *a)
{
    struct lb_quoted q;
    int c, rc;

    memset(a, 0, sizeof *a);
    cli_board_args_init(&a->b);
    optind = 0; /* GNU: restart scanning */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":" CLI_BOARD_SHORT "f:o:h",
                            long_options, NULL)) != -1) {
        rc = cli_board_option("rank", c, optarg, &a->b);
        if (rc == 0)
            continue;
        if (rc != 1)
            return rc;
        switch (c) {
        CLI_FORMAT_CASES:
            rc = cli_format_option("rank", c, optarg, &a->fmt);
            if (rc != 0)
                return rc;
            break;
        case OPT_CI:
            a->b.board.ci.enabled = true;
            break;
        case OPT_COMPARE:
            a->compare = true;
            break;
        case OPT_NO_CHARTS:
            a->no_charts = true;
            break;
        case 'h':
            fputs(usage_head, stdout);
            cli_board_help(stdout, true);
            fputs(usage_intervals, stdout);
            fputs(cli_ci_help, stdout);
            fputs("\n", stdout);
            fputs(usage_compare, stdout);
            cli_format_help(stdout);
            fputs(usage_output, stdout);
            fputs(usage_tail, stdout);
            return -1;
        default:
            return cli_option_error_near("rank", c, argv, long_options);
        }
    }
    rc = cli_board_finish("rank", &a->b);
    if (rc != 0)
        return rc;
    if (a->compare && a->b.board.ci.enabled)
        return cli_usage_error("rank", "--ci and --compare-methods: give one");
    if (a->compare && a->b.board.select.sort != NULL)
        return cli_usage_error("rank", "--compare-methods compares "
                                       "aggregates: it takes no --sort");
    if (optind >= argc)
        return cli_usage_error("rank", "missing FILE (a CSV score file, or - "
                                       "for standard input)");
    if (optind + 1 < argc)
        return cli_usage_error("rank", "one FILE only, got also %s",
                               lb_quotes(&q, argv[optind + 1]));
    a->file = argv[optind];
    a->fmt.inputs = &a->file;
    a->fmt.ninputs = 1;
    return cli_format_finish("rank", &a->fmt);
}

/* The HTML page's charts: those of board b (without --top) that it
 * supports, as SVG, drawn without a file. Returns 0, or LB_EXIT_PLOT after
 * saying why there are none (the page says it too, in *note). */
static int draw_charts(const struct lb_board *b, struct lb_chart_out **charts,
                       size_t *n, struct lb_figure **figs, size_t *nfigs,
                       const char **note)
{
    struct lb_charts_opts o;
    struct lb_error err;
    int k;

    memset(&o, 0, sizeof o);
    o.any = true;
    for (k = 0; k < LB_CHART_COUNT; k++)
        o.want[k] = lb_chart_check(b, (enum lb_chart)k, NULL) == 0;
    o.terminal = LB_TERMINAL_SVG;
    o.render = true;
    lb_error_init(&err);
    *figs = NULL;
    *nfigs = 0;
    if (lb_charts_draw(b, &o, charts, n, &err) != 0) {
        cli_error("%s", err.msg);
        *note = "No charts: they could not be made when this page was made.";
        return LB_EXIT_PLOT;
    }
    return cli_page_figures(*charts, *n, figs, nfigs, note);
}

/* Loads the board. For an HTML page with charts, the charts need every
 * row kept (--where and --dedup apply while loading; the charts pick their
 * own rows): *full is loaded without --top and *board computed from it
 * with --top (or left empty without one). */
static int load(const struct rank_args *a, bool charts, struct lb_table *t,
                struct lb_board *board, struct lb_board *full,
                struct lb_error *err)
{
    struct lb_board_opts all = a->b.board;
    struct lb_load_opts lo = a->b.load;
    struct cli_progress pr;
    int rc;

    if (!charts) {
        cli_progress_start(&pr, a->file, &lo);
        rc = lb_board_load(t, board, a->file, &lo, &a->b.board, err);
        cli_progress_end(&pr, &lo);
        return rc;
    }
    all.rank.top = 0;
    cli_progress_start(&pr, a->file, &lo);
    rc = lb_board_load(t, full, a->file, &lo, &all, err);
    cli_progress_end(&pr, &lo);
    if (rc != 0 || a->b.board.rank.top == 0)
        return rc;
    rc = lb_board_compute(board, t, &a->b.board, err);
    board->n_filtered = full->n_filtered;
    board->n_duplicates = full->n_duplicates;
    board->date_col = full->date_col;
    return rc;
}

int cmd_rank(int argc, char **argv)
{
    struct rank_args a;
    struct lb_table t;
    struct lb_board board, full;
    struct lb_compare cmp;
    struct lb_view v;
    struct lb_error err;
    struct lb_chart_out *charts = NULL;
    struct lb_figure *figs = NULL;
    size_t ncharts = 0, nfigs = 0;
    const char *note = NULL;
    const struct lb_board *shown = &board;
    bool html, with_charts;
    int rc = parse_args(argc, argv, &a), status = LB_EXIT_OK;

    if (rc != 0) {
        cli_board_args_release(&a.b);
        return rc < 0 ? LB_EXIT_OK : rc;
    }
    /* CSV and TSV show no counts: --top need not count models */
    a.b.board.skip_models = a.fmt.format->audience == LB_FOR_TABLES;
    html = a.fmt.format == &lb_format_html;
    with_charts = html && !a.compare && !a.no_charts;
    memset(&t, 0, sizeof t);
    memset(&board, 0, sizeof board);
    memset(&full, 0, sizeof full);
    memset(&cmp, 0, sizeof cmp);
    memset(&v, 0, sizeof v);
    lb_error_init(&err);
    rc = LB_EXIT_FAILURE;
    if (load(&a, with_charts, &t, &board, &full, &err) != 0)
        goto out;
    if (with_charts) {
        if (a.b.board.rank.top == 0)
            shown = &full;
        status = draw_charts(&full, &charts, &ncharts, &figs, &nfigs, &note);
    }
    if (a.compare) {
        if (lb_compare(shown, &cmp, &err) != 0 ||
            lb_view_compare(&v, shown, &cmp, a.fmt.format->audience, &err) != 0)
            goto out;
    } else if (lb_view_ranking(&v, shown, a.fmt.format->audience, &err) != 0) {
        goto out;
    }
    v.figures = figs;
    v.nfigures = nfigs;
    v.figures_note = note;
    if (cli_write_view(&a.fmt, &v, &err) == 0)
        rc = status;
out:
    if (err.msg[0] != '\0')
        cli_error("%s", err.msg);
    lb_view_release(&v);
    free(figs);
    lb_charts_free(charts, ncharts);
    lb_compare_release(&cmp);
    lb_board_release(&full);
    lb_board_release(&board);
    lb_table_release(&t);
    cli_board_args_release(&a.b);
    return rc;
}
