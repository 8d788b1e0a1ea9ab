/* fileio.c: see fileio.h for the protocol. O_TMPFILE is Linux's; where the
 * file system refuses it, a named temporary file takes its place. */
#define _GNU_SOURCE /* O_TMPFILE */
#include "base/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/quote.h"
#include "base/xalloc.h"

#define READ_CHUNK (1u << 20)

/* The failure a test asked for, or NULL. */
static const char *test_failure(void)
{
    const char *s = getenv("LEADERBOARD_TEST_FAIL");

    return s != NULL && s[0] != '\0' ? s : NULL;
}

static bool test_fails_at(const char *step)
{
    const char *s = test_failure();

    return s != NULL && strcmp(s, step) == 0;
}

int lb_file_lock(const char *path, int *fd_out, struct lb_error *err)
{
    struct lb_quoted q;

    for (;;) {
        struct stat held, named;
        int fd = open(path, O_RDONLY | O_CLOEXEC), e;

        if (fd < 0) {
            e = errno;
            if (e == ENOENT)
                return 1;
            return lb_error_set(err, "cannot open %s: %s", lb_quotes(&q, path),
                                strerror(e));
        }
        while (flock(fd, LOCK_EX) != 0) {
            if (errno == EINTR)
                continue;
            e = errno;
            close(fd);
            return lb_error_set(err, "cannot lock %s: %s", lb_quotes(&q, path),
                                strerror(e));
        }
        if (fstat(fd, &held) != 0) {
            e = errno;
            close(fd);
            return lb_error_set(err, "cannot read %s: %s", lb_quotes(&q, path),
                                strerror(e));
        }
        if (S_ISDIR(held.st_mode)) {
            close(fd);
            return lb_error_set(err, "cannot update %s: it is a directory",
                                lb_quotes(&q, path));
        }
        /* another writer may have renamed a new file over the path while we
         * waited: then our lock is on the old file; take the new one's */
        if (stat(path, &named) == 0 && named.st_dev == held.st_dev &&
            named.st_ino == held.st_ino) {
            *fd_out = fd;
            return 0;
        }
        close(fd);
    }
}

int lb_file_read_fd(int fd, const char *path, struct lb_buf *out,
                    struct lb_error *err)
{
    struct lb_quoted q;

    for (;;) {
        ssize_t n;

        lb_buf_reserve(out, READ_CHUNK);
        n = read(fd, out->data + out->len, READ_CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;

            return lb_error_set(err, "cannot read %s: %s", lb_quotes(&q, path),
                                strerror(e));
        }
        if (n == 0)
            break;
        out->len += (size_t)n;
        out->data[out->len] = '\0';
    }
    return 0;
}

/* The directory part of path ("." when there is none); caller frees. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (slash == NULL)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xmemdup0(path, (size_t)(slash - path));
}

static int write_all(int fd, const char *data, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        done += (size_t)n;
    }
    return 0;
}

/* Writes data to fd and syncs it, with the test failures of fileio.h. */
static int write_and_sync(int fd, const char *data, size_t len)
{
    size_t half = len / 2;

    if (test_failure() != NULL && (test_fails_at("write") || test_fails_at("pause"))) {
        if (write_all(fd, data, half) != 0)
            return -1;
        if (test_fails_at("pause"))
            sleep(60);
        errno = EIO;
        return -1;
    }
    if (write_all(fd, data, len) != 0)
        return -1;
    if (test_fails_at("fsync")) {
        errno = EIO;
        return -1;
    }
    return fsync(fd);
}

/* A temporary file in directory 'dir': unnamed (O_TMPFILE) when possible,
 * else named (then *name is set; caller frees and, on failure, unlinks). */
static int open_temp(const char *dir, const char *path, mode_t mode,
                     char **name)
{
    const char *base = strrchr(path, '/');
    char *tmpl;
    int fd;

    *name = NULL;
#ifdef O_TMPFILE
    const char *named = getenv("LEADERBOARD_TEST_NO_TMPFILE");

    if (named == NULL || named[0] == '\0') {
        fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
        if (fd >= 0)
            return fd;
    }
#endif
    base = base ? base + 1 : path;
    tmpl = xmalloc(strlen(dir) + strlen(base) + sizeof "/..tmp.XXXXXX");
    sprintf(tmpl, "%s/.%s.tmp.XXXXXX", dir, base);
    fd = mkstemp(tmpl);
    if (fd < 0) {
        free(tmpl);
        return -1;
    }
    *name = tmpl;
    return fd;
}

