/* history.c: 'leaderboard history': a board's rankings over time, from
 * snapshot files or from the versions of one file in git (read with
 * libgit2: core/githist.h), in any table format, with a chart of the ranks
 * of the first models over time. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/quote.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "core/board.h"
#include "core/githist.h"
#include "core/history.h"
#include "core/schema.h"
#include "core/table.h"
#include "core/top.h"
#include "export/chart_history.h"
#include "export/charts.h"
#include "export/format.h"
#include "export/history.h"

static const char usage_head[] =
    "Usage: leaderboard history [OPTION]... SNAPSHOT.csv...\n"
    "       leaderboard history [OPTION]... --git FILE.csv\n"
    "A board's rankings over time: each model's rank and value in each\n"
    "snapshot, the models new in each and gone from it, the largest moves,\n"
    "and (--chart) a chart of the ranks of the first models over time.\n"
    "\n"
    "Snapshots are the files given, oldest first, in the order given (not\n"
    "by their dates on disk, which a copy or a checkout changes), labelled\n"
    "by their names or by --dates; or, with --git, the versions of FILE in\n"
    "its git repository: each commit on HEAD's first-parent line that\n"
    "changed it, labelled by commit date (UTC) and short id, read with\n"
    "libgit2. A version that cannot be read as a board is skipped with a\n"
    "message naming the commit (--strict: an error); a snapshot file given\n"
    "is never skipped. Every snapshot is ranked with the same options and\n"
    "the same schema (--schema FILE, else NAME.schema.json beside each file;\n"
    "with --git, the one beside FILE in the work tree); all must rank the\n"
    "same way (lowest first, or highest). Rows are matched by model (and\n"
    "precision, when every snapshot has that column and --dedup is not\n"
    "given).\n"
    "\n";

static const char usage_tail[] =
    "Snapshots\n"
    "      --git                 FILE's versions in git (one FILE)\n"
    "      --dates D1,D2,...     the snapshot files' dates (YYYY-MM-DD, one per\n"
    "                            file, not going back): their labels\n"
    "      --since DATE          only the snapshots of DATE (YYYY-MM-DD) or\n"
    "                            later (commit dates with --git, else --dates)\n"
    "      --last N              only the last N snapshots\n"
    "      --strict              --git: fail on a version that cannot be read\n"
    "                            (default: skip it, saying why)\n"
    "\n"
    "What is shown\n"
    "      --show WHAT           per snapshot: rank (default), value or both\n"
    "                            (CSV, TSV and JSON always have both)\n"
    "  -n, --top N               only the models ranked in the top N of some\n"
    "                            snapshot\n"
    "\n"
    "Chart\n"
    "      --chart DIR           also draw the chart 'history' into DIR:\n"
    "                            history.gp, history.dat and history.png\n"
    "      --chart-top N         the models it draws (and the page's): the top\n"
    "                            N of the last snapshot (default 10, at most 30)\n"
    "      --size WxH            the chart's canvas in pixels (1280x720 for a\n"
    "                            slide; each side 320 to 10000)\n"
    "      --terminal FORMAT     png (default) or svg\n"
    "      --script-only         write the script and data, do not run gnuplot\n"
    "      --no-charts           html: leave the chart out of the page (without\n"
    "                            it, the page shows it, drawn by gnuplot)\n"
    "\n";

static const char usage_end[] =
    "  -h, --help                show this help and exit\n"
    "\n"
    "A blank cell: the model is not on the board in that snapshot; '-': it\n"
    "is, without a rank. Move: the places between the first and the last\n"
    "snapshot where the model is ranked (an arrow up is a better rank).\n"
    "Status: new (not in the first snapshot), gone (not in the last one).\n"
    "In CSV and TSV: 'rank LABEL' and 'value LABEL' per snapshot; in JSON:\n"
    "\"snapshots\": {\"LABEL\": {\"rank\": 3, \"value\": 68.42}}. Exit status\n"
    "3: the table is written but gnuplot is missing or failed.\n"
    "\n"
    "Examples\n"
    "  leaderboard history --git benchmarks/openllm.csv\n"
    "  leaderboard history --git board.csv --last 5 --chart plots/\n"
    "  leaderboard history jan.csv feb.csv mar.csv --dates "
    "2026-01-31,2026-02-28,2026-03-31\n"
    "  leaderboard history --git board.csv --since 2026-01-01 -f csv -o h.csv\n";

enum {
    OPT_GIT = CLI_OPT_FIRST_FREE,
    OPT_DATES,
    OPT_SINCE,
    OPT_LAST,
    OPT_STRICT,
    OPT_SHOW,
    OPT_CHART,
    OPT_CHART_TOP,
    OPT_SIZE,
    OPT_TERMINAL,
    OPT_SCRIPT_ONLY,
    OPT_NO_CHARTS
};

static const struct option long_options[] = {
    CLI_BOARD_LONG,
    {"git", no_argument, NULL, OPT_GIT},
    {"dates", required_argument, NULL, OPT_DATES},
    {"since", required_argument, NULL, OPT_SINCE},
    {"last", required_argument, NULL, OPT_LAST},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"show", required_argument, NULL, OPT_SHOW},
    {"chart", required_argument, NULL, OPT_CHART},
    {"chart-top", required_argument, NULL, OPT_CHART_TOP},
    {"size", required_argument, NULL, OPT_SIZE},
    {"terminal", required_argument, NULL, OPT_TERMINAL},
    {"script-only", no_argument, NULL, OPT_SCRIPT_ONLY},
    {"no-charts", no_argument, NULL, OPT_NO_CHARTS},
    CLI_FORMAT_LONG,
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct history_args {
    struct cli_board_args b;
    bool git, strict, script_only;
    bool no_charts;            /* --no-charts: no chart on the page */
    struct cli_names dates;    /* --dates */
    int64_t since;             /* --since, 0: none */
    const char *since_text;
    unsigned long last;        /* --last, 0: all */
    size_t top;                /* -n */
    enum lb_history_show show;
    const char *chart_dir;     /* --chart */
    unsigned long chart_top;   /* --chart-top, 0: default */
    struct lb_chart_style style; /* --size */
    enum lb_terminal terminal;
    struct cli_format fmt;
    char **files;              /* the operands */
    size_t nfiles;
};

