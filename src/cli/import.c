/* import.c: 'leaderboard import RESULTS.json... --into FILE': the results
 * of lm-evaluation-harness runs as rows of a score file.
 *
 * Each results file is read by core/lmeval.c (the built-in Open LLM
 * Leaderboard mapping, --map, warnings); the files of one model make one
 * row (lm-eval users often run one task per file); the row goes into the
 * score file through the same locked, validated, atomic path as 'add'
 * (cli/add_rows.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/fileio.h"
#include "base/quote.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "core/add.h"
#include "core/lmeval.h"
#include "core/table.h"

#define DEFAULT_DECIMALS 6
#define MAX_DECIMALS 15

static const char usage_text[] =
    "Usage: leaderboard import [OPTION]... RESULTS.json... --into FILE\n"
    "Add the results of lm-evaluation-harness runs (results_*.json, current\n"
    "or legacy format) to a score file (CSV), through the same checks and\n"
    "atomic update as 'leaderboard add'. The files of one model make one row.\n"
    "\n"
    "  -i, --into FILE           the score file to add to (required)\n"
    "      --map TASK:METRIC=COLUMN\n"
    "                            also import this metric of this task, times\n"
    "                            100, into COLUMN (repeatable; replaces the\n"
    "                            built-in choice for a catalog benchmark);\n"
    "                            METRIC is 'acc,none', or 'acc' for the\n"
    "                            task's only acc\n"
    "  -m, --model NAME          the model's name (default: the file's\n"
    "                            model_name, else pretrained= in its\n"
    "                            model_args, else its config.model)\n"
    "      --set COLUMN=TEXT     another column of the new row (repeatable)\n"
    "      --decimals N          decimals written, 0 to 15 (default 6; trailing\n"
    "                            zeros are dropped)\n"
    "      --replace             update the model's row if it is there\n"
    "      --new-column          add columns the file does not have\n"
    "      --create              create FILE if it does not exist\n"
    "      --allow-formulas      store text that starts with =, +, -, @, TAB\n"
    "                            or CR (a model name, --set: refused by\n"
    "                            default, a spreadsheet runs it as a formula)\n"
    "      --strict              add nothing when a result is not comparable\n"
    "                            (see warnings below)\n"
    "      --wait SECONDS        when another writer holds the file's lock,\n"
    "                            wait at most SECONDS for it (default: for\n"
    "                            ever, saying so on standard error)\n"
    "  -q, --quiet               do not say where the rows rank\n"
    "  -h, --help                show this help and exit\n"
    "\n"
    "Built in: the Open LLM Leaderboard's metrics, scaled to 0-100. v1:\n"
    "ARC (arc_challenge acc_norm), HellaSwag (acc_norm), MMLU (plain mean of\n"
    "the 57 subjects' acc), TruthfulQA (mc2), Winogrande (acc), GSM8K\n"
    "(exact_match, strict-match). v2, normalized above the random baseline:\n"
    "IFEval, BBH, MATH Lvl 5, GPQA, MuSR, MMLU-PRO. Only the benchmarks that\n"
    "FILE has as columns are imported; NAME_stderr columns get the standard\n"
    "errors; a precision column gets the run's dtype.\n"
    "\n"
    "Warnings (standard error) for results that are not comparable with the\n"
    "board's: a task run with other shots than the board's, a run with\n"
    "--limit (fewer samples than the task has).\n"
    "\n"
    "Examples\n"
    "  leaderboard import results_2024-06-10T12-00-00.json --into "
    "benchmarks/openllm.csv\n"
    "  leaderboard import out/*/results_*.json --into scores.csv --create\n"
    "  leaderboard import r.json --into s.csv --map "
    "gsm8k:exact_match,flexible-extract=GSM8K\n";

enum { OPT_MAP = CLI_OPT_FIRST_FREE, OPT_SET, OPT_DECIMALS, OPT_REPLACE,
       OPT_NEW_COLUMN, OPT_CREATE, OPT_STRICT, OPT_WAIT,
       OPT_ALLOW_FORMULAS };

