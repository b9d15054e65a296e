/* lint.c: the `byline lint` command: options, reading files, running the analysis, reporting.
 * A file that cannot be read, or is binary, is reported on stderr and the run goes on; the exit
 * code still says so (2 for an unreadable path, binary files are only a warning). */
#include "lint.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "../analysis/analyze.h"
#include "../base/uri.h"
#include "../corpus/check.h"
#include "../corpus/corpus.h"
#include "../config/config.h"
#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/utf8.h"
#include "../base/file.h"
#include "report.h"
#include "../base/walk.h"

typedef struct {
  BlReport *report;
  BlConfigCache configs;
  BlVec(const BlConfig *) reported; /* configurations whose problems were printed */
  BlSeverity fail_on;
  bool io_error;
  size_t files, findings, failing;
  size_t by_severity[5];
} BlLintRun;

static const char bl_lint__usage[] =
    "usage: byline lint [options] [PATH ...]\n"
    "\n"
    "Lints articles (*.txt, *.md; folders are searched recursively; - reads stdin).\n"
    "With no PATH, lints the current folder.\n"
    "\n"
    "options:\n"
    "  --format FORMAT   text (default), json (JSON Lines), sarif (SARIF 2.1.0), github\n"
    "  --fail-on LEVEL   exit 1 when a finding is at least this severe:\n"
    "                    error, warning (default), information, hint\n"
    "  --corpus DIR      more source articles to check against (the PATHs are always in the corpus)\n"
    "  --jobs N          analyze on N threads (default: the number of cores)\n"
    "\n"
    "Each file is linted with the nearest .byline.json in its folder or above (docs/configuration.md).\n"
    "  -h, --help        this text\n"
    "\n"
    "exit status: 0 no finding at --fail-on or above, 1 such findings, 2 usage or I/O error\n";

/* The configuration for a file; its problems are printed the first time it is used, and make
 * the run's exit status 2 (a usage error), though linting goes on with what could be read. */
static const BlConfig *bl_lint__config(BlLintRun *run, const char *path)
{
  const BlConfig *cfg = bl_config_for(&run->configs, path);
  for (size_t i = 0; i < run->reported.len; i++)
    if (run->reported.items[i] == cfg) return cfg;
  bl_vec_push(&run->reported, cfg);
  for (size_t i = 0; i < cfg->problems.len; i++) {
    fprintf(stderr, "%s\n", cfg->problems.items[i]);
    run->io_error = true;
  }
  return cfg;
}

/* One input of the run: a file to lint, or a corpus-only file (--corpus). Phase 1 (any thread)
 * fills the results; phase 2 (the main thread) indexes, checks against the corpus and reports. */
typedef struct {
  char *path;
  bool lint;
  const BlConfig *cfg;
  BlBuf stdin_text; /* "-" is read up front, on the main thread */
  /* results of phase 1 */
  char *note;       /* a line for stderr (skipped file, read error), or NULL */
  bool error;       /* the note is an I/O error */
  BlCorpusDoc *doc; /* NULL when skipped */
  BlFindings findings;
  BlSuppressions suppressions;
} BlLintItem;

static char *bl_lint__note(const char *fmt, const char *path, const char *what)
{
  BlBuf b;
  bl_buf_init(&b, 0);
  bl_buf_printf(&b, fmt, path, what);
  return bl_buf_take(&b, NULL);
}

