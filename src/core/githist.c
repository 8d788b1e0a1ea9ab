/* githist.c: a file's versions in its git history, through libgit2 (see
 * githist.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "core/githist.h"

#include <errno.h>
#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/quote.h"
#include "base/xalloc.h"

/* s[0..n) as a new string. */
static char *dup_n(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);

    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* libgit2's message for the last failure, or a word when it has none. */
static const char *git_message(void)
{
    const git_error *e = git_error_last();

    return e != NULL && e->message != NULL ? e->message : "unknown error";
}

/* The absolute, resolved path of 'file': its directory resolved
 * (realpath), then its last component as given, so that a file deleted
 * from the work tree (or a link) is still found by name. */
static char *absolute_path(const char *file, struct lb_error *err)
{
    struct lb_quoted q;
    const char *slash = strrchr(file, '/');
    char *dir, *real, *out;
    const char *base = slash != NULL ? slash + 1 : file;
    size_t n;

    if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
        lb_error_set(err, "%s is not a file", lb_quotes(&q, file));
        return NULL;
    }
    if (slash == NULL)
        dir = xstrdup(".");
    else if (slash == file)
        dir = xstrdup("/");
    else
        dir = dup_n(file, (size_t)(slash - file));
    real = realpath(dir, NULL);
    if (real == NULL) {
        int e = errno;

        lb_error_set(err, "cannot open %s: %s", lb_quotes(&q, file),
                     strerror(e));
        free(dir);
        return NULL;
    }
    n = strlen(real);
    out = xmalloc(n + strlen(base) + 2);
    memcpy(out, real, n);
    if (n == 0 || out[n - 1] != '/')
        out[n++] = '/';
    strcpy(out + n, base);
    free(real);
    free(dir);
    return out;
}

void lb_git_history_release(struct lb_git_history *h)
{
    size_t i;

    if (h == NULL)
        return;
    for (i = 0; i < h->n; i++) {
        free(h->v[i].summary);
        free(h->v[i].data);
    }
    free(h->v);
    free(h->workdir);
    free(h->path);
    memset(h, 0, sizeof *h);
}

/* The blob of h->path in commit c into *id; returns 1 when there, 0 when
 * the commit lacks the file, -1 with err on failure (or a directory). */
static int blob_of(const struct lb_git_history *h, git_commit *c, git_oid *id,
                   const char *file, struct lb_error *err)
{
    struct lb_quoted q;
    git_tree *tree = NULL;
    git_tree_entry *e = NULL;
    char hex[LB_GIT_SHORT + 1];
    int rc;

    git_oid_tostr(hex, sizeof hex, git_commit_id(c));
    if (git_commit_tree(&tree, c) != 0)
        return lb_error_set(err, "cannot read commit %s: %s", hex,
                            git_message());
    rc = git_tree_entry_bypath(&e, tree, h->path);
    if (rc == GIT_ENOTFOUND) {
        rc = 0;
    } else if (rc != 0) {
        rc = lb_error_set(err, "cannot read %s in commit %s: %s",
                          lb_quotes(&q, file), hex, git_message());
    } else if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
        rc = lb_error_set(err, "%s is a directory in commit %s, not a file",
                          lb_quotes(&q, file), hex);
    } else {
        git_oid_cpy(id, git_tree_entry_id(e));
        rc = 1;
    }
    git_tree_entry_free(e);
    git_tree_free(tree);
    return rc;
}

/* Appends commit c's version of the file (blob 'id'). */
static int add_version(git_repository *repo, struct lb_git_history *h,
                       size_t *cap, git_commit *c, const git_oid *id,
                       struct lb_error *err)
{
    struct lb_git_version *v;
    git_blob *blob = NULL;
    const char *summary;
    time_t t;
    struct tm tm;

    if (git_blob_lookup(&blob, repo, id) != 0)
        return lb_error_set(err, "cannot read %s: %s", h->path, git_message());
    if (h->n == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        h->v = xreallocarray(h->v, *cap, sizeof *h->v);
    }
    v = &h->v[h->n++];
    memset(v, 0, sizeof *v);
    git_oid_tostr(v->id, sizeof v->id, git_commit_id(c));
    memcpy(v->short_id, v->id, LB_GIT_SHORT);
    v->short_id[LB_GIT_SHORT] = '\0';
    v->time = (int64_t)git_commit_time(c);
    t = (time_t)v->time;
    if (gmtime_r(&t, &tm) == NULL ||
        strftime(v->date, sizeof v->date, "%Y-%m-%d", &tm) == 0)
        strcpy(v->date, "0000-00-00");
    summary = git_commit_summary(c);
    v->summary = xstrdup(summary != NULL ? summary : "");
    v->len = (size_t)git_blob_rawsize(blob);
    v->data = xmalloc(v->len + 1);
    memcpy(v->data, git_blob_rawcontent(blob), v->len);
    v->data[v->len] = '\0';
    git_blob_free(blob);
    return 0;
}

/* Opens the repository holding abs (a resolved absolute path) and sets
 * h->workdir and h->path. */