/* Gives an unnamed temporary file a name in dir, so that it can be renamed
 * over the target. Returns the name (caller frees and unlinks), or NULL. */
static char *name_temp(int fd, const char *dir, const char *path)
{
    const char *base = strrchr(path, '/');
    char proc[64], *name;
    unsigned attempt;

    base = base ? base + 1 : path;
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    name = xmalloc(strlen(dir) + strlen(base) + 64);
    for (attempt = 0; attempt < 100; attempt++) {
        sprintf(name, "%s/.%s.tmp.%ld.%u", dir, base, (long)getpid(), attempt);
        if (linkat(AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0)
            return name;
        if (errno != EEXIST)
            break;
    }
    free(name);
    return NULL;
}

static int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

/* Writes data into a new file in path's directory, then installs it with
 * install(tmpname, path): rename (replace) or link (create if absent).
 * 'like' gives the mode (and owner) to keep, or NULL for a new file. */
static int write_new(const char *path, const struct stat *like,
                     const char *data, size_t len, bool replace,
                     struct lb_error *err)
{
    char *dir = dir_of(path), *name = NULL;
    struct lb_quoted q;
    mode_t mode, mask;
    int fd, e = 0, rc = -1;
    const char *what = "write";

    mask = umask(0);
    umask(mask);
    mode = like ? (like->st_mode & 07777) : (0666 & ~mask);
    fd = open_temp(dir, path, 0600, &name);
    if (fd < 0) {
        e = errno;
        goto out;
    }
    /* the original's permissions; its owner too when we may (root) */
    if (fchmod(fd, mode) != 0) {
        e = errno;
        goto out;
    }
    if (like != NULL && geteuid() == 0 &&
        fchown(fd, like->st_uid, like->st_gid) != 0) {
        e = errno;
        goto out;
    }
    if (write_and_sync(fd, data, len) != 0) {
        e = errno;
        goto out;
    }
    if (name == NULL && (name = name_temp(fd, dir, path)) == NULL) {
        e = errno;
        goto out;
    }
    if (test_fails_at("rename")) {
        e = EIO;
        what = "rename";
        goto out;
    }
    if (replace) {
        if (rename(name, path) != 0) {
            e = errno;
            what = "rename";
            goto out;
        }
        free(name); /* it is the target now */
        name = NULL;
    } else if (link(name, path) != 0) {
        /* link, unlike rename, fails when the target exists */
        e = errno;
        what = "create";
        goto out;
    }
    rc = 0;
out:
    if (fd >= 0)
        close(fd);
    if (name != NULL) {
        (void)unlink(name);
        free(name);
    }
    if (rc == 0 && sync_dir(dir) != 0) {
        /* the new file is in place; only its durability is in doubt */
        e = errno;
        rc = lb_error_set(err, "%s was written, but syncing its directory "
                               "failed: %s",
                          lb_quotes(&q, path), strerror(e));
    } else if (rc != 0 && (replace || e != EEXIST)) {
        (void)lb_error_set(err, "cannot %s %s: %s%s", what,
                           lb_quotes(&q, path), strerror(e),
                           replace ? " (the file is unchanged)" : "");
    }
    free(dir);
    if (rc != 0 && !replace && e == EEXIST)
        return 1;
    return rc;
}

int lb_file_replace(const char *path, int like_fd, const char *data,
                    size_t len, struct lb_error *err)
{
    struct stat st;
    struct lb_quoted q;

    if (fstat(like_fd, &st) != 0) {
        int e = errno;

        return lb_error_set(err, "cannot read %s: %s", lb_quotes(&q, path),
                            strerror(e));
    }
    return write_new(path, &st, data, len, true, err);
}

int lb_file_create(const char *path, const char *data, size_t len,
                   struct lb_error *err)
{
    return write_new(path, NULL, data, len, false, err);
}
