/* report.c: the lint output formats (see report.h). */
#include "report.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <string.h>

#include "../analysis/rules.h"
#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/uri.h"
#include "../base/utf8.h"
#include "../docs_path.h"
#include "../text/line_index.h"
#include "../version.h"

struct BlReport {
  BlFormat format;
  FILE *out;
  cJSON *sarif, *results; /* SARIF: the document, and its results array */
};

int bl_format_parse(const char *name, BlFormat *out)
{
  static const char *const names[] = {"text", "json", "sarif", "github"};
  for (int i = 0; i < 4; i++) {
    if (strcmp(name, names[i]) == 0) {
      *out = (BlFormat)i;
      return 0;
    }
  }
  return -1;
}

static const char *bl_report__sarif_level(BlSeverity sev)
{
  switch (sev) {
  case BL_SEV_ERROR: return "error";
  case BL_SEV_WARNING: return "warning";
  default: return "note";
  }
}

static cJSON *bl_report__sarif_new(void)
{
  cJSON *doc = cJSON_CreateObject();
  cJSON_AddStringToObject(doc, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  cJSON_AddStringToObject(doc, "version", "2.1.0");
  cJSON *run = cJSON_CreateObject();
  cJSON_AddItemToArray(cJSON_AddArrayToObject(doc, "runs"), run);
  cJSON *driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
  cJSON_AddStringToObject(driver, "name", "byline");
  cJSON_AddStringToObject(driver, "version", BL_VERSION);
  cJSON_AddStringToObject(driver, "semanticVersion", BL_VERSION);
  cJSON *rules = cJSON_AddArrayToObject(driver, "rules");
  for (size_t i = 0; i < bl_rules_count; i++) {
    const BlRule *r = bl_rules[i];
    cJSON *rule = cJSON_CreateObject();
    cJSON_AddStringToObject(rule, "id", r->id);
    cJSON_AddStringToObject(cJSON_AddObjectToObject(rule, "shortDescription"), "text", r->summary);
    cJSON_AddStringToObject(rule, "helpUri", bl_rule_doc_url(r->id));
    cJSON_AddStringToObject(cJSON_AddObjectToObject(rule, "defaultConfiguration"), "level",
                            bl_report__sarif_level(r->default_severity));
    cJSON_AddItemToArray(rules, rule);
  }
  cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
  return doc;
}

BlReport *bl_report_new(BlFormat format, FILE *out)
{
  BlReport *self = bl_calloc(1, sizeof *self);
  self->format = format;
  self->out = out;
  if (format == BL_FORMAT_SARIF) {
    self->sarif = bl_report__sarif_new();
    cJSON *run = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(self->sarif, "runs"), 0);
    self->results = cJSON_AddArrayToObject(run, "results");
  }
  return self;
}

/* The artifact URI of a path: a relative reference, or a file: URL for an absolute path. */
static void bl_report__uri(BlBuf *b, const char *path)
{
  if (path[0] == '/')
    bl_uri_append_file_url(b, path);
  else
    bl_uri_append_path(b, strncmp(path, "./", 2) == 0 ? path + 2 : path);
}

/* GitHub workflow command escaping; `property` adds ':' and ','. */
static void bl_report__gh_escape(BlBuf *b, const char *s, int property)
{
  for (; *s; s++) {
    switch (*s) {
    case '%': bl_buf_puts(b, "%25"); break;
    case '\r': bl_buf_puts(b, "%0D"); break;
    case '\n': bl_buf_puts(b, "%0A"); break;
    case ':': bl_buf_puts(b, property ? "%3A" : ":"); break;
    case ',': bl_buf_puts(b, property ? "%2C" : ","); break;
    default: bl_buf_putc(b, *s);
    }
  }
}

typedef struct {
  size_t line, col, end_line, end_col; /* 1-based */
} BlSpanPos;

/* A cursor for the starts of one file's findings (sorted, so increasing). */
static BlPosCursor bl_report__starts;

