/* gazetteer.c: known organizations, outlets, countries, regions and cities (see recognizers.h;
 * the data and its loading are in lexicon.h).
 *
 * At every capitalized word the longest known phrase is looked up (lexicon.h: one hash probe per
 * token). What a match does depends on what the name model found there:
 *   - nothing: the match becomes an entity (source gazetteer) when its context allows: a name
 *     that is also a common word ("Turkey") not at a sentence start or in a headline, one that
 *     is also a person's name ("Jordan") not next to another capitalized word or after a title,
 *     an acronym not in a line of capitals;
 *   - an entity with the same span: it gets the subtype, ISO code and canonical name, and its
 *     kind is corrected when the gazetteer is certain (a known country tagged organization);
 *   - entities inside the match ("Washington" in "Washington Post"): replaced by the match
 *     unless the match is ambiguous;
 *   - a longer organization ending with the match ("U.S. State Department"): it gets the
 *     subtype, code, and the canonical name when the rest is only a country or "the";
 *   - anything else (a time or number, a crossing span): left alone.
 * An organization after "a"/"an" ("a Cyber Command") is a kind, not the known body: it keeps
 * its subtype but gets no canonical name or code.
 * Ministries of any country come from a pattern ("Defense Ministry", "Ministry of Foreign
 * Affairs", with the country before it: "Japan's Defense Ministry").
 *
 * Nothing here allocates per token: one cover array (token -> entity) per document. */
#include "recognizers.h"

#include <string.h>

#include "../base/alloc.h"
#include "../base/buf.h"
#include "lexicon.h"

enum { BL_GAZ_MAX_OVER = 16 }; /* model entities one match may replace */

typedef struct {
  const char *text;
  const BlTokens *tk;
  BlEntities *out;
  const BlLexicon *lx;
  int32_t *cover;             /* token -> entity index, -1 */
  BlVec(uint32_t) dropped;    /* entities to remove at the end */
  const BlSentence *sent;
  int headline;               /* -1 unknown, else whether the sentence is in title case */
  int caps;                   /* -1 unknown, else whether the sentence is in capitals */
  bool ministry;              /* whether "Ministry" occurs in the text at all */
} BlGaz;

/* What a match would make. */
typedef struct {
  uint8_t kind;     /* BL_ENT_PLACE / BL_ENT_ORGANIZATION */
  uint8_t subtype;
  uint8_t flags;    /* BL_LEXF_* */
  const char *code; /* "" when none */
  const char *canonical;
} BlGazHit;

static const BlToken *bl_gaz__tok(const BlGaz *g, size_t i)
{
  return &g->tk->tokens.items[i];
}

static BlEntity *bl_gaz__ent(const BlGaz *g, int32_t e)
{
  return &g->out->items.items[e];
}

/* ---------------------------------------------------------------- sentence shape */

static bool bl_gaz__headline(BlGaz *g)
{
  if (g->headline < 0) {
    size_t words = 0, capped = 0;
    for (size_t i = g->sent->tok_begin; i < g->sent->tok_end; i++) {
      const BlToken *t = bl_gaz__tok(g, i);
      if (t->kind != BL_TOK_WORD || t->end - t->start < 4) continue; /* "of", "and", "the" */
      words++;
      if (t->flags & BL_TF_CAP) capped++;
    }
    g->headline = words >= 2 && capped * 10 >= words * 8;
  }
  return g->headline;
}

static bool bl_gaz__caps_line(BlGaz *g)
{
  if (g->caps < 0) {
    size_t words = 0, caps = 0;
    for (size_t i = g->sent->tok_begin; i < g->sent->tok_end; i++) {
      const BlToken *t = bl_gaz__tok(g, i);
      if (t->kind != BL_TOK_WORD || t->end - t->start < 2) continue;
      words++;
      if (t->flags & BL_TF_ALLCAPS) caps++;
    }
    g->caps = words >= 3 && caps * 10 >= words * 6;
  }
  return g->caps;
}

/* Whether token i starts its sentence (after any opening quotes or brackets). */
static bool bl_gaz__sentence_start(const BlGaz *g, size_t i)
{
  for (size_t k = g->sent->tok_begin; k < i; k++)
    if (bl_gaz__tok(g, k)->kind != BL_TOK_PUNCT) return false;
  return true;
}

