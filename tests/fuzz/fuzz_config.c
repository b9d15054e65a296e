/* fuzz_config.c: the configuration parser (bl_config_parse, server/config/config.c) on any
 * bytes, as if read from a .byline.json.
 *
 * Checked: every rule severity stays a BlSeverity or off; every problem is one line of valid
 * UTF-8-or-not text that starts with "PATH:LINE: " (editors and CI print it as a location);
 * gazetteer and corpus paths are absolute (made so against the file's folder); inlayHints is
 * -1, 0 or 1; bl_config_free leaves nothing behind (LeakSanitizer). */
#include "fuzz.h"

#include "config/config.h"

static const char fuzz__path[] = "/fuzz/project/.byline.json";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  BlConfig cfg;
  bl_config_parse(&cfg, fuzz__path, (const char *)data, size);
  for (size_t i = 0; i < BL_MAX_RULES; i++)
    FUZZ_CHECK(cfg.rules.severity[i] >= BL_RULE_OFF && cfg.rules.severity[i] <= BL_SEV_HINT, "rule %zu severity %d", i,
               cfg.rules.severity[i]);
  FUZZ_CHECK(cfg.inlay_hints >= -1 && cfg.inlay_hints <= 1, "inlayHints %d", cfg.inlay_hints);
  for (size_t i = 0; i < cfg.problems.len; i++) {
    const char *p = cfg.problems.items[i];
    size_t n = strlen(fuzz__path);
    FUZZ_CHECK(strncmp(p, fuzz__path, n) == 0 && p[n] == ':', "problem without the file's path: %s", p);
    const char *q = p + n + 1;
    FUZZ_CHECK(*q >= '1' && *q <= '9', "problem without a line number: %s", p);
    while (*q >= '0' && *q <= '9') q++;
    FUZZ_CHECK(q[0] == ':' && q[1] == ' ', "problem without \"LINE: \": %s", p);
    FUZZ_CHECK(!strchr(p, '\n'), "a problem spans lines: %s", p);
    long line = strtol(p + n + 1, NULL, 10);
    size_t lines = 1;
    for (size_t k = 0; k < size; k++) lines += data[k] == '\n';
    FUZZ_CHECK(line >= 1 && (size_t)line <= lines, "problem names line %ld of a %zu-line file", line, lines);
  }
  for (size_t i = 0; i < cfg.gazetteers.len; i++) FUZZ_CHECK(cfg.gazetteers.items[i][0] == '/', "relative gazetteer path");
  for (size_t i = 0; i < cfg.corpus_roots.len; i++) FUZZ_CHECK(cfg.corpus_roots.items[i][0] == '/', "relative corpus root");
  bl_config_free(&cfg);
  return 0;
}
