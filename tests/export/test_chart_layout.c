/* The chart's pure geometry and words (export/chart_layout.h): names
 * shortened yet distinct, the value axis from the data (and --range), the
 * labels of the size chart that never overlap, and the parsers of --size
 * and --range. */
#include "test_util.h"

#include <math.h>
#include <stdlib.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "export/chart.h"
#include "export/chart_layout.h"

/* {======================================================================
 * Names
 * ======================================================================= */

/* Shortens the n names to max characters into out (free with
 * free_all). */
static void shorten(const char *const *names, size_t n, size_t max,
                    char **out)
{
    size_t lens[16], i;

    assert_true(n <= 16);
    for (i = 0; i < n; i++)
        lens[i] = strlen(names[i]);
    lb_chart_shorten(names, lens, n, max, out);
}

static void free_all(char **out, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(out[i]);
}

/* Characters of a label (the ellipsis is one). */
static size_t chars(const char *s)
{
    size_t n = 0, i = 0, len = strlen(s);

    while (i < len) {
        uint32_t cp;
        size_t k = lb_utf8_decode(s + i, len - i, &cp);

        i += k == 0 ? 1 : k;
        n++;
    }
    return n;
}

/* Every label within max characters, and labels equal only when the
 * names are. */
static void assert_distinct(const char *const *names, char **out, size_t n,
                            size_t max)
{
    size_t i, j;

    for (i = 0; i < n; i++) {
        assert_true(chars(out[i]) <= max);
        for (j = 0; j < n; j++)
            if (strcmp(names[i], names[j]) != 0)
                assert_string_not_equal(out[i], out[j]);
            else
                assert_string_equal(out[i], out[j]);
    }
}

static void test_shorten_short_names_whole(void **state)
{
    static const char *const names[] = {"gpt-4o_mini", "O'Brien/m",
                                        "exactly-ten"};
    char *out[3];

    (void)state;
    shorten(names, 3, 11, out);
    assert_string_equal(out[0], "gpt-4o_mini");
    assert_string_equal(out[1], "O'Brien/m");
    assert_string_equal(out[2], "exactly-ten");
    free_all(out, 3);
}

/* The pair: cut at the end, both were
 * "Contamination/contaminated_proof_7b_v1..." */
static void test_shorten_keeps_suffix(void **state)
{
    static const char *const names[] = {
        "Contamination/contaminated_proof_7b_v1.0",
        "Contamination/contaminated_proof_7b_v1.0_safetensor"};
    char *out[2];

    (void)state;
    shorten(names, 2, 40, out);
    /* the first fits whole; the second keeps head and tail */
    assert_string_equal(out[0], "Contamination/contaminated_proof_7b_v1.0");
    assert_string_equal(out[1], "Contamination/contaminat\xe2\x80\xa6"
                                "v1.0_safetensor");
    assert_distinct(names, out, 2, 40);
    free_all(out, 2);

    /* both cut (a smaller limit): still two labels */
    shorten(names, 2, 24, out);
    assert_distinct(names, out, 2, 24);
    free_all(out, 2);
}

/* Names that differ only in the middle, where a cut falls. */
static void test_shorten_middle_difference(void **state)
{
    static const char *const names[] = {
        "organisation/model-family-7b-AAAA-instruct-finetuned-v1",
        "organisation/model-family-7b-BBBB-instruct-finetuned-v1",
        "organisation/model-family-7b-CCCC-instruct-finetuned-v1",
        "organisation/model-family-7b-AAAA-instruct-finetuned-v1"};
    char *out[4];

    (void)state;
    shorten(names, 4, 30, out);
    assert_distinct(names, out, 4, 30);
    /* the part that tells them apart is shown */
    assert_non_null(strstr(out[1], "B-instruct-finetuned-v1"));
    free_all(out, 4);
    shorten(names, 4, 8, out); /* the least limit: a counter if need be */
    assert_distinct(names, out, 4, 8);
    free_all(out, 4);
}

/* Differences at the head, at the tail, and many names sharing both. */
static void test_shorten_many(void **state)
{
    static const char *const names[] = {
        "a-very-long-common-prefix-that-goes-on-and-on-1",
        "a-very-long-common-prefix-that-goes-on-and-on-2",
        "1-a-very-long-common-prefix-that-goes-on-and-on",
        "2-a-very-long-common-prefix-that-goes-on-and-on",
        "xx-shared-head-and-tail-0-shared-head-and-tail-xx",
        "xx-shared-head-and-tail-1-shared-head-and-tail-xx",
        "xx-shared-head-and-tail-2-shared-head-and-tail-xx",
        "xx-shared-head-and-tail-3-shared-head-and-tail-xx",
        "xx-shared-head-and-tail-4-shared-head-and-tail-xx",
        "xx-shared-head-and-tail-5-shared-head-and-tail-xx"};
    size_t max;
    char *out[10];

    (void)state;
    for (max = 8; max <= 48; max += 4) {
        shorten(names, 10, max, out);
        assert_distinct(names, out, 10, max);
        free_all(out, 10);
    }
}

