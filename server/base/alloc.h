/* alloc.h: the one allocation hook. Every allocation in byline goes through these functions;
 * they abort the process on out-of-memory, so no caller checks for NULL. Memory they return is
 * freed with free() (or bl_free, which is the same). */
#ifndef BL_ALLOC_H
#define BL_ALLOC_H

#include <stddef.h>

void *bl_malloc(size_t size);
void *bl_calloc(size_t count, size_t size);
void *bl_realloc(void *ptr, size_t size);
/* Copies of strings; the caller frees the result. */
char *bl_strdup(const char *s);
char *bl_strndup(const char *s, size_t len);
void bl_free(void *ptr);

#endif
