/* transport.c: libuv stdin/stdout for the language server (see transport.h). With main.c, the
 * only includer of uv.h.
 *
 * Output goes out with uv_try_write and, when the client is slow, uv_write; while more than
 * BL_OUT_HIGH bytes wait to be written, reading stops, so a client that stops reading cannot make
 * the server grow without bound (it stops consuming input instead). A file or terminal on stdout
 * is written synchronously. */
#include "transport.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <uv.h>

#include "../base/alloc.h"
#include "../base/log.h"
#include "server.h"

enum { BL_READ_CHUNK = 64 * 1024 };
#define BL_OUT_HIGH (16u * 1024u * 1024u)

typedef struct BlTransport {
  uv_loop_t *loop;
  union {
    uv_pipe_t pipe;
    uv_tty_t tty;
  } in, out;
  uv_stream_t *in_stream;  /* NULL when stdin is a file */
  uv_stream_t *out_stream; /* NULL when stdout is written synchronously */
  uv_fs_t file_req;        /* reading stdin when it is a file */
  char file_buf[BL_READ_CHUNK];
  int64_t file_off;
  uv_timer_t timer;
  uv_shutdown_t shutdown_req;
  BlServer *server;
  size_t queued; /* bytes handed to uv_write and not yet written */
  bool reading, exiting;
  int exit_code;
} BlTransport;

typedef struct {
  uv_write_t req;
  BlTransport *t;
  size_t len;
  char bytes[];
} BlWrite;

static void bl_transport__close_all(BlTransport *t);
static void bl_transport__read_file(BlTransport *t);

/* ---------------------------------------------------------------- output */

static void bl_transport__on_written(uv_write_t *req, int status)
{
  BlWrite *w = (BlWrite *)req;
  BlTransport *t = w->t;
  t->queued -= w->len;
  bl_free(w);
  if (status < 0 && status != UV_ECANCELED && !t->exiting) {
    bl_error("cannot write to the client: %s", uv_strerror(status));
    t->exit_code = 1;
    bl_transport__close_all(t);
    return;
  }
  if (!t->reading && !t->exiting && t->queued < BL_OUT_HIGH / 2 && t->in_stream) {
    extern void bl_transport__resume(BlTransport * t);
    bl_transport__resume(t);
  }
}

static void bl_transport__write_sync(const char *bytes, size_t len)
{
  while (len > 0) {
    uv_buf_t buf = uv_buf_init((char *)bytes, (unsigned)(len > (1u << 30) ? (1u << 30) : len));
    uv_fs_t req;
    int n = uv_fs_write(NULL, &req, 1, &buf, 1, -1, NULL);
    uv_fs_req_cleanup(&req);
    if (n < 0) {
      if (n == UV_EINTR || n == UV_EAGAIN) continue;
      bl_error("cannot write to the client: %s", uv_strerror(n));
      return;
    }
    bytes += n;
    len -= (size_t)n;
  }
}

static void bl_transport__write(void *data, const char *bytes, size_t len)
{
  BlTransport *t = data;
  if (!t->out_stream) {
    bl_transport__write_sync(bytes, len);
    return;
  }
  if (uv_is_closing((uv_handle_t *)t->out_stream)) return;
  if (t->queued == 0) {
    uv_buf_t buf = uv_buf_init((char *)bytes, (unsigned)len);
    int n = uv_try_write(t->out_stream, &buf, 1);
    if (n > 0) {
      bytes += n;
      len -= (size_t)n;
    }
    if (len == 0) return;
  }
  BlWrite *w = bl_malloc(sizeof *w + len);
  w->t = t;
  w->len = len;
  memcpy(w->bytes, bytes, len);
  uv_buf_t buf = uv_buf_init(w->bytes, (unsigned)len);
  t->queued += len;
  int rc = uv_write(&w->req, t->out_stream, &buf, 1, bl_transport__on_written);
  if (rc < 0) {
    t->queued -= len;
    bl_free(w);
    bl_error("cannot write to the client: %s", uv_strerror(rc));
    return;
  }
  if (t->queued > BL_OUT_HIGH && t->reading && t->in_stream) {
    uv_read_stop(t->in_stream); /* backpressure: the client is not reading */
    t->reading = false;
  }
}

/* ---------------------------------------------------------------- thread pool */

typedef struct {
  uv_work_t req;
  void (*work)(void *arg);
  void (*done)(void *arg);
  void *arg;
} BlWork;

static void bl_transport__work(uv_work_t *req)
{
  BlWork *w = req->data;
  w->work(w->arg);
}

static void bl_transport__after_work(uv_work_t *req, int status)
{
  (void)status; /* a cancelled job still calls done, which frees what work made */
  BlWork *w = req->data;
  w->done(w->arg);
  bl_free(w);
}

static void bl_transport__queue_work(void *data, void (*work)(void *arg), void (*done)(void *arg), void *arg)
{
  BlTransport *t = data;
  BlWork *w = bl_calloc(1, sizeof *w);
  w->req.data = w;
  w->work = work;
  w->done = done;
  w->arg = arg;
  if (uv_queue_work(t->loop, &w->req, bl_transport__work, bl_transport__after_work) != 0) {
    work(arg); /* no pool: do it here */
    done(arg);
    bl_free(w);
  }
}

