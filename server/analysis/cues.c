/* cues.c: the attribution lexicon and the reading of one cue (see cues.h; the rules, with
 * examples, are in docs/attribution.md).
 *
 * The lexicon is a few hundred lowercase English words, each with a bitmask of classes and, for
 * cue verbs, a class (say / think / show) and a form (base, -s, past, -ing). It lives in a static
 * open-addressing hash table built once per process; a lookup lowercases at most
 * BL_CUE_MAX_WORD bytes and probes, so reading a token costs the same whatever the document.
 *
 * A cue is read at one token and looks only at a few tokens around it (a subject walks back at
 * most BL_CUE_MAX_NP tokens), so the analysis stays linear in the text. */
#include "cues.h"

#include <pthread.h>
#include <string.h>

#include "analyze.h"

enum {
  BL_CUE_MAX_WORD = 24, /* longer words are never in the lexicon */
  BL_CUE_SLOTS = 4096,  /* power of two, well over twice the entries */
  BL_CUE_MAX_NP = 16,   /* tokens a source noun phrase may span */
};

/* Internal classes beyond cues.h's (same bitmask). */
enum {
  BL_W_VERBAL = 1u << 26,    /* auxiliaries and modals: has, would, did, can ... */
  BL_W_NOUNLIKE = 1u << 27,  /* a verb's -s form that is far more often a plural noun: states, fears */
  BL_W_NOUN_LY = 1u << 28,   /* ends in -ly but is no adverb: ally, family, rally */
  BL_W_POSTMOD = 1u << 29,   /* ends the head of a source: people "familiar" with the matter */
  BL_W_MEDIUM_PREP = 1u << 30, /* in / at / during: may open "in a statement" */
};

/* ---------------------------------------------------------------- the word lists */

static const struct {
  uint32_t cls;
  const char *words;
} bl_cue__classes[] = {
    {BL_W_DET, "the a an this that these those its his her their our my your"},
    {BL_W_QUANT, "a an one two three four five six seven eight nine ten several multiple some many numerous "
                 "various another other few dozens dozen scores most both"},
    {BL_W_PRON, "he she they it we i you"},
    {BL_W_AUX, "has have had 've 'd would will could should may might must can did does do also later "
               "previously repeatedly recently once then still just already often again now further "
               "earlier initially finally ever separately subsequently"},
    {BL_W_CLAUSE, "that which who whom whose because while when whereas if although though as after before "
                  "until unless where whether than how what why"},
    {BL_W_LEAD, "but and yet so however still meanwhile then also now instead moreover indeed thus hence plus or "
                "nor though although even here there"},
    {BL_W_PREP, "in on at for of to from with by about over under into onto during after before since through "
                "across against among between without within near amid per via toward towards upon like "
                "including"},
    {BL_W_TIME, "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
                "july august september october november december today yesterday tonight tomorrow week weekend "
                "month year morning afternoon evening night last next this earlier later recently day days "
                "weeks months years ago"},
    {BL_W_ANON, "official officials source sources aide aides person people adviser advisers advisor advisors "
                "diplomat diplomats officer officers staffer staffers employee employees insider insiders "
                "executive executives member members investigator investigators agent agents strategist "
                "strategists operative operatives ally allies associate associates individual individuals "
                "someone lawmaker lawmakers confidant confidants"},
    {BL_W_DOC, "report reports study studies survey surveys poll polls analysis analyses memo memos letter "
               "letters statement statements filing filings complaint lawsuit suit indictment document documents "
               "records data investigation audit review article story book paper findings research assessment "
               "estimate estimates figures census ruling testimony transcript email emails affidavit bulletin "
               "tally forecast projections projection database dossier inquiry probe account cable cables "
               "minutes release"},
    {BL_W_OUTLET, "post times journal news herald tribune gazette telegraph guardian reuters bloomberg ap afp upi "
                  "cnn bbc nbc cbs abc msnbc cnbc npr pbs politico axios forbes newsweek economist wired atlantic "
                  "vox slate salon huffpost breitbart nyt wapo wsj chronicle inquirer examiner courier dispatch "
                  "globe mirror intercept"},
    {BL_W_OUTLET_DESC, "newspaper newspapers paper outlet network magazine publication website site broadcaster "
                       "channel tabloid newsletter blog station"},
    {BL_W_ORG_DESC, "company firm agency department ministry government administration group organization "
                    "organisation campaign committee office bureau commission council board party union "
                    "corporation bank court army military police university institute foundation center centre "
                    "service embassy authority authorities regime coalition alliance team league association "
                    "federation legislature industry retailer maker manufacturer automaker airline startup giant "
                    "company's corp inc ltd llc plc co holdings"},
    {BL_W_PERSON_DESC, "minister spokesperson spokesman spokeswoman official senator president governor lawmaker "
                       "candidate secretary chairman chairwoman chair director ceo chief mayor judge lawyer "
                       "attorney ambassador general commander leader congressman congresswoman representative "
                       "prosecutor sheriff professor economist analyst expert author researcher aide adviser "
                       "advisor nominee founder executive manager head premier chancellor justice officer diplomat "
                       "envoy strategist pollster consultant woman man"},
    {BL_W_VAGUE_SUBJ, "critics experts observers analysts sources people others some many insiders skeptics "
                      "sceptics commentators pundits detractors opponents supporters economists scientists "
                      "researchers rumors rumours reports most everyone everybody"},
    {BL_W_VAGUE_ADV, "reportedly allegedly purportedly supposedly reputedly rumored rumoured ostensibly"},
    {BL_W_BE, "is was are were be been being am"},
    {BL_W_MEDIUM, "statement interview tweet post posting letter email release speech op-ed column essay memo "
                  "filing testimony blog podcast video message remarks comments briefing conference appearance"},
    {BL_W_FUNC, "the a an to and or but nor not no that which who whom whose in on at for of from with by as if "
                "than because when while is was are were be been being has have had do does did will would can "
                "could should may might must this these those its his her their our my your also"},
    {BL_W_NEG, "not never no"},
    {BL_W_ACCORDING, "according"},
    {BL_W_NOT_ACTOR, "the a an in on at but and he she it they we i this that there these those his her its their "
                     "our my when while after before as if for so yet mr mrs ms dr what why how where who one some "
                     "many most all no not to from with by of said says however meanwhile still"},
    {BL_W_NOUN_LY, "ally rally family assembly supply tally reply belly bully jelly holly folly anomaly monopoly "
                   "july italy homily lily"},
    {BL_W_POSTMOD, "familiar close briefed knowledgeable involved aware authorized authorised speaking granted "
                   "requesting who"},
    {BL_W_MEDIUM_PREP, "in at during"},
    {BL_W_VERBAL, "has have had 've 'd would will could should may might must can did does do"},
    {BL_W_NOUNLIKE, "states fears claims reports notes calls hopes doubts tweets comments remarks answers estimates "
                    "demands shows finds points counters concerns promises pledges vows urges cautions posts reads "
                    "worries laughs sighs chants whispers cites agrees rules projects forecasts counts lists records documents "
                    "details"},
};

