/* log.h: diagnostics about byline itself, to stderr (stdout belongs to the protocol).
 * The level threshold is process-wide, set once at start-up (BYLINE_LOG=debug|info|warn|error). */
#ifndef BL_LOG_H
#define BL_LOG_H

typedef enum { BL_LOG_DEBUG, BL_LOG_INFO, BL_LOG_WARN, BL_LOG_ERROR, BL_LOG_OFF } BlLogLevel;

void bl_log_set_level(BlLogLevel level);
/* Reads BYLINE_LOG from the environment; unknown values leave the default (warn). */
void bl_log_init_from_env(void);
void bl_log(BlLogLevel level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define bl_debug(...) bl_log(BL_LOG_DEBUG, __VA_ARGS__)
#define bl_info(...) bl_log(BL_LOG_INFO, __VA_ARGS__)
#define bl_warn(...) bl_log(BL_LOG_WARN, __VA_ARGS__)
#define bl_error(...) bl_log(BL_LOG_ERROR, __VA_ARGS__)

#endif
