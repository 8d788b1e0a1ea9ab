#include "base/error.h"

#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void lb_error_init(struct lb_error *err)
{
    err->msg[0] = '\0';
}

int lb_error_set(struct lb_error *err, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return -1;
    va_start(ap, fmt);
    (void)vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return -1;
}

void lb_error_render(struct lb_buf *out, const char *msg, const char *prefix)
{
    bool open = false;

    for (;;) {
        const char *mark = strchr(msg, LB_OPT_MARK);

        if (mark == NULL) {
            lb_buf_adds(out, msg);
            return;
        }
        lb_buf_add(out, msg, (size_t)(mark - msg));
        if (!open)
            lb_buf_adds(out, prefix);
        open = !open;
        msg = mark + 1;
    }
}
