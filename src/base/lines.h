/* lines.h: the line ends and quotes of a buffer, looked for 16 bytes at
 * a time (to split a big CSV file between two parsers without reading its
 * first half byte by byte; to know which cells CSV must quote). */
#ifndef LB_BASE_LINES_H
#define LB_BASE_LINES_H

#include <stdbool.h>
#include <stddef.h>

/* What the bytes seen so far held. Start from all zero. */
struct lb_line_count {
    size_t lines; /* line ends: each CR, and each LF that does not follow
                     a CR (a CRLF is one), inside quotes or not */
    bool quoted;  /* an odd number of '"' */
    bool prev_cr; /* the last byte was a CR */
};

/* Adds s[0..n) to *c, as if the bytes were looked at one by one. */
void lb_count_lines(const char *s, size_t n, struct lb_line_count *c);

/* Whether s[0..n) holds a CR, a LF, a '"' or the byte sep. */
bool lb_has_line_end_quote_or(const char *s, size_t n, char sep);

#endif
