/* structure.c: the article's structure for the editor, from the syntax tree (server/syntax):
 * textDocument/documentSymbol, textDocument/foldingRange and textDocument/selectionRange.
 *
 * A section is not a node of the grammar: it is a heading (the headline, a section heading or a
 * Markdown heading) and the blocks after it, up to the next heading, so sections are found here
 * by walking the document's children once. "Further Reading" is a node of its own. Folds come
 * from the sections and from folds.scm (built in, plus a workspace's own queries/news/folds.scm).
 * Positions are converted to the negotiated encoding by convert.c only.
 *
 * Symbol kinds (LSP SymbolKind):
 *   headline File (1)      range: the headline and the lede up to the first section heading
 *   section  Namespace (3) range: the heading and its blocks; children: their quotations
 *   quotation, block quote String (15)
 *   Further Reading Package (4); its entries Object (19), named by title, detail = outlet */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/file.h"
#include "../base/utf8.h"
#include "../syntax/parse.h"
#include "../syntax/query.h"
#include "convert.h"
#include "server_internal.h"

enum { BL_SYM_FILE = 1, BL_SYM_NAMESPACE = 3, BL_SYM_PACKAGE = 4, BL_SYM_STRING = 15, BL_SYM_OBJECT = 19 };
enum { BL_STRUCTURE_NAME_MAX = 80 };       /* characters of a symbol name */
enum { BL_STRUCTURE_QUERY_CAP = 1 << 20 }; /* bytes of a user query file */

struct BlStructure {
  bool loaded;
  BlQuery *folds;              /* the built-in folds.scm */
  BlVec(BlQuery *) user_folds; /* each workspace root's queries/news/folds.scm */
};

/* ---------------------------------------------------------------- queries */

static void bl_structure__query_error(BlServer *self, const char *file, const BlQueryError *e)
{
  BlBuf msg;
  bl_buf_init(&msg, 0);
  bl_buf_printf(&msg, "%s:%u:%u: %s", file, e->line, e->column, e->message);
  cJSON *params = cJSON_CreateObject();
  cJSON_AddNumberToObject(params, "type", BL_LOG_MSG_ERROR);
  char *clean = bl_utf8_sanitize(msg.data, msg.len);
  cJSON_AddStringToObject(params, "message", clean);
  bl_free(clean);
  bl_buf_free(&msg);
  bl_server__notify(self, "window/showMessage", params);
}

