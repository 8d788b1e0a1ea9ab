/* history.h: a board's history (core/history.h) as a table view.
 *
 * People read: Rank (in the latest snapshot), Model, Precision (when part
 * of the key), each snapshot's rank (or value, or both: --show), the value
 * in the latest snapshot (unless shown per snapshot), Move (an arrow and
 * the places between the first and the last snapshot where the model is
 * ranked; up is a better rank) and Status (new: not in the first snapshot;
 * gone: not in the last one), under lines that say where the snapshots come
 * from, what each added and lost, and the largest movers. A blank cell: not
 * on the board then; "-": on it without a rank (or value).
 *
 * Programs read one row per model: status, rank, model, precision, value,
 * move (positive: up), first and last (the labels of the first and last
 * snapshots it is in), then for each snapshot its rank and value (CSV and
 * TSV: "rank LABEL", "value LABEL"; JSON: "snapshots": {"LABEL": {"rank":
 * 3, "value": 68.42}}, a snapshot where it is absent left out); JSON also
 * lists the snapshots (label, file, commit, counts) and the movers. */
#ifndef LB_EXPORT_HISTORY_H
#define LB_EXPORT_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "core/history.h"
#include "export/view.h"

/* What people see per snapshot. */
enum lb_history_show {
    LB_HISTORY_SHOW_RANK,  /* its rank */
    LB_HISTORY_SHOW_VALUE, /* its value */
    LB_HISTORY_SHOW_BOTH   /* both */
};

/* Where the snapshots come from and how to show them (every pointer must
 * outlive the view). */
struct lb_history_source {
    const char *what;            /* the first title line ("benchmarks/x.csv
                                    in git: ...") */
    const char *const *labels;   /* each snapshot's label (unique) */
    const char *const *files;    /* each snapshot's file, as named in
                                    messages */
    const char *const *commits;  /* each snapshot's commit id, or NULL (not
                                    from git) */
    const char *notes;           /* more title lines (each ending in '\n':
                                    snapshots skipped), or NULL */
    size_t top;                  /* list only the models ranked in the top
                                    N of some snapshot (0: every model) */
    enum lb_history_show show;   /* people: per snapshot */
};

/* Builds the view of h (which must outlive it) for audience a. Returns 0,
 * or -1 with a message in err. Release v with lb_view_release in both
 * cases. */
int lb_view_history(struct lb_view *v, const struct lb_history *h,
                    const struct lb_history_source *src, enum lb_audience a,
                    struct lb_error *err);

/* Parses "rank", "value" or "both"; false otherwise. */
bool lb_history_show_parse(const char *s, enum lb_history_show *out);

#endif
