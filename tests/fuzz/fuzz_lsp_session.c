/* fuzz_lsp_session.c: whole LSP sessions against an in-process BlServer (fake host, no I/O).
 *
 * The input is read as a program of operations: initialize, initialized, didOpen with text of
 * any bytes (invalid UTF-8, NUL as \u0000, lone surrogates, astral characters as escapes or raw),
 * didChange batches with ranges in the negotiated encoding (valid ones, ones inside a surrogate
 * pair or a UTF-8 sequence, past the end, reversed, negative, fractional, huge), didClose,
 * hover / documentHighlight / semanticTokens full and range / inlayHint / codeAction at any
 * position, requests with params of the wrong type, cancellation, configuration, shutdown and
 * exit, raw bodies and raw garbage. Messages queue up and are fed in pieces of random sizes,
 * so batches, split headers and split characters all happen; the debounce timer fires when the
 * program says so.
 *
 * A model of the session runs beside it: lifecycle state, the negotiated encoding, and a mirror
 * of every open document (edited with bl_document_apply, a batch applied only when every change
 * in it applies, as LSP says). Checked, besides the frame checks of fuzz_host.h:
 *   - each request gets exactly one response, with the error the model expects (-32002 before
 *     initialize, -32600 after shutdown, -32601 for an unknown method, -32602 for bad params or
 *     a position that does not convert) or a result;
 *   - every range and position in a result is a valid position of the document as it was when
 *     the request was sent, never one that needed clamping; semantic tokens stay on one line;
 *   - publishDiagnostics carries the mirror's version, and its diagnostics equal those computed
 *     afresh from the mirror's text (a stale cached analysis or a half-applied batch shows here);
 *     every document changed since the last publish is published; none for a closed document;
 *   - the exit code is 0 after shutdown, 1 otherwise.
 * Raw bodies and garbage can say anything (even `exit`), so after one the session only keeps
 * the structural checks. */
#include "fuzz.h"
#include "fuzz_host.h"

#include "analysis/analyze.h"
#include "base/alloc.h"
#include "base/buf.h"
#include "base/uri.h"
#include "config/config.h"
#include "lsp/convert.h"
#include "text/document.h"

enum { NURI = 4, MAX_DOC = 6000, MAX_OPS = 200 };
static const char *const uris[NURI] = {"file:///fuzz/a.md", "file:///fuzz/b.txt", "untitled:Untitled-1",
                                       "file:///fuzz/sp%20ace%zz.md"};

enum { ST_UNINIT, ST_RUNNING, ST_SHUTDOWN, ST_EXITED };

/* What a request may be answered with (a bit set). */
enum {
  E_RESULT = 1,
  E_PARAMS = 2,     /* -32602 */
  E_NOTINIT = 4,    /* -32002 */
  E_INVREQ = 8,     /* -32600 */
  E_NOTFOUND = 16,  /* -32601 */
  E_CANCELLED = 32, /* -32800 */
};

typedef enum {
  M_INITIALIZE, M_SHUTDOWN, M_HOVER, M_HIGHLIGHT, M_TOKENS_FULL, M_TOKENS_RANGE, M_INLAY, M_ACTION,
  M_DEFINITION, M_REFERENCES, M_LINKS, M_SYMBOLS, M_OTHER
} Method;

typedef struct {
  long id;
  bool string_id;
  Method method;
  unsigned expect;
  BlDocument *snap; /* the document as the server will see it, or NULL */
  const char *uri;
  int answers;
} Request;

typedef struct {
  FuzzInput in;
  FuzzHost host;
  BlServer *server;
  BlBuf out; /* framed messages not yet fed */
  int state;
  BlEncoding enc;
  bool related, pull_config;
  BlDocument *docs[NURI];
  bool dirty[NURI], published[NURI];
  bool loose; /* a raw message went in: only structural checks from here */
  BlVec(Request) reqs;
  long next_id;
  long config_request;   /* the id of the server's workspace/configuration request, or -1 */
  long progress_request; /* the id of its window/workDoneProgress/create, or -1 */
  bool in_timer;
  bool was_shut_down;
  BlConfigCache configs;
} Session;

/* ---------------------------------------------------------------- JSON text */

static void json_bytes(BlBuf *b, const uint8_t *s, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    uint8_t c = s[i];
    if (c == '"' || c == '\\') {
      bl_buf_putc(b, '\\');
      bl_buf_putc(b, (char)c);
    } else if (c < 0x20) {
      bl_buf_printf(b, "\\u%04x", c);
    } else {
      bl_buf_putc(b, (char)c);
    }
  }
}

static const char *const phrases[] = {
    "The council voted 5-2 on Tuesday", " said", " told the Ledger", ", according to the Post.",
    "\xe2\x80\x9c", "\xe2\x80\x9d", "\"", "\n\n", "\r\n", "\r", "$7 billion", " 12%", "Mayor Lucía Brennan",
    "NSA", "National Security Agency (NSA)", " reportedly ", "a senior official", "---\ntitle: T\ndate: 2024-05-01\n---\n",
    "<!-- byline-disable unsourced-claim -->\n", "# Key Facts\n", "- ", "> ", " in May 2021.", "\xc3\xa9",
    "\xf0\x9f\x98\x80", "\xe2\x80\x94", "last month", "4,000 people", "\xff", "\xe2\x80", "\t",
};

/* Text for a didOpen or a change: JSON string contents into `json`, the bytes the server will
 * hold into `raw`. Sets *had_nul when the JSON carries \u0000 (see bl_message_text). */
static void gen_text(Session *s, BlBuf *json, BlBuf *raw, bool *had_nul, size_t max)
{
  size_t segments = fuzz_below(&s->in, 7);
  size_t high_end = SIZE_MAX; /* where the JSON ended after the last lone high surrogate */
  for (size_t k = 0; k < segments && raw->len < max; k++) {
    uint8_t kind = fuzz_u8(&s->in) % 14;
    switch (kind) {
    case 0: case 1: case 2: case 3: {
      size_t n;
      const uint8_t *p = fuzz_bytes(&s->in, 48, &n);
      json_bytes(json, p, n);
      bl_buf_append(raw, p, n);
      break;
    }
    case 4: /* a lone high surrogate (unless a low one follows: case 5) */
      bl_buf_puts(json, "\\ud800");
      bl_buf_puts(raw, "\xef\xbf\xbd");
      high_end = json->len;
      break;
    case 5: /* a lone low surrogate; right after a lone high one the two are a pair: U+103FF */
      if (json->len == high_end) {
        raw->len -= 3; /* the U+FFFD that stood for the high surrogate */
        bl_buf_puts(raw, "\xf0\x90\x8f\xbf");
      } else {
        bl_buf_puts(raw, "\xef\xbf\xbd");
      }
      bl_buf_puts(json, "\\udfff");
      break;
    case 6: bl_buf_puts(json, "\\ud83d\\ude00"); bl_buf_puts(raw, "\xf0\x9f\x98\x80"); break;
    case 7: bl_buf_puts(json, "\\u0000"); bl_buf_append(raw, "", 1); *had_nul = true; break;
    case 8: bl_buf_puts(json, "\\u00e9\\u201c"); bl_buf_puts(raw, "\xc3\xa9\xe2\x80\x9c"); break;
    default: {
      const char *p = phrases[fuzz_below(&s->in, sizeof phrases / sizeof phrases[0])];
      json_bytes(json, (const uint8_t *)p, strlen(p));
      bl_buf_puts(raw, p);
      break;
    }
    }
  }
}

