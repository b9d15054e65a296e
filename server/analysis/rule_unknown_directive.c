/* rule_unknown_directive.c: `unknown-directive` — a suppression comment or front-matter switch
 * names a rule byline does not have (usually a typo), so it silences nothing. The findings are
 * made while reading the directives (suppress.c, analyze.c); this rule's check does nothing. */
#include "analyze.h"
#include "rules.h"

static void bl_ud__check(const BlAnalysis *an, const BlRule *self, BlSeverity sev, BlFindings *out)
{
  (void)an;
  (void)self;
  (void)sev;
  (void)out;
}

const BlRule bl_rule_unknown_directive = {
    .id = "unknown-directive",
    .default_severity = BL_SEV_WARNING,
    .summary = "A byline-disable comment or front-matter switch names a rule that does not exist.",
    .check = bl_ud__check,
};
