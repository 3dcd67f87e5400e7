/*
** engine.c: benchmarks of the engine through its C API.
**
**   engine FILE RUNS
**
** Prints one line per measure, "name median p99 unit", for bench/run.sh:
**   full_read_mbps      MB/s of gavel_doc_set_text + gavel_doc_analyze
**   full_read_lines     lines/s of the same
**   edit_us             one keystroke: gavel_doc_replace of one middle line
**   analyze_us          the debounced pass after that keystroke
**   date_scan_mbps      MB/s of reading dates alone is not separable: skipped
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../csrc/gavel.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void report(const char *name, double *v, int n, const char *unit) {
  qsort(v, (size_t)n, sizeof *v, cmp);
  int p99 = (int)((double)n * 0.99);
  if (p99 >= n) p99 = n - 1;
  printf("%s %.3f %.3f %s\n", name, v[n / 2], v[p99], unit);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: engine FILE RUNS\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 2; }
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = malloc((size_t)len + 1);
  if (!text || fread(text, 1, (size_t)len, f) != (size_t)len) { fclose(f); return 2; }
  fclose(f);
  int runs = atoi(argv[2]);
  if (runs < 1) runs = 1;
  gavel_engine *e = NULL;
  char err[256];
  if (gavel_engine_new(NULL, &e, err, sizeof err) != GAVEL_OK) {
    fprintf(stderr, "engine: %s\n", err);
    return 2;
  }
  gavel_day today = gavel_day_from_ymd(2025, 4, 10);
  double *mbps = calloc((size_t)runs, sizeof *mbps), *lps = calloc((size_t)runs, sizeof *lps);
  size_t lines = 0;
  for (int i = 0; i < runs; i++) {
    gavel_doc *d = NULL;
    gavel_doc_new(e, &d);
    double t0 = now();
    gavel_doc_set_text(d, text, (size_t)len);
    gavel_doc_analyze(d, today, NULL, 0);
    double dt = now() - t0;
    lines = gavel_doc_line_count(d);
    mbps[i] = (double)len / 1e6 / dt;
    lps[i] = (double)lines / dt;
    gavel_doc_free(d);
  }
  report("full_read_mbps", mbps, runs, "MB/s");
  report("full_read_lines", lps, runs, "lines/s");

  /* keystrokes: type into the middle line, one character at a time */
  gavel_doc *d = NULL;
  gavel_doc_new(e, &d);
  gavel_doc_set_text(d, text, (size_t)len);
  gavel_doc_analyze(d, today, NULL, 0);
  int keys = 400;
  double *edit = calloc((size_t)keys, sizeof *edit), *an = calloc((size_t)keys, sizeof *an);
  size_t mid = lines / 2;
  char buf[1024];
  size_t l;
  const char *s = gavel_doc_line(d, mid, &l);
  if (l > 500) l = 500;
  memcpy(buf, s, l);
  for (int k = 0; k < keys; k++) {
    buf[l++] = "called ADA, VM 3/14 $500 "[k % 25];
    if (l >= sizeof buf - 1) l = 0;
    const char *lp[1] = {buf};
    size_t ll[1] = {l};
    double t0 = now();
    gavel_doc_replace(d, mid, mid + 1, lp, ll, 1);
    double t1 = now();
    gavel_doc_analyze(d, today, NULL, 0);
    double t2 = now();
    edit[k] = (t1 - t0) * 1e6;
    an[k] = (t2 - t1) * 1e6;
  }
  report("edit_us", edit, keys, "us");
  report("analyze_us", an, keys, "us");
  gavel_doc_free(d);
  gavel_engine_free(e);
  free(edit);
  free(an);
  free(mbps);
  free(lps);
  free(text);
  return 0;
}
