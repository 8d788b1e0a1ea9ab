#include "outcheck.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "base/decimal.h"
#include "base/utf8.h"
#include "export/format.h"
#include "export/ranking.h"
#include "fuzz.h"

static void check_safe_text(const char *what, const char *s, size_t len,
                            bool allow_newline)
{
    size_t i = 0;

    while (i < len) {
        uint32_t cp;
        size_t n = lb_utf8_decode(s + i, len - i, &cp);

        FUZZ_CHECK(n > 0, "%s: invalid UTF-8 at byte %zu", what, i);
        FUZZ_CHECK(!lb_utf8_is_unsafe(cp) || (allow_newline && cp == '\n'),
                   "%s: raw U+%04X at byte %zu", what, (unsigned)cp, i);
        i += n;
    }
}

void fuzz_check_message(const char *msg)
{
    struct lb_buf shown = LB_BUF_INIT;
    size_t len = strlen(msg), marks = 0, i;

    FUZZ_CHECK(len > 0, "an error without a message");
    /* options are named between two marks (LB_OPT); the message is
     * checked as the command line shows it */
    for (i = 0; i < len; i++)
        marks += msg[i] == LB_OPT_MARK;
    FUZZ_CHECK(marks % 2 == 0, "an option mark without its pair: %s", msg);
    lb_error_render(&shown, msg, "--");
    check_safe_text("message", lb_buf_str(&shown), shown.len, false);
    lb_buf_release(&shown);
}

/* {======================================================================
 * JSON: a validator for the subset the writer needs (RFC 8259)
 * ======================================================================= */

struct json {
    const char *s;
    size_t len, pos;
    int depth;
};

static void json_ws(struct json *j)
{
    while (j->pos < j->len && strchr(" \t\n\r", j->s[j->pos]) != NULL &&
           j->s[j->pos] != '\0')
        j->pos++;
}

