/* test_entities_quantity.c: money, numbers and percents (recognize_quantity.c, numbers.c) on news
 * sentences we write. The time recognizer runs first, as in the pipeline, so that years and
 * durations are claimed before numbers. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/numbers.h"
#include "analysis/recognizers.h"

static BlArticle art;
static BlMeta meta;
static BlTokens tk;
static BlEntities ents;
static const char *text;

static void run(const char *t)
{
  text = t;
  bl_article_init(&art, t, strlen(t));
  bl_meta_read(&meta, &art);
  bl_tokens_build(&tk, &art);
  memset(&ents, 0, sizeof ents);
  bl_recognize_times(&art, &tk, &meta, &ents);
  bl_recognize_quantities(&art, &tk, &ents);
  bl_entities_sort(&ents);
}

static void done(void)
{
  bl_entities_free(&ents);
  bl_tokens_free(&tk);
  bl_meta_free(&meta);
  bl_article_free(&art);
}

TestSuite(entities_quantity, .fini = done);

/* The entity whose text is exactly span (first occurrence of span in the text), or NULL. */
static const BlEntity *ent(const char *span)
{
  const char *p = strstr(text, span);
  cr_assert_not_null(p, "test text lacks \"%s\"", span);
  uint32_t s = (uint32_t)(p - text), e = s + (uint32_t)strlen(span);
  for (size_t i = 0; i < ents.items.len; i++)
    if (ents.items.items[i].start == s && ents.items.items[i].end == e) return &ents.items.items[i];
  return NULL;
}

/* Whether any entity of the given kind overlaps the first occurrence of span. */
static bool any_kind_over(const char *span, BlEntityKind kind)
{
  const char *p = strstr(text, span);
  cr_assert_not_null(p);
  uint32_t s = (uint32_t)(p - text), e = s + (uint32_t)strlen(span);
  for (size_t i = 0; i < ents.items.len; i++) {
    const BlEntity *x = &ents.items.items[i];
    if (x->kind == kind && x->start < e && s < x->end) return true;
  }
  return false;
}

static void expect_money(const char *span, double amount, const char *currency)
{
  const BlEntity *e = ent(span);
  cr_assert_not_null(e, "no entity \"%s\"", span);
  cr_assert_eq(e->kind, BL_ENT_MONEY, "\"%s\" is %s", span, bl_entity_kind_name(e->kind));
  cr_assert(fabs(e->number - amount) < 1e-6 * (fabs(amount) + 1), "\"%s\": %g != %g", span, e->number, amount);
  cr_assert_str_eq(e->currency, currency, "\"%s\"", span);
}

static const BlEntity *expect_number(const char *span, BlEntityKind kind, double value, const char *unit, bool approx)
{
  const BlEntity *e = ent(span);
  cr_assert_not_null(e, "no entity \"%s\"", span);
  cr_assert_eq(e->kind, kind, "\"%s\" is %s", span, bl_entity_kind_name(e->kind));
  cr_assert(fabs(e->number - value) < 1e-9 * (fabs(value) + 1), "\"%s\": %g != %g", span, e->number, value);
  if (unit) {
    cr_assert_not_null(e->unit, "\"%s\" has no unit", span);
    cr_assert_str_eq(e->unit, unit);
  } else {
    cr_assert_null(e->unit, "\"%s\" has unit %s", span, e->unit);
  }
  cr_assert_eq((e->flags & BL_EF_APPROX) != 0, approx, "\"%s\" approximate flag", span);
  return e;
}

/* ---------------------------------------------------------------- money */

Test(entities_quantity, dollar_sign_with_scale_word)
{
  run("Japan plans to spend $7 billion on cyber defense, and the bill adds $1.2 trillion.");
  expect_money("$7 billion", 7e9, "USD");
  expect_money("$1.2 trillion", 1.2e12, "USD");
}

Test(entities_quantity, euro_and_pound_with_glued_scale)
{
  run("The club paid \xE2\x82\xAC" "3.2m for the striker and sold the stadium for \xC2\xA3" "1.5bn.");
  expect_money("\xE2\x82\xAC" "3.2m", 3.2e6, "EUR");
  expect_money("\xC2\xA3" "1.5bn", 1.5e9, "GBP");
}

