/* chart_impl.h: what the chart builders share (internal to src/export):
 * the chart being written, its numbers, words and script parts. Each chart
 * is written into two buffers, the script and its data; user text enters
 * the script through chart_label or chart_user then lb_gp_quote, always in
 * that order. */
#ifndef LB_EXPORT_CHART_IMPL_H
#define LB_EXPORT_CHART_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/decimal.h"
#include "base/error.h"
#include "core/board.h"
#include "export/chart.h"
#include "export/chart_layout.h"
#include "export/gp_quote.h"

#define COORD_DECIMALS 6     /* decimals of a coordinate in a .dat file */
#define LABEL_CHARS 40       /* longest model name on a tic, key or label */
#define AXIS_LABEL_CHARS 30  /* longest benchmark name on an axis or key */
#define MAX_POLYGONS 8       /* a spider chart with more is unreadable */
#define MAX_BARS 500         /* bars of 'average' (the image stays within
                                cairo's 32767 pixels) */
#define MAX_GROUPS 100       /* groups of 'benchmarks' */
#define MIN_SPIDER_AXES 3    /* with fewer, the profile is grouped bars */
#define MAX_SPIDER_AXES 40   /* with more, a spider chart is unreadable */
#define MAX_BAR_BENCHMARKS 60 /* bars per model in 'benchmarks' */
#define CHAR_PX 7.2          /* width of a character of Sans 10 (pngcairo),
                                a little more than measured (6.6 to 7.2) */
#define LINE_PX 15.0         /* height of a line of Sans 10 */
#define TITLE_CHAR_PX (CHAR_PX * 1.2) /* the title's font is 12, not 10 */
#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Tableau 10: distinct, colour-blind friendly enough, print well. */
extern const char *const chart_palette[];
#define NPALETTE 10

struct chart {
    const struct lb_board *b;     /* a board's charts */
    const struct lb_battles *bt;  /* or the charts of votes */
    const struct lb_table *t;
    const struct lb_aggregate *key; /* the ranking's value: mean or column */
    const char *name;       /* file stem: "average" ... */
    const char *ext;        /* image extension */
    enum lb_terminal term;
    bool embed;             /* data in the script, image to stdout */
    size_t top;             /* models asked for (o->top or the default) */
    const char *noun;       /* what a row is, in counts: "model" when each
                               row has a model of its own, else "row" */
    size_t nrows;           /* rows plotted */
    size_t *rows;           /* their table rows, in rank order (owned) */
    bool intervals;         /* the .dat ends with each row's interval */
    const struct lb_chart_style *style; /* --title, --size, --range ... */
    char **label;           /* label[row]: the row's model name made a
                               label and shortened, the names of the rows
                               drawn kept distinct (owned), or NULL */
    size_t nlabel;
    struct lb_buf *gp, *dat;
    struct lb_error *err;
};

/* The chart builders (chart_bars.c, chart_size.c, chart_ranks.c): each
 * writes the script into c->gp and the data into c->dat. */
int chart_average(struct chart *c);
int chart_benchmarks(struct chart *c);
int chart_profile(struct chart *c);
int chart_size(struct chart *c);
int chart_ranks(struct chart *c);
/* The charts of votes (chart_battles.c): c->bt, c->rows its rated models
 * in rank order (c->nrows of them before the builder picks). */
int chart_ratings(struct chart *c);
int chart_win_rate(struct chart *c);
int chart_counts(struct chart *c);

/* {======================================================================
 * Rows and numbers (chart.c)
 * ======================================================================= */

/* The first 'want' ranked rows and the rows tied with the last of them (as
 * rank --top does), at most 'max'. */
size_t chart_first_rows(const struct lb_board *b, size_t want, size_t max);
/* Whether row has a score for every benchmark. */
bool chart_row_complete(const struct lb_board *b, size_t row);
/* The ranked rows that have a positive value in column pc (into rows,
 * unless NULL); returns how many. */
size_t chart_rows_with_params(const struct lb_board *b, size_t pc,
                              size_t *rows);

/* Appends num / (den * 10^scale) exactly rounded to COORD_DECIMALS, without
 * trailing zeros ("69.416667", "50", "-0.5"). */
int chart_coord(struct chart *c, struct lb_buf *out, lb_i128 num,
                uint32_t den, unsigned scale, size_t row);
/* The ranking's value of a row as a coordinate, and as a double (for
 * geometry only). */
int chart_key(struct chart *c, struct lb_buf *out, size_t row);
double chart_key_double(const struct chart *c, size_t row);
double chart_score_double(const struct chart *c, size_t col, size_t row);
/* A double with COORD_DECIMALS, without trailing zeros; NaN as "NaN". */
void chart_double(struct lb_buf *out, double v);
/* A rank from twice its value: "3" or "2.5". */
void chart_rank(struct lb_buf *b, int64_t rank2);

/* Writes the data of the bar and spider charts: one line per plotted row,
 *   row  rank  value  shown  [score_1 ... score_n]  [ci_low ci_high label_at]
 * 'value' is the ranking's value, 'shown' the same at the displayed
 * precision (the value labels), with 'scores' the scores of the benchmarks
 * in selection order (NaN when missing), with intervals the value's. */
int chart_rows_dat(struct chart *c, bool scores);

