/* lexicon.c: loading and looking up the gazetteers and word lists (see lexicon.h).
 *
 * Data file formats (tab-separated, UTF-8, '#' starts a comment line, blank lines ignored):
 *
 *   names (countries.tsv, regions.tsv, cities.tsv, nationalities.tsv, organizations.tsv,
 *          media.tsv, companies.tsv, and files in $BYLINE_GAZETTEERS):
 *     canonical <TAB> type <TAB> code <TAB> aliases
 *   type is country|region|city|agency|military|government|company|media|international|other|
 *   nationality; code an ISO 3166-1 alpha-2 code or "-"; aliases '|'-separated (may be empty or
 *   "-"). The canonical name is an alias too. An alias prefixed '?' is also a common word
 *   ("?Turkey"), '~' also a person's name ("~Jordan").
 *
 *   titles.tsv:
 *     head <TAB> singular <TAB> plurals('|' or "-") [<TAB> options: nameonly,needmod,adj,group]
 *     abbr <TAB> forms('|') <TAB> expansion          ("Sen|Sens" -> "Senator"; a period follows)
 *     status|topic|det|follow|orgnoun|func|prep <TAB> words('|')
 *
 * Invariants: word ids index `words`; a phrase's ids live in phrase_ids[off, off + n); every
 * proper prefix of a phrase is in the phrase table with entry -1 unless it is a phrase itself.
 * The first file to define a phrase keeps it (files load in a fixed order: countries, cities,
 * regions, nationalities, organizations, media, companies, extra files), and later duplicates
 * are logged at debug level.
 *
 * An extension (bl_lexicon_load_extra: a .byline.json's gazetteers) has tables of its own for
 * what its files add and points at the process-wide lexicon as its base, which is never freed;
 * a lookup asks both and keeps the longer match (the base's at equal length, as if the base had
 * loaded first into one table). Copying the base instead would cost about 400 KB per
 * configuration (measured: bl_lexicon_bytes); an extension costs its own phrases plus about
 * 35 KB of tables (the filter, the country names, the empty hash tables). */
#include "lexicon.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/log.h"
#include "../docs_path.h"
#include "article.h"

enum {
  BL_LEX_MAX_WORD = 64,    /* longer tokens are never in the lexicon */
  BL_LEX_MAX_PHRASE = BL_LEXICON_MAX_PHRASE, /* the capital masks are 16 bits */
  BL_LEX_MAX_FILE = 16 << 20,
};

typedef struct BlLexWord {
  uint32_t off, len; /* into chars */
  uint64_t hash;
  uint32_t cls; /* BL_LW_* */
} BlLexWord;

typedef struct BlLexPhrase {
  uint64_t hash;
  uint32_t ids_off;
  int32_t entry;      /* index into entries, -1 for a prefix only */
  uint16_t capmask;   /* tokens that must start with a capital */
  uint16_t capsmask;  /* tokens that must be all capitals */
  uint8_t n;          /* tokens */
  uint8_t table;      /* BlLexTable */
  uint8_t flags;      /* BL_LEXF_* */
} BlLexPhrase;

struct BlLexicon {
  BlLexFilter filter; /* first: lexicon.h reads it through the BlLexicon pointer */
  BlVec(char) chars;
  BlVec(BlLexWord) words;
  uint32_t *word_slots; /* word index + 1; 0 = empty */
  size_t word_cap;      /* power of two */
  BlVec(BlLexEntry) entries;
  BlVec(int32_t) phrase_ids;
  BlVec(BlLexPhrase) phrases;
  uint32_t *phrase_slots; /* phrase index + 1 */
  size_t phrase_cap;
  size_t phrase_count;          /* full phrases, not prefixes */
  const char *countries[26 * 26]; /* canonical name by alpha-2 code */
  /* An extension (bl_lexicon_load_extra) holds only what its files add; lookups consult `base`
   * (the process-wide lexicon) too. Its filter and countries start as copies of the base's. */
  const BlLexicon *base; /* NULL in the process-wide lexicon */
  atomic_uint refs;      /* an extension's references (unused in the process-wide lexicon) */
};

/* ---------------------------------------------------------------- hashing and normalizing */

static inline uint64_t bl_lex__mix(uint64_t h)
{
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

/* Normalizes a token's text into out (ASCII lowercased, U+2018/U+2019 as '); returns the
 * length, or 0 when the word is empty or too long for the lexicon. */
static size_t bl_lex__norm(const char *s, size_t n, char out[BL_LEX_MAX_WORD], uint64_t *hash)
{
  uint64_t h = 0xcbf29ce484222325ULL;
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
      c = '\'';
      i += 2;
    } else if (c >= 'A' && c <= 'Z') {
      c = (unsigned char)(c + 32);
    }
    if (o >= BL_LEX_MAX_WORD) return 0;
    out[o++] = (char)c;
    h = (h ^ c) * 0x100000001b3ULL;
  }
  *hash = h;
  return o;
}

