/* bench_keystroke.c: server time from a keystroke to fresh diagnostics, in-process.
 *
 * Drives a BlServer through a fake host (no I/O, no event loop): opens a ~10 KB news article,
 * then sends 1,000 single-character incremental didChange edits (alternately an insertion and a
 * deletion, at pseudo-random places across the document, positions in UTF-16 units). The
 * debounce is taken as 0: right after each edit the bench fires the timer itself when the server
 * armed it. Per edit it measures, with CLOCK_MONOTONIC, the time from handing the didChange
 * bytes to bl_server_feed to the host's write of the publishDiagnostics carrying that version.
 *
 * Also measured in the same run: a full-document didOpen (feed to publish), bl_analyze alone on
 * the same text, and a floor: memcpy + a memchr('\n') pass over the same bytes, so the figures
 * can be read as a ratio to what this machine does with 10 KB at memory speed.
 *
 * Figures only, nothing is asserted about speed. The exit status is nonzero only when the server
 * misbehaves (an edit rejected, a version never published).
 *
 * usage: bench_keystroke [--edits N] [--opens N] [--size BYTES] */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* clock_gettime; meson passes it too */
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/analyze.h"
#include "lsp/server.h"
#include "bench_util.h"

/* ---------------------------------------------------------------- clock and statistics */

static void bench__print(const char *what, BenchStats s, size_t n)
{
  printf("%-44s p50 %9.1f us   p99 %9.1f us   max %9.1f us   (n=%zu)\n", what, s.p50, s.p99, s.max, n);
}


/* ---------------------------------------------------------------- the article */

/* An invented wire story about a water-rate vote, in the genre byline reads: a dateline lede,
 * attributed figures, straight and curly quotes, a quote that runs over two paragraphs, and one
 * quote left open (a real unbalanced-quote finding). Paragraphs are templates: each repetition
 * gets other names, places and figures, so the text is varied rather than one block copied. */
static const char bench__front[] =
    "---\n"
    "title: Harbor Valley Council Approves 9% Water Rate Rise After Six-Hour Hearing\n"
    "outlet: Harbor Valley Ledger\n"
    "date: 2026-03-14\n"
    "author: Renée Okafor\n"
    "---\n"
    "\n"
    "# Harbor Valley Council Approves 9% Water Rate Rise After Six-Hour Hearing\n"
    "\n";

static const char *const bench__towns[] = {"Harbor Valley", "Eastbrook", "Millbridge", "São Lourenço",
                                           "North Quay", "Cedar Falls", "Port Aldous", "Zürichsee Park"};
static const char *const bench__people[] = {"Mayor Lucía Brennan", "Councillor Tomás Reyes",
                                            "utility director Ngozi Adeyemi", "resident Ahmed Karimi",
                                            "treasurer Hélène Dubois", "Councillor Priya Natarajan",
                                            "engineer Marek Nowak", "auditor Grace O’Malley"};

