/* test_registry.c: the rule registry is the single source of truth: ids unique and kebab-case,
 * a summary each, and a docs page docs/rules/<id>.md for every rule. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "analysis/rules.h"

Test(registry, ids_are_unique_kebab_case_with_a_summary)
{
  cr_assert_gt(bl_rules_count, 0);
  for (size_t i = 0; i < bl_rules_count; i++) {
    const BlRule *r = bl_rules[i];
    for (const char *c = r->id; *c; c++) cr_assert((*c >= 'a' && *c <= 'z') || *c == '-', "bad id %s", r->id);
    cr_assert_gt(strlen(r->summary), 10, "%s has no summary", r->id);
    cr_assert_eq(bl_rule_find(r->id), r);
    cr_assert_eq(bl_rule_index(r), i);
    for (size_t j = 0; j < i; j++) cr_assert_str_neq(bl_rules[j]->id, r->id);
  }
  cr_assert_null(bl_rule_find("no-such-rule"));
}

Test(registry, every_rule_has_its_docs_page)
{
  for (size_t i = 0; i < bl_rules_count; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/rules/%s.md", BL_SOURCE_DOCS_DIR, bl_rules[i]->id);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "missing docs page %s", path);
    char first[256] = {0};
    cr_assert_not_null(fgets(first, sizeof first, f));
    fclose(f);
    char want[128];
    snprintf(want, sizeof want, "# %s\n", bl_rules[i]->id);
    cr_assert_str_eq(first, want, "%s must start with its id as the title", path);
  }
}
