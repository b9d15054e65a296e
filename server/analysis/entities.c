/* entities.c: the entity pipeline: times and quantities first (patterns are exact; a duration such as "five years" is claimed before
 * its number), then the
 * name model, the gazetteers, officials, and last the linker that gives every mention its
 * canonical name. Overlaps are resolved at the end: the earlier recognizer wins, then the longer
 * span. */
#include "entities.h"

#include "recognizers.h"

static void bl_entities__resolve(BlEntities *out)
{
  /* Stable order of discovery is the priority: keep an entity only if it overlaps none kept
   * before it. O(n log n): sort a copy of indices by start after marking. */
  size_t n = out->items.len;
  if (n < 2) return;
  BlVec(uint32_t) kept = {0}; /* kept entities' indices, sorted by start */
  for (size_t i = 0; i < n; i++) {
    BlEntity *e = &out->items.items[i];
    /* binary search the first kept entity with start >= e->start */
    size_t lo = 0, hi = kept.len;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (out->items.items[kept.items[mid]].start < e->start) lo = mid + 1;
      else hi = mid;
    }
    bool clash = false;
    if (lo > 0 && out->items.items[kept.items[lo - 1]].end > e->start) clash = true;
    if (lo < kept.len && out->items.items[kept.items[lo]].start < e->end) clash = true;
    if (clash) {
      bl_entity_clear(e);
      e->end = e->start = UINT32_MAX; /* dropped */
      continue;
    }
    bl_vec_reserve(&kept, 1);
    for (size_t k = kept.len; k > lo; k--) kept.items[k] = kept.items[k - 1];
    kept.items[lo] = (uint32_t)i;
    kept.len++;
  }
  bl_vec_free(&kept);
  size_t w = 0;
  for (size_t i = 0; i < n; i++)
    if (out->items.items[i].start != UINT32_MAX) out->items.items[w++] = out->items.items[i];
  out->items.len = w;
}

void bl_entities_recognize(const BlArticle *a, const BlTokens *tk, const BlMeta *meta, const BlLexicon *lx,
                           BlEntities *out)
{
  bl_recognize_times(a, tk, meta, out);
  bl_recognize_quantities(a, tk, out);
  bl_recognize_names(a, tk, out);
  bl_apply_gazetteers(a, tk, lx, out);
  bl_recognize_officials(a, tk, lx, out);
  bl_entities__resolve(out);
  bl_entities_sort(out);
  bl_link_entities(a, tk, lx, out);
}
