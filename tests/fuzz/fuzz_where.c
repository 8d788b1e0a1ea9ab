/* fuzz_where.c: --where expressions.
 *
 * The input (up to its first NUL byte, as argv would give it) is an
 * expression. It is parsed; a syntax error must be a safe message of three
 * lines: "--where: WHAT", the expression (or a window of it) indented by
 * two spaces, and spaces then a caret. A parsed expression is bound to a
 * small score file (text, score columns kept as numbers only, a column at
 * 17 decimals that needs 128 bits, missing cells, hostile text); a binding
 * error is a safe message too. A bound one is evaluated on every row:
 * each result is true, false or unknown, or a safe one-line message;
 * evaluating twice gives the same; '!(EXPR)' gives the negation (unknown
 * stays unknown) or the same error; lb_filter_retain keeps exactly the
 * rows found true, in order. Any length parses without deep recursion:
 * the seeds hold chains of thousands of terms. */
#include <stdbool.h>
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "core/filter.h"
#include "core/table.h"
#include "fuzz.h"
#include "outcheck.h"

static const char seed[] =
    "model,ARC,MMLU,params_b,license,is_flagged,submitted,MATH_Lvl5,x,"
    "\"we`ird \x1b[1m\"\n"
    "org/a,60.5,0.30000000000000004,7,apache-2.0,false,2024-01-05,1,95.5,a\n"
    "org/b,70,95.5,13.0,llama2,true,2023-11-30,,0.30000000000000004,\n"
    "\"Org/Llama-C,\xE2\x80\xAE\",55,,13.01,apache-2.0,,2024-02-01,3,NA,b\n"
    "org/d,,1,70,,NA,,-,-,\xff\n"
    "org/e,40,2,NA,\"=cmd|' /C calc'!A0\",yes,2024-06-01T10:00:00Z,"
    "0.000000000000000001,-0,\n";

#define NROWS 5

/* Each line of a message (a syntax error has three) is safe text. */
static void check_lines(const char *msg, size_t want_lines)
{
    struct lb_buf b = LB_BUF_INIT;
    char *line, *nl;
    size_t n = 0;

    lb_buf_adds(&b, msg);
    for (line = b.data; line != NULL; line = nl) {
        nl = strchr(line, '\n');
        if (nl != NULL)
            *nl++ = '\0';
        fuzz_check_message(line);
        n++;
    }
    FUZZ_CHECK(n == want_lines, "%zu lines, expected %zu: %s", n, want_lines,
               msg);
    lb_buf_release(&b);
}

/* msg (its options marked, LB_OPT) as the command line shows it */
static const char *shown(const char *msg)
{
    static struct lb_buf out;

    lb_buf_reset(&out);
    lb_error_render(&out, msg, "--");
    return lb_buf_str(&out);
}

static void check_syntax_error(const char *marked)
{
    const char *msg = shown(marked);
    const char *caret = strrchr(msg, '\n');

    FUZZ_CHECK(strncmp(msg, "--where: ", 9) == 0, "%s", msg);
    check_lines(msg, 3);
    /* the last line: two spaces or more, then the caret, nothing else */
    FUZZ_CHECK(caret != NULL && strncmp(caret, "\n  ", 3) == 0 &&
                   caret[strspn(caret + 1, " ") + 1] == '^' &&
                   caret[strspn(caret + 1, " ") + 2] == '\0',
               "no caret line: %s", msg);
}

static int eval_all(const struct lb_filter *f, const struct lb_table *t,
                    enum lb_truth *v, struct lb_error *err)
{
    size_t r;

    for (r = 0; r < t->nrows; r++)
        if (lb_filter_eval(f, t, r, &v[r], err) != 0)
            return -1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct lb_table t;
    static bool loaded;
    struct lb_buf expr = LB_BUF_INIT, neg = LB_BUF_INIT;
    struct lb_filter *f = NULL, *g = NULL;
    struct lb_error err, err2;
    enum lb_truth v[NROWS], w[NROWS];
    size_t r;
    int rc;

