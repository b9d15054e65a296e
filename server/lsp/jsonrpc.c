/* jsonrpc.c: JSON-RPC 2.0 classification and message building (see jsonrpc.h). */
#include "jsonrpc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/alloc.h"
#include "../base/utf8.h"

static void bl_jsonrpc__invalid(BlMessage *out, int code, const char *message)
{
  out->kind = BL_MSG_INVALID;
  out->error_code = code;
  out->error_message = message;
}

static int bl_jsonrpc__hex4(const char *p, size_t left)
{
  if (left < 4) return -1;
  int v = 0;
  for (int i = 0; i < 4; i++) {
    char c = p[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/* cJSON keeps strings NUL-terminated without a length, and refuses lone surrogates. Both can
 * come from an editor (a JS string may hold either), so before parsing, escapes inside strings
 * are rewritten: \u0000 becomes \uFFFF (mapped back to NUL by bl_message_text) and a lone
 * surrogate becomes \uFFFD, one UTF-16 unit like the original, so positions stay in step.
 * Returns a rewritten copy, or NULL when nothing needed rewriting. */
static char *bl_jsonrpc__fix_escapes(const char *body, size_t len, bool *had_nul)
{
  char *copy = NULL;
  bool in_string = false;
  for (size_t i = 0; i < len; i++) {
    char c = body[i];
    if (!in_string) {
      if (c == '"') in_string = true;
      continue;
    }
    if (c == '"') {
      in_string = false;
    } else if (c == '\\' && i + 1 < len) {
      if (body[i + 1] != 'u') {
        i++;
        continue;
      }
      int v = bl_jsonrpc__hex4(body + i + 2, len - i - 2);
      const char *repl = NULL;
      if (v == 0) {
        repl = "FFFF";
        *had_nul = true;
      } else if (v >= 0xD800 && v <= 0xDBFF) {
        int lo = (i + 11 < len && body[i + 6] == '\\' && body[i + 7] == 'u') ? bl_jsonrpc__hex4(body + i + 8, len - i - 8) : -1;
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
          i += 11; /* a proper pair */
          continue;
        }
        repl = "FFFD";
      } else if (v >= 0xDC00 && v <= 0xDFFF) {
        repl = "FFFD";
      }
      if (repl) {
        if (!copy) {
          copy = bl_malloc(len + 1);
          memcpy(copy, body, len);
          copy[len] = '\0';
        }
        memcpy(copy + i + 2, repl, 4);
      }
      if (v >= 0) i += 5;
    }
  }
  return copy;
}

void bl_jsonrpc_parse(const char *body, size_t len, BlMessage *out)
{
  memset(out, 0, sizeof *out);
  char *fixed = bl_jsonrpc__fix_escapes(body, len, &out->had_nul);
  const char *end = NULL;
  out->root = cJSON_ParseWithLengthOpts(fixed ? fixed : body, len, &end, 0);
  if (out->root) { /* the body must be one JSON value and nothing after it but spaces */
    const char *base = fixed ? fixed : body;
    for (size_t i = (size_t)(end - base); i < len; i++) {
      char c = base[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\0') {
        cJSON_Delete(out->root);
        out->root = NULL;
        break;
      }
    }
  }
  bl_free(fixed);
  if (!out->root) {
    bl_jsonrpc__invalid(out, BL_RPC_PARSE_ERROR, "Parse error: the message body is not valid JSON");
    return;
  }
  if (cJSON_IsArray(out->root)) {
    bl_jsonrpc__invalid(out, BL_RPC_INVALID_REQUEST, "Invalid Request: batches are not supported");
    return;
  }
  if (!cJSON_IsObject(out->root)) {
    bl_jsonrpc__invalid(out, BL_RPC_INVALID_REQUEST, "Invalid Request: a message must be a JSON object");
    return;
  }
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(out->root, "id");
  if (id && (cJSON_IsNumber(id) || cJSON_IsString(id))) out->id = id;
  const cJSON *version = cJSON_GetObjectItemCaseSensitive(out->root, "jsonrpc");
  if (!cJSON_IsString(version) || strcmp(version->valuestring, "2.0") != 0) {
    bl_jsonrpc__invalid(out, BL_RPC_INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
    return;
  }
  if (id && !out->id && !cJSON_IsNull(id)) {
    bl_jsonrpc__invalid(out, BL_RPC_INVALID_REQUEST, "Invalid Request: \"id\" must be a number or a string");
    return;
  }
  const cJSON *method = cJSON_GetObjectItemCaseSensitive(out->root, "method");
  if (!method) {
    if (cJSON_GetObjectItemCaseSensitive(out->root, "result") ||
        cJSON_GetObjectItemCaseSensitive(out->root, "error")) {
      out->kind = BL_MSG_RESPONSE;
      return;
    }
    bl_jsonrpc__invalid(out, BL_RPC_INVALID_REQUEST, "Invalid Request: no \"method\"");
    return;
  }
  if (!cJSON_IsString(method)) {
    bl_jsonrpc__invalid(out, BL_RPC_INVALID_REQUEST, "Invalid Request: \"method\" must be a string");
    return;
  }
  out->method = method->valuestring;
  const cJSON *params = cJSON_GetObjectItemCaseSensitive(out->root, "params");
  if (params && !cJSON_IsObject(params) && !cJSON_IsArray(params)) {
    if (!id) { /* a notification with bad params: nothing to answer; the handler logs it */
      out->kind = BL_MSG_NOTIFICATION;
      out->params = NULL;
      return;
    }
    bl_jsonrpc__invalid(out, BL_RPC_INVALID_PARAMS, "Invalid params: \"params\" must be an object or an array");
    return;
  }
  out->params = params;
  out->kind = id ? BL_MSG_REQUEST : BL_MSG_NOTIFICATION;
  if (id && !out->id) /* "id": null on a request */
    bl_jsonrpc__invalid(out, BL_RPC_INVALID_REQUEST, "Invalid Request: \"id\" must be a number or a string");
}

void bl_message_free(BlMessage *self)
{
  cJSON_Delete(self->root);
  memset(self, 0, sizeof *self);
}

static char *bl_jsonrpc__frame(cJSON *msg, size_t *len)
{
  char *body = cJSON_PrintUnformatted(msg);
  cJSON_Delete(msg);
  if (!body) { /* cJSON reports failure only on allocation */
    fprintf(stderr, "byline: out of memory printing JSON\n");
    abort();
  }
  size_t n = strlen(body);
  /* Strings can carry bytes from a client or a file (a URI, a quote); the wire must be UTF-8
   * whatever they hold, so a message is checked once, here, and mended if need be. */
  if (bl_utf8_first_invalid((const uint8_t *)body, n) < n) {
    char *clean = bl_utf8_sanitize(body, n);
    cJSON_free(body);
    body = cJSON_malloc(strlen(clean) + 1);
    strcpy(body, clean);
    bl_free(clean);
    n = strlen(body);
  }
  char header[64];
  int h = snprintf(header, sizeof header, "Content-Length: %zu\r\n\r\n", n);
  char *out = bl_malloc((size_t)h + n + 1);
  memcpy(out, header, (size_t)h);
  memcpy(out + h, body, n + 1);
  cJSON_free(body);
  *len = (size_t)h + n;
  return out;
}

static cJSON *bl_jsonrpc__envelope(const cJSON *id, bool with_id)
{
  cJSON *msg = cJSON_CreateObject();
  cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
  if (with_id) cJSON_AddItemToObject(msg, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull());
  return msg;
}

char *bl_jsonrpc_result(const cJSON *id, cJSON *result, size_t *len)
{
  cJSON *msg = bl_jsonrpc__envelope(id, true);
  cJSON_AddItemToObject(msg, "result", result ? result : cJSON_CreateNull());
  return bl_jsonrpc__frame(msg, len);
}

char *bl_jsonrpc_error(const cJSON *id, int code, const char *message, size_t *len)
{
  cJSON *msg = bl_jsonrpc__envelope(id, true);
  cJSON *err = cJSON_AddObjectToObject(msg, "error");
  cJSON_AddNumberToObject(err, "code", code);
  cJSON_AddStringToObject(err, "message", message);
  return bl_jsonrpc__frame(msg, len);
}

char *bl_jsonrpc_notification(const char *method, cJSON *params, size_t *len)
{
  cJSON *msg = bl_jsonrpc__envelope(NULL, false);
  cJSON_AddStringToObject(msg, "method", method);
  if (params) cJSON_AddItemToObject(msg, "params", params);
  return bl_jsonrpc__frame(msg, len);
}

char *bl_jsonrpc_request(long id, const char *method, cJSON *params, size_t *len)
{
  cJSON *msg = bl_jsonrpc__envelope(NULL, false);
  cJSON_AddNumberToObject(msg, "id", (double)id);
  cJSON_AddStringToObject(msg, "method", method);
  if (params) cJSON_AddItemToObject(msg, "params", params);
  return bl_jsonrpc__frame(msg, len);
}

char *bl_message_text(const BlMessage *self, const char *s, size_t *len)
{
  size_t n = strlen(s);
  char *out = bl_strndup(s, n);
  if (self->had_nul) { /* U+FFFF stood in for NUL while cJSON parsed */
    size_t w = 0;
    for (size_t r = 0; r < n; r++) {
      if (r + 2 < n && (unsigned char)out[r] == 0xEF && (unsigned char)out[r + 1] == 0xBF &&
          (unsigned char)out[r + 2] == 0xBF) {
        out[w++] = '\0';
        r += 2;
      } else {
        out[w++] = out[r];
      }
    }
    n = w;
    out[n] = '\0';
  }
  *len = n;
  return out;
}
