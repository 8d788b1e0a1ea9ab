/* lmeval.c: lm-evaluation-harness results files (see lmeval.h). */
#include "core/lmeval.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/quote.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "core/catalog.h"

/* {======================================================================
 * The built-in mapping (RULES.md sections 1 and 2)
 * ======================================================================= */

/* One way a benchmark's value may be spelt: a task and a metric key. */
struct source {
    const char *task;
    const char *metric;
};

/* A subtask of a benchmark averaged over subtasks, and its baseline. */
struct sub {
    const char *name;
    double lb;
};

enum kind {
    ONE,      /* one task's metric (the first source found) */
    TWO,      /* the mean of two metrics of one task (IFEval) */
    SUBTASKS  /* the plain mean over every subtask, each normalized */
};

struct builtin {
    enum kind kind;
    const char *column;            /* the catalog benchmark */
    const struct source *sources;  /* ONE, TWO (the first metric); SUBTASKS:
                                      task is the subtasks' prefix */
    size_t nsources;
    const char *metric2;           /* TWO: the second metric */
    double lb;                     /* ONE, TWO: the baseline */
    const struct sub *subs;        /* SUBTASKS: every subtask */
    size_t nsubs;
    const struct source *fallback; /* SUBTASKS: used when no subtask is
                                      there (MMLU: the group), or NULL */
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct source arc[] = {
    {"arc_challenge", "acc_norm,none"},
    {"arc_challenge", "acc_norm"},
    {"arc:challenge", "acc_norm"},
};
static const struct source hellaswag[] = {
    {"hellaswag", "acc_norm,none"},
    {"hellaswag", "acc_norm"},
};
static const struct source mmlu[] = {
    {"mmlu_", "acc,none"},
    {"hendrycksTest-", "acc"},
};
static const struct source mmlu_group = {"mmlu", "acc,none"};
static const struct source truthfulqa[] = {
    {"truthfulqa_mc2", "acc,none"},
    {"truthfulqa_mc", "mc2"},
    {"truthfulqa:mc", "mc2"},
    {"truthfulqa_mc2", "acc"},
};
static const struct source winogrande[] = {
    {"winogrande", "acc,none"},
    {"winogrande", "acc"},
};
static const struct source gsm8k[] = {
    {"gsm8k", "exact_match,strict-match"},
    {"gsm8k", "acc"},
};
static const struct source ifeval[] = {
    {"leaderboard_ifeval", "prompt_level_strict_acc,none"},
};
static const struct source bbh[] = {
    {"leaderboard_bbh_", "acc_norm,none"},
};
static const struct source math_hard[] = {
    {"leaderboard_math_hard", "exact_match,none"},
};
static const struct source gpqa[] = {
    {"leaderboard_gpqa", "acc_norm,none"},
};
static const struct source musr[] = {
    {"leaderboard_musr_", "acc_norm,none"},
};
static const struct source mmlu_pro[] = {
    {"leaderboard_mmlu_pro", "acc,none"},
};

/* The 57 subjects of MMLU (hendrycksTest), averaged with equal weights. */
static const struct sub mmlu_subjects[] = {
    {"abstract_algebra", 0}, {"anatomy", 0}, {"astronomy", 0},
    {"business_ethics", 0}, {"clinical_knowledge", 0},
    {"college_biology", 0}, {"college_chemistry", 0},
    {"college_computer_science", 0}, {"college_mathematics", 0},
    {"college_medicine", 0}, {"college_physics", 0},
    {"computer_security", 0}, {"conceptual_physics", 0},
    {"econometrics", 0}, {"electrical_engineering", 0},
    {"elementary_mathematics", 0}, {"formal_logic", 0}, {"global_facts", 0},
    {"high_school_biology", 0}, {"high_school_chemistry", 0},
    {"high_school_computer_science", 0},
    {"high_school_european_history", 0}, {"high_school_geography", 0},
    {"high_school_government_and_politics", 0},
    {"high_school_macroeconomics", 0}, {"high_school_mathematics", 0},
    {"high_school_microeconomics", 0}, {"high_school_physics", 0},
    {"high_school_psychology", 0}, {"high_school_statistics", 0},
    {"high_school_us_history", 0}, {"high_school_world_history", 0},
    {"human_aging", 0}, {"human_sexuality", 0}, {"international_law", 0},
    {"jurisprudence", 0}, {"logical_fallacies", 0}, {"machine_learning", 0},
    {"management", 0}, {"marketing", 0}, {"medical_genetics", 0},
    {"miscellaneous", 0}, {"moral_disputes", 0}, {"moral_scenarios", 0},
    {"nutrition", 0}, {"philosophy", 0}, {"prehistory", 0},
    {"professional_accounting", 0}, {"professional_law", 0},
    {"professional_medicine", 0}, {"professional_psychology", 0},
    {"public_relations", 0}, {"security_studies", 0}, {"sociology", 0},
    {"us_foreign_policy", 0}, {"virology", 0}, {"world_religions", 0},
};

/* BBH's 24 subtasks and their random baselines, 1/num_choices. */
static const struct sub bbh_subtasks[] = {
    {"boolean_expressions", 1.0 / 2},
    {"causal_judgement", 1.0 / 2},
    {"date_understanding", 1.0 / 6},
    {"disambiguation_qa", 1.0 / 3},
    {"formal_fallacies", 1.0 / 2},
    {"geometric_shapes", 1.0 / 11},
    {"hyperbaton", 1.0 / 2},
    {"logical_deduction_five_objects", 1.0 / 5},
    {"logical_deduction_seven_objects", 1.0 / 7},
    {"logical_deduction_three_objects", 1.0 / 3},
    {"movie_recommendation", 1.0 / 6},
    {"navigate", 1.0 / 2},
    {"object_counting", 1.0 / 19},
    {"penguins_in_a_table", 1.0 / 5},
    {"reasoning_about_colored_objects", 1.0 / 18},
    {"ruin_names", 1.0 / 6},
    {"salient_translation_error_detection", 1.0 / 6},
    {"snarks", 1.0 / 2},
    {"sports_understanding", 1.0 / 2},
    {"temporal_sequences", 1.0 / 4},
    {"tracking_shuffled_objects_five_objects", 1.0 / 5},
    {"tracking_shuffled_objects_seven_objects", 1.0 / 7},
    {"tracking_shuffled_objects_three_objects", 1.0 / 3},
    {"web_of_lies", 1.0 / 2},
};

static const struct sub musr_subtasks[] = {
    {"murder_mysteries", 1.0 / 2},
    {"object_placements", 1.0 / 5},
    {"team_allocation", 1.0 / 3},
};

static const struct builtin builtins[] = {
    {ONE, "ARC", arc, N(arc), NULL, 0, NULL, 0, NULL},
    {ONE, "HellaSwag", hellaswag, N(hellaswag), NULL, 0, NULL, 0, NULL},
    {SUBTASKS, "MMLU", mmlu, N(mmlu), NULL, 0, mmlu_subjects,
     N(mmlu_subjects), &mmlu_group},
    {ONE, "TruthfulQA", truthfulqa, N(truthfulqa), NULL, 0, NULL, 0, NULL},
    {ONE, "Winogrande", winogrande, N(winogrande), NULL, 0, NULL, 0, NULL},
    {ONE, "GSM8K", gsm8k, N(gsm8k), NULL, 0, NULL, 0, NULL},
    {TWO, "IFEval", ifeval, N(ifeval), "inst_level_strict_acc,none", 0, NULL,
     0, NULL},
    {SUBTASKS, "BBH", bbh, N(bbh), NULL, 0, bbh_subtasks, N(bbh_subtasks),
     NULL},
    {ONE, "MATH Lvl 5", math_hard, N(math_hard), NULL, 0, NULL, 0, NULL},
    {ONE, "GPQA", gpqa, N(gpqa), NULL, 0.25, NULL, 0, NULL},
    {SUBTASKS, "MuSR", musr, N(musr), NULL, 0, musr_subtasks,
     N(musr_subtasks), NULL},
    {ONE, "MMLU-PRO", mmlu_pro, N(mmlu_pro), NULL, 0.1, NULL, 0, NULL},
};

/* }====================================================================== */

/* {======================================================================
 * The file's tasks
 * ======================================================================= */

struct entry {
    char *name;       /* the task (owned) */
    json_t *metrics;  /* its results object (borrowed from the root) */
    long shots;       /* few-shot examples, or -1 when unknown */
    long n_original;  /* n-samples, or -1 when unknown */
    long n_effective;
};

struct reader {
    const char *name;          /* the file, for messages */
    json_t *root;
    struct entry *e;
    size_t n, cap;
    json_t *group_subtasks;    /* object, or NULL */
    long limit;                /* legacy config.limit, or -1 */
    struct lb_lmeval_run *out;
    struct lb_error *err;
};

/* Python writes NaN, Infinity and -Infinity, which are not JSON: before
 * parsing, each becomes a number no results file holds (without_nan), so
 * that a message can still say which it was. */
static const struct {
    const char *word; /* as Python writes it */
    const char *mark; /* what jansson reads instead */
    double value;     /* the mark's value */
} nonfinite[] = {
    {"NaN", "-1e-300", -1e-300},
    {"Infinity", "-2e-300", -2e-300},
    {"-Infinity", "-3e-300", -3e-300},
};

/* The index in nonfinite[] of the word v stands for, or -1. */
static int nonfinite_of(const json_t *v)
{
    size_t i;

    if (json_is_real(v))
        for (i = 0; i < N(nonfinite); i++)
            if (json_real_value(v) == nonfinite[i].value)
                return (int)i;
    return -1;
}

/* A JSON number as a double; false for anything else (null, NaN,
 * Infinity, "N/A"). */
static bool number_of(const json_t *v, double *out)
{
    if (!json_is_number(v) || nonfinite_of(v) >= 0)
        return false;
    *out = json_number_value(v);
    return isfinite(*out);
}

static bool is_number(const json_t *v)
{
    double d;

    return number_of(v, &d);
}

/* Whether v is no value at all: null, or Python's NaN. */
static bool is_no_value(const json_t *v)
{
    return json_is_null(v) || nonfinite_of(v) == 0;
}

/* What a value that is not a number is, for a message: "null", "NaN",
 * "Infinity", "true", "the string '0.6'", "an object"... */
static const char *describe(const json_t *v, struct lb_quoted *q)
{
    int k = nonfinite_of(v);

    if (k >= 0)
        return nonfinite[k].word;
    if (json_is_string(v)) {
        struct lb_quoted s;

        snprintf(q->s, sizeof q->s, "the string %s",
                 lb_quote(&s, json_string_value(v), json_string_length(v)));
        return q->s;
    }
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_TRUE:
        return "true";
    case JSON_FALSE:
        return "false";
    case JSON_NULL:
        return "null";
    default:
        return "a number";
    }
}

