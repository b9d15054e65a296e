/* server.c: LSP lifecycle, dispatch, document sync and diagnostics publishing (see server.h).
 *
 * Messages are handled in arrival order, one batch per feed: the batch is parsed first so that a
 * $/cancelRequest can cancel a request that arrived with it but has not run yet (it then gets
 * RequestCancelled, still exactly one response). Document changes mark the document dirty and
 * arm the debounce timer; when it fires, every dirty document is analysed from its current
 * buffer and published with its current version, so a stale version is never published. */
#include "server.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../analysis/analyze.h"
#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/log.h"
#include "../base/uri.h"
#include "../base/utf8.h"
#include "../base/vec.h"
#include "../syntax/parse.h"
#include "../text/store.h"
#include "../version.h"
#include "convert.h"
#include "frame.h"
#include "jsonrpc.h"

#include "server_internal.h"

/* ---------------------------------------------------------------- output */

void bl_server__send(BlServer *self, char *bytes, size_t len)
{
  self->host.write(self->host.data, bytes, len);
  bl_free(bytes);
}

void bl_server__notify(BlServer *self, const char *method, cJSON *params)
{
  size_t len;
  char *bytes = bl_jsonrpc_notification(method, params, &len);
  bl_server__send(self, bytes, len);
}

void bl_server__log_client(BlServer *self, int type, const char *fmt, ...)
{
  BlBuf msg;
  bl_buf_init(&msg, 0);
  va_list ap;
  va_start(ap, fmt);
  bl_buf_vprintf(&msg, fmt, ap);
  va_end(ap);
  bl_warn("%s", msg.data);
  cJSON *params = cJSON_CreateObject();
  cJSON_AddNumberToObject(params, "type", type);
  cJSON_AddStringToObject(params, "message", msg.data);
  bl_buf_free(&msg);
  bl_server__notify(self, "window/logMessage", params);
}

void bl_server__reply_error(BlReply *reply, int code, const char *fmt, ...)
{
  reply->code = code;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(reply->message, sizeof reply->message, fmt, ap);
  va_end(ap);
}

/* ---------------------------------------------------------------- params */

const char *bl_server__str(const cJSON *obj, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

const cJSON *bl_server__obj(const cJSON *obj, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  return cJSON_IsObject(v) ? v : NULL;
}

bool bl_server__int(const cJSON *obj, const char *key, int64_t *out)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (!cJSON_IsNumber(v) || !(v->valuedouble >= -9007199254740992.0 && v->valuedouble <= 9007199254740992.0))
    return false; /* not exactly representable, and a cast past int64's range is undefined */
  if (v->valuedouble != (double)(int64_t)v->valuedouble) return false;
  *out = (int64_t)v->valuedouble;
  return true;
}

/* ---------------------------------------------------------------- analysis */

static void bl_server__free_analysis(void *user)
{
  bl_analysis_free(user);
  bl_free(user);
}

const BlConfig *bl_server__config(BlServer *self, const BlDocument *doc)
{
  char *path = bl_uri_to_path(doc->uri);
  const BlConfig *cfg = path ? bl_config_for(&self->configs, path) : &self->configs.defaults;
  bl_free(path);
  for (size_t i = 0; i < self->reported.len; i++)
    if (self->reported.items[i] == cfg) return cfg;
  bl_vec_push(&self->reported, cfg);
  for (size_t i = 0; i < cfg->problems.len; i++) {
    cJSON *params = cJSON_CreateObject();
    cJSON_AddNumberToObject(params, "type", BL_LOG_MSG_ERROR);
    cJSON_AddStringToObject(params, "message", cfg->problems.items[i]);
    bl_server__notify(self, "window/showMessage", params);
  }
  return cfg;
}

const BlRuleSettings *bl_server__rules(BlServer *self, const BlDocument *doc)
{
  const BlConfig *cfg = bl_server__config(self, doc);
  if (cfg->path) return &cfg->rules;
  self->effective_rules = cfg->rules;
  for (size_t i = 0; i < BL_MAX_RULES; i++)
    if (self->editor_rules[i] != -1) self->effective_rules.severity[i] = self->editor_rules[i];
  return &self->effective_rules;
}

