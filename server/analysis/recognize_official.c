/* recognize_official.c: officials named by their role only, and the roles of named people (see
 * recognizers.h; the titles and word classes come from titles.tsv through lexicon.h).
 *
 * Around every title ("minister", "chief executive", "officials", "Sen.") a noun phrase is read:
 *
 *   [det] [status ...] [affiliation ...] [status|topic ...] TITLE [prep [the] affiliation ...]
 *   a     former       U.S.              military            official
 *   the   company's                      chief               executive
 *                      Japan's           defense             minister
 *   multiple former senior U.S.                              officials
 *   a                                                        spokesperson for the agency
 *
 * An affiliation is an entity found before (a place, an organization, a nationality), a
 * nationality word ("Japanese"), or a possessive ("Japan's", "the company's"). Then:
 *   - a name right after the title ("Commerce Secretary Gina Raimondo", "Sen. Ana Ruiz"), or
 *     in apposition before it ("Gina Raimondo, the commerce secretary,") or after it ("the
 *     company's chief executive, Satya Nadella,"): the person gets the role; the person's span
 *     stays the name. A capitalized name there that the model did not tag becomes a person
 *     (source pattern). A model person span that begins with a title is trimmed to the name.
 *   - otherwise an official (kind official, flag anonymous): its span is the status and topic
 *     words and the title after the last affiliation ("defense minister"), so it never overlaps
 *     the place or organization inside the phrase; `canonical` is the whole description
 *     ("Japan's defense minister"), `role` the status and topic words with the singular title
 *     ("former military official"), `code` the affiliation's country.
 * Titles marked nameonly ("General") never make an official; needmod ones ("head", "chief")
 * need a modifier, an affiliation or an "of" phrase; adj ones ("official") are adjectives
 * before a noun ("an official visit").
 * A model organization that is only a topic word inside a role ("Commerce" in "Commerce
 * Secretary Gina Raimondo") or only the title ("Sen." tagged organization) is removed: it is
 * part of the role. A one-word model name before
 * "administration" ("the Trump administration") is a person. */
#include "recognizers.h"

#include <string.h>

#include "../base/alloc.h"
#include "../base/buf.h"
#include "lexicon.h"

enum { BL_OFF_MAX_DROP = 4 };

typedef struct {
  const char *text;
  const BlTokens *tk;
  BlEntities *out;
  const BlLexicon *lx;
  int32_t *cover;
  BlVec(uint32_t) dropped;
  const BlSentence *sent;
} BlOff;

/* One title phrase and what surrounds it. Token indices; ends are exclusive. */
typedef struct {
  size_t head, head_end; /* the title ("Sen." includes its period) */
  size_t span;           /* first modifier after the last affiliation: the official's span */
  size_t desc;           /* first token of the description (after the determiner) */
  size_t det;            /* first token of the whole phrase (the determiner, or desc) */
  size_t pp_end;         /* end of the "for the agency" phrase, or head_end */
  bool affiliated, possessor, plural, abbr;
  char code[3];
  int32_t drop[BL_OFF_MAX_DROP]; /* model entities that are topic words of the role */
  size_t ndrop;
  const BlLexEntry *title;
} BlOffPhrase;

static const BlToken *bl_off__tok(const BlOff *o, size_t i)
{
  return &o->tk->tokens.items[i];
}

static BlEntity *bl_off__ent(const BlOff *o, int32_t e)
{
  return &o->out->items.items[e];
}

static uint32_t bl_off__class(const BlOff *o, size_t i)
{
  const BlToken *t = bl_off__tok(o, i);
  if (t->kind != BL_TOK_WORD) return 0;
  return bl_lexicon_word_class(o->lx, o->text + t->start, t->end - t->start);
}

static size_t bl_off__entity_first(const BlOff *o, int32_t e)
{
  return bl_token_at(o->tk, bl_off__ent(o, e)->start);
}

static size_t bl_off__entity_end(const BlOff *o, int32_t e)
{
  size_t k = bl_off__entity_first(o, e);
  while (k < o->tk->tokens.len && bl_off__tok(o, k)->start < bl_off__ent(o, e)->end) k++;
  return k;
}

