/* corpus.c: the index over corpus documents (see corpus.h). Postings are (slot << 32 | item)
 * pairs in hash tables keyed by normalized strings; a replaced or removed document leaves its
 * slot empty and its postings are dropped from the lists they were in, so a re-indexed file costs
 * only its own work. It owns the documents, the tables (and their copies of the keys), a date
 * per slot, and the cache of normalized source texts (bl_corpus_norm_text), all freed by
 * bl_corpus_free; a document's cached text goes when the document does. */
#include "corpus.h"

#include <string.h>

#include "../base/alloc.h"
#include "normalize.h"

typedef BlVec(uint64_t) BlPostings;

typedef struct {
  char *key;
  BlPostings list;
} BlTableSlot;

typedef struct {
  BlTableSlot *slots;
  size_t cap, count;
} BlTable;

static uint64_t bl_table__hash(const char *s)
{
  uint64_t h = 1469598103934665603ull;
  for (; *s; s++) h = (h ^ (uint8_t)*s) * 1099511628211ull;
  return h;
}

static BlTableSlot *bl_table__find(const BlTable *t, const char *key)
{
  if (!t->cap) return NULL;
  size_t mask = t->cap - 1;
  for (size_t i = bl_table__hash(key) & mask;; i = (i + 1) & mask) {
    if (!t->slots[i].key) return NULL;
    if (strcmp(t->slots[i].key, key) == 0) return &t->slots[i];
  }
}

static BlTableSlot *bl_table__upsert(BlTable *t, const char *key)
{
  if ((t->count + 1) * 2 > t->cap) {
    BlTableSlot *old = t->slots;
    size_t old_cap = t->cap;
    t->cap = t->cap ? t->cap * 2 : 64;
    t->slots = bl_calloc(t->cap, sizeof *t->slots);
    for (size_t i = 0; i < old_cap; i++) {
      if (!old[i].key) continue;
      size_t mask = t->cap - 1, j = bl_table__hash(old[i].key) & mask;
      while (t->slots[j].key) j = (j + 1) & mask;
      t->slots[j] = old[i];
    }
    bl_free(old);
  }
  size_t mask = t->cap - 1, i = bl_table__hash(key) & mask;
  while (t->slots[i].key) {
    if (strcmp(t->slots[i].key, key) == 0) return &t->slots[i];
    i = (i + 1) & mask;
  }
  t->slots[i].key = bl_strdup(key);
  t->count++;
  return &t->slots[i];
}

static void bl_table__add(BlTable *t, const char *key, uint32_t slot, uint32_t item)
{
  if (!key || !key[0]) return;
  BlTableSlot *s = bl_table__upsert(t, key);
  bl_vec_push(&s->list, ((uint64_t)slot << 32) | item);
}

static void bl_table__drop(BlTable *t, const char *key, uint32_t slot)
{
  BlTableSlot *s = key && key[0] ? bl_table__find(t, key) : NULL;
  if (!s) return;
  size_t w = 0;
  for (size_t i = 0; i < s->list.len; i++)
    if ((uint32_t)(s->list.items[i] >> 32) != slot) s->list.items[w++] = s->list.items[i];
  s->list.len = w;
}

static void bl_table__free(BlTable *t)
{
  for (size_t i = 0; i < t->cap; i++) {
    bl_free(t->slots[i].key);
    bl_vec_free(&t->slots[i].list);
  }
  bl_free(t->slots);
  memset(t, 0, sizeof *t);
}

/* The normalized whole texts of source articles (bl_corpus_norm_text) are kept here, by slot,
 * up to this many bytes; past it the cache is emptied and refilled as texts are asked for. */
#define BL_CORPUS_NORM_BUDGET (16u * 1024u * 1024u)

struct BlCorpus {
  BlVec(BlCorpusDoc *) docs; /* slots; NULL when removed */
  BlVec(uint32_t) free_slots;
  BlTable by_uri, by_title, by_url, by_outlet, mentions, speakers, measures;
  size_t live;
  BlVec(uint32_t) dates; /* by slot: bl_corpus_date_key */
  BlVec(char *) norm;  /* by slot: the slot's document text normalized (owned), or NULL */
  size_t norm_bytes;   /* their total size */
  BlBuf norm_scratch;  /* the normalized text of a document the corpus does not hold */
};

BlCorpus *bl_corpus_new(void)
{
  return bl_calloc(1, sizeof(BlCorpus));
}

