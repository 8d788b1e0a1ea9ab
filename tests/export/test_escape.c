/* One escaping function per format, each with hostile names. */
#include "test_util.h"

#include "base/buf.h"
#include "base/utf8.h"
#include "export/writer.h"

typedef void (*escape_fn)(struct lb_buf *, const char *, size_t);

static void escapes_to(escape_fn f, const char *in, size_t len,
                       const char *want)
{
    struct lb_buf b = LB_BUF_INIT;

    f(&b, in, len);
    assert_string_equal(lb_buf_str(&b), want);
    lb_buf_release(&b);
}

#define ESC(f, in, want) escapes_to(f, in, sizeof(in) - 1, want)

static void test_escape_markdown(void **state)
{
    (void)state;
    ESC(lb_escape_markdown, "org/model-7b", "org/model-7b");
    ESC(lb_escape_markdown, "a|b", "a\\|b");
    ESC(lb_escape_markdown, "# head", "\\# head");
    ESC(lb_escape_markdown, "`code` *em* _u_", "\\`code\\` \\*em\\* \\_u\\_");
    ESC(lb_escape_markdown, "<script>alert(1)</script>",
        "&lt;script&gt;alert(1)&lt;/script&gt;");
    ESC(lb_escape_markdown, "[x](javascript:y)", "\\[x\\](javascript:y)");
    ESC(lb_escape_markdown, "a&amp;", "a&amp;amp;");
    ESC(lb_escape_markdown, "new\nline\x1b[0m", "new line \\[0m");
    ESC(lb_escape_markdown, "bidi\xE2\x80\xAE", "bidi\\u202E");
    ESC(lb_escape_markdown, "bad\xFF", "bad\xEF\xBF\xBD");
    ESC(lb_escape_markdown, "\xE5\xA4\xA7", "\xE5\xA4\xA7");
}