static bool json_lit(struct json *j, const char *lit)
{
    size_t n = strlen(lit);

    if (j->len - j->pos < n || memcmp(j->s + j->pos, lit, n) != 0)
        return false;
    j->pos += n;
    return true;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool json_number(struct json *j)
{
    size_t start;

    if (j->pos < j->len && j->s[j->pos] == '-')
        j->pos++;
    if (j->pos >= j->len || !is_digit(j->s[j->pos]))
        return false;
    if (j->s[j->pos] == '0')
        j->pos++;
    else
        while (j->pos < j->len && is_digit(j->s[j->pos]))
            j->pos++;
    if (j->pos < j->len && j->s[j->pos] == '.') {
        j->pos++;
        start = j->pos;
        while (j->pos < j->len && is_digit(j->s[j->pos]))
            j->pos++;
        if (j->pos == start)
            return false;
    }
    /* an exponent: the battles' gradient (6.3e-17) has one */
    if (j->pos < j->len && (j->s[j->pos] == 'e' || j->s[j->pos] == 'E')) {
        j->pos++;
        if (j->pos < j->len && (j->s[j->pos] == '+' || j->s[j->pos] == '-'))
            j->pos++;
        start = j->pos;
        while (j->pos < j->len && is_digit(j->s[j->pos]))
            j->pos++;
        if (j->pos == start)
            return false;
    }
    return true;
}

static bool json_string(struct json *j)
{
    if (!json_lit(j, "\""))
        return false;
    while (j->pos < j->len) {
        unsigned char c = (unsigned char)j->s[j->pos++];

        if (c == '"')
            return true;
        if (c < 0x20)
            return false;
        if (c != '\\')
            continue;
        if (j->pos >= j->len)
            return false;
        c = (unsigned char)j->s[j->pos++];
        if (c == 'u') {
            int k;

            for (k = 0; k < 4; k++, j->pos++)
                if (j->pos >= j->len ||
                    strchr("0123456789abcdefABCDEF", j->s[j->pos]) == NULL ||
                    j->s[j->pos] == '\0')
                    return false;
        } else if (strchr("\"\\/bfnrt", (int)c) == NULL || c == '\0') {
            return false;
        }
    }
    return false;
}

static bool json_value(struct json *j);

static bool json_members(struct json *j, char close, bool keys)
{
    json_ws(j);
    if (j->pos < j->len && j->s[j->pos] == close) {
        j->pos++;
        return true;
    }
    for (;;) {
        json_ws(j);
        if (keys) {
            if (!json_string(j))
                return false;
            json_ws(j);
            if (!json_lit(j, ":"))
                return false;
        }
        if (!json_value(j))
            return false;
        json_ws(j);
        if (j->pos < j->len && j->s[j->pos] == close) {
            j->pos++;
            return true;
        }
        if (!json_lit(j, ","))
            return false;
    }
}

static bool json_value(struct json *j)
{
    bool ok;

    json_ws(j);
    if (j->pos >= j->len || j->depth > 16)
        return false;
    switch (j->s[j->pos]) {
    case '{':
    case '[':
        j->depth++;
        ok = j->s[j->pos] == '{';
        j->pos++;
        ok = json_members(j, ok ? '}' : ']', ok);
        j->depth--;
        return ok;
    case '"':
        return json_string(j);
    case 't':
        return json_lit(j, "true");
    case 'f':
        return json_lit(j, "false");
    case 'n':
        return json_lit(j, "null");
    default:
        return json_number(j);
    }
}

static void check_json(const char *s, size_t len)
{
    struct json j = {s, len, 0, 0};

    FUZZ_CHECK(json_value(&j), "JSON: malformed near byte %zu", j.pos);
    json_ws(&j);
    FUZZ_CHECK(j.pos == len, "JSON: trailing bytes at %zu", j.pos);
}

/* }====================================================================== */

/* A cell of CSV or TSV (after unquoting) that a spreadsheet could run. */
static void check_cell(const char *fmt, const char *s, size_t len)
{
    struct lb_dec d;

    if (len == 0)
        return;
    FUZZ_CHECK(strchr("=+@\t\r", s[0]) == NULL || s[0] == '\0',
               "%s: a cell starts with 0x%02X", fmt, (unsigned char)s[0]);
    /* a number written at 18 decimals may have more digits than a score
     * can: it is still a number */
    if (s[0] == '-') {
        enum lb_num_status st = lb_dec_parse(s, len, &d);

        FUZZ_CHECK(st == LB_NUM_OK || st == LB_NUM_DIGITS,
                   "%s: a cell starting with '-' is not a number: %.*s", fmt,
                   (int)len, s);
    }
}

struct csv_count {
    size_t fields;  /* in the current record */
    size_t width;   /* of the header */
    size_t records;
};

static void csv_field(void *s, size_t len, void *data)
{
    struct csv_count *c = data;

    check_cell("CSV", s, len);
    c->fields++;
}

static void csv_row(int ch, void *data)
{
    struct csv_count *c = data;

    (void)ch;
    if (c->records == 0)
        c->width = c->fields;
    FUZZ_CHECK(c->fields == c->width, "CSV: record %zu has %zu fields, the "
               "header %zu", c->records + 1, c->fields, c->width);
    c->records++;
    c->fields = 0;
}

static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

static void check_csv(size_t nrows, const char *s, size_t len)
{
    struct csv_parser p;
    struct csv_count c = {0, 0, 0};

    FUZZ_CHECK(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) == 0, "csv_init");
    csv_set_space_func(&p, no_space);
    FUZZ_CHECK(csv_parse(&p, s, len, csv_field, csv_row, &c) == len,
               "CSV: does not parse: %s", csv_strerror(csv_error(&p)));
    FUZZ_CHECK(csv_fini(&p, csv_field, csv_row, &c) == 0, "CSV: unfinished");
    csv_free(&p);
    FUZZ_CHECK(c.records == nrows + 1, "CSV: %zu records for %zu rows",
               c.records, nrows);
}

static void check_tsv(size_t nrows, const char *s, size_t len)
{
    size_t lines = 0, width = 0;
    const char *end = s + len;

    FUZZ_CHECK(len > 0 && s[len - 1] == '\n', "TSV: no final line end");
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *f = s;
        size_t fields = 0;

        FUZZ_CHECK(memchr(s, '\r', (size_t)(nl - s)) == NULL, "TSV: a CR");
        for (;;) {
            const char *tab = memchr(f, '\t', (size_t)(nl - f));
            const char *fe = tab ? tab : nl;

            check_cell("TSV", f, (size_t)(fe - f));
            fields++;
            if (tab == NULL)
                break;
            f = tab + 1;
        }
        if (lines == 0)
            width = fields;
        FUZZ_CHECK(fields == width, "TSV: line %zu has %zu fields, the "
                   "header %zu", lines + 1, fields, width);
        lines++;
        s = nl + 1;
    }
    FUZZ_CHECK(lines == nrows + 1, "TSV: %zu lines for %zu rows", lines,
               nrows);
}

/* Unescaped '|' on a line: a backslash escapes the byte after it. */
static size_t pipes(const char *s, size_t len)
{
    size_t i, n = 0;

    for (i = 0; i < len; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '|')
            n++;
    }
    return n;
}

