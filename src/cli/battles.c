/* battles.c: 'leaderboard battles FILE...': ratings from pairwise votes
 * (Chatbot Arena's battles), and 'leaderboard plot' on a battles file. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/decimal.h"
#include "base/error.h"
#include "base/quote.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "core/battles.h"
#include "core/filter.h"
#include "export/battles.h"
#include "export/format.h"

static const char usage_head[] =
    "Usage: leaderboard battles [OPTION]... FILE...\n"
    "Rate models from pairwise votes, as Chatbot Arena does: CSV with the\n"
    "columns model_a, model_b and winner (model_a, model_b, tie or tie\n"
    "(bothbad); also left, right, a, b, draw, or the winning model's name),\n"
    "or FastChat's JSON battle files (a list of objects, or one per line).\n"
    "Votes are counted by pair and outcome as they are read. FILE '-' reads\n"
    "standard input.\n"
    "\n";

static const char usage_input[] =
    "Votes\n"
    "      --columns A,B,WINNER  the columns (JSON keys) of the two models and\n"
    "                            of the winner (default model_a,model_b,winner)\n"
    "  -w, --where EXPR          only the votes for which EXPR is true (anony ==\n"
    "                            true, language == \"English\"; see rank --help)\n"
    "      --weight COLUMN       each row stands for COLUMN votes (a whole\n"
    "                            number): rate from a table of counts\n"
    "\n";

static const char usage_method[] =
    "Method\n"
    "      --method METHOD       bt (default): Bradley-Terry maximum likelihood;\n"
    "                            elo: online Elo; win-rate: points over votes\n"
    "      --anchor MODEL=RATING\n"
    "                            bt, elo: shift the ratings so that MODEL has\n"
    "                            RATING (default: bt's mean is 1000)\n"
    "      --k K                 elo: the K factor (default 4)\n"
    "      --order COLUMN        elo: the votes in the order of COLUMN, a number\n"
    "                            (tstamp); default: file order\n"
    "\n"
    "Uncertainty\n"
    "      --bootstrap N         N rounds of multinomial resamples of the counts\n"
    "                            (FastChat's bootstrap, 100 there): CI low, CI\n"
    "                            high, Rank low, Rank high, UB rank, P(rank 1)\n"
    "      --ci bootstrap|sandwich\n"
    "                            bootstrap: --bootstrap 100; sandwich (bt):\n"
    "                            +- 1.96 standard errors of H^-1 G H^-1, ranks\n"
    "                            from normal draws\n"
    "      --draws N             sandwich: normal draws for the ranks (default\n"
    "                            1000)\n"
    "      --seed N              the draws' seed (default 1): the same seed\n"
    "                            gives the same output on every machine\n"
    "\n";

static const char usage_output[] =
    "Table\n"
    "      --matrix KIND         instead of the ratings: observed (the win rate\n"
    "                            of each model against each), predicted (from\n"
    "                            the ratings) or count (votes between them)\n"
    "      --ties CONVENTION     competition (default), dense, ordinal,\n"
    "                            fractional or exact\n"
    "  -p, --precision N         decimals shown, 0 to 18 (default 2); ratings\n"
    "                            equal at this precision tie\n"
    "  -n, --top N               the first N rated models (and any tied with the\n"
    "                            last of them)\n"
    "\n";

static const char usage_tail[] =
    "      --no-charts           html: leave the charts out\n"
    "  -h, --help                show this help and exit\n"
    "\n"
    "Models that never lost or never won in their part of the comparison\n"
    "graph, and parts no vote links to the rest, get no Bradley-Terry\n"
    "rating: the Note says why. The same input and seed give the same bytes\n"
    "on every machine.\n"
    "\n"
    "Examples\n"
    "  leaderboard battles clean_battle.json --where 'anony == true'\n"
    "  leaderboard battles votes.csv --bootstrap 100 -o ratings.html\n"
    "  leaderboard battles counts.csv --weight n --ci sandwich -f json\n"
    "  leaderboard battles votes.csv --matrix observed -n 10\n";

enum {
    OPT_COLUMNS = CHAR_MAX + 1,
    OPT_WEIGHT,
    OPT_METHOD,
    OPT_ANCHOR,
    OPT_K,
    OPT_ORDER,
    OPT_BOOTSTRAP,
    OPT_CI,
    OPT_DRAWS,
    OPT_SEED,
    OPT_MATRIX,
    OPT_TIES,
    OPT_NO_CHARTS
};

#define SHORT_OPTIONS ":w:p:n:f:o:h"

static const struct option long_options[] = {
    {"columns", required_argument, NULL, OPT_COLUMNS},
    {"where", required_argument, NULL, 'w'},
    {"weight", required_argument, NULL, OPT_WEIGHT},
    {"method", required_argument, NULL, OPT_METHOD},
    {"anchor", required_argument, NULL, OPT_ANCHOR},
    {"k", required_argument, NULL, OPT_K},
    {"order", required_argument, NULL, OPT_ORDER},
    {"bootstrap", required_argument, NULL, OPT_BOOTSTRAP},
    {"ci", required_argument, NULL, OPT_CI},
    {"draws", required_argument, NULL, OPT_DRAWS},
    {"seed", required_argument, NULL, OPT_SEED},
    {"matrix", required_argument, NULL, OPT_MATRIX},
    {"ties", required_argument, NULL, OPT_TIES},
    {"precision", required_argument, NULL, 'p'},
    {"top", required_argument, NULL, 'n'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"no-charts", no_argument, NULL, OPT_NO_CHARTS},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct battles_args {
    const char *cmd;            /* "battles" or "plot" */
    bool plot;                  /* plot's options, not a table's */
    struct lb_battles_read_opts read;
    struct lb_battles_opts opts;
    struct cli_names columns;   /* --columns */
    char *anchor;               /* --anchor's model (owned) */
    bool k_given, bootstrap_given, ci_given, draws_given, matrix_given;
    enum lb_battles_matrix matrix;
    struct cli_format fmt;      /* -f, -o */
    bool no_charts;
    /* plot */
    const char *dir;
    const char *const *files;
    size_t nfiles;
};

