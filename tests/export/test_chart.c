/* The gnuplot charts: which charts a board supports, the exact script and
 * data of a small fixture, and structural safety on hostile names (the
 * quoting itself: test_gp_quote.c). */
#include "opts_util.h"

#include <errno.h>
#include <stdlib.h>

#include "base/buf.h"
#include "core/board.h"
#include "export/chart.h"

/* {======================================================================
 * Helpers
 * ======================================================================= */

/* A table and its board; the board is computed without a top, as plot
 * does. */
struct fixture {
    struct lb_table t;
    struct lb_board b;
};

static void board_of(struct fixture *f, const char *csv,
                     const char *benchmarks, enum lb_missing missing)
{
    struct lb_board_opts o;
    struct lb_error err;

    lb_board_opts_init(&o);
    SET_NAMES(o.select.benchmarks, o.select.nbenchmarks, benchmarks);
    o.missing = missing;
    load_ok(&f->t, csv);
    lb_error_init(&err);
    if (lb_board_compute(&f->b, &f->t, &o, &err) != 0) {
        print_error("board: %s\n", err.msg);
        fail();
    }
}

static void fixture_release(struct fixture *f)
{
    lb_board_release(&f->b);
    lb_table_release(&f->t);
}

/* Writes chart c of f into gp and dat (which the caller releases). */
static void chart_of(const struct fixture *f, enum lb_chart c, size_t top,
                     struct lb_buf *gp, struct lb_buf *dat)
{
    struct lb_chart_opts o = {top, LB_TERMINAL_PNG, false, {0}};
    struct lb_error err;

    lb_error_init(&err);
    lb_buf_init(gp);
    lb_buf_init(dat);
    if (lb_chart_write(&f->b, c, &o, gp, dat, &err) != 0) {
        print_error("chart %s: %s\n", lb_chart_name(c), err.msg);
        fail();
    }
}

static char *read_file(const char *path)
{
    struct lb_buf b = LB_BUF_INIT;
    char chunk[4096];
    size_t n;
    FILE *fp = fopen(path, "rb");

    if (fp == NULL) {
        print_error("cannot open %s: %s\n", path, strerror(errno));
        fail();
    }
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        lb_buf_add(&b, chunk, n);
    fclose(fp);
    if (b.data == NULL)
        lb_buf_adds(&b, "");
    return b.data;
}

/* Compares got with tests/export/gnuplot/NAME; LB_UPDATE=1 rewrites the
 * file instead (review the diff). */
static void same_as_file(const struct lb_buf *got, const char *name)
{
    char path[512];
    const char *update = getenv("LB_UPDATE");
    char *want;

    snprintf(path, sizeof path, "%s/tests/export/gnuplot/%s", LB_SOURCE_DIR,
             name);
    if (update != NULL && strcmp(update, "1") == 0) {
        FILE *fp = fopen(path, "wb");

        assert_non_null(fp);
        assert_int_equal(fwrite(got->data, 1, got->len, fp), got->len);
        assert_int_equal(fclose(fp), 0);
        return;
    }
    want = read_file(path);
    assert_string_equal(lb_buf_str(got), want);
    free(want);
}

/* }====================================================================== */

static void test_gnuplot_names(void **state)
{
    enum lb_chart c;
    enum lb_terminal t;

    (void)state;
    assert_true(lb_chart_parse("average", &c));
    assert_int_equal(c, LB_CHART_AVERAGE);
    assert_true(lb_chart_parse("size", &c));
    assert_int_equal(c, LB_CHART_SIZE);
    assert_false(lb_chart_parse("Average", &c));
    assert_false(lb_chart_parse("", &c));
    assert_string_equal(lb_chart_name(LB_CHART_PROFILE), "profile");
    assert_true(lb_terminal_parse("svg", &t));
    assert_int_equal(t, LB_TERMINAL_SVG);
    assert_string_equal(lb_terminal_ext(t), "svg");
    assert_false(lb_terminal_parse("pdf", &t));
}

