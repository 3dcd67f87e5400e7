/*
** fuzz_extract.c: arbitrary bytes as notes.  The input is read as one line
** (gv_read_line, by an engine that reads lines up to 1 MiB) and as a whole
** document (gavel_doc_set_text + analysis on two different days, by the
** default engine and a day-first one), and every result is checked against
** what the header promises (fz_check_doc).  Re-analysing on another day
** must equal a fresh document analysed on that day.
*/
#include <stdlib.h>
#include <string.h>

#include "../../csrc/internal.h"
#include "../c/compare.h"
#include "fuzz.h"

#ifdef FZ_REPLAY
#define LLVMFuzzerTestOneInput fz_extract
#else
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#endif

typedef struct harness {
  gavel_engine *plain;     /* defaults */
  gavel_engine *wide;      /* day_first, 1 MiB lines, every code at hint */
  gavel_engine *all;       /* defaults, no shortcuts: every pattern runs */
  pcre2_match_data *md;
  gv_items items, all_items;
} harness;

static harness *setup(void) {
  static harness h;
  static int ready;
  if (ready) return &h;
  gavel_options o;
  char err[200];
  FZ_CHECK(gavel_engine_new(NULL, &h.plain, err, sizeof err) == GAVEL_OK,
           "default engine: %s", err);
  gavel_options_init(&o);
  o.day_first = 1;
  o.max_line_bytes = 1u << 20;
  for (int c = 0; c < GAVEL_W_COUNT; c++) o.severity[c] = GAVEL_SEV_HINT;
  o.disabled = 1u << GAVEL_W_CLIENT_GAP;
  FZ_CHECK(gavel_engine_new(&o, &h.wide, err, sizeof err) == GAVEL_OK,
           "wide engine: %s", err);
  FZ_CHECK(gavel_engine_new(NULL, &h.all, err, sizeof err) == GAVEL_OK,
           "engine without shortcuts: %s", err);
  h.all->shortcuts = 0;
  h.md = pcre2_match_data_create(GV_OVECTOR_PAIRS, NULL);
  FZ_CHECK(h.md, "out of memory");
  ready = 1;
  return &h;
}

static void read_doc(const gavel_engine *e, const char *text, size_t len,
                     gavel_day today, gavel_day later) {
  gavel_doc *d = NULL, *fresh = NULL;
  char why[160];
  FZ_CHECK(gavel_doc_new(e, &d) == GAVEL_OK, "doc_new");
  gavel_status st = gavel_doc_set_text(d, text, len);
  if (st == GAVEL_ERR_INPUT) {
    FZ_CHECK(gavel_sniff(text, len) == GAVEL_ERR_INPUT, "declined text that sniffs fine");
    FZ_CHECK(gavel_doc_line_count(d) == 0, "a declined text left lines");
    gavel_doc_free(d);
    return;
  }
  FZ_CHECK(st == GAVEL_OK, "set_text: %s", gavel_status_str(st));
  FZ_CHECK(gavel_doc_line_count(d) >= 1, "no line after set_text");
  FZ_CHECK(gavel_doc_analyze(d, today, NULL, 0) == GAVEL_OK, "analyze");
  fz_check_doc(e, d);
  /* the same document on another day equals a fresh one on that day */
  FZ_CHECK(gavel_doc_analyze(d, later, NULL, 0) == GAVEL_OK, "re-analyze");
  fz_check_doc(e, d);
  FZ_CHECK(gavel_doc_new(e, &fresh) == GAVEL_OK, "doc_new");
  FZ_CHECK(gavel_doc_set_text(fresh, text, len) == GAVEL_OK, "fresh set_text");
  FZ_CHECK(gavel_doc_analyze(fresh, later, NULL, 0) == GAVEL_OK, "fresh analyze");
  FZ_CHECK(cmp_docs_equal(d, fresh, why, sizeof why) == 0,
           "re-analysed on another day differs from fresh: %s", why);
  /* the fresh document as a peer of the first (same case) */
  const gavel_doc *peers[1] = {fresh};
  FZ_CHECK(gavel_doc_analyze(d, today, peers, 1) == GAVEL_OK, "analyze with peer");
  fz_check_doc(e, d);
  gavel_doc_free(fresh);
  gavel_doc_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  harness *h = setup();
  const char *text = (const char *)data;
  char out[32];
  uint32_t hash = fz_hash(data, size);
  gavel_day today = gavel_day_from_ymd(2025, 4, 10);
  gavel_day later = today + 1 + (gavel_day)(hash % 400);

  /* the whole input as one line, NUL bytes and all */
  FZ_CHECK(gv_read_line(h->wide, h->md, text, size, &h->items) == 0, "read_line");
  fz_check_items(h->items.v, h->items.n, size);
  FZ_CHECK(gv_read_line(h->plain, h->md, text, size, &h->items) == 0, "read_line");
  fz_check_items(h->items.v, h->items.n, size < 8192 ? size : 8192);
  /* the gate and the probes skip only patterns that cannot match */
  FZ_CHECK(gv_read_line(h->all, h->md, text, size, &h->all_items) == 0, "read_line");
  FZ_CHECK(h->all_items.n == h->items.n, "shortcuts: %zu items, %zu without",
           h->items.n, h->all_items.n);
  for (size_t i = 0; i < h->items.n; i++)
    FZ_CHECK(cmp_items_equal(&h->items.v[i], &h->all_items.v[i]),
             "shortcuts change item %zu", i);

  read_doc(h->plain, text, size, today, later);
  read_doc(h->wide, text, size, later, today);

  /* the small parsers on the same bytes */
  if (gavel_evidence_normalize(h->plain, text, size, out, sizeof out) == 0)
    FZ_CHECK(memchr(out, 0, sizeof out) != NULL, "normalize overran");
  gavel_evidence_normalize(h->plain, text, size, out, 4);
  gavel_day d = gavel_day_parse(text, size);
  if (d != GAVEL_NO_DAY) {
    int y, m, dd;
    FZ_CHECK(gavel_day_to_ymd(d, &y, &m, &dd) == 0 &&
                 gavel_day_from_ymd(y, m, dd) == d,
             "a parsed day does not round-trip");
  }
  int code = gavel_code_from_name(text, size);
  FZ_CHECK(code >= -1 && code < GAVEL_W_COUNT, "code_from_name %d", code);
  return 0;
}
