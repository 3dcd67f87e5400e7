/* store_cmds.c: placeholder until the index lands. */
#include "cli.h"
int cli_index(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("index: not built yet"); }
int cli_cases(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("cases: not built yet"); }
int cli_agenda(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("agenda: not built yet"); }
int cli_forget(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("forget: not built yet"); }
int cli_export(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("export: not built yet"); }
