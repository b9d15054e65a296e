/* ner_train.c: byline-train-ner, the trainer of the name model (server/data/ner.model).
 *
 * Reads CoNLL-2003 files (4 columns "token POS chunk NER", IOB1 tags, blank lines between
 * sentences, -DOCSTART- lines between documents; only the token and NER columns are used),
 * converts the tags to BIO, and trains an averaged perceptron over the features of
 * ner_features.c with the same greedy decoder the tagger uses (bl_ner_tag's rules: candidates
 * only, an I- label only after its own type). Documents are shuffled each epoch by a fixed
 * seed, and every step is deterministic, so the same inputs and options give the same model
 * file byte for byte. tests/eval/train_ner.sh is the command that builds the committed model.
 *
 *   byline-train-ner --train eng.train.conll --out ner.model [--epochs N] [--seed S]
 *                    [--min-q Q] [--holdout K] [--title-every N] [--eval FILE.conll [--print]]
 * The defaults (20 epochs, seed 2003, min-q 1, title-every 8) are the committed model's.
 * --title-every N adds every N-th suitable sentence again in title case (0: none; see
 * tr_augment_title_case). --holdout K trains on all documents but the last K and evaluates on
 * those (to choose epochs, templates and pruning without touching the evaluation sets); --eval
 * tags a CoNLL file with the written model and prints entity P/R/F1 per type (--print: and
 * every token, "token gold predicted"). */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/ner.h"
#include "base/alloc.h"
#include "base/vec.h"

/* ---------------------------------------------------------------- the corpus */

typedef struct {
  size_t tok_begin, tok_end;
} TrSentence;

typedef struct {
  size_t sent_begin, sent_end;
} TrDoc;

typedef struct {
  char *text;              /* all token texts, back to back */
  BlVec(size_t) offsets;   /* token i: text[offsets[i], offsets[i] + lens[i]) */
  BlVec(uint32_t) lens;
  BlVec(uint8_t) gold;     /* BIO labels */
  BlVec(TrSentence) sents;
  BlVec(TrDoc) docs;
  BlVec(BlNerTok) toks;    /* built after reading, pointing into text */
} TrCorpus;

