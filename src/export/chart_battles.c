/* chart_battles.c: the charts of votes (core/battles.h): the ratings with
 * their intervals, rank 1 on top (as Chatbot Arena shows them), and two
 * heatmaps of the first models against each other, the observed win rates
 * and the votes. */
#include "export/chart_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"

#define RATINGS_W 1000
#define HEAT_LABELS_MAX 24 /* more models: the cells are too small for text */
#define HEAT_MIN_W 600
#define HEAT_MIN_CELL 14 /* a cell's least size: names never overlap */

/* {======================================================================
 * Words
 * ======================================================================= */


/* The widest name among the first n plotted models, in characters. */
static size_t widest(const struct chart *c, size_t n, size_t extra)
{
    size_t i, w = 0;

    for (i = 0; i < n; i++) {
        size_t len, k;
        const char *m = chart_model(c, c->rows[i], &len);

        k = lb_utf8_width(m, len) + extra;
        w = k > w ? k : w;
    }
    return w;
}

/* "Bradley-Terry ratings", "Online Elo ratings" or "Win rates". */
static const char *what(const struct lb_battles *b)
{
    switch (b->opts.method) {
    case LB_BATTLES_ELO:
        return "Online Elo ratings";
    case LB_BATTLES_WIN_RATE:
        return "Win rates";
    default:
        return "Bradley-Terry ratings";
    }
}

/* n with its thousands grouped: "1,000,000". */
static void grouped(struct lb_buf *out, uint64_t n)
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n), i;

    for (i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            lb_buf_addc(out, ',');
        lb_buf_addc(out, digits[i]);
    }
}

/* "all 5 rated models" or "the first 20 of 150 rated models", and the
 * votes. */
static void how_many(const struct chart *c, size_t shown, struct lb_buf *out)
{
    const struct lb_battles *b = c->bt;
    size_t n = b->ranking.n_listed_ranked;
    const char *rated = b->opts.method == LB_BATTLES_WIN_RATE ? "" : "rated ";

    if (shown >= n)
        lb_buf_addf(out, "%s %zu %smodel%s", n == 1 ? "the" : "all", n, rated,
                    n == 1 ? "" : "s");
    else
        lb_buf_addf(out, "the first %zu of %zu %smodels", shown, n, rated);
    lb_buf_adds(out, ", from ");
    grouped(out, b->data->votes);
    lb_buf_adds(out, b->data->votes == 1 ? " vote" : " votes");
}

/* }====================================================================== */

/* {======================================================================
 * Ratings
 * ======================================================================= */

