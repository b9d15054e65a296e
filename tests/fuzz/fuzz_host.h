/* fuzz_host.h: a BlServerHost for the server fuzz targets. It does no I/O: it checks every
 * message the server writes and keeps it (parsed) for the target to inspect.
 *
 * Checked on every write, whatever the client sent:
 *   - one whole frame per write: "Content-Length: N\r\n\r\n" and exactly N bytes of body;
 *   - the body is valid UTF-8 (a client's JSON parser rejects anything else) and parses as a
 *     JSON-RPC 2.0 object: a response (id + result or error), a notification, or a request;
 *   - an error response has an integer code and a non-empty message;
 *   - nothing is written after the server asked to exit, and exit is asked for once.
 * Messages are kept in `msgs` until fuzz_host_clear; the host owns them. */
#ifndef BL_FUZZ_HOST_H
#define BL_FUZZ_HOST_H

#include <cjson/cJSON.h>

#include "base/utf8.h"
#include "base/vec.h"
#include "lsp/server.h"

#include "fuzz.h"

typedef struct FuzzHost {
  BlVec(cJSON *) msgs;
  bool timer_armed;
  bool exited;
  int exit_code;
  size_t writes;
} FuzzHost;

static void fuzz_host__write(void *data, const char *bytes, size_t len)
{
  FuzzHost *h = data;
  FUZZ_CHECK(!h->exited, "the server wrote after it exited: %.*s", (int)(len > 200 ? 200 : len), bytes);
  h->writes++;
  static const char prefix[] = "Content-Length: ";
  FUZZ_CHECK(len > sizeof prefix && memcmp(bytes, prefix, sizeof prefix - 1) == 0, "write is not a frame");
  size_t i = sizeof prefix - 1, n = 0;
  while (i < len && bytes[i] >= '0' && bytes[i] <= '9') n = n * 10 + (size_t)(bytes[i++] - '0');
  FUZZ_CHECK(i + 4 <= len && memcmp(bytes + i, "\r\n\r\n", 4) == 0, "frame header does not end in CRLFCRLF");
  const char *body = bytes + i + 4;
  size_t body_len = len - i - 4;
  FUZZ_CHECK(n == body_len, "Content-Length %zu but the body has %zu bytes", n, body_len);
  size_t bad = bl_utf8_first_invalid((const uint8_t *)body, body_len);
  FUZZ_CHECK(bad == body_len, "the server wrote invalid UTF-8 at byte %zu of: %.*s", bad,
             (int)(body_len > 300 ? 300 : body_len), body);
  cJSON *msg = cJSON_ParseWithLength(body, body_len);
  FUZZ_CHECK(msg && cJSON_IsObject(msg), "the server wrote a body that is not a JSON object: %.*s",
             (int)(body_len > 300 ? 300 : body_len), body);
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(msg, "jsonrpc");
  FUZZ_CHECK(cJSON_IsString(v) && strcmp(v->valuestring, "2.0") == 0, "message without \"jsonrpc\": \"2.0\"");
  const cJSON *method = cJSON_GetObjectItemCaseSensitive(msg, "method");
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(msg, "id");
  if (method) {
    FUZZ_CHECK(cJSON_IsString(method), "method is not a string");
  } else {
    FUZZ_CHECK(id && (cJSON_IsNull(id) || cJSON_IsNumber(id) || cJSON_IsString(id)), "response without a usable id");
    const cJSON *result = cJSON_GetObjectItemCaseSensitive(msg, "result");
    const cJSON *error = cJSON_GetObjectItemCaseSensitive(msg, "error");
    FUZZ_CHECK((result != NULL) != (error != NULL), "a response needs exactly one of result and error");
    if (error) {
      const cJSON *code = cJSON_GetObjectItemCaseSensitive(error, "code");
      const cJSON *message = cJSON_GetObjectItemCaseSensitive(error, "message");
      FUZZ_CHECK(cJSON_IsNumber(code) && code->valuedouble == (double)(int)code->valuedouble, "error code not an integer");
      FUZZ_CHECK(cJSON_IsString(message) && message->valuestring[0], "error without a message");
    }
  }
  bl_vec_push(&h->msgs, msg);
}

static void fuzz_host__set_timer(void *data, unsigned ms)
{
  (void)ms;
  FuzzHost *h = data;
  FUZZ_CHECK(!h->exited, "the server armed its timer after it exited");
  h->timer_armed = true;
}

static void fuzz_host__exit(void *data, int code)
{
  FuzzHost *h = data;
  FUZZ_CHECK(!h->exited, "the server asked to exit twice");
  FUZZ_CHECK(code == 0 || code == 1, "exit code %d", code);
  h->exited = true;
  h->exit_code = code;
}

static inline __attribute__((unused)) BlServerHost fuzz_host_vtable(FuzzHost *h)
{
  BlServerHost vt = {h, fuzz_host__write, fuzz_host__set_timer, fuzz_host__exit, NULL}; /* work runs in line */
  return vt;
}

static inline __attribute__((unused)) void fuzz_host_clear(FuzzHost *h)
{
  for (size_t i = 0; i < h->msgs.len; i++) cJSON_Delete(h->msgs.items[i]);
  bl_vec_clear(&h->msgs);
}

static inline __attribute__((unused)) void fuzz_host_free(FuzzHost *h)
{
  fuzz_host_clear(h);
  bl_vec_free(&h->msgs);
}

/* Fires the debounce timer if the server armed it (as the transport's timer would). */
static inline __attribute__((unused)) void fuzz_host_fire(FuzzHost *h, BlServer *s)
{
  if (h->timer_armed && !h->exited) {
    h->timer_armed = false;
    bl_server_timer(s);
  }
}

/* Frames a body and feeds it. */
static inline __attribute__((unused)) void fuzz_feed_body(BlServer *s, const char *body, size_t len)
{
  char header[64];
  int n = snprintf(header, sizeof header, "Content-Length: %zu\r\n\r\n", len);
  bl_server_feed(s, header, (size_t)n);
  bl_server_feed(s, body, len);
}

/* Number of responses in h->msgs whose id is the string `id`. */
static inline __attribute__((unused)) size_t fuzz_host_responses_to(const FuzzHost *h, const char *id)
{
  size_t n = 0;
  for (size_t i = 0; i < h->msgs.len; i++) {
    const cJSON *m = h->msgs.items[i];
    const cJSON *mid = cJSON_GetObjectItemCaseSensitive(m, "id");
    if (!cJSON_GetObjectItemCaseSensitive(m, "method") && cJSON_IsString(mid) && strcmp(mid->valuestring, id) == 0) n++;
  }
  return n;
}

#endif
