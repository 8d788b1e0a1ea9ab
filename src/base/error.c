#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>

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
