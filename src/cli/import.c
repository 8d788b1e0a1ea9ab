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
#include <strings.h>
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
#include "core/catalog.h"
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
    "      --set [MODEL:]COLUMN=TEXT\n"
    "                            another column of MODEL's row (repeatable);\n"
    "                            without MODEL, of the only model imported\n"
    "      --meta FILE.csv       metadata per model: its rows' columns go into\n"
    "                            the rows of the models imported (keyed by\n"
    "                            its model column; --set wins)\n"
    "      --decimals N          decimals written, 0 to 15 (default 6; trailing\n"
    "                            zeros are dropped)\n"
    "      --replace             update the model's row if it is there (its\n"
    "                            note: the new reason, or none; a note\n"
    "                            written before the old reason stays)\n"
    "      --new-column          add columns the file does not have\n"
    "      --create              create FILE if it does not exist, with the\n"
    "                            header: model, precision, each benchmark of\n"
    "                            the suite and its NAME_stderr, params_b,\n"
    "                            license, note\n"
    "      --allow-noncomparable store results that are not comparable with\n"
    "                            the board's (refused by default, see below),\n"
    "                            with the reason in column 'note'\n"
    "      --allow-formulas      store text that starts with =, +, -, @, TAB\n"
    "                            or CR (a model name, --set: refused by\n"
    "                            default, a spreadsheet runs it as a formula)\n"
    "      --force               add scores that look like fractions (every\n"
    "                            score from 0 to 1 on a board whose scores\n"
    "                            go above 1: refused by default)\n"
    "      --schema FILE         the board's schema (default: NAME.schema.json\n"
    "                            beside the file, else inferred)\n"
    "      --strict              add nothing when a warning is given (a\n"
    "                            benchmark not imported, a --map not used)\n"
    "      --wait SECONDS        when another writer holds the file's lock,\n"
    "                            wait at most SECONDS for it (default: for\n"
    "                            ever, saying so on standard error)\n"
    "  -q, --quiet               do not say where the rows rank, nor print\n"
    "                            notes (warnings and errors still show)\n"
    "  -h, --help                show this help and exit\n";

/* the rest of --help (one string would exceed what C99 compilers must
 * take, 4095 bytes) */
static const char usage_more[] =
    "\n"
    "Built in: the Open LLM Leaderboard's metrics, scaled to 0-100. v1:\n"
    "ARC (arc_challenge acc_norm), HellaSwag (acc_norm), MMLU (plain mean of\n"
    "the 57 subjects' acc), TruthfulQA (mc2), Winogrande (acc), GSM8K\n"
    "(exact_match, strict-match). v2, normalized above the random baseline:\n"
    "IFEval, BBH, MATH Lvl 5, GPQA, MuSR, MMLU-PRO. Only the benchmarks that\n"
    "FILE has as columns are imported; NAME_stderr columns get the standard\n"
    "errors; a precision column gets how the model was loaded (4bit, 8bit,\n"
    "GPTQ, else the dtype).\n"
    "\n"
    "Refused unless --allow-noncomparable, each with its reason: a task run\n"
    "with other shots than the board's, a run with --limit (fewer samples\n"
    "than the task has), a --map that puts another metric into a board's\n"
    "column. A note (standard error) says when the board's rule gives\n"
    "another value than lm-eval's own group value (MMLU, BBH, MuSR).\n"
    "\n"
    "Examples\n"
    "  leaderboard import results_2024-06-10T12-00-00.json --into "
    "benchmarks/openllm.csv\n"
    "  leaderboard import out/*/results_*.json --into scores.csv --create\n"
    "  leaderboard import a.json b.json --into s.csv --set org/a:params_b=7 "
    "--meta models.csv\n"
    "  leaderboard import r.json --into s.csv --map "
    "gsm8k:exact_match,flexible-extract=GSM8K --allow-noncomparable\n";

enum { OPT_MAP = CLI_OPT_FIRST_FREE, OPT_SET, OPT_DECIMALS, OPT_REPLACE,
       OPT_NEW_COLUMN, OPT_CREATE, OPT_STRICT, OPT_WAIT,
       OPT_ALLOW_FORMULAS, OPT_FORCE, OPT_META, OPT_ALLOW_NONCOMPARABLE };

