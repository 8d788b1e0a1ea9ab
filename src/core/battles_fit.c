/* battles_fit.c: the Bradley-Terry fit on the rated models (Newton's
 * method, dense or by conjugate gradients), the linear algebra it needs,
 * and ratings from its strengths; used by battles.c (the ratings) and
 * battles_ci.c (each bootstrap sample is fitted again). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/detmath.h"
#include "base/xalloc.h"
#include "core/battles_impl.h"

#define LN10 2.302585092994045684

/* {======================================================================
 * The fit on the rated models
 * ======================================================================= */

void bt_problem_init(struct bt_problem *P, const struct lb_battles_data *d,
                     const bool *rated)
{
    size_t i, k = 0;

    memset(P, 0, sizeof *P);
    P->index = xcalloc(d->nmodels + 1, sizeof *P->index);
    P->model = xcalloc(d->nmodels + 1, sizeof *P->model);
    for (i = 0; i < d->nmodels; i++) {
        P->index[i] = rated[i] ? (uint32_t)k : UINT32_MAX;
        if (rated[i])
            P->model[k++] = (uint32_t)i;
    }
    P->m = k;
    P->pairs = xcalloc(d->npairs + 1, sizeof *P->pairs);
    for (i = 0; i < d->npairs; i++) {
        const struct lb_battle_pair *p = &d->pairs[i];

        if (!rated[p->a] || !rated[p->b])
            continue;
        P->pairs[P->np].a = P->index[p->a];
        P->pairs[P->np].b = P->index[p->b];
        P->pairs[P->np].src = (uint32_t)i;
        P->np++;
    }
}

void bt_problem_release(struct bt_problem *P)
{
    free(P->index);
    free(P->model);
    free(P->pairs);
    memset(P, 0, sizeof *P);
}

double *bt_weights(const struct bt_problem *P, const struct lb_battles_data *d)
{
    double *w = xcalloc(3 * P->np + 1, sizeof *w);
    size_t i;
    int k;

    for (i = 0; i < P->np; i++)
        for (k = 0; k < 3; k++)
            w[3 * i + (size_t)k] = (double)d->pairs[P->pairs[i].src].n[k];
    return w;
}

/* sum over k < n of x[k] * y[k], in four running sums (k mod 4) added
 * at the end in a fixed order: no chain of dependent additions, and the
 * same bits on every machine. */
static double dot(const double *x, const double *y, size_t n)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t k = 0;

    for (; k + 4 <= n; k += 4) {
        s0 += x[k] * y[k];
        s1 += x[k + 1] * y[k + 1];
        s2 += x[k + 2] * y[k + 2];
        s3 += x[k + 3] * y[k + 3];
    }
    for (; k < n; k++)
        s0 += x[k] * y[k];
    return (s0 + s1) + (s2 + s3);
}

/* Cholesky factor of the m x m matrix A (row-major, lower part used) in
 * place; false when it is not positive definite. */
static bool cholesky(double *A, size_t m)
{
    size_t i, j;

    for (j = 0; j < m; j++) {
        double *rj = A + j * m, s = rj[j] - dot(rj, rj, j);

        if (!(s > 0))
            return false;
        s = sqrt(s);
        rj[j] = s;
        for (i = j + 1; i < m; i++) {
            double *ri = A + i * m;

            ri[j] = (ri[j] - dot(ri, rj, j)) / s;
        }
    }
    return true;
}

/* Solves L L^T x = b (L from cholesky) in place of b. */
static void cholesky_solve(const double *L, size_t m, double *x)
{
    size_t i, k;

    for (i = 0; i < m; i++)
        x[i] = (x[i] - dot(L + i * m, x, i)) / L[i * m + i];
    for (i = m; i-- > 0;) {
        double s = x[i];

        for (k = i + 1; k < m; k++)
            s -= L[k * m + i] * x[k];
        x[i] = s / L[i * m + i];
    }
}

