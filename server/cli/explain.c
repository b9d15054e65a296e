/* explain.c: the `explain` command (see explain.h). Pages are read from the docs folder that
 * docs_path.c finds (installed, or the source tree's docs/). */
#include "explain.h"

#include <stdio.h>
#include <string.h>

#include "../analysis/rules.h"
#include "../base/buf.h"
#include "../base/file.h"
#include "../docs_path.h"

int bl_cli_explain(int argc, char **argv)
{
  if (argc == 0) {
    for (size_t i = 0; i < bl_rules_count; i++)
      printf("%-22s %-12s %s\n", bl_rules[i]->id, bl_severity_name(bl_rules[i]->default_severity), bl_rules[i]->summary);
    return 0;
  }
  if (argc > 1) {
    fprintf(stderr, "byline explain: give one RULE (byline explain lists them)\n");
    return 2;
  }
  const BlRule *rule = bl_rule_find(argv[0]);
  if (!rule) {
    fprintf(stderr, "byline explain: no rule '%s'; the rules are:", argv[0]);
    for (size_t i = 0; i < bl_rules_count; i++) fprintf(stderr, " %s", bl_rules[i]->id);
    fputc('\n', stderr);
    return 2;
  }
  BlBuf path, page;
  bl_buf_init(&path, 0);
  bl_buf_init(&page, 0);
  bl_buf_printf(&path, "%s/rules/%s.md", bl_docs_dir(), rule->id);
  int err = bl_read_file(path.data, &page);
  int rc = 0;
  if (err) {
    fprintf(stderr, "%s: %s (the documentation is not installed; the rule: %s)\n", path.data, strerror(err),
            rule->summary);
    rc = 2;
  } else {
    fwrite(page.data, 1, page.len, stdout);
  }
  bl_buf_free(&path);
  bl_buf_free(&page);
  return rc;
}
