/* vec.h: a typed growable array, in the manner of tree-sitter's Array(T).
 *   BlVec(int) v = {0};  bl_vec_push(&v, 3);  ... bl_vec_free(&v);
 * The vector owns `items` (freed by bl_vec_free); it does not own what the items point to. */
#ifndef BL_VEC_H
#define BL_VEC_H

#include <assert.h>
#include <stddef.h>

#include "alloc.h"

#define BlVec(T) struct { T *items; size_t len, cap; }

#define bl_vec_reserve(v, n)                                                         \
  do {                                                                               \
    size_t bl__need = (v)->len + (n);                                                \
    if (bl__need > (v)->cap) {                                                       \
      size_t bl__cap = (v)->cap ? (v)->cap * 2 : 8;                                  \
      while (bl__cap < bl__need) bl__cap *= 2;                                       \
      (v)->items = bl_realloc((v)->items, bl__cap * sizeof *(v)->items);             \
      (v)->cap = bl__cap;                                                            \
    }                                                                                \
  } while (0)

#define bl_vec_push(v, x)                                                            \
  do {                                                                               \
    bl_vec_reserve(v, 1);                                                            \
    (v)->items[(v)->len++] = (x);                                                    \
  } while (0)

/* Bounds-checked access: an out-of-range index is a programmer error. */
#define bl_vec_get(v, i) (assert((size_t)(i) < (v)->len), &(v)->items[(i)])
#define bl_vec_last(v) (assert((v)->len > 0), &(v)->items[(v)->len - 1])
#define bl_vec_clear(v) ((v)->len = 0)
#define bl_vec_free(v)                                                               \
  do {                                                                               \
    bl_free((v)->items);                                                             \
    (v)->items = NULL;                                                               \
    (v)->len = (v)->cap = 0;                                                         \
  } while (0)

#endif
