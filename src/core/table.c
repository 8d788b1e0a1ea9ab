#include "core/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>

#include "base/quote.h"
#include "base/suggest.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "core/catalog.h"
#include "core/schema.h"

void lb_table_release(struct lb_table *t)
{
    size_t i;

    for (i = 0; i < t->ncols; i++) {
        struct lb_column *c = &t->cols[i];

        free(c->name);
        free(c->text);
        free(c->text_off);
        free(c->num32);
        free(c->num64);
        free(c->num128);
        free(c->missing);
        free(c->dec);
        free(c->bad.value);
        free(c->unit.value);
    }
    free(t->cols);
    free(t->row_line);
    free(t->path);
    free(t->index);
    if (t->schema != NULL)
        lb_schema_release(t->schema);
    free(t->schema);
    memset(t, 0, sizeof *t);
}

void lb_table_retain(struct lb_table *t, const bool *keep)
{
    size_t r, n = 0, j;

    for (j = 0; j < t->ncols; j++) {
        struct lb_column *c = &t->cols[j];
        size_t to = 0, present = 0;

        for (r = 0, n = 0; r < t->nrows; r++) {
            if (!keep[r])
                continue;
            if (c->has_text) {
                size_t len;
                const char *s = lb_table_text(t, j, r, &len);

                /* moves forward only: rows keep their order */
                memmove(c->text + to, s, len + 1);
                c->text_off[n] = (uint32_t)to;
                to += len + 1;
            }
            if (c->numeric) {
                bool miss = lb_column_missing(c, r);

                if (c->num32 != NULL)
                    c->num32[n] = c->num32[r];
                else if (c->num64 != NULL)
                    c->num64[n] = c->num64[r];
                else
                    c->num128[n] = c->num128[r];
                if (c->dec != NULL)
                    c->dec[n] = c->dec[r];
                c->missing[n >> 3] = (uint8_t)(
                    (c->missing[n >> 3] & ~(1u << (n & 7))) |
                    ((unsigned)miss << (n & 7)));
                present += !miss;
            }
            n++;
        }
        if (c->has_text)
            c->text_len = to;
        if (c->numeric) {
            c->n_present = present;
            /* the freed places get new rows: no stale "missing" marks */
            for (r = n; r < t->nrows; r++)
                c->missing[r >> 3] =
                    (uint8_t)(c->missing[r >> 3] & ~(1u << (r & 7)));
        }
    }
    /* the lines of the rows kept (after the columns: they read the old
     * offsets through lb_table_line, which does not move) */
    if (t->row_line == NULL && n < t->nrows) {
        t->row_line = xreallocarray(NULL, t->cap_rows + 1, sizeof *t->row_line);
        for (r = 0; r < t->nrows; r++)
            t->row_line[r] = t->first_line + r;
    }
    if (t->row_line != NULL)
        for (r = 0, n = 0; r < t->nrows; r++)
            if (keep[r])
                t->row_line[n++] = t->row_line[r];
    t->nrows = n;
}

const char *lb_table_text(const struct lb_table *t, size_t col, size_t row,
                          size_t *len)
{
    const struct lb_column *c = &t->cols[col];
    size_t start = c->text_off[row];
    size_t end = row + 1 < t->nrows ? c->text_off[row + 1] : c->text_len;

    if (len != NULL)
        *len = end - start - 1; /* the arena keeps a NUL after each cell */
    return c->text + start;
}

void lb_column_dec(const struct lb_column *c, size_t row, struct lb_dec *d)
{
    lb_i128 v = lb_column_num(c, row);
    unsigned scale = c->scale;

    /* the value was written below 2^63 at its own scale: dropping the
     * trailing zeros the column's scale added brings it there */
    while ((v < INT64_MIN || v > INT64_MAX) && scale > 0 && v % 10 == 0) {
        v /= 10;
        scale--;
    }
    d->units = (int64_t)v;
    d->scale = scale;
}

