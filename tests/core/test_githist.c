/* test_githist.c: a file's versions in git (core/githist.h), from
 * repositories made here with libgit2 in a temporary directory. */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include "test_util.h"

#include <git2.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/githist.h"

struct repo {
    char dir[64];
    git_repository *r;
    int64_t t; /* the next commit's time */
};

static void put(struct repo *p, const char *path, const char *text)
{
    char full[256];
    FILE *f;

    snprintf(full, sizeof full, "%s/%s", p->dir, path);
    f = fopen(full, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* Commits the work tree's 'paths' (added, or removed when absent) a day
 * after the commit before. */
static void commit(struct repo *p, const char *const *paths, const char *msg)
{
    git_index *idx;
    git_oid tree_id, parent_id, id;
    git_tree *tree;
    git_signature *sig;
    git_commit *parent = NULL;
    char full[256];
    size_t i;

    assert_int_equal(git_repository_index(&idx, p->r), 0);
    for (i = 0; paths[i] != NULL; i++) {
        snprintf(full, sizeof full, "%s/%s", p->dir, paths[i]);
        if (access(full, F_OK) == 0)
            assert_int_equal(git_index_add_bypath(idx, paths[i]), 0);
        else
            assert_int_equal(git_index_remove_bypath(idx, paths[i]), 0);
    }
    assert_int_equal(git_index_write(idx), 0);
    assert_int_equal(git_index_write_tree(&tree_id, idx), 0);
    assert_int_equal(git_tree_lookup(&tree, p->r, &tree_id), 0);
    p->t += 86400;
    assert_int_equal(git_signature_new(&sig, "T", "t@example.com",
                                       (git_time_t)p->t, 0), 0);
    if (git_reference_name_to_id(&parent_id, p->r, "HEAD") == 0)
        assert_int_equal(git_commit_lookup(&parent, p->r, &parent_id), 0);
    assert_int_equal(git_commit_create_v(&id, p->r, "HEAD", sig, sig, NULL,
                                         msg, tree, parent ? 1 : 0, parent),
                     0);
    git_commit_free(parent);
    git_signature_free(sig);
    git_tree_free(tree);
    git_index_free(idx);
}

static void make(struct repo *p)
{
    char sub[128];

    strcpy(p->dir, "/tmp/lb-githist-XXXXXX");
    assert_non_null(mkdtemp(p->dir));
    git_libgit2_init();
    assert_int_equal(git_repository_init(&p->r, p->dir, 0), 0);
    snprintf(sub, sizeof sub, "%s/sub", p->dir);
    assert_int_equal(mkdir(sub, 0777), 0);
    p->t = 1767225600; /* 2026-01-01 */
}

static void rm_rf(const char *dir)
{
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void drop(struct repo *p)
{
    git_repository_free(p->r);
    git_libgit2_shutdown();
    rm_rf(p->dir);
}

static const char *const board[] = {"sub/board.csv", NULL};
static const char *const other[] = {"other.txt", NULL};

/* Four commits: the file added, an unrelated one, the file changed, the
 * file deleted, added again. */
static void history(struct repo *p)
{
    put(p, "sub/board.csv", "model,ARC\na,1\n");
    commit(p, board, "add"); /* 2026-01-02 */
    put(p, "other.txt", "x\n");
    commit(p, other, "unrelated");
    put(p, "sub/board.csv", "model,ARC\na,2\n");
    commit(p, board, "change"); /* 2026-01-04 */
    {
        char full[256];

        snprintf(full, sizeof full, "%s/sub/board.csv", p->dir);
        assert_int_equal(remove(full), 0);
    }
    commit(p, board, "delete");
    put(p, "sub/board.csv", "model,ARC\na,3\n");
    commit(p, board, "again"); /* 2026-01-06 */
}

static void test_githist_versions(void **state)
{
    struct repo p;
    struct lb_git_history h;
    struct lb_git_limits lim = {0, 0};
    struct lb_error err;
    char path[128];

    (void)state;
    make(&p);
    history(&p);
    snprintf(path, sizeof path, "%s/sub/board.csv", p.dir);
    lb_error_init(&err);
    if (lb_git_history_read(&h, path, &lim, &err) != 0) {
        print_error("%s\n", err.msg);
        fail();
    }
    assert_int_equal(h.n, 3);
    assert_string_equal(h.path, "sub/board.csv");
    assert_string_equal(h.v[0].data, "model,ARC\na,1\n");
    assert_string_equal(h.v[0].date, "2026-01-02");
    assert_string_equal(h.v[0].summary, "add");
    assert_string_equal(h.v[1].data, "model,ARC\na,2\n");
    assert_string_equal(h.v[2].data, "model,ARC\na,3\n");
    assert_string_equal(h.v[2].summary, "again");
    assert_int_equal(strlen(h.v[2].id), 40);
    assert_false(h.shallow);
    assert_false(h.limited);
    lb_git_history_release(&h);
    drop(&p);
}

/* --last and --since leave the older versions out. */
static void test_githist_limits(void **state)
{
    struct repo p;
    struct lb_git_history h;
    struct lb_git_limits lim = {2, 0};
    struct lb_error err;
    char path[128];

    (void)state;
    make(&p);
    history(&p);
    snprintf(path, sizeof path, "%s/sub/board.csv", p.dir);
    assert_int_equal(lb_git_history_read(&h, path, &lim, &err), 0);
    assert_int_equal(h.n, 2);
    assert_string_equal(h.v[0].data, "model,ARC\na,2\n");
    assert_true(h.limited);
    lb_git_history_release(&h);
    lim.last = 0;
    assert_true(lb_git_parse_date("2026-01-04", &lim.since));
    assert_int_equal(lb_git_history_read(&h, path, &lim, &err), 0);
    assert_int_equal(h.n, 2);
    assert_string_equal(h.v[0].date, "2026-01-04");
    lb_git_history_release(&h);
    assert_true(lb_git_parse_date("2027-01-01", &lim.since));
    assert_int_equal(lb_git_history_read(&h, path, &lim, &err), -1);
    assert_non_null(strstr(msg_of(&err), "no commit changed"));
    assert_non_null(strstr(msg_of(&err), "(--since)"));
    lb_git_history_release(&h);
    drop(&p);
}

/* A path relative to the current directory, inside a subdirectory. */
static void test_githist_relative_path(void **state)
{
    struct repo p;
    struct lb_git_history h;
    struct lb_git_limits lim = {0, 0};
    struct lb_error err;
    char sub[128], *cwd = getcwd(NULL, 0);

    (void)state;
    make(&p);
    history(&p);
    snprintf(sub, sizeof sub, "%s/sub", p.dir);
    assert_int_equal(chdir(sub), 0);
    assert_int_equal(lb_git_history_read(&h, "board.csv", &lim, &err), 0);
    assert_int_equal(h.n, 3);
    assert_string_equal(h.path, "sub/board.csv");
    lb_git_history_release(&h);
    assert_int_equal(lb_git_history_read(&h, "../sub/./board.csv", &lim, &err),
                     0);
    assert_int_equal(h.n, 3);
    lb_git_history_release(&h);
    assert_int_equal(chdir(cwd), 0);
    free(cwd);
    drop(&p);
}

static void test_githist_errors(void **state)
{
    struct repo p;
    struct lb_git_history h;
    struct lb_git_limits lim = {0, 0};
    struct lb_error err;
    char path[160], bare[64];

    (void)state;
    make(&p);
    snprintf(path, sizeof path, "%s/sub/board.csv", p.dir);
    /* no commit yet */
    assert_int_equal(lb_git_history_read(&h, path, &lim, &err), -1);
    assert_non_null(strstr(err.msg, "has no commit yet"));
    lb_git_history_release(&h);
    history(&p);
    /* never committed */
    snprintf(path, sizeof path, "%s/sub/new.csv", p.dir);
    assert_int_equal(lb_git_history_read(&h, path, &lim, &err), -1);
    assert_non_null(strstr(err.msg, "new.csv' was never committed"));
    lb_git_history_release(&h);
    /* a directory */
    snprintf(path, sizeof path, "%s/sub", p.dir);
    assert_int_equal(lb_git_history_read(&h, path, &lim, &err), -1);
    assert_non_null(strstr(err.msg, "is a directory in commit"));
    lb_git_history_release(&h);
    /* a directory that does not exist */
    snprintf(path, sizeof path, "%s/nowhere/board.csv", p.dir);
    assert_int_equal(lb_git_history_read(&h, path, &lim, &err), -1);
    assert_non_null(strstr(err.msg, "cannot open"));
    lb_git_history_release(&h);
    drop(&p);
    /* not in a repository */
    strcpy(bare, "/tmp/lb-githist-XXXXXX");
    assert_non_null(mkdtemp(bare));
    snprintf(path, sizeof path, "%s/board.csv", bare);
    assert_int_equal(lb_git_history_read(&h, path, &lim, &err), -1);
    assert_non_null(strstr(err.msg, "is not in a git repository"));
    lb_git_history_release(&h);
    rm_rf(bare);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_githist_versions),
        cmocka_unit_test(test_githist_limits),
        cmocka_unit_test(test_githist_relative_path),
        cmocka_unit_test(test_githist_errors),
    };

    return cmocka_run_group_tests_name("githist", tests, NULL, NULL);
}
