#include "test_util.h"

#include <stdlib.h>

#include "base/buf.h"
#include "core/add.h"

#define A(col, val) {col, val, sizeof(val) - 1, true, "arg", NULL}
#define S(col, val) {col, val, sizeof(val) - 1, false, "set", NULL}
#define ROW(model, cells) \
    {model, sizeof(model) - 1, "row", cells, sizeof(cells) / sizeof(cells[0])}

struct result {
    struct lb_buf out;
    size_t index[4];
    bool replaced[4];
    int rc;
    struct lb_error err;
};

static void apply(struct result *res, const char *file,
                  const struct lb_new_row *rows, size_t n, bool replace,
                  bool new_column)
{
    struct lb_add_opts o = {replace, new_column, false, false, NULL};

    lb_buf_init(&res->out);
    lb_error_init(&res->err);
    res->rc = lb_add_apply("f.csv", file, strlen(file), rows, n, &o, &res->out,
                           res->index, res->replaced, &res->err);
}

static void gives(const char *file, const struct lb_new_row *rows, size_t n,
                  bool replace, bool new_column, const char *want)
{
    struct result r;

    apply(&r, file, rows, n, replace, new_column);
    if (r.rc != 0) {
        print_error("unexpected error: %s\n", r.err.msg);
        fail();
    }
    assert_string_equal(lb_buf_str(&r.out), want);
    lb_buf_release(&r.out);
}

static void fails(const char *file, const struct lb_new_row *rows, size_t n,
                  bool replace, bool new_column, const char *msg)
{
    struct result r;

    apply(&r, file, rows, n, replace, new_column);
    assert_int_equal(r.rc, -1);
    assert_string_equal(msg_of(&r.err), msg);
    assert_int_equal(r.out.len, 0);
    lb_buf_release(&r.out);
}

static const char *const file =
    "model,ARC,MMLU,license,precision\n"
    "\"org/a, quoted\",6.90,70,mit,float16\n"
    "org/b,61.5,60.25,,bfloat16\n";

static void test_add_appends_in_file_style(void **state)
{
    struct lb_assign c[] = {A("ARC", "61.20"), S("license", "apache-2.0")};
    struct lb_new_row rows[] = {ROW("org/new, \"7b\"", c)};
    struct result r;

    (void)state;
    apply(&r, file, rows, 1, false, false);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out.data, "model,ARC,MMLU,license,precision\n"
                                    "\"org/a, quoted\",6.90,70,mit,float16\n"
                                    "org/b,61.5,60.25,,bfloat16\n"
                                    "\"org/new, \"\"7b\"\"\",61.20,,apache-2.0,\n");
    assert_int_equal(r.index[0], 2);
    assert_false(r.replaced[0]);
    lb_buf_release(&r.out);
}

static void test_add_keeps_crlf_bom_blank_lines_and_no_final_newline(void **state)
{
    struct lb_assign c[] = {A("ARC", " 1.50 ")};
    struct lb_new_row rows[] = {ROW("x", c)};

    (void)state;
    gives("\xEF\xBB\xBFmodel,ARC\r\n\r\n\"a\r\nb\",2\r\nc,3", rows, 1, false,
          false,
          "\xEF\xBB\xBFmodel,ARC\r\n\r\n\"a\r\nb\",2\r\nc,3\r\nx,1.50");
    gives("model,ARC\rc,3\r\r", rows, 1, false, false,
          "model,ARC\rc,3\r\rx,1.50\r");
}

static void test_add_replace_updates_one_row(void **state)
{
    struct lb_assign c[] = {A("MMLU", "71.5"), S("precision", "bfloat16")};
    struct lb_new_row rows[] = {ROW("org/b", c)};
    struct result r;

    (void)state;
    fails(file, rows, 1, false, false,
          "row: model 'org/b' (precision 'bfloat16') is already in 'f.csv' "
          "(line 3); use --replace to update it");
    apply(&r, file, rows, 1, true, false);
    assert_int_equal(r.rc, 0);
    /* the columns not given keep their values; the other rows their bytes */
    assert_string_equal(r.out.data, "model,ARC,MMLU,license,precision\n"
                                    "\"org/a, quoted\",6.90,70,mit,float16\n"
                                    "org/b,61.5,71.5,,bfloat16\n");
    assert_true(r.replaced[0]);
    assert_int_equal(r.index[0], 1);
    lb_buf_release(&r.out);
}