static int bl_structure__cmp_names(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Compiles every root/queries/news/ (*.scm) (so a broken one is reported even when byline does
 * not use it yet) and keeps folds.scm. */
static void bl_structure__load_root(BlServer *self, BlStructure *st, const char *root)
{
  BlBuf dir;
  bl_buf_init(&dir, 0);
  bl_buf_printf(&dir, "%s/queries/news", root);
  DIR *d = opendir(dir.data);
  if (!d) {
    bl_buf_free(&dir);
    return;
  }
  BlVec(char *) names = {0};
  struct dirent *ent;
  while ((ent = readdir(d)) != NULL) {
    size_t n = strlen(ent->d_name);
    if (n > 4 && strcmp(ent->d_name + n - 4, ".scm") == 0 && ent->d_name[0] != '.')
      bl_vec_push(&names, bl_strdup(ent->d_name));
  }
  closedir(d);
  if (names.len) qsort(names.items, names.len, sizeof names.items[0], bl_structure__cmp_names);
  for (size_t i = 0; i < names.len; i++) {
    BlBuf path, text;
    bl_buf_init(&path, 0);
    bl_buf_printf(&path, "%s/%s", dir.data, names.items[i]);
    bl_buf_init(&text, BL_STRUCTURE_QUERY_CAP);
    if (bl_read_file(path.data, &text) != 0) {
      BlQueryError e = {1, 1, "cannot be read (or is over 1 MiB)"};
      bl_structure__query_error(self, path.data, &e);
    } else {
      BlQueryError e;
      BlQuery *q = bl_query_new(text.data ? text.data : "", text.len, &e);
      if (!q) bl_structure__query_error(self, path.data, &e);
      else if (strcmp(names.items[i], "folds.scm") == 0) bl_vec_push(&st->user_folds, q);
      else bl_query_delete(q);
    }
    bl_buf_free(&text);
    bl_buf_free(&path);
    bl_free(names.items[i]);
  }
  bl_vec_free(&names);
  bl_buf_free(&dir);
}

void bl_structure_load_queries(BlServer *self)
{
  if (!self->structure) self->structure = bl_calloc(1, sizeof *self->structure);
  BlStructure *st = self->structure;
  if (st->loaded) return;
  st->loaded = true;
  const BlBuiltinQuery *b = bl_builtin_query("folds");
  BlQueryError e;
  st->folds = b ? bl_query_new(b->source, b->len, &e) : NULL;
  if (b && !st->folds) bl_structure__query_error(self, "(built-in) queries/news/folds.scm", &e);
  for (size_t i = 0; i < self->roots.len; i++) bl_structure__load_root(self, st, self->roots.items[i]);
}

void bl_structure_free(BlServer *self)
{
  BlStructure *st = self->structure;
  if (!st) return;
  bl_query_delete(st->folds);
  for (size_t i = 0; i < st->user_folds.len; i++) bl_query_delete(st->user_folds.items[i]);
  bl_vec_free(&st->user_folds);
  bl_free(st);
  self->structure = NULL;
}

/* ---------------------------------------------------------------- params */

static BlDocument *bl_structure__doc(BlServer *self, const cJSON *params, BlReply *reply)
{
  const char *uri = bl_server__str(bl_server__obj(params, "textDocument"), "uri");
  if (!uri) {
    bl_server__reply_error(reply, BL_RPC_INVALID_PARAMS, "Invalid params: need textDocument.uri");
    return NULL;
  }
  BlDocument *doc = bl_store_get(&self->store, uri);
  if (!doc) bl_server__reply_error(reply, BL_RPC_INVALID_PARAMS, "Invalid params: %s is not open", uri);
  return doc;
}

/* ---------------------------------------------------------------- sections */

typedef enum { BL_SEC_HEADLINE, BL_SEC_HEADING, BL_SEC_FURTHER } BlSectionKind;

typedef struct BlOutlineSection {
  BlSectionKind kind;
  TSNode head; /* the heading node (the further_reading node itself for BL_SEC_FURTHER) */
  size_t start, end;
} BlOutlineSection;

typedef struct BlOutlineBlock {
  TSNode node;
  long section; /* index into the sections, -1 for none */
  bool is_head; /* node is sections[section].head */
} BlOutlineBlock;

typedef struct BlOutline {
  BlVec(BlOutlineSection) sections;
  BlVec(BlOutlineBlock) blocks; /* document order */
} BlOutline;

static bool bl_structure__is(TSNode n, const char *type)
{
  return strcmp(ts_node_type(n), type) == 0;
}

/* end, moved back over trailing white space (but not before start). */
static size_t bl_structure__trim_end(const BlDocument *doc, size_t start, size_t end)
{
  if (end > doc->len) end = doc->len;
  while (end > start && strchr(" \t\r\n", doc->text[end - 1]) && doc->text[end - 1] != '\0') end--;
  return end;
}

static size_t bl_structure__end(const BlDocument *doc, TSNode n)
{
  return bl_structure__trim_end(doc, ts_node_start_byte(n), ts_node_end_byte(n));
}

static void bl_structure__outline(const BlDocument *doc, TSNode root, BlOutline *out)
{
  TSTreeCursor c = ts_tree_cursor_new(root);
  long cur = -1;
  if (ts_tree_cursor_goto_first_child(&c)) do {
      TSNode n = ts_tree_cursor_current_node(&c);
      if (!ts_node_is_named(n) || bl_structure__is(n, "front_matter") || bl_structure__is(n, "comment")) continue;
      bool headline = bl_structure__is(n, "headline");
      bool further = bl_structure__is(n, "further_reading");
      if (headline || further || bl_structure__is(n, "section_heading") || bl_structure__is(n, "atx_heading")) {
        BlOutlineSection s = {headline ? BL_SEC_HEADLINE : further ? BL_SEC_FURTHER : BL_SEC_HEADING, n,
                       ts_node_start_byte(n), bl_structure__end(doc, n)};
        bl_vec_push(&out->sections, s);
        bl_vec_push(&out->blocks, ((BlOutlineBlock){n, (long)out->sections.len - 1, true}));
        /* what follows the entries of Further Reading belongs to no section */
        cur = further ? -1 : (long)out->sections.len - 1;
        continue;
      }
      bl_vec_push(&out->blocks, ((BlOutlineBlock){n, cur, false}));
      if (cur >= 0) out->sections.items[cur].end = bl_structure__end(doc, n);
    } while (ts_tree_cursor_goto_next_sibling(&c));
  ts_tree_cursor_delete(&c);
}

static void bl_structure__outline_free(BlOutline *o)
{
  bl_vec_free(&o->sections);
  bl_vec_free(&o->blocks);
}

/* ---------------------------------------------------------------- documentSymbol */

/* A symbol name from text[start..end): white space and control characters collapse to one
 * space, invalid UTF-8 becomes U+FFFD, a heading's leading `#`s and a block quote's `>` marks
 * go, and a long text is cut at BL_STRUCTURE_NAME_MAX characters with "…". Never empty. */
static char *bl_structure__name(const BlDocument *doc, size_t start, size_t end, bool strip_marks)
{
  BlBuf b;
  bl_buf_init(&b, 0);
  bool line_start = true, space = false;
  size_t chars = 0;
  const uint8_t *s = (const uint8_t *)doc->text;
  for (size_t i = start; i < end && i < doc->len;) {
    int32_t cp;
    size_t n = bl_utf8_decode(s + i, end - i, &cp);
    i += n;
    if (cp == BL_UTF8_INVALID) cp = 0xFFFD;
    if (cp < 0x20 || cp == ' ' || cp == 0x7F || cp == 0xA0) {
      if (cp == '\n' || cp == '\r') line_start = true;
      space = b.len > 0;
      continue;
    }
    if (strip_marks && line_start && (cp == '>' || cp == '#')) continue;
    line_start = false;
    if (chars == BL_STRUCTURE_NAME_MAX) {
      bl_buf_puts(&b, "…");
      break;
    }
    if (space) {
      bl_buf_putc(&b, ' ');
      chars++;
      space = false;
    }
    uint8_t enc[4];
    bl_buf_append(&b, enc, bl_utf8_encode(cp, enc));
    chars++;
  }
  if (b.len == 0) bl_buf_puts(&b, "(empty)");
  return bl_buf_take(&b, NULL);
}

static cJSON *bl_structure__symbol(BlServer *self, const BlDocument *doc, TSNode name_node, bool strip_marks,
                                   int kind, size_t start, size_t end)
{
  size_t ns = ts_node_start_byte(name_node), ne = bl_structure__end(doc, name_node);
  cJSON *sym = cJSON_CreateObject();
  char *name = bl_structure__name(doc, ns, ne, strip_marks);
  cJSON_AddStringToObject(sym, "name", name);
  bl_free(name);
  cJSON_AddNumberToObject(sym, "kind", kind);
  cJSON_AddItemToObject(sym, "range", bl_lsp_range(doc, start, end, self->encoding));
  cJSON_AddItemToObject(sym, "selectionRange", bl_lsp_range(doc, ns, ne, self->encoding));
  return sym;
}

static cJSON *bl_structure__children(cJSON *sym)
{
  cJSON *c = cJSON_GetObjectItemCaseSensitive(sym, "children");
  return c ? c : cJSON_AddArrayToObject(sym, "children");
}

/* The quotations inside a block (not inside other quotations), as String symbols. */
static void bl_structure__quotes(BlServer *self, const BlDocument *doc, TSNode n, cJSON *out)
{
  TSTreeCursor c = ts_tree_cursor_new(n);
  if (ts_tree_cursor_goto_first_child(&c)) do {
      TSNode k = ts_tree_cursor_current_node(&c);
      if (!ts_node_is_named(k)) continue;
      if (bl_structure__is(k, "quotation"))
        cJSON_AddItemToArray(out, bl_structure__symbol(self, doc, k, false, BL_SYM_STRING, ts_node_start_byte(k),
                                                       bl_structure__end(doc, k)));
      else if (ts_node_named_child_count(k) > 0)
        bl_structure__quotes(self, doc, k, out);
    } while (ts_tree_cursor_goto_next_sibling(&c));
  ts_tree_cursor_delete(&c);
}

static cJSON *bl_structure__further(BlServer *self, const BlDocument *doc, const BlOutlineSection *s)
{
  TSNode heading = ts_node_named_child(s->head, 0);
  if (ts_node_is_null(heading)) heading = s->head;
  cJSON *sym = bl_structure__symbol(self, doc, heading, true, BL_SYM_PACKAGE, s->start, s->end);
  cJSON *children = bl_structure__children(sym);
  TSTreeCursor c = ts_tree_cursor_new(s->head);
  if (ts_tree_cursor_goto_first_child(&c)) do {
      TSNode e = ts_tree_cursor_current_node(&c);
      if (!bl_structure__is(e, "reading_entry")) continue;
      TSNode title = e, outlet = {0};
      for (uint32_t i = 0, n = ts_node_named_child_count(e); i < n; i++) {
        TSNode k = ts_node_named_child(e, i);
        if (bl_structure__is(k, "title")) title = k;
        else if (bl_structure__is(k, "outlet")) outlet = k;
      }
      cJSON *entry = bl_structure__symbol(self, doc, title, false, BL_SYM_OBJECT, ts_node_start_byte(e),
                                          bl_structure__end(doc, e));
      if (!ts_node_is_null(outlet)) {
        char *detail = bl_structure__name(doc, ts_node_start_byte(outlet), ts_node_end_byte(outlet), false);
        cJSON_AddStringToObject(entry, "detail", detail);
        bl_free(detail);
      }
      cJSON_AddItemToArray(children, entry);
    } while (ts_tree_cursor_goto_next_sibling(&c));
  ts_tree_cursor_delete(&c);
  return sym;
}

void bl_feature_document_symbols(BlServer *self, const cJSON *params, BlReply *reply)
{
  BlDocument *doc = bl_structure__doc(self, params, reply);
  if (!doc) return;
  cJSON *top = cJSON_CreateArray();
  reply->result = top;
  const TSTree *tree = bl_syntax_of(doc);
  if (!tree) return;
  BlOutline o = {0};
  bl_structure__outline(doc, ts_tree_root_node(tree), &o);
  BlVec(cJSON *) syms = {0};
  for (size_t i = 0; i < o.blocks.len; i++) {
    const BlOutlineBlock *b = &o.blocks.items[i];
    if (b->is_head) {
      const BlOutlineSection *s = &o.sections.items[b->section];
      cJSON *sym = s->kind == BL_SEC_FURTHER
                       ? bl_structure__further(self, doc, s)
                       : bl_structure__symbol(self, doc, s->head, true,
                                              s->kind == BL_SEC_HEADLINE ? BL_SYM_FILE : BL_SYM_NAMESPACE, s->start,
                                              s->end);
      cJSON_AddItemToArray(top, sym);
      bl_vec_push(&syms, sym);
      continue;
    }
    cJSON *into = b->section >= 0 ? bl_structure__children(syms.items[b->section]) : top;
    if (bl_structure__is(b->node, "block_quote"))
      cJSON_AddItemToArray(into, bl_structure__symbol(self, doc, b->node, true, BL_SYM_STRING,
                                                      ts_node_start_byte(b->node), bl_structure__end(doc, b->node)));
    else
      bl_structure__quotes(self, doc, b->node, into);
  }
  bl_vec_free(&syms);
  bl_structure__outline_free(&o);
}

/* ---------------------------------------------------------------- foldingRange */

typedef struct BlFoldLines {
  size_t start_line, end_line;
  const char *kind;
} BlFoldLines;

typedef BlVec(BlFoldLines) BlFoldLinesVec;

static void bl_structure__fold(const BlDocument *doc, size_t start, size_t end, const char *kind, BlFoldLinesVec *out)
{
  end = bl_structure__trim_end(doc, start, end);
  if (end <= start) return;
  size_t a = bl_line_index_line_of(&doc->lines, start), b = bl_line_index_line_of(&doc->lines, end - 1);
  if (b > a) bl_vec_push(out, ((BlFoldLines){a, b, kind}));
}

/* The folds of one query: captures named fold, fold.comment, fold.imports, fold.region. */
static void bl_structure__query_folds(const BlDocument *doc, const BlQuery *q, TSNode root, BlFoldLinesVec *out)
{
  BlQueryCursor c;
  TSQueryMatch m;
  bl_query_cursor_init(&c, q, root, doc->text, doc->len);
  while (bl_query_cursor_next(&c, &m)) {
    for (uint16_t i = 0; i < m.capture_count; i++) {
      uint32_t len;
      const char *name = bl_query_capture_name(q, m.captures[i].index, &len);
      const char *kind;
      if (len == 4 && memcmp(name, "fold", 4) == 0) kind = "region";
      else if (len == 11 && memcmp(name, "fold.region", 11) == 0) kind = "region";
      else if (len == 12 && memcmp(name, "fold.comment", 12) == 0) kind = "comment";
      else if (len == 12 && memcmp(name, "fold.imports", 12) == 0) kind = "imports";
      else continue;
      TSNode n = m.captures[i].node;
      bl_structure__fold(doc, ts_node_start_byte(n), ts_node_end_byte(n), kind, out);
    }
  }
  bl_query_cursor_free(&c);
}

static int bl_structure__cmp_folds(const void *pa, const void *pb)
{
  const BlFoldLines *a = pa, *b = pb;
  if (a->start_line != b->start_line) return a->start_line < b->start_line ? -1 : 1;
  if (a->end_line != b->end_line) return a->end_line > b->end_line ? -1 : 1; /* outer first */
  return strcmp(a->kind, b->kind);
}

void bl_feature_folding_ranges(BlServer *self, const cJSON *params, BlReply *reply)
{
  BlDocument *doc = bl_structure__doc(self, params, reply);
  if (!doc) return;
  bl_structure_load_queries(self);
  cJSON *result = cJSON_CreateArray();
  reply->result = result;
  const TSTree *tree = bl_syntax_of(doc);
  if (!tree) return;
  TSNode root = ts_tree_root_node(tree);
  BlFoldLinesVec folds = {0};
  BlOutline o = {0};
  bl_structure__outline(doc, root, &o);
  for (size_t i = 0; i < o.sections.len; i++)
    if (o.sections.items[i].kind != BL_SEC_FURTHER) /* folds.scm folds Further Reading */
      bl_structure__fold(doc, o.sections.items[i].start, o.sections.items[i].end, "region", &folds);
  bl_structure__outline_free(&o);
  BlStructure *st = self->structure;
  if (st->folds) bl_structure__query_folds(doc, st->folds, root, &folds);
  for (size_t i = 0; i < st->user_folds.len; i++) bl_structure__query_folds(doc, st->user_folds.items[i], root, &folds);
  if (folds.len) qsort(folds.items, folds.len, sizeof folds.items[0], bl_structure__cmp_folds);
  for (size_t i = 0; i < folds.len; i++) {
    const BlFoldLines *f = &folds.items[i];
    if (i > 0 && f->start_line == folds.items[i - 1].start_line && f->end_line == folds.items[i - 1].end_line)
      continue; /* the same lines folded twice (a user query repeating a built-in one) */
    cJSON *fr = cJSON_CreateObject();
    cJSON_AddNumberToObject(fr, "startLine", (double)f->start_line);
    cJSON_AddNumberToObject(fr, "endLine", (double)f->end_line);
    cJSON_AddStringToObject(fr, "kind", f->kind);
    cJSON_AddItemToArray(result, fr);
  }
  bl_vec_free(&folds);
}

/* ---------------------------------------------------------------- selectionRange */

enum { BL_STRUCTURE_CHAIN_MAX = 96 };

typedef struct BlSelSpan {
  size_t start, end;
} BlSelSpan;

/* Innermost first: the token at offset, its named ancestors (quotation, sentence, paragraph…),
 * the section, the document. Each span strictly contains the one before. */
static size_t bl_structure__chain(const BlDocument *doc, TSNode root, const BlOutline *o, size_t off,
                                  BlSelSpan *chain)
{
  size_t n = 0;
  TSNode node = ts_node_named_descendant_for_byte_range(root, (uint32_t)off, (uint32_t)off);
  if (off > 0 && ts_node_named_child_count(node) > 0) {
    /* the cursor right after a word selects that word */
    TSNode prev = ts_node_named_descendant_for_byte_range(root, (uint32_t)off - 1, (uint32_t)off - 1);
    if (ts_node_named_child_count(prev) == 0 && ts_node_end_byte(prev) == off) node = prev;
  }
  BlSelSpan spans[BL_STRUCTURE_CHAIN_MAX];
  size_t count = 0;
  for (TSNode k = node; !ts_node_is_null(k) && count < BL_STRUCTURE_CHAIN_MAX - 2; k = ts_node_parent(k)) {
    if (bl_structure__is(k, "document")) break;
    spans[count++] = (BlSelSpan){ts_node_start_byte(k), bl_structure__end(doc, k)};
  }
  for (size_t i = 0; i < o->sections.len; i++) {
    const BlOutlineSection *s = &o->sections.items[i];
    if (s->start <= off && off <= s->end) {
      spans[count++] = (BlSelSpan){s->start, s->end};
      break;
    }
  }
  spans[count++] = (BlSelSpan){0, doc->len};
  for (size_t i = 0; i < count; i++) {
    BlSelSpan s = spans[i];
    if (n > 0) {
      BlSelSpan p = chain[n - 1];
      bool contains = s.start <= p.start && p.end <= s.end;
      if (!contains || (s.start == p.start && s.end == p.end)) continue;
    }
    chain[n++] = s;
  }
  return n;
}

void bl_feature_selection_ranges(BlServer *self, const cJSON *params, BlReply *reply)
{
  BlDocument *doc = bl_structure__doc(self, params, reply);
  if (!doc) return;
  const cJSON *positions = cJSON_GetObjectItemCaseSensitive(params, "positions"), *p;
  if (!cJSON_IsArray(positions)) {
    bl_server__reply_error(reply, BL_RPC_INVALID_PARAMS, "Invalid params: need positions");
    return;
  }
  BlVec(size_t) offsets = {0};
  cJSON_ArrayForEach(p, positions)
  {
    BlPosition pos;
    size_t off;
    int rc = bl_lsp_read_position(p, &pos);
    if (rc == BL_POS_OK)
      rc = bl_line_index_offset(&doc->lines, doc->text, doc->len, pos.line, pos.character, self->encoding, &off);
    if (rc != BL_POS_OK) {
      bl_server__reply_error(reply, BL_RPC_INVALID_PARAMS, "Invalid params: positions[%zu]: %s", offsets.len,
                             rc > 0 ? "need integer line and character" : bl_line_index_strerror(rc));
      bl_vec_free(&offsets);
      return;
    }
    bl_vec_push(&offsets, off);
  }
  const TSTree *tree = bl_syntax_of(doc);
  BlOutline o = {0};
  if (tree) bl_structure__outline(doc, ts_tree_root_node(tree), &o);
  cJSON *result = cJSON_CreateArray();
  for (size_t i = 0; i < offsets.len; i++) {
    size_t off = offsets.items[i];
    BlSelSpan chain[BL_STRUCTURE_CHAIN_MAX];
    size_t n = 1;
    chain[0] = (BlSelSpan){off, off}; /* no tree: the position itself */
    if (tree) n = bl_structure__chain(doc, ts_tree_root_node(tree), &o, off, chain);
    cJSON *parent = NULL;
    for (size_t k = n; k-- > 0;) {
      cJSON *sr = cJSON_CreateObject();
      cJSON_AddItemToObject(sr, "range", bl_lsp_range(doc, chain[k].start, chain[k].end, self->encoding));
      if (parent) cJSON_AddItemToObject(sr, "parent", parent);
      parent = sr;
    }
    cJSON_AddItemToArray(result, parent);
  }
  reply->result = result;
  bl_structure__outline_free(&o);
  bl_vec_free(&offsets);
}
