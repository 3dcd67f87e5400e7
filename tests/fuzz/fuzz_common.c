/*
** fuzz_common.c: the invariant checks every harness applies (fuzz.h).
*/
#include "fuzz.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fz_fail(const char *fmt, ...) {
  va_list ap;
  fputs("fuzz: invariant broken: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  abort();
}

uint32_t fz_hash(const uint8_t *data, size_t size) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < size; i++) h = (h ^ data[i]) * 16777619u;
  return h;
}

/* A fixed-size string field must hold its NUL inside the array. */
#define TERMINATED(obj, f) (memchr((obj)->f, 0, sizeof (obj)->f) != NULL)

static void check_day(gavel_day day, const char *what) {
  char *buf;
  if (day == GAVEL_NO_DAY) return;
  /* exactly the 11 bytes the header promises are enough, on the heap so
  ** ASan sees one byte too many */
  buf = malloc(11);
  FZ_CHECK(buf, "out of memory");
  gavel_day_format(day, buf);
  FZ_CHECK(strlen(buf) <= 10, "%s: day %ld formats past 10 bytes", what, (long)day);
  free(buf);
}

static void check_terms(const gavel_terms *t, const char *what) {
  char small[8], *exact;
  FZ_CHECK(TERMINATED(t, charge), "%s: charge not terminated", what);
  gavel_terms_short(t, small, sizeof small);
  FZ_CHECK(memchr(small, 0, sizeof small), "%s: terms_short overran", what);
  exact = malloc(200);
  FZ_CHECK(exact, "out of memory");
  gavel_terms_short(t, exact, 200);
  free(exact);
}

static void check_item(const gavel_item *it, size_t i, size_t n, size_t len) {
  FZ_CHECK(it->kind >= GAVEL_KIND_DATE && it->kind <= GAVEL_KIND_MARKER,
           "item %zu: kind %d", i, it->kind);
  FZ_CHECK(it->event < GAVEL_EV_COUNT, "item %zu: event %d", i, it->event);
  FZ_CHECK(it->party <= GAVEL_PARTY_COURT, "item %zu: party %d", i, it->party);
  FZ_CHECK(it->term <= GAVEL_TERM_SUSPENDED, "item %zu: term %d", i, it->term);
  FZ_CHECK(it->kind != GAVEL_KIND_EVENT || it->event != GAVEL_EV_NONE,
           "item %zu: an event item without an event", i);
  FZ_CHECK(it->col <= it->end_col && it->end_col <= len,
           "item %zu: span [%u, %u) outside a line of %zu bytes", i,
           (unsigned)it->col, (unsigned)it->end_col, len);
  FZ_CHECK(it->date_ref == -1 || (it->date_ref >= 0 && (size_t)it->date_ref < n),
           "item %zu: date_ref %d of %zu items", i, it->date_ref, n);
  if (it->date_ref >= 0)
    FZ_CHECK((it - i + it->date_ref)->kind == GAVEL_KIND_DATE,
             "item %zu: date_ref %d is not a date", i, it->date_ref);
  FZ_CHECK(it->minute >= -1 && it->minute < 24 * 60, "item %zu: minute %d", i,
           it->minute);
  FZ_CHECK(it->spec.minute >= -1 && it->spec.minute < 24 * 60,
           "item %zu: spec minute %d", i, it->spec.minute);
  FZ_CHECK(it->spec.weekday >= -1 && it->spec.weekday <= 6,
           "item %zu: spec weekday %d", i, it->spec.weekday);
  FZ_CHECK(TERMINATED(it, currency) && TERMINATED(it, unit) &&
               TERMINATED(it, what) && TERMINATED(it, who) &&
               TERMINATED(it, id) && TERMINATED(it, id_end),
           "item %zu: a string field is not terminated", i);
  FZ_CHECK(it->path_col <= len && it->path_len <= len - it->path_col,
           "item %zu: path [%u, +%u) outside a line of %zu bytes", i,
           (unsigned)it->path_col, (unsigned)it->path_len, len);
  FZ_CHECK(!it->path_len || (it->kind == GAVEL_KIND_EVENT &&
                             it->event == GAVEL_EV_EVIDENCE_DEF),
           "item %zu: a path on an item that is no evidence definition", i);
  check_terms(&it->terms, "item");
  check_day(it->day, "item day");
  check_day(it->when, "item when");
}

void fz_check_items(const gavel_item *v, size_t n, size_t len) {
  for (size_t i = 0; i < n; i++) {
    check_item(&v[i], i, n, len);
    if (i) FZ_CHECK(v[i - 1].col <= v[i].col, "items %zu, %zu out of column order", i - 1, i);
  }
}

static void check_evidence(const gavel_doc *d, size_t row, const gavel_item *it) {
  if (it->kind != GAVEL_KIND_EVENT ||
      (it->event != GAVEL_EV_EVIDENCE_REF && it->event != GAVEL_EV_EVIDENCE_DEF))
    return;
  const char *id = gavel_doc_evidence_at(d, row, it->col);
  FZ_CHECK(id != NULL, "row %zu: no evidence at the column of an evidence item", row);
  FZ_CHECK(strlen(id) < 32, "evidence id too long");
  long def = gavel_doc_evidence_def(d, id);
  FZ_CHECK(def >= -1 && def < (long)gavel_doc_line_count(d),
           "evidence_def row %ld of %zu", def, gavel_doc_line_count(d));
  FZ_CHECK(gavel_evidence_matches(it, it->id) == 1 || it->id[0] == 0,
           "row %zu: evidence item does not match its own id", row);
}

