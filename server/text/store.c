/* store.c: URI -> document hash table with linear probing (see store.h). */
#include "store.h"

#include <stdint.h>
#include <string.h>

#include "../base/alloc.h"

static BlDocument bl_store__tombstone_doc;
#define TOMBSTONE (&bl_store__tombstone_doc)

static uint64_t bl_store__hash(const char *s)
{
  uint64_t h = 1469598103934665603ull; /* FNV-1a */
  for (; *s; s++) h = (h ^ (uint8_t)*s) * 1099511628211ull;
  return h;
}

void bl_store_init(BlStore *self)
{
  self->cap = 16;
  self->slots = bl_calloc(self->cap, sizeof *self->slots);
  self->count = self->used = 0;
}

void bl_store_free(BlStore *self)
{
  for (size_t i = 0; i < self->cap; i++)
    if (self->slots[i] && self->slots[i] != TOMBSTONE) bl_document_delete(self->slots[i]);
  bl_free(self->slots);
  self->slots = NULL;
  self->cap = self->count = self->used = 0;
}

static size_t bl_store__find(const BlStore *self, const char *uri, int *found)
{
  size_t mask = self->cap - 1, i = bl_store__hash(uri) & mask, free_slot = SIZE_MAX;
  for (;;) {
    BlDocument *d = self->slots[i];
    if (!d) {
      *found = 0;
      return free_slot != SIZE_MAX ? free_slot : i;
    }
    if (d == TOMBSTONE) {
      if (free_slot == SIZE_MAX) free_slot = i;
    } else if (strcmp(d->uri, uri) == 0) {
      *found = 1;
      return i;
    }
    i = (i + 1) & mask;
  }
}

BlDocument *bl_store_get(const BlStore *self, const char *uri)
{
  int found;
  size_t i = bl_store__find(self, uri, &found);
  return found ? self->slots[i] : NULL;
}

static void bl_store__grow(BlStore *self)
{
  BlDocument **old = self->slots;
  size_t old_cap = self->cap;
  self->cap = self->count * 4 > 16 ? self->count * 4 : 16;
  size_t cap = 16;
  while (cap < self->cap) cap *= 2;
  self->cap = cap;
  self->slots = bl_calloc(self->cap, sizeof *self->slots);
  self->used = self->count;
  for (size_t i = 0; i < old_cap; i++) {
    if (!old[i] || old[i] == TOMBSTONE) continue;
    int found;
    self->slots[bl_store__find(self, old[i]->uri, &found)] = old[i];
  }
  bl_free(old);
}

void bl_store_put(BlStore *self, BlDocument *doc)
{
  if ((self->used + 1) * 2 > self->cap) bl_store__grow(self);
  int found;
  size_t i = bl_store__find(self, doc->uri, &found);
  if (found) {
    bl_document_delete(self->slots[i]);
  } else {
    if (!self->slots[i]) self->used++;
    self->count++;
  }
  self->slots[i] = doc;
}

int bl_store_close(BlStore *self, const char *uri)
{
  int found;
  size_t i = bl_store__find(self, uri, &found);
  if (!found) return -1;
  bl_document_delete(self->slots[i]);
  self->slots[i] = TOMBSTONE;
  self->count--;
  return 0;
}

void bl_store_each(const BlStore *self, void (*fn)(BlDocument *doc, void *data), void *data)
{
  for (size_t i = 0; i < self->cap; i++)
    if (self->slots[i] && self->slots[i] != TOMBSTONE) fn(self->slots[i], data);
}
