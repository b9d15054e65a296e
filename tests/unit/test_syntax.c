/* test_syntax.c: the syntax layer: every built-in query compiles against the grammar, the query
 * loader reports a bad query's line and column, host-side predicates filter matches, and a
 * document's tree follows its edits by incremental reparse (equal to a fresh parse). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "syntax/parse.h"
#include "syntax/query.h"
#include "text/document.h"

static const char article[] =
    "Council delays vote on harbour dredging\n"
    "\n"
    "The council said Tuesday it would delay the vote. “We need the survey first,” said Ms. Ortiz.\n"
    "\n"
    "Key Facts\n"
    "\n"
    "The survey costs $2 million, NASA said. The EPA and the USGS declined to comment.\n";

static TSTree *parse(const char *text)
{
  TSParser *p = ts_parser_new();
  ts_parser_set_language(p, tree_sitter_news());
  TSTree *t = ts_parser_parse_string(p, NULL, text, (uint32_t)strlen(text));
  ts_parser_delete(p);
  return t;
}

/* The texts of every capture of q over text, joined with "|". The caller frees the result. */
static char *captures(const BlQuery *q, const char *text)
{
  TSTree *t = parse(text);
  BlQueryCursor c;
  TSQueryMatch m;
  size_t cap = 4096, len = 0;
  char *out = calloc(cap, 1);
  bl_query_cursor_init(&c, q, ts_tree_root_node(t), text, strlen(text));
  while (bl_query_cursor_next(&c, &m)) {
    for (uint16_t i = 0; i < m.capture_count; i++) {
      TSNode n = m.captures[i].node;
      uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
      len += (size_t)snprintf(out + len, cap - len, "%s%.*s", len ? "|" : "", (int)(b - a), text + a);
    }
  }
  bl_query_cursor_free(&c);
  ts_tree_delete(t);
  return out;
}

static BlQuery *compile(const char *source)
{
  BlQueryError e;
  BlQuery *q = bl_query_new(source, strlen(source), &e);
  cr_assert_not_null(q, "query failed at %u:%u: %s", e.line, e.column, e.message);
  return q;
}

Test(syntax, every_builtin_query_compiles_against_the_grammar)
{
  cr_assert_geq(bl_builtin_query_count, 2);
  cr_assert_not_null(bl_builtin_query("highlights"));
  cr_assert_not_null(bl_builtin_query("folds"));
  for (size_t i = 0; i < bl_builtin_query_count; i++) {
    const BlBuiltinQuery *b = &bl_builtin_queries[i];
    BlQueryError e;
    BlQuery *q = bl_query_new(b->source, b->len, &e);
    cr_assert_not_null(q, "built-in %s.scm:%u:%u: %s", b->name, e.line, e.column, e.message);
    cr_assert_eq(strlen(b->source), b->len, "%s.scm is embedded whole", b->name);
    bl_query_delete(q);
  }
}

Test(syntax, unknown_node_type_reports_line_and_column)
{
  const char *src = "(paragraph) @fold\n  (no_such_node) @x\n";
  BlQueryError e;
  cr_assert_null(bl_query_new(src, strlen(src), &e));
  cr_assert_eq(e.line, 2);
  cr_assert_eq(e.column, 4, "column %u", e.column);
  cr_assert(strstr(e.message, "unknown node type") && strstr(e.message, "no_such_node"), "%s", e.message);
}

Test(syntax, syntax_error_column_counts_characters)
{
  const char *src = "; “curly” comment\n(sentence @s";
  BlQueryError e;
  cr_assert_null(bl_query_new(src, strlen(src), &e));
  cr_assert_eq(e.line, 2);
  cr_assert(e.column >= 1 && e.column <= 13, "column %u", e.column);
}

Test(syntax, unknown_predicate_and_bad_regex_are_errors_at_their_pattern)
{
  const char *src = "(word) @w\n\n((word) @w (#sounds-like? @w \"x\"))";
  BlQueryError e;
  cr_assert_null(bl_query_new(src, strlen(src), &e));
  cr_assert_eq(e.line, 3);
  cr_assert_eq(e.column, 1);
  cr_assert(strstr(e.message, "sounds-like?"), "%s", e.message);
  src = "((word) @w (#match? @w \"a(\"))";
  cr_assert_null(bl_query_new(src, strlen(src), &e));
  cr_assert(strstr(e.message, "regular expression"), "%s", e.message);
  src = "((word) @w (#eq? @w))";
  cr_assert_null(bl_query_new(src, strlen(src), &e));
}