static int32_t bl_lex__find_word(const BlLexicon *lx, const char *norm, size_t n, uint64_t h)
{
  if (!lx->word_cap) return -1;
  size_t mask = lx->word_cap - 1;
  for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
    uint32_t slot = lx->word_slots[i];
    if (!slot) return -1;
    const BlLexWord *w = &lx->words.items[slot - 1];
    if (w->hash == h && w->len == n && memcmp(lx->chars.items + w->off, norm, n) == 0) return (int32_t)(slot - 1);
  }
}

static int32_t bl_lex__word_id(const BlLexicon *lx, const char *s, size_t n)
{
  char norm[BL_LEX_MAX_WORD];
  uint64_t h;
  size_t len = bl_lex__norm(s, n, norm, &h);
  if (!len) return -1;
  return bl_lex__find_word(lx, norm, len, h);
}

static void bl_lex__grow_words(BlLexicon *lx)
{
  size_t cap = lx->word_cap ? lx->word_cap * 2 : 1024;
  uint32_t *slots = bl_calloc(cap, sizeof *slots);
  for (size_t w = 0; w < lx->words.len; w++) {
    size_t i = (size_t)lx->words.items[w].hash & (cap - 1);
    while (slots[i]) i = (i + 1) & (cap - 1);
    slots[i] = (uint32_t)(w + 1);
  }
  bl_free(lx->word_slots);
  lx->word_slots = slots;
  lx->word_cap = cap;
}

/* Interns a word (given as token text); returns its id, or -1 when it is too long. */
static int32_t bl_lex__intern(BlLexicon *lx, const char *s, size_t n)
{
  char norm[BL_LEX_MAX_WORD];
  uint64_t h;
  size_t len = bl_lex__norm(s, n, norm, &h);
  if (!len) return -1;
  int32_t id = bl_lex__find_word(lx, norm, len, h);
  if (id >= 0) return id;
  if ((lx->words.len + 1) * 2 > lx->word_cap) bl_lex__grow_words(lx);
  BlLexWord w = {(uint32_t)lx->chars.len, (uint32_t)len, h, 0};
  bl_vec_reserve(&lx->chars, len + 1);
  memcpy(lx->chars.items + lx->chars.len, norm, len);
  lx->chars.len += len;
  lx->chars.items[lx->chars.len++] = '\0';
  bl_vec_push(&lx->words, w);
  id = (int32_t)(lx->words.len - 1);
  size_t mask = lx->word_cap - 1;
  size_t i = (size_t)h & mask;
  while (lx->word_slots[i]) i = (i + 1) & mask;
  lx->word_slots[i] = (uint32_t)(id + 1);
  return id;
}

static inline uint64_t bl_lex__phrase_seed(BlLexTable table)
{
  return 0x9e3779b97f4a7c15ULL * (uint64_t)(table + 1);
}

static inline uint64_t bl_lex__phrase_step(uint64_t h, int32_t id)
{
  return (h ^ (uint64_t)(uint32_t)(id + 1)) * 0x100000001b3ULL + 0x632be59bd9b4e019ULL;
}

static int32_t bl_lex__find_phrase(const BlLexicon *lx, uint64_t h, uint8_t table, const int32_t *ids, size_t n)
{
  if (!lx->phrase_cap) return -1;
  uint64_t key = bl_lex__mix(h);
  size_t mask = lx->phrase_cap - 1;
  for (size_t i = (size_t)key & mask;; i = (i + 1) & mask) {
    uint32_t slot = lx->phrase_slots[i];
    if (!slot) return -1;
    const BlLexPhrase *p = &lx->phrases.items[slot - 1];
    if (p->hash == h && p->n == n && p->table == table) {
      const int32_t *have = lx->phrase_ids.items + p->ids_off;
      size_t k = 0;
      while (k < n && have[k] == ids[k]) k++;
      if (k == n) return (int32_t)(slot - 1);
    }
  }
}

