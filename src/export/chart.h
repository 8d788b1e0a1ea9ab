/* chart.h: the charts of a board as gnuplot scripts and their data.
 *
 * A script is a program built from user input, so (GNUPLOT.md):
 *   - every piece of user text enters a script only through gp_quote.h;
 *   - data files hold numbers only (TAB-separated, first column the row
 *     index, a "#" header written here): labels come from the script;
 *   - no path is written into a script: a script finds its .dat and writes
 *     its image next to itself, through gnuplot's ARG0 (the script's path
 *     as gnuplot was given it). 'gnuplot DIR/NAME.gp' therefore works from
 *     any directory, and the same board gives byte-identical scripts
 *     whatever the output directory. An embedded script (for the HTML
 *     page) carries its data as a datablock and writes its image to
 *     standard output: it needs no file at all.
 * Terminals are pngcairo (or svg), always 'noenhanced' so that "_", "^",
 * "{" or "@" in a name are shown as written. Numbers are exact decimals
 * (base/decimal.h) written in the C locale: byte-identical run to run.
 * Running gnuplot is export/charts.h's job. */
#ifndef LB_EXPORT_CHART_H
#define LB_EXPORT_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"
#include "core/battles.h"
#include "core/board.h"

enum lb_chart {
    LB_CHART_AVERAGE,    /* horizontal bars of the ranking's value */
    LB_CHART_BENCHMARKS, /* grouped bars: a group per model, a bar per
                            benchmark */
    LB_CHART_PROFILE,    /* spider chart (grouped bars under 3 benchmarks) */
    LB_CHART_SIZE,       /* ranking value against a parameter count */
    LB_CHART_RANKS,      /* each model's 95% rank interval (core/ci.h) */
    /* from votes (core/battles.h) */
    LB_CHART_RATINGS,    /* each model's rating and its 95% interval */
    LB_CHART_WIN_RATE,   /* the observed win rates, a heatmap */
    LB_CHART_COUNTS      /* the votes between models, a heatmap */
};

#define LB_CHART_COUNT 8

enum lb_terminal {
    LB_TERMINAL_PNG, /* pngcairo */
    LB_TERMINAL_SVG  /* svg */
};

/* --range LO:HI: the value axis' ends, each given or not. */
struct lb_chart_range {
    bool has_lo, has_hi;
    double lo, hi;
};

/* How a chart looks, as the user asks (--title, --size, --range,
 * --size-column); zero: from the data. */
struct lb_chart_style {
    const char *title;         /* the title's first line, or NULL */
    int width, height;         /* the canvas in pixels, or 0: the chart's
                                  own size */
    struct lb_chart_range range; /* the value axis (average, benchmarks,
                                  profile, size, ratings) */
    const char *size_column;   /* the 'size' chart's column of parameter
                                  counts, or NULL: lb_chart_params_column */
};

#define LB_CHART_MIN_PX 320   /* --size: each side, in pixels */
#define LB_CHART_MAX_PX 10000

struct lb_chart_opts {
    size_t top;                /* models shown (labelled, for 'size');
                                  0: the chart's default */
    enum lb_terminal terminal; /* the image format */
    bool embed;                /* the data inside the script, the image to
                                  standard output (no file) */
    struct lb_chart_style style;
};

/* Parses --size "WIDTHxHEIGHT" (pixels, each LB_CHART_MIN_PX to
 * LB_CHART_MAX_PX); false otherwise. */
bool lb_chart_size_parse(const char *s, int *width, int *height);

/* Parses --range "LO:HI", "LO:" or ":HI" (decimal numbers, LO < HI);
 * false otherwise. */
bool lb_chart_range_parse(const char *s, struct lb_chart_range *out);

/* The chart's name ("average", ...): its files are NAME.gp, NAME.dat and
 * NAME.png (or .svg). */
const char *lb_chart_name(enum lb_chart c);

/* What it shows, as a caption ("The ranking: the average of each model,
 * rank 1 on top"). */
const char *lb_chart_caption(enum lb_chart c);

