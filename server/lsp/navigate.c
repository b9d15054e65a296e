/* navigate.c: moving through the corpus: textDocument/definition (an attribution, a Further
 * Reading line or a link to the source article — and to the quoted passage when a quote in the
 * sentence is found there; an entity to its defining mention, the full name behind an
 * acronym), textDocument/references (every mention of an entity across the corpus),
 * textDocument/documentLink (Further Reading lines and links that resolve to corpus articles)
 * and workspace/symbol (entities and articles, fuzzy-matched and ranked). */
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../corpus/normalize.h"
#include "convert.h"
#include "jsonrpc.h"
#include "server_internal.h"

enum { BL_NAV_MAX = 512 };

static cJSON *bl_nav__range(const BlCorpusDoc *d, size_t start, size_t end, BlEncoding enc)
{
  size_t sl, sc, el, ec;
  bl_line_index_position(&d->lines, d->text, d->len, start, enc, &sl, &sc);
  bl_line_index_position(&d->lines, d->text, d->len, end, enc, &el, &ec);
  return bl_lsp_range_at(sl, sc, el, ec);
}

static cJSON *bl_nav__location(const BlCorpusDoc *d, size_t start, size_t end, BlEncoding enc)
{
  cJSON *loc = cJSON_CreateObject();
  cJSON_AddStringToObject(loc, "uri", d->uri);
  cJSON_AddItemToObject(loc, "range", bl_nav__range(d, start, end, enc));
  return loc;
}

/* The start of an article's headline (after front matter): where "go to source" lands. */
static size_t bl_nav__article_start(const BlCorpusDoc *d)
{
  if (d->len >= 4 && strncmp(d->text, "---", 3) == 0) {
    const char *end = strstr(d->text + 3, "\n---");
    if (end) {
      const char *p = end + 4;
      while (*p == '\n' || *p == '\r' || *p == ' ') p++;
      return (size_t)(p - d->text);
    }
  }
  return 0;
}

/* The open document's corpus entry and the cite under `offset`, or NULL. */
static const BlCorpusCite *bl_nav__cite_at(const BlCorpusDoc *d, size_t offset)
{
  const BlCorpusCite *found = NULL; /* a link names its article exactly: it wins over a name */
  for (size_t i = 0; i < d->cites.len; i++) {
    const BlCorpusCite *c = &d->cites.items[i];
    if (c->start <= offset && offset <= c->end && (!found || c->kind == BL_CITE_LINK)) found = c;
  }
  return found;
}

/* The article a cite resolves to (other than the citing one), or NULL. */
static const BlCorpusDoc *bl_nav__resolve(const BlServer *self, const BlCorpusDoc *from, const BlCorpusCite *c)
{
  if (c->kind == BL_CITE_LINK) return bl_corpus_find_url(self->corpus, c->url);
  if (c->title_key) {
    const BlCorpusDoc *d = bl_corpus_find_title(self->corpus, c->title_key, c->outlet_key);
    if (d) return d;
  }
  /* of the outlet's articles: one that holds a quote of the citing sentence, else the latest one
   * published no later than the citing article, else any */
  const BlCorpusDoc *found[64], *dated = NULL, *any = NULL;
  size_t n = bl_corpus_find_outlet(self->corpus, c->outlet_key, found, 64);
  for (size_t i = 0; i < n && i < 64; i++) {
    const BlCorpusDoc *d = found[i];
    if (strcmp(d->uri, from->uri) == 0) continue;
    for (size_t k = 0; k < from->quotes.len && c->sentence >= 0; k++) {
      const BlCorpusQuote *q = &from->quotes.items[k];
      if (q->start < c->sentence_start || q->start >= c->sentence_end || !q->norm[0]) continue;
      for (size_t j = 0; j < d->quotes.len; j++)
        if (bl_norm_contains(d->quotes.items[j].norm, q->norm) || bl_norm_similarity_grams(q->grams, q->ngrams,
                                                                                           d->quotes.items[j].grams,
                                                                                           d->quotes.items[j].ngrams) >= 0.5)
          return d;
    }
    if (!any) any = d;
    bool not_later = !d->date[0] || !from->date[0] || strcmp(d->date, from->date) <= 0;
    if (not_later && (!dated || strcmp(d->date, dated->date) > 0)) dated = d;
  }
  return dated ? dated : any;
}

