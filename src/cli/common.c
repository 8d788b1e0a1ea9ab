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
#include "export/format.h"

/* Prints "PREFIX MESSAGE\n" on stderr, the options that library messages
 * name (LB_OPT) spelt as flags: "--weights". */
static void say(const char *prefix, const char *fmt, va_list ap)
{
    struct lb_buf raw = LB_BUF_INIT, out = LB_BUF_INIT;
    va_list copy;
    int n;

    va_copy(copy, ap);
    n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    lb_buf_reserve(&raw, n > 0 ? (size_t)n : 0);
    (void)vsnprintf(raw.data, raw.cap, fmt, ap);
    lb_buf_adds(&out, prefix);
    lb_error_render(&out, lb_buf_str(&raw), "--");
    lb_buf_addc(&out, '\n');
    fputs(lb_buf_str(&out), stderr);
    lb_buf_release(&raw);
    lb_buf_release(&out);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    say("leaderboard: ", fmt, ap);
    va_end(ap);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    struct lb_buf prefix = LB_BUF_INIT;
    va_list ap;

    lb_buf_addf(&prefix, "leaderboard %s: ", cmd);
    va_start(ap, fmt);
    say(lb_buf_str(&prefix), fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try 'leaderboard %s --help' for more information.\n",
            cmd);
    lb_buf_release(&prefix);
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

int cli_format_option(const char *cmd, int c, const char *arg,
                      struct cli_format *f)
{
    struct lb_buf names = LB_BUF_INIT;
    struct lb_quoted q;
    int rc;

    if (c == 'o') {
        f->output = arg;
        return 0;
    }
    f->format = lb_format_find(arg);
    if (f->format != NULL) {
        f->given = true;
        return 0;
    }
    lb_format_list(&names, " or ");
    rc = cli_usage_error(cmd, "--format: %s is not %s", lb_quotes(&q, arg),
                         lb_buf_str(&names));
    lb_buf_release(&names);
    return rc;
}

void cli_format_finish(struct cli_format *f)
{
    if (!f->given && f->output != NULL)
        f->format = lb_format_for_path(f->output);
    if (f->format == NULL)
        f->format = lb_formats[0];
}

void cli_format_help(FILE *fp)
{
    struct lb_buf b = LB_BUF_INIT;

    lb_buf_adds(&b, "Output\n"
                    "  -f, --format FORMAT       the output's format (default "
                    "for -o: from the\n"
                    "                            file's extension):\n");
    lb_format_help(&b, 30);
    lb_buf_adds(&b, "  -o, --output FILE         write to FILE (replaced only "
                    "when complete)\n");
    fputs(lb_buf_str(&b), fp);
    lb_buf_release(&b);
}
