/* article.c: splits a text into blocks (see article.h). One pass over the lines. */
#include "article.h"

#include <stdbool.h>
#include <string.h>

typedef struct {
  size_t start, end, next; /* line content [start, end), next line at `next` */
} BlLine;

static BlLine bl_article__line(const char *t, size_t len, size_t at)
{
  BlLine l = {at, at, at};
  const char *nl = memchr(t + at, '\n', len - at);
  const char *cr = memchr(t + at, '\r', (nl ? (size_t)(nl - t) : len) - at);
  if (cr) {
    l.end = (size_t)(cr - t);
    l.next = l.end + 1 + (l.end + 1 < len && t[l.end + 1] == '\n');
  } else if (nl) {
    l.end = (size_t)(nl - t);
    l.next = l.end + 1;
  } else {
    l.end = l.next = len;
  }
  return l;
}

/* First occurrence of `needle` in text[from, len), or NULL. */
static const char *bl_article__find(const char *t, size_t from, size_t len, const char *needle)
{
  size_t n = strlen(needle);
  for (size_t i = from; i + n <= len; i++) {
    const char *p = memchr(t + i, needle[0], len - i);
    if (!p || (size_t)(p - t) + n > len) return NULL;
    if (memcmp(p, needle, n) == 0) return p;
    i = (size_t)(p - t);
  }
  return NULL;
}

static bool bl_article__blank(const char *t, BlLine l)
{
  for (size_t i = l.start; i < l.end; i++)
    if (t[i] != ' ' && t[i] != '\t' && t[i] != '\f' && t[i] != '\v') return false;
  return true;
}

static bool bl_article__is_fence(const char *t, BlLine l)
{
  size_t n = l.end - l.start;
  while (n > 3 && (t[l.start + n - 1] == ' ' || t[l.start + n - 1] == '\t')) n--;
  return n == 3 && memcmp(t + l.start, "---", 3) == 0;
}

/* The kind of block a line starts, when it starts one by its own first characters. */
static bool bl_article__opener(const char *t, BlLine l, BlBlockKind *kind)
{
  size_t i = l.start;
  while (i < l.end && i - l.start < 3 && t[i] == ' ') i++;
  size_t n = l.end - i;
  const char *s = t + i;
  if (n >= 1 && s[0] == '#') {
    size_t h = 0;
    while (h < n && s[h] == '#') h++;
    if (h <= 6 && (h == n || s[h] == ' ' || s[h] == '\t')) {
      *kind = BL_BLOCK_HEADING;
      return true;
    }
  }
  if (n >= 1 && s[0] == '>') {
    *kind = BL_BLOCK_QUOTE;
    return true;
  }
  if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && (s[1] == ' ' || s[1] == '\t')) {
    *kind = BL_BLOCK_LIST_ITEM;
    return true;
  }
  size_t d = 0;
  while (d < n && d < 9 && s[d] >= '0' && s[d] <= '9') d++;
  if (d > 0 && d + 1 < n && (s[d] == '.' || s[d] == ')') && (s[d + 1] == ' ' || s[d + 1] == '\t')) {
    *kind = BL_BLOCK_LIST_ITEM;
    return true;
  }
  return false;
}

static void bl_article__classify(BlArticle *self);

