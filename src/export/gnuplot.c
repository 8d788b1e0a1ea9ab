/* gnuplot.c: the charts' scripts and data (see gnuplot.h for the rules).
 *
 * Each chart is written in two buffers: the script (NAME.gp) and its data
 * (NAME.dat). The script is built from constants written here, numbers, and
 * user text that went through lb_gp_text (made fit for a label) and then
 * lb_gp_quote (made a single-quoted literal), always in that order. */
#include "export/gnuplot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/decimal.h"
#include "base/sort.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "core/catalog.h"
#include "export/cells.h"

#define COORD_DECIMALS 6     /* decimals of a coordinate in a .dat file */
#define LABEL_CHARS 40       /* longest model name on a tic, key or label */
#define AXIS_LABEL_CHARS 30  /* longest benchmark name on an axis or key */
#define MAX_POLYGONS 8       /* a spider chart with more is unreadable */
#define MAX_BARS 500         /* bars of 'average' (the image stays within
                                cairo's 32767 pixels) */
#define MAX_GROUPS 100       /* groups of 'benchmarks' */
#define MIN_SPIDER_AXES 3    /* with fewer, the profile is grouped bars */
#define CHAR_PX 7.2          /* width of a character of Sans 10 (pngcairo),
                                a little more than measured (6.6 to 7.2) */
#define LINE_PX 15.0         /* height of a line of Sans 10 */
#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static const char *const chart_names[LB_CHART_COUNT] = {
    "average", "benchmarks", "profile", "size", "ranks"};

/* The charts' default number of models (labelled models for 'size'). */
static const size_t chart_top[LB_CHART_COUNT] = {20, 8, MAX_POLYGONS, 10,
                                                 20};

/* Tableau 10: distinct, colour-blind friendly enough, print well. */
static const char *const palette[] = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

#define NPALETTE (sizeof palette / sizeof palette[0])

const char *lb_chart_name(enum lb_chart c)
{
    return chart_names[c];
}

bool lb_chart_parse(const char *s, enum lb_chart *out)
{
    int i;

    for (i = 0; i < LB_CHART_COUNT; i++)
        if (strcmp(s, chart_names[i]) == 0) {
            *out = (enum lb_chart)i;
            return true;
        }
    return false;
}

bool lb_terminal_parse(const char *s, enum lb_terminal *out)
{
    if (strcmp(s, "png") == 0)
        *out = LB_TERMINAL_PNG;
    else if (strcmp(s, "svg") == 0)
        *out = LB_TERMINAL_SVG;
    else
        return false;
    return true;
}

const char *lb_terminal_ext(enum lb_terminal t)
{
    return t == LB_TERMINAL_SVG ? "svg" : "png";
}

/* {======================================================================
 * Text into a script
 * ======================================================================= */

void lb_gp_quote(struct lb_buf *out, const char *s, size_t len)
{
    size_t i;

    lb_buf_addc(out, '\'');
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c < 0x20 || c == 0x7f)
            c = ' ';
        else if (c == '\'')
            lb_buf_addc(out, '\'');
        lb_buf_addc(out, (char)c);
    }
    lb_buf_addc(out, '\'');
}

/* Appends one character of s at *i (advancing *i): a valid UTF-8 sequence
 * as is, control characters as a space, an invalid byte as '?'. */
static void put_text_char(struct lb_buf *out, const char *s, size_t len,
                          size_t *i)
{
    uint32_t cp;
    size_t n = lb_utf8_decode(s + *i, len - *i, &cp);

    if (n == 0) {
        lb_buf_addc(out, '?');
        *i += 1;
    } else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
        lb_buf_addc(out, ' ');
        *i += n;
    } else {
        lb_buf_add(out, s + *i, n);
        *i += n;
    }
}

void lb_gp_text(struct lb_buf *out, const char *s, size_t len,
                size_t max_chars)
{
    size_t i = 0, chars = 0, j;

    /* count characters as put_text_char would emit them */
    for (j = 0; j < len; chars++) {
        uint32_t cp;
        size_t n = lb_utf8_decode(s + j, len - j, &cp);

        j += n == 0 ? 1 : n;
    }
    if (max_chars == 0 || chars <= max_chars) {
        while (i < len)
            put_text_char(out, s, len, &i);
        return;
    }
    for (j = 0; j + 3 < max_chars && i < len; j++)
        put_text_char(out, s, len, &i);
    lb_buf_adds(out, "...");
}

/* Display width of s[0..len) once made a label. */
static size_t text_width(const char *s, size_t len, size_t max_chars)
{
    struct lb_buf t = LB_BUF_INIT;
    size_t w;

    lb_gp_text(&t, s, len, max_chars);
    w = lb_utf8_width(lb_buf_str(&t), t.len);
    lb_buf_release(&t);
    return w;
}

/* lb_gp_text then lb_gp_quote: user text as a literal. */
static void put_label(struct lb_buf *gp, const char *s, size_t len,
                      size_t max_chars)
{
    struct lb_buf t = LB_BUF_INIT;

    lb_gp_text(&t, s, len, max_chars);
    lb_gp_quote(gp, lb_buf_str(&t), t.len);
    lb_buf_release(&t);
}

