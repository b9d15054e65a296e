/* config.h: the one configuration file, `.byline.json`, read by the server and the CLI alike so
 * editor and CI cannot drift. A file's configuration is the nearest `.byline.json` in its folder
 * or a folder above it; none means the defaults.
 *
 *   {
 *     "rules": { "unbalanced-quote": "error", "vague-attribution": "off" },
 *     "gazetteers": ["names/extra-outlets.tsv"],      (paths relative to the file)
 *     "corpus": { "roots": ["../archive"], "ignore": ["drafts/"] },
 *     "inlayHints": true
 *   }
 *
 * Problems (bad JSON, an unknown rule, a bad severity, a wrong type, a gazetteer that cannot be
 * read or has malformed lines) are collected as "path:line: message" strings; what could be read
 * is still used. The path is the .byline.json's, or a gazetteer file's for a problem on one of
 * its lines.
 *
 * The gazetteers become the configuration's own lexicon (bl_config_load_lexicon: the
 * process-wide lexicon plus these files), which the analysis of every file under it uses
 * (BlAnalysisOptions.lexicon). A BlConfig owns its strings and its lexicon (bl_config_free). A
 * BlConfigCache owns the configurations it loaded, each with its lexicon built once when the
 * file is first loaded, on the thread that asks; pointers it returns stay valid until
 * bl_config_cache_free or _invalidate (a job on another thread that may outlive them takes its
 * own reference to the lexicon: bl_lexicon_retain). */
#ifndef BL_CONFIG_H
#define BL_CONFIG_H

#include <stdbool.h>

#include "../analysis/analyze.h"
#include "../base/vec.h"

typedef BlVec(char *) BlStrings;
typedef BlVec(size_t) BlConfigLines;

typedef struct BlConfig {
  char *path; /* the file it was read from, or NULL for the defaults */
  char *dir;  /* the folder relative paths are taken from ("" for the defaults) */
  BlRuleSettings rules;
  BlStrings gazetteers;   /* absolute paths */
  BlConfigLines gazetteer_lines; /* line of the file that names each gazetteer */
  BlLexicon *lexicon;     /* the process-wide lexicon plus the gazetteers, once loaded; NULL
                             before, or when there are none (then the process-wide one applies) */
  BlStrings corpus_roots; /* absolute paths */
  BlStrings ignores;      /* patterns, as written */
  int inlay_hints;        /* -1 unset, 0 off, 1 on */
  BlStrings problems;     /* "path:line: message" */
} BlConfig;

void bl_config_defaults(BlConfig *self);
/* Reads a configuration file. Always fills *self (defaults for what is missing or wrong). */
void bl_config_load(BlConfig *self, const char *path);
/* Parses configuration text as if read from `path` (for tests and the server's buffers). Neither
 * this nor bl_config_load reads the gazetteers: bl_config_load_lexicon does. */
void bl_config_parse(BlConfig *self, const char *path, const char *text, size_t len);
/* Reads the gazetteers into self->lexicon (once; nothing when there are none). A file that
 * cannot be read becomes a problem at the line that names it, a malformed line a problem at that
 * line of the gazetteer; the rest still loads. */
void bl_config_load_lexicon(BlConfig *self);
/* The analysis options for a file under this configuration: its rules and its lexicon. */
BlAnalysisOptions bl_config_options(const BlConfig *self);
void bl_config_free(BlConfig *self);
/* Whether corpus.ignore leaves `path` out (patterns are relative to `root`: a pattern ending in
 * "/" is a folder anywhere on the path, others are fnmatch patterns on the relative path). */
bool bl_config_ignores(const BlConfig *self, const char *root, const char *path);

typedef struct BlConfigCacheEntry {
  char *dir;        /* the folder asked about */
  BlConfig *config; /* shared between folders that resolve to the same file */
} BlConfigCacheEntry;

typedef struct BlConfigCache {
  BlVec(BlConfigCacheEntry) entries;
  BlVec(BlConfig *) loaded;
  BlConfig defaults;
} BlConfigCache;

void bl_config_cache_init(BlConfigCache *self);
/* The configuration that applies to a file (path of the file, not of a folder), its lexicon
 * loaded. */
const BlConfig *bl_config_for(BlConfigCache *self, const char *file_path);
/* Whether a configuration the cache holds names `path` among its gazetteers (a change to that
 * file calls for _invalidate). */
bool bl_config_cache_uses_file(const BlConfigCache *self, const char *path);
/* Forgets everything loaded (after a .byline.json changed). */
void bl_config_cache_invalidate(BlConfigCache *self);
void bl_config_cache_free(BlConfigCache *self);

/* The JSON schema of the configuration file, generated from the rule registry (for editors;
 * docs/byline.schema.json is this text). The caller frees it. */
char *bl_config_schema(void);

#endif
