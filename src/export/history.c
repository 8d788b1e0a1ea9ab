/* history.c: a board's history (core/history.h) as a table view (see
 * history.h for its columns). */
#include "export/history.h"

#include <stdlib.h>
#include <string.h>

#include "base/decimal.h"
#include "base/xalloc.h"
#include "export/meta.h"
#include "export/ranking_words.h"
#include "export/schema_words.h"

#define UP "\xE2\x86\x91"      /* U+2191 UPWARDS ARROW */
#define DOWN "\xE2\x86\x93"    /* U+2193 DOWNWARDS ARROW */
#define ARROW "\xE2\x86\x92"   /* U+2192 RIGHTWARDS ARROW */
#define NAMES_SHOWN 5          /* models named in a line; then "and N more" */

enum kind {
    K_RANK,       /* in the latest snapshot */
    K_MODEL,
    K_PRECISION,
    K_VALUE,      /* in the latest snapshot */
    K_MOVE,       /* people: an arrow and the places */
    K_STATUS,
    K_MOVE_NUM,   /* programs: the places, positive up */
    K_FIRST,      /* the label of the first snapshot it is in */
    K_LAST,
    K_SNAP_RANK,  /* arg: the snapshot */
    K_SNAP_VALUE
};

struct history_view {
    const struct lb_history *h;
    const struct lb_history_source *src;
    size_t *models;  /* the models listed (owned) */
    char **keys;     /* the programs' column keys (owned) */
    size_t nkeys;
};

/* {======================================================================
 * Cells
 * ======================================================================= */

static const char *status_word(const struct lb_history *h, size_t m)
{
    bool is_new = h->m[m].first > 0, gone = h->m[m].last + 1 < h->ns;

    if (is_new && gone)
        return "new, gone";
    if (is_new)
        return "new";
    if (gone)
        return "gone";
    return NULL;
}

static void put_value(struct lb_cell *c, const struct lb_history *h, size_t m,
                      size_t s)
{
    const struct lb_diff_value *v = &h->value[m * h->ns + s];

    if (h->row[m * h->ns + s] == LB_NPOS)
        lb_cell_absent(c);
    else if (v->has)
        lb_cell_dec(c, v->units, h->s[s].b->opts.rank.precision);
    else
        lb_cell_missing(c);
}

static void put_rank(struct lb_cell *c, const struct lb_history *h, size_t m,
                     size_t s)
{
    if (h->row[m * h->ns + s] == LB_NPOS)
        lb_cell_absent(c);
    else
        lb_cell_rank(c, h->rank2[m * h->ns + s]);
}

static void put_move(struct lb_cell *c, int64_t move2)
{
    struct lb_buf *b = lb_cell_buf(c);
    char num[32];

    if (move2 == 0) {
        lb_cell_absent(c);
        return;
    }
    lb_buf_addf(b, "%s %.*s", move2 > 0 ? UP : DOWN,
                (int)lb_rank_text(num, move2 > 0 ? move2 : -move2), num);
    lb_cell_take(c);
}

static void put_move_num(struct lb_cell *c, const struct lb_history_model *m)
{
    size_t n = 0;

    if (m->first_ranked == LB_NPOS || m->first_ranked == m->last_ranked) {
        lb_cell_missing(c);
        return;
    }
    if (m->move2 < 0)
        c->num[n++] = '-';
    n += lb_rank_text(c->num + n, m->move2 < 0 ? -m->move2 : m->move2);
    lb_cell_digits(c, n);
}

static void put_cell(const struct history_view *H, size_t m,
                     const struct lb_view_col *k, struct lb_cell *c,
                     bool people)
{
    const struct lb_history *h = H->h;
    size_t last = h->ns - 1, len;
    const char *s;

    switch ((enum kind)k->what) {
    case K_RANK:
        put_rank(c, h, m, last);
        if (!people && c->kind == LB_CELL_ABSENT)
            lb_cell_missing(c);
        break;
    case K_MODEL:
        s = lb_history_model_name(h, m, &len);
        lb_cell_text(c, s, len);
        break;
    case K_PRECISION:
        s = lb_history_model_precision(h, m, &len);
        if (s != NULL && len > 0)
            lb_cell_text(c, s, len);
        else if (people)
            lb_cell_absent(c);
        else
            lb_cell_missing(c);
        break;
    case K_VALUE:
        put_value(c, h, m, last);
        if (!people && c->kind == LB_CELL_ABSENT)
            lb_cell_missing(c);
        break;
    case K_MOVE:
        put_move(c, h->m[m].move2);
        break;
    case K_STATUS:
        s = status_word(h, m);
        if (s != NULL)
            lb_cell_word(c, s);
        else if (people)
            lb_cell_absent(c);
        else
            lb_cell_word(c, "kept");
        break;
    case K_MOVE_NUM:
        put_move_num(c, &h->m[m]);
        break;
    case K_FIRST:
        lb_cell_word(c, H->src->labels[h->m[m].first]);
        break;
    case K_LAST:
        lb_cell_word(c, H->src->labels[h->m[m].last]);
        break;
    case K_SNAP_RANK:
        put_rank(c, h, m, k->arg);
        break;
    case K_SNAP_VALUE:
        put_value(c, h, m, k->arg);
        break;
    }
}

