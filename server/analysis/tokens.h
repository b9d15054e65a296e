/* tokens.h: words, numbers, symbols and punctuation of a text, and the sentences they form.
 *
 * Tokens follow the conventions of news NER data (CoNLL): a possessive "’s"/"'s" is its own
 * token ("Japan" "’s"); hyphenated words ("China-based") and acronyms with periods ("U.S.") are
 * one token; a number keeps its separators and a letter suffix ("4,000", "7.5", "24/7",
 * "1996-08-30", "1990s", "1.5bn"); currency signs and "%" are symbol tokens; every other
 * punctuation mark is a token of its own ("..." and "--" are one token).
 *
 * Sentences never cross a block (paragraph, heading, list item). Inside a block a sentence ends
 * after . ! ? or an ellipsis (and any closing quotes or brackets after it) when the next token
 * starts a sentence: not after an abbreviation or a title ("Mr.", "Gov.", "Jan. 5"), an initial
 * ("John F. Kennedy"), or before a lowercase word. A line made only of capitals and numbers (a
 * dateline, a headline in capitals) also ends where the line ends.
 *
 * Offsets are UTF-8 byte offsets into the text (end exclusive); texts up to 4 GiB.
 * BlTokens owns its arrays; bl_tokens_free releases them. */
#ifndef BL_TOKENS_H
#define BL_TOKENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../base/vec.h"
#include "article.h"

typedef enum {
  BL_TOK_WORD,
  BL_TOK_NUMBER,
  BL_TOK_SYMBOL, /* $ € £ ¥ ₹ % */
  BL_TOK_PUNCT,
} BlTokenKind;

enum {
  BL_TF_CAP = 1 << 0,        /* starts with an uppercase letter */
  BL_TF_ALLCAPS = 1 << 1,    /* two or more letters, none lowercase ("NSA", "U.S.") */
  BL_TF_PERIODS = 1 << 2,    /* a word with periods inside ("U.S.", "a.m.") */
  BL_TF_LINE_START = 1 << 3, /* first token on its line */
  BL_TF_SENT_START = 1 << 4, /* first token of its sentence */
  BL_TF_HYPHEN = 1 << 5,     /* a hyphen inside */
  BL_TF_DIGIT = 1 << 6,      /* a digit inside (words like "G7", numbers) */
};

typedef struct BlToken {
  uint32_t start, end;
  uint8_t kind;   /* BlTokenKind */
  uint8_t flags;  /* BL_TF_* */
  uint16_t block; /* index of the block, saturating at 65535 */
} BlToken;

typedef struct BlSentence {
  uint32_t start, end;         /* bytes, from the first token's start to the last token's end */
  uint32_t tok_begin, tok_end; /* token index range [begin, end) */
  uint32_t block;              /* index into the article's blocks */
} BlSentence;

typedef BlVec(BlSentence) BlSentences;

typedef struct BlTokens {
  BlVec(BlToken) tokens;
  BlSentences sentences;
} BlTokens;

/* Whether a token's text is exactly lit[0..n) (bl_tok_eqn), or lit[0..n) ignoring ASCII case
 * (bl_tok_ieqn; lit in lowercase); bl_tok_eq and bl_tok_ieq take a NUL-terminated lit. Inline, so
 * that the length of a literal is folded at compile time. The one copy of these comparisons for
 * the recognizers (numbers.c, recognize_quantity.c, recognize_time.c). */
static inline bool bl_tok_eqn(const char *text, const BlToken *t, const char *lit, size_t n)
{
  return t->end - t->start == n && memcmp(text + t->start, lit, n) == 0;
}

static inline bool bl_tok_ieqn(const char *text, const BlToken *t, const char *lit, size_t n)
{
  if (t->end - t->start != n) return false;
  const char *s = text + t->start;
  for (size_t k = 0; k < n; k++) {
    char ch = s[k];
    if (ch >= 'A' && ch <= 'Z') ch = (char)(ch + 32);
    if (ch != lit[k]) return false;
  }
  return true;
}

static inline bool bl_tok_eq(const char *text, const BlToken *t, const char *lit)
{
  return bl_tok_eqn(text, t, lit, strlen(lit));
}

static inline bool bl_tok_ieq(const char *text, const BlToken *t, const char *lit)
{
  return bl_tok_ieqn(text, t, lit, strlen(lit));
}

/* Tokenizes every block of the article except front matter, and splits sentences. */
void bl_tokens_build(BlTokens *self, const BlArticle *article);
void bl_tokens_free(BlTokens *self);

/* Whether the word text[start, end) (without its period) is an abbreviation that a period
 * follows without ending the sentence: titles, months, "Inc", "No", "vs" and the like. */
bool bl_is_abbreviation(const char *word, size_t len);

#endif
