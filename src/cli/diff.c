/* diff.c: 'leaderboard diff OLD.csv NEW.csv': what changed between two
 * snapshots of a leaderboard: models added and removed, rank movements,
 * score changes above a threshold, in any table format. */
#include <string.h>

#include "base/decimal.h"
#include "base/error.h"
#include "base/quote.h"
#include "cli/cli.h"
#include "core/board.h"
#include "core/diff.h"
#include "core/table.h"
#include "export/diff.h"
#include "export/format.h"

static const char usage_head[] =
    "Usage: leaderboard diff [OPTION]... OLD.csv NEW.csv\n"
    "Compare two snapshots of a leaderboard: the models added and removed,\n"
    "how each moved (arrows and places), and the scores that changed. Both\n"
    "files are ranked with the same options; rows are matched by model (and\n"
    "precision, when both files have that column). '-' reads standard input\n"
    "(for one of the two).\n"
    "\n";

/* cli_board_help without --top and --columns, which diff refuses */
static const char usage_board[] =
    "Which benchmarks\n"
    "  -b, --benchmarks A,B,...  average these columns (default: the catalog's\n"
    "                            benchmarks in the file, Open LLM Leaderboard v1\n"
    "                            and v2; without any, every numeric column that\n"
    "                            is not metadata; never an 'Average' column)\n"
    "      --missing POLICY      a row lacking a score: exclude (default),\n"
    "                            partial, zero (see 'leaderboard rank --help')\n"
    "      --model-column NAME   the column of model names (default: 'model')\n"
    "\n"
    "Ranking\n"
    "  -s, --sort COLUMN         rank by one benchmark or numeric column instead\n"
    "                            of the average\n"
    "      --ascending           lower is better\n"
    "      --ties CONVENTION     competition (default), dense, ordinal,\n"
    "                            fractional, exact\n"
    "  -p, --precision N         decimals shown, 0 to 18 (default 2); scores\n"
    "                            are compared as shown\n"
    "\n";

static const char usage_tail[] =
    "Changes\n"
    "  -t, --threshold X         a score changed when its shown value moved by\n"
    "                            more than X (default 0: any change that shows\n"
    "                            at the precision)\n"
    "  -a, --all                 list every model, not only those that changed\n"
    "\n";

static const char usage_end[] =
    "  -h, --help                show this help and exit\n"
    "\n"
    "In CSV, TSV and JSON, rank_change is positive for a move up; status is\n"
    "added, removed, moved, changed or same.\n"
    "\n"
    "Examples\n"
    "  git show HEAD~1:benchmarks/openllm.csv > old.csv\n"
    "  leaderboard diff old.csv benchmarks/openllm.csv\n"
    "  leaderboard diff old.csv new.csv --threshold 0.5 -f markdown\n";

enum { OPT_THRESHOLD = 't' };

static const struct option long_options[] = {
    CLI_BOARD_LONG,
    {"threshold", required_argument, NULL, 't'},
    {"all", no_argument, NULL, 'a'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct diff_args {
    struct cli_board_args b;
    const char *old_file, *new_file;
    struct lb_dec threshold;
    bool all;
    struct cli_format fmt; /* -f, -o */
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
            a->all = true;
            break;
        case 'f':
        case 'o':
            rc = cli_format_option("diff", c, optarg, &a->fmt);
            if (rc != 0)
                return rc;
            break;
        case 'h':
            fputs(usage_head, stdout);
            fputs(usage_board, stdout);
            fputs(usage_tail, stdout);
            cli_format_help(stdout);
            fputs(usage_end, stdout);
            return -1;
        default:
            return cli_option_error("diff", c, argv);
        }
    }
    rc = cli_board_finish("diff", &a->b);
    if (rc != 0)
        return rc;
    if (a->b.board.rank.top != 0 || a->b.columns.n > 0)
        return cli_usage_error("diff", "--top and --columns do not apply to "
                                       "diff (use --all to list every model)");
    if (argc - optind != 2)
        return cli_usage_error("diff", "expected two files, OLD.csv and "
                                       "NEW.csv (got %d)",
                               argc - optind);
    a->old_file = argv[optind];
    a->new_file = argv[optind + 1];
    if (strcmp(a->old_file, "-") == 0 && strcmp(a->new_file, "-") == 0)
        return cli_usage_error("diff", "standard input ('-') can be only one "
                                       "of the two files");
    cli_format_finish(&a->fmt);
    return 0;
}

static int load(struct lb_table *t, const char *path,
                const struct lb_load_opts *opts, struct lb_error *err)
{
    struct lb_load_opts lo = *opts;
    struct cli_progress pr;
    int rc;

    cli_progress_start(&pr, path, &lo);
    rc = lb_table_load(t, path, &lo, err);
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
    struct cli_output out;
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
    if (load(&ot, a.old_file, &a.b.load, &err) != 0 ||
        load(&nt, a.new_file, &a.b.load, &err) != 0 ||
        lb_board_compute(&ob, &ot, &a.b.board, &err) != 0 ||
        lb_board_compute(&nb, &nt, &a.b.board, &err) != 0 ||
        lb_diff_compute(&d, &ob, &nb, a.threshold, &err) != 0 ||
        lb_view_diff(&v, &d, ot.path, nt.path, a.all, a.fmt.format->audience,
                     &err) != 0)
        goto out;
    if (cli_output_open(&out, a.fmt.output) != 0)
        goto out;
    if (lb_format_write(a.fmt.format, out.fp, &v, &err) != 0) {
        cli_output_fail(&out, &err);
        goto out;
    }
    if (cli_output_commit(&out) == 0)
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
