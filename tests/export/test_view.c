/* The table engine: one hand-made view (text and numbers, a missing and an
 * absent cell, a mark, JSON groups and sub-groups, a summary row, title,
 * footer and metadata) written in every format of the registry, and the
 * registry's own promises. */
#include "test_util.h"

#include <stdlib.h>

#include "base/buf.h"
#include "export/format.h"
#include "export/meta.h"
#include "export/view.h"
#include "export/writer.h"

#define LB_NPOS_VIEW_TEST ((size_t)-1)

/* Two body rows and a summary row:
 *   Model      Score  old  new   Note
 *   a|b        1.50*  1    2
 *   <c>        -                 'why'
 *   Total      3.00                      (summary, people only) */
static int cells(const struct lb_view *v, size_t i, struct lb_cell *c,
                 struct lb_error *err)
{
    (void)err;
    if (i == 0) {
        lb_cell_word(&c[0], "a|b");
        lb_cell_dec(&c[1], 150, 2);
        c[1].marked = true;
        lb_cell_uint(&c[2], 1);
        lb_cell_delta(&c[3], 2, 0);
        lb_cell_absent(&c[4]);
    } else if (i == 1) {
        lb_cell_word(&c[0], "<c>");
        lb_cell_missing(&c[1]);
        lb_cell_absent(&c[2]);
        lb_cell_absent(&c[3]);
        lb_cell_word(&c[4], "'why'");
    } else {
        lb_cell_word(&c[0], "Total");
        lb_cell_dec(&c[1], 300, 2);
        lb_cell_absent(&c[2]);
        lb_cell_absent(&c[3]);
        lb_cell_absent(&c[4]);
    }
    (void)v;
    return 0;
}

static void make_view(struct lb_view *v, enum lb_audience a)
{
    struct lb_view_col *c;
    struct lb_meta *list;

    lb_view_init(v, a);
    v->heading = "Test";
    lb_buf_adds(&v->title, "Title line\nSecond_line\n");
    lb_buf_adds(&v->footer, "Footer *1*\n");
    c = lb_view_add_col(v, "Model", "model");
    c->names = true;
    c = lb_view_add_num(v, "Score", "score", 1);
    c->group = "scores";
    c = lb_view_add_num(v, "old", "old", 1);
    c->group = "changes";
    c->sub = "X";
    c = lb_view_add_num(v, "new", "new", 1);
    c->group = "changes";
    c->sub = "X";
    lb_view_add_col(v, "Note", "note");
    v->nrows = 2;
    v->nsummary = a == LB_FOR_PEOPLE ? 1 : 0;
    v->cells = cells;
    v->meta = lb_meta_new();
    lb_meta_str(v->meta, "what", "t\"est");
    list = lb_meta_list(v->meta, "list");
    lb_meta_uint(list, NULL, 1);
    lb_meta_null(list, NULL);
    lb_meta_bool(v->meta, "yes", true);
}

static char *written(const struct lb_format *f)
{
    struct lb_view v;
    struct lb_error err;
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);

    assert_non_null(fp);
    make_view(&v, f->audience);
    lb_error_init(&err);
    assert_int_equal(lb_format_write(f, fp, &v, &err), 0);
    fclose(fp);
    lb_view_release(&v);
    return out;
}

static void written_is(const struct lb_format *f, const char *want)
{
    char *got = written(f);

    assert_string_equal(got, want);
    free(got);
}

/* A view of 100 rows whose rows lie in reverse order in memory (source),
 * and where rows 'bad_a' and 'bad_b' fail (when not LB_NPOS). */
static size_t bad_a = LB_NPOS_VIEW_TEST, bad_b = LB_NPOS_VIEW_TEST;

#define MANY_ROWS 150
static bool touching; /* the view has a touch function */
static unsigned touched_far[MANY_ROWS], touched_near[MANY_ROWS];

static int many_cells(const struct lb_view *v, size_t i, struct lb_cell *c,
                      struct lb_error *err)
{
    (void)v;
    if (i == bad_a || i == bad_b)
        return lb_error_set(err, "row %zu failed", i);
    if (touching && (touched_far[i] != 1 || touched_near[i] != 1))
        return lb_error_set(err, "row %zu formatted, touched %u and %u times",
                            i, touched_far[i], touched_near[i]);
    lb_cell_uint(&c[0], i);
    return 0;
}

static uint32_t reverse_source(const struct lb_view *v, size_t i)
{
    return (uint32_t)(v->nrows - 1 - i);
}

