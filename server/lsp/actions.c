/* actions.c: textDocument/codeAction: quick fixes for the findings under the cursor. Every fix
 * is a WorkspaceEdit the client applies; the server never writes a file.
 *   - Disable RULE for the next line: <!-- byline-disable-next-line RULE --> above the line.
 *   - Disable RULE in this paragraph: byline-disable / byline-enable comments around the block.
 *   - Insert an attribution placeholder (claims and quotes without a source): ", according to
 *     [SOURCE]" before the sentence's final punctuation, for the writer to fill in. */
#include <string.h>

#include "../base/buf.h"
#include "convert.h"
#include "jsonrpc.h"
#include "server_internal.h"

static cJSON *bl_actions__edit(const BlDocument *doc, size_t at, const char *text, BlEncoding enc)
{
  cJSON *e = cJSON_CreateObject();
  cJSON_AddItemToObject(e, "range", bl_lsp_range(doc, at, at, enc));
  cJSON_AddStringToObject(e, "newText", text);
  return e;
}

static void bl_actions__add(cJSON *out, const BlDocument *doc, const char *title, cJSON *diag, cJSON *edits,
                            bool preferred)
{
  cJSON *a = cJSON_CreateObject();
  cJSON_AddStringToObject(a, "title", title);
  cJSON_AddStringToObject(a, "kind", "quickfix");
  if (preferred) cJSON_AddTrueToObject(a, "isPreferred");
  cJSON *diags = cJSON_AddArrayToObject(a, "diagnostics");
  cJSON_AddItemToArray(diags, diag);
  cJSON *we = cJSON_AddObjectToObject(a, "edit");
  cJSON *changes = cJSON_AddObjectToObject(we, "changes");
  cJSON_AddItemToObject(changes, doc->uri, edits);
  cJSON_AddItemToArray(out, a);
}

static size_t bl_actions__line_start(const BlDocument *doc, size_t offset)
{
  return doc->lines.starts[bl_line_index_line_of(&doc->lines, offset)];
}

/* The block (paragraph) holding offset, or NULL. */
static const BlBlock *bl_actions__block(const BlAnalysis *an, size_t offset)
{
  for (size_t i = 0; i < an->article.blocks.len; i++) {
    const BlBlock *b = &an->article.blocks.items[i];
    if (b->start <= offset && offset <= b->end) return b;
  }
  return NULL;
}

/* Where to put ", according to [SOURCE]" in the sentence holding offset: before its final
 * punctuation (and any closing quote), or at its end. */
static size_t bl_actions__placeholder_at(const BlAnalysis *an, size_t offset, bool *found)
{
  *found = false;
  for (size_t i = 0; i < an->tokens.sentences.len; i++) {
    const BlSentence *s = &an->tokens.sentences.items[i];
    if (offset < s->start || offset > s->end) continue;
    size_t at = s->end;
    const BlToken *last = &an->tokens.tokens.items[s->tok_end - 1];
    if (last->kind == BL_TOK_PUNCT) {
      char c = an->text[last->start];
      if (c == '.' || c == '!' || c == '?') at = last->start;
    }
    *found = true;
    return at;
  }
  return 0;
}

void bl_feature_code_actions(BlServer *self, const cJSON *params, BlReply *reply)
{
  const char *uri = bl_server__str(bl_server__obj(params, "textDocument"), "uri");
  BlDocument *doc = uri ? bl_store_get(&self->store, uri) : NULL;
  const cJSON *range = bl_server__obj(params, "range");
  if (!doc || !range) {
    bl_server__reply_error(reply, BL_RPC_INVALID_PARAMS, "Invalid params: need an open textDocument and a range");
    return;
  }
  BlPosition ps, pe;
  size_t from, to;
  int rc = bl_lsp_read_position(cJSON_GetObjectItemCaseSensitive(range, "start"), &ps);
  if (rc == BL_POS_OK) rc = bl_lsp_read_position(cJSON_GetObjectItemCaseSensitive(range, "end"), &pe);
  if (rc == BL_POS_OK) rc = bl_line_index_offset(&doc->lines, doc->text, doc->len, ps.line, ps.character, self->encoding, &from);
  if (rc == BL_POS_OK) rc = bl_line_index_offset(&doc->lines, doc->text, doc->len, pe.line, pe.character, self->encoding, &to);
  if (rc != BL_POS_OK) {
    bl_server__reply_error(reply, BL_RPC_INVALID_PARAMS, "Invalid params: range: %s",
                           rc > 0 ? "need integer positions" : bl_line_index_strerror(rc));
    return;
  }
  const BlAnalysis *an = bl_server__analysis(self, doc);
  cJSON *out = cJSON_CreateArray();
  size_t last_placeholder = (size_t)-1; /* one placeholder per place, however many findings share it */
  BlBuf title, text;
  bl_buf_init(&title, 0);
  bl_buf_init(&text, 0);
  for (size_t i = 0; i < an->findings.items.len; i++) {
    const BlFinding *f = &an->findings.items.items[i];
    if (f->end < from || f->start > to) continue;
    const char *id = f->rule->id;
    bool sourceless = strcmp(id, "unsourced-claim") == 0 || strcmp(id, "unattributed-quote") == 0;
    if (sourceless) {
      bool found;
      size_t at = bl_actions__placeholder_at(an, f->start, &found);
      if (found && at != last_placeholder) {
        last_placeholder = at;
        cJSON *edits = cJSON_CreateArray();
        cJSON_AddItemToArray(edits, bl_actions__edit(doc, at, ", according to [SOURCE]", self->encoding));
        bl_actions__add(out, doc, "Insert an attribution placeholder",
                        bl_lsp_diagnostic(doc, f, self->encoding, self->related_information), edits, true);
      }
    }
    bl_buf_reset(&title);
    bl_buf_reset(&text);
    bl_buf_printf(&title, "Disable %s for the next line", id);
    bl_buf_printf(&text, "<!-- byline-disable-next-line %s -->\n", id);
    cJSON *edits = cJSON_CreateArray();
    cJSON_AddItemToArray(edits, bl_actions__edit(doc, bl_actions__line_start(doc, f->start), text.data, self->encoding));
    bl_actions__add(out, doc, title.data, bl_lsp_diagnostic(doc, f, self->encoding, self->related_information), edits,
                    false);
    const BlBlock *b = bl_actions__block(an, f->start);
    if (b) {
      bl_buf_reset(&title);
      bl_buf_printf(&title, "Disable %s in this paragraph", id);
      edits = cJSON_CreateArray();
      bl_buf_reset(&text);
      bl_buf_printf(&text, "<!-- byline-disable %s -->\n", id);
      cJSON_AddItemToArray(edits, bl_actions__edit(doc, b->start, text.data, self->encoding));
      bl_buf_reset(&text);
      bl_buf_printf(&text, "\n<!-- byline-enable %s -->", id);
      cJSON_AddItemToArray(edits, bl_actions__edit(doc, b->end, text.data, self->encoding));
      bl_actions__add(out, doc, title.data, bl_lsp_diagnostic(doc, f, self->encoding, self->related_information),
                      edits, false);
    }
  }
  bl_buf_free(&title);
  bl_buf_free(&text);
  reply->result = out;
}