static long long_of(const json_t *v)
{
    double d;

    if (!number_of(v, &d) || d < 0 || d > 1e15)
        return -1;
    return (long)d;
}

static struct entry *find_entry(const struct reader *r, const char *task)
{
    size_t i;

    for (i = 0; i < r->n; i++)
        if (strcmp(r->e[i].name, task) == 0)
            return &r->e[i];
    return NULL;
}

static void warn(struct reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void warn(struct reader *r, const char *fmt, ...)
{
    struct lb_buf msg = LB_BUF_INIT;
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n >= 0) {
        lb_buf_reserve(&msg, (size_t)n + 1);
        va_start(ap, fmt);
        (void)vsnprintf(msg.data, (size_t)n + 1, fmt, ap);
        va_end(ap);
        msg.len = (size_t)n;
    }
    lb_buf_addf(&r->out->warnings, "%s: %s\n", r->name, lb_buf_str(&msg));
    r->out->nwarnings++;
    lb_buf_release(&msg);
}

/* lb_buf_addf with a va_list. */
static void buf_vaddf(struct lb_buf *b, const char *fmt, va_list ap)
{
    va_list aq;
    int n;

    va_copy(aq, ap);
    n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n <= 0)
        return;
    lb_buf_reserve(b, (size_t)n);
    (void)vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

