/* recognize_quantity.c: money, numbers and percents (see recognizers.h).
 *
 * One left-to-right pass per sentence; tokens already claimed by an earlier recognizer (the time
 * recognizer claims years, dates and durations such as "five years") are skipped. At each token
 * the dispatcher looks at its kind (number, symbol, word) and, for words, their flags and shape
 * (numbers.h signatures), so nearly every word that cannot start a quantity is passed over
 * without a lexicon lookup; nothing is allocated but the entities found (and their units).
 *
 *   money    [approx] ($|€|£|¥|₹|₩|US$|C$|A$|HK$|...|ISO code|Rs) number-phrase
 *            [approx] number-phrase (ISO code | [nationality] currency-name)
 *            amount = the number with its scale ("$7 billion" = 7e9, "€3.2m" = 3.2e6,
 *            "31 cents" = 0.31); currency = ISO 4217 code, "" when the name does not say
 *            which ("pesos", "dinars" without a nationality). "$" alone is USD, "¥" JPY.
 *   percent  number-phrase ("%" | percent | per cent | pct | percentage point(s)); percentage
 *            points are a percent whose unit is "percentage points".
 *   number   [approx] number-phrase [unit]: the unit is the plural noun (or unit of measure)
 *            within three words after the number ("some 25 organizations" -> 25, unit
 *            "organizations", approximate).
 * An approximator ("about", "some", "nearly", "more than", "at least", "up to", ...) is part of
 * the span and sets BL_EF_APPROX: the figure is not stated as exact. A range ("5-7 million",
 * "15 to 20 percent") keeps its low end as the value and sets BL_EF_RANGE.
 *
 * Not quantities: ordinals ("5th"), "one" alone, numbers after "No."/"#" ("No. 1"), street
 * numbers ("1600 Pennsylvania Avenue"), numbers after a name ("Route 66", "Flight 370",
 * "Section 230"), phone numbers ("555-0100", "(202) 555-0100"), scores and ratios ("3-1",
 * "24/7"), IDs (7+ plain digits), coordinates (4+ decimals), list numbers ("1." opening a line),
 * clock times and anything a time entity already holds. */
#include <stdlib.h>
#include <string.h>

#include "../base/alloc.h"
#include "numbers.h"
#include "recognizers.h"

typedef struct {
  const char *t;
  const BlToken *tok;
  size_t sb, se;
} BlQtyCtx;

typedef struct {
  size_t end;
  uint8_t kind;
  uint8_t flags;
  double value;
  char currency[4];
  size_t unit_start, unit_end; /* bytes; equal when no unit */
  const char *unit_lit;        /* a unit that is not text of the document ("percentage points") */
} BlQtyMatch;

static const BlLex *bl_qty__lx(const BlQtyCtx *c, size_t i)
{
  if (i >= c->se) return NULL;
  return bl_lex_token(c->t, &c->tok[i]);
}

static bool bl_qty__has(const BlQtyCtx *c, size_t i, uint32_t cls)
{
  return bl_lex_is(bl_qty__lx(c, i), cls);
}

/* Token i of the sentence is lit ignoring case (lit in lowercase) / exactly lit: bl_tok_ieqn and
 * bl_tok_eqn (tokens.h), false past the sentence. The macros pass a literal's length. */
static inline bool bl_qty__ieqn(const BlQtyCtx *c, size_t i, const char *lit, size_t n)
{
  return i < c->se && bl_tok_ieqn(c->t, &c->tok[i], lit, n);
}

static inline bool bl_qty__isn(const BlQtyCtx *c, size_t i, const char *lit, size_t n)
{
  return i < c->se && bl_tok_eqn(c->t, &c->tok[i], lit, n);
}

#define bl_qty__ieq(c, i, lit) bl_qty__ieqn(c, i, "" lit, sizeof(lit) - 1)
#define bl_qty__is(c, i, lit) bl_qty__isn(c, i, "" lit, sizeof(lit) - 1)

static bool bl_qty__word(const BlQtyCtx *c, size_t i)
{
  return i < c->se && c->tok[i].kind == BL_TOK_WORD;
}

/* ---------------------------------------------------------------- currency signs */