static void bl_lint__analyze(BlLintItem *it)
{
  const char *shown = strcmp(it->path, "-") == 0 ? "<stdin>" : it->path;
  BlBuf text;
  bl_buf_init(&text, 0);
  int err = 0;
  if (strcmp(it->path, "-") == 0) {
    text = it->stdin_text;
    bl_buf_init(&it->stdin_text, 0);
  } else {
    err = bl_read_file(it->path, &text);
  }
  if (err) {
    it->note = bl_lint__note("%s: %s", shown, strerror(err));
    it->error = true;
  } else if (bl_looks_utf16(text.data, text.len)) {
    it->note = bl_lint__note("%s:1: warning: skipped: %s", shown, "UTF-16 text (byline reads UTF-8; convert it with iconv)");
  } else if (bl_looks_binary(text.data, text.len)) {
    it->note = bl_lint__note("%s:1: warning: skipped: %s", shown, "binary file");
  } else {
    BlAnalysis an;
    BlAnalysisOptions opts = bl_config_options(it->cfg); /* its rules and its gazetteers */
    bl_analysis_run_with(&an, text.data ? text.data : "", text.len, &opts);
    BlBuf uri;
    bl_buf_init(&uri, 0);
    if (strcmp(it->path, "-") == 0) bl_buf_puts(&uri, "untitled:stdin");
    else bl_uri_append_file_url(&uri, it->path);
    it->doc = bl_corpus_doc_new(&an, uri.data, strcmp(it->path, "-") == 0 ? NULL : it->path);
    bl_buf_free(&uri);
    it->findings = an.findings; /* moved out of the analysis */
    an.findings = (BlFindings){0};
    it->suppressions = an.suppressions;
    an.suppressions = (BlSuppressions){0};
    bl_analysis_free(&an);
  }
  bl_buf_free(&text);
}

typedef BlVec(BlLintItem) BlLintItems;

typedef struct {
  BlLintItem *items;
  size_t count;
  atomic_size_t next;
} BlLintQueue;

static void *bl_lint__worker(void *data)
{
  BlLintQueue *q = data;
  for (size_t i; (i = atomic_fetch_add(&q->next, 1)) < q->count;) bl_lint__analyze(&q->items[i]);
  return NULL;
}

/* Phase 1 on `jobs` threads (the calling thread is one of them). */
static void bl_lint__analyze_all(BlLintItem *items, size_t count, unsigned jobs)
{
  BlLintQueue q = {items, count, 0};
  if (jobs > count) jobs = (unsigned)(count ? count : 1);
  pthread_t threads[64];
  unsigned started = 0;
  for (unsigned j = 1; j < jobs && j < 64; j++)
    if (pthread_create(&threads[started], NULL, bl_lint__worker, &q) == 0) started++;
  bl_lint__worker(&q);
  for (unsigned j = 0; j < started; j++) pthread_join(threads[j], NULL);
}

typedef struct {
  BlLintRun *run;
  BlLintItems *items;
  bool lint;
} BlLintCollect;

/* A path the walk could not use. `data` is the walk's BlLintCollect. */
static void bl_lint__problem(void *data, const char *path, const char *message, bool is_error)
{
  BlLintRun *run = ((BlLintCollect *)data)->run;
  if (is_error) {
    fprintf(stderr, "%s: %s\n", path, message);
    run->io_error = true;
  } else {
    fprintf(stderr, "%s: warning: %s\n", path, message);
  }
}

static void bl_lint__collect(void *data, const char *path)
{
  BlLintCollect *c = data;
  if (strcmp(path, "-") != 0) { /* the .byline.json that governs a file may leave it out (corpus.ignore) */
    const BlConfig *cfg = bl_config_for(&c->run->configs, path);
    if (cfg->path && bl_config_ignores(cfg, cfg->dir, path)) return;
  }
  BlLintItem it = {0};
  it.path = bl_strdup(path);
  it.lint = c->lint;
  it.cfg = bl_lint__config(c->run, strcmp(path, "-") == 0 ? "./<stdin>" : path);
  bl_buf_init(&it.stdin_text, 0);
  if (strcmp(path, "-") == 0) {
    int err = bl_read_file("-", &it.stdin_text);
    if (err) {
      it.note = bl_lint__note("%s: %s", "<stdin>", strerror(err));
      it.error = true;
    }
  }
  bl_vec_push(c->items, it);
}

/* A file's identity, for finding one file reached by two paths. */
typedef struct {
  dev_t dev;
  ino_t ino;
  size_t index; /* into the run's items */
} BlLintFileId;

static int bl_lint__cmp_ids(const void *pa, const void *pb)
{
  const BlLintFileId *a = pa, *b = pb;
  if (a->dev != b->dev) return a->dev < b->dev ? -1 : 1;
  if (a->ino != b->ino) return a->ino < b->ino ? -1 : 1;
  return a->index < b->index ? -1 : a->index > b->index;
}