/* A reason why a result is not comparable with the board's (without the
 * file's name: it goes into the row's note too). */
static void reason(struct reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void reason(struct reader *r, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    buf_vaddf(&r->out->reasons, fmt, ap);
    va_end(ap);
    lb_buf_addc(&r->out->reasons, '\n');
    r->out->nreasons++;
}

static void note(struct reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void note(struct reader *r, const char *fmt, ...)
{
    va_list ap;

    lb_buf_addf(&r->out->notes, "%s: ", r->name);
    va_start(ap, fmt);
    buf_vaddf(&r->out->notes, fmt, ap);
    va_end(ap);
    lb_buf_addc(&r->out->notes, '\n');
    r->out->nnotes++;
}

/* Adds the task 'name' with its results object. */
static void add_entry(struct reader *r, const char *name, size_t len,
                      json_t *metrics, long shots)
{
    struct entry *e;

    if (r->n == r->cap) {
        r->cap = lb_grow_cap(r->cap, r->n + 1);
        r->e = xreallocarray(r->e, r->cap, sizeof *r->e);
    }
    e = &r->e[r->n++];
    e->name = xmemdup0(name, len);
    e->metrics = metrics;
    e->shots = shots;
    e->n_original = -1;
    e->n_effective = -1;
}

/* Reads "results" (and "groups", which some versions keep apart), the
 * shots and the sample counts of every task. */
static int read_entries(struct reader *r)
{
    json_t *results = json_object_get(r->root, "results");
    json_t *groups = json_object_get(r->root, "groups");
    json_t *nshot = json_object_get(r->root, "n-shot");
    json_t *nsamples = json_object_get(r->root, "n-samples");
    json_t *configs = json_object_get(r->root, "configs");
    json_t *config = json_object_get(r->root, "config");
    json_t *v;
    const char *key;
    long legacy_shots = -1;
    size_t i;

    if (!json_is_object(results))
        return lb_error_set(r->err, "%s: not an lm-evaluation-harness "
                                    "results file (no \"results\" object)",
                            r->name);
    if (json_is_object(config)) {
        legacy_shots = long_of(json_object_get(config, "num_fewshot"));
        r->limit = long_of(json_object_get(config, "limit"));
    }
    json_object_foreach(results, key, v) {
        const char *bar;

        if (!json_is_object(v) || strcmp(key, "all") == 0)
            continue;
        /* the Open LLM Leaderboard's "harness|TASK|SHOTS" */
        if (strncmp(key, "harness|", 8) == 0 &&
            (bar = strrchr(key + 8, '|')) != NULL) {
            char *end;
            long s = strtol(bar + 1, &end, 10);

            add_entry(r, key + 8, (size_t)(bar - key - 8), v,
                      *end == '\0' && end != bar + 1 ? s : -1);
            continue;
        }
        add_entry(r, key, strlen(key), v, legacy_shots);
    }
    if (json_is_object(groups))
        json_object_foreach(groups, key, v)
            if (json_is_object(v) && find_entry(r, key) == NULL)
                add_entry(r, key, strlen(key), v, legacy_shots);
    for (i = 0; i < r->n; i++) {
        struct entry *e = &r->e[i];
        json_t *c = json_is_object(configs) ? json_object_get(configs, e->name)
                                            : NULL;
        json_t *ns = json_is_object(nsamples)
                         ? json_object_get(nsamples, e->name) : NULL;

        if (json_is_object(nshot) && is_number(json_object_get(nshot, e->name)))
            e->shots = long_of(json_object_get(nshot, e->name));
        else if (json_is_object(c) &&
                 is_number(json_object_get(c, "num_fewshot")))
            e->shots = long_of(json_object_get(c, "num_fewshot"));
        if (json_is_object(ns)) {
            e->n_original = long_of(json_object_get(ns, "original"));
            e->n_effective = long_of(json_object_get(ns, "effective"));
        }
    }
    r->group_subtasks = json_object_get(r->root, "group_subtasks");
    if (!json_is_object(r->group_subtasks))
        r->group_subtasks = NULL;
    return 0;
}

/* }====================================================================== */

/* {======================================================================
 * Comparability: shots and --limit
 * ======================================================================= */

#define MAX_DEPTH 8 /* groups of groups: lm-eval nests two or three deep */

/* Warns (once each for 'what') when entry e was run with other shots than
 * 'shots' (-1: not checked) or with --limit. */
static void check_entry(struct reader *r, const char *what,
                        const struct entry *e, long shots, bool *shot_warned,
                        bool *limit_warned)
{
    struct lb_quoted q;

    if (shots >= 0 && e->shots >= 0 && e->shots != shots && !*shot_warned) {
        const struct lb_bench_info *b = lb_catalog_benchmark(what);

        reason(r, "%s: %s was run %ld-shot, not %ld-shot as on the %s", what,
               lb_quotes(&q, e->name), e->shots, shots,
               b != NULL ? b->suite->title : "board");
        *shot_warned = true;
    }
    if (e->n_effective >= 0 && e->n_original >= 0 &&
        e->n_effective < e->n_original && !*limit_warned) {
        reason(r, "%s: %s used %ld of its %ld samples (--limit)", what,
               lb_quotes(&q, e->name), e->n_effective, e->n_original);
        *limit_warned = true;
    }
}

/* Whether task 'name' looks like a subtask of group 'group' in a file
 * without "group_subtasks": GROUP_x (leaderboard_gpqa_main), or, for a
 * group named BASE_LAST, BASE_x_LAST (leaderboard_math_algebra_hard). */
static bool is_subtask_name(const char *name, const char *group)
{
    size_t n = strlen(group), m = strlen(name);
    const char *last = strrchr(group, '_');
    size_t base, tail;

    if (strncmp(name, group, n) == 0 && name[n] == '_')
        return true;
    if (last == NULL || strcmp(name, group) == 0)
        return false;
    base = (size_t)(last - group) + 1; /* "leaderboard_math_" */
    tail = n - base + 1;               /* "_hard" */
    return m > base + tail && strncmp(name, group, base) == 0 &&
           strcmp(name + m - tail, last) == 0;
}

/* Checks task against 'shots' and --limit, through its subtasks when it is
 * a group: the ones "group_subtasks" lists, else (a file without it) the
 * tasks named like its subtasks when the group itself has no sample counts
 * or says 0-shot (lm-eval writes 0 for groups). */
/* The walk visits each task once ('seen': a group listing itself, or a
 * subtask many times, would make it exponential) and at most MAX_DEPTH
 * deep: linear in the file, and a bounded recursion. */
static void check_task_walk(struct reader *r, const char *what,
                            const char *task, long shots, int depth,
                            json_t *seen, bool *shot_warned,
                            bool *limit_warned)
{
    json_t *kids = r->group_subtasks ? json_object_get(r->group_subtasks, task)
                                     : NULL;
    const struct entry *e;
    size_t i;
    bool prefixed = false;

    if (json_object_get(seen, task) != NULL ||
        json_object_set_new(seen, task, json_true()) != 0)
        return;
    if (json_is_array(kids) && json_array_size(kids) > 0 && depth < MAX_DEPTH) {
        json_t *k;

        json_array_foreach(kids, i, k)
            if (json_is_string(k))
                check_task_walk(r, what, json_string_value(k), shots,
                                depth + 1, seen, shot_warned, limit_warned);
        return;
    }
    e = find_entry(r, task);
    if (e == NULL)
        return;
    if (r->group_subtasks == NULL &&
        (e->n_original < 0 || (shots > 0 && e->shots == 0))) {
        for (i = 0; i < r->n; i++) {
            const struct entry *s = &r->e[i];

            if (!is_subtask_name(s->name, task))
                continue;
            prefixed = true;
            check_entry(r, what, s, shots, shot_warned, limit_warned);
        }
    }
    if (!prefixed)
        check_entry(r, what, e, shots, shot_warned, limit_warned);
}

static void check_task(struct reader *r, const char *what, const char *task,
                       long shots, bool *shot_warned, bool *limit_warned)
{
    json_t *seen = json_object();

    if (seen == NULL)
        return; /* not reached: jansson allocates through xmalloc */
    check_task_walk(r, what, task, shots, 0, seen, shot_warned, limit_warned);
    json_decref(seen);
}

/* }====================================================================== */

/* {======================================================================
 * Values
 * ======================================================================= */

/* The stderr key of a metric key: "acc,none" -> "acc_stderr,none",
 * "acc" -> "acc_stderr". Caller frees. */
static char *stderr_key(const char *metric)
{
    const char *comma = strchr(metric, ',');
    size_t n = comma ? (size_t)(comma - metric) : strlen(metric);
    struct lb_buf b = LB_BUF_INIT;

    lb_buf_add(&b, metric, n);
    lb_buf_adds(&b, "_stderr");
    if (comma)
        lb_buf_adds(&b, comma);
    return b.data;
}

struct value {
    double x;       /* 0..1 for the built-in metrics */
    bool has_se;
    double se;
};

enum found {
    FOUND,      /* a number */
    NO_METRIC,  /* no such key */
    NO_VALUE,   /* null or NaN: a missing value */
    NOT_NUMBER  /* anything else: Infinity, a string, true... */
};

/* The value of metric 'key' of task e, and its stderr. *raw receives the
 * key's JSON value (NULL when absent), to say what it is. */
static enum found get_value(const struct entry *e, const char *key,
                            struct value *v, const json_t **raw)
{
    const json_t *x = json_object_get(e->metrics, key);
    char *sk;

    *raw = x;
    if (x == NULL)
        return NO_METRIC;
    if (is_no_value(x))
        return NO_VALUE;
    if (!number_of(x, &v->x))
        return NOT_NUMBER;
    sk = stderr_key(key);
    v->se = 0;
    v->has_se = number_of(json_object_get(e->metrics, sk), &v->se) &&
                v->se >= 0;
    if (!v->has_se)
        v->se = 0; /* never read, but defined */
    free(sk);
    return FOUND;
}

/* A built-in metric is a proportion: anything else is an error. */
static int check_proportion(struct reader *r, const char *task,
                            const char *key, double x)
{
    struct lb_quoted qt, qk;

    if (x >= 0 && x <= 1)
        return 0;
    return lb_error_set(r->err, "%s: %s %s is %g, not a proportion from 0 "
                                "to 1",
                        r->name, lb_quotes(&qt, task), lb_quotes(&qk, key), x);
}

/* The same error for a value that is not a number at all. */
static int refuse(struct reader *r, const char *task, const char *key,
                  const json_t *raw)
{
    struct lb_quoted qt, qk, qv;

    return lb_error_set(r->err, "%s: %s %s is %s, not a proportion from 0 "
                                "to 1",
                        r->name, lb_quotes(&qt, task), lb_quotes(&qk, key),
                        describe(raw, &qv));
}

/* The warning for a metric that is there without a value (null, NaN). */
static void no_value(struct reader *r, const char *column, const char *task,
                     const char *key, const json_t *raw)
{
    struct lb_quoted qt, qk, qv;

    warn(r, "%s: %s %s is %s (no value): not imported", column,
         lb_quotes(&qt, task), lb_quotes(&qk, key), describe(raw, &qv));
}

/* norm(x, lb) * 100 (RULES.md section 2); lb 0 is the plain x * 100. */
static double normalize(double x, double lb)
{
    if (lb <= 0)
        return x * 100;
    return x < lb ? 0 : (x - lb) / (1 - lb) * 100;
}

static void add_score(struct lb_lmeval_run *out, const char *column,
                      double value, bool has_se, double se, size_t map)
{
    struct lb_lmeval_score *s;

    out->scores = xreallocarray(out->scores, out->nscores + 1,
                                sizeof *out->scores);
    s = &out->scores[out->nscores++];
    s->column = column;
    s->value = value;
    s->has_stderr = has_se;
    s->stderr_value = has_se ? se : 0;
    s->map = map;
}

static long board_shots(const char *column)
{
    const struct lb_bench_info *b = lb_catalog_benchmark(column);

    return b != NULL ? b->shots : -1;
}

/* A benchmark read from one task (ONE, TWO). */
static int read_one(struct reader *r, const struct builtin *b)
{
    struct lb_quoted q, qk;
    const struct entry *seen = NULL;
    const char *seen_metric = NULL;
    const json_t *seen_raw = NULL, *raw;
    bool sw = false, lw = false;
    size_t i;

    for (i = 0; i < b->nsources; i++) {
        const struct source *s = &b->sources[i];
        const struct entry *e = find_entry(r, s->task);
        struct value v, v2;
        enum found f;

        if (e == NULL)
            continue;
        f = get_value(e, s->metric, &v, &raw);
        if (f == NOT_NUMBER)
            return refuse(r, s->task, s->metric, raw);
        if (f != FOUND) {
            /* another spelling may have it; a key without a value says
             * more than a key that is absent */
            if (seen == NULL || (seen_raw == NULL && raw != NULL)) {
                seen = e;
                seen_metric = s->metric;
                seen_raw = raw;
            }
            continue;
        }
        if (check_proportion(r, s->task, s->metric, v.x) != 0)
            return -1;
        if (b->kind == TWO) {
            f = get_value(e, b->metric2, &v2, &raw);
            if (f == NOT_NUMBER)
                return refuse(r, s->task, b->metric2, raw);
            if (f == NO_VALUE) {
                no_value(r, b->column, s->task, b->metric2, raw);
                return 0;
            }
            if (f != FOUND) {
                warn(r, "%s: %s has no %s (the board averages it with %s): "
                        "not imported",
                     b->column, lb_quotes(&q, s->task),
                     lb_quotes(&qk, b->metric2), s->metric);
                return 0;
            }
            if (check_proportion(r, s->task, b->metric2, v2.x) != 0)
                return -1;
            add_score(r->out, b->column,
                      (normalize(v.x, b->lb) + normalize(v2.x, b->lb)) / 2,
                      v.has_se && v2.has_se,
                      sqrt(v.se * v.se + v2.se * v2.se) / 2 * 100 /
                          (1 - b->lb),
                      LB_LMEVAL_BUILTIN);
        } else {
            add_score(r->out, b->column, normalize(v.x, b->lb), v.has_se,
                      v.se * 100 / (1 - b->lb), LB_LMEVAL_BUILTIN);
        }
        check_task(r, b->column, s->task, board_shots(b->column), &sw,
                   &lw);
        return 0;
    }
    if (seen != NULL && seen_raw != NULL)
        no_value(r, b->column, seen->name, seen_metric, seen_raw);
    else if (seen != NULL)
        warn(r, "%s: %s has no %s, the board's metric: not imported ("
                LB_OPT("map") " %s:METRIC=%s takes another)",
             b->column, lb_quotes(&q, seen->name), lb_quotes(&qk, seen_metric),
             seen->name, b->column);
    return 0;
}

/* lm-eval's own aggregate of the subtasks of b (spelt as source 'best'),
 * and why the board's rule differs from it. */
static const struct {
    const char *column;
    const char *prefix;  /* the subtasks' spelling */
    struct source group; /* lm-eval's group value */
    const char *rule;    /* the board's rule */
    const char *lmeval;  /* what lm-eval's value is */
} groups[] = {
    {"MMLU", "mmlu_", {"mmlu", "acc,none"},
     "the plain mean of the 57 subjects (the Open LLM Leaderboard's rule)",
     "weights each subject by its number of questions"},
    {"BBH", "leaderboard_bbh_", {"leaderboard_bbh", "acc_norm,none"},
     "the mean of the 24 subtasks, each normalized above its random "
     "baseline (the Open LLM Leaderboard v2's rule)",
     "is the raw acc_norm over all questions"},
    {"MuSR", "leaderboard_musr_", {"leaderboard_musr", "acc_norm,none"},
     "the mean of the 3 subtasks, each normalized above its random "
     "baseline (the Open LLM Leaderboard v2's rule)",
     "is the raw acc_norm over all questions"},
};

/* Notes the board's value of b next to lm-eval's own group value when
 * they differ at 2 decimals. */
static void group_note(struct reader *r, const struct builtin *b,
                       size_t best, double value)
{
    char ours[LB_LMEVAL_NUMBUF], theirs[LB_LMEVAL_NUMBUF];
    struct lb_quoted q;
    size_t i;

    for (i = 0; i < N(groups); i++) {
        const struct entry *e;
        const json_t *raw;
        struct value v;

        if (strcmp(groups[i].column, b->column) != 0 ||
            strcmp(groups[i].prefix, b->sources[best].task) != 0)
            continue;
        e = find_entry(r, groups[i].group.task);
        if (e == NULL ||
            get_value(e, groups[i].group.metric, &v, &raw) != FOUND ||
            v.x < 0 || v.x > 1)
            return;
        snprintf(ours, sizeof ours, "%.2f", value);
        snprintf(theirs, sizeof theirs, "%.2f", v.x * 100);
        if (strcmp(ours, theirs) == 0)
            return;
        note(r, "%s %s is %s; lm-eval's own %s value is %s: it %s",
             b->column, ours, groups[i].rule,
             lb_quotes(&q, groups[i].group.task), theirs, groups[i].lmeval);
        return;
    }
}

/* A benchmark averaged over subtasks (SUBTASKS). */
static int read_subtasks(struct reader *r, const struct builtin *b)
{
    struct lb_quoted q;
    struct lb_buf name = LB_BUF_INIT;
    size_t i, k, best = 0, best_found = 0;
    bool sw = false, lw = false;
    double sum = 0, se2 = 0;
    bool all_se = true;
    int rc = 0;

    /* the spelling with the most subtasks present */
    for (i = 0; i < b->nsources; i++) {
        size_t found = 0;

        for (k = 0; k < b->nsubs; k++) {
            lb_buf_reset(&name);
            lb_buf_addf(&name, "%s%s", b->sources[i].task, b->subs[k].name);
            found += find_entry(r, name.data) != NULL;
        }
        if (found > best_found) {
            best_found = found;
            best = i;
        }
    }
    if (best_found == 0) {
        lb_buf_release(&name);
        if (b->fallback != NULL) {
            const struct builtin one = {ONE,  b->column, b->fallback, 1, NULL,
                                        0,    NULL,      0,           NULL};

            return read_one(r, &one);
        }
        return 0;
    }
    if (best_found < b->nsubs) {
        warn(r, "%s: %zu of its %zu subtasks (%s*) are in the file; the "
                "board averages all %zu: not imported",
             b->column, best_found, b->nsubs, b->sources[best].task,
             b->nsubs);
        lb_buf_release(&name);
        return 0;
    }
    for (k = 0; k < b->nsubs && rc == 0; k++) {
        const struct source *s = &b->sources[best];
        const struct entry *e;
        const json_t *raw;
        struct value v;
        enum found f;

        lb_buf_reset(&name);
        lb_buf_addf(&name, "%s%s", s->task, b->subs[k].name);
        e = find_entry(r, name.data);
        f = get_value(e, s->metric, &v, &raw);
        if (f == NOT_NUMBER) {
            rc = refuse(r, name.data, s->metric, raw);
            break;
        }
        if (f == NO_VALUE) {
            no_value(r, b->column, name.data, s->metric, raw);
            rc = 1;
            break;
        }
        if (f != FOUND) {
            struct lb_quoted qk;

            warn(r, "%s: %s has no %s: not imported", b->column,
                 lb_quotes(&q, name.data), lb_quotes(&qk, s->metric));
            rc = 1;
            break;
        }
        if (check_proportion(r, name.data, s->metric, v.x) != 0) {
            rc = -1;
            break;
        }
        sum += normalize(v.x, b->subs[k].lb);
        if (v.has_se) {
            double se = v.se * 100 / (1 - b->subs[k].lb);

            se2 += se * se;
        } else {
            all_se = false;
        }
        check_task(r, b->column, name.data, board_shots(b->column), &sw,
                   &lw);
    }
    if (rc == 0) {
        add_score(r->out, b->column, sum / (double)b->nsubs, all_se,
                  sqrt(se2) / (double)b->nsubs, LB_LMEVAL_BUILTIN);
        group_note(r, b, best, sum / (double)b->nsubs);
    }
    lb_buf_release(&name);
    return rc < 0 ? -1 : 0;
}

/* The key of map m in task e: exact, else "METRIC,none", else the only
 * "METRIC,FILTER". Returns the key (pointing into e's JSON), or NULL with
 * err set when ambiguous (*ambiguous) or absent. */
static const char *map_key(const struct entry *e, const char *metric,
                           bool *ambiguous, struct lb_buf *keys)
{
    const char *key, *found = NULL;
    json_t *v;
    size_t n = strlen(metric);

    *ambiguous = false;
    if (json_object_get(e->metrics, metric) != NULL)
        return metric;
    if (strchr(metric, ',') != NULL)
        return NULL;
    json_object_foreach(e->metrics, key, v) {
        if (strncmp(key, metric, n) != 0 || key[n] != ',')
            continue;
        if (strcmp(key + n + 1, "none") == 0)
            return key;
        lb_buf_addf(keys, "%s%s", keys->len ? ", " : "", key);
        if (found != NULL)
            *ambiguous = true;
        found = key;
    }
    return *ambiguous ? NULL : found;
}

/* The reason when map m (metric 'key') puts into a board's column
 * another task or metric than the board's. */
static void map_reason(struct reader *r, const struct lb_lmeval_map *m,
                       const char *key)
{
    const struct lb_bench_info *bi = lb_catalog_benchmark(m->column);
    struct lb_quoted qt, qk;
    size_t i, k;

    if (bi == NULL)
        return;
    for (i = 0; i < N(builtins); i++) {
        const struct builtin *b = &builtins[i];

        if (lb_catalog_benchmark(b->column) != bi)
            continue;
        for (k = 0; k < b->nsources && b->kind == ONE; k++)
            if (strcmp(b->sources[k].task, m->task) == 0 &&
                strcmp(b->sources[k].metric, key) == 0)
                return; /* the board's own choice */
        reason(r, "%s: " LB_OPT("map") " takes %s %s, not %s%s %s as the "
                  "%s",
               bi->name, lb_quotes(&qt, m->task), lb_quotes(&qk, key),
               b->sources[0].task, b->kind == SUBTASKS ? "*" : "",
               b->sources[0].metric, bi->suite->title);
        return;
    }
}

static int read_map(struct reader *r, const struct lb_lmeval_map *m,
                    size_t index)
{
    const struct entry *e = find_entry(r, m->task);
    struct lb_quoted qt, qm, qv;
    struct lb_buf keys = LB_BUF_INIT;
    bool ambiguous, sw = false, lw = false;
    const char *key;
    const json_t *raw = NULL;
    struct value v;
    enum found f = NO_METRIC;

    if (e == NULL)
        return 0;
    key = map_key(e, m->metric, &ambiguous, &keys);
    if (ambiguous) {
        (void)lb_error_set(r->err, "%s: " LB_OPT("map") " %s:%s: task %s has "
                                   "several %s metrics (%s): name one with "
                                   "its filter",
                           r->name, m->task, m->metric,
                           lb_quotes(&qt, m->task), lb_quotes(&qm, m->metric),
                           keys.data);
        lb_buf_release(&keys);
        return -1;
    }
    lb_buf_release(&keys);
    if (key != NULL)
        f = get_value(e, key, &v, &raw);
    if (f == NO_VALUE || f == NOT_NUMBER) {
        warn(r, LB_OPT("map") " %s:%s=%s: task %s %s is %s%s: not imported",
             m->task, m->metric, m->column, lb_quotes(&qt, m->task),
             lb_quotes(&qm, key), describe(raw, &qv),
             f == NO_VALUE ? " (no value)" : ", not a number");
        return 0;
    }
    if (f != FOUND) {
        warn(r, LB_OPT("map") " %s:%s=%s: task %s has no number %s: not "
                              "imported",
             m->task, m->metric, m->column, lb_quotes(&qt, m->task),
             lb_quotes(&qm, m->metric));
        return 0;
    }
    add_score(r->out, m->column, v.x * 100, v.has_se, v.se * 100, index);
    check_task(r, m->column, m->task, board_shots(m->column), &sw, &lw);
    map_reason(r, m, key);
    return 0;
}

/* }====================================================================== */

/* {======================================================================
 * The model
 * ======================================================================= */

static char *string_of(const json_t *v)
{
    const char *s = json_string_value(v);

    return s != NULL && s[0] != '\0' ? xstrdup(s) : NULL;
}

/* The value of KEY= in "pretrained=org/name,dtype=float16" (or of the key
 * in an object), or NULL. Caller frees. */
static char *model_arg(const json_t *args, const char *key)
{
    const char *s = json_string_value(args), *p;
    size_t n = strlen(key);

    if (json_is_object(args))
        return string_of(json_object_get(args, key));
    if (s == NULL)
        return NULL;
    for (p = s; *p != '\0';) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);

        if (len > n + 1 && strncmp(p, key, n) == 0 && p[n] == '=')
            return xmemdup0(p + n + 1, len - n - 1);
        if (end == NULL)
            break;
        p = end + 1;
    }
    return NULL;
}

