/* bench_corpus.c: the corpus at scale, in-process: indexing ~10,000 articles (~50 MB), memory per
 * corpus byte, lookups after indexing, re-indexing one changed file, and a hover answered while
 * the initial scan runs.
 *
 * The articles are assembled from the "text" fields of --texts DIR/SET/SET.jsonl (the shared eval
 * data: news articles, wire stories, debate and claim sentences) into news-shaped files: front matter
 * (title, one of 40 invented outlets, date, url), a lede, "Key Facts" / "Key Background"
 * headings, attributions ("... told the Ledger"), quotes with speakers, and "Further Reading"
 * lines that cite earlier articles; figures are varied per article. Every 50th article is one of
 * the hand-written articles of --fallback (tests/corpus, with its web of citations and
 * misquotes) with a new title and url. Without --texts, everything comes from --fallback,
 * replicated with the same variations. They are written into a folder of 100 subfolders (kept
 * and reused with --work-dir, else a temporary folder removed at the end).
 *
 * Each phase runs in its own child process, so its peak RSS (VmHWM) is its own:
 *
 *  api     the corpus layer as the server drives it: 2 worker threads read, analyze
 *          (bl_analysis_run, rules off) and summarize (bl_corpus_doc_new) batches of 16 files,
 *          the main thread merges every summary (bl_corpus_put) as it arrives. Then lookups
 *          (bl_corpus_mentions, bl_corpus_doc_count, bl_corpus_find_outlet, bl_corpus_find_title)
 *          and re-indexing one changed file (analysis + summary, then one bl_corpus_put that
 *          replaces the document).
 *  server  a BlServer with a host whose queue_work runs jobs on a real 2-thread pool and whose
 *          loop runs each job's completion on the main thread (as libuv does). initialize with
 *          rootUri = the folder and window.workDoneProgress; indexing runs to $/progress end
 *          while a hover arrives every ~2 ms (latency from its arrival to its response, waiting
 *          for whatever the loop was doing). Then hover, definition, references and
 *          workspace/symbol requests at positions taken from 20 open articles, each timed from
 *          bl_server_feed to the response's write; and one file changed on disk
 *          (didChangeWatchedFiles) to its merge and the republish that follows.
 *
 * Figures only: nothing is asserted about speed. The exit status is nonzero only when something
 * does not work (a request unanswered, indexing never ending).
 *
 * usage: bench_corpus [--texts DIR] [--fallback DIR] [--articles N] [--bytes N] [--work-dir DIR]
 *                     [--lookups N] [--phase all|api|server] [--threads N] */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <malloc.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "analysis/analyze.h"
#include "base/buf.h"
#include "base/uri.h"
#include "base/walk.h"
#include "corpus/corpus.h"
#include "lsp/server.h"
#include "bench_util.h"

/* ---------------------------------------------------------------- options */

static struct {
  const char *texts, *fallback, *work_dir, *phase;
  size_t articles, bytes, lookups;
  unsigned threads;
} opt = {NULL, NULL, NULL, "all", 10000, 50000000, 2000, 2};

/* ---------------------------------------------------------------- clock, statistics, memory */

static void print_stats(const char *what, BenchStats s, size_t n)
{
  printf("  %-46s p50 %9.1f us  p99 %9.1f us  max %9.1f us  (n=%zu)\n", what, s.p50, s.p99, s.max, n);
  fflush(stdout);
}

/* CPU seconds this process used (all threads, user + system). */
static double cpu_seconds(void)
{
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
         (double)ru.ru_stime.tv_usec / 1e6;
}

static uint64_t thread_cpu_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The machine's load: other work skews wall times (CPU times are printed beside them). */
static void print_load(void)
{
  FILE *f = fopen("/proc/loadavg", "r");
  char line[128] = "?";
  if (f) {
    if (!fgets(line, sizeof line, f)) line[0] = '\0';
    fclose(f);
  }
  line[strcspn(line, "\n")] = '\0';
  printf("  load average now: %s (on %ld cores)\n", line, sysconf(_SC_NPROCESSORS_ONLN));
}

static const char *verdict(bool met)
{
  return met ? "met" : "MISSED";
}

/* A field of /proc/self/status in kB ("VmHWM", "VmRSS"), or 0. */
static size_t status_kb(const char *field)
{
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return 0;
  char line[256];
  size_t kb = 0, n = strlen(field);
  while (fgets(line, sizeof line, f))
    if (strncmp(line, field, n) == 0 && line[n] == ':') kb = (size_t)strtoull(line + n + 1, NULL, 10);
  fclose(f);
  return kb;
}

/* Resets VmHWM to the current RSS (Linux 4.0+); returns whether it could. */
static bool reset_hwm(void)
{
  FILE *f = fopen("/proc/self/clear_refs", "w");
  if (!f) return false;
  bool ok = fputs("5", f) >= 0;
  return fclose(f) == 0 && ok;
}

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static size_t rnd(size_t n)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return n ? (size_t)(rng_state % n) : 0;
}

static void die(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fputs("bench_corpus: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(2);
}

/* ---------------------------------------------------------------- growable text */


static char *read_all(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  BlBuf t = {0};
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) bl_buf_append(&t, buf, n);
  fclose(f);
  if (!t.data) bl_buf_append(&t, "", 0);
  *len = t.len;
  return t.data;
}

static void write_all(const char *path, const char *data, size_t len)
{
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) die("cannot write %s: %s", path, strerror(errno));
}

/* ---------------------------------------------------------------- the articles */

typedef struct {
  char **items;
  size_t len, cap;
} Strings;

static void s_push(Strings *s, char *str)
{
  if (s->len == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 1024;
    s->items = realloc(s->items, s->cap * sizeof *s->items);
    if (!s->items) die("out of memory");
  }
  s->items[s->len++] = str;
}

/* Splits text into its non-empty lines (paragraphs), appended to out. */
static void split_paragraphs(Strings *out, const char *text)
{
  for (const char *p = text; *p;) {
    const char *e = strchr(p, '\n');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\r')) n--;
    if (n >= 20) s_push(out, strndup(p, n));
    p += e ? (size_t)(e - p) + 1 : strlen(p);
  }
}

/* The body of a tests/corpus article (after its front matter), its paragraphs. */
static const char *skip_front_matter(const char *text)
{
  if (strncmp(text, "---\n", 4) == 0) {
    const char *e = strstr(text + 4, "\n---\n");
    if (e) return e + 5;
  }
  return text;
}

static const char *const outlets[] = {
    "The Harbor Ledger",     "Northgate Times",        "Meridian Wire",        "The Bayside Courier",
    "Coastline Daily",       "Atlas Economic Daily",   "The Tidewater Review", "Eastbrook Gazette",
    "Pacific Engineering Review", "Riverside Chronicle", "The Granite Herald",  "Lakeshore Tribune",
    "Summit Post",           "Valley Sentinel",        "The Prairie Journal",  "Old Mill Observer",
    "Cedar Bay Monitor",     "Ironbridge Examiner",    "The Canal Street Mail", "Redwood Dispatch",
    "The Foundry Bulletin",  "Westfield Register",     "Marble Hill Star",     "North Shore Press",
    "The Delta Inquirer",    "Highline Daily",         "Kestrel News",         "The Orchard Telegraph",
    "Pine Ridge Guardian",   "The Quarry Standard",    "Saltmarsh Courier",    "Thornbury Times",
    "Upland Wire",           "Vesper Review",          "Willow Creek Herald",  "Yardley Journal",
    "Zephyr Economic Daily", "Blackwater Ledger",      "Copperfield Post",     "Driftwood Gazette",
};
enum { N_OUTLETS = sizeof outlets / sizeof outlets[0] };

