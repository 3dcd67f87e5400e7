/* main.c: runs every C suite and prints the closing count. */
#include <stdarg.h>
#include <stdlib.h>

#include "compare.h"
#include "test.h"

int t_passed, t_failed;
const char *t_case;

static gavel_engine *engine, *engine_all;
static pcre2_match_data *md;
static gv_items line_items, all_items, peer_items;

void t_fail_at(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  t_failed++;
  fprintf(stderr, "FAIL %s:%d: ", file, line);
  if (t_case) fprintf(stderr, "[%s] ", t_case);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

const gavel_engine *t_engine(void) { return engine; }

/* Reads s with `all` (no shortcuts) into scratch and counts a failure
** unless that equals got, item for item (compare.h's equality). */
static void same_without_shortcuts(const gavel_engine *all, pcre2_match_data *m,
                                   const char *s, size_t len,
                                   const gv_items *got, gv_items *scratch) {
  size_t i = 0;
  if (!all) return; /* counted when it could not be made */
  if (gv_read_line(all, m, s, len, scratch) != 0) {
    t_fail_at(__FILE__, __LINE__, "gv_read_line failed without shortcuts");
    return;
  }
  if (scratch->n == got->n)
    while (i < got->n && cmp_items_equal(&scratch->v[i], &got->v[i])) i++;
  if (scratch->n != got->n || i < got->n)
    t_fail_at(__FILE__, __LINE__,
              "the shortcuts change what \"%.*s\" reads: %zu items, %zu "
              "without them; the first difference is item %zu",
              (int)(len > 200 ? 200 : len), s, got->n, scratch->n, i);
}

/* Reads s as a peer document does (evidence only: the gate looks up only
** the evidence words) and counts a failure unless that gives exactly the
** evidence items of the whole reading got. */
static void same_as_peer(const char *s, size_t len, const gv_items *got) {
  size_t k = 0;
  int bad = gv_read_line_only(engine, md, s, len, GV_GATE_EVIDENCE, &peer_items) != 0;
  for (size_t i = 0; i < got->n && !bad; i++) {
    const gavel_item *it = &got->v[i];
    if (it->kind != GAVEL_KIND_EVENT || (it->event != GAVEL_EV_EVIDENCE_REF &&
                                         it->event != GAVEL_EV_EVIDENCE_DEF))
      continue;
    bad = k >= peer_items.n || !cmp_items_equal(it, &peer_items.v[k]);
    k++;
  }
  if (bad || k != peer_items.n)
    t_fail_at(__FILE__, __LINE__,
              "a peer's reading of \"%.*s\" differs from its evidence items",
              (int)(len > 200 ? 200 : len), s);
}

size_t t_read(const char *line, const gavel_item **out) {
  size_t len = strlen(line);
  if (gv_read_line(engine, md, line, len, &line_items) != 0) {
    t_fail_at(__FILE__, __LINE__, "gv_read_line failed on \"%s\"", line);
    *out = NULL;
    return 0;
  }
  same_without_shortcuts(engine_all, md, line, len, &line_items, &all_items);
  same_as_peer(line, len, &line_items);
  *out = line_items.v;
  return line_items.n;
}

/* A new engine with opts and no shortcuts; NULL after counting a failure. */
static gavel_engine *engine_without_shortcuts(const gavel_options *opts) {
  gavel_engine *e = NULL;
  char err[256] = "";
  if (gavel_engine_new(opts, &e, err, sizeof err) != GAVEL_OK) {
    t_fail_at(__FILE__, __LINE__, "cannot make an engine: %s", err);
    return NULL;
  }
  e->shortcuts = 0;
  return e;
}

int t_reader_open(t_reader *r, const gavel_options *opts) {
  char err[256] = "";
  memset(r, 0, sizeof *r);
  if (gavel_engine_new(opts, &r->e, err, sizeof err) != GAVEL_OK ||
      !(r->all = engine_without_shortcuts(opts)) ||
      !(r->md = pcre2_match_data_create(GV_OVECTOR_PAIRS, NULL))) {
    t_fail_at(__FILE__, __LINE__, "cannot make a reader: %s", err);
    t_reader_close(r);
    return -1;
  }
  return 0;
}

size_t t_reader_read(t_reader *r, const char *s, size_t len,
                     const gavel_item **out) {
  if (gv_read_line(r->e, r->md, s, len, &r->items) != 0) {
    t_fail_at(__FILE__, __LINE__, "gv_read_line failed");
    *out = NULL;
    return 0;
  }
  same_without_shortcuts(r->all, r->md, s, len, &r->items, &r->all_items);
  *out = r->items.v;
  return r->items.n;
}

void t_reader_close(t_reader *r) {
  gv_items_free(&r->items);
  gv_items_free(&r->all_items);
  pcre2_match_data_free(r->md);
  gavel_engine_free(r->e);
  gavel_engine_free(r->all);
  memset(r, 0, sizeof *r);
}

const gavel_item *t_find(const gavel_item *items, size_t n, gavel_kind kind,
                         gavel_event event) {
  for (size_t i = 0; i < n; i++)
    if (items[i].kind == kind &&
        (event == GAVEL_EV_NONE || items[i].event == event))
      return &items[i];
  return NULL;
}

gavel_day t_day(const char *iso) {
  if (!iso || !*iso) return GAVEL_NO_DAY;
  return gavel_day_parse(iso, strlen(iso));
}

/* Analyses d and ref as of today; counts a failure (what: why) unless
** they are equal. */
void t_same_analysis(gavel_doc *d, gavel_doc *ref, gavel_day today,
                     const char *what) {
  char why[160];
  gavel_doc_analyze(d, today, NULL, 0);
  gavel_doc_analyze(ref, today, NULL, 0);
  if (cmp_docs_equal(d, ref, why, sizeof why) != 0)
    t_fail_at(__FILE__, __LINE__, "%s: %s", what, why);
  else
    t_passed++;
}

size_t t_chunks(const gavel_doc *d, size_t *large) {
  const gv_slab *seen[256]; /* more than any test's read makes */
  size_t n = 0, big = 0;
  for (size_t i = 0; i < d->nrows; i++) {
    const gv_slab *own[2] = {d->rows[i].text_slab, d->rows[i].items_slab};
    for (int k = 0; k < 2; k++) {
      size_t j = 0;
      while (own[k] && j < n && seen[j] != own[k]) j++;
      if (own[k] && j == n && n < sizeof seen / sizeof seen[0]) {
        seen[n++] = own[k];
        big += own[k]->size >= GV_HUGE_PAGE;
      }
    }
  }
  if (large) *large = big;
  return n;
}

gavel_doc *t_doc(const char *text, const char *today) {
  gavel_doc *d = NULL;
  if (gavel_doc_new(engine, &d) != GAVEL_OK) {
    t_fail_at(__FILE__, __LINE__, "gavel_doc_new failed");
    return NULL;
  }
  if (gavel_doc_set_text(d, text, strlen(text)) != GAVEL_OK ||
      gavel_doc_analyze(d, t_day(today), NULL, 0) != GAVEL_OK) {
    t_fail_at(__FILE__, __LINE__, "reading failed: %s", gavel_doc_errmsg(d));
    gavel_doc_free(d);
    return NULL;
  }
  return d;
}

size_t t_warn_count(const gavel_doc *d, gavel_code code,
                    const gavel_warning **first) {
  const gavel_warning *w;
  size_t n = gavel_doc_warnings(d, &w), c = 0;
  if (first) *first = NULL;
  for (size_t i = 0; i < n; i++)
    if (w[i].code == code) {
      if (c == 0 && first) *first = &w[i];
      c++;
    }
  return c;
}

int main(int argc, char **argv) {
  char err[256];
  static const struct { const char *name; void (*run)(void); } suites[] = {
      {"util", suite_util},           {"dates", suite_dates},
      {"money", suite_money},         {"evidence", suite_evidence},
      {"events", suite_events},       {"court", suite_court},
      {"document", suite_document},
      {"timeline", suite_timeline},   {"incremental", suite_incremental},
      {"store", suite_store},         {"nomem", suite_nomem},
      {"anchor", suite_anchor},
  };
  if (gavel_engine_new(NULL, &engine, err, sizeof err) != GAVEL_OK) {
    fprintf(stderr, "cannot make the engine: %s\n", err);
    printf("0 passed, 1 failed\n");
    return 1;
  }
  md = pcre2_match_data_create(GV_OVECTOR_PAIRS, NULL);
  engine_all = engine_without_shortcuts(NULL);
  for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
    if (argc > 1 && strcmp(argv[1], suites[i].name) != 0) continue;
    t_case = NULL;
    suites[i].run();
  }
  gv_items_free(&line_items);
  gv_items_free(&all_items);
  gv_items_free(&peer_items);
  pcre2_match_data_free(md);
  gavel_engine_free(engine);
  gavel_engine_free(engine_all);
  printf("%d passed, %d failed\n", t_passed, t_failed);
  return t_failed ? 1 : 0;
}
