/* lexicon.h: the word lists and gazetteers byline reads from its data files (server/data/, see
 * server/data/README.md and docs/entities.md): countries, regions, cities, nationalities,
 * organizations, news outlets, companies, official titles, and the small word classes that the
 * official recognizer reads (status words, topics, determiners, verbs that follow a title).
 * Also the token/entity helpers that the gazetteer, official and link passes share.
 *
 * Loading: the first bl_lexicon_get() reads every file once per process (pthread_once); the
 * lexicon is immutable afterwards, so any thread may read it without locks. Every string in it
 * belongs to the lexicon and lives until the process exits; callers free nothing. A missing or
 * malformed file or line is one log line naming the file (and line) and is skipped: the lexicon
 * is then smaller, never absent and never a crash.
 *
 * Extensions: bl_lexicon_load_extra builds a lexicon of the process-wide one plus more names
 * files (a .byline.json's "gazetteers"). It shares the process-wide tables and holds only what
 * its files add; it is immutable once returned, so threads may share it too. It is reference
 * counted: whoever holds a pointer past the life of its owner (a job on another thread) takes a
 * reference with bl_lexicon_retain and drops it with bl_lexicon_release; the last release frees
 * it and every string in it (so a BlLexEntry or name from it must not outlive it; entities copy
 * what they keep). Retain and release do nothing to the process-wide lexicon.
 *
 * Keys: every data phrase is tokenized by the article tokenizer (so "U.S.", "People's" and
 * "AT&T" split exactly as they do in text); each token is normalized (ASCII letters lowercased,
 * U+2019 read as an apostrophe) and interned as a word id. A phrase is a sequence of word ids in
 * a hash table that also holds every proper prefix, so a lookup in a document hashes each token
 * once and stops as soon as no phrase continues. */
#ifndef BL_LEXICON_H
#define BL_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/vec.h"
#include "entity.h"
#include "tokens.h"

typedef struct BlLexicon BlLexicon;

enum { BL_LEXICON_MAX_PHRASE = 16 }; /* tokens in the longest phrase */

typedef enum {
  BL_LEX_PLACE = 1,   /* subtype BL_PLACE_* */
  BL_LEX_ORG,         /* subtype BL_ORG_* */
  BL_LEX_NATIONALITY, /* "Japanese" -> JP; no entity of its own */
  BL_LEX_TITLE,       /* an official title: "defense minister" is topic + title "minister" */
} BlLexKind;

/* Options of a title (BlLexEntry.opts). */
enum {
  BL_TITLE_NAME_ONLY = 1 << 0, /* a title only before a name ("General", "Justice") */
  BL_TITLE_NEED_MOD = 1 << 1,  /* a title only with a modifier or an "of" phrase ("head", "chief") */
  BL_TITLE_ADJ = 1 << 2,       /* also an adjective: not a title before a noun ("official visit") */
  BL_TITLE_ABBR = 1 << 3,      /* an abbreviation that a period follows ("Sen."); canonical expands it */
  BL_TITLE_GROUP = 1 << 4,     /* a plural-only group ("authorities") */
};

typedef struct BlLexEntry {
  const char *canonical; /* the name to report, or a title's singular role */
  uint8_t kind;          /* BlLexKind */
  uint8_t subtype;       /* BL_ORG_* / BL_PLACE_*; 0 for others */
  uint8_t opts;          /* titles: BL_TITLE_* */
  char code[3];          /* ISO 3166-1 alpha-2 of the place, or the country an organization or
                            nationality belongs to; "" when none */
} BlLexEntry;

/* Flags of the alias that matched (an entry has many aliases; each has its own flags). */
enum {
  BL_LEXF_AMBIG_WORD = 1 << 0, /* also a common word ("Turkey"): capitals at a sentence start or
                                  in a headline say nothing */
  BL_LEXF_AMBIG_NAME = 1 << 1, /* also a person's name ("Jordan", "Forbes") */
  BL_LEXF_ACRONYM = 1 << 2,    /* an acronym of the canonical name ("NSA", "U.S.") */
  BL_LEXF_PLURAL = 1 << 3,     /* titles: a plural form ("officials") */
};

typedef enum { BL_LEX_NAMES, BL_LEX_TITLES, BL_LEX_TABLE_COUNT } BlLexTable;

typedef struct BlLexMatch {
  const BlLexEntry *entry;
  uint32_t len;  /* tokens */
  uint8_t flags; /* BL_LEXF_* */
} BlLexMatch;

/* Word classes (bl_lexicon_word_class). */
enum {
  BL_LW_DET = 1 << 0,     /* a, the, several, multiple, two ... */
  BL_LW_STATUS = 1 << 1,  /* former, senior, acting ... */
  BL_LW_TOPIC = 1 << 2,   /* defense, commerce, military, intelligence ... */
  BL_LW_FOLLOW = 1 << 3,  /* words that follow a title used as a noun: said, told, who, with ... */
  BL_LW_ORGNOUN = 1 << 4, /* company, agency, ministry ... ("the company's chief executive") */
  BL_LW_FUNC = 1 << 5,    /* function words that never start or continue a name: the, and, of ... */
  BL_LW_PREP = 1 << 6,    /* prepositions that attach an affiliation: for, at, of, to, with ... */
};

