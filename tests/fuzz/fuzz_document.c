/* fuzz_document.c: incremental edits of a document (server/text/document.c) and position
 * conversion (server/text/line_index.c), against a reference written here from the spec.
 *
 * Input: the initial text, then edits: each picks an encoding (UTF-8, UTF-16, UTF-32), a range
 * (mostly inside the text, sometimes inside a character, past the end, reversed or negative)
 * and the bytes to insert (any bytes: invalid UTF-8, lone CR, NUL). After every edit:
 *   - the edit applies exactly when the reference conversion of both ends succeeds and start
 *     <= end, and the new text is the reference splice; a refused edit leaves the text alone;
 *   - the line index equals one rebuilt from scratch by the reference (lines end at LF, CRLF
 *     or CR);
 *   - the reported BlTextEdit has the byte offsets of the splice, and its points are the
 *     (row, byte column) of those offsets in the old and new text (checked when the text has no
 *     CR, where rows are unambiguous);
 *   - position <-> offset round trips: every character boundary of every line converts to a
 *     position and back to itself, in every encoding. */
#include "fuzz.h"

#include "base/alloc.h"
#include "base/utf8.h"
#include "text/document.h"

enum { MAX_TEXT = 4096 };

/* ---------------------------------------------------------------- the reference */

/* Length of the character at s[i] and its units in `enc`, per line_index.h: a well-formed
 * UTF-8 sequence is one character; any other byte is a character of its own, one unit. */
static size_t ref_char(const uint8_t *s, size_t len, size_t i, BlEncoding enc, size_t *units)
{
  uint8_t c = s[i];
  size_t need = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  bool ok = need > 0 && i + need <= len;
  for (size_t k = 1; ok && k < need; k++) ok = (s[i + k] & 0xC0) == 0x80;
  if (ok && need >= 3) {
    uint8_t b1 = s[i + 1];
    if ((c == 0xE0 && b1 < 0xA0) || (c == 0xED && b1 >= 0xA0) || (c == 0xF0 && b1 < 0x90) || (c == 0xF4 && b1 >= 0x90))
      ok = false;
  }
  if (!ok) need = 1;
  *units = enc == BL_ENC_UTF8 ? need : enc == BL_ENC_UTF16 ? (ok && need == 4 ? 2 : 1) : 1;
  return need;
}

typedef struct {
  size_t *starts;
  size_t count;
} RefLines;

static RefLines ref_lines(const uint8_t *s, size_t len)
{
  RefLines r = {bl_malloc((len + 2) * sizeof(size_t)), 1};
  r.starts[0] = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '\n' || (s[i] == '\r' && !(i + 1 < len && s[i + 1] == '\n'))) r.starts[r.count++] = i + 1;
  }
  return r;
}

/* End of line `l` before its terminator. */
static size_t ref_line_end(const RefLines *r, const uint8_t *s, size_t len, size_t l)
{
  if (l + 1 >= r->count) return len;
  size_t e = r->starts[l + 1];
  if (e > 0 && s[e - 1] == '\n') e--;
  if (e > r->starts[l] && s[e - 1] == '\r') e--;
  return e;
}

/* (line, character) -> offset; returns a BL_POS_* code. */
static int ref_offset(const RefLines *r, const uint8_t *s, size_t len, int64_t line, int64_t ch, BlEncoding enc,
                      size_t *out)
{
  if (line < 0 || ch < 0) return BL_POS_ENEGATIVE;
  if ((uint64_t)line >= r->count) {
    if ((uint64_t)line == r->count && ch == 0) {
      *out = len;
      return BL_POS_OK;
    }
    return BL_POS_ELINE;
  }
  size_t i = r->starts[line], end = ref_line_end(r, s, len, (size_t)line);
  uint64_t have = 0;
  while (have < (uint64_t)ch && i < end) {
    size_t units, n = ref_char(s, end, i, enc, &units);
    if (have + units > (uint64_t)ch) return BL_POS_ESPLIT;
    have += units;
    i += n;
  }
  *out = i;
  return BL_POS_OK;
}

