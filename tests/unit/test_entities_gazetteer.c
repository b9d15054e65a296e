/* test_entities_gazetteer.c: gazetteers, officials and linking (gazetteer.c,
 * recognize_official.c, link.c, lexicon.c) on news sentences we write. Names of people are
 * fictional; agencies, outlets, countries and cities are real (they are what the gazetteers
 * hold).
 *
 * Two kinds of test: through the whole pipeline (bl_analysis_run, with whatever the name model
 * adds), asserting only what these passes guarantee; and on the passes alone, with the model's
 * output written by hand, so that the interplay with the model is pinned down whatever the model
 * does. Criterion runs every test in its own process, so a test may point BYLINE_DATA_DIR
 * elsewhere before the lexicon loads. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/analyze.h"
#include "analysis/lexicon.h"
#include "analysis/recognizers.h"

/* ---------------------------------------------------------------- whole pipeline */

static BlAnalysis an;

static void run(const char *text)
{
  bl_analysis_run(&an, text, strlen(text), NULL);
}

static void done(void)
{
  bl_analysis_free(&an);
}

TestSuite(entities_gazetteer, .fini = done);

/* The n-th (0-based) entity whose text is exactly `text`, or NULL. */
static const BlEntity *find_nth(const char *text, int n)
{
  size_t len = strlen(text);
  for (size_t i = 0; i < an.entities.items.len; i++) {
    const BlEntity *e = &an.entities.items.items[i];
    if (e->end - e->start == len && memcmp(an.text + e->start, text, len) == 0 && n-- == 0) return e;
  }
  return NULL;
}

static const BlEntity *find(const char *text)
{
  return find_nth(text, 0);
}

static const BlEntity *must(const char *text)
{
  const BlEntity *e = find(text);
  cr_assert(e, "no entity \"%s\"", text);
  return e;
}

/* Whether some entity of one of the name kinds or an official overlaps the first occurrence of
 * `word` in the text. */
static bool name_over(const char *word)
{
  const char *at = strstr(an.text, word);
  cr_assert(at, "\"%s\" not in the text", word);
  uint32_t s = (uint32_t)(at - an.text), e = s + (uint32_t)strlen(word);
  for (size_t i = 0; i < an.entities.items.len; i++) {
    const BlEntity *x = &an.entities.items.items[i];
    if (x->start < e && s < x->end &&
        (x->kind == BL_ENT_ORGANIZATION || x->kind == BL_ENT_PLACE || x->kind == BL_ENT_OFFICIAL))
      return true;
  }
  return false;
}

static void is_org(const BlEntity *e, int subtype, const char *canonical, const char *code)
{
  cr_assert_eq(e->kind, BL_ENT_ORGANIZATION);
  cr_assert_eq(e->subtype, subtype, "subtype %d, want %d", e->subtype, subtype);
  if (canonical) cr_assert_str_eq(e->canonical ? e->canonical : "(text)", canonical);
  if (code) cr_assert_str_eq(e->code, code);
}

static void is_place(const BlEntity *e, int subtype, const char *code)
{
  cr_assert_eq(e->kind, BL_ENT_PLACE);
  cr_assert_eq(e->subtype, subtype, "subtype %d, want %d", e->subtype, subtype);
  cr_assert_str_eq(e->code, code);
}

Test(entities_gazetteer, agency_gets_subtype_canonical_and_country)
{
  run("The State Department said on Tuesday that the National Security Agency had found the intrusion.");
  is_org(must("State Department"), BL_ORG_AGENCY, "U.S. Department of State", "US");
  is_org(must("National Security Agency"), BL_ORG_AGENCY, NULL, "US");
}

Test(entities_gazetteer, each_organization_subtype)
{
  run("The People\xE2\x80\x99s Liberation Army held drills on Monday, the White House said, as "
      "Microsoft shares fell. The Wall Street Journal reported that NATO ministers would meet.");
  is_org(must("People\xE2\x80\x99s Liberation Army"), BL_ORG_MILITARY, "People's Liberation Army", "CN");
  is_org(must("White House"), BL_ORG_GOVERNMENT, NULL, "US");
  is_org(must("Microsoft"), BL_ORG_COMPANY, NULL, "US");
  is_org(must("The Wall Street Journal"), BL_ORG_MEDIA, NULL, "US");
  is_org(must("NATO"), BL_ORG_INTERNATIONAL, "North Atlantic Treaty Organization", NULL);
  cr_assert(must("NATO")->flags & BL_EF_ACRONYM);
}

