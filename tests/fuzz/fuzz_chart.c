/* fuzz_chart.c: the gnuplot script writer (export/chart.h) on any names.
 *
 * Input: lines; the first names a benchmark, the others models (at most
 * 12), bytes as they come (quotes, newlines inside names are kept: the
 * score file quotes them). Scores come from a hash of the input. Every
 * chart the board supports is written, as files and embedded, with and
 * without intervals; each script must be safe as gnuplot reads it:
 *   - every single-quoted literal ends on its line, and outside literals
 *     there is no backquote, '@' (macro), "system" or "eval";
 *   - inside double quotes only "\n" (ours, between title lines);
 *   - a tic label ('set xtics (...)', 'set ytics (...)') is a format for
 *     gnuplot: every '%' in it is doubled;
 *   - the data file holds numbers only (and our '#' comments). */
#include <stdbool.h>
#include <string.h>

#include "base/buf.h"
#include "core/board.h"
#include "core/table.h"
#include "export/chart.h"
#include "fuzz.h"
#include "outcheck.h"

#define FUZZ_MAX_INPUT 4096
#define MAX_MODELS 12

/* s[0..len) as one CSV field. */
static void add_field(struct lb_buf *csv, const char *s, size_t len)
{
    size_t i;

    lb_buf_addc(csv, '"');
    for (i = 0; i < len; i++) {
        if (s[i] == '"')
            lb_buf_addc(csv, '"');
        lb_buf_addc(csv, s[i]);
    }
    lb_buf_addc(csv, '"');
}

/* The literal that starts at s (after its opening quote): checks that each
 * '%' is doubled when 'format'; returns the position after the closing
 * quote. */
static const char *literal(const char *s, bool format)
{
    for (;; s++) {
        FUZZ_CHECK(*s != '\0' && *s != '\n', "a literal spans a line end");
        if (*s == '\'' && s[1] == '\'') {
            s++;
            continue;
        }
        if (*s == '\'')
            return s + 1;
        if (format && *s == '%') {
            FUZZ_CHECK(s[1] == '%', "a single '%%' in a tic label");
            s++;
        }
    }
}

static void check_script(const struct lb_buf *gp)
{
    const char *s = lb_buf_str(gp);

    while (*s != '\0') {
        const char *end = strchr(s, '\n');
        bool tics = strncmp(s, "set xtics ", 10) == 0 ||
                    strncmp(s, "set ytics ", 10) == 0;
        bool block = strncmp(s, "$data << EOD", 12) == 0;

        if (block) { /* numbers, up to EOD */
            const char *eod = strstr(s, "\nEOD\n");

            FUZZ_CHECK(eod != NULL, "a datablock without its end");
            s = eod + 5;
            continue;
        }
        while (*s != '\0' && *s != '\n' && *s != '#') {
            if (*s == '\'') {
                s = literal(s + 1, tics);
                continue;
            }
            if (*s == '"') {
                FUZZ_CHECK(strncmp(s, "\"\\n\"", 4) == 0,
                           "a double-quoted string that is not \"\\n\"");
                s += 4;
                continue;
            }
            FUZZ_CHECK(*s != '`' && *s != '@', "'%c' outside a literal", *s);
            FUZZ_CHECK(strncmp(s, "system", 6) != 0 &&
                           strncmp(s, "eval", 4) != 0,
                       "a command outside a literal");
            s++;
        }
        s = end != NULL ? end + 1 : s + strlen(s);
    }
}

/* Each line a '#' comment of ours, or TAB-separated numbers (or NaN). */
static void check_data(const struct lb_buf *dat)
{
    const char *s = lb_buf_str(dat);

    while (*s != '\0') {
        const char *end = strchr(s, '\n');

        FUZZ_CHECK(end != NULL, "a data line without its end");
        if (*s != '#') {
            for (; s < end; s++)
                FUZZ_CHECK(*s == '\t' || *s == '.' || *s == '-' ||
                               (*s >= '0' && *s <= '9') ||
                               (strncmp(s, "NaN", 3) == 0 && (s += 2)),
                           "data that is not a number: '%c'", *s);
        }
        s = end + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t h = fuzz_fnv1a(data, size);
    const char *s = (const char *)data, *end = s + size;
    struct lb_buf csv = LB_BUF_INIT;
    struct lb_table t;
    struct lb_error err;
    size_t n = 0, k;
    int ci;

    if (size > FUZZ_MAX_INPUT || memchr(data, '\0', size) != NULL)
        return 0;
    /* the header: model, the benchmark named by the first line, two more,
     * a parameter count and standard errors */
    {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);

        lb_buf_adds(&csv, "model,");
        add_field(&csv, s, len);
        lb_buf_adds(&csv, ",B%,C,params_b,B%_stderr,C_stderr\n");
        s += len + (nl != NULL);
    }
    while (s < end && n < MAX_MODELS) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
        unsigned r = (unsigned)(h >> (n * 5));

        add_field(&csv, s, len);
        lb_buf_addf(&csv, ",%u.%u,%u,%u,%u,1.5,2\n", r % 100, r % 7, (r >> 3) % 100,
                    (r >> 7) % 100, (r >> 11) % 200 + 1);
        s += len + (nl != NULL);
        n++;
    }
    lb_error_init(&err);
    if (lb_table_load_mem(&t, "fuzz.csv", csv.data, csv.len, NULL, &err) != 0) {
        fuzz_check_message(err.msg);
        lb_buf_release(&csv);
        return 0;
    }
    for (ci = 0; ci < 2; ci++) {
        struct lb_board_opts o;
        struct lb_board b;

        lb_board_opts_init(&o);
        o.ci.enabled = ci == 1;
        o.ci.draws = 20;
        if (lb_board_compute(&b, &t, &o, &err) != 0) {
            fuzz_check_message(err.msg);
            lb_board_release(&b);
            continue;
        }
        for (k = 0; k < LB_CHART_COUNT * 2; k++) {
            enum lb_chart c = (enum lb_chart)(k % LB_CHART_COUNT);
            struct lb_chart_opts co = {(size_t)(h % 5), LB_TERMINAL_PNG,
                                       k >= LB_CHART_COUNT, {0}};
            struct lb_buf gp = LB_BUF_INIT, dat = LB_BUF_INIT;

            if (lb_chart_check(&b, c, NULL) != 0)
                continue;
            if (lb_chart_write(&b, c, &co, &gp, &dat, &err) != 0)
                fuzz_check_message(err.msg);
            else {
                check_script(&gp);
                check_data(&dat);
                FUZZ_CHECK(!co.embed || dat.len == 0,
                           "an embedded chart with a data file");
            }
            lb_buf_release(&gp);
            lb_buf_release(&dat);
        }
        lb_board_release(&b);
    }
    lb_table_release(&t);
    lb_buf_release(&csv);
    return 0;
}
