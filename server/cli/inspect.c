/* inspect.c: the `entities` and `analyze` commands (see inspect.h). Files are read whole; a file
 * that cannot be read is reported as `path: reason` and the others are still printed. Each file is
 * analyzed with its .byline.json as `byline lint` does (its gazetteers name entities); problems of
 * that file are printed once on stderr as `path:line: message`, the output is still printed, and
 * the exit status is 2, as lint's. */
#include "inspect.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../analysis/analyze.h"
#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/utf8.h"
#include "../base/file.h"
#include "../config/config.h"

typedef enum { BL_INSPECT_ENTITIES, BL_INSPECT_ANALYZE } BlInspectWhat;

static void bl_inspect__print(cJSON *o)
{
  char *s = cJSON_PrintUnformatted(o);
  fputs(s, stdout);
  fputc('\n', stdout);
  cJSON_free(s);
  cJSON_Delete(o);
}

static void bl_inspect__value(cJSON *o, const BlEntity *e)
{
  switch ((BlEntityKind)e->kind) {
  case BL_ENT_MONEY: {
    cJSON *v = cJSON_AddObjectToObject(o, "value");
    cJSON_AddNumberToObject(v, "amount", e->number);
    if (e->currency[0]) cJSON_AddStringToObject(v, "currency", e->currency);
    else cJSON_AddNullToObject(v, "currency");
    break;
  }
  case BL_ENT_NUMBER:
  case BL_ENT_PERCENT:
    cJSON_AddNumberToObject(o, "value", e->number);
    break;
  case BL_ENT_DATE:
  case BL_ENT_TIME:
  case BL_ENT_DURATION:
    if (e->iso[0]) cJSON_AddStringToObject(o, "value", e->iso);
    else cJSON_AddNullToObject(o, "value");
    break;
  case BL_ENT_PLACE:
    if (e->code[0]) cJSON_AddStringToObject(o, "value", e->code);
    else cJSON_AddNullToObject(o, "value");
    break;
  default:
    cJSON_AddNullToObject(o, "value");
  }
}

