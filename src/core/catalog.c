#include "core/catalog.h"

#include <string.h>

static const char *const v1_names[] = {"ARC",        "HellaSwag",  "MMLU",
                                       "TruthfulQA", "Winogrande", "GSM8K"};
static const char *const v2_names[] = {"IFEval", "BBH",  "MATH Lvl 5",
                                       "GPQA",   "MuSR", "MMLU-PRO"};

static const struct lb_suite suite_v1 = {
    "openllm-v1", "Open LLM Leaderboard v1", 6, v1_names, "mean"};
static const struct lb_suite suite_v2 = {
    "openllm-v2", "Open LLM Leaderboard v2", 6, v2_names, "normalized"};

static const struct lb_suite *const suites[] = {&suite_v1, &suite_v2, NULL};

/* RULES.md sections 1 and 2. v1's columns are raw accuracies: the
 * normalized method subtracts the random baseline of the table (25, 50 for
 * Winogrande's two options, 0 for GSM8K's exact match). v2's columns are
 * published normalized. */
static const struct lb_bench_info benchmarks[] = {
    {"ARC", "arc", "arcchallenge", &suite_v1, 0, 100, true, "arc:challenge",
     25, "acc_norm", "25", "25"},
    {"HellaSwag", "hellaswag", NULL, &suite_v1, 0, 100, true, "hellaswag", 10,
     "acc_norm", "25", "25"},
    {"MMLU", "mmlu", NULL, &suite_v1, 0, 100, true,
     "hendrycksTest (57 subjects, plain mean)", 5, "acc", "25", "25"},
    {"TruthfulQA", "truthfulqa", NULL, &suite_v1, 0, 100, true,
     "truthfulqa:mc", 0, "mc2", "25", "25"},
    {"Winogrande", "winogrande", NULL, &suite_v1, 0, 100, true, "winogrande",
     5, "acc", "50", "50"},
    {"GSM8K", "gsm8k", NULL, &suite_v1, 0, 100, true, "gsm8k", 5,
     "acc (exact match)", "0", "0"},
    {"IFEval", "ifeval", NULL, &suite_v2, 0, 100, true, "leaderboard_ifeval",
     0, "mean of prompt- and instruction-level strict accuracy", "0", NULL},
    {"BBH", "bbh", NULL, &suite_v2, 0, 100, true, "leaderboard_bbh", 3,
     "acc_norm, each subtask normalized, plain mean", "1/num_choices", NULL},
    {"MATH Lvl 5", "mathlvl5", "mathhard", &suite_v2, 0, 100, true,
     "leaderboard_math_hard", 4, "exact_match", "0", NULL},
    {"GPQA", "gpqa", NULL, &suite_v2, 0, 100, true, "leaderboard_gpqa", 0,
     "acc_norm", "0.25", NULL},
    {"MuSR", "musr", NULL, &suite_v2, 0, 100, true, "leaderboard_musr", 0,
     "acc_norm, each subtask normalized, plain mean", "1/2, 1/5, 1/3", NULL},
    {"MMLU-PRO", "mmlupro", NULL, &suite_v2, 0, 100, true,
     "leaderboard_mmlu_pro", 5, "acc", "0.1", NULL},
};

/* v2's raw columns (0 to 1) and the baselines of RULES.md section 2. */
static const struct lb_raw_info raws[] = {
    {"ifevalraw", &benchmarks[6], 1, "0"},
    {"bbhraw", &benchmarks[7], 1, NULL},
    {"mathlvl5raw", &benchmarks[8], 1, "0"},
    {"mathhardraw", &benchmarks[8], 1, "0"},
    {"gpqaraw", &benchmarks[9], 1, "0.25"},
    {"musrraw", &benchmarks[10], 1, NULL},
    {"mmluproraw", &benchmarks[11], 1, "0.1"},
};

/* Normalized names of metadata columns seen on the boards and in
 * benchmarks/: never benchmarks unless named with --benchmarks. */
static const char *const metadata_keys[] = {
    "model", "modelname", "fullname", "evalname", "params", "paramsb",
    "parameters", "numparams", "size", "license", "hublicense",
    "contextlength", "context", "contextwindow", "precision", "type",
    "modeltype", "date", "architecture", "weighttype", "hubhearts",
    "hublikes", "likes", "downloads", "availableonhub", "isnotavailableonhub",
    "ismerged", "ismoe", "isflagged", "isofficialprovider", "modelsha",
    "revision", "sha", "submitted", "uploaddate", "submissiondate",
    "generation", "basemodel", "co2kg", "co2cost", "chattemplate",
    "leaderboardparamsb", "evaluated", "note", "notes", "rank", "id",
    "seed", "step", "year", "average", "avg",
};

void lb_catalog_key(const char *name, char *key, size_t size)
{
    size_t n = 0;

    if (size == 0)
        return;
    for (; *name != '\0' && n + 1 < size; name++) {
        char c = *name;

        if (c >= 'A' && c <= 'Z')
            key[n++] = (char)(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            key[n++] = c;
    }
    key[n] = '\0';
}

/* True when name ends with suffix, ignoring ASCII letter case. */
static bool ends_with_nocase(const char *name, const char *suffix)
{
    size_t n = strlen(name), m = strlen(suffix), i;

    if (n < m)
        return false;
    for (i = 0; i < m; i++) {
        char c = name[n - m + i];

        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return false;
    }
    return true;
}

const struct lb_bench_info *lb_catalog_benchmark(const char *name)
{
    char key[64];
    size_t i;

    if (strlen(name) >= sizeof key)
        return NULL;
    lb_catalog_key(name, key, sizeof key);
    for (i = 0; i < sizeof benchmarks / sizeof benchmarks[0]; i++) {
        const struct lb_bench_info *b = &benchmarks[i];

        if (strcmp(key, b->key) == 0 ||
            (b->alt_key != NULL && strcmp(key, b->alt_key) == 0))
            return b;
    }
    return NULL;
}

const struct lb_raw_info *lb_catalog_raw(const char *name)
{
    char key[64];
    size_t i;

    if (strlen(name) >= sizeof key)
        return NULL;
    lb_catalog_key(name, key, sizeof key);
    for (i = 0; i < sizeof raws / sizeof raws[0]; i++)
        if (strcmp(key, raws[i].key) == 0)
            return &raws[i];
    return NULL;
}

const struct lb_suite *lb_catalog_suite(const char *id)
{
    size_t i;

    for (i = 0; suites[i] != NULL; i++)
        if (strcmp(suites[i]->id, id) == 0)
            return suites[i];
    return NULL;
}

bool lb_catalog_is_metadata(const char *name)
{
    char key[64];
    size_t i;

    /* companions of a benchmark column: standard errors, sample counts */
    if (ends_with_nocase(name, "_stderr") || ends_with_nocase(name, "_se") ||
        ends_with_nocase(name, "_std") || ends_with_nocase(name, "_n"))
        return true;
    if (strlen(name) >= sizeof key)
        return false;
    lb_catalog_key(name, key, sizeof key);
    for (i = 0; i < sizeof metadata_keys / sizeof metadata_keys[0]; i++)
        if (strcmp(key, metadata_keys[i]) == 0)
            return true;
    return false;
}

bool lb_catalog_is_average(const char *name)
{
    char key[16];

    if (strlen(name) >= sizeof key)
        return false;
    lb_catalog_key(name, key, sizeof key);
    return strcmp(key, "average") == 0 || strcmp(key, "avg") == 0;
}

const struct lb_suite *const *lb_catalog_suites(void)
{
    return suites;
}
