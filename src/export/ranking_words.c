/* ranking_words.c: the sentences around a board's table: what the value
 * is (the title) and what the numbers mean (the footer). Column names
 * appear raw: each writer escapes the lines for its format. */
#include <stdio.h>
#include <string.h>

#include "base/decimal.h"
#include "core/aggregate.h"
#include "export/ranking_words.h"

void lb_ranking_value_phrase(const struct lb_board *r, struct lb_buf *out,
                             bool capital)
{
    static const char *const what[LB_METHOD_COUNT] = {
        "average of", "weighted mean of", "normalized mean of",
        "geometric mean of", "mean rank over", "mean win rate (HELM) over",
        "mean of the group means of", "Borda count (MTEB) over"};
    const char *w = what[r->mean.method];
    size_t n = r->sel.nbench;

    lb_buf_addc(out, capital && w[0] >= 'a' && w[0] <= 'z'
                         ? (char)(w[0] - 'a' + 'A')
                         : w[0]);
    lb_buf_addf(out, "%s %zu benchmark%s", w + 1, n, n == 1 ? "" : "s");
}

/* group-mean: "Retrieval (ArguAna, SCIDOCS), STS (...), Touche2020": each
 * group given with its benchmarks, a benchmark alone by its name. */
static void group_list(const struct lb_board *r, struct lb_buf *out)
{
    const struct lb_aggregate *a = &r->mean;
    uint32_t g, i;

    for (g = 0; g < a->ngroups; g++) {
        if (g > 0)
            lb_buf_adds(out, ", ");
        if (!a->group_given[g]) {
            lb_buf_adds(out, a->group_name[g]);
            continue;
        }
        lb_buf_addf(out, "%s (", a->group_name[g]);
        for (i = a->group_start[g]; i < a->group_start[g + 1]; i++)
            lb_buf_addf(out, "%s%s", i > a->group_start[g] ? ", " : "",
                        r->table->cols[a->cols[a->group_member[i]]].name);
        lb_buf_addc(out, ')');
    }
}

/* What one benchmark brings to the value, after its name: " x2", "
 * (baseline 25)", " (lower is better)". */
static void bench_note(const struct lb_board *r, size_t k, bool all_published,
                       struct lb_buf *out)
{
    const struct lb_term *tm = r->mean.terms ? &r->mean.terms[k] : NULL;
    char buf[LB_DEC_BUFSIZE];

    if (tm == NULL)
        return;
    if (r->mean.method == LB_METHOD_WEIGHTED) {
        lb_dec_format(buf, tm->weight.units, tm->weight.scale);
        lb_buf_addf(out, " x%s", buf);
    }
    if (r->mean.method == LB_METHOD_NORMALIZED && !all_published) {
        if (tm->as_published) {
            lb_buf_adds(out, " (published normalized)");
        } else {
            lb_dec_format(buf, tm->baseline.units, tm->baseline.scale);
            lb_buf_addf(out, " (baseline %s)", buf);
        }
    }
    if (tm->lower && r->mean.method != LB_METHOD_GROUP_MEAN)
        lb_buf_adds(out, " (lower is better)");
}

void lb_ranking_title(const struct lb_board *r, struct lb_buf *out)
{
    const struct lb_table *t = r->table;
    const struct lb_selection *sel = &r->sel;
    enum lb_method m = r->mean.method;
    bool all_published = m == LB_METHOD_NORMALIZED;
    size_t i;

    for (i = 0; all_published && i < sel->nbench; i++)
        all_published = r->mean.terms[i].as_published;
    if (sel->sort_col != LB_NPOS)
        lb_buf_addf(out, "Ranked by %s%s. ", t->cols[sel->sort_col].name,
                    r->lower_better ? " (lowest first)" : "");
    else if (r->lower_better && m != LB_METHOD_MEAN_RANK)
        lb_buf_adds(out, "Lower is better: ranked lowest first. ");
    lb_ranking_value_phrase(r, out, true);
    if (sel->suite != NULL)
        lb_buf_addf(out, " (%s)", sel->suite->title);
    if (m == LB_METHOD_NORMALIZED)
        lb_buf_adds(out, ", 0 = random guess, 100 = perfect");
    else if (m == LB_METHOD_MEAN_RANK)
        lb_buf_adds(out, ", 1 = best");
    else if (m == LB_METHOD_WIN_RATE)
        lb_buf_adds(out, ", 0 to 1");
    else if (m == LB_METHOD_BORDA)
        lb_buf_addf(out, ", %zu - rank points on each (%zu model%s with a "
                         "score; ties averaged; a missing score 0)",
                    r->mean.nmodels, r->mean.nmodels,
                    r->mean.nmodels == 1 ? "" : "s");
    if (m == LB_METHOD_GROUP_MEAN) {
        lb_buf_addf(out, " in %u group%s (MTEB's Mean (TaskType)): ",
                    r->mean.ngroups, r->mean.ngroups == 1 ? "" : "s");
        group_list(r, out);
        return;
    }
    lb_buf_adds(out, ": ");
    for (i = 0; i < sel->nbench; i++) {
        lb_buf_addf(out, "%s%s", i ? ", " : "", t->cols[sel->bench[i]].name);
        bench_note(r, i, all_published, out);
    }
    if (all_published && sel->nbench > 0)
        lb_buf_addf(out, " (%spublished normalized)",
                    sel->nbench > 1 ? "all " : "");
}

