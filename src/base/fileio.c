/* fileio.c: see fileio.h for the protocol. O_TMPFILE is Linux's; where the
 * file system refuses it (or /proc is missing to name it), a named temporary
 * file takes its place. */
#define _GNU_SOURCE /* O_TMPFILE */
#include "base/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
#define TEMP_BASE_MAX 64 /* bytes of the file's name kept in a temporary name */

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

char *lb_file_resolve(const char *path, struct lb_error *err)
{
    struct stat st;
    struct lb_quoted q;
    char *real;

    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
        return xstrdup(path);
    /* a symbolic link: update the file it points to, not the link */
    real = realpath(path, NULL);
    if (real == NULL) {
        int e = errno;

        (void)lb_error_set(err, "cannot follow the symbolic link %s: %s",
                           lb_quotes(&q, path), strerror(e));
        return NULL;
    }
    return real;
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
        if (!S_ISREG(held.st_mode)) {
            close(fd);
            return lb_error_set(err, "cannot update %s: it is not a regular "
                                     "file",
                                lb_quotes(&q, path));
        }
        /* another writer may have renamed a new file over the path while we
         * waited: then our lock is on the old file; take the new one's */
        if (stat(path, &named) == 0 && named.st_dev == held.st_dev &&
            named.st_ino == held.st_ino) {
            if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0) {
                e = errno;
                close(fd);
                return lb_error_set(err, "cannot update %s: %s",
                                    lb_quotes(&q, path), strerror(e));
            }
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

/* "DIR/.NAME.tmp." with NAME cut short enough that a temporary name never
 * exceeds the system's limit on a file name; caller frees. */
static char *temp_prefix(const char *dir, const char *path)
{
    const char *base = strrchr(path, '/');
    size_t n;
    char *p;

    base = base ? base + 1 : path;
    n = strlen(base) < TEMP_BASE_MAX ? strlen(base) : TEMP_BASE_MAX;
    p = xmalloc(strlen(dir) + n + 16);
    sprintf(p, "%s/.%.*s.tmp.", dir, (int)n, base);
    return p;
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

/* Writes data to fd, with the test failures of fileio.h. */
static int write_data(int fd, const char *data, size_t len)
{
    if (test_fails_at("write") || test_fails_at("pause")) {
        if (write_all(fd, data, len / 2) != 0)
            return -1;
        if (test_fails_at("pause"))
            sleep(60);
        errno = EIO;
        return -1;
    }
    return write_all(fd, data, len);
}

static int sync_data(int fd)
{
    if (test_fails_at("fsync")) {
        errno = EIO;
        return -1;
    }
    return fsync(fd);
}

/* A named temporary file in dir; *name is set (caller frees). */
static int open_named_temp(const char *dir, const char *path, char **name)
{
    char *prefix = temp_prefix(dir, path);
    char *tmpl = xmalloc(strlen(prefix) + sizeof "XXXXXX");
    int fd;

    sprintf(tmpl, "%sXXXXXX", prefix);
    free(prefix);
    fd = mkstemp(tmpl);
    if (fd < 0) {
        free(tmpl);
        return -1;
    }
    *name = tmpl;
    return fd;
}

/* An unnamed temporary file in dir (O_TMPFILE), or -1. */
static int open_unnamed_temp(const char *dir)
{
#ifdef O_TMPFILE
    const char *named = getenv("LEADERBOARD_TEST_NO_TMPFILE");

    if (named == NULL || named[0] == '\0')
        return open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
#else
    (void)dir;
#endif
    return -1;
}

/* Gives an unnamed temporary file a name in dir, so that it can be renamed
 * over the target. Returns the name (caller frees), or NULL. */
static char *name_temp(int fd, const char *dir, const char *path)
{
    char proc[64], *prefix = temp_prefix(dir, path), *name;
    unsigned attempt;

    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    name = xmalloc(strlen(prefix) + 48);
    for (attempt = 0; attempt < 100; attempt++) {
        sprintf(name, "%s%ld.%u", prefix, (long)getpid(), attempt);
        if (linkat(AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0) {
            free(prefix);
            return name;
        }
        if (errno != EEXIST)
            break;
    }
    free(prefix);
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

/* Owner and group first (changing them clears set-user-ID bits), then the
 * mode. Root keeps the owner; anyone keeps the group when a member of it. */
static int set_owner_and_mode(int fd, const struct stat *like, mode_t mode)
{
    if (like != NULL) {
        if (geteuid() == 0) {
            if (fchown(fd, like->st_uid, like->st_gid) != 0)
                return -1;
        } else {
            (void)fchown(fd, (uid_t)-1, like->st_gid); /* not a member: skip */
        }
    }
    return fchmod(fd, mode);
}

struct step {
    const char *what; /* "write", "sync", ... for the message */
    int e;            /* errno */
};

/* Writes data into a complete temporary file in dir, named in *name. */
static int make_temp(const char *dir, const char *path, const struct stat *like,
                     mode_t mode, const char *data, size_t len, char **name,
                     struct step *st)
{
    int fd = open_unnamed_temp(dir);
    bool unnamed = fd >= 0;

    *name = NULL;
    if (!unnamed)
        fd = open_named_temp(dir, path, name);
    if (fd < 0) {
        st->what = "create a temporary file for";
        st->e = errno;
        return -1;
    }
    if (set_owner_and_mode(fd, like, mode) != 0) {
        st->what = "set the permissions of";
        goto fail;
    }
    if (write_data(fd, data, len) != 0) {
        st->what = "write";
        goto fail;
    }
    if (sync_data(fd) != 0) {
        st->what = "sync";
        goto fail;
    }
    if (unnamed && (*name = name_temp(fd, dir, path)) == NULL) {
        /* no /proc to name it: start over with a named file */
        close(fd);
        fd = open_named_temp(dir, path, name);
        if (fd < 0 || set_owner_and_mode(fd, like, mode) != 0 ||
            write_data(fd, data, len) != 0 || sync_data(fd) != 0) {
            st->what = "write";
            goto fail;
        }
    }
    close(fd);
    return 0;
fail:
    st->e = errno;
    if (fd >= 0)
        close(fd);
    if (*name != NULL) {
        (void)unlink(*name);
        free(*name);
        *name = NULL;
    }
    return -1;
}

/* Writes data into a new file in path's directory, then installs it: rename
 * (replace) or link (create only if absent). 'like' gives the mode and owner
 * to keep, or NULL for a new file. Returns 0, 1 (create: the file exists),
 * or -1 with a message. */
static int write_new(const char *path, const struct stat *like,
                     const char *data, size_t len, bool replace,
                     struct lb_error *err)
{
    char *dir = dir_of(path), *name = NULL;
    struct lb_quoted q;
    struct step st = {NULL, 0};
    mode_t mode, mask;
    int rc = -1;

    mask = umask(0);
    umask(mask);
    mode = like ? (like->st_mode & 07777) : (0666 & ~mask);
    if (make_temp(dir, path, like, mode, data, len, &name, &st) != 0)
        goto out;
    if (test_fails_at("rename")) {
        st.what = "rename over";
        st.e = EIO;
    } else if (replace) {
        if (rename(name, path) == 0) {
            free(name); /* it is the target now */
            name = NULL;
            rc = 0;
        } else {
            st.what = "rename over";
            st.e = errno;
        }
    } else if (link(name, path) == 0) { /* link fails if the target exists */
        rc = 0;
    } else {
        st.what = "create";
        st.e = errno;
    }
out:
    if (name != NULL) {
        (void)unlink(name);
        free(name);
    }
    if (rc == 0 && sync_dir(dir) != 0) {
        int e = errno;

        /* the new file is in place; only its durability is in doubt */
        rc = lb_error_set(err, "%s was written, but syncing its directory "
                               "failed: %s",
                          lb_quotes(&q, path), strerror(e));
    } else if (rc != 0 && !replace && st.e == EEXIST &&
               strcmp(st.what, "create") == 0) {
        rc = 1;
    } else if (rc != 0) {
        (void)lb_error_set(err, "cannot %s %s: %s%s", st.what,
                           lb_quotes(&q, path), strerror(st.e),
                           replace ? " (the file is unchanged)" : "");
    }
    free(dir);
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
