/* --where: the grammar, its errors, three-valued logic, exact numbers. */
#include "test_util.h"

#include <stdlib.h>
#include <unistd.h>

#include "base/buf.h"
#include "core/filter.h"

static const char *const csv =
    "model,ARC,params_b,license,context_length,is_flagged,submitted\n"
    "org/a,60.5,7,apache-2.0,8192,false,2024-01-05\n"     /* 0 */
    "org/b,70,13.0,llama2,4096,true,2023-11-30\n"         /* 1 */
    "Org/Llama-C,55,13.01,apache-2.0,,no,2024-02-01\n"    /* 2 */
    "org/d,,70,,32768,,\n"                                /* 3 */
    "org/e,40,NA,mit,2048,yes,2024-06-01T10:00:00Z\n";    /* 4 */

/* The rows kept by expr, as a string of row digits ("013"). */
static void kept(const char *expr, const char *want)
{
    struct lb_table t;
    struct lb_filter *f;
    struct lb_error err;
    char got[16];
    size_t r, n = 0;

    load_ok(&t, csv);
    if (lb_filter_parse(expr, &f, &err) != 0) {
        print_error("parse of %s failed: %s\n", expr, err.msg);
        fail();
    }
    if (lb_filter_bind(f, &t, &err) != 0) {
        print_error("bind of %s failed: %s\n", expr, err.msg);
        fail();
    }
    for (r = 0; r < t.nrows; r++) {
        enum lb_truth v;

        if (lb_filter_eval(f, &t, r, &v, &err) != 0) {
            print_error("eval of %s failed: %s\n", expr, err.msg);
            fail();
        }
        if (v == LB_TRUE)
            got[n++] = (char)('0' + r);
    }
    got[n] = '\0';
    if (strcmp(got, want) != 0) {
        print_error("%s kept '%s', expected '%s'\n", expr, got, want);
        fail();
    }
    lb_filter_free(f);
    lb_table_release(&t);
}

/* The truth value of expr on one row. */
static enum lb_truth truth_of(const char *expr, size_t row)
{
    struct lb_table t;
    struct lb_filter *f;
    struct lb_error err;
    enum lb_truth v;

    load_ok(&t, csv);
    assert_int_equal(lb_filter_parse(expr, &f, &err), 0);
    assert_int_equal(lb_filter_bind(f, &t, &err), 0);
    assert_int_equal(lb_filter_eval(f, &t, row, &v, &err), 0);
    lb_filter_free(f);
    lb_table_release(&t);
    return v;
}

static void parse_fails(const char *expr, const char *msg)
{
    struct lb_filter *f = NULL;
    struct lb_error err;

    if (lb_filter_parse(expr, &f, &err) == 0) {
        print_error("%s parsed, expected: %s\n", expr, msg);
        fail();
    }
    assert_null(f);
    assert_string_equal(msg_of(&err), msg);
}

/* The message of a failed bind or evaluation. */
static void eval_fails(const char *expr, const char *msg)
{
    struct lb_table t;
    struct lb_filter *f;
    struct lb_error err;
    size_t dropped;

    load_ok(&t, csv);
    assert_int_equal(lb_filter_parse(expr, &f, &err), 0);
    assert_int_equal(lb_filter_retain(f, &t, &dropped, &err), -1);
    assert_string_equal(msg_of(&err), msg);
    assert_int_equal(t.nrows, 5); /* unchanged */
    lb_filter_free(f);
    lb_table_release(&t);
}

static void test_filter_numbers_exact(void **state)
{
    (void)state;
    kept("params_b <= 13", "01");      /* 13.01 is not <= 13; NA unknown */
    kept("params_b == 13", "1");       /* 13.0 == 13 */
    kept("params_b > 13", "23");
    kept("params_b != 7", "123");      /* NA: unknown, not kept */
    kept("13 >= params_b", "01");      /* a constant on the left */
    kept("ARC >= 60.50", "01");
    kept("ARC < -1e3", "");
    kept("context_length >= 8192", "03");
    kept("params_b >= 1.3e1", "123");
}

