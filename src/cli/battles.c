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
#include "export/charts.h"
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

/* numbered after the board options (cli.h): plot's table holds both */
enum {
    OPT_COLUMNS = CLI_OPT_FIRST_FREE,
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
    OPT_NO_CHARTS,
    /* plot */
    OPT_CHART,
    OPT_TERMINAL,
    OPT_SCRIPT_ONLY
};

#define SHORT_OPTIONS ":w:p:n:f:o:h"
#define PLOT_SHORT_OPTIONS ":" CLI_BOARD_SHORT "o:h"

/* The battles options: the table of 'battles'; plot's begins with them */
#define BATTLES_LONG                                                       \
    {"columns", required_argument, NULL, OPT_COLUMNS},                    \
        {"where", required_argument, NULL, 'w'},                          \
        {"weight", required_argument, NULL, OPT_WEIGHT},                  \
        {"method", required_argument, NULL, OPT_METHOD},                  \
        {"anchor", required_argument, NULL, OPT_ANCHOR},                  \
        {"k", required_argument, NULL, OPT_K},                            \
        {"order", required_argument, NULL, OPT_ORDER},                    \
        {"bootstrap", required_argument, NULL, OPT_BOOTSTRAP},            \
        {"ci", required_argument, NULL, OPT_CI},                          \
        {"draws", required_argument, NULL, OPT_DRAWS},                    \
        {"seed", required_argument, NULL, OPT_SEED},                      \
        {"ties", required_argument, NULL, OPT_TIES},                      \
        {"precision", required_argument, NULL, 'p'},                      \
        {"top", required_argument, NULL, 'n'}

