/* log.c: leveled logging to stderr (see log.h). */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static BlLogLevel bl_log__level = BL_LOG_WARN;

void bl_log_set_level(BlLogLevel level)
{
  bl_log__level = level;
}

void bl_log_init_from_env(void)
{
  const char *v = getenv("BYLINE_LOG");
  if (!v) return;
  static const char *const names[] = {"debug", "info", "warn", "error", "off"};
  for (int i = 0; i <= BL_LOG_OFF; i++)
    if (strcmp(v, names[i]) == 0) bl_log__level = (BlLogLevel)i;
}

void bl_log(BlLogLevel level, const char *fmt, ...)
{
  if (level < bl_log__level) return;
  static const char *const tags[] = {"debug", "info", "warning", "error", ""};
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "byline: %s: ", tags[level]);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}
