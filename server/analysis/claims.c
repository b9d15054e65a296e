/* claims.c: check-worthiness of sentences (see claims.h): does a sentence state a checkable
 * fact — a figure, a named actor doing something, an event, a comparison — or is it opinion, a
 * question, a greeting or transition, a heading, the writer's framing?
 *
 * A transparent linear scorer, no model file: each sentence gets features from its tokens (and
 * from the entities, when the recognizers found some), each present feature adds its weight
 * (the table bl_claims__w below), and the sentence is a claim when the sum is >= 0 (the bias
 * holds the threshold). claim_score is that sum; claim_reasons says which kinds of fact the
 * sentence states (set whether or not it is a claim, so "why not" can be shown too).
 * Questions and headings are never claims, whatever their features.
 *
 * Cost: one pass over each sentence's tokens; a word is looked up (lowercased, ASCII only, at
 * most BL_CLAIMS__MAXLEN bytes) in an open-addressing hash of a word list compiled in below,
 * whose index is built once per process under pthread_once, as numbers.c does. Nothing is
 * allocated. docs/attribution.md ("Check-worthy claims") describes the features for users. */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "analyze.h"

/* ---------------------------------------------------------------- word classes */

/* Word classes (a word may have several); macros, as the top bit is past the range of an enum. */
#define CW_EVENT (1u << 0)        /* an event verb: hacked, discovered, agreed, spent, launched, voted */
#define CW_CHANGE (1u << 1)       /* a change, also a comparison: rose, fell, doubled, cut, increased */
#define CW_PASTAUX (1u << 2)      /* weak past-tense marker: was, were, had, did, ago */
#define CW_SPEECH (1u << 3)       /* a reporting verb: said, told, announced (an actor did something) */
#define CW_OPINION (1u << 4)      /* belief or wish: think, believe, hope, want, feel */
#define CW_DEONTIC (1u << 5)      /* should, must, ought, need */
#define CW_HYPO (1u << 6)         /* would, could, might, may */
#define CW_CAN (1u << 7)          /* can, can't */
#define CW_FUTURE (1u << 8)       /* will, 'll, gonna */
#define CW_PRON1 (1u << 9)        /* I, we, my, our, us */
#define CW_PRON2 (1u << 10)       /* you, your */
#define CW_PRON3 (1u << 11)       /* he, she, they: an actor, though not a named one */
#define CW_GREET (1u << 12)       /* thank, welcome, hello, congratulations, applause */
#define CW_EVAL (1u << 13)        /* evaluative: great, terrible, tremendous, proud, excited */
#define CW_HEDGE (1u << 14)       /* maybe, perhaps, probably */
#define CW_SUPER (1u << 15)       /* superlative of a measure: largest, highest, deadliest, record */
#define CW_THAN (1u << 16)        /* than */
#define CW_MULT (1u << 17)        /* twice, half, triple, times */
#define CW_SCALE (1u << 18)       /* a figure word: million, billion, percent, dozen */
#define CW_NUMWORD (1u << 19)     /* two .. ninety */
#define CW_MONTH (1u << 20)       /* January .. December (capitalized), Monday .. Sunday */
#define CW_INST (1u << 21)        /* an institution named by a common noun: government, police, company */
#define CW_NOT_ED (1u << 22)      /* ends in -ed but is not a past tense: need, hundred, indeed */
#define CW_IF (1u << 23)          /* if, unless: a hypothetical */
#define CW_LET (1u << 24)         /* let, let's: "let me tell you" */
#define CW_HAVE (1u << 25)        /* have, has, got: "have to", "got to" */
#define CW_GOOD (1u << 26)        /* good: "good evening" */
#define CW_PARTDAY (1u << 27)     /* morning, afternoon, evening, night */
#define CW_NOT_THAN (1u << 28)    /* rather, other: "rather than" is no comparison */
#define CW_GOING (1u << 29)       /* going: "going to" */
#define CW_DISC (1u << 30)        /* yes, okay, sorry: a greeting only in a short sentence ("Yes, sir.") */
#define CW_DET (1u << 31)         /* determiner or preposition: an -ed word after it is an adjective
                                   * ("the proposed plan", "on fixed incomes"), a verb a noun ("the cost") */

typedef struct BlClaimWord {
  const char *word; /* lowercase ASCII; an apostrophe is written ' */
  uint32_t cls;     /* CW_* */
} BlClaimWord;

