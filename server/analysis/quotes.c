/* quotes.c: (stub, being written) direct quotes and their speakers; see claims.h. */
#include "analyze.h"

void bl_find_quotes(const BlAnalysis *an, BlQuotes *out)
{
  (void)an;
  (void)out;
}
