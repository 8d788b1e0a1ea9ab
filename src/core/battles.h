/* battles.h: ratings from pairwise votes (README "The rules", Arena
 * ratings; RULES.md section 8).
 *
 * Input: one vote per row, two models and the winner (Chatbot Arena's
 * model_a, model_b, winner in model_a | model_b | tie | tie (bothbad)),
 * from CSV (the score-file loader, core/table.h, calls us for each row and
 * keeps none; a plain file, without quotes or CRs, is split at its commas
 * without libcsv, the same way) or from FastChat's JSON battle files (a
 * JSON list, or JSON lines, of objects), read in blocks. Model names are interned (one copy
 * per model, a hash map from name to number) and each vote is counted at
 * once into its pair's counts, so memory holds the models and the pairs
 * that met, never the votes: reading 10^7 votes takes the memory of 10^3.
 * Only online Elo in another order than the file's (lb_battles_opts.order)
 * keeps a 24-byte record per vote, to sort them.
 *
 * Methods (lb_battles_compute):
 *   - Bradley-Terry (bt): P(a beats b) = 1 / (1 + 10^((R_b - R_a) / 400)),
 *     a tie half a win for each side, the maximum-likelihood ratings of the
 *     pair counts, R = 1000 + 400 log10-strength with the mean over the
 *     rated models at 1000 (or an anchor model at a given rating). Fitted
 *     by Newton's method on theta = ln-strength (a Cholesky solve of the
 *     Hessian made definite by 11^T/m, which leaves the mean-zero step
 *     unchanged; conjugate gradients for more than LB_BATTLES_DENSE_MAX
 *     models), each step halved until the likelihood grows, until every
 *     model's gradient (points won minus points expected) is at most
 *     LB_BATTLES_TOL times its number of votes.
 *   - online Elo (elo): in file order (or by a numeric column), initial
 *     1000, E_a = 1 / (1 + 10^((R_b - R_a) / 400)), R_a += K (S_a - E_a),
 *     R_b -= K (S_a - E_a), K = 4 by default.
 *   - win-rate: a model's points (wins + ties / 2) over its votes.
 * Exponentials and logarithms come from base/detmath.h and every sum runs
 * in a fixed order: the same input gives the same bits on every machine.
 *
 * Which models get a Bradley-Terry rating: the maximum exists, finite, only
 * within a part of the comparison graph where every model can be reached
 * from every other through points taken (a win, or a tie, which gives
 * points both ways): a strongly connected component of the graph with an
 * edge a -> b when a took points from b (Zermelo 1929, Ford 1957). The
 * rated models are the largest such component of the largest connected
 * part (most models, then most votes, then first seen), if it has two
 * models or more; every other model gets a reason instead of a number
 * (enum lb_battles_why). Elo and win-rate rate every model with a vote.
 *
 * Uncertainty:
 *   - bootstrap: R rounds, each a multinomial resample of the counts of the
 *     unique (pair, outcome) triples (as FastChat's compute_bootstrap_bt),
 *     drawn by sequential binomials (inversion for small means, BTPE
 *     otherwise) from xoshiro256** seeded with (seed, round); the rating
 *     refitted (warm-started); a round in which the rated models are no
 *     longer strongly connected has no finite maximum and is not used
 *     (counted). CI: the 2.5th and 97.5th percentiles of the ratings,
 *     linearly interpolated (numpy's default, as FastChat); rank interval:
 *     the 2.5th and 97.5th nearest-rank percentiles of the ranks
 *     (competition, on exact values); P(rank 1): the share of rounds that
 *     rank the model first.
 *   - sandwich (bt): the covariance H^+ G H^+ of theta (H the Hessian of
 *     the negative log-likelihood, G the sum of the outer products of the
 *     per-vote gradients, ^+ the pseudo-inverse on mean-zero vectors, as
 *     arena-rank without its ridge), the rating +- 1.959964 standard
 *     errors; rank interval and P(rank 1) from 'draws' draws of the normal
 *     N(theta, H^+ G H^+).
 *   - UB rank (FastChat, Arena's "Rank (UB)"): 1 + #{j : lo_j > hi_i}.
 * Core never prints: messages go into struct lb_error, options named as
 * LB_OPT("name"). */
