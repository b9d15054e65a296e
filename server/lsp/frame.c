/* frame.c: Content-Length framing with caps and resynchronization (see frame.h). */
#include "frame.h"

#include <string.h>
#include <strings.h>

#include "../base/alloc.h"

static const char bl_frame__cl[] = "content-length";

void bl_framer_init(BlFramer *self, size_t header_cap, size_t body_cap)
{
  memset(self, 0, sizeof *self);
  bl_buf_init(&self->buf, 0); /* bounded by the caps below, not by the buffer */
  self->header_cap = header_cap;
  self->body_cap = body_cap;
}

void bl_framer_free(BlFramer *self)
{
  bl_buf_free(&self->buf);
}

/* Bytes buffered and not yet consumed start at buf.data + pos; consuming only moves pos, and
 * feed compacts once, so a read holding many small messages costs linear time. */
static size_t bl_frame__avail(const BlFramer *self)
{
  return self->buf.len - self->pos;
}

static void bl_frame__consume(BlFramer *self, size_t n)
{
  self->pos += n;
  if (self->pos == self->buf.len) {
    bl_buf_reset(&self->buf);
    self->pos = 0;
  }
}

void bl_framer_unread(BlFramer *self, const char *bytes, size_t len)
{
  /* put bytes back in front of what is buffered */
  BlBuf rest;
  bl_buf_init(&rest, 0);
  bl_buf_append(&rest, bytes, len);
  bl_buf_append(&rest, self->buf.data ? self->buf.data + self->pos : "", bl_frame__avail(self));
  bl_buf_free(&self->buf);
  self->buf = rest;
  self->pos = 0;
}

void bl_framer_feed(BlFramer *self, const char *bytes, size_t len)
{
  if (self->pos) {
    bl_buf_consume(&self->buf, self->pos);
    self->pos = 0;
  }
  if (self->skip && self->buf.len == 0) { /* discard a refused body without buffering it */
    size_t n = len < self->skip ? len : self->skip;
    self->skip -= n;
    bytes += n;
    len -= n;
  }
  bl_buf_append(&self->buf, bytes, len);
}

/* Offset of the next "Content-Length" (at or after `from`), or SIZE_MAX. After garbage the next
 * message need not start on a line of its own, so any occurrence counts. */
static size_t bl_frame__find_header(const BlFramer *self, size_t from)
{
  const char *d = self->buf.data + self->pos;
  size_t n = bl_frame__avail(self), k = sizeof bl_frame__cl - 1;
  for (size_t i = from; i + k <= n; i++) {
    if ((d[i] | 0x20) == 'c' && strncasecmp(d + i, bl_frame__cl, k) == 0) return i;
  }
  return (size_t)-1;
}

/* Reports an error after dropping `drop` bytes (the bad header block, when its end is known) —
 * or fewer, when another "Content-Length" starts inside them: that is where the next message
 * begins (a body shorter than announced, an LF-only header, garbage before a good header). */
static bool bl_frame__error(BlFramer *self, BlFrameEvent *ev, BlFrameError err, size_t drop)
{
  if (drop > 1) {
    /* one that starts a line of this block belongs to it (a second header line); one glued to
     * what precedes it is the start of the next message */
    const char *d = self->buf.data + self->pos;
    for (size_t next = bl_frame__find_header(self, 1); next != (size_t)-1 && next < drop;
         next = bl_frame__find_header(self, next + 1)) {
      if (d[next - 1] != '\n') {
        drop = next;
        break;
      }
    }
  }
  bl_frame__consume(self, drop);
  ev->kind = BL_FRAME_ERROR;
  ev->error = err;
  self->resync = true;
  return true;
}

/* Parses a decimal Content-Length value: digits, optional surrounding spaces. */
static bool bl_frame__parse_length(const char *s, size_t n, size_t *out)
{
  size_t i = 0, v = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  size_t digits = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9') {
    if (v > ((size_t)-1 - 9) / 10) return false;
    v = v * 10 + (size_t)(s[i] - '0');
    i++;
    digits++;
  }
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (!digits || i != n) return false;
  *out = v;
  return true;
}

