/* add.c: 'leaderboard add FILE ...': add (or update) score rows safely.
 *
 * Builds the new rows from the arguments or from --from's file; writing
 * them (lock, validate, replace atomically, say where each row ranks) is
 * cli/add_rows.c's, which 'import' shares. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/quote.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "core/add.h"
#include "core/table.h"

static const char usage_text[] =
    "Usage: leaderboard add [OPTION]... FILE --model NAME [BENCH=VALUE]...\n"
    "       leaderboard add [OPTION]... FILE --from ROWS.csv\n"
    "Add a model's scores to a score file (CSV), or many rows from another CSV\n"
    "file ('-': standard input) whose columns are matched by name. Every row\n"
    "is checked first; one bad row and nothing is added. Rows not added or\n"
    "replaced stay byte for byte as they were.\n"
    "\n"
    "  -m, --model NAME         the model's name (org/name)\n"
    "  BENCH=VALUE              a benchmark score: a number in the benchmark's\n"
    "                           range (0 to 100 unless the catalog says\n"
    "                           otherwise), written as given; a benchmark left\n"
    "                           out is an empty cell\n"
    "      --set COLUMN=TEXT    any other column (params_b, license, precision)\n"
    "      --from ROWS.csv      add every row of ROWS.csv (empty cells there are\n"
    "                           not given)\n"
    "      --replace            update a row whose model (and precision, when\n"
    "                           the file has that column) is there already: the\n"
    "                           columns given take the new values, the others\n"
    "                           keep theirs\n"
    "      --new-column         add columns the file does not have (existing\n"
    "                           rows get an empty cell there)\n"
    "      --create             create FILE if it does not exist (header: model\n"
    "                           and the columns given)\n"
    "      --wait SECONDS       when another writer holds the file's lock,\n"
    "                           wait at most SECONDS for it (default: for\n"
    "                           ever, saying so on standard error)\n"
    "      --allow-formulas     store text that starts with =, +, -, @, TAB or\n"
    "                           CR (a spreadsheet runs it as a formula: refused\n"
    "                           by default, unless it is a number)\n"
    "      --force              add scores that look like fractions (every\n"
    "                           score from 0 to 1 on a board whose scores go\n"
    "                           above 1: refused by default)\n"
    "      --schema FILE        the board's schema (default: NAME.schema.json\n"
    "                           beside the file, else inferred)\n"
    "  -q, --quiet              do not say where the rows rank\n"
    "  -h, --help               show this help and exit\n"
    "\n"
    "The file is locked against other writers while it is updated, and\n"
    "replaced atomically: readers see the old file or the new one, and on any\n"
    "failure the original is untouched. Exit status 0: the rows are in the\n"
    "file (even when the confirmation cannot be printed); 1: nothing was\n"
    "written.\n"
    "\n"
    "Examples\n"
    "  leaderboard add benchmarks/openllm.csv --model org/new-7b ARC=61.2 \\\n"
    "      HellaSwag=83.0 MMLU=63.5 TruthfulQA=45.1 Winogrande=78.9 GSM8K=40.2 \\\n"
    "      --set params_b=7.2 --set license=apache-2.0 --set precision=bfloat16\n"
    "  leaderboard add scores.csv --from new-runs.csv --replace\n";

enum { OPT_SET = CLI_OPT_FIRST_FREE, OPT_FROM, OPT_REPLACE, OPT_NEW_COLUMN,
       OPT_CREATE, OPT_WAIT,
       OPT_ALLOW_FORMULAS, OPT_FORCE };

static const struct option long_options[] = {
    {"model", required_argument, NULL, 'm'},
    {"set", required_argument, NULL, OPT_SET},
    {"from", required_argument, NULL, OPT_FROM},
    {"replace", no_argument, NULL, OPT_REPLACE},
    {"new-column", no_argument, NULL, OPT_NEW_COLUMN},
    {"create", no_argument, NULL, OPT_CREATE},
    {"wait", required_argument, NULL, OPT_WAIT},
    {"allow-formulas", no_argument, NULL, OPT_ALLOW_FORMULAS},
    {"force", no_argument, NULL, OPT_FORCE},
    {"schema", required_argument, NULL, CLI_OPT_SCHEMA},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct add_args {
    const char *file;
    const char *model;
    const char *from;
    struct lb_add_opts opts;
    bool create;
    bool quiet;
    long long wait_ms; /* --wait; -1: for ever */
    char **sets;    /* --set arguments, in order */
    size_t nsets;
    char **pairs;   /* BENCH=VALUE arguments, in order */
    size_t npairs;
};

