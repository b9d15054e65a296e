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
 *   static: bias; word; word with capitalization class; words at +1, -2, +2; shapes at -1, and
 *   (collapsed) -2, +2; word bigrams (-1,0) and (0,+1); collapsed-shape trigram (-1,0,+1); shape
 *   bigram (-1,0); word -1 with shape 0; shape 0 with word +1; suffixes and prefixes;
 *   capitalization class with sentence-initial; word when sentence-initial; class and word on a
 *   caps line; the same two on a title-case line; whether the neighbours are candidates, with the
 *   class; the type the document memory holds for the word, alone and with where the token sits
 *   (sentence-initial, caps line, title line) and its class.
 *   label: the previous two labels; the previous label with the word.
 * (Templates that measured no better than noise on held-out CoNLL training documents were left
 * out, for speed: word -1 and shapes 0 and +1 alone, shape bigram (0,+1), the previous label
 * alone, and with shape 0 or word -1.)
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

/* Feature hashes: one multiply and one shift per value (the full mixer above costs three times
 * as much, and features are hashed for every candidate). The model table's slot comes from the
 * low bits and its check from the high ones; the shift folds the high bits down. */
static inline uint64_t bl_ner__step(uint64_t x)
{
  x *= 0x9e3779b97f4a7c15ull;
  return x ^ (x >> 29);
}

static inline uint64_t bl_ner__f1(uint64_t tmpl, uint64_t a)
{
  return bl_ner__step(a ^ (tmpl << 56) ^ (tmpl * 0xd6e8feb86659fd93ull));
}

static inline uint64_t bl_ner__f2(uint64_t tmpl, uint64_t a, uint64_t b)
{
  return bl_ner__step(bl_ner__f1(tmpl, a) ^ b);
}

static inline uint64_t bl_ner__f3(uint64_t tmpl, uint64_t a, uint64_t b, uint64_t c)
{
  return bl_ner__step(bl_ner__f2(tmpl, a, b) ^ c);
}

/* Up to 8 bytes as a little-endian number, whatever the host's byte order, so that a model
 * file means the same everywhere. */
static inline uint64_t bl_ner__load(const uint8_t *s, size_t n)
{
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) v |= (uint64_t)s[i] << (8 * i);
  return v;
}