static const struct option long_options[] = {
    BATTLES_LONG,
    {"matrix", required_argument, NULL, OPT_MATRIX},
    CLI_FORMAT_LONG,
    {"no-charts", no_argument, NULL, OPT_NO_CHARTS},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* plot on a file of votes: the battles options, plot's own, then the
 * board options, which getopt finds only when no battles option has the
 * name: those are refused */
static const struct option plot_options[] = {
    BATTLES_LONG,
    {"output", required_argument, NULL, 'o'},
    {"chart", required_argument, NULL, OPT_CHART},
    {"terminal", required_argument, NULL, OPT_TERMINAL},
    {"script-only", no_argument, NULL, OPT_SCRIPT_ONLY},
    CLI_CHART_STYLE_LONG,
    {"help", no_argument, NULL, 'h'},
    CLI_BOARD_LONG,
    CLI_SIZE_COLUMN_LONG,
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
    bool chart[LB_CHART_COUNT];
    bool charts_given;
    enum lb_terminal terminal;
    bool script_only;
    struct lb_chart_style style; /* --title, --size, --range */
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
    case 'c': /* plot: -c is --columns */
        if (!a->plot)
            break;
        /* fall through */
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
    CLI_PUBLISH_CASES:
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
    case OPT_CHART:
        if (!a->plot)
            break;
        return cli_chart_list(a->cmd, optarg, true, a->chart,
                              &a->charts_given);
    case OPT_TERMINAL:
        if (!a->plot)
            break;
        if (!lb_terminal_parse(optarg, &a->terminal))
            return cli_usage_error(a->cmd, "--terminal: %s is not png or svg",
                                   lb_quotes(&q, optarg));
        return 0;
    case OPT_SCRIPT_ONLY:
        if (!a->plot)
            break;
        a->script_only = true;
        return 0;
    case CLI_OPT_CHART_TITLE:
    case CLI_OPT_CHART_SIZE:
    case CLI_OPT_CHART_RANGE:
        if (!a->plot)
            break;
        return cli_chart_style_option(a->cmd, c, optarg, &a->style);
    case '?':
    case ':':
        return cli_option_error_near(a->cmd, c, argv,
                                     a->plot ? plot_options : long_options);
    default: {
        /* a board option, in plot's table: its name, without its value */
        const char *opt = argv[optind - 1];
        size_t len;

        if (optarg != NULL && opt == optarg && optind >= 2)
            opt = argv[optind - 2];
        len = strcspn(opt, "=");
        return cli_usage_error(a->cmd, "%s applies to score files, not to a "
                                       "file of votes",
                               lb_quote(&q, opt, len));
    }
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
    while ((c = getopt_long(argc, argv,
                            a->plot ? PLOT_SHORT_OPTIONS : SHORT_OPTIONS,
                            a->plot ? plot_options : long_options, NULL)) !=
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
    a->fmt.inputs = a->files;
    a->fmt.ninputs = a->nfiles;
    for (i = 0; i < a->nfiles; i++)
        stdin_count += strcmp(a->files[i], "-") == 0;
    if (stdin_count > 1)
        return cli_usage_error(a->cmd, "'-' (standard input) given twice");
    if (a->plot && a->nfiles > 1) {
        struct lb_quoted q;

        return cli_usage_error(a->cmd, "one FILE only, got also %s",
                               lb_quotes(&q, a->files[1]));
    }
    return a->plot ? 0 : cli_format_finish(a->cmd, &a->fmt);
}

static void args_init(struct battles_args *a, const char *cmd, bool plot)
{
    memset(a, 0, sizeof *a);
    a->cmd = cmd;
    a->plot = plot;
    lb_battles_opts_init(&a->opts);
    a->read.k = LB_BATTLES_K;
    a->dir = "plots";
    a->terminal = LB_TERMINAL_PNG;
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

/* {======================================================================
 * Charts: the HTML page's, and 'plot' on a file of votes
 * ======================================================================= */

int cli_battles_figures(const struct lb_battles *b,
                        struct lb_chart_out **charts, size_t *n,
                        struct lb_figure **figs, size_t *nfigs,
                        const char **note)
{
    struct lb_charts_opts o;
    struct lb_error err;

    memset(&o, 0, sizeof o);
    o.terminal = LB_TERMINAL_SVG;
    o.render = true;
    lb_error_init(&err);
    *figs = NULL;
    *nfigs = 0;
    *charts = NULL;
    *n = 0;
    if (b->ranking.n_listed_ranked == 0)
        return LB_EXIT_OK; /* nothing to draw: the table says why */
    if (lb_charts_draw_battles(b, &o, charts, n, &err) != 0) {
        cli_error("%s", err.msg);
        *note = "No charts: they could not be made when this page was made.";
        return LB_EXIT_PLOT;
    }
    return cli_page_figures(*charts, *n, figs, nfigs, note);
}

/* Whether the header line s[0..n) (CSV) has the columns of votes: model_a
 * and model_b, or with --columns A,B,WINNER all three and one named
 * winner. */
static bool header_has_votes(const char *s, size_t n, const struct cli_names *cols)
{
    struct lb_load_opts lo;
    struct lb_table t;
    struct lb_error err;
    struct lb_buf head = LB_BUF_INIT;
    bool yes = false;

    lb_buf_add(&head, s, n);
    lb_buf_addc(&head, '\n');
    memset(&lo, 0, sizeof lo);
    lo.allow_no_rows = true;
    lo.keep_text = true;
    lo.model_column = cols->n == 3 ? cols->v[0] : "model_a";
    lb_error_init(&err);
    if (lb_table_load_mem(&t, "-", head.data, head.len, &lo, &err) == 0) {
        if (cols->n == 3)
            yes = lb_table_find(&t, cols->v[1]) != LB_NPOS &&
                  lb_table_find(&t, cols->v[2]) != LB_NPOS &&
                  lb_table_find(&t, "winner") != LB_NPOS;
        else
            yes = lb_table_find(&t, "model_b") != LB_NPOS;
        lb_table_release(&t);
    }
    lb_buf_release(&head);
    return yes;
}

bool cli_battles_is_votes(int argc, char **argv)
{
    struct battles_args a;
    char head[65536];
    const char *file = NULL, *s = head, *nl;
    ssize_t got;
    size_t n;
    int c, fd;
    bool yes = false;

    /* the operand, as plot's parser and ours would see it */
    args_init(&a, "plot", true);
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, PLOT_SHORT_OPTIONS, plot_options,
                            NULL)) != -1) {
        if (c == 'h')
            goto out; /* plot's help */
        if ((c == 'c' || c == OPT_COLUMNS) && optarg != NULL)
            (void)cli_split_names("--columns", optarg, &a.columns, NULL);
    }
    if (optind >= argc || strcmp(argv[optind], "-") == 0)
        goto out;
    file = argv[optind];
    fd = open(file, O_RDONLY);
    if (fd < 0)
        goto out;
    got = read(fd, head, sizeof head);
    close(fd);
    if (got <= 0)
        goto out;
    n = (size_t)got;
    {
        /* past a byte order mark for JSON's first character; the CSV
         * header keeps it: the loader takes it off, once, as when it reads
         * the file */
        size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
                         s[i] == '\n'))
            i++;
        if (i < n && (s[i] == '[' || s[i] == '{')) {
            yes = true; /* JSON: a score file is CSV */
            goto out;
        }
    }
    nl = memchr(s, '\n', n);
    yes = header_has_votes(s, nl != NULL ? (size_t)(nl - s) : n, &a.columns);
