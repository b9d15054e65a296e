/* test_entities_quantity.c: (placeholder, being written) */
#include <criterion/criterion.h>

#include "analysis/analyze.h"

Test(entities_quantity, analysis_runs)
{
  BlFindings f = {0};
  bl_analyze("x", 1, NULL, &f);
  cr_assert_eq(f.items.len, 0);
  bl_findings_free(&f);
}
