/*
** store_cmds.c: the case-index commands: index, cases, agenda, forget,
** export.  Each opens the index (--db, else the default path), asks the
** store, prints, and closes.  Exit codes: 0 ok, 2 usage or I/O error.
*/
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

typedef struct sflags {
  const char *db, *today, *format, *days, *vocab;
  int day_first, ics, csv;
  int first_arg;           /* argv index of the first positional argument */
  gavel_day day;           /* --today, or the system date */
  long ndays;
} sflags;

/* Option names each command takes (a space-separated list). */
static int takes(const char *allowed, const char *opt) {
  size_t n = strlen(opt);
  for (const char *p = allowed; (p = strstr(p, opt)); p += n)
    if ((p == allowed || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
      return 1;
  return 0;
}

/* Parses flags; returns 0, or 2 after saying why. */
static int parse(int argc, char **argv, const char *allowed, long days_default,
                 sflags *f) {
  int i = 1;
  memset(f, 0, sizeof *f);
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--")) {
      i++;
      break;
    }
    if (a[0] != '-' || !a[1]) break;
    if (!takes(allowed, a))
      return cli_fail("%s: unknown option '%s' (try: gavel --help)", argv[0], a);
    if (!strcmp(a, "--day-first")) { f->day_first = 1; continue; }
    if (!strcmp(a, "--ics")) { f->ics = 1; continue; }
    if (!strcmp(a, "--csv")) { f->csv = 1; continue; }
    const char **slot = !strcmp(a, "--db") ? &f->db
                        : !strcmp(a, "--today") ? &f->today
                        : !strcmp(a, "--format") ? &f->format
                        : !strcmp(a, "--vocab") ? &f->vocab
                        : &f->days;
    if (i + 1 >= argc) return cli_fail("%s: option '%s' needs a value", argv[0], a);
    *slot = argv[++i];
  }
  f->first_arg = i;
  if (f->format && strcmp(f->format, "text") != 0 && strcmp(f->format, "json") != 0)
    return cli_fail("%s: --format must be text or json, not '%s'", argv[0],
                    f->format);
  f->day = cli_today(f->today);
  if (f->day == GAVEL_NO_DAY)
    return cli_fail("%s: --today wants YYYY-MM-DD, not '%s'", argv[0], f->today);
  f->ndays = days_default;
  if (f->days) {
    char *end;
    f->ndays = strtol(f->days, &end, 10);
    if (!*f->days || *end || f->ndays < 0 || f->ndays > 36600)
      return cli_fail("%s: --days wants a number of days (0..36600), not '%s'",
                      argv[0], f->days);
  }
  return 0;
}

/* Opens the index; prints a pending notice once.  NULL after saying why
** (also when a writer (e) finds the index read-only). */
static gavel_store *open_store(const sflags *f, const gavel_engine *e) {
  char def[4096], err[512];
  const char *path = f->db;
  gavel_store *s = NULL;
  if (!path && !(path = cli_default_db(def, sizeof def))) {
    cli_fail("no index path: set XDG_DATA_HOME or HOME, or pass --db PATH");
    return NULL;
  }
  if (gavel_store_open(path, e, &s, err, sizeof err) != GAVEL_OK) {
    cli_fail("%s", err);
    return NULL;
  }
  const char *note = gavel_store_notice(s);
  if (e && gavel_store_readonly(s)) {
    cli_fail("%s", note ? note : "the case index is read-only");
    gavel_store_close(s);
    return NULL;
  }
  if (note) fprintf(stderr, "gavel: %s\n", note);
  return s;
}

/* The start of a query command: flags, no positional argument, the store.
** NULL after saying why (the command then exits 2). */
static gavel_store *open_query(int argc, char **argv, const char *allowed,
                               long days_default, sflags *f) {
  if (parse(argc, argv, allowed, days_default, f)) return NULL;
  if (f->first_arg < argc) {
    cli_fail("%s: unexpected argument '%s'", argv[0], argv[f->first_arg]);
    return NULL;
  }
  return open_store(f, NULL);
}

/* A query that failed: says why, closes the store, returns 2. */
static int query_failed(gavel_store *s) {
  int rc = cli_fail("%s", gavel_store_errmsg(s));
  gavel_store_close(s);
  return rc;
}