/* Each word once (the first entry wins); a word may carry several classes. */
static const BlClaimWord bl_claims__words[] = {
    /* events: what an actor did; past tense of verbs of news (regular -ed verbs are also found
     * by their ending, with a smaller weight: listing one here makes it count fully) */
    {"accused", CW_EVENT}, {"acquired", CW_EVENT}, {"adopted", CW_EVENT}, {"agreed", CW_EVENT},
    {"allocated", CW_EVENT}, {"appointed", CW_EVENT}, {"approved", CW_EVENT}, {"arrested", CW_EVENT},
    {"attacked", CW_EVENT}, {"awarded", CW_EVENT}, {"banned", CW_EVENT}, {"barred", CW_EVENT},
    {"beat", CW_EVENT}, {"began", CW_EVENT}, {"blocked", CW_EVENT}, {"bombed", CW_EVENT},
    {"borrowed", CW_EVENT}, {"bought", CW_EVENT}, {"broke", CW_EVENT}, {"brought", CW_EVENT},
    {"built", CW_EVENT}, {"canceled", CW_EVENT}, {"cancelled", CW_EVENT}, {"captured", CW_EVENT},
    {"caused", CW_EVENT}, {"charged", CW_EVENT}, {"chose", CW_EVENT}, {"closed", CW_EVENT},
    {"collapsed", CW_EVENT}, {"completed", CW_EVENT}, {"confirmed", CW_EVENT}, {"convicted", CW_EVENT},
    {"created", CW_EVENT}, {"crashed", CW_EVENT}, {"damaged", CW_EVENT}, {"defeated", CW_EVENT},
    {"delayed", CW_EVENT}, {"delivered", CW_EVENT}, {"deployed", CW_EVENT}, {"destroyed", CW_EVENT},
    {"detained", CW_EVENT}, {"died", CW_EVENT}, {"discovered", CW_EVENT}, {"dismissed", CW_EVENT},
    {"earned", CW_EVENT}, {"elected", CW_EVENT}, {"eliminated", CW_EVENT}, {"enacted", CW_EVENT},
    {"endorsed", CW_EVENT}, {"evacuated", CW_EVENT}, {"expelled", CW_EVENT}, {"failed", CW_EVENT},
    {"filed", CW_EVENT}, {"fined", CW_EVENT}, {"fired", CW_EVENT}, {"fled", CW_EVENT},
    {"fought", CW_EVENT}, {"found", CW_EVENT}, {"founded", CW_EVENT}, {"froze", CW_EVENT},
    {"funded", CW_EVENT}, {"gave", CW_EVENT}, {"hacked", CW_EVENT}, {"held", CW_EVENT},
    {"hired", CW_EVENT}, {"imposed", CW_EVENT}, {"indicted", CW_EVENT}, {"injured", CW_EVENT},
    {"introduced", CW_EVENT}, {"invaded", CW_EVENT}, {"invested", CW_EVENT}, {"issued", CW_EVENT},
    {"jailed", CW_EVENT}, {"joined", CW_EVENT}, {"killed", CW_EVENT}, {"launched", CW_EVENT},
    {"led", CW_EVENT}, {"lent", CW_EVENT}, {"lost", CW_EVENT}, {"made", CW_EVENT},
    {"merged", CW_EVENT}, {"met", CW_EVENT}, {"nominated", CW_EVENT}, {"opened", CW_EVENT},
    {"opposed", CW_EVENT}, {"ordered", CW_EVENT}, {"overturned", CW_EVENT}, {"owned", CW_EVENT},
    {"paid", CW_EVENT}, {"passed", CW_EVENT}, {"pledged", CW_EVENT}, {"produced", CW_EVENT},
    {"prosecuted", CW_EVENT}, {"published", CW_EVENT}, {"purchased", CW_EVENT}, {"quit", CW_EVENT},
    {"ranked", CW_EVENT}, {"reached", CW_EVENT}, {"received", CW_EVENT}, {"refused", CW_EVENT},
    {"rejected", CW_EVENT}, {"released", CW_EVENT}, {"removed", CW_EVENT}, {"repealed", CW_EVENT},
    {"replaced", CW_EVENT}, {"resigned", CW_EVENT}, {"retired", CW_EVENT}, {"revealed", CW_EVENT},
    {"ruled", CW_EVENT}, {"sanctioned", CW_EVENT}, {"seized", CW_EVENT}, {"sent", CW_EVENT},
    {"sentenced", CW_EVENT}, {"settled", CW_EVENT}, {"shot", CW_EVENT}, {"shut", CW_EVENT},
    {"signed", CW_EVENT}, {"sold", CW_EVENT}, {"spent", CW_EVENT}, {"sponsored", CW_EVENT},
    {"stole", CW_EVENT}, {"struck", CW_EVENT}, {"sued", CW_EVENT}, {"supported", CW_EVENT},
    {"suspended", CW_EVENT}, {"took", CW_EVENT}, {"totaled", CW_EVENT}, {"totalled", CW_EVENT},
    {"vetoed", CW_EVENT}, {"voted", CW_EVENT}, {"won", CW_EVENT}, {"wrote", CW_SPEECH},
    {"taken", CW_EVENT}, {"given", CW_EVENT}, {"broken", CW_EVENT}, {"written", CW_EVENT},
    {"begun", CW_EVENT}, {"chosen", CW_EVENT}, {"shown", CW_EVENT}, {"costs", CW_EVENT},
    {"cost", CW_EVENT}, {"spend", CW_EVENT}, {"spends", CW_EVENT},
    {"employs", CW_EVENT}, {"owns", CW_EVENT}, {"totals", CW_EVENT},
    /* changes: events that are also comparisons */
    {"rose", CW_CHANGE}, {"risen", CW_CHANGE}, {"rises", CW_CHANGE}, {"fell", CW_CHANGE},
    {"fallen", CW_CHANGE}, {"falls", CW_CHANGE}, {"grew", CW_CHANGE}, {"grown", CW_CHANGE},
    {"grows", CW_CHANGE}, {"doubled", CW_CHANGE}, {"tripled", CW_CHANGE}, {"quadrupled", CW_CHANGE},
    {"halved", CW_CHANGE}, {"increased", CW_CHANGE}, {"decreased", CW_CHANGE}, {"declined", CW_CHANGE},
    {"dropped", CW_CHANGE}, {"jumped", CW_CHANGE}, {"surged", CW_CHANGE}, {"soared", CW_CHANGE},
    {"plunged", CW_CHANGE}, {"plummeted", CW_CHANGE}, {"climbed", CW_CHANGE}, {"slashed", CW_CHANGE},
    {"cut", CW_CHANGE}, {"cuts", CW_CHANGE}, {"raised", CW_CHANGE}, {"lowered", CW_CHANGE},
    {"reduced", CW_CHANGE}, {"expanded", CW_CHANGE}, {"shrank", CW_CHANGE}, {"gained", CW_CHANGE},
    {"exceeded", CW_CHANGE}, {"surpassed", CW_CHANGE}, {"outnumber", CW_CHANGE},
    {"outnumbered", CW_CHANGE}, {"outnumbers", CW_CHANGE}, {"exceeds", CW_CHANGE}, {"increases", CW_CHANGE},
    {"decreases", CW_CHANGE}, {"doubles", CW_CHANGE}, {"declines", CW_CHANGE}, {"drops", CW_CHANGE},
    {"jumps", CW_CHANGE}, {"surges", CW_CHANGE}, {"climbs", CW_CHANGE}, {"plunges", CW_CHANGE},
    /* weak past-tense markers */
    {"was", CW_PASTAUX}, {"were", CW_PASTAUX}, {"had", CW_PASTAUX}, {"did", CW_PASTAUX},
    {"ago", CW_PASTAUX}, {"became", CW_PASTAUX}, {"came", CW_PASTAUX}, {"went", CW_PASTAUX},
    {"since", CW_PASTAUX}, {"wasn't", CW_PASTAUX}, {"weren't", CW_PASTAUX}, {"didn't", CW_PASTAUX},
    {"hadn't", CW_PASTAUX}, {"yesterday", CW_PASTAUX}, {"last", CW_PASTAUX}, {"been", CW_PASTAUX},
    {"gone", CW_PASTAUX}, {"done", CW_PASTAUX}, {"seen", CW_PASTAUX}, {"known", CW_PASTAUX},
    /* reporting */
    {"said", CW_SPEECH}, {"says", CW_SPEECH}, {"told", CW_SPEECH}, {"stated", CW_SPEECH},
    {"added", CW_SPEECH}, {"noted", CW_SPEECH}, {"explained", CW_SPEECH}, {"asked", CW_SPEECH},
    {"announced", CW_SPEECH | CW_EVENT}, {"reported", CW_SPEECH}, {"testified", CW_SPEECH},
    {"claimed", CW_SPEECH}, {"argued", CW_SPEECH}, {"insisted", CW_SPEECH}, {"warned", CW_SPEECH},
    {"acknowledged", CW_SPEECH}, {"admitted", CW_SPEECH | CW_EVENT}, {"declared", CW_SPEECH | CW_EVENT},
    {"denied", CW_SPEECH | CW_EVENT}, {"according", CW_SPEECH},
    /* belief, wish, feeling */
    {"think", CW_OPINION}, {"thinks", CW_OPINION}, {"thought", CW_OPINION}, {"believe", CW_OPINION},
    {"believes", CW_OPINION}, {"feel", CW_OPINION}, {"feels", CW_OPINION}, {"hope", CW_OPINION},
    {"hopes", CW_OPINION}, {"hopefully", CW_OPINION}, {"guess", CW_OPINION}, {"suppose", CW_OPINION},
    {"wish", CW_OPINION}, {"want", CW_OPINION}, {"wants", CW_OPINION}, {"love", CW_OPINION},
    {"hate", CW_OPINION}, {"doubt", CW_OPINION}, {"imagine", CW_OPINION}, {"seem", CW_OPINION},
    {"seems", CW_OPINION}, {"opinion", CW_OPINION}, {"frankly", CW_OPINION}, {"honestly", CW_OPINION},
    {"i'm", CW_PRON1}, {"i've", CW_PRON1}, {"i'd", CW_PRON1 | CW_HYPO}, {"i'll", CW_PRON1 | CW_FUTURE},
    /* obligation, possibility, future */
    {"should", CW_DEONTIC}, {"shouldn't", CW_DEONTIC}, {"must", CW_DEONTIC}, {"mustn't", CW_DEONTIC},
    {"ought", CW_DEONTIC}, {"need", CW_DEONTIC | CW_NOT_ED}, {"needs", CW_DEONTIC}, {"gotta", CW_DEONTIC},
    {"shall", CW_DEONTIC}, {"would", CW_HYPO}, {"wouldn't", CW_HYPO}, {"could", CW_HYPO},
    {"couldn't", CW_HYPO}, {"might", CW_HYPO}, {"may", CW_HYPO}, {"can", CW_CAN}, {"can't", CW_CAN},
    {"cannot", CW_CAN}, {"will", CW_FUTURE}, {"won't", CW_FUTURE}, {"gonna", CW_FUTURE},
    {"going", CW_GOING}, {"we'll", CW_PRON1 | CW_FUTURE}, {"you'll", CW_PRON2 | CW_FUTURE},
    {"they'll", CW_PRON3 | CW_FUTURE}, {"he'll", CW_PRON3 | CW_FUTURE}, {"she'll", CW_PRON3 | CW_FUTURE},
    {"it'll", CW_FUTURE}, {"that'll", CW_FUTURE}, {"we'd", CW_PRON1 | CW_HYPO}, {"you'd", CW_PRON2 | CW_HYPO},
    {"they'd", CW_PRON3 | CW_HYPO},
    /* persons */
    {"i", CW_PRON1}, {"me", CW_PRON1}, {"my", CW_PRON1 | CW_DET}, {"myself", CW_PRON1}, {"we", CW_PRON1},
    {"we're", CW_PRON1}, {"we've", CW_PRON1}, {"us", CW_PRON1}, {"our", CW_PRON1 | CW_DET}, {"ours", CW_PRON1},
    {"ourselves", CW_PRON1}, {"you", CW_PRON2}, {"you're", CW_PRON2}, {"you've", CW_PRON2},
    {"your", CW_PRON2 | CW_DET}, {"yours", CW_PRON2}, {"yourself", CW_PRON2}, {"he", CW_PRON3}, {"she", CW_PRON3},
    {"they", CW_PRON3}, {"he's", CW_PRON3}, {"she's", CW_PRON3}, {"they're", CW_PRON3},
    {"they've", CW_PRON3},
    /* greetings, thanks, transcript noise */
    {"thank", CW_GREET}, {"thanks", CW_GREET}, {"welcome", CW_GREET}, {"hello", CW_GREET},
    {"hi", CW_GREET}, {"congratulations", CW_GREET}, {"goodbye", CW_GREET}, {"goodnight", CW_GREET},
    {"applause", CW_GREET}, {"laughter", CW_GREET}, {"crosstalk", CW_GREET}, {"inaudible", CW_GREET},
    {"okay", CW_DISC}, {"ok", CW_DISC}, {"yes", CW_DISC}, {"yeah", CW_DISC}, {"sorry", CW_DISC},
    {"please", CW_DISC}, {"excuse", CW_DISC}, {"pardon", CW_DISC}, {"no", CW_DISC}, {"right", CW_DISC},
    {"good", CW_GOOD},
    {"morning", CW_PARTDAY}, {"afternoon", CW_PARTDAY}, {"evening", CW_PARTDAY}, {"night", CW_PARTDAY},
    /* evaluation */
    {"great", CW_EVAL}, {"wonderful", CW_EVAL}, {"terrible", CW_EVAL}, {"horrible", CW_EVAL},
    {"tremendous", CW_EVAL}, {"incredible", CW_EVAL}, {"amazing", CW_EVAL}, {"beautiful", CW_EVAL},
    {"fantastic", CW_EVAL}, {"disaster", CW_EVAL}, {"disastrous", CW_EVAL}, {"disgrace", CW_EVAL},
    {"sad", CW_EVAL}, {"proud", CW_EVAL}, {"excited", CW_EVAL | CW_NOT_ED}, {"honored", CW_EVAL | CW_NOT_ED},
    {"honoured", CW_EVAL | CW_NOT_ED}, {"happy", CW_EVAL}, {"glad", CW_EVAL},
    {"pleased", CW_EVAL | CW_NOT_ED}, {"delighted", CW_EVAL | CW_NOT_ED}, {"thrilled", CW_EVAL | CW_NOT_ED},
    {"grateful", CW_EVAL}, {"nice", CW_EVAL}, {"ridiculous", CW_EVAL}, {"stupid", CW_EVAL},
    {"crazy", CW_EVAL}, {"absurd", CW_EVAL}, {"outrageous", CW_EVAL}, {"shameful", CW_EVAL},
    {"unbelievable", CW_EVAL}, {"phenomenal", CW_EVAL}, {"bad", CW_EVAL}, {"important", CW_EVAL},
    {"disappointed", CW_EVAL | CW_NOT_ED}, {"ashamed", CW_EVAL | CW_NOT_ED}, {"worried", CW_EVAL | CW_NOT_ED},
    {"concerned", CW_EVAL | CW_NOT_ED}, {"committed", CW_EVAL | CW_NOT_ED}, {"determined", CW_EVAL | CW_NOT_ED},
    {"convinced", CW_EVAL | CW_NOT_ED}, {"sure", CW_EVAL}, {"certainly", CW_HEDGE},
    /* hedges */
    {"maybe", CW_HEDGE}, {"perhaps", CW_HEDGE}, {"probably", CW_HEDGE}, {"possibly", CW_HEDGE},
    /* comparison */
    {"than", CW_THAN}, {"rather", CW_NOT_THAN}, {"other", CW_NOT_THAN}, {"twice", CW_MULT},
    {"half", CW_MULT | CW_SCALE}, {"triple", CW_MULT}, {"times", CW_MULT}, {"double", CW_MULT},
    /* superlatives of measure; "best", "worst", "greatest", "strongest" are left out: they grade
     * more often than they measure ("the best thing we can do") */
    {"largest", CW_SUPER}, {"biggest", CW_SUPER}, {"highest", CW_SUPER}, {"lowest", CW_SUPER},
    {"smallest", CW_SUPER}, {"fastest", CW_SUPER}, {"slowest", CW_SUPER},
    {"longest", CW_SUPER}, {"shortest", CW_SUPER}, {"oldest", CW_SUPER}, {"newest", CW_SUPER},
    {"youngest", CW_SUPER}, {"richest", CW_SUPER}, {"poorest", CW_SUPER},
    {"deadliest", CW_SUPER}, {"costliest", CW_SUPER}, {"busiest", CW_SUPER}, {"cheapest", CW_SUPER},
    {"wealthiest", CW_SUPER}, {"largest-ever", CW_SUPER}, {"fewest", CW_SUPER}, {"earliest", CW_SUPER},
    {"record", CW_SUPER}, {"all-time", CW_SUPER}, {"first-ever", CW_SUPER},
    /* figures in words */
    {"million", CW_SCALE}, {"millions", CW_SCALE}, {"billion", CW_SCALE}, {"billions", CW_SCALE},
    {"trillion", CW_SCALE}, {"trillions", CW_SCALE}, {"thousand", CW_SCALE}, {"thousands", CW_SCALE},
    {"hundred", CW_SCALE | CW_NOT_ED}, {"hundreds", CW_SCALE}, {"dozen", CW_SCALE}, {"dozens", CW_SCALE},
    {"percent", CW_SCALE}, {"pct", CW_SCALE}, {"bn", CW_SCALE}, {"mn", CW_SCALE}, {"crore", CW_SCALE},
    {"lakh", CW_SCALE}, {"two", CW_NUMWORD}, {"three", CW_NUMWORD}, {"four", CW_NUMWORD},
    {"five", CW_NUMWORD}, {"six", CW_NUMWORD}, {"seven", CW_NUMWORD}, {"eight", CW_NUMWORD},
    {"nine", CW_NUMWORD}, {"ten", CW_NUMWORD}, {"eleven", CW_NUMWORD}, {"twelve", CW_NUMWORD},
    {"fifteen", CW_NUMWORD}, {"twenty", CW_NUMWORD}, {"thirty", CW_NUMWORD}, {"forty", CW_NUMWORD},
    {"fifty", CW_NUMWORD}, {"sixty", CW_NUMWORD}, {"seventy", CW_NUMWORD}, {"eighty", CW_NUMWORD},
    {"ninety", CW_NUMWORD},
    /* dates (only when capitalized: "may" is a modal, "march" a verb) */
    {"january", CW_MONTH}, {"february", CW_MONTH}, {"march", CW_MONTH}, {"april", CW_MONTH},
    {"june", CW_MONTH}, {"july", CW_MONTH}, {"august", CW_MONTH}, {"september", CW_MONTH},
    {"october", CW_MONTH}, {"november", CW_MONTH}, {"december", CW_MONTH}, {"monday", CW_MONTH},
    {"tuesday", CW_MONTH}, {"wednesday", CW_MONTH}, {"thursday", CW_MONTH}, {"friday", CW_MONTH},
    {"saturday", CW_MONTH}, {"sunday", CW_MONTH},
    /* institutions named by a common noun */
    {"government", CW_INST}, {"administration", CW_INST}, {"officials", CW_INST}, {"police", CW_INST},
    {"company", CW_INST}, {"agency", CW_INST}, {"ministry", CW_INST}, {"department", CW_INST},
    {"court", CW_INST}, {"council", CW_INST}, {"board", CW_INST}, {"committee", CW_INST},
    {"regulators", CW_INST}, {"prosecutors", CW_INST}, {"lawmakers", CW_INST}, {"legislature", CW_INST},
    {"parliament", CW_INST}, {"congress", CW_INST}, {"senate", CW_INST}, {"military", CW_INST},
    {"investigators", CW_INST}, {"researchers", CW_INST}, {"authorities", CW_INST}, {"trust", CW_INST},
    {"union", CW_INST}, {"firm", CW_INST}, {"bank", CW_INST}, {"commission", CW_INST},
    /* -ed words that are no past tense */
    {"indeed", CW_NOT_ED}, {"speed", CW_NOT_ED}, {"proceed", CW_NOT_ED}, {"succeed", CW_NOT_ED},
    {"exceed", CW_NOT_ED}, {"feed", CW_NOT_ED}, {"seed", CW_NOT_ED}, {"breed", CW_NOT_ED},
    {"greed", CW_NOT_ED}, {"bleed", CW_NOT_ED}, {"aged", CW_NOT_ED}, {"deed", CW_NOT_ED}, {"weed", CW_NOT_ED},
    {"shed", CW_NOT_ED}, {"embed", CW_NOT_ED}, {"naked", CW_NOT_ED}, {"wicked", CW_NOT_ED},
    {"sacred", CW_NOT_ED}, {"beloved", CW_NOT_ED}, {"kindred", CW_NOT_ED}, {"infrared", CW_NOT_ED},
    {"interested", CW_NOT_ED}, {"tired", CW_NOT_ED}, {"supposed", CW_NOT_ED}, {"used", CW_NOT_ED},
    {"scared", CW_NOT_ED}, {"prepared", CW_NOT_ED}, {"qualified", CW_NOT_ED}, {"talented", CW_NOT_ED},
    {"united", CW_NOT_ED}, {"unprecedented", CW_NOT_ED},
    {"sophisticated", CW_NOT_ED}, {"complicated", CW_NOT_ED}, {"dedicated", CW_NOT_ED},
    {"alleged", CW_NOT_ED}, {"advanced", CW_NOT_ED}, {"limited", CW_NOT_ED},
    {"based", CW_NOT_ED}, {"red", CW_NOT_ED}, {"bed", CW_NOT_ED}, {"wed", CW_NOT_ED},
    {"unemployed", CW_NOT_ED}, {"uninsured", CW_NOT_ED}, {"armed", CW_NOT_ED}, {"skilled", CW_NOT_ED},
    /* determiners and prepositions */
    {"a", CW_DET}, {"an", CW_DET}, {"the", CW_DET}, {"this", CW_DET}, {"these", CW_DET},
    {"those", CW_DET}, {"its", CW_DET}, {"their", CW_DET}, {"his", CW_DET}, {"her", CW_DET},
    {"of", CW_DET}, {"on", CW_DET}, {"in", CW_DET}, {"for", CW_DET}, {"with", CW_DET}, {"by", CW_DET},
    {"from", CW_DET}, {"at", CW_DET}, {"some", CW_DET}, {"any", CW_DET}, {"every", CW_DET}, {"each", CW_DET},
    {"more", CW_DET}, {"most", CW_DET}, {"least", CW_DET}, {"very", CW_DET}, {"well", CW_DET}, {"newly", CW_DET},
    {"so-called", CW_DET | CW_NOT_ED},
    /* hypotheticals and framing */
    {"if", CW_IF}, {"unless", CW_IF}, {"let", CW_LET}, {"let's", CW_LET | CW_PRON1},
    {"have", CW_HAVE}, {"has", CW_HAVE}, {"got", CW_HAVE},
};

