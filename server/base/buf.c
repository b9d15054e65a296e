/* buf.c: growable byte buffer with a cap (see buf.h). */
#include "buf.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"

void bl_buf_init(BlBuf *self, size_t limit)
{
  self->data = NULL;
  self->len = self->cap = 0;
  self->limit = limit;
}

static int bl_buf__grow(BlBuf *self, size_t extra)
{
  size_t need = self->len + extra + 1;
  if (need < self->len) return BL_BUF_TOOBIG; /* overflow */
  if (self->limit && self->len + extra > self->limit) return BL_BUF_TOOBIG;
  if (need <= self->cap) return BL_BUF_OK;
  size_t cap = self->cap ? self->cap : 64;
  while (cap < need) cap *= 2;
  self->data = bl_realloc(self->data, cap);
  self->cap = cap;
  return BL_BUF_OK;
}

int bl_buf__append_slow(BlBuf *self, const void *bytes, size_t len)
{
  if (bl_buf__grow(self, len) != BL_BUF_OK) return BL_BUF_TOOBIG;
  if (len) memcpy(self->data + self->len, bytes, len);
  self->len += len;
  self->data[self->len] = '\0';
  return BL_BUF_OK;
}

int bl_buf_vprintf(BlBuf *self, const char *fmt, va_list ap)
{
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  if (n < 0) return BL_BUF_TOOBIG;
  if (bl_buf__grow(self, (size_t)n) != BL_BUF_OK) return BL_BUF_TOOBIG;
  vsnprintf(self->data + self->len, (size_t)n + 1, fmt, ap);
  self->len += (size_t)n;
  return BL_BUF_OK;
}

int bl_buf_printf(BlBuf *self, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int rc = bl_buf_vprintf(self, fmt, ap);
  va_end(ap);
  return rc;
}

void bl_buf_consume(BlBuf *self, size_t n)
{
  if (n >= self->len) {
    self->len = 0;
  } else {
    memmove(self->data, self->data + n, self->len - n);
    self->len -= n;
  }
  if (self->data) self->data[self->len] = '\0';
}

void bl_buf_reset(BlBuf *self)
{
  self->len = 0;
  if (self->data) self->data[0] = '\0';
}

char *bl_buf_take(BlBuf *self, size_t *len)
{
  char *out = self->data ? self->data : bl_strdup("");
  if (len) *len = self->len;
  self->data = NULL;
  self->len = self->cap = 0;
  return out;
}

void bl_buf_free(BlBuf *self)
{
  bl_free(self->data);
  self->data = NULL;
  self->len = self->cap = 0;
}