void bl_corpus_free(BlCorpus *self)
{
  if (!self) return;
  for (size_t i = 0; i < self->docs.len; i++) bl_corpus_doc_delete(self->docs.items[i]);
  bl_vec_free(&self->docs);
  bl_vec_free(&self->free_slots);
  bl_table__free(&self->by_uri);
  bl_table__free(&self->by_title);
  bl_table__free(&self->by_url);
  bl_table__free(&self->by_outlet);
  bl_table__free(&self->mentions);
  bl_table__free(&self->speakers);
  bl_table__free(&self->measures);
  bl_vec_free(&self->dates);
  for (size_t i = 0; i < self->norm.len; i++) bl_free(self->norm.items[i]);
  bl_vec_free(&self->norm);
  bl_buf_free(&self->norm_scratch);
  bl_free(self);
}

static void bl_corpus__norm_drop(BlCorpus *self, uint32_t slot)
{
  if (slot >= self->norm.len || !self->norm.items[slot]) return;
  self->norm_bytes -= strlen(self->norm.items[slot]) + 1;
  bl_free(self->norm.items[slot]);
  self->norm.items[slot] = NULL;
}

static void bl_corpus__unindex(BlCorpus *self, uint32_t slot)
{
  BlCorpusDoc *d = self->docs.items[slot];
  bl_corpus__norm_drop(self, slot);
  self->dates.items[slot] = 0;
  bl_table__drop(&self->by_uri, d->uri, slot);
  bl_table__drop(&self->by_title, d->title_key, slot);
  bl_table__drop(&self->by_url, d->url, slot);
  bl_table__drop(&self->by_outlet, d->outlet_key, slot);
  for (size_t i = 0; i < d->mentions.len; i++) bl_table__drop(&self->mentions, d->mentions.items[i].key, slot);
  for (size_t i = 0; i < d->quotes.len; i++) bl_table__drop(&self->speakers, d->quotes.items[i].speaker_key, slot);
  for (size_t i = 0; i < d->figures.len; i++) {
    const char *m = d->figures.items[i].measure;
    char word[128];
    for (const char *p = m; *p;) { /* each word of the measure */
      size_t n = strcspn(p, " ");
      if (n < sizeof word) {
        memcpy(word, p, n);
        word[n] = '\0';
        bl_table__drop(&self->measures, word, slot);
      }
      p += n + (p[n] == ' ');
    }
  }
  bl_corpus_doc_delete(d);
  self->docs.items[slot] = NULL;
  bl_vec_push(&self->free_slots, slot);
  self->live--;
}

static BlTableSlot *bl_corpus__uri_slot(const BlCorpus *self, const char *uri)
{
  BlTableSlot *s = bl_table__find(&self->by_uri, uri);
  return s && s->list.len ? s : NULL;
}

/* "2026-03-09" -> 20260309; 0 for anything else. */
static uint32_t bl_corpus__date_key(const char *s)
{
  uint32_t v = 0;
  for (int i = 0; i < 10; i++) {
    if (i == 4 || i == 7) {
      if (s[i] != '-') return 0;
      continue;
    }
    if (s[i] < '0' || s[i] > '9') return 0;
    v = v * 10 + (uint32_t)(s[i] - '0');
  }
  return v;
}

uint32_t bl_corpus_date_key(const BlCorpus *self, size_t slot)
{
  return slot < self->dates.len ? self->dates.items[slot] : 0;
}

void bl_corpus_remove(BlCorpus *self, const char *uri)
{
  BlTableSlot *s = bl_corpus__uri_slot(self, uri);
  if (s) bl_corpus__unindex(self, (uint32_t)(s->list.items[0] >> 32));
}

void bl_corpus_put(BlCorpus *self, BlCorpusDoc *d)
{
  bl_corpus_remove(self, d->uri);
  uint32_t slot;
  if (self->free_slots.len) {
    slot = self->free_slots.items[--self->free_slots.len];
    self->docs.items[slot] = d;
  } else {
    slot = (uint32_t)self->docs.len;
    bl_vec_push(&self->docs, d);
  }
  self->live++;
  while (self->dates.len <= slot) bl_vec_push(&self->dates, 0);
  self->dates.items[slot] = bl_corpus__date_key(d->date);
  bl_table__add(&self->by_uri, d->uri, slot, 0);
  bl_table__add(&self->by_title, d->title_key, slot, 0);
  bl_table__add(&self->by_url, d->url, slot, 0);
  bl_table__add(&self->by_outlet, d->outlet_key, slot, 0);
  for (size_t i = 0; i < d->mentions.len; i++) bl_table__add(&self->mentions, d->mentions.items[i].key, slot, (uint32_t)i);
  for (size_t i = 0; i < d->quotes.len; i++) bl_table__add(&self->speakers, d->quotes.items[i].speaker_key, slot, (uint32_t)i);
  for (size_t i = 0; i < d->figures.len; i++) {
    const char *m = d->figures.items[i].measure;
    char word[128];
    for (const char *p = m; *p;) {
      size_t n = strcspn(p, " ");
      if (n < sizeof word) {
        memcpy(word, p, n);
        word[n] = '\0';
        bl_table__add(&self->measures, word, slot, (uint32_t)i);
      }
      p += n + (p[n] == ' ');
    }
  }
}

