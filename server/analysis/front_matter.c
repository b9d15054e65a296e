/* front_matter.c: reading front matter and the headline (see front_matter.h). */
#include "front_matter.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../base/alloc.h"

static size_t bl_meta__trim_end(const char *t, size_t start, size_t end)
{
  while (end > start && (t[end - 1] == ' ' || t[end - 1] == '\t' || t[end - 1] == '\r')) end--;
  return end;
}

static void bl_meta__field(BlMeta *self, const char *t, size_t start, size_t end)
{
  const char *colon = memchr(t + start, ':', end - start);
  if (!colon) return;
  size_t k0 = start, k1 = (size_t)(colon - t);
  while (k0 < k1 && (t[k0] == ' ' || t[k0] == '\t')) k0++;
  k1 = bl_meta__trim_end(t, k0, k1);
  if (k0 == k1) return;
  size_t v0 = k1 + 1, v1 = bl_meta__trim_end(t, v0, end);
  while (v0 < v1 && (t[v0] == ' ' || t[v0] == '\t')) v0++;
  if (v1 - v0 >= 2 && (t[v0] == '"' || t[v0] == '\'') && t[v1 - 1] == t[v0]) {
    v0++;
    v1--;
  }
  BlMetaField f = {bl_strndup(t + k0, k1 - k0), bl_strndup(t + v0, v1 - v0), v0, v1};
  bl_vec_push(&self->fields, f);
}

void bl_meta_read(BlMeta *self, const BlArticle *a)
{
  memset(self, 0, sizeof *self);
  const char *t = a->text;
  const BlBlock *first_text = NULL;
  for (size_t b = 0; b < a->blocks.len; b++) {
    const BlBlock *blk = &a->blocks.items[b];
    if (blk->kind == BL_BLOCK_FRONT_MATTER) {
      size_t p = blk->start;
      const char *nl = memchr(t + p, '\n', blk->end - p); /* skip the opening --- */
      p = nl ? (size_t)(nl - t) + 1 : blk->end;
      while (p < blk->end) {
        const char *e = memchr(t + p, '\n', blk->end - p);
        size_t line_end = e ? (size_t)(e - t) : blk->end;
        bl_meta__field(self, t, p, line_end);
        p = line_end + 1;
      }
    } else if (!first_text && blk->kind != BL_BLOCK_COMMENT) {
      first_text = blk;
    }
  }
  const char *title = bl_meta_get(self, "title");
  if (title) {
    self->title = bl_strdup(title);
  } else if (first_text) {
    const char *s = t + first_text->start;
    size_t n = 0, max = first_text->end - first_text->start;
    while (n < max && s[n] != '\n' && s[n] != '\r') n++; /* the first line, whatever its ending */
    size_t skip = 0;
    while (skip < n && (s[skip] == '#' || s[skip] == ' ')) skip++; /* a Markdown heading */
    self->title = bl_strndup(s + skip, bl_meta__trim_end(s, skip, n) - skip);
  } else {
    self->title = bl_strdup("");
  }
  const char *date = bl_meta_get(self, "date");
  int y, m, d;
  if (date && sscanf(date, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
    self->year = y;
    self->month = m;
    self->day = d;
  }
}

const char *bl_meta_get(const BlMeta *self, const char *key)
{
  for (size_t i = 0; i < self->fields.len; i++)
    if (strcasecmp(self->fields.items[i].key, key) == 0) return self->fields.items[i].value;
  return NULL;
}

void bl_meta_free(BlMeta *self)
{
  for (size_t i = 0; i < self->fields.len; i++) {
    bl_free(self->fields.items[i].key);
    bl_free(self->fields.items[i].value);
  }
  bl_vec_free(&self->fields);
  bl_free(self->title);
  self->title = NULL;
}