/* The process-wide lexicon, loaded on first use from bl_data_dir() (and the extra files named
 * in $BYLINE_GAZETTEERS, separated by ':'). Never NULL. */
const BlLexicon *bl_lexicon_get(void);

/* A problem met reading an extension's file. */
typedef struct BlLexiconProblem {
  size_t file;   /* index into the paths given to bl_lexicon_load_extra */
  size_t line;   /* 1-based line of that file; 0 for the file as a whole (the message names it) */
  char *message; /* owned by the list: "cannot read gazetteer PATH: reason", "3 malformed lines
                    skipped, the first here (expected ...)", "skipped \"...\" (too many words)" */
} BlLexiconProblem;

typedef BlVec(BlLexiconProblem) BlLexiconProblems;

/* A lexicon of the process-wide one (the built-in data and $BYLINE_GAZETTEERS) and the names
 * files paths[0..n), loaded in that order (the first definition of a phrase keeps it). A file
 * that cannot be read, malformed lines and skipped aliases are appended to *problems when it is
 * not NULL (at most 10 per file, then one line that counts the rest), else logged; what could be
 * read is used. Never NULL. The caller owns the one reference it returns (bl_lexicon_release). */
BlLexicon *bl_lexicon_load_extra(const char *const *paths, size_t n, BlLexiconProblems *problems);
/* Another reference to an extension (for a thread that may outlive the owner's); returns lx. */
const BlLexicon *bl_lexicon_retain(const BlLexicon *lx);
/* Drops a reference; the last frees the extension. NULL and the process-wide lexicon: nothing. */
void bl_lexicon_release(const BlLexicon *lx);
/* Bytes an extension holds of its own (what it adds to the process-wide lexicon's), or, for the
 * process-wide lexicon, its own size. */
size_t bl_lexicon_bytes(const BlLexicon *lx);
void bl_lexicon_problems_free(BlLexiconProblems *problems);

/* Number of phrases loaded (0 when no data file could be read); an extension's count includes
 * its base's. */
size_t bl_lexicon_size(const BlLexicon *lx);

/* The longest phrase of `table` that starts at token i, stays inside token i's block, is at
 * most max_len tokens (0 = any) and fits the text's capitals (names: a capitalized word of the
 * alias needs a capitalized token and an acronym an all-capitals one; titles: any case).
 * Returns false when there is none. */
bool bl_lexicon_match(const BlLexicon *lx, BlLexTable table, const char *text, const BlTokens *tk, size_t i,
                      size_t max_len, BlLexMatch *out);

/* The canonical name of the country with this ISO 3166-1 alpha-2 code, or NULL. */
const char *bl_lexicon_country_name(const BlLexicon *lx, const char *code);

/* Classes (BL_LW_*) of one word, 0 when it has none. */
uint32_t bl_lexicon_word_class(const BlLexicon *lx, const char *word, size_t len);

/* The start filter, the lexicon's first member (so that the test below inlines into the
 * per-token loops): bit (len & 31) of [table][first letter * 32 + last letter] is set when a
 * phrase of the table starts with a word of that length and those letters (bl_lexicon_class5). */
typedef struct BlLexFilter {
  uint32_t bits[BL_LEX_TABLE_COUNT][32 * 32];
} BlLexFilter;

/* A byte as one of 32 classes: letters 0-25 in either case, other bytes 26-31. */
static inline unsigned bl_lexicon_class5(unsigned char c)
{
  if (c >= 'a' && c <= 'z') return (unsigned)(c - 'a');
  if (c >= 'A' && c <= 'Z') return (unsigned)(c - 'A');
  return 26u + (c % 6u);
}

/* Whether a phrase of the table may start with this word (len > 0): false positives, never a
 * false negative. Call it before bl_lexicon_match. */
static inline bool bl_lexicon_may_start(const BlLexicon *lx, BlLexTable table, const char *word, size_t len)
{
  const BlLexFilter *f = (const BlLexFilter *)(const void *)lx;
  return (f->bits[table][bl_lexicon_class5((unsigned char)word[0]) * 32 + bl_lexicon_class5((unsigned char)word[len - 1])] >>
          (len & 31)) & 1u;
}

/* ---------------------------------------------------------------- shared token helpers */

/* Index of the first token whose start is >= byte (tk->tokens.len when none). */
size_t bl_token_at(const BlTokens *tk, uint32_t byte);

/* For each token, the index in ents of the first entity that covers it, or -1. The caller
 * frees the array with bl_free. */
int32_t *bl_entity_cover(const BlTokens *tk, const BlEntities *ents);

/* Whether token t's text equals lit, ASCII case-insensitively. Inline so that strlen of a
 * literal folds away: it is called for every token in the hot loops. */
static inline bool bl_token_is(const char *text, const BlToken *t, const char *lit)
{
  size_t n = __builtin_strlen(lit);
  if (t->end - t->start != n) return false;
  for (size_t i = 0; i < n; i++) {
    char a = text[t->start + i], b = lit[i];
    if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
    if (b >= 'A' && b <= 'Z') b = (char)(b + 32);
    if (a != b) return false;
  }
  return true;
}

/* Whether token t is a possessive "'s" / "’s" or a lone apostrophe after a plural ("officials’"). */
bool bl_token_is_possessive(const char *text, const BlToken *t);

#endif
