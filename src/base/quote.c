#include "base/quote.h"

#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"

#define QUOTE_WIDTH 60
#define QUOTE_BYTES 180

const char *lb_quote(struct lb_quoted *q, const char *s, size_t len)
{
    struct lb_buf b = LB_BUF_INIT;
    size_t n, cut = len;

    /* Zero-width characters take bytes but no columns: bound the bytes
     * too, cutting at a character boundary. */
    if (cut > QUOTE_BYTES) {
        cut = QUOTE_BYTES;
        while (cut > QUOTE_BYTES - 3 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
    }
    lb_buf_addc(&b, '\'');
    (void)lb_utf8_render(&b, s, cut, QUOTE_WIDTH);
    if (cut < len && !(b.len >= 3 && memcmp(b.data + b.len - 3, "...", 3) == 0))
        lb_buf_adds(&b, "...");
    lb_buf_addc(&b, '\'');
    /* at most QUOTE_BYTES of text or QUOTE_WIDTH columns of escapes (an
     * escape takes as many bytes as columns): this always fits */
    n = b.len < sizeof q->s - 1 ? b.len : sizeof q->s - 1;
    memcpy(q->s, b.data, n);
    q->s[n] = '\0';
    lb_buf_release(&b);
    return q->s;
}

const char *lb_quotes(struct lb_quoted *q, const char *s)
{
    return lb_quote(q, s, strlen(s));
}