/* A constant of ours as a literal (through the same function). */
static void put_lit(struct lb_buf *gp, const char *s)
{
    lb_gp_quote(gp, s, strlen(s));
}

/* }====================================================================== */

size_t lb_chart_params_column(const struct lb_table *t)
{
    static const char *const keys[] = {"paramsb", "params", "parameters",
                                       "numparams"};
    size_t k, i;

    for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
        for (i = 0; i < t->ncols; i++) {
            char key[64];

            if (i == t->model_col || !t->cols[i].numeric)
                continue;
            lb_catalog_key(t->cols[i].name, key, sizeof key);
            if (strcmp(key, keys[k]) == 0)
                return i;
        }
    return LB_NPOS;
}

/* {======================================================================
 * What a chart shows
 * ======================================================================= */

struct chart {
    const struct lb_board *b;
    const struct lb_table *t;
    const struct lb_aggregate *key; /* the ranking's value: mean or column */
    const char *name;       /* file stem: "average" ... */
    const char *ext;        /* image extension */
    enum lb_terminal term;
    size_t top;             /* models asked for (o->top or the default) */
    size_t nrows;           /* rows plotted */
    size_t *rows;           /* their table rows, in rank order (owned) */
    bool intervals;         /* the .dat ends with each row's interval */
    struct lb_buf *gp, *dat;
    struct lb_error *err;
};

/* The first 'want' ranked rows and the rows tied with the last of them (as
 * rank --top does), at most 'max'. */
static size_t first_rows(const struct lb_board *b, size_t want, size_t max)
{
    const struct lb_ranking *k = &b->ranking;
    size_t n = k->n_listed_ranked, m = want < n ? want : n;

    while (m > 0 && m < n && k->rank2[k->order[m]] == k->rank2[k->order[m - 1]])
        m++;
    return m < max ? m : max;
}

static bool row_has_every_score(const struct lb_board *b, size_t row)
{
    size_t j;

    for (j = 0; j < b->sel.nbench; j++)
        if (lb_column_missing(&b->table->cols[b->sel.bench[j]], row))
            return false;
    return true;
}

/* The ranked rows that have a positive value in column pc. */
static size_t rows_with_params(const struct lb_board *b, size_t pc,
                               size_t *rows)
{
    const struct lb_column *c = &b->table->cols[pc];
    size_t i, n = 0;

    for (i = 0; i < b->ranking.n_listed_ranked; i++) {
        size_t row = b->ranking.order[i];

        if (!lb_column_missing(c, row) && lb_column_num(c, row) > 0) {
            if (rows != NULL)
                rows[n] = row;
            n++;
        }
    }
    return n;
}

int lb_chart_check(const struct lb_board *b, enum lb_chart c,
                   struct lb_error *err)
{
    size_t pc;

    if (b->ranking.n_listed_ranked == 0)
        return lb_error_set(err, "%s: no ranked model to plot", b->table->path);
    if (c == LB_CHART_PROFILE && b->sel.nbench >= MIN_SPIDER_AXES) {
        size_t i;

        /* a polygon needs every score (--missing partial or zero rank
         * models that lack some) */
        for (i = 0; i < b->ranking.n_listed_ranked; i++)
            if (row_has_every_score(b, b->ranking.order[i]))
                return 0;
        return lb_error_set(err,
                            "%s: chart 'profile': no ranked model has a "
                            "score for every benchmark",
                            b->table->path);
    }
    if (c == LB_CHART_RANKS) {
        size_t i;

        for (i = 0; cells_has_ci(b) && i < b->ranking.n_listed_ranked; i++)
            if (b->ci.has[b->ranking.order[i]])
                return 0;
        return lb_error_set(err,
                            "%s: chart 'ranks' needs a standard error for "
                            "every score (NAME_stderr columns or --stderr "
                            "NAME=VALUE)",
                            b->table->path);
    }
    if (c != LB_CHART_SIZE)
        return 0;
    pc = lb_chart_params_column(b->table);
    if (pc == LB_NPOS)
        return lb_error_set(err,
                            "%s: chart 'size' needs a column of parameter "
                            "counts (params_b, params, parameters or "
                            "num_params)",
                            b->table->path);
    if (rows_with_params(b, pc, NULL) == 0)
        return lb_error_set(err,
                            "%s: chart 'size': no ranked model has a "
                            "positive %s value",
                            b->table->path, b->table->cols[pc].name);
    return 0;
}

/* }====================================================================== */

/* {======================================================================
 * Numbers
 * ======================================================================= */

/* Appends num / (den * 10^scale) exactly rounded to COORD_DECIMALS, without
 * trailing zeros ("69.416667", "50", "-0.5"). */