bool bt_factor(double *A, size_t m)
{
    return cholesky(A, m);
}

void bt_solve(const double *L, size_t m, double *x)
{
    cholesky_solve(L, m, x);
}

/* e[i] = exp(theta[i] - max theta): strengths relative to the largest */
static double strengths(const double *theta, size_t m, double *e)
{
    double top = -HUGE_VAL;
    size_t i;

    for (i = 0; i < m; i++)
        if (theta[i] > top)
            top = theta[i];
    for (i = 0; i < m; i++)
        e[i] = lb_det_exp(theta[i] - top);
    return top;
}

/* The log-likelihood at theta (e its strengths, top their shift):
 * sum_i points_i theta_i - sum_pairs n_ab (top + ln(e_a + e_b)). */
static double loglik(const struct bt_problem *P, const double *w,
                     const double *theta, const double *e, double top)
{
    double l = 0;
    size_t i;

    for (i = 0; i < P->np; i++) {
        const struct bt_pair *p = &P->pairs[i];
        const double *c = &w[3 * i];
        double n = c[0] + c[1] + c[2];

        if (n == 0)
            continue;
        l += (c[0] + 0.5 * c[1]) * theta[p->a] + (c[2] + 0.5 * c[1]) * theta[p->b];
        l -= n * (top + lb_det_log(e[p->a] + e[p->b]));
    }
    return l;
}

/* The gradient (points won minus expected) into g, the Hessian of the
 * negative log-likelihood into H (m x m, when not NULL), and the largest
 * |g_i| / votes_i; 'votes' per rated model. */
static double gradient(const struct bt_problem *P, const double *w,
                       const double *e, const double *votes, double *g,
                       double *H)
{
    size_t m = P->m, i;
    double worst = 0;

    memset(g, 0, m * sizeof *g);
    if (H != NULL)
        memset(H, 0, m * m * sizeof *H);
    for (i = 0; i < P->np; i++) {
        const struct bt_pair *p = &P->pairs[i];
        const double *c = &w[3 * i];
        double n = c[0] + c[1] + c[2], pa, h;

        if (n == 0)
            continue;
        pa = e[p->a] / (e[p->a] + e[p->b]);
        /* a: points c0 + c1/2, expected n pa */
        g[p->a] += (c[0] + 0.5 * c[1]) - n * pa;
        g[p->b] += (c[2] + 0.5 * c[1]) - n * (1 - pa);
        if (H != NULL) {
            h = n * pa * (1 - pa);
            H[p->a * m + p->a] += h;
            H[p->b * m + p->b] += h;
            H[p->a * m + p->b] -= h;
            H[p->b * m + p->a] -= h;
        }
    }
    for (i = 0; i < m; i++) {
        double r = votes[i] > 0 ? fabs(g[i]) / votes[i] : 0;

        if (r > worst)
            worst = r;
    }
    return worst;
}

/* Makes the Laplacian H definite: H + (s / m) 1 1^T, s its mean diagonal.
 * The mean-zero solution of H x = g (g summing to 0) is unchanged. */
void bt_definite(double *H, size_t m)
{
    double s = 0, add;
    size_t i;

    for (i = 0; i < m; i++)
        s += H[i * m + i];
    add = s / (double)m / (double)m;
    if (!(add > 0))
        add = 1;
    for (i = 0; i < m * m; i++)
        H[i] += add;
}

/* Conjugate gradients with a Jacobi preconditioner for H x = g on
 * mean-zero vectors, H the sparse Laplacian of the pair weights h (per
 * pair, in P's order) and diag its diagonal: a fixed number of steps or a
 * relative residual of 1e-10. */
