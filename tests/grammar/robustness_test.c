/* robustness_test.c: the news grammar parses any input, without an ERROR node, with a bounded
 * tree depth, and an incremental reparse gives the tree a fresh parse gives.
 *
 * Usage: robustness_test [BIG_LINE_BYTES]   (default 10 MB)
 *
 * Inputs that a corpus file cannot hold (invalid UTF-8) or that are too large for one live here:
 * empty input, NUL bytes, invalid UTF-8, 10,000 nested brackets and quotation marks, a single
 * line of BIG_LINE_BYTES, many unclosed comments and links, seeded random byte soups, seeded
 * random edits reparsed incrementally, and the scanner's serialize/deserialize round trip.
 * Each check prints one line; the last line is "N passed, M failed"; exit status 1 on failure.
 * Times are printed for information only: speed is measured by the parse benchmark, not here.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#endif
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_news(void);
void *tree_sitter_news_external_scanner_create(void);
void tree_sitter_news_external_scanner_destroy(void *payload);
unsigned tree_sitter_news_external_scanner_serialize(void *payload, char *buffer);
void tree_sitter_news_external_scanner_deserialize(void *payload, const char *buffer, unsigned length);

/* TREE_SITTER_SERIALIZATION_BUFFER_SIZE of tree_sitter/parser.h (0.20.7), the buffer the
 * runtime hands to serialize; that header is for parsers, not for clients of api.h. */
#define SERIALIZATION_BUFFER_SIZE 1024

/* Deeper than any tree the grammar can build: 16 open constructs, each at most two levels
 * (link, link_text), under document / block / sentence. */
#define MAX_TREE_DEPTH 64

static unsigned passed, failed;

static void check(bool ok, const char *what) {
  printf("%s %s\n", ok ? "ok  " : "FAIL", what);
  if (ok) {
    passed++;
  } else {
    failed++;
  }
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- a growable byte buffer ---------------------------------------------------------------- */

typedef struct {
  char *data;
  size_t len, cap;
} Text;

static void text_append(Text *t, const char *s, size_t n) {
  if (t->len + n + 1 > t->cap) {
    size_t cap = t->cap ? t->cap : 256;
    while (cap < t->len + n + 1) cap *= 2;
    t->data = realloc(t->data, cap);
    if (t->data == NULL) abort();
    t->cap = cap;
  }
  memcpy(t->data + t->len, s, n);
  t->len += n;
  t->data[t->len] = '\0';
}

static void text_str(Text *t, const char *s) { text_append(t, s, strlen(s)); }

static void text_repeat(Text *t, const char *s, size_t times) {
  for (size_t i = 0; i < times; i++) text_str(t, s);
}

static void text_free(Text *t) {
  free(t->data);
  t->data = NULL;
  t->len = t->cap = 0;
}

/* ---- parsing checks ------------------------------------------------------------------------ */

static unsigned tree_depth(TSNode root) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  unsigned depth = 0, max = 0;
  for (;;) {
    if (depth > max) max = depth;
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      depth++;
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        ts_tree_cursor_delete(&cursor);
        return max;
      }
      depth--;
    }
  }
}

/* Parses `input` and checks: no ERROR/MISSING node, bounded depth. */
static void check_parse(TSParser *parser, const char *name, const char *input, size_t len) {
  double t0 = now();
  TSTree *tree = ts_parser_parse_string(parser, NULL, input, (uint32_t)len);
  double t1 = now();
  bool ok = tree != NULL;
  char what[256];
  if (ok) {
    TSNode root = ts_tree_root_node(tree);
    unsigned depth = tree_depth(root);
    ok = !ts_node_has_error(root) && depth <= MAX_TREE_DEPTH;
    snprintf(what, sizeof what, "%s (%zu bytes, depth %u, %.3f s)", name, len, depth, t1 - t0);
    if (ts_node_has_error(root) && len < 400) {
      char *s = ts_node_string(root);
      printf("     tree: %s\n", s);
      free(s);
    }
    ts_tree_delete(tree);
  } else {
    snprintf(what, sizeof what, "%s: no tree", name);
  }
  check(ok, what);
}

static void check_text(TSParser *parser, const char *name, Text *t) {
  check_parse(parser, name, t->data ? t->data : "", t->len);
  text_free(t);
}

