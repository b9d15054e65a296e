/* test_entities_names.c: people, organizations and places from the statistical model (names.c,
 * ner_features.c, ner_model.c) on news sentences we write, and the model file's loader. The
 * name recognizer runs alone here (no gazetteer, no linker), on the committed model
 * server/data/ner.model. Criterion runs every test in a process of its own, so a test may point
 * BYLINE_DATA_DIR elsewhere before the model is first asked for. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/ner.h"
#include "analysis/recognizers.h"
#include "docs_path.h"

static BlArticle art;
static BlTokens tk;
static BlEntities ents;
static const char *text;

static void run(const char *t)
{
  text = t;
  bl_article_init(&art, t, strlen(t));
  bl_tokens_build(&tk, &art);
  bl_recognize_names(&art, &tk, &ents);
  bl_entities_sort(&ents);
}

static void done(void)
{
  bl_entities_free(&ents);
  bl_tokens_free(&tk);
  bl_article_free(&art);
}

TestSuite(entities_names, .fini = done);

/* The entity whose text is exactly the first occurrence of span, or NULL. */
static const BlEntity *ent(const char *span)
{
  const char *p = strstr(text, span);
  cr_assert_not_null(p, "test text lacks \"%s\"", span);
  uint32_t s = (uint32_t)(p - text), e = s + (uint32_t)strlen(span);
  for (size_t i = 0; i < ents.items.len; i++)
    if (ents.items.items[i].start == s && ents.items.items[i].end == e) return &ents.items.items[i];
  return NULL;
}

static void expect(const char *span, BlEntityKind kind)
{
  const BlEntity *e = ent(span);
  cr_assert_not_null(e, "no entity \"%s\"", span);
  cr_assert_eq(e->kind, kind, "\"%s\" is %s, not %s", span, bl_entity_kind_name(e->kind), bl_entity_kind_name(kind));
  cr_assert_eq(e->source, BL_SRC_MODEL);
}

/* Whether any entity of a kind other than misc overlaps the first occurrence of span. */
static bool any_over(const char *span)
{
  const char *p = strstr(text, span);
  cr_assert_not_null(p);
  uint32_t s = (uint32_t)(p - text), e = s + (uint32_t)strlen(span);
  for (size_t i = 0; i < ents.items.len; i++) {
    const BlEntity *x = &ents.items.items[i];
    if (x->kind != BL_ENT_MISC && x->start < e && s < x->end) return true;
  }
  return false;
}

Test(entities_names, person_before_a_comma)
{
  run("Maria Gonzalez, a spokeswoman for the ministry, said the talks would resume next week.");
  expect("Maria Gonzalez", BL_ENT_PERSON);
}

Test(entities_names, organization_with_of_inside)
{
  run("The Bank of England raised interest rates for the third time this year.");
  expect("Bank of England", BL_ENT_ORGANIZATION);
  cr_assert_not(any_over("The "), "the article is not part of the name");
}

Test(entities_names, organization_department_of)
{
  run("The Department of Justice opened an inquiry into the contract.");
  expect("Department of Justice", BL_ENT_ORGANIZATION);
}

Test(entities_names, place_after_in)
{
  run("Protesters gathered outside the parliament in Nairobi on Friday.");
  expect("Nairobi", BL_ENT_PLACE);
}

Test(entities_names, possessive_is_left_out)
{
  run("Japan\xE2\x80\x99s defense minister visited the base on Tuesday.");
  expect("Japan", BL_ENT_PLACE);
  cr_assert_not(any_over("\xE2\x80\x99s"));
}

Test(entities_names, straight_possessive_is_left_out)
{
  run("Officials said Kenya's government would send aid.");
  expect("Kenya", BL_ENT_PLACE);
  cr_assert_not(any_over("'s"));
}

Test(entities_names, headline_in_capitals)
{
  run("GERMANY BEAT FRANCE IN WORLD CUP FRIENDLY\n\nThe match was played in Berlin on Saturday.");
  expect("GERMANY", BL_ENT_PLACE);
  expect("FRANCE", BL_ENT_PLACE);
  expect("Berlin", BL_ENT_PLACE);
}