static int put_coord(struct chart *c, struct lb_buf *out, lb_i128 num,
                     uint32_t den, unsigned scale, size_t row)
{
    char buf[LB_DEC_BUFSIZE];
    lb_i128 q;
    size_t n;

    if (!lb_dec_round(num, den, scale, COORD_DECIMALS, &q))
        return lb_error_set(c->err, "%s:%zu: a value is too large to plot",
                            c->t->path, lb_table_line(c->t, row));
    n = lb_dec_format(buf, q, COORD_DECIMALS);
    while (buf[n - 1] == '0')
        n--;
    if (buf[n - 1] == '.')
        n--;
    lb_buf_add(out, buf, n);
    return 0;
}

/* The ranking's value of a row as a coordinate. */
static int put_key(struct chart *c, struct lb_buf *out, size_t row)
{
    lb_i128 num;
    uint32_t den;

    (void)lb_aggregate_get(c->key, row, &num, &den);
    return put_coord(c, out, num, den > 0 ? den : 1, c->key->scale, row);
}

/* The ranking's value of a row as a double (for geometry only). */
static double key_double(const struct chart *c, size_t row)
{
    lb_i128 num;
    uint32_t den;

    (void)lb_aggregate_get(c->key, row, &num, &den);
    return lb_dec_to_double(num, den > 0 ? den : 1, c->key->scale);
}

static double score_double(const struct chart *c, size_t col, size_t row)
{
    const struct lb_column *k = &c->t->cols[col];

    return lb_dec_to_double(lb_column_num(k, row), 1, k->scale);
}

/* A double (an interval's bound) with COORD_DECIMALS, without trailing
 * zeros; NaN as "NaN". */
static void put_double(struct lb_buf *out, double v)
{
    char buf[64];
    int n;

    if (isnan(v)) {
        lb_buf_adds(out, "NaN");
        return;
    }
    n = snprintf(buf, sizeof buf, "%.*f", COORD_DECIMALS, v);
    if (n <= 0 || (size_t)n >= sizeof buf) {
        lb_buf_adds(out, "NaN");
        return;
    }
    while (n > 1 && buf[n - 1] == '0')
        n--;
    if (buf[n - 1] == '.')
        n--;
    buf[n] = '\0';
    lb_buf_adds(out, strcmp(buf, "-0") == 0 ? "0" : buf);
}

static void put_rank(struct lb_buf *b, int64_t rank2)
{
    if (rank2 % 2 == 0)
        lb_buf_addf(b, "%lld", (long long)(rank2 / 2));
    else
        lb_buf_addf(b, "%lld.5", (long long)(rank2 / 2));
}

/* Writes the data of the bar and spider charts: one line per plotted row,
 *   row  rank  value  shown  score_1 ... score_n
 * 'value' is the ranking's value, 'shown' the same at the displayed
 * precision (the value labels), the scores those of the benchmarks in
 * selection order, NaN when missing. */
static int write_rows_dat(struct chart *c)
{
    const struct lb_board *b = c->b;
    size_t i, j;

    lb_buf_addf(c->dat,
                "# %s.dat: data of %s.gp, written by 'leaderboard plot'\n"
                "# one line per model in rank order: row index, rank, the "
                "ranking's value,\n"
                "# that value at %u decimals, then the score of each "
                "benchmark (NaN: missing)%s\n"
                "# row\trank\tvalue\tshown",
                c->name, c->name, b->opts.rank.precision,
                c->intervals ? ",\n# then the value's 95% interval (NaN: "
                               "none) and where its label starts"
                             : "");
    for (j = 0; j < b->sel.nbench; j++)
        lb_buf_addf(c->dat, "\tscore_%zu", j + 1);
    if (c->intervals)
        lb_buf_adds(c->dat, "\tci_low\tci_high\tlabel_at");
    lb_buf_addc(c->dat, '\n');
    for (i = 0; i < c->nrows; i++) {
        size_t row = c->rows[i];
        char buf[LB_DEC_BUFSIZE];
        lb_i128 shown = 0;

        lb_buf_addf(c->dat, "%zu\t", i);
        put_rank(c->dat, b->ranking.rank2[row]);
        lb_buf_addc(c->dat, '\t');
        if (put_key(c, c->dat, row) != 0)
            return -1;
        lb_buf_addc(c->dat, '\t');
        /* rounding cannot fail here: the ranking rounded every key */
        (void)lb_aggregate_round(c->key, row, b->opts.rank.precision, &shown);
        lb_buf_add(c->dat, buf,
                   lb_dec_format(buf, shown, b->opts.rank.precision));
        for (j = 0; j < b->sel.nbench; j++) {
            const struct lb_column *k = &c->t->cols[b->sel.bench[j]];

            lb_buf_addc(c->dat, '\t');
            if (lb_column_missing(k, row))
                lb_buf_adds(c->dat, "NaN");
            else if (put_coord(c, c->dat, lb_column_num(k, row), 1, k->scale, row) != 0)
                return -1;
        }
        if (c->intervals) {
            lb_buf_addc(c->dat, '\t');
            put_double(c->dat, b->ci.has[row] ? b->ci.lo[row] : NAN);
            lb_buf_addc(c->dat, '\t');
            put_double(c->dat, b->ci.has[row] ? b->ci.hi[row] : NAN);
            /* where the value's label starts: after the bar or the
             * interval, whichever ends later */
            lb_buf_addc(c->dat, '\t');
            {
                double v = key_double(c, row), end = v < 0 ? 0 : v;

                if (b->ci.has[row] && b->ci.hi[row] > end)
                    end = b->ci.hi[row];
                put_double(c->dat, end);
            }
        }
        lb_buf_addc(c->dat, '\n');
    }
    return 0;
}

