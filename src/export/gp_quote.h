/* gp_quote.h: the boundary between user text and a gnuplot script.
 *
 * A gnuplot script that holds a model name is a program built from user
 * input (GNUPLOT.md). Every piece of user text (model names, column names,
 * the suite's title) enters a script only through the functions here, as
 * a single-quoted literal: bytes below 0x20 and 0x7f become a space, "'" is
 * doubled. Single quotes turn off backquote substitution, macros and
 * backslash escapes; the one thing that could end them early, a raw
 * newline, is gone. Where gnuplot reads a literal as a format (the text of
 * a tic, 'set xtics ("LABEL" POS)', is a format for its position), '%' is
 * doubled too, so that "50%-pruned" is shown as written and "%s" never
 * formats anything. Double quotes appear only around constants. */
#ifndef LB_EXPORT_GP_QUOTE_H
#define LB_EXPORT_GP_QUOTE_H

#include <stddef.h>

#include "base/buf.h"

/* Where a literal goes. */
enum lb_gp_context {
    LB_GP_TEXT,  /* titles, labels, keys, axis labels: shown as written */
    LB_GP_FORMAT /* tic labels: gnuplot formats them ('%' doubled) */
};

/* Appends s[0..len) to out as a gnuplot single-quoted literal for context
 * ctx: "'", the bytes (each byte below 0x20 and 0x7f replaced by a space,
 * each "'" doubled, for LB_GP_FORMAT each '%' doubled), then "'". "it's"
 * gives 'it''s', "" gives ''. */
void lb_gp_quote(struct lb_buf *out, const char *s, size_t len,
                 enum lb_gp_context ctx);

/* Appends s[0..len) to out made fit for a chart label, not yet quoted:
 * invalid UTF-8 bytes become '?', control characters a space, and when
 * max_chars > 0 and the text has more characters, it is cut at a character
 * boundary to max_chars - 3 characters followed by "...". */
void lb_gp_text(struct lb_buf *out, const char *s, size_t len,
                size_t max_chars);

#endif
