/* test_util.h: helpers shared by the cmocka tests. */
#ifndef LB_TEST_UTIL_H
#define LB_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "core/table.h"

/* A core message as the command line prints it: each option named in it
 * (LB_OPT) as "--NAME". The result lives until the next call. */
static inline const char *as_shown(const char *msg)
{
    static struct lb_buf out;

    lb_buf_reset(&out);
    lb_error_render(&out, msg, "--");
    return lb_buf_str(&out);
}

/* err's message so. */
static inline const char *msg_of(const struct lb_error *err)
{
    return as_shown(err->msg);
}

/* Loads CSV text into *t and fails the test on error. */
static inline void load_ok(struct lb_table *t, const char *csv)
{
    struct lb_error err;

    lb_error_init(&err);
    if (lb_table_load_mem(t, "t.csv", csv, strlen(csv), NULL, &err) != 0) {
        print_error("unexpected load error: %s\n", err.msg);
        fail();
    }
}

/* Loads CSV text that must fail and checks the message. */
static inline void load_fails(const char *csv, size_t len, const char *msg)
{
    struct lb_table t;
    struct lb_error err;

    lb_error_init(&err);
    if (lb_table_load_mem(&t, "t.csv", csv, len, NULL, &err) == 0) {
        lb_table_release(&t);
        print_error("load of %s succeeded, expected: %s\n", csv, msg);
        fail();
    }
    assert_string_equal(msg_of(&err), msg);
}

/* The text of a cell as a NUL-terminated string. */
static inline const char *cell(const struct lb_table *t, const char *col,
                               size_t row)
{
    size_t c = lb_table_find(t, col);

    assert_true(c != LB_NPOS);
    return lb_table_text(t, c, row, NULL);
}

#endif
