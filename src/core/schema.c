/* schema.c: a board's schema read, written and inferred (see schema.h).
 *
 * Inference, column by column, the first rule that applies (its text is
 * the field's 'why'):
 *   - the model column (the table's, found by name: model, model_id,
 *     Model, name);
 *   - a benchmark the catalog knows (Open LLM Leaderboard v1, v2): its
 *     range, direction and random baseline;
 *   - a published aggregate: Average, Avg*, Mean*;
 *   - a standard error: *_stderr, *_se;
 *   - metadata by name: the catalog's (params_b, license, ...) and size,
 *     parameter, speed and throughput columns (params*, *size*, RTFx,
 *     latency, tokens/s, throughput, speed, time);
 *   - a column that is not all numbers: metadata;
 *   - numbers outside 0 to 100: metadata (an average of such numbers with
 *     scores would mean nothing: name it with --benchmarks to average it);
 *   - else a benchmark, lower-is-better when its name means an error rate
 *     or a cost (WER, CER, error, loss, perplexity, latency). */
#include "core/schema.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "base/quote.h"
#include "base/xalloc.h"
#include "core/catalog.h"
#include "core/table.h"

static const char *const role_names[] = {"", "model", "benchmark",
                                         "aggregate", "stderr", "metadata"};

const char *lb_role_name(enum lb_role r)
{
    return role_names[r];
}

void lb_schema_init(struct lb_schema *s)
{
    memset(s, 0, sizeof *s);
}

static void field_release(struct lb_field *f)
{
    free(f->name);
    free(f->type);
    free(f->title);
    free(f->description);
    free(f->group);
    free(f->of);
}

void lb_schema_release(struct lb_schema *s)
{
    size_t i;

    for (i = 0; i < s->nfields; i++)
        field_release(&s->fields[i]);
    free(s->fields);
    for (i = 0; i < s->nmissing; i++)
        free(s->missing[i]);
    free(s->missing);
    free(s->source);
    memset(s, 0, sizeof *s);
}

static struct lb_field *add_field(struct lb_schema *s, const char *name)
{
    struct lb_field *f;

    s->fields = xreallocarray(s->fields, s->nfields + 1, sizeof *s->fields);
    f = &s->fields[s->nfields++];
    memset(f, 0, sizeof *f);
    f->name = xstrdup(name);
    f->bare = true;
    return f;
}

const struct lb_field *lb_schema_field(const struct lb_schema *s,
                                       const char *name)
{
    size_t i;

    for (i = 0; s != NULL && i < s->nfields; i++)
        if (strcmp(s->fields[i].name, name) == 0)
            return &s->fields[i];
    for (i = 0; s != NULL && i < s->nfields; i++)
        if (strcasecmp(s->fields[i].name, name) == 0)
            return &s->fields[i];
    return NULL;
}

/* {======================================================================
 * Reading
 * ======================================================================= */

/* A JSON number (or a string holding one) as an exact decimal: a double
 * is written in the fewest digits that read back as the same double, as
 * a person wrote it ("0.1", not 0.1000000000000000055511151231257827). */
static bool decimal_of(const json_t *v, struct lb_dec *out)
{
    char buf[64];
    int digits;

    if (json_is_string(v))
        return lb_dec_parse(json_string_value(v), json_string_length(v),
                            out) == LB_NUM_OK;
    if (json_is_integer(v)) {
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        return lb_dec_parse(buf, strlen(buf), out) == LB_NUM_OK;
    }
    if (!json_is_real(v))
        return false;
    for (digits = 1; digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, json_real_value(v));
        if (strtod(buf, NULL) == json_real_value(v))
            break;
    }
    return lb_dec_parse(buf, strlen(buf), out) == LB_NUM_OK;
}

struct reader {
    const char *name;      /* the schema, for messages */
    struct lb_error *err;
    const char *field;     /* the field being read */
};

