/* ner_features.c: the name model's features (see ner.h), shared by the trainer and the tagger.
 *
 * Everything here reads token text and position only. Text is normalized before it is hashed,
 * so that CoNLL's tokenized Reuters copy and real news copy look alike: ASCII letters are
 * lowercased (and Latin-1 capitals), digits become 0, curly apostrophes and quotes become ' and
 * ", en and em dashes (and "--") become -, the ellipsis character becomes "...". Words longer
 * than BL_NER__MAXW bytes are hashed on their first BL_NER__MAXW normalized bytes and length.
 *
 * Per token (bl_ner_prepare): the lowercased word, two shapes (runs capped at 4, and runs
 * collapsed), suffixes of 2-4 and prefixes of 2-3 bytes, a capitalization class, and whether
 * the token can be part of a name at all (a candidate: it has a capital letter, or it is a
 * connector such as "of", "de", "al", "&" between capitalized tokens), and what the document
 * memory (the types given to the same word earlier in the document) says of it.
 *
 * Per position (the templates, each hashed with its own id):
 *   static: bias; word at -2..+2; shape at -2..+2; word bigrams (-1,0) and (0,+1); shape
 *   trigram (-1,0,+1) and bigrams; word -1 with shape 0; shape 0 with word +1; suffixes and
 *   prefixes; capitalization class with sentence-initial; word when sentence-initial; caps line
 *   with class; word on a caps line; the same two on a title-case line; whether the neighbours
 *   are candidates; the type the document memory holds for the word, alone and with where the
 *   token sits (sentence-initial, caps line, title line) and its class.
 *   label: previous label; previous two labels; previous label with word, shape and word -1.
 * Changing any of this changes what a model means: bump BL_NER_FEATURE_VERSION and retrain. */
#include "ner.h"

#include <string.h>

#include "../base/alloc.h"
#include "../base/utf8.h"

#define BL_NER__MAXW 64

/* ---------------------------------------------------------------- hashing */

