/* files.h: reading a whole file for the commands ("-" is stdin). */
#ifndef BL_FILES_H
#define BL_FILES_H

#include "../base/buf.h"

/* Appends the file's bytes to *out; returns 0, or an errno value. */
int bl_read_file(const char *path, BlBuf *out);

#endif
