/* floor_libcsv.c: the floor of a libcsv tool. Reads FILE in 1 MiB blocks,
 * hands them to csv_parse with callbacks that only count fields; without
 * -n it also converts the six score fields (columns 4..9) with strtod.
 * No averaging, sorting or output. usage: floor_libcsv [-n] FILE.csv */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct counts {
    unsigned long rows, fields, col;
    int convert;
    double sum;
};

static void field(void *s, size_t len, void *data)
{
    struct counts *c = data;

    c->fields++;
    if (c->convert && c->rows > 0 && c->col >= 3 && c->col <= 8 && len > 0)
        c->sum += strtod(s, NULL);
    c->col++;
}

static void row(int ch, void *data)
{
    struct counts *c = data;

    (void)ch;
    c->rows++;
    c->col = 0;
}

int main(int argc, char **argv)
{
    static char block[1 << 20];
    struct counts c = {0, 0, 0, 1, 0.0};
    struct csv_parser p;
    const char *path;
    ssize_t n;
    int fd;

    if (argc == 3 && strcmp(argv[1], "-n") == 0)
        c.convert = 0;
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: floor_libcsv [-n] FILE.csv\n");
        return 2;
    }
    path = argv[argc - 1];
    fd = open(path, O_RDONLY);
    if (fd < 0 || csv_init(&p, CSV_APPEND_NULL) != 0) {
        perror(path);
        return 1;
    }
    while ((n = read(fd, block, sizeof block)) > 0)
        if (csv_parse(&p, block, (size_t)n, field, row, &c) != (size_t)n) {
            fprintf(stderr, "%s: %s\n", path, csv_strerror(csv_error(&p)));
            return 1;
        }
    csv_fini(&p, field, row, &c);
    csv_free(&p);
    close(fd);
    printf("rows=%lu fields=%lu sum=%.2f\n", c.rows - 1, c.fields, c.sum);
    return 0;
}
