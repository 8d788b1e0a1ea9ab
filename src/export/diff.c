/* diff.c: a comparison of two boards (core/diff.h) as a table view.
 *
 * People read: Rank, Move (an arrow and the number of places, "new",
 * "removed"; an arrow up is a better rank, whichever way the values go),
 * Was (the old rank), Model, Precision (when it is part of the key), the
 * value ranked (Average, or the method's or the --sort column's name),
 * Change, Scores changed ("ARC 66.04 → 67.00"), Metadata changed ("license
 * mit → apache-2.0", when a model's metadata changed), under a title that
 * says what the value is and counts what changed. Programs read: status,
 * rank, old_rank, rank_change (positive: up), model, precision, average
 * (the value ranked), old_average, average_change, the changed scores and
 * metadata (CSV and TSV: "ARC 66.04 -> 67.00", "license mit -> apache-2.0";
 * JSON: "changes": {"ARC": {"old": 66.04, "new": 67.00}},
 * "metadata_changes": {"license": {"old": "mit", "new": "apache-2.0"}}),
 * and knock_on (true: moved only because others changed). */
#include "export/diff.h"

#include <stdlib.h>
#include <string.h>

#include "base/decimal.h"
#include "base/xalloc.h"
#include "export/meta.h"
#include "export/ranking_words.h"
#include "export/schema_words.h"

#define UP "\xE2\x86\x91"    /* U+2191 UPWARDS ARROW */
#define DOWN "\xE2\x86\x93"  /* U+2193 DOWNWARDS ARROW */
#define ARROW " \xE2\x86\x92 " /* U+2192 RIGHTWARDS ARROW */

enum kind {
    K_RANK,
    K_MOVE,
    K_WAS,
    K_MODEL,
    K_PRECISION,
    K_SHOWN,     /* the average shown: new, else old */
    K_CHANGE,    /* people: "+0.52" */
    K_CHANGES,   /* the changed scores as text */
    K_STATUS,
    K_OLD_RANK,
    K_RANK_CHANGE,
    K_AVERAGE,   /* programs: the new average */
    K_OLD_AVERAGE,
    K_AVG_CHANGE,
    K_BENCH_OLD, /* JSON: a changed benchmark's old value */
    K_BENCH_NEW,
    K_META,      /* the changed metadata as text */
    K_META_OLD,  /* JSON: a changed metadata column's old value */
    K_META_NEW,
    K_KNOCK_ON   /* programs: true, false, or missing (in one board) */
};

/* A view column's 'what' is its kind, its 'arg' the benchmark (K_BENCH_*)
 * or the metadata column (K_META_*). */

struct diff_view {
    const struct lb_diff *d;
    size_t *entries; /* the entries listed (owned) */
    const char *arrow; /* between old and new in the changed scores */
};

/* {======================================================================
 * Cells
 * ======================================================================= */

static void put_value(struct lb_cell *c, const struct lb_diff_value *v,
                      unsigned p)
{
    if (v->has)
        lb_cell_dec(c, v->units, p);
    else
        lb_cell_missing(c);
}

/* Text from a table, absent (people) or missing (programs) when empty. */
static void put_text(struct lb_cell *c, const char *s, size_t len,
                     bool people)
{
    if (len > 0)
        lb_cell_text(c, s, len);
    else if (people)
        lb_cell_absent(c);
    else
        lb_cell_missing(c);
}

static void add_value(struct lb_buf *b, const struct lb_diff_value *v,
                      unsigned p)
{
    char num[LB_DEC_BUFSIZE];

    if (!v->has)
        lb_buf_addc(b, '-');
    else
        lb_buf_add(b, num, lb_dec_format(num, v->units, p));
}

/* "ARC 66.04 -> 67.00, MMLU - -> 70.10"; absent (people) or missing when
 * none changed. */
static void put_changes(const struct diff_view *D, size_t i, bool people,
                        struct lb_cell *c)
{
    const struct lb_diff *d = D->d;
    unsigned p = d->new_b->opts.rank.precision;
    struct lb_buf *b = lb_cell_buf(c);
    size_t k;

