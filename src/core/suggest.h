/* suggest.h: "did you mean" for the columns of a table: the one rule of
 * base/suggest.h over the table's column names (lb_table_suggest). */
#ifndef LB_CORE_SUGGEST_H
#define LB_CORE_SUGGEST_H

#include "base/suggest.h"
#include "core/table.h"

/* "; did you mean 'COLUMN'?" for the column of t nearest to 'name', or ""
 * when none is near (base/suggest.h: lb_did_you_mean); returns out->s. */
static inline const char *lb_table_did_you_mean(struct lb_did_you_mean *out,
                                                const struct lb_table *t,
                                                const char *name)
{
    size_t near = lb_table_suggest(t, name);

    return lb_did_you_mean(out, near == LB_NPOS ? NULL : t->cols[near].name);
}

#endif
