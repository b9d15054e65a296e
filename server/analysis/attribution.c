/* attribution.c: the attribution of every sentence (see claims.h; the rules, with examples, are
 * in docs/attribution.md).
 *
 * A sentence is attributed, in this order of preference, when
 *   - at least half of it lies inside direct quotes that have a speaker, or it holds a full quote
 *     and its speaker's cue (BL_ATTR_QUOTE);
 *   - it holds a cue with a source, outside quotation marks (BL_ATTR_CUE): "X said", "said X",
 *     "according to X", "the report found", "X, in a statement, ...", "Lynch: ...";
 *   - it holds a link or a citation (BL_ATTR_LINK): a URL, a Markdown link, "(Washington Post)";
 *   - it carries the attribution of an earlier sentence of its paragraph (BL_ATTR_CARRIED), under
 *     the conservative rule below.
 * Vague attribution sets `vague`. A vague marker with no source ("reportedly", "it is said", "is
 * believed to") does not attribute the sentence; a vague source ("critics argue", "experts say")
 * does, since it names a class of sources; a concrete source in the same sentence wins over both.
 *
 * Carry-over: an attribution to a document or an outlet ("The Post reported Monday that ...",
 * "according to the report") carries to the next sentences of the same paragraph that have no
 * attribution of their own, at most BL_CARRY_MAX of them, and stops at a paragraph break, at a
 * sentence with a direct quote, at a sentence attributed to someone else, and at a sentence that
 * brings in an actor (a capitalized name or a person/organization entity) not named since the
 * origin. A sentence whose own source is an anaphoric "the report" or "it" after such an origin
 * is marked carried too. Attributions to people never carry.
 *
 * Cost: each sentence's tokens are read once, plus a bounded look at the carry window. */
#include <string.h>
#include <strings.h>

#include "../base/alloc.h"
#include "analyze.h"
#include "cues.h"

enum {
  BL_CARRY_MAX = 3,     /* sentences an attribution may carry to */
  BL_ACTOR_SLOTS = 512, /* capitalized words remembered per carry window (power of two) */
  BL_ACTOR_SCAN = 200,  /* tokens of one sentence read for actors */
};

typedef struct BlAttrCtx {
  const BlAnalysis *an;
  const BlToken *tok;
  const uint8_t *mask;
} BlAttrCtx;

static inline bool bl_attr__tok_is(const BlAttrCtx *c, uint32_t i, const char *lit)
{
  size_t n = strlen(lit);
  const BlToken *t = &c->tok[i];
  return t->end - t->start == n && strncasecmp(c->an->text + t->start, lit, n) == 0;
}

/* How strongly a cue attributes: speech or "according to" beats a document's verb beats a
 * belief beats a vague source ("critics argue") beats a vague marker with no source at all
 * ("reportedly"). Among speech cues, an anonymous source ranks first, so that "…, the Post
 * reported, …, multiple former officials told the Post" shows who the unnamed sources are. */
static int bl_attr__rank(const BlCueHit *h)
{
  if (h->src_begin >= h->src_end) return 1;
  if (h->vague) return 2;
  switch (h->cls) {
  case BL_CUE_SAY: return h->kind == BL_SRC_KIND_ANONYMOUS ? 6 : 5;
  case BL_CUE_SHOW: return 4;
  default: return 3;
  }
}

/* A URL ("https://", "www.") or a Markdown link ("](") among tokens [b, e). */
static bool bl_attr__link(const BlAttrCtx *c, uint32_t b, uint32_t e)
{
  for (uint32_t i = b; i + 1 < e; i++) {
    const BlToken *t = &c->tok[i], *n = &c->tok[i + 1];
    if (t->end != n->start) continue;
    char f = c->an->text[t->start];
    if (f != 'h' && f != 'H' && f != 'w' && f != 'W' && f != ']') continue;
    if (t->kind == BL_TOK_WORD && (bl_attr__tok_is(c, i, "http") || bl_attr__tok_is(c, i, "https")) &&
        bl_attr__tok_is(c, i + 1, ":"))
      return true;
    if (t->kind == BL_TOK_WORD && bl_attr__tok_is(c, i, "www") && bl_attr__tok_is(c, i + 1, ".")) return true;
    if (bl_attr__tok_is(c, i, "]") && bl_attr__tok_is(c, i + 1, "(")) return true;
  }
  return false;
}

