/* floor_memchr.c: how fast a file can be split at all. Reads FILE in
 * 1 MiB blocks and counts lines with memchr and fields by scanning for
 * commas (quotes toggle a flag). No number parsing, no output.
 * usage: floor_memchr FILE.csv */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    static char block[1 << 20];
    unsigned long lines = 0, fields = 0;
    int quoted = 0;
    ssize_t n;
    int fd;

    if (argc != 2) {
        fprintf(stderr, "usage: floor_memchr FILE.csv\n");
        return 2;
    }
    fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        perror(argv[1]);
        return 1;
    }
    while ((n = read(fd, block, sizeof block)) > 0) {
        const char *p = block, *end = block + n;

        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p)), *q;
            const char *stop = nl ? nl : end;

            for (q = p; q < stop; q++) {
                if (*q == '"')
                    quoted = !quoted;
                else if (*q == ',' && !quoted)
                    fields++;
            }
            if (nl == NULL)
                break;
            if (!quoted) {
                lines++;
                fields++;
            }
            p = nl + 1;
        }
    }
    close(fd);
    printf("lines=%lu fields=%lu\n", lines, fields);
    return 0;
}
