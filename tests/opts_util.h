/* opts_util.h: typed options (core takes arrays of names and of
 * NAME=VALUE pairs) written as the command line writes them, for the
 * cmocka tests: "A,B" and "A=2,B=0.5". What they allocate lives until the
 * test program exits. */
#ifndef LB_TEST_OPTS_UTIL_H
#define LB_TEST_OPTS_UTIL_H

#include "test_util.h"

#include <stdlib.h>

#include "base/decimal.h"
#include "base/xalloc.h"
#include "core/aggregate.h"

static void **test_kept;
static size_t test_nkept;

static void test_free_kept(void)
{
    size_t i;

    for (i = 0; i < test_nkept; i++)
        free(test_kept[i]);
    free(test_kept);
}

/* Keeps p until exit; returns it. */
static inline void *test_keep(void *p)
{
    if (test_nkept == 0)
        atexit(test_free_kept);
    test_kept = xreallocarray(test_kept, test_nkept + 1, sizeof *test_kept);
    test_kept[test_nkept++] = p;
    return p;
}

/* The items of "A, B,C" (NULL: none), trimmed; returns how many. */
static inline size_t test_items(const char *list, char ***out)
{
    char **v = NULL;
    size_t n = 0;
    const char *p = list;

    *out = NULL;
    if (list == NULL)
        return 0;
    for (;;) {
        const char *end = strchr(p, ',');
        const char *a = p, *b = end ? end : p + strlen(p);

        while (a < b && *a == ' ')
            a++;
        while (b > a && b[-1] == ' ')
            b--;
        v = xreallocarray(v, n + 1, sizeof *v);
        v[n++] = test_keep(xmemdup0(a, (size_t)(b - a)));
        if (end == NULL)
            break;
        p = end + 1;
    }
    *out = test_keep(v);
    return n;
}

/* Names: "A,B" as an array (NULL for NULL). */
static inline const char *const *test_names(const char *list, size_t *n)
{
    char **v;

    *n = test_items(list, &v);
    return (const char *const *)v;
}

/* Pairs: "A=2,B=0.5" (NULL for NULL). */
static inline const struct lb_named_dec *test_values(const char *list,
                                                      size_t *n)
{
    char **v;
    struct lb_named_dec *d;
    size_t i;

    *n = test_items(list, &v);
    if (*n == 0)
        return NULL;
    d = test_keep(xcalloc(*n, sizeof *d));
    for (i = 0; i < *n; i++) {
        char *eq = strrchr(v[i], '=');

        assert_non_null(eq);
        *eq = '\0';
        d[i].name = v[i];
        assert_int_equal(lb_dec_parse(eq + 1, strlen(eq + 1), &d[i].value),
                         LB_NUM_OK);
    }
    return d;
}

/* Texts: "A=Retrieval,B=STS" (NULL for NULL). */
static inline const struct lb_named_text *test_texts(const char *list,
                                                      size_t *n)
{
    char **v;
    struct lb_named_text *d;
    size_t i;

    *n = test_items(list, &v);
    if (*n == 0)
        return NULL;
    d = test_keep(xcalloc(*n, sizeof *d));
    for (i = 0; i < *n; i++) {
        char *eq = strrchr(v[i], '=');

        assert_non_null(eq);
        *eq = '\0';
        d[i].name = v[i];
        d[i].text = eq + 1;
    }
    return d;
}

/* o.FIELD = test_names(LIST, &o.nFIELD), and the same for values and
 * texts. */
#define SET_NAMES(field, nfield, list) ((field) = test_names((list), &(nfield)))
#define SET_VALUES(field, nfield, list) \
    ((field) = test_values((list), &(nfield)))
#define SET_TEXTS(field, nfield, list) ((field) = test_texts((list), &(nfield)))

#endif