/* bl_message_text's rule: in a message that carried \u0000, U+FFFF reads as NUL too. */
static void unmask_ffff(BlBuf *raw)
{
  size_t w = 0;
  for (size_t r = 0; r < raw->len; r++) {
    if (r + 2 < raw->len && (uint8_t)raw->data[r] == 0xEF && (uint8_t)raw->data[r + 1] == 0xBF &&
        (uint8_t)raw->data[r + 2] == 0xBF) {
      raw->data[w++] = '\0';
      r += 2;
    } else {
      raw->data[w++] = raw->data[r];
    }
  }
  raw->len = w;
  if (raw->data) raw->data[w] = '\0';
}

/* A number as the server reads it: *ok false when it is not an integer (fractional, a string,
 * null); a position also refuses a negative one. Huge values make the session loose (their conversion is the
 * server's business; the model does not predict it). */
static void gen_number(Session *s, BlBuf *b, int64_t value, int64_t *out, bool *ok)
{
  uint8_t mode = fuzz_u8(&s->in);
  *out = value;
  *ok = true;
  if (mode < 232) {
    bl_buf_printf(b, "%lld", (long long)value);
    return;
  }
  switch (mode % 8) {
  case 0: bl_buf_puts(b, "1.5"); *ok = false; break;
  case 1: bl_buf_puts(b, "\"3\""); *ok = false; break;
  case 2: bl_buf_puts(b, "null"); *ok = false; break;
  case 3: bl_buf_puts(b, "-1"); *out = -1; break;
  case 4: bl_buf_puts(b, "1e300"); s->loose = true; break;
  case 5: bl_buf_puts(b, "-1e300"); s->loose = true; break;
  case 6: bl_buf_puts(b, "2147483647"); *out = 2147483647; break; /* LSP's largest integer */
  default: bl_buf_puts(b, "4294967296"); *out = 4294967296; break;
  }
}

/* Units in line `line` of doc (its length in the negotiated encoding). */
static size_t line_units(const BlDocument *d, BlEncoding enc, size_t line)
{
  size_t end = bl_line_index_line_end(&d->lines, d->text, d->len, line), l, c;
  bl_line_index_position(&d->lines, d->text, d->len, end, enc, &l, &c);
  return c;
}

/* A position for doc d (NULL: closed): "line":..,"character":.. into b; *ok false when the
 * server must refuse it. */
static void gen_position(Session *s, BlBuf *b, const BlDocument *d, BlPosition *p, bool *ok)
{
  int64_t line = 0, ch = 0;
  uint8_t mode = fuzz_u8(&s->in);
  size_t count = d ? d->lines.count : 1;
  if (mode < 200 && d) {
    line = (int64_t)fuzz_below(&s->in, count);
    ch = (int64_t)fuzz_below(&s->in, line_units(d, s->enc, (size_t)line) + 3);
  } else if (mode < 220) {
    line = (int64_t)count;
    ch = fuzz_bool(&s->in) ? 0 : 1;
  } else {
    line = (int64_t)fuzz_below(&s->in, 1u << 20);
    ch = (int64_t)fuzz_below(&s->in, 1u << 20);
  }
  bool ok1, ok2;
  bl_buf_puts(b, "{\"line\":");
  gen_number(s, b, line, &p->line, &ok1);
  bl_buf_puts(b, ",\"character\":");
  gen_number(s, b, ch, &p->character, &ok2);
  bl_buf_puts(b, "}");
  *ok = ok1 && ok2 && p->line >= 0 && p->character >= 0;
}

static bool pos_converts(const BlDocument *d, BlEncoding enc, const BlPosition *p, size_t *offset)
{
  return bl_line_index_offset(&d->lines, d->text, d->len, p->line, p->character, enc, offset) == BL_POS_OK;
}

/* ---------------------------------------------------------------- sending */

static void queue(Session *s, const BlBuf *body)
{
  bl_buf_printf(&s->out, "Content-Length: %zu\r\n\r\n", body->len);
  bl_buf_append(&s->out, body->data, body->len);
}

static void check_messages(Session *s);

/* Feeds the queued bytes in pieces of sizes the input picks. */
static void flush(Session *s)
{
  size_t at = 0;
  while (at < s->out.len && !s->host.exited) {
    uint8_t k = fuzz_u8(&s->in);
    size_t piece = k < 128 ? s->out.len - at : k < 192 ? (size_t)(1 + k % 7) : 1 + (size_t)k * 3;
    if (piece > s->out.len - at) piece = s->out.len - at;
    bl_server_feed(s->server, s->out.data + at, piece);
    at += piece;
    check_messages(s);
  }
  bl_buf_reset(&s->out);
}

static BlDocument *snapshot(const BlDocument *d)
{
  return d ? bl_document_new(d->uri, d->text, d->len, d->version) : NULL;
}

/* Starts a request; returns its record (whose expect the caller may narrow). */
static Request *begin_request(Session *s, BlBuf *b, const char *method, Method m, int uri)
{
  Request r = {0};
  r.id = s->next_id++;
  r.string_id = fuzz_u8(&s->in) < 32;
  r.method = m;
  r.uri = uri >= 0 ? uris[uri] : NULL;
  r.snap = uri >= 0 && s->state == ST_RUNNING ? snapshot(s->docs[uri]) : NULL;
  if (s->state == ST_UNINIT && m != M_INITIALIZE) r.expect = E_NOTINIT;
  else if (s->state == ST_SHUTDOWN) r.expect = E_INVREQ;
  else r.expect = 0; /* decided by the caller */
  bl_vec_push(&s->reqs, r);
  if (r.string_id)
    bl_buf_printf(b, "{\"jsonrpc\":\"2.0\",\"id\":\"r%ld\",\"method\":\"%s\",\"params\":", r.id, method);
  else
    bl_buf_printf(b, "{\"jsonrpc\":\"2.0\",\"id\":%ld,\"method\":\"%s\",\"params\":", r.id, method);
  return bl_vec_last(&s->reqs);
}