const BlAnalysis *bl_server__analysis(BlServer *self, BlDocument *doc)
{
  /* The document drops `user` on every change, so a cached analysis is always current. */
  if (!doc->user) {
    BlAnalysis *an = bl_malloc(sizeof *an);
    /* the rules (with the editor's settings) and the gazetteers of the document's .byline.json */
    BlAnalysisOptions opts = {bl_server__rules(self, doc), bl_server__config(self, doc)->lexicon};
    bl_analysis_run_with(an, doc->text, doc->len, &opts);
    char *path = bl_uri_to_path(doc->uri);
    BlCorpusDoc *summary = bl_corpus_doc_new(an, doc->uri, path);
    const BlCorpusDoc *before = bl_corpus_get(self->corpus, doc->uri);
    /* other open articles are republished only when this one changed what they are checked
     * against (a quote, a figure, a citation), not on every keystroke */
    if (!before || bl_corpus_doc_fingerprint(before) != bl_corpus_doc_fingerprint(summary)) self->corpus_changed = true;
    bl_corpus_put(self->corpus, summary); /* the buffer wins over the file */
    bl_free(path);
    doc->user = an;
    doc->user_free = bl_server__free_analysis;
  }
  return doc->user;
}

/* ---------------------------------------------------------------- diagnostics */

/* Queues uri for publishing when the timer fires, `delay_ms` from now (the debounce after an
 * edit; 0 for an opened document, whose first diagnostics should not wait for more typing). */
static void bl_server__mark_dirty_in(BlServer *self, const char *uri, unsigned delay_ms)
{
  for (size_t i = 0; i < self->dirty.len; i++)
    if (strcmp(self->dirty.items[i], uri) == 0) goto arm;
  bl_vec_push(&self->dirty, bl_strdup(uri));
arm:
  self->host.set_timer(self->host.data, delay_ms);
}

static void bl_server__mark_dirty(BlServer *self, const char *uri)
{
  bl_server__mark_dirty_in(self, uri, self->debounce_ms);
}

static void bl_server__publish(BlServer *self, const char *uri, const BlDocument *doc)
{
  cJSON *params = cJSON_CreateObject();
  cJSON_AddStringToObject(params, "uri", uri);
  if (doc) {
    cJSON_AddNumberToObject(params, "version", (double)doc->version);
    const BlAnalysis *an = bl_server__analysis(self, (BlDocument *)doc);
    cJSON *diags = bl_lsp_diagnostics(doc, &an->findings, self->encoding, self->related_information);
    BlFindings corpus_findings = {0};
    const BlCorpusDoc *me = bl_corpus_get(self->corpus, doc->uri);
    if (me) bl_corpus_check(self->corpus, me, &an->suppressions, bl_server__rules(self, doc), &corpus_findings);
    for (size_t i = 0; i < corpus_findings.items.len; i++)
      cJSON_AddItemToArray(diags, bl_lsp_diagnostic(doc, &corpus_findings.items.items[i], self->encoding,
                                                    self->related_information));
    bl_findings_free(&corpus_findings);
    cJSON_AddItemToObject(params, "diagnostics", diags);
  } else {
    cJSON_AddItemToObject(params, "diagnostics", cJSON_CreateArray());
  }
  bl_server__notify(self, "textDocument/publishDiagnostics", params);
}

static void bl_server__publish_other(BlDocument *doc, void *data)
{
  BlServer *self = data;
  for (size_t i = 0; i < self->dirty.len; i++)
    if (strcmp(self->dirty.items[i], doc->uri) == 0) return; /* just published */
  bl_server__publish(self, doc->uri, doc);
}

void bl_server_timer(BlServer *self)
{
  if (self->state == BL_STATE_EXITED) return;
  self->corpus_changed = false; /* set by the analyses this publish runs */
  for (size_t i = 0; i < self->dirty.len; i++) {
    BlDocument *doc = bl_store_get(&self->store, self->dirty.items[i]);
    if (doc) bl_server__publish(self, doc->uri, doc);
  }
  /* an edit changed what the corpus holds: the other open articles' corpus findings may change
   * too (their analyses are cached, so this does not cascade; opening a file changes nothing the
   * index did not already hold from disk) */
  if (self->corpus_changed) bl_store_each(&self->store, bl_server__publish_other, self);
  self->corpus_changed = false;
  for (size_t i = 0; i < self->dirty.len; i++) bl_free(self->dirty.items[i]);
  bl_vec_clear(&self->dirty);
}

static void bl_server__forget_dirty(BlServer *self, const char *uri)
{
  for (size_t i = 0; i < self->dirty.len; i++) {
    if (strcmp(self->dirty.items[i], uri) != 0) continue;
    bl_free(self->dirty.items[i]);
    self->dirty.items[i] = self->dirty.items[--self->dirty.len];
    return;
  }
}