static void cg_solve(const struct bt_problem *P, const double *h,
                     const double *diag, const double *g, double *x)
{
    size_t m = P->m, i, it;
    double *r = xcalloc(m + 1, sizeof *r), *z = xcalloc(m + 1, sizeof *z);
    double *q = xcalloc(m + 1, sizeof *q), *Aq = xcalloc(m + 1, sizeof *Aq);
    double rz, r0 = 0, rr;

    for (i = 0; i < m; i++) {
        x[i] = 0;
        r[i] = g[i];
        r0 += g[i] * g[i];
        z[i] = diag[i] > 0 ? r[i] / diag[i] : r[i];
    }
    /* keep z mean-zero: the preconditioned direction stays in the range */
    {
        double mean = 0;

        for (i = 0; i < m; i++)
            mean += z[i];
        mean /= (double)m;
        for (i = 0; i < m; i++)
            z[i] -= mean;
    }
    memcpy(q, z, m * sizeof *q);
    rz = 0;
    for (i = 0; i < m; i++)
        rz += r[i] * z[i];
    for (it = 0; it < 10 * m + 100 && r0 > 0; it++) {
        double qAq = 0, alpha, rz2 = 0, beta, mean = 0;

        memset(Aq, 0, m * sizeof *Aq);
        for (i = 0; i < P->np; i++) {
            const struct bt_pair *p = &P->pairs[i];
            double t = h[i] * (q[p->a] - q[p->b]);

            Aq[p->a] += t;
            Aq[p->b] -= t;
        }
        for (i = 0; i < m; i++)
            qAq += q[i] * Aq[i];
        if (!(qAq > 0))
            break;
        alpha = rz / qAq;
        rr = 0;
        for (i = 0; i < m; i++) {
            x[i] += alpha * q[i];
            r[i] -= alpha * Aq[i];
            rr += r[i] * r[i];
        }
        if (rr <= 1e-20 * r0)
            break;
        for (i = 0; i < m; i++) {
            z[i] = diag[i] > 0 ? r[i] / diag[i] : r[i];
            mean += z[i];
        }
        mean /= (double)m;
        for (i = 0; i < m; i++) {
            z[i] -= mean;
            rz2 += r[i] * z[i];
        }
        beta = rz2 / rz;
        rz = rz2;
        for (i = 0; i < m; i++)
            q[i] = z[i] + beta * q[i];
    }
    free(r);
    free(z);
    free(q);
    free(Aq);
}

