/* view.h: a table as every writer sees it.
 *
 * What a table shows is decided once, by whoever builds its view (the
 * ranking: export/ranking.c; a diff: export/diff.c; the comparison of
 * methods: export/compare.c); every output format is a function of a view
 * (export/format.h), so a format written once serves every kind of table,
 * and a kind of table built once is written in every format.
 *
 * A view has:
 *   - a heading ("Leaderboard"), title lines above the table and footer
 *     lines below it (for people; raw text: each writer escapes it);
 *   - typed columns (text or number, alignment, which way is better);
 *   - body rows, then summary rows (a "Kendall's tau-b" line under the
 *     ranks), whose cells come from one callback per row;
 *   - for programs, metadata (export/meta.h: what was computed, as JSON
 *     writes it before the rows);
 *   - optionally figures (charts as SVG, for the HTML page).
 * A view is built for one audience (enum lb_audience): people read aligned
 * text, Markdown, HTML and LaTeX; programs read CSV and TSV (flat) or JSON
 * (nested: a column may sit in a group, "scores": {...}). The builder gives
 * each audience its own columns (a "Note" for people, a "reason" key for
 * JSON) and cells.
 *
 * Cells point into the builder's data or into their own small buffer; a
 * writer escapes every text cell with its format's one escaping function
 * and writes number cells (digits written by us) as they are. */
#ifndef LB_EXPORT_VIEW_H
#define LB_EXPORT_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/decimal.h"
#include "base/error.h"

struct lb_meta;
struct lb_field;

/* Who reads a format. */
enum lb_audience {
    LB_FOR_PEOPLE, /* aligned text, Markdown, HTML, LaTeX */
    LB_FOR_TABLES, /* CSV, TSV: one flat row per record */
    LB_FOR_TREES   /* JSON: records with nested groups */
};

enum lb_cell_kind {
    LB_CELL_ABSENT,  /* nothing applies: an empty cell; JSON leaves the key
                        out */
    LB_CELL_MISSING, /* a value that is missing: "-" for people, an empty
                        field in CSV, null in JSON */
    LB_CELL_TEXT,    /* user text or words of ours: escaped by the writer */
    LB_CELL_NUMBER   /* digits of ours ("69.42", "+0.52", "2.5"): written
                        as they are (JSON drops a leading '+') */
};

struct lb_cell {
    enum lb_cell_kind kind;
    const char *s;            /* the content, not NUL-terminated */
    size_t len;
    bool marked;              /* carries the footnote mark '*' (people) */
    char num[LB_DEC_BUFSIZE]; /* where a builder may format a number */
    struct lb_buf more;       /* where a builder may compose longer text
                                 (lb_cell_buf, lb_cell_take) */
};

struct lb_view_col {
    const char *name;  /* the header people read ("Average") */
    const char *key;   /* the name programs read (CSV header, JSON key:
                          "average") */
    bool number;       /* holds numbers (sorted as numbers in HTML) */
    bool right;        /* right-aligned (a column of numbers, even where a
                          cell is shown as written) */
    int better;        /* 1: higher is better, -1: lower is better (a rank),
                          0: neither; an HTML header sorts best first */
    bool names;        /* the column of model names (HTML keeps it in sight
                          and filters on it) */
    const char *group; /* JSON: the object holding the key ("scores"), or
                          NULL */
    const char *sub;   /* JSON: a second level inside the group ("ARC"), or
                          NULL */
    const struct lb_field *field; /* what the board's schema says of the
                          column (type, role: the HTML page's filters), or
                          NULL */
    bool best;         /* a column of scores: LaTeX shows its best value
                          in bold, the second underlined ('better' says
                          which is best) */
    bool rank;         /* the board's rank: the HTML page shows beside it
                          the rank among the rows its filters keep */
    int what;          /* the builder's: what the column shows */
    size_t arg;        /* the builder's: of what (a table column, ...) */
};

/* How a table is published (the options that every command writing HTML
 * or LaTeX shares: cli_write_view); NULL members: not given. Raw text:
 * each writer escapes it. */
