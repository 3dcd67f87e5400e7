/*
** util.c: file reading, directory walking and JSON output for the CLI.
*/
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#define CLI_MAX_FILE (64u << 20)

int cli_fail(const char *fmt, ...) {
  va_list ap;
  fputs("gavel: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  return 2;
}

int cli_read_file(const char *path, char **buf, size_t *len, char *err,
                  size_t errlen) {
  FILE *f = fopen(path, "rb");
  struct stat st;
  char *b;
  size_t n;
  *buf = NULL;
  *len = 0;
  if (!f) {
    snprintf(err, errlen, "%s", strerror(errno));
    return -1;
  }
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    snprintf(err, errlen, "not a regular file");
    fclose(f);
    return -1;
  }
  if ((unsigned long long)st.st_size > CLI_MAX_FILE) {
    snprintf(err, errlen, "file is %lld bytes; gavel reads notes up to 64 MiB",
             (long long)st.st_size);
    fclose(f);
    return -1;
  }
  b = malloc((size_t)st.st_size + 1);
  if (!b) {
    snprintf(err, errlen, "out of memory");
    fclose(f);
    return -1;
  }
  n = fread(b, 1, (size_t)st.st_size, f);
  if (ferror(f)) {
    snprintf(err, errlen, "%s", strerror(errno));
    free(b);
    fclose(f);
    return -1;
  }
  fclose(f);
  b[n] = 0;
  *buf = b;
  *len = n;
  return 0;
}

static int is_notes_name(const char *name) {
  static const char *const exts[] = {".md", ".markdown", ".txt", ".notes"};
  size_t n = strlen(name);
  for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
    size_t k = strlen(exts[i]);
    if (n > k && strcmp(name + n - k, exts[i]) == 0) return 1;
  }
  return 0;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walks a directory; depth bounds symlink loops and absurd trees. */
static int walk_dir(const char *dir, int depth,
                    int (*fn)(const char *file, void *ud), void *ud) {
  DIR *dp;
  struct dirent *de;
  char **names = NULL;
  size_t n = 0, cap = 0;
  int rc = 0;
  if (depth > 32) return 0;
  dp = opendir(dir);
  if (!dp) return -1;
  while ((de = readdir(dp)) != NULL) {
    if (de->d_name[0] == '.') continue; /* hidden entries, . and .. */
    if (n == cap) {
      size_t nc = cap ? cap * 2 : 32;
      char **nn = realloc(names, nc * sizeof *nn);
      if (!nn) { rc = -1; errno = ENOMEM; break; }
      names = nn;
      cap = nc;
    }
    size_t len = strlen(dir) + strlen(de->d_name) + 2;
    names[n] = malloc(len);
    if (!names[n]) { rc = -1; errno = ENOMEM; break; }
    snprintf(names[n], len, "%s/%s", dir, de->d_name);
    n++;
  }
  closedir(dp);
  if (rc == 0 && n > 1) qsort(names, n, sizeof *names, cmp_names);
  for (size_t i = 0; i < n && rc == 0; i++) {
    struct stat st;
    if (stat(names[i], &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) rc = walk_dir(names[i], depth + 1, fn, ud) < 0 ? 0 : rc;
    else if (S_ISREG(st.st_mode) && is_notes_name(strrchr(names[i], '/') + 1))
      rc = fn(names[i], ud);
  }
  for (size_t i = 0; i < n; i++) free(names[i]);
  free(names);
  return rc;
}

int cli_walk(const char *path, int (*fn)(const char *file, void *ud),
             void *ud) {
  struct stat st;
  if (stat(path, &st) != 0) return -1;
  if (S_ISDIR(st.st_mode)) {
    char *p = strdup(path);
    int rc;
    if (!p) return -1;
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/') p[--n] = 0;
    rc = walk_dir(p, 0, fn, ud);
    free(p);
    return rc;
  }
  return fn(path, ud);
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n) {
  if (s[0] < 0x80) return 1;
  if (s[0] >= 0xC2 && s[0] <= 0xDF) return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
  if (s[0] >= 0xE0 && s[0] <= 0xEF) {
    if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
    if (s[0] == 0xE0 && s[1] < 0xA0) return 0;
    if (s[0] == 0xED && s[1] > 0x9F) return 0;
    return 3;
  }
  if (s[0] >= 0xF0 && s[0] <= 0xF4) {
    if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
        (s[3] & 0xC0) != 0x80)
      return 0;
    if (s[0] == 0xF0 && s[1] < 0x90) return 0;
    if (s[0] == 0xF4 && s[1] > 0x8F) return 0;
    return 4;
  }
  return 0;
}

