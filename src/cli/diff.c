/* diff.c: 'leaderboard diff OLD.csv NEW.csv': what changed between two
 * snapshots of a leaderboard: models added and removed, rank movements,
 * score and metadata changes, in any table format. */
#include <string.h>

#include "base/decimal.h"
#include "base/error.h"
#include "base/quote.h"
#include "cli/cli.h"
#include "core/board.h"
#include "core/diff.h"
#include "core/table.h"
#include "core/top.h"
#include "export/diff.h"
#include "export/format.h"

static const char usage_head[] =
    "Usage: leaderboard diff [OPTION]... OLD.csv NEW.csv\n"
    "Compare two snapshots of a leaderboard: the models added and removed,\n"
    "how each moved (arrows and places: up is a better rank), and the scores\n"
    "and metadata that changed. Both files are ranked with the same options,\n"
    "each with its schema (--schema FILE for both, else NAME.schema.json\n"
    "beside each, else inferred): which way is better is the schema's, and\n"
    "both must agree. Rows are matched by model (and precision, when both\n"
    "files have that column and --dedup is not given). '-' reads standard\n"
    "input (for one of the two).\n"
    "\n";

static const char usage_tail[] =
    "Changes\n"
    "  -t, --threshold X         a score changed when its shown value (at\n"
    "                            --precision) moved by more than X (default 0:\n"
    "                            any change that shows)\n"
    "  -a, --all                 list every model, not only those that changed\n"
    "      --hide-knock-on       do not list the models that moved only because\n"
    "                            others were added, removed or changed: their\n"
    "                            scores are the same and their order against\n"
    "                            every other such model too (still counted)\n"
    "\n"
    "Metadata: the columns both files have that their schemas call metadata\n"
    "(not the key, a benchmark averaged or the --sort column), compared as\n"
    "numbers when both hold numbers, else as text.\n"
    "\n";

static const char usage_end[] =
    "  -h, --help                show this help and exit\n"
    "\n"
    "In CSV, TSV and JSON, rank_change is positive for a move up; status is\n"
    "the first of added, removed, moved, changed (scores), metadata or same;\n"
    "knock_on is true for a move only because others changed.\n"
    "\n"
    "Examples\n"
    "  git show HEAD~1:benchmarks/openllm.csv > old.csv\n"
    "  leaderboard diff old.csv benchmarks/openllm.csv\n"
    "  leaderboard diff old.csv new.csv --threshold 0.5 -f markdown\n"
    "  leaderboard diff old.csv new.csv --hide-knock-on --where 'params_b <= 13'\n";

enum { OPT_HIDE_KNOCK_ON = CLI_OPT_FIRST_FREE };

/* --schema comes with the board options (cli/board_opts.c), as for rank:
 * each file is loaded with it (else its own NAME.schema.json, else
 * inference); core/diff.c takes roles and direction from the boards. */