static bool bl_off__affiliation_kind(uint8_t kind)
{
  return kind == BL_ENT_PLACE || kind == BL_ENT_ORGANIZATION || kind == BL_ENT_MISC || kind == BL_ENT_PERSON;
}

/* Whether the model entity e may be a title the model mistook for a name ("Sen." tagged
 * organization): it is removed when the title is used. */
static bool bl_off__droppable(const BlOff *o, int32_t e)
{
  const BlEntity *en = bl_off__ent(o, e);
  return en->source == BL_SRC_MODEL && en->kind != BL_ENT_PERSON && en->kind != BL_ENT_OFFICIAL;
}

/* A title phrase at token i: TITLES match over uncovered tokens (an abbreviation with its
 * period), or over exactly the tokens of one droppable model entity (*mistaken gets it). */
static bool bl_off__title_at(const BlOff *o, size_t i, BlLexMatch *m, size_t *end, int32_t *mistaken)
{
  const BlToken *t = bl_off__tok(o, i);
  int32_t c = o->cover[i];
  *mistaken = -1;
  if (t->kind != BL_TOK_WORD || (c >= 0 && (!bl_off__droppable(o, c) || bl_off__ent(o, c)->start != t->start)))
    return false;
  if (!bl_lexicon_may_start(o->lx, BL_LEX_TITLES, o->text + t->start, t->end - t->start)) return false;
  size_t max_len = 0;
  while (max_len < BL_LEXICON_MAX_PHRASE && i + max_len < o->sent->tok_end && o->cover[i + max_len] == c) max_len++;
  if (!bl_lexicon_match(o->lx, BL_LEX_TITLES, o->text, o->tk, i, max_len, m)) return false;
  *end = i + m->len;
  if (m->entry->opts & BL_TITLE_ABBR) {
    /* "Sen." : capitalized, the period right after it */
    if (!(t->flags & BL_TF_CAP) || *end >= o->sent->tok_end) return false;
    const BlToken *dot = bl_off__tok(o, *end);
    if (!bl_token_is(o->text, dot, ".") || dot->start != bl_off__tok(o, *end - 1)->end) return false;
    (*end)++;
  }
  if (c >= 0) {
    if (bl_off__ent(o, c)->end > bl_off__tok(o, *end - 1)->end) return false; /* a longer name */
    *mistaken = c;
  }
  return true;
}

/* A capitalized name starting at token k (not an entity, not a known place or organization,
 * not a function word or a title); returns its end, or k when there is none. */
static size_t bl_off__name_from(const BlOff *o, size_t k)
{
  size_t j = k;
  while (j < o->sent->tok_end && j < k + 4) {
    const BlToken *t = bl_off__tok(o, j);
    if (t->kind != BL_TOK_WORD || !(t->flags & BL_TF_CAP) || o->cover[j] >= 0 || (t->flags & BL_TF_DIGIT)) break;
    if ((t->flags & BL_TF_ALLCAPS) && !(t->flags & BL_TF_PERIODS)) break; /* "NSA" */
    if (bl_off__class(o, j) & BL_LW_FUNC) break;
    BlLexMatch m;
    if (bl_lexicon_match(o->lx, BL_LEX_NAMES, o->text, o->tk, j, 0, &m)) break;
    size_t e;
    int32_t mistaken;
    if (bl_off__title_at(o, j, &m, &e, &mistaken)) break;
    j++;
  }
  return j;
}

/* The same, backwards: a name ending just before token end; returns its first token, or end. */
static size_t bl_off__name_before(const BlOff *o, size_t end)
{
  size_t k = end;
  while (k > o->sent->tok_begin && k + 4 > end) {
    size_t p = k - 1;
    const BlToken *t = bl_off__tok(o, p);
    if (t->kind != BL_TOK_WORD || !(t->flags & BL_TF_CAP) || o->cover[p] >= 0 || (t->flags & BL_TF_DIGIT)) break;
    if ((t->flags & BL_TF_ALLCAPS) && !(t->flags & BL_TF_PERIODS)) break;
    if (bl_off__class(o, p) & BL_LW_FUNC) break;
    BlLexMatch m;
    if (bl_lexicon_match(o->lx, BL_LEX_NAMES, o->text, o->tk, p, 0, &m)) break;
    k = p;
  }
  return k;
}

