/* names.c: bl_recognize_names (see recognizers.h): people, organizations, places and other
 * proper names from the statistical model (ner.h), one sentence at a time.
 *
 * The model sees tokens the way CoNLL-2003 wrote them, so the tagger first makes that view of
 * each sentence: an abbreviation and its period are one token ("St." "Louis", "Corp."), as they
 * are in CoNLL; everything else is a token of tokens.c as it is. A token that overlaps an entity
 * found before (a date, a sum) is blocked: never part of a name. A token on a line with capitals
 * and no lowercase letter (a headline in capitals, a dateline) is flagged as on a caps line.
 *
 * Names come out as exact token spans, without a trailing possessive ("Japan" of "Japan’s")
 * and without leading or trailing connectors ("of", "the"); quotes and other punctuation are
 * never part of a name because they are never candidates.
 *
 * Lines: a line whose letters are all capitals or which is in title case is flagged so (the
 * model reads capitals there differently), and a short line that ends inside a sentence (a
 * byline, a table row) ends the tagged span there, as each line of CoNLL is a sentence. The
 * document memory (ner.h) carries what earlier sentences were tagged to later ones. */
#include "recognizers.h"

#include <stdlib.h>
#include <string.h>

#include "../base/alloc.h"
#include "ner.h"

typedef struct {
  uint32_t start, end;
} BlNames__Span;