static int bad(const struct reader *r, const char *what, const json_t *v)
{
    struct lb_quoted qf;
    char *text = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    struct lb_quoted qv;
    int rc;

    rc = lb_error_set(r->err, "%s: field %s: %s, not %s", r->name,
                      lb_quotes(&qf, r->field), what,
                      lb_quotes(&qv, text != NULL ? text : "?"));
    free(text);
    return rc;
}

/* *out = a copy of the string property 'key' of o (NULL when absent). */
static int string_prop(const struct reader *r, const json_t *o,
                       const char *key, char **out)
{
    const json_t *v = json_object_get(o, key);
    char what[64];

    if (v == NULL || json_is_null(v))
        return 0;
    snprintf(what, sizeof what, "'%s' must be a string", key);
    if (!json_is_string(v))
        return bad(r, what, v);
    free(*out);
    *out = xmemdup0(json_string_value(v), json_string_length(v));
    return 0;
}

static int decimal_prop(const struct reader *r, const json_t *o,
                        const char *key, bool *has, struct lb_dec *out)
{
    const json_t *v = json_object_get(o, key);
    char what[64];

    if (v == NULL || json_is_null(v))
        return 0;
    snprintf(what, sizeof what, "'%s' must be a number", key);
    if (!decimal_of(v, out))
        return bad(r, what, v);
    *has = true;
    return 0;
}

static int read_field(const struct reader *r, const json_t *o,
                      struct lb_field *f)
{
    const json_t *v;
    char *role = NULL, *better = NULL;
    int rc = 0;
    size_t i;

    if (string_prop(r, o, "type", &f->type) != 0 ||
        string_prop(r, o, "title", &f->title) != 0 ||
        string_prop(r, o, "description", &f->description) != 0 ||
        string_prop(r, o, "group", &f->group) != 0 ||
        string_prop(r, o, "of", &f->of) != 0 ||
        string_prop(r, o, "role", &role) != 0 ||
        string_prop(r, o, "better", &better) != 0 ||
        decimal_prop(r, o, "baseline", &f->has_baseline, &f->baseline) != 0 ||
        decimal_prop(r, o, "weight", &f->has_weight, &f->weight) != 0)
        rc = -1;
    v = json_object_get(o, "constraints");
    if (rc == 0 && v != NULL && !json_is_object(v))
        rc = bad(r, "'constraints' must be an object", v);
    if (rc == 0 && v != NULL &&
        (decimal_prop(r, v, "minimum", &f->has_min, &f->min) != 0 ||
         decimal_prop(r, v, "maximum", &f->has_max, &f->max) != 0))
        rc = -1;
    v = json_object_get(o, "bareNumber");
    if (rc == 0 && v != NULL && !json_is_boolean(v))
        rc = bad(r, "'bareNumber' must be true or false", v);
    else if (rc == 0 && v != NULL)
        f->bare = json_is_true(v);
    if (rc == 0 && role != NULL) {
        for (i = 1; i < sizeof role_names / sizeof role_names[0]; i++)
            if (strcmp(role, role_names[i]) == 0)
                f->role = (enum lb_role)i;
        if (f->role == LB_ROLE_NONE)
            rc = bad(r, "'role' must be model, benchmark, aggregate, stderr "
                        "or metadata",
                     json_object_get(o, "role"));
    }
    if (rc == 0 && better != NULL) {
        if (strcmp(better, "higher") == 0)
            f->better = LB_BETTER_HIGHER;
        else if (strcmp(better, "lower") == 0)
            f->better = LB_BETTER_LOWER;
        else
            rc = bad(r, "'better' must be higher or lower",
                     json_object_get(o, "better"));
    }
    if (rc == 0 && f->has_weight && f->weight.units < 0)
        rc = bad(r, "'weight' must be 0 or more", json_object_get(o, "weight"));
    free(role);
    free(better);
    return rc;
}