/* Cue verbs: "base -s past -ing [participle]", '-' for a form that is no cue ("state" is a noun). */
static const struct {
  const char *forms;
  uint8_t cue;
  uint8_t flags;
} bl_cue__verbs[] = {
    {"say says said saying", BL_CUE_SAY, 0},
    {"tell tells told telling", BL_CUE_SAY, 0},
    {"add adds added adding", BL_CUE_SAY, BL_CUEF_WEAK},
    {"write writes wrote writing written", BL_CUE_SAY, 0},
    {"- states stated stating", BL_CUE_SAY, 0},
    {"announce announces announced announcing", BL_CUE_SAY, 0},
    {"testify testifies testified testifying", BL_CUE_SAY, 0},
    {"confirm confirms confirmed confirming", BL_CUE_SAY, 0},
    {"claim claims claimed claiming", BL_CUE_SAY, 0},
    {"warn warns warned warning", BL_CUE_SAY, 0},
    {"- notes noted noting", BL_CUE_SAY, 0},
    {"argue argues argued arguing", BL_CUE_SAY, 0},
    {"ask asks asked asking", BL_CUE_SAY, 0},
    {"reply replies replied replying", BL_CUE_SAY, 0},
    {"respond responds responded responding", BL_CUE_SAY, BL_CUEF_WEAK},
    {"answer answers answered answering", BL_CUE_SAY, BL_CUEF_WEAK},
    {"explain explains explained explaining", BL_CUE_SAY, 0},
    {"insist insists insisted insisting", BL_CUE_SAY, 0},
    {"acknowledge acknowledges acknowledged acknowledging", BL_CUE_SAY, 0},
    {"admit admits admitted admitting", BL_CUE_SAY, BL_CUEF_WEAK},
    {"deny denies denied denying", BL_CUE_SAY, BL_CUEF_WEAK},
    {"declare declares declared declaring", BL_CUE_SAY, BL_CUEF_WEAK},
    {"assert asserts asserted asserting", BL_CUE_SAY, 0},
    {"contend contends contended contending", BL_CUE_SAY, 0},
    {"allege alleges alleged alleging", BL_CUE_SAY, 0},
    {"predict predicts predicted predicting", BL_CUE_SAY, 0},
    {"recall recalls recalled recalling", BL_CUE_SAY, BL_CUEF_WEAK},
    {"tweet tweets tweeted tweeting", BL_CUE_SAY, 0},
    {"report reports reported reporting", BL_CUE_SAY, 0},
    {"estimate estimates estimated estimating", BL_CUE_SAY, 0},
    {"observe observes observed observing", BL_CUE_SAY, BL_CUEF_WEAK},
    {"comment comments commented commenting", BL_CUE_SAY, BL_CUEF_WEAK},
    {"remark remarks remarked remarking", BL_CUE_SAY, BL_CUEF_WEAK},
    {"concede concedes conceded conceding", BL_CUE_SAY, 0},
    {"stress stresses stressed stressing", BL_CUE_SAY, BL_CUEF_WEAK},
    {"emphasize emphasizes emphasized emphasizing", BL_CUE_SAY, 0},
    {"emphasise emphasises emphasised emphasising", BL_CUE_SAY, 0},
    {"mention mentions mentioned mentioning", BL_CUE_SAY, BL_CUEF_WEAK},
    {"exclaim exclaims exclaimed exclaiming", BL_CUE_SAY, 0},
    {"shout shouts shouted shouting", BL_CUE_SAY, BL_CUEF_WEAK},
    {"joke jokes joked joking", BL_CUE_SAY, 0},
    {"quip quips quipped quipping", BL_CUE_SAY, 0},
    {"recount recounts recounted recounting", BL_CUE_SAY, 0},
    {"maintain maintains maintained maintaining", BL_CUE_SAY, BL_CUEF_WEAK},
    {"promise promises promised promising", BL_CUE_SAY, 0},
    {"vow vows vowed vowing", BL_CUE_SAY, 0},
    {"pledge pledges pledged pledging", BL_CUE_SAY, 0},
    {"urge urges urged urging", BL_CUE_SAY, 0},
    {"complain complains complained complaining", BL_CUE_SAY, 0},
    {"boast boasts boasted boasting", BL_CUE_SAY, 0},
    {"suggest suggests suggested suggesting", BL_CUE_SAY, 0},
    {"point points pointed pointing", BL_CUE_SAY, BL_CUEF_PARTICLE},
    {"call calls called calling", BL_CUE_SAY, BL_CUEF_PARTICLE},
    {"continue continues continued continuing", BL_CUE_SAY, BL_CUEF_WEAK},
    {"reiterate reiterates reiterated reiterating", BL_CUE_SAY, 0},
    {"caution cautions cautioned cautioning", BL_CUE_SAY, BL_CUEF_WEAK},
    {"counter counters countered countering", BL_CUE_SAY, BL_CUEF_WEAK},
    {"retort retorts retorted retorting", BL_CUE_SAY, 0},
    {"criticize criticizes criticized criticizing", BL_CUE_SAY, 0},
    {"criticise criticises criticised criticising", BL_CUE_SAY, 0},
    {"accuse accuses accused accusing", BL_CUE_SAY, 0},
    {"disclose discloses disclosed disclosing", BL_CUE_SAY, 0},
    {"proclaim proclaims proclaimed proclaiming", BL_CUE_SAY, 0},
    {"speculate speculates speculated speculating", BL_CUE_SAY, 0},
    {"hint hints hinted hinting", BL_CUE_SAY, BL_CUEF_WEAK},
    {"assure assures assured assuring", BL_CUE_SAY, 0},
    {"demand demands demanded demanding", BL_CUE_SAY, BL_CUEF_WEAK},
    {"yell yells yelled yelling", BL_CUE_SAY, 0},
    {"scream screams screamed screaming", BL_CUE_SAY, BL_CUEF_WEAK},
    {"chant chants chanted chanting", BL_CUE_SAY, BL_CUEF_WEAK},
    {"interject interjects interjected interjecting", BL_CUE_SAY, 0},
    {"- reads read -", BL_CUE_SAY, BL_CUEF_WEAK},
    {"- posts posted -", BL_CUE_SAY, BL_CUEF_WEAK},
    {"whisper whispers whispered whispering", BL_CUE_SAY, 0},
    {"muse muses mused musing", BL_CUE_SAY, 0},
    {"sigh sighs sighed sighing", BL_CUE_SAY, BL_CUEF_WEAK},
    {"laugh laughs laughed laughing", BL_CUE_SAY, BL_CUEF_WEAK},
    {"conclude concludes concluded concluding", BL_CUE_SAY, BL_CUEF_WEAK},
    {"believe believes believed believing", BL_CUE_THINK, 0},
    {"think thinks thought thinking", BL_CUE_THINK, 0},
    {"expect expects expected expecting", BL_CUE_THINK, 0},
    {"hope hopes hoped hoping", BL_CUE_THINK, 0},
    {"fear fears feared fearing", BL_CUE_THINK, 0},
    {"worry worries worried worrying", BL_CUE_THINK, 0},
    {"feel feels felt feeling", BL_CUE_THINK, 0},
    {"doubt doubts doubted doubting", BL_CUE_THINK, 0},
    {"suspect suspects suspected suspecting", BL_CUE_THINK, 0},
    {"know knows knew knowing known", BL_CUE_THINK, 0},
    {"want wants wanted wanting", BL_CUE_THINK, 0},
    {"agree agrees agreed agreeing", BL_CUE_SAY, BL_CUEF_WEAK},
    {"disagree disagrees disagreed disagreeing", BL_CUE_SAY, BL_CUEF_WEAK},
    {"put puts - putting", BL_CUE_SAY, BL_CUEF_PARTICLE},
    {"cite cites cited citing", BL_CUE_SAY, 0},
    {"wonder wonders wondered wondering", BL_CUE_THINK, 0},
    {"assume assumes assumed assuming", BL_CUE_THINK, 0},
    {"reckon reckons reckoned reckoning", BL_CUE_THINK, 0},
    {"rule rules ruled -", BL_CUE_SAY, BL_CUEF_WEAK},
    {"project projects projected projecting", BL_CUE_SAY, 0},
    {"forecast forecasts forecasted forecasting", BL_CUE_SAY, 0},
    {"count counts counted counting", BL_CUE_SHOW, 0},
    {"list lists listed listing", BL_CUE_SHOW, 0},
    {"record records recorded recording", BL_CUE_SHOW, 0},
    {"identify identifies identified identifying", BL_CUE_SHOW, 0},
    {"document documents documented documenting", BL_CUE_SHOW, 0},
    {"tally tallies tallied tallying", BL_CUE_SHOW, 0},
    {"detail details detailed detailing", BL_CUE_SHOW, 0},
    {"show shows showed showing shown", BL_CUE_SHOW, 0},
    {"find finds found finding", BL_CUE_SHOW, 0},
    {"indicate indicates indicated indicating", BL_CUE_SHOW, 0},
    {"reveal reveals revealed revealing", BL_CUE_SHOW, 0},
    {"conclude concludes concluded concluding", BL_CUE_SHOW, 0},
};

/* Past participles that, after a form of "be", make a vague passive: "is said to", "it is believed". */
static const char *const bl_cue__passive_vague = " said believed thought reported rumored rumoured alleged understood claimed ";

/* ---------------------------------------------------------------- the table */

typedef struct BlCueSlot {
  const char *word; /* NULL: empty */
  uint32_t hash;
  uint8_t len;
  BlWord w;
} BlCueSlot;

/* Words that may start a cue (verbs, "according", vague adverbs, "in"/"at"/"during"): a 65536-bit
 * filter over their hashes lets the scan of a sentence reject almost every other word with one
 * hash and one bit test, in a table that stays in the first-level cache. */
enum { BL_W_TRIGGER = BL_W_CUE | BL_W_ACCORDING | BL_W_VAGUE_ADV | BL_W_MEDIUM_PREP };

static BlCueSlot bl_cue__slots[BL_CUE_SLOTS];
static uint64_t bl_cue__trigger[1024];

/* Lowercases w[0..n) into low and returns its hash, or 0 when it cannot be in the lexicon. */
static inline uint32_t bl_cue__lower_hash(const char *w, size_t n, char *low)
{
  if (n == 0 || n > BL_CUE_MAX_WORD) return 0;
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)w[i];
    if (ch >= 0x80) return 0; /* every entry is ASCII */
    ch = (unsigned char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    low[i] = (char)ch;
    h = (h ^ ch) * 16777619u;
  }
  return h | 1;
}

/* Whether w[0..n) may start a cue; false for nearly every other word. The filter's key is the
 * length and the first four bytes with bit 0x20 set (lowercase for letters), so the test costs a
 * handful of instructions; the lexicon lookup that follows settles the few false positives. */
static inline uint32_t bl_cue__filter_key(const char *w, size_t n)
{
  const uint8_t *u = (const uint8_t *)w;
  uint32_t k = 0;
  switch (n) {
  default: k |= (uint32_t)(u[3] | 0x20) << 24; /* fall through */
  case 3: k |= (uint32_t)(u[2] | 0x20) << 16;  /* fall through */
  case 2: k |= (uint32_t)(u[1] | 0x20) << 8;   /* fall through */
  case 1: k |= (uint32_t)(u[0] | 0x20);        /* fall through */
  case 0: break;
  }
  return ((k ^ (uint32_t)n << 27) * 0x9E3779B1u) >> 16;
}

static BlCueSlot *bl_cue__slot(const char *s, size_t n, uint32_t h)
{
  for (uint32_t k = h & (BL_CUE_SLOTS - 1);; k = (k + 1) & (BL_CUE_SLOTS - 1)) {
    BlCueSlot *sl = &bl_cue__slots[k];
    if (!sl->word || (sl->hash == h && sl->len == n && memcmp(sl->word, s, n) == 0)) return sl;
  }
}

static void bl_cue__add(const char *s, size_t n, uint32_t cls, uint8_t cue, uint8_t form, uint8_t flags)
{
  char low[BL_CUE_MAX_WORD];
  uint32_t h = bl_cue__lower_hash(s, n, low);
  if (!h) return;
  BlCueSlot *sl = bl_cue__slot(s, n, h);
  if (!sl->word) {
    sl->word = s;
    sl->hash = h;
    sl->len = (uint8_t)n;
  }
  sl->w.cls |= cls;
  if (cue && !sl->w.cue) {
    sl->w.cue = cue;
    sl->w.form = form;
    sl->w.flags = flags;
  }
}

