/* uri.c: percent-encoding of paths (see uri.h). */
#include "uri.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"

void bl_uri_append_path(BlBuf *out, const char *path)
{
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    unsigned char c = *p;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      bl_buf_putc(out, (char)c);
    } else {
      char e[3] = {'%', hex[c >> 4], hex[c & 15]};
      bl_buf_append(out, e, 3);
    }
  }
}

void bl_uri_append_file_url(BlBuf *out, const char *path)
{
  bl_buf_puts(out, "file://");
  if (path[0] == '/') {
    bl_uri_append_path(out, path);
    return;
  }
  char cwd[PATH_MAX];
  if (getcwd(cwd, sizeof cwd)) {
    bl_uri_append_path(out, cwd);
    if (cwd[strlen(cwd) - 1] != '/') bl_buf_putc(out, '/');
  }
  bl_uri_append_path(out, strncmp(path, "./", 2) == 0 ? path + 2 : path);
}

static int bl_uri__hex(char c)
{
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char *bl_uri_to_path(const char *uri)
{
  if (strncmp(uri, "file://", 7) != 0) return NULL;
  const char *p = uri + 7;
  if (strncmp(p, "localhost/", 10) == 0) p += 9;
  if (*p != '/') return NULL; /* a remote host */
  BlBuf out;
  bl_buf_init(&out, 0);
  for (; *p && *p != '?' && *p != '#'; p++) {
    if (*p == '%') {
      int hi = bl_uri__hex(p[1]), lo = hi >= 0 ? bl_uri__hex(p[2]) : -1;
      if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
        bl_buf_free(&out);
        return NULL;
      }
      bl_buf_putc(&out, (char)(hi * 16 + lo));
      p += 2;
    } else {
      bl_buf_putc(&out, *p);
    }
  }
  return bl_buf_take(&out, NULL);
}