/* The index: open addressing over the words, each slot holding its word zero-padded to 16
 * bytes, so that a probe is two 8-byte compares. 2048 slots keep the load under 30%, so a
 * word that is not listed (most words) ends its probe after one or two slots. */
enum { BL_CLAIMS__SLOTS = 2048, BL_CLAIMS__MAXLEN = 15 };

typedef struct BlClaimSlot {
  uint64_t w[2]; /* the word, zero-padded; all zero when empty */
  uint32_t cls;
} BlClaimSlot;

static BlClaimSlot bl_claims__index[BL_CLAIMS__SLOTS];
static pthread_once_t bl_claims__once = PTHREAD_ONCE_INIT;

/* The home slot of a zero-padded word: one multiply-and-fold of its two 8-byte halves (the
 * bytes are hashed once, whole, rather than one at a time as they are lowercased). */
static inline uint32_t bl_claims__slot(uint64_t w0, uint64_t w1)
{
  uint64_t x = (w0 ^ (w1 * 0x9e3779b97f4a7c15ull)) * 0xbf58476d1ce4e5b9ull;
  return (uint32_t)(x >> 40) & (BL_CLAIMS__SLOTS - 1);
}

static void bl_claims__build(void)
{
  size_t count = sizeof bl_claims__words / sizeof bl_claims__words[0];
  _Static_assert(sizeof bl_claims__words / sizeof bl_claims__words[0] < BL_CLAIMS__SLOTS / 3,
                 "claim word index too small");
  for (size_t i = 0; i < count; i++) {
    const char *w = bl_claims__words[i].word;
    size_t n = strlen(w);
    assert(n > 0 && n <= BL_CLAIMS__MAXLEN);
    char pad[16] = {0};
    memcpy(pad, w, n);
    BlClaimSlot key;
    memcpy(key.w, pad, 16);
    uint32_t h = bl_claims__slot(key.w[0], key.w[1]);
    while (bl_claims__index[h].w[0]) {
      /* a word listed twice: the first entry wins */
      if (bl_claims__index[h].w[0] == key.w[0] && bl_claims__index[h].w[1] == key.w[1]) break;
      h = (h + 1) & (BL_CLAIMS__SLOTS - 1);
    }
    if (!bl_claims__index[h].w[0]) {
      key.cls = bl_claims__words[i].cls;
      bl_claims__index[h] = key;
    }
  }
}

