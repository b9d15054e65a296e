/* test_attribution.c: the attribution of sentences (attribution.c) on news copy we write, one
 * behaviour each: cue positions, "according to", "told the outlet", anonymous and vague sources,
 * links and citations, quotes, and the carry-over rule with its limits. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "analysis/analyze.h"

#define LQ "\xE2\x80\x9C" /* “ */
#define RQ "\xE2\x80\x9D" /* ” */
#define AP "\xE2\x80\x99" /* ’ */

static BlAnalysis an;

static void run(const char *text)
{
  bl_analysis_run(&an, text, strlen(text), NULL);
}

static void done(void)
{
  bl_analysis_free(&an);
}

TestSuite(attribution, .fini = done);

static const char *text_of(BlSpan s)
{
  static char buf[4][256];
  static int k;
  k = (k + 1) % 4;
  snprintf(buf[k], sizeof buf[k], "%.*s", (int)(s.end - s.start), an.text + s.start);
  return buf[k];
}

static const BlSentenceInfo *sent(size_t i)
{
  cr_assert_lt(i, an.sentence_info.len, "only %zu sentences", an.sentence_info.len);
  cr_assert_eq(an.sentence_info.len, an.tokens.sentences.len);
  return &an.sentence_info.items[i];
}

/* ---------------------------------------------------------------- cues */

Test(attribution, cue_after_the_claim)
{
  run("The bridge will reopen in May, the mayor said.\n");
  cr_assert(sent(0)->attributed);
  cr_assert_eq(sent(0)->how, BL_ATTR_CUE);
  cr_assert_str_eq(text_of(sent(0)->source), "the mayor");
  cr_assert_str_eq(text_of(sent(0)->cue), "said");
}

Test(attribution, cue_before_the_claim)
{
  run("The mayor said on Tuesday that the bridge will reopen in May.\n");
  cr_assert(sent(0)->attributed);
  cr_assert_str_eq(text_of(sent(0)->source), "The mayor");
}

Test(attribution, inverted_cue_names_the_source_after_it)
{
  run("The bridge will reopen in May, said Ana Ruiz, the transit director.\n");
  cr_assert(sent(0)->attributed);
  cr_assert_str_eq(text_of(sent(0)->source), "Ana Ruiz");
}

Test(attribution, according_to_names_the_source)
{
  run("According to the transit agency, ridership fell 12% last year.\n");
  cr_assert(sent(0)->attributed);
  cr_assert_str_eq(text_of(sent(0)->cue), "According to");
  cr_assert_str_eq(text_of(sent(0)->source), "the transit agency");
}

Test(attribution, appositive_between_source_and_cue)
{
  run("Ana Ruiz, who runs the budget office, said the deficit had doubled.\n");
  cr_assert(sent(0)->attributed);
  cr_assert_str_eq(text_of(sent(0)->source), "Ana Ruiz");
}

Test(attribution, in_a_statement_is_a_cue)
{
  run("The company, in a statement, blamed the storm for the outage.\n");
  cr_assert(sent(0)->attributed);
  cr_assert_str_eq(text_of(sent(0)->cue), "in a statement");
  cr_assert_str_eq(text_of(sent(0)->source), "The company");
}

Test(attribution, the_report_found_is_a_cue)
{
  run("The report found that response times doubled over five years.\n");
  cr_assert(sent(0)->attributed);
  cr_assert_str_eq(text_of(sent(0)->source), "The report");
}

Test(attribution, negated_cue_attributes_nothing)
{
  run("The ministry did not say when the plant will close.\n");
  cr_assert_not(sent(0)->attributed);
}

Test(attribution, a_cue_word_used_as_a_noun_is_no_cue)
{
  run("His claims about the budget drew scrutiny from the council.\n");
  cr_assert_not(sent(0)->attributed);
}

Test(attribution, a_question_attributes_nothing)
{
  run("What did the mayor say about the bridge?\n");
  cr_assert_not(sent(0)->attributed);
}

/* ---------------------------------------------------------------- anonymous and vague */

Test(attribution, told_the_outlet_makes_the_speaker_the_source)
{
  run("The plant will close in June, two people familiar with the plans told the Ledger.\n");
  cr_assert(sent(0)->attributed);
  cr_assert(sent(0)->anonymous);
  cr_assert_str_eq(text_of(sent(0)->source), "two people familiar with the plans");
  cr_assert_str_eq(text_of(sent(0)->cue), "told");
}

