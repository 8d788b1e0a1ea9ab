/* chart_bars.c: the bar charts ('average', 'benchmarks') and the
 * benchmark profile (a spider chart; grouped bars under 3 benchmarks). */
#include "export/chart_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "core/schema.h"

/* The smallest and largest score plotted (lo > hi: none). */
static void score_range(const struct chart *c, double *lo, double *hi)
{
    (void)chart_in_0_100(c, false, true, lo, hi);
}

/* Grouped bars: a group per plotted row, a bar per benchmark, from zero;
 * dots in their place when the axis does not reach zero. 'text' is the
 * title. */
static void put_grouped_bars(struct chart *c, const struct lb_buf *text,
                             int width)
{
    struct lb_buf *gp = c->gp;
    struct lb_buf t = LB_BUF_INIT;
    const struct lb_selection *sel = &c->b->sel;
    double lo, hi, key_px = 0, tic_px, right, bw;
    struct lb_axis a;
    size_t i, j, len, key_chars = AXIS_LABEL_CHARS;
    const char *m;

    /* the key's names within a third of the canvas */
    if ((width / 3.0 - 70) / CHAR_PX < (double)key_chars)
        key_chars = (width / 3.0 - 70) / CHAR_PX < 8
                        ? 8
                        : (size_t)((width / 3.0 - 70) / CHAR_PX);
    /* room on the right for the key, and for the last model's name, which
     * runs down to the right from its tic */
    for (j = 0; j < sel->nbench; j++) {
        m = c->t->cols[sel->bench[j]].name;
        key_px = fmax(key_px, (double)chart_text_width(m, strlen(m),
                                                 key_chars) *
                                      CHAR_PX +
                                  70);
    }
    /* names slanted down from their tics take about half their width
     * below the plot (at most a fifth of the canvas' height) and the last
     * runs right of it (on a canvas of --size, at most a fifth of its
     * width: gnuplot counts an ellipsis' three bytes as three characters) */
    {
        int h = chart_height(c, 600);

        chart_labels(c, c->nrows,
                     fmin(h / 5.0 / (CHAR_PX * 0.5),
                          c->style->width > 0 ? width * 0.2 / CHAR_PX
                                              : LABEL_CHARS));
    }
    m = chart_model(c, c->rows[c->nrows - 1], &len);
    tic_px = (double)lb_utf8_width(m, len) * CHAR_PX * 0.87 + 10;
    right = width - fmax(key_px, tic_px) - 10;
    if (right < width * 0.4)
        right = width * 0.4;
    score_range(c, &lo, &hi);
    lb_chart_axis(lo, hi, &c->style->range, true,
                  (size_t)(chart_height(c, 600) * 0.6 / 40), &a);
    chart_title(c, text, chart_title_chars(70, right, width));
    bw = 0.9 / (double)(sel->nbench + 1);
    lb_buf_addf(gp,
                "set rmargin at screen %.4f\n"
                "set style fill solid 0.85 border -1\n"
                "set boxwidth %.6g absolute\n",
                right / width, bw);
    chart_put_axis(c, 'y', &a, 0, false);
    lb_buf_addf(gp, "set xrange [-0.6:%zu.6]\n", c->nrows - 1);
    chart_unit(c, &t);
    chart_axis_label(c, "ylabel", &t, c->b->lower_better, &a, true,
                     chart_height(c, 600) * 0.7);
    lb_buf_adds(gp,
                "set grid ytics\n"
                "set key outside right top vertical noreverse\n"
                "set xtics nomirror rotate by -30 left scale 0\n");
    for (i = 0; i < c->nrows; i++) {
        m = chart_model(c, c->rows[i], &len);
        lb_buf_adds(gp, i == 0 ? "set xtics (" : "set xtics add (");
        chart_tic_label(gp, m, len, 0);
        lb_buf_addf(gp, " %zu)\n", i);
    }
    lb_buf_adds(gp, "plot \\\n");
    for (j = 0; j < sel->nbench; j++) {
        const char *name = c->t->cols[sel->bench[j]].name;
        double off = ((double)j - (double)(sel->nbench - 1) / 2) /
                     (double)(sel->nbench + 1);

        lb_buf_addf(gp, "    data using ($1 %c %.6g):%zu %s lt %zu title ",
                    off < -1e-9 ? '-' : '+', fabs(off) < 1e-9 ? 0.0 : fabs(off),
                    j + 5,
                    a.has_zero ? "with boxes" : "with points pt 7 ps 1.1",
                    j % NPALETTE + 1);
        chart_label(gp, name, strlen(name), key_chars);
        lb_buf_adds(gp, j + 1 < sel->nbench ? ", \\\n" : "\n");
    }
    lb_buf_release(&t);
}

