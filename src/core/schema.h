/* schema.h: what each column of a board is (RULES.md section 10).
 *
 * A board's schema is a Frictionless Data Table Schema (JSON): "fields",
 * each with the standard "name", "type", "title", "description",
 * "constraints" ("minimum", "maximum") and "bareNumber", and leaderboard's
 * own properties: "role" (model, benchmark, aggregate, stderr, metadata),
 * "better" (higher or lower), "baseline" (a random guess's score), "weight"
 * and "group"; at the top, "missingValues" (the cells that mean no value)
 * and "primaryKey".
 *
 * Where it comes from, first found: --schema FILE; NAME.schema.json beside
 * NAME.csv; else it is inferred from the table (lb_schema_infer), with the
 * rule that decided each column, so that a reader sees what was guessed.
 * Every command reads the same schema; none guesses on its own. */
#ifndef LB_CORE_SCHEMA_H
#define LB_CORE_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/decimal.h"
#include "base/error.h"

struct lb_table;

enum lb_role {
    LB_ROLE_NONE,      /* not said (a schema may leave a column out) */
    LB_ROLE_MODEL,     /* the model's name */
    LB_ROLE_BENCHMARK, /* a score that is averaged */
    LB_ROLE_AGGREGATE, /* a published aggregate (Average): never averaged */
    LB_ROLE_STDERR,    /* the standard error of a benchmark */
    LB_ROLE_METADATA   /* carried, filtered on, never averaged */
};

enum lb_better {
    LB_BETTER_UNSET,  /* not said: higher */
    LB_BETTER_HIGHER,
    LB_BETTER_LOWER
};

struct lb_field {
    char *name;          /* the column's name (owned) */
    char *type;          /* Table Schema's type ("number", "string"), or
                            NULL (owned) */
    char *title;         /* a header for people, or NULL (owned) */
    char *description;   /* or NULL (owned) */
    enum lb_role role;
    enum lb_better better;
    bool bare;           /* bareNumber (default true): false lets a number
                            carry a unit, "77.47%" */
    bool has_min, has_max;
    struct lb_dec min, max; /* constraints.minimum, maximum */
    bool has_baseline;
    struct lb_dec baseline; /* a random guess's score */
    bool has_weight;
    struct lb_dec weight;   /* the benchmark's weight (weighted) */
    char *group;         /* the group it belongs to (group-mean), or NULL
                            (owned) */
    char *of;            /* stderr: the benchmark it is the error of, or
                            NULL: the name without _stderr/_se (owned) */
    const char *why;     /* inferred: the rule that decided it (static), or
                            NULL */
};

struct lb_schema {
    char *source;             /* the file it was read from, for messages
                                 and footers, or NULL: inferred (owned) */
    struct lb_field *fields;  /* (owned) */
    size_t nfields;
    char **missing;           /* missingValues (owned), or NULL: the
                                 default rule (base/decimal.h) */
    size_t nmissing;
    bool sentinel_minus_one;  /* inferred: a lone -1 means missing */
};

void lb_schema_init(struct lb_schema *s);
void lb_schema_release(struct lb_schema *s);

/* Reads a Table Schema from text (JSON); 'name' names it in messages.
 * Unknown properties are ignored (Table Schema allows them); a known one
 * with a wrong value is an error naming the field and the property.
 * Returns 0, or -1 with a message in err. */
int lb_schema_parse(struct lb_schema *s, const char *name, const char *text,
                    size_t len, struct lb_error *err);

/* Appends s as Table Schema JSON, ready to save and edit. */
void lb_schema_write(const struct lb_schema *s, struct lb_buf *out);

/* The field named 'name' (exact, then any letter case), or NULL. */
const struct lb_field *lb_schema_field(const struct lb_schema *s,
                                       const char *name);

/* Infers the schema of table t (which it does not keep): for each column
 * its role, direction and unit, with the rule in 'why' (see schema.c).
 * s must be empty (lb_schema_init). */
void lb_schema_infer(struct lb_schema *s, const struct lb_table *t);

/* Completes schema s (read from a file) with the inference for the
 * columns of t it does not describe. */
void lb_schema_complete(struct lb_schema *s, const struct lb_table *t);

const char *lb_role_name(enum lb_role r);

#endif
