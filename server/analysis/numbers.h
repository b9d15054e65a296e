/* numbers.h: what the quantity and time recognizers share: numerals ("4,000", "7.5", "1.5bn"),
 * number words ("three", "twenty-five", "a dozen", "two hundred and thirty four"), and one
 * lexicon of the words both recognizers dispatch on (months, weekdays, units of time, currency
 * names, approximators, ...), looked up case-insensitively in O(1) without allocating.
 *
 * Nothing here allocates: the lexicon and its index are static storage, the index built once per
 * process (pthread_once, then read-only, safe from any thread); every other result is written to
 * storage the caller owns. Texts are UTF-8; the lexicon holds ASCII words only, so a word with
 * other bytes is simply not found. */
#ifndef BL_NUMBERS_H
#define BL_NUMBERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tokens.h"

/* ---------------------------------------------------------------- lexicon */

/* Word classes (a word may be in several: "second" is an ordinal and a unit of time). */
enum {
  BL_LX_NUM = 1u << 0,     /* cardinal number word: value ("seven" = 7) */
  BL_LX_SCALE = 1u << 1,   /* multiplier: value ("million", "bn", "dozen", "crore") */
  BL_LX_ORD = 1u << 2,     /* ordinal: value ("third" = 3) */
  BL_LX_MONTH = 1u << 3,   /* month name or abbreviation: sub = 1..12 */
  BL_LX_WDAY = 1u << 4,    /* weekday: sub = 1 (Monday) .. 7 (Sunday) */
  BL_LX_TUNIT = 1u << 5,   /* unit of time: sub = BlTimeUnit; value = 2 when plural */
  BL_LX_SEASON = 1u << 6,  /* sub = 1 spring, 2 summer, 3 fall, 4 winter */
  BL_LX_DAYREF = 1u << 7,  /* today, yesterday, tomorrow, tonight: sub = BlDayRef */
  BL_LX_PARTDAY = 1u << 8, /* morning, afternoon, evening, night, noon, midnight: sub = BlPartOfDay */
  BL_LX_REL = 1u << 9,     /* last, next, this, past, coming, previous, following: sub = BlRel */
  BL_LX_MOD = 1u << 10,    /* early, late, mid, earlier, later: sub = BlMod */
  BL_LX_APPROX = 1u << 11, /* about, some, nearly, ... (and "more"/"less"/"at"/"up" that start one) */
  BL_LX_CCY = 1u << 12,    /* currency name after a number: code ("yen" JPY; "dollars" USD) */
  BL_LX_CCYADJ = 1u << 13, /* nationality before "dollar(s)": code ("Canadian" CAD) */
  BL_LX_CODE = 1u << 14,   /* ISO 4217 code or symbol prefix written as a word: code ("USD", "Rs") */
  BL_LX_PERCENT = 1u << 15, /* percent, pct */
  BL_LX_REF = 1u << 16,     /* now, currently, recently, nowadays: sub = BlRef */
  BL_LX_VAGUE = 1u << 17,   /* few, several, many: "a few days" */
  BL_LX_FUTURE = 1u << 18,  /* a cue of future tense: will, 'll, scheduled, ... */
  BL_LX_PAST = 1u << 19,    /* a cue of past tense: said, was, had, ... */
  BL_LX_ZONE = 1u << 20,    /* time zone after a clock time: GMT, EST, ET, UTC */
  BL_LX_STREET = 1u << 21,  /* street suffix: Street, Avenue, Road, ... */
  BL_LX_MEASURE = 1u << 22, /* singular unit of measure that may follow a number: km, kg, mph */
  BL_LX_HOLIDAY = 1u << 23, /* Christmas, Thanksgiving, ...: sub = BlHoliday */
  BL_LX_FUNC = 1u << 24,    /* function word that is never the unit of a number */
};

typedef enum {
  BL_TU_NONE,
  BL_TU_SECOND,
  BL_TU_MINUTE,
  BL_TU_HOUR,
  BL_TU_DAY,
  BL_TU_WEEK,
  BL_TU_FORTNIGHT,
  BL_TU_MONTH,
  BL_TU_QUARTER,
  BL_TU_YEAR,
  BL_TU_DECADE,
  BL_TU_CENTURY,
  BL_TU_MILLENNIUM,
  BL_TU_WEEKEND,
} BlTimeUnit;

