/* test_corpus.c: the corpus layer (server/corpus) on articles we generate: the misquote check, which
 * compares a quote only with the same speaker's quotes that share bigrams with it, finds exactly what
 * a brute-force scan of every earlier quote by the speaker finds; a document's strings live in its
 * pool (equal keys stored once); the normalized text the corpus caches for a source equals a fresh
 * normalization and follows a replaced document. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analyze.h"
#include "analysis/rules.h"
#include "base/buf.h"
#include "corpus/check.h"
#include "corpus/corpus.h"
#include "corpus/normalize.h"

#define LQ "\xE2\x80\x9C" /* “ */
#define RQ "\xE2\x80\x9D" /* ” */

static uint64_t seed = 0x2545F4914F6CDD1Dull;

static size_t rnd(size_t n)
{
  seed ^= seed << 13;
  seed ^= seed >> 7;
  seed ^= seed << 17;
  return (size_t)(seed % n);
}

static BlCorpusDoc *summarize(const char *text, const char *uri)
{
  BlAnalysis an;
  bl_analysis_run(&an, text, strlen(text), NULL);
  BlCorpusDoc *d = bl_corpus_doc_new(&an, uri, NULL);
  bl_analysis_free(&an);
  return d;
}

/* A quote's words: 1 to 9 of a twelve-word vocabulary, so quotes overlap, contain each other, repeat
 * and differ by a word. Earlier quotes are reused (whole, cut, or with a word changed). */
static void quote_words(BlBuf *b, char made[][128], size_t n_made)
{
  static const char *const vocab[] = {"water", "rates", "will", "rise", "next", "year",
                                      "board", "voted", "again", "higher", "than", "planned"};
  size_t how = rnd(5);
  if (n_made && how == 0) { /* an earlier quote again */
    bl_buf_puts(b, made[rnd(n_made)]);
  } else if (n_made && (how == 1 || how == 4)) { /* an earlier one with a word changed */
    const char *src = made[rnd(n_made)];
    size_t words = 1;
    for (const char *p = src; *p; p++) words += *p == ' ';
    size_t change = rnd(words), w = 0;
    for (const char *p = src; *p;) {
      size_t n = strcspn(p, " ");
      if (w) bl_buf_putc(b, ' ');
      if (w == change) bl_buf_puts(b, vocab[rnd(12)]);
      else bl_buf_append(b, p, n);
      p += n + (p[n] == ' ');
      w++;
    }
  } else {
    size_t words = how == 2 && rnd(3) == 0 ? 1 + rnd(3) : 4 + rnd(6);
    for (size_t w = 0; w < words; w++) {
      if (w) bl_buf_putc(b, ' ');
      bl_buf_puts(b, vocab[rnd(12)]);
    }
  }
}

enum { N_DOCS = 40 };

typedef struct {
  size_t start, end;   /* the quote */
  char *uri;           /* the closest passage's article */
  size_t rstart, rend; /* and its place */
} Expect;

/* The misquote rule as it was before the bigram filter, for same-speaker sources: every earlier
 * quote by the speaker is compared in full. */
static size_t brute_force(const BlCorpus *corpus, const BlCorpusDoc *self, Expect *out, size_t cap)
{
  size_t n = 0;
  for (size_t qi = 0; qi < self->quotes.len; qi++) {
    const BlCorpusQuote *q = &self->quotes.items[qi];
    size_t words = 0;
    for (const char *p = q->norm; *p; p++) words += (p == q->norm || p[-1] == ' ') && *p != ' ';
    if (words < 4 || q->cite_key[0]) continue;
    bool traced = false, faithful = false;
    double best = 0;
    const BlCorpusDoc *best_doc = NULL;
    const BlCorpusQuote *best_quote = NULL;
    const uint64_t *post = NULL;
    size_t nh = bl_corpus_quote_postings(corpus, q->speaker_key, &post);
    for (size_t h = 0; h < nh && !faithful; h++) {
      const BlCorpusDoc *d = bl_corpus_at(corpus, (size_t)(post[h] >> 32));
      if (strcmp(d->uri, self->uri) == 0 || strcmp(d->date, self->date) >= 0) continue;
      const BlCorpusQuote *c = &d->quotes.items[(uint32_t)post[h]];
      traced = true;
      if (bl_norm_contains(c->norm, q->norm) || bl_norm_contains(q->norm, c->norm)) faithful = true;
      double sim = bl_norm_similarity(q->norm, c->norm);
      if (sim > best) best = sim, best_doc = d, best_quote = c;
    }
    if (!traced || faithful || best < 0.5 || !best_quote || n >= cap) continue;
    out[n++] = (Expect){q->start, q->end, (char *)best_doc->uri, best_quote->start, best_quote->end};
  }
  return n;
}

