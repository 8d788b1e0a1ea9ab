/* quote.h: user text inside messages.
 *
 * Every piece of user text that a message repeats (a value, a column name, a
 * file name) goes through lb_quote: single quotes around a terminal-safe
 * rendering (see lb_utf8_render), shortened to about 60 columns. */
#ifndef LB_BASE_QUOTE_H
#define LB_BASE_QUOTE_H

#include <stddef.h>

#define LB_QUOTE_SIZE 320

struct lb_quoted {
    char s[LB_QUOTE_SIZE]; /* NUL-terminated, quotes included */
};

/* Renders s[0..len) quoted into q and returns q->s. */
const char *lb_quote(struct lb_quoted *q, const char *s, size_t len);

/* Same for a NUL-terminated string. */
const char *lb_quotes(struct lb_quoted *q, const char *s);

#endif
