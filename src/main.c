/* main.c: the command table, --help, --version, and the final check that
 * standard output was really written. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/quote.h"
#include "cli/cli.h"

/* To add a command: write cmd_NAME in src/cli/NAME.c, declare it in
 * cli/cli.h, add a row here, and add its tests under tests/. */
static const struct lb_command commands[] = {
    {"rank", cmd_rank, "rank the models of a score file, tie-aware"},
    {"add", cmd_add, "add a model's scores to a score file, safely"},
    {"plot", cmd_plot, "draw charts with gnuplot: scripts, data and PNGs"},
    {"import", cmd_import, "add lm-evaluation-harness results to a score file"},
    {"diff", cmd_diff, "compare two snapshots: moves, additions, score changes"},
    {"check", cmd_check, "list every problem of score files (pre-commit)"},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_help(FILE *fp)
{
    size_t i;

    fputs("Usage: leaderboard COMMAND [OPTION]... FILE\n"
          "       leaderboard --help | --version\n"
          "Benchmark leaderboards from CSV score files: exact averages,\n"
          "honest ties and missing scores.\n"
          "\n"
          "Commands\n",
          fp);
    for (i = 0; i < NCOMMANDS; i++)
        fprintf(fp, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "'leaderboard COMMAND --help' (or 'leaderboard help COMMAND') tells\n"
          "more. Exit status: 0 ok, 1 data or I/O error, 2 usage error,\n"
          "3 gnuplot missing or failed.\n",
          fp);
}

static const struct lb_command *find_command(const char *name)
{
    size_t i;

    for (i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* A failed write to standard output (a full disk, /dev/full) is an error,
 * even when the command itself succeeded (git, jq, datamash). */
static int close_stdout(int rc)
{
    bool failed = fflush(stdout) != 0 || ferror(stdout);
    int e = errno;

    if (fclose(stdout) != 0 && !failed) {
        failed = true;
        e = errno;
    }
    if (failed) {
        fprintf(stderr, "leaderboard: write error on standard output: %s\n",
                strerror(e ? e : EIO));
        return rc == LB_EXIT_OK ? LB_EXIT_FAILURE : rc;
    }
    return rc;
}

static int run(int argc, char **argv)
{
    const struct lb_command *cmd;
    struct lb_quoted q;

    if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        print_help(stdout);
        return LB_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("leaderboard %s\n", LB_VERSION);
        return LB_EXIT_OK;
    }
    if (strcmp(argv[1], "help") == 0) {
        char help_opt[] = "--help";
        char *help_argv[] = {NULL, help_opt, NULL};

        if (argc < 3) {
            print_help(stdout);
            return LB_EXIT_OK;
        }
        cmd = find_command(argv[2]);
        if (cmd == NULL)
            goto unknown;
        help_argv[0] = argv[2];
        return cmd->run(2, help_argv);
    }
    cmd = find_command(argv[1]);
    if (cmd == NULL)
        goto unknown;
    return cmd->run(argc - 1, argv + 1);
unknown:
    fprintf(stderr,
            "leaderboard: %s is not a command\n"
            "Try 'leaderboard --help' for the list of commands.\n",
            lb_quotes(&q, argv[argc < 3 || strcmp(argv[1], "help") != 0 ? 1 : 2]));
    return LB_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    return close_stdout(run(argc, argv));
}
