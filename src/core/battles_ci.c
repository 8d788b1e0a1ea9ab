/* battles_ci.c: the intervals of battle ratings (see battles.h):
 * bootstrap rounds on multinomial resamples of the counts, the sandwich
 * covariance, and from either the ranks' percentiles, P(rank 1) and the
 * upper-bound rank. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "base/detmath.h"
#include "base/rng.h"
#include "base/xalloc.h"
#include "core/battles_impl.h"
#include "core/ci.h"

#define BINV_MAX_MEAN 10.0 /* below this mean, binomials by inversion */
#define MAX_THREADS 2

/* {======================================================================
 * Binomial and multinomial draws, the same on every machine
 * ======================================================================= */

/* x^k for a whole k, by squaring (only multiplications: the same bits
 * everywhere). */
static double ipow(double x, uint64_t k)
{
    double r = 1;

    for (; k > 0; k >>= 1) {
        double f[2] = {1, x}; /* no branch on the bits */

        r *= f[k & 1];
        x *= x;
    }
    return r;
}

/* Inversion (Kachitvichyanukul and Schmeiser's BINV): walks the
 * probabilities up from 0; for a small mean n p (p <= 1/2). */
static double binomial_inversion(struct lb_rng *rng, double n, double p)
{
    double q = 1 - p, q0 = ipow(q, (uint64_t)n), s = p / q;
    double bound = n * p + 10 * sqrt(n * p * q + 1);

    if (bound > n)
        bound = n;
    for (;;) {
        double x = 0, px = q0, u = lb_rng_uniform(rng);

        while (u > px) {
            x += 1;
            if (x > bound)
                break;
            u -= px;
            px *= (n - x + 1) / x * s;
        }
        if (x <= bound)
            return x;
    }
}

/* Stirling's series correction of ln(k!) beyond (k + 1/2) ln(k + 1) ...,
 * as BTPE's final test uses it (for k + 1 = z). */
static double stirling(double z)
{
    double z2 = z * z;

    return (13680. - (462. - (132. - (99. - 140. / z2) / z2) / z2) / z2) / z /
           166320.;
}

/* Kachitvichyanukul and Schmeiser's BTPE (1988): a triangle, two
 * parallelograms and two exponential tails over the distribution, then a
 * squeeze and an exact test; for n p >= 10 (p <= 1/2). */
static double binomial_btpe(struct lb_rng *rng, double n, double p)
{
    double q = 1 - p, npq = n * p * q, fm = n * p + p, m = floor(fm);
    double p1 = floor(2.195 * sqrt(npq) - 4.6 * q) + 0.5;
    double xm = m + 0.5, xl = xm - p1, xr = xm + p1;
    double c = 0.134 + 20.5 / (15.3 + m), a, laml, lamr, p2, p3, p4;

    a = (fm - xl) / (fm - xl * p);
    laml = a * (1 + a / 2);
    a = (xr - fm) / (xr * q);
    lamr = a * (1 + a / 2);
    p2 = p1 * (1 + 2 * c);
    p3 = p2 + c / laml;
    p4 = p3 + c / lamr;
    for (;;) {
        double u = lb_rng_uniform(rng) * p4, v = lb_rng_uniform(rng), y, k;

        if (u <= p1) /* the triangle: accepted at once */
            return floor(xm - p1 * v + u);
        if (u <= p2) { /* the parallelograms */
            double x = xl + (u - p1) / c;

            v = v * c + 1 - fabs(m - x + 0.5) / p1;
            if (v > 1)
                continue;
            y = floor(x);
        } else if (u <= p3) { /* the left tail */
            y = floor(xl + lb_det_log(v) / laml);
            if (!(y >= 0))
                continue;
            v = v * (u - p2) * laml;
        } else { /* the right tail */
            y = floor(xr - lb_det_log(v) / lamr);
            if (!(y <= n))
                continue;
            v = v * (u - p3) * lamr;
        }
        k = fabs(y - m);
        if (k <= 20 || k >= npq / 2 - 1) {
            /* f(y) / f(m) by the recurrence */
            double s = p / q, aa = s * (n + 1), f = 1, i;

            if (m < y)
                for (i = m + 1; i <= y; i++)
                    f *= aa / i - s;
            else
                for (i = y + 1; i <= m; i++)
                    f /= aa / i - s;
            if (v <= f)
                return y;
            continue;
        }
        {
            /* the squeeze, then the exact test with Stirling's series */
            double rho = (k / npq) * ((k * (k / 3. + 0.625) + 0.1666666666666) /
                                          npq + 0.5);
            double t = -k * k / (2 * npq), A = lb_det_log(v);
            double x1, f1, z, w;

            if (A < t - rho)
                return y;
            if (A > t + rho)
                continue;
            x1 = y + 1;
            f1 = m + 1;
            z = n + 1 - m;
            w = n - y + 1;
            if (A <= xm * lb_det_log(f1 / x1) + (n - m + 0.5) * lb_det_log(z / w) +
                         (y - m) * lb_det_log(w * p / (x1 * q)) + stirling(f1) +
                         stirling(z) + stirling(x1) + stirling(w))
                return y;
        }
    }
}

