/* chart_bars.c: the bar charts ('average', 'benchmarks') and the
 * benchmark profile (a spider chart; grouped bars under 3 benchmarks). */
#include "export/chart_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Grouped bars: a group per plotted row, a bar per benchmark. Used by the
 * 'benchmarks' chart and by 'profile' under MIN_SPIDER_AXES benchmarks.
 * 'text' is the title. */
static void put_grouped_bars(struct chart *c, const struct lb_buf *text,
                             int width)
{
    struct lb_buf *gp = c->gp;
    const struct lb_selection *sel = &c->b->sel;
    double lo, hi, key_px = 0, tic_px, right;
    size_t i, j, len;
    const char *m;

    /* room on the right for the key, and for the last model's name, which
     * runs down to the right from its tic */
    for (j = 0; j < sel->nbench; j++) {
        m = c->t->cols[sel->bench[j]].name;
        key_px = fmax(key_px, (double)chart_text_width(m, strlen(m),
                                                 AXIS_LABEL_CHARS) *
                                      CHAR_PX +
                                  70);
    }
    m = lb_table_model(c->t, c->rows[c->nrows - 1], &len);
    tic_px = (double)chart_text_width(m, len, LABEL_CHARS) * CHAR_PX * 0.87 + 10;
    right = width - fmax(key_px, tic_px) - 10;
    chart_title(c, text, chart_title_chars(70, right, width));
    lb_buf_addf(gp,
                "set rmargin at screen %.4f\n"
                "set style data histograms\n"
                "set style histogram clustered gap 1\n"
                "set style fill solid 0.85 border -1\n"
                "set boxwidth 0.9 relative\n",
                right / width);
    if (chart_in_0_100(c, false, true, &lo, &hi))
        lb_buf_adds(gp, "set yrange [0:100]\n");
    else
        lb_buf_addf(gp, "set yrange [%s:*]\n", lo < 0 ? "*" : "0");
    lb_buf_addf(gp, "set xrange [-0.6:%zu.6]\n", c->nrows - 1);
    lb_buf_adds(gp,
                "set ylabel 'score'\n"
                "set grid ytics\n"
                "set key outside right top vertical noreverse\n"
                "set xtics nomirror rotate by -30 left scale 0\n");
    for (i = 0; i < c->nrows; i++) {
        m = lb_table_model(c->t, c->rows[i], &len);
        lb_buf_adds(gp, i == 0 ? "set xtics (" : "set xtics add (");
        chart_tic_label(gp, m, len, LABEL_CHARS);
        lb_buf_addf(gp, " %zu)\n", i);
    }
    lb_buf_adds(gp, "plot \\\n");
    for (j = 0; j < sel->nbench; j++) {
        const char *name = c->t->cols[sel->bench[j]].name;

        lb_buf_addf(gp, "    data using %zu title ", j + 5);
        chart_label(gp, name, strlen(name), AXIS_LABEL_CHARS);
        lb_buf_adds(gp, j + 1 < sel->nbench ? ", \\\n" : "\n");
    }
}

#define AVERAGE_W 1000

int chart_average(struct chart *c)
{
    struct lb_buf *gp = c->gp;
    struct lb_buf text = LB_BUF_INIT, t = LB_BUF_INIT;
    const struct lb_board *b = c->b;
    bool marked = false, by_mean = b->sel.sort_col == LB_NPOS;
    double lo, hi, left, right = AVERAGE_W - 30;
    size_t i;
    int height;

    c->nrows = chart_first_rows(b, c->top, MAX_BARS);
    c->intervals = by_mean && lb_board_has_ci(b);
    for (i = 0; by_mean && i < c->nrows; i++)
        if (lb_aggregate_marked(&b->mean, c->rows[i]))
            marked = true;
    height = 170 + 24 * (int)c->nrows;
    if (height < 340)
        height = 340;
    /* the left margin holds "RANK. NAME" (and " *") */
    left = (double)chart_widest_model(c, 6 + (marked ? 2 : 0)) * CHAR_PX + 30;
    chart_preamble(c, "the ranking as horizontal bars, rank 1 on top",
                 AVERAGE_W, height);

    chart_what(c, &text, true);
    if (by_mean) {
        lb_buf_addc(&text, '\n');
        chart_bench_list(c, &text, chart_title_chars(left, right, AVERAGE_W));
    }
    lb_buf_addc(&text, '\n');
    chart_count(c, &text, c->nrows);
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
    chart_title(c, &text, chart_title_chars(left, right, AVERAGE_W));

    lb_buf_addf(gp,
                "set lmargin at screen %.4f\n"
                "set rmargin at screen %.4f\n"
                "set xlabel ",
                left / AVERAGE_W, right / AVERAGE_W);
    chart_axis_what(c, &t);
    chart_label(gp, lb_buf_str(&t), t.len, 60);
    lb_buf_addc(gp, '\n');
    if (by_mean && b->mean.method == LB_METHOD_WIN_RATE)
        lb_buf_adds(gp, "set xrange [0:1.12]\nset xtics 0,0.1,1\n");
    else if (by_mean && b->mean.method == LB_METHOD_MEAN_RANK)
        lb_buf_adds(gp, "set xrange [0:*]\nset offsets 0, graph 0.12, 0, 0\n");
    else if (chart_in_0_100(c, true, false, &lo, &hi))
        lb_buf_addf(gp, "set xrange [0:%d]\nset xtics 0,10,100\n",
                    hi > 88 ? 112 : 100);
    else
        lb_buf_addf(gp, "set xrange [%s:*]\nset offsets 0, graph 0.12, 0, 0\n",
                    lo < 0 ? "*" : "0");
    lb_buf_addf(gp,
                "set yrange [%zu.4:-0.6]\n"
                "set ytics nomirror scale 0\n",
                c->nrows - 1);
    for (i = 0; i < c->nrows; i++) {
        lb_buf_reset(&t);
        chart_rank_text(c, c->rows[i], marked, &t);
        chart_ytic(c, i, &t);
    }
    lb_buf_addf(gp,
                "set grid xtics\n"
                "set style fill solid 0.85 border -1\n"
                "unset key\n"
                "plot data using 3:1:($3 < 0 ? $3 : 0):($3 < 0 ? 0 : $3):"
                "($1 - 0.38):($1 + 0.38) \\\n"
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
    } else {
        lb_buf_adds(gp, "     data using ($3 < 0 ? 0 : $3):1:4 with labels "
                        "left offset char 0.5,0\n");
    }
    lb_buf_release(&text);
    lb_buf_release(&t);
    return chart_rows_dat(c, false);
}

