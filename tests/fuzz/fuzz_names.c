/* fuzz_names.c: the parsers of option values.
 *
 * The input is up to three lines: a --benchmarks list, a --columns list and
 * a --sort name. Each list goes through cli_split_names, whose result must
 * be consistent with the list (as many names as commas plus one, none
 * empty, none with spaces around it, none twice) or fail with a safe
 * message; then all three choose and rank columns of a fixed score file
 * (lb_board_compute, every export checked as in fuzz_csv_load). Each line
 * is also given to cli_parse_size, checked against a plain reading of the
 * digits, and to the format, ties and missing-policy parsers. */
#include <stdbool.h>
#include <string.h>

#include "cli/cli.h"
#include "export/format.h"
#include "core/board.h"
#include "core/select.h"
#include "core/table.h"
#include "fuzz.h"
#include "outcheck.h"

#define FUZZ_MAX_INPUT 4096

/* A small board: v1 benchmarks, metadata, a text column, an Average, a
 * v2 benchmark with a loose name, a column of numbers out of range. */
static const char seed[] =
    "model,ARC,HellaSwag,MMLU,TruthfulQA,Winogrande,GSM8K,params_b,license,"
    "Average,MATH Lvl 5,speed,x-y,X_Y\n"
    "01-ai/Yi-34B,64.59,85.69,76.35,56.23,83.03,50.64,34.4,apache-2.0,"
    "69.42,5.1,12,1,2\n"
    "tiiuae/falcon-40b,61.86,85.28,56.89,41.65,81.29,21.46,40,apache-2.0,"
    "58.07,,-3,NA,x\n"
    "\"evil\x1b[2J,\xE2\x80\xAEtxt\",,85,,,,,7,\"=cmd|' /C calc'!A0\",,"
    "101,1e3,3,4\n";

/* Splits list into *names (released by the caller); false when it is
 * refused. */
static bool check_split(const char *list, struct cli_names *names)
{
    char **items;
    size_t n, i, j, commas = 0;
    struct lb_error err;
    const char *p;

    for (p = list; *p != '\0'; p++)
        commas += *p == ',';
    lb_error_init(&err);
    if (cli_split_names("--benchmarks", list, names, &err) != 0) {
        fuzz_check_message(err.msg);
        return false;
    }
    items = names->v;
    n = names->n;
    FUZZ_CHECK(n == commas + 1, "%zu names from %zu commas", n, commas);
    for (i = 0; i < n; i++) {
        size_t len = strlen(items[i]);

        FUZZ_CHECK(len > 0, "name %zu is empty", i);
        FUZZ_CHECK(strchr(items[i], ',') == NULL, "a comma in name %zu", i);
        FUZZ_CHECK(strchr(" \t", items[i][0]) == NULL &&
                       strchr(" \t", items[i][len - 1]) == NULL,
                   "name %zu has spaces around it", i);
        for (j = 0; j < i; j++)
            FUZZ_CHECK(strcmp(items[i], items[j]) != 0, "names %zu and %zu "
                       "are equal", j, i);
    }
    return true;
}

static void check_size(const char *s)
{
    unsigned long v = 0, want = 0;
    bool digits = *s != '\0', big = false;
    const char *p;

    for (p = s; *p != '\0'; p++) {
        if (*p < '0' || *p > '9') {
            digits = false;
            break;
        }
        if (want > (1000ul - (unsigned long)(*p - '0')) / 10)
            big = true;
        else
            want = want * 10 + (unsigned long)(*p - '0');
    }
    if (cli_parse_size(s, 1, 1000, &v))
        FUZZ_CHECK(digits && !big && v == want && v >= 1, "'%s' read as %lu",
                   s, v);
    else
        FUZZ_CHECK(!digits || big || want < 1, "'%s' refused", s);
}

static void check_words(const char *s)
{
    const struct lb_format *f;
    enum lb_ties t;
    enum lb_missing m;

    f = lb_format_find(s);
    if (f != NULL)
        FUZZ_CHECK(strlen(s) <= 8 && (strcmp(f->name, s) == 0 ||
                                      strstr(f->aliases, s) != NULL),
                   "format '%s'", s);
    (void)lb_format_for_path(s);
    if (lb_ties_parse(s, &t))
        FUZZ_CHECK(strcmp(lb_ties_name(t), s) == 0, "ties '%s'", s);
    if (lb_missing_parse(s, &m))
        FUZZ_CHECK(strcmp(lb_missing_name(m), s) == 0, "missing '%s'", s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct lb_table t;
    static bool loaded;
    char *text, *part[3] = {NULL, NULL, NULL}, *p;
    struct cli_names names[3];
    bool ok[3] = {false, false, false};
    struct lb_board_opts o;
    struct lb_board b;
    struct lb_error err;
    size_t k;

    if (size > FUZZ_MAX_INPUT)
        return 0;
    if (!loaded) {
        lb_error_init(&err);
        FUZZ_CHECK(lb_table_load_mem(&t, "seed.csv", seed, sizeof seed - 1,
                                     NULL, &err) == 0,
                   "seed: %s", err.msg);
        loaded = true;
    }
    /* up to three NUL-terminated parts, as argv would give them */
    text = malloc(size + 1);
    FUZZ_CHECK(text != NULL, "out of memory");
    memcpy(text, data, size);
    text[size] = '\0';
    for (k = 0, p = text; k < 3 && p != NULL; k++) {
        part[k] = p;
        p = strchr(p, '\n');
        if (p != NULL)
            *p++ = '\0';
    }
    memset(names, 0, sizeof names);
    for (k = 0; k < 3 && part[k] != NULL; k++) {
        ok[k] = check_split(part[k], &names[k]);
        check_size(part[k]);
        check_words(part[k]);
    }

    lb_board_opts_init(&o);
    if (ok[0]) {
        o.select.benchmarks = (const char *const *)names[0].v;
        o.select.nbenchmarks = names[0].n;
    }
    if (ok[1]) {
        o.select.columns = (const char *const *)names[1].v;
        o.select.ncolumns = names[1].n;
    }
    o.select.sort = part[2];
    o.missing = LB_MISSING_PARTIAL;
    lb_error_init(&err);
    if (lb_board_compute(&b, &t, &o, &err) == 0)
        fuzz_check_exports(&b);
    else
        fuzz_check_message(err.msg);
    lb_board_release(&b);
    for (k = 0; k < 3; k++)
        cli_names_release(&names[k]);
    free(text);
    return 0;
}
