/* claims.h: what the fact-checking half of the analysis finds, beside the entities: direct
 * quotes and their speakers (quotes.c), the attribution of every sentence (attribution.c), and
 * whether a sentence states a check-worthy fact (claims.c). All spans are UTF-8 byte offsets,
 * end exclusive; an empty span (start == end) means "none". Arrays are owned by the
 * BlAnalysis that holds them (bl_analysis_free). */
#ifndef BL_CLAIMS_H
#define BL_CLAIMS_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/vec.h"

typedef struct BlSpan {
  uint32_t start, end;
} BlSpan;

enum {
  BL_QF_PARTIAL = 1 << 0,   /* a fragment inside a sentence: called it “stealthy and targeted” */
  BL_QF_CONTINUES = 1 << 1, /* runs on into the next paragraph (the multi-paragraph convention) */
  BL_QF_UNCLOSED = 1 << 2,  /* never closed (unbalanced-quote reports it) */
};

typedef enum {
  BL_SPEAKER_NONE,      /* no speaker found */
  BL_SPEAKER_CUE,       /* a cue verb next to the quote names the speaker: “…,” she said */
  BL_SPEAKER_RESOLVED,  /* a pronoun or a description ("the company") taken back to an earlier speaker */
  BL_SPEAKER_CONTINUED, /* a paragraph of a multi-paragraph quote: the speaker of the quote's end */
} BlSpeakerHow;

typedef struct BlQuote {
  BlSpan span;      /* with its marks */
  BlSpan content;   /* inside the marks */
  uint8_t flags;    /* BL_QF_* */
  uint8_t how;      /* BlSpeakerHow */
  BlSpan speaker;   /* the speaker mention as written ("a former U.S. military official", "she") */
  BlSpan cue;       /* the cue verb ("told", "said", "according to") */
  int32_t speaker_entity; /* index into the analysis' entities when the speaker is one, else -1 */
  int32_t resolved_from;  /* BL_SPEAKER_RESOLVED/CONTINUED: index of the quote whose speaker it took, else -1 */
  BlSpan antecedent;      /* BL_SPEAKER_RESOLVED: the earlier mention the speaker refers to ("Gina Raimondo"
                             for "she"), wherever it came from (a quote, a cue's source, an entity); else empty */
} BlQuote;

typedef enum {
  BL_ATTR_NONE,
  BL_ATTR_CUE,     /* a cue in the sentence: "X said", "according to X", "X reported" */
  BL_ATTR_QUOTE,   /* the sentence is (mostly) a direct quote with a speaker */
  BL_ATTR_CARRIED, /* carried from an earlier sentence of the same paragraph ("the Post reported" ... ) */
  BL_ATTR_LINK,    /* a link or citation in the sentence */
} BlAttrHow;

enum {
  BL_CLAIM_FIGURE = 1 << 0,     /* states a number, sum, percent or date */
  BL_CLAIM_ACTOR = 1 << 1,      /* a named actor does something */
  BL_CLAIM_EVENT = 1 << 2,      /* reports an event (past tense, a change) */
  BL_CLAIM_COMPARISON = 1 << 3, /* a comparison or superlative */
};

typedef struct BlSentenceInfo {
  bool claim;            /* states a check-worthy fact */
  uint8_t claim_reasons; /* BL_CLAIM_* */
  float claim_score;
  bool attributed;
  uint8_t how;           /* BlAttrHow */
  bool anonymous;        /* the source is an unnamed person ("a senior official") */
  bool vague;            /* "reportedly", "critics argue", "experts believe", "it is said" */
  BlSpan cue;            /* the cue ("said", "according to", "reportedly") */
  BlSpan source;         /* the source as written ("the Post", "multiple former senior U.S. officials") */
  int32_t source_entity; /* index into entities, or -1 */
  int32_t carried_from;  /* BL_ATTR_CARRIED: the sentence the attribution comes from, else -1 */
} BlSentenceInfo;

typedef BlVec(BlQuote) BlQuotes;
typedef BlVec(BlSentenceInfo) BlSentenceInfos;

struct BlAnalysis;
/* quotes.c: finds direct quotes and their speakers. */
void bl_find_quotes(const struct BlAnalysis *an, BlQuotes *out);
/* attribution.c: one BlSentenceInfo per sentence (same index as an->tokens.sentences), with its
 * attribution filled in; claim fields are left for bl_score_claims. Reads an->quotes. */
void bl_attribute_sentences(const struct BlAnalysis *an, BlSentenceInfos *out);
/* claims.c: fills the claim fields of each sentence. */
void bl_score_claims(const struct BlAnalysis *an, BlSentenceInfos *infos);

#endif