int chart_benchmarks(struct chart *c)
{
    struct lb_buf text = LB_BUF_INIT;
    int width;

    c->nrows = chart_first_rows(c->b, c->top, MAX_GROUPS);
    width = 300 + (int)(c->nrows * (c->b->sel.nbench + 1)) * 14;
    if (width < 1000)
        width = 1000;
    chart_preamble(c, "the scores of each model, a bar per benchmark", width,
                 600);
    lb_buf_adds(&text, "Scores by benchmark: ");
    chart_count(c, &text, c->nrows);
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
    int width = PROFILE_W;
    bool bars = sel->nbench < MIN_SPIDER_AXES;

    /* the first rows that have every score (a polygon needs them all) */
    if (want > MAX_POLYGONS)
        want = MAX_POLYGONS;
    for (i = 0, n = 0; i < c->b->ranking.n_listed_ranked && n < want; i++) {
        size_t row = c->b->ranking.order[i];

        if (bars || chart_row_complete(c->b, row))
            c->rows[n++] = row;
        else
            skipped++;
    }
    c->nrows = n; /* > 0: lb_chart_check saw a row with every score */
    /* the key on the right ("RANK. NAME" after a sample); on both sides of
     * the spider, room for the labels of axes that point sideways */
    key_px = (double)chart_widest_model(c, 4) * CHAR_PX + 90;
    for (j = 0; j < sel->nbench; j++) {
        const char *name = c->t->cols[sel->bench[j]].name;

        axis_px = fmax(axis_px, (double)chart_text_width(name, strlen(name),
                                                   SPIDER_LABEL_CHARS) *
                                    CHAR_PX * 1.1);
    }
    left = 20 + axis_px + 10;
    if (!bars && left + SPIDER_PX + axis_px + 20 + key_px > width)
        width = (int)ceil(left + SPIDER_PX + axis_px + 20 + key_px);
    right = width - key_px - axis_px - 20;
    chart_preamble(c,
                 bars ? "the scores of the top models, a bar per benchmark "
                        "(a spider chart needs 3 benchmarks)"
                      : "a spider chart of the top models across the "
                        "benchmarks",
                 bars ? PROFILE_W : width, PROFILE_H);
    lb_buf_adds(&text, "Benchmark profile: ");
    chart_count(c, &text, n);
    if (skipped > 0)
        lb_buf_adds(&text, " with every score");
    lb_buf_adds(&text, "\nin rank order by ");
    chart_what(c, &text, false);
    if (bars) {
        put_grouped_bars(c, &text, PROFILE_W);
        goto out;
    }

    chart_title(c, &text, chart_title_chars(left, right, width));
    if (chart_in_0_100(c, false, true, &lo, &hi)) {
        lo = 0;
        hi = 100;
    } else {
        lo = lo < 0 ? floor(lo) : 0;
        hi = ceil(hi);
        if (hi <= lo)
            hi = lo + 1;
    }
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
        double a = M_PI / 2 - 2 * M_PI * (double)j / (double)sel->nbench;
        double x = 1.07 * cos(a), y = 1.07 * sin(a);

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
out:
    lb_buf_release(&text);
    lb_buf_release(&t);
    return chart_rows_dat(c, true);
}

