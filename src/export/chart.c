/* chart.c: the charts' table (names, default sizes, captions, builders),
 * what each needs, and the rows and numbers they plot (see chart.h). */
#include "export/chart_impl.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "base/quote.h"
#include "base/xalloc.h"
#include "core/catalog.h"
#include "core/schema.h"
#include "export/chart_layout.h"

struct kind {
    const char *name;    /* file stem */
    size_t top;          /* models shown by default (labelled, for size) */
    const char *caption; /* what it shows */
    int (*draw)(struct chart *c);
    bool battles;        /* drawn from votes, not from a board */
};

static const struct kind kinds[LB_CHART_COUNT] = {
    {"average", 20, "The ranking: the average of each model, rank 1 on top",
     chart_average, false},
    {"benchmarks", 8, "Scores by benchmark of the first models",
     chart_benchmarks, false},
    {"profile", MAX_POLYGONS, "Benchmark profile of the first models",
     chart_profile, false},
    {"size", 10, "Average against parameter count (log scale)",
     chart_size, false},
    {"ranks", 20, "Each model's 95% rank interval, rank 1 on top",
     chart_ranks, false},
    {"ratings", 20, "The ratings from the votes, rank 1 on top, with their "
     "95% intervals", chart_ratings, true},
    {"win-rate", 15, "The observed win rate of each model (row) against "
     "each (column)", chart_win_rate, true},
    {"counts", 15, "The votes between each two models", chart_counts, true},
};

const char *const chart_palette[NPALETTE] = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

const char *lb_chart_name(enum lb_chart c)
{
    return kinds[c].name;
}

const char *lb_chart_caption(enum lb_chart c)
{
    return kinds[c].caption;
}

bool lb_chart_parse(const char *s, enum lb_chart *out)
{
    int i;

    for (i = 0; i < LB_CHART_COUNT; i++)
        if (strcmp(s, kinds[i].name) == 0) {
            *out = (enum lb_chart)i;
            return true;
        }
    return false;
}

bool lb_chart_for_battles(enum lb_chart c)
{
    return kinds[c].battles;
}

/* The names of the charts whose 'battles' is one of 'which' (bit 1: a
 * board's, bit 2: of votes). */
static void list(struct lb_buf *out, const char *last, int which)
{
    int i, n = 0, k = 0;

    for (i = 0; i < LB_CHART_COUNT; i++)
        n += (which >> kinds[i].battles) & 1;
    for (i = 0; i < LB_CHART_COUNT; i++) {
        if (!((which >> kinds[i].battles) & 1))
            continue;
        if (k > 0)
            lb_buf_adds(out, k + 1 == n ? last : ", ");
        lb_buf_adds(out, kinds[i].name);
        k++;
    }
}

void lb_chart_list(struct lb_buf *out, const char *last)
{
    list(out, last, 3);
}

void lb_chart_list_battles(struct lb_buf *out, const char *last)
{
    list(out, last, 2);
}

