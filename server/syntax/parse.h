/* parse.h: a document's tree-sitter tree (grammars/tree-sitter-news), parsed on demand and
 * reparsed incrementally after edits.
 *
 * A BlSyntax holds a parser and the latest tree of one text. Each edit applied to the text is
 * passed to bl_syntax_edit (which only marks the tree); the next bl_syntax_parse reparses with
 * the edited old tree, so tree-sitter reuses what the edit did not touch. A text over
 * BL_SYNTAX_MAX_BYTES is not parsed at all (the caller answers without a tree).
 *
 * The tree serves the editor (symbols, folds, selection ranges). It never feeds the batch
 * analysis, which runs on the C tokenizer: tree-sitter costs about 1 µs per token.
 * Everything lives on one thread (the server's loop). */
#ifndef BL_SYNTAX_PARSE_H
#define BL_SYNTAX_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <tree_sitter/api.h>

#include "../text/document.h"

/* Larger texts get no tree. */
#define BL_SYNTAX_MAX_BYTES ((size_t)16 << 20)

/* The grammar, from grammars/tree-sitter-news. */
const TSLanguage *tree_sitter_news(void);

typedef struct BlSyntax {
  TSParser *parser; /* created on the first parse */
  TSTree *tree;     /* NULL before the first parse, or after a refusal */
  bool edited;      /* tree has edits not yet reparsed */
  bool refused_logged;
  size_t full_parses, reparses; /* counters, for tests and logs */
} BlSyntax;

BlSyntax *bl_syntax_new(void);
/* Frees the parser and tree; accepts NULL. */
void bl_syntax_delete(BlSyntax *self);

/* Records an edit (byte offsets and row/byte-column points) on the current tree, if any. */
void bl_syntax_edit(BlSyntax *self, const BlTextEdit *edit);

/* The tree of text[0..len): the current one when nothing changed, else a reparse (incremental
 * when there is an edited old tree). NULL when len > BL_SYNTAX_MAX_BYTES. The tree belongs to
 * self and stays valid until the next bl_syntax_parse / bl_syntax_delete. */
const TSTree *bl_syntax_parse(BlSyntax *self, const char *text, size_t len);

/* The document's tree, kept in doc->syntax (created on first use, freed with the document).
 * NULL for a document over the limit; the refusal is logged once per document. */
const TSTree *bl_syntax_of(BlDocument *doc);

/* Passes an edit applied to doc to its tree (no-op when the document has no tree yet). */
void bl_syntax_document_edit(BlDocument *doc, const BlTextEdit *edit);

#endif