/* The currency of a symbol token ($ € £ ¥ ₹ ₩), or NULL. */
static const char *bl_qty__symbol(const BlQtyCtx *c, size_t i)
{
  if (i >= c->se || c->tok[i].kind != BL_TOK_SYMBOL) return NULL;
  const char *s = c->t + c->tok[i].start;
  size_t n = c->tok[i].end - c->tok[i].start;
  if (n == 1 && s[0] == '$') return "USD";
  if (n == 3 && memcmp(s, "\xE2\x82\xAC", 3) == 0) return "EUR";
  if (n == 2 && memcmp(s, "\xC2\xA3", 2) == 0) return "GBP";
  if (n == 2 && memcmp(s, "\xC2\xA5", 2) == 0) return "JPY";
  if (n == 3 && memcmp(s, "\xE2\x82\xB9", 3) == 0) return "INR";
  if (n == 3 && memcmp(s, "\xE2\x82\xA9", 3) == 0) return "KRW";
  return NULL;
}

/* The currency of a prefix glued to "$" ("US$", "C$", "HK$"), or NULL. */
static const char *bl_qty__dollar_prefix(const BlQtyCtx *c, size_t i)
{
  static const struct {
    const char *p, *code;
  } table[] = {
      {"US", "USD"}, {"U.S.", "USD"}, {"C", "CAD"},  {"CA", "CAD"}, {"Can", "CAD"}, {"A", "AUD"},
      {"AU", "AUD"}, {"NZ", "NZD"},   {"HK", "HKD"}, {"S", "SGD"},  {"SG", "SGD"},  {"R", "BRL"},
      {"NT", "TWD"}, {"MX", "MXN"},   {"Mex", "MXN"}, {"Z", "ZWL"}, {"J", "JMD"},   {"NZD", "NZD"},
  };
  if (!bl_qty__word(c, i) || i + 1 >= c->se || c->tok[i].end != c->tok[i + 1].start || !bl_qty__is(c, i + 1, "$"))
    return NULL;
  for (size_t k = 0; k < sizeof table / sizeof table[0]; k++)
    if (bl_tok_eq(c->t, &c->tok[i], table[k].p)) return table[k].code;
  return NULL;
}

/* An ISO 4217 code written as a word ("USD", "EUR") or "Rs"/"Rs.", or NULL. */
static const char *bl_qty__code(const BlQtyCtx *c, size_t i, size_t *after)
{
  if (i >= c->se || c->tok[i].kind != BL_TOK_WORD) return NULL;
  size_t n = c->tok[i].end - c->tok[i].start;
  if (!(n == 3 && (c->tok[i].flags & BL_TF_ALLCAPS)) && !(n == 2 && c->t[c->tok[i].start] == 'R')) return NULL;
  const BlLex *lx = bl_qty__lx(c, i);
  if (!lx || !(lx->cls & BL_LX_CODE)) return NULL;
  const BlToken *t = &c->tok[i];
  *after = i + 1;
  if (bl_tok_eq(c->t, t, "Rs")) {
    if (bl_qty__is(c, i + 1, ".") && c->tok[i].end == c->tok[i + 1].start) *after = i + 2;
    return lx->code;
  }
  if (!(t->flags & BL_TF_ALLCAPS) || t->end - t->start != 3) return NULL;
  return lx->code;
}

/* ---------------------------------------------------------------- approximators */

/* Returns the token after an approximator at i, or i. */
static size_t bl_qty__approx(const BlQtyCtx *c, size_t i)
{
  const BlLex *lx = bl_qty__lx(c, i);
  if (!lx) return i;
  if (!(lx->cls & BL_LX_APPROX)) {
    if (bl_qty__ieq(c, i, "an") && bl_qty__ieq(c, i + 1, "estimated")) return i + 2;
    if (bl_qty__ieq(c, i, "in") && bl_qty__ieq(c, i + 1, "excess") && bl_qty__ieq(c, i + 2, "of")) return i + 3;
    return i;
  }
  if (bl_qty__ieq(c, i, "more") || bl_qty__ieq(c, i, "less") || bl_qty__ieq(c, i, "fewer"))
    return bl_qty__ieq(c, i + 1, "than") ? i + 2 : i;
  if (bl_qty__ieq(c, i, "at")) return bl_qty__ieq(c, i + 1, "least") || bl_qty__ieq(c, i + 1, "most") ? i + 2 : i;
  if (bl_qty__ieq(c, i, "up")) return bl_qty__ieq(c, i + 1, "to") ? i + 2 : i;
  if (bl_qty__ieq(c, i, "close")) return bl_qty__ieq(c, i + 1, "to") ? i + 2 : i;
  if (bl_qty__ieq(c, i, "upwards")) return bl_qty__ieq(c, i + 1, "of") ? i + 2 : i;
  if (bl_qty__ieq(c, i, "just") || bl_qty__ieq(c, i, "well"))
    return bl_qty__ieq(c, i + 1, "over") || bl_qty__ieq(c, i + 1, "under") || bl_qty__ieq(c, i + 1, "below") ||
                   bl_qty__ieq(c, i + 1, "above")
               ? i + 2
               : i;
  if (bl_qty__ieq(c, i, "as"))
    return (bl_qty__ieq(c, i + 1, "many") || bl_qty__ieq(c, i + 1, "much") || bl_qty__ieq(c, i + 1, "few") ||
            bl_qty__ieq(c, i + 1, "little") || bl_qty__ieq(c, i + 1, "high")) &&
                   bl_qty__ieq(c, i + 2, "as")
               ? i + 3
               : i;
  return i + 1;
}

