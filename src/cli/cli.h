/* cli.h: what the commands share. The CLI is the only code that prints or
 * exits; everything below it returns errors as values. */
#ifndef LB_CLI_CLI_H
#define LB_CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

enum lb_exit {
    LB_EXIT_OK = 0,      /* success */
    LB_EXIT_FAILURE = 1, /* a data or I/O error */
    LB_EXIT_USAGE = 2,   /* bad arguments */
    LB_EXIT_PLOT = 3     /* gnuplot missing or failed (scripts still written) */
};

/* A command: 'leaderboard NAME ARGS...' calls run(argc, argv) with argv[0]
 * the command name; its return value is the exit status. */
struct lb_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary; /* one line for 'leaderboard --help' */
};

int cmd_rank(int argc, char **argv);

/* "leaderboard: MESSAGE\n" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "leaderboard CMD: MESSAGE" and "Try 'leaderboard CMD --help' for
 * more information." on stderr; returns LB_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reports the getopt_long error for argv[optind - 1] (unknown option,
 * missing argument); returns LB_EXIT_USAGE. 'c' is what getopt_long
 * returned ('?' or ':'). */
int cli_option_error(const char *cmd, int c, char **argv);

/* Parses a whole decimal number in [min, max]; false otherwise. */
bool cli_parse_size(const char *s, unsigned long min, unsigned long max,
                    unsigned long *out);

/* Where a command writes its result: standard output, or a file written
 * through a temporary file in the same directory and renamed over it only
 * when everything was written (so a failed run never leaves half a file). */
struct cli_output {
    FILE *fp;    /* where to write */
    char *path;  /* final path, NULL for standard output */
    char *tmp;   /* temporary path, NULL for standard output */
};

/* Opens the output: NULL or "-" for standard output. Returns 0, or -1 after
 * printing an error. */
int cli_output_open(struct cli_output *o, const char *path);

/* Flushes, syncs and renames the file into place; returns 0, or -1 after
 * printing an error (the temporary file is removed). For standard output
 * only flushes (main checks it once more at exit). */
int cli_output_commit(struct cli_output *o);

/* Discards a file output (removes the temporary file). */
void cli_output_abort(struct cli_output *o);

#endif