static int read_missing(const struct reader *r, struct lb_schema *s,
                        const json_t *v)
{
    size_t i;

    if (!json_is_array(v))
        return lb_error_set(r->err, "%s: 'missingValues' must be a list of "
                                    "strings",
                            r->name);
    s->missing = xcalloc(json_array_size(v) + 1, sizeof *s->missing);
    for (i = 0; i < json_array_size(v); i++) {
        const json_t *it = json_array_get(v, i);

        if (!json_is_string(it))
            return lb_error_set(r->err, "%s: 'missingValues' must be a list "
                                        "of strings (item %zu is not)",
                                r->name, i + 1);
        s->missing[s->nmissing++] =
            xmemdup0(json_string_value(it), json_string_length(it));
    }
    return 0;
}

int lb_schema_parse(struct lb_schema *s, const char *name, const char *text,
                    size_t len, struct lb_error *err)
{
    struct reader r = {name, err, ""};
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    const json_t *fields, *v;
    size_t i;
    int rc = 0;

    lb_schema_init(s);
    s->source = xstrdup(name);
    if (root == NULL)
        return lb_error_set(err, "%s:%d:%d: not valid JSON: %s", name,
                            je.line, je.column, je.text);
    fields = json_object_get(root, "fields");
    if (!json_is_object(root) || !json_is_array(fields)) {
        json_decref(root);
        return lb_error_set(err, "%s: not a Table Schema (an object with a "
                                 "list of \"fields\")",
                            name);
    }
    for (i = 0; i < json_array_size(fields) && rc == 0; i++) {
        const json_t *o = json_array_get(fields, i);
        const json_t *n = json_object_get(o, "name");
        struct lb_quoted q;

        if (!json_is_object(o) || !json_is_string(n)) {
            rc = lb_error_set(err, "%s: field %zu has no \"name\"", name,
                              i + 1);
            break;
        }
        if (lb_schema_field(s, json_string_value(n)) != NULL &&
            strcmp(lb_schema_field(s, json_string_value(n))->name,
                   json_string_value(n)) == 0) {
            rc = lb_error_set(err, "%s: field %s is described twice", name,
                              lb_quotes(&q, json_string_value(n)));
            break;
        }
        r.field = json_string_value(n);
        rc = read_field(&r, o, add_field(s, json_string_value(n)));
    }
    v = json_object_get(root, "missingValues");
    if (rc == 0 && v != NULL)
        rc = read_missing(&r, s, v);
    json_decref(root);
    return rc;
}

/* }====================================================================== */

/* {======================================================================
 * Writing
 * ======================================================================= */

static void put_string(struct lb_buf *out, const char *s)
{
    json_t *j = json_string(s);
    char *text = j != NULL ? json_dumps(j, JSON_ENCODE_ANY) : NULL;

    /* a name that is not UTF-8 cannot be a JSON string: as UTF-8 '?' */
    if (text == NULL) {
        size_t i;

        lb_buf_addc(out, '"');
        for (i = 0; s[i] != '\0'; i++)
            lb_buf_addc(out, (unsigned char)s[i] < 0x80 && s[i] != '"' &&
                                     s[i] != '\\' && s[i] >= 0x20
                                 ? s[i]
                                 : '?');
        lb_buf_addc(out, '"');
    } else {
        lb_buf_adds(out, text);
    }
    free(text);
    json_decref(j);
}

static void put_dec(struct lb_buf *out, const struct lb_dec *d)
{
    char buf[LB_DEC_BUFSIZE];

    lb_dec_format(buf, d->units, d->scale);
    lb_buf_adds(out, buf);
}