static const char *const first_names[] = {"Miriam", "Raymond", "Dana", "Tomas", "Lucia", "Amara", "Joel",
                                           "Renata", "Kenji", "Grace", "Ignacio", "Priya", "Owen", "Hana",
                                           "Felix", "Nadia", "Samuel", "Teresa", "Leo", "Malcolm"};
static const char *const last_names[] = {"Castellanos", "Tull", "Whitcomb", "Alcalde", "Ferrer", "Osei",
                                          "Navarro", "Holloway", "Arakawa", "Whitfield", "Palau", "Menon",
                                          "Pritchard", "Lindqvist", "Amundsen", "Fairbanks", "Achterberg",
                                          "Young", "Marchetti", "Hale", "Okafor", "Brennan", "Delgado", "Parrish"};
static const char *const roles[] = {"State Auditor", "Director", "spokesperson", "Transport Minister",
                                    "board chair", "Chief Executive", "Mayor", "Assemblymember"};
static const char *const days[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};

/* The last word of an outlet's name ("The Harbor Ledger" -> "Ledger"). */
static const char *outlet_short(const char *o)
{
  const char *sp = strrchr(o, ' ');
  return sp ? sp + 1 : o;
}

/* Appends a paragraph with its figures varied by `salt` (each digit run's first digit). */
static void add_varied(BlBuf *t, const char *p, size_t salt)
{
  size_t start = t->len;
  bl_buf_puts(t, p);
  bool in_run = false;
  for (size_t i = start; i < t->len; i++) {
    char c = t->data[i];
    if (c >= '0' && c <= '9') {
      if (!in_run && (salt + i) % 3 == 0 && c != '0') t->data[i] = (char)('1' + (c - '1' + salt) % 9);
      in_run = true;
    } else {
      in_run = false;
    }
  }
  bl_buf_puts(t, "\n\n");
}

/* A title from a paragraph: its first words, up to 11, without a final period. */
static void make_title(char *out, size_t cap, const char *p, size_t k)
{
  size_t n = 0, words = 0;
  for (const char *q = p; *q && n + 8 < cap; q++) {
    if (*q == ' ' && ++words >= 11) break;
    if (*q == '"' || *q == '\n' || *q == ':') continue;
    out[n++] = *q;
  }
  while (n && (out[n - 1] == '.' || out[n - 1] == ',' || out[n - 1] == ' ')) n--;
  if (n < 8) n = (size_t)snprintf(out, cap, "Report Number %zu", k);
  out[n] = '\0';
  if (out[0] >= 'a' && out[0] <= 'z') out[0] = (char)(out[0] - 32);
}

typedef struct {
  char title[160];
  const char *outlet;
} Recent;

static void generate(const char *dir)
{
  Strings paras = {0}, titles = {0}, hand = {0};
  const char *from = NULL;
  if (opt.texts) {
    char pattern[4096];
    snprintf(pattern, sizeof pattern, "%s/*/*.jsonl", opt.texts);
    glob_t g;
    if (glob(pattern, 0, NULL, &g) == 0) {
      for (size_t i = 0; i < g.gl_pathc; i++) {
        if (strstr(g.gl_pathv[i], ".derived.")) continue; /* polnear's sentences again */
        FILE *f = fopen(g.gl_pathv[i], "r");
        if (!f) continue;
        char *line = NULL;
        size_t cap = 0;
        while (getline(&line, &cap, f) > 0) {
          cJSON *j = cJSON_Parse(line);
          const cJSON *text = cJSON_GetObjectItemCaseSensitive(j, "text");
          const cJSON *title = cJSON_GetObjectItemCaseSensitive(j, "title");
          if (cJSON_IsString(text)) split_paragraphs(&paras, text->valuestring);
          if (cJSON_IsString(title) && strlen(title->valuestring) > 12) s_push(&titles, strdup(title->valuestring));
          cJSON_Delete(j);
        }
        free(line);
        fclose(f);
      }
      globfree(&g);
    }
    if (paras.len) from = "the texts of --texts/*/*.jsonl";
  }
  if (opt.fallback) {
    char pattern[4096];
    snprintf(pattern, sizeof pattern, "%s/*.[tm][xd]*", opt.fallback);
    glob_t g;
    if (glob(pattern, 0, NULL, &g) == 0) {
      for (size_t i = 0; i < g.gl_pathc; i++) {
        size_t n;
        char *t = read_all(g.gl_pathv[i], &n);
        if (!t) continue;
        s_push(&hand, t);
        if (!from || !paras.len) split_paragraphs(&paras, skip_front_matter(t));
      }
      globfree(&g);
    }
    if (!from && paras.len) from = "the articles of --fallback, replicated";
  }
  if (!paras.len) die("no texts: give --texts DIR (jsonl) or --fallback DIR (articles)");
  fprintf(stderr, "bench_corpus: writing %zu articles (~%zu MB) from %s (%zu paragraphs) into %s\n", opt.articles,
          opt.bytes / 1000000, from, paras.len, dir);

  size_t per = opt.bytes / opt.articles;
  Recent recent[256] = {{{0}, NULL}};
  size_t n_recent = 0;
  BlBuf t = {0};
  char path[4096], title[160];
  for (size_t k = 0; k < opt.articles; k++) {
    bl_buf_reset(&t);
    const char *outlet = outlets[k % N_OUTLETS];
    int month = 1 + (int)(k * 12 / opt.articles), day = 1 + (int)(k % 28);
    if (hand.len && k % 50 == 25) { /* a hand-written article, retitled */
      const char *h = hand.items[(k / 50) % hand.len];
      const char *body = skip_front_matter(h);
      if (body != h) { /* keep its outlet and date: they make its citations resolve */
        const char *ol = strstr(h, "\noutlet: ");
        char o[96] = "Meridian Wire";
        if (ol && ol < body) sscanf(ol + 9, "%95[^\n]", o);
        const char *tl = strstr(h, "title: ");
        char ti[140] = "Untitled";
        if (tl && tl < body) sscanf(tl + 7, "%139[^\n]", ti);
        bl_buf_printf(&t, "---\ntitle: %s, Update %zu\noutlet: %s\ndate: 2026-%02d-%02d\nurl: https://example.org/u/%zu\n---\n\n",
                 ti, k, o, month, day, k);
      }
      bl_buf_puts(&t, body);
    } else {
      const char *lede = paras.items[rnd(paras.len)];
      if (titles.len && k % 3 == 0) snprintf(title, sizeof title, "%s", titles.items[rnd(titles.len)]);
      else make_title(title, sizeof title, lede, k);
      bl_buf_printf(&t, "---\ntitle: %s\noutlet: %s\ndate: 2026-%02d-%02d\nauthor: %s %s\nurl: https://example.org/a/%zu\n---\n\n",
               title, outlet, month, day, first_names[rnd(20)], last_names[rnd(24)], k);
      add_varied(&t, lede, k);
      bl_buf_puts(&t, "Key Facts\n\n");
      size_t p = rnd(paras.len), target = per / 2 + rnd(per);
      int section = 0;
      while (t.len < target) {
        const char *para = paras.items[p++ % paras.len];
        size_t r = rnd(10);
        const char *first = first_names[rnd(20)], *last = last_names[rnd(24)];
        if (r == 0) { /* an attribution to another outlet */
          const char *o = outlets[rnd(N_OUTLETS)];
          bl_buf_printf(&t, "%s %s, the %s, told the %s on %s that the figures had been checked twice.\n\n",
                   roles[rnd(8)], first, last, outlet_short(o), days[rnd(5)]);
        } else if (r == 1) { /* a quote with a speaker */
          size_t n = strcspn(para, ".");
          if (n > 200) n = 200;
          bl_buf_printf(&t, "\xE2\x80\x9C%.*s,\xE2\x80\x9D %s %s said.\n\n", (int)n, para, first, last);
          continue;
        } else if (r == 2) {
          bl_buf_printf(&t, "The %s reported on %s that the project was %zu%% over budget.\n\n",
                   outlet_short(outlets[rnd(N_OUTLETS)]), days[rnd(5)], 5 + rnd(60));
        }
        add_varied(&t, para, k + p);
        if (section == 0 && t.len > target / 2) {
          bl_buf_puts(&t, "Key Background\n\n");
          section = 1;
        }
      }
      if (n_recent) {
        bl_buf_puts(&t, "Further Reading\n\n");
        for (int i = 0; i < 3; i++) {
          const Recent *r = &recent[rnd(n_recent < 256 ? n_recent : 256)];
          bl_buf_printf(&t, "%s (%s)\n\n", r->title, r->outlet);
        }
      }
      snprintf(recent[k % 256].title, sizeof recent[0].title, "%s", title);
      recent[k % 256].outlet = outlet;
      if (n_recent < 256) n_recent++;
    }
    snprintf(path, sizeof path, "%s/%02zu", dir, (k / 100) % 100);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/%02zu/%05zu.txt", dir, (k / 100) % 100, k);
    write_all(path, t.data, t.len);
  }
  free(t.data);
  for (size_t i = 0; i < paras.len; i++) free(paras.items[i]);
  for (size_t i = 0; i < titles.len; i++) free(titles.items[i]);
  for (size_t i = 0; i < hand.len; i++) free(hand.items[i]);
  free(paras.items);
  free(titles.items);
  free(hand.items);
}

