/* ner_model.c: the name model's file (format in ner.h): writing it (for the trainer), loading
 * and validating it, scoring features against it, and the greedy tagger.
 *
 * In memory a model is an open-addressing table (linear probing, at most half full) indexed by
 * the low bits of the feature hash. A slot is 16 bytes, a quarter of a cache line: sixteen 8-bit
 * lanes, the BL_NER_NLABELS weights of the feature first, zeros, and the high 32 bits of the hash
 * (| 1, so that 0 marks an empty slot) in the last four lanes. Scoring adds whole slots into
 * sixteen 16-bit sums, which compilers turn into a few vector instructions; the sums past the
 * weights collect garbage that nobody reads. A lookup touches one cache line, usually. Nothing is
 * written after loading, so one model serves any number of threads. */
#include "ner.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/alloc.h"
#include "../base/log.h"
#include "../docs_path.h"

#define BL_NER__MAGIC "BLNERMDL"
#define BL_NER__HEADER 32
#define BL_NER__MAX_FILE (64u << 20) /* 60 times the model we train; a bound against garbage */

#define BL_NER__LANES 16
#define BL_NER__CHECK_LANE 12 /* lanes 12 to 15 hold the check */

typedef struct {
  int8_t lane[BL_NER__LANES];
} BlNerSlot;

static inline uint32_t bl_ner__slot_check(const BlNerSlot *e)
{
  uint32_t c;
  memcpy(&c, &e->lane[BL_NER__CHECK_LANE], 4);
  return c;
}

struct BlNerModel {
  void *slots_mem; /* the allocation; slots is inside it, aligned to 64 */
  BlNerSlot *slots;
  uint64_t mask; /* slot count - 1 */
  size_t n;
  float scale;
};

/* Slots for n features: the smallest power of two at least 2n (and 16), so at most half full:
 * a hit takes 1.5 probes on average, a miss 2.5, and four slots share a cache line (2/3 full
 * measured a quarter more instructions in scoring). The file stores records in the order they
 * fill this table. */
static size_t bl_ner__table_size(size_t n)
{
  size_t slots = 16;
  while (slots < 2 * n) slots *= 2;
  return slots;
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
static uint64_t bl_ner__get64(const uint8_t *p)
{
  uint64_t v; /* one load; byte order fixed up on big-endian hosts */
  memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}
/* The file's checksum (ner.h): FNV-1a-64 steps over little-endian 64-bit words, the last 0-7
 * bytes one at a time, folded to 32 bits. A word at a time because loading is on the start-up
 * path. */
static uint32_t bl_ner__checksum(const uint8_t *s, size_t n)
{
  uint64_t h = 0xcbf29ce484222325ull;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) h = (h ^ bl_ner__get64(s + i)) * 0x100000001b3ull;
  for (; i < n; i++) h = (h ^ s[i]) * 0x100000001b3ull;
  return (uint32_t)(h ^ (h >> 32));
}

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
  uint64_t hash, slot;
  uint16_t mask;
  int8_t q[BL_NER_NLABELS];
} BlNerRecord;

static int bl_ner__record_cmp(const void *a, const void *b)
{
  const BlNerRecord *x = a, *y = b;
  if (x->slot != y->slot) return x->slot < y->slot ? -1 : 1;
  return x->hash < y->hash ? -1 : x->hash > y->hash;
}

