/* article.h: the shape of an article as the rules see it: its text and its blocks (front
 * matter, paragraphs, headings, list items), each a byte span of the text.
 *
 * Blocks follow Markdown's paragraph rule, which plain-text news copy also follows: a blank
 * line ends a block; a line opening with "#", ">", "- ", "* " or "1. " starts one. Front matter
 * is the block between a first line "---" and the next "---" line. A line that opens an HTML
 * comment ("<!--") starts a comment block that ends with the line holding "-->".
 * A paragraph that is a single short line (at most 12 words) with no final punctuation is a
 * headline (the first such block, before any paragraph) or a section heading, as news copy
 * lays them out ("Key Facts", "What To Watch For").
 *
 * A BlArticle borrows `text` (the caller keeps it alive and unchanged while the article lives)
 * and owns its block array; bl_article_free releases the array. */
#ifndef BL_ARTICLE_H
#define BL_ARTICLE_H

#include <stddef.h>

#include "../base/vec.h"

typedef enum {
  BL_BLOCK_FRONT_MATTER,
  BL_BLOCK_PARAGRAPH,
  BL_BLOCK_HEADING, /* a Markdown "#" heading */
  BL_BLOCK_LIST_ITEM,
  BL_BLOCK_QUOTE, /* a Markdown "> " block quote */
  BL_BLOCK_COMMENT, /* an HTML comment on lines of its own: <!-- ... --> (suppression directives) */
  BL_BLOCK_HEADLINE, /* the first block, when it is one short line without final punctuation */
  BL_BLOCK_SECTION,  /* a later short line standing alone without final punctuation: "Key Facts" */
} BlBlockKind;

typedef struct BlBlock {
  BlBlockKind kind;
  size_t start, end; /* end excludes the final line terminator */
} BlBlock;

typedef struct BlArticle {
  const char *text;
  size_t len;
  BlVec(BlBlock) blocks;
} BlArticle;

void bl_article_init(BlArticle *self, const char *text, size_t len);
void bl_article_free(BlArticle *self);

#endif