    if (d->e[i].old_row != LB_NPOS && d->e[i].new_row != LB_NPOS)
        for (k = 0; k < d->nbench; k++) {
            if (!lb_diff_bench_changed(d, i, k))
                continue;
            lb_buf_addf(b, "%s%s ", b->len > 0 ? ", " : "", d->bench[k].name);
            add_value(b, &d->old_v[i * d->nbench + k], p);
            lb_buf_adds(b, D->arrow);
            add_value(b, &d->new_v[i * d->nbench + k], p);
        }
    if (b->len > 0)
        lb_cell_take(c);
    else
        put_text(c, "", 0, people);
}

/* Whether metadata column k's cell of entry i in one board is missing:
 * missing text, or a number the schema reads as missing (a -1 sentinel),
 * as lb_diff_meta_changed compares it. */
static bool meta_missing(const struct lb_diff *d, size_t i, size_t k, bool old,
                         const char *s, size_t len)
{
    const struct lb_diff_entry *e = &d->e[i];
    const struct lb_table *t = old ? d->old_b->table : d->new_b->table;
    size_t col = old ? d->meta[k].old_col : d->meta[k].new_col;

    if (d->meta[k].numeric)
        return lb_column_missing(&t->cols[col], old ? e->old_row : e->new_row);
    return lb_is_missing_text(s, len);
}

/* Metadata column k's cell of entry i in one board, as written; "-" when
 * missing. */
static void add_meta_value(struct lb_buf *b, const struct lb_diff *d, size_t i,
                           size_t k, bool old)
{
    const struct lb_diff_entry *e = &d->e[i];
    const struct lb_table *t = old ? d->old_b->table : d->new_b->table;
    size_t len, col = old ? d->meta[k].old_col : d->meta[k].new_col;
    const char *s = lb_table_text(t, col, old ? e->old_row : e->new_row, &len);

    if (meta_missing(d, i, k, old, s, len))
        lb_buf_addc(b, '-');
    else
        lb_buf_add(b, s, len);
}

/* "license mit -> apache-2.0, params_b - -> 7"; absent (people) or missing
 * when none changed. */
static void put_meta_changes(const struct diff_view *D, size_t i, bool people,
                             struct lb_cell *c)
{
    const struct lb_diff *d = D->d;
    struct lb_buf *b = lb_cell_buf(c);
    size_t k;

    for (k = 0; k < d->nmeta; k++) {
        if (!lb_diff_meta_changed(d, i, k))
            continue;
        lb_buf_addf(b, "%s%s ", b->len > 0 ? ", " : "", d->meta[k].name);
        add_meta_value(b, d, i, k, true);
        lb_buf_adds(b, D->arrow);
        add_meta_value(b, d, i, k, false);
    }
    if (b->len > 0)
        lb_cell_take(c);
    else
        put_text(c, "", 0, people);
}

/* JSON: a changed metadata value, a number when the column holds numbers
 * in both files (its digits as written), else text as written; absent when it
 * did not change. */
static void put_meta(const struct lb_diff *d, size_t i,
                     const struct lb_view_col *k, struct lb_cell *c)
{
    const struct lb_diff_entry *e = &d->e[i];
    const struct lb_diff_meta *m = &d->meta[k->arg];
    bool old = k->what == K_META_OLD;
    const struct lb_table *t = old ? d->old_b->table : d->new_b->table;
    size_t col = old ? m->old_col : m->new_col;
    size_t row = old ? e->old_row : e->new_row, len;
    const char *s;
    struct lb_dec x;

    if (!lb_diff_meta_changed(d, i, k->arg)) {
        lb_cell_absent(c);
        return;
    }
    s = lb_table_text(t, col, row, &len);
    if (meta_missing(d, i, k->arg, old, s, len)) {
        lb_cell_missing(c);
    } else if (m->numeric) {
        /* its digits as written (210.5, not the column's 210.5000000);
         * the column's value when the text is not a bare number (77%) */
        if (lb_dec_parse(s, len, &x) != LB_NUM_OK)
            lb_column_dec(&t->cols[col], row, &x);
        lb_cell_digits(c, lb_dec_format(c->num, x.units, x.scale));
    } else {
        lb_cell_text(c, s, len);
    }
}

/* true or false (written as they are: a JSON literal, a word in CSV);
 * missing for a model in one board only. */
static void put_knock_on(const struct lb_diff_entry *e, struct lb_cell *c)
{
    const char *w = e->knock_on ? "true" : "false";
    size_t n = strlen(w);

    if (e->old_row == LB_NPOS || e->new_row == LB_NPOS) {
        lb_cell_missing(c);
        return;
    }
    memcpy(c->num, w, n);
    lb_cell_digits(c, n);
}

