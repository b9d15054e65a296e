/* fuzz_analysis.c: the whole analysis (bl_analysis_run: blocks, front matter, tokens and
 * sentences, entities, quotes, attribution, claims, rules, suppression) on any bytes.
 *
 * Input: 1 byte picks the rule settings (defaults, or every rule at one severity, or some off),
 * the rest is the text. Checked on the result, besides "no crash, no sanitizer report":
 *   - blocks: in bounds, in order, not overlapping;
 *   - tokens: non-empty, in bounds, in order, not overlapping, in a real block; sentences: in
 *     order, not overlapping, made of their tokens, each inside its block;
 *   - entities: non-empty, in bounds, sorted by start, not overlapping (features.c searches
 *     them by binary search on that promise), kind and strings valid, on character boundaries;
 *   - quotes and sentence attribution: spans in bounds, indexes (speaker entity, the quote a
 *     speaker was resolved from, the sentence an attribution was carried from) in range;
 *   - findings: in bounds, on character boundaries, sorted (start, end, rule id) as promised,
 *     each with a rule of the registry, a severity 1..4, a message of valid UTF-8 (it goes into
 *     JSON and SARIF), related spans in bounds;
 *   - the same text analysed again gives the same findings (no hidden state). */
#include "fuzz.h"

#include "analysis/analyze.h"
#include "base/utf8.h"

static void check_span(const BlAnalysis *an, size_t start, size_t end, const char *what, size_t i)
{
  FUZZ_CHECK(start <= end && end <= an->len, "%s %zu: span %zu..%zu outside the text (%zu bytes)", what, i, start, end,
             an->len);
}

static void check_boundaries(const BlAnalysis *an, size_t start, size_t end, const char *what, size_t i)
{
  const uint8_t *s = (const uint8_t *)an->text;
  FUZZ_CHECK(!fuzz_splits_utf8(s, an->len, start) && !fuzz_splits_utf8(s, an->len, end),
             "%s %zu: span %zu..%zu splits a UTF-8 character", what, i, start, end);
}

static void check_utf8(const char *msg, const char *what, size_t i)
{
  size_t n = strlen(msg);
  FUZZ_CHECK(bl_utf8_first_invalid((const uint8_t *)msg, n) == n, "%s %zu: message is not valid UTF-8: %s", what, i, msg);
}