static const struct option long_options[] = {
    {"into", required_argument, NULL, 'i'},
    {"map", required_argument, NULL, OPT_MAP},
    {"model", required_argument, NULL, 'm'},
    {"set", required_argument, NULL, OPT_SET},
    {"decimals", required_argument, NULL, OPT_DECIMALS},
    {"replace", no_argument, NULL, OPT_REPLACE},
    {"new-column", no_argument, NULL, OPT_NEW_COLUMN},
    {"create", no_argument, NULL, OPT_CREATE},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"wait", required_argument, NULL, OPT_WAIT},
    {"allow-formulas", no_argument, NULL, OPT_ALLOW_FORMULAS},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct import_args {
    struct cli_add_target tg;
    const char *model;
    char **files;
    size_t nfiles;
    struct lb_lmeval_map *maps;
    size_t nmaps;
    char **sets;
    size_t nsets;
    unsigned decimals;
    bool strict;
};

static void args_release(struct import_args *a)
{
    size_t i;

    for (i = 0; i < a->nmaps; i++)
        lb_lmeval_map_release(&a->maps[i]);
    free(a->maps);
    free(a->sets);
}

/* Returns 0 to go on, -1 after --help, or an exit status. */
static int parse_args(int argc, char **argv, struct import_args *a)
{
    struct lb_quoted q;
    struct lb_error err;
    unsigned long v;
    int c;
    size_t i;

    memset(a, 0, sizeof *a);
    a->tg.wait_ms = -1;
    a->decimals = DEFAULT_DECIMALS;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":i:m:qh", long_options, NULL)) != -1) {
        switch (c) {
        case 'i':
            a->tg.file = optarg;
            break;
        case OPT_MAP:
            a->maps = xreallocarray(a->maps, a->nmaps + 1, sizeof *a->maps);
            lb_error_init(&err);
            if (lb_lmeval_map_parse(optarg, &a->maps[a->nmaps], &err) != 0)
                return cli_usage_error("import", "%s", err.msg);
            a->nmaps++;
            break;
        case 'm':
            a->model = optarg;
            break;
        case OPT_SET:
            if (strchr(optarg, '=') == NULL || optarg[0] == '=')
                return cli_usage_error("import", "--set: %s is not COLUMN=TEXT",
                                       lb_quotes(&q, optarg));
            a->sets = xreallocarray(a->sets, a->nsets + 1, sizeof *a->sets);
            a->sets[a->nsets++] = optarg;
            break;
        case OPT_DECIMALS:
            if (cli_number_option("import", "--decimals", optarg, 0,
                                  MAX_DECIMALS, &v))
                return LB_EXIT_USAGE;
            a->decimals = (unsigned)v;
            break;
        case OPT_REPLACE:
            a->tg.opts.replace = true;
            break;
        case OPT_NEW_COLUMN:
            a->tg.opts.new_column = true;
            break;
        case OPT_CREATE:
            a->tg.create = true;
            break;
        case OPT_STRICT:
            a->strict = true;
            break;
        case OPT_WAIT:
            if (!cli_parse_seconds(optarg, &a->tg.wait_ms))
                return cli_usage_error("import", "--wait: %s is not a number "
                                                 "of seconds (0 to 1000000000, "
                                                 "3 decimals at most)",
                                       lb_quotes(&q, optarg));
            break;
        case OPT_ALLOW_FORMULAS:
            a->tg.opts.allow_formulas = true;
            break;
        case 'q':
            a->tg.quiet = true;
            break;
        case 'h':
            fputs(usage_text, stdout);
            return -1;
        default:
            return cli_option_error("import", c, argv);
        }
    }
    if (optind >= argc)
        return cli_usage_error("import", "missing RESULTS.json (an "
                                         "lm-evaluation-harness results "
                                         "file)");
    if (a->tg.file == NULL)
        return cli_usage_error("import", "missing --into FILE (the score "
                                         "file to add to)");
    if (strcmp(a->tg.file, "-") == 0)
        return cli_usage_error("import", "--into: standard input cannot be "
                                         "updated");
    a->files = argv + optind;
    a->nfiles = (size_t)(argc - optind);
    for (i = 0; i < a->nfiles; i++)
        if (strcmp(a->files[i], "-") == 0 && a->nfiles > 1)
            return cli_usage_error("import", "standard input ('-') must be "
                                             "the only RESULTS file");
    return 0;
}

