/* chart_size.c: the ranking's value against the parameter count, on a
 * log scale, with the best models labelled where their labels overlap
 * least. */
#include "export/chart_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sort.h"
#include "base/xalloc.h"

/* The canvas and the plot area (fixed, in fractions of the canvas), so that
 * label positions can be computed here. */
#define SIZE_W 1000
#define SIZE_H 640
#define SIZE_L 0.08
#define SIZE_R 0.97
#define SIZE_B 0.10
#define SIZE_T 0.86
#define MAX_OBSTACLE_POINTS 20000 /* beyond, labels avoid labels only */

struct box {
    double x0, y0, x1, y1; /* pixels, y up */
};

static double overlap_area(const struct box *a, const struct box *b)
{
    double w = fmin(a->x1, b->x1) - fmax(a->x0, b->x0);
    double h = fmin(a->y1, b->y1) - fmax(a->y0, b->y0);

    return w > 0 && h > 0 ? w * h : 0;
}

/* Where a label may go, relative to its point: offset in pixels (y up)
 * and alignment (-1 right-aligned, 0 centred, 1 left-aligned). Spot 0 is
 * right of the point, 1 left, 2 and 3 above and below; then come levels
 * 1, 2, ... above and below, further and further, on both sides. A label
 * away from its point (|dy| >= 20 pixels) gets a thin line to it. */
struct spot {
    double dx, dy;
    int align;
};

#define SPOT_LEVELS 14
#define NSPOTS (4 + 4 * SPOT_LEVELS)
#define LEADER_DY 20

static struct spot spot_at(size_t k)
{
    static const struct spot first[4] = {
        {11, 0, 1}, {-11, 0, -1}, {0, 17, 0}, {0, -17, 0}};
    struct spot s;
    size_t j, level;

    if (k < 4)
        return first[k];
    j = k - 4;
    level = j / 4 + 1;
    s.dx = 9 + 3 * (double)level;
    s.dy = 12 * (double)level;
    s.align = 1;
    if (j % 4 >= 2) {
        s.dx = -s.dx;
        s.align = -1;
    }
    if (j % 2 == 1)
        s.dy = -s.dy;
    return s;
}

struct size_geom {
    double lx0, lx1; /* log10 of the x range */
    double y0, y1;   /* the y range */
    double px0, px1; /* plot area in pixels, x */
    double py0, py1; /* plot area in pixels, y up */
};

static double gx(const struct size_geom *g, double x)
{
    return g->px0 + (log10(x) - g->lx0) / (g->lx1 - g->lx0) * (g->px1 - g->px0);
}

static double gy(const struct size_geom *g, double y)
{
    return g->py0 + (y - g->y0) / (g->y1 - g->y0) * (g->py1 - g->py0);
}

static struct box label_box(double px, double py, size_t chars, size_t k)
{
    struct spot s = spot_at(k);
    double w = (double)chars * CHAR_PX + 2, h = LINE_PX;
    double x = px + s.dx, y = py + s.dy;
    struct box b;

    b.x0 = s.align > 0 ? x : s.align < 0 ? x - w : x - w / 2;
    b.x1 = b.x0 + w;
    b.y0 = y - h / 2;
    b.y1 = y + h / 2;
    return b;
}

/* Chooses a spot for each of the first nlab points, in rank order (so the
 * best models get the nearest spots): the spot inside the plot area with
 * the least cost, where overlapping a label placed before costs much more
 * than covering points, and distance costs a little. */
static void place_labels(const struct size_geom *g, const double *px,
                         const double *py, size_t npts, const size_t *chars,
                         size_t nlab, size_t *spot)
{
    struct box *placed = xcalloc(nlab + 1, sizeof *placed);
    size_t i, k, p;
    bool check_points = npts <= MAX_OBSTACLE_POINTS;

    for (i = 0; i < nlab; i++) {
        double best = HUGE_VAL;

        spot[i] = 0;
        for (k = 0; k < NSPOTS; k++) {
            struct box b = label_box(px[i], py[i], chars[i], k);
            struct spot sp = spot_at(k);
            double cost = 2 * fabs(sp.dy) + fabs(sp.dx) + (double)k * 0.01;

            if (b.x0 < g->px0 + 2 || b.x1 > g->px1 - 2 || b.y0 < g->py0 + 2 ||
                b.y1 > g->py1 - 2)
                continue;
            for (p = 0; p < i; p++)
                cost += 50 * overlap_area(&b, &placed[p]);
            for (p = 0; check_points && p < npts; p++) {
                /* a point, or the ring around a frontier point */
                struct box pt = {px[p] - 8, py[p] - 8, px[p] + 8, py[p] + 8};

                cost += overlap_area(&b, &pt);
            }
            if (cost < best) {
                best = cost;
                spot[i] = k;
            }
        }
        placed[i] = label_box(px[i], py[i], chars[i], spot[i]);
    }
    free(placed);
}

/* Writes the size chart's data: one line per ranked model with a parameter
 * count, in rank order. */
