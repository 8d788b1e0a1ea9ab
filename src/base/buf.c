#include "base/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void lb_buf_init(struct lb_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void lb_buf_release(struct lb_buf *b)
{
    free(b->data);
    lb_buf_init(b);
}

void lb_buf_reset(struct lb_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void lb_buf_reserve(struct lb_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;

    if (need < b->len)
        need = (size_t)-1; /* let xreallocarray report the overflow */
    if (need > b->cap) {
        b->cap = lb_grow_cap(b->cap, need);
        b->data = xreallocarray(b->data, b->cap, 1);
    }
}

void lb_buf_add(struct lb_buf *b, const void *p, size_t n)
{
    lb_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void lb_buf_adds(struct lb_buf *b, const char *s)
{
    lb_buf_add(b, s, strlen(s));
}

void lb_buf_addpad(struct lb_buf *b, char c, size_t n)
{
    lb_buf_reserve(b, n);
    memset(b->data + b->len, c, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void lb_buf_addf(struct lb_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    lb_buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    (void)vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *lb_buf_str(const struct lb_buf *b)
{
    return b->data ? b->data : "";
}