static BlSpanPos bl_report__pos(const BlLineIndex *idx, const char *text, size_t len, size_t start, size_t end)
{
  BlSpanPos p;
  bl_line_index_position_at(idx, text, len, &bl_report__starts, start, BL_ENC_UTF32, &p.line, &p.col);
  bl_line_index_span_end(idx, text, len, start, p.line, p.col, end, BL_ENC_UTF32, &p.end_line, &p.end_col);
  /* A UTF-8 byte-order mark is not a column anyone sees. */
  bool bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
  if (bom && p.line == 0 && p.col > 0) p.col--;
  if (bom && p.end_line == 0 && p.end_col > 0) p.end_col--;
  p.line++, p.col++, p.end_line++, p.end_col++;
  return p;
}

static cJSON *bl_report__sarif_location(const char *path, BlSpanPos p)
{
  cJSON *loc = cJSON_CreateObject();
  cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
  BlBuf uri;
  bl_buf_init(&uri, 0);
  bl_report__uri(&uri, path);
  cJSON_AddStringToObject(cJSON_AddObjectToObject(phys, "artifactLocation"), "uri", uri.data ? uri.data : "");
  bl_buf_free(&uri);
  cJSON *region = cJSON_AddObjectToObject(phys, "region");
  cJSON_AddNumberToObject(region, "startLine", (double)p.line);
  cJSON_AddNumberToObject(region, "startColumn", (double)p.col);
  cJSON_AddNumberToObject(region, "endLine", (double)p.end_line);
  cJSON_AddNumberToObject(region, "endColumn", (double)p.end_col);
  return loc;
}

static void bl_report__sarif_related(cJSON *res, const char *path, const BlFinding *f, const BlLineIndex *idx,
                                     const char *text, size_t len)
{
  if (!f->related.len) return;
  cJSON *arr = cJSON_AddArrayToObject(res, "relatedLocations");
  for (size_t j = 0; j < f->related.len; j++) {
    const BlRelated *r = &f->related.items[j];
    BlSpanPos rp;
    char *where = r->uri ? bl_uri_to_path(r->uri) : NULL;
    if (r->uri) rp = (BlSpanPos){r->line + 1, r->col[BL_ENC_UTF32] + 1, r->end_line + 1, r->end_col[BL_ENC_UTF32] + 1};
    else rp = bl_report__pos(idx, text, len, r->start, r->end);
    cJSON *loc = bl_report__sarif_location(where ? where : path, rp);
    cJSON_AddNumberToObject(loc, "id", (double)j);
    cJSON_AddStringToObject(cJSON_AddObjectToObject(loc, "message"), "text", r->message);
    cJSON_AddItemToArray(arr, loc);
    bl_free(where);
  }
}

static void bl_report__sarif_result(BlReport *self, const char *path, const BlFinding *f, BlSpanPos p)
{
  cJSON *res = cJSON_CreateObject();
  cJSON_AddStringToObject(res, "ruleId", f->rule->id);
  cJSON_AddNumberToObject(res, "ruleIndex", (double)bl_rule_index(f->rule));
  cJSON_AddStringToObject(res, "level", bl_report__sarif_level(f->severity));
  cJSON_AddStringToObject(cJSON_AddObjectToObject(res, "message"), "text", f->message);
  cJSON *loc = cJSON_CreateObject();
  cJSON_AddItemToArray(cJSON_AddArrayToObject(res, "locations"), loc);
  cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
  BlBuf uri;
  bl_buf_init(&uri, 0);
  bl_report__uri(&uri, path);
  cJSON_AddStringToObject(cJSON_AddObjectToObject(phys, "artifactLocation"), "uri", uri.data ? uri.data : "");
  bl_buf_free(&uri);
  cJSON *region = cJSON_AddObjectToObject(phys, "region");
  cJSON_AddNumberToObject(region, "startLine", (double)p.line);
  cJSON_AddNumberToObject(region, "startColumn", (double)p.col);
  cJSON_AddNumberToObject(region, "endLine", (double)p.end_line);
  cJSON_AddNumberToObject(region, "endColumn", (double)p.end_col);
  cJSON_AddNumberToObject(region, "byteOffset", (double)f->start);
  cJSON_AddNumberToObject(region, "byteLength", (double)(f->end - f->start));
  cJSON_AddItemToArray(self->results, res);
}

