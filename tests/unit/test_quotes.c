/* test_quotes.c: direct quotes and their speakers (quotes.c) on sentences of news copy we write,
 * one behaviour each. Entities may be missing while the recognizers are being written, so no
 * test here depends on them. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "analysis/analyze.h"

#define LQ "\xE2\x80\x9C" /* “ */
#define RQ "\xE2\x80\x9D" /* ” */
#define AP "\xE2\x80\x99" /* ’ */
#define LS "\xE2\x80\x98" /* ‘ */

static BlAnalysis an;

static void run(const char *text)
{
  bl_analysis_run(&an, text, strlen(text), NULL);
}

static void done(void)
{
  bl_analysis_free(&an);
}

TestSuite(quotes, .fini = done);

static const char *text_of(BlSpan s)
{
  static char buf[4][256];
  static int k;
  k = (k + 1) % 4;
  snprintf(buf[k], sizeof buf[k], "%.*s", (int)(s.end - s.start), an.text + s.start);
  return buf[k];
}

static const BlQuote *quote(size_t i)
{
  cr_assert_lt(i, an.quotes.len, "only %zu quotes", an.quotes.len);
  return &an.quotes.items[i];
}

Test(quotes, speaker_after_the_quote)
{
  run(LQ "The bridge will reopen in May," RQ " she said.\n");
  cr_assert_eq(an.quotes.len, 1);
  cr_assert_str_eq(text_of(quote(0)->content), "The bridge will reopen in May,");
  cr_assert_str_eq(text_of(quote(0)->speaker), "she");
  cr_assert_str_eq(text_of(quote(0)->cue), "said");
  cr_assert_eq(quote(0)->flags, 0);
}

Test(quotes, inverted_cue_names_the_speaker_after_it)
{
  run(LQ "Every line was late," RQ " said Maria Lopez, the city" AP "s transit director.\n");
  cr_assert_str_eq(text_of(quote(0)->speaker), "Maria Lopez");
  cr_assert_eq(quote(0)->how, BL_SPEAKER_CUE);
}

Test(quotes, speaker_before_the_quote_with_a_colon)
{
  run("The harbor master said: " LQ "No ship leaves before the storm passes." RQ "\n");
  cr_assert_str_eq(text_of(quote(0)->speaker), "The harbor master");
  cr_assert_str_eq(text_of(quote(0)->cue), "said");
}

Test(quotes, told_the_outlet_names_the_official_not_the_outlet)
{
  run(LQ "It was a mess," RQ " a senior port official who attended the meeting told the Ledger.\n");
  cr_assert_str_eq(text_of(quote(0)->speaker), "a senior port official");
  cr_assert_str_eq(text_of(quote(0)->cue), "told");
}

Test(quotes, according_to_after_the_quote)
{
  run(LQ "Shipments fell by a third," RQ " according to the port authority.\n");
  cr_assert_str_eq(text_of(quote(0)->speaker), "the port authority");
  cr_assert_str_eq(text_of(quote(0)->cue), "according to");
}

Test(quotes, partial_quote_takes_the_cue_of_its_sentence)
{
  run("The utility said it found " LQ "persistent and deliberate" RQ " intrusions on its network.\n");
  cr_assert_eq(an.quotes.len, 1);
  cr_assert(quote(0)->flags & BL_QF_PARTIAL);
  cr_assert_str_eq(text_of(quote(0)->speaker), "The utility");
}

Test(quotes, full_sentence_quote_is_not_partial)
{
  run("The coach said, " LQ "We are not done yet." RQ "\n");
  cr_assert_eq(quote(0)->flags & BL_QF_PARTIAL, 0);
}

Test(quotes, multi_paragraph_quote_takes_the_speaker_of_its_last_part)
{
  run(LQ "The first paragraph of the governor" AP "s statement runs on.\n\n"
      LQ "The second paragraph closes it," RQ " the governor said.\n");
  cr_assert_eq(an.quotes.len, 2);
  cr_assert(quote(0)->flags & BL_QF_CONTINUES);
  cr_assert_eq(quote(1)->flags & BL_QF_CONTINUES, 0);
  cr_assert_eq(quote(0)->how, BL_SPEAKER_CONTINUED);
  cr_assert_eq(quote(0)->resolved_from, 1);
  cr_assert_str_eq(text_of(quote(0)->speaker), "the governor");
  cr_assert(quote(1)->how == BL_SPEAKER_CUE || quote(1)->how == BL_SPEAKER_RESOLVED);
}

Test(quotes, quote_open_at_paragraph_end_without_continuation_is_unclosed)
{
  run("The mayor said " LQ "we will rebuild the bridge.\n\nThe council meets on Friday.\n");
  cr_assert_eq(an.quotes.len, 1);
  cr_assert(quote(0)->flags & BL_QF_UNCLOSED);
  cr_assert_str_eq(text_of(quote(0)->content), "we will rebuild the bridge.");
}

Test(quotes, pronoun_resolves_to_an_earlier_cue_source)
{
  run("Ana Ruiz, the city" AP "s budget director, said the deficit had doubled. " LQ "We cut every department," RQ
      " she said.\n");
  cr_assert_eq(an.quotes.len, 1);
  cr_assert_eq(quote(0)->how, BL_SPEAKER_RESOLVED);
  cr_assert_str_eq(text_of(quote(0)->speaker), "she", "the speaker stays the pronoun as written");
  cr_assert_str_eq(text_of(quote(0)->antecedent), "Ana Ruiz, the city" AP "s budget director");
  cr_assert_eq(quote(0)->resolved_from, -1);
}

