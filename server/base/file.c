/* file.c: whole-file reads (see file.h). */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int bl_read_file(const char *path, BlBuf *out)
{
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!f) return errno;
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) bl_buf_append(out, chunk, n);
  int err = ferror(f) ? (errno ? errno : EIO) : 0;
  if (f != stdin) fclose(f);
  return err;
}
