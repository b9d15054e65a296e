/* summary.c: what the corpus keeps of one analyzed article (see corpus.h, bl_corpus_doc_new):
 * the catalogue entry, mentions of named entities, quotes with their speaker and cited outlet,
 * stated figures with their subject and measure, and citations (attributions to outlets,
 * Further Reading lines, links). It owns the document's string pool and grams block (built
 * last, by bl_sum__pack) and frees a document (bl_corpus_doc_delete). */
#include <string.h>
#include <strings.h>

#include "../base/alloc.h"
#include "../base/buf.h"
#include "corpus.h"
#include "normalize.h"

static char *bl_sum__key(const char *s, size_t n)
{
  BlBuf b;
  bl_buf_init(&b, 0);
  bl_norm_key(&b, s, n);
  return bl_buf_take(&b, NULL);
}

static char *bl_sum__dup(const char *s)
{
  return bl_strdup(s ? s : "");
}

/* The last word of a key ("miriam castellanos" -> "castellanos"). */
static char *bl_sum__last_word(const char *key)
{
  const char *sp = strrchr(key, ' ');
  return bl_strdup(sp ? sp + 1 : key);
}

/* Whether a normalized name reads as a news outlet, a wire service or a report. */
static bool bl_sum__outlet_word(const char *key)
{
  static const char *const words[] = {
      "gazette", "times", "post", "ledger", "wire", "journal", "herald", "tribune", "news", "courier",
      "review", "daily", "chronicle", "telegraph", "guardian", "observer", "press", "report", "magazine",
      "radio", "television", "tv", "broadcasting", "bulletin", "dispatch", "examiner", "inquirer", "monitor",
      "register", "sentinel", "star", "sun", "mail", "mirror", "express", "standard", "economist", "reuters",
      "bloomberg", "politico", "axios", "forbes",
  };
  const char *last = strrchr(key, ' ');
  last = last ? last + 1 : key;
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strcmp(last, words[i]) == 0) return true;
  return false;
}