void bl_article_init(BlArticle *self, const char *text, size_t len)
{
  self->text = text;
  self->len = len;
  self->blocks.items = NULL;
  self->blocks.len = self->blocks.cap = 0;

  size_t at = 0;
  BlLine first = bl_article__line(text, len, 0);
  if (len > 0 && bl_article__is_fence(text, first)) {
    for (size_t p = first.next; p < len;) {
      BlLine l = bl_article__line(text, len, p);
      if (bl_article__is_fence(text, l)) {
        BlBlock fm = {BL_BLOCK_FRONT_MATTER, 0, l.end};
        bl_vec_push(&self->blocks, fm);
        at = l.next;
        break;
      }
      p = l.next;
    }
  }

  bool open = false;
  BlBlock cur = {BL_BLOCK_PARAGRAPH, 0, 0};
  while (at < len) {
    BlLine l = bl_article__line(text, len, at);
    BlBlockKind kind;
    size_t ind = l.start;
    while (ind < l.end && ind - l.start < 3 && text[ind] == ' ') ind++;
    if (l.end - ind >= 4 && memcmp(text + ind, "<!--", 4) == 0) {
      if (open) bl_vec_push(&self->blocks, cur);
      open = false;
      BlBlock c = {BL_BLOCK_COMMENT, l.start, l.end};
      size_t p = ind + 4;
      const char *close = NULL;
      close = bl_article__find(text, p, len, "-->");
      if (close) {
        BlLine cl = bl_article__line(text, len, (size_t)(close - text));
        c.end = cl.end;
        at = cl.next;
      } else { /* never closed: the rest of the text is the comment */
        c.end = len;
        at = len;
      }
      bl_vec_push(&self->blocks, c);
      continue;
    }
    if (bl_article__blank(text, l)) {
      if (open) bl_vec_push(&self->blocks, cur);
      open = false;
    } else if (bl_article__opener(text, l, &kind) &&
               !(open && kind == BL_BLOCK_QUOTE && cur.kind == BL_BLOCK_QUOTE)) {
      if (open) bl_vec_push(&self->blocks, cur);
      cur = (BlBlock){kind, l.start, l.end};
      open = true;
      if (kind == BL_BLOCK_HEADING) { /* a heading is one line */
        bl_vec_push(&self->blocks, cur);
        open = false;
      }
    } else if (open) {
      cur.end = l.end;
    } else {
      cur = (BlBlock){BL_BLOCK_PARAGRAPH, l.start, l.end};
      open = true;
    }
    if (l.next == at) break; /* cannot happen; guards the loop */
    at = l.next;
  }
  if (open) bl_vec_push(&self->blocks, cur);
  bl_article__classify(self);
}

/* A single line of at most 12 words, with a letter, not ending in sentence punctuation. */
static bool bl_article__heading_like(const char *t, const BlBlock *b)
{
  if (memchr(t + b->start, '\n', b->end - b->start) || memchr(t + b->start, '\r', b->end - b->start)) return false;
  size_t end = b->end;
  while (end > b->start && (t[end - 1] == ' ' || t[end - 1] == '\t')) end--;
  if (end == b->start) return false;
  unsigned char last = (unsigned char)t[end - 1];
  if (strchr(".!?:;,\")'", last)) return false;
  if (last >= 0x80) { /* a closing curly quote or an ellipsis ends a sentence too */
    if (end - b->start >= 3 && (unsigned char)t[end - 3] == 0xE2 && (unsigned char)t[end - 2] == 0x80) return false;
  }
  size_t words = 0;
  bool letter = false, in_word = false;
  for (size_t i = b->start; i < end; i++) {
    unsigned char c = (unsigned char)t[i];
    bool space = c == ' ' || c == '\t';
    if (!space && !in_word) words++;
    in_word = !space;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80) letter = true;
  }
  return letter && words <= 12;
}

static void bl_article__classify(BlArticle *self)
{
  bool seen_text = false;
  for (size_t i = 0; i < self->blocks.len; i++) {
    BlBlock *b = &self->blocks.items[i];
    if (b->kind == BL_BLOCK_FRONT_MATTER || b->kind == BL_BLOCK_COMMENT) continue;
    if (b->kind == BL_BLOCK_PARAGRAPH && bl_article__heading_like(self->text, b))
      b->kind = seen_text ? BL_BLOCK_SECTION : BL_BLOCK_HEADLINE;
    seen_text = true;
  }
}

void bl_article_free(BlArticle *self)
{
  bl_vec_free(&self->blocks);
}
