/* gp_quote.c: user text into gnuplot scripts (see gp_quote.h). */
#include "export/gp_quote.h"

#include <stdint.h>

#include "base/utf8.h"

void lb_gp_quote(struct lb_buf *out, const char *s, size_t len,
                 enum lb_gp_context ctx)
{
    size_t i;

    lb_buf_addc(out, '\'');
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c < 0x20 || c == 0x7f)
            c = ' ';
        else if (c == '\'' || (c == '%' && ctx == LB_GP_FORMAT))
            lb_buf_addc(out, (char)c);
        lb_buf_addc(out, (char)c);
    }
    lb_buf_addc(out, '\'');
}

/* Appends one character of s at *i (advancing *i): a valid UTF-8 sequence
 * as is, control characters as a space, an invalid byte as '?'. */
static void put_text_char(struct lb_buf *out, const char *s, size_t len,
                          size_t *i)
{
    uint32_t cp;
    size_t n = lb_utf8_decode(s + *i, len - *i, &cp);

    if (n == 0) {
        lb_buf_addc(out, '?');
        *i += 1;
    } else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
        lb_buf_addc(out, ' ');
        *i += n;
    } else {
        lb_buf_add(out, s + *i, n);
        *i += n;
    }
}

void lb_gp_text(struct lb_buf *out, const char *s, size_t len,
                size_t max_chars)
{
    size_t i = 0, chars = 0, j;

    /* count characters as put_text_char would emit them */
    for (j = 0; j < len; chars++) {
        uint32_t cp;
        size_t n = lb_utf8_decode(s + j, len - j, &cp);

        j += n == 0 ? 1 : n;
    }
    if (max_chars == 0 || chars <= max_chars) {
        while (i < len)
            put_text_char(out, s, len, &i);
        return;
    }
    for (j = 0; j + 3 < max_chars && i < len; j++)
        put_text_char(out, s, len, &i);
    lb_buf_adds(out, "...");
}
