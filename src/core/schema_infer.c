/* schema_infer.c: what each column of a table is, when no schema says it,
 * and the binding of a schema to a table (schema.h).
 *
 * Inference, column by column, the first rule that applies (its text is
 * the field's 'why', printed in footers and by 'leaderboard schema'):
 *   - the model column (the table's, found by name: model, model_id,
 *     model_name, name, in any letter case; core/csv_read.c);
 *   - a benchmark the catalog knows (Open LLM Leaderboard v1, v2): its
 *     range, direction and random baseline;
 *   - a published aggregate: Average, Avg*, Mean* (first word);
 *   - a standard error: *_stderr, *_se;
 *   - metadata by name: the catalog's (params_b, license, ...) and size,
 *     parameter, speed and throughput columns (params*, *size*, RTFx,
 *     latency, tokens/s, throughput, speed, time, memory, cost, date);
 *   - a column that is not all numbers: metadata;
 *   - when the file has catalog benchmarks: any other column is metadata
 *     (the catalog's suite is the board: --benchmarks adds to it);
 *   - numbers outside 0 to 100: metadata (an average of such numbers with
 *     scores would mean nothing: name it with --benchmarks to average it);
 *   - else a benchmark, lower-is-better when its name means an error rate
 *     or a cost (WER, CER, error, loss, perplexity, latency).
 * Before the roles: a column of numbers that are all 0 or more except
 * cells holding exactly -1 reads those as missing (a sentinel: "-1" for an
 * unknown model size); a column whose every number is written with '%'
 * is a percentage (bareNumber false). */
#include "core/schema.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/quote.h"
#include "base/xalloc.h"
#include "core/catalog.h"
#include "core/suggest.h"
#include "core/table.h"

/* {======================================================================
 * Names
 * ======================================================================= */

/* Whether a word of name (its runs of ASCII letters and digits, any
 * letter case) starts with one of words: "LS Clean WER" has "wer", "Model
 * size (B)" has "size"; "answer" has no "wer". */
static bool has_word(const char *name, const char *const *words)
{
    const char *p = name;

    while (*p != '\0') {
        const char *const *w;

        if (!isalnum((unsigned char)*p)) {
            p++;
            continue;
        }
        for (w = words; *w != NULL; w++)
            if (strncasecmp(p, *w, strlen(*w)) == 0)
                return true;
        while (isalnum((unsigned char)*p))
            p++;
    }
    return false;
}

/* Whether the first word of name is one of words, whole ("Avg. WER",
 * not "LS Avg" nor "Meaning"). */
static bool first_word(const char *name, const char *const *words)
{
    const char *p = name, *end;
    const char *const *w;

    while (*p != '\0' && !isalnum((unsigned char)*p))
        p++;
    for (end = p; isalnum((unsigned char)*end); end++)
        ;
    for (w = words; *w != NULL; w++)
        if ((size_t)(end - p) == strlen(*w) &&
            strncasecmp(p, *w, strlen(*w)) == 0)
            return true;
    return false;
}

/* The length of the benchmark's name in a standard error's column name
 * (_stderr, _se, any letter case), or 0. */
static size_t stderr_stem(const char *name)
{
    static const char *const suffixes[] = {"_stderr", "_se", " stderr", NULL};
    size_t n = strlen(name), i;

    for (i = 0; suffixes[i] != NULL; i++) {
        size_t m = strlen(suffixes[i]);

        if (n > m && strcasecmp(name + n - m, suffixes[i]) == 0)
            return n - m;
    }
    return 0;
}

/* }====================================================================== */

/* {======================================================================
 * Values
 * ======================================================================= */

/* Whether every number of column c (every row read) lies in 0 to 100,
 * its -1 cells aside when they mean no value. */
static bool values_within_0_100(const struct lb_column *c, bool minus_one_missing)
{
    return !c->above_100 && c->n_negative == 0 &&
           (c->n_minus_one == 0 || minus_one_missing);
}

