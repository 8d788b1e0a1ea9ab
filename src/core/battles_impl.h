/* battles_impl.h: what battles.c (the ratings), battles_fit.c (the fit)
 * and battles_ci.c (the intervals) share; internal to src/core. */
#ifndef LB_CORE_BATTLES_IMPL_H
#define LB_CORE_BATTLES_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "base/quote.h"
#include "core/battles.h"

/* A pair of the problem: its models' indices in the problem, and the
 * data's pair it comes from. */
struct bt_pair {
    uint32_t a, b; /* a < b as in the data */
    uint32_t src;  /* index in lb_battles_data.pairs */
};

/* The models being fitted (the rated ones) and the pairs between them. */
struct bt_problem {
    size_t m;              /* models */
    uint32_t *index;       /* data model -> problem index, or UINT32_MAX */
    uint32_t *model;       /* problem index -> data model */
    struct bt_pair *pairs;
    size_t np;
};

void bt_problem_init(struct bt_problem *P, const struct lb_battles_data *d,
                     const bool *rated);
void bt_problem_release(struct bt_problem *P);

/* The counts of P's pairs as doubles, three per pair (a won, tie, b won);
 * caller frees. */
double *bt_weights(const struct bt_problem *P,
                   const struct lb_battles_data *d);

/* Fits theta (natural log-strengths, warm start in, mean zero out) to the
 * counts w (three per pair of P) by Newton's method (battles.h). Returns
 * 0, or -1 when a Hessian is not definite (the rated models are not
 * connected in w). */
int bt_fit(const struct bt_problem *P, const double *w, double *theta,
           size_t dense_max, struct lb_battles_fit *fit);

/* Ratings of P's models from theta: 1000 + 400 log10-strength, mean 1000,
 * or shifted so that b's anchor has its rating. */
void bt_ratings(const struct lb_battles *b, const struct bt_problem *P,
                const double *theta, double *out);

/* Rating points from natural-log units and back. */
double bt_rating(double theta);
double bt_theta(double rating);

/* Dense linear algebra (m x m, row-major): makes a Laplacian definite
 * (adds s/m^2 to every entry, s its trace), factors it (Cholesky, false
 * when not definite), solves with the factor in place. */
void bt_definite(double *H, size_t m);
bool bt_factor(double *A, size_t m);
void bt_solve(const double *L, size_t m, double *x);

/* The intervals of b's ratings (opts.ci): bootstrap or sandwich, around
 * theta fitted to w. Returns 0, or -1 with a message in err. */
int bt_intervals(struct lb_battles *b, const struct bt_problem *P,
                 const double *w, const double *theta, struct lb_error *err);

/* The bootstrap intervals of the win rates of the models in 'valued'. */
int win_rate_intervals(struct lb_battles *b, const bool *valued,
                       struct lb_error *err);

#endif