/* ---------------------------------------------------------------- the file list */

typedef struct {
  Strings paths;
  uint64_t bytes;
} Files;

static void on_file(void *data, const char *path)
{
  Files *f = data;
  struct stat st;
  if (stat(path, &st) == 0) f->bytes += (uint64_t)st.st_size;
  s_push(&f->paths, strdup(path));
}

static void on_problem(void *data, const char *path, const char *message, bool is_error)
{
  (void)data;
  (void)is_error;
  fprintf(stderr, "bench_corpus: %s: %s\n", path, message);
}

static Files list_files(const char *dir)
{
  Files f = {{0}, 0};
  BlWalkVisitor v = {&f, on_file, on_problem};
  bl_walk(dir, &v);
  return f;
}

static char *file_uri(const char *path)
{
  BlBuf b;
  bl_buf_init(&b, 0);
  bl_uri_append_file_url(&b, path);
  return bl_buf_take(&b, NULL);
}

/* A summary of one file (NULL when unreadable), as the server's indexing job makes it. */
static BlCorpusDoc *summarize(const char *path, const char *text, size_t len)
{
  BlRuleSettings none;
  for (size_t i = 0; i < BL_MAX_RULES; i++) none.severity[i] = BL_RULE_OFF;
  BlAnalysis an;
  bl_analysis_run(&an, text, len, &none);
  char *uri = file_uri(path);
  BlCorpusDoc *doc = bl_corpus_doc_new(&an, uri, path);
  free(uri);
  bl_analysis_free(&an);
  return doc;
}

/* ---------------------------------------------------------------- where the bytes go */

typedef struct {
  size_t text, lines, doc, strings, mentions, quotes, figures, cites;
} Breakdown;

static size_t usable(const void *p)
{
  return p ? malloc_usable_size((void *)p) : 0;
}

static void add_doc_bytes(Breakdown *b, const BlCorpusDoc *d)
{
  /* every string of a document is in its one pool, every quote's grams in one block */
  b->doc += usable(d);
  b->strings += usable(d->pool);
  b->text += usable(d->text);
  b->lines += usable(d->lines.starts);
  b->mentions += usable(d->mentions.items);
  b->quotes += usable(d->quotes.items) + usable(d->grams);
  b->figures += usable(d->figures.items);
  b->cites += usable(d->cites.items);
}

/* ---------------------------------------------------------------- phase api */

typedef struct {
  Files *files;
  atomic_size_t next;
  pthread_mutex_t lock;
  pthread_cond_t ready;
  BlCorpusDoc **done; /* summaries waiting to be merged */
  size_t n_done, cap_done;
  unsigned finished; /* workers that ran out of files */
} ApiIndex;

static void *api_worker(void *arg)
{
  ApiIndex *ix = arg;
  BlCorpusDoc *batch[16];
  for (;;) {
    size_t first = atomic_fetch_add(&ix->next, 16);
    if (first >= ix->files->paths.len) {
      pthread_mutex_lock(&ix->lock);
      ix->finished++;
      pthread_cond_signal(&ix->ready);
      pthread_mutex_unlock(&ix->lock);
      return NULL;
    }
    size_t n = 0;
    for (size_t i = first; i < first + 16 && i < ix->files->paths.len; i++) {
      size_t len;
      char *text = read_all(ix->files->paths.items[i], &len);
      if (!text) continue;
      batch[n++] = summarize(ix->files->paths.items[i], text, len);
      free(text);
    }
    pthread_mutex_lock(&ix->lock);
    if (ix->n_done + n > ix->cap_done) {
      ix->cap_done = (ix->n_done + n) * 2;
      ix->done = realloc(ix->done, ix->cap_done * sizeof *ix->done);
    }
    memcpy(ix->done + ix->n_done, batch, n * sizeof *batch);
    ix->n_done += n;
    pthread_cond_signal(&ix->ready);
    pthread_mutex_unlock(&ix->lock);
  }
}