static void check_analysis(const BlAnalysis *an)
{
  const BlArticle *a = &an->article;
  for (size_t i = 0; i < a->blocks.len; i++) {
    const BlBlock *b = &a->blocks.items[i];
    check_span(an, b->start, b->end, "block", i);
    if (i) FUZZ_CHECK(b->start >= a->blocks.items[i - 1].end, "block %zu overlaps the one before", i);
  }
  FUZZ_CHECK(an->meta.title != NULL, "no title");
  for (size_t i = 0; i < an->meta.fields.len; i++)
    check_span(an, an->meta.fields.items[i].value_start, an->meta.fields.items[i].value_end, "meta field", i);

  const BlTokens *tk = &an->tokens;
  size_t nt = tk->tokens.len;
  for (size_t i = 0; i < nt; i++) {
    const BlToken *t = &tk->tokens.items[i];
    FUZZ_CHECK(t->start < t->end, "token %zu is empty", i);
    check_span(an, t->start, t->end, "token", i);
    if (i) FUZZ_CHECK(t->start >= tk->tokens.items[i - 1].end, "token %zu overlaps the one before", i);
    FUZZ_CHECK(t->kind <= BL_TOK_PUNCT, "token %zu of kind %d", i, t->kind);
    if (a->blocks.len < 65535) FUZZ_CHECK(t->block < a->blocks.len, "token %zu in block %u of %zu", i, t->block, a->blocks.len);
  }
  for (size_t i = 0; i < tk->sentences.len; i++) {
    const BlSentence *s = &tk->sentences.items[i];
    FUZZ_CHECK(s->tok_begin < s->tok_end && s->tok_end <= nt, "sentence %zu: tokens %u..%u of %zu", i, s->tok_begin,
               s->tok_end, nt);
    FUZZ_CHECK(s->start == tk->tokens.items[s->tok_begin].start && s->end == tk->tokens.items[s->tok_end - 1].end,
               "sentence %zu: span %u..%u is not that of its tokens", i, s->start, s->end);
    FUZZ_CHECK(s->block < a->blocks.len, "sentence %zu in block %u of %zu", i, s->block, a->blocks.len);
    const BlBlock *b = &a->blocks.items[s->block];
    FUZZ_CHECK(s->start >= b->start && s->end <= b->end, "sentence %zu (%u..%u) leaves its block (%zu..%zu)", i, s->start,
               s->end, b->start, b->end);
    if (i) {
      const BlSentence *p = &tk->sentences.items[i - 1];
      FUZZ_CHECK(s->tok_begin >= p->tok_end && s->start >= p->end, "sentence %zu overlaps the one before", i);
    }
  }

  const BlEntities *en = &an->entities;
  size_t ne = en->items.len;
  for (size_t i = 0; i < ne; i++) {
    const BlEntity *e = &en->items.items[i];
    FUZZ_CHECK(e->start < e->end, "entity %zu is empty", i);
    check_span(an, e->start, e->end, "entity", i);
    check_boundaries(an, e->start, e->end, "entity", i);
    FUZZ_CHECK(e->kind < BL_ENT_KIND_COUNT, "entity %zu of kind %d", i, e->kind);
    FUZZ_CHECK(memchr(e->currency, 0, sizeof e->currency) && memchr(e->code, 0, sizeof e->code) &&
                   memchr(e->iso, 0, sizeof e->iso),
               "entity %zu: a fixed string is not terminated", i);
    if (e->canonical) check_utf8(e->canonical, "entity canonical", i);
    if (e->unit) check_utf8(e->unit, "entity unit", i);
    if (e->role) check_utf8(e->role, "entity role", i);
    FUZZ_CHECK(e->group >= -1, "entity %zu in group %d", i, e->group);
    if (i) {
      const BlEntity *p = &en->items.items[i - 1];
      FUZZ_CHECK(e->start >= p->end, "entity %zu (%u..%u) overlaps or precedes entity %zu (%u..%u)", i, e->start, e->end,
                 i - 1, p->start, p->end);
    }
  }

  for (size_t i = 0; i < an->quotes.len; i++) {
    const BlQuote *q = &an->quotes.items[i];
    check_span(an, q->span.start, q->span.end, "quote", i);
    check_span(an, q->content.start, q->content.end, "quote content", i);
    FUZZ_CHECK(q->content.start >= q->span.start && q->content.end <= q->span.end, "quote %zu: content outside the quote", i);
    check_span(an, q->speaker.start, q->speaker.end, "quote speaker", i);
    check_span(an, q->cue.start, q->cue.end, "quote cue", i);
    check_span(an, q->antecedent.start, q->antecedent.end, "quote antecedent", i);
    FUZZ_CHECK(q->speaker_entity >= -1 && q->speaker_entity < (int32_t)ne, "quote %zu: speaker entity %d of %zu", i,
               q->speaker_entity, ne);
    FUZZ_CHECK(q->resolved_from >= -1 && q->resolved_from < (int32_t)an->quotes.len, "quote %zu: resolved from %d of %zu",
               i, q->resolved_from, an->quotes.len);
    FUZZ_CHECK(q->how <= BL_SPEAKER_CONTINUED, "quote %zu: speaker how %d", i, q->how);
  }

  FUZZ_CHECK(an->sentence_info.len == tk->sentences.len, "%zu sentence infos for %zu sentences", an->sentence_info.len,
             tk->sentences.len);
  for (size_t i = 0; i < an->sentence_info.len; i++) {
    const BlSentenceInfo *si = &an->sentence_info.items[i];
    check_span(an, si->cue.start, si->cue.end, "sentence cue", i);
    check_span(an, si->source.start, si->source.end, "sentence source", i);
    FUZZ_CHECK(si->source_entity >= -1 && si->source_entity < (int32_t)ne, "sentence %zu: source entity %d of %zu", i,
               si->source_entity, ne);
    FUZZ_CHECK(si->carried_from >= -1 && si->carried_from < (int32_t)i, "sentence %zu: carried from %d", i, si->carried_from);
    FUZZ_CHECK(si->how <= BL_ATTR_LINK, "sentence %zu: attribution how %d", i, si->how);
    FUZZ_CHECK(si->claim_score == si->claim_score, "sentence %zu: claim score is NaN", i);
  }

  const BlFindings *fs = &an->findings;
  for (size_t i = 0; i < fs->items.len; i++) {
    const BlFinding *f = &fs->items.items[i];
    check_span(an, f->start, f->end, "finding", i);
    check_boundaries(an, f->start, f->end, "finding", i);
    FUZZ_CHECK(f->rule && f->rule->id, "finding %zu without a rule", i);
    FUZZ_CHECK(bl_rule_find(f->rule->id) == f->rule, "finding %zu: rule %s is not in the registry", i, f->rule->id);
    FUZZ_CHECK(f->severity >= BL_SEV_ERROR && f->severity <= BL_SEV_HINT, "finding %zu: severity %d", i, (int)f->severity);
    FUZZ_CHECK(f->message && f->message[0], "finding %zu without a message", i);
    check_utf8(f->message, "finding", i);
    for (size_t j = 0; j < f->related.len; j++) {
      check_span(an, f->related.items[j].start, f->related.items[j].end, "related span of finding", i);
      check_utf8(f->related.items[j].message, "related message of finding", i);
    }
    if (i) {
      const BlFinding *p = &fs->items.items[i - 1];
      FUZZ_CHECK(p->start < f->start || (p->start == f->start && (p->end < f->end || (p->end == f->end &&
                                                                   strcmp(p->rule->id, f->rule->id) <= 0))),
                 "findings %zu and %zu are out of order", i - 1, i);
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  FuzzInput in = {data, size, 0};
  uint8_t mode = fuzz_u8(&in);
  size_t len;
  const char *text = (const char *)fuzz_rest(&in, &len);

  BlRuleSettings settings;
  bl_rule_settings_default(&settings);
  if (mode & 1) { /* every rule on, at one severity */
    for (size_t i = 0; i < bl_rules_count; i++) settings.severity[i] = 1 + (mode >> 1) % 4;
  } else if (mode & 2) { /* some rules off */
    for (size_t i = 0; i < bl_rules_count; i++)
      if ((mode >> 2) & (1u << (i % 6))) settings.severity[i] = BL_RULE_OFF;
  }

  BlAnalysis an;
  bl_analysis_run(&an, text, len, &settings);
  check_analysis(&an);

  BlFindings again = {0};
  bl_analyze(text, len, &settings, &again);
  FUZZ_CHECK(again.items.len == an.findings.items.len, "a second analysis found %zu findings, the first %zu",
             again.items.len, an.findings.items.len);
  for (size_t i = 0; i < again.items.len; i++) {
    const BlFinding *x = &an.findings.items.items[i], *y = &again.items.items[i];
    FUZZ_CHECK(x->start == y->start && x->end == y->end && x->rule == y->rule && x->severity == y->severity &&
                   strcmp(x->message, y->message) == 0,
               "finding %zu differs between two analyses of the same text", i);
  }
  bl_findings_free(&again);
  bl_analysis_free(&an);
  return 0;
}
