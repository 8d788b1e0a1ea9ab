/* chart_history.h: the chart of a board's history (core/history.h): the
 * rank of the first models of the last snapshot in every snapshot, a line
 * per model, rank 1 on top, oldest snapshot on the left. Drawn as every
 * chart is (export/chart.h: user text only as quoted literals, numbers
 * only in the data, no path in the script). */
#ifndef LB_EXPORT_CHART_HISTORY_H
#define LB_EXPORT_CHART_HISTORY_H

#include "base/buf.h"
#include "base/error.h"
#include "core/history.h"
#include "export/chart.h"

#define LB_HISTORY_CHART_TOP 10 /* models drawn by default */
#define LB_HISTORY_CHART_MAX 30 /* at most (the key holds no more) */

/* Appends the script of the chart 'history' to gp and its data to dat
 * (o->embed: the data in the script): the models ranked in the top o->top
 * (0: LB_HISTORY_CHART_TOP; at most LB_HISTORY_CHART_MAX) of the last
 * snapshot, each snapshot labelled labels[s] on the x axis. A model absent
 * or not ranked in a snapshot has no point there (its line breaks).
 * Returns 0, or -1 with a message in err (no model ranked in the last
 * snapshot). */
int lb_chart_write_history(const struct lb_history *h,
                           const char *const *labels,
                           const struct lb_chart_opts *o, struct lb_buf *gp,
                           struct lb_buf *dat, struct lb_error *err);

#endif