static int parse_option(struct history_args *a, int c, char **argv)
{
    struct lb_quoted q;
    int rc;

    switch (c) {
    case OPT_GIT:
        a->git = true;
        return 0;
    case OPT_DATES:
        return cli_names_add("history", "--dates", optarg, &a->dates);
    case OPT_SINCE:
        if (!lb_git_parse_date(optarg, &a->since))
            return cli_usage_error("history", "--since: %s is not a date "
                                              "YYYY-MM-DD",
                                   lb_quotes(&q, optarg));
        a->since_text = optarg;
        return 0;
    case OPT_LAST:
        return cli_number_option("history", "--last", optarg, 1, 1000000,
                                 &a->last);
    case OPT_STRICT:
        a->strict = true;
        return 0;
    case OPT_SHOW:
        if (!lb_history_show_parse(optarg, &a->show))
            return cli_usage_error("history", "--show: %s is not one of rank, "
                                              "value, both",
                                   lb_quotes(&q, optarg));
        return 0;
    case OPT_CHART:
        a->chart_dir = optarg;
        return 0;
    case OPT_CHART_TOP:
        return cli_number_option("history", "--chart-top", optarg, 1,
                                 LB_HISTORY_CHART_MAX, &a->chart_top);
    case OPT_SIZE: /* plot's --size, its words */
        return cli_chart_style_option("history", CLI_OPT_CHART_SIZE, optarg,
                                      &a->style);
    case OPT_TERMINAL:
        if (!lb_terminal_parse(optarg, &a->terminal))
            return cli_usage_error("history", "--terminal: %s is not png or "
                                              "svg",
                                   lb_quotes(&q, optarg));
        return 0;
    case OPT_SCRIPT_ONLY:
        a->script_only = true;
        return 0;
    case OPT_NO_CHARTS:
        a->no_charts = true;
        return 0;
    CLI_FORMAT_CASES:
        rc = cli_format_option("history", c, optarg, &a->fmt);
        return rc;
    case 'h':
        fputs(usage_head, stdout);
        cli_board_help(stdout, false);
        fputs(usage_tail, stdout);
        cli_format_help(stdout);
        fputs(usage_end, stdout);
        return -1;
    default:
        return cli_option_error_near("history", c, argv, long_options);
    }
}