/* A person at token k: the index of a person entity starting there, a new person made of the
 * capitalized name there (at least min_tokens words), or -1. */
static int32_t bl_off__person_at(BlOff *o, size_t k, size_t min_tokens)
{
  if (k >= o->sent->tok_end) return -1;
  int32_t e = o->cover[k];
  if (e >= 0) {
    const BlEntity *en = bl_off__ent(o, e);
    return en->kind == BL_ENT_PERSON && en->start == bl_off__tok(o, k)->start ? e : -1;
  }
  size_t j = bl_off__name_from(o, k);
  if (j - k < min_tokens || j == k) return -1;
  BlEntity p = {0};
  p.start = bl_off__tok(o, k)->start;
  p.end = bl_off__tok(o, j - 1)->end;
  p.kind = BL_ENT_PERSON;
  p.source = BL_SRC_PATTERN;
  p.group = -1;
  bl_entities_add(o->out, &p);
  int32_t idx = (int32_t)(o->out->items.len - 1);
  for (size_t q = k; q < j; q++) o->cover[q] = idx;
  return idx;
}

/* Reads the modifiers and affiliations before the title at ph->head. */
static void bl_off__left(BlOff *o, BlOffPhrase *ph)
{
  const BlSentence *s = o->sent;
  size_t k = ph->head;
  /* status and topic words right before the title: inside the official's span. A model entity
   * that is one such word ("Commerce") counts as a word. */
  while (k > s->tok_begin) {
    size_t p = k - 1;
    if (!(bl_off__class(o, p) & (BL_LW_STATUS | BL_LW_TOPIC))) break;
    int32_t e = o->cover[p];
    if (e >= 0) {
      const BlEntity *en = bl_off__ent(o, e);
      if (en->source != BL_SRC_MODEL || en->kind == BL_ENT_PERSON || en->start != bl_off__tok(o, p)->start ||
          en->end != bl_off__tok(o, p)->end || ph->ndrop == BL_OFF_MAX_DROP)
        break;
      ph->drop[ph->ndrop++] = e;
    }
    k = p;
  }
  ph->span = k;
  /* affiliations, and status words before them ("former U.S. military official") */
  while (k > s->tok_begin) {
    size_t p = k - 1;
    const BlToken *t = bl_off__tok(o, p);
    int32_t e = o->cover[p];
    if (e >= 0) {
      const BlEntity *en = bl_off__ent(o, e);
      if (!bl_off__affiliation_kind(en->kind) || ph->possessor) break;
      if (!ph->code[0] && en->code[0]) memcpy(ph->code, en->code, 2);
      ph->affiliated = true;
      k = bl_off__entity_first(o, e);
      continue;
    }
    if (bl_token_is_possessive(o->text, t) && p > s->tok_begin && !ph->possessor) {
      size_t q = p - 1;
      int32_t pe = o->cover[q];
      if (pe >= 0 && bl_off__affiliation_kind(bl_off__ent(o, pe)->kind)) {
        if (!ph->code[0] && bl_off__ent(o, pe)->code[0]) memcpy(ph->code, bl_off__ent(o, pe)->code, 2);
        k = bl_off__entity_first(o, pe);
      } else if (pe < 0 && (bl_off__class(o, q) & BL_LW_ORGNOUN)) {
        k = q;
        if (q > s->tok_begin && (bl_off__class(o, q - 1) & BL_LW_DET)) k = q - 1; /* "the company's" */
      } else {
        break;
      }
      ph->possessor = ph->affiliated = true;
      continue;
    }
    if (ph->possessor) break;
    uint32_t cls = bl_off__class(o, p);
    if (cls & BL_LW_STATUS) {
      k = p;
      continue;
    }
    /* a nationality word of one or two tokens ending at p */
    BlLexMatch m;
    bool nat = false;
    for (size_t back = 0; back < 2 && p >= s->tok_begin + back && !nat; back++) {
      if (bl_lexicon_match(o->lx, BL_LEX_NAMES, o->text, o->tk, p - back, back + 1, &m) && m.len == back + 1 &&
          (m.entry->kind == BL_LEX_NATIONALITY || m.entry->kind == BL_LEX_PLACE)) {
        bool free_tokens = true;
        for (size_t q = p - back; q <= p; q++) free_tokens = free_tokens && o->cover[q] < 0;
        if (!free_tokens) break;
        if (!ph->code[0] && m.entry->code[0]) memcpy(ph->code, m.entry->code, 2);
        ph->affiliated = true;
        k = p - back;
        nat = true;
      }
    }
    if (!nat) break;
  }
  ph->desc = k;
  ph->det = k;
  for (int n = 0; n < 2 && ph->det > s->tok_begin; n++) {
    size_t p = ph->det - 1;
    if (o->cover[p] >= 0 || !(bl_off__class(o, p) & BL_LW_DET)) break;
    ph->det = p;
  }
  /* a leading "the" of a possessor belongs to the description ("the company's") */
  if (ph->desc > ph->det && ph->possessor) ph->desc = ph->det;
}

