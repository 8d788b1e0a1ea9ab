/* filter.h: --where EXPR, the rows a board keeps.
 *
 * Grammar (recursive descent, precedence from low to high):
 *
 *   expr       := and ( '||' and )*
 *   and        := unary ( '&&' unary )*
 *   unary      := '!' unary | '(' expr ')' | test
 *   test       := operand [ op operand ]
 *   op         := '==' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~'
 *   operand    := COLUMN | NUMBER | STRING | 'true' | 'false'
 *               | 'missing' '(' COLUMN ')'
 *   COLUMN     := [A-Za-z_][A-Za-z0-9_.-]*  or  `any text` (backquotes)
 *   STRING     := "..." or '...' (a backslash takes the next byte as is)
 *   NUMBER     := what a score may be: 13, -0.5, 1e3 (kept exactly)
 *
 * A column is found as --benchmarks finds one (exact name, then any letter
 * case, then ignoring punctuation). What a test means depends on the other
 * side:
 *   - a NUMBER: the cell compared as an exact decimal (7 == 7.0); a cell
 *     that is not a number is an error (file, line, column);
 *   - a STRING: the cell's text compared bytewise (== != < <= > >=; ISO
 *     dates order correctly), or matched by '~' (a shell glob: * ? [a-z]
 *     [!a-z], ignoring ASCII letter case; '!~' is its negation);
 *   - true or false: the cell read as a boolean (== and != only);
 *   - another column: as numbers when both cells are numbers, else as text.
 * A column alone is a boolean test: true, false, yes, no, 1, 0 (any letter
 * case); other text is an error. missing(COLUMN) is true when the cell is
 * missing and is never unknown.
 *
 * Missing cells (empty, NA, N/A, -) are unknown, with SQL's three-valued
 * logic (Kleene): a test of a missing cell is unknown, '!' of unknown is
 * unknown, unknown && false is false, unknown || true is true. A row is
 * kept only when the whole expression is true: so neither 'license ==
 * "mit"' nor '!(license == "mit")' keeps a row without a license. */
#ifndef LB_CORE_FILTER_H
#define LB_CORE_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "core/table.h"

enum lb_truth {
    LB_FALSE,
    LB_TRUE,
    LB_UNKNOWN
};

struct lb_filter; /* a parsed expression (opaque) */

/* Parses expr. On success sets *out (free with lb_filter_free) and returns
 * 0. On a syntax error returns -1 with a message in err: "--where: WHAT",
 * then the expression and a caret under the position, on two more lines
 * indented by two spaces. */
int lb_filter_parse(const char *expr, struct lb_filter **out,
                    struct lb_error *err);

/* Finds the columns the expression names in t (the header is enough: rows
 * may come later). Returns 0, or -1 with a message in err (a column that is
 * not there, listing the file's columns; a text comparison with a column
 * whose text is not kept). */
int lb_filter_bind(struct lb_filter *f, const struct lb_table *t,
                   struct lb_error *err);

/* Evaluates the bound expression on row 'row' of t into *out. Returns 0, or
 * -1 with a message in err when a cell cannot be read as the test needs
 * ("FILE:LINE:COL: 'abc' is not a number (column 'params_b', in
 * --where)"). */
int lb_filter_eval(const struct lb_filter *f, const struct lb_table *t,
                   size_t row, enum lb_truth *out, struct lb_error *err);

/* Keeps the rows of t for which the expression is true (lb_table_retain),
 * binding it first; *dropped receives how many rows left. Returns 0, or -1
 * with a message in err (then t is unchanged). */
int lb_filter_retain(struct lb_filter *f, struct lb_table *t, size_t *dropped,
                     struct lb_error *err);

/* The expression as given. */
const char *lb_filter_text(const struct lb_filter *f);

/* Matches s[0..len) against a shell glob (NUL-terminated): '*' any text,
 * '?' one character, '[...]' a set ('[!...]' or '[^...]' its complement,
 * ranges a-z), a backslash the next character as is; ASCII letters match
 * either case. (For tests.) */
bool lb_glob_match(const char *pattern, const char *s, size_t len);

void lb_filter_free(struct lb_filter *f);

#endif
