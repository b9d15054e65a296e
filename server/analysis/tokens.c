/* tokens.c: tokenizer and sentence splitter (see tokens.h). One pass per block; ASCII bytes take
 * a table-driven fast path and only non-ASCII characters are decoded. */
#include "tokens.h"

#include <string.h>
#include <strings.h>

#include "../base/utf8.h"

/* ---------------------------------------------------------------- character classes */

enum { C_SPACE = 1, C_LOWER = 2, C_UPPER = 4, C_DIGIT = 8, C_NL = 16 };

/* Classes of the ASCII bytes. */
static const uint8_t bl_tok__ascii_class[128] = {
    ['\t'] = C_SPACE, ['\n'] = C_SPACE | C_NL, ['\v'] = C_SPACE, ['\f'] = C_SPACE, ['\r'] = C_SPACE | C_NL,
    [' '] = C_SPACE,
    ['0'] = C_DIGIT, ['1'] = C_DIGIT, ['2'] = C_DIGIT, ['3'] = C_DIGIT, ['4'] = C_DIGIT,
    ['5'] = C_DIGIT, ['6'] = C_DIGIT, ['7'] = C_DIGIT, ['8'] = C_DIGIT, ['9'] = C_DIGIT,
    ['A'] = C_UPPER, ['B'] = C_UPPER, ['C'] = C_UPPER, ['D'] = C_UPPER, ['E'] = C_UPPER, ['F'] = C_UPPER,
    ['G'] = C_UPPER, ['H'] = C_UPPER, ['I'] = C_UPPER, ['J'] = C_UPPER, ['K'] = C_UPPER, ['L'] = C_UPPER,
    ['M'] = C_UPPER, ['N'] = C_UPPER, ['O'] = C_UPPER, ['P'] = C_UPPER, ['Q'] = C_UPPER, ['R'] = C_UPPER,
    ['S'] = C_UPPER, ['T'] = C_UPPER, ['U'] = C_UPPER, ['V'] = C_UPPER, ['W'] = C_UPPER, ['X'] = C_UPPER,
    ['Y'] = C_UPPER, ['Z'] = C_UPPER,
    ['a'] = C_LOWER, ['b'] = C_LOWER, ['c'] = C_LOWER, ['d'] = C_LOWER, ['e'] = C_LOWER, ['f'] = C_LOWER,
    ['g'] = C_LOWER, ['h'] = C_LOWER, ['i'] = C_LOWER, ['j'] = C_LOWER, ['k'] = C_LOWER, ['l'] = C_LOWER,
    ['m'] = C_LOWER, ['n'] = C_LOWER, ['o'] = C_LOWER, ['p'] = C_LOWER, ['q'] = C_LOWER, ['r'] = C_LOWER,
    ['s'] = C_LOWER, ['t'] = C_LOWER, ['u'] = C_LOWER, ['v'] = C_LOWER, ['w'] = C_LOWER, ['x'] = C_LOWER,
    ['y'] = C_LOWER, ['z'] = C_LOWER,
};

static inline uint8_t bl_tok__ascii(uint8_t c)
{
  return c < 0x80 ? bl_tok__ascii_class[c] : 0;
}

/* bl_tok__class for a byte >= 0x80: decodes the character. */
static __attribute__((noinline)) uint8_t bl_tok__class_utf8(const uint8_t *s, size_t len, size_t i, size_t *n,
                                                            int32_t *cp_out)
{
  int32_t cp;
  *n = bl_utf8_decode(s + i, len - i, &cp);
  if (cp_out) *cp_out = cp;
  if (cp == 0xA0 || cp == 0x2009 || cp == 0x202F || cp == 0x200B || cp == 0x3000 || cp == 0xFEFF) return C_SPACE;
  if (cp == 0x2028 || cp == 0x2029) return C_SPACE | C_NL;
  if (bl_utf8_is_upper(cp)) return C_UPPER;
  if (bl_utf8_is_letter(cp)) return C_LOWER; /* other letters count as lowercase-like */
  return 0;
}

/* Class of the character at s[i] (decoding when needed); *n gets its length. */
static inline uint8_t bl_tok__class(const uint8_t *s, size_t len, size_t i, size_t *n, int32_t *cp_out)
{
  if (s[i] < 0x80) {
    *n = 1;
    if (cp_out) *cp_out = s[i];
    return bl_tok__ascii_class[s[i]];
  }
  return bl_tok__class_utf8(s, len, i, n, cp_out);
}

