#include "core/catalog.h"

#include <pthread.h>
#include <string.h>

#include <jansson.h>

#include "base/decimal.h"
#include "base/xalloc.h"
#include "core/schema.h"
#include "core/suite_texts.h"

/* {======================================================================
 * The suites: Table Schemas (src/suites/ID.schema.json, embedded by the
 * build), read once by the schema reader of every user's board
 * (lb_schema_parse) and turned into the tables below. A suite's file gives,
 * beside the standard properties: at the top "name" (its id), "title" and
 * "method" (how the board aggregates: "mean", "normalized"); per benchmark
 * field "aliases" (one other spelling), "lmeval" ({"task", "num_fewshot",
 * "metric", "random"}: how lm-evaluation-harness runs it) and "baseline"
 * (what --method normalized subtracts; none: published normalized); a
 * metadata field with "of" is the raw score of that benchmark.
 * ======================================================================= */

#define MAX_SUITES 8
#define MAX_BENCH 64
#define MAX_RAW 64

static struct lb_suite suite_v[MAX_SUITES];
static const struct lb_suite *suites[MAX_SUITES + 1];
static struct lb_bench_info benchmarks[MAX_BENCH];
static size_t nbenchmarks;
static struct lb_raw_info raws[MAX_RAW];
static size_t nraws;
static json_t *docs[MAX_SUITES];    /* kept: the strings above point in */
static struct lb_schema parsed[MAX_SUITES];
static struct lb_error load_err;
static bool load_failed;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

/* A string kept for the life of the process (the catalog's). */
static const char *keep_key(const char *name)
{
    char key[64];

    lb_catalog_key(name, key, sizeof key);
    return xstrdup(key);
}

static const char *keep_dec(const struct lb_dec *d)
{
    char buf[LB_DEC_BUFSIZE];

    lb_dec_format_short(buf, d->units, d->scale);
    return xstrdup(buf);
}