/* Placeholders: {D} a dateline, {T} town, {P} and {Q} two people, {A} and {C} two numbers. */
static const char *const bench__paragraphs[] = {
    "{D} — The {T} city council voted 5-2 late on Tuesday to raise residential water rates "
    "by {A}% over two years, ending a six-hour hearing in which more than {C} residents spoke, "
    "most of them against the increase.\n",
    "The rise will add about €{A}.{C} a month to a typical household bill, according to a staff "
    "report released on Friday. “We have deferred maintenance for a decade, and the pipes do not "
    "care about our politics,” {P} told the council before the vote.\n",
    "Opponents said the utility had not explained why its budget grew by {C}% since 2022. "
    "\"Nobody here is against clean water,\" {Q} said. \"We are against paying twice for the "
    "same pipe.\"\n",
    "The utility says {A} kilometers of cast-iron main in {T} are more than 80 years old and "
    "break about {C} times a year. A 2025 audit, which the Ledger obtained through a records "
    "request, put the cost of replacing them at ${A}.{C} million.\n",
    "“The first thing people ask me is whether the water is safe to drink,” {P} said in an "
    "interview on Wednesday. “It is. The question is how long we can keep saying that if we "
    "keep patching instead of replacing.\n",
    "“What we approved tonight buys us time, not a solution,” {P} added, saying the council "
    "would revisit the rates in {C} months.\n",
    "Under the plan, households that qualify for the state’s low-income energy credit will get a "
    "{A}% discount, a provision added by {Q} after an earlier draft drew criticism from tenant "
    "groups in {T}.\n",
    "## What happens next\n",
    "The new rates take effect on July 1. A second vote, on a ${C} million bond for a treatment "
    "plant upgrade, is scheduled for {A} May. Residents can comment through the city’s website "
    "or at a public meeting at the {T} library.\n",
    "\"If the bond fails, the rate goes up again next year, {Q} warned, adding that the state "
    "could fine the utility up to €{C},000 a day if nitrate levels breach the limit.\n",
    "Neither the utility nor the mayor’s office responded to a request for comment on Thursday "
    "about the {A} complaints filed since January.\n",
};

/* Builds an article of at most `target` bytes (whole paragraphs). The caller frees it. */
static char *bench__article(size_t target, size_t *len)
{
  BlBuf b = {0};
  bl_buf_append(&b, bench__front, sizeof bench__front - 1);
  size_t np = sizeof bench__paragraphs / sizeof bench__paragraphs[0];
  size_t nt = sizeof bench__towns / sizeof bench__towns[0];
  size_t nw = sizeof bench__people / sizeof bench__people[0];
  BlBuf para = {0};
  for (size_t k = 0;; k++) {
    bl_buf_reset(&para);
    char a[16], c[16];
    snprintf(a, sizeof a, "%d", 3 + (int)(k * 7 % 41));
    snprintf(c, sizeof c, "%d", 12 + (int)(k * 13 % 87));
    const char *fill[] = {k == 0 ? "HARBOR VALLEY" : "ALSO ON TUESDAY", bench__towns[k % nt], bench__people[k % nw],
                          bench__people[(k + 3) % nw], a, c};
    static const char keys[] = "DTPQAC";
    for (const char *s = bench__paragraphs[k % np]; *s; s++) {
      const char *key = s[0] == '{' && s[1] && s[2] == '}' ? strchr(keys, s[1]) : NULL;
      if (key) {
        const char *v = fill[key - keys];
        bl_buf_append(&para, v, strlen(v));
        s += 2;
      } else {
        bl_buf_append(&para, s, 1);
      }
    }
    if (b.len + para.len + 1 > target) break;
    bl_buf_append(&b, para.data, para.len);
    bl_buf_append(&b, "\n", 1);
  }
  free(para.data);
  *len = b.len;
  return b.data;
}

/* ---------------------------------------------------------------- the fake host */

typedef struct {
  bool timer_armed;
  int64_t published_version; /* version of the last publishDiagnostics; -1 = none with one */
  uint64_t published_at;     /* when it was written */
  size_t published_diagnostics;
  size_t publishes, log_messages, writes;
  bool exited;
} BenchHost;

static void bench__host_write(void *data, const char *bytes, size_t len)
{
  uint64_t now = bench_now_ns(); /* first, so the parsing below is not counted */
  BenchHost *h = data;
  h->writes++;
  const char *body = strstr(bytes, "\r\n\r\n");
  if (!body || (size_t)(body - bytes) >= len) return;
  body += 4;
  if (strstr(body, "\"window/logMessage\"")) {
    h->log_messages++;
    fprintf(stderr, "bench_keystroke: server logged: %.*s\n", (int)(len - (size_t)(body - bytes)), body);
    return;
  }
  if (!strstr(body, "\"textDocument/publishDiagnostics\"")) return;
  h->publishes++;
  const char *v = strstr(body, "\"version\"");
  if (!v) return; /* a close clears diagnostics without a version */
  v += strlen("\"version\"");
  while (*v == ' ' || *v == ':') v++;
  h->published_version = strtoll(v, NULL, 10);
  h->published_at = now;
  size_t nd = 0;
  for (const char *p = body; (p = strstr(p, "\"severity\"")) != NULL; p++) nd++;
  h->published_diagnostics = nd;
}

