/* utf8.h: UTF-8 decoding over utf8proc; the only includer of utf8proc.h.
 * Byline keeps text as UTF-8 bytes everywhere. Invalid bytes are not fatal: the decoder reports
 * each one as a single-byte unit with code point BL_UTF8_INVALID, so every position in a buffer
 * still maps somewhere. */
#ifndef BL_UTF8_H
#define BL_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define BL_UTF8_INVALID (-1)

/* Decodes the character at s[0..len) (len > 0). Stores the code point (or BL_UTF8_INVALID)
 * in *cp and returns the number of bytes it spans (1..4; 1 for an invalid byte). */
size_t bl_utf8_decode(const uint8_t *s, size_t len, int32_t *cp);

/* Offset of the first invalid byte in s[0..len), or len when the text is valid UTF-8. */
size_t bl_utf8_first_invalid(const uint8_t *s, size_t len);

/* Encodes cp into out (at least 4 bytes); returns the byte count, 0 for an invalid cp. */
size_t bl_utf8_encode(int32_t cp, uint8_t *out);

/* A copy of s[0..len) that is valid UTF-8: each invalid byte becomes U+FFFD. The caller frees
 * the result. */
char *bl_utf8_sanitize(const char *s, size_t len);

/* Unicode general category helpers used by the analysis. */
int bl_utf8_is_upper(int32_t cp);
int bl_utf8_is_letter(int32_t cp);

#endif