/* keep_before: a replaced row keeps the old cell's text before the marker
 * (at the start or after "; "), then "; " and the value; a new row gets
 * the value alone; without the marker the whole old cell is kept */
static void test_add_replace_keeps_text_before_marker(void **state)
{
    static const char *const notes =
        "model,ARC,note\n"
        "a,1,\"mine; not comparable: old\"\n"
        "b,2,not comparable: old\n"
        "c,3,mine\n"
        "d,4,not comparable:x; also not comparable: y\n";
    struct lb_assign ca[] = {S("note", "")}, cb[] = {S("note", "")},
                     cc[] = {S("note", "not comparable: new")},
                     cd[] = {S("note", "")}, ce[] = {S("note", "not comparable: new")};
    struct lb_new_row rows[] = {ROW("a", ca), ROW("b", cb), ROW("c", cc),
                                ROW("d", cd), ROW("e", ce)};

    (void)state;
    ca[0].keep_before = cb[0].keep_before = cc[0].keep_before =
        cd[0].keep_before = ce[0].keep_before = "not comparable: ";
    gives(notes, rows, 5, true, false,
          "model,ARC,note\n"
          "a,1,mine\n"
          "b,2,\n"
          "c,3,mine; not comparable: new\n"
          "d,4,not comparable:x; also not comparable: y\n"
          "e,,not comparable: new\n");
    /* without the marker, the value replaces the cell */
    ca[0].keep_before = NULL;
    gives(notes, rows, 1, true, false,
          "model,ARC,note\n"
          "a,1,\n"
          "b,2,not comparable: old\n"
          "c,3,mine\n"
          "d,4,not comparable:x; also not comparable: y\n");
}

static void test_add_same_model_other_precision_is_new(void **state)
{
    struct lb_assign c[] = {S("precision", "4bit")};
    struct lb_new_row rows[] = {ROW("org/b", c)};

    (void)state;
    gives(file, rows, 1, false, false,
          "model,ARC,MMLU,license,precision\n"
          "\"org/a, quoted\",6.90,70,mit,float16\n"
          "org/b,61.5,60.25,,bfloat16\n"
          "org/b,,,,4bit\n");
}

static void test_add_new_column(void **state)
{
    struct lb_assign c[] = {A("HumanEval", "48.8"), S("modality", "code")};
    struct lb_new_row rows[] = {ROW("x", c)};
    struct lb_assign slip[] = {S("licnse", "mit")};
    struct lb_new_row slipped[] = {ROW("x", slip)};

    (void)state;
    fails(file, rows, 1, false, false,
          "arg: no column 'HumanEval' in 'f.csv'; add it with --new-column");
    /* a slip of the keyboard: the nearest column first */
    fails(file, slipped, 1, false, false,
          "set: no column 'licnse' in 'f.csv'; did you mean 'license'? (or "
          "add it with --new-column)");
    gives("model,ARC\r\na,1\r\n", rows, 1, false, true,
          "model,ARC,HumanEval,modality\r\na,1,,\r\nx,,48.8,code\r\n");
}

static void test_add_validation_errors(void **state)
{
    struct lb_assign big[] = {A("ARC", "100.01")};
    struct lb_assign neg[] = {A("MMLU", "-0.5")};
    struct lb_assign word[] = {A("ARC", "abc")};
    struct lb_assign inf[] = {A("ARC", "inf")};
    struct lb_assign twice[] = {A("ARC", "1"), A("arc", "2")};
    struct lb_assign model[] = {S("model", "y")};
    struct lb_assign newbig[] = {A("Custom", "250")};
    struct lb_new_row r1[] = {ROW("x", big)}, r2[] = {ROW("x", neg)},
                      r3[] = {ROW("x", word)}, r4[] = {ROW("x", inf)},
                      r5[] = {ROW("x", twice)}, r6[] = {ROW("x", model)},
                      r7[] = {ROW("x", newbig)}, r8[] = {ROW("", big)};

    (void)state;
    fails(file, r1, 1, false, false,
          "arg: '100.01' is out of range for 'ARC' (0 to 100)");
    fails(file, r2, 1, false, false,
          "arg: '-0.5' is out of range for 'MMLU' (0 to 100)");
    fails(file, r3, 1, false, false, "arg: 'abc' is not a number (column 'ARC')");
    fails(file, r4, 1, false, false,
          "arg: 'inf' is not a finite number (column 'ARC')");
    fails(file, r5, 1, false, false,
          "arg: column 'ARC' is given twice (also arg)");
    fails(file, r6, 1, false, false,
          "set: 'model' is the model column; give the model with --model");
    fails(file, r7, 1, false, true,
          "arg: '250' is out of range for 'Custom' (0 to 100)");
    fails(file, r8, 1, false, false, "row: empty model name");
}