#define AVERAGE_W 1000
#define ROW_PX 24      /* a bar's row, by default */
#define MIN_ROW_PX 15  /* a row's least height: tic labels never overlap */
#define FRAME_PX 170   /* title, axis and margins */
#define VALUE_LABEL_PX 70 /* room right of the largest value for its label */

/* Whether the ranking's value is lower-better in words of its own ("mean
 * rank (1 = best)" says it already). */
static bool value_lower_better(const struct lb_board *b)
{
    return b->lower_better && (b->sel.sort_col != LB_NPOS ||
                               b->mean.method != LB_METHOD_MEAN_RANK);
}

/* How many rows fit a canvas 'height' pixels high (at least 1). */
size_t chart_rows_fit(int height)
{
    int n = (height - FRAME_PX) / MIN_ROW_PX;

    return n < 1 ? 1 : (size_t)n;
}

int chart_average(struct chart *c)
{
    struct lb_buf *gp = c->gp;
    struct lb_buf text = LB_BUF_INIT, t = LB_BUF_INIT;
    const struct lb_board *b = c->b;
    bool marked = false, by_mean = b->sel.sort_col == LB_NPOS, dots;
    double lo = HUGE_VAL, hi = -HUGE_VAL, left, right, extra;
    struct lb_axis a;
    size_t i, fit, wanted, outside = 0;
    int width = chart_width(c, AVERAGE_W), height;

    c->nrows = chart_first_rows(b, c->top, MAX_BARS);
    wanted = c->nrows;
    if (c->style->height > 0) {
        fit = chart_rows_fit(c->style->height);
        if (c->nrows > fit)
            c->nrows = fit;
    }
    c->intervals = by_mean && lb_board_has_ci(b);
    for (i = 0; by_mean && i < c->nrows; i++)
        if (lb_aggregate_marked(&b->mean, c->rows[i]))
            marked = true;
    height = FRAME_PX + ROW_PX * (int)c->nrows;
    if (height < 340)
        height = 340;
    height = chart_height(c, height);
    /* the left margin holds "RANK. NAME" (and " *"), at most half the
     * canvas */
    chart_labels(c, c->nrows, (width * 0.5 - 30) / CHAR_PX - (marked ? 8 : 6));
    left = (double)chart_widest_model(c, 6 + (marked ? 2 : 0)) * CHAR_PX + 30;
    right = width - 30;

    /* the value axis: from the values (and their intervals) */
    for (i = 0; i < c->nrows; i++) {
        size_t row = c->rows[i];
        double v = chart_key_double(c, row);

        lo = fmin(lo, v);
        hi = fmax(hi, v);
        if (c->intervals && b->ci.has[row]) {
            lo = fmin(lo, b->ci.lo[row]);
            hi = fmax(hi, b->ci.hi[row]);
        }
    }
    lb_chart_axis(lo, hi, &c->style->range, true,
                  (size_t)((right - left) * 0.8 / 70), &a);
    dots = !a.has_zero;
    for (i = 0; i < c->nrows; i++) {
        double v = chart_key_double(c, c->rows[i]);

        outside += v < a.lo || v > a.hi;
    }
    /* room for the value labels right of the largest value */
    extra = right - left > 2 * VALUE_LABEL_PX
                ? (a.hi - a.lo) * VALUE_LABEL_PX / (right - left - VALUE_LABEL_PX)
                : 0;

    chart_preamble(c,
                   dots ? "the ranking as dots, rank 1 on top"
                        : "the ranking as horizontal bars, rank 1 on top",
                   width, height);
    {
        struct lb_buf what = LB_BUF_INIT;

        chart_what(c, &what, true);
        chart_headline(c, &text, lb_buf_str(&what));
        lb_buf_release(&what);
    }
    if (by_mean) {
        lb_buf_addc(&text, '\n');
        chart_bench_list(c, &text, chart_title_chars(left, right, width));
    }
    lb_buf_addc(&text, '\n');
    chart_count(c, &text, c->nrows);
    if (c->nrows < wanted)
        lb_buf_addf(&text, "\n%zu of the %zu asked for fit in %d pixels",
                    c->nrows, wanted, height);
    if (marked)
        lb_buf_adds(&text, b->mean.method == LB_METHOD_BORDA
                               ? "; * a missing score earns 0 points"
                           : b->opts.missing == LB_MISSING_PARTIAL
                               ? "; * mean of the scores present"
                               : "; * missing scores counted as 0");
    if (c->intervals)
        lb_buf_adds(&text, b->ci.analytic
                               ? "; error bars: 95% interval (1.96 standard "
                                 "errors)"
                               : "; error bars: 95% interval of the draws");
    if (outside > 0)
        lb_buf_addf(&text, "; %zu beyond the axis, not shown", outside);
    chart_title(c, &text, chart_title_chars(left, right, width));

    lb_buf_addf(gp,
                "set lmargin at screen %.4f\n"
                "set rmargin at screen %.4f\n",
                left / width, right / width);
    lb_buf_reset(&t);
    chart_axis_what(c, &t);
    chart_axis_label(c, "xlabel", &t, value_lower_better(b), &a, true,
                     2 * fmin((left + right) / 2, width - (left + right) / 2));
    chart_put_axis(c, 'x', &a, extra, false);
    lb_buf_addf(gp,
                "set yrange [%zu.4:-0.6]\n"
                "set ytics nomirror scale 0\n",
                c->nrows - 1);
    for (i = 0; i < c->nrows; i++) {
        lb_buf_reset(&t);
        chart_rank_text(c, c->rows[i], marked, &t);
        chart_ytic(c, i, &t);
    }
    if (dots)
        /* a dot's place is its value; the light line across guides the
         * eye from the name, it measures nothing */
        lb_buf_addf(gp,
                    "set grid xtics ytics lt 0 lw 0.5 lc rgb '#bbbbbb'\n"
                    "unset key\n"
                    "plot data using 3:1 with points pt 7 ps 1.4 lc rgb "
                    "'%s', \\\n",
                    chart_palette[0]);
    else
        lb_buf_addf(gp,
                    "set grid xtics\n"
                    "set style fill solid 0.85 border -1\n"
                    "unset key\n"
                    "plot data using 3:1:($3 < 0 ? $3 : 0):($3 < 0 ? 0 : "
                    "$3):($1 - 0.38):($1 + 0.38) \\\n"
                    "         with boxxyerror lc rgb '%s', \\\n",
                    chart_palette[0]);
    if (c->intervals) {
        /* the interval's columns follow the value (no scores here) */
        size_t lo_col = 5, hi_col = 6, at_col = 7;

        lb_buf_addf(gp,
                    "     data using 3:1:%zu:%zu with xerrorbars lc rgb "
                    "'#333333' lw 1.2 ps 0, \\\n"
                    "     data using %zu:1:4 with labels left offset char "
                    "0.5,0\n",
                    lo_col, hi_col, at_col);
    } else if (dots) {
        lb_buf_adds(gp, "     data using 3:1:4 with labels left offset char "
                        "1,0\n");
    } else {
        lb_buf_adds(gp, "     data using ($3 < 0 ? 0 : $3):1:4 with labels "
                        "left offset char 0.5,0\n");
    }
    lb_buf_release(&text);
    lb_buf_release(&t);
    return chart_rows_dat(c, false);
}

