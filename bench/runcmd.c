/*
** runcmd.c: runs a command repeatedly and reports its wall time and peak
** memory, for the measures of whole processes (`gavel extract`, `gavel
** index`).
**
**   runcmd NAME RUNS [--before SHELL_CMD] -- CMD [ARG...]
**
** Runs CMD RUNS times (stdout and stderr to /dev/null; stdin from
** /dev/null), each after SHELL_CMD when given (not timed: e.g. removing a
** database so that each run is a first run).  Prints, for bench/run.sh:
**   NAME_ms     median p99 ms      wall time of one run
**   NAME_cpu    median p99 ms      user + system CPU time of one run (what
**                                  a busy machine does not inflate)
**   NAME_rss    median max KiB     peak resident set (getrusage of the child)
**   NAME_exit   first-status last-status code
** Exits 2 when CMD cannot be started.
*/
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#define _DEFAULT_SOURCE /* wait4 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

/* Runs argv once; stores wall and CPU seconds and peak KiB.  Returns the
** exit status (128+signal when killed), or -1 when it could not be started. */
static int run_once(char **argv, double *wall, double *cpu, long *rss) {
  struct rusage ru;
  int status = 0;
  double t0 = bench_now();
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
      dup2(null, 0);
      dup2(null, 1);
      dup2(null, 2);
    }
    execvp(argv[0], argv);
    _exit(127);
  }
  if (wait4(pid, &status, 0, &ru) < 0) return -1;
  *wall = bench_now() - t0;
  *rss = ru.ru_maxrss;
  *cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
         (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

int main(int argc, char **argv) {
  const char *before = NULL;
  int i = 3;
  if (argc < 5) goto usage;
  int runs = atoi(argv[2]);
  if (runs < 1) runs = 1;
  if (!strcmp(argv[i], "--before") && i + 1 < argc) {
    before = argv[i + 1];
    i += 2;
  }
  if (i >= argc || strcmp(argv[i], "--")) goto usage;
  i++;
  if (i >= argc) goto usage;
  double *ms = calloc((size_t)runs, sizeof *ms), *kb = calloc((size_t)runs, sizeof *kb);
  double *cp = calloc((size_t)runs, sizeof *cp);
  if (!ms || !kb || !cp) return 2;
  int first = 0, last = 0;
  for (int r = 0; r < runs; r++) {
    double wall = 0, cpu = 0;
    long rss = 0;
    if (before && system(before) != 0) {
      fprintf(stderr, "runcmd: --before command failed\n");
      return 2;
    }
    last = run_once(argv + i, &wall, &cpu, &rss);
    if (last < 0 || last == 127) {
      fprintf(stderr, "runcmd: cannot run %s\n", argv[i]);
      return 2;
    }
    if (r == 0) first = last;
    ms[r] = wall * 1e3;
    cp[r] = cpu * 1e3;
    kb[r] = (double)rss;
  }
  printf("%s_ms %.3f %.3f ms\n", argv[1], bench_pct(ms, runs, 0.5), bench_pct(ms, runs, 0.99));
  printf("%s_cpu %.3f %.3f ms\n", argv[1], bench_pct(cp, runs, 0.5), bench_pct(cp, runs, 0.99));
  double kb_med = bench_pct(kb, runs, 0.5); /* sorts kb */
  printf("%s_rss %.0f %.0f KiB\n", argv[1], kb_med, kb[runs - 1]);
  printf("%s_exit %d %d code\n", argv[1], first, last);
  free(ms);
  free(kb);
  free(cp);
  return 0;
usage:
  fprintf(stderr, "usage: runcmd NAME RUNS [--before SHELL_CMD] -- CMD [ARG...]\n");
  return 2;
}
