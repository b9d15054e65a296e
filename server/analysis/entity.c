/* entity.c: entity lists (see entity.h). */
#include "entity.h"

#include <stdlib.h>

#include "../base/alloc.h"

const char *bl_entity_kind_name(BlEntityKind kind)
{
  static const char *const names[BL_ENT_KIND_COUNT] = {
      "organization", "person", "official", "place", "money", "number",
      "percent", "date", "time", "duration", "misc",
  };
  return kind < BL_ENT_KIND_COUNT ? names[kind] : "unknown";
}

const char *bl_entity_subtype_name(const BlEntity *e)
{
  if (e->kind == BL_ENT_ORGANIZATION) {
    static const char *const org[] = {NULL, "agency", "military", "government", "company", "media", "international", "other"};
    return e->subtype < sizeof org / sizeof org[0] ? org[e->subtype] : NULL;
  }
  if (e->kind == BL_ENT_PLACE) {
    static const char *const place[] = {NULL, "country", "city", "region"};
    return e->subtype < sizeof place / sizeof place[0] ? place[e->subtype] : NULL;
  }
  return NULL;
}

const char *bl_entity_source_name(uint8_t source)
{
  switch (source) {
  case BL_SRC_PATTERN: return "pattern";
  case BL_SRC_MODEL: return "model";
  case BL_SRC_GAZETTEER: return "gazetteer";
  case BL_SRC_LINK: return "earlier mention";
  }
  return "unknown";
}

BlEntity *bl_entities_add(BlEntities *self, const BlEntity *e)
{
  bl_vec_push(&self->items, *e);
  return bl_vec_last(&self->items);
}

static int bl_entities__cmp(const void *a, const void *b)
{
  const BlEntity *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end > y->end ? -1 : 1;
  return (int)x->kind - (int)y->kind;
}

void bl_entities_sort(BlEntities *self)
{
  if (self->items.len > 1) qsort(self->items.items, self->items.len, sizeof *self->items.items, bl_entities__cmp);
}

void bl_entity_clear(BlEntity *e)
{
  bl_free(e->canonical);
  bl_free(e->unit);
  bl_free(e->role);
  e->canonical = e->unit = e->role = NULL;
}

void bl_entities_free(BlEntities *self)
{
  for (size_t i = 0; i < self->items.len; i++) bl_entity_clear(&self->items.items[i]);
  bl_vec_free(&self->items);
}

void bl_entities_drop(BlEntities *self, const uint32_t *indexes, size_t n)
{
  if (!n) return;
  uint8_t *gone = bl_calloc(self->items.len, 1);
  for (size_t k = 0; k < n; k++)
    if (indexes[k] < self->items.len) gone[indexes[k]] = 1;
  size_t w = 0;
  for (size_t k = 0; k < self->items.len; k++) {
    if (gone[k]) bl_entity_clear(&self->items.items[k]);
    else self->items.items[w++] = self->items.items[k];
  }
  self->items.len = w;
  bl_free(gone);
}