struct lb_publish {
    const char *title;   /* html: the page's heading, instead of the
                            view's */
    const char *source;  /* html: where the data come from ("board.csv") */
    const char *date;    /* html: when ("2024-06-01") */
    const char *link;    /* html: a link for each model: an http(s) URL
                            with {model} (lb_publish_link_check) */
    const char *caption; /* latex: a table float with this caption */
    const char *label;   /* latex: ... and this label */
    const char *width;   /* latex: the table scaled to this width (a TeX
                            length: lb_publish_width_check) */
};

/* Whether s is a --link template: http:// or https://, a host without
 * {model}, then {model} somewhere, no blank or control character. Returns
 * 0, or -1 with why not in err. */
int lb_publish_link_check(const char *s, struct lb_error *err);

/* Appends the link template t with each {model} replaced by the model's
 * name percent-encoded (RFC 3986: every byte but the unreserved ones and
 * '/'). The URL is raw: escape it for HTML. */
void lb_publish_link(struct lb_buf *out, const char *t, const char *model,
                     size_t len);

/* Whether s is a width --width takes: a TeX length such as 0.9\linewidth,
 * \textwidth, 12cm (a number, then a unit or one of \linewidth,
 * \textwidth, \columnwidth, \hsize). Returns 0, or -1 with why not in
 * err. */
int lb_publish_width_check(const char *s, struct lb_error *err);

/* Whether s is a --label: letters, digits and : . _ - + / only. Returns 0,
 * or -1 with why not in err. */
int lb_publish_label_check(const char *s, struct lb_error *err);

/* A chart for the HTML page: an SVG image (export/charts.h). */
struct lb_figure {
    const char *caption; /* what it shows */
    char *svg;           /* the SVG file's bytes */
    size_t len;
};

struct lb_view;

/* Fills cells[0..v->ncols) with row i (0 <= i < nrows + nsummary) of v.
 * Called by up to two threads at once (each with its own cells): it must
 * not write into v. Returns 0, or -1 with a message in err. */
typedef int (*lb_view_cells_fn)(const struct lb_view *v, size_t i,
                                struct lb_cell *cells, struct lb_error *err);

/* Whether body row i is listed apart (a model without a rank): greyed out
 * on the page (optional: NULL). */
typedef bool (*lb_view_dim_fn)(const struct lb_view *v, size_t i);

/* Called before row i is fetched, to tell the cache which rows come next
 * (optional: NULL). */
typedef void (*lb_view_prefetch_fn)(const struct lb_view *v, size_t i);

/* Where the cells of body row i lie: a number that grows with their
 * address in memory (the table row they come from), so that a writer can
 * format a chunk of rows in that order, reading memory in sequence, and
 * still write them in order (optional: NULL, then rows are formatted in
 * order). */
typedef uint32_t (*lb_view_source_fn)(const struct lb_view *v, size_t i);

/* Reads what the cells of body row i are made of: 'far', what lies at the
 * row's place in per-row arrays (offsets, numbers); else what those point
 * to (text). Returns something computed from what it read, so that the
 * reads are done. A writer that formats rows in an order of its own
 * (lb_view_source_fn) runs it over a batch of rows before formatting them:
 * their cache misses are then waited for together, where formatting one
 * row after another waits for each in turn. (Prefetch instructions did
 * not do this where it was measured; loads do.) Optional: NULL. */
typedef unsigned (*lb_view_touch_fn)(const struct lb_view *v, size_t i,
                                     bool far);

/* Called by lb_view_scan_fn with the cells of one body row. */
typedef int (*lb_view_visit_fn)(const struct lb_view *v,
                                const struct lb_cell *cells, void *ctx,
                                struct lb_error *err);

/* Calls visit with the cells of the body rows of part 'part' of 'nparts'
 * (the parts share the rows out, each row to one part), in an order of
 * the builder's choosing that reads its memory in sequence, for a pass
 * whose result depends neither on the order nor on the parts (the text
 * table's widths: a maximum); stops at the first that fails. Two threads
 * may each scan a part at once, with their own cells and ctx (optional:
 * NULL, then rows go in order). */
typedef int (*lb_view_scan_fn)(const struct lb_view *v, size_t part,
                               size_t nparts, struct lb_cell *cells,
                               lb_view_visit_fn visit, void *ctx,
                               struct lb_error *err);

