/*
** engine.c: benchmarks of the engine through its C API, single-threaded
** unless THREADS says otherwise.
**
**   engine FILE RUNS [KEYS [THREADS]]
**
** THREADS > 1 reads the text on that many threads (gavel_doc_set_threads);
** the keystroke measures stay on one.
**
** Prints one line per measure, "name median p99 unit", for bench/run.sh
** (for rates, "p99" is the rate of the slowest 1% of runs):
**   full_read_mbps   MB/s of gavel_doc_set_text + gavel_doc_analyze
**   full_read_lines  lines/s of the same
**   read_ms          gavel_doc_set_text alone (every line read: stage 1)
**   analyze_ms       the first gavel_doc_analyze after it (stage 2)
**   read_user_ms, read_sys_ms  CPU time of a full read (set_text and
**                    analyze), in the program and in the kernel (getrusage:
**                    the kernel's is mostly page faults of fresh memory)
**   read_faults      page faults of a full read
**   edit_us          one keystroke: gavel_doc_replace of one middle line,
**                    typing faster than the debounce (no analysis between)
**   edit_cold_us     the same when the analysis ran after every keystroke
**                    (it walks every item, evicting the caches)
**   analyze_us       the debounced analysis after each of those keystrokes
**   items            items found in the whole text (median = p99)
**   warnings         warnings raised (median = p99)
**   bytes, lines     the size of the input
**   ref_ms           a reference loop over the same text, before each read:
**                    no gavel code (see reference_ms), so that a run on a
**                    slowed core (a virtual machine's neighbours) can be
**                    told from a slow gavel
** The keystrokes type "called ADA, VM 3/14 $500 " into a fresh line in the
** middle of the text, one byte at a time (KEYS of them, 400 by default),
** pressing Enter every LINE_WIDTH bytes (the line splits: every row below
** moves), so that the edited line gains items and warnings change as they
** would while an attorney types.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "../csrc/gavel.h"
#include "bench.h"

#define LINE_WIDTH 75

/* Prints the median and the 99th percentile of the worst side: the
** slowest 1% of times, or for a rate (higher is better) the lowest 1%. */
static void report_dir(const char *name, double *v, int n, const char *unit, int rate) {
  double p99 = rate ? bench_pct(v, n, 0.01) : bench_pct(v, n, 0.99);
  printf("%s %.3f %.3f %s\n", name, bench_pct(v, n, 0.5), p99, unit);
}

static void report(const char *name, double *v, int n, const char *unit) {
  report_dir(name, v, n, unit, 0);
}

static void report_count(const char *name, double v, const char *unit) {
  printf("%s %.0f %.0f %s\n", name, v, v, unit);
}

static char *slurp(const char *path, long *len) {
  FILE *f = fopen(path, "rb");
  char *text = NULL;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (*len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
      (text = malloc((size_t)*len + 1)) != NULL &&
      fread(text, 1, (size_t)*len, f) != (size_t)*len) {
    free(text);
    text = NULL;
  }
  fclose(f);
  return text;
}

/* CPU seconds (user, system) and minor page faults so far. */
static void usage(double *user, double *sys, double *faults) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  *user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
  *sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
  *faults = (double)ru.ru_minflt;
}

/* One pass over the text that lower-cases each word and hashes it into a
** table: byte-at-a-time, branchy work like a read's, with nothing of
** gavel's.  Returns its time in ms; *sink (volatile) keeps the work from
** being optimised away. */
static double reference_ms(const char *text, long len, volatile uint32_t *sink) {
  uint32_t tab[4096] = {0};
  const unsigned char *u = (const unsigned char *)text;
  double t0 = bench_now();
  for (long i = 0; i < len;) {
    if ((unsigned)((u[i] | 0x20) - 'a') >= 26u) {
      i++;
      continue;
    }
    uint32_t h = 2166136261u;
    while (i < len && (unsigned)((u[i] | 0x20) - 'a') < 26u) h = (h ^ (u[i++] | 0x20u)) * 16777619u;
    tab[h & 4095]++;
  }
  double ms = (bench_now() - t0) * 1e3;
  for (int k = 0; k < 4096; k++) *sink += tab[k] * (uint32_t)k;
  return ms;
}

static size_t count_items(const gavel_doc *d) {
  size_t n = 0, rows = gavel_doc_line_count(d);
  for (size_t r = gavel_doc_next_row(d, 0); r < rows; r = gavel_doc_next_row(d, r + 1)) {
    const gavel_item *it;
    n += gavel_doc_row_items(d, r, &it);
  }
  return n;
}

