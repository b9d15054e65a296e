/* config.c: reading .byline.json (see config.h). */
#include "config.h"

#include <cjson/cJSON.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/file.h"
#include "../base/utf8.h"

#define BL_CONFIG_NAME ".byline.json"

static void bl_strings_free(BlStrings *v)
{
  for (size_t i = 0; i < v->len; i++) bl_free(v->items[i]);
  bl_vec_free(v);
}

void bl_config_defaults(BlConfig *self)
{
  memset(self, 0, sizeof *self);
  self->dir = bl_strdup("");
  bl_rule_settings_default(&self->rules);
  self->inlay_hints = -1;
}

void bl_config_free(BlConfig *self)
{
  bl_free(self->path);
  bl_free(self->dir);
  bl_lexicon_release(self->lexicon);
  bl_strings_free(&self->gazetteers);
  bl_vec_free(&self->gazetteer_lines);
  bl_strings_free(&self->corpus_roots);
  bl_strings_free(&self->ignores);
  bl_strings_free(&self->problems);
  memset(self, 0, sizeof *self);
}

/* Line (1-based) of byte `offset` in text. */
static size_t bl_config__line(const char *text, size_t len, size_t offset)
{
  size_t line = 1;
  for (size_t i = 0; i < offset && i < len; i++) line += text[i] == '\n';
  return line;
}

/* Line of the first occurrence of "key" (with its quotes) in the text, else 1. */
static size_t bl_config__key_line(const char *text, size_t len, const char *key)
{
  BlBuf q;
  bl_buf_init(&q, 0);
  bl_buf_printf(&q, "\"%s\"", key);
  size_t line = 1;
  for (size_t i = 0; i + q.len <= len; i++) {
    if (memcmp(text + i, q.data, q.len) == 0) {
      line = bl_config__line(text, len, i);
      break;
    }
  }
  bl_buf_free(&q);
  return line;
}

static void bl_config__vproblem(BlConfig *self, const char *path, size_t line, const char *fmt, va_list ap)
{
  BlBuf b;
  bl_buf_init(&b, 0);
  bl_buf_printf(&b, "%s:%zu: ", path ? path : "<config>", line);
  bl_buf_vprintf(&b, fmt, ap);
  /* one line each, and valid UTF-8: names from the file may hold anything */
  for (size_t i = 0; i < b.len; i++)
    if ((unsigned char)b.data[i] < 0x20) b.data[i] = ' ';
  char *clean = bl_utf8_sanitize(b.data, b.len);
  bl_buf_free(&b);
  bl_vec_push(&self->problems, clean);
}

