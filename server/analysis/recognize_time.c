/* recognize_time.c: dates, times and durations (see recognizers.h), with TIMEX3-style values
 * resolved against the article date (BlMeta year/month/day) when the front matter gives one.
 *
 * One left-to-right pass per sentence. At each token the dispatcher looks at the token's kind,
 * flags and the shape of the word (numbers.h signatures), so that most words are passed over
 * without a lexicon lookup; at the others it tries only the patterns that can start there, and
 * the first pattern that matches claims its tokens. Lexicon entries are cached per sentence on
 * first use (one lookup per token at most); nothing is allocated per token.
 *
 * Spans follow TimeML's conventions (TimeBank/AQUAINT): a determiner that belongs to the
 * expression is inside ("the fall of 2020", "the third quarter", "the next five years"), a
 * preposition is not ("in May" -> "May"), modifiers and approximators are inside ("early 2021",
 * "mid-2020", "more than four hours"), and "the" before a bare decade is outside ("the 1990s"
 * -> "1990s").
 *
 * Values (docs/entities.md, "Dates and times", says the same for users):
 *   date      2021-05-03, 2021-05, 2021, 2021-W18 (ISO week), 2021-W18-WE (weekend), 2020-FA
 *             (season: SP SU FA WI), 2021-Q3, 2021-H1, 199 (decade), 19 (century), FY2021,
 *             PRESENT_REF / PAST_REF / FUTURE_REF ("now", "recently", "the future");
 *             without an article date: XXXX-05-05, XXXX-05, XXXX-WXX-1 when only the year or
 *             week is missing, and "" when the value is purely relative ("last month").
 *   time      2021-05-03T10:30, 2021-05-03TMO (MO AF EV NI), XXXX-XX-XXT10:30 without a date.
 *   duration  P5Y, P3M, P2W, P3D, PT24H, PT30M, P20Y for two decades, P1Q, PXY when the count is
 *             vague ("several years"), P2Y6M for "2 1/2 years", PT12H for "half a day".
 *   range     "Oct. 25-26, 2016" -> 2016-10-25/2016-10-26, "2020-21" -> 2020/2021 (BL_EF_RANGE).
 * An expression anchored to another event ("a year earlier", "the following day") is a date with
 * an empty value.
 *
 * Underspecified dates are resolved against the article date and the tense of the sentence. The
 * tense is the nearest cue before the expression within ten tokens (future: "will", "'ll",
 * "scheduled", "expected", "plans", "due", "next week"; past: "said", "was", "had", "told", a
 * verb in -ed not after "be"), else the first cue after it within eight tokens, else unknown.
 *   weekday      past or unknown: the last one on or before the article date (news reports the
 *                past); future: the first on or after it. "last"/"next"/"this Monday": the one
 *                before / after the article date / in its ISO week.
 *   month-day    the occurrence nearest the article date ("Dec. 28" in an article of 3 January
 *                is last year's); the tense is not used: TimeBank's month-days are mostly within
 *                weeks of the article.
 *   month        past: the last on or before the article's month; future: the first on or
 *                after; unknown: the nearest.
 *   season       past or unknown: the last one begun by the article date; future: the next.
 *   quarter/half the last one begun by the article date ("the third quarter" reported in
 *                October is this year's).
 *   holiday      like a weekday: by tense, else the nearest. */
#include <stdio.h>
#include <string.h>

#include "numbers.h"
#include "recognizers.h"

/* ---------------------------------------------------------------- calendar arithmetic */

