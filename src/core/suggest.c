#include "core/suggest.h"

const char *lb_table_did_you_mean(struct lb_did_you_mean *out,
                                  const struct lb_table *t, const char *name)
{
    size_t near = lb_table_suggest(t, name);

    return lb_did_you_mean(out, near == LB_NPOS ? NULL : t->cols[near].name);
}

struct some_columns {
    const struct lb_table *t;
    const size_t *cols;
};

static const char *some_column_name(const void *ctx, size_t i)
{
    const struct some_columns *s = ctx;

    return s->t->cols[s->cols[i]].name;
}

const char *lb_columns_did_you_mean(struct lb_did_you_mean *out,
                                    const struct lb_table *t,
                                    const size_t *cols, size_t n,
                                    const char *name)
{
    struct some_columns s = {t, cols};
    size_t near = lb_suggest(name, n, some_column_name, &s);

    return lb_did_you_mean(out, near == LB_SUGGEST_NONE
                                    ? NULL
                                    : t->cols[cols[near]].name);
}
