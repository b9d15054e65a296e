/* analyze.h: the analysis pipeline's entry point: text in, findings out. It knows nothing of
 * LSP, JSON, libuv or UTF-16; the server and the CLI both call it.
 *
 * BlRuleSettings says, per registry rule (indexed as bl_rules), the severity to report at, or
 * BL_RULE_OFF. bl_rule_settings_default fills in each rule's default. */
#ifndef BL_ANALYZE_H
#define BL_ANALYZE_H

#include <stddef.h>

#include "finding.h"
#include "rules.h"

#define BL_RULE_OFF 0
#define BL_MAX_RULES 32

typedef struct BlRuleSettings {
  int severity[BL_MAX_RULES]; /* a BlSeverity, or BL_RULE_OFF */
} BlRuleSettings;

void bl_rule_settings_default(BlRuleSettings *self);

/* Runs every enabled rule over text[0..len) (any bytes; need not be NUL-terminated) and
 * appends the findings, sorted, to *out (which the caller initialized with {0} and frees with
 * bl_findings_free). settings may be NULL for the defaults. */
void bl_analyze(const char *text, size_t len, const BlRuleSettings *settings, BlFindings *out);

#endif
