/* battles.c: ratings from the counts (see battles.h): who can be rated,
 * online Elo in another order, win rates, and the ranking. The
 * Bradley-Terry fit is in battles_fit.c, the intervals in battles_ci.c. */
#include "core/battles.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/detmath.h"
#include "base/quote.h"
#include "base/sort.h"
#include "base/xalloc.h"
#include "core/battles_impl.h"

/* {======================================================================
 * Names
 * ======================================================================= */

static const char *const method_names[LB_BATTLES_METHOD_COUNT] = {
    "bt", "elo", "win-rate"};

bool lb_battles_method_parse(const char *s, enum lb_battles_method *out)
{
    int i;

    for (i = 0; i < LB_BATTLES_METHOD_COUNT; i++)
        if (strcmp(s, method_names[i]) == 0) {
            *out = (enum lb_battles_method)i;
            return true;
        }
    return false;
}

const char *lb_battles_method_name(enum lb_battles_method m)
{
    return method_names[m];
}

void lb_battles_opts_init(struct lb_battles_opts *o)
{
    memset(o, 0, sizeof *o);
    o->method = LB_BATTLES_BT;
    o->k = LB_BATTLES_K;
    o->anchor_rating = LB_BATTLES_MEAN;
    o->rounds = LB_BATTLES_ROUNDS;
    o->draws = LB_BATTLES_DRAWS;
    o->seed = LB_BATTLES_SEED;
    o->rank.ties = LB_TIES_COMPETITION;
    o->rank.precision = 2;
}

/* }====================================================================== */

/* {======================================================================
 * Who can be rated: connected parts and strongly connected components
 * ======================================================================= */

/* The graph of the pairs that met: per model, its neighbours (CSR), and
 * for each neighbour whether the model took points from it. */
struct graph {
    size_t n;
    size_t *start;   /* model -> first edge (n + 1) */
    uint32_t *to;    /* edge -> the other model */
    uint8_t *took;   /* edge -> bit 0: this model took points from it;
                        bit 1: it took points from this model */
};

static void graph_build(struct graph *g, const struct lb_battles_data *d)
{
    size_t i, *fill;

    g->n = d->nmodels;
    g->start = xcalloc(g->n + 1, sizeof *g->start);
    for (i = 0; i < d->npairs; i++) {
        g->start[d->pairs[i].a + 1]++;
        g->start[d->pairs[i].b + 1]++;
    }
    for (i = 0; i < g->n; i++)
        g->start[i + 1] += g->start[i];
    g->to = xcalloc(g->start[g->n] + 1, sizeof *g->to);
    g->took = xcalloc(g->start[g->n] + 1, 1);
    fill = xcalloc(g->n + 1, sizeof *fill);
    memcpy(fill, g->start, g->n * sizeof *fill);
    for (i = 0; i < d->npairs; i++) {
        const struct lb_battle_pair *p = &d->pairs[i];
        bool a_took = p->n[LB_OUT_A] + p->n[LB_OUT_TIE] > 0;
        bool b_took = p->n[LB_OUT_B] + p->n[LB_OUT_TIE] > 0;
        size_t ea = fill[p->a]++, eb = fill[p->b]++;

        g->to[ea] = p->b;
        g->took[ea] = (uint8_t)(a_took | (b_took << 1));
        g->to[eb] = p->a;
        g->took[eb] = (uint8_t)(b_took | (a_took << 1));
    }
    free(fill);
}

static void graph_free(struct graph *g)
{
    free(g->start);
    free(g->to);
    free(g->took);
}

/* Connected parts: part[i] for every model with a vote (others
 * LB_NPOS_BATTLES); returns their number. Breadth first, no recursion. */
static size_t parts_of(const struct graph *g, size_t *part)
{
    size_t *queue = xcalloc(g->n + 1, sizeof *queue), i, np = 0;

    for (i = 0; i < g->n; i++)
        part[i] = LB_NPOS_BATTLES;
    for (i = 0; i < g->n; i++) {
        size_t head = 0, tail = 0;

        if (part[i] != LB_NPOS_BATTLES || g->start[i] == g->start[i + 1])
            continue;
        part[i] = np;
        queue[tail++] = i;
        while (head < tail) {
            size_t u = queue[head++], e;

            for (e = g->start[u]; e < g->start[u + 1]; e++)
                if (part[g->to[e]] == LB_NPOS_BATTLES) {
                    part[g->to[e]] = np;
                    queue[tail++] = g->to[e];
                }
        }
        np++;
    }
    free(queue);
    return np;
}

