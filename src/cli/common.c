#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/quote.h"
#include "base/xalloc.h"
#include "cli/cli.h"

void cli_error(const char *fmt, ...)
{
    va_list ap;

    fputs("leaderboard: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "leaderboard %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'leaderboard %s --help' for more information.\n",
            cmd);
    return LB_EXIT_USAGE;
}

int cli_option_error(const char *cmd, int c, char **argv)
{
    struct lb_quoted q;
    const char *arg = argv[optind - 1];

    if (c == ':')
        return cli_usage_error(cmd, "option %s needs a value",
                               lb_quotes(&q, arg));
    if (optopt != 0 && strncmp(arg, "--", 2) != 0) {
        char opt[3] = {'-', (char)optopt, '\0'};

        return cli_usage_error(cmd, "unknown option %s", lb_quotes(&q, opt));
    }
    return cli_usage_error(cmd, "unknown option %s", lb_quotes(&q, arg));
}

bool cli_parse_size(const char *s, unsigned long min, unsigned long max,
                    unsigned long *out)
{
    unsigned long v = 0;
    const char *p = s;

    if (*p == '\0')
        return false;
    for (; *p != '\0'; p++) {
        if (*p < '0' || *p > '9')
            return false;
        if (v > (max - (unsigned long)(*p - '0')) / 10)
            return false;
        v = v * 10 + (unsigned long)(*p - '0');
    }
    if (v < min)
        return false;
    *out = v;
    return true;
}

int cli_number_option(const char *cmd, const char *option, const char *arg,
                      unsigned long min, unsigned long max,
                      unsigned long *out)
{
    struct lb_quoted q;

    if (cli_parse_size(arg, min, max, out))
        return 0;
    return cli_usage_error(cmd, "%s: %s is not a whole number from %lu to %lu",
                           option, lb_quotes(&q, arg), min, max);
}

int cli_output_open(struct cli_output *o, const char *path)
{
    struct stat st;
    struct lb_quoted q;
    mode_t mask;
    int fd;

    memset(o, 0, sizeof *o);
    if (path == NULL || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return 0;
    }
    o->path = xstrdup(path);
    /* a device or a pipe (/dev/null, /dev/stdout, a FIFO) is written in
     * place: renaming a file over it would replace it */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        o->fp = fopen(path, "w");
        if (o->fp == NULL) {
            int e = errno;

            cli_error("cannot write %s: %s", lb_quotes(&q, path), strerror(e));
            free(o->path);
            memset(o, 0, sizeof *o);
            return -1;
        }
        return 0;
    }
    o->tmp = xmalloc(strlen(path) + sizeof ".tmp.XXXXXX");
    strcpy(o->tmp, path);
    strcat(o->tmp, ".tmp.XXXXXX");
    fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;

        cli_error("cannot write %s: %s", lb_quotes(&q, path), strerror(e));
        free(o->path);
        free(o->tmp);
        memset(o, 0, sizeof *o);
        return -1;
    }
    /* mkstemp makes the file 0600; give it the mode a new file would get */
    mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    o->fp = fdopen(fd, "w");
    if (o->fp == NULL) {
        int e = errno;

        close(fd);
        cli_error("cannot write %s: %s", lb_quotes(&q, path), strerror(e));
        cli_output_abort(o);
        return -1;
    }
    return 0;
}

int cli_output_commit(struct cli_output *o)
{
    struct lb_quoted q;
    int e = 0;

    if (o->path == NULL)
        return fflush(o->fp) == 0 ? 0 : -1;
    if (o->tmp == NULL) { /* written in place */
        bool failed = fflush(o->fp) != 0 || ferror(o->fp);

        e = errno;
        if (fclose(o->fp) != 0 && !failed) {
            failed = true;
            e = errno;
        }
        if (failed)
            cli_error("cannot write %s: %s", lb_quotes(&q, o->path),
                      strerror(e ? e : EIO));
        free(o->path);
        memset(o, 0, sizeof *o);
        return failed ? -1 : 0;
    }
    if (fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0)
        e = errno ? errno : EIO;
    if (fclose(o->fp) != 0 && e == 0)
        e = errno ? errno : EIO;
    o->fp = NULL;
    if (e == 0 && rename(o->tmp, o->path) != 0)
        e = errno;
    if (e != 0) {
        cli_error("cannot write %s: %s", lb_quotes(&q, o->path), strerror(e));
        cli_output_abort(o);
        return -1;
    }
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
    return 0;
}

void cli_output_abort(struct cli_output *o)
{
    if (o->path != NULL) {
        if (o->fp != NULL)
            fclose(o->fp);
        if (o->tmp != NULL)
            unlink(o->tmp);
    }
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}
