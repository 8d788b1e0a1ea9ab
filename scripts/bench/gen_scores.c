/* gen_scores.c: a deterministic synthetic score file for benchmarks.
 *
 * usage: gen_scores N [SEED] > FILE.csv
 *
 * Columns: model,params_b,license,ARC,HellaSwag,MMLU,TruthfulQA,Winogrande,
 * GSM8K. Scores in [0, 100] with two decimals, around a per-model quality;
 * about 1% of score cells empty; about 0.5% of names need CSV quoting (half
 * hold a comma, half a double quote, written doubled); LF line ends. The
 * same seed gives the same rows, and a smaller N is a prefix of a larger N
 * (each row draws from its own stream). Build: cc -O2 -o gen_scores
 * gen_scores.c */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const orgs[] = {
    "meta", "mistral", "qwen", "tii", "eleuther", "bigscience", "openchat",
    "nous", "teknium", "upstage", "microsoft", "google", "stability",
    "allenai", "deepseek", "01ai", "intel", "cohere", "lmsys", "garage"};
static const char *const families[] = {
    "llama", "mistral", "qwen", "falcon", "pythia", "bloom", "phi", "gemma",
    "yi", "solar", "olmo", "mpt", "gpt-neox", "vicuna", "hermes", "zephyr",
    "orca", "wizard", "platypus", "dolphin"};
static const char *const variants[] = {
    "base", "instruct", "chat", "dpo", "sft", "merge", "v0.1", "v0.2",
    "v1", "v2", "slerp", "ties", "lora", "awq", "gptq", "fp16"};
static const char *const sizes[] = {"0.5", "1.1", "1.3", "1.8", "2.7", "3",
                                    "6.7", "7",   "8",   "9",   "13",  "14",
                                    "30",  "34",  "40",  "65",  "70",  "72",
                                    "110", "180"};
static const char *const licenses[] = {
    "apache-2.0", "mit", "llama2", "llama3", "cc-by-nc-4.0", "cc-by-4.0",
    "gemma", "other", "openrail", "unknown"};
/* per benchmark: offset from the model's quality, spread */
static const double bench[6][2] = {{0, 6}, {18, 5}, {-2, 7},
                                   {-12, 6}, {12, 4}, {-18, 12}};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* splitmix64: one independent stream per row */
static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double uniform(uint64_t *s)
{
    return (double)(next(s) >> 11) * 0x1.0p-53;
}

static size_t pick(uint64_t *s, size_t n)
{
    return (size_t)(next(s) % n);
}

/* a normal deviate (Box-Muller) */
static double gauss(uint64_t *s)
{
    double u = uniform(s), v = uniform(s);

    if (u < 1e-300)
        u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

int main(int argc, char **argv)
{
    unsigned long long n, seed = 20240601, i;
    char buf[1 << 16];

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: gen_scores N [SEED] > FILE.csv\n");
        return 2;
    }
    n = (unsigned long long)strtod(argv[1], NULL);
    if (argc == 3)
        seed = strtoull(argv[2], NULL, 10);
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    puts("model,params_b,license,ARC,HellaSwag,MMLU,TruthfulQA,Winogrande,"
         "GSM8K");
    for (i = 0; i < n; i++) {
        uint64_t s = seed * 0x100000001B3ull + i;
        const char *size = sizes[pick(&s, N_OF(sizes))];
        const char *org = orgs[pick(&s, N_OF(orgs))];
        unsigned id = (unsigned)pick(&s, 1000);
        const char *fam = families[pick(&s, N_OF(families))];
        const char *var = variants[pick(&s, N_OF(variants))];
        double u = uniform(&s), q = 35.0 + 40.0 * uniform(&s);
        int k;

        if (u < 0.0025) /* a name with a quote: quoted, quote doubled */
            printf("\"%s-%u/the \"\"best\"\" %s-%s-%sb\"", org, id, fam, var, size);
        else if (u < 0.005) /* a name with a comma: quoted */
            printf("\"%s, %u/%s-%s-%sb\"", org, id, fam, var, size);
        else
            printf("%s-%u/%s-%s-%sb", org, id, fam, var, size);
        printf(",%s,%s", size, licenses[pick(&s, N_OF(licenses))]);
        for (k = 0; k < 6; k++) {
            long v;

            if (uniform(&s) < 0.01) {
                fputs(",", stdout);
                continue;
            }
            v = lround((q + bench[k][0] + gauss(&s) * bench[k][1]) * 100.0);
            v = v < 0 ? 0 : v > 10000 ? 10000 : v;
            printf(",%ld.%02ld", v / 100, v % 100);
        }
        putchar('\n');
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
