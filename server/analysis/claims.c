/* claims.c: (stub, being written) check-worthiness of sentences; see claims.h. */
#include "analyze.h"

void bl_score_claims(const BlAnalysis *an, BlSentenceInfos *infos)
{
  (void)an;
  (void)infos;
}
