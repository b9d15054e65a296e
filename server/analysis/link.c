/* link.c: one canonical name and one group id per entity within a document (see
 * recognizers.h). Runs last, on entities sorted by start that do not overlap.
 *
 * Mentions join a group when
 *   - their keys are equal: the canonical name (or the text), ASCII case folded, without a
 *     leading "the" or a trailing possessive, of the same kind ("NSA" = "National Security
 *     Agency" once the gazetteer gave it that canonical; "the Post" = "Post"); a plural
 *     ("Koreas") joins its singular;
 *   - an acronym follows its expansion in parentheses ("Cyber Defense Unit (CDU)"), or its
 *     letters are the initials of an organization in the document ("CDU" after "Cyber Defense
 *     Unit"); the acronym mention gets BL_EF_ACRONYM;
 *   - "the X" names the last word of an organization ("the Post" after "The Washington Post");
 *   - a single word is the surname of a person ("Raimondo" after "Gina Raimondo");
 *   - an untagged word is a one-word name tagged elsewhere in the document ("Forbes").
 * Short forms, acronyms and surnames link to the nearest full name before them, or to the first
 * one after (a headline mentions a surname before the story spells the name out). Such a
 * mention that no recognizer tagged becomes an entity (source "earlier mention").
 *
 * Then each group takes one canonical name: the gazetteer's if any member has one, else the
 * longest member's text; its kind, subtype, code and a person's role go to every member.
 * Group ids are dense, in order of first mention; every entity gets one (numbers and dates each
 * their own). */
#include "recognizers.h"

#include <string.h>

#include "../base/alloc.h"
#include "../base/buf.h"
#include "lexicon.h"

enum { BL_LINK_KEY, BL_LINK_ACRONYM, BL_LINK_ACRONYM_DEF, BL_LINK_WORD };
/* What a word (BL_LINK_WORD slot) may be: the entity it names, one per role. */
enum { BL_LINK_SHORT, BL_LINK_SURNAME, BL_LINK_SAME, BL_LINK_ROLES };

typedef struct {
  uint64_t hash;
  uint32_t off, len; /* into the key arena */
  uint8_t kind;      /* entity kind (for BL_LINK_KEY) */
  uint8_t type;      /* BL_LINK_* */
  int32_t ent;       /* the entity, for all but BL_LINK_WORD */
  int32_t word[BL_LINK_ROLES]; /* BL_LINK_WORD: the entity per BL_LINK_SHORT ... */
} BlLinkSlot;

typedef struct {
  BlLinkSlot *slots;
  size_t cap, used;
  BlBuf arena;
} BlLinkMap;

enum { BL_LINK_REGS = 4 }; /* registrations one entity can own */

typedef struct {
  uint32_t first, end;            /* token range */
  int32_t reg[BL_LINK_REGS];      /* registrations in `names`: slot * 4 + role (3 = the slot's
                                     ent, else a word role), -1 */
} BlLinkEnt;

typedef struct {
  const char *text;
  const BlTokens *tk;
  BlEntities *out;
  const BlLexicon *lx;
  int32_t *cover;
  int32_t *parent; /* union-find over entities; grows with them */
  BlLinkEnt *ents; /* per entity; grows with them */
  size_t cap;
  BlLinkMap map;   /* keys of every mention (BL_LINK_KEY) */
  bool added;      /* mentions were appended to out */
  BlLinkMap names; /* full names that others shorten: acronyms, short forms, surnames; filled
                      before the main pass and never rehashed during it, so slot indices hold */
  size_t word;      /* the token bl_link__word is reading */
  size_t sent;      /* the sentence of the last headline test, and its answer (-1 unknown) */
  int headline;
} BlLink;

/* ---------------------------------------------------------------- keys */

static bool bl_link__is_name_kind(uint8_t kind)
{
  return kind == BL_ENT_ORGANIZATION || kind == BL_ENT_PERSON || kind == BL_ENT_PLACE || kind == BL_ENT_MISC;
}

