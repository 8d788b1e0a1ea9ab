/* replay.c: runs a fuzz target once on each file named on the command line
 * (or on each file of each directory named), without libFuzzer. ctest uses
 * it to replay tests/fuzz/corpus/NAME/ in builds made with any compiler. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    uint8_t *data = NULL;
    size_t len = 0, cap = 0, n;

    if (fp == NULL) {
        fprintf(stderr, "replay: cannot open '%s': %s\n", path,
                strerror(errno));
        return -1;
    }
    for (;;) {
        if (len == cap) {
            uint8_t *p;

            cap = cap ? cap * 2 : 4096;
            p = realloc(data, cap);
            if (p == NULL) {
                fprintf(stderr, "replay: out of memory\n");
                free(data);
                fclose(fp);
                return -1;
            }
            data = p;
        }
        n = fread(data + len, 1, cap - len, fp);
        if (n == 0)
            break;
        len += n;
    }
    if (ferror(fp)) {
        fprintf(stderr, "replay: cannot read '%s'\n", path);
        free(data);
        fclose(fp);
        return -1;
    }
    fclose(fp);
    (void)LLVMFuzzerTestOneInput(data, len);
    free(data);
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of a directory, in name order. */
static int replay_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    int rc = 0;

    if (d == NULL) {
        fprintf(stderr, "replay: cannot open '%s': %s\n", dir,
                strerror(errno));
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        size_t need = strlen(dir) + strlen(e->d_name) + 2;
        struct stat st;
        char *path;

        if (e->d_name[0] == '.')
            continue;
        path = malloc(need);
        if (path == NULL)
            break;
        snprintf(path, need, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (n == cap) {
            char **p = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *p);

            if (p == NULL) {
                free(path);
                break;
            }
            names = p;
        }
        names[n++] = path;
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof *names, cmp_names);
    for (i = 0; i < n; i++) {
        if (rc == 0 && replay_file(names[i]) != 0)
            rc = -1;
        free(names[i]);
    }
    free(names);
    *count += n;
    return rc;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int i;

    for (i = 1; i < argc; i++) {
        struct stat st;

        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (replay_dir(argv[i], &count) != 0)
                return 1;
        } else {
            if (replay_file(argv[i]) != 0)
                return 1;
            count++;
        }
    }
    if (count == 0) {
        fprintf(stderr, "replay: no input\n");
        return 1;
    }
    printf("replay: %zu input%s, no failure\n", count, count == 1 ? "" : "s");
    return 0;
}