void lb_chart_list_boards(struct lb_buf *out, const char *last)
{
    list(out, last, 1);
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

bool lb_chart_size_parse(const char *s, int *width, int *height)
{
    long v[2];
    int k;

    for (k = 0; k < 2; k++) {
        char *end;

        if (*s < '0' || *s > '9')
            return false;
        errno = 0;
        v[k] = strtol(s, &end, 10);
        if (errno != 0 || v[k] < LB_CHART_MIN_PX || v[k] > LB_CHART_MAX_PX)
            return false;
        s = end;
        if (k == 0 && *s++ != 'x')
            return false;
    }
    if (*s != '\0')
        return false;
    *width = (int)v[0];
    *height = (int)v[1];
    return true;
}

/* A decimal number s[0..len) as a double; false when it is not one. */
static bool parse_end(const char *s, size_t len, double *out)
{
    struct lb_dec d;

    if (len == 0 || lb_dec_parse(s, len, &d) != LB_NUM_OK)
        return false;
    *out = lb_dec_to_double((lb_i128)d.units, 1, d.scale);
    return isfinite(*out);
}

bool lb_chart_range_parse(const char *s, struct lb_chart_range *out)
{
    const char *colon = strchr(s, ':');
    struct lb_chart_range r = {false, false, 0, 0};

    if (colon == NULL || strchr(colon + 1, ':') != NULL)
        return false;
    if (colon > s) {
        if (!parse_end(s, (size_t)(colon - s), &r.lo))
            return false;
        r.has_lo = true;
    }
    if (colon[1] != '\0') {
        if (!parse_end(colon + 1, strlen(colon + 1), &r.hi))
            return false;
        r.has_hi = true;
    }
    if (!r.has_lo && !r.has_hi)
        return false;
    if (r.has_lo && r.has_hi && !(r.lo < r.hi))
        return false;
    *out = r;
    return true;
}

int lb_chart_size_column(const struct lb_table *t,
                         const struct lb_chart_style *style, size_t *col,
                         struct lb_error *err)
{
    struct lb_quoted q;
    size_t i;

    *col = LB_NPOS;
    if (style == NULL || style->size_column == NULL) {
        *col = lb_chart_params_column(t);
        return 0;
    }
    for (i = 0; i < t->ncols && *col == LB_NPOS; i++)
        if (strcmp(t->cols[i].name, style->size_column) == 0)
            *col = i;
    for (i = 0; i < t->ncols && *col == LB_NPOS; i++)
        if (strcasecmp(t->cols[i].name, style->size_column) == 0)
            *col = i;
    if (*col == LB_NPOS)
        return lb_error_set(err, "%s: " LB_OPT("size-column") ": no column "
                                 "%s",
                            t->path, lb_quotes(&q, style->size_column));
    if (*col == t->model_col || !t->cols[*col].numeric) {
        *col = LB_NPOS;
        return lb_error_set(err, "%s: " LB_OPT("size-column") ": column %s "
                                 "does not hold numbers",
                            t->path, lb_quotes(&q, style->size_column));
    }
    return 0;
}

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

/* The first 'want' ranked rows and the rows tied with the last of them (as
 * rank --top does), at most 'max'. */
size_t chart_first_rows(const struct lb_board *b, size_t want, size_t max)
{
    const struct lb_ranking *k = &b->ranking;
    size_t n = k->n_listed_ranked, m = want < n ? want : n;

    while (m > 0 && m < n && k->rank2[k->order[m]] == k->rank2[k->order[m - 1]])
        m++;
    return m < max ? m : max;
}

bool chart_row_complete(const struct lb_board *b, size_t row)
{
    size_t j;

    for (j = 0; j < b->sel.nbench; j++)
        if (lb_column_missing(&b->table->cols[b->sel.bench[j]], row))
            return false;
    return true;
}

/* The ranked rows that have a positive value in column pc. */
size_t chart_rows_with_params(const struct lb_board *b, size_t pc,
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

/* "model" when each row of the board has a model of its own (a count of
 * rows is then a count of models), else "row" (core/models.h). */
static const char *row_noun(const struct lb_board *b)
{
    struct lb_model_counts m;

    lb_board_models(b, &m);
    return lb_models_are_rows(&m, b->ranking.nrows) ? "model" : "row";
}

int lb_chart_check(const struct lb_board *b, enum lb_chart c,
                   struct lb_error *err)
{
    return lb_chart_check_style(b, c, NULL, err);
}

int lb_chart_check_style(const struct lb_board *b, enum lb_chart c,
                         const struct lb_chart_style *style,
                         struct lb_error *err)
{
    size_t pc;

    if (kinds[c].battles)
        return lb_error_set(err, "%s: chart '%s' is drawn from votes (a file "
                                 "of model_a, model_b, winner), not from "
                                 "scores",
                            b->table->path, kinds[c].name);
    if (b->ranking.n_listed_ranked == 0)
        return lb_error_set(err, "%s: no ranked model to plot", b->table->path);
    if ((c == LB_CHART_BENCHMARKS && b->sel.nbench > MAX_BAR_BENCHMARKS) ||
        (c == LB_CHART_PROFILE && b->sel.nbench > MAX_SPIDER_AXES))
        return lb_error_set(err,
                            "%s: chart '%s': %zu benchmarks are more than it "
                            "can show (%d); choose some with "
                            LB_OPT("benchmarks"),
                            b->table->path, kinds[c].name, b->sel.nbench,
                            c == LB_CHART_PROFILE ? MAX_SPIDER_AXES
                                                  : MAX_BAR_BENCHMARKS);
    if (c == LB_CHART_PROFILE && b->sel.nbench < MIN_SPIDER_AXES)
        return lb_error_set(err,
                            "%s: chart 'profile' needs %d benchmarks or more "
                            "(%zu chosen); chart 'benchmarks' shows %s",
                            b->table->path, MIN_SPIDER_AXES, b->sel.nbench,
                            b->sel.nbench == 1 ? "it" : "them");
    if (c == LB_CHART_PROFILE) {
        size_t i;

        /* a polygon needs every score (--missing partial or zero rank
         * models that lack some) */
        for (i = 0; i < b->ranking.n_listed_ranked; i++)
            if (chart_row_complete(b, b->ranking.order[i]))
                return 0;
        return lb_error_set(err,
                            "%s: chart 'profile': no ranked model has a "
                            "score for every benchmark",
                            b->table->path);
    }
    if (c == LB_CHART_RANKS) {
        size_t i;

        for (i = 0; lb_board_has_ci(b) && i < b->ranking.n_listed_ranked; i++)
            if (b->ci.has[b->ranking.order[i]])
                return 0;
        if (b->ci.too_many) {
            const char *noun = row_noun(b);

            return lb_error_set(err,
                                "%s: chart 'ranks': %zu draws of %zu ranked "
                                "%ss are more than leaderboard keeps (%d "
                                "values); lower " LB_OPT("bootstrap")
                                " or rank fewer %ss (" LB_OPT("where") ")",
                                b->table->path, b->ci.draws, b->ci.ranked,
                                noun, LB_CI_MAX_CELLS, noun);
        }
        return lb_error_set(err,
                            "%s: chart 'ranks' needs a standard error for "
                            "every score (NAME_stderr columns or "
                            LB_OPT("stderr") " NAME=VALUE)",
                            b->table->path);
    }
    if (c != LB_CHART_SIZE)
        return 0;
    if (lb_chart_size_column(b->table, style, &pc, err) != 0)
        return -1;
    if (pc == LB_NPOS)
        return lb_error_set(err,
                            "%s: chart 'size' needs a column of parameter "
                            "counts (params_b, params, parameters or "
                            "num_params, or name one with "
                            LB_OPT("size-column") ")",
                            b->table->path);
    if (chart_rows_with_params(b, pc, NULL) == 0)
        return lb_error_set(err,
                            "%s: chart 'size': no ranked model has a "
                            "positive %s value",
                            b->table->path, b->table->cols[pc].name);
    return 0;
}

/* Appends num / (den * 10^scale) exactly rounded to COORD_DECIMALS, without
 * trailing zeros ("69.416667", "50", "-0.5"). */
int chart_coord(struct chart *c, struct lb_buf *out, lb_i128 num,
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
int chart_key(struct chart *c, struct lb_buf *out, size_t row)
{
    lb_i128 num;
    uint32_t den;

    (void)lb_aggregate_get(c->key, row, &num, &den);
    return chart_coord(c, out, num, den > 0 ? den : 1, c->key->scale, row);
}

/* The ranking's value of a row as a double (for geometry only). */
double chart_key_double(const struct chart *c, size_t row)
{
    lb_i128 num;
    uint32_t den;

    (void)lb_aggregate_get(c->key, row, &num, &den);
    return lb_dec_to_double(num, den > 0 ? den : 1, c->key->scale);
}

double chart_score_double(const struct chart *c, size_t col, size_t row)
{
    const struct lb_column *k = &c->t->cols[col];

    return lb_dec_to_double(lb_column_num(k, row), 1, k->scale);
}

/* A double (an interval's bound) with COORD_DECIMALS, without trailing
 * zeros; NaN as "NaN". */
void chart_double(struct lb_buf *out, double v)
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

void chart_rank(struct lb_buf *b, int64_t rank2)
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
int chart_rows_dat(struct chart *c, bool scores)
{
    const struct lb_board *b = c->b;
    size_t i, j, nscores = scores ? b->sel.nbench : 0;

    lb_buf_addf(c->dat,
                "# %s.dat: data of %s.gp, written by 'leaderboard plot'\n"
                "# one line per model in rank order: row index, rank, the "
                "ranking's value,\n"
                "# that value at %u decimals%s%s\n"
                "# row\trank\tvalue\tshown",
                c->name, c->name, b->opts.rank.precision,
                scores ? ", then the score of each benchmark (NaN: missing)"
                       : "",
                c->intervals ? ",\n# then the value's 95% interval (NaN: "
                               "none) and where its label starts"
                             : "");
    for (j = 0; j < nscores; j++)
        lb_buf_addf(c->dat, "\tscore_%zu", j + 1);
    if (c->intervals)
        lb_buf_adds(c->dat, "\tci_low\tci_high\tlabel_at");
    lb_buf_addc(c->dat, '\n');
    for (i = 0; i < c->nrows; i++) {
        size_t row = c->rows[i];
        char buf[LB_DEC_BUFSIZE];
        lb_i128 shown = 0;

        lb_buf_addf(c->dat, "%zu\t", i);
        chart_rank(c->dat, b->ranking.rank2[row]);
        lb_buf_addc(c->dat, '\t');
        if (chart_key(c, c->dat, row) != 0)
            return -1;
        lb_buf_addc(c->dat, '\t');
        /* rounding cannot fail here: the ranking rounded every key */
        (void)lb_aggregate_round(c->key, row, b->opts.rank.precision, &shown);
        lb_buf_add(c->dat, buf,
                   lb_dec_format(buf, shown, b->opts.rank.precision));
        for (j = 0; j < nscores; j++) {
            const struct lb_column *k = &c->t->cols[b->sel.bench[j]];

            lb_buf_addc(c->dat, '\t');
            if (lb_column_missing(k, row))
                lb_buf_adds(c->dat, "NaN");
            else if (chart_coord(c, c->dat, lb_column_num(k, row), 1, k->scale, row) != 0)
                return -1;
        }
        if (c->intervals) {
            lb_buf_addc(c->dat, '\t');
            chart_double(c->dat, b->ci.has[row] ? b->ci.lo[row] : NAN);
            lb_buf_addc(c->dat, '\t');
            chart_double(c->dat, b->ci.has[row] ? b->ci.hi[row] : NAN);
            /* where the value's label starts: after the bar or the
             * interval, whichever ends later */
            lb_buf_addc(c->dat, '\t');
            {
                double v = chart_key_double(c, row), end = v < 0 ? 0 : v;

                if (b->ci.has[row] && b->ci.hi[row] > end)
                    end = b->ci.hi[row];
                chart_double(c->dat, end);
            }
        }
        lb_buf_addc(c->dat, '\n');
    }
    return 0;
}

/* Whether every plotted value (the ranking's and, with 'scores', every
 * benchmark score) lies in [0, 100]: then the chart uses that fixed scale.
 * Sets *lo and *hi to the smallest and largest value. */
bool chart_in_0_100(const struct chart *c, bool key, bool scores,
                            double *lo, double *hi)
{
    size_t i, j;

    *lo = HUGE_VAL;
    *hi = -HUGE_VAL;
    for (i = 0; i < c->nrows; i++) {
        size_t row = c->rows[i];
        double v;

        if (key) {
            v = chart_key_double(c, row);
            *lo = v < *lo ? v : *lo;
            *hi = v > *hi ? v : *hi;
        }
        for (j = 0; scores && j < c->b->sel.nbench; j++) {
            size_t col = c->b->sel.bench[j];

            if (lb_column_missing(&c->t->cols[col], row))
                continue;
            v = chart_score_double(c, col, row);
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

void chart_embed_data(struct lb_buf *gp, struct lb_buf *dat)
{
    struct lb_buf all = LB_BUF_INIT;

    lb_buf_adds(&all, "$data << EOD\n");
    lb_buf_add(&all, lb_buf_str(dat), dat->len);
    lb_buf_adds(&all, "EOD\n");
    lb_buf_add(&all, lb_buf_str(gp), gp->len);
    lb_buf_release(gp);
    *gp = all;
    lb_buf_reset(dat);
}

/* The raw model name of row. */
static const char *raw_name(const struct chart *c, size_t row, size_t *len)
{
    if (c->bt != NULL)
        return lb_battles_name(c->bt->data, row, len);
    return lb_table_model(c->t, row, len);
}

static void make_labels_max(struct chart *c, const lb_row *order, size_t n,
                            size_t max_chars);

void chart_labels(struct chart *c, size_t n, double chars)
{
    lb_row *order;
    size_t i, max;

    max = !(chars < LABEL_CHARS) ? LABEL_CHARS
          : chars < 8             ? 8
                                  : (size_t)chars;
    if (n > c->nrows)
        n = c->nrows;
    order = xcalloc(n + 1, sizeof *order);
    for (i = 0; i < n; i++)
        order[i] = (lb_row)c->rows[i];
    for (i = 0; i < c->nlabel; i++)
        free(c->label[i]);
    free(c->label);
    c->label = NULL;
    c->nlabel = 0;
    make_labels_max(c, order, n, max);
    free(order);
}

/* c->label for the rows order[0..n): shortened together to max_chars, so
 * that the names drawn stay distinct. */
static void make_labels_max(struct chart *c, const lb_row *order, size_t n,
                            size_t max_chars)
{
    const char **names = xcalloc(n + 1, sizeof *names);
    size_t *lens = xcalloc(n + 1, sizeof *lens), i, max = 0;
    char **out = xcalloc(n + 1, sizeof *out);

    for (i = 0; i < n; i++) {
        names[i] = raw_name(c, order[i], &lens[i]);
        max = order[i] + 1 > max ? order[i] + 1 : max;
    }
    lb_chart_shorten(names, lens, n, max_chars, out);
    c->nlabel = max;
    c->label = xcalloc(max + 1, sizeof *c->label);
    for (i = 0; i < n; i++) {
        free(c->label[order[i]]);
        c->label[order[i]] = out[i];
    }
    free(out);
    free(names);
    free(lens);
}

const char *chart_model(const struct chart *c, size_t row, size_t *len)
{
    const char *s = row < c->nlabel ? c->label[row] : NULL;

    if (s == NULL) /* not labelled (chart_labels): not drawn */
        s = "";
    *len = strlen(s);
    return s;
}

/* Draws chart 'kind' from c (its source set: board or votes) over the
 * ranked rows order[0..n), with the options o: the part of a chart that
 * does not depend on where its rows come from. */
static int draw(struct chart *c, enum lb_chart kind,
                const struct lb_chart_opts *o, const lb_row *order, size_t n,
                struct lb_buf *gp, struct lb_buf *dat, struct lb_error *err)
{
    size_t i;
    int rc;

    c->name = kinds[kind].name;
    c->term = o->terminal;
    c->ext = lb_terminal_ext(o->terminal);
    c->top = o->top > 0 ? o->top : kinds[kind].top;
    c->embed = o->embed;
    c->rows = xcalloc(n + 1, sizeof *c->rows);
    for (i = 0; i < n; i++)
        c->rows[i] = order[i];
    c->gp = gp;
    c->dat = dat;
    c->err = err;
    c->style = &o->style;
    rc = kinds[kind].draw(c);
    for (i = 0; i < c->nlabel; i++)
        free(c->label[i]);
    free(c->label);
    free(c->rows);
    if (rc == 0 && c->embed)
        chart_embed_data(gp, dat);
    return rc;
}

int lb_chart_write(const struct lb_board *b, enum lb_chart kind,
                   const struct lb_chart_opts *o, struct lb_buf *gp,
                   struct lb_buf *dat, struct lb_error *err)
{
    struct chart c;

    if (lb_chart_check_style(b, kind, &o->style, err) != 0)
        return -1;
    memset(&c, 0, sizeof c);
    c.b = b;
    c.t = b->table;
    c.noun = row_noun(b);
    c.key = b->sel.sort_col != LB_NPOS ? &b->by_column : &b->mean;
    return draw(&c, kind, o, b->ranking.order, b->ranking.n_listed_ranked, gp,
                dat, err);
}

int lb_chart_check_battles(const struct lb_battles *b, enum lb_chart c,
                           struct lb_error *err)
{
    if (!kinds[c].battles)
        return lb_error_set(err, "chart '%s' is drawn from a score file, not "
                                 "from votes",
                            kinds[c].name);
    if (b->ranking.n_listed_ranked == 0)
        return lb_error_set(err, "chart '%s': no rated model to plot",
                            kinds[c].name);
    if (c != LB_CHART_RATINGS && b->ranking.n_listed_ranked < 2)
        return lb_error_set(err, "chart '%s' needs two rated models",
                            kinds[c].name);
    return 0;
}

int lb_chart_write_battles(const struct lb_battles *b, enum lb_chart kind,
                           const struct lb_chart_opts *o, struct lb_buf *gp,
                           struct lb_buf *dat, struct lb_error *err)
{
    struct chart c;

    if (lb_chart_check_battles(b, kind, err) != 0)
        return -1;
    memset(&c, 0, sizeof c);
    c.bt = b;
    c.nrows = b->ranking.n_listed_ranked;
    return draw(&c, kind, o, b->ranking.order, c.nrows, gp, dat, err);
}
