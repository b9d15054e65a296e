/* quotes.c: direct quotes and their speakers (see claims.h; the rules, with examples, are in
 * docs/attribution.md).
 *
 * Marks: curly “ ” and „, guillemets « », straight " and its typewriter spellings '' and ``.
 * Single quotes (‘ ’ ') never open a quote: ’ is far more often an apostrophe ("Japan’s",
 * "don’t"), and nested single quotes live inside a double quote anyway. A straight " right
 * after a digit is an inch mark (a 12" pipe) unless a straight quote is open, and a straight "
 * right after '=' is an attribute value (<a href="...">), skipped with its closing mark.
 *
 * A quote never crosses a block. One still open at the end of a paragraph continues into the next
 * when that one opens with a quotation mark (the news convention for a quote of several
 * paragraphs): that part gets BL_QF_CONTINUES and the next part opens the next BlQuote;
 * otherwise it is BL_QF_UNCLOSED and ends with its paragraph.
 *
 * Speakers come from a cue (cues.h) next to the quote: after it for a full quote (“…,” she said),
 * before it for a partial one and for "X said: “…”", then the other side; the parts of a
 * multi-paragraph quote take the speaker of the part that closes. A pronoun or a definite
 * description ("she", "the company") is resolved back to the nearest earlier speaker, cue source
 * or entity that fits, at most BL_Q_REACH bytes back. Everything is linear in the text: each
 * quote looks at a bounded number of tokens and earlier sentences. */
#include <string.h>
#include <strings.h>

#include "../base/alloc.h"
#include "analyze.h"
#include "cues.h"

enum {
  BL_Q_AFTER_TOKENS = 30, /* how far after a quote its cue may be */
  BL_Q_BEFORE_TOKENS = 40, /* how far before a quote its cue may be (bounds the work of a long sentence) */
  BL_Q_BACK_QUOTES = 32,  /* earlier quotes a pronoun may look at */
  BL_Q_REACH = 2000,      /* bytes back a pronoun may look for its antecedent */
  BL_Q_BACK_SENTENCES = 6 /* sentences back scanned for earlier sources */
};

typedef enum { BL_QM_NONE, BL_QM_OPEN, BL_QM_CLOSE, BL_QM_STRAIGHT } BlQMark;

/* The mark at s[i] (bytes up to end), its length in *n. */
static BlQMark bl_q__mark(const uint8_t *s, size_t i, size_t end, size_t *n)
{
  uint8_t b = s[i];
  *n = 1;
  if (b == '"') return BL_QM_STRAIGHT;
  if (b == '\'' && i + 1 < end && s[i + 1] == '\'') {
    *n = 2;
    return BL_QM_STRAIGHT;
  }
  if (b == '`' && i + 1 < end && s[i + 1] == '`') {
    *n = 2;
    return BL_QM_OPEN;
  }
  if (b == 0xE2 && i + 2 < end && s[i + 1] == 0x80) {
    *n = 3;
    if (s[i + 2] == 0x9C || s[i + 2] == 0x9E) return BL_QM_OPEN; /* “ „ */
    if (s[i + 2] == 0x9D) return BL_QM_CLOSE;                    /* ” */
    return BL_QM_NONE;
  }
  if (b == 0xC2 && i + 1 < end) {
    *n = 2;
    if (s[i + 1] == 0xAB) return BL_QM_OPEN;  /* « */
    if (s[i + 1] == 0xBB) return BL_QM_CLOSE; /* » */
  }
  return BL_QM_NONE;
}

static bool bl_q__space(uint8_t b)
{
  return b == ' ' || b == '\t' || b == '\n' || b == '\r';
}

/* Whether a block begins (after spaces and a block-quote or list marker) with an opening mark. */
static bool bl_q__opens_with_quote(const BlArticle *a, const BlBlock *b)
{
  if (b->kind != BL_BLOCK_PARAGRAPH && b->kind != BL_BLOCK_QUOTE && b->kind != BL_BLOCK_LIST_ITEM) return false;
  const uint8_t *s = (const uint8_t *)a->text;
  size_t i = b->start;
  while (i < b->end && (bl_q__space(s[i]) || s[i] == '>')) i++;
  if (i >= b->end) return false;
  size_t n;
  BlQMark m = bl_q__mark(s, i, b->end, &n);
  return m == BL_QM_OPEN || m == BL_QM_STRAIGHT;
}

static uint32_t bl_q__trim_end(const uint8_t *s, size_t start, size_t end)
{
  while (end > start && bl_q__space(s[end - 1])) end--;
  return (uint32_t)end;
}

typedef BlVec(int32_t) BlQLinks;

