/* test_line_index.c: byte <-> position conversion in every encoding, clamping and errors. */
#include <criterion/criterion.h>
#include <string.h>

#include "text/line_index.h"

static BlLineIndex idx;
static const char *text;
static size_t len;

static void use(const char *t)
{
  text = t;
  len = strlen(t);
  bl_line_index_build(&idx, text, len);
}

static void done(void)
{
  bl_line_index_free(&idx);
}

TestSuite(line_index, .fini = done);

static size_t off(int64_t line, int64_t ch, BlEncoding enc)
{
  size_t o = 12345;
  int rc = bl_line_index_offset(&idx, text, len, line, ch, enc, &o);
  cr_assert_eq(rc, BL_POS_OK, "(%lld,%lld) failed: %s", (long long)line, (long long)ch, bl_line_index_strerror(rc));
  return o;
}

static int off_err(int64_t line, int64_t ch, BlEncoding enc)
{
  size_t o;
  return bl_line_index_offset(&idx, text, len, line, ch, enc, &o);
}

Test(line_index, empty_text_has_one_line)
{
  use("");
  cr_assert_eq(idx.count, 1);
  cr_assert_eq(off(0, 0, BL_ENC_UTF16), 0);
  cr_assert_eq(off(0, 5, BL_ENC_UTF16), 0, "past the end clamps");
}

Test(line_index, lf_crlf_and_cr_all_end_lines)
{
  use("a\nbb\r\nccc\rd");
  cr_assert_eq(idx.count, 4);
  cr_assert_eq(off(1, 0, BL_ENC_UTF16), 2);
  cr_assert_eq(off(2, 0, BL_ENC_UTF16), 6);
  cr_assert_eq(off(3, 0, BL_ENC_UTF16), 10);
  cr_assert_eq(bl_line_index_line_end(&idx, text, len, 1), 4, "line end excludes \\r\\n");
}

Test(line_index, astral_char_is_two_utf16_units)
{
  use("a\xF0\x9F\x98\x80" "b"); /* a 😀 b */
  cr_assert_eq(off(0, 1, BL_ENC_UTF16), 1);
  cr_assert_eq(off(0, 3, BL_ENC_UTF16), 5, "after the emoji: 1 + 2 units");
  cr_assert_eq(off(0, 2, BL_ENC_UTF32), 5, "one code point in UTF-32");
  cr_assert_eq(off(0, 5, BL_ENC_UTF8), 5, "four bytes in UTF-8");
  size_t line, ch;
  bl_line_index_position(&idx, text, len, 5, BL_ENC_UTF16, &line, &ch);
  cr_assert_eq(ch, 3);
  bl_line_index_position(&idx, text, len, 5, BL_ENC_UTF32, &line, &ch);
  cr_assert_eq(ch, 2);
}

Test(line_index, surrogate_middle_is_an_error)
{
  use("a\xF0\x9F\x98\x80" "b");
  cr_assert_eq(off_err(0, 2, BL_ENC_UTF16), BL_POS_ESPLIT);
  cr_assert_eq(off_err(0, 3, BL_ENC_UTF8), BL_POS_ESPLIT, "inside a UTF-8 sequence");
}

Test(line_index, bmp_multibyte_is_one_utf16_unit)
{
  use("\xE2\x80\x9CHi\xE2\x80\x9D"); /* “Hi” */
  cr_assert_eq(off(0, 1, BL_ENC_UTF16), 3);
  cr_assert_eq(off(0, 3, BL_ENC_UTF16), 5);
  cr_assert_eq(off(0, 4, BL_ENC_UTF16), 8);
}

Test(line_index, character_past_line_end_clamps_before_newline)
{
  use("abc\r\ndef");
  cr_assert_eq(off(0, 99, BL_ENC_UTF16), 3);
  cr_assert_eq(off(1, 99, BL_ENC_UTF16), 8);
}

Test(line_index, line_past_end_is_an_error_except_one_past_at_column_zero)
{
  use("abc\n");
  cr_assert_eq(idx.count, 2);
  cr_assert_eq(off(1, 0, BL_ENC_UTF16), 4);
  cr_assert_eq(off(2, 0, BL_ENC_UTF16), 4, "one past the last line means the end");
  cr_assert_eq(off_err(2, 1, BL_ENC_UTF16), BL_POS_ELINE);
  cr_assert_eq(off_err(7, 0, BL_ENC_UTF16), BL_POS_ELINE);
  cr_assert_eq(off_err(-1, 0, BL_ENC_UTF16), BL_POS_ENEGATIVE);
  cr_assert_eq(off_err(0, -3, BL_ENC_UTF16), BL_POS_ENEGATIVE);
}

Test(line_index, invalid_byte_counts_as_one_unit)
{
  use("a\xFF" "b");
  cr_assert_eq(off(0, 2, BL_ENC_UTF16), 2);
  cr_assert_eq(off(0, 2, BL_ENC_UTF32), 2);
  size_t line, ch;
  bl_line_index_position(&idx, text, len, 3, BL_ENC_UTF16, &line, &ch);
  cr_assert_eq(ch, 3);
}

Test(line_index, position_round_trips_on_every_char_boundary)
{
  use("Tokyo \xE2\x80\x94 \xF0\x9F\x93\xB0 news\n\xE2\x82\xAC" "7 billion\r\nend");
  for (int e = BL_ENC_UTF8; e <= BL_ENC_UTF32; e++) {
    for (size_t o = 0; o <= len; o++) {
      if (o < len && ((unsigned char)text[o] & 0xC0) == 0x80) continue; /* not a boundary */
      if (o > 0 && text[o - 1] == '\r' && o < len && text[o] == '\n') continue; /* inside CRLF */
      size_t line, ch;
      bl_line_index_position(&idx, text, len, o, (BlEncoding)e, &line, &ch);
      cr_assert_eq(off((int64_t)line, (int64_t)ch, (BlEncoding)e), o, "enc %d offset %zu", e, o);
    }
  }
}
