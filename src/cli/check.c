/* check.c: 'leaderboard check FILE...': every problem of score files at
 * once, for people and for pre-commit hooks.
 *
 * A file that cannot be read as a table (a ragged row, a bad quote...) is
 * reported as the loader reports it; a table is then checked cell by cell
 * (core/check.c). Findings go to standard output, one per line,
 * "FILE:LINE:COLUMN: error: ..." (the form compilers use, which editors
 * jump to); the exit status is 0 when no file has an error. */
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/quote.h"
#include "base/utf8.h"
#include "cli/cli.h"
#include "core/check.h"
#include "core/select.h"
#include "core/table.h"

#define DEFAULT_MAX 20

static const char usage_text[] =
    "Usage: leaderboard check [OPTION]... FILE...\n"
    "Check score files (CSV) and list every problem, one per line:\n"
    "FILE:LINE:COLUMN: error: ... (or warning). Exit status 0 when no file\n"
    "has an error, 1 otherwise: fit for a pre-commit hook.\n"
    "\n"
    "Errors: what stops the file from being read (a row with another number\n"
    "of fields, a bad quote, a duplicate column name, no model column; the\n"
    "first one only), then every cell of a numeric column that is not a\n"
    "number, every benchmark score out of its range, negative standard\n"
    "errors, duplicate keys (model, and precision when the file has that\n"
    "column), and an Average that differs from the mean of the benchmarks\n"
    "by more than their rounding (half a unit of its last digit, plus the\n"
    "mean of half a unit of each score's), values outside a schema's\n"
    "constraints.\n"
    "Warnings: numeric columns that are not benchmarks leaderboard knows,\n"
    "their scores outside 0 to 100, model names with spaces at their ends,\n"
    "rows whose scores all lie in 0 to 1 on a board whose scores go above 1\n"
    "(fractions for percentages).\n"
    "\n"
    "  -b, --benchmarks A,B,...  the benchmarks an aggregate (Average) is the\n"
    "                            mean of (default: the schema's)\n"
    "      --max N               list at most N problems of one kind per\n"
    "                            column (default 20; 0: all), count the rest\n"
    "      --strict              warnings fail too (exit status 1)\n"
    "      --model-column NAME   the column of model names (default: the\n"
    "                            schema's, else model, model_id, model_name or\n"
    "                            name, in any letter case)\n"
    "      --schema FILE         what each column is: a Table Schema JSON file\n"
    "                            (default: NAME.schema.json beside NAME.csv,\n"
    "                            else inferred; see 'leaderboard schema')\n"
    "  -q, --quiet               print nothing for a file without problems\n"
    "  -h, --help                show this help and exit\n"
    "\n"
    "Examples\n"
    "  leaderboard check benchmarks/openllm.csv\n"
    "  git diff --cached --name-only -- '*.csv' | xargs -r leaderboard check\n";

static const struct option long_options[] = {
    {"benchmarks", required_argument, NULL, 'b'},
    {"max", required_argument, NULL, CLI_OPT_FIRST_FREE + 1},
    {"strict", no_argument, NULL, CLI_OPT_FIRST_FREE},
    {"model-column", required_argument, NULL, CLI_OPT_MODEL_COLUMN},
    {"schema", required_argument, NULL, CLI_OPT_SCHEMA},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct check_args {
    struct lb_check_opts opts;
    const char *model_column;
    const char *schema_path;
    struct cli_names benchmarks; /* -b */
    bool strict;
    bool quiet;
    char **files;
    size_t nfiles;
};

static int parse_args(int argc, char **argv, struct check_args *a)
{
    unsigned long v;
    int c;

    memset(a, 0, sizeof *a);
    a->opts.max_per_column = DEFAULT_MAX;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":b:qh", long_options, NULL)) != -1) {
        switch (c) {
        case CLI_OPT_FIRST_FREE + 1: /* --max (-n is --top elsewhere) */
            if (cli_number_option("check", "--max", optarg, 0,
                                  (unsigned long)LONG_MAX, &v))
                return LB_EXIT_USAGE;
            a->opts.max_per_column = (size_t)v;
            break;
        case CLI_OPT_FIRST_FREE:
            a->strict = true;
            break;
        case CLI_OPT_MODEL_COLUMN:
            a->model_column = optarg;
            break;
        case CLI_OPT_SCHEMA:
            a->schema_path = optarg;
            break;
        case 'b':
            if (cli_names_add("check", "--benchmarks", optarg,
                              &a->benchmarks) != 0)
                return LB_EXIT_USAGE;
            break;
        case 'q':
            a->quiet = true;
            break;
        case 'h':
            fputs(usage_text, stdout);
            return -1;
        default:
            return cli_option_error_near("check", c, argv, long_options);
        }
    }
    if (optind >= argc)
        return cli_usage_error("check", "missing FILE (a CSV score file, or - "
                                        "for standard input)");
    a->files = argv + optind;
    a->nfiles = (size_t)(argc - optind);
    return 0;
}

/* Appends a file name or a message, terminal-safe. */
static void add_safe(struct lb_buf *b, const char *s)
{
    (void)lb_utf8_render(b, s, strlen(s), 0);
}