static inline uint64_t bl_ner__mix(uint64_t x)
{
  /* splitmix64's finalizer: every input bit affects every output bit */
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

static inline uint64_t bl_ner__f1(uint64_t tmpl, uint64_t a)
{
  return bl_ner__mix(a ^ (tmpl * 0x9e3779b97f4a7c15ull));
}

static inline uint64_t bl_ner__f2(uint64_t tmpl, uint64_t a, uint64_t b)
{
  return bl_ner__mix(bl_ner__f1(tmpl, a) ^ (b * 0xc2b2ae3d27d4eb4full));
}

static inline uint64_t bl_ner__f3(uint64_t tmpl, uint64_t a, uint64_t b, uint64_t c)
{
  return bl_ner__mix(bl_ner__f2(tmpl, a, b) ^ (c * 0x165667b19e3779f9ull));
}

static uint64_t bl_ner__fnv(const uint8_t *s, size_t n)
{
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) {
    h ^= s[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

/* ---------------------------------------------------------------- labels */

const char *bl_ner_label_name(int label)
{
  static const char *const names[BL_NER_NLABELS] = {"O",     "B-PER", "I-PER",  "B-ORG", "I-ORG",
                                                     "B-LOC", "I-LOC", "B-MISC", "I-MISC"};
  return label >= 0 && label < BL_NER_NLABELS ? names[label] : "?";
}

/* ---------------------------------------------------------------- tokens */

enum {
  CLS_LOWER,      /* letters, none uppercase */
  CLS_INIT,       /* Capitalized */
  CLS_MIXED_INIT, /* McDonald */
  CLS_ALLCAPS,    /* NSA, U.S. */
  CLS_SINGLE,     /* one capital letter: A, F. */
  CLS_MIXED_LOW,  /* iPhone, al-Assad's "al-Qaeda" */
  CLS_DIGIT,      /* starts with a digit */
  CLS_PUNCT,      /* no letter, no digit */
  CLS_OTHER,      /* starts with something else, has letters */
};

/* Sentinel hashes for positions before and after the sentence. */
#define BL_NER__BOS 0x0123456789abcdefull
#define BL_NER__EOS 0xfedcba9876543210ull

unsigned bl_ner_case(const char *text, size_t len)
{
  const uint8_t *s = (const uint8_t *)text;
  unsigned c = 0;
  for (size_t i = 0; i < len;) {
    if (s[i] < 0x80) {
      if (s[i] >= 'a' && s[i] <= 'z') return c | BL_NER_CASE_LOWER; /* nothing more to learn */
      if (s[i] >= 'A' && s[i] <= 'Z') c |= BL_NER_CASE_UPPER;
      i++;
      continue;
    }
    int32_t cp;
    i += bl_utf8_decode(s + i, len - i, &cp);
    if (cp > 0 && bl_utf8_is_upper(cp)) c |= BL_NER_CASE_UPPER;
    else if (cp > 0 && bl_utf8_is_letter(cp)) return c | BL_NER_CASE_LOWER;
  }
  return c;
}

static bool bl_ner__connector(const uint8_t *w, size_t n)
{
  /* Lowercase words found inside names: "Bank of England", "Ministry of Defence", "Abu Bakr
   * al-Baghdadi", "Charles de Gaulle", "Johnson & Johnson", "Bosnia and Herzegovina". */
  static const char *const list[] = {"of", "de", "del", "della", "da", "di", "du", "des", "la", "le", "al", "el",
                                     "van", "von", "der", "den", "ter", "bin", "ibn", "and", "&", "for", "the",
                                     "y", "on", "upon", "dos", "das", "e", "zu", "und", "et", "'s"};
  if (n == 0 || n > 5) return false;
  for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
    if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0) return true;
  return false;
}

typedef struct {
  uint8_t norm[BL_NER__MAXW];
  size_t nn;       /* normalized bytes kept (<= BL_NER__MAXW) */
  size_t full;     /* normalized length */
  bool connector;
  bool capital;    /* has an uppercase letter */
} BlNerScratch;

static void bl_ner__token(const BlNerTok *t, BlNerTokInfo *out, BlNerScratch *sc)
{
  const uint8_t *s = (const uint8_t *)t->s;
  size_t len = t->len;
  char shape[24], shape2[24];
  size_t ns = 0, ns2 = 0, run = 0;
  char last = 0;
  size_t letters = 0, upper = 0, upper_after_lower = 0, lower = 0;
  int first = -1; /* class of the first character: 0 lower, 1 upper, 2 digit, 3 other */
  size_t nn = 0, full = 0;
  bool all_dash = len > 0;

  for (size_t i = 0; i < len;) {
    int32_t cp;
    size_t k;
    if (s[i] < 0x80) {
      cp = s[i];
      k = 1;
    } else {
      k = bl_utf8_decode(s + i, len - i, &cp);
    }
    /* normalized bytes of this character, and its shape class */
    uint8_t nb[4];
    size_t nbn = 0;
    char sc_ch;
    if (cp >= 'A' && cp <= 'Z') {
      nb[nbn++] = (uint8_t)(cp + 32);
      sc_ch = 'X';
    } else if (cp >= 'a' && cp <= 'z') {
      nb[nbn++] = (uint8_t)cp;
      sc_ch = 'x';
    } else if (cp >= '0' && cp <= '9') {
      nb[nbn++] = '0';
      sc_ch = 'd';
    } else if (cp < 0x80 && cp >= 0) {
      nb[nbn++] = (uint8_t)cp;
      sc_ch = (char)cp;
    } else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x2032) {
      nb[nbn++] = '\'';
      sc_ch = '\'';
    } else if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x00AB || cp == 0x00BB || cp == 0x2033) {
      nb[nbn++] = '"';
      sc_ch = '"';
    } else if (cp == 0x2010 || cp == 0x2011 || cp == 0x2012 || cp == 0x2013 || cp == 0x2014 || cp == 0x2015 ||
               cp == 0x2212) {
      nb[nbn++] = '-';
      sc_ch = '-';
    } else if (cp == 0x2026) {
      nb[0] = nb[1] = nb[2] = '.';
      nbn = 3;
      sc_ch = '.';
    } else if (cp > 0 && bl_utf8_is_upper(cp)) {
      if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) cp += 0x20; /* Latin-1 capitals */
      nbn = bl_utf8_encode(cp, nb);
      sc_ch = 'X';
    } else if (cp > 0 && bl_utf8_is_letter(cp)) {
      nbn = bl_utf8_encode(cp, nb);
      sc_ch = 'x';
    } else {
      /* other symbols, and invalid bytes (copied as they are) */
      memcpy(nb, s + i, k < 4 ? k : 4);
      nbn = k < 4 ? k : 4;
      sc_ch = 'o';
    }
    if (sc_ch != '-') all_dash = false;
    int cls = sc_ch == 'x' ? 0 : sc_ch == 'X' ? 1 : sc_ch == 'd' ? 2 : 3;
    if (first < 0) first = cls;
    if (cls == 0) {
      letters++;
      lower++;
    } else if (cls == 1) {
      letters++;
      upper++;
      if (lower) upper_after_lower++;
    }
    for (size_t b = 0; b < nbn; b++) {
      if (nn < BL_NER__MAXW) sc->norm[nn++] = nb[b];
      full++;
    }
    /* shapes */
    if (sc_ch == last) {
      run++;
    } else {
      run = 1;
      last = sc_ch;
      if (ns2 < sizeof shape2) shape2[ns2++] = sc_ch;
    }
    if (run <= 4 && ns < sizeof shape) shape[ns++] = sc_ch;
    i += k;
  }
  if (all_dash) { /* "--", "—", "–" all read as "-" */
    sc->norm[0] = '-';
    nn = full = 1;
    shape[0] = shape2[0] = '-';
    ns = ns2 = 1;
  }

  uint8_t cls;
  if (first < 0) cls = CLS_PUNCT;
  else if (first == 2) cls = CLS_DIGIT;
  else if (letters == 0) cls = CLS_PUNCT;
  else if (first == 3) cls = CLS_OTHER;
  else if (first == 0) cls = upper ? CLS_MIXED_LOW : CLS_LOWER;
  else if (lower == 0) cls = letters == 1 ? CLS_SINGLE : CLS_ALLCAPS;
  else cls = upper_after_lower ? CLS_MIXED_INIT : CLS_INIT;

  uint64_t w = bl_ner__fnv(sc->norm, nn);
  if (full > nn) w = bl_ner__mix(w ^ full);
  out->word = w;
  out->shape = bl_ner__fnv((const uint8_t *)shape, ns);
  out->shape2 = bl_ner__fnv((const uint8_t *)shape2, ns2);
  /* affixes over the normalized bytes: suffixes 2..4, prefixes 2..3, only of longer words */
  for (int a = 0; a < 5; a++) out->affix[a] = 0;
  if (nn == full) {
    for (size_t k = 2; k <= 4; k++)
      if (nn > k) out->affix[k - 2] = bl_ner__fnv(sc->norm + nn - k, k);
  }
  for (size_t k = 2; k <= 3; k++)
    if (nn > k) out->affix[k + 1] = bl_ner__fnv(sc->norm, k);
  out->cls = cls;
  out->flags = t->flags;
  sc->nn = nn;
  sc->full = full;
  sc->capital = upper > 0;
  sc->connector = !all_dash && bl_ner__connector(sc->norm, nn) && nn == full;
  out->candidate = 0;
}

