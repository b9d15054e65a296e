/* ner_model.c: the name model's file (format in ner.h): writing it (for the trainer), loading
 * and validating it, and scoring features against it.
 *
 * In memory a model is an open-addressing table (linear probing, at most half full) of 8-byte
 * slots {high 32 bits of the feature hash, feature index}, indexed by the low bits of the hash,
 * and one array of int16 weights with the BL_NER_NLABELS weights of a feature contiguous. A
 * lookup touches one slot (usually) and, on a hit, 18 contiguous bytes. Nothing is written after
 * loading, so one model serves any number of threads. */
#include "ner.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/alloc.h"
#include "../base/log.h"
#include "../docs_path.h"

#define BL_NER__MAGIC "BLNERMDL"
#define BL_NER__HEADER 32
#define BL_NER__MAX_FILE (256u << 20) /* far above any model we train; a bound against garbage */
#define BL_NER__EMPTY UINT32_MAX

typedef struct {
  uint32_t check; /* hash >> 32 */
  uint32_t index; /* feature number, or BL_NER__EMPTY */
} BlNerSlot;

struct BlNerModel {
  BlNerSlot *slots;
  uint64_t mask; /* slot count - 1 */
  int16_t *weights; /* n * BL_NER_NLABELS */
  size_t n;
  float scale;
};

static uint32_t bl_ner__fnv32(const uint8_t *s, size_t n)
{
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) {
    h ^= s[i];
    h *= 16777619u;
  }
  return h;
}

static void bl_ner__err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void bl_ner__err(char *err, size_t errlen, const char *fmt, ...)
{
  if (!err || !errlen) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
}

/* ---------------------------------------------------------------- little-endian helpers */