static void put_field(struct lb_buf *out, const struct lb_field *f)
{
    lb_buf_adds(out, "    {\"name\": ");
    put_string(out, f->name);
    if (f->type != NULL) {
        lb_buf_adds(out, ", \"type\": ");
        put_string(out, f->type);
    }
    if (f->title != NULL) {
        lb_buf_adds(out, ", \"title\": ");
        put_string(out, f->title);
    }
    if (f->role != LB_ROLE_NONE)
        lb_buf_addf(out, ", \"role\": \"%s\"", role_names[f->role]);
    if (f->better != LB_BETTER_UNSET)
        lb_buf_addf(out, ", \"better\": \"%s\"",
                    f->better == LB_BETTER_LOWER ? "lower" : "higher");
    if (!f->bare)
        lb_buf_adds(out, ", \"bareNumber\": false");
    if (f->has_min || f->has_max) {
        lb_buf_adds(out, ", \"constraints\": {");
        if (f->has_min) {
            lb_buf_adds(out, "\"minimum\": ");
            put_dec(out, &f->min);
        }
        if (f->has_max) {
            lb_buf_adds(out, f->has_min ? ", \"maximum\": " : "\"maximum\": ");
            put_dec(out, &f->max);
        }
        lb_buf_addc(out, '}');
    }
    if (f->has_baseline) {
        lb_buf_adds(out, ", \"baseline\": ");
        put_dec(out, &f->baseline);
    }
    if (f->has_weight) {
        lb_buf_adds(out, ", \"weight\": ");
        put_dec(out, &f->weight);
    }
    if (f->group != NULL) {
        lb_buf_adds(out, ", \"group\": ");
        put_string(out, f->group);
    }
    if (f->of != NULL) {
        lb_buf_adds(out, ", \"of\": ");
        put_string(out, f->of);
    }
    if (f->description != NULL || f->why != NULL) {
        lb_buf_adds(out, ", \"description\": ");
        put_string(out, f->description != NULL ? f->description : f->why);
    }
    lb_buf_adds(out, "}");
}

void lb_schema_write(const struct lb_schema *s, struct lb_buf *out)
{
    size_t i;

    lb_buf_adds(out, "{\n  \"fields\": [\n");
    for (i = 0; i < s->nfields; i++) {
        put_field(out, &s->fields[i]);
        lb_buf_adds(out, i + 1 < s->nfields ? ",\n" : "\n");
    }
    lb_buf_adds(out, "  ],\n  \"missingValues\": [");
    if (s->missing != NULL) {
        for (i = 0; i < s->nmissing; i++) {
            if (i > 0)
                lb_buf_adds(out, ", ");
            put_string(out, s->missing[i]);
        }
    } else {
        lb_buf_adds(out, "\"\", \"NA\", \"N/A\", \"-\"");
        if (s->sentinel_minus_one)
            lb_buf_adds(out, ", \"-1\"");
    }
    lb_buf_adds(out, "]");
    for (i = 0; i < s->nfields; i++)
        if (s->fields[i].role == LB_ROLE_MODEL) {
            lb_buf_adds(out, ",\n  \"primaryKey\": ");
            put_string(out, s->fields[i].name);
            break;
        }
    lb_buf_adds(out, "\n}\n");
}

/* }====================================================================== */

/* {======================================================================
 * Inference
 * ======================================================================= */

/* Whether a word of name (its runs of ASCII letters and digits, any
 * letter case) starts with one of words: "LS Clean WER" has "wer", "Model
 * size (B)" has "size"; "answer" has no "wer". */
static bool words_start(const char *name, const char *const *words,
                        bool first_only)
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
        if (first_only)
            return false;
        while (isalnum((unsigned char)*p))
            p++;
    }
    return false;
}

static bool has_word(const char *name, const char *const *words)
{
    return words_start(name, words, false);
}

/* The same for the first word only ("Avg. WER", not "LS Avg"). */
static bool first_word(const char *name, const char *const *words)
{
    return words_start(name, words, true);
}

/* The name with an error suffix (_stderr, _se, any letter case) gives the
 * benchmark's name's length, or 0. */
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

/* Whether every present value of numeric column c lies in [lo, hi] (at
 * the column's scale). */
static bool values_within(const struct lb_table *t, const struct lb_column *c,
                          long lo, long hi)
{
    lb_i128 l = (lb_i128)lo * lb_pow10[c->scale];
    lb_i128 h = (lb_i128)hi * lb_pow10[c->scale];
    size_t r;

    for (r = 0; r < t->nrows; r++) {
        lb_i128 v;

        if (lb_column_missing(c, r))
            continue;
        v = lb_column_num(c, r);
        if (v < l || v > h)
            return false;
    }
    return true;
}