#ifndef LB_CORE_BATTLES_H
#define LB_CORE_BATTLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "core/rank.h"

#define LB_BATTLES_NAME_MAX 1024   /* bytes of a model name, at most */
#define LB_BATTLES_SCALE 400.0     /* rating points per factor 10 of odds */
#define LB_BATTLES_MEAN 1000.0     /* the mean (or Elo's initial) rating */
#define LB_BATTLES_K 4.0           /* Elo's default K */
#define LB_BATTLES_TOL 1e-12       /* |gradient| / votes of every model */
#define LB_BATTLES_MAX_ITER 100    /* Newton iterations at most */
#define LB_BATTLES_DENSE_MAX 1000  /* rated models solved by Cholesky; more
                                      by conjugate gradients */
#define LB_BATTLES_ROUNDS 100      /* bootstrap rounds (FastChat's) */
#define LB_BATTLES_DRAWS 1000      /* normal draws of the sandwich */
#define LB_BATTLES_SEED 1          /* default seed */
#define LB_BATTLES_MAX_CELLS 50000000 /* rounds x rated models kept */
#define LB_BATTLES_MAX_VOTES 9007199254740992ull /* 2^53: votes, at most */
#define LB_BATTLES_Z95 1.959963984540054 /* 97.5th percentile of N(0, 1) */

/* {======================================================================
 * Reading votes
 * ======================================================================= */

enum lb_outcome {
    LB_OUT_A,   /* the first model (model_a) won */
    LB_OUT_TIE, /* a tie: half a point each */
    LB_OUT_B    /* the second model won */
};

/* A pair of models that met: a < b (model numbers), and its votes. */
struct lb_battle_pair {
    uint32_t a, b;
    uint64_t n[3]; /* votes that a won, tied, b won (enum lb_outcome, seen
                      from a) */
};

/* One vote kept in order (online Elo by a column). */
struct lb_battle_rec {
    double key;      /* the order column's value */
    uint64_t votes;  /* the row's votes */
    uint32_t a, b;   /* as given (model_a, model_b) */
    uint8_t outcome; /* enum lb_outcome, seen from a */
};

struct lb_battles_read_opts {
    const char *col_a;      /* the columns (CSV) or keys (JSON) of the two */
    const char *col_b;      /* models and of the winner; NULL: model_a, */
    const char *col_winner; /* model_b, winner */
    const char *where;      /* --where EXPR (core/filter.h), or NULL */
    const char *weight;     /* a column of whole numbers: each row stands
                               for that many votes; NULL: one each */
    bool elo;               /* run online Elo while reading (file order) */
    double k;               /* its K */
    const char *order;      /* instead, keep the votes and order them by
                               this numeric column (lb_battles_compute) */
    bool no_fast_path;      /* CSV through the loader even when plain
                               (tests: both paths read the same) */
};

/* Everything read, summed over the files read into it. */
struct lb_battles_data {
    struct lb_battles_read_opts opts; /* as given (strings not copied) */
    /* models, numbered in order of first appearance */
    size_t nmodels, capmodels;
    char *names;          /* every name, NUL-terminated (owned) */
    size_t names_len, names_cap;
    uint64_t *name_off;   /* model -> offset of its name in names (owned) */
    uint32_t *name_len;   /* model -> its length (owned) */
    uint64_t *name_hash;  /* model -> hash of its name (owned) */
    uint32_t *slots;      /* the name map: model + 1, or 0 (owned) */
    size_t nslots;
    uint64_t *won, *tied, *lost; /* model -> its votes by outcome (owned) */
    /* pairs that met */
    struct lb_battle_pair *pairs; /* (owned) */
    size_t npairs, cappairs;
    uint32_t *pair_slots; /* the pair map: pair + 1, or 0 (owned) */
    size_t npair_slots;
    /* online Elo in file order (opts.elo) */
    double *elo;          /* model -> rating (owned) */
    /* votes kept in order (opts.order) */
    struct lb_battle_rec *recs; /* (owned) */
    size_t nrecs, caprecs;
    /* counts */
    uint64_t rows;        /* rows read (battles before --where) */
    uint64_t filtered;    /* rows --where left out */
    uint64_t votes;       /* votes counted (rows times weights) */
    uint64_t bothbad;     /* of the tied votes, "tie (bothbad)" */
    uint64_t self_rows;   /* rows of a model against itself: skipped */
    char *self_where;     /* the first one: "FILE:LINE" (owned) */
    uint64_t zero_rows;   /* rows of weight 0 */
    size_t nfiles;        /* files read */
};