static uint8_t bl_ner__memory_type(const BlNerMemory *mem, uint64_t word);

void bl_ner_prepare(const BlNerTok *toks, size_t n, const BlNerMemory *mem, BlNerTokInfo *info)
{
  /* connector[i]: token i is a connector word; capital[i]: may start or continue a name by
   * itself. Kept in the candidate bit until resolved below. */
  enum { CAP = 1, CONN = 2 };
  BlNerScratch sc;
  for (size_t i = 0; i < n; i++) {
    bl_ner__token(&toks[i], &info[i], &sc);
    uint8_t k = 0;
    if (!(toks[i].flags & BL_NER_TF_BLOCKED)) {
      if (sc.capital) k |= CAP;
      else if (sc.connector) k |= CONN;
    }
    info[i].candidate = k; /* a bit set until resolved below */
  }
  /* A connector is a candidate when a capitalized token comes before it (perhaps through one
   * more connector: "Bank of the West") and after it likewise. */
  for (size_t i = 0; i < n; i++) {
    uint8_t k = (uint8_t)info[i].candidate;
    if (!(k & CONN)) continue;
    bool left = (i >= 1 && (info[i - 1].candidate & CAP)) ||
                (i >= 2 && (info[i - 1].candidate & CONN) && (info[i - 2].candidate & CAP));
    bool right = (i + 1 < n && (info[i + 1].candidate & CAP)) ||
                 (i + 2 < n && (info[i + 1].candidate & CONN) && (info[i + 2].candidate & CAP));
    info[i].candidate = (uint8_t)(k | (left && right ? 4 : 0));
  }
  for (size_t i = 0; i < n; i++) {
    uint8_t k = (uint8_t)info[i].candidate;
    info[i].candidate = (k & CAP) || (k & 4) ? 1 : 0;
    info[i].memory = info[i].candidate && mem ? bl_ner__memory_type(mem, info[i].word) : 0;
  }
}

