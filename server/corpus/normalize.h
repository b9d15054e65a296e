/* normalize.h: the text forms the corpus compares: keys for names and titles, and quote text
 * normalized for matching (case, curly/straight quotes, whitespace, ellipses, bracketed
 * insertions, punctuation), plus a similarity measure for "closest passage".
 * Results are appended to caller-owned buffers. */
#ifndef BL_NORMALIZE_H
#define BL_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "../base/buf.h"

/* A name/title key: lowercase, letters and digits only, words joined by one space, a leading
 * "the " dropped. "The Washington Post" -> "washington post". */
void bl_norm_key(BlBuf *out, const char *s, size_t n);

/* Quote text for matching: lowercase words of letters/digits separated by single spaces;
 * curly quotes, dashes and punctuation dropped; "[...]" insertions and ellipses removed. */
void bl_norm_quote(BlBuf *out, const char *s, size_t n);

/* Whether `needle` occurs in `hay` on word boundaries (both normalized). */
int bl_norm_contains(const char *hay, const char *needle);

/* Similarity of two normalized texts in [0, 1]: Dice coefficient of their word bigrams (of
 * their words, for one-word texts). */
double bl_norm_similarity(const char *a, const char *b);

/* The sorted bigram hashes bl_norm_similarity compares, for texts compared many times: a heap
 * array the caller frees; *n gets its length. */
uint64_t *bl_norm_grams(const char *s, uint32_t *n);
/* bl_norm_similarity over precomputed grams. */
double bl_norm_similarity_grams(const uint64_t *a, uint32_t na, const uint64_t *b, uint32_t nb);

#endif