/* Strongly connected components of the models of part 'p' in the graph
 * u -> v when u took points from v (Tarjan's algorithm, iterative):
 * comp[i] for those models; returns their number. */
static size_t components_of(const struct graph *g, const size_t *part,
                            size_t p, size_t *comp)
{
    size_t n = g->n, i, nc = 0, counter = 0, sp = 0, cs = 0;
    size_t *index = xcalloc(n + 1, sizeof *index);
    size_t *low = xcalloc(n + 1, sizeof *low);
    size_t *stack = xcalloc(n + 1, sizeof *stack);
    size_t *call = xcalloc(n + 1, sizeof *call);   /* the DFS path */
    size_t *next = xcalloc(n + 1, sizeof *next);   /* next edge to try */
    bool *on = xcalloc(n + 1, sizeof *on);

    for (i = 0; i < n; i++) {
        index[i] = 0; /* 0: not visited; else order + 1 */
        comp[i] = LB_NPOS_BATTLES;
    }
    for (i = 0; i < n; i++) {
        if (part[i] != p || index[i] != 0)
            continue;
        call[cs++] = i;
        index[i] = low[i] = ++counter;
        next[i] = g->start[i];
        stack[sp++] = i;
        on[i] = true;
        while (cs > 0) {
            size_t u = call[cs - 1];

            if (next[u] < g->start[u + 1]) {
                size_t e = next[u]++, v = g->to[e];

                if (!(g->took[e] & 1))
                    continue;
                if (index[v] == 0) {
                    index[v] = low[v] = ++counter;
                    next[v] = g->start[v];
                    stack[sp++] = v;
                    on[v] = true;
                    call[cs++] = v;
                } else if (on[v] && index[v] < low[u]) {
                    low[u] = index[v];
                }
                continue;
            }
            /* u is done */
            if (low[u] == index[u]) {
                size_t w;

                do {
                    w = stack[--sp];
                    on[w] = false;
                    comp[w] = nc;
                } while (w != u);
                nc++;
            }
            cs--;
            if (cs > 0 && low[u] < low[call[cs - 1]])
                low[call[cs - 1]] = low[u];
        }
    }
    free(index);
    free(low);
    free(stack);
    free(call);
    free(next);
    free(on);
    return nc;
}

/* The best of n groups by (members, votes, first member): the index of
 * the largest. */
static size_t largest(size_t n, const size_t *members, const uint64_t *votes,
                      const size_t *first)
{
    size_t best = 0, k;

    for (k = 1; k < n; k++)
        if (members[k] > members[best] ||
            (members[k] == members[best] &&
             (votes[k] > votes[best] ||
              (votes[k] == votes[best] && first[k] < first[best]))))
            best = k;
    return best;
}

/* Marks in 'mark' (bit) the models reachable from those already marked,
 * along edges whose 'took' has bit 'bit' (1: u took points from v, so
 * "u above v" reaches down; 2: reaches up). */
static void reach(const struct graph *g, uint8_t *mark, uint8_t bit,
                  uint8_t flag)
{
    size_t *queue = xcalloc(g->n + 1, sizeof *queue), head = 0, tail = 0, i;

    for (i = 0; i < g->n; i++)
        if (mark[i] & flag)
            queue[tail++] = i;
    while (head < tail) {
        size_t u = queue[head++], e;

        for (e = g->start[u]; e < g->start[u + 1]; e++) {
            size_t v = g->to[e];

            if ((g->took[e] & bit) && !(mark[v] & flag)) {
                mark[v] |= flag;
                queue[tail++] = v;
            }
        }
    }
    free(queue);
}

