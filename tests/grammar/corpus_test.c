/* corpus_test.c: runs the tree-sitter corpus of grammars/tree-sitter-news without the CLI.
 *
 * Usage: corpus_test CORPUS_DIR [NAME_FILTER]
 *
 * Reads every CORPUS_DIR/NAME.txt in the corpus format of `tree-sitter test` 0.20.7 and checks
 * each case the way that command does (cli/src/test.rs):
 *   - a header is a line of 3+ `=`, one or more name lines (not starting with `=`), and
 *     another line of 3+ `=`; an optional suffix after the `=` of the first header in a file
 *     must then be repeated on every header and divider of that file;
 *   - the divider is the longest line of 3+ `-` between two headers (the last one on a tie);
 *   - the input is the text between the header and the divider, without its final newline;
 *   - the expected tree loses `;` comment lines, its whitespace collapses to single spaces,
 *     and " )" becomes ")";
 *   - if the expected tree names no field (` name: (`), field names are removed from the
 *     actual tree before comparing.
 * The actual tree is ts_node_string() of the root. A failing case prints both trees, one node
 * per line, and a line diff. The last line is "N passed, M failed"; the exit status is 1 when
 * a case fails or nothing could be read.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* opendir, readdir */
#endif
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_news(void);

/* ---- small helpers ------------------------------------------------------------------------- */

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (p == NULL) {
    fputs("corpus_test: out of memory\n", stderr);
    abort();
  }
  return p;
}

static void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (p == NULL) {
    fputs("corpus_test: out of memory\n", stderr);
    abort();
  }
  return p;
}

static char *xstrndup(const char *s, size_t n) {
  char *r = xmalloc(n + 1);
  memcpy(r, s, n);
  r[n] = '\0';
  return r;
}

