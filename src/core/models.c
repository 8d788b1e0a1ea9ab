#include "core/models.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "core/board.h"

struct lb_model_slot {
    uint64_t hash;   /* of the name, bit 0: ranked, bit 1 set (0: empty) */
    uint32_t off;    /* the name in the set's names */
    uint32_t len;
};

#define RANKED 1u
#define USED 2u

static uint64_t name_hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;

    for (i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return (h & ~(uint64_t)RANKED) | USED;
}

void lb_model_set_init(struct lb_model_set *s)
{
    memset(s, 0, sizeof *s);
    s->counts.known = true;
}

void lb_model_set_release(struct lb_model_set *s)
{
    free(s->slot);
    lb_buf_release(&s->names);
    s->slot = NULL;
    s->mask = 0;
}

/* Twice the slots, the names placed again. */
static void grow(struct lb_model_set *s)
{
    size_t n = s->slot ? 2 * (s->mask + 1) : 64, i, j;
    struct lb_model_slot *old = s->slot;

    s->slot = xcalloc(n, sizeof *s->slot);
    for (i = 0; old != NULL && i <= s->mask; i++) {
        if (old[i].hash == 0)
            continue;
        for (j = (old[i].hash & ~(uint64_t)RANKED) & (n - 1);
             s->slot[j].hash != 0;
             j = (j + 1) & (n - 1))
            ;
        s->slot[j] = old[i];
    }
    s->mask = n - 1;
    free(old);
}

/* Gives up counting: the names are more than the limits. */
static void overflow(struct lb_model_set *s)
{
    lb_model_set_release(s);
    s->counts.known = false;
    s->counts.models = s->counts.ranked = 0;
}

void lb_model_set_add(struct lb_model_set *s, const char *name, size_t len,
                      bool ranked)
{
    uint64_t h = name_hash(name, len);
    struct lb_model_slot *sl;
    size_t i;

    if (!s->counts.known)
        return;
    if (s->slot == NULL)
        grow(s);
    for (i = h & s->mask; s->slot[i].hash != 0; i = (i + 1) & s->mask) {
        sl = &s->slot[i];
        if ((sl->hash | RANKED) == (h | RANKED) && sl->len == len &&
            memcmp(s->names.data + sl->off, name, len) == 0) {
            if (ranked && !(sl->hash & RANKED)) {
                sl->hash |= RANKED;
                s->counts.ranked++;
            }
            return;
        }
    }
    if (s->counts.models == LB_MODELS_MAX ||
        len > LB_MODELS_BYTES - s->names.len) {
        overflow(s);
        return;
    }
    sl = &s->slot[i];
    sl->hash = h | (ranked ? RANKED : 0);
    sl->off = (uint32_t)s->names.len;
    sl->len = (uint32_t)len;
    lb_buf_add(&s->names, name, len);
    s->counts.models++;
    s->counts.ranked += ranked;
    if (2 * s->counts.models > s->mask) /* at most half full */
        grow(s);
}

void lb_count_models(const struct lb_table *t, const lb_row *rows, size_t n,
                     const uint32_t *rank2, struct lb_model_counts *out)
{
    struct lb_model_set s;
    size_t i, len;

    lb_model_set_init(&s);
    for (i = 0; i < n && s.counts.known; i++) {
        size_t row = rows ? rows[i] : i;
        const char *name = lb_table_model(t, row, &len);

        lb_model_set_add(&s, name, len, rank2 != NULL && rank2[row] != 0);
    }
    *out = s.counts;
    lb_model_set_release(&s);
}

bool lb_models_are_rows(const struct lb_model_counts *m, size_t rows)
{
    return m->known && m->models == rows;
}

void lb_board_models(const struct lb_board *b, struct lb_model_counts *out)
{
    if (b->models_read)
        *out = b->read_models;
    else
        lb_count_models(b->table, NULL, b->table->nrows, b->ranking.rank2,
                        out);
}