/* A Binomial(n, p) draw. */
static double binomial(struct lb_rng *rng, double n, double p)
{
    bool flip = p > 0.5;
    double r = flip ? 1 - p : p, x;

    if (n <= 0 || r <= 0)
        return flip ? n : 0;
    x = n * r < BINV_MAX_MEAN ? binomial_inversion(rng, n, r)
                              : binomial_btpe(rng, n, r);
    return flip ? n - x : x;
}

/* One multinomial resample of the K counts c (total N) into out:
 * sequential binomials, each conditioned on the counts before it. */
static void multinomial(struct lb_rng *rng, const double *c, size_t K,
                        double N, double *out)
{
    double left = N, mass = N;
    size_t k;

    for (k = 0; k < K; k++) {
        double x;

        if (left <= 0) {
            out[k] = 0;
            continue;
        }
        x = k + 1 == K || c[k] >= mass ? left : binomial(rng, left, c[k] / mass);
        out[k] = x;
        left -= x;
        mass -= c[k];
    }
}

/* }====================================================================== */

/* {======================================================================
 * Ranks over draws
 * ======================================================================= */

static int cmp_desc(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;

    return (a < b) - (a > b);
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

    return (a > b) - (a < b);
}

static int cmp_dbl(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;

    return (a > b) - (a < b);
}

