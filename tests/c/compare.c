/*
** compare.c: equality of documents as a front end sees them (compare.h).
** Every field of gavel_item, gavel_warning, gavel_round and gavel_summary
** is compared; a field added to gavel.h belongs here too.
*/
#include "compare.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fixed-size string fields: equal up to the NUL, never past the array. */
#define SEQ(a, b, f) (strncmp((a)->f, (b)->f, sizeof (a)->f) == 0)

static int terms_equal(const gavel_terms *a, const gavel_terms *b) {
  return SEQ(a, b, charge) && a->custody_months == b->custody_months &&
         a->probation_months == b->probation_months &&
         a->fine_cents == b->fine_cents &&
         a->restitution_cents == b->restitution_cents &&
         a->counts_dismissed == b->counts_dismissed &&
         a->diversion == b->diversion && a->time_served == b->time_served &&
         a->suspended == b->suspended;
}

static int spec_equal(const gavel_datespec *a, const gavel_datespec *b) {
  return a->year == b->year && a->month == b->month && a->day == b->day &&
         a->minute == b->minute && a->rel == b->rel && a->tense == b->tense &&
         a->weekday == b->weekday && a->amount == b->amount;
}

int cmp_items_equal(const gavel_item *a, const gavel_item *b) {
  return a->kind == b->kind && a->event == b->event && a->party == b->party &&
         a->term == b->term && a->flags == b->flags && a->row == b->row &&
         a->col == b->col && a->end_col == b->end_col &&
         spec_equal(&a->spec, &b->spec) && a->day == b->day &&
         a->minute == b->minute && a->cents == b->cents &&
         SEQ(a, b, currency) && memcmp(&a->value, &b->value, sizeof a->value) == 0 &&
         SEQ(a, b, unit) && a->months == b->months && a->days == b->days &&
         SEQ(a, b, what) && SEQ(a, b, who) && SEQ(a, b, id) &&
         SEQ(a, b, id_end) && a->path_col == b->path_col &&
         a->path_len == b->path_len && a->when == b->when &&
         a->date_ref == b->date_ref && terms_equal(&a->terms, &b->terms);
}

static int differ(char *why, size_t whylen, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int differ(char *why, size_t whylen, const char *fmt, ...) {
  va_list ap;
  if (why && whylen) {
    va_start(ap, fmt);
    vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
  }
  return -1;
}

static int warnings_equal(const gavel_warning *a, const gavel_warning *b) {
  return a->code == b->code && a->severity == b->severity && a->row == b->row &&
         a->col == b->col && a->end_row == b->end_row &&
         a->end_col == b->end_col && SEQ(a, b, message);
}

static int rounds_equal(const gavel_round *a, const gavel_round *b) {
  return a->row == b->row && a->day == b->day && a->event == b->event &&
         a->party == b->party && a->flags == b->flags && SEQ(a, b, who) &&
         terms_equal(&a->terms, &b->terms) && a->expires == b->expires &&
         SEQ(a, b, change) && a->waited_days == b->waited_days;
}

/* Names the first summary field that differs, or NULL. */
static const char *summary_diff(const gavel_summary *a, const gavel_summary *b) {
  if (!SEQ(a, b, name)) return "name";
  if (!SEQ(a, b, number)) return "number";
  if (a->state != b->state) return "state";
  if (a->latest_offer != b->latest_offer) return "latest_offer";
  if (a->last_response != b->last_response) return "last_response";
  if (a->last_client_contact != b->last_client_contact) return "last_client_contact";
  if (a->next_day != b->next_day) return "next_day";
  if (!SEQ(a, b, next_what)) return "next_what";
  if (a->next_row != b->next_row) return "next_row";
  if (a->trial_day != b->trial_day) return "trial_day";
  if (a->prep_done != b->prep_done) return "prep_done";
  if (a->prep_open != b->prep_open) return "prep_open";
  if (memcmp(a->warnings, b->warnings, sizeof a->warnings)) return "warnings";
  return NULL;
}

int cmp_docs_equal(const gavel_doc *inc, const gavel_doc *fresh, char *why,
                   size_t whylen) {
  size_t n = gavel_doc_line_count(inc), na, nb;
  if (n != gavel_doc_line_count(fresh))
    return differ(why, whylen, "line counts %zu vs %zu", n,
                  gavel_doc_line_count(fresh));
  for (size_t r = 0; r < n; r++) {
    const gavel_item *a, *b;
    na = gavel_doc_row_items(inc, r, &a);
    nb = gavel_doc_row_items(fresh, r, &b);
    if (na != nb) return differ(why, whylen, "row %zu: %zu vs %zu items", r, na, nb);
    for (size_t k = 0; k < na; k++)
      if (!cmp_items_equal(&a[k], &b[k]))
        return differ(why, whylen, "row %zu item %zu differs (kind %d)", r, k,
                      a[k].kind);
  }
  const gavel_warning *wa, *wb;
  na = gavel_doc_warnings(inc, &wa);
  nb = gavel_doc_warnings(fresh, &wb);
  if (na != nb) return differ(why, whylen, "%zu vs %zu warnings", na, nb);
  for (size_t k = 0; k < na; k++)
    if (!warnings_equal(&wa[k], &wb[k]))
      return differ(why, whylen, "warning %zu differs (codes %d/%d, rows %u/%u)",
                    k, wa[k].code, wb[k].code, (unsigned)wa[k].row,
                    (unsigned)wb[k].row);
  const gavel_round *ta, *tb;
  na = gavel_doc_timeline(inc, &ta);
  nb = gavel_doc_timeline(fresh, &tb);
  if (na != nb) return differ(why, whylen, "timeline %zu vs %zu rounds", na, nb);
  for (size_t k = 0; k < na; k++)
    if (!rounds_equal(&ta[k], &tb[k]))
      return differ(why, whylen, "timeline round %zu differs (rows %u/%u)", k,
                    (unsigned)ta[k].row, (unsigned)tb[k].row);
  const char *f = summary_diff(gavel_doc_summary(inc), gavel_doc_summary(fresh));
  if (f) return differ(why, whylen, "summaries differ in %s", f);
  return 0;
}

char *cmp_join(const gavel_doc *d, size_t *len) {
  size_t n = gavel_doc_line_count(d), total = 0, l;
  for (size_t r = 0; r < n; r++) {
    gavel_doc_line(d, r, &l);
    total += l + 1;
  }
  char *s = malloc(total + 1), *o = s;
  if (!s) return NULL;
  for (size_t r = 0; r < n; r++) {
    const char *t = gavel_doc_line(d, r, &l);
    memcpy(o, t, l);
    o += l;
    *o++ = '\n';
  }
  *o = 0;
  *len = (size_t)(o - s);
  return s;
}
