/* rule_anonymous_source.c: `anonymous-source` — the attribution is to an unnamed person ("a
 * former senior official told the Post"). Information, not a warning: anonymous sourcing is
 * sometimes necessary; the finding makes it visible to the editor. Reported once per source
 * mention, at the source, with the cue as related information. */
#include "analyze.h"
#include "rules.h"

static void bl_as__check(const BlAnalysis *an, const BlRule *self, BlSeverity sev, BlFindings *out)
{
  uint32_t last = UINT32_MAX;
  for (size_t i = 0; i < an->sentence_info.len; i++) {
    const BlSentenceInfo *info = &an->sentence_info.items[i];
    if (!info->anonymous || info->source.start == info->source.end || info->how == BL_ATTR_CARRIED) continue;
    if (info->source.start == last) continue;
    last = info->source.start;
    BlFinding *f = bl_findings_add(out, self, sev, info->source.start, info->source.end,
                                   "anonymous source: \"%.*s\" is not named; say why the source is granted "
                                   "anonymity, or name them",
                                   (int)(info->source.end - info->source.start), an->text + info->source.start);
    if (info->cue.start != info->cue.end) bl_finding_relate(f, info->cue.start, info->cue.end, "the attribution's cue");
  }
}

const BlRule bl_rule_anonymous_source = {
    .id = "anonymous-source",
    .default_severity = BL_SEV_INFORMATION,
    .summary = "An attribution is to an unnamed person.",
    .check = bl_as__check,
};