size_t bl_corpus_count(const BlCorpus *self)
{
  return self->live;
}

size_t bl_corpus_slots(const BlCorpus *self)
{
  return self->docs.len;
}

const BlCorpusDoc *bl_corpus_at(const BlCorpus *self, size_t i)
{
  return i < self->docs.len ? self->docs.items[i] : NULL;
}

const BlCorpusDoc *bl_corpus_get(const BlCorpus *self, const char *uri)
{
  BlTableSlot *s = bl_corpus__uri_slot(self, uri);
  return s ? self->docs.items[s->list.items[0] >> 32] : NULL;
}

const char *bl_corpus_norm_text(const BlCorpus *corpus, const BlCorpusDoc *doc)
{
  BlCorpus *self = (BlCorpus *)corpus; /* a cache: what the corpus answers does not change */
  BlTableSlot *s = bl_corpus__uri_slot(self, doc->uri);
  uint32_t slot = s ? (uint32_t)(s->list.items[0] >> 32) : UINT32_MAX;
  if (!s || self->docs.items[slot] != doc) { /* not ours: computed each time */
    bl_buf_reset(&self->norm_scratch);
    bl_norm_quote(&self->norm_scratch, doc->text, doc->len);
    return self->norm_scratch.data ? self->norm_scratch.data : "";
  }
  while (self->norm.len <= slot) bl_vec_push(&self->norm, NULL);
  if (self->norm.items[slot]) return self->norm.items[slot];
  BlBuf b;
  bl_buf_init(&b, 0);
  bl_norm_quote(&b, doc->text, doc->len);
  size_t n;
  char *text = bl_buf_take(&b, &n);
  if (self->norm_bytes + n + 1 > BL_CORPUS_NORM_BUDGET) /* over budget: start again */
    for (uint32_t i = 0; i < self->norm.len; i++) bl_corpus__norm_drop(self, i);
  self->norm.items[slot] = text;
  self->norm_bytes += n + 1;
  return text;
}

/* ---------------------------------------------------------------- outlets */

/* Initials of a key's words ("coastal water authority" -> "cwa"). */
static void bl_corpus__initials(const char *key, char *out, size_t cap)
{
  size_t n = 0;
  for (const char *p = key; *p && n + 1 < cap; p++)
    if (p == key || p[-1] == ' ') out[n++] = *p;
  out[n] = '\0';
}

bool bl_corpus_outlet_matches(const char *cited, const char *outlet)
{
  if (!cited[0] || !outlet[0]) return false;
  if (strcmp(cited, outlet) == 0) return true;
  size_t c = strlen(cited), o = strlen(outlet);
  /* "ledger" cites "harbor ledger"; "washington post" cites "the washington post" */
  if (c < o && outlet[o - c - 1] == ' ' && strcmp(outlet + o - c, cited) == 0) return true;
  /* "cwa" cites "coastal water authority" */
  if (!strchr(cited, ' ') && c >= 2) {
    char ini[64];
    bl_corpus__initials(outlet, ini, sizeof ini);
    if (strcmp(ini, cited) == 0) return true;
  }
  return false;
}

size_t bl_corpus_find_outlet(const BlCorpus *self, const char *key, const BlCorpusDoc **out, size_t max)
{
  /* over the distinct outlets (a newsroom has tens, not thousands), then their articles */
  size_t n = 0;
  if (!key[0]) return 0;
  for (size_t i = 0; i < self->by_outlet.cap; i++) {
    const BlTableSlot *s = &self->by_outlet.slots[i];
    if (!s->key || !s->list.len || !bl_corpus_outlet_matches(key, s->key)) continue;
    for (size_t k = 0; k < s->list.len; k++) {
      if (n < max) out[n] = self->docs.items[s->list.items[k] >> 32];
      n++;
    }
  }
  return n;
}

const BlCorpusDoc *bl_corpus_find_title(const BlCorpus *self, const char *title_key, const char *outlet_key)
{
  BlTableSlot *s = bl_table__find(&self->by_title, title_key);
  if (!s) return NULL;
  for (size_t i = 0; i < s->list.len; i++) {
    const BlCorpusDoc *d = self->docs.items[s->list.items[i] >> 32];
    if (!outlet_key || bl_corpus_outlet_matches(outlet_key, d->outlet_key)) return d;
  }
  return NULL;
}

