/* schema.c: a board's schema read and written as Table Schema JSON (see
 * schema.h); schema_infer.c infers it and binds it to a table. */
#include "core/schema.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "base/fileio.h"
#include "base/quote.h"
#include "base/utf8.h"
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

static void free_list(char **v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void lb_field_release(struct lb_field *f)
{
    free(f->name);
    free(f->type);
    free(f->title);
    free(f->description);
    free(f->group);
    free(f->of);
    free_list(f->missing, f->nmissing);
}

void lb_schema_release(struct lb_schema *s)
{
    size_t i;

    for (i = 0; i < s->nfields; i++)
        lb_field_release(&s->fields[i]);
    free(s->fields);
    free_list(s->missing, s->nmissing);
    free(s->source);
    free(s->primary_key);
    memset(s, 0, sizeof *s);
}

struct lb_field *lb_schema_add(struct lb_schema *s, const char *name)
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

/* missingValues: a list of strings into *list. */
static int read_missing(const struct reader *r, const json_t *v, char ***list,
                        size_t *n)
{
    struct lb_quoted q;
    char where[LB_QUOTE_SIZE + 16] = "";
    size_t i;

    if (r->field != NULL)
        snprintf(where, sizeof where, "field %s: ", lb_quotes(&q, r->field));
    if (!json_is_array(v))
        return lb_error_set(r->err, "%s: %s'missingValues' must be a list of "
                                    "strings",
                            r->name, where);
    *list = xcalloc(json_array_size(v) + 1, sizeof **list);
    for (i = 0; i < json_array_size(v); i++) {
        const json_t *it = json_array_get(v, i);

        if (!json_is_string(it))
            return lb_error_set(r->err, "%s: %s'missingValues' must be a list "
                                        "of strings (item %zu is not)",
                                r->name, where, i + 1);
        (*list)[(*n)++] =
            xmemdup0(json_string_value(it), json_string_length(it));
    }
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
    v = json_object_get(o, "missingValues");
    if (rc == 0 && v != NULL)
        rc = read_missing(r, v, &f->missing, &f->nmissing);
    f->described = true;
    free(role);
    free(better);
    return rc;
}

static int cmp_field_names(const void *a, const void *b)
{
    const struct lb_field *const *x = a, *const *y = b;

    return strcmp((*x)->name, (*y)->name);
}

/* A name described twice (sorted: a header of 100,000 columns is fast). */
static int check_unique(const struct lb_schema *s, const char *name,
                        struct lb_error *err)
{
    const struct lb_field **v = xreallocarray(NULL, s->nfields + 1, sizeof *v);
    struct lb_quoted q;
    size_t i;
    int rc = 0;

    for (i = 0; i < s->nfields; i++)
        v[i] = &s->fields[i];
    qsort(v, s->nfields, sizeof *v, cmp_field_names);
    for (i = 1; i < s->nfields && rc == 0; i++)
        if (strcmp(v[i - 1]->name, v[i]->name) == 0)
            rc = lb_error_set(err, "%s: field %s is described twice", name,
                              lb_quotes(&q, v[i]->name));
    free(v);
    return rc;
}

int lb_schema_parse(struct lb_schema *s, const char *name, const char *text,
                    size_t len, struct lb_error *err)
{
    struct reader r = {name, err, NULL};
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

        if (!json_is_object(o) || !json_is_string(n)) {
            rc = lb_error_set(err, "%s: field %zu has no \"name\"", name,
                              i + 1);
            break;
        }
        r.field = json_string_value(n);
        rc = read_field(&r, o, lb_schema_add(s, json_string_value(n)));
    }
    r.field = NULL;
    if (rc == 0)
        rc = check_unique(s, name, err);
    v = json_object_get(root, "missingValues");
    if (rc == 0 && v != NULL)
        rc = read_missing(&r, v, &s->missing, &s->nmissing);
    v = json_object_get(root, "primaryKey");
    if (rc == 0 && json_is_array(v))
        v = json_array_get(v, 0); /* ["model", "precision"]: the model */
    if (rc == 0 && v != NULL && !json_is_string(v))
        rc = lb_error_set(err, "%s: 'primaryKey' must be a column name (or "
                               "a list of them)",
                          name);
    else if (rc == 0 && v != NULL)
        s->primary_key = xmemdup0(json_string_value(v), json_string_length(v));
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
    if (f->missing != NULL || f->sentinel) {
        size_t i;

        lb_buf_adds(out, ", \"missingValues\": [");
        for (i = 0; i < f->nmissing; i++) {
            lb_buf_adds(out, i > 0 ? ", " : "");
            put_string(out, f->missing[i]);
        }
        if (f->sentinel)
            lb_buf_adds(out, "\"\", \"NA\", \"N/A\", \"-\", \"-1\"");
        lb_buf_adds(out, "]");
    }
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
    if (f->description != NULL) {
        lb_buf_adds(out, ", \"description\": ");
        put_string(out, f->description);
    } else if (f->why != NULL) {
        /* the rule, its options named as a user types them */
        struct lb_buf why = LB_BUF_INIT;

        lb_error_render(&why, f->why, "--");
        lb_buf_adds(out, ", \"description\": ");
        put_string(out, lb_buf_str(&why));
        lb_buf_release(&why);
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
    }
    lb_buf_adds(out, "]");
    if (lb_schema_model_column(s) != NULL) {
        lb_buf_adds(out, ",\n  \"primaryKey\": ");
        put_string(out, lb_schema_model_column(s));
    }
    lb_buf_adds(out, "\n}\n");
}

