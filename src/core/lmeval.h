/* lmeval.h: reading EleutherAI lm-evaluation-harness results files (the
 * one module that includes jansson.h: every piece of JSON handling lives
 * in core/lmeval.c).
 *
 * Three spellings of a results file are read (RULES.md section 6):
 *   - the current one (lm-eval >= 0.4): "results": {TASK: {"acc,none":
 *     0.53, "acc_stderr,none": 0.01, ...}}, metric keys "metric,filter",
 *     "n-shot", "n-samples" {TASK: {"original", "effective"}},
 *     "group_subtasks", "config", "model_name";
 *   - the legacy one (lm-eval <= 0.3): plain metric keys ("acc"), the
 *     shots in "config": {"num_fewshot": 25}, "--limit" in config.limit;
 *   - the Open LLM Leaderboard v1's own files: tasks spelt
 *     "harness|arc:challenge|25" (the shots in the name), the model in
 *     "config_general".
 * Python writes NaN and Infinity, which are not JSON: NaN is a missing
 * value, as null is; Infinity is not a number from 0 to 1. A metric that
 * is there without a number is named with what it is ("'acc_norm,none'
 * is null (no value)", "is the string '0.6', not a proportion from 0 to
 * 1"), and JSON syntax errors are placed in the file as it is.
 *
 * Built in: the Open LLM Leaderboard's choice of task and metric for each
 * catalog benchmark (RULES.md sections 1 and 2):
 *   v1 (score = mean * 100)
 *     ARC         arc_challenge acc_norm            (25-shot)
 *     HellaSwag   hellaswag acc_norm                (10-shot)
 *     MMLU        plain mean of the 57 subjects' acc (5-shot); a file
 *                 without the subjects: the mmlu group's acc
 *     TruthfulQA  truthfulqa_mc2 acc (legacy: truthfulqa_mc mc2) (0-shot)
 *     Winogrande  winogrande acc                    (5-shot)
 *     GSM8K       gsm8k exact_match with the strict-match filter (legacy:
 *                 acc)                              (5-shot)
 *   v2 (score = norm(x, lb) = max(0, (x - lb) / (1 - lb)) * 100)
 *     IFEval      leaderboard_ifeval: mean of prompt_level_strict_acc and
 *                 inst_level_strict_acc, lb 0       (0-shot)
 *     BBH         the 24 leaderboard_bbh_* subtasks' acc_norm, each
 *                 normalized with lb 1/choices, plain mean (3-shot)
 *     MATH Lvl 5  leaderboard_math_hard exact_match, lb 0 (4-shot)
 *     GPQA        leaderboard_gpqa acc_norm, lb 0.25 (0-shot)
 *     MuSR        the 3 leaderboard_musr_* subtasks' acc_norm, lb 1/2, 1/5,
 *                 1/3, plain mean                   (0-shot)
 *     MMLU-PRO    leaderboard_mmlu_pro acc, lb 0.1  (5-shot)
 * Standard errors follow the values: se * 100 / (1 - lb), and for a mean
 * of K scores sqrt(sum se_k^2) / K; a stderr that is "N/A" or absent
 * leaves none.
 *
 * Reasons (the result is read, but is not comparable with the board's):
 * a task run with another number of shots than the board's, a run with
 * --limit (n-samples effective < original, or config.limit set), a --map
 * that puts another metric than the board's into a board's column. The
 * caller refuses such a run, or stores it saying why.
 *
 * Warnings (nothing is read for that benchmark): a benchmark whose task is
 * there without the board's metric, or with only some of its subtasks, a
 * metric without a value.
 *
 * Notes (information): the board's rule gives another value than
 * lm-eval's own aggregate of the group (MMLU: the plain mean of the 57
 * subjects, where lm-eval weights them by their number of questions; BBH
 * and MuSR: each subtask normalized first).
 *
 * Precision: how the model was loaded. load_in_4bit / load_in_8bit in
 * config.model_args (a string "k=v,..." or an object) give "4bit" /
 * "8bit", autogptq / gptq "GPTQ"; else config.model_dtype (or the board's
 * config_general.model_dtype), else dtype= or torch_dtype= in model_args
 * ("torch.bfloat16" -> "bfloat16"; "auto": unknown). */
#ifndef LB_CORE_LMEVAL_H
#define LB_CORE_LMEVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

#define LB_LMEVAL_BUILTIN ((size_t)-1)

/* --map TASK:METRIC=COLUMN: the metric of a task goes to a column, times
 * 100. METRIC is a key of the task's results ("acc,none", or "acc" in a
 * legacy file); without a ",filter" part, "METRIC,none" or the only
 * "METRIC,FILTER" key of the task is taken. */
struct lb_lmeval_map {
    char *task;   /* as the results file names it (owned) */
    char *metric; /* (owned) */
    char *column; /* the score file's column (owned) */
};

/* Parses "TASK:METRIC=COLUMN" (the task may hold ':', as arc:challenge
 * does: the metric starts after the last ':' before the '='). Returns 0,
 * or -1 with a message in err. Release with lb_lmeval_map_release. */
int lb_lmeval_map_parse(const char *arg, struct lb_lmeval_map *m,
                        struct lb_error *err);
void lb_lmeval_map_release(struct lb_lmeval_map *m);

struct lb_lmeval_score {
    const char *column;  /* the catalog's name ("ARC") or the map's column
                            (points into the map) */
    double value;        /* on the 0-100 scale */
    bool has_stderr;
    double stderr_value; /* on the same scale */
    size_t map;          /* the index of the map that gave it, or
                            LB_LMEVAL_BUILTIN */
};

struct lb_lmeval_run {
    char *model;      /* model_name, else pretrained= in config.model_args,
                         else config.model; NULL when none (owned) */
    char *precision;  /* the dtype the run used ("bfloat16"), or NULL (owned) */
    struct lb_lmeval_score *scores; /* builtin ones in catalog order, then
                                       the maps' (owned) */
    size_t nscores;
    struct lb_buf warnings; /* one per line, "NAME: ...\n" */
    size_t nwarnings;
    struct lb_buf reasons;  /* not comparable: one per line, "BENCH: ...\n"
                               (without the file's name) */
    size_t nreasons;
    struct lb_buf notes;    /* one per line, "NAME: ...\n" */
    size_t nnotes;
};

/* Reads the results file 'name' (its content data[0..len)): the builtin
 * benchmarks it has, and the maps (a map replaces the builtin benchmark of
 * its column; a map whose task is not in the file gives nothing). Returns
 * 0 with *out filled (release it with lb_lmeval_run_release), or -1 with a
 * message in err ("NAME:LINE:COLUMN: ..." for JSON syntax) and *out empty.
 * Not a results file (no "results" object), a value of a built-in metric
 * that is not a number from 0 to 1, or an ambiguous map are errors. */
int lb_lmeval_read(const char *name, const char *data, size_t len,
                   const struct lb_lmeval_map *maps, size_t nmaps,
                   struct lb_lmeval_run *out, struct lb_error *err);

void lb_lmeval_run_release(struct lb_lmeval_run *r);

/* Writes v with at most 'decimals' decimals (rounded, C locale), without
 * trailing zeros: 56.40 gives "56.4", 25.000 "25"; never "-0". buf holds
 * at least LB_LMEVAL_NUMBUF bytes. */
#define LB_LMEVAL_NUMBUF 64
void lb_lmeval_format(char *buf, double v, unsigned decimals);

#endif
