/* battles_read.c: reading votes into counts (see battles.h).
 *
 * CSV goes through the score-file loader (core/table.h) with a row filter
 * that looks at each row as it is read, counts it and keeps none: libcsv's
 * parsing, --where (core/filter.h) and the loader's messages for free, and
 * no memory per row. JSON is read in blocks: a small scanner finds where
 * each element of the list (or each line's object) ends, and only that
 * element goes to jansson, so that a file of millions of battles never
 * sits in memory as a tree. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/decimal.h"
#include "base/detmath.h"
#include "base/quote.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "core/battles.h"
#include "core/filter.h"
#include "core/table.h"

#define READ_BLOCK (1u << 20) /* bytes read at once */
#define SNIFF_MAX 65536       /* bytes looked at to tell JSON from CSV */
#define LN10 2.302585092994045684

static ssize_t read_some(int fd, char *buf, size_t size);
static char *render_name(const char *name);

/* {======================================================================
 * Models and pairs
 * ======================================================================= */

static uint64_t mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

/* A hash of a name, eight bytes at a time (the numbering of models does
 * not depend on it: they are numbered in order of first appearance). */
static uint64_t hash_name(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)len, w;

    while (len >= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0x100000001b3ull;
        h ^= h >> 29;
        s += 8;
        len -= 8;
    }
    w = 0;
    memcpy(&w, s, len);
    return mix64(h ^ w);
}

void lb_battles_data_init(struct lb_battles_data *d,
                          const struct lb_battles_read_opts *o)
{
    memset(d, 0, sizeof *d);
    if (o != NULL)
        d->opts = *o;
    if (d->opts.col_a == NULL)
        d->opts.col_a = "model_a";
    if (d->opts.col_b == NULL)
        d->opts.col_b = "model_b";
    if (d->opts.col_winner == NULL)
        d->opts.col_winner = "winner";
}

void lb_battles_data_release(struct lb_battles_data *d)
{
    free(d->names);
    free(d->name_off);
    free(d->name_len);
    free(d->name_hash);
    free(d->slots);
    free(d->won);
    free(d->tied);
    free(d->lost);
    free(d->pairs);
    free(d->pair_slots);
    free(d->elo);
    free(d->recs);
    free(d->self_where);
    memset(d, 0, sizeof *d);
}

static void rehash_names(struct lb_battles_data *d, size_t nslots)
{
    size_t i;

    free(d->slots);
    d->slots = xcalloc(nslots, sizeof *d->slots);
    d->nslots = nslots;
    for (i = 0; i < d->nmodels; i++) {
        size_t s = d->name_hash[i] & (nslots - 1);

        while (d->slots[s] != 0)
            s = (s + 1) & (nslots - 1);
        d->slots[s] = (uint32_t)(i + 1);
    }
}

/* The slot where name s is, or the empty one where it would go. */
static size_t name_slot(const struct lb_battles_data *d, const char *s,
                        size_t len, uint64_t h)
{
    size_t at = h & (d->nslots - 1);

    for (;;) {
        uint32_t m = d->slots[at];

        if (m == 0)
            return at;
        if (d->name_hash[m - 1] == h && d->name_len[m - 1] == len &&
            memcmp(d->names + d->name_off[m - 1], s, len) == 0)
            return at;
        at = (at + 1) & (d->nslots - 1);
    }
}

size_t lb_battles_find(const struct lb_battles_data *d, const char *s,
                       size_t len)
{
    uint32_t m;

    if (d->nslots == 0)
        return LB_NPOS_BATTLES;
    m = d->slots[name_slot(d, s, len, hash_name(s, len))];
    return m == 0 ? LB_NPOS_BATTLES : (size_t)m - 1;
}

/* The number of model s, given one if it is new. */
static uint32_t intern(struct lb_battles_data *d, const char *s, size_t len)
{
    uint64_t h = hash_name(s, len);
    size_t at, i;

    if (d->nslots == 0)
        rehash_names(d, 64);
    at = name_slot(d, s, len, h);
    if (d->slots[at] != 0)
        return d->slots[at] - 1;
    if (d->nmodels == d->capmodels) {
        size_t cap = lb_grow_cap(d->capmodels, d->nmodels + 1);

        d->name_off = xreallocarray(d->name_off, cap, sizeof *d->name_off);
        d->name_len = xreallocarray(d->name_len, cap, sizeof *d->name_len);
        d->name_hash = xreallocarray(d->name_hash, cap, sizeof *d->name_hash);
        d->won = xreallocarray(d->won, cap, sizeof *d->won);
        d->tied = xreallocarray(d->tied, cap, sizeof *d->tied);
        d->lost = xreallocarray(d->lost, cap, sizeof *d->lost);
        if (d->opts.elo)
            d->elo = xreallocarray(d->elo, cap, sizeof *d->elo);
        d->capmodels = cap;
    }
    if (d->names_len + len + 1 > d->names_cap) {
        d->names_cap = lb_grow_cap(d->names_cap, d->names_len + len + 1);
        d->names = xreallocarray(d->names, d->names_cap, 1);
    }
    i = d->nmodels++;
    memcpy(d->names + d->names_len, s, len);
    d->names[d->names_len + len] = '\0';
    d->name_off[i] = d->names_len;
    d->name_len[i] = (uint32_t)len;
    d->name_hash[i] = h;
    d->names_len += len + 1;
    d->won[i] = d->tied[i] = d->lost[i] = 0;
    if (d->opts.elo)
        d->elo[i] = LB_BATTLES_MEAN;
    d->slots[at] = (uint32_t)(i + 1);
    if (2 * d->nmodels > d->nslots)
        rehash_names(d, d->nslots * 2);
    return (uint32_t)i;
}

static uint64_t pair_hash(uint32_t a, uint32_t b)
{
    return mix64(((uint64_t)a << 32) | b);
}

static void rehash_pairs(struct lb_battles_data *d, size_t nslots)
{
    size_t i;

    free(d->pair_slots);
    d->pair_slots = xcalloc(nslots, sizeof *d->pair_slots);
    d->npair_slots = nslots;
    for (i = 0; i < d->npairs; i++) {
        size_t s = pair_hash(d->pairs[i].a, d->pairs[i].b) & (nslots - 1);

        while (d->pair_slots[s] != 0)
            s = (s + 1) & (nslots - 1);
        d->pair_slots[s] = (uint32_t)(i + 1);
    }
}

/* The slot of pair (a, b), a < b, or the empty one where it would go. */
static size_t pair_slot(const struct lb_battles_data *d, uint32_t a,
                        uint32_t b)
{
    size_t at = pair_hash(a, b) & (d->npair_slots - 1);

    for (;;) {
        uint32_t p = d->pair_slots[at];

        if (p == 0 || (d->pairs[p - 1].a == a && d->pairs[p - 1].b == b))
            return at;
        at = (at + 1) & (d->npair_slots - 1);
    }
}