/* Decides who gets a Bradley-Terry rating: fills why[] and rated[]. */
static void who_is_rated(struct lb_battles *b, bool *rated)
{
    const struct lb_battles_data *d = b->data;
    size_t n = d->nmodels, i, np, nc, main_part, main_comp;
    size_t *part = xcalloc(n + 1, sizeof *part);
    size_t *comp = xcalloc(n + 1, sizeof *comp);
    size_t *members, *first;
    uint64_t *votes;
    uint8_t *mark = xcalloc(n + 1, 1);
    struct graph g;

    graph_build(&g, d);
    np = parts_of(&g, part);
    b->nparts = np;
    for (i = 0; i < n; i++) {
        rated[i] = false;
        b->why[i] = part[i] == LB_NPOS_BATTLES ? LB_WHY_NO_VOTES
                                               : LB_WHY_OTHER_PART;
    }
    if (np == 0)
        goto out;
    members = xcalloc(np, sizeof *members);
    first = xcalloc(np, sizeof *first);
    votes = xcalloc(np, sizeof *votes);
    for (i = 0; i < np; i++)
        first[i] = n;
    for (i = 0; i < n; i++) {
        if (part[i] == LB_NPOS_BATTLES)
            continue;
        members[part[i]]++;
        votes[part[i]] += d->won[i] + d->tied[i] + d->lost[i];
        if (i < first[part[i]])
            first[part[i]] = i;
    }
    main_part = largest(np, members, votes, first);
    free(members);
    free(first);
    free(votes);

    nc = components_of(&g, part, main_part, comp);
    members = xcalloc(nc, sizeof *members);
    first = xcalloc(nc, sizeof *first);
    votes = xcalloc(nc, sizeof *votes);
    for (i = 0; i < nc; i++)
        first[i] = n;
    for (i = 0; i < n; i++) {
        if (comp[i] == LB_NPOS_BATTLES)
            continue;
        members[comp[i]]++;
        if (i < first[comp[i]])
            first[comp[i]] = i;
    }
    /* votes inside each component */
    for (i = 0; i < d->npairs; i++) {
        const struct lb_battle_pair *p = &d->pairs[i];

        if (comp[p->a] != LB_NPOS_BATTLES && comp[p->a] == comp[p->b])
            votes[comp[p->a]] += p->n[0] + p->n[1] + p->n[2];
    }
    main_comp = largest(nc, members, votes, first);
    if (members[main_comp] >= 2) {
        for (i = 0; i < n; i++)
            if (comp[i] == main_comp) {
                mark[i] = 1 | 2;
                rated[i] = true;
                b->why[i] = LB_WHY_RATED;
            }
        reach(&g, mark, 1, 1); /* 1: below the rated models */
        reach(&g, mark, 2, 2); /* 2: above them */
    }
    for (i = 0; i < n; i++) {
        uint64_t won = d->won[i], tied = d->tied[i], lost = d->lost[i];

        if (part[i] != main_part || rated[i])
            continue;
        if (lost + tied == 0)
            b->why[i] = LB_WHY_NEVER_LOST;
        else if (won + tied == 0)
            b->why[i] = LB_WHY_NEVER_WON;
        else if (members[main_comp] < 2)
            b->why[i] = LB_WHY_TOO_FEW;
        else if (mark[i] == 2)
            b->why[i] = LB_WHY_ABOVE;
        else if (mark[i] == 1)
            b->why[i] = LB_WHY_BELOW;
        else
            b->why[i] = LB_WHY_APART;
    }
    free(members);
    free(first);
    free(votes);
out:
    graph_free(&g);
    free(part);
    free(comp);
    free(mark);
}

void lb_battles_reason(const struct lb_battles *b, size_t i,
                       struct lb_buf *out)
{
    const struct lb_battles_data *d = b->data;
    uint64_t n = d->won[i] + d->tied[i] + d->lost[i];