typedef enum { BL_DR_TODAY = 1, BL_DR_YESTERDAY, BL_DR_TOMORROW, BL_DR_TONIGHT } BlDayRef;
typedef enum { BL_PD_MORNING = 1, BL_PD_AFTERNOON, BL_PD_EVENING, BL_PD_NIGHT, BL_PD_NOON, BL_PD_MIDNIGHT } BlPartOfDay;
typedef enum {
  BL_REL_LAST = 1,
  BL_REL_NEXT,
  BL_REL_THIS,
  BL_REL_PAST,
  BL_REL_COMING,
  BL_REL_PREVIOUS,
  BL_REL_FOLLOWING
} BlRel;
typedef enum { BL_MOD_EARLY = 1, BL_MOD_LATE, BL_MOD_MID, BL_MOD_EARLIER, BL_MOD_LATER } BlMod;
typedef enum { BL_RF_NOW = 1, BL_RF_CURRENTLY, BL_RF_RECENTLY, BL_RF_NOWADAYS, BL_RF_RECENT } BlRef;
typedef enum {
  BL_HD_CHRISTMAS = 1,
  BL_HD_THANKSGIVING,
  BL_HD_EASTER,
  BL_HD_HALLOWEEN,
  BL_HD_RAMADAN,
  BL_HD_NEW_YEAR, /* "New Year's Day" is matched word by word by the time recognizer */
} BlHoliday;

typedef struct BlLex {
  const char *word; /* lowercase */
  uint32_t cls;     /* BL_LX_* */
  double value;     /* BL_LX_NUM / SCALE / ORD value; 2 for a plural unit of time */
  uint8_t sub;      /* month, weekday, BlTimeUnit, season, BlDayRef, ... (see the class) */
  char code[4];     /* ISO 4217 code for BL_LX_CCY / CCYADJ / CODE */
} BlLex;

/* The lexicon entry of the word s[0, n) (ASCII case-insensitive; a trailing period is not part of
 * the word), or NULL. s is (part of) a word token: letters, digits, '.', '-', apostrophes. The
 * result points into static storage. */
const BlLex *bl_lex_lookup(const char *s, size_t n);
/* The classes the time recognizer reads from the lexicon. */
#define BL_LX_TIME_CLASSES                                                                              \
  (BL_LX_NUM | BL_LX_ORD | BL_LX_MONTH | BL_LX_WDAY | BL_LX_TUNIT | BL_LX_SEASON | BL_LX_DAYREF |       \
   BL_LX_PARTDAY | BL_LX_REL | BL_LX_MOD | BL_LX_APPROX | BL_LX_REF | BL_LX_VAGUE | BL_LX_FUTURE |      \
   BL_LX_PAST | BL_LX_ZONE | BL_LX_HOLIDAY)

/* The classes of the words a time expression can start at (tense cues and zones only follow). */
#define BL_LX_TIME_STARTS                                                                               \
  (BL_LX_NUM | BL_LX_ORD | BL_LX_MONTH | BL_LX_WDAY | BL_LX_TUNIT | BL_LX_SEASON | BL_LX_DAYREF |       \
   BL_LX_PARTDAY | BL_LX_REL | BL_LX_MOD | BL_LX_APPROX | BL_LX_REF | BL_LX_VAGUE | BL_LX_HOLIDAY)

/* A cheap filter before a lookup, by the shape of a word: its first letter, last letter and
 * length. bl_lex_sig_may_be is false when no lexicon word of that shape is in the group; true
 * means "maybe" (look it up). The groups: */