static void args_release(struct battles_args *a)
{
    cli_names_release(&a->columns);
    free(a->anchor);
}

/* --anchor MODEL=RATING: the last '=' splits (a name may hold one). */
static int parse_anchor(struct battles_args *a, const char *arg)
{
    struct lb_quoted q;
    const char *eq = strrchr(arg, '=');
    struct lb_dec v;

    if (eq == NULL || eq == arg ||
        lb_dec_parse(eq + 1, strlen(eq + 1), &v) != LB_NUM_OK)
        return cli_usage_error(a->cmd, "--anchor: %s is not MODEL=RATING (a "
                                       "number)",
                               lb_quotes(&q, arg));
    free(a->anchor);
    a->anchor = xmemdup0(arg, (size_t)(eq - arg));
    a->opts.anchor = a->anchor;
    a->opts.anchor_rating = lb_dec_to_double(v.units, 1, v.scale);
    return 0;
}

static int parse_k(struct battles_args *a, const char *arg)
{
    struct lb_quoted q;
    struct lb_dec v;

    if (lb_dec_parse(arg, strlen(arg), &v) != LB_NUM_OK || v.units <= 0)
        return cli_usage_error(a->cmd, "--k: %s is not a number above 0",
                               lb_quotes(&q, arg));
    a->opts.k = lb_dec_to_double(v.units, 1, v.scale);
    a->read.k = a->opts.k;
    a->k_given = true;
    return 0;
}

