/* html.c: one self-contained web page of a view.
 *
 * The page needs nothing but itself: inline CSS and JavaScript, the charts
 * (the view's figures) as SVG images inside data: URLs, and a
 * Content-Security-Policy that forbids every fetch (default-src 'none'), so
 * that opening it never touches the network. It holds the table with
 * click-to-sort headers (numbers sort on their values, best first, missing
 * ones last either way), a filter box on the model names, the summary rows
 * in the table's foot, and reads on a phone (the viewport is the device's,
 * the table scrolls sideways with the model column kept in sight).
 *
 * Every piece of text goes through lb_escape_html, the one escaping
 * function of this format. A chart is an SVG that gnuplot wrote; inside an
 * <img> an SVG can neither run a script nor load anything, whatever text
 * it holds. */
#include <stdlib.h>
#include <string.h>

#include "export/format.h"
#include "export/writer.h"

#define MISSING_CELL "-"

static const struct lb_escapes escapes = {
    {['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
     ['\''] = "&#39;"},
    " ", false, "\xEF\xBF\xBD", true}; /* invalid: U+FFFD; C1, bidi: shown */

void lb_escape_html(struct lb_buf *out, const char *s, size_t len)
{
    lb_escape_with(out, s, len, &escapes);
}

/* {======================================================================
 * The page's fixed parts
 * ======================================================================= */

static const char page_head[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
    "'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src "
    "data:\">\n";

static const char page_style[] =
    "<style>\n"
    ":root{color-scheme:light dark;--line:#8884;--head:#8882;--mark:#4e79a7}\n"
    "body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
    "margin:0 auto;padding:1rem;max-width:72rem}\n"
    "h1{font-size:1.4rem;margin:.2rem 0 .4rem}\n"
    "p.title{margin:.2rem 0 .8rem;color:GrayText}\n"
    "input[type=search]{font:inherit;width:100%;max-width:24rem;"
    "padding:.45rem .6rem;box-sizing:border-box;border:1px solid var(--line);"
    "border-radius:.4rem}\n"
    "#count{margin:.4rem 0;font-size:.9rem;color:GrayText}\n"
    ".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;"
    "border:1px solid var(--line);border-radius:.4rem}\n"
    "table{border-collapse:collapse;width:100%;font-variant-numeric:"
    "tabular-nums}\n"
    "th,td{padding:.35rem .6rem;border-bottom:1px solid var(--line);"
    "white-space:nowrap}\n"
    "th{background:var(--head);position:sticky;top:0;text-align:left}\n"
    "th button{font:inherit;font-weight:600;background:none;border:0;"
    "padding:0;cursor:pointer;color:inherit}\n"
    "th[aria-sort=ascending]::after{content:\" \\25B2\"}\n"
    "th[aria-sort=descending]::after{content:\" \\25BC\"}\n"
    "th.num,td.num{text-align:right}\n"
    "td.model{position:sticky;left:0;background:Canvas;max-width:22rem;"
    "overflow:hidden;text-overflow:ellipsis}\n"
    "tr.unranked td{color:GrayText}\n"
    "footer p{margin:.3rem 0;font-size:.9rem}\n"
    "figure{margin:1.2rem 0}\n"
    "figure img{max-width:100%;height:auto;background:#fff;"
    "border-radius:.4rem}\n"
    "figcaption{font-size:.9rem;color:GrayText}\n"
    "@media (max-width:40rem){body{padding:.5rem;font-size:14px}"
    "th,td{padding:.3rem .4rem}td.model{max-width:11rem}}\n"
    "</style>\n";

/* Sorting and filtering. A numeric cell carries its value in data-v (absent
 * when missing); rows keep their first position in data-i, so that equal
 * values stay in rank order. */
static const char page_script[] =
    "<script>\n"
    "(function () {\n"
    "  'use strict';\n"
    "  var table = document.getElementById('board');\n"
    "  var body = table.tBodies[0];\n"
    "  var heads = table.tHead.rows[0].cells;\n"
    "  var filter = document.getElementById('filter');\n"
    "  var count = document.getElementById('count');\n"
    "  var modelCol = -1, noun = ' models shown', i;\n"
    "  function value(row, col, num) {\n"
    "    var cell = row.cells[col];\n"
    "    if (!cell) return null;\n"
    "    if (num) {\n"
    "      var v = cell.getAttribute('data-v');\n"
    "      return v === null ? null : parseFloat(v);\n"
    "    }\n"
    "    return cell.textContent;\n"
    "  }\n"
    "  function sortBy(col) {\n"
    "    var th = heads[col], num = th.getAttribute('data-kind') === 'num';\n"
    "    var was = th.getAttribute('aria-sort');\n"
    "    /* first click: rank and text ascending, scores descending */\n"
    "    var first = num && th.getAttribute('data-first') !== 'asc' ? -1 : 1;\n"
    "    var dir = was === 'none' || !was ? first\n"
    "            : (was === 'ascending' ? -1 : 1);\n"
    "    var rows = Array.prototype.slice.call(body.rows);\n"
    "    rows.sort(function (a, b) {\n"
    "      var x = value(a, col, num), y = value(b, col, num), c;\n"
    "      if (x === null || y === null) {\n"
    "        c = x === y ? 0 : (x === null ? 1 : -1);\n"
    "        return c || (a.getAttribute('data-i') - b.getAttribute('data-i'));\n"
    "      }\n"
    "      c = num ? (x < y ? -1 : x > y ? 1 : 0)\n"
    "              : (x < y ? -1 : x > y ? 1 : 0);\n"
    "      return c * dir ||\n"
    "             (a.getAttribute('data-i') - b.getAttribute('data-i'));\n"
    "    });\n"
    "    for (i = 0; i < heads.length; i++)\n"
    "      heads[i].setAttribute('aria-sort', 'none');\n"
    "    th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');\n"
    "    for (i = 0; i < rows.length; i++) body.appendChild(rows[i]);\n"
    "  }\n"
    "  function applyFilter() {\n"
    "    var q = filter.value.trim().toLowerCase(), shown = 0, r;\n"
    "    for (r = 0; r < body.rows.length; r++) {\n"
    "      var row = body.rows[r];\n"
    "      var hit = !q || value(row, modelCol, false).toLowerCase()\n"
    "                                 .indexOf(q) >= 0;\n"
    "      row.hidden = !hit;\n"
    "      if (hit) shown++;\n"
    "    }\n"
    "    count.textContent = shown + ' of ' + body.rows.length + noun;\n"
    "  }\n"
    "  /* rows are models only when no model has two */\n"
    "  function countNoun() {\n"
    "    var seen = Object.create(null), distinct = 0, r, name;\n"
    "    for (r = 0; r < body.rows.length; r++) {\n"
    "      name = value(body.rows[r], modelCol, false);\n"
    "      if (!(name in seen)) distinct++;\n"
    "      seen[name] = true;\n"
    "    }\n"
    "    return distinct === body.rows.length ? ' models shown'\n"
    "                                         : ' rows shown';\n"
    "  }\n"
    "  for (i = 0; i < heads.length; i++) {\n"
    "    (function (col) {\n"
    "      var b = heads[col].querySelector('button');\n"
    "      if (b) b.addEventListener('click', function () { sortBy(col); });\n"
    "    })(i);\n"
    "    if (heads[i].getAttribute('data-kind') === 'model') modelCol = i;\n"
    "  }\n"
    "  noun = countNoun();\n"
    "  filter.addEventListener('input', applyFilter);\n"
    "  applyFilter();\n"
    "})();\n"
    "</script>\n";

/* }====================================================================== */

static void base64(struct lb_buf *out, const char *data, size_t len)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = (const unsigned char *)data;
    size_t i;

    lb_buf_reserve(out, (len + 2) / 3 * 4);
    for (i = 0; i + 2 < len; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];

        lb_buf_addc(out, digits[v >> 18 & 63]);
        lb_buf_addc(out, digits[v >> 12 & 63]);
        lb_buf_addc(out, digits[v >> 6 & 63]);
        lb_buf_addc(out, digits[v & 63]);
    }
    if (i < len) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < len ? (uint32_t)p[i + 1] << 8 : 0);

        lb_buf_addc(out, digits[v >> 18 & 63]);
        lb_buf_addc(out, digits[v >> 12 & 63]);
        lb_buf_addc(out, i + 1 < len ? digits[v >> 6 & 63] : '=');
        lb_buf_addc(out, '=');
    }
}