/* Reads a whole file. Returns NULL on error; the caller frees the result. */
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  size_t cap = 4096, n = 0;
  char *buf = xmalloc(cap);
  for (;;) {
    size_t r = fread(buf + n, 1, cap - n, f);
    n += r;
    if (n < cap) break;
    cap *= 2;
    buf = xrealloc(buf, cap);
  }
  bool failed = ferror(f) != 0;
  fclose(f);
  if (failed) {
    free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

/* Rust's \s on the ASCII range (the expected trees are ASCII). */
static bool is_ws(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* Rust's \w, approximately: ASCII word characters and any non-ASCII byte. */
static bool is_word(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c >= 0x80;
}

static bool is_utf8(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      i++;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; k++) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

/* ---- the corpus format --------------------------------------------------------------------- */

typedef struct {
  char *name;
  char *input;
  size_t input_len;
  char *expected; /* normalized */
  bool has_fields;
} Case;

typedef struct {
  Case *items;
  size_t count, cap;
} Cases;

/* The end of the line starting at `i` (index of its '\n', or n). */
static size_t line_end(const char *s, size_t n, size_t i) {
  const char *nl = memchr(s + i, '\n', n - i);
  return nl ? (size_t)(nl - s) : n;
}

/* A line of `c` repeated 3+ times, then an optional suffix (not starting with `c`), then
 * "\r?\n". Sets the suffix span. Returns false if the line does not have that shape or has no
 * newline. */
static bool fence_line(const char *s, size_t n, size_t i, char c, size_t *sfx, size_t *sfx_len,
                       size_t *next) {
  size_t e = line_end(s, n, i);
  if (e == n) return false;
  size_t j = i;
  while (j < e && s[j] == c) j++;
  if (j - i < 3) return false;
  size_t end = e;
  if (end > j && s[end - 1] == '\r') end--;
  /* The suffix is [^c\r\n][^\r\n]*: a '\r' inside it is not allowed but a final one is. */
  for (size_t k = j; k < end; k++) {
    if (s[k] == '\r') return false;
  }
  *sfx = j;
  *sfx_len = end - j;
  *next = e + 1;
  return true;
}

static bool same_suffix(const char *s, size_t a, size_t a_len, const char *first, size_t first_len,
                        bool have_first) {
  if (!have_first) return a_len == 0;
  return a_len == first_len && memcmp(s + a, first, first_len) == 0;
}

typedef struct {
  size_t start, end;   /* the header's byte range */
  size_t name_start, name_end;
  size_t sfx1, sfx1_len, sfx2, sfx2_len;
} Header;

/* Tries to match HEADER_REGEX at the line starting at i. */
static bool match_header(const char *s, size_t n, size_t i, Header *h) {
  size_t next;
  if (!fence_line(s, n, i, '=', &h->sfx1, &h->sfx1_len, &next)) return false;
  size_t names = next, j = next;
  unsigned name_lines = 0;
  while (j < n && s[j] != '=' && s[j] != '\r' && s[j] != '\n') {
    size_t e = line_end(s, n, j);
    if (e == n) return false;
    j = e + 1;
    name_lines++;
  }
  if (name_lines == 0) return false;
  if (!fence_line(s, n, j, '=', &h->sfx2, &h->sfx2_len, &next)) return false;
  h->start = i;
  h->end = next;
  h->name_start = names;
  h->name_end = j;
  return true;
}

/* Normalizes an expected tree as test.rs does. Returns a new string. */
static char *normalize_expected(const char *s, size_t n) {
  /* Remove comments: (?m)^\s*;.*$ */
  char *nc = xmalloc(n + 1);
  size_t m = 0;
  for (size_t i = 0; i < n;) {
    size_t e = line_end(s, n, i);
    size_t k = i;
    while (k < e && is_ws((unsigned char)s[k])) k++;
    if (k < e && s[k] == ';') {
      memcpy(nc + m, s + i, k - i); /* the leading blanks are whitespace anyway */
      m += k - i;
    } else {
      memcpy(nc + m, s + i, e - i);
      m += e - i;
    }
    if (e < n) nc[m++] = '\n';
    i = e + 1;
  }
  /* trim, collapse whitespace, " )" -> ")" */
  char *out = xmalloc(m + 1);
  size_t o = 0, a = 0, b = m;
  while (a < b && is_ws((unsigned char)nc[a])) a++;
  while (b > a && is_ws((unsigned char)nc[b - 1])) b--;
  for (size_t i = a; i < b; i++) {
    if (is_ws((unsigned char)nc[i])) {
      while (i + 1 < b && is_ws((unsigned char)nc[i + 1])) i++;
      out[o++] = ' ';
    } else {
      out[o++] = nc[i];
    }
  }
  out[o] = '\0';
  free(nc);
  size_t w = 0;
  for (size_t r = 0; r < o; r++) {
    if (out[r] == ' ' && out[r + 1] == ')') continue;
    out[w++] = out[r];
  }
  out[w] = '\0';
  return out;
}

/* SEXP_FIELD_REGEX: " \w+: \(" */
static bool field_at(const char *s, size_t i, size_t *after) {
  if (s[i] != ' ') return false;
  size_t j = i + 1;
  while (s[j] != '\0' && is_word((unsigned char)s[j])) j++;
  if (j == i + 1 || s[j] != ':' || s[j + 1] != ' ' || s[j + 2] != '(') return false;
  *after = j + 2; /* at the '(' */
  return true;
}

static bool has_field(const char *s) {
  size_t after;
  for (size_t i = 0; s[i] != '\0'; i++) {
    if (field_at(s, i, &after)) return true;
  }
  return false;
}

/* strip_sexp_fields: " \w+: \(" -> " (". In place. */
static void strip_fields(char *s) {
  size_t w = 0, after;
  for (size_t r = 0; s[r] != '\0';) {
    if (field_at(s, r, &after)) {
      s[w++] = ' ';
      r = after;
    } else {
      s[w++] = s[r++];
    }
  }
  s[w] = '\0';
}

static void add_case(Cases *cases, Case c) {
  if (cases->count == cases->cap) {
    cases->cap = cases->cap ? cases->cap * 2 : 64;
    cases->items = xrealloc(cases->items, cases->cap * sizeof *cases->items);
  }
  cases->items[cases->count++] = c;
}

/* Splits one corpus file into cases (appended to `cases`). Returns the number found. */
static size_t parse_corpus_file(const char *s, size_t n, Cases *cases) {
  size_t found = 0;
  Header first;
  bool have_any = false;
  const char *first_sfx = NULL;
  size_t first_sfx_len = 0;
  bool have_first_sfx = false;

  size_t prev_header_end = 0;
  char *prev_name = NULL;
  size_t i = 0;
  for (;;) {
    /* Next header match at a line start at or after i (the regex's captures_iter). */
    Header h;
    bool matched = false;
    while (i < n) {
      if (match_header(s, n, i, &h)) {
        matched = true;
        break;
      }
      size_t e = line_end(s, n, i);
      i = e < n ? e + 1 : n;
    }
    if (matched && !have_any) {
      first = h;
      have_any = true;
      if (first.sfx1_len > 0) {
        first_sfx = s + first.sfx1;
        first_sfx_len = first.sfx1_len;
        have_first_sfx = true;
      }
    }
    bool usable = matched && same_suffix(s, h.sfx1, h.sfx1_len, first_sfx, first_sfx_len,
                                         have_first_sfx) &&
                  same_suffix(s, h.sfx2, h.sfx2_len, first_sfx, first_sfx_len, have_first_sfx);
    if (matched && !usable) {
      i = h.end;
      continue;
    }
    size_t region_end = matched ? h.start : n;

    if (prev_header_end > 0) {
      /* The longest divider between the headers; the last one on a tie. */
      size_t best_start = 0, best_end = 0, best_len = 0;
      bool have_divider = false;
      for (size_t j = prev_header_end; j < region_end;) {
        size_t sfx, sfx_len, next;
        if (fence_line(s, region_end, j, '-', &sfx, &sfx_len, &next) &&
            same_suffix(s, sfx, sfx_len, first_sfx, first_sfx_len, have_first_sfx)) {
          if (!have_divider || next - j >= best_len) {
            best_start = j;
            best_end = next;
            best_len = next - j;
            have_divider = true;
          }
        }
        size_t e = line_end(s, region_end, j);
        j = e < region_end ? e + 1 : region_end;
      }
      if (have_divider && is_utf8(s + best_end, region_end - best_end)) {
        size_t input_len = best_start - prev_header_end;
        if (input_len > 0 && s[prev_header_end + input_len - 1] == '\n') input_len--;
        if (input_len > 0 && s[prev_header_end + input_len - 1] == '\r') input_len--;
        Case c;
        c.name = prev_name ? prev_name : xstrndup("", 0);
        prev_name = NULL;
        c.input = xstrndup(s + prev_header_end, input_len);
        c.input_len = input_len;
        c.expected = normalize_expected(s + best_end, region_end - best_end);
        c.has_fields = has_field(c.expected);
        add_case(cases, c);
        found++;
      }
    }
    free(prev_name);
    prev_name = NULL;
    if (!matched) break;
    /* The name: its lines, trimmed at the end. */
    size_t ne = h.name_end;
    while (ne > h.name_start && is_ws((unsigned char)s[ne - 1])) ne--;
    prev_name = xstrndup(s + h.name_start, ne - h.name_start);
    prev_header_end = h.end;
    i = h.end;
  }
  free(prev_name);
  return found;
}

/* ---- reporting ----------------------------------------------------------------------------- */

typedef struct {
  char **lines;
  size_t count;
} Lines;

typedef struct {
  char *data;
  size_t len, cap;
} Buf;

static void buf_push(Buf *b, char c) {
  if (b->len + 1 >= b->cap) {
    b->cap = b->cap ? b->cap * 2 : 64;
    b->data = xrealloc(b->data, b->cap);
  }
  b->data[b->len++] = c;
}

static void lines_push(Lines *l, size_t *cap, Buf *line) {
  if (l->count == *cap) {
    *cap = *cap ? *cap * 2 : 64;
    l->lines = xrealloc(l->lines, *cap * sizeof *l->lines);
  }
  size_t len = line->len;
  while (len > 0 && line->data[len - 1] == ' ') len--;
  l->lines[l->count++] = xstrndup(line->data ? line->data : "", len);
  line->len = 0;
}

/* One node per line, two spaces per level, like format_sexp_indented. */
static Lines format_sexp(const char *s) {
  Lines out = {NULL, 0};
  size_t cap = 0;
  Buf line = {NULL, 0, 0};
  bool fresh = true; /* the line holds only its indentation (and maybe a field name) */
  int depth = 0;
  for (size_t i = 0; s[i] != '\0';) {
    size_t after;
    bool field = field_at(s, i, &after);
    if ((field || s[i] == '(') && !fresh) {
      lines_push(&out, &cap, &line);
      fresh = true;
    }
    if (fresh && line.len == 0) {
      if (s[i] == ' ' && !field) {
        i++;
        continue;
      }
      for (int d = 0; d < depth; d++) {
        buf_push(&line, ' ');
        buf_push(&line, ' ');
      }
    }
    if (field) {
      for (size_t k = i + 1; k < after; k++) buf_push(&line, s[k]);
      i = after;
      continue;
    }
    if (s[i] == '(') depth++;
    if (s[i] == ')') depth--;
    buf_push(&line, s[i]);
    fresh = false;
    i++;
  }
  if (line.len > 0) lines_push(&out, &cap, &line);
  free(line.data);
  return out;
}

static void free_lines(Lines l) {
  for (size_t i = 0; i < l.count; i++) free(l.lines[i]);
  free(l.lines);
}

/* A line diff (longest common subsequence) of expected and actual. */
static void print_diff(const Lines *a, const Lines *b) {
  enum { DIFF_MAX = 3000 };
  if (a->count > DIFF_MAX || b->count > DIFF_MAX) {
    puts("  (trees too large to diff)");
    return;
  }
  size_t w = b->count + 1;
  unsigned *lcs = xmalloc((a->count + 1) * w * sizeof *lcs);
  for (size_t i = a->count + 1; i-- > 0;) {
    for (size_t j = b->count + 1; j-- > 0;) {
      unsigned v;
      if (i == a->count || j == b->count) {
        v = 0;
      } else if (strcmp(a->lines[i], b->lines[j]) == 0) {
        v = lcs[(i + 1) * w + j + 1] + 1;
      } else {
        unsigned down = lcs[(i + 1) * w + j], right = lcs[i * w + j + 1];
        v = down > right ? down : right;
      }
      lcs[i * w + j] = v;
    }
  }
  size_t i = 0, j = 0;
  while (i < a->count || j < b->count) {
    if (i < a->count && j < b->count && strcmp(a->lines[i], b->lines[j]) == 0) {
      printf("   %s\n", a->lines[i]);
      i++;
      j++;
    } else if (j < b->count && (i == a->count || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) {
      printf("  +%s\n", b->lines[j]);
      j++;
    } else {
      printf("  -%s\n", a->lines[i]);
      i++;
    }
  }
  free(lcs);
}

static void report_failure(const char *file, const Case *c, const char *actual) {
  printf("FAIL %s: %s\n", file, c->name);
  printf("  expected: %s\n  actual:   %s\n", c->expected, actual);
  printf("  diff (- expected, + actual):\n");
  Lines a = format_sexp(c->expected), b = format_sexp(actual);
  print_diff(&a, &b);
  free_lines(a);
  free_lines(b);
}

/* ---- main ---------------------------------------------------------------------------------- */

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s CORPUS_DIR [NAME_FILTER]\n", argv[0]);
    return 1;
  }
  const char *dir_path = argv[1];
  const char *filter = argc > 2 ? argv[2] : NULL;

  DIR *dir = opendir(dir_path);
  if (dir == NULL) {
    perror(dir_path);
    return 1;
  }
  char **names = NULL;
  size_t n_names = 0, cap_names = 0;
  for (struct dirent *e; (e = readdir(dir)) != NULL;) {
    size_t len = strlen(e->d_name);
    if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0 || e->d_name[0] == '.') continue;
    if (n_names == cap_names) {
      cap_names = cap_names ? cap_names * 2 : 16;
      names = xrealloc(names, cap_names * sizeof *names);
    }
    names[n_names++] = xstrndup(e->d_name, len);
  }
  closedir(dir);
  qsort(names, n_names, sizeof *names, compare_names);

  TSParser *parser = ts_parser_new();
  if (!ts_parser_set_language(parser, tree_sitter_news())) {
    fputs("corpus_test: the news language does not match this tree-sitter library\n", stderr);
    return 1;
  }

  size_t passed = 0, failed = 0, io_errors = 0;
  for (size_t f = 0; f < n_names; f++) {
    size_t path_len = strlen(dir_path) + 1 + strlen(names[f]) + 1;
    char *path = xmalloc(path_len);
    snprintf(path, path_len, "%s/%s", dir_path, names[f]);
    size_t len = 0;
    char *text = read_file(path, &len);
    if (text == NULL) {
      perror(path);
      io_errors++;
      free(path);
      continue;
    }
    Cases cases = {NULL, 0, 0};
    parse_corpus_file(text, len, &cases);
    for (size_t k = 0; k < cases.count; k++) {
      Case *c = &cases.items[k];
      if (filter == NULL || strstr(c->name, filter) != NULL) {
        TSTree *tree = ts_parser_parse_string(parser, NULL, c->input, (uint32_t)c->input_len);
        char *actual = ts_node_string(ts_tree_root_node(tree));
        if (!c->has_fields) strip_fields(actual);
        if (strcmp(actual, c->expected) == 0) {
          passed++;
        } else {
          failed++;
          report_failure(names[f], c, actual);
        }
        free(actual);
        ts_tree_delete(tree);
      }
      free(c->name);
      free(c->input);
      free(c->expected);
    }
    free(cases.items);
    free(text);
    free(path);
    free(names[f]);
  }
  free(names);
  ts_parser_delete(parser);

  if (passed + failed == 0) printf("no corpus cases found in %s\n", dir_path);
  printf("%zu passed, %zu failed\n", passed, failed);
  return failed > 0 || io_errors > 0 || passed == 0 ? 1 : 0;
}
