/* convert.h: the edge between byte spans and LSP: ranges in the negotiated encoding, and
 * findings as LSP Diagnostic objects. The only place findings meet JSON.
 * Returned cJSON trees belong to the caller (usually handed on to a message builder). */
#ifndef BL_CONVERT_H
#define BL_CONVERT_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "../analysis/finding.h"
#include "../text/document.h"

cJSON *bl_lsp_range(const BlDocument *doc, size_t start, size_t end, BlEncoding enc);
/* A Range from positions already in the client's encoding. */
cJSON *bl_lsp_range_at(size_t start_line, size_t start_char, size_t end_line, size_t end_char);
/* Reads {line, character}; returns BL_POS_OK, or BL_POS_E* / 1 for a malformed object. */
int bl_lsp_read_position(const cJSON *json, BlPosition *out);
/* One finding as an LSP Diagnostic. */
cJSON *bl_lsp_diagnostic(const BlDocument *doc, const BlFinding *f, BlEncoding enc, bool related_information);
/* The array of Diagnostic objects for a document's findings. */
cJSON *bl_lsp_diagnostics(const BlDocument *doc, const BlFindings *findings, BlEncoding enc,
                          bool related_information);

#endif