const struct lb_battle_pair *lb_battles_pair(const struct lb_battles_data *d,
                                             size_t i, size_t j, bool *flip)
{
    uint32_t a = (uint32_t)(i < j ? i : j), b = (uint32_t)(i < j ? j : i), p;

    if (flip != NULL)
        *flip = i > j;
    if (d->npair_slots == 0 || i == j)
        return NULL;
    p = d->pair_slots[pair_slot(d, a, b)];
    return p == 0 ? NULL : &d->pairs[p - 1];
}

static struct lb_battle_pair *pair_of(struct lb_battles_data *d, uint32_t a,
                                      uint32_t b)
{
    size_t at;

    if (d->npair_slots == 0)
        rehash_pairs(d, 256);
    at = pair_slot(d, a, b);
    if (d->pair_slots[at] == 0) {
        struct lb_battle_pair *p;

        if (d->npairs == d->cappairs) {
            d->cappairs = lb_grow_cap(d->cappairs, d->npairs + 1);
            d->pairs = xreallocarray(d->pairs, d->cappairs, sizeof *d->pairs);
        }
        p = &d->pairs[d->npairs++];
        memset(p, 0, sizeof *p);
        p->a = a;
        p->b = b;
        d->pair_slots[at] = (uint32_t)d->npairs;
        if (2 * d->npairs > d->npair_slots) {
            rehash_pairs(d, d->npair_slots * 2);
            at = pair_slot(d, a, b);
        }
    }
    return &d->pairs[d->pair_slots[at] - 1];
}

/* One online Elo update of a against b (outcome seen from a). */
static void elo_update(double *r, uint32_t a, uint32_t b, int outcome,
                       double k)
{
    /* E_a = 1 / (1 + 10^((R_b - R_a) / 400)) */
    double ea = 1.0 / (1.0 + lb_det_exp((r[b] - r[a]) * (LN10 / LB_BATTLES_SCALE)));
    double s = outcome == LB_OUT_A ? 1.0 : outcome == LB_OUT_TIE ? 0.5 : 0.0;
    double delta = k * (s - ea);

    r[a] += delta;
    r[b] -= delta;
}

/* Counts 'votes' votes of a against b (a != b), outcome seen from a. */
static void count(struct lb_battles_data *d, uint32_t a, uint32_t b,
                  int outcome, uint64_t votes)
{
    struct lb_battle_pair *p = pair_of(d, a < b ? a : b, a < b ? b : a);
    int o = a < b ? outcome : 2 - outcome;
    uint64_t k;

    p->n[o] += votes;
    if (outcome == LB_OUT_TIE) {
        d->tied[a] += votes;
        d->tied[b] += votes;
    } else {
        d->won[outcome == LB_OUT_A ? a : b] += votes;
        d->lost[outcome == LB_OUT_A ? b : a] += votes;
    }
    if (d->opts.elo)
        for (k = 0; k < votes; k++)
            elo_update(d->elo, a, b, outcome, d->opts.k);
}

/* }====================================================================== */

/* {======================================================================
 * One vote: its fields, checked
 * ======================================================================= */

/* What a reader knows of where a vote comes from, for messages. */
struct where_at {
    const char *file;   /* rendered, terminal-safe */
    size_t line;
    size_t col;         /* CSV: 1-based column; 0: none */
    long long index;    /* JSON list: the element's index; -1: none */
};