/* Checks the dates of the snapshot files. */
static int check_dates(const struct history_args *a)
{
    struct lb_quoted q;
    int64_t t, prev = 0;
    size_t i;

    if (a->dates.n == 0)
        return 0;
    if (a->git)
        return cli_usage_error("history", "--dates names the snapshot files' "
                                          "dates; with --git the commits' "
                                          "dates are used");
    if (a->dates.n != a->nfiles)
        return cli_usage_error("history", "--dates: %zu date%s for %zu "
                                          "file%s: give one per file",
                               a->dates.n, a->dates.n == 1 ? "" : "s",
                               a->nfiles, a->nfiles == 1 ? "" : "s");
    for (i = 0; i < a->dates.n; i++) {
        if (!lb_git_parse_date(a->dates.v[i], &t))
            return cli_usage_error("history", "--dates: %s is not a date "
                                              "YYYY-MM-DD",
                                   lb_quotes(&q, a->dates.v[i]));
        if (i > 0 && t < prev)
            return cli_usage_error("history", "--dates: %s comes before the "
                                              "date of the file before it: "
                                              "give the files oldest first",
                                   lb_quotes(&q, a->dates.v[i]));
        prev = t;
    }
    return 0;
}

static int parse_args(int argc, char **argv, struct history_args *a)
{
    int c, rc;

    memset(a, 0, sizeof *a);
    cli_board_args_init(&a->b);
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":" CLI_BOARD_SHORT "f:o:h",
                            long_options, NULL)) != -1) {
        if (cli_board_no_intervals("history", c) != 0)
            return LB_EXIT_USAGE;
        rc = cli_board_option("history", c, optarg, &a->b);
        if (rc == 0)
            continue;
        if (rc != 1)
            return rc;
        rc = parse_option(a, c, argv);
        if (rc != 0)
            return rc;
    }
    rc = cli_board_finish("history", &a->b);
    if (rc != 0)
        return rc;
    if (a->b.columns.n > 0)
        return cli_usage_error("history", "--columns does not apply to "
                                          "history");
    /* -n lists models; every snapshot is ranked whole */
    a->top = a->b.board.rank.top;
    a->b.board.rank.top = 0;
    a->files = argv + optind;
    a->nfiles = (size_t)(argc - optind);
    a->fmt.inputs = (const char *const *)a->files;
    a->fmt.ninputs = a->nfiles;
    if (a->nfiles == 0)
        return cli_usage_error("history", a->git ? "expected the score file "
                                                   "whose git history to show"
                                                 : "expected snapshot files, "
                                                   "oldest first (or --git "
                                                   "FILE)");
    if (a->git && a->nfiles != 1)
        return cli_usage_error("history", "--git shows one file's history "
                                          "(got %zu files)",
                               a->nfiles);
    if (a->strict && !a->git)
        return cli_usage_error("history", "--strict applies to --git (a "
                                          "snapshot file that cannot be read "
                                          "is always an error)");
    if (a->since != 0 && !a->git && a->dates.n == 0)
        return cli_usage_error("history", "--since needs the snapshots' dates: "
                                          "give --dates (or use --git)");
    rc = cli_format_finish("history", &a->fmt);
    if (rc != 0)
        return rc;
    if ((a->script_only || a->terminal != 0) && a->chart_dir == NULL)
        return cli_usage_error("history", "--terminal and --script-only go "
                                          "with --chart DIR");
    if ((a->chart_top != 0 || a->style.width != 0) && a->chart_dir == NULL &&
        (a->fmt.format != &lb_format_html || a->no_charts))
        return cli_usage_error("history", "--chart-top and --size go with "
                                          "--chart DIR or the chart of an "
                                          "HTML page");
    for (size_t i = 0; i < a->nfiles; i++)
        if (strcmp(a->files[i], "-") == 0)
            return cli_usage_error("history", "snapshots are files: standard "
                                              "input ('-') cannot be one");
    return check_dates(a);
}