/* "new", "removed", "ranked", "unranked", "↑ 2", "↓ 1.5", or absent. */
static void put_move(const struct lb_diff_entry *e, struct lb_cell *c)
{
    struct lb_buf *b = lb_cell_buf(c);
    char num[32];

    if (e->status == LB_DIFF_ADDED)
        lb_buf_adds(b, "new");
    else if (e->status == LB_DIFF_REMOVED)
        lb_buf_adds(b, "removed");
    else if (e->old_rank2 == 0 && e->new_rank2 != 0)
        lb_buf_adds(b, "ranked");
    else if (e->old_rank2 != 0 && e->new_rank2 == 0)
        lb_buf_adds(b, "unranked");
    else if (e->old_rank2 > e->new_rank2)
        lb_buf_addf(b, UP " %.*s", (int)lb_rank_text(num, e->old_rank2 - e->new_rank2), num);
    else if (e->old_rank2 < e->new_rank2)
        lb_buf_addf(b, DOWN " %.*s", (int)lb_rank_text(num, e->new_rank2 - e->old_rank2), num);
    if (b->len > 0)
        lb_cell_take(c);
    else
        lb_cell_absent(c);
}

/* Old rank - new rank (positive: up), in places. */
static void put_rank_change(const struct lb_diff_entry *e, struct lb_cell *c)
{
    int64_t d2 = (int64_t)e->old_rank2 - (int64_t)e->new_rank2;
    size_t n = 0;

    if (e->old_rank2 == 0 || e->new_rank2 == 0) {
        lb_cell_missing(c);
        return;
    }
    if (d2 < 0)
        c->num[n++] = '-';
    n += lb_rank_text(c->num + n, d2 < 0 ? -d2 : d2);
    lb_cell_digits(c, n);
}

static void put_bench(const struct lb_diff *d, size_t i,
                      const struct lb_view_col *k,
                      struct lb_cell *c)
{
    const struct lb_diff_value *v;

    if (d->e[i].old_row == LB_NPOS || d->e[i].new_row == LB_NPOS ||
        !lb_diff_bench_changed(d, i, k->arg)) {
        lb_cell_absent(c);
        return;
    }
    v = k->what == K_BENCH_OLD ? &d->old_v[i * d->nbench + k->arg]
                               : &d->new_v[i * d->nbench + k->arg];
    put_value(c, v, d->new_b->opts.rank.precision);
}

static const char *model_of(const struct lb_diff *d, size_t i, size_t *len)
{
    const struct lb_diff_entry *e = &d->e[i];

    if (e->new_row != LB_NPOS)
        return lb_table_model(d->new_b->table, e->new_row, len);
    return lb_table_model(d->old_b->table, e->old_row, len);
}

static const char *precision_of(const struct lb_diff *d, size_t i,
                                size_t *len)
{
    const struct lb_diff_entry *e = &d->e[i];

    if (e->new_row != LB_NPOS)
        return lb_table_text(d->new_b->table, d->new_prec, e->new_row, len);
    return lb_table_text(d->old_b->table, d->old_prec, e->old_row, len);
}