static void test_filter_strings_and_globs(void **state)
{
    (void)state;
    kept("license == \"apache-2.0\"", "02");
    kept("license == 'apache-2.0'", "02");
    kept("license != \"apache-2.0\"", "14"); /* row 3 has none: unknown */
    kept("model ~ \"*llama*\"", "2");        /* any letter case */
    kept("model ~ \"org/?\"", "0134");
    kept("model !~ \"org/[a-c]\"", "234");
    kept("model ~ \"ORG/[!a-c]\"", "34");
    kept("submitted >= \"2024\"", "024");    /* ISO dates order as text */
    kept("submitted < \"2024-02\"", "01");
    kept("`context_length` > 4096", "03");   /* a quoted column name */
    kept("license == \"a\\\"b\"", "");
}

static void test_filter_booleans_and_logic(void **state)
{
    (void)state;
    kept("is_flagged", "14");
    kept("!is_flagged", "02");               /* row 3: unknown, not kept */
    kept("is_flagged == false", "02");
    kept("is_flagged != true", "02");
    kept("!(license == \"apache-2.0\")", "14");
    kept("params_b <= 13 && license == \"apache-2.0\"", "0");
    kept("params_b > 50 || is_flagged", "134");
    kept("!is_flagged && !(params_b > 10)", "0");
    kept("(ARC > 50 || params_b > 50) && (context_length >= 8192)", "03");
    kept("missing(ARC) || missing(license)", "3");
    kept("!missing(context_length)", "0134");
    kept("ARC > context_length", "");        /* column against column */
    kept("params_b < ARC", "012");
}

/* SQL's three-valued logic on row 3 (no license, no ARC). */
static void test_filter_unknown_is_never_true(void **state)
{
    (void)state;
    assert_int_equal(truth_of("license == \"x\"", 3), LB_UNKNOWN);
    assert_int_equal(truth_of("!(license == \"x\")", 3), LB_UNKNOWN);
    assert_int_equal(truth_of("ARC > 0 && params_b > 100", 3), LB_FALSE);
    assert_int_equal(truth_of("ARC > 0 && params_b > 1", 3), LB_UNKNOWN);
    assert_int_equal(truth_of("ARC > 0 || params_b > 1", 3), LB_TRUE);
    assert_int_equal(truth_of("ARC > 0 || params_b > 100", 3), LB_UNKNOWN);
    assert_int_equal(truth_of("missing(ARC)", 3), LB_TRUE);
}

static void test_filter_syntax_errors_show_a_caret(void **state)
{
    (void)state;
    parse_fails("params_b <= && x",
                "--where: expected a value after '<=', not '&&'\n"
                "  params_b <= && x\n"
                "              ^");
    parse_fails("(a > 1",
                "--where: this '(' has no closing ')'\n"
                "  (a > 1\n"
                "  ^");
    parse_fails("a > 1)",
                "--where: this ')' has no opening '('\n"
                "  a > 1)\n"
                "       ^");
    parse_fails("license = \"mit\"",
                "--where: '=' is not an operator: use '=='\n"
                "  license = \"mit\"\n"
                "          ^");
    parse_fails("a & b",
                "--where: '&' is not an operator: use '&&'\n"
                "  a & b\n"
                "    ^");
    parse_fails("license == \"mit",
                "--where: this string has no closing \"\n"
                "  license == \"mit\n"
                "             ^");
    parse_fails("", "--where: the expression is empty\n  \n  ^");
    parse_fails("a b",
                "--where: expected an operator (== != < <= > >= ~ !~ && ||) "
                "or ')', not 'b'\n"
                "  a b\n"
                "    ^");
    parse_fails("1 < 2",
                "--where: this compares two constants: name a column\n"
                "  1 < 2\n"
                "  ^");
    parse_fails("model ~ 3",
                "--where: '~' takes a column on its left and a quoted "
                "pattern on its right\n"
                "  model ~ 3\n"
                "        ^");
    parse_fails("a < true",
                "--where: true and false compare with == and != only\n"
                "  a < true\n"
                "    ^");
    parse_fails("a > 1e999",
                "--where: '1e999' is not a finite number\n"
                "  a > 1e999\n"
                "      ^");
    parse_fails("\"x\"",
                "--where: a string alone is not a test: compare a column "
                "with it\n"
                "  \"x\"\n"
                "  ^");
    parse_fails("a > 1 b",
                "--where: expected '&&', '||' or the end, not 'b'\n"
                "  a > 1 b\n"
                "        ^");
    /* control characters are shown escaped, the caret still aligned */
    parse_fails("\x1b[31m > 1",
                "--where: expected a column, a number or a string, not "
                "'\\x1B'\n"
                "  \\x1B[31m > 1\n"
                "  ^");
}