static void test_add_one_bad_row_adds_nothing(void **state)
{
    struct lb_assign good[] = {A("ARC", "1")};
    struct lb_assign bad[] = {A("ARC", "x")};
    struct lb_new_row rows[] = {ROW("g", good), ROW("b", bad)};
    struct lb_new_row dup[] = {ROW("g", good), ROW("g", good)};

    (void)state;
    fails(file, rows, 2, false, false, "arg: 'x' is not a number (column 'ARC')");
    fails(file, dup, 2, false, false,
          "row: model 'g' (precision '') is given twice (also row)");
}

static void test_add_default_benchmarks_are_checked(void **state)
{
    /* no catalog column: the numeric non-metadata columns are benchmarks */
    struct lb_assign c[] = {A("quality", "101"), S("params_b", "7000")};
    struct lb_assign ok[] = {S("params_b", "7000"), S("notes", "anything")};
    struct lb_new_row bad[] = {ROW("x", c)}, good[] = {ROW("x", ok)};
    const char *f = "model,quality,params_b,notes\na,50,7,n\n";

    (void)state;
    fails(f, bad, 1, false, false,
          "arg: '101' is out of range for 'quality' (0 to 100)");
    gives(f, good, 1, false, false,
          "model,quality,params_b,notes\na,50,7,n\nx,,7000,anything\n");
}

static void test_add_to_header_only_and_create(void **state)
{
    struct lb_assign c[] = {A("ARC", "50"), S("license", "mit")};
    struct lb_new_row rows[] = {ROW("org/first", c)};
    struct lb_buf out = LB_BUF_INIT;
    struct lb_error err;

    (void)state;
    gives("model,ARC,license", rows, 1, false, false,
          "model,ARC,license\norg/first,50,mit");
    assert_int_equal(
        lb_add_create("new.csv", rows, 1, &(struct lb_add_opts){0}, &out, &err),
        0);
    assert_string_equal(out.data, "model,ARC,license\norg/first,50,mit\n");
    lb_buf_release(&out);
}

/* Review findings: each was a way to lose or corrupt a row. */
static void test_add_replace_same_key_twice_fails(void **state)
{
    struct lb_assign c1[] = {A("ARC", "1"), S("precision", "bfloat16")};
    struct lb_assign c2[] = {A("MMLU", "2"), S("precision", "bfloat16")};
    struct lb_new_row rows[] = {ROW("org/b", c1), ROW("org/b", c2)};

    (void)state;
    fails(file, rows, 2, true, false,
          "row: model 'org/b' (precision 'bfloat16') is given twice (also row)");
}

static void test_add_replace_needs_one_row(void **state)
{
    struct lb_assign c[] = {A("ARC", "9")};
    struct lb_new_row rows[] = {ROW("m", c)};
    const char *dups = "model,ARC\nm,1\nm,2\n";
    const char *precs = "model,ARC,precision\nm,1,float16\nm,2,4bit\n";

    (void)state;
    /* the key is twice in the file: which row to update? */
    fails(dups, rows, 1, true, false,
          "row: model 'm' is in 'f.csv' more than once (first at line 2); "
          "--replace cannot tell which row to update");
    /* no precision given: the model's only row, or a clear error */
    gives("model,ARC,precision\nm,1,float16\n", rows, 1, true, false,
          "model,ARC,precision\nm,9,float16\n");
    fails(precs, rows, 1, true, false,
          "row: model 'm' has 2 rows in f.csv (precision 'float16', '4bit'); "
          "choose one with --set precision=...");
}

/* Every score from 0 to 1 on a board whose scores go above 1: fractions
 * (0.62 for 62) would be ranked last without a word. An error naming the
 * column and the fix; --force keeps them; a row with one score above 1,
 * or whole numbers (0 and 1), or a board on 0 to 1 is not refused. */