static void put_cell(const struct diff_view *D, bool people, size_t i,
                     const struct lb_view_col *k, struct lb_cell *c)
{
    const struct lb_diff *d = D->d;
    const struct lb_diff_entry *e = &d->e[i];
    unsigned p = d->new_b->opts.rank.precision;
    const char *s;
    size_t len;

    switch ((enum kind)k->what) {
    case K_RANK:
        lb_cell_rank(c, e->new_rank2);
        break;
    case K_MOVE:
        put_move(e, c);
        break;
    case K_WAS:
        if (e->old_row == LB_NPOS)
            lb_cell_absent(c);
        else
            lb_cell_rank(c, e->old_rank2);
        break;
    case K_MODEL:
        s = model_of(d, i, &len);
        lb_cell_text(c, s, len);
        break;
    case K_PRECISION:
        s = precision_of(d, i, &len);
        put_text(c, s, len, people);
        break;
    case K_SHOWN:
        put_value(c, e->new_row != LB_NPOS ? &e->new_mean : &e->old_mean, p);
        break;
    case K_CHANGE:
        if (e->mean_changed && e->old_mean.has && e->new_mean.has)
            lb_cell_delta(c, e->new_mean.units - e->old_mean.units, p);
        else
            lb_cell_absent(c);
        break;
    case K_CHANGES:
        put_changes(D, i, people, c);
        break;
    case K_META:
        put_meta_changes(D, i, people, c);
        break;
    case K_META_OLD:
    case K_META_NEW:
        put_meta(d, i, k, c);
        break;
    case K_KNOCK_ON:
        put_knock_on(e, c);
        break;
    case K_STATUS:
        lb_cell_word(c, lb_diff_status_name(e->status));
        break;
    case K_OLD_RANK:
        lb_cell_rank(c, e->old_rank2);
        break;
    case K_RANK_CHANGE:
        put_rank_change(e, c);
        break;
    case K_AVERAGE:
        if (e->new_row != LB_NPOS)
            put_value(c, &e->new_mean, p);
        else
            lb_cell_missing(c);
        break;
    case K_OLD_AVERAGE:
        if (e->old_row != LB_NPOS)
            put_value(c, &e->old_mean, p);
        else
            lb_cell_missing(c);
        break;
    case K_AVG_CHANGE:
        if (e->old_mean.has && e->new_mean.has && e->old_row != LB_NPOS &&
            e->new_row != LB_NPOS)
            lb_cell_delta(c, e->new_mean.units - e->old_mean.units, p);
        else
            lb_cell_missing(c);
        break;
    default:
        put_bench(d, i, k, c);
        break;
    }
}

static int diff_cells(const struct lb_view *v, size_t i, struct lb_cell *cells,
                      struct lb_error *err)
{
    const struct diff_view *D = v->data;
    size_t j;

    (void)err;
    for (j = 0; j < v->ncols; j++)
        put_cell(D, v->audience == LB_FOR_PEOPLE, D->entries[i], &v->cols[j],
                 &cells[j]);
    return 0;
}

static bool diff_dim(const struct lb_view *v, size_t i)
{
    const struct diff_view *D = v->data;

    return D->d->e[D->entries[i]].status == LB_DIFF_REMOVED;
}

/* }====================================================================== */

/* The value ranked, as people read its header: the --sort column's name,
 * else the method's ("Average", "Mean rank", ...). */
static const char *value_header(const struct lb_diff *d)
{
    const struct lb_board *b = d->new_b;

    if (b->sel.sort_col != LB_NPOS)
        return b->table->cols[b->sel.sort_col].name;
    return lb_method_header(b->mean.method);
}

static void people_columns(struct lb_view *v, const struct lb_diff *d)
{
    int better = lb_diff_lower_is_better(d) ? -1 : 1;

    lb_view_col_is(lb_view_add_num(v, "Rank", "rank", -1), K_RANK, 0)->rank =
        true;
    lb_view_col_is(lb_view_add_col(v, "Move", "move"), K_MOVE, 0)->right = true;
    lb_view_col_is(lb_view_add_num(v, "Was", "was", -1), K_WAS, 0);
    lb_view_col_is(lb_view_add_col(v, "Model", "model"), K_MODEL, 0)->names = true;
    if (d->new_prec != LB_NPOS)
        lb_view_col_is(lb_view_add_col(v, "Precision", "precision"), K_PRECISION,
            0);
    lb_view_col_is(lb_view_add_num(v, value_header(d), "average", better),
        K_SHOWN, 0);
    lb_view_col_is(lb_view_add_num(v, "Change", "change", better), K_CHANGE, 0);
    lb_view_col_is(lb_view_add_col(v, "Scores changed", "changes"), K_CHANGES, 0);
    /* only when some model's metadata changed: most diffs have none */
    if (d->meta_changed > 0)
        lb_view_col_is(
            lb_view_add_col(v, "Metadata changed", "metadata_changes"), K_META,
            0);
}