/* JSON Lines, written directly (no tree): the same bytes cJSON_PrintUnformatted gave for the
 * same object. Strings: '"' '\\' and \b \f \n \r \t get short escapes, other bytes below 0x20
 * \u00xx (lowercase hex), all else as is. Numbers are byte offsets, lines and columns: plain
 * decimal integers. A NULL string leaves its key out, as cJSON_AddStringToObject did. */
typedef struct {
  BlBuf *b;
  bool first;
} BlJsonObj;

/* Bytes that a JSON string escapes: control characters, '"' and '\\'. */
static const bool bl_report__json_esc[256] = {
    [0] = 1, [1] = 1, [2] = 1, [3] = 1, [4] = 1, [5] = 1, [6] = 1, [7] = 1, [8] = 1, [9] = 1, [10] = 1,
    [11] = 1, [12] = 1, [13] = 1, [14] = 1, [15] = 1, [16] = 1, [17] = 1, [18] = 1, [19] = 1, [20] = 1,
    [21] = 1, [22] = 1, [23] = 1, [24] = 1, [25] = 1, [26] = 1, [27] = 1, [28] = 1, [29] = 1, [30] = 1,
    [31] = 1, ['"'] = 1, ['\\'] = 1,
};

static void bl_report__json_string(BlBuf *b, const char *s)
{
  static const char hex[] = "0123456789abcdef";
  bl_buf_putc(b, '"');
  const char *run = s;
  for (;; s++) {
    unsigned char c = (unsigned char)*s;
    if (!bl_report__json_esc[c]) continue;
    if (s > run) bl_buf_append(b, run, (size_t)(s - run));
    if (c == 0) break;
    char esc[6] = {'\\', 0, 0, 0, 0, 0};
    size_t n = 2;
    switch (c) {
    case '"': esc[1] = '"'; break;
    case '\\': esc[1] = '\\'; break;
    case '\b': esc[1] = 'b'; break;
    case '\f': esc[1] = 'f'; break;
    case '\n': esc[1] = 'n'; break;
    case '\r': esc[1] = 'r'; break;
    case '\t': esc[1] = 't'; break;
    default:
      esc[1] = 'u', esc[2] = '0', esc[3] = '0', esc[4] = hex[c >> 4], esc[5] = hex[c & 15];
      n = 6;
    }
    bl_buf_append(b, esc, n);
    run = s + 1;
  }
  bl_buf_putc(b, '"');
}

/* A key: plain ASCII that needs no escaping. */
static void bl_report__json_key(BlJsonObj *o, const char *key)
{
  if (!o->first) bl_buf_putc(o->b, ',');
  o->first = false;
  bl_buf_putc(o->b, '"');
  bl_buf_puts(o->b, key);
  bl_buf_append(o->b, "\":", 2);
}

static void bl_report__json_strkey(BlJsonObj *o, const char *key, const char *value)
{
  if (!value) return;
  bl_report__json_key(o, key);
  bl_report__json_string(o->b, value);
}

static void bl_report__json_numkey(BlJsonObj *o, const char *key, size_t value)
{
  char digits[24];
  size_t n = sizeof digits;
  do {
    digits[--n] = (char)('0' + value % 10);
    value /= 10;
  } while (value);
  bl_report__json_key(o, key);
  bl_buf_append(o->b, digits + n, sizeof digits - n);
}

