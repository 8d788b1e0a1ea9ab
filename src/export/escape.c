/* escape.c: what the escaping functions of the formats share. */
#include <stdint.h>

#include "base/utf8.h"
#include "export/writer.h"

size_t lb_put_nonascii(struct lb_buf *out, const char *s, size_t len,
                       const char *invalid, bool show)
{
    uint32_t cp;
    size_t n = lb_utf8_decode(s, len, &cp);

    if (n == 0) {
        lb_buf_adds(out, invalid);
        return 1;
    }
    if (lb_utf8_is_unsafe(cp)) {
        if (show)
            lb_buf_addf(out, "\\u%04X", (unsigned)cp);
        else
            lb_buf_adds(out, invalid);
    } else {
        lb_buf_add(out, s, n);
    }
    return n;
}

bool lb_formula_like(const char *s, size_t len)
{
    return len > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
                       s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}
