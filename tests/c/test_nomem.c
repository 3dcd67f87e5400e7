/*
** test_nomem.c: memory that runs out while a file is read, and threads
** that cannot be started.  The test binary is linked with malloc, calloc,
** realloc, mmap (the engine's large blocks) and pthread_create wrapped
** (see the Makefile): each passes through until a test arms it.  Then one allocation fails (the k-th from
** arming, for many k) and gavel_doc_set_text must fail cleanly: "out of
** memory", the document exactly as it was, nothing leaked (ASan, valgrind).
** A thread that cannot be started leaves its share to the caller.
*/
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "compare.h"
#include "test.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__real_mmap(void *addr, size_t n, int prot, int flags, int fd, off_t off);
int __real_pthread_create(pthread_t *t, const pthread_attr_t *a,
                          void *(*fn)(void *), void *arg);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
void *__wrap_mmap(void *addr, size_t n, int prot, int flags, int fd, off_t off);
int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *a,
                          void *(*fn)(void *), void *arg);

/* Allocations still to pass before one fails; -1: none fails.  Threads
** allocate too, so it is counted down atomically. */
static long countdown = -1;
static int refuse_threads;

static int fails(void) {
  if (__sync_fetch_and_add(&countdown, 0) < 0) return 0;
  return __sync_sub_and_fetch(&countdown, 1) == -1;
}

void *__wrap_malloc(size_t n) { return fails() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size) {
  return fails() ? NULL : __real_calloc(n, size);
}
void *__wrap_realloc(void *p, size_t n) {
  return fails() ? NULL : __real_realloc(p, n);
}
void *__wrap_mmap(void *addr, size_t n, int prot, int flags, int fd, off_t off) {
  return fails() ? MAP_FAILED : __real_mmap(addr, n, prot, flags, fd, off);
}
int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *a,
                          void *(*fn)(void *), void *arg) {
  return refuse_threads ? 11 /* EAGAIN */ : __real_pthread_create(t, a, fn, arg);
}

/* n lines cycling through a few kinds of notes, `salt` in each. */
static char *notes(size_t n, int salt, size_t *len) {
  static const char *const kinds[] = {
      "## 2025-03-%02d", "ADA Cho offered %d mo jail, $500 fine; open until 4/15.",
      "Called ADA, VM, no reply (%d).", "See Ex. %d and Bates DEF-000120.",
      "Prose about the client's job, part %d.", "", "- [ ] witness list %d",
      /* more dates than money.c keeps on its stack: its allocation too */
      "Paid $%d on 1/2, 1/3, 1/4, 1/5, 1/6, 1/7, 1/8, 1/9, 1/10 and 1/11.",
  };
  char *s = malloc(n * 80 + 1), *o = s;
  if (!s) return NULL;
  for (size_t i = 0; i < n; i++) {
    size_t k = (i + (size_t)salt) % (sizeof kinds / sizeof kinds[0]);
    o += sprintf(o, kinds[k], 1 + (int)((i + (size_t)salt) % 27));
    *o++ = '\n';
  }
  *o = 0;
  *len = (size_t)(o - s);
  return s;
}

