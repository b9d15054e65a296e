/* rule_unsourced_claim.c: `unsourced-claim` — a sentence states a check-worthy fact (claims.c)
 * and nothing attributes it (attribution.c): no cue in the sentence, no attribution carried from
 * its paragraph, no link. Headlines and section headings are not checked: they summarize what
 * the body attributes. The message says why the sentence counts as a claim. */
#include "../base/buf.h"
#include "analyze.h"
#include "rules.h"

/* "states a figure and names an actor" from the claim's reasons. */
static void bl_uc__reasons(BlBuf *b, uint8_t reasons)
{
  static const struct {
    uint8_t bit;
    const char *words;
  } parts[] = {
      {BL_CLAIM_FIGURE, "states a figure"},
      {BL_CLAIM_ACTOR, "names an actor doing something"},
      {BL_CLAIM_EVENT, "reports an event"},
      {BL_CLAIM_COMPARISON, "makes a comparison"},
  };
  size_t n = 0, total = 0;
  for (size_t i = 0; i < 4; i++) total += (reasons & parts[i].bit) != 0;
  for (size_t i = 0; i < 4; i++) {
    if (!(reasons & parts[i].bit)) continue;
    if (n) bl_buf_puts(b, n + 1 == total ? " and " : ", ");
    bl_buf_puts(b, parts[i].words);
    n++;
  }
  if (!n) bl_buf_puts(b, "states a checkable fact");
}

static void bl_uc__check(const BlAnalysis *an, const BlRule *self, BlSeverity sev, BlFindings *out)
{
  BlBuf why;
  bl_buf_init(&why, 0);
  for (size_t i = 0; i < an->tokens.sentences.len && i < an->sentence_info.len; i++) {
    const BlSentence *s = &an->tokens.sentences.items[i];
    const BlSentenceInfo *info = &an->sentence_info.items[i];
    if (!info->claim || info->attributed) continue;
    BlBlockKind kind = an->article.blocks.items[s->block].kind;
    if (kind != BL_BLOCK_PARAGRAPH && kind != BL_BLOCK_LIST_ITEM && kind != BL_BLOCK_QUOTE) continue;
    bl_buf_reset(&why);
    bl_uc__reasons(&why, info->claim_reasons);
    bl_findings_add(out, self, sev, s->start, s->end,
                    "%s, but no source: no cue in the sentence or its paragraph (who says so?)", why.data);
  }
  bl_buf_free(&why);
}

const BlRule bl_rule_unsourced_claim = {
    .id = "unsourced-claim",
    .default_severity = BL_SEV_WARNING,
    .summary = "A sentence states a check-worthy fact and nothing attributes it.",
    .check = bl_uc__check,
};
