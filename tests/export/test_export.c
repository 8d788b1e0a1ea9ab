/* Whole outputs of every format on small fixtures. */
#include "board_util.h"
#include "opts_util.h"

#include <stdlib.h>

#include "base/buf.h"
#include "core/board.h"
#include "export/writer.h"

/* -b for export_csv, when not NULL */
static const char *export_benchmarks;
/* --ties for export_csv */
static enum lb_ties export_ties = LB_TIES_COMPETITION;

static char *export_csv(const char *csv, const char *fmt,
                        enum lb_missing missing, const char *columns,
                        size_t top)
{
    struct lb_table t;
    struct lb_board b;
    struct lb_board_opts o;
    struct lb_error err;
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);

    assert_non_null(fp);
    lb_board_opts_init(&o);
    SET_NAMES(o.select.columns, o.select.ncolumns, columns);
    if (export_benchmarks != NULL)
        SET_NAMES(o.select.benchmarks, o.select.nbenchmarks,
                  export_benchmarks);
    o.missing = missing;
    o.rank.top = top;
    o.rank.ties = export_ties;
    load_ok(&t, csv);
    assert_int_equal(lb_board_compute(&b, &t, &o, &err), 0);
    assert_int_equal(export_board(fp, fmt, &b, &err), 0);
    fclose(fp);
    lb_board_release(&b);
    lb_table_release(&t);
    return out;
}

static void output_is(const char *csv, const char *fmt,
                      enum lb_missing missing, const char *columns,
                      const char *want)
{
    char *got = export_csv(csv, fmt, missing, columns, 0);

    assert_string_equal(got, want);
    free(got);
}

static const char *const fixture =
    "model,ARC,MMLU,license\n"
    "org/b,60.5,70,mit\n"
    "org/a,70,60.5,\n"
    "org/c,50,,apache-2.0\n"
    "org/top,90.25,80.75,mit\n";

static void test_export_text(void **state)
{
    (void)state;
    output_is(fixture, "text", LB_MISSING_EXCLUDE, "license",
              "Average of 2 benchmarks: ARC, MMLU\n"
              "\n"
              "Rank  Model    Average  license       ARC   MMLU  Note\n"
              "   1  org/top    85.50  mit         90.25  80.75\n"
              "   2  org/a      65.25  -           70.00  60.50\n"
              "   2  org/b      65.25  mit         60.50  70.00\n"
              "   -  org/c          -  apache-2.0  50.00      -  not ranked: "
              "missing MMLU\n"
              "\n"
              "3 of 4 models ranked; 1 not ranked: a benchmark score is "
              "missing (--missing exclude).\n"
              "Scores equal at 2 decimals share a rank (competition).\n");
}

static void test_export_text_partial_marks(void **state)
{
    (void)state;
    output_is(fixture, "text", LB_MISSING_PARTIAL, NULL,
              "Average of 2 benchmarks: ARC, MMLU\n"
              "\n"
              "Rank  Model    Average    ARC   MMLU\n"
              "   1  org/top   85.50   90.25  80.75\n"
              "   2  org/a     65.25   70.00  60.50\n"
              "   2  org/b     65.25   60.50  70.00\n"
              "   4  org/c     50.00*  50.00      -\n"
              "\n"
              "4 of 4 models ranked.\n"
              "Scores equal at 2 decimals share a rank (competition).\n"
              "* mean of the scores present (--missing partial)\n");
}

static void test_export_text_wide_and_hostile_names(void **state)
{
    (void)state;
    /* CJK takes two columns; ESC and bidi controls are shown escaped */
    output_is("model,S\n"
              "\xE5\xA4\xA7\xE6\xA8\xA1\xE5\x9E\x8B,2\n"
              "evil\x1b]0;x\x07,1\n"
              "rtl\xE2\x80\xAEgpj.exe,3\n",
              "text", LB_MISSING_EXCLUDE, NULL,
              "Average of 1 benchmark: S\n"
              "\n"
              "Rank  Model             Average     S\n"
              "   1  rtl\\u202Egpj.exe     3.00  3.00\n"
              "   2  \xE5\xA4\xA7\xE6\xA8\xA1\xE5\x9E\x8B"
              "               2.00  2.00\n" /* 6 columns wide */
              "   3  evil\\x1B]0;x\\x07     1.00  1.00\n"
              "\n"
              "3 of 3 models ranked.\n"
              "Scores equal at 2 decimals share a rank (competition).\n");
}

