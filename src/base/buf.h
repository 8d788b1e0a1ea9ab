/* buf.h: a growable byte string (git's strbuf, Redis' sds in spirit).
 *
 * 'data' is always NUL-terminated after any append (data[len] == '\0') once
 * the buffer has been written to; before that, data may be NULL. The struct
 * owns 'data'. */
#ifndef LB_BASE_BUF_H
#define LB_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct lb_buf {
    char *data; /* bytes, NUL-terminated; NULL until the first append */
    size_t len; /* bytes in use, not counting the terminator */
    size_t cap; /* bytes allocated */
};

#define LB_BUF_INIT { NULL, 0, 0 }

void lb_buf_init(struct lb_buf *b);
/* Frees the contents; the buffer may be reused after lb_buf_init. */
void lb_buf_release(struct lb_buf *b);
/* Empties the buffer, keeping its allocation. */
void lb_buf_reset(struct lb_buf *b);
/* Makes room for 'extra' more bytes (plus the terminator). */
void lb_buf_reserve(struct lb_buf *b, size_t extra);
void lb_buf_add(struct lb_buf *b, const void *p, size_t n);
/* Appends one byte (inline: it is on every hot path). */
static inline void lb_buf_addc(struct lb_buf *b, char c)
{
    if (b->len + 2 > b->cap)
        lb_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}
void lb_buf_adds(struct lb_buf *b, const char *s);
/* Appends 'n' copies of c. */
void lb_buf_addpad(struct lb_buf *b, char c, size_t n);
void lb_buf_addf(struct lb_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The contents as a string: "" for a buffer never written to. */
const char *lb_buf_str(const struct lb_buf *b);

#endif