/* Normalizes a name into out (at most 255 bytes kept): ASCII folded, ’ as ', runs of spaces
 * as one, no leading "the ", no trailing possessive. Returns the length. */
static size_t bl_link__norm(char out[256], const char *s, size_t n)
{
  size_t o = 0;
  bool space = false;
  for (size_t i = 0; i < n && o < 255; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99) {
      c = '\'';
      i += 2;
    }
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = o > 0;
      continue;
    }
    if (space && o < 254) out[o++] = ' ';
    space = false;
    out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  size_t b = 0;
  if (o > 4 && memcmp(out, "the ", 4) == 0) b = 4;
  if (o - b > 2 && memcmp(out + o - 2, "'s", 2) == 0) o -= 2;
  else if (o - b > 1 && out[o - 1] == '\'') o -= 1;
  while (o > b && out[o - 1] == ' ') o--;
  if (b) memmove(out, out + b, o - b);
  o -= b;
  out[o] = '\0';
  return o;
}

static uint64_t bl_link__hash(const char *s, size_t n, uint8_t kind, uint8_t type)
{
  uint64_t h = 0xcbf29ce484222325ULL ^ ((uint64_t)kind << 8 | type);
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
  return h ^ (h >> 29);
}

static BlLinkSlot *bl_link__find(BlLinkMap *m, const char *s, size_t n, uint8_t kind, uint8_t type, bool create)
{
  if (create && (m->used + 1) * 2 > m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 64;
    BlLinkSlot *slots = bl_calloc(cap, sizeof *slots);
    for (size_t i = 0; i < m->cap; i++) {
      if (!m->slots[i].len) continue;
      size_t j = (size_t)m->slots[i].hash & (cap - 1);
      while (slots[j].len) j = (j + 1) & (cap - 1);
      slots[j] = m->slots[i];
    }
    bl_free(m->slots);
    m->slots = slots;
    m->cap = cap;
  }
  if (!m->cap || !n) return NULL;
  uint64_t h = bl_link__hash(s, n, kind, type);
  for (size_t j = (size_t)h & (m->cap - 1);; j = (j + 1) & (m->cap - 1)) {
    BlLinkSlot *sl = &m->slots[j];
    if (!sl->len) {
      if (!create) return NULL;
      sl->hash = h;
      sl->off = (uint32_t)m->arena.len;
      sl->len = (uint32_t)n;
      sl->kind = kind;
      sl->type = type;
      sl->ent = -1;
      for (int r = 0; r < BL_LINK_ROLES; r++) sl->word[r] = -1;
      bl_buf_append(&m->arena, s, n);
      m->used++;
      return sl;
    }
    if (sl->hash == h && sl->len == n && sl->kind == kind && sl->type == type &&
        memcmp(m->arena.data + sl->off, s, n) == 0)
      return sl;
  }
}

/* ---------------------------------------------------------------- union-find */

static int32_t bl_link__root(BlLink *l, int32_t e)
{
  while (l->parent[e] != e) {
    l->parent[e] = l->parent[l->parent[e]];
    e = l->parent[e];
  }
  return e;
}

static void bl_link__union(BlLink *l, int32_t a, int32_t b)
{
  a = bl_link__root(l, a);
  b = bl_link__root(l, b);
  if (a == b) return;
  if (a < b) l->parent[b] = a; /* the first mention is the root */
  else l->parent[a] = b;
}

static void bl_link__reserve(BlLink *l, size_t n)
{
  if (n <= l->cap) return;
  l->cap = n * 2 + 16;
  l->parent = bl_realloc(l->parent, l->cap * sizeof *l->parent);
  l->ents = bl_realloc(l->ents, l->cap * sizeof *l->ents);
}