/* Bytes that are no text become '?' or a space, before any cut, and a cut
 * never splits a character. */
static void test_shorten_bytes(void **state)
{
    static const char *const names[] = {
        "bad\xff" "byte", "line\nbreak",
        "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
        "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"};
    char *out[3];

    (void)state;
    shorten(names, 3, 8, out);
    assert_string_equal(out[0], "bad?byte");
    assert_string_equal(out[1], "line \xe2\x80\xa6" "ak");
    assert_true(lb_utf8_valid(out[2], strlen(out[2])));
    assert_int_equal(chars(out[2]), 8);
    assert_null(strchr(out[1], '\n'));
    free_all(out, 3);
}

/* }====================================================================== */

/* {======================================================================
 * The value axis
 * ======================================================================= */

static void axis(double lo, double hi, const char *range, bool zero,
                 double want_lo, double want_hi, double want_step,
                 bool has_zero)
{
    struct lb_chart_range r = {false, false, 0, 0};
    struct lb_axis a;

    if (range != NULL)
        assert_true(lb_chart_range_parse(range, &r));
    lb_chart_axis(lo, hi, &r, zero, 0, &a);
    if (fabs(a.lo - want_lo) > 1e-9 || fabs(a.hi - want_hi) > 1e-9 ||
        fabs(a.step - want_step) > 1e-9) {
        print_error("axis of [%g, %g]: [%g, %g] step %g, want [%g, %g] step "
                    "%g\n",
                    lo, hi, a.lo, a.hi, a.step, want_lo, want_hi, want_step);
        fail();
    }
    assert_int_equal(a.has_zero, has_zero);
}

static void test_axis_from_data(void **state)
{
    (void)state;
    /* scores from 40 to 70: a quarter of the way to zero, bars from 0 */
    axis(40.1, 69.42, NULL, true, 0, 80, 10, true);
    /* ten models near 81: zoomed, no zero (dots) */
    axis(80.79, 81.31, NULL, true, 80.7, 81.4, 0.1, false);
    /* WER of the top 20, 5.42 to 6.63: zoomed on them */
    axis(5.42, 6.63, NULL, true, 5.2, 6.8, 0.2, false);
    /* WER of every model, 5.4 to 40: from zero */
    axis(5.42, 39.9, NULL, true, 0, 50, 10, true);
    /* percentages near the top stop at 100 */
    axis(20, 99.5, NULL, true, 0, 100, 20, true);
    /* negative values reach zero from below */
    axis(-30, -5, NULL, true, -35, 0, 5, true);
    /* straddling zero */
    axis(-2, 3, NULL, true, -3, 4, 1, true);
    /* one value, and none */
    axis(50, 50, NULL, true, 49.7, 50.3, 0.1, false);
    axis(1, 0, NULL, true, 0, 1.2, 0.2, true);
    /* ratings: zero means nothing, the axis is zoomed */
    axis(737, 1258, NULL, false, 700, 1300, 100, false);
}

static void test_axis_range_option(void **state)
{
    (void)state;
    /* both ends given: kept as given, tics rounded within */
    axis(80.79, 81.31, "0:100", true, 0, 100, 20, true);
    axis(80.79, 81.31, "80.5:81.5", true, 80.5, 81.5, 0.2, false);
    /* one end: the other from the data */
    axis(40.1, 69.42, "30:", true, 30, 80, 10, false);
    axis(5.42, 6.63, ":10", true, 5, 10, 1, false);
    axis(5.42, 6.63, "0:", true, 0, 7, 1, true);
    /* an end beyond the data's other end: a range of the data's span */
    axis(5, 6, ":4", true, 3, 4, 0.2, false);
}

static void test_range_parse(void **state)
{
    static const char *const bad[] = {"",    ":",     "1",    "1:2:3",
                                      "a:b", "2:1",   "1:1",  "1e999:",
                                      "nan:", "1:2x", "--1:2"};
    struct lb_chart_range r;
    size_t i;

    (void)state;
    assert_true(lb_chart_range_parse("-1.5:2", &r));
    assert_true(r.has_lo && r.has_hi && r.lo == -1.5 && r.hi == 2);
    assert_true(lb_chart_range_parse("60:", &r));
    assert_true(r.has_lo && !r.has_hi && r.lo == 60);
    assert_true(lb_chart_range_parse(":90", &r));
    assert_true(!r.has_lo && r.has_hi && r.hi == 90);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (lb_chart_range_parse(bad[i], &r)) {
            print_error("range %s accepted\n", bad[i]);
            fail();
        }
}