Test(entities_quantity, currency_name_after_the_number)
{
  run("Toyota set aside 500 million yen, the city borrowed 7 billion dollars and Rome raised 40 million euros.");
  expect_money("500 million yen", 5e8, "JPY");
  expect_money("7 billion dollars", 7e9, "USD");
  expect_money("40 million euros", 4e7, "EUR");
}

Test(entities_quantity, dollar_prefixes_name_the_currency)
{
  run("Shares rose to US$20 in New York, C$10 in Toronto and HK$5 million changed hands in Hong Kong.");
  expect_money("US$20", 20, "USD");
  expect_money("C$10", 10, "CAD");
  expect_money("HK$5 million", 5e6, "HKD");
}

Test(entities_quantity, iso_codes_before_and_after)
{
  run("The fund holds USD 40 million in bonds and 12 million CHF in cash.");
  expect_money("USD 40 million", 4e7, "USD");
  expect_money("12 million CHF", 1.2e7, "CHF");
}

Test(entities_quantity, rupees_in_crore)
{
  run("The state approved Rs 500 crore for flood relief.");
  expect_money("Rs 500 crore", 5e9, "INR");
}

Test(entities_quantity, grouped_digits_and_an_article_outside)
{
  run("The mayor earns $300,000 a year and charges a $5 fee for permits.");
  expect_money("$300,000", 3e5, "USD");
  expect_money("$5", 5, "USD");
}

Test(entities_quantity, nationality_before_dollars_and_cents)
{
  run("Each share paid 20 Canadian dollars in 2020, up 31 cents from a year before.");
  expect_money("20 Canadian dollars", 20, "CAD");
  expect_money("31 cents", 0.31, "USD");
}

Test(entities_quantity, approximate_money_keeps_its_approximator)
{
  run("The agency spent about $7 billion and more than $600,000 on ads.");
  const BlEntity *e = ent("about $7 billion");
  cr_assert_not_null(e);
  cr_assert_eq(e->kind, BL_ENT_MONEY);
  cr_assert(e->flags & BL_EF_APPROX);
  expect_money("more than $600,000", 6e5, "USD");
}

Test(entities_quantity, pounds_of_something_are_a_weight)
{
  run("Inspectors seized 5 pounds of cocaine at the port.");
  cr_assert(!any_kind_over("5 pounds", BL_ENT_MONEY));
  expect_number("5", BL_ENT_NUMBER, 5, "pounds", false);
}

/* ---------------------------------------------------------------- numbers */

Test(entities_quantity, approximate_numbers_carry_a_unit)
{
  run("Hackers reached some 25 organizations. About 4,000 people marched, nearly 300 troops left "
      "and more than 1,000 protesters were detained.");
  expect_number("some 25", BL_ENT_NUMBER, 25, "organizations", true);
  expect_number("About 4,000", BL_ENT_NUMBER, 4000, "people", true);
  expect_number("nearly 300", BL_ENT_NUMBER, 300, "troops", true);
  expect_number("more than 1,000", BL_ENT_NUMBER, 1000, "protesters", true);
}

Test(entities_quantity, a_figure_alone_has_no_unit)
{
  run("Big Number\n\n4,000. That is how many people the ministry plans to hire.");
  expect_number("4,000", BL_ENT_NUMBER, 4000, NULL, false);
}

Test(entities_quantity, number_words)
{
  run("Three ministers resigned, twenty-five aides left, a dozen agencies closed, two million voters "
      "stayed home and two hundred and thirty four Americans have flown in space.");
  expect_number("Three", BL_ENT_NUMBER, 3, "ministers", false);
  expect_number("twenty-five", BL_ENT_NUMBER, 25, "aides", false);
  expect_number("a dozen", BL_ENT_NUMBER, 12, "agencies", false);
  expect_number("two million", BL_ENT_NUMBER, 2e6, "voters", false);
  expect_number("two hundred and thirty four", BL_ENT_NUMBER, 234, "Americans", false);
}

Test(entities_quantity, units_skip_adjectives_and_take_measures)
{
  run("The army sent 2,000 more U.S. troops 7km from the border and 40 tonnes of aid.");
  expect_number("2,000", BL_ENT_NUMBER, 2000, "troops", false);
  expect_number("7km", BL_ENT_NUMBER, 7, "km", false);
  expect_number("40", BL_ENT_NUMBER, 40, "tonnes", false);
}

/* ---------------------------------------------------------------- percents */

