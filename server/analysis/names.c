/* names.c: (stub) see recognizers.h. */
#include "recognizers.h"

void bl_recognize_names(const BlArticle *a, const BlTokens *tk, BlEntities *out)
{
  (void)a;
  (void)tk;
  (void)out;
}
