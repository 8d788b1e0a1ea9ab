/* board_opts.c: the options that choose and rank, shared by rank and plot. */
#include <string.h>

#include "base/quote.h"
#include "cli/cli.h"
#include "core/catalog.h"
#include "core/filter.h"

#define MAX_PRECISION 18

const char cli_board_help[] =
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
    "Which rows\n"
    "  -w, --where EXPR          rank only the rows for which EXPR is true, e.g.\n"
    "                            'params_b <= 13 && license == \"apache-2.0\"':\n"
    "                            == != < <= > >= with a number or a \"string\",\n"
    "                            ~ \"glob*\" (any letter case), && || ! ( ), a\n"
    "                            column alone as a boolean, missing(COLUMN);\n"
    "                            an empty cell is unknown and never matches\n"
    "      --dedup HOW           one row per model: none (default), best (its\n"
    "                            highest ranked row) or latest (by the first of\n"
    "                            submitted, submission_date, upload_date, date)\n"
    "\n"
    "How to aggregate\n"
    "      --method METHOD       mean (default), weighted (--weights),\n"
    "                            normalized (each score rescaled so that a\n"
    "                            random guess is 0 and a perfect score 100),\n"
    "                            geomean, mean-rank (mean of the ranks on each\n"
    "                            benchmark, 1 = best), win-rate (HELM's mean\n"
    "                            win rate, 0 to 1; -p 3 shows it as HELM does)\n"
    "      --weights A=W,...     weighted: the weight of each benchmark\n"
    "                            (default 1)\n"
    "      --baseline A=V        normalized: the random-guess score of a\n"
    "                            benchmark (the catalog knows the Open LLM\n"
    "                            Leaderboard's); may be repeated\n"
    "      --lower-is-better A   a benchmark where lower is better (counted as\n"
    "                            100 - score by mean, weighted and geomean);\n"
    "                            may be repeated\n"
    "      --suite SUITE         a board's benchmarks and method: openllm-v1\n"
    "                            (mean of 6) or openllm-v2 (normalized mean of\n"
    "                            6)\n"
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
    "  -c, --columns A,B,...     also show these columns (e.g. params_b,license)\n"
    "\n";

const char cli_ci_help[] =
    "      --stderr A=SE         the standard error of every score of a\n"
    "                            benchmark (default: a column A_stderr or A_se);\n"
    "                            may be repeated\n"
    "      --bootstrap N         draws of the rank intervals (default 1000)\n"
    "      --seed N              the draws' seed (default 1): the same seed\n"
    "                            gives the same output on every machine\n";

void cli_board_args_init(struct cli_board_args *a)
{
    memset(a, 0, sizeof *a);
    lb_board_opts_init(&a->board);
    lb_buf_init(&a->baselines);
    lb_buf_init(&a->lower);
    lb_buf_init(&a->stderrs);
}

void cli_board_args_release(struct cli_board_args *a)
{
    lb_buf_release(&a->baselines);
    lb_buf_release(&a->lower);
    lb_buf_release(&a->stderrs);
}

/* Appends a list to what earlier occurrences of the option gave. */
static void join(struct lb_buf *b, const char *arg)
{
    if (b->len > 0)
        lb_buf_addc(b, ',');
    lb_buf_adds(b, arg);
}

int cli_board_finish(const char *cmd, struct cli_board_args *a)
{
    struct lb_board_opts *o = &a->board;
    enum lb_method m;

    if (a->baselines.len > 0)
        o->method.baselines = a->baselines.data;
    if (a->lower.len > 0)
        o->method.lower = a->lower.data;
    if (a->stderrs.len > 0)
        o->ci.stderrs = a->stderrs.data;
    if (o->select.suite != NULL && o->select.benchmarks != NULL)
        return cli_usage_error(cmd, "--suite and --benchmarks both choose the "
                                    "benchmarks: give one");
    m = lb_board_method(o);
    if (o->method.weights != NULL && m != LB_METHOD_WEIGHTED)
        return cli_usage_error(cmd, "--weights needs --method weighted");
    if (o->method.baselines != NULL && m != LB_METHOD_NORMALIZED)
        return cli_usage_error(cmd, "--baseline needs --method normalized");
    return 0;
}