static bool bl_tok__is_symbol(int32_t cp)
{
  return cp == '$' || cp == '%' || cp == 0x20AC || cp == 0xA3 || cp == 0xA5 || cp == 0x20B9 || cp == 0x20A9;
}

static bool bl_tok__is_apostrophe(int32_t cp)
{
  return cp == '\'' || cp == 0x2019;
}

/* ---------------------------------------------------------------- abbreviations */

/* Whether w[0..n) is one of the n-byte words packed one after another in list. */
static inline bool bl_tok__listed(const char *w, const char *list, size_t n)
{
  for (const char *p = list; *p; p += n)
    if (memcmp(w, p, n) == 0) return true;
  return false;
}

bool bl_is_abbreviation(const char *w, size_t n)
{
  /* Titles, company forms, months, streets, US states: the words of each length one after
   * another, compared in ASCII lowercase (as strncasecmp did in the C locale). No word is longer
   * than 5 ("approx", once listed, could never match). */
  static const char *const words[6] = {
      [1] = "v",
      [2] = "mr" "ms" "dr" "lt" "st" "jr" "sr" "co" "no" "vs" "mt" "ft" "rd" "op" "cf" "al" "va" "md" "mo",
      [3] = "mrs" "gov" "sen" "rep" "gen" "col" "maj" "sgt" "adm" "cpl" "pvt" "rev" "hon" "inc" "ltd" "plc"
            "llc" "nos" "etc" "jan" "feb" "mar" "apr" "jun" "jul" "aug" "sep" "oct" "nov" "dec" "ave" "est"
            "fig" "vol" "fla" "ill" "ind" "kan" "nev" "ore" "tex" "wis" "wyo" "del",
      [4] = "prof" "reps" "capt" "cmdr" "pres" "supt" "insp" "corp" "bros" "sept" "blvd" "dept" "univ" "ariz"
            "colo" "conn" "mass" "mich" "minn" "miss" "okla" "penn" "tenn" "wash",
      [5] = "calif",
  };
  if (n == 0 || n > 5) return false;
  char low[5];
  for (size_t i = 0; i < n; i++) low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
  switch (n) { /* a constant length per case, so that each memcmp is one compare */
  case 1: return bl_tok__listed(low, words[1], 1);
  case 2: return bl_tok__listed(low, words[2], 2);
  case 3: return bl_tok__listed(low, words[3], 3);
  case 4: return bl_tok__listed(low, words[4], 4);
  default: return bl_tok__listed(low, words[5], 5);
  }
}

/* Words after which an abbreviation such as "Inc." or "U.S." most likely did end a sentence. */
static bool bl_tok__sentence_starter(const char *w, size_t n)
{
  static const char *const list[] = {
      "The", "A", "An", "It", "He", "She", "They", "We", "I", "In", "But", "And", "This", "That",
      "There", "Its", "His", "Her", "Their", "On", "At", "As", "For", "If", "When", "While",
      "Officials", "Meanwhile", "However", "After", "Before", "Some", "Many", "Last", "Earlier",
  };
  for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
    if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0) return true;
  return false;
}

/* ---------------------------------------------------------------- tokenizer */

typedef struct {
  const uint8_t *s;
  size_t len; /* of the whole text */
  BlTokens *out;
  uint16_t block;
} BlTokCtx;

static void bl_tok__push(BlTokCtx *c, size_t start, size_t end, BlTokenKind kind, uint8_t flags)
{
  BlToken t = {(uint32_t)start, (uint32_t)end, (uint8_t)kind, flags, c->block};
  bl_vec_push(&c->out->tokens, t);
}

