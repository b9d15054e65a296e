/* recognizers.h: the entity recognizers that entities.c runs, in this order, each in its own
 * file. Each appends what it finds to `out` (a recognizer may also refine or drop entities found
 * before it: the gazetteer sets subtypes and codes, the linker sets canonical names and groups).
 * All read the same tokens; none sees JSON, LSP or UTF-16. Those that read word lists take the
 * lexicon to read (never NULL: the analysis passes its options' lexicon or bl_lexicon_get()). */
#ifndef BL_RECOGNIZERS_H
#define BL_RECOGNIZERS_H

#include "article.h"
#include "entity.h"
#include "front_matter.h"
#include "lexicon.h"
#include "tokens.h"

/* money, number, percent (recognize_quantity.c) */
void bl_recognize_quantities(const BlArticle *a, const BlTokens *tk, BlEntities *out);
/* date, time, duration, normalized against the article's date when meta has one
 * (recognize_time.c) */
void bl_recognize_times(const BlArticle *a, const BlTokens *tk, const BlMeta *meta, BlEntities *out);
/* person, organization, place (and misc) from the statistical model (names.c); skips tokens
 * already covered by an entity in `out` */
void bl_recognize_names(const BlArticle *a, const BlTokens *tk, BlEntities *out);
/* known organizations, outlets, agencies, countries and cities: adds what the model missed,
 * sets subtypes and ISO codes (gazetteer.c) */
void bl_apply_gazetteers(const BlArticle *a, const BlTokens *tk, const BlLexicon *lx, BlEntities *out);
/* officials named by role only ("a former U.S. military official") and roles of named
 * people ("Commerce Secretary Gina Raimondo") (recognize_official.c) */
void bl_recognize_officials(const BlArticle *a, const BlTokens *tk, const BlLexicon *lx, BlEntities *out);
/* canonical names and groups within the document: acronym <-> expansion, "the Post" after
 * "The Washington Post", surnames after full names, possessives (link.c) */
void bl_link_entities(const BlArticle *a, const BlTokens *tk, const BlLexicon *lx, BlEntities *out);

#endif
