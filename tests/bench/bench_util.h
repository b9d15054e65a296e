/* bench_util.h: what the in-process benchmarks share for speaking to a BlServer: JSON string
 * literals and base-protocol framing, over the project's own growable buffer (base/buf.h). */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <stddef.h>

#include "base/buf.h"

/* Appends a JSON string literal of s[0..n) (UTF-8 passes through). */
static inline void bench_json_string(BlBuf *b, const char *s, size_t n)
{
  bl_buf_putc(b, '"');
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') {
      char esc[2] = {'\\', (char)c};
      bl_buf_append(b, esc, 2);
    } else if (c == '\n') {
      bl_buf_append(b, "\\n", 2);
    } else if (c < 0x20) {
      bl_buf_printf(b, "\\u%04x", c);
    } else {
      bl_buf_putc(b, (char)c);
    }
  }
  bl_buf_putc(b, '"');
}

/* Replaces out with body framed as the base protocol does. */
static inline void bench_frame(BlBuf *out, const BlBuf *body)
{
  bl_buf_reset(out);
  bl_buf_printf(out, "Content-Length: %zu\r\n\r\n", body->len);
  bl_buf_append(out, body->data, body->len);
}

#endif