/* What the intervals are, or why there are none. 'noun' is what a row is:
 * "model" when each row has a model of its own, else "row". */
static void ci_footer(const struct lb_board *r, const char *noun,
                      struct lb_buf *out)
{
    const struct lb_ci *ci = &r->ci;

    if (!ci->available && ci->too_many) {
        lb_buf_addf(out, "No intervals: %zu draws of %zu ranked %ss are "
                         "more than leaderboard keeps (%d values).\n",
                    ci->draws, ci->ranked, noun, LB_CI_MAX_CELLS);
        return;
    }
    if (!ci->available) {
        lb_buf_addf(out, "No intervals: no standard error for %s (give "
                         "NAME_stderr columns or --stderr NAME=VALUE).\n",
                    lb_buf_str(&ci->lacking));
        return;
    }
    if (ci->analytic)
        lb_buf_addf(out, "CI: 95%% interval of the %s, +- 1.96 standard "
                         "errors (sqrt of the sum of the scores' squared "
                         "errors, weighted as they are, over their count); "
                         "errors from %s.\n",
                    r->mean.method == LB_METHOD_MEAN ? "average" : "value",
                    lb_buf_str(&ci->sources));
    else
        lb_buf_addf(out, "CI: 2.5th to 97.5th percentile of the value in "
                         "the draws; errors from %s.\n",
                    lb_buf_str(&ci->sources));
    lb_buf_addf(out, "Rank low-high: 2.5th to 97.5th percentile of the rank "
                     "in %zu parametric bootstrap draws (seed %llu); "
                     "P(rank 1): the share of draws that rank the model "
                     "first.\n",
                ci->draws, (unsigned long long)ci->seed);
    lb_buf_addf(out, "UB rank: 1 + the %ss whose interval lies entirely "
                     "above (Chatbot Arena's upper-bound rank).\n",
                noun);
    if (ci->no_se > 0) {
        lb_buf_addf(out, "%zu ranked %s%s a standard error for a score: "
                         "no interval (its scores stay fixed in the draws).\n",
                    ci->no_se, noun, ci->no_se == 1 ? " lacks" : "s lack");
    }
}

/* "13 of 16 models ranked" when each row has a model of its own; else
 * "7169 of 7169 rows ranked (6811 of 6811 models)", or without the models
 * when they could not be counted. */
static void ranked_count(const struct lb_ranking *k,
                         const struct lb_model_counts *m, struct lb_buf *out)
{
    const char *noun = lb_models_are_rows(m, k->nrows) ? "model" : "row";

    lb_buf_addf(out, "%zu of %zu %s%s ranked", k->n_ranked, k->nrows, noun,
                k->nrows == 1 ? "" : "s");
    if (m->known && m->models != k->nrows)
        lb_buf_addf(out, " (%zu of %zu model%s)", m->ranked, m->models,
                    m->models == 1 ? "" : "s");
}