/* Whether chart c is drawn from votes (a battles file), not from a
 * board. */
bool lb_chart_for_battles(enum lb_chart c);

/* Parses a chart name; false when unknown. */
bool lb_chart_parse(const char *s, enum lb_chart *out);

/* Appends the charts' names: "average, benchmarks, profile, size,
 * ranks, ratings, win-rate or counts" ('last' the last separator); only
 * those of votes (or only those of boards) with lb_chart_list_battles
 * (lb_chart_list_boards). */
void lb_chart_list(struct lb_buf *out, const char *last);
void lb_chart_list_battles(struct lb_buf *out, const char *last);
void lb_chart_list_boards(struct lb_buf *out, const char *last);

/* Parses "png" or "svg"; false otherwise. */
bool lb_terminal_parse(const char *s, enum lb_terminal *out);

/* "png" or "svg": the image file's extension. */
const char *lb_terminal_ext(enum lb_terminal t);

/* The column of parameter counts that the 'size' chart plots: a numeric
 * column named params_b, params, parameters or num_params (ignoring letter
 * case and punctuation, so "#Params (B)" counts), or LB_NPOS. */
size_t lb_chart_params_column(const struct lb_table *t);

/* The 'size' chart's column: style->size_column when given (exact name,
 * then any letter case), else lb_chart_params_column. Returns 0 with *col
 * set (LB_NPOS: none found), or -1 with the reason in err when the named
 * column is missing or not numeric. */
int lb_chart_size_column(const struct lb_table *t,
                         const struct lb_chart_style *style, size_t *col,
                         struct lb_error *err);

/* Whether chart c can be drawn from board b: every chart needs a ranked
 * model; 'benchmarks' at most 60 benchmarks, a spider 'profile' (3 to 40
 * benchmarks) a ranked model with every score; 'size' a parameter column with a positive value for a ranked
 * model; 'ranks' intervals (a standard error for every benchmark) and a
 * ranked model that has them. When the board has intervals, 'average'
 * draws the value's 95% interval as an error bar. Returns 0, or -1 with the
 * reason in err (which may be NULL). */
int lb_chart_check(const struct lb_board *b, enum lb_chart c,
                   struct lb_error *err);
/* The same with the style's size column. */
int lb_chart_check_style(const struct lb_board *b, enum lb_chart c,
                         const struct lb_chart_style *style,
                         struct lb_error *err);

/* Appends to gp the script and to dat the data of chart c of board b (with
 * o->embed, dat stays empty: the data is in the script). The board must be
 * computed without a top (rank.top == 0): the chart picks its rows from
 * the ranking itself (o->top, or its default: 20 bars for 'average', 8
 * groups for 'benchmarks', at most 8 polygons for 'profile', 10 labels for
 * 'size', 20 rows for 'ranks'; average and benchmarks keep the models tied
 * with the last one). Returns 0, or -1 with a message in err (a chart the
 * board cannot support, see lb_chart_check; a value too large to write). */
int lb_chart_write(const struct lb_board *b, enum lb_chart c,
                   const struct lb_chart_opts *o, struct lb_buf *gp,
                   struct lb_buf *dat, struct lb_error *err);

/* The same for the charts of votes, from ratings b computed without
 * --top: 'ratings' (each rated model's rating, rank 1 on top, with its
 * 95% interval when b has intervals; top 20 by default), 'win-rate' (the
 * observed win rate of each of the first 15 rated models against each,
 * a heatmap from blue, 0, through white, 1/2, to red, 1), 'counts' (the
 * votes between them, white to blue). lb_chart_check_battles says whether
 * b supports chart c: every chart needs a rated model, the heatmaps two. */
int lb_chart_check_battles(const struct lb_battles *b, enum lb_chart c,
                           struct lb_error *err);
int lb_chart_write_battles(const struct lb_battles *b, enum lb_chart c,
                           const struct lb_chart_opts *o, struct lb_buf *gp,
                           struct lb_buf *dat, struct lb_error *err);

#endif
