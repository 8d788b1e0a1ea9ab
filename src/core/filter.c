/* filter.c: --where EXPR (see filter.h for the language).
 *
 * A recursive-descent parser builds a small tree once; each row is then
 * evaluated on the table's cells: text columns by their text (numbers
 * parsed exactly, as the loader parses scores), score columns by their
 * exact numbers. Nothing here depends on floating point.
 *
 * Every recursion here is bounded by the nesting of '(' and '!', not by the
 * length of the expression (which may be megabytes): the parser counts
 * that nesting (MAX_DEPTH), and a chain a && b && c ... (or ||) is one
 * node with a list of terms, so the tree is at most 2 * MAX_DEPTH + 1
 * nodes deep (a level adds an '||' node, an '&&' node, or a '!' node)
 * and binding, evaluating and freeing it recurse no deeper. */
#include "core/filter.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/decimal.h"
#include "base/quote.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#define MAX_DEPTH 100     /* nesting of '(' and '!' */
#define WINDOW_HALF 34    /* columns shown on each side of the caret */
#define WINDOW_CHARS 40   /* and characters at most (zero-width ones too) */

enum cmp {
    CMP_EQ,
    CMP_NE,
    CMP_LT,
    CMP_LE,
    CMP_GT,
    CMP_GE,
    CMP_MATCH,   /* ~ */
    CMP_NOMATCH  /* !~ */
};

static const char *const cmp_text[] = {"==", "!=", "<", "<=", ">", ">=", "~",
                                       "!~"};

enum operand_kind {
    OPD_COLUMN,
    OPD_NUMBER,
    OPD_STRING,
    OPD_BOOL
};

struct operand {
    enum operand_kind kind;
    size_t pos;         /* where it starts in the expression */
    char *text;         /* column name or string (owned, NUL-terminated) */
    size_t len;         /* bytes of text */
    struct lb_dec num;  /* OPD_NUMBER */
    bool b;             /* OPD_BOOL */
    size_t col;         /* OPD_COLUMN: the table column, once bound */
};

enum node_kind {
    N_OR,
    N_AND,
    N_NOT,
    N_TEST,    /* l op r */
    N_BOOL,    /* a column alone */
    N_MISSING  /* missing(column) */
};

struct node {
    enum node_kind kind;
    struct node *a;      /* N_NOT: the operand */
    struct node **kids;  /* N_OR, N_AND: the terms, 2 or more (owned) */
    size_t nkids, cap;
    enum cmp op;         /* N_TEST */
    struct operand l, r; /* N_TEST: both; N_BOOL, N_MISSING: l */
};

struct lb_filter {
    char *expr;       /* as given (owned) */
    struct node *root;
};

/* {======================================================================
 * Messages
 * ======================================================================= */

