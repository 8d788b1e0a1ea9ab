/* gnuplot.h: charts of a board as gnuplot scripts, their data, and the run
 * of gnuplot that renders them.
 *
 * A gnuplot script that holds a model name is a program built from user
 * input (GNUPLOT.md). So:
 *   - every piece of user text (model names, column names, the suite's
 *     title) enters a script only through lb_gp_quote, as a single-quoted
 *     literal: bytes below 0x20 and 0x7f become a space, "'" is doubled.
 *     Single quotes turn off backquote substitution, macros and backslash
 *     escapes; the one thing that could end them early, a raw newline, is
 *     gone. Double quotes appear only around constants written here;
 *   - data files hold numbers only (TAB-separated, first column the row
 *     index, a "#" header written here): labels come from the script;
 *   - no path is written into a script: a script finds its .dat and writes
 *     its image next to itself, through gnuplot's ARG0 (the script's path
 *     as gnuplot was given it). 'gnuplot DIR/NAME.gp' therefore works from
 *     any directory, and the same board gives byte-identical scripts
 *     whatever the output directory;
 *   - gnuplot is started with posix_spawnp and an argument vector, never
 *     through a shell, and success means exit status 0 and an image file
 *     that exists, is not empty and starts like a PNG (or an SVG).
 * Terminals are pngcairo (or svg), always 'noenhanced' so that "_", "^",
 * "{" or "@" in a name are shown as written. Numbers are exact decimals
 * (base/decimal.h) written in the C locale: byte-identical run to run. */
#ifndef LB_EXPORT_GNUPLOT_H
#define LB_EXPORT_GNUPLOT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"
#include "core/board.h"

enum lb_chart {
    LB_CHART_AVERAGE,    /* horizontal bars of the ranking's value */
    LB_CHART_BENCHMARKS, /* grouped bars: a group per model, a bar per
                            benchmark */
    LB_CHART_PROFILE,    /* spider chart (grouped bars under 3 benchmarks) */
    LB_CHART_SIZE,       /* ranking value against a parameter count */
    LB_CHART_RANKS       /* each model's 95% rank interval (core/ci.h) */
};

#define LB_CHART_COUNT 5

enum lb_terminal {
    LB_TERMINAL_PNG, /* pngcairo */
    LB_TERMINAL_SVG  /* svg */
};

struct lb_chart_opts {
    size_t top;                /* models shown (labelled, for 'size');
                                  0: the chart's default */
    enum lb_terminal terminal; /* the image format */
};

/* The chart's name ("average", ...): its files are NAME.gp, NAME.dat and
 * NAME.png (or .svg). */
const char *lb_chart_name(enum lb_chart c);

/* Parses a chart name; false when unknown. */
bool lb_chart_parse(const char *s, enum lb_chart *out);

/* Parses "png" or "svg"; false otherwise. */
bool lb_terminal_parse(const char *s, enum lb_terminal *out);

/* "png" or "svg": the image file's extension. */
const char *lb_terminal_ext(enum lb_terminal t);

/* {======================================================================
 * Text into a script
 * ======================================================================= */

/* THE quoting function: appends s[0..len) to out as a gnuplot single-quoted
 * literal (GNUPLOT.md rule 1): "'" and the bytes, each byte below 0x20 and
 * 0x7f replaced by a space, each "'" doubled, then "'". Nothing else needs
 * escaping inside single quotes. "it's" gives 'it''s', "" gives ''. */
void lb_gp_quote(struct lb_buf *out, const char *s, size_t len);

/* Appends s[0..len) to out made fit for a chart label, not yet quoted:
 * invalid UTF-8 bytes become '?', control characters a space, and when
 * max_chars > 0 and the text has more characters, it is cut at a character
 * boundary to max_chars - 3 characters followed by "...". */
void lb_gp_text(struct lb_buf *out, const char *s, size_t len,
                size_t max_chars);

/* }====================================================================== */

/* The column of parameter counts that the 'size' chart plots: a numeric
 * column named params_b, params, parameters or num_params (ignoring letter
 * case and punctuation, so "#Params (B)" counts), or LB_NPOS. */
size_t lb_chart_params_column(const struct lb_table *t);

/* Whether chart c can be drawn from board b: every chart needs a ranked
 * model; a spider 'profile' (3 benchmarks or more) a ranked model with every
 * score; 'size' a parameter column with a positive value for a ranked
 * model; 'ranks' intervals (a standard error for every benchmark) and a
 * ranked model that has them. When the board has intervals, 'average'
 * draws the value's 95% interval as an error bar. Returns 0, or -1 with the reason in err (which may be NULL). */
int lb_chart_check(const struct lb_board *b, enum lb_chart c,
                   struct lb_error *err);

/* Appends to gp the script and to dat the data of chart c of board b.
 * The board must be computed without a top (rank.top == 0): the chart picks
 * its rows from the ranking itself (o->top, or its default: 20 bars for
 * 'average', 8 groups for 'benchmarks', at most 8 polygons for 'profile',
 * 10 labels for 'size', 20 rows for 'ranks'; average and benchmarks keep the models tied with the
 * last one). Returns 0, or -1 with a message in err (a chart the board
 * cannot support, see lb_chart_check; a value too large to write). */
int lb_chart_write(const struct lb_board *b, enum lb_chart c,
                   const struct lb_chart_opts *o, struct lb_buf *gp,
                   struct lb_buf *dat, struct lb_error *err);

/* {======================================================================
 * Running gnuplot
 * ======================================================================= */

enum lb_gnuplot_status {
    LB_GNUPLOT_OK,      /* the image was made */
    LB_GNUPLOT_MISSING, /* gnuplot could not be started (not in PATH) */
    LB_GNUPLOT_FAILED   /* it ran, but failed or made no valid image */
};

/* Runs 'gnuplot SCRIPT' (posix_spawnp, no shell; standard input from
 * /dev/null, its output to standard error) and waits for it. 'script' must
 * start with "/" or "./" (gnuplot has no "--" and would take a leading "-"
 * for an option). 'image' is the file the script writes: it is removed
 * first, so that an old image cannot pass for a new one, and afterwards it
 * must exist, be non-empty and start with the PNG signature (or, for SVG,
 * "<?xml" or "<svg"). Returns LB_GNUPLOT_OK, or another status with a
 * message in err. */
enum lb_gnuplot_status lb_gnuplot_run(const char *script, const char *image,
                                      enum lb_terminal t,
                                      struct lb_error *err);

/* }====================================================================== */

#endif