static void bl_cue__build(void)
{
  for (size_t c = 0; c < sizeof bl_cue__classes / sizeof *bl_cue__classes; c++) {
    const char *p = bl_cue__classes[c].words;
    while (*p) {
      while (*p == ' ') p++;
      const char *q = p;
      while (*q && *q != ' ') q++;
      bl_cue__add(p, (size_t)(q - p), bl_cue__classes[c].cls, 0, 0, 0);
      p = q;
    }
  }
  static const uint8_t forms[] = {BL_CF_BASE, BL_CF_PRES, BL_CF_PAST, BL_CF_ING, BL_CF_PAST};
  for (size_t v = 0; v < sizeof bl_cue__verbs / sizeof *bl_cue__verbs; v++) {
    const char *p = bl_cue__verbs[v].forms;
    for (size_t f = 0; *p && f < sizeof forms; f++) {
      while (*p == ' ') p++;
      const char *q = p;
      while (*q && *q != ' ') q++;
      if (!(q - p == 1 && *p == '-'))
        bl_cue__add(p, (size_t)(q - p), BL_W_CUE, bl_cue__verbs[v].cue, forms[f], bl_cue__verbs[v].flags);
      p = q;
    }
  }
  for (size_t k = 0; k < BL_CUE_SLOTS; k++) {
    const BlCueSlot *sl = &bl_cue__slots[k];
    if (sl->word && (sl->w.cls & BL_W_TRIGGER)) {
      uint32_t h = bl_cue__filter_key(sl->word, sl->len);
      bl_cue__trigger[h >> 6] |= 1ull << (h & 63);
    }
  }
}

static pthread_once_t bl_cue__once = PTHREAD_ONCE_INIT;
static bool bl_cue__built; /* set, with release order, once the tables are complete */

static void bl_cue__build_once(void)
{
  bl_cue__build();
  __atomic_store_n(&bl_cue__built, true, __ATOMIC_RELEASE);
}

static inline void bl_cue__ready(void)
{
  if (!__atomic_load_n(&bl_cue__built, __ATOMIC_ACQUIRE)) pthread_once(&bl_cue__once, bl_cue__build_once);
}

BlWord bl_word_lookup(const char *w, size_t n)
{
  bl_cue__ready();
  BlWord none = {0};
  char low[BL_CUE_MAX_WORD];
  uint32_t h = bl_cue__lower_hash(w, n, low);
  if (!h) return none;
  const BlCueSlot *sl = bl_cue__slot(low, n, h);
  return sl->word ? sl->w : none;
}

static bool bl_cue__maybe_trigger(const char *w, size_t n)
{
  if (n < 2 || n > BL_CUE_MAX_WORD) return false;
  uint32_t h = bl_cue__filter_key(w, n);
  return bl_cue__trigger[h >> 6] >> (h & 63) & 1;
}

/* ---------------------------------------------------------------- token helpers */

/* The words one reading of a cue looks at, remembered by token index: a reading looks at a few
 * dozen tokens, several times each (subject, trimming, classification). */
enum { BL_CUE_MEMO = 64 };

typedef struct BlCueMemo {
  uint32_t tag[BL_CUE_MEMO]; /* token index + 1; 0 = empty */
  BlWord w[BL_CUE_MEMO];
} BlCueMemo;

typedef struct BlCueCtx {
  const BlAnalysis *an;
  const BlToken *tok;
  const char *s;
  const uint8_t *skip;
  BlCueMemo *memo;
} BlCueCtx;

static BlWord bl_cue__word(const BlCueCtx *c, uint32_t i)
{
  const BlToken *t = &c->tok[i];
  if (t->kind != BL_TOK_WORD) {
    BlWord none = {0};
    return none;
  }
  BlCueMemo *m = c->memo;
  uint32_t slot = i & (BL_CUE_MEMO - 1);
  if (m->tag[slot] == i + 1) return m->w[slot];
  BlWord w = bl_word_lookup(c->s + t->start, t->end - t->start);
  m->tag[slot] = i + 1;
  m->w[slot] = w;
  return w;
}

static inline bool bl_cue__is(const BlCueCtx *c, uint32_t i, const char *lit)
{
  const BlToken *t = &c->tok[i];
  if ((c->s[t->start] | 0x20) != (lit[0] | 0x20)) return false; /* most calls end here */
  size_t n = strlen(lit);
  if (t->end - t->start != n) return false;
  for (size_t k = 0; k < n; k++) {
    char a = c->s[t->start + k];
    if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
    if (a != lit[k]) return false;
  }
  return true;
}

static inline bool bl_cue__punct(const BlCueCtx *c, uint32_t i, const char *lit)
{
  return c->tok[i].kind == BL_TOK_PUNCT && bl_cue__is(c, i, lit);
}

/* A closing or opening quotation mark token: ” “ " '' « » (straight ones either way). */
static bool bl_cue__quote_mark(const BlCueCtx *c, uint32_t i)
{
  const BlToken *t = &c->tok[i];
  if (t->kind != BL_TOK_PUNCT) return false;
  const char *p = c->s + t->start;
  size_t n = t->end - t->start;
  if (n == 1) return p[0] == '"' || p[0] == '\'';
  if (n == 3) return memcmp(p, "\xE2\x80\x9D", 3) == 0 || memcmp(p, "\xE2\x80\x9C", 3) == 0;
  if (n == 2) return memcmp(p, "\xC2\xBB", 2) == 0 || memcmp(p, "\xC2\xAB", 2) == 0;
  return false;
}

static bool bl_cue__possessive(const BlCueCtx *c, uint32_t i)
{
  return bl_cue__is(c, i, "'s") || bl_cue__is(c, i, "\xE2\x80\x99s");
}

/* A negated auxiliary: "didn't", "hasn’t", "not", "never". */
static bool bl_cue__negative(const BlCueCtx *c, uint32_t i, BlWord w)
{
  if (w.cls & BL_W_NEG) return true;
  const BlToken *t = &c->tok[i];
  size_t n = t->end - t->start;
  const char *p = c->s + t->start;
  return (n > 3 && (p[n - 1] == 't' || p[n - 1] == 'T') &&
          ((p[n - 2] == '\'' && (p[n - 3] == 'n' || p[n - 3] == 'N')) ||
           (n > 5 && memcmp(p + n - 4, "\xE2\x80\x99", 3) == 0 && (p[n - 5] == 'n' || p[n - 5] == 'N'))));
}

/* A lowercase adverb in -ly that may sit between subject and verb ("repeatedly", "publicly"). */
static bool bl_cue__ly_adverb(const BlCueCtx *c, uint32_t i, BlWord w)
{
  const BlToken *t = &c->tok[i];
  size_t n = t->end - t->start;
  const char *p = c->s + t->start;
  return t->kind == BL_TOK_WORD && n >= 5 && p[0] >= 'a' && p[0] <= 'z' && p[n - 2] == 'l' && p[n - 1] == 'y' &&
         !(w.cls & (BL_W_NOUN_LY | BL_W_VAGUE_ADV));
}

/* A word that may not end a noun phrase. */
static bool bl_cue__np_end_ok(const BlCueCtx *c, uint32_t i)
{
  const BlToken *t = &c->tok[i];
  if (t->kind == BL_TOK_NUMBER) return true;
  if (t->kind == BL_TOK_PUNCT) return bl_cue__punct(c, i, ")");
  if (t->kind != BL_TOK_WORD) return false;
  BlWord w = bl_cue__word(c, i);
  if (w.cls & BL_W_PRON) return true;
  return !(w.cls & (BL_W_FUNC | BL_W_PREP | BL_W_CLAUSE | BL_W_BE | BL_W_AUX | BL_W_DET));
}

/* ---------------------------------------------------------------- noun phrases */

/* Trims a phrase [*b, e): leading conjunctions and adverbs, and a leading prepositional phrase of
 * time ("In May the company" -> "the company"). */
static void bl_cue__trim_front(const BlCueCtx *c, uint32_t *b, uint32_t e)
{
  while (*b < e) {
    BlWord w = bl_cue__word(c, *b);
    if (bl_cue__possessive(c, *b)) { /* "’s how many people" after "That" */
      (*b)++;
      continue;
    }
    if ((w.cls & BL_W_LEAD) && !(w.cls & BL_W_PRON)) {
      (*b)++;
      continue;
    }
    if (c->tok[*b].kind == BL_TOK_PUNCT && !bl_cue__punct(c, *b, "(")) {
      (*b)++;
      continue;
    }
    if ((w.cls & BL_W_PREP) && *b + 1 < e && !((c->tok[*b].flags & BL_TF_CAP) && *b + 2 == e && (c->tok[*b + 1].flags & BL_TF_CAP))) {
      /* "In May the company" -> "the company", "After the vote the senator" -> "the senator",
       * "with many" -> "many" */
      uint32_t k = *b + 1;
      while (k + 1 < e && (bl_cue__word(c, k).cls & BL_W_TIME) && !(bl_cue__word(c, k).cls & (BL_W_DET | BL_W_QUANT)))
        k++;
      uint32_t d = k + 1;
      while (d < e && !((bl_cue__word(c, d).cls & (BL_W_DET | BL_W_PRON)) && c->tok[d].kind == BL_TOK_WORD)) d++;
      *b = d < e ? d : k;
      continue;
    }
    if ((w.cls & BL_W_TIME) && !(w.cls & (BL_W_DET | BL_W_QUANT)) && *b + 1 < e) {
      (*b)++;
      continue;
    }
    break;
  }
}

/* The noun phrase that ends just before token e, not reaching below floor; returns its first
 * token (== e when none). Stops at punctuation (a parenthesis is taken whole), a clause word and
 * a cue verb. */
