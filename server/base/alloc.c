/* alloc.c: allocation that aborts on out-of-memory (see alloc.h). */
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void bl_alloc__die(size_t size)
{
  fprintf(stderr, "byline: out of memory allocating %zu bytes\n", size);
  abort();
}

void *bl_malloc(size_t size)
{
  void *p = malloc(size ? size : 1);
  if (!p) bl_alloc__die(size);
  return p;
}

void *bl_calloc(size_t count, size_t size)
{
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p) bl_alloc__die(count * size);
  return p;
}

void *bl_realloc(void *ptr, size_t size)
{
  void *p = realloc(ptr, size ? size : 1);
  if (!p) bl_alloc__die(size);
  return p;
}

char *bl_strndup(const char *s, size_t len)
{
  char *p = bl_malloc(len + 1);
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *bl_strdup(const char *s)
{
  return bl_strndup(s, strlen(s));
}

void bl_free(void *ptr)
{
  free(ptr);
}