static void bl_inspect__entities(const char *file, const BlAnalysis *an, bool json)
{
  for (size_t i = 0; i < an->entities.items.len; i++) {
    const BlEntity *e = &an->entities.items.items[i];
    if (e->kind == BL_ENT_MISC) continue;
    const char *text = an->text + e->start;
    int tlen = (int)(e->end - e->start);
    if (!json) {
      printf("%s:%u-%u: %s \"%.*s\"", file, e->start, e->end, bl_entity_kind_name(e->kind), tlen, text);
      if (e->canonical) printf(" = %s", e->canonical);
      putchar('\n');
      continue;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", file);
    cJSON_AddStringToObject(o, "kind", bl_entity_kind_name(e->kind));
    cJSON_AddNumberToObject(o, "start", e->start);
    cJSON_AddNumberToObject(o, "end", e->end);
    BlBuf t;
    bl_buf_init(&t, 0);
    bl_buf_append(&t, text, (size_t)tlen);
    cJSON_AddStringToObject(o, "text", t.data ? t.data : "");
    cJSON_AddStringToObject(o, "canonical", e->canonical ? e->canonical : (t.data ? t.data : ""));
    bl_buf_free(&t);
    bl_inspect__value(o, e);
    const char *sub = bl_entity_subtype_name(e);
    if (sub) cJSON_AddStringToObject(o, "subtype", sub);
    if (e->unit) cJSON_AddStringToObject(o, "unit", e->unit);
    if (e->role) cJSON_AddStringToObject(o, "role", e->role);
    if (e->flags & BL_EF_APPROX) cJSON_AddTrueToObject(o, "approximate");
    if (e->kind == BL_ENT_OFFICIAL) cJSON_AddBoolToObject(o, "anonymous", (e->flags & BL_EF_ANONYMOUS) != 0);
    bl_inspect__print(o);
  }
}

static void bl_inspect__span(cJSON *o, const char *key, const BlAnalysis *an, BlSpan span, bool with_text)
{
  if (span.start == span.end) {
    cJSON_AddNullToObject(o, key);
    return;
  }
  cJSON *s = cJSON_AddObjectToObject(o, key);
  cJSON_AddNumberToObject(s, "start", span.start);
  cJSON_AddNumberToObject(s, "end", span.end);
  if (with_text) {
    char *t = bl_utf8_sanitize(an->text + span.start, span.end - span.start);
    cJSON_AddStringToObject(s, "text", t);
    bl_free(t);
  }
}

static void bl_inspect__analyze(const char *file, const BlAnalysis *an)
{
  static const char *const how_names[] = {"none", "cue", "quote", "carried", "link"};
  for (size_t i = 0; i < an->tokens.sentences.len; i++) {
    const BlSentence *s = &an->tokens.sentences.items[i];
    const BlSentenceInfo *info = &an->sentence_info.items[i];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", "sentence");
    cJSON_AddStringToObject(o, "file", file);
    cJSON_AddNumberToObject(o, "start", s->start);
    cJSON_AddNumberToObject(o, "end", s->end);
    cJSON_AddBoolToObject(o, "claim", info->claim);
    cJSON_AddBoolToObject(o, "attributed", info->attributed);
    bl_inspect__span(o, "cue", an, info->cue, false);
    bl_inspect__span(o, "source", an, info->source, true);
    cJSON_AddStringToObject(o, "how", how_names[info->how < 5 ? info->how : 0]);
    if (info->anonymous) cJSON_AddTrueToObject(o, "anonymous");
    if (info->vague) cJSON_AddTrueToObject(o, "vague");
    if (info->carried_from >= 0) cJSON_AddNumberToObject(o, "carriedFrom", an->tokens.sentences.items[info->carried_from].start);
    bl_inspect__print(o);
  }
  for (size_t i = 0; i < an->quotes.len; i++) {
    const BlQuote *q = &an->quotes.items[i];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", "quote");
    cJSON_AddStringToObject(o, "file", file);
    cJSON_AddNumberToObject(o, "start", q->span.start);
    cJSON_AddNumberToObject(o, "end", q->span.end);
    bl_inspect__span(o, "speaker", an, q->speaker, true);
    bl_inspect__span(o, "cue", an, q->cue, false);
    if (q->flags & BL_QF_PARTIAL) cJSON_AddTrueToObject(o, "partial");
    bl_inspect__print(o);
  }
}

static int bl_inspect__run(int argc, char **argv, BlInspectWhat what)
{
  const char *cmd = what == BL_INSPECT_ENTITIES ? "entities" : "analyze";
  bool json = what == BL_INSPECT_ANALYZE;
  int first_file = -1;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
      const char *f = argv[++i];
      if (strcmp(f, "json") == 0) json = true;
      else if (strcmp(f, "text") == 0 && what == BL_INSPECT_ENTITIES) json = false;
      else {
        fprintf(stderr, "byline %s: unknown format '%s'\n", cmd, f);
        return 2;
      }
    } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      printf("usage: byline %s [--format %s] FILE...\n", cmd, what == BL_INSPECT_ENTITIES ? "text|json" : "json");
      return 0;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      fprintf(stderr, "byline %s: unknown option '%s'\n", cmd, argv[i]);
      return 2;
    } else if (first_file < 0) {
      first_file = i;
    }
  }
  if (first_file < 0) {
    fprintf(stderr, "byline %s: no FILE given (see byline %s --help)\n", cmd, cmd);
    return 2;
  }
  int rc = 0;
  BlConfigCache configs;
  bl_config_cache_init(&configs);
  BlVec(const BlConfig *) reported = {0};
  for (int i = first_file; i < argc; i++) {
    if (strcmp(argv[i], "--format") == 0) {
      i++;
      continue;
    }
    BlBuf text;
    bl_buf_init(&text, 0);
    int err = bl_read_file(argv[i], &text);
    if (err) {
      fprintf(stderr, "%s: %s\n", argv[i], strerror(err));
      rc = 2;
    } else {
      const BlConfig *cfg = bl_config_for(&configs, argv[i]);
      bool seen = false;
      for (size_t k = 0; k < reported.len && !seen; k++) seen = reported.items[k] == cfg;
      if (!seen) {
        bl_vec_push(&reported, cfg);
        for (size_t k = 0; k < cfg->problems.len; k++) {
          fprintf(stderr, "%s\n", cfg->problems.items[k]);
          rc = 2;
        }
      }
      BlAnalysis an;
      BlAnalysisOptions opts = bl_config_options(cfg);
      bl_analysis_run_with(&an, text.data ? text.data : "", text.len, &opts);
      if (what == BL_INSPECT_ENTITIES) bl_inspect__entities(argv[i], &an, json);
      else bl_inspect__analyze(argv[i], &an);
      bl_analysis_free(&an);
    }
    bl_buf_free(&text);
  }
  bl_vec_free(&reported);
  bl_config_cache_free(&configs);
  fflush(stdout);
  return rc;
}

int bl_cli_entities(int argc, char **argv)
{
  return bl_inspect__run(argc, argv, BL_INSPECT_ENTITIES);
}

int bl_cli_analyze(int argc, char **argv)
{
  return bl_inspect__run(argc, argv, BL_INSPECT_ANALYZE);
}
