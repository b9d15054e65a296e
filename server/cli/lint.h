/* lint.h: `byline lint [options] [PATH ...]`. Returns the process exit code: 0 clean, 1 findings
 * at or above --fail-on, 2 a usage or I/O error (reported on stderr as `path: message`). */
#ifndef BL_LINT_H
#define BL_LINT_H

int bl_cli_lint(int argc, char **argv);

#endif