/* The column that --allow-noncomparable writes the reason into, and how
 * the reason starts (after a note given with --set or --meta and "; "):
 * what --replace recognises as import's own part of an old note. */
#define NOTE_COLUMN "note"
#define NOTE_REASON "not comparable: "

/* The metadata columns of the header --create writes, after the
 * benchmarks: the size and licence the boards filter on, and the note. */
static const char *const create_metadata[] = {"params_b", "license",
                                              NOTE_COLUMN};

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
    {"force", no_argument, NULL, OPT_FORCE},
    {"meta", required_argument, NULL, OPT_META},
    {"allow-noncomparable", no_argument, NULL, OPT_ALLOW_NONCOMPARABLE},
    {"schema", required_argument, NULL, CLI_OPT_SCHEMA},
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
    const char *meta;
    unsigned decimals;
    bool strict;
    bool allow_noncomparable;
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
        case OPT_SET: {
            const char *eq = strchr(optarg, '=');
            const char *colon = NULL, *p;

            for (p = optarg; eq != NULL && p < eq; p++)
                if (*p == ':')
                    colon = p;
            if (eq == NULL || eq == optarg || colon == optarg ||
                (colon != NULL && colon + 1 == eq))
                return cli_usage_error("import", "--set: %s is not "
                                                 "[MODEL:]COLUMN=TEXT",
                                       lb_quotes(&q, optarg));
            a->sets = xreallocarray(a->sets, a->nsets + 1, sizeof *a->sets);
            a->sets[a->nsets++] = optarg;
            break;
        }
        case OPT_META:
            a->meta = optarg;
            break;
        case OPT_ALLOW_NONCOMPARABLE:
            a->allow_noncomparable = true;
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
        case OPT_FORCE:
            a->tg.opts.force = true;
            break;
        case CLI_OPT_SCHEMA:
            a->tg.opts.schema_path = optarg;
            break;
        case OPT_ALLOW_FORMULAS:
            a->tg.opts.allow_formulas = true;
            break;
        case 'q':
            a->tg.quiet = true;
            break;
        case 'h':
            fputs(usage_text, stdout);
            fputs(usage_more, stdout);
            return -1;
        default:
            return cli_option_error_near("import", c, argv, long_options);
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
    struct lb_buf *why; /* row -> why it is not comparable ("; " between) */
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

    for (i = 0; i < rs->n; i++) {
        free(rs->row[i].cells);
        lb_buf_release(&rs->why[i]);
    }
    free(rs->row);
    free(rs->why);
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
    rs->why = xreallocarray(rs->why, rs->n + 1, sizeof *rs->why);
    lb_buf_init(&rs->why[rs->n]);
    r = &rs->row[rs->n++];
    memset(r, 0, sizeof *r);
    r->model = keep(rs, xstrdup(model));
    r->model_len = strlen(model);
    r->origin = origin;
    return r;
}

/* The cell of 'column' in row r (letter case aside), or NULL. */
static struct lb_assign *cell_of(struct lb_new_row *r, const char *column)
{
    size_t i;

