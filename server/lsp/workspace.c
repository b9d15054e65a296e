/* workspace.c: the corpus the server keeps: the workspace folders (and the corpus roots their
 * .byline.json names) are scanned, every article is summarized on the host's worker threads
 * (each job on its own copy of the file) and merged into the index on the server's thread, with
 * window/workDoneProgress while it runs. Open buffers win over files: an open document's entry
 * is the summary of its latest analysis. File changes arrive as workspace/didChangeWatchedFiles
 * (registered dynamically when the client allows it) and re-index only the files named. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/file.h"
#include "../base/log.h"
#include "../base/uri.h"
#include "../base/walk.h"
#include "jsonrpc.h"
#include "server_internal.h"

enum { BL_INDEX_BATCH = 16 };
#define BL_INDEX_MAX_FILE (16u * 1024u * 1024u)

typedef struct {
  BlServer *server;
  unsigned generation;
  BlVec(char *) paths;
  BlVec(const BlLexicon *) lexicons; /* per path, its .byline.json's (a reference held: a reload may
                                        free the configuration while the job runs), or NULL */
  BlVec(BlCorpusDoc *) docs;
  BlVec(char *) notes; /* files skipped, for the log */
} BlIndexJob;

/* ---------------------------------------------------------------- worker side */

static void bl_ws__work(void *arg)
{
  BlIndexJob *job = arg;
  BlRuleSettings none; /* summaries need no findings */
  for (size_t i = 0; i < BL_MAX_RULES; i++) none.severity[i] = BL_RULE_OFF;
  BlBuf text, note;
  for (size_t i = 0; i < job->paths.len; i++) {
    const char *path = job->paths.items[i];
    bl_buf_init(&text, 0);
    bl_buf_init(&note, 0);
    struct stat st;
    int err = stat(path, &st) != 0 ? 1 : 0;
    if (err) {
      bl_buf_printf(&note, "%s: cannot read it; left out of the corpus", path);
    } else if ((size_t)st.st_size > BL_INDEX_MAX_FILE) {
      bl_buf_printf(&note, "%s: larger than 16 MiB; left out of the corpus", path);
    } else if (bl_read_file(path, &text) != 0) {
      bl_buf_printf(&note, "%s: cannot read it; left out of the corpus", path);
    } else if (bl_looks_binary(text.data, text.len) || bl_looks_utf16(text.data, text.len)) {
      bl_buf_printf(&note, "%s: not UTF-8 text; left out of the corpus", path);
    } else {
      BlAnalysis an;
      BlAnalysisOptions opts = {&none, job->lexicons.items[i]}; /* the names the editor's analysis knows */
      bl_analysis_run_with(&an, text.data ? text.data : "", text.len, &opts);
      BlBuf uri;
      bl_buf_init(&uri, 0);
      bl_uri_append_file_url(&uri, path);
      BlCorpusDoc *doc = bl_corpus_doc_new(&an, uri.data, path);
      doc->size = (uint64_t)st.st_size;
      doc->mtime = (uint64_t)st.st_mtime;
      bl_vec_push(&job->docs, doc);
      bl_buf_free(&uri);
      bl_analysis_free(&an);
    }
    if (note.len) bl_vec_push(&job->notes, bl_buf_take(&note, NULL));
    bl_buf_free(&note);
    bl_buf_free(&text);
  }
}

/* ---------------------------------------------------------------- progress */

static void bl_ws__progress(BlServer *self, const char *kind, const char *message, int percentage)
{
  if (!self->progress_ready) return;
  cJSON *params = cJSON_CreateObject();
  cJSON_AddStringToObject(params, "token", "byline/indexing");
  cJSON *value = cJSON_AddObjectToObject(params, "value");
  cJSON_AddStringToObject(value, "kind", kind);
  if (strcmp(kind, "begin") == 0) cJSON_AddStringToObject(value, "title", "byline: indexing articles");
  if (message) cJSON_AddStringToObject(value, "message", message);
  if (percentage >= 0 && strcmp(kind, "end") != 0) cJSON_AddNumberToObject(value, "percentage", percentage);
  bl_server__notify(self, "$/progress", params);
}

/* Reports the indexing progress when its percentage moved (at most 101 reports for a workspace
 * of any size: 100,000 files in batches of 16 would otherwise send 6,250 of them). */
static void bl_ws__report(BlServer *self)
{
  int pct = self->index_total ? (int)(self->index_done * 100 / self->index_total) : 100;
  if (pct == self->progress_reported) return;
  self->progress_reported = pct;
  char msg[96];
  snprintf(msg, sizeof msg, "%zu/%zu files", self->index_done, self->index_total);
  bl_ws__progress(self, "report", msg, pct);
}

