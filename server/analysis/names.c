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
 * never part of a name because they are never candidates. */
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
  if (bl_names__possessive(s, n)) return true;
  static const char *const list[] = {"of", "the", "and", "&", "for", "on", "upon", "y", "e", "et", "und", "zu"};
  for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
    if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0) return true;
  return false;
}

static const uint8_t bl_names__kind[5] = {0, BL_ENT_PERSON, BL_ENT_ORGANIZATION, BL_ENT_PLACE, BL_ENT_MISC};

void bl_recognize_names(const BlArticle *a, const BlTokens *tk, BlEntities *out)
{
  const BlNerModel *m = bl_ner_model_get();
  size_t ntok = tk->tokens.len;
  if (!m || ntok == 0) return;
  const BlToken *tok = tk->tokens.items;
  const char *text = a->text;

  /* spans found before us, sorted, to block their tokens */
  size_t nspan = out->items.len, si = 0;
  BlNames__Span *spans = bl_malloc((nspan ? nspan : 1) * sizeof *spans);
  for (size_t i = 0; i < nspan; i++) spans[i] = (BlNames__Span){out->items.items[i].start, out->items.items[i].end};
  qsort(spans, nspan, sizeof *spans, bl_names__span_cmp);

  /* caps lines: per line (a run of tokens from one BL_TF_LINE_START to the next, within a
   * block), whether its letters are all capitals */
  uint8_t *caps = bl_malloc(ntok);
  for (size_t i = 0; i < ntok;) {
    size_t j = i + 1;
    while (j < ntok && !(tok[j].flags & BL_TF_LINE_START) && tok[j].block == tok[i].block) j++;
    unsigned cs = 0;
    for (size_t k = i; k < j && !(cs & BL_NER_CASE_LOWER); k++)
      if (tok[k].kind == BL_TOK_WORD) cs |= bl_ner_case(text + tok[k].start, tok[k].end - tok[k].start);
    uint8_t f = (cs & BL_NER_CASE_UPPER) && !(cs & BL_NER_CASE_LOWER) ? BL_NER_TF_CAPS_LINE : 0;
    memset(caps + i, f, j - i);
    i = j;
  }

  BlVec(BlNerTok) view = {0};
  BlVec(uint32_t) vstart = {0};
  BlVec(BlNerTokInfo) info = {0};
  BlVec(uint8_t) labels = {0};

  for (size_t s = 0; s < tk->sentences.len; s++) {
    const BlSentence *se = &tk->sentences.items[s];
    bl_vec_clear(&view);
    bl_vec_clear(&vstart);
    for (size_t i = se->tok_begin; i < se->tok_end; i++) {
      uint32_t start = tok[i].start, end = tok[i].end;
      /* "St." "Corp." "Gen.": an abbreviation keeps its period, as in CoNLL */
      if (tok[i].kind == BL_TOK_WORD && i + 1 < se->tok_end && tok[i + 1].kind == BL_TOK_PUNCT &&
          tok[i + 1].start == end && tok[i + 1].end == end + 1 && text[end] == '.' &&
          bl_is_abbreviation(text + start, end - start)) {
        end = tok[++i].end;
      }
      while (si < nspan && spans[si].end <= start) si++;
      bool blocked = false;
      for (size_t k = si; k < nspan && spans[k].start < end; k++)
        if (spans[k].end > start) {
          blocked = true;
          break;
        }
      uint8_t flags = (uint8_t)(caps[i] | (view.len == 0 ? BL_NER_TF_SENT_START : 0) | (blocked ? BL_NER_TF_BLOCKED : 0));
      BlNerTok t = {text + start, end - start, flags};
      bl_vec_push(&view, t);
      bl_vec_push(&vstart, start);
    }
    size_t n = view.len;
    if (n == 0) continue;
    bl_vec_reserve(&info, n);
    bl_vec_reserve(&labels, n);
    bl_ner_prepare(view.items, n, info.items);
    bool any = false;
    for (size_t i = 0; i < n && !any; i++) any = info.items[i].candidate;
    if (!any) continue;
    bl_ner_tag(m, info.items, n, labels.items);

    for (size_t i = 0; i < n;) {
      int lab = labels.items[i];
      if (lab == BL_NER_O) {
        i++;
        continue;
      }
      int type = bl_ner_label_type(lab);
      size_t j = i + 1;
      while (j < n && labels.items[j] != BL_NER_O && !bl_ner_label_begins(labels.items[j]) &&
             bl_ner_label_type(labels.items[j]) == type)
        j++;
      size_t b = i, e = j;
      i = j;
      while (b < e && bl_names__edge_word(view.items[b].s, view.items[b].len)) b++;
      while (e > b && bl_names__edge_word(view.items[e - 1].s, view.items[e - 1].len)) e--;
      if (b == e) continue;
      BlEntity ent;
      memset(&ent, 0, sizeof ent);
      ent.start = vstart.items[b];
      ent.end = vstart.items[e - 1] + view.items[e - 1].len;
      ent.kind = bl_names__kind[type];
      ent.source = BL_SRC_MODEL;
      ent.group = -1;
      bl_entities_add(out, &ent);
    }
  }
  bl_vec_free(&view);
  bl_vec_free(&vstart);
  bl_vec_free(&info);
  bl_vec_free(&labels);
  bl_free(caps);
  bl_free(spans);
}