static void begin_note(BlBuf *b, const char *method)
{
  bl_buf_printf(b, "{\"jsonrpc\":\"2.0\",\"method\":\"%s\",\"params\":", method);
}

/* The server would mark the document dirty (and publish it when the timer fires). */
static void mark_dirty(Session *s, int u)
{
  s->dirty[u] = true;
}

/* ---------------------------------------------------------------- operations */

static void op_initialize(Session *s)
{
  BlBuf b;
  bl_buf_init(&b, 0);
  uint8_t f = fuzz_u8(&s->in);
  Request *r = begin_request(s, &b, "initialize", M_INITIALIZE, -1);
  bool utf8 = f & 1;
  bool related = f & 2, pull = f & 4;
  bl_buf_printf(&b, "{\"processId\":null,\"rootUri\":null,\"capabilities\":{\"general\":{\"positionEncodings\":[%s]},"
                    "\"window\":{\"workDoneProgress\":%s},"
                    "\"workspace\":{\"configuration\":%s,\"didChangeWatchedFiles\":{\"dynamicRegistration\":%s}},"
                    "\"textDocument\":{\"publishDiagnostics\":"
                    "{\"relatedInformation\":%s}}},\"initializationOptions\":{\"debounceMs\":%d,\"inlayHints\":%s}}}",
                utf8 ? ((f & 8) ? "\"utf-16\",\"utf-8\"" : "\"utf-8\"") : ((f & 8) ? "\"utf-32\",5" : "\"utf-16\""),
                (f & 64) ? "true" : "false", pull ? "true" : "false", (f & 128) ? "true" : "false",
                related ? "true" : "false", (f & 16) ? 30 : 0, (f & 32) ? "true" : "false");
  if (s->state == ST_UNINIT) {
    r->expect = E_RESULT;
    s->state = ST_RUNNING;
    s->enc = utf8 ? BL_ENC_UTF8 : BL_ENC_UTF16;
    s->related = related;
    s->pull_config = pull;
  } else if (s->state == ST_RUNNING) {
    r->expect = E_INVREQ;
  }
  queue(s, &b);
  bl_buf_free(&b);
}

static void op_initialized(Session *s)
{
  BlBuf b;
  bl_buf_init(&b, 0);
  begin_note(&b, "initialized");
  bl_buf_puts(&b, "{}}");
  queue(s, &b);
  bl_buf_free(&b);
}

static void op_did_open(Session *s)
{
  int u = (int)fuzz_below(&s->in, NURI);
  BlBuf b, raw;
  bl_buf_init(&b, 0);
  bl_buf_init(&raw, 0);
  bool had_nul = false, ok;
  int64_t version;
  begin_note(&b, "textDocument/didOpen");
  bl_buf_printf(&b, "{\"textDocument\":{\"uri\":\"%s\",\"languageId\":\"markdown\",\"version\":", uris[u]);
  gen_number(s, &b, (int64_t)fuzz_below(&s->in, 1000) - 2, &version, &ok);
  bl_buf_puts(&b, ",\"text\":\"");
  gen_text(s, &b, &raw, &had_nul, MAX_DOC);
  bl_buf_puts(&b, "\"}}}");
  if (had_nul) unmask_ffff(&raw);
  if (s->state == ST_RUNNING && ok) {
    bl_document_delete(s->docs[u]);
    s->docs[u] = bl_document_new(uris[u], raw.data ? raw.data : "", raw.len, version);
    mark_dirty(s, u);
  }
  queue(s, &b);
  bl_buf_free(&b);
  bl_buf_free(&raw);
}

static void op_did_change(Session *s)
{
  int u = (int)fuzz_below(&s->in, NURI);
  BlDocument *d = s->state == ST_RUNNING ? s->docs[u] : NULL;
  bool had_nul = false;
  BlBuf b;
  bl_buf_init(&b, 0);
  int64_t version;
  bool version_ok;
  begin_note(&b, "textDocument/didChange");
  bl_buf_printf(&b, "{\"textDocument\":{\"uri\":\"%s\",\"version\":", uris[u]);
  gen_number(s, &b, d ? d->version + 1 : 1, &version, &version_ok);
  bl_buf_puts(&b, "},\"contentChanges\":[");
  size_t n = 1 + fuzz_below(&s->in, 4);
  BlBuf *texts = bl_calloc(n, sizeof *texts);
  size_t grown = d ? d->len : 0;
  for (size_t k = 0; k < n; k++) {
    if (k) bl_buf_putc(&b, ',');
    bl_buf_init(&texts[k], 0);
    uint8_t shape = fuzz_u8(&s->in);
    bl_buf_putc(&b, '{');
    if (shape < 220) {
      BlPosition a, e;
      bool ok;
      bl_buf_puts(&b, "\"range\":{\"start\":");
      gen_position(s, &b, d, &a, &ok);
      bl_buf_puts(&b, ",\"end\":");
      if (fuzz_u8(&s->in) < 160) /* usually a short range from the start */
        bl_buf_printf(&b, "{\"line\":%lld,\"character\":%lld}", (long long)a.line,
                      (long long)(a.character + (int64_t)fuzz_below(&s->in, 4)));
      else
        gen_position(s, &b, d, &e, &ok);
      bl_buf_puts(&b, "},");
    } else if (shape < 235) {
      bl_buf_puts(&b, "\"range\":7,"); /* a range of the wrong type */
    }
    if (shape == 255) {
      bl_buf_puts(&b, "\"text\":5}"); /* text of the wrong type */
      continue;
    }
    bl_buf_puts(&b, "\"text\":\"");
    gen_text(s, &b, &texts[k], &had_nul, grown < MAX_DOC ? MAX_DOC - grown : 0);
    grown += texts[k].len;
    bl_buf_puts(&b, "\"}");
  }
  bl_buf_puts(&b, "]}}");
  queue(s, &b);

  /* The model: read the changes back from the body as the server reads them (a text that is
   * not a string, or a range without integer positions, refuses the batch), and apply them to
   * a copy of the mirror, which replaces it only when every change applied. */
  if (d && version_ok) {
    BlDocument *work = snapshot(d);
    bool all_ok = true;
    cJSON *root = cJSON_ParseWithLength(b.data, b.len);
    FUZZ_CHECK(root != NULL, "the session wrote bad JSON: %.*s", (int)b.len, b.data);
    const cJSON *changes = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "params"),
                                                            "contentChanges");
    const cJSON *ch;
    size_t k = 0;
    cJSON_ArrayForEach(ch, changes)
    {
      BlChange c = {0};
      if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(ch, "text"))) {
        all_ok = false;
        break;
      }
      if (had_nul) unmask_ffff(&texts[k]);
      c.text = texts[k].data ? texts[k].data : "";
      c.len = texts[k].len;
      const cJSON *range = cJSON_GetObjectItemCaseSensitive(ch, "range");
      c.has_range = range != NULL;
      if (range && (bl_lsp_read_position(cJSON_GetObjectItemCaseSensitive(range, "start"), &c.start) != BL_POS_OK ||
                    bl_lsp_read_position(cJSON_GetObjectItemCaseSensitive(range, "end"), &c.end) != BL_POS_OK)) {
        all_ok = false;
        break;
      }
      if (bl_document_apply(work, &c, s->enc, NULL) != BL_POS_OK) {
        all_ok = false;
        break;
      }
      k++;
    }
    cJSON_Delete(root);
    if (all_ok) {
      work->version = version;
      bl_document_delete(s->docs[u]);
      s->docs[u] = work;
      work = NULL;
      mark_dirty(s, u);
    }
    bl_document_delete(work);
  }
  for (size_t k = 0; k < n; k++) bl_buf_free(&texts[k]);
  bl_free(texts);
  bl_buf_free(&b);
}