static int32_t bl_link__add(BlLink *l, size_t first, size_t end, uint8_t kind, uint8_t flags)
{
  BlEntity e = {0};
  e.start = l->tk->tokens.items[first].start;
  e.end = l->tk->tokens.items[end - 1].end;
  e.kind = kind;
  e.flags = flags;
  e.source = BL_SRC_LINK;
  e.group = -1;
  bl_entities_add(l->out, &e);
  int32_t idx = (int32_t)(l->out->items.len - 1);
  l->added = true;
  bl_link__reserve(l, (size_t)idx + 1);
  l->parent[idx] = idx;
  l->ents[idx] = (BlLinkEnt){(uint32_t)first, (uint32_t)end, {-1, -1, -1, -1}};
  for (size_t k = first; k < end; k++) l->cover[k] = idx;
  return idx;
}

/* ---------------------------------------------------------------- helpers */

static const BlToken *bl_link__tok(const BlLink *l, size_t i)
{
  return &l->tk->tokens.items[i];
}

static bool bl_link__skip_initial(const BlLink *l, const BlToken *t)
{
  if (t->kind != BL_TOK_WORD) return true;
  if (t->end - t->start > 3) return false;
  return bl_token_is_possessive(l->text, t) || bl_token_is(l->text, t, "of") || bl_token_is(l->text, t, "the") ||
         bl_token_is(l->text, t, "and") || bl_token_is(l->text, t, "for") || bl_token_is(l->text, t, "on") ||
         bl_token_is(l->text, t, "in") || bl_token_is(l->text, t, "at") || bl_token_is(l->text, t, "to") ||
         bl_token_is(l->text, t, "de") || bl_token_is(l->text, t, "la") || bl_token_is(l->text, t, "du") ||
         bl_token_is(l->text, t, "des") || bl_token_is(l->text, t, "del");
}

/* Records that entity e registered a slot of `names` (so the main pass can claim it again). */
static void bl_link__own(BlLink *l, int32_t e, BlLinkSlot *s, int role)
{
  int32_t idx = (int32_t)(s - l->names.slots) * 4 + role;
  for (int i = 0; i < BL_LINK_REGS; i++) {
    if (l->ents[e].reg[i] == idx) return;
    if (l->ents[e].reg[i] < 0) {
      l->ents[e].reg[i] = idx;
      return;
    }
  }
}

