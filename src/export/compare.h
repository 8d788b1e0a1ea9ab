/* compare.h: rank --compare-methods (core/compare.h) as a table view: a
 * row per listed model of the board, a column per order (each method, each
 * benchmark left out), and for people a last row with Kendall's tau-b of
 * each order against the board's. */
#ifndef LB_EXPORT_COMPARE_H
#define LB_EXPORT_COMPARE_H

#include "base/error.h"
#include "core/board.h"
#include "core/compare.h"
#include "export/view.h"

/* Builds the view of c, the comparison of board b (both must outlive it),
 * for audience a. Returns 0, or -1 with a message in err. Release v with
 * lb_view_release in both cases. */
int lb_view_compare(struct lb_view *v, const struct lb_board *b,
                    const struct lb_compare *c, enum lb_audience a,
                    struct lb_error *err);

#endif