/* Whether every plotted value (the ranking's and, with 'scores', every
 * benchmark score) lies in [0, 100]: then the chart uses that fixed scale.
 * Sets *lo and *hi to the smallest and largest value. */
static bool values_in_0_100(const struct chart *c, bool key, bool scores,
                            double *lo, double *hi)
{
    size_t i, j;

    *lo = HUGE_VAL;
    *hi = -HUGE_VAL;
    for (i = 0; i < c->nrows; i++) {
        size_t row = c->rows[i];
        double v;

        if (key) {
            v = key_double(c, row);
            *lo = v < *lo ? v : *lo;
            *hi = v > *hi ? v : *hi;
        }
        for (j = 0; scores && j < c->b->sel.nbench; j++) {
            size_t col = c->b->sel.bench[j];

            if (lb_column_missing(&c->t->cols[col], row))
                continue;
            v = score_double(c, col, row);
            *lo = v < *lo ? v : *lo;
            *hi = v > *hi ? v : *hi;
        }
    }
    if (*lo > *hi) {
        *lo = 0;
        *hi = 100;
    }
    return *lo >= 0 && *hi <= 100;
}

/* }====================================================================== */

/* {======================================================================
 * Words
 * ======================================================================= */

#define TITLE_CHAR_PX (CHAR_PX * 1.2) /* the title's font is 12, not 10 */

/* Appends user text made fit for a label (lb_gp_text): every piece of
 * user text in a title goes through here, so that a '\n' in a title's
 * buffer is always one of ours. */
static void add_user(struct lb_buf *out, const char *s, size_t max_chars)
{
    lb_gp_text(out, s, strlen(s), max_chars);
}

/* What the ranking's value is, as a noun phrase: "Average of 6 benchmarks
 * (Open LLM Leaderboard v1)" or the --sort column's name. */
static void put_what(const struct chart *c, struct lb_buf *out, bool capital)
{
    const struct lb_selection *sel = &c->b->sel;

    if (sel->sort_col != LB_NPOS) {
        add_user(out, c->t->cols[sel->sort_col].name, AXIS_LABEL_CHARS);
    } else {
        if (!capital)
            lb_buf_adds(out, "the ");
        cells_value_phrase(c->b, out, capital);
        if (sel->suite != NULL) {
            lb_buf_adds(out, " (");
            add_user(out, sel->suite->title, 0);
            lb_buf_adds(out, ")");
        }
    }
    if (c->b->opts.rank.ascending)
        lb_buf_adds(out, ", lowest first");
}