int bt_fit(const struct bt_problem *P, const double *w, double *theta,
           size_t dense_max, struct lb_battles_fit *fit)
{
    size_t m = P->m, i;
    bool dense = m <= dense_max, have_l = false;
    double *e = xcalloc(m + 1, sizeof *e), *en = xcalloc(m + 1, sizeof *en);
    double *g = xcalloc(m + 1, sizeof *g), *gn = xcalloc(m + 1, sizeof *gn);
    double *votes = xcalloc(m + 1, sizeof *votes);
    double *step = xcalloc(m + 1, sizeof *step);
    double *next = xcalloc(m + 1, sizeof *next);
    double *H = dense ? xcalloc(m * m + 1, sizeof *H) : NULL;
    double *Hn = dense ? xcalloc(m * m + 1, sizeof *Hn) : NULL;
    double *h = dense ? NULL : xcalloc(P->np + 1, sizeof *h);
    double *diag = dense ? NULL : xcalloc(m + 1, sizeof *diag);
    double top, l = 0, worst, *swap;
    unsigned it;
    int rc = 0;

    for (i = 0; i < P->np; i++) {
        double n = w[3 * i] + w[3 * i + 1] + w[3 * i + 2];

        votes[P->pairs[i].a] += n;
        votes[P->pairs[i].b] += n;
    }
    fit->algorithm = dense ? "newton (cholesky)" : "newton (conjugate gradients)";
    fit->tolerance = LB_BATTLES_TOL;
    top = strengths(theta, m, e);
    worst = gradient(P, w, e, votes, g, H);
    for (it = 0; worst > LB_BATTLES_TOL && it < LB_BATTLES_MAX_ITER; it++) {
        double t = 1, mean = 0, gain = 0, nworst = 0, ntop = 0, nl = 0;
        bool nl_known = false;
        int halvings;

        if (dense) {
            memcpy(step, g, m * sizeof *step);
            bt_definite(H, m);
            if (!cholesky(H, m)) {
                rc = -1;
                break;
            }
            cholesky_solve(H, m, step);
        } else {
            for (i = 0; i < m; i++)
                diag[i] = 0;
            for (i = 0; i < P->np; i++) {
                const struct bt_pair *p = &P->pairs[i];
                const double *c = &w[3 * i];
                double n = c[0] + c[1] + c[2];
                double pa = e[p->a] / (e[p->a] + e[p->b]);

                h[i] = n * pa * (1 - pa);
                diag[p->a] += h[i];
                diag[p->b] += h[i];
            }
            cg_solve(P, h, diag, g, step);
        }
        for (i = 0; i < m; i++)
            mean += step[i];
        mean /= (double)m;
        for (i = 0; i < m; i++) {
            step[i] -= mean;
            gain += g[i] * step[i];
        }
        /* Halve the step until the likelihood grows. The likelihood is
         * concave along the step: where its slope at the end is still
         * positive it grew, and no logarithm is needed; otherwise compare
         * the likelihoods. A full step whose predicted gain (g . step / 2)
         * is below what the likelihood's doubles resolve is taken as it
         * is: there Newton's steps shrink quadratically, and the
         * likelihood can only say "equal". */
        for (halvings = 0; halvings < 40; halvings++, t *= 0.5) {
            double slope;

            for (i = 0; i < m; i++)
                next[i] = theta[i] + t * step[i];
            ntop = strengths(next, m, en);
            nworst = gradient(P, w, en, votes, gn, Hn);
            slope = dot(gn, step, m);
            nl_known = false;
            if (slope >= 0)
                break;
            if (!have_l) {
                l = loglik(P, w, theta, e, top);
                have_l = true;
            }
            nl = loglik(P, w, next, en, ntop);
            nl_known = true;
            if (nl >= l || (halvings == 0 && gain <= 1e-9 * (fabs(l) + 1)))
                break;
        }
        if (halvings == 40) /* no step improves it: as close as doubles get */
            break;
        memcpy(theta, next, m * sizeof *theta);
        swap = e, e = en, en = swap;
        swap = g, g = gn, gn = swap;
        swap = H, H = Hn, Hn = swap;
        worst = nworst;
        top = ntop;
        l = nl;
        have_l = nl_known;
    }
    fit->iterations = it;
    fit->gradient = worst;
    fit->converged = rc == 0 && worst <= LB_BATTLES_TOL;
    free(e);
    free(en);
    free(g);
    free(gn);
    free(votes);
    free(step);
    free(next);
    free(H);
    free(Hn);
    free(h);
    free(diag);
    return rc;
}

/* }====================================================================== */

/* {======================================================================
 * Ratings from strengths
 * ======================================================================= */

double bt_rating(double theta)
{
    return LB_BATTLES_SCALE / LN10 * theta;
}

double bt_theta(double rating)
{
    return rating * (LN10 / LB_BATTLES_SCALE);
}

/* Sets every rated model's value to its rating, from theta (mean-zero
 * over the rated models) and the anchor. */
void bt_ratings(const struct lb_battles *b, const struct bt_problem *P,
                const double *theta, double *out)
{
    size_t i;
    double shift = LB_BATTLES_MEAN, mean = 0;

    for (i = 0; i < P->m; i++)
        mean += theta[i];
    mean /= (double)P->m;
    if (b->anchor != LB_NPOS_BATTLES)
        shift = b->opts.anchor_rating -
                bt_rating(theta[P->index[b->anchor]] - mean);
    for (i = 0; i < P->m; i++)
        out[i] = shift + bt_rating(theta[i] - mean);
}

/* }====================================================================== */
