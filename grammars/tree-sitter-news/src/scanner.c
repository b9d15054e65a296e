/*
 * scanner.c: the external scanner of tree-sitter-news.
 *
 * It owns every decision that needs more context than one token: the kind of each block (front
 * matter, headline, section heading, paragraph, list item, block quote, "Further Reading"
 * entry), where a block ends, where a sentence ends (abbreviations, initials, closing quotes),
 * which quotation marks open and close, and the extent of links and HTML comments.
 *
 * State, serialized after every external token (SCANNER_STATE_SIZE bytes, little endian):
 *   stack, depth  the open inline constructs (parenthesis, double quote, single quote, link),
 *                 2 bits each, innermost at index depth - 1. At most MAX_DEPTH: a deeper opener
 *                 is plain punctuation, which bounds the depth of the tree for any input.
 *   block         the kind of the current block; decides whether a newline ends it.
 *   expect        the marker token owed right after a zero-width block start (#, -, >, ---).
 *   flags         document started, inside "Further Reading", sentence end pending.
 *   title_len, outlet_len  measured (in code points) by an entry start, used by title/outlet.
 *   extras        comments and quote markers emitted since the last other external token.
 *
 * Invariant: the stack mirrors the parser's open quotation / parenthetical / link nodes. Every
 * opener and closer is an external token, the scanner only emits a token the parser accepts
 * (valid_symbols), and both close inner constructs implicitly when an outer closer or the end
 * of the block arrives.
 *
 * Bounded work: a call looks ahead at most one line (capped at LINE_LIMIT code points) plus the
 * start of the next one, except the front matter opener (FRONT_MATTER_LIMIT), a link
 * (LINK_LIMIT) and a comment (to its end, or to the end of input if it never closes: a token).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tree_sitter/parser.h"

/* The order is `externals` in grammar.js. */
enum TokenType {
  FRONT_MATTER_START,
  FRONT_MATTER_END,
  KEY,
  VALUE,
  FRONT_MATTER_OTHER,
  HEADLINE_START,
  HEADING_START,
  FURTHER_START,
  ENTRY_START,
  PARAGRAPH_START,
  LIST_START,
  QUOTE_START,
  HEADING_MARKER,
  LIST_MARKER,
  TITLE,
  OUTLET,
  BLOCK_END,
  STOP,
  INNER_STOP,
  SENTENCE_END,
  FINAL_ACRONYM,
  FINAL_CAPITALIZED,
  FINAL_WORD,
  OPEN_DQUOTE,
  CLOSE_DQUOTE,
  OPEN_SQUOTE,
  CLOSE_SQUOTE,
  OPEN_PAREN,
  CLOSE_PAREN,
  LINK_START,
  LINK_MIDDLE,
  INVALID,
  QUOTE_MARKER,
  COMMENT,
  ERROR_SENTINEL,
};

enum Construct { K_PAREN = 0, K_DQUOTE = 1, K_SQUOTE = 2, K_LINK = 3 };

enum Block {
  B_NONE = 0,
  B_FRONT_MATTER,
  B_HEADLINE,
  B_HEADING,
  B_ENTRY,
  B_PARAGRAPH,
  B_LIST,
  B_QUOTE,
};

enum Expect { E_NONE = 0, E_ATX, E_LIST, E_QUOTE, E_FRONT_MATTER_OPEN };

enum Flag { F_STARTED = 1, F_FURTHER = 2, F_PENDING = 4 };

#define MAX_DEPTH 16
#define SCANNER_STATE_SIZE 14
_Static_assert(SCANNER_STATE_SIZE <= TREE_SITTER_SERIALIZATION_BUFFER_SIZE, "state fits");
#define LINE_LIMIT 4096           /* longest line measured for an entry */
#define HEADLINE_LIMIT 300        /* a longer first line is a paragraph, not a headline */
#define HEADING_MAX_CHARS 120
#define HEADING_MAX_WORDS 10
#define HEADING_TIGHT_WORDS 6     /* a heading with no blank line after it */
#define FRONT_MATTER_LIMIT 65536  /* code points searched for the closing --- */
#define FRONT_MATTER_MAX_LINES 200
#define LINK_LIMIT 2048
/* tree-sitter 0.20.7 keeps a node's child count in 16 bits (subtree.h): 65,536 extras in a row
 * between two tokens (comments, block quote markers) overflow it and corrupt the tree. Past
 * this many extras since the last other external token, an extra swallows the extras that
 * follow it (see absorb_extras), so a run stays far below the limit. */
#define EXTRA_RUN_LIMIT 4096

typedef struct {
  uint32_t stack;
  uint8_t depth;
  uint8_t block;
  uint8_t expect;
  uint8_t flags;
  uint16_t title_len;
  uint16_t outlet_len;
  uint16_t extras;  /* extras emitted since the last other external token (saturating) */
} Scanner;

/* ---- characters ----------------------------------------------------------------------------
 * These classes must agree with SPACE, UP, LO and MARK in grammar.js. */

static bool is_hspace(int32_t c) {
  switch (c) {
    case ' ': case '\t': case '\r': case '\v': case '\f': case 0x85: case 0xA0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200B;
  }
}

static bool is_space(int32_t c) { return c == '\n' || is_hspace(c); }

static bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }

static bool is_upper(int32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xDE) ||
         (c >= 0x391 && c <= 0x3A9) || (c >= 0x400 && c <= 0x42F);
}

static bool is_lower(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xF6) || (c >= 0xF8 && c <= 0x24F) ||
         (c >= 0x3AC && c <= 0x3CE) || (c >= 0x430 && c <= 0x45F) ||
         (c >= 0x590 && c <= 0x8FF) || (c >= 0x900 && c <= 0xDFF) ||
         (c >= 0xE00 && c <= 0xEFF) || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3);
}

static bool is_letter(int32_t c) {
  return is_upper(c) || is_lower(c) || (c >= 0x300 && c <= 0x36F);
}