static void bl_lex__grow_phrases(BlLexicon *lx)
{
  size_t cap = lx->phrase_cap ? lx->phrase_cap * 2 : 4096;
  uint32_t *slots = bl_calloc(cap, sizeof *slots);
  for (size_t p = 0; p < lx->phrases.len; p++) {
    size_t i = (size_t)bl_lex__mix(lx->phrases.items[p].hash) & (cap - 1);
    while (slots[i]) i = (i + 1) & (cap - 1);
    slots[i] = (uint32_t)(p + 1);
  }
  bl_free(lx->phrase_slots);
  lx->phrase_slots = slots;
  lx->phrase_cap = cap;
}

static int32_t bl_lex__add_phrase_rec(BlLexicon *lx, uint64_t h, uint8_t table, const int32_t *ids, size_t n)
{
  int32_t at = bl_lex__find_phrase(lx, h, table, ids, n);
  if (at >= 0) return at;
  if ((lx->phrases.len + 1) * 2 > lx->phrase_cap) bl_lex__grow_phrases(lx);
  BlLexPhrase p = {h, (uint32_t)lx->phrase_ids.len, -1, 0, 0, (uint8_t)n, table, 0};
  bl_vec_reserve(&lx->phrase_ids, n);
  memcpy(lx->phrase_ids.items + lx->phrase_ids.len, ids, n * sizeof *ids);
  lx->phrase_ids.len += n;
  bl_vec_push(&lx->phrases, p);
  at = (int32_t)(lx->phrases.len - 1);
  size_t mask = lx->phrase_cap - 1;
  size_t i = (size_t)bl_lex__mix(h) & mask;
  while (lx->phrase_slots[i]) i = (i + 1) & mask;
  lx->phrase_slots[i] = (uint32_t)(at + 1);
  return at;
}

/* ---------------------------------------------------------------- loading */

/* Where the problems of one file go: the caller's list, or the log. */
typedef struct {
  BlLexiconProblems *out; /* NULL: logged */
  size_t file;            /* index of the file in the caller's list */
  size_t count;           /* problems met in this file */
} BlLexSink;

enum { BL_LEX_MAX_PROBLEMS = 10 }; /* per file, in a list; the rest are counted */

