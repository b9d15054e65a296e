/* bench_soak.c: a long session against one server, in-process: memory, latency, correctness.
 *
 * Drives a BlServer through a fake host (no I/O, no event loop, work run in line). The workspace
 * root is the corpus folder (tests/corpus, or --corpus DIR), so the server indexes it; every
 * *.txt there (up to 32) is then opened as a document. Then N operations (default 100,000), each
 * on a random open document: half are incremental didChange edits (insert one character before,
 * or delete one whole character at, a random place; positions in UTF-16 units; the characters
 * typed include é, curly quotes and an emoji, a surrogate pair), the other half requests at a
 * random position: hover, documentSymbol, semanticTokens/full, definition, references and
 * codeAction. The debounce is 0: after each message the bench fires the timer when the server
 * armed it.
 *
 * Per operation it measures, with CLOCK_MONOTONIC, feed -> the publishDiagnostics of that version
 * (edits) or feed -> the response (requests), and reports p50/p99/max per kind, and the edit p99
 * early in the run against late in it. Resident memory (VmRSS) is read after warm-up (10% of the
 * operations), at the middle and at the end.
 *
 * Exit status 1 (the server misbehaved) when: a request got an error response or no response; an
 * edit was not published with its version, or a version older than the document's was published;
 * the server logged an error; or VmRSS at the end exceeds the warm-up VmRSS by more than 20% + 8 MB.
 * Under AddressSanitizer the RSS check is reported but not enforced (the quarantine and shadow
 * memory grow by design); LeakSanitizer checks for leaks there instead.
 *
 * usage: bench_soak [--ops N] [--edits N] [--corpus DIR] [--seed N]
 *   --edits N: N edits (and as many requests), i.e. --ops 2N. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* clock_gettime; meson passes it too */
#endif
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lsp/server.h"
#include "bench_util.h"

#if defined(__SANITIZE_ADDRESS__)
#define SOAK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SOAK_ASAN 1
#endif
#endif
#ifndef SOAK_ASAN
#define SOAK_ASAN 0
#endif

/* ---------------------------------------------------------------- clock, statistics, memory */

/* VmRSS of this process in kB, 0 when unknown. */
static long soak__rss_kb(void)
{
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return 0;
  char line[256];
  long kb = 0;
  while (fgets(line, sizeof line, f))
    if (strncmp(line, "VmRSS:", 6) == 0) {
      kb = strtol(line + 6, NULL, 10);
      break;
    }
  fclose(f);
  return kb;
}


/* ---------------------------------------------------------------- the documents */

#define SOAK_MAX_DOCS 32

typedef struct {
  char *uri;
  BlBuf text;      /* the mirror: the text as the client holds it */
  int64_t version;   /* the client's current version */
  int64_t published; /* the last version the server published for it; -1 = none yet */
} SoakDoc;

static SoakDoc soak__docs[SOAK_MAX_DOCS];
static size_t soak__ndocs;

/* ---------------------------------------------------------------- the fake host */

typedef struct {
  bool timer_armed;
  /* the last response */
  long long response_id;
  bool response_error;
  uint64_t response_at;
  /* the last publish */
  uint64_t published_at;
  size_t publishes, stale_publishes, error_logs, writes;
  bool exited;
} SoakHost;

static void soak__host_write(void *data, const char *bytes, size_t len)
{
  uint64_t now = bench_now_ns(); /* first, so the parsing below is not counted */
  SoakHost *h = data;
  h->writes++;
  const char *body = strstr(bytes, "\r\n\r\n");
  if (!body || (size_t)(body - bytes) >= len) return;
  body += 4;
  size_t body_len = len - (size_t)(body - bytes);
  /* a response: {"jsonrpc":"2.0","id":N,"result"|"error":...}; a server request has "method" next */
  const char *id = strstr(body, "\"id\":");
  const char *method = strstr(body, "\"method\":");
  if (id && (!method || method > id)) {
    char *end;
    long long v = strtoll(id + 5, &end, 10);
    while (*end == ' ' || *end == ',') end++;
    if (strncmp(end, "\"result\"", 8) == 0 || strncmp(end, "\"error\"", 7) == 0) {
      h->response_id = v;
      h->response_error = end[1] == 'e';
      h->response_at = now;
      if (h->response_error) fprintf(stderr, "bench_soak: error response: %.*s\n", (int)body_len, body);
      return;
    }
  }
  if (!method) return;
  if (strncmp(method, "\"method\":\"window/logMessage\"", 28) == 0 ||
      strncmp(method, "\"method\":\"window/showMessage\"", 29) == 0) {
    const char *t = strstr(body, "\"type\":");
    if (t && t[7] == '1') { /* MessageType.Error */
      h->error_logs++;
      fprintf(stderr, "bench_soak: server logged an error: %.*s\n", (int)body_len, body);
    }
    return;
  }
  if (strncmp(method, "\"method\":\"textDocument/publishDiagnostics\"", 42) != 0) return;
  h->publishes++;
  const char *u = strstr(body, "\"uri\":\"");
  const char *v = strstr(body, "\"version\":");
  if (!u || !v) return; /* a close clears diagnostics without a version */
  u += 7;
  const char *ue = strchr(u, '"');
  if (!ue) return;
  long long version = strtoll(v + 10, NULL, 10);
  for (size_t i = 0; i < soak__ndocs; i++) {
    SoakDoc *d = &soak__docs[i];
    if (strlen(d->uri) != (size_t)(ue - u) || memcmp(d->uri, u, (size_t)(ue - u)) != 0) continue;
    if (version < d->published || version > d->version) {
      h->stale_publishes++;
      fprintf(stderr, "bench_soak: %s published version %lld (client at %lld, last published %lld)\n", d->uri,
              version, (long long)d->version, (long long)d->published);
    }
    d->published = version;
    h->published_at = now;
  }
}