/* ---------------------------------------------------------------- units */

static bool bl_qty__plural_noun(const BlQtyCtx *c, size_t i)
{
  const BlToken *t = &c->tok[i];
  const char *s = c->t + t->start;
  size_t n = t->end - t->start;
  if (n < 3 || s[n - 1] != 's') return false;
  if (s[n - 2] == 's' || s[n - 2] == 'u' || s[n - 2] == 'i' || s[n - 2] == '\'') return false; /* -ss -us -is */
  if (n >= 4 && s[n - 3] == 'o' && s[n - 2] == 'u') return false;                             /* -ous */
  return true;
}

/* The unit of a number whose phrase ends before token j: [-]word or a plural noun / unit of
 * measure within three words. */
static void bl_qty__unit(const BlQtyCtx *c, size_t j, BlQtyMatch *m)
{
  if (bl_qty__is(c, j, "-") && j > 0 && c->tok[j - 1].end == c->tok[j].start && bl_qty__word(c, j + 1) &&
      c->tok[j].end == c->tok[j + 1].start) {
    m->unit_start = c->tok[j + 1].start; /* "20-member", "42-year-old" */
    m->unit_end = c->tok[j + 1].end;
    return;
  }
  for (size_t k = j; k < j + 3 && k < c->se; k++) {
    if (!bl_qty__word(c, k)) return;
    const BlLex *lx = bl_qty__lx(c, k);
    if (lx && (lx->cls & BL_LX_MEASURE)) {
      m->unit_start = c->tok[k].start;
      m->unit_end = c->tok[k].end;
      return;
    }
    if (lx && (lx->cls & (BL_LX_FUNC | BL_LX_TUNIT | BL_LX_PAST | BL_LX_FUTURE | BL_LX_MONTH | BL_LX_WDAY))) return;
    if (bl_qty__plural_noun(c, k)) {
      m->unit_start = c->tok[k].start;
      m->unit_end = c->tok[k].end;
      return;
    }
    if (c->tok[k].flags & BL_TF_SENT_START) return;
  }
}

/* ---------------------------------------------------------------- the matcher */

/* Money with the currency before the number: "$7 billion", "US$20", "USD 40 million",
 * "Rs 500 crore". */
static bool bl_qty__money_before(const BlQtyCtx *c, size_t i, BlQtyMatch *m)
{
  const char *code = NULL;
  size_t j = i;
  if ((code = bl_qty__symbol(c, i))) j = i + 1;
  else if ((code = bl_qty__dollar_prefix(c, i))) j = i + 2;
  else if (!(code = bl_qty__code(c, i, &j))) return false;
  BlNumberPhrase np;
  if (!bl_number_phrase(c->t, c->tok, j, c->se, &np)) return false;
  if (np.has_numeral && np.first.suffix) return false; /* "$5G" */
  if ((np.flags & BL_NP_WORDS) && !(np.flags & BL_NP_SCALED) && np.value == 1 && !bl_qty__symbol(c, i)) return false;
  m->end = np.end;
  m->kind = BL_ENT_MONEY;
  m->value = np.value;
  memcpy(m->currency, code, 4);
  if (np.flags & BL_NP_RANGE) m->flags |= BL_EF_RANGE;
  return true;
}