/* {======================================================================
 * Reading the results
 * ======================================================================= */

/* Reads a whole file ('-': standard input). Returns 0, or -1 with err. */
static int read_file(const char *path, struct lb_buf *out, struct lb_error *err)
{
    struct lb_quoted q;
    int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);
    int rc;

    if (fd < 0) {
        int e = errno;

        return lb_error_set(err, "cannot open %s: %s", lb_quotes(&q, path),
                            strerror(e));
    }
    rc = lb_file_read_fd(fd, path, out, err);
    if (fd != STDIN_FILENO)
        close(fd);
    return rc;
}

/* Prints a run's warnings: "leaderboard: warning: NAME: ..." each. */
static void print_warnings(const struct lb_lmeval_run *run)
{
    const char *s = lb_buf_str(&run->warnings), *end = s + run->warnings.len;

    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        struct lb_buf line = LB_BUF_INIT;

        (void)lb_utf8_render(&line, s, n, 0);
        cli_error("warning: %s", line.data);
        lb_buf_release(&line);
        s += n + 1;
    }
}

/* }====================================================================== */

/* {======================================================================
 * Building the rows
 * ======================================================================= */

struct rows {
    struct lb_new_row *row;
    size_t n;
    char **strings; /* owned strings the rows point into */
    size_t nstrings, cap;
};

static const char *keep(struct rows *rs, char *s)
{
    if (rs->nstrings == rs->cap) {
        rs->cap = lb_grow_cap(rs->cap, rs->nstrings + 1);
        rs->strings = xreallocarray(rs->strings, rs->cap, sizeof *rs->strings);
    }
    rs->strings[rs->nstrings++] = s;
    return s;
}

static void rows_release(struct rows *rs)
{
    size_t i;

    for (i = 0; i < rs->n; i++)
        free(rs->row[i].cells);
    free(rs->row);
    for (i = 0; i < rs->nstrings; i++)
        free(rs->strings[i]);
    free(rs->strings);
}

/* The row of 'model', created when new. */
static struct lb_new_row *row_of(struct rows *rs, const char *model,
                                 const char *origin)
{
    size_t i;
    struct lb_new_row *r;

    for (i = 0; i < rs->n; i++)
        if (strcmp(rs->row[i].model, model) == 0)
            return &rs->row[i];
    rs->row = xreallocarray(rs->row, rs->n + 1, sizeof *rs->row);
    r = &rs->row[rs->n++];
    memset(r, 0, sizeof *r);
    r->model = keep(rs, xstrdup(model));
    r->model_len = strlen(model);
    r->origin = origin;
    return r;
}

/* The cell of 'column' in row r, or NULL. */
static struct lb_assign *cell_of(struct lb_new_row *r, const char *column)
{
    size_t i;

    for (i = 0; i < r->ncells; i++)
        if (strcmp(r->cells[i].column, column) == 0)
            return &r->cells[i];
    return NULL;
}

static void add_cell(struct lb_new_row *r, const char *column,
                     const char *value, bool benchmark, const char *origin)
{
    struct lb_assign *c;

    r->cells = xreallocarray(r->cells, r->ncells + 1, sizeof *r->cells);
    c = &r->cells[r->ncells++];
    c->column = column;
    c->value = value;
    c->value_len = strlen(value);
    c->benchmark = benchmark;
    c->origin = origin;
}

static bool keep_no_row(struct lb_table *t, void *ctx)
{
    (void)t;
    (void)ctx;
    return false;
}

/* The score file's header (its rows are read, checked and dropped), when
 * the file exists: *have false otherwise. A file that is not a regular
 * file is refused. */
static int read_header(const char *path, struct lb_table *t, bool *have,
                       struct lb_error *err)
{
    static const struct lb_row_filter no_rows = {NULL, keep_no_row, NULL};
    struct lb_load_opts lo = {.allow_no_rows = true, .filter = &no_rows};

    struct stat st;
    struct lb_quoted q;

