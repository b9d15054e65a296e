/* docs_path.c: locating docs/ at run time (see docs_path.h). BL_INSTALLED_DOCS_DIR and
 * BL_SOURCE_DOCS_DIR come from meson. */
#include "docs_path.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *bl_docs_dir(void)
{
  const char *env = getenv("BYLINE_DOCS_DIR");
  if (env && *env) return env;
  if (access(BL_INSTALLED_DOCS_DIR "/rules", R_OK) == 0) return BL_INSTALLED_DOCS_DIR;
  return BL_SOURCE_DOCS_DIR;
}

const char *bl_rule_doc_url(const char *rule_id)
{
  /* Rule ids are short static strings; one slot per call site is enough for the
   * single-threaded callers (the server loop, the CLI's output). */
  static char url[4096];
  snprintf(url, sizeof url, "file://%s/rules/%s.md", bl_docs_dir(), rule_id);
  return url;
}