Test(corpus, misquote_candidates_equal_a_brute_force_scan)
{
  size_t total_expected = 0, total_quotes = 0;
  for (int round = 0; round < 6; round++) {
    BlCorpus *corpus = bl_corpus_new();
    char made[512][128];
    size_t n_made = 0;
    char uris[N_DOCS][64];
    BlBuf text, words;
    bl_buf_init(&text, 0);
    bl_buf_init(&words, 0);
    for (int k = 0; k < N_DOCS; k++) {
      bl_buf_reset(&text);
      int day = k % 7 == 3 ? k - 1 : k; /* mostly one a day, some the same day */
      bl_buf_printf(&text, "---\ntitle: Rates Story %d\noutlet: Harbor Ledger\ndate: 2026-%02d-%02d\n---\n\n", k,
                    1 + day / 28, 1 + day % 28);
      bl_buf_puts(&text, "Rates Story\n\n");
      for (int p = 0; p < 4; p++) {
        bl_buf_reset(&words);
        quote_words(&words, made, n_made);
        if (n_made < 512 && words.len < 127) snprintf(made[n_made++], sizeof made[0], "%s", words.data);
        char first = words.data[0];
        words.data[0] = (char)(first - 32); /* a capital to start the quote */
        bl_buf_printf(&text, LQ "%s," RQ " Castellanos said.\n\n", words.data);
      }
      snprintf(uris[k], sizeof uris[k], "file:///corpus/%02d.txt", k);
      bl_corpus_put(corpus, summarize(text.data, uris[k]));
    }
    for (int k = 0; k < N_DOCS; k++) {
      const BlCorpusDoc *d = bl_corpus_get(corpus, uris[k]);
      cr_assert_not_null(d);
      for (size_t i = 0; i < d->quotes.len; i++) cr_assert_str_eq(d->quotes.items[i].speaker_key, "castellanos");
      total_quotes += d->quotes.len;
      Expect want[64];
      size_t nw = brute_force(corpus, d, want, 64);
      total_expected += nw;
      BlFindings got = {0};
      BlSuppressions none = {0};
      bl_corpus_check(corpus, d, &none, NULL, &got);
      size_t ng = 0;
      for (size_t i = 0; i < got.items.len; i++) {
        const BlFinding *f = &got.items.items[i];
        if (f->rule != &bl_rule_misquote) continue;
        cr_assert_lt(ng, nw, "%s: a misquote the brute-force scan does not find at %zu", uris[k], f->start);
        cr_assert_eq(f->start, want[ng].start);
        cr_assert_eq(f->end, want[ng].end);
        cr_assert_eq(f->related.len, 1);
        cr_assert_str_eq(f->related.items[0].uri, want[ng].uri, "%s: the closest passage", uris[k]);
        cr_assert_eq(f->related.items[0].start, want[ng].rstart);
        cr_assert_eq(f->related.items[0].end, want[ng].rend);
        ng++;
      }
      cr_assert_eq(ng, nw, "%s: %zu misquotes, the brute-force scan finds %zu", uris[k], ng, nw);
      bl_findings_free(&got);
    }
    bl_buf_free(&text);
    bl_buf_free(&words);
    bl_corpus_free(corpus);
  }
  cr_assert_gt(total_quotes, 6 * N_DOCS * 3, "the quotes were recognized (%zu)", total_quotes);
  cr_assert_gt(total_expected, 10, "the generated corpus has misquotes to find (%zu)", total_expected);
}

Test(corpus, a_documents_equal_strings_are_stored_once)
{
  const char *text = "---\ntitle: Authority Story\noutlet: Harbor Ledger\ndate: 2026-02-01\n---\n\n"
                     "The Coastal Water Authority met on Monday. The Coastal Water Authority voted. Miriam "
                     "Castellanos, the auditor, spoke to the Coastal Water Authority.\n";
  BlCorpusDoc *d = summarize(text, "file:///one.txt");
  const char *first = NULL;
  size_t same = 0;
  for (size_t i = 0; i < d->mentions.len; i++) {
    const char *k = d->mentions.items[i].key;
    cr_assert(k >= d->pool, "every key is in the pool");
    if (strcmp(k, "coastal water authority") != 0) continue;
    if (!first) first = k;
    cr_assert_eq(k, first, "one copy of a key");
    same++;
  }
  cr_assert_geq(same, 2, "the authority is mentioned more than once (%zu)", same);
  cr_assert_str_eq(d->title, "Authority Story");
  cr_assert_str_eq(d->outlet_key, "harbor ledger");
  cr_assert_str_eq(d->uri, "file:///one.txt");
  cr_assert_null(d->path);
  bl_corpus_doc_delete(d);
}