static void bl_lex__problem(BlLexSink *sink, const char *path, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* One problem of a file: at a line (the message does not name the file), or with line 0 the file
 * as a whole (the message names it). */
static void bl_lex__problem(BlLexSink *sink, const char *path, size_t line, const char *fmt, ...)
{
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  sink->count++;
  if (!sink->out) {
    if (line) bl_warn("%s:%zu: %s", path, line, msg);
    else bl_warn("%s", msg);
    return;
  }
  if (sink->count > BL_LEX_MAX_PROBLEMS) return;
  BlLexiconProblem p = {sink->file, line, bl_strdup(msg)};
  bl_vec_push(sink->out, p);
}

typedef struct {
  const char *file;
  size_t line;
  BlLexSink *sink;
} BlLexWhere;

/* Adds one alias of entry `entry` (an index) to `table`. The alias is tokenized like text. */
static void bl_lex__add_alias(BlLexicon *lx, BlLexTable table, const char *alias, size_t len, int32_t entry,
                              uint8_t flags, const BlLexWhere *at)
{
  while (len && (*alias == ' ')) alias++, len--;
  while (len && alias[len - 1] == ' ') len--;
  if (!len) return;
  BlArticle art;
  BlTokens tk;
  bl_article_init(&art, alias, len);
  bl_tokens_build(&tk, &art);
  size_t n = tk.tokens.len;
  if (n == 0 || n > BL_LEX_MAX_PHRASE || art.blocks.len != 1) {
    bl_lex__problem(at->sink, at->file, at->line, "skipped \"%.*s\" (%s)", (int)len, alias,
                    n > BL_LEX_MAX_PHRASE ? "too many words" : "not one phrase");
    goto done;
  }
  int32_t ids[BL_LEX_MAX_PHRASE];
  uint16_t capmask = 0, capsmask = 0;
  uint64_t h = bl_lex__phrase_seed(table);
  for (size_t i = 0; i < n; i++) {
    const BlToken *t = &tk.tokens.items[i];
    ids[i] = bl_lex__intern(lx, alias + t->start, t->end - t->start);
    if (ids[i] < 0) {
      bl_lex__problem(at->sink, at->file, at->line, "skipped \"%.*s\" (a word is too long)", (int)len, alias);
      goto done;
    }
    if (table == BL_LEX_NAMES) {
      if (t->flags & BL_TF_CAP) capmask |= (uint16_t)(1u << i);
      if (t->flags & BL_TF_ALLCAPS) capsmask |= (uint16_t)(1u << i);
    }
    h = bl_lex__phrase_step(h, ids[i]);
    if (i + 1 < n) bl_lex__add_phrase_rec(lx, h, (uint8_t)table, ids, i + 1); /* a prefix */
  }
  const char *canon = lx->entries.items[entry].canonical;
  if (table == BL_LEX_NAMES && n == 1 && (tk.tokens.items[0].flags & BL_TF_ALLCAPS) &&
      !(strlen(canon) == len && memcmp(canon, alias, len) == 0))
    flags |= BL_LEXF_ACRONYM;
  {
    /* the filter sees the text's bytes: an apostrophe may be ' or the 3-byte ’ there */
    const BlLexWord *w0 = &lx->words.items[ids[0]];
    const char *word = lx->chars.items + w0->off;
    size_t apos = 0;
    for (size_t k = 0; k < w0->len; k++) apos += word[k] == '\'';
    unsigned char first = (unsigned char)word[0], last = (unsigned char)word[w0->len - 1];
    uint32_t bits = (1u << (w0->len & 31)) | (1u << ((w0->len + 2 * apos) & 31));
    unsigned f2 = first == '\'' ? bl_lexicon_class5(0xE2) : bl_lexicon_class5(first);
    unsigned l2 = last == '\'' ? bl_lexicon_class5(0x99) : bl_lexicon_class5(last);
    lx->filter.bits[table][bl_lexicon_class5(first) * 32 + bl_lexicon_class5(last)] |= bits;
    lx->filter.bits[table][f2 * 32 + l2] |= bits;
  }
  int32_t p = bl_lex__add_phrase_rec(lx, h, (uint8_t)table, ids, n);
  BlLexPhrase *ph = &lx->phrases.items[p];
  if (ph->entry < 0) {
    ph->entry = entry;
    ph->capmask = capmask;
    ph->capsmask = capsmask;
    ph->flags = flags;
    lx->phrase_count++;
  } else if (ph->entry == entry) {
    /* another spelling of the same alias ("NASA" and "Nasa"): the looser capitals win */
    ph->capmask &= capmask;
    ph->capsmask &= capsmask;
    ph->flags |= flags;
  } else {
    bl_debug("%s:%zu: \"%.*s\" is already defined as \"%s\"; the first definition stays", at->file, at->line,
             (int)len, alias, lx->entries.items[ph->entry].canonical);
  }
done:
  bl_tokens_free(&tk);
  bl_article_free(&art);
}

/* Splits s[0..len) at `sep`, calling fn for each non-empty part. */
#define BL_LEX_FOR_PARTS(s, len, sep, part, plen, body)                            \
  do {                                                                             \
    size_t bl__i = 0;                                                              \
    while (bl__i <= (len)) {                                                       \
      size_t bl__j = bl__i;                                                        \
      while (bl__j < (len) && (s)[bl__j] != (sep)) bl__j++;                        \
      const char *part = (s) + bl__i;                                              \
      size_t plen = bl__j - bl__i;                                                 \
      if (plen && !(plen == 1 && part[0] == '-')) { body }                         \
      bl__i = bl__j + 1;                                                           \
    }                                                                              \
  } while (0)

static int32_t bl_lex__add_entry(BlLexicon *lx, const char *canonical, size_t len, uint8_t kind, uint8_t subtype,
                                 uint8_t opts, const char *code, size_t code_len)
{
  BlLexEntry e = {bl_strndup(canonical, len), kind, subtype, opts, {0}};
  if (code_len == 2) memcpy(e.code, code, 2);
  bl_vec_push(&lx->entries, e);
  return (int32_t)(lx->entries.len - 1);
}

static bool bl_lex__field_is(const char *s, size_t n, const char *lit)
{
  return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static uint8_t bl_lex__alias_flags(const char **s, size_t *n)
{
  uint8_t f = 0;
  while (*n && (**s == '?' || **s == '~')) {
    f |= **s == '?' ? BL_LEXF_AMBIG_WORD : BL_LEXF_AMBIG_NAME;
    (*s)++;
    (*n)--;
  }
  return f;
}

/* Fields of one line, split at tabs (at most 8). */
typedef struct {
  const char *s[8];
  size_t n[8];
  size_t count;
} BlLexFields;

static void bl_lex__fields(const char *line, size_t len, BlLexFields *f)
{
  f->count = 0;
  size_t i = 0;
  while (f->count < 8) {
    size_t j = i;
    while (j < len && line[j] != '\t') j++;
    f->s[f->count] = line + i;
    f->n[f->count] = j - i;
    f->count++;
    if (j >= len) break;
    i = j + 1;
  }
}

static bool bl_lex__names_line(BlLexicon *lx, const BlLexFields *f, const BlLexWhere *at)
{
  static const struct {
    const char *name;
    uint8_t kind, subtype;
  } types[] = {
      {"country", BL_LEX_PLACE, BL_PLACE_COUNTRY},   {"city", BL_LEX_PLACE, BL_PLACE_CITY},
      {"region", BL_LEX_PLACE, BL_PLACE_REGION},     {"agency", BL_LEX_ORG, BL_ORG_AGENCY},
      {"military", BL_LEX_ORG, BL_ORG_MILITARY},     {"government", BL_LEX_ORG, BL_ORG_GOVERNMENT},
      {"company", BL_LEX_ORG, BL_ORG_COMPANY},       {"media", BL_LEX_ORG, BL_ORG_MEDIA},
      {"international", BL_LEX_ORG, BL_ORG_INTERNATIONAL}, {"other", BL_LEX_ORG, BL_ORG_OTHER},
      {"nationality", BL_LEX_NATIONALITY, 0},
  };
  if (f->count < 3) return false;
  size_t t = 0;
  while (t < sizeof types / sizeof types[0] && !bl_lex__field_is(f->s[1], f->n[1], types[t].name)) t++;
  if (t == sizeof types / sizeof types[0]) return false;
  if (!(f->n[2] == 2 || bl_lex__field_is(f->s[2], f->n[2], "-"))) return false;
  const char *canon = f->s[0];
  size_t canon_n = f->n[0];
  uint8_t canon_flags = bl_lex__alias_flags(&canon, &canon_n);
  if (!canon_n) return false;
  int32_t entry = bl_lex__add_entry(lx, canon, canon_n, types[t].kind, types[t].subtype, 0, f->s[2], f->n[2]);
  const BlLexEntry *en = &lx->entries.items[entry];
  if (types[t].subtype == BL_PLACE_COUNTRY && types[t].kind == BL_LEX_PLACE && en->code[0] >= 'A' &&
      en->code[0] <= 'Z' && en->code[1] >= 'A' && en->code[1] <= 'Z') {
    size_t slot = (size_t)(en->code[0] - 'A') * 26 + (size_t)(en->code[1] - 'A');
    if (!lx->countries[slot]) lx->countries[slot] = en->canonical;
  }
  bl_lex__add_alias(lx, BL_LEX_NAMES, canon, canon_n, entry, canon_flags, at);
  if (f->count >= 4)
    BL_LEX_FOR_PARTS(f->s[3], f->n[3], '|', part, plen, {
      const char *a = part;
      size_t an = plen;
      uint8_t fl = bl_lex__alias_flags(&a, &an);
      bl_lex__add_alias(lx, BL_LEX_NAMES, a, an, entry, fl, at);
    });
  return true;
}

static uint32_t bl_lex__class_bit(const char *s, size_t n)
{
  static const struct {
    const char *name;
    uint32_t bit;
  } classes[] = {
      {"det", BL_LW_DET},       {"status", BL_LW_STATUS},   {"topic", BL_LW_TOPIC}, {"follow", BL_LW_FOLLOW},
      {"orgnoun", BL_LW_ORGNOUN}, {"func", BL_LW_FUNC},     {"prep", BL_LW_PREP},
  };
  for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
    if (bl_lex__field_is(s, n, classes[i].name)) return classes[i].bit;
  return 0;
}

/* Gives every word of the phrase the class bit. */
static void bl_lex__add_class(BlLexicon *lx, const char *s, size_t n, uint32_t bit)
{
  size_t i = 0;
  while (i < n) {
    while (i < n && s[i] == ' ') i++;
    size_t j = i;
    while (j < n && s[j] != ' ') j++;
    if (j > i) {
      int32_t id = bl_lex__intern(lx, s + i, j - i);
      if (id >= 0) lx->words.items[id].cls |= bit;
    }
    i = j;
  }
}

static bool bl_lex__titles_line(BlLexicon *lx, const BlLexFields *f, const BlLexWhere *at)
{
  if (f->count < 2) return false;
  if (bl_lex__field_is(f->s[0], f->n[0], "head")) {
    if (f->count < 3 || !f->n[1]) return false;
    uint8_t opts = 0;
    if (f->count >= 4)
      BL_LEX_FOR_PARTS(f->s[3], f->n[3], ',', part, plen, {
        if (bl_lex__field_is(part, plen, "nameonly")) opts |= BL_TITLE_NAME_ONLY;
        else if (bl_lex__field_is(part, plen, "needmod")) opts |= BL_TITLE_NEED_MOD;
        else if (bl_lex__field_is(part, plen, "adj")) opts |= BL_TITLE_ADJ;
        else if (bl_lex__field_is(part, plen, "group")) opts |= BL_TITLE_GROUP;
        else return false;
      });
    int32_t entry = bl_lex__add_entry(lx, f->s[1], f->n[1], BL_LEX_TITLE, 0, opts, "", 0);
    bl_lex__add_alias(lx, BL_LEX_TITLES, f->s[1], f->n[1], entry, (opts & BL_TITLE_GROUP) ? BL_LEXF_PLURAL : 0, at);
    BL_LEX_FOR_PARTS(f->s[2], f->n[2], '|', part, plen,
                     { bl_lex__add_alias(lx, BL_LEX_TITLES, part, plen, entry, BL_LEXF_PLURAL, at); });
    return true;
  }
  if (bl_lex__field_is(f->s[0], f->n[0], "abbr")) {
    if (f->count < 3 || !f->n[2]) return false;
    int32_t entry = bl_lex__add_entry(lx, f->s[2], f->n[2], BL_LEX_TITLE, 0, BL_TITLE_ABBR | BL_TITLE_NAME_ONLY, "", 0);
    BL_LEX_FOR_PARTS(f->s[1], f->n[1], '|', part, plen,
                     { bl_lex__add_alias(lx, BL_LEX_TITLES, part, plen, entry, 0, at); });
    return true;
  }
  uint32_t bit = bl_lex__class_bit(f->s[0], f->n[0]);
  if (!bit) return false;
  BL_LEX_FOR_PARTS(f->s[1], f->n[1], '|', part, plen, { bl_lex__add_class(lx, part, plen, bit); });
  return true;
}

/* Reads one data file; returns false (after reporting it to the sink) when it cannot be read. */
static bool bl_lex__load_file(BlLexicon *lx, const char *path, bool titles, BlLexSink *sink)
{
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    bl_lex__problem(sink, path, 0, "cannot read gazetteer %s: %s%s", path, strerror(errno),
                    sink->out ? "" : " (entities of its kind will lack names and codes)");
    return false;
  }
  BlVec(char) buf = {0};
  char chunk[65536];
  size_t got;
  bool too_big = false;
  while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
    if (buf.len + got > BL_LEX_MAX_FILE) {
      too_big = true;
      break;
    }
    bl_vec_reserve(&buf, got);
    memcpy(buf.items + buf.len, chunk, got);
    buf.len += got;
  }
  int err = errno;
  bool read_error = ferror(fp) != 0;
  fclose(fp);
  if (too_big || read_error) {
    bl_lex__problem(sink, path, 0, "cannot read gazetteer %s: %s", path, too_big ? "larger than 16 MiB" : strerror(err));
    bl_vec_free(&buf);
    return false;
  }
  size_t bad = 0, first_bad = 0;
  BlLexWhere at = {path, 0, sink};
  size_t i = 0;
  while (i < buf.len) {
    size_t j = i;
    while (j < buf.len && buf.items[j] != '\n') j++;
    size_t len = j - i;
    const char *line = buf.items + i;
    at.line++;
    if (len && line[len - 1] == '\r') len--;
    if (len && line[0] != '#') {
      bool blank = true;
      for (size_t k = 0; k < len && blank; k++) blank = line[k] == ' ' || line[k] == '\t';
      if (!blank) {
        BlLexFields f;
        bl_lex__fields(line, len, &f);
        bool ok = titles ? bl_lex__titles_line(lx, &f, &at) : bl_lex__names_line(lx, &f, &at);
        if (!ok && bad++ == 0) first_bad = at.line;
      }
    }
    i = j + 1;
  }
  if (bad)
    bl_lex__problem(sink, path, first_bad, "%zu malformed line%s skipped%s (expected %s)", bad, bad == 1 ? "" : "s",
                    bad == 1 ? "" : ", the first here",
                    titles ? "class<TAB>words..." : "canonical<TAB>type<TAB>code<TAB>aliases");
  if (sink->out && sink->count > BL_LEX_MAX_PROBLEMS) {
    BlBuf more;
    bl_buf_init(&more, 0);
    bl_buf_printf(&more, "%zu more problems in %s not listed", sink->count - BL_LEX_MAX_PROBLEMS, path);
    BlLexiconProblem p = {sink->file, 0, bl_buf_take(&more, NULL)};
    bl_vec_push(sink->out, p);
  }
  bl_vec_free(&buf);
  return true;
}

