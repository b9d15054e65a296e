/* front_matter.h: the article's metadata: the key: value lines of its front matter (title,
 * outlet, url, date, author, and byline's own switches), else the headline (first line).
 * Strings are owned by the BlMeta (bl_meta_free); a value in matching quotes is unquoted.
 * The date, when the front matter gives one as YYYY-MM-DD, is also parsed into numbers. */
#ifndef BL_FRONT_MATTER_H
#define BL_FRONT_MATTER_H

#include <stddef.h>

#include "article.h"

typedef struct BlMetaField {
  char *key, *value;
  size_t value_start, value_end; /* bytes of the value in the text */
} BlMetaField;

typedef struct BlMeta {
  BlVec(BlMetaField) fields;
  char *title;  /* front matter title, else the headline; never NULL */
  int year, month, day; /* from `date`, 0 when absent or unparsable */
} BlMeta;

void bl_meta_read(BlMeta *self, const BlArticle *article);
/* The value of a key (case-insensitive), or NULL. */
const char *bl_meta_get(const BlMeta *self, const char *key);
void bl_meta_free(BlMeta *self);

#endif
