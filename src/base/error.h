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

#include "base/buf.h"

#define LB_ERROR_MAX 1024

/* An option of the request named inside a message. Library code never
 * writes a command-line flag: it writes LB_OPT("weights"), the option's
 * identifier between two LB_OPT_MARK bytes, and the front end renders it
 * in its own spelling (the CLI: "--weights") with lb_error_render. User
 * text in a message is quoted (base/quote.h), which shows a control byte
 * such as LB_OPT_MARK as an escape: only library code writes the mark. */
#define LB_OPT_MARK '\x1e'
#define LB_OPT(name) "\x1e" name "\x1e"

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

/* Appends msg to out with each option named in it (LB_OPT) written as
 * prefix followed by its identifier ("--" gives "--weights"). */
void lb_error_render(struct lb_buf *out, const char *msg, const char *prefix);

#endif
