/* test_lexicon.c: extra name files over the built-in lexicon (bl_lexicon_load_extra), the
 * analysis options that carry one (BlAnalysisOptions.lexicon), and a .byline.json's
 * "gazetteers" becoming its configuration's lexicon (bl_config_load_lexicon, bl_config_for).
 * The names in the files are made up for the tests ("The Millbrook Sentinel", "Quarrytown",
 * "Kestrel Dynamics"): no built-in list holds them. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/analyze.h"
#include "analysis/lexicon.h"
#include "config/config.h"

static const char OUR_NAMES[] = "# our outlets and places\n"
                                "The Millbrook Sentinel\tmedia\tUS\tMillbrook Sentinel\n"
                                "Quarrytown\tcity\tUS\t-\n"
                                "Kestrel Dynamics\tcompany\t-\tKestrel\n";

static const char STORY[] = "Quarry vote delayed\n\n"
                            "The Millbrook Sentinel reported on Monday that the council in Quarrytown delayed the vote. "
                            "Kestrel Dynamics declined to comment.\n";

static char dir[64];

static void make_dir(void)
{
  snprintf(dir, sizeof dir, "/tmp/byline-lexicon-XXXXXX");
  cr_assert(mkdtemp(dir));
}

/* dir/name with the text; returns the path (static storage per call site is not enough: the
 * caller copies it when it keeps two). */
static void write_at(char *path, size_t size, const char *name, const char *text)
{
  snprintf(path, size, "%s/%s", dir, name);
  char *slash = strrchr(path, '/');
  if (slash > path + strlen(dir)) { /* a sub-folder */
    *slash = '\0';
    mkdir(path, 0700);
    *slash = '/';
  }
  FILE *f = fopen(path, "w");
  cr_assert(f, "cannot write %s", path);
  fputs(text, f);
  fclose(f);
}

static void remove_dir(void)
{
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq(system(cmd), 0);
}

TestSuite(lexicon, .init = make_dir, .fini = remove_dir);

/* The entity whose text is exactly `text`, or NULL. */
static const BlEntity *entity(const BlAnalysis *an, const char *text)
{
  size_t len = strlen(text);
  for (size_t i = 0; i < an->entities.items.len; i++) {
    const BlEntity *e = &an->entities.items.items[i];
    if (e->end - e->start == len && memcmp(an->text + e->start, text, len) == 0) return e;
  }
  return NULL;
}

static void analyze(BlAnalysis *an, const BlLexicon *lx)
{
  BlAnalysisOptions opts = {NULL, lx};
  bl_analysis_run_with(an, STORY, strlen(STORY), &opts);
}

/* What the extension adds, as the file says: kind, subtype and code. */
static void assert_our_names(const BlAnalysis *an)
{
  const BlEntity *paper = entity(an, "The Millbrook Sentinel");
  cr_assert(paper, "the outlet is one entity");
  cr_assert_eq(paper->kind, BL_ENT_ORGANIZATION);
  cr_assert_eq(paper->subtype, BL_ORG_MEDIA);
  const BlEntity *town = entity(an, "Quarrytown");
  cr_assert(town);
  cr_assert_eq(town->kind, BL_ENT_PLACE);
  cr_assert_eq(town->subtype, BL_PLACE_CITY);
  cr_assert_str_eq(town->code, "US");
  const BlEntity *firm = entity(an, "Kestrel Dynamics");
  cr_assert(firm);
  cr_assert_eq(firm->kind, BL_ENT_ORGANIZATION, "the file says company, whatever the model guesses");
  cr_assert_eq(firm->subtype, BL_ORG_COMPANY);
}

Test(lexicon, a_name_only_in_the_extra_file_is_recognized_as_it_says)
{
  char path[256];
  write_at(path, sizeof path, "our.tsv", OUR_NAMES);
  const char *paths[] = {path};
  BlLexiconProblems problems = {0};
  BlLexicon *lx = bl_lexicon_load_extra(paths, 1, &problems);
  cr_assert_eq(problems.len, 0, "%s", problems.len ? problems.items[0].message : "");
  cr_assert_eq(bl_lexicon_size(lx), bl_lexicon_size(bl_lexicon_get()) + 5, "three names and two aliases");
  BlAnalysis an;
  analyze(&an, lx);
  assert_our_names(&an);
  /* the built-in names still work through the extension */
  bl_analysis_free(&an);
  const char *text = "Reuters reported that officials in Tokyo met the State Department.";
  BlAnalysisOptions opts = {NULL, lx};
  bl_analysis_run_with(&an, text, strlen(text), &opts);
  cr_assert_eq(entity(&an, "Reuters")->subtype, BL_ORG_MEDIA);
  cr_assert_str_eq(entity(&an, "Tokyo")->code, "JP");
  cr_assert_eq(entity(&an, "State Department")->subtype, BL_ORG_AGENCY);
  bl_analysis_free(&an);
  bl_lexicon_problems_free(&problems);
  bl_lexicon_release(lx);
}

