/* cues.h: the words of attribution, shared by quotes.c and attribution.c: cue verbs ("said",
 * "told", "found"), "according to", "in a statement", vague markers ("reportedly", "critics
 * argue", "it is said"), and the classes of words that make up a source ("a former official",
 * "the Post", "the report", "the company"), plus the two readings built on them: a cue at a token
 * with its source noun phrase (bl_cue_at), and what kind of source a noun phrase is
 * (bl_source_classify). docs/attribution.md explains the rules with examples.
 *
 * The lexicon is built once per process (pthread_once), immutable and safe to share between
 * threads; lookups are a hash probe on the lowercased word. Nothing here allocates memory that the
 * caller must free. */
#ifndef BL_CUES_H
#define BL_CUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct BlAnalysis;

/* Word classes, a bitmask (a word may have several). */
enum {
  BL_W_CUE = 1u << 0,         /* a cue verb form: see BlWord.cue / .form */
  BL_W_DET = 1u << 1,         /* the, a, this, his ...: a verb form after one is a noun or adjective */
  BL_W_QUANT = 1u << 2,       /* a, one, two, several, multiple, some, many: an indefinite source */
  BL_W_PRON = 1u << 3,        /* he, she, they, it, we, I, you */
  BL_W_AUX = 1u << 4,         /* skipped between subject and verb: has, would, also, later ... */
  BL_W_CLAUSE = 1u << 5,      /* opens a clause: that, which, who, because, when ... */
  BL_W_LEAD = 1u << 6,        /* dropped from the start of a source: but, and, so, however ... */
  BL_W_PREP = 1u << 7,        /* in, on, at, for, of ... */
  BL_W_TIME = 1u << 8,        /* Monday, May, today, week, last ...: skipped around a cue */
  BL_W_ANON = 1u << 9,        /* heads of anonymous sources: official, source, aide, person ... */
  BL_W_DOC = 1u << 10,        /* documents: report, study, survey, poll, filing ... */
  BL_W_OUTLET = 1u << 11,     /* outlet names and heads when capitalized: Post, Times, Reuters ... */
  BL_W_OUTLET_DESC = 1u << 12,/* newspaper, paper, outlet, network, magazine ... */
  BL_W_ORG_DESC = 1u << 13,   /* company, agency, department, ministry, campaign ... */
  BL_W_PERSON_DESC = 1u << 14,/* minister, spokesperson, senator, official ... */
  BL_W_VAGUE_SUBJ = 1u << 15, /* critics, experts, some, sources, observers ... */
  BL_W_VAGUE_ADV = 1u << 16,  /* reportedly, allegedly, purportedly, supposedly */
  BL_W_BE = 1u << 17,         /* is, was, are, were, be, been */
  BL_W_MEDIUM = 1u << 18,     /* statement, interview, tweet, letter ...: "in a statement" */
  BL_W_FUNC = 1u << 19,       /* a function word: never ends a noun phrase */
  BL_W_NEG = 1u << 20,        /* not, n't, never: a negated cue is no attribution */
  BL_W_ACCORDING = 1u << 21,  /* "according" (to) */
  BL_W_NOT_ACTOR = 1u << 22,  /* capitalized, but no actor: The, In, Monday, ... (carry-over) */
};

/* Cue classes: what a cue verb asserts. */
typedef enum {
  BL_CUE_NONE,
  BL_CUE_SAY,   /* speech and writing: said, told, wrote, announced, argued, testified */
  BL_CUE_THINK, /* belief and intent: believes, thinks, expects, hopes, wants */
  BL_CUE_SHOW,  /* evidence: shows, found, revealed, indicates (a document's verb) */
} BlCueClass;

/* Verb forms. */
typedef enum { BL_CF_NONE, BL_CF_BASE, BL_CF_PRES, BL_CF_PAST, BL_CF_ING } BlCueForm;

enum {
  BL_CUEF_WEAK = 1 << 0,   /* a cue only with a complement: "added that", "added:", next to a quote */
  BL_CUEF_PARTICLE = 1 << 1, /* needs its particle: "pointed out", "called for/on/it" */
};

typedef struct BlWord {
  uint32_t cls;  /* BL_W_* */
  uint8_t cue;   /* BlCueClass, with BL_W_CUE */
  uint8_t form;  /* BlCueForm, with BL_W_CUE */
  uint8_t flags; /* BL_CUEF_* */
} BlWord;