    switch ((enum lb_battles_why)b->why[i]) {
    case LB_WHY_RATED:
        break;
    case LB_WHY_NO_VOTES:
        lb_buf_adds(out, "no votes (only against itself)");
        break;
    case LB_WHY_NEVER_LOST:
    case LB_WHY_NEVER_WON: {
        bool lost = b->why[i] == LB_WHY_NEVER_WON;

        lb_buf_adds(out, lost ? "never won (lost " : "never lost (won ");
        if (n == 1)
            lb_buf_adds(out, "its one vote");
        else
            lb_buf_addf(out, "all its %llu votes", (unsigned long long)n);
        lb_buf_adds(out, "): no finite rating");
        break;
    }
    case LB_WHY_ABOVE:
        lb_buf_adds(out, "never lost to the rated models, directly or "
                         "through others: no finite rating");
        break;
    case LB_WHY_BELOW:
        lb_buf_adds(out, "never beat the rated models, directly or through "
                         "others: no finite rating");
        break;
    case LB_WHY_APART:
        lb_buf_adds(out, "its votes place it against the rated models only "
                         "through unrated ones");
        break;
    case LB_WHY_OTHER_PART:
        lb_buf_adds(out, "no votes link it to the rated models (another part "
                         "of the comparison graph)");
        break;
    case LB_WHY_TOO_FEW:
        lb_buf_adds(out, "no two models can be rated together: every "
                         "comparison has a side that never lost");
        break;
    }
}

/* }====================================================================== */

/* {======================================================================
 * Ranking
 * ======================================================================= */

struct rank_ctx {
    const struct lb_battles *b;
};

static int cmp_models(size_t x, size_t y, void *ctx)
{
    const struct lb_battles *b = ((struct rank_ctx *)ctx)->b;
    const struct lb_battles_data *d = b->data;
    double vx = b->value[x], vy = b->value[y];
    size_t lx, ly;
    const char *nx, *ny;
    int c;

    if (vx != vy)
        return vx > vy ? -1 : 1;
    nx = lb_battles_name(d, x, &lx);
    ny = lb_battles_name(d, y, &ly);
    c = memcmp(nx, ny, lx < ly ? lx : ly);
    if (c != 0)
        return c;
    return (lx > ly) - (lx < ly);
}

/* Whether two values tie under the convention (at the precision, or
 * exactly). */
static bool same(double x, double y, const struct lb_rank_opts *o)
{
    char a[64], b[64];

    if (o->ties == LB_TIES_EXACT)
        return x == y;
    if (o->ties == LB_TIES_ORDINAL)
        return false;
    snprintf(a, sizeof a, "%.*f", (int)o->precision, x);
    snprintf(b, sizeof b, "%.*f", (int)o->precision, y);
    /* "-0.00" and "0.00" are the same number */
    return strcmp(a[0] == '-' && strspn(a + 1, "0.") == strlen(a + 1) ? a + 1 : a,
                  b[0] == '-' && strspn(b + 1, "0.") == strlen(b + 1) ? b + 1 : b) == 0;
}

/* The listed rows of k under --top (see lb_battles_top). */
static void list_top(const struct lb_battles *b, struct lb_ranking *k,
                     size_t top)
{
    size_t m = k->n_ranked, listed = m, i;

    if (top > 0 && top < m) {
        listed = top;
        while (listed < m &&
               k->rank2[k->order[listed]] == k->rank2[k->order[listed - 1]])
            listed++;
    }
    k->n_listed_ranked = listed;
    k->n_listed = listed;
    if (top == 0)
        for (i = 0; i < b->n; i++)
            if (isnan(b->value[i]))
                k->order[k->n_listed++] = (lb_row)i;
}

void lb_battles_top(struct lb_battles *b, size_t top)
{
    b->opts.rank.top = top;
    list_top(b, &b->ranking, top);
}