static void test_gnuplot_params_column(void **state)
{
    struct lb_table t;

    (void)state;
    load_ok(&t, "model,x,params_b\na,1,7\n");
    assert_int_equal(lb_chart_params_column(&t), 2);
    lb_table_release(&t);
    /* the Open LLM Leaderboard's own spelling */
    load_ok(&t, "model,x,#Params (B)\na,1,7\n");
    assert_int_equal(lb_chart_params_column(&t), 2);
    lb_table_release(&t);
    /* params_b wins over params; a text column does not count */
    load_ok(&t, "model,params,params_b\na,1,7\n");
    assert_int_equal(lb_chart_params_column(&t), 2);
    lb_table_release(&t);
    load_ok(&t, "model,x,params_b\na,1,seven\n");
    assert_int_equal(lb_chart_params_column(&t), LB_NPOS);
    lb_table_release(&t);
}

static void test_gnuplot_check(void **state)
{
    struct fixture f;
    struct lb_error err;

    (void)state;
    board_of(&f, "model,x,y\na,1,2\nb,3,4\n", NULL, LB_MISSING_EXCLUDE);
    assert_int_equal(lb_chart_check(&f.b, LB_CHART_AVERAGE, &err), 0);
    /* a spider chart needs three axes */
    assert_int_equal(lb_chart_check(&f.b, LB_CHART_PROFILE, &err), -1);
    assert_string_equal(msg_of(&err),
                        "t.csv: chart 'profile' needs 3 benchmarks or more "
                        "(2 chosen); chart 'benchmarks' shows them");
    assert_int_equal(lb_chart_check(&f.b, LB_CHART_SIZE, &err), -1);
    assert_string_equal(msg_of(&err),
                        "t.csv: chart 'size' needs a column of parameter "
                        "counts (params_b, params, parameters or num_params, "
                        "or name one with --size-column)");
    fixture_release(&f);

    /* --size-column: named (any letter case), missing, not numeric */
    board_of(&f, "model,x,y,z,Size (B),lic\na,1,2,3,7,mit\n", NULL,
             LB_MISSING_EXCLUDE);
    {
        struct lb_chart_style st;

        memset(&st, 0, sizeof st);
        st.size_column = "size (b)";
        assert_int_equal(lb_chart_check_style(&f.b, LB_CHART_SIZE, &st, &err),
                         0);
        st.size_column = "nope";
        assert_int_equal(lb_chart_check_style(&f.b, LB_CHART_SIZE, &st, &err),
                         -1);
        assert_string_equal(msg_of(&err),
                            "t.csv: --size-column: no column 'nope'");
        st.size_column = "lic";
        assert_int_equal(lb_chart_check_style(&f.b, LB_CHART_SIZE, &st, &err),
                         -1);
        assert_string_equal(msg_of(&err), "t.csv: --size-column: column 'lic' "
                                          "does not hold numbers");
    }
    fixture_release(&f);

    /* no model ranked: no chart */
    board_of(&f, "model,x,y\na,,2\nb,3,\n", NULL, LB_MISSING_EXCLUDE);
    assert_int_equal(lb_chart_check(&f.b, LB_CHART_AVERAGE, &err), -1);
    assert_string_equal(msg_of(&err), "t.csv: no ranked model to plot");
    fixture_release(&f);

    /* --missing partial: ranked, but no model has every score */
    board_of(&f, "model,x,y,z\na,1,,3\nb,,2,3\n", NULL, LB_MISSING_PARTIAL);
    assert_int_equal(lb_chart_check(&f.b, LB_CHART_AVERAGE, &err), 0);
    assert_int_equal(lb_chart_check(&f.b, LB_CHART_PROFILE, &err), -1);
    assert_string_equal(msg_of(&err), "t.csv: chart 'profile': no ranked model "
                                 "has a score for every benchmark");
    fixture_release(&f);

    /* a params column, but no ranked model with a positive value */
    board_of(&f, "model,x,y,params_b\na,1,2,0\nb,3,4,\n", "x,y",
             LB_MISSING_EXCLUDE);
    assert_int_equal(lb_chart_check(&f.b, LB_CHART_SIZE, &err), -1);
    assert_string_equal(msg_of(&err), "t.csv: chart 'size': no ranked model has "
                                 "a positive params_b value");
    fixture_release(&f);
}

/* The golden fixture: three benchmarks, a tie, an unranked model, a quote
 * in a name. */
static const char *const golden_csv =
    "model,alpha,beta,gamma,params_b\n"
    "org/small-1b,40.5,50,61.25,1.1\n"
    "org/big-70b,80,85.5,70.25,70\n"
    "org/unranked,,50,50,7\n"
    "O'Brien/mid-7b,60,62.5,65,7\n"
    "org/tied-13b,62.5,60,65,13\n";

