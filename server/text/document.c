/* document.c: document text and incremental edits (see document.h). */
#include "document.h"

#include <string.h>

#include "../base/alloc.h"

BlDocument *bl_document_new(const char *uri, const char *text, size_t len, int64_t version)
{
  BlDocument *self = bl_calloc(1, sizeof *self);
  self->uri = bl_strdup(uri);
  self->text = bl_strndup(text, len);
  self->len = len;
  self->version = version;
  bl_line_index_build(&self->lines, self->text, self->len);
  return self;
}

static void bl_document__drop_user(BlDocument *self)
{
  if (self->user && self->user_free) self->user_free(self->user);
  self->user = NULL;
}

static void bl_document__drop_syntax(BlDocument *self)
{
  if (self->syntax && self->syntax_free) self->syntax_free(self->syntax);
  self->syntax = NULL;
}

void bl_document_delete(BlDocument *self)
{
  if (!self) return;
  bl_document__drop_user(self);
  bl_document__drop_syntax(self);
  bl_free(self->uri);
  bl_free(self->text);
  bl_line_index_free(&self->lines);
  bl_free(self);
}

void bl_document_set_text(BlDocument *self, const char *text, size_t len)
{
  char *copy = bl_strndup(text, len);
  bl_document__drop_user(self);
  bl_document__drop_syntax(self); /* no edit describes a wholesale replacement */
  bl_free(self->text);
  self->text = copy;
  self->len = len;
  bl_line_index_free(&self->lines);
  bl_line_index_build(&self->lines, self->text, self->len);
}

static BlPoint bl_document__point(const BlDocument *self, size_t offset)
{
  size_t line = bl_line_index_line_of(&self->lines, offset);
  return (BlPoint){line, offset - self->lines.starts[line]};
}

/* The point reached after writing `text` from point `at`. */
static BlPoint bl_document__advance(BlPoint at, const char *text, size_t len)
{
  for (size_t i = 0; i < len; i++) {
    if (text[i] == '\n' || (text[i] == '\r' && !(i + 1 < len && text[i + 1] == '\n'))) {
      at.row++;
      at.column = 0;
    } else if (text[i] != '\r') {
      at.column++;
    }
  }
  return at;
}

int bl_document_apply(BlDocument *self, const BlChange *change, BlEncoding enc, BlTextEdit *edit)
{
  size_t start = 0, end = self->len;
  if (change->has_range) {
    int rc = bl_line_index_offset(&self->lines, self->text, self->len, change->start.line,
                                  change->start.character, enc, &start);
    if (rc == BL_POS_OK)
      rc = bl_line_index_offset(&self->lines, self->text, self->len, change->end.line,
                                change->end.character, enc, &end);
    if (rc != BL_POS_OK) return rc;
    if (start > end) return BL_POS_ERANGE;
  }
  BlTextEdit e;
  e.start_byte = start;
  e.old_end_byte = end;
  e.new_end_byte = start + change->len;
  e.start_point = bl_document__point(self, start);
  e.old_end_point = bl_document__point(self, end);
  e.new_end_point = bl_document__advance(e.start_point, change->text, change->len);

  bl_document__drop_user(self);
  size_t new_len = self->len - (end - start) + change->len;
  char *text = bl_malloc(new_len + 1);
  memcpy(text, self->text, start);
  memcpy(text + start, change->text, change->len);
  memcpy(text + start + change->len, self->text + end, self->len - end);
  text[new_len] = '\0';
  bl_free(self->text);
  self->text = text;
  self->len = new_len;
  /* A full rebuild is a memchr-speed pass; it keeps "\r" + "\n" joined across edit edges. */
  bl_line_index_free(&self->lines);
  bl_line_index_build(&self->lines, self->text, self->len);
  if (edit) *edit = e;
  return BL_POS_OK;
}