int chart_ratings(struct chart *c)
{
    const struct lb_battles *b = c->bt;
    const struct lb_ranking *k = &b->ranking;
    struct lb_buf *gp = c->gp;
    struct lb_buf text = LB_BUF_INIT, t = LB_BUF_INIT;
    size_t n = c->top < c->nrows ? c->top : c->nrows, i;
    double left, right, lo = HUGE_VAL, hi = -HUGE_VAL, extra;
    unsigned p = b->opts.rank.precision;
    bool bars;
    int width = chart_width(c, RATINGS_W), height;
    struct lb_axis a;
    size_t outside = 0;

    /* the first N and those tied with the last of them */
    while (n > 0 && n < c->nrows &&
           k->rank2[c->rows[n]] == k->rank2[c->rows[n - 1]])
        n++;
    if (n > MAX_BARS)
        n = MAX_BARS;
    if (c->style->height > 0 && n > chart_rows_fit(c->style->height))
        n = chart_rows_fit(c->style->height);
    c->nrows = n;
    right = width - 40;
    bars = b->intervals;
    height = 170 + 24 * (int)n;
    if (height < 340)
        height = 340;
    height = chart_height(c, height);
    chart_labels(c, c->nrows, (width * 0.5 - 30) / CHAR_PX - 6);
    left = (double)widest(c, n, 6) * CHAR_PX + 30;
    /* the axis: from the ratings and their intervals */
    for (i = 0; i < n; i++) {
        size_t row = c->rows[i];

        lo = fmin(lo, b->value[row]);
        hi = fmax(hi, b->value[row]);
        if (bars && b->has[row]) {
            lo = fmin(lo, b->lo[row]);
            hi = fmax(hi, b->hi[row]);
        }
    }
    lb_chart_axis(lo, hi, &c->style->range, false,
                  (size_t)((right - left) * 0.8 / 70), &a);
    for (i = 0; i < n; i++)
        outside += b->value[c->rows[i]] < a.lo || b->value[c->rows[i]] > a.hi;
    extra = right - left > 140 ? (a.hi - a.lo) * 70 / (right - left - 70) : 0;
    chart_preamble(c, "each model's rating from the votes, rank 1 on top",
                   width, height);
    chart_headline(c, &text, what(b));
    lb_buf_adds(&text, ": ");
    how_many(c, n, &text);
    if (bars && b->opts.ci == LB_BATTLES_CI_SANDWICH)
        lb_buf_adds(&text, "\nbars: 95% interval, +- 1.96 standard errors "
                           "(sandwich)");
    else if (bars)
        lb_buf_addf(&text, "\nbars: 95%% interval over %zu bootstrap rounds "
                           "(seed %llu)",
                    b->rounds_used, (unsigned long long)b->opts.seed);
    if (outside > 0)
        lb_buf_addf(&text, "; %zu beyond the axis, not shown", outside);
    chart_title(c, &text, chart_title_chars(left, right, width));
    lb_buf_addf(gp,
                "set lmargin at screen %.4f\n"
                "set rmargin at screen %.4f\n"
                "set yrange [%zu.5:-0.5]\n"
                "set ytics nomirror scale 0\n",
                left / width, right / width, n - 1);
    lb_buf_addf(gp, "set xlabel '%s'\n",
                b->opts.method == LB_BATTLES_WIN_RATE
                    ? "win rate (points over votes, a tie 1/2)"
                : b->opts.method == LB_BATTLES_ELO
                    ? "Elo rating (online, K and order as given)"
                    : "rating: 400 log10(strength) + 1000 on average");
    chart_put_axis(c, 'x', &a, extra, false);
    for (i = 0; i < n; i++) {
        size_t len;
        const char *m = chart_model(c, c->rows[i], &len);

        lb_buf_reset(&t);
        chart_rank(&t, k->rank2[c->rows[i]]);
        lb_buf_adds(&t, ". ");
        lb_buf_add(&t, m, len);
        chart_ytic(c, i, &t);
    }
    lb_buf_adds(gp, "set grid xtics ytics\nunset key\nplot ");
    if (bars)
        lb_buf_addf(gp, "data using 3:1:4:5 with xerrorbars lc rgb '%s' lw 2 "
                        "pt 7 ps 1.1, \\\n     ",
                    chart_palette[0]);
    else
        lb_buf_addf(gp, "data using 3:1 with points lc rgb '%s' pt 7 ps 1.3, "
                        "\\\n     ",
                    chart_palette[0]);
    /* the value after the point or the interval: %.Nf, N of ours */
    lb_buf_addf(gp, "data using 6:1:(sprintf('%%.%uf', $3)) with labels left "
                    "offset char 1,0\n",
                p);
    lb_buf_adds(c->dat,
                "# ratings.dat: data of ratings.gp, written by 'leaderboard'\n"
                "# one line per rated model, in rank order: row index, rank, "
                "the rating, its\n"
                "# 95% interval (low, high; NaN: none), where its label "
                "starts\n"
                "# row\trank\trating\tci_low\tci_high\tlabel_at\n");
    for (i = 0; i < n; i++) {
        size_t row = c->rows[i];
        double v = b->value[row], end = v;
        bool has = bars && b->has[row];

        lb_buf_addf(c->dat, "%zu\t", i);
        chart_rank(c->dat, k->rank2[row]);
        lb_buf_addc(c->dat, '\t');
        chart_double(c->dat, v);
        lb_buf_addc(c->dat, '\t');
        chart_double(c->dat, has ? b->lo[row] : NAN);
        lb_buf_addc(c->dat, '\t');
        chart_double(c->dat, has ? b->hi[row] : NAN);
        lb_buf_addc(c->dat, '\t');
        if (has && b->hi[row] > end)
            end = b->hi[row];
        chart_double(c->dat, end);
        lb_buf_addc(c->dat, '\n');
    }
    lb_buf_release(&text);
    lb_buf_release(&t);
    return 0;
}

/* }====================================================================== */

/* {======================================================================
 * Heatmaps
 * ======================================================================= */

/* A heatmap of the first models against each other: the observed win
 * rates, or the votes. */