/* A word's lookup key (folded, no possessive) in a caller's buffer; 0 when too long. */
static size_t bl_link__word_key(const BlLink *l, const BlToken *t, char out[64])
{
  size_t n = 0;
  for (uint32_t i = t->start; i < t->end; i++) {
    unsigned char c = (unsigned char)l->text[i];
    if (n == 63) return 0;
    out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  out[n] = '\0';
  return n;
}

/* Acronym letters of a single all-capitals token ("NSA", "U.S." -> "US"); 0 if it is not one. */
static size_t bl_link__acronym_letters(const BlLink *l, const BlToken *t, char out[16])
{
  if (t->kind != BL_TOK_WORD || !(t->flags & BL_TF_ALLCAPS)) return 0;
  size_t n = 0;
  for (uint32_t i = t->start; i < t->end; i++) {
    char c = l->text[i];
    if (c == '.') continue;
    if (c < 'A' || c > 'Z' || n == 15) return 0;
    out[n++] = c;
  }
  out[n] = '\0';
  return n >= 2 ? n : 0;
}

/* Registers the initials of the organization e over tokens [first, end): without and with the
 * small words ("Department of Defense": "DD" and "DOD"). */
static void bl_link__register_initials(BlLink *l, int32_t e, size_t first, size_t end)
{
  char a[16], b[16];
  size_t na = 0, nb = 0, words = 0;
  for (size_t k = first; k < end; k++) {
    const BlToken *t = bl_link__tok(l, k);
    if (t->kind != BL_TOK_WORD || bl_token_is_possessive(l->text, t)) continue;
    char c = l->text[t->start];
    if (c >= 'a' && c <= 'z') c = (char)(c - 32);
    if (c < 'A' || c > 'Z') continue;
    words++;
    if (nb < 15) b[nb++] = c;
    if (!bl_link__skip_initial(l, t) && na < 15) a[na++] = c;
  }
  if (words < 2) return;
  const char *v[2] = {a, b};
  size_t vn[2] = {na, nb};
  for (int i = 0; i < 2; i++) {
    if (vn[i] < 2 || (i == 1 && nb == na)) continue;
    BlLinkSlot *s = bl_link__find(&l->names, v[i], vn[i], 0, BL_LINK_ACRONYM, true);
    if (s->ent < 0) s->ent = e;
    bl_link__own(l, e, s, 3);
  }
}

static void bl_link__register_last(BlLink *l, int32_t e, size_t first, size_t end, uint8_t type)
{
  if (end - first < 2) return;
  size_t last = end - 1;
  /* a person's last name: skip "Jr.", "III" */
  while (last > first && type == BL_LINK_SURNAME) {
    const BlToken *t = bl_link__tok(l, last);
    if (bl_token_is(l->text, t, ".") || bl_token_is(l->text, t, "Jr") || bl_token_is(l->text, t, "Sr") ||
        bl_token_is(l->text, t, "II") || bl_token_is(l->text, t, "III") || bl_token_is(l->text, t, "IV") ||
        bl_token_is(l->text, t, ","))
      last--;
    else
      break;
  }
  if (last == first && type == BL_LINK_SURNAME) return;
  const BlToken *t = bl_link__tok(l, last);
  if (t->kind != BL_TOK_WORD || !(t->flags & BL_TF_CAP) || (t->flags & BL_TF_ALLCAPS)) return;
  char key[64];
  size_t n = bl_link__word_key(l, t, key);
  if (n) {
    BlLinkSlot *s = bl_link__find(&l->names, key, n, 0, BL_LINK_WORD, true);
    if (s->word[type] < 0) s->word[type] = e;
    bl_link__own(l, e, s, type);
  }
}

/* The entities a word may name (BL_LINK_SHORT ...), or NULL. */
static const BlLinkSlot *bl_link__lookup_word(BlLink *l, const BlToken *t)
{
  if (!l->names.used) return NULL;
  char key[64];
  size_t n = bl_link__word_key(l, t, key);
  return n ? bl_link__find(&l->names, key, n, 0, BL_LINK_WORD, false) : NULL;
}

static int32_t bl_link__lookup_acronym(BlLink *l, const BlToken *t)
{
  char letters[16];
  size_t n = bl_link__acronym_letters(l, t, letters);
  if (!n) return -1;
  BlLinkSlot *s = bl_link__find(&l->names, letters, n, 0, BL_LINK_ACRONYM_DEF, false);
  if (!s) s = bl_link__find(&l->names, letters, n, 0, BL_LINK_ACRONYM, false);
  return s ? s->ent : -1;
}

static bool bl_link__prev_is_the(const BlLink *l, size_t i)
{
  if (i == 0) return false;
  const BlToken *p = bl_link__tok(l, i - 1);
  return p->block == bl_link__tok(l, i)->block && bl_token_is(l->text, p, "the");
}

static bool bl_link__cap_word(const BlLink *l, size_t i)
{
  if (i >= l->tk->tokens.len) return false;
  const BlToken *t = bl_link__tok(l, i);
  return t->kind == BL_TOK_WORD && (t->flags & BL_TF_CAP) &&
         !(bl_lexicon_word_class(l->lx, l->text + t->start, t->end - t->start) & BL_LW_FUNC);
}

/* Whether the sentence being read is a title-case line (a headline): there, a capital after a
 * word says nothing about a longer name. */
static bool bl_link__headline(BlLink *l)
{
  /* the sentence of the current token: asked only after a lookup hit, so a search is fine */
  size_t lo = 0, hi = l->tk->sentences.len;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (l->tk->sentences.items[mid].tok_end <= l->word) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= l->tk->sentences.len) return false;
  if (lo != l->sent) {
    l->sent = lo;
    l->headline = -1;
  }
  if (l->headline < 0) {
    const BlSentence *s = &l->tk->sentences.items[l->sent];
    size_t words = 0, capped = 0;
    for (size_t i = s->tok_begin; i < s->tok_end; i++) {
      const BlToken *t = bl_link__tok(l, i);
      if (t->kind != BL_TOK_WORD || t->end - t->start < 4) continue;
      words++;
      if (t->flags & BL_TF_CAP) capped++;
    }
    l->headline = words >= 2 && capped * 10 >= words * 8;
  }
  return l->headline;
}

