/* decimal.h: exact decimal numbers.
 *
 * Scores are decimals written by people ("66.04"). They are kept exactly, as
 * a 64-bit integer count of 10^-scale units, so that sums, comparisons and
 * half-way rounding are integer arithmetic and never depend on binary
 * floating point. Intermediate sums use a 128-bit integer (lb_i128).
 *
 * What counts as a number is what strtod accepts in the C locale, minus hex
 * floats, infinities and NaN: [+-] digits [. digits] [(e|E) [+-] digits],
 * with at least one digit before or after the point, optionally surrounded
 * by spaces or tabs. The exact value is kept: at most 18 significant digits
 * and 18 decimals (LB_DEC_MAX_SCALE). */
#ifndef LB_BASE_DECIMAL_H
#define LB_BASE_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

__extension__ typedef __int128 lb_i128;
__extension__ typedef unsigned __int128 lb_u128;

#define LB_DEC_MAX_SCALE 18

/* 10^0 .. 10^18 */
extern const int64_t lb_pow10[LB_DEC_MAX_SCALE + 1];

enum lb_num_status {
    LB_NUM_OK,        /* a number */
    LB_NUM_MISSING,   /* empty, "NA", "N/A" or "-": a missing value */
    LB_NUM_SYNTAX,    /* not a number */
    LB_NUM_NONFINITE, /* nan, inf, or beyond the range of a double (1e999) */
    LB_NUM_DIGITS,    /* a number, but too many digits to be kept exactly */
    LB_NUM_UNIT       /* never from lb_dec_parse: a number written with a
                         unit ("77.47%") in a column whose other numbers
                         are bare (core/table.h) */
};

struct lb_dec {
    int64_t units;  /* the value times 10^scale */
    unsigned scale; /* 0..LB_DEC_MAX_SCALE */
};

/* A name and a decimal: a benchmark's weight, baseline or standard error,
 * as an option gives it. */
struct lb_named_dec {
    const char *name;
    struct lb_dec value;
};

/* The one rule for a cell that means "no value": empty or blank, "NA",
 * "N/A" or "-" (blanks around it ignored). Numbers, texts, filters and
 * dates all read missing cells through it. */
bool lb_is_missing_text(const char *s, size_t len);

/* Parses s[0..len) (not necessarily NUL-terminated). On LB_NUM_OK sets *out
 * to the exact value at the smallest scale that holds it ("6.90" gives 69
 * at scale 1, "1e-3" gives 1 at scale 3, "-0" gives 0 at scale 0). */
enum lb_num_status lb_dec_parse(const char *s, size_t len, struct lb_dec *out);

/* The same, and on LB_NUM_OK the decimals the number was written with in
 * *written: "6.90" gives 2, "50" 0, "1.5e1" 0, "1e-3" 3. The value at that
 * many decimals gives back the digits as written (lossless output). */
enum lb_num_status lb_dec_parse_written(const char *s, size_t len,
                                        struct lb_dec *out, unsigned *written);

/* A short English phrase for a status other than LB_NUM_OK, to follow a
 * quoted value: "is not a number", "is not a finite number", ... */
const char *lb_num_status_phrase(enum lb_num_status st);

/* units * 10^by into *out; false on int64 overflow. */
bool lb_dec_rescale(int64_t units, unsigned by, int64_t *out);

/* num / den rounded to the nearest integer, ties to even (den > 0). */
lb_i128 lb_div_round_half_even(lb_i128 num, lb_i128 den);

/* The exact rational num / (den * 10^scale) rounded half to even to
 * 'precision' decimals, as a count of 10^-precision units, into *out.
 * den > 0, scale <= LB_DEC_MAX_SCALE, precision <= LB_DEC_MAX_SCALE.
 * Returns false if an intermediate result would overflow. */
bool lb_dec_round(lb_i128 num, uint32_t den, unsigned scale, unsigned precision,
                  lb_i128 *out);

/* Compares a/da with b/db exactly (da, db > 0); returns <0, 0 or >0. */
int lb_frac_cmp(lb_i128 a, uint32_t da, lb_i128 b, uint32_t db);

/* Writes q * 10^-precision in fixed notation ("68.42", "-0.50", "7") into
 * buf (at least LB_DEC_BUFSIZE bytes), NUL-terminated; returns its length.
 * Zero is always written without a sign. */
#define LB_DEC_BUFSIZE 48
size_t lb_dec_format(char *buf, lb_i128 q, unsigned precision);

/* The same without trailing zeros after the point (nor the point when
 * nothing follows it): 95.500 as 95.5, 50.00 as 50. For a value in a
 * message, where the column's scale is not the number's. */
size_t lb_dec_format_short(char *buf, lb_i128 q, unsigned precision);

/* Writes v in decimal into buf (at least 21 bytes), NUL-terminated;
 * returns its length. */
size_t lb_format_uint(char *buf, uint64_t v);

/* The decimal digits of |v| (1 for 0). */
unsigned lb_dec_digits(lb_i128 v);

/* The greatest common divisor of |a| and |b| (the other when one is 0):
 * in 64-bit steps once both fit, as they nearly always do (128-bit
 * remainders are library calls). */
uint64_t lb_gcd64(uint64_t a, uint64_t b);
lb_i128 lb_gcd128(lb_i128 a, lb_i128 b);

/* The rational num / (den * 10^scale) as the nearest-ish double (den > 0,
 * scale <= LB_DEC_MAX_SCALE). For chart geometry only: never format a
 * value shown to people from it (use lb_dec_round and lb_dec_format). */
double lb_dec_to_double(lb_i128 num, uint32_t den, unsigned scale);

#endif