static void bench__host_set_timer(void *data, unsigned ms)
{
  (void)ms;
  ((BenchHost *)data)->timer_armed = true;
}

static void bench__host_exit(void *data, int code)
{
  (void)code;
  ((BenchHost *)data)->exited = true;
}

/* Feeds one framed message; when the server armed the timer, fires it at once (debounce 0). */
static void bench__send(BlServer *s, BenchHost *h, const BlBuf *framed)
{
  bl_server_feed(s, framed->data, framed->len);
  if (h->timer_armed) {
    h->timer_armed = false;
    bl_server_timer(s);
  }
}

/* ---------------------------------------------------------------- positions in the mirror */

/* The LSP position (line, UTF-16 character) of byte offset `at` in text (no \r in it). */
static void bench__position(const char *text, size_t at, size_t *line, size_t *character)
{
  size_t l = 0, start = 0;
  for (size_t i = 0; i < at; i++)
    if (text[i] == '\n') {
      l++;
      start = i + 1;
    }
  size_t units = 0;
  for (size_t i = start; i < at; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80 || (c >= 0xC0 && c < 0xF0)) units += 1; /* ASCII or a 2-3 byte lead: one unit */
    else if (c >= 0xF0) units += 2;                       /* a 4-byte lead: a surrogate pair */
  }
  *line = l;
  *character = units;
}

/* A pseudo-random offset of an ASCII letter (so an edit never splits a character). */
static size_t bench__letter_at(const char *text, size_t len)
{
  size_t at = bench_random(len);
  for (size_t k = 0; k < len; k++, at = (at + 1) % len) {
    char c = text[at];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return at;
  }
  fputs("bench_keystroke: no letter in the article\n", stderr);
  exit(2);
}

/* ---------------------------------------------------------------- main */

static size_t bench__arg(int argc, char **argv, const char *name, size_t fallback)
{
  for (int i = 1; i + 1 < argc; i++)
    if (strcmp(argv[i], name) == 0) {
      errno = 0;
      char *end;
      unsigned long long v = strtoull(argv[i + 1], &end, 10);
      if (errno || *end || v == 0) {
        fprintf(stderr, "bench_keystroke: %s needs a positive number\n", name);
        exit(2);
      }
      return (size_t)v;
    }
  return fallback;
}