/* A currency after a number phrase ending at j: "yen", "dollars", "U.S. dollars", "Hong Kong
 * dollars", "cents", "USD". Returns the token after it, or j. */
static size_t bl_qty__money_after(const BlQtyCtx *c, size_t j, const BlNumberPhrase *np, BlQtyMatch *m)
{
  size_t after;
  const char *code = bl_qty__code(c, j, &after);
  if (code && !bl_tok_eq(c->t, &c->tok[j], "Rs")) {
    memcpy(m->currency, code, 4);
    return after;
  }
  size_t k = j;
  const char *adj = NULL;
  for (size_t n = 0; n < 2 && k < c->se; n++) { /* "Canadian", "Hong Kong", "New Zealand", "U.S." */
    const BlLex *lx = bl_qty__lx(c, k);
    if (lx && (lx->cls & BL_LX_CCYADJ) && (c->tok[k].flags & BL_TF_CAP)) {
      adj = lx->code;
      k++;
      break;
    }
    if (n == 0 && bl_qty__word(c, k) && (c->tok[k].flags & BL_TF_CAP) && bl_qty__has(c, k + 1, BL_LX_CCYADJ)) {
      k++;
      continue;
    }
    break;
  }
  const BlLex *cur = bl_qty__lx(c, k);
  if (!cur || !(cur->cls & BL_LX_CCY)) return j;
  if (c->tok[k].flags & BL_TF_CAP && !(c->tok[k].flags & BL_TF_SENT_START)) return j; /* a name */
  bool pound = bl_qty__ieq(c, k, "pound") || bl_qty__ieq(c, k, "pounds");
  if (pound && !adj) {
    /* pounds are a weight unless the amount is large or "sterling" follows */
    if (bl_qty__ieq(c, k + 1, "of") || bl_qty__ieq(c, k + 1, "in")) return j;
    if (!(np->flags & BL_NP_SCALED) && !bl_qty__ieq(c, k + 1, "sterling")) return j;
  }
  if (bl_qty__ieq(c, k, "won") && !(np->flags & BL_NP_SCALED) && np->value < 1000) return j; /* the verb */
  const char *codes = adj ? adj : cur->code;
  memcpy(m->currency, codes, 4);
  if (bl_qty__ieq(c, k, "cent") || bl_qty__ieq(c, k, "cents") || bl_qty__ieq(c, k, "pence")) {
    m->value *= 0.01;
    if (!adj) memcpy(m->currency, cur->code, 4);
  }
  k++;
  if (pound && bl_qty__ieq(c, k, "sterling")) k++;
  return k;
}

/* Whether the number at i is a label, an address, or a phone number rather than a quantity. */
static bool bl_qty__not_a_quantity(const BlQtyCtx *c, size_t i, const BlNumberPhrase *np)
{
  const BlToken *t = &c->tok[i];
  if (i > c->sb) {
    const BlToken *p = &c->tok[i - 1];
    /* "No. 1", "#1", "No 1" */
    if (bl_qty__is(c, i - 1, "#")) return true;
    if (bl_tok_ieq(c->t, p, "no") || bl_tok_ieq(c->t, p, "nos")) return true;
    if (bl_qty__is(c, i - 1, ".") && i - 1 > c->sb &&
        (bl_tok_ieq(c->t, &c->tok[i - 2], "no") || bl_tok_ieq(c->t, &c->tok[i - 2], "nos")))
      return true;
    /* "Route 66", "Flight 370", "Section 230": a plain number right after a name */
    if (p->kind == BL_TOK_WORD && (p->flags & BL_TF_CAP) && np->has_numeral && np->first.plain &&
        !(np->flags & BL_NP_SCALED)) {
      const BlLex *lx = bl_qty__lx(c, i - 1);
      if (!lx || !(lx->cls & (BL_LX_APPROX | BL_LX_FUNC | BL_LX_CCYADJ))) return true;
    }
    /* "(202) 555-0100" */
    if (bl_qty__is(c, i - 1, "(") && bl_qty__is(c, i + 1, ")") && i + 2 < c->se && c->tok[i + 2].kind == BL_TOK_NUMBER)
      return true;
  }
  if (np->has_numeral && np->first.plain && np->first.digits >= 7) return true; /* an ID, not a count */
  if (np->has_numeral && np->first.decimal) { /* "33.505716": a coordinate */
    const char *dot = memchr(c->t + t->start, '.', t->end - t->start);
    if (dot && (size_t)(c->t + t->end - dot) > 4) return true;
  }
  /* "1." or "1)" opening a line: a list number */
  if ((t->flags & BL_TF_LINE_START) && (bl_qty__is(c, i + 1, ".") || bl_qty__is(c, i + 1, ")")) &&
      np->end == i + 1 && np->has_numeral && np->first.plain && np->first.digits <= 2 && bl_qty__word(c, i + 2))
    return true;
  if (t->kind == BL_TOK_NUMBER && (np->flags & BL_NP_RANGE)) {
    /* "555-1234" is a phone number, not a range */
    const char *s = c->t + t->start;
    const char *h = memchr(s, '-', t->end - t->start);
    if (h) { /* (a range joined by another dash is not a phone number's shape) */
      size_t lo = (size_t)(h - s), hi = t->end - t->start - lo - 1;
      if (hi >= 4 && lo >= 3) return true;
      if (s[0] == '0' || h[1] == '0') return true;
    }
  }
  /* a number followed by another number ("1 202 555 0100", "1996 1997") */
  if (np->end < c->se && c->tok[np->end].kind == BL_TOK_NUMBER && !(np->flags & BL_NP_FRACTION)) return true;
  /* "1600 Pennsylvania Avenue", "10 Downing St." */
  if (np->has_numeral && np->first.plain) {
    size_t k = np->end;
    for (size_t n = 0; n < 3 && k < c->se && bl_qty__word(c, k) && (c->tok[k].flags & BL_TF_CAP); n++, k++)
      if (n > 0 && bl_qty__has(c, k, BL_LX_STREET)) return true;
  }
  return false;
}