/* Scans a word starting at i (a letter); returns its end. */
static size_t bl_tok__word(BlTokCtx *c, size_t i, size_t end, uint8_t *flags)
{
  const uint8_t *s = c->s;
  size_t n, letters = 0, upper = 0, lower = 0, pos = i;
  uint8_t f = 0;
  bool only_initials = true; /* "U.S." shape so far: single letters separated by periods */
  size_t run = 0;            /* letters since the last period */
  while (pos < end) {
    if ((uint8_t)((s[pos] | 0x20) - 'a') < 26) { /* a run of ASCII letters: the common case */
      size_t e = pos, caps = 0;
      do {
        uint8_t b = s[e];
        if ((uint8_t)((b | 0x20) - 'a') >= 26) break;
        caps += b < 'a';
        e++;
      } while (e < end);
      letters += e - pos;
      run += e - pos;
      upper += caps;
      lower += e - pos - caps;
      if (run > 1) only_initials = false;
      pos = e;
      continue;
    }
    int32_t cp;
    uint8_t k = bl_tok__class(s, c->len, pos, &n, &cp);
    if (k & (C_UPPER | C_LOWER)) {
      letters++;
      run++;
      if (k & C_UPPER) upper++;
      else lower++;
      if (run > 1) only_initials = false;
      pos += n;
      continue;
    }
    if (k & C_DIGIT) {
      f |= BL_TF_DIGIT;
      only_initials = false;
      run++;
      pos += n;
      continue;
    }
    /* joiners: only when a letter or digit follows */
    size_t m;
    uint8_t next = pos + n < end ? bl_tok__class(s, c->len, pos + n, &m, NULL) : 0;
    bool alnum_next = (next & (C_UPPER | C_LOWER | C_DIGIT)) != 0;
    if (cp == '.' && only_initials && run == 1) {
      /* U.S. / a.m.: a single letter then a period; keep the period */
      f |= BL_TF_PERIODS;
      pos += n;
      run = 0;
      if (!(next & (C_UPPER | C_LOWER))) break;
      continue;
    }
    if ((cp == '-' || cp == 0x2011) && alnum_next) {
      f |= BL_TF_HYPHEN;
      only_initials = false;
      run = 0;
      pos += n;
      continue;
    }
    if (cp == '&' && alnum_next && upper > 0 && lower == 0) { /* AT&T */
      only_initials = false;
      pos += n;
      continue;
    }
    if (bl_tok__is_apostrophe(cp) && (next & (C_UPPER | C_LOWER))) {
      /* possessive 's stays apart, as in CoNLL; O'Brien and don't stay whole */
      size_t after = pos + n + m;
      uint8_t k2 = after < end ? bl_tok__class(s, c->len, after, &m, NULL) : 0;
      bool possessive = (s[pos + n] == 's' || s[pos + n] == 'S') && !(k2 & (C_UPPER | C_LOWER));
      if (possessive) break;
      only_initials = false;
      pos += n;
      continue;
    }
    break;
  }
  if (!(f & BL_TF_PERIODS) || !only_initials) f &= (uint8_t)~BL_TF_PERIODS;
  size_t first_n;
  uint8_t first = bl_tok__class(s, c->len, i, &first_n, NULL);
  if (first & C_UPPER) f |= BL_TF_CAP;
  if (letters >= 2 && lower == 0) f |= BL_TF_ALLCAPS;
  *flags = f;
  return pos;
}

/* Scans a number starting at i (a digit); returns its end. */
static size_t bl_tok__number(BlTokCtx *c, size_t i, size_t end)
{
  const uint8_t *s = c->s;
  size_t pos = i;
  while (pos < end) {
    uint8_t b = s[pos];
    if (b >= '0' && b <= '9') {
      pos++;
      continue;
    }
    if ((b == ',' || b == '.' || b == ':' || b == '/' || b == '-') && pos + 1 < end && s[pos + 1] >= '0' &&
        s[pos + 1] <= '9') {
      pos++;
      continue;
    }
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) { /* 5th, 1990s, 1.5bn, 3m */
      while (pos < end && ((s[pos] >= 'a' && s[pos] <= 'z') || (s[pos] >= 'A' && s[pos] <= 'Z'))) pos++;
      break;
    }
    break;
  }
  return pos;
}

