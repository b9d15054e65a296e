/* test_walk.c: finding the files a run covers (server/base/walk.c): name order, *.txt / *.md
 * only, hidden entries skipped, links followed (to files and to folders), a broken link and a
 * link loop reported as warnings, a FIFO named like an article left alone, a file named directly
 * taken whatever its name, a missing path an error, and a folder of thousands of articles.
 * Regular files are taken from readdir's d_type without a stat; these tests pin down that the
 * walk still sees exactly what it saw when it stat'ed every entry. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/walk.h"

static char root[PATH_MAX];

typedef struct {
  char lines[8192][128]; /* "F rel" for a file, "W rel: message" / "E rel: message" for a problem */
  size_t n;
} Seen;

static Seen *seen;

static const char *rel(const char *path)
{
  size_t n = strlen(root);
  return strncmp(path, root, n) == 0 && path[n] == '/' ? path + n + 1 : path;
}

static void on_file(void *data, const char *path)
{
  Seen *s = data;
  cr_assert_lt(s->n, 8192);
  snprintf(s->lines[s->n++], sizeof s->lines[0], "F %s", rel(path));
}

static void on_problem(void *data, const char *path, const char *message, bool is_error)
{
  Seen *s = data;
  cr_assert_lt(s->n, 8192);
  snprintf(s->lines[s->n++], sizeof s->lines[0], "%c %s: %s", is_error ? 'E' : 'W', rel(path), message);
}

static void walk(const char *path)
{
  seen->n = 0;
  BlWalkVisitor v = {seen, on_file, on_problem};
  bl_walk(path, &v);
}

static void put(const char *name, const char *text)
{
  char path[PATH_MAX * 2];
  snprintf(path, sizeof path, "%s/%s", root, name);
  /* make the folders on the way */
  for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
    *p = '\0';
    mkdir(path, 0755);
    *p = '/';
  }
  FILE *f = fopen(path, "w");
  cr_assert_not_null(f, "cannot create %s", path);
  fputs(text, f);
  fclose(f);
}

static void at(const char *name, char *out, size_t cap)
{
  snprintf(out, cap, "%s/%s", root, name);
}

static void setup(void)
{
  snprintf(root, sizeof root, "%s/byline-walk-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  cr_assert_not_null(mkdtemp(root));
  seen = calloc(1, sizeof *seen);
}

static void teardown(void)
{
  char cmd[PATH_MAX + 32];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
  cr_expect_eq(system(cmd), 0);
  free(seen);
}

TestSuite(walk, .init = setup, .fini = teardown);

static void expect(const char *const *want, size_t n)
{
  for (size_t i = 0; i < n && i < seen->n; i++) cr_expect_str_eq(seen->lines[i], want[i], "entry %zu", i);
  cr_assert_eq(seen->n, n, "saw %zu entries, expected %zu (first: %s)", seen->n, n, seen->n ? seen->lines[0] : "-");
}

Test(walk, name_order_articles_only_hidden_skipped)
{
  put("b.txt", "b");
  put("a/2.txt", "2");
  put("a/1.md", "1");
  put("a/notes.csv", "not an article");
  put("a/README", "no extension");
  put("a/x.txt.bak", "a backup");
  put(".hidden/h.txt", "hidden folder");
  put(".dot.txt", "hidden file");
  put("sub/deeper/z.md", "z");
  put("sub/.git/config.txt", "hidden inside");
  walk(root);
  const char *want[] = {"F a/1.md", "F a/2.txt", "F b.txt", "F sub/deeper/z.md"};
  expect(want, sizeof want / sizeof *want);
}

Test(walk, links_fifos_and_loops)
{
  char target[PATH_MAX * 2], link[PATH_MAX * 2];
  put("a/story.txt", "s");
  put("z/other.md", "o");
  at("l-file.txt", link, sizeof link);
  cr_assert_eq(symlink("a/story.txt", link), 0); /* a link to an article: taken, under the link's name */
  at("l-dir", link, sizeof link);
  cr_assert_eq(symlink("z", link), 0); /* a link to a folder: followed */
  at("l-broken.txt", link, sizeof link);
  cr_assert_eq(symlink("nowhere.txt", link), 0); /* a broken link: a warning */
  at("a/up", link, sizeof link);
  cr_assert_eq(symlink("..", link), 0); /* a loop back to the root: a warning, not a hang */
  at("l-notes.csv", link, sizeof link);
  cr_assert_eq(symlink("a/story.txt", link), 0); /* not an article name: left alone */
  at("pipe.txt", target, sizeof target);
  cr_assert_eq(mkfifo(target, 0644), 0); /* not a regular file: left alone (reading it would block) */
  walk(root);
  const char *want[] = {
      "F a/story.txt",
      "W a/up: skipped: a symbolic link loops back to a folder above it",
      "W l-broken.txt: skipped: broken symbolic link",
      "F l-dir/other.md",
      "F l-file.txt",
      "F z/other.md",
  };
  expect(want, sizeof want / sizeof *want);
}

Test(walk, a_path_named_directly_and_a_missing_one)
{
  char path[PATH_MAX * 2];
  put("notes.csv", "any name");
  at("notes.csv", path, sizeof path);
  walk(path);
  const char *file[] = {"F notes.csv"};
  expect(file, 1);
  at("missing", path, sizeof path);
  walk(path);
  const char *missing[] = {"E missing: No such file or directory"};
  expect(missing, 1);
}

Test(walk, a_folder_of_thousands)
{
  char name[64];
  for (int i = 2999; i >= 0; i--) { /* created in reverse, listed in name order */
    snprintf(name, sizeof name, "big/%04d.%s", i, i % 3 ? "txt" : "md");
    put(name, "x");
    if (i % 10 == 0) {
      snprintf(name, sizeof name, "big/%04d.csv", i);
      put(name, "not an article");
    }
  }
  walk(root);
  cr_assert_eq(seen->n, 3000);
  for (int i = 0; i < 3000; i++) {
    snprintf(name, sizeof name, "F big/%04d.%s", i, i % 3 ? "txt" : "md");
    cr_assert_str_eq(seen->lines[i], name);
  }
}