static BlLexicon bl_lex__the;

static void bl_lex__load(void)
{
  /* Order matters: the first file to define a phrase keeps it. Cities come before regions so
   * that "Washington" and "New York" are the cities (datelines), not the states. */
  static const char *const names[] = {
      "countries.tsv", "cities.tsv", "regions.tsv", "nationalities.tsv",
      "organizations.tsv", "media.tsv", "companies.tsv",
  };
  BlLexicon *lx = &bl_lex__the;
  const char *dir = bl_data_dir();
  char path[4096];
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    BlLexSink log = {0};
    bl_lex__load_file(lx, path, false, &log);
  }
  snprintf(path, sizeof path, "%s/titles.tsv", dir);
  BlLexSink log = {0};
  bl_lex__load_file(lx, path, true, &log);
  const char *extra = getenv("BYLINE_GAZETTEERS");
  if (extra && *extra) {
    const char *p = extra;
    while (*p) {
      const char *e = strchr(p, ':');
      size_t n = e ? (size_t)(e - p) : strlen(p);
      if (n && n < sizeof path) {
        memcpy(path, p, n);
        path[n] = '\0';
        BlLexSink extra_log = {0};
        bl_lex__load_file(lx, path, false, &extra_log);
      }
      p += n + (e ? 1 : 0);
    }
  }
  bl_debug("lexicon: %zu phrases, %zu words from %s", lx->phrase_count, lx->words.len, dir);
}