/* Reads "for the agency", "at the U.S. State Department and Commerce Department", "of the NSA",
 * "to China" after the title. */
static void bl_off__right(BlOff *o, BlOffPhrase *ph)
{
  const BlSentence *s = o->sent;
  ph->pp_end = ph->head_end;
  size_t r = ph->head_end;
  if (r >= s->tok_end || !(bl_off__class(o, r) & BL_LW_PREP)) return;
  size_t q = r + 1;
  if (q < s->tok_end && o->cover[q] < 0 && (bl_off__class(o, q) & BL_LW_DET)) q++;
  if (q >= s->tok_end) return;
  int32_t e = o->cover[q];
  if (e < 0) {
    if (bl_off__class(o, q) & BL_LW_ORGNOUN) ph->pp_end = q + 1;
    return;
  }
  size_t end = q;
  while (end < s->tok_end) {
    e = o->cover[end];
    if (e < 0 || !bl_off__affiliation_kind(bl_off__ent(o, e)->kind) || bl_off__ent(o, e)->kind == BL_ENT_PERSON) break;
    if (!ph->code[0] && bl_off__ent(o, e)->code[0]) memcpy(ph->code, bl_off__ent(o, e)->code, 2);
    end = bl_off__entity_end(o, e);
    ph->pp_end = end;
    /* "... State Department and Commerce Department" */
    if (end + 1 < s->tok_end && bl_token_is(o->text, bl_off__tok(o, end), "and") && o->cover[end + 1] >= 0) end++;
  }
}

/* Appends text[from, to) with every run of spaces and line breaks as one space. */
static void bl_off__put(BlBuf *b, const char *text, uint32_t from, uint32_t to)
{
  uint32_t i = from;
  while (i < to) {
    uint32_t j = i;
    while (j < to && text[j] != ' ' && text[j] != '\n' && text[j] != '\r' && text[j] != '\t') j++;
    if (j > i) {
      if (i > from && b->len) bl_buf_putc(b, ' ');
      bl_buf_append(b, text + i, j - i);
    }
    while (j < to && (text[j] == ' ' || text[j] == '\n' || text[j] == '\r' || text[j] == '\t')) j++;
    i = j;
  }
}

/* The role: status words before the affiliation, the span's words, the singular title. */
static char *bl_off__role(const BlOff *o, const BlOffPhrase *ph)
{
  BlBuf b;
  bl_buf_init(&b, 0);
  for (size_t k = ph->desc; k < ph->span; k++)
    if (o->cover[k] < 0 && (bl_off__class(o, k) & BL_LW_STATUS)) {
      if (b.len) bl_buf_putc(&b, ' ');
      bl_off__put(&b, o->text, bl_off__tok(o, k)->start, bl_off__tok(o, k)->end);
    }
  if (ph->span < ph->head) {
    if (b.len) bl_buf_putc(&b, ' ');
    bl_off__put(&b, o->text, bl_off__tok(o, ph->span)->start, bl_off__tok(o, ph->head - 1)->end);
  }
  if (b.len) bl_buf_putc(&b, ' ');
  if (ph->plural || ph->abbr) bl_buf_puts(&b, ph->title->canonical);
  else bl_off__put(&b, o->text, bl_off__tok(o, ph->head)->start, bl_off__tok(o, ph->head_end - 1)->end);
  return bl_buf_take(&b, NULL);
}