static int write_size_dat(struct chart *c, size_t pc, const bool *frontier)
{
    const struct lb_column *p = &c->t->cols[pc];
    size_t i;

    lb_buf_adds(c->dat,
                "# size.dat: data of size.gp, written by 'leaderboard plot'\n"
                "# one line per ranked model with a parameter count, in rank "
                "order: row index,\n"
                "# rank, parameter count, the ranking's value, 1 when "
                "labelled, 1 when no smaller\n"
                "# model ranks higher\n"
                "# row\trank\tparams\tvalue\tlabelled\tfrontier\n");
    for (i = 0; i < c->nrows; i++) {
        size_t row = c->rows[i];

        lb_buf_addf(c->dat, "%zu\t", i);
        chart_rank(c->dat, c->b->ranking.rank2[row]);
        lb_buf_addc(c->dat, '\t');
        if (chart_coord(c, c->dat, lb_column_num(p, row), 1, p->scale, row) != 0)
            return -1;
        lb_buf_addc(c->dat, '\t');
        if (chart_key(c, c->dat, row) != 0)
            return -1;
        lb_buf_addf(c->dat, "\t%d\t%d\n", i < c->top ? 1 : 0,
                    frontier[i] ? 1 : 0);
    }
    return 0;
}

struct by_size {
    const struct chart *c;
    const struct lb_column *p; /* the parameter column */
};

/* Plotted rows i and j by parameter count (a stable sort keeps rank order
 * among equal counts). */
static int cmp_by_size(size_t i, size_t j, void *ctx)
{
    const struct by_size *s = ctx;
    lb_i128 x = lb_column_num(s->p, s->c->rows[i]);
    lb_i128 y = lb_column_num(s->p, s->c->rows[j]);

    return (x > y) - (x < y);
}

/* frontier[i]: no smaller (or equal, better ranked) model ranks higher
 * than plotted row i. */
static void find_frontier(const struct chart *c, const struct lb_column *p,
                          bool *frontier)
{
    struct by_size ctx = {c, p};
    size_t *order = xcalloc(c->nrows + 1, sizeof *order);
    size_t i, best = LB_NPOS;

    for (i = 0; i < c->nrows; i++)
        order[i] = i;
    lb_sort_indices(order, c->nrows, cmp_by_size, &ctx);
    /* by size; a smaller index ranks higher */
    for (i = 0; i < c->nrows; i++)
        if (best == LB_NPOS || order[i] < best) {
            best = order[i];
            frontier[best] = true;
        }
    free(order);
}

/* set xtics at 1, 2, 5 times the powers of ten within [lo, hi]. */
static void put_log_tics(struct lb_buf *gp, double lo, double hi)
{
    static const double m[] = {1, 2, 5};
    int d, k, n = 0;

    lb_buf_adds(gp, "set xtics (");
    for (d = (int)floor(log10(lo)); d <= (int)ceil(log10(hi)); d++)
        for (k = 0; k < 3; k++) {
            double v = m[k] * pow(10, d);

            if (v < lo || v > hi)
                continue;
            lb_buf_addf(gp, "%s%.6g", n++ ? ", " : "", v);
        }
    lb_buf_adds(gp, ")\n");
}