static char *fmt_day(gavel_day d, char *buf) {
  if (d == GAVEL_NO_DAY) {
    strcpy(buf, "-");
    return buf;
  }
  return gavel_day_format(d, buf);
}

static void json_key(FILE *o, const char *key, const char *val, int first) {
  fprintf(o, "%s\"%s\":", first ? "" : ",", key);
  cli_json_str(o, val, strlen(val));
}

static void json_day(FILE *o, const char *key, gavel_day d) {
  char b[16];
  if (d == GAVEL_NO_DAY) fprintf(o, ",\"%s\":null", key);
  else fprintf(o, ",\"%s\":\"%s\"", key, gavel_day_format(d, b));
}

/* ---- gavel index ------------------------------------------------------ */

typedef struct bar {
  int tty;
  int shown;               /* the percentage last drawn, -1 none */
} bar;

static int progress(void *ud, size_t done, size_t total) {
  bar *b = ud;
  if (!b->tty || total == 0) return 0;
  int pct = (int)(done * 100 / total);
  if (pct == b->shown && done != total) return 0;
  b->shown = pct;
  int width = 30, fill = (int)(done * (size_t)width / total);
  fprintf(stderr, "\r[%.*s%*s] %zu/%zu", fill,
          "##############################", width - fill, "", done, total);
  if (done == total) fputs("\r\033[K", stderr);
  fflush(stderr);
  return 0;
}

