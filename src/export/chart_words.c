/* chart_words.c: the words of a chart (titles, labels, axes) and the
 * head every script shares. */
#include "export/chart_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "core/schema.h"
#include "export/ranking_words.h"

/* The common unit of the benchmarks: the last word of their titles (or
 * names) when they all end with the same one ("AMI WER", "Tedlium WER":
 * "WER"), else "score". */
void chart_unit(const struct chart *c, struct lb_buf *out)
{
    const struct lb_selection *sel = &c->b->sel;
    const char *word = NULL;
    size_t wlen = 0, j;

    for (j = 0; j < sel->nbench; j++) {
        size_t col = sel->bench[j], n, k;
        const struct lb_field *f = c->t->schema != NULL &&
                                           col < c->t->schema->nfields
                                       ? &c->t->schema->fields[col]
                                       : NULL;
        const char *s = f != NULL && f->title != NULL ? f->title
                                                      : c->t->cols[col].name;

        n = strlen(s);
        k = n;
        while (k > 0 && s[k - 1] != ' ' && s[k - 1] != '_')
            k--;
        if (k == 0 || k == n || (word != NULL && (n - k != wlen ||
                                                  memcmp(word, s + k, wlen) != 0))) {
            word = NULL;
            break;
        }
        word = s + k;
        wlen = n - k;
    }
    if (word != NULL && !(word[0] >= '0' && word[0] <= '9')) {
        struct lb_buf w = LB_BUF_INIT;

        lb_buf_add(&w, word, wlen);
        chart_user(out, lb_buf_str(&w), AXIS_LABEL_CHARS);
        lb_buf_release(&w);
    } else {
        lb_buf_adds(out, "score");
    }
}

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
    const char *m = chart_model(c, row, &len);

    chart_rank(out, c->b->ranking.rank2[row]);
    lb_buf_adds(out, ". ");
    lb_buf_add(out, m, len);
    if (marked && lb_aggregate_marked(&c->b->mean, row))
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

/* "all 13 ranked models" or "top 8 of 13 ranked models" ("rows" when a
 * model has several), then how many rows of the file have no rank. */
void chart_count(const struct chart *c, struct lb_buf *out, size_t shown)
{
    size_t n = c->b->ranking.n_listed_ranked, all = c->t->nrows;

    if (shown >= n)
        lb_buf_addf(out, "%s %zu ranked %s%s", n == 1 ? "the" : "all", n,
                    c->noun, n == 1 ? "" : "s");
    else
        lb_buf_addf(out, "top %zu of %zu ranked %ss", shown, n, c->noun);
    if (all > n)
        lb_buf_addf(out, " (%zu of %zu not ranked)", all - n, all);
}

/* What the value axis shows: "average score" ("average WER" when the
 * benchmarks share a unit, chart_unit), or the --sort column's title (its
 * name when the schema has none). */
void chart_axis_what(const struct chart *c, struct lb_buf *out)
{
    const struct lb_selection *sel = &c->b->sel;

    static const char *const what[LB_METHOD_COUNT] = {
        "average ", "weighted mean ", "normalized score",
        "geometric mean ", "mean rank (1 = best)", "mean win rate",
        "mean of the group means", "Borda count (points)"};

    if (sel->sort_col != LB_NPOS) {
        size_t col = sel->sort_col;
        const struct lb_field *f = c->t->schema != NULL &&
                                           col < c->t->schema->nfields
                                       ? &c->t->schema->fields[col]
                                       : NULL;

        chart_user(out, f != NULL && f->title != NULL ? f->title
                                                      : c->t->cols[col].name,
                   AXIS_LABEL_CHARS);
        return;
    }
    lb_buf_adds(out, what[c->b->mean.method]);
    if (out->len > 0 && out->data[out->len - 1] == ' ')
        chart_unit(c, out);
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
        const char *m = chart_model(c, c->rows[i], &len);

        n = lb_utf8_width(m, len) + extra;
        w = n > w ? n : w;
    }
    return w;
}


int chart_width(const struct chart *c, int w)
{
    return c->style != NULL && c->style->width > 0 ? c->style->width : w;
}