bool bl_framer_next(BlFramer *self, BlFrameEvent *ev)
{
  memset(ev, 0, sizeof *ev);
  for (;;) {
    if (self->skip) {
      size_t n = bl_frame__avail(self) < self->skip ? bl_frame__avail(self) : self->skip;
      bl_frame__consume(self, n);
      self->skip -= n;
      if (self->skip) return false;
    }
    if (self->resync) {
      size_t at = bl_frame__find_header(self, 0);
      if (at == (size_t)-1) {
        /* keep a tail that could be the start of a split "Content-Length" */
        size_t keep = sizeof bl_frame__cl;
        if (bl_frame__avail(self) > keep) bl_frame__consume(self, bl_frame__avail(self) - keep);
        return false;
      }
      bl_frame__consume(self, at);
      self->resync = false;
    }
    if (bl_frame__avail(self) == 0) return false;

    const char *d = self->buf.data + self->pos;
    size_t limit = bl_frame__avail(self) < self->header_cap + 4 ? bl_frame__avail(self) : self->header_cap + 4;
    const char *end = NULL;
    for (size_t i = 0; i + 4 <= limit; i++) {
      if (d[i] == '\r' && memcmp(d + i, "\r\n\r\n", 4) == 0) {
        end = d + i;
        break;
      }
    }
    if (!end) {
      if (bl_frame__avail(self) >= self->header_cap + 4) return bl_frame__error(self, ev, BL_FRAME_EHEADERCAP, 1); /* progress */
      return false;
    }

    size_t header_len = (size_t)(end - d);
    bool have_len = false;
    size_t length = 0;
    for (size_t p = 0; p < header_len;) {
      const char *eol = memchr(d + p, '\r', header_len - p);
      size_t line_end = eol ? (size_t)(eol - d) : header_len;
      if (line_end < header_len && d[line_end + 1] != '\n') return bl_frame__error(self, ev, BL_FRAME_EHEADER, header_len + 4);
      const char *colon = memchr(d + p, ':', line_end - p);
      if (!colon) return bl_frame__error(self, ev, BL_FRAME_EHEADER, header_len + 4);
      size_t name_len = (size_t)(colon - (d + p));
      if (name_len == sizeof bl_frame__cl - 1 && strncasecmp(d + p, bl_frame__cl, name_len) == 0) {
        size_t v;
        const char *val = colon + 1;
        if (!bl_frame__parse_length(val, (size_t)(d + line_end - val), &v))
          return bl_frame__error(self, ev, BL_FRAME_ELENGTH, header_len + 4);
        if (have_len && v != length) return bl_frame__error(self, ev, BL_FRAME_ELENGTH, header_len + 4);
        if (have_len) self->warnings++;
        have_len = true;
        length = v;
      }
      p = line_end + 2;
    }
    if (!have_len) return bl_frame__error(self, ev, BL_FRAME_ENOLENGTH, header_len + 4);

    size_t body_at = header_len + 4;
    if (length > self->body_cap) {
      bl_frame__consume(self, body_at);
      self->skip = length;
      ev->kind = BL_FRAME_ERROR;
      ev->error = BL_FRAME_EBODYCAP;
      ev->declared = length;
      size_t n = bl_frame__avail(self) < self->skip ? bl_frame__avail(self) : self->skip;
      bl_frame__consume(self, n);
      self->skip -= n;
      return true;
    }
    if (bl_frame__avail(self) - body_at < length) return false;
    ev->kind = BL_FRAME_MESSAGE;
    ev->body = bl_strndup(d + body_at, length);
    ev->len = length;
    bl_frame__consume(self, body_at + length);
    return true;
  }
}

const char *bl_frame_strerror(BlFrameError error)
{
  switch (error) {
  case BL_FRAME_ENONE: return "no error";
  case BL_FRAME_EHEADER: return "malformed message header";
  case BL_FRAME_ENOLENGTH: return "message header has no Content-Length";
  case BL_FRAME_ELENGTH: return "Content-Length is not a valid length (or two disagree)";
  case BL_FRAME_EHEADERCAP: return "message header is too long";
  case BL_FRAME_EBODYCAP: return "message body is larger than the server accepts";
  }
  return "framing error";
}