/* ---------------------------------------------------------------- checks */

static void check_index(const BlDocument *d)
{
  RefLines r = ref_lines((const uint8_t *)d->text, d->len);
  FUZZ_CHECK(d->lines.count == r.count, "line index has %zu lines, the reference %zu", d->lines.count, r.count);
  for (size_t i = 0; i < r.count; i++)
    FUZZ_CHECK(d->lines.starts[i] == r.starts[i], "line %zu starts at %zu, the reference says %zu", i, d->lines.starts[i],
               r.starts[i]);
  FUZZ_CHECK(d->text[d->len] == '\0', "document text not NUL-terminated");
  /* every character boundary round-trips, in every encoding */
  const uint8_t *s = (const uint8_t *)d->text;
  for (int e = 0; e < 3; e++) {
    BlEncoding enc = (BlEncoding)e;
    for (size_t l = 0; l < r.count; l++) {
      size_t i = r.starts[l], end = ref_line_end(&r, s, d->len, l), units = 0;
      for (;;) {
        size_t line, ch, back;
        bl_line_index_position(&d->lines, d->text, d->len, i, enc, &line, &ch);
        FUZZ_CHECK(line == l && ch == units, "offset %zu is %zu:%zu (enc %d), the reference says %zu:%zu", i, line, ch, e,
                   l, units);
        int rc = bl_line_index_offset(&d->lines, d->text, d->len, (int64_t)l, (int64_t)units, enc, &back);
        FUZZ_CHECK(rc == BL_POS_OK && back == i, "%zu:%zu (enc %d) converts to %zu (rc %d), expected %zu", l, units, e, back,
                   rc, i);
        if (i >= end) break;
        size_t u, n = ref_char(s, end, i, enc, &u);
        /* the middle of a multi-unit character is refused */
        if (u > 1 && enc != BL_ENC_UTF8) {
          rc = bl_line_index_offset(&d->lines, d->text, d->len, (int64_t)l, (int64_t)(units + 1), enc, &back);
          FUZZ_CHECK(rc == BL_POS_ESPLIT, "%zu:%zu (enc %d) is inside a character but converts (rc %d)", l, units + 1, e, rc);
        }
        units += u;
        i += n;
      }
      size_t off;
      FUZZ_CHECK(bl_line_index_line_end(&d->lines, d->text, d->len, l) == end, "line %zu ends at the wrong offset", l);
      FUZZ_CHECK(bl_line_index_offset(&d->lines, d->text, d->len, (int64_t)l, (int64_t)units + 5, enc, &off) == BL_POS_OK &&
                     off == end,
                 "a character past the end of line %zu does not clamp to its end", l);
    }
  }
  bl_free(r.starts);
}

/* (row, byte column) of an offset, rows counted by LF (the text has no CR when this is used). */
static BlPoint ref_point(const char *t, size_t off)
{
  BlPoint p = {0, 0};
  for (size_t i = 0; i < off; i++) {
    if (t[i] == '\n') {
      p.row++;
      p.column = 0;
    } else {
      p.column++;
    }
  }
  return p;
}

