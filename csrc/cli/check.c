/*
** check.c: `gavel check` (warnings) and `gavel extract` (every item).
** Files of one case (same case folder) are analysed together, so an
** exhibit described in evidence.md counts as defined for notes.md.
*/
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct note {
  char *path;
  char case_dir[PATH_MAX];
  gavel_doc *doc;
} note;

typedef struct run {
  gavel_engine *e;
  note *v;
  size_t n, cap;
  int failed;            /* files that could not be read */
  gavel_day today;
  int json;
  int threads;           /* a large file's lines are read on this many */
} run;

typedef struct flags {
  const char *today, *format, *vocab;
  int day_first;
  int threads;           /* --threads, 0: the machine's cores */
  int first_path;        /* argv index of the first PATH */
} flags;

/* Parses the flags check and extract share.  Returns 0, or 2 after
** printing why. */
static int parse_flags(int argc, char **argv, flags *f, int allow_format) {
  memset(f, 0, sizeof *f);
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--")) { i++; break; }
    if (a[0] != '-' || !a[1]) break;
    if (!strcmp(a, "--day-first")) { f->day_first = 1; continue; }
    if (!strcmp(a, "--threads")) {
      char *end;
      long n = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
      if (i + 1 >= argc || *end || n < 1 || n > 64)
        return cli_fail("%s: --threads wants a number from 1 to 64", argv[0]);
      f->threads = (int)n;
      i++;
      continue;
    }
    const char **slot = !strcmp(a, "--today") ? &f->today
                        : !strcmp(a, "--vocab") ? &f->vocab
                        : (allow_format && !strcmp(a, "--format")) ? &f->format
                        : NULL;
    if (!slot) return cli_fail("%s: unknown option '%s' (try: gavel --help)", argv[0], a);
    if (i + 1 >= argc) return cli_fail("%s: option '%s' needs a value", argv[0], a);
    *slot = argv[++i];
  }
  f->first_path = i;
  if (f->first_path >= argc) return cli_fail("%s: no PATH given (try: gavel --help)", argv[0]);
  if (f->format && strcmp(f->format, "text") != 0 && strcmp(f->format, "json") != 0)
    return cli_fail("%s: --format must be text or json, not '%s'", argv[0], f->format);
  if (f->today && cli_today(f->today) == GAVEL_NO_DAY)
    return cli_fail("%s: --today wants YYYY-MM-DD, not '%s'", argv[0], f->today);
  return 0;
}

static int add_note(const char *file, void *ud) {
  run *r = ud;
  char *text, err[200];
  size_t len;
  gavel_doc *d = NULL;
  if (cli_read_file(file, &text, &len, err, sizeof err) != 0) {
    cli_fail("%s: %s", file, err);
    r->failed++;
    return 0;
  }
  if (gavel_sniff(text, len) != GAVEL_OK) {
    cli_fail("%s: binary file, not case notes; skipped", file);
    free(text);
    r->failed++;
    return 0;
  }
  if (r->n == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 16;
    note *v = realloc(r->v, cap * sizeof *v);
    if (!v) { free(text); return cli_fail("out of memory"); }
    r->v = v;
    r->cap = cap;
  }
  if (gavel_doc_new(r->e, &d) != GAVEL_OK || gavel_doc_set_threads(d, r->threads) != GAVEL_OK ||
      gavel_doc_set_text(d, text, len) != GAVEL_OK) {
    cli_fail("%s: %s", file, d ? gavel_doc_errmsg(d) : "out of memory");
    gavel_doc_free(d);
    free(text);
    r->failed++;
    return 0;
  }
  free(text);
  note *nt = &r->v[r->n];
  nt->path = strdup(file);
  if (!nt->path) { gavel_doc_free(d); return cli_fail("out of memory"); }
  nt->doc = d;
  /* the case is the engine's: the nearest folder with a .gavel marker */
  if (!gavel_store_case_dir(file, nt->case_dir, sizeof nt->case_dir))
    snprintf(nt->case_dir, sizeof nt->case_dir, "%s", file);
  r->n++;
  return 0;
}

static void run_free(run *r) {
  for (size_t i = 0; i < r->n; i++) {
    gavel_doc_free(r->v[i].doc);
    free(r->v[i].path);
  }
  free(r->v);
  gavel_engine_free(r->e);
}