static void test_size_parse(void **state)
{
    static const char *const bad[] = {"",       "1280",    "1280x",
                                      "x720",   "1280x72", "319x720",
                                      "1280X720", "10001x720", "1280x720x",
                                      "-1280x720", "+1280x720", "1280 x720",
                                      "99999999999999999999x720"};
    int w = 0, h = 0;
    size_t i;

    (void)state;
    assert_true(lb_chart_size_parse("1280x720", &w, &h));
    assert_int_equal(w, 1280);
    assert_int_equal(h, 720);
    assert_true(lb_chart_size_parse("320x10000", &w, &h));
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (lb_chart_size_parse(bad[i], &w, &h)) {
            print_error("size %s accepted\n", bad[i]);
            fail();
        }
}

/* }====================================================================== */

/* {======================================================================
 * Labels
 * ======================================================================= */

static bool overlap(const struct lb_box *a, const struct lb_box *b)
{
    return fmin(a->x1, b->x1) > fmax(a->x0, b->x0) &&
           fmin(a->y1, b->y1) > fmax(a->y0, b->y0);
}

/* Places n labels of the given widths at the points: every placed label
 * inside the area, none over another; returns how many were left out. */
static size_t place(const double *px, const double *py, size_t n,
                    const double *w, const struct lb_box *area)
{
    size_t spot[64], i, j, out;
    struct lb_box box[64];

    assert_true(n <= 64);
    out = lb_chart_place_labels(area, px, py, n, w, 15, n, spot);
    for (i = 0; i < n; i++) {
        if (spot[i] == LB_NPOS)
            continue;
        box[i] = lb_chart_label_box(px[i], py[i], w[i], 15, spot[i]);
        assert_true(box[i].x0 >= area->x0 && box[i].x1 <= area->x1);
        assert_true(box[i].y0 >= area->y0 && box[i].y1 <= area->y1);
        for (j = 0; j < i; j++)
            if (spot[j] != LB_NPOS && overlap(&box[i], &box[j])) {
                print_error("labels %zu and %zu overlap\n", j, i);
                fail();
            }
    }
    return out;
}

/* A lone point: its label right of it. */
static void test_labels_alone(void **state)
{
    struct lb_box area = {0, 0, 1000, 600};
    double px = 500, py = 300, w = 100;
    size_t spot;

    (void)state;
    assert_int_equal(lb_chart_place_labels(&area, &px, &py, 1, &w, 15, 1,
                                           &spot),
                     0);
    assert_int_equal(spot, 0);
    /* at the right edge: left of it */
    px = 950;
    assert_int_equal(lb_chart_place_labels(&area, &px, &py, 1, &w, 15, 1,
                                           &spot),
                     0);
    assert_int_equal(spot, 1);
}

/* A dense cluster (the Open LLM Leaderboard's 72B models): the labels
 * spread out, and those with no room are left out, never drawn over
 * another. */
static void test_labels_cluster(void **state)
{
    struct lb_box area = {80, 64, 970, 550};
    double px[40], py[40], w[40];
    size_t i, out;

    (void)state;
    for (i = 0; i < 40; i++) {
        px[i] = 900 + (double)(i % 3);
        py[i] = 500 - (double)i * 0.5;
        w[i] = 200 + (double)(i % 5) * 20;
    }
    out = place(px, py, 40, w, &area);
    assert_true(out > 0);  /* 40 labels cannot fit there */
    assert_true(out < 40); /* but some do */
    /* the same with room: all placed */
    for (i = 0; i < 8; i++)
        py[i] = 100 + (double)i * 50;
    assert_int_equal(place(px, py, 8, w, &area), 0);
}

/* Labels wider than the area: left out, not drawn outside. */
static void test_labels_too_wide(void **state)
{
    struct lb_box area = {0, 0, 300, 200};
    double px[2] = {150, 150}, py[2] = {100, 50}, w[2] = {400, 50};

    (void)state;
    assert_int_equal(place(px, py, 2, w, &area), 1);
}

/* }====================================================================== */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shorten_short_names_whole),
        cmocka_unit_test(test_shorten_keeps_suffix),
        cmocka_unit_test(test_shorten_middle_difference),
        cmocka_unit_test(test_shorten_many),
        cmocka_unit_test(test_shorten_bytes),
        cmocka_unit_test(test_axis_from_data),
        cmocka_unit_test(test_axis_range_option),
        cmocka_unit_test(test_range_parse),
        cmocka_unit_test(test_size_parse),
        cmocka_unit_test(test_labels_alone),
        cmocka_unit_test(test_labels_cluster),
        cmocka_unit_test(test_labels_too_wide),
    };

    return cmocka_run_group_tests_name("chart_layout", tests, NULL, NULL);
}
