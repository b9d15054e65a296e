/* rule_vague_attribution.c: `vague-attribution` — "reportedly", "it is said", "some say",
 * "critics argue", "experts believe": an attribution that does not say who. Reported at the cue
 * (attribution.c finds it and marks the sentence vague). */
#include "analyze.h"
#include "rules.h"

static void bl_va__check(const BlAnalysis *an, const BlRule *self, BlSeverity sev, BlFindings *out)
{
  for (size_t i = 0; i < an->sentence_info.len; i++) {
    const BlSentenceInfo *info = &an->sentence_info.items[i];
    if (!info->vague || info->how == BL_ATTR_CARRIED) continue;
    BlSpan at = info->cue.start != info->cue.end ? info->cue : (BlSpan){an->tokens.sentences.items[i].start,
                                                                         an->tokens.sentences.items[i].end};
    bl_findings_add(out, self, sev, at.start, at.end,
                    "vague attribution: \"%.*s\" does not say who; name the source", (int)(at.end - at.start),
                    an->text + at.start);
  }
}

const BlRule bl_rule_vague_attribution = {
    .id = "vague-attribution",
    .default_severity = BL_SEV_INFORMATION,
    .summary = "An attribution does not say who: \"reportedly\", \"critics argue\", \"experts believe\".",
    .check = bl_va__check,
};