void fz_check_doc(const gavel_engine *e, const gavel_doc *d) {
  size_t nrows = gavel_doc_line_count(d);
  size_t maxlen = gavel_engine_options(e)->max_line_bytes;
  uint32_t per_code[GAVEL_W_COUNT] = {0};
  size_t next = gavel_doc_next_row(d, 0);
  for (size_t r = 0; r < nrows; r++) {
    const gavel_item *v;
    size_t len = 0, n = gavel_doc_row_items(d, r, &v);
    const char *text = gavel_doc_line(d, r, &len);
    FZ_CHECK(text && text[len] == 0, "row %zu: text not terminated", r);
    if (n) {
      FZ_CHECK(next == r, "next_row says %zu, row %zu has items", next, r);
      next = gavel_doc_next_row(d, r + 1);
    }
    fz_check_items(v, n, len < maxlen ? len : maxlen);
    for (size_t k = 0; k < n; k++) {
      FZ_CHECK(v[k].row == r, "row %zu: item %zu says row %u", r, k, (unsigned)v[k].row);
      check_evidence(d, r, &v[k]);
    }
  }
  FZ_CHECK(next == nrows, "next_row %zu past the last row with items", next);
  FZ_CHECK(gavel_doc_row_items(d, nrows, &(const gavel_item *){NULL}) == 0,
           "items past the end");

  const gavel_options *o = gavel_engine_options(e);
  const gavel_warning *w;
  size_t nw = gavel_doc_warnings(d, &w);
  for (size_t k = 0; k < nw; k++) {
    FZ_CHECK(w[k].code < GAVEL_W_COUNT, "warning %zu: code %d", k, w[k].code);
    FZ_CHECK(!(o->disabled & (1u << w[k].code)), "warning %zu: disabled code raised", k);
    FZ_CHECK(w[k].severity == o->severity[w[k].code],
             "warning %zu: severity %d, options say %d", k, w[k].severity,
             (int)o->severity[w[k].code]);
    FZ_CHECK(w[k].row < nrows && w[k].end_row < nrows && w[k].row <= w[k].end_row,
             "warning %zu: rows %u..%u of %zu", k, (unsigned)w[k].row,
             (unsigned)w[k].end_row, nrows);
    FZ_CHECK(w[k].row != w[k].end_row || w[k].col <= w[k].end_col,
             "warning %zu: columns %u..%u", k, (unsigned)w[k].col, (unsigned)w[k].end_col);
    FZ_CHECK(TERMINATED(&w[k], message) && w[k].message[0], "warning %zu: message", k);
    FZ_CHECK(k == 0 || w[k - 1].row <= w[k].row, "warnings out of row order at %zu", k);
    per_code[w[k].code]++;
  }

  const gavel_round *t;
  size_t nt = gavel_doc_timeline(d, &t);
  for (size_t k = 0; k < nt; k++) {
    FZ_CHECK(t[k].row < nrows, "round %zu: row %u of %zu", k, (unsigned)t[k].row, nrows);
    FZ_CHECK(t[k].event >= GAVEL_EV_OFFER && t[k].event <= GAVEL_EV_RESPONSE,
             "round %zu: event %d", k, t[k].event);
    FZ_CHECK(t[k].party <= GAVEL_PARTY_COURT, "round %zu: party", k);
    FZ_CHECK(TERMINATED(&t[k], who) && TERMINATED(&t[k], change),
             "round %zu: string not terminated", k);
    FZ_CHECK(t[k].waited_days >= -1, "round %zu: waited %ld days", k, (long)t[k].waited_days);
    check_terms(&t[k].terms, "round");
    check_day(t[k].day, "round day");
    check_day(t[k].expires, "round expiry");
  }

  const gavel_summary *s = gavel_doc_summary(d);
  FZ_CHECK(s != NULL, "no summary");
  FZ_CHECK(TERMINATED(s, name) && TERMINATED(s, number) && TERMINATED(s, next_what),
           "summary string not terminated");
  FZ_CHECK(s->state <= GAVEL_STATE_TRIAL_BOUND, "summary state %d", s->state);
  FZ_CHECK(s->latest_offer >= -1 && s->latest_offer < (int32_t)nt,
           "summary latest_offer %ld of %zu", (long)s->latest_offer, nt);
  FZ_CHECK(s->next_day == GAVEL_NO_DAY || s->next_row < nrows,
           "summary next_row %u of %zu", (unsigned)s->next_row, nrows);
  FZ_CHECK(memcmp(per_code, s->warnings, sizeof per_code) == 0,
           "summary warning counts differ from the warnings list");
  check_day(s->next_day, "next day");
  check_day(s->trial_day, "trial day");
}