static bool bl_gaz__name_word(const BlGaz *g, size_t i)
{
  const BlToken *t = bl_gaz__tok(g, i);
  if (t->kind != BL_TOK_WORD || !(t->flags & BL_TF_CAP)) return false;
  return !(bl_lexicon_word_class(g->lx, g->text + t->start, t->end - t->start) & BL_LW_FUNC);
}

/* Whether the tokens [i, j) may be the name here, given its ambiguity flags. */
static bool bl_gaz__context_ok(BlGaz *g, size_t i, size_t j, uint8_t flags)
{
  const BlSentence *s = g->sent;
  if (flags & BL_LEXF_AMBIG_WORD) {
    if (bl_gaz__sentence_start(g, i) || (bl_gaz__tok(g, i)->flags & BL_TF_LINE_START) || bl_gaz__headline(g))
      return false;
  }
  if (flags & BL_LEXF_AMBIG_NAME) {
    if (bl_gaz__headline(g)) return false;
    if (i > s->tok_begin && bl_gaz__name_word(g, i - 1)) return false;
    if (j < s->tok_end && bl_gaz__name_word(g, j)) return false;
    /* after a title: "Mr. Jordan", "Sen. Washington" */
    if (i >= s->tok_begin + 2 && bl_token_is(g->text, bl_gaz__tok(g, i - 1), ".")) {
      const BlToken *w = bl_gaz__tok(g, i - 2);
      if (w->kind == BL_TOK_WORD && bl_is_abbreviation(g->text + w->start, w->end - w->start)) return false;
    }
  }
  if (flags & BL_LEXF_ACRONYM) {
    const BlToken *t = bl_gaz__tok(g, i);
    if (!(t->flags & BL_TF_PERIODS) && bl_gaz__caps_line(g)) return false; /* "TELL US" */
  }
  return true;
}

/* "a Cyber Command to monitor ...": an organization of that kind, not the known one. Not when
 * the name only modifies a noun ("a Washington Post report"). */
static bool bl_gaz__generic(const BlGaz *g, size_t i, size_t j)
{
  if (i <= g->sent->tok_begin) return false;
  const BlToken *prev = bl_gaz__tok(g, i - 1);
  if (!bl_token_is(g->text, prev, "a") && !bl_token_is(g->text, prev, "an")) return false;
  if (j >= g->sent->tok_end) return true;
  const BlToken *next = bl_gaz__tok(g, j);
  if (next->kind != BL_TOK_WORD) return true;
  if (next->flags & BL_TF_CAP) return false;
  return (bl_lexicon_word_class(g->lx, g->text + next->start, next->end - next->start) &
          (BL_LW_FOLLOW | BL_LW_PREP)) != 0;
}

/* ---------------------------------------------------------------- applying a match */

static void bl_gaz__set_code(BlEntity *e, const char *code)
{
  if (!e->code[0] && code && code[0]) {
    memcpy(e->code, code, 2);
    e->code[2] = '\0';
  }
}

static void bl_gaz__set_canonical(const BlGaz *g, BlEntity *e, const char *canonical)
{
  if (e->canonical || !canonical) return;
  size_t n = strlen(canonical);
  if (e->end - e->start == n && memcmp(g->text + e->start, canonical, n) == 0) return; /* the text itself */
  e->canonical = bl_strdup(canonical);
}

static void bl_gaz__enrich(const BlGaz *g, BlEntity *e, const BlGazHit *h)
{
  e->subtype = h->subtype;
  bl_gaz__set_code(e, h->code);
  bl_gaz__set_canonical(g, e, h->canonical);
  if (h->flags & BL_LEXF_ACRONYM) e->flags |= BL_EF_ACRONYM;
}

static void bl_gaz__add(BlGaz *g, size_t i, size_t j, const BlGazHit *h)
{
  BlEntity e = {0};
  e.start = bl_gaz__tok(g, i)->start;
  e.end = bl_gaz__tok(g, j - 1)->end;
  e.kind = h->kind;
  e.source = BL_SRC_GAZETTEER;
  e.group = -1;
  bl_gaz__enrich(g, &e, h);
  bl_entities_add(g->out, &e);
  int32_t idx = (int32_t)(g->out->items.len - 1);
  for (size_t k = i; k < j; k++) g->cover[k] = idx;
}

