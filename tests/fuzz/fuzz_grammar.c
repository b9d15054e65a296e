/* fuzz_grammar.c: the tree-sitter-news grammar (grammars/tree-sitter-news: the generated
 * src/parser.c and the hand-written external scanner src/scanner.c) as the syntax layer drives
 * it (server/syntax/parse.c): a full parse of a document, then edits applied through
 * text/document.c, handed to the tree (bl_syntax_document_edit) and reparsed incrementally
 * (bl_syntax_of), and the built-in highlights and folds queries (syntax/query.c) over each tree.
 *
 * Input: a header byte (bits 0-2: the number of edits; bit 3: reparse only after the last edit,
 * like a burst of keystrokes; bit 4: skip the queries; bits 5-6: the document is the text
 * repeated 1, 4, 32 or 256 times, up to MAX_REPEATED bytes, so that a short input reaches the
 * scanner's bounds: 4,096 extras in a row, a 4,096-character line, 200 lines of front matter),
 * the edits, then the rest of the input is the text (at most MAX_TEXT bytes: any bytes, NUL,
 * CR, invalid UTF-8). Each edit:
 *   2 bytes   where it starts (a byte offset, modulo the text length + 1)
 *   1 byte    how much it deletes (0-7 bytes mostly, up to 1 KB)
 *   1 byte    what it inserts: < 0xF0: that many bytes (modulo 17) taken from the input;
 *             >= 0xF0: one of SNIPPETS (block and quotation syntax)
 * An edit goes in as a client's change in UTF-8 positions (line, byte column), so one that
 * would split a UTF-8 sequence is refused by the document, as the server refuses it.
 *
 * Invariants, on every tree (the first parse and each reparse):
 *   - the root spans the text: it ends at the end, and only white space (an extra) precedes it;
 *   - no ERROR or MISSING node (the grammar's promise: any input parses);
 *   - every node's byte range lies inside its parent's; siblings are ordered and do not overlap;
 *   - every node's start and end points are the (row, byte column) of its byte offsets, rows
 *     counted at LF, as tree-sitter itself counts them;
 *   - the depth stays bounded (the scanner opens at most 16 inline constructs);
 *   - after edits, the incrementally reparsed tree equals a fresh parse of the same text: the same
 *     nodes (symbol, named-ness, byte range, points) in the same shape, hence the same
 *     ts_node_string; the syntax layer reparsed rather than parsed anew;
 *   - every query capture is a node of the tree inside the text, with a known capture name.
 * Hangs are left to libFuzzer's -timeout. */
#include "fuzz.h"

#include "base/alloc.h"
#include "syntax/parse.h"
#include "syntax/query.h"
#include "text/document.h"

enum { MAX_TEXT = 4096, MAX_REPEATED = 65536, MAX_EDITS = 7, MAX_INSERT = 16, MAX_DEPTH = 64 };

/* What an editor inserts that changes block kinds, quotation pairing and front matter. */
static const char *const SNIPPETS[16] = {
    "\n",      "\n\n",      "\r\n",    "\xe2\x80\x9c", "\xe2\x80\x9d", "\"",   "'",         "(",
    ")",       "[a](b)",    "<!--",    "-->",          "---\n",        "> ",   "\n- ",      ". The ",
};

/* ---------------------------------------------------------------- points */

/* Offsets just past each LF of the text, to give any offset its (row, byte column). */
typedef struct {
  size_t *starts;
  size_t count;
} Rows;

static Rows rows_of(const char *t, size_t len)
{
  Rows r = {bl_malloc((len + 2) * sizeof(size_t)), 1};
  r.starts[0] = 0;
  for (size_t i = 0; i < len; i++)
    if (t[i] == '\n') r.starts[r.count++] = i + 1;
  return r;
}

static TSPoint point_at(const Rows *r, size_t off)
{
  size_t lo = 0, hi = r->count; /* the last row start <= off */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (r->starts[mid] <= off) lo = mid;
    else hi = mid;
  }
  return (TSPoint){(uint32_t)lo, (uint32_t)(off - r->starts[lo])};
}

/* ---------------------------------------------------------------- one tree */

typedef struct {
  const char *text;
  size_t len;
  Rows rows;
  const char *what; /* "first parse", "reparse", "fresh parse" */
  size_t nodes;
} Check;

/* Whether t[from..to) is white space of the grammar (SPACE in grammar.js, is_space in
 * scanner.c), which may come before the root as the first token's padding. */
