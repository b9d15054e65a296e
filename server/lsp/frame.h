/* frame.h: the LSP base protocol's framing: "Content-Length: N\r\n\r\n" then N bytes of body.
 * Pure byte handling, no I/O: feed whatever arrived (split or merged at any point), then take
 * events until none is left.
 *
 * Every buffer is capped. A header block longer than header_cap, a malformed header or a missing
 * Content-Length is an error event; the framer then resynchronizes at the next line that starts
 * with "Content-Length". A body longer than body_cap is an error event and its bytes are
 * discarded as they arrive, never buffered.
 *
 * The framer owns its buffer (bl_framer_free). A message event hands out a heap copy of the body
 * (NUL-terminated) that the caller frees; an error event's text is static. */
#ifndef BL_FRAME_H
#define BL_FRAME_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/buf.h"

typedef enum { BL_FRAME_NONE, BL_FRAME_MESSAGE, BL_FRAME_ERROR } BlFrameKind;

typedef enum {
  BL_FRAME_ENONE,
  BL_FRAME_EHEADER,    /* malformed header line or block */
  BL_FRAME_ENOLENGTH,  /* header block without Content-Length */
  BL_FRAME_ELENGTH,    /* Content-Length is not a decimal number, or two disagree */
  BL_FRAME_EHEADERCAP, /* header block longer than header_cap */
  BL_FRAME_EBODYCAP,   /* body longer than body_cap */
} BlFrameError;

typedef struct BlFrameEvent {
  BlFrameKind kind;
  char *body; /* BL_FRAME_MESSAGE: the body, owned by the caller */
  size_t len;
  BlFrameError error; /* BL_FRAME_ERROR */
  size_t declared;    /* BL_FRAME_EBODYCAP: the Content-Length that was refused */
} BlFrameEvent;

typedef struct BlFramer {
  BlBuf buf;
  size_t pos;     /* start of the unconsumed bytes in buf */
  size_t header_cap, body_cap;
  size_t skip;    /* bytes of a refused body still to discard */
  bool resync;    /* after an error: drop bytes up to the next "Content-Length" line */
  unsigned warnings; /* duplicate (agreeing) Content-Length headers seen */
} BlFramer;

#define BL_FRAME_DEFAULT_HEADER_CAP (8u * 1024u)
#define BL_FRAME_DEFAULT_BODY_CAP (64u * 1024u * 1024u)

void bl_framer_init(BlFramer *self, size_t header_cap, size_t body_cap);
void bl_framer_free(BlFramer *self);
void bl_framer_feed(BlFramer *self, const char *bytes, size_t len);
/* Puts bytes back in front of the buffered ones (a body that turned out to hold the start of the
 * next message: its Content-Length was larger than the body the client sent). */
void bl_framer_unread(BlFramer *self, const char *bytes, size_t len);
/* Takes the next event; returns false (event kind BL_FRAME_NONE) when more bytes are needed. */
bool bl_framer_next(BlFramer *self, BlFrameEvent *event);
const char *bl_frame_strerror(BlFrameError error);

#endif