/* Competition ranks of the m values v (higher first) into r. */
static void competition_ranks(const double *v, size_t m, double *sorted,
                              uint32_t *r)
{
    size_t i;

    memcpy(sorted, v, m * sizeof *sorted);
    qsort(sorted, m, sizeof *sorted, cmp_desc);
    for (i = 0; i < m; i++) {
        /* 1 + the values above v[i]: binary search in the sorted copy */
        size_t lo = 0, hi = m;

        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;

            if (sorted[mid] > v[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        r[i] = (uint32_t)(lo + 1);
    }
}

/* From 'used' draws of the m values (draw-major in vals), the intervals of
 * the models of P (value and rank percentiles, P(rank 1)) and the
 * upper-bound ranks; percentile_values: the value's interval from the
 * draws (bootstrap) rather than given (sandwich). */
static void summarize(struct lb_battles *b, const struct bt_problem *P,
                      const double *vals, size_t used, bool percentile_values)
{
    size_t m = P->m, i, t;
    uint32_t *ranks = xcalloc(used * m + 1, sizeof *ranks);
    uint32_t *col = xcalloc(used + 1, sizeof *col);
    double *sorted = xcalloc(m + 1, sizeof *sorted);
    double *lo = xcalloc(m + 1, sizeof *lo), *hi = xcalloc(m + 1, sizeof *hi);
    uint32_t *ub = xcalloc(m + 1, sizeof *ub);
    size_t plo = (25 * used + 999) / 1000, phi = (975 * used + 999) / 1000;

    plo = plo > 0 ? plo - 1 : 0;
    phi = phi > 0 ? phi - 1 : 0;
    for (t = 0; t < used; t++)
        competition_ranks(vals + t * m, m, sorted, ranks + t * m);
    for (i = 0; i < m; i++) {
        size_t model = P->model[i], first = 0;

        for (t = 0; t < used; t++) {
            col[t] = ranks[t * m + i];
            first += col[t] == 1;
        }
        qsort(col, used, sizeof *col, cmp_u32);
        b->rank_lo[model] = col[plo];
        b->rank_hi[model] = col[phi];
        b->first[model] = (uint32_t)first;
        if (percentile_values) {
            double *v = xcalloc(used + 1, sizeof *v);

            for (t = 0; t < used; t++)
                v[t] = vals[t * m + i];
            qsort(v, used, sizeof *v, cmp_dbl);
            b->lo[model] = lb_battles_quantile(v, used, 0.025);
            b->hi[model] = lb_battles_quantile(v, used, 0.975);
            free(v);
        }
        b->has[model] = true;
        lo[i] = b->lo[model];
        hi[i] = b->hi[model];
    }
    lb_ci_upper_bound_ranks(lo, hi, m, false, ub);
    for (i = 0; i < m; i++)
        b->rank_ub[P->model[i]] = ub[i];
    free(ranks);
    free(col);
    free(sorted);
    free(lo);
    free(hi);
    free(ub);
}

static void alloc_intervals(struct lb_battles *b)
{
    size_t n = b->n + 1;

    b->intervals = true;
    b->has = xcalloc(n, sizeof *b->has);
    b->lo = xcalloc(n, sizeof *b->lo);
    b->hi = xcalloc(n, sizeof *b->hi);
    b->rank_lo = xcalloc(n, sizeof *b->rank_lo);
    b->rank_hi = xcalloc(n, sizeof *b->rank_hi);
    b->rank_ub = xcalloc(n, sizeof *b->rank_ub);
    b->first = xcalloc(n, sizeof *b->first);
}

/* }====================================================================== */

/* {======================================================================
 * The bootstrap
 * ======================================================================= */

/* What every round shares. */
struct boot {
    struct lb_battles *b;
    const struct bt_problem *P;
    const double *theta;   /* the fit on all the counts (warm start) */
    size_t K;              /* buckets: (pair, outcome) with votes */
    uint32_t *slot;        /* bucket -> index in a weight array (3 np) */
    double *count;         /* bucket -> its votes */
    double N;              /* all votes */
    size_t dense_max;
    bool win_rate;
    double *vals;          /* round -> its m values (round-major) */
    bool *ok;              /* round -> it has values */
};

struct boot_thread {
    struct boot *B;
    size_t from, step;     /* rounds from, from + step, ... */
};

/* Whether the models of P are strongly connected by the points of w. */
static bool strongly_connected(const struct bt_problem *P, const double *w)
{
    size_t m = P->m, i, dir;
    size_t *queue = xcalloc(m + 1, sizeof *queue);
    size_t *start = xcalloc(m + 2, sizeof *start), *to, *fill;
    bool *seen = xcalloc(m + 1, sizeof *seen), ok = true;

    for (i = 0; i < P->np; i++) {
        start[P->pairs[i].a + 1]++;
        start[P->pairs[i].b + 1]++;
    }
    for (i = 0; i < m; i++)
        start[i + 1] += start[i];
    to = xcalloc(start[m] + 1, sizeof *to);
    fill = xcalloc(m + 1, sizeof *fill);
    memcpy(fill, start, m * sizeof *fill);
    for (i = 0; i < P->np; i++) {
        to[fill[P->pairs[i].a]++] = i;
        to[fill[P->pairs[i].b]++] = i;
    }
    /* from model 0 along "took points from" (dir 0), then against it */
    for (dir = 0; dir < 2 && ok; dir++) {
        size_t head = 0, tail = 0, e;

        memset(seen, 0, m * sizeof *seen);
        seen[0] = true;
        queue[tail++] = 0;
        while (head < tail) {
            size_t u = queue[head++];

            for (e = start[u]; e < start[u + 1]; e++) {
                const struct bt_pair *p = &P->pairs[to[e]];
                const double *c = &w[3 * to[e]];
                size_t v = p->a == u ? p->b : p->a;
                /* u took points from v: a win of u, or a tie */
                bool u_took = c[1] > 0 || (p->a == u ? c[0] > 0 : c[2] > 0);
                bool v_took = c[1] > 0 || (p->a == u ? c[2] > 0 : c[0] > 0);

                if (seen[v] || !(dir == 0 ? u_took : v_took))
                    continue;
                seen[v] = true;
                queue[tail++] = v;
            }
        }
        ok = tail == m;
    }
    free(queue);
    free(start);
    free(to);
    free(fill);
    free(seen);
    return ok;
}

/* One round: resample, refit (or recount); false when it has no value. */
static bool boot_round(struct boot *B, size_t round, double *w, double *x,
                       double *theta)
{
    const struct bt_problem *P = B->P;
    struct lb_battles_fit fit;
    struct lb_rng rng;
    size_t k, i, m = P->m;
    double *out = B->vals + round * m;

    /* each round its own stream: the same draws whatever the threads */
    lb_rng_seed(&rng, B->b->opts.seed ^ (0x9E3779B97F4A7C15ull * (round + 1)));
    multinomial(&rng, B->count, B->K, B->N, x);
    memset(w, 0, 3 * P->np * sizeof *w);
    for (k = 0; k < B->K; k++)
        w[B->slot[k]] = x[k];
    if (B->win_rate) {
        double *pts = theta, *votes = theta + m;

        memset(pts, 0, 2 * m * sizeof *pts);
        for (i = 0; i < P->np; i++) {
            const double *c = &w[3 * i];
            double n = c[0] + c[1] + c[2];

            pts[P->pairs[i].a] += c[0] + 0.5 * c[1];
            pts[P->pairs[i].b] += c[2] + 0.5 * c[1];
            votes[P->pairs[i].a] += n;
            votes[P->pairs[i].b] += n;
        }
        for (i = 0; i < m; i++) {
            if (!(votes[i] > 0))
                return false;
            out[i] = pts[i] / votes[i];
        }
        return true;
    }
    if (!strongly_connected(P, w))
        return false;
    memcpy(theta, B->theta, m * sizeof *theta);
    if (bt_fit(P, w, theta, B->dense_max, &fit) != 0)
        return false;
    bt_ratings(B->b, P, theta, out);
    return true;
}

static int boot_run(void *arg)
{
    struct boot_thread *T = arg;
    struct boot *B = T->B;
    size_t np = B->P->np, m = B->P->m, r;
    double *w = xcalloc(3 * np + 1, sizeof *w);
    double *x = xcalloc(B->K + 1, sizeof *x);
    double *theta = xcalloc(2 * m + 1, sizeof *theta);

    for (r = T->from; r < B->b->opts.rounds; r += T->step)
        B->ok[r] = boot_round(B, r, w, x, theta);
    free(w);
    free(x);
    free(theta);
    return 0;
}

static int bootstrap(struct lb_battles *b, const struct bt_problem *P,
                     const double *w, const double *theta, bool win_rate,
                     struct lb_error *err)
{
    size_t R = b->opts.rounds, m = P->m, i, k, used = 0;
    unsigned nt = b->opts.threads ? b->opts.threads : MAX_THREADS, t;
    struct boot B;
    struct boot_thread T[MAX_THREADS];
    thrd_t thr[MAX_THREADS];
    bool started[MAX_THREADS] = {false};
    double *vals;

    if (m == 0 || R == 0)
        return 0;
    if (R > LB_BATTLES_MAX_CELLS / m)
        return lb_error_set(err, "%zu bootstrap rounds of %zu models are more "
                                 "than leaderboard keeps (%d values); lower "
                                 LB_OPT("bootstrap"),
                            R, m, LB_BATTLES_MAX_CELLS);
    if (nt > MAX_THREADS)
        nt = MAX_THREADS;
    if (nt > R)
        nt = (unsigned)R;
    memset(&B, 0, sizeof B);
    B.b = b;
    B.P = P;
    B.theta = theta;
    B.win_rate = win_rate;
    B.dense_max = b->opts.dense_max ? b->opts.dense_max : LB_BATTLES_DENSE_MAX;
    B.slot = xcalloc(3 * P->np + 1, sizeof *B.slot);
    B.count = xcalloc(3 * P->np + 1, sizeof *B.count);
    for (i = 0; i < 3 * P->np; i++)
        if (w[i] > 0) {
            B.slot[B.K] = (uint32_t)i;
            B.count[B.K] = w[i];
            B.N += w[i];
            B.K++;
        }
    B.vals = xcalloc(R * m + 1, sizeof *B.vals);
    B.ok = xcalloc(R + 1, sizeof *B.ok);
    for (t = 0; t < nt; t++) {
        T[t].B = &B;
        T[t].from = t;
        T[t].step = nt;
    }
    for (t = 1; t < nt; t++)
        started[t] = thrd_create(&thr[t], boot_run, &T[t]) == thrd_success;
    boot_run(&T[0]);
    for (t = 1; t < nt; t++) {
        if (started[t]) {
            thrd_join(thr[t], NULL);
        } else {
            /* no thread: its rounds here, the same ones */
            boot_run(&T[t]);
        }
    }
    /* the rounds with values, in order */
    vals = xcalloc(R * m + 1, sizeof *vals);
    for (k = 0; k < R; k++)
        if (B.ok[k])
            memcpy(vals + used++ * m, B.vals + k * m, m * sizeof *vals);
    alloc_intervals(b);
    b->rounds_used = used;
    if (used > 0)
        summarize(b, P, vals, used, true);
    free(vals);
    free(B.vals);
    free(B.ok);
    free(B.slot);
    free(B.count);
    return 0;
}

/* }====================================================================== */

/* {======================================================================
 * The sandwich
 * ======================================================================= */

/* A Cholesky factor of a positive semi-definite A in place: a pivot at
 * most tol times the largest diagonal entry makes its column zero. */
static void cholesky_psd(double *A, size_t m)
{
    double big = 0, tol;
    size_t i, j, k;

    for (i = 0; i < m; i++)
        if (A[i * m + i] > big)
            big = A[i * m + i];
    tol = big * 1e-13;
    for (j = 0; j < m; j++) {
        double s = A[j * m + j];

        for (k = 0; k < j; k++)
            s -= A[j * m + k] * A[j * m + k];
        if (!(s > tol)) {
            for (i = j; i < m; i++)
                A[i * m + j] = 0;
            continue;
        }
        s = sqrt(s);
        A[j * m + j] = s;
        for (i = j + 1; i < m; i++) {
            double t = A[i * m + j];

            for (k = 0; k < j; k++)
                t -= A[i * m + k] * A[j * m + k];
            A[i * m + j] = t / s;
        }
    }
    for (i = 0; i < m; i++)
        for (j = i + 1; j < m; j++)
            A[i * m + j] = 0;
}

static int sandwich(struct lb_battles *b, const struct bt_problem *P,
                    const double *w, const double *theta,
                    struct lb_error *err)
{
    size_t m = P->m, i, j, k, D = b->opts.draws;
    double *H, *G, *W, *V, *e, *col, *rat, *vals, *z, top = -HUGE_VAL;
    double c = bt_rating(1), tr = 0;
    size_t a = b->anchor != LB_NPOS_BATTLES ? P->index[b->anchor] : m;
    struct lb_rng rng;

    if (m > LB_BATTLES_DENSE_MAX)
        return lb_error_set(err, LB_OPT("ci") " sandwich: %zu rated models "
                                 "are more than its dense covariance "
                                 "handles (%d); use " LB_OPT("bootstrap"),
                            m, LB_BATTLES_DENSE_MAX);
    if (D > LB_BATTLES_MAX_CELLS / m)
        return lb_error_set(err, "%zu draws of %zu models are more than "
                                 "leaderboard keeps (%d values); lower "
                                 LB_OPT("draws"),
                            D, m, LB_BATTLES_MAX_CELLS);
    H = xcalloc(m * m + 1, sizeof *H);
    G = xcalloc(m * m + 1, sizeof *G);
    W = xcalloc(m * m + 1, sizeof *W);
    V = xcalloc(m * m + 1, sizeof *V);
    e = xcalloc(m + 1, sizeof *e);
    col = xcalloc(m + 1, sizeof *col);
    rat = xcalloc(m + 1, sizeof *rat);
    z = xcalloc(m + 1, sizeof *z);
    for (i = 0; i < m; i++)
        if (theta[i] > top)
            top = theta[i];
    for (i = 0; i < m; i++)
        e[i] = lb_det_exp(theta[i] - top);
    /* H: weights n p (1 - p); G: the squared per-vote residuals */
    for (k = 0; k < P->np; k++) {
        const struct bt_pair *p = &P->pairs[k];
        const double *n = &w[3 * k];
        double pa = e[p->a] / (e[p->a] + e[p->b]);
        double h = (n[0] + n[1] + n[2]) * pa * (1 - pa);
        double g = n[0] * (1 - pa) * (1 - pa) + n[1] * (0.5 - pa) * (0.5 - pa) +
                   n[2] * pa * pa;

        H[p->a * m + p->a] += h;
        H[p->b * m + p->b] += h;
        H[p->a * m + p->b] -= h;
        H[p->b * m + p->a] -= h;
        G[p->a * m + p->a] += g;
        G[p->b * m + p->b] += g;
        G[p->a * m + p->b] -= g;
        G[p->b * m + p->a] -= g;
    }
    bt_definite(H, m);
    if (!bt_factor(H, m)) {
        (void)lb_error_set(err, "the sandwich covariance failed: the Hessian "
                                "is not definite");
        goto out;
    }
    /* W = A^-1 G (column by column), V = W A^-1 = (A^-1 W^T)^T */
    for (j = 0; j < m; j++) {
        for (i = 0; i < m; i++)
            col[i] = G[i * m + j];
        bt_solve(H, m, col);
        for (i = 0; i < m; i++)
            W[i * m + j] = col[i];
    }
    for (j = 0; j < m; j++) {
        for (i = 0; i < m; i++)
            col[i] = W[j * m + i];
        bt_solve(H, m, col);
        for (i = 0; i < m; i++)
            V[i * m + j] = col[i];
    }
    /* symmetric up to rounding: make it exactly so */
    for (i = 0; i < m; i++)
        for (j = i + 1; j < m; j++) {
            double s = 0.5 * (V[i * m + j] + V[j * m + i]);

            V[i * m + j] = V[j * m + i] = s;
        }
    alloc_intervals(b);
    b->se = xcalloc(b->n + 1, sizeof *b->se);
    for (i = 0; i < m; i++)
        rat[i] = b->value[P->model[i]];
    for (i = 0; i < m; i++) {
        double var = V[i * m + i];

        if (a < m)
            var += V[a * m + a] - 2 * V[i * m + a];
        var = var > 0 ? var : 0;
        b->se[P->model[i]] = c * sqrt(var);
        b->lo[P->model[i]] = rat[i] - LB_BATTLES_Z95 * b->se[P->model[i]];
        b->hi[P->model[i]] = rat[i] + LB_BATTLES_Z95 * b->se[P->model[i]];
        tr += V[i * m + i];
    }
    /* draws of N(theta, V): V + (tr / m^2) 1 1^T shifts every draw alike
     * (the ranks do not see it) and makes V definite when G is */
    for (i = 0; i < m * m; i++)
        V[i] += tr / (double)m / (double)m;
    cholesky_psd(V, m);
    vals = xcalloc(D * m + 1, sizeof *vals);
    lb_rng_seed(&rng, b->opts.seed);
    for (k = 0; k < D; k++) {
        double *out = vals + k * m;

        for (i = 0; i < m; i++)
            z[i] = lb_rng_normal(&rng);
        for (i = 0; i < m; i++) {
            double s = 0;

            for (j = 0; j <= i; j++)
                s += V[i * m + j] * z[j];
            out[i] = rat[i] + c * s;
        }
    }
    b->rounds_used = D;
    summarize(b, P, vals, D, false);
    free(vals);
out:
    free(H);
    free(G);
    free(W);
    free(V);
    free(e);
    free(col);
    free(rat);
    free(z);
    return b->intervals ? 0 : -1;
}

/* }====================================================================== */

int bt_intervals(struct lb_battles *b, const struct bt_problem *P,
                 const double *w, const double *theta, struct lb_error *err)
{
    if (b->opts.ci == LB_BATTLES_CI_SANDWICH)
        return sandwich(b, P, w, theta, err);
    return bootstrap(b, P, w, theta, false, err);
}

int win_rate_intervals(struct lb_battles *b, const bool *valued,
                       struct lb_error *err)
{
    struct bt_problem P;
    double *w;
    int rc;

    bt_problem_init(&P, b->data, valued);
    w = bt_weights(&P, b->data);
    rc = bootstrap(b, &P, w, NULL, true, err);
    free(w);
    bt_problem_release(&P);
    return rc;
}
