/* line_index.h: byte offset <-> (line, character) for a UTF-8 text, with the character counted
 * in UTF-8 bytes, UTF-16 code units or code points (LSP's positionEncoding).
 *
 * Lines end at "\n", "\r\n" or "\r", as LSP defines them. An invalid UTF-8 byte counts as one
 * unit in every encoding (it reads as U+FFFD). Conversions validate everything a client can get
 * wrong: a negative value or a line past the end is an error; a character past the end of its
 * line clamps to the line end; a character that lands inside a multi-unit character (the middle
 * of a surrogate pair, the middle of a UTF-8 sequence) is an error.
 *
 * The index borrows nothing: it keeps only line start offsets, so the caller passes the same
 * text to every lookup. bl_line_index_free releases the offsets. */
#ifndef BL_LINE_INDEX_H
#define BL_LINE_INDEX_H

#include <stddef.h>
#include <stdint.h>

typedef enum { BL_ENC_UTF8, BL_ENC_UTF16, BL_ENC_UTF32 } BlEncoding;

enum {
  BL_POS_OK = 0,
  BL_POS_ENEGATIVE = -1, /* a negative line or character */
  BL_POS_ELINE = -2,     /* line past the end of the text */
  BL_POS_ESPLIT = -3,    /* character inside a multi-unit character */
  BL_POS_ERANGE = -4,    /* range whose start is after its end */
};

typedef struct BlLineIndex {
  size_t *starts; /* byte offset where each line starts; starts[0] == 0 */
  size_t count;   /* number of lines (>= 1: an empty text has one empty line) */
} BlLineIndex;

void bl_line_index_build(BlLineIndex *self, const char *text, size_t len);
void bl_line_index_free(BlLineIndex *self);

/* Byte offset where `line` ends, before its line terminator. */
size_t bl_line_index_line_end(const BlLineIndex *self, const char *text, size_t len, size_t line);

/* Line containing byte offset `offset` (offset <= len). */
size_t bl_line_index_line_of(const BlLineIndex *self, size_t offset);

/* (line, character) -> byte offset. Returns BL_POS_OK or a BL_POS_E* code.
 * line == count with character 0 (one past the last line) means the end of the text. */
int bl_line_index_offset(const BlLineIndex *self, const char *text, size_t len, int64_t line,
                         int64_t character, BlEncoding enc, size_t *offset);

/* byte offset -> (line, character). An offset inside a character counts from its start;
 * an offset past the end is taken as the end. */
void bl_line_index_position(const BlLineIndex *self, const char *text, size_t len, size_t offset,
                            BlEncoding enc, size_t *line, size_t *character);

/* A cursor for converting many increasing offsets: each conversion continues from the last one
 * when it is on the same line and not behind it, so the findings of a 100 MB one-line file cost
 * one pass, not one pass each. Zero-initialize it (and keep one per encoding). */
typedef struct BlPosCursor {
  size_t line, offset, units;
  int valid;
} BlPosCursor;

void bl_line_index_position_at(const BlLineIndex *self, const char *text, size_t len, BlPosCursor *cursor,
                               size_t offset, BlEncoding enc, size_t *line, size_t *character);

/* The end of a span, from its start's position: the span's own characters are counted (when it
 * ends on the same line), never the line before it. */
void bl_line_index_span_end(const BlLineIndex *self, const char *text, size_t len, size_t start, size_t start_line,
                            size_t start_char, size_t end, BlEncoding enc, size_t *line, size_t *character);

/* Human name of an error code, for messages. */
const char *bl_line_index_strerror(int code);

#endif