/* ---------------------------------------------------------------- lifecycle */

/* Editor settings, from initializationOptions or didChangeConfiguration's settings.byline. Each
 * settings object is complete: what it leaves out goes back to unset. */
static void bl_server__apply_settings(BlServer *self, const cJSON *settings)
{
  for (size_t i = 0; i < BL_MAX_RULES; i++) self->editor_rules[i] = -1;
  const cJSON *hints = cJSON_GetObjectItemCaseSensitive(settings, "inlayHints");
  if (cJSON_IsBool(hints)) {
    int before = self->editor_inlay_hints;
    self->editor_inlay_hints = cJSON_IsTrue(hints);
    if (before != self->editor_inlay_hints && self->inlay_refresh && self->state == BL_STATE_RUNNING) {
      size_t len;
      char *bytes = bl_jsonrpc_request(++self->next_request_id, "workspace/inlayHint/refresh", NULL, &len);
      bl_server__send(self, bytes, len);
    }
  }
  /* per-rule severities from the editor: only for files with no .byline.json (the file wins, so
   * the editor never disagrees with CI) */
  const cJSON *rules = cJSON_GetObjectItemCaseSensitive(settings, "rules"), *r;
  if (cJSON_IsObject(rules)) {
    cJSON_ArrayForEach(r, rules)
    {
      const BlRule *rule = bl_rule_find(r->string);
      BlSeverity sev;
      if (!rule || !cJSON_IsString(r)) continue;
      if (strcmp(r->valuestring, "off") == 0) self->editor_rules[bl_rule_index(rule)] = BL_RULE_OFF;
      else if (bl_severity_parse(r->valuestring, &sev) == 0) self->editor_rules[bl_rule_index(rule)] = (int)sev;
    }
  }
}



static void bl_server__initialize(BlServer *self, const cJSON *params, BlReply *reply)
{
  if (self->state != BL_STATE_UNINIT) {
    bl_server__reply_error(reply, BL_RPC_INVALID_REQUEST, "initialize was already called");
    return;
  }
  if (!cJSON_IsObject(params)) {
    bl_server__reply_error(reply, BL_RPC_INVALID_PARAMS, "initialize: params must be an object");
    return;
  }
  const cJSON *caps = bl_server__obj(params, "capabilities");
  const cJSON *general = bl_server__obj(caps, "general");
  const cJSON *encodings = cJSON_GetObjectItemCaseSensitive(general, "positionEncodings");
  self->encoding = BL_ENC_UTF16;
  const cJSON *e;
  if (cJSON_IsArray(encodings)) {
    cJSON_ArrayForEach(e, encodings)
    {
      if (cJSON_IsString(e) && strcmp(e->valuestring, "utf-8") == 0) self->encoding = BL_ENC_UTF8;
    }
  }
  bl_workspace_roots(self, params);
  const cJSON *ih = bl_server__obj(bl_server__obj(caps, "workspace"), "inlayHint");
  self->inlay_refresh = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ih, "refreshSupport"));
  const cJSON *window = bl_server__obj(caps, "window");
  self->progress_capable = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(window, "workDoneProgress"));
  const cJSON *watched = bl_server__obj(bl_server__obj(caps, "workspace"), "didChangeWatchedFiles");
  self->watch_dynamic = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(watched, "dynamicRegistration"));
  self->pull_configuration =
      cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(bl_server__obj(caps, "workspace"), "configuration"));
  const cJSON *pd = bl_server__obj(bl_server__obj(caps, "textDocument"), "publishDiagnostics");
  self->related_information = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pd, "relatedInformation"));
  int64_t debounce;
  const cJSON *opts = bl_server__obj(params, "initializationOptions");
  if (bl_server__int(opts, "debounceMs", &debounce) && debounce >= 0 && debounce <= 10000)
    self->debounce_ms = (unsigned)debounce;
  else if (cJSON_GetObjectItemCaseSensitive(opts, "debounceMs"))
    bl_server__log_client(self, BL_LOG_MSG_WARNING,
                          "initialize: initializationOptions.debounceMs must be a whole number of milliseconds "
                          "from 0 to 10000; keeping %u",
                          self->debounce_ms);
  bl_server__apply_settings(self, opts);

  cJSON *result = cJSON_CreateObject();
  cJSON *c = cJSON_AddObjectToObject(result, "capabilities");
  cJSON_AddStringToObject(c, "positionEncoding", self->encoding == BL_ENC_UTF8 ? "utf-8" : "utf-16");
  cJSON *sync = cJSON_AddObjectToObject(c, "textDocumentSync");
  cJSON_AddBoolToObject(sync, "openClose", 1);
  cJSON_AddNumberToObject(sync, "change", 2); /* incremental */
  bl_features_capabilities(self, c);
  cJSON *info = cJSON_AddObjectToObject(result, "serverInfo");
  cJSON_AddStringToObject(info, "name", "byline");
  cJSON_AddStringToObject(info, "version", BL_VERSION);
  reply->result = result;
  self->state = BL_STATE_RUNNING;
}

