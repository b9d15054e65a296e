/* fuzz_front_matter.c: blocks and front matter (bl_article_init, bl_meta_read) on any bytes.
 *
 * Checked: blocks are in bounds, in order and do not overlap; at most one front matter block,
 * and only at the start of the text; every field has a key without
 * a colon or a line break inside, and its value is the text at value_start..value_end (unquoted),
 * inside the front matter block; the title is never NULL and holds no line break; a parsed
 * date is a real calendar month and day; bl_meta_get finds the first field of each key. */
#include "fuzz.h"

#include <strings.h>

#include "analysis/article.h"
#include "analysis/front_matter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *t = (const char *)data;
  BlArticle a;
  bl_article_init(&a, t, size);
  const BlBlock *fm = NULL;
  for (size_t i = 0; i < a.blocks.len; i++) {
    const BlBlock *b = &a.blocks.items[i];
    FUZZ_CHECK(b->start <= b->end && b->end <= size, "block %zu: %zu..%zu outside %zu bytes", i, b->start, b->end, size);
    if (i) FUZZ_CHECK(b->start >= a.blocks.items[i - 1].end, "block %zu overlaps the one before", i);
    if (b->kind == BL_BLOCK_FRONT_MATTER) {
      FUZZ_CHECK(!fm, "two front matter blocks");
      FUZZ_CHECK(i == 0 && b->start == 0, "front matter that is not at the start");
      fm = b;
    }
  }
  BlMeta m;
  bl_meta_read(&m, &a);
  FUZZ_CHECK(m.title != NULL, "no title");
  FUZZ_CHECK(bl_meta_get(&m, "title") || (!strchr(m.title, '\n') && !strchr(m.title, '\r')),
             "the headline title holds a line break: '%s'", m.title);
  for (size_t i = 0; i < m.fields.len; i++) {
    const BlMetaField *f = &m.fields.items[i];
    FUZZ_CHECK(fm != NULL, "a field without front matter");
    /* (a NUL in the text ends the key's copy early, so its length and ends are not checked) */
    FUZZ_CHECK(!strchr(f->key, ':') && !strchr(f->key, '\n'), "bad key '%s'", f->key);
    FUZZ_CHECK(f->value_start <= f->value_end && f->value_start >= fm->start && f->value_end <= fm->end,
               "field %zu: value %zu..%zu outside the front matter %zu..%zu", i, f->value_start, f->value_end, fm->start,
               fm->end);
    size_t vn = f->value_end - f->value_start;
    FUZZ_CHECK(strlen(f->value) <= vn && memcmp(f->value, t + f->value_start, strlen(f->value)) == 0,
               "field %zu: value is not the text at its offsets", i);
    const char *first = bl_meta_get(&m, f->key);
    for (size_t j = 0; j < m.fields.len; j++) {
      if (strcasecmp(m.fields.items[j].key, f->key) != 0) continue;
      FUZZ_CHECK(first == m.fields.items[j].value, "bl_meta_get does not return the first '%s'", f->key);
      break;
    }
  }
  if (m.year || m.month || m.day)
    FUZZ_CHECK(m.month >= 1 && m.month <= 12 && m.day >= 1 && m.day <= 31, "date %d-%d-%d", m.year, m.month, m.day);
  bl_meta_free(&m);
  bl_article_free(&a);
  return 0;
}