Test(quotes, pronoun_resolves_to_an_earlier_quote)
{
  run(LQ "The budget is balanced," RQ " said Ana Ruiz.\n\n" LQ "No department was spared," RQ " she added.\n");
  cr_assert_eq(an.quotes.len, 2);
  cr_assert_eq(quote(1)->how, BL_SPEAKER_RESOLVED);
  cr_assert_eq(quote(1)->resolved_from, 0);
  cr_assert_str_eq(text_of(quote(1)->antecedent), "Ana Ruiz");
}

Test(quotes, the_company_resolves_to_the_named_source_before_it)
{
  run("Outages spread across three counties, according to the Northwind Power Company. " LQ
      "Crews are working through the night," RQ " the company said.\n");
  cr_assert_str_eq(text_of(quote(0)->speaker), "the company");
  cr_assert_eq(quote(0)->how, BL_SPEAKER_RESOLVED);
  cr_assert(strstr(text_of(quote(0)->antecedent), "Northwind Power Company"), "antecedent: %s",
            text_of(quote(0)->antecedent));
}

Test(quotes, second_quote_with_no_cue_continues_the_speaker_before_it)
{
  run(LQ "We will appeal," RQ " the mayor said. " LQ "This fight is not over." RQ "\n");
  cr_assert_eq(an.quotes.len, 2);
  cr_assert_eq(quote(1)->how, BL_SPEAKER_RESOLVED);
  cr_assert_eq(quote(1)->resolved_from, 0);
  cr_assert_str_eq(text_of(quote(1)->speaker), "the mayor");
}

Test(quotes, apostrophes_never_open_quotes)
{
  run("Japan" AP "s defense minister didn" AP "t comment on the ministry" AP "s plans, and the players' union "
      "won't either.\n");
  cr_assert_eq(an.quotes.len, 0);
}

Test(quotes, inch_mark_is_not_a_quote)
{
  run("Crews will replace the 12\" water main under Elm Street this week.\n");
  cr_assert_eq(an.quotes.len, 0);
}

Test(quotes, nested_single_quotes_stay_inside_the_double_quote)
{
  run(LQ "He told me " LS "never again," AP " and I believed him," RQ " the witness said.\n");
  cr_assert_eq(an.quotes.len, 1);
  cr_assert_str_eq(text_of(quote(0)->content), "He told me " LS "never again," AP " and I believed him,");
  cr_assert_str_eq(text_of(quote(0)->speaker), "the witness");
}

Test(quotes, straight_quotes_work_like_curly_ones)
{
  run("\"We are not done,\" the coach said after the loss.\n");
  cr_assert_eq(an.quotes.len, 1);
  cr_assert_str_eq(text_of(quote(0)->speaker), "the coach");
}

Test(quotes, attribute_values_are_not_quotes)
{
  run("Read the <a href=\"https://example.org/budget\">full budget</a> online.\n");
  cr_assert_eq(an.quotes.len, 0);
}

Test(quotes, dash_after_a_quote_signs_it)
{
  run(LQ "Build the bridge first." RQ " \xE2\x80\x94 Ana Ruiz\n");
  cr_assert_str_eq(text_of(quote(0)->speaker), "Ana Ruiz");
}

Test(quotes, quote_without_any_cue_has_no_speaker)
{
  run("The river rose overnight.\n\n" LQ "Nobody expected this." RQ "\n");
  cr_assert_eq(an.quotes.len, 1);
  cr_assert_eq(quote(0)->how, BL_SPEAKER_NONE);
  cr_assert_eq(quote(0)->speaker.start, quote(0)->speaker.end);
}

Test(quotes, unknown_verb_before_a_colon_introduces_the_quote)
{
  run("The mayor leaned in and bellowed: " LQ "We will win this." RQ "\n");
  cr_assert_str_eq(text_of(quote(0)->speaker), "The mayor");
  cr_assert_str_eq(text_of(quote(0)->cue), "bellowed");
}

Test(quotes, a_role_resolves_only_to_someone_introduced_in_that_role)
{
  run("Ana Ruiz, the city" AP "s budget director, said the deficit doubled. " LQ "We cut everything," RQ
      " the director said.\n\n" LQ "No order was given," RQ " said the harbor chief known as Tom.\n");
  cr_assert_eq(an.quotes.len, 2);
  cr_assert_eq(quote(0)->how, BL_SPEAKER_RESOLVED);
  cr_assert(strstr(text_of(quote(0)->antecedent), "Ana Ruiz"), "antecedent: %s", text_of(quote(0)->antecedent));
  cr_assert_eq(quote(1)->how, BL_SPEAKER_CUE, "a new person, not the director");
  cr_assert_str_eq(text_of(quote(1)->speaker), "the harbor chief");
}

Test(quotes, unknown_verb_right_after_a_quote_names_the_speaker)
{
  run(LQ "We were robbed," RQ " Coach Ruiz fumed on Tuesday.\n");
  cr_assert_str_eq(text_of(quote(0)->speaker), "Coach Ruiz");
  cr_assert_str_eq(text_of(quote(0)->cue), "fumed");
}