static bool is_white_byte_run(const char *t, size_t from, size_t to)
{
  static const char *const multi[] = {"\xc2\x85", "\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\xa8", "\xe2\x80\xa9",
                                      "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80", "\xef\xbb\xbf"};
  size_t i = from;
  while (i < to) {
    unsigned char c = (unsigned char)t[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      i++;
      continue;
    }
    size_t n = 0;
    if (i + 3 <= to && c == 0xE2 && (unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] >= 0x80 &&
        (unsigned char)t[i + 2] <= 0x8B)
      n = 3; /* U+2000..U+200B */
    for (size_t k = 0; !n && k < sizeof multi / sizeof multi[0]; k++) {
      size_t m = strlen(multi[k]);
      if (i + m <= to && memcmp(t + i, multi[k], m) == 0) n = m;
    }
    if (!n) return false;
    i += n;
  }
  return true;
}

static void check_node_points(Check *c, TSNode n)
{
  uint32_t sb = ts_node_start_byte(n), eb = ts_node_end_byte(n);
  TSPoint sp = ts_node_start_point(n), ep = ts_node_end_point(n);
  TSPoint wsp = point_at(&c->rows, sb), wep = point_at(&c->rows, eb);
  FUZZ_CHECK(sp.row == wsp.row && sp.column == wsp.column && ep.row == wep.row && ep.column == wep.column,
             "%s: node %s [%u, %u) has points (%u,%u)-(%u,%u); its offsets are at (%u,%u)-(%u,%u)", c->what,
             ts_node_type(n), sb, eb, sp.row, sp.column, ep.row, ep.column, wsp.row, wsp.column, wep.row,
             wep.column);
}

/* Walks every node (named or not) with a cursor: no recursion, whatever the depth. */
static void check_tree(Check *c, const TSTree *tree)
{
  TSNode root = ts_tree_root_node(tree);
  uint32_t rs = ts_node_start_byte(root), re = ts_node_end_byte(root);
  FUZZ_CHECK(re == c->len, "%s: the root ends at %u, the text at %zu", c->what, re, c->len);
  FUZZ_CHECK(rs <= re && is_white_byte_run(c->text, 0, rs), "%s: the root starts at %u after text that is not white space",
             c->what, rs);
  FUZZ_CHECK(!ts_node_has_error(root), "%s: the tree has an ERROR or MISSING node: %s", c->what,
             ts_node_string(root));
  FUZZ_CHECK(strcmp(ts_node_type(root), "document") == 0, "%s: the root is %s", c->what, ts_node_type(root));

  TSTreeCursor cur = ts_tree_cursor_new(root);
  /* the parent's range and the previous sibling's end, per depth */
  uint32_t pstart[MAX_DEPTH + 1], pend[MAX_DEPTH + 1], prev_end[MAX_DEPTH + 1];
  unsigned depth = 0;
  pstart[0] = 0;
  pend[0] = (uint32_t)c->len;
  prev_end[0] = 0;
  c->nodes = 0;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&cur);
    uint32_t sb = ts_node_start_byte(n), eb = ts_node_end_byte(n);
    c->nodes++;
    FUZZ_CHECK(sb <= eb, "%s: node %s ends (%u) before it starts (%u)", c->what, ts_node_type(n), eb, sb);
    FUZZ_CHECK(sb >= pstart[depth] && eb <= pend[depth], "%s: node %s [%u, %u) at depth %u is outside its parent [%u, %u)",
               c->what, ts_node_type(n), sb, eb, depth, pstart[depth], pend[depth]);
    FUZZ_CHECK(sb >= prev_end[depth], "%s: node %s [%u, %u) overlaps the sibling before it (ends at %u)", c->what,
               ts_node_type(n), sb, eb, prev_end[depth]);
    FUZZ_CHECK(!ts_node_is_missing(n) && !ts_node_is_null(n), "%s: a missing or null node", c->what);
    check_node_points(c, n);
    prev_end[depth] = eb;
    if (ts_tree_cursor_goto_first_child(&cur)) {
      depth++;
      FUZZ_CHECK(depth <= MAX_DEPTH, "%s: the tree is deeper than %d", c->what, MAX_DEPTH);
      pstart[depth] = sb;
      pend[depth] = eb;
      prev_end[depth] = sb;
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&cur)) {
      if (depth == 0 || !ts_tree_cursor_goto_parent(&cur)) goto done;
      depth--;
    }
  }
done:
  ts_tree_cursor_delete(&cur);
}

