/* query.h: tree-sitter queries over the news grammar, with byline's host-side predicates.
 *
 * tree-sitter parses predicates but leaves their meaning to the host. A BlQuery checks them
 * once, when the query is built (an unknown predicate or a bad regex is an error, like a bad
 * node name), and applies them to every match its cursor returns:
 *   (#eq? @a "text") (#eq? @a @b) (#not-eq? ...)     exact text
 *   (#match? @a "regex") (#not-match? ...)            POSIX extended regex, anywhere in the text
 *   (#any-of? @a "x" "y" ...) (#not-any-of? ...)      one of the strings
 *   (#gazetteer? @a "list")                           the host's lookup (bl_query_set_gazetteer);
 *                                                      no lookup set = no match
 * Directives (names ending in `!`, like nvim's #set!) are accepted and ignored. A predicate on a
 * capture that occurs several times in a match must hold for each occurrence.
 *
 * Built-in queries (queries/news/ (*.scm)) are compiled into the binary by the build
 * (embed_queries.py); bl_builtin_query finds one by name. */
#ifndef BL_SYNTAX_QUERY_H
#define BL_SYNTAX_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <tree_sitter/api.h>

typedef struct BlQueryError {
  unsigned line, column; /* 1-based; the column counts characters (code points) */
  char message[256];
} BlQueryError;

/* Whether text[0..len) is in the host's list `list`. */
typedef bool (*BlGazetteerFn)(void *data, const char *list, const char *text, size_t len);

typedef struct BlQuery BlQuery;

/* Compiles source[0..len) against the news grammar. Returns the query, or NULL with *error
 * filled in. The caller frees the query with bl_query_delete (which accepts NULL). */
BlQuery *bl_query_new(const char *source, size_t len, BlQueryError *error);
void bl_query_delete(BlQuery *self);
void bl_query_set_gazetteer(BlQuery *self, BlGazetteerFn fn, void *data);
const TSQuery *bl_query_ts(const BlQuery *self);
/* The name of capture `id` (not NUL-terminated: *len bytes). */
const char *bl_query_capture_name(const BlQuery *self, uint32_t id, uint32_t *len);

/* Runs a query over `node` of a tree of `text`; matches whose predicates fail are skipped. */
typedef struct BlQueryCursor {
  const BlQuery *query;
  TSQueryCursor *cursor;
  const char *text;
  size_t len;
} BlQueryCursor;

void bl_query_cursor_init(BlQueryCursor *self, const BlQuery *query, TSNode node, const char *text, size_t len);
/* The next match that passes its predicates; false at the end. */
bool bl_query_cursor_next(BlQueryCursor *self, TSQueryMatch *match);
void bl_query_cursor_free(BlQueryCursor *self);

/* Built-in queries, generated from queries/news/ (*.scm) at build time. */
typedef struct BlBuiltinQuery {
  const char *name; /* file name without .scm: "highlights", "folds" */
  const char *source;
  size_t len;
} BlBuiltinQuery;
extern const BlBuiltinQuery bl_builtin_queries[];
extern const size_t bl_builtin_query_count;
/* The built-in query called name, or NULL. */
const BlBuiltinQuery *bl_builtin_query(const char *name);

#endif