/* ---- seeded randomness (xorshift; the same sequence on every platform) ---------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint32_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (uint32_t)(rng_state >> 16);
}

/* Pieces that exercise the scanner: markers, quotes, abbreviations, broken UTF-8, NUL. */
static const char *const PIECES[] = {
  "\n", "\n\n", " ", "\t", "\r\n", "a", "The", "said", "Mr.", "U.S.", "F.", "a.m.", "etc.", "Inc.",
  ".", "?", "!", "...", "\xe2\x80\xa6", "\xe2\x80\x9c", "\xe2\x80\x9d", "\"", "\xe2\x80\x98",
  "\xe2\x80\x99", "'", "(", ")", "[", "]", "](", "[x](http://a.b)", "<!--", "-->", "<", "---", "-",
  "- ", "* ", "1. ", "> ", "#", "# ", "Key Facts", "Further Reading", "Title (Outlet)", "title:",
  ":", "4,000", "7.5", "$", "%", "USD", "\xe2\x80\x94", "--", "https://x.y/z", "\xff", "\xc3",
  "\x80", "\xe2\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "NSA/Cyber", "It", ",", "\xef\xbb\xbf",
  "\xc2\xa0", "",  /* the empty string stands for a NUL byte */
};
#define PIECE_COUNT (sizeof PIECES / sizeof PIECES[0])

static void random_text(Text *t, unsigned pieces) {
  for (unsigned i = 0; i < pieces; i++) {
    const char *p = PIECES[rng() % PIECE_COUNT];
    if (*p == '\0') {
      text_append(t, "", 1);
    } else {
      text_str(t, p);
    }
  }
}

static TSPoint point_after(const char *s, size_t n, TSPoint p) {
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\n') {
      p.row++;
      p.column = 0;
    } else {
      p.column++;
    }
  }
  return p;
}

/* Random documents, each edited once at a character boundary and reparsed incrementally: the
 * incremental tree must equal a fresh parse of the new text. */
static void check_incremental(TSParser *parser, unsigned iterations) {
  unsigned mismatches = 0, errors = 0;
  for (unsigned it = 0; it < iterations; it++) {
    Text a = {NULL, 0, 0};
    random_text(&a, rng() % 40);
    if (a.len == 0) text_str(&a, "x");
    TSTree *old = ts_parser_parse_string(parser, NULL, a.data, (uint32_t)a.len);

    size_t pos = rng() % (a.len + 1);
    /* Editors edit whole characters: never split a UTF-8 sequence. */
    while (pos > 0 && pos < a.len && ((unsigned char)a.data[pos] & 0xC0) == 0x80) pos--;
    Text ins = {NULL, 0, 0};
    random_text(&ins, 1 + rng() % 3);
    size_t del = rng() % 3 == 0 ? rng() % (a.len - pos + 1) : 0;
    while (pos + del < a.len && ((unsigned char)a.data[pos + del] & 0xC0) == 0x80) del++;

    Text b = {NULL, 0, 0};
    text_append(&b, a.data, pos);
    text_append(&b, ins.data ? ins.data : "", ins.len);
    text_append(&b, a.data + pos + del, a.len - pos - del);

    TSPoint start = point_after(a.data, pos, (TSPoint){0, 0});
    TSInputEdit edit = {
      .start_byte = (uint32_t)pos,
      .old_end_byte = (uint32_t)(pos + del),
      .new_end_byte = (uint32_t)(pos + ins.len),
      .start_point = start,
      .old_end_point = point_after(a.data + pos, del, start),
      .new_end_point = point_after(ins.data ? ins.data : "", ins.len, start),
    };
    ts_tree_edit(old, &edit);
    TSTree *inc = ts_parser_parse_string(parser, old, b.data, (uint32_t)b.len);
    TSTree *fresh = ts_parser_parse_string(parser, NULL, b.data, (uint32_t)b.len);
    char *s1 = ts_node_string(ts_tree_root_node(inc));
    char *s2 = ts_node_string(ts_tree_root_node(fresh));
    if (strcmp(s1, s2) != 0 && mismatches++ < 3) {
      printf("     incremental differs after an edit at byte %zu:\n     inc:   %s\n     fresh: %s\n",
             pos, s1, s2);
    }
    if (ts_node_has_error(ts_tree_root_node(fresh))) errors++;
    free(s1);
    free(s2);
    ts_tree_delete(old);
    ts_tree_delete(inc);
    ts_tree_delete(fresh);
    text_free(&a);
    text_free(&b);
    text_free(&ins);
  }
  char what[160];
  snprintf(what, sizeof what, "incremental reparse equals a fresh parse (%u edits, %u differ, %u errors)",
           iterations, mismatches, errors);
  check(mismatches == 0 && errors == 0, what);
}

