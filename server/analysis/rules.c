/* rules.c: the rule registry (see rules.h). Adding a rule: write rule_<name>.c, declare it in
 * rules.h, list it here, and add docs/rules/<id>.md (a test checks every rule has its page). */
#include "rules.h"

#include <string.h>

const BlRule *const bl_rules[] = {
    &bl_rule_unsourced_claim,
    &bl_rule_unattributed_quote,
    &bl_rule_anonymous_source,
    &bl_rule_vague_attribution,
    &bl_rule_source_not_in_corpus,
    &bl_rule_misquote,
    &bl_rule_conflicting_figure,
    &bl_rule_unbalanced_quote,
    &bl_rule_invalid_encoding,
    &bl_rule_unknown_directive,
};
const size_t bl_rules_count = sizeof bl_rules / sizeof bl_rules[0];

const BlRule *bl_rule_find(const char *id)
{
  for (size_t i = 0; i < bl_rules_count; i++)
    if (strcmp(bl_rules[i]->id, id) == 0) return bl_rules[i];
  return NULL;
}

size_t bl_rule_index(const BlRule *rule)
{
  for (size_t i = 0; i < bl_rules_count; i++)
    if (bl_rules[i] == rule) return i;
  return 0;
}

/* The corpus rules: declared here so settings, docs and SARIF know them; checked in corpus/. */
const BlRule bl_rule_source_not_in_corpus = {
    .id = "source-not-in-corpus",
    .default_severity = BL_SEV_HINT,
    .summary = "An attribution names an outlet or report that no corpus article matches.",
    .corpus = true,
};

const BlRule bl_rule_misquote = {
    .id = "misquote",
    .default_severity = BL_SEV_ERROR,
    .summary = "A quote differs from the corpus source it is attributed to.",
    .corpus = true,
};

const BlRule bl_rule_conflicting_figure = {
    .id = "conflicting-figure",
    .default_severity = BL_SEV_WARNING,
    .summary = "The same measure of the same actor is stated with a different figure in another article.",
    .corpus = true,
};