struct lb_view {
    enum lb_audience audience;  /* who it was built for */
    const char *heading;        /* the page's heading ("Leaderboard") */
    struct lb_buf title;        /* lines above the table, each ending in
                                   '\n' (raw text) */
    struct lb_buf footer;       /* lines below it, each ending in '\n' */
    const char *empty_note;     /* shown to people instead of a table
                                   without rows, or NULL: the header alone */
    struct lb_view_col *cols;   /* the columns (owned) */
    size_t ncols, capcols;
    size_t nrows;               /* body rows */
    size_t nsummary;            /* summary rows after them (people only) */
    lb_view_cells_fn cells;
    lb_view_prefetch_fn prefetch;
    lb_view_dim_fn dim;
    lb_view_scan_fn scan;
    lb_view_source_fn source;
    lb_view_touch_fn touch;
    const void *data;           /* the builder's (not owned by the view) */
    void *own;                  /* the builder's, freed by own_free */
    void (*own_free)(void *own);
    struct lb_meta *meta;       /* for JSON: keys written before "rows"
                                   (owned), or NULL */
    const struct lb_figure *figures; /* charts (not owned), or NULL */
    size_t nfigures;
    const char *figures_note;   /* why there are no charts, or NULL */
    const struct lb_publish *publish; /* how it is published (not owned),
                                   or NULL: as the view is */
};

/* An empty view for audience a (no columns, no rows). */
void lb_view_init(struct lb_view *v, enum lb_audience a);

/* Frees what v owns. */
void lb_view_release(struct lb_view *v);

/* Gives v its builder's data: 'own' (freed with own_free by
 * lb_view_release, and readable as v->data) and the cells callback. */
void lb_view_bind(struct lb_view *v, void *own, void (*own_free)(void *own),
                  lb_view_cells_fn cells);

/* Appends a column; returns it, to set what differs from the defaults
 * (text, left-aligned, key = name). The name and key must outlive v. */
struct lb_view_col *lb_view_add_col(struct lb_view *v, const char *name,
                                    const char *key);

/* The same for a column of numbers: right-aligned. */
struct lb_view_col *lb_view_add_num(struct lb_view *v, const char *name,
                                    const char *key, int better);

/* Sets what column c shows (its builder's what and arg); returns c. */
struct lb_view_col *lb_view_col_is(struct lb_view_col *c, int what,
                                   size_t arg);

/* {======================================================================
 * Cells
 * ======================================================================= */

/* Sets a cell. */
void lb_cell_absent(struct lb_cell *c);
void lb_cell_missing(struct lb_cell *c);
void lb_cell_text(struct lb_cell *c, const char *s, size_t len);
/* A NUL-terminated constant. */
void lb_cell_word(struct lb_cell *c, const char *s);
/* A number: v / 10^precision, exact ("-0.50"). */
void lb_cell_dec(struct lb_cell *c, lb_i128 v, unsigned precision);
/* A number with its sign: "+0.52", "-1.20", "0.00". */
void lb_cell_delta(struct lb_cell *c, lb_i128 v, unsigned precision);
void lb_cell_uint(struct lb_cell *c, uint64_t v);
/* The number the builder wrote into c->num, len bytes. */
void lb_cell_digits(struct lb_cell *c, size_t len);
/* A rank from twice its value: "3", or "2.5" (struct lb_ranking); missing
 * when rank2 is 0 (not ranked). */
void lb_cell_rank(struct lb_cell *c, int64_t rank2);
/* A double at 'decimals' ("-0.00" shows as "0.00"); missing for NaN. */
void lb_cell_double(struct lb_cell *c, double v, unsigned decimals);

/* The cell's own buffer, emptied, to compose text in; then lb_cell_take
 * makes the cell that text. */
struct lb_buf *lb_cell_buf(struct lb_cell *c);
void lb_cell_take(struct lb_cell *c);

/* n cells (for one row of a view), and their release. */
struct lb_cell *lb_cells_new(size_t n);
void lb_cells_free(struct lb_cell *cells, size_t n);

/* "3" or "2.5" from twice a rank, into buf (32 bytes at least); returns
 * the length. */
size_t lb_rank_text(char *buf, int64_t rank2);

/* }====================================================================== */

#endif
