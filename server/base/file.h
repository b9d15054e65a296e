/* file.h: reading a whole file ("-" is stdin), for the commands and the configuration. */
#ifndef BL_FILE_H
#define BL_FILE_H

#include "buf.h"

/* Appends the file's bytes to *out; returns 0, or an errno value. */
int bl_read_file(const char *path, BlBuf *out);

#endif