/* The benchmarks' names, separated by ", ", within about max_chars. */
static void put_bench_list(const struct chart *c, struct lb_buf *out,
                           size_t max_chars)
{
    const struct lb_selection *sel = &c->b->sel;
    size_t j, start = out->len;

    for (j = 0; j < sel->nbench; j++) {
        size_t before = out->len;

        if (j > 0)
            lb_buf_adds(out, ", ");
        add_user(out, c->t->cols[sel->bench[j]].name, AXIS_LABEL_CHARS);
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
static void put_count(const struct chart *c, struct lb_buf *out, size_t shown)
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
static void put_axis_what(const struct chart *c, struct lb_buf *out)
{
    const struct lb_selection *sel = &c->b->sel;

    static const char *const what[LB_METHOD_COUNT] = {
        "average score", "weighted mean score", "normalized score",
        "geometric mean score", "mean rank (1 = best)", "mean win rate"};

    if (sel->sort_col != LB_NPOS)
        add_user(out, c->t->cols[sel->sort_col].name, AXIS_LABEL_CHARS);
    else
        lb_buf_adds(out, what[c->b->mean.method]);
}

/* How many title characters fit: gnuplot centres the title on the plot
 * area [left, right] (pixels) of a canvas 'width' wide. */
static size_t title_chars(double left, double right, int width)
{
    double centre = (left + right) / 2;
    double half = fmin(centre, (double)width - centre) - 12;

    return half > 100 ? (size_t)(2 * half / TITLE_CHAR_PX) : 20;
}

/* set title 'LINE1'."\n".'LINE2'...: the lines of 'text' (separated by
 * '\n'), each cut to max_chars. */
static void put_title(struct chart *c, const struct lb_buf *text,
                      size_t max_chars)
{
    const char *s = lb_buf_str(text), *end = s + text->len;

    lb_buf_adds(c->gp, "set title ");
    for (;;) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *stop = nl ? nl : end;

        put_label(c->gp, s, (size_t)(stop - s), max_chars);
        if (nl == NULL)
            break;
        lb_buf_adds(c->gp, ".\"\\n\".");
        s = nl + 1;
    }
    lb_buf_adds(c->gp, " font ',12'\n");
}

/* }====================================================================== */

/* {======================================================================
 * Script parts
 * ======================================================================= */

/* The head every script shares: what it is, how to render it, where its
 * files are, the terminal and the palette. */
static void put_preamble(struct chart *c, const char *what, int width,
                         int height)
{
    struct lb_buf *gp = c->gp;
    char file[32];
    size_t i;

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
    put_lit(gp, file);
    lb_buf_addc(gp, '\n');
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
    lb_buf_adds(gp, "set output dir.");
    snprintf(file, sizeof file, "%s.%s", c->name, c->ext);
    put_lit(gp, file);
    lb_buf_adds(gp, "\nset datafile separator tab\n");
    for (i = 0; i < NPALETTE; i++)
        lb_buf_addf(gp, "set linetype %zu lc rgb '%s' lw 1.5 pt 7 ps 0.8\n",
                    i + 1, palette[i]);
    lb_buf_addf(gp, "set linetype cycle %zu\n", NPALETTE);
}

/* The widest model name among the plotted rows, in characters, once made
 * a label (with 'extra' characters more, such as a rank). */
static size_t widest_model(const struct chart *c, size_t extra)
{
    size_t i, w = 0;

    for (i = 0; i < c->nrows; i++) {
        size_t len, n;
        const char *m = lb_table_model(c->t, c->rows[i], &len);

        n = text_width(m, len, LABEL_CHARS) + extra;
        w = n > w ? n : w;
    }
    return w;
}

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
        key_px = fmax(key_px, (double)text_width(m, strlen(m),
                                                 AXIS_LABEL_CHARS) *
                                      CHAR_PX +
                                  70);
    }
    m = lb_table_model(c->t, c->rows[c->nrows - 1], &len);
    tic_px = (double)text_width(m, len, LABEL_CHARS) * CHAR_PX * 0.87 + 10;
    right = width - fmax(key_px, tic_px) - 10;
    put_title(c, text, title_chars(70, right, width));
    lb_buf_addf(gp,
                "set rmargin at screen %.4f\n"
                "set style data histograms\n"
                "set style histogram clustered gap 1\n"
                "set style fill solid 0.85 border -1\n"
                "set boxwidth 0.9 relative\n",
                right / width);
    if (values_in_0_100(c, false, true, &lo, &hi))
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
        put_label(gp, m, len, LABEL_CHARS);
        lb_buf_addf(gp, " %zu)\n", i);
    }
    lb_buf_adds(gp, "plot \\\n");
    for (j = 0; j < sel->nbench; j++) {
        const char *name = c->t->cols[sel->bench[j]].name;

        lb_buf_addf(gp, "    data using %zu title ", j + 5);
        put_label(gp, name, strlen(name), AXIS_LABEL_CHARS);
        lb_buf_adds(gp, j + 1 < sel->nbench ? ", \\\n" : "\n");
    }
}

/* }====================================================================== */

/* {======================================================================
 * The charts
 * ======================================================================= */

#define AVERAGE_W 1000

