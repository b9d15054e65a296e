/* walk.h: finding the files a lint run covers. Folders are walked recursively in name order
 * (so output is deterministic), taking *.txt and *.md files; hidden entries (".git") are
 * skipped, as are symlinked folders already on the current path (a link loop). A file named on
 * the command line is taken whatever its name. Problems (a path that does not exist, an
 * unreadable folder) are reported through the callback and the walk goes on.
 * Paths handed to callbacks are valid only during the call. */
#ifndef BL_WALK_H
#define BL_WALK_H

#include <stdbool.h>

typedef struct BlWalkVisitor {
  void *data;
  void (*file)(void *data, const char *path);
  /* is_error: the path could not be read (an I/O error); otherwise it was skipped on purpose
   * (a link loop, a broken link) and the message is a warning. */
  void (*problem)(void *data, const char *path, const char *message, bool is_error);
} BlWalkVisitor;

void bl_walk(const char *path, const BlWalkVisitor *visitor);

#endif