static uint32_t bl_cue__np_back(const BlCueCtx *c, uint32_t e, uint32_t floor)
{
  uint32_t k = e, n = 0;
  while (k > floor && n < BL_CUE_MAX_NP) {
    uint32_t j = k - 1;
    if (c->skip && c->skip[j]) break;
    const BlToken *t = &c->tok[j];
    if (t->kind == BL_TOK_PUNCT) {
      if (bl_cue__punct(c, j, ".") && j > floor && c->tok[j - 1].kind == BL_TOK_WORD && c->tok[j - 1].end == t->start &&
          bl_is_abbreviation(c->s + c->tok[j - 1].start, c->tok[j - 1].end - c->tok[j - 1].start)) {
        k = j; /* "Rep. Gwen Moore" */
        n++;
        continue;
      }
      if (bl_cue__punct(c, j, ")")) { /* "Sen. Bernie Sanders (I-Vt.)" */
        uint32_t p = j, lim = j > floor + 10 ? j - 10 : floor;
        while (p > lim && !bl_cue__punct(c, p, "(")) p--;
        if (p > floor && bl_cue__punct(c, p, "(") && p < j) {
          n += j - p + 1;
          k = p;
          continue;
        }
      }
      break;
    }
    if (t->kind == BL_TOK_SYMBOL) break;
    BlWord w = bl_cue__word(c, j);
    if ((w.cls & BL_W_CLAUSE) || ((w.cls & (BL_W_VERBAL | BL_W_BE)) && !(t->flags & BL_TF_CAP)))
      break; /* past the subject, into another clause ("Will Doyle" is a name) */
    if (bl_cue__negative(c, j, w)) break;
    if ((w.cls & BL_W_CUE) && (w.form == BL_CF_PAST || w.form == BL_CF_PRES) && !(w.cls & (BL_W_DOC | BL_W_ANON)) &&
        !(t->flags & BL_TF_CAP))
      break;
    {
      /* "POLITICO interviewed": a name then a verb in -ed */
      size_t len = t->end - t->start;
      const char *p = c->s + t->start;
      if (len > 3 && p[0] >= 'a' && p[0] <= 'z' && p[len - 2] == 'e' && p[len - 1] == 'd' && j > floor &&
          c->tok[j - 1].kind == BL_TOK_WORD && (c->tok[j - 1].flags & BL_TF_CAP))
        break;
    }
    k = j;
    n++;
  }
  if (n >= BL_CUE_MAX_NP) return e; /* a runaway: no noun phrase this long */
  uint32_t b = k;
  bl_cue__trim_front(c, &b, e);
  if (b >= e || !bl_cue__np_end_ok(c, e - 1)) return e;
  return b;
}

/* The noun phrase that starts at token b (not reaching hi); returns its end (== b when none).
 * It goes on through "of", "for", "from", "at" and "with" ("a spokesman for the agency") and
 * stops at other prepositions, clause words, verbs and punctuation. */
static uint32_t bl_cue__np_fwd(const BlCueCtx *c, uint32_t b, uint32_t hi)
{
  uint32_t k = b, n = 0;
  while (k < hi && n < BL_CUE_MAX_NP) {
    if (c->skip && c->skip[k]) break;
    const BlToken *t = &c->tok[k];
    if (t->kind == BL_TOK_PUNCT) {
      if (bl_cue__punct(c, k, "(") && k > b) { /* a parenthesis after a name: take it whole */
        uint32_t p = k + 1, lim = k + 10 < hi ? k + 10 : hi;
        while (p < lim && !bl_cue__punct(c, p, ")")) p++;
        if (p < lim) {
          n += p - k + 1;
          k = p + 1;
          continue;
        }
      }
      break;
    }
    if (t->kind == BL_TOK_SYMBOL) break;
    if (t->kind == BL_TOK_WORD) {
      BlWord w = bl_cue__word(c, k);
      if (w.cls & BL_W_CLAUSE) break;
      if ((w.cls & (BL_W_BE | BL_W_AUX | BL_W_VERBAL)) && !(w.cls & (BL_W_TIME | BL_W_PRON)) && !(t->flags & BL_TF_CAP))
        break;
      if ((w.cls & BL_W_CUE) && k > b && !(t->flags & BL_TF_CAP) && w.form != BL_CF_BASE &&
          !(w.cls & (BL_W_DOC | BL_W_ANON)))
        break;
      if (w.cls & BL_W_PREP) {
        bool joins = bl_cue__is(c, k, "of") || bl_cue__is(c, k, "for") || bl_cue__is(c, k, "from") ||
                     bl_cue__is(c, k, "at") || bl_cue__is(c, k, "with");
        if (!joins || k == b) break;
        if (k + 1 < hi && (bl_cue__word(c, k + 1).cls & BL_W_TIME) && !(bl_cue__word(c, k + 1).cls & BL_W_DET)) break;
      }
      if ((w.cls & BL_W_TIME) && k > b && !(w.cls & (BL_W_DET | BL_W_QUANT))) break; /* "said Smith Monday" */
      /* a participle that opens a modifier: "a report published Monday", "a memo seen by" */
      size_t len = t->end - t->start;
      const char *p = c->s + t->start;
      if (k > b && len > 3 && p[0] >= 'a' && p[0] <= 'z' && p[len - 2] == 'e' && p[len - 1] == 'd' && k + 1 < hi) {
        BlWord nx = bl_cue__word(c, k + 1);
        if ((nx.cls & (BL_W_PREP | BL_W_TIME)) || c->tok[k + 1].kind != BL_TOK_WORD) break;
      }
    }
    k++;
    n++;
  }
  /* trim what cannot end a noun phrase */
  while (k > b && !bl_cue__np_end_ok(c, k - 1)) k--;
  return k;
}

/* The subject of the clause that opens the window at lo: skips a leading adverbial up to its
 * comma ("In a statement, the company ..."). Returns [*b, *e) or false. */
static bool bl_cue__clause_subject(const BlCueCtx *c, uint32_t lo, uint32_t hi, uint32_t *b, uint32_t *e)
{
  if (hi > lo + 60) return false; /* a clause this far back is no subject we can find; bounds the work */
  uint32_t k = lo;
  for (int rounds = 0; rounds < 4; rounds++) {
    while (k < hi && (c->tok[k].kind == BL_TOK_PUNCT || (c->skip && c->skip[k]) ||
                      ((bl_cue__word(c, k).cls & BL_W_LEAD) && !(bl_cue__word(c, k).cls & BL_W_PRON))))
      k++;
    if (k >= hi) return false;
    BlWord w = bl_cue__word(c, k);
    bool adverbial = (w.cls & (BL_W_PREP | BL_W_CLAUSE | BL_W_TIME)) && !(w.cls & (BL_W_DET | BL_W_PRON));
    if (!adverbial) break;
    /* "In a statement, ...", "Thursday, after remaining neutral, ..." */
    uint32_t m = k;
    while (m < hi && !bl_cue__punct(c, m, ",")) m++;
    if (m >= hi) return false;
    k = m + 1;
  }
  uint32_t end = bl_cue__np_fwd(c, k, hi);
  if (end == k) return false;
  /* a subject is short: the run of a name ("Sen. Bernie Sanders", "Secretary of State John
   * Kerry"), or a few words ("the campaign chief") */
  if ((c->tok[k].flags & BL_TF_CAP) && !(bl_cue__word(c, k).cls & (BL_W_DET | BL_W_QUANT | BL_W_PRON))) {
    uint32_t m = k + 1;
    while (m < end) {
      const BlToken *t = &c->tok[m];
      if (t->kind == BL_TOK_WORD && ((t->flags & BL_TF_CAP) || bl_cue__possessive(c, m))) {
        m++;
        continue;
      }
      if (t->kind == BL_TOK_PUNCT && bl_cue__is(c, m, ".") && c->tok[m - 1].end == t->start &&
          c->tok[m - 1].end - c->tok[m - 1].start <= 4) {
        m++;
        continue;
      }
      if (bl_cue__punct(c, m, "(")) {
        uint32_t p = m + 1;
        while (p < end && p < m + 8 && !bl_cue__punct(c, p, ")")) p++;
        if (p < end && bl_cue__punct(c, p, ")")) {
          m = p + 1;
          continue;
        }
        break;
      }
      if (t->kind == BL_TOK_WORD && m + 1 < end && (c->tok[m + 1].flags & BL_TF_CAP) &&
          (bl_cue__is(c, m, "of") || bl_cue__is(c, m, "the") || bl_cue__is(c, m, "and") || bl_cue__is(c, m, "for"))) {
        m++;
        continue;
      }
      if (t->kind == BL_TOK_WORD && m + 1 < end && !(bl_cue__word(c, m).cls & (BL_W_FUNC | BL_W_PREP | BL_W_CUE)) &&
          (c->tok[m - 1].flags & BL_TF_CAP) && bl_cue__possessive(c, m - 1))
        { m++; continue; } /* "Trump's campaign manager" */
      break;
    }
    end = m;
  } else {
    /* "The council rejected the plan, saying ...": stop at the verb in -ed */
    uint32_t m = k + 1;
    while (m < end && m < k + 5) {
      const BlToken *t = &c->tok[m];
      size_t len = t->end - t->start;
      const char *p = c->s + t->start;
      if (t->kind == BL_TOK_WORD && len > 3 && p[0] >= 'a' && p[0] <= 'z' && p[len - 2] == 'e' && p[len - 1] == 'd')
        break;
      m++;
    }
    end = m;
  }
  while (end > k && !bl_cue__np_end_ok(c, end - 1)) end--;
  if (end == k) return false;
  *b = k;
  *e = end;
  return true;
}

/* ---------------------------------------------------------------- entities and sources */

