/* parse.c: the parser wrapper (see parse.h). */
#include "parse.h"

#include <stdint.h>

#include "../base/alloc.h"
#include "../base/log.h"

BlSyntax *bl_syntax_new(void)
{
  return bl_calloc(1, sizeof(BlSyntax));
}

void bl_syntax_delete(BlSyntax *self)
{
  if (!self) return;
  if (self->tree) ts_tree_delete(self->tree);
  if (self->parser) ts_parser_delete(self->parser);
  bl_free(self);
}

static TSPoint bl_syntax__point(BlPoint p)
{
  return (TSPoint){(uint32_t)p.row, (uint32_t)p.column};
}

void bl_syntax_edit(BlSyntax *self, const BlTextEdit *e)
{
  if (!self->tree) return;
  /* tree-sitter counts in 32 bits; a text that large is never parsed anyway. */
  if (e->old_end_byte > BL_SYNTAX_MAX_BYTES || e->new_end_byte > BL_SYNTAX_MAX_BYTES) {
    ts_tree_delete(self->tree);
    self->tree = NULL;
    return;
  }
  TSInputEdit in = {
      .start_byte = (uint32_t)e->start_byte,
      .old_end_byte = (uint32_t)e->old_end_byte,
      .new_end_byte = (uint32_t)e->new_end_byte,
      .start_point = bl_syntax__point(e->start_point),
      .old_end_point = bl_syntax__point(e->old_end_point),
      .new_end_point = bl_syntax__point(e->new_end_point),
  };
  ts_tree_edit(self->tree, &in);
  self->edited = true;
}

const TSTree *bl_syntax_parse(BlSyntax *self, const char *text, size_t len)
{
  if (len > BL_SYNTAX_MAX_BYTES) {
    if (self->tree) ts_tree_delete(self->tree);
    self->tree = NULL;
    self->edited = false;
    return NULL;
  }
  if (self->tree && !self->edited) return self->tree;
  if (!self->parser) {
    self->parser = ts_parser_new();
    ts_parser_set_language(self->parser, tree_sitter_news());
  }
  /* No timeout or cancellation flag is set, so the parse always returns a tree. */
  TSTree *tree = ts_parser_parse_string(self->parser, self->tree, text, (uint32_t)len);
  if (self->tree) {
    self->reparses++;
    ts_tree_delete(self->tree);
  } else {
    self->full_parses++;
  }
  self->tree = tree;
  self->edited = false;
  return tree;
}

static void bl_syntax__free(void *syntax)
{
  bl_syntax_delete(syntax);
}

const TSTree *bl_syntax_of(BlDocument *doc)
{
  if (!doc->syntax) {
    doc->syntax = bl_syntax_new();
    doc->syntax_free = bl_syntax__free;
  }
  BlSyntax *self = doc->syntax;
  const TSTree *tree = bl_syntax_parse(self, doc->text, doc->len);
  if (!tree && !self->refused_logged) {
    bl_warn("%s: %zu bytes is over the %zu MiB a syntax tree is built for; symbols, folding and "
            "selection ranges answer empty for it",
            doc->uri, doc->len, BL_SYNTAX_MAX_BYTES >> 20);
    self->refused_logged = true;
  } else if (tree) {
    self->refused_logged = false;
  }
  return tree;
}

void bl_syntax_document_edit(BlDocument *doc, const BlTextEdit *edit)
{
  if (doc->syntax) bl_syntax_edit(doc->syntax, edit);
}
