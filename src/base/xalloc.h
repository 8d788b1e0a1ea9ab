/* xalloc.h: allocation with one failure policy.
 *
 * Every allocation in the project goes through these functions. On failure
 * (or on a size computation that would overflow) they print
 * "leaderboard: out of memory (N bytes)" on stderr and exit with status 1:
 * the one place below the CLI that may exit, as in Redis' zmalloc. Callers
 * therefore never check for NULL. */
#ifndef LB_BASE_XALLOC_H
#define LB_BASE_XALLOC_H

#include <stddef.h>

/* malloc(size); never returns NULL (size 0 allocates 1 byte). */
void *xmalloc(size_t size);

/* calloc(n, size), overflow-checked; never returns NULL. */
void *xcalloc(size_t n, size_t size);

/* realloc(p, n * size), overflow-checked; never returns NULL. As with
 * realloc, the old pointer is invalid after the call. */
void *xreallocarray(void *p, size_t n, size_t size);

/* A copy of the first len bytes of s, NUL-terminated; caller frees. */
char *xmemdup0(const char *s, size_t len);

/* A copy of the NUL-terminated string s; caller frees. */
char *xstrdup(const char *s);

/* Grows *cap (at least doubling) until it is >= need; returns the new
 * capacity (cap itself when it is already >= need). Used with
 * xreallocarray for amortised O(1) appends. Large capacities stop a little
 * short of a power of two, so that their blocks fill whole huge pages. */
size_t lb_grow_cap(size_t cap, size_t need);

/* Copies n bytes from src (a block about to be freed) to dst a piece at a
 * time, giving the whole huge pages (2 MiB, aligned) copied so far back to
 * the system: the two copies of a big block never both take memory. What
 * they held reads as zeros after; the bytes before the first and after the
 * last whole huge page keep theirs (giving back part of a huge page would
 * split it into small pages, which costs more than the copy). */
void lb_move_out(void *dst, void *src, size_t n);

#endif