static int phase_api(const char *dir)
{
  reset_hwm();
  size_t rss0 = status_kb("VmRSS");
  Files files = list_files(dir);
  size_t n = files.paths.len;
  printf("\n[api] the corpus layer: %zu articles, %.1f MB; %u worker threads + the merging thread\n", n,
         (double)files.bytes / 1e6, opt.threads);
  print_load();
  ApiIndex ix = {&files, 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, 0, 0, 0};
  BlCorpus *corpus = bl_corpus_new();
  double cpu0 = cpu_seconds();
  uint64_t t0 = bench_now_ns(), put_ns = 0;
  pthread_t th[64];
  unsigned started = 0;
  for (unsigned i = 0; i < opt.threads && i < 64; i++)
    if (pthread_create(&th[started], NULL, api_worker, &ix) == 0) started++;
  if (!started) die("no worker thread started");
  BlCorpusDoc **take = NULL;
  size_t cap_take = 0;
  for (;;) { /* the merging thread: put every summary as it arrives */
    pthread_mutex_lock(&ix.lock);
    while (ix.n_done == 0 && ix.finished < started) pthread_cond_wait(&ix.ready, &ix.lock);
    size_t k = ix.n_done;
    bool last = ix.finished == started;
    if (k > cap_take) {
      cap_take = k * 2;
      take = realloc(take, cap_take * sizeof *take);
    }
    if (k) memcpy(take, ix.done, k * sizeof *take);
    ix.n_done = 0;
    pthread_mutex_unlock(&ix.lock);
    uint64_t p0 = bench_now_ns();
    for (size_t i = 0; i < k; i++) bl_corpus_put(corpus, take[i]);
    put_ns += bench_now_ns() - p0;
    if (last && k == 0) break;
  }
  for (unsigned i = 0; i < started; i++) pthread_join(th[i], NULL);
  uint64_t t_index = bench_now_ns() - t0;
  double cpu = cpu_seconds() - cpu0;
  free(take);
  free(ix.done);
  size_t hwm = status_kb("VmHWM"), rss = status_kb("VmRSS");
  double secs = (double)t_index / 1e9;
  printf("  index %zu articles: %.2f s wall (%.1f MB/s, %.0f articles/s); bl_corpus_put total %.3f s (%.1f us per "
         "article)\n",
         n, secs, (double)files.bytes / 1e6 / secs, (double)n / secs, (double)put_ns / 1e9, (double)put_ns / 1e3 / (double)n);
  printf("  CPU time of indexing: %.2f s (%.1f MB/s per core); on %u idle cores that is about %.2f s of wall time\n",
         cpu, (double)files.bytes / 1e6 / cpu, opt.threads, cpu / opt.threads);
  printf("  memory: peak RSS %.1f MB (%.2f bytes per corpus byte; %.2f above the %.1f MB before indexing); "
         "after indexing RSS %.1f MB (%.2f B/B)\n",
         (double)hwm / 1e3, (double)hwm * 1024 / (double)files.bytes, (double)(hwm - rss0) * 1024 / (double)files.bytes,
         (double)rss0 / 1e3, (double)rss / 1e3, (double)rss * 1024 / (double)files.bytes);
  printf("  target: index 10k articles < 5 s on 2 cores: %s (%.2f s wall, %.2f s CPU / %u cores); memory < 3 bytes "
         "per corpus byte: %s (%.2f)\n",
         verdict(secs < 5.0), secs, cpu / opt.threads, opt.threads,
         verdict((double)hwm * 1024 / (double)files.bytes < 3.0), (double)hwm * 1024 / (double)files.bytes);

  /* what the corpus holds */
  size_t mentions = 0, quotes = 0, figures = 0, cites = 0;
  Strings keys = {0}, outlet_keys = {0}, title_keys = {0};
  for (size_t s = 0; s < bl_corpus_slots(corpus); s++) {
    const BlCorpusDoc *d = bl_corpus_at(corpus, s);
    if (!d) continue;
    mentions += d->mentions.len;
    quotes += d->quotes.len;
    figures += d->figures.len;
    cites += d->cites.len;
    for (size_t i = 0; i < d->mentions.len; i++)
      if (rnd(20) == 0) s_push(&keys, (char *)d->mentions.items[i].key);
    for (size_t i = 0; i < d->cites.len; i++) {
      if (d->cites.items[i].outlet_key[0]) s_push(&outlet_keys, (char *)d->cites.items[i].outlet_key);
      if (d->cites.items[i].title_key) s_push(&title_keys, (char *)d->cites.items[i].title_key);
    }
  }
  printf("  holds %zu mentions, %zu quotes, %zu figures, %zu citations\n", mentions, quotes, figures, cites);
  Breakdown b = {0};
  for (size_t s = 0; s < bl_corpus_slots(corpus); s++)
    if (bl_corpus_at(corpus, s)) add_doc_bytes(&b, bl_corpus_at(corpus, s));
  size_t docs_total = b.text + b.lines + b.doc + b.strings + b.mentions + b.quotes + b.figures + b.cites;
  struct mallinfo2 mi = mallinfo2();
  double cb = (double)files.bytes;
  printf("  bytes per corpus byte, by what holds them (malloc_usable_size): text %.2f, line index %.2f, document "
         "%.2f, strings (keys, names, quote texts, URLs: one pool per document) %.2f, mentions %.2f, quotes "
         "(entries and grams) %.2f, figures %.2f, citations %.2f = documents %.2f; index tables and "
         "postings (the rest of the heap in use) %.2f; heap in use %.2f, heap free but kept %.2f\n",
         (double)b.text / cb, (double)b.lines / cb, (double)b.doc / cb, (double)b.strings / cb, (double)b.mentions / cb,
         (double)b.quotes / cb,
         (double)b.figures / cb, (double)b.cites / cb, (double)docs_total / cb,
         ((double)mi.uordblks + (double)mi.hblkhd - (double)docs_total) / cb, ((double)mi.uordblks + (double)mi.hblkhd) / cb,
         (double)mi.fordblks / cb);

  /* lookups, in thread CPU time (the machine may be busy; stalls on memory still count) */
  size_t nl = opt.lookups * 5;
  uint64_t *ns = calloc(nl, sizeof *ns);
  BlCorpusHit *hits = malloc(sizeof *hits * 4096);
  const BlCorpusDoc *found[16];
  size_t total_hits = 0;
  for (size_t i = 0; i < nl && keys.len; i++) {
    const char *key = keys.items[rnd(keys.len)];
    uint64_t a = thread_cpu_ns();
    total_hits += bl_corpus_mentions(corpus, key, hits, 4096);
    ns[i] = thread_cpu_ns() - a;
  }
  print_stats("bl_corpus_mentions (random mention keys)", bench_stats(ns, nl), nl);
  printf("  %-46s %.0f postings per key on average\n", "", (double)total_hits / (double)nl);
  for (size_t i = 0; i < nl && keys.len; i++) {
    const char *key = keys.items[rnd(keys.len)];
    uint64_t a = thread_cpu_ns();
    total_hits += bl_corpus_doc_count(corpus, key);
    ns[i] = thread_cpu_ns() - a;
  }
  print_stats("bl_corpus_doc_count (hover's count)", bench_stats(ns, nl), nl);
  for (size_t i = 0; i < nl && outlet_keys.len; i++) {
    const char *key = outlet_keys.items[rnd(outlet_keys.len)];
    uint64_t a = thread_cpu_ns();
    total_hits += bl_corpus_find_outlet(corpus, key, found, 16);
    ns[i] = thread_cpu_ns() - a;
  }
  print_stats("bl_corpus_find_outlet (cited outlets)", bench_stats(ns, nl), nl);
  for (size_t i = 0; i < nl && title_keys.len; i++) {
    const char *key = title_keys.items[rnd(title_keys.len)];
    uint64_t a = thread_cpu_ns();
    total_hits += bl_corpus_find_title(corpus, key, NULL) != NULL;
    ns[i] = thread_cpu_ns() - a;
  }
  print_stats("bl_corpus_find_title (Further Reading)", bench_stats(ns, nl), nl);

  /* re-index one changed file: its analysis + summary, then the put that replaces it */
  size_t nr = opt.lookups / 4 ? opt.lookups / 4 : 1;
  uint64_t *an_ns = calloc(nr, sizeof *an_ns), *put1 = calloc(nr, sizeof *put1);
  for (size_t i = 0; i < nr; i++) {
    const char *path = files.paths.items[rnd(n)];
    size_t len;
    char *text = read_all(path, &len);
    if (!text) continue;
    for (size_t j = 0; j < len; j++)
      if (text[j] == 'e') {
        text[j] = 'a';
        break;
      }
    uint64_t a = bench_now_ns();
    BlCorpusDoc *doc = summarize(path, text, len);
    uint64_t b = bench_now_ns();
    bl_corpus_put(corpus, doc);
    put1[i] = bench_now_ns() - b;
    an_ns[i] = b - a;
    free(text);
  }
  print_stats("re-index one file: analysis + summary", bench_stats(an_ns, nr), nr);
  print_stats("re-index one file: bl_corpus_put (replace)", bench_stats(put1, nr), nr);
  uint64_t f0 = bench_now_ns();
  bl_corpus_free(corpus);
  printf("  bl_corpus_free: %.1f ms\n", (double)(bench_now_ns() - f0) / 1e6);
  free(ns);
  free(hits);
  free(an_ns);
  free(put1);
  free(keys.items);
  free(outlet_keys.items);
  free(title_keys.items);
  for (size_t i = 0; i < files.paths.len; i++) free(files.paths.items[i]);
  free(files.paths.items);
  return 0;
}