static unsigned record_touch(const struct lb_view *v, size_t i, bool far)
{
    assert_true(i < v->nrows);
    if (far)
        touched_far[i]++;
    else
        touched_near[i]++;
    return (unsigned)i;
}

static char *many_written(int *rc, struct lb_error *err)
{
    struct lb_export_tuning saved = lb_export_tuning;
    struct lb_view v;
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);

    assert_non_null(fp);
    lb_view_init(&v, LB_FOR_TABLES);
    lb_view_add_num(&v, "n", "n", 1);
    v.nrows = touching ? MANY_ROWS : 100;
    v.cells = many_cells;
    v.source = reverse_source;
    v.touch = touching ? record_touch : NULL;
    memset(touched_far, 0, sizeof touched_far);
    memset(touched_near, 0, sizeof touched_near);
    lb_export_tuning.parallel_rows = 1;
    lb_export_tuning.chunk_rows = touching ? 100 : 50;
    lb_error_init(err);
    *rc = lb_format_write(&lb_format_csv, fp, &v, err);
    lb_export_tuning = saved;
    fclose(fp);
    lb_view_release(&v);
    return out;
}

/* What many_written writes when every row of n succeeds: "n", then 0 to
 * n - 1, a line each. */
static void many_expected(struct lb_buf *want, size_t n)
{
    size_t i;

    lb_buf_adds(want, "n\n");
    for (i = 0; i < n; i++)
        lb_buf_addf(want, "%zu\n", i);
}

/* Rows formatted in the order of their sources are written in order; when
 * two rows of a chunk fail, the message is the first's in order (row 12),
 * though its source comes after the other's (row 37). */
static void test_view_rows_by_source(void **state)
{
    struct lb_buf want = LB_BUF_INIT;
    struct lb_error err;
    char *got;
    int rc;

    (void)state;
    many_expected(&want, 100);
    got = many_written(&rc, &err);
    assert_int_equal(rc, 0);
    assert_string_equal(got, lb_buf_str(&want));
    free(got);
    lb_buf_release(&want);

    bad_a = 37;
    bad_b = 12;
    got = many_written(&rc, &err);
    bad_a = bad_b = LB_NPOS_VIEW_TEST;
    assert_int_equal(rc, -1);
    assert_string_equal(err.msg, "row 12 failed");
    free(got);
}

/* With a touch function, every row of a chunk formatted in the order of
 * its sources is touched once far and once near before it is formatted
 * (chunks of 100 rows: batches of 64 and 36, then 50), and nothing else
 * changes. */
static void test_view_rows_touched(void **state)
{
    struct lb_buf want = LB_BUF_INIT;
    struct lb_error err;
    char *got;
    size_t i;
    int rc;

    (void)state;
    many_expected(&want, MANY_ROWS);
    touching = true;
    got = many_written(&rc, &err);
    touching = false;
    assert_int_equal(rc, 0);
    assert_string_equal(got, lb_buf_str(&want));
    for (i = 0; i < MANY_ROWS; i++) {
        assert_int_equal(touched_far[i], 1);
        assert_int_equal(touched_near[i], 1);
    }
    free(got);
    lb_buf_release(&want);
}

static void test_view_text(void **state)
{
    (void)state;
    written_is(&lb_format_text,
               "Title line\n"
               "Second_line\n"
               "\n"
               "Model  Score  old  new  Note\n"
               "a|b    1.50*    1   +2\n"
               "<c>       -             'why'\n"
               "\n"
               "Total  3.00\n"
               "\n"
               "Footer *1*\n");
}

static void test_view_markdown(void **state)
{
    (void)state;
    written_is(&lb_format_markdown,
               "Title line\n"
               "\n"
               "Second\\_line\n"
               "\n"
               "| Model | Score | old | new | Note |\n"
               "|:---|---:|---:|---:|:---|\n"
               "| a\\|b | 1.50\\* | 1 | +2 |  |\n"
               "| &lt;c&gt; | - |  |  | 'why' |\n"
               "| Total | 3.00 |  |  |  |\n"
               "\n"
               "Footer \\*1\\*\n");
}

static void test_view_csv_tsv(void **state)
{
    (void)state;
    /* a missing or absent cell is an empty field; numbers as written */
    written_is(&lb_format_csv, "model,score,old,new,note\n"
                               "a|b,1.50,1,+2,\n"
                               "<c>,,,,'why'\n");
    written_is(&lb_format_tsv, "model\tscore\told\tnew\tnote\n"
                               "a|b\t1.50\t1\t+2\t\n"
                               "<c>\t\t\t\t'why'\n");
}