/* The new rows and the storage their strings live in. */
struct new_rows {
    struct lb_new_row *rows;
    size_t n;
    struct lb_table from; /* --from's table, when given */
    bool has_from;
    char **strings;       /* owned strings the rows point into */
    size_t nstrings, cap;
};

static char *keep(struct new_rows *nr, char *s)
{
    if (nr->nstrings == nr->cap) {
        nr->cap = lb_grow_cap(nr->cap, nr->nstrings + 1);
        nr->strings = xreallocarray(nr->strings, nr->cap, sizeof *nr->strings);
    }
    nr->strings[nr->nstrings++] = s;
    return s;
}

static void new_rows_release(struct new_rows *nr)
{
    size_t i;

    for (i = 0; i < nr->n; i++)
        free(nr->rows[i].cells);
    free(nr->rows);
    for (i = 0; i < nr->nstrings; i++)
        free(nr->strings[i]);
    free(nr->strings);
    if (nr->has_from)
        lb_table_release(&nr->from);
}

static void push(char ***list, size_t *n, char *s)
{
    *list = xreallocarray(*list, *n + 1, sizeof **list);
    (*list)[(*n)++] = s;
}

static int parse_args(int argc, char **argv, struct add_args *a)
{
    struct lb_quoted q;
    int c, i;

    memset(a, 0, sizeof *a);
    a->wait_ms = -1;
    optind = 0;
    opterr = 0;
    /* '+' would stop at FILE; GNU order lets options follow it */
    while ((c = getopt_long(argc, argv, ":m:qh", long_options, NULL)) != -1) {
        switch (c) {
        case 'm':
            a->model = optarg;
            break;
        case OPT_SET:
            push(&a->sets, &a->nsets, optarg);
            break;
        case OPT_FROM:
            a->from = optarg;
            break;
        case OPT_REPLACE:
            a->opts.replace = true;
            break;
        case OPT_NEW_COLUMN:
            a->opts.new_column = true;
            break;
        case OPT_CREATE:
            a->create = true;
            break;
        case OPT_WAIT:
            if (!cli_parse_seconds(optarg, &a->wait_ms))
                return cli_usage_error("add", "--wait: %s is not a number of "
                                              "seconds (0 to 1000000000, 3 "
                                              "decimals at most)",
                                       lb_quotes(&q, optarg));
            break;
        case OPT_FORCE:
            a->opts.force = true;
            break;
        case CLI_OPT_SCHEMA:
            a->opts.schema_path = optarg;
            break;
        case OPT_ALLOW_FORMULAS:
            a->opts.allow_formulas = true;
            break;
        case 'q':
            a->quiet = true;
            break;
        case 'h':
            fputs(usage_text, stdout);
            return -1;
        default:
            return cli_option_error_near("add", c, argv, long_options);
        }
    }
    if (optind >= argc)
        return cli_usage_error("add", "missing FILE (the score file to add to)");
    a->file = argv[optind];
    if (strcmp(a->file, "-") == 0)
        return cli_usage_error("add", "FILE is the score file to update; "
                                      "standard input cannot be updated (use "
                                      "--from - to read rows from it)");
    if (strchr(a->file, '=') != NULL && access(a->file, F_OK) != 0)
        return cli_usage_error("add", "missing FILE? %s looks like BENCH=VALUE",
                               lb_quotes(&q, a->file));
    for (i = optind + 1; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');

        if (eq == NULL || eq == argv[i])
            return cli_usage_error("add", "%s is not BENCH=VALUE",
                                   lb_quotes(&q, argv[i]));
        push(&a->pairs, &a->npairs, argv[i]);
    }
    for (i = 0; i < (int)a->nsets; i++) {
        const char *eq = strchr(a->sets[i], '=');

        if (eq == NULL || eq == a->sets[i])
            return cli_usage_error("add", "--set: %s is not COLUMN=TEXT",
                                   lb_quotes(&q, a->sets[i]));
    }
    if (a->from != NULL && (a->model != NULL || a->npairs > 0 || a->nsets > 0))
        return cli_usage_error("add", "--from takes the rows from a file: no "
                                      "--model, --set or BENCH=VALUE with it");
    if (a->from == NULL && a->model == NULL)
        return cli_usage_error("add", "missing --model NAME (or --from "
                                      "ROWS.csv)");
    return 0;
}

