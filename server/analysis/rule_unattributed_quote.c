/* rule_unattributed_quote.c: `unattributed-quote` — a direct quote with no speaker: no cue verb
 * next to it, no speaker it continues from, and no attribution in its sentence. Short partial
 * quotes of three words or fewer are left alone: they are far more often scare quotes, titles or
 * nicknames ("so-called “experts”") than reported speech. */
#include "analyze.h"
#include "rules.h"

enum { BL_UQ_MIN_PARTIAL_WORDS = 4 };

static size_t bl_uaq__words(const BlAnalysis *an, BlSpan s)
{
  const BlToken *toks = an->tokens.tokens.items;
  size_t lo = 0, hi = an->tokens.tokens.len; /* first token starting at or after s.start */
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (toks[mid].start < s.start) lo = mid + 1;
    else hi = mid;
  }
  size_t n = 0;
  for (size_t i = lo; i < an->tokens.tokens.len && toks[i].start < s.end; i++) n += toks[i].kind != BL_TOK_PUNCT;
  return n;
}

/* Whether the sentence that holds `offset` is attributed. */
static bool bl_uaq__sentence_attributed(const BlAnalysis *an, size_t offset)
{
  const BlSentences *ss = &an->tokens.sentences;
  size_t lo = 0, hi = ss->len;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (ss->items[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < ss->len && lo < an->sentence_info.len && ss->items[lo].start <= offset &&
         an->sentence_info.items[lo].attributed && an->sentence_info.items[lo].how != BL_ATTR_QUOTE;
}

static void bl_uaq__check(const BlAnalysis *an, const BlRule *self, BlSeverity sev, BlFindings *out)
{
  for (size_t i = 0; i < an->quotes.len; i++) {
    const BlQuote *q = &an->quotes.items[i];
    if (q->how != BL_SPEAKER_NONE || (q->flags & BL_QF_UNCLOSED)) continue; /* unclosed: unbalanced-quote's */
    if ((q->flags & BL_QF_PARTIAL) && bl_uaq__words(an, q->content) < BL_UQ_MIN_PARTIAL_WORDS) continue;
    if (bl_uaq__sentence_attributed(an, q->span.start)) continue;
    bl_findings_add(out, self, sev, q->span.start, q->span.end,
                    "direct quote with no speaker: no cue such as \"said\", \"told\" or \"according to\" "
                    "names who said it");
  }
}

const BlRule bl_rule_unattributed_quote = {
    .id = "unattributed-quote",
    .default_severity = BL_SEV_WARNING,
    .summary = "A direct quote has no speaker.",
    .check = bl_uaq__check,
};
