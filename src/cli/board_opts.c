/* board_opts.c: the options that choose and rank, shared by rank, plot and
 * diff. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/quote.h"
#include "base/sort.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "core/catalog.h"
#include "core/filter.h"

#define MAX_PRECISION 18

/* The help in parts: each under the 4095 characters C guarantees for a
 * string, and so that diff (without --top and --columns) shows the rest
 * word for word. */
static const char help_choose[] =
    "Which benchmarks\n"
    "  -b, --benchmarks A,B,...  average these columns (default: the catalog's\n"
    "                            benchmarks in the file, Open LLM Leaderboard v1\n"
    "                            and v2; without any, every numeric column that\n"
    "                            is not metadata; never an 'Average' column)\n"
    "      --missing POLICY      a row lacking a score: exclude (default: not\n"
    "                            ranked, listed last with the reason), partial\n"
    "                            (mean of the scores present, marked *), zero\n"
    "                            (counted as 0, marked *)\n"
    "      --model-column NAME   the column of model names (default: the\n"
    "                            schema's, else model, model_id, model_name or\n"
    "                            name, in any letter case)\n"
    "      --schema FILE         what each column is: a Table Schema JSON file\n"
    "                            (default: NAME.schema.json beside NAME.csv,\n"
    "                            else inferred and stated under the table; see\n"
    "                            'leaderboard schema')\n"
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
    "\n";

static const char board_help_how[] =
    "How to aggregate\n"
    "      --method METHOD       mean (default), weighted (--weights),\n"
    "                            normalized (each score rescaled so that a\n"
    "                            random guess is 0 and a perfect score 100),\n"
    "                            geomean, mean-rank (mean of the ranks on each\n"
    "                            benchmark, 1 = best), win-rate (HELM's mean\n"
    "                            win rate, 0 to 1; -p 3 shows it as HELM does),\n"
    "                            group-mean (the mean of the groups' means,\n"
    "                            MTEB's Mean (TaskType); --groups), borda\n"
    "                            (MTEB's Borda count: n - rank points on each\n"
    "                            benchmark, n the models with a score; 0 for a\n"
    "                            missing score, whatever --missing)\n"
    "      --weights A=W,...     weighted: the weight of each benchmark\n"
    "                            (default: the schema's \"weight\", else 1;\n"
    "                            without any here or in the schema, an error)\n"
    "      --baseline A=V        normalized: the random-guess score of a\n"
    "                            benchmark (default: the schema's \"baseline\",\n"
    "                            else the catalog's, which knows the Open LLM\n"
    "                            Leaderboard's); may be repeated\n"
    "      --lower-is-better A   a benchmark where lower is better (the schema's\n"
    "                            \"better\": \"lower\"; inferred for names such\n"
    "                            as WER, error, loss); may be repeated. mean,\n"
    "                            weighted, geomean and group-mean average such\n"
    "                            benchmarks in their own units, lowest first,\n"
    "                            and refuse to mix them with others;\n"
    "                            normalized, mean-rank, win-rate and borda\n"
    "                            take both\n"
    "      --groups A=G,...      group-mean: the group of each benchmark\n"
    "                            (default: the schema's \"group\", else alone\n"
    "                            in a group named after it)\n"
    "      --suite SUITE         a board's benchmarks and method: openllm-v1\n"
    "                            (mean of 6) or openllm-v2 (normalized mean of\n"
    "                            6)\n"
    "\n";

static const char help_ranking[] =
    "Ranking\n"
    "  -s, --sort COLUMN         rank by one benchmark or numeric column instead\n"
    "                            of the average\n"
    "      --ascending           with --sort: lowest first\n"
    "      --ties CONVENTION     competition (default: 1 2 2 4), dense (1 2 2 3),\n"
    "                            ordinal (1 2 3 4), fractional (1 2.5 2.5 4),\n"
    "                            exact (competition, tied only when exactly equal)\n"
    "  -p, --precision N         decimals shown, 0 to 18 (default 2); scores\n"
    "                            equal at this precision tie\n";

static const char help_listing[] =
    "  -n, --top N               the first N ranked models (and any tied with\n"
    "                            the last of them); unranked rows are not listed\n"
    "  -c, --columns A,B,...     also show these columns (e.g. params_b,license)\n";