int cli_index(int argc, char **argv) {
  sflags f;
  gavel_options opts;
  char *vocab = NULL;
  struct timespec t0, t1;
  gavel_index_stats stats = {0, 0, 0, 0};
  int rc = 0;
  if (parse(argc, argv, "--db --today --day-first --vocab", 0, &f)) return 2;
  if (f.first_arg >= argc)
    return cli_fail("index: no DIR given (usage: gavel index [--db PATH] DIR...)");
  gavel_options_init(&opts);
  opts.day_first = f.day_first;
  if (f.vocab) {
    char err[200];
    size_t len;
    if (cli_read_file(f.vocab, &vocab, &len, err, sizeof err) != 0)
      return cli_fail("%s: %s", f.vocab, err);
    opts.vocab = vocab;
  }
  gavel_engine *e = cli_engine_opts(&opts);
  free(vocab);
  if (!e) return 2;
  gavel_store *s = open_store(&f, e);
  if (!s) {
    gavel_engine_free(e);
    return 2;
  }
  bar b = {isatty(2), -1};
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int i = f.first_arg; i < argc && rc == 0; i++) {
    b.shown = -1;
    if (gavel_store_index_dir(s, argv[i], f.day, progress, &b, &stats) !=
        GAVEL_OK)
      rc = cli_fail("%s", gavel_store_errmsg(s));
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double secs = (double)(t1.tv_sec - t0.tv_sec) +
                (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  uint32_t total = stats.read + stats.skipped + stats.failed;
  printf("indexed %u file%s (%u read, %u skipped, %u removed", total,
         total == 1 ? "" : "s", stats.read, stats.skipped, stats.removed);
  if (stats.failed) printf(", %u unreadable", stats.failed);
  printf(") in %.2f s\n", secs);
  gavel_store_close(s);
  gavel_engine_free(e);
  return rc;
}

/* ---- gavel cases ------------------------------------------------------ */

/* Copies s into buf cut to at most `width` characters (UTF-8 aware), with
** "..." when cut. */
static const char *clip(const char *s, int width, char *buf, size_t len) {
  size_t i = 0, chars = 0, n = strlen(s), cut = n;
  for (i = 0; i < n; i++) {
    if (((unsigned char)s[i] & 0xC0) == 0x80) continue;
    if ((int)chars == width - 3 && cut == n) cut = i;
    chars++;
  }
  if ((int)chars <= width) cut = n;
  snprintf(buf, len, "%.*s%s", (int)cut, s, cut < n ? "..." : "");
  return buf;
}

/* Pads to `width` display characters (counting UTF-8 sequences once). */
static void put_col(FILE *o, const char *s, int width) {
  int chars = 0;
  for (const char *p = s; *p; p++)
    if (((unsigned char)*p & 0xC0) != 0x80) chars++;
  fputs(s, o);
  for (; chars < width; chars++) putc(' ', o);
  putc(' ', o);
}

static void state_text(const gavel_case_info *c, char *buf, size_t len) {
  char d[16];
  if (c->state == GAVEL_STATE_OFFER_OPEN && c->offer_expires != GAVEL_NO_DAY)
    snprintf(buf, len, "offer open until %s", gavel_day_format(c->offer_expires, d));
  else snprintf(buf, len, "%s", gavel_state_name((gavel_state)c->state));
}

static void case_json(FILE *o, const gavel_case_info *c) {
  char st[64];
  fputc('{', o);
  json_key(o, "dir", c->dir, 1);
  json_key(o, "name", c->name, 0);
  json_key(o, "number", c->number, 0);
  state_text(c, st, sizeof st);
  json_key(o, "state", gavel_state_name((gavel_state)c->state), 0);
  json_key(o, "state_text", st, 0);
  fprintf(o, ",\"files\":%u", c->nfiles);
  json_key(o, "offer", c->offer, 0);
  json_day(o, "offer_date", c->offer_day);
  json_day(o, "offer_expires", c->offer_expires);
  if (c->offer_file) {
    json_key(o, "offer_file", c->offer_file, 0);
    fprintf(o, ",\"offer_line\":%u", c->offer_row + 1);
  }
  json_day(o, "last_response", c->last_response);
  if (c->days_since_response >= 0)
    fprintf(o, ",\"days_since_response\":%d", (int)c->days_since_response);
  else fputs(",\"days_since_response\":null", o);
  json_day(o, "next_date", c->next_day);
  json_key(o, "next_what", c->next_what, 0);
  if (c->next_file) {
    json_key(o, "next_file", c->next_file, 0);
    fprintf(o, ",\"next_line\":%u", c->next_row + 1);
  }
  fputs(",\"warnings\":{", o);
  int first = 1;
  for (int k = 0; k < GAVEL_W_COUNT; k++) {
    if (!c->warnings[k]) continue;
    fprintf(o, "%s\"%s\":%u", first ? "" : ",", gavel_code_name((gavel_code)k),
            c->warnings[k]);
    first = 0;
  }
  fprintf(o, "},\"warning_count\":%u", c->nwarnings);
  json_key(o, "file", c->open_file ? c->open_file : "", 0);
  fprintf(o, ",\"line\":%u}\n", c->open_row + 1);
}

int cli_cases(int argc, char **argv) {
  sflags f;
  const gavel_case_info *v;
  gavel_store *s = open_query(argc, argv, "--db --today --format", 0, &f);
  if (!s) return 2;
  size_t n = gavel_store_cases(s, f.day, &v);
  if (!v) n = 0; /* nothing, or an error said below */
  if (!v && *gavel_store_errmsg(s)) return query_failed(s);
  int json = f.format && !strcmp(f.format, "json");
  if (!json && n == 0)
    puts("no cases indexed (gavel index DIR adds them)");
  else if (!json) {
    char b[160], d[16], st[64], next[96], resp[16];
    printf("%-28s %-26s %-30s %-5s %-30s %s\n", "CASE", "STATE", "LATEST OFFER",
           "RESP", "NEXT", "WARN  OPEN AT");
    for (size_t i = 0; i < n; i++) {
      const gavel_case_info *c = &v[i];
      char name[160];
      if (c->number[0]) snprintf(name, sizeof name, "%s (%s)", c->name, c->number);
      else snprintf(name, sizeof name, "%s", c->name);
      put_col(stdout, clip(name, 28, b, sizeof b), 28);
      state_text(c, st, sizeof st);
      put_col(stdout, st, 26);
      put_col(stdout, clip(c->offer[0] ? c->offer : "-", 30, b, sizeof b), 30);
      if (c->days_since_response >= 0)
        snprintf(resp, sizeof resp, "%dd", (int)c->days_since_response);
      else strcpy(resp, "-");
      put_col(stdout, resp, 5);
      if (c->next_day != GAVEL_NO_DAY)
        snprintf(next, sizeof next, "%s %s", fmt_day(c->next_day, d), c->next_what);
      else strcpy(next, "-");
      put_col(stdout, clip(next, 30, b, sizeof b), 30);
      printf("%-5u %s:%u\n", c->nwarnings, c->open_file ? c->open_file : "",
             c->open_row + 1);
    }
  } else {
    for (size_t i = 0; i < n; i++) case_json(stdout, &v[i]);
  }
  gavel_store_close(s);
  return 0;
}

/* ---- gavel agenda ----------------------------------------------------- */

static const char *agenda_kind(const gavel_agenda_item *a) {
  return a->event == GAVEL_EV_OFFER ? "offer_expires"
                                    : gavel_event_name((gavel_event)a->event);
}

static void hhmm(int minute, char *buf) {
  if (minute < 0) strcpy(buf, "     ");
  else snprintf(buf, 8, "%02d:%02d", (minute / 60) % 24, minute % 60);
}

int cli_agenda(int argc, char **argv) {
  static const char *const wd[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                   "Thursday", "Friday", "Saturday"};
  sflags f;
  const gavel_agenda_item *v;
  gavel_store *s = open_query(argc, argv, "--db --today --days --format", 14, &f);
  if (!s) return 2;
  size_t n = gavel_store_agenda(s, f.day, f.day + (gavel_day)f.ndays, &v);
  if (!v) n = 0; /* nothing, or an error said below */
  if (!v && *gavel_store_errmsg(s)) return query_failed(s);
  int json = f.format && !strcmp(f.format, "json");
  char d[16], t[8];
  if (!json && n == 0)
    printf("nothing in the next %ld days\n", f.ndays);
  for (size_t i = 0; i < n; i++) {
    const gavel_agenda_item *a = &v[i];
    if (json) {
      fputc('{', stdout);
      fprintf(stdout, "\"date\":\"%s\"", gavel_day_format(a->day, d));
      if (a->minute >= 0) {
        hhmm(a->minute, t);
        fprintf(stdout, ",\"time\":\"%s\"", t);
      } else fputs(",\"time\":null", stdout);
      json_key(stdout, "kind", agenda_kind(a), 0);
      json_key(stdout, "what", a->what, 0);
      json_key(stdout, "case", a->case_name, 0);
      json_key(stdout, "case_dir", a->case_dir, 0);
      json_key(stdout, "file", a->file, 0);
      fprintf(stdout, ",\"line\":%u}\n", a->row + 1);
      continue;
    }
    if (i == 0 || v[i - 1].day != a->day) {
      long in = (long)(a->day - f.day);
      printf("%s%-9s %s%s\n", i ? "\n" : "", wd[gavel_day_weekday(a->day)],
             gavel_day_format(a->day, d),
             in == 0 ? "  (today)" : in == 1 ? "  (tomorrow)" : "");
    }
    char what[160], name[160];
    hhmm(a->minute, t);
    printf("  %s  ", t);
    put_col(stdout, clip(a->what, 30, what, sizeof what), 30);
    put_col(stdout, clip(a->case_name, 28, name, sizeof name), 28);
    printf("%s:%u\n", a->file, a->row + 1);
  }
  gavel_store_close(s);
  return 0;
}

/* ---- gavel forget ----------------------------------------------------- */

int cli_forget(int argc, char **argv) {
  sflags f;
  uint32_t nfiles = 0;
  if (parse(argc, argv, "--db", 0, &f)) return 2;
  if (f.first_arg + 1 != argc)
    return cli_fail("forget: give exactly one CASE_DIR (usage: gavel forget "
                    "[--db PATH] CASE_DIR)");
  gavel_store *s = open_store(&f, NULL);
  if (!s) return 2;
  gavel_status st = gavel_store_forget(s, argv[f.first_arg], &nfiles);
  int rc = 0;
  if (st != GAVEL_OK) rc = cli_fail("%s", gavel_store_errmsg(s));
  else if (nfiles == 0) printf("%s: not in the index\n", argv[f.first_arg]);
  else printf("forgot %s (%u file%s)\n", argv[f.first_arg], nfiles,
              nfiles == 1 ? "" : "s");
  gavel_store_close(s);
  return rc;
}

/* ---- gavel export ----------------------------------------------------- */

/* Writes iCalendar content lines: CRLF ends, folded before 75 octets
** without splitting a UTF-8 sequence. */
typedef struct ics {
  FILE *o;
} ics;

static void ics_line(ics *w, const char *s) {
  size_t n = strlen(s), i = 0, lim = 75;
  while (n - i > lim) {
    size_t cut = i + lim;
    while (cut > i + 1 && ((unsigned char)s[cut] & 0xC0) == 0x80) cut--;
    fwrite(s + i, 1, cut - i, w->o);
    fputs("\r\n ", w->o);
    i = cut;
    lim = 74; /* the leading space of a continuation counts */
  }
  fwrite(s + i, 1, n - i, w->o);
  fputs("\r\n", w->o);
}

/* Appends TEXT-escaped s to buf (RFC 5545 3.3.11); control bytes dropped. */
static void ics_text(char *buf, size_t len, const char *s) {
  size_t o = strlen(buf);
  for (; *s && o + 3 < len; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '\\' || c == ';' || c == ',') buf[o++] = '\\', buf[o++] = (char)c;
    else if (c == '\n') buf[o++] = '\\', buf[o++] = 'n';
    else if (c >= 0x20 && c != 0x7f) buf[o++] = (char)c;
  }
  buf[o] = '\0';
}

