/* chart_words.c: the words of a chart (titles, labels, axes) and the
 * head every script shares. */
#include "export/chart_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "export/ranking_words.h"

/* Display width of s[0..len) once made a label. */
size_t chart_text_width(const char *s, size_t len, size_t max_chars)
{
    struct lb_buf t = LB_BUF_INIT;
    size_t w;

    lb_gp_text(&t, s, len, max_chars);
    w = lb_utf8_width(lb_buf_str(&t), t.len);
    lb_buf_release(&t);
    return w;
}

/* lb_gp_text then lb_gp_quote: user text as a literal. */
static void label(struct lb_buf *gp, const char *s, size_t len,
                  size_t max_chars, enum lb_gp_context ctx)
{
    struct lb_buf t = LB_BUF_INIT;

    lb_gp_text(&t, s, len, max_chars);
    lb_gp_quote(gp, lb_buf_str(&t), t.len, ctx);
    lb_buf_release(&t);
}

void chart_label(struct lb_buf *gp, const char *s, size_t len,
                 size_t max_chars)
{
    label(gp, s, len, max_chars, LB_GP_TEXT);
}

void chart_tic_label(struct lb_buf *gp, const char *s, size_t len,
                     size_t max_chars)
{
    label(gp, s, len, max_chars, LB_GP_FORMAT);
}

/* A constant of ours as a literal (through the same function). */
void chart_lit(struct lb_buf *gp, const char *s)
{
    lb_gp_quote(gp, s, strlen(s), LB_GP_TEXT);
}

void chart_rank_text(const struct chart *c, size_t row, bool marked,
                     struct lb_buf *out)
{
    size_t len;
    const char *m = lb_table_model(c->t, row, &len);

    chart_rank(out, c->b->ranking.rank2[row]);
    lb_buf_adds(out, ". ");
    lb_gp_text(out, m, len, LABEL_CHARS);
    if (marked && lb_board_marked(c->b, row))
        lb_buf_adds(out, " *");
}

void chart_ytic(struct chart *c, size_t i, const struct lb_buf *text)
{
    lb_buf_adds(c->gp, i == 0 ? "set ytics (" : "set ytics add (");
    lb_gp_quote(c->gp, lb_buf_str(text), text->len, LB_GP_FORMAT);
    lb_buf_addf(c->gp, " %zu)\n", i);
}

/* Appends user text made fit for a label (lb_gp_text): every piece of
 * user text in a title goes through here, so that a '\n' in a title's
 * buffer is always one of ours. */
void chart_user(struct lb_buf *out, const char *s, size_t max_chars)
{
    lb_gp_text(out, s, strlen(s), max_chars);
}

/* What the ranking's value is, as a noun phrase: "Average of 6 benchmarks
 * (Open LLM Leaderboard v1)" or the --sort column's name. */
void chart_what(const struct chart *c, struct lb_buf *out, bool capital)
{
    const struct lb_selection *sel = &c->b->sel;

    if (sel->sort_col != LB_NPOS) {
        chart_user(out, c->t->cols[sel->sort_col].name, AXIS_LABEL_CHARS);
    } else {
        if (!capital)
            lb_buf_adds(out, "the ");
        lb_ranking_value_phrase(c->b, out, capital);
        if (sel->suite != NULL) {
            lb_buf_adds(out, " (");
            chart_user(out, sel->suite->title, 0);
            lb_buf_adds(out, ")");
        }
    }
    if (c->b->lower_better && (c->b->sel.sort_col != LB_NPOS ||
                               c->b->mean.method != LB_METHOD_MEAN_RANK))
        lb_buf_adds(out, ", lowest first");
}

/* The benchmarks' names, separated by ", ", within about max_chars. */
void chart_bench_list(const struct chart *c, struct lb_buf *out,
                           size_t max_chars)
{
    const struct lb_selection *sel = &c->b->sel;
    size_t j, start = out->len;

    for (j = 0; j < sel->nbench; j++) {
        size_t before = out->len;

        if (j > 0)
            lb_buf_adds(out, ", ");
        chart_user(out, c->t->cols[sel->bench[j]].name, AXIS_LABEL_CHARS);
        if (j > 0 && lb_utf8_width(out->data + start, out->len - start) +
                             16 > max_chars) {
            out->len = before;
            out->data[out->len] = '\0';
            lb_buf_addf(out, " and %zu more", sel->nbench - j);
            return;
        }
    }
}

/* "all 13 ranked models" or "top 8 of 13 ranked models", then how many
 * models of the file have no rank. */