/* Reads every PATH and analyses each file with the other files of its case
** as peers.  Returns 0, or 2 after printing why. */
static int load(run *r, int argc, char **argv, const flags *f) {
  gavel_options o;
  char *vocab = NULL;
  memset(r, 0, sizeof *r);
  gavel_options_init(&o);
  o.day_first = f->day_first;
  if (f->vocab) {
    size_t len;
    char err[200];
    if (cli_read_file(f->vocab, &vocab, &len, err, sizeof err) != 0)
      return cli_fail("--vocab %s: %s", f->vocab, err);
    o.vocab = vocab;
  }
  r->e = cli_engine_opts(&o);
  free(vocab);
  if (!r->e) return 2;
  r->today = cli_today(f->today);
  r->threads = f->threads ? f->threads : cli_cores();
  r->json = f->format && !strcmp(f->format, "json");
  for (int i = f->first_path; i < argc; i++)
    if (cli_walk(argv[i], add_note, r) < 0) {
      cli_fail("%s: %s", argv[i], strerror(errno));
      r->failed++;
    }
  const gavel_doc **peers = malloc((r->n ? r->n : 1) * sizeof *peers);
  if (!peers) return cli_fail("out of memory");
  for (size_t i = 0; i < r->n; i++) {
    size_t np = 0;
    for (size_t k = 0; k < r->n; k++)
      if (k != i && !strcmp(r->v[k].case_dir, r->v[i].case_dir))
        peers[np++] = r->v[k].doc;
    if (gavel_doc_analyze(r->v[i].doc, r->today, peers, np) != GAVEL_OK) {
      cli_fail("%s: %s", r->v[i].path, gavel_doc_errmsg(r->v[i].doc));
      r->failed++;
    }
  }
  free(peers);
  return 0;
}

int cli_check(int argc, char **argv) {
  flags f;
  run r;
  size_t total = 0;
  int rc = parse_flags(argc, argv, &f, 1);
  if (rc) return rc;
  if ((rc = load(&r, argc, argv, &f)) != 0) { run_free(&r); return rc; }
  for (size_t i = 0; i < r.n; i++) {
    const gavel_warning *w;
    size_t n = gavel_doc_warnings(r.v[i].doc, &w);
    for (size_t k = 0; k < n; k++, total++) {
      const char *code = gavel_code_name(w[k].code);
      const char *sev = gavel_severity_name(w[k].severity);
      if (r.json) {
        fputs("{\"file\":", stdout);
        cli_json_str(stdout, r.v[i].path, strlen(r.v[i].path));
        printf(",\"line\":%u,\"col\":%u,\"end_line\":%u,\"end_col\":%u,"
               "\"severity\":\"%s\",\"code\":\"%s\",\"message\":",
               w[k].row + 1, w[k].col + 1, w[k].end_row + 1, w[k].end_col + 1,
               sev, code);
        cli_json_str(stdout, w[k].message, strlen(w[k].message));
        fputs("}\n", stdout);
      } else {
        printf("%s:%u:%u: %s: %s [%s]\n", r.v[i].path, w[k].row + 1,
               w[k].col + 1, sev, w[k].message, code);
      }
    }
  }
  rc = r.failed ? 2 : total ? 1 : 0;
  run_free(&r);
  return rc;
}

/* ---- extract --------------------------------------------------------- */

/* ,"key": */
static inline void put_key(cli_out *o, const char *key) {
  CLI_OUT_LIT(o, ",\"");
  cli_out_put(o, key, strlen(key));
  CLI_OUT_LIT(o, "\":");
}

static void put_day(cli_out *o, const char *key, gavel_day d, int minute) {
  int y, m, dd;
  put_key(o, key);
  if (d == GAVEL_NO_DAY) {
    CLI_OUT_LIT(o, "null");
    return;
  }
  CLI_OUT_LIT(o, "\"");
  /* as gavel_day_format: nothing for a day outside the years 0..9999 */
  if (gavel_day_to_ymd(d, &y, &m, &dd) == 0 && y >= 0 && y <= 9999) {
    cli_out_digits(o, (unsigned)y, 4);
    CLI_OUT_LIT(o, "-");
    cli_out_digits(o, (unsigned)m, 2);
    CLI_OUT_LIT(o, "-");
    cli_out_digits(o, (unsigned)dd, 2);
  }
  if (minute >= 0) {
    CLI_OUT_LIT(o, "T");
    cli_out_digits(o, (unsigned)(minute / 60), 2);
    CLI_OUT_LIT(o, ":");
    cli_out_digits(o, (unsigned)(minute % 60), 2);
  }
  CLI_OUT_LIT(o, "\"");
}

static inline void put_str(cli_out *o, const char *key, const char *s) {
  put_key(o, key);
  cli_out_json(o, s, strlen(s));
}

static inline void put_strn(cli_out *o, const char *key, const char *s, size_t n) {
  put_key(o, key);
  cli_out_json(o, s, n);
}

static inline void put_cents(cli_out *o, const char *key, int64_t cents) {
  put_key(o, key);
  if (cents < 0) {
    CLI_OUT_LIT(o, "null");
    return;
  }
  cli_out_uint(o, (unsigned long long)(cents / 100));
  CLI_OUT_LIT(o, ".");
  cli_out_digits(o, (unsigned)(cents % 100), 2);
}

