/* How a table is published (struct lb_publish): the checks of --link,
 * --width and --label, the model links, the LaTeX marks of the best values
 * (ties, lower is better, missing values, summary rows), the float and the
 * box, and the HTML page's heading, source line and links. */
#include "test_util.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "core/schema.h"
#include "export/format.h"
#include "export/view.h"
#include "export/writer.h"

static void test_link_check(void **state)
{
    struct lb_error err;

    (void)state;
    lb_error_init(&err);
    assert_int_equal(lb_publish_link_check("https://huggingface.co/{model}",
                                           &err), 0);
    assert_int_equal(lb_publish_link_check("http://x.org/m?name={model}&a=1",
                                           &err), 0);
    assert_int_equal(lb_publish_link_check("https://x.org/#{model}", &err), 0);
    /* not http(s) */
    assert_int_equal(lb_publish_link_check("javascript:alert('{model}')",
                                           &err), -1);
    assert_non_null(strstr(err.msg, "http"));
    assert_int_equal(lb_publish_link_check("HTTPS://x.org/{model}", &err), -1);
    assert_int_equal(lb_publish_link_check("file:///etc/{model}", &err), -1);
    assert_int_equal(lb_publish_link_check("//x.org/{model}", &err), -1);
    /* the host must be fixed */
    assert_int_equal(lb_publish_link_check("https://{model}.x.org/", &err), -1);
    assert_non_null(strstr(err.msg, "host"));
    assert_int_equal(lb_publish_link_check("https://x{model}/", &err), -1);
    assert_int_equal(lb_publish_link_check("https:///{model}", &err), -1);
    /* a name must go somewhere; no blanks or controls */
    assert_int_equal(lb_publish_link_check("https://x.org/", &err), -1);
    assert_int_equal(lb_publish_link_check("https://x.org/{Model}", &err), -1);
    assert_int_equal(lb_publish_link_check("https://x.org/ {model}", &err), -1);
    assert_int_equal(lb_publish_link_check("https://x.org/\n{model}", &err),
                     -1);
}

static void link_is(const char *t, const char *model, const char *want)
{
    struct lb_buf b = LB_BUF_INIT;

    lb_publish_link(&b, t, model, strlen(model));
    assert_string_equal(lb_buf_str(&b), want);
    lb_buf_release(&b);
}

static void test_link(void **state)
{
    (void)state;
    link_is("https://huggingface.co/{model}", "meta-llama/Llama-2-7b_hf.v1~x",
            "https://huggingface.co/meta-llama/Llama-2-7b_hf.v1~x");
    link_is("https://h.co/{model}", "a b?c=d#e&f\"g'<h>%",
            "https://h.co/a%20b%3Fc%3Dd%23e%26f%22g%27%3Ch%3E%25");
    link_is("https://h.co/{model}", "javascript:x()",
            "https://h.co/javascript%3Ax%28%29");
    /* UTF-8 byte by byte; every {model} replaced */
    link_is("https://h.co/{model}/tree/{model}", "\xE5\xA4\xA7",
            "https://h.co/%E5%A4%A7/tree/%E5%A4%A7");
    link_is("https://h.co/?q={model}", "", "https://h.co/?q=");
}

static void test_width_label(void **state)
{
    static const char *const good[] = {
        "\\linewidth", "\\textwidth", "\\columnwidth", "\\hsize",
        "0.9\\linewidth", ".5\\textwidth", "12cm", "3.5in", "100pt", "2em",
        NULL};
    static const char *const bad[] = {
        "", "linewidth", "\\linewidth}", "\\input{x}", "12", "cm", "12 cm",
        "-1cm", "1e3pt", "0.9\\linewidth\\relax", "\\textwidth,", ".",
        "1.2.3cm", NULL};
    struct lb_error err;
    size_t i;

    (void)state;
    lb_error_init(&err);
    for (i = 0; good[i] != NULL; i++)
        assert_int_equal(lb_publish_width_check(good[i], &err), 0);
    for (i = 0; bad[i] != NULL; i++) {
        assert_int_equal(lb_publish_width_check(bad[i], &err), -1);
        assert_non_null(strstr(err.msg, "not a width"));
    }
    assert_int_equal(lb_publish_label_check("tab:board-v2_final.1", &err), 0);
    assert_int_equal(lb_publish_label_check("a/b+c", &err), 0);
    assert_int_equal(lb_publish_label_check("", &err), -1);
    assert_int_equal(lb_publish_label_check("a}b", &err), -1);
    assert_int_equal(lb_publish_label_check("a b", &err), -1);
    assert_int_equal(lb_publish_label_check("a\\b", &err), -1);
    assert_int_equal(lb_publish_label_check("a%b", &err), -1);
}