void cli_board_help(FILE *fp, bool listing)
{
    fputs(help_choose, fp);
    fputs(board_help_how, fp);
    fputs(help_ranking, fp);
    if (listing)
        fputs(help_listing, fp);
    fputs("\n", fp);
}

const char cli_ci_help[] =
    "      --stderr A=SE         the standard error of every score of a\n"
    "                            benchmark (default: a column A_stderr or A_se);\n"
    "                            may be repeated\n"
    "      --bootstrap N         draws of the rank intervals (default 1000)\n"
    "      --seed N              the draws' seed (default 1): the same seed\n"
    "                            gives the same output on every machine\n";

/* {======================================================================
 * Lists
 * ======================================================================= */

void cli_names_release(struct cli_names *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

void cli_values_release(struct cli_values *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->names[i]);
    free(l->names);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Calls item(option, s, len, ctx, err) for each item of a comma-separated
 * list, spaces around it left out; an empty item is an error. */
static int each_item(const char *option, const char *arg,
                     int (*item)(const char *option, const char *s,
                                 size_t len, void *ctx, struct lb_error *err),
                     void *ctx, struct lb_error *err)
{
    const char *p = arg;
    struct lb_quoted q;

    for (;;) {
        const char *end = strchr(p, ',');
        const char *a = p, *b = end ? end : p + strlen(p);
        int rc;

        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (a == b)
            return lb_error_set(err, "%s: empty name in %s", option,
                                lb_quotes(&q, arg));
        rc = item(option, a, (size_t)(b - a), ctx, err);
        if (rc != 0 || end == NULL)
            return rc;
        p = end + 1;
    }
}

static int add_name(const char *option, const char *s, size_t len, void *ctx,
                    struct lb_error *err)
{
    struct cli_names *l = ctx;

    (void)option;
    (void)err;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 8;
        l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
    }
    l->v[l->n++] = xmemdup0(s, len);
    return 0;
}

static int cmp_names(size_t a, size_t b, void *ctx)
{
    char *const *v = ctx;
    int c = strcmp(v[a], v[b]);

    return c != 0 ? c : (a > b) - (a < b);
}

/* The first name (in list order) that an earlier one repeats, or n: the
 * names sorted once, so that a list of any length is checked in n log n. */
static size_t first_repeat(char *const *v, size_t n)
{
    size_t *order = xcalloc(n + 1, sizeof *order), i, first = n;

    for (i = 0; i < n; i++)
        order[i] = i;
    lb_sort_indices(order, n, cmp_names, (void *)(uintptr_t)v);
    for (i = 1; i < n; i++)
        if (strcmp(v[order[i]], v[order[i - 1]]) == 0 && order[i] < first)
            first = order[i];
    free(order);
    return first;
}

int cli_split_names(const char *option, const char *arg,
                    struct cli_names *out, struct lb_error *err)
{
    struct lb_quoted q;
    size_t i;

    if (each_item(option, arg, add_name, out, err) != 0)
        return -1;
    i = first_repeat(out->v, out->n);
    if (i < out->n)
        return lb_error_set(err, "%s: %s is listed twice", option,
                            lb_quotes(&q, out->v[i]));
    return 0;
}

struct values_ctx {
    struct cli_values *l;
    bool negative;
};

static int add_value(const char *option, const char *s, size_t len,
                     void *ctx, struct lb_error *err)
{
    struct values_ctx *c = ctx;
    struct cli_values *l = c->l;
    const char *eq = s + len, *name_end, *v;
    struct lb_quoted q;
    struct lb_dec d;
    enum lb_num_status st;
    size_t vlen;

    while (eq > s && eq[-1] != '=') /* the last '=' */
        eq--;
    if (eq <= s + 1)
        return lb_error_set(err, "%s: %s is not NAME=VALUE", option,
                            lb_quote(&q, s, len));
    name_end = eq - 1;
    v = eq;
    vlen = len - (size_t)(v - s);
    st = lb_dec_parse(v, vlen, &d);
    if (st == LB_NUM_OK && d.units < 0 && !c->negative)
        return lb_error_set(err, "%s: %s is not a number of 0 or more",
                            option, lb_quote(&q, v, vlen));
    if (st != LB_NUM_OK)
        return lb_error_set(err, "%s: %s %s", option, lb_quote(&q, v, vlen),
                            st == LB_NUM_MISSING ? "is not a number"
                                                 : lb_num_status_phrase(st));
    /* names may have spaces before '=' */
    while (name_end > s && (name_end[-1] == ' ' || name_end[-1] == '\t'))
        name_end--;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 8;
        l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
        l->names = xreallocarray(l->names, l->cap, sizeof *l->names);
    }
    l->names[l->n] = xmemdup0(s, (size_t)(name_end - s));
    l->v[l->n].name = l->names[l->n];
    l->v[l->n].value = d;
    l->n++;
    return 0;
}