static void bl_off__drop_topics(BlOff *o, const BlOffPhrase *ph)
{
  for (size_t k = 0; k < ph->ndrop; k++) {
    int32_t e = ph->drop[k];
    bl_vec_push(&o->dropped, (uint32_t)e);
    for (size_t t = bl_off__entity_first(o, e); t < o->tk->tokens.len && bl_off__tok(o, t)->start < bl_off__ent(o, e)->end; t++)
      if (o->cover[t] == e) o->cover[t] = -1;
  }
}

static void bl_off__give_role(BlOff *o, int32_t person, const BlOffPhrase *ph)
{
  BlEntity *p = bl_off__ent(o, person);
  if (!p->role) p->role = bl_off__role(o, ph);
  bl_off__drop_topics(o, ph);
}

/* Whether token k closes an appositive: punctuation, the end, or a verb like "said". */
static bool bl_off__closes(const BlOff *o, size_t k)
{
  if (k >= o->sent->tok_end) return true;
  const BlToken *t = bl_off__tok(o, k);
  if (t->kind == BL_TOK_PUNCT) return true;
  return t->kind == BL_TOK_WORD && !(t->flags & BL_TF_CAP) && (bl_off__class(o, k) & BL_LW_FOLLOW);
}

/* Handles the title at token i; returns the token to continue after. */
static size_t bl_off__title(BlOff *o, size_t i)
{
  const BlSentence *s = o->sent;
  BlLexMatch m;
  BlOffPhrase ph = {0};
  int32_t mistaken;
  if (!bl_off__title_at(o, i, &m, &ph.head_end, &mistaken)) return i + 1;
  if (mistaken >= 0) ph.drop[ph.ndrop++] = mistaken;
  ph.head = i;
  ph.title = m.entry;
  ph.plural = (m.flags & BL_LEXF_PLURAL) != 0;
  ph.abbr = (m.entry->opts & BL_TITLE_ABBR) != 0;
  /* "deputy secretary": a title word that modifies the next title is left to that one */
  if (ph.head_end < s->tok_end && (bl_off__class(o, i) & (BL_LW_STATUS | BL_LW_TOPIC)) && !ph.abbr) {
    BlLexMatch next;
    size_t next_end;
    int32_t next_mistaken;
    if (bl_off__title_at(o, ph.head_end, &next, &next_end, &next_mistaken)) return ph.head_end;
  }
  bl_off__left(o, &ph);
  bl_off__right(o, &ph);
  bool capital = (bl_off__tok(o, i)->flags & BL_TF_CAP) != 0;

  /* a name right after the title: "Commerce Secretary Gina Raimondo", "Sen. Ana Ruiz" */
  if (!ph.plural) {
    size_t at = ph.head_end;
    int32_t person = -1;
    if (at < s->tok_end && bl_off__tok(o, at)->kind == BL_TOK_WORD) person = bl_off__person_at(o, at, capital ? 1 : 2);
    if (person >= 0) {
      bl_off__give_role(o, person, &ph);
      return bl_off__entity_end(o, person);
    }
  }
  if (ph.abbr) return ph.head_end;
  /* another title follows with a name ("Chairman of the Joint Chiefs Gen. Ana Ruiz") */
  if (capital && ph.pp_end < s->tok_end) {
    BlLexMatch next;
    size_t next_end;
    int32_t next_mistaken;
    if (bl_off__title_at(o, ph.pp_end, &next, &next_end, &next_mistaken)) return ph.pp_end;
  }
  /* "Gina Raimondo, the commerce secretary," */
  if (!ph.plural && ph.det >= s->tok_begin + 2 && bl_token_is(o->text, bl_off__tok(o, ph.det - 1), ",") &&
      bl_off__closes(o, ph.pp_end)) {
    size_t before = ph.det - 1;
    int32_t e = o->cover[before - 1];
    int32_t person = -1;
    if (e >= 0 && bl_off__ent(o, e)->kind == BL_ENT_PERSON && bl_off__entity_end(o, e) == before) {
      person = e;
    } else if (e < 0) {
      size_t first = bl_off__name_before(o, before);
      if (before - first >= 2) person = bl_off__person_at(o, first, before - first);
    }
    if (person >= 0) {
      bl_off__give_role(o, person, &ph);
      return ph.pp_end;
    }
  }
  /* "the company's chief executive, Satya Nadella," */
  if (!ph.plural && ph.det < ph.span && ph.pp_end + 1 < s->tok_end &&
      bl_token_is(o->text, bl_off__tok(o, ph.pp_end), ",")) {
    size_t at = ph.pp_end + 1;
    int32_t e = o->cover[at];
    int32_t person = -1;
    if (e >= 0 && bl_off__ent(o, e)->kind == BL_ENT_PERSON && bl_off__entity_first(o, e) == at) {
      if (bl_off__closes(o, bl_off__entity_end(o, e))) person = e;
    } else if (e < 0) {
      size_t end = bl_off__name_from(o, at);
      if (end - at >= 2 && bl_off__closes(o, end)) person = bl_off__person_at(o, at, 2);
    }
    if (person >= 0) {
      bl_off__give_role(o, person, &ph);
      return bl_off__entity_end(o, person);
    }
  }
  uint8_t opts = ph.title->opts;
  if (opts & BL_TITLE_NAME_ONLY) return ph.head_end;
  if ((opts & BL_TITLE_NEED_MOD) && ph.span == ph.head && !ph.affiliated && ph.pp_end == ph.head_end)
    return ph.head_end;
  if ((opts & BL_TITLE_ADJ) && !ph.plural && ph.head_end < s->tok_end) {
    /* "an official visit", "executive order": a noun follows */
    size_t n = ph.head_end;
    const BlToken *t = bl_off__tok(o, n);
    if (t->kind == BL_TOK_WORD && o->cover[n] < 0 &&
        !(bl_off__class(o, n) & (BL_LW_FOLLOW | BL_LW_PREP | BL_LW_FUNC)))
      return ph.head_end;
  }
  /* an official without a name */
  BlEntity e = {0};
  e.start = bl_off__tok(o, ph.span)->start;
  e.end = bl_off__tok(o, ph.head_end - 1)->end;
  e.kind = BL_ENT_OFFICIAL;
  e.flags = BL_EF_ANONYMOUS;
  e.source = BL_SRC_PATTERN;
  e.group = -1;
  memcpy(e.code, ph.code, sizeof ph.code);
  e.role = bl_off__role(o, &ph);
  BlBuf desc;
  bl_buf_init(&desc, 0);
  bl_off__put(&desc, o->text, bl_off__tok(o, ph.desc)->start, bl_off__tok(o, ph.pp_end - 1)->end);
  e.canonical = bl_buf_take(&desc, NULL);
  if (strlen(e.canonical) == e.end - e.start && memcmp(e.canonical, o->text + e.start, e.end - e.start) == 0) {
    bl_free(e.canonical);
    e.canonical = NULL;
  }
  bl_off__drop_topics(o, &ph);
  bl_entities_add(o->out, &e);
  int32_t idx = (int32_t)(o->out->items.len - 1);
  for (size_t k = ph.span; k < ph.head_end; k++) o->cover[k] = idx;
  return ph.head_end;
}