/* {======================================================================
 * A view: Model, Score (higher better), Error (lower better), Size (no
 * direction), Rank (lower better, not a score); five rows and a summary
 *   m1   80.0   5.0   7    1
 *   m2   90.0   5.0   -    2
 *   m3   90.0   3.0   70   3
 *   m4   -      9.0   1    4
 *   m5   70.0   -     13   5
 *   Sum  99.0   0.5
 * ======================================================================= */

static const char *const score[] = {"80.0", "90.0", "90.0", NULL, "70.0",
                                    "99.0"};
static const char *const error[] = {"5.0", "5.0", "3.0", "9.0", NULL, "0.5"};
static const char *const size[] = {"7", NULL, "70", "1", "13", NULL};
static const char *const model[] = {"m1", "m2", "m3", "m4", "m_5 & <x>",
                                    "Sum"};

static void put(struct lb_cell *c, const char *s)
{
    if (s == NULL)
        lb_cell_missing(c);
    else
        lb_cell_digits(c, (size_t)snprintf(c->num, sizeof c->num, "%s", s));
}

static int cells(const struct lb_view *v, size_t i, struct lb_cell *c,
                 struct lb_error *err)
{
    (void)v;
    (void)err;
    lb_cell_word(&c[0], model[i]);
    put(&c[1], score[i]);
    put(&c[2], error[i]);
    if (i < 5)
        put(&c[3], size[i]);
    else
        lb_cell_absent(&c[3]);
    if (i < 5)
        lb_cell_uint(&c[4], i + 1);
    else
        lb_cell_absent(&c[4]);
    return 0;
}

static char size_name[] = "size";
static struct lb_field size_field = {.name = size_name,
                                     .role = LB_ROLE_METADATA};

static void make_view(struct lb_view *v)
{
    struct lb_view_col *c;

    lb_view_init(v, LB_FOR_PEOPLE);
    c = lb_view_add_col(v, "Model", "model");
    c->names = true;
    lb_view_add_num(v, "Score", "score", 1)->best = true;
    lb_view_add_num(v, "Error", "error", -1)->best = true;
    c = lb_view_add_num(v, "Size", "size", 0);
    c->best = true; /* no direction: no mark */
    c->field = &size_field;
    c = lb_view_add_num(v, "Rank", "rank", -1);
    c->rank = true;
    v->nrows = 5;
    v->nsummary = 1;
    v->cells = cells;
}

static char *written(const struct lb_format *f, const struct lb_publish *p)
{
    struct lb_view v;
    struct lb_error err;
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);

    assert_non_null(fp);
    make_view(&v);
    v.publish = p;
    lb_error_init(&err);
    assert_int_equal(lb_format_write(f, fp, &v, &err), 0);
    fclose(fp);
    lb_view_release(&v);
    return out;
}

/* }====================================================================== */

static void test_latex_best(void **state)
{
    char *got = written(&lb_format_latex, NULL);

    (void)state;
    assert_string_equal(got,
        "% needs \\usepackage{booktabs}\n"
        "\\begin{tabular}{lrrrr}\n"
        "\\toprule\n"
        "Model & Score & Error & Size & Rank \\\\\n"
        "\\midrule\n"
        "m1 & \\underline{80.0} & \\underline{5.0} & 7 & 1 \\\\\n"
        "m2 & \\textbf{90.0} & \\underline{5.0} & -- & 2 \\\\\n"
        "m3 & \\textbf{90.0} & \\textbf{3.0} & 70 & 3 \\\\\n"
        "m4 & -- & 9.0 & 1 & 4 \\\\\n"
        "m\\_5 \\& \\textless{}x\\textgreater{} & 70.0 & -- & 13 & 5 \\\\\n"
        "\\midrule\n"
        "Sum & 99.0 & 0.5 &  &  \\\\\n"
        "\\bottomrule\n"
        "\\end{tabular}\n");
    free(got);
}