static void test_export_markdown(void **state)
{
    (void)state;
    output_is("model,S\na|b,2\nc_d,\n", "markdown", LB_MISSING_EXCLUDE,
              NULL,
              "Average of 1 benchmark: S\n"
              "\n"
              "| Rank | Model | Average | S | Note |\n"
              "|---:|:---|---:|---:|:---|\n"
              "| 1 | a\\|b | 2.00 | 2.00 |  |\n"
              "| - | c\\_d | - | - | not ranked: no scores |\n"
              "\n"
              "1 of 2 models ranked; 1 not ranked: a benchmark score is "
              "missing (--missing exclude).\n"
              "\n"
              "Scores equal at 2 decimals share a rank (competition).\n");
}

/* Machine formats are lossless: scores as written (70 stays 70, 60.5
 * stays 60.5), the average exact when it is a short decimal, else at 15
 * significant digits; -p rounds the average as it says. */
static void test_export_csv_and_tsv(void **state)
{
    (void)state;
    output_is(fixture, "csv", LB_MISSING_EXCLUDE, "license",
              "rank,model,average,license,ARC,MMLU\n"
              "1,org/top,85.5,mit,90.25,80.75\n"
              "2,org/a,65.25,,70,60.5\n"
              "2,org/b,65.25,mit,60.5,70\n"
              ",org/c,,apache-2.0,50,\n");
    output_is("model,S\n\"a,b\",1\n\"=cmd\",2\n", "csv",
              LB_MISSING_EXCLUDE, NULL,
              "rank,model,average,S\n"
              "1,'=cmd,2,2\n"
              "2,\"a,b\",1,1\n");
    output_is("model,S\n\"a\tb\",1\n", "tsv", LB_MISSING_EXCLUDE, NULL,
              "rank\tmodel\taverage\tS\n"
              "1\ta\\tb\t1\t1\n");
    /* text a spreadsheet would run, in either format: a "'" before it */
    output_is("model,S\n=SUM(A1),1\n@x,2\n", "tsv", LB_MISSING_EXCLUDE,
              NULL,
              "rank\tmodel\taverage\tS\n"
              "1\t'@x\t2\t2\n"
              "2\t'=SUM(A1)\t1\t1\n");
    output_is("model,S\n=SUM(A1),1\n@x,2\n", "csv", LB_MISSING_EXCLUDE,
              NULL,
              "rank,model,average,S\n"
              "1,'@x,2,2\n"
              "2,'=SUM(A1),1,1\n");
    /* 1/3: not a finite decimal; 33.0279214705869 keeps its 13 decimals;
     * 1.10 keeps its trailing zero */
    output_is("model,A,B,C\nm,33.0279214705869,1.10,0\n", "csv",
              LB_MISSING_EXCLUDE, NULL,
              "rank,model,average,A,B,C\n"
              "1,m,11.3759738235290,33.0279214705869,1.10,0\n");
    /* averages past 64 bits at their scale (10^36 here), exact or at 15
     * digits, with trailing zeros to drop, either sign */
    export_benchmarks = "A,B";
    output_is("model,A,B\n"
              "m,999999999999999999,0.000000000000000001\n"
              "n,999999999999999998,0.000000000000000002\n"
              "o,99999999999999999.8,0.000000000000000000\n"
              "p,-99999999999999999.8,0.000000000000000000\n"
              "q,-3,0.000000000000000001\n",
              "csv", LB_MISSING_EXCLUDE, NULL,
              "rank,model,average,A,B\n"
              "1,m,500000000000000000,999999999999999999,"
              "0.000000000000000001\n"
              "2,n,499999999999999999.000000000000000001,999999999999999998,"
              "0.000000000000000002\n"
              "3,o,49999999999999999.9,99999999999999999.8,"
              "0.000000000000000000\n"
              "4,q,-1.50000000000000,-3,0.000000000000000001\n"
              "5,p,-49999999999999999.9,-99999999999999999.8,"
              "0.000000000000000000\n");
    export_benchmarks = NULL;
}

static void test_export_json(void **state)
{
    (void)state;
    output_is("model,ARC,license\n\"q\"\"x\",61.5,mit\nn,,\n", "json",
              LB_MISSING_EXCLUDE, "license",
              "{\n"
              "  \"benchmarks\": [\"ARC\"],\n"
              "  \"suite\": null,\n"
              "  \"ranked_by\": \"average\",\n"
              "  \"order\": \"descending\",\n"
              "  \"missing\": \"exclude\",\n"
              "  \"ties\": \"competition\",\n"
              "  \"precision\": 2,\n"
              "  \"models\": 2,\n"
              "  \"ranked\": 1,\n"
              "  \"rows\": [\n"
              "    {\"rank\": 1, \"model\": \"q\\\"x\", \"average\": 61.5, "
              "\"columns\": {\"license\": \"mit\"}, \"scores\": {\"ARC\": "
              "61.5}},\n"
              "    {\"rank\": null, \"model\": \"n\", \"average\": null, "
              "\"columns\": {\"license\": null}, \"scores\": {\"ARC\": null}, "
              "\"reason\": \"no scores\"}\n"
              "  ]\n"
              "}\n");
}