/* The same nodes in the same shape, or a report of the first difference. */
static void check_same_tree(const TSTree *inc, const TSTree *fresh, const char *text, size_t len)
{
  TSTreeCursor a = ts_tree_cursor_new(ts_tree_root_node(inc)), b = ts_tree_cursor_new(ts_tree_root_node(fresh));
  for (;;) {
    TSNode x = ts_tree_cursor_current_node(&a), y = ts_tree_cursor_current_node(&b);
    TSPoint xs = ts_node_start_point(x), ys = ts_node_start_point(y), xe = ts_node_end_point(x), ye = ts_node_end_point(y);
    bool same = ts_node_symbol(x) == ts_node_symbol(y) && ts_node_is_named(x) == ts_node_is_named(y) &&
                ts_node_start_byte(x) == ts_node_start_byte(y) && ts_node_end_byte(x) == ts_node_end_byte(y) &&
                xs.row == ys.row && xs.column == ys.column && xe.row == ye.row && xe.column == ye.column &&
                ts_node_child_count(x) == ts_node_child_count(y);
    if (!same) {
      char *sa = ts_node_string(ts_tree_root_node(inc)), *sb = ts_node_string(ts_tree_root_node(fresh));
      fprintf(stderr, "text (%zu bytes): \"", len);
      for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch >= 0x20 && ch < 0x7F && ch != '"' && ch != '\\') fputc(ch, stderr);
        else fprintf(stderr, "\\x%02x", ch);
      }
      fprintf(stderr, "\"\nincremental: %s\nfresh:       %s\n", sa, sb);
      fuzz_fail("the reparsed tree differs from a fresh parse: %s%s [%u, %u) (%u,%u)-(%u,%u) %u children against "
                "%s%s [%u, %u) (%u,%u)-(%u,%u) %u children",
                ts_node_is_named(x) ? "" : "anonymous ", ts_node_type(x), ts_node_start_byte(x), ts_node_end_byte(x),
                xs.row, xs.column, xe.row, xe.column, ts_node_child_count(x), ts_node_is_named(y) ? "" : "anonymous ",
                ts_node_type(y), ts_node_start_byte(y), ts_node_end_byte(y), ys.row, ys.column, ye.row, ye.column,
                ts_node_child_count(y));
    }
    if (ts_tree_cursor_goto_first_child(&a)) {
      ts_tree_cursor_goto_first_child(&b); /* the child counts are equal: b follows a */
      continue;
    }
    for (;;) {
      if (ts_tree_cursor_goto_next_sibling(&a)) {
        ts_tree_cursor_goto_next_sibling(&b);
        break;
      }
      if (!ts_tree_cursor_goto_parent(&a)) goto done;
      ts_tree_cursor_goto_parent(&b);
    }
  }
done:
  ts_tree_cursor_delete(&a);
  ts_tree_cursor_delete(&b);
  /* the S-expression as the unit tests compare it */
  char *sa = ts_node_string(ts_tree_root_node(inc)), *sb = ts_node_string(ts_tree_root_node(fresh));
  FUZZ_CHECK(strcmp(sa, sb) == 0, "same nodes but a different ts_node_string:\n%s\n%s", sa, sb);
  free(sa);
  free(sb);
}

/* ---------------------------------------------------------------- queries */

static BlQuery *queries[2];

static void load_queries(void)
{
  static bool loaded;
  if (loaded) return;
  loaded = true;
  const char *names[2] = {"highlights", "folds"};
  for (int i = 0; i < 2; i++) {
    const BlBuiltinQuery *b = bl_builtin_query(names[i]);
    FUZZ_CHECK(b != NULL, "no built-in query %s", names[i]);
    BlQueryError e;
    queries[i] = bl_query_new(b->source, b->len, &e);
    FUZZ_CHECK(queries[i] != NULL, "the built-in %s query does not compile: %u:%u %s", names[i], e.line, e.column,
               e.message);
  }
}

static void run_queries(const TSTree *tree, const char *text, size_t len)
{
  load_queries();
  for (int i = 0; i < 2; i++) {
    uint32_t ncap = ts_query_capture_count(bl_query_ts(queries[i]));
    BlQueryCursor qc;
    bl_query_cursor_init(&qc, queries[i], ts_tree_root_node(tree), text, len);
    TSQueryMatch m;
    size_t matches = 0;
    while (bl_query_cursor_next(&qc, &m)) {
      matches++;
      for (uint16_t k = 0; k < m.capture_count; k++) {
        TSNode n = m.captures[k].node;
        FUZZ_CHECK(m.captures[k].index < ncap, "capture index %u of %u", m.captures[k].index, ncap);
        FUZZ_CHECK(ts_node_end_byte(n) <= len && ts_node_start_byte(n) <= ts_node_end_byte(n),
                   "a capture [%u, %u) outside the text (%zu bytes)", ts_node_start_byte(n), ts_node_end_byte(n), len);
        uint32_t nlen;
        const char *name = bl_query_capture_name(queries[i], m.captures[k].index, &nlen);
        FUZZ_CHECK(name != NULL && nlen > 0, "a capture without a name");
      }
      FUZZ_CHECK(matches <= 4 * len + 16, "more query matches (%zu) than the text could hold", matches);
    }
    bl_query_cursor_free(&qc);
  }
}

