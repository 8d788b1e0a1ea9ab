/* writers.h: one writer per format (internal to src/export; lb_export in
 * export.c picks one). Each returns 0 or -1 with a message in err. */
#ifndef LB_EXPORT_WRITERS_H
#define LB_EXPORT_WRITERS_H

#include <stdio.h>

#include "base/buf.h"
#include "export/export.h"

int lb_write_text(FILE *out, const struct lb_board *r, struct lb_error *err);
int lb_write_markdown(FILE *out, const struct lb_board *r,
                      struct lb_error *err);
/* sep: ',' for CSV, '\t' for TSV */
int lb_write_delimited(FILE *out, const struct lb_board *r, char sep,
                       struct lb_error *err);
int lb_write_json(FILE *out, const struct lb_board *r, struct lb_error *err);
int lb_write_latex(FILE *out, const struct lb_board *r, struct lb_error *err);
int lb_write_html(FILE *out, const struct lb_board *r,
                  const struct lb_html_chart *charts, size_t ncharts,
                  const char *charts_note, struct lb_error *err);

/* The escaping functions, one per format (exposed for tests). */
void lb_escape_markdown(struct lb_buf *out, const char *s, size_t len);
void lb_escape_csv(struct lb_buf *out, const char *s, size_t len);
void lb_escape_tsv(struct lb_buf *out, const char *s, size_t len);
void lb_escape_json(struct lb_buf *out, const char *s, size_t len);
void lb_escape_html(struct lb_buf *out, const char *s, size_t len);
void lb_escape_latex(struct lb_buf *out, const char *s, size_t len);

#endif
