/* analyze.h: the analysis pipeline's entry point: text in, an immutable BlAnalysis out —
 * blocks, metadata, tokens and sentences, entities, quotes, sentence attribution and
 * check-worthiness, and the rules' findings. It knows nothing of
 * LSP, JSON, libuv or UTF-16; the server and the CLI both call it.
 *
 * BlRuleSettings says, per registry rule (indexed as bl_rules), the severity to report at, or
 * BL_RULE_OFF. bl_rule_settings_default fills in each rule's default. BlAnalysisOptions adds the
 * lexicon (gazetteers and word lists) to recognize entities with: a .byline.json's own, built by
 * the config layer, or NULL for the process-wide one.
 *
 * A BlAnalysis owns a copy of the text and everything it computed; bl_analysis_free releases it. */
#ifndef BL_ANALYZE_H
#define BL_ANALYZE_H

#include <stddef.h>

#include "article.h"
#include "claims.h"
#include "entity.h"
#include "finding.h"
#include "front_matter.h"
#include "lexicon.h"
#include "rules.h"
#include "suppress.h"
#include "tokens.h"

#define BL_RULE_OFF 0
#define BL_MAX_RULES 32

typedef struct BlRuleSettings {
  int severity[BL_MAX_RULES]; /* a BlSeverity, or BL_RULE_OFF */
} BlRuleSettings;

void bl_rule_settings_default(BlRuleSettings *self);

typedef struct BlAnalysisOptions {
  const BlRuleSettings *rules; /* NULL: every rule at its default severity */
  const BlLexicon *lexicon;    /* NULL: the process-wide lexicon (bl_lexicon_get); read only while
                                  the analysis runs: the result keeps no pointer into it */
} BlAnalysisOptions;

typedef struct BlAnalysis {
  char *text; /* a private copy, NUL-terminated */
  size_t len;
  BlArticle article;
  BlMeta meta;
  BlTokens tokens;
  BlEntities entities;
  BlQuotes quotes;
  BlSentenceInfos sentence_info; /* parallel to tokens.sentences */
  BlFindings findings;
  int settings_unknown_directive; /* severity for unknown-directive findings */
  BlSuppressions suppressions;    /* what the text switched off */
} BlAnalysis;

/* Analyses text[0..len) (any bytes). opts may be NULL for the defaults. */
void bl_analysis_run_with(BlAnalysis *self, const char *text, size_t len, const BlAnalysisOptions *opts);
/* The same with the process-wide lexicon; settings may be NULL for the defaults. */
void bl_analysis_run(BlAnalysis *self, const char *text, size_t len, const BlRuleSettings *settings);
void bl_analysis_free(BlAnalysis *self);
/* Whether the text switched `rule` off at `offset` (for rules checked after the analysis). */
bool bl_analysis_suppressed(const BlAnalysis *self, const BlRule *rule, size_t offset);

/* Only the findings: appends them, sorted, to *out (initialized with {0}; the caller frees it
 * with bl_findings_free). */
void bl_analyze(const char *text, size_t len, const BlRuleSettings *settings, BlFindings *out);

#endif