/* "torch.bfloat16" -> "bfloat16"; "auto" and empty -> NULL. */
static char *clean_dtype(char *s)
{
    char *dot;

    if (s == NULL)
        return NULL;
    if (strcmp(s, "auto") == 0) {
        free(s);
        return NULL;
    }
    dot = strrchr(s, '.');
    if (dot != NULL && dot[1] != '\0')
        memmove(s, dot + 1, strlen(dot + 1) + 1);
    return s;
}

/* Whether KEY in model_args is set true: "load_in_4bit=True" in the
 * string, or true / "True" in the object. */
static bool model_arg_true(const json_t *args, const char *key)
{
    char *v;
    bool yes;

    if (json_is_object(args) && json_is_true(json_object_get(args, key)))
        return true;
    v = model_arg(args, key);
    yes = v != NULL && (strcmp(v, "True") == 0 || strcmp(v, "true") == 0 ||
                        strcmp(v, "1") == 0);
    free(v);
    return yes;
}

/* How the weights were loaded, when quantized: "4bit", "8bit", "GPTQ"
 * (the Open LLM Leaderboard's spellings), or NULL. */
static char *quantization(const json_t *args)
{
    char *v;

    if (model_arg_true(args, "load_in_4bit"))
        return xstrdup("4bit");
    if (model_arg_true(args, "load_in_8bit"))
        return xstrdup("8bit");
    if (model_arg_true(args, "autogptq"))
        return xstrdup("GPTQ");
    v = model_arg(args, "gptq");
    if (v != NULL && strcmp(v, "False") != 0 && strcmp(v, "false") != 0) {
        free(v);
        return xstrdup("GPTQ");
    }
    free(v);
    return NULL;
}