/* ---------------------------------------------------------------- lines */

bool bl_ner_title_function_word(const char *s, size_t n)
{
  static const char *const list[] = {"a",  "an",  "the", "and", "or",   "nor",  "but", "of",  "in",  "on",
                                     "at", "to",  "for", "by",  "with", "from", "as",  "into", "onto", "over",
                                     "per", "via", "vs",  "up",  "out",  "off",  "than", "'s", "\xE2\x80\x99s"};
  if (n == 0 || n > 4) return false;
  for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
    if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0) return true;
  return false;
}

uint8_t bl_ner_line_flags(const BlNerTok *toks, size_t n)
{
  unsigned all = 0;
  size_t words = 0;
  bool title = true;
  for (size_t i = 0; i < n; i++) {
    unsigned c = bl_ner_case(toks[i].s, toks[i].len);
    if (!c) continue; /* no letters: numbers, punctuation */
    all |= c;
    words++;
    if (!title) continue;
    /* the first character decides: a capital, or a function word in lowercase */
    const uint8_t *p = (const uint8_t *)toks[i].s;
    if (p[0] >= 'A' && p[0] <= 'Z') continue;
    if (p[0] >= 'a' && p[0] <= 'z') {
      if (!bl_ner_title_function_word(toks[i].s, toks[i].len)) title = false;
      continue;
    }
    if (p[0] >= 0x80) {
      int32_t cp;
      bl_utf8_decode(p, toks[i].len, &cp);
      if (cp > 0 && bl_utf8_is_upper(cp)) continue;
      if (cp > 0 && bl_utf8_is_letter(cp) && !bl_ner_title_function_word(toks[i].s, toks[i].len)) title = false;
    }
    /* a word opening with an apostrophe or other mark ("'s") says nothing */
  }
  if ((all & BL_NER_CASE_UPPER) && !(all & BL_NER_CASE_LOWER)) return BL_NER_TF_CAPS_LINE;
  if (title && words >= 2 && (all & BL_NER_CASE_LOWER)) return BL_NER_TF_TITLE_LINE;
  return 0;
}

/* ---------------------------------------------------------------- document memory */

static uint8_t bl_ner__memory_type(const BlNerMemory *mem, uint64_t word)
{
  if (!mem->keys) return 0;
  uint64_t key = word ? word : 1;
  for (size_t s = key & mem->mask;; s = (s + 1) & mem->mask) {
    if (mem->keys[s] == 0) return 0;
    if (mem->keys[s] == key) {
      const uint16_t *c = mem->counts + 4 * s;
      uint8_t best = 0;
      uint16_t bc = 0;
      for (int t = 0; t < 4; t++)
        if (c[t] > bc) {
          bc = c[t];
          best = (uint8_t)(t + 1);
        }
      return best;
    }
  }
}