/* One row from --model, BENCH=VALUE and --set. */
static void rows_from_args(const struct add_args *a, struct new_rows *nr)
{
    struct lb_new_row *row;
    struct lb_quoted q;
    size_t i, k = 0;

    nr->rows = xcalloc(1, sizeof *nr->rows);
    nr->n = 1;
    row = &nr->rows[0];
    row->model = a->model;
    row->model_len = strlen(a->model);
    row->origin = keep(nr, xstrdup("--model"));
    row->cells = xcalloc(a->npairs + a->nsets + 1, sizeof *row->cells);
    for (i = 0; i < a->npairs + a->nsets; i++) {
        bool bench = i < a->npairs;
        const char *arg = bench ? a->pairs[i] : a->sets[i - a->npairs];
        const char *eq = strchr(arg, '=');
        struct lb_assign *c = &row->cells[k++];
        struct lb_buf origin = LB_BUF_INIT;

        c->column = keep(nr, xmemdup0(arg, (size_t)(eq - arg)));
        c->value = eq + 1;
        c->value_len = strlen(eq + 1);
        c->benchmark = bench;
        lb_buf_addf(&origin, "%s%s", bench ? "argument " : "--set ",
                    lb_quotes(&q, arg));
        c->origin = keep(nr, origin.data);
    }
    row->ncells = k;
}

/* The rows of --from: columns matched by name; empty cells are not given. */
static int rows_from_file(const char *path, struct new_rows *nr,
                          struct lb_error *err)
{
    struct lb_load_opts lo = {.keep_text = true};
    struct lb_table *t = &nr->from;
    size_t r, j;

    if (lb_table_load(t, path, &lo, err) != 0)
        return -1;
    nr->has_from = true;
    nr->rows = xcalloc(t->nrows, sizeof *nr->rows);
    nr->n = t->nrows;
    for (r = 0; r < t->nrows; r++) {
        struct lb_new_row *row = &nr->rows[r];
        struct lb_buf origin = LB_BUF_INIT;

        row->model = lb_table_model(t, r, &row->model_len);
        lb_buf_addf(&origin, "%s:%zu", t->path, lb_table_line(t, r));
        row->origin = keep(nr, origin.data);
        row->cells = xcalloc(t->ncols, sizeof *row->cells);
        for (j = 0; j < t->ncols; j++) {
            struct lb_assign *c = &row->cells[row->ncells];
            struct lb_buf where = LB_BUF_INIT;
            size_t len;
            const char *v;

            if (j == t->model_col)
                continue;
            v = lb_table_text(t, j, r, &len);
            if (len == 0)
                continue;
            c->column = t->cols[j].name;
            c->value = v;
            c->value_len = len;
            lb_buf_addf(&where, "%s:%zu:%zu", t->path, lb_table_line(t, r), j + 1);
            c->origin = keep(nr, where.data);
            row->ncells++;
        }
    }
    return 0;
}

int cmd_add(int argc, char **argv)
{
    struct add_args a;
    struct new_rows nr;
    struct lb_error err;
    int rc = parse_args(argc, argv, &a);

    if (rc != 0) {
        free(a.sets);
        free(a.pairs);
        return rc < 0 ? LB_EXIT_OK : rc;
    }
    memset(&nr, 0, sizeof nr);
    lb_error_init(&err);
    if (a.from != NULL && rows_from_file(a.from, &nr, &err) != 0) {
        cli_error("%s", err.msg);
        rc = LB_EXIT_FAILURE;
    } else {
        struct cli_add_target tg = {a.file, a.create, a.opts, a.quiet,
                                    a.wait_ms, NULL, 0};

        if (a.from == NULL)
            rows_from_args(&a, &nr);
        rc = cli_add_rows(&tg, nr.rows, nr.n);
    }
    new_rows_release(&nr);
    free(a.sets);
    free(a.pairs);
    return rc;
}
