#include "core/csv_write.h"

#include <csv.h>

bool lb_csv_needs_quotes(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
            return true;
    return false;
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
