/* analyze.c: runs the rules over one text (see analyze.h). */
#include "analyze.h"

#include <assert.h>

#include "article.h"

void bl_rule_settings_default(BlRuleSettings *self)
{
  static_assert(sizeof self->severity / sizeof self->severity[0] >= 2, "room for the rules");
  assert(bl_rules_count <= BL_MAX_RULES);
  for (size_t i = 0; i < BL_MAX_RULES; i++)
    self->severity[i] = i < bl_rules_count ? (int)bl_rules[i]->default_severity : BL_RULE_OFF;
}

void bl_analyze(const char *text, size_t len, const BlRuleSettings *settings, BlFindings *out)
{
  BlRuleSettings defaults;
  if (!settings) {
    bl_rule_settings_default(&defaults);
    settings = &defaults;
  }
  BlArticle article;
  bl_article_init(&article, text, len);
  for (size_t i = 0; i < bl_rules_count; i++) {
    int sev = settings->severity[i];
    if (sev == BL_RULE_OFF) continue;
    bl_rules[i]->check(&article, bl_rules[i], (BlSeverity)sev, out);
  }
  bl_article_free(&article);
  bl_findings_sort(out);
}
