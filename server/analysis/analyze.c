/* analyze.c: the pipeline: blocks -> metadata -> tokens and sentences -> entities -> quotes ->
 * attribution -> claims -> rules
 * (see analyze.h). */
#include "analyze.h"

#include <assert.h>
#include <string.h>

#include "../base/alloc.h"
#include "entities.h"
#include "suppress.h"

void bl_rule_settings_default(BlRuleSettings *self)
{
  assert(bl_rules_count <= BL_MAX_RULES);
  for (size_t i = 0; i < BL_MAX_RULES; i++)
    self->severity[i] = i < bl_rules_count ? (int)bl_rules[i]->default_severity : BL_RULE_OFF;
}

/* Drops findings the text switched off, and reports directives that name unknown rules. */
static void bl_analysis__suppress(BlAnalysis *self)
{
  /* kept in the analysis: the corpus rules run later and honour the same directives */
  bl_suppressions_read(&self->suppressions, &self->article, &self->meta);
  const BlSuppressions *sup = &self->suppressions;
  size_t w = 0;
  for (size_t i = 0; i < self->findings.items.len; i++) {
    BlFinding *f = &self->findings.items.items[i];
    if (f->rule != &bl_rule_unknown_directive && bl_suppressions_hide(sup, f->rule, f->start)) {
      bl_free(f->message);
      for (size_t j = 0; j < f->related.len; j++) {
        bl_free(f->related.items[j].message);
        bl_free(f->related.items[j].uri);
      }
      bl_vec_free(&f->related);
      continue;
    }
    self->findings.items.items[w++] = *f;
  }
  self->findings.items.len = w;
  int sev = self->settings_unknown_directive;
  for (size_t i = 0; sev != BL_RULE_OFF && i < sup->problems.len; i++) {
    const BlSuppressProblem *p = &sup->problems.items[i];
    bl_findings_add(&self->findings, &bl_rule_unknown_directive, (BlSeverity)sev, p->start, p->end,
                    "'%.*s' is not a byline rule; the directive leaves it alone (see byline explain)",
                    (int)(p->end - p->start), self->text + p->start);
  }
}

bool bl_analysis_suppressed(const BlAnalysis *self, const BlRule *rule, size_t offset)
{
  return bl_suppressions_hide(&self->suppressions, rule, offset);
}

void bl_analysis_run_with(BlAnalysis *self, const char *text, size_t len, const BlAnalysisOptions *opts)
{
  const BlRuleSettings *settings = opts ? opts->rules : NULL;
  const BlLexicon *lx = opts && opts->lexicon ? opts->lexicon : bl_lexicon_get();
  BlRuleSettings defaults;
  if (!settings) {
    bl_rule_settings_default(&defaults);
    settings = &defaults;
  }
  memset(self, 0, sizeof *self);
  self->text = bl_strndup(text, len);
  self->len = len;
  self->settings_unknown_directive = settings->severity[bl_rule_index(&bl_rule_unknown_directive)];
  bl_article_init(&self->article, self->text, len);
  bl_meta_read(&self->meta, &self->article);
  bl_tokens_build(&self->tokens, &self->article);
  bl_entities_recognize(&self->article, &self->tokens, &self->meta, lx, &self->entities);
  bl_find_quotes(self, &self->quotes);
  bl_attribute_sentences(self, &self->sentence_info);
  bl_score_claims(self, &self->sentence_info);
  for (size_t i = 0; i < bl_rules_count; i++) {
    int sev = settings->severity[i];
    if (sev == BL_RULE_OFF || !bl_rules[i]->check) continue;
    bl_rules[i]->check(self, bl_rules[i], (BlSeverity)sev, &self->findings);
  }
  bl_analysis__suppress(self);
  bl_findings_sort(&self->findings);
}

void bl_analysis_run(BlAnalysis *self, const char *text, size_t len, const BlRuleSettings *settings)
{
  BlAnalysisOptions opts = {settings, NULL};
  bl_analysis_run_with(self, text, len, &opts);
}

void bl_analysis_free(BlAnalysis *self)
{
  bl_findings_free(&self->findings);
  bl_suppressions_free(&self->suppressions);
  bl_vec_free(&self->sentence_info);
  bl_vec_free(&self->quotes);
  bl_entities_free(&self->entities);
  bl_tokens_free(&self->tokens);
  bl_meta_free(&self->meta);
  bl_article_free(&self->article);
  bl_free(self->text);
  memset(self, 0, sizeof *self);
}

void bl_analyze(const char *text, size_t len, const BlRuleSettings *settings, BlFindings *out)
{
  BlAnalysis an;
  bl_analysis_run(&an, text, len, settings);
  for (size_t i = 0; i < an.findings.items.len; i++) bl_vec_push(&out->items, an.findings.items.items[i]);
  an.findings.items.len = 0; /* moved */
  bl_analysis_free(&an);
  bl_findings_sort(out);
}
