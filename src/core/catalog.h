/* catalog.h: the benchmarks and metadata columns that leaderboard knows.
 *
 * The catalog holds the built-in suites, the Open LLM Leaderboard v1 and v2,
 * with the facts of RULES.md sections 1 and 2 (task, shots, metric, random
 * baseline, scale). Each suite is a board schema like a user's: a Table
 * Schema in src/suites/ID.schema.json, embedded by the build and read by
 * the same reader (lb_schema_parse) on first use; nothing about a suite is
 * written in C. Column names are matched loosely: letter case and every
 * character that is not a letter or digit are ignored, so "MATH_Lvl5",
 * "MATH Lvl 5" and "math-lvl-5" are the same benchmark. */
#ifndef LB_CORE_CATALOG_H
#define LB_CORE_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

struct lb_suite;

struct lb_bench_info {
    const char *name;        /* display name as the board writes it */
    const char *key;         /* normalized name (see lb_catalog_key) */
    const char *alt_key;     /* another normalized spelling, or NULL */
    const struct lb_suite *suite; /* the board it belongs to */
    int lo, hi;              /* valid range of a score */
    bool higher_is_better;
    const char *task;        /* lm-evaluation-harness task */
    int shots;               /* few-shot examples */
    const char *metric;      /* metric reported */
    const char *baseline;    /* random-guess score, as text */
    const char *norm_baseline; /* what --method normalized subtracts (on the
                                  column's scale), as a decimal; NULL when
                                  the board publishes the column normalized
                                  already (v2): used as it is */
};

/* A raw score column that a board publishes beside a benchmark (the v2
 * table's IFEval_raw, ..., on a 0 to 1 scale). Not a benchmark: it is
 * chosen only by name, and only --method normalized reads this. */
struct lb_raw_info {
    const char *key;         /* normalized name */
    const struct lb_bench_info *of; /* the benchmark it is the raw score of */
    int hi;                  /* a perfect score (1) */
    const char *norm_baseline; /* the random-guess score on this scale, as a
                                  decimal; NULL when the board normalizes
                                  each subtask with its own (BBH, MuSR) */
};

struct lb_suite {
    const char *id;          /* "openllm-v1" */
    const char *title;       /* "Open LLM Leaderboard v1" */
    size_t n;                /* number of benchmarks */
    const char *const *names; /* their display names, in board order */
    const char *method;      /* how the board aggregates them: "mean" (v1),
                                "normalized" (v2) */
};

/* Writes the normalized form of name (lowercase ASCII letters and digits
 * only) into key (size bytes, NUL-terminated, truncated if needed). */
void lb_catalog_key(const char *name, char *key, size_t size);

/* The catalog benchmark that a column named 'name' holds, or NULL. */
const struct lb_bench_info *lb_catalog_benchmark(const char *name);

/* The raw companion column that 'name' is, or NULL. */
const struct lb_raw_info *lb_catalog_raw(const char *name);

/* The suite with this id ("openllm-v1"), or NULL. */
const struct lb_suite *lb_catalog_suite(const char *id);

/* True when 'name' is a known metadata column (params_b, license, date,
 * Average, NAME_stderr, ...): carried through, never averaged by default. */
bool lb_catalog_is_metadata(const char *name);

/* True when 'name' is an average that a board published (Average, avg). */
bool lb_catalog_is_average(const char *name);

/* The suites, in a NULL-terminated array. */
const struct lb_suite *const *lb_catalog_suites(void);

/* NULL when the built-in suites were read; else why not (the catalog is
 * then empty). main() asks once before anything else. */
const char *lb_catalog_error(void);

/* Suite 'id''s Table Schema as written in src/suites (JSON, len bytes), or
 * NULL when there is no such suite. */
const char *lb_catalog_suite_text(const char *id, size_t *len);

#endif
