/* rule_invalid_encoding.c: `invalid-encoding` — bytes that are not UTF-8 text: invalid or
 * truncated sequences, and NUL bytes. Each run of bad bytes is one finding, at most
 * BL_IE_MAX per text so a binary blob cannot flood the output; the last one says how many
 * more there were. The rest of the analysis goes on over the text around them. */
#include <stdint.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/utf8.h"
#include "analyze.h"
#include "rules.h"

enum { BL_IE_MAX = 20 };

static void bl_ie__check(const BlAnalysis *an, const BlRule *self, BlSeverity sev, BlFindings *out)
{
  const BlArticle *a = &an->article;
  const uint8_t *s = (const uint8_t *)a->text;
  size_t found = 0;
  BlFinding *last = NULL;
  for (size_t i = 0; i < a->len;) {
    if (i + 8 <= a->len) { /* eight ASCII bytes at a time: no high bit and no zero byte */
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (((w | ((w - 0x0101010101010101u) & ~w)) & 0x8080808080808080u) == 0) {
        i += 8;
        continue;
      }
    }
    if (s[i] != 0 && s[i] < 0x80) {
      i++;
      continue;
    }
    int32_t cp;
    size_t n = bl_utf8_decode(s + i, a->len - i, &cp);
    if (cp != BL_UTF8_INVALID && cp != 0) {
      i += n;
      continue;
    }
    size_t start = i, nul = 0, bad = 0;
    while (i < a->len) {
      n = bl_utf8_decode(s + i, a->len - i, &cp);
      if (cp == 0)
        nul++;
      else if (cp == BL_UTF8_INVALID)
        bad++;
      else
        break;
      i += n;
    }
    found++;
    if (found <= BL_IE_MAX) {
      last = bl_findings_add(out, self, sev, start, i, "%s%s%s",
                             bad ? (bad == 1 ? "invalid UTF-8 byte" : "invalid UTF-8 bytes") : "",
                             bad && nul ? " and " : "",
                             nul ? (nul == 1 ? "NUL byte" : "NUL bytes") : "");
    }
  }
  if (found > BL_IE_MAX && last) { /* no finding was added after `last`: the pointer holds */
    BlBuf msg;
    bl_buf_init(&msg, 0);
    bl_buf_printf(&msg, "%s (and %zu more such places in this text)", last->message,
                  found - BL_IE_MAX);
    bl_free(last->message);
    last->message = bl_buf_take(&msg, NULL);
  }
}

const BlRule bl_rule_invalid_encoding = {
    .id = "invalid-encoding",
    .default_severity = BL_SEV_WARNING,
    .summary = "The text holds bytes that are not UTF-8 text (invalid sequences or NUL bytes).",
    .check = bl_ie__check,
};