/* Marks missing the cells of numeric column c equal to d; returns how
 * many. */
static size_t mark_missing(const struct lb_table *t, struct lb_column *c,
                           const struct lb_dec *d)
{
    lb_i128 want;
    size_t r, n = 0;

    if (d->scale > c->scale)
        return 0; /* more decimals than any cell: no cell equals it */
    want = (lb_i128)d->units * lb_pow10[c->scale - d->scale];
    for (r = 0; r < t->nrows; r++) {
        if (lb_column_missing(c, r) || lb_column_num(c, r) != want)
            continue;
        c->missing[r >> 3] = (uint8_t)(c->missing[r >> 3] | (1u << (r & 7)));
        n++;
    }
    c->n_present -= n;
    return n;
}

/* Whether numeric column c holds -1 as a sentinel: some numbers are
 * exactly -1, every other is 0 or more, and there is at least one such
 * other (every row read counts, kept or not). */
static bool minus_one_sentinel(const struct lb_column *c)
{
    if (c->bench != NULL)
        return false; /* a catalog benchmark's range says what is valid */
    return c->n_minus_one > 0 && c->n_negative == 0 &&
           c->n_values > c->n_minus_one;
}

/* A column that writes '%' after some of its numbers but not all: bad at
 * the first cell written with it. */
static void check_units(struct lb_column *c)
{
    if (c->n_percent > 0 && c->n_percent < c->n_values &&
        c->bad.kind == LB_BAD_NONE) {
        c->bad = c->unit;
        c->unit.value = NULL;
    }
    free(c->unit.value);
    memset(&c->unit, 0, sizeof c->unit);
}

/* }====================================================================== */

/* {======================================================================
 * Roles
 * ======================================================================= */

static const char *const lower_words[] = {
    "wer", "cer", "error", "err", "loss", "perplexity", "ppl", "latency", NULL};

bool lb_schema_name_lower(const char *name)
{
    return has_word(name, lower_words);
}

/* Whether every value of text column c is true or false (any letter case;
 * Table Schema's booleans), and there is one. */
static bool is_boolean(const struct lb_table *t, const struct lb_column *c)
{
    size_t r, n = 0;

    if (!c->has_text)
        return false;
    for (r = 0; r < t->nrows; r++) {
        size_t len;
        const char *s = lb_table_text(t, c->index, r, &len);

        if (lb_is_missing_text(s, len))
            continue;
        if (!(len == 4 && strncasecmp(s, "true", 4) == 0) &&
            !(len == 5 && strncasecmp(s, "false", 5) == 0))
            return false;
        n++;
    }
    return n > 0;
}

/* Whether a column of t is named 'name' (any letter case). */
static bool has_column_named(const struct lb_table *t, const char *name)
{
    size_t i;

    for (i = 0; i < t->ncols; i++)
        if (strcasecmp(t->cols[i].name, name) == 0)
            return true;
    return false;
}

