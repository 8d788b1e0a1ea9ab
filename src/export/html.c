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

#include "core/schema.h"
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
    "p.source{margin:.1rem 0 .5rem;font-size:.9rem;color:GrayText}\n"
    ".controls{display:flex;flex-wrap:wrap;gap:.5rem .8rem;"
    "align-items:center}\n"
    "#filters{display:contents}\n"
    "fieldset.f{display:flex;gap:.3rem;align-items:center;margin:0;"
    "padding:.15rem .5rem .3rem;border:1px solid var(--line);"
    "border-radius:.4rem;font-size:.9rem}\n"
    "fieldset.f legend{padding:0 .2rem;font-size:.8rem;color:GrayText}\n"
    "fieldset.f input[type=number]{width:5rem;font:inherit}\n"
    "fieldset.f select{font:inherit;max-width:14rem}\n"
    ".controls button{font:inherit;font-size:.9rem}\n"
    "details#columns{font-size:.9rem;margin:.4rem 0}\n"
    "details#columns label{display:inline-block;margin-right:.7rem}\n"
    "td.model a{color:inherit;text-decoration:none}\n"
    "td.model a:hover{text-decoration:underline}\n"
    "input[type=search]{font:inherit;width:100%;max-width:24rem;"
    "padding:.45rem .6rem;box-sizing:border-box;border:1px solid var(--line);"
    "border-radius:.4rem}\n"
    "#count{margin:.4rem 0;font-size:.9rem;color:GrayText}\n"
    ".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;"
    "border:1px solid var(--line);border-radius:.4rem}\n"
    /* separate borders, none between cells: each cell draws its own
     * line, which the sticky model cell's background would otherwise
     * hide (collapsed borders belong to the table) */
    "table{border-collapse:separate;border-spacing:0;width:100%;"
    "font-variant-numeric:tabular-nums}\n"
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
 * values stay in rank order. The filters come from the headers' data-filter
 * (filter_kind): two bounds for a range of numbers, all/yes/no for a
 * boolean, a list for a column of at most 30 distinct values. While a
 * filter hides rows, the column after the board's rank (data-view) shows
 * each row's rank among those shown. Every control is built with
 * textContent: no text of the page is ever parsed as HTML. */