int chart_size(struct chart *c)
{
    struct lb_buf *gp = c->gp;
    struct lb_buf text = LB_BUF_INIT, t = LB_BUF_INIT;
    size_t pc = lb_chart_params_column(c->t);
    const struct lb_column *p = &c->t->cols[pc];
    size_t i, nlab, *chars, *spot;
    double *px, *py, xmin = HUGE_VAL, xmax = 0, ymin = HUGE_VAL,
                     ymax = -HUGE_VAL, pad;
    struct size_geom g;
    bool *frontier;
    int rc = 0;

    c->nrows = chart_rows_with_params(c->b, pc, c->rows);
    nlab = c->top < c->nrows ? c->top : c->nrows;
    c->top = nlab;
    frontier = xcalloc(c->nrows + 1, sizeof *frontier);
    find_frontier(c, p, frontier);

    /* the ranges: the points, with room for labels on the right */
    for (i = 0; i < c->nrows; i++) {
        double x = chart_score_double(c, pc, c->rows[i]);
        double y = chart_key_double(c, c->rows[i]);

        xmin = fmin(xmin, x);
        xmax = fmax(xmax, x);
        ymin = fmin(ymin, y);
        ymax = fmax(ymax, y);
    }
    xmin /= 1.6;
    xmax *= 2.2;
    pad = (ymax - ymin) * 0.06 + 1;
    g.lx0 = log10(xmin);
    g.lx1 = log10(xmax);
    g.y0 = floor((ymin - pad) / 5) * 5;
    g.y1 = ceil((ymax + pad) / 5) * 5;
    if (ymin >= 0 && g.y0 < 0)
        g.y0 = 0;
    g.px0 = SIZE_L * SIZE_W;
    g.px1 = SIZE_R * SIZE_W;
    g.py0 = SIZE_B * SIZE_H;
    g.py1 = SIZE_T * SIZE_H;

    /* the labels' places */
    px = xcalloc(c->nrows + 1, sizeof *px);
    py = xcalloc(c->nrows + 1, sizeof *py);
    chars = xcalloc(nlab + 1, sizeof *chars);
    spot = xcalloc(nlab + 1, sizeof *spot);
    for (i = 0; i < c->nrows; i++) {
        px[i] = gx(&g, chart_score_double(c, pc, c->rows[i]));
        py[i] = gy(&g, chart_key_double(c, c->rows[i]));
    }
    for (i = 0; i < nlab; i++) {
        size_t len;
        const char *m = lb_table_model(c->t, c->rows[i], &len);

        chars[i] = chart_text_width(m, len, LABEL_CHARS);
    }
    place_labels(&g, px, py, c->nrows, chars, nlab, spot);

    chart_preamble(c, "the ranking's value against the parameter count",
                 SIZE_W, SIZE_H);
    chart_what(c, &text, true);
    lb_buf_adds(&text, " against ");
    chart_user(&text, p->name, AXIS_LABEL_CHARS);
    lb_buf_addf(&text, "\n%zu ranked model%s with a ", c->nrows,
                c->nrows == 1 ? "" : "s");
    chart_user(&text, p->name, AXIS_LABEL_CHARS);
    lb_buf_addf(&text, " value, the top %zu labelled; ringed: no smaller "
                       "model ranks higher",
                nlab);
    chart_title(c, &text, chart_title_chars(g.px0, g.px1, SIZE_W));
    lb_buf_addf(gp,
                "set lmargin at screen %.2f\n"
                "set rmargin at screen %.2f\n"
                "set bmargin at screen %.2f\n"
                "set tmargin at screen %.2f\n"
                "set logscale x 10\n"
                "set xrange [%.6g:%.6g]\n"
                "set yrange [%.6g:%.6g]\n",
                SIZE_L, SIZE_R, SIZE_B, SIZE_T, xmin, xmax, g.y0, g.y1);
    put_log_tics(gp, xmin, xmax);
    lb_buf_adds(gp, "set grid xtics ytics\nunset key\nset xlabel ");
    lb_buf_reset(&t);
    lb_gp_text(&t, p->name, strlen(p->name), AXIS_LABEL_CHARS);
    lb_buf_adds(&t, " (log scale)");
    lb_gp_quote(gp, lb_buf_str(&t), t.len, LB_GP_TEXT);
    lb_buf_adds(gp, "\nset ylabel ");
    lb_buf_reset(&t);
    chart_axis_what(c, &t);
    chart_label(gp, lb_buf_str(&t), t.len, 60);
    lb_buf_addc(gp, '\n');
    for (i = 0; i < nlab && rc == 0; i++) {
        size_t row = c->rows[i], len;
        struct spot k = spot_at(spot[i]);
        const char *m = lb_table_model(c->t, row, &len);
        struct lb_buf at = LB_BUF_INIT;

        lb_buf_adds(&at, "at first ");
        rc = chart_coord(c, &at, lb_column_num(p, row), 1, p->scale, row);
        lb_buf_adds(&at, ", first ");
        if (rc == 0)
            rc = chart_key(c, &at, row);
        lb_buf_addf(gp, "set label %zu ", i + 1);
        chart_label(gp, m, len, LABEL_CHARS);
        lb_buf_addf(gp, " %s %s offset screen %.4f, screen %.4f front\n",
                    lb_buf_str(&at),
                    k.align > 0   ? "left"
                    : k.align < 0 ? "right"
                                  : "center",
                    k.dx / SIZE_W, k.dy / SIZE_H);
        if (fabs(k.dy) >= LEADER_DY) {
            /* a line from the point to the label's near end */
            double ex = k.dx > 0 ? k.dx - 3 : k.dx + 3, ey = k.dy;

            lb_buf_addf(gp,
                        "set arrow %zu from %s rto screen %.4f, screen "
                        "%.4f nohead lw 0.8 lc rgb '#888888' back\n",
                        i + 1, lb_buf_str(&at) + 3, ex / SIZE_W,
                        ey / SIZE_H);
        }
        lb_buf_release(&at);
    }
    lb_buf_addf(gp,
                "plot data using 3:($5 > 0 ? NaN : $4) with points pt 7 "
                "ps 0.9 lc rgb '%s', \\\n"
                "     data using 3:($5 > 0 ? $4 : NaN) with points pt 7 "
                "ps 1.2 lc rgb '%s', \\\n"
                "     data using 3:($6 > 0 ? $4 : NaN) with points pt 6 "
                "ps 2.2 lw 1.2 lc rgb '#333333'\n",
                chart_palette[0], chart_palette[1]);
    if (rc == 0)
        rc = write_size_dat(c, pc, frontier);
    free(px);
    free(py);
    free(chars);
    free(spot);
    free(frontier);
    lb_buf_release(&text);
    lb_buf_release(&t);
    return rc;
}