/* Infers the field of column col. */
static void infer_column(struct lb_field *f, const struct lb_table *t,
                         size_t col, bool catalog, bool minus_one)
{
    static const char *const aggregates[] = {"avg", "average", "mean", NULL};
    static const char *const meta_words[] = {
        "param", "size", "rtf", "latency", "tokens", "throughput", "speed",
        "runtime", "memory", "vram", "flops", "cost", "price", "year", "date",
        "time", NULL};
    const struct lb_column *c = &t->cols[col];

    if (col == t->model_col) {
        f->role = LB_ROLE_MODEL;
        f->type = xstrdup("string");
        f->why = "the model column";
        return;
    }
    if (c->bench != NULL) {
        f->role = LB_ROLE_BENCHMARK;
        f->better = c->bench->higher_is_better ? LB_BETTER_HIGHER
                                               : LB_BETTER_LOWER;
        f->has_min = f->has_max = true;
        f->min.units = c->bench->lo;
        f->max.units = c->bench->hi;
        if (c->bench->norm_baseline != NULL &&
            lb_dec_parse(c->bench->norm_baseline,
                         strlen(c->bench->norm_baseline),
                         &f->baseline) == LB_NUM_OK)
            f->has_baseline = true;
        f->type = xstrdup("number");
        /* the suite's name for it, for people, when the file spells it
         * otherwise (MATH_Lvl5: "MATH Lvl 5", MUSR: "MuSR"), not only in
         * letter case, and no other column has that name */
        if (strcasecmp(c->name, c->bench->name) != 0 &&
            !has_column_named(t, c->bench->name))
            f->title = xstrdup(c->bench->name);
        f->why = c->bench->suite != NULL ? c->bench->suite->title
                                         : "a benchmark leaderboard knows";
        return;
    }
    if (first_word(c->name, aggregates) || lb_catalog_is_average(c->name)) {
        f->role = LB_ROLE_AGGREGATE;
        f->why = "named as an aggregate (Average, Avg, Mean): never averaged";
    } else if (stderr_stem(c->name) > 0) {
        f->role = LB_ROLE_STDERR;
        f->of = xmemdup0(c->name, stderr_stem(c->name));
        f->why = "named as a standard error (_stderr, _se)";
    } else if (lb_catalog_is_metadata(c->name) ||
               has_word(c->name, meta_words)) {
        f->role = LB_ROLE_METADATA;
        f->why = "named as metadata (size, parameters, speed, ...)";
    } else if (!c->numeric || c->n_values == c->n_minus_one * minus_one) {
        f->role = LB_ROLE_METADATA;
        f->why = c->numeric ? "no values" : "not numbers";
    } else if (catalog) {
        f->role = LB_ROLE_METADATA;
        f->why = "numbers, but the file has the catalog's benchmarks: name "
                 "it with " LB_OPT("benchmarks") " to average it";
    } else if (!values_within_0_100(c, minus_one)) {
        f->role = LB_ROLE_METADATA;
        f->why = "numbers outside 0 to 100: not averaged with scores (name "
                 "it with " LB_OPT("benchmarks") " to average it)";
    } else {
        f->role = LB_ROLE_BENCHMARK;
        f->why = "numbers from 0 to 100";
        if (has_word(c->name, lower_words)) {
            f->better = LB_BETTER_LOWER;
            f->why = "numbers from 0 to 100; lower is better (an error rate "
                     "or a cost by its name)";
        }
    }
    f->by_name = f->role == LB_ROLE_AGGREGATE || f->role == LB_ROLE_STDERR ||
                 (f->role == LB_ROLE_METADATA && c->numeric &&
                  (lb_catalog_is_metadata(c->name) ||
                   has_word(c->name, meta_words)));
    if (f->role == LB_ROLE_AGGREGATE && has_word(c->name, lower_words))
        f->better = LB_BETTER_LOWER;
    if (c->numeric && c->n_values > 0)
        f->type = xstrdup("number");
    else if (!c->numeric)
        f->type = xstrdup(is_boolean(t, c) ? "boolean" : "string");
}

/* }====================================================================== */

/* {======================================================================
 * Binding
 * ======================================================================= */

static char **copy_list(char *const *v, size_t n)
{
    char **out;
    size_t i;

    if (v == NULL)
        return NULL;
    out = xcalloc(n + 1, sizeof *out);
    for (i = 0; i < n; i++)
        out[i] = xstrdup(v[i]);
    return out;
}

static char *dup_or_null(const char *s)
{
    return s != NULL ? xstrdup(s) : NULL;
}

/* A deep copy of src into the new field f (named already). */
static void copy_field(struct lb_field *f, const struct lb_field *src)
{
    char *name = f->name;

    *f = *src;
    f->name = name;
    f->type = dup_or_null(src->type);
    f->title = dup_or_null(src->title);
    f->description = dup_or_null(src->description);
    f->group = dup_or_null(src->group);
    f->of = dup_or_null(src->of);
    f->missing = copy_list(src->missing, src->nmissing);
}