/* The same as bl_ner__load from a buffer with at least 8 readable bytes at s: one load. */
static inline uint64_t bl_ner__load_padded(const uint8_t *s, size_t n)
{
  uint64_t v;
  memcpy(&v, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return n >= 8 ? v : v & ((1ull << (8 * n)) - 1);
}

/* A string's hash. Up to 7 bytes: the bytes themselves and the length (one to one, and the
 * template hashes mix it anyway); longer: the length, then 8 bytes at a time through the mixer. */
static inline uint64_t bl_ner__hash(const uint8_t *s, size_t n)
{
  if (n < 8) return bl_ner__load(s, n) | ((uint64_t)n << 56);
  uint64_t h = bl_ner__mix(0x51ed270b27d4eb4full + n);
  while (n >= 8) {
    h = bl_ner__mix(h ^ bl_ner__load(s, 8));
    s += 8;
    n -= 8;
  }
  if (n) h = bl_ner__mix(h ^ bl_ner__load(s, n) ^ 0x8000000000000000ull);
  return h;
}

/* bl_ner__hash of a buffer with at least 8 readable bytes past s + n (same value). */
static inline uint64_t bl_ner__hash_padded(const uint8_t *s, size_t n)
{
  if (n < 8) return bl_ner__load_padded(s, n) | ((uint64_t)n << 56);
  return bl_ner__hash(s, n);
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
  CLS_MIXED_LOW,  /* iPhone, al-Qaeda */
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

/* A short string (1 to 5 bytes, given as characters) packed as bl_ner__hash packs it, for switch
 * statements. */
#define BL_NER__B(c, i) ((uint64_t)(uint8_t)(c) << (8 * (i)))
#define BL_NER__P1(a) (BL_NER__B(a, 0) | (1ull << 56))
#define BL_NER__P2(a, b) (BL_NER__B(a, 0) | BL_NER__B(b, 1) | (2ull << 56))
#define BL_NER__P3(a, b, c) (BL_NER__B(a, 0) | BL_NER__B(b, 1) | BL_NER__B(c, 2) | (3ull << 56))
#define BL_NER__P4(a, b, c, d) (BL_NER__B(a, 0) | BL_NER__B(b, 1) | BL_NER__B(c, 2) | BL_NER__B(d, 3) | (4ull << 56))
#define BL_NER__P5(a, b, c, d, e)                                                                       \
  (BL_NER__B(a, 0) | BL_NER__B(b, 1) | BL_NER__B(c, 2) | BL_NER__B(d, 3) | BL_NER__B(e, 4) | (5ull << 56))

static bool bl_ner__connector(const uint8_t *w, size_t n)
{
  /* Lowercase words found inside names: "Bank of England", "Ministry of Defence", "Abu Bakr
   * al-Baghdadi", "Charles de Gaulle", "Johnson & Johnson", "Bosnia and Herzegovina", "People’s
   * Liberation Army". Raw text: a connector never has a capital, so only ’ needs care. */
  if (n == 0 || n > 5) return false;
  switch (bl_ner__hash(w, n)) {
  case BL_NER__P2('o', 'f'): case BL_NER__P2('d', 'e'): case BL_NER__P3('d', 'e', 'l'):
  case BL_NER__P5('d', 'e', 'l', 'l', 'a'): case BL_NER__P2('d', 'a'): case BL_NER__P2('d', 'i'):
  case BL_NER__P2('d', 'u'): case BL_NER__P3('d', 'e', 's'): case BL_NER__P2('l', 'a'):
  case BL_NER__P2('l', 'e'): case BL_NER__P2('a', 'l'): case BL_NER__P2('e', 'l'):
  case BL_NER__P3('v', 'a', 'n'): case BL_NER__P3('v', 'o', 'n'): case BL_NER__P3('d', 'e', 'r'):
  case BL_NER__P3('d', 'e', 'n'): case BL_NER__P3('t', 'e', 'r'): case BL_NER__P3('b', 'i', 'n'):
  case BL_NER__P3('i', 'b', 'n'): case BL_NER__P3('a', 'n', 'd'): case BL_NER__P1('&'):
  case BL_NER__P3('f', 'o', 'r'): case BL_NER__P3('t', 'h', 'e'): case BL_NER__P1('y'):
  case BL_NER__P2('o', 'n'): case BL_NER__P4('u', 'p', 'o', 'n'): case BL_NER__P3('d', 'o', 's'):
  case BL_NER__P3('d', 'a', 's'): case BL_NER__P1('e'): case BL_NER__P2('z', 'u'):
  case BL_NER__P3('u', 'n', 'd'): case BL_NER__P2('e', 't'): case BL_NER__P2('\'', 's'):
  case BL_NER__P4('\xE2', '\x80', '\x99', 's'):
    return true;
  }
  return false;
}

static bool bl_ner__has_upper(const uint8_t *s, size_t n)
{
  for (size_t i = 0; i < n;) {
    if (s[i] < 0x80) {
      if ((unsigned)(s[i] - 'A') < 26u) return true;
      i++;
      continue;
    }
    int32_t cp;
    i += bl_utf8_decode(s + i, n - i, &cp);
    if (cp > 0 && bl_utf8_is_upper(cp)) return true;
  }
  return false;
}

/* ASCII: each byte's shape class ('x', 'X', 'd', or the byte itself) and normalized byte
 * (lowercase, digits as '0'). */
static const char bl_ner__ascii_shape[129] =
    "\000\001\002\003\004\005\006\007\010\011\012\013\014\015\016\017"
    "\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037"
    " !\"#$%&'()*+,-./dddddddddd:;<=>\077"
    "@XXXXXXXXXXXXXXXXXXXXXXXXXX[\\]^_`xxxxxxxxxxxxxxxxxxxxxxxxxx{|}~\177";
static const char bl_ner__ascii_norm[129] =
    "\000\001\002\003\004\005\006\007\010\011\012\013\014\015\016\017"
    "\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037"
    " !\"#$%&'()*+,-./0000000000:;<=>\077"
    "@abcdefghijklmnopqrstuvwxyz[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\177";

typedef struct {
  uint8_t norm[BL_NER__MAXW + 8]; /* 8 bytes of slack for whole-word loads */
} BlNerScratch;

/* The normalized bytes (into nb, count in *nbn) and the shape class of a character beyond ASCII
 * (cp, spanning k bytes at src; cp is BL_UTF8_INVALID for an invalid byte). */
static char bl_ner__map_wide(int32_t cp, const uint8_t *src, size_t k, uint8_t *nb, size_t *nbn)
{
  if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x2032) {
    nb[0] = '\'';
    *nbn = 1;
    return '\'';
  }
  if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x00AB || cp == 0x00BB || cp == 0x2033) {
    nb[0] = '"';
    *nbn = 1;
    return '"';
  }
  if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) {
    nb[0] = '-';
    *nbn = 1;
    return '-';
  }
  if (cp == 0x2026) {
    nb[0] = nb[1] = nb[2] = '.';
    *nbn = 3;
    return '.';
  }
  if (cp > 0 && bl_utf8_is_upper(cp)) {
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) cp += 0x20; /* Latin-1 capitals */
    *nbn = bl_utf8_encode(cp, nb);
    return 'X';
  }
  if (cp > 0 && bl_utf8_is_letter(cp)) {
    *nbn = bl_utf8_encode(cp, nb);
    return 'x';
  }
  /* other symbols, and invalid bytes (copied as they are) */
  *nbn = k < 4 ? k : 4;
  memcpy(nb, src, *nbn);
  return 'o';
}