int chart_height(const struct chart *c, int h)
{
    return c->style != NULL && c->style->height > 0 ? c->style->height : h;
}

void chart_headline(const struct chart *c, struct lb_buf *out,
                    const char *own)
{
    if (c->style != NULL && c->style->title != NULL)
        chart_user(out, c->style->title, 0);
    else
        lb_buf_adds(out, own);
}

/* A number for the axis' words: "78", "0.25", "-3.5". */
static void axis_number(struct lb_buf *out, double v)
{
    char buf[64];

    snprintf(buf, sizeof buf, "%.6g", fabs(v) < 1e-12 ? 0.0 : v);
    lb_buf_adds(out, buf);
}

void chart_axis_label(struct chart *c, const char *axis_cmd,
                      const struct lb_buf *what, bool lower_better,
                      const struct lb_axis *a, bool dots, double px)
{
    struct lb_buf t = LB_BUF_INIT, note = LB_BUF_INIT;

    lb_buf_add(&t, lb_buf_str(what), what->len);
    if (lower_better)
        lb_buf_adds(&t, ", lower is better");
    if (dots && a != NULL && !a->has_zero) {
        lb_buf_adds(&note, "(the axis starts at ");
        axis_number(&note, a->lo);
        lb_buf_adds(&note, ", not 0: dots, not bars)");
        if ((double)lb_utf8_width(note.data, note.len) * CHAR_PX > px) {
            /* a short axis: the short form */
            lb_buf_reset(&note);
            lb_buf_adds(&note, "(from ");
            axis_number(&note, a->lo);
            lb_buf_adds(&note, ", not 0: dots)");
        }
    }
    lb_buf_addf(c->gp, "set %s ", axis_cmd);
    if (note.len > 0 &&
        (double)(lb_utf8_width(t.data, t.len) + 1 +
                 lb_utf8_width(note.data, note.len)) *
                CHAR_PX >
            px) {
        /* too long for one line: the note on a line of its own */
        lb_gp_quote(c->gp, lb_buf_str(&t), t.len, LB_GP_TEXT);
        lb_buf_adds(c->gp, ".\"\\n\".");
        lb_gp_quote(c->gp, lb_buf_str(&note), note.len, LB_GP_TEXT);
    } else {
        if (note.len > 0) {
            lb_buf_addc(&t, ' ');
            lb_buf_add(&t, lb_buf_str(&note), note.len);
        }
        lb_gp_quote(c->gp, lb_buf_str(&t), t.len, LB_GP_TEXT);
    }
    lb_buf_addc(c->gp, '\n');
    lb_buf_release(&t);
    lb_buf_release(&note);
}

void chart_put_axis(struct chart *c, char axis, const struct lb_axis *a,
                    double extra, bool reverse)
{
    struct lb_buf lo = LB_BUF_INIT, hi = LB_BUF_INIT, step = LB_BUF_INIT,
                  top = LB_BUF_INIT, first = LB_BUF_INIT;

    chart_double(&lo, a->lo);
    chart_double(&hi, a->hi);
    /* the tics on multiples of the step (an end given by --range may lie
     * between) */
    lb_buf_reset(&first);
    chart_double(&first, ceil(a->lo / a->step - 1e-9) * a->step);
    chart_double(&top, a->hi + extra);
    chart_double(&step, a->step);
    if (reverse)
        lb_buf_addf(c->gp, "set %crange [%s:%s]\n", axis, lb_buf_str(&top),
                    lb_buf_str(&lo));
    else
        lb_buf_addf(c->gp, "set %crange [%s:%s]\n", axis, lb_buf_str(&lo),
                    lb_buf_str(&top));
    lb_buf_addf(c->gp, "set %ctics %s,%s,%s\n", axis, lb_buf_str(&first),
                lb_buf_str(&step), lb_buf_str(&hi));
    lb_buf_release(&first);
    lb_buf_release(&lo);
    lb_buf_release(&hi);
    lb_buf_release(&step);
    lb_buf_release(&top);
}