/* Appends s as a file: URI path (percent-encoding all but unreserved and
** '/'). */
static void uri_path(char *buf, size_t len, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  size_t o = strlen(buf);
  for (; *s && o + 4 < len; s++) {
    unsigned char c = (unsigned char)*s;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
        (c >= '0' && c <= '9') || strchr("/-._~", c))
      buf[o++] = (char)c;
    else {
      buf[o++] = '%';
      buf[o++] = hex[c >> 4];
      buf[o++] = hex[c & 15];
    }
  }
  buf[o] = '\0';
}

static uint64_t fnv(uint64_t h, const char *s) {
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 1099511628211ull;
  }
  h ^= 0xff; /* field separator */
  return h * 1099511628211ull;
}

static void ics_event(ics *w, const gavel_agenda_item *a, const char *stamp) {
  char line[8192], d[16];
  int y, m, dd;
  const char *kind = agenda_kind(a);
  /* Identity: case, kind, what and day; not the file or line, which move
  ** as notes are edited. */
  uint64_t h = 14695981039346656037ull;
  h = fnv(h, a->case_dir);
  h = fnv(h, kind);
  h = fnv(h, a->what);
  h = fnv(h, gavel_day_format(a->day, d));
  ics_line(w, "BEGIN:VEVENT");
  snprintf(line, sizeof line, "UID:%016llx@gavel", (unsigned long long)h);
  ics_line(w, line);
  snprintf(line, sizeof line, "DTSTAMP:%s", stamp);
  ics_line(w, line);
  gavel_day_to_ymd(a->day, &y, &m, &dd);
  if (a->minute >= 0) {
    snprintf(line, sizeof line, "DTSTART:%04d%02d%02dT%02d%02d00", y, m, dd,
             (a->minute / 60) % 24, a->minute % 60);
    ics_line(w, line);
    ics_line(w, "DURATION:PT1H");
  } else {
    snprintf(line, sizeof line, "DTSTART;VALUE=DATE:%04d%02d%02d", y, m, dd);
    ics_line(w, line);
    gavel_day_to_ymd(a->day + 1, &y, &m, &dd);
    snprintf(line, sizeof line, "DTEND;VALUE=DATE:%04d%02d%02d", y, m, dd);
    ics_line(w, line);
  }
  strcpy(line, "SUMMARY:");
  ics_text(line, sizeof line, a->what);
  ics_text(line, sizeof line, ": ");
  ics_text(line, sizeof line, a->case_name);
  ics_line(w, line);
  char where[4200];
  snprintf(where, sizeof where, "%s:%u", a->file, a->row + 1);
  strcpy(line, "DESCRIPTION:");
  ics_text(line, sizeof line, kind);
  ics_text(line, sizeof line, ": ");
  ics_text(line, sizeof line, a->what);
  ics_text(line, sizeof line, "\n");
  ics_text(line, sizeof line, a->case_name);
  ics_text(line, sizeof line, "\nnotes: ");
  ics_text(line, sizeof line, where);
  ics_line(w, line);
  strcpy(line, "URL:file://");
  uri_path(line, sizeof line, a->file);
  ics_line(w, line);
  strcpy(line, "CATEGORIES:gavel,");
  ics_text(line, sizeof line, kind);
  ics_line(w, line);
  ics_line(w, "TRANSP:TRANSPARENT");
  ics_line(w, "END:VEVENT");
}