static void check_random(TSParser *parser, unsigned iterations) {
  unsigned errors = 0;
  for (unsigned it = 0; it < iterations; it++) {
    Text t = {NULL, 0, 0};
    if (it % 2 == 0) {
      random_text(&t, rng() % 80);
    } else {
      /* raw bytes */
      size_t n = rng() % 200;
      for (size_t i = 0; i < n; i++) {
        char c = (char)(rng() & 0xFF);
        text_append(&t, &c, 1);
      }
    }
    TSTree *tree = ts_parser_parse_string(parser, NULL, t.data ? t.data : "", (uint32_t)t.len);
    TSNode root = ts_tree_root_node(tree);
    if (ts_node_has_error(root) || tree_depth(root) > MAX_TREE_DEPTH) errors++;
    ts_tree_delete(tree);
    text_free(&t);
  }
  char what[128];
  snprintf(what, sizeof what, "random inputs parse without errors (%u inputs, %u with errors)",
           iterations, errors);
  check(errors == 0, what);
}

/* ---- the scanner's state ------------------------------------------------------------------- */

static void check_scanner_state(void) {
  void *scanner = tree_sitter_news_external_scanner_create();
  char buf[SERIALIZATION_BUFFER_SIZE], again[SERIALIZATION_BUFFER_SIZE];
  unsigned zero_len = tree_sitter_news_external_scanner_serialize(scanner, buf);
  bool ok = zero_len > 0 && zero_len <= SERIALIZATION_BUFFER_SIZE;
  for (unsigned i = 0; i < zero_len; i++) ok = ok && buf[i] == 0;
  check(ok, "a new scanner serializes to zeros within the buffer size");

  /* Every state serialize can write reads back to the same bytes. Random states: depth at
   * most 16 with the stack bits above it clear, any block/expect/flags/lengths. */
  unsigned bad = 0;
  for (unsigned it = 0; it < 100000; it++) {
    memset(buf, 0, sizeof buf);
    unsigned depth = rng() % 17;
    uint32_t stack = depth == 16 ? rng() : rng() & ((1u << (2 * depth)) - 1u);
    buf[0] = (char)(stack & 0xFF);
    buf[1] = (char)((stack >> 8) & 0xFF);
    buf[2] = (char)((stack >> 16) & 0xFF);
    buf[3] = (char)(stack >> 24);
    buf[4] = (char)depth;
    for (unsigned i = 5; i < zero_len; i++) buf[i] = (char)(rng() & 0xFF);
    tree_sitter_news_external_scanner_deserialize(scanner, buf, zero_len);
    unsigned n = tree_sitter_news_external_scanner_serialize(scanner, again);
    if (n != zero_len || memcmp(buf, again, n) != 0) bad++;
    /* and the round trip is stable */
    tree_sitter_news_external_scanner_deserialize(scanner, again, n);
    unsigned m = tree_sitter_news_external_scanner_serialize(scanner, buf);
    if (m != n || memcmp(buf, again, n) != 0) bad++;
  }
  check(bad == 0, "serialize(deserialize(state)) gives the same bytes (100000 states)");

  /* Anything else read back is a fresh state, never out of bounds. */
  memset(buf, 0x7F, sizeof buf);
  tree_sitter_news_external_scanner_deserialize(scanner, buf, zero_len);
  unsigned n = tree_sitter_news_external_scanner_serialize(scanner, again);
  ok = n == zero_len;
  for (unsigned i = 0; i < n; i++) ok = ok && again[i] == 0;
  tree_sitter_news_external_scanner_deserialize(scanner, buf, 3);
  n = tree_sitter_news_external_scanner_serialize(scanner, again);
  ok = ok && n == zero_len;
  for (unsigned i = 0; i < n; i++) ok = ok && again[i] == 0;
  tree_sitter_news_external_scanner_deserialize(scanner, NULL, 0);
  n = tree_sitter_news_external_scanner_serialize(scanner, again);
  ok = ok && n == zero_len;
  for (unsigned i = 0; i < n; i++) ok = ok && again[i] == 0;
  check(ok, "an impossible or short state deserializes to a fresh one");
  tree_sitter_news_external_scanner_destroy(scanner);
}

/* ---- main ---------------------------------------------------------------------------------- */