static bool is_ascii_letter(int32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static bool is_terminal_punct(int32_t c) { return c == '.' || c == '?' || c == '!' || c == 0x2026; }

/* Final punctuation that keeps a short line from being a section heading. */
static bool is_heading_final(int32_t c) {
  return is_terminal_punct(c) || c == ':' || c == ';' || c == ',';
}

static bool is_closer_char(int32_t c) {
  return c == 0x201D || c == 0x2019 || c == '"' || c == '\'' || c == ')' || c == ']';
}

/* ---- lexer helpers ------------------------------------------------------------------------- */

static void advance(TSLexer *lexer) { lexer->advance(lexer, false); }
static void skip(TSLexer *lexer) { lexer->advance(lexer, true); }
static bool at_eof(const TSLexer *lexer) { return lexer->eof(lexer); }

/* A byte the decoder rejected (lookahead -1) or a NUL that is not the end of input. */
static bool is_invalid(const TSLexer *lexer) {
  return lexer->lookahead < 0 || (lexer->lookahead == 0 && !at_eof(lexer));
}

/* ---- the construct stack ------------------------------------------------------------------- */

static unsigned kind_at(const Scanner *self, unsigned i) { return (self->stack >> (2 * i)) & 3u; }

static bool push(Scanner *self, unsigned kind) {
  if (self->depth >= MAX_DEPTH) return false;
  self->stack |= (uint32_t)kind << (2 * self->depth);
  self->depth++;
  return true;
}

/* Index of the innermost open construct of this kind, or -1. */
static int find(const Scanner *self, unsigned kind) {
  for (int i = (int)self->depth - 1; i >= 0; i--) {
    if (kind_at(self, (unsigned)i) == kind) return i;
  }
  return -1;
}

/* Close the construct at index i and everything opened inside it. */
static void truncate_to(Scanner *self, unsigned i) {
  self->depth = (uint8_t)i;
  self->stack = i == 0 ? 0 : self->stack & ((1u << (2 * i)) - 1u);
}

static void reset_block(Scanner *self) {
  self->stack = 0;
  self->depth = 0;
  self->expect = E_NONE;
  self->flags &= (uint8_t)~F_PENDING;
  self->title_len = 0;
  self->outlet_len = 0;
}

static bool emit(Scanner *self, TSLexer *lexer, enum TokenType token) {
  lexer->result_symbol = (TSSymbol)token;
  self->flags |= F_STARTED;
  if (token == COMMENT || token == QUOTE_MARKER) {
    if (self->extras < UINT16_MAX) self->extras++;
  } else {
    self->extras = 0;
  }
  if (token != INNER_STOP && token != CLOSE_DQUOTE && token != CLOSE_SQUOTE && token != CLOSE_PAREN) {
    self->flags &= (uint8_t)~F_PENDING;
  }
  return true;
}

/* ---- word lists ---------------------------------------------------------------------------- */

/* Abbreviations (without their period) that may end a sentence. Each is also one of the
 * abbreviation tokens of grammar.js, so the lexer reads the same extent when this scanner
 * declines. */
static const char *const FINAL_ABBREVIATIONS[] = {
  "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
  "Inc", "Corp", "Co", "Ltd", "Bros", "Jr", "Sr", "St", "Ave", "Blvd", "Rd", "No", "etc",
  "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans",
  "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore",
  "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
};

/* Words that, capitalized after an abbreviation, start a new sentence ("in the U.S. The"). */
static const char *const SENTENCE_STARTERS[] = {
  "The", "A", "An", "It", "Its", "He", "She", "They", "We", "I", "You", "His", "Her", "Their",
  "Our", "My", "This", "That", "These", "Those", "There", "Then", "But", "And", "Or", "So", "Yet",
  "In", "On", "At", "For", "After", "Before", "When", "While", "As", "If", "Although", "Though",
  "However", "Meanwhile", "Still", "Some", "Many", "Most", "Both", "Each", "All", "No", "One",
  "What", "Who", "Why", "How", "Where", "Now", "Last", "Next", "Since", "Despite", "During",
  "Under", "With", "Without", "Also", "Instead", "Earlier", "Later", "Today", "Yesterday",
};

static bool in_list(const char *const *list, size_t count, const char *word) {
  for (size_t i = 0; i < count; i++) {
    if (strcmp(list[i], word) == 0) return true;
  }
  return false;
}

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- sentence boundaries ------------------------------------------------------------------- */

/* Called with the lookahead on whitespace or at the end of input, after the candidate end of a
 * sentence (and after mark_end). Consumes lookahead only. */
static bool next_starts_sentence(TSLexer *lexer) {
  unsigned newlines = 0;
  while (!at_eof(lexer) && is_space(lexer->lookahead)) {
    if (lexer->lookahead == '\n') newlines++;
    advance(lexer);
  }
  if (at_eof(lexer) || newlines >= 2) return true;
  int32_t c = lexer->lookahead;
  if (is_lower(c)) return false;
  switch (c) {
    case ',': case ';': case ':': case ')': case ']': case '}': case '%': case '.': case 0x2019:
      return false;
    default:
      return true;
  }
}

/* `.`, `?`, `!`, `…` at the lookahead. */
static bool scan_stop(Scanner *self, TSLexer *lexer, const bool *valid) {
  if (self->depth == 0) {
    if (!valid[STOP]) return false;
    while (is_terminal_punct(lexer->lookahead)) advance(lexer);
    /* Closing marks with nothing open are strays; they belong to this sentence. */
    while (is_closer_char(lexer->lookahead)) advance(lexer);
    lexer->mark_end(lexer);
    if (!at_eof(lexer) && !is_space(lexer->lookahead)) return false;
    if (!next_starts_sentence(lexer)) return false;
    return emit(self, lexer, STOP);
  }

  /* Inside quotation marks or parentheses: the sentence ends only if the closing marks that
   * follow close everything open ("It was bad.” Then ...). Mark it pending; the closers keep it,
   * and SENTENCE_END is emitted right after the last one. */
  if (!valid[INNER_STOP]) return false;
  while (is_terminal_punct(lexer->lookahead)) advance(lexer);
  lexer->mark_end(lexer);
  Scanner sim = *self;
  unsigned closers = 0;
  for (;;) {
    int32_t c = lexer->lookahead;
    int i;
    if (c == 0x201D || c == '"') {
      i = find(&sim, K_DQUOTE);
    } else if (c == '\'') {
      advance(lexer);
      if (lexer->lookahead == '\'' && find(&sim, K_DQUOTE) >= 0) {
        i = find(&sim, K_DQUOTE); /* '' */
      } else {
        i = find(&sim, K_SQUOTE);
        if (i < 0) break;
        truncate_to(&sim, (unsigned)i);
        closers++;
        continue;
      }
    } else if (c == 0x2019) {
      i = find(&sim, K_SQUOTE);
    } else if (c == ')') {
      i = find(&sim, K_PAREN);
    } else {
      break;
    }
    if (i < 0) break;
    truncate_to(&sim, (unsigned)i);
    advance(lexer);
    closers++;
  }
  if (closers == 0 || sim.depth != 0) return false;
  if (!at_eof(lexer) && !is_space(lexer->lookahead)) return false;
  if (!next_starts_sentence(lexer)) return false;
  self->flags |= F_PENDING;
  return emit(self, lexer, INNER_STOP);
}

/* An abbreviation that ends a sentence: "in the U.S. The", "Apple Inc. It", "at 9 p.m. The".
 * The lookahead is an ASCII letter. */
static bool scan_final_abbreviation(Scanner *self, TSLexer *lexer) {
  char text[16];
  unsigned n = 0, run = 0;
  while (n < sizeof text - 1 && (is_ascii_letter(lexer->lookahead) || lexer->lookahead == '.')) {
    text[n++] = (char)lexer->lookahead;
    run = lexer->lookahead == '.' ? 0 : run + 1;
    advance(lexer);
    /* Cheap exit: six letters in a row make an ordinary word ("Calif" has five). */
    if (run > 5) return false;
  }
  text[n] = '\0';
  if (n < 2 || text[n - 1] != '.') return false;
  if (n == sizeof text - 1 || is_letter(lexer->lookahead) || is_digit(lexer->lookahead)) return false;

  /* Classify: initials and dotted acronyms (F. / U.S.), dotted lowercase (a.m.), or a listed
   * abbreviation (Inc.). */
  enum TokenType token;
  bool pairs = n % 2 == 0;
  bool all_upper = true, all_lower = true;
  for (unsigned i = 0; i < n && pairs; i++) {
    if (i % 2 == 1) {
      if (text[i] != '.') pairs = false;
    } else if (text[i] >= 'A' && text[i] <= 'Z') {
      all_lower = false;
    } else if (text[i] >= 'a' && text[i] <= 'z') {
      all_upper = false;
    } else {
      pairs = false;
    }
  }
  if (pairs && all_upper) {
    token = n == 2 ? FINAL_CAPITALIZED : FINAL_ACRONYM;
  } else if (pairs && all_lower && n >= 4) {
    token = FINAL_WORD;
  } else {
    text[n - 1] = '\0';
    if (memchr(text, '.', n - 1) != NULL) return false;
    if (!in_list(FINAL_ABBREVIATIONS, COUNT_OF(FINAL_ABBREVIATIONS), text)) return false;
    token = text[0] >= 'a' ? FINAL_WORD : FINAL_CAPITALIZED;
  }

  if (!is_space(lexer->lookahead)) return false;
  lexer->mark_end(lexer);
  unsigned newlines = 0;
  while (!at_eof(lexer) && is_space(lexer->lookahead)) {
    if (lexer->lookahead == '\n') newlines++;
    advance(lexer);
  }
  if (at_eof(lexer) || newlines >= 2) return false;
  if (lexer->lookahead == 0x201C || lexer->lookahead == '"' || lexer->lookahead == '`' ||
      lexer->lookahead == '\'') {
    return emit(self, lexer, token);
  }
  char next[16];
  unsigned m = 0;
  while (m < sizeof next - 1 && is_ascii_letter(lexer->lookahead)) {
    next[m++] = (char)lexer->lookahead;
    advance(lexer);
  }
  next[m] = '\0';
  if (m == 0 || m == sizeof next - 1 || is_letter(lexer->lookahead)) return false;
  if (!in_list(SENTENCE_STARTERS, COUNT_OF(SENTENCE_STARTERS), next)) return false;
  return emit(self, lexer, token);
}

/* ---- inline constructs --------------------------------------------------------------------- */

static bool may_start_marker(int32_t c);

static bool single_line_block(enum Block block) {
  return block != B_PARAGRAPH && block != B_LIST && block != B_QUOTE;
}

/* Reads `<!--` at the lookahead and the comment to its `-->` (or to the end of input). Returns
 * false if the characters read are no comment opener. */
static bool read_comment(TSLexer *lexer) {
  advance(lexer);
  if (lexer->lookahead != '!') return false;
  advance(lexer);
  if (lexer->lookahead != '-') return false;
  advance(lexer);
  if (lexer->lookahead != '-') return false;
  advance(lexer);
  unsigned dashes = 0;
  while (!at_eof(lexer)) {
    int32_t c = lexer->lookahead;
    advance(lexer);
    if (c == '>' && dashes >= 2) break;
    dashes = c == '-' ? dashes + 1 : 0;
  }
  return true;
}

/* After a long run of extras (EXTRA_RUN_LIMIT), extends the extra token just marked over the
 * comments and quote markers that directly follow it, without crossing a line break that could
 * end the current block. */
static void absorb_extras(Scanner *self, TSLexer *lexer) {
  if (self->extras < EXTRA_RUN_LIMIT || find(self, K_LINK) >= 0) return;
  enum Block block = (enum Block)self->block;
  for (;;) {
    unsigned newlines = 0;
    while (!at_eof(lexer) && is_space(lexer->lookahead)) {
      if (lexer->lookahead == '\n') newlines++;
      advance(lexer);
    }
    if (at_eof(lexer)) return;
    if (block != B_NONE && newlines > 0) {
      if (single_line_block(block) || newlines >= 2) return;
      if (block == B_QUOTE) {
        if (lexer->lookahead != '>') return;
        advance(lexer);
        lexer->mark_end(lexer);
        continue;
      }
      if (may_start_marker(lexer->lookahead)) return;
    }
    if (lexer->lookahead != '<' || !read_comment(lexer)) return;
    lexer->mark_end(lexer);
  }
}

/* `<!-- ... -->`, the lookahead on `<`. As in HTML and Markdown, a comment that is never closed
 * runs to the end of the input: that keeps the work linear when a text holds many `<!--`.
 * Inside a link's text the comment must end before the `]` that the link start found, or the
 * link would never close. */
static bool scan_comment(Scanner *self, TSLexer *lexer) {
  bool in_link = find(self, K_LINK) >= 0;
  advance(lexer);
  if (lexer->lookahead != '!') return false;
  advance(lexer);
  if (lexer->lookahead != '-') return false;
  advance(lexer);
  if (lexer->lookahead != '-') return false;
  advance(lexer);
  unsigned dashes = 0;
  while (!at_eof(lexer)) {
    int32_t c = lexer->lookahead;
    if (c == ']' && in_link) return false;
    advance(lexer);
    if (c == '>' && dashes >= 2) break;
    dashes = c == '-' ? dashes + 1 : 0;
  }
  if (in_link && at_eof(lexer)) return false;
  lexer->mark_end(lexer);
  absorb_extras(self, lexer);
  return emit(self, lexer, COMMENT);
}

/* `[text](url)` on one line, the lookahead on `[`. */
static bool scan_link_start(Scanner *self, TSLexer *lexer) {
  advance(lexer);
  lexer->mark_end(lexer);
  unsigned n = 0;
  while (lexer->lookahead != ']') {
    if (at_eof(lexer) || lexer->lookahead == '[' || lexer->lookahead == '\n' || ++n > LINK_LIMIT) {
      return false;
    }
    advance(lexer);
  }
  advance(lexer);
  if (lexer->lookahead != '(') return false;
  advance(lexer);
  n = 0;
  /* Only characters that link_url (/[^ \t\n\r()]+/) also accepts. */
  while (lexer->lookahead > 0 && !is_space(lexer->lookahead) && lexer->lookahead != '(' &&
         lexer->lookahead != ')') {
    if (++n > LINK_LIMIT) return false;
    advance(lexer);
  }
  if (lexer->lookahead != ')') return false;
  if (!push(self, K_LINK)) return false;
  return emit(self, lexer, LINK_START);
}

static bool scan_quote_mark(Scanner *self, TSLexer *lexer, const bool *valid) {
  int32_t c = lexer->lookahead;
  int i;
  switch (c) {
    case 0x201C: /* “ */
      if (find(self, K_DQUOTE) >= 0 || !valid[OPEN_DQUOTE] || self->depth >= MAX_DEPTH) return false;
      advance(lexer);
      lexer->mark_end(lexer);
      push(self, K_DQUOTE);
      return emit(self, lexer, OPEN_DQUOTE);

    case 0x201D: /* ” */
      i = find(self, K_DQUOTE);
      if (i < 0 || !valid[CLOSE_DQUOTE]) return false;
      advance(lexer);
      lexer->mark_end(lexer);
      truncate_to(self, (unsigned)i);
      return emit(self, lexer, CLOSE_DQUOTE);

    case '"':
      i = find(self, K_DQUOTE);
      if (i >= 0) {
        if (!valid[CLOSE_DQUOTE]) return false;
        advance(lexer);
        lexer->mark_end(lexer);
        truncate_to(self, (unsigned)i);
        return emit(self, lexer, CLOSE_DQUOTE);
      }
      if (!valid[OPEN_DQUOTE] || self->depth >= MAX_DEPTH) return false;
      advance(lexer);
      lexer->mark_end(lexer);
      /* 12" screens: a straight quote followed by a space opens nothing. */
      if (at_eof(lexer) || is_space(lexer->lookahead)) return false;
      push(self, K_DQUOTE);
      return emit(self, lexer, OPEN_DQUOTE);

    case 0x2018: /* ‘ */
      if (find(self, K_SQUOTE) >= 0 || !valid[OPEN_SQUOTE] || self->depth >= MAX_DEPTH) return false;
      advance(lexer);
      lexer->mark_end(lexer);
      /* ‘90s, a lone ‘: no quotation. */
      if (!is_letter(lexer->lookahead) && lexer->lookahead != 0x201C && lexer->lookahead != '"') {
        return false;
      }
      push(self, K_SQUOTE);
      return emit(self, lexer, OPEN_SQUOTE);

    case '`': /* `` opens a double quotation (typewriter style) */
      advance(lexer);
      if (lexer->lookahead != '`') return false;
      advance(lexer);
      lexer->mark_end(lexer);
      if (find(self, K_DQUOTE) >= 0 || !valid[OPEN_DQUOTE] || self->depth >= MAX_DEPTH) return false;
      if (at_eof(lexer) || is_space(lexer->lookahead)) return false;
      push(self, K_DQUOTE);
      return emit(self, lexer, OPEN_DQUOTE);

    case 0x2019: /* ’ */
    case '\'':
      advance(lexer);
      if (c == '\'' && lexer->lookahead == '\'') {
        /* '' is a double quotation mark, as in some wire and NYT copy. */
        advance(lexer);
        lexer->mark_end(lexer);
        i = find(self, K_DQUOTE);
        if (i >= 0) {
          if (!valid[CLOSE_DQUOTE]) return false;
          truncate_to(self, (unsigned)i);
          return emit(self, lexer, CLOSE_DQUOTE);
        }
        if (!valid[OPEN_DQUOTE] || self->depth >= MAX_DEPTH) return false;
        if (at_eof(lexer) || is_space(lexer->lookahead)) return false;
        push(self, K_DQUOTE);
        return emit(self, lexer, OPEN_DQUOTE);
      }
      lexer->mark_end(lexer);
      i = find(self, K_SQUOTE);
      if (i >= 0) {
        if (!valid[CLOSE_SQUOTE]) return false;
        /* An apostrophe between letters closes nothing. */
        if (is_letter(lexer->lookahead) || is_digit(lexer->lookahead)) return false;
        truncate_to(self, (unsigned)i);
        return emit(self, lexer, CLOSE_SQUOTE);
      }
      /* A straight single quote opens a quotation only inside a double one: "he said 'no'". */
      if (c != '\'' || find(self, K_DQUOTE) < 0 || !valid[OPEN_SQUOTE] || self->depth >= MAX_DEPTH) {
        return false;
      }
      if (!is_letter(lexer->lookahead)) return false;
      push(self, K_SQUOTE);
      return emit(self, lexer, OPEN_SQUOTE);

    default:
      return false;
  }
}

/* ---- line classification ------------------------------------------------------------------- */

enum Marker { M_NONE, M_ATX, M_LIST, M_QUOTE };

/* The characters a marker probe consumed; when they turn out to be no marker they are the
 * start of the line's text. */
typedef struct {
  int32_t chars[8];
  unsigned count;
} Consumed;

static void take(TSLexer *lexer, Consumed *seen) {
  if (seen != NULL && seen->count < sizeof seen->chars / sizeof seen->chars[0]) {
    seen->chars[seen->count++] = lexer->lookahead;
  }
  advance(lexer);
}

/* Reads a block marker at the lookahead (consuming it, and recording what it consumed in
 * `seen` if not NULL). Returns M_NONE when the characters read are no marker. */
static enum Marker read_marker(TSLexer *lexer, Consumed *seen) {
  int32_t c = lexer->lookahead;
  if (c == '#') {
    unsigned n = 0;
    while (lexer->lookahead == '#' && n < 7) {
      take(lexer, seen);
      n++;
    }
    if (n <= 6 && (at_eof(lexer) || is_space(lexer->lookahead))) return M_ATX;
    return M_NONE;
  }
  if (c == '-' || c == '*' || c == '+') {
    take(lexer, seen);
    return is_hspace(lexer->lookahead) ? M_LIST : M_NONE;
  }
  if (is_digit(c)) {
    unsigned n = 0;
    while (is_digit(lexer->lookahead) && n < 3) {
      take(lexer, seen);
      n++;
    }
    if (n > 2 || (lexer->lookahead != '.' && lexer->lookahead != ')')) return M_NONE;
    take(lexer, seen);
    return is_hspace(lexer->lookahead) ? M_LIST : M_NONE;
  }
  if (c == '>') {
    take(lexer, seen);
    return M_QUOTE;
  }
  return M_NONE;
}

static bool may_start_marker(int32_t c) {
  return c == '#' || c == '-' || c == '*' || c == '+' || c == '>' || is_digit(c);
}

typedef struct {
  enum Marker marker;
  uint32_t length;        /* code points of the content (after the marker), up to the limit */
  bool truncated;         /* the line is longer than the limit */
  bool has_comment;       /* an HTML comment starts on the line */
  bool inner_stop;        /* a sentence ends inside the line ("Plan passed. More soon") */
  unsigned words;
  int32_t first;          /* first visible character, emphasis skipped */
  int32_t last;           /* last visible non-space character, emphasis skipped */
  bool last_word_lower;   /* the last word starts with a lowercase letter */
  bool further;           /* the content reads "Further Reading" */
  /* entry: title (open paren) outlet (close paren) */
  bool entry;
  uint32_t title_len;
  uint32_t outlet_len;
} LineInfo;

/* What read_line accumulates over the visible text of a line. A comment is invisible: the
 * accumulator is saved at each `<` and restored when `<!--` follows. */
typedef struct {
  unsigned words;
  int32_t first, last;
  bool last_word_lower, in_word, inner_stop;
  unsigned word_letters;    /* letters in the current word */
  bool word_short_title;    /* current word: capitalized, at most 3 letters, or dotted */
  int32_t prev;             /* previous visible character */
  char letters[16];
  unsigned n_letters;
  bool further_ok;
  int32_t ns_last, ns_prev; /* indexes of the last two non-space code points */
  int32_t open_idx, title_end, outlet_start, close_idx;
  unsigned closes_after_open;
} LineAcc;

static void line_acc_char(LineAcc *acc, int32_t c, int32_t i) {
  static const char further_text[] = "furtherreading";
  if (is_hspace(c)) {
    /* A word ending in . ? ! before a blank ends a sentence inside the line, unless it looks
     * like an initial, an acronym or a short title ("U.S. Response", "Dr. Ruiz Speaks"). */
    if (acc->in_word && is_terminal_punct(acc->prev) &&
        !(acc->prev == '.' && acc->word_short_title)) {
      acc->inner_stop = true;
    }
    acc->in_word = false;
    acc->prev = c;
    return;
  }
  if (!acc->in_word) {
    acc->words++;
    acc->in_word = true;
    acc->last_word_lower = is_lower(c);
    acc->word_letters = 0;
    acc->word_short_title = is_upper(c);
  }
  if (is_letter(c)) {
    acc->word_letters++;
    if (acc->word_letters > 3 && acc->prev != '.') acc->word_short_title = false;
  } else if (c != '.') {
    acc->word_short_title = false;
  }
  if (c != '*' && c != '_') {
    if (acc->first == 0) acc->first = c;
    acc->last = c;
  }
  acc->prev = c;
  acc->ns_prev = acc->ns_last;
  acc->ns_last = i;
  if (c == '(') {
    acc->open_idx = i;
    acc->title_end = acc->ns_prev;
    acc->outlet_start = -1;
    acc->closes_after_open = 0;
  } else if (acc->open_idx >= 0) {
    if (acc->outlet_start < 0) acc->outlet_start = i;
    if (c == ')') {
      acc->closes_after_open++;
      acc->close_idx = i;
    }
  }
  if (is_ascii_letter(c)) {
    if (acc->n_letters < sizeof further_text - 1) {
      acc->letters[acc->n_letters++] = (char)(c | 0x20);
    } else {
      acc->further_ok = false;
    }
  } else if (c != '*' && c != '_' && c != ':') {
    acc->further_ok = false;
  }
}

/* Reads the rest of the line at the lookahead (consuming it) and describes it. `prefix` holds
 * characters of the line already consumed (a probe for a marker that was none). */
static void read_line(TSLexer *lexer, uint32_t limit, const Consumed *prefix, LineInfo *info) {
  LineAcc acc, saved;
  memset(&acc, 0, sizeof acc);
  acc.further_ok = true;
  acc.ns_last = acc.ns_prev = -1;
  acc.open_idx = acc.title_end = acc.outlet_start = acc.close_idx = -1;
  saved = acc;
  unsigned opener = 0;      /* characters of "<!--" matched */
  bool in_comment = false;
  unsigned dashes = 0;

  info->length = 0;
  info->truncated = false;
  info->has_comment = false;
  if (prefix->count == 0) {
    while (is_hspace(lexer->lookahead)) advance(lexer);
  }
  unsigned from_prefix = 0;
  while (from_prefix < prefix->count || (!at_eof(lexer) && lexer->lookahead != '\n')) {
    if (info->length >= limit) {
      info->truncated = true;
      break;
    }
    bool prefixed = from_prefix < prefix->count;
    int32_t c = prefixed ? prefix->chars[from_prefix++] : lexer->lookahead;
    int32_t i = (int32_t)info->length;
    if (in_comment) {
      if (c == '>' && dashes >= 2) {
        in_comment = false;
        acc.in_word = false;
      }
      dashes = c == '-' ? dashes + 1 : 0;
    } else {
      if (c == '<') {
        saved = acc;
        opener = 1;
      } else if ((opener == 1 && c == '!') || ((opener == 2 || opener == 3) && c == '-')) {
        opener++;
      } else {
        opener = 0;
      }
      if (opener == 4) {
        acc = saved;
        acc.in_word = false;
        in_comment = true;
        info->has_comment = true;
        opener = 0;
        dashes = 0;
      } else {
        line_acc_char(&acc, c, i);
      }
    }
    if (!prefixed) advance(lexer);
    info->length++;
  }
  line_acc_char(&acc, ' ', (int32_t)info->length); /* ends the last word */
  acc.letters[acc.n_letters] = '\0';

  info->words = acc.words;
  info->first = acc.first;
  info->last = acc.last;
  info->last_word_lower = acc.last_word_lower;
  info->inner_stop = acc.inner_stop;
  info->further = acc.further_ok && acc.words == 2 && strcmp(acc.letters, "furtherreading") == 0;

  /* Title (Outlet): the last non-space character is the one `)` after the last `(`. */
  info->entry = false;
  info->title_len = 0;
  info->outlet_len = 0;
  if (!info->truncated && !info->has_comment && acc.open_idx > 0 && acc.title_end >= 0 &&
      acc.closes_after_open == 1 && acc.close_idx == acc.ns_last && acc.ns_prev > acc.open_idx &&
      acc.outlet_start >= 0 && acc.outlet_start < acc.close_idx) {
    info->entry = true;
    info->title_len = (uint32_t)acc.title_end + 1;
    info->outlet_len = (uint32_t)(acc.ns_prev - acc.outlet_start) + 1;
  }
}

/* After read_line stopped on a newline: is the next line blank, the end, or a block marker? */
static bool next_line_is_break(TSLexer *lexer, int32_t *first) {
  *first = 0;
  if (at_eof(lexer)) return true;
  advance(lexer); /* the newline */
  while (is_hspace(lexer->lookahead)) advance(lexer);
  if (at_eof(lexer) || lexer->lookahead == '\n') return true;
  *first = lexer->lookahead;
  if (may_start_marker(lexer->lookahead)) return read_marker(lexer, NULL) != M_NONE;
  return false;
}

/* ---- blocks -------------------------------------------------------------------------------- */

/* A line `---` (trailing blanks allowed) at the lookahead; consumes it. */
static bool read_fence(TSLexer *lexer) {
  unsigned n = 0;
  while (lexer->lookahead == '-') {
    advance(lexer);
    n++;
  }
  while (is_hspace(lexer->lookahead)) advance(lexer);
  return n == 3 && (at_eof(lexer) || lexer->lookahead == '\n');
}

/* At the top of the document, on `---`: is there a closing `---` line? */
static bool front_matter_closes(TSLexer *lexer) {
  if (!read_fence(lexer)) return false;
  uint32_t budget = FRONT_MATTER_LIMIT;
  for (unsigned line = 0; line < FRONT_MATTER_MAX_LINES && !at_eof(lexer); line++) {
    advance(lexer); /* the newline */
    if (lexer->lookahead == '-' && read_fence(lexer)) return true;
    while (!at_eof(lexer) && lexer->lookahead != '\n') {
      if (budget-- == 0) return false;
      advance(lexer);
    }
  }
  return false;
}

static bool start_block(Scanner *self, TSLexer *lexer, enum TokenType token, enum Block block,
                        enum Expect expect) {
  reset_block(self);
  self->block = (uint8_t)block;
  self->expect = (uint8_t)expect;
  if (token == FURTHER_START) {
    self->flags |= F_FURTHER;
  } else if (token != ENTRY_START) {
    self->flags &= (uint8_t)~F_FURTHER;
  }
  return emit(self, lexer, token);
}

static bool scan_block_start(Scanner *self, TSLexer *lexer, const bool *valid) {
  bool at_top = !(self->flags & F_STARTED);
  bool skipped = false;
  while (!at_eof(lexer) && is_space(lexer->lookahead)) {
    if (lexer->lookahead != 0xFEFF) skipped = true;
    skip(lexer);
  }
  if (at_eof(lexer)) return false;
  /* Every block start is zero-width: the token ends at the first character of the line. */
  lexer->mark_end(lexer);

  if (lexer->lookahead == '<' && valid[COMMENT]) {
    if (scan_comment(self, lexer)) return true;
    /* The line starts with `<`: no marker, heading or front matter. */
    if (valid[HEADLINE_START]) return start_block(self, lexer, HEADLINE_START, B_HEADLINE, E_NONE);
    if (!valid[PARAGRAPH_START]) return false;
    return start_block(self, lexer, PARAGRAPH_START, B_PARAGRAPH, E_NONE);
  }

  if (valid[FRONT_MATTER_START] && at_top && !skipped && lexer->lookahead == '-') {
    if (front_matter_closes(lexer)) {
      return start_block(self, lexer, FRONT_MATTER_START, B_FRONT_MATTER, E_FRONT_MATTER_OPEN);
    }
    /* Not front matter: the first line is the headline, whatever it holds. */
    if (valid[HEADLINE_START]) return start_block(self, lexer, HEADLINE_START, B_HEADLINE, E_NONE);
    return false;
  }

  bool further = (self->flags & F_FURTHER) && valid[ENTRY_START];
  LineInfo info;
  Consumed seen = {{0}, 0};
  enum Marker marker = M_NONE;
  if (may_start_marker(lexer->lookahead)) marker = read_marker(lexer, &seen);
  if (marker != M_NONE) seen.count = 0; /* the marker is no text */
  uint32_t limit = further ? LINE_LIMIT : valid[HEADLINE_START] ? HEADLINE_LIMIT + 1
                                                                 : HEADING_MAX_CHARS + 1;
  read_line(lexer, limit, &seen, &info);
  info.marker = marker;

  if (valid[HEADLINE_START]) {
    if (marker == M_ATX) return start_block(self, lexer, HEADLINE_START, B_HEADLINE, E_ATX);
    if (marker == M_NONE && info.length > HEADLINE_LIMIT) {
      return start_block(self, lexer, PARAGRAPH_START, B_PARAGRAPH, E_NONE);
    }
    return start_block(self, lexer, HEADLINE_START, B_HEADLINE, E_NONE);
  }

  if (further && info.entry && (marker == M_NONE || marker == M_LIST)) {
    self->title_len = (uint16_t)info.title_len;
    self->outlet_len = (uint16_t)info.outlet_len;
    uint16_t title_len = self->title_len, outlet_len = self->outlet_len;
    start_block(self, lexer, ENTRY_START, B_ENTRY, marker == M_LIST ? E_LIST : E_NONE);
    self->title_len = title_len;
    self->outlet_len = outlet_len;
    return true;
  }

  switch (marker) {
    case M_ATX:
      return start_block(self, lexer, info.further ? FURTHER_START : HEADING_START, B_HEADING, E_ATX);
    case M_LIST:
      return start_block(self, lexer, LIST_START, B_LIST, E_LIST);
    case M_QUOTE:
      return start_block(self, lexer, QUOTE_START, B_QUOTE, E_QUOTE);
    case M_NONE:
      break;
  }

  /* A section heading: a short line, capitalized, without final punctuation, standing alone. */
  bool heading = !info.truncated && info.words > 0 && info.words <= HEADING_MAX_WORDS &&
                 info.length <= HEADING_MAX_CHARS && !info.inner_stop &&
                 (is_upper(info.first) || is_digit(info.first)) &&
                 (!is_heading_final(info.last) || (info.further && info.last == ':'));
  if (heading && !info.further) {
    int32_t next_first;
    if (!next_line_is_break(lexer, &next_first)) {
      /* Followed directly by text: only a very short title-like line is a heading. */
      heading = info.words <= HEADING_TIGHT_WORDS && !info.last_word_lower &&
                (is_upper(next_first) || is_digit(next_first) || next_first == 0x201C ||
                 next_first == '"');
    }
  }
  if (heading) {
    return start_block(self, lexer, info.further ? FURTHER_START : HEADING_START, B_HEADING, E_NONE);
  }
  return start_block(self, lexer, PARAGRAPH_START, B_PARAGRAPH, E_NONE);
}

/* Inside front matter, at the start of a line or after `key:`. */
static bool scan_front_matter(Scanner *self, TSLexer *lexer, const bool *valid) {
  if (self->expect == E_FRONT_MATTER_OPEN) {
    /* The opening `---`, measured by the front matter start. */
    if (!valid[FRONT_MATTER_OTHER]) return false;
    while (lexer->lookahead == '-') advance(lexer);
    lexer->mark_end(lexer);
    self->expect = E_NONE;
    return emit(self, lexer, FRONT_MATTER_OTHER);
  }
  bool line_start = false;
  while (!at_eof(lexer) && is_space(lexer->lookahead)) {
    if (lexer->lookahead == '\n') line_start = true;
    skip(lexer);
  }
  if (at_eof(lexer)) return false;

  if (!line_start) {
    if (!valid[VALUE]) return false;
    while (!at_eof(lexer) && lexer->lookahead != '\n') {
      bool blank = is_hspace(lexer->lookahead);
      advance(lexer);
      if (!blank) lexer->mark_end(lexer);
    }
    return emit(self, lexer, VALUE);
  }

  if (lexer->lookahead == '-' && valid[FRONT_MATTER_END]) {
    unsigned n = 0;
    while (lexer->lookahead == '-') {
      advance(lexer);
      n++;
    }
    lexer->mark_end(lexer);
    while (is_hspace(lexer->lookahead)) advance(lexer);
    if (n == 3 && (at_eof(lexer) || lexer->lookahead == '\n')) {
      reset_block(self);
      self->block = B_NONE;
      return emit(self, lexer, FRONT_MATTER_END);
    }
  } else if ((is_ascii_letter(lexer->lookahead) || lexer->lookahead == '_') && valid[KEY]) {
    while (is_ascii_letter(lexer->lookahead) || is_digit(lexer->lookahead) ||
           lexer->lookahead == '_' || lexer->lookahead == '-') {
      advance(lexer);
    }
    lexer->mark_end(lexer);
    while (is_hspace(lexer->lookahead)) advance(lexer);
    if (lexer->lookahead == ':') return emit(self, lexer, KEY);
  }

  /* Any other line (YAML lists, comments, the rest of a malformed line). */
  if (!valid[FRONT_MATTER_OTHER]) return false;
  while (!at_eof(lexer) && lexer->lookahead != '\n') {
    bool blank = is_hspace(lexer->lookahead);
    advance(lexer);
    if (!blank) lexer->mark_end(lexer);
  }
  return emit(self, lexer, FRONT_MATTER_OTHER);
}

/* The marker owed after a zero-width block start; the lookahead is on it. */
static bool scan_marker(Scanner *self, TSLexer *lexer, const bool *valid) {
  enum Expect expect = (enum Expect)self->expect;
  if (expect == E_ATX && valid[HEADING_MARKER] && lexer->lookahead == '#') {
    while (lexer->lookahead == '#') advance(lexer);
    lexer->mark_end(lexer);
    self->expect = E_NONE;
    return emit(self, lexer, HEADING_MARKER);
  }
  if (expect == E_LIST && valid[LIST_MARKER]) {
    if (is_digit(lexer->lookahead)) {
      while (is_digit(lexer->lookahead)) advance(lexer);
    }
    advance(lexer); /* - * + . ) */
    lexer->mark_end(lexer);
    self->expect = E_NONE;
    return emit(self, lexer, LIST_MARKER);
  }
  if (expect == E_QUOTE && valid[QUOTE_MARKER] && lexer->lookahead == '>') {
    advance(lexer);
    lexer->mark_end(lexer);
    self->expect = E_NONE;
    absorb_extras(self, lexer);
    return emit(self, lexer, QUOTE_MARKER);
  }
  return false;
}

/* `n` code points of an entry line: its title or its outlet. */
static bool scan_entry_part(Scanner *self, TSLexer *lexer, enum TokenType token, uint16_t n) {
  while (is_hspace(lexer->lookahead)) skip(lexer);
  if (n == 0) return false;
  for (uint16_t i = 0; i < n && !at_eof(lexer) && lexer->lookahead != '\n'; i++) advance(lexer);
  lexer->mark_end(lexer);
  return emit(self, lexer, token);
}

/* ---- entry point --------------------------------------------------------------------------- */

bool tree_sitter_news_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid) {
  Scanner *self = (Scanner *)payload;

  /* Error recovery asks for every token at once; let the lexer handle it. */
  if (valid[ERROR_SENTINEL]) return false;

  if (valid[PARAGRAPH_START] || valid[HEADLINE_START] || valid[ENTRY_START]) {
    return scan_block_start(self, lexer, valid);
  }
  if (self->block == B_FRONT_MATTER) {
    if (valid[FRONT_MATTER_END] || valid[VALUE]) return scan_front_matter(self, lexer, valid);
    return false;
  }
  if (self->expect != E_NONE) return scan_marker(self, lexer, valid);
  if (valid[TITLE] && self->block == B_ENTRY) return scan_entry_part(self, lexer, TITLE, self->title_len);
  if (valid[OUTLET] && self->block == B_ENTRY) {
    return scan_entry_part(self, lexer, OUTLET, self->outlet_len);
  }

  /* The end of a sentence owed since a stop inside quotation marks, now that they are closed. */
  if ((self->flags & F_PENDING) && self->depth == 0 && valid[SENTENCE_END] &&
      (at_eof(lexer) || is_space(lexer->lookahead))) {
    lexer->mark_end(lexer);
    return emit(self, lexer, SENTENCE_END);
  }

  while (is_hspace(lexer->lookahead)) skip(lexer);

  if (at_eof(lexer)) {
    if (!valid[BLOCK_END]) return false;
    lexer->mark_end(lexer);
    reset_block(self);
    self->block = B_NONE;
    return emit(self, lexer, BLOCK_END);
  }

  if (lexer->lookahead == '\n' && valid[BLOCK_END]) {
    lexer->mark_end(lexer);
    bool end = single_line_block((enum Block)self->block);
    if (!end) {
      skip(lexer);
      while (is_hspace(lexer->lookahead)) skip(lexer);
      int32_t c = lexer->lookahead;
      if (at_eof(lexer) || c == '\n') {
        end = true;
      } else if (self->block == B_QUOTE) {
        if (c != '>') {
          end = true;
        } else {
          advance(lexer);
          lexer->mark_end(lexer);
          absorb_extras(self, lexer);
          return emit(self, lexer, QUOTE_MARKER);
        }
      } else if (may_start_marker(c)) {
        /* A marker ends the block; anything else read here is a lexer token. */
        if (read_marker(lexer, NULL) == M_NONE) return false;
        end = true;
      }
    }
    if (end) {
      reset_block(self);
      self->block = B_NONE;
      return emit(self, lexer, BLOCK_END);
    }
    /* The paragraph goes on: scan the first token of the next line. */
  }

  int32_t c = lexer->lookahead;
  switch (c) {
    case '<':
      /* Only where an inline token could start: not inside a link destination. */
      return valid[COMMENT] && valid[INVALID] && scan_comment(self, lexer);
    case 0x201C: case 0x201D: case '"': case 0x2018: case 0x2019: case '\'': case '`':
      return scan_quote_mark(self, lexer, valid);
    case '(':
      if (!valid[OPEN_PAREN] || !push(self, K_PAREN)) return false;
      advance(lexer);
      lexer->mark_end(lexer);
      return emit(self, lexer, OPEN_PAREN);
    case ')': {
      int i = find(self, K_PAREN);
      if (i < 0 || !valid[CLOSE_PAREN]) return false;
      advance(lexer);
      lexer->mark_end(lexer);
      truncate_to(self, (unsigned)i);
      return emit(self, lexer, CLOSE_PAREN);
    }
    case '[':
      if (!valid[LINK_START] || find(self, K_LINK) >= 0 || self->depth >= MAX_DEPTH) return false;
      return scan_link_start(self, lexer);
    case ']': {
      int i = find(self, K_LINK);
      if (i < 0 || !valid[LINK_MIDDLE]) return false;
      advance(lexer);
      if (lexer->lookahead != '(') return false;
      advance(lexer);
      lexer->mark_end(lexer);
      truncate_to(self, (unsigned)i);
      return emit(self, lexer, LINK_MIDDLE);
    }
    case '.': case '?': case '!': case 0x2026:
      return scan_stop(self, lexer, valid);
    default:
      break;
  }

  if (is_invalid(lexer)) {
    if (!valid[INVALID]) return false;
    while (is_invalid(lexer)) advance(lexer);
    lexer->mark_end(lexer);
    return emit(self, lexer, INVALID);
  }

  if (self->depth == 0 && valid[FINAL_WORD] &&
      ((c >= 'A' && c <= 'Z') || c == 'e' || c == 'a' || c == 'p' || c == 'i')) {
    return scan_final_abbreviation(self, lexer);
  }
  return false;
}