static void bl_q__push(BlQuotes *out, BlQLinks *prev, uint32_t open_at, uint32_t open_len, uint32_t close_at,
                       uint32_t close_len, uint8_t flags, int32_t prev_part)
{
  BlQuote q;
  memset(&q, 0, sizeof q);
  q.span.start = open_at;
  q.span.end = close_at + close_len;
  q.content.start = open_at + open_len;
  q.content.end = close_at;
  if (q.content.end < q.content.start) q.content.end = q.content.start;
  q.flags = flags;
  q.how = BL_SPEAKER_NONE;
  q.speaker_entity = -1;
  q.resolved_from = -1;
  bl_vec_push(out, q);
  bl_vec_push(prev, prev_part);
}

/* Finds the quotation marks of every block; prev[i] is the part a quote continues, or -1. Marks
 * are punctuation tokens, so only those are read (a few per sentence), block by block through
 * the sentences. */
static void bl_q__scan(const BlArticle *a, const BlTokens *tk, BlQuotes *out, BlQLinks *prev)
{
  const uint8_t *s = (const uint8_t *)a->text;
  const BlSentence *ss = tk->sentences.items;
  const BlToken *tok = tk->tokens.items;
  size_t ns = tk->sentences.len;
  int32_t carry = -1;              /* the part left open at the end of the previous paragraph */
  size_t carry_block = SIZE_MAX;   /* the block it continues into */
  for (size_t si = 0; si < ns;) {
    size_t bi = ss[si].block;
    uint32_t tb = ss[si].tok_begin;
    while (si < ns && ss[si].block == bi) si++;
    uint32_t te = ss[si - 1].tok_end;
    if (bi >= a->blocks.len) break;
    const BlBlock *b = &a->blocks.items[bi];
    bool open = false, open_straight = false;
    size_t open_at = 0, open_len = 0, done = 0;
    int32_t link = bi == carry_block ? carry : -1;
    carry = -1;
    carry_block = SIZE_MAX;
    for (uint32_t t = tb; t < te; t++) {
      if (tok[t].kind != BL_TOK_PUNCT || tok[t].start < done) continue;
      size_t i = tok[t].start;
      uint8_t c = s[i];
      if (c != '"' && c != '\'' && c != '`' && c != 0xE2 && c != 0xC2) continue;
      size_t n;
      BlQMark m = bl_q__mark(s, i, b->end, &n);
      if (m == BL_QM_NONE) continue;
      done = i + n;
      uint8_t before = i > b->start ? s[i - 1] : ' ';
      uint8_t after = i + n < b->end ? s[i + n] : ' ';
      if (m == BL_QM_STRAIGHT) {
        if (before == '=' && !open) { /* an attribute value: skip to its closing mark */
          size_t k = i + n;
          while (k < b->end && s[k] != '"' && s[k] != '\n') k++;
          if (k < b->end && s[k] == '"') done = k + 1;
          continue;
        }
        bool after_digit = before >= '0' && before <= '9';
        if (open && open_straight) m = BL_QM_CLOSE; /* inside straight quotes even 12" closes */
        else if (after_digit) m = BL_QM_NONE;       /* an inch mark */
        else m = open ? BL_QM_CLOSE : BL_QM_OPEN;
      } else if (m == BL_QM_CLOSE && !open) {
        /* a closing mark where a quote opens ("” We ...", a typesetting slip) */
        m = (bl_q__space(before) && !bl_q__space(after) && after != ',' && after != '.') ? BL_QM_OPEN : BL_QM_NONE;
      } else if (m == BL_QM_OPEN && open && !bl_q__space(before) && (bl_q__space(after) || after == ',' || after == '.')) {
        m = BL_QM_CLOSE; /* an opening mark where the quote closes */
      }
      if (m == BL_QM_OPEN) {
        if (open) { /* a new quote opens before the last one closed */
          bl_q__push(out, prev, (uint32_t)open_at, (uint32_t)open_len, bl_q__trim_end(s, open_at, i), 0,
                     BL_QF_UNCLOSED, link);
          link = -1;
        }
        if (i + n >= b->end) break; /* a mark that ends the paragraph opens nothing */
        open = true;
        open_straight = c == '"' || c == '\'';
        open_at = i;
        open_len = n;
      } else if (m == BL_QM_CLOSE && open) {
        bl_q__push(out, prev, (uint32_t)open_at, (uint32_t)open_len, (uint32_t)i, (uint32_t)n, 0, link);
        link = -1;
        open = false;
      }
    }
    if (open) {
      size_t nb = bi + 1;
      while (nb < a->blocks.len && a->blocks.items[nb].kind == BL_BLOCK_COMMENT) nb++;
      bool continues = nb < a->blocks.len && bl_q__opens_with_quote(a, &a->blocks.items[nb]);
      bl_q__push(out, prev, (uint32_t)open_at, (uint32_t)open_len, bl_q__trim_end(s, open_at, b->end), 0,
                 continues ? BL_QF_CONTINUES : BL_QF_UNCLOSED, link);
      if (continues) {
        carry = (int32_t)(out->len - 1);
        carry_block = nb;
      }
    }
  }
}