static int fail(struct lb_error *err, const struct where_at *w,
                const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(struct lb_error *err, const struct where_at *w,
                const char *fmt, ...)
{
    char what[LB_ERROR_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (w->index >= 0)
        return lb_error_set(err, "%s:%zu: [%lld]: %s", w->file, w->line,
                            w->index, what);
    if (w->col > 0)
        return lb_error_set(err, "%s:%zu:%zu: %s", w->file, w->line, w->col,
                            what);
    return lb_error_set(err, "%s:%zu: %s", w->file, w->line, what);
}

/* " (column 'NAME')" for CSV, " (key 'NAME')" for JSON. */
static const char *field_of(const struct where_at *w, const char *name,
                            char *buf, size_t size)
{
    struct lb_quoted q;

    snprintf(buf, size, " (%s %s)", w->index >= 0 || w->col == 0 ? "key"
                                                                  : "column",
             lb_quotes(&q, name));
    return buf;
}

/* Whether s[0..len) is the lowercase word w in any ASCII letter case. */
static bool word_is(const char *s, size_t len, const char *w)
{
    size_t i;

    for (i = 0; i < len; i++) {
        char c = s[i];

        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[i])
            return false;
    }
    return w[len] == '\0';
}

/* The outcome a winner's keyword names (any ASCII letter case, spaces
 * around ignored), or -1 (*bothbad for "tie (bothbad)"). Dispatched on the
 * length: it runs once per vote. */
static int winner_word(const char *s, size_t len, bool *bothbad)
{
    *bothbad = false;
    while (len > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    switch (len) {
    case 1:
        return word_is(s, len, "a") ? LB_OUT_A
               : word_is(s, len, "b") ? LB_OUT_B : -1;
    case 3:
        return word_is(s, len, "tie") ? LB_OUT_TIE : -1;
    case 4:
        return word_is(s, len, "left") ? LB_OUT_A
               : word_is(s, len, "draw") ? LB_OUT_TIE : -1;
    case 5:
        return word_is(s, len, "right") ? LB_OUT_B : -1;
    case 7:
        return word_is(s, len, "model_a") ? LB_OUT_A
               : word_is(s, len, "model_b") ? LB_OUT_B : -1;
    case 13:
        *bothbad = word_is(s, len, "tie (bothbad)");
        return *bothbad ? LB_OUT_TIE : -1;
    default:
        return -1;
    }
}

#define WINNERS "model_a, model_b, tie, tie (bothbad), left, right, a, b, " \
                "draw, or the winning model's name"

/* A model name: not empty, not longer than LB_BATTLES_NAME_MAX. */
static int check_name(const struct where_at *w, const char *field,
                      const char *s, size_t len, struct lb_error *err)
{
    struct lb_quoted q;
    char of[LB_QUOTE_SIZE + 16];

    if (len == 0)
        return fail(err, w, "empty model name%s",
                    field_of(w, field, of, sizeof of));
    if (len > LB_BATTLES_NAME_MAX)
        return fail(err, w, "a model name of %zu bytes, longer than %d: %s%s",
                    len, LB_BATTLES_NAME_MAX, lb_quote(&q, s, len),
                    field_of(w, field, of, sizeof of));
    return 0;
}

/* The vote's fields, as read from a row or an object. */
struct vote {
    const char *a, *b, *winner;
    size_t alen, blen, wlen;
    uint64_t votes;
    double key;         /* the order column's value (opts.order) */
};

/* Counts vote v: checks the names and the winner, skips a self-battle. */
static int take_vote(struct lb_battles_data *d, const struct vote *v,
                     const struct where_at *at, struct where_at *wcol,
                     struct lb_error *err)
{
    struct lb_quoted q, qa;
    char of[LB_QUOTE_SIZE + 16];
    bool bothbad, is_a, is_b;
    int word, outcome;
    uint32_t a, b;

    word = winner_word(v->winner, v->wlen, &bothbad);
    is_a = v->wlen == v->alen && memcmp(v->winner, v->a, v->alen) == 0;
    is_b = v->wlen == v->blen && memcmp(v->winner, v->b, v->blen) == 0;
    if (word < 0 && !is_a && !is_b)
        return fail(err, wcol, "%s is not a winner: " WINNERS "%s",
                    lb_quote(&q, v->winner, v->wlen),
                    field_of(wcol, d->opts.col_winner, of, sizeof of));
    if (v->alen == v->blen && memcmp(v->a, v->b, v->alen) == 0) {
        /* a model against itself: the outcome says nothing */
        if (d->self_rows++ == 0) {
            struct lb_buf s = LB_BUF_INIT;

            lb_buf_addf(&s, "%s:%zu", at->file, at->line);
            if (at->index >= 0)
                lb_buf_addf(&s, " [%lld]", at->index);
            d->self_where = s.data;
        }
        return 0;
    }
    outcome = word >= 0 ? word : is_a ? LB_OUT_A : LB_OUT_B;
    if (word >= 0 && (is_a || is_b) && outcome != (is_a ? LB_OUT_A : LB_OUT_B))
        return fail(err, wcol,
                    "%s is ambiguous as a winner: the word for %s, and the "
                    "name of %s%s",
                    lb_quote(&q, v->winner, v->wlen),
                    word == LB_OUT_A ? "the first model"
                    : word == LB_OUT_B ? "the second model" : "a tie",
                    lb_quote(&qa, is_a ? v->a : v->b, is_a ? v->alen : v->blen),
                    field_of(wcol, d->opts.col_winner, of, sizeof of));
    if (v->votes == 0) {
        d->zero_rows++;
        return 0;
    }
    if (v->votes > LB_BATTLES_MAX_VOTES - d->votes)
        return fail(err, at, "more than 2^53 votes in all: counts that large "
                             "are not exact in the fit");
    a = intern(d, v->a, v->alen);
    b = intern(d, v->b, v->blen);
    if (outcome == LB_OUT_TIE && bothbad)
        d->bothbad += v->votes;
    d->votes += v->votes;
    if (d->opts.order != NULL) {
        struct lb_battle_rec *r;

        if (d->nrecs == d->caprecs) {
            d->caprecs = lb_grow_cap(d->caprecs, d->nrecs + 1);
            d->recs = xreallocarray(d->recs, d->caprecs, sizeof *d->recs);
        }
        r = &d->recs[d->nrecs++];
        r->key = v->key;
        r->votes = v->votes;
        r->a = a;
        r->b = b;
        r->outcome = (uint8_t)outcome;
    }
    count(d, a, b, outcome, v->votes);
    return 0;
}

/* A weight: a whole number >= 0. */
static int parse_weight(const struct where_at *w, const char *field,
                        const char *s, size_t len, uint64_t *out,
                        struct lb_error *err)
{
    struct lb_quoted q;
    char of[LB_QUOTE_SIZE + 16];
    struct lb_dec v;
    enum lb_num_status st = lb_dec_parse(s, len, &v);

    if (st == LB_NUM_OK && v.scale == 0 && v.units >= 0 &&
        (uint64_t)v.units <= LB_BATTLES_MAX_VOTES) {
        *out = (uint64_t)v.units;
        return 0;
    }
    if (st == LB_NUM_MISSING)
        return fail(err, w, "no weight%s: each row needs a number of votes",
                    field_of(w, field, of, sizeof of));
    return fail(err, w, "%s is not a number of votes (a whole number from 0 "
                        "to 2^53)%s",
                lb_quote(&q, s, len), field_of(w, field, of, sizeof of));
}

/* An order key: a finite number. */
static int parse_key(const struct where_at *w, const char *field,
                     const char *s, size_t len, double *out,
                     struct lb_error *err)
{
    struct lb_quoted q;
    char of[LB_QUOTE_SIZE + 16];
    struct lb_dec v;
    enum lb_num_status st = lb_dec_parse(s, len, &v);

    if (st != LB_NUM_OK)
        return fail(err, w, "%s %s, needed to order the votes%s",
                    lb_quote(&q, s, len),
                    st == LB_NUM_MISSING ? "is missing"
                                         : lb_num_status_phrase(st),
                    field_of(w, field, of, sizeof of));
    *out = lb_dec_to_double(v.units, 1, v.scale);
    return 0;
}

/* }====================================================================== */

/* {======================================================================
 * CSV: a row filter of the loader
 * ======================================================================= */

/* A field of a row: its bytes (not NUL-terminated). */
struct span {
    const char *s;
    size_t len;
};

struct csv_reader {
    struct lb_battles_data *d;
    struct lb_filter *where;    /* parsed --where, or NULL */
    size_t ia, ib, iw;          /* the columns */
    size_t iweight, iorder;     /* LB_NPOS: none */
    struct span *fields;        /* the row's fields (ncols, owned) */
    struct lb_error err;        /* the first error */
    bool failed;
};

static size_t need_column(const struct lb_table *t, const char *name,
                          const char *what, struct lb_error *err)
{
    size_t i = lb_table_find(t, name), k;
    struct lb_buf cols = LB_BUF_INIT;
    struct lb_quoted q;

    if (i != LB_NPOS)
        return i;
    for (k = 0; k < t->ncols && cols.len < 300; k++)
        lb_buf_addf(&cols, "%s%s", k ? ", " : "",
                    lb_quotes(&q, t->cols[k].name));
    if (k < t->ncols)
        lb_buf_adds(&cols, ", ...");
    (void)lb_error_set(err, "%s: no column %s (columns: %s); %s", t->path,
                       lb_quotes(&q, name), lb_buf_str(&cols), what);
    lb_buf_release(&cols);
    return LB_NPOS;
}

#define NAME_COLUMNS "name the columns with " LB_OPT("columns") " A,B,WINNER"

static int csv_start(const struct lb_table *t, void *ctx,
                     struct lb_error *err)
{
    struct csv_reader *r = ctx;
    const struct lb_battles_read_opts *o = &r->d->opts;

    r->ia = t->model_col;
    r->ib = need_column(t, o->col_b, NAME_COLUMNS, err);
    if (r->ib == LB_NPOS)
        return -1;
    r->iw = need_column(t, o->col_winner, NAME_COLUMNS, err);
    if (r->iw == LB_NPOS)
        return -1;
    r->iweight = LB_NPOS;
    if (o->weight != NULL) {
        r->iweight = need_column(t, o->weight, "the column of "
                                 LB_OPT("weight"), err);
        if (r->iweight == LB_NPOS)
            return -1;
    }
    r->iorder = LB_NPOS;
    if (o->order != NULL) {
        r->iorder = need_column(t, o->order, "the column of "
                                LB_OPT("order"), err);
        if (r->iorder == LB_NPOS)
            return -1;
    }
    if (r->where != NULL && lb_filter_bind(r->where, t, err) != 0)
        return -1;
    free(r->fields);
    r->fields = xcalloc(t->ncols + 1, sizeof *r->fields);
    return 0;
}

/* Takes the vote of a row whose fields are f (the header's columns of t),
 * starting on 'line'; t's row 'row' holds the same cells for --where. On
 * an error sets r->failed and r->err. */
static void take_row(struct csv_reader *r, const struct lb_table *t,
                     size_t row, const struct span *f, size_t line)
{
    struct where_at at = {t->path, line, 0, -1}, wcol;
    struct vote v;

    if (f[r->ia].len == 0) {
        /* the loader refuses it as it reads the field, before --where: the
         * fast path does the same, in the loader's words */
        at.col = r->ia + 1;
        (void)fail(&r->err, &at, "empty model name");
        r->failed = true;
        return;
    }
    r->d->rows++;
    if (r->where != NULL) {
        enum lb_truth truth;

        if (lb_filter_eval(r->where, t, row, &truth, &r->err) != 0) {
            r->failed = true;
            return;
        }
        if (truth != LB_TRUE) {
            r->d->filtered++;
            return;
        }
    }
    memset(&v, 0, sizeof v);
    v.a = f[r->ia].s;
    v.alen = f[r->ia].len;
    v.b = f[r->ib].s;
    v.blen = f[r->ib].len;
    v.winner = f[r->iw].s;
    v.wlen = f[r->iw].len;
    v.votes = 1;
    wcol = at;
    wcol.col = r->ia + 1;
    if (check_name(&wcol, t->cols[r->ia].name, v.a, v.alen, &r->err) != 0)
        goto failed;
    wcol.col = r->ib + 1;
    if (check_name(&wcol, t->cols[r->ib].name, v.b, v.blen, &r->err) != 0)
        goto failed;
    if (r->iweight != LB_NPOS) {
        wcol.col = r->iweight + 1;
        if (parse_weight(&wcol, t->cols[r->iweight].name, f[r->iweight].s,
                         f[r->iweight].len, &v.votes, &r->err) != 0)
            goto failed;
    }
    if (r->iorder != LB_NPOS) {
        wcol.col = r->iorder + 1;
        if (parse_key(&wcol, t->cols[r->iorder].name, f[r->iorder].s,
                      f[r->iorder].len, &v.key, &r->err) != 0)
            goto failed;
    }
    wcol.col = r->iw + 1;
    if (take_vote(r->d, &v, &at, &wcol, &r->err) != 0)
        goto failed;
    return;
failed:
    r->failed = true;
}

static bool csv_keep(struct lb_table *t, void *ctx)
{
    struct csv_reader *r = ctx;
    size_t row = t->nrows - 1, j;

    if (r->failed)
        return false;
    for (j = 0; j < t->ncols; j++)
        r->fields[j].s = lb_table_text(t, j, row, &r->fields[j].len);
    take_row(r, t, row, r->fields, lb_table_line(t, row));
    return false;
}

/* {======================================================================
 * CSV's fast path
 *
 * Most vote files are plain: no quotes, LF line ends, the same number of
 * fields on every line. Such a file is read without libcsv (which spends
 * some forty instructions a byte): a first pass checks that the file is
 * plain (no '"', CR or NUL, every line the header's number of fields, at
 * least one row), a second splits each line at its commas. Anything else
 * (quotes, CR, NUL, a ragged row, a file without rows) goes to the loader
 * from the start, so that its reading and its messages stay the only ones:
 * the fast path reads what the loader would read, the same way (the
 * header through the loader itself; blank lines skipped; the last line
 * without its newline), and its own messages are take_row's, with the
 * same file, line and column.
 * ======================================================================= */

/* Lines of a file (fd >= 0) or of memory (fd < 0: buf holds it all). */
struct lines {
    int fd;
    char *buf;          /* owned when fd >= 0 */
    size_t len, pos, cap;
    bool eof;
    size_t line;        /* the number of the next line */
    int error;          /* errno of a failed read */
};

static void lines_open(struct lines *L, int fd, const char *data, size_t len)
{
    memset(L, 0, sizeof *L);
    L->fd = fd;
    L->line = 1;
    if (fd < 0) {
        L->buf = (char *)(uintptr_t)data;
        L->len = len;
        L->eof = true;
    } else {
        L->cap = READ_BLOCK;
        L->buf = xmalloc(L->cap);
    }
}

static void lines_close(struct lines *L)
{
    if (L->fd >= 0)
        free(L->buf);
}

/* The next line without its LF into *s, *n; false at the end of the input
 * (or on a read error: L->error). */
static bool next_line(struct lines *L, const char **s, size_t *n)
{
    for (;;) {
        const char *start = L->buf + L->pos;
        const char *nl = memchr(start, '\n', L->len - L->pos);
        ssize_t got;

        if (nl != NULL) {
            *s = start;
            *n = (size_t)(nl - start);
            L->pos += *n + 1;
            L->line++;
            return true;
        }
        if (L->eof) {
            if (L->pos == L->len)
                return false;
            *s = start;
            *n = L->len - L->pos;
            L->pos = L->len;
            L->line++;
            return true;
        }
        /* keep the partial line, read more behind it */
        memmove(L->buf, start, L->len - L->pos);
        L->len -= L->pos;
        L->pos = 0;
        if (L->len == L->cap) {
            L->cap *= 2;
            L->buf = xreallocarray(L->buf, L->cap, 1);
        }
        got = read_some(L->fd, L->buf + L->len, L->cap - L->len);
        if (got < 0) {
            L->error = errno;
            return false;
        }
        if (got == 0)
            L->eof = true;
        L->len += (size_t)got;
    }
}

/* Whether a line is plain: no '"', CR or NUL; its commas counted. */
static bool plain(const char *s, size_t n, size_t *commas)
{
    size_t i, c = 0;

    for (i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];

        if (b <= ',') {
            if (b == ',')
                c++;
            else if (b == '"' || b == '\r' || b == '\0')
                return false;
        }
    }
    *commas = c;
    return true;
}

/* Pass one: 1 when the file is plain with rows, 0 when it is not (or
 * cannot be read: the loader says why). */
static int fast_check(int fd, const char *data, size_t len)
{
    struct lines L;
    const char *s;
    size_t n, commas, want = 0, rows = 0;
    bool header = true, ok = true;

    lines_open(&L, fd, data, len);
    while (ok && next_line(&L, &s, &n)) {
        if (header && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            n -= 3;
        }
        if (n == 0) {
            ok = !header; /* blank lines before the header: the loader */
            continue;
        }
        if (!plain(s, n, &commas)) {
            ok = false;
        } else if (header) {
            want = commas;
            header = false;
        } else {
            ok = commas == want;
            rows++;
        }
    }
    ok = ok && L.error == 0 && rows > 0;
    lines_close(&L);
    return ok ? 1 : 0;
}

/* Pass two: the header through the loader (its columns found as it finds
 * them), then every row. Returns 0 or -1 with a message in err. */
static int fast_read(struct csv_reader *r, const char *name, int fd,
                     const char *data, size_t len, struct lb_error *err)
{
    struct lb_load_opts lo;
    struct lb_table t;
    struct lines L;
    struct lb_buf head = LB_BUF_INIT;
    const char *s;
    size_t n, j;
    int rc = -1;

    memset(&t, 0, sizeof t);
    lines_open(&L, fd, data, len);
    if (!next_line(&L, &s, &n))
        goto out;
    /* with its byte order mark, if any: the loader takes it off, once, as
     * it does when it reads the whole file (a second one is text) */
    lb_buf_add(&head, s, n);
    lb_buf_addc(&head, '\n');
    memset(&lo, 0, sizeof lo);
    lo.model_column = r->d->opts.col_a;
    lo.keep_text = true;
    lo.allow_no_rows = true;
    if (lb_table_load_mem(&t, name, head.data, head.len, &lo, err) != 0)
        goto out;
    r->ia = t.model_col;
    if (csv_start(&t, r, err) != 0)
        goto out;
    if (r->where != NULL) {
        /* one row, for --where: every column's text */
        t.nrows = 1;
        t.cap_rows = 1;
        for (j = 0; j < t.ncols; j++) {
            t.cols[j].has_text = true;
            t.cols[j].text_off = xreallocarray(t.cols[j].text_off, 1,
                                               sizeof *t.cols[j].text_off);
            t.cols[j].text_off[0] = 0;
        }
    }
    while (!r->failed && next_line(&L, &s, &n)) {
        size_t line = L.line - 1;
        const char *p = s, *end = s + n;

        if (n == 0)
            continue; /* a blank line */
        for (j = 0; j < t.ncols; j++) {
            const char *comma = memchr(p, ',', (size_t)(end - p));
            const char *stop = comma != NULL ? comma : end;

            r->fields[j].s = p;
            r->fields[j].len = (size_t)(stop - p);
            p = stop + 1;
        }
        if (r->where != NULL) {
            t.first_line = line;
            for (j = 0; j < t.ncols; j++) {
                struct lb_column *c = &t.cols[j];
                size_t need = r->fields[j].len + 1;

                if (need > c->text_cap) {
                    c->text_cap = lb_grow_cap(c->text_cap, need);
                    c->text = xreallocarray(c->text, c->text_cap, 1);
                }
                memcpy(c->text, r->fields[j].s, need - 1);
                c->text[need - 1] = '\0';
                c->text_len = need;
            }
        }
        take_row(r, &t, 0, r->fields, line);
    }
    if (L.error != 0) {
        struct lb_quoted q;

        (void)lb_error_set(err, "cannot read %s: %s", lb_quotes(&q, name),
                           strerror(L.error));
        goto out;
    }
    if (r->failed) {
        memcpy(err, &r->err, sizeof *err);
        goto out;
    }
    rc = 0;
out:
    lines_close(&L);
    lb_buf_release(&head);
    lb_table_release(&t);
    return rc;
}

/* }====================================================================== */

/* When err is the loader's "FILE:LINE: --model-column: no column 'A'
 * [; did you mean ...] (columns: ...)" for the first model's column (A),
 * says it without the option votes do not have, and how to name the
 * columns; returns -1. The message is recognised by its whole form from
 * its start, so that no value quoted in another message can pass for it. */
static int column_hint(const struct lb_battles_data *d, const char *path,
                       struct lb_error *err)
{
    static const char opt[] = ": " LB_OPT("model-column");
    struct lb_quoted q;
    char what[LB_QUOTE_SIZE + 32];
    char *file = render_name(path);
    size_t n, flen = strlen(file), wlen;
    char *p = err->msg + flen;

    wlen = (size_t)snprintf(what, sizeof what, ": no column %s",
                            lb_quotes(&q, d->opts.col_a));
    if (strncmp(err->msg, file, flen) == 0 && *p == ':' &&
        p[1] >= '0' && p[1] <= '9') {
        p++;
        while (*p >= '0' && *p <= '9')
            p++;
        if (strncmp(p, opt, sizeof opt - 1) == 0) /* drop the option */
            memmove(p, p + sizeof opt - 1, strlen(p + sizeof opt - 1) + 1);
        n = strlen(err->msg);
        if (strncmp(p, what, wlen) == 0 &&
            (strncmp(p + wlen, " (columns: ", 11) == 0 ||
             strncmp(p + wlen, "; did you mean", 14) == 0) &&
            n + 60 < sizeof err->msg)
            snprintf(err->msg + n, sizeof err->msg - n, "; %s", NAME_COLUMNS);
    }
    free(file);
    return -1;
}

/* Reads CSV from path, or from memory when data is not NULL: the fast path
 * when the file is plain, else the loader. */
static int read_csv(struct lb_battles_data *d, const char *path,
                    const char *data, size_t len, struct lb_error *err)
{
    struct csv_reader r;
    struct lb_row_filter f;
    struct lb_load_opts lo;
    struct lb_table t;
    int rc, fd = -1;

    memset(&r, 0, sizeof r);
    r.d = d;
    lb_error_init(&r.err);
    if (d->opts.where != NULL && lb_filter_parse(d->opts.where, &r.where, err) != 0)
        return -1;
    if (!d->opts.no_fast_path) {
        if (data == NULL)
            fd = open(path, O_RDONLY);
        if ((data != NULL || fd >= 0) && fast_check(fd, data, len) == 1) {
            if (fd >= 0 && lseek(fd, 0, SEEK_SET) != 0) {
                close(fd);
                fd = -1;
            } else {
                rc = fast_read(&r, path, fd, data, len, err);
                if (fd >= 0)
                    close(fd);
                free(r.fields);
                lb_filter_free(r.where);
                return rc != 0 ? column_hint(d, path, err) : 0;
            }
        }
        if (fd >= 0)
            close(fd);
    }
    memset(&f, 0, sizeof f);
    f.start = csv_start;
    f.keep = csv_keep;
    f.ctx = &r;
    memset(&lo, 0, sizeof lo);
    lo.model_column = d->opts.col_a;
    lo.keep_text = true;
    lo.filter = &f;
    if (data != NULL)
        rc = lb_table_load_mem(&t, path, data, len, &lo, err);
    else
        rc = lb_table_load(&t, path, &lo, err);
    if (rc == 0)
        lb_table_release(&t);
    free(r.fields);
    lb_filter_free(r.where);
    /* a vote refused before the loader failed came first in the file: the
     * loader stops only at a later row (it hands complete rows over) */
    if (r.failed) {
        memcpy(err, &r.err, sizeof *err);
        return -1;
    }
    if (rc != 0)
        return column_hint(d, path, err);
    return 0;
}

/* }====================================================================== */

/* {======================================================================
 * JSON: a list of battles, or JSON lines
 * ======================================================================= */

/* Where the scanner is. */
enum jstate {
    J_START,      /* before the first value */
    J_ITEM,       /* a list: before an element (or ']') */
    J_AFTER_ITEM, /* a list: after an element: ',' or ']' */
    J_END,        /* after the list: only spaces */
    J_LINES       /* JSON lines: between objects */
};

struct json_reader {
    struct lb_battles_data *d;
    struct lb_error *err;
    const char *file;       /* rendered */
    enum jstate state;
    bool list;              /* a JSON list (else JSON lines) */
    size_t line;            /* the current line (1-based) */
    /* the element being scanned */
    bool in_elem;
    bool scalar;            /* a number, true, false or null */
    int depth;              /* of '{' and '[' */
    bool in_string, escape;
    size_t elem_line;
    long long index;        /* elements seen */
    struct lb_buf elem;
    bool after_comma;       /* a ',' came: an element must follow */
    /* --where on JSON: one row of the object's scalar values */
    struct lb_filter *where;
    struct lb_table t;      /* its columns: the first object's keys */
    bool bound;
};

static const char *json_kind(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "a list";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    default:
        return "null";
    }
}

