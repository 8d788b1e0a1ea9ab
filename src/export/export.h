/* export.h: writing a ranking as a text table, Markdown, CSV, TSV or JSON.
 *
 * Writers read a report (the table, what was selected, the means and the
 * ranking) and write bytes; they never parse. Every number is written with
 * the report's precision, rounded half to even on the exact decimal value.
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

#include "base/error.h"
#include "core/aggregate.h"
#include "core/rank.h"
#include "core/select.h"
#include "core/table.h"

enum lb_format {
    LB_FORMAT_TEXT,
    LB_FORMAT_MARKDOWN,
    LB_FORMAT_CSV,
    LB_FORMAT_TSV,
    LB_FORMAT_JSON
};

struct lb_report {
    const struct lb_table *table;
    const struct lb_selection *sel;
    const struct lb_aggregate *mean; /* the mean of the benchmarks */
    const struct lb_ranking *rank;   /* the ranking (of the mean, or of
                                        sel->sort_col) */
    enum lb_missing missing;
    enum lb_ties ties;
    unsigned precision;
    size_t top;                      /* 0: every row listed */
    bool ascending;
};

/* Writes the report to out in the given format. Returns 0, or -1 with a
 * message in err (a value that cannot be rounded at the precision, or a
 * write error seen by ferror). The caller still checks fflush/fclose. */
int lb_export(FILE *out, enum lb_format fmt, const struct lb_report *r,
              struct lb_error *err);

/* Parses a format name ("text", "markdown" or "md", "csv", "tsv", "json");
 * false when unknown. */
bool lb_format_parse(const char *s, enum lb_format *out);

/* The format a file name's extension suggests (.md, .csv, .tsv, .json,
 * .txt); false when it suggests none. */
bool lb_format_from_path(const char *path, enum lb_format *out);

#endif