/* A citation closing the sentence: "(Washington Post)", "[AP.]" — capitalized words in brackets
 * naming an outlet. */
static bool bl_attr__citation(const BlAttrCtx *c, uint32_t b, uint32_t e, BlSpan *src)
{
  uint32_t k = e;
  while (k > b && c->tok[k - 1].kind == BL_TOK_PUNCT && bl_attr__tok_is(c, k - 1, ".")) k--;
  if (k < b + 3) return false;
  bool paren = bl_attr__tok_is(c, k - 1, ")"), bracket = bl_attr__tok_is(c, k - 1, "]");
  if (!paren && !bracket) return false;
  uint32_t close = k - 1, o = close;
  while (o > b && close - o < 8 && !bl_attr__tok_is(c, o - 1, paren ? "(" : "[")) o--;
  if (o <= b || !bl_attr__tok_is(c, o - 1, paren ? "(" : "[") || o == close) return false;
  bool outlet = false;
  for (uint32_t i = o; i < close; i++) {
    const BlToken *t = &c->tok[i];
    if (t->kind == BL_TOK_PUNCT && (bl_attr__tok_is(c, i, ".") || bl_attr__tok_is(c, i, "&") ||
                                    bl_attr__tok_is(c, i, "-")))
      continue;
    if (t->kind != BL_TOK_WORD || !(t->flags & BL_TF_CAP)) return false;
    if (bl_word_lookup(c->an->text + t->start, t->end - t->start).cls & BL_W_OUTLET) outlet = true;
  }
  if (!outlet) {
    int32_t ent = bl_entity_overlapping(c->an, c->tok[o].start, c->tok[close - 1].end, 1u << BL_ENT_ORGANIZATION);
    outlet = ent >= 0 && c->an->entities.items.items[ent].subtype == BL_ORG_MEDIA;
  }
  if (!outlet) return false;
  src->start = c->tok[o].start;
  src->end = c->tok[close - 1].end;
  return true;
}

/* "Lynch: No outside influence on the inquiry", "Poll: Sanders leads in Iowa": a short name
 * opening the sentence, a colon, and the claim — the headline convention. Labels ("Q:", "Update:",
 * "Key Facts:") are not sources. Returns the name's tokens [*b, *e); *e is the colon. */
static bool bl_attr__colon_source(const BlAttrCtx *c, const BlSentence *s, uint32_t *b, uint32_t *e)
{
  static const char *const labels[] = {"q", "a", "note", "notes", "update", "updated", "correction", "editor",
                                       "related", "watch", "video", "photo", "photos", "read", "see", "also",
                                       "key", "facts", "fact", "number", "quote", "background", "transcript",
                                       "answer", "question", "warning", "summary", "recap", "live", "breaking",
                                       "exclusive", "opinion", "analysis", "tl", "dr", "ps", "p.s.", "example",
                                       "bottom", "line", "why", "what", "how", "when", "where", "who", "here"};
  uint32_t k = s->tok_begin, lim = s->tok_begin + 6 < s->tok_end ? s->tok_begin + 6 : s->tok_end;
  uint32_t colon = k;
  while (colon < lim && !(c->tok[colon].kind == BL_TOK_PUNCT && c->an->text[c->tok[colon].start] == ':')) colon++;
  if (colon >= lim) return false; /* the common case: no colon up front */
  while (k < lim && !bl_attr__tok_is(c, k, ":")) {
    const BlToken *t = &c->tok[k];
    if (c->mask[k]) return false;
    if (t->kind == BL_TOK_WORD) {
      if (k == s->tok_begin && !(t->flags & BL_TF_CAP)) return false;
      for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (bl_attr__tok_is(c, k, labels[i])) return false;
    } else if (!(t->kind == BL_TOK_PUNCT && (bl_attr__tok_is(c, k, ".") || bl_attr__tok_is(c, k, "/")))) {
      return false;
    }
    k++;
  }
  if (k >= lim || k == s->tok_begin || k + 1 >= s->tok_end) return false;
  const BlToken *nt = &c->tok[k + 1];
  if (!((nt->kind == BL_TOK_WORD && (nt->flags & BL_TF_CAP)) || nt->kind == BL_TOK_NUMBER || c->mask[k + 1])) return false;
  BlSourceKind kind = bl_source_classify(c->an, s->tok_begin, k, NULL, NULL);
  if (kind != BL_SRC_KIND_NAMED && kind != BL_SRC_KIND_OUTLET && kind != BL_SRC_KIND_DOCUMENT &&
      kind != BL_SRC_KIND_ANONYMOUS)
    return false;
  *b = s->tok_begin;
  *e = k;
  return true;
}