/* One option; 0 when handled, else an exit status. */
static int option(struct battles_args *a, int c, char **argv)
{
    struct lb_quoted q;
    unsigned long v;
    int rc;

    switch (c) {
    case OPT_COLUMNS:
        rc = cli_names_add(a->cmd, "--columns", optarg, &a->columns);
        if (rc != 0)
            return rc;
        if (a->columns.n > 3)
            return cli_usage_error(a->cmd, "--columns: three names, A,B,WINNER "
                                           "(got %zu)",
                                   a->columns.n);
        return 0;
    case 'w': {
        struct lb_filter *f;
        struct lb_error err;

        /* syntax errors now, as usage errors; columns once a file is read */
        if (lb_filter_parse(optarg, &f, &err) != 0)
            return cli_usage_error(a->cmd, "%s", err.msg);
        lb_filter_free(f);
        a->read.where = optarg;
        return 0;
    }
    case OPT_WEIGHT:
        a->read.weight = optarg;
        return 0;
    case OPT_METHOD:
        if (!lb_battles_method_parse(optarg, &a->opts.method))
            return cli_usage_error(a->cmd, "--method: %s is not bt, elo or "
                                           "win-rate",
                                   lb_quotes(&q, optarg));
        return 0;
    case OPT_ANCHOR:
        return parse_anchor(a, optarg);
    case OPT_K:
        return parse_k(a, optarg);
    case OPT_ORDER:
        a->read.order = optarg;
        return 0;
    case OPT_BOOTSTRAP:
        if (!cli_parse_size(optarg, 1, 1000000, &v))
            return cli_usage_error(a->cmd, "--bootstrap: %s is not a whole "
                                           "number from 1 to 1000000",
                                   lb_quotes(&q, optarg));
        a->opts.rounds = (size_t)v;
        a->bootstrap_given = true;
        return 0;
    case OPT_CI:
        if (strcmp(optarg, "bootstrap") == 0)
            a->opts.ci = LB_BATTLES_CI_BOOTSTRAP;
        else if (strcmp(optarg, "sandwich") == 0)
            a->opts.ci = LB_BATTLES_CI_SANDWICH;
        else
            return cli_usage_error(a->cmd, "--ci: %s is not bootstrap or "
                                           "sandwich",
                                   lb_quotes(&q, optarg));
        a->ci_given = true;
        return 0;
    case OPT_DRAWS:
        if (!cli_parse_size(optarg, 1, 1000000, &v))
            return cli_usage_error(a->cmd, "--draws: %s is not a whole number "
                                           "from 1 to 1000000",
                                   lb_quotes(&q, optarg));
        a->opts.draws = (size_t)v;
        a->draws_given = true;
        return 0;
    case OPT_SEED:
        if (!cli_parse_size(optarg, 0, ULONG_MAX, &v))
            return cli_usage_error(a->cmd, "--seed: %s is not a whole number",
                                   lb_quotes(&q, optarg));
        a->opts.seed = (uint64_t)v;
        return 0;
    case OPT_TIES:
        if (!lb_ties_parse(optarg, &a->opts.rank.ties))
            return cli_usage_error(a->cmd, "--ties: %s is not competition, "
                                           "dense, ordinal, fractional or exact",
                                   lb_quotes(&q, optarg));
        return 0;
    case 'p':
        if (!cli_parse_size(optarg, 0, 18, &v))
            return cli_usage_error(a->cmd, "--precision: %s is not a whole "
                                           "number from 0 to 18",
                                   lb_quotes(&q, optarg));
        a->opts.rank.precision = (unsigned)v;
        return 0;
    case 'n':
        if (!cli_parse_size(optarg, 1, ULONG_MAX, &v))
            return cli_usage_error(a->cmd, "--top: %s is not a whole number "
                                           "above 0",
                                   lb_quotes(&q, optarg));
        a->opts.rank.top = (size_t)v;
        return 0;
    case OPT_MATRIX:
        if (a->plot)
            break;
        if (!lb_battles_matrix_parse(optarg, &a->matrix))
            return cli_usage_error(a->cmd, "--matrix: %s is not observed, "
                                           "predicted or count",
                                   lb_quotes(&q, optarg));
        a->matrix_given = true;
        return 0;
    case 'f':
        if (a->plot)
            break;
        return cli_format_option(a->cmd, c, optarg, &a->fmt);
    case 'o':
        if (!a->plot)
            return cli_format_option(a->cmd, c, optarg, &a->fmt);
        if (optarg[0] == '\0')
            return cli_usage_error(a->cmd, "--output: the directory name is "
                                           "empty");
        a->dir = optarg;
        return 0;
    case OPT_NO_CHARTS:
        if (a->plot)
            break;
        a->no_charts = true;
        return 0;
    default:
        return cli_option_error(a->cmd, c, argv);
    }
    return cli_usage_error(a->cmd, "unknown option %s", lb_quotes(&q, argv[optind - 1]));
}

