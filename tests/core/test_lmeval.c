#include "test_util.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/buf.h"

#include "core/lmeval.h"

static void read_ok(const char *json, const struct lb_lmeval_map *maps,
                    size_t nmaps, struct lb_lmeval_run *run)
{
    struct lb_error err;

    lb_error_init(&err);
    if (lb_lmeval_read("r.json", json, strlen(json), maps, nmaps, run,
                       &err) != 0) {
        print_error("unexpected error: %s\n", err.msg);
        fail();
    }
}

static void read_fails(const char *json, const struct lb_lmeval_map *maps,
                       size_t nmaps, const char *msg)
{
    struct lb_lmeval_run run;
    struct lb_error err;

    lb_error_init(&err);
    assert_int_equal(lb_lmeval_read("r.json", json, strlen(json), maps, nmaps,
                                    &run, &err),
                     -1);
    assert_string_equal(msg_of(&err), msg);
    assert_null(run.scores);
}

static const struct lb_lmeval_score *score(const struct lb_lmeval_run *run,
                                           const char *column)
{
    size_t i;

    for (i = 0; i < run->nscores; i++)
        if (strcmp(run->scores[i].column, column) == 0)
            return &run->scores[i];
    print_error("no score for %s\n", column);
    fail();
    abort(); /* not reached: fail() jumps out of the test */
}

static void assert_near(double got, double want)
{
    if (fabs(got - want) > 1e-9) {
        print_error("got %.12g, want %.12g\n", got, want);
        fail();
    }
}

static void test_lmeval_current_format(void **state)
{
    struct lb_lmeval_run run;
    const struct lb_lmeval_score *s;

    (void)state;
    read_ok("{\"results\": {\"arc_challenge\": {\"acc,none\": 0.5,"
            " \"acc_norm,none\": 0.564, \"acc_norm_stderr,none\": 0.0145},"
            " \"winogrande\": {\"acc,none\": 0.75, \"acc_stderr,none\": \"N/A\"},"
            " \"gsm8k\": {\"exact_match,strict-match\": 0.25,"
            " \"exact_match,flexible-extract\": 0.3}},"
            " \"n-shot\": {\"arc_challenge\": 25, \"winogrande\": 5, \"gsm8k\": 5},"
            " \"config\": {\"model\": \"hf\","
            " \"model_args\": \"pretrained=org/name,dtype=bfloat16\"},"
            " \"model_name\": \"org/name\"}",
            NULL, 0, &run);
    assert_string_equal(run.model, "org/name");
    assert_string_equal(run.precision, "bfloat16");
    assert_int_equal(run.nscores, 3);
    /* acc_norm, not acc; scaled to 0-100 with its stderr */
    s = score(&run, "ARC");
    assert_near(s->value, 56.4);
    assert_true(s->has_stderr);
    assert_near(s->stderr_value, 1.45);
    /* "N/A" is no stderr */
    s = score(&run, "Winogrande");
    assert_near(s->value, 75);
    assert_false(s->has_stderr);
    /* GSM8K: the strict-match filter */
    assert_near(score(&run, "GSM8K")->value, 25);
    assert_int_equal(run.nwarnings, 0);
    lb_lmeval_run_release(&run);
}

static void test_lmeval_legacy_format(void **state)
{
    struct lb_lmeval_run run;

    (void)state;
    read_ok("{\"results\": {\"hellaswag\": {\"acc\": 0.5, \"acc_norm\": 0.6,"
            " \"acc_norm_stderr\": 0.01}, \"truthfulqa_mc\": {\"mc1\": 0.2,"
            " \"mc2\": 0.35}},"
            " \"config\": {\"model\": \"hf-causal\","
            " \"model_args\": \"revision=x,pretrained=EleutherAI/pythia-1b\","
            " \"num_fewshot\": 10, \"limit\": null}}",
            NULL, 0, &run);
    assert_string_equal(run.model, "EleutherAI/pythia-1b");
    assert_null(run.precision);
    assert_near(score(&run, "HellaSwag")->value, 60);
    assert_near(score(&run, "HellaSwag")->stderr_value, 1);
    assert_near(score(&run, "TruthfulQA")->value, 35);
    /* num_fewshot 10 is HellaSwag's but not TruthfulQA's (0) */
    assert_int_equal(run.nwarnings, 0);
    assert_int_equal(run.nreasons, 1);
    assert_string_equal(as_shown(lb_buf_str(&run.reasons)),
                        "TruthfulQA: 'truthfulqa_mc' was run 10-shot, not "
                        "0-shot as on the Open LLM Leaderboard v1\n");
    lb_lmeval_run_release(&run);
}

