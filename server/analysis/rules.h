/* rules.h: the rule registry: the single list that the analysis runs, the CLI prints, the server
 * advertises, SARIF describes and the docs mirror (docs/rules/<id>.md). Each rule lives in its
 * own file (rule_<name>.c) and is stateless: check(analysis, rule, severity, out), reading the
 * analysis computed so far (blocks, tokens, entities) and appending findings.
 * Rules and the registry are static data; nothing here is freed. */
#ifndef BL_RULES_H
#define BL_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "article.h"
#include "finding.h"

struct BlAnalysis;

typedef struct BlRule {
  const char *id;              /* stable, kebab-case: "unbalanced-quote" */
  BlSeverity default_severity;
  const char *summary;         /* one line, for --help, SARIF and editor settings */
  void (*check)(const struct BlAnalysis *analysis, const struct BlRule *self, BlSeverity severity,
                BlFindings *out);
  /* Corpus rules compare the text with other articles: the analysis knows they exist (for
   * settings, docs, SARIF), the corpus layer checks them (corpus/check.c); check is NULL. */
  bool corpus;
} BlRule;

extern const BlRule bl_rule_unsourced_claim;
extern const BlRule bl_rule_unattributed_quote;
extern const BlRule bl_rule_anonymous_source;
extern const BlRule bl_rule_vague_attribution;
extern const BlRule bl_rule_unbalanced_quote;
extern const BlRule bl_rule_source_not_in_corpus;
extern const BlRule bl_rule_misquote;
extern const BlRule bl_rule_conflicting_figure;
extern const BlRule bl_rule_invalid_encoding;
extern const BlRule bl_rule_unknown_directive;

/* The registry, in documentation order. */
extern const BlRule *const bl_rules[];
extern const size_t bl_rules_count;

/* The rule with this id, or NULL. */
const BlRule *bl_rule_find(const char *id);
/* Index of a rule in bl_rules (its ruleIndex in SARIF). */
size_t bl_rule_index(const BlRule *rule);

#endif
