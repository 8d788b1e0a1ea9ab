/* meta.c: building the metadata of a view (see meta.h). */
#include "export/meta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

struct lb_meta *lb_meta_new(void)
{
    struct lb_meta *m = xcalloc(1, sizeof *m);

    m->kind = LB_META_OBJECT;
    return m;
}

static void release(struct lb_meta *m)
{
    size_t i;

    for (i = 0; i < m->n; i++)
        release(&m->items[i]);
    free(m->items);
    free(m->key);
    free(m->text);
}

void lb_meta_free(struct lb_meta *m)
{
    if (m == NULL)
        return;
    release(m);
    free(m);
}

static struct lb_meta *add(struct lb_meta *m, const char *key,
                           enum lb_meta_kind kind)
{
    struct lb_meta *it;

    if (m->n == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 8;
        m->items = xreallocarray(m->items, m->cap, sizeof *m->items);
    }
    it = &m->items[m->n++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->key = key != NULL ? xstrdup(key) : NULL;
    return it;
}

void lb_meta_strn(struct lb_meta *m, const char *key, const char *s,
                  size_t len)
{
    struct lb_meta *it = add(m, key, LB_META_STRING);

    it->text = xmemdup0(s, len);
    it->len = len;
}

void lb_meta_str(struct lb_meta *m, const char *key, const char *s)
{
    lb_meta_strn(m, key, s, strlen(s));
}

void lb_meta_str_or_null(struct lb_meta *m, const char *key, const char *s)
{
    if (s == NULL)
        lb_meta_null(m, key);
    else
        lb_meta_str(m, key, s);
}

void lb_meta_num(struct lb_meta *m, const char *key, const char *digits)
{
    struct lb_meta *it = add(m, key, LB_META_NUMBER);

    it->text = xstrdup(digits);
    it->len = strlen(digits);
}

void lb_meta_uint(struct lb_meta *m, const char *key, uint64_t v)
{
    char buf[32];

    snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
    lb_meta_num(m, key, buf);
}

void lb_meta_bool(struct lb_meta *m, const char *key, bool v)
{
    add(m, key, LB_META_BOOL)->yes = v;
}

void lb_meta_null(struct lb_meta *m, const char *key)
{
    (void)add(m, key, LB_META_NULL);
}

struct lb_meta *lb_meta_list(struct lb_meta *m, const char *key)
{
    return add(m, key, LB_META_LIST);
}

struct lb_meta *lb_meta_object(struct lb_meta *m, const char *key)
{
    return add(m, key, LB_META_OBJECT);
}