static void test_lmeval_board_format_and_nan(void **state)
{
    struct lb_lmeval_run run;

    (void)state;
    /* the Open LLM Leaderboard's own files; Python's NaN is null */
    read_ok("{\"config_general\": {\"model_name\": \"org/m\","
            " \"model_dtype\": \"torch.float16\"},"
            " \"results\": {\"harness|arc:challenge|25\": {\"acc_norm\": 0.61,"
            " \"acc_norm_stderr\": NaN}, \"harness|winogrande|0\":"
            " {\"acc\": 0.7}, \"all\": {\"acc\": 1}}}",
            NULL, 0, &run);
    assert_string_equal(run.model, "org/m");
    assert_string_equal(run.precision, "float16");
    assert_near(score(&run, "ARC")->value, 61);
    assert_false(score(&run, "ARC")->has_stderr);
    assert_int_equal(run.nreasons, 1); /* winogrande 0-shot, not 5 */
    lb_lmeval_run_release(&run);
}

static void test_lmeval_limit_warns(void **state)
{
    struct lb_lmeval_run run;

    (void)state;
    read_ok("{\"results\": {\"winogrande\": {\"acc,none\": 0.7}},"
            " \"n-shot\": {\"winogrande\": 5},"
            " \"n-samples\": {\"winogrande\": {\"original\": 1267,"
            " \"effective\": 100}}, \"config\": {\"model\": \"org/c\","
            " \"limit\": 100}}",
            NULL, 0, &run);
    assert_string_equal(run.model, "org/c"); /* config.model, last resort */
    assert_string_equal(as_shown(lb_buf_str(&run.reasons)),
                        "Winogrande: 'winogrande' used 100 of its 1267 "
                        "samples (--limit)\n");
    assert_int_equal(run.nwarnings, 0);
    lb_lmeval_run_release(&run);
}

static void test_lmeval_group_checked_through_subtasks(void **state)
{
    struct lb_lmeval_run run;

    (void)state;
    /* lm-eval writes 0 shots for a group: its subtasks say what was run */
    read_ok("{\"results\": {\"leaderboard_math_hard\": {\"exact_match,none\":"
            " 0.1}, \"leaderboard_math_algebra_hard\": {\"exact_match,none\":"
            " 0.2}}, \"n-shot\": {\"leaderboard_math_hard\": 0,"
            " \"leaderboard_math_algebra_hard\": 4}, \"n-samples\":"
            " {\"leaderboard_math_algebra_hard\": {\"original\": 307,"
            " \"effective\": 307}}, \"model_name\": \"m\"}",
            NULL, 0, &run);
    assert_int_equal(run.nwarnings + run.nreasons, 0);
    assert_true(fabs(score(&run, "MATH Lvl 5")->value - 10) < 1e-9);
    lb_lmeval_run_release(&run);
    read_ok("{\"results\": {\"leaderboard_math_hard\": {\"exact_match,none\":"
            " 0.1}, \"leaderboard_math_algebra_hard\": {\"exact_match,none\":"
            " 0.2}}, \"n-shot\": {\"leaderboard_math_hard\": 0,"
            " \"leaderboard_math_algebra_hard\": 0}, \"n-samples\":"
            " {\"leaderboard_math_algebra_hard\": {\"original\": 307,"
            " \"effective\": 30}}, \"model_name\": \"m\"}",
            NULL, 0, &run);
    assert_string_equal(as_shown(lb_buf_str(&run.reasons)),
                        "MATH Lvl 5: 'leaderboard_math_algebra_hard' was run "
                        "0-shot, not 4-shot as on the Open LLM Leaderboard "
                        "v2\n"
                        "MATH Lvl 5: 'leaderboard_math_algebra_hard' used 30 "
                        "of its 307 samples (--limit)\n");
    lb_lmeval_run_release(&run);
}