/* ---------------------------------------------------------------- speakers */

/* An earlier mention a pronoun or description may refer to. */
typedef struct BlQCand {
  uint32_t start, end;
  uint8_t kind;   /* BlSourceKind */
  int32_t entity; /* -1 when none */
  int32_t quote;  /* the quote whose speaker it is, else -1 */
} BlQCand;

typedef BlVec(BlQCand) BlQCands;

enum { BL_Q_SENT_CANDS = 3 }; /* cue sources remembered per sentence */

typedef struct BlQSentCands {
  uint8_t done, n;
  BlQCand c[BL_Q_SENT_CANDS];
} BlQSentCands;

typedef struct BlQToks {
  uint32_t open, after;     /* the opening mark's token, the first token after the quote */
  uint32_t spk_b, spk_e;    /* the speaker's tokens, when it has one */
} BlQToks;

typedef struct BlQCtx {
  const BlAnalysis *an;
  BlQuotes *quotes;
  const uint8_t *mask; /* tokens inside quotes */
  const BlToken *tok;
  size_t ntok;
  BlQToks *qt;         /* per quote */
  BlQSentCands *sent;  /* per sentence, filled on demand */
} BlQCtx;

static uint32_t bl_q__sentence_of(const BlAnalysis *an, uint32_t tok)
{
  const BlSentence *s = an->tokens.sentences.items;
  size_t lo = 0, hi = an->tokens.sentences.len;
  while (lo < hi) { /* last sentence with tok_begin <= tok */
    size_t mid = (lo + hi) / 2;
    if (s[mid].tok_begin <= tok) lo = mid + 1;
    else hi = mid;
  }
  return lo ? (uint32_t)(lo - 1) : 0;
}

static inline bool bl_q__tok_is(const BlQCtx *c, uint32_t i, const char *lit)
{
  size_t n = strlen(lit);
  const BlToken *t = &c->tok[i];
  return t->end - t->start == n && memcmp(c->an->text + t->start, lit, n) == 0;
}

/* A cue that can name a quote's speaker: speech, or a document's words; a belief ("he thinks")
 * next to a quote is rarely who said it. */
static bool bl_q__usable(const BlCueHit *h)
{
  return h->src_begin < h->src_end && h->kind != BL_SRC_KIND_NONE && h->cls != BL_CUE_THINK;
}

/* The nearest cue with a source in tokens [lo, hi), scanning forward (first) or backward; a
 * speech cue wins over a document's verb further in ("The utility said it found “…”"). */
static bool bl_q__find_cue(const BlQCtx *c, uint32_t lo, uint32_t hi, bool forward, BlCueHit *out)
{
  if (lo >= hi) return false;
  bool have_say = false, have_other = false;
  BlCueHit other;
  for (uint32_t k = bl_cue_next(c->an, lo, hi, c->mask); k < hi; k = bl_cue_next(c->an, k + 1, hi, c->mask)) {
    BlCueHit h;
    if (!bl_cue_at(c->an, k, lo, hi, c->mask, &h) || !bl_q__usable(&h)) continue;
    if (h.cls == BL_CUE_SAY) {
      if (forward) { /* the first speech cue after the quote */
        *out = h;
        return true;
      }
      *out = h; /* before the quote: the last one, the nearest */
      have_say = true;
    } else if (forward ? !have_other : true) {
      other = h;
      have_other = true;
    }
  }
  if (have_say) return true;
  if (have_other) *out = other;
  return have_other;
}

static void bl_q__set_speaker(const BlQCtx *c, uint32_t qi, const BlCueHit *h)
{
  BlQuote *q = &c->quotes->items[qi];
  c->qt[qi].spk_b = h->src_begin;
  c->qt[qi].spk_e = h->src_end;
  q->how = BL_SPEAKER_CUE;
  q->speaker.start = c->tok[h->src_begin].start;
  q->speaker.end = c->tok[h->src_end - 1].end;
  q->cue.start = c->tok[h->cue_begin].start;
  q->cue.end = c->tok[h->cue_end - 1].end;
  q->speaker_entity = h->entity;
}

/* The window after a quote: to the end of the sentence that holds the token after it (the
 * splitter's sentence, so "Rep." or "(D-Wis.)" do not end it), the next quote, or
 * BL_Q_AFTER_TOKENS tokens. */
static uint32_t bl_q__after_end(const BlQCtx *c, uint32_t after, uint32_t block)
{
  const BlSentence *s = &c->an->tokens.sentences.items[bl_q__sentence_of(c->an, after)];
  if (s->block != block) return after;
  uint32_t end = s->tok_end < after + BL_Q_AFTER_TOKENS ? s->tok_end : after + BL_Q_AFTER_TOKENS;
  uint32_t k = after;
  while (k < end && !c->mask[k]) k++;
  return k;
}