int cli_split_values(const char *option, const char *arg, bool negative,
                     struct cli_values *out, struct lb_error *err)
{
    struct values_ctx c = {out, negative};
    struct lb_quoted q;
    size_t i;

    if (each_item(option, arg, add_value, &c, err) != 0)
        return -1;
    i = first_repeat(out->names, out->n);
    if (i < out->n)
        return lb_error_set(err, "%s: %s is given twice", option,
                            lb_quotes(&q, out->names[i]));
    return 0;
}

static int add_text(const char *option, const char *s, size_t len,
                    void *ctx, struct lb_error *err)
{
    struct cli_texts *l = ctx;
    const char *eq = s + len, *name_end, *v = NULL;
    struct lb_quoted q;

    while (eq > s && eq[-1] != '=') /* the last '=' */
        eq--;
    if (eq > s) {
        v = eq;
        while (v < s + len && (*v == ' ' || *v == '\t'))
            v++;
    }
    if (eq <= s + 1 || v == s + len)
        return lb_error_set(err, "%s: %s is not NAME=GROUP", option,
                            lb_quote(&q, s, len));
    name_end = eq - 1;
    while (name_end > s && (name_end[-1] == ' ' || name_end[-1] == '\t'))
        name_end--;
    if (name_end == s)
        return lb_error_set(err, "%s: %s is not NAME=GROUP", option,
                            lb_quote(&q, s, len));
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 8;
        l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
        l->names = xreallocarray(l->names, l->cap, sizeof *l->names);
        l->texts = xreallocarray(l->texts, l->cap, sizeof *l->texts);
    }
    l->names[l->n] = xmemdup0(s, (size_t)(name_end - s));
    l->texts[l->n] = xmemdup0(v, (size_t)(s + len - v));
    l->v[l->n].name = l->names[l->n];
    l->v[l->n].text = l->texts[l->n];
    l->n++;
    return 0;
}

int cli_split_texts(const char *option, const char *arg,
                    struct cli_texts *out, struct lb_error *err)
{
    struct lb_quoted q;
    size_t i;

    if (each_item(option, arg, add_text, out, err) != 0)
        return -1;
    i = first_repeat(out->names, out->n);
    if (i < out->n)
        return lb_error_set(err, "%s: %s is given twice", option,
                            lb_quotes(&q, out->names[i]));
    return 0;
}

void cli_texts_release(struct cli_texts *l)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        free(l->names[i]);
        free(l->texts[i]);
    }
    free(l->names);
    free(l->texts);
    free(l->v);
    memset(l, 0, sizeof *l);
}

int cli_texts_add(const char *cmd, const char *option, const char *arg,
                  struct cli_texts *out)
{
    struct lb_error err;

    if (cli_split_texts(option, arg, out, &err) != 0)
        return cli_usage_error(cmd, "%s", err.msg);
    return 0;
}

int cli_names_add(const char *cmd, const char *option, const char *arg,
                  struct cli_names *out)
{
    struct lb_error err;

    if (cli_split_names(option, arg, out, &err) != 0)
        return cli_usage_error(cmd, "%s", err.msg);
    return 0;
}

int cli_values_add(const char *cmd, const char *option, const char *arg,
                   bool negative, struct cli_values *out)
{
    struct lb_error err;

    if (cli_split_values(option, arg, negative, out, &err) != 0)
        return cli_usage_error(cmd, "%s", err.msg);
    return 0;
}

/* }====================================================================== */

