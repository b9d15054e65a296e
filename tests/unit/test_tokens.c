/* test_tokens.c: tokens and sentence boundaries on news copy we write. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "analysis/analyze.h"

static BlAnalysis an;

static void run(const char *text)
{
  bl_analysis_run(&an, text, strlen(text), NULL);
}

static void done(void)
{
  bl_analysis_free(&an);
}

TestSuite(tokens, .fini = done);

static const char *tok(size_t i)
{
  static char buf[128];
  cr_assert_lt(i, an.tokens.tokens.len);
  const BlToken *t = &an.tokens.tokens.items[i];
  snprintf(buf, sizeof buf, "%.*s", (int)(t->end - t->start), an.text + t->start);
  return buf;
}

static size_t nsent(void)
{
  return an.tokens.sentences.len;
}

Test(tokens, possessive_is_split_and_acronym_kept)
{
  run("Japan\xE2\x80\x99s U.S. ally's NSA/Cyber team.");
  cr_assert_str_eq(tok(0), "Japan");
  cr_assert_str_eq(tok(1), "\xE2\x80\x99s");
  cr_assert_str_eq(tok(2), "U.S.");
  cr_assert(an.tokens.tokens.items[2].flags & BL_TF_PERIODS);
  cr_assert_str_eq(tok(3), "ally");
  cr_assert_str_eq(tok(4), "'s");
  cr_assert_str_eq(tok(5), "NSA");
  cr_assert_str_eq(tok(6), "/");
  cr_assert_str_eq(tok(7), "Cyber");
}

Test(tokens, numbers_keep_separators_and_symbols_split)
{
  run("$7 billion, 4,000 people, 7.5% and 24/7 on 2021-05-03, the 1990s.");
  cr_assert_str_eq(tok(0), "$");
  cr_assert_str_eq(tok(1), "7");
  cr_assert_str_eq(tok(4), "4,000");
  cr_assert_str_eq(tok(7), "7.5");
  cr_assert_str_eq(tok(8), "%");
  cr_assert_str_eq(tok(10), "24/7");
  cr_assert_str_eq(tok(12), "2021-05-03");
  cr_assert_str_eq(tok(15), "1990s");
}

Test(tokens, abbreviations_and_initials_do_not_end_sentences)
{
  run("Gov. Ana Ruiz met Mr. Lee on Jan. 5 in Washington, D.C. with John F. Kennedy Jr. and others.");
  cr_assert_eq(nsent(), 1);
}

Test(tokens, sentence_ends_inside_closing_quote)
{
  run("\xE2\x80\x9CIt was bad.\xE2\x80\x9D Then the minister left. \xE2\x80\x9CWhy?\xE2\x80\x9D she asked.");
  cr_assert_eq(nsent(), 3);
  cr_assert_eq(an.tokens.sentences.items[0].end, strlen("\xE2\x80\x9CIt was bad.\xE2\x80\x9D"));
}

Test(tokens, decimals_and_ellipses)
{
  run("Prices rose 2.5 percent... analysts said. The index fell.");
  cr_assert_eq(nsent(), 2, "lowercase after an ellipsis continues; got %zu", nsent());
}

Test(tokens, acronym_at_sentence_end_before_a_sentence_starter)
{
  run("Officials flew to the U.S. The talks began Monday.");
  cr_assert_eq(nsent(), 2);
}

Test(tokens, sentences_never_cross_paragraphs_and_front_matter_is_skipped)
{
  run("---\ntitle: X\n---\nHeadline Here\n\nFirst paragraph has no period\n\nSecond one.\n");
  cr_assert_eq(nsent(), 3);
  cr_assert_str_eq(tok(0), "Headline");
}

Test(tokens, straight_quote_after_period_opens_the_next_sentence)
{
  run("He left . \" I am sure , \" he said .");
  cr_assert_eq(nsent(), 2);
}
