/* document.h: one open document: its URI, UTF-8 text, version and line index.
 *
 * Edits are applied one at a time, each against the text as it stands after the previous one
 * (LSP's rule for a batch of incremental changes). Every applied edit is reported as a BlTextEdit
 * in bytes and (row, byte column) points, which is what an incremental parser needs.
 * The document owns its URI and text; bl_document_delete frees them (and accepts NULL). */
#ifndef BL_DOCUMENT_H
#define BL_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "line_index.h"

typedef struct BlPoint {
  size_t row, column; /* column in bytes */
} BlPoint;

typedef struct BlTextEdit {
  size_t start_byte, old_end_byte, new_end_byte;
  BlPoint start_point, old_end_point, new_end_point;
} BlTextEdit;

typedef struct BlDocument {
  char *uri;
  char *text; /* NUL-terminated; may hold NUL bytes of its own, so use len */
  size_t len;
  int64_t version;
  BlLineIndex lines;
  /* What a higher layer keeps with the document (the server: its latest analysis). The
   * document frees it with user_free when it is deleted or its text changes. */
  void *user;
  void (*user_free)(void *user);
  /* The syntax layer's tree. Unlike `user` it survives an edit (the edit is passed on to it, for
   * an incremental reparse); the document frees it with syntax_free when it is deleted or its
   * whole text is replaced by bl_document_set_text. */
  void *syntax;
  void (*syntax_free)(void *syntax);
} BlDocument;

/* A position as a client sends it: line and character in the negotiated encoding. */
typedef struct BlPosition {
  int64_t line, character;
} BlPosition;

/* A change as LSP sends it: a range to replace (has_range) or the whole text. */
typedef struct BlChange {
  bool has_range;
  BlPosition start, end;
  const char *text;
  size_t len;
} BlChange;

BlDocument *bl_document_new(const char *uri, const char *text, size_t len, int64_t version);
void bl_document_delete(BlDocument *self);

/* Applies one change. Returns BL_POS_OK, or a BL_POS_E* code with the document unchanged.
 * On success fills *edit (when non-NULL) with the byte-level edit. */
int bl_document_apply(BlDocument *self, const BlChange *change, BlEncoding enc, BlTextEdit *edit);

/* Replaces the whole text (a full-sync change or a revert). */
void bl_document_set_text(BlDocument *self, const char *text, size_t len);

#endif