static void bl_server__shutdown(BlServer *self, const cJSON *params, BlReply *reply)
{
  (void)params;
  self->state = BL_STATE_SHUTDOWN;
  reply->result = cJSON_CreateNull();
}

static void bl_server__exit(BlServer *self, const cJSON *params)
{
  (void)params;
  int code = self->state == BL_STATE_SHUTDOWN ? 0 : 1;
  self->state = BL_STATE_EXITED;
  self->host.exit(self->host.data, code);
}

/* Asks the client for the "byline" settings section (answered in bl_server__response). */
static void bl_server__pull_configuration(BlServer *self)
{
  cJSON *params = cJSON_CreateObject();
  cJSON *items = cJSON_AddArrayToObject(params, "items");
  cJSON *item = cJSON_CreateObject();
  cJSON_AddStringToObject(item, "section", "byline");
  cJSON_AddItemToArray(items, item);
  size_t len;
  self->config_request = ++self->next_request_id;
  char *bytes = bl_jsonrpc_request(self->config_request, "workspace/configuration", params, &len);
  bl_server__send(self, bytes, len);
}

static void bl_server__initialized(BlServer *self, const cJSON *params)
{
  (void)params;
  if (self->pull_configuration) bl_server__pull_configuration(self);
  bl_workspace_watch(self);
  bl_workspace_request_progress(self);
  bl_workspace_index(self);
  bl_structure_load_queries(self);
}

static void bl_server__mark_each(BlDocument *doc, void *data)
{
  bl_server__mark_dirty(data, doc->uri);
}

void bl_server_republish(BlServer *self)
{
  bl_store_each(&self->store, bl_server__mark_each, self);
}

/* Forgets every cached configuration and analysis, and republishes the open documents. */
static void bl_server__mark_all_dirty(BlDocument *doc, void *data)
{
  BlServer *self = data;
  if (doc->user && doc->user_free) doc->user_free(doc->user);
  doc->user = NULL;
  bl_server__mark_dirty(self, doc->uri);
}

static void bl_server__reload(BlServer *self)
{
  bl_config_cache_invalidate(&self->configs);
  bl_vec_clear(&self->reported);
  bl_store_each(&self->store, bl_server__mark_all_dirty, self);
}

static void bl_server__did_change_configuration(BlServer *self, const cJSON *params)
{
  if (self->pull_configuration) {
    bl_server__pull_configuration(self);
    return;
  }
  const cJSON *settings = bl_server__obj(params, "settings");
  const cJSON *ours = bl_server__obj(settings, "byline");
  bl_server__apply_settings(self, ours ? ours : settings);
  bl_store_each(&self->store, bl_server__mark_all_dirty, self); /* rule settings may have changed */
}

/* A .byline.json, or a gazetteer file that a loaded one names: a change to either reloads the
 * configurations (and with them their lexicons). */
static bool bl_server__is_config_uri(BlServer *self, const char *uri)
{
  size_t n = strlen(uri), k = strlen("/.byline.json");
  if (n >= k && strcmp(uri + n - k, "/.byline.json") == 0) return true;
  char *path = bl_uri_to_path(uri);
  bool gazetteer = path && bl_config_cache_uses_file(&self->configs, path);
  bl_free(path);
  return gazetteer;
}

static void bl_server__did_save(BlServer *self, const cJSON *params)
{
  const char *uri = bl_server__str(bl_server__obj(params, "textDocument"), "uri");
  if (uri && bl_server__is_config_uri(self, uri)) bl_server__reload(self);
}

static void bl_server__did_change_watched_files(BlServer *self, const cJSON *params)
{
  const cJSON *changes = cJSON_GetObjectItemCaseSensitive(params, "changes"), *c;
  if (!cJSON_IsArray(changes)) return;
  cJSON_ArrayForEach(c, changes)
  {
    const char *uri = bl_server__str(c, "uri");
    if (uri && bl_server__is_config_uri(self, uri)) {
      bl_server__reload(self);
      bl_workspace_index(self); /* the corpus roots, ignores and gazetteers may have changed */
      return;
    }
    int64_t type = 0;
    bl_server__int(c, "type", &type);
    if (uri) bl_workspace_file_changed(self, uri, type == 3 /* Deleted */);
  }
}