static void soak__host_set_timer(void *data, unsigned ms)
{
  (void)ms;
  ((SoakHost *)data)->timer_armed = true;
}

static void soak__host_exit(void *data, int code)
{
  (void)code;
  ((SoakHost *)data)->exited = true;
}

/* Frames body and feeds it; when the server armed the timer, fires it at once (debounce 0). */
static void soak__send(BlServer *s, SoakHost *h, const BlBuf *body, BlBuf *framed)
{
  bench_frame(framed, body);
  bl_server_feed(s, framed->data, framed->len);
  if (h->timer_armed) {
    h->timer_armed = false;
    bl_server_timer(s);
  }
}

/* ---------------------------------------------------------------- positions and randomness */

static bool soak__is_cont(unsigned char c)
{
  return (c & 0xC0) == 0x80;
}

/* The LSP position (line, UTF-16 character) of byte offset `at` in text (no \r in it). */
static void soak__position(const char *text, size_t at, size_t *line, size_t *character)
{
  size_t l = 0, start = 0;
  for (size_t i = 0; i < at; i++)
    if (text[i] == '\n') {
      l++;
      start = i + 1;
    }
  size_t units = 0;
  for (size_t i = start; i < at; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80 || (c >= 0xC0 && c < 0xF0)) units += 1;
    else if (c >= 0xF0) units += 2;
  }
  *line = l;
  *character = units;
}

/* A random character boundary in text (len may be 0: then 0). */
static size_t soak__boundary(const char *text, size_t len)
{
  if (len == 0) return 0;
  size_t at = bench_random(len + 1);
  while (at < len && at > 0 && soak__is_cont((unsigned char)text[at])) at--;
  return at;
}

/* ---------------------------------------------------------------- the corpus */

static int soak__cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *soak__read_file(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  BlBuf b = {0};
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) bl_buf_append(&b, chunk, n);
  fclose(f);
  /* the mirror assumes \n line ends: drop \r */
  size_t w = 0;
  for (size_t i = 0; i < b.len; i++)
    if (b.data[i] != '\r') b.data[w++] = b.data[i];
  if (!b.data) bl_buf_append(&b, "", 0);
  b.len = w;
  b.data[w] = '\0';
  *len = w;
  return b.data;
}

/* ---------------------------------------------------------------- main */

enum { K_EDIT, K_HOVER, K_SYMBOLS, K_TOKENS, K_DEFINITION, K_REFERENCES, K_ACTIONS, K_COUNT };
static const char *const soak__kind_names[K_COUNT] = {
    "edit: didChange -> publishDiagnostics", "textDocument/hover", "textDocument/documentSymbol",
    "textDocument/semanticTokens/full", "textDocument/definition", "textDocument/references",
    "textDocument/codeAction"};

static size_t soak__arg(int argc, char **argv, const char *name, size_t fallback)
{
  for (int i = 1; i + 1 < argc; i++)
    if (strcmp(argv[i], name) == 0) {
      errno = 0;
      char *end;
      unsigned long long v = strtoull(argv[i + 1], &end, 10);
      if (errno || *end || v == 0) {
        fprintf(stderr, "bench_soak: %s needs a positive number\n", name);
        exit(2);
      }
      return (size_t)v;
    }
  return fallback;
}

