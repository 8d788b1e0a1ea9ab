#include "core/table.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/quote.h"
#include "base/xalloc.h"

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
        free(c->bad.value);
    }
    free(t->cols);
    free(t->row_line);
    free(t->path);
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

size_t lb_table_find(const struct lb_table *t, const char *name)
{
    size_t i, found = LB_NPOS;
    char want[64], key[64];

    for (i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return i;
    for (i = 0; i < t->ncols; i++) {
        if (strcasecmp(t->cols[i].name, name) == 0) {
            if (found != LB_NPOS)
                return LB_NPOS;
            found = i;
        }
    }
    if (found != LB_NPOS || strlen(name) >= sizeof want)
        return found;
    /* loose match: "MATH Lvl 5" finds MATH_Lvl5 */
    lb_catalog_key(name, want, sizeof want);
    if (want[0] == '\0')
        return LB_NPOS;
    for (i = 0; i < t->ncols; i++) {
        if (strlen(t->cols[i].name) >= sizeof key)
            continue;
        lb_catalog_key(t->cols[i].name, key, sizeof key);
        if (strcmp(key, want) == 0) {
            if (found != LB_NPOS)
                return LB_NPOS;
            found = i;
        }
    }
    return found;
}

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
