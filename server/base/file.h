/* file.h: reading a whole file ("-" is stdin), for the commands and the configuration. */
#ifndef BL_FILE_H
#define BL_FILE_H

#include <stdbool.h>

#include "buf.h"

/* Appends the file's bytes to *out; returns 0, or an errno value. */
int bl_read_file(const char *path, BlBuf *out);

/* Whether bytes look binary rather than text: a NUL in the first 8000 bytes and more than one
 * byte in ten that is not text (so a text file with a stray NUL is still read as text). */
bool bl_looks_binary(const char *text, size_t len);
/* Whether bytes start with a UTF-16 byte-order mark. */
bool bl_looks_utf16(const char *text, size_t len);

#endif