static const BlCorpusDoc *bl_nav__self(BlServer *self, const cJSON *params, BlReply *reply, BlDocument **doc_out,
                                       size_t *offset)
{
  const char *uri = bl_server__str(bl_server__obj(params, "textDocument"), "uri");
  BlDocument *doc = uri ? bl_store_get(&self->store, uri) : NULL;
  if (!doc) {
    bl_server__reply_error(reply, BL_RPC_INVALID_PARAMS, "Invalid params: need an open textDocument");
    return NULL;
  }
  if (offset) {
    BlPosition p;
    int rc = bl_lsp_read_position(bl_server__obj(params, "position"), &p);
    if (rc == BL_POS_OK)
      rc = bl_line_index_offset(&doc->lines, doc->text, doc->len, p.line, p.character, self->encoding, offset);
    if (rc != BL_POS_OK) {
      bl_server__reply_error(reply, BL_RPC_INVALID_PARAMS, "Invalid params: position: %s",
                             rc > 0 ? "need integer line and character" : bl_line_index_strerror(rc));
      return NULL;
    }
  }
  *doc_out = doc;
  bl_server__analysis(self, doc); /* puts the buffer's summary in the corpus */
  return bl_corpus_get(self->corpus, doc->uri);
}

static const BlCorpusMention *bl_nav__mention_at(const BlCorpusDoc *d, size_t offset)
{
  for (size_t i = 0; i < d->mentions.len; i++) {
    const BlCorpusMention *m = &d->mentions.items[i];
    if (m->start <= offset && offset <= m->end) return m;
  }
  return NULL;
}

void bl_feature_definition(BlServer *self, const cJSON *params, BlReply *reply)
{
  BlDocument *doc;
  size_t offset;
  const BlCorpusDoc *me = bl_nav__self(self, params, reply, &doc, &offset);
  if (!me) {
    if (!reply->code) reply->result = cJSON_CreateNull();
    return;
  }
  const BlCorpusCite *c = bl_nav__cite_at(me, offset);
  if (c) {
    const BlCorpusDoc *src = bl_nav__resolve(self, me, c);
    if (!src) {
      reply->result = cJSON_CreateNull();
      return;
    }
    /* a quote of this sentence found in the source: land on the passage */
    for (size_t i = 0; i < me->quotes.len; i++) {
      const BlCorpusQuote *q = &me->quotes.items[i];
      /* only a quote of the citing sentence */
      if (c->sentence < 0 || q->start < c->sentence_start || q->start >= c->sentence_end) continue;
      for (size_t k = 0; k < src->quotes.len; k++) {
        const BlCorpusQuote *sq = &src->quotes.items[k];
        if (q->norm[0] && (bl_norm_contains(sq->norm, q->norm) ||
                           bl_norm_similarity_grams(q->grams, q->ngrams, sq->grams, sq->ngrams) >= 0.5)) {
          reply->result = bl_nav__location(src, src->quotes.items[k].start, src->quotes.items[k].end, self->encoding);
          return;
        }
      }
    }
    size_t at = bl_nav__article_start(src);
    reply->result = bl_nav__location(src, at, at, self->encoding);
    return;
  }
  const BlCorpusMention *m = bl_nav__mention_at(me, offset);
  if (!m) {
    reply->result = cJSON_CreateNull();
    return;
  }
  /* the defining mention: the first full (non-acronym) mention, here first, then elsewhere */
  for (size_t i = 0; i < me->mentions.len; i++) {
    const BlCorpusMention *o = &me->mentions.items[i];
    if (strcmp(o->key, m->key) == 0 && !(o->flags & BL_EF_ACRONYM)) {
      reply->result = bl_nav__location(me, o->start, o->end, self->encoding);
      return;
    }
  }
  BlCorpusHit hits[BL_NAV_MAX];
  size_t n = bl_corpus_mentions(self->corpus, m->key, hits, BL_NAV_MAX);
  for (size_t i = 0; i < n && i < BL_NAV_MAX; i++) {
    const BlCorpusMention *o = &hits[i].doc->mentions.items[hits[i].index];
    if (!(o->flags & BL_EF_ACRONYM)) {
      reply->result = bl_nav__location(hits[i].doc, o->start, o->end, self->encoding);
      return;
    }
  }
  reply->result = bl_nav__location(me, m->start, m->end, self->encoding);
}