static void test_add_fraction_on_percent_board(void **state)
{
    struct lb_assign frac[] = {A("ARC", "0.62"), A("MMLU", "0.5")};
    struct lb_assign one_big[] = {A("ARC", "0.62"), A("MMLU", "50")};
    struct lb_assign whole[] = {A("ARC", "0"), A("MMLU", "1")};
    struct lb_new_row r1[] = {ROW("x", frac)}, r2[] = {ROW("x", one_big)},
                      r3[] = {ROW("x", whole)};
    struct lb_add_opts force = {false, false, false, true, NULL};
    struct result r;

    (void)state;
    fails("model,ARC,MMLU\na,50.5,60\n", r1, 1, false, false,
          "arg: 'ARC' = '0.62' looks like a fraction: every score given is "
          "between 0 and 1, but 'ARC' goes up to 50.5 in 'f.csv' (scores "
          "from 0 to 100); give percentages (0.62 as 62), or add --force to "
          "keep them as they are");
    gives("model,ARC,MMLU\na,50.5,60\n", r2, 1, false, false,
          "model,ARC,MMLU\na,50.5,60\nx,0.62,50\n");
    gives("model,ARC,MMLU\na,50.5,60\n", r3, 1, false, false,
          "model,ARC,MMLU\na,50.5,60\nx,0,1\n");
    gives("model,ARC,MMLU\na,0.5,0.25\n", r1, 1, false, false,
          "model,ARC,MMLU\na,0.5,0.25\nx,0.62,0.5\n");
    lb_buf_init(&r.out);
    lb_error_init(&r.err);
    assert_int_equal(lb_add_apply("f.csv", "model,ARC,MMLU\na,50.5,60\n", 25,
                                  r1, 1, &force, &r.out, r.index, r.replaced,
                                  &r.err),
                     0);
    assert_string_equal(lb_buf_str(&r.out),
                        "model,ARC,MMLU\na,50.5,60\nx,0.62,0.5\n");
    lb_buf_release(&r.out);
}

static void test_add_many_decimals(void **state)
{
    struct lb_assign ok[] = {A("ARC", "0.00000000000000001")};
    struct lb_assign bad[] = {A("ARC", "1e-18"), A("MMLU", "70")};
    struct lb_new_row r1[] = {ROW("x", ok)}, r2[] = {ROW("x", bad)};

    (void)state;
    /* in range (the check does not overflow at 17 decimals) */
    gives("model,ARC\na,0.5\n", r1, 1, false, false,
          "model,ARC\na,0.5\nx,0.00000000000000001\n");
    /* 50 at 18 decimals needs more than 64 bits: the column takes 128
     * (issue 14: add refused what each value's limits allow) */
    gives("model,ARC,MMLU\na,50,60\n", r2, 1, false, false,
          "model,ARC,MMLU\na,50,60\nx,1e-18,70\n");
}

/* The score file is a CSV people open in spreadsheets: text that one would
 * run as a formula is refused unless it is a number or --allow-formulas
 * is given (issue 14: =HYPERLINK(...) and +cmd|calc were stored raw). */