static void test_gnuplot_golden(void **state)
{
    static const char *const names[LB_CHART_RANKS] = {
        "average", "benchmarks", "profile", "size"};
    struct fixture f;
    size_t i;

    (void)state;
    board_of(&f, golden_csv, NULL, LB_MISSING_EXCLUDE);
    for (i = 0; i < LB_CHART_RANKS; i++) { /* ranks: see intervals */
        struct lb_buf gp, dat;
        char name[64];

        chart_of(&f, (enum lb_chart)i, 0, &gp, &dat);
        snprintf(name, sizeof name, "%s.gp", names[i]);
        same_as_file(&gp, name);
        snprintf(name, sizeof name, "%s.dat", names[i]);
        same_as_file(&dat, name);
        lb_buf_release(&gp);
        lb_buf_release(&dat);
    }
    fixture_release(&f);
}

/* Under 3 benchmarks there is no profile (a spider chart needs three
 * axes): the chart is refused, not drawn as the bar chart again. */
static void test_gnuplot_profile_needs_three(void **state)
{
    struct fixture f;
    struct lb_buf gp = LB_BUF_INIT, dat = LB_BUF_INIT;
    struct lb_chart_opts o;
    struct lb_error err;

    (void)state;
    memset(&o, 0, sizeof o);
    board_of(&f, golden_csv, "alpha,beta", LB_MISSING_EXCLUDE);
    assert_int_equal(lb_chart_write(&f.b, LB_CHART_PROFILE, &o, &gp, &dat,
                                    &err),
                     -1);
    assert_string_equal(msg_of(&err),
                        "t.csv: chart 'profile' needs 3 benchmarks or more "
                        "(2 chosen); chart 'benchmarks' shows them");
    lb_buf_release(&gp);
    lb_buf_release(&dat);
    fixture_release(&f);
}

/* The number of data lines (not comments, not blank). */
static size_t data_lines(const struct lb_buf *dat)
{
    const char *s = lb_buf_str(dat);
    size_t n = 0;

    while (*s != '\0') {
        const char *nl = strchr(s, '\n');

        if (*s != '#' && *s != '\n')
            n++;
        s = nl ? nl + 1 : s + strlen(s);
    }
    return n;
}

/* --top keeps the models tied with the last one (average, benchmarks);
 * the profile stops at 8 polygons whatever --top says. */
static void test_gnuplot_top(void **state)
{
    struct fixture f;
    struct lb_buf gp, dat;
    struct lb_buf csv = LB_BUF_INIT;
    size_t i;

    (void)state;
    board_of(&f, "model,x,y,z\na,90,90,90\nb,80,80,80\nc,80,80,80\nd,1,1,1\n",
             NULL, LB_MISSING_EXCLUDE);
    chart_of(&f, LB_CHART_AVERAGE, 2, &gp, &dat);
    assert_int_equal(data_lines(&dat), 3);
    lb_buf_release(&gp);
    lb_buf_release(&dat);
    chart_of(&f, LB_CHART_BENCHMARKS, 1, &gp, &dat);
    assert_int_equal(data_lines(&dat), 1);
    lb_buf_release(&gp);
    lb_buf_release(&dat);
    fixture_release(&f);

    lb_buf_adds(&csv, "model,x,y,z\n");
    for (i = 0; i < 12; i++)
        lb_buf_addf(&csv, "m%zu,%zu,%zu,%zu\n", i, i, i, i);
    board_of(&f, lb_buf_str(&csv), NULL, LB_MISSING_EXCLUDE);
    chart_of(&f, LB_CHART_PROFILE, 20, &gp, &dat);
    assert_int_equal(data_lines(&dat), 8);
    assert_non_null(strstr(lb_buf_str(&gp), "keyentry with spiderplot lt 8 "));
    assert_null(strstr(lb_buf_str(&gp), "keyentry with spiderplot lt 9 "));
    lb_buf_release(&gp);
    lb_buf_release(&dat);
    chart_of(&f, LB_CHART_AVERAGE, 0, &gp, &dat);
    assert_int_equal(data_lines(&dat), 12);
    lb_buf_release(&gp);
    lb_buf_release(&dat);
    fixture_release(&f);
    lb_buf_release(&csv);
}

/* --missing partial: a missing score is NaN in the data, the mean is
 * marked on the tic, and the profile leaves out the incomplete model. */
