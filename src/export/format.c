/* format.c: the table of output formats (see format.h). */
#include "export/format.h"

#include <errno.h>
#include <string.h>

#define LB_FORMAT_ROW(name) &lb_format_##name,
const struct lb_format *const lb_formats[] = {LB_FORMATS(LB_FORMAT_ROW)};
#undef LB_FORMAT_ROW

const size_t lb_nformats = sizeof lb_formats / sizeof lb_formats[0];

/* Whether word is one of the space-separated words of list. */
static bool in_list(const char *list, const char *word)
{
    size_t n = strlen(word);

    while (*list != '\0') {
        size_t k = strcspn(list, " ");

        if (k == n && n > 0 && memcmp(list, word, n) == 0)
            return true;
        list += k;
        list += strspn(list, " ");
    }
    return false;
}

const struct lb_format *lb_format_find(const char *s)
{
    size_t i;

    for (i = 0; i < lb_nformats; i++)
        if (strcmp(s, lb_formats[i]->name) == 0 ||
            in_list(lb_formats[i]->aliases, s))
            return lb_formats[i];
    return NULL;
}

const struct lb_format *lb_format_for_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    size_t i;

    if (dot == NULL || (slash != NULL && dot < slash))
        return NULL;
    for (i = 0; i < lb_nformats; i++)
        if (in_list(lb_formats[i]->exts, dot + 1))
            return lb_formats[i];
    return NULL;
}

void lb_format_list(struct lb_buf *out, const char *last)
{
    size_t i;

    for (i = 0; i < lb_nformats; i++) {
        if (i > 0)
            lb_buf_adds(out, i + 1 == lb_nformats ? last : ", ");
        lb_buf_adds(out, lb_formats[i]->name);
    }
}

/* Appends words of text from column 'col', wrapping at 79 columns to
 * column 'indent'. */
static void wrap(struct lb_buf *out, const char *text, size_t col,
                 size_t indent)
{
    while (*text != '\0') {
        size_t k = strcspn(text, " ");

        if (col > indent && col + 1 + k > 79) {
            lb_buf_addc(out, '\n');
            lb_buf_addpad(out, ' ', indent);
            col = indent;
        } else if (col > indent) {
            lb_buf_addc(out, ' ');
            col++;
        }
        lb_buf_add(out, text, k);
        col += k;
        text += k;
        text += strspn(text, " ");
    }
}

void lb_format_help(struct lb_buf *out, size_t indent)
{
    size_t i;

    for (i = 0; i < lb_nformats; i++) {
        struct lb_buf line = LB_BUF_INIT;

        lb_buf_addpad(out, ' ', indent);
        lb_buf_adds(&line, lb_formats[i]->name);
        if (i == 0)
            lb_buf_adds(&line, " (default)");
        lb_buf_addf(&line, ": %s", lb_formats[i]->help);
        wrap(out, lb_buf_str(&line), indent, indent + 2);
        lb_buf_addc(out, '\n');
        lb_buf_release(&line);
    }
}

int lb_format_write(const struct lb_format *f, FILE *out,
                    const struct lb_view *v, struct lb_error *err)
{
    int rc = f->write(out, v, err);

    if (rc == 0 && ferror(out)) {
        int e = errno;

        return lb_error_set(err, "write error: %s", strerror(e));
    }
    return rc;
}
