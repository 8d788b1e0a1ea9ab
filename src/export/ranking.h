/* ranking.h: a board (core/board.h) as a table view, and the words that
 * describe it.
 *
 * Columns: Rank, Model, the value (Average, or the method's), with
 * intervals CI low, CI high, Rank low, Rank high, UB rank, P(rank 1), the
 * extra columns (-c), the benchmarks; for people a Note on unranked rows,
 * for JSON "reason" and "missing_scores". Numbers are at the board's
 * precision, rounded half to even on the exact decimal value; a mean that
 * leaves out or imputes a score is marked (people). */
#ifndef LB_EXPORT_RANKING_H
#define LB_EXPORT_RANKING_H

#include "base/buf.h"
#include "base/error.h"
#include "core/board.h"
#include "export/view.h"

/* Builds the view of board b (which must outlive it) for audience a.
 * Checks first that every number can be rounded at the precision, so that
 * nothing is half written. Returns 0, or -1 with a message in err. Release
 * v with lb_view_release in both cases. */
int lb_view_ranking(struct lb_view *v, const struct lb_board *b,
                    enum lb_audience a, struct lb_error *err);

#endif
