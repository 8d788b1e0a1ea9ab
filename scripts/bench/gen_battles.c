/* gen_battles.c: deterministic synthetic pairwise votes for benchmarks, in
 * Chatbot Arena's columns.
 *
 * usage: gen_battles N [MODELS [SEED]] > FILE.csv
 *
 * Columns: model_a,model_b,winner; winner in model_a | model_b | tie | tie
 * (bothbad). MODELS models (default 150) named like Arena's
 * ("org3/model-042-chat"), each with a strength drawn once from N(0, 1.2)
 * (natural log odds); every vote picks two different models uniformly,
 * then a tie with probability 0.10 (0.07 tie, 0.03 tie (bothbad)), else a
 * Bradley-Terry outcome: model_a wins with probability 1 / (1 +
 * e^(s_b - s_a)). The same arguments give the same bytes, and a smaller N
 * is a prefix of a larger N (each vote draws from its own stream). Build:
 * cc -O2 -o gen_battles gen_battles.c -lm */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* splitmix64: one independent stream per vote */
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
    unsigned long long n, m = 150, seed = 42, i;
    static char names[100000][48];
    double *strength;
    char buf[1 << 16];

    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: gen_battles N [MODELS [SEED]] > FILE.csv\n");
        return 2;
    }
    n = (unsigned long long)strtod(argv[1], NULL);
    if (argc >= 3)
        m = strtoull(argv[2], NULL, 10);
    if (argc >= 4)
        seed = strtoull(argv[3], NULL, 10);
    if (m < 2 || m > 100000) {
        fprintf(stderr, "gen_battles: MODELS must be 2 to 100000\n");
        return 2;
    }
    strength = malloc(m * sizeof *strength);
    if (strength == NULL)
        return 1;
    for (i = 0; i < m; i++) {
        uint64_t s = seed * 0x100000001B3ull ^ (0xA5A5A5A5ull + i);

        snprintf(names[i], sizeof names[i], "org%llu/model-%03llu-%s",
                 i % 17, i, i % 3 ? "chat" : "base");
        strength[i] = 1.2 * gauss(&s);
    }
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    puts("model_a,model_b,winner");
    for (i = 0; i < n; i++) {
        uint64_t s = seed * 0x9E3779B97F4A7C15ull + i;
        unsigned long long a = next(&s) % m, b = next(&s) % (m - 1);
        double u = uniform(&s);
        const char *w;

        b += b >= a;
        if (u < 0.07)
            w = "tie";
        else if (u < 0.10)
            w = "tie (bothbad)";
        else
            w = uniform(&s) < 1 / (1 + exp(strength[b] - strength[a]))
                    ? "model_a" : "model_b";
        printf("%s,%s,%s\n", names[a], names[b], w);
    }
    free(strength);
    return fflush(stdout) == 0 ? 0 : 1;
}