/* "“…” ― Sonya Herridge": a dash after the quote, then a name. */
static bool bl_q__dash_speaker(const BlQCtx *c, uint32_t after, uint32_t hi, BlCueHit *hit)
{
  if (after + 1 >= hi || c->tok[after].kind != BL_TOK_PUNCT) return false;
  const BlToken *t = &c->tok[after];
  const char *p = c->an->text + t->start;
  size_t n = t->end - t->start;
  bool dash = (n == 3 && p[0] == '\xE2' && p[1] == '\x80' && (p[2] == '\x94' || p[2] == '\x95' || p[2] == '\x93')) ||
              (n <= 2 && p[0] == '-');
  if (!dash || !(c->tok[after + 1].flags & BL_TF_CAP)) return false;
  uint32_t e = after + 1;
  while (e < hi && e < after + 8 && c->tok[e].kind == BL_TOK_WORD && (c->tok[e].flags & BL_TF_CAP)) e++;
  if (e < hi && c->tok[e].kind == BL_TOK_WORD) return false; /* a clause goes on: not a signature */
  memset(hit, 0, sizeof *hit);
  hit->cue_begin = after;
  hit->cue_end = after + 1;
  hit->src_begin = after + 1;
  hit->src_end = e;
  hit->cls = BL_CUE_SAY;
  hit->kind = (uint8_t)bl_source_classify(c->an, after + 1, e, &hit->definite, &hit->entity);
  return true;
}

/* The speaker through a cue beside quote q (index qi); false when none. */
static bool bl_q__cue_speaker(const BlQCtx *c, uint32_t qi, BlCueHit *hit)
{
  const BlQuote *q = &c->quotes->items[qi];
  uint32_t open = c->qt[qi].open, after = c->qt[qi].after;
  if (open >= c->ntok) return false;
  uint32_t si = bl_q__sentence_of(c->an, open);
  const BlSentence *s = &c->an->tokens.sentences.items[si];
  const char *text = c->an->text;
  /* after: only when the quote does not end its sentence with a period ("…,” she said) */
  bool after_ok = false;
  uint32_t after_hi = after;
  if (!(q->flags & (BL_QF_CONTINUES | BL_QF_UNCLOSED)) && after < c->ntok) {
    uint32_t e = q->content.end;
    while (e > q->content.start && bl_q__space((uint8_t)text[e - 1])) e--;
    bool period = e > q->content.start && text[e - 1] == '.';
    const BlToken *nt = &c->tok[after];
    bool lower_next = nt->kind == BL_TOK_WORD && !(nt->flags & BL_TF_CAP);
    after_ok = !period || lower_next;
    if (after_ok) after_hi = bl_q__after_end(c, after, s->block);
  }
  uint32_t before_lo = open > s->tok_begin + BL_Q_BEFORE_TOKENS ? open - BL_Q_BEFORE_TOKENS : s->tok_begin;
  bool partial = (q->flags & BL_QF_PARTIAL) != 0;
  if (partial) {
    if (bl_q__find_cue(c, before_lo, open, false, hit)) return true;
    if (after_ok && bl_q__find_cue(c, after, after_hi, true, hit)) return true;
  } else {
    if (after_ok && bl_q__find_cue(c, after, after_hi, true, hit)) return true;
    if (bl_q__find_cue(c, before_lo, open, false, hit)) return true;
  }
  if (!(q->flags & (BL_QF_CONTINUES | BL_QF_UNCLOSED)) && after < c->ntok &&
      bl_q__dash_speaker(c, after, bl_q__after_end(c, after, s->block), hit))
    return true;
  /* "Trump leaned in and boomed: “…”": a verb the lexicon does not know, before a colon */
  if (open >= before_lo + 2 && bl_q__tok_is(c, open - 1, ":") &&
      bl_cue_unknown_verb(c->an, open - 2, before_lo, open, c->mask, hit) && bl_q__usable(hit))
    return true;
  if (after_ok) /* "…,” Oliver barked." */
    for (uint32_t k = after + 1; k < after_hi && k <= after + 4; k++)
      if (bl_cue_unknown_verb(c->an, k, after, after_hi, c->mask, hit) && bl_q__usable(hit)) return true;
  /* "Cruz: “…”": a short name right before a colon that opens the quote */
  if (open > before_lo + 1 && bl_q__tok_is(c, open - 1, ":")) {
    uint32_t e = open - 1, b = e;
    while (b > before_lo && e - b < 5 && c->tok[b - 1].kind == BL_TOK_WORD && !c->mask[b - 1]) b--;
    bool named = false;
    for (uint32_t k = b; k < e; k++)
      if (c->tok[k].flags & BL_TF_CAP) named = true;
    bool start = b == s->tok_begin || (b > s->tok_begin && c->tok[b - 1].kind == BL_TOK_PUNCT && !bl_q__tok_is(c, b - 1, ","));
    if (start && b < e && named) {
      memset(hit, 0, sizeof *hit);
      hit->cue_begin = e;
      hit->cue_end = e + 1;
      hit->src_begin = b;
      hit->src_end = e;
      hit->cls = BL_CUE_SAY;
      hit->kind = (uint8_t)bl_source_classify(c->an, b, e, &hit->definite, &hit->entity);
      return hit->kind != BL_SRC_KIND_OTHER;
    }
  }
  /* "Smith said:" ending the sentence (or paragraph) before a quote that opens its own */
  if (open == s->tok_begin && si > 0) {
    const BlSentence *p = &c->an->tokens.sentences.items[si - 1];
    if (p->tok_end > p->tok_begin && bl_q__tok_is(c, p->tok_end - 1, ":") && p->block + 2 >= s->block)
      if (bl_q__find_cue(c, p->tok_end - 1 > p->tok_begin + BL_Q_BEFORE_TOKENS ? p->tok_end - 1 - BL_Q_BEFORE_TOKENS : p->tok_begin,
                         p->tok_end - 1, false, hit))
        return true;
  }
  return false;
}


