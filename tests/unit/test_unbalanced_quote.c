/* test_unbalanced_quote.c: the unbalanced-quote rule on sentences of news copy we write. */
#include <criterion/criterion.h>
#include <string.h>

#include "analysis/analyze.h"

/* Only the two rules under test, so other rules' findings do not shift the indexes. */
static const BlRuleSettings *only_text_rules(void)
{
  static BlRuleSettings s;
  for (size_t i = 0; i < BL_MAX_RULES; i++) s.severity[i] = BL_RULE_OFF;
  s.severity[bl_rule_index(&bl_rule_unbalanced_quote)] = BL_SEV_WARNING;
  s.severity[bl_rule_index(&bl_rule_invalid_encoding)] = BL_SEV_WARNING;
  return &s;
}

static BlFindings run(const char *text)
{
  BlFindings f = {0};
  bl_analyze(text, strlen(text), only_text_rules(), &f);
  return f;
}

static size_t count_rule(const BlFindings *f, const char *id)
{
  size_t n = 0;
  for (size_t i = 0; i < f->items.len; i++) n += strcmp(f->items.items[i].rule->id, id) == 0;
  return n;
}

Test(unbalanced_quote, balanced_curly_quote_is_fine)
{
  BlFindings f = run("\xE2\x80\x9C" "We will rebuild,\xE2\x80\x9D the mayor said.\n");
  cr_assert_eq(count_rule(&f, "unbalanced-quote"), 0);
  bl_findings_free(&f);
}

Test(unbalanced_quote, open_without_close_is_flagged_at_the_mark)
{
  const char *t = "The mayor said \xE2\x80\x9Cwe will rebuild the bridge.\n\nNext paragraph.\n";
  BlFindings f = run(t);
  cr_assert_eq(count_rule(&f, "unbalanced-quote"), 1);
  cr_assert_eq(f.items.items[0].start, 15);
  cr_assert_eq(f.items.items[0].end, 18, "the span is the mark itself");
  cr_assert_eq(f.items.items[0].severity, BL_SEV_WARNING);
  bl_findings_free(&f);
}

Test(unbalanced_quote, multi_paragraph_quote_convention_is_fine)
{
  const char *t = "\xE2\x80\x9C" "First part of the statement.\n\n"
                  "\xE2\x80\x9C" "Second part, still quoting.\n\n"
                  "\xE2\x80\x9C" "Last part,\xE2\x80\x9D the minister said.\n";
  BlFindings f = run(t);
  cr_assert_eq(count_rule(&f, "unbalanced-quote"), 0);
  bl_findings_free(&f);
}

Test(unbalanced_quote, open_quote_before_a_heading_is_flagged)
{
  const char *t = "\xE2\x80\x9C" "Quote that runs on.\n\n# Heading\n";
  BlFindings f = run(t);
  cr_assert_eq(count_rule(&f, "unbalanced-quote"), 1);
  bl_findings_free(&f);
}

Test(unbalanced_quote, stray_closing_mark_is_flagged)
{
  BlFindings f = run("He said it was over.\xE2\x80\x9D\n");
  cr_assert_eq(count_rule(&f, "unbalanced-quote"), 1);
  cr_assert_not_null(strstr(f.items.items[0].message, "no opening"));
  bl_findings_free(&f);
}

Test(unbalanced_quote, straight_quotes_alternate)
{
  BlFindings f = run("\"Fine,\" she said. \"Also fine.\"\n");
  cr_assert_eq(count_rule(&f, "unbalanced-quote"), 0);
  bl_findings_free(&f);
  f = run("\"Fine,\" she said. \"Not closed.\n");
  cr_assert_eq(count_rule(&f, "unbalanced-quote"), 1);
  cr_assert_eq(f.items.items[0].start, 18);
  bl_findings_free(&f);
}

Test(unbalanced_quote, inch_mark_is_not_a_quote)
{
  BlFindings f = run("Crews replaced a 12\" pipe under Main Street.\n");
  cr_assert_eq(count_rule(&f, "unbalanced-quote"), 0);
  bl_findings_free(&f);
}

Test(unbalanced_quote, front_matter_is_not_checked)
{
  BlFindings f = run("---\ntitle: \"A title\n---\nBody text.\n");
  cr_assert_eq(count_rule(&f, "unbalanced-quote"), 0);
  bl_findings_free(&f);
}

Test(unbalanced_quote, hard_wrapped_paragraph_is_one_paragraph)
{
  BlFindings f = run("\xE2\x80\x9C" "A quote that wraps\nonto a second line,\xE2\x80\x9D he said.\n");
  cr_assert_eq(count_rule(&f, "unbalanced-quote"), 0);
  bl_findings_free(&f);
}

Test(unbalanced_quote, can_be_switched_off)
{
  BlRuleSettings s;
  bl_rule_settings_default(&s);
  s.severity[bl_rule_index(bl_rule_find("unbalanced-quote"))] = BL_RULE_OFF;
  BlFindings f = {0};
  const char *t = "\xE2\x80\x9COpen.\n";
  bl_analyze(t, strlen(t), &s, &f);
  cr_assert_eq(count_rule(&f, "unbalanced-quote"), 0);
  bl_findings_free(&f);
}

Test(invalid_encoding, invalid_bytes_and_nul_are_reported_and_analysis_goes_on)
{
  const char t[] = "Bad \xFF\xFE bytes and a \0 NUL, then \xE2\x80\x9C" "open.\n";
  BlFindings f = {0};
  bl_analyze(t, sizeof t - 1, only_text_rules(), &f);
  cr_assert_eq(count_rule(&f, "invalid-encoding"), 2);
  cr_assert_eq(count_rule(&f, "unbalanced-quote"), 1);
  cr_assert_eq(f.items.items[0].start, 4);
  cr_assert_eq(f.items.items[0].end, 6);
  cr_assert_str_eq(f.items.items[0].message, "invalid UTF-8 bytes");
  bl_findings_free(&f);
}

Test(invalid_encoding, a_flood_is_capped)
{
  char t[2000];
  for (int i = 0; i < 1000; i++) {
    t[2 * i] = 'a';
    t[2 * i + 1] = (char)0xFF;
  }
  BlFindings f = {0};
  bl_analyze(t, sizeof t, only_text_rules(), &f);
  cr_assert_eq(count_rule(&f, "invalid-encoding"), 20);
  const BlFinding *last = NULL;
  for (size_t i = 0; i < f.items.len; i++)
    if (strcmp(f.items.items[i].rule->id, "invalid-encoding") == 0) last = &f.items.items[i];
  cr_assert_not_null(strstr(last->message, "980 more"));
  bl_findings_free(&f);
}

/* Regression: an inch mark inside a curly quote used to close the quote. */
Test(unbalanced_quote, inch_mark_inside_a_curly_quote_is_not_a_closing_mark)
{
  BlFindings f = run("\xE2\x80\x9CWe found a 12\" pipe,\xE2\x80\x9D he said.\n");
  cr_assert_eq(count_rule(&f, "unbalanced-quote"), 0);
  bl_findings_free(&f);
}