out:
    args_release(&a);
    optind = 0;
    return yes;
}

int cli_battles_plot(int argc, char **argv)
{
    struct battles_args a;
    struct lb_battles_data d;
    struct lb_battles b;
    struct lb_charts_opts o;
    struct lb_chart_out *charts = NULL;
    struct lb_error err;
    size_t n = 0;
    int rc;

    args_init(&a, "plot", true);
    rc = parse_args(argc, argv, &a);
    if (rc != 0) {
        args_release(&a);
        return rc < 0 ? LB_EXIT_OK : rc;
    }
    /* the ratings' bars: the sandwich's unless intervals were chosen */
    if (!a.bootstrap_given && !a.ci_given && a.opts.method == LB_BATTLES_BT)
        a.opts.ci = LB_BATTLES_CI_SANDWICH;
    /* the charts pick their own models: --top is theirs */
    memset(&o, 0, sizeof o);
    memcpy(o.want, a.chart, sizeof o.want);
    o.any = a.charts_given;
    o.top = a.opts.rank.top;
    o.terminal = a.terminal;
    o.dir = a.dir;
    o.render = !a.script_only;
    o.style = a.style;
    a.opts.rank.top = 0;
    memset(&d, 0, sizeof d);
    memset(&b, 0, sizeof b);
    lb_error_init(&err);
    rc = compute(&a, &d, &b);
    if (rc == LB_EXIT_OK) {
        if (lb_charts_draw_battles(&b, &o, &charts, &n, &err) != 0) {
            cli_error("%s", err.msg);
            rc = LB_EXIT_FAILURE;
        } else {
            rc = cli_plot_report(charts, n, o.render);
        }
    }
    lb_charts_free(charts, n);
    lb_battles_release(&b);
    lb_battles_data_release(&d);
    args_release(&a);
    return rc;
}

/* }====================================================================== */

int cmd_battles(int argc, char **argv)
{
    struct battles_args a;
    struct lb_battles_data d;
    struct lb_battles b;
    struct lb_battles_source src;
    struct lb_view v;
    struct lb_error err;
    struct lb_chart_out *charts = NULL;
    struct lb_figure *figs = NULL;
    size_t nfigs = 0, ncharts = 0, top;
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
    top = a.opts.rank.top;
    a.opts.rank.top = 0; /* the charts see every model; the table, --top */
    rc = compute(&a, &d, &b);
    if (rc != LB_EXIT_OK)
        goto out;
    rc = LB_EXIT_FAILURE;
    if (a.fmt.format == &lb_format_html && !a.no_charts)
        status = cli_battles_figures(&b, &charts, &ncharts, &figs, &nfigs,
                                     &note);
    lb_battles_top(&b, top);
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
    if (cli_write_view(&a.fmt, &v, &err) == 0)
        rc = status;
out:
    if (err.msg[0] != '\0')
        cli_error("%s", err.msg);
    lb_view_release(&v);
    free(figs);
    lb_charts_free(charts, ncharts);
    lb_battles_release(&b);
    lb_battles_data_release(&d);
    args_release(&a);
    return rc;
}