/* The options that go together; 0 or an exit status. */
static int finish(struct battles_args *a)
{
    const char *cmd = a->cmd;
    enum lb_battles_method m = a->opts.method;

    if (a->columns.n > 0 && a->columns.n != 3)
        return cli_usage_error(cmd, "--columns: three names, A,B,WINNER (got "
                                    "%zu)",
                               a->columns.n);
    if (a->columns.n == 3) {
        a->read.col_a = a->columns.v[0];
        a->read.col_b = a->columns.v[1];
        a->read.col_winner = a->columns.v[2];
    }
    if (a->read.weight != NULL && m == LB_BATTLES_ELO)
        return cli_usage_error(cmd, "--weight: online Elo depends on the order "
                                    "of the votes, which a table of counts "
                                    "does not keep; use --method bt or "
                                    "win-rate");
    if (a->read.order != NULL && m != LB_BATTLES_ELO)
        return cli_usage_error(cmd, "--order orders the votes of online Elo: "
                                    "it needs --method elo");
    if (a->k_given && m != LB_BATTLES_ELO)
        return cli_usage_error(cmd, "--k is online Elo's: it needs --method "
                                    "elo");
    if (a->opts.anchor != NULL && m == LB_BATTLES_WIN_RATE)
        return cli_usage_error(cmd, "--anchor shifts ratings: win rates have "
                                    "none");
    if (a->bootstrap_given && a->ci_given &&
        a->opts.ci == LB_BATTLES_CI_SANDWICH)
        return cli_usage_error(cmd, "--bootstrap and --ci sandwich: give one");
    if (a->bootstrap_given)
        a->opts.ci = LB_BATTLES_CI_BOOTSTRAP;
    if (a->opts.ci != LB_BATTLES_CI_NONE && m == LB_BATTLES_ELO)
        return cli_usage_error(cmd, "intervals need --method bt or win-rate: "
                                    "online Elo is not a fit of the counts");
    if (a->opts.ci == LB_BATTLES_CI_SANDWICH && m != LB_BATTLES_BT)
        return cli_usage_error(cmd, "--ci sandwich is the Bradley-Terry fit's: "
                                    "it needs --method bt");
    if (a->draws_given && a->opts.ci != LB_BATTLES_CI_SANDWICH)
        return cli_usage_error(cmd, "--draws sets the normal draws of --ci "
                                    "sandwich");
    if (a->matrix_given && a->matrix == LB_MATRIX_PREDICTED &&
        m == LB_BATTLES_WIN_RATE)
        return cli_usage_error(cmd, "--matrix predicted needs ratings: "
                                    "--method bt or elo");
    a->read.elo = m == LB_BATTLES_ELO && a->read.order == NULL;
    a->read.k = a->opts.k;
    return 0;
}