const BlLexicon *bl_lexicon_get(void)
{
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, bl_lex__load);
  return &bl_lex__the;
}

size_t bl_lexicon_size(const BlLexicon *lx)
{
  return lx->phrase_count + (lx->base ? lx->base->phrase_count : 0);
}

/* ---------------------------------------------------------------- extensions */

BlLexicon *bl_lexicon_load_extra(const char *const *paths, size_t n, BlLexiconProblems *problems)
{
  const BlLexicon *base = bl_lexicon_get();
  BlLexicon *lx = bl_calloc(1, sizeof *lx);
  lx->filter = base->filter;
  memcpy(lx->countries, base->countries, sizeof lx->countries); /* the base's names stay first */
  lx->base = base;
  atomic_init(&lx->refs, 1u);
  for (size_t i = 0; i < n; i++) {
    BlLexSink sink = {problems, i, 0};
    bl_lex__load_file(lx, paths[i], false, &sink);
  }
  bl_debug("lexicon extension: %zu phrases, %zu words from %zu files", lx->phrase_count, lx->words.len, n);
  return lx;
}

const BlLexicon *bl_lexicon_retain(const BlLexicon *lx)
{
  if (lx && lx->base) atomic_fetch_add_explicit(&((BlLexicon *)lx)->refs, 1u, memory_order_relaxed);
  return lx;
}

