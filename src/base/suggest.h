/* suggest.h: "did you mean": the known name nearest to one that was not
 * found. Every message that reports an unknown name (a column of a score
 * file, a command) suggests through here, so that one rule decides:
 *
 *   the distance from the name to a candidate is the number of edits
 *   between them (inserting, deleting or changing a character, or swapping
 *   two neighbours, each counts 1; letter case is ignored); the nearest
 *   candidate is suggested (the first of equally near ones) when its
 *   distance is at most a third of the name's length, and at least 1 but
 *   less than the length (a one-letter name is not changed into another),
 *   so that a wild guess suggests nothing. Names longer than
 *   LB_SUGGEST_MAX_BYTES are no typing slip: no suggestion (and no
 *   quadratic work on a name of megabytes). */
#ifndef LB_BASE_SUGGEST_H
#define LB_BASE_SUGGEST_H

#include <stddef.h>

#include "base/quote.h"

#define LB_SUGGEST_NONE ((size_t)-1)
#define LB_SUGGEST_MAX_BYTES 256

/* The name of candidate i of ctx, or NULL when i is not a candidate. */
typedef const char *(*lb_name_at)(const void *ctx, size_t i);

/* The index of the candidate (name_at(ctx, 0) to name_at(ctx, n - 1)) to
 * suggest for 'name' by the rule above, or LB_SUGGEST_NONE. */
size_t lb_suggest(const char *name, size_t n, lb_name_at name_at,
                  const void *ctx);

struct lb_did_you_mean {
    char s[LB_QUOTE_SIZE + 32]; /* the phrase, NUL-terminated */
};

/* "; did you mean 'NEAR'?" (NEAR quoted by lb_quotes), or "" when near is
 * NULL, into out; returns out->s. Messages put it right after the unknown
 * name, before any list of the choices: "no column 'MLMU' in FILE; did you
 * mean 'MMLU'? (columns: ...)". */
const char *lb_did_you_mean(struct lb_did_you_mean *out, const char *near);

#endif
