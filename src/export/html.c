/* html.c: one self-contained web page of a board.
 *
 * The page needs nothing but itself: inline CSS and JavaScript, the charts
 * as SVG images inside data: URLs, and a Content-Security-Policy that
 * forbids every fetch (default-src 'none'), so that opening it never
 * touches the network. It holds the ranked table with click-to-sort
 * headers (numbers sort on their values, missing ones last either way) and
 * a filter box on the model names, and reads on a phone (the viewport is
 * the device's, the table scrolls sideways with the model column kept in
 * sight).
 *
 * Every piece of user text goes through lb_escape_html, the one escaping
 * function of this format. A chart is an SVG that gnuplot wrote from the
 * same board; inside an <img> an SVG can neither run a script nor load
 * anything, whatever text it holds. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/quote.h"
#include "base/xalloc.h"
#include "export/cells.h"
#include "export/gnuplot.h"
#include "export/writers.h"

#define MISSING_CELL "-"

void lb_escape_html(struct lb_buf *out, const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];

        if (c >= 0x80) { /* invalid: U+FFFD; C1, bidi: shown, not obeyed */
            i += cells_put_nonascii(out, s + i, len - i, "\xEF\xBF\xBD", true);
            continue;
        }
        i++;
        switch (c) {
        case '&':
            lb_buf_adds(out, "&amp;");
            break;
        case '<':
            lb_buf_adds(out, "&lt;");
            break;
        case '>':
            lb_buf_adds(out, "&gt;");
            break;
        case '"':
            lb_buf_adds(out, "&quot;");
            break;
        case '\'':
            lb_buf_adds(out, "&#39;");
            break;
        default:
            if (c < 0x20 || c == 0x7F)
                lb_buf_addc(out, ' ');
            else
                lb_buf_addc(out, (char)c);
        }
    }
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
    "  var modelCol = -1, i;\n"
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
    "    count.textContent = shown + ' of ' + body.rows.length +\n"
    "                        ' models shown';\n"
    "  }\n"
    "  for (i = 0; i < heads.length; i++) {\n"
    "    (function (col) {\n"
    "      var b = heads[col].querySelector('button');\n"
    "      if (b) b.addEventListener('click', function () { sortBy(col); });\n"
    "    })(i);\n"
    "    if (heads[i].getAttribute('data-kind') === 'model') modelCol = i;\n"
    "  }\n"
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

static int html_row(const struct lb_board *r, const struct cell_col *cols,
                    size_t ncols, size_t i, struct lb_buf *line,
                    const void *ctx, struct lb_error *err)
{
    size_t row = r->ranking.order[i], j;
    bool notes = *(const bool *)ctx;
    bool ranked = r->ranking.rank2[row] != 0;

    lb_buf_addf(line, "<tr data-i=\"%zu\"%s>", i,
                ranked ? "" : " class=\"unranked\"");
    for (j = 0; j < ncols; j++) {
        struct cell v;

        if (cells_get(r, &cols[j], row, &v, err) != 0)
            return -1;
        if (cols[j].kind == CELL_MODEL)
            lb_buf_adds(line, "<td class=\"model\">");
        else if (v.kind == CELL_IS_NUMBER) {
            /* our own digits: nothing to escape */
            lb_buf_adds(line, "<td class=\"num\" data-v=\"");
            lb_buf_add(line, v.s, v.len);
            lb_buf_adds(line, "\">");
        } else
            lb_buf_adds(line, cols[j].right ? "<td class=\"num\">" : "<td>");
        if (v.kind == CELL_IS_MISSING)
            lb_buf_adds(line, MISSING_CELL);
        else
            lb_escape_html(line, v.s, v.len);
        if (cols[j].kind == CELL_MEAN && cells_mean_is_marked(r, row))
            lb_buf_adds(line, "*");
        lb_buf_adds(line, "</td>");
    }
    if (notes) {
        lb_buf_adds(line, "<td>");
        if (!ranked) {
            struct lb_buf why = LB_BUF_INIT;

            lb_buf_adds(&why, "not ranked: ");
            lb_board_reason(r, row, &why);
            lb_escape_html(line, why.data, why.len);
            lb_buf_release(&why);
        }
        lb_buf_adds(line, "</td>");
    }
    lb_buf_adds(line, "</tr>\n");
    return 0;
}