const char *lb_table_model(const struct lb_table *t, size_t row, size_t *len)
{
    return lb_table_text(t, t->model_col, row, len);
}

/* Whether s[0..len) holds only printable ASCII and NUL bytes: eight bytes
 * at a time, without a branch per word. */
static bool printable_or_nul(const char *s, size_t len)
{
    uint64_t bad = 0, word;
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        memcpy(&word, s + i, 8);
        bad |= lb_word_unprintable(word) & ~lb_word_zero(word);
    }
    for (; i < len; i++)
        if (s[i] != '\0' &&
            ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7F))
            return false;
    return bad == 0;
}

bool lb_table_text_plain(const struct lb_table *t, size_t col, size_t from,
                         size_t to, size_t *longest)
{
    const struct lb_column *c = &t->cols[col];
    const uint32_t *off = c->text_off;
    size_t end, r;
    uint32_t most = 0, len;

    *longest = LB_NPOS;
    if (from >= to)
        return true;
    /* the cells of the rows lie in row order, each ended by a NUL: a
     * cell's length is the distance to the next one's, less 1 (as
     * lb_table_text reads it) */
    end = to < t->nrows ? off[to] : c->text_len;
    if (!printable_or_nul(c->text + off[from], end - off[from]))
        return false;
    for (r = from; r + 1 < to; r++) {
        len = off[r + 1] - off[r];
        most = len > most ? len : most;
    }
    len = (uint32_t)(end - off[to - 1]); /* the last */
    most = len > most ? len : most;
    for (r = from; r + 1 < to && off[r + 1] - off[r] != most; r++)
        ;
    *longest = r;
    return true;
}

/* {======================================================================
 * Finding columns by name
 * ======================================================================= */

#define KEY_SIZE 64 /* names this long or longer have no loose key */

/* The three ways a name matches, in the order they are tried. */
enum match { EXACT, NOCASE, LOOSE, NMATCH };

struct slot {
    uint64_t hash;   /* of the name in that way (0: empty slot) */
    uint32_t col;    /* the first column with it */
    bool ambiguous;  /* another column has it too */
};

struct lb_col_index {
    size_t mask;      /* slots per way - 1 */
    struct slot *way[NMATCH];
    struct slot slots[]; /* NMATCH * (mask + 1) */
};

static uint64_t fnv(const char *s, bool fold)
{
    uint64_t h = 1469598103934665603ull;

    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;

        if (fold && c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        h = (h ^ c) * 1099511628211ull;
    }
    return h | 1; /* never 0: 0 marks an empty slot */
}

/* Whether column name 'have' matches the query 'want' in way m (for
 * LOOSE, want is the query's key). */
static bool matches(const char *have, const char *want, enum match m)
{
    char key[KEY_SIZE];

    if (m == EXACT)
        return strcmp(have, want) == 0;
    if (m == NOCASE)
        return strcasecmp(have, want) == 0;
    if (strlen(have) >= sizeof key)
        return false;
    lb_catalog_key(have, key, sizeof key);
    return strcmp(key, want) == 0;
}

/* The slot holding 'want' in way m, or NULL. */
static const struct slot *probe(const struct lb_table *t, enum match m,
                                const char *want, uint64_t h)
{
    const struct lb_col_index *x = t->index;
    size_t i;

    for (i = h & x->mask; x->way[m][i].hash != 0; i = (i + 1) & x->mask) {
        const struct slot *sl = &x->way[m][i];

        if (sl->hash == h && matches(t->cols[sl->col].name, want, m))
            return sl;
    }
    return NULL;
}

static void insert(struct lb_table *t, enum match m, const char *key,
                   uint64_t h, uint32_t col)
{
    struct lb_col_index *x = t->index;
    size_t i;

    for (i = h & x->mask; x->way[m][i].hash != 0; i = (i + 1) & x->mask) {
        struct slot *sl = &x->way[m][i];

        if (sl->hash == h && matches(t->cols[sl->col].name, key, m)) {
            sl->ambiguous = true;
            return;
        }
    }
    x->way[m][i].hash = h;
    x->way[m][i].col = col;
}

