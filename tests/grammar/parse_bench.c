/* parse_bench.c: parse throughput of the news grammar, in MB/s. A figure, never pass/fail.
 *
 * Usage: grammar_parse_bench [--size BYTES] [--reps N] FILE_OR_DIR...
 *
 * Collects articles from the arguments: a .txt file is one article; a .jsonl file gives one
 * article per line, its "text" field; a directory is searched (recursively) for both. The
 * articles are replicated until they hold --size bytes (default 10,000,000), then parsed
 * --reps times (default 3) two ways: one article at a time, as the linter does, and all of
 * them joined into one document. The best time of each is reported, with the number of nodes
 * and of leaf tokens in the trees. Times are CPU time of this process (MB/s per core), which
 * other load on the machine disturbs less than wall time.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* clock_gettime, opendir */
#endif
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_news(void);

typedef struct {
  char *data;
  size_t len, cap;
} Text;

static void text_append(Text *t, const char *s, size_t n) {
  if (n > SIZE_MAX / 4 || t->len > SIZE_MAX / 4) abort(); /* also tells gcc -O3 the copy is bounded */
  if (t->len + n + 1 > t->cap) {
    size_t cap = t->cap ? t->cap : 4096;
    while (cap < t->len + n + 1) cap *= 2;
    t->data = realloc(t->data, cap);
    if (t->data == NULL) abort();
    t->cap = cap;
  }
  memcpy(t->data + t->len, s, n);
  t->len += n;
  t->data[t->len] = '\0';
}

typedef struct {
  Text *items;
  size_t count, cap, bytes;
} Articles;

static void add_article(Articles *a, Text t) {
  if (t.len == 0) {
    free(t.data);
    return;
  }
  if (a->count == a->cap) {
    a->cap = a->cap ? a->cap * 2 : 256;
    a->items = realloc(a->items, a->cap * sizeof *a->items);
    if (a->items == NULL) abort();
  }
  a->bytes += t.len;
  a->items[a->count++] = t;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  Text t = {NULL, 0, 0};
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) text_append(&t, buf, n);
  fclose(f);
  if (t.data == NULL) text_append(&t, "", 0);
  *len = t.len;
  return t.data;
}