static void read_model(struct reader *r)
{
    json_t *config = json_object_get(r->root, "config");
    json_t *general = json_object_get(r->root, "config_general");
    json_t *args = json_is_object(config) ? json_object_get(config, "model_args")
                                          : NULL;
    struct lb_lmeval_run *out = r->out;

    out->model = string_of(json_object_get(r->root, "model_name"));
    if (out->model == NULL && json_is_object(general))
        out->model = string_of(json_object_get(general, "model_name"));
    if (out->model == NULL)
        out->model = model_arg(args, "pretrained");
    if (out->model == NULL && json_is_object(config))
        out->model = string_of(json_object_get(config, "model"));

    /* quantized weights first: model_dtype is then the compute dtype */
    out->precision = quantization(args);
    if (out->precision == NULL && json_is_object(config))
        out->precision = clean_dtype(string_of(json_object_get(config,
                                                               "model_dtype")));
    if (out->precision == NULL && json_is_object(general))
        out->precision = clean_dtype(string_of(json_object_get(general,
                                                               "model_dtype")));
    if (out->precision == NULL)
        out->precision = clean_dtype(model_arg(args, "dtype"));
    if (out->precision == NULL)
        out->precision = clean_dtype(model_arg(args, "torch_dtype"));
}

/* }====================================================================== */

