/* buf.h: a growable byte buffer with an optional hard cap (after curl's dynbuf).
 * A BlBuf owns `data` (always NUL-terminated when non-NULL); bl_buf_free releases it and
 * bl_buf_take hands it to the caller, who then frees it. Appending past `limit` fails with
 * BL_BUF_TOOBIG and leaves the buffer unchanged, so a client cannot make it grow forever. */
#ifndef BL_BUF_H
#define BL_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

enum { BL_BUF_OK = 0, BL_BUF_TOOBIG = -1 };

typedef struct BlBuf {
  char *data;
  size_t len, cap;
  size_t limit; /* 0 = no cap */
} BlBuf;

void bl_buf_init(BlBuf *self, size_t limit);
/* bl_buf_append when the bytes do not fit the allocation (grows it, or fails at the cap). */
int bl_buf__append_slow(BlBuf *self, const void *bytes, size_t len);

/* Appending is on hot paths (JSON output, text normalization): the case where the bytes fit
 * the allocation and the cap is inline; growing is not. */
static inline int bl_buf_append(BlBuf *self, const void *bytes, size_t len)
{
  if (len < self->cap - self->len && (!self->limit || self->len + len <= self->limit)) {
    if (len) memcpy(self->data + self->len, bytes, len);
    self->len += len;
    self->data[self->len] = '\0';
    return BL_BUF_OK;
  }
  return bl_buf__append_slow(self, bytes, len);
}

static inline int bl_buf_puts(BlBuf *self, const char *s)
{
  return bl_buf_append(self, s, strlen(s));
}

static inline int bl_buf_putc(BlBuf *self, char c)
{
  return bl_buf_append(self, &c, 1);
}

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