static void bl_tok__block(BlTokCtx *c, size_t start, size_t end)
{
  const uint8_t *s = c->s;
  size_t i = start;
  bool line_start = true;
  while (i < end) {
    size_t n;
    int32_t cp;
    uint8_t k = bl_tok__class(s, c->len, i, &n, &cp);
    if (k & C_SPACE) {
      if (k & C_NL) line_start = true;
      i += n;
      continue;
    }
    uint8_t ls = line_start ? BL_TF_LINE_START : 0;
    line_start = false;
    if (k & (C_UPPER | C_LOWER)) {
      uint8_t f;
      size_t e = bl_tok__word(c, i, end, &f);
      bl_tok__push(c, i, e, BL_TOK_WORD, (uint8_t)(f | ls));
      i = e;
    } else if ((k & C_DIGIT) || (cp == '.' && i + 1 < end && s[i + 1] >= '0' && s[i + 1] <= '9' &&
                                 (i == start || (bl_tok__ascii(s[i - 1]) & C_SPACE)))) { /* 7, .596 */
      size_t e = bl_tok__number(c, i + (cp == '.'), end);
      bl_tok__push(c, i, e, BL_TOK_NUMBER, (uint8_t)(BL_TF_DIGIT | ls));
      i = e;
    } else if (bl_tok__is_symbol(cp)) {
      bl_tok__push(c, i, i + n, BL_TOK_SYMBOL, ls);
      i += n;
    } else if (bl_tok__is_apostrophe(cp) && i + n + 1 <= end && (s[i + n] == 's' || s[i + n] == 'S') &&
               (i + n + 1 == end || !(bl_tok__class(s, c->len, i + n + 1, &(size_t){0}, NULL) & (C_UPPER | C_LOWER)))) {
      bl_tok__push(c, i, i + n + 1, BL_TOK_WORD, ls); /* possessive ’s */
      i += n + 1;
    } else {
      size_t e = i + n;
      if (cp == '.' || cp == '-') /* "..." and "--" as one token */
        while (e < end && s[e] == (uint8_t)cp) e++;
      bl_tok__push(c, i, e, BL_TOK_PUNCT, ls);
      i = e;
    }
  }
}

/* ---------------------------------------------------------------- sentences */

static inline bool bl_tok__is(const uint8_t *s, const BlToken *t, const char *lit)
{
  return bl_tok_eq((const char *)s, t, lit);
}

static bool bl_tok__terminal(const uint8_t *s, const BlToken *t)
{
  if (t->kind != BL_TOK_PUNCT) return false;
  return bl_tok__is(s, t, ".") || bl_tok__is(s, t, "!") || bl_tok__is(s, t, "?") || bl_tok__is(s, t, "...") ||
         bl_tok__is(s, t, "\xE2\x80\xA6");
}

static bool bl_tok__closer(const uint8_t *s, const BlToken *t)
{
  if (t->kind != BL_TOK_PUNCT) return false;
  return bl_tok__is(s, t, "\"") || bl_tok__is(s, t, "'") || bl_tok__is(s, t, ")") || bl_tok__is(s, t, "]") ||
         bl_tok__is(s, t, "\xE2\x80\x9D") || bl_tok__is(s, t, "\xE2\x80\x99") || bl_tok__is(s, t, "\xC2\xBB");
}

static bool bl_tok__opener(const uint8_t *s, const BlToken *t)
{
  if (t->kind != BL_TOK_PUNCT) return false;
  return bl_tok__is(s, t, "\"") || bl_tok__is(s, t, "'") || bl_tok__is(s, t, "(") || bl_tok__is(s, t, "[") ||
         bl_tok__is(s, t, "\xE2\x80\x9C") || bl_tok__is(s, t, "\xE2\x80\x98") || bl_tok__is(s, t, "\xC2\xAB");
}

/* Whether a line holds no lowercase letter (a dateline or a headline in capitals). */
static bool bl_tok__caps_line(const BlTokens *tk, size_t first, size_t last)
{
  size_t words = 0;
  for (size_t i = first; i <= last; i++) {
    const BlToken *t = &tk->tokens.items[i];
    if (t->kind == BL_TOK_WORD) {
      if (!(t->flags & BL_TF_ALLCAPS) && !((t->flags & BL_TF_CAP) && t->end - t->start == 1)) return false;
      words++;
    }
  }
  return words > 0;
}

