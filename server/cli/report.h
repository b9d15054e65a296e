/* report.h: lint output in the four formats: text (file:line:col: severity: message [rule]),
 * JSON Lines, SARIF 2.1.0 and GitHub workflow annotations. Lines and columns are 1-based;
 * columns count Unicode code points (SARIF's "unicodeCodePoints"). Byte offsets are also given
 * in JSON and SARIF. The report borrows `out`; bl_report_finish writes what is still held
 * (SARIF is one document) and frees the report. */
#ifndef BL_REPORT_H
#define BL_REPORT_H

#include <stdio.h>

#include "../analysis/finding.h"

typedef enum { BL_FORMAT_TEXT, BL_FORMAT_JSON, BL_FORMAT_SARIF, BL_FORMAT_GITHUB } BlFormat;

typedef struct BlReport BlReport;

/* Parses "text", "json", "sarif", "github"; returns 0, or -1 for an unknown name. */
int bl_format_parse(const char *name, BlFormat *out);

BlReport *bl_report_new(BlFormat format, FILE *out);
/* Reports one file's findings; `text` is the file's content, for line and column numbers. */
void bl_report_file(BlReport *self, const char *path, const char *text, size_t len, const BlFindings *findings);
void bl_report_finish(BlReport *self);

#endif
