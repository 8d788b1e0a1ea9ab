/* check.h: every problem of a loaded score file at once.
 *
 * The loader stops at the first structural error (a ragged row, a bad
 * quote, a duplicate column name): those are reported as it reports them,
 * by the caller. Once a table is loaded (with keep_text, so that every cell
 * is there as written), lb_check_table looks at every cell:
 *
 * errors
 *   - a cell of a numeric column that is not a number: a catalog benchmark,
 *     a known numeric metadata column (params_b, context_length, Average,
 *     NAME_stderr, ...), or a column whose cells are mostly numbers;
 *   - a catalog benchmark's value outside its range (0 to 100);
 *   - a negative standard error (NAME_stderr, NAME_se, NAME_std);
 *   - a (model, precision) key that an earlier row has (model alone when
 *     the file has no precision column);
 *   - an Average that differs from the mean of the file's benchmarks (the
 *     ones 'rank' averages by default) by more than 0.01, on a row that has
 *     every benchmark;
 * warnings
 *   - a column of numbers that is neither a catalog benchmark nor known
 *     metadata (an unknown benchmark; NAME_raw beside a catalog benchmark,
 *     as the v2 board publishes, is known);
 *   - a score of such a column outside 0 to 100;
 *   - a model name with spaces at its ends (a duplicate in disguise).
 *
 * Issues are sorted by line, then column; column-level ones (line 0) come
 * first. */
#ifndef LB_CORE_CHECK_H
#define LB_CORE_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/table.h"

enum lb_check_level { LB_CHECK_ERROR, LB_CHECK_WARNING };

struct lb_check_issue {
    enum lb_check_level level;
    size_t line;  /* physical line (1-based), 0: the column as a whole */
    size_t col;   /* column (1-based), 0: the row as a whole */
    char *msg;    /* without the position (owned) */
};

struct lb_check_report {
    struct lb_check_issue *issues; /* sorted (owned) */
    size_t n, cap;
    size_t errors, warnings;       /* counted in full, listed or not */
};

struct lb_check_opts {
    size_t max_per_column; /* issues of one kind listed per column (the
                              rest are counted, then summed up in one
                              issue); 0: every one */
    const size_t *bench;   /* the benchmarks an aggregate is the mean of
                              (columns), or NULL: the schema's */
    size_t nbench;
};

/* Checks every cell of t, which was loaded with keep_text. Fills *r
 * (release it with lb_check_report_release). */
void lb_check_table(const struct lb_table *t, const struct lb_check_opts *o,
                    struct lb_check_report *r);

void lb_check_report_release(struct lb_check_report *r);

#endif
