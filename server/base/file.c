/* file.c: whole-file reads (see file.h). */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"

int bl_read_file(const char *path, BlBuf *out)
{
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!f) return errno;
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) bl_buf_append(out, chunk, n);
  int err = ferror(f) ? (errno ? errno : EIO) : 0;
  if (f != stdin) fclose(f);
  return err;
}

bool bl_looks_binary(const char *text, size_t len)
{
  size_t n = len < 8000 ? len : 8000;
  if (!n || !memchr(text, 0, n)) return false;
  size_t odd = 0;
  const uint8_t *s = (const uint8_t *)text;
  for (size_t i = 0; i < n;) {
    int32_t cp;
    size_t k = bl_utf8_decode(s + i, n - i, &cp);
    if (cp == BL_UTF8_INVALID || (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t' && cp != '\f')) odd++;
    i += k;
  }
  return odd * 10 > n;
}

bool bl_looks_utf16(const char *text, size_t len)
{
  return len >= 2 && (((uint8_t)text[0] == 0xFF && (uint8_t)text[1] == 0xFE) ||
                      ((uint8_t)text[0] == 0xFE && (uint8_t)text[1] == 0xFF));
}
