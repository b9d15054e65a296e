/* utf8.c: UTF-8 decoding on top of utf8proc (see utf8.h). The ASCII fast path matters: the
 * linter walks every byte of every article. */
#include "utf8.h"

#include <utf8proc.h>

#include "buf.h"

size_t bl_utf8_decode(const uint8_t *s, size_t len, int32_t *cp)
{
  if (s[0] < 0x80) {
    *cp = s[0];
    return 1;
  }
  utf8proc_int32_t c;
  utf8proc_ssize_t n = utf8proc_iterate(s, (utf8proc_ssize_t)(len > 4 ? 4 : len), &c);
  if (n < 1) { /* utf8proc's negative error code: one invalid byte, keep going */
    *cp = BL_UTF8_INVALID;
    return 1;
  }
  *cp = c;
  return (size_t)n;
}

size_t bl_utf8_first_invalid(const uint8_t *s, size_t len)
{
  size_t i = 0;
  while (i < len) {
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    int32_t cp;
    size_t n = bl_utf8_decode(s + i, len - i, &cp);
    if (cp == BL_UTF8_INVALID) return i;
    i += n;
  }
  return len;
}

size_t bl_utf8_encode(int32_t cp, uint8_t *out)
{
  if (!utf8proc_codepoint_valid(cp)) return 0;
  utf8proc_ssize_t n = utf8proc_encode_char(cp, out);
  return n > 0 ? (size_t)n : 0;
}

int bl_utf8_is_upper(int32_t cp)
{
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp < 0) return 0;
  utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int bl_utf8_is_letter(int32_t cp)
{
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
  if (cp < 0) return 0;
  utf8proc_category_t c = utf8proc_category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

char *bl_utf8_sanitize(const char *s, size_t len)
{
  BlBuf out;
  bl_buf_init(&out, 0);
  const uint8_t *u = (const uint8_t *)s;
  for (size_t i = 0; i < len;) {
    int32_t cp;
    size_t n = bl_utf8_decode(u + i, len - i, &cp);
    if (cp == BL_UTF8_INVALID)
      bl_buf_append(&out, "\xEF\xBF\xBD", 3);
    else
      bl_buf_append(&out, s + i, n);
    i += n;
  }
  return bl_buf_take(&out, NULL);
}
