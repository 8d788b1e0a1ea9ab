/* error.h: the error value that library code fills in and the CLI prints.
 *
 * Library modules (base, core, export) never print and never exit: a function
 * that can fail takes a caller-owned 'struct lb_error *' and, on failure,
 * writes one complete message into it (no "leaderboard:" prefix, no newline)
 * and returns -1. Messages follow git's style: lowercase, no final full stop,
 * user text in single quotes (see lb_quote in quote.h), and data errors start
 * with "FILE:LINE:COLUMN: ". */
#ifndef LB_BASE_ERROR_H
#define LB_BASE_ERROR_H

#include <stddef.h>

#define LB_ERROR_MAX 1024

struct lb_error {
    char msg[LB_ERROR_MAX]; /* NUL-terminated message; "" when unset */
};

/* Clears the message. */
void lb_error_init(struct lb_error *err);

/* Formats the message (printf style, truncated to LB_ERROR_MAX - 1 bytes).
 * Accepts err == NULL (does nothing). Always returns -1, so that a failing
 * function can end with 'return lb_error_set(err, ...);'. */
int lb_error_set(struct lb_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
