/* ner.h: the statistical name model: an averaged perceptron that tags tokens, greedily left to
 * right, with BIO labels over PER / ORG / LOC / MISC. Three parts share this header:
 *   - ner_features.c: the one set of feature functions, used by the trainer and by the tagger
 *     alike, so a model can never see features at run time that it was not trained on;
 *   - ner_model.c: the model file (format below), its loader (once per process) and its writer;
 *   - names.c (the tagger, bl_recognize_names) and server/train/ner_train.c (the trainer).
 *
 * Features are 64-bit hashes computed from token text and context only (no part-of-speech):
 * see ner_features.c for the list. BL_NER_FEATURE_VERSION names the feature set; a model file
 * records the version it was trained with, and the loader refuses any other.
 *
 * Model file (all integers little-endian):
 *   "BLNERMDL"                      8 bytes, magic
 *   u32 format version              BL_NER_FORMAT_VERSION
 *   u32 feature-set version         BL_NER_FEATURE_VERSION
 *   u32 label count                 BL_NER_NLABELS
 *   u32 feature count n
 *   f32 scale                       weight = stored int8 / scale (documentation only: the
 *                                   tagger compares integer sums); |stored| <= BL_NER_QMAX
 *   u32 reserved (0)
 *   n records, in the order they fill the loader's table: by home slot (hash mod S, S the
 *   smallest power of two >= 2n and >= 16), then by hash, strictly increasing:
 *     u64 feature hash, u16 label mask (bit l set: a weight for label l follows),
 *     int8 weight per set bit, lowest label first
 *   u32 checksum of every byte before it: FNV-1a-64 steps over little-endian 64-bit words
 *       (the last 0-7 bytes one at a time), folded to 32 bits as h ^ (h >> 32)
 * The loader checks each of these and rejects the whole file on any mismatch.
 *
 * Ownership: a BlNerModel from bl_ner_model_load is freed with bl_ner_model_free; the model from
 * bl_ner_model_get belongs to the process (loaded once, immutable, safe to share across
 * threads; never free it). BlNerTokInfo arrays are the caller's. */
#ifndef BL_NER_H
#define BL_NER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BL_NER_FORMAT_VERSION 2
#define BL_NER_FEATURE_VERSION 1

/* Labels. BIO: B- begins a name, I- continues one of the same type. */
enum {
  BL_NER_O,
  BL_NER_B_PER,
  BL_NER_I_PER,
  BL_NER_B_ORG,
  BL_NER_I_ORG,
  BL_NER_B_LOC,
  BL_NER_I_LOC,
  BL_NER_B_MISC,
  BL_NER_I_MISC,
  BL_NER_NLABELS
};

/* The type of a label (0 none, 1 PER, 2 ORG, 3 LOC, 4 MISC) and whether it begins a name. */
static inline int bl_ner_label_type(int label) { return (label + 1) / 2; }
static inline bool bl_ner_label_begins(int label) { return label != BL_NER_O && (label & 1); }
/* Whether `label` may follow `prev` (an I- label only continues a name of its own type). */
static inline bool bl_ner_label_allowed(int prev, int label)
{
  return label == BL_NER_O || bl_ner_label_begins(label) || bl_ner_label_type(prev) == bl_ner_label_type(label);
}
/* "O", "B-PER", ... */
const char *bl_ner_label_name(int label);

/* ---------------------------------------------------------------- features (ner_features.c) */

/* One token as the model sees it: its text (UTF-8, not NUL-terminated) and where it sits. */
enum {
  BL_NER_TF_SENT_START = 1 << 0, /* first token of its sentence (or of a short line of its own) */
  BL_NER_TF_CAPS_LINE = 1 << 1,  /* on a line with capitals and no lowercase letter (a headline in
                                    capitals, a dateline) */
  BL_NER_TF_TITLE_LINE = 1 << 2, /* on a line in title case ("China Hacked Japanese Military
                                    Networks, Report Says", "Key Facts") */
  BL_NER_TF_BLOCKED = 1 << 3,    /* already part of another entity: never part of a name */
};

typedef struct BlNerTok {
  const char *s;
  uint32_t len;
  uint8_t flags; /* BL_NER_TF_* */
} BlNerTok;

/* What bl_ner_prepare computes once per token; the feature function reads only this. */
typedef struct BlNerTokInfo {
  uint64_t word;   /* normalized, lowercased word */
  uint64_t shape;  /* runs of a class capped at 4: Xxxxx, XXX, X.X., dddd, Xxxx-Xxxx */
  uint64_t shape2; /* runs collapsed: Xx, X, X.X., d, Xx-Xx */
  uint64_t affix[5]; /* suffixes of 2, 3, 4 bytes; prefixes of 2, 3 (0 when too short) */
  uint8_t cls;     /* capitalization class (ner_features.c) */
  uint8_t flags;   /* BL_NER_TF_* */
  uint8_t memory;  /* the type this word was tagged with most often earlier in the document
                      (bl_ner_label_type), 0 for none */
  uint8_t candidate; /* 1: may be part of a name; every other token is labelled O unscored */
} BlNerTokInfo;

/* Which letters the text has: BL_NER_CASE_LOWER (any letter that is not uppercase) and/or
 * BL_NER_CASE_UPPER (scanning stops at the first lowercase letter, so UPPER says something only
 * when LOWER is not set). */
