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

#include "../analysis/analyze.h"
#include "../config/config.h"
#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/utf8.h"
#include "../base/file.h"
#include "report.h"
#include "walk.h"

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
    "  --corpus DIR      the corpus of source articles (default: the PATHs themselves)\n"
    "\n"
    "Each file is linted with the nearest .byline.json in its folder or above (docs/configuration.md).\n"
    "  -h, --help        this text\n"
    "\n"
    "exit status: 0 no finding at --fail-on or above, 1 such findings, 2 usage or I/O error\n";

/* git's rule, made stricter so a text file with a stray NUL is still linted (and its NUL
 * reported): binary means a NUL in the first 8000 bytes and many bytes that are not text. */
static bool bl_lint__is_binary(const char *text, size_t len)
{
  size_t n = len < 8000 ? len : 8000;
  if (!memchr(text, 0, n)) return false;
  size_t odd = 0;
  const uint8_t *s = (const uint8_t *)text;
  for (size_t i = 0; i < n;) {
    int32_t cp;
    size_t k = bl_utf8_decode(s + i, n - i, &cp);
    if (cp == BL_UTF8_INVALID || (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t' && cp != '\f')) odd++;
    i += k;
  }
  return odd * 10 > n;
}

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

static void bl_lint__problem(void *data, const char *path, const char *message, bool is_error)
{
  BlLintRun *run = data;
  if (is_error) {
    fprintf(stderr, "%s: %s\n", path, message);
    run->io_error = true;
  } else {
    fprintf(stderr, "%s: warning: %s\n", path, message);
  }
}

static void bl_lint__file(void *data, const char *path)
{
  BlLintRun *run = data;
  BlBuf text;
  bl_buf_init(&text, 0);
  int err = bl_read_file(path, &text);
  const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
  if (err) {
    fprintf(stderr, "%s: %s\n", shown, strerror(err));
    run->io_error = true;
  } else if (text.len >= 2 && ((uint8_t)text.data[0] == 0xFF || (uint8_t)text.data[0] == 0xFE) &&
             (uint8_t)text.data[1] == ((uint8_t)text.data[0] ^ 0x01)) {
    fprintf(stderr, "%s:1: warning: skipped: UTF-16 text (byline reads UTF-8; convert it with iconv)\n", shown);
  } else if (bl_lint__is_binary(text.data, text.len)) {
    fprintf(stderr, "%s:1: warning: skipped: binary file\n", shown);
  } else {
    const BlConfig *cfg = bl_lint__config(run, strcmp(path, "-") == 0 ? "./<stdin>" : path);
    BlFindings findings = {0};
    bl_analyze(text.data ? text.data : "", text.len, &cfg->rules, &findings);
    bl_report_file(run->report, shown, text.data ? text.data : "", text.len, &findings);
    for (size_t i = 0; i < findings.items.len; i++) {
      BlSeverity sev = findings.items.items[i].severity;
      run->by_severity[sev]++;
      if (sev <= run->fail_on) run->failing++;
    }
    run->findings += findings.items.len;
    run->files++;
    bl_findings_free(&findings);
  }
  bl_buf_free(&text);
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
    static const char *const with_value[] = {"--format", "--fail-on", "--corpus"};
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
    if (opt == 2) {
      struct stat st;
      if (stat(value, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "byline lint: --corpus %s: %s\n", value, stat(value, &st) != 0 ? strerror(errno) : "not a folder");
        rc = 2;
        goto done;
      }
    }
  }
  if (paths.len == 0) bl_vec_push(&paths, ".");

  run.report = bl_report_new(format, stdout);
  BlWalkVisitor visitor = {&run, bl_lint__file, bl_lint__problem};
  for (size_t i = 0; i < paths.len; i++) {
    if (strcmp(paths.items[i], "-") == 0)
      bl_lint__file(&run, "-");
    else
      bl_walk(paths.items[i], &visitor);
  }
  bl_report_finish(run.report);
  if (format == BL_FORMAT_TEXT) { /* a summary for people; stdout stays one line per finding */
    fprintf(stderr, "%zu file%s, %zu finding%s (%zu error, %zu warning, %zu information, %zu hint)\n",
            run.files, run.files == 1 ? "" : "s", run.findings, run.findings == 1 ? "" : "s",
            run.by_severity[BL_SEV_ERROR], run.by_severity[BL_SEV_WARNING],
            run.by_severity[BL_SEV_INFORMATION], run.by_severity[BL_SEV_HINT]);
  }
  rc = run.io_error ? 2 : run.failing ? 1 : 0;
done:
  bl_vec_free(&paths);
  bl_vec_free(&run.reported);
  bl_config_cache_free(&run.configs);
  return rc;
}