static void bl_gaz__drop(BlGaz *g, int32_t e)
{
  bl_vec_push(&g->dropped, (uint32_t)e);
  BlEntity *en = bl_gaz__ent(g, e);
  for (size_t k = bl_token_at(g->tk, en->start); k < g->tk->tokens.len && bl_gaz__tok(g, k)->start < en->end; k++)
    if (g->cover[k] == e) g->cover[k] = -1;
}

/* Whether tokens [i, j) are only "the", possessives, or places/nationalities of country `code`. */
static bool bl_gaz__country_prefix(BlGaz *g, size_t i, size_t j, const char *code)
{
  size_t k = i;
  while (k < j) {
    const BlToken *t = bl_gaz__tok(g, k);
    if (bl_token_is(g->text, t, "the")) {
      k++;
      continue;
    }
    if (bl_token_is_possessive(g->text, t)) {
      k++;
      continue;
    }
    BlLexMatch m;
    if (!code[0] || !bl_lexicon_match(g->lx, BL_LEX_NAMES, g->text, g->tk, k, j - k, &m)) return false;
    if ((m.entry->kind != BL_LEX_PLACE && m.entry->kind != BL_LEX_NATIONALITY) || strcmp(m.entry->code, code) != 0)
      return false;
    k += m.len;
  }
  return true;
}

/* Applies a match over tokens [i, j). Returns whether the tokens were used (so the scan skips
 * them), false when the context rejected the match and a shorter one may be tried. */
static bool bl_gaz__apply(BlGaz *g, size_t i, size_t j, const BlGazHit *h)
{
  uint32_t gs = bl_gaz__tok(g, i)->start, ge = bl_gaz__tok(g, j - 1)->end;
  bool ambiguous = (h->flags & (BL_LEXF_AMBIG_WORD | BL_LEXF_AMBIG_NAME)) != 0;
  /* the distinct entities over the match */
  int32_t over[BL_GAZ_MAX_OVER];
  size_t nover = 0;
  bool inside = true;
  for (size_t k = i; k < j; k++) {
    int32_t e = g->cover[k];
    if (e < 0 || (nover && over[nover - 1] == e)) continue;
    if (nover == BL_GAZ_MAX_OVER) return true;
    over[nover++] = e;
    const BlEntity *en = bl_gaz__ent(g, e);
    if (en->source != BL_SRC_MODEL) return true; /* a time, a number or our own: leave it */
    if (en->start < gs || en->end > ge) inside = false;
  }
  if (nover == 0) {
    if (!bl_gaz__context_ok(g, i, j, h->flags)) return false;
    bl_gaz__add(g, i, j, h);
    return true;
  }
  BlEntity *m = bl_gaz__ent(g, over[0]);
  if (nover == 1 && m->start == gs && m->end == ge) {
    if (m->kind == h->kind) {
      bl_gaz__enrich(g, m, h);
    } else if (m->kind == BL_ENT_ORGANIZATION && h->kind == BL_ENT_PLACE && h->subtype != BL_PLACE_COUNTRY) {
      /* a city or region the model reads as an organization in context is one: a team
       * ("CHICAGO 4 Seattle 2"), a city government ("Washington said"). Keep the model's kind. */
    } else if (m->kind == BL_ENT_ORGANIZATION || m->kind == BL_ENT_PLACE || m->kind == BL_ENT_MISC ||
               (m->kind == BL_ENT_PERSON && !ambiguous)) {
      /* the gazetteer is certain: a known country is a place, "Microsoft" a company. Only a
       * name that is also a person's ("Jordan") keeps the model's "person". */
      m->kind = h->kind;
      m->source = BL_SRC_GAZETTEER;
      bl_gaz__enrich(g, m, h);
    }
    return true;
  }
  if (inside) {
    if (ambiguous) return true;
    for (size_t k = 0; k < nover; k++) bl_gaz__drop(g, over[k]);
    bl_gaz__add(g, i, j, h);
    return true;
  }
  if (nover == 1 && m->start <= gs && m->end == ge && h->kind == BL_ENT_ORGANIZATION &&
      (m->kind == BL_ENT_ORGANIZATION || m->kind == BL_ENT_MISC)) {
    size_t first = bl_token_at(g->tk, m->start);
    m->kind = BL_ENT_ORGANIZATION;
    m->subtype = h->subtype;
    if (bl_gaz__country_prefix(g, first, i, h->code)) {
      bl_gaz__set_code(m, h->code);
      bl_gaz__set_canonical(g, m, h->canonical);
    }
  }
  return true;
}

/* ---------------------------------------------------------------- ministries */