static void test_view_json(void **state)
{
    (void)state;
    /* groups nest; an absent cell leaves its key out, and a sub-group
     * whose cells are all absent is left out; '+' is not JSON */
    written_is(&lb_format_json,
               "{\n"
               "  \"what\": \"t\\\"est\",\n"
               "  \"list\": [1, null],\n"
               "  \"yes\": true,\n"
               "  \"rows\": [\n"
               "    {\"model\": \"a|b\", \"scores\": {\"score\": 1.50}, "
               "\"changes\": {\"X\": {\"old\": 1, \"new\": 2}}},\n"
               "    {\"model\": \"<c>\", \"scores\": {\"score\": null}, "
               "\"changes\": {}, \"note\": \"'why'\"}\n"
               "  ]\n"
               "}\n");
}

static void test_view_latex(void **state)
{
    (void)state;
    written_is(&lb_format_latex,
               "% Title line\n"
               "% Second_line\n"
               "% needs \\usepackage{booktabs}\n"
               "\\begin{tabular}{lrrrl}\n"
               "\\toprule\n"
               "Model & Score & old & new & Note \\\\\n"
               "\\midrule\n"
               "a\\textbar{}b & 1.50$^{*}$ & 1 & +2 &  \\\\\n"
               "\\textless{}c\\textgreater{} & -- &  &  & 'why' \\\\\n"
               "\\midrule\n"
               "Total & 3.00 &  &  &  \\\\\n"
               "\\bottomrule\n"
               "\\end{tabular}\n"
               "% Footer *1*\n");
}

static void test_view_html(void **state)
{
    char *got;

    (void)state;
    got = written(&lb_format_html);
    assert_non_null(strstr(got, "<title>Test: Title line</title>"));
    assert_non_null(strstr(got, "<h1>Test</h1>\n<p class=\"title\">Title "
                                "line</p>\n<p class=\"title\">Second_line</p>"));
    assert_non_null(strstr(got, "<th scope=\"col\" aria-sort=\"none\" "
                                "data-kind=\"model\"><button"));
    assert_non_null(strstr(got,
                           "<tr data-i=\"0\"><td class=\"model\">a|b</td>"
                           "<td class=\"num\" data-v=\"1.50\">1.50*</td>"));
    assert_non_null(strstr(got, "<td class=\"model\">&lt;c&gt;</td><td "
                                "class=\"num\">-</td>"));
    assert_non_null(strstr(got, "<tfoot>\n<tr><td class=\"model\">Total</td>"));
    assert_non_null(strstr(got, "<footer>\n<p>Footer *1*</p>\n</footer>"));
    assert_null(strstr(got, "id=\"charts\""));
    free(got);
}

/* A view without rows and with a note: people read the note, not an
 * empty table. */
static void test_view_empty_note(void **state)
{
    struct lb_view v;
    struct lb_error err;
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);

    (void)state;
    make_view(&v, LB_FOR_PEOPLE);
    v.nrows = 0;
    v.nsummary = 0;
    v.empty_note = "No changes.";
    assert_int_equal(lb_format_write(&lb_format_text, fp, &v, &err), 0);
    fclose(fp);
    assert_string_equal(out, "Title line\nSecond_line\n\nNo changes.\n\n"
                             "Footer *1*\n");
    free(out);
    lb_view_release(&v);
}

/* Every format of the registry has a name, a help text, an extension that
 * leads back to it, and writes the view. */
static void test_view_registry(void **state)
{
    size_t i;

    (void)state;
    assert_ptr_equal(lb_formats[0], &lb_format_text);
    for (i = 0; i < lb_nformats; i++) {
        const struct lb_format *f = lb_formats[i];
        char path[64];
        char *out;

        assert_ptr_equal(lb_format_find(f->name), f);
        assert_true(strlen(f->help) > 0);
        snprintf(path, sizeof path, "dir/out.%.*s",
                 (int)strcspn(f->exts, " "), f->exts);
        assert_ptr_equal(lb_format_for_path(path), f);
        out = written(f);
        assert_non_null(strstr(out, "1.50"));
        free(out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_view_text),
        cmocka_unit_test(test_view_markdown),
        cmocka_unit_test(test_view_csv_tsv),
        cmocka_unit_test(test_view_json),
        cmocka_unit_test(test_view_latex),
        cmocka_unit_test(test_view_html),
        cmocka_unit_test(test_view_empty_note),
        cmocka_unit_test(test_view_registry),
        cmocka_unit_test(test_view_rows_by_source),
        cmocka_unit_test(test_view_rows_touched),
    };

    return cmocka_run_group_tests_name("view", tests, NULL, NULL);
}