void cli_board_args_init(struct cli_board_args *a)
{
    memset(a, 0, sizeof *a);
    lb_board_opts_init(&a->board);
}

void cli_board_args_release(struct cli_board_args *a)
{
    cli_names_release(&a->benchmarks);
    cli_names_release(&a->columns);
    cli_names_release(&a->lower);
    cli_values_release(&a->weights);
    cli_values_release(&a->baselines);
    cli_values_release(&a->stderrs);
    cli_texts_release(&a->groups);
}

int cli_board_no_intervals(const char *cmd, int c)
{
    if (c == CLI_OPT_STDERR || c == CLI_OPT_BOOTSTRAP || c == CLI_OPT_SEED)
        return cli_usage_error(cmd, "--stderr, --bootstrap and --seed do not "
                                    "apply to %s (it shows no intervals)",
                               cmd);
    return 0;
}

int cli_board_finish(const char *cmd, struct cli_board_args *a)
{
    struct lb_board_opts *o = &a->board;
    enum lb_method m;

    if (a->benchmarks.n > 0) {
        o->select.benchmarks = (const char *const *)a->benchmarks.v;
        o->select.nbenchmarks = a->benchmarks.n;
    }
    o->select.columns = (const char *const *)a->columns.v;
    o->select.ncolumns = a->columns.n;
    o->method.lower = (const char *const *)a->lower.v;
    o->method.nlower = a->lower.n;
    o->method.weights = a->weights.v;
    o->method.nweights = a->weights.n;
    o->method.baselines = a->baselines.v;
    o->method.nbaselines = a->baselines.n;
    o->method.groups = a->groups.v;
    o->method.ngroups = a->groups.n;
    o->ci.stderrs = a->stderrs.v;
    o->ci.nstderrs = a->stderrs.n;
    if (o->select.suite != NULL && o->select.benchmarks != NULL)
        return cli_usage_error(cmd, "--suite and --benchmarks both choose the "
                                    "benchmarks: give one");
    m = lb_board_method(o);
    if (o->method.nweights > 0 && m != LB_METHOD_WEIGHTED)
        return cli_usage_error(cmd, "--weights needs --method weighted");
    if (o->method.nbaselines > 0 && m != LB_METHOD_NORMALIZED)
        return cli_usage_error(cmd, "--baseline needs --method normalized");
    if (o->method.ngroups > 0 && m != LB_METHOD_GROUP_MEAN)
        return cli_usage_error(cmd, "--groups needs --method group-mean");
    if (o->rank.ascending && o->select.sort == NULL)
        return cli_usage_error(cmd, "--ascending orders --sort's column "
                                    "lowest first; the aggregate's order "
                                    "follows its benchmarks: name those "
                                    "where lower is better with "
                                    "--lower-is-better or in a schema "
                                    "(\"better\": \"lower\")");
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
        return cli_names_add(cmd, "--benchmarks", arg, &a->benchmarks);
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
        o->precision_given = true;
        a->precision_given = true;
        return 0;
    case 'n':
        if (cli_number_option(cmd, "--top", arg, 1, (unsigned long)LONG_MAX,
                              &v))
            return LB_EXIT_USAGE;
        o->rank.top = (size_t)v;
        return 0;
    case 'c':
        return cli_names_add(cmd, "--columns", arg, &a->columns);
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
                                   "normalized, geomean, mean-rank, win-rate, "
                                   "group-mean or borda",
                                   lb_quotes(&q, arg));
        o->method.given = true;
        return 0;
    case CLI_OPT_WEIGHTS:
        return cli_values_add(cmd, "--weights", arg, true, &a->weights);
    case CLI_OPT_BASELINE:
        return cli_values_add(cmd, "--baseline", arg, true, &a->baselines);
    case CLI_OPT_LOWER:
        return cli_names_add(cmd, "--lower-is-better", arg, &a->lower);
    case CLI_OPT_GROUPS:
        return cli_texts_add(cmd, "--groups", arg, &a->groups);
    case CLI_OPT_SUITE:
        return cli_suite_option(cmd, arg, &o->select.suite);
    case CLI_OPT_STDERR:
        return cli_values_add(cmd, "--stderr", arg, false, &a->stderrs);
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
    case CLI_OPT_SCHEMA:
        a->load.schema_path = arg;
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
