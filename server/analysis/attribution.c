/* attribution.c: (stub, being written) sentence attribution; see claims.h. */
#include "analyze.h"

void bl_attribute_sentences(const BlAnalysis *an, BlSentenceInfos *out)
{
  for (size_t i = 0; i < an->tokens.sentences.len; i++) {
    BlSentenceInfo info = {0};
    info.source_entity = -1;
    info.carried_from = -1;
    bl_vec_push(out, info);
  }
}
