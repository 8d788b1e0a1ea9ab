/* rank.c: 'leaderboard rank FILE': averages and a tie-aware ranking. */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/quote.h"
#include "cli/cli.h"
#include "core/aggregate.h"
#include "core/rank.h"
#include "core/select.h"
#include "core/table.h"
#include "export/export.h"

#define MAX_PRECISION 18

static const char usage_text[] =
    "Usage: leaderboard rank [OPTION]... FILE\n"
    "Rank the models of a score file (CSV) by the average of their benchmark\n"
    "scores, or by one column. FILE '-' reads standard input.\n"
    "\n"
    "Which benchmarks\n"
    "  -b, --benchmarks A,B,...  average these columns (default: the catalog's\n"
    "                            benchmarks in the file, Open LLM Leaderboard v1\n"
    "                            and v2; without any, every numeric column that\n"
    "                            is not metadata; never an 'Average' column)\n"
    "      --missing POLICY      a row lacking a score: exclude (default: not\n"
    "                            ranked, listed last with the reason), partial\n"
    "                            (mean of the scores present, marked *), zero\n"
    "                            (counted as 0, marked *)\n"
    "      --model-column NAME   the column of model names (default: 'model')\n"
    "\n"
    "Ranking\n"
    "  -s, --sort COLUMN         rank by one benchmark or numeric column instead\n"
    "                            of the average\n"
    "      --ascending           lower is better\n"
    "      --ties CONVENTION     competition (default: 1 2 2 4), dense (1 2 2 3),\n"
    "                            ordinal (1 2 3 4), fractional (1 2.5 2.5 4),\n"
    "                            exact (competition, tied only when exactly equal)\n"
    "  -p, --precision N         decimals shown, 0 to 18 (default 2); scores\n"
    "                            equal at this precision tie\n"
    "  -n, --top N               the first N ranked models (and any tied with\n"
    "                            the last of them); unranked rows are not listed\n"
    "\n"
    "Output\n"
    "  -f, --format FORMAT       text (default), markdown, csv, tsv, json\n"
    "                            (default for -o: from the file's extension)\n"
    "  -o, --output FILE         write to FILE (replaced only when complete)\n"
    "  -c, --columns A,B,...     also show these columns (e.g. params_b,license)\n"
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
    OPT_MISSING = CHAR_MAX + 1,
    OPT_TIES,
    OPT_ASCENDING,
    OPT_MODEL_COLUMN
};

static const struct option long_options[] = {
    {"benchmarks", required_argument, NULL, 'b'},
    {"missing", required_argument, NULL, OPT_MISSING},
    {"model-column", required_argument, NULL, OPT_MODEL_COLUMN},
    {"sort", required_argument, NULL, 's'},
    {"ascending", no_argument, NULL, OPT_ASCENDING},
    {"ties", required_argument, NULL, OPT_TIES},
    {"precision", required_argument, NULL, 'p'},
    {"top", required_argument, NULL, 'n'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"columns", required_argument, NULL, 'c'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct rank_args {
    const char *file;
    struct lb_select_opts select;
    struct lb_load_opts load;
    enum lb_missing missing;
    struct lb_rank_opts rank;
    enum lb_format format;
    bool format_given;
    const char *output;
};

static int parse_args(int argc, char **argv, struct rank_args *a)
{
    struct lb_quoted q;
    unsigned long v;
    int c;

    memset(a, 0, sizeof *a);
    a->rank.precision = 2;
    a->rank.ties = LB_TIES_COMPETITION;
    a->missing = LB_MISSING_EXCLUDE;
    a->format = LB_FORMAT_TEXT;
    optind = 0; /* GNU: restart scanning */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":b:s:p:n:f:o:c:h", long_options,
                            NULL)) != -1) {
        switch (c) {
        case 'b':
            a->select.benchmarks = optarg;
            break;
        case OPT_MISSING:
            if (!lb_missing_parse(optarg, &a->missing))
                return cli_usage_error(
                    "rank", "--missing: %s is not exclude, partial or zero",
                    lb_quotes(&q, optarg));
            break;
        case OPT_MODEL_COLUMN:
            a->load.model_column = optarg;
            break;
        case 's':
            a->select.sort = optarg;
            break;
        case OPT_ASCENDING:
            a->rank.ascending = true;
            break;
        case OPT_TIES:
            if (!lb_ties_parse(optarg, &a->rank.ties))
                return cli_usage_error(
                    "rank",
                    "--ties: %s is not competition, dense, ordinal, "
                    "fractional or exact",
                    lb_quotes(&q, optarg));
            break;
        case 'p':
            if (!cli_parse_size(optarg, 0, MAX_PRECISION, &v))
                return cli_usage_error(
                    "rank", "--precision: %s is not a whole number from 0 to %d",
                    lb_quotes(&q, optarg), MAX_PRECISION);
            a->rank.precision = (unsigned)v;
            break;
        case 'n':
            if (!cli_parse_size(optarg, 1, (unsigned long)LONG_MAX, &v))
                return cli_usage_error(
                    "rank", "--top: %s is not a whole number above 0",
                    lb_quotes(&q, optarg));
            a->rank.top = (size_t)v;
            break;
        case 'f':
            if (!lb_format_parse(optarg, &a->format))
                return cli_usage_error(
                    "rank",
                    "--format: %s is not text, markdown, csv, tsv or json",
                    lb_quotes(&q, optarg));
            a->format_given = true;
            break;
        case 'o':
            a->output = optarg;
            break;
        case 'c':
            a->select.columns = optarg;
            break;
        case 'h':
            fputs(usage_text, stdout);
            return -1;
        default:
            return cli_option_error("rank", c, argv);
        }
    }
    if (optind >= argc)
        return cli_usage_error("rank", "missing FILE (a CSV score file, or - "
                                       "for standard input)");
    if (optind + 1 < argc)
        return cli_usage_error("rank", "one FILE only, got also %s",
                               lb_quotes(&q, argv[optind + 1]));
    a->file = argv[optind];
    if (!a->format_given && a->output != NULL)
        (void)lb_format_from_path(a->output, &a->format);
    return 0;
}