/* The classes of the word s[0, n), looked up lowercased (a curly apostrophe read as '), and
 * its lowercase spelling in buf (NUL-terminated, *len bytes). A word that is too long or has
 * other non-ASCII bytes has no class and *len = 0. One pass lowercases; the hash reads the
 * padded result. */
static uint32_t bl_claims__lookup(const char *s, size_t n, char buf[16], size_t *len)
{
  uint64_t w[2] = {0, 0};
  char *out = (char *)w;
  size_t o = 0;
  *len = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (o == BL_CLAIMS__MAXLEN) return 0;
    if (c >= 0x80) {
      if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99) {
        c = '\'';
        i += 2;
      } else {
        return 0;
      }
    } else if (c >= 'A' && c <= 'Z') {
      c += 32;
    }
    out[o++] = (char)c;
  }
  memcpy(buf, w, 16);
  *len = o;
  if (o == 0) return 0;
  for (uint32_t h = bl_claims__slot(w[0], w[1]); bl_claims__index[h].w[0]; h = (h + 1) & (BL_CLAIMS__SLOTS - 1))
    if (bl_claims__index[h].w[0] == w[0] && bl_claims__index[h].w[1] == w[1]) return bl_claims__index[h].cls;
  return 0;
}

/* ---------------------------------------------------------------- features and weights */