static int bl_names__span_cmp(const void *a, const void *b)
{
  const BlNames__Span *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

static bool bl_names__possessive(const char *s, size_t n)
{
  /* 's or ’s (and capitals) */
  if (n == 2) return s[0] == '\'' && (s[1] == 's' || s[1] == 'S');
  if (n == 4) return memcmp(s, "\xE2\x80\x99", 3) == 0 && (s[3] == 's' || s[3] == 'S');
  return false;
}

static bool bl_names__edge_word(const char *s, size_t n)
{
  /* tokens that may sit inside a name but never at its edge */
  if (n == 0 || n > 4 || (s[0] >= 'A' && s[0] <= 'Z')) return false; /* the common case, fast */
  if (bl_names__possessive(s, n)) return true;
  static const struct {
    char s[5];
    uint8_t n;
  } list[] = {{"of", 2}, {"the", 3}, {"and", 3}, {"&", 1}, {"for", 3}, {"on", 2},
              {"upon", 4}, {"y", 1}, {"e", 1}, {"et", 2}, {"und", 3}, {"zu", 2}};
  for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
    if (list[i].n == n && memcmp(list[i].s, s, n) == 0) return true;
  return false;
}

static const uint8_t bl_names__kind[5] = {0, BL_ENT_PERSON, BL_ENT_ORGANIZATION, BL_ENT_PLACE, BL_ENT_MISC};

/* A line shorter than this (in bytes) that ends without ending a sentence is a line of its own
 * (a byline, a headline, a table row), not a line of wrapped prose: no name runs across its end. */
#define BL_NAMES__SHORT_LINE 50
/* Tokens tagged at once at most (normally; see the cut in bl_recognize_names). */
#define BL_NAMES__MAX_VIEW 1024

typedef struct {
  const BlNerModel *model;
  BlNerMemory memory;
  BlVec(BlNerTok) view;
  BlVec(uint32_t) vstart; /* byte offset of each view token */
  BlVec(BlNerTokInfo) info;
  BlVec(uint8_t) labels;
} BlNames__Ctx;

/* Tags the view (one sentence, or one line of it) and appends its names to out. */
static void bl_names__tag(BlNames__Ctx *c, BlEntities *out)
{
  size_t n = c->view.len;
  if (n == 0) return;
  bl_vec_reserve(&c->info, n);
  bl_vec_reserve(&c->labels, n);
  BlNerTokInfo *info = c->info.items;
  uint8_t *labels = c->labels.items;
  bl_ner_prepare(c->view.items, n, &c->memory, info);
  bool any = false;
  for (size_t i = 0; i < n && !any; i++) any = info[i].candidate;
  if (!any) return;
  bl_ner_tag(c->model, info, n, labels);
  bl_ner_memory_add(&c->memory, info, labels, n);

  const BlNerTok *view = c->view.items;
  for (size_t i = 0; i < n;) {
    int lab = labels[i];
    if (lab == BL_NER_O) {
      i++;
      continue;
    }
    int type = bl_ner_label_type(lab);
    size_t j = i + 1;
    while (j < n && labels[j] != BL_NER_O && !bl_ner_label_begins(labels[j]) && bl_ner_label_type(labels[j]) == type)
      j++;
    size_t b = i, e = j;
    i = j;
    while (b < e && bl_names__edge_word(view[b].s, view[b].len)) b++;
    while (e > b && bl_names__edge_word(view[e - 1].s, view[e - 1].len)) e--;
    if (b == e) continue;
    BlEntity ent;
    memset(&ent, 0, sizeof ent);
    ent.start = c->vstart.items[b];
    ent.end = c->vstart.items[e - 1] + view[e - 1].len;
    ent.kind = bl_names__kind[type];
    ent.source = BL_SRC_MODEL;
    ent.group = -1;
    bl_entities_add(out, &ent);
  }
}

void bl_recognize_names(const BlArticle *a, const BlTokens *tk, BlEntities *out)
{
  const BlNerModel *m = bl_ner_model_get();
  size_t ntok = tk->tokens.len;
  if (!m || ntok == 0) return;
  const BlToken *tok = tk->tokens.items;
  const char *text = a->text;
  BlNames__Ctx c = {.model = m};

  /* spans found before us, sorted, to block their tokens */
  size_t nspan = out->items.len, si = 0;
  BlNames__Span *spans = bl_malloc((nspan ? nspan : 1) * sizeof *spans);
  for (size_t i = 0; i < nspan; i++) spans[i] = (BlNames__Span){out->items.items[i].start, out->items.items[i].end};
  qsort(spans, nspan, sizeof *spans, bl_names__span_cmp);

  /* Per token: its line's flags (caps, title) and whether the token ends a short line. A line
   * is a run of tokens from one BL_TF_LINE_START to the next, within a block. */
  uint8_t *line = bl_malloc(ntok);
  enum { SHORT_END = 0x80 };
  for (size_t i = 0; i < ntok;) {
    size_t j = i + 1;
    while (j < ntok && !(tok[j].flags & BL_TF_LINE_START) && tok[j].block == tok[i].block) j++;
    BlNerLineScan scan = {0};
    for (size_t k = i; k < j;) { /* eight tokens at a time, until the answer is known */
      BlNerTok piece[8];
      size_t m = 0;
      for (; m < 8 && k < j; m++, k++) piece[m] = (BlNerTok){text + tok[k].start, tok[k].end - tok[k].start, 0};
      if (bl_ner_line_scan(&scan, piece, m)) break;
    }
    memset(line + i, bl_ner_line_result(&scan), j - i);
    if (tok[j - 1].end - tok[i].start < BL_NAMES__SHORT_LINE) line[j - 1] |= SHORT_END;
    i = j;
  }

  for (size_t s = 0; s < tk->sentences.len; s++) {
    const BlSentence *se = &tk->sentences.items[s];
    bl_vec_clear(&c.view);
    bl_vec_clear(&c.vstart);
    for (size_t i = se->tok_begin; i < se->tok_end; i++) {
      uint32_t start = tok[i].start, end = tok[i].end;
      size_t last = i; /* the last text token in this view token */
      /* "St." "Corp." "Gen.": a capitalized abbreviation keeps its period, as in CoNLL */
      if (tok[i].kind == BL_TOK_WORD && (tok[i].flags & BL_TF_CAP) && end - start <= 5 && i + 1 < se->tok_end &&
          tok[i + 1].kind == BL_TOK_PUNCT && tok[i + 1].start == end && tok[i + 1].end == end + 1 &&
          text[end] == '.' && bl_is_abbreviation(text + start, end - start)) {
        end = tok[++i].end;
        last = i;
      }
      while (si < nspan && spans[si].end <= start) si++;
      bool blocked = false;
      for (size_t k = si; k < nspan && spans[k].start < end; k++)
        if (spans[k].end > start) {
          blocked = true;
          break;
        }
      uint8_t flags = (uint8_t)((line[i] & (BL_NER_TF_CAPS_LINE | BL_NER_TF_TITLE_LINE)) |
                                (c.view.len == 0 ? BL_NER_TF_SENT_START : 0) | (blocked ? BL_NER_TF_BLOCKED : 0));
      BlNerTok t = {text + start, end - start, flags};
      bl_vec_push(&c.view, t);
      bl_vec_push(&c.vstart, start);
      bool cut = (line[last] & SHORT_END) && last + 1 < se->tok_end; /* a short line ends inside the sentence */
      /* A run-on "sentence" (a huge line without punctuation) is tagged in pieces, so that the
       * per-token arrays stay small; cut after a token that cannot end a name, if one comes. */
      if (c.view.len >= BL_NAMES__MAX_VIEW && (!(tok[last].flags & BL_TF_CAP) || c.view.len >= 2 * BL_NAMES__MAX_VIEW))
        cut = true;
      if (cut) {
        bl_names__tag(&c, out);
        bl_vec_clear(&c.view);
        bl_vec_clear(&c.vstart);
      }
    }
    bl_names__tag(&c, out);
  }
  bl_ner_memory_free(&c.memory);
  bl_vec_free(&c.view);
  bl_vec_free(&c.vstart);
  bl_vec_free(&c.info);
  bl_vec_free(&c.labels);
  bl_free(line);
  bl_free(spans);
}