static void op_did_close(Session *s)
{
  int u = (int)fuzz_below(&s->in, NURI);
  BlBuf b;
  bl_buf_init(&b, 0);
  begin_note(&b, "textDocument/didClose");
  bl_buf_printf(&b, "{\"textDocument\":{\"uri\":\"%s\"}}}", uris[u]);
  if (s->state == ST_RUNNING && s->docs[u]) {
    bl_document_delete(s->docs[u]);
    s->docs[u] = NULL;
    s->dirty[u] = false;
  }
  queue(s, &b);
  bl_buf_free(&b);
}

/* hover, documentHighlight (a position) or semanticTokens/range, inlayHint, codeAction (a range). */
static void op_positional(Session *s, Method m)
{
  static const char *const names[] = {
      [M_HOVER] = "textDocument/hover", [M_HIGHLIGHT] = "textDocument/documentHighlight",
      [M_TOKENS_FULL] = "textDocument/semanticTokens/full", [M_TOKENS_RANGE] = "textDocument/semanticTokens/range",
      [M_INLAY] = "textDocument/inlayHint", [M_ACTION] = "textDocument/codeAction",
      [M_DEFINITION] = "textDocument/definition", [M_REFERENCES] = "textDocument/references",
      [M_LINKS] = "textDocument/documentLink"};
  int u = (int)fuzz_below(&s->in, NURI);
  BlBuf b;
  bl_buf_init(&b, 0);
  Request *r = begin_request(s, &b, names[m], m, u);
  const BlDocument *d = r->snap;
  bl_buf_printf(&b, "{\"textDocument\":{\"uri\":\"%s\"}", uris[u]);
  bool ok = d != NULL;
  if (m == M_HOVER || m == M_HIGHLIGHT || m == M_DEFINITION || m == M_REFERENCES) {
    BlPosition p;
    bool pok;
    bl_buf_puts(&b, ",\"position\":");
    gen_position(s, &b, d, &p, &pok);
    size_t off;
    ok = ok && pok && pos_converts(d, s->enc, &p, &off);
    if (m == M_REFERENCES) bl_buf_puts(&b, ",\"context\":{\"includeDeclaration\":true}");
  } else if (m != M_TOKENS_FULL && m != M_LINKS) {
    BlPosition a, e;
    bool ok_a, ok_e;
    bl_buf_puts(&b, ",\"range\":{\"start\":");
    gen_position(s, &b, d, &a, &ok_a);
    bl_buf_puts(&b, ",\"end\":");
    gen_position(s, &b, d, &e, &ok_e);
    bl_buf_puts(&b, "}");
    size_t from = 0, to = 0;
    ok = ok && ok_a && ok_e && pos_converts(d, s->enc, &a, &from) && pos_converts(d, s->enc, &e, &to);
    /* codeAction accepts a reversed range (it selects nothing); the others refuse it */
    if (ok && m != M_ACTION && from > to) ok = false;
    if (m == M_ACTION) bl_buf_puts(&b, ",\"context\":{\"diagnostics\":[]}");
  }
  bl_buf_puts(&b, "}}");
  if (r->expect == 0) r->expect = ok ? E_RESULT : E_PARAMS;
  queue(s, &b);
  bl_buf_free(&b);
}

static void op_symbols(Session *s)
{
  BlBuf b;
  bl_buf_init(&b, 0);
  Request *r = begin_request(s, &b, "workspace/symbol", M_SYMBOLS, -1);
  size_t n;
  const uint8_t *q = fuzz_bytes(&s->in, 12, &n);
  bl_buf_puts(&b, "{\"query\":\"");
  json_bytes(&b, q, n);
  bl_buf_puts(&b, "\"}}");
  if (r->expect == 0) r->expect = E_RESULT;
  queue(s, &b);
  bl_buf_free(&b);
}