/* ---------------------------------------------------------------- timer, exit */

static void bl_transport__on_timer(uv_timer_t *timer)
{
  BlTransport *t = timer->data;
  bl_server_timer(t->server);
}

static void bl_transport__set_timer(void *data, unsigned ms)
{
  BlTransport *t = data;
  if (!t->exiting) uv_timer_start(&t->timer, bl_transport__on_timer, ms, 0);
}

static void bl_transport__on_out_shutdown(uv_shutdown_t *req, int status)
{
  (void)status;
  BlTransport *t = req->data;
  uv_close((uv_handle_t *)t->out_stream, NULL);
}

static void bl_transport__close_all(BlTransport *t)
{
  if (t->exiting) return;
  t->exiting = true;
  uv_timer_stop(&t->timer);
  uv_close((uv_handle_t *)&t->timer, NULL);
  if (t->in_stream && !uv_is_closing((uv_handle_t *)t->in_stream)) uv_close((uv_handle_t *)t->in_stream, NULL);
  if (t->out_stream && !uv_is_closing((uv_handle_t *)t->out_stream)) {
    /* Let queued responses reach the client before the handle closes. */
    t->shutdown_req.data = t;
    if (uv_shutdown(&t->shutdown_req, t->out_stream, bl_transport__on_out_shutdown) < 0)
      uv_close((uv_handle_t *)t->out_stream, NULL);
  }
}

static void bl_transport__exit(void *data, int code)
{
  BlTransport *t = data;
  t->exit_code = code;
  bl_transport__close_all(t);
}

/* ---------------------------------------------------------------- input */

static void bl_transport__alloc(uv_handle_t *handle, size_t suggested, uv_buf_t *buf)
{
  (void)suggested;
  BlTransport *t = handle->data;
  buf->base = t->file_buf;
  buf->len = sizeof t->file_buf;
}

static void bl_transport__on_read(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf)
{
  BlTransport *t = stream->data;
  if (nread > 0) {
    bl_server_feed(t->server, buf->base, (size_t)nread);
  } else if (nread < 0) { /* EOF or an error: buf may be empty */
    if (nread != UV_EOF) bl_error("cannot read from the client: %s", uv_strerror((int)nread));
    bl_server_eof(t->server);
  }
}

void bl_transport__resume(BlTransport *t)
{
  if (uv_read_start(t->in_stream, bl_transport__alloc, bl_transport__on_read) == 0) t->reading = true;
}

static void bl_transport__on_file_read(uv_fs_t *req)
{
  BlTransport *t = req->data;
  ssize_t n = req->result;
  uv_fs_req_cleanup(req);
  if (t->exiting) return;
  if (n > 0) {
    t->file_off += n;
    bl_server_feed(t->server, t->file_buf, (size_t)n);
    if (!t->exiting) bl_transport__read_file(t);
  } else {
    if (n < 0) bl_error("cannot read from the client: %s", uv_strerror((int)n));
    bl_server_eof(t->server);
  }
}

static void bl_transport__read_file(BlTransport *t)
{
  uv_buf_t buf = uv_buf_init(t->file_buf, sizeof t->file_buf);
  t->file_req.data = t;
  uv_fs_read(t->loop, &t->file_req, 0, &buf, 1, t->file_off, bl_transport__on_file_read);
}

static uv_stream_t *bl_transport__open(BlTransport *t, int fd, void *storage, bool readable)
{
  uv_handle_type type = uv_guess_handle(fd);
  uv_stream_t *s = NULL;
  if (type == UV_TTY) {
    if (uv_tty_init(t->loop, storage, fd, readable) == 0) s = storage;
  } else if (type == UV_NAMED_PIPE || type == UV_TCP) {
    if (uv_pipe_init(t->loop, storage, 0) == 0) {
      if (uv_pipe_open(storage, fd) == 0)
        s = storage;
      else
        uv_close(storage, NULL);
    }
  }
  if (s) s->data = t;
  return s;
}

int bl_transport_run_stdio(void)
{
  signal(SIGPIPE, SIG_IGN); /* a client that went away is an EPIPE, not a dead server */
  BlTransport *t = bl_calloc(1, sizeof *t);
  t->loop = uv_default_loop();
  t->exit_code = 1;
  uv_timer_init(t->loop, &t->timer);
  t->timer.data = t;
  BlServerHost host = {t, bl_transport__write, bl_transport__set_timer, bl_transport__exit, bl_transport__queue_work};
  t->server = bl_server_new(&host);

  t->out_stream = bl_transport__open(t, 1, &t->out, false);
  uv_handle_type in_type = uv_guess_handle(0);
  if (in_type == UV_FILE) {
    bl_transport__read_file(t);
  } else {
    t->in_stream = bl_transport__open(t, 0, &t->in, true);
    if (!t->in_stream) {
      bl_error("cannot read the protocol from stdin (unsupported kind of file)");
      bl_server_eof(t->server);
    } else {
      bl_transport__resume(t);
    }
  }
  uv_run(t->loop, UV_RUN_DEFAULT);
  int code = t->exit_code;
  bl_server_free(t->server);
  uv_loop_close(t->loop);
  bl_free(t);
  return code;
}