void bl_feature_references(BlServer *self, const cJSON *params, BlReply *reply)
{
  BlDocument *doc;
  size_t offset;
  const BlCorpusDoc *me = bl_nav__self(self, params, reply, &doc, &offset);
  const BlCorpusMention *m = me ? bl_nav__mention_at(me, offset) : NULL;
  if (!m) {
    if (!reply->code) reply->result = cJSON_CreateNull();
    return;
  }
  BlCorpusHit *hits = malloc(sizeof *hits * 4096);
  size_t n = hits ? bl_corpus_mentions(self->corpus, m->key, hits, 4096) : 0;
  cJSON *out = cJSON_CreateArray();
  for (size_t i = 0; i < n && i < 4096; i++) {
    const BlCorpusMention *o = &hits[i].doc->mentions.items[hits[i].index];
    cJSON_AddItemToArray(out, bl_nav__location(hits[i].doc, o->start, o->end, self->encoding));
  }
  free(hits);
  reply->result = out;
}

void bl_feature_document_links(BlServer *self, const cJSON *params, BlReply *reply)
{
  BlDocument *doc;
  const BlCorpusDoc *me = bl_nav__self(self, params, reply, &doc, NULL);
  if (!me) return;
  cJSON *out = cJSON_CreateArray();
  for (size_t i = 0; i < me->cites.len; i++) {
    const BlCorpusCite *c = &me->cites.items[i];
    if (c->kind == BL_CITE_ATTRIBUTION) continue; /* those are for go-to-definition */
    const BlCorpusDoc *src = bl_nav__resolve(self, me, c);
    if (!src) continue;
    cJSON *l = cJSON_CreateObject();
    cJSON_AddItemToObject(l, "range", bl_nav__range(me, c->start, c->end, self->encoding));
    cJSON_AddStringToObject(l, "target", src->uri);
    BlBuf tip;
    bl_buf_init(&tip, 0);
    bl_buf_printf(&tip, "%s%s%s%s%s", src->title, src->outlet[0] ? " (" : "", src->outlet, src->outlet[0] ? ")" : "",
                  src->date[0] ? ", " : "");
    if (src->date[0]) bl_buf_puts(&tip, src->date);
    cJSON_AddStringToObject(l, "tooltip", tip.data ? tip.data : "");
    bl_buf_free(&tip);
    cJSON_AddItemToArray(out, l);
  }
  reply->result = out;
}

/* ---------------------------------------------------------------- workspace/symbol */

/* Fuzzy score of `query` (lowercased) against `name`: every query character in order; earlier,
 * word-initial and contiguous matches score higher. -1 when it does not match. */
static int bl_nav__fuzzy(const char *query, const char *name)
{
  int score = 0, run = 0;
  const char *p = name;
  for (const char *q = query; *q; q++) {
    char want = (*q >= 'A' && *q <= 'Z') ? (char)(*q + 32) : *q;
    if (want == ' ') continue;
    bool found = false;
    for (; *p; p++) {
      char c = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
      if (c == want) {
        bool initial = p == name || p[-1] == ' ';
        score += 10 + (initial ? 8 : 0) + run * 4 - (int)((p - name) / 8);
        run++;
        p++;
        found = true;
        break;
      }
      run = 0;
    }
    if (!found) return -1;
  }
  return score * 100 / (int)(strlen(name) + 10);
}

