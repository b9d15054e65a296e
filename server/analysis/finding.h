/* finding.h: what a rule says about a text, in terms the analysis owns: a rule, a severity, a
 * byte span (UTF-8 offsets, end exclusive), a message and related spans. No LSP, no JSON.
 *
 * A BlFindings list owns every message and related span in it; bl_findings_free releases them.
 * Severities are numbered from most to least severe (1 = error) and that order is API. */
#ifndef BL_FINDING_H
#define BL_FINDING_H

#include <stdarg.h>
#include <stddef.h>

#include "../base/vec.h"

typedef enum {
  BL_SEV_ERROR = 1,
  BL_SEV_WARNING = 2,
  BL_SEV_INFORMATION = 3,
  BL_SEV_HINT = 4,
} BlSeverity;

struct BlRule;

/* A place that explains a finding: in the same text (uri NULL, byte span), or in another
 * document (uri set, owned, and the span's line and column in each encoding precomputed, since
 * that document's text is not at hand where the finding is shown). */
typedef struct BlRelated {
  size_t start, end;
  char *message;
  char *uri;
  size_t line, end_line;             /* 0-based */
  size_t col[3], end_col[3];         /* indexed by BlEncoding: UTF-8, UTF-16, UTF-32 */
} BlRelated;

typedef struct BlFinding {
  const struct BlRule *rule;
  BlSeverity severity;
  size_t start, end;
  char *message;
  BlVec(BlRelated) related;
} BlFinding;

typedef struct BlFindings {
  BlVec(BlFinding) items;
} BlFindings;

/* "error", "warning", "information", "hint". */
const char *bl_severity_name(BlSeverity sev);
/* Parses a severity name (also "info"); returns 0 on success, -1 for an unknown name. */
int bl_severity_parse(const char *name, BlSeverity *out);

/* Appends a finding with a printf-formatted message; returns it so related spans can follow. */
BlFinding *bl_findings_add(BlFindings *self, const struct BlRule *rule, BlSeverity sev,
                           size_t start, size_t end, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void bl_finding_relate(BlFinding *self, size_t start, size_t end, const char *message);
/* A related place in another document; returns it so the caller fills line and columns. */
BlRelated *bl_finding_relate_elsewhere(BlFinding *self, const char *uri, size_t start, size_t end, const char *message);
/* Sorts by start offset, then end, then rule id: the order every output uses. */
void bl_findings_sort(BlFindings *self);
void bl_findings_free(BlFindings *self);

#endif