void lb_ranking_footer(const struct lb_board *r, struct lb_buf *out)
{
    const struct lb_ranking *k = &r->ranking;
    size_t unranked = k->nrows - k->n_ranked, i, why[3] = {0};
    bool marked = false;
    struct lb_model_counts m;
    const char *noun;

    lb_board_models(r, &m);
    noun = lb_models_are_rows(&m, k->nrows) ? "model" : "row";
    ranked_count(k, &m, out);
    for (i = 0; r->mean.why != NULL && r->sel.sort_col == LB_NPOS &&
                i < r->table->nrows;
         i++)
        if (r->mean.why[i] < 3)
            why[r->mean.why[i]]++;
    if (unranked > 0 && (why[1] > 0 || why[2] > 0)) {
        size_t lack = unranked - why[1] - why[2];
        const char *sep = "";

        lb_buf_addf(out, "; %zu not ranked: ", unranked);
        if (lack > 0) {
            if (r->mean.policy == LB_MISSING_EXCLUDE)
                lb_buf_addf(out, "%zu lack%s a benchmark score (--missing "
                                 "exclude)",
                            lack, lack == 1 ? "s" : "");
            else
                lb_buf_addf(out, "%zu ha%s no scores", lack,
                            lack == 1 ? "s" : "ve");
            sep = ", ";
        }
        if (why[1] > 0) {
            lb_buf_addf(out, "%s%zu with a score that counts as 0 (the "
                             "geometric mean is undefined)",
                        sep, why[1]);
            sep = ", ";
        }
        if (why[2] > 0)
            lb_buf_addf(out, "%s%zu only in benchmarks that fewer than 2 "
                             "%ss have",
                        sep, why[2], noun);
    } else if (unranked > 0) {
        if (r->sel.sort_col != LB_NPOS)
            lb_buf_addf(out, "; %zu not ranked: no %s value", unranked,
                        r->table->cols[r->sel.sort_col].name);
        else if (r->mean.policy == LB_MISSING_EXCLUDE)
            lb_buf_addf(out,
                        "; %zu not ranked: a benchmark score is missing "
                        "(--missing exclude)",
                        unranked);
        else
            lb_buf_addf(out, "; %zu not ranked: no scores", unranked);
    }
    lb_buf_adds(out, ".\n");
    if (r->n_filtered > 0) {
        lb_buf_addf(out, "%zu row%s left out by --where '%s'.\n", r->n_filtered,
                    r->n_filtered == 1 ? "" : "s", r->opts.where);
    }
    if (r->n_duplicates > 0) {
        lb_buf_addf(out, "%zu row%s left out by --dedup %s: one row per model, ",
                    r->n_duplicates, r->n_duplicates == 1 ? "" : "s",
                    lb_dedup_name(r->opts.dedup));
        if (r->date_col != LB_NPOS)
            lb_buf_addf(out, "its latest by %s.\n",
                        r->table->cols[r->date_col].name);
        else
            lb_buf_adds(out, "its best.\n");
    }
    if (r->opts.ci.enabled) {
        ci_footer(r, noun, out);
    }
    if (r->mean.rounded) {
        lb_buf_addf(out, "%s are rounded at 18 decimals (their exact "
                         "common denominator does not fit in 32 bits).\n",
                    r->mean.method == LB_METHOD_GROUP_MEAN ? "Group means"
                                                            : "Win rates");
    }
    if (r->opts.rank.ties == LB_TIES_EXACT)
        lb_buf_adds(out, "Only exactly equal scores share a rank (exact).\n");
    else if (r->opts.rank.ties == LB_TIES_ORDINAL)
        lb_buf_adds(out, "Every model has its own rank; ties are ordered by "
                         "exact score, then name (ordinal).\n");
    else
        lb_buf_addf(out, "Scores equal at %u decimal%s share a rank (%s).\n",
                    r->opts.rank.precision, r->opts.rank.precision == 1 ? "" : "s",
                    lb_ties_name(r->opts.rank.ties));
    if (r->opts.rank.top > 0 && k->n_listed_ranked < k->n_ranked) {
        lb_buf_addf(out, "Showing the first %zu ranked %s%s (--top %zu).\n",
                    k->n_listed_ranked, noun,
                    k->n_listed_ranked == 1 ? "" : "s", r->opts.rank.top);
    }
    /* is a listed value marked? the rows in file order when all are
     * listed (memory in sequence), else the listed ones */
    for (i = 0; i < k->n_listed && !marked; i++)
        marked = lb_aggregate_marked(
            &r->mean, k->n_listed == r->table->nrows ? i : k->order[i]);
    if (marked && r->mean.method == LB_METHOD_BORDA)
        lb_buf_adds(out, "* a missing score earns 0 points (MTEB's rule, "
                         "whatever --missing)\n");
    else if (marked && r->opts.missing == LB_MISSING_PARTIAL)
        lb_buf_adds(out, "* mean of the scores present (--missing partial)\n");
    else if (marked && r->mean.method == LB_METHOD_GROUP_MEAN &&
             r->mean.lower_better)
        lb_buf_adds(out, "* missing scores counted as the top of their range, "
                         "the worst (--missing zero)\n");
    else if (marked)
        lb_buf_adds(out, "* missing scores counted as 0 (--missing zero)\n");
}

