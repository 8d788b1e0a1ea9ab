/* fileio.h: reading a whole file, locking it against other writers, and
 * replacing a file atomically and durably, as a stream.
 *
 * One mechanism writes every file the program makes or replaces (the score
 * file of 'add' and 'import', 'rank -o', 'diff -o', plot's scripts and
 * data): lb_file_tmp_open gives a stream on an unnamed temporary file
 * (O_TMPFILE) in the target's directory; lb_file_tmp_commit flushes and
 * fsyncs it, gives it a name only then, renames it over the target and
 * fsyncs the directory. Readers see the old file or the new one, never a
 * part of either; on any failure the target is untouched, and a writer
 * killed at any point leaves nothing behind but, when killed between the
 * naming and the rename (a few system calls), its temporary file
 * .NAME.tmp.PID.N, which the next writer of NAME removes once process PID
 * is gone (as it removes a named temporary file, used where O_TMPFILE is
 * not, of a writer killed while it wrote). A symbolic link is followed
 * (the file it points to is replaced, the link stays), and the new file
 * keeps the replaced one's permissions, its group (when we are a member)
 * and, for root, its owner.
 * (A hard link to the old file keeps the old content: the new file is a new
 * inode.)
 *
 * The update protocol of 'leaderboard add' (the user's score file is their
 * record; losing or tearing it is the worst thing the tool can do):
 *   1. lb_file_lock: open the file and take an exclusive flock on it. A
 *      writer that replaced the file meanwhile (rename) leaves the lock on
 *      the old inode, so the lock is retaken until it is held on the inode
 *      that the path names: writers are serialised, and each one reads the
 *      latest file.
 *   2. lb_file_read_snap: read it all, under the lock, and note what the
 *      file was (device, inode, size, modification time, bytes).
 *   3. lb_file_replace: write the new content through lb_file_tmp_open, and
 *      commit it with that note: just before the rename, the file is
 *      checked to be still the one read (a program that does not take the
 *      lock, such as 'echo ... >> board.csv', may have changed it); if it
 *      is not, nothing is replaced and the caller starts over from the new
 *      content. (A change in the few system calls between that check and
 *      the rename is still lost: only a writer that takes the lock is safe
 *      from that.)
 *
 * For tests only, the environment variable LEADERBOARD_TEST_FAIL makes the
 * replace fail on purpose: "write" (the first write of each file writes
 * half its bytes, then fails), "pause" (the same, then sleeps 60 s: time for
 * a test to kill the process mid-write), "fsync", "rename", "syncdir" (the
 * directory's fsync after the rename), "pause-named" (sleeps 60 s between
 * naming the temporary file and renaming it), "changed" (the file is taken
 * to have changed since it was read); LEADERBOARD_TEST_NO_TMPFILE makes it
 * use a named temporary file even where O_TMPFILE works;
 * LEADERBOARD_TEST_HOLD=MARKER makes the first commit that checks a
 * snapshot create the file MARKER and wait (60 s at most) until it is
 * removed, before the check: time for a test to change the file. */
#ifndef LB_BASE_FILEIO_H
#define LB_BASE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#include "base/buf.h"
#include "base/error.h"

/* The path to update for 'path': itself, or, for a symbolic link, the file
 * it points to, links followed one by one (replacing the link by a regular
 * file would leave the real file behind); for a link to nothing, the file
 * it names, to be created there as the shell's '>' would. Returns a new
 * string (caller frees), or NULL with a message in err (a loop of links, an
 * unreadable link). */
char *lb_file_resolve(const char *path, struct lb_error *err);

/* {======================================================================
 * Locking and reading a score file
 * ======================================================================= */

/* How lb_file_lock waits for a lock that another writer holds. */
struct lb_lock_wait {
    long long timeout_ms;       /* < 0: for ever; 0: not at all */
    void (*waiting)(const void *ctx); /* called once, before waiting; or
                                         NULL */
    const void *ctx;                  /* passed to waiting */
};

/* Opens 'path' and takes an exclusive lock on it, waiting for other
 * writers as w says (NULL: for ever, silently). The file is opened without
 * blocking, so that a FIFO is refused at once rather than waited on.
 * Returns 0 with *fd set (close it to unlock), 1 when the file does not
 * exist, 2 when another writer still held the lock after w->timeout_ms
 * (nothing is left open), or -1 with a message in err (also when it is not
 * a regular file, or not writable by us). */
int lb_file_lock(const char *path, int *fd, const struct lb_lock_wait *w,
                 struct lb_error *err);

/* Reads all of fd (from its current offset) into out; 'path' names it in
 * messages. Returns 0, or -1 with a message in err. */
int lb_file_read_fd(int fd, const char *path, struct lb_buf *out,
                    struct lb_error *err);

/* What a file was when it was read, to check before replacing it that
 * nobody changed it since. */