enum {
  BL_LXG_TIME = 1 << 0, /* a class in BL_LX_TIME_CLASSES */
  BL_LXG_QTY = 1 << 1,  /* BL_LX_NUM or BL_LX_APPROX: a word that may open a quantity */
  BL_LXG_CODE = 1 << 2,   /* BL_LX_CODE */
  BL_LXG_ANY = 1 << 3,    /* any word of the lexicon */
  BL_LXG_NUM = 1 << 4,    /* BL_LX_NUM */
  BL_LXG_APPROX = 1 << 5, /* BL_LX_APPROX */
  BL_LXG_SCALE = 1 << 6,  /* BL_LX_SCALE */
  BL_LXG_TSTART = 1 << 7, /* a class in BL_LX_TIME_STARTS */
};
typedef struct BlLexSig {
  uint8_t groups[32][32][16]; /* [first - 'a'][last - 'a'][length], each index taken modulo its size */
} BlLexSig;
/* The signatures (static storage, built on first use). */
const BlLexSig *bl_lex_signatures(void);
/* Branch-free: a byte that is not a letter, or a length over 15, lands on some cell by the
 * modulo; that can only say "maybe", which the lookup then settles. n > 0. */
static inline bool bl_lex_sig_may_be(const BlLexSig *sig, const char *s, size_t n, unsigned group)
{
  n -= s[n - 1] == '.';
  unsigned a = (((unsigned char)s[0] | 0x20) - 'a') & 31;
  unsigned z = (((unsigned char)s[n - 1 + (n == 0)] | 0x20) - 'a') & 31;
  return (sig->groups[a][z][n & 15] & group) != 0;
}

/* The lexicon entry of a token, or NULL for anything but a word. */
const BlLex *bl_lex_token(const char *text, const BlToken *t);
/* Whether the lexicon entry has any of the classes in mask. */
static inline bool bl_lex_is(const BlLex *lx, uint32_t mask)
{
  return lx && (lx->cls & mask) != 0;
}

/* ---------------------------------------------------------------- numerals */

typedef struct BlNumeral {
  double value;     /* with the scale suffix applied ("1.5bn" = 1.5e9) */
  double scale;     /* the suffix's multiplier, 1 when none */
  uint8_t digits;   /* digits before the decimal point */
  bool grouped;     /* thousands separated by commas ("4,000") */
  bool decimal;     /* a decimal part ("7.5", ".596") */
  bool ordinal;     /* "5th", "21st" (value is the number) */
  bool plural;      /* "1990s" (value is the number) */
  bool plain;       /* digits only: no separator, suffix or decimal point */
  const char *suffix; /* letters after the number that are none of the above ("km"), or NULL */
  size_t suffix_len;
} BlNumeral;

/* Parses a numeral token text s[0, n): digits with well-formed thousands groups, an optional
 * decimal part, and an optional suffix: a scale (k, m, mn, bn, tn), an ordinal ending, a
 * plural "s", or other letters (reported in `suffix`). Returns false for anything else:
 * "1996-08-30", "24/7", "10:30", "555-0100", "4,00". */
bool bl_numeral_parse(const char *s, size_t n, BlNumeral *out);

/* ---------------------------------------------------------------- number phrases */

enum {
  BL_NP_WORDS = 1 << 0,   /* written in words ("twenty-five", "a dozen") */
  BL_NP_SCALED = 1 << 1,  /* a scale word or suffix ("7 billion", "1.5bn") */
  BL_NP_ARTICLE = 1 << 2, /* starts with "a"/"an" ("a million", "an hour" is not a phrase) */
  BL_NP_RANGE = 1 << 3,   /* "5-7 million": value is the low end */
  BL_NP_FRACTION = 1 << 4, /* "2 1/2", "31 7/8" */
};

typedef struct BlNumberPhrase {
  double value;
  size_t end;       /* token index after the phrase */
  unsigned flags;   /* BL_NP_* */
  BlNumeral first;  /* the numeral that starts it, when it starts with one */
  bool has_numeral;
} BlNumberPhrase;

/* Reads a number phrase starting at token i, not past token `end`: a numeral followed by scale
 * words ("7 billion", "2 1/2"), or number words ("three", "twenty-five", "two million",
 * "two hundred and thirty four", "a dozen", "a million"). Returns false when there is none.
 * "a" alone and "one" alone are phrases only with a scale after them (the caller decides about
 * "one"). */
bool bl_number_phrase(const char *text, const BlToken *toks, size_t i, size_t end, BlNumberPhrase *out);

/* The value of a word that is a number word or a hyphenated compound of them ("twenty-five"),
 * via *value; false otherwise. */
bool bl_number_word(const char *s, size_t n, double *value);

/* bl_tok_eq and bl_tok_ieq, which the recognizers use with these, are in tokens.h. */

#endif