static bool bl_gaz__topic(const BlGaz *g, size_t k)
{
  const BlToken *t = bl_gaz__tok(g, k);
  return t->kind == BL_TOK_WORD && (t->flags & BL_TF_CAP) &&
         (bl_lexicon_word_class(g->lx, g->text + t->start, t->end - t->start) & BL_LW_TOPIC);
}

/* The country of whatever stands right before token i: "Japan's", "Japanese", "Japan". */
static const char *bl_gaz__country_before(BlGaz *g, size_t i, const char **name)
{
  const BlSentence *s = g->sent;
  if (i <= s->tok_begin) return "";
  size_t k = i - 1;
  if (bl_token_is_possessive(g->text, bl_gaz__tok(g, k))) {
    if (k == s->tok_begin) return "";
    k--;
  }
  int32_t e = g->cover[k];
  if (e >= 0 && bl_gaz__ent(g, e)->kind == BL_ENT_PLACE && bl_gaz__ent(g, e)->code[0]) {
    *name = bl_gaz__ent(g, e)->canonical;
    return bl_gaz__ent(g, e)->code;
  }
  /* a one- or two-word nationality or place ending at k */
  for (size_t back = 0; back < 2 && k >= s->tok_begin + back; back++) {
    BlLexMatch m;
    if (bl_lexicon_match(g->lx, BL_LEX_NAMES, g->text, g->tk, k - back, back + 1, &m) && m.len == back + 1 &&
        (m.entry->kind == BL_LEX_NATIONALITY || m.entry->kind == BL_LEX_PLACE) && m.entry->code[0]) {
      *name = m.entry->kind == BL_LEX_PLACE ? m.entry->canonical : NULL;
      return m.entry->code;
    }
  }
  return "";
}

/* "Defense Ministry", "Foreign Affairs Ministry", "Ministry of Defense", "Ministry of Economy,
 * Trade and Industry". Returns the end token (exclusive) or 0. topics gets [tb, te). */
static size_t bl_gaz__ministry(BlGaz *g, size_t i, size_t *tb, size_t *te)
{
  const BlSentence *s = g->sent;
  size_t k = i;
  if (bl_token_is(g->text, bl_gaz__tok(g, i), "Ministry")) {
    if (i + 2 >= s->tok_end || !bl_token_is(g->text, bl_gaz__tok(g, i + 1), "of") || !bl_gaz__topic(g, i + 2))
      return 0;
    k = i + 2;
    *tb = k;
    size_t last = k;
    while (k < s->tok_end) {
      if (bl_gaz__topic(g, k)) last = k;
      else if (!(bl_token_is(g->text, bl_gaz__tok(g, k), "and") || bl_token_is(g->text, bl_gaz__tok(g, k), ",")))
        break;
      k++;
    }
    *te = last + 1;
    return last + 1;
  }
  while (k < s->tok_end && k < i + 4 && !bl_token_is(g->text, bl_gaz__tok(g, k), "Ministry") && bl_gaz__topic(g, k))
    k++;
  if (k == i || k >= s->tok_end || !bl_token_is(g->text, bl_gaz__tok(g, k), "Ministry")) return 0;
  *tb = i;
  *te = k;
  return k + 1;
}

/* Whether lit occurs in s[0, n) (memmem is not in POSIX). */
static bool bl_gaz__contains(const char *s, size_t n, const char *lit)
{
  size_t m = strlen(lit);
  const char *p = s, *end = s + n;
  while (p && (size_t)(end - p) >= m) {
    p = memchr(p, lit[0], (size_t)(end - p) - m + 1);
    if (!p) return false;
    if (memcmp(p, lit, m) == 0) return true;
    p++;
  }
  return false;
}

/* Whether "Ministry" is among the next few tokens (a cheap test before the pattern). */
static bool bl_gaz__ministry_near(const BlGaz *g, size_t i)
{
  if (!g->ministry) return false;
  for (size_t k = i; k < g->sent->tok_end && k < i + 5; k++)
    if (bl_token_is(g->text, bl_gaz__tok(g, k), "Ministry")) return true;
  return false;
}

