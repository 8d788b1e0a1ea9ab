/* meta.h: what a table says about itself to programs: an ordered tree of
 * keys and values (strings, numbers, booleans, null, lists, objects) that
 * the JSON writer puts before a view's rows ("benchmarks", "method",
 * "precision", ...).
 *
 * Strings are copied; numbers are digits of ours, kept as written. */
#ifndef LB_EXPORT_META_H
#define LB_EXPORT_META_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum lb_meta_kind {
    LB_META_STRING,
    LB_META_NUMBER,
    LB_META_BOOL,
    LB_META_NULL,
    LB_META_LIST,
    LB_META_OBJECT
};

struct lb_meta {
    enum lb_meta_kind kind;
    char *key;             /* in an object; NULL in a list (owned) */
    char *text;            /* a string's bytes or a number's digits (owned) */
    size_t len;
    bool yes;              /* a boolean's value */
    struct lb_meta *items; /* a list's or an object's members (owned) */
    size_t n, cap;
};

/* A new empty object (free with lb_meta_free). */
struct lb_meta *lb_meta_new(void);
void lb_meta_free(struct lb_meta *m);

/* Members of an object m (key != NULL) or items of a list m (key NULL).
 * The returned pointers are valid until the next member is added to m. */
void lb_meta_str(struct lb_meta *m, const char *key, const char *s);
void lb_meta_strn(struct lb_meta *m, const char *key, const char *s,
                  size_t len);
/* s NULL: null */
void lb_meta_str_or_null(struct lb_meta *m, const char *key, const char *s);
void lb_meta_num(struct lb_meta *m, const char *key, const char *digits);
void lb_meta_uint(struct lb_meta *m, const char *key, uint64_t v);
void lb_meta_bool(struct lb_meta *m, const char *key, bool v);
void lb_meta_null(struct lb_meta *m, const char *key);
struct lb_meta *lb_meta_list(struct lb_meta *m, const char *key);
struct lb_meta *lb_meta_object(struct lb_meta *m, const char *key);

#endif