/* Orders the rated models and numbers them (ties as o says). */
static void rank_models(struct lb_battles *b)
{
    const struct lb_rank_opts *o = &b->opts.rank;
    struct lb_ranking *k = &b->ranking;
    size_t n = b->n, i, j, *idx = xcalloc(n + 1, sizeof *idx), m = 0;
    struct rank_ctx ctx = {b};

    k->nrows = n;
    k->rank2 = xcalloc(n + 1, sizeof *k->rank2);
    k->order = xcalloc(n + 1, sizeof *k->order);
    for (i = 0; i < n; i++)
        if (!isnan(b->value[i]))
            idx[m++] = i;
    lb_sort_indices(idx, m, cmp_models, &ctx);
    k->n_ranked = m;
    for (i = 0; i < m;) {
        size_t end = i + 1;

        while (end < m && same(b->value[idx[end]], b->value[idx[i]], o))
            end++;
        for (j = i; j < end; j++) {
            uint32_t r2;

            switch (o->ties) {
            case LB_TIES_DENSE:
                r2 = (uint32_t)(2 * (i == 0 ? 1 : k->rank2[idx[i - 1]] / 2 + 1));
                break;
            case LB_TIES_ORDINAL:
                r2 = (uint32_t)(2 * (j + 1));
                break;
            case LB_TIES_FRACTIONAL:
                r2 = (uint32_t)(i + 1 + end); /* twice the mean of i+1..end */
                break;
            default:
                r2 = (uint32_t)(2 * (i + 1));
                break;
            }
            k->rank2[idx[j]] = r2;
        }
        i = end;
    }
    /* the ranked first; --top: the first N and those tied with the last */
    for (i = 0; i < m; i++)
        k->order[i] = (lb_row)idx[i];
    list_top(b, k, o->top);
    free(idx);
}

/* }====================================================================== */

/* {======================================================================
 * Methods
 * ======================================================================= */

/* Online Elo over the votes kept, in the order of their key (stable: file
 * order among equal keys). */
static int cmp_recs(size_t x, size_t y, void *ctx)
{
    const struct lb_battle_rec *r = ctx;

    return (r[x].key > r[y].key) - (r[x].key < r[y].key);
}

static void elo_ordered(const struct lb_battles_data *d, double k, double *r)
{
    size_t *idx = xcalloc(d->nrecs + 1, sizeof *idx), i;

    for (i = 0; i < d->nmodels; i++)
        r[i] = LB_BATTLES_MEAN;
    for (i = 0; i < d->nrecs; i++)
        idx[i] = i;
    lb_sort_indices(idx, d->nrecs, cmp_recs, (void *)d->recs);
    for (i = 0; i < d->nrecs; i++) {
        const struct lb_battle_rec *v = &d->recs[idx[i]];
        double s = v->outcome == LB_OUT_A ? 1.0
                   : v->outcome == LB_OUT_TIE ? 0.5 : 0.0;
        uint64_t t;

        for (t = 0; t < v->votes; t++) {
            double ea = 1.0 / (1.0 + lb_det_exp(bt_theta(r[v->b] - r[v->a])));
            double delta = k * (s - ea);

            r[v->a] += delta;
            r[v->b] -= delta;
        }
    }
    free(idx);
}

double lb_battles_predict(const struct lb_battles *b, size_t i, size_t j)
{
    double vi = b->value[i], vj = b->value[j];

    if (b->opts.method == LB_BATTLES_WIN_RATE || isnan(vi) || isnan(vj))
        return NAN;
    return 1.0 / (1.0 + lb_det_exp(bt_theta(vj - vi)));
}

