/* chart_ranks.c: each model's 95% rank interval from the bootstrap
 * (core/ci.h), rank 1 on top, with its upper-bound rank and P(rank 1). */
#include "export/chart_impl.h"

#include <stdio.h>
#include <string.h>

#define RANKS_W 1000

int chart_ranks(struct chart *c)
{
    struct lb_buf *gp = c->gp;
    struct lb_buf text = LB_BUF_INIT, t = LB_BUF_INIT;
    const struct lb_board *b = c->b;
    const struct lb_ci *ci = &b->ci;
    double left, right;
    size_t i, n = 0, with = 0, maxr = 1, want = c->top;
    int width = chart_width(c, RANKS_W), height;

    right = width - 150;
    if (c->style->height > 0 && want > chart_rows_fit(c->style->height))
        want = chart_rows_fit(c->style->height);
    /* the ranked rows that have intervals, in rank order */
    for (i = 0; i < b->ranking.n_listed_ranked; i++) {
        size_t row = b->ranking.order[i];

        if (!ci->has[row])
            continue;
        with++;
        if (n < want)
            c->rows[n++] = row;
    }
    c->nrows = n; /* > 0: lb_chart_check saw one */
    for (i = 0; i < n; i++)
        if (ci->rank_hi[c->rows[i]] > maxr)
            maxr = ci->rank_hi[c->rows[i]];
    height = 170 + 24 * (int)n;
    if (height < 340)
        height = 340;
    height = chart_height(c, height);
    chart_labels(c, c->nrows, (width * 0.5 - 30) / CHAR_PX - 6);
    left = (double)chart_widest_model(c, 6) * CHAR_PX + 30;
    chart_preamble(c, "each model's 95% rank interval, rank 1 on top",
                   width, height);
    chart_headline(c, &text, "Rank intervals");
    lb_buf_adds(&text, ": ");
    if (n >= with)
        lb_buf_addf(&text, "%s %zu ranked %s%s with intervals",
                    n == 1 ? "the" : "all", n, c->noun, n == 1 ? "" : "s");
    else
        lb_buf_addf(&text, "top %zu of %zu ranked %ss with intervals", n,
                    with, c->noun);
    lb_buf_adds(&text, "\nranked by ");
    chart_what(c, &text, false);
    lb_buf_addf(&text, "\nbar: 95%% of %zu bootstrap draws (seed %llu); dot: "
                       "the rank; ring: upper-bound rank",
                ci->draws, (unsigned long long)ci->seed);
    chart_title(c, &text, chart_title_chars(left, right, width));
    lb_buf_addf(gp,
                "set lmargin at screen %.4f\n"
                "set rmargin at screen %.4f\n"
                "set xlabel 'rank (1 = best)'\n"
                "set xrange [0.5:%zu.5]\n"
                "set yrange [%zu.5:-0.5]\n"
                "set ytics nomirror scale 0\n",
                left / width, right / width, maxr, n - 1);
    if (maxr <= 30)
        lb_buf_adds(gp, "set xtics 1\n");
    for (i = 0; i < n; i++) {
        lb_buf_reset(&t);
        chart_rank_text(c, c->rows[i], false, &t);
        chart_ytic(c, i, &t);
    }
    lb_buf_addf(gp,
                "set grid xtics ytics\n"
                "unset key\n"
                "plot data using 2:1:3:4 with xerrorbars lc rgb '%s' lw 2 "
                "pt 7 ps 1, \\\n"
                "     data using 5:1 with points pt 6 ps 1.8 lc rgb '#333333', "
                "\\\n"
                "     data using 4:1:($6 > 0 ? sprintf('P(rank 1) %%.3f', $6) "
                ": '') with labels left offset char 1,0\n",
                chart_palette[0]);
    lb_buf_adds(c->dat,
                "# ranks.dat: data of ranks.gp, written by 'leaderboard plot'\n"
                "# one line per ranked model with intervals, in rank order: "
                "row index, rank,\n"
                "# the rank's 95% interval (low, high), the upper-bound rank, "
                "P(rank 1)\n"
                "# row\trank\trank_low\trank_high\trank_ub\tp_rank1\n");
    for (i = 0; i < n; i++) {
        size_t row = c->rows[i];
        lb_i128 q;
        char buf[LB_DEC_BUFSIZE];

        lb_buf_addf(c->dat, "%zu\t", i);
        chart_rank(c->dat, b->ranking.rank2[row]);
        (void)lb_dec_round(ci->first[row], (uint32_t)ci->draws, 0, 6, &q);
        lb_dec_format(buf, q, 6);
        lb_buf_addf(c->dat, "\t%u\t%u\t%u\t%s\n", ci->rank_lo[row],
                    ci->rank_hi[row], ci->rank_ub[row], buf);
    }
    lb_buf_release(&text);
    lb_buf_release(&t);
    return 0;
}

