/*
** fuzz.h: what the libFuzzer harnesses share (fuzz_common.c).  A harness
** that finds a broken invariant calls fz_fail, which names the invariant
** (never the input's text) and aborts, so libFuzzer and replay.c both see
** a crash.  Built with -DFZ_REPLAY the harnesses' entry points are renamed
** (see replay.c) so one driver can run them all.
*/
#ifndef GAVEL_FUZZ_H
#define GAVEL_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "../../csrc/gavel.h"

#ifdef FZ_REPLAY
int fz_extract(const uint8_t *data, size_t size);
int fz_edits(const uint8_t *data, size_t size);
int fz_options(const uint8_t *data, size_t size);
#endif

/* Prints "fuzz: invariant broken: <what>" to stderr and aborts. */
void fz_fail(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2), noreturn))
#endif
    ;

#define FZ_CHECK(cond, ...)                                                 \
  do {                                                                      \
    if (!(cond)) fz_fail(__VA_ARGS__);                                      \
  } while (0)

/* Checks everything an analysed document promises a front end: items
** sorted and inside their line, valid enums and references, terminated
** strings, warnings and timeline rows inside the document, summary counts
** matching the warnings list, evidence look-ups consistent.  Aborts via
** fz_fail on the first broken one. */
void fz_check_doc(const gavel_engine *e, const gavel_doc *d);

/* Checks one list of items read from a line of len bytes (gv_read_line's
** output, before analysis). */
void fz_check_items(const gavel_item *v, size_t n, size_t len);

/* A small deterministic hash of the input, to pick "today" and the like. */
uint32_t fz_hash(const uint8_t *data, size_t size);

#endif