/* The keys of object o, quoted, for a message. */
static void list_keys(json_t *o, struct lb_buf *out)
{
    struct lb_quoted q;
    const char *key;
    json_t *val;
    size_t n = 0;

    json_object_foreach(o, key, val) {
        (void)val;
        if (out->len >= 300) {
            lb_buf_adds(out, ", ...");
            return;
        }
        lb_buf_addf(out, "%s%s", n++ ? ", " : "", lb_quotes(&q, key));
    }
    if (n == 0)
        lb_buf_adds(out, "none");
}

/* A string member of o. */
static int json_text(const struct json_reader *jr, const struct where_at *at,
                     json_t *o, const char *key, const char **s,
                     size_t *len)
{
    struct lb_quoted q;
    json_t *v = json_object_get(o, key);

    if (v == NULL) {
        struct lb_buf keys = LB_BUF_INIT;
        int rc;

        list_keys(o, &keys);
        rc = fail(jr->err, at, "%sno key %s (keys: %s)%s",
                  jr->index == 0 && !jr->list
                      ? "not a JSON list of battles: its first object has "
                      : "",
                  lb_quotes(&q, key), lb_buf_str(&keys),
                  jr->index == 0 ? "; a battle is an object with model_a, "
                                   "model_b and winner (" LB_OPT("columns")
                                   " names others)"
                                 : "");
        lb_buf_release(&keys);
        return rc;
    }
    if (!json_is_string(v))
        return fail(jr->err, at, "%s is %s, not a string", lb_quotes(&q, key),
                    json_kind(v));
    *s = json_string_value(v);
    *len = json_string_length(v);
    return 0;
}