/* A response to a request the server sent. */
static void bl_server__response(BlServer *self, const BlMessage *msg)
{
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(msg->root, "id");
  if (!cJSON_IsNumber(id)) return;
  if ((long)id->valuedouble == self->progress_request) {
    if (!cJSON_GetObjectItemCaseSensitive(msg->root, "error")) bl_workspace_progress_created(self);
    return;
  }
  if ((long)id->valuedouble != self->config_request) return;
  const cJSON *result = cJSON_GetObjectItemCaseSensitive(msg->root, "result");
  const cJSON *first = cJSON_IsArray(result) ? cJSON_GetArrayItem(result, 0) : NULL;
  if (cJSON_IsObject(first)) {
    bl_server__apply_settings(self, first);
    bl_store_each(&self->store, bl_server__mark_all_dirty, self);
  }
}

static void bl_server__ignore(BlServer *self, const cJSON *params)
{
  (void)self;
  (void)params;
}

/* ---------------------------------------------------------------- documents */

static void bl_server__did_open(BlServer *self, const cJSON *params)
{
  const cJSON *td = bl_server__obj(params, "textDocument");
  const char *uri = bl_server__str(td, "uri");
  const char *text = bl_server__str(td, "text");
  int64_t version;
  if (!uri || !text || !bl_server__int(td, "version", &version)) {
    bl_server__log_client(self, BL_LOG_MSG_ERROR,
                          "textDocument/didOpen: invalid params: need textDocument.uri, .version and .text");
    return;
  }
  size_t len;
  char *bytes = bl_message_text(self->current, text, &len);
  bl_store_put(&self->store, bl_document_new(uri, bytes, len, version));
  bl_free(bytes);
  bl_server__mark_dirty_in(self, uri, 0);
}

/* Reads one content change; out->text is a heap copy the caller frees (also on error). */
static int bl_server__read_change(BlServer *self, const cJSON *change, BlChange *out)
{
  out->text = NULL;
  const char *text = bl_server__str(change, "text");
  if (!text) return 1;
  out->text = bl_message_text(self->current, text, &out->len);
  const cJSON *range = cJSON_GetObjectItemCaseSensitive(change, "range");
  out->has_range = range != NULL;
  if (!range) return 0;
  int rc = bl_lsp_read_position(cJSON_GetObjectItemCaseSensitive(range, "start"), &out->start);
  if (rc == BL_POS_OK) rc = bl_lsp_read_position(cJSON_GetObjectItemCaseSensitive(range, "end"), &out->end);
  return rc;
}

static void bl_server__did_change(BlServer *self, const cJSON *params)
{
  const cJSON *td = bl_server__obj(params, "textDocument");
  const char *uri = bl_server__str(td, "uri");
  const cJSON *changes = cJSON_GetObjectItemCaseSensitive(params, "contentChanges");
  int64_t version;
  if (!uri || !bl_server__int(td, "version", &version) || !cJSON_IsArray(changes)) {
    bl_server__log_client(self, BL_LOG_MSG_ERROR,
                          "textDocument/didChange: invalid params: need textDocument.uri, .version and contentChanges");
    return;
  }
  BlDocument *doc = bl_store_get(&self->store, uri);
  if (!doc) {
    bl_server__log_client(self, BL_LOG_MSG_ERROR, "textDocument/didChange: %s is not open", uri);
    return;
  }
  /* A batch applies atomically: a bad change leaves the document as it was. */
  char *saved = NULL;
  size_t saved_len = doc->len, index = 0;
  const cJSON *change;
  cJSON_ArrayForEach(change, changes)
  {
    BlChange c;
    int rc = bl_server__read_change(self, change, &c);
    if (rc == BL_POS_OK) {
      if (!saved && cJSON_GetArraySize(changes) > 1) saved = bl_strndup(doc->text, doc->len);
      BlTextEdit edit;
      rc = bl_document_apply(doc, &c, self->encoding, &edit);
      if (rc == BL_POS_OK) bl_syntax_document_edit(doc, &edit); /* reparsed when next needed */
    }
    bl_free((char *)c.text);
    if (rc != BL_POS_OK) {
      bl_server__log_client(self, BL_LOG_MSG_ERROR,
                            "textDocument/didChange: change %zu of version %lld of %s rejected: %s; "
                            "the document keeps version %lld",
                            index, (long long)version, uri,
                            rc > 0 ? "malformed change" : bl_line_index_strerror(rc),
                            (long long)doc->version);
      if (saved) bl_document_set_text(doc, saved, saved_len);
      bl_free(saved);
      return;
    }
    index++;
  }
  bl_free(saved);
  doc->version = version;
  bl_server__mark_dirty(self, uri);
}