Test(entities_gazetteer, countries_and_cities_get_iso_codes)
{
  run("Negotiators from the U.S. met their counterparts in Tokyo, and Japan agreed to the plan.");
  const BlEntity *us = must("U.S.");
  is_place(us, BL_PLACE_COUNTRY, "US");
  cr_assert_str_eq(us->canonical, "United States");
  is_place(must("Tokyo"), BL_PLACE_CITY, "JP");
  is_place(must("Japan"), BL_PLACE_COUNTRY, "JP");
}

Test(entities_gazetteer, us_spellings_are_one_country)
{
  run("Trade between America and Canada grew, and the United States said US exports rose.");
  const BlEntity *a = must("America"), *b = must("United States"), *c = must("US");
  is_place(a, BL_PLACE_COUNTRY, "US");
  is_place(c, BL_PLACE_COUNTRY, "US");
  cr_assert_eq(a->group, b->group);
  cr_assert_eq(a->group, c->group);
  is_place(must("Canada"), BL_PLACE_COUNTRY, "CA");
}

Test(entities_gazetteer, regions_carry_their_country)
{
  run("Flooding closed roads across Queensland and New South Wales on Sunday.");
  is_place(must("Queensland"), BL_PLACE_REGION, "AU");
  is_place(must("New South Wales"), BL_PLACE_REGION, "AU");
}

Test(entities_gazetteer, acronym_links_to_expansion_before_it)
{
  run("The Federal Emergency Management Agency sent teams to the coast. Later, FEMA said more would follow.");
  const BlEntity *full = must("Federal Emergency Management Agency"), *acr = must("FEMA");
  cr_assert_eq(acr->kind, BL_ENT_ORGANIZATION);
  cr_assert(acr->flags & BL_EF_ACRONYM);
  cr_assert_str_eq(acr->canonical, "Federal Emergency Management Agency");
  cr_assert_eq(full->group, acr->group);
}

Test(entities_gazetteer, the_post_links_to_the_washington_post)
{
  run("The Washington Post reported the breach on Monday. Two officials told the Post that the review "
      "had ended, and the Post published the memo.");
  const BlEntity *full = must("The Washington Post");
  const BlEntity *p1 = find_nth("Post", 0), *p2 = find_nth("Post", 1);
  cr_assert(p1 && p2, "both mentions of the Post are entities");
  cr_assert_eq(p1->kind, BL_ENT_ORGANIZATION);
  cr_assert_eq(p1->subtype, BL_ORG_MEDIA);
  cr_assert_str_eq(p1->canonical, "The Washington Post");
  cr_assert_eq(p1->group, full->group);
  cr_assert_eq(p2->group, full->group);
}

Test(entities_gazetteer, post_as_a_common_noun_is_nothing)
{
  run("She wrote a blog post about the budget, and the post drew hundreds of comments.");
  cr_assert_not(name_over("post"));
}

Test(entities_gazetteer, may_as_a_month_is_not_a_name)
{
  run("May is usually the busiest month at the port, officials said.");
  cr_assert_not(name_over("May"));
}

Test(entities_gazetteer, surname_links_to_full_name_and_takes_role)
{
  run("Transport Minister Ana Ruiz visited the damaged port on Friday. Ruiz said repairs would take a year.");
  const BlEntity *full = must("Ana Ruiz"), *sur = must("Ruiz");
  cr_assert_eq(full->kind, BL_ENT_PERSON);
  cr_assert_str_eq(full->role, "Transport Minister");
  cr_assert_eq(sur->kind, BL_ENT_PERSON);
  cr_assert_eq(sur->group, full->group);
  cr_assert_str_eq(sur->canonical, "Ana Ruiz");
  cr_assert_null(find("Transport Minister Ana Ruiz"), "the person's span is the name only");
}

Test(entities_gazetteer, role_before_a_name)
{
  run("The rules were announced by Commerce Secretary Gina Raimondo on Thursday.");
  const BlEntity *p = must("Gina Raimondo");
  cr_assert_eq(p->kind, BL_ENT_PERSON);
  cr_assert_str_eq(p->role, "Commerce Secretary");
  cr_assert_null(find("Commerce"), "the title's topic word is part of the role");
}

Test(entities_gazetteer, role_in_apposition_after_a_name)
{
  run("Marta Okafor, the commerce secretary, said the rules would change.");
  const BlEntity *p = must("Marta Okafor");
  cr_assert_eq(p->kind, BL_ENT_PERSON);
  cr_assert_str_eq(p->role, "commerce secretary");
  cr_assert_null(find("commerce secretary"), "a named role is not an anonymous official");
}

