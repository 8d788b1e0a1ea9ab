/* One escaping function per format, each with hostile names. */
#include "test_util.h"

#include "base/buf.h"
#include "export/writers.h"

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
        cmocka_unit_test(test_escape_html),
        cmocka_unit_test(test_escape_latex),
    };

    return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
