/* check.h: the corpus rules — source-not-in-corpus, misquote, conflicting-figure — which compare
 * one analyzed article with the rest of the corpus. They run only when the corpus holds at least
 * one other article, honour the article's suppression comments and the rule settings, and append
 * findings (related places in other articles carry their URI and precomputed positions). */
#ifndef BL_CHECK_H
#define BL_CHECK_H

#include "../analysis/analyze.h"
#include "corpus.h"

/* `self_doc` is the article's own summary (bl_corpus_doc_new of its analysis), used for its
 * text, quotes, figures and citations; the corpus may or may not hold it (it is never its own
 * source). `suppressions` are the article's directives (BlAnalysis.suppressions). */
void bl_corpus_check(const BlCorpus *corpus, const BlCorpusDoc *self_doc, const BlSuppressions *suppressions,
                     const BlRuleSettings *settings, BlFindings *out);

/* Fills a related place's line and columns (all encodings) from a corpus document. */
void bl_corpus_locate(const BlCorpusDoc *doc, BlRelated *r);

#endif