int main(int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      puts("usage: bench_keystroke [--edits N] [--opens N] [--size BYTES]");
      return 0;
    }
  size_t n_edits = bench__arg(argc, argv, "--edits", 1000);
  size_t n_opens = bench__arg(argc, argv, "--opens", 200);
  size_t target = bench__arg(argc, argv, "--size", 10 * 1024);

  size_t len;
  char *article = bench__article(target, &len);
  /* The mirror: the text as the client holds it, edited alongside the server's copy. */
  BlBuf mirror = {0};
  bl_buf_append(&mirror, article, len);
  size_t lines = 0, quotes = 0;
  for (size_t i = 0; i < len; i++) {
    lines += article[i] == '\n';
    quotes += article[i] == '"' || (i + 2 < len && memcmp(article + i, "\xE2\x80\x9C", 3) == 0) ||
              (i + 2 < len && memcmp(article + i, "\xE2\x80\x9D", 3) == 0);
  }

  BenchHost host = {.published_version = -1};
  BlServerHost vt = {&host, bench__host_write, bench__host_set_timer, bench__host_exit, NULL};
  BlServer *server = bl_server_new(&vt);
  BlBuf body = {0}, framed = {0};
  int failures = 0;

  bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
                       "\"rootUri\":null,\"capabilities\":{},\"initializationOptions\":{\"debounceMs\":0}}}");
  bench_frame(&framed, &body);
  bench__send(server, &host, &framed);
  bl_buf_reset(&body);
  bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
  bench_frame(&framed, &body);
  bench__send(server, &host, &framed);

  /* Full-document analysis: didOpen of a fresh URI, feed to publish; closed again untimed. */
  uint64_t *open_ns = calloc(n_opens, sizeof *open_ns);
  BlBuf close_framed = {0};
  size_t open_diagnostics = 0;
  for (size_t k = 0; k < n_opens; k++) {
    bl_buf_reset(&body);
    bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                         "{\"uri\":\"file:///bench/open-%zu.md\",\"languageId\":\"markdown\",\"version\":%zu,\"text\":",
                  k, k + 1);
    bench_json_string(&body, article, len);
    bl_buf_append(&body, "}}}", 3);
    bench_frame(&framed, &body);
    host.published_version = -1;
    uint64_t t0 = bench_now_ns();
    bench__send(server, &host, &framed);
    if (host.published_version != (int64_t)(k + 1)) {
      fprintf(stderr, "bench_keystroke: didOpen %zu was not published\n", k);
      failures++;
      open_ns[k] = 0;
    } else {
      open_ns[k] = host.published_at - t0;
    }
    open_diagnostics = host.published_diagnostics;
    bl_buf_reset(&body);
    bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didClose\",\"params\":{\"textDocument\":"
                         "{\"uri\":\"file:///bench/open-%zu.md\"}}}", k);
    bench_frame(&close_framed, &body);
    bench__send(server, &host, &close_framed);
  }

  /* The document the keystrokes go to. */
  const char *uri = "file:///bench/article.md";
  bl_buf_reset(&body);
  bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                       "{\"uri\":\"%s\",\"languageId\":\"markdown\",\"version\":1,\"text\":", uri);
  bench_json_string(&body, article, len);
  bl_buf_append(&body, "}}}", 3);
  bench_frame(&framed, &body);
  bench__send(server, &host, &framed);

  /* Keystrokes: even edits insert a character before a random letter, odd edits delete a
   * random letter, so the length stays about the same. Mostly letters and spaces; now and then
   * an é (two bytes, one UTF-16 unit) or a straight quote, which changes the findings. */
  static const char *const typed[] = {"e", "t", " ", "a", "o", "n", "\xC3\xA9", "s", "r", "\""};
  uint64_t *edit_ns = calloc(n_edits, sizeof *edit_ns);
  size_t diag_min = SIZE_MAX, diag_max = 0;
  for (size_t k = 0; k < n_edits; k++) {
    int64_t version = (int64_t)k + 2;
    size_t at = bench__letter_at(mirror.data, mirror.len), line, ch;
    bench__position(mirror.data, at, &line, &ch);
    const char *ins = k % 2 == 0 ? typed[(k / 2) % (sizeof typed / sizeof typed[0])] : "";
    size_t end_ch = k % 2 == 0 ? ch : ch + 1;
    bl_buf_reset(&body);
    bl_buf_printf(&body, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":"
                         "{\"uri\":\"%s\",\"version\":%lld},\"contentChanges\":[{\"range\":{\"start\":"
                         "{\"line\":%zu,\"character\":%zu},\"end\":{\"line\":%zu,\"character\":%zu}},\"text\":",
                  uri, (long long)version, line, ch, line, end_ch);
    bench_json_string(&body, ins, strlen(ins));
    bl_buf_append(&body, "}]}}", 4);
    bench_frame(&framed, &body);

    /* apply to the mirror */
    if (k % 2 == 0) {
      size_t n = strlen(ins), old = mirror.len;
      bl_buf_append(&mirror, ins, n); /* grow by n, then open the gap at `at` */
      memmove(mirror.data + at + n, mirror.data + at, old - at);
      memcpy(mirror.data + at, ins, n);
    } else {
      memmove(mirror.data + at, mirror.data + at + 1, mirror.len - at);
      mirror.len--;
    }

    size_t logs = host.log_messages;
    uint64_t t0 = bench_now_ns();
    bench__send(server, &host, &framed);
    if (host.published_version != version || host.log_messages != logs) {
      fprintf(stderr, "bench_keystroke: edit %zu (version %lld) was not published\n", k, (long long)version);
      failures++;
      edit_ns[k] = 0;
      continue;
    }
    edit_ns[k] = host.published_at - t0;
    if (host.published_diagnostics < diag_min) diag_min = host.published_diagnostics;
    if (host.published_diagnostics > diag_max) diag_max = host.published_diagnostics;
  }

  /* bl_analyze alone on the original text: the analysis share of a keystroke. */
  uint64_t *analyze_ns = calloc(n_edits, sizeof *analyze_ns);
  for (size_t k = 0; k < n_edits; k++) {
    BlFindings f = {0};
    uint64_t t0 = bench_now_ns();
    bl_analyze(article, len, NULL, &f);
    analyze_ns[k] = bench_now_ns() - t0;
    bl_findings_free(&f);
  }

  /* The floor: what 10 KB costs at memory speed (copy it, find every newline). */
  size_t n_floor = n_edits > 1000 ? n_edits : 1000;
  uint64_t *floor_ns = calloc(n_floor, sizeof *floor_ns);
  char *copy = malloc(len + 1);
  volatile size_t sink = 0;
  for (size_t k = 0; k < n_floor; k++) {
    uint64_t t0 = bench_now_ns();
    memcpy(copy, article, len);
    size_t nl = 0;
    for (const char *p = copy, *e = copy + len; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++) nl++;
    floor_ns[k] = bench_now_ns() - t0;
    sink += nl;
  }
  (void)sink;

  printf("article: %zu bytes, %zu lines, %zu quotation marks; UTF-16 positions; debounce 0\n", len, lines,
         quotes);
  BenchStats ks = bench_stats(edit_ns, n_edits);
  BenchStats op = bench_stats(open_ns, n_opens);
  BenchStats an = bench_stats(analyze_ns, n_edits);
  BenchStats fl = bench_stats(floor_ns, n_floor);
  bench__print("keystroke: didChange -> publishDiagnostics", ks, n_edits);
  printf("%-44s %zu..%zu diagnostics per publish\n", "", diag_min == SIZE_MAX ? 0 : diag_min, diag_max);
  bench__print("full analysis: didOpen -> publishDiagnostics", op, n_opens);
  printf("%-44s %zu diagnostics\n", "", open_diagnostics);
  bench__print("bl_analyze alone (same text)", an, n_edits);
  printf("%-44s p50 %9.3f us   p99 %9.3f us   max %9.1f us   (n=%zu)\n", "floor: memcpy + memchr('\\n')", fl.p50,
         fl.p99, fl.max, n_floor);
  double floor50 = fl.p50 > 0 ? fl.p50 : 0.001;
  printf("ratio to floor (p50): keystroke %.0fx, full analysis %.0fx, bl_analyze %.0fx\n", ks.p50 / floor50,
         op.p50 / floor50, an.p50 / floor50);
  printf("target (product.md): keystroke p99 under 5000 us: %s (%.1f us)\n", ks.p99 < 5000 ? "met" : "MISSED",
         ks.p99);

  bl_server_free(server);
  free(article);
  free(mirror.data);
  free(body.data);
  free(framed.data);
  free(close_framed.data);
  free(open_ns);
  free(edit_ns);
  free(analyze_ns);
  free(floor_ns);
  free(copy);
  if (failures) fprintf(stderr, "bench_keystroke: %d messages were not answered as expected\n", failures);
  return failures ? 1 : 0;
}
