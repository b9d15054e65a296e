/* corpus.h: the writer's folder of articles as byline's memory. Every article is summarized once
 * (its catalogue entry, entity mentions, quotes, stated figures and citations) and indexed by
 * keys, so that "the Post reported" finds the Post's article, a quote is checked against the
 * article it is attributed to, and a figure against what other articles state.
 *
 * Summaries (BlCorpusDoc) are built from an analysis on any thread (bl_corpus_doc_new reads
 * only the analysis) and added to the index on one thread (bl_corpus_put): the BlCorpus itself
 * is not thread-safe. The corpus owns every document put into it; a document it returns is valid
 * until the next bl_corpus_put/remove for the same URI or bl_corpus_free. */
#ifndef BL_CORPUS_H
#define BL_CORPUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../analysis/analyze.h"
#include "../base/vec.h"
#include "../text/line_index.h"

typedef enum { BL_CITE_ATTRIBUTION, BL_CITE_READING, BL_CITE_LINK } BlCiteKind;

/* Every string of a document (its keys, names, quote texts, URLs) lives in the document's one
 * string pool (BlCorpusDoc.pool, equal strings stored once), and every quote's grams in its one
 * grams block: none is freed on its own; bl_corpus_doc_delete frees them all. */

typedef struct BlCorpusCite {
  uint8_t kind;       /* BlCiteKind */
  bool outlet_like;   /* the name reads as a news outlet or report ("the Eastbrook Gazette") */
  uint32_t start, end;
  const char *outlet_key; /* normalized outlet or source name; "" for links */
  const char *title_key;  /* Further Reading: the normalized title; else NULL */
  const char *url;        /* links: the URL; else NULL */
  int32_t sentence;   /* the sentence it attributes, or -1 */
  uint32_t sentence_start, sentence_end; /* that sentence's bytes (0, 0 when none) */
} BlCorpusCite;

typedef struct BlCorpusMention {
  const char *key; /* normalized canonical name */
  uint8_t kind, flags;
  uint32_t start, end;
} BlCorpusMention;

typedef struct BlCorpusQuote {
  const char *norm;        /* normalized content */
  const char *speaker_key; /* the speaker's surname or name key, "" when unknown */
  const char *cite_key;    /* the outlet its sentence cites ("told the Ledger"), "" when none */
  uint32_t start, end;
  const uint64_t *grams;   /* bl_norm_grams of norm, computed once for misquote comparisons */
  uint32_t ngrams;
} BlCorpusQuote;

typedef struct BlCorpusFigure {
  const char *subject_key; /* the sentence's first named actor, normalized */
  const char *measure;     /* what is measured: the first content word after the figure ("workers") */
  uint8_t kind;      /* money, number or percent */
  bool approximate;
  double value;
  char unit[8];      /* currency code for money */
  uint32_t start, end;
} BlCorpusFigure;

typedef struct BlCorpusDoc {
  const char *uri, *path; /* path NULL for a buffer with no file */
  char *text;             /* owned: a copy of the article */
  size_t len;
  BlLineIndex lines;
  const char *title, *outlet, *date, *url; /* from front matter (title: else the headline); "" when absent */
  const char *title_key, *outlet_key;
  BlVec(BlCorpusMention) mentions;
  BlVec(BlCorpusQuote) quotes;
  BlVec(BlCorpusFigure) figures;
  BlVec(BlCorpusCite) cites;
  uint64_t size, mtime; /* of the file when read, for re-indexing only what changed */
  char *pool;            /* owned: every string above, NUL-terminated, each distinct one once */
  uint64_t *grams;       /* owned: every quote's grams, one after another */
} BlCorpusDoc;

/* Summarizes an analysis; copies what it keeps (the text too). The caller frees the result
 * with bl_corpus_doc_delete unless it hands it to bl_corpus_put. */
BlCorpusDoc *bl_corpus_doc_new(const BlAnalysis *an, const char *uri, const char *path);
void bl_corpus_doc_delete(BlCorpusDoc *doc);

typedef struct BlCorpus BlCorpus;

