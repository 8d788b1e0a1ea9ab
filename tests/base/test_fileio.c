#include "test_util.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/fileio.h"

struct dir {
    char path[64];
    char file[96];
};

static int setup(void **state)
{
    struct dir *d = malloc(sizeof *d);

    strcpy(d->path, "/tmp/lb_fileio_XXXXXX");
    if (mkdtemp(d->path) == NULL)
        return -1;
    snprintf(d->file, sizeof d->file, "%s/board.csv", d->path);
    *state = d;
    return 0;
}

static int teardown(void **state)
{
    struct dir *d = *state;
    DIR *dp = opendir(d->path);
    struct dirent *e;
    char p[400];

    while (dp != NULL && (e = readdir(dp)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", d->path, e->d_name);
        unlink(p);
    }
    if (dp != NULL)
        closedir(dp);
    rmdir(d->path);
    free(d);
    return 0;
}

static void write_file(const char *path, const char *s, mode_t mode)
{
    FILE *fp = fopen(path, "w");

    assert_non_null(fp);
    fputs(s, fp);
    assert_int_equal(fclose(fp), 0);
    assert_int_equal(chmod(path, mode), 0);
}

static void content_is(const char *path, const char *want)
{
    struct lb_buf b = LB_BUF_INIT;
    struct lb_error err;
    int fd = open(path, O_RDONLY);

    assert_true(fd >= 0);
    assert_int_equal(lb_file_read_fd(fd, path, &b, &err), 0);
    close(fd);
    assert_string_equal(lb_buf_str(&b), want);
    lb_buf_release(&b);
}

/* Only board.csv is in the directory: no temporary file left. */
static void only_the_file(const struct dir *d)
{
    DIR *dp = opendir(d->path);
    struct dirent *e;
    int n = 0;

    assert_non_null(dp);
    while ((e = readdir(dp)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            assert_string_equal(e->d_name, "board.csv");
            n++;
        }
    closedir(dp);
    assert_int_equal(n, 1);
}

static void test_fileio_replace_keeps_mode(void **state)
{
    struct dir *d = *state;
    struct lb_error err;
    struct stat st;
    int fd;

    write_file(d->file, "old\n", 0640);
    assert_int_equal(lb_file_lock(d->file, &fd, NULL, &err), 0);
    assert_int_equal(lb_file_replace(d->file, fd, "new\n", 4, NULL, &err), 0);
    close(fd);
    content_is(d->file, "new\n");
    assert_int_equal(stat(d->file, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    only_the_file(d);
}

static void test_fileio_lock_missing_file(void **state)
{
    struct dir *d = *state;
    struct lb_error err;
    int fd;

    (void)d;
    assert_int_equal(lb_file_lock(d->file, &fd, NULL, &err), 1);
}

static void test_fileio_create_only_when_absent(void **state)
{
    struct dir *d = *state;
    struct lb_error err;

    assert_int_equal(lb_file_create(d->file, "first\n", 6, &err), 0);
    assert_int_equal(lb_file_create(d->file, "second\n", 7, &err), 1);
    content_is(d->file, "first\n");
    only_the_file(d);
}

static void failure_leaves_original(struct dir *d, const char *step,
                                    const char *named, const char *msg)
{
    struct lb_error err;
    char want[256];
    int fd;

    write_file(d->file, "original\n", 0644);
    setenv("LEADERBOARD_TEST_FAIL", step, 1);
    if (named != NULL)
        setenv("LEADERBOARD_TEST_NO_TMPFILE", named, 1);
    assert_int_equal(lb_file_lock(d->file, &fd, NULL, &err), 0);
    assert_int_equal(
        lb_file_replace(d->file, fd, "replacement\n", 12, NULL, &err), -1);
    close(fd);
    unsetenv("LEADERBOARD_TEST_FAIL");
    unsetenv("LEADERBOARD_TEST_NO_TMPFILE");
    snprintf(want, sizeof want, "cannot %s '%s': %s (the file is unchanged)",
             strcmp(step, "rename") == 0  ? "rename over"
             : strcmp(step, "fsync") == 0 ? "sync"
                                          : "write",
             d->file, msg);
    assert_string_equal(err.msg, want);
    content_is(d->file, "original\n");
    only_the_file(d);
}

static void test_fileio_failures_leave_original(void **state)
{
    struct dir *d = *state;

    failure_leaves_original(d, "write", NULL, "Input/output error");
    failure_leaves_original(d, "fsync", NULL, "Input/output error");
    failure_leaves_original(d, "rename", NULL, "Input/output error");
    failure_leaves_original(d, "write", "1", "Input/output error");
    failure_leaves_original(d, "rename", "1", "Input/output error");
}

static void test_fileio_unwritable_directory(void **state)
{
    struct dir *d = *state;
    struct lb_error err;
    char path[128];

    (void)d;
    /* a directory that does not exist: nothing can be created there */
    snprintf(path, sizeof path, "%s/missing/x.csv", d->path);
    assert_int_equal(lb_file_create(path, "x\n", 2, &err), -1);
    assert_non_null(strstr(err.msg, "No such file or directory"));
}

static void test_fileio_symlink_resolves_to_target(void **state)
{
    struct dir *d = *state;
    struct lb_error err;
    char link[160], chain[160], dangling[160], loop[160], want[300], *real;

    write_file(d->file, "x\n", 0644);
    snprintf(link, sizeof link, "%s/link.csv", d->path);
    snprintf(chain, sizeof chain, "%s/chain.csv", d->path);
    snprintf(dangling, sizeof dangling, "%s/dangling.csv", d->path);
    snprintf(loop, sizeof loop, "%s/loop.csv", d->path);
    assert_int_equal(symlink("board.csv", link), 0);
    assert_int_equal(symlink("link.csv", chain), 0);
    assert_int_equal(symlink("nothing.csv", dangling), 0);
    assert_int_equal(symlink("loop.csv", loop), 0);
    /* a link, and a link to a link: the file */
    real = lb_file_resolve(link, &err);
    assert_non_null(real);
    assert_string_equal(real, d->file);
    free(real);
    real = lb_file_resolve(chain, &err);
    assert_non_null(real);
    assert_string_equal(real, d->file);
    free(real);
    /* a plain path is itself */
    real = lb_file_resolve(d->file, &err);
    assert_string_equal(real, d->file);
    free(real);
    /* a link to nothing: the file to create, as '>' would */
    real = lb_file_resolve(dangling, &err);
    snprintf(want, sizeof want, "%s/nothing.csv", d->path);
    assert_non_null(real);
    assert_string_equal(real, want);
    free(real);
    /* a loop is an error */
    assert_null(lb_file_resolve(loop, &err));
    snprintf(want, sizeof want,
             "cannot follow the symbolic link '%s': Too many levels of "
             "symbolic links",
             loop);
    assert_string_equal(err.msg, want);
    unlink(link);
    unlink(chain);
    unlink(dangling);
    unlink(loop);
}

static void test_fileio_long_name(void **state)
{
    struct dir *d = *state;
    struct lb_error err;
    char path[400];
    int fd;

    snprintf(path, sizeof path, "%s/%0250d.csv", d->path, 7);
    write_file(path, "old\n", 0644);
    assert_int_equal(lb_file_lock(path, &fd, NULL, &err), 0);
    assert_int_equal(lb_file_replace(path, fd, "new\n", 4, NULL, &err), 0);
    close(fd);
    content_is(path, "new\n");
    setenv("LEADERBOARD_TEST_NO_TMPFILE", "1", 1);
    assert_int_equal(lb_file_lock(path, &fd, NULL, &err), 0);
    assert_int_equal(lb_file_replace(path, fd, "newer\n", 6, NULL, &err), 0);
    unsetenv("LEADERBOARD_TEST_NO_TMPFILE");
    close(fd);
    content_is(path, "newer\n");
    unlink(path);
}

static void test_fileio_not_a_regular_file(void **state)
{
    struct dir *d = *state;
    struct lb_error err;
    int fd;

    assert_int_equal(lb_file_lock(d->path, &fd, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "it is not a regular file"));
}

/* {======================================================================
 * lb_file_tmp: a stream put in place whole
 * ======================================================================= */

static void test_fileio_tmp_stream_keeps_mode(void **state)
{
    struct dir *d = *state;
    struct lb_file_tmp t;
    struct lb_error err;
    struct lb_buf want = LB_BUF_INIT;
    struct stat st;
    int i;

    write_file(d->file, "old\n", 0640);
    assert_int_equal(lb_file_tmp_open(&t, d->file, -1, 0, &err), 0);
    /* more than the stream's buffer: written while the old file stays */
    for (i = 0; i < 100000; i++) {
        fprintf(t.fp, "row %d\n", i);
        lb_buf_addf(&want, "row %d\n", i);
    }
    content_is(d->file, "old\n");
    assert_int_equal(lb_file_tmp_commit(&t, NULL, &err), 0);
    assert_int_equal(t.unsynced, 0);
    content_is(d->file, lb_buf_str(&want));
    assert_int_equal(stat(d->file, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    only_the_file(d);
    lb_buf_release(&want);
}

static void test_fileio_tmp_new_file_mode(void **state)
{
    struct dir *d = *state;
    struct lb_file_tmp t;
    struct lb_error err;
    struct stat st;
    mode_t old = umask(027);

    assert_int_equal(lb_file_tmp_open(&t, d->file, -1, 0, &err), 0);
    fputs("new\n", t.fp);
    assert_int_equal(lb_file_tmp_commit(&t, NULL, &err), 0);
    umask(old);
    content_is(d->file, "new\n");
    assert_int_equal(stat(d->file, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    only_the_file(d);
}

static void test_fileio_tmp_abort_leaves_nothing(void **state)
{
    struct dir *d = *state;
    struct lb_file_tmp t;
    struct lb_error err;

    write_file(d->file, "old\n", 0644);
    assert_int_equal(lb_file_tmp_open(&t, d->file, -1, 0, &err), 0);
    fputs("half a file", t.fp);
    fflush(t.fp);
    lb_file_tmp_abort(&t);
    content_is(d->file, "old\n");
    only_the_file(d);
    /* the same with a named temporary file */
    setenv("LEADERBOARD_TEST_NO_TMPFILE", "1", 1);
    assert_int_equal(lb_file_tmp_open(&t, d->file, -1, 0, &err), 0);
    assert_non_null(t.name);
    fputs("half a file", t.fp);
    lb_file_tmp_abort(&t);
    unsetenv("LEADERBOARD_TEST_NO_TMPFILE");
    content_is(d->file, "old\n");
    only_the_file(d);
}

static void test_fileio_tmp_follows_link(void **state)
{
    struct dir *d = *state;
    struct lb_file_tmp t;
    struct lb_error err;
    struct stat st;
    char link[160];

    write_file(d->file, "old\n", 0600);
    snprintf(link, sizeof link, "%s/link.csv", d->path);
    assert_int_equal(symlink("board.csv", link), 0);
    assert_int_equal(lb_file_tmp_open(&t, link, -1, 0, &err), 0);
    fputs("new\n", t.fp);
    assert_int_equal(lb_file_tmp_commit(&t, NULL, &err), 0);
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    content_is(d->file, "new\n");
    assert_int_equal(stat(d->file, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    unlink(link);
    only_the_file(d);
}

static void test_fileio_tmp_create_never_replaces(void **state)
{
    struct dir *d = *state;
    struct lb_file_tmp t;
    struct lb_error err;

    write_file(d->file, "first\n", 0644);
    assert_int_equal(
        lb_file_tmp_open(&t, d->file, -1, LB_FILE_TMP_CREATE, &err), 0);
    fputs("second\n", t.fp);
    assert_int_equal(lb_file_tmp_commit(&t, NULL, &err), 1);
    content_is(d->file, "first\n");
    only_the_file(d);
}

static void test_fileio_tmp_failed_write_names_file(void **state)
{
    struct dir *d = *state;
    struct lb_file_tmp t;
    struct lb_error err;
    char want[256];

    write_file(d->file, "old\n", 0644);
    setenv("LEADERBOARD_TEST_FAIL", "write", 1);
    assert_int_equal(lb_file_tmp_open(&t, d->file, -1, 0, &err), 0);
    fputs("new\n", t.fp);
    assert_false(lb_file_tmp_failed(&t, &err));
    assert_int_not_equal(fflush(t.fp), 0);
    assert_true(lb_file_tmp_failed(&t, &err));
    unsetenv("LEADERBOARD_TEST_FAIL");
    snprintf(want, sizeof want,
             "cannot write '%s': Input/output error (the file is unchanged)",
             d->file);
    assert_string_equal(err.msg, want);
    lb_file_tmp_abort(&t);
    content_is(d->file, "old\n");
    only_the_file(d);
}

static void test_fileio_tmp_device_in_place(void **state)
{
    struct lb_file_tmp t;
    struct lb_error err;

    (void)state;
    assert_int_equal(
        lb_file_tmp_open(&t, "/dev/null", -1, LB_FILE_TMP_IN_PLACE, &err), 0);
    assert_true(t.in_place);
    fputs("gone\n", t.fp);
    assert_int_equal(lb_file_tmp_commit(&t, NULL, &err), 0);
    /* a failed write in place names the device */
    assert_int_equal(
        lb_file_tmp_open(&t, "/dev/full", -1, LB_FILE_TMP_IN_PLACE, &err), 0);
    fputs("full\n", t.fp);
    assert_int_equal(lb_file_tmp_commit(&t, NULL, &err), -1);
    assert_string_equal(err.msg,
                        "cannot write '/dev/full': No space left on device");
}

static void test_fileio_replace_directory_not_synced(void **state)
{
    struct dir *d = *state;
    struct lb_error err;
    char want[256];
    int fd;

    write_file(d->file, "old\n", 0644);
    setenv("LEADERBOARD_TEST_FAIL", "syncdir", 1);
    assert_int_equal(lb_file_lock(d->file, &fd, NULL, &err), 0);
    assert_int_equal(lb_file_replace(d->file, fd, "new\n", 4, NULL, &err), 2);
    close(fd);
    unsetenv("LEADERBOARD_TEST_FAIL");
    snprintf(want, sizeof want,
             "'%s' is written, but syncing its directory failed: "
             "Input/output error; the change may not survive a system crash",
             d->file);
    assert_string_equal(err.msg, want);
    content_is(d->file, "new\n");
    only_the_file(d);
}

/* A pid that no process has: a child that has exited and been waited. */
static pid_t dead_pid(void)
{
    pid_t pid = fork();

    if (pid == 0)
        _exit(0);
    assert_true(pid > 0);
    assert_int_equal(waitpid(pid, NULL, 0), pid);
    return pid;
}

static bool exists(const struct dir *d, const char *name)
{
    char p[400];
    struct stat st;

    snprintf(p, sizeof p, "%s/%s", d->path, name);
    return lstat(p, &st) == 0;
}

static void test_fileio_stale_temporaries_removed(void **state)
{
    struct dir *d = *state;
    struct lb_error err;
    char dead[64], dead_link[64], live[64], other[64], p[400];
    pid_t gone = dead_pid();
    int fd;

    snprintf(dead, sizeof dead, ".board.csv.tmp.%ld.0", (long)gone);
    snprintf(dead_link, sizeof dead_link, ".board.csv.tmp.%ld.1", (long)gone);
    snprintf(live, sizeof live, ".board.csv.tmp.%ld.0", (long)getppid());
    snprintf(other, sizeof other, ".other.csv.tmp.%ld.0", (long)gone);
    write_file(d->file, "old\n", 0644);
    snprintf(p, sizeof p, "%s/%s", d->path, dead);
    write_file(p, "a dead writer's copy\n", 0600);
    snprintf(p, sizeof p, "%s/%s", d->path, live);
    write_file(p, "a live writer's copy\n", 0600);
    snprintf(p, sizeof p, "%s/%s", d->path, other);
    write_file(p, "another file's\n", 0600);
    snprintf(p, sizeof p, "%s/.board.csv.tmp.x.0", d->path);
    write_file(p, "not ours\n", 0600);
    snprintf(p, sizeof p, "%s/%s", d->path, dead_link);
    assert_int_equal(symlink("board.csv", p), 0);
    assert_int_equal(lb_file_lock(d->file, &fd, NULL, &err), 0);
    assert_int_equal(lb_file_replace(d->file, fd, "new\n", 4, NULL, &err), 0);
    close(fd);
    content_is(d->file, "new\n");
    /* only the dead writer's temporary file of this file goes */
    assert_false(exists(d, dead));
    assert_true(exists(d, live));
    assert_true(exists(d, other));
    assert_true(exists(d, ".board.csv.tmp.x.0"));
    assert_true(exists(d, dead_link)); /* not a regular file */
}

static void test_fileio_replace_only_if_unchanged(void **state)
{
    struct dir *d = *state;
    struct lb_error err;
    struct lb_buf old = LB_BUF_INIT;
    struct lb_file_snap snap;
    struct timespec times[2];
    struct stat st;
    FILE *fp;
    int fd;

    /* unchanged since read: replaced */
    write_file(d->file, "a,b\n1,2\n", 0644);
    assert_int_equal(lb_file_lock(d->file, &fd, NULL, &err), 0);
    assert_int_equal(lb_file_read_snap(fd, d->file, &old, &snap, &err), 0);
    assert_int_equal(snap.len, 8);
    assert_int_equal(lb_file_replace(d->file, fd, "new\n", 4, &snap, &err), 0);
    close(fd);
    content_is(d->file, "new\n");

    /* appended to by a writer without the lock: not replaced */
    write_file(d->file, "a,b\n1,2\n", 0644);
    assert_int_equal(lb_file_lock(d->file, &fd, NULL, &err), 0);
    assert_int_equal(lb_file_read_snap(fd, d->file, &old, &snap, &err), 0);
    fp = fopen(d->file, "a");
    fputs("3,4\n", fp);
    fclose(fp);
    assert_int_equal(lb_file_replace(d->file, fd, "new\n", 4, &snap, &err), 1);
    close(fd);
    content_is(d->file, "a,b\n1,2\n3,4\n");
    only_the_file(d);

    /* rewritten in place with the same size and modification time: only
     * the bytes tell */
    write_file(d->file, "a,b\n1,2\n", 0644);
    assert_int_equal(lb_file_lock(d->file, &fd, NULL, &err), 0);
    assert_int_equal(lb_file_read_snap(fd, d->file, &old, &snap, &err), 0);
    assert_int_equal(stat(d->file, &st), 0);
    fp = fopen(d->file, "r+");
    fputs("x,y", fp);
    fclose(fp);
    times[0] = st.st_atim;
    times[1] = st.st_mtim;
    assert_int_equal(utimensat(AT_FDCWD, d->file, times, 0), 0);
    assert_int_equal(lb_file_replace(d->file, fd, "new\n", 4, &snap, &err), 1);
    close(fd);
    content_is(d->file, "x,y\n1,2\n");
    only_the_file(d);
    lb_buf_release(&old);
}

static void count_waiting(const void *ctx)
{
    (*(int *)(uintptr_t)ctx)++;
}

static void test_fileio_lock_wait_gives_up(void **state)
{
    struct dir *d = *state;
    struct lb_error err;
    int holder, fd = -1, calls = 0;
    struct lb_lock_wait none = {0, count_waiting, &calls};
    struct lb_lock_wait brief = {50, count_waiting, &calls};

    write_file(d->file, "x\n", 0644);
    /* another open file description holds the lock */
    holder = open(d->file, O_RDONLY);
    assert_true(holder >= 0);
    assert_int_equal(flock(holder, LOCK_EX), 0);
    /* --wait 0: at once, without saying that it waits */
    assert_int_equal(lb_file_lock(d->file, &fd, &none, &err), 2);
    assert_int_equal(calls, 0);
    /* 50 ms: says it once, then gives up */
    assert_int_equal(lb_file_lock(d->file, &fd, &brief, &err), 2);
    assert_int_equal(calls, 1);
    close(holder);
    /* released: taken without waiting */
    assert_int_equal(lb_file_lock(d->file, &fd, &brief, &err), 0);
    assert_int_equal(calls, 1);
    close(fd);
}

/* }====================================================================== */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fileio_replace_keeps_mode, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_fileio_lock_missing_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_fileio_create_only_when_absent,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_fileio_failures_leave_original,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_fileio_unwritable_directory, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_fileio_symlink_resolves_to_target,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_fileio_long_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fileio_not_a_regular_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_fileio_tmp_stream_keeps_mode,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_fileio_tmp_new_file_mode, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_fileio_tmp_abort_leaves_nothing,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_fileio_tmp_follows_link, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_fileio_tmp_create_never_replaces,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_fileio_tmp_failed_write_names_file,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_fileio_tmp_device_in_place, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_fileio_replace_directory_not_synced,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_fileio_stale_temporaries_removed,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_fileio_replace_only_if_unchanged,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_fileio_lock_wait_gives_up, setup,
                                        teardown),
    };

    return cmocka_run_group_tests_name("fileio", tests, NULL, NULL);
}