/* Steps back from byte i to the start of the previous UTF-8 character. */
static size_t char_before(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static size_t char_after(const char *s, size_t len, size_t i)
{
    if (i >= len)
        return len;
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* Appends "\n  EXPR\n  ^" with the caret under byte 'pos' of expr: the
 * expression is rendered terminal-safe, and a long one is shown around the
 * position only (one character measured at a time: linear, whatever the
 * expression holds). */
static void add_caret(struct lb_buf *b, const char *expr, size_t pos)
{
    size_t len = strlen(expr), from = 0, to = len, col, w, n, next;

    if (pos > len)
        pos = len;
    if (len > 4 * (2 * WINDOW_HALF + 6) ||
        lb_utf8_width(expr, len) > 2 * WINDOW_HALF + 6) {
        from = pos;
        for (w = 0, n = 0; from > 0 && n < WINDOW_CHARS; n++) {
            next = char_before(expr, from);
            w += lb_utf8_width(expr + next, from - next);
            if (w > WINDOW_HALF)
                break;
            from = next;
        }
        to = pos;
        for (w = 0, n = 0; to < len && n < WINDOW_CHARS; n++) {
            next = char_after(expr, len, to);
            w += lb_utf8_width(expr + to, next - to);
            if (w > WINDOW_HALF)
                break;
            to = next;
        }
    }
    lb_buf_adds(b, "\n  ");
    if (from > 0)
        lb_buf_adds(b, "...");
    (void)lb_utf8_render(b, expr + from, to - from, 0);
    if (to < len)
        lb_buf_adds(b, "...");
    col = (from > 0 ? 3 : 0) + lb_utf8_width(expr + from, pos - from);
    lb_buf_adds(b, "\n  ");
    lb_buf_addpad(b, ' ', col);
    lb_buf_addc(b, '^');
}

static int fail_at(struct lb_error *err, const char *expr, size_t pos,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail_at(struct lb_error *err, const char *expr, size_t pos,
                   const char *fmt, ...)
{
    struct lb_buf b = LB_BUF_INIT;
    char what[512];
    va_list ap;

    va_start(ap, fmt);
    (void)vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    lb_buf_addf(&b, LB_OPT("where") ": %s", what);
    add_caret(&b, expr, pos);
    (void)lb_error_set(err, "%s", b.data);
    lb_buf_release(&b);
    return -1;
}

/* }====================================================================== */

/* {======================================================================
 * Tokens
 * ======================================================================= */

enum tok_kind {
    T_END,
    T_LPAREN,
    T_RPAREN,
    T_AND,
    T_OR,
    T_NOT,
    T_CMP,
    T_IDENT,  /* a bare name (a column, true, false, missing) */
    T_QNAME,  /* `a quoted column name` */
    T_NUMBER,
    T_STRING,
    T_BAD     /* a character that starts nothing */
};

struct token {
    enum tok_kind kind;
    size_t pos, end;    /* bytes [pos, end) of the expression */
    enum cmp op;        /* T_CMP */
};

struct parser {
    const char *s;
    size_t len;
    struct token tok;   /* the current token */
    int depth;
    struct lb_error *err;
};

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_name_char(char c)
{
    return is_alpha(c) || is_digit(c) || c == '.' || c == '-';
}

/* Reads the token at byte i into p->tok; a string or quoted name that does
 * not end is an error (returns -1). */
static int lex(struct parser *p, size_t i)
{
    const char *s = p->s;
    struct token *t = &p->tok;

    while (i < p->len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                          s[i] == '\r'))
        i++;
    t->pos = i;
    t->end = i + 1;
    if (i >= p->len) {
        t->kind = T_END;
        t->end = i;
        return 0;
    }
    switch (s[i]) {
    case '(':
        t->kind = T_LPAREN;
        return 0;
    case ')':
        t->kind = T_RPAREN;
        return 0;
    case '&':
        if (s[i + 1] != '&')
            return fail_at(p->err, s, i, "'&' is not an operator: use '&&'");
        t->kind = T_AND;
        t->end = i + 2;
        return 0;
    case '|':
        if (s[i + 1] != '|')
            return fail_at(p->err, s, i, "'|' is not an operator: use '||'");
        t->kind = T_OR;
        t->end = i + 2;
        return 0;
    case '!':
        t->kind = T_CMP;
        t->end = i + 2;
        if (s[i + 1] == '=')
            t->op = CMP_NE;
        else if (s[i + 1] == '~')
            t->op = CMP_NOMATCH;
        else {
            t->kind = T_NOT;
            t->end = i + 1;
        }
        return 0;
    case '=':
        if (s[i + 1] != '=')
            return fail_at(p->err, s, i, "'=' is not an operator: use '=='");
        t->kind = T_CMP;
        t->op = CMP_EQ;
        t->end = i + 2;
        return 0;
    case '<':
    case '>':
        t->kind = T_CMP;
        if (s[i + 1] == '=') {
            t->op = s[i] == '<' ? CMP_LE : CMP_GE;
            t->end = i + 2;
        } else {
            t->op = s[i] == '<' ? CMP_LT : CMP_GT;
        }
        return 0;
    case '~':
        t->kind = T_CMP;
        t->op = CMP_MATCH;
        return 0;
    case '"':
    case '\'':
    case '`': {
        char q = s[i];
        size_t j = i + 1;

        while (j < p->len && s[j] != q)
            j += (s[j] == '\\' && j + 1 < p->len) ? 2 : 1;
        if (j >= p->len)
            return fail_at(p->err, s, i, "%s has no closing %c",
                           q == '`' ? "this column name" : "this string", q);
        t->kind = q == '`' ? T_QNAME : T_STRING;
        t->end = j + 1;
        return 0;
    }
    default:
        break;
    }
    if (is_digit(s[i]) || s[i] == '.' ||
        ((s[i] == '-' || s[i] == '+') &&
         (is_digit(s[i + 1]) || s[i + 1] == '.'))) {
        size_t j = i + 1;

        while (j < p->len && (is_digit(s[j]) || s[j] == '.'))
            j++;
        if (j < p->len && (s[j] == 'e' || s[j] == 'E')) {
            j++;
            if (j < p->len && (s[j] == '+' || s[j] == '-'))
                j++;
            while (j < p->len && is_digit(s[j]))
                j++;
        }
        t->kind = T_NUMBER;
        t->end = j;
        return 0;
    }
    if (is_alpha(s[i])) {
        size_t j = i + 1;

        while (j < p->len && is_name_char(s[j]))
            j++;
        t->kind = T_IDENT;
        t->end = j;
        return 0;
    }
    t->kind = T_BAD;
    t->end = char_after(s, p->len, i);
    return 0;
}

static int advance(struct parser *p)
{
    return lex(p, p->tok.end);
}

static bool tok_is(const struct parser *p, const char *word)
{
    size_t n = strlen(word);

    return p->tok.kind == T_IDENT && p->tok.end - p->tok.pos == n &&
           memcmp(p->s + p->tok.pos, word, n) == 0;
}

/* How the current token reads in a message: 'TEXT' or "the end". */
static const char *tok_desc(const struct parser *p, struct lb_quoted *q)
{
    if (p->tok.kind == T_END)
        return "the end";
    return lb_quote(q, p->s + p->tok.pos, p->tok.end - p->tok.pos);
}

/* }====================================================================== */

/* {======================================================================
 * Parsing
 * ======================================================================= */

static void free_node(struct node *n)
{
    size_t i;

    if (n == NULL)
        return;
    free_node(n->a); /* bounded: see the top of the file */
    for (i = 0; i < n->nkids; i++)
        free_node(n->kids[i]);
    free(n->kids);
    free(n->l.text);
    free(n->r.text);
    free(n);
}

static struct node *new_node(enum node_kind kind)
{
    struct node *n = xcalloc(1, sizeof *n);

    n->kind = kind;
    return n;
}

/* The text of a string or quoted name without its quotes, backslashes
 * taking the next byte as is. */
static char *unquote(const char *s, size_t len, size_t *out_len)
{
    char *out = xmalloc(len + 1);
    size_t i, n = 0;

    for (i = 1; i + 1 < len; i++) {
        if (s[i] == '\\' && i + 2 < len)
            i++;
        out[n++] = s[i];
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

static int parse_or(struct parser *p, struct node **out);

/* An operand at the current token into *o; advances past it. */
static int parse_operand(struct parser *p, struct operand *o)
{
    const struct token *t = &p->tok;
    struct lb_quoted q;
    size_t n = t->end - t->pos;

    memset(o, 0, sizeof *o);
    o->pos = t->pos;
    switch (t->kind) {
    case T_NUMBER: {
        enum lb_num_status st = lb_dec_parse(p->s + t->pos, n, &o->num);

        if (st != LB_NUM_OK)
            return fail_at(p->err, p->s, t->pos, "%s %s",
                           lb_quote(&q, p->s + t->pos, n),
                           lb_num_status_phrase(st));
        o->kind = OPD_NUMBER;
        break;
    }
    case T_STRING:
        o->kind = OPD_STRING;
        o->text = unquote(p->s + t->pos, n, &o->len);
        break;
    case T_QNAME:
        o->kind = OPD_COLUMN;
        o->text = unquote(p->s + t->pos, n, &o->len);
        if (o->len == 0) {
            free(o->text);
            o->text = NULL;
            return fail_at(p->err, p->s, t->pos, "empty column name");
        }
        break;
    case T_IDENT:
        if (tok_is(p, "true") || tok_is(p, "false")) {
            o->kind = OPD_BOOL;
            o->b = tok_is(p, "true");
        } else {
            o->kind = OPD_COLUMN;
            o->text = xmemdup0(p->s + t->pos, n);
            o->len = n;
        }
        break;
    default:
        return fail_at(p->err, p->s, t->pos,
                       "expected a column, a number or a string, not %s",
                       tok_desc(p, &q));
    }
    return advance(p);
}

static bool is_literal(const struct operand *o)
{
    return o->kind != OPD_COLUMN;
}

/* l op r, or a column alone, or missing(column). */
static int parse_test(struct parser *p, struct node **out)
{
    struct lb_quoted q;
    struct node *n;
    size_t op_pos;

    if (tok_is(p, "missing")) {
        size_t save = p->tok.pos;

        if (lex(p, p->tok.end) != 0)
            return -1;
        if (p->tok.kind != T_LPAREN) {
            /* a column named 'missing' */
            if (lex(p, save) != 0)
                return -1;
        } else {
            n = new_node(N_MISSING);
            *out = n;
            if (advance(p) != 0 || parse_operand(p, &n->l) != 0)
                return -1;
            if (n->l.kind != OPD_COLUMN)
                return fail_at(p->err, p->s, n->l.pos,
                               "missing() takes a column");
            if (p->tok.kind != T_RPAREN)
                return fail_at(p->err, p->s, p->tok.pos,
                               "expected ')' after the column, not %s",
                               tok_desc(p, &q));
            return advance(p);
        }
    }
    n = new_node(N_TEST);
    *out = n;
    if (parse_operand(p, &n->l) != 0)
        return -1;
    if (p->tok.kind != T_CMP) {
        if (n->l.kind != OPD_COLUMN)
            return fail_at(p->err, p->s, n->l.pos,
                           "a %s alone is not a test: compare a column with "
                           "it",
                           n->l.kind == OPD_NUMBER   ? "number"
                           : n->l.kind == OPD_STRING ? "string"
                                                     : "constant");
        if (p->tok.kind == T_IDENT || p->tok.kind == T_NUMBER ||
            p->tok.kind == T_STRING || p->tok.kind == T_QNAME ||
            p->tok.kind == T_LPAREN || p->tok.kind == T_BAD)
            return fail_at(p->err, p->s, p->tok.pos,
                           "expected an operator (== != < <= > >= ~ !~ && "
                           "||) or ')', not %s",
                           tok_desc(p, &q));
        n->kind = N_BOOL;
        return 0;
    }
    n->op = p->tok.op;
    op_pos = p->tok.pos;
    if (advance(p) != 0)
        return -1;
    if (p->tok.kind == T_END || p->tok.kind == T_RPAREN ||
        p->tok.kind == T_AND || p->tok.kind == T_OR || p->tok.kind == T_CMP)
        return fail_at(p->err, p->s, p->tok.pos,
                       "expected a value after '%s', not %s", cmp_text[n->op],
                       tok_desc(p, &q));
    if (parse_operand(p, &n->r) != 0)
        return -1;
    if (is_literal(&n->l) && is_literal(&n->r))
        return fail_at(p->err, p->s, n->l.pos,
                       "this compares two constants: name a column");
    if (n->op == CMP_MATCH || n->op == CMP_NOMATCH) {
        if (n->l.kind != OPD_COLUMN || n->r.kind != OPD_STRING)
            return fail_at(p->err, p->s, op_pos,
                           "'%s' takes a column on its left and a quoted "
                           "pattern on its right",
                           cmp_text[n->op]);
    } else if (is_literal(&n->l)) {
        /* 13 >= params_b: params_b <= 13 */
        struct operand tmp = n->l;
        static const enum cmp mirror[] = {CMP_EQ, CMP_NE, CMP_GT, CMP_GE,
                                          CMP_LT, CMP_LE};

        n->l = n->r;
        n->r = tmp;
        n->op = mirror[n->op];
    }
    if (n->r.kind == OPD_BOOL && n->op != CMP_EQ && n->op != CMP_NE)
        return fail_at(p->err, p->s, op_pos,
                       "true and false compare with == and != only");
    return 0;
}

static int parse_unary(struct parser *p, struct node **out)
{
    struct lb_quoted q;
    int rc;

    if (++p->depth > MAX_DEPTH)
        return fail_at(p->err, p->s, p->tok.pos,
                       "nested more than %d levels deep", MAX_DEPTH);
    if (p->tok.kind == T_NOT) {
        struct node *n = new_node(N_NOT);

        *out = n;
        rc = advance(p) != 0 ? -1 : parse_unary(p, &n->a);
    } else if (p->tok.kind == T_LPAREN) {
        size_t open = p->tok.pos;

        rc = advance(p) != 0 ? -1 : parse_or(p, out);
        if (rc == 0 && p->tok.kind != T_RPAREN)
            rc = p->tok.kind == T_END
                     ? fail_at(p->err, p->s, open,
                               "this '(' has no closing ')'")
                     : fail_at(p->err, p->s, p->tok.pos,
                               "expected ')', '&&' or '||', not %s",
                               tok_desc(p, &q));
        if (rc == 0)
            rc = advance(p);
    } else {
        rc = parse_test(p, out);
    }
    p->depth--;
    return rc;
}

/* A new, empty slot for a term of n (N_AND, N_OR). */
static struct node **add_kid(struct node *n)
{
    if (n->nkids == n->cap) {
        n->cap = lb_grow_cap(n->cap, n->nkids + 1);
        n->kids = xreallocarray(n->kids, n->cap, sizeof *n->kids);
    }
    n->kids[n->nkids] = NULL;
    return &n->kids[n->nkids++];
}

/* term (OP term)*: one node of kind 'kind' holding every term, or the
 * term alone. Every node is in the tree as soon as it is made, so that an
 * error frees what was parsed. */
static int parse_chain(struct parser *p, struct node **out, enum tok_kind op,
                       enum node_kind kind,
                       int (*term)(struct parser *, struct node **))
{
    struct node *n;

    if (term(p, out) != 0)
        return -1;
    if (p->tok.kind != op)
        return 0;
    n = new_node(kind);
    *add_kid(n) = *out;
    *out = n;
    while (p->tok.kind == op)
        if (advance(p) != 0 || term(p, add_kid(n)) != 0)
            return -1;
    return 0;
}

static int parse_and(struct parser *p, struct node **out)
{
    return parse_chain(p, out, T_AND, N_AND, parse_unary);
}

static int parse_or(struct parser *p, struct node **out)
{
    return parse_chain(p, out, T_OR, N_OR, parse_and);
}

int lb_filter_parse(const char *expr, struct lb_filter **out,
                    struct lb_error *err)
{
    struct parser p;
    struct lb_filter *f = xcalloc(1, sizeof *f);
    struct lb_quoted q;
    int rc;

    *out = NULL;
    f->expr = xstrdup(expr);
    memset(&p, 0, sizeof p);
    p.s = f->expr;
    p.len = strlen(expr);
    p.err = err;
    rc = lex(&p, 0);
    if (rc == 0 && p.tok.kind == T_END)
        rc = fail_at(err, f->expr, 0, "the expression is empty");
    if (rc == 0)
        rc = parse_or(&p, &f->root);
    if (rc == 0 && p.tok.kind != T_END)
        rc = fail_at(err, f->expr, p.tok.pos,
                     p.tok.kind == T_RPAREN
                         ? "this ')' has no opening '('"
                         : "expected '&&', '||' or the end, not %s",
                     tok_desc(&p, &q));
    if (rc != 0) {
        lb_filter_free(f);
        return -1;
    }
    *out = f;
    return 0;
}

void lb_filter_free(struct lb_filter *f)
{
    if (f == NULL)
        return;
    free_node(f->root);
    free(f->expr);
    free(f);
}

const char *lb_filter_text(const struct lb_filter *f)
{
    return f->expr;
}

/* }====================================================================== */

/* {======================================================================
 * Binding
 * ======================================================================= */

static int bind_column(const struct lb_filter *f, struct operand *o,
                       const struct lb_table *t, struct lb_error *err)
{
    struct lb_buf cols = LB_BUF_INIT;
    struct lb_quoted q;
    size_t i;
    int rc;

    o->col = lb_table_find(t, o->text);
    if (o->col != LB_NPOS)
        return 0;
    for (i = 0; i < t->ncols && cols.len < 400; i++)
        lb_buf_addf(&cols, "%s%s", i ? ", " : "",
                    lb_quotes(&q, t->cols[i].name));
    if (i < t->ncols)
        lb_buf_adds(&cols, ", ...");
    rc = fail_at(err, f->expr, o->pos, "no column %s in %s (columns: %s)",
                 lb_quote(&q, o->text, o->len), t->path, lb_buf_str(&cols));
    lb_buf_release(&cols);
    return rc;
}

static int bind_node(const struct lb_filter *f, struct node *n,
                     const struct lb_table *t, struct lb_error *err)
{
    struct lb_quoted q;
    size_t i;

    if (n == NULL)
        return 0;
    /* bounded: see the top of the file */
    if (bind_node(f, n->a, t, err) != 0)
        return -1;
    for (i = 0; i < n->nkids; i++)
        if (bind_node(f, n->kids[i], t, err) != 0)
            return -1;
    if (n->kind != N_TEST && n->kind != N_BOOL && n->kind != N_MISSING)
        return 0;
    if (bind_column(f, &n->l, t, err) != 0)
        return -1;
    if (n->kind == N_TEST && n->r.kind == OPD_COLUMN &&
        bind_column(f, &n->r, t, err) != 0)
        return -1;
    /* a score column keeps no text: only numbers compare with it */
    if (!t->cols[n->l.col].has_text &&
        ((n->kind == N_TEST &&
          (n->r.kind == OPD_STRING || n->r.kind == OPD_BOOL)) ||
         n->kind == N_BOOL))
        return fail_at(err, f->expr, n->l.pos,
                       "column %s holds scores: compare it with a number",
                       lb_quotes(&q, t->cols[n->l.col].name));
    return 0;
}

int lb_filter_bind(struct lb_filter *f, const struct lb_table *t,
                   struct lb_error *err)
{
    return bind_node(f, f->root, t, err);
}

/* }====================================================================== */

/* {======================================================================
 * Evaluation
 * ======================================================================= */

/* A cell as text, or as a number when the column keeps no text. */
struct cellv {
    bool missing;
    bool has_text;
    const char *s;
    size_t len;
    struct lb_dec num; /* when !has_text */
};

static int read_cell(const struct lb_table *t, size_t col, size_t row,
                     struct cellv *v, struct lb_error *err)
{
    const struct lb_column *c = &t->cols[col];

    memset(v, 0, sizeof *v);
    if (c->has_text) {
        v->has_text = true;
        v->s = lb_table_text(t, col, row, &v->len);
        v->missing = lb_is_missing_text(v->s, v->len);
        return 0;
    }
    if (!c->numeric) /* a bad cell somewhere: say where */
        return lb_table_check_numeric(t, col, err);
    v->missing = lb_column_missing(c, row);
    lb_column_dec(c, row, &v->num);
    return 0;
}

static int cell_error(const struct lb_table *t, size_t col, size_t row,
                      const struct cellv *v, const char *phrase,
                      struct lb_error *err)
{
    struct lb_quoted qv, qc;

    return lb_error_set(err, "%s:%zu:%zu: %s %s (column %s, in "
                             LB_OPT("where") ")",
                        t->path, lb_table_line(t, row),
                        t->cols[col].index + 1, lb_quote(&qv, v->s, v->len),
                        phrase, lb_quotes(&qc, t->cols[col].name));
}

/* The cell as a number into *d: 0, 1 when it is not one (no error yet),
 * or -1 after an error. */
static int cell_number(const struct cellv *v, struct lb_dec *d,
                       enum lb_num_status *st)
{
    if (!v->has_text) {
        *d = v->num;
        return 0;
    }
    *st = lb_dec_parse(v->s, v->len, d);
    return *st == LB_NUM_OK ? 0 : 1;
}

/* Compares two exact decimals: <0, 0, >0. */
static int dec_cmp(struct lb_dec a, struct lb_dec b)
{
    lb_i128 x = a.units, y = b.units;

    /* |units| < 2^63 and 10^18 < 2^60: the products fit */
    if (a.scale < b.scale)
        x *= lb_pow10[b.scale - a.scale];
    else
        y *= lb_pow10[a.scale - b.scale];
    return (x > y) - (x < y);
}

static int bytes_cmp(const char *a, size_t la, const char *b, size_t lb)
{
    int c = memcmp(a, b, la < lb ? la : lb);

    if (c != 0)
        return c;
    return (la > lb) - (la < lb);
}

static enum lb_truth truth(bool b)
{
    return b ? LB_TRUE : LB_FALSE;
}

static enum lb_truth order_truth(enum cmp op, int c)
{
    switch (op) {
    case CMP_EQ:
        return truth(c == 0);
    case CMP_NE:
        return truth(c != 0);
    case CMP_LT:
        return truth(c < 0);
    case CMP_LE:
        return truth(c <= 0);
    case CMP_GT:
        return truth(c > 0);
    case CMP_GE:
    default:
        return truth(c >= 0);
    }
}

static char fold(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool word_is(const char *s, size_t len, const char *w)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (w[i] == '\0' || fold(s[i]) != w[i])
            return false;
    return w[len] == '\0';
}

/* A cell as a boolean: 0, or 1 when it is not one. */
static int cell_bool(const struct cellv *v, bool *b)
{
    if (word_is(v->s, v->len, "true") || word_is(v->s, v->len, "yes") ||
        word_is(v->s, v->len, "1"))
        *b = true;
    else if (word_is(v->s, v->len, "false") || word_is(v->s, v->len, "no") ||
             word_is(v->s, v->len, "0"))
        *b = false;
    else
        return 1;
    return 0;
}

/* One UTF-8 character (or one invalid byte) of s at *i. */
static size_t char_len(const char *s, size_t len, size_t i)
{
    uint32_t cp;
    size_t n = lb_utf8_decode(s + i, len - i, &cp);

    return n == 0 ? 1 : n;
}

/* One character of a NUL-terminated pattern at q: at most 4 bytes are
 * looked at (strlen of the rest would make a long set quadratic). */
static size_t pat_char_len(const char *q)
{
    size_t n = 0;

    while (n < 4 && q[n] != '\0')
        n++;
    return char_len(q, n, 0);
}

/* Whether the set at pattern p (just after '[') holds the character
 * s[0..n); *end receives the position after ']'. A '[' without ']' is a
 * literal '[' (end stays at p). */
static bool set_match(const char *p, const char *c, size_t n, const char **end)
{
    const char *q = p;
    bool neg = false, hit = false, first = true;

    if (*q == '!' || *q == '^') {
        neg = true;
        q++;
    }
    while (*q != '\0' && (first || *q != ']')) {
        const char *lo = q;
        size_t ln = pat_char_len(q);

        first = false;
        if (*q == '\\' && q[1] != '\0') {
            lo = q + 1;
            ln = pat_char_len(lo);
        }
        q = lo + ln;
        if (q[0] == '-' && q[1] != ']' && q[1] != '\0') {
            const char *hi = q + 1;
            size_t hn = pat_char_len(hi);
            uint32_t a = 0, b = 0, x = 0;

            (void)lb_utf8_decode(lo, ln, &a);
            (void)lb_utf8_decode(hi, hn, &b);
            (void)lb_utf8_decode(c, n, &x);
            if (ln == 1)
                a = (unsigned char)fold(*lo);
            if (hn == 1)
                b = (unsigned char)fold(*hi);
            if (n == 1)
                x = (unsigned char)fold(*c);
            if (a <= x && x <= b)
                hit = true;
            /* letters: either case */
            if (n == 1 && *c >= 'a' && *c <= 'z') {
                uint32_t up = (uint32_t)(unsigned char)*c - 'a' + 'A';

                if (a <= up && up <= b)
                    hit = true;
            }
            q = hi + hn;
        } else if (ln == n && (memcmp(lo, c, n) == 0 ||
                               (n == 1 && fold(*lo) == fold(*c)))) {
            hit = true;
        }
    }
    if (*q != ']') {
        *end = p;
        return false;
    }
    *end = q + 1;
    return hit != neg;
}

bool lb_glob_match(const char *pattern, const char *s, size_t len)
{
    const char *p = pattern, *star_p = NULL;
    size_t i = 0, star_i = 0;

    while (i < len) {
        size_t n = char_len(s, len, i);

        if (*p == '*') {
            star_p = ++p;
            star_i = i;
            continue;
        }
        if (*p == '?') {
            p++;
            i += n;
            continue;
        }
        if (*p == '[') {
            const char *end;

            if (set_match(p + 1, s + i, n, &end)) {
                p = end;
                i += n;
                continue;
            }
            if (end == p + 1 && s[i] == '[') { /* no ']': a literal '[' */
                p++;
                i++;
                continue;
            }
        } else if (*p != '\0') {
            const char *lit = p;

            if (*lit == '\\' && lit[1] != '\0')
                lit++;
            if (fold(*lit) == fold(s[i])) {
                p = lit + 1;
                i++;
                continue;
            }
        }
        /* no match here: let the last '*' take one more character */
        if (star_p == NULL)
            return false;
        p = star_p;
        star_i += char_len(s, len, star_i);
        i = star_i;
    }
    while (*p == '*')
        p++;
    return *p == '\0';
}

static int eval_test(const struct node *n, const struct lb_table *t,
                     size_t row, enum lb_truth *out, struct lb_error *err)
{
    struct cellv a, b;
    struct lb_dec x, y;
    enum lb_num_status st = LB_NUM_OK;
    int rc;

    if (read_cell(t, n->l.col, row, &a, err) != 0)
        return -1;
    if (a.missing) {
        *out = LB_UNKNOWN;
        return 0;
    }
    switch (n->r.kind) {
    case OPD_NUMBER:
        rc = cell_number(&a, &x, &st);
        if (rc != 0)
            return cell_error(t, n->l.col, row, &a, lb_num_status_phrase(st),
                              err);
        *out = order_truth(n->op, dec_cmp(x, n->r.num));
        return 0;
    case OPD_STRING:
        if (n->op == CMP_MATCH || n->op == CMP_NOMATCH) {
            bool m = lb_glob_match(n->r.text, a.s, a.len);

            *out = truth(n->op == CMP_MATCH ? m : !m);
        } else {
            *out = order_truth(n->op, bytes_cmp(a.s, a.len, n->r.text,
                                                n->r.len));
        }
        return 0;
    case OPD_BOOL: {
        bool v;

        if (cell_bool(&a, &v) != 0)
            return cell_error(t, n->l.col, row, &a, "is not true or false",
                              err);
        *out = truth(n->op == CMP_EQ ? v == n->r.b : v != n->r.b);
        return 0;
    }
    case OPD_COLUMN:
    default:
        if (read_cell(t, n->r.col, row, &b, err) != 0)
            return -1;
        if (b.missing) {
            *out = LB_UNKNOWN;
            return 0;
        }
        if (cell_number(&a, &x, &st) == 0 && cell_number(&b, &y, &st) == 0) {
            *out = order_truth(n->op, dec_cmp(x, y));
            return 0;
        }
        /* as text; a score column has none, so the other is not a number */
        if (!a.has_text)
            return cell_error(t, n->r.col, row, &b, "is not a number", err);
        if (!b.has_text)
            return cell_error(t, n->l.col, row, &a, "is not a number", err);
        *out = order_truth(n->op, bytes_cmp(a.s, a.len, b.s, b.len));
        return 0;
    }
}

static int eval_node(const struct node *n, const struct lb_table *t,
                     size_t row, enum lb_truth *out, struct lb_error *err)
{
    enum lb_truth x;
    struct cellv v;
    bool b;

    switch (n->kind) {
    case N_OR:
    case N_AND: {
        /* left to right, stopping at the first false (&&) or true (||),
         * as nested pairs would: a later term is not read, so cannot fail */
        enum lb_truth stop = n->kind == N_AND ? LB_FALSE : LB_TRUE;
        size_t i;

        *out = n->kind == N_AND ? LB_TRUE : LB_FALSE;
        for (i = 0; i < n->nkids; i++) {
            /* bounded: see the top of the file */
            if (eval_node(n->kids[i], t, row, &x, err) != 0)
                return -1;
            if (x == stop) {
                *out = x;
                return 0;
            }
            if (x == LB_UNKNOWN)
                *out = LB_UNKNOWN;
        }
        return 0;
    }
    case N_NOT:
        if (eval_node(n->a, t, row, &x, err) != 0)
            return -1;
        *out = x == LB_UNKNOWN ? LB_UNKNOWN : truth(x == LB_FALSE);
        return 0;
    case N_MISSING:
        if (read_cell(t, n->l.col, row, &v, err) != 0)
            return -1;
        *out = truth(v.missing);
        return 0;
    case N_BOOL:
        if (read_cell(t, n->l.col, row, &v, err) != 0)
            return -1;
        if (v.missing) {
            *out = LB_UNKNOWN;
            return 0;
        }
        if (cell_bool(&v, &b) != 0)
            return cell_error(t, n->l.col, row, &v, "is not true or false",
                              err);
        *out = truth(b);
        return 0;
    case N_TEST:
    default:
        return eval_test(n, t, row, out, err);
    }
}

int lb_filter_eval(const struct lb_filter *f, const struct lb_table *t,
                   size_t row, enum lb_truth *out, struct lb_error *err)
{
    return eval_node(f->root, t, row, out, err);
}

int lb_filter_retain(struct lb_filter *f, struct lb_table *t, size_t *dropped,
                     struct lb_error *err)
{
    bool *keep;
    size_t r, kept = 0;
    int rc = 0;

    *dropped = 0;
    if (lb_filter_bind(f, t, err) != 0)
        return -1;
    keep = xcalloc(t->nrows + 1, sizeof *keep);
    for (r = 0; r < t->nrows && rc == 0; r++) {
        enum lb_truth v;

        rc = lb_filter_eval(f, t, r, &v, err);
        keep[r] = rc == 0 && v == LB_TRUE;
        kept += keep[r];
    }
    if (rc == 0) {
        *dropped = t->nrows - kept;
        lb_table_retain(t, keep);
    }
    free(keep);
    return rc;
}

/* }====================================================================== */