    for (i = 0; i < r->ncells; i++)
        if (strcasecmp(r->cells[i].column, column) == 0)
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
    c->keep_before = NULL;
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

/* {======================================================================
 * The header of a new file (--create): model, precision, each benchmark of
 * the suites the results belong to in the suite's order with its _stderr,
 * the --map columns, then metadata (create_metadata)
 * ======================================================================= */

struct header {
    bool *suite_used;   /* lb_catalog_suites() index -> used */
    size_t nsuites;
    const char **maps;  /* --map columns, in the order first read */
    bool *map_se;       /* ... with a standard error */
    size_t nmaps;
};

static void header_note_run(struct header *h, struct rows *rs,
                            const struct lb_lmeval_run *run)
{
    const struct lb_suite *const *suites = lb_catalog_suites();
    size_t i, k;

    for (i = 0; i < run->nscores; i++) {
        const struct lb_lmeval_score *s = &run->scores[i];
        const struct lb_bench_info *b = lb_catalog_benchmark(s->column);

        if (s->map == LB_LMEVAL_BUILTIN && b != NULL) {
            for (k = 0; k < h->nsuites; k++)
                if (suites[k] == b->suite)
                    h->suite_used[k] = true;
            continue;
        }
        for (k = 0; k < h->nmaps; k++)
            if (strcasecmp(h->maps[k], s->column) == 0)
                break;
        if (k == h->nmaps) {
            h->maps = xreallocarray(h->maps, h->nmaps + 1, sizeof *h->maps);
            h->map_se = xreallocarray(h->map_se, h->nmaps + 1,
                                      sizeof *h->map_se);
            h->maps[k] = keep(rs, xstrdup(s->column));
            h->map_se[k] = false;
            h->nmaps++;
        }
        h->map_se[k] |= s->has_stderr;
    }
}

static void add_name(const char ***cols, size_t *n, const char *name)
{
    size_t i;

    for (i = 0; i < *n; i++)
        if (strcasecmp((*cols)[i], name) == 0)
            return;
    *cols = xreallocarray(*cols, *n + 1, sizeof **cols);
    (*cols)[(*n)++] = name;
}

static void add_name_se(const char ***cols, size_t *n, struct rows *rs,
                        const char *name, bool se)
{
    struct lb_buf b = LB_BUF_INIT;

    add_name(cols, n, name);
    if (!se)
        return;
    lb_buf_addf(&b, "%s_stderr", name);
    add_name(cols, n, keep(rs, b.data));
}

/* The canonical header (after "model") into *cols (caller frees). */
static void header_build(const struct header *h, struct rows *rs,
                         const char ***cols, size_t *n)
{
    const struct lb_suite *const *suites = lb_catalog_suites();
    size_t i, k;

    *cols = NULL;
    *n = 0;
    add_name(cols, n, "precision");
    for (k = 0; k < h->nsuites; k++)
        for (i = 0; h->suite_used[k] && i < suites[k]->n; i++)
            add_name_se(cols, n, rs, suites[k]->names[i], true);
    for (k = 0; k < h->nmaps; k++)
        add_name_se(cols, n, rs, h->maps[k], h->map_se[k]);
    for (i = 0; i < sizeof create_metadata / sizeof create_metadata[0]; i++)
        add_name(cols, n, create_metadata[i]);
}

/* }====================================================================== */

/* Adds a run's scores (and stderr, precision) to its model's row, and the
 * reasons it is not comparable to the row's. */
static int add_run(const struct import_args *a, struct rows *rs,
                   const struct lb_table *t, bool have, const char *file,
                   const struct lb_lmeval_run *run, struct lb_error *err)
{
    struct lb_quoted q, qm, qf;
    const char *model = a->model ? a->model : run->model;
    const char *origin = keep(rs, xstrdup(file));
    struct lb_new_row *row;
    struct lb_buf skipped = LB_BUF_INIT, *why;
    size_t i, added = 0;

    if (model == NULL)
        return lb_error_set(err, "%s: the results name no model (model_name, "
                                 "pretrained= in config.model_args, "
                                 "config.model); give it with --model",
                            file);
    row = row_of(rs, model, origin);
    why = &rs->why[row - rs->row];
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
        if (s->has_stderr) {
            struct lb_buf name = LB_BUF_INIT;
            const char *se_col;

            lb_buf_addf(&name, "%s_stderr", col);
            se_col = file_column(t, have, name.data);
            if (se_col == name.data)
                se_col = keep(rs, name.data);
            else
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
    /* how the model was loaded; --set and --meta may say otherwise */
    if (run->precision != NULL) {
        const char *pc = file_column(t, have, "precision");

        if (pc != NULL && cell_of(row, pc) == NULL)
            add_cell(row, pc, keep(rs, xstrdup(run->precision)), false, origin);
    }
    if (run->nreasons > 0) {
        const char *s = lb_buf_str(&run->reasons);
        const char *end = s + run->reasons.len;

        while (s < end) {
            const char *nl = memchr(s, '\n', (size_t)(end - s));
            size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
            struct lb_buf one = LB_BUF_INIT;

            lb_buf_add(&one, s, n);
            lb_buf_adds(why, why->len ? "; " : "");
            lb_error_render(why, one.data, "--");
            lb_buf_release(&one);
            s += n + 1;
        }
    }
    return 0;
}

/* Puts TEXT into COLUMN of row r (from --set or --meta): replaces a
 * metadata cell read from the results (precision), never a score. */
static int set_cell(struct rows *rs, struct lb_new_row *r, const char *column,
                    const char *value, const char *origin,
                    struct lb_error *err)
{
    struct lb_assign *c = cell_of(r, column);
    struct lb_quoted qc, qm;

    if (c == NULL) {
        add_cell(r, keep(rs, xstrdup(column)), value, false, origin);
        return 0;
    }
    if (c->benchmark)
        return lb_error_set(err, "%s and %s both give %s for %s", c->origin,
                            origin, lb_quotes(&qc, column),
                            lb_quotes(&qm, r->model));
    c->value = value;
    c->value_len = strlen(value);
    c->origin = origin;
    return 0;
}

/* The row of 'model' among the imported ones, or NULL. */
static struct lb_new_row *find_row(struct rows *rs, const char *model,
                                   size_t len)
{
    size_t i;

    for (i = 0; i < rs->n; i++)
        if (rs->row[i].model_len == len &&
            memcmp(rs->row[i].model, model, len) == 0)
            return &rs->row[i];
    return NULL;
}

/* "'a', 'b' and 'c'": the imported models, for messages. */
static void model_list(const struct rows *rs, struct lb_buf *out)
{
    size_t i;

    for (i = 0; i < rs->n; i++) {
        struct lb_quoted q;

        if (i > 0)
            lb_buf_adds(out, i + 1 == rs->n ? " and " : ", ");
        lb_buf_adds(out, lb_quote(&q, rs->row[i].model, rs->row[i].model_len));
    }
}

/* --meta FILE.csv: a row per model (its model column), the other columns
 * metadata; the cells of the imported models go into their rows (empty
 * cells are left out). A model twice is an error; models that are not
 * imported are ignored. */
static int add_meta(const struct import_args *a, struct rows *rs,
                    struct lb_error *err)
{
    struct lb_load_opts lo = {.allow_no_rows = true, .keep_text = true};
    struct lb_table t;
    struct lb_quoted q;
    size_t row, col;
    bool *seen;
    int rc = 0;

    if (a->meta == NULL)
        return 0;
    if (lb_table_load(&t, a->meta, &lo, err) != 0) {
        struct lb_buf msg = LB_BUF_INIT;

        lb_buf_addf(&msg, "--meta: %s", err->msg);
        (void)lb_error_set(err, "%s", msg.data);
        lb_buf_release(&msg);
        return -1;
    }
    seen = xcalloc(rs->n + 1, sizeof *seen);
    for (row = 0; row < t.nrows && rc == 0; row++) {
        size_t len;
        const char *model = lb_table_model(&t, row, &len);
        struct lb_new_row *r = find_row(rs, model, len);
        struct lb_buf origin = LB_BUF_INIT;

        if (r == NULL)
            continue;
        if (seen[r - rs->row]) {
            rc = lb_error_set(err, "%s:%zu: model %s is in the --meta file "
                                   "twice",
                              a->meta, lb_table_line(&t, row),
                              lb_quote(&q, model, len));
            break;
        }
        seen[r - rs->row] = true;
        lb_buf_addf(&origin, "%s:%zu", a->meta, lb_table_line(&t, row));
        keep(rs, origin.data);
        for (col = 0; col < t.ncols && rc == 0; col++) {
            const char *text;

            if (col == t.model_col || !t.cols[col].has_text)
                continue;
            text = lb_table_text(&t, col, row, &len);
            if (len == 0)
                continue;
            rc = set_cell(rs, r, t.cols[col].name,
                          keep(rs, xmemdup0(text, len)), origin.data, err);
        }
    }
    free(seen);
    lb_table_release(&t);
    return rc;
}

/* --set [MODEL:]COLUMN=TEXT: COLUMN of MODEL's row; without MODEL, of the
 * only row (several models: an error naming them). Returns 0, -1 with err
 * set (exit 1), or LB_EXIT_USAGE after printing a usage error. */
static int add_sets(const struct import_args *a, struct rows *rs,
                    struct lb_error *err)
{
    size_t k;

    for (k = 0; k < a->nsets; k++) {
        const char *arg = a->sets[k], *eq = strchr(arg, '=');
        const char *colon = NULL, *p, *col;
        struct lb_buf origin = LB_BUF_INIT, models = LB_BUF_INIT;
        struct lb_new_row *r;
        struct lb_quoted q, qm;

        for (p = arg; p < eq; p++)
            if (*p == ':')
                colon = p;
        lb_buf_addf(&origin, "--set %s", lb_quotes(&q, arg));
        keep(rs, origin.data);
        if (colon != NULL) {
            r = find_row(rs, arg, (size_t)(colon - arg));
            col = keep(rs, xmemdup0(colon + 1, (size_t)(eq - colon - 1)));
            if (r == NULL) {
                model_list(rs, &models);
                cli_usage_error("import", "--set %s: no imported model is "
                                          "named %s (imported: %s)",
                                lb_quotes(&q, arg),
                                lb_quote(&qm, arg, (size_t)(colon - arg)),
                                models.data);
                lb_buf_release(&models);
                return LB_EXIT_USAGE;
            }
        } else {
            col = keep(rs, xmemdup0(arg, (size_t)(eq - arg)));
            if (rs->n != 1) {
                model_list(rs, &models);
                cli_usage_error("import", "--set %s is ambiguous: %zu models "
                                          "are imported (%s); say which with "
                                          "--set MODEL:COLUMN=TEXT",
                                lb_quotes(&q, arg), rs->n, models.data);
                lb_buf_release(&models);
                return LB_EXIT_USAGE;
            }
            r = &rs->row[0];
        }
        if (set_cell(rs, r, col, eq + 1, origin.data, err) != 0)
            return -1;
    }
    return 0;
}

/* The reason why a row is not comparable, in its note column (after a note
 * given with --set or --meta). A row that replaces one (--replace) without
 * a note given: the reason, or nothing, takes the place of the old row's
 * reason; the text before it (a note a person wrote) is kept. */
static int add_notes(const struct import_args *a, struct rows *rs,
                     const struct lb_table *t, bool have,
                     struct lb_error *err)
{
    const char *col = file_column(t, have, NOTE_COLUMN);
    struct lb_quoted q, qm;
    size_t i;

    for (i = 0; i < rs->n; i++) {
        struct lb_new_row *r = &rs->row[i];
        struct lb_assign *c;
        struct lb_buf text = LB_BUF_INIT;

        if (rs->why[i].len == 0) {
            /* the old row's reason goes, a person's note stays */
            if (a->tg.opts.replace && have && col != NULL &&
                cell_of(r, col) == NULL) {
                add_cell(r, col, "", false, "--replace");
                r->cells[r->ncells - 1].keep_before = NOTE_REASON;
            }
            continue;
        }
        if (col == NULL && !a->tg.opts.new_column)
            return lb_error_set(err, "%s has no column '" NOTE_COLUMN "' for "
                                     "the reason why %s is not comparable "
                                     "(--allow-noncomparable); add one, or "
                                     "use --new-column",
                                lb_quotes(&q, a->tg.file),
                                lb_quote(&qm, r->model, r->model_len));
        c = cell_of(r, col != NULL ? col : NOTE_COLUMN);
        if (c != NULL && c->value_len > 0)
            lb_buf_addf(&text, "%s; ", c->value);
        lb_buf_adds(&text, NOTE_REASON);
        lb_buf_add(&text, rs->why[i].data, rs->why[i].len);
        if (c != NULL) {
            c->value = keep(rs, text.data);
            c->value_len = text.len;
        } else {
            add_cell(r, col != NULL ? col : NOTE_COLUMN, keep(rs, text.data),
                     false, "--allow-noncomparable");
            r->cells[r->ncells - 1].keep_before = NOTE_REASON;
        }
    }
    return 0;
}

/* Prints the lines of buf (from core/lmeval.c), each after 'prefix',
 * terminal-safe. */
static void print_lines(const struct lb_buf *buf, const char *prefix)
{
    const char *s = lb_buf_str(buf), *end = s + buf->len;

    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        struct lb_buf line = LB_BUF_INIT;

        (void)lb_utf8_render(&line, s, n, 0);
        cli_error("%s%s", prefix, line.data);
        lb_buf_release(&line);
        s += n + 1;
    }
}

/* }====================================================================== */

int cmd_import(int argc, char **argv)
{
    struct import_args a;
    struct rows rs;
    struct lb_table header;
    struct lb_error err;
    struct header h;
    struct lb_buf refused = LB_BUF_INIT; /* "FILE: REASON\n" each */
    bool have = false;
    size_t i, j, warnings = 0, nrefused = 0;
    bool *map_used = NULL;
    const char **cols = NULL;
    size_t ncols = 0;
    int rc = parse_args(argc, argv, &a);

    if (rc != 0) {
        args_release(&a);
        return rc < 0 ? LB_EXIT_OK : rc;
    }
    memset(&rs, 0, sizeof rs);
    memset(&header, 0, sizeof header);
    memset(&h, 0, sizeof h);
    for (h.nsuites = 0; lb_catalog_suites()[h.nsuites] != NULL; h.nsuites++)
        ;
    h.suite_used = xcalloc(h.nsuites + 1, sizeof *h.suite_used);
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
        if (!a.tg.quiet) /* information, not a warning */
            print_lines(&run.notes, "note: ");
        warnings += run.nwarnings;
        nrefused += run.nreasons;
        {
            const char *s = lb_buf_str(&run.reasons);
            const char *end = s + run.reasons.len;

            while (s < end) {
                const char *nl = memchr(s, '\n', (size_t)(end - s));
                size_t n = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);

                lb_buf_addf(&refused, "%s: ", name);
                lb_buf_add(&refused, s, n);
                s += n;
            }
        }
        for (j = 0; j < run.nscores; j++)
            if (run.scores[j].map != LB_LMEVAL_BUILTIN)
                map_used[run.scores[j].map] = true;
        header_note_run(&h, &rs, &run);
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
    if (nrefused > 0) {
        struct lb_buf shown = LB_BUF_INIT;

        lb_error_render(&shown, lb_buf_str(&refused), "--");
        lb_buf_reset(&refused);
        lb_buf_add(&refused, shown.data, shown.len);
        lb_buf_release(&shown);
        print_lines(&refused, a.allow_noncomparable ? "warning: " : "");
        if (!a.allow_noncomparable) {
            lb_error_set(&err, "nothing imported: %zu result%s not "
                               "comparable with the board; "
                               "--allow-noncomparable stores %s with the "
                               "reason in column '" NOTE_COLUMN "'",
                         nrefused, nrefused == 1 ? " is" : "s are",
                         nrefused == 1 ? "it" : "them");
            goto out;
        }
    }
    if (a.strict && warnings > 0) {
        lb_error_set(&err, "nothing imported: %zu warning%s (--strict)",
                     warnings, warnings == 1 ? "" : "s");
        goto out;
    }
    if (add_meta(&a, &rs, &err) != 0)
        goto out;
    rc = add_sets(&a, &rs, &err);
    if (rc != 0) {
        rc = rc == LB_EXIT_USAGE ? LB_EXIT_USAGE : LB_EXIT_FAILURE;
        goto out;
    }
    rc = LB_EXIT_FAILURE;
    if (add_notes(&a, &rs, &header, have, &err) != 0)
        goto out;
    if (!have) {
        header_build(&h, &rs, &cols, &ncols);
        a.tg.header = cols;
        a.tg.nheader = ncols;
    }
    rc = cli_add_rows(&a.tg, rs.row, rs.n);
out:
    if (err.msg[0] != '\0')
        cli_error("%s", err.msg);
    if (have)
        lb_table_release(&header);
    free(cols);
    free(h.suite_used);
    free(h.maps);
    free(h.map_se);
    lb_buf_release(&refused);
    free(map_used);
    rows_release(&rs);
    args_release(&a);
    return rc;
}