typedef enum {
  CF_FIGURE,      /* a numeral, a currency or percent sign, a figure word, a money/number/percent entity */
  CF_FIGURE2,     /* a sum, a percent or a scaled figure ("$5,000", "12%", "3 million"), or a second figure */
  CF_NUMWORD,     /* a number in words ("three") and no other figure */
  CF_DATE,        /* a year, a month or weekday, a date entity */
  CF_NAME,        /* a proper name: a run of capitalized words, an acronym, a name entity */
  CF_INST,        /* an institution named by a common noun ("the government") */
  CF_EVENT,       /* an event verb from the list */
  CF_PAST_ED,     /* another -ed word (past tense or participle), when no listed event verb */
  CF_PASTAUX,     /* was, were, had, did, ago */
  CF_SPEECH,      /* said, told, announced */
  CF_ACTOR_EVENT, /* a name, an institution or he/she/they, and an event verb or a -ed word */
  CF_THAN,        /* "more than", "higher than" (not "rather than") */
  CF_SUPER,       /* a superlative of a measure ("the largest"), "record" */
  CF_CHANGE,      /* rose, fell, doubled, cut */
  CF_MULT,        /* twice, half, times */
  CF_NAMED_CMP,   /* a comparison or superlative and a name: "Spain has the longest rail network in Europe" */
  CF_OPINION,     /* think, believe, hope, want */
  CF_OPINION_1P,  /* ... with I/we as subject ("I think", "we want") */
  CF_DEONTIC,     /* should, must, need, have to */
  CF_HYPO,        /* would, could, might, may */
  CF_CAN,         /* can */
  CF_FUTURE,      /* will, going to */
  CF_PROMISE,     /* ... with I, we or you in the sentence: a promise or a plan, not a schedule */
  CF_EVAL,        /* great, terrible, proud */
  CF_HEDGE,       /* maybe, perhaps */
  CF_YOU,         /* you, your */
  CF_IF,          /* a hypothetical: if, unless */
  CF_LET,         /* "let me", "let's" */
  CF_GREET,       /* thanks, greetings, applause, "okay" */
  CF_EXCLAIM,     /* ends with "!" */
  CF_SHORT,       /* fewer than 5 words */
  CF_BIAS,        /* always present: the threshold */
  CF_COUNT
} BlClaimFeature;