/* A request or notification of a method the server implements, with one param of a wrong type. */
static void op_wrong_types(Session *s)
{
  static const char *const values[] = {"1", "\"s\"", "null", "true", "[]", "{}", "{\"uri\":5}", "1.5", "-1",
                                       "{\"line\":\"0\",\"character\":0}", "{\"line\":0}", "[0,0]",
                                       "{\"start\":{\"line\":0,\"character\":0}}", "\"file:///fuzz/a.md\""};
  enum { NV = sizeof values / sizeof values[0] };
  static const struct {
    const char *method;
    Method m;
    const char *tmpl; /* %s: the values, in order */
    int slots;
  } forms[] = {
      {"textDocument/hover", M_HOVER, "{\"textDocument\":%s,\"position\":%s}", 2},
      {"textDocument/documentHighlight", M_HIGHLIGHT, "{\"textDocument\":%s,\"position\":%s}", 2},
      {"textDocument/semanticTokens/full", M_TOKENS_FULL, "{\"textDocument\":%s,\"x\":%s}", 2},
      {"textDocument/semanticTokens/range", M_TOKENS_RANGE, "{\"textDocument\":%s,\"range\":%s}", 2},
      {"textDocument/inlayHint", M_INLAY, "{\"textDocument\":%s,\"range\":%s}", 2},
      {"textDocument/codeAction", M_ACTION, "{\"textDocument\":%s,\"range\":%s,\"context\":%s}", 3},
      {"textDocument/definition", M_DEFINITION, "{\"textDocument\":%s,\"position\":%s}", 2},
      {"textDocument/references", M_REFERENCES, "{\"textDocument\":%s,\"position\":%s,\"context\":%s}", 3},
      {"textDocument/documentLink", M_LINKS, "{\"textDocument\":%s,\"x\":%s}", 2},
      {"workspace/symbol", M_SYMBOLS, "{\"query\":%s,\"x\":%s}", 2},
      {"textDocument/didOpen", M_OTHER, "{\"textDocument\":{\"uri\":%s,\"version\":%s,\"text\":%s}}", 3},
      {"textDocument/didChange", M_OTHER, "{\"textDocument\":{\"uri\":%s,\"version\":%s},\"contentChanges\":%s}", 3},
      {"textDocument/didClose", M_OTHER, "{\"textDocument\":%s}", 1},
      {"textDocument/didSave", M_OTHER, "{\"textDocument\":%s}", 1},
      {"workspace/didChangeConfiguration", M_OTHER, "{\"settings\":%s}", 1},
      {"workspace/didChangeWatchedFiles", M_OTHER, "{\"changes\":%s}", 1},
      {"$/cancelRequest", M_OTHER, "{\"id\":%s}", 1},
  };
  size_t f = fuzz_below(&s->in, sizeof forms / sizeof forms[0]);
  const char *v[3];
  for (int k = 0; k < 3; k++) {
    uint8_t pick = fuzz_u8(&s->in);
    /* a proper value now and then, so one slot at a time is wrong */
    v[k] = pick < 40 ? (k == 0 ? "{\"uri\":\"file:///fuzz/a.md\"}" : "{\"line\":0,\"character\":0}") : values[pick % NV];
    if (forms[f].m == M_OTHER && k == 0 && pick < 40) v[k] = "\"file:///fuzz/a.md\"";
  }
  BlBuf params;
  bl_buf_init(&params, 0);
  uint8_t whole = fuzz_u8(&s->in);
  if (whole < 16) bl_buf_puts(&params, values[whole % 6]); /* params itself of a wrong type */
  else bl_buf_printf(&params, forms[f].tmpl, v[0], v[1], v[2]);
  BlBuf b;
  bl_buf_init(&b, 0);
  if (forms[f].m != M_OTHER) {
    Request *r = begin_request(s, &b, forms[f].method, forms[f].m, -1);
    if (r->expect == 0) r->expect = E_RESULT;
    r->expect |= E_PARAMS; /* params that are not structured are refused before anything else */
  } else {
    begin_note(&b, forms[f].method);
    s->loose = true; /* it may or may not have changed a document, or cancelled a request */
  }
  bl_buf_append(&b, params.data, params.len);
  bl_buf_puts(&b, "}");
  queue(s, &b);
  bl_buf_free(&b);
  bl_buf_free(&params);
}

static void op_unknown(Session *s)
{
  BlBuf b;
  bl_buf_init(&b, 0);
  if (fuzz_bool(&s->in)) {
    Request *r = begin_request(s, &b, fuzz_bool(&s->in) ? "byline/noSuchThing" : "initialized", M_OTHER, -1);
    if (r->expect == 0) r->expect = E_NOTFOUND;
    bl_buf_puts(&b, "{}}");
  } else {
    begin_note(&b, fuzz_bool(&s->in) ? "byline/noSuchNote" : "shutdown");
    bl_buf_puts(&b, "{}}");
  }
  queue(s, &b);
  bl_buf_free(&b);
}

/* Cancels one of the last requests; it may still be waiting in the queue (then it is answered
 * -32800) or already answered (then the cancel is ignored). State-changing requests are not
 * cancelled: the model could not tell whether they ran. */
static void op_cancel(Session *s)
{
  if (!s->reqs.len) return;
  Request *r = &s->reqs.items[s->reqs.len - 1 - fuzz_below(&s->in, s->reqs.len < 4 ? s->reqs.len : 4)];
  if (r->method == M_INITIALIZE || r->method == M_SHUTDOWN) return;
  r->expect |= E_CANCELLED;
  BlBuf b;
  bl_buf_init(&b, 0);
  begin_note(&b, "$/cancelRequest");
  if (r->string_id) bl_buf_printf(&b, "{\"id\":\"r%ld\"}}", r->id);
  else bl_buf_printf(&b, "{\"id\":%ld}}", r->id);
  queue(s, &b);
  bl_buf_free(&b);
}

static void op_shutdown(Session *s)
{
  BlBuf b;
  bl_buf_init(&b, 0);
  bool null_params = fuzz_u8(&s->in) < 16; /* JSON-RPC: params, when present, are structured */
  Request *r = begin_request(s, &b, "shutdown", M_SHUTDOWN, -1);
  b.len -= strlen(",\"params\":");
  b.data[b.len] = '\0';
  bl_buf_puts(&b, null_params ? ",\"params\":null}" : "}");
  if (null_params) {
    r->expect = E_PARAMS;
  } else if (s->state == ST_RUNNING) {
    r->expect = E_RESULT;
    s->state = ST_SHUTDOWN;
    s->was_shut_down = true;
  }
  queue(s, &b);
  bl_buf_free(&b);
}

