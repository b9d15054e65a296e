/* recognize_quantity.c: (stub) see recognizers.h. */
#include "recognizers.h"

void bl_recognize_quantities(const BlArticle *a, const BlTokens *tk, BlEntities *out)
{
  (void)a;
  (void)tk;
  (void)out;
}
