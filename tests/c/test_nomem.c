/*
** test_nomem.c: memory that runs out while a file is read, and threads
** that cannot be started.  The test binary is linked with malloc, calloc,
** realloc and pthread_create wrapped (see the Makefile): each passes
** through until a test arms it.  Then one allocation fails (the k-th from
** arming, for many k) and gavel_doc_set_text must fail cleanly: "out of
** memory", the document exactly as it was, nothing leaked (ASan, valgrind).
** A thread that cannot be started leaves its share to the caller.
*/
#include <pthread.h>
#include <stdlib.h>

#include "compare.h"
#include "test.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
int __real_pthread_create(pthread_t *t, const pthread_attr_t *a,
                          void *(*fn)(void *), void *arg);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
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
  };
  char *s = malloc(n * 80 + 1), *o = s;
  if (!s) return NULL;
  for (size_t i = 0; i < n; i++) {
    o += sprintf(o, kinds[(i + (size_t)salt) % 7], 1 + (int)((i + (size_t)salt) % 27));
    *o++ = '\n';
  }
  *o = 0;
  *len = (size_t)(o - s);
  return s;
}

static void read_runs_out(int threads) {
  size_t alen = 0, blen = 0, n = 2 * GAVEL_THREAD_LINES + 300;
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
    failures++;
    if (st == GAVEL_OK) { /* a failure that is allowed: giving back slack */
      char *got = cmp_join(d, &got_len);
      OK(got && got_len == blen && memcmp(got, b, blen) == 0, "read in spite of it");
      free(got);
      gavel_doc_set_text(d, a, alen);
      continue;
    }
    INT_EQ(st, GAVEL_ERR_NOMEM, "out of memory");
    OK(strstr(gavel_doc_errmsg(d), "out of memory") != NULL, "the message says so");
    char *got = cmp_join(d, &got_len);
    if (!got || got_len != alen || memcmp(got, a, alen) != 0)
      t_fail_at(__FILE__, __LINE__, "allocation %ld failed: the document changed", k);
    else
      t_passed++;
    free(got);
  }
  OK(failures > 40, "many allocations were made to fail");
  gavel_doc_free(d);
  free(a);
  free(b);
  t_case = NULL;
}

/* No thread can be started: the caller reads every stretch itself. */
static void threads_refused(void) {
  size_t len = 0, n = 3 * GAVEL_THREAD_LINES + 5;
  char *text = notes(n, 1, &len);
  gavel_doc *one = NULL, *many = NULL;
  char why[160];
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
    gavel_doc_analyze(one, today, NULL, 0);
    gavel_doc_analyze(many, today, NULL, 0);
    if (cmp_docs_equal(many, one, why, sizeof why) != 0)
      t_fail_at(__FILE__, __LINE__, "differs from a read on one thread: %s", why);
    else
      t_passed++;
  }
  gavel_doc_free(one);
  gavel_doc_free(many);
  free(text);
  t_case = NULL;
}

void suite_nomem(void) {
  read_runs_out(1);
  read_runs_out(2);
  threads_refused();
}