/* ---------------------------------------------------------------- the passes */

/* Registers the full names that short forms, surnames and acronyms can refer to (the first
 * one of each wins here; the main pass moves each to the nearest before a mention). */
static void bl_link__register(BlLink *l, int32_t e)
{
  const BlEntity *en = &l->out->items.items[e];
  size_t first = l->ents[e].first, end = l->ents[e].end;
  if (end - first == 1 && en->kind != BL_ENT_MISC && !(bl_link__tok(l, first)->flags & BL_TF_ALLCAPS)) {
    /* a one-word name: the same word untagged elsewhere ("(Forbes)" in a headline) */
    char key[64];
    size_t n = bl_link__word_key(l, bl_link__tok(l, first), key);
    if (n) {
      BlLinkSlot *s = bl_link__find(&l->names, key, n, 0, BL_LINK_WORD, true);
      if (s->word[BL_LINK_SAME] < 0) s->word[BL_LINK_SAME] = e;
      bl_link__own(l, e, s, BL_LINK_SAME);
    }
    return;
  }
  if (end - first < 2) return;
  if (en->kind == BL_ENT_ORGANIZATION || en->kind == BL_ENT_MISC) {
    bl_link__register_initials(l, e, first, end);
    if (en->kind == BL_ENT_ORGANIZATION) bl_link__register_last(l, e, first, end, BL_LINK_SHORT);
    /* "Cyber Defense Unit (CDU)": the acronym defined right after */
    if (end + 2 < l->tk->tokens.len && bl_token_is(l->text, bl_link__tok(l, end), "(") &&
        bl_token_is(l->text, bl_link__tok(l, end + 2), ")")) {
      char letters[16];
      size_t n = bl_link__acronym_letters(l, bl_link__tok(l, end + 1), letters);
      if (n) {
        BlLinkSlot *s = bl_link__find(&l->names, letters, n, 0, BL_LINK_ACRONYM_DEF, true);
        if (s->ent < 0) s->ent = e;
        bl_link__own(l, e, s, 3);
      }
    }
  } else if (en->kind == BL_ENT_PERSON) {
    bl_link__register_last(l, e, first, end, BL_LINK_SURNAME);
  }
}

/* The main pass reaches full name e: later mentions link to it. */
static void bl_link__claim(BlLink *l, int32_t e)
{
  for (int i = 0; i < BL_LINK_REGS && l->ents[e].reg[i] >= 0; i++) {
    BlLinkSlot *s = &l->names.slots[l->ents[e].reg[i] / 4];
    int role = l->ents[e].reg[i] % 4;
    if (role == 3) s->ent = e;
    else s->word[role] = e;
  }
}