Test(entities_gazetteer, name_in_apposition_after_a_role)
{
  run("The company\xE2\x80\x99s chief executive, Dana Whitfield, said sales rose.");
  const BlEntity *p = must("Dana Whitfield");
  cr_assert_eq(p->kind, BL_ENT_PERSON);
  cr_assert_str_eq(p->role, "chief executive");
}

Test(entities_gazetteer, abbreviated_title_expands)
{
  run("Sen. Lena Marsh asked the Pentagon for the report.");
  const BlEntity *p = must("Lena Marsh");
  cr_assert_str_eq(p->role, "Senator");
  is_org(must("Pentagon"), BL_ORG_AGENCY, "U.S. Department of Defense", "US");
}

Test(entities_gazetteer, anonymous_officials_with_roles)
{
  run("A former U.S. military official said the drills were routine. Japan\xE2\x80\x99s defense minister "
      "disagreed. Multiple former senior U.S. officials told reporters the talks had stalled. "
      "A spokesperson for the agency declined to comment, and the company\xE2\x80\x99s chief executive "
      "resigned.");
  const BlEntity *o = must("military official");
  cr_assert_eq(o->kind, BL_ENT_OFFICIAL);
  cr_assert(o->flags & BL_EF_ANONYMOUS);
  cr_assert_str_eq(o->role, "former military official");
  cr_assert_str_eq(o->canonical, "former U.S. military official");
  cr_assert_str_eq(o->code, "US");
  is_place(must("U.S."), BL_PLACE_COUNTRY, "US");

  o = must("defense minister");
  cr_assert_eq(o->kind, BL_ENT_OFFICIAL);
  cr_assert_str_eq(o->role, "defense minister");
  cr_assert_str_eq(o->canonical, "Japan\xE2\x80\x99s defense minister");
  cr_assert_str_eq(o->code, "JP");
  is_place(must("Japan"), BL_PLACE_COUNTRY, "JP");

  o = must("officials");
  cr_assert_eq(o->kind, BL_ENT_OFFICIAL);
  cr_assert_str_eq(o->role, "former senior official");

  o = must("spokesperson");
  cr_assert_eq(o->kind, BL_ENT_OFFICIAL);
  cr_assert(o->flags & BL_EF_ANONYMOUS);
  cr_assert_str_eq(o->canonical, "spokesperson for the agency");

  o = must("chief executive");
  cr_assert_eq(o->kind, BL_ENT_OFFICIAL);
  cr_assert_str_eq(o->role, "chief executive");
  cr_assert_str_eq(o->canonical, "the company\xE2\x80\x99s chief executive");
}

Test(entities_gazetteer, official_as_an_adjective_is_not_an_official)
{
  run("The delegation made an official visit to Nairobi last week.");
  cr_assert_not(name_over("official"));
  is_place(must("Nairobi"), BL_PLACE_CITY, "KE");
}

Test(entities_gazetteer, organization_after_a_is_a_kind_not_the_known_one)
{
  run("Japan has launched a Cyber Command to monitor its networks. The U.S. Cyber Command helped.");
  const BlEntity *kind = must("Cyber Command");
  is_org(kind, BL_ORG_MILITARY, "(text)", "");
}

Test(entities_gazetteer, ministry_of_any_country)
{
  run("Japan\xE2\x80\x99s Defense Ministry said the breach was contained.");
  is_org(must("Defense Ministry"), BL_ORG_AGENCY, "Ministry of Defense (Japan)", "JP");
}

Test(entities_gazetteer, person_before_administration)
{
  run("The program began under the Whitfield administration.");
  const BlEntity *p = find("Whitfield");
  if (p) cr_assert_eq(p->kind, BL_ENT_PERSON);
}

/* ---------------------------------------------------------------- the passes alone */

typedef struct {
  BlArticle a;
  BlTokens tk;
  BlEntities out;
} Doc;

static void doc_init(Doc *d, const char *text)
{
  memset(d, 0, sizeof *d);
  bl_article_init(&d->a, text, strlen(text));
  bl_tokens_build(&d->tk, &d->a);
}

/* Adds what the name model would have found: the first occurrence of `span`. */
static void doc_model(Doc *d, const char *span, BlEntityKind kind)
{
  const char *at = strstr(d->a.text, span);
  cr_assert(at);
  BlEntity e = {0};
  e.start = (uint32_t)(at - d->a.text);
  e.end = e.start + (uint32_t)strlen(span);
  e.kind = (uint8_t)kind;
  e.source = BL_SRC_MODEL;
  bl_entities_add(&d->out, &e);
}