/* ---- lifecycle ----------------------------------------------------------------------------- */

void *tree_sitter_news_external_scanner_create(void) {
  Scanner *self = (Scanner *)calloc(1, sizeof(Scanner));
  if (self == NULL) abort(); /* like tree-sitter's own allocator: no recovery from OOM */
  return self;
}

void tree_sitter_news_external_scanner_destroy(void *payload) { free(payload); }

unsigned tree_sitter_news_external_scanner_serialize(void *payload, char *buffer) {
  const Scanner *self = (const Scanner *)payload;
  uint8_t *out = (uint8_t *)buffer;
  out[0] = (uint8_t)(self->stack & 0xFFu);
  out[1] = (uint8_t)((self->stack >> 8) & 0xFFu);
  out[2] = (uint8_t)((self->stack >> 16) & 0xFFu);
  out[3] = (uint8_t)((self->stack >> 24) & 0xFFu);
  out[4] = self->depth;
  out[5] = self->block;
  out[6] = self->expect;
  out[7] = self->flags;
  out[8] = (uint8_t)(self->title_len & 0xFFu);
  out[9] = (uint8_t)(self->title_len >> 8);
  out[10] = (uint8_t)(self->outlet_len & 0xFFu);
  out[11] = (uint8_t)(self->outlet_len >> 8);
  out[12] = (uint8_t)(self->extras & 0xFFu);
  out[13] = (uint8_t)(self->extras >> 8);
  return SCANNER_STATE_SIZE;
}

void tree_sitter_news_external_scanner_deserialize(void *payload, const char *buffer,
                                                   unsigned length) {
  Scanner *self = (Scanner *)payload;
  memset(self, 0, sizeof *self);
  if (length != SCANNER_STATE_SIZE) return; /* 0 at the start of the document */
  const uint8_t *in = (const uint8_t *)buffer;
  self->stack = (uint32_t)in[0] | (uint32_t)in[1] << 8 | (uint32_t)in[2] << 16 |
                (uint32_t)in[3] << 24;
  self->depth = in[4];
  self->block = in[5];
  self->expect = in[6];
  self->flags = in[7];
  self->title_len = (uint16_t)(in[8] | in[9] << 8);
  self->outlet_len = (uint16_t)(in[10] | in[11] << 8);
  self->extras = (uint16_t)(in[12] | in[13] << 8);
  /* Never trust a state that serialize could not have written. */
  if (self->depth > MAX_DEPTH) memset(self, 0, sizeof *self);
}