void lb_battles_data_init(struct lb_battles_data *d,
                          const struct lb_battles_read_opts *o);
void lb_battles_data_release(struct lb_battles_data *d);

/* Reads the votes of 'path' ("-": standard input) into d: CSV (RFC 4180,
 * through lb_table_load) unless its first byte that is not a space (after
 * a byte order mark) is '[' (a JSON list of battles) or '{' (JSON lines).
 * A winner is model_a, model_b, tie or tie (bothbad), or left, right, a,
 * b, draw (any letter case), or the name of one of the two models; a
 * self-battle (the same model twice) is counted in d->self_rows and
 * skipped. Returns 0, or -1 with a message in err naming the file, the
 * line (or the JSON index) and the value: a column or key that is not
 * there, a winner that is none of those (or both, ambiguously), an empty
 * or too long (LB_BATTLES_NAME_MAX) model name, a weight that is not a
 * whole number, JSON that is not a list of battles, a file without votes.
 * After an error d holds part of the file: release it. */
int lb_battles_read(struct lb_battles_data *d, const char *path,
                    struct lb_error *err);

/* The same from memory (name for messages; JSON or CSV as above). */
int lb_battles_read_mem(struct lb_battles_data *d, const char *name,
                        const char *data, size_t len, struct lb_error *err);

/* Model i's name (NUL-terminated) and length. */
static inline const char *lb_battles_name(const struct lb_battles_data *d,
                                          size_t i, size_t *len)
{
    if (len != NULL)
        *len = d->name_len[i];
    return d->names + d->name_off[i];
}

/* The model named s, or LB_NPOS_BATTLES. */
#define LB_NPOS_BATTLES ((size_t)-1)
size_t lb_battles_find(const struct lb_battles_data *d, const char *s,
                       size_t len);

/* The pair of models i and j (either order), or NULL when they never met;
 * *flip is set when i is the pair's b. */
const struct lb_battle_pair *lb_battles_pair(const struct lb_battles_data *d,
                                             size_t i, size_t j, bool *flip);

/* }====================================================================== */

/* {======================================================================
 * Ratings
 * ======================================================================= */

enum lb_battles_method {
    LB_BATTLES_BT,       /* Bradley-Terry maximum likelihood */
    LB_BATTLES_ELO,      /* online Elo */
    LB_BATTLES_WIN_RATE  /* points over votes */
};
#define LB_BATTLES_METHOD_COUNT 3

enum lb_battles_ci {
    LB_BATTLES_CI_NONE,
    LB_BATTLES_CI_BOOTSTRAP, /* multinomial resamples of the counts */
    LB_BATTLES_CI_SANDWICH   /* H^+ G H^+, bt only */
};

/* Why a model has no rating. */
enum lb_battles_why {
    LB_WHY_RATED,        /* it has one */
    LB_WHY_NO_VOTES,     /* it only met itself */
    LB_WHY_NEVER_LOST,   /* won every vote: its rating would be infinite */
    LB_WHY_NEVER_WON,    /* lost every vote */
    LB_WHY_ABOVE,        /* never lost to the rated models, directly or
                            through others: no finite rating */
    LB_WHY_BELOW,        /* never beat them, directly or through others */
    LB_WHY_APART,        /* linked to them only through unrated models */
    LB_WHY_OTHER_PART,   /* no votes link it to them at all */
    LB_WHY_TOO_FEW       /* the largest strongly connected part has one
                            model: nobody can be rated */
};