static int history_cells(const struct lb_view *v, size_t i,
                         struct lb_cell *cells, struct lb_error *err)
{
    const struct history_view *H = v->data;
    size_t j;

    (void)err;
    for (j = 0; j < v->ncols; j++)
        put_cell(H, H->models[i], &v->cols[j], &cells[j],
                 v->audience == LB_FOR_PEOPLE);
    return 0;
}

static bool history_dim(const struct lb_view *v, size_t i)
{
    const struct history_view *H = v->data;

    return H->h->m[H->models[i]].last + 1 < H->h->ns;
}

/* }====================================================================== */

/* The value ranked, as people read its header. */
static const char *value_header(const struct lb_board *b)
{
    if (b->sel.sort_col != LB_NPOS)
        return b->table->cols[b->sel.sort_col].name;
    return lb_method_header(b->mean.method);
}

/* A key of ours for programs, kept until the view is released. */
static const char *own_key(struct history_view *H, const char *a,
                           const char *b)
{
    size_t la = strlen(a), lbn = strlen(b);
    char *k = xmalloc(la + lbn + 2);

    memcpy(k, a, la);
    k[la] = ' ';
    memcpy(k + la + 1, b, lbn + 1);
    H->keys[H->nkeys++] = k;
    return k;
}

static void add_columns(struct lb_view *v, struct history_view *H)
{
    const struct lb_history *h = H->h;
    const struct lb_board *lastb = h->s[h->ns - 1].b;
    int better = h->lower_better ? -1 : 1;
    bool people = v->audience == LB_FOR_PEOPLE;
    struct lb_view_col *c;
    size_t s;

    if (!people)
        lb_view_col_is(lb_view_add_col(v, "Status", "status"), K_STATUS, 0);
    lb_view_col_is(lb_view_add_num(v, "Rank", "rank", -1), K_RANK, 0);
    lb_view_col_is(lb_view_add_col(v, "Model", "model"), K_MODEL, 0)->names =
        true;
    if (h->s[h->ns - 1].prec != LB_NPOS)
        lb_view_col_is(lb_view_add_col(v, "Precision", "precision"),
                       K_PRECISION, 0);
    if (!people) {
        lb_view_col_is(lb_view_add_num(v, value_header(lastb), "value", better),
                       K_VALUE, 0);
        lb_view_col_is(lb_view_add_num(v, "Move", "move", 1), K_MOVE_NUM, 0);
        lb_view_col_is(lb_view_add_col(v, "First", "first"), K_FIRST, 0);
        lb_view_col_is(lb_view_add_col(v, "Last", "last"), K_LAST, 0);
        H->keys = xcalloc(2 * h->ns + 1, sizeof *H->keys);
        for (s = 0; s < h->ns; s++) {
            const char *l = H->src->labels[s];

            if (v->audience == LB_FOR_TREES) {
                c = lb_view_col_is(lb_view_add_num(v, "rank", "rank", -1),
                                   K_SNAP_RANK, s);
                c->group = "snapshots";
                c->sub = l;
                c = lb_view_col_is(lb_view_add_num(v, "value", "value",
                                                   better),
                                   K_SNAP_VALUE, s);
                c->group = "snapshots";
                c->sub = l;
            } else {
                const char *rk = own_key(H, "rank", l);
                const char *vk = own_key(H, "value", l);

                lb_view_col_is(lb_view_add_num(v, rk, rk, -1), K_SNAP_RANK, s);
                lb_view_col_is(lb_view_add_num(v, vk, vk, better),
                               K_SNAP_VALUE, s);
            }
        }
        return;
    }
    for (s = 0; s < h->ns; s++) {
        const char *l = H->src->labels[s];

        if (H->src->show != LB_HISTORY_SHOW_VALUE)
            lb_view_col_is(lb_view_add_num(v, l, l, -1), K_SNAP_RANK, s);
        if (H->src->show == LB_HISTORY_SHOW_VALUE)
            lb_view_col_is(lb_view_add_num(v, l, l, better), K_SNAP_VALUE, s);
        else if (H->src->show == LB_HISTORY_SHOW_BOTH)
            lb_view_col_is(lb_view_add_num(v, value_header(lastb), "value",
                                           better),
                           K_SNAP_VALUE, s);
    }
    if (H->src->show == LB_HISTORY_SHOW_RANK)
        lb_view_col_is(lb_view_add_num(v, value_header(lastb), "value", better),
                       K_VALUE, 0);
    lb_view_col_is(lb_view_add_col(v, "Move", "move"), K_MOVE, 0)->right = true;
    lb_view_col_is(lb_view_add_col(v, "Status", "status"), K_STATUS, 0);
}

