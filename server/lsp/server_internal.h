/* server_internal.h: the server's state and helpers, shared by server.c (lifecycle, sync,
 * dispatch) and features.c (hover, semantic tokens, inlay hints, highlights). Not an API. */
#ifndef BL_SERVER_INTERNAL_H
#define BL_SERVER_INTERNAL_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "../analysis/analyze.h"
#include "../base/vec.h"
#include "../config/config.h"
#include "../corpus/check.h"
#include "../corpus/corpus.h"
#include "../text/store.h"
#include "frame.h"
#include "jsonrpc.h"
#include "server.h"

typedef enum { BL_STATE_UNINIT, BL_STATE_RUNNING, BL_STATE_SHUTDOWN, BL_STATE_EXITED } BlState;

enum { BL_LOG_MSG_ERROR = 1, BL_LOG_MSG_WARNING = 2, BL_LOG_MSG_INFO = 3 };

struct BlServer {
  BlServerHost host;
  BlFramer framer;
  BlState state;
  BlEncoding encoding;
  bool related_information;
  unsigned debounce_ms;
  BlStore store;
  BlVec(char *) dirty; /* URIs whose diagnostics are due */
  const struct BlMessage *current; /* the message being handled */
  BlConfigCache configs;            /* .byline.json files, as the CLI reads them */
  BlVec(const BlConfig *) reported; /* configurations whose problems were shown */
  int editor_inlay_hints;           /* -1 unset; else the editor's setting, which wins */
  int editor_rules[BL_MAX_RULES];   /* per rule: -1 unset, else a severity or BL_RULE_OFF; used only
                                       for files that no .byline.json governs */
  bool inlay_refresh;               /* the client accepts workspace/inlayHint/refresh */
  BlRuleSettings effective_rules;   /* scratch for bl_server__rules */
  bool pull_configuration;          /* the client answers workspace/configuration */
  long next_request_id, config_request;
  /* the corpus (workspace.c) */
  BlCorpus *corpus;
  BlVec(char *) roots;
  unsigned index_generation;
  size_t index_total, index_done, index_jobs;
  bool progress_capable, progress_ready, progress_begun, watch_dynamic;
  long progress_request;
  int progress_reported; /* the last percentage reported, -1 for none yet */
  bool corpus_changed; /* a buffer's summary replaced its entry since the last publish */
  struct BlStructure *structure; /* structure.c: the fold queries, loaded once */
};

/* A request handler's answer: a result, or an error code with a message. */
typedef struct BlReply {
  cJSON *result;
  int code; /* 0 = success */
  char message[512];
} BlReply;

typedef void (*BlRequestFn)(BlServer *self, const cJSON *params, BlReply *reply);
typedef void (*BlNotifyFn)(BlServer *self, const cJSON *params);


void bl_server__send(BlServer *self, char *bytes, size_t len);
void bl_server__notify(BlServer *self, const char *method, cJSON *params);
void bl_server__log_client(BlServer *self, int type, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void bl_server__reply_error(BlReply *reply, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *bl_server__str(const cJSON *obj, const char *key);
const cJSON *bl_server__obj(const cJSON *obj, const char *key);
bool bl_server__int(const cJSON *obj, const char *key, int64_t *out);
/* The configuration that applies to a document (from its file: URI's folder upward). */
const BlConfig *bl_server__config(BlServer *self, const BlDocument *doc);
/* The rule settings for a document: its .byline.json, else the defaults with the editor's
 * per-rule settings on top. Valid until the next call. */
const BlRuleSettings *bl_server__rules(BlServer *self, const BlDocument *doc);
/* The analysis of the document's current text (computed on demand, cached on the document). */
const BlAnalysis *bl_server__analysis(BlServer *self, BlDocument *doc);

/* Marks every open document for a fresh publish (after the corpus changed). */
void bl_server_republish(BlServer *self);

/* workspace.c */
void bl_workspace_roots(BlServer *self, const cJSON *initialize_params);
void bl_workspace_index(BlServer *self);
void bl_workspace_file_changed(BlServer *self, const char *uri, bool deleted);
void bl_workspace_watch(BlServer *self);
void bl_workspace_request_progress(BlServer *self);
void bl_workspace_progress_created(BlServer *self);

/* navigate.c */
void bl_feature_definition(BlServer *self, const cJSON *params, BlReply *reply);
void bl_feature_references(BlServer *self, const cJSON *params, BlReply *reply);
void bl_feature_document_links(BlServer *self, const cJSON *params, BlReply *reply);
void bl_feature_workspace_symbols(BlServer *self, const cJSON *params, BlReply *reply);

/* structure.c: symbols, folds and selection ranges from the syntax tree. */
typedef struct BlStructure BlStructure;
/* Compiles the built-in and the workspace's queries (errors go to window/showMessage); once. */
void bl_structure_load_queries(BlServer *self);
void bl_structure_free(BlServer *self);
void bl_feature_document_symbols(BlServer *self, const cJSON *params, BlReply *reply);
void bl_feature_folding_ranges(BlServer *self, const cJSON *params, BlReply *reply);
void bl_feature_selection_ranges(BlServer *self, const cJSON *params, BlReply *reply);

/* features.c: request handlers, and what initialize advertises for them. */
void bl_features_capabilities(const BlServer *self, cJSON *capabilities);
void bl_feature_hover(BlServer *self, const cJSON *params, BlReply *reply);
void bl_feature_semantic_tokens_full(BlServer *self, const cJSON *params, BlReply *reply);
void bl_feature_semantic_tokens_range(BlServer *self, const cJSON *params, BlReply *reply);
void bl_feature_inlay_hints(BlServer *self, const cJSON *params, BlReply *reply);
void bl_feature_document_highlight(BlServer *self, const cJSON *params, BlReply *reply);
/* actions.c */
void bl_feature_code_actions(BlServer *self, const cJSON *params, BlReply *reply);

#endif