/* Links entity e to the mentions before it of the same name, or to the full name it shortens. */
static void bl_link__entity(BlLink *l, int32_t e)
{
  BlEntity *en = &l->out->items.items[e];
  if (!bl_link__is_name_kind(en->kind)) return;
  const char *name = en->canonical ? en->canonical : l->text + en->start;
  size_t name_len = en->canonical ? strlen(en->canonical) : en->end - en->start;
  char key[256];
  size_t key_len = bl_link__norm(key, name, name_len);
  if (!key_len) return;
  BlLinkSlot *s = bl_link__find(&l->map, key, key_len, en->kind, BL_LINK_KEY, true);
  if (s->ent < 0) {
    s->ent = e;
    /* a plural joins its singular ("Koreas"), when the singular came first */
    if (key_len > 3 && key[key_len - 1] == 's') {
      BlLinkSlot *sing = bl_link__find(&l->map, key, key_len - 1, en->kind, BL_LINK_KEY, false);
      if (sing && sing->ent >= 0) bl_link__union(l, sing->ent, e);
    }
  } else {
    bl_link__union(l, s->ent, e);
  }
  size_t first = l->ents[e].first, end = l->ents[e].end;
  if (end - first != 1 || en->source == BL_SRC_GAZETTEER) return;
  /* one word: an acronym, a short form after "the", or a surname */
  const BlToken *t = bl_link__tok(l, first);
  int32_t target = bl_link__lookup_acronym(l, t);
  if (target >= 0 && target != e) {
    bl_link__union(l, target, e);
    en = &l->out->items.items[e];
    en->flags |= BL_EF_ACRONYM;
    en->kind = l->out->items.items[target].kind;
    return;
  }
  const BlLinkSlot *w = bl_link__lookup_word(l, t);
  if (!w) return;
  if ((en->kind == BL_ENT_ORGANIZATION || en->kind == BL_ENT_MISC) && bl_link__prev_is_the(l, first)) {
    target = w->word[BL_LINK_SHORT];
    if (target >= 0 && target != e) {
      bl_link__union(l, target, e);
      l->out->items.items[e].kind = BL_ENT_ORGANIZATION;
      return;
    }
  }
  target = w->word[BL_LINK_SURNAME];
  if (target >= 0 && target != e) {
    bl_link__union(l, target, e);
    l->out->items.items[e].kind = BL_ENT_PERSON;
  }
}

/* A capitalized word no recognizer tagged: a short form, a surname or an acronym of a name in
 * the document. */
static void bl_link__word(BlLink *l, size_t i)
{
  const BlToken *t = bl_link__tok(l, i);
  if (t->kind != BL_TOK_WORD || !(t->flags & BL_TF_CAP) || !l->names.used) return;
  l->word = i;
  if (t->flags & BL_TF_ALLCAPS) {
    int32_t target = bl_link__lookup_acronym(l, t);
    if (target >= 0) {
      int32_t x = bl_link__add(l, i, i + 1, l->out->items.items[target].kind, BL_EF_ACRONYM);
      bl_link__union(l, target, x);
    }
    return;
  }
  /* the lookups first (a small table), the context only for a hit */
  const BlLinkSlot *w = bl_link__lookup_word(l, t);
  if (!w) return;
  int32_t shortform = bl_link__prev_is_the(l, i) ? w->word[BL_LINK_SHORT] : -1;
  int32_t surname = shortform < 0 ? w->word[BL_LINK_SURNAME] : -1;
  int32_t same = shortform < 0 && surname < 0 ? w->word[BL_LINK_SAME] : -1;
  if (shortform < 0 && surname < 0 && same < 0) return;
  bool next_cap = bl_link__cap_word(l, i + 1) && bl_link__tok(l, i + 1)->block == t->block;
  if (next_cap && !bl_link__headline(l)) return; /* part of another name: "the Post Office" */
  if (shortform >= 0) {
    int32_t x = bl_link__add(l, i, i + 1, BL_ENT_ORGANIZATION, 0);
    bl_link__union(l, shortform, x);
    return;
  }
  if (i > 0 && bl_link__cap_word(l, i - 1) && bl_link__tok(l, i - 1)->block == t->block &&
      !(bl_link__tok(l, i - 1)->flags & BL_TF_SENT_START) && !bl_link__headline(l))
    return; /* "Joe Raimondo" is someone else */
  int32_t target = surname >= 0 ? surname : same;
  int32_t x = bl_link__add(l, i, i + 1, surname >= 0 ? BL_ENT_PERSON : l->out->items.items[same].kind, 0);
  bl_link__union(l, target, x);
}