Test(lexicon, the_default_lexicon_is_unaffected)
{
  char path[256];
  write_at(path, sizeof path, "our.tsv", OUR_NAMES);
  size_t before = bl_lexicon_size(bl_lexicon_get());
  const char *paths[] = {path};
  BlLexicon *lx = bl_lexicon_load_extra(paths, 1, NULL);
  cr_assert_eq(bl_lexicon_size(bl_lexicon_get()), before);
  BlAnalysis an;
  analyze(&an, NULL); /* NULL: the process-wide lexicon */
  const BlEntity *town = entity(&an, "Quarrytown");
  cr_assert(!town || (town->subtype == 0 && town->code[0] == '\0'), "the built-in lists do not know Quarrytown");
  const BlEntity *paper = entity(&an, "Millbrook Sentinel");
  if (!paper) paper = entity(&an, "The Millbrook Sentinel");
  cr_assert(!paper || paper->subtype != BL_ORG_MEDIA);
  bl_analysis_free(&an);
  /* and bl_analysis_run (no options) is the process-wide lexicon too */
  bl_analysis_run(&an, STORY, strlen(STORY), NULL);
  town = entity(&an, "Quarrytown");
  cr_assert(!town || town->code[0] == '\0');
  bl_analysis_free(&an);
  bl_lexicon_release(lx);
}

Test(lexicon, a_missing_file_is_a_problem_not_a_crash)
{
  char path[256], missing[256];
  write_at(path, sizeof path, "our.tsv", OUR_NAMES);
  snprintf(missing, sizeof missing, "%s/no-such-names.tsv", dir);
  const char *paths[] = {missing, path, dir /* a folder */};
  BlLexiconProblems problems = {0};
  BlLexicon *lx = bl_lexicon_load_extra(paths, 3, &problems);
  cr_assert_eq(problems.len, 2);
  cr_assert_eq(problems.items[0].file, 0);
  cr_assert_eq(problems.items[0].line, 0, "the file as a whole");
  cr_assert(strstr(problems.items[0].message, "cannot read gazetteer"), "%s", problems.items[0].message);
  cr_assert(strstr(problems.items[0].message, "no-such-names.tsv"), "%s", problems.items[0].message);
  cr_assert_eq(problems.items[1].file, 2);
  cr_assert_eq(problems.items[1].line, 0);
  BlAnalysis an;
  analyze(&an, lx); /* the file that could be read still counts */
  assert_our_names(&an);
  bl_analysis_free(&an);
  bl_lexicon_problems_free(&problems);
  bl_lexicon_release(lx);
}

Test(lexicon, malformed_lines_are_problems_at_their_line)
{
  char path[256];
  write_at(path, sizeof path, "our.tsv",
           "Quarrytown\tcity\tUS\t-\n"
           "no tabs on this line\n"
           "Atlantis\tcontinent\tAT\t-\n"
           "A Name Of Far Too Many Words To Be One Phrase In Any Of Our Lists Here Or There\tother\t-\n"
           "Kestrel Dynamics\tcompany\t-\t-\n");
  const char *paths[] = {path};
  BlLexiconProblems problems = {0};
  BlLexicon *lx = bl_lexicon_load_extra(paths, 1, &problems);
  cr_assert_eq(problems.len, 2);
  cr_assert_eq(problems.items[0].line, 4);
  cr_assert(strstr(problems.items[0].message, "too many words"), "%s", problems.items[0].message);
  cr_assert_eq(problems.items[1].line, 2, "the first malformed line");
  cr_assert(strstr(problems.items[1].message, "2 malformed lines skipped"), "%s", problems.items[1].message);
  BlAnalysis an;
  analyze(&an, lx);
  cr_assert_str_eq(entity(&an, "Quarrytown")->code, "US");
  cr_assert_eq(entity(&an, "Kestrel Dynamics")->subtype, BL_ORG_COMPANY);
  bl_analysis_free(&an);
  bl_lexicon_problems_free(&problems);
  bl_lexicon_release(lx);
}