BlCorpus *bl_corpus_new(void);
void bl_corpus_free(BlCorpus *self);
/* Adds a document (taking ownership), replacing one with the same URI. */
void bl_corpus_put(BlCorpus *self, BlCorpusDoc *doc);
void bl_corpus_remove(BlCorpus *self, const char *uri);
size_t bl_corpus_count(const BlCorpus *self);
const BlCorpusDoc *bl_corpus_get(const BlCorpus *self, const char *uri);
const BlCorpusDoc *bl_corpus_at(const BlCorpus *self, size_t i); /* NULL for a removed slot */
size_t bl_corpus_slots(const BlCorpus *self);

/* Documents whose outlet matches a cited name ("the Post" matches "The Washington Post",
 * "CWA" matches "Coastal Water Authority"). Fills up to max; returns the number found. */
size_t bl_corpus_find_outlet(const BlCorpus *self, const char *key, const BlCorpusDoc **out, size_t max);
/* The document with this title key (and, when outlet_key is not NULL, a matching outlet). */
const BlCorpusDoc *bl_corpus_find_title(const BlCorpus *self, const char *title_key, const char *outlet_key);
/* The document whose front-matter url is this URL. */
const BlCorpusDoc *bl_corpus_find_url(const BlCorpus *self, const char *url);

typedef struct BlCorpusHit {
  const BlCorpusDoc *doc;
  uint32_t index; /* into the document's mentions / quotes / figures */
} BlCorpusHit;

/* Every mention of an entity key; returns the count (fills up to max). */
size_t bl_corpus_mentions(const BlCorpus *self, const char *key, BlCorpusHit *out, size_t max);
/* The postings of an entity key, not copied: each is (slot << 32 | mention index), bl_corpus_at
 * (slot) its document; one document's are adjacent, in the order they were put. The corpus owns
 * the array: valid until the next bl_corpus_put/remove. Returns the count (*out NULL when 0). */
size_t bl_corpus_mention_postings(const BlCorpus *self, const char *key, const uint64_t **out);
/* The date of the document in a slot as YYYYMMDD (0 when it has no ISO date, or the slot is
 * empty), from an array the corpus keeps beside the documents: ordering thousands of documents
 * by date reads it, not each document. */
uint32_t bl_corpus_date_key(const BlCorpus *self, size_t slot);
/* Number of documents that mention an entity key. */
size_t bl_corpus_doc_count(const BlCorpus *self, const char *key);
/* Calls fn once per distinct entity key, with its first mention. */
void bl_corpus_each_entity(const BlCorpus *self, void (*fn)(const char *key, BlCorpusHit first, void *data),
                           void *data);
/* The postings of the quotes by a speaker key, and of the figures with a measure word: like
 * bl_corpus_mention_postings (slot << 32 | index into that document's quotes or figures; not
 * copied, valid until the next put/remove; the count returned, *out NULL when 0). The checks
 * read every one: no cap, so a source is found however many quotes or figures come before it. */
size_t bl_corpus_quote_postings(const BlCorpus *self, const char *speaker_key, const uint64_t **out);
size_t bl_corpus_figure_postings(const BlCorpus *self, const char *measure, const uint64_t **out);

/* A hash of what other articles' corpus findings can depend on (catalogue entry, quotes,
 * figures, citations): equal fingerprints mean an edit changed nothing another article sees. */
uint64_t bl_corpus_doc_fingerprint(const BlCorpusDoc *doc);

/* The document's whole text normalized as quotes are (bl_norm_quote), for "does the source hold
 * these words anywhere": computed on first use and cached by the corpus (up to 16 MiB of such
 * texts; dropped with the document). The corpus owns the result; it is valid until the next call
 * on this corpus (const in name only: like every call here, not for concurrent use). A document
 * the corpus does not hold is normalized anew each time. */
const char *bl_corpus_norm_text(const BlCorpus *self, const BlCorpusDoc *doc);

/* Whether a cited outlet name matches an outlet key (see bl_corpus_find_outlet). */
bool bl_corpus_outlet_matches(const char *cited, const char *outlet);

#endif