/* Whether the missing values that apply to field f name -1. */
static bool lists_minus_one(const struct lb_field *f, const struct lb_schema *s)
{
    char *const *v = f->missing != NULL ? f->missing : s->missing;
    size_t n = f->missing != NULL ? f->nmissing : s->nmissing, i;

    for (i = 0; i < n; i++) {
        struct lb_dec d = {0, 0}; /* not written unless a number */

        if (lb_dec_parse(v[i], strlen(v[i]), &d) == LB_NUM_OK &&
            d.units == -1 && d.scale == 0)
            return true;
    }
    return false;
}

/* The numbers among missing values ("-1"): their cells become missing. */
static void mark_listed(const struct lb_table *t, struct lb_column *c,
                        char *const *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        struct lb_dec d;

        if (lb_dec_parse(v[i], strlen(v[i]), &d) == LB_NUM_OK)
            c->n_sentinel += mark_missing(t, c, &d);
    }
}

static int cmp_fields(const void *a, const void *b)
{
    const struct lb_field *const *x = a, *const *y = b;

    return strcmp((*x)->name, (*y)->name);
}

/* given's fields sorted by name, to find each column's in log time. */
static const struct lb_field **sorted_fields(const struct lb_schema *given)
{
    const struct lb_field **v;
    size_t i;

    v = xreallocarray(NULL, given->nfields + 1, sizeof *v);
    for (i = 0; i < given->nfields; i++)
        v[i] = &given->fields[i];
    qsort(v, given->nfields, sizeof *v, cmp_fields);
    return v;
}

static const struct lb_field *find_given(const struct lb_field **v, size_t n,
                                         const char *name)
{
    struct lb_field key;
    const struct lb_field *k = &key, *const *hit;

    if (v == NULL)
        return NULL;
    key.name = (char *)(uintptr_t)name;
    hit = bsearch(&k, v, n, sizeof *v, cmp_fields);
    return hit != NULL ? *hit : NULL;
}

/* A benchmark the schema names must be a column. */
static int check_given(const struct lb_table *t, const struct lb_schema *given,
                       struct lb_error *err)
{
    struct lb_did_you_mean dm;
    struct lb_quoted qf, qs;
    size_t i;

    for (i = 0; i < given->nfields; i++) {
        const struct lb_field *f = &given->fields[i];

        if (f->role == LB_ROLE_BENCHMARK &&
            lb_table_find(t, f->name) == LB_NPOS)
            return lb_error_set(err, "%s: benchmark %s of schema %s is not a "
                                     "column of the file%s",
                                t->path, lb_quotes(&qf, f->name),
                                lb_quotes(&qs, given->source),
                                lb_table_did_you_mean(&dm, t, f->name));
    }
    return 0;
}

/* Whether numeric column c never falls down the file and rises at least
 * twice (missing cells skipped): listed lowest first. */
static bool listed_lowest_first(const struct lb_table *t,
                                const struct lb_column *c)
{
    size_t r, up = 0;
    bool have = false;
    lb_i128 prev = 0;

    for (r = 0; r < t->nrows; r++) {
        lb_i128 v;

        if (lb_column_missing(c, r))
            continue;
        v = lb_column_num(c, r);
        if (have && v < prev)
            return false;
        up += have && v > prev;
        prev = v;
        have = true;
    }
    return up >= 2;
}

/* A board that publishes its aggregate lists its rows best first. When the
 * file has no catalog benchmark and an inferred aggregate column is listed
 * lowest first, lower is better for the benchmarks inferred from their
 * values whose names say nothing (the Open ASR Leaderboard's long-form
 * table: 'earnings21', 'tedlium' are word error rates, 'Average' rises). */