static void bl_server__did_close(BlServer *self, const cJSON *params)
{
  const char *uri = bl_server__str(bl_server__obj(params, "textDocument"), "uri");
  if (!uri) {
    bl_server__log_client(self, BL_LOG_MSG_ERROR, "textDocument/didClose: invalid params: need textDocument.uri");
    return;
  }
  if (bl_store_close(&self->store, uri) != 0) {
    bl_server__log_client(self, BL_LOG_MSG_WARNING, "textDocument/didClose: %s was not open", uri);
    return;
  }
  bl_server__forget_dirty(self, uri);
  bl_server__publish(self, uri, NULL);
  /* the corpus goes back to the file on disk (or forgets an unsaved buffer) */
  bl_corpus_remove(self->corpus, uri);
  bl_workspace_file_changed(self, uri, false);
}

/* ---------------------------------------------------------------- dispatch */

static const struct {
  const char *method;
  BlRequestFn request;
  BlNotifyFn notify;
} bl_server__methods[] = {
    {"initialize", bl_server__initialize, NULL},
    {"shutdown", bl_server__shutdown, NULL},
    {"initialized", NULL, bl_server__initialized},
    {"exit", NULL, bl_server__exit},
    {"textDocument/didOpen", NULL, bl_server__did_open},
    {"textDocument/didChange", NULL, bl_server__did_change},
    {"textDocument/didClose", NULL, bl_server__did_close},
    {"textDocument/didSave", NULL, bl_server__did_save},
    {"workspace/didChangeWatchedFiles", NULL, bl_server__did_change_watched_files},
    {"workspace/didChangeConfiguration", NULL, bl_server__did_change_configuration},
    {"textDocument/hover", bl_feature_hover, NULL},
    {"textDocument/semanticTokens/full", bl_feature_semantic_tokens_full, NULL},
    {"textDocument/semanticTokens/range", bl_feature_semantic_tokens_range, NULL},
    {"textDocument/inlayHint", bl_feature_inlay_hints, NULL},
    {"textDocument/documentHighlight", bl_feature_document_highlight, NULL},
    {"textDocument/codeAction", bl_feature_code_actions, NULL},
    {"textDocument/definition", bl_feature_definition, NULL},
    {"textDocument/references", bl_feature_references, NULL},
    {"textDocument/documentLink", bl_feature_document_links, NULL},
    {"workspace/symbol", bl_feature_workspace_symbols, NULL},
    {"textDocument/documentSymbol", bl_feature_document_symbols, NULL},
    {"textDocument/foldingRange", bl_feature_folding_ranges, NULL},
    {"textDocument/selectionRange", bl_feature_selection_ranges, NULL},
    {"$/cancelRequest", NULL, bl_server__ignore}, /* handled when the batch is read */
    {"$/setTrace", NULL, bl_server__ignore},
};

static void bl_server__respond(BlServer *self, const cJSON *id, BlReply *reply)
{
  size_t len;
  char *bytes = reply->code ? bl_jsonrpc_error(id, reply->code, reply->message, &len)
                            : bl_jsonrpc_result(id, reply->result, &len);
  if (reply->code) cJSON_Delete(reply->result);
  bl_server__send(self, bytes, len);
}