static bool bl_q__is_word(const BlAnalysis *an, BlSpan sp, const char *w)
{
  size_t n = strlen(w);
  if (sp.end - sp.start != n) return false;
  for (size_t i = 0; i < n; i++) {
    char a = an->text[sp.start + i];
    if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
    if (a != w[i]) return false;
  }
  return true;
}

/* Whether a name ends with a word of organizations ("Northwind Power Company", "Acme Corp."). */
static bool bl_q__org_name(const BlAnalysis *an, const BlQCand *cand)
{
  uint32_t e = cand->end;
  while (e > cand->start && (an->text[e - 1] == '.' || an->text[e - 1] == ')')) e--;
  uint32_t b = e;
  while (b > cand->start && an->text[b - 1] != ' ') b--;
  if (b >= e || !(an->text[b] >= 'A' && an->text[b] <= 'Z')) return false;
  return (bl_word_lookup(an->text + b, e - b).cls & BL_W_ORG_DESC) != 0;
}

/* "the director" refers back only to someone introduced as a director: the role's head word must
 * appear in the candidate, in its entity's role, or right after it ("Ana Ruiz, the city's budget
 * director"). Otherwise "the base chief known as Bob" would take the last person quoted. */
static bool bl_q__mentions_role(const BlAnalysis *an, const BlQCand *cand, BlSpan mention)
{
  uint32_t hb = mention.end;
  while (hb > mention.start && an->text[hb - 1] != ' ') hb--;
  size_t hn = mention.end - hb;
  if (hn < 3) return false;
  const char *head = an->text + hb;
  uint32_t end = cand->end + 80 < mention.start ? cand->end + 80 : mention.start; /* never the mention itself */
  for (uint32_t k = cand->start; k + hn <= end; k++)
    if (strncasecmp(an->text + k, head, hn) == 0) return true;
  if (cand->entity >= 0) {
    const char *role = an->entities.items.items[cand->entity].role;
    if (role && strlen(role) >= hn)
      for (const char *r = role; r[hn - 1]; r++)
        if (strncasecmp(r, head, hn) == 0) return true;
  }
  return false;
}

/* Whether a candidate fits what the speaker mention asks for. A wrong entity kind misleads
 * this, so a name that ends like an organization counts as one whatever its entity says. */
static bool bl_q__fits(const BlAnalysis *an, const BlQCand *cand, BlSourceKind want, BlSpan mention)
{
  uint8_t ek = cand->entity >= 0 ? an->entities.items.items[cand->entity].kind : (uint8_t)BL_ENT_KIND_COUNT;
  bool org = ek == BL_ENT_ORGANIZATION || cand->kind == BL_SRC_KIND_ORG_DESC || cand->kind == BL_SRC_KIND_OUTLET ||
             cand->kind == BL_SRC_KIND_DOCUMENT || bl_q__org_name(an, cand);
  bool person = !org && (ek == BL_ENT_PERSON || ek == BL_ENT_OFFICIAL || cand->kind == BL_SRC_KIND_ANONYMOUS ||
                         cand->kind == BL_SRC_KIND_PERSON_DESC);
  bool named = cand->kind == BL_SRC_KIND_NAMED;
  switch (want) {
  case BL_SRC_KIND_PRONOUN:
    if (bl_q__is_word(an, mention, "it")) return org || (named && !person);
    if (bl_q__is_word(an, mention, "he") || bl_q__is_word(an, mention, "she")) return person || (named && !org);
    return cand->kind != BL_SRC_KIND_DOCUMENT; /* they, we */
  case BL_SRC_KIND_ORG_DESC:
    return (org && cand->kind != BL_SRC_KIND_DOCUMENT) || (named && !person);
  case BL_SRC_KIND_PERSON_DESC:
    return (person || (named && !org)) && bl_q__mentions_role(an, cand, mention);
  case BL_SRC_KIND_ANONYMOUS:
    return person || (named && !org);
  default:
    return false;
  }
}