/* Writes s[0..n) as a JSON string through put(ctx, bytes, count). */
static void json_str(const char *s, size_t n,
                     void (*put)(void *, const char *, size_t), void *ctx) {
  const unsigned char *p = (const unsigned char *)s;
  size_t run = 0; /* p[run..i) is written as it is, in one call */
  put(ctx, "\"", 1);
  for (size_t i = 0; i < n;) {
    unsigned char c = p[i];
    size_t k;
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      i++;
      continue;
    }
    if (c >= 0x80 && (k = utf8_len(p + i, n - i)) > 0) {
      i += k;
      continue;
    }
    put(ctx, s + run, i - run);
    if (c == '"') put(ctx, "\\\"", 2);
    else if (c == '\\') put(ctx, "\\\\", 2);
    else if (c == '\n') put(ctx, "\\n", 2);
    else if (c == '\r') put(ctx, "\\r", 2);
    else if (c == '\t') put(ctx, "\\t", 2);
    else if (c < 0x20) {
      char u[7] = {'\\', 'u', '0', '0', "0123456789abcdef"[c >> 4], "0123456789abcdef"[c & 15], 0};
      put(ctx, u, 6);
    } else
      put(ctx, "\\ufffd", 6);
    run = ++i;
  }
  put(ctx, s + run, n - run);
  put(ctx, "\"", 1);
}

static void put_file(void *f, const char *s, size_t n) {
  fwrite(s, 1, n, (FILE *)f);
}

void cli_json_str(FILE *f, const char *s, size_t n) {
  json_str(s, n, put_file, f);
}

/* A file's block. */
#define OUT_BLOCK ((size_t)1 << 15)

void cli_out_init(cli_out *o, FILE *f) {
  o->f = f;
  o->n = 0;
  o->failed = 0;
  o->buf = f ? malloc(OUT_BLOCK) : NULL;
  o->cap = o->buf ? OUT_BLOCK : 0; /* no block: every piece written alone */
}

void cli_out_free(cli_out *o) {
  free(o->buf);
  o->buf = NULL;
  o->n = o->cap = 0;
}

void cli_out_flush(cli_out *o) {
  if (o->f && o->n) fwrite(o->buf, 1, o->n, o->f);
  if (o->f) o->n = 0;
}

void cli_out_put_slow(cli_out *o, const char *s, size_t n) {
  if (o->f) {
    cli_out_flush(o);
    if (n > o->cap) fwrite(s, 1, n, o->f);
    else cli_out_put(o, s, n);
    return;
  }
  if (o->failed) return;
  size_t cap = o->cap ? 2 * o->cap : (size_t)1 << 16;
  while (cap < o->n + n) cap *= 2;
  char *b = realloc(o->buf, cap);
  if (!b) {
    o->failed = 1;
    return;
  }
  o->buf = b;
  o->cap = cap;
  cli_out_put(o, s, n);
}

static void put_out(void *o, const char *s, size_t n) {
  cli_out_put((cli_out *)o, s, n);
}

void cli_out_json(cli_out *o, const char *s, size_t n) {
  json_str(s, n, put_out, o);
}

void cli_out_digits(cli_out *o, unsigned v, int width) {
  char d[10];
  if (width > 10) width = 10;
  for (int i = width - 1; i >= 0; i--, v /= 10) d[i] = (char)('0' + v % 10);
  cli_out_put(o, d, (size_t)width);
}

void cli_out_uint(cli_out *o, unsigned long long v) {
  char d[20];
  int i = 20;
  do d[--i] = (char)('0' + v % 10);
  while (v /= 10);
  cli_out_put(o, d + i, (size_t)(20 - i));
}

int cli_cores(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

gavel_day cli_today(const char *s) {
  if (!s) return gavel_day_today();
  return gavel_day_parse(s, strlen(s));
}

char *cli_default_db(char *buf, size_t len) {
  const char *x = getenv("XDG_DATA_HOME"), *h = getenv("HOME");
  if (x && *x) snprintf(buf, len, "%s/gavel/index.db", x);
  else if (h && *h) snprintf(buf, len, "%s/.local/share/gavel/index.db", h);
  else return NULL;
  return buf;
}

gavel_engine *cli_engine(void) { return cli_engine_opts(NULL); }

gavel_engine *cli_engine_opts(const gavel_options *opts) {
  gavel_engine *e = NULL;
  char err[256];
  if (gavel_engine_new(opts, &e, err, sizeof err) != GAVEL_OK) {
    cli_fail("cannot start the engine: %s", err);
    return NULL;
  }
  return e;
}
