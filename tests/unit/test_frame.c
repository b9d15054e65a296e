/* test_frame.c: Content-Length framing: arbitrary splits, merged messages, caps, recovery. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "lsp/frame.h"

static BlFramer fr;

static void setup(void)
{
  bl_framer_init(&fr, 256, 1024);
}

static void teardown(void)
{
  bl_framer_free(&fr);
}

TestSuite(frame, .init = setup, .fini = teardown);

static char *frame_of(const char *body)
{
  static char out[2048];
  snprintf(out, sizeof out, "Content-Length: %zu\r\n\r\n%s", strlen(body), body);
  return out;
}

static void expect_message(const char *body)
{
  BlFrameEvent ev;
  cr_assert(bl_framer_next(&fr, &ev), "expected a message");
  cr_assert_eq(ev.kind, BL_FRAME_MESSAGE, "got kind %d error %d", ev.kind, ev.error);
  cr_assert_eq(ev.len, strlen(body));
  cr_assert_str_eq(ev.body, body);
  free(ev.body);
}

static void expect_error(BlFrameError err)
{
  BlFrameEvent ev;
  cr_assert(bl_framer_next(&fr, &ev), "expected an error event");
  cr_assert_eq(ev.kind, BL_FRAME_ERROR);
  cr_assert_eq(ev.error, err, "error %d, wanted %d", ev.error, err);
}

static void expect_nothing(void)
{
  BlFrameEvent ev;
  cr_assert_not(bl_framer_next(&fr, &ev));
}

Test(frame, whole_message)
{
  const char *m = frame_of("{\"a\":1}");
  bl_framer_feed(&fr, m, strlen(m));
  expect_message("{\"a\":1}");
  expect_nothing();
}

Test(frame, split_at_every_point)
{
  char msg[256];
  strcpy(msg, frame_of("{\"method\":\"x\"}"));
  size_t n = strlen(msg);
  for (size_t cut = 0; cut <= n; cut++) {
    bl_framer_feed(&fr, msg, cut);
    BlFrameEvent ev;
    if (cut < n) cr_assert_not(bl_framer_next(&fr, &ev), "message complete too early at %zu", cut);
    bl_framer_feed(&fr, msg + cut, n - cut);
    expect_message("{\"method\":\"x\"}");
    expect_nothing();
  }
}

Test(frame, byte_by_byte)
{
  char msg[256];
  strcpy(msg, frame_of("{\"b\":[1,2,3]}"));
  for (size_t i = 0; i < strlen(msg); i++) bl_framer_feed(&fr, msg + i, 1);
  expect_message("{\"b\":[1,2,3]}");
}

Test(frame, two_messages_in_one_read)
{
  char both[512];
  strcpy(both, frame_of("{\"id\":1}"));
  strcat(both, frame_of("{\"id\":2}"));
  bl_framer_feed(&fr, both, strlen(both));
  expect_message("{\"id\":1}");
  expect_message("{\"id\":2}");
  expect_nothing();
}

Test(frame, other_headers_and_case_are_accepted)
{
  const char *m = "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}";
  bl_framer_feed(&fr, m, strlen(m));
  expect_message("{}");
}

Test(frame, duplicate_agreeing_length_is_a_warning_only)
{
  const char *m = "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}";
  bl_framer_feed(&fr, m, strlen(m));
  expect_message("{}");
  cr_assert_eq(fr.warnings, 1);
}

Test(frame, disagreeing_lengths_are_an_error_then_recovery)
{
  const char *bad = "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}";
  bl_framer_feed(&fr, bad, strlen(bad));
  const char *good = frame_of("{\"ok\":true}");
  bl_framer_feed(&fr, good, strlen(good));
  expect_error(BL_FRAME_ELENGTH);
  expect_message("{\"ok\":true}");
}

Test(frame, missing_length_then_recovery)
{
  const char *bad = "Content-Type: x\r\n\r\n";
  bl_framer_feed(&fr, bad, strlen(bad));
  const char *good = frame_of("{}");
  bl_framer_feed(&fr, good, strlen(good));
  expect_error(BL_FRAME_ENOLENGTH);
  expect_message("{}");
}

Test(frame, non_numeric_length)
{
  const char *bad = "Content-Length: 12abc\r\n\r\n";
  bl_framer_feed(&fr, bad, strlen(bad));
  expect_error(BL_FRAME_ELENGTH);
  const char *neg = "Content-Length: -5\r\n\r\n";
  bl_framer_feed(&fr, neg, strlen(neg));
  expect_error(BL_FRAME_ELENGTH);
}

Test(frame, oversize_header_is_refused)
{
  char big[600];
  memset(big, 'x', sizeof big);
  bl_framer_feed(&fr, big, sizeof big);
  expect_error(BL_FRAME_EHEADERCAP);
  const char *good = frame_of("{}");
  bl_framer_feed(&fr, good, strlen(good));
  expect_message("{}");
  cr_assert_lt(fr.buf.len, 600, "the junk is not kept");
}

Test(frame, oversize_body_is_skipped_without_buffering)
{
  const char *hdr = "Content-Length: 5000\r\n\r\n";
  bl_framer_feed(&fr, hdr, strlen(hdr));
  BlFrameEvent ev;
  cr_assert(bl_framer_next(&fr, &ev));
  cr_assert_eq(ev.error, BL_FRAME_EBODYCAP);
  cr_assert_eq(ev.declared, 5000);
  char chunk[100];
  memset(chunk, 'z', sizeof chunk);
  for (int i = 0; i < 50; i++) {
    bl_framer_feed(&fr, chunk, sizeof chunk);
    cr_assert_leq(fr.buf.len, 100, "body bytes are discarded as they come");
    expect_nothing();
  }
  const char *good = frame_of("{\"after\":1}");
  bl_framer_feed(&fr, good, strlen(good));
  expect_message("{\"after\":1}");
}

Test(frame, many_small_messages_in_one_feed)
{
  static char big[200000];
  size_t n = 0;
  for (int i = 0; i < 5000; i++) n += (size_t)sprintf(big + n, "Content-Length: 7\r\n\r\n{\"i\":%d}", i % 10);
  bl_framer_feed(&fr, big, n);
  for (int i = 0; i < 5000; i++) {
    char body[16];
    sprintf(body, "{\"i\":%d}", i % 10);
    expect_message(body);
  }
  expect_nothing();
}

Test(frame, oversize_header_that_starts_like_a_header_still_makes_progress)
{
  char big[600];
  memset(big, 'x', sizeof big);
  memcpy(big, "Content-Length: 2", 17);
  bl_framer_feed(&fr, big, sizeof big);
  expect_error(BL_FRAME_EHEADERCAP);
  expect_nothing();
  const char *good = frame_of("{}");
  bl_framer_feed(&fr, good, strlen(good));
  expect_message("{}");
}