static void test_export_top_hides_unranked(void **state)
{
    char *got;

    (void)state;
    got = export_csv(fixture, "csv", LB_MISSING_EXCLUDE, NULL, 1);
    assert_string_equal(got, "rank,model,average,ARC,MMLU\n"
                             "1,org/top,85.5,90.25,80.75\n");
    free(got);
}

/* Two threads format chunks of rows, each chunk's rows in the order where
 * they lie in memory (file order, not rank order); the bytes are those of
 * one thread formatting the rows in rank order: every format, chunks of 7
 * and of 1000 rows, unranked rows listed (exclude) or not. */
static void test_export_parallel_rows_identical(void **state)
{
    static const char *const fmts[] = {"csv", "tsv", "json", "markdown",
                                       "text", "html", "latex"};
    static const size_t chunks[] = {7, 1000};
    struct lb_buf csv = LB_BUF_INIT;
    struct lb_export_tuning saved = lb_export_tuning;
    size_t i, k, c, m;

    (void)state;
    srand(11);
    lb_buf_adds(&csv, "model,ARC,MMLU,license\n");
    for (i = 0; i < 3000; i++)
        lb_buf_addf(&csv, "\"org/m%d, x\",%d.%d,%s,%s\n", rand() % 900,
                    rand() % 100, rand() % 10,
                    rand() % 20 ? "50" : "", rand() % 9 ? "mit" : "");
    for (m = 0; m < 2; m++)
        for (k = 0; k < sizeof fmts / sizeof fmts[0]; k++)
            for (c = 0; c < 2; c++) {
                enum lb_missing mis =
                    m == 0 ? LB_MISSING_PARTIAL : LB_MISSING_EXCLUDE;
                char *one, *two;

                lb_export_tuning.parallel_rows = (size_t)1 << 40;
                one = export_csv(csv.data, fmts[k], mis, "license", 0);
                lb_export_tuning.parallel_rows = 1;
                lb_export_tuning.chunk_rows = chunks[c];
                two = export_csv(csv.data, fmts[k], mis, "license", 0);
                lb_export_tuning = saved;
                assert_string_equal(one, two);
                free(one);
                free(two);
            }
    lb_buf_release(&csv);
}

/* The text table's widths measured in file order (lb_view_scan_fn) are
 * those measured in rank order: the same bytes, with unranked rows listed,
 * with --top, and with the widest cells anywhere. */
static void test_export_text_widths_in_file_order(void **state)
{
    struct lb_buf csv = LB_BUF_INIT;
    struct lb_export_tuning saved = lb_export_tuning;
    size_t i, k;

    (void)state;
    srand(12);
    lb_buf_adds(&csv, "model,ARC,MMLU,Delta,Gain,license\n");
    for (i = 0; i < 2000; i++)
        lb_buf_addf(&csv, "org/m%d%s,%d.%d,%s,%s,%s,%s\n", rand() % 900,
                    i == 1500 ? "-the-longest-name-of-all" : "",
                    rand() % 100, rand() % 10,
                    rand() % 50 ? "7" : (i % 2 ? "" : "99.125"),
                    /* Delta's widest cell is its smallest value, Gain's
                     * its largest (which rounds up to a digit more at one
                     * decimal); a negative rounds to zero */
                    i == 700 ? "-12345.5" : i == 900 ? "-0.001" : "2.5",
                    i == 1100 ? "99999.96" : "1.5",
                    rand() % 9 ? "mit" : "apache-2.0-or-some-longer-licence");
    for (k = 0; k < 3; k++) {
        enum lb_missing m = k == 0 ? LB_MISSING_EXCLUDE : LB_MISSING_PARTIAL;
        char *ranked, *scanned;

        export_benchmarks = "ARC,MMLU,Delta,Gain";
        lb_export_tuning.no_scan = true;
        ranked = export_csv(csv.data, "text", m, "license", k == 2 ? 5 : 0);
        lb_export_tuning.no_scan = false;
        scanned = export_csv(csv.data, "text", m, "license", k == 2 ? 5 : 0);
        assert_string_equal(ranked, scanned);
        free(scanned);
        /* in two parts, by two threads */
        lb_export_tuning.parallel_rows = 1;
        scanned = export_csv(csv.data, "text", m, "license", k == 2 ? 5 : 0);
        lb_export_tuning = saved;
        export_benchmarks = NULL;
        assert_string_equal(ranked, scanned);
        free(ranked);
        free(scanned);
    }
    lb_buf_release(&csv);
}

