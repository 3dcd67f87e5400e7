/*
** main.c: `gavel`, the command-line front of the engine.  It only parses
** the subcommand and hands over; every subcommand parses its own flags.
*/
#include <string.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "cli.h"

static const char usage[] =
    "usage: gavel <command> [options] [PATH...]\n"
    "\n"
    "gavel reads a defense attorney's case notes (Markdown or plain text) and\n"
    "finds the plea negotiation in them: offers and counteroffers with their\n"
    "terms, contacts with the prosecution, court dates and deadlines, evidence\n"
    "references, the strength of the State's case and trial preparation.  It\n"
    "warns when negotiation is stalling and the case should move to trial\n"
    "preparation.  Nothing leaves this machine.\n"
    "\n"
    "Commands:\n"
    "  check [--today D] [--threads N] [--format text|json] PATH...\n"
    "      Print warnings.  Text lines read FILE:LINE:COL: SEVERITY: MESSAGE [code]\n"
    "      (Vim's errorformat and compilers' format); json prints one object per\n"
    "      line with file, line, col, end_line, end_col, severity, code, message.\n"
    "  extract [--today D] [--threads N] PATH...\n"
    "      Print every item found, as JSON Lines: file, line, col, end_col, kind,\n"
    "      text and the kind's fields (date value; money value and currency;\n"
    "      duration value and unit; event, party, date, terms, expires...).\n"
    "  index [--db PATH] [--today D] DIR...\n"
    "                                 Index the notes under DIR in the case index\n"
    "                                 (a file unchanged since the last run is skipped).\n"
    "  cases [--db PATH] [--today D] [--format text|json]\n"
    "                                 Every indexed case, most urgent first.\n"
    "  agenda [--db PATH] [--days N] [--today D] [--format text|json]\n"
    "                                 Court dates, deadlines and offer expirations.\n"
    "  forget [--db PATH] CASE_DIR    Remove a case from the index.\n"
    "  export [--db PATH] --ics [--days N] | --csv\n"
    "                                 iCalendar of dates, or CSV of every offer.\n"
    "\n"
    "Common options:\n"
    "  --today YYYY-MM-DD  judge as of this date (default: the system date)\n"
    "  --day-first         read 3/4 as 3 April (default: 4 March)\n"
    "  --vocab FILE        extra vocabulary, lines of \"class: phrase, phrase\"\n"
    "  --threads N         check, extract: read a large file's lines, and write\n"
    "                      extract's items, on N threads (default: the cores\n"
    "                      online, at most 8); the same results on any number\n"
    "  --db PATH           the index (default: $XDG_DATA_HOME/gavel/index.db)\n"
    "  -h, --help          this text;  --version  the version\n"
    "\n"
    "PATH may be a notes file or a folder: a folder means every *.md,\n"
    "*.markdown, *.txt and *.notes file below it.  Lines and columns are\n"
    "1-based; a column is a byte offset, and end_col is the column just past\n"
    "the item's last byte.\n"
    "\n"
    "Warning codes: no-response unanswered-attempts no-concession harsher-offer\n"
    "strong-evidence offer-expiring offer-expired offer-withdrawn\n"
    "deadline-approaching trial-approaching undefined-evidence client-contact-gap.\n"
    "Silence one in the notes with <!-- gavel: ack CODE --> on or above its line,\n"
    "or <!-- gavel: snooze CODE until DATE -->.\n"
    "\n"
    "Exit status: 0 no warnings, 1 warnings found, 2 usage or I/O error.\n"
    "See also :help gavel in Neovim.\n";

int main(int argc, char **argv) {
  static const struct {
    const char *name;
    int (*run)(int, char **);
  } cmds[] = {{"check", cli_check},   {"extract", cli_extract},
              {"index", cli_index},   {"cases", cli_cases},
              {"agenda", cli_agenda}, {"forget", cli_forget},
              {"export", cli_export}};
  if (argc < 2) {
    fputs(usage, stderr);
    return 2;
  }
  if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
      !strcmp(argv[1], "help")) {
    fputs(usage, stdout);
    return 0;
  }
  if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
    printf("gavel %s\n", GAVEL_VERSION);
    return 0;
  }
#if defined(__GLIBC__)
  /* Building the engine compiles some 110 patterns, and each one's
  ** scratch memory is freed at the heap's top: by default glibc gives it
  ** back to the kernel at once and asks for it again for the next pattern
  ** (1,800 brk calls, and as many page faults, about 30 ms of a `gavel
  ** extract`).  A run of the CLI is short: keep the top. */
  mallopt(M_TOP_PAD, 1 << 20);
  mallopt(M_TRIM_THRESHOLD, 8 << 20);
#endif
  /* into a pipe or a file, extract writes megabytes: in 64 KiB blocks */
  if (!isatty(STDOUT_FILENO)) setvbuf(stdout, NULL, _IOFBF, (size_t)1 << 16);
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
    if (!strcmp(argv[1], cmds[i].name)) return cmds[i].run(argc - 1, argv + 1);
  return cli_fail("unknown command '%s' (try: gavel --help)", argv[1]);
}
