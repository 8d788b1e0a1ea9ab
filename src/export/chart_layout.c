/* chart_layout.c: shortening names, choosing a value axis, placing labels
 * (see chart_layout.h). */
#include "export/chart_layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "export/gp_quote.h"

/* {======================================================================
 * Names
 * ======================================================================= */

#define ELLIPSIS "\xe2\x80\xa6" /* U+2026, one character */
#define MIN_CHARS 8

/* A name made fit for a label, and where each of its characters starts. */
struct name {
    char *s;      /* (owned) */
    size_t len;   /* bytes */
    size_t *at;   /* at[k]: byte offset of character k; at[nchars] = len */
    size_t nchars;
};

static void name_init(struct name *m, const char *s, size_t len)
{
    struct lb_buf b = LB_BUF_INIT;
    size_t i, k = 0;

    lb_gp_text(&b, s, len, 0);
    m->len = b.len;
    m->s = b.data != NULL ? b.data : xstrdup("");
    m->at = xcalloc(m->len + 2, sizeof *m->at);
    for (i = 0; i < m->len;) {
        uint32_t cp;
        size_t n = lb_utf8_decode(m->s + i, m->len - i, &cp);

        m->at[k++] = i;
        i += n == 0 ? 1 : n;
    }
    m->at[k] = m->len;
    m->nchars = k;
}

/* Characters [from, to) of m. */
static void put_chars(struct lb_buf *out, const struct name *m, size_t from,
                      size_t to)
{
    if (to > m->nchars)
        to = m->nchars;
    if (from < to)
        lb_buf_add(out, m->s + m->at[from], m->at[to] - m->at[from]);
}

/* head characters, "…", tail characters (head + tail + 1 <= nchars). */
static char *cut_ends(const struct name *m, size_t head, size_t tail)
{
    struct lb_buf b = LB_BUF_INIT;

    put_chars(&b, m, 0, head);
    lb_buf_adds(&b, ELLIPSIS);
    put_chars(&b, m, m->nchars - tail, m->nchars);
    return b.data;
}

/* head characters, "…", a window of characters from 'from', "…", tail
 * characters: the window shows the part where two names differ. */
static char *cut_window(const struct name *m, size_t max, size_t from)
{
    struct lb_buf b = LB_BUF_INIT;
    size_t head = max / 4, tail = max / 4, win = max - head - tail - 2;

    if (from < head)
        from = head;
    if (from + win > m->nchars - tail)
        from = m->nchars - tail - win;
    put_chars(&b, m, 0, head);
    lb_buf_adds(&b, ELLIPSIS);
    put_chars(&b, m, from, from + win);
    lb_buf_adds(&b, ELLIPSIS);
    put_chars(&b, m, m->nchars - tail, m->nchars);
    return b.data;
}

/* Characters that m and o share at the start, and at the end. */
static size_t common_head(const struct name *m, const struct name *o)
{
    size_t k = 0;

    while (k < m->nchars && k < o->nchars &&
           m->at[k + 1] - m->at[k] == o->at[k + 1] - o->at[k] &&
           memcmp(m->s + m->at[k], o->s + o->at[k], m->at[k + 1] - m->at[k]) == 0)
        k++;
    return k;
}

static size_t common_tail(const struct name *m, const struct name *o)
{
    size_t k = 0;

    while (k < m->nchars && k < o->nchars) {
        size_t i = m->nchars - 1 - k, j = o->nchars - 1 - k;
        size_t n = m->at[i + 1] - m->at[i];

        if (n != o->at[j + 1] - o->at[j] ||
            memcmp(m->s + m->at[i], o->s + o->at[j], n) != 0)
            break;
        k++;
    }
    return k;
}

struct slot {
    const char *label;
    size_t i;
};

