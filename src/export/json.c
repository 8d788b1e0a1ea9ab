/* json.c: one JSON object: what was computed (the view's metadata), then
 * one row per line.
 *
 *   {
 *     "benchmarks": [...],
 *     "precision": 2,
 *     "rows": [
 *       {"rank": 1, "model": "...", "average": 69.42, "scores": {...}},
 *       {"rank": null, "model": "...", ..., "reason": "..."}
 *     ]
 *   }
 *
 * A row holds its columns' keys in order; a column in a group sits in an
 * object of that name ("scores"), and one level deeper with a sub-group
 * (that object left out when all its cells are absent). A missing value is
 * null; an absent cell leaves its key out. Strings are valid UTF-8:
 * control characters, U+2028, U+2029 and bidi controls are escaped
 * (\uXXXX), invalid bytes become U+FFFD. */
#include <stdlib.h>
#include <string.h>

#include "export/format.h"
#include "export/meta.h"
#include "export/writer.h"

/* Control characters as \u00XX; C1 controls, U+2028/9 (line ends to
 * JavaScript), bidi controls escaped too, as a reader's display may obey
 * them; invalid bytes as U+FFFD. */
static const struct lb_escapes escapes = {
    {['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\r'] = "\\r",
     ['\t'] = "\\t"},
    NULL, false, "\\uFFFD", true};

void lb_escape_json(struct lb_buf *out, const char *s, size_t len)
{
    lb_buf_addc(out, '"');
    lb_escape_with(out, s, len, &escapes);
    lb_buf_addc(out, '"');
}

static void put_key(struct lb_buf *out, const char *key)
{
    lb_escape_json(out, key, strlen(key));
    lb_buf_adds(out, ": ");
}

/* {======================================================================
 * The metadata
 * ======================================================================= */

static void put_meta(struct lb_buf *out, const struct lb_meta *m, int depth);

/* The members of a list or an object: inline, or (a list of objects at
 * the top) one per line. */
static void put_members(struct lb_buf *out, const struct lb_meta *m,
                        int depth)
{
    bool lines = depth == 1 && m->kind == LB_META_LIST && m->n > 0 &&
                 m->items[0].kind == LB_META_OBJECT;
    size_t i;

    for (i = 0; i < m->n; i++) {
        if (lines)
            lb_buf_adds(out, i > 0 ? ",\n    " : "\n    ");
        else if (i > 0)
            lb_buf_adds(out, ", ");
        if (m->items[i].key != NULL)
            put_key(out, m->items[i].key);
        put_meta(out, &m->items[i], depth + 1);
    }
    if (lines)
        lb_buf_adds(out, "\n  ");
}

static void put_meta(struct lb_buf *out, const struct lb_meta *m, int depth)
{
    switch (m->kind) {
    case LB_META_STRING:
        lb_escape_json(out, m->text, m->len);
        break;
    case LB_META_NUMBER:
        lb_buf_add(out, m->text, m->len);
        break;
    case LB_META_BOOL:
        lb_buf_adds(out, m->yes ? "true" : "false");
        break;
    case LB_META_NULL:
        lb_buf_adds(out, "null");
        break;
    case LB_META_LIST:
        lb_buf_addc(out, '[');
        put_members(out, m, depth);
        lb_buf_addc(out, ']');
        break;
    default:
        lb_buf_addc(out, '{');
        put_members(out, m, depth);
        lb_buf_addc(out, '}');
        break;
    }
}

/* }====================================================================== */

/* {======================================================================
 * The rows
 * ======================================================================= */

static bool same(const char *a, const char *b)
{
    return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Whether a column from j on, in the same group and sub-group as j, has a
 * cell that is not absent. */
static bool sub_has_cells(const struct lb_view *v, const struct lb_cell *cells,
                          size_t j)
{
    size_t k;

    for (k = j; k < v->ncols && same(v->cols[k].group, v->cols[j].group) &&
                same(v->cols[k].sub, v->cols[j].sub);
         k++)
        if (cells[k].kind != LB_CELL_ABSENT)
            return true;
    return false;
}

static void put_value(struct lb_buf *out, const struct lb_cell *c)
{
    if (c->kind == LB_CELL_MISSING)
        lb_buf_adds(out, "null");
    else if (c->kind == LB_CELL_TEXT)
        lb_escape_json(out, c->s, c->len);
    else if (c->len > 0 && c->s[0] == '+') /* JSON numbers have no '+' */
        lb_buf_add(out, c->s + 1, c->len - 1);
    else
        lb_buf_add(out, c->s, c->len);
}

static int json_row(const struct lb_view *v, size_t i,
                    const struct lb_cell *cells, struct lb_buf *out,
                    const void *ctx, struct lb_error *err)
{
    const char *group = NULL, *sub = NULL;
    bool first[3] = {true, true, true}, skip = false;
    size_t j;
    int level = 0;

    (void)ctx;
    (void)err;
    lb_buf_adds(out, i == 0 ? "\n    {" : ",\n    {");
    for (j = 0; j < v->ncols; j++) {
        const struct lb_view_col *c = &v->cols[j];

        if (!same(c->group, group) || !same(c->sub, sub)) {
            /* close what ends here, open what starts */
            if (sub != NULL && !skip)
                lb_buf_addc(out, '}');
            if (!same(c->group, group) && group != NULL)
                lb_buf_addc(out, '}');
            if (!same(c->group, group) && c->group != NULL) {
                lb_buf_adds(out, first[0] ? "" : ", ");
                first[0] = false;
                put_key(out, c->group);
                lb_buf_addc(out, '{');
                first[1] = true;
            }
            group = c->group;
            sub = c->sub;
            level = group == NULL ? 0 : 1;
            skip = false;
            if (sub != NULL) {
                skip = !sub_has_cells(v, cells, j);
                if (!skip) {
                    lb_buf_adds(out, first[1] ? "" : ", ");
                    first[1] = false;
                    put_key(out, sub);
                    lb_buf_addc(out, '{');
                    first[2] = true;
                    level = 2;
                }
            }
        }
        if (skip || cells[j].kind == LB_CELL_ABSENT)
            continue;
        lb_buf_adds(out, first[level] ? "" : ", ");
        first[level] = false;
        put_key(out, c->key);
        put_value(out, &cells[j]);
    }
    if (sub != NULL && !skip)
        lb_buf_addc(out, '}');
    if (group != NULL)
        lb_buf_addc(out, '}');
    lb_buf_addc(out, '}');
    return 0;
}

/* }====================================================================== */

static int write_json(FILE *out, const struct lb_view *v, struct lb_error *err)
{
    struct lb_buf head = LB_BUF_INIT;
    size_t i;
    int rc;

    lb_buf_adds(&head, "{\n");
    for (i = 0; v->meta != NULL && i < v->meta->n; i++) {
        lb_buf_adds(&head, "  ");
        put_key(&head, v->meta->items[i].key);
        put_meta(&head, &v->meta->items[i], 1);
        lb_buf_adds(&head, ",\n");
    }
    lb_buf_adds(&head, "  \"rows\": [");
    fwrite(head.data, 1, head.len, out);
    lb_buf_release(&head);
    rc = lb_write_rows(out, v, json_row, NULL, err);
    fputs(v->nrows > 0 ? "\n  ]\n}\n" : "]\n}\n", out);
    return rc;
}

const struct lb_format lb_format_json = {
    "json", "", "json",
    "one object: what was computed, then a record per row", LB_FOR_TREES,
    write_json};
