/* ranking_words.h: the sentences around a board's table (the title and
 * the footer), for its view and for its charts' titles. */
#ifndef LB_EXPORT_RANKING_WORDS_H
#define LB_EXPORT_RANKING_WORDS_H

#include <stdbool.h>

#include "base/buf.h"
#include "core/board.h"

/* The line above a table: "Average of 6 benchmarks (Open LLM Leaderboard
 * v1): ARC, HellaSwag, ..." with "Ranked by X. " before it for --sort; for
 * other methods "Weighted mean of 6 benchmarks ...: ARC x2, ...",
 * "Normalized mean ..., 0 = random guess, 100 = perfect: ARC (baseline
 * 25), ...", and "(lower is better)" after such a benchmark. */
void lb_ranking_title(const struct lb_board *b, struct lb_buf *out);

/* "Average of 6 benchmarks", "Mean win rate (HELM) over 6 benchmarks",
 * ...: what the value is (capitalized or not). */
void lb_ranking_value_phrase(const struct lb_board *b, struct lb_buf *out,
                             bool capital);

/* The sentences below a table, each ending in '\n': counts of ranked and
 * unranked rows with the reason, --where, --dedup, the intervals, the tie
 * rule, --top, the mark of partial means. */
void lb_ranking_footer(const struct lb_board *b, struct lb_buf *out);

#endif