static int chart_average(struct chart *c)
{
    struct lb_buf *gp = c->gp;
    struct lb_buf text = LB_BUF_INIT, t = LB_BUF_INIT;
    const struct lb_board *b = c->b;
    bool marked = false, by_mean = b->sel.sort_col == LB_NPOS;
    double lo, hi, left, right = AVERAGE_W - 30;
    size_t i;
    int height;

    c->nrows = first_rows(b, c->top, MAX_BARS);
    c->intervals = by_mean && cells_has_ci(b);
    for (i = 0; by_mean && i < c->nrows; i++)
        if (cells_mean_is_marked(b, c->rows[i]))
            marked = true;
    height = 170 + 24 * (int)c->nrows;
    if (height < 340)
        height = 340;
    /* the left margin holds "RANK. NAME" (and " *") */
    left = (double)widest_model(c, 6 + (marked ? 2 : 0)) * CHAR_PX + 30;
    put_preamble(c, "the ranking as horizontal bars, rank 1 on top",
                 AVERAGE_W, height);

    put_what(c, &text, true);
    if (by_mean) {
        lb_buf_addc(&text, '\n');
        put_bench_list(c, &text, title_chars(left, right, AVERAGE_W));
    }
    lb_buf_addc(&text, '\n');
    put_count(c, &text, c->nrows);
    if (marked)
        lb_buf_adds(&text, b->opts.missing == LB_MISSING_PARTIAL
                               ? "; * mean of the scores present"
                               : "; * missing scores counted as 0");
    if (c->intervals)
        lb_buf_adds(&text, b->ci.analytic
                               ? "; error bars: 95% interval (1.96 standard "
                                 "errors)"
                               : "; error bars: 95% interval of the draws");
    put_title(c, &text, title_chars(left, right, AVERAGE_W));

    lb_buf_addf(gp,
                "set lmargin at screen %.4f\n"
                "set rmargin at screen %.4f\n"
                "set xlabel ",
                left / AVERAGE_W, right / AVERAGE_W);
    put_axis_what(c, &t);
    put_label(gp, lb_buf_str(&t), t.len, 60);
    lb_buf_addc(gp, '\n');
    if (by_mean && b->mean.method == LB_METHOD_WIN_RATE)
        lb_buf_adds(gp, "set xrange [0:1.12]\nset xtics 0,0.1,1\n");
    else if (by_mean && b->mean.method == LB_METHOD_MEAN_RANK)
        lb_buf_adds(gp, "set xrange [0:*]\nset offsets 0, graph 0.12, 0, 0\n");
    else if (values_in_0_100(c, true, false, &lo, &hi))
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
        size_t row = c->rows[i], len;
        const char *m = lb_table_model(c->t, row, &len);

        lb_buf_reset(&t);
        put_rank(&t, b->ranking.rank2[row]);
        lb_buf_adds(&t, ". ");
        lb_gp_text(&t, m, len, LABEL_CHARS);
        if (marked && cells_mean_is_marked(b, row))
            lb_buf_adds(&t, " *");
        lb_buf_adds(gp, i == 0 ? "set ytics (" : "set ytics add (");
        lb_gp_quote(gp, lb_buf_str(&t), t.len);
        lb_buf_addf(gp, " %zu)\n", i);
    }
    if (c->intervals) {
        /* the interval's columns follow the scores */
        size_t lo_col = b->sel.nbench + 5, hi_col = b->sel.nbench + 6;
        size_t at_col = b->sel.nbench + 7;

        lb_buf_addf(gp,
                    "set grid xtics\n"
                    "set style fill solid 0.85 border -1\n"
                    "unset key\n"
                    "plot data using 3:1:($3 < 0 ? $3 : 0):($3 < 0 ? 0 : $3):"
                    "($1 - 0.38):($1 + 0.38) \\\n"
                    "         with boxxyerror lc rgb '%s', \\\n"
                    "     data using 3:1:%zu:%zu with xerrorbars lc rgb "
                    "'#333333' lw 1.2 ps 0, \\\n"
                    "     data using %zu:1:4 with labels left offset char "
                    "0.5,0\n",
                    palette[0], lo_col, hi_col, at_col);
    } else {
        lb_buf_addf(gp,
                    "set grid xtics\n"
                    "set style fill solid 0.85 border -1\n"
                    "unset key\n"
                    "plot data using 3:1:($3 < 0 ? $3 : 0):($3 < 0 ? 0 : $3):"
                    "($1 - 0.38):($1 + 0.38) \\\n"
                    "         with boxxyerror lc rgb '%s', \\\n"
                    "     data using ($3 < 0 ? 0 : $3):1:4 with labels left "
                    "offset char 0.5,0\n",
                    palette[0]);
    }
    lb_buf_release(&text);
    lb_buf_release(&t);
    return write_rows_dat(c);
}

static int chart_benchmarks(struct chart *c)
{
    struct lb_buf text = LB_BUF_INIT;
    int width;

    c->nrows = first_rows(c->b, c->top, MAX_GROUPS);
    width = 300 + (int)(c->nrows * (c->b->sel.nbench + 1)) * 14;
    if (width < 1000)
        width = 1000;
    put_preamble(c, "the scores of each model, a bar per benchmark", width,
                 600);
    lb_buf_adds(&text, "Scores by benchmark: ");
    put_count(c, &text, c->nrows);
    lb_buf_adds(&text, "\nin rank order by ");
    put_what(c, &text, false);
    put_grouped_bars(c, &text, width);
    lb_buf_release(&text);
    return write_rows_dat(c);
}

#define PROFILE_W 1000 /* at least */
#define PROFILE_H 700
#define SPIDER_PX 480  /* the spider's width, at least */
#define SPIDER_LABEL_CHARS 24