/* The value column's widths in file order come from the first and last
 * ranked rows, marked and unmarked apart: the widest value can be a
 * marked one in the middle of the ranking (its mark widens it), or at
 * either end. */
static void test_export_text_value_widths(void **state)
{
    static const char *const boards[] = {
        /* b is marked (no S2), between a and c: 99999.40* */
        "model,S1,S2,license\na,99999.5,99999.5,x\nb,99999.4,,x\n"
        "c,1,1,x\nd,,,x\n",
        /* the marked one last, and negative: -99999.50* */
        "model,S1,S2,license\na,5,5,x\nb,-99999.5,,x\nc,-99999.4,-99999.4,x\n",
        /* nothing marked; the widest first */
        "model,S1,S2,license\na,123456.5,1,x\nb,2,2,x\n",
    };
    struct lb_export_tuning saved = lb_export_tuning;
    size_t i, k;

    (void)state;
    export_benchmarks = "S1,S2"; /* not the catalog's: any values */
    for (i = 0; i < sizeof boards / sizeof *boards; i++)
        for (k = 0; k < 2; k++) {
            enum lb_missing m = k == 0 ? LB_MISSING_EXCLUDE : LB_MISSING_PARTIAL;
            char *ranked, *scanned;

            lb_export_tuning.no_scan = true;
            ranked = export_csv(boards[i], "text", m, "license", 0);
            lb_export_tuning = saved;
            scanned = export_csv(boards[i], "text", m, "license", 0);
            assert_string_equal(ranked, scanned);
            free(ranked);
            free(scanned);
        }
    export_benchmarks = NULL;
}

/* The widths of the model and text columns from their text alone, where
 * every cell of a part is printable ASCII (as wide as it is long), and
 * cell by cell where one is not, its longest cell then not the widest: a
 * wide character, a control byte or DEL shown as an escape, in the first
 * part or the second; a text column whose cells are all empty (shown
 * missing) under a name 0 columns wide; a number column shown as written
 * whose longest cell is shown missing ("N/A"), first or after one as long;
 * the rank column's widest rank, and a mid rank (".5") wider. The bytes
 * are those of the widths measured in rank order, by one thread and by
 * two. */
static void test_export_text_widths_from_text(void **state)
{
    static const struct {
        const char *csv, *columns;
    } boards[] = {
        /* 16 bytes 8 columns wide; "abcdefghij" is the widest */
        {"model,S,p,license\nabcdefghij,1,1,x\nab,2,1,x\n"
         "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9,3,"
         "1,x\nc,4,1,x\n", "p,license"},
        /* in the second part: five tabs, 10 columns ("\t" each) */
        {"model,S,p,license\nab,1,1,x\nabcdef,2,1,x\nd,3,1,x\n\t\t\t\t\t,4,1,x\n",
         "p,license"},
        /* three DEL, 12 columns ("\x7F" each) */
        {"model,S,p,license\nab,1,1,x\nabcdefgh,2,1,x\n\x7f\x7f\x7f,3,1,x\n"
         "e,4,1,x\n", "p,license"},
        /* a text column: 14 bytes 7 columns wide beside empty cells */
        {"model,S,p,license\na,1,1,\nb,2,1,licence-long\nc,3,1,"
         "\xc3\xa7\xc3\xa7\xc3\xa7\xc3\xa7\xc3\xa7\xc3\xa7\xc3\xa7\nd,4,1,\n",
         "p,license"},
        /* every cell empty, under a combining accent (U+0301): '-' */
        {"model,S,\xcc\x81\na,1,\nb,2,\nc,3,\nd,4,\n", "\xcc\x81"},
        /* p's longest cell is missing: first, then after one as long */
        {"model,S,p,license\na,1,N/A,x\nb,2,12,x\nc,3,7,x\nd,4,N/A,x\n",
         "p,license"},
        {"model,S,p,license\na,1,123,x\nb,2,N/A,x\nc,3,7,x\nd,4,8,x\n",
         "p,license"},
        {"model,S,p,license\na,1,N/A,x\nb,2,123,x\nc,3,7,x\nd,4,8,x\n",
         "p,license"},
    };
    struct lb_export_tuning saved = lb_export_tuning;
    struct lb_buf ranks = LB_BUF_INIT;
    size_t n = sizeof boards / sizeof *boards, i, k, parts;

    (void)state;
    /* ranks up to 1000 ("1000" no wider than "Rank"); the last two tied:
     * 999.5 with fractional ties, wider; one not ranked */
    lb_buf_adds(&ranks, "model,S,p,license\nunranked,,1,x\n");
    for (i = 0; i < 1000; i++)
        lb_buf_addf(&ranks, "m%zu,%zu,1,x\n", i, i < 2 ? 1 : i);
    export_benchmarks = "S";
    for (i = 0; i <= n; i++)
        for (k = 0; k < 4; k++)
            for (parts = 1; parts <= 2; parts++) {
                const char *board = i < n ? boards[i].csv : lb_buf_str(&ranks);
                const char *cols = i < n ? boards[i].columns : "p,license";
                enum lb_missing m =
                    k < 2 ? LB_MISSING_EXCLUDE : LB_MISSING_PARTIAL;
                char *ranked, *scanned;

                export_ties = k % 2 ? LB_TIES_FRACTIONAL : LB_TIES_COMPETITION;
                lb_export_tuning.no_scan = true;
                ranked = export_csv(board, "text", m, cols, 0);
                lb_export_tuning = saved;
                if (parts == 2)
                    lb_export_tuning.parallel_rows = 1;
                scanned = export_csv(board, "text", m, cols, 0);
                lb_export_tuning = saved;
                assert_string_equal(ranked, scanned);
                free(ranked);
                free(scanned);
            }
    export_ties = LB_TIES_COMPETITION;
    export_benchmarks = NULL;
    lb_buf_release(&ranks);
}

