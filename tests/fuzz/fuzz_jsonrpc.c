/* fuzz_jsonrpc.c: JSON-RPC classification (server/lsp/jsonrpc.c) and the server's dispatch on
 * any message body, or on any raw byte stream.
 *
 * Input: 1 flags byte, then the payload.
 *   flags & 1: the payload is a raw stream fed to the server as it is (framing errors
 *              included); otherwise it is one message body, framed here.
 *   flags & 2: the server is initialized first (utf-8 positions when flags & 4), with a small
 *              document open, so the body reaches the request handlers and the documents.
 * Checked:
 *   - bl_jsonrpc_parse classifies every body consistently: a request has a method and a number
 *     or string id; a notification has a method and no id; an invalid message has one of the
 *     JSON-RPC error codes and a message; strings of the message read back with
 *     bl_message_text;
 *   - everything the server writes is a well-formed frame of valid UTF-8 JSON (fuzz_host.h);
 *   - after the payload, the session is still alive: a hover request sent after it gets
 *     exactly one response (unless the payload said `exit`, or is a body that is not JSON and
 *     holds a whole header block: the server takes that for a message its predecessor's
 *     miscounted Content-Length swallowed, so what follows is framed by that header, as
 *     docs/server.md says), and a debounce timer it armed fires without harm. */
#include "fuzz.h"

#include <strings.h>
#include "fuzz_host.h"

#include "base/alloc.h"
#include "lsp/jsonrpc.h"

static const char fuzz__init[] =
    "{\"jsonrpc\":\"2.0\",\"id\":\"fuzz-init\",\"method\":\"initialize\",\"params\":{\"processId\":null,"
    "\"capabilities\":{\"general\":{\"positionEncodings\":[\"%s\"]},\"textDocument\":{\"publishDiagnostics\":"
    "{\"relatedInformation\":true}}},\"initializationOptions\":{\"debounceMs\":0,\"inlayHints\":true}}}";
static const char fuzz__open[] =
    "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":"
    "\"file:///fuzz/a.md\",\"languageId\":\"markdown\",\"version\":1,\"text\":\"Water Rates Rise\\n\\n"
    "The council voted 5-2 on Tuesday to raise rates by 9%, the Ledger reported. \\u201cIt was bad,\\u201d "
    "Mayor Lucía Brennan said of the $7 billion plan. \\ud83d\\ude00 NSA officials said the U.S. agency "
    "would \\u201cwait.\\n\"}}}";
static const char fuzz__hover[] =
    "{\"jsonrpc\":\"2.0\",\"id\":\"fuzz-final\",\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":"
    "{\"uri\":\"file:///fuzz/a.md\"},\"position\":{\"line\":2,\"character\":20}}}";

static void fuzz__check_message(const char *body, size_t len)
{
  BlMessage m;
  bl_jsonrpc_parse(body, len, &m);
  switch (m.kind) {
  case BL_MSG_REQUEST:
    FUZZ_CHECK(m.method && m.id && (cJSON_IsNumber(m.id) || cJSON_IsString(m.id)), "request without method or id");
    break;
  case BL_MSG_NOTIFICATION:
    FUZZ_CHECK(m.method != NULL, "notification without a method");
    FUZZ_CHECK(m.id == NULL, "notification with an id");
    break;
  case BL_MSG_RESPONSE:
    FUZZ_CHECK(cJSON_IsObject(m.root), "response that is not an object");
    break;
  case BL_MSG_INVALID:
    FUZZ_CHECK(m.error_code == BL_RPC_PARSE_ERROR || m.error_code == BL_RPC_INVALID_REQUEST ||
                   m.error_code == BL_RPC_INVALID_PARAMS,
               "invalid message with error code %d", m.error_code);
    FUZZ_CHECK(m.error_message && m.error_message[0], "invalid message without a message");
    FUZZ_CHECK(m.error_code != BL_RPC_PARSE_ERROR || m.root == NULL, "parse error with a parsed root");
    break;
  default:
    fuzz_fail("message of unknown kind %d", (int)m.kind);
  }
  if (m.params) FUZZ_CHECK(cJSON_IsObject(m.params) || cJSON_IsArray(m.params), "params neither object nor array");
  if (m.method) {
    size_t n;
    char *text = bl_message_text(&m, m.method, &n);
    FUZZ_CHECK(n <= len, "a string of the message is longer than the message");
    FUZZ_CHECK(text[n] == '\0', "bl_message_text result not NUL-terminated");
    bl_free(text);
  }
  bl_message_free(&m);
}

/* Whether a body holds "Content-Length" and, after it, a blank line ending a header block. */
static bool fuzz__holds_header_block(const char *p, size_t len)
{
  for (size_t k = 0; k + 14 <= len; k++) {
    if (strncasecmp(p + k, "content-length", 14) != 0) continue;
    for (size_t i = k + 14; i + 4 <= len; i++)
      if (memcmp(p + i, "\r\n\r\n", 4) == 0) return true;
    return false;
  }
  return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  FuzzInput in = {data, size, 0};
  uint8_t flags = fuzz_u8(&in);
  size_t len;
  const char *payload = (const char *)fuzz_rest(&in, &len);

  if (!(flags & 1)) fuzz__check_message(payload, len);

  FuzzHost host = {0};
  BlServerHost vt = fuzz_host_vtable(&host);
  BlServer *s = bl_server_new(&vt);
  if (flags & 2) {
    char init[sizeof fuzz__init + 16];
    snprintf(init, sizeof init, fuzz__init, (flags & 4) ? "utf-8" : "utf-16");
    fuzz_feed_body(s, init, strlen(init));
    static const char initialized[] = "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}";
    fuzz_feed_body(s, initialized, sizeof initialized - 1);
    fuzz_feed_body(s, fuzz__open, sizeof fuzz__open - 1);
    fuzz_host_fire(&host, s);
    FUZZ_CHECK(fuzz_host_responses_to(&host, "fuzz-init") == 1, "initialize was not answered once");
    fuzz_host_clear(&host);
  }
  if (flags & 1)
    bl_server_feed(s, payload, len);
  else
    fuzz_feed_body(s, payload, len);
  fuzz_host_fire(&host, s);
  if (!host.exited) {
    size_t before = fuzz_host_responses_to(&host, "fuzz-final"); /* the payload may use the id too */
    /* After a raw stream the framer may be inside a body or a header: a well-formed message
     * then comes after a blank line, as a client that resynchronizes would send it. */
    if (flags & 1) bl_server_feed(s, "\r\n\r\n", 4);
    fuzz_feed_body(s, fuzz__hover, sizeof fuzz__hover - 1);
    fuzz_host_fire(&host, s);
    if (!host.exited && !(flags & 1) && !fuzz__holds_header_block(payload, len))
      FUZZ_CHECK(fuzz_host_responses_to(&host, "fuzz-final") == before + 1,
                 "the hover after the payload was not answered exactly once");
  }
  bl_server_eof(s);
  bl_server_free(s);
  fuzz_host_free(&host);
  return 0;
}
