/* fileio.c: see fileio.h for the protocol. O_TMPFILE is Linux's; where the
 * file system refuses it (or /proc is missing to name it), a named temporary
 * file takes its place. The stream of a lb_file_tmp is a stdio stream over
 * our own write function (fopencookie), so that the first failed write and
 * its errno are known, whoever wrote through the stream. */
#define _GNU_SOURCE /* O_TMPFILE, fopencookie, st_mtim */
#include "base/fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "base/quote.h"
#include "base/xalloc.h"

#define READ_CHUNK (1u << 20)
#define WRITE_BUFFER (1u << 16) /* the stream's buffer */
#define TEMP_BASE_MAX 64 /* bytes of the file's name kept in a temporary name */
#define TEMP_TRIES 100   /* N in .NAME.tmp.PID.N */
#define LOCK_POLL_MAX_MS 100 /* longest sleep between tries of a timed lock */
#define TEST_PAUSE_S 60
#define LINK_HOPS_MAX 40 /* links followed before giving up (ELOOP) */

/* {======================================================================
 * Test failures (fileio.h)
 * ======================================================================= */

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

static void sleep_ms(long long ms)
{
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};

    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* LEADERBOARD_TEST_HOLD: once per process, create the marker and wait
 * until a test removes it. */
static void test_hold(void)
{
    static bool done;
    const char *marker = getenv("LEADERBOARD_TEST_HOLD");
    int fd, i;

    if (marker == NULL || marker[0] == '\0' || done)
        return;
    done = true;
    fd = open(marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0)
        close(fd);
    for (i = 0; i < TEST_PAUSE_S * 100 && access(marker, F_OK) == 0; i++)
        sleep_ms(10);
}

/* }====================================================================== */

/* The target of the symbolic link 'path' (st_size: its length, as lstat
 * says), or NULL with errno set; caller frees. */
static char *read_link(const char *path, off_t st_size)
{
    size_t cap = st_size > 0 ? (size_t)st_size + 1 : 256;

    for (;;) {
        char *buf = xmalloc(cap);
        ssize_t n = readlink(path, buf, cap);

        if (n < 0) {
            free(buf);
            return NULL;
        }
        if ((size_t)n < cap) {
            buf[n] = '\0';
            return buf;
        }
        free(buf); /* grew since lstat */
        cap *= 2;
    }
}

char *lb_file_resolve(const char *path, struct lb_error *err)
{
    struct lb_quoted q;
    char *cur = xstrdup(path);
    int hops;

    /* a symbolic link: update the file it points to, not the link; a link
     * to nothing names the file to create, as the shell's '>' does */
    for (hops = 0; hops < LINK_HOPS_MAX; hops++) {
        struct stat st;
        char *target, *next;
        const char *slash;

        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return cur;
        target = read_link(cur, st.st_size);
        if (target == NULL) {
            int e = errno;

            free(cur);
            (void)lb_error_set(err, "cannot follow the symbolic link %s: %s",
                               lb_quotes(&q, path), strerror(e));
            return NULL;
        }
        slash = strrchr(cur, '/');
        if (target[0] == '/' || slash == NULL) {
            next = target;
        } else {
            /* relative to the link's directory */
            size_t dlen = (size_t)(slash - cur) + 1;

            next = xmalloc(dlen + strlen(target) + 1);
            memcpy(next, cur, dlen);
            strcpy(next + dlen, target);
            free(target);
        }
        free(cur);
        cur = next;
    }
    free(cur);
    (void)lb_error_set(err, "cannot follow the symbolic link %s: %s",
                       lb_quotes(&q, path), strerror(ELOOP));
    return NULL;
}

/* {======================================================================
 * Locking and reading
 * ======================================================================= */

static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Takes the exclusive lock on fd as w says. Returns 0, 2 when the
 * deadline passed, or -1 with errno set. */
static int take_lock(int fd, const struct lb_lock_wait *w, long long deadline,
                     bool *announced)
{
    long long step = 1;

    for (;;) {
        long long now;

        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            return 0;
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK)
            return -1;
        if (w == NULL)
            break;
        if (w->timeout_ms == 0)
            return 2;
        if (!*announced) {
            *announced = true;
            if (w->waiting != NULL)
                w->waiting(w->ctx);
        }
        if (w->timeout_ms < 0)
            break;
        now = now_ms();
        if (now >= deadline)
            return 2;
        sleep_ms(deadline - now < step ? deadline - now : step);
        if (step < LOCK_POLL_MAX_MS)
            step *= 2;
    }
    while (flock(fd, LOCK_EX) != 0)
        if (errno != EINTR)
            return -1;
    return 0;
}