void bl_report_file(BlReport *self, const char *path, const char *text, size_t len, const BlFindings *findings)
{
  if (findings->items.len == 0) return;
  BlLineIndex idx;
  bl_line_index_build(&idx, text, len);
  bl_report__starts = (BlPosCursor){0};
  char *safe_path = bl_utf8_sanitize(path, strlen(path)); /* JSON and annotations need UTF-8 */
  BlBuf line;
  bl_buf_init(&line, 0);
  for (size_t i = 0; i < findings->items.len; i++) {
    const BlFinding *f = &findings->items.items[i];
    BlSpanPos p = bl_report__pos(&idx, text, len, f->start, f->end);
    bl_buf_reset(&line);
    switch (self->format) {
    case BL_FORMAT_TEXT:
      bl_buf_printf(&line, "%s:%zu:%zu: %s: %s [%s]\n", path, p.line, p.col, bl_severity_name(f->severity),
                    f->message, f->rule->id);
      for (size_t j = 0; j < f->related.len; j++) { /* related places, indented under the finding */
        const BlRelated *r = &f->related.items[j];
        char *where = r->uri ? bl_uri_to_path(r->uri) : NULL;
        size_t rl, rc;
        if (r->uri) {
          rl = r->line + 1;
          rc = r->col[BL_ENC_UTF32] + 1;
        } else {
          BlSpanPos rp = bl_report__pos(&idx, text, len, r->start, r->end);
          rl = rp.line;
          rc = rp.col;
        }
        bl_buf_printf(&line, "    %s:%zu:%zu: note: %s\n", where ? where : path, rl, rc, r->message);
        bl_free(where);
      }
      break;
    case BL_FORMAT_GITHUB: {
      const char *cmd = f->severity == BL_SEV_ERROR ? "error" : f->severity == BL_SEV_WARNING ? "warning" : "notice";
      bl_buf_printf(&line, "::%s file=", cmd);
      bl_report__gh_escape(&line, safe_path, 1);
      bl_buf_printf(&line, ",line=%zu,col=%zu,endLine=%zu,endColumn=%zu,title=", p.line, p.col, p.end_line, p.end_col);
      bl_report__gh_escape(&line, f->rule->id, 1);
      bl_buf_puts(&line, "::");
      bl_report__gh_escape(&line, f->message, 0);
      bl_buf_putc(&line, '\n');
      break;
    }
    case BL_FORMAT_JSON: {
      BlJsonObj o = {&line, true};
      bl_buf_putc(&line, '{');
      bl_report__json_strkey(&o, "file", safe_path);
      bl_report__json_numkey(&o, "line", p.line);
      bl_report__json_numkey(&o, "column", p.col);
      bl_report__json_numkey(&o, "endLine", p.end_line);
      bl_report__json_numkey(&o, "endColumn", p.end_col);
      bl_report__json_numkey(&o, "start", f->start);
      bl_report__json_numkey(&o, "end", f->end);
      bl_report__json_strkey(&o, "severity", bl_severity_name(f->severity));
      bl_report__json_strkey(&o, "rule", f->rule->id);
      bl_report__json_strkey(&o, "message", f->message);
      bl_report__json_key(&o, "related");
      bl_buf_putc(&line, '[');
      for (size_t j = 0; j < f->related.len; j++) {
        const BlRelated *r = &f->related.items[j];
        BlSpanPos rp;
        if (r->uri) {
          rp = (BlSpanPos){r->line + 1, r->col[BL_ENC_UTF32] + 1, r->end_line + 1, r->end_col[BL_ENC_UTF32] + 1};
        } else {
          rp = bl_report__pos(&idx, text, len, r->start, r->end);
        }
        if (j) bl_buf_putc(&line, ',');
        BlJsonObj ro = {&line, true};
        bl_buf_putc(&line, '{');
        if (r->uri) {
          char *path = bl_uri_to_path(r->uri);
          bl_report__json_strkey(&ro, "file", path ? path : r->uri);
          bl_free(path);
        }
        bl_report__json_numkey(&ro, "line", rp.line);
        bl_report__json_numkey(&ro, "column", rp.col);
        bl_report__json_numkey(&ro, "start", r->start);
        bl_report__json_numkey(&ro, "end", r->end);
        bl_report__json_strkey(&ro, "message", r->message);
        bl_buf_putc(&line, '}');
      }
      bl_buf_puts(&line, "]}\n");
      break;
    }
    case BL_FORMAT_SARIF:
      bl_report__sarif_result(self, path, f, p);
      bl_report__sarif_related(cJSON_GetArrayItem(self->results, cJSON_GetArraySize(self->results) - 1), path, f,
                               &idx, text, len);
      break;
    }
    if (line.len) fwrite(line.data, 1, line.len, self->out);
  }
  bl_buf_free(&line);
  bl_line_index_free(&idx);
  bl_free(safe_path);
}

void bl_report_finish(BlReport *self)
{
  if (self->sarif) {
    char *s = cJSON_Print(self->sarif);
    fputs(s, self->out);
    fputc('\n', self->out);
    cJSON_free(s);
    cJSON_Delete(self->sarif);
  }
  fflush(self->out);
  bl_free(self);
}