static int html_row(const struct lb_view *v, size_t i,
                    const struct lb_cell *cells, struct lb_buf *out,
                    const void *ctx, struct lb_error *err)
{
    size_t j;

    (void)ctx;
    (void)err;
    if (i >= v->nrows)
        lb_buf_adds(out, "<tr>");
    else
        lb_buf_addf(out, "<tr data-i=\"%zu\"%s>", i,
                    v->dim != NULL && v->dim(v, i) ? " class=\"unranked\""
                                                   : "");
    for (j = 0; j < v->ncols; j++) {
        const struct lb_view_col *col = &v->cols[j];
        const struct lb_cell *c = &cells[j];

        if (col->names)
            lb_buf_adds(out, "<td class=\"model\">");
        else if (c->kind == LB_CELL_NUMBER) {
            /* our own digits: nothing to escape */
            lb_buf_adds(out, "<td class=\"num\" data-v=\"");
            lb_buf_add(out, c->s, c->len);
            lb_buf_adds(out, "\">");
        } else
            lb_buf_adds(out, col->right ? "<td class=\"num\">" : "<td>");
        if (c->kind == LB_CELL_MISSING)
            lb_buf_adds(out, MISSING_CELL);
        else
            lb_escape_html(out, c->s, c->len);
        if (c->marked)
            lb_buf_adds(out, "*");
        lb_buf_adds(out, "</td>");
    }
    lb_buf_adds(out, "</tr>\n");
    return 0;
}