/* A group that lists itself, or its subtasks many times, is walked once
 * per task (issue 14: "mmlu": ["mmlu" x 30] took 30^8 steps, hours).
 * alarm() turns a regression into a failure. */
static void test_lmeval_group_cycles_are_walked_once(void **state)
{
    struct lb_lmeval_run run;
    struct lb_buf j = LB_BUF_INIT;
    int i;

    (void)state;
    alarm(60);
    lb_buf_adds(&j, "{\"results\": {\"mmlu\": {\"acc,none\": 0.5},"
                    " \"mmlu_a\": {\"acc,none\": 0.5}},"
                    " \"n-shot\": {\"mmlu_a\": 3},"
                    " \"group_subtasks\": {\"mmlu\": [");
    for (i = 0; i < 30; i++)
        lb_buf_adds(&j, i ? ", \"mmlu\", \"mmlu_a\"" : "\"mmlu\", \"mmlu_a\"");
    lb_buf_adds(&j, "]}, \"model_name\": \"m\"}");
    read_ok(j.data, NULL, 0, &run);
    assert_true(fabs(score(&run, "MMLU")->value - 50) < 1e-9);
    /* mmlu_a is reached, once: one warning */
    assert_string_equal(as_shown(lb_buf_str(&run.reasons)),
                        "MMLU: 'mmlu_a' was run 3-shot, not 5-shot as on the "
                        "Open LLM Leaderboard v1\n");
    lb_lmeval_run_release(&run);
    lb_buf_release(&j);
    alarm(0);
}

static void test_lmeval_v2_normalized(void **state)
{
    struct lb_lmeval_run run;

    (void)state;
    read_ok("{\"results\": {\"leaderboard_gpqa\": {\"acc_norm,none\": 0.4,"
            " \"acc_norm_stderr,none\": 0.015}, \"leaderboard_mmlu_pro\":"
            " {\"acc,none\": 0.05}, \"leaderboard_ifeval\":"
            " {\"prompt_level_strict_acc,none\": 0.5,"
            " \"inst_level_strict_acc,none\": 0.6},"
            " \"leaderboard_musr_murder_mysteries\": {\"acc_norm,none\": 0.6},"
            " \"leaderboard_musr_object_placements\": {\"acc_norm,none\": 0.1},"
            " \"leaderboard_musr_team_allocation\": {\"acc_norm,none\": 0.5}},"
            " \"model_name\": \"m\"}",
            NULL, 0, &run);
    /* (0.4 - 0.25) / 0.75 * 100; stderr / 0.75 */
    assert_near(score(&run, "GPQA")->value, 20);
    assert_near(score(&run, "GPQA")->stderr_value, 2);
    /* below the baseline: 0 */
    assert_near(score(&run, "MMLU-PRO")->value, 0);
    assert_near(score(&run, "IFEval")->value, 55);
    /* murder 0.2, placement 0 (below 1/5), team (0.5 - 1/3) / (2/3) = 0.25 */
    assert_near(score(&run, "MuSR")->value, (20.0 + 0 + 25) / 3);
    lb_lmeval_run_release(&run);
}

/* Precision from how the model was loaded (issue 16): quantized weights
 * before the compute dtype that model_dtype then holds. */