int bl_ner_model_write(const char *path, const uint64_t *hashes, const float *w, size_t n, int min_q,
                       size_t *kept, char *err, size_t errlen)
{
  float maxabs = 0;
  for (size_t i = 0; i < n * BL_NER_NLABELS; i++)
    if (fabsf(w[i]) > maxabs) maxabs = fabsf(w[i]);
  float scale = maxabs > 0 ? (float)BL_NER_QMAX / maxabs : 1.0f;
  if (min_q < 1) min_q = 1;

  /* quantize and prune */
  BlNerRecord *rec = bl_malloc((n ? n : 1) * sizeof *rec);
  size_t count = 0;
  for (size_t k = 0; k < n; k++) {
    BlNerRecord r = {.hash = hashes[k]};
    for (int l = 0; l < BL_NER_NLABELS; l++) {
      long v = lrintf(w[k * BL_NER_NLABELS + l] * scale);
      if (v > BL_NER_QMAX) v = BL_NER_QMAX;
      if (v < -BL_NER_QMAX) v = -BL_NER_QMAX;
      r.q[l] = (int8_t)v;
      if (labs(v) >= min_q) r.mask |= (uint16_t)(1u << l);
    }
    if (r.mask) rec[count++] = r;
  }
  /* in table order, so that loading fills the table front to back */
  uint64_t smask = bl_ner__table_size(count) - 1;
  for (size_t j = 0; j < count; j++) rec[j].slot = rec[j].hash & smask;
  qsort(rec, count, sizeof *rec, bl_ner__record_cmp);

  /* header + at most (8 + 2 + labels) per feature + checksum */
  uint8_t *out = bl_malloc(BL_NER__HEADER + count * (10 + BL_NER_NLABELS) + 4);
  size_t pos = BL_NER__HEADER;
  for (size_t j = 0; j < count; j++) {
    if (j > 0 && rec[j].hash == rec[j - 1].hash) {
      bl_ner__err(err, errlen, "duplicate feature hash %016llx", (unsigned long long)rec[j].hash);
      bl_free(rec);
      bl_free(out);
      return -1;
    }
    bl_ner__put64(out + pos, rec[j].hash);
    bl_ner__put16(out + pos + 8, rec[j].mask);
    pos += 10;
    for (int l = 0; l < BL_NER_NLABELS; l++)
      if (rec[j].mask & (1u << l)) out[pos++] = (uint8_t)rec[j].q[l];
  }
  bl_free(rec);

  memcpy(out, BL_NER__MAGIC, 8);
  bl_ner__put32(out + 8, BL_NER_FORMAT_VERSION);
  bl_ner__put32(out + 12, BL_NER_FEATURE_VERSION);
  bl_ner__put32(out + 16, BL_NER_NLABELS);
  bl_ner__put32(out + 20, (uint32_t)count);
  uint32_t sbits;
  memcpy(&sbits, &scale, 4);
  bl_ner__put32(out + 24, sbits);
  bl_ner__put32(out + 28, 0);
  bl_ner__put32(out + pos, bl_ner__checksum(out, pos));
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
  struct stat st;
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    bl_ner__err(err, errlen, "not a regular file");
    fclose(f);
    return NULL;
  }
  if ((uint64_t)st.st_size > BL_NER__MAX_FILE) {
    bl_ner__err(err, errlen, "file larger than %u bytes", BL_NER__MAX_FILE);
    fclose(f);
    return NULL;
  }
  size_t n = (size_t)st.st_size;
  uint8_t *data = bl_malloc(n ? n : 1);
  size_t got = fread(data, 1, n, f);
  if (got != n) {
    bl_ner__err(err, errlen, "read error: %s", ferror(f) ? strerror(errno) : "file shrank while read");
    fclose(f);
    bl_free(data);
    return NULL;
  }
  fclose(f);
  *len = n;
  return data;
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
  if (sum != bl_ner__checksum(d, len - 4)) {
    bl_ner__err(err, errlen, "checksum mismatch (truncated or corrupt)");
    goto fail;
  }
  if (n > (len - BL_NER__HEADER - 4) / 11) {
    bl_ner__err(err, errlen, "feature count %u does not fit the file", n);
    goto fail;
  }

  m = bl_calloc(1, sizeof *m);
  uint32_t sbits = bl_ner__get32(d + 24);
  memcpy(&m->scale, &sbits, 4);
  m->n = n;
  size_t slots = bl_ner__table_size(n);
  m->mask = slots - 1;
  /* aligned to a cache line, so that no slot straddles two */
  m->slots_mem = bl_calloc(slots * sizeof *m->slots + 63, 1);
  m->slots = (BlNerSlot *)(((uintptr_t)m->slots_mem + 63) & ~(uintptr_t)63);

  size_t pos = BL_NER__HEADER, end = len - 4;
  uint64_t prev = 0, prev_slot = 0;
  for (uint32_t k = 0; k < n; k++) {
    if (end - pos < 10) {
      bl_ner__err(err, errlen, "record %u runs past the end", k);
      goto fail;
    }
    uint64_t h = bl_ner__get64(d + pos);
    uint16_t mask = bl_ner__get16(d + pos + 8);
    pos += 10;
    uint64_t home = h & m->mask;
    if (k > 0 && (home < prev_slot || (home == prev_slot && h <= prev))) {
      bl_ner__err(err, errlen, "record %u out of order", k);
      goto fail;
    }
    prev = h;
    prev_slot = home;
    if (mask == 0 || (mask >> BL_NER_NLABELS) != 0) {
      bl_ner__err(err, errlen, "record %u has a bad label mask %#x", k, mask);
      goto fail;
    }
    int8_t w[BL_NER_NLABELS] = {0};
    for (int l = 0; l < BL_NER_NLABELS; l++) {
      if (!(mask & (1u << l))) continue;
      if (end - pos < 1) {
        bl_ner__err(err, errlen, "record %u runs past the end", k);
        goto fail;
      }
      w[l] = (int8_t)d[pos++];
      if (w[l] < -BL_NER_QMAX) { /* -128: the writer never stores it */
        bl_ner__err(err, errlen, "record %u has a weight beyond %d", k, BL_NER_QMAX);
        goto fail;
      }
    }
    uint64_t s = home;
    while (bl_ner__slot_check(&m->slots[s])) s = (s + 1) & m->mask;
    uint32_t check = (uint32_t)(h >> 32) | 1;
    memcpy(m->slots[s].lane, w, sizeof w);
    memcpy(&m->slots[s].lane[BL_NER__CHECK_LANE], &check, 4);
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
  bl_free(self->slots_mem);
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
  int16_t acc[BL_NER__LANES] = {0}; /* weight sums stay far inside int16 (BL_NER_QMAX); the check
                                       lanes' garbage wraps (unsigned arithmetic below) */
  for (size_t i = 0; i < n; i++) {
    uint64_t s = f[i] & mask;
    uint32_t check = (uint32_t)(f[i] >> 32) | 1;
    for (;;) {
      const BlNerSlot *e = &slots[s];
      uint32_t c = bl_ner__slot_check(e);
      if (c == check) {
        for (int l = 0; l < BL_NER__LANES; l++) acc[l] = (int16_t)(uint16_t)((uint16_t)acc[l] + (uint16_t)e->lane[l]);
        break;
      }
      if (!c) break;
      s = (s + 1) & mask;
    }
  }
  for (int l = 0; l < BL_NER_NLABELS; l++) scores[l] += acc[l];
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