static inline void put_int(cli_out *o, const char *key, long v) {
  put_key(o, key);
  if (v < 0) CLI_OUT_LIT(o, "null");
  else cli_out_uint(o, (unsigned long long)v);
}

static inline void put_signed(cli_out *o, const char *key, long v) {
  put_key(o, key);
  if (v < 0) CLI_OUT_LIT(o, "-");
  cli_out_uint(o, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v);
}

static inline void put_bool(cli_out *o, const char *key, int v) {
  put_key(o, key);
  if (v) CLI_OUT_LIT(o, "true");
  else CLI_OUT_LIT(o, "false");
}

/* A number as printf's %g writes it. */
static void put_g(cli_out *o, const char *key, double v) {
  char buf[32];
  int n = snprintf(buf, sizeof buf, "%g", v);
  put_key(o, key);
  cli_out_put(o, buf, n > 0 && (size_t)n < sizeof buf ? (size_t)n : 0);
}

static void put_terms(cli_out *o, const gavel_terms *t) {
  CLI_OUT_LIT(o, ",\"terms\":{\"charge\":");
  if (t->charge[0]) cli_out_json(o, t->charge, strlen(t->charge));
  else CLI_OUT_LIT(o, "null");
  put_int(o, "custody_months", t->custody_months);
  put_int(o, "probation_months", t->probation_months);
  put_cents(o, "fine", t->fine_cents);
  put_cents(o, "restitution", t->restitution_cents);
  put_int(o, "counts_dismissed", t->counts_dismissed);
  put_bool(o, "diversion", t->diversion);
  put_bool(o, "time_served", t->time_served);
  put_bool(o, "suspended", t->suspended);
  CLI_OUT_LIT(o, "}");
}

static void put_item(cli_out *o, const char *path, size_t pathlen,
                     const char *line, const gavel_item *it) {
  static const char *const kinds[] = {"", "date", "money", "duration", "term",
                                      "event", "header", "marker"};
  CLI_OUT_LIT(o, "{\"file\":");
  cli_out_json(o, path, pathlen);
  put_int(o, "line", (long)it->row + 1);
  put_int(o, "col", (long)it->col + 1);
  put_int(o, "end_col", (long)it->end_col + 1);
  put_str(o, "kind", it->kind < 8 ? kinds[it->kind] : "");
  CLI_OUT_LIT(o, ",\"text\":");
  cli_out_json(o, line + it->col, it->end_col - it->col);
  switch (it->kind) {
  case GAVEL_KIND_DATE:
    put_day(o, "value", it->day, it->minute);
    if (it->flags & GAVEL_F_ENTRY) CLI_OUT_LIT(o, ",\"entry\":true");
    break;
  case GAVEL_KIND_MONEY:
    put_cents(o, "value", it->cents);
    put_str(o, "currency", it->currency[0] ? it->currency : "USD");
    break;
  case GAVEL_KIND_DURATION:
    put_g(o, "value", it->value);
    put_str(o, "unit", it->unit);
    put_signed(o, "months", it->months);
    put_signed(o, "days", it->days);
    break;
  case GAVEL_KIND_TERM:
    put_str(o, "term", gavel_term_name(it->term) ? gavel_term_name(it->term) : "");
    if (it->term == GAVEL_TERM_FINE || it->term == GAVEL_TERM_RESTITUTION) put_cents(o, "value", it->cents);
    else if (it->term == GAVEL_TERM_CUSTODY || it->term == GAVEL_TERM_PROBATION) put_int(o, "months", it->months);
    else if (it->term == GAVEL_TERM_DISMISS) put_g(o, "value", it->value);
    else if (it->term == GAVEL_TERM_CHARGE) put_str(o, "what", it->what);
    break;
  case GAVEL_KIND_EVENT: {
    const char *party = gavel_party_name(it->party);
    put_str(o, "event", gavel_event_name(it->event) ? gavel_event_name(it->event) : "");
    if (party) put_str(o, "party", party);
    else CLI_OUT_LIT(o, ",\"party\":null");
    put_day(o, "date", it->day, -1);
    if (it->who[0]) put_str(o, "who", it->who);
    switch (it->event) {
    case GAVEL_EV_OFFER:
    case GAVEL_EV_COUNTER:
      put_terms(o, &it->terms);
      put_day(o, "expires", it->when, -1);
      if (it->flags & GAVEL_F_FINAL) CLI_OUT_LIT(o, ",\"final\":true");
      if (it->flags & GAVEL_F_SAME_TERMS) CLI_OUT_LIT(o, ",\"same_terms\":true");
      break;
    case GAVEL_EV_COURT_DATE:
    case GAVEL_EV_DEADLINE:
      put_day(o, "value", it->when, -1);
      put_str(o, "what", it->what);
      break;
    case GAVEL_EV_EVIDENCE_REF:
    case GAVEL_EV_EVIDENCE_DEF:
      put_str(o, "id", it->id);
      if (it->id_end[0]) put_str(o, "id_end", it->id_end);
      if (it->event == GAVEL_EV_EVIDENCE_DEF) {
        put_str(o, "what", it->what);
        if (it->path_len) put_strn(o, "path", line + it->path_col, it->path_len);
      }
      break;
    case GAVEL_EV_STRENGTH:
      put_str(o, "what", it->what);
      break;
    case GAVEL_EV_PREP:
      put_str(o, "what", it->what);
      put_bool(o, "done", (it->flags & GAVEL_F_DONE) != 0);
      break;
    case GAVEL_EV_ATTEMPT:
      if (it->flags & GAVEL_F_UNANSWERED) CLI_OUT_LIT(o, ",\"unanswered\":true");
      break;
    default:
      break;
    }
    break;
  }
  case GAVEL_KIND_HEADER:
    if (it->what[0]) put_str(o, "name", it->what);
    if (it->id[0]) put_str(o, "number", it->id);
    break;
  case GAVEL_KIND_MARKER:
    put_str(o, "code", it->what);
    put_bool(o, "snooze", (it->flags & GAVEL_F_SNOOZE) != 0);
    put_day(o, "until", it->day, -1);
    break;
  default:
    break;
  }
  CLI_OUT_LIT(o, "}\n");
}