static void test_filter_long_expression_shows_a_window(void **state)
{
    struct lb_buf b = LB_BUF_INIT;
    struct lb_filter *f;
    struct lb_error err;
    const char *nl;
    int i;

    (void)state;
    for (i = 0; i < 30; i++)
        lb_buf_addf(&b, "a%d > %d && ", i, i);
    lb_buf_adds(&b, "oops oops");
    assert_int_equal(lb_filter_parse(b.data, &f, &err), -1);
    nl = strchr(err.msg, '\n');
    assert_non_null(nl);
    /* the window: "...", about 68 columns, "...", and the caret under
     * the second 'oops' */
    assert_true(strncmp(nl, "\n  ...", 6) == 0);
    assert_non_null(strstr(err.msg, "oops oops\n"));
    {
        const char *line2 = nl + 1, *line3 = strchr(line2, '\n') + 1;
        const char *at = strstr(line2, "oops oops") + 5;

        assert_int_equal(strchr(line3, '^') - line3, at - line2);
    }
    lb_buf_release(&b);
}

static void test_filter_nesting_is_bounded(void **state)
{
    struct lb_buf b = LB_BUF_INIT;
    struct lb_filter *f;
    struct lb_error err;
    int i;

    (void)state;
    for (i = 0; i < 5000; i++)
        lb_buf_adds(&b, "!(");
    assert_int_equal(lb_filter_parse(b.data, &f, &err), -1);
    assert_non_null(strstr(err.msg, "nested more than 100 levels deep"));
    lb_buf_release(&b);
}

/* A flat chain of terms is not a deep tree (issue 14: 30,000 '&&' terms,
 * about 90 KB, overflowed the stack in bind_node, which recursed on a
 * left-deep tree). 300,000 terms (2.7 MB, more than a command line holds)
 * parse, bind, evaluate and free; the results are those of short chains. */
static void test_filter_long_chains_do_not_recurse(void **state)
{
    struct lb_buf b = LB_BUF_INIT;
    int i;

    (void)state;
    for (i = 0; i < 300000; i++)
        lb_buf_addf(&b, "%sARC > 1", i ? " && " : "");
    kept(b.data, "0124"); /* row 3: ARC missing, unknown */
    lb_buf_reset(&b);
    for (i = 0; i < 300000; i++)
        lb_buf_addf(&b, "%sARC > 100", i ? " || " : "");
    lb_buf_adds(&b, " || params_b > 10");
    kept(b.data, "123");
    /* mixed: (x && y) || (x && y) || ... */
    lb_buf_reset(&b);
    for (i = 0; i < 100000; i++)
        lb_buf_addf(&b, "%sARC >= 60 && !is_flagged", i ? " || " : "");
    kept(b.data, "0");
    lb_buf_release(&b);
}

/* Messages and globs stay linear in the expression: a caret after 500,000
 * zero-width characters, a glob set of a million bytes (each was
 * quadratic: hours). alarm() turns a regression into a failure. */
static void test_filter_long_texts_stay_linear(void **state)
{
    struct lb_buf b = LB_BUF_INIT;
    struct lb_filter *f;
    struct lb_error err;
    int i;

    (void)state;
    alarm(60);
    lb_buf_adds(&b, "license == \"");
    lb_buf_addpad(&b, 'x', 80); /* wider than the window */
    for (i = 0; i < 500000; i++)
        lb_buf_adds(&b, "\xCC\x81"); /* U+0301, a combining acute accent */
    lb_buf_adds(&b, "\" &&");
    assert_int_equal(lb_filter_parse(b.data, &f, &err), -1);
    assert_non_null(strstr(msg_of(&err), "--where: expected a column, a "
                                         "number or a string, not the "
                                         "end\n  ..."));
    /* a window of at most 40 characters a side: the caret line fits */
    assert_non_null(strstr(err.msg, "\" &&\n"));
    assert_int_equal(err.msg[strlen(err.msg) - 1], '^');
    lb_buf_reset(&b);
    lb_buf_adds(&b, "license ~ \"[");
    for (i = 0; i < 1000000; i++)
        lb_buf_addc(&b, (char)('b' + i % 20));
    lb_buf_adds(&b, "]*\" || license ~ \"*[\"");
    kept(b.data, "14"); /* llama2 and mit start in b-u */
    lb_buf_release(&b);
    alarm(0);
}

