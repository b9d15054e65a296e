/* docs_path.c: locating docs/ at run time (see docs_path.h). BL_INSTALLED_DOCS_DIR and
 * BL_SOURCE_DOCS_DIR come from meson. */
#include "docs_path.h"

#include <stdio.h>

#include "base/buf.h"
#include "base/uri.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *bl_docs__dir;

static void bl_docs__find(void)
{
  const char *env = getenv("BYLINE_DOCS_DIR");
  if (env && *env)
    bl_docs__dir = env;
  else if (access(BL_INSTALLED_DOCS_DIR "/rules", R_OK) == 0)
    bl_docs__dir = BL_INSTALLED_DOCS_DIR;
  else
    bl_docs__dir = BL_SOURCE_DOCS_DIR;
}

const char *bl_docs_dir(void)
{
  /* Found once: it is asked for every diagnostic, and a system call each time showed up as a
   * tenth of keystroke time in the benchmark. */
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, bl_docs__find);
  return bl_docs__dir;
}

const char *bl_rule_doc_url(const char *rule_id)
{
  /* Rule ids are short static strings; one slot per call site is enough for the
   * single-threaded callers (the server loop, the CLI's output). */
  static char url[8192];
  BlBuf b;
  bl_buf_init(&b, sizeof url - 1);
  bl_uri_append_file_url(&b, bl_docs_dir());
  bl_buf_printf(&b, "/rules/%s.md", rule_id);
  snprintf(url, sizeof url, "%s", b.data ? b.data : "");
  bl_buf_free(&b);
  return url;
}


static const char *bl_data__dir;

static void bl_data__find(void)
{
  const char *env = getenv("BYLINE_DATA_DIR");
  if (env && *env)
    bl_data__dir = env;
  else if (access(BL_INSTALLED_DATA_DIR "/ner.model", R_OK) == 0)
    bl_data__dir = BL_INSTALLED_DATA_DIR;
  else
    bl_data__dir = BL_SOURCE_DATA_DIR;
}

const char *bl_data_dir(void)
{
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, bl_data__find);
  return bl_data__dir;
}
