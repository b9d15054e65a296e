/* line_index.c: line starts and position conversion (see line_index.h). Lookups are a binary
 * search for the line and a walk along that one line, never a rescan of the prefix. */
#include "line_index.h"

#include <string.h>

#include "../base/alloc.h"
#include "../base/utf8.h"
#include "../base/vec.h"

void bl_line_index_build(BlLineIndex *self, const char *text, size_t len)
{
  BlVec(size_t) starts = {0};
  bl_vec_push(&starts, 0);
  /* memchr for both ends of line: CR is rare, so its search usually runs once to the end */
  const char *nl = len ? memchr(text, '\n', len) : NULL, *cr = len ? memchr(text, '\r', len) : NULL;
  while (nl || cr) {
    size_t next;
    if (cr && (!nl || cr < nl)) { /* CR, or CRLF: one line break */
      next = (size_t)(cr - text) + 1;
      if (next < len && text[next] == '\n') next++;
    } else {
      next = (size_t)(nl - text) + 1;
    }
    bl_vec_push(&starts, next);
    if (nl && (size_t)(nl - text) < next) nl = next < len ? memchr(text + next, '\n', len - next) : NULL;
    if (cr && (size_t)(cr - text) < next) cr = next < len ? memchr(text + next, '\r', len - next) : NULL;
  }
  self->starts = starts.items;
  self->count = starts.len;
}

void bl_line_index_free(BlLineIndex *self)
{
  bl_free(self->starts);
  self->starts = NULL;
  self->count = 0;
}

size_t bl_line_index_line_end(const BlLineIndex *self, const char *text, size_t len, size_t line)
{
  if (line + 1 >= self->count) return len;
  size_t end = self->starts[line + 1];
  if (end > 0 && text[end - 1] == '\n') end--;
  if (end > self->starts[line] && text[end - 1] == '\r') end--;
  return end;
}

size_t bl_line_index_line_of(const BlLineIndex *self, size_t offset)
{
  size_t lo = 0, hi = self->count; /* answer in [lo, hi) */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (self->starts[mid] <= offset)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

static size_t bl_line_index__units(int32_t cp, size_t nbytes, BlEncoding enc)
{
  switch (enc) {
  case BL_ENC_UTF8: return nbytes;
  case BL_ENC_UTF16: return cp >= 0x10000 ? 2 : 1;
  case BL_ENC_UTF32: return 1;
  }
  return 1;
}

int bl_line_index_offset(const BlLineIndex *self, const char *text, size_t len, int64_t line,
                         int64_t character, BlEncoding enc, size_t *offset)
{
  if (line < 0 || character < 0) return BL_POS_ENEGATIVE;
  if ((uint64_t)line >= self->count) {
    if ((uint64_t)line == self->count && character == 0) {
      *offset = len;
      return BL_POS_OK;
    }
    return BL_POS_ELINE;
  }
  size_t pos = self->starts[line];
  size_t end = bl_line_index_line_end(self, text, len, (size_t)line);
  uint64_t want = (uint64_t)character, have = 0;
  const uint8_t *s = (const uint8_t *)text;
  while (have < want && pos < end) {
    if (s[pos] < 0x80) { /* ASCII: one unit in every encoding */
      pos++;
      have++;
      continue;
    }
    int32_t cp;
    size_t n = bl_utf8_decode(s + pos, end - pos, &cp);
    size_t units = bl_line_index__units(cp, n, enc);
    if (have + units > want) return BL_POS_ESPLIT;
    have += units;
    pos += n;
  }
  *offset = pos; /* past the line end: clamped to it */
  return BL_POS_OK;
}

void bl_line_index_position(const BlLineIndex *self, const char *text, size_t len, size_t offset,
                            BlEncoding enc, size_t *line, size_t *character)
{
  if (offset > len) offset = len;
  size_t l = bl_line_index_line_of(self, offset);
  size_t pos = self->starts[l], units = 0;
  const uint8_t *s = (const uint8_t *)text;
  if (enc == BL_ENC_UTF8) {
    units = offset - pos;
  } else {
    while (pos < offset) {
      if (s[pos] < 0x80) {
        pos++;
        units++;
        continue;
      }
      int32_t cp;
      size_t n = bl_utf8_decode(s + pos, len - pos, &cp);
      if (pos + n > offset) break; /* offset inside this character */
      units += bl_line_index__units(cp, n, enc);
      pos += n;
    }
  }
  *line = l;
  *character = units;
}

void bl_line_index_position_at(const BlLineIndex *self, const char *text, size_t len, BlPosCursor *cur,
                               size_t offset, BlEncoding enc, size_t *line, size_t *character)
{
  if (offset > len) offset = len;
  size_t l = bl_line_index_line_of(self, offset);
  if (!cur->valid || cur->line != l || cur->offset > offset) {
    bl_line_index_position(self, text, len, offset, enc, line, character);
  } else {
    size_t pos = cur->offset, units = cur->units;
    const uint8_t *s = (const uint8_t *)text;
    while (pos < offset) {
      if (s[pos] < 0x80) {
        pos++;
        units++;
        continue;
      }
      int32_t cp;
      size_t n = bl_utf8_decode(s + pos, len - pos, &cp);
      if (pos + n > offset) break;
      units += bl_line_index__units(cp, n, enc);
      pos += n;
    }
    *line = l;
    *character = units;
    offset = pos;
  }
  cur->valid = 1;
  cur->line = *line;
  cur->offset = offset;
  cur->units = *character;
}

void bl_line_index_span_end(const BlLineIndex *self, const char *text, size_t len, size_t start, size_t start_line,
                            size_t start_char, size_t end, BlEncoding enc, size_t *line, size_t *character)
{
  if (end > len) end = len;
  if (end < start || bl_line_index_line_of(self, end) != start_line) {
    bl_line_index_position(self, text, len, end, enc, line, character);
    return;
  }
  BlPosCursor from = {start_line, start, start_char, 1};
  bl_line_index_position_at(self, text, len, &from, end, enc, line, character);
}

const char *bl_line_index_strerror(int code)
{
  switch (code) {
  case BL_POS_OK: return "ok";
  case BL_POS_ENEGATIVE: return "negative line or character";
  case BL_POS_ELINE: return "line is past the end of the document";
  case BL_POS_ESPLIT: return "character falls inside a multi-unit character (e.g. a surrogate pair)";
  case BL_POS_ERANGE: return "range starts after it ends";
  }
  return "unknown position error";
}