/* {======================================================================
 * Reading the file
 * ======================================================================= */

/* Where without_nan replaced a word: at byte 'at' of the copy, a mark
 * 'delta' bytes shorter than the word (negative: longer). */
struct subst {
    size_t at;
    size_t mark_len;
    int delta;
};

/* Whether c may follow a literal in JSON (anything else makes the word
 * part of an invalid token, which jansson reports where it is). */
static bool ends_token(const char *data, size_t len, size_t i)
{
    return i >= len || strchr(" \t\r\n,]}", data[i]) != NULL;
}

/* A copy of the text where the bare words NaN, Infinity and -Infinity
 * (which Python's json module writes) outside strings are the marks of
 * nonfinite[]; *subs (caller frees) receives where, for positions in
 * messages. */
static char *without_nan(const char *data, size_t len, size_t *out_len,
                         struct subst **subs, size_t *nsubs)
{
    struct lb_buf b = LB_BUF_INIT;
    bool in_string = false;
    size_t i = 0, cap = 0, k;

    *subs = NULL;
    *nsubs = 0;
    lb_buf_reserve(&b, len);
    while (i < len) {
        char c = data[i];

        if (in_string) {
            lb_buf_addc(&b, c);
            if (c == '\\' && i + 1 < len) {
                lb_buf_addc(&b, data[i + 1]);
                i += 2;
                continue;
            }
            if (c == '"')
                in_string = false;
            i++;
            continue;
        }
        if (c == '"')
            in_string = true;
        for (k = 0; !in_string && k < N(nonfinite); k++) {
            size_t n = strlen(nonfinite[k].word), m;

            if (len - i < n || memcmp(data + i, nonfinite[k].word, n) != 0 ||
                !ends_token(data, len, i + n))
                continue;
            if (*nsubs == cap) {
                cap = lb_grow_cap(cap, *nsubs + 1);
                *subs = xreallocarray(*subs, cap, sizeof **subs);
            }
            m = strlen(nonfinite[k].mark);
            (*subs)[(*nsubs)++] = (struct subst){b.len, m, (int)n - (int)m};
            lb_buf_adds(&b, nonfinite[k].mark);
            i += n;
            break;
        }
        if (k < N(nonfinite))
            continue;
        lb_buf_addc(&b, c);
        i++;
    }
    *out_len = b.len;
    return b.data; /* lb_buf_reserve allocated it */
}