static const char *const page_script[] = {
    "<script>\n"
    "(function () {\n"
    "  'use strict';\n"
    "  var table = document.getElementById('board');\n"
    "  var body = table.tBodies[0];\n"
    "  var heads = table.tHead.rows[0].cells;\n"
    "  var filter = document.getElementById('filter');\n"
    "  var count = document.getElementById('count');\n"
    "  var panel = document.getElementById('filters');\n"
    "  var shown = document.getElementById('columns');\n"
    "  var modelCol = -1, rankCol = -1, viewCol = -1, noun = ' models shown';\n"
    "  var tests = [], i;\n"
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
    "      /* a missing text (shown as -) sorts last, as a missing number */\n"
    "      if (!num) { x = x === '-' ? null : x; y = y === '-' ? null : y; }\n"
    "      if (x === null || y === null) {\n"
    "        c = x === y ? 0 : (x === null ? 1 : -1);\n"
    "        return c || (a.getAttribute('data-i') - b.getAttribute('data-i'));\n"
    "      }\n"
    "      c = x < y ? -1 : x > y ? 1 : 0;\n"
    "      return c * dir ||\n"
    "             (a.getAttribute('data-i') - b.getAttribute('data-i'));\n"
    "    });\n"
    "    for (i = 0; i < heads.length; i++)\n"
    "      heads[i].setAttribute('aria-sort', 'none');\n"
    "    th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');\n"
    "    for (i = 0; i < rows.length; i++) body.appendChild(rows[i]);\n"
    "  }\n"
    "  /* the in-view rank: 1 + the rows shown that rank strictly higher */\n"
    "  function viewRanks(active) {\n"
    "    var r, row, ranks = [], v, lo, hi, mid;\n"
    "    for (r = 0; r < table.rows.length; r++)\n"
    "      table.rows[r].cells[viewCol].hidden = !active;\n"
    "    if (!active) return;\n"
    "    for (r = 0; r < body.rows.length; r++) {\n"
    "      row = body.rows[r];\n"
    "      v = value(row, rankCol, true);\n"
    "      if (!row.hidden && v !== null) ranks.push(v);\n"
    "    }\n"
    "    ranks.sort(function (a, b) { return a - b; });\n"
    "    for (r = 0; r < body.rows.length; r++) {\n"
    "      row = body.rows[r];\n"
    "      var cell = row.cells[viewCol];\n"
    "      v = value(row, rankCol, true);\n"
    "      if (row.hidden || v === null) {\n"
    "        cell.textContent = '-';\n"
    "        cell.removeAttribute('data-v');\n"
    "        continue;\n"
    "      }\n"
    "      for (lo = 0, hi = ranks.length; lo < hi;) {\n"
    "        mid = (lo + hi) >> 1;\n"
    "        if (ranks[mid] < v) lo = mid + 1; else hi = mid;\n"
    "      }\n"
    "      cell.textContent = String(lo + 1);\n"
    "      cell.setAttribute('data-v', String(lo + 1));\n"
    "    }\n"
    "  }\n"
    "  function applyFilter() {\n"
    "    var q = filter.value.trim().toLowerCase(), n = 0, r, t, active = !!q;\n"
    "    for (t = 0; t < tests.length; t++) active = active || tests[t].on();\n"
    "    for (r = 0; r < body.rows.length; r++) {\n"
    "      var row = body.rows[r];\n"
    "      var hit = !q || value(row, modelCol, false).toLowerCase()\n"
    "                                 .indexOf(q) >= 0;\n"
    "      for (t = 0; hit && t < tests.length; t++) hit = tests[t].keep(row);\n"
    "      row.hidden = !hit;\n"
    "      if (hit) n++;\n"
    "    }\n"
    "    if (viewCol >= 0) viewRanks(active);\n"
    "    count.textContent = n + ' of ' + body.rows.length + noun;\n"
    "  }\n"
    "  /* rows are models only when no model has two */\n"
    "  function countNoun() {\n"
    "    var seen = Object.create(null), distinct = 0, r, name;\n",
    "    for (r = 0; r < body.rows.length; r++) {\n"
    "      name = value(body.rows[r], modelCol, false);\n"
    "      if (!(name in seen)) distinct++;\n"
    "      seen[name] = true;\n"
    "    }\n"
    "    return distinct === body.rows.length ? ' models shown'\n"
    "                                         : ' rows shown';\n"
    "  }\n"
    "  function el(tag, text) {\n"
    "    var e = document.createElement(tag);\n"
    "    if (text !== undefined) e.textContent = text;\n"
    "    return e;\n"
    "  }\n"
    "  function box(name) {\n"
    "    var f = el('fieldset');\n"
    "    f.className = 'f';\n"
    "    f.appendChild(el('legend', name));\n"
    "    panel.appendChild(f);\n"
    "    return f;\n"
    "  }\n"
    "  /* filters from the columns' types: a range of numbers, yes or no, one\n"
    "   * of a few values */\n"
    "  function range(col, name) {\n"
    "    var lo = Infinity, hi = -Infinity, r, v, f, a, b;\n"
    "    for (r = 0; r < body.rows.length; r++) {\n"
    "      v = value(body.rows[r], col, true);\n"
    "      if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }\n"
    "    }\n"
    "    if (!(lo < hi)) return;\n"
    "    f = box(name);\n"
    "    a = el('input'); b = el('input');\n"
    "    [a, b].forEach(function (x, k) {\n"
    "      x.type = 'number';\n"
    "      x.step = 'any';\n"
    "      x.placeholder = String(k ? hi : lo);\n"
    "      x.setAttribute('aria-label', name + (k ? ' at most' : ' at least'));\n"
    "      x.addEventListener('input', applyFilter);\n"
    "    });\n"
    "    f.appendChild(a);\n"
    "    f.appendChild(el('span', '\\u2013'));\n"
    "    f.appendChild(b);\n"
    "    tests.push({\n"
    "      on: function () { return a.value !== '' || b.value !== ''; },\n"
    "      keep: function (row) {\n"
    "        var x = parseFloat(a.value), y = parseFloat(b.value), w;\n"
    "        if (isNaN(x) && isNaN(y)) return true;\n"
    "        w = value(row, col, true);\n"
    "        return w !== null && !(w < x) && !(w > y);\n"
    "      },\n"
    "      clear: function () { a.value = ''; b.value = ''; }\n"
    "    });\n"
    "  }\n"
    "  function truth(row, col) {\n"
    "    var t = value(row, col, false).trim().toLowerCase();\n"
    "    return t === 'true' || t === '1' || t === 'yes' ? 'yes'\n"
    "         : t === 'false' || t === '0' || t === 'no' ? 'no' : null;\n"
    "  }\n"
    "  function yesNo(col, name) {\n"
    "    var f = box(name), radios = [];\n"
    "    f.setAttribute('role', 'radiogroup');\n"
    "    f.setAttribute('aria-label', name);\n"
    "    ['all', 'yes', 'no'].forEach(function (w) {\n"
    "      var l = el('label'), x = el('input');\n"
    "      x.type = 'radio';\n"
    "      x.name = 'f' + col;\n"
    "      x.value = w;\n"
    "      x.checked = w === 'all';\n"
    "      x.setAttribute('aria-label', name + ': ' + w);\n"
    "      x.addEventListener('change', applyFilter);\n"
    "      l.appendChild(x);\n"
    "      l.appendChild(document.createTextNode(w));\n"
    "      f.appendChild(l);\n"
    "      radios.push(x);\n"
    "    });\n"
    "    function which() {\n"
    "      for (var k = 0; k < 3; k++) if (radios[k].checked) return radios[k].value;\n"
    "    }\n"
    "    tests.push({\n"
    "      on: function () { return which() !== 'all'; },\n"
    "      keep: function (row) {\n"
    "        var w = which();\n"
    "        return w === 'all' || truth(row, col) === w;\n"
    "      },\n"
    "      clear: function () { radios[0].checked = true; }\n"
    "    });\n"
    "  }\n"
    "  function choice(col, name) {\n"
    "    var seen = Object.create(null), list = [], r, t, s, o;\n"
    "    for (r = 0; r < body.rows.length; r++) {\n"
    "      t = value(body.rows[r], col, false);\n"
    "      if (!(t in seen)) { seen[t] = 0; list.push(t); }\n"
    "      seen[t]++;\n"
    "    }\n"
    "    if (list.length < 2 || list.length > 30 || list.length === body.rows.length)\n"
    "      return;\n"
    "    list.sort(function (a, b) {\n"
    "      return seen[b] - seen[a] || (a < b ? -1 : a > b ? 1 : 0);\n"
    "    });\n"
    "    s = el('select');\n"
    "    s.setAttribute('aria-label', name);\n"
    "    s.appendChild(el('option', 'all'));\n"
    "    s.options[0].value = '';\n",
    "    list.forEach(function (v) {\n"
    "      o = el('option', v + ' (' + seen[v] + ')');\n"
    "      o.value = v;\n"
    "      s.appendChild(o);\n"
    "    });\n"
    "    s.addEventListener('change', applyFilter);\n"
    "    box(name).appendChild(s);\n"
    "    tests.push({\n"
    "      on: function () { return s.value !== ''; },\n"
    "      keep: function (row) {\n"
    "        return s.value === '' || value(row, col, false) === s.value;\n"
    "      },\n"
    "      clear: function () { s.value = ''; }\n"
    "    });\n"
    "  }\n"
    "  /* a checkbox for each column but the model's: shown or hidden */\n"
    "  function visibility(col, name) {\n"
    "    var l = el('label'), x = el('input');\n"
    "    x.type = 'checkbox';\n"
    "    x.checked = true;\n"
    "    x.setAttribute('aria-label', 'show ' + name);\n"
    "    x.addEventListener('change', function () {\n"
    "      for (var r = 0; r < table.rows.length; r++)\n"
    "        if (table.rows[r].cells[col])\n"
    "          table.rows[r].cells[col].hidden = !x.checked;\n"
    "    });\n"
    "    l.appendChild(x);\n"
    "    l.appendChild(document.createTextNode(name));\n"
    "    shown.appendChild(l);\n"
    "  }\n"
    "  for (i = 0; i < heads.length; i++) {\n"
    "    (function (col) {\n"
    "      var th = heads[col], b = th.querySelector('button');\n"
    "      var name = th.textContent, kind = th.getAttribute('data-filter');\n"
    "      if (b) b.addEventListener('click', function () { sortBy(col); });\n"
    "      if (th.hasAttribute('data-view')) { viewCol = col; return; }\n"
    "      if (th.hasAttribute('data-rank') && rankCol < 0) rankCol = col;\n"
    "      if (th.getAttribute('data-kind') === 'model') { modelCol = col; return; }\n"
    "      if (kind === 'range') range(col, name);\n"
    "      else if (kind === 'bool') yesNo(col, name);\n"
    "      else if (kind === 'choice') choice(col, name);\n"
    "      visibility(col, name);\n"
    "    })(i);\n"
    "  }\n"
    "  if (rankCol < 0) viewCol = -1;\n"
    "  if (tests.length > 0) {\n"
    "    var clear = el('button', 'Clear filters');\n"
    "    clear.type = 'button';\n"
    "    clear.addEventListener('click', function () {\n"
    "      filter.value = '';\n"
    "      tests.forEach(function (t) { t.clear(); });\n"
    "      applyFilter();\n"
    "    });\n"
    "    panel.appendChild(clear);\n"
    "  }\n"
    "  noun = countNoun();\n"
    "  filter.addEventListener('input', applyFilter);\n"
    "  applyFilter();\n"
    "})();\n"
    "</script>\n",
    NULL};

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