uint32_t bl_token_at_or_after(const BlAnalysis *an, uint32_t pos)
{
  size_t lo = 0, hi = an->tokens.tokens.len;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (an->tokens.tokens.items[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return (uint32_t)lo;
}

int32_t bl_entity_overlapping(const BlAnalysis *an, uint32_t start, uint32_t end, uint32_t kinds)
{
  const BlEntity *e = an->entities.items.items;
  size_t n = an->entities.items.len;
  if (!n || start >= end) return -1;
  size_t lo = 0, hi = n;
  while (lo < hi) { /* first entity starting at or after start */
    size_t mid = (lo + hi) / 2;
    if (e[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  /* entities do not overlap each other, so at most one starting before `start` reaches into it */
  if (lo > 0 && e[lo - 1].end > start && (kinds & (1u << e[lo - 1].kind))) return (int32_t)(lo - 1);
  for (size_t i = lo; i < n && e[i].start < end; i++)
    if (kinds & (1u << e[i].kind)) return (int32_t)i;
  return -1;
}

static BlSourceKind bl_cue__classify(const BlCueCtx *c, uint32_t begin, uint32_t end, bool *definite, int32_t *entity);

BlSourceKind bl_source_classify(const BlAnalysis *an, uint32_t begin, uint32_t end, bool *definite, int32_t *entity)
{
  BlCueMemo memo;
  memset(memo.tag, 0, sizeof memo.tag);
  BlCueCtx cx = {an, an->tokens.tokens.items, an->text, NULL, &memo};
  return bl_cue__classify(&cx, begin, end, definite, entity);
}

static BlSourceKind bl_cue__classify(const BlCueCtx *c, uint32_t begin, uint32_t end, bool *definite, int32_t *entity)
{
  const BlAnalysis *an = c->an;
  if (definite) *definite = false;
  if (entity) *entity = -1;
  if (begin >= end) return BL_SRC_KIND_NONE;
  BlWord first = bl_cue__word(c, begin);
  bool def = bl_cue__is(c, begin, "the") || bl_cue__is(c, begin, "this") || bl_cue__is(c, begin, "that") ||
             bl_cue__is(c, begin, "these") || bl_cue__is(c, begin, "those") || bl_cue__is(c, begin, "its") ||
             bl_cue__is(c, begin, "his") || bl_cue__is(c, begin, "her") || bl_cue__is(c, begin, "their");
  if (end - begin == 1 && (first.cls & BL_W_PRON)) return BL_SRC_KIND_PRONOUN;
  /* the head: the last word before a preposition, clause word, post-modifier or comma */
  uint32_t h = begin;
  bool possessive = false;
  for (uint32_t k = begin + 1; k < end; k++) {
    const BlToken *t = &c->tok[k];
    if (t->kind == BL_TOK_PUNCT) break;
    BlWord w = bl_cue__word(c, k);
    if (w.cls & (BL_W_PREP | BL_W_CLAUSE | BL_W_POSTMOD)) break;
    if (bl_cue__possessive(c, k)) {
      possessive = true; /* "Japan’s defense minister": one known holder, like "the" */
      continue;
    }
    h = k;
  }
  if (definite) *definite = def || possessive;
  const BlToken *ht = &c->tok[h];
  BlWord hw = bl_cue__word(c, h);
  bool plural = ht->end - ht->start > 2 && an->text[ht->end - 1] == 's' && an->text[ht->end - 2] != 's';
  uint32_t s0 = c->tok[begin].start, s1 = c->tok[end - 1].end;
  /* a person named anywhere in it: "the operator’s managing director, Euan Blackwood" */
  int32_t pe = bl_entity_overlapping(an, s0, s1, 1u << BL_ENT_PERSON);
  if (pe >= 0) {
    if (entity) *entity = pe;
    return BL_SRC_KIND_NAMED;
  }
  int32_t ent = bl_entity_overlapping(an, s0, ht->end, 1u << BL_ENT_OFFICIAL | 1u << BL_ENT_ORGANIZATION);
  if (entity) *entity = ent;
  const BlEntity *e = ent >= 0 ? &an->entities.items.items[ent] : NULL;
  if (e && e->kind == BL_ENT_ORGANIZATION && e->subtype == BL_ORG_MEDIA) return BL_SRC_KIND_OUTLET;
  bool caps = false;
  for (uint32_t k = begin; k <= h; k++) {
    const BlToken *t = &c->tok[k];
    if (t->kind != BL_TOK_WORD || !(t->flags & BL_TF_CAP)) continue;
    BlWord w = bl_cue__word(c, k);
    if ((w.cls & BL_W_OUTLET) && !(t->flags & BL_TF_PERIODS)) return BL_SRC_KIND_OUTLET;
    if (!(w.cls & BL_W_NOT_ACTOR) && !(k == begin && (w.cls & (BL_W_QUANT | BL_W_VAGUE_SUBJ | BL_W_ANON)))) caps = true;
  }
  /* a capitalized head is a name ("regulator president Agnieszka Sobczak"), and so is a name in
   * apposition after a comma */
  const uint32_t common = BL_W_ANON | BL_W_DOC | BL_W_ORG_DESC | BL_W_PERSON_DESC | BL_W_VAGUE_SUBJ | BL_W_QUANT |
                          BL_W_NOT_ACTOR | BL_W_OUTLET_DESC;
  if ((ht->flags & BL_TF_CAP) && ht->kind == BL_TOK_WORD && !(hw.cls & common) && h > begin) return BL_SRC_KIND_NAMED;
  for (uint32_t k = h + 1; k + 1 < end; k++)
    if (bl_cue__punct(c, k, ",") && (c->tok[k + 1].flags & BL_TF_CAP) && !(bl_cue__word(c, k + 1).cls & common))
      return BL_SRC_KIND_NAMED;
  if ((hw.cls & BL_W_OUTLET_DESC) && def) return BL_SRC_KIND_OUTLET;
  if (hw.cls & BL_W_DOC) return BL_SRC_KIND_DOCUMENT;
  if ((hw.cls & BL_W_VAGUE_SUBJ) && !caps && h + 1 == end && h - begin < 2 && !def && !possessive)
    return BL_SRC_KIND_VAGUE;
  bool indefinite = (first.cls & BL_W_QUANT) && !def;
  if (hw.cls & BL_W_ANON) {
    if (indefinite) return BL_SRC_KIND_ANONYMOUS;                     /* "a former official" */
    if (!def && !possessive && plural) return BL_SRC_KIND_ANONYMOUS;  /* "officials", "U.S. officials" */
    if (def && !(hw.cls & BL_W_PERSON_DESC)) return BL_SRC_KIND_ANONYMOUS; /* "the source", "the aides" */
    if (def && (bl_cue__is(c, h, "official") || bl_cue__is(c, h, "officials"))) return BL_SRC_KIND_ANONYMOUS;
  }
  /* the recognizer's unnamed official counts when the phrase is indefinite: "a Pentagon spokesman" */
  if (e && e->kind == BL_ENT_OFFICIAL && (e->flags & BL_EF_ANONYMOUS) && indefinite) return BL_SRC_KIND_ANONYMOUS;
  if ((def || possessive) && (hw.cls & BL_W_ORG_DESC)) return BL_SRC_KIND_ORG_DESC;
  if ((def || possessive) && (hw.cls & BL_W_PERSON_DESC)) return BL_SRC_KIND_PERSON_DESC;
  if (e && e->kind == BL_ENT_ORGANIZATION && !(hw.cls & BL_W_DOC)) return BL_SRC_KIND_NAMED;
  if (caps) return BL_SRC_KIND_NAMED;
  return BL_SRC_KIND_OTHER;
}

/* ---------------------------------------------------------------- reading a cue */

static void bl_cue__fill(const BlCueCtx *c, BlCueHit *hit, uint32_t cb, uint32_t ce, uint32_t sb, uint32_t se,
                         uint8_t cls)
{
  hit->cue_begin = cb;
  hit->cue_end = ce;
  hit->src_begin = sb;
  hit->src_end = se;
  hit->cls = cls;
  bool def = false;
  int32_t ent = -1;
  hit->kind = (uint8_t)bl_cue__classify(c, sb, se, &def, &ent);
  hit->definite = def;
  hit->entity = ent;
  if (hit->kind == BL_SRC_KIND_VAGUE) hit->vague = true;
}

/* "in a statement", "in an interview with the Post", "at a news conference": token i is the
 * preposition. The source is the subject beside it. */
static bool bl_cue__medium(const BlCueCtx *c, uint32_t i, uint32_t lo, uint32_t hi, BlCueHit *hit)
{
  if (i == lo && bl_cue__is(c, i, "in")) {
    /* "In a Gallup poll released Monday, 50 percent ...": the document is the source */
    uint32_t k = i + 1;
    while (k < hi && k < i + 10 && c->tok[k].kind != BL_TOK_PUNCT && !(c->skip && c->skip[k])) {
      BlWord w = bl_cue__word(c, k);
      if ((w.cls & BL_W_DOC) && !(c->tok[k].flags & BL_TF_CAP) && k > i + 1) {
        uint32_t e = k + 1;
        while (e < hi && e < k + 6 && !bl_cue__punct(c, e, ",")) e++;
        if (e >= hi || !bl_cue__punct(c, e, ",")) return false;
        bl_cue__fill(c, hit, i, i + 1, i + 1, k + 1, BL_CUE_SAY);
        return hit->kind == BL_SRC_KIND_DOCUMENT;
      }
      if (w.cls & (BL_W_CLAUSE | BL_W_CUE | BL_W_BE)) break;
      k++;
    }
  }
  uint32_t k = i + 1, m = UINT32_MAX, free_words = 0;
  for (uint32_t n = 0; k < hi && n < 4; k++, n++) {
    if (c->skip && c->skip[k]) return false;
    if (c->tok[k].kind != BL_TOK_WORD) return false;
    BlWord w = bl_cue__word(c, k);
    if ((w.cls & BL_W_MEDIUM) && k > i + 1) {
      m = k;
      break;
    }
    if (w.cls & (BL_W_PREP | BL_W_CLAUSE | BL_W_CUE | BL_W_BE)) return false;
    /* "in a statement", "in a written statement", "at a news conference": one modifier at most */
    if (!(w.cls & (BL_W_DET | BL_W_QUANT)) && !bl_cue__possessive(c, k) && ++free_words > 1) return false;
  }
  if (m == UINT32_MAX) return false;
  uint32_t sb = 0, se = 0;
  if (i > lo && c->tok[i - 1].kind != BL_TOK_PUNCT) {
    se = i;
    sb = bl_cue__np_back(c, se, lo);
  } else if (i > lo + 1 && bl_cue__punct(c, i - 1, ",")) {
    se = i - 1; /* "The company, in a statement, ..." */
    sb = bl_cue__np_back(c, se, lo);
  } else if (m + 2 < hi && bl_cue__punct(c, m + 1, ",")) {
    sb = m + 2; /* "In a statement, the company ..." */
    se = bl_cue__np_fwd(c, sb, hi);
  }
  if (sb >= se) return false;
  bl_cue__fill(c, hit, i, m + 1, sb, se, BL_CUE_SAY);
  return hit->kind != BL_SRC_KIND_OTHER;
}

/* Whether token k ends the verb's clause: "that", a colon or comma, a quotation mark, a final
 * mark, or the window's end. Weak cues ("added", "continued") need it. */
static bool bl_cue__complement(const BlCueCtx *c, uint32_t k, uint32_t hi)
{
  /* "he observed this week, ...", "she added on Monday that" */
  for (uint32_t n = 0; n < 4 && k < hi && c->tok[k].kind == BL_TOK_WORD &&
                       (bl_cue__word(c, k).cls & (BL_W_TIME | BL_W_PREP)) && !(bl_cue__word(c, k).cls & BL_W_CLAUSE) &&
                       !bl_cue__is(c, k, "that");
       n++)
    k++;
  if (k >= hi) return true;
  if (bl_cue__is(c, k, "that") || bl_cue__is(c, k, "there")) return true;
  if (bl_cue__word(c, k).cls & BL_W_PRON) return true; /* "agreed he would", "added it was" */
  if (c->tok[k].kind != BL_TOK_PUNCT) return false;
  return bl_cue__is(c, k, ":") || bl_cue__is(c, k, ",") || bl_cue__is(c, k, ".") || bl_cue__is(c, k, "?") ||
         bl_cue__is(c, k, "!") || bl_cue__quote_mark(c, k) || bl_cue__is(c, k, "\xE2\x80\x94");
}

static bool bl_cue__passive_vague_word(const BlCueCtx *c, uint32_t i)
{
  const BlToken *t = &c->tok[i];
  size_t n = t->end - t->start;
  if (n + 2 > 16) return false;
  char key[18];
  key[0] = ' ';
  for (size_t k = 0; k < n; k++) {
    char a = c->s[t->start + k];
    key[k + 1] = (char)(a >= 'A' && a <= 'Z' ? a + 32 : a);
  }
  key[n + 1] = ' ';
  key[n + 2] = '\0';
  return strstr(bl_cue__passive_vague, key) != NULL;
}

/* Whether a quotation mark sits right before the window or among the tokens right after the cue:
 * a cue beside a quote may be terse ("…,” he added.", "she continued: “…”"). */
static bool bl_cue__near_quote(const BlCueCtx *c, uint32_t lo, uint32_t e, uint32_t cue_end)
{
  if (lo > 0 && bl_cue__quote_mark(c, lo - 1)) return true;
  for (uint32_t k = e > lo + 4 ? e - 4 : lo; k < e; k++) /* "…,” he added on Twitter" */
    if (bl_cue__quote_mark(c, k)) return true;
  size_t n = c->an->tokens.tokens.len;
  for (uint32_t k = cue_end; k < n && k < cue_end + 8; k++) {
    if (c->skip ? c->skip[k] : bl_cue__quote_mark(c, k)) return true;
    if (c->tok[k].kind == BL_TOK_PUNCT && (bl_cue__is(c, k, ".") || bl_cue__is(c, k, ";"))) break;
  }
  return false;
}

/* Whether a capitalized word may be a cue: at the start of its window, or in a headline or
 * heading ("China Hacked Japanese Military Networks, Report Says"); elsewhere it is part of a
 * name ("United States"). */
static bool bl_cue__cap_ok(const BlCueCtx *c, uint32_t i, uint32_t lo)
{
  const BlToken *t = &c->tok[i];
  if (!(t->flags & BL_TF_CAP) || i == lo || (t->flags & BL_TF_SENT_START)) return true;
  const BlArticle *a = &c->an->article;
  if (t->block < a->blocks.len && t->block != UINT16_MAX) {
    BlBlockKind k = a->blocks.items[t->block].kind;
    if (k == BL_BLOCK_HEADING || k == BL_BLOCK_HEADLINE || k == BL_BLOCK_SECTION) return true;
  }
  /* a title in capitals: "Hollande Says Trump Makes Him Retch" (but not "United States history") */
  bool prev_cap = c->tok[i - 1].kind == BL_TOK_WORD && (c->tok[i - 1].flags & BL_TF_CAP);
  size_t n = c->an->tokens.tokens.len;
  bool next_cap = i + 1 < n && c->tok[i + 1].kind == BL_TOK_WORD && (c->tok[i + 1].flags & BL_TF_CAP) &&
                  c->tok[i + 1].block == t->block;
  return prev_cap && next_cap;
}

/* The subject of the cue verb at token i (the verb group starts at vstart, the cue ends before
 * cue_end): walks back over auxiliaries, adverbs and times, reads passives, inversion,
 * appositives, coordination and relative clauses. w describes the verb. */
static bool bl_cue__verb(const BlCueCtx *c, uint32_t i, uint32_t cue_end, uint32_t vstart, uint32_t lo, uint32_t hi,
                         BlWord w, bool question, BlCueHit *hit)
{
  /* walk back over auxiliaries, adverbs and times: "has also said", "on Monday said" */
  uint32_t j = vstart, be_at = UINT32_MAX;
  bool neg = false, commas = false;
  while (j > lo) {
    uint32_t k = j - 1;
    if (c->skip && c->skip[k]) break;
    const BlToken *t = &c->tok[k];
    if (t->kind == BL_TOK_WORD) {
      BlWord kw = bl_cue__word(c, k);
      if (bl_cue__negative(c, k, kw)) {
        neg = true;
        j = k;
        continue;
      }
      if ((kw.cls & BL_W_BE) && be_at == UINT32_MAX) {
        be_at = k;
        j = k;
        continue;
      }
      if ((kw.cls & (BL_W_AUX | BL_W_VERBAL)) && !(kw.cls & (BL_W_PRON | BL_W_DET | BL_W_CLAUSE))) {
        j = k;
        continue;
      }
      if (bl_cue__possessive(c, k) && w.form == BL_CF_PAST && j == i) { /* he’s said */
        j = k;
        continue;
      }
      if (bl_cue__ly_adverb(c, k, kw)) {
        j = k;
        continue;
      }
      if ((kw.cls & BL_W_TIME) && !(kw.cls & (BL_W_DET | BL_W_QUANT)) && k > lo) {
        /* "on Monday", "last week", "this month" */
        uint32_t p = k - 1;
        BlWord pw = bl_cue__word(c, p);
        if ((pw.cls & (BL_W_PREP | BL_W_TIME)) && !(pw.cls & BL_W_PRON)) {
          j = p;
          continue;
        }
        if (t->flags & BL_TF_CAP) { /* "Tuesday" right before the verb */
          j = k;
          continue;
        }
        break;
      }
      if ((kw.cls & BL_W_MEDIUM) && k >= lo + 2 && (bl_cue__word(c, k - 2).cls & BL_W_MEDIUM_PREP)) {
        j = k - 2; /* "the company in a statement said" */
        continue;
      }
      break;
    }
    if (!commas && bl_cue__punct(c, k, ",") && k >= lo + 3) {
      /* ", however," / ", in a statement," between subject and verb */
      uint32_t p = k - 1, lim = k > lo + 5 ? k - 5 : lo;
      while (p > lim && !bl_cue__punct(c, p, ",")) {
        BlWord pw = bl_cue__word(c, p);
        if (c->tok[p].kind != BL_TOK_WORD ||
            !(pw.cls & (BL_W_LEAD | BL_W_AUX | BL_W_TIME | BL_W_MEDIUM | BL_W_MEDIUM_PREP | BL_W_DET | BL_W_QUANT)))
          break;
        p--;
      }
      if (p > lim && bl_cue__punct(c, p, ",") && p + 1 < k) {
        commas = true;
        j = p;
        continue;
      }
    }
    break;
  }
  if (neg) return false;

  if (be_at != UINT32_MAX && w.form != BL_CF_ING) {
    /* a passive: "was reported by the Post", "is said to", "it is believed that" */
    if (w.form != BL_CF_PAST) return false;
    if (cue_end + 1 < hi && bl_cue__is(c, cue_end, "by")) {
      uint32_t se = bl_cue__np_fwd(c, cue_end + 1, hi);
      if (se == cue_end + 1) return false;
      bl_cue__fill(c, hit, i, cue_end, cue_end + 1, se, w.cue);
      return hit->kind != BL_SRC_KIND_OTHER;
    }
    bool it_is = be_at > lo && bl_cue__is(c, be_at - 1, "it");
    bool to_that = cue_end < hi && (bl_cue__is(c, cue_end, "to") || bl_cue__is(c, cue_end, "that"));
    if (bl_cue__passive_vague_word(c, i) && (it_is || to_that)) {
      hit->cue_begin = it_is ? be_at - 1 : be_at;
      hit->cue_end = cue_end;
      hit->src_begin = hit->src_end = i;
      hit->cls = BL_CUE_SAY;
      hit->vague = true;
      return true;
    }
    return false;
  }
  if (w.form == BL_CF_ING && be_at == UINT32_MAX) return false; /* "officials saying" is a headline fragment */
  if (w.form == BL_CF_PAST && j > lo && bl_cue__is(c, j - 1, "as") && cue_end + 1 < hi &&
      (bl_cue__is(c, cue_end, "by") || bl_cue__is(c, cue_end, "in"))) {
    /* "As reported by the Ledger, ...", "as first reported in the Post" */
    uint32_t se = bl_cue__np_fwd(c, cue_end + 1, hi);
    if (se == cue_end + 1) return false;
    bl_cue__fill(c, hit, i, cue_end, cue_end + 1, se, w.cue);
    return hit->kind != BL_SRC_KIND_OTHER;
  }

  uint32_t e = j;
  if (e >= lo + 2 && (bl_word_lookup(c->s + c->tok[e - 2].start, c->tok[e - 2].end - c->tok[e - 2].start).cls & BL_W_DET) &&
      (bl_cue__is(c, e - 1, "first") || bl_cue__is(c, e - 1, "last") || bl_cue__is(c, e - 1, "only") ||
       bl_cue__is(c, e - 1, "most") || bl_cue__is(c, e - 1, "least") || bl_cue__is(c, e - 1, "second")))
    return false; /* "the first reported case": an adjective */
  bool near_quote = bl_cue__near_quote(c, lo, e, cue_end);
  if (question && !near_quote) return false; /* "What did he say?" attributes nothing */
  bool plural_noun = false;
  if ((w.cls & BL_W_NOUNLIKE) && w.form == BL_CF_PRES && !near_quote && cue_end < hi) {
    /* "security fears at center stage", "in most states": a plural noun unless an object follows
     * or a document or pronoun is the subject ("a poll shows", checked below) */
    BlWord nw = bl_cue__word(c, cue_end);
    bool object = bl_cue__is(c, cue_end, "that") || (nw.cls & (BL_W_DET | BL_W_PRON | BL_W_QUANT)) ||
                  bl_cue__punct(c, cue_end, ":") || bl_cue__punct(c, cue_end, ",");
    plural_noun = !object;
  }
  bool after_quote = e > lo && bl_cue__quote_mark(c, e - 1);
  bool after_dash = e > lo && c->tok[e - 1].kind == BL_TOK_PUNCT &&
                    (bl_cue__is(c, e - 1, "\xE2\x80\x94") || bl_cue__is(c, e - 1, "\xE2\x80\x93") || bl_cue__is(c, e - 1, "--"));
  bool after_comma = e > lo && (bl_cue__punct(c, e - 1, ",") || after_dash);
  bool weak_ok = !(w.flags & BL_CUEF_WEAK) || near_quote || bl_cue__complement(c, cue_end, hi);
  uint32_t sb = e, se = e;
  if (w.form == BL_CF_BASE && (e == lo || after_quote || after_comma)) return false; /* a base form needs its subject */
  if (e == lo || after_quote || after_comma) {
    /* inverted: "…,” said Smith" / ", says the report" */
    bool may_invert = w.cue == BL_CUE_SAY && (w.form == BL_CF_PAST || w.form == BL_CF_PRES) &&
                      !bl_cue__is(c, i, "told") && !bl_cue__is(c, i, "tells");
    if (may_invert && cue_end < hi) {
      BlWord nw = bl_cue__word(c, cue_end);
      const BlToken *nt = &c->tok[cue_end];
      /* "said Smith", "said Will Doyle", "said the mayor", "said spokesman John Kirby", "said former
       * governor Howard Dean" */
      bool cap = (nt->flags & BL_TF_CAP) != 0;
      bool np_start = nt->kind == BL_TOK_WORD && !bl_cue__is(c, cue_end, "it") &&
                      (cap ? !(nw.cls & (BL_W_CLAUSE | BL_W_TIME)) || (nw.cls & (BL_W_DET | BL_W_PRON))
                           : !(nw.cls & (BL_W_CLAUSE | BL_W_TIME | BL_W_PREP | BL_W_CUE | BL_W_BE | BL_W_AUX |
                                         BL_W_VERBAL | BL_W_VAGUE_ADV)) &&
                                 !bl_cue__ly_adverb(c, cue_end, nw) &&
                                 ((nw.cls & (BL_W_DET | BL_W_QUANT | BL_W_PRON | BL_W_PERSON_DESC | BL_W_ANON)) ||
                                  bl_cue__is(c, cue_end, "former")));
      if (np_start) {
        uint32_t fe = bl_cue__np_fwd(c, cue_end, hi);
        /* the source ends the clause: "said Smith." / "said Smith, the ..." / "said Smith on Monday" */
        bool ends = fe >= hi || c->tok[fe].kind == BL_TOK_PUNCT ||
                    (bl_cue__word(c, fe).cls & (BL_W_PREP | BL_W_TIME | BL_W_CLAUSE));
        if (!ends && c->tok[fe].kind == BL_TOK_WORD && !(c->tok[fe].flags & BL_TF_CAP)) {
          /* a participle after the name: "said the base chief known as Bob" */
          size_t fl = c->tok[fe].end - c->tok[fe].start;
          const char *fp = c->s + c->tok[fe].start;
          ends = fl > 3 && ((fp[fl - 2] == 'e' && fp[fl - 1] == 'd') || (fp[fl - 2] == 'w' && fp[fl - 1] == 'n'));
        }
        if ((nw.cls & BL_W_PRON) && fe != cue_end + 1) ends = false; /* "says he made": a clause, not "said he" */
        if (fe > cue_end && ends) {
          bl_cue__fill(c, hit, i, cue_end, cue_end, fe, w.cue);
          hit->inverted = true;
          return true;
        }
      }
    }
    if (!weak_ok) return false;
    if (after_comma && e - 1 > lo) {
      /* "Smith, a spokesman for the agency, said" / "The company, which is based in Ohio, said" */
      /* the same separator opens the appositive: a comma, or a dash ("Jason Sims — a teacher — says") */
      uint32_t c1 = e - 1, p = c1, lim = c1 > lo + 30 ? c1 - 30 : lo;
      const BlToken *sep = &c->tok[c1];
      while (p > lim && !(c->tok[p - 1].kind == BL_TOK_PUNCT && !bl_cue__punct(c, p - 1, ".") &&
                          !bl_cue__punct(c, p - 1, "(") && !bl_cue__punct(c, p - 1, ")") && !bl_cue__punct(c, p - 1, "-")))
        p--;
      bool same = p > lo && c->tok[p - 1].end - c->tok[p - 1].start == sep->end - sep->start &&
                  memcmp(c->s + c->tok[p - 1].start, c->s + sep->start, sep->end - sep->start) == 0;
      if (p > lo && p - 1 >= lim && same && p < c1) {
        uint32_t comma = p - 1;
        uint32_t b2 = bl_cue__np_back(c, comma, lo);
        if (b2 < comma) {
          sb = b2;
          se = (bl_cue__word(c, p).cls & BL_W_CLAUSE) ? comma : c1;
        }
      }
      if (sb >= se && c->tok[c1 - 1].kind != BL_TOK_PUNCT) { /* "Gov. John Kasich (R-OH), said" */
        sb = bl_cue__np_back(c, c1, lo);
        se = c1;
        if (sb < se && (c->tok[sb].flags & BL_TF_CAP) == 0 && !(bl_cue__word(c, sb).cls & (BL_W_DET | BL_W_QUANT)))
          sb = se;
      }
    }
    if (sb >= se) return false;
  } else if (c->tok[e - 1].kind == BL_TOK_WORD && (bl_cue__is(c, e - 1, "and") || bl_cue__is(c, e - 1, "but"))) {
    /* "Lazar said he welcomed it and added": the clause's subject */
    if (!weak_ok) return false;
    if (!bl_cue__clause_subject(c, lo, e - 1, &sb, &se) || se > e - 1) return false;
  } else {
    if (!weak_ok) return false;
    sb = bl_cue__np_back(c, e, lo);
    if (sb < e) {
      se = e;
      /* a relative clause: "an official who was briefed on the event told" */
      if (sb > lo) {
        uint32_t r = sb - 1;
        /* "who was briefed", "that has been": back over the relative clause's auxiliaries */
        while (r > lo && c->tok[r].kind == BL_TOK_WORD &&
               ((bl_cue__word(c, r).cls & (BL_W_BE | BL_W_VERBAL)) || bl_cue__negative(c, r, bl_cue__word(c, r))))
          r--;
        BlWord fw = bl_cue__word(c, r + 1 < sb ? r + 1 : sb);
        bool rel = bl_cue__is(c, r, "who") || bl_cue__is(c, r, "which") || bl_cue__is(c, r, "whose") ||
                   (bl_cue__is(c, r, "that") && (fw.cls & (BL_W_BE | BL_W_AUX | BL_W_VERBAL | BL_W_CUE)) &&
                    !(fw.cls & BL_W_PRON));
        if (rel) {
          uint32_t b2 = bl_cue__np_back(c, r, lo);
          if (b2 < r) {
            sb = b2;
            se = r;
          }
        }
      }
    }
    if (sb >= se) return false;
  }
  bl_cue__fill(c, hit, i, cue_end, sb, se, w.cue);
  if (plural_noun && hit->kind != BL_SRC_KIND_DOCUMENT && hit->kind != BL_SRC_KIND_OUTLET &&
      hit->kind != BL_SRC_KIND_PRONOUN)
    return false;
  bool one = se - sb == 1;
  if (w.cue == BL_CUE_THINK) {
    if (one && (bl_cue__is(c, sb, "it") || bl_cue__is(c, sb, "this") || bl_cue__is(c, sb, "that") ||
                bl_cue__is(c, sb, "there")))
      return false;
    if (hit->kind == BL_SRC_KIND_DOCUMENT) return false;
  } else if (w.cue == BL_CUE_SHOW) {
    bool that = cue_end < hi && (bl_cue__is(c, cue_end, "that") || bl_cue__punct(c, cue_end, ":"));
    bool doc = hit->kind == BL_SRC_KIND_DOCUMENT || hit->kind == BL_SRC_KIND_OUTLET || hit->kind == BL_SRC_KIND_VAGUE;
    if (!that && !doc && !near_quote) return false;
  }
  if (one && (bl_cue__is(c, sb, "there") || bl_cue__is(c, sb, "this") || bl_cue__is(c, sb, "that"))) return false;
  /* "I think", "we know", "you want": outside quotation marks that is the writer, or anyone */
  if (one && !near_quote && (bl_cue__is(c, sb, "i") || bl_cue__is(c, sb, "we") || bl_cue__is(c, sb, "you")))
    return false;
  return true;
}

uint32_t bl_cue_next(const BlAnalysis *an, uint32_t from, uint32_t to, const uint8_t *skip)
{
  bl_cue__ready();
  const BlToken *tok = an->tokens.tokens.items;
  for (uint32_t k = from; k < to; k++) {
    if (tok[k].kind != BL_TOK_WORD || (skip && skip[k])) continue;
    if (bl_cue__maybe_trigger(an->text + tok[k].start, tok[k].end - tok[k].start)) return k;
  }
  return to;
}

bool bl_cue_at(const BlAnalysis *an, uint32_t i, uint32_t lo, uint32_t hi, const uint8_t *skip, BlCueHit *hit)
{
  const BlToken *ti = &an->tokens.tokens.items[i];
  if (i < lo || i >= hi || ti->kind != BL_TOK_WORD) return false;
  bl_cue__ready();
  if (!bl_cue__maybe_trigger(an->text + ti->start, ti->end - ti->start)) return false; /* nearly every word */
  BlCueMemo memo;
  memset(memo.tag, 0, sizeof memo.tag);
  BlCueCtx cx = {an, an->tokens.tokens.items, an->text, skip, &memo};
  const BlCueCtx *c = &cx;
  memset(hit, 0, sizeof *hit);
  hit->entity = -1;
  BlWord w = bl_cue__word(c, i);
  if (!w.cls) return false;

  if (w.cls & BL_W_ACCORDING) { /* according to X */
    if (i + 2 >= hi || !bl_cue__is(c, i + 1, "to")) return false;
    uint32_t se = bl_cue__np_fwd(c, i + 2, hi);
    if (se == i + 2) return false;
    bl_cue__fill(c, hit, i, i + 2, i + 2, se, BL_CUE_SAY);
    return true;
  }
  if (w.cls & BL_W_VAGUE_ADV) { /* reportedly, allegedly */
    hit->cue_begin = i;
    hit->cue_end = i + 1;
    hit->src_begin = hit->src_end = i;
    hit->cls = BL_CUE_SAY;
    hit->vague = true;
    return true;
  }
  if (w.cls & BL_W_MEDIUM_PREP) return bl_cue__medium(c, i, lo, hi, hit);
  if (!(w.cls & BL_W_CUE)) return false;
  if (!bl_cue__cap_ok(c, i, lo)) return false;

  /* a noun or an adjective, not a verb: "the report", "his claims", "an estimated 4,000", "to say";
   * but "went on to say" is the verb of the subject before "went" */
  uint32_t vstart = i; /* where the verb group starts, for the walk back */
  if (i > lo) {
    BlWord pw = bl_cue__word(c, i - 1);
    if ((pw.cls & BL_W_DET) && !(pw.cls & BL_W_PRON)) return false;
    if (bl_cue__possessive(c, i - 1) && w.form != BL_CF_PAST) return false;
    if (bl_cue__is(c, i - 1, "to")) {
      if (!(i >= lo + 3 && bl_cue__is(c, i - 2, "on") &&
            (bl_cue__is(c, i - 3, "went") || bl_cue__is(c, i - 3, "goes") || bl_cue__is(c, i - 3, "go"))))
        return false;
      vstart = i - 3;
    }
  }
  if (i + 1 < hi) { /* "Report Says", "the claims said": a noun, the subject of the verb after it */
    BlWord nw = bl_cue__word(c, i + 1);
    if ((nw.cls & BL_W_CUE) && (nw.form == BL_CF_PRES || nw.form == BL_CF_PAST) && w.form != BL_CF_PAST) return false;
  }
  uint32_t cue_end = i + 1;
  if (w.flags & BL_CUEF_PARTICLE) { /* "pointed out", "called for", "called it" */
    if (cue_end >= hi) return false;
    if (bl_cue__is(c, i, "point") || bl_cue__is(c, i, "points") || bl_cue__is(c, i, "pointed") ||
        bl_cue__is(c, i, "pointing")) {
      if (!bl_cue__is(c, cue_end, "out")) return false;
      cue_end++;
    } else if (bl_cue__is(c, i, "put") || bl_cue__is(c, i, "puts") || bl_cue__is(c, i, "putting")) {
      if (!bl_cue__is(c, cue_end, "it")) return false; /* "as Smith put it" */
      cue_end++;
    } else if (bl_cue__is(c, cue_end, "for") || bl_cue__is(c, cue_end, "on")) {
      cue_end++;
    } else if (!(bl_cue__is(c, cue_end, "it") || bl_cue__is(c, cue_end, "him") || bl_cue__is(c, cue_end, "her") ||
                 bl_cue__is(c, cue_end, "them") || bl_cue__is(c, cue_end, "this"))) {
      /* "called the plan “reckless”": a quote right after the object */
      bool quote = false;
      for (uint32_t k = cue_end; k < hi && k < cue_end + 5 && !quote; k++)
        quote = c->skip ? c->skip[k] != 0 : bl_cue__quote_mark(c, k);
      if (!quote) return false;
    }
  }
  bool question = hi > lo && bl_cue__punct(c, hi - 1, "?");

  if (w.form == BL_CF_ING && i > lo) {
    /* "..., saying the plan would fail", "by saying": the subject is the clause's */
    bool participle = bl_cue__punct(c, i - 1, ",") || bl_cue__is(c, i - 1, "while") ||
                      bl_cue__is(c, i - 1, "after") || bl_cue__is(c, i - 1, "before") ||
                      (bl_cue__is(c, i - 1, "by") && bl_cue__near_quote(c, lo, i, cue_end));
    if (participle) {
      if ((w.flags & BL_CUEF_WEAK) && !bl_cue__complement(c, cue_end, hi) && !bl_cue__near_quote(c, lo, i, cue_end))
        return false;
      if (question && !bl_cue__near_quote(c, lo, i, cue_end)) return false;
      uint32_t sb, se;
      if (!bl_cue__clause_subject(c, lo, i - 1, &sb, &se) || se > i - 1) return false;
      bl_cue__fill(c, hit, i, cue_end, sb, se, w.cue);
      return hit->kind != BL_SRC_KIND_OTHER || w.cue == BL_CUE_SAY;
    }
  }

  return bl_cue__verb(c, i, cue_end, vstart, lo, hi, w, question, hit);
}

bool bl_cue_unknown_verb(const BlAnalysis *an, uint32_t i, uint32_t lo, uint32_t hi, const uint8_t *skip,
                         BlCueHit *hit)
{
  const BlToken *t = &an->tokens.tokens.items[i];
  if (i <= lo || i >= hi || t->kind != BL_TOK_WORD || (t->flags & BL_TF_CAP)) return false;
  BlCueMemo memo;
  memset(memo.tag, 0, sizeof memo.tag);
  BlCueCtx cx = {an, an->tokens.tokens.items, an->text, skip, &memo};
  const BlCueCtx *c = &cx;
  bool colon = i + 1 < hi && bl_cue__punct(c, i + 1, ":");
  /* "…,” Oliver barked." / "…,” she fumed on Tuesday.": right after a quote, ending its clause */
  bool after_quote = lo > 0 && bl_cue__quote_mark(c, lo - 1) && i <= lo + 4 &&
                     (i + 1 >= hi || c->tok[i + 1].kind == BL_TOK_PUNCT ||
                      (bl_cue__word(c, i + 1).cls & (BL_W_TIME | BL_W_PREP)));
  if (!colon && !after_quote) return false;
  BlWord lw = bl_cue__word(c, i);
  if (lw.cls & (BL_W_FUNC | BL_W_PREP | BL_W_CLAUSE | BL_W_DET | BL_W_TIME | BL_W_DOC | BL_W_MEDIUM)) return false;
  if (lw.cls & BL_W_CUE) return false; /* a known cue: bl_cue_at reads it */
  size_t n = t->end - t->start;
  const char *p = an->text + t->start;
  bool past = n > 3 && p[n - 2] == 'e' && p[n - 1] == 'd';
  bool pres = n > 3 && p[n - 1] == 's' && p[n - 2] != 's';
  if (!past && !pres) return false;
  memset(hit, 0, sizeof *hit);
  hit->entity = -1;
  BlWord w = {BL_W_CUE, BL_CUE_SAY, (uint8_t)(past ? BL_CF_PAST : BL_CF_PRES), 0};
  return bl_cue__verb(c, i, i + 1, i, lo, hi, w, false, hit);
}

/* ---------------------------------------------------------------- quote mask */

uint8_t *bl_quote_token_mask(const BlAnalysis *an, const BlQuote *q, size_t nq)
{
  size_t n = an->tokens.tokens.len;
  uint8_t *m = bl_calloc(n ? n : 1, 1);
  const BlToken *t = an->tokens.tokens.items;
  size_t j = 0;
  for (size_t i = 0; i < nq; i++) {
    /* quotes are sorted: gallop forward from the last position instead of searching the whole
     * token array, which keeps the walk in cache */
    size_t step = 1, lo = j, hi = j;
    while (hi < n && t[hi].start < q[i].span.start) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    if (hi > n) hi = n;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (t[mid].start < q[i].span.start) lo = mid + 1;
      else hi = mid;
    }
    for (j = lo; j < n && t[j].start < q[i].span.end; j++) m[j] = 1;
  }
  return m;
}