static int64_t bl_time__days(int y, int m, int d) /* days since 1970-01-01 (proleptic Gregorian) */
{
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void bl_time__civil(int64_t z, int *y, int *m, int *d)
{
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int bl_time__wday(int64_t z) /* 1 = Monday .. 7 = Sunday */
{
  return (int)(((z % 7) + 7 + 3) % 7) + 1;
}

static void bl_time__iso_week(int64_t z, int *iy, int *w)
{
  int64_t thu = z - (bl_time__wday(z) - 1) + 3;
  int y, m, d;
  bl_time__civil(thu, &y, &m, &d);
  *iy = y;
  *w = (int)((thu - bl_time__days(y, 1, 1)) / 7) + 1;
}

static int bl_time__mdays(int y, int m)
{
  static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return n[m - 1];
}

/* the n-th (1-based; -1 = last) weekday wd of a month */
static int64_t bl_time__nth_wday(int y, int m, int wd, int n)
{
  if (n > 0) {
    int64_t first = bl_time__days(y, m, 1);
    return first + ((wd - bl_time__wday(first)) + 7) % 7 + 7 * (n - 1);
  }
  int64_t last = bl_time__days(y, m, bl_time__mdays(y, m));
  return last - ((bl_time__wday(last) - wd) + 7) % 7;
}

static int64_t bl_time__easter(int y) /* anonymous Gregorian algorithm */
{
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return bl_time__days(y, month, day);
}

/* ---------------------------------------------------------------- context and matches */

typedef struct {
  const char *t;
  const BlToken *tok;
  size_t sb, se; /* the sentence's tokens [sb, se) */
  bool dct;      /* an article date is known */
  int y, m, d;
  int64_t dn;         /* the article date in days */
  const BlLex **lex;  /* per token of the sentence (index - sb): its lexicon entry, filled on first
                         use; NULL = not looked up yet, &bl_time__none = none. NULL: no cache */
  const BlLexSig *sig;
} BlTimeCtx;

static const BlLex bl_time__none = {"", 0, 0, 0, ""};

typedef struct {
  size_t end; /* token after the match */
  uint8_t kind;
  uint8_t flags;
  char iso[48];
} BlTimeMatch;

/* A resolved calendar value, before it is written as a string. */
typedef enum {
  BL_G_NONE,    /* no value */
  BL_G_DAY,     /* y-m-d */
  BL_G_MONTH,   /* y-m */
  BL_G_YEAR,    /* y */
  BL_G_WEEK,    /* y-Ww (y = ISO year, m = week) */
  BL_G_WEEKEND, /* y-Ww-WE */
  BL_G_SEASON,  /* y-SS (m = season 1..4) */
  BL_G_QUARTER, /* y-Qm */
  BL_G_HALF,    /* y-Hm */
  BL_G_DECADE,  /* y = the decade's first year */
  BL_G_CENTURY, /* y = the century's number minus one ("19" for the 20th) */
  BL_G_REF,     /* m = BlRef-like: 0 present, 1 past, 2 future */
} BlGran;

typedef struct {
  BlGran g;
  int y, m, d; /* y == 0: unknown year (XXXX) */
  int wd;      /* a weekday with unknown date: XXXX-WXX-wd */
} BlTimeVal;

static const char *bl_time__season_code(int s)
{
  static const char *const c[] = {"", "SP", "SU", "FA", "WI"};
  return s >= 1 && s <= 4 ? c[s] : "";
}

static void bl_time__format(const BlTimeVal *v, char *out, size_t cap)
{
  char yb[8];
  if (v->y > 0) snprintf(yb, sizeof yb, "%04d", v->y % 10000);
  else snprintf(yb, sizeof yb, "XXXX");
  switch (v->g) {
  case BL_G_NONE: out[0] = '\0'; break;
  case BL_G_DAY:
    if (v->wd) snprintf(out, cap, "XXXX-WXX-%d", v->wd);
    else snprintf(out, cap, "%s-%02d-%02d", yb, v->m, v->d);
    break;
  case BL_G_MONTH: snprintf(out, cap, "%s-%02d", yb, v->m); break;
  case BL_G_YEAR: snprintf(out, cap, "%s", yb); break;
  case BL_G_WEEK: snprintf(out, cap, "%s-W%02d", yb, v->m); break;
  case BL_G_WEEKEND: snprintf(out, cap, "%s-W%02d-WE", yb, v->m); break;
  case BL_G_SEASON: snprintf(out, cap, "%s-%s", yb, bl_time__season_code(v->m)); break;
  case BL_G_QUARTER: snprintf(out, cap, "%s-Q%d", yb, v->m); break;
  case BL_G_HALF: snprintf(out, cap, "%s-H%d", yb, v->m); break;
  case BL_G_DECADE: snprintf(out, cap, "%03d", (v->y / 10) % 1000); break;
  case BL_G_CENTURY: snprintf(out, cap, "%02d", v->y % 100); break;
  case BL_G_REF: snprintf(out, cap, "%s", v->m == 0 ? "PRESENT_REF" : v->m == 1 ? "PAST_REF" : "FUTURE_REF"); break;
  }
}

static BlTimeVal bl_time__day_val(int64_t z)
{
  BlTimeVal v = {BL_G_DAY, 0, 0, 0, 0};
  bl_time__civil(z, &v.y, &v.m, &v.d);
  return v;
}

static BlTimeVal bl_time__week_val(int64_t z, BlGran g)
{
  BlTimeVal v = {g, 0, 0, 0, 0};
  bl_time__iso_week(z, &v.y, &v.m);
  return v;
}

/* ---------------------------------------------------------------- token helpers */

static const BlToken *bl_time__tk(const BlTimeCtx *c, size_t i)
{
  return &c->tok[i];
}

/* Fills the cache entry of token i (the slow path of bl_time__lx). */
static const BlLex *bl_time__fill(const BlTimeCtx *c, size_t i)
{
  const BlToken *t = &c->tok[i];
  const char *s = c->t + t->start;
  size_t n = t->end - t->start;
  const BlLex *e =
      t->kind == BL_TOK_WORD && bl_lex_sig_may_be(c->sig, s, n, BL_LXG_TIME) ? bl_lex_lookup(s, n) : NULL;
  c->lex[i - c->sb] = e ? e : &bl_time__none;
  return e;
}

static inline const BlLex *bl_time__lx(const BlTimeCtx *c, size_t i)
{
  if (i >= c->se) return NULL;
  if (!c->lex) return bl_lex_token(c->t, &c->tok[i]);
  const BlLex *e = c->lex[i - c->sb];
  if (!e) return bl_time__fill(c, i);
  return e == &bl_time__none ? NULL : e;
}

static bool bl_time__has(const BlTimeCtx *c, size_t i, uint32_t cls)
{
  return bl_lex_is(bl_time__lx(c, i), cls);
}

/* The cache holds the entries of words with a class in BL_LX_TIME_CLASSES (numbers.h); a word
 * with none of them is cached as NULL without a lookup. Other classes (function words,
 * currencies, scales) are looked up where a pattern needs them, with bl_time__full. */

#define BL_TIME__STARTS BL_LX_TIME_STARTS

static const BlLex *bl_time__full(const BlTimeCtx *c, size_t i)
{
  return i < c->se ? bl_lex_token(c->t, &c->tok[i]) : NULL;
}

/* Token i of the sentence is lit ignoring case (lit in lowercase) / exactly lit: bl_tok_ieqn and
 * bl_tok_eqn (tokens.h), false past the sentence. The macros pass a literal's length. */
static inline bool bl_time__ieqn(const BlTimeCtx *c, size_t i, const char *lit, size_t n)
{
  return i < c->se && bl_tok_ieqn(c->t, &c->tok[i], lit, n);
}

static inline bool bl_time__isn(const BlTimeCtx *c, size_t i, const char *lit, size_t n)
{
  return i < c->se && bl_tok_eqn(c->t, &c->tok[i], lit, n);
}

#define bl_time__ieq(c, i, lit) bl_time__ieqn(c, i, "" lit, sizeof(lit) - 1)
#define bl_time__is(c, i, lit) bl_time__isn(c, i, "" lit, sizeof(lit) - 1)

static bool bl_time__cap(const BlTimeCtx *c, size_t i)
{
  return i < c->se && c->tok[i].kind == BL_TOK_WORD && (c->tok[i].flags & BL_TF_CAP);
}

static bool bl_time__adjacent(const BlTimeCtx *c, size_t i) /* token i touches token i+1 */
{
  return i + 1 < c->se && c->tok[i].end == c->tok[i + 1].start;
}

static bool bl_time__period_after(const BlTimeCtx *c, size_t i)
{
  return bl_time__is(c, i + 1, ".") && bl_time__adjacent(c, i);
}

/* A plain numeral token's value within [lo, hi], or -1. */
static int bl_time__plain(const BlTimeCtx *c, size_t i, int lo, int hi)
{
  if (i >= c->se || c->tok[i].kind != BL_TOK_NUMBER) return -1;
  const char *s = c->t + c->tok[i].start;
  size_t n = c->tok[i].end - c->tok[i].start;
  if (n > 9) return -1;
  int v = 0;
  for (size_t k = 0; k < n; k++) {
    if (s[k] < '0' || s[k] > '9') return -1;
    v = v * 10 + (s[k] - '0');
  }
  return v >= lo && v <= hi ? v : -1;
}

/* A four-digit year token (no context check), or -1. */
static int bl_time__year(const BlTimeCtx *c, size_t i)
{
  if (i >= c->se || c->tok[i].end - c->tok[i].start != 4) return -1;
  return bl_time__plain(c, i, 1000, 2199);
}

/* A day of the month: "5", "5th" (and "eighth" when words is true); -1 if none. */
static int bl_time__day(const BlTimeCtx *c, size_t i, bool words)
{
  if (i >= c->se) return -1;
  const BlToken *t = &c->tok[i];
  if (t->kind == BL_TOK_NUMBER) {
    if (t->end - t->start > 4) return -1;
    int v = bl_time__plain(c, i, 1, 31);
    if (v > 0) return v;
    BlNumeral n;
    if (bl_numeral_parse(c->t + t->start, t->end - t->start, &n) && n.ordinal && n.value >= 1 && n.value <= 31)
      return (int)n.value;
    return -1;
  }
  if (words) {
    const BlLex *lx = bl_time__lx(c, i);
    if (lx && (lx->cls & BL_LX_ORD) && lx->value <= 31) return (int)lx->value;
  }
  return -1;
}

/* Whether the word at i is a month name usable here; *abbr says "Jan"-style. */
static int bl_time__month(const BlTimeCtx *c, size_t i)
{
  const BlLex *lx = bl_time__lx(c, i);
  if (!lx || !(lx->cls & BL_LX_MONTH) || !bl_time__cap(c, i)) return 0;
  size_t n = c->tok[i].end - c->tok[i].start;
  bool abbr = n <= 4 && !bl_time__ieq(c, i, "may") && !bl_time__ieq(c, i, "june") && !bl_time__ieq(c, i, "july");
  if (abbr && !bl_time__period_after(c, i) && bl_time__day(c, i + 1, false) < 0) return 0; /* "Jan" the name */
  return lx->sub;
}

/* ---------------------------------------------------------------- tense */

/* The tense cue of word token k: +1 future, -1 past, 0 none. */
static int bl_time__cue(const BlTimeCtx *c, size_t k)
{
  const BlToken *t = &c->tok[k];
  if (t->kind != BL_TOK_WORD) return 0;
  const char *s = c->t + t->start;
  size_t n = t->end - t->start;
  const BlLex *lx = bl_time__lx(c, k);
  if (lx && (lx->cls & BL_LX_FUTURE)) {
    if (!(lx->cls & BL_LX_REL)) return 1;
    /* "next week" is a cue, "next to the embassy" is not */
    const BlLex *after = bl_time__lx(c, k + 1);
    return bl_lex_is(after, BL_LX_TUNIT | BL_LX_WDAY | BL_LX_MONTH | BL_LX_SEASON | BL_LX_NUM) ? 1 : 0;
  }
  if (lx && (lx->cls & BL_LX_PAST)) return -1;
  if (n >= 4 && s[n - 2] == 'l' && s[n - 1] == 'l' && (s[n - 3] == '\'' || (n >= 5 && (uint8_t)s[n - 3] == 0x99)))
    return 1; /* "we'll", "they’ll" */
  if (n >= 5 && s[n - 2] == 'e' && s[n - 1] == 'd' && !(t->flags & BL_TF_CAP)) {
    /* a past participle after "be" ("will be named") says nothing; after "have" it is past */
    if (k > c->sb && (bl_tok_ieq(c->t, &c->tok[k - 1], "be") || bl_tok_ieq(c->t, &c->tok[k - 1], "been") ||
                      bl_tok_ieq(c->t, &c->tok[k - 1], "being") || bl_tok_ieq(c->t, &c->tok[k - 1], "is") ||
                      bl_tok_ieq(c->t, &c->tok[k - 1], "are")))
      return 0;
    return -1;
  }
  return 0;
}

/* The tense around token i: +1 future, -1 past, 0 unknown. The nearest cue before i within ten
 * tokens wins; without one, the first cue after i within eight tokens ("After a test in
 * January, the council imposed ..."). */
static int bl_time__tense(const BlTimeCtx *c, size_t i)
{
  size_t lo = i > c->sb + 10 ? i - 10 : c->sb;
  for (size_t k = i; k-- > lo;) {
    int cue = bl_time__cue(c, k);
    if (cue) return cue;
  }
  for (size_t k = i + 1; k < c->se && k < i + 9; k++) {
    int cue = bl_time__cue(c, k);
    if (cue) return cue;
  }
  return 0;
}

/* The year for month m (day d, 0 = the whole month) given the article date and the tense: a
 * month-day is the occurrence nearest the article date; a month alone follows the tense when the
 * sentence has a cue, else it is the nearest too. */
static int bl_time__resolve_md(const BlTimeCtx *c, int m, int d, int tense)
{
  int key = m * 100 + d, now = c->m * 100 + (d ? c->d : 0);
  if (d) tense = 0; /* a month-day is the nearest one: TimeBank's dates are mostly within weeks */
  if (tense > 0) return key >= now ? c->y : c->y + 1;
  if (tense < 0) return key <= now ? c->y : c->y - 1;
  /* nearest: compare the distance in days to the occurrences in y-1, y and y+1 */
  int best = c->y;
  int64_t bd = INT64_MAX;
  for (int y = c->y - 1; y <= c->y + 1; y++) {
    int dd = d ? (d <= bl_time__mdays(y, m) ? d : bl_time__mdays(y, m)) : 15;
    int64_t z = bl_time__days(y, m, dd) - c->dn;
    if (z < 0) z = -z;
    if (!d && y == c->y && m == c->m) z = 0;
    if (z < bd) {
      bd = z;
      best = y;
    }
  }
  return best;
}

/* A weekday relative to the article date: rel = BL_REL_LAST / NEXT / THIS, or 0 (tense). */
static BlTimeVal bl_time__resolve_wday(const BlTimeCtx *c, int wd, int rel, int tense)
{
  BlTimeVal v = {BL_G_DAY, 0, 0, 0, 0};
  if (!c->dct) {
    v.wd = wd;
    return v;
  }
  int cur = bl_time__wday(c->dn);
  int64_t z;
  if (rel == BL_REL_LAST) z = c->dn - ((cur - wd + 7) % 7 ? (cur - wd + 7) % 7 : 7);
  else if (rel == BL_REL_NEXT) z = c->dn + ((wd - cur + 7) % 7 ? (wd - cur + 7) % 7 : 7);
  else if (rel == BL_REL_THIS) z = c->dn - (cur - 1) + (wd - 1);
  else if (tense > 0) z = c->dn + (wd - cur + 7) % 7;
  else z = c->dn - (cur - wd + 7) % 7;
  return bl_time__day_val(z);
}

/* ---------------------------------------------------------------- emitting */

static void bl_time__set(BlTimeMatch *m, size_t end, BlEntityKind kind, const BlTimeVal *v)
{
  m->end = end;
  m->kind = (uint8_t)kind;
  bl_time__format(v, m->iso, sizeof m->iso);
}

static void bl_time__set_str(BlTimeMatch *m, size_t end, BlEntityKind kind, const char *iso)
{
  m->end = end;
  m->kind = (uint8_t)kind;
  snprintf(m->iso, sizeof m->iso, "%s", iso);
}

/* ---------------------------------------------------------------- clock times */

static const char *bl_time__part_code(int pd)
{
  switch (pd) {
  case BL_PD_MORNING: return "MO";
  case BL_PD_AFTERNOON: return "AF";
  case BL_PD_EVENING: return "EV";
  case BL_PD_NIGHT: return "NI";
  }
  return "";
}

/* "a.m."/"am"/"p.m."/"pm" at token i: 0 none, 1 am, 2 pm. */
static int bl_time__ampm(const BlTimeCtx *c, size_t i)
{
  if (bl_time__ieq(c, i, "a.m.") || bl_time__ieq(c, i, "am") || bl_time__ieq(c, i, "a.m")) return 1;
  if (bl_time__ieq(c, i, "p.m.") || bl_time__ieq(c, i, "pm") || bl_time__ieq(c, i, "p.m")) return 2;
  return 0;
}

/* A clock time starting at token i ("10:30 a.m.", "10 p.m.", "10pm", "14:00 GMT", "noon",
 * "midnight"): hour/minute, or hour = -1 with a part of day. Returns the token after it, or i. */
static size_t bl_time__clock(const BlTimeCtx *c, size_t i, int *hour, int *minute)
{
  if (i >= c->se) return i;
  const BlToken *t = &c->tok[i];
  if (t->kind == BL_TOK_WORD) {
    const BlLex *lx = bl_time__lx(c, i);
    if (lx && (lx->cls & BL_LX_PARTDAY) && (lx->sub == BL_PD_NOON || lx->sub == BL_PD_MIDNIGHT)) {
      *hour = lx->sub == BL_PD_NOON ? 12 : 0;
      *minute = 0;
      return i + 1;
    }
    return i;
  }
  if (t->kind != BL_TOK_NUMBER) return i;
  const char *s = c->t + t->start;
  size_t n = t->end - t->start, p = 0;
  int h = 0, mi = 0, hd = 0;
  while (p < n && s[p] >= '0' && s[p] <= '9' && hd < 3) h = h * 10 + (s[p++] - '0'), hd++;
  if (hd == 0 || hd > 2) return i;
  bool has_min = false;
  if (p < n && (s[p] == ':' || s[p] == '.')) {
    bool colon = s[p] == ':';
    if (p + 3 > n || s[p + 1] < '0' || s[p + 1] > '5' || s[p + 2] < '0' || s[p + 2] > '9') return i;
    if (p + 3 < n && s[p + 3] >= '0' && s[p + 3] <= '9') return i;
    mi = (s[p + 1] - '0') * 10 + (s[p + 2] - '0');
    p += 3;
    has_min = true;
    if (!colon && p == n && !bl_time__ampm(c, i + 1)) return i; /* "7.30" alone is a number */
  }
  size_t j = i + 1;
  int ap = 0;
  if (p < n) { /* "10pm", "10:30am" */
    size_t rest = n - p;
    if (rest == 2 && (s[p] == 'a' || s[p] == 'A' || s[p] == 'p' || s[p] == 'P') && (s[p + 1] == 'm' || s[p + 1] == 'M'))
      ap = (s[p] == 'a' || s[p] == 'A') ? 1 : 2;
    else return i;
  } else {
    ap = bl_time__ampm(c, j);
    if (ap) j++;
  }
  if (ap) {
    if (h < 1 || h > 12) return i;
    if (ap == 1 && h == 12) h = 0;
    if (ap == 2 && h < 12) h += 12;
  } else {
    if (!has_min || h > 23) return i;
    /* a bare "10:30" needs a zone or a clock word around it */
    bool zone = bl_time__has(c, j, BL_LX_ZONE) && (c->tok[j].flags & BL_TF_ALLCAPS);
    bool at = i > c->sb && (bl_time__ieq(c, i - 1, "at") || bl_time__ieq(c, i - 1, "by") ||
                            bl_time__ieq(c, i - 1, "until") || bl_time__ieq(c, i - 1, "around") ||
                            bl_time__ieq(c, i - 1, "about") || bl_time__ieq(c, i - 1, "before") ||
                            bl_time__ieq(c, i - 1, "after") || bl_time__ieq(c, i - 1, "from"));
    if (!zone && !at) return i;
  }
  if (bl_time__has(c, j, BL_LX_ZONE) && (c->tok[j].flags & BL_TF_ALLCAPS)) j++;
  else if (bl_time__ieq(c, j, "local") && bl_time__ieq(c, j + 1, "time")) j += 2;
  *hour = h;
  *minute = mi;
  return j;
}

/* ---------------------------------------------------------------- absolute dates */

static bool bl_time__weekday_date(const BlTimeCtx *c, size_t i, BlTimeMatch *m);
static bool bl_time__core(const BlTimeCtx *c, size_t i, BlTimeMatch *m);

/* The year after a month or day: ", 2021" / " 2021" / " of 2021"; returns the next token and the
 * year via *y (or i when none). */
static size_t bl_time__trailing_year(const BlTimeCtx *c, size_t i, int *y)
{
  size_t j = i;
  if (bl_time__is(c, j, ",")) j++;
  else if (bl_time__ieq(c, j, "of")) j++;
  int v = bl_time__year(c, j);
  if (v < 0) return i;
  *y = v;
  return j + 1;
}

/* Whether a standalone month name at i reads as a month ("in May", "May 2021" are handled
 * before this): the word before it must be a preposition or a modifier of time. */
static bool bl_time__month_context(const BlTimeCtx *c, size_t i, int month)
{
  if (i == c->sb) return month != 5 && !bl_time__cap(c, i + 1);
  static const char *const before[] = {"in", "since", "by", "until", "till", "from", "through", "of", "during",
                                       "before", "after", "early", "late", "mid", "last", "next", "this",
                                       "until", "throughout", "between", "and", "or", "to", "around", "since",
                                       "that", "each", "every", "following", "previous", "past", "coming", "on"};
  for (size_t k = 0; k < sizeof before / sizeof before[0]; k++)
    if (bl_time__ieqn(c, i - 1, before[k], strlen(before[k]))) return true;
  if (month == 5) return false; /* "May" the modal or the name */
  if (bl_time__cap(c, i + 1) || bl_time__cap(c, i - 1)) return false; /* "April Ryan", "Carter June" */
  return c->tok[i - 1].kind == BL_TOK_PUNCT && !bl_time__is(c, i - 1, "'") && !bl_time__is(c, i - 1, "\xE2\x80\x99");
}

/* A range of days in one token, "25-26": the first and last day, or false. */
static bool bl_time__day_range(const BlTimeCtx *c, size_t i, int *a, int *b)
{
  if (i >= c->se || c->tok[i].kind != BL_TOK_NUMBER) return false;
  const char *s = c->t + c->tok[i].start;
  size_t n = c->tok[i].end - c->tok[i].start;
  const char *h = memchr(s, '-', n);
  if (!h || h == s || h - s > 2 || n - (size_t)(h - s) - 1 > 2 || n - (size_t)(h - s) - 1 == 0) return false;
  int x = 0, y = 0;
  for (const char *p = s; p < h; p++) {
    if (*p < '0' || *p > '9') return false;
    x = x * 10 + (*p - '0');
  }
  for (const char *p = h + 1; p < s + n; p++) {
    if (*p < '0' || *p > '9') return false;
    y = y * 10 + (*p - '0');
  }
  if (x < 1 || x >= y || y > 31) return false;
  *a = x;
  *b = y;
  return true;
}

/* Sets a day value, or the range "first/last" when last > 0 (BL_EF_RANGE). */
static void bl_time__set_days(BlTimeMatch *m, size_t end, const BlTimeVal *v, int last)
{
  bl_time__set(m, end, BL_ENT_DATE, v);
  if (last <= 0 || v->g != BL_G_DAY) return;
  BlTimeVal w = *v;
  w.d = last;
  char second[24];
  bl_time__format(&w, second, sizeof second);
  size_t n = strlen(m->iso);
  snprintf(m->iso + n, sizeof m->iso - n, "/%s", second);
  m->flags |= BL_EF_RANGE;
}

/* Month-led: "May 5", "May 5, 2021", "Jan. 5", "May 2021", "May of 2021", "May", "Oct. 25-26". */
static bool bl_time__month_date(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  int month = bl_time__month(c, i);
  if (!month) return false;
  size_t j = i + 1;
  bool abbr = c->tok[i].end - c->tok[i].start <= 4 && !bl_time__ieq(c, i, "may") && !bl_time__ieq(c, i, "june") &&
              !bl_time__ieq(c, i, "july");
  if (abbr && bl_time__period_after(c, i)) j++; /* "Jan." keeps its period; "in May." does not */
  int day = bl_time__day(c, j, false), last = 0;
  if (day < 0 && bl_time__day_range(c, j, &day, &last) && last > bl_time__mdays(2000, month)) day = -1; /* "25-26" */
  BlTimeVal v = {BL_G_MONTH, 0, month, 0, 0};
  if (day > 0 && day <= bl_time__mdays(2000, month)) {
    j++;
    v.g = BL_G_DAY;
    v.d = day;
    int y;
    size_t k = bl_time__trailing_year(c, j, &y);
    if (k != j && !bl_time__ieq(c, j, "of")) {
      v.y = y;
      j = k;
    } else if (c->dct) {
      v.y = bl_time__resolve_md(c, month, day, bl_time__tense(c, i));
    }
  } else {
    int y;
    size_t k = bl_time__trailing_year(c, j, &y);
    if (k != j && !bl_time__is(c, j, ",")) {
      v.y = y;
      j = k;
    } else if ((bl_time__ieq(c, j, "this") || bl_time__ieq(c, j, "last") || bl_time__ieq(c, j, "next")) &&
               bl_time__ieq(c, j + 1, "year")) {
      /* "January this year", "June last year" */
      if (c->dct) v.y = c->y + (bl_time__ieq(c, j, "last") ? -1 : bl_time__ieq(c, j, "next") ? 1 : 0);
      j += 2;
    } else {
      if (!bl_time__month_context(c, i, month) && !(abbr && bl_time__period_after(c, i))) return false;
      if (c->dct) v.y = bl_time__resolve_md(c, month, 0, bl_time__tense(c, i));
    }
  }
  bl_time__set_days(m, j, &v, last);
  return true;
}

/* Day-led: "5 May", "5 May 2021", "5th of May", "11-13 Dec." */
static bool bl_time__day_month(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  int day = bl_time__day(c, i, false), last = 0;
  if (day < 0 && !bl_time__day_range(c, i, &day, &last)) return false;
  size_t j = i + 1;
  if (bl_time__ieq(c, j, "of")) j++;
  int month = bl_time__month(c, j);
  if (!month || day > bl_time__mdays(2000, month) || last > bl_time__mdays(2000, month)) return false;
  j++;
  if (c->tok[j - 1].end - c->tok[j - 1].start <= 4 && bl_time__period_after(c, j - 1) && bl_time__year(c, j + 1) > 0)
    j++; /* "11 Dec. 2016" */
  BlTimeVal v = {BL_G_DAY, 0, month, day, 0};
  int y = bl_time__year(c, j);
  if (y > 0) {
    v.y = y;
    j++;
  } else if (c->dct) {
    v.y = bl_time__resolve_md(c, month, day, bl_time__tense(c, i));
  }
  bl_time__set_days(m, j, &v, last);
  return true;
}

/* Numeric dates: "2021-05-03", "5/3/2021" (month first, as US copy writes it, unless the first
 * number cannot be a month), "5/3/21". */
static bool bl_time__numeric_date(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  const BlToken *t = &c->tok[i];
  const char *s = c->t + t->start;
  size_t n = t->end - t->start;
  int a = 0, b = 0, y = 0;
  if (n == 10 && s[4] == '-' && s[7] == '-') {
    for (int k = 0; k < 10; k++)
      if (k != 4 && k != 7 && (s[k] < '0' || s[k] > '9')) return false;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    a = (s[5] - '0') * 10 + (s[6] - '0');
    b = (s[8] - '0') * 10 + (s[9] - '0');
  } else {
    int part[3] = {0, 0, 0}, len[3] = {0, 0, 0}, np = 0;
    for (size_t k = 0; k < n; k++) {
      if (s[k] == '/') {
        if (++np > 2) return false;
      } else if (s[k] >= '0' && s[k] <= '9') {
        part[np] = part[np] * 10 + (s[k] - '0');
        if (++len[np] > 4) return false;
      } else {
        return false;
      }
    }
    if (np != 2 || len[0] > 2 || len[1] > 2 || (len[2] != 2 && len[2] != 4)) return false;
    y = len[2] == 4 ? part[2] : part[2] + (part[2] < 50 ? 2000 : 1900);
    a = part[0];
    b = part[1];
    if (a > 12 && b <= 12) {
      int x = a;
      a = b;
      b = x;
    }
  }
  if (a < 1 || a > 12 || b < 1 || b > bl_time__mdays(y, a) || y < 1000) return false;
  BlTimeVal v = {BL_G_DAY, y, a, b, 0};
  bl_time__set(m, i + 1, BL_ENT_DATE, &v);
  return true;
}

/* A range of years in one token: "1977-1979", "2020-21" -> "1977/1979", "2020/2021". */
static bool bl_time__year_range(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  const char *s = c->t + c->tok[i].start;
  size_t n = c->tok[i].end - c->tok[i].start;
  if ((n != 7 && n != 9) || s[4] != '-') return false;
  int a = 0, b = 0;
  for (size_t k = 0; k < n; k++) {
    if (k == 4) continue;
    if (s[k] < '0' || s[k] > '9') return false;
    if (k < 4) a = a * 10 + (s[k] - '0');
    else b = b * 10 + (s[k] - '0');
  }
  if (n == 7) b += a / 100 * 100;
  if (a < 1000 || a > 2199 || b <= a || b - a > 100) return false;
  m->end = i + 1;
  m->kind = BL_ENT_DATE;
  m->flags |= BL_EF_RANGE;
  snprintf(m->iso, sizeof m->iso, "%04d/%04d", a, b);
  return true;
}

/* A year written alone ("in 2021", "the 2020 election"); rejects counts ("2000 people"). */
static bool bl_time__year_date(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  int y = bl_time__year(c, i);
  if (y < 0) return false;
  const BlToken *prev = i > c->sb ? &c->tok[i - 1] : NULL;
  if (prev && prev->kind == BL_TOK_SYMBOL) return false;                           /* "$2021" */
  if (prev && prev->kind == BL_TOK_PUNCT && bl_time__is(c, i - 1, "#")) return false; /* "#2021" */
  if (prev && prev->kind == BL_TOK_WORD && (bl_time__ieq(c, i - 1, "no") || bl_time__ieq(c, i - 1, "nos")))
    return false;
  if (bl_time__is(c, i + 1, "%") || bl_lex_is(bl_time__full(c, i + 1), BL_LX_PERCENT | BL_LX_SCALE | BL_LX_CCY))
    return false;
  if (i + 1 < c->se && c->tok[i + 1].kind == BL_TOK_NUMBER) return false; /* "1996 1997", phone numbers */
  bool det = prev && (bl_time__ieq(c, i - 1, "the") || bl_time__ieq(c, i - 1, "its") ||
                      bl_time__ieq(c, i - 1, "their") || bl_time__ieq(c, i - 1, "his") ||
                      bl_time__ieq(c, i - 1, "her") || bl_time__is(c, i - 1, "'s") ||
                      bl_time__is(c, i - 1, "\xE2\x80\x99s"));
  bool prep = prev && (bl_time__ieq(c, i - 1, "in") || bl_time__ieq(c, i - 1, "since") ||
                       bl_time__ieq(c, i - 1, "by") || bl_time__ieq(c, i - 1, "until") ||
                       bl_time__ieq(c, i - 1, "from") || bl_time__ieq(c, i - 1, "of") ||
                       bl_time__ieq(c, i - 1, "before") || bl_time__ieq(c, i - 1, "after") ||
                       bl_time__ieq(c, i - 1, "through") || bl_time__ieq(c, i - 1, "during") ||
                       bl_time__ieq(c, i - 1, "circa") || bl_time__ieq(c, i - 1, "and") ||
                       bl_time__ieq(c, i - 1, "to") || bl_time__ieq(c, i - 1, "between") ||
                       bl_time__ieq(c, i - 1, "early") || bl_time__ieq(c, i - 1, "late") ||
                       bl_time__ieq(c, i - 1, "fiscal"));
  if (y < 1800 && !prep) return false;
  if (!det && i + 1 < c->se && c->tok[i + 1].kind == BL_TOK_WORD && !(c->tok[i + 1].flags & BL_TF_CAP)) {
    /* "2000 people", "1500 troops": a count before a plural noun. Between 1900 and 2100 a
     * plural noun is more often dated ("2016 campaigns", "2020 elections") unless it is a
     * count of people or a unit, or a count word comes first ("about 2000 troops"). */
    const BlToken *nx = &c->tok[i + 1];
    size_t nl = nx->end - nx->start;
    const char *ns = c->t + nx->start;
    const BlLex *lx = bl_time__full(c, i + 1);
    bool plural = nl >= 3 && ns[nl - 1] == 's' && ns[nl - 2] != 's' && !(lx && (lx->cls & BL_LX_FUNC));
    bool counted = prev && (bl_time__has(c, i - 1, BL_LX_APPROX) || bl_time__ieq(c, i - 1, "than"));
    if (bl_lex_is(lx, BL_LX_MEASURE) || (plural && !prep && (y < 1900 || y > 2100 || counted))) return false;
  }
  /* "Vision 2030", "Windows 2000", "Expo 2020": a year after a name is part of the name */
  if (prev && prev->kind == BL_TOK_WORD && (prev->flags & BL_TF_CAP) && !(prev->flags & BL_TF_SENT_START) &&
      !bl_lex_is(bl_time__full(c, i - 1), BL_LX_MONTH | BL_LX_SEASON | BL_LX_HOLIDAY | BL_LX_FUNC | BL_LX_MOD) &&
      !bl_time__ieq(c, i - 1, "in"))
    return false;
  BlTimeVal v = {BL_G_YEAR, y, 0, 0, 0};
  bl_time__set(m, i + 1, BL_ENT_DATE, &v);
  return true;
}

/* "1990s" -> 199, "1800s" -> 18 (a century), "'90s" -> 199. */
static bool bl_time__decade(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  size_t j = i;
  bool apos = false;
  if (bl_time__is(c, j, "'") || bl_time__is(c, j, "\xE2\x80\x99")) {
    if (!bl_time__adjacent(c, j)) return false;
    j++;
    apos = true;
  }
  if (j >= c->se || c->tok[j].kind != BL_TOK_NUMBER) return false;
  BlNumeral n;
  const BlToken *t = &c->tok[j];
  if (!bl_numeral_parse(c->t + t->start, t->end - t->start, &n) || !n.plural || n.digits > 4) return false;
  int v = (int)n.value;
  BlTimeVal tv = {BL_G_DECADE, 0, 0, 0, 0};
  if (n.digits == 4 && v % 10 == 0 && v >= 1000 && v <= 2190) {
    tv.y = v;
    if (v % 100 == 0 && v < 2000) {
      tv.g = BL_G_CENTURY;
      tv.y = v / 100;
    }
  } else if (n.digits == 2 && v % 10 == 0 && (apos || v >= 20)) {
    tv.y = (v >= 20 ? 1900 : 2000) + v;
  } else {
    return false;
  }
  bl_time__set(m, j + 1, BL_ENT_DATE, &tv);
  return true;
}

/* "20th century" / "twentieth century" -> 19. */
static bool bl_time__century(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  int n = -1;
  if (i < c->se && c->tok[i].kind == BL_TOK_NUMBER) {
    BlNumeral nu;
    if (bl_numeral_parse(c->t + c->tok[i].start, c->tok[i].end - c->tok[i].start, &nu) && nu.ordinal &&
        nu.value < 100)
      n = (int)nu.value;
  } else {
    const BlLex *lx = bl_time__lx(c, i);
    if (lx && (lx->cls & BL_LX_ORD)) n = (int)lx->value;
  }
  if (n < 1 || n > 22 || !bl_time__ieq(c, i + 1, "century")) return false;
  BlTimeVal v = {BL_G_CENTURY, n - 1, 0, 0, 0};
  bl_time__set(m, i + 2, BL_ENT_DATE, &v);
  return true;
}

/* ---------------------------------------------------------------- quarters, seasons, holidays */

static int bl_time__quarter_of(int month)
{
  return (month - 1) / 3 + 1;
}

/* The year of quarter (or half when half is true) q given the article date and tense. */
static int bl_time__resolve_q(const BlTimeCtx *c, int q, bool half, int tense)
{
  int cur = half ? (c->m <= 6 ? 1 : 2) : bl_time__quarter_of(c->m);
  if (tense > 0) return q >= cur ? c->y : c->y + 1;
  return q <= cur ? c->y : c->y - 1;
}

/* "third quarter", "third-quarter", "Q3", "first half" [of 2021 | 2021]. */
static bool bl_time__quarter(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  if (i >= c->se || c->tok[i].kind != BL_TOK_WORD) return false;
  const char *s = c->t + c->tok[i].start;
  size_t n = c->tok[i].end - c->tok[i].start;
  int q = 0;
  bool half = false;
  size_t j = i + 1;
  if (n == 2 && (s[0] == 'Q' || s[0] == 'H') && s[1] >= '1' && s[1] <= (s[0] == 'Q' ? '4' : '2')) {
    q = s[1] - '0';
    half = s[0] == 'H';
  } else if (c->tok[i].flags & BL_TF_HYPHEN) {
    const char *h = memchr(s, '-', n);
    if (!h) return false; /* joined by U+2011 */
    const BlLex *a = bl_lex_lookup(s, (size_t)(h - s));
    size_t rest = n - (size_t)(h - s) - 1;
    if (!a || !(a->cls & BL_LX_ORD) || a->value > 4) return false;
    if (rest == 7 && strncmp(h + 1, "quarter", 7) == 0) q = (int)a->value;
    else if (rest == 4 && strncmp(h + 1, "half", 4) == 0 && a->value <= 2) q = (int)a->value, half = true;
    else return false;
  } else {
    const BlLex *a = bl_time__lx(c, i);
    if (!a || !(a->cls & BL_LX_ORD) || a->value > 4) return false;
    if (bl_time__ieq(c, i + 1, "quarter")) q = (int)a->value;
    else if (bl_time__ieq(c, i + 1, "half") && a->value <= 2) q = (int)a->value, half = true;
    else return false;
    j = i + 2;
  }
  BlTimeVal v = {half ? BL_G_HALF : BL_G_QUARTER, 0, q, 0, 0};
  int y;
  size_t k = bl_time__trailing_year(c, j, &y);
  if (k != j && !bl_time__is(c, j, ",")) {
    v.y = y;
    j = k;
  } else if (c->dct) {
    v.y = bl_time__resolve_q(c, q, half, 0);
  }
  bl_time__set(m, j, BL_ENT_DATE, &v);
  return true;
}

/* The year of season s given the article date and tense (a season counts from its first month:
 * spring March, summer June, fall September, winter December). */
static int bl_time__resolve_season(const BlTimeCtx *c, int s, int rel, int tense)
{
  int cur = c->m < 3 ? 0 : c->m / 3; /* the season under way; 0 = the winter begun last December */
  if (rel == BL_REL_THIS) return c->y;
  if (rel == BL_REL_LAST) return cur > s ? c->y : c->y - 1;
  if (rel == BL_REL_NEXT) return cur < s ? c->y : c->y + 1;
  if (tense > 0) return cur <= s ? c->y : c->y + 1;
  return cur >= s ? c->y : c->y - 1;
}

/* A season word at i, with its year when written ("fall 2020", "fall of 2020"). Returns the end
 * token, or i. */
static size_t bl_time__season(const BlTimeCtx *c, size_t i, int rel, bool the, BlTimeVal *v)
{
  const BlLex *lx = bl_time__lx(c, i);
  if (!lx || !(lx->cls & BL_LX_SEASON)) return i;
  v->g = BL_G_SEASON;
  v->m = lx->sub;
  v->y = 0;
  size_t j = i + 1;
  int y;
  size_t k = bl_time__trailing_year(c, j, &y);
  if (k != j && !bl_time__is(c, j, ",")) {
    v->y = y;
    return k;
  }
  /* "the fall" alone is often a drop ("the fall in prices", "the fall of Kabul") */
  if (!rel && (bl_time__ieq(c, j, "of") || bl_time__ieq(c, j, "in"))) return i;
  if (the && !(i >= c->sb + 2 && (bl_time__ieq(c, i - 2, "in") || bl_time__ieq(c, i - 2, "during") ||
                                   bl_time__ieq(c, i - 2, "over") || bl_time__ieq(c, i - 2, "until") ||
                                   bl_time__ieq(c, i - 2, "by") || bl_time__ieq(c, i - 2, "through"))))
    return i;
  if (!the && !rel) return i;
  if (c->dct) v->y = bl_time__resolve_season(c, v->m, rel, bl_time__tense(c, i));
  return j;
}

static bool bl_time__holiday_day(int h, int y, int64_t *z)
{
  switch (h) {
  case BL_HD_CHRISTMAS: *z = bl_time__days(y, 12, 25); return true;
  case BL_HD_THANKSGIVING: *z = bl_time__nth_wday(y, 11, 4, 4); return true;
  case BL_HD_EASTER: *z = bl_time__easter(y); return true;
  case BL_HD_HALLOWEEN: *z = bl_time__days(y, 10, 31); return true;
  }
  return false;
}

/* "Christmas", "Christmas Day", "Christmas Eve", "Thanksgiving (Day)", "Easter (Sunday)",
 * "New Year's Day", "New Year's Eve", "Election Day", "Labor Day", "Memorial Day", "Veterans
 * Day", "Independence Day" (U.S. dates) [2021]. */
static bool bl_time__holiday(const BlTimeCtx *c, size_t i, int rel, BlTimeMatch *m)
{
  if (!bl_time__cap(c, i)) return false;
  const BlLex *lx = bl_time__lx(c, i);
  int h = lx && (lx->cls & BL_LX_HOLIDAY) ? lx->sub : 0;
  size_t j = i + 1;
  int fm = 0, fd = 0, nth = 0, nwd = 0, nmon = 0; /* fixed date, or nth weekday of a month */
  bool eve = false;
  if (h) {
    if (bl_time__is(c, j, "Day") || bl_time__is(c, j, "Sunday")) j++;
    else if (bl_time__is(c, j, "Eve") && h == BL_HD_CHRISTMAS) j++, eve = true;
  } else if (bl_time__is(c, i, "New") && bl_time__is(c, i + 1, "Year") &&
             (bl_time__is(c, i + 2, "'s") || bl_time__is(c, i + 2, "\xE2\x80\x99s")) &&
             (bl_time__is(c, i + 3, "Day") || bl_time__is(c, i + 3, "Eve"))) {
    eve = bl_time__is(c, i + 3, "Eve");
    fm = eve ? 12 : 1;
    fd = eve ? 31 : 1;
    j = i + 4;
    h = BL_HD_NEW_YEAR;
  } else if (bl_time__is(c, i + 1, "Day")) {
    if (bl_time__is(c, i, "Election")) nth = -2, nmon = 11; /* the Tuesday after the first Monday */
    else if (bl_time__is(c, i, "Labor")) nth = 1, nwd = 1, nmon = 9;
    else if (bl_time__is(c, i, "Memorial")) nth = -1, nwd = 1, nmon = 5;
    else if (bl_time__is(c, i, "Veterans")) fm = 11, fd = 11;
    else if (bl_time__is(c, i, "Independence")) fm = 7, fd = 4;
    else return false;
    j = i + 2;
    h = -1;
  } else {
    return false;
  }
  int y = bl_time__year(c, j);
  bool year_given = y > 0;
  if (year_given) j++;
  else if (c->dct) y = c->y;
  BlTimeVal v = {BL_G_NONE, 0, 0, 0, 0};
  if (h == BL_HD_RAMADAN) {
    v.g = year_given ? BL_G_YEAR : BL_G_NONE; /* the lunar calendar is out of scope */
    v.y = y;
    bl_time__set(m, j, BL_ENT_DATE, &v);
    return true;
  }
  /* the holiday in year y, for y-1, y, y+1 when the year is not written */
  int64_t zs[3];
  int nz = 0;
  for (int yy = year_given ? y : y - 1; y > 0 && yy <= y + (year_given ? 0 : 1); yy++) {
    int64_t z;
    if (fm) z = bl_time__days(yy, fm, fd);
    else if (nth == -2) z = bl_time__nth_wday(yy, 11, 1, 1) + 1;
    else if (nth) z = bl_time__nth_wday(yy, nmon, nwd, nth);
    else if (!bl_time__holiday_day(h, yy, &z)) break;
    if (eve && !fm) z -= 1;
    zs[nz++] = z;
  }
  if (nz == 1) {
    v = bl_time__day_val(zs[0]);
  } else if (nz == 3) {
    int tense = rel == BL_REL_LAST ? -1 : rel == BL_REL_NEXT ? 1 : rel == BL_REL_THIS ? 0 : bl_time__tense(c, i);
    int pick = 1;
    if (rel == BL_REL_THIS) pick = 1;
    else if (tense < 0) pick = zs[1] < c->dn || (zs[1] == c->dn && rel != BL_REL_LAST) ? 1 : 0;
    else if (tense > 0) pick = zs[1] > c->dn || (zs[1] == c->dn && rel != BL_REL_NEXT) ? 1 : 2;
    else {
      int64_t best = INT64_MAX;
      for (int k = 0; k < 3; k++) {
        int64_t dz = zs[k] > c->dn ? zs[k] - c->dn : c->dn - zs[k];
        if (dz < best) best = dz, pick = k;
      }
    }
    v = bl_time__day_val(zs[pick]);
  }
  if (v.g == BL_G_NONE && !c->dct && !year_given && fm) { /* fixed dates without a year */
    v.g = BL_G_DAY;
    v.m = fm;
    v.d = fd;
  } else if (v.g == BL_G_NONE && !c->dct && !year_given && (h == BL_HD_CHRISTMAS || h == BL_HD_HALLOWEEN)) {
    v.g = BL_G_DAY;
    v.m = h == BL_HD_CHRISTMAS ? 12 : 10;
    v.d = h == BL_HD_CHRISTMAS ? (eve ? 24 : 25) : 31;
  }
  bl_time__set(m, j, BL_ENT_DATE, &v);
  return true;
}

/* ---------------------------------------------------------------- durations */

static const char *bl_time__unit_code(int u, bool *time_part, int *mult)
{
  *time_part = false;
  *mult = 1;
  switch (u) {
  case BL_TU_SECOND: *time_part = true; return "S";
  case BL_TU_MINUTE: *time_part = true; return "M";
  case BL_TU_HOUR: *time_part = true; return "H";
  case BL_TU_DAY: return "D";
  case BL_TU_WEEK: return "W";
  case BL_TU_FORTNIGHT: *mult = 2; return "W";
  case BL_TU_MONTH: return "M";
  case BL_TU_QUARTER: return "Q";
  case BL_TU_YEAR: return "Y";
  case BL_TU_DECADE: *mult = 10; return "Y";
  case BL_TU_CENTURY: *mult = 100; return "Y";
  case BL_TU_MILLENNIUM: *mult = 1000; return "Y";
  case BL_TU_WEEKEND: return "WE";
  }
  return "";
}

/* Writes a duration value: P5Y, PT24H, P2.5Y, PXY (n < 0: unknown count). */
static void bl_time__duration_iso(char *out, size_t cap, double n, int unit)
{
  bool tp;
  int mult;
  const char *code = bl_time__unit_code(unit, &tp, &mult);
  if (n < 0) {
    snprintf(out, cap, "P%sX%s", tp ? "T" : "", code);
    return;
  }
  double v = n * mult;
  if (v >= 1e15) { /* beyond exact integers: no fraction to spell out */
    snprintf(out, cap, "P%s%.0f%s", tp ? "T" : "", v, code);
    return;
  }
  long long whole = (long long)v;
  double frac = v - (double)whole;
  if (frac == 0) {
    snprintf(out, cap, "P%s%lld%s", tp ? "T" : "", whole, code);
    return;
  }
  /* a fraction goes to the next smaller unit when it divides evenly: 2 1/2 years = P2Y6M */
  double sub = 0;
  const char *sub_code = NULL, *sep = "";
  if (code[0] == 'Y' && !tp) sub = frac * 12, sub_code = "M";
  else if (code[0] == 'D' && !tp) sub = frac * 24, sub_code = "H", sep = "T";
  else if (code[0] == 'H') sub = frac * 60, sub_code = "M";
  else if (code[0] == 'M' && tp) sub = frac * 60, sub_code = "S";
  if (sub_code && sub == (double)(long long)sub) {
    if (whole) snprintf(out, cap, "P%s%lld%s%s%lld%s", tp ? "T" : "", whole, code, sep, (long long)sub, sub_code);
    else snprintf(out, cap, "P%s%s%lld%s", tp || sep[0] ? "T" : "", "", (long long)sub, sub_code);
    return;
  }
  snprintf(out, cap, "P%s%g%s", tp ? "T" : "", v, code);
}

/* A unit of time at token i (a word, or "-year" glued to a number): *unit, *plural. Returns the
 * token after it, or i. Ages ("42-year-old", "a five-year-old") are not durations. */
static size_t bl_time__unit_at(const BlTimeCtx *c, size_t i, int *unit, bool *plural)
{
  size_t j = i;
  bool glued = false;
  if (bl_time__is(c, j, "-") && j > c->sb && c->tok[j - 1].end == c->tok[j].start && bl_time__adjacent(c, j)) {
    j++;
    glued = true;
  }
  if (j >= c->se || c->tok[j].kind != BL_TOK_WORD) return i;
  const char *s = c->t + c->tok[j].start;
  size_t n = c->tok[j].end - c->tok[j].start;
  const char *h = memchr(s, '-', n);
  size_t wl = h ? (size_t)(h - s) : n;
  const BlLex *lx = bl_lex_lookup(s, wl);
  if (!lx || !(lx->cls & BL_LX_TUNIT) || lx->sub == BL_TU_WEEKEND) return i;
  if (lx->sub == BL_TU_SECOND && wl == 6 && !glued) return i; /* "second" alone is the ordinal */
  if (h && n - wl - 1 == 3 && strncmp(h + 1, "old", 3) == 0) return i;
  if (!h && bl_time__is(c, j + 1, "-") && bl_time__ieq(c, j + 2, "old")) return i;
  if (!h && bl_time__ieq(c, j + 1, "old")) return i; /* "five years old" */
  if (h && !glued) return i;
  if (lx->sub == BL_TU_QUARTER && bl_time__ieq(c, j + 1, "of")) return i; /* "three quarters of" */
  *unit = lx->sub;
  *plural = lx->value > 1;
  return j + 1;
}

/* A count followed by a unit of time at i: "five years", "24 hours", "a week", "an hour",
 * "2 1/2 years", "30-year", "two-week", "a few days", "several months". Returns the end token,
 * or i; *n < 0 for a vague count. */
static size_t bl_time__count_unit(const BlTimeCtx *c, size_t i, double *n, int *unit)
{
  if (i >= c->se) return i;
  const BlToken *t = &c->tok[i];
  bool plural;
  /* one hyphenated word: "two-week", "five-year" (but "twenty-five years" is a count and a unit) */
  double whole;
  if (t->kind == BL_TOK_WORD && (t->flags & BL_TF_HYPHEN) &&
      !bl_number_word(c->t + t->start, t->end - t->start, &whole)) {
    const char *s = c->t + t->start;
    size_t len = t->end - t->start;
    const char *h = memchr(s, '-', len);
    double v;
    if (!h) return i; /* joined by U+2011, the non-breaking hyphen: not read as a count and unit */
    if (!bl_number_word(s, (size_t)(h - s), &v)) {
      /* "twenty-five-year" */
      const char *h2 = memchr(h + 1, '-', len - (size_t)(h - s) - 1);
      if (!h2 || !bl_number_word(s, (size_t)(h2 - s), &v)) return i;
      h = h2;
    }
    const char *u = h + 1;
    size_t ul = len - (size_t)(u - s);
    const char *h3 = memchr(u, '-', ul);
    if (h3) {
      if (strncmp(h3 + 1, "old", 3) == 0) return i;
      ul = (size_t)(h3 - u);
    }
    const BlLex *lx = bl_lex_lookup(u, ul);
    /* "three-quarters" is a fraction, not nine months */
    if (!lx || !(lx->cls & BL_LX_TUNIT) || lx->sub == BL_TU_WEEKEND || lx->sub == BL_TU_QUARTER) return i;
    if (bl_time__is(c, i + 1, "-") && bl_time__ieq(c, i + 2, "old")) return i;
    *n = v;
    *unit = lx->sub;
    return i + 1;
  }
  /* "half an hour", "half a day" */
  if (bl_time__ieq(c, i, "half") && (bl_time__ieq(c, i + 1, "a") || bl_time__ieq(c, i + 1, "an"))) {
    size_t k = bl_time__unit_at(c, i + 2, unit, &plural);
    if (k == i + 2 || plural) return i;
    *n = 0.5;
    return k;
  }
  /* "a few", "several", "a couple of", "many" */
  size_t j = i;
  bool article = bl_time__ieq(c, j, "a") || bl_time__ieq(c, j, "an");
  if (article && bl_time__has(c, j + 1, BL_LX_VAGUE)) {
    j += 2;
    if (bl_time__ieq(c, j - 1, "couple") && bl_time__ieq(c, j, "of")) j++;
    size_t k = bl_time__unit_at(c, j, unit, &plural);
    if (k == j || !plural) return i;
    *n = bl_time__ieq(c, i + 1, "couple") ? 2 : -1;
    return k;
  }
  if (bl_time__has(c, j, BL_LX_VAGUE) && !bl_time__ieq(c, j, "couple")) {
    size_t k = bl_time__unit_at(c, j + 1, unit, &plural);
    if (k == j + 1 || !plural) return i;
    *n = -1;
    return k;
  }
  if (article) {
    size_t k = bl_time__unit_at(c, j + 1, unit, &plural);
    if (k != j + 1 && !plural) {
      *n = 1;
      return k;
    }
  }
  BlNumberPhrase np;
  if (!bl_number_phrase(c->t, c->tok, i, c->se, &np)) return i;
  if (np.has_numeral && (np.first.suffix || np.first.grouped || np.first.decimal) && !(np.flags & BL_NP_FRACTION)) {
    if (np.first.suffix || np.first.grouped) return i;
  }
  if (np.flags & BL_NP_RANGE) return i;
  size_t k = bl_time__unit_at(c, np.end, unit, &plural);
  if (k == np.end) return i;
  bool glued = bl_time__is(c, np.end, "-");
  if (!glued && (np.value == 1) != !plural && !(np.flags & BL_NP_FRACTION)) return i; /* "one years" */
  *n = np.value;
  return k;
}

/* Whether the token before i makes "a day" a rate ("$5 a day", "twice a week"). */
static bool bl_time__rate_before(const BlTimeCtx *c, size_t i)
{
  if (i == c->sb) return false;
  const BlToken *p = &c->tok[i - 1];
  if (p->kind == BL_TOK_NUMBER || p->kind == BL_TOK_SYMBOL) return true;
  if (bl_time__ieq(c, i - 1, "times") || bl_time__ieq(c, i - 1, "once") || bl_time__ieq(c, i - 1, "twice") ||
      bl_time__ieq(c, i - 1, "thrice") || bl_time__ieq(c, i - 1, "per"))
    return true;
  /* "60 hours a week", "$5 million a year" */
  if (bl_lex_is(bl_time__full(c, i - 1), BL_LX_SCALE | BL_LX_CCY | BL_LX_PERCENT | BL_LX_TUNIT)) return true;
  /* "80 million gallons a day", "three meals a day": a count, a plural noun, then "a" */
  if (i - 1 == c->sb || p->kind != BL_TOK_WORD || c->t[p->end - 1] != 's') return false;
  const BlToken *q = &c->tok[i - 2];
  return q->kind == BL_TOK_NUMBER || bl_lex_is(bl_time__full(c, i - 2), BL_LX_NUM | BL_LX_SCALE);
}

/* Count + unit, then "ago" (a date), "earlier"/"later" (a date anchored elsewhere), or nothing
 * (a duration). */
static bool bl_time__duration(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  if ((bl_time__ieq(c, i, "a") || bl_time__ieq(c, i, "an")) && !bl_time__has(c, i + 1, BL_LX_TUNIT | BL_LX_VAGUE) &&
      !bl_time__ieq(c, i + 1, "couple") && !bl_time__ieq(c, i + 1, "hundred") && !bl_time__ieq(c, i + 1, "dozen") &&
      !bl_time__ieq(c, i + 1, "thousand"))
    return false; /* "a" before anything but a unit, a vague count or a scale */
  double n;
  int unit;
  size_t k = bl_time__count_unit(c, i, &n, &unit);
  if (k == i) return false;
  bool article = bl_time__ieq(c, i, "a") || bl_time__ieq(c, i, "an");
  if (article && n == 1 && bl_time__rate_before(c, i)) return false;
  if (bl_time__ieq(c, k, "ago")) {
    BlTimeVal v = {BL_G_NONE, 0, 0, 0, 0};
    if (n < 0) {
      v.g = BL_G_REF;
      v.m = 1;
    } else if (c->dct && n < 10000 && n == (int)n) {
      int ni = (int)n;
      switch (unit) {
      case BL_TU_DAY: v = bl_time__day_val(c->dn - ni); break;
      case BL_TU_WEEK: v = bl_time__week_val(c->dn - 7 * ni, BL_G_WEEK); break;
      case BL_TU_FORTNIGHT: v = bl_time__week_val(c->dn - 14 * ni, BL_G_WEEK); break;
      case BL_TU_MONTH: {
        int mm = c->y * 12 + (c->m - 1) - ni;
        v.g = BL_G_MONTH;
        v.y = mm / 12;
        v.m = mm % 12 + 1;
        break;
      }
      case BL_TU_QUARTER: {
        int q = c->y * 4 + (bl_time__quarter_of(c->m) - 1) - ni;
        v.g = BL_G_QUARTER;
        v.y = q / 4;
        v.m = q % 4 + 1;
        break;
      }
      case BL_TU_YEAR: v.g = BL_G_YEAR, v.y = c->y - ni; break;
      case BL_TU_DECADE: v.g = BL_G_DECADE, v.y = c->y - 10 * ni; break;
      case BL_TU_CENTURY: v.g = BL_G_CENTURY, v.y = (c->y - 100 * ni) / 100; break;
      default: break; /* hours and minutes ago: a time we do not compute */
      }
    }
    bl_time__set(m, k + 1, BL_ENT_DATE, &v);
    return true;
  }
  if ((bl_time__ieq(c, k, "earlier") || bl_time__ieq(c, k, "later")) && article) {
    BlTimeVal v = {BL_G_NONE, 0, 0, 0, 0};
    bl_time__set(m, k + 1, BL_ENT_DATE, &v);
    return true;
  }
  m->end = k;
  m->kind = BL_ENT_DURATION;
  bl_time__duration_iso(m->iso, sizeof m->iso, n, unit);
  return true;
}

/* ---------------------------------------------------------------- relative expressions */

/* last/next/this/past/coming + unit | month | weekday | season | part of day | holiday, and
 * + count + unit ("the next five years" is handled by the caller adding "the"). */
static bool bl_time__relative(const BlTimeCtx *c, size_t i, BlTimeMatch *m, bool the)
{
  const BlLex *r = bl_time__lx(c, i);
  if (!r || !(r->cls & BL_LX_REL)) return false;
  int rel = r->sub;
  size_t j = i + 1;
  /* "this past spring", "this coming Sunday" */
  if (rel == BL_REL_THIS && bl_time__has(c, j, BL_LX_REL)) {
    const BlLex *r2 = bl_time__lx(c, j);
    if (r2->sub == BL_REL_PAST) rel = BL_REL_LAST;
    else if (r2->sub == BL_REL_COMING) rel = BL_REL_NEXT;
    else return false;
    j++;
  }
  const BlLex *lx = bl_time__lx(c, j);
  BlTimeVal v = {BL_G_NONE, 0, 0, 0, 0};
  /* a count: "past five years", "next few days", "first nine months" */
  if (rel != BL_REL_THIS) {
    double n;
    int unit;
    size_t k = bl_time__count_unit(c, j, &n, &unit);
    if (k != j && !bl_time__ieq(c, j, "a") && !bl_time__ieq(c, j, "an")) {
      m->end = k;
      m->kind = BL_ENT_DURATION;
      bl_time__duration_iso(m->iso, sizeof m->iso, n, unit);
      return true;
    }
  }
  if (!lx) return false;
  if ((lx->cls & BL_LX_TUNIT) && (c->tok[j].flags & BL_TF_CAP)) return false; /* "This Week", a title */
  if (lx->cls & BL_LX_TUNIT) {
    bool plural = lx->value > 1;
    int u = lx->sub;
    if (plural) {
      /* "the past weeks", "coming months": a vague duration */
      if (rel == BL_REL_PAST || rel == BL_REL_COMING || rel == BL_REL_LAST || rel == BL_REL_NEXT) {
        m->end = j + 1;
        m->kind = BL_ENT_DURATION;
        bl_time__duration_iso(m->iso, sizeof m->iso, -1, u);
        return true;
      }
      return false;
    }
    if (rel == BL_REL_PAST || rel == BL_REL_COMING) {
      /* "the past week": the week up to the article date */
      if (u == BL_TU_WEEKEND) return false;
      m->end = j + 1;
      m->kind = BL_ENT_DURATION;
      bl_time__duration_iso(m->iso, sizeof m->iso, 1, u);
      return true;
    }
    if (the && bl_time__ieq(c, j + 1, "of")) {
      /* "the last week of October": within the period that follows */
      BlTimeMatch inner = {0};
      if (!bl_time__core(c, j + 2, &inner) || inner.kind != BL_ENT_DATE) return false;
      m->end = inner.end;
      m->kind = BL_ENT_DATE;
      memcpy(m->iso, inner.iso, sizeof m->iso);
      return true;
    }
    if (rel == BL_REL_PREVIOUS || rel == BL_REL_FOLLOWING || (the && rel == BL_REL_NEXT)) {
      if (!the) return false;
      size_t t0 = i - 1; /* the "the" */
      if (rel == BL_REL_NEXT && t0 > c->sb &&
          (bl_time__ieq(c, t0 - 1, "over") || bl_time__ieq(c, t0 - 1, "within") || bl_time__ieq(c, t0 - 1, "in") ||
           bl_time__ieq(c, t0 - 1, "during") || bl_time__ieq(c, t0 - 1, "for"))) {
        m->end = j + 1; /* "over the next week": the week from the article date on */
        m->kind = BL_ENT_DURATION;
        bl_time__duration_iso(m->iso, sizeof m->iso, 1, u);
        return true;
      }
      bl_time__set(m, j + 1, BL_ENT_DATE, &v); /* "the following year": anchored elsewhere */
      return true;
    }
    if (u == BL_TU_SECOND || u == BL_TU_MINUTE || u == BL_TU_HOUR) return false;
    int step = rel == BL_REL_LAST ? -1 : rel == BL_REL_NEXT ? 1 : 0;
    if (u == BL_TU_DAY) return false; /* "last day": not a relative date */
    if (c->dct) {
      switch (u) {
      case BL_TU_WEEK: v = bl_time__week_val(c->dn + 7 * step, BL_G_WEEK); break;
      case BL_TU_WEEKEND: {
        int64_t z = c->dn + 7 * step;
        if (rel == BL_REL_LAST && bl_time__wday(c->dn) >= 6) z = c->dn - 7;
        else if (rel == BL_REL_LAST) z = c->dn - bl_time__wday(c->dn); /* the Sunday before */
        v = bl_time__week_val(z, BL_G_WEEKEND);
        break;
      }
      case BL_TU_MONTH: {
        int mm = c->y * 12 + (c->m - 1) + step;
        v.g = BL_G_MONTH;
        v.y = mm / 12;
        v.m = mm % 12 + 1;
        break;
      }
      case BL_TU_QUARTER: {
        int q = c->y * 4 + (bl_time__quarter_of(c->m) - 1) + step;
        v.g = BL_G_QUARTER;
        v.y = q / 4;
        v.m = q % 4 + 1;
        break;
      }
      case BL_TU_YEAR: v.g = BL_G_YEAR, v.y = c->y + step; break;
      case BL_TU_DECADE: v.g = BL_G_DECADE, v.y = c->y + 10 * step; break;
      case BL_TU_CENTURY: v.g = BL_G_CENTURY, v.y = (c->y + 100 * step) / 100; break;
      default: break;
      }
    }
    bl_time__set(m, j + 1, BL_ENT_DATE, &v);
    return true;
  }
  if (rel == BL_REL_PAST || rel == BL_REL_COMING || rel == BL_REL_PREVIOUS || rel == BL_REL_FOLLOWING) {
    if (rel == BL_REL_PREVIOUS || rel == BL_REL_FOLLOWING) {
      if (the && (lx->cls & (BL_LX_WDAY | BL_LX_PARTDAY)) && bl_time__cap(c, j) == !!(lx->cls & BL_LX_WDAY)) {
        bl_time__set(m, j + 1, (lx->cls & BL_LX_PARTDAY) ? BL_ENT_TIME : BL_ENT_DATE, &v);
        return true;
      }
      return false;
    }
    if (!(lx->cls & BL_LX_SEASON)) return false;
    rel = rel == BL_REL_PAST ? BL_REL_LAST : BL_REL_NEXT;
  }
  if ((lx->cls & BL_LX_MONTH) && bl_time__cap(c, j) && c->tok[j].end - c->tok[j].start > 3) {
    int month = lx->sub;
    if (c->dct) {
      v.g = BL_G_MONTH;
      v.m = month;
      if (rel == BL_REL_THIS) v.y = c->y;
      else if (rel == BL_REL_LAST) v.y = month < c->m ? c->y : c->y - 1;
      else v.y = month > c->m ? c->y : c->y + 1;
    }
    bl_time__set(m, j + 1, BL_ENT_DATE, &v);
    return true;
  }
  if ((lx->cls & BL_LX_WDAY) && bl_time__cap(c, j)) {
    v = bl_time__resolve_wday(c, lx->sub, rel, 0);
    if (!c->dct) v.g = BL_G_NONE;
    size_t k = j + 1;
    const BlLex *pd = bl_time__lx(c, k);
    if (pd && (pd->cls & BL_LX_PARTDAY) && pd->sub <= BL_PD_NIGHT && v.g == BL_G_DAY) {
      m->end = k + 1;
      m->kind = BL_ENT_TIME;
      char d[24];
      bl_time__format(&v, d, sizeof d);
      snprintf(m->iso, sizeof m->iso, "%sT%s", d, bl_time__part_code(pd->sub));
      return true;
    }
    bl_time__set(m, k, BL_ENT_DATE, &v);
    return true;
  }
  if (lx->cls & BL_LX_SEASON) {
    BlTimeVal sv = {BL_G_NONE, 0, 0, 0, 0};
    size_t k = bl_time__season(c, j, rel, false, &sv);
    if (k == j) return false;
    if (!c->dct && !sv.y) sv.g = BL_G_NONE;
    bl_time__set(m, k, BL_ENT_DATE, &sv);
    return true;
  }
  if ((lx->cls & BL_LX_PARTDAY) && lx->sub <= BL_PD_NIGHT) {
    /* "this morning", "last night", "tomorrow night" is handled with the day words */
    if (rel != BL_REL_THIS && !(rel == BL_REL_LAST && lx->sub == BL_PD_NIGHT)) return false;
    m->end = j + 1;
    m->kind = BL_ENT_TIME;
    if (c->dct) {
      BlTimeVal d = bl_time__day_val(rel == BL_REL_LAST ? c->dn - 1 : c->dn);
      char ds[24];
      bl_time__format(&d, ds, sizeof ds);
      snprintf(m->iso, sizeof m->iso, "%sT%s", ds, bl_time__part_code(lx->sub));
    }
    return true;
  }
  if (lx->cls & BL_LX_HOLIDAY) return bl_time__holiday(c, j, rel, m);
  return false;
}

/* today, yesterday, tomorrow, tonight [+ morning/night]; with "late"/"earlier" handled by the
 * modifier layer. */
static bool bl_time__dayref(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  const BlLex *lx = bl_time__lx(c, i);
  if (!lx || !(lx->cls & BL_LX_DAYREF)) return false;
  int off = lx->sub == BL_DR_YESTERDAY ? -1 : lx->sub == BL_DR_TOMORROW ? 1 : 0;
  BlTimeVal v = {BL_G_NONE, 0, 0, 0, 0};
  if (c->dct) v = bl_time__day_val(c->dn + off);
  char d[24];
  bl_time__format(&v, d, sizeof d);
  const BlLex *pd = bl_time__lx(c, i + 1);
  if (lx->sub == BL_DR_TONIGHT || (pd && (pd->cls & BL_LX_PARTDAY) && pd->sub <= BL_PD_NIGHT)) {
    size_t end = lx->sub == BL_DR_TONIGHT ? i + 1 : i + 2;
    m->end = end;
    m->kind = BL_ENT_TIME;
    int part = lx->sub == BL_DR_TONIGHT ? BL_PD_NIGHT : pd->sub;
    if (c->dct) snprintf(m->iso, sizeof m->iso, "%sT%s", d, bl_time__part_code(part));
    return true;
  }
  bl_time__set_str(m, i + 1, BL_ENT_DATE, d);
  return true;
}

/* Weekday-led: "Monday", "Monday, May 5", "Monday morning", "Monday night". */
static bool bl_time__weekday_date(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  const BlLex *lx = bl_time__lx(c, i);
  if (!lx || !(lx->cls & BL_LX_WDAY) || !bl_time__cap(c, i)) return false;
  /* names with a weekday in them: "The Sunday Times", "Good Friday", "Super Tuesday" */
  static const char *const after[] = {"Times", "Telegraph", "Mirror", "Express", "Herald", "Post", "Tribune",
                                      "Mail", "Star", "Independent", "Journal", "Club", "School"};
  static const char *const before[] = {"Good", "Black", "Cyber", "Super", "Bloody", "Ash", "Palm", "Holy",
                                       "Maundy", "Giving", "Small", "Manic"};
  for (size_t k = 0; bl_time__cap(c, i + 1) && k < sizeof after / sizeof after[0]; k++)
    if (bl_time__isn(c, i + 1, after[k], strlen(after[k]))) return false;
  for (size_t k = 0; i > c->sb && bl_time__cap(c, i - 1) && k < sizeof before / sizeof before[0]; k++)
    if (bl_time__isn(c, i - 1, before[k], strlen(before[k]))) return false;
  size_t j = i + 1;
  if (bl_time__is(c, j, ",")) j++;
  BlTimeMatch dm = {0};
  if (bl_time__month_date(c, j, &dm) && dm.iso[0] && strlen(dm.iso) == 10) {
    *m = dm;
    return true;
  }
  if (bl_time__day_month(c, j, &dm)) {
    *m = dm;
    return true;
  }
  BlTimeVal v = bl_time__resolve_wday(c, lx->sub, 0, c->dct ? bl_time__tense(c, i) : 0);
  const BlLex *pd = bl_time__lx(c, i + 1);
  if (pd && (pd->cls & BL_LX_PARTDAY) && pd->sub <= BL_PD_NIGHT) {
    m->end = i + 2;
    m->kind = BL_ENT_TIME;
    char d[24];
    bl_time__format(&v, d, sizeof d);
    snprintf(m->iso, sizeof m->iso, "%sT%s", d, bl_time__part_code(pd->sub));
    return true;
  }
  bl_time__set(m, i + 1, BL_ENT_DATE, &v);
  return true;
}

/* A clock time, optionally followed by the day it falls on: "10:30 a.m.", "5 p.m. EST Nov. 9",
 * "10 p.m. Wednesday", "noon Thursday", "midnight". */
static bool bl_time__clock_time(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  int h, mi;
  size_t j = bl_time__clock(c, i, &h, &mi);
  if (j == i) return false;
  if (bl_time__is(c, j, ",")) {
    if (bl_time__has(c, j + 1, BL_LX_WDAY | BL_LX_MONTH | BL_LX_DAYREF)) j++;
  }
  BlTimeMatch dm = {0};
  char date[24] = "";
  size_t end = j;
  if (bl_time__weekday_date(c, j, &dm) || bl_time__month_date(c, j, &dm) || bl_time__dayref(c, j, &dm)) {
    if (dm.kind == BL_ENT_DATE) {
      end = dm.end;
      snprintf(date, sizeof date, "%.10s", dm.iso);
    }
  }
  if (end == j && bl_time__is(c, j - 1, ",")) end = j - 1;
  if (!date[0] && c->dct) {
    BlTimeVal v = bl_time__day_val(c->dn);
    bl_time__format(&v, date, sizeof date);
  }
  if (strlen(date) != 10) snprintf(date, sizeof date, "XXXX-XX-XX");
  m->end = end;
  m->kind = BL_ENT_TIME;
  snprintf(m->iso, sizeof m->iso, "%sT%02d:%02d", date, h, mi);
  return true;
}

/* ---------------------------------------------------------------- the dispatcher */

/* "year-earlier", "year-ago" [quarter|period]: the same period a year before, anchored to the
 * period the article reports on; no value. */
static bool bl_time__year_ago(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  if (!bl_time__ieq(c, i, "year-earlier") && !bl_time__ieq(c, i, "year-ago")) return false;
  size_t k = i + 1;
  if (bl_time__ieq(c, k, "quarter") || bl_time__ieq(c, k, "period") || bl_time__ieq(c, k, "month") ||
      bl_time__ieq(c, k, "week"))
    k++;
  BlTimeVal v = {BL_G_NONE, 0, 0, 0, 0};
  bl_time__set(m, k, BL_ENT_DATE, &v);
  return true;
}

/* "the" + ... : the fall of 2020, the third quarter, the next five years, the weekend, the
 * past, the future, the end of May, the 20th century, the late 1970s. */
static bool bl_time__the(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  size_t j = i + 1;
  if (j >= c->se) return false;
  const BlLex *lx = bl_time__lx(c, j);
  /* most "the"s: a word after it that no pattern continues with */
  if (c->tok[j].kind == BL_TOK_WORD && !(lx && (lx->cls & BL_TIME__STARTS)) && !bl_time__ieq(c, j, "future") &&
      !bl_time__ieq(c, j, "end") && !bl_time__ieq(c, j, "beginning") && !bl_time__ieq(c, j, "start") &&
      !bl_time__ieq(c, j, "middle") && !bl_time__ieq(c, j, "year-earlier") && !bl_time__ieq(c, j, "year-ago") &&
      !(c->tok[j].flags & BL_TF_HYPHEN))
    return false;
  BlTimeVal v = {BL_G_NONE, 0, 0, 0, 0};
  if (lx && (lx->cls & BL_LX_SEASON)) {
    size_t k = bl_time__season(c, j, 0, true, &v);
    if (k == j) return false;
    if (!c->dct && !v.y) v.g = BL_G_NONE;
    bl_time__set(m, k, BL_ENT_DATE, &v);
    return true;
  }
  if (bl_time__ieq(c, j, "weekend")) {
    if (c->dct) {
      int64_t z = bl_time__tense(c, i) > 0 ? c->dn : (bl_time__wday(c->dn) >= 6 ? c->dn : c->dn - bl_time__wday(c->dn));
      v = bl_time__week_val(z, BL_G_WEEKEND);
    }
    bl_time__set(m, j + 1, BL_ENT_DATE, &v);
    return true;
  }
  if ((bl_time__ieq(c, j, "past") || bl_time__ieq(c, j, "future")) &&
      !bl_time__has(c, j + 1, BL_LX_TUNIT | BL_LX_NUM | BL_LX_VAGUE | BL_LX_SEASON) &&
      !(j + 1 < c->se && c->tok[j + 1].kind == BL_TOK_NUMBER) && !bl_time__ieq(c, j + 1, "few") &&
      !bl_time__ieq(c, j + 1, "a")) {
    v.g = BL_G_REF;
    v.m = bl_time__ieq(c, j, "past") ? 1 : 2;
    bl_time__set(m, j + 1, BL_ENT_DATE, &v);
    return true;
  }
  if (lx && (lx->cls & BL_LX_REL)) {
    if (bl_time__relative(c, j, m, true)) return true;
    return false;
  }
  if (bl_time__has(c, j, BL_LX_ORD) && bl_time__has(c, j + 1, BL_LX_TUNIT) && !bl_time__ieq(c, j + 1, "quarter") &&
      bl_time__ieq(c, j + 2, "of")) {
    /* "the first week of March": within the period that follows */
    BlTimeMatch inner = {0};
    if (bl_time__core(c, j + 3, &inner) && inner.kind == BL_ENT_DATE) {
      m->end = inner.end;
      m->kind = BL_ENT_DATE;
      memcpy(m->iso, inner.iso, sizeof m->iso);
      return true;
    }
  }
  if (bl_time__ieq(c, j, "first") || bl_time__ieq(c, j, "last")) {
    /* "the first nine months", "the first hours" */
    double n;
    int unit;
    size_t k = bl_time__count_unit(c, j + 1, &n, &unit);
    if (k != j + 1) {
      m->end = k;
      m->kind = BL_ENT_DURATION;
      bl_time__duration_iso(m->iso, sizeof m->iso, n, unit);
      return true;
    }
  }
  if (bl_time__quarter(c, j, m) || bl_time__century(c, j, m)) return true;
  if (!bl_time__ieq(c, j, "a") && !bl_time__ieq(c, j, "an")) {
    /* "the nine months", "the four days" (but "the five-year plan" keeps "the" outside) */
    double n;
    int unit;
    size_t k = bl_time__count_unit(c, j, &n, &unit);
    if (k > j + 1 && n != 1 && !bl_time__is(c, k - 2, "-") && !bl_time__ieq(c, k, "ago")) {
      m->end = k;
      m->kind = BL_ENT_DURATION;
      bl_time__duration_iso(m->iso, sizeof m->iso, n, unit);
      return true;
    }
  }
  if (bl_time__year_ago(c, j, m)) return true;
  if ((bl_time__ieq(c, j, "end") || bl_time__ieq(c, j, "beginning") || bl_time__ieq(c, j, "start") ||
       bl_time__ieq(c, j, "middle")) &&
      bl_time__ieq(c, j + 1, "of")) {
    size_t k = j + 2;
    BlTimeMatch inner = {0};
    if (bl_time__ieq(c, k, "the") && bl_time__has(c, k + 1, BL_LX_TUNIT)) {
      const BlLex *u = bl_time__lx(c, k + 1);
      if (u->value > 1) return false;
      if (c->dct) {
        if (u->sub == BL_TU_MONTH) v.g = BL_G_MONTH, v.y = c->y, v.m = c->m;
        else if (u->sub == BL_TU_YEAR) v.g = BL_G_YEAR, v.y = c->y;
        else if (u->sub == BL_TU_WEEK) v = bl_time__week_val(c->dn, BL_G_WEEK);
        else if (u->sub == BL_TU_QUARTER) v.g = BL_G_QUARTER, v.y = c->y, v.m = bl_time__quarter_of(c->m);
      }
      bl_time__set(m, k + 2, BL_ENT_DATE, &v);
      return true;
    }
    if (bl_time__core(c, k, &inner) && inner.kind == BL_ENT_DATE) {
      *m = inner;
      return true;
    }
    return false;
  }
  if (lx && (lx->cls & BL_LX_MOD) && lx->sub <= BL_MOD_MID) {
    /* "the late 1970s", "the early summer", "the mid-1990s" */
    BlTimeMatch inner = {0};
    if (bl_time__core(c, j + 1, &inner) && inner.kind == BL_ENT_DATE) {
      *m = inner;
      return true;
    }
    if (bl_time__has(c, j + 1, BL_LX_SEASON)) {
      BlTimeVal sv;
      size_t k = bl_time__season(c, j + 1, BL_REL_THIS, false, &sv);
      if (k != j + 1) {
        if (!c->dct && !sv.y) sv.g = BL_G_NONE;
        bl_time__set(m, k, BL_ENT_DATE, &sv);
        return true;
      }
    }
  }
  return false;
}

/* "fiscal 2021", "fiscal year 2021" -> FY2021. */
static bool bl_time__fiscal(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  int y = bl_time__year(c, i + 1);
  size_t k = i + 2;
  if (y < 0 && bl_time__ieq(c, i + 1, "year")) y = bl_time__year(c, i + 2), k = i + 3;
  if (y < 0) return false;
  m->end = k;
  m->kind = BL_ENT_DATE;
  snprintf(m->iso, sizeof m->iso, "FY%04d", y);
  return true;
}

/* The expressions that can follow a modifier or "the end of": everything but durations. */
static bool bl_time__core(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  if (i >= c->se) return false;
  memset(m, 0, sizeof *m);
  const BlToken *t = &c->tok[i];
  if (t->kind == BL_TOK_NUMBER) {
    return bl_time__numeric_date(c, i, m) || bl_time__decade(c, i, m) || bl_time__day_month(c, i, m) ||
           bl_time__century(c, i, m) || bl_time__year_date(c, i, m) || bl_time__year_range(c, i, m);
  }
  if (t->kind == BL_TOK_PUNCT) return bl_time__decade(c, i, m);
  if (t->kind != BL_TOK_WORD) return false;
  const BlLex *lx = bl_time__lx(c, i);
  if (!lx) {
    if (!(t->flags & (BL_TF_CAP | BL_TF_HYPHEN | BL_TF_DIGIT))) {
      /* function words are not cached (BL_LX_TIME_CLASSES); two of them open patterns */
      if (bl_time__ieq(c, i, "the")) return bl_time__the(c, i, m);
      if (bl_time__ieq(c, i, "fiscal")) return bl_time__fiscal(c, i, m);
      return false;
    }
    if (!(t->flags & (BL_TF_HYPHEN | BL_TF_DIGIT))) /* a capitalized word: a holiday or nothing */
      return (bl_time__is(c, i, "New") || bl_time__is(c, i + 1, "Day")) && bl_time__holiday(c, i, 0, m);
    /* "mid-2020", "mid-November", "mid-1990s" */
    const char *s = c->t + t->start;
    if ((t->flags & BL_TF_HYPHEN) && t->end - t->start > 4 && (s[0] == 'm' || s[0] == 'M') && s[1] == 'i' &&
        s[2] == 'd' && s[3] == '-') {
      /* parse the part after "mid-" as if it were a token of its own */
      BlToken sub = *t;
      sub.start += 4;
      sub.kind = (s[4] >= '0' && s[4] <= '9') ? BL_TOK_NUMBER : BL_TOK_WORD;
      sub.flags = (uint8_t)((s[4] >= 'A' && s[4] <= 'Z') ? BL_TF_CAP : 0);
      BlToken tmp[2] = {sub, {0}};
      size_t ntmp = 1;
      if (i + 1 < c->se) tmp[ntmp++] = c->tok[i + 1];
      BlTimeCtx sc = *c;
      sc.lex = NULL;
      sc.tok = tmp;
      sc.sb = 0;
      sc.se = ntmp;
      BlTimeMatch inner = {0};
      bool ok = false;
      if (sub.kind == BL_TOK_NUMBER) {
        ok = bl_time__decade(&sc, 0, &inner);
        if (!ok) {
          int y = bl_time__year(&sc, 0);
          if (y > 0) {
            BlTimeVal v = {BL_G_YEAR, y, 0, 0, 0};
            bl_time__set(&inner, 1, BL_ENT_DATE, &v);
            ok = true;
          }
        }
      } else {
        const BlLex *ml = bl_lex_token(c->t, &sub);
        if (ml && (ml->cls & BL_LX_MONTH) && (sub.flags & BL_TF_CAP)) {
          BlTimeVal v = {BL_G_MONTH, 0, ml->sub, 0, 0};
          int y = bl_time__year(c, i + 1);
          if (y > 0) v.y = y, inner.end = 2;
          else {
            if (c->dct) v.y = bl_time__resolve_md(c, ml->sub, 0, bl_time__tense(c, i));
            inner.end = 1;
          }
          size_t e = inner.end;
          bl_time__set(&inner, e, BL_ENT_DATE, &v);
          ok = true;
        }
      }
      if (!ok) return false;
      *m = inner;
      m->end = i + inner.end;
      return true;
    }
    return bl_time__quarter(c, i, m) || bl_time__holiday(c, i, 0, m) || bl_time__year_ago(c, i, m);
  }
  if (lx->cls & BL_LX_MONTH) {
    if (bl_time__month_date(c, i, m)) return true;
  }
  if (lx->cls & BL_LX_WDAY) return bl_time__weekday_date(c, i, m);
  if (lx->cls & BL_LX_DAYREF) return bl_time__dayref(c, i, m);
  if (lx->cls & BL_LX_REL) return bl_time__relative(c, i, m, false);
  if (lx->cls & BL_LX_HOLIDAY) return bl_time__holiday(c, i, 0, m);
  if (lx->cls & BL_LX_SEASON) {
    BlTimeVal v;
    size_t k = bl_time__season(c, i, 0, false, &v);
    if (k == i) return false;
    bl_time__set(m, k, BL_ENT_DATE, &v);
    return true;
  }
  if (lx->cls & BL_LX_ORD) return bl_time__quarter(c, i, m) || bl_time__century(c, i, m);
  if (bl_time__ieq(c, i, "the")) return bl_time__the(c, i, m);
  if (bl_time__ieq(c, i, "fiscal")) return bl_time__fiscal(c, i, m);
  return false;
}

/* Approximators that may open a duration or a time: about, around, nearly, almost, roughly,
 * some, over, more than, less than, at least, up to, just over/under. Returns the token after
 * them, or i. */
static size_t bl_time__approx(const BlTimeCtx *c, size_t i)
{
  const BlLex *lx = bl_time__lx(c, i);
  if (!lx || !(lx->cls & BL_LX_APPROX)) return i;
  if (bl_time__ieq(c, i, "more") || bl_time__ieq(c, i, "less") || bl_time__ieq(c, i, "fewer"))
    return bl_time__ieq(c, i + 1, "than") ? i + 2 : i;
  if (bl_time__ieq(c, i, "at")) return bl_time__ieq(c, i + 1, "least") ? i + 2 : i;
  if (bl_time__ieq(c, i, "up")) return bl_time__ieq(c, i + 1, "to") ? i + 2 : i;
  if (bl_time__ieq(c, i, "just") || bl_time__ieq(c, i, "well"))
    return (bl_time__ieq(c, i + 1, "over") || bl_time__ieq(c, i + 1, "under")) ? i + 2 : i;
  /* "over five years" and "under two years" read as spans of time, not approximations */
  if (bl_time__ieq(c, i, "as") || bl_time__ieq(c, i, "close") || bl_time__ieq(c, i, "upwards") ||
      bl_time__ieq(c, i, "estimated") || bl_time__ieq(c, i, "over") || bl_time__ieq(c, i, "under"))
    return i;
  return i + 1;
}

static bool bl_time__at(const BlTimeCtx *c, size_t i, BlTimeMatch *m)
{
  m->end = 0;
  m->flags = 0;
  m->iso[0] = '\0';
  const BlToken *t = &c->tok[i];
  if (t->kind == BL_TOK_NUMBER) {
    if (bl_time__clock_time(c, i, m)) return true;
    if (bl_time__duration(c, i, m)) return true;
    return bl_time__core(c, i, m);
  }
  if (t->kind == BL_TOK_PUNCT) return bl_time__decade(c, i, m);
  if (t->kind != BL_TOK_WORD) return false;
  /* function words have no time class (the cache may hold them or not): "a week", "an hour",
   * "half a day", "two-week", "these days" */
  if (((t->flags & BL_TF_HYPHEN) || bl_time__ieq(c, i, "half") || bl_time__ieq(c, i, "a") ||
       bl_time__ieq(c, i, "an")) &&
      bl_time__duration(c, i, m))
    return true;
  if (bl_time__ieq(c, i, "these") && bl_time__ieq(c, i + 1, "days")) {
    BlTimeVal v = {BL_G_REF, 0, 0, 0, 0};
    bl_time__set(m, i + 2, BL_ENT_DATE, &v);
    return true;
  }
  const BlLex *lx = bl_time__lx(c, i);
  if (!lx) return bl_time__core(c, i, m);
  if (lx->cls & BL_LX_APPROX) {
    size_t k = bl_time__approx(c, i);
    if (k != i) {
      BlTimeMatch inner = {0};
      if (bl_time__duration(c, k, &inner) || bl_time__clock_time(c, k, &inner)) {
        *m = inner;
        return true;
      }
    }
  }
  if (lx->cls & BL_LX_MOD) {
    /* early 2021, late November, mid September, earlier this month, late yesterday */
    if (lx->sub == BL_MOD_EARLIER || lx->sub == BL_MOD_LATER) {
      if (bl_time__has(c, i + 1, BL_LX_REL | BL_LX_DAYREF) && bl_time__core(c, i + 1, m) && m->kind != BL_ENT_DURATION)
        return true;
      if (lx->sub == BL_MOD_EARLIER && bl_time__ieq(c, i + 1, "that") &&
          bl_time__has(c, i + 2, BL_LX_TUNIT | BL_LX_PARTDAY)) {
        BlTimeVal v = {BL_G_NONE, 0, 0, 0, 0};
        bl_time__set(m, i + 3, BL_ENT_DATE, &v);
        return true;
      }
      return false;
    }
    BlTimeMatch inner = {0};
    if (bl_time__core(c, i + 1, &inner) && inner.kind != BL_ENT_DURATION) {
      *m = inner;
      return true;
    }
    if (bl_time__has(c, i + 1, BL_LX_SEASON)) {
      BlTimeVal sv;
      size_t k = bl_time__season(c, i + 1, BL_REL_THIS, false, &sv);
      if (k != i + 1) {
        if (!c->dct && !sv.y) sv.g = BL_G_NONE;
        bl_time__set(m, k, BL_ENT_DATE, &sv);
        return true;
      }
    }
    return false;
  }
  if (lx->cls & BL_LX_REF) {
    size_t k = i + 1;
    BlTimeVal v = {BL_G_REF, 0, 0, 0, 0};
    if (lx->sub == BL_RF_RECENT) {
      /* "recent years", "recent weeks": the recent past */
      const BlLex *u = bl_time__lx(c, k);
      if (!u || !(u->cls & BL_LX_TUNIT) || u->value < 2) return false;
      k++;
      v.m = 1;
    } else if (lx->sub == BL_RF_NOW) {
      if (i == c->sb && bl_time__is(c, k, ",")) return false; /* "Now, ..." opens a sentence */
      v.m = 0;
    } else {
      v.m = lx->sub == BL_RF_RECENTLY ? 1 : 0;
    }
    bl_time__set(m, k, BL_ENT_DATE, &v);
    return true;
  }
  if (lx->cls & (BL_LX_NUM | BL_LX_VAGUE)) {
    if (bl_time__duration(c, i, m)) return true;
  }
  if ((lx->cls & BL_LX_TUNIT) && lx->value > 1 && lx->sub >= BL_TU_HOUR && lx->sub != BL_TU_WEEKEND && i > c->sb &&
      (bl_time__ieq(c, i - 1, "for") || bl_time__ieq(c, i - 1, "in") || bl_time__ieq(c, i - 1, "within")) &&
      !bl_time__ieq(c, i + 1, "of") && !bl_time__ieq(c, i + 1, "ago") && !bl_time__is(c, i + 1, "-")) {
    /* "for years", "in decades": a vague duration */
    m->end = i + 1;
    m->kind = BL_ENT_DURATION;
    bl_time__duration_iso(m->iso, sizeof m->iso, -1, lx->sub);
    return true;
  }
  if (lx->cls & BL_LX_PARTDAY) {
    if ((t->flags & BL_TF_CAP) && !(t->flags & BL_TF_SENT_START)) return false; /* "High Noon" */
    if (lx->sub == BL_PD_NOON || lx->sub == BL_PD_MIDNIGHT) return bl_time__clock_time(c, i, m);
    return false;
  }
  return bl_time__core(c, i, m);
}

/* Whether a lowercase word outside the time classes opens a pattern. */
static bool bl_time__opener(const char *s, size_t n)
{
  switch (n) {
  case 1: return (s[0] | 0x20) == 'a';
  case 2: return (s[0] | 0x20) == 'a' && s[1] == 'n';
  case 3: return (s[0] | 0x20) == 't' && s[1] == 'h' && s[2] == 'e';
  case 4: return (s[0] | 0x20) == 'h' && memcmp(s + 1, "alf", 3) == 0;
  case 5: return (s[0] | 0x20) == 't' && memcmp(s + 1, "hese", 4) == 0;
  case 6: return (s[0] | 0x20) == 'f' && memcmp(s + 1, "iscal", 5) == 0;
  }
  return false;
}

void bl_recognize_times(const BlArticle *a, const BlTokens *tk, const BlMeta *meta, BlEntities *out)
{
  BlTimeCtx c = {0};
  c.t = a->text;
  c.tok = tk->tokens.items;
  if (meta && meta->year > 0 && meta->month >= 1 && meta->month <= 12 && meta->day >= 1 &&
      meta->day <= bl_time__mdays(meta->year, meta->month)) {
    c.dct = true;
    c.y = meta->year;
    c.m = meta->month;
    c.d = meta->day;
    c.dn = bl_time__days(c.y, c.m, c.d);
  }
  BlVec(const BlLex *) lex = {0}; /* reused for every sentence */
  c.sig = bl_lex_signatures();
  for (size_t s = 0; s < tk->sentences.len; s++) {
    const BlSentence *sent = &tk->sentences.items[s];
    c.sb = sent->tok_begin;
    c.se = sent->tok_end;
    /* at most one lexicon probe per token, on first use; the patterns read the cache */
    bl_vec_clear(&lex);
    bl_vec_reserve(&lex, c.se - c.sb);
    memset(lex.items, 0, (c.se - c.sb) * sizeof *lex.items);
    c.lex = lex.items;
    for (size_t i = c.sb; i < c.se;) {
      const BlToken *t = bl_time__tk(&c, i);
      /* cheap filter: symbols never start a time, nor does a lowercase word outside the lexicon
       * unless it is one of the few function words that open a pattern (a, an, the, half,
       * these, fiscal) */
      if (t->kind == BL_TOK_PUNCT && !(i + 1 < c.se && c.tok[i + 1].kind == BL_TOK_NUMBER &&
                                       (c.t[t->start] == '\'' || (uint8_t)c.t[t->start] == 0xE2))) {
        i++;
        continue;
      }
      if (t->kind == BL_TOK_WORD && !(t->flags & (BL_TF_CAP | BL_TF_HYPHEN | BL_TF_DIGIT)) &&
          !bl_lex_sig_may_be(c.sig, c.t + t->start, t->end - t->start, BL_LXG_TSTART) &&
          !bl_time__opener(c.t + t->start, t->end - t->start)) {
        i++; /* a lowercase word no pattern starts with, known without a lookup */
        continue;
      }
      const BlLex *lx = t->kind == BL_TOK_WORD ? bl_time__lx(&c, i) : NULL;
      if (t->kind == BL_TOK_WORD && !lx && !(t->flags & (BL_TF_HYPHEN | BL_TF_DIGIT)) && (t->flags & BL_TF_CAP) &&
          !bl_time__is(&c, i, "New") && !bl_time__is(&c, i + 1, "Day") &&
          !bl_time__opener(c.t + t->start, t->end - t->start)) {
        i++; /* a name: only "New Year's Day", "Election Day" and openers ("The") start with one */
        continue;
      }
      if (t->kind == BL_TOK_SYMBOL ||
          (t->kind == BL_TOK_WORD && !(lx && (lx->cls & BL_TIME__STARTS)) &&
           !(t->flags & (BL_TF_CAP | BL_TF_HYPHEN | BL_TF_DIGIT)) &&
           !bl_time__opener(c.t + t->start, t->end - t->start))) {
        i++;
        continue;
      }
      BlTimeMatch m;
      if (!bl_time__at(&c, i, &m) || m.end <= i) {
        i++;
        continue;
      }
      BlEntity e = {0};
      e.start = t->start;
      e.end = c.tok[m.end - 1].end;
      e.kind = m.kind;
      e.flags = m.flags;
      e.source = BL_SRC_PATTERN;
      e.group = -1;
      snprintf(e.iso, sizeof e.iso, "%s", m.iso);
      bl_entities_add(out, &e);
      i = m.end;
    }
  }
  bl_vec_free(&lex);
}
