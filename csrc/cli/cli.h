/*
** cli.h: what the files of the `gavel` command share.  The CLI is a thin
** front on the engine: it reads files, calls gavel_*, and prints.  Exit
** codes: 0 nothing to report, 1 warnings found, 2 usage or I/O error (with
** one line "gavel: ..." on stderr).
*/
#ifndef GAVEL_CLI_H
#define GAVEL_CLI_H

#include <stdio.h>
#include <string.h>

#include "../gavel.h"

/* Subcommands.  argv[0] is the subcommand's name; each returns the exit
** code. */
int cli_check(int argc, char **argv);   /* check.c */
int cli_extract(int argc, char **argv); /* check.c */
int cli_index(int argc, char **argv);   /* store_cmds.c */
int cli_cases(int argc, char **argv);   /* store_cmds.c */
int cli_agenda(int argc, char **argv);  /* store_cmds.c */
int cli_forget(int argc, char **argv);  /* store_cmds.c */
int cli_export(int argc, char **argv);  /* store_cmds.c */

/* Prints "gavel: MESSAGE" and a newline on stderr; returns 2. */
int cli_fail(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Reads a whole file into a malloc'd buffer (NUL-terminated; *len excludes
** the NUL).  Returns 0, or -1 with a reason in err ("No such file or
** directory").  Files over 64 MiB are refused. */
int cli_read_file(const char *path, char **buf, size_t *len, char *err,
                  size_t errlen);

/* Calls fn for `path` if it is a file, or for every notes file (*.md,
** *.markdown, *.txt, *.notes) below it if it is a directory, skipping
** hidden entries, in sorted order.  Stops at and returns fn's first
** non-zero result; returns -1 with errno set when path cannot be read. */
int cli_walk(const char *path, int (*fn)(const char *file, void *ud),
             void *ud);

/* Writes s[0..n) as a JSON string (quotes included).  Bytes that are not
** valid UTF-8 become U+FFFD. */
void cli_json_str(FILE *f, const char *s, size_t n);

/* A writer for many small pieces of output (gavel extract's JSON lines):
** they are collected in buf and written to f a block at a time, with no
** format string to parse and no stream lock to take for each piece.  With
** f NULL it collects everything in memory (buf grows; failed when it
** could not). */
typedef struct cli_out {
  FILE *f;
  char *buf;
  size_t n, cap;
  int failed;
} cli_out;

void cli_out_init(cli_out *o, FILE *f);
/* Frees buf (after cli_out_flush, for a file). */
void cli_out_free(cli_out *o);
/* cli_out_put when s does not fit in what is left of buf. */
void cli_out_put_slow(cli_out *o, const char *s, size_t n);
/* Inline, so that a literal's copy is a few moves, not a call. */
static inline void cli_out_put(cli_out *o, const char *s, size_t n) {
  if (o->n + n > o->cap) {
    cli_out_put_slow(o, s, n);
    return;
  }
  memcpy(o->buf + o->n, s, n);
  o->n += n;
}
#define CLI_OUT_LIT(o, lit) cli_out_put((o), (lit), sizeof(lit) - 1)
/* s[0..n) as a JSON string, as cli_json_str writes it. */
void cli_out_json(cli_out *o, const char *s, size_t n);
void cli_out_uint(cli_out *o, unsigned long long v);
/* v zero-padded to `width` digits (v < 10^width). */
void cli_out_digits(cli_out *o, unsigned v, int width);
/* Writes what is collected to f. */
void cli_out_flush(cli_out *o);

/* The threads a large file is read on by default: the cores online,
** at most 8 (1 when that cannot be known). */
int cli_cores(void);

/* Parses --today's value ("YYYY-MM-DD"); NULL means the system date.
** Returns GAVEL_NO_DAY for a malformed date. */
gavel_day cli_today(const char *s);

/* Writes the default index path into buf: $XDG_DATA_HOME/gavel/index.db,
** else $HOME/.local/share/gavel/index.db.  Returns buf, or NULL when
** neither variable is set. */
char *cli_default_db(char *buf, size_t len);

/* Makes the default engine, or prints why not and returns NULL. */
gavel_engine *cli_engine(void);

/* Makes an engine with opts (NULL: defaults), or prints why not and
** returns NULL. */
gavel_engine *cli_engine_opts(const gavel_options *opts);


#endif