/* What the run loaded. */
struct snapshots {
    struct lb_table *t;
    struct lb_board *b;
    char **labels, **files, **commits; /* owned */
    size_t n;
    struct lb_buf what, notes;
    struct lb_git_history gh;
};

static void snapshots_init(struct snapshots *s, size_t cap)
{
    memset(s, 0, sizeof *s);
    s->t = xcalloc(cap + 1, sizeof *s->t);
    s->b = xcalloc(cap + 1, sizeof *s->b);
    s->labels = xcalloc(cap + 1, sizeof *s->labels);
    s->files = xcalloc(cap + 1, sizeof *s->files);
    s->commits = xcalloc(cap + 1, sizeof *s->commits);
}

static void snapshots_release(struct snapshots *s)
{
    size_t i;

    for (i = 0; i < s->n; i++) {
        lb_board_release(&s->b[i]);
        lb_table_release(&s->t[i]);
        free(s->labels[i]);
        free(s->files[i]);
        free(s->commits[i]);
    }
    free(s->t);
    free(s->b);
    free(s->labels);
    free(s->files);
    free(s->commits);
    lb_buf_release(&s->what);
    lb_buf_release(&s->notes);
    lb_git_history_release(&s->gh);
}

/* The snapshot files given, oldest first. */
static int load_files(const struct history_args *a, struct snapshots *s,
                      struct lb_error *err)
{
    size_t i, j, first = 0, kept;
    int64_t t;

    /* --since, then --last */
    for (i = 0; i < a->nfiles && a->since != 0; i++)
        if (lb_git_parse_date(a->dates.v[i], &t) && t >= a->since)
            break;
    first = i;
    if (first == a->nfiles)
        return lb_error_set(err, "no snapshot is dated %s or later",
                            a->since_text);
    if (a->last > 0 && a->nfiles - first > a->last)
        first = a->nfiles - a->last;
    kept = a->nfiles - first;
    snapshots_init(s, kept);
    for (i = first; i < a->nfiles; i++) {
        const char *slash = strrchr(a->files[i], '/');
        /* a file's label: its name without the directories */
        const char *label = a->dates.n > 0 ? a->dates.v[i]
                            : slash != NULL && slash[1] != '\0' ? slash + 1
                                                                : a->files[i];

        for (j = 0; j < s->n; j++)
            if (strcmp(s->labels[j], label) == 0)
                return lb_error_set(err, "two snapshots are named %s: give "
                                         "each its own date (" LB_OPT("dates")
                                         ")",
                                    label);
        if (lb_board_load(&s->t[s->n], &s->b[s->n], a->files[i], &a->b.load,
                          &a->b.board, err) != 0)
            return -1;
        s->labels[s->n] = xstrdup(label);
        s->files[s->n] = xstrdup(a->files[i]);
        s->n++;
    }
    lb_buf_addf(&s->what, "History of %zu snapshot file%s, oldest first as "
                          "given%s%s.",
                kept, kept == 1 ? "" : "s",
                a->dates.n > 0 ? ", dated by --dates" : "",
                first > 0 ? " (older ones left out by --since or --last)"
                          : "");
    return 0;
}

/* FILE's versions in git. */
static int load_git(const struct history_args *a, struct snapshots *s,
                    struct lb_error *err)
{
    struct lb_git_limits lim = {a->last, a->since};
    struct lb_load_opts lo = a->b.load;
    struct lb_git_history read, *gh = &s->gh;
    const char *file = a->files[0];
    char *beside = NULL;
    size_t i, skipped = 0;
    struct lb_quoted q;