/* Infers one column's field. */
static void infer_column(struct lb_field *f, const struct lb_table *t,
                         size_t col)
{
    static const char *const aggregates[] = {"avg", "average", "mean", NULL};
    static const char *const meta_words[] = {
        "param", "size", "rtf", "latency", "tokens", "throughput", "speed",
        "runtime", "memory", "vram", "flops", "cost", "price", "year", "date",
        "time", NULL};
    static const char *const lower_words[] = {
        "wer", "cer", "error", "err", "loss", "perplexity", "ppl", "latency",
        NULL};
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
        f->why = c->bench->suite->title;
        return;
    }
    if (first_word(c->name, aggregates) || lb_catalog_is_average(c->name)) {
        f->role = LB_ROLE_AGGREGATE;
        f->why = "named as an aggregate (Average, Avg, Mean): never averaged";
    } else if (stderr_stem(c->name) > 0) {
        f->role = LB_ROLE_STDERR;
        f->of = xmemdup0(c->name, stderr_stem(c->name));
        f->why = "named as a standard error (_stderr, _se)";
    } else if (lb_catalog_is_metadata(c->name) || has_word(c->name, meta_words)) {
        f->role = LB_ROLE_METADATA;
        f->why = "named as metadata (size, parameters, speed, ...)";
    } else if (!c->numeric || c->n_present == 0) {
        f->role = LB_ROLE_METADATA;
        f->why = c->numeric ? "no values" : "not numbers";
    } else if (!values_within(t, c, 0, 100)) {
        f->role = LB_ROLE_METADATA;
        f->why = "numbers outside 0 to 100: not averaged with scores";
    } else {
        f->role = LB_ROLE_BENCHMARK;
        f->why = "numbers from 0 to 100";
        if (has_word(c->name, lower_words)) {
            f->better = LB_BETTER_LOWER;
            f->why = "numbers from 0 to 100; lower is better (an error rate "
                     "or a cost by its name)";
        }
    }
    if (f->role == LB_ROLE_AGGREGATE && has_word(c->name, lower_words))
        f->better = LB_BETTER_LOWER;
    if (c->numeric && c->n_present > 0)
        f->type = xstrdup("number");
    else if (!c->numeric)
        f->type = xstrdup("string");
}

void lb_schema_complete(struct lb_schema *s, const struct lb_table *t)
{
    size_t i;

    for (i = 0; i < t->ncols; i++) {
        struct lb_field *f;
        struct lb_field inferred;

        f = (struct lb_field *)(uintptr_t)lb_schema_field(s, t->cols[i].name);
        memset(&inferred, 0, sizeof inferred);
        infer_column(&inferred, t, i);
        if (f == NULL) {
            f = add_field(s, t->cols[i].name);
            f->role = inferred.role;
            f->better = inferred.better;
            f->type = inferred.type;
            inferred.type = NULL;
            f->of = inferred.of;
            inferred.of = NULL;
            f->why = inferred.why;
            if (s->source == NULL) { /* the catalog's facts, when inferred */
                f->has_min = inferred.has_min;
                f->has_max = inferred.has_max;
                f->min = inferred.min;
                f->max = inferred.max;
                f->has_baseline = inferred.has_baseline;
                f->baseline = inferred.baseline;
            }
        } else if (f->role == LB_ROLE_NONE) {
            f->role = inferred.role;
            f->why = inferred.why;
            if (f->role == LB_ROLE_STDERR && f->of == NULL) {
                f->of = inferred.of;
                inferred.of = NULL;
            }
        }
        field_release(&inferred);
    }
}

void lb_schema_infer(struct lb_schema *s, const struct lb_table *t)
{
    lb_schema_init(s);
    lb_schema_complete(s, t);
}

/* }====================================================================== */
