/* suggest.h: "did you mean" for the columns of a table: the one rule of
 * base/suggest.h over the names of the table's columns (all of them, as
 * lb_table_suggest, or some: the benchmarks averaged). */
#ifndef LB_CORE_SUGGEST_H
#define LB_CORE_SUGGEST_H

#include <stddef.h>

#include "base/suggest.h"
#include "core/table.h"

/* "; did you mean 'COLUMN'?" for the column of t nearest to 'name', or ""
 * when none is near (base/suggest.h: lb_did_you_mean); returns out->s. */
const char *lb_table_did_you_mean(struct lb_did_you_mean *out,
                                  const struct lb_table *t, const char *name);

/* The same among the n columns cols[0..n) of t only. */
const char *lb_columns_did_you_mean(struct lb_did_you_mean *out,
                                    const struct lb_table *t,
                                    const size_t *cols, size_t n,
                                    const char *name);

#endif
