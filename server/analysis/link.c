/* link.c: (stub) see recognizers.h. */
#include "recognizers.h"

void bl_link_entities(const BlArticle *a, const BlTokens *tk, BlEntities *out)
{
  (void)a;
  (void)tk;
  (void)out;
}
