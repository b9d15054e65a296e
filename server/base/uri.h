/* uri.h: file paths <-> URIs (RFC 3986 percent-encoding). Paths are bytes; any byte other
 * than an unreserved character or "/" is percent-encoded, so a path that is not UTF-8 still
 * makes a valid URI. */
#ifndef BL_URI_H
#define BL_URI_H

#include "buf.h"

/* Appends `path` percent-encoded (a URI reference when the path is relative). */
void bl_uri_append_path(BlBuf *out, const char *path);
/* Appends "file://" + the encoded absolute form of `path` (made absolute against the current
 * folder when relative). */
void bl_uri_append_file_url(BlBuf *out, const char *path);
/* Decodes a file: URI into a path; returns a heap string the caller frees, or NULL when the
 * URI is not a local file: URI or has a bad escape. */
char *bl_uri_to_path(const char *uri);

#endif