static void program_columns(struct lb_view *v, const struct lb_diff *d)
{
    int better = lb_diff_lower_is_better(d) ? -1 : 1;
    struct lb_view_col *c;
    size_t k;

    lb_view_col_is(lb_view_add_col(v, "Status", "status"), K_STATUS, 0);
    lb_view_col_is(lb_view_add_num(v, "Rank", "rank", -1), K_RANK, 0);
    lb_view_col_is(lb_view_add_num(v, "Old rank", "old_rank", -1), K_OLD_RANK, 0);
    lb_view_col_is(lb_view_add_num(v, "Rank change", "rank_change", 1),
        K_RANK_CHANGE, 0);
    lb_view_col_is(lb_view_add_col(v, "Model", "model"), K_MODEL, 0)->names = true;
    if (d->new_prec != LB_NPOS)
        lb_view_col_is(lb_view_add_col(v, "Precision", "precision"), K_PRECISION,
            0);
    lb_view_col_is(lb_view_add_num(v, "Average", "average", better), K_AVERAGE,
        0);
    lb_view_col_is(lb_view_add_num(v, "Old average", "old_average", better),
        K_OLD_AVERAGE, 0);
    lb_view_col_is(lb_view_add_num(v, "Average change", "average_change",
                       better),
        K_AVG_CHANGE, 0);
    if (v->audience == LB_FOR_TABLES) {
        lb_view_col_is(lb_view_add_col(v, "Changes", "changes"), K_CHANGES, 0);
        lb_view_col_is(
            lb_view_add_col(v, "Metadata changes", "metadata_changes"), K_META,
            0);
        lb_view_col_is(lb_view_add_num(v, "Knock-on", "knock_on", 0),
            K_KNOCK_ON, 0);
        return;
    }
    for (k = 0; k < d->nbench; k++) {
        /* each benchmark's own direction, as its schema says */
        const struct lb_column *col =
            &d->new_b->table->cols[d->bench[k].new_col];
        int bb = lb_column_lower_better(col) ? -1 : 1;

        c = lb_view_col_is(lb_view_add_num(v, "old", "old", bb), K_BENCH_OLD,
            k);
        c->group = "changes";
        c->sub = d->bench[k].name;
        c = lb_view_col_is(lb_view_add_num(v, "new", "new", bb), K_BENCH_NEW,
            k);
        c->group = "changes";
        c->sub = d->bench[k].name;
    }
    for (k = 0; k < d->nmeta; k++) {
        c = lb_view_col_is(lb_view_add_col(v, "old", "old"), K_META_OLD, k);
        c->group = "metadata_changes";
        c->sub = d->meta[k].name;
        c = lb_view_col_is(lb_view_add_col(v, "new", "new"), K_META_NEW, k);
        c->group = "metadata_changes";
        c->sub = d->meta[k].name;
    }
    lb_view_col_is(lb_view_add_num(v, "Knock-on", "knock_on", 0), K_KNOCK_ON,
        0);
}

/* {======================================================================
 * The words around the table
 * ======================================================================= */

#define NAMES_SHOWN 10 /* columns named in a line; then "and N more" */

/* "a, b, c" (at most NAMES_SHOWN, then "and N more"). */
static void column_names(struct lb_buf *out, const struct lb_table *t,
                         const size_t *cols, size_t n)
{
    size_t k;

    for (k = 0; k < n && k < NAMES_SHOWN; k++)
        lb_buf_addf(out, "%s%s", k ? ", " : "", t->cols[cols[k]].name);
    if (n > NAMES_SHOWN)
        lb_buf_addf(out, " and %zu more", n - NAMES_SHOWN);
}

/* The counts: what was added and removed, then the three facts about the
 * models in both (core/diff.h), each counted apart. */
static void counts(const struct lb_diff *d, bool knock_on_hidden,
                   const char *old_name, const char *new_name,
                   struct lb_buf *out)
{
    lb_buf_addf(out, "%s -> %s: %zu added, %zu removed; of the %zu in both, "
                     "%zu moved (%zu only because others changed%s), %zu "
                     "with changed scores, %zu with changed metadata, %zu "
                     "unchanged (a model may be in several counts).\n",
                old_name, new_name, d->added, d->removed, d->in_both,
                d->moved, d->knock_on, knock_on_hidden ? ", not listed" : "",
                d->scores_changed, d->meta_changed, d->same);
}