Test(attribution, bare_plural_officials_are_anonymous)
{
  run("The audit found dozens of errors, officials said.\n");
  cr_assert(sent(0)->attributed);
  cr_assert(sent(0)->anonymous);
}

Test(attribution, a_named_official_is_not_anonymous)
{
  run("Ana Ruiz, a senior official, said the audit found dozens of errors.\n");
  cr_assert(sent(0)->attributed);
  cr_assert_not(sent(0)->anonymous);
}

Test(attribution, reportedly_is_vague_and_attributes_nothing)
{
  run("The mayor reportedly met the developer twice.\n");
  cr_assert(sent(0)->vague);
  cr_assert_not(sent(0)->attributed);
  cr_assert_str_eq(text_of(sent(0)->cue), "reportedly");
}

Test(attribution, it_is_said_is_vague_and_attributes_nothing)
{
  run("The company is said to be planning layoffs.\n");
  cr_assert(sent(0)->vague);
  cr_assert_not(sent(0)->attributed);
}

Test(attribution, critics_argue_is_vague_but_names_a_source)
{
  run("Critics argue the tax will hurt small shops.\n");
  cr_assert(sent(0)->vague);
  cr_assert(sent(0)->attributed, "a class of sources is still a source: see docs/attribution.md");
  cr_assert_str_eq(text_of(sent(0)->source), "Critics");
}

Test(attribution, a_concrete_source_outranks_a_vague_marker)
{
  run("The mayor reportedly met the developer twice, the Ledger reported.\n");
  cr_assert(sent(0)->attributed);
  cr_assert_not(sent(0)->vague);
}

/* ---------------------------------------------------------------- quotes, links */

Test(attribution, a_quote_with_a_speaker_attributes_its_sentence)
{
  run(LQ "We will rebuild the bridge by spring," RQ " the mayor said.\n");
  cr_assert(sent(0)->attributed);
  cr_assert_eq(sent(0)->how, BL_ATTR_QUOTE);
  cr_assert_str_eq(text_of(sent(0)->source), "the mayor");
}

Test(attribution, every_sentence_of_a_quote_is_attributed)
{
  run(LQ "We will rebuild the bridge. It will take a year," RQ " the mayor said.\n");
  cr_assert_eq(an.sentence_info.len, 2);
  cr_assert_eq(sent(0)->how, BL_ATTR_QUOTE);
  cr_assert(sent(1)->attributed);
}

Test(attribution, a_url_is_a_citation)
{
  run("Ridership fell 12% last year (https://example.org/ridership).\n");
  cr_assert(sent(0)->attributed);
  cr_assert_eq(sent(0)->how, BL_ATTR_LINK);
}

Test(attribution, a_markdown_link_is_a_citation)
{
  run("Ridership fell [12% last year](https://example.org/ridership).\n");
  cr_assert_eq(sent(0)->how, BL_ATTR_LINK);
}

Test(attribution, an_outlet_in_parentheses_is_a_citation)
{
  run("Port traffic fell for a third straight month (Riverton Times)\n");
  cr_assert(sent(0)->attributed);
  cr_assert_eq(sent(0)->how, BL_ATTR_LINK);
  cr_assert_str_eq(text_of(sent(0)->source), "Riverton Times");
}

/* ---------------------------------------------------------------- carry-over */

Test(attribution, an_outlet_report_carries_to_the_next_sentence)
{
  run("The Ledger reported Monday that the plant will close in June. About 400 workers will lose their jobs.\n");
  cr_assert_eq(an.sentence_info.len, 2);
  cr_assert(sent(1)->attributed);
  cr_assert_eq(sent(1)->how, BL_ATTR_CARRIED);
  cr_assert_eq(sent(1)->carried_from, 0);
  cr_assert_str_eq(text_of(sent(1)->source), "The Ledger");
}

Test(attribution, the_report_also_found_is_carried)
{
  run("The Ledger reported Monday that the plant will close. The report also found that the owner missed two "
      "payments.\n");
  cr_assert_eq(sent(1)->how, BL_ATTR_CARRIED);
  cr_assert_eq(sent(1)->carried_from, 0);
}

Test(attribution, no_carry_across_paragraphs)
{
  run("The Ledger reported Monday that the plant will close in June.\n\nAbout 400 workers will lose their jobs.\n");
  cr_assert_not(sent(1)->attributed);
}

