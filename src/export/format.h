/* format.h: the output formats, one table of them.
 *
 * Every format is one file of src/export (text.c, markdown.c,
 * delimited.c, json.c, html.c, latex.c) that defines its row of the table,
 * a const struct lb_format named lb_format_NAME, and writes any view
 * (export/view.h). Everything that lists formats comes from the table: the
 * parsing of -f, the format an -o file's extension suggests, the formats
 * named in --help and in error messages, 'leaderboard --list formats' (the
 * bash completion asks it; a test holds the manual page to it).
 *
 * To add a format: write src/export/NAME.c defining lb_format_NAME, add
 * X(NAME) to LB_FORMATS below, add the file to src/CMakeLists.txt. */
#ifndef LB_EXPORT_FORMAT_H
#define LB_EXPORT_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/error.h"
#include "export/view.h"

struct lb_format {
    const char *name;      /* "markdown" */
    const char *aliases;   /* other names -f takes, space-separated ("md"),
                              or "" */
    const char *exts;      /* file extensions (no dot) that suggest it,
                              space-separated ("md markdown") */
    const char *help;      /* what it is, for --help ("a GitHub-flavoured
                              Markdown table") */
    enum lb_audience audience; /* the view it writes */
    /* Writes v to out. Returns 0, or -1 with a message in err (the caller
     * checks write errors: lb_format_write). */
    int (*write)(FILE *out, const struct lb_view *v, struct lb_error *err);
};

/* The formats, in the order they are listed (text first: the default). */
#define LB_FORMATS(X) X(text) X(markdown) X(csv) X(tsv) X(json) X(html) X(latex)

#define LB_FORMAT_DECLARE(name) extern const struct lb_format lb_format_##name;
LB_FORMATS(LB_FORMAT_DECLARE)
#undef LB_FORMAT_DECLARE

/* The table: lb_nformats rows. */
extern const struct lb_format *const lb_formats[];
extern const size_t lb_nformats;

/* The format named s (a name or an alias), or NULL. */
const struct lb_format *lb_format_find(const char *s);

/* The format that path's extension suggests, or NULL. */
const struct lb_format *lb_format_for_path(const char *path);

/* Appends the formats' names, "text, markdown, csv, tsv, json, html or
 * latex" (with 'last' as the last separator: " or ", " and "). */
void lb_format_list(struct lb_buf *out, const char *last);

/* Appends the lines of an option's help: each format and what it is,
 * starting at column 'indent' ("text (default): an aligned table for the
 * terminal"), each line within 79 columns. */
void lb_format_help(struct lb_buf *out, size_t indent);

/* Writes view v in format f: the writer, then a check that nothing failed
 * on the stream (ferror). Returns 0, or -1 with a message in err; the
 * caller still checks fflush and fclose. */
int lb_format_write(const struct lb_format *f, FILE *out,
                    const struct lb_view *v, struct lb_error *err);

#endif