static int cmp_slot(const void *a, const void *b)
{
    const struct slot *x = a, *y = b;
    int c = strcmp(x->label, y->label);

    return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

/* Indices whose label equals another's while the names differ: marks
 * clash[i]; returns how many. */
static size_t find_clashes(struct name *nm, char **out, size_t n, bool *clash)
{
    struct slot *s = xcalloc(n + 1, sizeof *s);
    size_t i, j, k = 0;

    for (i = 0; i < n; i++) {
        s[i].label = out[i];
        s[i].i = i;
        clash[i] = false;
    }
    qsort(s, n, sizeof *s, cmp_slot);
    for (i = 0; i < n; i = j) {
        for (j = i + 1; j < n && strcmp(s[j].label, s[i].label) == 0; j++)
            ;
        if (j - i < 2)
            continue;
        /* a run of equal labels: a clash when the names differ */
        {
            size_t a, b;

            for (a = i; a < j; a++)
                for (b = i; b < j && !clash[s[a].i]; b++) {
                    const struct name *x = &nm[s[a].i], *y = &nm[s[b].i];

                    if (x->len != y->len || memcmp(x->s, y->s, x->len) != 0)
                        clash[s[a].i] = true;
                }
        }
    }
    for (i = 0; i < n; i++)
        k += clash[i];
    free(s);
    return k;
}

/* Among the names whose labels equal label i's (and differ from name i),
 * the longest shared head and tail. */
static void clash_extent(struct name *nm, char **out, size_t n, size_t i,
                         size_t *head, size_t *tail)
{
    size_t j;

    *head = 0;
    *tail = 0;
    for (j = 0; j < n; j++) {
        size_t h, t;

        if (j == i || strcmp(out[j], out[i]) != 0 ||
            (nm[j].len == nm[i].len &&
             memcmp(nm[j].s, nm[i].s, nm[i].len) == 0))
            continue;
        h = common_head(&nm[i], &nm[j]);
        t = common_tail(&nm[i], &nm[j]);
        *head = h > *head ? h : *head;
        *tail = t > *tail ? t : *tail;
    }
}

void lb_chart_shorten(const char *const *names, const size_t *lens, size_t n,
                      size_t max, char **out)
{
    struct name *nm = xcalloc(n + 1, sizeof *nm);
    bool *clash = xcalloc(n + 1, sizeof *clash);
    char **again = xcalloc(n + 1, sizeof *again);
    size_t i, pass;

    if (max < MIN_CHARS)
        max = MIN_CHARS;
    /* first: the head and the tail, the tail about 2/5 (a model's
     * distinguishing suffix: "-Instruct", "_v1.0_safetensor") */
    for (i = 0; i < n; i++) {
        name_init(&nm[i], names[i], lens[i]);
        if (nm[i].nchars <= max)
            out[i] = xstrdup(nm[i].s);
        else
            out[i] = cut_ends(&nm[i], max - 1 - (max - 1) * 2 / 5,
                              (max - 1) * 2 / 5);
    }
    for (pass = 0; pass < 3 && find_clashes(nm, out, n, clash) > 0; pass++) {
        for (i = 0; i < n; i++) {
            size_t head, tail;

            again[i] = NULL;
            if (!clash[i] || nm[i].nchars <= max)
                continue; /* a name shown whole stays whole */
            clash_extent(nm, out, n, i, &head, &tail);
            if (pass == 2) {
                /* a counter: "…#2" in place of the last characters */
                char num[24];
                struct lb_buf b = LB_BUF_INIT;
                int k = snprintf(num, sizeof num, "#%zu", i + 1);
                size_t keep = max - 1 - (size_t)k;

                put_chars(&b, &nm[i], 0, keep);
                lb_buf_adds(&b, ELLIPSIS);
                lb_buf_adds(&b, num);
                again[i] = b.data;
            } else if (pass == 0 && head + 3 <= max) {
                /* the head up to the difference and one more character */
                again[i] = cut_ends(&nm[i], head + 1, max - 2 - head);
            } else if (pass == 0 && tail + 3 <= max) {
                /* the tail back to the difference */
                again[i] = cut_ends(&nm[i], max - 2 - tail, tail + 1);
            } else {
                /* a window around the first difference */
                size_t win = max - max / 4 - max / 4 - 2;

                again[i] = cut_window(&nm[i], max,
                                      head > win / 2 ? head - win / 2 : 0);
            }
        }
        for (i = 0; i < n; i++)
            if (again[i] != NULL) {
                free(out[i]);
                out[i] = again[i];
            }
    }
    for (i = 0; i < n; i++) {
        free(nm[i].s);
        free(nm[i].at);
    }
    free(nm);
    free(clash);
    free(again);
}

/* }====================================================================== */

/* {======================================================================
 * The value axis
 * ======================================================================= */

/* 1, 2, 2.5 or 5 times a power of 10, at least x. */
static double nice_step(double x)
{
    static const double m[] = {1, 2, 2.5, 5, 10};
    double p = pow(10, floor(log10(x)));
    size_t k;

    for (k = 0; k < sizeof m / sizeof m[0]; k++)
        if (m[k] * p >= x * (1 - 1e-9))
            return m[k] * p;
    return 10 * p;
}

/* lo and hi rounded out to the step; steps of about span / tics. */
static void round_out(double lo, double hi, bool fix_lo, bool fix_hi,
                      size_t tics, struct lb_axis *a)
{
    double step = nice_step((hi - lo) / (double)tics);

    a->step = step;
    a->lo = fix_lo ? lo : floor(lo / step + 1e-9) * step;
    a->hi = fix_hi ? hi : ceil(hi / step - 1e-9) * step;
    /* no "-0" */
    if (fabs(a->lo) < step * 1e-9)
        a->lo = 0;
    if (fabs(a->hi) < step * 1e-9)
        a->hi = 0;
}

void lb_chart_axis(double lo, double hi, const struct lb_chart_range *r,
                   bool zero, size_t tics, struct lb_axis *a)
{
    struct lb_chart_range none = {false, false, 0, 0};
    bool nonneg, percent;
    double span, pad, plo, phi;

    if (r == NULL)
        r = &none;
    if (!(lo <= hi) || !isfinite(lo) || !isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    nonneg = lo >= 0;
    percent = lo >= 0 && hi <= 100;
    /* zero on the axis when the values reach a quarter of the way to it */
    if (zero && lo >= 0 && hi - lo >= 0.25 * hi)
        lo = 0;
    else if (zero && hi <= 0 && hi - lo >= 0.25 * -lo)
        hi = 0;
    span = hi - lo;
    if (span <= 0)
        span = fabs(hi) > 0 ? fabs(hi) * 0.1 : 1;
    pad = span * 0.05;
    plo = lo == 0 ? 0 : lo - pad;
    phi = hi == 0 ? 0 : hi + pad;
    if (hi == lo && lo == 0)
        phi = 1;
    if (nonneg && plo < 0)
        plo = 0;
    if (r->has_lo)
        plo = r->lo;
    if (r->has_hi)
        phi = r->hi;
    if (!(phi > plo)) {
        /* one end given, beyond the data's other end */
        if (r->has_hi && !r->has_lo)
            plo = phi - span;
        else
            phi = plo + span;
    }
    tics = tics == 0 || tics > 8 ? 8 : tics < 2 ? 2 : tics;
    round_out(plo, phi, r->has_lo, r->has_hi, tics, a);
    if (nonneg && a->lo < 0 && !r->has_lo)
        a->lo = 0;
    if (percent && a->hi > 100 && !r->has_hi)
        a->hi = 100;
    a->has_zero = a->lo <= 0 && a->hi >= 0;
}

/* }====================================================================== */

/* {======================================================================
 * Labels next to points
 * ======================================================================= */

#define SPOT_LEVELS ((LB_NSPOTS - 4) / 4)
#define MAX_OBSTACLE_POINTS 20000 /* beyond, labels avoid labels only */

struct lb_spot lb_chart_spot(size_t k)
{
    static const struct lb_spot first[4] = {
        {11, 0, 1}, {-11, 0, -1}, {0, 17, 0}, {0, -17, 0}};
    struct lb_spot s;
    size_t j, level;

    if (k < 4)
        return first[k];
    j = k - 4;
    level = j / 4 + 1;
    s.dx = 9 + 3 * (double)level;
    s.dy = 12 * (double)level;
    s.align = 1;
    if (j % 4 >= 2) {
        s.dx = -s.dx;
        s.align = -1;
    }
    if (j % 2 == 1)
        s.dy = -s.dy;
    return s;
}

struct lb_box lb_chart_label_box(double px, double py, double w, double h,
                                 size_t k)
{
    struct lb_spot s = lb_chart_spot(k);
    double x = px + s.dx, y = py + s.dy;
    struct lb_box b;

    b.x0 = s.align > 0 ? x : s.align < 0 ? x - w : x - w / 2;
    b.x1 = b.x0 + w;
    b.y0 = y - h / 2;
    b.y1 = y + h / 2;
    return b;
}

static double overlap_area(const struct lb_box *a, const struct lb_box *b)
{
    double w = fmin(a->x1, b->x1) - fmax(a->x0, b->x0);
    double h = fmin(a->y1, b->y1) - fmax(a->y0, b->y0);

    return w > 0 && h > 0 ? w * h : 0;
}

size_t lb_chart_place_labels(const struct lb_box *area, const double *px,
                             const double *py, size_t npts, const double *w,
                             double h, size_t nlab, size_t *spot)
{
    struct lb_box *placed = xcalloc(nlab + 1, sizeof *placed);
    size_t i, k, p, nplaced = 0, left_out = 0;
    bool check_points = npts <= MAX_OBSTACLE_POINTS;

    for (i = 0; i < nlab; i++) {
        double best = HUGE_VAL;

        spot[i] = LB_NPOS;
        for (k = 0; k < LB_NSPOTS; k++) {
            struct lb_box b = lb_chart_label_box(px[i], py[i], w[i], h, k);
            struct lb_spot sp = lb_chart_spot(k);
            double cost = 2 * fabs(sp.dy) + fabs(sp.dx) + (double)k * 0.01;
            bool free_spot = true;

            if (b.x0 < area->x0 + 2 || b.x1 > area->x1 - 2 ||
                b.y0 < area->y0 + 2 || b.y1 > area->y1 - 2)
                continue;
            /* 1 pixel apart at least: labels never touch */
            for (p = 0; p < nplaced && free_spot; p++) {
                struct lb_box q = placed[p];

                q.x0 -= 1;
                q.y0 -= 1;
                q.x1 += 1;
                q.y1 += 1;
                free_spot = overlap_area(&b, &q) == 0;
            }
            if (!free_spot)
                continue;
            for (p = 0; check_points && p < npts; p++) {
                /* a point, or the ring around a frontier point */
                struct lb_box pt = {px[p] - 8, py[p] - 8, px[p] + 8,
                                    py[p] + 8};

                cost += overlap_area(&b, &pt);
            }
            if (cost < best) {
                best = cost;
                spot[i] = k;
            }
        }
        if (spot[i] == LB_NPOS)
            left_out++;
        else
            placed[nplaced++] = lb_chart_label_box(px[i], py[i], w[i], h,
                                                   spot[i]);
    }
    free(placed);
    return left_out;
}

/* }====================================================================== */
