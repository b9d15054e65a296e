/* entities.h: runs the recognizers over an article (see recognizers.h) and resolves overlaps:
 * the result has no two entities that overlap, sorted by start. */
#ifndef BL_ENTITIES_H
#define BL_ENTITIES_H

#include "entity.h"
#include "front_matter.h"
#include "lexicon.h"
#include "tokens.h"

/* lx: the gazetteers and word lists to read (not NULL). */
void bl_entities_recognize(const BlArticle *a, const BlTokens *tk, const BlMeta *meta, const BlLexicon *lx,
                           BlEntities *out);

#endif
