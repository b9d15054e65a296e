/* convert.c: byte spans -> LSP ranges, findings -> Diagnostics (see convert.h). */
#include "convert.h"


#include "../analysis/rules.h"
#include "../docs_path.h"

cJSON *bl_lsp_range(const BlDocument *doc, size_t start, size_t end, BlEncoding enc)
{
  size_t sl, sc, el, ec;
  bl_line_index_position(&doc->lines, doc->text, doc->len, start, enc, &sl, &sc);
  bl_line_index_position(&doc->lines, doc->text, doc->len, end, enc, &el, &ec);
  return bl_lsp_range_at(sl, sc, el, ec);
}

cJSON *bl_lsp_range_at(size_t sl, size_t sc, size_t el, size_t ec)
{
  cJSON *range = cJSON_CreateObject();
  cJSON *s = cJSON_AddObjectToObject(range, "start");
  cJSON_AddNumberToObject(s, "line", (double)sl);
  cJSON_AddNumberToObject(s, "character", (double)sc);
  cJSON *e = cJSON_AddObjectToObject(range, "end");
  cJSON_AddNumberToObject(e, "line", (double)el);
  cJSON_AddNumberToObject(e, "character", (double)ec);
  return range;
}

int bl_lsp_read_position(const cJSON *json, BlPosition *out)
{
  const cJSON *line = cJSON_GetObjectItemCaseSensitive(json, "line");
  const cJSON *ch = cJSON_GetObjectItemCaseSensitive(json, "character");
  if (!cJSON_IsNumber(line) || !cJSON_IsNumber(ch)) return 1;
  double l = line->valuedouble, c = ch->valuedouble;
  if (l < 0 || c < 0) return BL_POS_ENEGATIVE;
  /* beyond 2^53 a double is no exact integer, and casting past int64's range is undefined */
  if (!(l <= 9007199254740992.0) || !(c <= 9007199254740992.0)) return BL_POS_ELINE;
  if (l != (double)(int64_t)l || c != (double)(int64_t)c) return 1; /* not an integer */
  out->line = (int64_t)l;
  out->character = (int64_t)c;
  return BL_POS_OK;
}

cJSON *bl_lsp_diagnostic(const BlDocument *doc, const BlFinding *f, BlEncoding enc, bool related_information)
{
  cJSON *d = cJSON_CreateObject();
  cJSON_AddItemToObject(d, "range", bl_lsp_range(doc, f->start, f->end, enc));
  cJSON_AddNumberToObject(d, "severity", (double)f->severity);
  cJSON_AddStringToObject(d, "code", f->rule->id);
  cJSON *cd = cJSON_AddObjectToObject(d, "codeDescription");
  cJSON_AddStringToObject(cd, "href", bl_rule_doc_url(f->rule->id));
  cJSON_AddStringToObject(d, "source", "byline");
  cJSON_AddStringToObject(d, "message", f->message);
  if (related_information && f->related.len) {
    cJSON *rel = cJSON_AddArrayToObject(d, "relatedInformation");
    for (size_t j = 0; j < f->related.len; j++) {
      const BlRelated *r = &f->related.items[j];
      cJSON *ri = cJSON_CreateObject();
      cJSON *loc = cJSON_AddObjectToObject(ri, "location");
      cJSON_AddStringToObject(loc, "uri", r->uri ? r->uri : doc->uri);
      cJSON_AddItemToObject(loc, "range", r->uri ? bl_lsp_range_at(r->line, r->col[enc], r->end_line, r->end_col[enc])
                                                 : bl_lsp_range(doc, r->start, r->end, enc));
      cJSON_AddStringToObject(ri, "message", r->message);
      cJSON_AddItemToArray(rel, ri);
    }
  }
  return d;
}

cJSON *bl_lsp_diagnostics(const BlDocument *doc, const BlFindings *findings, BlEncoding enc,
                          bool related_information)
{
  cJSON *arr = cJSON_CreateArray();
  BlPosCursor starts = {0}; /* findings are sorted: convert their starts in one pass */
  for (size_t i = 0; i < findings->items.len; i++) {
    const BlFinding *f = &findings->items.items[i];
    cJSON *d = bl_lsp_diagnostic(doc, f, enc, related_information);
    size_t sl, sc, el, ec;
    bl_line_index_position_at(&doc->lines, doc->text, doc->len, &starts, f->start, enc, &sl, &sc);
    bl_line_index_span_end(&doc->lines, doc->text, doc->len, f->start, sl, sc, f->end, enc, &el, &ec);
    cJSON_ReplaceItemInObjectCaseSensitive(d, "range", bl_lsp_range_at(sl, sc, el, ec));
    cJSON_AddItemToArray(arr, d);
  }
  return arr;
}