static void doc_free(Doc *d)
{
  bl_entities_free(&d->out);
  bl_tokens_free(&d->tk);
  bl_article_free(&d->a);
}

static const BlEntity *doc_find(const Doc *d, const char *text)
{
  size_t len = strlen(text);
  for (size_t i = 0; i < d->out.items.len; i++) {
    const BlEntity *e = &d->out.items.items[i];
    if (e->end - e->start == len && memcmp(d->a.text + e->start, text, len) == 0) return e;
  }
  return NULL;
}

Test(entities_gazetteer, common_word_name_needs_context)
{
  Doc d;
  doc_init(&d, "Turkey sandwiches sold out at noon. Exports to Turkey rose in the spring.");
  bl_apply_gazetteers(&d.a, &d.tk, bl_lexicon_get(), &d.out);
  cr_assert_eq(d.out.items.len, 1, "only the mid-sentence Turkey");
  const BlEntity *e = &d.out.items.items[0];
  cr_assert_eq(e->start, (uint32_t)(strstr(d.a.text, "to Turkey") + 3 - d.a.text));
  cr_assert_str_eq(e->code, "TR");
  cr_assert_eq(e->source, BL_SRC_GAZETTEER);
  doc_free(&d);
}

Test(entities_gazetteer, name_that_is_also_a_country_needs_context)
{
  Doc d;
  doc_init(&d, "Rep. Nadia Jordan voted against the bill. Aid to Jordan doubled.");
  doc_model(&d, "Nadia Jordan", BL_ENT_PERSON);
  bl_apply_gazetteers(&d.a, &d.tk, bl_lexicon_get(), &d.out);
  cr_assert_eq(d.out.items.len, 2);
  const BlEntity *p = &d.out.items.items[0], *c = &d.out.items.items[1];
  cr_assert_eq(p->kind, BL_ENT_PERSON, "the model's person stays");
  cr_assert_eq(c->kind, BL_ENT_PLACE);
  cr_assert_str_eq(c->code, "JO");
  doc_free(&d);
}

Test(entities_gazetteer, headline_capitals_say_nothing_for_ambiguous_names)
{
  Doc d;
  doc_init(&d, "Jordan Signs Trade Deal With Turkey\n\nThe deal was signed on Monday.");
  bl_apply_gazetteers(&d.a, &d.tk, bl_lexicon_get(), &d.out);
  cr_assert_eq(d.out.items.len, 0);
  doc_free(&d);
}

Test(entities_gazetteer, known_country_tagged_organization_becomes_place)
{
  Doc d;
  doc_init(&d, "China said the claims were false.");
  doc_model(&d, "China", BL_ENT_ORGANIZATION);
  bl_apply_gazetteers(&d.a, &d.tk, bl_lexicon_get(), &d.out);
  cr_assert_eq(d.out.items.len, 1);
  is_place(&d.out.items.items[0], BL_PLACE_COUNTRY, "CN");
  doc_free(&d);
}

Test(entities_gazetteer, known_name_replaces_model_pieces_inside_it)
{
  Doc d;
  doc_init(&d, "According to a Washington Post report, the talks failed.");
  doc_model(&d, "Washington", BL_ENT_PLACE);
  bl_apply_gazetteers(&d.a, &d.tk, bl_lexicon_get(), &d.out);
  cr_assert_eq(d.out.items.len, 1);
  const BlEntity *e = doc_find(&d, "Washington Post");
  cr_assert(e);
  is_org(e, BL_ORG_MEDIA, "The Washington Post", "US");
  doc_free(&d);
}

Test(entities_gazetteer, longer_model_organization_ending_in_a_known_one)
{
  Doc d;
  doc_init(&d, "Officials at the U.S. State Department declined to comment.");
  doc_model(&d, "U.S. State Department", BL_ENT_ORGANIZATION);
  bl_apply_gazetteers(&d.a, &d.tk, bl_lexicon_get(), &d.out);
  cr_assert_eq(d.out.items.len, 1);
  is_org(&d.out.items.items[0], BL_ORG_AGENCY, "U.S. Department of State", "US");
  doc_free(&d);
}