/* The weights, in tenths; a sentence is a claim when the weights of its features sum to >= 0.
 * Set by hand from what the features mean (a figure, or a named actor doing something, is what
 * a fact-checker checks; an opinion, a plan or a promise is not). Those marked "dev" were then
 * moved after looking at one half of the ClaimBuster development set (feature by feature: how
 * often sentences with the feature are claims), and the bias so that few sentences of news copy
 * that state nothing checkable pass; docs/attribution.md has the figures. */
static const int8_t bl_claims__w[CF_COUNT] = {
    [CF_FIGURE] = 20,
    [CF_FIGURE2] = 8, /* dev: was 5 */
    [CF_NUMWORD] = 10,
    [CF_DATE] = 8,
    [CF_NAME] = 5, /* dev: was 8; a name alone says little ("Senator, excuse me.") */
    [CF_INST] = 4,
    [CF_EVENT] = 15,
    [CF_PAST_ED] = 8,
    [CF_PASTAUX] = 6, /* dev: was 3; past tense reports what happened */
    [CF_SPEECH] = 4,
    [CF_ACTOR_EVENT] = 5,
    [CF_THAN] = 15,  /* dev: was 12 */
    [CF_SUPER] = 12, /* dev: was 8, with "best", "worst", "greatest" taken out of the list */
    [CF_CHANGE] = 15,
    [CF_MULT] = 6,
    [CF_NAMED_CMP] = 8,
    [CF_OPINION] = -12,
    [CF_OPINION_1P] = -8,
    [CF_DEONTIC] = -12,
    [CF_HYPO] = -8,
    [CF_CAN] = -3,
    [CF_FUTURE] = -3,  /* was -7 for any "will": news copy states schedules ("will vote in May") */
    [CF_PROMISE] = -5, /* ... so the rest of it went to "I/we/you will" */
    [CF_EVAL] = -6,
    [CF_HEDGE] = -5,
    [CF_YOU] = -4,
    [CF_IF] = -6,
    [CF_LET] = -10,
    [CF_GREET] = -25,
    [CF_EXCLAIM] = -8,
    [CF_SHORT] = -10,
    [CF_BIAS] = -25, /* dev: was -20 */
};

/* Whether the punctuation token at t is a closing quote or bracket (skipped when looking for a
 * sentence's final mark). */
static bool bl_claims__closer(const char *text, const BlToken *t)
{
  const char *s = text + t->start;
  size_t n = t->end - t->start;
  if (n == 1) return s[0] == '"' || s[0] == '\'' || s[0] == ')' || s[0] == ']';
  /* ” ’ */
  return n == 3 && (uint8_t)s[0] == 0xE2 && (uint8_t)s[1] == 0x80 && ((uint8_t)s[2] == 0x9D || (uint8_t)s[2] == 0x99);
}

/* The final mark of a sentence: '.', '!', '?', or 0 when it ends without one (an ellipsis
 * counts as '.'). */
static char bl_claims__final_mark(const BlAnalysis *an, const BlSentence *s)
{
  for (uint32_t i = s->tok_end; i > s->tok_begin; i--) {
    const BlToken *t = &an->tokens.tokens.items[i - 1];
    if (t->kind != BL_TOK_PUNCT) return 0;
    if (bl_claims__closer(an->text, t)) continue;
    char c = an->text[t->start];
    if (c == '.' || c == '!' || c == '?') return c;
    if (t->end - t->start == 3 && (uint8_t)c == 0xE2 && (uint8_t)an->text[t->start + 1] == 0x80 &&
        (uint8_t)an->text[t->start + 2] == 0xA6)
      return '.'; /* … */
    return 0;
  }
  return 0;
}

/* Small words that stay lowercase in a title-case heading. */
static bool bl_claims__title_small(const char *w, size_t n)
{
  static const char *const small[] = {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to",
                                      "for", "by", "with", "from", "as", "vs", "is", "are", "its"};
  for (size_t i = 0; i < sizeof small / sizeof small[0]; i++)
    if (strlen(small[i]) == n && memcmp(small[i], w, n) == 0) return true;
  return false;
}

