/* features.c: what the server answers about a document's entities: hover, semantic tokens
 * (full and range), inlay hints for normalized values, and highlights of an entity's other
 * mentions. Each reads the cached analysis of the document's current text; positions convert
 * to and from the negotiated encoding here and in convert.c only. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/utf8.h"
#include "convert.h"
#include "jsonrpc.h"
#include "server_internal.h"

/* The token types of the semantic-tokens legend, one per entity kind, in BlEntityKind order. */
static const BlEntityKind bl_features__token_kinds[] = {
    BL_ENT_ORGANIZATION, BL_ENT_PERSON, BL_ENT_OFFICIAL, BL_ENT_PLACE, BL_ENT_MONEY,
    BL_ENT_NUMBER, BL_ENT_PERCENT, BL_ENT_DATE, BL_ENT_TIME, BL_ENT_DURATION,
};
enum { BL_FEATURES_NTYPES = sizeof bl_features__token_kinds / sizeof bl_features__token_kinds[0] };
static const char *const bl_features__modifiers[] = {"approximate", "anonymous", "acronym"};

void bl_features_capabilities(const BlServer *self, cJSON *c)
{
  (void)self;
  cJSON_AddBoolToObject(c, "hoverProvider", 1);
  cJSON_AddBoolToObject(c, "documentHighlightProvider", 1);
  cJSON_AddBoolToObject(c, "inlayHintProvider", 1);
  cJSON_AddBoolToObject(c, "definitionProvider", 1);
  cJSON_AddBoolToObject(c, "referencesProvider", 1);
  cJSON_AddBoolToObject(cJSON_AddObjectToObject(c, "documentLinkProvider"), "resolveProvider", 0);
  cJSON_AddBoolToObject(c, "workspaceSymbolProvider", 1);
  cJSON_AddBoolToObject(c, "documentSymbolProvider", 1); /* structure.c */
  cJSON_AddBoolToObject(c, "foldingRangeProvider", 1);
  cJSON_AddBoolToObject(c, "selectionRangeProvider", 1);
  cJSON *ca = cJSON_AddObjectToObject(c, "codeActionProvider");
  cJSON_AddItemToArray(cJSON_AddArrayToObject(ca, "codeActionKinds"), cJSON_CreateString("quickfix"));
  cJSON *st = cJSON_AddObjectToObject(c, "semanticTokensProvider");
  cJSON *legend = cJSON_AddObjectToObject(st, "legend");
  cJSON *types = cJSON_AddArrayToObject(legend, "tokenTypes");
  for (size_t i = 0; i < BL_FEATURES_NTYPES; i++)
    cJSON_AddItemToArray(types, cJSON_CreateString(bl_entity_kind_name(bl_features__token_kinds[i])));
  cJSON *mods = cJSON_AddArrayToObject(legend, "tokenModifiers");
  for (size_t i = 0; i < 3; i++) cJSON_AddItemToArray(mods, cJSON_CreateString(bl_features__modifiers[i]));
  cJSON_AddBoolToObject(st, "full", 1);
  cJSON_AddBoolToObject(st, "range", 1);
}

/* ---------------------------------------------------------------- params */

static BlDocument *bl_features__doc(BlServer *self, const cJSON *params, BlReply *reply)
{
  const char *uri = bl_server__str(bl_server__obj(params, "textDocument"), "uri");
  if (!uri) {
    bl_server__reply_error(reply, BL_RPC_INVALID_PARAMS, "Invalid params: need textDocument.uri");
    return NULL;
  }
  BlDocument *doc = bl_store_get(&self->store, uri);
  if (!doc) bl_server__reply_error(reply, BL_RPC_INVALID_PARAMS, "Invalid params: %s is not open", uri);
  return doc;
}

static bool bl_features__offset(BlServer *self, const BlDocument *doc, const cJSON *pos, size_t *offset,
                                BlReply *reply)
{
  BlPosition p;
  int rc = bl_lsp_read_position(pos, &p);
  if (rc == BL_POS_OK)
    rc = bl_line_index_offset(&doc->lines, doc->text, doc->len, p.line, p.character, self->encoding, offset);
  if (rc != BL_POS_OK) {
    bl_server__reply_error(reply, BL_RPC_INVALID_PARAMS, "Invalid params: position: %s",
                           rc > 0 ? "need integer line and character" : bl_line_index_strerror(rc));
    return false;
  }
  return true;
}