static void read_runs_out(int threads) {
  /* several stretches; with threads, enough lines for two */
  size_t alen = 0, blen = 0, n = threads > 1 ? 2 * GAVEL_THREAD_LINES + 300 : 700;
  char *a = notes(n, 0, &alen), *b = notes(n - 77, 3, &blen);
  gavel_doc *d = NULL;
  int failures = 0;
  t_case = threads > 1 ? "memory runs out, two threads" : "memory runs out";
  if (!a || !b || gavel_doc_new(t_engine(), &d) != GAVEL_OK) {
    t_fail_at(__FILE__, __LINE__, "setup");
    free(a);
    free(b);
    return;
  }
  gavel_doc_set_threads(d, threads);
  INT_EQ(gavel_doc_set_text(d, a, alen), GAVEL_OK, "the first read");
  for (long k = 0;; k = k < 40 ? k + 1 : k + k / 6) {
    size_t got_len = 0;
    countdown = k;
    gavel_status st = gavel_doc_set_text(d, b, blen);
    int failed = countdown < 0;
    countdown = -1;
    if (!failed) { /* past the last allocation: the read is whole */
      INT_EQ(st, GAVEL_OK, "no allocation failed");
      char *got = cmp_join(d, &got_len);
      OK(got && got_len == blen && memcmp(got, b, blen) == 0, "the new text");
      free(got);
      break;
    }
    /* counted once at the end: on two threads, which call the failed
    ** allocation lands in varies from run to run */
    failures++;
    char *got = cmp_join(d, &got_len);
    if (st == GAVEL_OK) { /* a failure that is allowed: giving back slack */
      if (!got || got_len != blen || memcmp(got, b, blen) != 0)
        t_fail_at(__FILE__, __LINE__, "allocation %ld failed, read anyway: not the new text", k);
      gavel_doc_set_text(d, a, alen);
    } else if (st != GAVEL_ERR_NOMEM || !strstr(gavel_doc_errmsg(d), "out of memory")) {
      t_fail_at(__FILE__, __LINE__, "allocation %ld failed: status %d, \"%s\"", k, (int)st,
                gavel_doc_errmsg(d));
    } else if (!got || got_len != alen || memcmp(got, a, alen) != 0) {
      t_fail_at(__FILE__, __LINE__, "allocation %ld failed: the document changed", k);
    }
    free(got);
  }
  OK(failures > 40, "many allocations made to fail, each failing cleanly");
  gavel_doc_free(d);
  free(a);
  free(b);
  t_case = NULL;
}

/* Counts a failure (what: why) unless d analyses as a new document that
** reads d's text: on its first read, or (second) on its second, through a
** block of new rows (a first read goes straight into the document's). */
static void same_as_read(gavel_doc *d, gavel_day today, int second,
                         const char *what) {
  size_t flen = 0;
  char *all = cmp_join(d, &flen);
  gavel_doc *fresh = NULL;
  gavel_doc_new(t_engine(), &fresh);
  if (all && fresh && (!second || gavel_doc_set_text(fresh, "x", 1) == GAVEL_OK) &&
      gavel_doc_set_text(fresh, all, flen) == GAVEL_OK)
    t_same_analysis(d, fresh, today, what);
  else
    t_fail_at(__FILE__, __LINE__, "%s: the new document's read", what);
  free(all);
  gavel_doc_free(fresh);
}

/* No thread can be started: the caller reads every stretch itself. */
static void threads_refused(void) {
  size_t len = 0, n = 3 * GAVEL_THREAD_LINES + 5;
  char *text = notes(n, 1, &len);
  gavel_doc *one = NULL, *many = NULL;
  gavel_day today = t_day("2025-04-10");
  t_case = "threads refused";
  gavel_doc_new(t_engine(), &one);
  gavel_doc_new(t_engine(), &many);
  if (!text || !one || !many) {
    t_fail_at(__FILE__, __LINE__, "setup");
  } else {
    gavel_doc_set_threads(many, 3);
    INT_EQ(gavel_doc_set_text(one, text, len), GAVEL_OK, "one thread");
    refuse_threads = 1;
    INT_EQ(gavel_doc_set_text(many, text, len), GAVEL_OK, "no thread started");
    refuse_threads = 0;
    t_same_analysis(many, one, today, "differs from a read on one thread");
  }
  gavel_doc_free(one);
  gavel_doc_free(many);
  free(text);
  t_case = NULL;
}

