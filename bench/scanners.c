/*
** scanners.c: where the time of a full read goes, scanner by scanner.
**
**   scanners FILE [RUNS]
**
** Linked with -Wl,--wrap for gv_dates_scan, gv_money_scan,
** gv_evidence_scan, gv_events_scan, gv_court_scan, gv_compile and
** gv_match: each wrapper times the real function and counts the pattern
** matches it runs, so the engine is measured as built, with nothing
** compiled in.  Prints one line per scanner, "scan_NAME ms share%
** matches_per_line lines_with_items%", then "scan_total" (gv_read_line as
** a whole, with its pattern matches per line), "scan_mbps", the share of
** time spent in matches that found nothing and the throughput a perfect,
** free prefilter (skipping exactly those) would reach; then the
** costliest patterns, "pat ms share% calls_per_line hits% NAME" (NAME as
** given to gv_compile); last "dates_only_mbps", the same read with every
** scanner but the dates skipped (the figure to set beside a date parser).
** Clock reads cost ~20 ns a call (two per match
** are taken off the total): shares are exact enough to rank, not to the
** microsecond.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../csrc/internal.h"
#include "bench.h"

enum { S_DATES, S_MONEY, S_EVIDENCE, S_EVENTS, S_COURT, S_N };
static const char *const names[S_N] = {"dates", "money", "evidence", "events", "court"};

/* Bench-only counters (this is a measuring tool, not engine code). */
static double spent[S_N];
static unsigned long matches[S_N], productive[S_N], other_matches;
static int current = -1;
static int only = -1; /* >= 0: every other scanner is skipped (dates_only) */

/* Each compiled pattern's name, time and counts. */
#define MAX_PATS 1024
static struct pat {
  const pcre2_code *re;
  char name[64];
  double spent;
  unsigned long calls, hits;
} pats[MAX_PATS];
static int npats;
static double miss_spent; /* time in matches that found nothing */
static double match_spent; /* time in every match */

pcre2_code *__real_gv_compile(gavel_engine *e, const char *name, const char *pattern,
                              uint32_t flags, int twin, char *err, size_t errlen);
pcre2_code *__wrap_gv_compile(gavel_engine *e, const char *name, const char *pattern,
                              uint32_t flags, int twin, char *err, size_t errlen);
pcre2_code *__wrap_gv_compile(gavel_engine *e, const char *name, const char *pattern,
                              uint32_t flags, int twin, char *err, size_t errlen) {
  pcre2_code *re = __real_gv_compile(e, name, pattern, flags, twin, err, errlen);
  if (re && npats < MAX_PATS) {
    pats[npats].re = re;
    snprintf(pats[npats].name, sizeof pats[npats].name, "%s", name ? name : "?");
    npats++;
  }
  return re;
}

/* pats sorted by address once the engine is built: each match looks its
** pattern up in a few steps, not a walk (what the wrapper costs is then
** little beside the clock reads). */
static int by_address(const void *a, const void *b) {
  const pcre2_code *x = ((const struct pat *)a)->re, *y = ((const struct pat *)b)->re;
  return x < y ? -1 : x > y;
}

static struct pat *pat_of(const pcre2_code *re) {
  struct pat key;
  key.re = re;
  return bsearch(&key, pats, (size_t)npats, sizeof *pats, by_address);
}

static int by_spent(const void *a, const void *b) {
  double x = ((const struct pat *)a)->spent, y = ((const struct pat *)b)->spent;
  return x > y ? -1 : x < y;
}

int __real_gv_match(const gavel_engine *e, const pcre2_code *re, const char *s,
                    size_t len, size_t start, pcre2_match_data *md,
                    const gv_gate_at *at);
int __wrap_gv_match(const gavel_engine *e, const pcre2_code *re, const char *s,
                    size_t len, size_t start, pcre2_match_data *md,
                    const gv_gate_at *at);
int __wrap_gv_match(const gavel_engine *e, const pcre2_code *re, const char *s,
                    size_t len, size_t start, pcre2_match_data *md,
                    const gv_gate_at *at) {
  if (only >= 0) return __real_gv_match(e, re, s, len, start, md, at);
  if (current >= 0) matches[current]++;
  else other_matches++;
  struct pat *p = pat_of(re);
  double t0 = bench_now();
  int rc = __real_gv_match(e, re, s, len, start, md, at);
  double dt = bench_now() - t0;
  if (rc <= 0) miss_spent += dt;
  match_spent += dt;
  if (p) {
    p->spent += dt;
    p->calls++;
    p->hits += rc > 0;
  }
  return rc;
}

static int timed(int which, int (*fn)(const gavel_engine *, gv_line *),
                 const gavel_engine *e, gv_line *ln) {
  size_t before = ln->out->n;
  current = which;
  double t0 = bench_now();
  int rc = fn(e, ln);
  spent[which] += bench_now() - t0;
  current = -1;
  if (ln->out->n > before) productive[which]++;
  return rc;
}

#define WRAP(name, idx)                                                  \
  int __real_gv_##name##_scan(const gavel_engine *e, gv_line *ln);        \
  int __wrap_gv_##name##_scan(const gavel_engine *e, gv_line *ln);        \
  int __wrap_gv_##name##_scan(const gavel_engine *e, gv_line *ln) {       \
    if (only >= 0)                                                        \
      return only == (idx) ? __real_gv_##name##_scan(e, ln) : 0;          \
    return timed(idx, __real_gv_##name##_scan, e, ln);                    \
  }