int lb_write_html(FILE *out, const struct lb_board *r,
                  const struct lb_html_chart *charts, size_t ncharts,
                  const char *charts_note, struct lb_error *err)
{
    struct lb_buf raw = LB_BUF_INIT, line = LB_BUF_INIT;
    size_t ncols, i, j;
    struct cell_col *cols = cells_columns(r, &ncols);
    bool notes = false;
    int rc;

    for (i = 0; i < r->ranking.n_listed; i++)
        if (r->ranking.rank2[r->ranking.order[i]] == 0)
            notes = true;
    cells_title(r, &raw);
    lb_buf_adds(&line, page_head);
    lb_buf_adds(&line, "<title>Leaderboard: ");
    lb_escape_html(&line, raw.data, raw.len);
    lb_buf_adds(&line, "</title>\n");
    lb_buf_adds(&line, page_style);
    lb_buf_adds(&line, "</head>\n<body>\n<h1>Leaderboard</h1>\n"
                       "<p class=\"title\">");
    lb_escape_html(&line, raw.data, raw.len);
    lb_buf_adds(&line, "</p>\n<input id=\"filter\" type=\"search\" "
                       "placeholder=\"Filter models\" aria-label=\"Filter "
                       "models\" autocomplete=\"off\">\n"
                       "<p id=\"count\"></p>\n<div class=\"scroll\">\n"
                       "<table id=\"board\">\n<thead><tr>");
    for (j = 0; j < ncols; j++) {
        const struct cell_col *c = &cols[j];

        lb_buf_addf(&line, "<th scope=\"col\" aria-sort=\"none\" "
                           "data-kind=\"%s\"%s%s><button type=\"button\">",
                    c->kind == CELL_MODEL ? "model"
                    : c->numeric || c->kind == CELL_RANK ? "num" : "text",
                    c->kind == CELL_RANK ? " data-first=\"asc\"" : "",
                    c->right ? " class=\"num\"" : "");
        lb_escape_html(&line, c->name, strlen(c->name));
        lb_buf_adds(&line, "</button></th>");
    }
    if (notes)
        lb_buf_adds(&line, "<th scope=\"col\" aria-sort=\"none\" "
                           "data-kind=\"text\"><button type=\"button\">Note"
                           "</button></th>");
    lb_buf_adds(&line, "</tr></thead>\n<tbody>\n");
    fwrite(line.data, 1, line.len, out);
    lb_buf_reset(&line);

    rc = cells_write_rows(out, r, cols, ncols, html_row, &notes, err);
    if (rc == 0) {
        const char *s, *end;

        lb_buf_adds(&line, "</tbody>\n</table>\n</div>\n<footer>\n");
        lb_buf_reset(&raw);
        (void)cells_footer(r, &raw);
        for (s = lb_buf_str(&raw), end = s + raw.len; s < end;) {
            const char *nl = memchr(s, '\n', (size_t)(end - s));
            size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

            lb_buf_adds(&line, "<p>");
            lb_escape_html(&line, s, n);
            lb_buf_adds(&line, "</p>\n");
            s += n + 1;
        }
        lb_buf_adds(&line, "</footer>\n");
        if (ncharts > 0 || charts_note != NULL)
            lb_buf_adds(&line, "<section id=\"charts\">\n<h2>Charts</h2>\n");
        if (charts_note != NULL) {
            lb_buf_adds(&line, "<p>");
            lb_escape_html(&line, charts_note, strlen(charts_note));
            lb_buf_adds(&line, "</p>\n");
        }
        for (i = 0; i < ncharts; i++) {
            lb_buf_adds(&line, "<figure><img alt=\"");
            lb_escape_html(&line, charts[i].caption, strlen(charts[i].caption));
            lb_buf_adds(&line, "\" src=\"data:image/svg+xml;base64,");
            base64(&line, charts[i].svg, charts[i].len);
            lb_buf_adds(&line, "\"><figcaption>");
            lb_escape_html(&line, charts[i].caption, strlen(charts[i].caption));
            lb_buf_adds(&line, "</figcaption></figure>\n");
        }
        if (ncharts > 0 || charts_note != NULL)
            lb_buf_adds(&line, "</section>\n");
        lb_buf_adds(&line, page_script);
        lb_buf_adds(&line, "</body>\n</html>\n");
        fwrite(line.data, 1, line.len, out);
    }
    free(cols);
    lb_buf_release(&raw);
    lb_buf_release(&line);
    return rc;
}

/* {======================================================================
 * The charts: gnuplot's SVG
 * ======================================================================= */

static const char *const captions[LB_CHART_COUNT] = {
    "The ranking: the average of each model, rank 1 on top",
    "Scores by benchmark of the first models",
    "Benchmark profile of the first models",
    "Average against parameter count (log scale)"};

/* Writes buf to dir/name; 0 or -1 with err. */
static int put_file(const char *path, const struct lb_buf *b,
                    struct lb_error *err)
{
    FILE *fp = fopen(path, "w");
    struct lb_quoted q;
    int e = 0;

    if (fp == NULL)
        e = errno;
    else if ((b->len > 0 && fwrite(b->data, 1, b->len, fp) != b->len) ||
             fclose(fp) != 0)
        e = errno ? errno : EIO;
    if (e != 0)
        return lb_error_set(err, "cannot write %s: %s", lb_quotes(&q, path),
                            strerror(e));
    return 0;
}

/* gnuplot 5.4's svg terminal leaves the fill of some line paths to SVG's
 * default, black (in a spider chart, every outline after the first is a
 * black polygon): its line paths, "<path stroke=...", are never filled,
 * so each gets fill='none'. */