static int chart_profile(struct chart *c)
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

        if (bars || row_has_every_score(c->b, row))
            c->rows[n++] = row;
        else
            skipped++;
    }
    c->nrows = n; /* > 0: lb_chart_check saw a row with every score */
    /* the key on the right ("RANK. NAME" after a sample); on both sides of
     * the spider, room for the labels of axes that point sideways */
    key_px = (double)widest_model(c, 4) * CHAR_PX + 90;
    for (j = 0; j < sel->nbench; j++) {
        const char *name = c->t->cols[sel->bench[j]].name;

        axis_px = fmax(axis_px, (double)text_width(name, strlen(name),
                                                   SPIDER_LABEL_CHARS) *
                                    CHAR_PX * 1.1);
    }
    left = 20 + axis_px + 10;
    if (!bars && left + SPIDER_PX + axis_px + 20 + key_px > width)
        width = (int)ceil(left + SPIDER_PX + axis_px + 20 + key_px);
    right = width - key_px - axis_px - 20;
    put_preamble(c,
                 bars ? "the scores of the top models, a bar per benchmark "
                        "(a spider chart needs 3 benchmarks)"
                      : "a spider chart of the top models across the "
                        "benchmarks",
                 bars ? PROFILE_W : width, PROFILE_H);
    lb_buf_adds(&text, "Benchmark profile: ");
    put_count(c, &text, n);
    if (skipped > 0)
        lb_buf_adds(&text, " with every score");
    lb_buf_adds(&text, "\nin rank order by ");
    put_what(c, &text, false);
    if (bars) {
        put_grouped_bars(c, &text, PROFILE_W);
        goto out;
    }

    put_title(c, &text, title_chars(left, right, width));
    if (values_in_0_100(c, false, true, &lo, &hi)) {
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
        put_label(gp, name, strlen(name), SPIDER_LABEL_CHARS);
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
        size_t len;
        const char *m = lb_table_model(c->t, c->rows[i], &len);

        lb_buf_reset(&t);
        put_rank(&t, c->b->ranking.rank2[c->rows[i]]);
        lb_buf_adds(&t, ". ");
        lb_gp_text(&t, m, len, LABEL_CHARS);
        lb_buf_addf(gp, "     keyentry with spiderplot lt %zu title ", i + 1);
        lb_gp_quote(gp, lb_buf_str(&t), t.len);
        lb_buf_adds(gp, i + 1 < n ? ", \\\n" : "\n");
    }
out:
    lb_buf_release(&text);
    lb_buf_release(&t);
    return write_rows_dat(c);
}

/* }====================================================================== */

/* {======================================================================
 * The size chart and its labels
 * ======================================================================= */

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
        put_rank(c->dat, c->b->ranking.rank2[row]);
        lb_buf_addc(c->dat, '\t');
        if (put_coord(c, c->dat, lb_column_num(p, row), 1, p->scale, row) != 0)
            return -1;
        lb_buf_addc(c->dat, '\t');
        if (put_key(c, c->dat, row) != 0)
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
    lb_i128 x = lb_column_num(s->p, s->c->rows[i]), y = lb_column_num(s->p, s->c->rows[j]);

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

static int chart_size(struct chart *c)
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

    c->nrows = rows_with_params(c->b, pc, c->rows);
    nlab = c->top < c->nrows ? c->top : c->nrows;
    c->top = nlab;
    frontier = xcalloc(c->nrows + 1, sizeof *frontier);
    find_frontier(c, p, frontier);

    /* the ranges: the points, with room for labels on the right */
    for (i = 0; i < c->nrows; i++) {
        double x = score_double(c, pc, c->rows[i]);
        double y = key_double(c, c->rows[i]);

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
        px[i] = gx(&g, score_double(c, pc, c->rows[i]));
        py[i] = gy(&g, key_double(c, c->rows[i]));
    }
    for (i = 0; i < nlab; i++) {
        size_t len;
        const char *m = lb_table_model(c->t, c->rows[i], &len);

        chars[i] = text_width(m, len, LABEL_CHARS);
    }
    place_labels(&g, px, py, c->nrows, chars, nlab, spot);

    put_preamble(c, "the ranking's value against the parameter count",
                 SIZE_W, SIZE_H);
    put_what(c, &text, true);
    lb_buf_adds(&text, " against ");
    add_user(&text, p->name, AXIS_LABEL_CHARS);
    lb_buf_addf(&text, "\n%zu ranked model%s with a ", c->nrows,
                c->nrows == 1 ? "" : "s");
    add_user(&text, p->name, AXIS_LABEL_CHARS);
    lb_buf_addf(&text, " value, the top %zu labelled; ringed: no smaller "
                       "model ranks higher",
                nlab);
    put_title(c, &text, title_chars(g.px0, g.px1, SIZE_W));
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
    lb_gp_quote(gp, lb_buf_str(&t), t.len);
    lb_buf_adds(gp, "\nset ylabel ");
    lb_buf_reset(&t);
    put_axis_what(c, &t);
    put_label(gp, lb_buf_str(&t), t.len, 60);
    lb_buf_addc(gp, '\n');
    for (i = 0; i < nlab && rc == 0; i++) {
        size_t row = c->rows[i], len;
        struct spot k = spot_at(spot[i]);
        const char *m = lb_table_model(c->t, row, &len);
        struct lb_buf at = LB_BUF_INIT;

        lb_buf_adds(&at, "at first ");
        rc = put_coord(c, &at, lb_column_num(p, row), 1, p->scale, row);
        lb_buf_adds(&at, ", first ");
        if (rc == 0)
            rc = put_key(c, &at, row);
        lb_buf_addf(gp, "set label %zu ", i + 1);
        put_label(gp, m, len, LABEL_CHARS);
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
                palette[0], palette[1]);
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

/* }====================================================================== */

/* {======================================================================
 * The rank intervals
 * ======================================================================= */

#define RANKS_W 1000