/* {======================================================================
 * The words around the table
 * ======================================================================= */

static void add_name(struct lb_buf *out, const struct lb_history *h, size_t m)
{
    size_t len, plen;
    const char *s = lb_history_model_name(h, m, &len);
    const char *p = lb_history_model_precision(h, m, &plen);

    lb_buf_add(out, s, len);
    if (p != NULL && plen > 0) {
        lb_buf_adds(out, " (");
        lb_buf_add(out, p, plen);
        lb_buf_addc(out, ')');
    }
}

/* "; new: a, b and 3 more" for the models new in (or gone from) snapshot
 * s. */
static void name_changes(struct lb_buf *out, const struct lb_history *h,
                         size_t s, bool added, size_t count)
{
    size_t m, k = 0;

    if (count == 0)
        return;
    lb_buf_addf(out, "; %zu %s: ", count, added ? "new" : "gone");
    for (m = 0; m < h->nm && k < NAMES_SHOWN; m++) {
        bool here = h->row[m * h->ns + s] != LB_NPOS;
        bool before = h->row[m * h->ns + s - 1] != LB_NPOS;

        if (added ? here && !before : before && !here) {
            lb_buf_adds(out, k++ ? ", " : "");
            add_name(out, h, m);
        }
    }
    if (count > NAMES_SHOWN)
        lb_buf_addf(out, " and %zu more", count - NAMES_SHOWN);
}

/* "A ↑ 5 (8 → 3)" for a mover. */
static void mover(struct lb_buf *out, const struct lb_history *h, size_t m,
                  const char *up, const char *down, const char *arrow)
{
    const struct lb_history_model *x = &h->m[m];
    char a[32], b[32], d[32];
    int64_t mv = x->move2 < 0 ? -x->move2 : x->move2;

    add_name(out, h, m);
    lb_buf_addf(out, " %s %.*s (%.*s %s %.*s)", x->move2 > 0 ? up : down,
                (int)lb_rank_text(d, mv), d,
                (int)lb_rank_text(a, h->rank2[m * h->ns + x->first_ranked]), a,
                arrow,
                (int)lb_rank_text(b, h->rank2[m * h->ns + x->last_ranked]), b);
}

static void summary(const struct lb_history *h,
                    const struct lb_history_source *src, size_t listed,
                    struct lb_buf *out)
{
    size_t s, i, in_last = 0, is_new = 0, gone = 0;

    lb_buf_addf(out, "%s\n", src->what);
    if (src->notes != NULL)
        lb_buf_adds(out, src->notes);
    for (s = 0; s < h->ns; s++) {
        lb_buf_addf(out, "%s: %zu model%s, %zu ranked", src->labels[s],
                    h->s[s].present, h->s[s].present == 1 ? "" : "s",
                    h->s[s].ranked);
        if (s > 0) {
            name_changes(out, h, s, true, h->s[s].added);
            name_changes(out, h, s, false, h->s[s].gone);
        }
        lb_buf_adds(out, ".\n");
    }
    for (i = 0; i < h->nm; i++) {
        in_last += h->m[i].last + 1 == h->ns;
        is_new += h->m[i].first > 0;
        gone += h->m[i].last + 1 < h->ns;
    }
    lb_buf_addf(out, "%zu model%s in all: %zu in the last snapshot, %zu new "
                     "since the first, %zu gone.",
                h->nm, h->nm == 1 ? "" : "s", in_last, is_new, gone);
    if (listed < h->nm)
        lb_buf_addf(out, " Listed: the %zu ranked in the top %zu of some "
                         "snapshot.",
                    listed, src->top);
    lb_buf_addc(out, '\n');
    if (h->nup + h->ndown == 0) {
        if (h->ns > 1)
            lb_buf_adds(out, "No model changed rank.\n");
        return;
    }
    lb_buf_adds(out, "Largest moves (first to last ranked snapshot):");
    for (i = 0; i < h->nup; i++) {
        lb_buf_adds(out, i ? ", " : " up: ");
        mover(out, h, h->up[i], UP, DOWN, ARROW);
    }
    if (h->nup > 0 && h->ndown > 0)
        lb_buf_addc(out, ';');
    for (i = 0; i < h->ndown; i++) {
        lb_buf_adds(out, i ? ", " : " down: ");
        mover(out, h, h->down[i], UP, DOWN, ARROW);
    }
    lb_buf_adds(out, ".\n");
}

/* }====================================================================== */