const BlCorpusDoc *bl_corpus_find_url(const BlCorpus *self, const char *url)
{
  BlTableSlot *s = url && url[0] ? bl_table__find(&self->by_url, url) : NULL;
  return s && s->list.len ? self->docs.items[s->list.items[0] >> 32] : NULL;
}

/* ---------------------------------------------------------------- postings */

static size_t bl_corpus__hits(const BlCorpus *self, const BlTable *t, const char *key, BlCorpusHit *out, size_t max)
{
  BlTableSlot *s = key && key[0] ? bl_table__find(t, key) : NULL;
  if (!s) return 0;
  for (size_t i = 0; i < s->list.len && i < max; i++)
    out[i] = (BlCorpusHit){self->docs.items[s->list.items[i] >> 32], (uint32_t)s->list.items[i]};
  return s->list.len;
}

size_t bl_corpus_mentions(const BlCorpus *self, const char *key, BlCorpusHit *out, size_t max)
{
  return bl_corpus__hits(self, &self->mentions, key, out, max);
}

static size_t bl_corpus__postings(const BlTable *t, const char *key, const uint64_t **out)
{
  BlTableSlot *s = key && key[0] ? bl_table__find(t, key) : NULL;
  *out = s && s->list.len ? s->list.items : NULL;
  return s ? s->list.len : 0;
}

size_t bl_corpus_mention_postings(const BlCorpus *self, const char *key, const uint64_t **out)
{
  return bl_corpus__postings(&self->mentions, key, out);
}

size_t bl_corpus_doc_count(const BlCorpus *self, const char *key)
{
  BlTableSlot *s = key && key[0] ? bl_table__find(&self->mentions, key) : NULL;
  if (!s) return 0;
  size_t n = 0;
  uint64_t prev = UINT64_MAX;
  for (size_t i = 0; i < s->list.len; i++) { /* postings of one document are adjacent */
    uint64_t slot = s->list.items[i] >> 32;
    n += slot != prev;
    prev = slot;
  }
  return n;
}

size_t bl_corpus_quote_postings(const BlCorpus *self, const char *speaker_key, const uint64_t **out)
{
  return bl_corpus__postings(&self->speakers, speaker_key, out);
}

size_t bl_corpus_figure_postings(const BlCorpus *self, const char *measure, const uint64_t **out)
{
  return bl_corpus__postings(&self->measures, measure, out);
}

void bl_corpus_each_entity(const BlCorpus *self, void (*fn)(const char *key, BlCorpusHit first, void *data),
                           void *data)
{
  for (size_t i = 0; i < self->mentions.cap; i++) {
    const BlTableSlot *s = &self->mentions.slots[i];
    if (!s->key || !s->list.len) continue;
    BlCorpusHit first = {self->docs.items[s->list.items[0] >> 32], (uint32_t)s->list.items[0]};
    fn(s->key, first, data);
  }
}

static uint64_t bl_corpus__mix(uint64_t h, const void *p, size_t n)
{
  const uint8_t *b = p;
  for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 1099511628211ull;
  return (h ^ 0xff) * 1099511628211ull; /* a separator, so "ab"+"c" differs from "a"+"bc" */
}

static uint64_t bl_corpus__mix_str(uint64_t h, const char *s)
{
  return bl_corpus__mix(h, s ? s : "", s ? strlen(s) : 0);
}

uint64_t bl_corpus_doc_fingerprint(const BlCorpusDoc *d)
{
  uint64_t h = 1469598103934665603ull;
  h = bl_corpus__mix_str(h, d->title_key);
  h = bl_corpus__mix_str(h, d->outlet_key);
  h = bl_corpus__mix_str(h, d->date);
  h = bl_corpus__mix_str(h, d->url);
  for (size_t i = 0; i < d->quotes.len; i++) {
    h = bl_corpus__mix_str(h, d->quotes.items[i].norm);
    h = bl_corpus__mix_str(h, d->quotes.items[i].speaker_key);
    h = bl_corpus__mix_str(h, d->quotes.items[i].cite_key);
  }
  for (size_t i = 0; i < d->figures.len; i++) {
    const BlCorpusFigure *f = &d->figures.items[i];
    h = bl_corpus__mix_str(h, f->subject_key);
    h = bl_corpus__mix_str(h, f->measure);
    h = bl_corpus__mix(h, &f->value, sizeof f->value);
    h = bl_corpus__mix(h, f->unit, sizeof f->unit);
    h = bl_corpus__mix(h, &f->kind, 1);
  }
  for (size_t i = 0; i < d->cites.len; i++) {
    h = bl_corpus__mix_str(h, d->cites.items[i].outlet_key);
    h = bl_corpus__mix_str(h, d->cites.items[i].title_key);
    h = bl_corpus__mix_str(h, d->cites.items[i].url);
  }
  return h;
}