static const BlEntity *bl_sum__entity_in(const BlAnalysis *an, uint32_t start, uint32_t end,
                                         bool (*want)(const BlAnalysis *, const BlEntity *))
{
  /* entities are sorted and do not overlap: start at the first one at or after `start` */
  size_t lo = 0, hi = an->entities.items.len;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (an->entities.items.items[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  for (size_t i = lo; i < an->entities.items.len; i++) {
    const BlEntity *e = &an->entities.items.items[i];
    if (e->start >= end) break;
    if (e->start >= start && want(an, e)) return e;
  }
  return NULL;
}

static bool bl_sum__is_named(const BlAnalysis *an, const BlEntity *e)
{
  (void)an;
  return e->kind == BL_ENT_ORGANIZATION || e->kind == BL_ENT_PERSON || e->kind == BL_ENT_PLACE;
}

/* An actor a figure can be about: a named organization (not a news outlet: outlets report
 * figures, they are rarely their subject), person or place. */
static bool bl_sum__is_actor(const BlAnalysis *an, const BlEntity *e)
{
  if (!bl_sum__is_named(an, e)) return false;
  if (e->kind != BL_ENT_ORGANIZATION) return true;
  if (e->subtype == BL_ORG_MEDIA) return false;
  char *key = bl_sum__key(an->text + e->start, e->end - e->start); /* "Harbor Ledger" reads as an outlet */
  bool outlet = bl_sum__outlet_word(key);
  bl_free(key);
  return !outlet;
}

static bool bl_sum__is_org(const BlAnalysis *an, const BlEntity *e)
{
  (void)an;
  return e->kind == BL_ENT_ORGANIZATION;
}

static bool bl_sum__is_outlet(const BlAnalysis *an, const BlEntity *e)
{
  if (e->kind != BL_ENT_ORGANIZATION) return false;
  if (e->subtype == BL_ORG_MEDIA) return true;
  char *key = bl_sum__key(an->text + e->start, e->end - e->start); /* "the Ledger", "Harbor Times" */
  bool outlet = bl_sum__outlet_word(key);
  bl_free(key);
  return outlet;
}

static const BlSentence *bl_sum__sentence_of(const BlAnalysis *an, uint32_t offset, int32_t *index)
{
  const BlSentences *ss = &an->tokens.sentences;
  size_t lo = 0, hi = ss->len;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (ss->items[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  if (lo < ss->len && ss->items[lo].start <= offset) {
    if (index) *index = (int32_t)lo;
    return &ss->items[lo];
  }
  if (index) *index = -1;
  return NULL;
}

/* ---------------------------------------------------------------- pieces */

/* Mentions: a name mentioned twenty times is one heap block shared by its twenty entries (the
 * key is normalized into one scratch buffer and looked up among this article's keys so far), so
 * summarizing allocates per distinct name, not per mention; bl_sum__pack then frees each block
 * once. */
static void bl_sum__mentions(BlCorpusDoc *doc, const BlAnalysis *an)
{
  BlBuf scratch;
  bl_buf_init(&scratch, 0);
  size_t cap = 64;
  while (cap < an->entities.items.len * 2) cap *= 2;
  const char **seen = bl_calloc(cap, sizeof *seen); /* open addressing over this article's keys */
  for (size_t i = 0; i < an->entities.items.len; i++) {
    const BlEntity *e = &an->entities.items.items[i];
    if (!bl_sum__is_named(an, e)) continue;
    const char *name = e->canonical ? e->canonical : an->text + e->start;
    size_t n = e->canonical ? strlen(e->canonical) : e->end - e->start;
    bl_buf_reset(&scratch);
    bl_norm_key(&scratch, name, n);
    if (!scratch.len) continue;
    uint64_t h = 1469598103934665603ull;
    for (size_t k = 0; k < scratch.len; k++) h = (h ^ (uint8_t)scratch.data[k]) * 1099511628211ull;
    size_t k = (size_t)h & (cap - 1);
    while (seen[k] && strcmp(seen[k], scratch.data) != 0) k = (k + 1) & (cap - 1);
    if (!seen[k]) seen[k] = bl_strndup(scratch.data, scratch.len);
    BlCorpusMention m = {seen[k], e->kind, e->flags, e->start, e->end};
    bl_vec_push(&doc->mentions, m);
  }
  bl_free(seen);
  bl_buf_free(&scratch);
}

static char *bl_sum__speaker_key(const BlAnalysis *an, const BlQuote *q)
{
  for (int hops = 0; q && hops < 8; hops++) {
    if (q->speaker_entity >= 0 && (size_t)q->speaker_entity < an->entities.items.len) {
      const BlEntity *e = &an->entities.items.items[q->speaker_entity];
      if (e->kind == BL_ENT_PERSON) {
        const char *name = e->canonical ? e->canonical : an->text + e->start;
        char *key = bl_sum__key(name, e->canonical ? strlen(e->canonical) : e->end - e->start);
        char *last = bl_sum__last_word(key);
        bl_free(key);
        return last;
      }
    }
    if (q->how == BL_SPEAKER_CUE && q->speaker.end > q->speaker.start) {
      unsigned char c = (unsigned char)an->text[q->speaker.start];
      if (c >= 'A' && c <= 'Z') { /* a name as written: its last word */
        char *key = bl_sum__key(an->text + q->speaker.start, q->speaker.end - q->speaker.start);
        char *last = bl_sum__last_word(key);
        bl_free(key);
        return last;
      }
      return bl_strdup("");
    }
    if (q->resolved_from < 0 || (size_t)q->resolved_from >= an->quotes.len) break;
    q = &an->quotes.items[q->resolved_from];
  }
  return bl_strdup("");
}

static void bl_sum__quotes(BlCorpusDoc *doc, const BlAnalysis *an)
{
  for (size_t i = 0; i < an->quotes.len; i++) {
    const BlQuote *q = &an->quotes.items[i];
    if (q->content.end <= q->content.start) continue;
    BlBuf norm;
    bl_buf_init(&norm, 0);
    bl_norm_quote(&norm, an->text + q->content.start, q->content.end - q->content.start);
    BlCorpusQuote cq = {bl_buf_take(&norm, NULL), bl_sum__speaker_key(an, q), NULL, q->span.start, q->span.end, NULL, 0};
    /* the outlet its sentence cites ("… told the Ledger"), outside the quote itself */
    const BlSentence *s = bl_sum__sentence_of(an, q->span.start, NULL);
    const BlEntity *outlet = NULL;
    if (s) { /* an outlet first; else any organization ("a statement released by the Authority") */
      outlet = bl_sum__entity_in(an, q->span.end, s->end, bl_sum__is_outlet);
      if (!outlet && s->start < q->span.start) outlet = bl_sum__entity_in(an, s->start, q->span.start, bl_sum__is_outlet);
      if (!outlet) outlet = bl_sum__entity_in(an, q->span.end, s->end, bl_sum__is_org);
    }
    cq.cite_key = outlet ? bl_sum__key(an->text + outlet->start, outlet->end - outlet->start) : bl_strdup("");
    cq.grams = bl_norm_grams(cq.norm, &cq.ngrams);
    bl_vec_push(&doc->quotes, cq);
  }
}

static bool bl_sum__stopword(const char *w, size_t n)
{
  static const char *const stop[] = {
      "a", "an", "the", "its", "their", "his", "her", "of", "in", "on", "at", "to", "for", "by", "from", "over",
      "about", "some", "than", "more", "less", "nearly", "almost", "roughly", "around", "up", "this", "that",
      "s", "per", "each", "every", "all", "new", "total", "worth", "another", "extra", "additional",
  };
  for (size_t i = 0; i < sizeof stop / sizeof stop[0]; i++)
    if (strlen(stop[i]) == n && strncasecmp(stop[i], w, n) == 0) return true;
  return false;
}

static bool bl_sum__stop_token(const BlAnalysis *an, const BlToken *tok)
{
  const char *w = an->text + tok->start;
  size_t n = tok->end - tok->start;
  if (tok->kind == BL_TOK_PUNCT || tok->kind == BL_TOK_NUMBER || tok->kind == BL_TOK_SYMBOL) return true;
  static const char *const stops[] = {"and", "but", "or", "that", "which", "who", "since", "because", "as",
                                      "while", "when", "after", "before", "than", "is", "was", "are", "were"};
  for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++)
    if (strlen(stops[i]) == n && strncasecmp(stops[i], w, n) == 0) return true;
  return false;
}

/* What a figure measures, as one word: the unit it counts ("3,100 workers"), else the head (last
 * content word) of the few words after it ("$2.4 billion over its original budget" -> budget),
 * else the noun before "of" in front of it ("a budget of $900 million" -> budget). */
static char *bl_sum__measure(const BlAnalysis *an, const BlEntity *e, const BlSentence *s)
{
  BlBuf m;
  bl_buf_init(&m, 0);
  if (e->unit) {
    const char *u = e->unit, *sp = strrchr(u, ' ');
    const char *head = sp ? sp + 1 : u;
    bl_norm_key(&m, head, strlen(head));
    return bl_buf_take(&m, NULL);
  }
  const BlToken *head = NULL;
  size_t seen = 0;
  for (size_t t = s->tok_begin; t < s->tok_end && seen < 4; t++) {
    const BlToken *tok = &an->tokens.tokens.items[t];
    if (tok->start < e->end) continue;
    if (bl_sum__stop_token(an, tok)) break;
    seen++;
    if (!bl_sum__stopword(an->text + tok->start, tok->end - tok->start)) head = tok;
  }
  if (!head) { /* "<noun> of <figure>" */
    size_t t = s->tok_begin;
    while (t < s->tok_end && an->tokens.tokens.items[t].end <= e->start) t++;
    if (t >= s->tok_begin + 2) {
      const BlToken *of = &an->tokens.tokens.items[t - 1], *noun = &an->tokens.tokens.items[t - 2];
      if (of->end - of->start == 2 && strncasecmp(an->text + of->start, "of", 2) == 0 && noun->kind == BL_TOK_WORD &&
          !bl_sum__stopword(an->text + noun->start, noun->end - noun->start))
        head = noun;
    }
  }
  if (head) bl_norm_key(&m, an->text + head->start, head->end - head->start);
  return bl_buf_take(&m, NULL);
}

/* Whether offset lies inside a direct quote or a non-body block (figures there are not the
 * article's own statements). */
static bool bl_sum__quoted(const BlAnalysis *an, uint32_t offset)
{
  /* quotes are in text order: the last one starting at or before offset */
  size_t lo = 0, hi = an->quotes.len;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (an->quotes.items[mid].span.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  for (size_t i = lo; i > 0 && lo - i < 4; i--) /* nested quotes: look a few back */
    if (an->quotes.items[i - 1].span.start <= offset && offset < an->quotes.items[i - 1].span.end) return true;
  return false;
}

static void bl_sum__figures(BlCorpusDoc *doc, const BlAnalysis *an)
{
  for (size_t i = 0; i < an->entities.items.len; i++) {
    const BlEntity *e = &an->entities.items.items[i];
    if (e->kind != BL_ENT_MONEY && e->kind != BL_ENT_NUMBER && e->kind != BL_ENT_PERCENT) continue;
    const BlSentence *s = bl_sum__sentence_of(an, e->start, NULL);
    if (!s || bl_sum__quoted(an, e->start)) continue;
    BlBlockKind bk = an->article.blocks.items[s->block].kind;
    if (bk != BL_BLOCK_PARAGRAPH && bk != BL_BLOCK_LIST_ITEM && bk != BL_BLOCK_HEADLINE) continue;
    const BlEntity *subject = bl_sum__entity_in(an, s->start, s->end, bl_sum__is_actor);
    char *measure = bl_sum__measure(an, e, s);
    if (!subject || !measure[0]) {
      bl_free(measure);
      continue;
    }
    const char *name = subject->canonical ? subject->canonical : an->text + subject->start;
    BlCorpusFigure f = {0};
    f.subject_key = bl_sum__key(name, subject->canonical ? strlen(subject->canonical) : subject->end - subject->start);
    f.measure = measure;
    f.kind = e->kind;
    f.approximate = (e->flags & BL_EF_APPROX) != 0;
    f.value = e->number;
    if (e->kind == BL_ENT_MONEY) memcpy(f.unit, e->currency, sizeof e->currency);
    f.start = e->start;
    f.end = e->end;
    bl_vec_push(&doc->figures, f);
  }
}

static void bl_sum__cite(BlCorpusDoc *doc, BlCiteKind kind, uint32_t start, uint32_t end, char *outlet_key,
                         char *title_key, char *url, int32_t sentence)
{
  BlCorpusCite c = {(uint8_t)kind, outlet_key && bl_sum__outlet_word(outlet_key), start, end,
                    outlet_key ? outlet_key : bl_strdup(""), title_key, url, sentence, 0, 0};
  bl_vec_push(&doc->cites, c);
}

/* "Title (Outlet)" lines after a "Further Reading" heading. */
static void bl_sum__further_reading(BlCorpusDoc *doc, const BlAnalysis *an)
{
  bool in_section = false;
  for (size_t b = 0; b < an->article.blocks.len; b++) {
    const BlBlock *blk = &an->article.blocks.items[b];
    const char *t = an->text + blk->start;
    size_t n = blk->end - blk->start;
    if (blk->kind == BL_BLOCK_SECTION || blk->kind == BL_BLOCK_HEADING) {
      char *key = bl_sum__key(t, n);
      in_section = strcmp(key, "further reading") == 0;
      bl_free(key);
      continue;
    }
    if (!in_section || (blk->kind != BL_BLOCK_PARAGRAPH && blk->kind != BL_BLOCK_LIST_ITEM)) continue;
    /* each line of the block is an entry */
    size_t p = 0;
    while (p < n) {
      size_t e = p;
      while (e < n && t[e] != '\n') e++;
      size_t end = e;
      while (end > p && (t[end - 1] == ' ' || t[end - 1] == '\r')) end--;
      size_t open = end;
      if (end > p && t[end - 1] == ')') {
        while (open > p && t[open - 1] != '(') open--;
      }
      if (open > p + 1 && open < end) {
        size_t title_end = open - 1;
        while (title_end > p && t[title_end - 1] == ' ') title_end--;
        size_t title_start = p;
        while (title_start < title_end && (t[title_start] == '-' || t[title_start] == '*' || t[title_start] == ' ')) title_start++;
        bl_sum__cite(doc, BL_CITE_READING, (uint32_t)(blk->start + title_start), (uint32_t)(blk->start + end),
                     bl_sum__key(t + open, end - 1 - open), bl_sum__key(t + title_start, title_end - title_start),
                     NULL, -1);
        doc->cites.items[doc->cites.len - 1].outlet_like = true;
      }
      p = e + 1;
    }
  }
}

/* Markdown links [text](url) and bare http(s) URLs. */
static void bl_sum__links(BlCorpusDoc *doc, const BlAnalysis *an)
{
  const char *t = an->text;
  for (size_t i = 0; i + 8 < an->len; i++) {
    if (t[i] != 'h' || (strncmp(t + i, "http://", 7) != 0 && strncmp(t + i, "https://", 8) != 0)) continue;
    size_t e = i;
    while (e < an->len && t[e] != ' ' && t[e] != ')' && t[e] != '\n' && t[e] != '\r' && t[e] != '>' && t[e] != '"') e++;
    while (e > i && (t[e - 1] == '.' || t[e - 1] == ',')) e--;
    size_t start = i;
    if (i >= 2 && t[i - 1] == '(' && t[i - 2] == ']') { /* [text](url): the link text starts at its '[' */
      size_t o = i - 2;
      while (o > 0 && t[o] != '[' && t[o] != '\n') o--;
      if (t[o] == '[') start = o;
    }
    const BlBlock *first = an->article.blocks.len ? &an->article.blocks.items[0] : NULL; /* front matter is first */
    bool front = first && first->kind == BL_BLOCK_FRONT_MATTER && i >= first->start && i < first->end;
    if (!front) bl_sum__cite(doc, BL_CITE_LINK, (uint32_t)start, (uint32_t)e, NULL, NULL, bl_strndup(t + i, e - i), -1);
    i = e;
  }
}

static void bl_sum__attributions(BlCorpusDoc *doc, const BlAnalysis *an)
{
  for (size_t i = 0; i < an->sentence_info.len; i++) {
    const BlSentenceInfo *info = &an->sentence_info.items[i];
    const BlSentence *sent = &an->tokens.sentences.items[i];
    /* every outlet an attributed sentence names ("Tull told the Ledger") is a citation too */
    if (info->attributed) {
      for (const BlEntity *o = bl_sum__entity_in(an, sent->start, sent->end, bl_sum__is_outlet);
           o && o->end <= sent->end; o = bl_sum__entity_in(an, o->end, sent->end, bl_sum__is_outlet)) {
        if (o->start >= info->source.start && o->end <= info->source.end && info->source.end > info->source.start)
          continue; /* the source itself is added below */
        bl_sum__cite(doc, BL_CITE_ATTRIBUTION, o->start, o->end, bl_sum__key(an->text + o->start, o->end - o->start),
                     NULL, NULL, (int32_t)i);
        BlCorpusCite *c = &doc->cites.items[doc->cites.len - 1];
        c->outlet_like = true;
        c->sentence_start = sent->start;
        c->sentence_end = sent->end;
      }
    }
    if (info->source.end <= info->source.start || info->anonymous || info->how == BL_ATTR_CARRIED) continue;
    const BlEntity *ent = info->source_entity >= 0 && (size_t)info->source_entity < an->entities.items.len
                              ? &an->entities.items.items[info->source_entity]
                              : NULL;
    if (ent && ent->kind == BL_ENT_PERSON) continue; /* a person is a speaker, not an outlet */
    char *key = bl_sum__key(an->text + info->source.start, info->source.end - info->source.start);
    bl_sum__cite(doc, BL_CITE_ATTRIBUTION, info->source.start, info->source.end, key, NULL, NULL, (int32_t)i);
    BlCorpusCite *c = &doc->cites.items[doc->cites.len - 1];
    if (ent && ent->subtype == BL_ORG_MEDIA) c->outlet_like = true;
    c->sentence_start = sent->start;
    c->sentence_end = sent->end;
  }
}

/* ---------------------------------------------------------------- the pool */

/* Moves every string of the document into one pool (each distinct string once: a name mentioned
 * twenty times is kept once) and every quote's grams into one block, freeing the separate
 * allocations they were built in, and trims the vectors to their length. A mention costs its
 * 24-byte entry, not a heap block for its key. */
static void bl_sum__pack(BlCorpusDoc *doc)
{
  BlVec(const char **) f = {0};
#define BL_SUM_FIELD(x) \
  do { \
    if (x) bl_vec_push(&f, &(x)); \
  } while (0)
  BL_SUM_FIELD(doc->uri);
  BL_SUM_FIELD(doc->path);
  BL_SUM_FIELD(doc->title);
  BL_SUM_FIELD(doc->outlet);
  BL_SUM_FIELD(doc->date);
  BL_SUM_FIELD(doc->url);
  BL_SUM_FIELD(doc->title_key);
  BL_SUM_FIELD(doc->outlet_key);
  for (size_t i = 0; i < doc->mentions.len; i++) BL_SUM_FIELD(doc->mentions.items[i].key);
  for (size_t i = 0; i < doc->quotes.len; i++) {
    BL_SUM_FIELD(doc->quotes.items[i].norm);
    BL_SUM_FIELD(doc->quotes.items[i].speaker_key);
    BL_SUM_FIELD(doc->quotes.items[i].cite_key);
  }
  for (size_t i = 0; i < doc->figures.len; i++) {
    BL_SUM_FIELD(doc->figures.items[i].subject_key);
    BL_SUM_FIELD(doc->figures.items[i].measure);
  }
  for (size_t i = 0; i < doc->cites.len; i++) {
    BL_SUM_FIELD(doc->cites.items[i].outlet_key);
    BL_SUM_FIELD(doc->cites.items[i].title_key);
    BL_SUM_FIELD(doc->cites.items[i].url);
  }
#undef BL_SUM_FIELD
  /* pass 1: an offset for each field, equal strings sharing one (open addressing over fields) */
  size_t cap = 16;
  while (cap < f.len * 2) cap *= 2;
  uint32_t *table = bl_calloc(cap, sizeof *table); /* field index + 1, 0 when empty */
  size_t *off = bl_malloc((f.len ? f.len : 1) * sizeof *off), total = 0;
  for (size_t i = 0; i < f.len; i++) {
    const char *str = *f.items[i];
    uint64_t h = 1469598103934665603ull;
    for (const char *p = str; *p; p++) h = (h ^ (uint8_t)*p) * 1099511628211ull;
    size_t k = (size_t)h & (cap - 1);
    while (table[k] && strcmp(*f.items[table[k] - 1], str) != 0) k = (k + 1) & (cap - 1);
    if (table[k]) {
      off[i] = off[table[k] - 1];
    } else {
      table[k] = (uint32_t)i + 1;
      off[i] = total;
      total += strlen(str) + 1;
    }
  }
  /* pass 2: copy, free the separate strings, point into the pool */
  char *pool = bl_malloc(total ? total : 1);
  for (size_t i = 0; i < f.len; i++) {
    const char *str = *f.items[i];
    memcpy(pool + off[i], str, strlen(str) + 1);
  }
  /* each block freed once: mentions of one name share theirs (a set of the blocks freed) */
  memset(table, 0, cap * sizeof *table);
  for (size_t i = 0; i < f.len; i++) {
    const char *str = *f.items[i];
    size_t k = (size_t)(((uintptr_t)str >> 4) * 0x9E3779B97F4A7C15ull >> 20) & (cap - 1);
    while (table[k] && *f.items[table[k] - 1] != str) k = (k + 1) & (cap - 1);
    if (!table[k]) table[k] = (uint32_t)i + 1;
  }
  for (size_t k = 0; k < cap; k++)
    if (table[k]) bl_free((void *)*f.items[table[k] - 1]);
  for (size_t i = 0; i < f.len; i++) *f.items[i] = pool + off[i];
  doc->pool = pool;
  bl_free(table);
  bl_free(off);
  bl_vec_free(&f);

  size_t ngrams = 0;
  for (size_t i = 0; i < doc->quotes.len; i++) ngrams += doc->quotes.items[i].ngrams;
  doc->grams = bl_malloc((ngrams ? ngrams : 1) * sizeof *doc->grams);
  ngrams = 0;
  for (size_t i = 0; i < doc->quotes.len; i++) {
    BlCorpusQuote *q = &doc->quotes.items[i];
    if (q->ngrams) memcpy(doc->grams + ngrams, q->grams, q->ngrams * sizeof *q->grams);
    bl_free((void *)q->grams);
    q->grams = doc->grams + ngrams;
    ngrams += q->ngrams;
  }
#define BL_SUM_TRIM(v) \
  do { \
    if ((v)->len && (v)->len < (v)->cap) { \
      (v)->items = bl_realloc((v)->items, (v)->len * sizeof *(v)->items); \
      (v)->cap = (v)->len; \
    } \
  } while (0)
  BL_SUM_TRIM(&doc->mentions);
  BL_SUM_TRIM(&doc->quotes);
  BL_SUM_TRIM(&doc->figures);
  BL_SUM_TRIM(&doc->cites);
#undef BL_SUM_TRIM
  doc->lines.starts = bl_realloc(doc->lines.starts, doc->lines.count * sizeof *doc->lines.starts);
}

/* ---------------------------------------------------------------- the document */

BlCorpusDoc *bl_corpus_doc_new(const BlAnalysis *an, const char *uri, const char *path)
{
  BlCorpusDoc *doc = bl_calloc(1, sizeof *doc);
  doc->uri = bl_strdup(uri);
  doc->path = path ? bl_strdup(path) : NULL;
  doc->text = bl_strndup(an->text, an->len);
  doc->len = an->len;
  bl_line_index_build(&doc->lines, doc->text, doc->len);
  doc->title = bl_sum__dup(an->meta.title);
  doc->outlet = bl_sum__dup(bl_meta_get(&an->meta, "outlet"));
  doc->date = bl_sum__dup(bl_meta_get(&an->meta, "date"));
  doc->url = bl_sum__dup(bl_meta_get(&an->meta, "url"));
  doc->title_key = bl_sum__key(doc->title, strlen(doc->title));
  doc->outlet_key = bl_sum__key(doc->outlet, strlen(doc->outlet));
  bl_sum__mentions(doc, an);
  bl_sum__quotes(doc, an);
  bl_sum__figures(doc, an);
  bl_sum__attributions(doc, an);
  bl_sum__further_reading(doc, an);
  bl_sum__links(doc, an);
  bl_sum__pack(doc);
  return doc;
}

void bl_corpus_doc_delete(BlCorpusDoc *doc)
{
  if (!doc) return;
  bl_vec_free(&doc->mentions);
  bl_vec_free(&doc->quotes);
  bl_vec_free(&doc->figures);
  bl_vec_free(&doc->cites);
  bl_line_index_free(&doc->lines);
  bl_free(doc->text);
  bl_free(doc->pool);
  bl_free(doc->grams);
  bl_free(doc);
}