static int export_ics(gavel_store *s, const sflags *f) {
  const gavel_agenda_item *v;
  char stamp[32];
  time_t now = time(NULL);
  struct tm tmv;
  ics w = {stdout};
  size_t n = gavel_store_agenda(s, f->day, f->day + (gavel_day)f->ndays, &v);
  if (!v) n = 0; /* nothing, or an error said below */
  if (!v && *gavel_store_errmsg(s)) return cli_fail("%s", gavel_store_errmsg(s));
  gmtime_r(&now, &tmv);
  strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tmv);
  ics_line(&w, "BEGIN:VCALENDAR");
  ics_line(&w, "VERSION:2.0");
  ics_line(&w, "PRODID:-//gavel//gavel " GAVEL_VERSION "//EN");
  ics_line(&w, "CALSCALE:GREGORIAN");
  ics_line(&w, "X-WR-CALNAME:gavel");
  for (size_t i = 0; i < n; i++) ics_event(&w, &v[i], stamp);
  ics_line(&w, "END:VCALENDAR");
  return ferror(stdout) ? cli_fail("export: cannot write the calendar") : 0;
}

/* RFC 4180 field: quoted when it holds a comma, quote or line break. */
static void csv_field(FILE *o, const char *s, int last) {
  if (strpbrk(s, ",\"\r\n")) {
    putc('"', o);
    for (; *s; s++) {
      if (*s == '"') putc('"', o);
      putc(*s, o);
    }
    putc('"', o);
  } else {
    fputs(s, o);
  }
  fputs(last ? "\r\n" : ",", o);
}

