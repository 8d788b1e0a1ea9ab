/* schema_words.h: what a board's schema decided, said under its table, so
 * that nothing the tool guessed goes unsaid (issue: a speech board whose
 * Avg. WER, RTFx and size columns were averaged silently). */
#ifndef LB_EXPORT_SCHEMA_WORDS_H
#define LB_EXPORT_SCHEMA_WORDS_H

#include "base/buf.h"
#include "core/board.h"
#include "export/meta.h"

/* Appends the sentences, each ending in '\n': the schema file read, or
 * what inference left out of the average and why (aggregates, metadata by
 * name, numbers outside 0 to 100), the benchmarks found lower-is-better by
 * their names, the cells read as missing (-1 sentinels, the schema's
 * missing numbers) and the columns read without their '%'. Nothing for a
 * board whose benchmarks the catalog decides and where nothing was read
 * so: the Open LLM Leaderboard's tables stay as they were. */
void lb_schema_footer(const struct lb_board *b, struct lb_buf *out);

/* The same for programs: a "schema" object in m (source, inferred roles,
 * missing cells), under the same condition. */
void lb_schema_meta(const struct lb_board *b, struct lb_meta *m);

#endif
