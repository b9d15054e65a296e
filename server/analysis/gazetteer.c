/* gazetteer.c: (stub) see recognizers.h. */
#include "recognizers.h"

void bl_apply_gazetteers(const BlArticle *a, const BlTokens *tk, BlEntities *out)
{
  (void)a;
  (void)tk;
  (void)out;
}
