/* check.c: the corpus rules (see check.h).
 *
 * misquote: a quote is checked against the corpus articles it can be traced to — quotes by the
 * same speaker, and the articles of the outlet its sentence cites ("told the Ledger"). When one
 * of them contains it (normalized: case, quote marks, punctuation, ellipses and [insertions]),
 * it is a faithful quote (or a faithful part of one). When none does but one is clearly the same
 * quote (word-bigram similarity >= 0.5), it is a misquote, shown with the closest passage. A quote
 * that resembles nothing in the corpus is new, not wrong, and is left alone.
 * Cost: a cited outlet's article is searched in its normalized whole text, which the corpus
 * normalizes once and caches (bl_corpus_norm_text), not once per quote; a same-speaker quote is
 * first compared by the bigrams the two share (a merge of two short sorted arrays), and its
 * strings are searched for containment only when those counts allow it (all of one's bigrams in
 * the other), so most candidates cost one merge. The findings are those of the full comparison.
 *
 * conflicting-figure: a money/number/percent figure is keyed by its sentence's first named
 * actor and the words after it ("3,100 workers", "$2.4 billion over budget"); another article
 * stating the same kind of figure, in the same unit, for an actor sharing a name word, with a
 * measure sharing a word, and a value that differs (by more than 10% when either is
 * approximate) conflicts — unless a third article confirms this one's value, and, when nothing
 * confirms either, only the later of the two is flagged (it repeated the figure). One finding per
 * figure, linking the other place.
 *
 * source-not-in-corpus: a Further Reading line, or an attribution to something that reads as an
 * outlet or a report, that matches no other article's outlet or title. */
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/utf8.h"
#include "normalize.h"


static int bl_check__severity(const BlRuleSettings *settings, const BlRule *rule)
{
  return settings ? settings->severity[bl_rule_index(rule)] : (int)rule->default_severity;
}

void bl_corpus_locate(const BlCorpusDoc *doc, BlRelated *r)
{
  for (int enc = BL_ENC_UTF8; enc <= BL_ENC_UTF32; enc++) {
    bl_line_index_position(&doc->lines, doc->text, doc->len, r->start, (BlEncoding)enc, &r->line, &r->col[enc]);
    bl_line_index_position(&doc->lines, doc->text, doc->len, r->end, (BlEncoding)enc, &r->end_line, &r->end_col[enc]);
  }
}

static bool bl_check__other(const BlCorpusDoc *d, const BlCorpusDoc *self_doc)
{
  return d && strcmp(d->uri, self_doc->uri) != 0;
}

/* The article's name as people cite it: "The Harbor Ledger: “Title”". */
static void bl_check__doc_name(BlBuf *b, const BlCorpusDoc *d)
{
  if (d->outlet[0]) bl_buf_printf(b, "%s, ", d->outlet);
  bl_buf_printf(b, "\xE2\x80\x9C%s\xE2\x80\x9D", d->title[0] ? d->title : d->uri);
}

/* ---------------------------------------------------------------- misquote */

/* Whether `d` was published after `self_doc` (both dates known, ISO strings compare as dates). */
static bool bl_check__later(const BlCorpusDoc *d, const BlCorpusDoc *self_doc)
{
  return d->date[0] && self_doc->date[0] && strcmp(d->date, self_doc->date) > 0;
}

static bool bl_check__doc_contains(const BlCorpus *corpus, const BlCorpusDoc *d, const char *norm)
{
  const char *all = bl_corpus_norm_text(corpus, d); /* normalized once per source, not per quote */
  return all[0] && bl_norm_contains(all, norm);
}

/* How many bigrams two quotes share (the numerator of bl_norm_similarity_grams). */
static uint32_t bl_check__common(const BlCorpusQuote *a, const BlCorpusQuote *b)
{
  uint32_t i = 0, j = 0, common = 0;
  while (i < a->ngrams && j < b->ngrams) {
    if (a->grams[i] == b->grams[j]) common++, i++, j++;
    else if (a->grams[i] < b->grams[j]) i++;
    else j++;
  }
  return common;
}

