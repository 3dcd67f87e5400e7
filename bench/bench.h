/*
** bench.h: what the bench programs share: a monotonic clock, the median
** and p99 of a sample, and an engine with the default options.  Static
** inline, so each program is still one file plus this header.
*/
#ifndef GAVEL_BENCH_H
#define GAVEL_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Seconds on the monotonic clock. */
static inline double bench_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline int bench_cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Sorts v (n > 0 values) and returns its p-quantile (0.5: the median). */
static inline double bench_pct(double *v, int n, double p) {
  qsort(v, (size_t)n, sizeof *v, bench_cmp);
  int i = (int)((double)n * p);
  return v[i >= n ? n - 1 : i];
}

#ifdef GAVEL_H
/* An engine with the default options, or NULL after saying why. */
static inline gavel_engine *bench_engine(const char *prog) {
  gavel_engine *e = NULL;
  char err[256];
  if (gavel_engine_new(NULL, &e, err, sizeof err) != GAVEL_OK) {
    fprintf(stderr, "%s: %s\n", prog, err);
    return NULL;
  }
  return e;
}
#endif

#endif /* GAVEL_BENCH_H */