static void op_exit(Session *s)
{
  BlBuf b;
  bl_buf_init(&b, 0);
  bl_buf_puts(&b, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
  queue(s, &b);
  bl_buf_free(&b);
  s->state = ST_EXITED; /* nothing after this is read */
}

static void op_config(Session *s)
{
  BlBuf b;
  bl_buf_init(&b, 0);
  uint8_t k = fuzz_u8(&s->in) % 4;
  if (k == 0 && (flush(s), s->config_request >= 0)) { /* answer the server's latest workspace/configuration */
    bool object = fuzz_bool(&s->in);
    bl_buf_printf(&b, "{\"jsonrpc\":\"2.0\",\"id\":%ld,\"result\":%s}", s->config_request,
                  object ? "[{\"inlayHints\":true}]" : "[null]");
    if (object)
      for (int u = 0; u < NURI; u++)
        if (s->docs[u]) mark_dirty(s, u);
    s->config_request = -1;
  } else if (k == 0 && s->progress_request >= 0) { /* accept (or refuse) the progress token */
    if (fuzz_bool(&s->in))
      bl_buf_printf(&b, "{\"jsonrpc\":\"2.0\",\"id\":%ld,\"result\":null}", s->progress_request);
    else
      bl_buf_printf(&b, "{\"jsonrpc\":\"2.0\",\"id\":%ld,\"error\":{\"code\":-32601,\"message\":\"no\"}}",
                    s->progress_request);
    s->progress_request = -1;
  } else if (k == 1) {
    begin_note(&b, "workspace/didChangeConfiguration");
    bl_buf_puts(&b, "{\"settings\":{\"byline\":{\"inlayHints\":true}}}}");
  } else if (k == 2) {
    begin_note(&b, "textDocument/didSave");
    bl_buf_puts(&b, "{\"textDocument\":{\"uri\":\"file:///fuzz/.byline.json\"}}}");
    if (s->state == ST_RUNNING)
      for (int u = 0; u < NURI; u++)
        if (s->docs[u]) mark_dirty(s, u);
  } else {
    begin_note(&b, "$/setTrace");
    bl_buf_puts(&b, "{\"value\":\"off\"}}");
  }
  queue(s, &b);
  bl_buf_free(&b);
}

static void op_raw(Session *s)
{
  size_t n;
  const uint8_t *p = fuzz_bytes(&s->in, 200, &n);
  if (fuzz_bool(&s->in)) {
    bl_buf_printf(&s->out, "Content-Length: %zu\r\n\r\n", n);
    bl_buf_append(&s->out, p, n);
  } else {
    bl_buf_append(&s->out, p, n);
    bl_buf_puts(&s->out, "\r\n\r\n");
  }
  s->loose = true;
}

/* ---------------------------------------------------------------- checking what came back */

static Request *find_request(Session *s, const cJSON *id)
{
  for (size_t i = 0; i < s->reqs.len; i++) {
    Request *r = &s->reqs.items[i];
    if (r->string_id && cJSON_IsString(id) && id->valuestring[0] == 'r' && strtol(id->valuestring + 1, NULL, 10) == r->id &&
        id->valuestring[1])
      return r;
    if (!r->string_id && cJSON_IsNumber(id) && id->valuedouble == (double)r->id) return r;
  }
  return NULL;
}

/* A position the server produced: integers, and a real position of the document (converting
 * back to the same line and character, so nothing was clamped). */
static void check_position(const BlDocument *d, BlEncoding enc, const cJSON *pos, const char *what, size_t *offset)
{
  const cJSON *l = cJSON_GetObjectItemCaseSensitive(pos, "line"), *c = cJSON_GetObjectItemCaseSensitive(pos, "character");
  FUZZ_CHECK(cJSON_IsNumber(l) && cJSON_IsNumber(c) && l->valuedouble >= 0 && c->valuedouble >= 0 &&
                 l->valuedouble == (double)(int64_t)l->valuedouble && c->valuedouble == (double)(int64_t)c->valuedouble,
             "%s: position is not two non-negative integers", what);
  size_t off;
  int rc = bl_line_index_offset(&d->lines, d->text, d->len, (int64_t)l->valuedouble, (int64_t)c->valuedouble, enc, &off);
  FUZZ_CHECK(rc == BL_POS_OK, "%s: position %g:%g does not convert (%s)", what, l->valuedouble, c->valuedouble,
             bl_line_index_strerror(rc));
  size_t line, ch;
  bl_line_index_position(&d->lines, d->text, d->len, off, enc, &line, &ch);
  FUZZ_CHECK((double)line == l->valuedouble && (double)ch == c->valuedouble,
             "%s: position %g:%g is past its line's end (it means %zu:%zu)", what, l->valuedouble, c->valuedouble, line, ch);
  if (offset) *offset = off;
}

static void check_range(const BlDocument *d, BlEncoding enc, const cJSON *range, const char *what)
{
  FUZZ_CHECK(cJSON_IsObject(range), "%s: no range", what);
  size_t a, b;
  check_position(d, enc, cJSON_GetObjectItemCaseSensitive(range, "start"), what, &a);
  check_position(d, enc, cJSON_GetObjectItemCaseSensitive(range, "end"), what, &b);
  FUZZ_CHECK(a <= b, "%s: range ends before it starts", what);
}

static void check_result(Session *s, const Request *r, const cJSON *result)
{
  const BlDocument *d = s->loose ? NULL : r->snap;
  const cJSON *it;
  switch (r->method) {
  case M_INITIALIZE: {
    const cJSON *caps = cJSON_GetObjectItemCaseSensitive(result, "capabilities");
    const cJSON *enc = cJSON_GetObjectItemCaseSensitive(caps, "positionEncoding");
    FUZZ_CHECK(cJSON_IsString(enc), "initialize: no positionEncoding");
    if (!s->loose)
      FUZZ_CHECK(strcmp(enc->valuestring, s->enc == BL_ENC_UTF8 ? "utf-8" : "utf-16") == 0,
                 "initialize: encoding %s, the model expected the other", enc->valuestring);
    break;
  }
  case M_SHUTDOWN: FUZZ_CHECK(cJSON_IsNull(result), "shutdown: result is not null"); break;
  case M_HOVER:
    if (cJSON_IsNull(result)) break;
    FUZZ_CHECK(cJSON_IsObject(result), "hover: result neither null nor an object");
    FUZZ_CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(result, "contents"), "value")),
               "hover: no contents.value");
    if (d) check_range(d, s->enc, cJSON_GetObjectItemCaseSensitive(result, "range"), "hover");
    break;
  case M_HIGHLIGHT:
    if (cJSON_IsNull(result)) break;
    FUZZ_CHECK(cJSON_IsArray(result), "documentHighlight: result neither null nor an array");
    cJSON_ArrayForEach(it, result) if (d) check_range(d, s->enc, cJSON_GetObjectItemCaseSensitive(it, "range"), "highlight");
    break;
  case M_TOKENS_FULL:
  case M_TOKENS_RANGE: {
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(result, "data");
    FUZZ_CHECK(cJSON_IsArray(data) && cJSON_GetArraySize(data) % 5 == 0, "semanticTokens: data is not a multiple of 5");
    double row[5];
    int k = 0;
    size_t line = 0, ch = 0;
    cJSON_ArrayForEach(it, data)
    {
      FUZZ_CHECK(cJSON_IsNumber(it) && it->valuedouble >= 0 && it->valuedouble == (double)(int64_t)it->valuedouble,
                 "semanticTokens: a value is not a non-negative integer");
      row[k++] = it->valuedouble;
      if (k < 5) continue;
      k = 0;
      FUZZ_CHECK(row[2] > 0, "semanticTokens: empty token");
      FUZZ_CHECK(row[3] < 10 && row[4] < 8, "semanticTokens: type %g or modifiers %g outside the legend", row[3], row[4]);
      if (row[0] > 0) ch = 0;
      line += (size_t)row[0];
      ch += (size_t)row[1];
      if (d) {
        FUZZ_CHECK(line < d->lines.count, "semanticTokens: line %zu past the end", line);
        size_t units = line_units(d, s->enc, line);
        FUZZ_CHECK(ch + (size_t)row[2] <= units, "semanticTokens: token %zu:%zu+%g runs past its line (%zu units)", line,
                   ch, row[2], units);
        size_t off;
        FUZZ_CHECK(pos_converts(d, s->enc, &(BlPosition){(int64_t)line, (int64_t)ch}, &off) &&
                       pos_converts(d, s->enc, &(BlPosition){(int64_t)line, (int64_t)(ch + (size_t)row[2])}, &off),
                   "semanticTokens: token %zu:%zu splits a character", line, ch);
      }
    }
    break;
  }
  case M_INLAY:
    FUZZ_CHECK(cJSON_IsArray(result), "inlayHint: result is not an array");
    cJSON_ArrayForEach(it, result)
    {
      FUZZ_CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(it, "label")), "inlayHint: no label");
      if (d) check_position(d, s->enc, cJSON_GetObjectItemCaseSensitive(it, "position"), "inlayHint", NULL);
    }
    break;
  case M_ACTION:
    FUZZ_CHECK(cJSON_IsArray(result), "codeAction: result is not an array");
    cJSON_ArrayForEach(it, result)
    {
      FUZZ_CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(it, "title")), "codeAction: no title");
      const cJSON *changes = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(it, "edit"), "changes");
      FUZZ_CHECK(cJSON_IsObject(changes), "codeAction: no edit.changes");
      const cJSON *per;
      cJSON_ArrayForEach(per, changes)
      {
        FUZZ_CHECK(!r->uri || strcmp(per->string, r->uri) == 0, "codeAction: an edit for another document");
        const cJSON *e;
        cJSON_ArrayForEach(e, per)
        {
          FUZZ_CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e, "newText")), "codeAction: edit without newText");
          if (d) check_range(d, s->enc, cJSON_GetObjectItemCaseSensitive(e, "range"), "codeAction edit");
        }
      }
      const cJSON *diags = cJSON_GetObjectItemCaseSensitive(it, "diagnostics"), *dg;
      cJSON_ArrayForEach(dg, diags) if (d) check_range(d, s->enc, cJSON_GetObjectItemCaseSensitive(dg, "range"), "codeAction diagnostic");
    }
    break;
  case M_DEFINITION:
  case M_REFERENCES:
  case M_SYMBOLS: {
    if (cJSON_IsNull(result) && r->method != M_SYMBOLS) break;
    const cJSON *one = cJSON_IsObject(result) && r->method == M_DEFINITION ? result : NULL;
    FUZZ_CHECK(one || cJSON_IsArray(result), "method %d: result is not a location or an array", (int)r->method);
    const cJSON *list = one ? NULL : result;
    for (it = one ? one : (list ? list->child : NULL); it; it = one ? NULL : it->next) {
      const cJSON *loc = r->method == M_SYMBOLS ? cJSON_GetObjectItemCaseSensitive(it, "location") : it;
      if (r->method == M_SYMBOLS)
        FUZZ_CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(it, "name")), "workspace/symbol: no name");
      const char *uri = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(loc, "uri"));
      FUZZ_CHECK(uri != NULL, "method %d: a location without a uri", (int)r->method);
      const cJSON *range = cJSON_GetObjectItemCaseSensitive(loc, "range");
      FUZZ_CHECK(cJSON_IsObject(range), "method %d: a location without a range", (int)r->method);
      if (d && r->uri && strcmp(uri, r->uri) == 0) check_range(d, s->enc, range, "location");
    }
    break;
  }
  case M_LINKS:
    FUZZ_CHECK(cJSON_IsArray(result), "documentLink: result is not an array");
    cJSON_ArrayForEach(it, result)
    {
      FUZZ_CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(it, "target")), "documentLink: no target");
      if (d) check_range(d, s->enc, cJSON_GetObjectItemCaseSensitive(it, "range"), "documentLink");
    }
    break;
  case M_OTHER: break;
  }
}