void lb_table_index(struct lb_table *t)
{
    size_t n = 8, i;
    int m;

    free(t->index);
    while (n < 2 * t->ncols + 2)
        n *= 2;
    t->index = xcalloc(1, sizeof *t->index + NMATCH * n * sizeof(struct slot));
    t->index->mask = n - 1;
    for (m = 0; m < NMATCH; m++)
        t->index->way[m] = t->index->slots + (size_t)m * n;
    for (i = 0; i < t->ncols; i++) {
        const char *name = t->cols[i].name;
        char key[KEY_SIZE];

        insert(t, EXACT, name, fnv(name, false), (uint32_t)i);
        insert(t, NOCASE, name, fnv(name, true), (uint32_t)i);
        if (strlen(name) >= sizeof key)
            continue;
        lb_catalog_key(name, key, sizeof key);
        if (key[0] != '\0')
            insert(t, LOOSE, key, fnv(key, false), (uint32_t)i);
    }
}

/* The same by reading every column (a table without an index). */
static size_t find_slowly(const struct lb_table *t, const char *name)
{
    size_t i, found = LB_NPOS;
    char want[KEY_SIZE];
    int m;

    for (m = EXACT; m < NMATCH; m++) {
        const char *w = name;

        if (m == LOOSE) {
            if (strlen(name) >= sizeof want)
                return LB_NPOS;
            lb_catalog_key(name, want, sizeof want);
            if (want[0] == '\0')
                return LB_NPOS;
            w = want;
        }
        for (i = 0; i < t->ncols; i++) {
            if (!matches(t->cols[i].name, w, (enum match)m))
                continue;
            if (m == EXACT)
                return i;
            if (found != LB_NPOS)
                return LB_NPOS;
            found = i;
        }
        if (found != LB_NPOS)
            return found;
    }
    return LB_NPOS;
}

size_t lb_table_find(const struct lb_table *t, const char *name)
{
    const struct slot *sl;
    char want[KEY_SIZE];

    if (t->index == NULL)
        return find_slowly(t, name);
    sl = probe(t, EXACT, name, fnv(name, false));
    if (sl != NULL)
        return sl->col;
    sl = probe(t, NOCASE, name, fnv(name, true));
    if (sl != NULL)
        return sl->ambiguous ? LB_NPOS : sl->col;
    if (strlen(name) >= sizeof want)
        return LB_NPOS;
    lb_catalog_key(name, want, sizeof want);
    if (want[0] == '\0')
        return LB_NPOS;
    sl = probe(t, LOOSE, want, fnv(want, false));
    return sl == NULL || sl->ambiguous ? LB_NPOS : sl->col;
}

/* }====================================================================== */

int lb_table_check_numeric(const struct lb_table *t, size_t col,
                           struct lb_error *err)
{
    const struct lb_column *c = &t->cols[col];
    struct lb_quoted qv, qc;

    if (c->bad.kind == LB_BAD_NUMBER)
        return lb_error_set(err, "%s:%zu:%zu: %s %s (column %s)", t->path,
                            c->bad.line, c->index + 1,
                            lb_quote(&qv, c->bad.value, c->bad.value_len),
                            lb_num_status_phrase(c->bad.status),
                            lb_quotes(&qc, c->name));
    if (c->bad.kind == LB_BAD_RANGE)
        return lb_error_set(
            err, "%s:%zu:%zu: %s is out of range for %s (%d to %d)", t->path,
            c->bad.line, c->index + 1,
            lb_quote(&qv, c->bad.value, c->bad.value_len),
            lb_quotes(&qc, c->name), c->bench ? c->bench->lo : 0,
            c->bench ? c->bench->hi : 0);
    if (!c->numeric)
        return lb_error_set(err, "%s: column %s does not hold numbers",
                            t->path, lb_quotes(&qc, c->name));
    return 0;
}