static uint16_t bl_ner__get16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static uint32_t bl_ner__get32(const uint8_t *p)
{
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static uint64_t bl_ner__get64(const uint8_t *p) { return bl_ner__get32(p) | ((uint64_t)bl_ner__get32(p + 4) << 32); }
static void bl_ner__put16(uint8_t *p, uint16_t v)
{
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
}
static void bl_ner__put32(uint8_t *p, uint32_t v)
{
  for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}
static void bl_ner__put64(uint8_t *p, uint64_t v)
{
  for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}

/* ---------------------------------------------------------------- writing */

typedef struct {
  uint64_t hash;
  size_t k;
} BlNerOrder;

static int bl_ner__order_cmp(const void *a, const void *b)
{
  uint64_t x = ((const BlNerOrder *)a)->hash, y = ((const BlNerOrder *)b)->hash;
  return x < y ? -1 : x > y;
}

int bl_ner_model_write(const char *path, const uint64_t *hashes, const float *w, size_t n, int min_q,
                       size_t *kept, char *err, size_t errlen)
{
  float maxabs = 0;
  for (size_t i = 0; i < n * BL_NER_NLABELS; i++)
    if (fabsf(w[i]) > maxabs) maxabs = fabsf(w[i]);
  float scale = maxabs > 0 ? 32767.0f / maxabs : 1.0f;
  if (min_q < 1) min_q = 1;

  BlNerOrder *order = bl_malloc((n ? n : 1) * sizeof *order);
  for (size_t k = 0; k < n; k++) order[k] = (BlNerOrder){hashes[k], k};
  qsort(order, n, sizeof *order, bl_ner__order_cmp);

  /* header + at most (8 + 2 + 2 * labels) per feature + checksum */
  size_t cap = BL_NER__HEADER + n * (10 + 2 * BL_NER_NLABELS) + 4;
  uint8_t *out = bl_malloc(cap);
  size_t pos = BL_NER__HEADER, count = 0;
  for (size_t j = 0; j < n; j++) {
    if (j > 0 && order[j].hash == order[j - 1].hash) {
      bl_free(order);
      bl_free(out);
      bl_ner__err(err, errlen, "duplicate feature hash %016llx", (unsigned long long)order[j].hash);
      return -1;
    }
    const float *fw = w + order[j].k * BL_NER_NLABELS;
    int16_t q[BL_NER_NLABELS];
    uint16_t mask = 0;
    for (int l = 0; l < BL_NER_NLABELS; l++) {
      long v = lrintf(fw[l] * scale);
      if (v > 32767) v = 32767;
      if (v < -32767) v = -32767;
      q[l] = (int16_t)v;
      if (labs(v) >= min_q) mask |= (uint16_t)(1u << l);
    }
    if (!mask) continue;
    bl_ner__put64(out + pos, order[j].hash);
    bl_ner__put16(out + pos + 8, mask);
    pos += 10;
    for (int l = 0; l < BL_NER_NLABELS; l++)
      if (mask & (1u << l)) {
        bl_ner__put16(out + pos, (uint16_t)q[l]);
        pos += 2;
      }
    count++;
  }
  bl_free(order);

  memcpy(out, BL_NER__MAGIC, 8);
  bl_ner__put32(out + 8, BL_NER_FORMAT_VERSION);
  bl_ner__put32(out + 12, BL_NER_FEATURE_VERSION);
  bl_ner__put32(out + 16, BL_NER_NLABELS);
  bl_ner__put32(out + 20, (uint32_t)count);
  uint32_t sbits;
  memcpy(&sbits, &scale, 4);
  bl_ner__put32(out + 24, sbits);
  bl_ner__put32(out + 28, 0);
  bl_ner__put32(out + pos, bl_ner__fnv32(out, pos));
  pos += 4;

  FILE *f = fopen(path, "wb");
  if (!f) {
    bl_ner__err(err, errlen, "cannot create %s: %s", path, strerror(errno));
    bl_free(out);
    return -1;
  }
  bool ok = fwrite(out, 1, pos, f) == pos;
  ok = (fclose(f) == 0) && ok;
  bl_free(out);
  if (!ok) {
    bl_ner__err(err, errlen, "cannot write %s: %s", path, strerror(errno));
    return -1;
  }
  if (kept) *kept = count;
  return 0;
}

/* ---------------------------------------------------------------- loading */

static uint8_t *bl_ner__read_file(const char *path, size_t *len, char *err, size_t errlen)
{
  FILE *f = fopen(path, "rb");
  if (!f) {
    bl_ner__err(err, errlen, "cannot open: %s", strerror(errno));
    return NULL;
  }
  size_t cap = 1 << 20, n = 0;
  uint8_t *data = bl_malloc(cap);
  for (;;) {
    if (n == cap) {
      if (cap >= BL_NER__MAX_FILE) {
        bl_ner__err(err, errlen, "file larger than %u bytes", BL_NER__MAX_FILE);
        goto fail;
      }
      cap *= 2;
      data = bl_realloc(data, cap);
    }
    size_t got = fread(data + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  if (ferror(f)) {
    bl_ner__err(err, errlen, "read error: %s", strerror(errno));
    goto fail;
  }
  fclose(f);
  *len = n;
  return data;
fail:
  fclose(f);
  bl_free(data);
  return NULL;
}

BlNerModel *bl_ner_model_load(const char *path, char *err, size_t errlen)
{
  size_t len = 0;
  uint8_t *d = bl_ner__read_file(path, &len, err, errlen);
  if (!d) return NULL;
  BlNerModel *m = NULL;

  if (len < BL_NER__HEADER + 4 || memcmp(d, BL_NER__MAGIC, 8) != 0) {
    bl_ner__err(err, errlen, "not a byline name model (bad magic)");
    goto fail;
  }
  uint32_t format = bl_ner__get32(d + 8), features = bl_ner__get32(d + 12), labels = bl_ner__get32(d + 16);
  uint32_t n = bl_ner__get32(d + 20);
  if (format != BL_NER_FORMAT_VERSION) {
    bl_ner__err(err, errlen, "format version %u, this byline reads %u", format, BL_NER_FORMAT_VERSION);
    goto fail;
  }
  if (features != BL_NER_FEATURE_VERSION) {
    bl_ner__err(err, errlen, "trained with feature set %u, this byline computes %u (retrain: tests/eval/train_ner.sh)",
                features, BL_NER_FEATURE_VERSION);
    goto fail;
  }
  if (labels != BL_NER_NLABELS) {
    bl_ner__err(err, errlen, "%u labels, expected %u", labels, BL_NER_NLABELS);
    goto fail;
  }
  uint32_t sum = bl_ner__get32(d + len - 4);
  if (sum != bl_ner__fnv32(d, len - 4)) {
    bl_ner__err(err, errlen, "checksum mismatch (truncated or corrupt)");
    goto fail;
  }
  if (n > (len - BL_NER__HEADER - 4) / 12) {
    bl_ner__err(err, errlen, "feature count %u does not fit the file", n);
    goto fail;
  }

  m = bl_calloc(1, sizeof *m);
  uint32_t sbits = bl_ner__get32(d + 24);
  memcpy(&m->scale, &sbits, 4);
  m->n = n;
  size_t slots = 16;
  while (slots < (size_t)n * 2) slots *= 2;
  m->mask = slots - 1;
  m->slots = bl_malloc(slots * sizeof *m->slots);
  for (size_t s = 0; s < slots; s++) m->slots[s] = (BlNerSlot){0, BL_NER__EMPTY};
  m->weights = bl_calloc((n ? n : 1) * BL_NER_NLABELS, sizeof *m->weights);

  size_t pos = BL_NER__HEADER, end = len - 4;
  uint64_t prev = 0;
  for (uint32_t k = 0; k < n; k++) {
    if (end - pos < 10) {
      bl_ner__err(err, errlen, "record %u runs past the end", k);
      goto fail;
    }
    uint64_t h = bl_ner__get64(d + pos);
    uint16_t mask = bl_ner__get16(d + pos + 8);
    pos += 10;
    if (k > 0 && h <= prev) {
      bl_ner__err(err, errlen, "record %u out of order", k);
      goto fail;
    }
    prev = h;
    if (mask == 0 || (mask >> BL_NER_NLABELS) != 0) {
      bl_ner__err(err, errlen, "record %u has a bad label mask %#x", k, mask);
      goto fail;
    }
    int16_t *w = m->weights + (size_t)k * BL_NER_NLABELS;
    for (int l = 0; l < BL_NER_NLABELS; l++) {
      if (!(mask & (1u << l))) continue;
      if (end - pos < 2) {
        bl_ner__err(err, errlen, "record %u runs past the end", k);
        goto fail;
      }
      w[l] = (int16_t)bl_ner__get16(d + pos);
      pos += 2;
    }
    uint64_t s = h & m->mask;
    while (m->slots[s].index != BL_NER__EMPTY) s = (s + 1) & m->mask;
    m->slots[s] = (BlNerSlot){(uint32_t)(h >> 32), k};
  }
  if (pos != end) {
    bl_ner__err(err, errlen, "%zu bytes after the last record", end - pos);
    goto fail;
  }
  bl_free(d);
  return m;
fail:
  bl_free(d);
  bl_ner_model_free(m);
  return NULL;
}

void bl_ner_model_free(BlNerModel *self)
{
  if (!self) return;
  bl_free(self->slots);
  bl_free(self->weights);
  bl_free(self);
}

size_t bl_ner_model_feature_count(const BlNerModel *self)
{
  return self ? self->n : 0;
}

/* ---------------------------------------------------------------- the process's model */

static BlNerModel *bl_ner__model;

static void bl_ner__load_once(void)
{
  char path[4096], err[256];
  snprintf(path, sizeof path, "%s/ner.model", bl_data_dir());
  bl_ner__model = bl_ner_model_load(path, err, sizeof err);
  if (!bl_ner__model)
    bl_error("name model %s: %s; people, organizations and places are not recognized by the model", path, err);
  else
    bl_debug("name model %s: %zu features", path, bl_ner__model->n);
}

const BlNerModel *bl_ner_model_get(void)
{
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, bl_ner__load_once);
  return bl_ner__model;
}

/* ---------------------------------------------------------------- scoring */

void bl_ner_model_score(const BlNerModel *self, const uint64_t *f, size_t n, int32_t *scores)
{
  const BlNerSlot *slots = self->slots;
  uint64_t mask = self->mask;
  /* Prefetch every slot first: the lookups are independent, so their cache misses overlap. */
  for (size_t i = 0; i < n; i++) __builtin_prefetch(&slots[f[i] & mask]);
  for (size_t i = 0; i < n; i++) {
    uint64_t s = f[i] & mask;
    uint32_t check = (uint32_t)(f[i] >> 32);
    for (;;) {
      const BlNerSlot *e = &slots[s];
      if (e->index == BL_NER__EMPTY) break;
      if (e->check == check) {
        const int16_t *w = self->weights + (size_t)e->index * BL_NER_NLABELS;
        for (int l = 0; l < BL_NER_NLABELS; l++) scores[l] += w[l];
        break;
      }
      s = (s + 1) & mask;
    }
  }
}

void bl_ner_tag(const BlNerModel *self, const BlNerTokInfo *info, size_t n, uint8_t *labels)
{
  uint64_t f[BL_NER_MAX_STATIC + BL_NER_MAX_DYNAMIC];
  int p1 = BL_NER_O, p2 = BL_NER_O;
  for (size_t i = 0; i < n; i++) {
    int best = BL_NER_O;
    if (info[i].candidate) {
      size_t k = bl_ner_static_features(info, n, i, f);
      k += bl_ner_label_features(info, n, i, p1, p2, f + k);
      int32_t s[BL_NER_NLABELS] = {0};
      bl_ner_model_score(self, f, k, s);
      for (int l = 1; l < BL_NER_NLABELS; l++)
        if (s[l] > s[best] && bl_ner_label_allowed(p1, l)) best = l;
    }
    labels[i] = (uint8_t)best;
    p2 = p1;
    p1 = best;
  }
}