static void test_gnuplot_missing_partial(void **state)
{
    struct fixture f;
    struct lb_buf gp, dat;

    (void)state;
    board_of(&f, "model,x,y,z\na,90,,90\nb,80,80,80\nc,70,70,70\n", NULL,
             LB_MISSING_PARTIAL);
    chart_of(&f, LB_CHART_AVERAGE, 0, &gp, &dat);
    assert_non_null(strstr(lb_buf_str(&gp), "set ytics ('1. a *' 0)"));
    assert_non_null(strstr(lb_buf_str(&gp), "* mean of the scores present"));
    assert_non_null(strstr(lb_buf_str(&dat), "\n0\t1\t90\t90.00\n"));
    lb_buf_release(&gp);
    lb_buf_release(&dat);
    chart_of(&f, LB_CHART_PROFILE, 0, &gp, &dat);
    assert_int_equal(data_lines(&dat), 2);
    assert_non_null(strstr(lb_buf_str(&gp), "with every score"));
    lb_buf_release(&gp);
    lb_buf_release(&dat);
    fixture_release(&f);
}

/* Every data line is TAB-separated numbers (or NaN), the first a row index
 * counting from 0; every other line is a comment or blank. */
static void assert_numbers_only(const struct lb_buf *dat)
{
    const char *s = lb_buf_str(dat);
    size_t row = 0;

    while (*s != '\0') {
        const char *nl = strchr(s, '\n');
        const char *end = nl ? nl : s + strlen(s);
        bool first = true;

        assert_non_null(nl); /* every line ends with '\n' */
        if (*s != '#' && s != end) {
            while (s < end) {
                const char *tab = memchr(s, '\t', (size_t)(end - s));
                const char *stop = tab ? tab : end;
                char field[64], *p;

                assert_true((size_t)(stop - s) < sizeof field);
                memcpy(field, s, (size_t)(stop - s));
                field[stop - s] = '\0';
                if (first) {
                    assert_int_equal(strtoul(field, &p, 10), row);
                    assert_true(*p == '\0');
                    row++;
                } else if (strcmp(field, "NaN") != 0) {
                    (void)strtod(field, &p);
                    assert_true(p != field && *p == '\0');
                }
                first = false;
                s = tab ? tab + 1 : end;
            }
        }
        s = end + 1;
    }
}

/* Scans a script as gnuplot would for quoting: outside single-quoted
 * literals there must be no backquote, no '@' (macro), no "system" and no
 * "eval"; inside double quotes only "\n"; and a literal never spans a line
 * (which would end it silently and run the next line). */
static void assert_script_safe(const struct lb_buf *gp)
{
    const char *s = lb_buf_str(gp);
    bool in_single = false, comment = false;

    for (; *s != '\0'; s++) {
        if (*s == '\n') {
            assert_false(in_single);
            comment = false;
            continue;
        }
        if (comment)
            continue;
        if (in_single) {
            if (*s == '\'' && s[1] == '\'')
                s++;
            else if (*s == '\'')
                in_single = false;
            continue;
        }
        if (*s == '#') {
            comment = true;
        } else if (*s == '\'') {
            in_single = true;
        } else if (*s == '"') {
            assert_int_equal(strncmp(s, "\"\\n\"", 4), 0);
            s += 3;
        } else {
            assert_false(*s == '`' || *s == '@');
            assert_false(strncmp(s, "system", 6) == 0);
            assert_false(strncmp(s, "eval", 4) == 0);
        }
    }
    assert_false(in_single);
}

static void test_gnuplot_hostile_names(void **state)
{
    struct fixture f;
    size_t i;
    struct lb_buf csv = LB_BUF_INIT;

    (void)state;
    lb_buf_adds(&csv,
                "model,\"A'); system('touch p1'); #\",\"B `touch p2`\","
                "\"C\nsystem('touch p3')\",@D,params_b\n"
                "\"x'; system('touch p4'); '\",90,40,70,55,0.5\n"
                "\"evil `touch p5` m\",85,43,68,61,1.1\n"
                "\"line1\nsystem('touch p6')\",80,46,66,67,3\n"
                "\"EOD\nsystem('touch p7')\nEOD\",75,49,64,73,7\n"
                "@p8,70,52,62,55,7\n"
                "\"back\\slash\\\",60,58,58,67,34\n"
                "\"x\"\"; system(\"\"touch p9\"\"); \"\"\",55,61,56,73,70\n"
                "\"cr\rsystem('p10')\ttab\",40,70,50,67,9\n"
                "bad\xFF,30,76,46,55,405\n");
    board_of(&f, lb_buf_str(&csv), NULL, LB_MISSING_EXCLUDE);
    for (i = 0; i < LB_CHART_RANKS; i++) {
        struct lb_buf gp, dat;

        chart_of(&f, (enum lb_chart)i, 20, &gp, &dat);
        assert_script_safe(&gp);
        assert_numbers_only(&dat);
        /* the names are there, as literals */
        assert_non_null(strstr(lb_buf_str(&gp), "x''; system(''touch p4''); '''"));
        lb_buf_release(&gp);
        lb_buf_release(&dat);
    }
    fixture_release(&f);
    lb_buf_release(&csv);
}