static BlSpan bl_attr__span(const BlAttrCtx *c, uint32_t b, uint32_t e)
{
  BlSpan s = {0, 0};
  if (b < e) {
    s.start = c->tok[b].start;
    s.end = c->tok[e - 1].end;
  }
  return s;
}

/* One sentence on its own: quotes, cues, links. Returns the source kind of its attribution. */
static BlSourceKind bl_attr__sentence(const BlAttrCtx *c, const BlSentence *s, size_t *qi, BlSentenceInfo *info)
{
  const BlAnalysis *an = c->an;
  const BlQuote *qs = an->quotes.items;
  size_t nq = an->quotes.len;
  /* quotes: the share of the sentence inside quotes that have a speaker */
  while (*qi < nq && qs[*qi].span.end <= s->start) (*qi)++;
  uint32_t covered = 0, best_ov = 0;
  const BlQuote *bq = NULL;
  bool own_cue = false; /* a quote whose speaker's cue is in this sentence: "X boomed: “…”" */
  for (size_t k = *qi; k < nq && qs[k].span.start < s->end; k++) {
    uint32_t a = qs[k].content.start > s->start ? qs[k].content.start : s->start;
    uint32_t b = qs[k].content.end < s->end ? qs[k].content.end : s->end;
    if (b <= a || qs[k].how == BL_SPEAKER_NONE) continue;
    covered += b - a;
    if (b - a > best_ov) {
      best_ov = b - a;
      bq = &qs[k];
    }
    if (qs[k].how == BL_SPEAKER_CUE && qs[k].cue.start >= s->start && qs[k].cue.end <= s->end &&
        !(qs[k].flags & BL_QF_PARTIAL))
      own_cue = true;
  }
  if (bq && (2 * covered >= s->end - s->start || own_cue)) {
    info->attributed = true;
    info->how = BL_ATTR_QUOTE;
    info->cue = bq->cue;
    info->source = bq->speaker;
    info->source_entity = bq->speaker_entity;
    uint32_t sb, se;
    if (bq->speaker.start >= s->start && bq->speaker.end <= s->end) { /* most often: look inside the sentence */
      sb = s->tok_begin;
      while (sb < s->tok_end && c->tok[sb].start < bq->speaker.start) sb++;
      se = sb;
      while (se < s->tok_end && c->tok[se].start < bq->speaker.end) se++;
    } else {
      sb = bl_token_at_or_after(an, bq->speaker.start);
      se = bl_token_at_or_after(an, bq->speaker.end);
    }
    BlSourceKind k = bl_source_classify(an, sb, se, NULL, NULL);
    info->anonymous = k == BL_SRC_KIND_ANONYMOUS;
    return k;
  }
  /* cues outside quotes: the strongest, then the first */
  BlCueHit best;
  memset(&best, 0, sizeof best);
  int best_rank = 0;
  for (uint32_t i = bl_cue_next(an, s->tok_begin, s->tok_end, c->mask); i < s->tok_end;
       i = bl_cue_next(an, i + 1, s->tok_end, c->mask)) {
    BlCueHit h;
    if (!bl_cue_at(an, i, s->tok_begin, s->tok_end, c->mask, &h)) continue;
    int r = bl_attr__rank(&h);
    if (r > best_rank) {
      best = h;
      best_rank = r;
    }
    if (r == 6) break;
  }
  if (best_rank > 1) {
    info->attributed = true;
    info->how = BL_ATTR_CUE;
    info->vague = best.vague;
    info->cue = bl_attr__span(c, best.cue_begin, best.cue_end);
    info->source = bl_attr__span(c, best.src_begin, best.src_end);
    info->source_entity = best.entity;
    info->anonymous = best.kind == BL_SRC_KIND_ANONYMOUS;
    return (BlSourceKind)best.kind;
  }
  BlSpan cite;
  if (bl_attr__link(c, s->tok_begin, s->tok_end) || bl_attr__citation(c, s->tok_begin, s->tok_end, &cite)) {
    info->attributed = true;
    info->how = BL_ATTR_LINK;
    if (bl_attr__citation(c, s->tok_begin, s->tok_end, &cite)) {
      info->source = cite;
      return BL_SRC_KIND_OUTLET;
    }
    return BL_SRC_KIND_NONE;
  }
  uint32_t cb, ce;
  if (bl_attr__colon_source(c, s, &cb, &ce)) {
    info->attributed = true;
    info->how = BL_ATTR_CUE;
    info->cue = bl_attr__span(c, ce, ce + 1);
    info->source = bl_attr__span(c, cb, ce);
    BlSourceKind k = bl_source_classify(an, cb, ce, NULL, &info->source_entity);
    info->anonymous = k == BL_SRC_KIND_ANONYMOUS;
    return k;
  }
  if (best_rank == 1) {
    info->vague = true;
    info->cue = bl_attr__span(c, best.cue_begin, best.cue_end);
    info->source = bl_attr__span(c, best.src_begin, best.src_end);
  }
  return BL_SRC_KIND_NONE;
}

