/* suppress.c: reading suppression directives (see suppress.h). */
#include "suppress.h"

#include <string.h>
#include <strings.h>

typedef BlVec(BlSuppressRange) BlRangeVec;

typedef enum { BL_DIR_DISABLE, BL_DIR_ENABLE, BL_DIR_NEXT_LINE } BlDirective;

static bool bl_sup__word_char(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* Calls add(rule index or -1, ...) for each rule named in t[from, to), or once with -1 when
 * none is named. Unknown names become problems. Returns the number of names read. */
static void bl_sup__rules(BlSuppressions *self, const char *t, size_t from, size_t to, int *rules, size_t *nrules,
                          size_t cap)
{
  *nrules = 0;
  size_t i = from;
  while (i < to) {
    while (i < to && !bl_sup__word_char(t[i])) i++;
    size_t s = i;
    while (i < to && bl_sup__word_char(t[i])) i++;
    if (i == s) break;
    const BlRule *r = NULL;
    for (size_t k = 0; k < bl_rules_count; k++)
      if (strlen(bl_rules[k]->id) == i - s && strncmp(bl_rules[k]->id, t + s, i - s) == 0) r = bl_rules[k];
    if (!r) {
      BlSuppressProblem p = {s, i};
      bl_vec_push(&self->problems, p);
    } else if (*nrules < cap) {
      rules[(*nrules)++] = (int)bl_rule_index(r);
    }
  }
}

static void bl_sup__open(BlRangeVec *open, int rule, size_t at)
{
  for (size_t i = 0; i < open->len; i++)
    if (open->items[i].rule == rule) return; /* already off */
  BlSuppressRange r = {rule, at, (size_t)-1};
  bl_vec_push(open, r);
}

static void bl_sup__close(BlSuppressions *self, BlRangeVec *open, int rule, size_t at)
{
  for (size_t i = 0; i < open->len;) {
    if (rule == -1 || open->items[i].rule == rule) {
      BlSuppressRange r = open->items[i];
      r.end = at;
      bl_vec_push(&self->ranges, r);
      open->items[i] = open->items[--open->len];
    } else {
      i++;
    }
  }
}

static void bl_sup__comment(BlSuppressions *self, const BlArticle *a, const BlBlock *b, BlRangeVec *open)
{
  const char *t = a->text;
  size_t i = b->start;
  while (i < b->end && (t[i] == ' ' || t[i] == '\t')) i++;
  i += 4; /* "<!--" */
  while (i < b->end && (t[i] == ' ' || t[i] == '\t')) i++;
  static const struct {
    const char *word;
    BlDirective dir;
  } words[] = {
      {"byline-disable-next-line", BL_DIR_NEXT_LINE},
      {"byline-disable", BL_DIR_DISABLE},
      {"byline-enable", BL_DIR_ENABLE},
  };
  for (size_t w = 0; w < 3; w++) {
    size_t n = strlen(words[w].word);
    if (i + n > b->end || strncasecmp(t + i, words[w].word, n) != 0 || bl_sup__word_char(t[i + n])) continue;
    size_t args = i + n, args_end = args;
    while (args_end + 3 <= b->end && strncmp(t + args_end, "-->", 3) != 0) args_end++;
    int rules[64];
    size_t nrules;
    bl_sup__rules(self, t, args, args_end, rules, &nrules, 64);
    if (nrules == 0) rules[nrules++] = -1;
    if (words[w].dir == BL_DIR_NEXT_LINE) {
      /* the next line of text after the comment */
      size_t p = b->end;
      while (p < a->len && (t[p] == '\n' || t[p] == '\r' || t[p] == ' ' || t[p] == '\t')) p++;
      size_t e = p;
      while (e < a->len && t[e] != '\n' && t[e] != '\r') e++;
      for (size_t k = 0; k < nrules; k++) {
        BlSuppressRange r = {rules[k], p, e};
        bl_vec_push(&self->ranges, r);
      }
    } else {
      for (size_t k = 0; k < nrules; k++) {
        if (words[w].dir == BL_DIR_DISABLE) bl_sup__open(open, rules[k], b->end);
        else bl_sup__close(self, open, rules[k], b->start);
      }
    }
    return;
  }
}

void bl_suppressions_read(BlSuppressions *self, const BlArticle *a, const BlMeta *meta)
{
  memset(self, 0, sizeof *self);
  /* front matter: byline: off, byline-disable: RULES */
  for (size_t i = 0; i < meta->fields.len; i++) {
    const BlMetaField *f = &meta->fields.items[i];
    if (strcasecmp(f->key, "byline") == 0 && strcasecmp(f->value, "off") == 0) {
      BlSuppressRange r = {-1, 0, (size_t)-1};
      bl_vec_push(&self->ranges, r);
    } else if (strcasecmp(f->key, "byline-disable") == 0) {
      int rules[64];
      size_t nrules;
      bl_sup__rules(self, a->text, f->value_start, f->value_end, rules, &nrules, 64);
      for (size_t k = 0; k < nrules; k++) {
        BlSuppressRange r = {rules[k], 0, (size_t)-1};
        bl_vec_push(&self->ranges, r);
      }
    }
  }
  BlRangeVec open = {0};
  for (size_t b = 0; b < a->blocks.len; b++)
    if (a->blocks.items[b].kind == BL_BLOCK_COMMENT) bl_sup__comment(self, a, &a->blocks.items[b], &open);
  bl_sup__close(self, &open, -1, (size_t)-1);
  bl_vec_free(&open);
}

bool bl_suppressions_hide(const BlSuppressions *self, const BlRule *rule, size_t offset)
{
  int idx = (int)bl_rule_index(rule);
  for (size_t i = 0; i < self->ranges.len; i++) {
    const BlSuppressRange *r = &self->ranges.items[i];
    if ((r->rule == -1 || r->rule == idx) && offset >= r->start && offset < r->end) return true;
  }
  return false;
}

void bl_suppressions_free(BlSuppressions *self)
{
  bl_vec_free(&self->ranges);
  bl_vec_free(&self->problems);
}
