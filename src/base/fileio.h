/* fileio.h: reading a whole file, locking it against other writers, and
 * replacing it atomically and durably.
 *
 * The update protocol of 'leaderboard add' (the user's score file is their
 * record; losing or tearing it is the worst thing the tool can do):
 *   1. lb_file_lock: open the file and take an exclusive flock on it. A
 *      writer that replaced the file meanwhile (rename) leaves the lock on
 *      the old inode, so the lock is retaken until it is held on the inode
 *      that the path names: writers are serialised, and each one reads the
 *      latest file.
 *   2. lb_file_read_fd: read it all, under the lock.
 *   3. lb_file_replace: write the new content to a temporary file in the
 *      same directory (an unnamed O_TMPFILE when the system has it, so a
 *      writer killed mid-write leaves nothing behind), flush and fsync it,
 *      give it the original's owner and group (when allowed) and
 *      permissions, rename it over the original, fsync the directory.
 *      Readers see the old file or the new one, never a part of either.
 *      (A hard link to the original keeps the old content: the new file is
 *      a new inode.)
 * On any failure the original is untouched and no temporary file remains.
 *
 * For tests only, the environment variable LEADERBOARD_TEST_FAIL makes the
 * replace fail on purpose: "write" (after half the bytes), "fsync",
 * "rename", or "pause" (after half the bytes, sleep 60 s: time for a test
 * to kill the process mid-write); LEADERBOARD_TEST_NO_TMPFILE makes it use
 * a named temporary file even where O_TMPFILE works. */
#ifndef LB_BASE_FILEIO_H
#define LB_BASE_FILEIO_H

#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

/* The path to update for 'path': itself, or, for a symbolic link, the file
 * it points to (replacing the link by a regular file would leave the real
 * file behind). Returns a new string (caller frees), or NULL with a message
 * in err (a link to nothing). */
char *lb_file_resolve(const char *path, struct lb_error *err);

/* Opens 'path' and takes an exclusive lock on it (waiting for other
 * writers). Returns 0 with *fd set (close it to unlock), 1 when the file
 * does not exist, or -1 with a message in err (also when it is not a
 * regular file, or not writable by us). */
int lb_file_lock(const char *path, int *fd, struct lb_error *err);

/* Reads all of fd (from its current offset) into out; 'path' names it in
 * messages. Returns 0, or -1 with a message in err. */
int lb_file_read_fd(int fd, const char *path, struct lb_buf *out,
                    struct lb_error *err);

/* Replaces 'path' with data[0..len), keeping the permissions (and, for
 * root, the owner) of the file open as 'like_fd'. Returns 0, or -1 with a
 * message in err and nothing changed. */
int lb_file_replace(const char *path, int like_fd, const char *data,
                    size_t len, struct lb_error *err);

/* Creates 'path' with data[0..len) (mode 0666 less the umask), atomically
 * and only if it does not exist. Returns 0, 1 when the file exists already,
 * or -1 with a message in err. */
int lb_file_create(const char *path, const char *data, size_t len,
                   struct lb_error *err);

#endif