/* ---------------------------------------------------------------- carry-over */

/* "The Ledger reported": an organization's name ("the" and a capitalized word) as the source of
 * "report", the verb of news outlets — an outlet the lexicon and the entities may not know. */
static bool bl_attr__reporter(const BlAttrCtx *c, const BlSentenceInfo *info)
{
  const char *t = c->an->text;
  if (info->how != BL_ATTR_CUE || info->cue.end - info->cue.start < 6 || info->source.end - info->source.start < 5)
    return false;
  if (strncasecmp(t + info->cue.start, "report", 6) != 0) return false;
  return strncasecmp(t + info->source.start, "the ", 4) == 0 && t[info->source.start + 4] >= 'A' &&
         t[info->source.start + 4] <= 'Z';
}

/* The capitalized words of a carry window, as hashes in a small open-addressing set. */
typedef struct BlActors {
  uint32_t slot[BL_ACTOR_SLOTS];
  uint32_t n;
} BlActors;

static uint32_t bl_attr__hash(const char *s, size_t n)
{
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
  return h | 1; /* 0 is an empty slot */
}

static bool bl_actors__has(const BlActors *a, uint32_t h)
{
  for (uint32_t k = h & (BL_ACTOR_SLOTS - 1);; k = (k + 1) & (BL_ACTOR_SLOTS - 1)) {
    if (a->slot[k] == h) return true;
    if (!a->slot[k]) return false;
  }
}

static void bl_actors__add(BlActors *a, uint32_t h)
{
  if (a->n >= BL_ACTOR_SLOTS / 2) return; /* full: later names count as new, which stops a carry */
  uint32_t k = h & (BL_ACTOR_SLOTS - 1);
  while (a->slot[k] && a->slot[k] != h) k = (k + 1) & (BL_ACTOR_SLOTS - 1);
  if (!a->slot[k]) {
    a->slot[k] = h;
    a->n++;
  }
}

/* Whether token i names an actor: a capitalized word that is no function word or time, and at the
 * start of its sentence only when an entity covers it, it is an acronym, or a name goes on. */
static bool bl_attr__actor_word(const BlAttrCtx *c, const BlSentence *s, uint32_t i)
{
  const BlToken *t = &c->tok[i];
  if (t->kind != BL_TOK_WORD || !(t->flags & BL_TF_CAP) || c->mask[i]) return false;
  BlWord w = bl_word_lookup(c->an->text + t->start, t->end - t->start);
  if (w.cls & (BL_W_NOT_ACTOR | BL_W_TIME | BL_W_DET | BL_W_PRON | BL_W_LEAD | BL_W_PREP | BL_W_CLAUSE)) return false;
  if (i == s->tok_begin) {
    if (t->flags & BL_TF_ALLCAPS) return true;
    if (i + 1 < s->tok_end && c->tok[i + 1].kind == BL_TOK_WORD && (c->tok[i + 1].flags & BL_TF_CAP)) return true;
    return bl_entity_overlapping(c->an, t->start, t->end,
                                 1u << BL_ENT_PERSON | 1u << BL_ENT_ORGANIZATION | 1u << BL_ENT_PLACE) >= 0;
  }
  return true;
}