struct lb_file_snap {
    dev_t dev;             /* device and inode: the same file */
    ino_t ino;
    off_t size;            /* size and modification time when read */
    struct timespec mtime;
    const char *data;      /* the bytes read (not owned) */
    size_t len;
};

/* Reads all of fd, open on 'path' at its start, into out (emptied first),
 * and fills snap: the file's identity before the read and the bytes read
 * (snap->data points into out: valid while out is unchanged). Returns 0, or
 * -1 with a message in err. */
int lb_file_read_snap(int fd, const char *path, struct lb_buf *out,
                      struct lb_file_snap *snap, struct lb_error *err);

/* }====================================================================== */

/* {======================================================================
 * Writing a file as a stream, put in place whole (see the top)
 * ======================================================================= */

enum {
    LB_FILE_TMP_CREATE = 1u,  /* commit only if the target does not exist */
    LB_FILE_TMP_IN_PLACE = 2u /* a target that exists and is not a regular
                                 file (/dev/null, a FIFO, /dev/stdout) is
                                 written into directly, not replaced */
};

/* An output being written. The caller writes to fp only; the other fields
 * are the module's (readable after a commit: unsynced). */
struct lb_file_tmp {
    FILE *fp;          /* write the new content here */
    char *path;        /* the file written: the target, links followed;
                          NULL for a descriptor (lb_file_tmp_fd) */
    char *dir;         /* the target's directory */
    char *name;        /* the temporary file's name once it has one */
    int fd;            /* the temporary file, or what is written in place */
    int error;         /* errno of the first failed write, or 0 */
    int unsynced;      /* after a commit that returned 0: errno of the
                          directory's failed fsync (the file is in place but
                          may not survive a system crash), or 0 */
    unsigned flags;    /* LB_FILE_TMP_* */
    bool in_place;     /* written directly: a device, a FIFO, a descriptor */
    bool unnamed;      /* an O_TMPFILE without a name yet */
    bool has_like;     /* the target exists: like holds its owner and mode */
    bool first_write;  /* no write reached the file yet (test failures) */
    struct stat like;
};

/* Opens a new version of 'path' to write (see the top), in its directory,
 * after removing the temporary files that dead writers left there. Owner,
 * group and permissions are those of the file open as like_fd, or when
 * like_fd is -1 those of 'path' if it exists, else 0666 less the umask.
 * Returns 0, or -1 with a message in err. */
int lb_file_tmp_open(struct lb_file_tmp *t, const char *path, int like_fd,
                     unsigned flags, struct lb_error *err);

/* The same stream over an open descriptor (standard output), written in
 * place and not closed: the commit only flushes it. Returns 0, or -1 with a
 * message in err. */
int lb_file_tmp_fd(struct lb_file_tmp *t, int fd, struct lb_error *err);

/* Writes data[0..len) to t directly (not through fp: fp must hold nothing
 * unflushed). Returns 0, or -1 (the error is reported by the commit). */
int lb_file_tmp_write(struct lb_file_tmp *t, const char *data, size_t len);

/* Puts the new version in place: flushes and fsyncs it, checks (when
 * 'expect' is not NULL) that the target is still the file 'expect'
 * describes, names it and renames it over the target (LB_FILE_TMP_CREATE:
 * links it there, only if the target does not exist), fsyncs the
 * directory. t is released in every case. Returns 0 (in place; t->unsynced
 * tells whether the directory's fsync failed), 1 when nothing was put in
 * place because the target exists (LB_FILE_TMP_CREATE) or is no longer the
 * file 'expect' describes, or -1 with a message in err naming the file (the
 * target unchanged). */
int lb_file_tmp_commit(struct lb_file_tmp *t, const struct lb_file_snap *expect,
                       struct lb_error *err);

/* Discards the new version (the target is untouched); t is released. */
void lb_file_tmp_abort(struct lb_file_tmp *t);

/* Whether a write to t has failed: then true, with a message naming the
 * file in err ("cannot write 'FILE': REASON", or "write error on standard
 * output: REASON"). */
bool lb_file_tmp_failed(struct lb_file_tmp *t, struct lb_error *err);

/* Replaces 'path' with data[0..len) (lb_file_tmp_open, write, commit),
 * keeping the permissions (and, for root, the owner) of the file open as
 * 'like_fd', if it is still the file 'expect' describes (NULL: whatever it
 * is). Returns 0; 1 when it is not that file (nothing changed); 2 when the
 * file is replaced but the directory's fsync failed (a message in err: the
 * change may not survive a system crash); or -1 with a message in err and
 * nothing changed. */
int lb_file_replace(const char *path, int like_fd, const char *data,
                    size_t len, const struct lb_file_snap *expect,
                    struct lb_error *err);

/* Creates 'path' with data[0..len) (mode 0666 less the umask), atomically
 * and only if it does not exist. Returns 0, 1 when the file exists already,
 * 2 as lb_file_replace, or -1 with a message in err. */
int lb_file_create(const char *path, const char *data, size_t len,
                   struct lb_error *err);

/* }====================================================================== */

#endif