static void test_lmeval_precision(void **state)
{
    static const struct {
        const char *config;
        const char *want; /* NULL: unknown */
    } cases[] = {
        {"{\"model_args\": \"pretrained=m,load_in_4bit=True\","
         " \"model_dtype\": \"torch.float16\"}", "4bit"},
        {"{\"model_args\": {\"pretrained\": \"m\", \"load_in_8bit\": true},"
         " \"model_dtype\": \"torch.float16\"}", "8bit"},
        {"{\"model_args\": \"pretrained=m,load_in_4bit=False,"
         "torch_dtype=float16\"}", "float16"},
        {"{\"model_args\": \"pretrained=m,autogptq=True\"}", "GPTQ"},
        {"{\"model_args\": \"pretrained=m,gptq=model.safetensors\"}", "GPTQ"},
        {"{\"model_args\": {\"pretrained\": \"m\", \"dtype\": \"bfloat16\"}}",
         "bfloat16"},
        {"{\"model_args\": \"pretrained=m,dtype=auto\"}", NULL},
        {"{\"model_args\": \"pretrained=m,load_in_4bit=1,dtype=auto\"}",
         "4bit"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct lb_lmeval_run run;
        struct lb_buf j = LB_BUF_INIT;

        lb_buf_addf(&j, "{\"results\": {\"winogrande\": {\"acc,none\": 0.7}},"
                        " \"n-shot\": {\"winogrande\": 5}, \"config\": %s}",
                    cases[i].config);
        read_ok(j.data, NULL, 0, &run);
        if (cases[i].want == NULL)
            assert_null(run.precision);
        else
            assert_string_equal(run.precision, cases[i].want);
        lb_lmeval_run_release(&run);
        lb_buf_release(&j);
    }
}

/* MMLU with its 57 subjects, 'hi' of them at 0.7 and the others at 0.5,
 * and lm-eval's own group value 'group'. */
static void mmlu_json(struct lb_buf *j, int hi, const char *group)
{
    static const char *const subjects[] = {
        "abstract_algebra", "anatomy", "astronomy", "business_ethics",
        "clinical_knowledge", "college_biology", "college_chemistry",
        "college_computer_science", "college_mathematics", "college_medicine",
        "college_physics", "computer_security", "conceptual_physics",
        "econometrics", "electrical_engineering", "elementary_mathematics",
        "formal_logic", "global_facts", "high_school_biology",
        "high_school_chemistry", "high_school_computer_science",
        "high_school_european_history", "high_school_geography",
        "high_school_government_and_politics", "high_school_macroeconomics",
        "high_school_mathematics", "high_school_microeconomics",
        "high_school_physics", "high_school_psychology",
        "high_school_statistics", "high_school_us_history",
        "high_school_world_history", "human_aging", "human_sexuality",
        "international_law", "jurisprudence", "logical_fallacies",
        "machine_learning", "management", "marketing", "medical_genetics",
        "miscellaneous", "moral_disputes", "moral_scenarios", "nutrition",
        "philosophy", "prehistory", "professional_accounting",
        "professional_law", "professional_medicine",
        "professional_psychology", "public_relations", "security_studies",
        "sociology", "us_foreign_policy", "virology", "world_religions"};
    int i;

    lb_buf_addf(j, "{\"results\": {\"mmlu\": {\"acc,none\": %s}", group);
    for (i = 0; i < 57; i++)
        lb_buf_addf(j, ", \"mmlu_%s\": {\"acc,none\": %s}", subjects[i],
                    i < hi ? "0.7" : "0.5");
    lb_buf_adds(j, "}, \"model_name\": \"m\"}");
}

/* The board's MMLU (plain mean of the subjects) beside lm-eval's own
 * group value: a note with both when they differ at 2 decimals. */
static void test_lmeval_aggregate_note(void **state)
{
    struct lb_lmeval_run run;
    struct lb_buf j = LB_BUF_INIT;

    (void)state;
    mmlu_json(&j, 19, "0.6"); /* plain mean 0.5 + 0.2 * 19/57 */
    read_ok(j.data, NULL, 0, &run);
    assert_near(score(&run, "MMLU")->value, 50 + 20.0 * 19 / 57);
    assert_int_equal(run.nnotes, 1);
    assert_int_equal(run.nwarnings + run.nreasons, 0);
    assert_string_equal(as_shown(lb_buf_str(&run.notes)),
                        "r.json: MMLU 56.67 is the plain mean of the 57 "
                        "subjects (the Open LLM Leaderboard's rule); "
                        "lm-eval's own 'mmlu' value is 60.00: it weights each "
                        "subject by its number of questions\n");
    lb_lmeval_run_release(&run);
    lb_buf_reset(&j);
    /* equal at 2 decimals: nothing to say */
    mmlu_json(&j, 19, "0.566666");
    read_ok(j.data, NULL, 0, &run);
    assert_int_equal(run.nnotes, 0);
    lb_lmeval_run_release(&run);
    lb_buf_release(&j);
}

/* A --map that puts another metric into a board's column is a reason; the
 * board's own metric is not. */
static void test_lmeval_map_reason(void **state)
{
    static const char json[] =
        "{\"results\": {\"gsm8k\": {\"exact_match,strict-match\": 0.3,"
        " \"exact_match,flexible-extract\": 0.4}}, \"n-shot\": {\"gsm8k\": 5},"
        " \"model_name\": \"m\"}";
    struct lb_lmeval_map m;
    struct lb_lmeval_run run;
    struct lb_error err;

    (void)state;
    lb_error_init(&err);
    assert_int_equal(lb_lmeval_map_parse("gsm8k:exact_match,flexible-extract"
                                         "=GSM8K", &m, &err), 0);
    read_ok(json, &m, 1, &run);
    assert_near(score(&run, "GSM8K")->value, 40);
    assert_string_equal(as_shown(lb_buf_str(&run.reasons)),
                        "GSM8K: --map takes 'gsm8k' "
                        "'exact_match,flexible-extract', not gsm8k "
                        "exact_match,strict-match as the Open LLM Leaderboard "
                        "v1\n");
    lb_lmeval_run_release(&run);
    lb_lmeval_map_release(&m);
    assert_int_equal(lb_lmeval_map_parse("gsm8k:exact_match,strict-match"
                                         "=GSM8K", &m, &err), 0);
    read_ok(json, &m, 1, &run);
    assert_near(score(&run, "GSM8K")->value, 30);
    assert_int_equal(run.nreasons, 0);
    lb_lmeval_run_release(&run);
    lb_lmeval_map_release(&m);
}

static void test_lmeval_maps(void **state)
{
    struct lb_lmeval_map m[2];
    struct lb_lmeval_run run;
    struct lb_error err;

    (void)state;
    lb_error_init(&err);
    /* the metric starts after the last ':' */
    assert_int_equal(lb_lmeval_map_parse("arc:challenge:acc=ARC raw", &m[0],
                                         &err),
                     0);
    assert_string_equal(m[0].task, "arc:challenge");
    assert_string_equal(m[0].metric, "acc");
    assert_string_equal(m[0].column, "ARC raw");
    lb_lmeval_map_release(&m[0]);
    assert_int_equal(lb_lmeval_map_parse("gsm8k:exact_match=GSM8K", &m[1],
                                         &err),
                     0);
    assert_int_equal(lb_lmeval_map_parse("nocolon=X", &m[0], &err), -1);
    assert_string_equal(msg_of(&err), "--map: 'nocolon=X' is not TASK:METRIC=COLUMN");
    assert_int_equal(lb_lmeval_map_parse("t:m=", &m[0], &err), -1);

    /* "METRIC" alone: METRIC,none first; the map replaces the built-in */
    read_ok("{\"results\": {\"gsm8k\": {\"exact_match,strict-match\": 0.2,"
            " \"exact_match,none\": 0.3}}, \"model_name\": \"m\"}",
            &m[1], 1, &run);
    assert_int_equal(run.nscores, 1);
    assert_near(score(&run, "GSM8K")->value, 30);
    assert_int_equal(run.scores[0].map, 0);
    lb_lmeval_run_release(&run);
    /* two filters and no "none": ambiguous */
    read_fails("{\"results\": {\"gsm8k\": {\"exact_match,strict-match\": 0.2,"
               " \"exact_match,flexible-extract\": 0.3}}}",
               &m[1], 1,
               "r.json: --map gsm8k:exact_match: task 'gsm8k' has several "
               "'exact_match' metrics (exact_match,strict-match, "
               "exact_match,flexible-extract): name one with its filter");
    lb_lmeval_map_release(&m[1]);
}

static void test_lmeval_errors(void **state)
{
    (void)state;
    read_fails("{\"results\": {\"x\": 1,}}", NULL, 0,
               "r.json:1:21: not valid JSON: string or '}' expected near '}'");
    read_fails("[1, 2]", NULL, 0,
               "r.json: not an lm-evaluation-harness results file (not a "
               "JSON object)");
    read_fails("{\"versions\": {}}", NULL, 0,
               "r.json: not an lm-evaluation-harness results file (no "
               "\"results\" object)");
    read_fails("{\"results\": {\"winogrande\": {\"acc,none\": 75.0}}}", NULL, 0,
               "r.json: 'winogrande' 'acc,none' is 75, not a proportion from "
               "0 to 1");
    /* a duplicate key is refused, not silently resolved */
    read_fails("{\"results\": {}, \"results\": {}}", NULL, 0,
               "r.json:1:25: not valid JSON: duplicate object key near "
               "'\"results\"'");
}

/* A metric that is there but not a number says what it is (issue 14: it
 * was "has no 'acc_norm,none'"): Infinity, a string, a boolean, an object
 * are refused as a number out of range is; null and NaN are no value. */
static void test_lmeval_values_that_are_not_numbers(void **state)
{
    static const char *const refused[][2] = {
        {"Infinity", "Infinity"},
        {"-Infinity", "-Infinity"},
        {"\"0.6\"", "the string '0.6'"},
        {"true", "true"},
        {"{\"x\": 1}", "an object"},
        {"[0.6]", "an array"},
    };
    struct lb_lmeval_run run;
    struct lb_lmeval_map m;
    struct lb_error err;
    char json[256], msg[256];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        snprintf(json, sizeof json,
                 "{\"results\": {\"arc_challenge\": {\"acc_norm,none\": %s}},"
                 " \"model_name\": \"m\"}",
                 refused[i][0]);
        snprintf(msg, sizeof msg,
                 "r.json: 'arc_challenge' 'acc_norm,none' is %s, not a "
                 "proportion from 0 to 1",
                 refused[i][1]);
        read_fails(json, NULL, 0, msg);
    }
    /* null and NaN: no value, a warning, the rest imported */
    read_ok("{\"results\": {\"arc_challenge\": {\"acc_norm,none\": null},"
            " \"winogrande\": {\"acc,none\": 0.7}}, \"n-shot\":"
            " {\"winogrande\": 5}, \"model_name\": \"m\"}",
            NULL, 0, &run);
    assert_string_equal(as_shown(lb_buf_str(&run.warnings)),
                        "r.json: ARC: 'arc_challenge' 'acc_norm,none' is null "
                        "(no value): not imported\n");
    assert_near(score(&run, "Winogrande")->value, 70);
    lb_lmeval_run_release(&run);
    read_ok("{\"results\": {\"leaderboard_musr_murder_mysteries\":"
            " {\"acc_norm,none\": 0.5}, \"leaderboard_musr_object_placements\":"
            " {\"acc_norm,none\": NaN}, \"leaderboard_musr_team_allocation\":"
            " {\"acc_norm,none\": 0.4}}, \"model_name\": \"m\"}",
            NULL, 0, &run);
    assert_string_equal(as_shown(lb_buf_str(&run.warnings)),
                        "r.json: MuSR: 'leaderboard_musr_object_placements' "
                        "'acc_norm,none' is NaN (no value): not imported\n");
    lb_lmeval_run_release(&run);
    read_fails("{\"results\": {\"leaderboard_ifeval\": "
               "{\"prompt_level_strict_acc,none\": 0.5, "
               "\"inst_level_strict_acc,none\": \"N/A\"}}}",
               NULL, 0,
               "r.json: 'leaderboard_ifeval' 'inst_level_strict_acc,none' is "
               "the string 'N/A', not a proportion from 0 to 1");
    /* an absent metric is still "has no" */
    read_ok("{\"results\": {\"arc_challenge\": {\"acc,none\": 0.5}},"
            " \"model_name\": \"m\"}",
            NULL, 0, &run);
    assert_non_null(strstr(lb_buf_str(&run.warnings),
                           "ARC: 'arc_challenge' has no 'acc_norm,none', the "
                           "board's metric: not imported"));
    lb_lmeval_run_release(&run);
    /* a map's metric: a warning that says what it is */
    lb_error_init(&err);
    assert_int_equal(lb_lmeval_map_parse("t:m=C", &m, &err), 0);
    read_ok("{\"results\": {\"t\": {\"m,none\": Infinity}}, \"model_name\":"
            " \"m\"}", &m, 1, &run);
    assert_string_equal(as_shown(lb_buf_str(&run.warnings)),
                        "r.json: --map t:m=C: task 't' 'm,none' is Infinity, "
                        "not a number: not imported\n");
    lb_lmeval_run_release(&run);
    lb_lmeval_map_release(&m);
}