Test(entities_quantity, percent_forms)
{
  run("Prices rose 12% in March, 12 percent in April and 12 per cent in May; turnout was five percent.");
  expect_number("12%", BL_ENT_PERCENT, 12, NULL, false);
  expect_number("12 percent", BL_ENT_PERCENT, 12, NULL, false);
  expect_number("12 per cent", BL_ENT_PERCENT, 12, NULL, false);
  expect_number("five percent", BL_ENT_PERCENT, 5, NULL, false);
}

Test(entities_quantity, percentage_points_are_a_percent_with_a_unit)
{
  run("The jobless rate fell 7.5 percentage points in a decade.");
  expect_number("7.5 percentage points", BL_ENT_PERCENT, 7.5, "percentage points", false);
}

Test(entities_quantity, percent_range_keeps_the_low_end)
{
  run("Troops have cleared 15 to 20 percent of the city.");
  const BlEntity *e = expect_number("15 to 20 percent", BL_ENT_PERCENT, 15, NULL, false);
  cr_assert(e->flags & BL_EF_RANGE);
}

/* ---------------------------------------------------------------- not quantities */

Test(entities_quantity, years_and_durations_are_not_numbers)
{
  run("In 2021 the ministry hired 4,000 people over five years.");
  cr_assert(!any_kind_over("2021", BL_ENT_NUMBER));
  cr_assert(any_kind_over("2021", BL_ENT_DATE));
  cr_assert(!any_kind_over("five years", BL_ENT_NUMBER));
}

Test(entities_quantity, labels_are_not_numbers)
{
  run("The No. 1 seed flew Flight 370 along Route 66 to 1600 Pennsylvania Avenue, ranked #2 by fans.");
  cr_assert(!any_kind_over("1 seed", BL_ENT_NUMBER));
  cr_assert(!any_kind_over("370", BL_ENT_NUMBER));
  cr_assert(!any_kind_over("66", BL_ENT_NUMBER));
  cr_assert(!any_kind_over("1600", BL_ENT_NUMBER));
  cr_assert(!any_kind_over("2 by", BL_ENT_NUMBER));
}

Test(entities_quantity, phone_numbers_scores_and_ratios_are_not_numbers)
{
  run("Call (202) 555-0100 or 555-1234. The team won 3-1 and the center runs 24/7.");
  cr_assert_eq(ents.items.len, 0, "found %zu entities", ents.items.len);
}

Test(entities_quantity, one_and_ordinals_are_not_numbers)
{
  run("One of the officials said it was the 5th attempt and the first in years.");
  cr_assert(!any_kind_over("One", BL_ENT_NUMBER));
  cr_assert(!any_kind_over("5th", BL_ENT_NUMBER));
}

Test(entities_quantity, long_ids_are_not_numbers)
{
  run("The post 728338863698096129 was deleted.");
  cr_assert(!any_kind_over("728338863698096129", BL_ENT_NUMBER));
}

/* ---------------------------------------------------------------- numbers.c */

Test(entities_quantity, numeral_parsing)
{
  BlNumeral n;
  cr_assert(bl_numeral_parse("4,000", 5, &n) && n.value == 4000 && n.grouped);
  cr_assert(bl_numeral_parse("1.5bn", 5, &n) && n.value == 1.5e9 && n.scale == 1e9);
  cr_assert(bl_numeral_parse("1990s", 5, &n) && n.plural && n.value == 1990);
  cr_assert(bl_numeral_parse("21st", 4, &n) && n.ordinal && n.value == 21);
  cr_assert(bl_numeral_parse(".596", 4, &n) && fabs(n.value - 0.596) < 1e-12);
  cr_assert(!bl_numeral_parse("4,00", 4, &n));
  cr_assert(!bl_numeral_parse("1996-08-30", 10, &n));
  cr_assert(!bl_numeral_parse("10:30", 5, &n));
  double v;
  cr_assert(bl_number_word("Forty-two", 9, &v) && v == 42);
  cr_assert(!bl_number_word("forty-forty", 11, &v));
}

Test(entities_quantity, lexicon_lookup_is_case_insensitive_and_bounded)
{
  cr_assert_not_null(bl_lex_lookup("September", 9));
  cr_assert_eq(bl_lex_lookup("SEPT.", 5)->sub, 9);
  cr_assert_null(bl_lex_lookup("supercalifragilistic", 20));
  cr_assert_null(bl_lex_lookup("", 0));
  cr_assert_null(bl_lex_lookup("caf\xC3\xA9", 5));
}