/* The sources of cues in tokens [b, e) of sentence k, appended to out (at most max). */
static void bl_q__cands_in(const BlQCtx *c, uint32_t lo, uint32_t b, uint32_t e, BlQCand *out, uint8_t *n, uint8_t max)
{
  for (uint32_t t = bl_cue_next(c->an, b, e, c->mask); t < e && *n < max; t = bl_cue_next(c->an, t + 1, e, c->mask)) {
    BlCueHit h;
    if (!bl_cue_at(c->an, t, lo, e, c->mask, &h) || !bl_q__usable(&h)) continue;
    BlQCand cand = {c->tok[h.src_begin].start, c->tok[h.src_end - 1].end, h.kind, h.entity, -1};
    out[(*n)++] = cand;
  }
}

/* Collects the sources of cues in the sentences before token `before` (at most
 * BL_Q_BACK_SENTENCES, BL_Q_REACH bytes). A whole sentence is read once and remembered in
 * c->sent, so a run of quotes with pronouns costs no more than one pass. */
static void bl_q__sentence_cands(const BlQCtx *c, uint32_t before, BlQCands *out)
{
  uint32_t si = bl_q__sentence_of(c->an, before);
  const BlSentence *ss = c->an->tokens.sentences.items;
  uint32_t limit = c->tok[before].start > BL_Q_REACH ? c->tok[before].start - BL_Q_REACH : 0;
  uint32_t first = si >= BL_Q_BACK_SENTENCES ? si - BL_Q_BACK_SENTENCES : 0;
  for (uint32_t k = first; k <= si; k++) {
    if (ss[k].end < limit) continue;
    if (k < si) {
      BlQSentCands *sc = &c->sent[k];
      if (!sc->done) {
        bl_q__cands_in(c, ss[k].tok_begin, ss[k].tok_begin, ss[k].tok_end, sc->c, &sc->n, BL_Q_SENT_CANDS);
        sc->done = 1;
      }
      for (uint8_t j = 0; j < sc->n; j++) bl_vec_push(out, sc->c[j]);
    } else {
      BlQCand tmp[BL_Q_SENT_CANDS];
      uint8_t n = 0;
      uint32_t from = before > ss[k].tok_begin + BL_Q_BEFORE_TOKENS ? before - BL_Q_BEFORE_TOKENS : ss[k].tok_begin;
      bl_q__cands_in(c, from, from, before, tmp, &n, BL_Q_SENT_CANDS);
      for (uint8_t j = 0; j < n; j++) bl_vec_push(out, tmp[j]);
    }
  }
}