static void bl_ner__memory_grow(BlNerMemory *mem)
{
  size_t slots = mem->keys ? (mem->mask + 1) * 2 : 64;
  uint64_t *keys = bl_calloc(slots, sizeof *keys);
  uint16_t *counts = bl_calloc(slots * 4, sizeof *counts);
  for (size_t s = 0; mem->keys && s <= mem->mask; s++) {
    if (!mem->keys[s]) continue;
    size_t d = mem->keys[s] & (slots - 1);
    while (keys[d]) d = (d + 1) & (slots - 1);
    keys[d] = mem->keys[s];
    memcpy(counts + 4 * d, mem->counts + 4 * s, 4 * sizeof *counts);
  }
  bl_free(mem->keys);
  bl_free(mem->counts);
  mem->keys = keys;
  mem->counts = counts;
  mem->mask = slots - 1;
}

void bl_ner_memory_add(BlNerMemory *mem, const BlNerTokInfo *info, const uint8_t *labels, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    int type = bl_ner_label_type(labels[i]);
    if (!type || info[i].cls == CLS_LOWER || info[i].cls == CLS_OTHER) continue; /* not connectors */
    if (!mem->keys || (mem->used + 1) * 2 > mem->mask + 1) bl_ner__memory_grow(mem);
    uint64_t key = info[i].word ? info[i].word : 1;
    size_t s = key & mem->mask;
    while (mem->keys[s] && mem->keys[s] != key) s = (s + 1) & mem->mask;
    if (!mem->keys[s]) {
      mem->keys[s] = key;
      mem->used++;
    }
    uint16_t *c = mem->counts + 4 * s + (type - 1);
    if (*c < UINT16_MAX) (*c)++;
  }
}

void bl_ner_memory_free(BlNerMemory *mem)
{
  bl_free(mem->keys);
  bl_free(mem->counts);
  memset(mem, 0, sizeof *mem);
}

/* ---------------------------------------------------------------- features */

enum {
  T_BIAS = 1,
  T_W0,
  T_WM1,
  T_WP1,
  T_WM2,
  T_WP2,
  T_SH0,
  T_SHM1,
  T_SHP1,
  T_SHM2,
  T_SHP2,
  T_W_M1_0,
  T_W_0_P1,
  T_SH_M1_0_P1,
  T_SH_M1_0,
  T_SH_0_P1,
  T_WM1_SH0,
  T_SH0_WP1,
  T_AFFIX,      /* + 0..4 */
  T_CLS_SENT = T_AFFIX + 5,
  T_W_SENT,
  T_CAPS_CLS,
  T_W_CAPS,
  T_CAND_CTX,
  T_TITLE_CLS,
  T_W_TITLE,
  T_MEM,
  T_MEM_CTX,
  T_W0_CLS,
  T_Y1,
  T_Y12,
  T_Y1_W0,
  T_Y1_SH0,
  T_Y1_WM1,
};

static inline uint64_t bl_ner__word_at(const BlNerTokInfo *info, size_t n, ptrdiff_t j)
{
  if (j < 0) return BL_NER__BOS;
  if ((size_t)j >= n) return BL_NER__EOS;
  return info[j].word;
}

static inline uint64_t bl_ner__shape_at(const BlNerTokInfo *info, size_t n, ptrdiff_t j, bool collapsed)
{
  if (j < 0) return BL_NER__BOS;
  if ((size_t)j >= n) return BL_NER__EOS;
  return collapsed ? info[j].shape2 : info[j].shape;
}

