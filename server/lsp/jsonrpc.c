/* jsonrpc.c: JSON-RPC 2.0 classification and message building (see jsonrpc.h). */
#include "jsonrpc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/alloc.h"

static void bl_jsonrpc__invalid(BlMessage *out, int code, const char *message)
{
  out->kind = BL_MSG_INVALID;
  out->error_code = code;
  out->error_message = message;
}

void bl_jsonrpc_parse(const char *body, size_t len, BlMessage *out)
{
  memset(out, 0, sizeof *out);
  out->root = cJSON_ParseWithLength(body, len);
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
