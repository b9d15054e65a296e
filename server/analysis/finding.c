/* finding.c: finding lists (see finding.h). */
#include "finding.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "rules.h"

const char *bl_severity_name(BlSeverity sev)
{
  switch (sev) {
  case BL_SEV_ERROR: return "error";
  case BL_SEV_WARNING: return "warning";
  case BL_SEV_INFORMATION: return "information";
  case BL_SEV_HINT: return "hint";
  }
  return "unknown";
}

int bl_severity_parse(const char *name, BlSeverity *out)
{
  static const struct { const char *name; BlSeverity sev; } names[] = {
      {"error", BL_SEV_ERROR}, {"warning", BL_SEV_WARNING}, {"information", BL_SEV_INFORMATION},
      {"info", BL_SEV_INFORMATION}, {"hint", BL_SEV_HINT},
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (strcmp(name, names[i].name) == 0) {
      *out = names[i].sev;
      return 0;
    }
  }
  return -1;
}

BlFinding *bl_findings_add(BlFindings *self, const BlRule *rule, BlSeverity sev, size_t start,
                           size_t end, const char *fmt, ...)
{
  BlBuf msg;
  bl_buf_init(&msg, 0);
  va_list ap;
  va_start(ap, fmt);
  bl_buf_vprintf(&msg, fmt, ap);
  va_end(ap);
  BlFinding f = {.rule = rule, .severity = sev, .start = start, .end = end};
  f.message = bl_buf_take(&msg, NULL);
  bl_vec_push(&self->items, f);
  return bl_vec_last(&self->items);
}

void bl_finding_relate(BlFinding *self, size_t start, size_t end, const char *message)
{
  BlRelated r = {.start = start, .end = end, .message = bl_strdup(message)};
  bl_vec_push(&self->related, r);
}

BlRelated *bl_finding_relate_elsewhere(BlFinding *self, const char *uri, size_t start, size_t end, const char *message)
{
  BlRelated r = {.start = start, .end = end, .message = bl_strdup(message), .uri = bl_strdup(uri)};
  bl_vec_push(&self->related, r);
  return bl_vec_last(&self->related);
}

static int bl_findings__cmp(const void *a, const void *b)
{
  const BlFinding *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end < y->end ? -1 : 1;
  return strcmp(x->rule->id, y->rule->id);
}

void bl_findings_sort(BlFindings *self)
{
  if (self->items.len > 1)
    qsort(self->items.items, self->items.len, sizeof *self->items.items, bl_findings__cmp);
}

void bl_findings_free(BlFindings *self)
{
  for (size_t i = 0; i < self->items.len; i++) {
    BlFinding *f = &self->items.items[i];
    bl_free(f->message);
    for (size_t j = 0; j < f->related.len; j++) {
      bl_free(f->related.items[j].message);
      bl_free(f->related.items[j].uri);
    }
    bl_vec_free(&f->related);
  }
  bl_vec_free(&self->items);
}
