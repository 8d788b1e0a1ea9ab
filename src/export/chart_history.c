/* chart_history.c: a board's ranks over time (see chart_history.h). */
#include "export/chart_history.h"

#include <string.h>

#include "export/chart_impl.h"
#include "export/ranking_words.h"

#define HISTORY_W 1100
#define SNAP_LABEL_CHARS 24 /* longest snapshot label on the x axis */

/* The models drawn: the first 'want' ranked in the last snapshot, in its
 * order (history.h: the models of the last snapshot come first, in its
 * order). */
static size_t pick(const struct lb_history *h, size_t want, size_t *out)
{
    size_t m, n = 0;

    for (m = 0; m < h->nm && n < want; m++)
        if (h->rank2[m * h->ns + h->ns - 1] != 0)
            out[n++] = m;
    return n;
}

static void data(struct chart *c, const struct lb_history *h,
                 const size_t *models, size_t n)
{
    size_t s, k;

    lb_buf_adds(c->dat, "# snapshot");
    for (k = 0; k < n; k++)
        lb_buf_addf(c->dat, "\trank_%zu", k + 1);
    lb_buf_addc(c->dat, '\n');
    for (s = 0; s < h->ns; s++) {
        lb_buf_addf(c->dat, "%zu", s);
        for (k = 0; k < n; k++) {
            uint32_t r = h->rank2[models[k] * h->ns + s];

            lb_buf_addc(c->dat, '\t');
            if (r == 0)
                lb_buf_adds(c->dat, "NaN");
            else
                chart_rank(c->dat, r);
        }
        lb_buf_addc(c->dat, '\n');
    }
}

/* A model's name in the key, with its precision when that is part of the
 * key (two rows of one model are two lines); raw user text. */
static void model_label(const struct lb_history *h, size_t m,
                        struct lb_buf *out)
{
    size_t len;
    const char *s = lb_history_model_name(h, m, &len);

    lb_buf_add(out, s, len);
    s = lb_history_model_precision(h, m, &len);
    if (s != NULL && len > 0) {
        lb_buf_adds(out, " (");
        lb_buf_add(out, s, len);
        lb_buf_addc(out, ')');
    }
}

/* The largest rank drawn, rounded up. */
static size_t max_rank(const struct lb_history *h, const size_t *models,
                       size_t n)
{
    size_t s, k, hi = 1;

    for (k = 0; k < n; k++)
        for (s = 0; s < h->ns; s++) {
            uint32_t r = h->rank2[models[k] * h->ns + s];

            if ((r + 1) / 2 > hi)
                hi = (r + 1) / 2;
        }
    return hi;
}

int lb_chart_write_history(const struct lb_history *h,
                           const char *const *labels,
                           const struct lb_chart_opts *o, struct lb_buf *gp,
                           struct lb_buf *dat, struct lb_error *err)
{
    struct chart c;
    struct lb_buf text = LB_BUF_INIT, phrase = LB_BUF_INIT;
    size_t want = o->top > 0 ? o->top : LB_HISTORY_CHART_TOP;
    size_t models[LB_HISTORY_CHART_MAX], n, k, s, maxr, widest = 0;
    double left = 70, right;
    int height, width = HISTORY_W;
    bool rotate;

    if (want > LB_HISTORY_CHART_MAX)
        want = LB_HISTORY_CHART_MAX;
    n = pick(h, want, models);
    if (n == 0)
        return lb_error_set(err, "chart 'history': no model is ranked in the "
                                 "last snapshot");
    memset(&c, 0, sizeof c);
    c.name = "history";
    c.term = o->terminal;
    c.ext = lb_terminal_ext(o->terminal);
    c.embed = o->embed;
    c.gp = gp;
    c.dat = dat;
    c.err = err;
    c.style = &o->style; /* --title, --size */
    width = chart_width(&c, width);
    for (k = 0; k < n; k++) {
        struct lb_buf name = LB_BUF_INIT;
        size_t w;

        model_label(h, models[k], &name);
        w = chart_text_width(lb_buf_str(&name), name.len, LABEL_CHARS);
        widest = w > widest ? w : widest;
        lb_buf_release(&name);
    }
    right = width - ((double)widest * CHAR_PX + 60);
    if (right < width * 0.55)
        right = width * 0.55;
    maxr = max_rank(h, models, n);
    height = 200 + 22 * (int)(maxr < n ? n : maxr);
    if (height < 450)
        height = 450;
    if (height > 1400)
        height = 1400;
    height = chart_height(&c, height);
    /* long or many labels lean, so that they do not run into each other */
    rotate = h->ns > 1 && (right - left) / (double)h->ns < 9 * CHAR_PX;
    chart_preamble(&c, "the rank of each model in each snapshot, rank 1 on "
                       "top", width,
                   height + (rotate && o->style.height == 0 ? 80 : 0));
    chart_headline(&c, &text, "Rank over time");
    lb_buf_addf(&text, ": the top %zu of the last snapshot, in "
                       "%zu snapshot%s\nranked by ",
                n, h->ns, h->ns == 1 ? "" : "s");
    lb_ranking_value_phrase(h->s[h->ns - 1].b, &phrase, false);
    chart_user(&text, lb_buf_str(&phrase), 200);
    chart_title(&c, &text, chart_title_chars(left, right, width));
    lb_buf_addf(gp,
                "set lmargin at screen %.4f\n"
                "set rmargin at screen %.4f\n"
                "set ylabel 'rank (1 = best)'\n"
                "set yrange [%zu.5:0.5]\n"
                "set xrange [-0.5:%zu.5]\n"
                "set grid ytics\n"
                "set key outside right top vertical noreverse\n",
                left / width, right / width, maxr, h->ns - 1);
    if (maxr <= 40)
        lb_buf_adds(gp, "set ytics 1\n");
    lb_buf_addf(gp, "set xtics nomirror scale 0%s\n",
                rotate ? " rotate by -30 left" : "");
    for (s = 0; s < h->ns; s++) {
        lb_buf_adds(gp, s == 0 ? "set xtics (" : "set xtics add (");
        chart_tic_label(gp, labels[s], strlen(labels[s]), SNAP_LABEL_CHARS);
        lb_buf_addf(gp, " %zu)\n", s);
    }
    lb_buf_adds(gp, "plot \\\n");
    for (k = 0; k < n; k++) {
        struct lb_buf name = LB_BUF_INIT;

        model_label(h, models[k], &name);
        lb_buf_addf(gp,
                    "    data using 1:%zu with linespoints lw 2 pt 7 ps 1 "
                    "lc rgb '%s' dt %zu title ",
                    k + 2, chart_palette[k % NPALETTE], k / NPALETTE + 1);
        chart_label(gp, lb_buf_str(&name), name.len, LABEL_CHARS);
        lb_buf_adds(gp, k + 1 < n ? ", \\\n" : "\n");
        lb_buf_release(&name);
    }
    lb_buf_release(&text);
    lb_buf_release(&phrase);
    data(&c, h, models, n);
    if (c.embed)
        chart_embed_data(gp, dat);
    return 0;
}