static bool bl_features__range(BlServer *self, const BlDocument *doc, const cJSON *params, size_t *start,
                               size_t *end, BlReply *reply)
{
  const cJSON *range = bl_server__obj(params, "range");
  if (!range) {
    bl_server__reply_error(reply, BL_RPC_INVALID_PARAMS, "Invalid params: need range");
    return false;
  }
  if (!bl_features__offset(self, doc, cJSON_GetObjectItemCaseSensitive(range, "start"), start, reply) ||
      !bl_features__offset(self, doc, cJSON_GetObjectItemCaseSensitive(range, "end"), end, reply))
    return false;
  if (*start > *end) {
    bl_server__reply_error(reply, BL_RPC_INVALID_PARAMS, "Invalid params: range starts after it ends");
    return false;
  }
  return true;
}

/* The entity whose span holds `offset` (its end counts too, so a cursor right after a word
 * still finds it), or NULL. Entities are sorted and do not overlap. */
static const BlEntity *bl_features__entity_at(const BlAnalysis *an, size_t offset)
{
  size_t lo = 0, hi = an->entities.items.len;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (an->entities.items.items[mid].end < offset) lo = mid + 1;
    else hi = mid;
  }
  for (size_t i = lo; i < an->entities.items.len && i < lo + 2; i++) {
    const BlEntity *e = &an->entities.items.items[i];
    if (e->start <= offset && offset <= e->end && e->kind != BL_ENT_MISC) return e;
  }
  return NULL;
}

/* ---------------------------------------------------------------- values as people read them */

/* 7000000000 -> "7,000,000,000"; 3.25 -> "3.25". */
static void bl_features__number(BlBuf *b, double v)
{
  if (v < 0) {
    bl_buf_putc(b, '-');
    v = -v;
  }
  double whole = floor(v);
  char digits[64];
  snprintf(digits, sizeof digits, "%.0f", whole);
  size_t n = strlen(digits);
  for (size_t i = 0; i < n; i++) {
    bl_buf_putc(b, digits[i]);
    if ((n - i - 1) % 3 == 0 && i + 1 < n) bl_buf_putc(b, ',');
  }
  double frac = v - whole;
  if (frac > 1e-9) {
    char f[32];
    snprintf(f, sizeof f, "%.6g", frac);
    bl_buf_puts(b, f + 1); /* skip the leading 0 */
  }
}

/* The normalized value of an entity, or nothing (returns false). */
static bool bl_features__value(BlBuf *b, const BlEntity *e)
{
  switch ((BlEntityKind)e->kind) {
  case BL_ENT_MONEY:
    bl_features__number(b, e->number);
    if (e->currency[0]) bl_buf_printf(b, " %s", e->currency);
    return true;
  case BL_ENT_NUMBER:
    bl_features__number(b, e->number);
    if (e->unit) bl_buf_printf(b, " %s", e->unit);
    return true;
  case BL_ENT_PERCENT:
    bl_features__number(b, e->number);
    bl_buf_putc(b, '%');
    return true;
  case BL_ENT_DATE:
  case BL_ENT_TIME:
  case BL_ENT_DURATION:
    if (!e->iso[0]) return false;
    bl_buf_puts(b, e->iso);
    return true;
  default:
    return false;
  }
}

/* ---------------------------------------------------------------- hover */

