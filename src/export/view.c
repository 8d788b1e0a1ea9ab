/* view.c: building a view, and its cells (see view.h). */
#include "export/view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "export/meta.h"

void lb_view_init(struct lb_view *v, enum lb_audience a)
{
    memset(v, 0, sizeof *v);
    v->audience = a;
    v->heading = "Leaderboard";
    lb_buf_init(&v->title);
    lb_buf_init(&v->footer);
}

void lb_view_release(struct lb_view *v)
{
    lb_buf_release(&v->title);
    lb_buf_release(&v->footer);
    free(v->cols);
    lb_meta_free(v->meta);
    if (v->own_free != NULL)
        v->own_free(v->own);
    memset(v, 0, sizeof *v);
}

void lb_view_bind(struct lb_view *v, void *own, void (*own_free)(void *own),
                  lb_view_cells_fn cells)
{
    v->own = own;
    v->own_free = own_free;
    v->data = own;
    v->cells = cells;
}

struct lb_view_col *lb_view_col_is(struct lb_view_col *c, int what,
                                   size_t arg)
{
    c->what = what;
    c->arg = arg;
    return c;
}

struct lb_view_col *lb_view_add_col(struct lb_view *v, const char *name,
                                    const char *key)
{
    struct lb_view_col *c;

    if (v->ncols == v->capcols) {
        v->capcols = v->capcols ? 2 * v->capcols : 16;
        v->cols = xreallocarray(v->cols, v->capcols, sizeof *v->cols);
    }
    c = &v->cols[v->ncols++];
    memset(c, 0, sizeof *c);
    c->name = name;
    c->key = key != NULL ? key : name;
    return c;
}

struct lb_view_col *lb_view_add_num(struct lb_view *v, const char *name,
                                    const char *key, int better)
{
    struct lb_view_col *c = lb_view_add_col(v, name, key);

    c->number = true;
    c->right = true;
    c->better = better;
    return c;
}

/* {======================================================================
 * Cells
 * ======================================================================= */

static void set(struct lb_cell *c, enum lb_cell_kind kind, const char *s,
                size_t len)
{
    c->kind = kind;
    c->s = s;
    c->len = len;
    c->marked = false;
}

void lb_cell_absent(struct lb_cell *c)
{
    set(c, LB_CELL_ABSENT, "", 0);
}

void lb_cell_missing(struct lb_cell *c)
{
    set(c, LB_CELL_MISSING, "", 0);
}

void lb_cell_text(struct lb_cell *c, const char *s, size_t len)
{
    set(c, LB_CELL_TEXT, s, len);
}

void lb_cell_word(struct lb_cell *c, const char *s)
{
    set(c, LB_CELL_TEXT, s, strlen(s));
}

void lb_cell_dec(struct lb_cell *c, lb_i128 v, unsigned precision)
{
    set(c, LB_CELL_NUMBER, c->num, lb_dec_format(c->num, v, precision));
}

void lb_cell_delta(struct lb_cell *c, lb_i128 v, unsigned precision)
{
    size_t n = 0;

    if (v > 0)
        c->num[n++] = '+';
    n += lb_dec_format(c->num + n, v, precision);
    set(c, LB_CELL_NUMBER, c->num, n);
}

void lb_cell_uint(struct lb_cell *c, uint64_t v)
{
    set(c, LB_CELL_NUMBER, c->num, lb_format_uint(c->num, v));
}

void lb_cell_digits(struct lb_cell *c, size_t len)
{
    set(c, LB_CELL_NUMBER, c->num, len);
}

size_t lb_rank_text(char *buf, int64_t rank2)
{
    size_t n = lb_format_uint(buf, (uint64_t)(rank2 / 2));

    if (rank2 % 2 != 0) {
        memcpy(buf + n, ".5", 3);
        n += 2;
    }
    return n;
}

void lb_cell_rank(struct lb_cell *c, int64_t rank2)
{
    if (rank2 == 0)
        lb_cell_missing(c);
    else
        set(c, LB_CELL_NUMBER, c->num, lb_rank_text(c->num, rank2));
}

void lb_cell_double(struct lb_cell *c, double v, unsigned decimals)
{
    int n;

    if (isnan(v)) {
        lb_cell_missing(c);
        return;
    }
    n = snprintf(c->num, sizeof c->num, "%.*f", (int)decimals, v);
    if (n < 0 || (size_t)n >= sizeof c->num) {
        lb_cell_missing(c);
        return;
    }
    if (c->num[0] == '-' && strspn(c->num + 1, "0.") == (size_t)n - 1) {
        memmove(c->num, c->num + 1, (size_t)n);
        n--;
    }
    set(c, LB_CELL_NUMBER, c->num, (size_t)n);
}

struct lb_buf *lb_cell_buf(struct lb_cell *c)
{
    lb_buf_reset(&c->more);
    return &c->more;
}

void lb_cell_take(struct lb_cell *c)
{
    set(c, LB_CELL_TEXT, lb_buf_str(&c->more), c->more.len);
}

struct lb_cell *lb_cells_new(size_t n)
{
    return xcalloc(n + 1, sizeof(struct lb_cell));
}

void lb_cells_free(struct lb_cell *cells, size_t n)
{
    size_t i;

    if (cells == NULL)
        return;
    for (i = 0; i < n; i++)
        lb_buf_release(&cells[i].more);
    free(cells);
}

/* }====================================================================== */