static void bl_server__handle(BlServer *self, BlMessage *msg, bool cancelled)
{
  BlReply reply = {0};
  if (msg->kind == BL_MSG_RESPONSE) {
    bl_server__response(self, msg);
    return;
  }
  if (msg->kind == BL_MSG_INVALID) {
    bl_server__reply_error(&reply, msg->error_code, "%s", msg->error_message);
    bl_server__respond(self, msg->id, &reply);
    return;
  }
  self->current = msg;
  bool is_request = msg->kind == BL_MSG_REQUEST;
  size_t n = sizeof bl_server__methods / sizeof bl_server__methods[0], i = 0;
  while (i < n && strcmp(bl_server__methods[i].method, msg->method) != 0) i++;
  bool known = i < n && (is_request ? bl_server__methods[i].request != NULL : bl_server__methods[i].notify != NULL);

  if (!is_request) {
    bool allowed = self->state == BL_STATE_RUNNING || strcmp(msg->method, "exit") == 0;
    if (known && allowed) bl_server__methods[i].notify(self, msg->params);
    return;
  }
  if (cancelled) {
    bl_server__reply_error(&reply, BL_RPC_REQUEST_CANCELLED, "%s was cancelled", msg->method);
  } else if (self->state == BL_STATE_UNINIT && strcmp(msg->method, "initialize") != 0) {
    bl_server__reply_error(&reply, BL_RPC_SERVER_NOT_INITIALIZED,
                           "%s: the server is not initialized yet (send initialize first)", msg->method);
  } else if (self->state == BL_STATE_SHUTDOWN) {
    bl_server__reply_error(&reply, BL_RPC_INVALID_REQUEST,
                           "%s: the server is shutting down (only exit is accepted)", msg->method);
  } else if (!known) {
    char *method = bl_utf8_sanitize(msg->method, strlen(msg->method)); /* the reply must be UTF-8 */
    bl_server__reply_error(&reply, BL_RPC_METHOD_NOT_FOUND, "Method not found: %s", method);
    bl_free(method);
  } else {
    bl_server__methods[i].request(self, msg->params, &reply);
  }
  bl_server__respond(self, msg->id, &reply);
}

static bool bl_server__same_id(const cJSON *a, const cJSON *b)
{
  if (!a || !b) return false;
  if (cJSON_IsNumber(a) && cJSON_IsNumber(b)) return a->valuedouble == b->valuedouble;
  if (cJSON_IsString(a) && cJSON_IsString(b)) return strcmp(a->valuestring, b->valuestring) == 0;
  return false;
}

typedef struct {
  bool is_frame_error;
  BlFrameEvent frame;
  BlMessage msg;
  bool cancelled;
} BlPending;

/* Where a message swallowed by the body before it starts, or NULL.
 *
 * A body that is not JSON may hold the start of the next message: its client counted a
 * Content-Length longer than the body it sent, so the framer took the next message's first
 * bytes too. Those bytes are given back to the framer, but only when they can be nothing else,
 * because giving back text that merely looks like a header (a garbage body may hold any bytes)
 * would make the framer read the messages after it wrongly:
 *   - a whole header block: "Content-Length: N" (N within the cap), any other header lines,
 *     the blank line, then nothing or the start of a JSON object ('{'); a valid JSON body never
 *     holds a raw line break, so this is a message;
 *   - or the body ends inside the name "Content-Length" (the cut fell in the next header): the
 *     framer joins it with the rest of that header. */
static const char *bl_server__next_header(const char *body, size_t len, size_t cap)
{
  static const char name[] = "content-length";
  enum { NAME = sizeof name - 1 };
  for (size_t k = 1; k + NAME <= len; k++) {
    if ((body[k] != 'C' && body[k] != 'c') || strncasecmp(body + k, name, NAME) != 0) continue;
    size_t i = k + NAME;
    while (i < len && body[i] == ' ') i++;
    if (i >= len || body[i] != ':') continue;
    i++;
    while (i < len && body[i] == ' ') i++;
    size_t n = 0, digits = 0;
    for (; i < len && body[i] >= '0' && body[i] <= '9' && digits < 20; i++, digits++) n = n * 10 + (size_t)(body[i] - '0');
    if (digits == 0 || digits >= 20 || n > cap) continue;
    while (i < len && body[i] == ' ') i++;
    /* the rest of the header block: lines "Name: value" up to the blank line */
    bool ok = false;
    while (i + 1 < len && body[i] == '\r' && body[i + 1] == '\n') {
      i += 2;
      if (i + 1 < len && body[i] == '\r' && body[i + 1] == '\n') {
        ok = true;
        i += 2;
        break;
      }
      size_t colon = 0;
      for (; i < len && body[i] != '\r' && (unsigned char)body[i] >= 0x20; i++)
        if (body[i] == ':' && !colon) colon = i;
      if (!colon) break;
    }
    if (ok && (i == len || body[i] == '{')) return body + k;
  }
  for (size_t k = len > NAME ? len - NAME + 1 : 1; k < len; k++)
    if ((body[k] == 'C' || body[k] == 'c') && strncasecmp(body + k, name, len - k) == 0) return body + k;
  return NULL;
}