void bl_lexicon_release(const BlLexicon *clx)
{
  if (!clx || !clx->base) return; /* the process-wide lexicon lives as long as the process */
  BlLexicon *lx = (BlLexicon *)clx;
  if (atomic_fetch_sub_explicit(&lx->refs, 1u, memory_order_acq_rel) != 1u) return;
  for (size_t i = 0; i < lx->entries.len; i++) bl_free((char *)lx->entries.items[i].canonical);
  bl_vec_free(&lx->entries);
  bl_vec_free(&lx->chars);
  bl_vec_free(&lx->words);
  bl_vec_free(&lx->phrase_ids);
  bl_vec_free(&lx->phrases);
  bl_free(lx->word_slots);
  bl_free(lx->phrase_slots);
  bl_free(lx);
}

size_t bl_lexicon_bytes(const BlLexicon *lx)
{
  size_t n = sizeof *lx + lx->chars.cap * sizeof *lx->chars.items + lx->words.cap * sizeof *lx->words.items +
             lx->word_cap * sizeof *lx->word_slots + lx->entries.cap * sizeof *lx->entries.items +
             lx->phrase_ids.cap * sizeof *lx->phrase_ids.items + lx->phrases.cap * sizeof *lx->phrases.items +
             lx->phrase_cap * sizeof *lx->phrase_slots;
  for (size_t i = 0; i < lx->entries.len; i++) n += strlen(lx->entries.items[i].canonical) + 1;
  return n;
}

void bl_lexicon_problems_free(BlLexiconProblems *problems)
{
  for (size_t i = 0; i < problems->len; i++) bl_free(problems->items[i].message);
  bl_vec_free(problems);
}

/* ---------------------------------------------------------------- lookups */