/* Gives every group one canonical name, kind, subtype, code and role; sorts the entities and
 * numbers the groups densely. */
static void bl_link__finish(BlLink *l)
{
  BlEntities *out = l->out;
  size_t n = out->items.len;
  int32_t *best = bl_malloc((n ? n : 1) * sizeof *best); /* per root: the member that names it */
  int32_t *id = bl_malloc((n ? n : 1) * sizeof *id);
  for (size_t i = 0; i < n; i++) best[i] = id[i] = -1;
  for (size_t i = 0; i < n; i++) {
    const BlEntity *e = &out->items.items[i];
    if (!bl_link__is_name_kind(e->kind)) continue;
    int32_t r = bl_link__root(l, (int32_t)i);
    int32_t b = best[r];
    if (b < 0) {
      best[r] = (int32_t)i;
      continue;
    }
    const BlEntity *be = &out->items.items[b];
    bool e_gaz = e->canonical && e->source != BL_SRC_LINK && !(e->flags & BL_EF_ACRONYM);
    bool b_gaz = be->canonical && be->source != BL_SRC_LINK && !(be->flags & BL_EF_ACRONYM);
    bool e_acr = (e->flags & BL_EF_ACRONYM) != 0, b_acr = (be->flags & BL_EF_ACRONYM) != 0;
    if (b_gaz) continue;
    if (e_gaz || (b_acr && !e_acr) || (e_acr == b_acr && e->end - e->start > be->end - be->start))
      best[r] = (int32_t)i;
  }
  BlBuf canon;
  bl_buf_init(&canon, 0);
  for (size_t i = 0; i < n; i++) {
    BlEntity *e = &out->items.items[i];
    if (!bl_link__is_name_kind(e->kind)) {
      e->group = (int32_t)i; /* its own group; made dense after sorting */
      continue;
    }
    int32_t r = bl_link__root(l, (int32_t)i);
    e->group = r;
    const BlEntity *b = &out->items.items[best[r]];
    if (b == e) continue;
    /* the group's name: the best member's canonical, or its text without "the" or "'s" */
    canon.len = 0;
    if (b->canonical) {
      bl_buf_puts(&canon, b->canonical);
    } else {
      uint32_t s = b->start, en = b->end;
      const char *t = l->text;
      if (en - s > 4 && (memcmp(t + s, "the ", 4) == 0)) s += 4;
      if (en - s > 2 && t[en - 2] == '\'' && t[en - 1] == 's') en -= 2;
      else if (en - s > 4 && memcmp(t + en - 4, "\xE2\x80\x99s", 4) == 0) en -= 4;
      bl_buf_append(&canon, t + s, en - s);
    }
    if (b->kind != e->kind && (e->source == BL_SRC_LINK || e->source == BL_SRC_MODEL)) e->kind = b->kind;
    if (!e->subtype) e->subtype = b->subtype;
    if (!e->code[0]) memcpy(e->code, b->code, sizeof e->code);
    if (!e->role && b->role && e->kind == BL_ENT_PERSON) e->role = bl_strdup(b->role);
    bool same = canon.len == e->end - e->start && memcmp(canon.data ? canon.data : "", l->text + e->start, canon.len) == 0;
    bool already = e->canonical && strcmp(e->canonical, canon.data ? canon.data : "") == 0;
    if (!same && !already && canon.len) {
      bl_free(e->canonical);
      e->canonical = bl_strndup(canon.data, canon.len);
    }
    /* "NSA" for "National Security Agency" */
    size_t first = l->ents[i].first;
    char letters[16];
    if (l->ents[i].end == first + 1 && bl_link__acronym_letters(l, bl_link__tok(l, first), letters) &&
        e->canonical && strchr(e->canonical, ' '))
      e->flags |= BL_EF_ACRONYM;
  }
  bl_buf_free(&canon);
  /* the best member's own role goes to members that have none, and members' roles to it */
  for (size_t i = 0; i < n; i++) {
    BlEntity *e = &out->items.items[i];
    if (e->kind != BL_ENT_PERSON || !e->role) continue;
    int32_t r = bl_link__root(l, (int32_t)i);
    BlEntity *b = &out->items.items[best[r]];
    if (!b->role && b->kind == BL_ENT_PERSON) b->role = bl_strdup(e->role);
  }
  for (size_t i = 0; i < n; i++) {
    BlEntity *e = &out->items.items[i];
    if (e->kind != BL_ENT_PERSON || e->role) continue;
    const BlEntity *b = &out->items.items[best[bl_link__root(l, (int32_t)i)]];
    if (b->role) e->role = bl_strdup(b->role);
  }
  bl_free(best);
  /* sort (when linked mentions were appended), then dense ids in order of first mention */
  if (l->added) bl_entities_sort(out);
  int32_t next = 0;
  for (size_t i = 0; i < n; i++) {
    BlEntity *e = &out->items.items[i];
    if (id[e->group] < 0) id[e->group] = next++;
    e->group = id[e->group];
  }
  bl_free(id);
}