int lb_battles_compute(struct lb_battles *b, const struct lb_battles_data *d,
                       const struct lb_battles_opts *o, struct lb_error *err)
{
    struct lb_quoted q;
    size_t n = d->nmodels, i;
    bool *rated = xcalloc(n + 1, sizeof *rated);
    int rc = -1;

    memset(b, 0, sizeof *b);
    b->data = d;
    b->opts = *o;
    b->n = n;
    b->anchor = LB_NPOS_BATTLES;
    b->value = xcalloc(n + 1, sizeof *b->value);
    b->why = xcalloc(n + 1, 1);
    for (i = 0; i < n; i++)
        b->value[i] = NAN;
    for (i = 0; i < d->npairs; i++) {
        int k;

        for (k = 0; k < 3; k++)
            b->outcomes += d->pairs[i].n[k] > 0;
    }
    if (o->method == LB_BATTLES_BT) {
        who_is_rated(b, rated);
    } else {
        for (i = 0; i < n; i++) {
            rated[i] = d->won[i] + d->tied[i] + d->lost[i] > 0;
            b->why[i] = rated[i] ? LB_WHY_RATED : LB_WHY_NO_VOTES;
        }
    }
    if (o->anchor != NULL) {
        b->anchor = lb_battles_find(d, o->anchor, strlen(o->anchor));
        if (b->anchor == LB_NPOS_BATTLES) {
            (void)lb_error_set(err, LB_OPT("anchor") ": no model %s in the "
                                                     "votes",
                               lb_quotes(&q, o->anchor));
            goto out;
        }
        if (!rated[b->anchor]) {
            struct lb_buf why = LB_BUF_INIT;

            lb_battles_reason(b, b->anchor, &why);
            (void)lb_error_set(err, LB_OPT("anchor") ": %s has no rating: %s",
                               lb_quotes(&q, o->anchor), lb_buf_str(&why));
            lb_buf_release(&why);
            goto out;
        }
    }
    switch (o->method) {
    case LB_BATTLES_BT: {
        struct bt_problem P;
        double *theta, *r;

        bt_problem_init(&P, d, rated);
        if (P.m >= 2) {
            double *w = bt_weights(&P, d);

            theta = xcalloc(P.m + 1, sizeof *theta);
            r = xcalloc(P.m + 1, sizeof *r);
            if (bt_fit(&P, w, theta, o->dense_max ? o->dense_max
                                                  : LB_BATTLES_DENSE_MAX,
                       &b->fit) != 0) {
                (void)lb_error_set(err, "the Bradley-Terry fit failed: its "
                                        "Hessian is not definite");
                free(w);
                free(theta);
                free(r);
                bt_problem_release(&P);
                goto out;
            }
            bt_ratings(b, &P, theta, r);
            for (i = 0; i < P.m; i++)
                b->value[P.model[i]] = r[i];
            b->nrated = P.m;
            if (o->ci != LB_BATTLES_CI_NONE &&
                bt_intervals(b, &P, w, theta, err) != 0) {
                free(w);
                free(theta);
                free(r);
                bt_problem_release(&P);
                goto out;
            }
            free(w);
            free(theta);
            free(r);
        } else {
            b->fit.algorithm = "newton (cholesky)";
            b->fit.tolerance = LB_BATTLES_TOL;
        }
        bt_problem_release(&P);
        break;
    }
    case LB_BATTLES_ELO: {
        double shift = 0;

        if (d->opts.order != NULL) {
            elo_ordered(d, o->k, b->value);
        } else {
            for (i = 0; i < n; i++)
                b->value[i] = d->elo != NULL ? d->elo[i] : NAN;
        }
        if (b->anchor != LB_NPOS_BATTLES)
            shift = o->anchor_rating - b->value[b->anchor];
        for (i = 0; i < n; i++) {
            if (rated[i])
                b->value[i] += shift;
            else
                b->value[i] = NAN;
        }
        b->nrated = 0;
        for (i = 0; i < n; i++)
            b->nrated += rated[i];
        b->fit.algorithm = "online";
        b->fit.converged = true;
        break;
    }
    case LB_BATTLES_WIN_RATE:
        for (i = 0; i < n; i++) {
            uint64_t v = d->won[i] + d->tied[i] + d->lost[i];

            if (v > 0) {
                b->value[i] = ((double)d->won[i] + 0.5 * (double)d->tied[i]) /
                              (double)v;
                b->nrated++;
            }
        }
        b->fit.algorithm = "counting";
        b->fit.converged = true;
        if (o->ci == LB_BATTLES_CI_BOOTSTRAP &&
            win_rate_intervals(b, rated, err) != 0)
            goto out;
        break;
    }
    rank_models(b);
    rc = 0;
out:
    free(rated);
    return rc;
}

void lb_battles_release(struct lb_battles *b)
{
    free(b->value);
    free(b->why);
    free(b->has);
    free(b->lo);
    free(b->hi);
    free(b->rank_lo);
    free(b->rank_hi);
    free(b->rank_ub);
    free(b->first);
    free(b->se);
    lb_ranking_release(&b->ranking);
    memset(b, 0, sizeof *b);
}

double lb_battles_quantile(const double *v, size_t n, double q)
{
    double h, f;
    size_t lo;

    if (n == 0)
        return NAN;
    h = (double)(n - 1) * q;
    lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return v[n - 1];
    f = h - (double)lo;
    return v[lo] + f * (v[lo + 1] - v[lo]);
}
