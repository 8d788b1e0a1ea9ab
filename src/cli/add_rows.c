/* add_rows.c: writing new rows into a score file, for 'add' and 'import'.
 *
 * Locks the file against other writers, reads it, computes the new content
 * (core/add.c: validation first, every other row byte for byte), replaces
 * the file atomically (base/fileio.c), then says where each row ranks. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/fileio.h"
#include "base/quote.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "core/add.h"
#include "core/board.h"
#include "core/table.h"
#include "export/export.h"

/* "added 'org/x': rank 4 of 14 (average 61.37)" for each new row. */
static void report(const struct cli_add_target *tg,
                   const struct lb_new_row *rows, size_t n,
                   const struct lb_buf *content, const size_t *row_index,
                   const bool *replaced)
{
    struct lb_table t;
    struct lb_board b;
    struct lb_board_opts o;
    struct lb_error err;
    struct lb_buf line = LB_BUF_INIT;
    bool ranked;
    size_t i;

    lb_board_opts_init(&o);
    ranked = lb_table_load_mem(&t, tg->file, content->data, content->len, NULL,
                               &err) == 0;
    if (ranked && lb_board_compute(&b, &t, &o, &err) != 0) {
        lb_board_release(&b);
        lb_table_release(&t);
        ranked = false;
    }
    for (i = 0; i < n; i++) {
        size_t row = row_index[i];
        struct lb_quoted q;

        lb_buf_reset(&line);
        lb_buf_addf(&line, "%s %s", replaced[i] ? "replaced" : "added",
                    lb_quote(&q, rows[i].model, rows[i].model_len));
        if (ranked && b.ranking.rank2[row] != 0) {
            lb_i128 shown = 0;
            char num[LB_DEC_BUFSIZE];

            (void)lb_aggregate_round(&b.mean, row, o.rank.precision, &shown);
            lb_buf_adds(&line, ": rank ");
            lb_format_rank(&line, b.ranking.rank2[row]);
            lb_dec_format(num, shown, o.rank.precision);
            lb_buf_addf(&line, " of %zu (average %s)", b.ranking.n_ranked, num);
        } else if (ranked) {
            struct lb_buf why = LB_BUF_INIT;

            lb_board_reason(&b, row, &why);
            lb_buf_adds(&line, ": not ranked (");
            (void)lb_utf8_render(&line, why.data, why.len, 0);
            lb_buf_adds(&line, ")");
            lb_buf_release(&why);
        }
        puts(line.data);
    }
    lb_buf_release(&line);
    if (ranked) {
        lb_board_release(&b);
        lb_table_release(&t);
    }
}

/* Locks, reads, computes and replaces (or creates) the file 'path' (the
 * resolved FILE). */
static int update(const struct cli_add_target *tg, const char *path,
                  const struct lb_new_row *rows, size_t n,
                  struct lb_buf *content, size_t *row_index, bool *replaced,
                  struct lb_error *err)
{
    struct lb_quoted q;
    unsigned attempt;

    for (attempt = 0; attempt < 100; attempt++) {
        struct lb_buf old = LB_BUF_INIT;
        int fd, rc = lb_file_lock(path, &fd, err);
        size_t i;

        if (rc < 0)
            return -1;
        if (rc == 1) {
            if (!tg->create)
                return lb_error_set(err, "%s does not exist; use --create to "
                                         "start a new score file",
                                    lb_quotes(&q, tg->file));
            lb_buf_reset(content);
            if (lb_add_create(tg->file, rows, n, &tg->opts, content, err) != 0)
                return -1;
            rc = lb_file_create(path, content->data, content->len, err);
            if (rc < 0)
                return -1;
            if (rc == 0) {
                for (i = 0; i < n; i++) {
                    row_index[i] = i;
                    replaced[i] = false;
                }
                return 0;
            }
            continue; /* created by another writer meanwhile: add to it */
        }
        lb_buf_reset(content);
        rc = lb_file_read_fd(fd, tg->file, &old, err);
        if (rc == 0 && old.len == 0 && tg->create) {
            /* an empty file: start it as --create would */
            rc = lb_add_create(tg->file, rows, n, &tg->opts, content, err);
            for (i = 0; i < n; i++) {
                row_index[i] = i;
                replaced[i] = false;
            }
        } else if (rc == 0) {
            rc = lb_add_apply(tg->file, lb_buf_str(&old), old.len, rows, n,
                              &tg->opts, content, row_index, replaced, err);
        }
        if (rc == 0)
            rc = lb_file_replace(path, fd, content->data, content->len, err);
        close(fd); /* unlocks */
        lb_buf_release(&old);
        return rc;
    }
    return lb_error_set(err, "cannot create %s: it keeps appearing and "
                             "disappearing",
                        lb_quotes(&q, tg->file));
}

int cli_add_rows(const struct cli_add_target *tg,
                 const struct lb_new_row *rows, size_t n)
{
    struct lb_error err;
    struct lb_buf content = LB_BUF_INIT;
    size_t *row_index = xcalloc(n + 1, sizeof *row_index);
    bool *replaced = xcalloc(n + 1, sizeof *replaced);
    char *path;
    int rc = LB_EXIT_FAILURE;

    lb_error_init(&err);
    path = lb_file_resolve(tg->file, &err);
    if (path != NULL &&
        update(tg, path, rows, n, &content, row_index, replaced, &err) == 0) {
        rc = LB_EXIT_OK;
        if (!tg->quiet)
            report(tg, rows, n, &content, row_index, replaced);
    }
    if (err.msg[0] != '\0')
        cli_error("%s", err.msg);
    free(path);
    free(row_index);
    free(replaced);
    lb_buf_release(&content);
    return rc;
}