/* }====================================================================== */

/* {======================================================================
 * Finding and using a schema
 * ======================================================================= */

int lb_schema_read_file(struct lb_schema *s, const char *path,
                        struct lb_error *err)
{
    struct lb_buf text = LB_BUF_INIT;
    struct lb_buf shown = LB_BUF_INIT;
    struct lb_quoted q;
    int fd = open(path, O_RDONLY), rc;

    lb_schema_init(s);
    if (fd < 0) {
        int e = errno;

        return lb_error_set(err, "cannot open schema %s: %s",
                            lb_quotes(&q, path), strerror(e));
    }
    rc = lb_file_read_fd(fd, path, &text, err);
    close(fd);
    if (rc == 0) {
        (void)lb_utf8_render(&shown, path, strlen(path), 0);
        rc = lb_schema_parse(s, lb_buf_str(&shown), text.data, text.len, err);
    }
    lb_buf_release(&shown);
    lb_buf_release(&text);
    if (rc != 0)
        lb_schema_release(s);
    return rc;
}

char *lb_schema_path_for(const char *path)
{
    static const char *const exts[] = {".csv", ".tsv", ".txt"};
    size_t n = strlen(path), i;
    struct lb_buf b = LB_BUF_INIT;

    for (i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t m = strlen(exts[i]);

        if (n > m && strcasecmp(path + n - m, exts[i]) == 0) {
            n -= m;
            break;
        }
    }
    lb_buf_add(&b, path, n);
    lb_buf_adds(&b, ".schema.json");
    return b.data; /* the buffer's bytes, NUL-terminated */
}

char *lb_schema_beside(const char *path)
{
    struct stat st;
    char *p;

    if (strcmp(path, "-") == 0)
        return NULL;
    p = lb_schema_path_for(path);
    if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
        return p;
    free(p);
    return NULL;
}

static bool in_list(char *const *v, size_t n, const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strlen(v[i]) == len && memcmp(v[i], s, len) == 0)
            return true;
    return false;
}

bool lb_schema_missing_text(const struct lb_schema *given,
                            const struct lb_field *f, const char *s,
                            size_t len)
{
    if (f != NULL && f->missing != NULL)
        return in_list(f->missing, f->nmissing, s, len);
    return given != NULL && in_list(given->missing, given->nmissing, s, len);
}

const char *lb_schema_model_column(const struct lb_schema *s)
{
    size_t i;

    for (i = 0; i < s->nfields; i++)
        if (s->fields[i].role == LB_ROLE_MODEL)
            return s->fields[i].name;
    return s->primary_key;
}

/* }====================================================================== */