/* ---------------------------------------------------------------- phase server: the host */

typedef struct Job {
  void (*work)(void *);
  void (*done)(void *);
  void *arg;
  struct Job *next;
} Job;

typedef struct {
  /* the thread pool */
  pthread_mutex_t lock;
  pthread_cond_t work_ready, done_ready;
  Job *work_head, *work_tail, *done_head, *done_tail;
  bool quit;
  size_t queued, completed;
  /* what the server wrote */
  bool timer_armed;
  long long last_id;        /* id of the last response */
  uint64_t last_response_at;
  size_t last_response_len;
  bool last_response_error;
  Strings to_answer;        /* framed responses to the server's requests, fed by the loop */
  bool progress_end;
  uint64_t progress_end_at;
  size_t progress_reports, publishes;
  int last_percentage;
} Host;

static void frame(BlBuf *out, const char *body, size_t len)
{
  bl_buf_reset(out);
  bl_buf_printf(out, "Content-Length: %zu\r\n\r\n", len);
  bl_buf_append(out, body, len);
}

static void host_write(void *data, const char *bytes, size_t len)
{
  uint64_t now = bench_now_ns();
  Host *h = data;
  const char *body = strstr(bytes, "\r\n\r\n");
  if (!body || (size_t)(body - bytes) >= len) return;
  body += 4;
  size_t blen = len - (size_t)(body - bytes);
  /* a response: find its id without reading a possibly large body (a request to the client has
   * "method" right after its id; a response, "result" or "error") */
  char *after_id = NULL;
  long long id_value = strncmp(body, "{\"jsonrpc\":\"2.0\",\"id\":", 22) == 0 ? strtoll(body + 22, &after_id, 10) : 0;
  if (after_id && strncmp(after_id, ",\"method\"", 9) != 0) {
    h->last_id = id_value;
    h->last_response_at = now;
    h->last_response_len = blen;
    h->last_response_error = strncmp(after_id, ",\"error\":{", 10) == 0;
    return;
  }
  if (strstr(body, "\"textDocument/publishDiagnostics\"")) {
    h->publishes++;
    return;
  }
  cJSON *j = cJSON_ParseWithLength(body, blen);
  const cJSON *method = cJSON_GetObjectItemCaseSensitive(j, "method");
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id");
  if (cJSON_IsString(method) && id) { /* a request to the client: answer null */
    char *idtext = cJSON_PrintUnformatted(id);
    BlBuf body2 = {0}, framed = {0};
    bl_buf_printf(&body2, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":null}", idtext);
    frame(&framed, body2.data, body2.len);
    s_push(&h->to_answer, framed.data);
    free(body2.data);
    free(idtext);
  } else if (cJSON_IsString(method) && strcmp(method->valuestring, "$/progress") == 0) {
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(j, "params"), "value");
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(value, "kind");
    const cJSON *pct = cJSON_GetObjectItemCaseSensitive(value, "percentage");
    if (cJSON_IsString(kind) && strcmp(kind->valuestring, "end") == 0) {
      h->progress_end = true;
      h->progress_end_at = now;
    } else if (cJSON_IsString(kind) && strcmp(kind->valuestring, "report") == 0) {
      h->progress_reports++;
    }
    if (cJSON_IsNumber(pct)) h->last_percentage = pct->valueint;
  }
  cJSON_Delete(j);
}

static void host_set_timer(void *data, unsigned ms)
{
  (void)ms;
  ((Host *)data)->timer_armed = true;
}

static void host_exit(void *data, int code)
{
  (void)data;
  (void)code;
}

static void host_queue_work(void *data, void (*work)(void *), void (*done)(void *), void *arg)
{
  Host *h = data;
  Job *j = calloc(1, sizeof *j);
  j->work = work;
  j->done = done;
  j->arg = arg;
  pthread_mutex_lock(&h->lock);
  if (h->work_tail) h->work_tail->next = j;
  else h->work_head = j;
  h->work_tail = j;
  h->queued++;
  pthread_cond_signal(&h->work_ready);
  pthread_mutex_unlock(&h->lock);
}

static void *host_worker(void *arg)
{
  Host *h = arg;
  for (;;) {
    pthread_mutex_lock(&h->lock);
    while (!h->work_head && !h->quit) pthread_cond_wait(&h->work_ready, &h->lock);
    if (!h->work_head) {
      pthread_mutex_unlock(&h->lock);
      return NULL;
    }
    Job *j = h->work_head;
    h->work_head = j->next;
    if (!h->work_head) h->work_tail = NULL;
    pthread_mutex_unlock(&h->lock);
    j->work(j->arg);
    pthread_mutex_lock(&h->lock);
    j->next = NULL;
    if (h->done_tail) h->done_tail->next = j;
    else h->done_head = j;
    h->done_tail = j;
    pthread_cond_signal(&h->done_ready);
    pthread_mutex_unlock(&h->lock);
  }
}

/* Feeds one message and whatever the server asked of the client; fires an armed timer. */
static void feed(BlServer *s, Host *h, const char *framed, size_t len)
{
  bl_server_feed(s, framed, len);
  while (h->to_answer.len) {
    char *a = h->to_answer.items[--h->to_answer.len];
    bl_server_feed(s, a, strlen(a));
    free(a);
  }
}

static void fire_timer(BlServer *s, Host *h)
{
  if (h->timer_armed) {
    h->timer_armed = false;
    bl_server_timer(s);
  }
}

/* Runs the completions that are ready (on this thread, as the loop does); waits up to
 * `wait_ns` for one when none is. Returns how many ran; durations go to *each. */
