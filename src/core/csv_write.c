#include "core/csv_write.h"

#include <csv.h>

#include "base/lines.h"

bool lb_csv_needs_quotes(const char *s, size_t len)
{
    /* the bytes that make RFC 4180 quoting necessary */
    return lb_has_line_end_quote_or(s, len, ',');
}

void lb_csv_add_field(struct lb_buf *out, const char *s, size_t len)
{
    size_t need;

    if (!lb_csv_needs_quotes(s, len)) {
        lb_buf_add(out, s, len);
        return;
    }
    /* csv_write returns the size it needs (quotes and doubled quotes
     * included) and writes at most dest_size bytes */
    need = csv_write(NULL, 0, s, len);
    lb_buf_reserve(out, need);
    (void)csv_write(out->data + out->len, need, s, len);
    out->len += need;
    out->data[out->len] = '\0';
}