int lb_file_lock(const char *path, int *fd_out, const struct lb_lock_wait *w,
                 struct lb_error *err)
{
    struct lb_quoted q;
    long long deadline = w != NULL && w->timeout_ms > 0
                             ? now_ms() + w->timeout_ms
                             : 0;
    bool announced = false;

    for (;;) {
        struct stat held, named;
        /* O_NONBLOCK: opening a FIFO to read waits for a writer (for ever);
         * the type is checked first, the flag dropped after */
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK), e,
            fl, rc;

        if (fd < 0) {
            e = errno;
            if (e == ENOENT)
                return 1;
            return lb_error_set(err, "cannot open %s: %s", lb_quotes(&q, path),
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
        fl = fcntl(fd, F_GETFL);
        if (fl != -1)
            (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
        rc = take_lock(fd, w, deadline, &announced);
        if (rc != 0) {
            e = errno;
            close(fd);
            if (rc == 2)
                return 2;
            return lb_error_set(err, "cannot lock %s: %s", lb_quotes(&q, path),
                                strerror(e));
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

int lb_file_read_snap(int fd, const char *path, struct lb_buf *out,
                      struct lb_file_snap *snap, struct lb_error *err)
{
    struct stat st;
    struct lb_quoted q;

    /* before the read: a change during it shows as a change */
    if (fstat(fd, &st) != 0) {
        int e = errno;

        return lb_error_set(err, "cannot read %s: %s", lb_quotes(&q, path),
                            strerror(e));
    }
    lb_buf_reset(out);
    if (lb_file_read_fd(fd, path, out, err) != 0)
        return -1;
    snap->dev = st.st_dev;
    snap->ino = st.st_ino;
    snap->size = st.st_size;
    snap->mtime = st.st_mtim;
    snap->data = out->data;
    snap->len = out->len;
    return 0;
}

/* Whether 'path' is still the file s describes: the same device and inode,
 * size and modification time, and the same bytes. */
static bool unchanged(const char *path, const struct lb_file_snap *s)
{
    char block[65536];
    struct stat st;
    size_t off = 0;
    bool same;
    int fd;

    if (test_fails_at("changed"))
        return false;
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return false;
    same = fstat(fd, &st) == 0 && st.st_dev == s->dev &&
           st.st_ino == s->ino && st.st_size == s->size &&
           (size_t)st.st_size == s->len &&
           st.st_mtim.tv_sec == s->mtime.tv_sec &&
           st.st_mtim.tv_nsec == s->mtime.tv_nsec;
    while (same) {
        ssize_t n = read(fd, block, sizeof block);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            same = n == 0 && off == s->len;
            break;
        }
        if ((size_t)n > s->len - off ||
            memcmp(block, s->data + off, (size_t)n) != 0)
            same = false;
        off += (size_t)n;
    }
    close(fd);
    return same;
}

/* }====================================================================== */

/* {======================================================================
 * Temporary files
 * ======================================================================= */

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

/* ".NAME.tmp." with NAME cut short enough that a temporary name never
 * exceeds the system's limit on a file name; caller frees. */
static char *temp_base(const char *path)
{
    const char *base = strrchr(path, '/');
    size_t n;
    char *p;

    base = base ? base + 1 : path;
    n = strlen(base) < TEMP_BASE_MAX ? strlen(base) : TEMP_BASE_MAX;
    p = xmalloc(n + 8);
    sprintf(p, ".%.*s.tmp.", (int)n, base);
    return p;
}

/* Whether 's' is "PID.N" (decimal numbers); *pid gets PID. */
static bool parse_temp_suffix(const char *s, long *pid)
{
    char *end;

    if (*s < '0' || *s > '9')
        return false;
    errno = 0;
    *pid = strtol(s, &end, 10);
    if (errno != 0 || *end != '.' || *pid <= 1 || *pid > INT_MAX)
        return false;
    s = end + 1;
    if (*s < '0' || *s > '9')
        return false;
    (void)strtoul(s, &end, 10);
    return *end == '\0';
}

/* Removes from dir the temporary files of 'path' (.NAME.tmp.PID.N) whose
 * writer, process PID, is gone: a writer killed between naming its file
 * and renaming it, or killed while writing a named one. A live process of
 * that number (or one we may not signal) keeps its file. Best effort. */
static void clean_stale(const char *dir, const char *path)
{
    char *prefix = temp_base(path);
    size_t plen = strlen(prefix);
    DIR *d = opendir(dir);
    struct dirent *e;

    if (d == NULL) {
        free(prefix);
        return;
    }
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        long pid;

        if (strncmp(e->d_name, prefix, plen) != 0 ||
            !parse_temp_suffix(e->d_name + plen, &pid) ||
            (pid_t)pid == getpid())
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(st.st_mode))
            (void)unlinkat(dirfd(d), e->d_name, 0);
    }
    closedir(d);
    free(prefix);
}

/* DIR/.NAME.tmp.PID.N for attempt N; caller frees. */
static char *temp_name(const struct lb_file_tmp *t, unsigned attempt)
{
    char *base = temp_base(t->path);
    char *name = xmalloc(strlen(t->dir) + strlen(base) + 48);

    sprintf(name, "%s/%s%ld.%u", t->dir, base, (long)getpid(), attempt);
    free(base);
    return name;
}

/* A named temporary file in t's directory; t->name is set. */
static int open_named_temp(struct lb_file_tmp *t)
{
    unsigned attempt;

    for (attempt = 0; attempt < TEMP_TRIES; attempt++) {
        char *name = temp_name(t, attempt);
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

        if (fd >= 0) {
            t->name = name;
            return fd;
        }
        free(name);
        if (errno != EEXIST)
            return -1;
    }
    errno = EEXIST;
    return -1;
}

/* An unnamed temporary file in dir (O_TMPFILE), or -1. Only where /proc
 * can name it later. */
static int open_unnamed_temp(const char *dir)
{
#ifdef O_TMPFILE
    const char *named = getenv("LEADERBOARD_TEST_NO_TMPFILE");

    if ((named == NULL || named[0] == '\0') &&
        access("/proc/self/fd", X_OK) == 0)
        return open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
#else
    (void)dir;
#endif
    return -1;
}

/* Links the unnamed temporary file of t at 'name'. */
static int link_unnamed(const struct lb_file_tmp *t, const char *name)
{
    char proc[64];

    snprintf(proc, sizeof proc, "/proc/self/fd/%d", t->fd);
    return linkat(AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW);
}

/* Gives the unnamed temporary file of t a name, so that it can be renamed
 * over the target: the last moment it can be seen (fileio.h). */
static int name_temp(struct lb_file_tmp *t)
{
    unsigned attempt;

    for (attempt = 0; attempt < TEMP_TRIES; attempt++) {
        char *name = temp_name(t, attempt);

        if (link_unnamed(t, name) == 0) {
            t->name = name;
            t->unnamed = false;
            return 0;
        }
        free(name);
        if (errno != EEXIST)
            return -1;
    }
    errno = EEXIST;
    return -1;
}

static int sync_dir(const char *dir)
{
    int fd, rc;

    if (test_fails_at("syncdir")) {
        errno = EIO;
        return -1;
    }
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
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

/* }====================================================================== */

/* {======================================================================
 * The stream
 * ======================================================================= */

int lb_file_tmp_write(struct lb_file_tmp *t, const char *data, size_t len)
{
    bool first = t->first_write;

    if (t->error != 0) {
        errno = t->error;
        return -1;
    }
    t->first_write = false;
    if (first && !t->in_place &&
        (test_fails_at("write") || test_fails_at("pause"))) {
        (void)write_all(t->fd, data, len / 2);
        if (test_fails_at("pause"))
            sleep_ms(TEST_PAUSE_S * 1000LL);
        t->error = errno = EIO;
        return -1;
    }
    if (write_all(t->fd, data, len) != 0) {
        t->error = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

static ssize_t stream_write(void *cookie, const char *buf, size_t n)
{
    /* 0 is how a cookie stream says that a write failed */
    return lb_file_tmp_write(cookie, buf, n) == 0 ? (ssize_t)n : 0;
}

static int stream_close(void *cookie)
{
    (void)cookie; /* the descriptor is the lb_file_tmp's */
    return 0;
}

static int make_stream(struct lb_file_tmp *t)
{
    cookie_io_functions_t io = {NULL, stream_write, NULL, stream_close};

    t->fp = fopencookie(t, "w", io);
    if (t->fp == NULL)
        return -1;
    (void)setvbuf(t->fp, NULL, _IOFBF, WRITE_BUFFER);
    return 0;
}

/* Frees and closes what t holds (a named temporary file is removed);
 * keeps t->unsynced. */
static void tmp_release(struct lb_file_tmp *t)
{
    int unsynced = t->unsynced;

    if (t->fp != NULL) {
        t->error = ECANCELED; /* what is still buffered is dropped */
        fclose(t->fp);
    }
    if (t->fd >= 0 && t->path != NULL)
        close(t->fd);
    if (t->name != NULL)
        (void)unlink(t->name);
    free(t->name);
    free(t->path);
    free(t->dir);
    memset(t, 0, sizeof *t);
    t->fd = -1;
    t->unsynced = unsynced;
}

static void tmp_init(struct lb_file_tmp *t, unsigned flags)
{
    memset(t, 0, sizeof *t);
    t->fd = -1;
    t->flags = flags;
    t->first_write = true;
}

/* " (the file is unchanged)" when there is a file to keep. */
static const char *unchanged_note(const struct lb_file_tmp *t)
{
    return t->has_like && !t->in_place ? " (the file is unchanged)" : "";
}

int lb_file_tmp_open(struct lb_file_tmp *t, const char *path, int like_fd,
                     unsigned flags, struct lb_error *err)
{
    struct lb_quoted q;
    struct stat st;
    const char *what = "write";
    mode_t mode, mask;
    int e;

    tmp_init(t, flags);
    if ((flags & LB_FILE_TMP_IN_PLACE) && stat(path, &st) == 0 &&
        !S_ISREG(st.st_mode)) {
        /* a device or a pipe: renaming a file over it would replace it */
        t->path = xstrdup(path);
        t->in_place = true;
        t->fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY);
        if (t->fd < 0 || make_stream(t) != 0)
            goto fail;
        return 0;
    }
    t->path = lb_file_resolve(path, err);
    if (t->path == NULL) {
        tmp_release(t);
        return -1;
    }
    t->dir = dir_of(t->path);
    if (like_fd >= 0 ? fstat(like_fd, &st) == 0
                     : stat(t->path, &st) == 0 && S_ISREG(st.st_mode)) {
        t->like = st;
        t->has_like = true;
    }
    mask = umask(0);
    umask(mask);
    mode = t->has_like ? (t->like.st_mode & 07777) : (0666 & ~mask);
    clean_stale(t->dir, t->path);
    t->fd = open_unnamed_temp(t->dir);
    t->unnamed = t->fd >= 0;
    if (t->fd < 0)
        t->fd = open_named_temp(t);
    if (t->fd < 0) {
        if (t->has_like)
            what = "create a temporary file for";
        goto fail;
    }
    if (set_owner_and_mode(t->fd, t->has_like ? &t->like : NULL, mode) != 0) {
        what = "set the permissions of";
        goto fail;
    }
    if (make_stream(t) != 0)
        goto fail;
    return 0;
fail:
    e = errno;
    (void)lb_error_set(err, "cannot %s %s: %s%s", what, lb_quotes(&q, t->path),
                       strerror(e), unchanged_note(t));
    tmp_release(t);
    return -1;
}

int lb_file_tmp_fd(struct lb_file_tmp *t, int fd, struct lb_error *err)
{
    tmp_init(t, 0);
    t->fd = fd;
    t->in_place = true;
    if (make_stream(t) != 0) {
        int e = errno;

        tmp_release(t);
        return lb_error_set(err, "write error on standard output: %s",
                            strerror(e));
    }
    return 0;
}

bool lb_file_tmp_failed(struct lb_file_tmp *t, struct lb_error *err)
{
    struct lb_quoted q;
    int e;

    if (t->fp == NULL || (t->error == 0 && !ferror(t->fp)))
        return false;
    e = t->error != 0 ? t->error : EIO;
    if (t->path == NULL)
        (void)lb_error_set(err, "write error on standard output: %s",
                           strerror(e));
    else
        (void)lb_error_set(err, "cannot write %s: %s%s", lb_quotes(&q, t->path),
                           strerror(e), unchanged_note(t));
    return true;
}

void lb_file_tmp_abort(struct lb_file_tmp *t)
{
    tmp_release(t);
}

/* Puts t's complete, synced temporary file in place. Returns 0, 1 (the
 * target exists and LB_FILE_TMP_CREATE), or -1 with *what set and errno. */
static int install(struct lb_file_tmp *t, const char **what)
{
    if (t->flags & LB_FILE_TMP_CREATE) {
        /* link fails if the target exists: never replaces a file */
        *what = "create";
        if (t->unnamed ? link_unnamed(t, t->path) != 0
                       : link(t->name, t->path) != 0)
            return errno == EEXIST ? 1 : -1;
        return 0; /* a named temporary file is removed by tmp_release */
    }
    /* a new file: linked in place straight from the unnamed one, so that no
     * other name ever shows */
    if (!t->has_like && t->unnamed && link_unnamed(t, t->path) == 0)
        return 0;
    *what = "create a temporary file for";
    if (t->unnamed && name_temp(t) != 0)
        return -1;
    if (test_fails_at("pause-named"))
        sleep_ms(TEST_PAUSE_S * 1000LL);
    *what = "rename over";
    if (test_fails_at("rename")) {
        errno = EIO;
        return -1;
    }
    if (rename(t->name, t->path) != 0)
        return -1;
    free(t->name); /* it is the target now */
    t->name = NULL;
    return 0;
}

int lb_file_tmp_commit(struct lb_file_tmp *t, const struct lb_file_snap *expect,
                       struct lb_error *err)
{
    struct lb_quoted q;
    const char *what = "write";
    int e = 0, rc;

    if (fflush(t->fp) != 0 || ferror(t->fp) || t->error != 0) {
        e = t->error != 0 ? t->error : (errno != 0 ? errno : EIO);
        goto fail;
    }
    fclose(t->fp); /* the descriptor stays open */
    t->fp = NULL;
    if (t->in_place) {
        if (t->path != NULL) {
            int fd = t->fd;

            t->fd = -1;
            if (close(fd) != 0) {
                e = errno;
                goto fail;
            }
        }
        tmp_release(t);
        return 0;
    }
    what = "sync";
    if (test_fails_at("fsync")) {
        e = EIO;
        goto fail;
    }
    if (fsync(t->fd) != 0) {
        e = errno;
        goto fail;
    }
    if (expect != NULL) {
        test_hold();
        if (!unchanged(t->path, expect)) {
            tmp_release(t);
            return 1;
        }
    }
    rc = install(t, &what);
    if (rc < 0) {
        e = errno;
        goto fail;
    }
    if (rc == 1) {
        tmp_release(t);
        return 1;
    }
    close(t->fd);
    t->fd = -1;
    if (sync_dir(t->dir) != 0)
        t->unsynced = errno ? errno : EIO;
    tmp_release(t);
    return 0;
fail:
    if (t->path == NULL)
        (void)lb_error_set(err, "write error on standard output: %s",
                           strerror(e));
    else
        (void)lb_error_set(err, "cannot %s %s: %s%s", what,
                           lb_quotes(&q, t->path), strerror(e),
                           unchanged_note(t));
    tmp_release(t);
    return -1;
}

/* }====================================================================== */

/* The data through a lb_file_tmp; 2 and a message when the directory's
 * fsync failed. */
static int write_whole(struct lb_file_tmp *t, const char *data, size_t len,
                       const struct lb_file_snap *expect, struct lb_error *err)
{
    char *path = xstrdup(t->path);
    struct lb_quoted q;
    int rc;

    (void)lb_file_tmp_write(t, data, len); /* a failure shows in the commit */
    rc = lb_file_tmp_commit(t, expect, err);
    if (rc == 0 && t->unsynced != 0) {
        rc = 2;
        (void)lb_error_set(err, "%s is written, but syncing its directory "
                                "failed: %s; the change may not survive a "
                                "system crash",
                           lb_quotes(&q, path), strerror(t->unsynced));
    }
    free(path);
    return rc;
}

int lb_file_replace(const char *path, int like_fd, const char *data,
                    size_t len, const struct lb_file_snap *expect,
                    struct lb_error *err)
{
    struct lb_file_tmp t;

    if (lb_file_tmp_open(&t, path, like_fd, 0, err) != 0)
        return -1;
    return write_whole(&t, data, len, expect, err);
}

int lb_file_create(const char *path, const char *data, size_t len,
                   struct lb_error *err)
{
    struct lb_file_tmp t;

    if (lb_file_tmp_open(&t, path, -1, LB_FILE_TMP_CREATE, err) != 0)
        return -1;
    return write_whole(&t, data, len, NULL, err);
}
