/* fuzz_battles.c: any bytes as a file of votes (CSV, through the fast path
 * and through the loader, or JSON), then the ratings under options chosen
 * by a hash of the input (method, intervals, ties, precision, top), then
 * the ratings and a matrix in every format. A read may fail, with a
 * terminal-safe message naming the file; the two CSV paths must agree
 * (the same votes, or the same message); what is computed must hold
 * together (a value for every rated model and for no other, ranks in
 * order, intervals around the value) and be written as outcheck.h says. */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "core/battles.h"
#include "export/battles.h"
#include "fuzz.h"
#include "outcheck.h"

#define FUZZ_MAX_INPUT (1u << 20)
#define NAME "fuzz.csv"

/* A message: each of its lines as fuzz_check_message wants one (a --where
 * message shows the expression and a caret on two more lines). */
static void check_message(const char *msg)
{
    char line[LB_ERROR_MAX];
    const char *s = msg;

    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl != NULL ? (size_t)(nl - s) : strlen(s);

        memcpy(line, s, n);
        line[n] = '\0';
        fuzz_check_message(line);
        if (nl == NULL)
            return;
        FUZZ_CHECK(strstr(msg, LB_OPT("where")) != NULL,
                   "a message of several lines: %s", msg);
        s = nl + 1;
    }
}

struct views {
    const struct lb_battles *b;
    enum lb_battles_matrix matrix;
    bool is_matrix;
};

static int build(struct lb_view *v, enum lb_audience a, void *ctx,
                 struct lb_error *err)
{
    const struct views *V = ctx;
    struct lb_battles_source src = {NULL, 0, NULL};

    if (V->is_matrix)
        return lb_view_battles_matrix(v, V->b, &src, V->matrix, a, err);
    return lb_view_battles(v, V->b, &src, a, err);
}

static void check_ratings(const struct lb_battles *b)
{
    const struct lb_ranking *k = &b->ranking;
    size_t i, rated = 0;

    for (i = 0; i < b->n; i++) {
        bool has = !isnan(b->value[i]);

        rated += has;
        FUZZ_CHECK(has == (b->why[i] == LB_WHY_RATED),
                   "model %zu: a value %g, reason %d", i, b->value[i],
                   b->why[i]);
        FUZZ_CHECK(!has || isfinite(b->value[i]), "model %zu: %g", i,
                   b->value[i]);
        if (b->intervals && b->has[i])
            FUZZ_CHECK(b->lo[i] <= b->hi[i] && b->rank_lo[i] <= b->rank_hi[i]
                           && b->rank_ub[i] >= 1,
                       "model %zu: interval [%g, %g], ranks %u-%u", i,
                       b->lo[i], b->hi[i], b->rank_lo[i], b->rank_hi[i]);
    }
    FUZZ_CHECK(rated == b->nrated, "%zu values, %zu rated", rated, b->nrated);
    for (i = 1; i < k->n_listed_ranked; i++)
        FUZZ_CHECK(b->value[k->order[i - 1]] >= b->value[k->order[i]] &&
                       k->rank2[k->order[i - 1]] <= k->rank2[k->order[i]],
                   "the ranking is out of order at %zu", i);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t h = fuzz_hash(data, size);
    struct lb_battles_read_opts ro;
    struct lb_battles_data d, slow;
    struct lb_battles_opts o;
    struct lb_battles b;
    struct lb_error err, eslow;
    struct views V;
    int rc, rs;

    if (size > FUZZ_MAX_INPUT)
        return 0;
    memset(&ro, 0, sizeof ro);
    ro.k = LB_BATTLES_K;
    if ((h >> 1) & 1)
        ro.weight = "n";
    if ((h >> 2) & 1)
        ro.where = "anony";
    lb_battles_opts_init(&o);
    o.method = (enum lb_battles_method)((h >> 3) % 3);
    ro.elo = o.method == LB_BATTLES_ELO;
    if (ro.elo)
        ro.weight = NULL;
    o.ci = o.method == LB_BATTLES_ELO ? LB_BATTLES_CI_NONE
                                      : (enum lb_battles_ci)((h >> 5) % 3);
    if (o.method == LB_BATTLES_WIN_RATE && o.ci == LB_BATTLES_CI_SANDWICH)
        o.ci = LB_BATTLES_CI_BOOTSTRAP;
    o.rounds = 5;
    o.draws = 20;
    o.threads = 1;
    o.rank.ties = (enum lb_ties)((h >> 7) % 5);
    o.rank.precision = (unsigned)((h >> 10) % 19);
    o.rank.top = (size_t)((h >> 15) % 4);
    o.dense_max = (h >> 17) & 1 ? 2 : 0;

    lb_error_init(&err);
    lb_battles_data_init(&d, &ro);
    rc = lb_battles_read_mem(&d, NAME, (const char *)data, size, &err);
    /* the loader's path: the same votes, or the same message */
    ro.no_fast_path = true;
    lb_error_init(&eslow);
    lb_battles_data_init(&slow, &ro);
    rs = lb_battles_read_mem(&slow, NAME, (const char *)data, size, &eslow);
    FUZZ_CHECK(rc == rs && strcmp(err.msg, eslow.msg) == 0,
               "fast path %d '%s', loader %d '%s'", rc, err.msg, rs, eslow.msg);
    if (rc == 0)
        FUZZ_CHECK(d.nmodels == slow.nmodels && d.npairs == slow.npairs &&
                       d.votes == slow.votes && d.rows == slow.rows &&
                       d.filtered == slow.filtered &&
                       d.self_rows == slow.self_rows &&
                       (d.npairs == 0 ||
                        memcmp(d.pairs, slow.pairs,
                               d.npairs * sizeof *d.pairs) == 0),
                   "the two paths read different votes");
    lb_battles_data_release(&slow);
    if (rc != 0) {
        check_message(err.msg);
        FUZZ_CHECK(strncmp(err.msg, NAME, sizeof NAME - 1) == 0 ||
                       strncmp(err.msg, LB_OPT("where"), 7) == 0,
                   "the message does not start with the file name: %s",
                   err.msg);
        lb_battles_data_release(&d);
        return 0;
    }
    if (lb_battles_compute(&b, &d, &o, &err) != 0) {
        check_message(err.msg);
    } else {
        check_ratings(&b);
        V.b = &b;
        V.is_matrix = false;
        fuzz_check_views(build, &V);
        V.is_matrix = true;
        V.matrix = (enum lb_battles_matrix)((h >> 19) % 3);
        fuzz_check_views(build, &V);
    }
    lb_battles_release(&b);
    lb_battles_data_release(&d);
    return 0;
}