/* "<p CLASS>LINE</p>\n" for each line of text. */
static void put_paragraphs(struct lb_buf *out, const struct lb_buf *text,
                           const char *open)
{
    const char *s;
    size_t pos = 0, n;

    while (lb_next_line(text, &pos, &s, &n)) {
        lb_buf_adds(out, open);
        lb_escape_html(out, s, n);
        lb_buf_adds(out, "</p>\n");
    }
}

static void put_head(struct lb_buf *out, const struct lb_view *v)
{
    const char *first = "";
    size_t pos = 0, n = 0, j;

    (void)lb_next_line(&v->title, &pos, &first, &n);
    lb_buf_adds(out, page_head);
    lb_buf_adds(out, "<title>");
    lb_escape_html(out, v->heading, strlen(v->heading));
    if (n > 0) {
        lb_buf_adds(out, ": ");
        lb_escape_html(out, first, n);
    }
    lb_buf_adds(out, "</title>\n");
    lb_buf_adds(out, page_style);
    lb_buf_adds(out, "</head>\n<body>\n<h1>");
    lb_escape_html(out, v->heading, strlen(v->heading));
    lb_buf_adds(out, "</h1>\n");
    put_paragraphs(out, &v->title, "<p class=\"title\">");
    if (v->nrows == 0 && v->empty_note != NULL) {
        lb_buf_adds(out, "<p>");
        lb_escape_html(out, v->empty_note, strlen(v->empty_note));
        lb_buf_adds(out, "</p>\n");
        return;
    }
    lb_buf_adds(out, "<input id=\"filter\" type=\"search\" "
                     "placeholder=\"Filter models\" aria-label=\"Filter "
                     "models\" autocomplete=\"off\">\n"
                     "<p id=\"count\"></p>\n<div class=\"scroll\">\n"
                     "<table id=\"board\">\n<thead><tr>");
    for (j = 0; j < v->ncols; j++) {
        const struct lb_view_col *c = &v->cols[j];

        lb_buf_addf(out, "<th scope=\"col\" aria-sort=\"none\" "
                         "data-kind=\"%s\"%s%s><button type=\"button\">",
                    c->names ? "model" : c->number ? "num" : "text",
                    c->better < 0 ? " data-first=\"asc\"" : "",
                    c->right ? " class=\"num\"" : "");
        lb_escape_html(out, c->name, strlen(c->name));
        lb_buf_adds(out, "</button></th>");
    }
    lb_buf_adds(out, "</tr></thead>\n<tbody>\n");
}

static void put_figures(struct lb_buf *out, const struct lb_view *v)
{
    size_t i;

    if (v->nfigures == 0 && v->figures_note == NULL)
        return;
    lb_buf_adds(out, "<section id=\"charts\">\n<h2>Charts</h2>\n");
    if (v->figures_note != NULL) {
        lb_buf_adds(out, "<p>");
        lb_escape_html(out, v->figures_note, strlen(v->figures_note));
        lb_buf_adds(out, "</p>\n");
    }
    for (i = 0; i < v->nfigures; i++) {
        const struct lb_figure *f = &v->figures[i];

        lb_buf_adds(out, "<figure><img alt=\"");
        lb_escape_html(out, f->caption, strlen(f->caption));
        lb_buf_adds(out, "\" src=\"data:image/svg+xml;base64,");
        base64(out, f->svg, f->len);
        lb_buf_adds(out, "\"><figcaption>");
        lb_escape_html(out, f->caption, strlen(f->caption));
        lb_buf_adds(out, "</figcaption></figure>\n");
    }
    lb_buf_adds(out, "</section>\n");
}

static int write_html(FILE *out, const struct lb_view *v, struct lb_error *err)
{
    struct lb_buf text = LB_BUF_INIT;
    bool table = !(v->nrows == 0 && v->empty_note != NULL);
    int rc = 0;

    put_head(&text, v);
    fwrite(text.data, 1, text.len, out);
    lb_buf_reset(&text);
    if (table) {
        rc = lb_write_rows(out, v, html_row, NULL, err);
        lb_buf_adds(&text, "</tbody>\n");
        if (rc == 0 && v->nsummary > 0) {
            lb_buf_adds(&text, "<tfoot>\n");
            rc = lb_put_summary(v, html_row, NULL, &text, err);
            lb_buf_adds(&text, "</tfoot>\n");
        }
        lb_buf_adds(&text, "</table>\n</div>\n");
    }
    if (rc == 0) {
        lb_buf_adds(&text, "<footer>\n");
        put_paragraphs(&text, &v->footer, "<p>");
        lb_buf_adds(&text, "</footer>\n");
        put_figures(&text, v);
        if (table)
            lb_buf_adds(&text, page_script);
        lb_buf_adds(&text, "</body>\n</html>\n");
        fwrite(text.data, 1, text.len, out);
    }
    lb_buf_release(&text);
    return rc;
}

const struct lb_format lb_format_html = {
    "html", "htm", "html htm",
    "one self-contained page: a sortable table, a filter box, the charts as "
    "SVG",
    LB_FOR_PEOPLE, write_html};