static void bl_config__problem(BlConfig *self, size_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void bl_config__problem(BlConfig *self, size_t line, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  bl_config__vproblem(self, self->path, line, fmt, ap);
  va_end(ap);
}

/* A problem at a line of another file (a gazetteer). */
static void bl_config__problem_in(BlConfig *self, const char *path, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void bl_config__problem_in(BlConfig *self, const char *path, size_t line, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  bl_config__vproblem(self, path, line, fmt, ap);
  va_end(ap);
}

static char *bl_config__abs(const BlConfig *self, const char *p)
{
  BlBuf b;
  bl_buf_init(&b, 0);
  if (p[0] != '/' && self->dir[0]) {
    bl_buf_puts(&b, self->dir);
    bl_buf_putc(&b, '/');
  }
  bl_buf_puts(&b, p);
  char real[PATH_MAX]; /* "../archive" as a plain path, so its files get clean URIs */
  if (realpath(b.data, real)) {
    bl_buf_reset(&b);
    bl_buf_puts(&b, real);
  }
  return bl_buf_take(&b, NULL);
}

/* Reads an array of strings into out; with `lines`, also the line of each (where its quoted text
 * first appears, else the key's). */
static void bl_config__strings(BlConfig *self, const cJSON *arr, const char *key, BlStrings *out, bool paths,
                               const char *text, size_t len, BlConfigLines *lines)
{
  if (!arr) return;
  if (!cJSON_IsArray(arr)) {
    bl_config__problem(self, bl_config__key_line(text, len, key), "\"%s\" must be an array of strings", key);
    return;
  }
  const cJSON *it;
  cJSON_ArrayForEach(it, arr)
  {
    if (!cJSON_IsString(it)) {
      bl_config__problem(self, bl_config__key_line(text, len, key), "\"%s\" must hold only strings", key);
      continue;
    }
    bl_vec_push(out, paths ? bl_config__abs(self, it->valuestring) : bl_strdup(it->valuestring));
    if (lines) {
      size_t line = bl_config__key_line(text, len, it->valuestring);
      if (line == 1) line = bl_config__key_line(text, len, key);
      bl_vec_push(lines, line);
    }
  }
}

void bl_config_parse(BlConfig *self, const char *path, const char *text, size_t len)
{
  bl_config_defaults(self);
  self->path = bl_strdup(path);
  const char *slash = strrchr(path, '/');
  bl_free(self->dir);
  self->dir = slash ? bl_strndup(path, (size_t)(slash - path)) : bl_strdup(".");
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
  if (!root) {
    size_t at = end ? (size_t)(end - text) : 0;
    bl_config__problem(self, bl_config__line(text, len, at), "not valid JSON (near byte %zu); using the defaults", at);
    return;
  }
  if (!cJSON_IsObject(root)) {
    bl_config__problem(self, 1, "the configuration must be a JSON object; using the defaults");
    cJSON_Delete(root);
    return;
  }
  const cJSON *item;
  cJSON_ArrayForEach(item, root)
  {
    const char *key = item->string;
    if (strcmp(key, "rules") == 0) {
      if (!cJSON_IsObject(item)) {
        bl_config__problem(self, bl_config__key_line(text, len, key), "\"rules\" must be an object of rule: severity");
        continue;
      }
      const cJSON *r;
      cJSON_ArrayForEach(r, item)
      {
        const BlRule *rule = bl_rule_find(r->string);
        size_t line = bl_config__key_line(text, len, r->string);
        if (!rule) {
          bl_config__problem(self, line, "unknown rule \"%s\"", r->string);
          continue;
        }
        BlSeverity sev;
        if (cJSON_IsString(r) && strcmp(r->valuestring, "off") == 0) {
          self->rules.severity[bl_rule_index(rule)] = BL_RULE_OFF;
        } else if (cJSON_IsString(r) && bl_severity_parse(r->valuestring, &sev) == 0) {
          self->rules.severity[bl_rule_index(rule)] = (int)sev;
        } else {
          bl_config__problem(self, line, "rule \"%s\": use \"error\", \"warning\", \"information\", \"hint\" or \"off\"",
                             r->string);
        }
      }
    } else if (strcmp(key, "gazetteers") == 0) {
      bl_config__strings(self, item, key, &self->gazetteers, true, text, len, &self->gazetteer_lines);
    } else if (strcmp(key, "corpus") == 0) {
      if (!cJSON_IsObject(item)) {
        bl_config__problem(self, bl_config__key_line(text, len, key), "\"corpus\" must be an object");
        continue;
      }
      const cJSON *c;
      cJSON_ArrayForEach(c, item)
      {
        if (strcmp(c->string, "roots") == 0) bl_config__strings(self, c, "roots", &self->corpus_roots, true, text, len, NULL);
        else if (strcmp(c->string, "ignore") == 0) bl_config__strings(self, c, "ignore", &self->ignores, false, text, len, NULL);
        else bl_config__problem(self, bl_config__key_line(text, len, c->string), "unknown key \"corpus.%s\"", c->string);
      }
    } else if (strcmp(key, "inlayHints") == 0) {
      if (cJSON_IsBool(item)) self->inlay_hints = cJSON_IsTrue(item);
      else bl_config__problem(self, bl_config__key_line(text, len, key), "\"inlayHints\" must be true or false");
    } else if (strcmp(key, "$schema") != 0) {
      bl_config__problem(self, bl_config__key_line(text, len, key), "unknown key \"%s\"", key);
    }
  }
  cJSON_Delete(root);
}

void bl_config_load(BlConfig *self, const char *path)
{
  BlBuf text;
  bl_buf_init(&text, 1u << 20); /* a configuration file is small: cap it at 1 MiB */
  int err = bl_read_file(path, &text);
  if (err || text.len >= (1u << 20)) {
    bl_config_defaults(self);
    self->path = bl_strdup(path);
    bl_config__problem(self, 1, "%s", err ? strerror(err) : "larger than 1 MiB; using the defaults");
  } else {
    bl_config_parse(self, path, text.data ? text.data : "", text.len);
  }
  bl_buf_free(&text);
}

void bl_config_load_lexicon(BlConfig *self)
{
  if (self->lexicon || !self->gazetteers.len) return;
  BlLexiconProblems problems = {0};
  self->lexicon = bl_lexicon_load_extra((const char *const *)self->gazetteers.items, self->gazetteers.len, &problems);
  for (size_t i = 0; i < problems.len; i++) {
    const BlLexiconProblem *p = &problems.items[i];
    if (p->line) /* a line of the gazetteer */
      bl_config__problem_in(self, self->gazetteers.items[p->file], p->line, "%s", p->message);
    else /* the file as a whole: where the configuration names it */
      bl_config__problem(self, p->file < self->gazetteer_lines.len ? self->gazetteer_lines.items[p->file] : 1, "%s",
                         p->message);
  }
  bl_lexicon_problems_free(&problems);
}

BlAnalysisOptions bl_config_options(const BlConfig *self)
{
  BlAnalysisOptions o = {&self->rules, self->lexicon};
  return o;
}

/* ---------------------------------------------------------------- cache */

void bl_config_cache_init(BlConfigCache *self)
{
  memset(self, 0, sizeof *self);
  bl_config_defaults(&self->defaults);
}

static const BlConfig *bl_config__cached(BlConfigCache *self, const char *dir)
{
  for (size_t i = 0; i < self->entries.len; i++)
    if (strcmp(self->entries.items[i].dir, dir) == 0) return self->entries.items[i].config;
  return NULL;
}

const BlConfig *bl_config_for(BlConfigCache *self, const char *file_path)
{
  char abs[PATH_MAX * 2];
  if (file_path[0] == '/') {
    snprintf(abs, sizeof abs, "%s", file_path);
  } else {
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return &self->defaults;
    while (file_path[0] == '.' && file_path[1] == '/') file_path += 2; /* "./story.md": no "/./" in paths shown */
    int n = snprintf(abs, sizeof abs, "%s/%s", cwd, file_path);
    if (n < 0 || (size_t)n >= sizeof abs) return &self->defaults; /* a path too long to search from */
  }
  char *slash = strrchr(abs, '/');
  if (!slash) return &self->defaults;
  *slash = '\0';
  const BlConfig *hit = bl_config__cached(self, abs);
  if (hit) return hit;
  /* walk up; remember the answer for the starting folder */
  BlConfig *found = &self->defaults;
  char dir[PATH_MAX * 2];
  snprintf(dir, sizeof dir, "%s", abs);
  for (;;) {
    const BlConfig *c = bl_config__cached(self, dir[0] ? dir : "/");
    if (c) {
      found = (BlConfig *)c;
      break;
    }
    char candidate[PATH_MAX * 2 + 16];
    snprintf(candidate, sizeof candidate, "%s/%s", dir, BL_CONFIG_NAME);
    if (access(candidate, F_OK) == 0) {
      found = bl_malloc(sizeof *found);
      bl_config_load(found, candidate);
      bl_config_load_lexicon(found);
      bl_vec_push(&self->loaded, found);
      break;
    }
    char *up = strrchr(dir, '/');
    if (!up || up == dir) break;
    *up = '\0';
  }
  BlConfigCacheEntry e = {bl_strdup(abs), found};
  bl_vec_push(&self->entries, e);
  return found;
}

bool bl_config_cache_uses_file(const BlConfigCache *self, const char *path)
{
  for (size_t i = 0; i < self->loaded.len; i++) {
    const BlConfig *c = self->loaded.items[i];
    for (size_t k = 0; k < c->gazetteers.len; k++)
      if (strcmp(c->gazetteers.items[k], path) == 0) return true;
  }
  return false;
}

void bl_config_cache_invalidate(BlConfigCache *self)
{
  for (size_t i = 0; i < self->entries.len; i++) bl_free(self->entries.items[i].dir);
  bl_vec_clear(&self->entries);
  for (size_t i = 0; i < self->loaded.len; i++) {
    bl_config_free(self->loaded.items[i]);
    bl_free(self->loaded.items[i]);
  }
  bl_vec_clear(&self->loaded);
}

void bl_config_cache_free(BlConfigCache *self)
{
  bl_config_cache_invalidate(self);
  bl_vec_free(&self->entries);
  bl_vec_free(&self->loaded);
  bl_config_free(&self->defaults);
}

/* ---------------------------------------------------------------- schema */

char *bl_config_schema(void)
{
  cJSON *s = cJSON_CreateObject();
  cJSON_AddStringToObject(s, "$schema", "http://json-schema.org/draft-07/schema#");
  cJSON_AddStringToObject(s, "title", "byline configuration (.byline.json)");
  cJSON_AddStringToObject(s, "type", "object");
  cJSON_AddFalseToObject(s, "additionalProperties");
  cJSON *props = cJSON_AddObjectToObject(s, "properties");
  cJSON_AddStringToObject(cJSON_AddObjectToObject(props, "$schema"), "type", "string");
  cJSON *rules = cJSON_AddObjectToObject(props, "rules");
  cJSON_AddStringToObject(rules, "type", "object");
  cJSON_AddStringToObject(rules, "description", "Severity of each rule, or \"off\".");
  cJSON_AddFalseToObject(rules, "additionalProperties");
  cJSON *rp = cJSON_AddObjectToObject(rules, "properties");
  for (size_t i = 0; i < bl_rules_count; i++) {
    cJSON *r = cJSON_AddObjectToObject(rp, bl_rules[i]->id);
    cJSON_AddStringToObject(r, "description", bl_rules[i]->summary);
    cJSON *en = cJSON_AddArrayToObject(r, "enum");
    const char *levels[] = {"error", "warning", "information", "hint", "off"};
    for (int k = 0; k < 5; k++) cJSON_AddItemToArray(en, cJSON_CreateString(levels[k]));
    cJSON_AddStringToObject(r, "default", bl_severity_name(bl_rules[i]->default_severity));
  }
  cJSON *gz = cJSON_AddObjectToObject(props, "gazetteers");
  cJSON_AddStringToObject(gz, "type", "array");
  cJSON_AddStringToObject(gz, "description",
                          "Extra name lists, tab-separated: canonical, type, code, aliases (paths relative to "
                          "this file; format in server/data/README.md).");
  cJSON_AddStringToObject(cJSON_AddObjectToObject(gz, "items"), "type", "string");
  cJSON *corpus = cJSON_AddObjectToObject(props, "corpus");
  cJSON_AddStringToObject(corpus, "type", "object");
  cJSON_AddFalseToObject(corpus, "additionalProperties");
  cJSON *cp = cJSON_AddObjectToObject(corpus, "properties");
  const char *ck[] = {"roots", "ignore"};
  const char *cd[] = {"Extra folders of source articles (relative to this file).", "Paths to leave out of the corpus."};
  for (int k = 0; k < 2; k++) {
    cJSON *a = cJSON_AddObjectToObject(cp, ck[k]);
    cJSON_AddStringToObject(a, "type", "array");
    cJSON_AddStringToObject(a, "description", cd[k]);
    cJSON_AddStringToObject(cJSON_AddObjectToObject(a, "items"), "type", "string");
  }
  cJSON *ih = cJSON_AddObjectToObject(props, "inlayHints");
  cJSON_AddStringToObject(ih, "type", "boolean");
  cJSON_AddStringToObject(ih, "description", "Show normalized money and dates after them in the editor.");
  char *out = cJSON_Print(s);
  cJSON_Delete(s);
  char *copy = bl_strdup(out);
  cJSON_free(out);
  return copy;
}

bool bl_config_ignores(const BlConfig *self, const char *root, const char *path)
{
  size_t rl = strlen(root);
  const char *rel = strncmp(path, root, rl) == 0 ? path + rl + (path[rl] == '/') : path;
  if (strncmp(rel, "./", 2) == 0) rel += 2;
  for (size_t i = 0; i < self->ignores.len; i++) {
    const char *pat = self->ignores.items[i];
    size_t n = strlen(pat);
    if (n && pat[n - 1] == '/') {
      if (strncmp(rel, pat, n) == 0) return true;
      for (const char *p = strchr(rel, '/'); p; p = strchr(p + 1, '/'))
        if (strncmp(p + 1, pat, n) == 0) return true;
    } else if (fnmatch(pat, rel, 0) == 0) {
      return true;
    }
  }
  return false;
}
