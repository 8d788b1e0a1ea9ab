/* battles.h: ratings from votes (core/battles.h) as table views.
 *
 * The ranking: Rank, Model, the rating (Rating, Elo or Win rate), with
 * intervals CI low, CI high, Rank low, Rank high, UB rank, P(rank 1), then
 * the votes: Battles, Wins, Ties, Losses; for people a Note on the models
 * without a rating, for JSON a "reason" (and "se" with the sandwich). JSON
 * says before the rows what was computed: the method, the fit's
 * convergence (iterations, gradient), the intervals (method, rounds, seed).
 *
 * The matrices (--matrix): a row per listed model, a column per listed
 * opponent: the observed win rate (a tie 1/2), the win probability the
 * ratings predict, or the number of votes between the two. */
#ifndef LB_EXPORT_BATTLES_H
#define LB_EXPORT_BATTLES_H

#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"
#include "core/battles.h"
#include "export/view.h"

enum lb_battles_matrix {
    LB_MATRIX_OBSERVED,  /* points of the row's model against the
                            column's, over their votes */
    LB_MATRIX_PREDICTED, /* P(row beats column) from the ratings */
    LB_MATRIX_COUNT      /* votes between them */
};
#define LB_MATRIX_KINDS 3

/* Where the votes come from, for titles: the files read. */
struct lb_battles_source {
    const char *const *files; /* as the user named them */
    size_t nfiles;
    const char *where;        /* --where, or NULL */
};

/* Builds the view of b (which, with src, must outlive it) for audience a.
 * Returns 0, or -1 with a message in err. Release v with lb_view_release
 * in both cases. */
int lb_view_battles(struct lb_view *v, const struct lb_battles *b,
                    const struct lb_battles_source *src, enum lb_audience a,
                    struct lb_error *err);

/* The same for matrix kind k of the listed models. */
int lb_view_battles_matrix(struct lb_view *v, const struct lb_battles *b,
                           const struct lb_battles_source *src,
                           enum lb_battles_matrix k, enum lb_audience a,
                           struct lb_error *err);

/* Parses a matrix kind ("observed", "predicted", "count"); false when
 * unknown. */
bool lb_battles_matrix_parse(const char *s, enum lb_battles_matrix *out);
const char *lb_battles_matrix_name(enum lb_battles_matrix k);

/* What the ratings are, one line without its '\n': "Bradley-Terry
 * ratings of 5 models from 16 votes (simple.csv): ...". */
void lb_battles_title(const struct lb_battles *b,
                      const struct lb_battles_source *src, struct lb_buf *out);

/* The rating's name for people ("Rating", "Elo", "Win rate"). */
const char *lb_battles_value_name(const struct lb_battles *b);

#endif