/* The column of a syntax error in the file, from jansson's column in the
 * copy: the marks before it on its line had other lengths than the words
 * they replaced (a word never holds a line end). */
static int file_column(const char *clean, size_t clean_len,
                       const struct subst *subs, size_t nsubs,
                       const json_error_t *je)
{
    size_t pos = je->position > 0 ? (size_t)je->position : 0, start, i;
    long col = je->column;

    if (pos > clean_len)
        pos = clean_len;
    for (start = pos; start > 0 && clean[start - 1] != '\n'; start--)
        ;
    for (i = 0; i < nsubs; i++)
        if (subs[i].at >= start && subs[i].at + subs[i].mark_len <= pos)
            col += subs[i].delta;
    return col > 0 && col <= INT_MAX ? (int)col : je->column;
}

void lb_lmeval_run_release(struct lb_lmeval_run *r)
{
    free(r->model);
    free(r->precision);
    free(r->scores);
    lb_buf_release(&r->warnings);
    lb_buf_release(&r->reasons);
    lb_buf_release(&r->notes);
    memset(r, 0, sizeof *r);
}

int lb_lmeval_read(const char *name, const char *data, size_t len,
                   const struct lb_lmeval_map *maps, size_t nmaps,
                   struct lb_lmeval_run *out, struct lb_error *err)
{
    struct reader r;
    json_error_t je;
    struct subst *subs;
    size_t clean_len, nsubs, i, j;
    char *clean;
    int rc = -1;