/* The same board gives byte-identical output. */
static void test_gnuplot_deterministic(void **state)
{
    struct fixture f;
    size_t i;

    (void)state;
    board_of(&f, golden_csv, NULL, LB_MISSING_EXCLUDE);
    for (i = 0; i < LB_CHART_RANKS; i++) {
        struct lb_buf gp1, dat1, gp2, dat2;

        chart_of(&f, (enum lb_chart)i, 0, &gp1, &dat1);
        chart_of(&f, (enum lb_chart)i, 0, &gp2, &dat2);
        assert_string_equal(lb_buf_str(&gp1), lb_buf_str(&gp2));
        assert_string_equal(lb_buf_str(&dat1), lb_buf_str(&dat2));
        assert_numbers_only(&dat1);
        assert_script_safe(&gp1);
        lb_buf_release(&gp1);
        lb_buf_release(&dat1);
        lb_buf_release(&gp2);
        lb_buf_release(&dat2);
    }
    fixture_release(&f);
}

/* A board with intervals: standard errors for every score, hostile model
 * names. */
static const char *const ci_csv =
    "model,alpha,alpha_stderr,beta,beta_stderr\n"
    "org/steady,71.5,1.1,64,1.5\n"
    "\"x'; system('touch p4'); '\",70.8,1,63.1,1.4\n"
    "\"line1\nsystem('touch p6')\",69.9,0.9,66.2,1.6\n"
    "\"evil `touch p5` m\",65,1.2,60.5,1.3\n"
    "org/no-error,57.9,1.2,54.2,\n";

static void board_ci(struct fixture *f, const char *csv)
{
    struct lb_board_opts o;
    struct lb_error err;

    lb_board_opts_init(&o);
    o.ci.enabled = true;
    o.ci.draws = 200;
    o.ci.seed = 3;
    load_ok(&f->t, csv);
    lb_error_init(&err);
    if (lb_board_compute(&f->b, &f->t, &o, &err) != 0) {
        print_error("board: %s\n", err.msg);
        fail();
    }
}

/* Error bars on 'average' and the 'ranks' chart: golden files (the draws
 * are the same on every machine), numbers-only data, safe scripts. */
static void test_gnuplot_intervals(void **state)
{
    struct fixture f;
    struct lb_buf gp, dat;
    struct lb_error err;

    (void)state;
    board_ci(&f, ci_csv);
    assert_true(f.b.ci.available);
    assert_int_equal(lb_chart_check(&f.b, LB_CHART_RANKS, &err), 0);
    chart_of(&f, LB_CHART_RANKS, 0, &gp, &dat);
    same_as_file(&gp, "ranks.gp");
    same_as_file(&dat, "ranks.dat");
    assert_script_safe(&gp);
    assert_numbers_only(&dat);
    assert_int_equal(data_lines(&dat), 4); /* org/no-error has none */
    lb_buf_release(&gp);
    lb_buf_release(&dat);
    chart_of(&f, LB_CHART_AVERAGE, 0, &gp, &dat);
    same_as_file(&gp, "average_ci.gp");
    same_as_file(&dat, "average_ci.dat");
    assert_script_safe(&gp);
    assert_numbers_only(&dat);
    assert_non_null(strstr(lb_buf_str(&gp), "with xerrorbars"));
    lb_buf_release(&gp);
    lb_buf_release(&dat);
    chart_of(&f, LB_CHART_RANKS, 2, &gp, &dat);
    assert_int_equal(data_lines(&dat), 2);
    lb_buf_release(&gp);
    lb_buf_release(&dat);
    fixture_release(&f);

    /* without standard errors: no 'ranks', no error bars */
    board_of(&f, golden_csv, NULL, LB_MISSING_EXCLUDE);
    assert_int_equal(lb_chart_check(&f.b, LB_CHART_RANKS, &err), -1);
    assert_string_equal(msg_of(&err),
                        "t.csv: chart 'ranks' needs a standard error for "
                        "every score (NAME_stderr columns or --stderr "
                        "NAME=VALUE)");
    chart_of(&f, LB_CHART_AVERAGE, 0, &gp, &dat);
    assert_null(strstr(lb_buf_str(&gp), "xerrorbars"));
    lb_buf_release(&gp);
    lb_buf_release(&dat);
    fixture_release(&f);
}