static bool bl_qty__core(const BlQtyCtx *c, size_t i, BlQtyMatch *m)
{
  if (bl_qty__money_before(c, i, m)) return true;
  BlNumberPhrase np;
  if (!bl_number_phrase(c->t, c->tok, i, c->se, &np)) return false;
  const BlToken *t = &c->tok[i];
  if ((np.flags & BL_NP_WORDS) && (t->flags & BL_TF_CAP) && !(t->flags & BL_TF_SENT_START) &&
      !(t->flags & BL_TF_LINE_START))
    return false; /* "Two Sigma", "Catch Twenty-Two" */
  m->value = np.value;
  m->end = np.end;
  if (np.flags & BL_NP_RANGE) m->flags |= BL_EF_RANGE;
  size_t j = np.end;
  /* percent */
  if (bl_qty__is(c, j, "%")) {
    m->kind = BL_ENT_PERCENT;
    m->end = j + 1;
    return true;
  }
  const BlLex *lx = bl_qty__lx(c, j);
  if (lx && (lx->cls & BL_LX_PERCENT)) {
    if (bl_qty__ieq(c, j, "per")) {
      if (!bl_qty__ieq(c, j + 1, "cent")) goto not_percent;
      m->end = j + 2;
    } else if (bl_qty__ieq(c, j, "percentage")) {
      if (!bl_qty__ieq(c, j + 1, "point") && !bl_qty__ieq(c, j + 1, "points")) goto not_percent;
      m->end = j + 2;
      m->unit_lit = "percentage points";
    } else {
      m->end = j + 1;
    }
    m->kind = BL_ENT_PERCENT;
    return true;
  }
  /* "15 to 20 percent", "15 to 20%" */
  if (bl_qty__ieq(c, j, "to") || bl_qty__is(c, j, "-")) {
    BlNumberPhrase hi;
    if (bl_number_phrase(c->t, c->tok, j + 1, c->se, &hi) && hi.value > np.value) {
      size_t k = hi.end;
      bool pct = bl_qty__is(c, k, "%") || bl_qty__ieq(c, k, "percent") || bl_qty__ieq(c, k, "pct");
      bool pc2 = bl_qty__ieq(c, k, "per") && bl_qty__ieq(c, k + 1, "cent");
      if (pct || pc2) {
        m->kind = BL_ENT_PERCENT;
        m->flags |= BL_EF_RANGE;
        m->end = k + (pc2 ? 2 : 1);
        return true;
      }
    }
  }
not_percent:;
  /* money with the currency after the number */
  size_t k = bl_qty__money_after(c, j, &np, m);
  if (k != j) {
    if (np.has_numeral && np.first.suffix) return false;
    if ((np.flags & BL_NP_WORDS) && np.value == 1 && !(np.flags & BL_NP_SCALED) && !bl_qty__ieq(c, i, "one"))
      return false;
    m->kind = BL_ENT_MONEY;
    m->end = k;
    return true;
  }
  /* a plain number */
  if ((np.flags & BL_NP_WORDS) && np.value == 1 && !(np.flags & BL_NP_SCALED)) return false; /* "one" */
  if (bl_qty__not_a_quantity(c, i, &np)) return false;
  m->kind = BL_ENT_NUMBER;
  if (np.has_numeral && np.first.suffix) {
    /* "7km", "5G": a unit of measure glued to the number, or not a quantity */
    const BlLex *u = bl_lex_lookup(np.first.suffix, np.first.suffix_len);
    if (!u || !(u->cls & BL_LX_MEASURE)) return false;
    m->unit_start = (size_t)(np.first.suffix - c->t);
    m->unit_end = m->unit_start + np.first.suffix_len;
    return true;
  }
  bl_qty__unit(c, j, m);
  if ((np.flags & BL_NP_RANGE) && m->unit_start == m->unit_end) return false; /* "1-3", a score */
  if (np.has_numeral && np.first.scale != 1 && m->unit_start == m->unit_end && !bl_qty__ieq(c, j, "of"))
    return false; /* "100m" alone: metres or millions */
  return true;
}

