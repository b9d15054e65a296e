/* jsonrpc.h: JSON-RPC 2.0 messages over cJSON: classify an incoming body, build outgoing ones.
 *
 * bl_jsonrpc_parse owns nothing of the body; it returns a BlMessage whose `root` the caller
 * frees with bl_message_free (id, method and params point into root). Builders return framed
 * bytes ("Content-Length: ...\r\n\r\n{...}") in a heap buffer the caller frees; they take
 * ownership of any cJSON passed as result/params. */
#ifndef BL_JSONRPC_H
#define BL_JSONRPC_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

enum {
  BL_RPC_PARSE_ERROR = -32700,
  BL_RPC_INVALID_REQUEST = -32600,
  BL_RPC_METHOD_NOT_FOUND = -32601,
  BL_RPC_INVALID_PARAMS = -32602,
  BL_RPC_INTERNAL_ERROR = -32603,
  BL_RPC_SERVER_NOT_INITIALIZED = -32002,
  BL_RPC_REQUEST_FAILED = -32803,
  BL_RPC_REQUEST_CANCELLED = -32800,
};

typedef enum {
  BL_MSG_REQUEST,      /* method + id */
  BL_MSG_NOTIFICATION, /* method, no id */
  BL_MSG_RESPONSE,     /* id + result or error: an answer to a request we sent */
  BL_MSG_INVALID,      /* error_code/error_message say why; id set when one could be read */
} BlMessageKind;

typedef struct BlMessage {
  BlMessageKind kind;
  cJSON *root;
  const cJSON *id;     /* number or string; NULL when absent */
  const char *method;
  const cJSON *params; /* object or array; NULL when absent */
  int error_code;
  const char *error_message; /* static text */
  bool had_nul; /* a string held \u0000: bl_message_text restores it */
} BlMessage;

void bl_jsonrpc_parse(const char *body, size_t len, BlMessage *out);
void bl_message_free(BlMessage *self);
/* The bytes of a string value of this message (NUL characters restored), as a heap copy the
 * caller frees; *len gets its length. */
char *bl_message_text(const BlMessage *self, const char *s, size_t *len);

/* Framed response with `result` (taken; NULL means JSON null). id may be NULL (JSON null). */
char *bl_jsonrpc_result(const cJSON *id, cJSON *result, size_t *len);
/* Framed error response; message is copied. */
char *bl_jsonrpc_error(const cJSON *id, int code, const char *message, size_t *len);
/* Framed notification with `params` (taken). */
char *bl_jsonrpc_notification(const char *method, cJSON *params, size_t *len);
/* Framed request from the server to the client, with a numeric id. */
char *bl_jsonrpc_request(long id, const char *method, cJSON *params, size_t *len);

#endif