int cmd_rank(int argc, char **argv)
{
    struct rank_args a;
    struct lb_table t;
    struct lb_selection sel;
    struct lb_aggregate mean, by_column;
    struct lb_ranking ranking;
    struct lb_keys keys;
    struct lb_report report;
    struct lb_error err;
    struct cli_output out;
    const struct lb_aggregate *key_source;
    int rc = parse_args(argc, argv, &a);

    if (rc != 0)
        return rc < 0 ? LB_EXIT_OK : rc;
    lb_error_init(&err);
    if (lb_table_load(&t, a.file, &a.load, &err) != 0) {
        cli_error("%s", err.msg);
        return LB_EXIT_FAILURE;
    }
    rc = LB_EXIT_FAILURE;
    memset(&mean, 0, sizeof mean);
    memset(&by_column, 0, sizeof by_column);
    memset(&ranking, 0, sizeof ranking);
    if (lb_select(&t, &a.select, &sel, &err) != 0 ||
        lb_aggregate_mean(&t, &sel, a.missing, &mean, &err) != 0)
        goto out;
    key_source = &mean;
    if (sel.sort_col != LB_NPOS) {
        lb_aggregate_column(&t, sel.sort_col, &by_column);
        key_source = &by_column;
    }
    keys.nrows = t.nrows;
    keys.scale = key_source->scale;
    keys.value = key_source->mean;
    keys.has = key_source->has_mean;
    if (lb_rank(&t, &keys, &a.rank, &ranking, &err) != 0)
        goto out;

    report.table = &t;
    report.sel = &sel;
    report.mean = &mean;
    report.rank = &ranking;
    report.missing = a.missing;
    report.ties = a.rank.ties;
    report.precision = a.rank.precision;
    report.top = a.rank.top;
    report.ascending = a.rank.ascending;
    if (cli_output_open(&out, a.output) != 0) {
        err.msg[0] = '\0';
        goto out;
    }
    if (lb_export(out.fp, a.format, &report, &err) != 0) {
        cli_output_abort(&out);
        goto out;
    }
    err.msg[0] = '\0';
    if (cli_output_commit(&out) == 0)
        rc = LB_EXIT_OK;
out:
    if (err.msg[0] != '\0')
        cli_error("%s", err.msg);
    lb_ranking_release(&ranking);
    lb_aggregate_release(&by_column);
    lb_aggregate_release(&mean);
    lb_selection_release(&sel);
    lb_table_release(&t);
    return rc;
}