/* The classes of the word w[0..n) (ASCII letters compared without case); all zero when unknown. */
BlWord bl_word_lookup(const char *w, size_t n);

/* What kind of source a noun phrase names. */
typedef enum {
  BL_SRC_KIND_NONE,
  BL_SRC_KIND_PRONOUN,     /* he, she, they, it */
  BL_SRC_KIND_NAMED,       /* a proper name: "Gina Raimondo", "Microsoft", "the NSA" */
  BL_SRC_KIND_ANONYMOUS,   /* an unnamed person: "a former U.S. military official", "officials" */
  BL_SRC_KIND_VAGUE,       /* "critics", "some", "experts", "sources" */
  BL_SRC_KIND_DOCUMENT,    /* "the report", "a study", "records" */
  BL_SRC_KIND_OUTLET,      /* "the Post", "Forbes" (a media entity), "the newspaper" */
  BL_SRC_KIND_ORG_DESC,    /* "the company", "the agency": a description that refers back */
  BL_SRC_KIND_PERSON_DESC, /* "the minister", "the spokesperson": a description that refers back */
  BL_SRC_KIND_OTHER,       /* a common noun phrase: "the protesters" */
} BlSourceKind;

/* A cue found at a token, with its source. Token indices index an->tokens.tokens; ranges are
 * [begin, end); src_begin == src_end when the cue has no source (a vague "reportedly"). */
typedef struct BlCueHit {
  uint32_t cue_begin, cue_end;
  uint32_t src_begin, src_end;
  uint8_t cls;      /* BlCueClass (SAY for "according to" and "in a statement") */
  uint8_t kind;     /* BlSourceKind of the source */
  bool vague;       /* a vague marker or a vague source: "reportedly", "critics argue" */
  bool inverted;    /* the source follows the cue: "said Smith" */
  bool definite;    /* the source starts with "the"/"this"/a possessive ("the company") */
  int32_t entity;   /* index of the entity the source is (or holds), else -1 */
} BlCueHit;

/* Reads a cue at token i, which lies in the window [lo, hi) (a sentence, or the stretch beside a
 * quote); skip, when not NULL, marks tokens inside quotation marks, which no source crosses.
 * Returns true and fills *hit when token i starts a cue: a cue verb with its subject (before it,
 * or after it when inverted), "according to X", "in a statement", or a vague marker. */
bool bl_cue_at(const struct BlAnalysis *an, uint32_t i, uint32_t lo, uint32_t hi, const uint8_t *skip,
               BlCueHit *hit);

/* A verb the lexicon does not know, in -ed or -s, read as a speech cue at token i with its subject
 * when it can only be one: right before a colon that opens a quote ("Trump leaned in and boomed:
 * “…”"), or right after a quote, a short subject before it, ending its clause ("“…,” Oliver
 * barked."; the window [lo, hi) then starts after the closing mark). */
bool bl_cue_unknown_verb(const struct BlAnalysis *an, uint32_t i, uint32_t lo, uint32_t hi, const uint8_t *skip,
                         BlCueHit *hit);

/* The first token in [from, to) that may start a cue (a cheap filter: bl_cue_at decides), skipping
 * tokens marked in skip (may be NULL); `to` when none. Scanning a sentence with it costs a few
 * instructions per word. */
uint32_t bl_cue_next(const struct BlAnalysis *an, uint32_t from, uint32_t to, const uint8_t *skip);

/* The kind of the source noun phrase in tokens [begin, end); *definite and *entity as in BlCueHit
 * (either may be NULL). */
BlSourceKind bl_source_classify(const struct BlAnalysis *an, uint32_t begin, uint32_t end, bool *definite,
                                int32_t *entity);

/* Index of the first entity (an->entities, sorted by start) that overlaps bytes [start, end) and
 * whose kind is in kinds (a mask of 1 << BlEntityKind), or -1. */
int32_t bl_entity_overlapping(const struct BlAnalysis *an, uint32_t start, uint32_t end, uint32_t kinds);

/* Index of the first token whose start is >= byte offset pos (tokens.len when none). */
uint32_t bl_token_at_or_after(const struct BlAnalysis *an, uint32_t pos);

/* A mask over an->tokens: 1 for each token inside one of the quotes q[0..nq) (sorted by start;
 * marks included). The caller frees the returned array with bl_free. */
struct BlQuote;
uint8_t *bl_quote_token_mask(const struct BlAnalysis *an, const struct BlQuote *q, size_t nq);

#endif