/* Chunks of a few MiB, from 8,192 to 65,536 rows; rows formatted in the
 * order of their sources that would lie more than 48 apart take a 24th of
 * the rows instead. */
static void test_export_chunk_rows(void **state)
{
    (void)state;
    assert_int_equal(lb_chunk_rows(1000, 75, true), 48933);
    assert_int_equal(lb_chunk_rows(1000, 1, false), 65536);
    assert_int_equal(lb_chunk_rows(1000, 100000, false), 8192);
    /* a million rows of 75 bytes: 20 apart; of 120: 33 apart */
    assert_int_equal(lb_chunk_rows(1000000, 75, true), 48933);
    assert_int_equal(lb_chunk_rows(1000000, 120, true), 30583);
    /* ten million: 204 apart, so 416,666 rows (24 apart) */
    assert_int_equal(lb_chunk_rows(10000000, 75, true), 416666);
    assert_int_equal(lb_chunk_rows(10000000, 75, false), 48933);
    /* just past twice 24 apart */
    assert_int_equal(lb_chunk_rows(48 * 48933, 75, true), 48933);
    assert_int_equal(lb_chunk_rows(49 * 48933, 75, true), 49 * 48933 / 24);
}

static void test_export_format_names(void **state)
{
    struct lb_buf names = LB_BUF_INIT;

    (void)state;
    assert_ptr_equal(lb_format_find("md"), &lb_format_markdown);
    assert_ptr_equal(lb_format_find("tex"), &lb_format_latex);
    assert_null(lb_format_find("xml"));
    assert_null(lb_format_find(""));
    assert_ptr_equal(lb_format_for_path("out/top.json"), &lb_format_json);
    assert_ptr_equal(lb_format_for_path("x.txt"), &lb_format_text);
    assert_ptr_equal(lb_format_for_path("page.htm"), &lb_format_html);
    assert_null(lb_format_for_path("dir.v2/noext"));
    assert_null(lb_format_for_path("x.md.bak"));
    lb_format_list(&names, " or ");
    assert_string_equal(lb_buf_str(&names),
                        "text, markdown, csv, tsv, json, html or latex");
    lb_buf_release(&names);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_text),
        cmocka_unit_test(test_export_text_partial_marks),
        cmocka_unit_test(test_export_text_wide_and_hostile_names),
        cmocka_unit_test(test_export_markdown),
        cmocka_unit_test(test_export_csv_and_tsv),
        cmocka_unit_test(test_export_json),
        cmocka_unit_test(test_export_top_hides_unranked),
        cmocka_unit_test(test_export_parallel_rows_identical),
        cmocka_unit_test(test_export_text_widths_from_text),
        cmocka_unit_test(test_export_chunk_rows),
        cmocka_unit_test(test_export_text_widths_in_file_order),
        cmocka_unit_test(test_export_text_value_widths),
        cmocka_unit_test(test_export_format_names),
    };

    return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
