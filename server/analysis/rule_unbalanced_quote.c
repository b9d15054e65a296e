/* rule_unbalanced_quote.c: `unbalanced-quote` — a double quotation mark that opens and never
 * closes within its paragraph, or closes without having opened.
 *
 * News copy lets a quote run over several paragraphs: each paragraph of it opens with a mark and
 * only the last one closes. So an open quote at the end of a paragraph is fine when the next
 * block opens with a quotation mark; otherwise it is reported at the opening mark.
 * Marks: curly “ ” (and guillemets « »), which say which way they face, and straight ",
 * which alternates. A straight " right after a digit is an inch mark (a 12" pipe), not a quote, unless a
 * straight quote is open (then it is read as the closing mark).
 * Single quotes are not checked: ’ is far more often an apostrophe. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "../base/utf8.h"
#include "analyze.h"
#include "rules.h"

typedef enum { BL_MARK_NONE, BL_MARK_OPEN, BL_MARK_CLOSE, BL_MARK_STRAIGHT } BlMark;

static BlMark bl_uq__mark(int32_t cp)
{
  switch (cp) {
  case 0x201C: case 0x00AB: return BL_MARK_OPEN;  /* “ « */
  case 0x201D: case 0x00BB: return BL_MARK_CLOSE; /* ” » */
  case '"': return BL_MARK_STRAIGHT;
  default: return BL_MARK_NONE;
  }
}

/* Whether a block begins (after spaces and a block-quote or list marker) with an opening mark. */
static bool bl_uq__opens_with_quote(const BlArticle *a, const BlBlock *b)
{
  const uint8_t *s = (const uint8_t *)a->text;
  size_t i = b->start;
  while (i < b->end && (s[i] == ' ' || s[i] == '\t' || s[i] == '>')) i++;
  if (i >= b->end) return false;
  int32_t cp;
  bl_utf8_decode(s + i, b->end - i, &cp);
  BlMark m = bl_uq__mark(cp);
  return m == BL_MARK_OPEN || m == BL_MARK_STRAIGHT;
}

static void bl_uq__check(const BlAnalysis *an, const BlRule *self, BlSeverity sev, BlFindings *out)
{
  const BlArticle *a = &an->article;
  const uint8_t *s = (const uint8_t *)a->text;
  for (size_t bi = 0; bi < a->blocks.len; bi++) {
    const BlBlock *b = &a->blocks.items[bi];
    if (b->kind == BL_BLOCK_FRONT_MATTER || b->kind == BL_BLOCK_COMMENT) continue;
    bool open = false, open_straight = false;
    size_t open_at = 0, open_len = 0;
    for (size_t i = b->start; i < b->end;) {
      if (i + 8 <= b->end) { /* eight bytes at a time while none is '"' or non-ASCII */
        uint64_t w, x;
        memcpy(&w, s + i, 8);
        x = w ^ 0x2222222222222222u; /* a zero byte where w has '"' */
        if (((w | ((x - 0x0101010101010101u) & ~x)) & 0x8080808080808080u) == 0) {
          i += 8;
          continue;
        }
      }
      if (s[i] != '"' && s[i] < 0x80) { /* fast path: no ASCII mark but the straight one */
        i++;
        continue;
      }
      int32_t cp;
      size_t n = bl_utf8_decode(s + i, b->end - i, &cp);
      BlMark m = bl_uq__mark(cp);
      if (m == BL_MARK_STRAIGHT) {
        bool after_digit = i > b->start && s[i - 1] >= '0' && s[i - 1] <= '9';
        if (open && open_straight)
          m = BL_MARK_CLOSE; /* inside straight quotes, even 12" closes: the ambiguous case */
        else if (after_digit)
          m = BL_MARK_NONE; /* an inch mark, also inside a curly quote */
        else
          m = open ? BL_MARK_CLOSE : BL_MARK_OPEN;
      }
      if (m == BL_MARK_OPEN) {
        if (open)
          bl_findings_add(out, self, sev, open_at, open_at + open_len,
                          "quotation mark opens here and a new quotation opens before it closes");
        open = true;
        open_straight = cp == '"';
        open_at = i;
        open_len = n;
      } else if (m == BL_MARK_CLOSE) {
        if (open)
          open = false;
        else
          bl_findings_add(out, self, sev, i, i + n,
                          "closing quotation mark with no opening mark before it in its paragraph");
      }
      i += n;
    }
    if (open) {
      size_t ni = bi + 1;
      while (ni < a->blocks.len && a->blocks.items[ni].kind == BL_BLOCK_COMMENT) ni++;
      const BlBlock *next = ni < a->blocks.len ? &a->blocks.items[ni] : NULL;
      if (!(next && next->kind != BL_BLOCK_HEADING && bl_uq__opens_with_quote(a, next)))
        bl_findings_add(out, self, sev, open_at, open_at + open_len,
                        "quotation mark opens here and never closes in its paragraph");
    }
  }
}

const BlRule bl_rule_unbalanced_quote = {
    .id = "unbalanced-quote",
    .default_severity = BL_SEV_WARNING,
    .summary = "A quotation mark opens and never closes within its paragraph.",
    .check = bl_uq__check,
};
