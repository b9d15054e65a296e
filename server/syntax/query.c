/* query.c: query compilation, predicate checking and matching (see query.h). */
#include "query.h"

#include <regex.h>
#include <stdio.h>
#include <string.h>

#include "../base/alloc.h"
#include "../base/vec.h"
#include "parse.h"

typedef enum { BL_PRED_EQ, BL_PRED_MATCH, BL_PRED_ANY_OF, BL_PRED_GAZETTEER } BlPredKind;

typedef struct BlPredicate {
  BlPredKind kind;
  bool negate;
  uint32_t capture;
  bool other_is_capture; /* #eq? @a @b */
  uint32_t other;
  BlVec(char *) strings; /* #eq? / #any-of? / #gazetteer?: the literal argument(s) */
  bool has_regex;
  regex_t regex;
} BlPredicate;

typedef BlVec(BlPredicate) BlPredicates;

struct BlQuery {
  TSQuery *query;
  BlPredicates *patterns; /* per pattern */
  uint32_t pattern_count;
  BlGazetteerFn gazetteer;
  void *gazetteer_data;
};

/* ---------------------------------------------------------------- errors */

static void bl_query__locate(const char *source, size_t len, size_t offset, BlQueryError *error)
{
  unsigned line = 1, column = 1;
  for (size_t i = 0; i < offset && i < len; i++) {
    unsigned char c = (unsigned char)source[i];
    if (c == '\n') {
      line++;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      column++;
    }
  }
  error->line = line;
  error->column = column;
}

static const char *bl_query__error_name(TSQueryError e)
{
  switch (e) {
  case TSQueryErrorSyntax: return "syntax error";
  case TSQueryErrorNodeType: return "unknown node type";
  case TSQueryErrorField: return "unknown field";
  case TSQueryErrorCapture: return "unknown capture";
  case TSQueryErrorStructure: return "impossible pattern structure";
  case TSQueryErrorLanguage: return "incompatible language";
  default: return "error";
  }
}

/* ---------------------------------------------------------------- predicates */

static void bl_query__free_predicate(BlPredicate *p)
{
  for (size_t i = 0; i < p->strings.len; i++) bl_free(p->strings.items[i]);
  bl_vec_free(&p->strings);
  if (p->has_regex) regfree(&p->regex);
}

/* Reads the predicates of pattern i; returns false with error->message set. */
static bool bl_query__read_predicates(BlQuery *self, uint32_t i, BlQueryError *error)
{
  uint32_t nsteps;
  const TSQueryPredicateStep *steps = ts_query_predicates_for_pattern(self->query, i, &nsteps);
  uint32_t at = 0;
  while (at < nsteps) {
    uint32_t end = at;
    while (end < nsteps && steps[end].type != TSQueryPredicateStepTypeDone) end++;
    uint32_t n = end - at, len;
    const TSQueryPredicateStep *s = steps + at;
    at = end + 1;
    if (n == 0 || s[0].type != TSQueryPredicateStepTypeString) {
      snprintf(error->message, sizeof error->message, "a predicate must start with its name");
      return false;
    }
    const char *name = ts_query_string_value_for_id(self->query, s[0].value_id, &len);
    if (len > 0 && name[len - 1] == '!') continue; /* a directive: for editors, not for us */
    BlPredicate p = {0};
    const char *base = name;
    if (strncmp(name, "not-", 4) == 0) {
      p.negate = true;
      base += 4;
    }
    if (strcmp(base, "eq?") == 0) p.kind = BL_PRED_EQ;
    else if (strcmp(base, "match?") == 0) p.kind = BL_PRED_MATCH;
    else if (strcmp(base, "any-of?") == 0) p.kind = BL_PRED_ANY_OF;
    else if (strcmp(name, "gazetteer?") == 0) p.kind = BL_PRED_GAZETTEER;
    else {
      snprintf(error->message, sizeof error->message,
               "unknown predicate #%s (byline knows #eq?, #match?, #any-of?, their #not- forms, #gazetteer?)",
               name);
      return false;
    }
    if (n < 3 || s[1].type != TSQueryPredicateStepTypeCapture) {
      snprintf(error->message, sizeof error->message, "#%s needs a capture and %s", name,
               p.kind == BL_PRED_ANY_OF ? "one or more strings" : "an argument");
      return false;
    }
    p.capture = s[1].value_id;
    if (p.kind != BL_PRED_ANY_OF && n != 3) {
      snprintf(error->message, sizeof error->message, "#%s takes a capture and one argument, not %u", name,
               n - 2);
      return false;
    }
    for (uint32_t k = 2; k < n; k++) {
      if (s[k].type == TSQueryPredicateStepTypeCapture) {
        if (p.kind != BL_PRED_EQ) {
          bl_query__free_predicate(&p);
          snprintf(error->message, sizeof error->message, "#%s takes strings after its capture", name);
          return false;
        }
        p.other_is_capture = true;
        p.other = s[k].value_id;
      } else {
        const char *v = ts_query_string_value_for_id(self->query, s[k].value_id, &len);
        bl_vec_push(&p.strings, bl_strndup(v, len));
      }
    }
    if (p.kind == BL_PRED_MATCH) {
      int rc = regcomp(&p.regex, p.strings.items[0], REG_EXTENDED | REG_NOSUB);
      if (rc != 0) {
        char why[128];
        regerror(rc, &p.regex, why, sizeof why);
        bl_query__free_predicate(&p);
        snprintf(error->message, sizeof error->message, "#%s: bad regular expression: %s", name, why);
        return false;
      }
      p.has_regex = true;
    }
    bl_vec_push(&self->patterns[i], p);
  }
  return true;
}