static const struct option long_options[] = {
    CLI_BOARD_LONG,
    {"threshold", required_argument, NULL, 't'},
    {"all", no_argument, NULL, 'a'},
    {"hide-knock-on", no_argument, NULL, OPT_HIDE_KNOCK_ON},
    CLI_FORMAT_LONG,
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct diff_args {
    struct cli_board_args b;
    const char *old_file, *new_file;
    struct lb_dec threshold;
    struct lb_diff_list list; /* --all, --hide-knock-on */
    struct cli_format fmt;    /* -f, -o */
};

static int parse_args(int argc, char **argv, struct diff_args *a)
{
    struct lb_quoted q;
    enum lb_num_status st;
    int c, rc;

    memset(a, 0, sizeof *a);
    cli_board_args_init(&a->b);
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":" CLI_BOARD_SHORT "t:af:o:h",
                            long_options, NULL)) != -1) {
        if (cli_board_no_intervals("diff", c) != 0)
            return LB_EXIT_USAGE;
        rc = cli_board_option("diff", c, optarg, &a->b);
        if (rc == 0)
            continue;
        if (rc != 1)
            return rc;
        switch (c) {
        case 't':
            st = lb_dec_parse(optarg, strlen(optarg), &a->threshold);
            /* why it is refused: not a number, too many digits, negative */
            if (st != LB_NUM_OK && st != LB_NUM_MISSING)
                return cli_usage_error("diff", "--threshold: %s %s",
                                       lb_quotes(&q, optarg),
                                       lb_num_status_phrase(st));
            if (st != LB_NUM_OK || a->threshold.units < 0)
                return cli_usage_error("diff",
                                       "--threshold: %s is not a number of 0 "
                                       "or more",
                                       lb_quotes(&q, optarg));
            break;
        case 'a':
            a->list.all = true;
            break;
        case OPT_HIDE_KNOCK_ON:
            a->list.hide_knock_on = true;
            break;
        CLI_FORMAT_CASES:
            rc = cli_format_option("diff", c, optarg, &a->fmt);
            if (rc != 0)
                return rc;
            break;
        case 'h':
            fputs(usage_head, stdout);
            cli_board_help(stdout, false);
            fputs(usage_tail, stdout);
            cli_format_help(stdout);
            fputs(usage_end, stdout);
            return -1;
        default:
            return cli_option_error_near("diff", c, argv, long_options);
        }
    }
    rc = cli_board_finish("diff", &a->b);
    if (rc != 0)
        return rc;
    if (a->b.board.rank.top != 0 || a->b.columns.n > 0)
        return cli_usage_error("diff", "--top and --columns do not apply to "
                                       "diff (use --all to list every model)");
    if (a->list.all && a->list.hide_knock_on)
        return cli_usage_error("diff", "--all lists every model; "
                                       "--hide-knock-on hides some: give one");
    if (argc - optind != 2)
        return cli_usage_error("diff", "expected two files, OLD.csv and "
                                       "NEW.csv (got %d)",
                               argc - optind);
    a->old_file = argv[optind];
    a->new_file = argv[optind + 1];
    a->fmt.inputs = (const char *const *)(argv + optind);
    a->fmt.ninputs = 2;
    if (strcmp(a->old_file, "-") == 0 && strcmp(a->new_file, "-") == 0)
        return cli_usage_error("diff", "standard input ('-') can be only one "
                                       "of the two files");
    return cli_format_finish("diff", &a->fmt);
}

/* Loads a file and computes its board: --where and --dedup apply while
 * loading, as for rank. */
static int load(struct lb_table *t, struct lb_board *b, const char *path,
                const struct cli_board_args *ba, struct lb_error *err)
{
    struct lb_load_opts lo = ba->load;
    struct cli_progress pr;
    int rc;

    cli_progress_start(&pr, path, &lo);
    rc = lb_board_load(t, b, path, &lo, &ba->board, err);
    cli_progress_end(&pr, &lo);
    return rc;
}

int cmd_diff(int argc, char **argv)
{
    struct diff_args a;
    struct lb_table ot, nt;
    struct lb_board ob, nb;
    struct lb_diff d;
    struct lb_view v;
    struct lb_error err;
    int rc = parse_args(argc, argv, &a);

    if (rc != 0) {
        cli_board_args_release(&a.b);
        return rc < 0 ? LB_EXIT_OK : rc;
    }
    memset(&ot, 0, sizeof ot);
    memset(&nt, 0, sizeof nt);
    memset(&ob, 0, sizeof ob);
    memset(&nb, 0, sizeof nb);
    memset(&d, 0, sizeof d);
    memset(&v, 0, sizeof v);
    lb_error_init(&err);
    rc = LB_EXIT_FAILURE;
    if (load(&ot, &ob, a.old_file, &a.b, &err) != 0 ||
        load(&nt, &nb, a.new_file, &a.b, &err) != 0 ||
        lb_diff_compute(&d, &ob, &nb, a.threshold, &err) != 0 ||
        lb_view_diff(&v, &d, ot.path, nt.path, &a.list,
                     a.fmt.format->audience, &err) != 0)
        goto out;
    if (cli_write_view(&a.fmt, &v, &err) == 0)
        rc = LB_EXIT_OK;
out:
    if (err.msg[0] != '\0')
        cli_error("%s", err.msg);
    lb_view_release(&v);
    lb_diff_release(&d);
    lb_board_release(&nb);
    lb_board_release(&ob);
    lb_table_release(&nt);
    lb_table_release(&ot);
    cli_board_args_release(&a.b);
    return rc;
}