/* What --where and --dedup left out of each file. */
static void left_out(const struct lb_diff *d, const char *old_name,
                     const char *new_name, struct lb_buf *out)
{
    const struct lb_board *o = d->old_b, *n = d->new_b;

    if (n->opts.where != NULL)
        lb_buf_addf(out, "Left out by --where '%s': %zu row%s of %s, %zu of "
                         "%s.\n",
                    n->opts.where, o->n_filtered,
                    o->n_filtered == 1 ? "" : "s", old_name, n->n_filtered,
                    new_name);
    if (n->opts.dedup != LB_DEDUP_NONE)
        lb_buf_addf(out, "Left out by --dedup %s (one row per model): %zu "
                         "row%s of %s, %zu of %s.\n",
                    lb_dedup_name(n->opts.dedup), o->n_duplicates,
                    o->n_duplicates == 1 ? "" : "s", old_name,
                    n->n_duplicates, new_name);
}

/* The lines under the board's title: the counts, how scores compare, the
 * benchmarks and columns that differ, the rows left out. */
static void summary(const struct lb_diff *d, bool knock_on_hidden,
                    const char *old_name, const char *new_name,
                    struct lb_buf *out)
{
    size_t k;
    char num[LB_DEC_BUFSIZE];

    counts(d, knock_on_hidden, old_name, new_name, out);
    lb_dec_format(num, d->threshold, d->threshold_scale);
    lb_buf_addf(out, "Scores compared as shown (%u decimals); changes of more "
                     "than %s count.\n",
                d->new_b->opts.rank.precision, num);
    if (!d->same_benchmarks) {
        lb_buf_adds(out, "The files average different benchmarks; compared: ");
        for (k = 0; k < d->nbench; k++)
            lb_buf_addf(out, "%s%s", k ? ", " : "", d->bench[k].name);
        lb_buf_adds(out, d->nbench == 0 ? "none.\n" : ".\n");
    }
    if (d->n_old_only > 0) {
        lb_buf_addf(out, "Columns only in %s: ", old_name);
        column_names(out, d->old_b->table, d->old_only, d->n_old_only);
        lb_buf_adds(out, ".\n");
    }
    if (d->n_new_only > 0) {
        lb_buf_addf(out, "Columns only in %s: ", new_name);
        column_names(out, d->new_b->table, d->new_only, d->n_new_only);
        lb_buf_adds(out, ".\n");
    }
    left_out(d, old_name, new_name, out);
}

/* What each file's schema decided (export/schema_words.h), under the
 * table: once when both say the same, else each under its file's name. */
static void schema_footer(const struct lb_diff *d, const char *old_name,
                          const char *new_name, struct lb_buf *out)
{
    struct lb_buf o = LB_BUF_INIT, n = LB_BUF_INIT;

    lb_schema_footer(d->old_b, &o);
    lb_schema_footer(d->new_b, &n);
    if (o.len == n.len && (o.len == 0 || memcmp(o.data, n.data, o.len) == 0)) {
        lb_buf_add(out, n.data, n.len);
    } else {
        if (o.len > 0)
            lb_buf_addf(out, "%s:\n%s", old_name, lb_buf_str(&o));
        if (n.len > 0)
            lb_buf_addf(out, "%s:\n%s", new_name, lb_buf_str(&n));
    }
    lb_buf_release(&o);
    lb_buf_release(&n);
}

/* }====================================================================== */

/* The "schema" object of each board (lb_schema_meta): the new file's as
 * "schema", the old file's as "old_schema". */
static void meta_schemas(struct lb_meta *m, const struct lb_diff *d)
{
    size_t before = m->n;

    lb_schema_meta(d->old_b, m);
    if (m->n > before) {
        struct lb_meta *x = &m->items[m->n - 1];

        free(x->key);
        x->key = xstrdup("old_schema");
    }
    lb_schema_meta(d->new_b, m);
}

static void meta_columns(struct lb_meta *m, const char *key,
                         const struct lb_table *t, const size_t *cols,
                         size_t n)
{
    struct lb_meta *list = lb_meta_list(m, key);
    size_t k;

    for (k = 0; k < n; k++)
        lb_meta_str(list, NULL, t->cols[cols[k]].name);
}

static void meta_left_out(struct lb_meta *m, const struct lb_diff *d)
{
    const struct lb_board *o = d->old_b, *n = d->new_b;
    struct lb_meta *x;

    if (n->opts.where != NULL) {
        lb_meta_str(m, "where", n->opts.where);
        x = lb_meta_object(m, "filtered_out");
        lb_meta_uint(x, "old", o->n_filtered);
        lb_meta_uint(x, "new", n->n_filtered);
    }
    if (n->opts.dedup != LB_DEDUP_NONE) {
        lb_meta_str(m, "dedup", lb_dedup_name(n->opts.dedup));
        x = lb_meta_object(m, "duplicates");
        lb_meta_uint(x, "old", o->n_duplicates);
        lb_meta_uint(x, "new", n->n_duplicates);
    }
}