    *have = false;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT)
            return 0;
    } else if (!S_ISREG(st.st_mode)) {
        /* as the update would refuse it; and reading a FIFO would wait for
         * a writer for ever */
        return lb_error_set(err, "cannot update %s: it is not a regular file",
                            lb_quotes(&q, path));
    }
    if (lb_table_load(t, path, &lo, err) != 0)
        return -1;
    *have = true;
    return 0;
}

/* The column of the score file that 'name' designates: its own spelling
 * when it has one, NULL when it has none (and a header is known). */
static const char *file_column(const struct lb_table *t, bool have,
                               const char *name)
{
    size_t col;

    if (!have)
        return name;
    col = lb_table_find(t, name);
    return col == LB_NPOS ? NULL : t->cols[col].name;
}

/* Adds a run's scores (and stderr, precision) to its model's row. */
static int add_run(const struct import_args *a, struct rows *rs,
                   const struct lb_table *t, bool have, const char *file,
                   const struct lb_lmeval_run *run, struct lb_error *err)
{
    struct lb_quoted q, qm, qf;
    const char *model = a->model ? a->model : run->model;
    const char *origin = keep(rs, xstrdup(file));
    struct lb_new_row *row;
    struct lb_buf skipped = LB_BUF_INIT;
    size_t i, added = 0;

    if (model == NULL)
        return lb_error_set(err, "%s: the results name no model (model_name, "
                                 "pretrained= in config.model_args, "
                                 "config.model); give it with --model",
                            file);
    row = row_of(rs, model, origin);
    for (i = 0; i < run->nscores; i++) {
        const struct lb_lmeval_score *s = &run->scores[i];
        const char *col = file_column(t, have, s->column);
        struct lb_assign *prev;
        char num[LB_LMEVAL_NUMBUF];

        if (col == NULL && s->map == LB_LMEVAL_BUILTIN) {
            lb_buf_addf(&skipped, "%s%s", skipped.len ? ", " : "", s->column);
            continue;
        }
        if (col == NULL)
            col = s->column; /* add says it is missing, or adds it */
        prev = cell_of(row, col);
        if (prev != NULL) {
            struct lb_quoted qc;

            (void)lb_error_set(err, "%s and %s both give %s for %s",
                               lb_quotes(&qf, prev->origin),
                               lb_quotes(&q, file), lb_quotes(&qc, col),
                               lb_quotes(&qm, model));
            lb_buf_release(&skipped);
            return -1;
        }
        lb_lmeval_format(num, s->value, a->decimals);
        add_cell(row, col, keep(rs, xstrdup(num)), true, origin);
        added++;
        if (s->has_stderr && have) {
            struct lb_buf name = LB_BUF_INIT;
            const char *se_col;

            lb_buf_addf(&name, "%s_stderr", col);
            se_col = file_column(t, have, name.data);
            lb_buf_release(&name);
            if (se_col != NULL && cell_of(row, se_col) == NULL) {
                lb_lmeval_format(num, s->stderr_value, a->decimals);
                add_cell(row, se_col, keep(rs, xstrdup(num)), false, origin);
            }
        }
    }
    if (added == 0) {
        if (skipped.len > 0)
            (void)lb_error_set(err, "%s: none of its benchmarks (%s) is a "
                                    "column of %s",
                               file, skipped.data,
                               lb_quotes(&qf, a->tg.file));
        else
            (void)lb_error_set(err, "%s: no benchmark of the Open LLM "
                                    "Leaderboard in it; import other tasks "
                                    "with --map TASK:METRIC=COLUMN",
                               file);
        lb_buf_release(&skipped);
        return -1;
    }
    lb_buf_release(&skipped);
    /* the dtype, when the file keeps a precision and --set does not say */
    if (run->precision != NULL && have) {
        const char *pc = file_column(t, have, "precision");
        bool given = false;

        for (i = 0; i < a->nsets; i++)
            given |= strncmp(a->sets[i], "precision=", 10) == 0;
        if (pc != NULL && !given && cell_of(row, pc) == NULL)
            add_cell(row, pc, keep(rs, xstrdup(run->precision)), false, origin);
    }
    return 0;
}