enum { BL_NER_CASE_LOWER = 1, BL_NER_CASE_UPPER = 2 };
unsigned bl_ner_case(const char *s, size_t len);

/* The line flags (BL_NER_TF_CAPS_LINE, BL_NER_TF_TITLE_LINE, or 0) of a line made of the tokens
 * toks[0..n): caps when it has capitals and no lowercase letter; title when it has two or more
 * words, some lowercase letters, and every word begins with a capital except short function words
 * ("of", "and", "the", ...). The trainer asks this of each CoNLL sentence, the tagger of each
 * line of text. */
uint8_t bl_ner_line_flags(const BlNerTok *toks, size_t n);
/* The same, a piece of the line at a time: start with {0}, feed tokens with bl_ner_line_scan
 * until it returns true (the answer cannot change any more) or the line ends, then ask
 * bl_ner_line_result. Most lines of prose are decided by their first few words. */
typedef struct BlNerLineScan {
  unsigned all;  /* BL_NER_CASE_* of the words so far */
  size_t words;
  bool not_title;
} BlNerLineScan;
bool bl_ner_line_scan(BlNerLineScan *self, const BlNerTok *toks, size_t n);
uint8_t bl_ner_line_result(const BlNerLineScan *self);

/* Whether a word (lowercase) is a short function word that title case leaves in lowercase. */
bool bl_ner_title_function_word(const char *s, size_t len);

/* What the tagger remembers of a document: for each word it tagged as part of a name, how
 * often with each type. Start with {0}; bl_ner_memory_free releases it (and leaves it empty for
 * reuse). One memory per document, owned by the caller; not shared between threads. */
typedef struct BlNerMemory {
  uint64_t *keys; /* word hashes, 0 = empty slot */
  uint16_t *counts; /* 4 per slot */
  size_t mask, used;
} BlNerMemory;

void bl_ner_memory_free(BlNerMemory *self);
/* Records the names of a tagged sentence (info and labels as given to and by bl_ner_tag). */
void bl_ner_memory_add(BlNerMemory *self, const BlNerTokInfo *info, const uint8_t *labels, size_t n);

/* Fills info[0..n) for one sentence toks[0..n); mem (may be NULL) is the document so far.
 * Every token gets flags and candidate; the rest is computed only for candidates and the two
 * tokens on either side of one (all the features read), and left unset elsewhere. */
void bl_ner_prepare(const BlNerTok *toks, size_t n, const BlNerMemory *mem, BlNerTokInfo *info);

#define BL_NER_MAX_STATIC 40
#define BL_NER_MAX_DYNAMIC 8
/* The largest stored weight: weights are 8-bit integers (finer steps measured no better on
 * held-out CoNLL training documents). The tagger sums a token's weights in 16-bit lanes; a token
 * has at most BL_NER_MAX_STATIC + BL_NER_MAX_DYNAMIC features, so no sum comes near overflow. */
#define BL_NER_QMAX 127

/* The features of token i that do not depend on labels: writes at most BL_NER_MAX_STATIC hashes
 * to out and returns how many. */
size_t bl_ner_static_features(const BlNerTokInfo *info, size_t n, size_t i, uint64_t *out);
/* The features of token i given the labels of the two tokens before it (BL_NER_O before the
 * sentence): at most BL_NER_MAX_DYNAMIC hashes. */
size_t bl_ner_label_features(const BlNerTokInfo *info, size_t n, size_t i, int prev1, int prev2, uint64_t *out);

/* ---------------------------------------------------------------- model (ner_model.c) */

typedef struct BlNerModel BlNerModel;

/* The process's model: loaded from <bl_data_dir()>/ner.model on the first call (pthread_once),
 * NULL when that file is missing or invalid (logged once, as an error naming the file and the
 * reason). */
const BlNerModel *bl_ner_model_get(void);

/* Loads a model file. NULL on failure, with the reason in err (NUL-terminated, at most errlen
 * bytes). The caller frees the model with bl_ner_model_free. */
BlNerModel *bl_ner_model_load(const char *path, char *err, size_t errlen);
void bl_ner_model_free(BlNerModel *self); /* accepts NULL */
size_t bl_ner_model_feature_count(const BlNerModel *self);

/* Adds the weights of each feature in f[0..n) to scores[0..BL_NER_NLABELS). */
void bl_ner_model_score(const BlNerModel *self, const uint64_t *f, size_t n, int32_t *scores);

/* Tags one sentence greedily, left to right: labels[i] gets the best label of token i that may
 * follow the label before it (BL_NER_O for a token that is not a candidate). info comes from
 * bl_ner_prepare. The trainer's evaluation and the tagger both call this. */
void bl_ner_tag(const BlNerModel *self, const BlNerTokInfo *info, size_t n, uint8_t *labels);

/* Writes a model file from float weights w[k * BL_NER_NLABELS + l] of features hashes[k]
 * (k < n, distinct, any order). Weights are quantized to integers with one scale for the whole
 * model (the largest weight becomes BL_NER_QMAX); quantized weights below min_q in magnitude are
 * dropped (pruning), and so is a feature with none left. The output depends only on the inputs,
 * byte for byte. Returns 0, or -1 with the reason in err. *kept (when not NULL) gets the number
 * of features written. */
int bl_ner_model_write(const char *path, const uint64_t *hashes, const float *w, size_t n, int min_q,
                       size_t *kept, char *err, size_t errlen);

#endif