void bl_workspace_progress_created(BlServer *self)
{
  self->progress_ready = true;
  if (self->index_jobs > 0 && !self->progress_begun) {
    bl_ws__progress(self, "begin", NULL, 0);
    self->progress_begun = true;
    self->progress_reported = -1;
    bl_ws__report(self);
  } else if (self->index_jobs == 0 && self->index_generation > 0) {
    /* indexing finished before the client answered: still show it began and ended, so a client
     * waiting for the end is not left waiting */
    bl_ws__progress(self, "begin", NULL, 0);
    bl_ws__progress(self, "end", "indexed", -1);
  }
}

/* ---------------------------------------------------------------- loop side */

static void bl_ws__done(void *arg)
{
  BlIndexJob *job = arg;
  BlServer *self = job->server;
  bool current = job->generation == self->index_generation && self->corpus;
  for (size_t i = 0; i < job->docs.len; i++) {
    BlCorpusDoc *doc = job->docs.items[i];
    if (current && !bl_store_get(&self->store, doc->uri)) /* an open buffer wins over the file */
      bl_corpus_put(self->corpus, doc);
    else
      bl_corpus_doc_delete(doc);
  }
  for (size_t i = 0; i < job->notes.len; i++) {
    if (current) bl_info("%s", job->notes.items[i]);
    bl_free(job->notes.items[i]);
  }
  for (size_t i = 0; i < job->paths.len; i++) bl_free(job->paths.items[i]);
  for (size_t i = 0; i < job->lexicons.len; i++) bl_lexicon_release(job->lexicons.items[i]);
  bl_vec_free(&job->paths);
  bl_vec_free(&job->lexicons);
  bl_vec_free(&job->docs);
  bl_vec_free(&job->notes);
  bl_free(job);
  if (!current) return;
  self->index_done += BL_INDEX_BATCH;
  if (self->index_done > self->index_total) self->index_done = self->index_total;
  if (--self->index_jobs == 0) {
    self->index_done = self->index_total;
    if (self->progress_begun) bl_ws__progress(self, "end", "indexed", -1);
    self->progress_begun = false;
    bl_server_republish(self); /* corpus rules can now speak */
  } else if (self->progress_ready) {
    bl_ws__report(self);
  }
}

static void bl_ws__queue(BlServer *self, BlIndexJob *job)
{
  self->index_jobs++;
  if (self->host.queue_work) {
    self->host.queue_work(self->host.data, bl_ws__work, bl_ws__done, job);
  } else {
    bl_ws__work(job);
    bl_ws__done(job);
  }
}

typedef struct {
  BlServer *self;
  const BlConfig *cfg;
  const char *root;
  BlIndexJob *job;
} BlScan;

static bool bl_ws__ignored(const BlConfig *cfg, const char *root, const char *path)
{
  return cfg && bl_config_ignores(cfg, root, path);
}

static void bl_ws__file(void *data, const char *path)
{
  BlScan *scan = data;
  if (bl_ws__ignored(scan->cfg, scan->root, path)) return;
  if (!scan->job) {
    scan->job = bl_calloc(1, sizeof *scan->job);
    scan->job->server = scan->self;
    scan->job->generation = scan->self->index_generation;
  }
  bl_vec_push(&scan->job->paths, bl_strdup(path));
  bl_vec_push(&scan->job->lexicons, bl_lexicon_retain(bl_config_for(&scan->self->configs, path)->lexicon));
  scan->self->index_total++;
  if (scan->job->paths.len == BL_INDEX_BATCH) {
    bl_ws__queue(scan->self, scan->job);
    scan->job = NULL;
  }
}

static void bl_ws__problem(void *data, const char *path, const char *message, bool is_error)
{
  (void)data;
  (void)is_error;
  bl_info("%s: %s", path, message);
}

static void bl_ws__scan(BlServer *self, const char *root)
{
  BlBuf probe;
  bl_buf_init(&probe, 0);
  bl_buf_printf(&probe, "%s/.", root);
  BlScan scan = {self, bl_config_for(&self->configs, probe.data), root, NULL};
  bl_buf_free(&probe);
  BlWalkVisitor v = {&scan, bl_ws__file, bl_ws__problem};
  bl_walk(root, &v);
  if (scan.job) bl_ws__queue(self, scan.job);
}

