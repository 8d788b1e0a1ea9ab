/* export.h: writing a ranking as a text table, Markdown, CSV, TSV or JSON.
 *
 * Writers read a board (core/board.h: the table, what was selected, the
 * means and the ranking) and write bytes; they never parse. Every number is
 * written at the board's precision, rounded half to even on the exact
 * decimal value.
 * Every piece of user text passes through the format's one escaping
 * function: terminal-safe rendering for the text table, Markdown escapes,
 * RFC 4180 quoting for CSV, backslash escapes for TSV, JSON string escapes
 * (valid UTF-8 out). In CSV and TSV, text cells starting with '=', '+', '-',
 * '@', TAB or CR get a leading "'" so that spreadsheets do not run them as
 * formulas. Output is byte-identical run to run. */
#ifndef LB_EXPORT_EXPORT_H
#define LB_EXPORT_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/error.h"
#include "core/board.h"
#include "core/compare.h"
#include "core/diff.h"
#include "export/gnuplot.h"

enum lb_format {
    LB_FORMAT_TEXT,
    LB_FORMAT_MARKDOWN,
    LB_FORMAT_CSV,
    LB_FORMAT_TSV,
    LB_FORMAT_JSON,
    LB_FORMAT_HTML, /* one self-contained page (export/html.c) */
    LB_FORMAT_LATEX /* a booktabs tabular (export/latex.c) */
};

/* Writes the board to out in the given format (HTML without charts: see
 * lb_export_html): every listed row of its
 * ranking (the ranked rows in order, then the unranked ones unless --top).
 * Returns 0, or -1 with a message in err (a value that cannot be rounded at
 * the precision, checked before anything is written; or a write error seen
 * by ferror). The caller still checks fflush/fclose. */
int lb_export(FILE *out, enum lb_format fmt, const struct lb_board *r,
              struct lb_error *err);

/* Writes rank --compare-methods: a row per listed row of b, a column per
 * order of c, and (text, Markdown, JSON) Kendall's tau-b of each order
 * against the board's. Returns 0, or -1 with a message in err. */
int lb_export_compare(FILE *out, enum lb_format fmt, const struct lb_board *b,
                      const struct lb_compare *c, struct lb_error *err);
/* A chart for the HTML page: gnuplot's SVG. */
struct lb_html_chart {
    const char *caption; /* what it shows (a constant) */
    char *svg;           /* the SVG file's bytes (owned) */
    size_t len;
};

/* Draws, with gnuplot's svg terminal, every chart that board b supports
 * (as 'leaderboard plot' would by default; b must be computed without
 * --top), in a temporary directory that is removed afterwards. Returns
 * LB_GNUPLOT_OK with *out and *n set (free with lb_html_charts_free), or
 * another status with a message in err and no charts. */
enum lb_gnuplot_status lb_html_charts(const struct lb_board *b,
                                      struct lb_html_chart **out, size_t *n,
                                      struct lb_error *err);
void lb_html_charts_free(struct lb_html_chart *charts, size_t n);

/* Writes board r as one self-contained HTML page (see export/html.c), with
 * the charts, and charts_note (or NULL) in the charts' place. Returns 0, or
 * -1 with a message in err, as lb_export. */
int lb_export_html(FILE *out, const struct lb_board *r,
                   const struct lb_html_chart *charts, size_t ncharts,
                   const char *charts_note, struct lb_error *err);

/* Writes a comparison of two boards (core/diff.h): in text and Markdown a
 * title, a summary ("OLD -> NEW: 1 added, ...") and a table of the rows
 * that changed (every row when 'all'): rank, move (an arrow and the number
 * of places), old rank, model, average, its change, the benchmarks whose
 * shown scores changed; in CSV, TSV and JSON the same as fields (status,
 * rank, old_rank, rank_change (positive: up), model, average, old_average,
 * average_change, changes). Returns 0, or -1 with a message in err (a
 * write error seen by ferror). */
int lb_export_diff(FILE *out, enum lb_format fmt, const struct lb_diff *d,
                   const char *old_name, const char *new_name, bool all,
                   struct lb_error *err);

/* Appends a rank: "3", or "2.5" for a fractional one (rank2 is twice the
 * rank, as in struct lb_ranking). */
void lb_format_rank(struct lb_buf *out, int64_t rank2);

/* The same into buf (at least 32 bytes); returns the length. */
size_t lb_format_rank_to(char *buf, int64_t rank2);

/* Outputs of parallel_rows listed rows or more are formatted by two
 * threads, chunk_rows rows at a time (tests lower both to exercise it). */
struct lb_export_tuning {
    size_t parallel_rows;
    size_t chunk_rows;
};
extern struct lb_export_tuning lb_export_tuning;

/* Parses a format name ("text", "markdown" or "md", "csv", "tsv", "json",
 * "html", "latex" or "tex"); false when unknown. */
bool lb_format_parse(const char *s, enum lb_format *out);

/* The format a file name's extension suggests (.md, .csv, .tsv, .json,
 * .txt, .html, .htm, .tex); false when it suggests none. */
bool lb_format_from_path(const char *path, enum lb_format *out);

#endif
