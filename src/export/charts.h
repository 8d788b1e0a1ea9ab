/* charts.h: drawing a board's charts, the one way 'plot' and the HTML page
 * both do it: the scripts and data in memory first (export/chart.h), then
 * either files in a directory (DIR/NAME.gp, DIR/NAME.dat, DIR/NAME.png,
 * each replaced only once complete) rendered by 'gnuplot DIR/NAME.gp', or
 * nothing on disk at all: each script, its data inside, goes to gnuplot on
 * standard input and the image comes back on standard output (through
 * unnamed files, so that a run killed at any moment leaves nothing
 * behind). SVG images get fill='none' on their line paths (gnuplot 5.4's
 * svg terminal fills them black in a spider chart). */
#ifndef LB_EXPORT_CHARTS_H
#define LB_EXPORT_CHARTS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"
#include "core/battles.h"
#include "core/board.h"
#include "export/chart.h"
#include "export/gnuplot.h"

struct lb_charts_opts {
    bool want[LB_CHART_COUNT]; /* the charts asked for */
    bool any;                  /* some were asked for; else 'average' and
                                  every other chart the board supports */
    size_t top;                /* models per chart (0: each one's default) */
    enum lb_terminal terminal;
    const char *dir;           /* where the files go (made if missing), or
                                  NULL: nothing on disk */
    bool render;               /* run gnuplot (else the files only) */
    struct lb_chart_style style; /* --title, --size, --range, --size-column */
};

struct lb_chart_out {
    enum lb_chart kind;
    enum lb_gnuplot_status status; /* drawn (or written, without render) */
    struct lb_error err;       /* why not */
    char *gp_path;             /* DIR/NAME.gp, as the user would type it
                                  (NULL without a directory) */
    char *dat_path;            /* DIR/NAME.dat */
    char *image_path;          /* DIR/NAME.png (or .svg) */
    struct lb_buf image;       /* without a directory: the image's bytes */
};

/* Draws the charts of board b (computed without --top) as o says: *out
 * gets one entry per chart, in the charts' order, with its status.
 * Rendering stops at the first chart for which gnuplot cannot be started:
 * the later ones get LB_GNUPLOT_MISSING too. Returns 0, or -1 with a
 * message in err when a script cannot be made or a file cannot be written
 * (then nothing is rendered; with a directory, the files written before
 * stay). Free *out with lb_charts_free in both cases. */
int lb_charts_draw(const struct lb_board *b, const struct lb_charts_opts *o,
                   struct lb_chart_out **out, size_t *n, struct lb_error *err);

/* The same for the charts of votes (export/chart.h), from ratings b
 * computed without --top: by default 'ratings' and the heatmaps when two
 * models are rated. */
int lb_charts_draw_battles(const struct lb_battles *b,
                           const struct lb_charts_opts *o,
                           struct lb_chart_out **out, size_t *n,
                           struct lb_error *err);

/* Writes and renders one chart whose script and data were made elsewhere
 * (the history's: export/chart_history.h) as o says: NAME.gp, NAME.dat
 * and the image in o->dir, or (no directory; gp made with embed) the image
 * into its image. *out gets one entry (its kind is not set) whose status
 * says what became of it. Returns 0, or -1 with a message in err when a
 * file cannot be written. Free *out with lb_charts_free(*out, 1) in both
 * cases. */
int lb_charts_draw_script(const char *name, struct lb_buf *gp,
                          struct lb_buf *dat, const struct lb_charts_opts *o,
                          struct lb_chart_out **out, struct lb_error *err);

void lb_charts_free(struct lb_chart_out *out, size_t n);

#endif