static void meta_mover(struct lb_meta *list, const struct lb_history *h,
                       size_t m)
{
    struct lb_meta *o = lb_meta_object(list, NULL);
    const struct lb_history_model *x = &h->m[m];
    size_t len;
    const char *s = lb_history_model_name(h, m, &len);
    char num[32];
    size_t n = 0;

    lb_meta_strn(o, "model", s, len);
    s = lb_history_model_precision(h, m, &len);
    if (s != NULL)
        lb_meta_strn(o, "precision", s, len);
    if (x->move2 < 0)
        num[n++] = '-';
    n += lb_rank_text(num + n, x->move2 < 0 ? -x->move2 : x->move2);
    num[n] = '\0';
    lb_meta_num(o, "move", num);
    lb_rank_text(num, h->rank2[m * h->ns + x->first_ranked]);
    lb_meta_num(o, "from", num);
    lb_rank_text(num, h->rank2[m * h->ns + x->last_ranked]);
    lb_meta_num(o, "to", num);
}

static struct lb_meta *history_meta(const struct lb_history *h,
                                    const struct lb_history_source *src)
{
    const struct lb_board *b = h->s[h->ns - 1].b;
    struct lb_meta *m = lb_meta_new(), *list, *o;
    size_t s, i;

    lb_meta_str(m, "source", src->what);
    if (b->sel.sort_col != LB_NPOS)
        lb_meta_str(m, "ranked_by", b->table->cols[b->sel.sort_col].name);
    else
        lb_meta_str(m, "ranked_by", lb_method_key(b->mean.method));
    lb_meta_bool(m, "lower_is_better", h->lower_better);
    lb_meta_uint(m, "precision", b->opts.rank.precision);
    list = lb_meta_list(m, "snapshots");
    for (s = 0; s < h->ns; s++) {
        o = lb_meta_object(list, NULL);
        lb_meta_str(o, "label", src->labels[s]);
        lb_meta_str(o, "file", src->files[s]);
        if (src->commits != NULL)
            lb_meta_str(o, "commit", src->commits[s]);
        lb_meta_uint(o, "models", h->s[s].present);
        lb_meta_uint(o, "ranked", h->s[s].ranked);
        lb_meta_uint(o, "new", h->s[s].added);
        lb_meta_uint(o, "gone", h->s[s].gone);
    }
    list = lb_meta_list(m, "moved_up");
    for (i = 0; i < h->nup; i++)
        meta_mover(list, h, h->up[i]);
    list = lb_meta_list(m, "moved_down");
    for (i = 0; i < h->ndown; i++)
        meta_mover(list, h, h->down[i]);
    lb_schema_meta(b, m);
    return m;
}

static void history_free(void *own)
{
    struct history_view *H = own;
    size_t i;

    if (H == NULL)
        return;
    for (i = 0; i < H->nkeys; i++)
        free(H->keys[i]);
    free(H->keys);
    free(H->models);
    free(H);
}

/* Whether model m is listed: ranked in the top N of some snapshot. */
static bool listed(const struct lb_history *h, size_t m, size_t top)
{
    size_t s;

    if (top == 0)
        return true;
    for (s = 0; s < h->ns; s++) {
        uint32_t r = h->rank2[m * h->ns + s];

        if (r != 0 && r <= 2 * top)
            return true;
    }
    return false;
}

int lb_view_history(struct lb_view *v, const struct lb_history *h,
                    const struct lb_history_source *src, enum lb_audience a,
                    struct lb_error *err)
{
    struct history_view *H = xcalloc(1, sizeof *H);
    size_t i;

    (void)err;
    lb_view_init(v, a);
    H->h = h;
    H->src = src;
    H->models = xcalloc(h->nm + 1, sizeof *H->models);
    for (i = 0; i < h->nm; i++)
        if (listed(h, i, src->top))
            H->models[v->nrows++] = i;
    lb_view_bind(v, H, history_free, history_cells);
    v->dim = history_dim;
    v->heading = "History";
    add_columns(v, H);
    if (a == LB_FOR_PEOPLE) {
        lb_ranking_title(h->s[h->ns - 1].b, &v->title);
        lb_buf_addc(&v->title, '\n');
        summary(h, src, v->nrows, &v->title);
        lb_schema_footer(h->s[h->ns - 1].b, &v->footer);
        v->empty_note = "No models.";
    }
    if (a == LB_FOR_TREES)
        v->meta = history_meta(h, src);
    return 0;
}

bool lb_history_show_parse(const char *s, enum lb_history_show *out)
{
    if (strcmp(s, "rank") == 0)
        *out = LB_HISTORY_SHOW_RANK;
    else if (strcmp(s, "value") == 0)
        *out = LB_HISTORY_SHOW_VALUE;
    else if (strcmp(s, "both") == 0)
        *out = LB_HISTORY_SHOW_BOTH;
    else
        return false;
    return true;
}
