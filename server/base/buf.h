/* buf.h: a growable byte buffer with an optional hard cap (after curl's dynbuf).
 * A BlBuf owns `data` (always NUL-terminated when non-NULL); bl_buf_free releases it and
 * bl_buf_take hands it to the caller, who then frees it. Appending past `limit` fails with
 * BL_BUF_TOOBIG and leaves the buffer unchanged, so a client cannot make it grow forever. */
#ifndef BL_BUF_H
#define BL_BUF_H

#include <stdarg.h>
#include <stddef.h>

enum { BL_BUF_OK = 0, BL_BUF_TOOBIG = -1 };

typedef struct BlBuf {
  char *data;
  size_t len, cap;
  size_t limit; /* 0 = no cap */
} BlBuf;

void bl_buf_init(BlBuf *self, size_t limit);
int bl_buf_append(BlBuf *self, const void *bytes, size_t len);
int bl_buf_puts(BlBuf *self, const char *s);
int bl_buf_putc(BlBuf *self, char c);
int bl_buf_printf(BlBuf *self, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int bl_buf_vprintf(BlBuf *self, const char *fmt, va_list ap);
/* Drops the first n bytes, keeping the rest. */
void bl_buf_consume(BlBuf *self, size_t n);
void bl_buf_reset(BlBuf *self);
/* Hands out the bytes (NUL-terminated; length in *len if non-NULL) and empties the buffer.
 * The caller frees the result. Never returns NULL. */
char *bl_buf_take(BlBuf *self, size_t *len);
void bl_buf_free(BlBuf *self);

#endif
