/* replay_main.c: runs a fuzz target's LLVMFuzzerTestOneInput over saved inputs, without
 * libFuzzer, so any compiler (gcc too) can replay the seed corpora and every regression input
 * in the normal test run, under ASan + UBSan in the sanitizer build.
 *
 *   replay_TARGET PATH...   each PATH a file or a folder (its files, sorted; not recursive)
 *
 * Each input is copied into a buffer of exactly its size, as libFuzzer does, so a read past
 * its end is an ASan error here too. A crash or a broken invariant aborts with the input's
 * path printed first; the exit status is 0 when every input ran, 1 when a path is unreadable
 * or no input was found at all (an empty corpus would make the test vacuous). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay__cmp(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay__file(const char *path, size_t *count)
{
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return 1;
  }
  size_t cap = 4096, len = 0;
  uint8_t *buf = malloc(cap);
  size_t n;
  while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
    len += n;
    if (len == cap) buf = realloc(buf, cap *= 2);
  }
  fclose(f);
  if (!buf) {
    fputs("replay: out of memory\n", stderr);
    return 1;
  }
  uint8_t *exact = malloc(len ? len : 1); /* exactly len bytes: overreads are caught */
  memcpy(exact, buf, len);
  free(buf);
  fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
  LLVMFuzzerTestOneInput(exact, len);
  free(exact);
  (*count)++;
  return 0;
}

static int replay__path(const char *path, size_t *count)
{
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return 1;
  }
  if (!S_ISDIR(st.st_mode)) return replay__file(path, count);
  DIR *d = opendir(path);
  if (!d) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return 1;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue; /* ".", "..", README-like dotfiles */
    if (n == cap) names = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  if (n) qsort(names, n, sizeof *names, replay__cmp);
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    size_t plen = strlen(path) + strlen(names[i]) + 2;
    char *full = malloc(plen);
    snprintf(full, plen, "%s/%s", path, names[i]);
    struct stat cst;
    if (stat(full, &cst) == 0 && S_ISREG(cst.st_mode)) rc |= replay__file(full, count);
    free(full);
    free(names[i]);
  }
  free(names);
  return rc;
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: %s PATH...  (files or folders of inputs)\n", argv[0]);
    return 2;
  }
  size_t count = 0;
  int rc = 0;
  for (int i = 1; i < argc; i++) rc |= replay__path(argv[i], &count);
  printf("replayed %zu inputs\n", count);
  if (count == 0) {
    fputs("replay: no inputs found\n", stderr);
    return 1;
  }
  return rc;
}
