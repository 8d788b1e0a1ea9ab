/* csv_write.h: RFC 4180 fields for output (one of the two files that use
 * libcsv). */
#ifndef LB_CORE_CSV_WRITE_H
#define LB_CORE_CSV_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* True when RFC 4180 requires quotes: the field holds a comma, a double
 * quote, a CR or a LF. (Spaces are part of a field and need none.) */
bool lb_csv_needs_quotes(const char *s, size_t len);

/* Appends s[0..len) as one CSV field: as it is when it needs no quotes,
 * else quoted with embedded quotes doubled (libcsv's csv_write). */
void lb_csv_add_field(struct lb_buf *out, const char *s, size_t len);

#endif
