/* test_document.c: incremental edits applied in order, the byte-level edit they report, errors. */
#include <criterion/criterion.h>
#include <string.h>

#include "text/document.h"

static BlChange range_change(int64_t l0, int64_t c0, int64_t l1, int64_t c1, const char *text)
{
  return (BlChange){true, {l0, c0}, {l1, c1}, text, strlen(text)};
}

Test(document, insert_delete_replace)
{
  BlDocument *d = bl_document_new("file:///a.txt", "Hello world", 11, 1);
  BlChange c = range_change(0, 5, 0, 5, ",");
  cr_assert_eq(bl_document_apply(d, &c, BL_ENC_UTF16, NULL), BL_POS_OK);
  cr_assert_str_eq(d->text, "Hello, world");
  c = range_change(0, 0, 0, 7, "");
  cr_assert_eq(bl_document_apply(d, &c, BL_ENC_UTF16, NULL), BL_POS_OK);
  cr_assert_str_eq(d->text, "world");
  c = range_change(0, 0, 0, 5, "news\nroom");
  cr_assert_eq(bl_document_apply(d, &c, BL_ENC_UTF16, NULL), BL_POS_OK);
  cr_assert_str_eq(d->text, "news\nroom");
  cr_assert_eq(d->lines.count, 2, "the line index follows the edit");
  bl_document_delete(d);
}

Test(document, batch_applies_each_change_to_the_previous_result)
{
  BlDocument *d = bl_document_new("file:///a.txt", "abc\ndef", 7, 1);
  /* The second change's position only exists after the first change. */
  BlChange a = range_change(0, 3, 0, 3, "\nxyz");
  BlChange b = range_change(1, 3, 1, 3, "!");
  cr_assert_eq(bl_document_apply(d, &a, BL_ENC_UTF16, NULL), BL_POS_OK);
  cr_assert_eq(bl_document_apply(d, &b, BL_ENC_UTF16, NULL), BL_POS_OK);
  cr_assert_str_eq(d->text, "abc\nxyz!\ndef");
  bl_document_delete(d);
}

Test(document, reports_byte_edit_for_the_parser)
{
  const char *t = "\xE2\x80\x9CNo,\xE2\x80\x9D he said.\nNext line";
  BlDocument *d = bl_document_new("file:///a.txt", t, strlen(t), 1);
  BlTextEdit e;
  BlChange c = range_change(0, 5, 0, 5, "X\nY"); /* after “No,” (5 UTF-16 units, 9 bytes) */
  cr_assert_eq(bl_document_apply(d, &c, BL_ENC_UTF16, &e), BL_POS_OK);
  cr_assert_eq(e.start_byte, 9);
  cr_assert_eq(e.old_end_byte, 9);
  cr_assert_eq(e.new_end_byte, 12);
  cr_assert_eq(e.start_point.row, 0);
  cr_assert_eq(e.start_point.column, 9);
  cr_assert_eq(e.new_end_point.row, 1);
  cr_assert_eq(e.new_end_point.column, 1);
  bl_document_delete(d);
}

Test(document, full_replacement)
{
  BlDocument *d = bl_document_new("file:///a.txt", "old", 3, 1);
  BlChange c = {false, {0, 0}, {0, 0}, "brand new", 9};
  cr_assert_eq(bl_document_apply(d, &c, BL_ENC_UTF16, NULL), BL_POS_OK);
  cr_assert_str_eq(d->text, "brand new");
  bl_document_delete(d);
}

Test(document, bad_ranges_leave_the_text_unchanged)
{
  const char *t = "a\xF0\x9F\x98\x80" "b\nsecond";
  BlDocument *d = bl_document_new("file:///a.txt", t, strlen(t), 1);
  BlChange c = range_change(0, 2, 0, 2, "x"); /* inside the surrogate pair */
  cr_assert_eq(bl_document_apply(d, &c, BL_ENC_UTF16, NULL), BL_POS_ESPLIT);
  c = range_change(1, 3, 0, 1, "x"); /* start after end */
  cr_assert_eq(bl_document_apply(d, &c, BL_ENC_UTF16, NULL), BL_POS_ERANGE);
  c = range_change(9, 0, 9, 0, "x");
  cr_assert_eq(bl_document_apply(d, &c, BL_ENC_UTF16, NULL), BL_POS_ELINE);
  cr_assert_str_eq(d->text, t);
  bl_document_delete(d);
}

Test(document, crlf_split_by_an_edit_is_reindexed)
{
  BlDocument *d = bl_document_new("file:///a.txt", "ab\r\ncd", 6, 1);
  cr_assert_eq(d->lines.count, 2);
  BlChange c = range_change(0, 2, 1, 0, "\r"); /* "\r\n" -> "\r": still one break */
  cr_assert_eq(bl_document_apply(d, &c, BL_ENC_UTF16, NULL), BL_POS_OK);
  cr_assert_str_eq(d->text, "ab\rcd");
  cr_assert_eq(d->lines.count, 2);
  bl_document_delete(d);
}