Test(lexicon, problems_of_one_file_are_capped)
{
  char path[256], text[2048] = "";
  for (int i = 0; i < 30; i++) {
    char line[96];
    snprintf(line, sizeof line, "A B C D E F G H I J K L M N O P Q %d\tother\t-\n", i); /* 18 words */
    strcat(text, line);
  }
  write_at(path, sizeof path, "long.tsv", text);
  const char *paths[] = {path};
  BlLexiconProblems problems = {0};
  BlLexicon *lx = bl_lexicon_load_extra(paths, 1, &problems);
  cr_assert_eq(problems.len, 11, "ten, then one that counts the rest");
  cr_assert(strstr(problems.items[10].message, "20 more problems in "), "%s", problems.items[10].message);
  cr_assert(strstr(problems.items[10].message, "long.tsv not listed"), "%s", problems.items[10].message);
  bl_lexicon_problems_free(&problems);
  bl_lexicon_release(lx);
}

Test(lexicon, built_in_definitions_come_first_longer_extra_phrases_win)
{
  char path[256];
  write_at(path, sizeof path, "our.tsv",
           "Reuters\tcity\tGB\t-\n"                         /* already an outlet: stays one */
           "Reuters Breakfast Club\tother\t-\t-\n"          /* longer than the built-in name */
           "Newland\tcountry\tZZ\t-\n"                      /* a code no built-in country has */
           "Elsewhere Japan\tcountry\tJP\tNew Japan\n");    /* a code one has: its name stays */
  const char *paths[] = {path};
  BlLexicon *lx = bl_lexicon_load_extra(paths, 1, NULL);
  cr_assert_str_eq(bl_lexicon_country_name(lx, "ZZ"), "Newland");
  cr_assert_str_eq(bl_lexicon_country_name(lx, "JP"), "Japan");
  cr_assert_null(bl_lexicon_country_name(bl_lexicon_get(), "ZZ"));
  const char *text = "Reuters reported it first. The Reuters Breakfast Club met in Newland.";
  BlAnalysis an;
  BlAnalysisOptions opts = {NULL, lx};
  bl_analysis_run_with(&an, text, strlen(text), &opts);
  const BlEntity *r = entity(&an, "Reuters");
  cr_assert(r);
  cr_assert_eq(r->kind, BL_ENT_ORGANIZATION);
  cr_assert_eq(r->subtype, BL_ORG_MEDIA);
  const BlEntity *club = entity(&an, "Reuters Breakfast Club");
  cr_assert(club, "the longer phrase of the extra file");
  cr_assert_eq(club->subtype, BL_ORG_OTHER);
  cr_assert_str_eq(entity(&an, "Newland")->code, "ZZ");
  bl_analysis_free(&an);
  bl_lexicon_release(lx);
}

Test(lexicon, retain_and_release_count_references)
{
  char path[256];
  write_at(path, sizeof path, "our.tsv", OUR_NAMES);
  const char *paths[] = {path};
  BlLexicon *lx = bl_lexicon_load_extra(paths, 1, NULL);
  const BlLexicon *again = bl_lexicon_retain(lx);
  cr_assert_eq(again, lx);
  bl_lexicon_release(lx); /* one reference left: still usable (ASan would see a use after free) */
  BlAnalysis an;
  analyze(&an, again);
  assert_our_names(&an);
  bl_analysis_free(&an);
  bl_lexicon_release(again);
  /* the process-wide lexicon is not counted: releasing it does nothing */
  bl_lexicon_release(bl_lexicon_retain(bl_lexicon_get()));
  bl_lexicon_release(NULL);
  cr_assert_gt(bl_lexicon_size(bl_lexicon_get()), 1000);
}

static void *analyze_on_a_thread(void *data)
{
  for (int k = 0; k < 5; k++) {
    BlAnalysis an;
    analyze(&an, data);
    bool ok = entity(&an, "Quarrytown") && entity(&an, "Quarrytown")->subtype == BL_PLACE_CITY;
    bl_analysis_free(&an);
    if (!ok) return (void *)1;
  }
  return NULL;
}

Test(lexicon, threads_share_one_extension)
{
  char path[256];
  write_at(path, sizeof path, "our.tsv", OUR_NAMES);
  const char *paths[] = {path};
  BlLexicon *lx = bl_lexicon_load_extra(paths, 1, NULL);
  pthread_t t[4];
  for (int i = 0; i < 4; i++) cr_assert_eq(pthread_create(&t[i], NULL, analyze_on_a_thread, lx), 0);
  for (int i = 0; i < 4; i++) {
    void *r;
    pthread_join(t[i], &r);
    cr_assert_null(r);
  }
  bl_lexicon_release(lx);
}