static void test_escape_csv(void **state)
{
    (void)state;
    ESC(lb_escape_csv, "plain", "plain");
    ESC(lb_escape_csv, "a,b", "\"a,b\"");
    ESC(lb_escape_csv, "say \"hi\"", "\"say \"\"hi\"\"\"");
    ESC(lb_escape_csv, "two\nlines", "\"two\nlines\"");
    ESC(lb_escape_csv, " padded ", " padded ");
    /* spreadsheet formulas are neutralised */
    ESC(lb_escape_csv, "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"");
    ESC(lb_escape_csv, "+1", "'+1");
    ESC(lb_escape_csv, "-2", "'-2");
    ESC(lb_escape_csv, "@SUM(A1)", "'@SUM(A1)");
    ESC(lb_escape_csv, "\tx", "'\tx");
}

static void test_escape_tsv(void **state)
{
    (void)state;
    ESC(lb_escape_tsv, "plain", "plain");
    ESC(lb_escape_tsv, "a\tb\nc\rd\\e", "a\\tb\\nc\\rd\\\\e");
    ESC(lb_escape_tsv, "=1+1", "'=1+1");
}

static void test_escape_json(void **state)
{
    (void)state;
    ESC(lb_escape_json, "plain", "\"plain\"");
    ESC(lb_escape_json, "q\"b\\", "\"q\\\"b\\\\\"");
    ESC(lb_escape_json, "\n\t\r\x01\x1b\x7f", "\"\\n\\t\\r\\u0001\\u001B\\u007F\"");
    ESC(lb_escape_json, "\xE2\x80\xA8", "\"\\u2028\"");
    ESC(lb_escape_json, "rtl\xE2\x80\xAE", "\"rtl\\u202E\"");
    ESC(lb_escape_json, "\xC2\x9B", "\"\\u009B\"");
    ESC(lb_escape_json, "bad\xC3", "\"bad\\uFFFD\"");
    ESC(lb_escape_json, "\xE5\xA4\xA7", "\"\xE5\xA4\xA7\"");
    ESC(lb_escape_json, "nul\0x", "\"nul\\u0000x\"");
}

/* The text table's escaping is lb_utf8_render (base/utf8.c). */
static void render0(struct lb_buf *out, const char *s, size_t len)
{
    (void)lb_utf8_render(out, s, len, 0);
}

static void test_escape_text_hostile(void **state)
{
    (void)state;
    ESC(render0, "\x1b[2J\x1b]0;t\x07", "\\x1B[2J\\x1B]0;t\\x07");
    ESC(render0, "\x01\x08\x0b\x0c\x1f\x7f", "\\x01\\x08\\x0B\\x0C\\x1F\\x7F");
    ESC(render0, "nul\0x", "nul\\x00x");
    /* C1: CSI U+009B, NEL U+0085 */
    ESC(render0, "\xC2\x9B" "31m\xC2\x85", "\\u009B31m\\u0085");
    /* bidi: overrides, isolates, marks */
    ESC(render0, "a\xE2\x80\xAE" "b\xE2\x81\xA6" "c\xE2\x81\xA9",
        "a\\u202Eb\\u2066c\\u2069");
    ESC(render0, "\xD8\x9C\xE2\x80\x8E\xE2\x80\x8F\xE2\x80\xA8",
        "\\u061C\\u200E\\u200F\\u2028");
    /* invalid UTF-8: a lone byte, an overlong '/', a surrogate, a cut
     * sequence, beyond U+10FFFF: every byte shown */
    ESC(render0, "\xFF\xC0\xAF", "\\xFF\\xC0\\xAF");
    ESC(render0, "\xED\xA0\x80", "\\xED\\xA0\\x80");
    ESC(render0, "\xE2\x80", "\\xE2\\x80");
    ESC(render0, "\xF4\x90\x80\x80", "\\xF4\\x90\\x80\\x80");
    /* what is fine passes: CJK, accents, emoji */
    ESC(render0, "\xE5\xA4\xA7 caf\xC3\xA9 \xF0\x9F\x98\x80",
        "\xE5\xA4\xA7 caf\xC3\xA9 \xF0\x9F\x98\x80");
}

static void test_escape_markdown_hostile(void **state)
{
    (void)state;
    /* every C0 control, DEL: a space (a line end would end the row) */
    ESC(lb_escape_markdown, "a\x07" "b\x01\x1f" "c\x7f" "d\r\n",
        "a b  c d  ");
    ESC(lb_escape_markdown, "\xC2\x9B" "2J\xE2\x81\xA6" "x",
        "\\u009B2J\\u2066x");
    ESC(lb_escape_markdown, "\xEF\xBB\xBFmodel", "\\uFEFFmodel");
    ESC(lb_escape_markdown, "\xC0\xAF\xED\xA0\x80",
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    ESC(lb_escape_markdown, "<img src=x onerror=alert(1)>",
        "&lt;img src=x onerror=alert(1)&gt;");
    ESC(lb_escape_markdown, "~~s~~ !x", "\\~\\~s\\~\\~ \\!x");
    ESC(lb_escape_markdown, "a\\|b", "a\\\\\\|b");
    ESC(lb_escape_markdown, "```", "\\`\\`\\`");
}

static void test_escape_csv_hostile(void **state)
{
    (void)state;
    /* each formula prefix gets a "'", inside quotes when RFC 4180 asks */
    ESC(lb_escape_csv, "=1+1", "'=1+1");
    ESC(lb_escape_csv, "-", "'-");
    ESC(lb_escape_csv, "\rx", "\"'\rx\"");
    ESC(lb_escape_csv, "\t=1", "'\t=1");
    /* only the first byte counts: ' =1' is text for a spreadsheet */
    ESC(lb_escape_csv, " =1", " =1");
    /* control characters and other bytes are data: kept, quoted only for
     * a line end (RFC 4180); a program reading CSV gets them back */
    ESC(lb_escape_csv, "e\x1b[2J\x07", "e\x1b[2J\x07");
    ESC(lb_escape_csv, "rtl\xE2\x80\xAE\xFF", "rtl\xE2\x80\xAE\xFF");
    ESC(lb_escape_csv, "cr\rlf\n", "\"cr\rlf\n\"");
}

static void test_escape_tsv_hostile(void **state)
{
    (void)state;
    ESC(lb_escape_tsv, "+1", "'+1");
    ESC(lb_escape_tsv, "-2", "'-2");
    ESC(lb_escape_tsv, "@A1", "'@A1");
    ESC(lb_escape_tsv, "\tx", "'\\tx");
    ESC(lb_escape_tsv, "\rx", "'\\rx");
    /* a field never holds a raw tab or line end; other bytes are data */
    ESC(lb_escape_tsv, "e\x1b[2J\x07\xFF", "e\x1b[2J\x07\xFF");
}

static void test_escape_json_every_control(void **state)
{
    struct lb_buf b = LB_BUF_INIT;
    char c, want[16];

    (void)state;
    for (c = 1; c < 0x20; c++) {
        if (c == '\n' || c == '\r' || c == '\t')
            continue;
        lb_buf_reset(&b);
        lb_escape_json(&b, &c, 1);
        snprintf(want, sizeof want, "\"\\u%04X\"", (unsigned)c);
        assert_string_equal(lb_buf_str(&b), want);
    }
    lb_buf_release(&b);
    ESC(lb_escape_json, "\b\f", "\"\\u0008\\u000C\"");
    ESC(lb_escape_json, "\xC2\x80\xC2\x9F", "\"\\u0080\\u009F\"");
    ESC(lb_escape_json, "\xE2\x81\xA6\xE2\x81\xA9\xE2\x80\xA9\xD8\x9C",
        "\"\\u2066\\u2069\\u2029\\u061C\"");
    ESC(lb_escape_json, "\xEF\xBB\xBF", "\"\\uFEFF\"");
    /* invalid: overlong, surrogate, beyond U+10FFFF, cut: U+FFFD per byte */
    ESC(lb_escape_json, "\xC0\xAF", "\"\\uFFFD\\uFFFD\"");
    ESC(lb_escape_json, "\xED\xA0\x80", "\"\\uFFFD\\uFFFD\\uFFFD\"");
    ESC(lb_escape_json, "\xF4\x90\x80\x80",
        "\"\\uFFFD\\uFFFD\\uFFFD\\uFFFD\"");
    ESC(lb_escape_json, "a\xE2\x80", "\"a\\uFFFD\\uFFFD\"");
    /* valid UTF-8 passes through, 4-byte sequences too */
    ESC(lb_escape_json, "\xF0\x9F\x98\x80", "\"\xF0\x9F\x98\x80\"");
}

/* Every string of one or two bytes: the text rendering, Markdown, JSON,
 * HTML and LaTeX never let an unsafe code point or invalid UTF-8 through. */
static void check_safe(const struct lb_buf *b)
{
    size_t i = 0;
    uint32_t cp;

    while (i < b->len) {
        size_t n = lb_utf8_decode(b->data + i, b->len - i, &cp);

        assert_true(n > 0);
        assert_false(lb_utf8_is_unsafe(cp));
        i += n;
    }
}

static void test_escape_all_two_byte_strings(void **state)
{
    struct lb_buf b = LB_BUF_INIT;
    char s[2];
    unsigned x, y;

    (void)state;
    for (x = 0; x < 256; x++) {
        for (y = 0; y < 256; y++) {
            s[0] = (char)x;
            s[1] = (char)y;
            lb_buf_reset(&b);
            render0(&b, s, 2);
            check_safe(&b);
            lb_buf_reset(&b);
            lb_escape_markdown(&b, s, 2);
            check_safe(&b);
            lb_buf_reset(&b);
            lb_escape_json(&b, s, 2);
            check_safe(&b);
            lb_buf_reset(&b);
            lb_escape_html(&b, s, 2);
            check_safe(&b);
            lb_buf_reset(&b);
            lb_escape_latex(&b, s, 2);
            check_safe(&b);
        }
    }
    lb_buf_release(&b);
}

static void test_escape_html(void **state)
{
    (void)state;
    ESC(lb_escape_html, "org/model-7b", "org/model-7b");
    ESC(lb_escape_html, "<script>alert(1)</script>",
        "&lt;script&gt;alert(1)&lt;/script&gt;");
    /* attributes: both quotes */
    ESC(lb_escape_html, "\" onmouseover='x'", "&quot; onmouseover=&#39;x&#39;");
    ESC(lb_escape_html, "a&amp;b", "a&amp;amp;b");
    ESC(lb_escape_html, "new\nline\x1b[0m\x7f", "new line [0m ");
    ESC(lb_escape_html, "rtl\xE2\x80\xAE", "rtl\\u202E");
    ESC(lb_escape_html, "\xC2\x9B", "\\u009B");
    ESC(lb_escape_html, "bad\xC3", "bad\xEF\xBF\xBD");
    ESC(lb_escape_html, "\xE5\xA4\xA7", "\xE5\xA4\xA7");
    ESC(lb_escape_html, "nul\0x", "nul x");
}

static void test_escape_latex(void **state)
{
    (void)state;
    ESC(lb_escape_latex, "org/model-7b", "org/model-7b");
    ESC(lb_escape_latex, "gpt-4o_mini {sub}^2 ~& 50% $x$ #1",
        "gpt-4o\\_mini \\{sub\\}\\textasciicircum{}2 \\textasciitilde{}\\& "
        "50\\% \\$x\\$ \\#1");
    ESC(lb_escape_latex, "back\\slash", "back\\textbackslash{}slash");
    ESC(lb_escape_latex, "a<b>c|d`e", "a\\textless{}b\\textgreater{}c\\textbar{}d"
        "\\textasciigrave{}e");
    /* no ligatures: -- stays two hyphens, '' two quotes, ,, two commas */
    ESC(lb_escape_latex, "a--b---c", "a-{}-b-{}-{}-c");
    ESC(lb_escape_latex, "''x,,", "'{}'x,{},");
    /* a line break would end a table row (or a comment) */
    ESC(lb_escape_latex, "two\nlines\r\x1b", "two lines  ");
    ESC(lb_escape_latex, "\\input{/etc/passwd}",
        "\\textbackslash{}input\\{/etc/passwd\\}");
    ESC(lb_escape_latex, "rtl\xE2\x80\xAE bad\xFF", "rtl? bad?");
    ESC(lb_escape_latex, "\xE5\xA4\xA7", "\xE5\xA4\xA7");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_markdown),
        cmocka_unit_test(test_escape_csv),
        cmocka_unit_test(test_escape_tsv),
        cmocka_unit_test(test_escape_json),
        cmocka_unit_test(test_escape_text_hostile),
        cmocka_unit_test(test_escape_markdown_hostile),
        cmocka_unit_test(test_escape_csv_hostile),
        cmocka_unit_test(test_escape_tsv_hostile),
        cmocka_unit_test(test_escape_json_every_control),
        cmocka_unit_test(test_escape_all_two_byte_strings),
        cmocka_unit_test(test_escape_html),
        cmocka_unit_test(test_escape_latex),
    };

    return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