    if (!loaded) {
        lb_error_init(&err);
        FUZZ_CHECK(lb_table_load_mem(&t, "t.csv", seed, sizeof seed - 1,
                                     NULL, &err) == 0,
                   "seed: %s", err.msg);
        FUZZ_CHECK(t.nrows == NROWS, "%zu rows", t.nrows);
        loaded = true;
    }
    lb_buf_add(&expr, (const char *)data, strnlen((const char *)data, size));

    lb_error_init(&err);
    if (lb_filter_parse(lb_buf_str(&expr), &f, &err) != 0) {
        FUZZ_CHECK(f == NULL, "a failed parse returned a filter");
        check_syntax_error(err.msg);
        goto out;
    }
    FUZZ_CHECK(strcmp(lb_filter_text(f), lb_buf_str(&expr)) == 0,
               "the text changed");
    if (lb_filter_bind(f, &t, &err) != 0) {
        check_syntax_error(err.msg); /* the same form */
        goto out;
    }
    rc = eval_all(f, &t, v, &err);
    if (rc != 0)
        check_lines(err.msg, 1);
    for (r = 0; rc == 0 && r < NROWS; r++)
        FUZZ_CHECK(v[r] == LB_TRUE || v[r] == LB_FALSE || v[r] == LB_UNKNOWN,
                   "row %zu: %d", r, (int)v[r]);
    /* the same again */
    lb_error_init(&err2);
    FUZZ_CHECK(eval_all(f, &t, w, &err2) == rc, "a second evaluation "
               "differs");
    FUZZ_CHECK(rc != 0 ? strcmp(err.msg, err2.msg) == 0
                       : memcmp(v, w, sizeof v) == 0,
               "a second evaluation differs");

    /* !(EXPR): the negation, or the same error */
    lb_buf_adds(&neg, "!(");
    lb_buf_add(&neg, expr.data, expr.len);
    lb_buf_adds(&neg, ")");
    if (lb_filter_parse(lb_buf_str(&neg), &g, &err2) == 0) {
        FUZZ_CHECK(lb_filter_bind(g, &t, &err2) == 0, "!(...) does not bind: "
                   "%s", err2.msg);
        FUZZ_CHECK(eval_all(g, &t, w, &err2) == rc, "!(...) fails otherwise");
        if (rc != 0)
            FUZZ_CHECK(strcmp(err.msg, err2.msg) == 0, "!(...): %s, not %s",
                       err2.msg, err.msg);
        for (r = 0; rc == 0 && r < NROWS; r++)
            FUZZ_CHECK(w[r] == (v[r] == LB_UNKNOWN ? LB_UNKNOWN
                                : v[r] == LB_TRUE  ? LB_FALSE
                                                   : LB_TRUE),
                       "row %zu: %d, then !(...) %d", r, (int)v[r],
                       (int)w[r]);
    } else {
        check_syntax_error(err2.msg); /* one level too deep */
    }

    /* retain keeps the rows found true, in order */
    {
        struct lb_table copy;
        size_t dropped, kept = 0, n = 0;

        lb_error_init(&err2);
        FUZZ_CHECK(lb_table_load_mem(&copy, "t.csv", seed, sizeof seed - 1,
                                     NULL, &err2) == 0,
                   "seed: %s", err2.msg);
        FUZZ_CHECK((lb_filter_retain(f, &copy, &dropped, &err2) != 0) ==
                       (rc != 0),
                   "retain and eval disagree");
        for (r = 0; rc == 0 && r < NROWS; r++) {
            if (v[r] != LB_TRUE)
                continue;
            kept++;
            FUZZ_CHECK(n < copy.nrows &&
                           strcmp(lb_table_model(&copy, n, NULL),
                                  lb_table_model(&t, r, NULL)) == 0,
                       "retain kept other rows");
            n++;
        }
        FUZZ_CHECK(rc != 0 || (copy.nrows == kept && dropped == NROWS - kept),
                   "retain kept %zu rows, eval %zu", copy.nrows, kept);
        lb_table_release(&copy);
    }
out:
    lb_filter_free(f);
    lb_filter_free(g);
    lb_buf_release(&expr);
    lb_buf_release(&neg);
    return 0;
}