static bool bl_qty__at(const BlQtyCtx *c, size_t i, BlQtyMatch *m)
{
  memset(m, 0, sizeof *m);
  size_t k = bl_qty__approx(c, i);
  if (k != i) {
    if (bl_qty__core(c, k, m)) {
      m->flags |= BL_EF_APPROX;
      return true;
    }
    memset(m, 0, sizeof *m);
    return false;
  }
  return bl_qty__core(c, i, m);
}

/* Whether a word can start a quantity: a number word, an approximator, a currency code or
 * prefix, or "a"/"an" ("a dozen", "a million dollars"). */
/* Whether the word at i can open a number phrase: a number word, "a"/"an" before a scale word
 * ("a dozen", "a million"), a currency code, or a prefix glued to "$" ("US$", "C$"). */
static bool bl_qty__opens_number(const BlQtyCtx *c, const BlLexSig *sig, size_t i)
{
  if (i >= c->se) return false;
  const BlToken *t = &c->tok[i];
  if (t->kind != BL_TOK_WORD) return t->kind == BL_TOK_NUMBER || t->kind == BL_TOK_SYMBOL;
  const char *s = c->t + t->start;
  size_t n = t->end - t->start;
  if (n <= 2 && (s[0] | 0x20) == 'a' && (n == 1 || s[1] == 'n')) { /* "a"/"an" + scale */
    if (i + 1 >= c->se || c->tok[i + 1].kind != BL_TOK_WORD) return false;
    const char *x = c->t + c->tok[i + 1].start;
    size_t xn = c->tok[i + 1].end - c->tok[i + 1].start;
    return bl_lex_sig_may_be(sig, x, xn, BL_LXG_SCALE) && bl_lex_is(bl_lex_lookup(x, xn), BL_LX_SCALE);
  }
  /* "US$", "C$" */
  if (i + 1 < c->se && c->tok[i + 1].kind == BL_TOK_SYMBOL && t->end == c->tok[i + 1].start && n <= 4) return true;
  bool code = (n == 3 && (t->flags & BL_TF_ALLCAPS)) || (n == 2 && s[0] == 'R' && s[1] == 's');
  if (bl_lex_sig_may_be(sig, s, n, BL_LXG_NUM | (code ? BL_LXG_CODE : 0)))
    return bl_lex_is(bl_lex_lookup(s, n), BL_LX_NUM | (code ? BL_LX_CODE : 0));
  double v;
  return (t->flags & BL_TF_HYPHEN) && bl_number_word(s, n, &v); /* "twenty-five" */
}

/* A cheap test before bl_qty__can_start, inline in the token loop: false for the words that
 * cannot start a quantity (nearly all of them). */