void bl_server_feed(BlServer *self, const char *bytes, size_t len)
{
  if (self->state == BL_STATE_EXITED) return;
  bl_framer_feed(&self->framer, bytes, len);
  BlVec(BlPending) batch = {0};
  BlFrameEvent ev;
  while (bl_framer_next(&self->framer, &ev)) {
    BlPending p = {0};
    if (ev.kind == BL_FRAME_ERROR) {
      p.is_frame_error = true;
      p.frame = ev;
    } else {
      bl_jsonrpc_parse(ev.body, ev.len, &p.msg);
      if (p.msg.kind == BL_MSG_INVALID && p.msg.error_code == BL_RPC_PARSE_ERROR) {
        /* a body shorter than its Content-Length swallowed the next message's start: give
         * the bytes from that "Content-Length" back to the framer */
        const char *next = bl_server__next_header(ev.body, ev.len, self->framer.body_cap);
        if (next) bl_framer_unread(&self->framer, next, ev.len - (size_t)(next - ev.body));
      }
      bl_free(ev.body);
    }
    bl_vec_push(&batch, p);
  }
  /* Cancellation of a request that is still waiting in this batch. */
  for (size_t i = 0; i < batch.len; i++) {
    BlMessage *m = &batch.items[i].msg;
    if (batch.items[i].is_frame_error || m->kind != BL_MSG_NOTIFICATION || strcmp(m->method, "$/cancelRequest") != 0)
      continue;
    const cJSON *target = cJSON_GetObjectItemCaseSensitive(m->params, "id");
    for (size_t j = 0; j < i; j++)
      if (batch.items[j].msg.kind == BL_MSG_REQUEST && bl_server__same_id(batch.items[j].msg.id, target))
        batch.items[j].cancelled = true;
  }
  for (size_t i = 0; i < batch.len; i++) {
    BlPending *p = &batch.items[i];
    if (self->state != BL_STATE_EXITED) {
      if (p->is_frame_error) {
        BlReply reply = {0};
        if (p->frame.error == BL_FRAME_EBODYCAP)
          bl_server__reply_error(&reply, BL_RPC_INVALID_REQUEST,
                                 "Invalid Request: a message of %zu bytes is larger than the %zu bytes the server accepts",
                                 p->frame.declared, self->framer.body_cap);
        else
          bl_server__reply_error(&reply, BL_RPC_PARSE_ERROR, "Parse error: %s", bl_frame_strerror(p->frame.error));
        bl_server__respond(self, NULL, &reply);
      } else {
        bl_server__handle(self, &p->msg, p->cancelled);
      }
    }
    if (!p->is_frame_error) bl_message_free(&p->msg);
  }
  bl_vec_free(&batch);
}

void bl_server_eof(BlServer *self)
{
  if (self->state == BL_STATE_EXITED) return;
  int code = self->state == BL_STATE_SHUTDOWN ? 0 : 1;
  self->state = BL_STATE_EXITED;
  self->host.exit(self->host.data, code);
}

bool bl_server_is_shut_down(const BlServer *self)
{
  return self->state == BL_STATE_SHUTDOWN || self->state == BL_STATE_EXITED;
}

BlServer *bl_server_new(const BlServerHost *host)
{
  BlServer *self = bl_calloc(1, sizeof *self);
  self->host = *host;
  bl_framer_init(&self->framer, BL_FRAME_DEFAULT_HEADER_CAP, BL_FRAME_DEFAULT_BODY_CAP);
  self->state = BL_STATE_UNINIT;
  self->encoding = BL_ENC_UTF16;
  self->debounce_ms = 30;
  bl_store_init(&self->store);
  bl_config_cache_init(&self->configs);
  self->editor_inlay_hints = -1;
  for (size_t i = 0; i < BL_MAX_RULES; i++) self->editor_rules[i] = -1;
  self->corpus = bl_corpus_new();
  return self;
}

void bl_server_free(BlServer *self)
{
  if (!self) return;
  bl_framer_free(&self->framer);
  bl_store_free(&self->store);
  bl_config_cache_free(&self->configs);
  bl_vec_free(&self->reported);
  bl_corpus_free(self->corpus);
  bl_structure_free(self);
  for (size_t i = 0; i < self->roots.len; i++) bl_free(self->roots.items[i]);
  bl_vec_free(&self->roots);
  for (size_t i = 0; i < self->dirty.len; i++) bl_free(self->dirty.items[i]);
  bl_vec_free(&self->dirty);
  bl_free(self);
}