static size_t run_completions(Host *h, uint64_t wait_ns, uint64_t *each, size_t each_cap, size_t *n_each)
{
  pthread_mutex_lock(&h->lock);
  if (!h->done_head && wait_ns) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t t = (uint64_t)ts.tv_nsec + wait_ns;
    ts.tv_sec += (time_t)(t / 1000000000u);
    ts.tv_nsec = (long)(t % 1000000000u);
    pthread_cond_timedwait(&h->done_ready, &h->lock, &ts);
  }
  Job *list = h->done_head;
  h->done_head = h->done_tail = NULL;
  pthread_mutex_unlock(&h->lock);
  size_t n = 0;
  while (list) {
    Job *next = list->next;
    uint64_t a = thread_cpu_ns();
    list->done(list->arg);
    if (each && *n_each < each_cap) each[(*n_each)++] = thread_cpu_ns() - a;
    free(list);
    list = next;
    n++;
    h->completed++;
  }
  return n;
}

/* ---------------------------------------------------------------- phase server: probes */

typedef struct {
  char *path, *uri, *text;
  size_t len;
  BlAnalysis an;
  BlCorpusDoc *doc;
} Probe;

typedef struct {
  size_t line, character;
} Pos;

static Pos position(const char *text, size_t at)
{
  size_t l = 0, start = 0;
  for (size_t i = 0; i < at; i++)
    if (text[i] == '\n') l++, start = i + 1;
  size_t units = 0;
  for (size_t i = start; i < at; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80 || (c >= 0xC0 && c < 0xF0)) units += 1;
    else if (c >= 0xF0) units += 2;
  }
  return (Pos){l, units};
}

static void request_at(BlBuf *body, long long id, const char *method, const char *uri, Pos p, const char *extra)
{
  bl_buf_reset(body);
  bl_buf_printf(body,
           "{\"jsonrpc\":\"2.0\",\"id\":%lld,\"method\":\"%s\",\"params\":{\"textDocument\":{\"uri\":\"%s\"},"
           "\"position\":{\"line\":%zu,\"character\":%zu}%s}}",
           id, method, uri, p.line, p.character, extra ? extra : "");
}

static bool named(const BlEntity *e)
{
  return e->kind == BL_ENT_ORGANIZATION || e->kind == BL_ENT_PERSON || e->kind == BL_ENT_PLACE;
}

/* A fuzzy query for a name: its initials, or the name with every fourth letter dropped, or a
 * prefix — what people type into a symbol search. */
static void fuzzy_query(char *out, size_t cap, const char *name, size_t n, size_t how)
{
  size_t k = 0;
  if (how == 0) {
    for (size_t i = 0; i < n && k + 1 < cap; i++)
      if ((i == 0 || name[i - 1] == ' ') && name[i] != ' ') out[k++] = (char)(name[i] | 0x20);
    if (k >= 2) {
      out[k] = '\0';
      return;
    }
    k = 0;
  }
  if (how == 2) {
    for (size_t i = 0; i < n && i < 5 && k + 1 < cap; i++) out[k++] = name[i];
  } else {
    for (size_t i = 0; i < n && k + 1 < cap; i++)
      if (i % 4 != 3 || name[i] == ' ') out[k++] = name[i];
  }
  out[k] = '\0';
}