static void test_filter_data_errors(void **state)
{
    (void)state;
    eval_fails("license > 3",
               "t.csv:2:4: 'apache-2.0' is not a number (column 'license', "
               "in --where)");
    eval_fails("license",
               "t.csv:2:4: 'apache-2.0' is not true or false (column "
               "'license', in --where)");
    eval_fails("nope < 3",
               "--where: no column 'nope' in t.csv (columns: 'model', 'ARC', "
               "'params_b', 'license', 'context_length', 'is_flagged', "
               "'submitted')\n"
               "  nope < 3\n"
               "  ^");
}

static void test_filter_score_columns_compare_as_numbers(void **state)
{
    struct lb_table t;
    struct lb_filter *f;
    struct lb_error err;

    (void)state;
    load_ok(&t, csv);
    assert_false(t.cols[1].has_text); /* ARC: a catalog score */
    assert_int_equal(lb_filter_parse("ARC == \"60\"", &f, &err), 0);
    assert_int_equal(lb_filter_bind(f, &t, &err), -1);
    assert_string_equal(msg_of(&err),
                        "--where: column 'ARC' holds scores: compare it with "
                        "a number\n"
                        "  ARC == \"60\"\n"
                        "  ^");
    lb_filter_free(f);
    lb_table_release(&t);
}

static void test_filter_retain_keeps_order(void **state)
{
    struct lb_table t;
    struct lb_filter *f;
    struct lb_error err;
    size_t dropped;

    (void)state;
    load_ok(&t, csv);
    assert_int_equal(lb_filter_parse("params_b >= 13", &f, &err), 0);
    assert_int_equal(lb_filter_retain(f, &t, &dropped, &err), 0);
    assert_int_equal(dropped, 2);
    assert_int_equal(t.nrows, 3);
    assert_string_equal(cell(&t, "model", 0), "org/b");
    assert_string_equal(cell(&t, "model", 2), "org/d");
    assert_int_equal(lb_table_line(&t, 2), 5);
    assert_string_equal(lb_filter_text(f), "params_b >= 13");
    lb_filter_free(f);
    lb_table_release(&t);
}

static void test_filter_glob(void **state)
{
    (void)state;
    assert_true(lb_glob_match("*", "", 0));
    assert_true(lb_glob_match("a*b*c", "aXXbYYc", 7));
    assert_false(lb_glob_match("a*b*c", "aXXbYY", 6));
    assert_true(lb_glob_match("*7b*", "Mistral-7B-v0.1", 15));
    assert_true(lb_glob_match("?é?", "aéb", 4)); /* one character each */
    assert_true(lb_glob_match("[a-c]x", "Bx", 2));
    assert_false(lb_glob_match("[!a-c]x", "bx", 2));
    assert_true(lb_glob_match("[^a-c]x", "dx", 2));
    assert_true(lb_glob_match("a\\*", "a*", 2));
    assert_false(lb_glob_match("a\\*", "ab", 2));
    assert_true(lb_glob_match("[]]", "]", 1));
    assert_true(lb_glob_match("[x", "[x", 2)); /* no ']': a literal '[' */
    assert_true(lb_glob_match("**a**", "bab", 3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filter_numbers_exact),
        cmocka_unit_test(test_filter_strings_and_globs),
        cmocka_unit_test(test_filter_booleans_and_logic),
        cmocka_unit_test(test_filter_unknown_is_never_true),
        cmocka_unit_test(test_filter_syntax_errors_show_a_caret),
        cmocka_unit_test(test_filter_long_expression_shows_a_window),
        cmocka_unit_test(test_filter_nesting_is_bounded),
        cmocka_unit_test(test_filter_long_chains_do_not_recurse),
        cmocka_unit_test(test_filter_long_texts_stay_linear),
        cmocka_unit_test(test_filter_data_errors),
        cmocka_unit_test(test_filter_score_columns_compare_as_numbers),
        cmocka_unit_test(test_filter_retain_keeps_order),
        cmocka_unit_test(test_filter_glob),
    };

    return cmocka_run_group_tests_name("filter", tests, NULL, NULL);
}
