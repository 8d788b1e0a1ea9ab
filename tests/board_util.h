/* board_util.h: a board written in a format, for the cmocka tests. */
#ifndef LB_TEST_BOARD_UTIL_H
#define LB_TEST_BOARD_UTIL_H

#include "test_util.h"

#include <stdlib.h>

#include "core/board.h"
#include "export/format.h"
#include "export/ranking.h"

/* Writes board b to fp in the format named 'format' (its ranking view). */
static inline int export_board(FILE *fp, const char *format,
                               const struct lb_board *b, struct lb_error *err)
{
    const struct lb_format *f = lb_format_find(format);
    struct lb_view v;
    int rc;

    assert_non_null(f);
    rc = lb_view_ranking(&v, b, f->audience, err);
    if (rc == 0)
        rc = lb_format_write(f, fp, &v, err);
    lb_view_release(&v);
    return rc;
}

/* Board b as JSON then as text, in one string (caller frees). */
static inline char *exported(const struct lb_board *b)
{
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);
    struct lb_error err;

    assert_non_null(fp);
    assert_int_equal(export_board(fp, "json", b, &err), 0);
    assert_int_equal(export_board(fp, "text", b, &err), 0);
    fclose(fp);
    return out;
}

#endif