static const char *column_name(const void *ctx, size_t i)
{
    const struct lb_table *t = ctx;

    return t->cols[i].name;
}

size_t lb_table_suggest(const struct lb_table *t, const char *name)
{
    size_t i = lb_suggest(name, t->ncols, column_name, t);

    return i == LB_SUGGEST_NONE ? LB_NPOS : i;
}

bool lb_column_lower_better(const struct lb_column *c)
{
    if (c->field != NULL && c->field->better != LB_BETTER_UNSET)
        return c->field->better == LB_BETTER_LOWER;
    return c->bench != NULL && !c->bench->higher_is_better;
}

/* {======================================================================
 * Comparing two loads
 * ======================================================================= */

static bool same_bad(const struct lb_bad_cell *x, const struct lb_bad_cell *y)
{
    if (x->kind != y->kind)
        return false;
    if (x->kind == LB_BAD_NONE)
        return true;
    return x->status == y->status && x->line == y->line &&
           x->value_len == y->value_len &&
           memcmp(x->value, y->value, x->value_len) == 0;
}

#define DIFF(...) (snprintf(why, size, __VA_ARGS__), false)

static bool same_column(const struct lb_table *a, const struct lb_table *b,
                        size_t j, char *why, size_t size)
{
    const struct lb_column *x = &a->cols[j], *y = &b->cols[j];
    size_t r;

    if (strcmp(x->name, y->name) != 0 || x->bench != y->bench)
        return DIFF("column %zu: name or benchmark", j + 1);
    if (x->has_text != y->has_text || x->numeric != y->numeric)
        return DIFF("column %zu: has_text %d/%d, numeric %d/%d", j + 1,
                    x->has_text, y->has_text, x->numeric, y->numeric);
    if (!same_bad(&x->bad, &y->bad) || !same_bad(&x->unit, &y->unit))
        return DIFF("column %zu: first bad cell", j + 1);
    for (r = 0; x->has_text && r < a->nrows; r++) {
        size_t lx, ly;
        const char *sx = lb_table_text(a, j, r, &lx);
        const char *sy = lb_table_text(b, j, r, &ly);

        if (lx != ly || memcmp(sx, sy, lx) != 0)
            return DIFF("column %zu, row %zu: text", j + 1, r + 1);
    }
    if (!x->numeric)
        return true;
    if (x->scale != y->scale || x->n_present != y->n_present ||
        x->n_percent != y->n_percent || x->n_sentinel != y->n_sentinel ||
        x->n_values != y->n_values || x->n_minus_one != y->n_minus_one ||
        x->n_negative != y->n_negative || x->above_100 != y->above_100)
        return DIFF("column %zu: scale or counts", j + 1);
    for (r = 0; r < a->nrows; r++) {
        bool m = lb_column_missing(x, r);

        if (m != lb_column_missing(y, r) ||
            lb_column_num(x, r) != lb_column_num(y, r) ||
            (!m && lb_column_decimals(x, r) != lb_column_decimals(y, r)))
            return DIFF("column %zu, row %zu: number", j + 1, r + 1);
    }
    return true;
}

bool lb_table_same(const struct lb_table *a, const struct lb_table *b,
                   char *why, size_t size)
{
    size_t r, j;

    if (strcmp(a->path, b->path) != 0)
        return DIFF("path");
    if (a->ncols != b->ncols || a->nrows != b->nrows ||
        a->model_col != b->model_col)
        return DIFF("columns %zu/%zu, rows %zu/%zu, model column %zu/%zu",
                    a->ncols, b->ncols, a->nrows, b->nrows, a->model_col,
                    b->model_col);
    for (r = 0; r < a->nrows; r++)
        if (lb_table_line(a, r) != lb_table_line(b, r))
            return DIFF("row %zu: line %zu/%zu", r + 1, lb_table_line(a, r),
                        lb_table_line(b, r));
    for (j = 0; j < a->ncols; j++)
        if (!same_column(a, b, j, why, size))
            return false;
    return true;
}

#undef DIFF

/* }====================================================================== */
