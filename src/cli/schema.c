/* schema.c: 'leaderboard schema FILE': the schema every command uses for a
 * score file (read from NAME.schema.json or --schema, completed by
 * inference), printed as Table Schema JSON to save beside the file and
 * edit. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/quote.h"
#include "cli/cli.h"
#include "core/catalog.h"
#include "core/schema.h"
#include "core/table.h"

static const char usage_text[] =
    "Usage: leaderboard schema [OPTION]... FILE\n"
    "       leaderboard schema --suite SUITE [-o FILE]\n"
    "Print what each column of a score file is, as every command reads it:\n"
    "the model column, the benchmarks (and whether higher or lower is\n"
    "better), the metadata, the values read as missing. It is a Table\n"
    "Schema (JSON; see README 'Your own board'): the one read from\n"
    "NAME.schema.json beside NAME.csv (or --schema FILE), completed by\n"
    "inference. Save it there (--write) and edit it: every command then\n"
    "follows it. With --suite, print a built-in board's schema instead\n"
    "(openllm-v1, openllm-v2: the suites are schemas like yours).\n"
    "\n"
    "      --write               write it to NAME.schema.json beside the file\n"
    "                            (replaced whole, or not at all)\n"
    "  -o, --output FILE         write it to FILE (replaced whole, or not at\n"
    "                            all), not to standard output\n"
    "      --schema FILE         start from this schema, not NAME.schema.json\n"
    "      --suite SUITE         print this built-in suite's schema (no FILE)\n"
    "      --model-column NAME   the column of model names (default: the\n"
    "                            schema's, else model, model_id, model_name or\n"
    "                            name, in any letter case)\n"
    "  -h, --help                show this help and exit\n"
    "\n"
    "Examples\n"
    "  leaderboard schema results.csv\n"
    "  leaderboard schema --write results.csv    # then edit results.schema.json\n"
    "  leaderboard schema -o board.json results.csv\n"
    "  leaderboard schema --suite openllm-v2\n"
    "  leaderboard rank --schema board.json results.csv\n";

static const struct option long_options[] = {
    {"write", no_argument, NULL, CLI_OPT_FIRST_FREE},
    {"output", required_argument, NULL, 'o'},
    {"schema", required_argument, NULL, CLI_OPT_SCHEMA},
    {"model-column", required_argument, NULL, CLI_OPT_MODEL_COLUMN},
    {"suite", required_argument, NULL, CLI_OPT_SUITE},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Writes text (len bytes) to 'output' (NULL: standard output), replaced
 * whole or not at all. */
static int put(const char *text, size_t len, const char *output)
{
    struct cli_output o;
    struct lb_error err;

    if (cli_output_open(&o, output) != 0)
        return LB_EXIT_FAILURE;
    if (fwrite(text, 1, len, o.fp) != len) {
        lb_error_init(&err);
        cli_output_fail(&o, &err);
        cli_error("%s", err.msg);
        return LB_EXIT_FAILURE;
    }
    return cli_output_commit(&o) == 0 ? LB_EXIT_OK : LB_EXIT_FAILURE;
}

/* --suite: the suite's schema as src/suites has it. */
static int print_suite(const struct lb_suite *suite, const char *file,
                       bool file_options, const char *output)
{
    struct lb_quoted q;
    const char *text;
    size_t len;

    if (file != NULL)
        return cli_usage_error("schema", "--suite prints a built-in suite's "
                                         "schema: give no FILE (got %s)",
                               lb_quotes(&q, file));
    if (file_options)
        return cli_usage_error("schema", "--suite takes only --output; "
                                         "--write, --schema and "
                                         "--model-column are for a FILE");
    text = lb_catalog_suite_text(suite->id, &len);
    return put(text, len, output);
}

int cmd_schema(int argc, char **argv)
{
    struct lb_load_opts lo = {0};
    struct lb_table t;
    struct lb_error err;
    struct lb_buf out = LB_BUF_INIT;
    struct cli_progress pr;
    struct lb_quoted q;
    const char *output = NULL;
    const struct lb_suite *suite = NULL;
    char *beside = NULL;
    bool write = false;
    int c, rc;

    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:h", long_options, NULL)) != -1) {
        switch (c) {
        case CLI_OPT_FIRST_FREE:
            write = true;
            break;
        case 'o':
            output = optarg;
            break;
        case CLI_OPT_SCHEMA:
            lo.schema_path = optarg;
            break;
        case CLI_OPT_MODEL_COLUMN:
            lo.model_column = optarg;
            break;
        case CLI_OPT_SUITE:
            if (cli_suite_option("schema", optarg, &suite) != 0)
                return LB_EXIT_USAGE;
            break;
        case 'h':
            fputs(usage_text, stdout);
            return LB_EXIT_OK;
        default:
            return cli_option_error_near("schema", c, argv, long_options);
        }
    }
    if (suite != NULL)
        return print_suite(suite, argc - optind > 0 ? argv[optind] : NULL,
                           write || lo.schema_path != NULL ||
                               lo.model_column != NULL,
                           output);
    if (optind >= argc)
        return cli_usage_error("schema", "missing FILE (a CSV score file, or "
                                         "- for standard input)");
    if (argc - optind > 1)
        return cli_usage_error("schema", "one FILE only, got also %s",
                               lb_quotes(&q, argv[optind + 1]));
    if (write && output != NULL)
        return cli_usage_error("schema", "--write and --output name two "
                                         "files: give one");
    if (write && strcmp(argv[optind], "-") == 0)
        return cli_usage_error("schema", "--write: standard input has no "
                                         "file beside it; use --output");
    lb_error_init(&err);
    cli_progress_start(&pr, argv[optind], &lo);
    rc = lb_table_load(&t, argv[optind], &lo, &err);
    cli_progress_end(&pr, &lo);
    if (rc != 0) {
        cli_error("%s", err.msg);
        return LB_EXIT_FAILURE;
    }
    lb_schema_write(t.schema, &out);
    lb_table_release(&t);
    if (write) /* NAME.schema.json, whether or not it exists yet */
        output = beside = lb_schema_path_for(argv[optind]);
    rc = put(out.data, out.len, output);
    free(beside);
    lb_buf_release(&out);
    return rc;
}