size_t bl_ner_static_features(const BlNerTokInfo *info, size_t n, size_t i, uint64_t *out)
{
  size_t k = 0;
  ptrdiff_t p = (ptrdiff_t)i;
  const BlNerTokInfo *t = &info[i];
  uint64_t w0 = t->word, wm1 = bl_ner__word_at(info, n, p - 1), wp1 = bl_ner__word_at(info, n, p + 1);
  uint64_t sh0 = t->shape, shm1 = bl_ner__shape_at(info, n, p - 1, false), shp1 = bl_ner__shape_at(info, n, p + 1, false);
  uint64_t c0 = t->shape2, cm1 = bl_ner__shape_at(info, n, p - 1, true), cp1 = bl_ner__shape_at(info, n, p + 1, true);
  bool sent = (t->flags & BL_NER_TF_SENT_START) != 0;
  bool caps = (t->flags & BL_NER_TF_CAPS_LINE) != 0;

  out[k++] = bl_ner__f1(T_BIAS, 0);
  out[k++] = bl_ner__f1(T_W0, w0);
  out[k++] = bl_ner__f2(T_W0_CLS, w0, t->cls);
  out[k++] = bl_ner__f1(T_WM1, wm1);
  out[k++] = bl_ner__f1(T_WP1, wp1);
  out[k++] = bl_ner__f1(T_WM2, bl_ner__word_at(info, n, p - 2));
  out[k++] = bl_ner__f1(T_WP2, bl_ner__word_at(info, n, p + 2));
  out[k++] = bl_ner__f1(T_SH0, sh0);
  out[k++] = bl_ner__f1(T_SHM1, shm1);
  out[k++] = bl_ner__f1(T_SHP1, shp1);
  out[k++] = bl_ner__f1(T_SHM2, bl_ner__shape_at(info, n, p - 2, true));
  out[k++] = bl_ner__f1(T_SHP2, bl_ner__shape_at(info, n, p + 2, true));
  out[k++] = bl_ner__f2(T_W_M1_0, wm1, w0);
  out[k++] = bl_ner__f2(T_W_0_P1, w0, wp1);
  out[k++] = bl_ner__f3(T_SH_M1_0_P1, cm1, c0, cp1);
  out[k++] = bl_ner__f2(T_SH_M1_0, shm1, sh0);
  out[k++] = bl_ner__f2(T_SH_0_P1, sh0, shp1);
  out[k++] = bl_ner__f2(T_WM1_SH0, wm1, sh0);
  out[k++] = bl_ner__f2(T_SH0_WP1, sh0, wp1);
  for (int a = 0; a < 5; a++)
    if (t->affix[a]) out[k++] = bl_ner__f1((uint64_t)(T_AFFIX + a), t->affix[a]);
  out[k++] = bl_ner__f2(T_CLS_SENT, t->cls, sent);
  if (sent) out[k++] = bl_ner__f1(T_W_SENT, w0);
  if (caps) {
    out[k++] = bl_ner__f1(T_CAPS_CLS, t->cls);
    out[k++] = bl_ner__f1(T_W_CAPS, w0);
  }
  if (t->flags & BL_NER_TF_TITLE_LINE) {
    out[k++] = bl_ner__f1(T_TITLE_CLS, t->cls);
    out[k++] = bl_ner__f1(T_W_TITLE, w0);
  }
  unsigned ctx = (i >= 1 && info[i - 1].candidate ? 1u : 0u) | (i + 1 < n && info[i + 1].candidate ? 2u : 0u);
  out[k++] = bl_ner__f2(T_CAND_CTX, ctx, t->cls);
  if (t->memory) {
    out[k++] = bl_ner__f1(T_MEM, t->memory);
    unsigned where = (sent ? 1u : 0u) | (caps ? 2u : 0u) | (t->flags & BL_NER_TF_TITLE_LINE ? 4u : 0u);
    out[k++] = bl_ner__f3(T_MEM_CTX, t->memory, where, t->cls);
  }
  return k;
}

size_t bl_ner_label_features(const BlNerTokInfo *info, size_t n, size_t i, int prev1, int prev2, uint64_t *out)
{
  size_t k = 0;
  uint64_t y1 = (uint64_t)prev1 + 1, y2 = (uint64_t)prev2 + 1;
  out[k++] = bl_ner__f1(T_Y1, y1);
  out[k++] = bl_ner__f2(T_Y12, y2, y1);
  out[k++] = bl_ner__f2(T_Y1_W0, y1, info[i].word);
  out[k++] = bl_ner__f2(T_Y1_SH0, y1, info[i].shape);
  out[k++] = bl_ner__f2(T_Y1_WM1, y1, bl_ner__word_at(info, n, (ptrdiff_t)i - 1));
  return k;
}