typedef struct {
  int score;
  const BlCorpusDoc *doc;
  size_t start, end;
  const char *name;
  int kind; /* LSP SymbolKind */
} BlSymbolHit;

static int bl_nav__by_score(const void *a, const void *b)
{
  const BlSymbolHit *x = a, *y = b;
  if (x->score != y->score) return y->score - x->score;
  return strcmp(x->name, y->name);
}

typedef BlVec(BlSymbolHit) BlSymbolHits;

typedef struct {
  const char *query;
  BlSymbolHits *hits;
  const BlCorpus *corpus;
  BlCorpusHit *postings; /* scratch */
} BlSymbolScan;

/* A matching entity gives one symbol per article that names it (its first mention there); the
 * query is scored once per distinct name, not once per mention. */
static void bl_nav__symbol_entity(const char *key, BlCorpusHit first, void *data)
{
  (void)first;
  BlSymbolScan *scan = data;
  int sc = bl_nav__fuzzy(scan->query, key);
  if (sc < 0) return;
  size_t n = bl_corpus_mentions(scan->corpus, key, scan->postings, BL_NAV_MAX);
  const BlCorpusDoc *prev = NULL;
  for (size_t i = 0; i < n && i < BL_NAV_MAX; i++) {
    if (scan->postings[i].doc == prev) continue; /* a document's postings are adjacent */
    prev = scan->postings[i].doc;
    const BlCorpusMention *m = &prev->mentions.items[scan->postings[i].index];
    int kind = m->kind == BL_ENT_PERSON ? 13 /* Variable */ : m->kind == BL_ENT_PLACE ? 2 /* Module */ : 5 /* Class */;
    BlSymbolHit h = {sc, prev, m->start, m->end, key, kind};
    bl_vec_push(scan->hits, h);
  }
}

void bl_feature_workspace_symbols(BlServer *self, const cJSON *params, BlReply *reply)
{
  const char *query = bl_server__str(params, "query");
  if (!query) {
    bl_server__reply_error(reply, BL_RPC_INVALID_PARAMS, "Invalid params: need query");
    return;
  }
  BlSymbolHits hits = {0};
  for (size_t s = 0; s < bl_corpus_slots(self->corpus); s++) {
    const BlCorpusDoc *d = bl_corpus_at(self->corpus, s);
    if (!d) continue;
    int sc = bl_nav__fuzzy(query, d->title);
    if (sc >= 0) {
      size_t at = bl_nav__article_start(d);
      BlSymbolHit h = {sc + 5, d, at, at, d->title, 1 /* File */};
      bl_vec_push(&hits, h);
    }
  }
  /* entities: scored over the distinct names, not every mention */
  BlCorpusHit *postings = malloc(sizeof *postings * BL_NAV_MAX);
  BlSymbolScan scan = {query, &hits, self->corpus, postings};
  if (postings) bl_corpus_each_entity(self->corpus, bl_nav__symbol_entity, &scan);
  free(postings);
  if (hits.len > 1) qsort(hits.items, hits.len, sizeof *hits.items, bl_nav__by_score);
  cJSON *out = cJSON_CreateArray();
  for (size_t i = 0; i < hits.len && i < 100; i++) {
    const BlSymbolHit *h = &hits.items[i];
    cJSON *sym = cJSON_CreateObject();
    if (h->kind == 1) {
      cJSON_AddStringToObject(sym, "name", h->name);
    } else { /* show the entity as written */
      char name[256];
      size_t n = h->end - h->start < sizeof name - 1 ? h->end - h->start : sizeof name - 1;
      memcpy(name, h->doc->text + h->start, n);
      name[n] = '\0';
      cJSON_AddStringToObject(sym, "name", name);
    }
    cJSON_AddNumberToObject(sym, "kind", h->kind);
    cJSON_AddStringToObject(sym, "containerName", h->doc->title);
    cJSON_AddItemToObject(sym, "location", bl_nav__location(h->doc, h->start, h->end, self->encoding));
    cJSON_AddItemToArray(out, sym);
  }
  bl_vec_free(&hits);
  reply->result = out;
}