static void bl_attr__remember(const BlAttrCtx *c, const BlSentence *s, BlActors *a)
{
  for (uint32_t i = s->tok_begin; i < s->tok_end && i - s->tok_begin < BL_ACTOR_SCAN; i++) {
    const BlToken *t = &c->tok[i];
    if (t->kind == BL_TOK_WORD && (t->flags & BL_TF_CAP)) bl_actors__add(a, bl_attr__hash(c->an->text + t->start, t->end - t->start));
  }
}

static bool bl_attr__new_actor(const BlAttrCtx *c, const BlSentence *s, const BlActors *a)
{
  for (uint32_t i = s->tok_begin; i < s->tok_end && i - s->tok_begin < BL_ACTOR_SCAN; i++) {
    if (!bl_attr__actor_word(c, s, i)) continue;
    const BlToken *t = &c->tok[i];
    if (!bl_actors__has(a, bl_attr__hash(c->an->text + t->start, t->end - t->start))) return true;
  }
  return false;
}

static bool bl_attr__has_quote(const BlAttrCtx *c, const BlSentence *s)
{
  for (uint32_t i = s->tok_begin; i < s->tok_end; i++)
    if (c->mask[i]) return true;
  return false;
}

void bl_attribute_sentences(const BlAnalysis *an, BlSentenceInfos *out)
{
  size_t n = an->tokens.sentences.len;
  bl_vec_reserve(out, n);
  uint8_t *mask = bl_quote_token_mask(an, an->quotes.items, an->quotes.len);
  BlAttrCtx c = {an, an->tokens.tokens.items, mask};
  const BlSentence *ss = an->tokens.sentences.items;
  size_t qi = 0;
  int32_t origin = -1; /* the sentence whose attribution may carry */
  BlActors *actors = bl_calloc(1, sizeof *actors);
  for (size_t si = 0; si < n; si++) {
    const BlSentence *s = &ss[si];
    BlSentenceInfo info;
    memset(&info, 0, sizeof info);
    info.source_entity = -1;
    info.carried_from = -1;
    BlSourceKind kind = bl_attr__sentence(&c, s, &qi, &info);
    if (origin >= 0 && ss[origin].block != s->block) origin = -1;
    bool doc = kind == BL_SRC_KIND_DOCUMENT || kind == BL_SRC_KIND_OUTLET ||
               (kind == BL_SRC_KIND_NAMED && bl_attr__reporter(&c, &info));
    if (info.attributed) {
      /* "The report also found ...", "It added ..." after a document's attribution: carried */
      bool anaphor = info.how == BL_ATTR_CUE && origin >= 0 &&
                     ((kind == BL_SRC_KIND_DOCUMENT && info.source.end > info.source.start &&
                       strncasecmp(an->text + info.source.start, "the ", 4) == 0) ||
                      (kind == BL_SRC_KIND_PRONOUN && info.source.end - info.source.start == 2 &&
                       strncasecmp(an->text + info.source.start, "it", 2) == 0));
      if (anaphor) {
        info.how = BL_ATTR_CARRIED;
        info.carried_from = origin;
        if (info.source_entity < 0) info.source_entity = out->items[origin].source_entity;
        bl_attr__remember(&c, s, actors);
      } else if (info.how == BL_ATTR_CUE && doc) {
        origin = (int32_t)si;
        memset(actors, 0, sizeof *actors);
        bl_attr__remember(&c, s, actors);
      } else {
        origin = -1;
      }
    } else if (origin >= 0 && si - (size_t)origin <= BL_CARRY_MAX && !bl_attr__has_quote(&c, s) &&
               !bl_attr__new_actor(&c, s, actors)) {
      const BlSentenceInfo *o = &out->items[origin];
      info.attributed = true;
      info.how = BL_ATTR_CARRIED;
      info.carried_from = origin;
      info.vague = false;
      info.cue = o->cue;
      info.source = o->source;
      info.source_entity = o->source_entity;
      info.anonymous = o->anonymous;
      bl_attr__remember(&c, s, actors);
    } else {
      origin = -1;
    }
    bl_vec_push(out, info);
  }
  bl_free(actors);
  bl_free(mask);
}
