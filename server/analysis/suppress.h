/* suppress.h: what the text itself switches off. In any article (Markdown or plain text) an
 * HTML comment on lines of its own is a directive:
 *   <!-- byline-disable RULE[, RULE...] -->          from here on (no RULE: every rule)
 *   <!-- byline-enable RULE[, RULE...] -->           back on (no RULE: every rule)
 *   <!-- byline-disable-next-line RULE[, RULE...] --> the next line of text only
 * and in the front matter `byline: off` switches every rule off for the file,
 * `byline-disable: RULE, RULE` the rules named. Unknown rule names are collected as problems
 * (with their byte span) so the caller can report them.
 * BlSuppressions owns its arrays (bl_suppressions_free). */
#ifndef BL_SUPPRESS_H
#define BL_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/vec.h"
#include "article.h"
#include "front_matter.h"
#include "rules.h"

typedef struct BlSuppressRange {
  int rule; /* index in bl_rules, or -1 for every rule */
  size_t start, end;
} BlSuppressRange;

typedef struct BlSuppressProblem {
  size_t start, end; /* the unknown name */
} BlSuppressProblem;

typedef struct BlSuppressions {
  BlVec(BlSuppressRange) ranges;
  BlVec(BlSuppressProblem) problems;
} BlSuppressions;

void bl_suppressions_read(BlSuppressions *self, const BlArticle *article, const BlMeta *meta);
bool bl_suppressions_hide(const BlSuppressions *self, const BlRule *rule, size_t offset);
void bl_suppressions_free(BlSuppressions *self);

#endif
