/* chart_layout.h: the geometry and words of a chart that can be computed
 * (and tested) without a board: how long names are shortened, how a value
 * axis is chosen, where labels go. Pure functions: no I/O, no board. */
#ifndef LB_EXPORT_CHART_LAYOUT_H
#define LB_EXPORT_CHART_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "export/chart.h"

/* {======================================================================
 * Names
 * ======================================================================= */

/* Makes the n names[i] (lens[i] bytes each) fit for labels of at most
 * max_chars characters: each is made fit for a label (lb_gp_text: invalid
 * UTF-8 as '?', control characters as a space); one that is longer keeps
 * its head and its tail around a middle ellipsis ("…", one character):
 * "meta-llama/Llama-3…Instruct_v1.0". Names that differ stay different:
 * when two cut names would be equal, each is cut again where it differs
 * (the head or the tail made longer, else a part around the first
 * difference between two ellipses), and as a last resort a counter ends
 * it. Equal names stay equal. out[i] gets a new string (free it);
 * max_chars below 8 is taken as 8. */
void lb_chart_shorten(const char *const *names, const size_t *lens, size_t n,
                      size_t max_chars, char **out);

/* }====================================================================== */

/* {======================================================================
 * The value axis
 * ======================================================================= */

struct lb_axis {
    double lo, hi;  /* the axis' range */
    double step;    /* between tics: 1, 2, 2.5 or 5 times a power of 10 */
    bool has_zero;  /* lo <= 0 <= hi: bars can start at 0 and show the
                       value by their length; else a chart draws dots */
};

/* The value axis for values from lo to hi (the data; lo > hi: no data),
 * as 'r' asks (its ends, when given, win). From the data: with 'zero'
 * (values whose zero means something, that bars could show), zero is on
 * the axis when the values span at least a quarter of the distance from
 * zero to the farthest of them (or straddle it); otherwise, and always
 * without 'zero' (ratings on an arbitrary scale, a scatter), the axis is
 * zoomed on the values. The range is padded by 5% of the span and rounded out to
 * the tic step (about 'tics' steps, 2 to 8; 0: 8: a caller gives fewer
 * for a short axis, so that tic labels never run into each other), never
 * below 0 for values that are
 * not negative, never above 100 for values from 0 to 100. */
void lb_chart_axis(double lo, double hi, const struct lb_chart_range *r,
                   bool zero, size_t tics, struct lb_axis *out);

/* }====================================================================== */

/* {======================================================================
 * Labels next to points
 * ======================================================================= */

struct lb_box {
    double x0, y0, x1, y1; /* pixels, y up */
};

/* Where a label may go, relative to its point: offset in pixels (y up)
 * and alignment (-1 right-aligned, 0 centred, 1 left-aligned). Spot 0 is
 * right of the point, 1 left, 2 and 3 above and below; then further and
 * further above and below, on both sides. A label away from its point
 * (|dy| >= LB_LEADER_DY pixels) gets a thin line to it. */
struct lb_spot {
    double dx, dy;
    int align;
};

#define LB_NSPOTS 60
#define LB_LEADER_DY 20

struct lb_spot lb_chart_spot(size_t k);

/* The box of a label w pixels wide and h high at spot k of point
 * (px, py). */
struct lb_box lb_chart_label_box(double px, double py, double w, double h,
                                 size_t k);

/* Places the labels of the first nlab of npts points (px, py: pixels, y
 * up), in order, so that the first get the nearest spots: for each, the
 * spot inside 'area' that overlaps no label placed before, covers the
 * fewest points and is nearest. A label that has no such spot is left
 * out: spot[i] = LB_NPOS. w[i] and h are the labels' sizes in pixels.
 * Returns how many were left out. Placed labels never overlap. */
size_t lb_chart_place_labels(const struct lb_box *area, const double *px,
                             const double *py, size_t npts, const double *w,
                             double h, size_t nlab, size_t *spot);

/* }====================================================================== */

#endif