static void bl_tok__sentences(BlTokens *tk, const uint8_t *s, size_t first, size_t end_tok, uint32_t block)
{
  size_t begin = first;
  size_t line_first = first;
  bool straight_open = false; /* a straight " opened and not yet closed in this block */
  for (size_t i = first; i < end_tok; i++) {
    const BlToken *t = &tk->tokens.items[i];
    if (t->flags & BL_TF_LINE_START) line_first = i;
    if (bl_tok__is(s, t, "\"")) straight_open = !straight_open;
    bool split = false;
    size_t last = i; /* last token of the sentence if we split */
    const BlToken *next = i + 1 < end_tok ? &tk->tokens.items[i + 1] : NULL;
    if (bl_tok__terminal(s, t)) {
      while (last + 1 < end_tok && bl_tok__closer(s, &tk->tokens.items[last + 1])) {
        /* a straight " closes only when one is open; otherwise it opens the next sentence */
        if (bl_tok__is(s, &tk->tokens.items[last + 1], "\"")) {
          if (!straight_open) break;
          straight_open = false;
        }
        last++;
      }
      next = last + 1 < end_tok ? &tk->tokens.items[last + 1] : NULL;
      if (!next) {
        split = true;
      } else {
        const BlToken *nw = next;
        if (bl_tok__opener(s, nw) && last + 2 < end_tok) nw = &tk->tokens.items[last + 2];
        bool starts = (nw->flags & BL_TF_CAP) || nw->kind == BL_TOK_NUMBER || nw->kind == BL_TOK_SYMBOL ||
                      bl_tok__opener(s, next) || bl_tok__is(s, next, "--") ||
                      bl_tok__is(s, next, "\xE2\x80\x94");
        if (nw->kind == BL_TOK_WORD && !(nw->flags & BL_TF_CAP)) starts = false;
        const BlToken *prev = i > begin ? &tk->tokens.items[i - 1] : NULL;
        if (starts && bl_tok__is(s, t, ".") && prev && prev->end == t->start && prev->kind == BL_TOK_WORD) {
          size_t plen = prev->end - prev->start;
          const char *pw = (const char *)s + prev->start;
          bool title_like = bl_is_abbreviation(pw, plen);
          bool initial = plen == 1 && (prev->flags & BL_TF_CAP);
          if (initial) starts = false;
          else if (title_like) starts = bl_tok__sentence_starter((const char *)s + nw->start, nw->end - nw->start) &&
                                        !(strncasecmp(pw, "mr", plen) == 0 || strncasecmp(pw, "dr", plen) == 0 ||
                                          strncasecmp(pw, "mrs", plen) == 0 || strncasecmp(pw, "ms", plen) == 0);
        }
        split = starts;
      }
    } else if ((t->flags & BL_TF_PERIODS) && next && next->kind == BL_TOK_WORD && (next->flags & BL_TF_CAP) &&
               bl_tok__sentence_starter((const char *)s + next->start, next->end - next->start)) {
      split = true; /* "... in the U.S. The ..." */
    } else if (next && (next->flags & BL_TF_LINE_START) && bl_tok__caps_line(tk, line_first, i)) {
      split = true; /* a dateline or a headline in capitals ends with its line */
    }
    if (split) {
      BlSentence sent = {tk->tokens.items[begin].start, tk->tokens.items[last].end, (uint32_t)begin,
                         (uint32_t)(last + 1), block};
      bl_vec_push(&tk->sentences, sent);
      tk->tokens.items[begin].flags |= BL_TF_SENT_START;
      begin = last + 1;
      i = last;
    }
  }
  if (begin < end_tok) {
    BlSentence sent = {tk->tokens.items[begin].start, tk->tokens.items[end_tok - 1].end, (uint32_t)begin,
                       (uint32_t)end_tok, block};
    bl_vec_push(&tk->sentences, sent);
    tk->tokens.items[begin].flags |= BL_TF_SENT_START;
  }
}

void bl_tokens_build(BlTokens *self, const BlArticle *article)
{
  memset(self, 0, sizeof *self);
  bl_vec_reserve(&self->tokens, article->len / 5 + 16); /* about one token per 5 bytes of news text */
  BlTokCtx c = {(const uint8_t *)article->text, article->len, self, 0};
  for (size_t b = 0; b < article->blocks.len; b++) {
    const BlBlock *blk = &article->blocks.items[b];
    if (blk->kind == BL_BLOCK_FRONT_MATTER || blk->kind == BL_BLOCK_COMMENT) continue;
    c.block = b < 65535 ? (uint16_t)b : 65535;
    size_t first = self->tokens.len;
    bl_tok__block(&c, blk->start, blk->end);
    bl_tok__sentences(self, c.s, first, self->tokens.len, (uint32_t)b);
  }
}

void bl_tokens_free(BlTokens *self)
{
  bl_vec_free(&self->tokens);
  bl_vec_free(&self->sentences);
}