static void test_latex_float(void **state)
{
    struct lb_publish p = {.caption = "Scores & 100% of_them",
                           .label = "tab:x", .width = "0.9\\linewidth"};
    struct lb_publish only_width = {.width = "\\textwidth"};
    char *got = written(&lb_format_latex, &p);

    (void)state;
    assert_true(strncmp(got,
        "% needs \\usepackage{booktabs} and \\usepackage{graphicx}\n"
        "\\begin{table}\n"
        "\\centering\n"
        "\\caption{Scores \\& 100\\% of\\_them}\n"
        "\\label{tab:x}\n"
        "\\resizebox{0.9\\linewidth}{!}{%\n"
        "\\begin{tabular}{lrrrr}\n", strlen(
        "% needs \\usepackage{booktabs} and \\usepackage{graphicx}\n"
        "\\begin{table}\n"
        "\\centering\n"
        "\\caption{Scores \\& 100\\% of\\_them}\n"
        "\\label{tab:x}\n"
        "\\resizebox{0.9\\linewidth}{!}{%\n"
        "\\begin{tabular}{lrrrr}\n")) == 0);
    assert_non_null(strstr(got, "\\bottomrule\n\\end{tabular}}\n"
                                "\\end{table}\n"));
    free(got);
    got = written(&lb_format_latex, &only_width);
    assert_non_null(strstr(got, "\\resizebox{\\textwidth}{!}{%\n"
                                "\\begin{tabular}"));
    assert_non_null(strstr(got, "\\end{tabular}}\n"));
    assert_null(strstr(got, "\\begin{table}"));
    free(got);
}

static void test_html_publish(void **state)
{
    struct lb_publish p = {.title = "My <board>", .source = "a&b.csv",
                           .date = "2024-01-02",
                           .link = "https://h.co/{model}"};
    struct lb_publish date_only = {.source = "", .date = "2024-01-02"};
    char *got = written(&lb_format_html, &p);

    (void)state;
    assert_non_null(strstr(got, "<title>My &lt;board&gt;</title>"));
    assert_non_null(strstr(got, "<h1>My &lt;board&gt;</h1>\n"
                                "<p class=\"source\">Source: a&amp;b.csv, "
                                "as of 2024-01-02</p>\n"));
    assert_non_null(strstr(got, "<td class=\"model\"><a href=\"https://h.co/"
                                "m_5%20%26%20%3Cx%3E\">m_5 &amp; "
                                "&lt;x&gt;</a></td>"));
    /* the rank column, then the hidden one the script fills */
    assert_non_null(strstr(got, "data-rank><button type=\"button\">Rank"
                                "</button></th><th scope=\"col\" "
                                "aria-sort=\"none\" data-kind=\"num\" "
                                "data-first=\"asc\" data-view"));
    assert_non_null(strstr(got, "<td class=\"num\" data-v=\"1\">1</td>"
                                "<td class=\"num\" hidden>-</td>"));
    /* a numeric metadata column gets a range */
    assert_non_null(strstr(got, "data-filter=\"range\"><button "
                                "type=\"button\">Size"));
    free(got);
    got = written(&lb_format_html, &date_only);
    assert_non_null(strstr(got, "<h1>Leaderboard</h1>\n"
                                "<p class=\"source\">As of 2024-01-02</p>"));
    assert_null(strstr(got, "<a href"));
    free(got);
    got = written(&lb_format_html, NULL);
    assert_null(strstr(got, "class=\"source\">"));
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_link_check),
        cmocka_unit_test(test_link),
        cmocka_unit_test(test_width_label),
        cmocka_unit_test(test_latex_best),
        cmocka_unit_test(test_latex_float),
        cmocka_unit_test(test_html_publish),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