static const char *find(const char *s, const char *end, const char *what,
                        size_t n)
{
    for (; (size_t)(end - s) >= n; s++) {
        s = memchr(s, what[0], (size_t)(end - s) - n + 1);
        if (s == NULL)
            return NULL;
        if (memcmp(s, what, n) == 0)
            return s;
    }
    return NULL;
}

static void unfill_lines(struct lb_buf *svg)
{
    static const char tag[] = "<path stroke=";
    struct lb_buf fixed = LB_BUF_INIT;
    const char *s = lb_buf_str(svg), *end = s + svg->len, *hit;

    while ((hit = find(s, end, tag, sizeof tag - 1)) != NULL) {
        lb_buf_add(&fixed, s, (size_t)(hit - s));
        lb_buf_adds(&fixed, "<path fill='none' stroke=");
        s = hit + sizeof tag - 1;
    }
    lb_buf_add(&fixed, s, (size_t)(end - s));
    lb_buf_release(svg);
    *svg = fixed;
}

static int get_file(const char *path, struct lb_buf *b, struct lb_error *err)
{
    FILE *fp = fopen(path, "rb");
    struct lb_quoted q;
    char block[65536];
    size_t n;

    if (fp == NULL) {
        int e = errno;

        return lb_error_set(err, "cannot read %s: %s", lb_quotes(&q, path),
                            strerror(e));
    }
    while ((n = fread(block, 1, sizeof block, fp)) > 0)
        lb_buf_add(b, block, n);
    fclose(fp);
    return 0;
}

enum lb_gnuplot_status lb_html_charts(const struct lb_board *b,
                                      struct lb_html_chart **out, size_t *n,
                                      struct lb_error *err)
{
    const char *tmpdir = getenv("TMPDIR");
    struct lb_buf dir = LB_BUF_INIT;
    struct lb_chart_opts co = {0, LB_TERMINAL_SVG};
    enum lb_gnuplot_status st = LB_GNUPLOT_OK;
    size_t i;

    *out = NULL;
    *n = 0;
    lb_buf_addf(&dir, "%s/leaderboard-html-XXXXXX",
                tmpdir != NULL && tmpdir[0] == '/' ? tmpdir : "/tmp");
    if (mkdtemp(dir.data) == NULL) {
        struct lb_quoted q;
        int e = errno;

        lb_error_set(err, "cannot create a directory for the charts in %s: %s",
                     lb_quotes(&q, dir.data), strerror(e));
        lb_buf_release(&dir);
        return LB_GNUPLOT_FAILED;
    }
    for (i = 0; i < LB_CHART_COUNT && st == LB_GNUPLOT_OK; i++) {
        enum lb_chart c = (enum lb_chart)i;
        struct lb_buf gp = LB_BUF_INIT, dat = LB_BUF_INIT, svg = LB_BUF_INIT;
        struct lb_buf gp_path = LB_BUF_INIT, dat_path = LB_BUF_INIT,
                      svg_path = LB_BUF_INIT;
        const char *name = lb_chart_name(c);

        if (lb_chart_check(b, c, NULL) != 0)
            continue;
        lb_buf_addf(&gp_path, "%s/%s.gp", dir.data, name);
        lb_buf_addf(&dat_path, "%s/%s.dat", dir.data, name);
        lb_buf_addf(&svg_path, "%s/%s.svg", dir.data, name);
        if (lb_chart_write(b, c, &co, &gp, &dat, err) != 0 ||
            put_file(dat_path.data, &dat, err) != 0 ||
            put_file(gp_path.data, &gp, err) != 0)
            st = LB_GNUPLOT_FAILED;
        else
            st = lb_gnuplot_run(gp_path.data, svg_path.data, LB_TERMINAL_SVG,
                                err);
        if (st == LB_GNUPLOT_OK && get_file(svg_path.data, &svg, err) != 0)
            st = LB_GNUPLOT_FAILED;
        if (st == LB_GNUPLOT_OK)
            unfill_lines(&svg);
        if (st == LB_GNUPLOT_OK) {
            *out = xreallocarray(*out, *n + 1, sizeof **out);
            (*out)[*n].caption = captions[i];
            (*out)[*n].svg = svg.data;
            (*out)[*n].len = svg.len;
            (*n)++;
        } else {
            lb_buf_release(&svg);
        }
        unlink(gp_path.data);
        unlink(dat_path.data);
        unlink(svg_path.data);
        lb_buf_release(&gp);
        lb_buf_release(&dat);
        lb_buf_release(&gp_path);
        lb_buf_release(&dat_path);
        lb_buf_release(&svg_path);
    }
    rmdir(dir.data);
    lb_buf_release(&dir);
    if (st != LB_GNUPLOT_OK) {
        lb_html_charts_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return st;
}

void lb_html_charts_free(struct lb_html_chart *charts, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(charts[i].svg);
    free(charts);
}

/* }====================================================================== */