    if (lb_git_history_read(&read, file, &lim, err) != 0) {
        lb_git_history_release(&read);
        return -1;
    }
    snapshots_init(s, read.n);
    s->gh = read; /* moved: released with s */
    /* the schema of the work tree's file applies to every version */
    if (lo.schema == NULL && lo.schema_path == NULL) {
        beside = lb_schema_beside(file);
        lo.schema_path = beside;
    }
    for (i = 0; i < gh->n; i++) {
        const struct lb_git_version *v = &gh->v[i];
        struct lb_buf name = LB_BUF_INIT, label = LB_BUF_INIT;
        struct lb_error e;

        lb_error_init(&e);
        lb_buf_addf(&name, "%s:%s", v->short_id, gh->path);
        if (lb_board_load_mem(&s->t[s->n], &s->b[s->n], lb_buf_str(&name),
                              v->data, v->len, &lo, &a->b.board, &e) != 0) {
            if (a->strict) {
                lb_error_set(err, "commit %s (%s): %s", v->short_id, v->date,
                             e.msg);
                lb_buf_release(&name);
                free(beside);
                return -1;
            }
            cli_error("history: skipped commit %s (%s): %s", v->short_id,
                      v->date, e.msg);
            lb_buf_addf(&s->notes, "Skipped commit %s (%s, %s): %s.\n",
                        v->short_id, v->date, v->summary, e.msg);
            skipped++;
            lb_buf_release(&name);
            continue;
        }
        lb_buf_addf(&label, "%s %s", v->date, v->short_id);
        s->labels[s->n] = xstrdup(lb_buf_str(&label));
        s->files[s->n] = xstrdup(lb_buf_str(&name));
        lb_buf_release(&label);
        lb_buf_release(&name);
        s->commits[s->n] = xstrdup(v->id);
        s->n++;
    }
    free(beside);
    if (s->n == 0)
        return lb_error_set(err, "no version of %s could be read as a board "
                                 "(%zu skipped)",
                            lb_quotes(&q, file), skipped);
    lb_buf_addf(&s->what, "History of %s in git: %zu commit%s that changed "
                          "it on HEAD's first-parent line",
                file, gh->n, gh->n == 1 ? "" : "s");
    if (skipped > 0)
        lb_buf_addf(&s->what, ", %zu skipped", skipped);
    lb_buf_adds(&s->what, ".");
    if (gh->limited)
        lb_buf_addf(&s->what, " Older ones left out by %s.",
                    a->since != 0 && a->last != 0 ? "--since or --last"
                    : a->since != 0               ? "--since"
                                                  : "--last");
    if (gh->shallow)
        lb_buf_addf(&s->what, " The clone is shallow: its history starts "
                              "at commit %s (%s).",
                    gh->v[0].short_id, gh->v[0].date);
    return 0;
}

/* Draws the chart into a->chart_dir; returns the exit status. */
static int draw_chart(const struct history_args *a, const struct lb_history *h,
                      const struct snapshots *s)
{
    struct lb_chart_opts co = {a->chart_top, a->terminal, false, a->style};
    struct lb_charts_opts o;
    struct lb_buf gp = LB_BUF_INIT, dat = LB_BUF_INIT;
    struct lb_chart_out *out = NULL;
    struct lb_error err;
    int rc = LB_EXIT_OK;

    lb_error_init(&err);
    memset(&o, 0, sizeof o);
    o.terminal = a->terminal;
    o.dir = a->chart_dir;
    o.render = !a->script_only;
    if (lb_chart_write_history(h, (const char *const *)s->labels, &co, &gp,
                               &dat, &err) != 0 ||
        lb_charts_draw_script("history", &gp, &dat, &o, &out, &err) != 0) {
        cli_error("%s", err.msg);
        rc = LB_EXIT_FAILURE;
    } else if (o.render && out->status != LB_GNUPLOT_OK) {
        struct lb_quoted q;

        cli_error("%s", out->err.msg);
        if (out->status == LB_GNUPLOT_MISSING)
            cli_error("the script and data are written; to render them, "
                      "install gnuplot 5.4 or later (Debian: gnuplot-nox) "
                      "and run: gnuplot %s",
                      lb_quotes(&q, out->gp_path));
        rc = LB_EXIT_PLOT;
    }
    lb_charts_free(out, out != NULL ? 1 : 0);
    lb_buf_release(&gp);
    lb_buf_release(&dat);
    return rc;
}

/* The HTML page's chart, as SVG drawn without a file (as rank's page
 * draws its charts): LB_EXIT_OK, or LB_EXIT_PLOT after saying why there is
 * none (*note for the page). No model ranked in the last snapshot: no
 * chart, and nothing to say but the note. */