static void csv_num(FILE *o, long long v, int cents) {
  if (v < 0) putc(',', o);
  else if (cents) fprintf(o, "%lld.%02lld,", v / 100, v % 100);
  else fprintf(o, "%lld,", v);
}

static int export_csv(gavel_store *s) {
  const gavel_store_round *v;
  char d[16], line[32];
  size_t n = gavel_store_rounds(s, &v);
  if (!v) n = 0; /* nothing, or an error said below */
  if (!v && *gavel_store_errmsg(s)) return cli_fail("%s", gavel_store_errmsg(s));
  fputs("case,number,case_dir,file,line,date,event,party,who,charge,"
        "custody_months,probation_months,fine,restitution,counts_dismissed,"
        "diversion,time_served,suspended,expires,change\r\n", stdout);
  for (size_t i = 0; i < n; i++) {
    const gavel_store_round *r = &v[i];
    const gavel_terms *t = &r->terms;
    const char *party = gavel_party_name((gavel_party)r->party);
    csv_field(stdout, r->case_name, 0);
    csv_field(stdout, r->case_number, 0);
    csv_field(stdout, r->case_dir, 0);
    csv_field(stdout, r->file, 0);
    snprintf(line, sizeof line, "%u", r->row + 1);
    csv_field(stdout, line, 0);
    csv_field(stdout, r->day == GAVEL_NO_DAY ? "" : gavel_day_format(r->day, d), 0);
    csv_field(stdout, gavel_event_name((gavel_event)r->event), 0);
    csv_field(stdout, party ? party : "", 0);
    csv_field(stdout, r->who, 0);
    csv_field(stdout, t->charge, 0);
    csv_num(stdout, t->time_served ? 0 : t->custody_months, 0);
    csv_num(stdout, t->probation_months, 0);
    csv_num(stdout, t->fine_cents, 1);
    csv_num(stdout, t->restitution_cents, 1);
    csv_num(stdout, t->counts_dismissed, 0);
    fprintf(stdout, "%d,%d,%d,", t->diversion, t->time_served, t->suspended);
    csv_field(stdout, r->expires == GAVEL_NO_DAY ? "" : gavel_day_format(r->expires, d), 0);
    csv_field(stdout, r->change, 1);
  }
  return ferror(stdout) ? cli_fail("export: cannot write the CSV") : 0;
}

int cli_export(int argc, char **argv) {
  sflags f;
  gavel_store *s = open_query(argc, argv, "--db --today --days --ics --csv",
                              3650, &f);
  if (!s) return 2;
  if (f.ics == f.csv) {
    gavel_store_close(s);
    return cli_fail("export: give one of --ics or --csv");
  }
  int rc = f.ics ? export_ics(s, &f) : export_csv(s);
  gavel_store_close(s);
  return rc;
}