Test(corpus, the_cached_normalized_text_follows_the_document)
{
  BlCorpus *corpus = bl_corpus_new();
  const char *a = "---\ntitle: One\noutlet: Harbor Ledger\n---\n\nRates \xE2\x80\x9Cwill [sharply] rise,\xE2\x80\x9D she said.\n";
  const char *b = "---\ntitle: One\noutlet: Harbor Ledger\n---\n\nRates will fall, she said.\n";
  bl_corpus_put(corpus, summarize(a, "file:///a.txt"));
  const BlCorpusDoc *d = bl_corpus_get(corpus, "file:///a.txt");
  BlBuf want;
  bl_buf_init(&want, 0);
  bl_norm_quote(&want, d->text, d->len);
  const char *got = bl_corpus_norm_text(corpus, d);
  cr_assert_str_eq(got, want.data);
  cr_assert_eq(bl_corpus_norm_text(corpus, d), got, "cached: the same bytes the second time");
  bl_corpus_put(corpus, summarize(b, "file:///a.txt")); /* the file changed */
  d = bl_corpus_get(corpus, "file:///a.txt");
  bl_buf_reset(&want);
  bl_norm_quote(&want, d->text, d->len);
  cr_assert_str_eq(bl_corpus_norm_text(corpus, d), want.data, "the new text, not the cached old one");
  BlCorpusDoc *loose = summarize(a, "file:///not-in-it.txt"); /* a document the corpus does not hold */
  bl_buf_reset(&want);
  bl_norm_quote(&want, loose->text, loose->len);
  cr_assert_str_eq(bl_corpus_norm_text(corpus, loose), want.data);
  bl_corpus_doc_delete(loose);
  bl_buf_free(&want);
  bl_corpus_free(corpus);
}

/* A corpus of `fillers` articles put first (so their quotes and figures come first in every
 * posting list), then the source, then the article checked against it. */
static size_t count_rule_after_fillers(const BlRule *rule, size_t fillers, const char *filler_fmt,
                                       const char *source, const char *checked)
{
  BlCorpus *corpus = bl_corpus_new();
  BlBuf text;
  bl_buf_init(&text, 0);
  for (size_t k = 0; k < fillers; k++) {
    bl_buf_reset(&text);
    bl_buf_printf(&text, filler_fmt, k, k % 28 + 1, k, k); /* title, day, then two numbers */
    char uri[64];
    snprintf(uri, sizeof uri, "file:///corpus/filler-%04zu.txt", k);
    bl_corpus_put(corpus, summarize(text.data, uri));
  }
  bl_corpus_put(corpus, summarize(source, "file:///corpus/source.txt"));
  BlCorpusDoc *d = summarize(checked, "file:///corpus/checked.txt");
  bl_corpus_put(corpus, d);
  BlFindings got = {0};
  BlSuppressions none = {0};
  bl_corpus_check(corpus, d, &none, NULL, &got);
  size_t n = 0;
  for (size_t i = 0; i < got.items.len; i++)
    if (got.items.items[i].rule == rule) {
      n++;
      cr_assert_str_eq(got.items.items[i].related.items[0].uri, "file:///corpus/source.txt");
    }
  bl_findings_free(&got);
  bl_buf_free(&text);
  bl_corpus_free(corpus);
  return n;
}

/* Before: only the first 256 quotes of a speaker and figures of a measure were compared, so a
 * source that came later in the index was never found (100,000-tiny-files benchmark). */
Test(corpus, a_misquote_is_found_behind_more_than_256_quotes_by_the_speaker)
{
  const char *filler = "---\ntitle: Note %zu\noutlet: Bay Times\ndate: 2026-01-%02zu\n---\n\nNote\n\n"
                       LQ "Filler statement number %zu about item %zu today," RQ " Castellanos said.\n";
  const char *source = "---\ntitle: Rates\noutlet: Harbor Ledger\ndate: 2026-02-01\n---\n\nRates\n\n"
                       LQ "Water rates will rise again next year," RQ " Castellanos said.\n";
  const char *checked = "---\ntitle: Rates Again\noutlet: Bay Times\ndate: 2026-02-10\n---\n\nRates Again\n\n"
                        LQ "Water rates will fall again next year," RQ " Castellanos said.\n";
  cr_assert_eq(count_rule_after_fillers(&bl_rule_misquote, 4, filler, source, checked), 1,
               "the misquote is found in a small corpus");
  cr_assert_eq(count_rule_after_fillers(&bl_rule_misquote, 300, filler, source, checked), 1,
               "and behind 300 earlier quotes by the same speaker");
}

Test(corpus, a_conflicting_figure_is_found_behind_more_than_256_figures_of_the_measure)
{
  const char *filler = "---\ntitle: Note %zu\noutlet: Bay Times\ndate: 2026-01-%02zu\n---\n\nNote\n\n"
                       "Vantline Constructors employs about %zu00 workers at site %zu, the company said.\n";
  const char *source = "---\ntitle: Plant\noutlet: Harbor Ledger\ndate: 2026-02-01\n---\n\nPlant\n\n"
                       "The Coastal Water Authority employs about 3,100 workers at the plant, the authority said.\n";
  const char *checked = "---\ntitle: Plant Again\noutlet: Bay Times\ndate: 2026-02-10\n---\n\nPlant Again\n\n"
                        "The Coastal Water Authority employs about 1,300 workers at the plant, the authority said.\n";
  cr_assert_eq(count_rule_after_fillers(&bl_rule_conflicting_figure, 4, filler, source, checked), 1,
               "the conflicting figure is found in a small corpus");
  cr_assert_eq(count_rule_after_fillers(&bl_rule_conflicting_figure, 300, filler, source, checked), 1,
               "and behind 300 earlier figures of the same measure");
}
