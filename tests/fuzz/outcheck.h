/* outcheck.h: properties of what the writers produce, checked by the fuzz
 * targets on every board they manage to compute. */
#ifndef LB_TESTS_FUZZ_OUTCHECK_H
#define LB_TESTS_FUZZ_OUTCHECK_H

#include <stddef.h>

#include "core/board.h"
#include "export/view.h"

/* A message for a terminal: valid UTF-8 without control characters (not
 * even a line end), bidi controls or other unsafe code points; FUZZ_CHECK
 * fails otherwise. */
void fuzz_check_message(const char *msg);

/* Writes the board in every format (into memory) and checks each output:
 *   text, Markdown, JSON: valid UTF-8, no unsafe code point but '\n';
 *   Markdown: no raw '<' or '>', every table line with the same number of
 *             unescaped '|';
 *   JSON: well-formed (a small validator);
 *   CSV: reads back (libcsv, strict) as one record per listed row plus the
 *        header, all of one width;
 *   TSV: one line per listed row plus the header, all of one width;
 *   CSV, TSV: no cell starts with '=', '+', '@', TAB or CR, and one that
 *             starts with '-' is a number.
 * An export that fails must say why, safely. */
void fuzz_check_exports(const struct lb_board *b);

/* The same for any table: build makes the view of ctx for an audience
 * (returns 0, or -1 with a message in err). */
typedef int (*fuzz_view_fn)(struct lb_view *v, enum lb_audience a, void *ctx,
                            struct lb_error *err);
void fuzz_check_views(fuzz_view_fn build, void *ctx);

#endif