Test(entities_gazetteer, acronym_defined_in_parentheses)
{
  Doc d;
  doc_init(&d, "The Coastal Resilience Office (CRO) opened in March. A CRO spokesperson declined to comment.");
  doc_model(&d, "Coastal Resilience Office", BL_ENT_ORGANIZATION);
  bl_entities_sort(&d.out);
  bl_link_entities(&d.a, &d.tk, bl_lexicon_get(), &d.out);
  const BlEntity *full = doc_find(&d, "Coastal Resilience Office");
  cr_assert(full);
  int n = 0;
  for (size_t i = 0; i < d.out.items.len; i++) {
    const BlEntity *e = &d.out.items.items[i];
    if (e->end - e->start != 3 || memcmp(d.a.text + e->start, "CRO", 3) != 0) continue;
    n++;
    cr_assert_eq(e->kind, BL_ENT_ORGANIZATION);
    cr_assert(e->flags & BL_EF_ACRONYM);
    cr_assert_str_eq(e->canonical, "Coastal Resilience Office");
    cr_assert_eq(e->group, full->group);
  }
  cr_assert_eq(n, 2, "both CRO mentions are linked");
  doc_free(&d);
}

Test(entities_gazetteer, surname_in_headline_links_to_name_spelled_out_later)
{
  Doc d;
  doc_init(&d, "Okafor Resigns\n\nThe minister Marta Okafor resigned on Friday.");
  doc_model(&d, "Marta Okafor", BL_ENT_PERSON);
  bl_link_entities(&d.a, &d.tk, bl_lexicon_get(), &d.out);
  const BlEntity *sur = doc_find(&d, "Okafor"), *full = doc_find(&d, "Marta Okafor");
  cr_assert(sur && full);
  cr_assert_eq(sur->kind, BL_ENT_PERSON);
  cr_assert_eq(sur->group, full->group);
  cr_assert_str_eq(sur->canonical, "Marta Okafor");
  doc_free(&d);
}

Test(entities_gazetteer, untagged_repeat_of_a_one_word_name_is_linked)
{
  Doc d;
  doc_init(&d, "The magazine Forbes first reported the sale.\n\nFurther Reading\n\nHow The Sale Happened (Forbes)");
  doc_model(&d, "Forbes", BL_ENT_ORGANIZATION);
  bl_link_entities(&d.a, &d.tk, bl_lexicon_get(), &d.out);
  cr_assert_eq(d.out.items.len, 2);
  cr_assert_eq(d.out.items.items[1].kind, BL_ENT_ORGANIZATION);
  cr_assert_eq(d.out.items.items[1].source, BL_SRC_LINK);
  cr_assert_eq(d.out.items.items[0].group, d.out.items.items[1].group);
  doc_free(&d);
}

Test(entities_gazetteer, every_entity_has_a_dense_group)
{
  run("NASA said on Monday that 4,000 people watched. Nasa officials in Houston agreed.");
  int32_t max = -1;
  for (size_t i = 0; i < an.entities.items.len; i++) {
    const BlEntity *e = &an.entities.items.items[i];
    cr_assert_geq(e->group, 0);
    cr_assert_leq(e->group, max + 1, "ids appear in order of first mention");
    if (e->group > max) max = e->group;
  }
  cr_assert_eq(must("NASA")->group, must("Nasa")->group);
}

/* ---------------------------------------------------------------- data files */

static void write_file(const char *path, const char *text)
{
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs(text, f);
  fclose(f);
}

Test(entities_gazetteer, missing_data_dir_is_not_a_crash)
{
  setenv("BYLINE_DATA_DIR", "/nonexistent/byline-data", 1);
  run("The National Security Agency met officials in Tokyo.");
  cr_assert_eq(bl_lexicon_size(bl_lexicon_get()), 0);
}

Test(entities_gazetteer, malformed_lines_are_skipped_and_the_rest_loads)
{
  char dir[] = "/tmp/byline-gaz-XXXXXX";
  cr_assert(mkdtemp(dir));
  char path[256];
  snprintf(path, sizeof path, "%s/countries.tsv", dir);
  write_file(path, "# a comment\n"
                   "Japan\tcountry\tJP\t-\n"
                   "no tabs on this line\n"
                   "Atlantis\tcontinent\tAT\t-\n"
                   "\xff\xfe\tcountry\tXX\n"
                   "Norway\tcountry\tNO\n");
  setenv("BYLINE_DATA_DIR", dir, 1);
  run("Japan and Norway signed the accord.");
  is_place(must("Japan"), BL_PLACE_COUNTRY, "JP");
  is_place(must("Norway"), BL_PLACE_COUNTRY, "NO");
  unlink(path);
  rmdir(dir);
}