static void check_response(Session *s, const cJSON *m)
{
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(m, "id");
  Request *r = find_request(s, id);
  if (!r) {
    FUZZ_CHECK(s->loose, "a response to an id never sent");
    return;
  }
  r->answers++;
  if (s->loose) {
    if (r->answers > 1) return; /* a raw message may have reused the id */
  } else {
    FUZZ_CHECK(r->answers == 1, "request %ld answered %d times", r->id, r->answers);
  }
  const cJSON *error = cJSON_GetObjectItemCaseSensitive(m, "error");
  const cJSON *result = cJSON_GetObjectItemCaseSensitive(m, "result");
  unsigned got = E_RESULT;
  if (error) {
    int code = (int)cJSON_GetObjectItemCaseSensitive(error, "code")->valuedouble;
    got = code == -32602 ? E_PARAMS : code == -32002 ? E_NOTINIT : code == -32600 ? E_INVREQ
        : code == -32601 ? E_NOTFOUND : code == -32800 ? E_CANCELLED : 0;
    FUZZ_CHECK(got != 0, "request %ld: unexpected error code %d (%s)", r->id, code,
               cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(error, "message")));
  }
  if (!s->loose)
    FUZZ_CHECK(got & r->expect, "request %ld (method %d): answer kind %u, the model expected one of %u", r->id,
               (int)r->method, got, r->expect);
  if (result) check_result(s, r, result);
}

static void check_publish(Session *s, const cJSON *params)
{
  const char *uri = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(params, "uri"));
  const cJSON *version = cJSON_GetObjectItemCaseSensitive(params, "version");
  const cJSON *diags = cJSON_GetObjectItemCaseSensitive(params, "diagnostics");
  FUZZ_CHECK(uri && cJSON_IsArray(diags), "publishDiagnostics without uri or diagnostics");
  int u = 0;
  while (u < NURI && strcmp(uris[u], uri) != 0) u++;
  if (!version) { /* the empty set after a close */
    FUZZ_CHECK(cJSON_GetArraySize(diags) == 0, "an unversioned publish with diagnostics");
    return;
  }
  if (s->loose) return;
  FUZZ_CHECK(u < NURI, "publish for a document never opened: %s", uri);
  FUZZ_CHECK(s->in_timer, "a versioned publish outside the debounce timer");
  const BlDocument *d = s->docs[u];
  FUZZ_CHECK(d != NULL, "publish for %s, which is closed", uri);
  FUZZ_CHECK(cJSON_IsNumber(version) && version->valuedouble == (double)d->version,
             "publish for %s carries version %g, the document is at %lld", uri, version->valuedouble, (long long)d->version);
  s->published[u] = true;
  /* the diagnostics of the mirror's text, computed afresh */
  char *path = bl_uri_to_path(uri);
  const BlConfig *cfg = path ? bl_config_for(&s->configs, path) : &s->configs.defaults;
  bl_free(path);
  BlAnalysis an;
  bl_analysis_run(&an, d->text, d->len, &cfg->rules);
  cJSON *want = bl_lsp_diagnostics(d, &an.findings, s->enc, s->related);
  bl_analysis_free(&an);
  /* the text's own findings come first; the corpus rules' findings (which depend on the other
   * documents) follow, and need only be well-formed */
  cJSON *head = cJSON_CreateArray();
  const cJSON *it;
  int k = 0, nwant = cJSON_GetArraySize(want);
  cJSON_ArrayForEach(it, diags)
  {
    if (k++ < nwant) {
      cJSON_AddItemToArray(head, cJSON_Duplicate(it, true));
      continue;
    }
    const char *code = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "code"));
    const BlRule *rule = code ? bl_rule_find(code) : NULL;
    FUZZ_CHECK(rule && rule->corpus, "publish: diagnostic %d (%s) is neither the text's nor a corpus rule's", k - 1,
               code ? code : "no code");
    check_range(d, s->enc, cJSON_GetObjectItemCaseSensitive(it, "range"), "corpus diagnostic");
  }
  bool same = cJSON_Compare(want, head, true);
  cJSON_Delete(head);
  if (!same) {
    char *a = cJSON_PrintUnformatted(want), *b = cJSON_PrintUnformatted(diags);
    fprintf(stderr, "expected: %.2000s\npublished: %.2000s\n", a, b);
    fuzz_fail("publish for %s version %lld differs from a fresh analysis of the document", uri, (long long)d->version);
  }
  cJSON_Delete(want);
}