static struct lb_meta *diff_meta(const struct lb_diff *d, bool knock_on_hidden,
                                 const char *old_name, const char *new_name)
{
    const struct lb_board *b = d->new_b;
    struct lb_meta *m = lb_meta_new(), *list;
    char num[LB_DEC_BUFSIZE];
    size_t k;

    lb_meta_str(m, "old", old_name);
    lb_meta_str(m, "new", new_name);
    list = lb_meta_list(m, "benchmarks");
    for (k = 0; k < d->nbench; k++)
        lb_meta_str(list, NULL, d->bench[k].name);
    lb_meta_bool(m, "same_benchmarks", d->same_benchmarks);
    list = lb_meta_list(m, "metadata");
    for (k = 0; k < d->nmeta; k++)
        lb_meta_str(list, NULL, d->meta[k].name);
    meta_columns(m, "columns_only_old", d->old_b->table, d->old_only,
                 d->n_old_only);
    meta_columns(m, "columns_only_new", b->table, d->new_only, d->n_new_only);
    if (b->sel.sort_col != LB_NPOS)
        lb_meta_str(m, "ranked_by", b->table->cols[b->sel.sort_col].name);
    else
        lb_meta_str(m, "ranked_by", lb_method_key(b->mean.method));
    lb_meta_bool(m, "lower_is_better", lb_diff_lower_is_better(d));
    meta_left_out(m, d);
    lb_meta_uint(m, "precision", b->opts.rank.precision);
    lb_dec_format(num, d->threshold, d->threshold_scale);
    lb_meta_num(m, "threshold", num);
    lb_meta_uint(m, "added", d->added);
    lb_meta_uint(m, "removed", d->removed);
    lb_meta_uint(m, "in_both", d->in_both);
    lb_meta_uint(m, "moved", d->moved);
    lb_meta_uint(m, "moved_knock_on", d->knock_on);
    lb_meta_bool(m, "knock_on_listed", !knock_on_hidden);
    lb_meta_uint(m, "scores_changed", d->scores_changed);
    lb_meta_uint(m, "metadata_changed", d->meta_changed);
    lb_meta_uint(m, "unchanged", d->same);
    meta_schemas(m, d);
    return m;
}

static void diff_free(void *own)
{
    struct diff_view *D = own;

    if (D != NULL)
        free(D->entries);
    free(D);
}

/* Whether entry e is listed. */
static bool listed(const struct lb_diff_entry *e,
                   const struct lb_diff_list *l)
{
    if (l->all)
        return true;
    if (l->hide_knock_on && e->knock_on && e->nmeta_changed == 0)
        return false;
    return e->status != LB_DIFF_SAME;
}

int lb_view_diff(struct lb_view *v, const struct lb_diff *d,
                 const char *old_name, const char *new_name,
                 const struct lb_diff_list *l, enum lb_audience a,
                 struct lb_error *err)
{
    struct diff_view *D = xcalloc(1, sizeof *D);
    bool hidden = l->hide_knock_on && !l->all;
    size_t i;

    (void)err;
    lb_view_init(v, a);
    D->d = d;
    D->arrow = a == LB_FOR_PEOPLE ? ARROW : " -> ";
    D->entries = xcalloc(d->n + 1, sizeof *D->entries);
    for (i = 0; i < d->n; i++)
        if (listed(&d->e[i], l))
            D->entries[v->nrows++] = i;
    lb_view_bind(v, D, diff_free, diff_cells);
    v->dim = diff_dim;
    v->heading = "Changes";
    if (a == LB_FOR_PEOPLE) {
        people_columns(v, d);
        lb_ranking_title(d->new_b, &v->title);
        lb_buf_addc(&v->title, '\n');
        summary(d, hidden, old_name, new_name, &v->title);
        schema_footer(d, old_name, new_name, &v->footer);
        v->empty_note = "No changes.";
    } else {
        program_columns(v, d);
    }
    if (a == LB_FOR_TREES)
        v->meta = diff_meta(d, hidden, old_name, new_name);
    return 0;
}
