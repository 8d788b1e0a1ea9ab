/* escape.c: what the escaping functions of the formats share: the walk
 * over the text with a format's table (struct lb_escapes), and non-ASCII
 * text (valid, invalid, unsafe). */
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

void lb_escape_with(struct lb_buf *out, const char *s, size_t len,
                    const struct lb_escapes *e)
{
    size_t i = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];

        if (c >= 0x80) {
            if (e->invalid == NULL) {
                lb_buf_addc(out, (char)c);
                i++;
            } else {
                i += lb_put_nonascii(out, s + i, len - i, e->invalid,
                                     e->show_unsafe);
            }
            continue;
        }
        i++;
        if (e->ascii[c] != NULL)
            lb_buf_adds(out, e->ascii[c]);
        else if ((c >= 0x20 && c != 0x7F) || e->raw_controls)
            lb_buf_addc(out, (char)c);
        else if (e->control != NULL)
            lb_buf_adds(out, e->control);
        else
            lb_buf_addf(out, "\\u%04X", (unsigned)c);
    }
}