Test(syntax, eq_match_and_any_of_filter_matches)
{
  BlQuery *q = compile("((acronym) @a (#eq? @a \"NASA\"))");
  char *got = captures(q, article);
  cr_assert_str_eq(got, "NASA");
  free(got);
  bl_query_delete(q);

  q = compile("((acronym) @a (#not-eq? @a \"NASA\"))");
  got = captures(q, article);
  cr_assert_str_eq(got, "EPA|USGS");
  free(got);
  bl_query_delete(q);

  q = compile("((word) @w (#match? @w \"^su\"))");
  got = captures(q, article);
  cr_assert_str_eq(got, "survey|survey");
  free(got);
  bl_query_delete(q);

  q = compile("((acronym) @a (#any-of? @a \"EPA\" \"USGS\" \"FBI\"))");
  got = captures(q, article);
  cr_assert_str_eq(got, "EPA|USGS");
  free(got);
  bl_query_delete(q);

  q = compile("((section_heading) @h (#set! priority 1))"); /* a directive is ignored */
  got = captures(q, article);
  cr_assert_str_eq(got, "Key Facts");
  free(got);
  bl_query_delete(q);
}

static bool agencies(void *data, const char *list, const char *text, size_t len)
{
  (void)data;
  return strcmp(list, "agencies") == 0 && ((len == 3 && memcmp(text, "EPA", 3) == 0) ||
                                           (len == 4 && memcmp(text, "NASA", 4) == 0));
}

Test(syntax, gazetteer_predicate_asks_the_host)
{
  BlQuery *q = compile("((acronym) @a (#gazetteer? @a \"agencies\"))");
  char *got = captures(q, article);
  cr_assert_str_eq(got, "", "no lookup set: no match");
  free(got);
  bl_query_set_gazetteer(q, agencies, NULL);
  got = captures(q, article);
  cr_assert_str_eq(got, "NASA|EPA");
  free(got);
  bl_query_delete(q);
}

static BlChange change(int64_t l0, int64_t c0, int64_t l1, int64_t c1, const char *text)
{
  return (BlChange){true, {l0, c0}, {l1, c1}, text, strlen(text)};
}

/* The S-expression of the document's tree, after its edits, against a fresh parse of its text. */
static void assert_tree_is_fresh(BlDocument *d)
{
  const TSTree *t = bl_syntax_of(d);
  cr_assert_not_null(t);
  TSTree *fresh = parse(d->text);
  char *a = ts_node_string(ts_tree_root_node(t)), *b = ts_node_string(ts_tree_root_node(fresh));
  cr_assert_str_eq(a, b);
  free(a);
  free(b);
  ts_tree_delete(fresh);
}

Test(syntax, document_tree_is_reparsed_incrementally_after_edits)
{
  BlDocument *d = bl_document_new("file:///a.txt", article, strlen(article), 1);
  cr_assert_not_null(bl_syntax_of(d));
  BlSyntax *s = d->syntax;
  cr_assert_eq(s->full_parses, 1);
  cr_assert_eq(bl_syntax_of(d), bl_syntax_of(d), "no edit, no reparse");
  cr_assert_eq(s->reparses, 0);

  /* a new section typed in, a heading renamed, a quotation closed across lines */
  const BlChange edits[] = {
      change(4, 4, 4, 9, "Numbers"),
      change(6, 0, 6, 0, "Background\n\nThe harbour was last dredged in 2009.\n\n"),
      change(2, 51, 2, 51, "“Not"),
      change(2, 55, 2, 55, " yet,” she said. "),
  };
  for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
    BlTextEdit e;
    cr_assert_eq(bl_document_apply(d, &edits[i], BL_ENC_UTF16, &e), BL_POS_OK);
    bl_syntax_document_edit(d, &e);
    assert_tree_is_fresh(d);
  }
  cr_assert_eq(s->full_parses, 1);
  cr_assert_eq(s->reparses, 4);
  cr_assert(strstr(d->text, "Key Numbers\n"));

  /* a wholesale replacement drops the tree; the next use parses afresh */
  bl_document_set_text(d, "Short\n", 6);
  cr_assert_null(d->syntax);
  assert_tree_is_fresh(d);
  bl_document_delete(d);
}

Test(syntax, text_over_the_limit_gets_no_tree)
{
  size_t len = BL_SYNTAX_MAX_BYTES + 1;
  char *big = malloc(len + 1);
  memset(big, 'a', len);
  big[len] = '\0';
  BlSyntax *s = bl_syntax_new();
  cr_assert_null(bl_syntax_parse(s, big, len));
  cr_assert_not_null(bl_syntax_parse(s, "Short text.", 11));
  cr_assert_null(bl_syntax_parse(s, big, len), "growing past the limit drops the tree");
  cr_assert_null(s->tree);
  bl_syntax_delete(s);
  bl_syntax_delete(NULL);
  free(big);
}