static int open_repo(git_repository **repo, struct lb_git_history *h,
                     const char *abs, const char *file, struct lb_error *err)
{
    struct lb_quoted q;
    char *dir = dup_n(abs, (size_t)(strrchr(abs, '/') - abs) + 1);
    const char *wd;
    char *real;
    size_t n;
    int rc;

    rc = git_repository_open_ext(repo, dir, 0, NULL);
    free(dir);
    if (rc == GIT_ENOTFOUND)
        return lb_error_set(err, "%s is not in a git repository (none in its "
                                 "directory or above)",
                            lb_quotes(&q, file));
    if (rc != 0)
        return lb_error_set(err, "cannot open the git repository of %s: %s",
                            lb_quotes(&q, file), git_message());
    wd = git_repository_workdir(*repo);
    if (wd == NULL)
        return lb_error_set(err, "%s is in a bare git repository (no work "
                                 "tree)",
                            lb_quotes(&q, file));
    real = realpath(wd, NULL);
    if (real == NULL)
        real = xstrdup(wd);
    n = strlen(real);
    h->workdir = xmalloc(n + 2);
    memcpy(h->workdir, real, n + 1);
    free(real);
    if (n == 0 || h->workdir[n - 1] != '/') {
        h->workdir[n++] = '/';
        h->workdir[n] = '\0';
    }
    if (strncmp(abs, h->workdir, n) != 0 || abs[n] == '\0')
        return lb_error_set(err, "%s is outside the work tree of its git "
                                 "repository (%s)",
                            lb_quotes(&q, file), h->workdir);
    h->path = xstrdup(abs + n);
    return 0;
}

/* Walks HEAD's first parents, newest first, collecting the versions. */
static int walk(git_repository *repo, struct lb_git_history *h,
                const char *file, const struct lb_git_limits *lim,
                struct lb_error *err)
{
    struct lb_quoted q;
    git_object *head = NULL;
    git_commit *c = NULL, *p = NULL;
    git_oid id, pid;
    size_t cap = 0;
    int has, phas = 0, rc = -1;

    if (git_repository_head_unborn(repo) == 1)
        return lb_error_set(err, "the git repository of %s has no commit yet",
                            lb_quotes(&q, file));
    if (git_revparse_single(&head, repo, "HEAD") != 0 ||
        git_object_peel((git_object **)&c, head, GIT_OBJECT_COMMIT) != 0) {
        lb_error_set(err, "cannot read HEAD of the git repository of %s: %s",
                     lb_quotes(&q, file), git_message());
        goto out;
    }
    if ((has = blob_of(h, c, &id, file, err)) < 0)
        goto out;
    for (;;) {
        int prc = 0;
        bool changed;

        h->walked++;
        if (lim->since > 0 && (int64_t)git_commit_time(c) < lim->since) {
            h->limited = true;
            break;
        }
        if (git_commit_parentcount(c) > 0) {
            prc = git_commit_parent(&p, c, 0);
            if (prc == GIT_ENOTFOUND && git_repository_is_shallow(repo) == 1) {
                h->shallow = true;
                p = NULL;
            } else if (prc != 0) {
                char hex[LB_GIT_SHORT + 1];

                git_oid_tostr(hex, sizeof hex, git_commit_id(c));
                lb_error_set(err, "cannot read the parent of commit %s: %s",
                             hex, git_message());
                goto out;
            }
        }
        phas = 0;
        if (p != NULL && (phas = blob_of(h, p, &pid, file, err)) < 0)
            goto out;
        changed = has == 1 && (phas == 0 || !git_oid_equal(&id, &pid));
        if (changed && add_version(repo, h, &cap, c, &id, err) != 0)
            goto out;
        if (p == NULL)
            break;
        if (lim->last > 0 && h->n == lim->last) {
            h->limited = true;
            break;
        }
        git_commit_free(c);
        c = p;
        p = NULL;
        has = phas;
        id = pid;
    }
    rc = 0;
out:
    git_commit_free(p);
    git_commit_free(c);
    git_object_free(head);
    return rc;
}

int lb_git_history_read(struct lb_git_history *h, const char *file,
                        const struct lb_git_limits *lim, struct lb_error *err)
{
    struct lb_quoted q;
    git_repository *repo = NULL;
    char *abs;
    size_t i;
    int rc = -1;

    memset(h, 0, sizeof *h);
    abs = absolute_path(file, err);
    if (abs == NULL)
        return -1;
    if (git_libgit2_init() < 0) {
        free(abs);
        return lb_error_set(err, "cannot start libgit2: %s", git_message());
    }
    if (open_repo(&repo, h, abs, file, err) != 0 ||
        walk(repo, h, file, lim, err) != 0)
        goto out;
    if (h->n == 0) {
        if (h->limited)
            lb_error_set(err, "no commit changed %s in the dates asked for "
                              "(" LB_OPT("since") ")",
                         lb_quotes(&q, file));
        else
            lb_error_set(err, "%s was never committed (no commit of HEAD's "
                              "history has it)",
                         lb_quotes(&q, file));
        goto out;
    }
    /* oldest first */
    for (i = 0; i < h->n / 2; i++) {
        struct lb_git_version t = h->v[i];

        h->v[i] = h->v[h->n - 1 - i];
        h->v[h->n - 1 - i] = t;
    }
    rc = 0;
out:
    git_repository_free(repo);
    git_libgit2_shutdown();
    free(abs);
    return rc;
}

bool lb_git_parse_date(const char *s, int64_t *out)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d, i;
    int64_t days;
    bool leap;

    for (i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
            return false;
    if (s[10] != '\0')
        return false;
    y = atoi(s);
    m = atoi(s + 5);
    d = atoi(s + 8);
    leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1970 || m < 1 || m > 12 || d < 1 ||
        d > mdays[m - 1] + (m == 2 && leap))
        return false;
    /* days from civil (Howard Hinnant's algorithm) */
    {
        int yy = m <= 2 ? y - 1 : y;
        int era = yy / 400;
        int yoe = yy - era * 400;
        int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

        days = (int64_t)era * 146097 + doe - 719468;
    }
    *out = days * 86400;
    return true;
}
