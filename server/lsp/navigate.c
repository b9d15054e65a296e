/* navigate.c: moving through the corpus: textDocument/definition (an attribution, a Further
 * Reading line or a link to the source article — and to the quoted passage when a quote in the
 * sentence is found there; an entity to its defining mention, the full name behind an
 * acronym), textDocument/references (every mention of an entity across the corpus, at most
 * BL_NAV_REFS_MAX of them: this article's, then the newest articles' first),
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
/* A references answer lists at most this many places (see bl_feature_references). */
enum { BL_NAV_REFS_MAX = 1000 };

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

/* A JSON string as cJSON prints one (the same escapes), so a location written here reads the same
 * bytes as one built with cJSON. */
static void bl_nav__json_string(BlBuf *b, const char *s)
{
  bl_buf_putc(b, '"');
  for (const char *p = s; *p; p++) {
    unsigned char c = (unsigned char)*p;
    switch (c) {
    case '"': bl_buf_puts(b, "\\\""); break;
    case '\\': bl_buf_puts(b, "\\\\"); break;
    case '\b': bl_buf_puts(b, "\\b"); break;
    case '\f': bl_buf_puts(b, "\\f"); break;
    case '\n': bl_buf_puts(b, "\\n"); break;
    case '\r': bl_buf_puts(b, "\\r"); break;
    case '\t': bl_buf_puts(b, "\\t"); break;
    default:
      if (c < 32) bl_buf_printf(b, "\\u%04x", c);
      else bl_buf_putc(b, (char)c);
    }
  }
  bl_buf_putc(b, '"');
}

static void bl_nav__put_uint(BlBuf *b, size_t v)
{
  char digits[24];
  size_t n = 0;
  do digits[sizeof digits - ++n] = (char)('0' + v % 10);
  while ((v /= 10) && n < sizeof digits);
  bl_buf_append(b, digits + sizeof digits - n, n);
}

/* Whether n bytes are all ASCII (8 at a time). */
static bool bl_nav__ascii(const char *s, size_t n)
{
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (w & 0x8080808080808080ull) return false;
  }
  for (; i < n; i++)
    if ((unsigned char)s[i] & 0x80) return false;
  return true;
}

/* bl_line_index_position_at, with a shortcut when the line up to `offset` is ASCII (a character
 * is one unit in every encoding there): a mention deep in a long paragraph costs a quick scan,
 * not a decode of everything before it. */
static void bl_nav__position(const BlCorpusDoc *d, BlPosCursor *cur, size_t offset, BlEncoding enc, size_t *line,
                             size_t *character)
{
  if (offset <= d->len) {
    size_t l = bl_line_index_line_of(&d->lines, offset), from = d->lines.starts[l];
    if (bl_nav__ascii(d->text + from, offset - from)) {
      *line = l;
      *character = offset - from;
      *cur = (BlPosCursor){l, offset, offset - from, 1};
      return;
    }
  }
  bl_line_index_position_at(&d->lines, d->text, d->len, cur, offset, enc, line, character);
}

/* One Location, written straight into the response's bytes (a references answer can hold
 * hundreds: building them as cJSON objects cost more than finding them). `cur` continues from
 * the last place converted in the same document (zeroed for a new one). */
static void bl_nav__location_json(BlBuf *b, const BlCorpusDoc *d, BlPosCursor *cur, size_t start, size_t end,
                                  BlEncoding enc)
{
  size_t sl, sc, el, ec;
  bl_nav__position(d, cur, start, enc, &sl, &sc);
  bl_nav__position(d, cur, end, enc, &el, &ec);
  bl_buf_puts(b, "{\"uri\":");
  bl_nav__json_string(b, d->uri);
  bl_buf_puts(b, ",\"range\":{\"start\":{\"line\":");
  bl_nav__put_uint(b, sl);
  bl_buf_puts(b, ",\"character\":");
  bl_nav__put_uint(b, sc);
  bl_buf_puts(b, "},\"end\":{\"line\":");
  bl_nav__put_uint(b, el);
  bl_buf_puts(b, ",\"character\":");
  bl_nav__put_uint(b, ec);
  bl_buf_puts(b, "}}}");
}

/* The articles a capped references answer walks, newest first: each keyed by its date (YYYYMMDD,
 * 0 when it has none) above the complement of its first posting, so a larger key comes first. */
typedef struct {
  uint64_t key;
  size_t from, to; /* its postings */
} BlRefGroup;

static int bl_nav__newest_first(const void *a, const void *b)
{
  uint64_t x = ((const BlRefGroup *)a)->key, y = ((const BlRefGroup *)b)->key;
  return (x < y) - (x > y);
}

/* Moves the k largest keys to the front (in no order): a quickselect, so a name in thousands of
 * articles costs a pass or two over them, not a sort. Everything before lo is larger than
 * everything in [lo, hi), everything from hi on smaller. */