struct lb_battles_opts {
    enum lb_battles_method method;
    double k;               /* elo: K (when computed here, --order) */
    const char *anchor;     /* bt, elo: the model whose rating is fixed, or
                               NULL: the mean of the rated models is 1000
                               (bt), Elo as computed */
    double anchor_rating;
    enum lb_battles_ci ci;
    size_t rounds;          /* bootstrap rounds */
    size_t draws;           /* sandwich: normal draws for the ranks */
    uint64_t seed;
    struct lb_rank_opts rank; /* ties, precision, top (ascending unused) */
    unsigned threads;       /* bootstrap threads: 0 the default (2), 1 none
                               (the same bytes either way) */
    size_t dense_max;       /* 0: LB_BATTLES_DENSE_MAX (tests lower it) */
};

void lb_battles_opts_init(struct lb_battles_opts *o);

struct lb_battles_fit {
    const char *algorithm; /* "newton (cholesky)", "newton (cg)", "online",
                              "counting" */
    unsigned iterations;   /* Newton iterations */
    double gradient;       /* max over rated models of |gradient| / votes */
    double tolerance;      /* LB_BATTLES_TOL */
    bool converged;        /* gradient <= tolerance */
};

struct lb_battles {
    const struct lb_battles_data *data; /* not owned */
    struct lb_battles_opts opts;        /* a copy */
    size_t n;             /* models (data->nmodels) */
    size_t nrated;        /* models with a value */
    size_t anchor;        /* the anchor's model number, or LB_NPOS_BATTLES */
    double *value;        /* model -> rating (or win rate); NaN: none */
    uint8_t *why;         /* model -> enum lb_battles_why */
    size_t nparts;        /* connected parts of the comparison graph */
    struct lb_battles_fit fit;
    struct lb_ranking ranking; /* order (rated in rank order, then the
                                  others in order of first appearance;
                                  --top keeps the first ones) and rank2 */
    uint64_t outcomes;    /* unique (pair, outcome) triples with votes */
    /* uncertainty, per model (rated ones with has[] set) */
    bool intervals;       /* computed */
    bool *has;
    double *lo, *hi;      /* the value's 95% interval */
    uint32_t *rank_lo, *rank_hi, *rank_ub;
    uint32_t *first;      /* rounds (draws) that ranked it first */
    size_t rounds_used;   /* bootstrap rounds with a finite maximum (or
                             sandwich draws) */
    double *se;           /* sandwich: the rating's standard error */
};

/* Computes the ratings of d as o says. Returns 0, or -1 with a message in
 * err (an anchor that is not a rated model, too many rounds for the
 * models, a method the intervals do not support). Release *b with
 * lb_battles_release in both cases. */
int lb_battles_compute(struct lb_battles *b, const struct lb_battles_data *d,
                       const struct lb_battles_opts *o, struct lb_error *err);

void lb_battles_release(struct lb_battles *b);

/* Lists only the first 'top' rated models of b (and those tied with the
 * last of them), and no unrated one; 0 lists them all again. b's charts
 * see the whole ranking first. */
void lb_battles_top(struct lb_battles *b, size_t top);

/* Appends why model i has no rating ("never lost (won all 3 votes): no
 * finite rating"). */
void lb_battles_reason(const struct lb_battles *b, size_t i,
                       struct lb_buf *out);

/* The Bradley-Terry (or Elo) probability that i beats j from their
 * ratings; NaN when either has none. */
double lb_battles_predict(const struct lb_battles *b, size_t i, size_t j);

/* Parses a method name ("bt", "elo", "win-rate"); false when unknown. */
bool lb_battles_method_parse(const char *s, enum lb_battles_method *out);
const char *lb_battles_method_name(enum lb_battles_method m);

/* The percentile q (0..1) of v[0..n) sorted ascending, linearly
 * interpolated between the two nearest (numpy's default). */
double lb_battles_quantile(const double *v, size_t n, double q);

/* }====================================================================== */

#endif