static const char *str_of(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* The suite's benchmark named 'name' (its display name), or NULL. */
static const struct lb_bench_info *suite_bench(const struct lb_suite *s,
                                               const char *name)
{
    size_t i;

    for (i = 0; i < nbenchmarks; i++)
        if (benchmarks[i].suite == s && strcmp(benchmarks[i].name, name) == 0)
            return &benchmarks[i];
    return NULL;
}

/* The one other spelling a field's "aliases" gives, or NULL; -1 when it
 * is not an array of one string at most. */
static int alias_of(const json_t *f, const char **out)
{
    const json_t *a = json_object_get(f, "aliases");

    *out = NULL;
    if (a == NULL)
        return 0;
    if (!json_is_array(a) || json_array_size(a) > 1 ||
        (json_array_size(a) == 1 && !json_is_string(json_array_get(a, 0))))
        return -1;
    if (json_array_size(a) == 1)
        *out = json_string_value(json_array_get(a, 0));
    return 0;
}

static int whole(const struct lb_dec *d, int *out)
{
    if (d->scale != 0 || d->units < -1000000 || d->units > 1000000)
        return -1;
    *out = (int)d->units;
    return 0;
}

static int load_benchmark(const char *id, struct lb_suite *s,
                          const struct lb_field *f, const json_t *jf)
{
    struct lb_bench_info *b;
    const json_t *lm = json_object_get(jf, "lmeval");
    const char *alias;

    if (nbenchmarks == MAX_BENCH || alias_of(jf, &alias) != 0 ||
        !f->has_min || !f->has_max || !json_is_object(lm) ||
        !json_is_integer(json_object_get(lm, "num_fewshot")))
        return lb_error_set(&load_err,
                            "built-in suite %s: benchmark %s needs aliases "
                            "(one at most), constraints and lmeval",
                            id, f->name);
    b = &benchmarks[nbenchmarks++];
    b->name = f->name;
    b->key = keep_key(f->name);
    b->alt_key = alias != NULL ? keep_key(alias) : NULL;
    b->suite = s;
    if (whole(&f->min, &b->lo) != 0 || whole(&f->max, &b->hi) != 0)
        return lb_error_set(&load_err, "built-in suite %s: %s's range must "
                            "be whole numbers", id, f->name);
    b->higher_is_better = f->better != LB_BETTER_LOWER;
    b->task = str_of(lm, "task");
    b->shots = (int)json_integer_value(json_object_get(lm, "num_fewshot"));
    b->metric = str_of(lm, "metric");
    b->baseline = str_of(lm, "random");
    b->norm_baseline = f->has_baseline ? keep_dec(&f->baseline) : NULL;
    return 0;
}

static int load_raw(const char *id, const struct lb_suite *s,
                    const struct lb_field *f, const json_t *jf)
{
    const struct lb_bench_info *of = suite_bench(s, f->of);
    const char *alias;
    int hi;
    size_t k;

    if (of == NULL || alias_of(jf, &alias) != 0 || !f->has_max ||
        whole(&f->max, &hi) != 0)
        return lb_error_set(&load_err,
                            "built-in suite %s: %s is the raw score of no "
                            "benchmark of the suite, or has no whole maximum",
                            id, f->name);
    for (k = 0; k < 2 && (k == 0 || alias != NULL); k++) {
        struct lb_raw_info *r;

        if (nraws == MAX_RAW)
            return lb_error_set(&load_err, "built-in suites: too many raw "
                                "columns");
        r = &raws[nraws++];
        r->key = keep_key(k == 0 ? f->name : alias);
        r->of = of;
        r->hi = hi;
        r->norm_baseline = f->has_baseline ? keep_dec(&f->baseline) : NULL;
    }
    return 0;
}

static int load_suite(size_t i, const struct lb_suite_text *st)
{
    struct lb_suite *s = &suite_v[i];
    struct lb_schema *sc = &parsed[i];
    const json_t *jfields;
    const char **names;
    json_error_t je;
    size_t k, n = 0;

    lb_schema_init(sc);
    if (lb_schema_parse(sc, st->id, st->text, st->len, &load_err) != 0)
        return -1;
    docs[i] = json_loadb(st->text, st->len, 0, &je);
    jfields = json_object_get(docs[i], "fields");
    s->id = str_of(docs[i], "name");
    s->title = str_of(docs[i], "title");
    s->method = str_of(docs[i], "method");
    if (s->id == NULL || strcmp(s->id, st->id) != 0 || s->title == NULL ||
        s->method == NULL || json_array_size(jfields) != sc->nfields)
        return lb_error_set(&load_err,
                            "built-in suite %s: needs \"name\" (the file's), "
                            "\"title\" and \"method\"", st->id);
    names = xcalloc(sc->nfields + 1, sizeof *names);
    s->names = names;
    for (k = 0; k < sc->nfields; k++) {
        const struct lb_field *f = &sc->fields[k];
        const json_t *jf = json_array_get(jfields, k);

        if (f->role == LB_ROLE_BENCHMARK) {
            if (load_benchmark(st->id, s, f, jf) != 0)
                return -1;
            names[n++] = f->name;
        } else if (f->role == LB_ROLE_METADATA && f->of != NULL) {
            if (load_raw(st->id, s, f, jf) != 0)
                return -1;
        } else {
            return lb_error_set(&load_err,
                                "built-in suite %s: %s must be a benchmark or "
                                "the raw score of one (\"of\")",
                                st->id, f->name);
        }
    }
    s->n = n;
    suites[i] = s;
    return 0;
}

static void load(void)
{
    size_t i;

    for (i = 0; lb_suite_texts[i].id != NULL; i++) {
        int rc = i < MAX_SUITES
                     ? load_suite(i, &lb_suite_texts[i])
                     : lb_error_set(&load_err, "built-in suites: more than %d",
                                    MAX_SUITES);

        if (rc != 0) {
            /* an empty catalog rather than half of one */
            load_failed = true;
            nbenchmarks = nraws = 0;
            memset(suites, 0, sizeof suites);
            return;
        }
    }
}

static void ensure_loaded(void)
{
    (void)pthread_once(&load_once, load);
}

const char *lb_catalog_error(void)
{
    ensure_loaded();
    return load_failed ? load_err.msg : NULL;
}

const char *lb_catalog_suite_text(const char *id, size_t *len)
{
    size_t i;

    for (i = 0; lb_suite_texts[i].id != NULL; i++)
        if (strcmp(lb_suite_texts[i].id, id) == 0) {
            *len = lb_suite_texts[i].len;
            return lb_suite_texts[i].text;
        }
    return NULL;
}

/* }====================================================================== */

/* Normalized names of metadata columns seen on the boards and in
 * benchmarks/: never benchmarks unless named with --benchmarks. */
static const char *const metadata_keys[] = {
    "model", "modelname", "fullname", "evalname", "params", "paramsb",
    "parameters", "numparams", "size", "license", "hublicense",
    "contextlength", "context", "contextwindow", "precision", "type",
    "modeltype", "date", "architecture", "weighttype", "hubhearts",
    "hublikes", "likes", "downloads", "availableonhub", "isnotavailableonhub",
    "ismerged", "ismoe", "isflagged", "isofficialprovider", "modelsha",
    "revision", "sha", "submitted", "uploaddate", "submissiondate",
    "generation", "basemodel", "co2kg", "co2cost", "chattemplate",
    "leaderboardparamsb", "evaluated", "note", "notes", "rank", "id",
    "seed", "step", "year", "average", "avg",
};

void lb_catalog_key(const char *name, char *key, size_t size)
{
    size_t n = 0;

    if (size == 0)
        return;
    for (; *name != '\0' && n + 1 < size; name++) {
        char c = *name;

        if (c >= 'A' && c <= 'Z')
            key[n++] = (char)(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            key[n++] = c;
    }
    key[n] = '\0';
}

/* True when name ends with suffix, ignoring ASCII letter case. */
static bool ends_with_nocase(const char *name, const char *suffix)
{
    size_t n = strlen(name), m = strlen(suffix), i;

    if (n < m)
        return false;
    for (i = 0; i < m; i++) {
        char c = name[n - m + i];

        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return false;
    }
    return true;
}

const struct lb_bench_info *lb_catalog_benchmark(const char *name)
{
    char key[64];
    size_t i;

    ensure_loaded();
    if (strlen(name) >= sizeof key)
        return NULL;
    lb_catalog_key(name, key, sizeof key);
    for (i = 0; i < nbenchmarks; i++) {
        const struct lb_bench_info *b = &benchmarks[i];

        if (strcmp(key, b->key) == 0 ||
            (b->alt_key != NULL && strcmp(key, b->alt_key) == 0))
            return b;
    }
    return NULL;
}

const struct lb_raw_info *lb_catalog_raw(const char *name)
{
    char key[64];
    size_t i;

    ensure_loaded();
    if (strlen(name) >= sizeof key)
        return NULL;
    lb_catalog_key(name, key, sizeof key);
    for (i = 0; i < nraws; i++)
        if (strcmp(key, raws[i].key) == 0)
            return &raws[i];
    return NULL;
}

const struct lb_suite *lb_catalog_suite(const char *id)
{
    size_t i;

    ensure_loaded();
    for (i = 0; suites[i] != NULL; i++)
        if (strcmp(suites[i]->id, id) == 0)
            return suites[i];
    return NULL;
}

bool lb_catalog_is_metadata(const char *name)
{
    char key[64];
    size_t i;

    /* companions of a benchmark column: standard errors, sample counts */
    if (ends_with_nocase(name, "_stderr") || ends_with_nocase(name, "_se") ||
        ends_with_nocase(name, "_std") || ends_with_nocase(name, "_n"))
        return true;
    if (strlen(name) >= sizeof key)
        return false;
    lb_catalog_key(name, key, sizeof key);
    for (i = 0; i < sizeof metadata_keys / sizeof metadata_keys[0]; i++)
        if (strcmp(key, metadata_keys[i]) == 0)
            return true;
    return false;
}

bool lb_catalog_is_average(const char *name)
{
    char key[16];

    if (strlen(name) >= sizeof key)
        return false;
    lb_catalog_key(name, key, sizeof key);
    return strcmp(key, "average") == 0 || strcmp(key, "avg") == 0;
}

const struct lb_suite *const *lb_catalog_suites(void)
{
    ensure_loaded();
    return suites;
}
