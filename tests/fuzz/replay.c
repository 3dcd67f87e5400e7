/*
** replay.c: runs every seed and every crash ever found through the fuzz
** harnesses' entry points, without libFuzzer, so `make test` keeps them
** fixed.  Each input runs in a child process (a crash or a hang of 60 s
** fails that input, not the run).  Prints one line per failing input and
** "N passed, N failed".
**
**   replay [DIR]            every file under DIR/{corpus,crashes}/<harness>/
**                           (DIR defaults to tests/fuzz)
**   replay HARNESS FILE...  the given files through one harness
*/
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

typedef int (*entry_fn)(const uint8_t *, size_t);

static const struct {
  const char *name;
  entry_fn run;
} harnesses[] = {
    {"extract", fz_extract},
    {"edits", fz_edits},
    {"options", fz_options},
};
#define NHARNESS (sizeof harnesses / sizeof harnesses[0])

typedef struct tally { int passed, failed; } tally;

/* Reads a whole file; NULL on failure. */
static uint8_t *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  uint8_t *buf = NULL;
  size_t cap = 0, n = 0;
  if (!f) return NULL;
  for (;;) {
    if (n == cap) {
      cap = cap ? cap * 2 : 4096;
      uint8_t *nb = realloc(buf, cap);
      if (!nb) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = nb;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  fclose(f);
  *len = n;
  return buf;
}

/* Runs one file in a child; counts it. */
static void run_one(entry_fn run, const char *harness, const char *path, tally *t) {
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    printf("FAIL %s: cannot fork\n", path);
    t->failed++;
    return;
  }
  if (pid == 0) {
    size_t len = 0;
    uint8_t *data = slurp(path, &len);
    if (!data) _exit(3);
    alarm(60);
    run(data, len);
    free(data);
    exit(0);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    t->passed++;
    return;
  }
  t->failed++;
  if (WIFSIGNALED(status))
    printf("FAIL %s [%s]: signal %d%s\n", path, harness, WTERMSIG(status),
           WTERMSIG(status) == SIGALRM ? " (took over 60 s)" : "");
  else
    printf("FAIL %s [%s]: exit %d\n", path, harness, WEXITSTATUS(status));
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file in dir (sorted, so the output is stable). */
static void run_dir(entry_fn run, const char *harness, const char *dir, tally *t) {
  DIR *dp = opendir(dir);
  struct dirent *de;
  char **names = NULL;
  size_t n = 0, cap = 0;
  if (!dp) return; /* a harness may have no crashes yet */
  while ((de = readdir(dp)) != NULL) {
    if (de->d_name[0] == '.') continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      char **nn = realloc(names, cap * sizeof *names);
      if (!nn) break;
      names = nn;
    }
    size_t l = strlen(dir) + strlen(de->d_name) + 2;
    names[n] = malloc(l);
    if (!names[n]) break;
    snprintf(names[n], l, "%s/%s", dir, de->d_name);
    n++;
  }
  closedir(dp);
  if (n) qsort(names, n, sizeof *names, by_name);
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) run_one(run, harness, names[i], t);
    free(names[i]);
  }
  free(names);
}

int main(int argc, char **argv) {
  tally t = {0, 0};
  if (argc >= 3) {
    size_t h = 0;
    while (h < NHARNESS && strcmp(harnesses[h].name, argv[1])) h++;
    if (h == NHARNESS) {
      fprintf(stderr, "replay: unknown harness '%s' (extract, edits, options)\n", argv[1]);
      return 2;
    }
    for (int i = 2; i < argc; i++) run_one(harnesses[h].run, argv[1], argv[i], &t);
  } else {
    const char *root = argc == 2 ? argv[1] : "tests/fuzz";
    static const char *const kinds[] = {"corpus", "crashes"};
    char dir[4096];
    for (size_t k = 0; k < 2; k++)
      for (size_t h = 0; h < NHARNESS; h++) {
        snprintf(dir, sizeof dir, "%s/%s/%s", root, kinds[k], harnesses[h].name);
        run_dir(harnesses[h].run, harnesses[h].name, dir, &t);
      }
  }
  printf("replay: %d passed, %d failed\n", t.passed, t.failed);
  return t.failed ? 1 : 0;
}
