/* chart_size.c: the ranking's value against the parameter count, on a
 * log scale, with the best models labelled where their labels overlap
 * least. */
#include "export/chart_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sort.h"
#include "base/utf8.h"
#include "core/schema.h"
#include "base/xalloc.h"

/* The canvas and the plot area (in fractions of the canvas), so that
 * label positions can be computed here. */
#define SIZE_W 1000
#define SIZE_H 640
#define SIZE_L 0.08
#define SIZE_R 0.97
#define SIZE_B 0.10
#define SIZE_T 0.86

struct size_geom {
    double lx0, lx1; /* log10 of the x range */
    double y0, y1;   /* the y range, the best value at the top */
    double px0, px1; /* plot area in pixels, x */
    double py0, py1; /* plot area in pixels, y up */
};

/* Decimals that write a margin exactly enough: 2 for the defaults (0.08),
 * 4 otherwise. */
static int margin_decimals(double m)
{
    return fabs(m * 100 - floor(m * 100 + 0.5)) < 1e-9 ? 2 : 4;
}

static double gx(const struct size_geom *g, double x)
{
    return g->px0 + (log10(x) - g->lx0) / (g->lx1 - g->lx0) * (g->px1 - g->px0);
}

static double gy(const struct size_geom *g, double y)
{
    return g->py0 + (y - g->y0) / (g->y1 - g->y0) * (g->py1 - g->py0);
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
    size_t pc;
    const struct lb_column *p;
    size_t i, nlab, *spot, left_out, outside = 0;
    double *px, *py, *w, xmin = HUGE_VAL, xmax = 0, ymin = HUGE_VAL,
                         ymax = -HUGE_VAL;
    struct size_geom g;
    struct lb_axis a;
    struct lb_box area;
    double ml, mb, mt; /* the plot area's left, bottom, top (fractions) */
    bool *frontier, reverse = c->b->lower_better;
    int rc = 0, width = chart_width(c, SIZE_W), height = chart_height(c, SIZE_H);

    /* the margins, in pixels at least: the tics and the axis labels (60
     * and 50), three lines of title (69) */
    ml = fmax(SIZE_L, 60.0 / width);
    mb = fmax(SIZE_B, 50.0 / height);
    mt = fmin(SIZE_T, 1 - 69.0 / height);
    /* lb_chart_check found it */
    (void)lb_chart_size_column(c->t, c->style, &pc, NULL);
    p = &c->t->cols[pc];

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
    lb_chart_axis(ymin, ymax, &c->style->range, false,
                  (size_t)(height * (mt - mb) / 40), &a);
    g.lx0 = log10(xmin);
    g.lx1 = log10(xmax);
    /* the best value at the top */
    g.y0 = reverse ? a.hi : a.lo;
    g.y1 = reverse ? a.lo : a.hi;
    g.px0 = ml * width;
    g.px1 = SIZE_R * width;
    g.py0 = mb * height;
    g.py1 = mt * height;

    /* the labels' places: never over one another; left out otherwise */
    px = xcalloc(c->nrows + 1, sizeof *px);
    py = xcalloc(c->nrows + 1, sizeof *py);
    w = xcalloc(nlab + 1, sizeof *w);
    spot = xcalloc(nlab + 1, sizeof *spot);
    for (i = 0; i < c->nrows; i++) {
        double y = chart_key_double(c, c->rows[i]);

        px[i] = gx(&g, chart_score_double(c, pc, c->rows[i]));
        py[i] = gy(&g, y);
        outside += y < a.lo || y > a.hi;
    }
    chart_labels(c, nlab, LABEL_CHARS);
    for (i = 0; i < nlab; i++) {
        size_t len;
        const char *m = chart_model(c, c->rows[i], &len);

        w[i] = (double)lb_utf8_width(m, len) * CHAR_PX + 2;
    }
    area.x0 = g.px0;
    area.x1 = g.px1;
    area.y0 = g.py0;
    area.y1 = g.py1;
    left_out = lb_chart_place_labels(&area, px, py, c->nrows, w, LINE_PX, nlab,
                                     spot);

    chart_preamble(c, "the ranking's value against the parameter count",
                   width, height);
    {
        struct lb_buf what = LB_BUF_INIT;

        chart_what(c, &what, true);
        lb_buf_adds(&what, " against ");
        chart_user(&what, p->name, AXIS_LABEL_CHARS);
        chart_headline(c, &text, lb_buf_str(&what));
        lb_buf_release(&what);
    }
    lb_buf_addf(&text, "\n%zu ranked %s%s with a ", c->nrows, c->noun,
                c->nrows == 1 ? "" : "s");
    chart_user(&text, p->name, AXIS_LABEL_CHARS);
    lb_buf_addf(&text, " value, the top %zu labelled", nlab);
    lb_buf_adds(&text, "; ringed: no smaller model ranks higher");
    /* what is missing, on a line of its own: a narrow title cuts lines */
    if (left_out > 0 || outside > 0)
        lb_buf_addc(&text, '\n');
    if (left_out > 0)
        lb_buf_addf(&text, "%zu label%s left out (no room)", left_out,
                    left_out == 1 ? "" : "s");
    if (outside > 0)
        lb_buf_addf(&text, "%s%zu beyond the axis, not shown",
                    left_out > 0 ? "; " : "", outside);
    chart_title(c, &text, chart_title_chars(g.px0, g.px1, width));
    lb_buf_addf(gp,
                "set lmargin at screen %.*f\n"
                "set rmargin at screen %.2f\n"
                "set bmargin at screen %.*f\n"
                "set tmargin at screen %.*f\n"
                "set logscale x 10\n"
                "set xrange [%.6g:%.6g]\n",
                margin_decimals(ml), ml, SIZE_R, margin_decimals(mb), mb,
                margin_decimals(mt), mt, xmin, xmax);
    chart_put_axis(c, 'y', &a, 0, reverse);
    put_log_tics(gp, xmin, xmax);
    lb_buf_adds(gp, "set grid xtics ytics\nunset key\nset xlabel ");
    lb_buf_reset(&t);
    {
        const struct lb_field *f = c->t->schema != NULL &&
                                           pc < c->t->schema->nfields
                                       ? &c->t->schema->fields[pc]
                                       : NULL;
        const char *xname = f != NULL && f->title != NULL ? f->title : p->name;

        lb_gp_text(&t, xname, strlen(xname), AXIS_LABEL_CHARS);
    }
    lb_buf_adds(&t, " (log scale)");
    lb_gp_quote(gp, lb_buf_str(&t), t.len, LB_GP_TEXT);
    lb_buf_addc(gp, '\n');
    lb_buf_reset(&t);
    chart_axis_what(c, &t);
    if (reverse)
        lb_buf_adds(&t, ", lower is better (best at the top)");
    lb_buf_adds(gp, "set ylabel ");
    lb_gp_quote(gp, lb_buf_str(&t), t.len, LB_GP_TEXT);
    lb_buf_addc(gp, '\n');
    for (i = 0; i < nlab && rc == 0; i++) {
        size_t row = c->rows[i], len;
        struct lb_spot k;
        const char *m = chart_model(c, row, &len);
        struct lb_buf at = LB_BUF_INIT;

        if (spot[i] == LB_NPOS)
            continue;
        k = lb_chart_spot(spot[i]);
        lb_buf_adds(&at, "at first ");
        rc = chart_coord(c, &at, lb_column_num(p, row), 1, p->scale, row);
        lb_buf_adds(&at, ", first ");
        if (rc == 0)
            rc = chart_key(c, &at, row);
        lb_buf_addf(gp, "set label %zu ", i + 1);
        chart_label(gp, m, len, 0);
        lb_buf_addf(gp, " %s %s offset screen %.4f, screen %.4f front\n",
                    lb_buf_str(&at),
                    k.align > 0   ? "left"
                    : k.align < 0 ? "right"
                                  : "center",
                    k.dx / width, k.dy / height);
        if (fabs(k.dy) >= LB_LEADER_DY) {
            /* a line from the point to the label's near end */
            double ex = k.dx > 0 ? k.dx - 3 : k.dx + 3, ey = k.dy;

            lb_buf_addf(gp,
                        "set arrow %zu from %s rto screen %.4f, screen "
                        "%.4f nohead lw 0.8 lc rgb '#888888' back\n",
                        i + 1, lb_buf_str(&at) + 3, ex / width,
                        ey / height);
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
    free(w);
    free(spot);
    free(frontier);
    lb_buf_release(&text);
    lb_buf_release(&t);
    return rc;
}