static int heatmap(struct chart *c, bool counts)
{
    const struct lb_battles *b = c->bt;
    const struct lb_battles_data *d = b->data;
    struct lb_buf *gp = c->gp;
    struct lb_buf text = LB_BUF_INIT, t = LB_BUF_INIT;
    size_t n = c->top < c->nrows ? c->top : c->nrows, i, j, wname;
    double cell, left, right, top = 110, bottom, most = 0;
    int width, height;

    c->nrows = n;
    chart_labels(c, n, LABEL_CHARS);
    cell = n <= 12 ? 44 : n <= HEAT_LABELS_MAX ? 36 : 20;
    wname = widest(c, n, 0);
    left = (double)(wname + 4) * CHAR_PX + 20;
    bottom = (double)wname * CHAR_PX * 0.62 + 34;
    width = (int)(left + (double)n * cell + 120);
    height = (int)(top + (double)n * cell + bottom);
    if (c->style->width > 0 || c->style->height > 0) {
        /* the canvas asked for: cells that fill it (each side not asked for
         * follows), as many models as fit with names that do not overlap */
        double avail_w = c->style->width > 0 ? c->style->width - left - 120
                                             : HUGE_VAL;
        double avail_h = c->style->height > 0 ? c->style->height - top - bottom
                                              : HUGE_VAL;
        double avail = fmin(avail_w, avail_h);

        if (avail < 2 * HEAT_MIN_CELL)
            avail = 2 * HEAT_MIN_CELL;
        if ((double)n * HEAT_MIN_CELL > avail)
            n = (size_t)(avail / HEAT_MIN_CELL);
        c->nrows = n;
        cell = fmin(avail / (double)n, 60);
        width = chart_width(c, (int)(left + (double)n * cell + 120));
        height = chart_height(c, (int)(top + (double)n * cell + bottom));
    } else if (width < HEAT_MIN_W) {
        /* a narrow heatmap: centred under the title */
        left += (HEAT_MIN_W - width) / 2;
        width = HEAT_MIN_W;
    }
    right = left + (double)n * cell;
    chart_preamble(c, counts ? "the votes between each two models, a heatmap"
                             : "the observed win rate of each model against "
                               "each, a heatmap",
                   width, height);
    chart_headline(c, &text, counts ? "Votes between the row's model and the "
                                      "column's"
                                    : "Win rate of the row's model against "
                                      "the column's");
    lb_buf_adds(&text, "\n");
    how_many(c, n, &text);
    lb_buf_adds(&text, counts ? "\nblank: no votes" : "\na tie counts 1/2; "
                                                      "blank: no votes");
    chart_title(c, &text, chart_title_chars(left, right, width));
    lb_buf_addf(gp,
                "set lmargin at screen %.4f\n"
                "set rmargin at screen %.4f\n"
                "set tmargin at screen %.4f\n"
                "set bmargin at screen %.4f\n"
                "set xrange [-0.5:%zu.5]\n"
                "set yrange [%zu.5:-0.5]\n"
                "set xtics rotate by 45 right nomirror scale 0\n"
                "set ytics nomirror scale 0\n"
                "unset key\n"
                "set colorbox user origin screen %.4f, screen %.4f size "
                "screen 0.025, screen %.4f\n",
                left / width, right / width, 1 - top / height,
                bottom / height, n - 1, n - 1, (right + 18) / width,
                bottom / height, (double)n * cell / height);
    for (i = 0; i < n; i++) {
        size_t len;
        const char *m = chart_model(c, c->rows[i], &len);

        lb_buf_reset(&t);
        lb_buf_add(&t, m, len);
        lb_buf_adds(gp, i == 0 ? "set xtics (" : "set xtics add (");
        lb_gp_quote(gp, lb_buf_str(&t), t.len, LB_GP_FORMAT);
        lb_buf_addf(gp, " %zu)\n", i);
        lb_buf_reset(&t);
        chart_rank(&t, b->ranking.rank2[c->rows[i]]);
        lb_buf_adds(&t, ". ");
        lb_buf_add(&t, m, len);
        chart_ytic(c, i, &t);
    }
    lb_buf_addf(c->dat,
                "# %s.dat: data of %s.gp, written by 'leaderboard'\n"
                "# one line per cell, row by row in rank order: the column "
                "(opponent) index,\n"
                "# the row index, the %s (NaN: none), whether it has one\n"
                "# column\trow\tvalue\tshown\n",
                c->name, c->name,
                counts ? "votes between the two"
                       : "row's points over their votes");
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            bool flip;
            const struct lb_battle_pair *p =
                lb_battles_pair(d, c->rows[i], c->rows[j], &flip);
            uint64_t votes = p != NULL ? p->n[0] + p->n[1] + p->n[2] : 0;
            double v = NAN;

            if (i != j && votes > 0)
                v = counts ? (double)votes
                           : ((double)p->n[flip ? 2 : 0] +
                              0.5 * (double)p->n[1]) / (double)votes;
            if (counts && !isnan(v) && v > most)
                most = v;
            lb_buf_addf(c->dat, "%zu\t%zu\t", j, i);
            chart_double(c->dat, v);
            lb_buf_addf(c->dat, "\t%d\n", !isnan(v));
        }
    if (counts)
        lb_buf_addf(gp,
                    "set palette defined (0 '#f7f7f7', 1 '%s')\n"
                    "set cbrange [0:%.0f]\n"
                    "set cblabel 'votes'\n"
                    "%s",
                    chart_palette[0], most > 0 ? most : 1,
                    most <= 10 ? "set cbtics 1\n" : "");
    else
        lb_buf_addf(gp,
                    "set palette defined (0 '%s', 0.5 '#f7f7f7', 1 '%s')\n"
                    "set cbrange [0:1]\n"
                    "set cblabel 'win rate of the row'\n",
                    chart_palette[0], chart_palette[2]);
    /* pixels: each cell a rectangle, crisp in SVG where a browser would
     * smooth a bitmap */
    lb_buf_adds(gp, "plot data using 1:2:3 with image pixels");
    if (n <= HEAT_LABELS_MAX)
        lb_buf_addf(gp, ", \\\n     data using 1:2:($4 > 0 ? sprintf('%s', $3) "
                        ": '') with labels font ',%d'",
                    counts ? "%.0f" : "%.2f", n <= 12 ? 9 : 8);
    lb_buf_addc(gp, '\n');
    lb_buf_release(&text);
    lb_buf_release(&t);
    return 0;
}

int chart_win_rate(struct chart *c)
{
    return heatmap(c, false);
}

int chart_counts(struct chart *c)
{
    return heatmap(c, true);
}

/* }====================================================================== */