Test(lexicon, an_extension_is_small_next_to_the_built_in_lexicon)
{
  char path[256];
  write_at(path, sizeof path, "our.tsv", OUR_NAMES);
  const char *paths[] = {path};
  BlLexicon *lx = bl_lexicon_load_extra(paths, 1, NULL);
  size_t own = bl_lexicon_bytes(lx), base = bl_lexicon_bytes(bl_lexicon_get());
  cr_log_info("extension %zu bytes, built-in lexicon %zu bytes", own, base);
  cr_assert_lt(own * 4, base, "the extension shares the built-in tables (%zu vs %zu bytes)", own, base);
  bl_lexicon_release(lx);
}

/* ---------------------------------------------------------------- .byline.json */

Test(lexicon, config_gazetteers_become_the_config_lexicon)
{
  char names[256], conf[256], story[256];
  write_at(names, sizeof names, "names/our.tsv", OUR_NAMES);
  write_at(conf, sizeof conf, ".byline.json", "{\n  \"gazetteers\": [\"names/our.tsv\"]\n}\n");
  write_at(story, sizeof story, "desk/story.md", STORY);
  BlConfigCache cache;
  bl_config_cache_init(&cache);
  const BlConfig *cfg = bl_config_for(&cache, story);
  cr_assert_str_eq(cfg->path, conf);
  cr_assert_eq(cfg->problems.len, 0, "%s", cfg->problems.len ? cfg->problems.items[0] : "");
  cr_assert(cfg->lexicon, "built when the cache loaded the file");
  cr_assert(bl_config_cache_uses_file(&cache, names));
  cr_assert(!bl_config_cache_uses_file(&cache, story));
  BlAnalysisOptions opts = bl_config_options(cfg);
  cr_assert_eq(opts.lexicon, cfg->lexicon);
  cr_assert_eq(opts.rules, &cfg->rules);
  BlAnalysis an;
  bl_analysis_run_with(&an, STORY, strlen(STORY), &opts);
  assert_our_names(&an);
  bl_analysis_free(&an);
  bl_config_cache_free(&cache); /* frees the lexicon with the configuration (LSan checks) */
}

Test(lexicon, config_without_gazetteers_has_no_lexicon_of_its_own)
{
  char conf[256], story[256];
  write_at(conf, sizeof conf, ".byline.json", "{ \"rules\": { \"unbalanced-quote\": \"error\" } }\n");
  write_at(story, sizeof story, "story.md", STORY);
  BlConfigCache cache;
  bl_config_cache_init(&cache);
  const BlConfig *cfg = bl_config_for(&cache, story);
  cr_assert_null(cfg->lexicon);
  cr_assert_null(bl_config_options(cfg).lexicon, "NULL: the process-wide lexicon");
  bl_config_cache_free(&cache);
}

Test(lexicon, config_gazetteer_problems_are_config_problems)
{
  char names[256], conf[256], story[256];
  write_at(names, sizeof names, "names/our.tsv", "Quarrytown\tcity\tUS\t-\nnot a names line\n");
  write_at(conf, sizeof conf, ".byline.json",
           "{\n  \"rules\": { \"no-such-rule\": \"error\" },\n  \"gazetteers\": [\n    \"names/our.tsv\",\n"
           "    \"names/missing.tsv\"\n  ]\n}\n");
  write_at(story, sizeof story, "story.md", STORY);
  BlConfigCache cache;
  bl_config_cache_init(&cache);
  const BlConfig *cfg = bl_config_for(&cache, story);
  cr_assert_eq(cfg->problems.len, 3);
  char want[512];
  snprintf(want, sizeof want, "%s:2: unknown rule \"no-such-rule\"", conf);
  cr_assert_str_eq(cfg->problems.items[0], want);
  snprintf(want, sizeof want, "%s:2: 1 malformed line skipped (expected canonical<TAB>type<TAB>code<TAB>aliases)",
           names);
  cr_assert_str_eq(cfg->problems.items[1], want);
  snprintf(want, sizeof want, "%s:5: cannot read gazetteer %s/names/missing.tsv: No such file or directory", conf, dir);
  cr_assert_str_eq(cfg->problems.items[2], want);
  /* the rest still loads */
  BlAnalysisOptions opts = bl_config_options(cfg);
  BlAnalysis an;
  bl_analysis_run_with(&an, STORY, strlen(STORY), &opts);
  cr_assert_str_eq(entity(&an, "Quarrytown")->code, "US");
  bl_analysis_free(&an);
  /* a parse alone reads no gazetteer */
  BlConfig parsed;
  const char text[] = "{ \"gazetteers\": [\"names/our.tsv\"] }";
  bl_config_parse(&parsed, conf, text, sizeof text - 1);
  cr_assert_null(parsed.lexicon);
  cr_assert_eq(parsed.gazetteers.len, 1);
  bl_config_load_lexicon(&parsed);
  cr_assert(parsed.lexicon);
  bl_config_free(&parsed);
  bl_config_cache_free(&cache);
}
