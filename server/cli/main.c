/* main.c: the byline command: `serve`, `lint`, `--version`, `--help`. */
#include <stdio.h>
#include <string.h>

#include "../base/alloc.h"
#include "../base/log.h"
#include "../config/config.h"
#include "../lsp/transport.h"
#include "../version.h"
#include "explain.h"
#include "inspect.h"
#include "lint.h"

static const char bl_main__usage[] =
    "usage: byline COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  serve            run the language server on stdin/stdout\n"
    "  lint [PATH ...]  lint articles and folders (byline lint --help)\n"
    "  entities FILE... the entities byline recognizes (--format text|json)\n"
    "  analyze FILE...  sentences, quotes and attributions (--format json)\n"
    "  explain RULE     print the page of a rule (no RULE: list the rules)\n"
    "  config-schema    print the JSON schema of .byline.json\n"
    "  --version        print the version\n"
    "\n"
    "BYLINE_LOG=debug|info|warn|error sets how much byline logs to stderr.\n";

int main(int argc, char **argv)
{
  bl_log_init_from_env();
  if (argc < 2) {
    fputs(bl_main__usage, stderr);
    return 2;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "serve") == 0) {
    for (int i = 2; i < argc; i++) {
      if (strcmp(argv[i], "--stdio") != 0) { /* what some clients append */
        fprintf(stderr, "byline serve: unknown argument '%s'\n", argv[i]);
        return 2;
      }
    }
    return bl_transport_run_stdio();
  }
  if (strcmp(cmd, "lint") == 0) return bl_cli_lint(argc - 2, argv + 2);
  if (strcmp(cmd, "entities") == 0) return bl_cli_entities(argc - 2, argv + 2);
  if (strcmp(cmd, "analyze") == 0) return bl_cli_analyze(argc - 2, argv + 2);
  if (strcmp(cmd, "explain") == 0) return bl_cli_explain(argc - 2, argv + 2);
  if (strcmp(cmd, "config-schema") == 0) {
    char *schema = bl_config_schema();
    puts(schema);
    bl_free(schema);
    return 0;
  }
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
    printf("byline %s\n", BL_VERSION);
    return 0;
  }
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
    fputs(bl_main__usage, stdout);
    return 0;
  }
  fprintf(stderr, "byline: unknown command '%s'\n\n%s", cmd, bl_main__usage);
  return 2;
}