static void bl_check__misquotes(const BlCorpus *corpus, const BlCorpusDoc *self_doc, const BlSuppressions *sup,
                                int sev, BlFindings *out)
{
  const BlCorpusDoc *outlets[32];
  for (size_t qi = 0; qi < self_doc->quotes.len; qi++) {
    const BlCorpusQuote *q = &self_doc->quotes.items[qi];
    size_t words = 0;
    for (const char *p = q->norm; *p; p++) words += (p == q->norm || p[-1] == ' ') && *p != ' ';
    if (words < 4 || bl_suppressions_hide(sup, &bl_rule_misquote, q->start)) continue; /* too short to judge */
    bool traced = false, faithful = false;
    double best = 0;
    const BlCorpusDoc *best_doc = NULL;
    const BlCorpusQuote *best_quote = NULL;
    /* The source is the outlet the sentence cites ("told the Ledger") when the corpus has it;
     * only without one do other articles quoting the same speaker stand in for it. */
    size_t no = q->cite_key[0] ? bl_corpus_find_outlet(corpus, q->cite_key, outlets, 32) : 0;
    bool cited = false;
    for (size_t o = 0; o < no && o < 32; o++) cited |= bl_check__other(outlets[o], self_doc) && !bl_check__later(outlets[o], self_doc);
    for (size_t o = 0; cited && o < no && o < 32 && !faithful; o++) {
      const BlCorpusDoc *d = outlets[o];
      if (!bl_check__other(d, self_doc) || bl_check__later(d, self_doc)) continue;
      traced = true;
      if (bl_check__doc_contains(corpus, d, q->norm)) faithful = true;
      for (size_t k = 0; k < d->quotes.len && !faithful; k++) {
        const BlCorpusQuote *c = &d->quotes.items[k];
        if (bl_norm_contains(q->norm, c->norm) && c->ngrams > 2) faithful = true; /* we quote more of it */
        double sim = bl_norm_similarity_grams(q->grams, q->ngrams, c->grams, c->ngrams);
        if (sim > best) best = sim, best_doc = d, best_quote = c;
      }
    }
    const uint64_t *post = NULL;
    size_t nh = cited ? 0 : bl_corpus_quote_postings(corpus, q->speaker_key, &post);
    for (size_t h = 0; h < nh && !faithful; h++) {
      const BlCorpusDoc *hd = bl_corpus_at(corpus, (size_t)(post[h] >> 32));
      if (!hd || !bl_check__other(hd, self_doc)) continue;
      const BlCorpusQuote *c = &hd->quotes.items[(uint32_t)post[h]];
      /* it quotes us, not we it: a same-speaker source must be strictly earlier */
      if (bl_check__later(hd, self_doc) || (hd->date[0] && self_doc->date[0] && strcmp(hd->date, self_doc->date) == 0))
        continue;
      traced = true;
      /* containment needs shared bigrams: all of q's for c ⊇ q, all of c's for q ⊇ c (when c has
       * bigrams: an empty or one-word c is always tested); the strings are searched only then */
      uint32_t common = bl_check__common(q, c);
      bool words2 = c->ngrams && strchr(c->norm, ' ');
      if ((common == q->ngrams && bl_norm_contains(c->norm, q->norm)) ||
          ((!words2 || common == c->ngrams) && bl_norm_contains(q->norm, c->norm)))
        faithful = true;
      double sim = q->ngrams + c->ngrams ? 2.0 * (double)common / (double)(q->ngrams + c->ngrams) : 0.0;
      if (sim > best) best = sim, best_doc = hd, best_quote = c;
    }
    if (!traced || faithful || best < 0.5 || !best_quote) continue;
    BlBuf name;
    bl_buf_init(&name, 0);
    bl_check__doc_name(&name, best_doc);
    char *passage = bl_utf8_sanitize(best_doc->text + best_quote->start, best_quote->end - best_quote->start);
    BlFinding *f = bl_findings_add(out, &bl_rule_misquote, (BlSeverity)sev, q->start, q->end,
                                   "this quote differs from its source, %s, which has: %s", name.data, passage);
    BlRelated *r = bl_finding_relate_elsewhere(f, best_doc->uri, best_quote->start, best_quote->end,
                                               "the closest passage in the source");
    bl_corpus_locate(best_doc, r);
    bl_free(passage);
    bl_buf_free(&name);
  }
}

/* ---------------------------------------------------------------- conflicting-figure */

static bool bl_check__share_word(const char *a, const char *b)
{
  char word[128];
  for (const char *p = a; *p;) {
    size_t n = strcspn(p, " ");
    if (n >= 3 && n < sizeof word) { /* short words ("of", "the") carry no identity */
      memcpy(word, p, n);
      word[n] = '\0';
      if (bl_norm_contains(b, word)) return true;
    }
    p += n + (p[n] == ' ');
  }
  return false;
}

static void bl_check__figure_text(BlBuf *b, const BlCorpusDoc *d, const BlCorpusFigure *f)
{
  char *t = bl_utf8_sanitize(d->text + f->start, f->end - f->start);
  bl_buf_puts(b, t);
  bl_free(t);
}

static bool bl_check__comparable(const BlCorpusFigure *f, const BlCorpusFigure *g)
{
  return g->kind == f->kind && strcmp(g->unit, f->unit) == 0 && strcmp(g->measure, f->measure) == 0 &&
         bl_check__share_word(f->subject_key, g->subject_key);
}

static bool bl_check__differ(const BlCorpusFigure *f, const BlCorpusFigure *g)
{
  double a = fabs(f->value), b = fabs(g->value), big = a > b ? a : b;
  if (big == 0) return false;
  return fabs(f->value - g->value) / big > ((f->approximate || g->approximate) ? 0.10 : 0.005);
}

/* A figure conflicts when another article states it differently and no other article states it
 * the same way: the outlier is flagged, not every article that agrees with the majority. */
