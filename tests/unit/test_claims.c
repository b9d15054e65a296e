/* test_claims.c: check-worthiness (claims.c) on sentences of news copy we write: figures and
 * named actors doing things are claims; opinion, questions, headings, greetings and the
 * writer's framing are not. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "analysis/analyze.h"

static BlAnalysis an;
static bool ran;

static void run(const char *text)
{
  if (ran) bl_analysis_free(&an);
  bl_analysis_run(&an, text, strlen(text), NULL);
  ran = true;
}

static void done(void)
{
  if (ran) bl_analysis_free(&an);
  ran = false;
}

TestSuite(claims, .fini = done);

/* The sentence that contains `needle` (the test fails when there is none). */
static const BlSentenceInfo *sentence(const char *needle)
{
  const char *at = strstr(an.text, needle);
  cr_assert_not_null(at, "no \"%s\" in the text", needle);
  size_t off = (size_t)(at - an.text);
  cr_assert_eq(an.sentence_info.len, an.tokens.sentences.len);
  for (size_t i = 0; i < an.tokens.sentences.len; i++) {
    const BlSentence *s = &an.tokens.sentences.items[i];
    if (off >= s->start && off < s->end) return &an.sentence_info.items[i];
  }
  cr_assert_fail("no sentence holds \"%s\"", needle);
  return NULL;
}

/* Runs one text and says whether the sentence holding `needle` is a claim. */
static bool is_claim(const char *text, const char *needle)
{
  run(text);
  return sentence(needle)->claim;
}

Test(claims, figure_and_named_actor_is_a_claim_with_both_reasons)
{
  run("The Coastal Water Authority approved the plant in 2019 with a budget of $900 million.\n");
  const BlSentenceInfo *s = sentence("approved");
  cr_assert(s->claim);
  cr_assert(s->claim_reasons & BL_CLAIM_FIGURE);
  cr_assert(s->claim_reasons & BL_CLAIM_ACTOR);
  cr_assert(s->claim_reasons & BL_CLAIM_EVENT);
  cr_assert_geq(s->claim_score, 0.0f);
}

Test(claims, event_with_actor_and_no_figure_is_a_claim)
{
  cr_assert(is_claim("The company laid off 420 dockworkers and closed its training center in Kawasaki.\n",
                     "laid off"));
  run("The authority's chief engineer, Samuel Achterberg, resigned on Thursday.\n");
  const BlSentenceInfo *s = sentence("resigned");
  cr_assert(s->claim);
  cr_assert(s->claim_reasons & BL_CLAIM_ACTOR);
}

Test(claims, opinion_and_belief_are_not_claims)
{
  cr_assert_not(is_claim("I think the new plant will be great for the city.\n", "think"));
  cr_assert_not(is_claim("We should build more plants like this one.\n", "should"));
  cr_assert_not(is_claim("We will make this city proud again.\n", "proud"));
  cr_assert_not(is_claim("\xE2\x80\x9CThis wing is how we start to bring that number down,\xE2\x80\x9D Osei said.\n",
                         "wing"));
}

Test(claims, question_is_not_a_claim_even_with_a_figure_and_an_actor)
{
  run("Did the Coastal Water Authority spend $2.4 billion on the plant in 2019?\n");
  const BlSentenceInfo *s = sentence("spend");
  cr_assert_not(s->claim);
  cr_assert(s->claim_reasons & BL_CLAIM_FIGURE); /* the reasons still say what it holds */
  cr_assert_lt(s->claim_score, 0.0f);
}

Test(claims, headings_are_not_claims)
{
  run("---\ntitle: Plant Costs Soar\n---\n\nKey Facts\n\n"
      "The authority spent $2.4 billion on the plant last year, the Ledger reported.\n\n"
      "Desalination Costs Triple at Port Ardent Plant as Authority Spends $2.4 Billion (The Harbor Ledger)\n");
  cr_assert_not(sentence("Key Facts")->claim);
  cr_assert(sentence("spent")->claim);
  cr_assert_not(sentence("Triple")->claim);

  cr_assert_not(is_claim("# Authority Spent $2.4 Billion on Plant in 2025\n\nText follows here.\n", "Spent"));
  /* without front matter, a first line with no final mark is the headline */
  cr_assert_not(is_claim("Yokohama Operator Spends 500 Million Yen on Cranes\n\nBody text.\n", "Spends"));
}