static void check_messages(Session *s)
{
  for (size_t i = 0; i < s->host.msgs.len; i++) {
    const cJSON *m = s->host.msgs.items[i];
    const char *method = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(m, "method"));
    if (!method) {
      check_response(s, m);
    } else if (strcmp(method, "textDocument/publishDiagnostics") == 0) {
      check_publish(s, cJSON_GetObjectItemCaseSensitive(m, "params"));
    } else if (strcmp(method, "workspace/configuration") == 0) {
      const cJSON *id = cJSON_GetObjectItemCaseSensitive(m, "id");
      FUZZ_CHECK(cJSON_IsNumber(id), "workspace/configuration request without a numeric id");
      s->config_request = (long)id->valuedouble;
    } else {
      FUZZ_CHECK(strcmp(method, "window/logMessage") == 0 || strcmp(method, "window/showMessage") == 0 ||
                     strcmp(method, "$/progress") == 0 || strcmp(method, "window/workDoneProgress/create") == 0 ||
                     strcmp(method, "client/registerCapability") == 0,
                 "unexpected message from the server: %s", method);
      if (strcmp(method, "window/workDoneProgress/create") == 0)
        s->progress_request = (long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(m, "id"));
    }
  }
  fuzz_host_clear(&s->host);
}

static void fire_timer(Session *s)
{
  flush(s);
  if (s->host.exited) return;
  for (int u = 0; u < NURI; u++) s->published[u] = false;
  s->in_timer = true;
  fuzz_host_fire(&s->host, s->server);
  check_messages(s);
  s->in_timer = false;
  if (!s->loose)
    for (int u = 0; u < NURI; u++)
      FUZZ_CHECK(!s->dirty[u] || !s->docs[u] || s->published[u], "%s changed but was not published", uris[u]);
  for (int u = 0; u < NURI; u++) s->dirty[u] = false;
}

/* ---------------------------------------------------------------- the session */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  Session s = {0};
  s.in = (FuzzInput){data, size, 0};
  BlServerHost vt = fuzz_host_vtable(&s.host);
  s.server = bl_server_new(&vt);
  bl_buf_init(&s.out, 0);
  s.enc = BL_ENC_UTF16;
  s.next_id = 1;
  s.config_request = -1;
  s.progress_request = -1;
  bl_config_cache_init(&s.configs);

  /* Most sessions start as an editor starts them; the first byte can say otherwise. */
  if (fuzz_u8(&s.in) >= 16) {
    op_initialize(&s);
    op_initialized(&s);
  }
  for (int n = 0; n < MAX_OPS && fuzz_more(&s.in) && s.state != ST_EXITED && !s.host.exited; n++) {
    uint8_t op = fuzz_u8(&s.in);
    switch (op % 28) {
    case 0: op_initialize(&s); break;
    case 1: op_initialized(&s); break;
    case 2: case 3: case 4: op_did_open(&s); break;
    case 5: case 6: case 7: case 8: op_did_change(&s); break;
    case 9: op_did_close(&s); break;
    case 10: op_positional(&s, M_HOVER); break;
    case 11: op_positional(&s, M_HIGHLIGHT); break;
    case 12: op_positional(&s, M_TOKENS_FULL); break;
    case 13: op_positional(&s, M_TOKENS_RANGE); break;
    case 14: op_positional(&s, M_INLAY); break;
    case 15: op_positional(&s, M_ACTION); break;
    case 16: op_wrong_types(&s); break;
    case 17: op_cancel(&s); break;
    case 18: op_config(&s); break;
    case 19: op_unknown(&s); break;
    case 20: fire_timer(&s); break;
    case 21: flush(&s); break;
    case 22: if (op >= 200) op_raw(&s); else if (op >= 120) op_shutdown(&s); else fire_timer(&s); break;
    case 23: op_positional(&s, M_DEFINITION); break;
    case 24: op_positional(&s, M_REFERENCES); break;
    case 25: op_positional(&s, M_LINKS); break;
    case 26: op_symbols(&s); break;
    default: if (op >= 240) op_exit(&s); else op_positional(&s, M_HOVER); break;
    }
  }
  fire_timer(&s);
  if (!s.loose && !s.host.exited) {
    for (size_t i = 0; i < s.reqs.len; i++)
      FUZZ_CHECK(s.reqs.items[i].answers == 1, "request %ld got %d answers", s.reqs.items[i].id, s.reqs.items[i].answers);
  }
  if (!s.host.exited) {
    bl_server_eof(s.server);
    FUZZ_CHECK(s.host.exited, "the server did not exit at end of input");
  }
  if (!s.loose)
    FUZZ_CHECK(s.host.exit_code == (s.was_shut_down ? 0 : 1), "exit code %d, shut down: %d", s.host.exit_code,
               (int)s.was_shut_down);
  check_messages(&s);

  bl_server_free(s.server);
  fuzz_host_free(&s.host);
  bl_buf_free(&s.out);
  for (int u = 0; u < NURI; u++) bl_document_delete(s.docs[u]);
  for (size_t i = 0; i < s.reqs.len; i++) bl_document_delete(s.reqs.items[i].snap);
  bl_vec_free(&s.reqs);
  bl_config_cache_free(&s.configs);
  return 0;
}