/* Drops the corpus-only items (index >= linted) that name a file an earlier item names too (a
 * file both linted and in the corpus, or in two roots, is analyzed once). One stat per item and
 * a sort: a corpus of 100,000 files costs no more than its walk. Order is kept. */
static void bl_lint__drop_duplicates(BlLintItems *items, size_t linted)
{
  BlLintFileId *ids = bl_malloc((items->len ? items->len : 1) * sizeof *ids);
  size_t n = 0;
  for (size_t i = 0; i < items->len; i++) {
    struct stat st;
    if (strcmp(items->items[i].path, "-") != 0 && stat(items->items[i].path, &st) == 0)
      ids[n++] = (BlLintFileId){st.st_dev, st.st_ino, i};
  }
  if (n > 1) qsort(ids, n, sizeof *ids, bl_lint__cmp_ids);
  bool *dup = bl_calloc(items->len ? items->len : 1, sizeof *dup);
  for (size_t k = 1; k < n; k++)
    if (ids[k].dev == ids[k - 1].dev && ids[k].ino == ids[k - 1].ino && ids[k].index >= linted)
      dup[ids[k].index] = true; /* the group's first (lowest) index is kept */
  size_t w = linted;
  for (size_t i = linted; i < items->len; i++) {
    if (dup[i]) {
      bl_free(items->items[i].path);
      bl_buf_free(&items->items[i].stdin_text);
    } else {
      items->items[w++] = items->items[i];
    }
  }
  items->len = w;
  bl_free(dup);
  bl_free(ids);
}