static int page_chart(const struct history_args *a, const struct lb_history *h,
                      const struct snapshots *s, struct lb_chart_out **out,
                      struct lb_figure **figs, size_t *nfigs,
                      const char **note)
{
    struct lb_chart_opts co = {a->chart_top, LB_TERMINAL_SVG, true, a->style};
    struct lb_charts_opts o;
    struct lb_buf gp = LB_BUF_INIT, dat = LB_BUF_INIT;
    struct lb_error err;
    int rc;

    lb_error_init(&err);
    memset(&o, 0, sizeof o);
    o.terminal = LB_TERMINAL_SVG;
    o.render = true;
    if (lb_chart_write_history(h, (const char *const *)s->labels, &co, &gp,
                               &dat, &err) != 0) {
        *note = "No chart: no model is ranked in the last snapshot.";
        rc = LB_EXIT_OK;
    } else if (lb_charts_draw_script("history", &gp, &dat, &o, out, &err) !=
               0) {
        cli_error("%s", err.msg);
        *note = "No chart: it could not be made when this page was made.";
        rc = LB_EXIT_PLOT;
    } else {
        rc = cli_page_figures(*out, 1, figs, nfigs, note);
        if (rc == LB_EXIT_OK)
            (*figs)[0].caption = "The rank of the first models of the last "
                                 "snapshot in each snapshot, rank 1 on top";
    }
    lb_buf_release(&gp);
    lb_buf_release(&dat);
    return rc;
}

int cmd_history(int argc, char **argv)
{
    struct history_args a;
    struct snapshots s;
    struct lb_history h;
    struct lb_history_source src;
    const struct lb_board **boards = NULL;
    struct lb_view v;
    struct lb_error err;
    struct lb_chart_out *page = NULL;
    struct lb_figure *figs = NULL;
    size_t i, nfigs = 0;
    const char *note = NULL;
    int rc = parse_args(argc, argv, &a), page_rc = LB_EXIT_OK;

    if (rc != 0) {
        cli_board_args_release(&a.b);
        cli_names_release(&a.dates);
        return rc < 0 ? LB_EXIT_OK : rc;
    }
    memset(&s, 0, sizeof s);
    memset(&h, 0, sizeof h);
    memset(&v, 0, sizeof v);
    lb_error_init(&err);
    rc = LB_EXIT_FAILURE;
    if ((a.git ? load_git(&a, &s, &err) : load_files(&a, &s, &err)) != 0)
        goto out;
    boards = xcalloc(s.n + 1, sizeof *boards);
    for (i = 0; i < s.n; i++)
        boards[i] = &s.b[i];
    if (lb_history_compute(&h, boards, s.n, &err) != 0)
        goto out;
    memset(&src, 0, sizeof src);
    src.what = lb_buf_str(&s.what);
    src.labels = (const char *const *)s.labels;
    src.files = (const char *const *)s.files;
    src.commits = a.git ? (const char *const *)s.commits : NULL;
    src.notes = s.notes.len > 0 ? lb_buf_str(&s.notes) : NULL;
    src.top = a.top;
    src.show = a.show;
    if (a.fmt.format == &lb_format_html && !a.no_charts)
        page_rc = page_chart(&a, &h, &s, &page, &figs, &nfigs, &note);
    if (lb_view_history(&v, &h, &src, a.fmt.format->audience, &err) != 0)
        goto out;
    v.figures = figs;
    v.nfigures = nfigs;
    v.figures_note = note;
    if (cli_write_view(&a.fmt, &v, &err) != 0)
        goto out;
    rc = a.chart_dir != NULL ? draw_chart(&a, &h, &s) : LB_EXIT_OK;
    if (rc == LB_EXIT_OK)
        rc = page_rc;
out:
    if (err.msg[0] != '\0')
        cli_error("%s", err.msg);
    lb_view_release(&v);
    free(figs);
    lb_charts_free(page, page != NULL ? 1 : 0);
    lb_history_release(&h);
    free(boards);
    snapshots_release(&s);
    cli_names_release(&a.dates);
    cli_board_args_release(&a.b);
    return rc;
}
