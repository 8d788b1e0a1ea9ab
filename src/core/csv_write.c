#include "core/csv_write.h"

#include <csv.h>

/* 1 for the bytes that make RFC 4180 quoting necessary */
static const unsigned char special[256] = {
    ['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1,
};

bool lb_csv_needs_quotes(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned any = 0;
    size_t i;

    for (i = 0; i < len; i++)
        any |= special[p[i]];
    return any != 0;
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
