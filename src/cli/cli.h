/* cli.h: what the commands share. The CLI is the only code that prints or
 * exits; everything below it returns errors as values. */
#ifndef LB_CLI_CLI_H
#define LB_CLI_CLI_H

#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "base/buf.h"
#include "base/fileio.h"
#include "core/add.h"
#include "core/board.h"
#include "core/table.h"
#include "export/view.h"

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
int cmd_add(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_battles(int argc, char **argv);
int cmd_history(int argc, char **argv);

/* {======================================================================
 * Votes (cli/battles.c) in plot and in the HTML page
 * ======================================================================= */

struct lb_battles;
struct lb_chart_out;
struct lb_chart_style;
struct lb_figure;

/* Whether plot's FILE (found among argv as plot's parser finds it) is a
 * file of votes: JSON, or a CSV header with model_a and model_b (or the
 * three columns of --columns, one named winner). Standard input never
 * is. */
bool cli_battles_is_votes(int argc, char **argv);

/* 'leaderboard plot' on a file of votes: the battles options that choose
 * and rate, and plot's. Returns the exit status. */
int cli_battles_plot(int argc, char **argv);

/* The HTML page's charts of ratings b (every model ranked: no --top), as
 * SVG figures; as rank's page does (cli/rank.c): LB_EXIT_PLOT after saying
 * why there are none (*note too). */
int cli_battles_figures(const struct lb_battles *b,
                        struct lb_chart_out **charts, size_t *n,
                        struct lb_figure **figs, size_t *nfigs,
                        const char **note);

/* The HTML page's figures from the charts drawn (rank's and battles'
 * pages): LB_EXIT_OK with *figs (free it; the images stay in charts), or
 * LB_EXIT_PLOT after saying why there are none, with *note for the page
 * (cli/common.c). */
int cli_page_figures(struct lb_chart_out *charts, size_t n,
                     struct lb_figure **figs, size_t *nfigs,
                     const char **note);

/* Says what became of each chart plot drew (cli/plot.c); returns the exit
 * status. */
int cli_plot_report(const struct lb_chart_out *c, size_t n, bool rendered);

/* }====================================================================== */

/* {======================================================================
 * Writing new rows into a score file (add, import): cli/add_rows.c
 * ======================================================================= */

struct cli_add_target {
    const char *file;        /* the score file, as the user named it */
    bool create;             /* create it when it does not exist */
    struct lb_add_opts opts; /* --replace, --new-column, --allow-formulas */
    bool quiet;              /* do not say where the rows rank */
    long long wait_ms;       /* --wait: how long to wait for another
                                writer's lock; < 0: for ever */
    const char *const *header; /* a new file's columns after "model"
                                (import's canonical header), or NULL */
    size_t nheader;
};

/* Locks the file (saying on stderr, once, that it waits when another
 * writer holds the lock; giving up after tg->wait_ms), reads it, validates
 * and adds the rows (core/add.h: one bad row and nothing is added; every
 * other row byte for byte), replaces it atomically, and unless quiet prints
 * "added 'NAME': rank R of N (average A)" for each row on stdout. Errors
 * are printed. Returns the exit status. */
int cli_add_rows(const struct cli_add_target *tg,
                 const struct lb_new_row *rows, size_t n);

/* }====================================================================== */

/* {======================================================================
 * Options that choose and rank, shared by the commands that show a board
 * (rank, plot, diff): include CLI_BOARD_SHORT in the short options string and
 * CLI_BOARD_LONG in the long options table, and pass every option to
 * cli_board_option first.
 * ======================================================================= */

enum {
    CLI_OPT_MISSING = CHAR_MAX + 1,
    CLI_OPT_TIES,
    CLI_OPT_ASCENDING,
    CLI_OPT_MODEL_COLUMN,
    CLI_OPT_DEDUP,
    CLI_OPT_METHOD,
    CLI_OPT_WEIGHTS,
    CLI_OPT_BASELINE,
    CLI_OPT_LOWER,
    CLI_OPT_SUITE,
    CLI_OPT_STDERR,
    CLI_OPT_BOOTSTRAP,
    CLI_OPT_SEED,
    CLI_OPT_GROUPS,
    CLI_OPT_SCHEMA,
    CLI_OPT_TITLE, /* the publishing options: CLI_FORMAT_LONG */
    CLI_OPT_SOURCE,
    CLI_OPT_DATE,
    CLI_OPT_LINK,
    CLI_OPT_CAPTION,
    CLI_OPT_LABEL,
    CLI_OPT_WIDTH,
    CLI_OPT_FIRST_FREE /* a command numbers its own long options from here */
};

#define CLI_BOARD_SHORT "b:s:p:n:c:w:"
#define CLI_BOARD_LONG                                                     \
    {"benchmarks", required_argument, NULL, 'b'},                          \
        {"missing", required_argument, NULL, CLI_OPT_MISSING},             \
        {"model-column", required_argument, NULL, CLI_OPT_MODEL_COLUMN},   \
        {"sort", required_argument, NULL, 's'},                            \
        {"ascending", no_argument, NULL, CLI_OPT_ASCENDING},               \
        {"ties", required_argument, NULL, CLI_OPT_TIES},                   \
        {"precision", required_argument, NULL, 'p'},                       \
        {"top", required_argument, NULL, 'n'},                             \
        {"columns", required_argument, NULL, 'c'},                      \
        {"where", required_argument, NULL, 'w'},                        \
        {"dedup", required_argument, NULL, CLI_OPT_DEDUP},              \
        {"method", required_argument, NULL, CLI_OPT_METHOD},            \
        {"weights", required_argument, NULL, CLI_OPT_WEIGHTS},          \
        {"baseline", required_argument, NULL, CLI_OPT_BASELINE},        \
        {"lower-is-better", required_argument, NULL, CLI_OPT_LOWER},    \
        {"groups", required_argument, NULL, CLI_OPT_GROUPS},            \
        {"suite", required_argument, NULL, CLI_OPT_SUITE},              \
        {"stderr", required_argument, NULL, CLI_OPT_STDERR},            \
        {"bootstrap", required_argument, NULL, CLI_OPT_BOOTSTRAP},      \
        {"seed", required_argument, NULL, CLI_OPT_SEED},                \
        {"schema", required_argument, NULL, CLI_OPT_SCHEMA}

/* Prints the help of those options (the sections "Which benchmarks" to
 * "Ranking"), ending with a blank line; without 'listing', not --top and
 * --columns (for diff, which refuses them). */
void cli_board_help(FILE *fp, bool listing);

/* The help of the options of intervals. */
extern const char cli_ci_help[];

/* A list option's names ("-b A,B -b C"), parsed once here: core takes
 * arrays, never command-line text. */
struct cli_names {
    char **v; /* the names (owned) */
    size_t n, cap;
};

/* A list of NAME=VALUE pairs ("--weights A=2,B=0.5"). */
struct cli_values {
    struct lb_named_dec *v; /* the pairs */
    char **names;           /* their names (owned) */
    size_t n, cap;
};

/* A list of NAME=TEXT pairs ("--groups ArguAna=Retrieval,STS12=STS"). */
struct cli_texts {
    struct lb_named_text *v; /* the pairs */
    char **names, **texts;   /* their names and texts (owned) */
    size_t n, cap;
};

/* Appends the names of a comma-separated list (spaces around a name are
 * ignored) to *out: option names the list in messages. Returns 0, or
 * LB_EXIT_USAGE after printing a usage error (an empty name, a name given
 * twice). */
int cli_names_add(const char *cmd, const char *option, const char *arg,
                  struct cli_names *out);

/* The same for NAME=VALUE pairs; values are decimals, below 0 refused
 * unless 'negative'. */
int cli_values_add(const char *cmd, const char *option, const char *arg,
                   bool negative, struct cli_values *out);

/* The same without printing: -1 with the message in err. */
int cli_split_names(const char *option, const char *arg,
                    struct cli_names *out, struct lb_error *err);
int cli_split_values(const char *option, const char *arg, bool negative,
                     struct cli_values *out, struct lb_error *err);

/* The same for NAME=TEXT pairs: a usage error for an empty name or text,
 * or a name given twice. */
int cli_texts_add(const char *cmd, const char *option, const char *arg,
                  struct cli_texts *out);
int cli_split_texts(const char *option, const char *arg,
                    struct cli_texts *out, struct lb_error *err);

void cli_names_release(struct cli_names *l);
void cli_values_release(struct cli_values *l);
void cli_texts_release(struct cli_texts *l);

struct cli_board_args {
    struct lb_load_opts load;   /* --model-column */
    struct lb_board_opts board; /* everything else, pointing into: */
    struct cli_names benchmarks, columns, lower; /* -b, -c,
                                                    --lower-is-better */
    struct cli_values weights, baselines, stderrs; /* --weights,
                                                      --baseline, --stderr */
    struct cli_texts groups;    /* --groups */
    bool precision_given;       /* -p given */
};

void cli_board_args_init(struct cli_board_args *a);

/* Frees what the options gathered. */
void cli_board_args_release(struct cli_board_args *a);

/* For a command that shows no intervals (diff, history): a usage error
 * (LB_EXIT_USAGE) when c is --stderr, --bootstrap or --seed, else 0. */
int cli_board_no_intervals(const char *cmd, int c);

/* Once every option is read: checks the options that go together
 * (--weights needs --method weighted, ...). Returns 0, or
 * LB_EXIT_USAGE after printing a usage error. */
int cli_board_finish(const char *cmd, struct cli_board_args *a);

/* Handles option c (as returned by getopt_long) if it is one of the board
 * options: returns 0 when handled, 1 when c is not a board option, and
 * LB_EXIT_USAGE after printing a usage error for a bad value. */
int cli_board_option(const char *cmd, int c, const char *arg,
                     struct cli_board_args *a);

/* }====================================================================== */

/* {======================================================================
 * Progress on long loads (cli/progress.c)
 * ======================================================================= */

struct cli_progress {
    const char *name;      /* the file, as given */
    struct timespec start; /* when the load started */
    struct timespec last;  /* when the line was last drawn */
    bool shown;            /* a line is on the terminal */
    bool immediate;        /* draw from the first block (tests) */
};

/* When standard error is a terminal, makes the load with options lo draw
 * "leaderboard: reading FILE: 45% (230 of 512 MiB)" on it, from the
 * second second of the load on. cli_progress_end erases the line (call it
 * before printing anything else) and detaches p from lo. */
void cli_progress_start(struct cli_progress *p, const char *name,
                        struct lb_load_opts *lo);
void cli_progress_end(struct cli_progress *p, struct lb_load_opts *lo);

/* }====================================================================== */

/* "leaderboard: MESSAGE\n" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "leaderboard CMD: MESSAGE" and "Try 'leaderboard CMD --help' for
 * more information." on stderr; returns LB_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* --suite ID: the built-in suite (core/catalog.h) in *out, or a usage
 * error naming the suites there are (LB_EXIT_USAGE). */
struct lb_suite;
int cli_suite_option(const char *cmd, const char *arg,
                     const struct lb_suite **out);

/* Reports the getopt_long error for argv[optind - 1] (unknown option,
 * missing argument); returns LB_EXIT_USAGE. 'c' is what getopt_long
 * returned ('?' or ':'). For an unknown long option it names the nearest
 * of opts (the command's getopt_long table): "did you mean '--since'?"
 * (base/suggest.h). Every command reports option errors through it. */
int cli_option_error_near(const char *cmd, int c, char **argv,
                          const struct option *opts);

/* Parses a whole decimal number in [min, max]; false otherwise. */
bool cli_parse_size(const char *s, unsigned long min, unsigned long max,
                    unsigned long *out);

/* {======================================================================
 * -f/--format and -o/--output, for the commands that write a table (rank,
 * diff): the format from the registry (export/format.h)
 * ======================================================================= */

struct lb_format;

struct cli_format {
    const struct lb_format *format; /* -f, else from -o's extension, else
                                       text */
    bool given;                     /* -f given */
    const char *output;             /* -o, or NULL: standard output */
    struct lb_publish publish;      /* --title ... --width: how the table is
                                       published (html, latex) */
    const char *const *inputs;      /* the files read (the page's source
                                       line), set by the command */
    size_t ninputs;
};

/* -f, -o and the publishing options, for a command's long options table;
 * its switch sends CLI_FORMAT_CASES ('f', 'o' and CLI_PUBLISH_CASES) to
 * cli_format_option. */
#define CLI_FORMAT_LONG                                                    \
    {"format", required_argument, NULL, 'f'},                              \
        {"output", required_argument, NULL, 'o'},                          \
        {"title", required_argument, NULL, CLI_OPT_TITLE},                 \
        {"source", required_argument, NULL, CLI_OPT_SOURCE},               \
        {"date", required_argument, NULL, CLI_OPT_DATE},                   \
        {"link", required_argument, NULL, CLI_OPT_LINK},                   \
        {"caption", required_argument, NULL, CLI_OPT_CAPTION},             \
        {"label", required_argument, NULL, CLI_OPT_LABEL},                 \
        {"width", required_argument, NULL, CLI_OPT_WIDTH}
#define CLI_PUBLISH_CASES                                                  \
    case CLI_OPT_TITLE:                                                    \
    case CLI_OPT_SOURCE:                                                   \
    case CLI_OPT_DATE:                                                     \
    case CLI_OPT_LINK:                                                     \
    case CLI_OPT_CAPTION:                                                  \
    case CLI_OPT_LABEL:                                                    \
    case CLI_OPT_WIDTH
#define CLI_FORMAT_CASES                                                   \
    case 'f':                                                              \
    case 'o':                                                              \
        CLI_PUBLISH_CASES

struct lb_view;

/* Writes view v in format f->format to f->output (replaced whole, or
 * standard output), published as f->publish says: the page's source line
 * names f->inputs (their base names) and the date the newest of them was
 * modified (UTC; not later than SOURCE_DATE_EPOCH when that is set), unless
 * --source or --date say otherwise. Returns 0; -1 after printing an output
 * error, or with the writer's message in err (to print). */
int cli_write_view(const struct cli_format *f, struct lb_view *v,
                   struct lb_error *err);

/* How a chart looks, for plot on scores and on votes (one parser):
 * --title TEXT, --size WxH, --range LO:HI, and on scores --size-column
 * NAME. Numbered far from the commands' own options. */
enum {
    CLI_OPT_CHART_TITLE = CHAR_MAX + 200,
    CLI_OPT_CHART_SIZE,
    CLI_OPT_CHART_RANGE,
    CLI_OPT_SIZE_COLUMN
};

#define CLI_CHART_STYLE_LONG                                               \
    {"title", required_argument, NULL, CLI_OPT_CHART_TITLE},               \
        {"size", required_argument, NULL, CLI_OPT_CHART_SIZE},             \
        {"range", required_argument, NULL, CLI_OPT_CHART_RANGE}
#define CLI_SIZE_COLUMN_LONG                                               \
    {"size-column", required_argument, NULL, CLI_OPT_SIZE_COLUMN}

/* Handles option c of the chart style into *s: 0 when handled, 1 when c
 * is not one of them, or LB_EXIT_USAGE after a usage error naming the
 * value. */
int cli_chart_style_option(const char *cmd, int c, const char *arg,
                           struct lb_chart_style *s);

/* The help of those options (votes: without --size-column). */
void cli_chart_style_help(FILE *fp, bool votes);

/* Adds the charts of a comma-separated --chart list to chart[] (indexed by
 * enum lb_chart) and sets *given; votes: only the charts of votes. Returns
 * 0, or LB_EXIT_USAGE after a usage error naming the charts there are. */
int cli_chart_list(const char *cmd, const char *list, bool votes,
                   bool *chart, bool *given);

/* Handles option c (CLI_FORMAT_CASES); returns 0, or LB_EXIT_USAGE after
 * printing a usage error (an unknown format, naming every format; a link,
 * label or width that is refused). */
int cli_format_option(const char *cmd, int c, const char *arg,
                      struct cli_format *f);

/* Once every option is read: the format -o's extension suggests when -f
 * was not given, else text. Returns 0, or LB_EXIT_USAGE after a usage
 * error (an HTML option for another format, a LaTeX option likewise). */
int cli_format_finish(const char *cmd, struct cli_format *f);

/* Prints the help of -f, -o and the publishing options: every format and
 * what it is. */
void cli_format_help(FILE *fp);

/* }====================================================================== */

/* Parses --wait's SECONDS: a decimal number of seconds, at most 3 decimals
 * and at most CLI_WAIT_MAX, into milliseconds; false otherwise. */
#define CLI_WAIT_MAX 1000000000LL
bool cli_parse_seconds(const char *s, long long *ms);
/* The value of a numeric option (every command's: one message says what
 * is taken): a whole number from min to max into *out and 0, or a usage
 * error "OPTION: 'ARG' is not a whole number from MIN to MAX" and
 * LB_EXIT_USAGE. */
int cli_number_option(const char *cmd, const char *option, const char *arg,
                      unsigned long min, unsigned long max,
                      unsigned long *out);

/* Where a command writes its result: standard output, or a file written
 * as a stream into an unnamed temporary file and put in place only when
 * everything was written (base/fileio.h: lb_file_tmp_*: a failed or killed
 * run never leaves half a file nor a temporary one; links are followed, the
 * file's mode kept; a device or a FIFO is written in place). */
struct cli_output {
    FILE *fp;               /* where to write */
    struct lb_file_tmp tmp; /* the stream behind fp */
};

/* Opens the output: NULL or "-" for standard output. Returns 0, or -1 after
 * printing an error. */
int cli_output_open(struct cli_output *o, const char *path);

/* Flushes, syncs and renames the file into place; returns 0, or -1 after
 * printing an error naming the file (nothing is left of it). For standard
 * output only flushes. */
int cli_output_commit(struct cli_output *o);

/* Discards the output after its writer failed with err: when what failed
 * was a write, err gets a message naming the file (or standard output)
 * instead of the writer's. */
void cli_output_fail(struct cli_output *o, struct lb_error *err);

/* Discards a file output (nothing is left of it). */
void cli_output_abort(struct cli_output *o);

#endif