void bl_link_entities(const BlArticle *a, const BlTokens *tk, const BlLexicon *lx, BlEntities *out)
{
  BlLink l = {a->text, tk, out, lx, NULL, NULL, NULL, 0, {0}, false, {0}, 0, SIZE_MAX, -1};
  l.cover = bl_malloc((tk->tokens.len ? tk->tokens.len : 1) * sizeof *l.cover);
  memset(l.cover, 0xff, tk->tokens.len * sizeof *l.cover); /* -1 */
  size_t n0 = out->items.len;
  bl_link__reserve(&l, n0 + 16);
  bl_buf_init(&l.map.arena, 0);
  bl_buf_init(&l.names.arena, 0);
  /* token ranges in one sweep (entities are sorted and do not overlap) */
  size_t k = 0;
  for (size_t i = 0; i < n0; i++) {
    const BlEntity *e = &out->items.items[i];
    while (k < tk->tokens.len && tk->tokens.items[k].start < e->start) k++;
    if (k > 0 && tk->tokens.items[k - 1].end > e->start) k--; /* starts inside a token */
    size_t end = k;
    while (end < tk->tokens.len && tk->tokens.items[end].start < e->end) end++;
    l.parent[i] = (int32_t)i;
    l.ents[i] = (BlLinkEnt){(uint32_t)k, (uint32_t)end, {-1, -1, -1, -1}};
    for (size_t t = k; t < end; t++)
      if (l.cover[t] < 0) l.cover[t] = (int32_t)i;
  }
  /* first the full names, for mentions that come before any (headlines) */
  for (size_t i = 0; i < n0; i++) bl_link__register(&l, (int32_t)i);
  /* then in text order: each full name claims its registrations, so later mentions link to
   * the nearest one before them */
  size_t next_ent = 0;
  for (size_t i = 0; i < tk->tokens.len; i++) {
    while (next_ent < n0 && l.ents[next_ent].first <= i) {
      bl_link__claim(&l, (int32_t)next_ent);
      bl_link__entity(&l, (int32_t)next_ent);
      next_ent++;
    }
    if (l.cover[i] < 0) bl_link__word(&l, i);
  }
  for (; next_ent < n0; next_ent++) bl_link__entity(&l, (int32_t)next_ent);
  bl_link__finish(&l);
  bl_free(l.map.slots);
  bl_buf_free(&l.map.arena);
  bl_free(l.names.slots);
  bl_buf_free(&l.names.arena);
  bl_free(l.parent);
  bl_free(l.ents);
  bl_free(l.cover);
}