Test(entities_names, title_case_heading_is_not_a_name)
{
  run("Key Facts\n\nOfficials in Kenya and Uganda said the outbreak had spread.");
  cr_assert_not(any_over("Key Facts"));
  expect("Kenya", BL_ENT_PLACE);
  expect("Uganda", BL_ENT_PLACE);
}

Test(entities_names, quotes_stay_outside_the_span)
{
  run("\xE2\x80\x9CWe will not back down,\xE2\x80\x9D said Ahmed Yusuf, the union\xE2\x80\x99s leader.");
  expect("Ahmed Yusuf", BL_ENT_PERSON);
  for (size_t i = 0; i < ents.items.len; i++) {
    const BlEntity *e = &ents.items.items[i];
    cr_assert_neq((unsigned char)text[e->start], 0xE2, "a span begins with a quotation mark");
    cr_assert_neq(text[e->end - 1], ',');
  }
}

Test(entities_names, tokens_claimed_before_are_skipped)
{
  const char *t = "Executives at Microsoft declined to comment on Monday.";
  text = t;
  bl_article_init(&art, t, strlen(t));
  bl_tokens_build(&tk, &art);
  const char *p = strstr(t, "Microsoft");
  BlEntity before = {.start = (uint32_t)(p - t), .end = (uint32_t)(p - t + 9), .kind = BL_ENT_DATE};
  bl_entities_add(&ents, &before);
  bl_recognize_names(&art, &tk, &ents);
  cr_assert_eq(ents.items.len, 1, "the model added a name over a claimed token");
}

Test(entities_names, nothing_in_lowercase_prose)
{
  run("the committee said it would meet again after the holidays, and nobody objected.");
  cr_assert_eq(ents.items.len, 0);
}

Test(entities_names, empty_and_odd_input_does_not_crash)
{
  run("");
  cr_assert_eq(ents.items.len, 0);
  done();
  memset(&ents, 0, sizeof ents);
  run("\xFF\xFE Caf\xC3\xA9 \xE2\x80\x94 O\xE2\x80\x99"
      "Brien & Co. \"\" ( ) --- \xE2\x80\xA6 A.B.C.D.E.F.G.H.I.J.K.L.M.N.O.P.Q");
}

static void *tag_in_thread(void *arg)
{
  const char *t = arg;
  BlArticle a;
  BlTokens k;
  BlEntities e = {0};
  bl_article_init(&a, t, strlen(t));
  bl_tokens_build(&k, &a);
  bl_recognize_names(&a, &k, &e);
  size_t n = e.items.len;
  bl_entities_free(&e);
  bl_tokens_free(&k);
  bl_article_free(&a);
  return (void *)n;
}

Test(entities_names, threads_share_one_model)
{
  const char *t = "The Bank of England and the European Central Bank met in Frankfurt, "
                  "where Maria Gonzalez spoke for Spain.";
  run(t);
  size_t expected = ents.items.len;
  cr_assert_gt(expected, 2);
  pthread_t th[4];
  for (int i = 0; i < 4; i++) cr_assert_eq(pthread_create(&th[i], NULL, tag_in_thread, (void *)t), 0);
  for (int i = 0; i < 4; i++) {
    void *r;
    pthread_join(th[i], &r);
    cr_assert_eq((size_t)r, expected);
  }
}

/* ---------------------------------------------------------------- the model file */

Test(entities_names, missing_model_recognizes_nothing)
{
  char dir[] = "/tmp/byline-test-XXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  setenv("BYLINE_DATA_DIR", dir, 1); /* before anything resolves the data dir in this process */
  run("Maria Gonzalez flew from Nairobi to the Bank of England.");
  cr_assert_eq(ents.items.len, 0);
  cr_assert_null(bl_ner_model_get());
  rmdir(dir);
}