static int chart_ranks(struct chart *c)
{
    struct lb_buf *gp = c->gp;
    struct lb_buf text = LB_BUF_INIT, t = LB_BUF_INIT;
    const struct lb_board *b = c->b;
    const struct lb_ci *ci = &b->ci;
    double left, right = RANKS_W - 150;
    size_t i, n = 0, with = 0, maxr = 1;
    int height;

    /* the ranked rows that have intervals, in rank order */
    for (i = 0; i < b->ranking.n_listed_ranked; i++) {
        size_t row = b->ranking.order[i];

        if (!ci->has[row])
            continue;
        with++;
        if (n < c->top)
            c->rows[n++] = row;
    }
    c->nrows = n; /* > 0: lb_chart_check saw one */
    for (i = 0; i < n; i++)
        if (ci->rank_hi[c->rows[i]] > maxr)
            maxr = ci->rank_hi[c->rows[i]];
    height = 170 + 24 * (int)n;
    if (height < 340)
        height = 340;
    left = (double)widest_model(c, 6) * CHAR_PX + 30;
    put_preamble(c, "each model's 95% rank interval, rank 1 on top",
                 RANKS_W, height);
    lb_buf_adds(&text, "Rank intervals: ");
    if (n >= with)
        lb_buf_addf(&text, "%s %zu ranked model%s with intervals",
                    n == 1 ? "the" : "all", n, n == 1 ? "" : "s");
    else
        lb_buf_addf(&text, "top %zu of %zu ranked models with intervals", n,
                    with);
    lb_buf_adds(&text, "\nranked by ");
    put_what(c, &text, false);
    lb_buf_addf(&text, "\nbar: 95%% of %zu bootstrap draws (seed %llu); dot: "
                       "the rank; ring: upper-bound rank",
                ci->draws, (unsigned long long)ci->seed);
    put_title(c, &text, title_chars(left, right, RANKS_W));
    lb_buf_addf(gp,
                "set lmargin at screen %.4f\n"
                "set rmargin at screen %.4f\n"
                "set xlabel 'rank (1 = best)'\n"
                "set xrange [0.5:%zu.5]\n"
                "set yrange [%zu.5:-0.5]\n"
                "set ytics nomirror scale 0\n",
                left / RANKS_W, right / RANKS_W, maxr, n - 1);
    if (maxr <= 30)
        lb_buf_adds(gp, "set xtics 1\n");
    for (i = 0; i < n; i++) {
        size_t row = c->rows[i], len;
        const char *m = lb_table_model(c->t, row, &len);

        lb_buf_reset(&t);
        put_rank(&t, b->ranking.rank2[row]);
        lb_buf_adds(&t, ". ");
        lb_gp_text(&t, m, len, LABEL_CHARS);
        lb_buf_adds(gp, i == 0 ? "set ytics (" : "set ytics add (");
        lb_gp_quote(gp, lb_buf_str(&t), t.len);
        lb_buf_addf(gp, " %zu)\n", i);
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
                palette[0]);
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
        put_rank(c->dat, b->ranking.rank2[row]);
        (void)lb_dec_round(ci->first[row], (uint32_t)ci->draws, 0, 6, &q);
        lb_dec_format(buf, q, 6);
        lb_buf_addf(c->dat, "\t%u\t%u\t%u\t%s\n", ci->rank_lo[row],
                    ci->rank_hi[row], ci->rank_ub[row], buf);
    }
    lb_buf_release(&text);
    lb_buf_release(&t);
    return 0;
}

/* }====================================================================== */

int lb_chart_write(const struct lb_board *b, enum lb_chart kind,
                   const struct lb_chart_opts *o, struct lb_buf *gp,
                   struct lb_buf *dat, struct lb_error *err)
{
    struct chart c;
    size_t i;
    int rc;

    if (lb_chart_check(b, kind, err) != 0)
        return -1;
    memset(&c, 0, sizeof c);
    c.b = b;
    c.t = b->table;
    c.key = b->sel.sort_col != LB_NPOS ? &b->by_column : &b->mean;
    c.name = chart_names[kind];
    c.term = o->terminal;
    c.ext = lb_terminal_ext(o->terminal);
    c.top = o->top > 0 ? o->top : chart_top[kind];
    c.rows = xcalloc(b->ranking.n_listed_ranked + 1, sizeof *c.rows);
    for (i = 0; i < b->ranking.n_listed_ranked; i++)
        c.rows[i] = b->ranking.order[i];
    c.gp = gp;
    c.dat = dat;
    c.err = err;
    switch (kind) {
    case LB_CHART_AVERAGE:
        rc = chart_average(&c);
        break;
    case LB_CHART_BENCHMARKS:
        rc = chart_benchmarks(&c);
        break;
    case LB_CHART_PROFILE:
        rc = chart_profile(&c);
        break;
    case LB_CHART_RANKS:
        rc = chart_ranks(&c);
        break;
    case LB_CHART_SIZE:
    default:
        rc = chart_size(&c);
        break;
    }
    free(c.rows);
    return rc;
}
