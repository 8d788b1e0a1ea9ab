/* diff.h: a comparison of two boards (core/diff.h) as a table view (see
 * export/diff.c for its columns). */
#ifndef LB_EXPORT_DIFF_H
#define LB_EXPORT_DIFF_H

#include <stdbool.h>

#include "base/error.h"
#include "core/diff.h"
#include "export/view.h"

/* Which models a diff lists. */
struct lb_diff_list {
    bool all;           /* every model, changed or not */
    bool hide_knock_on; /* not those whose only change is a knock-on move
                           (core/diff.h; still counted); ignored with all */
};

/* Builds the view of d (which must outlive it) for audience a: the entries
 * l lists. old_name and new_name name the two files (copied). Returns 0,
 * or -1 with a message in err. Release v with lb_view_release in both
 * cases. */
int lb_view_diff(struct lb_view *v, const struct lb_diff *d,
                 const char *old_name, const char *new_name,
                 const struct lb_diff_list *l, enum lb_audience a,
                 struct lb_error *err);

#endif