/* Writes the items of rows [lo, hi) of note nt. */
static void put_rows(cli_out *o, const note *nt, size_t lo, size_t hi) {
  const gavel_doc *d = nt->doc;
  size_t pathlen = strlen(nt->path);
  for (size_t row = gavel_doc_next_row(d, lo); row < hi; row = gavel_doc_next_row(d, row + 1)) {
    const gavel_item *it;
    size_t n = gavel_doc_row_items(d, row, &it);
    const char *line = gavel_doc_line(d, row, NULL);
    for (size_t k = 0; k < n; k++) put_item(o, nt->path, pathlen, line, &it[k]);
  }
}

/* A stretch of a large note's rows, written into memory on a thread of
** its own while the stretch before it is written. */
typedef struct part {
  const note *nt;
  size_t lo, hi;
  cli_out out;
  pthread_t tid;
  int started;
} part;

static void *put_part(void *arg) {
  part *p = arg;
  put_rows(&p->out, p->nt, p->lo, p->hi);
  return NULL;
}

/* Writes every item of nt to o; a note of many lines is written in
** `threads` stretches, all but the first on threads of their own (a part
** that could not be done there is done here: the same bytes). */
static void put_note(cli_out *o, const note *nt, int threads) {
  size_t nrows = gavel_doc_line_count(nt->doc), np = (size_t)threads;
  part v[8];
  if (np > sizeof v / sizeof v[0]) np = sizeof v / sizeof v[0];
  if (np > nrows / GAVEL_THREAD_LINES) np = nrows / GAVEL_THREAD_LINES;
  if (np < 2) {
    put_rows(o, nt, 0, nrows);
    return;
  }
  for (size_t k = 0; k < np; k++) {
    v[k].nt = nt;
    v[k].lo = nrows * k / np;
    v[k].hi = nrows * (k + 1) / np;
    v[k].started = 0;
    cli_out_init(&v[k].out, NULL);
    if (k) v[k].started = pthread_create(&v[k].tid, NULL, put_part, &v[k]) == 0;
  }
  put_rows(o, nt, v[0].lo, v[0].hi);
  for (size_t k = 1; k < np; k++) {
    if (v[k].started) pthread_join(v[k].tid, NULL);
    if (v[k].started && !v[k].out.failed) {
      cli_out_flush(o);
      fwrite(v[k].out.buf, 1, v[k].out.n, stdout);
    } else {
      put_rows(o, nt, v[k].lo, v[k].hi);
    }
    cli_out_free(&v[k].out);
  }
}

int cli_extract(int argc, char **argv) {
  flags f;
  run r;
  cli_out o;
  int rc = parse_flags(argc, argv, &f, 0);
  if (rc) return rc;
  if ((rc = load(&r, argc, argv, &f)) != 0) { run_free(&r); return rc; }
  cli_out_init(&o, stdout);
  for (size_t i = 0; i < r.n; i++) put_note(&o, &r.v[i], r.threads);
  cli_out_flush(&o);
  cli_out_free(&o);
  rc = r.failed ? 2 : 0;
  run_free(&r);
  return rc;
}
