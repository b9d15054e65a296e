/* fuzz.h: what every fuzz target shares: the libFuzzer entry point's prototype, a reader that
 * turns the fuzzer's bytes into choices (in the manner of LLVM's FuzzedDataProvider), and
 * fuzz_fail, which reports a broken invariant and aborts so that libFuzzer (or the replay
 * runner under ASan) records the input as a crash.
 *
 * A target is one .c file defining LLVMFuzzerTestOneInput. It is linked two ways (meson.build):
 * with libFuzzer's main in a clang build (-fsanitize=fuzzer), and with replay_main.c in every
 * build, so the seed corpora and the regression inputs replay in the normal test run.
 * Every choice is read from the input, never from a clock or rand(): a run is a pure function
 * of its bytes, so a saved crash reproduces. */
#ifndef BL_FUZZ_H
#define BL_FUZZ_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn, unused));

static void fuzz_fail(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fputs("fuzz invariant broken: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  abort();
}

#define FUZZ_CHECK(cond, ...)                                                                        \
  do {                                                                                               \
    if (!(cond)) fuzz_fail(__VA_ARGS__);                                                             \
  } while (0)

/* Choices are taken from the front of the input; when it runs out every choice is 0. */
typedef struct FuzzInput {
  const uint8_t *data;
  size_t len, pos;
} FuzzInput;

static inline __attribute__((unused)) bool fuzz_more(const FuzzInput *in)
{
  return in->pos < in->len;
}

static inline __attribute__((unused)) uint8_t fuzz_u8(FuzzInput *in)
{
  return in->pos < in->len ? in->data[in->pos++] : 0;
}

static inline __attribute__((unused)) uint32_t fuzz_u32(FuzzInput *in)
{
  uint32_t v = 0;
  for (int i = 0; i < 4; i++) v = v << 8 | fuzz_u8(in);
  return v;
}

/* A number in [0, n) (n > 0), from as few bytes as it needs. */
static inline __attribute__((unused)) size_t fuzz_below(FuzzInput *in, size_t n)
{
  if (n <= 1) return 0;
  if (n <= 256) return fuzz_u8(in) % n;
  if (n <= 65536) return ((size_t)fuzz_u8(in) << 8 | fuzz_u8(in)) % n;
  return fuzz_u32(in) % n;
}

static inline __attribute__((unused)) bool fuzz_bool(FuzzInput *in)
{
  return fuzz_u8(in) & 1;
}

/* Up to `max` bytes: a length byte (pair) then that many bytes (fewer when the input ends).
 * Returns a pointer into the input; *len gets the count. */
static inline __attribute__((unused)) const uint8_t *fuzz_bytes(FuzzInput *in, size_t max, size_t *len)
{
  size_t n = fuzz_below(in, max + 1);
  if (n > in->len - in->pos) n = in->len - in->pos;
  const uint8_t *p = in->data + in->pos;
  in->pos += n;
  *len = n;
  return p;
}

/* The rest of the input. */
static inline __attribute__((unused)) const uint8_t *fuzz_rest(FuzzInput *in, size_t *len)
{
  const uint8_t *p = in->data + in->pos;
  *len = in->len - in->pos;
  in->pos = in->len;
  return p;
}

/* Whether offset `at` of s[0..len) splits a well-formed UTF-8 sequence (a continuation byte
 * that belongs to a valid lead before it). Offsets 0 and len never split. */
static inline __attribute__((unused)) bool fuzz_splits_utf8(const uint8_t *s, size_t len, size_t at)
{
  if (at == 0 || at >= len) return false;
  if ((s[at] & 0xC0) != 0x80) return false;
  /* find a lead within 3 bytes back whose sequence covers `at` */
  for (size_t back = 1; back <= 3 && back <= at; back++) {
    uint8_t lead = s[at - back];
    if ((lead & 0xC0) == 0x80) continue;
    size_t need = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 1;
    if (lead < 0xC2 || need <= back) return false;
    if (at - back + need > len) return false; /* truncated: not well formed */
    for (size_t k = 1; k < need; k++)
      if ((s[at - back + k] & 0xC0) != 0x80) return false;
    /* overlong and surrogate forms are invalid, so not a character to split */
    uint8_t b1 = s[at - back + 1];
    if (lead == 0xE0 && b1 < 0xA0) return false;
    if (lead == 0xED && b1 >= 0xA0) return false;
    if (lead == 0xF0 && b1 < 0x90) return false;
    if (lead == 0xF4 && b1 >= 0x90) return false;
    return true;
  }
  return false;
}

#endif