static void bl_check__figures(const BlCorpus *corpus, const BlCorpusDoc *self_doc, const BlSuppressions *sup,
                              int sev, BlFindings *out)
{
  for (size_t fi = 0; fi < self_doc->figures.len; fi++) {
    const BlCorpusFigure *f = &self_doc->figures.items[fi];
    if (bl_suppressions_hide(sup, &bl_rule_conflicting_figure, f->start)) continue;
    const uint64_t *post = NULL;
    size_t nh = bl_corpus_figure_postings(corpus, f->measure, &post);
    const BlCorpusDoc *other_doc = NULL;
    const BlCorpusFigure *other = NULL;
    bool confirmed = false;
    for (size_t h = 0; h < nh && !confirmed; h++) {
      const BlCorpusDoc *hd = bl_corpus_at(corpus, (size_t)(post[h] >> 32));
      if (!hd || !bl_check__other(hd, self_doc)) continue;
      const BlCorpusFigure *g = &hd->figures.items[(uint32_t)post[h]];
      if (!bl_check__comparable(f, g)) continue;
      if (!bl_check__differ(f, g)) confirmed = true;
      else if (!other) other = g, other_doc = hd;
    }
    /* when nothing confirms either figure, the later article is the one that repeated it */
    if (confirmed || !other || bl_check__later(other_doc, self_doc)) continue;
    BlBuf msg, theirs;
    bl_buf_init(&msg, 0);
    bl_buf_init(&theirs, 0);
    bl_check__figure_text(&theirs, other_doc, other);
    bl_check__doc_name(&msg, other_doc);
    char *mine = bl_utf8_sanitize(self_doc->text + f->start, f->end - f->start);
    BlFinding *fd = bl_findings_add(out, &bl_rule_conflicting_figure, (BlSeverity)sev, f->start, f->end,
                                    "%s here, but %s states %s for the same measure (%s: %s), and no other "
                                    "article confirms %s",
                                    mine, msg.data, theirs.data, f->subject_key, f->measure, mine);
    BlRelated *r = bl_finding_relate_elsewhere(fd, other_doc->uri, other->start, other->end, "the other figure");
    bl_corpus_locate(other_doc, r);
    bl_free(mine);
    bl_buf_free(&msg);
    bl_buf_free(&theirs);
  }
}

/* ---------------------------------------------------------------- source-not-in-corpus */

static void bl_check__sources(const BlCorpus *corpus, const BlCorpusDoc *self_doc, const BlSuppressions *sup, int sev,
                              BlFindings *out)
{
  const BlCorpusDoc *found[4];
  for (size_t ci = 0; ci < self_doc->cites.len; ci++) {
    const BlCorpusCite *c = &self_doc->cites.items[ci];
    if (c->kind == BL_CITE_LINK || !c->outlet_like || !c->outlet_key[0]) continue;
    if (bl_suppressions_hide(sup, &bl_rule_source_not_in_corpus, c->start)) continue;
    if (bl_corpus_outlet_matches(c->outlet_key, self_doc->outlet_key)) continue; /* the article's own outlet */
    bool matched = false;
    if (c->title_key && bl_corpus_find_title(corpus, c->title_key, NULL)) matched = true;
    /* "the Ledger and the authority's statement": any part that matches is enough */
    char part[256];
    for (const char *p = c->outlet_key; *p && !matched;) {
      const char *and = strstr(p, " and ");
      size_t n = and ? (size_t)(and - p) : strlen(p);
      if (n >= sizeof part) n = sizeof part - 1;
      memcpy(part, p, n);
      part[n] = '\0';
      size_t nf = bl_corpus_find_outlet(corpus, part, found, 4);
      for (size_t k = 0; k < nf && k < 4 && !matched; k++) matched = bl_check__other(found[k], self_doc);
      p = and ? and + 5 : p + n;
    }
    if (matched) continue;
    char *name = bl_utf8_sanitize(self_doc->text + c->start, c->end - c->start);
    bl_findings_add(out, &bl_rule_source_not_in_corpus, (BlSeverity)sev, c->start, c->end,
                    "no article in the corpus (%zu indexed) matches \"%s\"", bl_corpus_count(corpus), name);
    bl_free(name);
  }
}

void bl_corpus_check(const BlCorpus *corpus, const BlCorpusDoc *self_doc, const BlSuppressions *sup,
                     const BlRuleSettings *settings, BlFindings *out)
{
  size_t others = bl_corpus_count(corpus) - (bl_corpus_get(corpus, self_doc->uri) ? 1 : 0);
  if (others == 0) return; /* a lone article has no corpus to compare with */
  int sev;
  if ((sev = bl_check__severity(settings, &bl_rule_misquote)) != BL_RULE_OFF)
    bl_check__misquotes(corpus, self_doc, sup, sev, out);
  if ((sev = bl_check__severity(settings, &bl_rule_conflicting_figure)) != BL_RULE_OFF)
    bl_check__figures(corpus, self_doc, sup, sev, out);
  if ((sev = bl_check__severity(settings, &bl_rule_source_not_in_corpus)) != BL_RULE_OFF)
    bl_check__sources(corpus, self_doc, sup, sev, out);
  bl_findings_sort(out);
}