static const char *soak__sarg(int argc, char **argv, const char *name)
{
  for (int i = 1; i + 1 < argc; i++)
    if (strcmp(argv[i], name) == 0) return argv[i + 1];
  return NULL;
}

int main(int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      puts("usage: bench_soak [--ops N] [--edits N] [--corpus DIR] [--seed N]");
      return 0;
    }
  size_t n_ops = soak__arg(argc, argv, "--ops", 100000);
  if (soak__sarg(argc, argv, "--edits")) n_ops = 2 * soak__arg(argc, argv, "--edits", 1);
  bench_seed(soak__arg(argc, argv, "--seed", 1) * 0x2545F4914F6CDD1Du);

  /* the corpus folder */
  char corpus[PATH_MAX];
  const char *dir = soak__sarg(argc, argv, "--corpus");
  if (dir) snprintf(corpus, sizeof corpus, "%s", dir);
  else if (getenv("BYLINE_SOURCE_ROOT")) snprintf(corpus, sizeof corpus, "%s/tests/corpus", getenv("BYLINE_SOURCE_ROOT"));
  else snprintf(corpus, sizeof corpus, "tests/corpus");
  char *abs = realpath(corpus, NULL);
  if (!abs) {
    fprintf(stderr, "bench_soak: no corpus folder %s (--corpus DIR or BYLINE_SOURCE_ROOT)\n", corpus);
    return 2;
  }
  DIR *d = opendir(abs);
  char *names[SOAK_MAX_DOCS];
  size_t nn = 0;
  for (struct dirent *e; d && (e = readdir(d)) != NULL && nn < SOAK_MAX_DOCS;) {
    size_t l = strlen(e->d_name);
    if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) names[nn++] = strdup(e->d_name);
  }
  if (d) closedir(d);
  if (nn == 0) {
    fprintf(stderr, "bench_soak: no *.txt in %s\n", abs);
    return 2;
  }
  qsort(names, nn, sizeof *names, soak__cmp_str);

  SoakHost host = {.response_id = -1};
  BlServerHost vt = {&host, soak__host_write, soak__host_set_timer, soak__host_exit, NULL};
  BlServer *server = bl_server_new(&vt);
  BlBuf body = {0}, framed = {0};
  int failures = 0;

  bl_buf_reset(&body);
  bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
                      "\"rootUri\":\"file://%s\",\"capabilities\":{},\"initializationOptions\":{\"debounceMs\":0}}}",
               abs);
  soak__send(server, &host, &body, &framed);
  bl_buf_reset(&body);
  bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
  soak__send(server, &host, &body, &framed);

  size_t corpus_bytes = 0;
  for (size_t i = 0; i < nn; i++) {
    char path[PATH_MAX + 256];
    snprintf(path, sizeof path, "%s/%s", abs, names[i]);
    size_t len;
    char *text = soak__read_file(path, &len);
    if (!text) {
      fprintf(stderr, "bench_soak: cannot read %s\n", path);
      return 2;
    }
    SoakDoc *doc = &soak__docs[soak__ndocs++];
    size_t ul = strlen(path) + 8;
    doc->uri = malloc(ul);
    snprintf(doc->uri, ul, "file://%s", path);
    doc->version = 1;
    doc->published = -1;
    bl_buf_append(&doc->text, text, len);
    corpus_bytes += len;
    bl_buf_reset(&body);
    bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":");
    bench_json_string(&body, doc->uri, strlen(doc->uri));
    bl_buf_printf(&body, ",\"languageId\":\"markdown\",\"version\":1,\"text\":");
    bench_json_string(&body, text, len);
    bl_buf_append(&body, "}}}", 3);
    soak__send(server, &host, &body, &framed);
    if (doc->published != 1) {
      fprintf(stderr, "bench_soak: didOpen of %s was not published\n", doc->uri);
      failures++;
    }
    free(text);
  }

  /* Latencies, touched up front so filling them does not show as growth. */
  uint64_t *lat = malloc(n_ops * sizeof *lat);
  unsigned char *kind = malloc(n_ops);
  if (!lat || !kind) {
    fputs("bench_soak: out of memory\n", stderr);
    return 2;
  }
  memset(lat, 0xff, n_ops * sizeof *lat);
  memset(kind, 0xff, n_ops);

  static const char *const typed[] = {"e", "t", " ", "a", "o", "n", "\xC3\xA9", "s", "r", "\"", "\xE2\x80\x9C",
                                      "\xE2\x80\x9D", ".", "\xF0\x9F\x98\x80", "S", ","};
  const size_t n_typed = sizeof typed / sizeof typed[0];
  size_t warm_at = n_ops / 10, mid_at = n_ops / 2;
  long rss_start = soak__rss_kb(), rss_warm = 0, rss_mid = 0;
  size_t n_edits = 0, n_requests = 0, missing = 0, errors = 0, unpublished = 0;
  long long next_id = 100;
  uint64_t t_start = bench_now_ns();

  for (size_t k = 0; k < n_ops; k++) {
    if (k == warm_at) rss_warm = soak__rss_kb();
    if (k == mid_at) rss_mid = soak__rss_kb();
    SoakDoc *doc = &soak__docs[bench_random(soak__ndocs)];
    int what = bench_random(2) == 0 ? K_EDIT : 1 + (int)bench_random(K_COUNT - 1);
    kind[k] = (unsigned char)what;
    bl_buf_reset(&body);
    if (what == K_EDIT) {
      /* insert when the document is not longer than it started, else 50/50 */
      BlBuf *t = &doc->text;
      bool insert = t->len == 0 || bench_random(2) == 0;
      size_t at = soak__boundary(t->data, t->len), dl = 0;
      if (!insert) {
        /* delete the character at `at` (never a line break, so lines stay) */
        size_t tries = 0;
        while ((at >= t->len || t->data[at] == '\n') && tries++ < t->len) at = soak__boundary(t->data, t->len);
        if (at >= t->len || t->data[at] == '\n') insert = true;
        else {
          dl = 1;
          while (at + dl < t->len && soak__is_cont((unsigned char)t->data[at + dl])) dl++;
        }
      }
      size_t line, ch;
      soak__position(t->data, at, &line, &ch);
      const char *ins = insert ? typed[bench_random(n_typed)] : "";
      size_t end_ch = ch + (insert ? 0 : ((unsigned char)t->data[at] >= 0xF0 ? 2 : 1));
      doc->version++;
      bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":");
      bench_json_string(&body, doc->uri, strlen(doc->uri));
      bl_buf_printf(&body, ",\"version\":%lld},\"contentChanges\":[{\"range\":{\"start\":"
                          "{\"line\":%zu,\"character\":%zu},\"end\":{\"line\":%zu,\"character\":%zu}},\"text\":",
                   (long long)doc->version, line, ch, line, end_ch);
      bench_json_string(&body, ins, strlen(ins));
      bl_buf_append(&body, "}]}}", 4);
      if (insert) {
        size_t n = strlen(ins), old = t->len;
        bl_buf_append(t, ins, n); /* grow by n, then open the gap at `at` */
        memmove(t->data + at + n, t->data + at, old - at);
        memcpy(t->data + at, ins, n);
      } else {
        memmove(t->data + at, t->data + at + dl, t->len - at - dl + 1);
        t->len -= dl;
      }
      n_edits++;
      uint64_t t0 = bench_now_ns();
      soak__send(server, &host, &body, &framed);
      if (doc->published != doc->version) {
        if (unpublished++ < 5)
          fprintf(stderr, "bench_soak: op %zu: version %lld of %s was not published (last %lld)\n", k,
                  (long long)doc->version, doc->uri, (long long)doc->published);
        lat[k] = 0;
      } else {
        lat[k] = host.published_at - t0;
      }
      continue;
    }

    /* a request at a random position */
    size_t at = soak__boundary(doc->text.data, doc->text.len), line, ch;
    soak__position(doc->text.data, at, &line, &ch);
    long long id = next_id++;
    bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"id\":%lld,\"method\":\"textDocument/", id);
    static const char *const methods[K_COUNT] = {NULL, "hover", "documentSymbol", "semanticTokens/full", "definition",
                                                 "references", "codeAction"};
    bl_buf_printf(&body, "%s\",\"params\":{\"textDocument\":{\"uri\":", methods[what]);
    bench_json_string(&body, doc->uri, strlen(doc->uri));
    bl_buf_append(&body, "}", 1);
    switch (what) {
    case K_HOVER:
    case K_DEFINITION:
      bl_buf_printf(&body, ",\"position\":{\"line\":%zu,\"character\":%zu}", line, ch);
      break;
    case K_REFERENCES:
      bl_buf_printf(&body, ",\"position\":{\"line\":%zu,\"character\":%zu},\"context\":{\"includeDeclaration\":true}",
                   line, ch);
      break;
    case K_ACTIONS:
      bl_buf_printf(&body, ",\"range\":{\"start\":{\"line\":%zu,\"character\":%zu},\"end\":{\"line\":%zu,"
                          "\"character\":%zu}},\"context\":{\"diagnostics\":[]}",
                   line, ch, line, ch);
      break;
    default:
      break;
    }
    bl_buf_append(&body, "}}", 2);
    n_requests++;
    host.response_id = -1;
    uint64_t t0 = bench_now_ns();
    soak__send(server, &host, &body, &framed);
    if (host.response_id != id) {
      if (missing++ < 5) fprintf(stderr, "bench_soak: op %zu: request %lld (%s) got no response\n", k, id, methods[what]);
      lat[k] = 0;
    } else {
      if (host.response_error) errors++;
      lat[k] = host.response_at - t0;
    }
  }
  double seconds = (double)(bench_now_ns() - t_start) / 1e9;
  long rss_end = soak__rss_kb();
  if (rss_warm == 0) rss_warm = rss_end;
  if (rss_mid == 0) rss_mid = rss_end;

  /* figures */
  printf("corpus: %zu documents, %zu bytes, from %s; UTF-16 positions; debounce 0; work in line\n", soak__ndocs,
         corpus_bytes, abs);
  printf("operations: %zu (%zu edits, %zu requests) in %.2f s (%.0f ops/s)\n", n_ops, n_edits, n_requests, seconds,
         (double)n_ops / seconds);
  uint64_t *v = malloc((n_ops ? n_ops : 1) * sizeof *v);
  for (int kd = 0; kd < K_COUNT; kd++) {
    size_t n = 0;
    for (size_t k = 0; k < n_ops; k++)
      if (kind[k] == kd) v[n++] = lat[k];
    BenchStats s = bench_stats(v, n);
    printf("%-40s p50 %8.1f us   p99 %8.1f us   max %9.1f us   (n=%zu)\n", soak__kind_names[kd], s.p50, s.p99,
           s.max, n);
  }
  /* edit and request p99 after warm-up vs. in the last tenth: stable, or growing with the session */
  for (int req = 0; req < 2; req++) {
    BenchStats part[2];
    size_t from[2] = {warm_at, n_ops - n_ops / 10}, to[2] = {warm_at + n_ops / 10, n_ops}, cnt[2];
    for (int p = 0; p < 2; p++) {
      size_t n = 0;
      for (size_t k = from[p]; k < to[p] && k < n_ops; k++)
        if ((kind[k] == K_EDIT) == !req) v[n++] = lat[k];
      part[p] = bench_stats(v, n);
      cnt[p] = n;
    }
    printf("%-40s p99 %8.1f us after warm-up (n=%zu), %8.1f us in the last tenth (n=%zu)\n",
           req ? "requests, all kinds" : "edits", part[0].p99, cnt[0], part[1].p99, cnt[1]);
  }
  free(v);
  printf("VmRSS: start %.1f MB, after warm-up (op %zu) %.1f MB, middle %.1f MB, end %.1f MB (%+.1f MB since warm-up)\n",
         rss_start / 1024.0, warm_at, rss_warm / 1024.0, rss_mid / 1024.0, rss_end / 1024.0,
         (rss_end - rss_warm) / 1024.0);
  printf("publishes: %zu; unpublished edits %zu, stale publishes %zu; requests without response %zu, error "
         "responses %zu; error logs %zu\n",
         host.publishes, unpublished, host.stale_publishes, missing, errors, host.error_logs);

  failures += (int)(unpublished + host.stale_publishes + missing + errors + host.error_logs);
  long limit = rss_warm + rss_warm / 5 + 8 * 1024;
  bool grew = rss_end > limit;
  if (grew && !SOAK_ASAN) {
    fprintf(stderr, "bench_soak: resident memory grew: %ld kB after warm-up, %ld kB at the end (limit %ld kB)\n",
            rss_warm, rss_end, limit);
    failures++;
  }
  printf("memory flat (end <= warm-up + 20%% + 8 MB = %.1f MB): %s%s\n", limit / 1024.0, grew ? "NO" : "yes",
         SOAK_ASAN ? " (not enforced under AddressSanitizer)" : "");

  /* orderly end: shutdown, exit */
  bl_buf_reset(&body);
  bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"id\":%lld,\"method\":\"shutdown\"}", next_id++);
  soak__send(server, &host, &body, &framed);
  bl_buf_reset(&body);
  bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
  soak__send(server, &host, &body, &framed);
  bl_server_free(server);
  for (size_t i = 0; i < soak__ndocs; i++) {
    free(soak__docs[i].uri);
    free(soak__docs[i].text.data);
  }
  for (size_t i = 0; i < nn; i++) free(names[i]);
  free(abs);
  free(lat);
  free(kind);
  free(body.data);
  free(framed.data);
  if (failures) fprintf(stderr, "bench_soak: %d failures\n", failures);
  return failures ? 1 : 0;
}