int main(int argc, char **argv) {
  size_t big = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : (size_t)10 * 1000 * 1000;
  setvbuf(stdout, NULL, _IOLBF, 0); /* a hang shows which input it was */
  TSParser *parser = ts_parser_new();
  if (!ts_parser_set_language(parser, tree_sitter_news())) {
    fputs("robustness_test: the news language does not match this tree-sitter library\n", stderr);
    return 1;
  }
  Text t = {NULL, 0, 0};

  check_parse(parser, "empty input", "", 0);
  check_parse(parser, "blank lines only", "\n\n \t\r\n\n", 6);

  static const char nuls[] = "\0\0\0Head\0line\n\n\0- \0item\0.\n\n> \0\n\nFurther Reading\n\nT\0 (O\0)\n";
  check_parse(parser, "NUL bytes in every block", nuls, sizeof nuls - 1);
  static const char fm_nuls[] = "---\nti\0tle: a\0b\n\0\n---\n\nH";
  check_parse(parser, "NUL bytes in front matter", fm_nuls, sizeof fm_nuls - 1);

  text_str(&t, "\xff\xfe\xfd Head\xc3 line\n\n\x80\x80 text \xe2\x80 more \xed\xa0\x80 \xf8\x88\x80\x80\x80.\n\n"
               "- \xc0\xaf item\n\n> \xf4\x90\x80\x80\n\n[\xff](\xfe) \"\xff\" (\xff) \xe2\x80\x9c\xff\xe2\x80\x9d\n");
  check_text(parser, "invalid UTF-8 in every block", &t);
  text_str(&t, "Head\n\nEnds in a truncated sequence \xe2\x80");
  check_text(parser, "input ending inside a UTF-8 sequence", &t);

  text_str(&t, "H\n\n");
  text_repeat(&t, "(", 10000);
  text_str(&t, "x");
  text_repeat(&t, ")", 10000);
  check_text(parser, "10,000 nested parentheses", &t);
  text_str(&t, "H\n\n");
  text_repeat(&t, "[", 10000);
  text_str(&t, "x");
  text_repeat(&t, "](u)", 10000);
  check_text(parser, "10,000 nested square brackets", &t);
  text_str(&t, "H\n\n");
  text_repeat(&t, "\xe2\x80\x9c\xe2\x80\x98(\"'[", 10000);
  text_str(&t, "x.");
  text_repeat(&t, "\xe2\x80\x99\xe2\x80\x9d)\"']", 10000);
  check_text(parser, "10,000 nested mixed quotation marks and brackets", &t);
  text_repeat(&t, "(((((((((((((((((((((", 2000);
  check_text(parser, "40,000 opening parentheses in a headline", &t);

  text_str(&t, "H\n\n");
  text_repeat(&t, "<!-- ", 100000);
  check_text(parser, "100,000 unclosed comments", &t);
  text_str(&t, "H\n\n");
  text_repeat(&t, "[a ", 100000);
  check_text(parser, "100,000 unclosed link brackets", &t);
  text_str(&t, "H\n\n");
  text_repeat(&t, "\xe2\x80\x9c" "a. ", 100000);
  check_text(parser, "100,000 unclosed quotations", &t);
  /* tree-sitter 0.20.7 keeps a node's child count in 16 bits: 65,536 extras in a row between
   * two tokens used to corrupt the tree (a double free in ts_tree_delete, or a hang). */
  text_str(&t, "H\n\nText ");
  text_repeat(&t, "<!---->", 70000);
  text_str(&t, " more.");
  check_text(parser, "70,000 comments in a row inside a sentence", &t);
  text_str(&t, "H\n\n");
  text_repeat(&t, "<!---->\n\n", 70000);
  check_text(parser, "70,000 comments in a row between blocks", &t);
  text_repeat(&t, "<!-- -->", 70000);
  text_str(&t, "Headline");
  check_text(parser, "70,000 comments in a row before the headline", &t);
  text_str(&t, "H\n\nText\n");
  text_repeat(&t, "<!---->\n", 70000);
  text_str(&t, "more.");
  check_text(parser, "70,000 comment lines inside a paragraph", &t);
  text_str(&t, "H\n\n> a\n");
  text_repeat(&t, ">\n", 70000);
  check_text(parser, "70,000 empty block quote lines", &t);
  text_str(&t, "H\n\n");
  text_repeat(&t, "> <!-- -->\n", 70000);
  check_text(parser, "70,000 block quote lines holding only a comment", &t);

  text_str(&t, "---\n");
  text_repeat(&t, "key: value\n", 100000);
  check_text(parser, "front matter that never closes", &t);
  text_str(&t, "H\n\nFurther Reading\n\n");
  text_repeat(&t, "A title (An Outlet)\n", 20000);
  text_repeat(&t, "x", 5000);
  text_str(&t, " (y)\n");
  check_text(parser, "20,000 reading entries and an overlong one", &t);

  static const char sentence[] =
      "The U.S. agency said \xe2\x80\x9cit was bad \xe2\x80\x94 shockingly bad,\xe2\x80\x9d "
      "Mr. Lee told the Post (on Monday) after 4,000 people paid $7.5 billion, or 12%. ";
  while (t.len + sizeof sentence < big) text_str(&t, sentence);
  check_text(parser, "one line of news text", &t);
  text_str(&t, "H\n\n");
  while (t.len + sizeof sentence < big) text_str(&t, sentence);
  check_text(parser, "one paragraph line of news text", &t);

  check_random(parser, 20000);
  check_incremental(parser, 5000);
  check_scanner_state();

  ts_parser_delete(parser);
  printf("%u passed, %u failed\n", passed, failed);
  return failed > 0 ? 1 : 0;
}