/* ---------------------------------------------------------------- queries */

BlQuery *bl_query_new(const char *source, size_t len, BlQueryError *error)
{
  memset(error, 0, sizeof *error);
  uint32_t offset = 0;
  TSQueryError type = TSQueryErrorNone;
  if (len > UINT32_MAX) len = UINT32_MAX;
  TSQuery *q = ts_query_new(tree_sitter_news(), source, (uint32_t)len, &offset, &type);
  if (!q) {
    bl_query__locate(source, len, offset, error);
    /* show the token where tree-sitter stopped */
    size_t tok = offset, end = offset;
    while (end < len && end - tok < 40 && source[end] != '\n' && source[end] != ' ' && source[end] != ')') end++;
    if (end > tok)
      snprintf(error->message, sizeof error->message, "%s at \"%.*s\"", bl_query__error_name(type),
               (int)(end - tok), source + tok);
    else
      snprintf(error->message, sizeof error->message, "%s", bl_query__error_name(type));
    return NULL;
  }
  BlQuery *self = bl_calloc(1, sizeof *self);
  self->query = q;
  self->pattern_count = ts_query_pattern_count(q);
  self->patterns = bl_calloc(self->pattern_count ? self->pattern_count : 1, sizeof *self->patterns);
  for (uint32_t i = 0; i < self->pattern_count; i++) {
    if (!bl_query__read_predicates(self, i, error)) {
      bl_query__locate(source, len, ts_query_start_byte_for_pattern(q, i), error);
      bl_query_delete(self);
      return NULL;
    }
  }
  return self;
}

void bl_query_delete(BlQuery *self)
{
  if (!self) return;
  for (uint32_t i = 0; i < self->pattern_count; i++) {
    for (size_t k = 0; k < self->patterns[i].len; k++) bl_query__free_predicate(&self->patterns[i].items[k]);
    bl_vec_free(&self->patterns[i]);
  }
  bl_free(self->patterns);
  ts_query_delete(self->query);
  bl_free(self);
}

void bl_query_set_gazetteer(BlQuery *self, BlGazetteerFn fn, void *data)
{
  self->gazetteer = fn;
  self->gazetteer_data = data;
}

const TSQuery *bl_query_ts(const BlQuery *self)
{
  return self->query;
}

const char *bl_query_capture_name(const BlQuery *self, uint32_t id, uint32_t *len)
{
  return ts_query_capture_name_for_id(self->query, id, len);
}

/* ---------------------------------------------------------------- matching */

static bool bl_query__text_is(const BlQueryCursor *c, TSNode n, const char *s, size_t slen)
{
  size_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
  if (b > c->len || a > b) return false;
  return b - a == slen && memcmp(c->text + a, s, slen) == 0;
}

static bool bl_query__holds(const BlQueryCursor *c, const BlPredicate *p, const TSQueryMatch *m, TSNode n)
{
  size_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
  if (b > c->len || a > b) return false;
  const char *t = c->text + a;
  size_t tlen = b - a;
  switch (p->kind) {
  case BL_PRED_EQ:
    if (!p->other_is_capture) return bl_query__text_is(c, n, p->strings.items[0], strlen(p->strings.items[0]));
    for (uint16_t k = 0; k < m->capture_count; k++)
      if (m->captures[k].index == p->other) return bl_query__text_is(c, m->captures[k].node, t, tlen);
    return false;
  case BL_PRED_MATCH: {
    char *z = bl_strndup(t, tlen); /* regexec wants a C string; it stops at a NUL byte */
    bool ok = regexec(&p->regex, z, 0, NULL, 0) == 0;
    bl_free(z);
    return ok;
  }
  case BL_PRED_ANY_OF:
    for (size_t k = 0; k < p->strings.len; k++)
      if (bl_query__text_is(c, n, p->strings.items[k], strlen(p->strings.items[k]))) return true;
    return false;
  case BL_PRED_GAZETTEER:
    return c->query->gazetteer && c->query->gazetteer(c->query->gazetteer_data, p->strings.items[0], t, tlen);
  }
  return false;
}

static bool bl_query__passes(const BlQueryCursor *c, const TSQueryMatch *m)
{
  const BlPredicates *preds = &c->query->patterns[m->pattern_index];
  for (size_t i = 0; i < preds->len; i++) {
    const BlPredicate *p = &preds->items[i];
    for (uint16_t k = 0; k < m->capture_count; k++) {
      if (m->captures[k].index != p->capture) continue;
      if (bl_query__holds(c, p, m, m->captures[k].node) == p->negate) return false;
    }
  }
  return true;
}

void bl_query_cursor_init(BlQueryCursor *self, const BlQuery *query, TSNode node, const char *text, size_t len)
{
  self->query = query;
  self->cursor = ts_query_cursor_new();
  self->text = text;
  self->len = len;
  ts_query_cursor_exec(self->cursor, query->query, node);
}

bool bl_query_cursor_next(BlQueryCursor *self, TSQueryMatch *match)
{
  while (ts_query_cursor_next_match(self->cursor, match))
    if (bl_query__passes(self, match)) return true;
  return false;
}

void bl_query_cursor_free(BlQueryCursor *self)
{
  if (self->cursor) ts_query_cursor_delete(self->cursor);
  self->cursor = NULL;
}

const BlBuiltinQuery *bl_builtin_query(const char *name)
{
  for (size_t i = 0; i < bl_builtin_query_count; i++)
    if (strcmp(bl_builtin_queries[i].name, name) == 0) return &bl_builtin_queries[i];
  return NULL;
}