static void infer_order(struct lb_table *t, struct lb_schema *s)
{
    const struct lb_column *agg = NULL;
    size_t i;

    if (s->catalog)
        return;
    for (i = 0; i < t->ncols && agg == NULL; i++) {
        const struct lb_field *f = &s->fields[i];

        if (f->role == LB_ROLE_AGGREGATE && !f->described &&
            t->cols[i].numeric && listed_lowest_first(t, &t->cols[i]))
            agg = &t->cols[i];
    }
    if (agg == NULL)
        return;
    for (i = 0; i < t->ncols; i++) {
        struct lb_field *f = &s->fields[i];

        if (f->described || f->better == LB_BETTER_LOWER ||
            !(f->role == LB_ROLE_BENCHMARK || f->role == LB_ROLE_AGGREGATE))
            continue;
        f->better = LB_BETTER_LOWER;
        f->order_of = agg->name;
        if (f->role == LB_ROLE_BENCHMARK)
            f->why = "numbers from 0 to 100; lower is better (the file "
                     "lists its published aggregate lowest first)";
    }
}

int lb_schema_bind(struct lb_table *t, const struct lb_schema *given,
                   struct lb_error *err)
{
    struct lb_schema *s = xcalloc(1, sizeof *s);
    const struct lb_field **index = NULL;
    size_t i;

    if (given != NULL) {
        if (check_given(t, given, err) != 0) {
            free(s);
            return -1;
        }
        s->source = dup_or_null(given->source);
        s->missing = copy_list(given->missing, given->nmissing);
        s->nmissing = given->nmissing;
        s->primary_key = dup_or_null(given->primary_key);
        index = sorted_fields(given);
    }
    s->fields = xcalloc(t->ncols + 1, sizeof *s->fields);
    for (i = 0; i < t->ncols; i++)
        s->catalog = s->catalog || t->cols[i].bench != NULL;
    for (i = 0; i < t->ncols; i++) {
        struct lb_column *c = &t->cols[i];
        struct lb_field *f = &s->fields[s->nfields++];
        const struct lb_field *g =
            find_given(index, given ? given->nfields : 0, c->name);

        memset(f, 0, sizeof *f);
        f->name = xstrdup(c->name);
        f->bare = true;
        if (g != NULL)
            copy_field(f, g);
        if (c->numeric) {
            if (f->missing != NULL)
                mark_listed(t, c, f->missing, f->nmissing);
            else if (s->missing != NULL)
                mark_listed(t, c, s->missing, s->nmissing);
            else if (g == NULL && minus_one_sentinel(c)) {
                struct lb_dec minus_one = {-1, 0};

                c->n_sentinel = mark_missing(t, c, &minus_one);
                f->sentinel = true;
            }
            check_units(c);
            if (c->n_percent > 0 && c->bad.kind == LB_BAD_NONE)
                f->bare = false;
        }
        if (f->role == LB_ROLE_NONE || i == t->model_col) {
            struct lb_field inferred;

            memset(&inferred, 0, sizeof inferred);
            infer_column(&inferred, t, i, s->catalog,
                         f->sentinel || lists_minus_one(f, s));
            f->role = inferred.role;
            f->why = inferred.why;
            f->by_name = inferred.by_name;
            if (!f->described) {
                f->better = inferred.better;
                f->has_min = inferred.has_min;
                f->has_max = inferred.has_max;
                f->min = inferred.min;
                f->max = inferred.max;
                f->has_baseline = inferred.has_baseline;
                f->baseline = inferred.baseline;
            }
            if (f->type == NULL) {
                f->type = inferred.type;
                inferred.type = NULL;
            }
            if (f->role == LB_ROLE_STDERR && f->of == NULL) {
                f->of = inferred.of;
                inferred.of = NULL;
            }
            if (f->title == NULL) {
                f->title = inferred.title;
                inferred.title = NULL;
            }
            inferred.name = NULL;
            lb_field_release(&inferred);
        }
        c->field = f;
    }
    free(index);
    infer_order(t, s);
    t->schema = s;
    return 0;
}

/* }====================================================================== */