static int tr_label(const char *tag)
{
  if (strcmp(tag, "O") == 0) return BL_NER_O;
  static const char *const types[] = {"PER", "ORG", "LOC", "MISC"};
  if ((tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-') return -1;
  for (int t = 0; t < 4; t++)
    if (strcmp(tag + 2, types[t]) == 0) return 1 + 2 * t + (tag[0] == 'I');
  return -1;
}

static void tr_end_sentence(TrCorpus *c, size_t *sent_start)
{
  size_t n = c->lens.len;
  if (n == *sent_start) return;
  TrSentence s = {*sent_start, n};
  bl_vec_push(&c->sents, s);
  *sent_start = n;
}

static void tr_end_doc(TrCorpus *c, size_t *doc_start)
{
  if (c->sents.len == *doc_start) return;
  TrDoc d = {*doc_start, c->sents.len};
  bl_vec_push(&c->docs, d);
  *doc_start = c->sents.len;
}

/* Tokens, with the flags the tagger gives them: sentence start; caps or title line (CoNLL has a
 * sentence per line, headlines and datelines included). */
static void tr_make_tokens(TrCorpus *c)
{
  c->toks.len = 0;
  bl_vec_reserve(&c->toks, c->lens.len);
  for (size_t s = 0; s < c->sents.len; s++) {
    TrSentence *se = &c->sents.items[s];
    for (size_t i = se->tok_begin; i < se->tok_end; i++) {
      BlNerTok t = {c->text + c->offsets.items[i], c->lens.items[i], i == se->tok_begin ? BL_NER_TF_SENT_START : 0};
      c->toks.items[c->toks.len++] = t;
    }
    uint8_t line = bl_ner_line_flags(c->toks.items + se->tok_begin, se->tok_end - se->tok_begin);
    for (size_t i = se->tok_begin; i < se->tok_end; i++) c->toks.items[i].flags |= line;
  }
}

/* The length of the longest sentence. */
static size_t tr_longest(const TrCorpus *c)
{
  size_t m = 0;
  for (size_t s = 0; s < c->sents.len; s++) {
    size_t n = c->sents.items[s].tok_end - c->sents.items[s].tok_begin;
    if (n > m) m = n;
  }
  return m;
}

static int tr_read(TrCorpus *c, const char *path)
{
  FILE *f = fopen(path, "r");
  if (!f) {
    perror(path);
    return -1;
  }
  memset(c, 0, sizeof *c);
  BlVec(char) text = {0};
  char line[4096];
  size_t sent_start = 0, doc_start = 0, lineno = 0;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
    if (n == 0) {
      tr_end_sentence(c, &sent_start);
      continue;
    }
    char *sp = strchr(line, ' ');
    if (!sp) {
      fprintf(stderr, "%s:%zu: not a CoNLL line\n", path, lineno);
      fclose(f);
      return -1;
    }
    size_t wlen = (size_t)(sp - line);
    if (wlen == 10 && memcmp(line, "-DOCSTART-", 10) == 0) {
      tr_end_sentence(c, &sent_start);
      tr_end_doc(c, &doc_start);
      continue;
    }
    const char *tag = strrchr(line, ' ') + 1;
    int lab = tr_label(tag);
    if (lab < 0) {
      fprintf(stderr, "%s:%zu: unknown tag %s\n", path, lineno, tag);
      fclose(f);
      return -1;
    }
    /* IOB1 -> BIO: an I- tag that does not continue a name of its type begins one */
    size_t idx = c->lens.len;
    if (lab != BL_NER_O && !bl_ner_label_begins(lab)) {
      bool cont = idx > sent_start && bl_ner_label_type(c->gold.items[idx - 1]) == bl_ner_label_type(lab);
      if (!cont) lab -= 1;
    }
    bl_vec_push(&c->offsets, text.len);
    bl_vec_push(&c->lens, (uint32_t)wlen);
    bl_vec_push(&c->gold, (uint8_t)lab);
    bl_vec_reserve(&text, wlen);
    memcpy(text.items + text.len, line, wlen);
    text.len += wlen;
  }
  fclose(f);
  tr_end_sentence(c, &sent_start);
  tr_end_doc(c, &doc_start);
  c->text = text.items;
  tr_make_tokens(c);
  return 0;
}

static void tr_free(TrCorpus *c)
{
  bl_free(c->text);
  bl_vec_free(&c->offsets);
  bl_vec_free(&c->lens);
  bl_vec_free(&c->gold);
  bl_vec_free(&c->sents);
  bl_vec_free(&c->docs);
  bl_vec_free(&c->toks);
}

/* Headlines in title case ("China Hacked Japanese Military Networks, Report Says") are common in
 * news copy and absent from CoNLL, whose headlines are in capitals. So that the model learns
 * what capitals mean on such a line (little), every `every`-th sentence of 3 to 20 tokens that is
 * in normal case is added again in title case, as a one-sentence document of its own (a
 * headline comes before the story, with nothing remembered). The choice is by position, so
 * deterministic. Returns the number added. */
static size_t tr_augment_title_case(TrCorpus *c, size_t ndocs, size_t every)
{
  size_t added = 0, seen = 0;
  size_t nsent = c->docs.items[ndocs - 1].sent_end;
  BlVec(char) text = {0};
  size_t text_len0 = 0;
  for (size_t i = 0; i < c->lens.len; i++) text_len0 += c->lens.items[i];
  bl_vec_reserve(&text, text_len0);
  memcpy(text.items, c->text, text_len0);
  text.len = text_len0;
  for (size_t s = 0; s < nsent; s++) {
    TrSentence se = c->sents.items[s];
    size_t n = se.tok_end - se.tok_begin;
    uint8_t line = c->toks.items[se.tok_begin].flags & (BL_NER_TF_CAPS_LINE | BL_NER_TF_TITLE_LINE);
    if (n < 3 || n > 20 || line) continue;
    if (seen++ % every != 0) continue;
    size_t tok0 = c->lens.len;
    for (size_t i = se.tok_begin; i < se.tok_end; i++) {
      size_t off = c->offsets.items[i], len = c->lens.items[i];
      bl_vec_reserve(&text, len);
      char *dst = text.items + text.len;
      memcpy(dst, text.items + off, len);
      if (dst[0] >= 'a' && dst[0] <= 'z' && !bl_ner_title_function_word(dst, len)) dst[0] = (char)(dst[0] - 32);
      bl_vec_push(&c->offsets, text.len);
      bl_vec_push(&c->lens, (uint32_t)len);
      bl_vec_push(&c->gold, c->gold.items[i]);
      text.len += len;
    }
    TrSentence ns = {tok0, c->lens.len};
    bl_vec_push(&c->sents, ns);
    TrDoc d = {c->sents.len - 1, c->sents.len};
    bl_vec_push(&c->docs, d);
    added++;
  }
  bl_free(c->text);
  c->text = text.items;
  tr_make_tokens(c);
  return added;
}

/* ---------------------------------------------------------------- weights */

/* Averaged perceptron with lazy averaging: for each feature, the current weights w, the sum of
 * weights over all steps so far (tot, brought up to date at `last`), per label. */
typedef struct {
  float w[BL_NER_NLABELS];
  double tot[BL_NER_NLABELS];
  uint64_t last;
} TrFeat;

typedef struct {
  uint64_t *keys;
  int32_t *idx; /* -1 empty */
  size_t mask, used;
  BlVec(TrFeat) feats;
  BlVec(uint64_t) hashes;
} TrWeights;

static void tr_weights_init(TrWeights *w)
{
  memset(w, 0, sizeof *w);
  size_t slots = 1 << 20;
  w->keys = bl_calloc(slots, sizeof *w->keys);
  w->idx = bl_malloc(slots * sizeof *w->idx);
  for (size_t i = 0; i < slots; i++) w->idx[i] = -1;
  w->mask = slots - 1;
}

static void tr_weights_free(TrWeights *w)
{
  bl_free(w->keys);
  bl_free(w->idx);
  bl_vec_free(&w->feats);
  bl_vec_free(&w->hashes);
}

static TrFeat *tr_find(const TrWeights *w, uint64_t h)
{
  for (size_t s = h & w->mask;; s = (s + 1) & w->mask) {
    if (w->idx[s] < 0) return NULL;
    if (w->keys[s] == h) return &w->feats.items[w->idx[s]];
  }
}

static void tr_grow(TrWeights *w)
{
  size_t slots = (w->mask + 1) * 2;
  uint64_t *keys = bl_calloc(slots, sizeof *keys);
  int32_t *idx = bl_malloc(slots * sizeof *idx);
  for (size_t i = 0; i < slots; i++) idx[i] = -1;
  for (size_t k = 0; k < w->hashes.len; k++) {
    uint64_t h = w->hashes.items[k];
    size_t s = h & (slots - 1);
    while (idx[s] >= 0) s = (s + 1) & (slots - 1);
    keys[s] = h;
    idx[s] = (int32_t)k;
  }
  bl_free(w->keys);
  bl_free(w->idx);
  w->keys = keys;
  w->idx = idx;
  w->mask = slots - 1;
}

static TrFeat *tr_get(TrWeights *w, uint64_t h)
{
  size_t s = h & w->mask;
  for (;; s = (s + 1) & w->mask) {
    if (w->idx[s] < 0) break;
    if (w->keys[s] == h) return &w->feats.items[w->idx[s]];
  }
  if ((w->used + 1) * 2 > w->mask + 1) {
    tr_grow(w);
    return tr_get(w, h);
  }
  TrFeat f;
  memset(&f, 0, sizeof f);
  w->keys[s] = h;
  w->idx[s] = (int32_t)w->feats.len;
  w->used++;
  bl_vec_push(&w->feats, f);
  bl_vec_push(&w->hashes, h);
  return bl_vec_last(&w->feats);
}

static void tr_update(TrWeights *w, const uint64_t *f, size_t n, int label, float delta, uint64_t step)
{
  for (size_t i = 0; i < n; i++) {
    TrFeat *ft = tr_get(w, f[i]);
    if (ft->last != step) {
      for (int l = 0; l < BL_NER_NLABELS; l++) ft->tot[l] += (double)(step - ft->last) * ft->w[l];
      ft->last = step;
    }
    ft->w[label] += delta;
  }
}

/* ---------------------------------------------------------------- training */

static uint64_t tr_rng(uint64_t *state)
{
  /* splitmix64: a fixed, portable sequence for the shuffle */
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

typedef struct {
  uint64_t steps, errors, instances;
} TrStats;

static void tr_epoch(TrWeights *w, const TrCorpus *c, const size_t *doc_order, size_t ndocs, uint64_t *step,
                     TrStats *st, BlNerTokInfo *info)
{
  uint64_t f[BL_NER_MAX_STATIC + BL_NER_MAX_DYNAMIC];
  uint8_t *pred_labels = bl_malloc(c->lens.len + 1);
  BlNerMemory mem = {0};
  for (size_t di = 0; di < ndocs; di++) {
    const TrDoc *d = &c->docs.items[doc_order[di]];
    bl_ner_memory_free(&mem);
    for (size_t s = d->sent_begin; s < d->sent_end; s++) {
      const TrSentence *se = &c->sents.items[s];
      size_t n = se->tok_end - se->tok_begin;
      const BlNerTok *toks = c->toks.items + se->tok_begin;
      const uint8_t *gold = c->gold.items + se->tok_begin;
      bl_ner_prepare(toks, n, &mem, info);
      int p1 = BL_NER_O, p2 = BL_NER_O;
      for (size_t i = 0; i < n; i++) {
        int pred = BL_NER_O;
        if (info[i].candidate) {
          size_t k = bl_ner_static_features(info, n, i, f);
          k += bl_ner_label_features(info, n, i, p1, p2, f + k);
          float sc[BL_NER_NLABELS] = {0};
          for (size_t j = 0; j < k; j++) {
            const TrFeat *ft = tr_find(w, f[j]);
            if (ft)
              for (int l = 0; l < BL_NER_NLABELS; l++) sc[l] += ft->w[l];
          }
          for (int l = 1; l < BL_NER_NLABELS; l++)
            if (sc[l] > sc[pred] && bl_ner_label_allowed(p1, l)) pred = l;
          int g = gold[i];
          if (!bl_ner_label_allowed(p1, g)) g -= 1; /* I-X after a mistake: learn to begin X */
          (*step)++;
          st->instances++;
          if (pred != g) {
            st->errors++;
            tr_update(w, f, k, g, 1.0f, *step);
            tr_update(w, f, k, pred, -1.0f, *step);
          }
        }
        pred_labels[i] = (uint8_t)pred;
        p2 = p1;
        p1 = pred;
      }
      bl_ner_memory_add(&mem, info, pred_labels, n);
    }
  }
  bl_ner_memory_free(&mem);
  bl_free(pred_labels);
}

/* ---------------------------------------------------------------- evaluation */

typedef struct {
  size_t gold[5], pred[5], ok[5];
} TrScore;

/* Entities of a BIO sequence as (begin, end, type) appended to out. */
typedef struct {
  size_t b, e;
  int type;
} TrSpan;

static size_t tr_spans(const uint8_t *lab, size_t n, TrSpan *out)
{
  size_t k = 0;
  for (size_t i = 0; i < n;) {
    if (lab[i] == BL_NER_O) {
      i++;
      continue;
    }
    int t = bl_ner_label_type(lab[i]);
    size_t j = i + 1;
    while (j < n && !bl_ner_label_begins(lab[j]) && lab[j] != BL_NER_O && bl_ner_label_type(lab[j]) == t) j++;
    out[k++] = (TrSpan){i, j, t};
    i = j;
  }
  return k;
}

static bool tr_print_tags; /* --print: the evaluation prints "token gold predicted" lines */

static void tr_evaluate(const BlNerModel *m, const TrCorpus *c, size_t doc_begin, size_t doc_end, TrScore *sc,
                        BlNerTokInfo *info)
{
  memset(sc, 0, sizeof *sc);
  size_t maxn = tr_longest(c);
  uint8_t *lab = bl_malloc(maxn + 1);
  TrSpan *gs = bl_malloc((maxn + 1) * sizeof *gs), *ps = bl_malloc((maxn + 1) * sizeof *ps);
  BlNerMemory mem = {0};
  for (size_t d = doc_begin; d < doc_end; d++) {
    bl_ner_memory_free(&mem);
    for (size_t s = c->docs.items[d].sent_begin; s < c->docs.items[d].sent_end; s++) {
      const TrSentence *se = &c->sents.items[s];
      size_t n = se->tok_end - se->tok_begin;
      bl_ner_prepare(c->toks.items + se->tok_begin, n, &mem, info);
      bl_ner_tag(m, info, n, lab);
      bl_ner_memory_add(&mem, info, lab, n);
      if (tr_print_tags) {
        for (size_t i = 0; i < n; i++) {
          const BlNerTok *t = &c->toks.items[se->tok_begin + i];
          printf("%.*s %s %s%s\n", (int)t->len, t->s, bl_ner_label_name(c->gold.items[se->tok_begin + i]),
                 bl_ner_label_name(lab[i]), info[i].candidate ? "" : " -");
        }
        printf("\n");
      }
      size_t ng = tr_spans(c->gold.items + se->tok_begin, n, gs);
      size_t np = tr_spans(lab, n, ps);
      for (size_t i = 0; i < ng; i++) sc->gold[gs[i].type]++;
      for (size_t i = 0; i < np; i++) {
        sc->pred[ps[i].type]++;
        for (size_t j = 0; j < ng; j++)
          if (gs[j].b == ps[i].b && gs[j].e == ps[i].e && gs[j].type == ps[i].type) sc->ok[ps[i].type]++;
      }
    }
  }
  bl_ner_memory_free(&mem);
  bl_free(lab);
  bl_free(gs);
  bl_free(ps);
}

static void tr_print_score(const char *what, const TrScore *sc)
{
  static const char *const names[5] = {"", "PER", "ORG", "LOC", "MISC"};
  size_t g3 = 0, p3 = 0, o3 = 0;
  printf("%s\n", what);
  for (int t = 1; t <= 4; t++) {
    double P = sc->pred[t] ? (double)sc->ok[t] / sc->pred[t] : 0, R = sc->gold[t] ? (double)sc->ok[t] / sc->gold[t] : 0;
    printf("  %-5s gold=%5zu pred=%5zu P=%.3f R=%.3f F1=%.3f\n", names[t], sc->gold[t], sc->pred[t], P, R,
           P + R > 0 ? 2 * P * R / (P + R) : 0);
    if (t <= 3) {
      g3 += sc->gold[t];
      p3 += sc->pred[t];
      o3 += sc->ok[t];
    }
  }
  double P = p3 ? (double)o3 / p3 : 0, R = g3 ? (double)o3 / g3 : 0;
  printf("  PER+ORG+LOC P=%.3f R=%.3f F1=%.3f\n", P, R, P + R > 0 ? 2 * P * R / (P + R) : 0);
}

/* ---------------------------------------------------------------- main */

static void usage(void)
{
  fprintf(stderr, "usage: byline-train-ner --train FILE.conll --out MODEL [--epochs N] [--seed S] [--min-q Q]\n"
                  "                        [--holdout K] [--title-every N] [--eval FILE.conll [--print]]\n");
  exit(2);
}

int main(int argc, char **argv)
{
  const char *train = NULL, *out = NULL, *eval = NULL;
  int epochs = 20, min_q = 1, title_every = 8;
  size_t holdout = 0;
  uint64_t seed = 2003;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--print") != 0 && i + 1 >= argc) usage();
    if (strcmp(a, "--train") == 0) train = argv[++i];
    else if (strcmp(a, "--out") == 0) out = argv[++i];
    else if (strcmp(a, "--eval") == 0) eval = argv[++i];
    else if (strcmp(a, "--epochs") == 0) epochs = atoi(argv[++i]);
    else if (strcmp(a, "--seed") == 0) seed = strtoull(argv[++i], NULL, 10);
    else if (strcmp(a, "--min-q") == 0) min_q = atoi(argv[++i]);
    else if (strcmp(a, "--holdout") == 0) holdout = (size_t)atol(argv[++i]);
    else if (strcmp(a, "--print") == 0) tr_print_tags = true;
    else if (strcmp(a, "--title-every") == 0) title_every = atoi(argv[++i]);
    else usage();
  }
  if (!train || !out || epochs < 1) usage();

  clock_t t0 = clock();
  TrCorpus c;
  if (tr_read(&c, train) != 0) return 1;
  if (c.docs.len == 0) {
    fprintf(stderr, "byline-train-ner: %s holds no sentences\n", train);
    return 1;
  }
  if (holdout >= c.docs.len) {
    fprintf(stderr, "--holdout %zu: only %zu documents\n", holdout, c.docs.len);
    return 2;
  }
  size_t ntrain = c.docs.len - holdout;
  printf("train: %zu documents (%zu held out), %zu sentences, %zu tokens\n", c.docs.len, holdout, c.sents.len,
         c.lens.len);
  /* title-case copies go after the held-out documents; training takes them along */
  size_t naug = title_every > 0 ? tr_augment_title_case(&c, ntrain, (size_t)title_every) : 0;
  printf("title-case copies: %zu sentences (every %d)\n", naug, title_every);

  BlNerTokInfo *info = bl_malloc((tr_longest(&c) + 1) * sizeof *info);

  TrWeights w;
  tr_weights_init(&w);
  /* training documents: the first ntrain, then the title-case copies */
  size_t norder = ntrain + naug;
  size_t *order = bl_malloc(norder * sizeof *order);
  for (size_t i = 0; i < ntrain; i++) order[i] = i;
  for (size_t i = 0; i < naug; i++) order[ntrain + i] = c.docs.len - naug + i;
  uint64_t rng = seed, step = 0;
  for (int e = 1; e <= epochs; e++) {
    for (size_t i = norder; i > 1; i--) { /* Fisher-Yates */
      size_t j = (size_t)(tr_rng(&rng) % i);
      size_t t = order[i - 1];
      order[i - 1] = order[j];
      order[j] = t;
    }
    TrStats st = {0};
    tr_epoch(&w, &c, order, norder, &step, &st, info);
    printf("epoch %2d: %" PRIu64 " candidates, %" PRIu64 " errors (%.2f%%), %zu features\n", e, st.instances, st.errors,
           100.0 * (double)st.errors / (double)(st.instances ? st.instances : 1), w.feats.len);
    fflush(stdout);
  }

  /* averaged weights */
  size_t nf = w.feats.len;
  float *avg = bl_malloc((nf ? nf : 1) * BL_NER_NLABELS * sizeof *avg);
  for (size_t k = 0; k < nf; k++) {
    TrFeat *ft = &w.feats.items[k];
    for (int l = 0; l < BL_NER_NLABELS; l++) {
      double tot = ft->tot[l] + (double)(step - ft->last) * ft->w[l];
      avg[k * BL_NER_NLABELS + l] = (float)(tot / (double)(step ? step : 1));
    }
  }
  char err[256];
  size_t kept = 0;
  if (bl_ner_model_write(out, w.hashes.items, avg, nf, min_q, &kept, err, sizeof err) != 0) {
    fprintf(stderr, "byline-train-ner: %s\n", err);
    return 1;
  }
  printf("wrote %s: %zu of %zu features (min-q %d); %.1f s\n", out, kept, nf, min_q,
         (double)(clock() - t0) / CLOCKS_PER_SEC);
  bl_free(avg);
  bl_free(order);
  tr_weights_free(&w);

  BlNerModel *m = bl_ner_model_load(out, err, sizeof err);
  if (!m) {
    fprintf(stderr, "byline-train-ner: reading back %s: %s\n", out, err);
    return 1;
  }
  if (holdout) {
    TrScore sc;
    tr_evaluate(m, &c, ntrain, c.docs.len - naug, &sc, info);
    tr_print_score("held-out training documents (CoNLL tokens, exact spans):", &sc);
  }
  if (eval) {
    TrCorpus ec;
    if (tr_read(&ec, eval) != 0) return 1;
    BlNerTokInfo *einfo = bl_malloc((tr_longest(&ec) + 1) * sizeof *einfo);
    TrScore sc;
    tr_evaluate(m, &ec, 0, ec.docs.len, &sc, einfo);
    tr_print_score(eval, &sc);
    bl_free(einfo);
    tr_free(&ec);
  }
  bl_ner_model_free(m);
  bl_free(info);
  tr_free(&c);
  return 0;
}