static void check_markdown(size_t nrows, size_t title, const char *s,
                           size_t len)
{
    const char *end = s + len;
    size_t line = 0, width = 0, head = 2 * title; /* a paragraph each */

    FUZZ_CHECK(memchr(s, '<', len) == NULL && memchr(s, '>', len) == NULL,
               "Markdown: a raw '<' or '>'");
    /* the title's lines, each a paragraph, the header, the rule, one line
     * per listed row */
    while (s < end && line < head + 2 + nrows) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));

        FUZZ_CHECK(nl != NULL, "Markdown: line %zu unfinished", line + 1);
        if (line == head)
            width = pipes(s, (size_t)(nl - s));
        if (line >= head)
            FUZZ_CHECK(pipes(s, (size_t)(nl - s)) == width,
                       "Markdown: line %zu has %zu cells' pipes, the header "
                       "%zu", line + 1, pipes(s, (size_t)(nl - s)), width);
        line++;
        s = nl + 1;
    }
    FUZZ_CHECK(line == head + 2 + nrows, "Markdown: %zu lines", line);
}

/* HTML: the page's own script is the only one (none without a table);
 * user text cannot open or close an element that runs code. */
static size_t count_ci(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle), i, count = 0;

    for (i = 0; i + n <= len; i++)
        if (strncasecmp(s + i, needle, n) == 0)
            count++;
    return count;
}

static void check_html(const char *s, size_t len, size_t scripts)
{
    FUZZ_CHECK(count_ci(s, len, "<script") == scripts, "HTML: %zu <script",
               count_ci(s, len, "<script"));
    FUZZ_CHECK(count_ci(s, len, "</script") == scripts, "HTML: %zu </script",
               count_ci(s, len, "</script"));
    FUZZ_CHECK(count_ci(s, len, "<iframe") == 0 &&
                   count_ci(s, len, "<img") == 0 &&
                   count_ci(s, len, "<svg") == 0,
               "HTML: an element from user text");
}

/* LaTeX: every table row has as many column separators (an '&' without a
 * backslash) as the header. */
static void check_latex(const char *s, size_t len)
{
    const char *end = s + len;
    long want = -1;

    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = (size_t)((nl != NULL ? nl : end) - s), i;
        long amps = 0;

        if (n >= 3 && s[n - 1] == '\\' && s[n - 2] == '\\' && s[0] != '%') {
            for (i = 0; i < n; i++)
                if (s[i] == '&' && (i == 0 || s[i - 1] != '\\'))
                    amps++;
            if (want < 0)
                want = amps;
            FUZZ_CHECK(amps == want, "LaTeX: a row with %ld '&', the header "
                                     "%ld", amps, want);
        }
        if (nl == NULL)
            break;
        s = nl + 1;
    }
}

void fuzz_check_views(fuzz_view_fn build, void *ctx)
{
    size_t k;

    /* every format of the registry: one the checks below do not know
     * fails here, so that a new format gets its check */
    for (k = 0; k < lb_nformats; k++) {
        const struct lb_format *f = lb_formats[k];
        char *out = NULL;
        size_t len = 0, nrows = 0, title = 0, i;
        bool note = false;
        FILE *fp = open_memstream(&out, &len);
        struct lb_view v;
        struct lb_error err;
        int rc;

        FUZZ_CHECK(fp != NULL, "open_memstream");
        lb_error_init(&err);
        rc = build(&v, f->audience, ctx, &err);
        if (rc == 0) {
            nrows = v.nrows;
            for (i = 0; i < v.title.len; i++)
                title += v.title.data[i] == '\n';
            note = v.nrows == 0 && v.empty_note != NULL;
            rc = lb_format_write(f, fp, &v, &err);
        }
        lb_view_release(&v);
        FUZZ_CHECK(fclose(fp) == 0, "fclose");
        if (rc != 0) {
            fuzz_check_message(err.msg);
            free(out);
            continue;
        }
        if (f == &lb_format_text) {
            check_safe_text(f->name, out, len, true);
        } else if (f == &lb_format_markdown) {
            check_safe_text(f->name, out, len, true);
            if (!note)
                check_markdown(nrows, title, out, len);
        } else if (f == &lb_format_csv) {
            check_csv(nrows, out, len);
        } else if (f == &lb_format_tsv) {
            check_tsv(nrows, out, len);
        } else if (f == &lb_format_json) {
            check_safe_text(f->name, out, len, true);
            check_json(out, len);
        } else if (f == &lb_format_html) {
            check_safe_text(f->name, out, len, true);
            check_html(out, len, note ? 0 : 1); /* no table, no script */
        } else if (f == &lb_format_latex) {
            check_safe_text(f->name, out, len, true);
            check_latex(out, len);
        } else {
            FUZZ_CHECK(false, "no check for the format %s", f->name);
        }
        free(out);
    }
}

static int ranking_view(struct lb_view *v, enum lb_audience a, void *ctx,
                        struct lb_error *err)
{
    return lb_view_ranking(v, ctx, a, err);
}

void fuzz_check_exports(const struct lb_board *b)
{
    fuzz_check_views(ranking_view, (void *)(uintptr_t)b);
}