/* A model person whose span begins with a title ("President Ana Ruiz"): trim to the name. */
static void bl_off__trim_person(BlOff *o, int32_t e)
{
  BlEntity *p = bl_off__ent(o, e);
  /* cheap test on the first word's letters before looking for its token */
  uint32_t w = p->start;
  while (w < p->end && ((o->text[w] >= 'a' && o->text[w] <= 'z') || (o->text[w] >= 'A' && o->text[w] <= 'Z'))) w++;
  if (w == p->start || w == p->end || !bl_lexicon_may_start(o->lx, BL_LEX_TITLES, o->text + p->start, w - p->start))
    return;
  size_t first = bl_off__entity_first(o, e), end = bl_off__entity_end(o, e);
  const BlToken *t = bl_off__tok(o, first);
  if (t->kind != BL_TOK_WORD || !bl_lexicon_may_start(o->lx, BL_LEX_TITLES, o->text + t->start, t->end - t->start)) return;
  BlLexMatch m;
  if (!bl_lexicon_match(o->lx, BL_LEX_TITLES, o->text, o->tk, first, end - first - 1, &m)) return;
  size_t name = first + m.len;
  if (name < end && (m.entry->opts & BL_TITLE_ABBR) && bl_token_is(o->text, bl_off__tok(o, name), ".")) name++;
  if (name >= end || !(bl_off__tok(o, name)->flags & BL_TF_CAP)) return;
  if (!p->role) {
    BlBuf b;
    bl_buf_init(&b, 0);
    if (m.entry->opts & BL_TITLE_ABBR) bl_buf_puts(&b, m.entry->canonical);
    else bl_off__put(&b, o->text, t->start, bl_off__tok(o, first + m.len - 1)->end);
    p->role = bl_buf_take(&b, NULL);
  }
  p->start = bl_off__tok(o, name)->start;
  for (size_t k = first; k < name; k++) o->cover[k] = -1;
}