/* Appends the loader's message "NAME[:LINE[:COL]]: what" as
 * "NAME[:LINE[:COL]]: error: what", terminal-safe. */
static void add_located(struct lb_buf *out, const char *name,
                        const char *marked)
{
    struct lb_buf shown = LB_BUF_INIT;
    size_t n = strlen(name), pos = 0;
    const char *msg, *p;
    int parts;

    lb_error_render(&shown, marked, "--"); /* options as the CLI spells them */
    msg = p = lb_buf_str(&shown);

    if (strncmp(msg, name, n) == 0 && msg[n] == ':') {
        p = msg + n;
        for (parts = 0; parts < 2 && p[0] == ':' && p[1] >= '0' && p[1] <= '9';
             parts++) {
            p++;
            while (*p >= '0' && *p <= '9')
                p++;
        }
        if (p[0] == ':' && p[1] == ' ')
            pos = (size_t)(p - msg) + 2;
    }
    (void)lb_utf8_render(out, msg, pos, 0);
    lb_buf_adds(out, pos > 0 ? "error: " : "");
    add_safe(out, msg + pos);
    lb_buf_addc(out, '\n');
    lb_buf_release(&shown);
}

/* Checks one file; returns 0 when it has no error (nor, with --strict, a
 * warning), 1 when it has, -1 when it could not be read at all. */
static int check_file(const struct check_args *a, const char *path)
{
    struct lb_load_opts lo = {.model_column = a->model_column,
                              .schema_path = a->schema_path,
                              .keep_text = true};
    struct lb_table t;
    struct lb_error err;
    struct lb_check_report rep;
    struct lb_check_opts opts = a->opts;
    struct lb_selection sel;
    struct lb_buf out = LB_BUF_INIT;
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    struct cli_progress pr;
    size_t i;
    int rc;

    lb_error_init(&err);
    cli_progress_start(&pr, path, &lo);
    rc = lb_table_load(&t, path, &lo, &err);
    cli_progress_end(&pr, &lo);
    if (rc != 0) {
        /* an I/O error is not a finding: it goes to standard error */
        if (strncmp(err.msg, "cannot ", 7) == 0) {
            cli_error("%s", err.msg);
            return -1;
        }
        add_located(&out, name, err.msg);
        add_safe(&out, name);
        lb_buf_adds(&out, ": 1 error (the file cannot be read further)\n");
        fwrite(out.data, 1, out.len, stdout);
        lb_buf_release(&out);
        return 1;
    }
    if (a->benchmarks.n > 0) { /* -b: as rank resolves them */
        struct lb_select_opts so = {
            (const char *const *)a->benchmarks.v, a->benchmarks.n,
            NULL, NULL, 0, NULL};

        if (lb_select(&t, &so, &sel, &err) != 0) {
            cli_error("%s", err.msg);
            lb_table_release(&t);
            return -1;
        }
        opts.bench = sel.bench;
        opts.nbench = sel.nbench;
    }
    lb_check_table(&t, &opts, &rep);
    if (a->benchmarks.n > 0)
        lb_selection_release(&sel);
    for (i = 0; i < rep.n; i++) {
        const struct lb_check_issue *is = &rep.issues[i];

        add_safe(&out, t.path);
        if (is->line != 0 && is->line != LB_NPOS)
            lb_buf_addf(&out, ":%zu:%zu", is->line, is->col);
        lb_buf_addf(&out, ": %s: ",
                    is->level == LB_CHECK_ERROR ? "error" : "warning");
        /* user text in it is quoted; options as the CLI spells them */
        lb_error_render(&out, is->msg, "--");
        lb_buf_addc(&out, '\n');
    }
    rc = rep.errors > 0 || (a->strict && rep.warnings > 0);
    if (rep.errors + rep.warnings > 0 || !a->quiet) {
        add_safe(&out, t.path);
        if (rep.errors + rep.warnings == 0)
            lb_buf_addf(&out, ": ok (%zu row%s, %zu column%s)\n", t.nrows,
                        t.nrows == 1 ? "" : "s", t.ncols,
                        t.ncols == 1 ? "" : "s");
        else
            lb_buf_addf(&out, ": %zu error%s, %zu warning%s\n", rep.errors,
                        rep.errors == 1 ? "" : "s", rep.warnings,
                        rep.warnings == 1 ? "" : "s");
    }
    if (out.len > 0)
        fwrite(out.data, 1, out.len, stdout);
    lb_buf_release(&out);
    lb_check_report_release(&rep);
    lb_table_release(&t);
    return rc;
}

int cmd_check(int argc, char **argv)
{
    struct check_args a;
    size_t i;
    int rc = parse_args(argc, argv, &a), worst = LB_EXIT_OK;

    if (rc != 0) {
        cli_names_release(&a.benchmarks);
        return rc < 0 ? LB_EXIT_OK : rc;
    }
    for (i = 0; i < a.nfiles; i++)
        if (check_file(&a, a.files[i]) != 0)
            worst = LB_EXIT_FAILURE;
    cli_names_release(&a.benchmarks);
    return worst;
}
