/* inspect.h: `byline entities` and `byline analyze`: what the analysis recognized, for scripts
 * and for "why was this flagged". Both print JSON Lines (or text) with UTF-8 byte offsets.
 * Return the process exit code: 0, or 2 for a usage or I/O error. */
#ifndef BL_INSPECT_H
#define BL_INSPECT_H

int bl_cli_entities(int argc, char **argv);
int bl_cli_analyze(int argc, char **argv);

#endif
