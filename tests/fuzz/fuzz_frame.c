/* fuzz_frame.c: the Content-Length framer (server/lsp/frame.c) on any byte stream.
 *
 * Input: 1 byte picks the caps (tiny ones reach the cap paths with short inputs), 4 bytes seed
 * the split points, the rest is the stream. The stream is framed twice: fed whole, then fed in
 * pieces of pseudo-random sizes with events taken after every piece. Checked:
 *   - both runs give the same events (framing must not depend on how reads split the bytes);
 *   - a message body is at most body_cap bytes, NUL-terminated, and the bodies together are no
 *     longer than the stream;
 *   - what stays buffered between reads is bounded by the caps (header_cap + 4 + body_cap, or
 *     the 15-byte tail kept while resynchronizing), whatever the stream holds: a client cannot
 *     make the framer grow. */
#include "fuzz.h"

#include "base/alloc.h"
#include "lsp/frame.h"

typedef struct {
  uint8_t *data;
  size_t len, cap;
} Log;

static void log__put(Log *l, const void *p, size_t n)
{
  if (l->len + n > l->cap) {
    while (l->len + n > l->cap) l->cap = l->cap ? l->cap * 2 : 256;
    l->data = bl_realloc(l->data, l->cap);
  }
  memcpy(l->data + l->len, p, n);
  l->len += n;
}

/* Takes every event now available, appending it to the log and checking it. */
static void drain(BlFramer *f, Log *log, size_t stream_len, size_t *body_total)
{
  BlFrameEvent ev;
  size_t guard = 0;
  while (bl_framer_next(f, &ev)) {
    FUZZ_CHECK(++guard <= stream_len + 1, "bl_framer_next keeps returning events without input");
    uint8_t kind = (uint8_t)ev.kind, err = (uint8_t)ev.error;
    log__put(log, &kind, 1);
    if (ev.kind == BL_FRAME_MESSAGE) {
      FUZZ_CHECK(ev.body != NULL, "message event without a body");
      FUZZ_CHECK(ev.len <= f->body_cap, "message of %zu bytes passed the %zu-byte cap", ev.len, f->body_cap);
      FUZZ_CHECK(ev.body[ev.len] == '\0', "message body is not NUL-terminated");
      *body_total += ev.len;
      FUZZ_CHECK(*body_total <= stream_len, "bodies (%zu bytes) longer than the stream (%zu)", *body_total, stream_len);
      log__put(log, &ev.len, sizeof ev.len);
      log__put(log, ev.body, ev.len);
      bl_free(ev.body);
    } else {
      FUZZ_CHECK(ev.kind == BL_FRAME_ERROR, "event of unknown kind %d", (int)ev.kind);
      FUZZ_CHECK(ev.error != BL_FRAME_ENONE, "error event without an error");
      FUZZ_CHECK(strlen(bl_frame_strerror(ev.error)) > 0, "error without a message");
      log__put(log, &err, 1);
      if (ev.error == BL_FRAME_EBODYCAP) {
        FUZZ_CHECK(ev.declared > f->body_cap, "EBODYCAP for %zu bytes under the cap %zu", ev.declared, f->body_cap);
        log__put(log, &ev.declared, sizeof ev.declared);
      }
    }
  }
  FUZZ_CHECK(ev.kind == BL_FRAME_NONE, "bl_framer_next returned false with an event");
  size_t avail = f->buf.len - f->pos;
  /* resynchronizing keeps a tail that may be the start of a split "Content-Length" */
  size_t bound = f->header_cap + 4 + f->body_cap, resync_tail = sizeof "content-length";
  if (bound < resync_tail) bound = resync_tail;
  FUZZ_CHECK(avail <= bound, "%zu bytes buffered, caps %zu + %zu", avail, f->header_cap, f->body_cap);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  FuzzInput in = {data, size, 0};
  uint8_t caps = fuzz_u8(&in);
  size_t header_cap = (caps & 1) ? (size_t)BL_FRAME_DEFAULT_HEADER_CAP : (size_t)(4 + (caps >> 1 & 63));
  size_t body_cap = (caps & 0x80) ? BL_FRAME_DEFAULT_BODY_CAP : (size_t)(caps >> 1 & 63) * 3;
  uint32_t seed = fuzz_u32(&in) | 1;
  size_t len;
  const uint8_t *stream = fuzz_rest(&in, &len);

  Log whole = {0}, split = {0};
  size_t total = 0;
  BlFramer f;
  bl_framer_init(&f, header_cap, body_cap);
  bl_framer_feed(&f, (const char *)stream, len);
  drain(&f, &whole, len, &total);
  bl_framer_free(&f);

  total = 0;
  bl_framer_init(&f, header_cap, body_cap);
  for (size_t at = 0; at < len;) {
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    size_t piece = (seed & 3) == 0 ? 1 + (seed >> 8) % 3 : 1 + (seed >> 8) % 97;
    if (piece > len - at) piece = len - at;
    bl_framer_feed(&f, (const char *)stream + at, piece);
    at += piece;
    drain(&f, &split, len, &total);
  }
  bl_framer_free(&f);

  FUZZ_CHECK(whole.len == split.len && (whole.len == 0 || memcmp(whole.data, split.data, whole.len) == 0),
             "events differ when the stream is split (%zu vs %zu log bytes)", whole.len, split.len);
  bl_free(whole.data);
  bl_free(split.data);
  return 0;
}