/* "the Trump administration": a one-word name before "administration" is a person's, whatever
 * the model called it (unless it is a known place or organization: "the Tokyo government"). */
static void bl_off__administration(BlOff *o, int32_t e)
{
  BlEntity *en = bl_off__ent(o, e);
  const char *after = o->text + en->end;
  if (*after != ' ' || strncmp(after + 1, "administration", 14) != 0) return; /* cheap test first */
  size_t first = bl_off__entity_first(o, e), end = bl_off__entity_end(o, e);
  if (end != first + 1 || end >= o->tk->tokens.len || en->kind == BL_ENT_PERSON) return;
  const BlToken *next = bl_off__tok(o, end);
  if (next->block != bl_off__tok(o, first)->block || !bl_token_is(o->text, next, "administration") ||
      (next->flags & BL_TF_CAP))
    return;
  BlLexMatch m;
  if (bl_lexicon_match(o->lx, BL_LEX_NAMES, o->text, o->tk, first, 1, &m)) return;
  en->kind = BL_ENT_PERSON;
  en->subtype = 0;
}

static void bl_off__compact(BlOff *o)
{
  bl_entities_drop(o->out, o->dropped.items, o->dropped.len);
}

void bl_recognize_officials(const BlArticle *a, const BlTokens *tk, const BlLexicon *lx, BlEntities *out)
{
  if (!bl_lexicon_size(lx) || !tk->tokens.len) return;
  BlOff o = {a->text, tk, out, lx, bl_entity_cover(tk, out), {0}, NULL};
  size_t n0 = out->items.len;
  for (size_t e = 0; e < n0; e++)
    if (out->items.items[e].source == BL_SRC_MODEL) {
      bl_off__administration(&o, (int32_t)e);
      if (out->items.items[e].kind == BL_ENT_PERSON) bl_off__trim_person(&o, (int32_t)e);
    }
  for (size_t si = 0; si < tk->sentences.len; si++) {
    o.sent = &tk->sentences.items[si];
    size_t i = o.sent->tok_begin;
    while (i < o.sent->tok_end) {
      const BlToken *t = &tk->tokens.items[i];
      if (t->kind != BL_TOK_WORD || (o.cover[i] >= 0 && !bl_off__droppable(&o, o.cover[i])) ||
          !bl_lexicon_may_start(lx, BL_LEX_TITLES, a->text + t->start, t->end - t->start)) {
        i++;
        continue;
      }
      size_t next = bl_off__title(&o, i);
      i = next > i ? next : i + 1;
    }
  }
  bl_off__compact(&o);
  bl_vec_free(&o.dropped);
  bl_free(o.cover);
}
