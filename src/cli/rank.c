/* rank.c: 'leaderboard rank FILE': averages and a tie-aware ranking. */
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/quote.h"
#include "cli/cli.h"
#include "core/board.h"
#include "core/top.h"
#include "core/table.h"
#include "export/export.h"

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

static const char usage_tail[] =
    "Output\n"
    "  -f, --format FORMAT       text (default), markdown, csv, tsv, json,\n"
    "                            html (one self-contained page: sortable\n"
    "                            table, filter box, the charts as SVG),\n"
    "                            latex (a booktabs tabular)\n"
    "                            (default for -o: from the file's extension)\n"
    "      --no-charts           html: leave the charts out (without gnuplot\n"
    "                            the page has none, and the exit status is 3)\n"
    "  -o, --output FILE         write to FILE (replaced only when complete)\n"
    "  -h, --help                show this help and exit\n"
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
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"no-charts", no_argument, NULL, OPT_NO_CHARTS},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct rank_args {
    struct cli_board_args b;
    const char *file;
    enum lb_format format;
    bool format_given;
    const char *output;
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
    a->format = LB_FORMAT_TEXT;
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
        case 'f':
            if (!lb_format_parse(optarg, &a->format))
                return cli_usage_error(
                    "rank",
                    "--format: %s is not text, markdown, csv, tsv, json, "
                    "html or latex",
                    lb_quotes(&q, optarg));
            a->format_given = true;
            break;
        case 'o':
            a->output = optarg;
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
            fputs(cli_board_help, stdout);
            fputs(usage_intervals, stdout);
            fputs(cli_ci_help, stdout);
            fputs("\n", stdout);
            fputs(usage_compare, stdout);
            fputs(usage_tail, stdout);
            return -1;
        default:
            return cli_option_error("rank", c, argv);
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
    if (!a->format_given && a->output != NULL)
        (void)lb_format_from_path(a->output, &a->format);
    if (a->compare &&
        (a->format == LB_FORMAT_HTML || a->format == LB_FORMAT_LATEX))
        return cli_usage_error("rank", "--compare-methods writes text, "
                                       "markdown, csv, tsv or json");
    return 0;
}

/* --format html: the page, with the charts of the whole board (the charts
 * pick their own rows, so they need a board without --top: the table is
 * then loaded whole, not streamed). Returns the exit status. */
static int rank_html(const struct rank_args *a)
{
    struct lb_table t;
    struct lb_board board, full;
    struct lb_board_opts all = a->b.board;
    struct lb_error err, cerr;
    struct cli_output out;
    struct lb_html_chart *charts = NULL;
    size_t ncharts = 0;
    const char *note = NULL;
    enum lb_gnuplot_status st = LB_GNUPLOT_OK;
    int rc = LB_EXIT_FAILURE;

    lb_error_init(&err);
    lb_error_init(&cerr);
    memset(&board, 0, sizeof board);
    memset(&full, 0, sizeof full);
    all.rank.top = 0;
    {
        /* --where and --dedup apply while loading; the charts show every
         * row kept, the table only --top's */
        struct cli_progress pr;
        struct lb_load_opts lo = a->b.load;

        cli_progress_start(&pr, a->file, &lo);
        rc = lb_board_load(&t, &full, a->file, &lo, &all, &err);
        cli_progress_end(&pr, &lo);
        if (rc != 0) {
            cli_error("%s", err.msg);
            return LB_EXIT_FAILURE;
        }
        rc = LB_EXIT_FAILURE;
    }
    if (a->b.board.rank.top != 0) {
        if (lb_board_compute(&board, &t, &a->b.board, &err) != 0)
            goto out;
        board.n_filtered = full.n_filtered;
        board.n_duplicates = full.n_duplicates;
        board.date_col = full.date_col;
    }
    if (!a->no_charts) {
        st = lb_html_charts(&full, &charts, &ncharts, &cerr);
        if (st == LB_GNUPLOT_MISSING)
            note = "No charts: gnuplot was not found when this page was made.";
        else if (st != LB_GNUPLOT_OK)
            note = "No charts: gnuplot failed when this page was made.";
    }
    if (cli_output_open(&out, a->output) != 0)
        goto out;
    if (lb_export_html(out.fp, a->b.board.rank.top != 0 ? &board : &full,
                       charts, ncharts, note, &err) != 0) {
        cli_output_fail(&out, &err);
        goto out;
    }
    if (cli_output_commit(&out) != 0)
        goto out;
    rc = LB_EXIT_OK;
    if (st != LB_GNUPLOT_OK) {
        /* the page is written; say why it has no charts */
        cli_error("%s", cerr.msg);
        cli_error("the page has no charts%s; --no-charts leaves them out on "
                  "purpose",
                  st == LB_GNUPLOT_MISSING
                      ? " (install gnuplot 5.4 or later, Debian: gnuplot-nox)"
                      : "");
        rc = LB_EXIT_PLOT;
    }
out:
    if (err.msg[0] != '\0')
        cli_error("%s", err.msg);
    lb_html_charts_free(charts, ncharts);
    lb_board_release(&full);
    lb_board_release(&board);
    lb_table_release(&t);
    return rc;
}

int cmd_rank(int argc, char **argv)
{
    struct rank_args a;
    struct lb_table t;
    struct lb_board board;
    struct lb_error err;
    struct cli_output out;
    struct cli_progress pr;
    int rc = parse_args(argc, argv, &a);

    if (rc != 0) {
        cli_board_args_release(&a.b);
        return rc < 0 ? LB_EXIT_OK : rc;
    }
    if (a.format == LB_FORMAT_HTML) {
        rc = rank_html(&a);
        cli_board_args_release(&a.b);
        return rc;
    }
    lb_error_init(&err);
    cli_progress_start(&pr, a.file, &a.b.load);
    rc = lb_board_load(&t, &board, a.file, &a.b.load, &a.b.board, &err);
    cli_progress_end(&pr, &a.b.load);
    if (rc != 0) {
        cli_error("%s", err.msg);
        cli_board_args_release(&a.b);
        return LB_EXIT_FAILURE;
    }
    rc = LB_EXIT_FAILURE;
    if (cli_output_open(&out, a.output) != 0)
        goto out;
    if (a.compare) {
        struct lb_compare cmp;
        int crc = lb_compare(&board, &cmp, &err);

        if (crc == 0)
            crc = lb_export_compare(out.fp, a.format, &board, &cmp, &err);
        lb_compare_release(&cmp);
        if (crc != 0) {
            cli_output_fail(&out, &err);
            goto out;
        }
    } else if (lb_export(out.fp, a.format, &board, &err) != 0) {
        cli_output_fail(&out, &err);
        goto out;
    }
    if (cli_output_commit(&out) == 0)
        rc = LB_EXIT_OK;
out:
    if (err.msg[0] != '\0')
        cli_error("%s", err.msg);
    lb_board_release(&board);
    lb_table_release(&t);
    cli_board_args_release(&a.b);
    return rc;
}