static int phase_server(const char *dir)
{
  reset_hwm();
  size_t rss0 = status_kb("VmRSS");
  Files files = list_files(dir); /* only to size the corpus and to pick probes */
  size_t n = files.paths.len;
  printf("\n[server] a BlServer whose host runs jobs on %u threads: %zu articles, %.1f MB\n", opt.threads, n,
         (double)files.bytes / 1e6);
  Host h;
  memset(&h, 0, sizeof h);
  pthread_mutex_init(&h.lock, NULL);
  pthread_cond_init(&h.work_ready, NULL);
  pthread_cond_init(&h.done_ready, NULL);
  pthread_t th[64];
  unsigned started = 0;
  for (unsigned i = 0; i < opt.threads && i < 64; i++)
    if (pthread_create(&th[started], NULL, host_worker, &h) == 0) started++;
  BlServerHost host = {&h, host_write, host_set_timer, host_exit, host_queue_work};
  BlServer *s = bl_server_new(&host);
  int failures = 0;

  /* probes: 20 articles spread over the corpus, with their analysis for positions */
  enum { N_PROBES = 20 };
  Probe probes[N_PROBES];
  for (size_t i = 0; i < N_PROBES; i++) {
    Probe *p = &probes[i];
    /* even ones: a hand-written article of --fallback (every 50th, at 25); odd ones: assembled */
    size_t at = (i * n) / N_PROBES + (i % 2 == 0 ? 25 : 7);
    p->path = files.paths.items[at < n ? at : n - 1];
    p->uri = file_uri(p->path);
    p->text = read_all(p->path, &p->len);
    if (!p->text) die("cannot read %s", p->path);
    bl_analysis_run(&p->an, p->text, p->len, NULL);
    p->doc = bl_corpus_doc_new(&p->an, p->uri, p->path);
  }

  BlBuf body = {0}, framed = {0};
  char *root_uri = file_uri(dir);
  bl_buf_printf(&body,
           "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,\"rootUri\":\"%s\","
           "\"capabilities\":{\"window\":{\"workDoneProgress\":true},\"textDocument\":{\"publishDiagnostics\":"
           "{\"relatedInformation\":true}}},\"initializationOptions\":{\"debounceMs\":0}}}",
           root_uri);
  frame(&framed, body.data, body.len);
  feed(s, &h, framed.data, framed.len);
  const char initialized[] = "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}";
  frame(&framed, initialized, strlen(initialized));
  print_load();
  double cpu0 = cpu_seconds();
  uint64_t t0 = bench_now_ns();
  feed(s, &h, framed.data, framed.len); /* walks the folders and queues the jobs, in line */
  uint64_t t_walk = bench_now_ns() - t0;

  /* open the first probe while indexing runs */
  bl_buf_reset(&body);
  bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"%s\","
                  "\"languageId\":\"plaintext\",\"version\":1,\"text\":",
           probes[0].uri);
  bench_json_string(&body, probes[0].text, probes[0].len);
  bl_buf_puts(&body, "}}}");
  frame(&framed, body.data, body.len);
  feed(s, &h, framed.data, framed.len);
  fire_timer(s, &h);

  /* hover positions in probe 0 */
  Pos hover_pos[256];
  size_t n_hover_pos = 0;
  for (size_t i = 0; i < probes[0].an.entities.items.len && n_hover_pos < 256; i++) {
    const BlEntity *e = &probes[0].an.entities.items.items[i];
    if (named(e)) hover_pos[n_hover_pos++] = position(probes[0].text, e->start + 1);
  }
  if (!n_hover_pos) hover_pos[n_hover_pos++] = (Pos){8, 1};

  /* indexing, with a hover arriving every ~2 ms */
  size_t cap_lat = 100000;
  uint64_t *hover_lat = calloc(cap_lat, sizeof *hover_lat), *done_ns = calloc(cap_lat, sizeof *done_ns);
  size_t n_lat = 0, n_done = 0;
  long long next_id = 100;
  uint64_t next_hover = bench_now_ns() + 2000000, republish_ns = 0;
  uint64_t deadline = bench_now_ns() + 300ull * 1000000000ull;
  while (!h.progress_end) {
    uint64_t t = bench_now_ns();
    if (t > deadline) {
      fprintf(stderr, "bench_corpus: indexing did not end within 300 s (%zu of %zu jobs done)\n", h.completed, h.queued);
      failures++;
      break;
    }
    run_completions(&h, next_hover > t ? next_hover - t : 0, done_ns, cap_lat, &n_done);
    if (h.timer_armed) { /* the republish when indexing ends */
      uint64_t a = bench_now_ns();
      fire_timer(s, &h);
      republish_ns = bench_now_ns() - a;
    }
    if (bench_now_ns() >= next_hover && n_lat < cap_lat) {
      uint64_t arrived = next_hover; /* it waited while the loop was busy */
      long long id = next_id++;
      request_at(&body, id, "textDocument/hover", probes[0].uri, hover_pos[rnd(n_hover_pos)], NULL);
      frame(&framed, body.data, body.len);
      feed(s, &h, framed.data, framed.len);
      if (h.last_id != id) failures++;
      else hover_lat[n_lat++] = h.last_response_at - arrived;
      next_hover = bench_now_ns() + 1000000 + rnd(2000000);
    }
  }
  uint64_t t_index = h.progress_end_at - t0;
  double cpu = cpu_seconds() - cpu0;
  fire_timer(s, &h);
  size_t hwm = status_kb("VmHWM"), rss = status_kb("VmRSS");
  double secs = (double)t_index / 1e9;
  printf("  index through the server (initialized -> $/progress end): %.2f s (%.1f MB/s); the walk and queueing, "
         "in line on the loop: %.0f ms; %zu jobs, %zu progress reports\n",
         secs, (double)files.bytes / 1e6 / secs, (double)t_walk / 1e6, h.queued, h.progress_reports);
  printf("  CPU time of indexing (workers + loop, hovers included): %.2f s; about %.2f s of wall time on %u idle cores\n",
         cpu, cpu / opt.threads, opt.threads);
  printf("  memory: peak RSS %.1f MB (%.2f bytes per corpus byte; %.2f above the %.1f MB at start); after "
         "indexing RSS %.1f MB\n",
         (double)hwm / 1e3, (double)hwm * 1024 / (double)files.bytes, (double)(hwm - rss0) * 1024 / (double)files.bytes,
         (double)rss0 / 1e3, (double)rss / 1e3);
  BenchStats during = bench_stats(hover_lat, n_lat);
  print_stats("hover while indexing (arrival -> response)", during, n_lat);
  print_stats("one job's completion on the loop (merge, CPU)", bench_stats(done_ns, n_done), n_done);
  printf("  %-46s %.1f ms (corpus rules on the open article)\n", "republish when indexing ends", (double)republish_ns / 1e6);
  printf("  target: index < 5 s on 2 cores: %s (%.2f s wall, %.2f s CPU / %u); memory < 3 B/B: %s (%.2f); hover during "
         "indexing < 10 ms: %s (p99 %.2f ms, max %.2f ms)\n",
         verdict(secs < 5.0), secs, cpu / opt.threads, opt.threads, verdict((double)hwm * 1024 / (double)files.bytes < 3.0),
         (double)hwm * 1024 / (double)files.bytes, verdict(during.p99 < 10000.0), during.p99 / 1e3, during.max / 1e3);

  /* open the other probes */
  for (size_t i = 1; i < N_PROBES; i++) {
    bl_buf_reset(&body);
    bl_buf_printf(&body,
             "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"%s\","
             "\"languageId\":\"plaintext\",\"version\":1,\"text\":",
             probes[i].uri);
    bench_json_string(&body, probes[i].text, probes[i].len);
    bl_buf_puts(&body, "}}}");
    frame(&framed, body.data, body.len);
    feed(s, &h, framed.data, framed.len);
    fire_timer(s, &h);
  }

  /* lookups after indexing */
  size_t nl = opt.lookups;
  uint64_t *lat = calloc(nl, sizeof *lat), *cpu_lat = calloc(nl, sizeof *cpu_lat);
  size_t *sizes = calloc(nl, sizeof *sizes);
  const char *methods[] = {"textDocument/hover", "textDocument/definition", "textDocument/definition (cites)",
                           "textDocument/references", "workspace/symbol"};
  BenchStats results[5];
  for (int m = 0; m < 5; m++) {
    size_t got = 0, bytes = 0, errors = 0;
    uint64_t budget = bench_now_ns() + 30ull * 1000000000ull; /* a slow method gets fewer samples, not hours */
    for (size_t i = 0; i < nl && (i < 50 || bench_now_ns() < budget); i++) {
      const Probe *p = &probes[rnd(N_PROBES)];
      long long id = next_id++;
      if (m == 4) {
        const BlEntity *e = NULL;
        for (int tries = 0; tries < 50 && !e; tries++) {
          const BlEntity *c = &p->an.entities.items.items[rnd(p->an.entities.items.len)];
          if (named(c)) e = c;
        }
        char q[128] = "harbr ledger";
        if (e) fuzzy_query(q, sizeof q, p->text + e->start, e->end - e->start < 100 ? e->end - e->start : 100, i % 3);
        bl_buf_reset(&body);
        bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"id\":%lld,\"method\":\"workspace/symbol\",\"params\":{\"query\":", id);
        bench_json_string(&body, q, strlen(q));
        bl_buf_puts(&body, "}}");
      } else if (m == 2) {
        for (int tries = 0; tries < 50 && !p->doc->cites.len; tries++) p = &probes[rnd(N_PROBES)];
        if (!p->doc->cites.len) continue;
        const BlCorpusCite *c = &p->doc->cites.items[rnd(p->doc->cites.len)];
        request_at(&body, id, "textDocument/definition", p->uri, position(p->text, c->start + 1), NULL);
      } else {
        const BlEntity *e = NULL;
        for (int tries = 0; tries < 50 && !e; tries++) {
          const BlEntity *c = &p->an.entities.items.items[rnd(p->an.entities.items.len)];
          if (m == 0 || named(c)) e = c;
        }
        Pos at = e ? position(p->text, e->start + 1) : (Pos){8, 1};
        const char *method = m == 3 ? "textDocument/references" : m == 1 ? "textDocument/definition" : "textDocument/hover";
        request_at(&body, id, method, p->uri, at, m == 3 ? ",\"context\":{\"includeDeclaration\":true}" : NULL);
      }
      frame(&framed, body.data, body.len);
      uint64_t c = thread_cpu_ns(), a = bench_now_ns();
      bl_server_feed(s, framed.data, framed.len);
      cpu_lat[got] = thread_cpu_ns() - c;
      if (h.last_id != id) {
        failures++;
        continue;
      }
      lat[got] = h.last_response_at - a;
      sizes[got++] = h.last_response_len;
      bytes += h.last_response_len;
      errors += h.last_response_error;
    }
    results[m] = bench_stats(lat, got);
    print_stats(methods[m], results[m], got);
    BenchStats cs = bench_stats(cpu_lat, got);
    printf("  %-46s p50 %9.1f us  p99 %9.1f us  (thread CPU time of the whole request)\n", "", cs.p50, cs.p99);
    printf("  %-46s responses %.0f bytes on average%s\n", "", got ? (double)bytes / (double)got : 0.0,
           errors ? " (some were errors)" : "");
  }
  bool all = true;
  for (int m = 0; m < 5; m++) all = all && results[m].p99 < 1000.0;
  printf("  target: hover, definition, references, workspace/symbol p99 < 1 ms: %s (", verdict(all));
  for (int m = 0; m < 5; m++) printf("%s%s %.2f ms", m ? ", " : "", methods[m], results[m].p99 / 1e3);
  printf(")\n");

  /* one file changed on disk: didChangeWatchedFiles -> its job -> merge -> republish */
  uint64_t *chg = calloc(50, sizeof *chg), *rep = calloc(50, sizeof *rep);
  size_t n_chg = 0;
  for (size_t i = 0; i < 50; i++) {
    const char *path = files.paths.items[rnd(n)];
    bool open = false;
    for (size_t k = 0; k < N_PROBES; k++) open = open || strcmp(probes[k].path, path) == 0;
    if (open) continue;
    size_t len;
    char *text = read_all(path, &len);
    if (!text) continue;
    BlBuf changed = {0};
    bl_buf_append(&changed, text, len);
    bl_buf_puts(&changed, "\nThe board will meet again on Thursday, the authority said.\n");
    write_all(path, changed.data, changed.len);
    free(changed.data);
    char *uri = file_uri(path);
    bl_buf_reset(&body);
    bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"method\":\"workspace/didChangeWatchedFiles\",\"params\":{\"changes\":"
                    "[{\"uri\":\"%s\",\"type\":2}]}}",
             uri);
    free(uri);
    frame(&framed, body.data, body.len);
    size_t before = h.completed;
    uint64_t a = bench_now_ns();
    feed(s, &h, framed.data, framed.len);
    while (h.completed == before && bench_now_ns() - a < 10000000000ull) run_completions(&h, 1000000, NULL, 0, NULL);
    uint64_t b = bench_now_ns();
    fire_timer(s, &h);
    chg[n_chg] = b - a;
    rep[n_chg++] = bench_now_ns() - b;
    write_all(path, text, len); /* put it back */
    free(text);
  }
  print_stats("one file changed: notification -> merged", bench_stats(chg, n_chg), n_chg);
  print_stats("  then the republish of the 20 open articles", bench_stats(rep, n_chg), n_chg);

  const char shutdown_msg[] = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}";
  frame(&framed, shutdown_msg, strlen(shutdown_msg));
  feed(s, &h, framed.data, framed.len);
  pthread_mutex_lock(&h.lock);
  h.quit = true;
  pthread_cond_broadcast(&h.work_ready);
  pthread_mutex_unlock(&h.lock);
  for (unsigned i = 0; i < started; i++) pthread_join(th[i], NULL);
  run_completions(&h, 0, NULL, 0, NULL);
  bl_server_free(s);
  for (size_t i = 0; i < N_PROBES; i++) {
    free(probes[i].uri);
    free(probes[i].text);
    bl_analysis_free(&probes[i].an);
    bl_corpus_doc_delete(probes[i].doc);
  }
  free(root_uri);
  free(body.data);
  free(framed.data);
  free(hover_lat);
  free(done_ns);
  free(lat);
  free(cpu_lat);
  free(sizes);
  free(chg);
  free(rep);
  free(h.to_answer.items);
  for (size_t i = 0; i < files.paths.len; i++) free(files.paths.items[i]);
  free(files.paths.items);
  if (failures) fprintf(stderr, "bench_corpus: %d requests were not answered as expected\n", failures);
  return failures ? 1 : 0;
}

