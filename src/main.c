/* main.c: the command table, --help, --version, and the final check that
 * standard output was really written. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/quote.h"
#include "base/suggest.h"
#include "cli/cli.h"
#include "core/battles.h"
#include "core/board.h"
#include "core/catalog.h"
#include "export/battles.h"
#include "export/chart.h"
#include "export/format.h"

/* To add a command: write cmd_NAME in src/cli/NAME.c, declare it in
 * cli/cli.h, add a row here, and add its tests under tests/. */
static const struct lb_command commands[] = {
    {"rank", cmd_rank, "rank the models of a score file, tie-aware"},
    {"add", cmd_add, "add a model's scores to a score file, safely"},
    {"plot", cmd_plot, "draw charts with gnuplot: scripts, data and PNGs"},
    {"import", cmd_import, "add lm-evaluation-harness results to a score file"},
    {"diff", cmd_diff, "compare two snapshots: moves, additions, score changes"},
    {"history", cmd_history, "a board's rankings over time (snapshots, git)"},
    {"check", cmd_check, "list every problem of score files (pre-commit)"},
    {"schema", cmd_schema, "print what each column is (Table Schema JSON)"},
    {"battles", cmd_battles, "rate models from pairwise votes (Chatbot Arena)"},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_help(FILE *fp)
{
    size_t i;

    fputs("Usage: leaderboard COMMAND [OPTION]... FILE\n"
          "       leaderboard --help | --version | --list WHAT\n"
          "Benchmark leaderboards from CSV score files: exact averages,\n"
          "honest ties and missing scores.\n"
          "\n"
          "Commands\n",
          fp);
    for (i = 0; i < NCOMMANDS; i++)
        fprintf(fp, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "'leaderboard COMMAND --help' (or 'leaderboard help COMMAND') tells\n"
          "more. '--list WHAT' prints the names an option takes, one per\n"
          "line (WHAT: commands, formats, charts, methods, ties, missing,\n"
          "dedup, suites, terminals, battle-methods, matrices). Exit status:\n"
          "0 ok, 1 data or I/O error, 2 usage error, 3 gnuplot missing or\n"
          "failed.\n",
          fp);
}

/* {======================================================================
 * --list WHAT: the names a value can take, one per line, from the tables
 * that parse them (the bash completion asks for them; a test holds the
 * manual page to them)
 * ======================================================================= */

#define NLISTS 11

static const char *const lists[NLISTS] = {
    "commands", "formats", "charts",    "methods",        "ties",
    "missing",  "dedup",   "suites",    "terminals",      "battle-methods",
    "matrices"};

/* The i-th name of list k, or NULL after the last. */
static const char *list_item(size_t k, size_t i)
{
    switch (k) {
    case 0:
        return i < NCOMMANDS ? commands[i].name : NULL;
    case 1:
        return i < lb_nformats ? lb_formats[i]->name : NULL;
    case 2:
        return i < LB_CHART_COUNT ? lb_chart_name((enum lb_chart)i) : NULL;
    case 3:
        return i < LB_METHOD_COUNT ? lb_method_name((enum lb_method)i) : NULL;
    case 4:
        return i <= LB_TIES_EXACT ? lb_ties_name((enum lb_ties)i) : NULL;
    case 5:
        return i <= LB_MISSING_ZERO ? lb_missing_name((enum lb_missing)i)
                                    : NULL;
    case 6:
        return i <= LB_DEDUP_LATEST ? lb_dedup_name((enum lb_dedup)i) : NULL;
    case 7:
        return lb_catalog_suites()[i] ? lb_catalog_suites()[i]->id : NULL;
    case 8:
        return i <= LB_TERMINAL_SVG ? lb_terminal_ext((enum lb_terminal)i)
                                    : NULL;
    case 9:
        return i < LB_BATTLES_METHOD_COUNT
                   ? lb_battles_method_name((enum lb_battles_method)i)
                   : NULL;
    default:
        return i < LB_MATRIX_KINDS
                   ? lb_battles_matrix_name((enum lb_battles_matrix)i)
                   : NULL;
    }
}

static int list(const char *what)
{
    struct lb_quoted q;
    size_t k, i;
    const char *name;

    for (k = 0; k < NLISTS; k++)
        if (what != NULL && strcmp(what, lists[k]) == 0) {
            for (i = 0; (name = list_item(k, i)) != NULL; i++)
                printf("%s\n", name);
            return LB_EXIT_OK;
        }
    fprintf(stderr, "leaderboard: --list: %s is not one of:",
            what ? lb_quotes(&q, what) : "nothing");
    for (k = 0; k < NLISTS; k++)
        fprintf(stderr, " %s", lists[k]);
    fputc('\n', stderr);
    return LB_EXIT_USAGE;
}

/* }====================================================================== */

static const char *command_name(const void *ctx, size_t i)
{
    (void)ctx;
    return commands[i].name;
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
    struct lb_did_you_mean dm;
    struct lb_quoted q;
    const char *name;
    size_t near;

    if (argc < 2) {
        /* no command: a usage error (scripts that forgot one should not
         * read the help as a result); --help asks for it */
        print_help(stderr);
        return LB_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_help(stdout);
        return LB_EXIT_OK;
    }
    if (strcmp(argv[1], "--list") == 0)
        return list(argc > 2 ? argv[2] : NULL);
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
    name = argv[argc < 3 || strcmp(argv[1], "help") != 0 ? 1 : 2];
    near = lb_suggest(name, NCOMMANDS, command_name, NULL);
    fprintf(stderr,
            "leaderboard: %s is not a command%s\n"
            "Try 'leaderboard --help' for the list of commands.\n",
            lb_quotes(&q, name),
            lb_did_you_mean(&dm, near == LB_SUGGEST_NONE
                                     ? NULL
                                     : commands[near].name));
    return LB_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    /* the built-in suites are read before any thread starts, and a build
     * whose src/suites schema is wrong says so rather than ranking without
     * them */
    const char *bad = lb_catalog_error();

    if (bad != NULL) {
        fprintf(stderr, "leaderboard: internal error: %s\n", bad);
        return LB_EXIT_FAILURE;
    }
    return close_stdout(run(argc, argv));
}