/* Resolves quote qi's speaker mention (a pronoun or a description) to an earlier one. */
static void bl_q__resolve(const BlQCtx *c, uint32_t qi, BlSourceKind want)
{
  BlQuote *q = &c->quotes->items[qi];
  const BlAnalysis *an = c->an;
  uint32_t limit = q->speaker.start > BL_Q_REACH ? q->speaker.start - BL_Q_REACH : 0;
  BlQCands cands = {0};
  /* earlier quotes' speakers */
  for (uint32_t k = qi, looked = 0; k-- > 0 && looked++ < BL_Q_BACK_QUOTES;) {
    const BlQuote *p = &c->quotes->items[k];
    if (p->span.end < limit) break;
    if (p->how == BL_SPEAKER_NONE || p->speaker.start >= q->speaker.start) continue;
    if (p->how == BL_SPEAKER_RESOLVED && p->antecedent.end > p->antecedent.start) continue; /* its antecedent is a candidate of its own */
    BlSpan sp = p->speaker;
    bool def;
    int32_t ent;
    BlQCand cand = {sp.start, sp.end, (uint8_t)bl_source_classify(an, c->qt[k].spk_b, c->qt[k].spk_e, &def, &ent),
                    ent, (int32_t)k};
    if (p->speaker_entity >= 0) cand.entity = p->speaker_entity;
    bl_vec_push(&cands, cand);
    if (cands.len >= 8) break;
  }
  /* sources of cues in the sentences before */
  uint32_t qtok = c->qt[qi].spk_b;
  if (qtok < c->ntok) bl_q__sentence_cands(c, qtok, &cands);
  /* entities before the mention */
  const BlEntity *ents = an->entities.items.items;
  size_t ne = an->entities.items.len;
  size_t lo = 0, hi = ne;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (ents[mid].start < q->speaker.start) lo = mid + 1;
    else hi = mid;
  }
  for (size_t k = lo, seen = 0, looked = 0; k-- > 0 && seen < 16 && looked++ < 64;) {
    if (ents[k].end < limit) break;
    if (ents[k].kind != BL_ENT_PERSON && ents[k].kind != BL_ENT_ORGANIZATION && ents[k].kind != BL_ENT_OFFICIAL) continue;
    seen++;
    uint8_t kind = ents[k].kind == BL_ENT_OFFICIAL && (ents[k].flags & BL_EF_ANONYMOUS) ? BL_SRC_KIND_ANONYMOUS
                   : ents[k].kind == BL_ENT_ORGANIZATION && ents[k].subtype == BL_ORG_MEDIA ? BL_SRC_KIND_OUTLET
                                                                                        : BL_SRC_KIND_NAMED;
    BlQCand cand = {ents[k].start, ents[k].end, kind, (int32_t)k, -1};
    bl_vec_push(&cands, cand);
  }
  /* the nearest that fits and is no pronoun itself */
  const BlQCand *best = NULL;
  for (size_t k = 0; k < cands.len; k++) {
    const BlQCand *cd = &cands.items[k];
    if (cd->kind == BL_SRC_KIND_PRONOUN || cd->kind == BL_SRC_KIND_VAGUE || cd->start >= q->speaker.start) continue;
    if (cd->start == q->speaker.start) continue;
    if (!bl_q__fits(an, cd, want, q->speaker)) continue;
    if (best && cd->start <= best->start) continue;
    if (cd->quote < 0) { /* a name inside a quote is what was said, not who said it */
      uint32_t et = bl_token_at_or_after(an, cd->start);
      if (et < c->ntok && c->mask[et]) continue;
    }
    best = cd;
  }
  if (best) {
    q->how = BL_SPEAKER_RESOLVED;
    q->antecedent.start = best->start;
    q->antecedent.end = best->end;
    q->resolved_from = best->quote;
    if (q->speaker_entity < 0) q->speaker_entity = best->entity;
  }
  bl_vec_free(&cands);
}

/* A quote with no cue of its own right after another quote or a cue of the same paragraph (or the
 * paragraph before): the news convention of a second quote by the same speaker. */
static void bl_q__standalone(const BlQCtx *c, uint32_t qi)
{
  BlQuote *q = &c->quotes->items[qi];
  uint32_t open = c->qt[qi].open;
  if (open >= c->ntok) return;
  uint32_t si = bl_q__sentence_of(c->an, open);
  const BlSentence *ss = c->an->tokens.sentences.items;
  if (ss[si].tok_begin != open || si == 0) return; /* only a quote that opens its sentence */
  const BlSentence *p = &ss[si - 1];
  if (p->block + 1 < ss[si].block) return;
  /* the previous sentence: a quote with a speaker, or a cue of speech with a named source */
  if (qi > 0) {
    const BlQuote *pq = &c->quotes->items[qi - 1];
    if (pq->how != BL_SPEAKER_NONE && pq->span.end > p->start && pq->span.start < p->end) {
      q->how = BL_SPEAKER_RESOLVED;
      q->speaker = pq->speaker;
      c->qt[qi].spk_b = c->qt[qi - 1].spk_b;
      c->qt[qi].spk_e = c->qt[qi - 1].spk_e;
      q->cue = pq->cue;
      q->antecedent = pq->how == BL_SPEAKER_RESOLVED && pq->antecedent.end > pq->antecedent.start ? pq->antecedent
                                                                                                  : pq->speaker;
      q->resolved_from = (int32_t)(qi - 1);
      q->speaker_entity = pq->speaker_entity;
      return;
    }
  }
  BlCueHit h;
  uint32_t plo = p->tok_end > p->tok_begin + BL_Q_BEFORE_TOKENS ? p->tok_end - BL_Q_BEFORE_TOKENS : p->tok_begin;
  if (bl_q__find_cue(c, plo, p->tok_end, false, &h) && h.cls == BL_CUE_SAY &&
      (h.kind == BL_SRC_KIND_NAMED || h.kind == BL_SRC_KIND_PRONOUN || h.kind == BL_SRC_KIND_ANONYMOUS ||
       h.kind == BL_SRC_KIND_PERSON_DESC || h.kind == BL_SRC_KIND_ORG_DESC)) {
    bl_q__set_speaker(c, qi, &h);
    q->how = BL_SPEAKER_RESOLVED;
    q->antecedent = q->speaker;
  }
}

/* Partial: a fragment inside the writer's sentence (called it “stealthy and targeted”): a word
 * comes right before it, and it starts lowercase or ends with no final mark. */