void bl_feature_hover(BlServer *self, const cJSON *params, BlReply *reply)
{
  BlDocument *doc = bl_features__doc(self, params, reply);
  size_t offset;
  if (!doc || !bl_features__offset(self, doc, bl_server__obj(params, "position"), &offset, reply)) return;
  const BlAnalysis *an = bl_server__analysis(self, doc);
  const BlEntity *e = bl_features__entity_at(an, offset);
  if (!e) {
    reply->result = cJSON_CreateNull();
    return;
  }
  BlBuf md;
  bl_buf_init(&md, 0);
  bl_buf_printf(&md, "**%s**", bl_entity_kind_name(e->kind));
  const char *sub = bl_entity_subtype_name(e);
  if (sub) bl_buf_printf(&md, " · %s", sub);
  if (e->kind == BL_ENT_OFFICIAL) bl_buf_puts(&md, (e->flags & BL_EF_ANONYMOUS) ? " · not named" : " · named");
  if (e->flags & BL_EF_APPROX) bl_buf_puts(&md, " · approximate");
  bl_buf_puts(&md, "\n\n");
  if (e->canonical) {
    bl_buf_printf(&md, "%s\n\n", e->canonical);
  } else if (e->kind == BL_ENT_ORGANIZATION || e->kind == BL_ENT_PERSON || e->kind == BL_ENT_PLACE ||
             e->kind == BL_ENT_OFFICIAL) { /* the name as written is its canonical form */
    char *name = bl_utf8_sanitize(an->text + e->start, e->end - e->start);
    bl_buf_printf(&md, "%s\n\n", name);
    bl_free(name);
  }
  if (e->role) bl_buf_printf(&md, "Role: %s\n\n", e->role);
  if (e->code[0]) bl_buf_printf(&md, "ISO 3166 code: %s\n\n", e->code);
  BlBuf value;
  bl_buf_init(&value, 0);
  if (bl_features__value(&value, e)) {
    bl_buf_printf(&md, "Value: `%s`", value.data);
    if ((e->kind == BL_ENT_DATE || e->kind == BL_ENT_TIME) && an->meta.year)
      bl_buf_printf(&md, " (read against the article's date, %04d-%02d-%02d)", an->meta.year, an->meta.month,
                    an->meta.day);
    bl_buf_puts(&md, "\n\n");
  }
  bl_buf_free(&value);
  if (e->group >= 0) {
    size_t mentions = 0;
    for (size_t i = 0; i < an->entities.items.len; i++) mentions += an->entities.items.items[i].group == e->group;
    bl_buf_printf(&md, "Mentioned %zu time%s in this article", mentions, mentions == 1 ? "" : "s");
    const BlCorpusDoc *me = bl_corpus_get(self->corpus, doc->uri);
    for (size_t i = 0; me && i < me->mentions.len; i++) {
      const BlCorpusMention *m = &me->mentions.items[i];
      if (m->start != e->start) continue;
      size_t n = bl_corpus_doc_count(self->corpus, m->key);
      if (n > 1) bl_buf_printf(&md, "; named in %zu articles of the corpus", n);
      break;
    }
    bl_buf_puts(&md, ".\n\n");
  }
  bl_buf_printf(&md, "_Recognized by: %s._", bl_entity_source_name(e->source));
  cJSON *result = cJSON_CreateObject();
  cJSON *contents = cJSON_AddObjectToObject(result, "contents");
  cJSON_AddStringToObject(contents, "kind", "markdown");
  cJSON_AddStringToObject(contents, "value", md.data);
  cJSON_AddItemToObject(result, "range", bl_lsp_range(doc, e->start, e->end, self->encoding));
  bl_buf_free(&md);
  reply->result = result;
}

/* ---------------------------------------------------------------- semantic tokens */

static void bl_features__tokens(BlServer *self, const cJSON *params, BlReply *reply, bool ranged)
{
  BlDocument *doc = bl_features__doc(self, params, reply);
  if (!doc) return;
  size_t from = 0, to = doc->len;
  if (ranged && !bl_features__range(self, doc, params, &from, &to, reply)) return;
  const BlAnalysis *an = bl_server__analysis(self, doc);
  cJSON *data = cJSON_CreateArray();
  size_t prev_line = 0, prev_char = 0;
  for (size_t i = 0; i < an->entities.items.len; i++) {
    const BlEntity *e = &an->entities.items.items[i];
    if (e->kind == BL_ENT_MISC || e->end <= from || e->start >= to) continue;
    size_t sl, sc, el, ec;
    bl_line_index_position(&doc->lines, doc->text, doc->len, e->start, self->encoding, &sl, &sc);
    bl_line_index_position(&doc->lines, doc->text, doc->len, e->end, self->encoding, &el, &ec);
    if (el != sl) { /* a token may not span lines: keep the part on the first line */
      size_t line_end = bl_line_index_line_end(&doc->lines, doc->text, doc->len, sl);
      bl_line_index_position(&doc->lines, doc->text, doc->len, line_end, self->encoding, &el, &ec);
    }
    if (ec <= sc) continue;
    int mods = ((e->flags & BL_EF_APPROX) ? 1 : 0) | ((e->flags & BL_EF_ANONYMOUS) ? 2 : 0) |
               ((e->flags & BL_EF_ACRONYM) ? 4 : 0);
    size_t dl = sl - prev_line, dc = dl ? sc : sc - prev_char;
    size_t type = 0;
    while (type < BL_FEATURES_NTYPES && bl_features__token_kinds[type] != e->kind) type++;
    double row[5] = {(double)dl, (double)dc, (double)(ec - sc), (double)type, (double)mods};
    for (int k = 0; k < 5; k++) cJSON_AddItemToArray(data, cJSON_CreateNumber(row[k]));
    prev_line = sl;
    prev_char = sc;
  }
  cJSON *result = cJSON_CreateObject();
  cJSON_AddItemToObject(result, "data", data);
  reply->result = result;
}