/* Whether every plotted value (the ranking's and, with 'scores', every
 * benchmark score) lies in [0, 100]: then the chart uses that fixed scale.
 * Sets *lo and *hi to the smallest and largest value. */
bool chart_in_0_100(const struct chart *c, bool key, bool scores, double *lo,
                    double *hi);

/* Puts the data dat before the script gp as a datablock (an embedded
 * chart) and empties dat. */
void chart_embed_data(struct lb_buf *gp, struct lb_buf *dat);

/* }====================================================================== */

/* {======================================================================
 * Words and script parts (chart_words.c)
 * ======================================================================= */

/* The model name of row (a table row, or a rated model's index) as a
 * label: made fit for one and shortened, distinct names kept distinct
 * (chart_labels, export/chart_layout.h); its length in *len. */
const char *chart_model(const struct chart *c, size_t row, size_t *len);
/* Makes the labels (chart_model) of the first n rows drawn, c->rows[0..n)
 * (n at most c->nrows), shortened together to 'chars' characters (at least
 * 8, at most LABEL_CHARS) so that distinct names stay distinct. Every
 * builder calls it once its rows are chosen (again on a small canvas). */
void chart_labels(struct chart *c, size_t n, double chars);
/* The canvas: the --size asked for, else the chart's own w x h. */
int chart_width(const struct chart *c, int w);
int chart_height(const struct chart *c, int h);
/* The title's first line: --title, else 'own' (appended to out). */
void chart_headline(const struct chart *c, struct lb_buf *out,
                    const char *own);
/* The value axis label: 'what' (a phrase of ours or made by chart_user),
 * ", lower is better" when lower is better, and when the axis does not
 * start at zero (a dot chart), a note saying so: on a second line when
 * the whole is wider than px pixels. */
void chart_axis_label(struct chart *c, const char *axis_cmd,
                      const struct lb_buf *what, bool lower_better,
                      const struct lb_axis *a, bool dots, double px);
/* set xrange/yrange [lo:hi] and the tics every step from lo to hi;
 * 'extra' widens the range beyond hi (room for value labels) without
 * tics there; 'reverse' draws hi first. */
void chart_put_axis(struct chart *c, char axis, const struct lb_axis *a,
                    double extra, bool reverse);

/* How many rows of bars fit a canvas 'height' pixels high (chart_bars.c). */
size_t chart_rows_fit(int height);
/* The benchmarks' common unit ("WER") or "score" (chart_bars.c). */
void chart_unit(const struct chart *c, struct lb_buf *out);

/* Display width of s[0..len) once made a label. */
size_t chart_text_width(const char *s, size_t len, size_t max_chars);
/* lb_gp_text then lb_gp_quote: user text as a literal shown as written. */
void chart_label(struct lb_buf *gp, const char *s, size_t len,
                 size_t max_chars);
/* The same for a tic label: a format for gnuplot ('%' doubled). */
void chart_tic_label(struct lb_buf *gp, const char *s, size_t len,
                     size_t max_chars);
/* A constant of ours as a literal (through the same function). */
void chart_lit(struct lb_buf *gp, const char *s);
/* Appends user text made fit for a label (lb_gp_text): every piece of
 * user text in a title goes through here, so that a '\n' in a title's
 * buffer is always one of ours. */
void chart_user(struct lb_buf *out, const char *s, size_t max_chars);
/* What the ranking's value is, as a noun phrase: "Average of 6 benchmarks
 * (Open LLM Leaderboard v1)" or the --sort column's name. */
void chart_what(const struct chart *c, struct lb_buf *out, bool capital);
/* The benchmarks' names, separated by ", ", within about max_chars. */
void chart_bench_list(const struct chart *c, struct lb_buf *out,
                      size_t max_chars);
/* "all 13 ranked models" or "top 8 of 13 ranked models", then how many
 * models of the file have no rank. */
void chart_count(const struct chart *c, struct lb_buf *out, size_t shown);
/* What the value axis shows: "average score" or the --sort column. */
void chart_axis_what(const struct chart *c, struct lb_buf *out);
/* How many title characters fit: gnuplot centres the title on the plot
 * area [left, right] (pixels) of a canvas 'width' wide. */
size_t chart_title_chars(double left, double right, int width);
/* set title 'LINE1'."\n".'LINE2'...: the lines of 'text' (separated by
 * '\n'), each cut to max_chars. */
void chart_title(struct chart *c, const struct lb_buf *text,
                 size_t max_chars);
/* The head every script shares: what it is, how to render it, where its
 * data is (a file beside it, or a datablock), the terminal, the output and
 * the palette. */
void chart_preamble(struct chart *c, const char *what, int width, int height);
/* The widest model name among the plotted rows, in characters, once made
 * a label (with 'extra' characters more, such as a rank). */
size_t chart_widest_model(const struct chart *c, size_t extra);
/* Appends "RANK. NAME" for a plotted row, with " *" when 'marked' and its
 * value is marked (the label of the charts that list models; not yet
 * quoted). */
void chart_rank_text(const struct chart *c, size_t row, bool marked,
                     struct lb_buf *out);
/* set ytics ('TEXT' I) for the i-th plotted row ("set ytics add" after the
 * first): a tic label, a format for gnuplot. */
void chart_ytic(struct chart *c, size_t i, const struct lb_buf *text);

/* }====================================================================== */

#endif