/* The value of a number written by a user (a text cell of a column of
 * numbers: params_b "13.0", "77.47%") as data-v, in our own digits; nothing
 * when it is not a number. */
static void put_text_value(struct lb_buf *out, const char *s, size_t len)
{
    char digits[LB_DEC_BUFSIZE];
    struct lb_dec d;

    if (len > 0 && s[len - 1] == '%')
        len--;
    if (lb_dec_parse(s, len, &d) != LB_NUM_OK)
        return;
    lb_buf_adds(out, " data-v=\"");
    lb_buf_add(out, digits, lb_dec_format(digits, d.units, d.scale));
    lb_buf_addc(out, '"');
}

/* The model's name, as a link when --link gave a template. */
static void put_model(struct lb_buf *out, const struct lb_view *v,
                      const struct lb_cell *c)
{
    const char *link = v->publish != NULL ? v->publish->link : NULL;
    struct lb_buf url = LB_BUF_INIT;

    if (link == NULL || c->kind != LB_CELL_TEXT || c->len == 0) {
        if (c->kind == LB_CELL_MISSING)
            lb_buf_adds(out, MISSING_CELL);
        else
            lb_escape_html(out, c->s, c->len);
        return;
    }
    lb_publish_link(&url, link, c->s, c->len);
    lb_buf_adds(out, "<a href=\"");
    lb_escape_html(out, url.data, url.len);
    lb_buf_adds(out, "\">");
    lb_escape_html(out, c->s, c->len);
    lb_buf_adds(out, "</a>");
    lb_buf_release(&url);
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

        if (col->names) {
            lb_buf_adds(out, "<td class=\"model\">");
            put_model(out, v, c);
            lb_buf_adds(out, "</td>");
            continue;
        }
        if (c->kind == LB_CELL_NUMBER) {
            /* our own digits: nothing to escape */
            lb_buf_adds(out, "<td class=\"num\" data-v=\"");
            lb_buf_add(out, c->s, c->len);
            lb_buf_adds(out, "\">");
        } else {
            lb_buf_adds(out, col->right ? "<td class=\"num\"" : "<td");
            if (col->number && c->kind == LB_CELL_TEXT)
                put_text_value(out, c->s, c->len);
            lb_buf_addc(out, '>');
        }
        if (c->kind == LB_CELL_MISSING)
            lb_buf_adds(out, MISSING_CELL);
        else
            lb_escape_html(out, c->s, c->len);
        if (c->marked)
            lb_buf_adds(out, "*");
        lb_buf_adds(out, "</td>");
        if (col->rank) /* the rank among the rows shown (the script's) */
            lb_buf_adds(out, "<td class=\"num\" hidden>-</td>");
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

/* The filter a column gets from the board's schema: a range for numeric
 * metadata, all/yes/no for a boolean, a choice for other metadata (the
 * script keeps it only for a few distinct values); none for scores. */
static const char *filter_kind(const struct lb_view_col *c)
{
    const struct lb_field *f = c->field;

    if (f == NULL || c->names)
        return NULL;
    if (f->type != NULL && strcmp(f->type, "boolean") == 0)
        return "bool";
    if (f->role != LB_ROLE_METADATA && f->role != LB_ROLE_NONE)
        return NULL;
    return c->number ? "range" : "choice";
}

/* "Source: board.csv, as of 2024-06-01" (either part may be absent). */
static void put_source(struct lb_buf *out, const struct lb_publish *p)
{
    bool source = p != NULL && p->source != NULL && p->source[0] != '\0';
    bool date = p != NULL && p->date != NULL && p->date[0] != '\0';

    if (!source && !date)
        return;
    lb_buf_adds(out, "<p class=\"source\">");
    if (source) {
        lb_buf_adds(out, "Source: ");
        lb_escape_html(out, p->source, strlen(p->source));
    }
    if (date) {
        lb_buf_adds(out, source ? ", as of " : "As of ");
        lb_escape_html(out, p->date, strlen(p->date));
    }
    lb_buf_adds(out, "</p>\n");
}

static void put_head(struct lb_buf *out, const struct lb_view *v)
{
    const struct lb_publish *p = v->publish;
    const char *heading = p != NULL && p->title != NULL ? p->title
                                                        : v->heading;
    const char *first = "";
    size_t pos = 0, n = 0, j;

    (void)lb_next_line(&v->title, &pos, &first, &n);
    lb_buf_adds(out, page_head);
    lb_buf_adds(out, "<title>");
    lb_escape_html(out, heading, strlen(heading));
    if (n > 0 && heading == v->heading) {
        lb_buf_adds(out, ": ");
        lb_escape_html(out, first, n);
    }
    lb_buf_adds(out, "</title>\n");
    lb_buf_adds(out, page_style);
    lb_buf_adds(out, "</head>\n<body>\n<h1>");
    lb_escape_html(out, heading, strlen(heading));
    lb_buf_adds(out, "</h1>\n");
    put_source(out, p);
    put_paragraphs(out, &v->title, "<p class=\"title\">");
    if (v->nrows == 0 && v->empty_note != NULL) {
        lb_buf_adds(out, "<p>");
        lb_escape_html(out, v->empty_note, strlen(v->empty_note));
        lb_buf_adds(out, "</p>\n");
        return;
    }
    lb_buf_adds(out, "<div class=\"controls\">\n"
                     "<input id=\"filter\" type=\"search\" "
                     "placeholder=\"Filter models\" aria-label=\"Filter "
                     "models\" autocomplete=\"off\">\n"
                     "<div id=\"filters\"></div>\n</div>\n"
                     "<details id=\"columns\"><summary>Columns</summary>"
                     "</details>\n"
                     "<p id=\"count\"></p>\n<div class=\"scroll\">\n"
                     "<table id=\"board\">\n<thead><tr>");
    for (j = 0; j < v->ncols; j++) {
        const struct lb_view_col *c = &v->cols[j];
        const char *kind = filter_kind(c);

        lb_buf_addf(out, "<th scope=\"col\" aria-sort=\"none\" "
                         "data-kind=\"%s\"%s%s%s%s%s%s><button type=\"button\">",
                    c->names ? "model" : c->number ? "num" : "text",
                    c->better < 0 ? " data-first=\"asc\"" : "",
                    c->right ? " class=\"num\"" : "",
                    c->rank ? " data-rank" : "",
                    kind != NULL ? " data-filter=\"" : "",
                    kind != NULL ? kind : "", kind != NULL ? "\"" : "");
        lb_escape_html(out, c->name, strlen(c->name));
        lb_buf_adds(out, "</button></th>");
        if (c->rank)
            lb_buf_adds(out, "<th scope=\"col\" aria-sort=\"none\" "
                             "data-kind=\"num\" data-first=\"asc\" "
                             "data-view class=\"num\" hidden "
                             "title=\"the rank among the rows shown\">"
                             "<button type=\"button\">In view</button></th>");
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
    size_t k;
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
        for (k = 0; table && page_script[k] != NULL; k++)
            lb_buf_adds(&text, page_script[k]);
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