const char *bl_lexicon_country_name(const BlLexicon *lx, const char *code)
{
  if (!code || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z') return NULL;
  return lx->countries[(size_t)(code[0] - 'A') * 26 + (size_t)(code[1] - 'A')];
}

uint32_t bl_lexicon_word_class(const BlLexicon *lx, const char *word, size_t len)
{
  if (lx->base) lx = lx->base; /* word classes come from titles.tsv, which only the base reads */
  int32_t id = bl_lex__word_id(lx, word, len);
  return id < 0 ? 0 : lx->words.items[id].cls;
}

/* The longest match in lx's own tables (an extension's base is not consulted). */
static bool bl_lex__match_own(const BlLexicon *lx, BlLexTable table, const char *text, const BlTokens *tk, size_t i,
                              size_t max_len, BlLexMatch *out)
{
  size_t n = tk->tokens.len;
  if (i >= n || !lx->phrase_cap) return false;
  const BlToken *toks = tk->tokens.items;
  uint16_t block = toks[i].block;
  int32_t ids[BL_LEX_MAX_PHRASE];
  uint16_t cap = 0, caps = 0; /* the text's capitals, as masks */
  uint64_t h = bl_lex__phrase_seed(table);
  bool found = false;
  if (!max_len || max_len > BL_LEX_MAX_PHRASE) max_len = BL_LEX_MAX_PHRASE;
  for (size_t k = 0; k < max_len && i + k < n; k++) {
    const BlToken *t = &toks[i + k];
    if (t->block != block) break;
    ids[k] = bl_lex__word_id(lx, text + t->start, t->end - t->start);
    if (ids[k] < 0) break;
    if (t->flags & BL_TF_CAP) cap |= (uint16_t)(1u << k);
    if (t->flags & BL_TF_ALLCAPS) caps |= (uint16_t)(1u << k);
    h = bl_lex__phrase_step(h, ids[k]);
    int32_t p = bl_lex__find_phrase(lx, h, (uint8_t)table, ids, k + 1);
    if (p < 0) break;
    const BlLexPhrase *ph = &lx->phrases.items[p];
    if (ph->entry < 0) continue;
    if ((ph->capmask & ~cap) || (ph->capsmask & ~caps)) continue;
    out->entry = &lx->entries.items[ph->entry];
    out->len = (uint32_t)(k + 1);
    out->flags = ph->flags;
    found = true;
  }
  return found;
}

bool bl_lexicon_match(const BlLexicon *lx, BlLexTable table, const char *text, const BlTokens *tk, size_t i,
                      size_t max_len, BlLexMatch *out)
{
  if (!lx->base) return bl_lex__match_own(lx, table, text, tk, i, max_len, out);
  /* an extension: the longer match wins; at equal length the base's, as the base loaded first */
  bool in_base = bl_lex__match_own(lx->base, table, text, tk, i, max_len, out);
  BlLexMatch mine;
  if (!bl_lex__match_own(lx, table, text, tk, i, max_len, &mine)) return in_base;
  if (!in_base || mine.len > out->len) *out = mine;
  return true;
}

/* ---------------------------------------------------------------- shared token helpers */

size_t bl_token_at(const BlTokens *tk, uint32_t byte)
{
  size_t lo = 0, hi = tk->tokens.len;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (tk->tokens.items[mid].start < byte) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

int32_t *bl_entity_cover(const BlTokens *tk, const BlEntities *ents)
{
  size_t n = tk->tokens.len;
  int32_t *cover = bl_malloc((n ? n : 1) * sizeof *cover);
  memset(cover, 0xff, n * sizeof *cover); /* -1 */
  size_t hint = 0; /* entities come in runs in text order: gallop forward from the last one */
  for (size_t e = 0; e < ents->items.len; e++) {
    const BlEntity *en = &ents->items.items[e];
    size_t i;
    if (hint < n && tk->tokens.items[hint].start <= en->start) {
      size_t lo = hint, step = 1;
      while (lo + step < n && tk->tokens.items[lo + step].start < en->start) {
        lo += step;
        step *= 2;
      }
      size_t hi = lo + step < n ? lo + step : n; /* tokens[lo].start < start <= tokens[hi].start */
      while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tk->tokens.items[mid].start < en->start) lo = mid + 1;
        else hi = mid;
      }
      i = lo;
    } else {
      i = bl_token_at(tk, en->start);
    }
    for (; i < n && tk->tokens.items[i].start < en->end; i++)
      if (cover[i] < 0) cover[i] = (int32_t)e;
    hint = i;
  }
  return cover;
}

bool bl_token_is_possessive(const char *text, const BlToken *t)
{
  return bl_token_is(text, t, "'s") || bl_token_is(text, t, "\xE2\x80\x99s") || bl_token_is(text, t, "'") ||
         bl_token_is(text, t, "\xE2\x80\x99");
}