WRAP(dates, S_DATES)
WRAP(money, S_MONEY)
WRAP(evidence, S_EVIDENCE)
WRAP(events, S_EVENTS)
WRAP(court, S_COURT)

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: scanners FILE [RUNS]\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  static char line[1 << 16];
  char **lines = NULL;
  size_t *lens = NULL, n = 0, cap = 0;
  while (fgets(line, sizeof line, f)) {
    size_t l = strlen(line);
    while (l && (line[l - 1] == '\n' || line[l - 1] == '\r')) l--;
    if (n == cap) {
      cap = cap ? cap * 2 : 1024;
      char **nl = realloc(lines, cap * sizeof *nl);
      size_t *ns = realloc(lens, cap * sizeof *ns);
      if (!nl || !ns) return 2;
      lines = nl;
      lens = ns;
    }
    lines[n] = malloc(l + 1);
    if (!lines[n]) return 2;
    memcpy(lines[n], line, l);
    lines[n][l] = 0;
    lens[n++] = l;
  }
  fclose(f);
  int runs = argc > 2 ? atoi(argv[2]) : 3;
  if (runs < 1) runs = 1;
  gavel_engine *e = bench_engine("scanners");
  if (!e) return 2;
  qsort(pats, (size_t)npats, sizeof *pats, by_address);
  pcre2_match_data *md = pcre2_match_data_create(GV_OVECTOR_PAIRS, NULL);
  gv_items out = {0};
  double total = 0;
  for (int r = 0; r < runs; r++)
    for (size_t i = 0; i < n; i++) {
      double t0 = bench_now();
      if (gv_read_line(e, md, lines[i], lens[i], &out) != 0) return 2;
      total += bench_now() - t0;
    }
  double lines_read = (double)n * runs;
  /* what the wrappers themselves cost: two clock reads per match */
  double c0 = bench_now();
  for (int i = 0; i < 100000; i++) (void)bench_now();
  double clock_cost = (bench_now() - c0) / 100000;
  unsigned long calls = other_matches;
  for (int k = 0; k < S_N; k++) calls += matches[k];
  double overhead = 2 * clock_cost * (double)calls;
  double raw_total = total; /* shares of the scanners are of this */
  if (total - overhead > match_spent) total -= overhead; /* else: too noisy to tell */
  for (int k = 0; k < S_N; k++)
    printf("scan_%s %.3f %.1f%% %.2f %.1f%%\n", names[k], spent[k] * 1e3 / runs,
           100.0 * spent[k] / raw_total, (double)matches[k] / lines_read,
           100.0 * (double)productive[k] / lines_read);
  printf("scan_total %.3f 100%% %.2f -\n", total * 1e3 / runs,
         (double)(matches[0] + matches[1] + matches[2] + matches[3] + matches[4] + other_matches) /
             lines_read);
  double bytes = 0;
  for (size_t i = 0; i < n; i++) bytes += (double)lens[i] + 1;
  printf("scan_mbps %.3f MB/s\n", bytes * runs / 1e6 / total);
  /* a perfect, free prefilter would run only the matches that find
  ** something: the ceiling of that fix */
  printf("scan_miss_share %.1f%% of the time is in matches that find nothing, "
         "%.1f%% in matches that find something, %.1f%% outside PCRE2\n",
         100.0 * miss_spent / total, 100.0 * (match_spent - miss_spent) / total,
         100.0 * (total - match_spent) / total);
  printf("scan_prefilter_ceiling_mbps %.3f MB/s\n",
         total > miss_spent ? bytes * runs / 1e6 / (total - miss_spent) : 0.0);
  qsort(pats, (size_t)npats, sizeof *pats, by_spent);
  for (int i = 0; i < npats && i < 25; i++)
    if (pats[i].calls)
      printf("pat %.3f %.1f%% %.2f %.1f%% %s\n", pats[i].spent * 1e3 / runs,
             100.0 * pats[i].spent / total, (double)pats[i].calls / lines_read,
             100.0 * (double)pats[i].hits / (double)pats[i].calls, pats[i].name);
  /* gavel reading dates only, the same way (layout, the gate looking up
  ** date words only, the date scanner, items sorted), untimed inside: what
  ** compares with a date parser such as chrono-node.  Best of the runs. */
  only = S_DATES;
  double best = 0;
  unsigned long dates = 0;
  for (int r = 0; r < runs; r++) {
    double t0 = bench_now();
    dates = 0;
    for (size_t i = 0; i < n; i++) {
      if (gv_read_line_only(e, md, lines[i], lens[i], GV_GATE_DATES | GV_GATE_DATEWORD | GV_GATE_DATEUNIT | GV_GATE_DATEREL,
                            &out) != 0)
        return 2;
      dates += out.n;
    }
    double dt = bench_now() - t0;
    if (r == 0 || dt < best) best = dt;
  }
  printf("dates_only_mbps %.3f MB/s (%lu dates)\n", bytes / 1e6 / best, dates);
  gv_items_free(&out);
  pcre2_match_data_free(md);
  gavel_engine_free(e);
  for (size_t i = 0; i < n; i++) free(lines[i]);
  free(lines);
  free(lens);
  return 0;
}