#define GROUP_MIN_PX 30 /* a group's least width: slanted names never
                             overlap */

int chart_benchmarks(struct chart *c)
{
    struct lb_buf text = LB_BUF_INIT;
    size_t wanted, fit;
    int width;

    c->nrows = chart_first_rows(c->b, c->top, MAX_GROUPS);
    wanted = c->nrows;
    width = 300 + (int)(c->nrows * (c->b->sel.nbench + 1)) * 14;
    if (width < 1000)
        width = 1000;
    width = chart_width(c, width);
    fit = (size_t)(width * 0.55 / GROUP_MIN_PX);
    if (fit < 1)
        fit = 1;
    if (c->nrows > fit)
        c->nrows = fit;
    chart_preamble(c, "the scores of each model, a bar per benchmark", width,
                   chart_height(c, 600));
    chart_headline(c, &text, "Scores by benchmark");
    lb_buf_adds(&text, "\n");
    chart_count(c, &text, c->nrows);
    if (c->nrows < wanted)
        lb_buf_addf(&text, "\n%zu of the %zu asked for fit in %d pixels",
                    c->nrows, wanted, width);
    lb_buf_adds(&text, "\nin rank order by ");
    chart_what(c, &text, false);
    put_grouped_bars(c, &text, width);
    lb_buf_release(&text);
    return chart_rows_dat(c, true);
}

