/* utf8.h: UTF-8 decoding, terminal display width and safe rendering of
 * untrusted text.
 *
 * Model names come from strangers. Anything shown on a terminal goes through
 * lb_utf8_render, which never passes control bytes (C0, DEL, C1), bidi
 * overrides or invalid UTF-8 through raw: they are shown as visible escapes
 * (\t, \n, \r, \xHH for bytes, \uHHHH for code points). */
#ifndef LB_BASE_UTF8_H
#define LB_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* Decodes one code point from s[0..len) (len > 0). Returns the number of
 * bytes used (1..4) and sets *cp; returns 0 when s does not start with a
 * valid, shortest-form UTF-8 sequence (surrogates and values above
 * U+10FFFF are invalid). */
size_t lb_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Columns a code point takes on a terminal: 0 (combining marks, zero-width
 * characters), 2 (East Asian wide and fullwidth, most emoji) or 1. Only
 * meaningful for code points that lb_utf8_is_unsafe rejects not. */
int lb_utf8_cp_width(uint32_t cp);

/* True for code points that must never reach a terminal raw: C0 controls,
 * DEL, C1 controls, and the bidi controls that can reorder what a reader
 * sees (U+061C, U+200E, U+200F, U+2028, U+2029, U+202A..U+202E,
 * U+2066..U+2069), and U+FEFF (a byte order mark inside text: invisible,
 * it made "\uFEFFmodel" look like "model"). */
bool lb_utf8_is_unsafe(uint32_t cp);

/* True when a spreadsheet would read text starting so as a formula: its
 * first byte is '=', '+', '-', '@', TAB or CR. (The CSV and TSV writers
 * then add a "'"; add and import refuse such a text cell unless it is a
 * number.) */
bool lb_text_formula_like(const char *s, size_t len);

/* True when s[0..len) is valid UTF-8. */
bool lb_utf8_valid(const char *s, size_t len);

/* Appends to 'out' a rendering of s[0..len) that is safe on a terminal and
 * returns its display width. When max_width > 0 and the rendering would be
 * wider, it is cut at a character boundary and "..." is appended, the whole
 * staying within max_width columns (max_width >= 4). */
size_t lb_utf8_render(struct lb_buf *out, const char *s, size_t len,
                      size_t max_width);

/* Display width of what lb_utf8_render would produce (no max width). */
size_t lb_utf8_width(const char *s, size_t len);

/* Printable ASCII (0x20 to 0x7E) is shown as it is, one column a byte, so
 * text made of it alone needs neither decoding nor escaping. These test
 * eight bytes at once: the byte of 'word' at memory offset i is
 * (word >> 8 * i) & 0xFF once loaded with memcpy on a little-endian
 * machine. Both give the high bit of each byte that is so, the other bits
 * 0, exactly (no borrow crosses from one byte to the next). */
#define LB_WORD_ONES 0x0101010101010101u
#define LB_WORD_HIGH 0x8080808080808080u

/* The bytes that are not printable ASCII (NUL among them). */
static inline uint64_t lb_word_unprintable(uint64_t word)
{
    uint64_t y = word | LB_WORD_HIGH; /* each byte >= 0x80: no borrow */

    return (~(y - LB_WORD_ONES * 0x20) | (y - LB_WORD_ONES * 0x7F) | word) &
           LB_WORD_HIGH;
}

/* The bytes that are 0. */
static inline uint64_t lb_word_zero(uint64_t word)
{
    return ~((word | LB_WORD_HIGH) - LB_WORD_ONES) & ~word & LB_WORD_HIGH;
}

/* The memory offset (0 to 7) of the first byte a nonzero mask of those
 * marks. */
static inline unsigned lb_word_first(uint64_t mask)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return (unsigned)__builtin_clzll(mask) / 8;
#else
    return (unsigned)__builtin_ctzll(mask) / 8;
#endif
}

/* The length of the run of printable ASCII that s[0..len) starts with. */
size_t lb_ascii_run(const char *s, size_t len);

#endif