/* A keystroke (one line), a few lines and a paste (40) when memory runs
** out: the same contract; and an analysis: an error or a result, and
** after it, with memory back, the result of a fresh document. */
static void edit_runs_out(void) {
  size_t len = 0, n = 400;
  char *text = notes(n, 2, &len);
  const char *lines[40];
  size_t lens[40];
  gavel_doc *d = NULL;
  gavel_day today = t_day("2025-04-10");
  t_case = "memory runs out: edits and analysis";
  if (!text || gavel_doc_new(t_engine(), &d) != GAVEL_OK ||
      gavel_doc_set_text(d, text, len) != GAVEL_OK) {
    t_fail_at(__FILE__, __LINE__, "setup");
    gavel_doc_free(d);
    free(text);
    return;
  }
  for (int i = 0; i < 40; i++) {
    lines[i] = i % 2 ? "ADA Cho offered 9 mo jail; open until 5/1." : "Called ADA, no reply.";
    lens[i] = strlen(lines[i]);
  }
  /* a row, a few, a stretch; and a stretch after the last row (read
  ** straight into the document's rows) */
  static const size_t sizes[] = {1, 3, 40, 40};
  for (size_t z = 0; z < 4; z++)
    for (long k = 0, rows = (long)sizes[z];; k++) {
      size_t before = 0, after = 0;
      size_t at = z < 3 ? 10 : gavel_doc_line_count(d), to = z < 3 ? at + (size_t)rows : at;
      char *was = cmp_join(d, &before), *now;
      countdown = k;
      gavel_status st = gavel_doc_replace(d, at, to, lines, lens, (size_t)rows);
      int failed = countdown < 0;
      countdown = -1;
      now = cmp_join(d, &after);
      if (!failed || st == GAVEL_OK) {
        size_t l = 0;
        const char *row = gavel_doc_line(d, at, &l);
        OK(st == GAVEL_OK && row && l == lens[0] && memcmp(row, lines[0], l) == 0,
           "replaced");
        free(was);
        free(now);
        if (!failed) break;
        continue;
      }
      INT_EQ(st, GAVEL_ERR_NOMEM, "out of memory");
      OK(was && now && before == after && memcmp(was, now, before) == 0,
         "the document as it was");
      free(was);
      free(now);
    }
  for (long k = 0;; k++) {
    countdown = k;
    gavel_doc_analyze(d, today + (gavel_day)k, NULL, 0); /* a new day: analysed again */
    int failed = countdown < 0;
    countdown = -1;
    if (!failed) break;
  }
  same_as_read(d, today, 0, "after the failures");
  gavel_doc_free(d);
  free(text);
  t_case = NULL;
}

/* A file's first read goes straight into the document's rows (as do lines
** added after the last, see edit_runs_out): when memory runs out the
** document is still empty, and once read it analyses as a document that
** read the same text on its second read (through a block of fresh rows). */
static void first_read_runs_out(void) {
  size_t len = 0, n = 300;
  char *text = notes(n, 4, &len);
  gavel_doc *d = NULL;
  gavel_day today = t_day("2025-04-10");
  int failures = 0;
  t_case = "memory runs out: a first read";
  if (!text || gavel_doc_new(t_engine(), &d) != GAVEL_OK) {
    t_fail_at(__FILE__, __LINE__, "setup");
    free(text);
    return;
  }
  for (long k = 0;; k++) { /* the first read of an empty document */
    /* chunks sized for few items (as after Neovim's read of blank lines):
    ** the read fills several, and starting each is an allocation to fail */
    d->chunk_ratio = 1;
    countdown = k;
    gavel_status st = gavel_doc_set_text(d, text, len);
    int failed = countdown < 0;
    countdown = -1;
    if (!failed) {
      INT_EQ(st, GAVEL_OK, "the first read, no allocation failed");
      break;
    }
    if (st == GAVEL_OK) { /* allowed: giving back slack */
      gavel_doc_free(d);
      gavel_doc_new(t_engine(), &d);
      continue;
    }
    failures++;
    if (st != GAVEL_ERR_NOMEM || gavel_doc_line_count(d) != 0)
      t_fail_at(__FILE__, __LINE__, "allocation %ld failed: status %d, %zu lines", k,
                (int)st, gavel_doc_line_count(d));
  }
  OK(failures > 10, "allocations made to fail on a first read");
  OK(t_chunks(d, NULL) >= 2, "a first read into more than one chunk");
  same_as_read(d, today, 1, "a first read against a second");
  gavel_doc_free(d);
  free(text);
  t_case = NULL;
}

void suite_nomem(void) {
  edit_runs_out();
  first_read_runs_out();
  read_runs_out(1);
  read_runs_out(2);
  threads_refused();
}