static void test_add_formulas_refused(void **state)
{
    struct lb_assign mit[] = {S("license", "mit")};
    struct lb_assign eq[] = {S("license", "=HYPERLINK(\"http://x\")")};
    struct lb_assign tab[] = {S("license", "\t1+1")};
    struct lb_assign cr[] = {S("license", "\r@x")};
    struct lb_assign minus[] = {S("license", "-x")};
    struct lb_assign ok[] = {S("license", "-5"), A("ARC", "+61.5"),
                             S("precision", "-")};
    struct lb_assign col[] = {S("@note", "x")};
    struct lb_new_row m1[] = {ROW("+cmd|' /C calc'!A0", mit)};
    struct lb_new_row m2[] = {ROW("@SUM(1)", mit)};
    struct lb_new_row r1[] = {ROW("x", eq)}, r2[] = {ROW("x", tab)};
    struct lb_new_row r3[] = {ROW("x", cr)}, r4[] = {ROW("x", minus)};
    struct lb_new_row r5[] = {ROW("x", ok)}, r6[] = {ROW("x", col)};
    struct lb_add_opts allow = {false, true, true, false, NULL};
    struct lb_buf out = LB_BUF_INIT;
    struct lb_error err;
    size_t index[1];
    bool replaced[1];

    (void)state;
    fails(file, m1, 1, false, false,
          "row: model name '+cmd|' /C calc'!A0' starts with '+': a "
          "spreadsheet would run it as a formula; --allow-formulas stores it "
          "anyway");
    fails(file, m2, 1, false, false,
          "row: model name '@SUM(1)' starts with '@': a spreadsheet would run "
          "it as a formula; --allow-formulas stores it anyway");
    fails(file, r1, 1, false, false,
          "set: '=HYPERLINK(\"http://x\")' (column 'license') starts with '=': "
          "a spreadsheet would run it as a formula; --allow-formulas stores "
          "it anyway");
    fails(file, r2, 1, false, false,
          "set: '\\t1+1' (column 'license') starts with '\\t': a spreadsheet "
          "would run it as a formula; --allow-formulas stores it anyway");
    fails(file, r3, 1, false, false,
          "set: '\\r@x' (column 'license') starts with '\\r': a spreadsheet "
          "would run it as a formula; --allow-formulas stores it anyway");
    fails(file, r4, 1, false, false,
          "set: '-x' (column 'license') starts with '-': a spreadsheet would "
          "run it as a formula; --allow-formulas stores it anyway");
    fails(file, r6, 1, false, true,
          "set: column name '@note' starts with '@': a spreadsheet would run "
          "it as a formula; --allow-formulas stores it anyway");
    /* numbers and the missing mark are not formulas */
    gives(file, r5, 1, false, false,
          "model,ARC,MMLU,license,precision\n"
          "\"org/a, quoted\",6.90,70,mit,float16\n"
          "org/b,61.5,60.25,,bfloat16\n"
          "x,+61.5,,-5,-\n");
    /* a new file's header is checked too */
    assert_int_equal(lb_add_create("new.csv", r6, 1, &(struct lb_add_opts){0},
                                   &out, &err),
                     -1);
    assert_string_equal(msg_of(&err), "set: column name '@note' starts with '@': "
                                 "a spreadsheet would run it as a formula; "
                                 "--allow-formulas stores it anyway");
    /* --allow-formulas: stored as given */
    assert_int_equal(lb_add_apply("f.csv", file, strlen(file), r6, 1, &allow,
                                  &out, index, replaced, &err),
                     0);
    assert_non_null(strstr(lb_buf_str(&out), ",@note\n"));
    lb_buf_reset(&out);
    assert_int_equal(lb_add_apply("f.csv", file, strlen(file), m1, 1, &allow,
                                  &out, index, replaced, &err),
                     0);
    assert_non_null(strstr(lb_buf_str(&out), "\n+cmd|' /C calc'!A0,"));
    lb_buf_release(&out);
}

static void test_add_ambiguous_column(void **state)
{
    struct lb_assign c[] = {S("FOO", "5")};
    struct lb_new_row rows[] = {ROW("z", c)};

    (void)state;
    fails("model,foo,Foo\na,1,2\n", rows, 1, false, true,
          "set: column 'FOO' is ambiguous in 'f.csv' (2 columns differ only in "
          "letter case); give its exact name");
}

static void test_add_bench_value_must_be_a_number(void **state)
{
    struct lb_assign c[] = {A("license", "mit")};
    struct lb_assign n[] = {A("params_b", "7000")};
    struct lb_new_row rows[] = {ROW("z", c)}, num[] = {ROW("z", n)};

    (void)state;
    fails("model,ARC,license,params_b\na,1,x,7\n", rows, 1, false, false,
          "arg: 'mit' is not a number (column 'license'); use --set for text");
    /* a number, but no 0-100 range for a metadata column */
    gives("model,ARC,license,params_b\na,1,x,7\n", num, 1, false, false,
          "model,ARC,license,params_b\na,1,x,7\nz,,,7000\n");
}

static void test_add_create_with_precision(void **state)
{
    struct lb_assign c1[] = {S("precision", "bf16"), A("ARC", "1")};
    struct lb_assign c2[] = {S("precision", "fp16"), A("ARC", "2")};
    struct lb_new_row rows[] = {ROW("a", c1), ROW("a", c2)};
    struct lb_buf out = LB_BUF_INIT;
    struct lb_error err;

    (void)state;
    assert_int_equal(
        lb_add_create("new.csv", rows, 2, &(struct lb_add_opts){0}, &out, &err),
        0);
    assert_string_equal(out.data, "model,precision,ARC\na,bf16,1\na,fp16,2\n");
    lb_buf_release(&out);
}

/* import --create: the header given first (model once, letter case
 * aside), then the columns only the rows give; a formula-like name in it
 * is refused as a row's would be. */
