/* gnuplot_run.c: starting gnuplot on a script, without a shell, and
 * checking that it made the image. */
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

/* Whether 'image' exists, is not empty and starts like a t image; if not,
 * why in err. */
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
    if (n == 0) {
        lb_error_set(err, "gnuplot exited with status 0 but the image %s "
                          "is empty",
                     lb_quotes(&q, image));
        return false;
    }
    if (t == LB_TERMINAL_PNG ? n < sizeof head ||
                                   memcmp(head, png_signature, sizeof head) != 0
                             : (n < 4 || (memcmp(head, "<?xm", 4) != 0 &&
                                          memcmp(head, "<svg", 4) != 0))) {
        lb_error_set(err, "gnuplot exited with status 0 but %s is not a%s "
                          "image",
                     lb_quotes(&q, image),
                     t == LB_TERMINAL_PNG ? " PNG" : "n SVG");
        return false;
    }
    return true;
}

enum lb_gnuplot_status lb_gnuplot_run(const char *script, const char *image,
                                      enum lb_terminal t,
                                      struct lb_error *err)
{
    struct lb_quoted q;
    posix_spawn_file_actions_t fa;
    char *argv[3];
    pid_t pid;
    int rc, status;

    /* gnuplot takes a leading '-' for an option and has no '--' */
    assert(script[0] == '/' || strncmp(script, "./", 2) == 0);
    if (unlink(image) != 0 && errno != ENOENT) {
        int e = errno;

        lb_error_set(err, "cannot replace %s: %s", lb_quotes(&q, image),
                     strerror(e));
        return LB_GNUPLOT_FAILED;
    }
    argv[0] = xstrdup("gnuplot");
    argv[1] = xstrdup(script);
    argv[2] = NULL;
    rc = posix_spawn_file_actions_init(&fa);
    if (rc == 0) {
        /* nothing to read; what it prints is a diagnostic */
        rc = posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
                                              O_RDONLY, 0);
        if (rc == 0)
            rc = posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO,
                                                  STDOUT_FILENO);
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
                     WTERMSIG(status), lb_quotes(&q, script));
        return LB_GNUPLOT_FAILED;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        lb_error_set(err, "gnuplot failed on %s (exit status %d)",
                     lb_quotes(&q, script),
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return LB_GNUPLOT_FAILED;
    }
    return image_ok(image, t, err) ? LB_GNUPLOT_OK : LB_GNUPLOT_FAILED;
}
