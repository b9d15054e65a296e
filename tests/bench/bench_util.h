/* bench_util.h: what the in-process benchmarks share: a monotonic clock, nearest-rank latency
 * percentiles, a seeded pseudo-random generator, and, for speaking to a BlServer, JSON string
 * literals and base-protocol framing over the project's own growable buffer (base/buf.h). */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "base/buf.h"

static inline uint64_t bench_now_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline int bench_cmp_u64(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

typedef struct {
  double p50, p99, max; /* microseconds */
} BenchStats;

/* Nearest-rank percentiles of nanosecond samples, in microseconds; sorts v in place. */
static inline BenchStats bench_stats(uint64_t *v, size_t n)
{
  if (n == 0) return (BenchStats){0, 0, 0};
  qsort(v, n, sizeof *v, bench_cmp_u64);
  size_t i50 = (n * 50 + 99) / 100, i99 = (n * 99 + 99) / 100;
  return (BenchStats){(double)v[i50 ? i50 - 1 : 0] / 1e3, (double)v[i99 ? i99 - 1 : 0] / 1e3, (double)v[n - 1] / 1e3};
}

/* xorshift64: the same sequence on every run for a given seed (bench_seed; never 0). */
static uint64_t bench_rng = 0x9E3779B97F4A7C15u;

static inline void bench_seed(uint64_t mix)
{
  bench_rng ^= mix;
  if (bench_rng == 0) bench_rng = 1;
}

/* A pseudo-random number in [0, n), n > 0. */
static inline size_t bench_random(size_t n)
{
  bench_rng ^= bench_rng << 13;
  bench_rng ^= bench_rng >> 7;
  bench_rng ^= bench_rng << 17;
  return (size_t)(bench_rng % n);
}

/* Appends a JSON string literal of s[0..n) (UTF-8 passes through). */
static inline void bench_json_string(BlBuf *b, const char *s, size_t n)
{
  bl_buf_putc(b, '"');
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') {
      char esc[2] = {'\\', (char)c};
      bl_buf_append(b, esc, 2);
    } else if (c == '\n') {
      bl_buf_append(b, "\\n", 2);
    } else if (c < 0x20) {
      bl_buf_printf(b, "\\u%04x", c);
    } else {
      bl_buf_putc(b, (char)c);
    }
  }
  bl_buf_putc(b, '"');
}

/* Replaces out with body framed as the base protocol does. */
static inline void bench_frame(BlBuf *out, const BlBuf *body)
{
  bl_buf_reset(out);
  bl_buf_printf(out, "Content-Length: %zu\r\n\r\n", body->len);
  bl_buf_append(out, body->data, body->len);
}

#endif
