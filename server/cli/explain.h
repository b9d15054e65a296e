/* explain.h: `byline explain [RULE]`: a rule's documentation page, or the list of rules. */
#ifndef BL_EXPLAIN_H
#define BL_EXPLAIN_H

int bl_cli_explain(int argc, char **argv);

#endif