static bool bl_gaz__try_ministry(BlGaz *g, size_t i, size_t *end)
{
  size_t tb, te;
  size_t j = bl_gaz__ministry(g, i, &tb, &te);
  if (!j) return false;
  for (size_t k = i; k < j; k++)
    if (g->cover[k] >= 0 && bl_gaz__ent(g, g->cover[k])->source != BL_SRC_MODEL) return false;
  const char *country = NULL;
  char code[3] = {0}; /* a copy: the entity it comes from may move when entities are added */
  const char *found = bl_gaz__country_before(g, i, &country);
  code[0] = found[0];
  code[1] = found[0] ? found[1] : '\0';
  BlBuf canon;
  bl_buf_init(&canon, 0);
  bl_buf_puts(&canon, "Ministry of ");
  bl_buf_append(&canon, g->text + bl_gaz__tok(g, tb)->start, bl_gaz__tok(g, te - 1)->end - bl_gaz__tok(g, tb)->start);
  if (te - tb == 1 && bl_token_is(g->text, bl_gaz__tok(g, tb), "Foreign")) bl_buf_puts(&canon, " Affairs");
  const char *name = country ? country : code[0] ? bl_lexicon_country_name(g->lx, code) : NULL;
  if (name) bl_buf_printf(&canon, " (%s)", name);
  BlGazHit h = {BL_ENT_ORGANIZATION, BL_ORG_AGENCY, 0, code, canon.data};
  bl_gaz__apply(g, i, j, &h);
  bl_buf_free(&canon);
  *end = j;
  return true;
}

/* ---------------------------------------------------------------- the pass */

static void bl_gaz__compact(BlGaz *g)
{
  bl_entities_drop(g->out, g->dropped.items, g->dropped.len);
}

void bl_apply_gazetteers(const BlArticle *a, const BlTokens *tk, const BlLexicon *lx, BlEntities *out)
{
  if (!bl_lexicon_size(lx) || !tk->tokens.len) return;
  BlGaz g = {a->text, tk, out, lx, bl_entity_cover(tk, out), {0}, NULL, -1, -1, bl_gaz__contains(a->text, a->len, "Ministry")};
  for (size_t si = 0; si < tk->sentences.len; si++) {
    const BlSentence *s = &tk->sentences.items[si];
    g.sent = s;
    g.headline = g.caps = -1;
    for (size_t i = s->tok_begin; i < s->tok_end; i++) {
      const BlToken *t = &tk->tokens.items[i];
      if (t->kind != BL_TOK_WORD || !(t->flags & BL_TF_CAP)) continue;
      bool ministry = bl_gaz__ministry_near(&g, i);
      if (!ministry && !bl_lexicon_may_start(lx, BL_LEX_NAMES, a->text + t->start, t->end - t->start)) continue;
      if (g.cover[i] >= 0 && out->items.items[g.cover[i]].source != BL_SRC_MODEL) continue;
      size_t max_len = 0; /* up to the next time or number, and no longer than a phrase can be */
      while (max_len < BL_LEXICON_MAX_PHRASE && i + max_len < s->tok_end &&
             (g.cover[i + max_len] < 0 || out->items.items[g.cover[i + max_len]].source == BL_SRC_MODEL))
        max_len++;
      BlLexMatch m;
      size_t end = 0;
      while (max_len && bl_lexicon_match(lx, BL_LEX_NAMES, a->text, tk, i, max_len, &m)) {
        if (m.entry->kind == BL_LEX_NATIONALITY) {
          /* no entity of its own; a model entity over exactly these words gets the country */
          int32_t e = g.cover[i];
          if (e >= 0 && out->items.items[e].start == t->start &&
              out->items.items[e].end == tk->tokens.items[i + m.len - 1].end && out->items.items[e].kind == BL_ENT_MISC)
            bl_gaz__set_code(&out->items.items[e], m.entry->code);
          end = i + m.len;
          break;
        }
        BlGazHit h = {m.entry->kind == BL_LEX_PLACE ? BL_ENT_PLACE : BL_ENT_ORGANIZATION, m.entry->subtype, m.flags,
                      m.entry->code, m.entry->canonical};
        if (h.kind == BL_ENT_ORGANIZATION && bl_gaz__generic(&g, i, i + m.len)) h.canonical = NULL, h.code = "";
        if (bl_gaz__apply(&g, i, i + m.len, &h)) {
          end = i + m.len;
          break;
        }
        max_len = m.len - 1;
      }
      if (!end && ministry) bl_gaz__try_ministry(&g, i, &end);
      if (end > i) i = end - 1;
    }
  }
  bl_gaz__compact(&g);
  bl_vec_free(&g.dropped);
  bl_free(g.cover);
}