static void test_add_create_with_header(void **state)
{
    static const char *const head[] = {"precision", "ARC", "ARC_stderr",
                                       "Model", "note"};
    static const char *const bad[] = {"=cmd()"};
    struct lb_assign c[] = {A("arc", "61.5"), S("type", "base"),
                            S("precision", "4bit")};
    struct lb_new_row rows[] = {ROW("a", c)};
    struct lb_buf out = LB_BUF_INIT;
    struct lb_error err;

    (void)state;
    lb_error_init(&err);
    assert_int_equal(lb_add_create_with("new.csv", head, 5, rows, 1,
                                        &(struct lb_add_opts){0}, &out, &err),
                     0);
    assert_string_equal(out.data, "model,precision,ARC,ARC_stderr,note,type\n"
                                  "a,4bit,61.5,,,base\n");
    lb_buf_release(&out);
    assert_int_equal(lb_add_create_with("new.csv", bad, 1, rows, 1,
                                        &(struct lb_add_opts){0}, &out, &err),
                     -1);
    assert_non_null(strstr(err.msg, "'=cmd()'"));
    lb_buf_release(&out);
}

static void test_add_rejects_a_broken_file(void **state)
{
    struct lb_assign c[] = {A("ARC", "1")};
    struct lb_new_row rows[] = {ROW("x", c)};

    (void)state;
    fails("model,ARC\na,1,2\n", rows, 1, false, false,
          "f.csv:2:3: row has more fields than the header's 2 (extra value '2')");
}

/* found with fuzz_csv_load's range bug: add's own range check computed
 * 100 * 10^18 in 64 bits too */
static void test_add_range_at_18_decimals(void **state)
{
    struct lb_assign ok[] = {A("ARC", "0.000000000000000001")};
    struct lb_assign low[] = {A("ARC", "-0.000000000000000001")};
    struct lb_new_row rows_ok[] = {ROW("org/tiny", ok)};
    struct lb_new_row rows_low[] = {ROW("org/tiny", low)};

    (void)state;
    gives("model,ARC\n", rows_ok, 1, false, false,
          "model,ARC\norg/tiny,0.000000000000000001\n");
    fails("model,ARC\n", rows_low, 1, false, false,
          "arg: '-0.000000000000000001' is out of range for 'ARC' (0 to 100)");
}

/* found by fuzz_add: with --replace, two new rows for one existing model
 * both "replaced" it and the first one's values were silently lost */
static void test_add_replace_twice_is_refused(void **state)
{
    struct lb_assign c1[] = {A("ARC", "50"), S("precision", "bfloat16")};
    struct lb_assign c2[] = {A("MMLU", "60"), S("precision", "bfloat16")};
    struct lb_new_row rows[] = {ROW("org/b", c1), ROW("org/b", c2)};

    (void)state;
    fails(file, rows, 2, true, false,
          "row: model 'org/b' (precision 'bfloat16') is given twice (also row)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_appends_in_file_style),
        cmocka_unit_test(test_add_keeps_crlf_bom_blank_lines_and_no_final_newline),
        cmocka_unit_test(test_add_replace_updates_one_row),
        cmocka_unit_test(test_add_replace_keeps_text_before_marker),
        cmocka_unit_test(test_add_same_model_other_precision_is_new),
        cmocka_unit_test(test_add_new_column),
        cmocka_unit_test(test_add_validation_errors),
        cmocka_unit_test(test_add_one_bad_row_adds_nothing),
        cmocka_unit_test(test_add_default_benchmarks_are_checked),
        cmocka_unit_test(test_add_to_header_only_and_create),
        cmocka_unit_test(test_add_replace_same_key_twice_fails),
        cmocka_unit_test(test_add_replace_needs_one_row),
        cmocka_unit_test(test_add_many_decimals),
        cmocka_unit_test(test_add_fraction_on_percent_board),
        cmocka_unit_test(test_add_ambiguous_column),
        cmocka_unit_test(test_add_bench_value_must_be_a_number),
        cmocka_unit_test(test_add_create_with_precision),
        cmocka_unit_test(test_add_rejects_a_broken_file),
        cmocka_unit_test(test_add_range_at_18_decimals),
        cmocka_unit_test(test_add_replace_twice_is_refused),
        cmocka_unit_test(test_add_formulas_refused),
        cmocka_unit_test(test_add_create_with_header),
    };

    return cmocka_run_group_tests_name("add", tests, NULL, NULL);
}
