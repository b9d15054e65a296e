/* server.h: the language server's protocol logic: lifecycle, dispatch, documents, diagnostics.
 * It does no I/O of its own: bytes come in through bl_server_feed and go out through the host's
 * callbacks, so the same code runs over libuv (transport.c) and inside unit tests.
 *
 * The server owns its documents and buffers; bl_server_free releases them. Host callbacks are
 * called on the thread that calls bl_server_feed / bl_server_timer. */
#ifndef BL_SERVER_H
#define BL_SERVER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct BlServerHost {
  void *data;
  /* Write framed bytes to the client. The server frees `bytes` after the call returns. */
  void (*write)(void *data, const char *bytes, size_t len);
  /* Arm (or re-arm) the single debounce timer: call bl_server_timer after `ms` milliseconds. */
  void (*set_timer)(void *data, unsigned ms);
  /* The client said `exit` (or the input ended): stop with this process exit code. */
  void (*exit)(void *data, int code);
  /* Run work(arg) on a worker thread, then done(arg) on the server's thread. NULL: the server
   * runs both itself, in line (tests, benchmarks). work must not touch the server. */
  void (*queue_work)(void *data, void (*work)(void *arg), void (*done)(void *arg), void *arg);
} BlServerHost;

typedef struct BlServer BlServer;

BlServer *bl_server_new(const BlServerHost *host);
void bl_server_free(BlServer *self);
/* Bytes from the client, split or merged at any point. */
void bl_server_feed(BlServer *self, const char *bytes, size_t len);
/* The debounce timer fired. */
void bl_server_timer(BlServer *self);
/* The input ended (EOF). Calls host->exit: 0 after shutdown, 1 otherwise. */
void bl_server_eof(BlServer *self);
/* True once shutdown was requested (for the exit code). */
bool bl_server_is_shut_down(const BlServer *self);

#endif