static void bl_q__partial(const BlQCtx *c, uint32_t qi)
{
  BlQuote *q = &c->quotes->items[qi];
  if (q->flags & (BL_QF_CONTINUES | BL_QF_UNCLOSED)) return;
  uint32_t open = c->qt[qi].open;
  if (open == 0 || open >= c->ntok) return;
  uint32_t si = bl_q__sentence_of(c->an, open);
  if (c->an->tokens.sentences.items[si].tok_begin == open) return;
  const BlToken *pt = &c->tok[open - 1];
  if (pt->kind != BL_TOK_WORD && pt->kind != BL_TOK_NUMBER) return;
  const char *text = c->an->text;
  uint32_t b = q->content.start, e = q->content.end;
  while (b < e && !((text[b] >= 'a' && text[b] <= 'z') || (text[b] >= 'A' && text[b] <= 'Z') ||
                    (unsigned char)text[b] >= 0x80 || (text[b] >= '0' && text[b] <= '9')))
    b++;
  while (e > b && bl_q__space((uint8_t)text[e - 1])) e--;
  bool lower = b < e && text[b] >= 'a' && text[b] <= 'z';
  bool final = e > b && (text[e - 1] == '.' || text[e - 1] == '?' || text[e - 1] == '!');
  if (lower || !final) q->flags |= BL_QF_PARTIAL;
}

void bl_find_quotes(const BlAnalysis *an, BlQuotes *out)
{
  BlQLinks prev = {0};
  bl_q__scan(&an->article, &an->tokens, out, &prev);
  if (out->len == 0 || an->tokens.tokens.len == 0 || an->tokens.sentences.len == 0) {
    bl_vec_free(&prev);
    return;
  }
  uint8_t *mask = bl_quote_token_mask(an, out->items, out->len);
  size_t n = out->len;
  BlQCtx c = {an, out, mask, an->tokens.tokens.items, an->tokens.tokens.len, bl_malloc(n * sizeof(BlQToks)),
              bl_calloc(an->tokens.sentences.len, sizeof(BlQSentCands))};
  for (size_t i = 0, k = 0, a = 0; i < n; i++) { /* quotes and tokens are both sorted: one merge */
    while (k < c.ntok && c.tok[k].start < out->items[i].span.start) k++;
    if (a < k) a = k;
    while (a < c.ntok && c.tok[a].start < out->items[i].span.end) a++;
    c.qt[i].open = (uint32_t)k;
    c.qt[i].after = (uint32_t)a;
    c.qt[i].spk_b = c.qt[i].spk_e = 0;
  }
  /* the last part of each chain */
  int32_t *last = bl_malloc(n * sizeof *last);
  for (size_t i = n; i-- > 0;) last[i] = (int32_t)i;
  for (size_t i = n; i-- > 0;)
    if (prev.items[i] >= 0) last[prev.items[i]] = last[i];
  for (size_t i = 0; i < n; i++) bl_q__partial(&c, (uint32_t)i);
  for (size_t i = 0; i < n; i++) {
    BlQuote *q = &out->items[i];
    if (last[i] != (int32_t)i) continue; /* a part that continues: filled from its chain's end below */
    BlCueHit h;
    bool found = bl_q__cue_speaker(&c, (uint32_t)i, &h);
    if (!found && prev.items[i] >= 0) { /* a chain: the speaker may introduce its first part */
      uint32_t first = (uint32_t)i;
      while (prev.items[first] >= 0) first = (uint32_t)prev.items[first];
      found = bl_q__cue_speaker(&c, first, &h);
    }
    if (found) {
      bl_q__set_speaker(&c, (uint32_t)i, &h);
      BlSourceKind k = (BlSourceKind)h.kind;
      if (k == BL_SRC_KIND_PRONOUN || k == BL_SRC_KIND_ORG_DESC || k == BL_SRC_KIND_PERSON_DESC ||
          (k == BL_SRC_KIND_ANONYMOUS && h.definite))
        bl_q__resolve(&c, (uint32_t)i, k);
    } else {
      bl_q__standalone(&c, (uint32_t)i);
    }
    /* the earlier parts of its chain */
    for (int32_t p = prev.items[i]; p >= 0; p = prev.items[p]) {
      BlQuote *part = &out->items[p];
      if (q->how == BL_SPEAKER_NONE) continue;
      part->how = BL_SPEAKER_CONTINUED;
      part->speaker = q->speaker;
      part->cue = q->cue;
      part->speaker_entity = q->speaker_entity;
      part->resolved_from = (int32_t)i;
      part->antecedent = q->antecedent;
      c.qt[p].spk_b = c.qt[i].spk_b;
      c.qt[p].spk_e = c.qt[i].spk_e;
    }
  }
  bl_free(last);
  bl_free(c.qt);
  bl_free(c.sent);
  bl_free(mask);
  bl_vec_free(&prev);
}