int cli_board_option(const char *cmd, int c, const char *arg,
                     struct cli_board_args *a)
{
    struct lb_board_opts *o = &a->board;
    struct lb_quoted q;
    unsigned long v;

    switch (c) {
    case 'b':
        o->select.benchmarks = arg;
        return 0;
    case CLI_OPT_MISSING:
        if (!lb_missing_parse(arg, &o->missing))
            return cli_usage_error(
                cmd, "--missing: %s is not exclude, partial or zero",
                lb_quotes(&q, arg));
        return 0;
    case CLI_OPT_MODEL_COLUMN:
        a->load.model_column = arg;
        return 0;
    case 's':
        o->select.sort = arg;
        return 0;
    case CLI_OPT_ASCENDING:
        o->rank.ascending = true;
        return 0;
    case CLI_OPT_TIES:
        if (!lb_ties_parse(arg, &o->rank.ties))
            return cli_usage_error(cmd,
                                   "--ties: %s is not competition, dense, "
                                   "ordinal, fractional or exact",
                                   lb_quotes(&q, arg));
        return 0;
    case 'p':
        if (cli_number_option(cmd, "--precision", arg, 0, MAX_PRECISION, &v))
            return LB_EXIT_USAGE;
        o->rank.precision = (unsigned)v;
        a->precision_given = true;
        return 0;
    case 'n':
        if (cli_number_option(cmd, "--top", arg, 1, (unsigned long)LONG_MAX,
                              &v))
            return LB_EXIT_USAGE;
        o->rank.top = (size_t)v;
        return 0;
    case 'c':
        o->select.columns = arg;
        return 0;
    case 'w': {
        struct lb_filter *f;
        struct lb_error err;

        /* syntax errors now, as usage errors; columns once the file is read */
        if (lb_filter_parse(arg, &f, &err) != 0)
            return cli_usage_error(cmd, "%s", err.msg);
        lb_filter_free(f);
        o->where = arg;
        return 0;
    }
    case CLI_OPT_METHOD:
        if (!lb_method_parse(arg, &o->method.method))
            return cli_usage_error(cmd,
                                   "--method: %s is not mean, weighted, "
                                   "normalized, geomean, mean-rank or win-rate",
                                   lb_quotes(&q, arg));
        o->method.given = true;
        return 0;
    case CLI_OPT_WEIGHTS:
        o->method.weights = arg;
        return 0;
    case CLI_OPT_BASELINE:
        join(&a->baselines, arg);
        return 0;
    case CLI_OPT_LOWER:
        join(&a->lower, arg);
        return 0;
    case CLI_OPT_SUITE:
        if (lb_catalog_suite(arg) == NULL)
            return cli_usage_error(cmd,
                                   "--suite: %s is not openllm-v1 or "
                                   "openllm-v2",
                                   lb_quotes(&q, arg));
        o->select.suite = arg;
        return 0;
    case CLI_OPT_STDERR:
        join(&a->stderrs, arg);
        return 0;
    case CLI_OPT_BOOTSTRAP:
        if (cli_number_option(cmd, "--bootstrap", arg, 1, 1000000, &v))
            return LB_EXIT_USAGE;
        o->ci.draws = (size_t)v;
        return 0;
    case CLI_OPT_SEED:
        if (cli_number_option(cmd, "--seed", arg, 0, ULONG_MAX, &v))
            return LB_EXIT_USAGE;
        o->ci.seed = (uint64_t)v;
        return 0;
    case CLI_OPT_DEDUP:
        if (!lb_dedup_parse(arg, &o->dedup))
            return cli_usage_error(cmd,
                                   "--dedup: %s is not none, best or latest",
                                   lb_quotes(&q, arg));
        return 0;
    default:
        return 1;
    }
}