/* A heading: what article.c calls one (a Markdown heading, the headline, a section heading
 * such as "Key Facts"), a comment block, or a longer one-line block of one sentence with no
 * final mark in title case (a "Further Reading" title: "Desalination Costs Triple at Port
 * Ardent Plant (The Ledger)"). */
static bool bl_claims__is_heading(const BlAnalysis *an, size_t si, const BlSentence *s)
{
  if (s->block >= an->article.blocks.len) return false;
  const BlBlock *b = &an->article.blocks.items[s->block];
  switch (b->kind) {
  case BL_BLOCK_HEADING:
  case BL_BLOCK_HEADLINE:
  case BL_BLOCK_SECTION:
  case BL_BLOCK_COMMENT:
  case BL_BLOCK_FRONT_MATTER: return true;
  case BL_BLOCK_PARAGRAPH:
  case BL_BLOCK_LIST_ITEM: break;
  default: return false;
  }
  if (bl_claims__final_mark(an, s) != 0) return false;
  /* the only sentence of its block, on one line */
  if (si > 0 && an->tokens.sentences.items[si - 1].block == s->block) return false;
  if (si + 1 < an->tokens.sentences.len && an->tokens.sentences.items[si + 1].block == s->block) return false;
  if (memchr(an->text + b->start, '\n', b->end - b->start)) return false;
  size_t words = 0, caps = 0;
  for (uint32_t i = s->tok_begin; i < s->tok_end; i++) {
    const BlToken *t = &an->tokens.tokens.items[i];
    if (t->kind != BL_TOK_WORD) continue;
    if (t->flags & BL_TF_CAP) {
      words++;
      caps++;
    } else if (!bl_claims__title_small(an->text + t->start, t->end - t->start)) {
      words++;
    }
  }
  return words > 0 && words <= 25 && caps * 10 >= words * 8;
}

/* Whether a number token is a plausible year (1800..2099, or "'90s"-style decades). */
static bool bl_claims__year(const char *s, size_t n)
{
  if (n == 4 || (n == 5 && s[4] == 's')) {
    int v = 0;
    for (size_t i = 0; i < 4; i++) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    return v >= 1800 && v <= 2099;
  }
  return false;
}

typedef struct BlClaimFeatures {
  bool on[CF_COUNT];
  uint8_t reasons; /* BL_CLAIM_* */
  char mark;       /* the final mark: '.', '!', '?' or 0 */
} BlClaimFeatures;

/* Computes the features of sentence si. *ent is a cursor into the entities (sorted by start),
 * advanced monotonically across sentences. carried_figure: the sentence before, in the same
 * paragraph, was a bare figure ("12 billion yen. That is how much the conversion will cost.") */