/* --set COLUMN=TEXT on every row. */
static void add_sets(const struct import_args *a, struct rows *rs)
{
    size_t i, k;

    for (k = 0; k < a->nsets; k++) {
        const char *eq = strchr(a->sets[k], '=');
        const char *col = keep(rs, xmemdup0(a->sets[k],
                                            (size_t)(eq - a->sets[k])));
        struct lb_buf origin = LB_BUF_INIT;
        struct lb_quoted q;

        lb_buf_addf(&origin, "--set %s", lb_quotes(&q, a->sets[k]));
        keep(rs, origin.data);
        for (i = 0; i < rs->n; i++)
            add_cell(&rs->row[i], col, eq + 1, false, origin.data);
    }
}

/* }====================================================================== */

int cmd_import(int argc, char **argv)
{
    struct import_args a;
    struct rows rs;
    struct lb_table header;
    struct lb_error err;
    bool have = false;
    size_t i, j, warnings = 0;
    bool *map_used = NULL;
    int rc = parse_args(argc, argv, &a);

    if (rc != 0) {
        args_release(&a);
        return rc < 0 ? LB_EXIT_OK : rc;
    }
    memset(&rs, 0, sizeof rs);
    memset(&header, 0, sizeof header);
    lb_error_init(&err);
    rc = LB_EXIT_FAILURE;
    map_used = xcalloc(a.nmaps + 1, sizeof *map_used);
    if (read_header(a.tg.file, &header, &have, &err) != 0)
        goto out;
    if (!have && !a.tg.create) {
        struct lb_quoted q;

        lb_error_set(&err, "%s does not exist; use --create to start a new "
                           "score file",
                     lb_quotes(&q, a.tg.file));
        goto out;
    }
    for (i = 0; i < a.nfiles; i++) {
        struct lb_buf data = LB_BUF_INIT, shown = LB_BUF_INIT;
        struct lb_lmeval_run run;
        const char *name;

        /* the file's name for messages, terminal-safe */
        (void)lb_utf8_render(&shown, a.files[i], strlen(a.files[i]), 0);
        name = strcmp(a.files[i], "-") == 0 ? "<stdin>" : lb_buf_str(&shown);
        if (read_file(a.files[i], &data, &err) != 0) {
            lb_buf_release(&data);
            lb_buf_release(&shown);
            goto out;
        }
        rc = lb_lmeval_read(name, lb_buf_str(&data), data.len, a.maps,
                            a.nmaps, &run, &err);
        lb_buf_release(&data);
        if (rc != 0) {
            lb_buf_release(&shown);
            rc = LB_EXIT_FAILURE;
            goto out;
        }
        print_warnings(&run);
        warnings += run.nwarnings;
        for (j = 0; j < run.nscores; j++)
            if (run.scores[j].map != LB_LMEVAL_BUILTIN)
                map_used[run.scores[j].map] = true;
        rc = add_run(&a, &rs, &header, have, name, &run, &err);
        lb_lmeval_run_release(&run);
        lb_buf_release(&shown);
        if (rc != 0) {
            rc = LB_EXIT_FAILURE;
            goto out;
        }
    }
    rc = LB_EXIT_FAILURE;
    for (j = 0; j < a.nmaps; j++)
        if (!map_used[j]) {
            struct lb_quoted qt, qm;

            cli_error("warning: --map: no results file has task %s with "
                      "metric %s",
                      lb_quotes(&qt, a.maps[j].task),
                      lb_quotes(&qm, a.maps[j].metric));
            warnings++;
        }
    if (a.strict && warnings > 0) {
        lb_error_set(&err, "nothing imported: %zu warning%s (--strict)",
                     warnings, warnings == 1 ? "" : "s");
        goto out;
    }
    add_sets(&a, &rs);
    rc = cli_add_rows(&a.tg, rs.row, rs.n);
out:
    if (err.msg[0] != '\0')
        cli_error("%s", err.msg);
    if (have)
        lb_table_release(&header);
    free(map_used);
    rows_release(&rs);
    args_release(&a);
    return rc;
}