void chart_count(const struct chart *c, struct lb_buf *out, size_t shown)
{
    size_t n = c->b->ranking.n_listed_ranked, all = c->t->nrows;

    if (shown >= n)
        lb_buf_addf(out, "%s %zu ranked model%s", n == 1 ? "the" : "all", n,
                    n == 1 ? "" : "s");
    else
        lb_buf_addf(out, "top %zu of %zu ranked models", shown, n);
    if (all > n)
        lb_buf_addf(out, " (%zu of %zu not ranked)", all - n, all);
}

/* What the value axis shows: "average score" or the --sort column. */
void chart_axis_what(const struct chart *c, struct lb_buf *out)
{
    const struct lb_selection *sel = &c->b->sel;

    static const char *const what[LB_METHOD_COUNT] = {
        "average score", "weighted mean score", "normalized score",
        "geometric mean score", "mean rank (1 = best)", "mean win rate"};

    if (sel->sort_col != LB_NPOS)
        chart_user(out, c->t->cols[sel->sort_col].name, AXIS_LABEL_CHARS);
    else
        lb_buf_adds(out, what[c->b->mean.method]);
}

/* How many title characters fit: gnuplot centres the title on the plot
 * area [left, right] (pixels) of a canvas 'width' wide. */
size_t chart_title_chars(double left, double right, int width)
{
    double centre = (left + right) / 2;
    double half = fmin(centre, (double)width - centre) - 12;

    return half > 100 ? (size_t)(2 * half / TITLE_CHAR_PX) : 20;
}

/* set title 'LINE1'."\n".'LINE2'...: the lines of 'text' (separated by
 * '\n'), each cut to max_chars. */
void chart_title(struct chart *c, const struct lb_buf *text,
                      size_t max_chars)
{
    const char *s = lb_buf_str(text), *end = s + text->len;

    lb_buf_adds(c->gp, "set title ");
    for (;;) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *stop = nl ? nl : end;

        chart_label(c->gp, s, (size_t)(stop - s), max_chars);
        if (nl == NULL)
            break;
        lb_buf_adds(c->gp, ".\"\\n\".");
        s = nl + 1;
    }
    lb_buf_adds(c->gp, " font ',12'\n");
}

/* The head every script shares (see chart_impl.h). */
void chart_preamble(struct chart *c, const char *what, int width, int height)
{
    struct lb_buf *gp = c->gp;
    char file[32];
    size_t i;

    if (c->embed) {
        lb_buf_addf(gp,
                    "# %s: %s.\n"
                    "# Written by 'leaderboard': the data is the datablock "
                    "above, the image goes\n"
                    "# to standard output. Labels are single-quoted "
                    "literals.\n"
                    "data = '$data'\n",
                    c->name, what);
    } else {
        lb_buf_addf(gp,
                    "# %s.gp: %s.\n"
                    "# Written by 'leaderboard plot'. Render it with\n"
                    "#     gnuplot path/to/%s.gp\n"
                    "# from any directory: it reads %s.dat and writes %s.%s "
                    "next to itself\n"
                    "# (ARG0 is this script's path). Labels are single-quoted "
                    "literals.\n"
                    "i = strlen(ARG0)\n"
                    "while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }\n"
                    "dir = ARG0[1:i]\n"
                    "data = dir.",
                    c->name, what, c->name, c->name, c->name, c->ext);
        snprintf(file, sizeof file, "%s.dat", c->name);
        chart_lit(gp, file);
        lb_buf_addc(gp, '\n');
    }
    if (c->term == LB_TERMINAL_SVG)
        lb_buf_addf(gp,
                    "set terminal svg noenhanced size %d,%d font "
                    "'Sans,10' background '#ffffff'\n",
                    width, height);
    else
        lb_buf_addf(gp,
                    "set terminal pngcairo noenhanced size %d,%d font "
                    "'Sans,10'\n",
                    width, height);
    if (!c->embed) {
        lb_buf_adds(gp, "set output dir.");
        snprintf(file, sizeof file, "%s.%s", c->name, c->ext);
        chart_lit(gp, file);
        lb_buf_addc(gp, '\n');
    }
    lb_buf_adds(gp, "set datafile separator tab\n");
    for (i = 0; i < (size_t)NPALETTE; i++)
        lb_buf_addf(gp, "set linetype %zu lc rgb '%s' lw 1.5 pt 7 ps 0.8\n",
                    i + 1, chart_palette[i]);
    lb_buf_addf(gp, "set linetype cycle %d\n", NPALETTE);
}

/* The widest model name among the plotted rows, in characters, once made
 * a label (with 'extra' characters more, such as a rank). */
size_t chart_widest_model(const struct chart *c, size_t extra)
{
    size_t i, w = 0;

    for (i = 0; i < c->nrows; i++) {
        size_t len, n;
        const char *m = lb_table_model(c->t, c->rows[i], &len);

        n = chart_text_width(m, len, LABEL_CHARS) + extra;
        w = n > w ? n : w;
    }
    return w;
}

