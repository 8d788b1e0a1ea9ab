/* githist.h: the versions of a file in its git history, read with libgit2
 * (never by running git): each commit of HEAD's first-parent history that
 * changed the file, oldest first, with the file's bytes at that commit.
 *
 * First parent: the history of the branch as it was checked out, as
 * 'git log --first-parent -- FILE' lists it; a merge that brought a change
 * in is the commit that changed the file. A commit changed the file when
 * the file's blob differs from its first parent's (or the parent lacks it,
 * or the commit has no parent). A commit that deleted the file is not a
 * version (there is no board to rank); the file added again later is.
 *
 * A shallow clone stops the walk at its oldest commit: that commit's file
 * is a version (whether or not the commit changed it, which cannot be
 * known), and 'shallow' says so. */
#ifndef LB_CORE_GITHIST_H
#define LB_CORE_GITHIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

#define LB_GIT_ID_HEX 40 /* a SHA-1 commit id in hex */
#define LB_GIT_SHORT 7   /* the short id shown */

/* One version of the file. */
struct lb_git_version {
    char id[LB_GIT_ID_HEX + 1];    /* the commit's id */
    char short_id[LB_GIT_SHORT + 1]; /* its first 7 hex digits */
    int64_t time;                  /* committer time, seconds since the
                                      epoch */
    char date[11];                 /* that time as YYYY-MM-DD (UTC) */
    char *summary;                 /* the message's first line (owned) */
    char *data;                    /* the file's bytes (owned) */
    size_t len;
};

/* What to read: at most 'last' versions (0: all), only those committed on
 * or after 'since' (seconds since the epoch; 0: no limit). */
struct lb_git_limits {
    size_t last;
    int64_t since;
};

struct lb_git_history {
    char *workdir;              /* the repository's work tree, absolute,
                                   ending in '/' (owned) */
    char *path;                 /* the file's path inside it (owned) */
    struct lb_git_version *v;   /* the versions, oldest first (owned) */
    size_t n;
    size_t walked;              /* commits looked at */
    bool shallow;               /* the walk stopped at a shallow clone's
                                   oldest commit (v[0] is its version) */
    bool limited;               /* 'last' or 'since' left older versions
                                   out */
};

/* Reads the versions of 'file' (a path as the user gave it, relative to
 * the current directory or absolute; the file need not exist in the work
 * tree any more, its directory must) from the repository that holds it
 * (found as git finds it: in the file's directory or above). Returns 0 with
 * at least one version, or -1 with a message in err: not in a repository,
 * a bare repository, no commit yet, the file never committed on HEAD's
 * first-parent history (or not since lim->since), a directory, an object
 * libgit2 cannot read. Release *h with lb_git_history_release in both
 * cases. */
int lb_git_history_read(struct lb_git_history *h, const char *file,
                        const struct lb_git_limits *lim, struct lb_error *err);

void lb_git_history_release(struct lb_git_history *h);

/* Parses a date YYYY-MM-DD (a real day) into the seconds since the epoch
 * at 00:00 UTC; false otherwise. */
bool lb_git_parse_date(const char *s, int64_t *out);

#endif