/* Types `keys` bytes into a line opened at row `at`: edit[k] is the
** gavel_doc_replace of keystroke k and, with `pause`, an[k] the analysis
** that follows it (the debounce fired between every two keystrokes). */
static void type_keys(gavel_doc *d, size_t at, int keys, gavel_day today, int pause,
                      double *edit, double *an) {
  static const char typed[] = "called ADA, VM 3/14 $500 ";
  const char *empty[1] = {""};
  size_t zero[1] = {0}, mid = at, l = 0;
  char buf[LINE_WIDTH + 1];
  gavel_doc_replace(d, mid, mid, empty, zero, 1);
  gavel_doc_analyze(d, today, NULL, 0);
  for (int k = 0; k < keys; k++) {
    const char *lp[2] = {buf, ""};
    size_t ll[2] = {l, 0}, nl = 1;
    if (l >= LINE_WIDTH) { /* Enter: the typed line splits, typing goes on below */
      nl = 2;
      l = 0;
    } else {
      buf[l++] = typed[k % (int)(sizeof typed - 1)];
      ll[0] = l;
    }
    double t0 = bench_now();
    gavel_doc_replace(d, mid, mid + 1, lp, ll, nl);
    double t1 = bench_now();
    mid += nl - 1;
    edit[k] = (t1 - t0) * 1e6;
    if (pause) {
      gavel_doc_analyze(d, today, NULL, 0);
      an[k] = (bench_now() - t1) * 1e6;
    }
  }
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: engine FILE RUNS [KEYS [THREADS]]\n");
    return 2;
  }
  long len = 0;
  char *text = slurp(argv[1], &len);
  if (!text) {
    perror(argv[1]);
    return 2;
  }
  int runs = atoi(argv[2]);
  if (runs < 1) runs = 1;
  int keys = argc > 3 ? atoi(argv[3]) : 400;
  if (keys < 1) keys = 1;
  int threads = argc > 4 ? atoi(argv[4]) : 1;
  if (threads < 1) threads = 1;
  gavel_engine *e = bench_engine("engine");
  if (!e) {
    free(text);
    return 2;
  }
  gavel_day today = gavel_day_from_ymd(2025, 4, 10);
  double *mbps = calloc((size_t)runs, sizeof *mbps), *lps = calloc((size_t)runs, sizeof *lps);
  double *rd = calloc((size_t)runs, sizeof *rd), *an1 = calloc((size_t)runs, sizeof *an1);
  double *ut = calloc((size_t)runs, sizeof *ut), *st = calloc((size_t)runs, sizeof *st);
  double *pf = calloc((size_t)runs, sizeof *pf), *ref = calloc((size_t)runs, sizeof *ref);
  volatile uint32_t sink = 0;
  double *edit = calloc((size_t)keys, sizeof *edit), *an = calloc((size_t)keys, sizeof *an);
  if (!mbps || !lps || !rd || !an1 || !edit || !an || !ut || !st || !pf || !ref) return 2;
  size_t lines = 0, items = 0, warnings = 0;
  for (int i = 0; i < runs; i++) {
    gavel_doc *d = NULL;
    ref[i] = reference_ms(text, len, &sink);
    if (gavel_doc_new(e, &d) != GAVEL_OK || gavel_doc_set_threads(d, threads) != GAVEL_OK)
      return 2;
    double u0, s0, f0, u1, s1, f1;
    usage(&u0, &s0, &f0);
    double t0 = bench_now();
    if (gavel_doc_set_text(d, text, (size_t)len) != GAVEL_OK) {
      fprintf(stderr, "engine: %s\n", gavel_doc_errmsg(d));
      return 2;
    }
    double t1 = bench_now();
    if (gavel_doc_analyze(d, today, NULL, 0) != GAVEL_OK) {
      fprintf(stderr, "engine: %s\n", gavel_doc_errmsg(d));
      return 2;
    }
    double t2 = bench_now();
    usage(&u1, &s1, &f1);
    ut[i] = (u1 - u0) * 1e3;
    st[i] = (s1 - s0) * 1e3;
    pf[i] = f1 - f0;
    lines = gavel_doc_line_count(d);
    mbps[i] = (double)len / 1e6 / (t2 - t0);
    lps[i] = (double)lines / (t2 - t0);
    rd[i] = (t1 - t0) * 1e3;
    an1[i] = (t2 - t1) * 1e3;
    if (i == 0) {
      const gavel_warning *w;
      items = count_items(d);
      warnings = gavel_doc_warnings(d, &w);
    }
    gavel_doc_free(d);
  }
  report_dir("full_read_mbps", mbps, runs, "MB/s", 1);
  report_dir("full_read_lines", lps, runs, "lines/s", 1);
  report("read_ms", rd, runs, "ms");
  report("analyze_ms", an1, runs, "ms");
  report("read_user_ms", ut, runs, "ms");
  report("read_sys_ms", st, runs, "ms");
  report("read_faults", pf, runs, "count");
  report("ref_ms", ref, runs, "ms");

  /* keystrokes: open a line in the middle, then type into it */
  gavel_doc *d = NULL;
  if (gavel_doc_new(e, &d) != GAVEL_OK) return 2;
  gavel_doc_set_text(d, text, (size_t)len);
  gavel_doc_analyze(d, today, NULL, 0);
  type_keys(d, lines / 2, keys, today, 0, edit, NULL);
  report("edit_us", edit, keys, "us");
  type_keys(d, lines / 2 + 100, keys, today, 1, edit, an);
  report("edit_cold_us", edit, keys, "us");
  report("analyze_us", an, keys, "us");
  report_count("items", (double)items, "count");
  report_count("warnings", (double)warnings, "count");
  report_count("bytes", (double)len, "bytes");
  report_count("lines", (double)lines, "lines");
  gavel_doc_free(d);
  gavel_engine_free(e);
  free(edit);
  free(an);
  free(mbps);
  free(lps);
  free(rd);
  free(an1);
  free(ut);
  free(st);
  free(pf);
  free(ref);
  free(text);
  return 0;
}