static inline bool bl_qty__maybe(const BlQtyCtx *c, const BlLexSig *sig, size_t i)
{
  const BlToken *t = &c->tok[i];
  size_t n = t->end - t->start;
  const char *s = c->t + t->start;
  if (t->flags & (BL_TF_ALLCAPS | BL_TF_HYPHEN)) return true; /* "USD", "twenty-five" */
  if (i + 1 < c->se && c->tok[i + 1].kind == BL_TOK_SYMBOL && t->end == c->tok[i + 1].start) return true; /* "C$" */
  if (n <= 2) { /* a, an, at, as, in, up, Rs */
    unsigned a = (unsigned char)s[0] | 0x20, b = n == 2 ? (unsigned char)s[1] | 0x20 : 0;
    return (a == 'a' && (b == 0 || b == 'n' || b == 't' || b == 's')) || (a == 'i' && b == 'n') ||
           (a == 'u' && b == 'p') || (a == 'r' && b == 's');
  }
  return bl_lex_sig_may_be(sig, s, n, BL_LXG_QTY);
}

/* Whether a quantity can start at the word at i: a number phrase opens there, or an approximator
 * ("about", "more than", "in excess of") is followed by one. */
static bool bl_qty__can_start(const BlQtyCtx *c, const BlLexSig *sig, size_t i)
{
  const BlToken *t = &c->tok[i];
  const char *s = c->t + t->start;
  size_t n = t->end - t->start;
  if (bl_qty__opens_number(c, sig, i)) return true;
  /* "in excess of", "an estimated" open with words that are not approximators themselves */
  bool approx = bl_lex_sig_may_be(sig, s, n, BL_LXG_APPROX) ||
                (n == 2 && ((s[0] | 0x20) == 'i' || (s[0] | 0x20) == 'a') && s[1] == 'n');
  if (!approx) return false;
  size_t k = bl_qty__approx(c, i);
  return k != i && bl_qty__opens_number(c, sig, k);
}

static int bl_qty__span_cmp(const void *a, const void *b)
{
  const uint32_t *x = a, *y = b;
  return x[0] < y[0] ? -1 : x[0] > y[0];
}

void bl_recognize_quantities(const BlArticle *a, const BlTokens *tk, BlEntities *out)
{
  /* spans already claimed (by the time recognizer), sorted by start */
  size_t nclaimed = out->items.len;
  uint32_t(*claimed)[2] = nclaimed ? bl_malloc(nclaimed * sizeof *claimed) : NULL;
  for (size_t e = 0; e < nclaimed; e++) {
    claimed[e][0] = out->items.items[e].start;
    claimed[e][1] = out->items.items[e].end;
  }
  if (nclaimed > 1) qsort(claimed, nclaimed, sizeof *claimed, bl_qty__span_cmp);
  size_t cur = 0;

  BlQtyCtx c = {a->text, tk->tokens.items, 0, 0};
  const BlLexSig *sig = bl_lex_signatures();
  for (size_t s = 0; s < tk->sentences.len; s++) {
    const BlSentence *sent = &tk->sentences.items[s];
    c.sb = sent->tok_begin;
    c.se = sent->tok_end;
    for (size_t i = c.sb; i < c.se;) {
      const BlToken *t = &c.tok[i];
      while (cur < nclaimed && claimed[cur][1] <= t->start) cur++;
      if (cur < nclaimed && claimed[cur][0] <= t->start) {
        i++;
        continue;
      }
      if (t->kind == BL_TOK_PUNCT ||
          (t->kind == BL_TOK_WORD && (!bl_qty__maybe(&c, sig, i) || !bl_qty__can_start(&c, sig, i)))) {
        i++;
        continue;
      }
      BlQtyMatch m;
      if (!bl_qty__at(&c, i, &m) || m.end <= i) {
        i++;
        continue;
      }
      uint32_t end = c.tok[m.end - 1].end;
      if (cur < nclaimed && claimed[cur][0] < end) { /* runs into a claimed span: drop it */
        i++;
        continue;
      }
      BlEntity e = {0};
      e.start = t->start;
      e.end = end;
      e.kind = m.kind;
      e.flags = m.flags;
      e.source = BL_SRC_PATTERN;
      e.number = m.value;
      memcpy(e.currency, m.currency, sizeof e.currency);
      if (m.unit_lit) e.unit = bl_strdup(m.unit_lit);
      else if (m.unit_end > m.unit_start) e.unit = bl_strndup(a->text + m.unit_start, m.unit_end - m.unit_start);
      bl_entities_add(out, &e);
      i = m.end;
    }
  }
  bl_free(claimed);
}