static char *model_path(void)
{
  static char path[4096];
  snprintf(path, sizeof path, "%s/ner.model", bl_data_dir());
  return path;
}

static void write_bytes(const char *path, const void *data, size_t n)
{
  FILE *f = fopen(path, "wb");
  cr_assert_not_null(f);
  cr_assert_eq(fwrite(data, 1, n, f), n);
  fclose(f);
}

static unsigned char *read_all(const char *path, size_t *n)
{
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "cannot read %s", path);
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *d = malloc((size_t)len);
  cr_assert_eq(fread(d, 1, (size_t)len, f), (size_t)len);
  fclose(f);
  *n = (size_t)len;
  return d;
}

Test(entities_names, committed_model_loads)
{
  char err[256] = "";
  BlNerModel *m = bl_ner_model_load(model_path(), err, sizeof err);
  cr_assert_not_null(m, "%s", err);
  cr_assert_gt(bl_ner_model_feature_count(m), 1000);
  bl_ner_model_free(m);
}

Test(entities_names, corrupt_models_are_rejected)
{
  size_t n;
  unsigned char *d = read_all(model_path(), &n);
  char path[] = "/tmp/byline-model-XXXXXX";
  int fd = mkstemp(path);
  cr_assert_geq(fd, 0);
  close(fd);
  char err[256];

  write_bytes(path, "not a model at all", 18);
  cr_assert_null(bl_ner_model_load(path, err, sizeof err));
  cr_assert(strstr(err, "magic"), "%s", err);

  write_bytes(path, d, n / 2); /* truncated */
  cr_assert_null(bl_ner_model_load(path, err, sizeof err));

  d[n / 2] ^= 0x40; /* one flipped bit */
  write_bytes(path, d, n);
  cr_assert_null(bl_ner_model_load(path, err, sizeof err));
  cr_assert(strstr(err, "checksum"), "%s", err);
  d[n / 2] ^= 0x40;

  d[12] ^= 1; /* another feature-set version */
  write_bytes(path, d, n);
  cr_assert_null(bl_ner_model_load(path, err, sizeof err));
  cr_assert(strstr(err, "feature set"), "%s", err);

  cr_assert_null(bl_ner_model_load("/nonexistent/ner.model", err, sizeof err));
  unlink(path);
  free(d);
}

Test(entities_names, written_model_scores_what_was_written)
{
  char path[] = "/tmp/byline-model-XXXXXX";
  int fd = mkstemp(path);
  cr_assert_geq(fd, 0);
  close(fd);
  uint64_t hashes[3] = {0x1234567890abcdefull, 42, 0xfedcba0987654321ull};
  float w[3 * BL_NER_NLABELS] = {0};
  w[0 * BL_NER_NLABELS + BL_NER_B_PER] = 1.0f;   /* the largest: BL_NER_QMAX */
  w[1 * BL_NER_NLABELS + BL_NER_I_LOC] = -0.5f;  /* half of it */
  w[2 * BL_NER_NLABELS + BL_NER_O] = 0.0001f;    /* rounds to 0: pruned with its feature */
  char err[256];
  size_t kept = 0;
  cr_assert_eq(bl_ner_model_write(path, hashes, w, 3, 1, &kept, err, sizeof err), 0, "%s", err);
  cr_assert_eq(kept, 2);
  BlNerModel *m = bl_ner_model_load(path, err, sizeof err);
  cr_assert_not_null(m, "%s", err);
  int32_t s[BL_NER_NLABELS] = {0};
  uint64_t f[4] = {hashes[0], hashes[1], hashes[2], 7 /* absent */};
  bl_ner_model_score(m, f, 4, s);
  cr_assert_eq(s[BL_NER_B_PER], BL_NER_QMAX);
  cr_assert_eq(s[BL_NER_I_LOC], -(BL_NER_QMAX + 1) / 2);
  cr_assert_eq(s[BL_NER_O], 0);
  bl_ner_model_free(m);
  unlink(path);
}