/* A number as text that lb_dec_parse reads back to the same double: the
 * shortest of 15, 16 or 17 significant digits. */
static void real_text(double x, struct lb_buf *out)
{
    char buf[64];
    int p;

    for (p = 15; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*g", p, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    lb_buf_adds(out, buf);
}

/* The text of a member for --where (and for weights and keys): strings as
 * they are, numbers written out, booleans true/false, null missing, lists
 * and objects as compact JSON. */
static void value_text(const json_t *v, struct lb_buf *out)
{
    char *s;

    lb_buf_reset(out);
    switch (json_typeof(v)) {
    case JSON_STRING:
        lb_buf_add(out, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        lb_buf_addf(out, "%lld", (long long)json_integer_value(v));
        break;
    case JSON_REAL:
        real_text(json_real_value(v), out);
        break;
    case JSON_TRUE:
        lb_buf_adds(out, "true");
        break;
    case JSON_FALSE:
        lb_buf_adds(out, "false");
        break;
    case JSON_NULL:
        break;
    default:
        s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        if (s != NULL)
            lb_buf_adds(out, s);
        free(s);
        break;
    }
    lb_buf_addc(out, '\0'); /* data is never NULL */
    out->len--;
}

/* The table --where is bound to: a column per key of the first object,
 * text only, one row. */
static int bind_where(struct json_reader *jr, json_t *o)
{
    struct lb_table *t = &jr->t;
    const char *key;
    json_t *val;
    size_t n = json_object_size(o), i = 0;

    memset(t, 0, sizeof *t);
    t->path = xstrdup(jr->file);
    t->cols = xcalloc(n + 1, sizeof *t->cols);
    t->ncols = n;
    t->nrows = 1;
    t->cap_rows = 1;
    t->model_col = 0;
    json_object_foreach(o, key, val) {
        struct lb_column *c = &t->cols[i];

        (void)val;
        c->name = xstrdup(key);
        c->index = i;
        c->has_text = true;
        c->text_off = xcalloc(1, sizeof *c->text_off);
        if (strcmp(key, jr->d->opts.col_a) == 0)
            t->model_col = i;
        i++;
    }
    lb_table_index(t);
    jr->bound = true;
    return lb_filter_bind(jr->where, t, jr->err);
}

/* Fills the one row of the --where table from object o. */
static void fill_row(struct json_reader *jr, const json_t *o,
                     struct lb_buf *tmp)
{
    struct lb_table *t = &jr->t;
    size_t i;

    t->first_line = jr->elem_line;
    for (i = 0; i < t->ncols; i++) {
        struct lb_column *c = &t->cols[i];
        json_t *v = json_object_get(o, c->name);

        if (v != NULL)
            value_text(v, tmp);
        else
            lb_buf_reset(tmp);
        if (tmp->len + 1 > c->text_cap) {
            c->text_cap = lb_grow_cap(c->text_cap, tmp->len + 1);
            c->text = xreallocarray(c->text, c->text_cap, 1);
        }
        memcpy(c->text, tmp->len > 0 ? tmp->data : "", tmp->len);
        c->text[tmp->len] = '\0';
        c->text_len = tmp->len + 1;
    }
}

/* The text of member key of o (value_text), which must be there. */
static int member_text(const struct json_reader *jr, const struct where_at *at,
                       const json_t *o, const char *key, const char *what,
                       struct lb_buf *out)
{
    struct lb_quoted q;
    json_t *v = json_object_get(o, key);

    if (v == NULL)
        return fail(jr->err, at, "no key %s (%s)", lb_quotes(&q, key), what);
    value_text(v, out);
    return 0;
}

/* Takes the vote of one element (its bytes in jr->elem). */
static int json_element(struct json_reader *jr)
{
    struct where_at at = {jr->file, jr->elem_line, 0,
                          jr->list ? jr->index : -1};
    const struct lb_battles_read_opts *o = &jr->d->opts;
    struct lb_buf tmp = LB_BUF_INIT;
    json_error_t je;
    json_t *obj;
    struct vote v;
    int rc = -1;

    obj = json_loadb(jr->elem.data, jr->elem.len, JSON_DECODE_ANY, &je);
    if (obj == NULL) {
        /* jansson's words may hold the bytes it choked on: made safe */
        (void)lb_utf8_render(&tmp, je.text, strlen(je.text), 0);
        rc = fail(jr->err, &at, "invalid JSON: %s", lb_buf_str(&tmp));
        lb_buf_release(&tmp);
        return rc;
    }
    jr->d->rows++;
    if (!json_is_object(obj)) {
        (void)fail(jr->err, &at,
                   "%s, not a battle (an object with model_a, model_b and "
                   "winner)%s",
                   json_kind(obj),
                   jr->index == 0 && !jr->list && json_is_array(obj)
                       ? "; a JSON battle file is a list of objects or one "
                         "object per line"
                       : "");
        goto out;
    }
    if (jr->where != NULL) {
        enum lb_truth truth;

        if (!jr->bound && bind_where(jr, obj) != 0)
            goto out;
        fill_row(jr, obj, &tmp);
        if (lb_filter_eval(jr->where, &jr->t, 0, &truth, jr->err) != 0)
            goto out;
        if (truth != LB_TRUE) {
            jr->d->filtered++;
            rc = 0;
            goto out;
        }
    }
    memset(&v, 0, sizeof v);
    v.votes = 1;
    if (json_text(jr, &at, obj, o->col_a, &v.a, &v.alen) != 0 ||
        json_text(jr, &at, obj, o->col_b, &v.b, &v.blen) != 0 ||
        json_text(jr, &at, obj, o->col_winner, &v.winner, &v.wlen) != 0 ||
        check_name(&at, o->col_a, v.a, v.alen, jr->err) != 0 ||
        check_name(&at, o->col_b, v.b, v.blen, jr->err) != 0)
        goto out;
    if (o->weight != NULL &&
        (member_text(jr, &at, obj, o->weight, "the number of votes", &tmp) != 0 ||
         parse_weight(&at, o->weight, tmp.data, tmp.len, &v.votes, jr->err) != 0))
        goto out;
    if (o->order != NULL &&
        (member_text(jr, &at, obj, o->order, "the order of the votes", &tmp) != 0 ||
         parse_key(&at, o->order, tmp.data, tmp.len, &v.key, jr->err) != 0))
        goto out;
    rc = take_vote(jr->d, &v, &at, &at, jr->err);
out:
    json_decref(obj);
    lb_buf_release(&tmp);
    return rc;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int json_ends_element(struct json_reader *jr)
{
    int rc;

    jr->in_elem = false;
    rc = json_element(jr);
    lb_buf_reset(&jr->elem);
    jr->index++;
    jr->state = jr->list ? J_AFTER_ITEM : J_LINES;
    return rc;
}

static int json_unexpected(struct json_reader *jr, char c, const char *want)
{
    struct where_at at = {jr->file, jr->line, 0, -1};
    struct lb_quoted q;

    return fail(jr->err, &at, "expected %s, not %s", want, lb_quote(&q, &c, 1));
}

/* Scans s[0..n): elements go to json_element as they end. */
static int json_feed(struct json_reader *jr, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        char c = s[i];

        if (jr->in_elem) {
            if (jr->scalar) {
                if (is_space(c) || c == ',' || c == ']') {
                    if (json_ends_element(jr) != 0)
                        return -1;
                    i--; /* the state after the element sees c */
                    continue;
                }
                lb_buf_addc(&jr->elem, c);
                continue;
            }
            lb_buf_addc(&jr->elem, c);
            if (c == '\n')
                jr->line++;
            if (jr->in_string) {
                if (jr->escape) {
                    jr->escape = false;
                } else if (c == '\\') {
                    jr->escape = true;
                } else if (c == '"') {
                    jr->in_string = false;
                    /* a string element ends with its closing quote */
                    if (jr->depth == 0 && json_ends_element(jr) != 0)
                        return -1;
                }
                continue;
            }
            if (c == '"') {
                jr->in_string = true;
            } else if (c == '{' || c == '[') {
                jr->depth++;
            } else if (c == '}' || c == ']') {
                if (--jr->depth == 0 && json_ends_element(jr) != 0)
                    return -1;
            }
            continue;
        }
        if (c == '\n')
            jr->line++;
        if (is_space(c))
            continue;
        switch (jr->state) {
        case J_START:
            if (c == '[') {
                jr->list = true;
                jr->state = J_ITEM;
                continue;
            }
            if (c != '{') {
                struct where_at at = {jr->file, jr->line, 0, -1};
                struct lb_quoted q;

                return fail(jr->err, &at,
                            "not a JSON list of battles: it starts with %s, "
                            "not '[' (a list) or '{' (an object per line)",
                            lb_quote(&q, &c, 1));
            }
            jr->state = J_LINES;
            /* fall through */
        case J_LINES:
            if (c != '{')
                return json_unexpected(jr, c, "'{' (a battle per line)");
            break;
        case J_ITEM:
            if (c == ']' && !jr->after_comma) {
                jr->state = J_END;
                continue;
            }
            if (c == ']' || c == ',')
                return json_unexpected(jr, c, "a battle after ','");
            break;
        case J_AFTER_ITEM:
            if (c == ',') {
                jr->after_comma = true;
                jr->state = J_ITEM;
                continue;
            }
            if (c == ']') {
                jr->state = J_END;
                continue;
            }
            return json_unexpected(jr, c, "',' or ']' after a battle");
        case J_END: {
            struct where_at at = {jr->file, jr->line, 0, -1};
            struct lb_quoted q;

            return fail(jr->err, &at, "text after the end of the list: %s",
                        lb_quote(&q, s + i, n - i < 32 ? n - i : 32));
        }
        }
        /* an element starts here */
        jr->after_comma = false;
        jr->in_elem = true;
        jr->elem_line = jr->line;
        jr->depth = 0;
        jr->in_string = false;
        jr->escape = false;
        jr->scalar = c != '{' && c != '[' && c != '"';
        jr->in_string = c == '"';
        lb_buf_addc(&jr->elem, c);
        if (c == '{' || c == '[')
            jr->depth = 1;
    }
    return 0;
}

static int json_finish(struct json_reader *jr)
{
    struct where_at at = {jr->file, jr->line, 0, -1};

    if (jr->in_elem && jr->scalar) {
        if (json_ends_element(jr) != 0)
            return -1;
    }
    if (jr->in_elem)
        return fail(jr->err, &at, "the file ends inside a battle (started "
                                  "on line %zu)",
                    jr->elem_line);
    if (jr->state == J_START)
        return lb_error_set(jr->err, "%s: empty file (expected a header row, "
                                     "or a JSON list of battles)",
                            jr->file);
    if (jr->list && jr->state != J_END)
        return fail(jr->err, &at, "the file ends inside the list (no ']')");
    if (jr->index == 0)
        return lb_error_set(jr->err, "%s: no battles in the list", jr->file);
    return 0;
}

static void json_reader_init(struct json_reader *jr,
                             struct lb_battles_data *d, const char *file,
                             struct lb_error *err)
{
    memset(jr, 0, sizeof *jr);
    jr->d = d;
    jr->err = err;
    jr->file = file;
    jr->line = 1;
    jr->state = J_START;
}

static void json_reader_release(struct json_reader *jr)
{
    lb_buf_release(&jr->elem);
    lb_filter_free(jr->where);
    if (jr->bound)
        lb_table_release(&jr->t);
}

/* Reads JSON: the first 'n' bytes in 'head', then the rest of fd (fd < 0:
 * nothing more). */
static int read_json(struct lb_battles_data *d, const char *file,
                     const char *head, size_t n, int fd, struct lb_error *err)
{
    struct json_reader jr;
    char *block = NULL;
    int rc = -1;

    json_reader_init(&jr, d, file, err);
    if (d->opts.where != NULL &&
        lb_filter_parse(d->opts.where, &jr.where, err) != 0)
        goto out;
    if (json_feed(&jr, head, n) != 0)
        goto out;
    if (fd >= 0) {
        block = xmalloc(READ_BLOCK);
        for (;;) {
            ssize_t got = read(fd, block, READ_BLOCK);

            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0) {
                int e = errno;

                (void)lb_error_set(err, "cannot read %s: %s", file, strerror(e));
                goto out;
            }
            if (got == 0)
                break;
            if (json_feed(&jr, block, (size_t)got) != 0)
                goto out;
        }
    }
    rc = json_finish(&jr);
out:
    free(block);
    json_reader_release(&jr);
    return rc;
}

/* }====================================================================== */

/* Whether s[0..n) starts, after a byte order mark and spaces, with JSON;
 * *bom gets the mark's length. */
static bool looks_json(const char *s, size_t n, size_t *bom)
{
    size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

    *bom = i;
    while (i < n && is_space(s[i]))
        i++;
    return i < n && (s[i] == '[' || s[i] == '{');
}

/* Reads up to size bytes (fewer only at the end of the file). */
static ssize_t read_some(int fd, char *buf, size_t size)
{
    size_t got = 0;

    while (got < size) {
        ssize_t n = read(fd, buf + got, size - got);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (ssize_t)got;
}

static char *render_name(const char *name)
{
    struct lb_buf b = LB_BUF_INIT;

    (void)lb_utf8_render(&b, name, strlen(name), 0);
    return b.data != NULL ? b.data : xstrdup("");
}

int lb_battles_read_mem(struct lb_battles_data *d, const char *name,
                        const char *data, size_t len, struct lb_error *err)
{
    size_t bom;
    int rc;

    d->nfiles++;
    if (looks_json(data, len < SNIFF_MAX ? len : SNIFF_MAX, &bom)) {
        char *file = render_name(name);

        rc = read_json(d, file, data + bom, len - bom, -1, err);
        free(file);
        return rc;
    }
    return read_csv(d, name, data, len, err);
}

int lb_battles_read(struct lb_battles_data *d, const char *path,
                    struct lb_error *err)
{
    bool in = strcmp(path, "-") == 0;
    const char *name = in ? "<stdin>" : path;
    char *head = xmalloc(SNIFF_MAX), *file = render_name(name);
    struct lb_quoted q;
    struct stat st;
    ssize_t n;
    size_t bom;
    int fd, rc = -1;

    fd = in ? STDIN_FILENO : open(path, O_RDONLY);
    if (fd < 0) {
        int e = errno;

        (void)lb_error_set(err, "cannot open %s: %s", lb_quotes(&q, path),
                           strerror(e));
        goto out;
    }
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        (void)lb_error_set(err, "cannot read %s: it is a directory",
                           lb_quotes(&q, path));
        goto out;
    }
    n = read_some(fd, head, SNIFF_MAX);
    if (n < 0) {
        int e = errno;

        (void)lb_error_set(err, "cannot read %s: %s", lb_quotes(&q, path),
                           strerror(e));
        goto out;
    }
    d->nfiles++;
    if (looks_json(head, (size_t)n, &bom)) {
        rc = read_json(d, file, head + bom, (size_t)n - bom, fd, err);
    } else if (!in) {
        /* the loader reads the file from its start */
        close(fd);
        fd = -1;
        rc = read_csv(d, path, NULL, 0, err);
    } else {
        /* standard input cannot be read twice: CSV from it is read whole */
        struct lb_buf all = LB_BUF_INIT;
        char *block = xmalloc(READ_BLOCK);

        lb_buf_add(&all, head, (size_t)n);
        for (;;) {
            ssize_t got = read_some(fd, block, READ_BLOCK);

            if (got < 0) {
                int e = errno;

                (void)lb_error_set(err, "cannot read %s: %s",
                                   lb_quotes(&q, path), strerror(e));
                break;
            }
            if (got == 0) {
                rc = read_csv(d, name, all.data ? all.data : "", all.len, err);
                break;
            }
            lb_buf_add(&all, block, (size_t)got);
        }
        free(block);
        lb_buf_release(&all);
    }
out:
    if (fd > STDIN_FILENO)
        close(fd);
    free(head);
    free(file);
    return rc;
}
