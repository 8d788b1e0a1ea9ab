/* gnuplot_run.c: starting gnuplot, without a shell, and checking that it
 * made the image. */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/quote.h"
#include "base/xalloc.h"
#include "export/gnuplot.h"

extern char **environ;

static const unsigned char png_signature[8] = {0x89, 'P', 'N', 'G',
                                               '\r', '\n', 0x1a, '\n'};

/* Whether the first n bytes of an image look like a t image; if not, why
 * in err ('what' names it). */
static bool head_ok(const unsigned char *head, size_t n, enum lb_terminal t,
                    const char *what, struct lb_error *err)
{
    if (n == 0) {
        lb_error_set(err, "gnuplot exited with status 0 but the image %s "
                          "is empty",
                     what);
        return false;
    }
    if (t == LB_TERMINAL_PNG ? n < 8 || memcmp(head, png_signature, 8) != 0
                             : (n < 4 || (memcmp(head, "<?xm", 4) != 0 &&
                                          memcmp(head, "<svg", 4) != 0))) {
        lb_error_set(err, "gnuplot exited with status 0 but %s is not a%s "
                          "image",
                     what, t == LB_TERMINAL_PNG ? " PNG" : "n SVG");
        return false;
    }
    return true;
}

/* Whether 'image' exists and looks like a t image. */
static bool image_ok(const char *image, enum lb_terminal t,
                     struct lb_error *err)
{
    struct lb_quoted q;
    unsigned char head[8];
    size_t n;
    FILE *fp = fopen(image, "rb");

    if (fp == NULL) {
        int e = errno;

        lb_error_set(err, "gnuplot exited with status 0 but made no image %s: %s",
                     lb_quotes(&q, image), strerror(e));
        return false;
    }
    n = fread(head, 1, sizeof head, fp);
    fclose(fp);
    return head_ok(head, n, t, lb_quotes(&q, image), err);
}

/* Starts 'gnuplot SCRIPT' with standard input from /dev/null, standard
 * output to out_fd (or standard error when -1), and the descriptor
 * script_fd (unless -1) as descriptor SCRIPT_FD, and waits for it. 'what'
 * names the script in messages. */
#define SCRIPT_FD 3
static enum lb_gnuplot_status spawn(const char *script, int script_fd,
                                    int out_fd, const char *what,
                                    struct lb_error *err)
{
    posix_spawn_file_actions_t fa;
    char *argv[3] = {xstrdup("gnuplot"), xstrdup(script), NULL};
    pid_t pid;
    int rc, status;

    rc = posix_spawn_file_actions_init(&fa);
    if (rc == 0) {
        rc = posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
                                              O_RDONLY, 0);
        /* dup2 onto itself would keep close-on-exec: never the same */
        assert(script_fd != SCRIPT_FD);
        if (rc == 0 && script_fd >= 0)
            rc = posix_spawn_file_actions_adddup2(&fa, script_fd, SCRIPT_FD);
        /* what it prints is a diagnostic, unless it is the image */
        if (rc == 0)
            rc = posix_spawn_file_actions_adddup2(
                &fa, out_fd < 0 ? STDERR_FILENO : out_fd, STDOUT_FILENO);
        if (rc == 0)
            rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
        posix_spawn_file_actions_destroy(&fa);
    }
    free(argv[0]);
    free(argv[1]);
    if (rc != 0) {
        lb_error_set(err, "cannot run gnuplot: %s", strerror(rc));
        return LB_GNUPLOT_MISSING;
    }
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            int e = errno;

            lb_error_set(err, "waiting for gnuplot: %s", strerror(e));
            return LB_GNUPLOT_FAILED;
        }
    }
    if (WIFSIGNALED(status)) {
        lb_error_set(err, "gnuplot was killed by signal %d on %s",
                     WTERMSIG(status), what);
        return LB_GNUPLOT_FAILED;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        lb_error_set(err, "gnuplot failed on %s (exit status %d)", what,
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return LB_GNUPLOT_FAILED;
    }
    return LB_GNUPLOT_OK;
}

enum lb_gnuplot_status lb_gnuplot_run(const char *script, const char *image,
                                      enum lb_terminal t,
                                      struct lb_error *err)
{
    struct lb_quoted q;
    enum lb_gnuplot_status st;

    /* gnuplot takes a leading '-' for an option and has no '--' */
    assert(script[0] == '/' || strncmp(script, "./", 2) == 0);
    if (unlink(image) != 0 && errno != ENOENT) {
        int e = errno;

        lb_error_set(err, "cannot replace %s: %s", lb_quotes(&q, image),
                     strerror(e));
        return LB_GNUPLOT_FAILED;
    }
    st = spawn(script, -1, -1, lb_quotes(&q, script), err);
    if (st != LB_GNUPLOT_OK)
        return st;
    return image_ok(image, t, err) ? LB_GNUPLOT_OK : LB_GNUPLOT_FAILED;
}

enum lb_gnuplot_status lb_gnuplot_pipe(int script_fd, int out_fd,
                                       enum lb_terminal t,
                                       struct lb_error *err)
{
    unsigned char head[8];
    char path[32];
    ssize_t n;
    enum lb_gnuplot_status st;
    int fd = script_fd;

    /* gnuplot reads a script on standard input a byte per system call (a
     * 5 MB script took 12 s, 0.1 s as a file): it gets the file by its
     * descriptor's name */
    if (fd == SCRIPT_FD) {
        fd = dup(script_fd);
        if (fd < 0) {
            int e = errno;

            lb_error_set(err, "cannot pass a chart's script to gnuplot: %s",
                         strerror(e));
            return LB_GNUPLOT_FAILED;
        }
    }
    snprintf(path, sizeof path, "/dev/fd/%d", SCRIPT_FD);
    st = spawn(path, fd, out_fd, "a chart's script", err);
    if (fd != script_fd)
        close(fd);
    if (st != LB_GNUPLOT_OK)
        return st;
    n = pread(out_fd, head, sizeof head, 0);
    return head_ok(head, n > 0 ? (size_t)n : 0, t, "on standard output", err)
               ? LB_GNUPLOT_OK
               : LB_GNUPLOT_FAILED;
}