static int bl_lint__usage_error(const char *fmt, const char *arg)
{
  fputs("byline lint: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs(" (see byline lint --help)\n", stderr);
  return 2;
}

int bl_cli_lint(int argc, char **argv)
{
  BlLintRun run = {0};
  BlFormat format = BL_FORMAT_TEXT;
  run.fail_on = BL_SEV_WARNING;
  bl_config_cache_init(&run.configs);
  BlVec(const char *) paths = {0};
  bool only_paths = false;
  const char *corpus_dir = NULL;
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  unsigned jobs = cores > 0 ? (cores > 64 ? 64u : (unsigned)cores) : 1u;
  int rc = 0;

  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    const char *value = NULL;
    if (only_paths || a[0] != '-' || strcmp(a, "-") == 0) {
      bl_vec_push(&paths, a);
      continue;
    }
    if (strcmp(a, "--") == 0) {
      only_paths = true;
      continue;
    }
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(bl_lint__usage, stdout);
      goto done;
    }
    /* options that take a value: "--opt value" or "--opt=value" */
    static const char *const with_value[] = {"--format", "--fail-on", "--corpus", "--jobs"};
    size_t opt = 0, nopt = sizeof with_value / sizeof with_value[0];
    for (; opt < nopt; opt++) {
      size_t n = strlen(with_value[opt]);
      if (strncmp(a, with_value[opt], n) == 0 && (a[n] == '\0' || a[n] == '=')) {
        value = a[n] == '=' ? a + n + 1 : (i + 1 < argc ? argv[++i] : NULL);
        break;
      }
    }
    if (opt == nopt) {
      rc = bl_lint__usage_error("unknown option '%s'", a);
      goto done;
    }
    if (!value) {
      rc = bl_lint__usage_error("option '%s' needs a value", with_value[opt]);
      goto done;
    }
    if (opt == 0 && bl_format_parse(value, &format) != 0) {
      rc = bl_lint__usage_error("unknown format '%s': use text, json, sarif or github", value);
      goto done;
    }
    if (opt == 1 && bl_severity_parse(value, &run.fail_on) != 0) {
      rc = bl_lint__usage_error("unknown severity '%s': use error, warning, information or hint", value);
      goto done;
    }
    if (opt == 3) {
      char *end;
      long n = strtol(value, &end, 10);
      if (*end || n < 1 || n > 64) {
        rc = bl_lint__usage_error("--jobs takes a number from 1 to 64, not '%s'", value);
        goto done;
      }
      jobs = (unsigned)n;
    }
    if (opt == 2) {
      corpus_dir = value;
      struct stat st;
      if (stat(value, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "byline lint: --corpus %s: %s\n", value, stat(value, &st) != 0 ? strerror(errno) : "not a folder");
        rc = 2;
        goto done;
      }
    }
  }
  if (paths.len == 0) bl_vec_push(&paths, ".");

  /* phase 0: the inputs, in command-line and then name order */
  BlLintItems items = {0};
  BlLintCollect lint_collect = {&run, &items, true}, corpus_collect = {&run, &items, false};
  BlWalkVisitor visitor = {&lint_collect, bl_lint__collect, bl_lint__problem};
  for (size_t i = 0; i < paths.len; i++) {
    if (strcmp(paths.items[i], "-") == 0)
      bl_lint__collect(&lint_collect, "-");
    else
      bl_walk(paths.items[i], &visitor);
  }
  size_t linted = items.len;
  /* the corpus: --corpus, and the corpus.roots of the linted files' .byline.json (run.reported
   * holds each of their configurations once, in the order the files first used them) */
  BlVec(const char *) roots = {0};
  if (corpus_dir) bl_vec_push(&roots, corpus_dir);
  for (size_t i = 0, n = run.reported.len; i < n; i++) {
    const BlConfig *cfg = run.reported.items[i];
    for (size_t r = 0; r < cfg->corpus_roots.len; r++) bl_vec_push(&roots, cfg->corpus_roots.items[r]);
  }
  for (size_t r = 0; r < roots.len; r++) {
    BlWalkVisitor cv = {&corpus_collect, bl_lint__collect, bl_lint__problem};
    bl_walk(roots.items[r], &cv);
  }
  bl_vec_free(&roots);
  if (items.len > linted) bl_lint__drop_duplicates(&items, linted);

  /* phase 1: analyze every input */
  bl_lint__analyze_all(items.items, items.len, jobs);

  /* phase 2: index, then check each linted file against the corpus and report, in order */
  BlCorpus *corpus = bl_corpus_new();
  for (size_t i = 0; i < items.len; i++)
    if (items.items[i].doc) bl_corpus_put(corpus, items.items[i].doc);
  run.report = bl_report_new(format, stdout);
  for (size_t i = 0; i < items.len; i++) {
    BlLintItem *it = &items.items[i];
    if (it->note) fprintf(stderr, "%s\n", it->note);
    if (it->error) run.io_error = true;
    if (!it->lint || !it->doc) continue;
    bl_corpus_check(corpus, it->doc, &it->suppressions, &it->cfg->rules, &it->findings);
    const char *shown = strcmp(it->path, "-") == 0 ? "<stdin>" : it->path;
    bl_report_file(run.report, shown, it->doc->text, it->doc->len, &it->findings);
    for (size_t k = 0; k < it->findings.items.len; k++) {
      BlSeverity sev = it->findings.items.items[k].severity;
      run.by_severity[sev]++;
      if (sev <= run.fail_on) run.failing++;
    }
    run.findings += it->findings.items.len;
    run.files++;
  }
  bl_report_finish(run.report);
  if (format == BL_FORMAT_TEXT) { /* a summary for people; stdout stays one line per finding */
    fprintf(stderr, "%zu file%s, %zu finding%s (%zu error, %zu warning, %zu information, %zu hint)%s\n",
            run.files, run.files == 1 ? "" : "s", run.findings, run.findings == 1 ? "" : "s",
            run.by_severity[BL_SEV_ERROR], run.by_severity[BL_SEV_WARNING],
            run.by_severity[BL_SEV_INFORMATION], run.by_severity[BL_SEV_HINT],
            bl_corpus_count(corpus) > run.files ? " against a corpus of more articles" : "");
  }
  for (size_t i = 0; i < items.len; i++) {
    BlLintItem *it = &items.items[i];
    bl_free(it->path);
    bl_free(it->note);
    bl_buf_free(&it->stdin_text);
    bl_findings_free(&it->findings);
    bl_suppressions_free(&it->suppressions);
  }
  bl_vec_free(&items);
  bl_corpus_free(corpus);
  rc = run.io_error ? 2 : run.failing ? 1 : 0;
done:
  bl_vec_free(&paths);
  bl_vec_free(&run.reported);
  bl_config_cache_free(&run.configs);
  return rc;
}