static int64_t gen_coord(FuzzInput *in, size_t limit)
{
  uint8_t mode = fuzz_u8(in);
  if (mode < 230) return (int64_t)fuzz_below(in, limit + 1);
  if (mode < 240) return -(int64_t)(1 + fuzz_below(in, 3));
  if (mode < 250) return (int64_t)limit + (int64_t)fuzz_below(in, 1000);
  return INT64_MAX - (int64_t)fuzz_below(in, 2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  FuzzInput in = {data, size, 0};
  size_t n;
  const uint8_t *init = fuzz_bytes(&in, 255, &n);
  BlDocument *d = bl_document_new("file:///fuzz.txt", (const char *)init, n, 1);
  check_index(d);
  for (int step = 0; step < 64 && fuzz_more(&in); step++) {
    BlEncoding enc = (BlEncoding)(fuzz_u8(&in) % 3);
    BlChange c = {0};
    c.has_range = fuzz_u8(&in) < 240;
    c.start.line = gen_coord(&in, d->lines.count);
    c.start.character = gen_coord(&in, 40);
    if (fuzz_bool(&in)) {
      c.end = c.start;
      c.end.character += (int64_t)fuzz_below(&in, 4) * (c.end.character >= 0 && c.end.character < 1000);
    } else {
      c.end.line = gen_coord(&in, d->lines.count);
      c.end.character = gen_coord(&in, 40);
    }
    size_t tlen;
    const uint8_t *t = fuzz_bytes(&in, 16, &tlen);
    if (d->len + tlen > MAX_TEXT) tlen = 0;
    c.text = (const char *)t;
    c.len = tlen;

    /* the reference outcome */
    RefLines r = ref_lines((const uint8_t *)d->text, d->len);
    size_t a = 0, b = d->len;
    int want = BL_POS_OK;
    if (c.has_range) {
      want = ref_offset(&r, (const uint8_t *)d->text, d->len, c.start.line, c.start.character, enc, &a);
      if (want == BL_POS_OK) want = ref_offset(&r, (const uint8_t *)d->text, d->len, c.end.line, c.end.character, enc, &b);
      if (want == BL_POS_OK && a > b) want = BL_POS_ERANGE;
    }
    bl_free(r.starts);
    char *old = bl_strndup(d->text, d->len);
    size_t old_len = d->len;
    bool has_cr = memchr(old, '\r', old_len) || memchr(t, '\r', tlen);

    BlTextEdit e;
    int rc = bl_document_apply(d, &c, enc, &e);
    FUZZ_CHECK(rc == want, "bl_document_apply returned %d, the reference %d (enc %d, %lld:%lld-%lld:%lld)", rc, want,
               (int)enc, (long long)c.start.line, (long long)c.start.character, (long long)c.end.line,
               (long long)c.end.character);
    if (rc != BL_POS_OK) {
      FUZZ_CHECK(d->len == old_len && memcmp(d->text, old, old_len) == 0, "a refused edit changed the text");
    } else {
      FUZZ_CHECK(d->len == old_len - (b - a) + tlen, "new length %zu, expected %zu", d->len, old_len - (b - a) + tlen);
      FUZZ_CHECK(memcmp(d->text, old, a) == 0 && (tlen == 0 || memcmp(d->text + a, t, tlen) == 0) &&
                     memcmp(d->text + a + tlen, old + b, old_len - b) == 0,
                 "the new text is not the splice");
      FUZZ_CHECK(e.start_byte == a && e.old_end_byte == b && e.new_end_byte == a + tlen, "edit bytes %zu,%zu,%zu; expected %zu,%zu,%zu",
                 e.start_byte, e.old_end_byte, e.new_end_byte, a, b, a + tlen);
      if (!has_cr) {
        BlPoint sp = ref_point(old, a), op = ref_point(old, b), np = ref_point(d->text, a + tlen);
        FUZZ_CHECK(e.start_point.row == sp.row && e.start_point.column == sp.column, "start point %zu,%zu; expected %zu,%zu",
                   e.start_point.row, e.start_point.column, sp.row, sp.column);
        FUZZ_CHECK(e.old_end_point.row == op.row && e.old_end_point.column == op.column, "old end point wrong");
        FUZZ_CHECK(e.new_end_point.row == np.row && e.new_end_point.column == np.column, "new end point %zu,%zu; expected %zu,%zu",
                   e.new_end_point.row, e.new_end_point.column, np.row, np.column);
      }
    }
    bl_free(old);
    check_index(d);
  }
  bl_document_delete(d);
  return 0;
}