    /* jansson's allocations go through the one policy (xalloc.h): out of
     * memory is "out of memory (N bytes)", not a JSON error with no reason
     * (jansson 2.14 even crashes on some failed allocations) */
    json_set_alloc_funcs(xmalloc, free);
    clean = without_nan(data, len, &clean_len, &subs, &nsubs);
    memset(out, 0, sizeof *out);
    memset(&r, 0, sizeof r);
    r.name = name;
    r.out = out;
    r.err = err;
    r.limit = -1;
    r.root = json_loadb(clean, clean_len, JSON_REJECT_DUPLICATES, &je);
    if (r.root == NULL) {
        struct lb_buf text = LB_BUF_INIT;

        (void)lb_utf8_render(&text, je.text, strlen(je.text), 0);
        (void)lb_error_set(err, "%s:%d:%d: not valid JSON%s%s", name, je.line,
                           file_column(clean, clean_len, subs, nsubs, &je),
                           text.len > 0 ? ": " : "", lb_buf_str(&text));
        lb_buf_release(&text);
        free(clean);
        free(subs);
        return -1;
    }
    free(clean);
    free(subs);
    if (!json_is_object(r.root)) {
        (void)lb_error_set(err, "%s: not an lm-evaluation-harness results "
                                "file (not a JSON object)",
                           name);
        goto out;
    }
    if (read_entries(&r) != 0)
        goto out;
    read_model(&r);
    /* a legacy file (or an early 0.4 one) says --limit only here; a
     * current one has n-samples */
    if (r.limit > 0 && json_object_get(r.root, "n-samples") == NULL)
        reason(&r, "the run used --limit %ld (config.limit)", r.limit);
    for (i = 0; i < N(builtins); i++) {
        const struct builtin *b = &builtins[i];
        const struct lb_bench_info *bi = lb_catalog_benchmark(b->column);
        bool mapped = false;

        /* a map to this benchmark's column replaces it */
        for (j = 0; j < nmaps && !mapped; j++)
            mapped = lb_catalog_benchmark(maps[j].column) == bi;
        if (mapped)
            continue;
        if ((b->kind == SUBTASKS ? read_subtasks(&r, b) : read_one(&r, b)) != 0)
            goto out;
    }
    for (j = 0; j < nmaps; j++)
        if (read_map(&r, &maps[j], j) != 0)
            goto out;
    rc = 0;
out:
    for (i = 0; i < r.n; i++)
        free(r.e[i].name);
    free(r.e);
    json_decref(r.root);
    if (rc != 0)
        lb_lmeval_run_release(out);
    return rc;
}

/* }====================================================================== */

int lb_lmeval_map_parse(const char *arg, struct lb_lmeval_map *m,
                        struct lb_error *err)
{
    const char *eq = strchr(arg, '='), *colon = NULL, *p;
    struct lb_quoted q;

    memset(m, 0, sizeof *m);
    for (p = arg; eq != NULL && p < eq; p++)
        if (*p == ':')
            colon = p;
    if (eq == NULL || colon == NULL || colon == arg || colon + 1 == eq ||
        eq[1] == '\0')
        return lb_error_set(err, LB_OPT("map") ": %s is not TASK:METRIC=COLUMN",
                            lb_quotes(&q, arg));
    m->task = xmemdup0(arg, (size_t)(colon - arg));
    m->metric = xmemdup0(colon + 1, (size_t)(eq - colon - 1));
    m->column = xstrdup(eq + 1);
    return 0;
}

void lb_lmeval_map_release(struct lb_lmeval_map *m)
{
    free(m->task);
    free(m->metric);
    free(m->column);
    memset(m, 0, sizeof *m);
}

void lb_lmeval_format(char *buf, double v, unsigned decimals)
{
    size_t n;
    char *dot;

    if (decimals > 15)
        decimals = 15;
    snprintf(buf, LB_LMEVAL_NUMBUF, "%.*f", (int)decimals, v);
    dot = strchr(buf, '.');
    if (dot != NULL) {
        n = strlen(buf);
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '.')
            buf[--n] = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
}
