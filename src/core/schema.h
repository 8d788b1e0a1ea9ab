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
    char **missing;      /* the field's own missingValues (Table Schema
                            v2), or NULL: the schema's (owned) */
    size_t nmissing;
    bool described;      /* described by the schema read, not inferred */
    bool sentinel;       /* inferred: -1 means no value here (a lone -1 in
                            a column of numbers otherwise 0 or more) */
    const char *why;     /* inferred: the rule that decided it (static), or
                            NULL */
    bool by_name;        /* inferred from its name (or the catalog), not
                            from its values */
    const char *order_of; /* inferred: lower is better because the file
                            lists this published aggregate column lowest
                            first (its name, owned by the table), or NULL */
};

struct lb_schema {
    char *source;             /* the file it was read from, for messages
                                 and footers, or NULL: inferred (owned) */
    struct lb_field *fields;  /* (owned); bound to a table: one per column,
                                 in the table's order */
    size_t nfields;
    char **missing;           /* missingValues (owned), or NULL: the
                                 default rule (base/decimal.h) */
    size_t nmissing;
    char *primary_key;        /* primaryKey (its first column), or NULL
                                 (owned) */
    bool catalog;             /* bound: the table has benchmarks of the
                                 catalog, which decide the default */
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

/* Reads the Table Schema file 'path' into *s (lb_schema_parse). */
int lb_schema_read_file(struct lb_schema *s, const char *path,
                        struct lb_error *err);

/* The schema file that describes data file 'path' when there is one:
 * NAME.schema.json beside NAME.csv (or NAME.tsv, NAME.txt, NAME), as a
 * new string; NULL when there is none (or path is "-"). */
char *lb_schema_beside(const char *path);

/* NAME.schema.json for data file 'path' (NAME.csv, NAME.tsv, NAME.txt or
 * NAME), whether or not it exists, as a new string. */
char *lb_schema_path_for(const char *path);

/* Binds a schema to table t, just loaded (core/csv_read.c does it): t->schema
 * becomes a schema of one field per column, in order: the field 'given'
 * describes (NULL: none; not kept), else the inferred one (schema_infer.c,
 * its rule in 'why'). On the way, cells that a missingValues entry names
 * as a number ("-1"), or an inferred sentinel, become missing (counted in
 * the column's n_sentinel), and a column that writes '%' after some of its
 * numbers but not all is bad (LB_NUM_UNIT). Returns 0, or -1 with a message
 * in err (a benchmark the schema names that is not a column). */
int lb_schema_bind(struct lb_table *t, const struct lb_schema *given,
                   struct lb_error *err);

/* Whether cell text s[0..len) is a missing value that 'given' names as
 * text (the loader's test for a cell that is not a number): the field's
 * own list when f has one, else the schema's. */
bool lb_schema_missing_text(const struct lb_schema *given,
                            const struct lb_field *f, const char *s,
                            size_t len);

/* Whether inference may find lower better for a column so named (its name
 * means an error rate or a cost: WER, CER, error, loss, perplexity,
 * latency); without such a word it never does. */
bool lb_schema_name_lower(const char *name);

/* The column a schema names as the model's (role model, else its
 * primaryKey), or NULL. */
const char *lb_schema_model_column(const struct lb_schema *s);

/* For schema_infer.c: a new field at the end of s (named, bareNumber
 * true), and the release of one. */
struct lb_field *lb_schema_add(struct lb_schema *s, const char *name);
void lb_field_release(struct lb_field *f);

const char *lb_role_name(enum lb_role r);

#endif