static void bl_nav__select_newest(BlRefGroup *g, size_t n, size_t k)
{
  size_t lo = 0, hi = n;
  while (hi - lo > 1 && k > lo && k < hi) {
    uint64_t pivot = g[lo + (hi - lo) / 2].key;
    size_t lt = lo, i = lo, gt = hi; /* [lo,lt) > pivot, [lt,i) == pivot, [gt,hi) < pivot */
    while (i < gt) {
      BlRefGroup t = g[i];
      if (t.key > pivot) g[i++] = g[lt], g[lt++] = t;
      else if (t.key < pivot) g[i] = g[--gt], g[gt] = t;
      else i++;
    }
    if (k < lt) hi = lt;
    else if (k > gt) lo = gt;
    else return;
  }
}

#define BL_NAV_DOC(p) bl_corpus_at(self->corpus, (size_t)((p) >> 32))

/* References: every mention of the entity across the corpus, in index order — up to
 * BL_NAV_REFS_MAX. Past that (a name in thousands of articles) the answer is the most useful
 * BL_NAV_REFS_MAX: every mention in this article, then one per other article (its first mention),
 * newest article first, then those articles' other mentions in the same order; the user is told
 * (window/showMessage) how many there are and what is listed. */
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
  const uint64_t *post;
  size_t total = bl_corpus_mention_postings(self->corpus, m->key, &post);
  BlBuf out;
  bl_buf_init(&out, 0);
  bl_buf_putc(&out, '[');
  size_t listed = 0;
  const BlCorpusDoc *at_doc = NULL;
  BlPosCursor cur = {0};
#define BL_NAV_EMIT(p)                                                                               \
  do {                                                                                               \
    const BlCorpusDoc *d_ = BL_NAV_DOC(p);                                                           \
    const BlCorpusMention *o_ = &d_->mentions.items[(uint32_t)(p)];                                  \
    if (listed++) bl_buf_putc(&out, ',');                                                            \
    if (d_ != at_doc) at_doc = d_, cur = (BlPosCursor){0};                                           \
    bl_nav__location_json(&out, d_, &cur, o_->start, o_->end, self->encoding);                       \
  } while (0)
  if (total <= BL_NAV_REFS_MAX) {
    for (size_t i = 0; i < total; i++) BL_NAV_EMIT(post[i]);
  } else {
    /* a document's postings are adjacent: group them; this article's go first */
    BlVec(BlRefGroup) groups = {0};
    size_t mine = 0;
    for (size_t i = 0; i < total;) { /* reads the postings and the dates array, not the documents */
      size_t j = i + 1, slot = (size_t)(post[i] >> 32);
      while (j < total && post[j] >> 32 == slot) j++;
      if (BL_NAV_DOC(post[i]) == me) {
        mine = j - i;
        for (size_t k = i; k < j && listed < BL_NAV_REFS_MAX; k++) BL_NAV_EMIT(post[k]);
      } else {
        uint64_t key = ((uint64_t)bl_corpus_date_key(self->corpus, slot) << 32) | (UINT32_MAX - (uint32_t)i);
        bl_vec_push(&groups, ((BlRefGroup){key, i, j}));
      }
      i = j;
    }
    size_t room = BL_NAV_REFS_MAX - listed, take = groups.len < room ? groups.len : room;
    bl_nav__select_newest(groups.items, groups.len, take);
    if (take > 1) qsort(groups.items, take, sizeof *groups.items, bl_nav__newest_first);
    for (size_t g = 0; g < take; g++) BL_NAV_EMIT(post[groups.items[g].from]);
    for (size_t g = 0; g < take && listed < BL_NAV_REFS_MAX; g++)
      for (size_t i = groups.items[g].from + 1; i < groups.items[g].to && listed < BL_NAV_REFS_MAX; i++)
        BL_NAV_EMIT(post[i]);
    cJSON *note = cJSON_CreateObject();
    cJSON_AddNumberToObject(note, "type", 3); /* Info */
    BlBuf msg;
    bl_buf_init(&msg, 0);
    bl_buf_printf(&msg,
                  "byline: \"%.*s\" is mentioned %zu times in %zu articles; listing the first %d: %s"
                  "one per article, newest first, then more from those articles",
                  (int)(m->end - m->start), me->text + m->start, total, groups.len + (mine ? 1 : 0),
                  BL_NAV_REFS_MAX, mine ? "this article's, then " : "");
    cJSON_AddStringToObject(note, "message", msg.data);
    bl_buf_free(&msg);
    bl_server__notify(self, "window/showMessage", note);
    bl_vec_free(&groups);
  }
#undef BL_NAV_EMIT
  bl_buf_putc(&out, ']');
  reply->result = cJSON_CreateRaw(out.data);
  bl_buf_free(&out);
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