/* Titles count rows as models only when each row is a model of its own;
 * a model evaluated twice makes them count rows. */
static void test_gnuplot_counts_rows(void **state)
{
    static const char *const one_each =
        "model,A,A_stderr,B,B_stderr,params_b\n"
        "x,70,1,60,1,7\ny,60,1,50,1,13\nz,50,1,40,1,70\n";
    static const char *const twice =
        "model,A,A_stderr,B,B_stderr,params_b\n"
        "x,70,1,60,1,7\nx,60,1,50,1,7\nz,50,1,40,1,70\n";
    static const struct {
        enum lb_chart chart;
        size_t top;
        const char *models, *rows;
    } want[] = {
        {LB_CHART_AVERAGE, 0, "all 3 ranked models", "all 3 ranked rows"},
        {LB_CHART_BENCHMARKS, 2, "top 2 of 3 ranked models",
         "top 2 of 3 ranked rows"},
        {LB_CHART_SIZE, 0, "3 ranked models with a", "3 ranked rows with a"},
        {LB_CHART_RANKS, 0, "all 3 ranked models with intervals",
         "all 3 ranked rows with intervals"},
    };
    struct fixture f;
    struct lb_buf gp, dat;
    size_t i, k;

    (void)state;
    for (k = 0; k < 2; k++) {
        board_ci(&f, k == 0 ? one_each : twice);
        for (i = 0; i < sizeof want / sizeof want[0]; i++) {
            chart_of(&f, want[i].chart, want[i].top, &gp, &dat);
            if (strstr(lb_buf_str(&gp), k == 0 ? want[i].models
                                               : want[i].rows) == NULL) {
                print_error("chart %s: no '%s' in:\n%s\n",
                            lb_chart_name(want[i].chart),
                            k == 0 ? want[i].models : want[i].rows,
                            lb_buf_str(&gp));
                fail();
            }
            lb_buf_release(&gp);
            lb_buf_release(&dat);
        }
        fixture_release(&f);
    }
}

/* With --terminal svg the script writes NAME.svg with the svg terminal. */
static void test_gnuplot_svg(void **state)
{
    struct fixture f;
    struct lb_buf gp = LB_BUF_INIT, dat = LB_BUF_INIT;
    struct lb_chart_opts o = {0, LB_TERMINAL_SVG, false, {0}};
    struct lb_error err;

    (void)state;
    board_of(&f, golden_csv, NULL, LB_MISSING_EXCLUDE);
    assert_int_equal(
        lb_chart_write(&f.b, LB_CHART_AVERAGE, &o, &gp, &dat, &err), 0);
    assert_non_null(strstr(lb_buf_str(&gp), "set terminal svg noenhanced "));
    assert_non_null(strstr(lb_buf_str(&gp), "set output dir.'average.svg'\n"));
    lb_buf_release(&gp);
    lb_buf_release(&dat);
    fixture_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gnuplot_names),
        cmocka_unit_test(test_gnuplot_params_column),
        cmocka_unit_test(test_gnuplot_check),
        cmocka_unit_test(test_gnuplot_golden),
        cmocka_unit_test(test_gnuplot_profile_needs_three),
        cmocka_unit_test(test_gnuplot_top),
        cmocka_unit_test(test_gnuplot_missing_partial),
        cmocka_unit_test(test_gnuplot_hostile_names),
        cmocka_unit_test(test_gnuplot_deterministic),
        cmocka_unit_test(test_gnuplot_svg),
        cmocka_unit_test(test_gnuplot_counts_rows),
        cmocka_unit_test(test_gnuplot_intervals),
    };

    return cmocka_run_group_tests_name("chart", tests, NULL, NULL);
}