static void put_utf8(Text *t, uint32_t cp) {
  char b[4];
  size_t n;
  if (cp < 0x80) {
    b[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    b[0] = (char)(0xC0 | (cp >> 6));
    b[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    b[0] = (char)(0xE0 | (cp >> 12));
    b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    b[0] = (char)(0xF0 | (cp >> 18));
    b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  text_append(t, b, n);
}

static int hex4(const char *s, const char *end, uint32_t *out) {
  if (end - s < 4) return -1;
  uint32_t v = 0;
  for (int i = 0; i < 4; i++) {
    char c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= (uint32_t)(c - '0');
    else if (c >= 'a' && c <= 'f') v |= (uint32_t)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') v |= (uint32_t)(c - 'A' + 10);
    else return -1;
  }
  *out = v;
  return 0;
}

/* The "text" string of one JSON object on a line; enough JSON for the eval files. */
static bool jsonl_text(const char *line, const char *end, Text *out) {
  static const char key[] = "\"text\"";
  const char *p = line;
  for (;;) {
    p = memchr(p, '"', (size_t)(end - p));
    if (p == NULL || (size_t)(end - p) < sizeof key) return false;
    if (memcmp(p, key, sizeof key - 1) == 0) break;
    p++;
  }
  p += sizeof key - 1;
  while (p < end && (*p == ' ' || *p == ':')) p++;
  if (p >= end || *p != '"') return false;
  p++;
  while (p < end && *p != '"') {
    if (*p != '\\') {
      const char *q = p;
      while (q < end && *q != '"' && *q != '\\') q++;
      text_append(out, p, (size_t)(q - p));
      p = q;
      continue;
    }
    if (++p >= end) return false;
    char c = *p++;
    switch (c) {
      case 'n': text_append(out, "\n", 1); break;
      case 't': text_append(out, "\t", 1); break;
      case 'r': text_append(out, "\r", 1); break;
      case 'b': case 'f': text_append(out, " ", 1); break;
      case 'u': {
        uint32_t cp;
        if (hex4(p, end, &cp) != 0) return false;
        p += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
          uint32_t lo;
          if (hex4(p + 2, end, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            p += 6;
          }
        }
        put_utf8(out, cp);
        break;
      }
      default: text_append(out, &c, 1); break;
    }
  }
  return true;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void collect(const char *path, Articles *articles, int depth) {
  struct stat st;
  if (stat(path, &st) != 0) {
    perror(path);
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    if (depth > 8) return;
    DIR *dir = opendir(path);
    if (dir == NULL) return;
    char **names = NULL;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
      if (e->d_name[0] == '.') continue;
      names = realloc(names, (n + 1) * sizeof *names);
      if (names == NULL) abort();
      size_t len = strlen(path) + strlen(e->d_name) + 2;
      names[n] = malloc(len);
      if (names[n] == NULL) abort();
      snprintf(names[n], len, "%s/%s", path, e->d_name);
      n++;
    }
    closedir(dir);
    for (size_t i = 0; i < n; i++) {
      collect(names[i], articles, depth + 1);
      free(names[i]);
    }
    free(names);
    return;
  }
  bool txt = ends_with(path, ".txt"), jsonl = ends_with(path, ".jsonl");
  if (!txt && !jsonl && depth > 0) return;
  size_t len;
  char *data = read_file(path, &len);
  if (data == NULL) {
    perror(path);
    return;
  }
  if (!jsonl) {
    Text t = {data, len, len + 1};
    add_article(articles, t);
    return;
  }
  for (const char *line = data, *end = data + len; line < end;) {
    const char *nl = memchr(line, '\n', (size_t)(end - line));
    const char *line_end = nl ? nl : end;
    Text t = {NULL, 0, 0};
    if (jsonl_text(line, line_end, &t)) {
      add_article(articles, t);
    } else {
      free(t.data);
    }
    line = line_end + 1;
  }
  free(data);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void count_nodes(TSNode root, size_t *nodes, size_t *leaves) {
  TSTreeCursor c = ts_tree_cursor_new(root);
  for (;;) {
    (*nodes)++;
    if (ts_tree_cursor_goto_first_child(&c)) continue;
    (*leaves)++;
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (!ts_tree_cursor_goto_parent(&c)) {
        ts_tree_cursor_delete(&c);
        return;
      }
    }
  }
}

int main(int argc, char **argv) {
  size_t size = 10000000;
  int reps = 3;
  Articles src = {NULL, 0, 0, 0};
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
      size = (size_t)strtoull(argv[++i], NULL, 10);
    } else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc) {
      reps = atoi(argv[++i]);
      if (reps < 1) reps = 1;
    } else {
      collect(argv[i], &src, 0);
    }
  }
  if (src.count == 0) {
    fprintf(stderr, "usage: %s [--size BYTES] [--reps N] FILE_OR_DIR...  (no articles found)\n",
            argv[0]);
    return 2;
  }

  /* Replicate to size; the joined document separates articles by a blank line. */
  Articles docs = {NULL, 0, 0, 0};
  Text joined = {NULL, 0, 0};
  for (size_t i = 0; joined.len < size; i = (i + 1) % src.count) {
    Text copy = {NULL, 0, 0};
    text_append(&copy, src.items[i].data, src.items[i].len);
    add_article(&docs, copy);
    text_append(&joined, src.items[i].data, src.items[i].len);
    text_append(&joined, "\n\n", 2);
  }

  TSParser *parser = ts_parser_new();
  if (!ts_parser_set_language(parser, tree_sitter_news())) return 2;

  double best_articles = 1e30, best_joined = 1e30;
  size_t nodes = 0, leaves = 0, errors = 0;
  for (int r = 0; r < reps; r++) {
    double t0 = now();
    for (size_t i = 0; i < docs.count; i++) {
      TSTree *tree = ts_parser_parse_string(parser, NULL, docs.items[i].data,
                                            (uint32_t)docs.items[i].len);
      if (r == 0 && ts_node_has_error(ts_tree_root_node(tree))) errors++;
      ts_tree_delete(tree);
    }
    double t1 = now();
    if (t1 - t0 < best_articles) best_articles = t1 - t0;

    t0 = now();
    TSTree *tree = ts_parser_parse_string(parser, NULL, joined.data, (uint32_t)joined.len);
    t1 = now();
    if (t1 - t0 < best_joined) best_joined = t1 - t0;
    if (r == 0) count_nodes(ts_tree_root_node(tree), &nodes, &leaves);
    ts_tree_delete(tree);
  }

  printf("grammar-parse: %zu articles (%zu distinct), %zu bytes\n", docs.count, src.count,
         docs.bytes);
  printf("  one article at a time: %.3f s CPU, %.1f MB/s, %zu with syntax errors\n", best_articles,
         (double)docs.bytes / best_articles / 1e6, errors);
  printf("  joined into one document: %.3f s CPU, %.1f MB/s\n", best_joined,
         (double)joined.len / best_joined / 1e6);
  printf("  tree: %zu nodes, %zu leaves (%.1f bytes per leaf)\n", nodes, leaves,
         leaves ? (double)joined.len / (double)leaves : 0.0);

  ts_parser_delete(parser);
  for (size_t i = 0; i < src.count; i++) free(src.items[i].data);
  for (size_t i = 0; i < docs.count; i++) free(docs.items[i].data);
  free(src.items);
  free(docs.items);
  free(joined.data);
  return 0;
}