void bl_feature_semantic_tokens_full(BlServer *self, const cJSON *params, BlReply *reply)
{
  bl_features__tokens(self, params, reply, false);
}

void bl_feature_semantic_tokens_range(BlServer *self, const cJSON *params, BlReply *reply)
{
  bl_features__tokens(self, params, reply, true);
}

/* ---------------------------------------------------------------- inlay hints */

void bl_feature_inlay_hints(BlServer *self, const cJSON *params, BlReply *reply)
{
  BlDocument *doc = bl_features__doc(self, params, reply);
  size_t from, to;
  if (!doc || !bl_features__range(self, doc, params, &from, &to, reply)) return;
  cJSON *hints = cJSON_CreateArray();
  reply->result = hints;
  /* Off by default: the editor's setting wins, then the configuration file's. */
  int on = self->editor_inlay_hints >= 0 ? self->editor_inlay_hints : bl_server__config(self, doc)->inlay_hints;
  if (on != 1) return;
  const BlAnalysis *an = bl_server__analysis(self, doc);
  BlBuf label;
  bl_buf_init(&label, 0);
  for (size_t i = 0; i < an->entities.items.len; i++) {
    const BlEntity *e = &an->entities.items.items[i];
    if (e->end < from || e->start > to) continue;
    if (e->kind != BL_ENT_MONEY && e->kind != BL_ENT_DATE && e->kind != BL_ENT_TIME && e->kind != BL_ENT_DURATION)
      continue;
    bl_buf_reset(&label);
    if (!bl_features__value(&label, e)) continue;
    cJSON *h = cJSON_CreateObject();
    cJSON *range = bl_lsp_range(doc, e->end, e->end, self->encoding);
    cJSON_AddItemToObject(h, "position", cJSON_DetachItemFromObject(range, "start"));
    cJSON_Delete(range);
    cJSON_AddStringToObject(h, "label", label.data);
    cJSON_AddBoolToObject(h, "paddingLeft", 1);
    cJSON_AddItemToArray(hints, h);
  }
  bl_buf_free(&label);
}

/* ---------------------------------------------------------------- highlights */

void bl_feature_document_highlight(BlServer *self, const cJSON *params, BlReply *reply)
{
  BlDocument *doc = bl_features__doc(self, params, reply);
  size_t offset;
  if (!doc || !bl_features__offset(self, doc, bl_server__obj(params, "position"), &offset, reply)) return;
  const BlAnalysis *an = bl_server__analysis(self, doc);
  const BlEntity *at = bl_features__entity_at(an, offset);
  if (!at) {
    reply->result = cJSON_CreateNull();
    return;
  }
  cJSON *out = cJSON_CreateArray();
  for (size_t i = 0; i < an->entities.items.len; i++) {
    const BlEntity *e = &an->entities.items.items[i];
    if (e != at && (at->group < 0 || e->group != at->group)) continue;
    cJSON *h = cJSON_CreateObject();
    cJSON_AddItemToObject(h, "range", bl_lsp_range(doc, e->start, e->end, self->encoding));
    cJSON_AddNumberToObject(h, "kind", 1); /* Text */
    cJSON_AddItemToArray(out, h);
  }
  reply->result = out;
}
