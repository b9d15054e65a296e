/* recognize_time.c: (stub) see recognizers.h. */
#include "recognizers.h"

void bl_recognize_times(const BlArticle *a, const BlTokens *tk, const BlMeta *meta, BlEntities *out)
{
  (void)a;
  (void)tk;
  (void)meta;
  (void)out;
}