/* ---------------------------------------------------------------- main */

static int run_child(int (*fn)(const char *), const char *dir)
{
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) die("fork: %s", strerror(errno));
  if (pid == 0) {
    int rc = fn(dir);
    fflush(stdout);
    _exit(rc);
  }
  int status;
  if (waitpid(pid, &status, 0) < 0) die("waitpid: %s", strerror(errno));
  if (WIFSIGNALED(status)) {
    fprintf(stderr, "bench_corpus: a phase died of signal %d\n", WTERMSIG(status));
    return 3;
  }
  return WEXITSTATUS(status);
}

static int generate_child(const char *dir)
{
  generate(dir);
  return 0;
}

static int remove_tree(const char *path)
{
  DIR *d = opendir(path);
  if (!d) return unlink(path);
  struct dirent *e;
  char sub[4096];
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
    struct stat st;
    if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)) remove_tree(sub);
    else unlink(sub);
  }
  closedir(d);
  return rmdir(path);
}

int main(int argc, char **argv)
{
  setvbuf(stdout, NULL, _IOLBF, 0); /* figures appear as they are measured */
  for (int i = 1; i < argc; i += 2) { /* every option takes a value */
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!v) die("option %s needs a value (see the comment at the top of bench_corpus.c)", a);
    if (strcmp(a, "--texts") == 0) opt.texts = v;
    else if (strcmp(a, "--fallback") == 0) opt.fallback = v;
    else if (strcmp(a, "--work-dir") == 0) opt.work_dir = v;
    else if (strcmp(a, "--phase") == 0) opt.phase = v;
    else if (strcmp(a, "--articles") == 0) opt.articles = strtoull(v, NULL, 10);
    else if (strcmp(a, "--bytes") == 0) opt.bytes = strtoull(v, NULL, 10);
    else if (strcmp(a, "--lookups") == 0) opt.lookups = strtoull(v, NULL, 10);
    else if (strcmp(a, "--threads") == 0) opt.threads = (unsigned)strtoul(v, NULL, 10);
    else die("unknown option %s", a);
  }
  if (!opt.articles || !opt.bytes || !opt.lookups || !opt.threads) die("counts must be positive");
  if (opt.texts) {
    struct stat st;
    if (stat(opt.texts, &st) != 0) opt.texts = NULL; /* the shared eval data is optional */
  }

  char dir[4096];
  bool temporary = !opt.work_dir;
  if (temporary) {
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/bench-corpus-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) die("mkdtemp: %s", strerror(errno));
  } else {
    snprintf(dir, sizeof dir, "%s", opt.work_dir);
    mkdir(dir, 0755);
  }
  /* a cached corpus is reused when it was made with the same counts and sources */
  char stamp[4200], want[1024];
  snprintf(stamp, sizeof stamp, "%.4000s/.bench-corpus-stamp", dir);
  snprintf(want, sizeof want, "v1 %zu %zu %s %s\n", opt.articles, opt.bytes, opt.texts ? opt.texts : "-",
           opt.fallback ? opt.fallback : "-");
  size_t have_len = 0;
  char *have = read_all(stamp, &have_len);
  int rc = 0;
  if (!have || strcmp(have, want) != 0) {
    char data[4096];
    snprintf(data, sizeof data, "%s", dir);
    unlink(stamp);
    rc = run_child(generate_child, data);
    if (rc) die("generating the articles failed");
    write_all(stamp, want, strlen(want));
  } else {
    fprintf(stderr, "bench_corpus: reusing the articles in %s\n", dir);
  }
  free(have);

  printf("bench_corpus: %zu articles, %u threads; figures in us unless marked; targets from product.md / issue 6\n",
         opt.articles, opt.threads);
  if (strcmp(opt.phase, "all") == 0 || strcmp(opt.phase, "api") == 0) rc |= run_child(phase_api, dir);
  if (strcmp(opt.phase, "all") == 0 || strcmp(opt.phase, "server") == 0) rc |= run_child(phase_server, dir);
  if (temporary) remove_tree(dir);
  return rc;
}
