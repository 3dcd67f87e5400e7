/*
** test.h: the C test harness.  Table-driven suites call the checks below;
** each check counts one pass or one failure, and a failure prints where and
** why.  main.c runs every suite and prints "N passed, N failed".
*/
#ifndef GAVEL_TEST_H
#define GAVEL_TEST_H

#include <stdio.h>
#include <string.h>

#include "../../csrc/internal.h"

extern int t_passed, t_failed;
extern const char *t_case; /* name of the table row being checked, or NULL */

void t_fail_at(const char *file, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#define OK(cond, what)                                                      \
  do {                                                                      \
    if (cond) t_passed++;                                                   \
    else t_fail_at(__FILE__, __LINE__, "%s", (what));                       \
  } while (0)

#define INT_EQ(got, want, what)                                             \
  do {                                                                      \
    long long g_ = (long long)(got), w_ = (long long)(want);                \
    if (g_ == w_) t_passed++;                                               \
    else t_fail_at(__FILE__, __LINE__, "%s: got %lld, want %lld", (what),   \
                   g_, w_);                                                 \
  } while (0)

#define STR_EQ(got, want, what)                                             \
  do {                                                                      \
    const char *g_ = (got), *w_ = (want);                                   \
    if (g_ && w_ && strcmp(g_, w_) == 0) t_passed++;                        \
    else t_fail_at(__FILE__, __LINE__, "%s: got \"%s\", want \"%s\"",       \
                   (what), g_ ? g_ : "(null)", w_ ? w_ : "(null)");         \
  } while (0)

/* The default engine, made once by main.c. */
const gavel_engine *t_engine(void);

/* Reads one line with the default engine into *out (an engine-owned list
** reused between calls; do not free).  Returns the item count.  Every line
** read is read again with the shortcuts off (no gate, no probes: every
** pattern on every line), and a failure is counted unless both readings
** are equal (compare.h): what guards the gate's stems and the probes.
** It is also read as a peer document reads (evidence only), which must
** give exactly its evidence items. */
size_t t_read(const char *line, const gavel_item **out);

/* A reader over an engine of its own, for suites that test options. */
typedef struct t_reader {
  gavel_engine *e;
  gavel_engine *all; /* the same options, no shortcuts (see t_read) */
  pcre2_match_data *md;
  gv_items items, all_items;
} t_reader;

/* Makes r's engine from the options (with opts.vocab = vocab unless NULL).
** Returns 0, or -1 after counting a failure (r is then closed). */
int t_reader_open(t_reader *r, const gavel_options *opts);

/* Reads s[0..len) with r's engine; returns the item count, items in *out
** (owned by r, valid until the next read). */
size_t t_reader_read(t_reader *r, const char *s, size_t len,
                     const gavel_item **out);

/* Frees what t_reader_open made. */
void t_reader_close(t_reader *r);

/* Returns the first item of `kind` (and, for events, `event` unless
** GAVEL_EV_NONE) in items, or NULL. */
const gavel_item *t_find(const gavel_item *items, size_t n, gavel_kind kind,
                         gavel_event event);

/* A fresh document holding `text`, analysed as of `today` ("YYYY-MM-DD").
** Free it with gavel_doc_free.  Returns NULL (and counts a failure) when
** anything fails. */
gavel_doc *t_doc(const char *text, const char *today);

/* The warnings of d with `code`: count, and the first in *first. */
size_t t_warn_count(const gavel_doc *d, gavel_code code,
                    const gavel_warning **first);

/* Day number from "YYYY-MM-DD" (GAVEL_NO_DAY for NULL/""). */
gavel_day t_day(const char *iso);

/* Analyses d and ref as of today; counts a failure (what: why) unless
** they are equal. */
void t_same_analysis(gavel_doc *d, gavel_doc *ref, gavel_day today,
                     const char *what);

/* The chunks (document.c) that hold d's rows' texts and items, and in
** *large (when not NULL) how many of them are GV_HUGE_PAGE or more. */
size_t t_chunks(const gavel_doc *d, size_t *large);

/* Suites: one per concern, each in its own file. */
void suite_util(void);
void suite_dates(void);
void suite_money(void);
void suite_evidence(void);
void suite_events(void);
void suite_court(void);
void suite_document(void);
void suite_timeline(void);
void suite_incremental(void);
void suite_store(void);
void suite_nomem(void);
void suite_anchor(void);

#endif
