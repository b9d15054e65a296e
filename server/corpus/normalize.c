/* normalize.c: keys and quote normalization (see normalize.h). ASCII letters are folded here;
 * other letters pass through as they are (their case is kept: exact enough for names). */
#include "normalize.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/alloc.h"
#include "../base/utf8.h"

static bool bl_norm__word_cp(int32_t cp)
{
  if (cp < 0) return false;
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  return bl_utf8_is_letter(cp);
}

/* Appends the words of s as lowercase, single-spaced; apostrophes inside words are dropped
 * ("don’t" -> "dont") so curly and straight forms agree. skip_brackets drops "[...]". */
static void bl_norm__words(BlBuf *out, const char *s, size_t n, bool skip_brackets)
{
  const uint8_t *u = (const uint8_t *)s;
  bool pending_space = out->len > 0;
  int depth = 0;
  for (size_t i = 0; i < n;) {
    int32_t cp;
    size_t k = bl_utf8_decode(u + i, n - i, &cp);
    if (skip_brackets && cp == '[') depth++;
    if (skip_brackets && cp == ']' && depth > 0) {
      depth--;
      i += k;
      continue;
    }
    if (depth > 0) {
      i += k;
      continue;
    }
    bool apostrophe = (cp == '\'' || cp == 0x2019) && i > 0 && i + k < n;
    if (bl_norm__word_cp(cp)) {
      if (pending_space) bl_buf_putc(out, ' ');
      pending_space = false;
      if (cp >= 'A' && cp <= 'Z') bl_buf_putc(out, (char)(cp + 32));
      else bl_buf_append(out, s + i, k);
    } else if (!apostrophe) {
      pending_space = out->len > 0;
    }
    i += k;
  }
}

void bl_norm_key(BlBuf *out, const char *s, size_t n)
{
  size_t start = out->len;
  bl_norm__words(out, s, n, false);
  if (out->len - start > 4 && memcmp(out->data + start, "the ", 4) == 0) {
    memmove(out->data + start, out->data + start + 4, out->len - start - 4);
    out->len -= 4;
    out->data[out->len] = '\0';
  }
}

void bl_norm_quote(BlBuf *out, const char *s, size_t n)
{
  bl_norm__words(out, s, n, true);
}

int bl_norm_contains(const char *hay, const char *needle)
{
  size_t n = strlen(needle);
  if (n == 0) return 1;
  for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) {
    bool left = p == hay || p[-1] == ' ';
    bool right = p[n] == '\0' || p[n] == ' ';
    if (left && right) return 1;
  }
  return 0;
}

typedef struct {
  uint64_t *items;
  size_t len;
} BlGrams;

static uint64_t bl_norm__hash(const char *s, size_t n)
{
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 1099511628211ull;
  return h;
}

static int bl_norm__cmp(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Sorted hashes of word bigrams (or of words, when there is one word). */
static BlGrams bl_norm__grams(const char *s)
{
  BlGrams g = {0};
  size_t words = 0;
  for (const char *p = s; *p; p++) words += (p == s || p[-1] == ' ') && *p != ' ';
  g.items = bl_malloc((words + 1) * sizeof *g.items);
  const char *prev = NULL, *cur = s;
  while (*cur) {
    const char *end = strchr(cur, ' ');
    if (!end) end = cur + strlen(cur);
    if (words == 1) g.items[g.len++] = bl_norm__hash(cur, (size_t)(end - cur));
    else if (prev) g.items[g.len++] = bl_norm__hash(prev, (size_t)(end - prev));
    prev = cur;
    cur = *end ? end + 1 : end;
  }
  qsort(g.items, g.len, sizeof *g.items, bl_norm__cmp);
  return g;
}

double bl_norm_similarity_grams(const uint64_t *a, uint32_t na, const uint64_t *b, uint32_t nb)
{
  size_t i = 0, j = 0, common = 0;
  while (i < na && j < nb) {
    if (a[i] == b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) {
      i++;
    } else {
      j++;
    }
  }
  return na + nb ? 2.0 * (double)common / (double)(na + nb) : 0.0;
}

uint64_t *bl_norm_grams(const char *s, uint32_t *n)
{
  BlGrams g = bl_norm__grams(s);
  *n = (uint32_t)g.len;
  return g.items;
}

double bl_norm_similarity(const char *a, const char *b)
{
  BlGrams x = bl_norm__grams(a), y = bl_norm__grams(b);
  double d = bl_norm_similarity_grams(x.items, (uint32_t)x.len, y.items, (uint32_t)y.len);
  bl_free(x.items);
  bl_free(y.items);
  return d;
}