static void bl_ner__token(const BlNerTok *t, BlNerTokInfo *out, BlNerScratch *sc)
{
  const uint8_t *s = (const uint8_t *)t->s;
  size_t len = t->len;
  enum { SHAPE_MAX = 24 };
  char shape[SHAPE_MAX + 8] = {0}, shape2[SHAPE_MAX + 8] = {0}; /* 8 bytes of slack for loads */
  size_t ns = 0, ns2 = 0, run = 0;
  char last = 0;
  size_t letters = 0, upper = 0, upper_after_lower = 0, lower = 0;
  int first = -1; /* class of the first character: 0 lower, 1 upper, 2 digit, 3 other */
  size_t nn = 0, full = 0;
  bool all_dash = len > 0;

  for (size_t i = 0; i < len;) {
    char sc_ch;
    uint8_t b = s[i];
    if ((unsigned)(b - 'a') < 26u) {
      /* A run of ASCII lowercase letters, the most common case, at once: each is its own
       * normalized byte, shape 'x', class 0 (the same as the byte loop below would do). */
      size_t e = i + 1;
      while (e < len && (unsigned)(s[e] - 'a') < 26u) e++;
      size_t r = e - i;
      size_t take = nn < BL_NER__MAXW ? BL_NER__MAXW - nn : 0;
      if (take > r) take = r;
      memcpy(sc->norm + nn, s + i, take);
      nn += take;
      full += r;
      all_dash = false;
      if (first < 0) first = 0;
      letters += r;
      lower += r;
      if (last != 'x') {
        run = 0;
        last = 'x';
        if (ns2 < SHAPE_MAX) shape2[ns2++] = 'x';
      }
      size_t add = run < 4 ? 4 - run : 0; /* shape keeps at most 4 of a run */
      if (add > r) add = r;
      if (add > SHAPE_MAX - ns) add = SHAPE_MAX - ns;
      memset(shape + ns, 'x', add);
      ns += add;
      run += r;
      i = e;
      continue;
    }
    if (b < 0x80) { /* the common case, without the staging below */
      sc_ch = bl_ner__ascii_shape[b];
      if (nn < BL_NER__MAXW) sc->norm[nn++] = (uint8_t)bl_ner__ascii_norm[b];
      full++;
      i++;
    } else {
      int32_t cp;
      size_t k = bl_utf8_decode(s + i, len - i, &cp);
      uint8_t nb[4];
      size_t nbn;
      sc_ch = bl_ner__map_wide(cp, s + i, k, nb, &nbn);
      for (size_t j = 0; j < nbn; j++) {
        if (nn < BL_NER__MAXW) sc->norm[nn++] = nb[j];
        full++;
      }
      i += k;
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
    /* shapes */
    if (sc_ch == last) {
      run++;
    } else {
      run = 1;
      last = sc_ch;
      if (ns2 < SHAPE_MAX) shape2[ns2++] = sc_ch;
    }
    if (run <= 4 && ns < SHAPE_MAX) shape[ns++] = sc_ch;
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

  uint64_t w = bl_ner__hash_padded(sc->norm, nn);
  if (full > nn) w = bl_ner__mix(w ^ full);
  out->word = w;
  out->shape = bl_ner__hash_padded((const uint8_t *)shape, ns);
  out->shape2 = bl_ner__hash_padded((const uint8_t *)shape2, ns2);
  /* Affixes over the normalized bytes: suffixes of 2..4, prefixes of 2..3, only of longer
   * words; each packed as bl_ner__hash packs a short string, from one load of each end. */
  for (int a = 0; a < 5; a++) out->affix[a] = 0;
  size_t m = nn < 8 ? nn : 8;
  uint64_t head = bl_ner__load_padded(sc->norm, m), tail = bl_ner__load_padded(sc->norm + nn - m, m);
  if (nn == full) {
    for (size_t k = 2; k <= 4; k++)
      if (nn > k) out->affix[k - 2] = (tail >> (8 * (m - k))) | ((uint64_t)k << 56);
  }
  for (size_t k = 2; k <= 3; k++)
    if (nn > k) out->affix[k + 1] = (head & ((1ull << (8 * k)) - 1)) | ((uint64_t)k << 56);
  out->cls = cls;
}

static uint8_t bl_ner__memory_type(const BlNerMemory *mem, uint64_t word);

void bl_ner_prepare(const BlNerTok *toks, size_t n, const BlNerMemory *mem, BlNerTokInfo *info)
{
  /* First which tokens are candidates, from cheap tests; then the full token information, only
   * for candidates and the tokens within two of one (the only ones the features read). Most
   * tokens of news text are lowercase words far from any name. The candidate field holds bits
   * until the end: CAP a capital inside, CONN a connector word, OK a connector between names. */
  enum { CAP = 1, CONN = 2, OK = 4 };
  for (size_t i = 0; i < n; i++) {
    info[i].flags = toks[i].flags;
    info[i].candidate =
        !(toks[i].flags & BL_NER_TF_BLOCKED) && bl_ner__has_upper((const uint8_t *)toks[i].s, toks[i].len) ? CAP : 0;
  }
  /* A connector is a candidate when a capitalized token comes before it (perhaps through one
   * more connector: "Bank of the West") and after it likewise. */
  for (size_t i = 1; i + 1 < n; i++) {
    if (info[i].candidate || (toks[i].flags & BL_NER_TF_BLOCKED)) continue;
    if (!(info[i - 1].candidate & CAP) && !(i >= 2 && (info[i - 2].candidate & CAP))) continue;
    if (bl_ner__connector((const uint8_t *)toks[i].s, toks[i].len)) info[i].candidate = CONN;
  }
  for (size_t i = 0; i < n; i++) {
    if (info[i].candidate != CONN) continue;
    bool left = (i >= 1 && (info[i - 1].candidate & CAP)) ||
                (i >= 2 && (info[i - 1].candidate & CONN) && (info[i - 2].candidate & CAP));
    bool right = (i + 1 < n && (info[i + 1].candidate & CAP)) ||
                 (i + 2 < n && (info[i + 1].candidate & CONN) && (info[i + 2].candidate & CAP));
    if (left && right) info[i].candidate |= OK;
  }
  for (size_t i = 0; i < n; i++) {
    uint8_t k = info[i].candidate;
    info[i].candidate = (k & CAP) || (k & OK) ? 1 : 0;
  }
  BlNerScratch sc = {{0}};
  size_t done = 0; /* info is complete for tokens below this */
  for (size_t i = 0; i < n; i++) {
    if (!info[i].candidate) continue;
    size_t from = i >= 2 ? i - 2 : 0, to = i + 3 < n ? i + 3 : n;
    if (from < done) from = done;
    for (size_t j = from; j < to; j++) bl_ner__token(&toks[j], &info[j], &sc);
    if (to > done) done = to;
    info[i].memory = mem ? bl_ner__memory_type(mem, info[i].word) : 0;
  }
}

/* ---------------------------------------------------------------- lines */

bool bl_ner_title_function_word(const char *s, size_t n)
{
  if (n == 0 || n > 4) return false;
  switch (bl_ner__hash((const uint8_t *)s, n)) {
  case BL_NER__P1('a'): case BL_NER__P2('a', 'n'): case BL_NER__P3('t', 'h', 'e'):
  case BL_NER__P3('a', 'n', 'd'): case BL_NER__P2('o', 'r'): case BL_NER__P3('n', 'o', 'r'):
  case BL_NER__P3('b', 'u', 't'): case BL_NER__P2('o', 'f'): case BL_NER__P2('i', 'n'):
  case BL_NER__P2('o', 'n'): case BL_NER__P2('a', 't'): case BL_NER__P2('t', 'o'):
  case BL_NER__P3('f', 'o', 'r'): case BL_NER__P2('b', 'y'): case BL_NER__P4('w', 'i', 't', 'h'):
  case BL_NER__P4('f', 'r', 'o', 'm'): case BL_NER__P2('a', 's'): case BL_NER__P4('i', 'n', 't', 'o'):
  case BL_NER__P4('o', 'n', 't', 'o'): case BL_NER__P4('o', 'v', 'e', 'r'): case BL_NER__P3('p', 'e', 'r'):
  case BL_NER__P3('v', 'i', 'a'): case BL_NER__P2('v', 's'): case BL_NER__P2('u', 'p'):
  case BL_NER__P3('o', 'u', 't'): case BL_NER__P3('o', 'f', 'f'): case BL_NER__P4('t', 'h', 'a', 'n'):
  case BL_NER__P2('\'', 's'): case BL_NER__P4('\xE2', '\x80', '\x99', 's'):
    return true;
  }
  return false;
}

bool bl_ner_line_scan(BlNerLineScan *st, const BlNerTok *toks, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    unsigned c = bl_ner_case(toks[i].s, toks[i].len);
    if (!c) continue; /* no letters: numbers, punctuation */
    st->all |= c;
    st->words++;
    /* the first character decides: a capital, or a function word in lowercase */
    const uint8_t *p = (const uint8_t *)toks[i].s;
    bool lower_word = false;
    if (p[0] >= 'A' && p[0] <= 'Z') {
      /* a capital */
    } else if (p[0] >= 'a' && p[0] <= 'z') {
      lower_word = true;
    } else if (p[0] >= 0x80) {
      int32_t cp;
      bl_utf8_decode(p, toks[i].len, &cp);
      lower_word = cp > 0 && bl_utf8_is_letter(cp) && !bl_utf8_is_upper(cp);
    } /* else a word opening with an apostrophe or other mark ("'s") says nothing */
    if (lower_word && !bl_ner_title_function_word(toks[i].s, toks[i].len)) st->not_title = true;
    if (st->not_title && (st->all & BL_NER_CASE_LOWER)) return true; /* neither caps nor title */
  }
  return false;
}

uint8_t bl_ner_line_result(const BlNerLineScan *st)
{
  if ((st->all & BL_NER_CASE_UPPER) && !(st->all & BL_NER_CASE_LOWER)) return BL_NER_TF_CAPS_LINE;
  if (!st->not_title && st->words >= 2 && (st->all & BL_NER_CASE_LOWER)) return BL_NER_TF_TITLE_LINE;
  return 0;
}

uint8_t bl_ner_line_flags(const BlNerTok *toks, size_t n)
{
  BlNerLineScan st = {0};
  bl_ner_line_scan(&st, toks, n);
  return bl_ner_line_result(&st);
}

/* ---------------------------------------------------------------- document memory */

static uint8_t bl_ner__memory_type(const BlNerMemory *mem, uint64_t word)
{
  if (!mem->keys) return 0;
  uint64_t key = word ? word : 1;
  for (size_t s = bl_ner__mix(key) & mem->mask;; s = (s + 1) & mem->mask) {
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
    size_t d = bl_ner__mix(mem->keys[s]) & (slots - 1);
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
    size_t s = bl_ner__mix(key) & mem->mask; /* mixed: short words' hashes are their bytes */
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
  T_W0_CLS,
  T_WP1,
  T_WM2,
  T_WP2,
  T_SHM1,
  T_SHM2,
  T_SHP2,
  T_W_M1_0,
  T_W_0_P1,
  T_SH_M1_0_P1,
  T_SH_M1_0,
  T_WM1_SH0,
  T_SH0_WP1,
  T_AFFIX, /* + 0..4 */
  T_CLS_SENT = T_AFFIX + 5,
  T_W_SENT,
  T_CAPS_CLS,
  T_W_CAPS,
  T_TITLE_CLS,
  T_W_TITLE,
  T_CAND_CTX,
  T_MEM,
  T_MEM_CTX,
  T_Y12,
  T_Y1_W0,
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
  uint64_t sh0 = t->shape, shm1 = bl_ner__shape_at(info, n, p - 1, false);
  uint64_t c0 = t->shape2, cm1 = bl_ner__shape_at(info, n, p - 1, true), cp1 = bl_ner__shape_at(info, n, p + 1, true);
  bool sent = (t->flags & BL_NER_TF_SENT_START) != 0;
  bool caps = (t->flags & BL_NER_TF_CAPS_LINE) != 0;

  out[k++] = bl_ner__f1(T_BIAS, 0);
  out[k++] = bl_ner__f1(T_W0, w0);
  out[k++] = bl_ner__f2(T_W0_CLS, w0, t->cls);
  out[k++] = bl_ner__f1(T_WP1, wp1);
  out[k++] = bl_ner__f1(T_WM2, bl_ner__word_at(info, n, p - 2));
  out[k++] = bl_ner__f1(T_WP2, bl_ner__word_at(info, n, p + 2));
  out[k++] = bl_ner__f1(T_SHM1, shm1);
  out[k++] = bl_ner__f1(T_SHM2, bl_ner__shape_at(info, n, p - 2, true));
  out[k++] = bl_ner__f1(T_SHP2, bl_ner__shape_at(info, n, p + 2, true));
  out[k++] = bl_ner__f2(T_W_M1_0, wm1, w0);
  out[k++] = bl_ner__f2(T_W_0_P1, w0, wp1);
  out[k++] = bl_ner__f3(T_SH_M1_0_P1, cm1, c0, cp1);
  out[k++] = bl_ner__f2(T_SH_M1_0, shm1, sh0);
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
  (void)n; /* in the signature so that a template may look at neighbours */
  size_t k = 0;
  uint64_t y1 = (uint64_t)prev1 + 1, y2 = (uint64_t)prev2 + 1;
  out[k++] = bl_ner__f2(T_Y12, y2, y1);
  out[k++] = bl_ner__f2(T_Y1_W0, y1, info[i].word);
  return k;
}