/* Python's NaN and Infinity are read as no value; a syntax error after
 * them is still reported at its place in the file (issue 14: columns were
 * shifted by the substitution, 42 for 54). */
static void test_lmeval_error_positions_after_nan(void **state)
{
    (void)state;
    read_fails("{\"results\": {\"a\": {\"acc\": NaN,}}}", NULL, 0,
               "r.json:1:31: not valid JSON: string or '}' expected near '}'");
    read_fails("{\"results\": {\"a\": {\"x\": Infinity, \"y\": -Infinity, "
               "\"z\": NaN, \"w\": 1 2}}}",
               NULL, 0,
               "r.json:1:68: not valid JSON: '}' expected near '2'");
    /* substitutions on earlier lines do not move a later line's columns */
    read_fails("{\"results\": {\"a\": {\"x\": Infinity,\n"
               "  \"y\": -Infinity, \"z\": ]}}}",
               NULL, 0,
               "r.json:2:24: not valid JSON: unexpected token near ']'");
}

static void test_lmeval_format(void **state)
{
    char buf[LB_LMEVAL_NUMBUF];

    (void)state;
    lb_lmeval_format(buf, 0.5341 * 100, 6);
    assert_string_equal(buf, "53.41");
    lb_lmeval_format(buf, 25.0, 6);
    assert_string_equal(buf, "25");
    lb_lmeval_format(buf, 100.0 / 3, 6);
    assert_string_equal(buf, "33.333333");
    lb_lmeval_format(buf, 100.0 / 3, 0);
    assert_string_equal(buf, "33");
    lb_lmeval_format(buf, -0.0000001, 2);
    assert_string_equal(buf, "0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lmeval_current_format),
        cmocka_unit_test(test_lmeval_legacy_format),
        cmocka_unit_test(test_lmeval_board_format_and_nan),
        cmocka_unit_test(test_lmeval_limit_warns),
        cmocka_unit_test(test_lmeval_group_checked_through_subtasks),
        cmocka_unit_test(test_lmeval_group_cycles_are_walked_once),
        cmocka_unit_test(test_lmeval_values_that_are_not_numbers),
        cmocka_unit_test(test_lmeval_error_positions_after_nan),
        cmocka_unit_test(test_lmeval_v2_normalized),
        cmocka_unit_test(test_lmeval_maps),
        cmocka_unit_test(test_lmeval_precision),
        cmocka_unit_test(test_lmeval_aggregate_note),
        cmocka_unit_test(test_lmeval_map_reason),
        cmocka_unit_test(test_lmeval_errors),
        cmocka_unit_test(test_lmeval_format),
    };

    return cmocka_run_group_tests_name("lmeval", tests, NULL, NULL);
}
