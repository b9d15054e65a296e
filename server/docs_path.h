/* docs_path.h: where the rule pages and the data files live on this machine, for links from diagnostics and SARIF.
 * Order: $BYLINE_DOCS_DIR, the installed docs (<prefix>/share/doc/byline), the source tree's
 * docs/ (a build that was never installed). Returns static storage; never NULL. */
#ifndef BL_DOCS_PATH_H
#define BL_DOCS_PATH_H

const char *bl_docs_dir(void);
/* Where byline's data files live (gazetteers, the NER model): $BYLINE_DATA_DIR, the installed
 * <prefix>/share/byline, or the source tree's server/data. Static storage; never NULL. */
const char *bl_data_dir(void);
/* The page of a rule: a file: URL of docs/rules/<id>.md. Static storage, overwritten by the
 * next call. */
const char *bl_rule_doc_url(const char *rule_id);

#endif