/* ---------------------------------------------------------------- the run */

static void check_document_tree(BlDocument *d, const char *what, bool queries_too)
{
  const TSTree *tree = bl_syntax_of(d);
  FUZZ_CHECK(tree != NULL, "%s: no tree for %zu bytes", what, d->len);
  Check c = {d->text, d->len, rows_of(d->text, d->len), what, 0};
  check_tree(&c, tree);
  if (queries_too) run_queries(tree, d->text, d->len);
  bl_free(c.rows.starts);
}

/* The document's reparsed tree: valid, and equal to a fresh parse of its text. */
static void check_reparse(BlDocument *d, TSParser *fresh_parser, bool queries_too)
{
  check_document_tree(d, "reparse", queries_too);
  const BlSyntax *syn = d->syntax;
  FUZZ_CHECK(syn->full_parses == 1 && syn->reparses >= 1, "the edits were parsed afresh (%zu full, %zu reparses)",
             syn->full_parses, syn->reparses);
  TSTree *fresh = ts_parser_parse_string(fresh_parser, NULL, d->text, (uint32_t)d->len);
  Check c = {d->text, d->len, rows_of(d->text, d->len), "fresh parse", 0};
  check_tree(&c, fresh);
  bl_free(c.rows.starts);
  check_same_tree(syn->tree, fresh, d->text, d->len);
  ts_tree_delete(fresh);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  FuzzInput in = {data, size, 0};
  uint8_t head = fuzz_u8(&in);
  unsigned nedits = head & 7u;
  bool burst = head & 8u, queries_too = !(head & 16u);
  static const size_t repeats[4] = {1, 4, 32, 256};
  size_t repeat = repeats[head >> 5 & 3u];

  struct {
    size_t at, del;
    const char *ins;
    size_t ins_len;
  } edits[MAX_EDITS];
  for (unsigned i = 0; i < nedits; i++) {
    edits[i].at = (size_t)fuzz_u8(&in) << 8 | fuzz_u8(&in);
    uint8_t del = fuzz_u8(&in);
    edits[i].del = del < 192 ? del % 8u : (size_t)(del - 192) * 16;
    uint8_t ins = fuzz_u8(&in);
    if (ins >= 0xF0) {
      edits[i].ins = SNIPPETS[ins - 0xF0];
      edits[i].ins_len = strlen(edits[i].ins);
    } else {
      size_t n;
      edits[i].ins = (const char *)fuzz_bytes(&in, MAX_INSERT, &n);
      edits[i].ins_len = n;
    }
  }
  size_t len;
  const uint8_t *text = fuzz_rest(&in, &len);
  if (len > MAX_TEXT) len = MAX_TEXT;
  size_t total = len * repeat > MAX_REPEATED ? MAX_REPEATED : len * repeat;
  char *doc = bl_malloc(total + 1);
  for (size_t i = 0; i < total; i += len) memcpy(doc + i, text, total - i < len ? total - i : len);

  BlDocument *d = bl_document_new("file:///fuzz.md", doc, total, 1);
  bl_free(doc);
  check_document_tree(d, "first parse", queries_too);

  TSParser *fresh_parser = ts_parser_new();
  ts_parser_set_language(fresh_parser, tree_sitter_news());
  bool pending = false; /* edits not reparsed yet */
  for (unsigned i = 0; i < nedits; i++) {
    size_t at = edits[i].at % (d->len + 1);
    size_t end = at + edits[i].del > d->len ? d->len : at + edits[i].del;
    size_t sline = bl_line_index_line_of(&d->lines, at), eline = bl_line_index_line_of(&d->lines, end);
    BlChange ch = {true,
                   {(int64_t)sline, (int64_t)(at - d->lines.starts[sline])},
                   {(int64_t)eline, (int64_t)(end - d->lines.starts[eline])},
                   edits[i].ins,
                   edits[i].ins_len};
    BlTextEdit e;
    if (bl_document_apply(d, &ch, BL_ENC_UTF8, &e) == BL_POS_OK) { /* else inside a character: refused */
      bl_syntax_document_edit(d, &e);
      pending = true;
    }
    if (pending && (!burst || i + 1 == nedits)) {
      check_reparse(d, fresh_parser, queries_too);
      pending = false;
    }
  }
  ts_parser_delete(fresh_parser);
  bl_document_delete(d);
  return 0;
}
