/* publish.c: the checks of the options that say how a table is published
 * (struct lb_publish in view.h), and the model links of the HTML page.
 *
 * What a user gives here ends up inside HTML attributes or LaTeX code, so
 * each check admits only what cannot run as code there: a link is an
 * http(s) URL whose host is fixed (a model's name goes only into its path,
 * percent-encoded); a width is a TeX length of a few known shapes; a label
 * a plain word. The rest (title, caption, source) is text, escaped by the
 * writers. */
#include <string.h>

#include "base/quote.h"
#include "export/view.h"

#define PLACEHOLDER "{model}"

int lb_publish_link_check(const char *s, struct lb_error *err)
{
    struct lb_quoted q;
    const char *host, *p;
    size_t i;

    if (strncmp(s, "https://", 8) == 0)
        host = s + 8;
    else if (strncmp(s, "http://", 7) == 0)
        host = s + 7;
    else
        return lb_error_set(err, LB_OPT("link") ": %s is not an http:// or "
                                 "https:// URL",
                            lb_quotes(&q, s));
    for (i = 0; s[i] != '\0'; i++)
        if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7F)
            return lb_error_set(err, LB_OPT("link") ": %s has a blank or a "
                                     "control character (write a space as "
                                     "%%20)",
                                lb_quotes(&q, s));
    p = host + strcspn(host, "/?#");
    if (p == host)
        return lb_error_set(err, LB_OPT("link") ": %s names no host",
                            lb_quotes(&q, s));
    if (memchr(host, '{', (size_t)(p - host)) != NULL)
        return lb_error_set(err, LB_OPT("link") ": in %s the host is not "
                                 "fixed: put " PLACEHOLDER " after it, in the "
                                 "path "
                                 "(https://huggingface.co/" PLACEHOLDER ")",
                            lb_quotes(&q, s));
    if (strstr(p, PLACEHOLDER) == NULL)
        return lb_error_set(err, LB_OPT("link") ": %s has no " PLACEHOLDER
                                 " to put the model's name in "
                                 "(https://huggingface.co/" PLACEHOLDER ")",
                            lb_quotes(&q, s));
    return 0;
}

void lb_publish_link(struct lb_buf *out, const char *t, const char *model,
                     size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    const char *at;
    size_t i;

    while ((at = strstr(t, PLACEHOLDER)) != NULL) {
        lb_buf_add(out, t, (size_t)(at - t));
        for (i = 0; i < len; i++) {
            unsigned char c = (unsigned char)model[i];

            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                c == '~' || c == '/') {
                lb_buf_addc(out, (char)c);
            } else {
                lb_buf_addc(out, '%');
                lb_buf_addc(out, hex[c >> 4]);
                lb_buf_addc(out, hex[c & 15]);
            }
        }
        t = at + strlen(PLACEHOLDER);
    }
    lb_buf_adds(out, t);
}

int lb_publish_width_check(const char *s, struct lb_error *err)
{
    static const char *const lengths[] = {"\\linewidth", "\\textwidth",
                                          "\\columnwidth", "\\hsize", NULL};
    static const char *const units[] = {"pt", "mm", "cm", "in", "em", "ex",
                                        "bp", "pc", "dd", "cc", "sp", NULL};
    struct lb_quoted q;
    const char *p = s;
    size_t k, digits = 0;

    while (*p >= '0' && *p <= '9') {
        p++;
        digits++;
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            p++;
            digits++;
        }
    }
    if (digits > 0 || p == s) {
        for (k = 0; lengths[k] != NULL; k++)
            if (strcmp(p, lengths[k]) == 0)
                return 0;
        for (k = 0; digits > 0 && units[k] != NULL; k++)
            if (strcmp(p, units[k]) == 0)
                return 0;
    }
    return lb_error_set(err, LB_OPT("width") ": %s is not a width (a number "
                             "and a unit, 12cm; or \\linewidth, \\textwidth, "
                             "\\columnwidth, \\hsize, maybe after a factor: "
                             "0.9\\linewidth)",
                        lb_quotes(&q, s));
}

int lb_publish_label_check(const char *s, struct lb_error *err)
{
    struct lb_quoted q;
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                         "0123456789:._-+/");

    if (n > 0 && s[n] == '\0')
        return 0;
    return lb_error_set(err, LB_OPT("label") ": %s is not a label (letters, "
                             "digits and : . _ - + / only: tab:board)",
                        lb_quotes(&q, s));
}