/* Returns 0 to go on, -1 after --help, or an exit status. */
static int parse_args(int argc, char **argv, struct battles_args *a)
{
    size_t i, stdin_count = 0;
    int c, rc;

    optind = 0; /* GNU: restart scanning */
    opterr = 0;
    while ((c = getopt_long(argc, argv, SHORT_OPTIONS, long_options, NULL)) !=
           -1) {
        if (c == 'h') {
            if (a->plot)
                return 1; /* plot's help is plot's */
            fputs(usage_head, stdout);
            fputs(usage_input, stdout);
            fputs(usage_method, stdout);
            fputs(usage_output, stdout);
            cli_format_help(stdout);
            fputs(usage_tail, stdout);
            return -1;
        }
        rc = option(a, c, argv);
        if (rc != 0)
            return rc;
    }
    rc = finish(a);
    if (rc != 0)
        return rc;
    if (optind >= argc)
        return cli_usage_error(a->cmd, "missing FILE (votes: CSV or JSON, or - "
                                       "for standard input)");
    a->files = (const char *const *)(argv + optind);
    a->nfiles = (size_t)(argc - optind);
    for (i = 0; i < a->nfiles; i++)
        stdin_count += strcmp(a->files[i], "-") == 0;
    if (stdin_count > 1)
        return cli_usage_error(a->cmd, "'-' (standard input) given twice");
    if (a->plot && a->nfiles > 1) {
        struct lb_quoted q;

        return cli_usage_error(a->cmd, "one FILE only, got also %s",
                               lb_quotes(&q, a->files[1]));
    }
    if (!a->plot)
        cli_format_finish(&a->fmt);
    return 0;
}

static void args_init(struct battles_args *a, const char *cmd, bool plot)
{
    memset(a, 0, sizeof *a);
    a->cmd = cmd;
    a->plot = plot;
    lb_battles_opts_init(&a->opts);
    a->read.k = LB_BATTLES_K;
    a->dir = "plots";
}

/* Reads every file and computes the ratings; errors printed. */
static int compute(struct battles_args *a, struct lb_battles_data *d,
                   struct lb_battles *b)
{
    struct lb_error err;
    size_t i;

    lb_error_init(&err);
    lb_battles_data_init(d, &a->read);
    for (i = 0; i < a->nfiles; i++)
        if (lb_battles_read(d, a->files[i], &err) != 0) {
            cli_error("%s", err.msg);
            return LB_EXIT_FAILURE;
        }
    if (d->self_rows > 0)
        cli_error("warning: %llu self-battle%s (a model against itself) "
                  "skipped; the first at %s",
                  (unsigned long long)d->self_rows,
                  d->self_rows == 1 ? "" : "s", d->self_where);
    if (lb_battles_compute(b, d, &a->opts, &err) != 0) {
        cli_error("%s", err.msg);
        return LB_EXIT_FAILURE;
    }
    return LB_EXIT_OK;
}

int cmd_battles(int argc, char **argv)
{
    struct battles_args a;
    struct lb_battles_data d;
    struct lb_battles b;
    struct lb_battles_source src;
    struct lb_view v;
    struct lb_error err;
    struct cli_output out;
    struct lb_figure *figs = NULL;
    size_t nfigs = 0;
    const char *note = NULL;
    int rc, status = LB_EXIT_OK;

    args_init(&a, "battles", false);
    rc = parse_args(argc, argv, &a);
    if (rc != 0) {
        args_release(&a);
        return rc < 0 ? LB_EXIT_OK : rc;
    }
    memset(&d, 0, sizeof d);
    memset(&b, 0, sizeof b);
    memset(&v, 0, sizeof v);
    lb_error_init(&err);
    rc = compute(&a, &d, &b);
    if (rc != LB_EXIT_OK)
        goto out;
    rc = LB_EXIT_FAILURE;
    src.files = a.files;
    src.nfiles = a.nfiles;
    src.where = a.read.where;
    if (a.matrix_given ? lb_view_battles_matrix(&v, &b, &src, a.matrix,
                                                a.fmt.format->audience, &err)
                       : lb_view_battles(&v, &b, &src, a.fmt.format->audience,
                                         &err))
        goto out;
    v.figures = figs;
    v.nfigures = nfigs;
    v.figures_note = note;
    if (cli_output_open(&out, a.fmt.output) != 0)
        goto out;
    if (lb_format_write(a.fmt.format, out.fp, &v, &err) != 0) {
        cli_output_fail(&out, &err);
        goto out;
    }
    if (cli_output_commit(&out) == 0)
        rc = status;
out:
    if (err.msg[0] != '\0')
        cli_error("%s", err.msg);
    lb_view_release(&v);
    free(figs);
    lb_battles_release(&b);
    lb_battles_data_release(&d);
    args_release(&a);
    return rc;
}