#define PROFILE_W 1000 /* at least */
#define PROFILE_H 700
#define SPIDER_PX 480  /* the spider's width, at least */
#define SPIDER_LABEL_CHARS 24

int chart_profile(struct chart *c)
{
    struct lb_buf *gp = c->gp;
    struct lb_buf text = LB_BUF_INIT, t = LB_BUF_INIT;
    const struct lb_selection *sel = &c->b->sel;
    size_t i, j, n, skipped = 0, want = c->top;
    double lo, hi, left, right, key_px, axis_px = 0;
    int width = PROFILE_W, height = chart_height(c, PROFILE_H);
    struct lb_axis a;
    bool reverse = c->b->lower_better;

    /* the first rows that have every score (a polygon needs them all) */
    if (want > MAX_POLYGONS)
        want = MAX_POLYGONS;
    for (i = 0, n = 0; i < c->b->ranking.n_listed_ranked && n < want; i++) {
        size_t row = c->b->ranking.order[i];

        if (chart_row_complete(c->b, row))
            c->rows[n++] = row;
        else
            skipped++;
    }
    c->nrows = n; /* > 0: lb_chart_check saw a row with every score */
    /* the key on the right ("RANK. NAME" after a sample); on both sides of
     * the spider, room for the labels of axes that point sideways */
    chart_labels(c, c->nrows, c->style->width > 0
                                  ? (c->style->width * 0.3 - 90) / CHAR_PX - 4
                                  : LABEL_CHARS);
    key_px = (double)chart_widest_model(c, 4) * CHAR_PX + 90;
    for (j = 0; j < sel->nbench; j++) {
        const char *name = c->t->cols[sel->bench[j]].name;

        axis_px = fmax(axis_px, (double)chart_text_width(name, strlen(name),
                                                   SPIDER_LABEL_CHARS) *
                                    CHAR_PX * 1.1);
    }
    left = 20 + axis_px + 10;
    if (left + SPIDER_PX + axis_px + 20 + key_px > width)
        width = (int)ceil(left + SPIDER_PX + axis_px + 20 + key_px);
    width = chart_width(c, width);
    if (width - key_px - axis_px - 20 < left + 100)
        key_px = fmax(0, width - axis_px - 20 - left - 100);
    right = width - key_px - axis_px - 20;
    chart_preamble(c, "a spider chart of the top models across the benchmarks",
                   width, height);
    chart_headline(c, &text, "Benchmark profile");
    lb_buf_adds(&text, "\n");
    chart_count(c, &text, n);
    if (skipped > 0)
        lb_buf_adds(&text, " with every score");
    lb_buf_adds(&text, "\nin rank order by ");
    chart_what(c, &text, false);
    /* one scale on every axis, from the scores; lower-better scores run
     * from the rim inwards, so that outwards is better on every board */
    score_range(c, &lo, &hi);
    lb_chart_axis(lo, hi, &c->style->range, true,
                  (size_t)(fmin(right - left, height) * 0.4 / 30), &a);
    lb_buf_addf(&text, "\ncentre %.6g, rim %.6g", reverse ? a.hi : a.lo,
                reverse ? a.lo : a.hi);
    if (reverse)
        lb_buf_adds(&text, " (lower is better: outwards is better)");
    chart_title(c, &text, chart_title_chars(left, right, width));
    lo = reverse ? a.hi : a.lo;
    hi = reverse ? a.lo : a.hi;
    lb_buf_addf(gp,
                "set spiderplot\n"
                "set style spiderplot fillstyle transparent solid 0.05 "
                "border lw 1.5 pointtype 7 pointsize 0.8\n"
                "set for [p=1:%zu] paxis p range [%.6g:%.6g]\n"
                "set paxis 1 tics font ',8'\n",
                sel->nbench, lo, hi);
    lb_buf_addf(gp, "set for [p=2:%zu] paxis p tics format ''\n", sel->nbench);
    /* the axes' names as labels, since a paxis label sits centred on the
     * axis' end and a long one runs over it: axis j points at 90 - 360 j / n
     * degrees, its end at distance 1 from the centre (first coordinates) */
    for (j = 0; j < sel->nbench; j++) {
        const char *name = c->t->cols[sel->bench[j]].name;
        double ang = M_PI / 2 - 2 * M_PI * (double)j / (double)sel->nbench;
        double x = 1.07 * cos(ang), y = 1.07 * sin(ang);

        lb_buf_addf(gp, "set label %zu ", j + 1);
        chart_label(gp, name, strlen(name), SPIDER_LABEL_CHARS);
        lb_buf_addf(gp, " at first %.4f, first %.4f %s font ',11' front\n",
                    fabs(x) < 5e-5 ? 0.0 : x, fabs(y) < 5e-5 ? 0.0 : y,
                    x > 0.3 ? "left" : x < -0.3 ? "right" : "center");
    }
    lb_buf_addf(gp,
                "set grid spiderplot\n"
                "set tmargin 8\n"
                "set bmargin 4\n"
                "set lmargin at screen %.4f\n"
                "set rmargin at screen %.4f\n"
                "set key outside right center vertical Left reverse "
                "spacing 1.4\n"
                "set title offset 0,2.2\n",
                left / width, right / width);
    lb_buf_addf(gp, "plot for [c=5:%zu] data using c notitle, \\\n",
                sel->nbench + 4);
    for (i = 0; i < n; i++) {
        lb_buf_reset(&t);
        chart_rank_text(c, c->rows[i], false, &t);
        lb_buf_addf(gp, "     keyentry with spiderplot lt %zu title ", i + 1);
        lb_gp_quote(gp, lb_buf_str(&t), t.len, LB_GP_TEXT);
        lb_buf_adds(gp, i + 1 < n ? ", \\\n" : "\n");
    }
    lb_buf_release(&text);
    lb_buf_release(&t);
    return chart_rows_dat(c, true);
}