static void bl_claims__features(const BlAnalysis *an, size_t si, size_t *ent, bool carried_figure, BlClaimFeatures *f)
{
  const BlSentence *s = &an->tokens.sentences.items[si];
  const BlToken *toks = an->tokens.tokens.items;
  const char *text = an->text;
  memset(f, 0, sizeof *f);
  f->on[CF_BIAS] = true;

  size_t figures = 0, words = 0; /* figures: runs of figure tokens ("$", "7", "billion" is one) */
  bool name = false, actor_pron = false, event = false, past_ed = false, numword = false;
  bool in_name = false, in_figure = false, disc = false, person12 = false, unit_figure = false;
  uint32_t prev_cls = 0, prev2_cls = 0;
  uint32_t first_word = UINT32_MAX;

  for (uint32_t i = s->tok_begin; i < s->tok_end; i++) {
    const BlToken *t = &toks[i];
    if (t->kind == BL_TOK_NUMBER) {
      words++;
      if (bl_claims__year(text + t->start, t->end - t->start)) {
        f->on[CF_DATE] = true;
      } else {
        figures += !in_figure;
        in_figure = true;
      }
      in_name = false;
      prev2_cls = prev_cls;
      prev_cls = 0;
      continue;
    }
    if (t->kind == BL_TOK_SYMBOL) { /* $ € £ ¥ % */
      unit_figure = true;
      figures += !in_figure;
      in_figure = true;
      in_name = false;
      continue;
    }
    if (t->kind != BL_TOK_WORD) {
      in_name = in_figure = false;
      continue;
    }
    words++;
    if (first_word == UINT32_MAX) first_word = i;
    bool sent_first = i == first_word;
    char buf[16];
    size_t n;
    uint32_t cls = bl_claims__lookup(text + t->start, t->end - t->start, buf, &n);
    bool cap = (t->flags & BL_TF_CAP) != 0;
    /* "in May": a capitalized modal inside a sentence is the month */
    if (cap && !sent_first && n == 3 && memcmp(buf, "may", 3) == 0) cls = CW_MONTH;
    if (!(cls & CW_SCALE)) in_figure = false;

    /* names: runs of capitalized words; the first word of a sentence only when it is an acronym
     * ("NATO", "U.S."): any word is capitalized there, and the next word of a name ("Senator
     * Obama") starts the run anyway */
    if (cap && !(cls & (CW_PRON1 | CW_MONTH | CW_GREET)) && !(n == 1 && buf[0] == 'i')) {
      bool counts = !sent_first || (t->flags & (BL_TF_ALLCAPS | BL_TF_PERIODS));
      if (counts && !in_name) name = true;
      in_name = counts;
    } else {
      in_name = false;
    }

    /* a verb of the lists after a determiner is a noun: "the cost", "a cut", "their record" */
    if ((cls & (CW_EVENT | CW_CHANGE)) && (prev_cls & CW_DET)) cls &= ~(CW_EVENT | CW_CHANGE);
    if (cls) {
      if (cls & CW_EVENT) event = true;
      if (cls & CW_CHANGE) {
        f->on[CF_CHANGE] = true;
        event = true;
      }
      if (cls & CW_PASTAUX) f->on[CF_PASTAUX] = true;
      if (cls & CW_SPEECH) f->on[CF_SPEECH] = true;
      if (cls & CW_OPINION) {
        f->on[CF_OPINION] = true;
        if ((prev_cls | prev2_cls) & CW_PRON1) f->on[CF_OPINION_1P] = true;
      }
      if (cls & CW_DEONTIC) f->on[CF_DEONTIC] = true;
      if (cls & CW_HYPO) f->on[CF_HYPO] = true;
      if (cls & CW_CAN) f->on[CF_CAN] = true;
      if (cls & CW_FUTURE) f->on[CF_FUTURE] = true;
      if (cls & CW_PRON2) f->on[CF_YOU] = true;
      if (cls & (CW_PRON1 | CW_PRON2)) person12 = true;
      if (cls & CW_PRON3) actor_pron = true;
      if (cls & CW_GREET) f->on[CF_GREET] = true;
      if (cls & CW_DISC) disc = true;
      if ((cls & CW_PARTDAY) && (prev_cls & CW_GOOD)) f->on[CF_GREET] = true; /* good evening */
      if (cls & CW_EVAL) f->on[CF_EVAL] = true;
      if (cls & CW_HEDGE) f->on[CF_HEDGE] = true;
      if ((cls & CW_THAN) && !(prev_cls & CW_NOT_THAN)) f->on[CF_THAN] = true;
      if (cls & CW_SUPER) f->on[CF_SUPER] = true;
      if (cls & CW_MULT) f->on[CF_MULT] = true;
      if (cls & CW_SCALE) {
        unit_figure = true;
        figures += !in_figure;
        in_figure = true;
      }
      if (cls & CW_NUMWORD) numword = true;
      if ((cls & CW_MONTH) && cap) f->on[CF_DATE] = true;
      if (cls & CW_INST) f->on[CF_INST] = true;
      if (cls & CW_IF) f->on[CF_IF] = true;
      if (cls & CW_LET) f->on[CF_LET] = true;
      /* "have to", "got to", "going to" */
      if ((cls & (CW_HAVE | CW_GOING)) && i + 1 < s->tok_end && toks[i + 1].kind == BL_TOK_WORD &&
          toks[i + 1].end - toks[i + 1].start == 2 && memcmp(text + toks[i + 1].start, "to", 2) == 0)
        f->on[(cls & CW_GOING) ? CF_FUTURE : CF_DEONTIC] = true;
    }
    /* other -ed words: past tense or participle */
    if (!(cls & (CW_NOT_ED | CW_EVENT | CW_CHANGE | CW_SPEECH | CW_EVAL)) && n >= 4 && buf[n - 2] == 'e' &&
        buf[n - 1] == 'd' && (!cap || sent_first) && !(prev_cls & CW_DET))
      past_ed = true;
    prev2_cls = prev_cls;
    prev_cls = cls;
  }

  /* entities: what the recognizers found in the sentence (their figures are the token runs
   * counted above, unless the recognizers saw more: "seven") */
  const BlEntities *es = &an->entities;
  size_t ent_figures = 0;
  while (*ent < es->items.len && es->items.items[*ent].end <= s->start) (*ent)++;
  for (size_t k = *ent; k < es->items.len && es->items.items[k].start < s->end; k++) {
    switch ((BlEntityKind)es->items.items[k].kind) {
    case BL_ENT_MONEY:
    case BL_ENT_PERCENT:
      unit_figure = true;
      ent_figures++;
      break;
    case BL_ENT_NUMBER: ent_figures++; break;
    case BL_ENT_DATE: f->on[CF_DATE] = true; break;
    case BL_ENT_PERSON:
    case BL_ENT_ORGANIZATION:
    case BL_ENT_OFFICIAL:
    case BL_ENT_PLACE: name = true; break;
    default: break;
    }
  }

  if (ent_figures > figures) figures = ent_figures;
  if (carried_figure && figures == 0) figures = 1;
  f->on[CF_FIGURE] = figures > 0;
  f->on[CF_FIGURE2] = figures > 1 || (figures > 0 && unit_figure);
  f->on[CF_NUMWORD] = numword && figures == 0;
  f->on[CF_NAME] = name;
  f->on[CF_EVENT] = event;
  f->on[CF_PAST_ED] = past_ed && !event;
  bool acts = event || past_ed;
  f->on[CF_ACTOR_EVENT] = acts && (name || f->on[CF_INST] || actor_pron);
  f->on[CF_NAMED_CMP] = (f->on[CF_THAN] || f->on[CF_SUPER]) && (name || f->on[CF_INST]);
  f->mark = bl_claims__final_mark(an, s);
  f->on[CF_EXCLAIM] = f->mark == '!';
  f->on[CF_SHORT] = words < 5;
  if (disc && words < 6) f->on[CF_GREET] = true;
  f->on[CF_PROMISE] = f->on[CF_FUTURE] && person12;

  if (figures > 0 || numword || (f->on[CF_DATE] && acts)) f->reasons |= BL_CLAIM_FIGURE;
  if ((name || f->on[CF_INST]) && (acts || f->on[CF_SPEECH])) f->reasons |= BL_CLAIM_ACTOR;
  if (acts) f->reasons |= BL_CLAIM_EVENT;
  if (f->on[CF_THAN] || f->on[CF_SUPER] || f->on[CF_CHANGE] || f->on[CF_MULT]) f->reasons |= BL_CLAIM_COMPARISON;
}

void bl_score_claims(const BlAnalysis *an, BlSentenceInfos *infos)
{
  assert(infos->len == an->tokens.sentences.len);
  pthread_once(&bl_claims__once, bl_claims__build);
  size_t ent = 0;
  bool bare_figure = false; /* the sentence before was a bare figure: "30%." */
  for (size_t si = 0; si < infos->len && si < an->tokens.sentences.len; si++) {
    BlSentenceInfo *info = &infos->items[si];
    const BlSentence *s = &an->tokens.sentences.items[si];
    bool carried = bare_figure && si > 0 && an->tokens.sentences.items[si - 1].block == s->block;
    BlClaimFeatures f;
    bl_claims__features(an, si, &ent, carried, &f);
    bare_figure = f.on[CF_SHORT] && f.on[CF_FIGURE] && !(f.reasons & ~BL_CLAIM_FIGURE);
    int score = 0; /* tenths */
    for (int k = 0; k < CF_COUNT; k++)
      if (f.on[k]) score += bl_claims__w[k];
    /* never claims: a question, a heading */
    if ((f.mark == '?' || bl_claims__is_heading(an, si, s)) && score > -10) score = -10;
    info->claim_score = (float)score / 10.0f;
    info->claim_reasons = f.reasons;
    info->claim = score >= 0;
  }
}