/* Starts (or restarts) indexing every root. */
void bl_workspace_index(BlServer *self)
{
  if (!self->corpus) return;
  self->index_generation++;
  self->index_total = self->index_done = 0;
  self->index_jobs = 0;
  bool begun = false;
  for (size_t i = 0; i < self->roots.len; i++) {
    if (!begun && self->progress_ready) {
      bl_ws__progress(self, "begin", NULL, 0);
      self->progress_begun = begun = true;
      self->progress_reported = -1;
    }
    bl_ws__scan(self, self->roots.items[i]);
    /* roots named by that folder's .byline.json */
    BlBuf probe;
    bl_buf_init(&probe, 0);
    bl_buf_printf(&probe, "%s/.", self->roots.items[i]);
    const BlConfig *cfg = bl_config_for(&self->configs, probe.data);
    bl_buf_free(&probe);
    for (size_t k = 0; k < cfg->corpus_roots.len; k++) bl_ws__scan(self, cfg->corpus_roots.items[k]);
  }
  if (self->index_jobs == 0 && begun) {
    bl_ws__progress(self, "end", "no articles", -1);
    self->progress_begun = false;
  }
}

/* Re-indexes one file (created or changed on disk), unless it is open. */
void bl_workspace_file_changed(BlServer *self, const char *uri, bool deleted)
{
  if (!self->corpus || bl_store_get(&self->store, uri)) return;
  if (deleted) {
    bl_corpus_remove(self->corpus, uri);
    bl_server_republish(self);
    return;
  }
  char *path = bl_uri_to_path(uri);
  if (!path) return;
  size_t n = strlen(path);
  bool article = (n > 4 && strcmp(path + n - 4, ".txt") == 0) || (n > 3 && strcmp(path + n - 3, ".md") == 0);
  if (!article) {
    bl_free(path);
    return;
  }
  BlIndexJob *job = bl_calloc(1, sizeof *job);
  job->server = self;
  job->generation = self->index_generation;
  bl_vec_push(&job->paths, path);
  bl_vec_push(&job->lexicons, bl_lexicon_retain(bl_config_for(&self->configs, path)->lexicon));
  self->index_total++;
  bl_ws__queue(self, job);
}

/* Reads the workspace folders from initialize's params. */
void bl_workspace_roots(BlServer *self, const cJSON *params)
{
  const cJSON *folders = cJSON_GetObjectItemCaseSensitive(params, "workspaceFolders"), *f;
  if (cJSON_IsArray(folders)) {
    cJSON_ArrayForEach(f, folders)
    {
      char *path = bl_uri_to_path(bl_server__str(f, "uri") ? bl_server__str(f, "uri") : "");
      if (path) bl_vec_push(&self->roots, path);
    }
  }
  if (self->roots.len == 0) {
    const char *root_uri = bl_server__str(params, "rootUri");
    char *path = root_uri ? bl_uri_to_path(root_uri) : NULL;
    if (!path && bl_server__str(params, "rootPath")) path = bl_strdup(bl_server__str(params, "rootPath"));
    if (path) bl_vec_push(&self->roots, path);
  }
}

/* Asks the client to watch articles and configuration files, when it can register dynamically. */
void bl_workspace_watch(BlServer *self)
{
  if (!self->watch_dynamic) return;
  cJSON *params = cJSON_CreateObject();
  cJSON *regs = cJSON_AddArrayToObject(params, "registrations");
  cJSON *reg = cJSON_CreateObject();
  cJSON_AddStringToObject(reg, "id", "byline/watch");
  cJSON_AddStringToObject(reg, "method", "workspace/didChangeWatchedFiles");
  cJSON *opts = cJSON_AddObjectToObject(reg, "registerOptions");
  cJSON *watchers = cJSON_AddArrayToObject(opts, "watchers");
  const char *globs[] = {"**/*.txt", "**/*.md", "**/.byline.json", "**/*.tsv" /* gazetteers */};
  for (int i = 0; i < 4; i++) {
    cJSON *w = cJSON_CreateObject();
    cJSON_AddStringToObject(w, "globPattern", globs[i]);
    cJSON_AddItemToArray(watchers, w);
  }
  cJSON_AddItemToArray(regs, reg);
  size_t len;
  char *bytes = bl_jsonrpc_request(++self->next_request_id, "client/registerCapability", params, &len);
  bl_server__send(self, bytes, len);
}

/* Asks the client for a progress token; progress starts once it answers. */
void bl_workspace_request_progress(BlServer *self)
{
  if (!self->progress_capable) return;
  cJSON *params = cJSON_CreateObject();
  cJSON_AddStringToObject(params, "token", "byline/indexing");
  size_t len;
  self->progress_request = ++self->next_request_id;
  char *bytes = bl_jsonrpc_request(self->progress_request, "window/workDoneProgress/create", params, &len);
  bl_server__send(self, bytes, len);
}