Test(attribution, no_carry_after_a_new_actor)
{
  run("The Ledger reported Monday that the plant will close in June. Governor Ana Ruiz toured the site on "
      "Tuesday.\n");
  cr_assert_not(sent(1)->attributed);
}

Test(attribution, no_carry_from_a_person)
{
  run("The mayor said the plant will close in June. About 400 workers will lose their jobs.\n");
  cr_assert(sent(0)->attributed);
  cr_assert_not(sent(1)->attributed);
}

Test(attribution, carry_stops_after_three_sentences)
{
  run("The Ledger reported that the plant will close. It employs 400 workers. Most of them live nearby. "
      "The closure was expected. The site will be sold.\n");
  cr_assert_eq(an.sentence_info.len, 5);
  cr_assert_eq(sent(3)->how, BL_ATTR_CARRIED);
  cr_assert_not(sent(4)->attributed);
}

Test(attribution, carry_stops_at_a_sentence_with_a_quote)
{
  run("The Ledger reported that the plant will close. " LQ "Nobody saw this coming." RQ "\n");
  cr_assert_neq(sent(1)->how, BL_ATTR_CARRIED);
}

/* ---------------------------------------------------------------- more cue shapes */

Test(attribution, appositive_name_and_role_is_kept_whole)
{
  run("Ana Ruiz, a spokeswoman for the agency, said the line will close.\n");
  cr_assert_str_eq(text_of(sent(0)->source), "Ana Ruiz, a spokeswoman for the agency");
}

Test(attribution, went_on_to_say_is_a_cue)
{
  run("The senator went on to say the bill was dead.\n");
  cr_assert(sent(0)->attributed);
  cr_assert_str_eq(text_of(sent(0)->source), "The senator");
}

Test(attribution, weak_verb_without_complement_is_no_cue)
{
  run("The company added 4,000 jobs last year.\n");
  cr_assert_not(sent(0)->attributed);
}

Test(attribution, capitalized_cue_inside_a_name_is_no_cue)
{
  run("The deadliest flood in United States history struck the valley.\n");
  cr_assert_not(sent(0)->attributed);
}

Test(attribution, title_case_headline_cue)
{
  run("Port Authority Says Shipments Fell By A Third\n");
  cr_assert(sent(0)->attributed);
  cr_assert_str_eq(text_of(sent(0)->source), "Port Authority");
}

Test(attribution, headline_colon_names_the_source)
{
  run("Ruiz: The budget is balanced for the first time in a decade\n");
  cr_assert(sent(0)->attributed);
  cr_assert_str_eq(text_of(sent(0)->source), "Ruiz");
  cr_assert_str_eq(text_of(sent(0)->cue), ":");
}

Test(attribution, label_colon_is_no_source)
{
  run("Update: The bridge reopened on Friday.\n");
  cr_assert_not(sent(0)->attributed);
}

Test(attribution, participle_takes_the_clause_subject)
{
  run("The council rejected the plan on Tuesday, saying it would cost too much.\n");
  cr_assert(sent(0)->attributed);
  cr_assert_str_eq(text_of(sent(0)->cue), "saying");
  cr_assert_str_eq(text_of(sent(0)->source), "The council");
}

Test(attribution, relative_clause_with_auxiliaries_is_dropped_from_the_source)
{
  run("The talks collapsed, an official who was briefed on them told the Ledger.\n");
  cr_assert_str_eq(text_of(sent(0)->source), "an official");
  cr_assert(sent(0)->anonymous);
}

Test(attribution, a_single_role_holder_is_not_anonymous)
{
  run("The deal is off, the port" AP "s director said.\n");
  cr_assert(sent(0)->attributed);
  cr_assert_not(sent(0)->anonymous);
}

Test(attribution, the_official_is_anonymous)
{
  run("The deal is off, the official said.\n");
  cr_assert(sent(0)->anonymous);
}

Test(attribution, dash_appositive_between_source_and_cue)
{
  run("Ana Ruiz " "\xE2\x80\x94" " a teacher from Riverton " "\xE2\x80\x94" " says she voted early.\n");
  cr_assert(sent(0)->attributed);
  cr_assert(strncmp(text_of(sent(0)->source), "Ana Ruiz", 8) == 0, "source: %s", text_of(sent(0)->source));
}

Test(attribution, a_sentence_with_its_quote_and_the_speakers_cue_is_attributed)
{
  run("The mayor stood up, paused, and bellowed: " LQ "We win." RQ "\n");
  cr_assert_eq(sent(0)->how, BL_ATTR_QUOTE);
}