Test(claims, comparison_and_superlative_are_claims)
{
  run("Water rates in Port Ardent are 40% higher than the state average.\n");
  const BlSentenceInfo *s = sentence("higher");
  cr_assert(s->claim);
  cr_assert(s->claim_reasons & BL_CLAIM_COMPARISON);
  cr_assert(s->claim_reasons & BL_CLAIM_FIGURE);

  run("Vantline built the largest desalination plant in North America.\n");
  s = sentence("largest");
  cr_assert(s->claim);
  cr_assert(s->claim_reasons & BL_CLAIM_COMPARISON);

  run("Container volumes at the berth doubled in the first three months.\n");
  s = sentence("doubled");
  cr_assert(s->claim);
  cr_assert(s->claim_reasons & BL_CLAIM_COMPARISON);
}

Test(claims, thanks_greetings_and_transitions_are_not_claims)
{
  cr_assert_not(is_claim("Thank you all for coming.\n", "Thank"));
  cr_assert_not(is_claim("Good evening, and welcome to the debate in Manchester.\n", "evening"));
  cr_assert_not(is_claim("Here is what the auditors found.\n", "Here"));
  cr_assert_not(is_claim("Not everyone on the board was persuaded.\n", "everyone"));
  cr_assert_not(is_claim("Yes, sir.\n", "Yes"));
}

Test(claims, bare_figure_lends_its_figure_to_the_next_sentence)
{
  /* a "Big Number" paragraph: the figure alone states nothing; the sentence that says what it
   * counts is the claim */
  run("Big Number\n\n12 billion yen. That is how much the full conversion will cost.\n");
  cr_assert_not(sentence("12 billion")->claim);
  const BlSentenceInfo *s = sentence("That is");
  cr_assert(s->claim);
  cr_assert(s->claim_reasons & BL_CLAIM_FIGURE);
}

Test(claims, scheduled_event_is_a_claim_but_a_promise_is_not)
{
  cr_assert(is_claim("The CWA board will hold a public hearing on the rate increase on April 14.\n", "hearing"));
  cr_assert_not(is_claim("We are going to bring the rates down for every family.\n", "rates"));
}

Test(claims, every_sentence_gets_a_score_and_claim_follows_it)
{
  run("Kaiyo Terminal spent 500 million yen on a pilot program last year. I think it was a mistake. "
      "Why did it happen? Thank you.\n");
  cr_assert_eq(an.sentence_info.len, 4);
  for (size_t i = 0; i < an.sentence_info.len; i++) {
    const BlSentenceInfo *s = &an.sentence_info.items[i];
    cr_assert_eq(s->claim, s->claim_score >= 0.0f, "sentence %zu: claim %d, score %.2f", i, s->claim,
                 (double)s->claim_score);
  }
  cr_assert(an.sentence_info.items[0].claim);
  cr_assert_not(an.sentence_info.items[1].claim);
  cr_assert_not(an.sentence_info.items[2].claim);
  cr_assert_not(an.sentence_info.items[3].claim);
}

Test(claims, curly_apostrophes_and_odd_bytes_are_read_safely)
{
  /* "don’t" with a curly apostrophe is the same word as "don't"; NUL bytes, invalid UTF-8 and a
   * very long word must not upset the lookup */
  static const char text[] = "We don\xE2\x80\x99t think it\xE2\x80\x99ll work. "
                             "Supercalifragilisticexpialidocious\xFF\xFE words \x00 here.\n";
  bl_analysis_run(&an, text, sizeof text - 1, NULL);
  ran = true;
  cr_assert_eq(an.sentence_info.len, an.tokens.sentences.len);
  cr_assert_not(an.sentence_info.items[0].claim);
}
