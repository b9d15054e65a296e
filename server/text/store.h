/* store.h: the open documents, by URI. The store owns every document in it: bl_store_close
 * and bl_store_free delete them. Lookups are hashed; URIs are compared byte for byte. */
#ifndef BL_STORE_H
#define BL_STORE_H

#include <stddef.h>

#include "document.h"

typedef struct BlStore {
  BlDocument **slots; /* open addressing; NULL = empty, TOMBSTONE = deleted */
  size_t cap, count, used;
} BlStore;

void bl_store_init(BlStore *self);
void bl_store_free(BlStore *self);
BlDocument *bl_store_get(const BlStore *self, const char *uri);
/* Takes ownership of doc, replacing (and deleting) any document with the same URI. */
void bl_store_put(BlStore *self, BlDocument *doc);
/* Deletes the document; returns 0, or -1 when no such document is open. */
int bl_store_close(BlStore *self, const char *uri);
/* Calls fn for every document, in no particular order. */
void bl_store_each(const BlStore *self, void (*fn)(BlDocument *doc, void *data), void *data);

#endif
