/*
** timeline.c: the analysis of a document.  One walk over the rows that
** have items resolves every date against its entry date, gives offers their
** terms and expiry, builds the negotiation timeline and the summary, and
** derives the warnings.  The result depends only on the rows' items.
**
** Reading the notes
**   Entry date   the first DATE with GAVEL_F_ENTRY on a row is that row's
**                entry date and stays current until the next one.  It is
**                resolved against the previous entry date; the first one
**                against today (in the past, when it has no year).  Every
**                other date is resolved against its row's entry date (today
**                before the first entry); every event's day is that date.
**   Offer terms  the TERM items of an offer/counteroffer's part of its row
**                (up to the row's next negotiation event; terms before the
**                row's first event belong to it) and of its continuation
**                rows: the rows below, up to 8, until a blank line, a
**                heading, an ack/snooze marker, a new entry date or a
**                negotiation event of another kind.  The first value of
**                each term wins.  Its expiry is its date_ref DATE, else the
**                first GAVEL_F_EXPIRY date found the same way (never a
**                snooze marker's date).
**   Parties      an offer or response without a party is the
**                prosecution's, a counteroffer or attempt the defense's.  A
**                prosecution contact is any prosecution event or any
**                response; it answers the defense's pending attempt or
**                counter (waited_days = days between them).  An attempt on
**                a row that also holds a prosecution contact ("Spoke with
**                ADA, asked for a better offer") was a conversation: it
**                asks, but waits for no answer.
**   Same offer   an offer marked "same offer" with no terms or expiry of
**                its own takes the party's previous terms, and with them
**                that offer's expiry (in the timeline only).
**   Timeline     offers, counteroffers, rejections, acceptances,
**                withdrawals, attempts ("still nothing" lines excepted) and
**                responses in row order.  `change` compares an offer with
**                the same party's previous offer that stated terms.
**   Today        rows under an entry dated after today are read (their
**                dates resolve) but not judged: reviewing "as of" an
**                earlier day sees the notes as they stood then.
**   State        accepted: an acceptance not followed by an offer, counter,
**                rejection or withdrawal.  trial-bound: a withdrawal (not by
**                the defense) or a rejection (not by the prosecution) with a
**                trial date set on or after it, and no prosecution offer
**                since.  stalled: no-response, unanswered-attempts or
**                no-concession holds (whether or not acknowledged).
**                offer-open: the latest prosecution offer is not accepted,
**                rejected, countered or withdrawn and has not expired.
**                negotiating: any timeline event.  none: otherwise.
**
** Warnings (thresholds are gavel_options; each on the row that explains it)
**   no-response          the first defense attempt/counter that no
**                        prosecution contact followed is >= no_response_days
**                        old; only while negotiating (not accepted or
**                        trial-bound).  On that attempt.
**   unanswered-attempts  >= unanswered_attempts defense attempts since the
**                        last prosecution contact; a "still nothing" line
**                        adds none.  While negotiating.  On the last one.
**   no-concession        the prosecution answered defense counters or
**                        attempts (requests for a better offer) with the
**                        terms already standing, or an offer/response said
**                        "same offer": twice, or once after at least two
**                        asks; counted since the standing terms were first
**                        offered.  While negotiating.  On the latest such
**                        offer/response.
**   harsher-offer        a prosecution offer with more custody or
**                        probation, a higher fine or restitution, fewer
**                        counts dismissed, or diversion or a suspension
**                        removed, against its previous offer (terms stated in
**                        both).  On each such offer.
**   strong-evidence      strength items name >= 2 different things, or the
**                        State calls its case strong/confident; not once a
**                        plea is accepted.  On the first strength item.
**   offer-expiring       the latest prosecution offer, not accepted,
**                        rejected or withdrawn since, expires within
**                        offer_expiring_days (0..N days from today).
**   offer-expired        its expiry passed and no acceptance, rejection,
**                        counter or withdrawal followed it.
**   offer-withdrawn      a withdrawal (not by the defense) with no
**                        prosecution offer or acceptance since.
**   deadline-approaching every court date other than trial, and every
**                        deadline, 0..deadline_days away (one per what and
**                        day: the first mention).
**   trial-approaching    the trial setting mentioned last is 0..trial_days
**                        away and no plea is accepted; lists the trial prep
**                        still open (a prep item's latest mention decides).
**   undefined-evidence   each reference whose id no definition in the
**                        document or its peers covers (Bates ranges count).
**   client-contact-gap   negotiation or court events exist and the latest
**                        client contact (or event of the client's: "client
**                        rejected the offer") is >= client_gap_days old (or
**                        none is logged and the first entry is that old).
**   Acknowledging        a MARKER for the code (or "all") on the warning's
**                        row or the nearest non-blank row above drops it: an
**                        ack, a snooze without a date, or a snooze whose day
**                        is today or later.  Disabled codes are never
**                        raised; severity comes from the options.
**
** Caveats: at most 64 different trial-prep items and 16 strength items are
** told apart (more are ignored); an unanswered-attempts message lists the
** last 8 dates.  Cost: three walks over the rows with items (an offer
** looks at most 8 rows ahead); the only allocations are the result arrays
** (they keep their capacity) and one array of pointers to the evidence
** definitions, made before anything changes so that running out of memory
** leaves the previous results whole.
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define TL_PREP_MAX 64
#define TL_STRENGTH_MAX 16
#define TL_RUN_DAYS 8
#define TL_DEADLINES_MAX 32
#define TL_CONT_ROWS 8
#define TL_PARTIES 5

/* ---- small helpers -------------------------------------------------------- */


static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }

static int is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

static int ci_equal(const char *a, const char *b) {
  while (*a && *b && lower(*a) == lower(*b)) a++, b++;
  return *a == 0 && *b == 0;
}

/* Returns the first case-insensitive occurrence of needle in s, or NULL. */
static const char *ci_find(const char *s, const char *needle) {
  size_t n = strlen(needle);
  for (; *s; s++) {
    size_t i = 0;
    while (i < n && s[i] && lower(s[i]) == lower(needle[i])) i++;
    if (i == n) return s;
  }
  return NULL;
}

static int row_blank(const gv_row *row) { return gv_row_shape(row) == GV_ROW_BLANK; }

static int row_heading(const gv_row *row) { return gv_row_shape(row) == GV_ROW_HEADING; }

static int is_neg(int ev) { return ev >= GAVEL_EV_OFFER && ev <= GAVEL_EV_RESPONSE; }

static int is_offer_ev(int ev) { return ev == GAVEL_EV_OFFER || ev == GAVEL_EV_COUNTER; }

static int is_event(const gavel_item *it, int ev) {
  return it->kind == GAVEL_KIND_EVENT && it->event == ev;
}

static int32_t days_between(gavel_day from, gavel_day to) {
  if (from == GAVEL_NO_DAY || to == GAVEL_NO_DAY) return INT32_MIN;
  return to - from;
}

/* "today", "tomorrow", "in N days". */
static const char *in_days(int32_t n, char *buf, size_t cap) {
  if (n == 0) return "today";
  if (n == 1) return "tomorrow";
  return gv_fmt(buf, cap, "in %ld days", (long)n);
}

/* A bounded string builder that never cuts a UTF-8 sequence. */
typedef struct tl_sb {
  char *v;
  size_t cap, n;
} tl_sb;

static void sb_add(tl_sb *b, const char *s) {
  if (b->n + 1 >= b->cap) return;
  gv_copy(b->v + b->n, b->cap - b->n, s, strlen(s));
  b->n += strlen(b->v + b->n);
}

static void sb_fmt(tl_sb *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void sb_fmt(tl_sb *b, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  sb_add(b, tmp);
}

/* "; " or ", " between parts. */
static void sb_sep(tl_sb *b, const char *sep) {
  if (b->n) sb_add(b, sep);
}

static const char *money_str(int64_t cents, char *buf, size_t cap) {
  char digits[32], out[48];
  size_t n, k = 0;
  int64_t whole = cents / 100, part = cents % 100;
  gv_fmt(digits, sizeof digits, "%lld", (long long)whole);
  n = strlen(digits);
  out[k++] = '$';
  for (size_t i = 0; i < n; i++) {
    if (i && (n - i) % 3 == 0) out[k++] = ',';
    out[k++] = digits[i];
  }
  out[k] = 0;
  if (part) gv_fmt(buf, cap, "%s.%02d", out, (int)part);
  else gv_fmt(buf, cap, "%s", out);
  return buf;
}

/* "18 mo", "2 yrs", "1 yr". */
static const char *months_str(int32_t m, char *buf, size_t cap) {
  if (m >= 12 && m % 12 == 0)
    return gv_fmt(buf, cap, "%ld yr%s", (long)(m / 12), m == 12 ? "" : "s");
  return gv_fmt(buf, cap, "%ld mo", (long)m);
}

/* ---- terms ------------------------------------------------------------------- */

static void terms_clear(gavel_terms *t) {
  memset(t, 0, sizeof *t);
  t->custody_months = -1;
  t->probation_months = -1;
  t->fine_cents = -1;
  t->restitution_cents = -1;
  t->counts_dismissed = -1;
}

static int terms_known(const gavel_terms *t) {
  return t->charge[0] || t->custody_months >= 0 || t->probation_months >= 0 ||
         t->fine_cents >= 0 || t->restitution_cents >= 0 ||
         t->counts_dismissed >= 0 || t->diversion || t->time_served ||
         t->suspended;
}

static int terms_equal(const gavel_terms *a, const gavel_terms *b) {
  return strcmp(a->charge, b->charge) == 0 &&
         a->custody_months == b->custody_months &&
         a->probation_months == b->probation_months &&
         a->fine_cents == b->fine_cents &&
         a->restitution_cents == b->restitution_cents &&
         a->counts_dismissed == b->counts_dismissed &&
         a->diversion == b->diversion && a->time_served == b->time_served &&
         a->suspended == b->suspended;
}

/* Adds one TERM item to t; a term already given is kept. */
static void terms_add(gavel_terms *t, const gavel_item *it) {
  int32_t count;
  switch (it->term) {
  case GAVEL_TERM_CUSTODY:
    if (t->custody_months < 0) t->custody_months = it->months;
    break;
  case GAVEL_TERM_PROBATION:
    if (t->probation_months < 0) t->probation_months = it->months;
    break;
  case GAVEL_TERM_FINE:
    if (t->fine_cents < 0) t->fine_cents = it->cents;
    break;
  case GAVEL_TERM_RESTITUTION:
    if (t->restitution_cents < 0) t->restitution_cents = it->cents;
    break;
  case GAVEL_TERM_DISMISS:
    count = it->months > 0 ? it->months : it->value >= 1 ? (int32_t)it->value : 1;
    if (t->counts_dismissed < 0) t->counts_dismissed = count;
    break;
  case GAVEL_TERM_CHARGE:
    if (!t->charge[0]) gv_copy(t->charge, sizeof t->charge, it->what, strlen(it->what));
    break;
  case GAVEL_TERM_DIVERSION: t->diversion = 1; break;
  case GAVEL_TERM_TIME_SERVED: t->time_served = 1; break;
  case GAVEL_TERM_SUSPENDED: t->suspended = 1; break;
  default: break;
  }
}

/* The terms as the attorney would say them: "18 mo DOC, 2 yrs probation". */
static void terms_text(const gavel_terms *t, tl_sb *b) {
  char x[48];
  if (t->charge[0]) sb_fmt(b, "plead to %s", t->charge);
  if (t->time_served && t->custody_months <= 0) {
    sb_sep(b, ", ");
    sb_add(b, "time served");
  } else if (t->custody_months >= 0) {
    sb_sep(b, ", ");
    sb_fmt(b, "%s DOC%s", months_str(t->custody_months, x, sizeof x),
           t->suspended ? " suspended" : "");
  }
  if (t->probation_months >= 0) {
    sb_sep(b, ", ");
    sb_fmt(b, "%s probation", months_str(t->probation_months, x, sizeof x));
  }
  if (t->fine_cents >= 0) {
    sb_sep(b, ", ");
    sb_fmt(b, "%s fine", money_str(t->fine_cents, x, sizeof x));
  }
  if (t->restitution_cents >= 0) {
    sb_sep(b, ", ");
    sb_fmt(b, "%s restitution", money_str(t->restitution_cents, x, sizeof x));
  }
  if (t->counts_dismissed >= 0) {
    sb_sep(b, ", ");
    sb_fmt(b, "%ld count%s dismissed", (long)t->counts_dismissed,
           t->counts_dismissed == 1 ? "" : "s");
  }
  if (t->diversion) {
    sb_sep(b, ", ");
    sb_add(b, "diversion");
  }
}

/* One numeric term of a change: known in both and different, added, or
** dropped.  `worse` is the direction that makes an offer harsher (+1: more
** is worse, -1: less is worse).  Returns 1 when the change is harsher. */
static int change_num(tl_sb *b, const char *name, int64_t was, int64_t now,
                      int money, int worse, int harsher_only) {
  char x[32], y[32];
  int harsh = was >= 0 && now >= 0 && (worse > 0 ? now > was : now < was);
  if (was == now || (harsher_only && !harsh)) return 0;
  sb_sep(b, "; ");
  if (was >= 0 && now >= 0) {
    if (money)
      sb_fmt(b, "%s %s -> %s", name, money_str(was, x, sizeof x), money_str(now, y, sizeof y));
    else
      sb_fmt(b, "%s %lld -> %lld%s", name, (long long)was, (long long)now,
             worse < 0 ? "" : " mo");
  } else if (now >= 0) {
    if (money) sb_fmt(b, "%s added %s", name, money_str(now, x, sizeof x));
    else sb_fmt(b, "%s added %lld%s", name, (long long)now, worse < 0 ? "" : " mo");
  } else {
    sb_fmt(b, "%s dropped", name);
  }
  return harsh;
}

static int change_flag(tl_sb *b, const char *added, const char *removed,
                       int was, int now, int removing_is_worse, int harsher_only) {
  int harsh = removing_is_worse && was && !now;
  if (was == now || (harsher_only && !harsh)) return 0;
  sb_sep(b, "; ");
  sb_add(b, now ? added : removed);
  return harsh;
}

/* Writes what changed from `was` to `now` into b ("custody 24 -> 18 mo;
** fine $1,000 -> $500"); with harsher_only, only what got worse.  Returns
** the number of harsher changes. */
static int terms_change(const gavel_terms *was, const gavel_terms *now,
                        tl_sb *b, int harsher_only) {
  int h = 0;
  if (strcmp(was->charge, now->charge) != 0 && !harsher_only) {
    sb_sep(b, "; ");
    if (was->charge[0] && now->charge[0]) sb_fmt(b, "charge %s -> %s", was->charge, now->charge);
    else if (now->charge[0]) sb_fmt(b, "charge added %s", now->charge);
    else sb_add(b, "charge dropped");
  }
  h += change_num(b, "custody", was->custody_months, now->custody_months, 0, 1, harsher_only);
  h += change_num(b, "probation", was->probation_months, now->probation_months, 0, 1, harsher_only);
  h += change_num(b, "fine", was->fine_cents, now->fine_cents, 1, 1, harsher_only);
  h += change_num(b, "restitution", was->restitution_cents, now->restitution_cents, 1, 1, harsher_only);
  h += change_num(b, "counts dismissed", was->counts_dismissed, now->counts_dismissed, 0, -1, harsher_only);
  h += change_flag(b, "diversion added", "diversion removed", was->diversion, now->diversion, 1, harsher_only);
  h += change_flag(b, "time served added", "time served removed", was->time_served, now->time_served, 0, harsher_only);
  h += change_flag(b, "custody suspended", "suspension removed", was->suspended, now->suspended, 1, harsher_only);
  return h;
}

/* ---- the walk's state ---------------------------------------------------------- */

typedef struct tl_name {
  char what[48];
  int open;
} tl_name;

typedef struct tl_walk {
  gavel_doc *d;
  const gavel_options *o;
  gavel_day today;
  gavel_day entry;        /* current entry date, NO_DAY before the first */
  gavel_day first_entry;  /* earliest entry date */
  const gavel_item *header;
  const char *name, *number;
  long prev_offer[TL_PARTIES]; /* per party: its last offer with terms */
  int neg_or_court;       /* a negotiation or court event exists */
  int row_contact;        /* the current row has a prosecution contact */
  int future;             /* the current row's entry is dated after today:
                             its dates resolve, but it is not judged yet */

  /* contacts */
  long pending;           /* latest defense attempt/counter not answered */
  const gavel_item *pending_it;
  gavel_day pros_last;    /* latest day of a prosecution contact */
  const char *pros_who;   /* the last prosecutor named (an attempt's
                             addressee counts), multi-word names first */
  int pros_named;         /* pros_who has more than one word */
  int run;                /* defense attempts since the last prosecution contact */
  gavel_day run_first, run_days[TL_RUN_DAYS];
  const gavel_item *run_it;

  /* the latest prosecution (or court) offer and what followed it */
  long offer;
  const gavel_item *offer_it;
  int offer_accepted, offer_rejected, offer_countered, offer_withdrawn;
  int accept_live, withdraw_live, reject_live;
  gavel_day reject_day;
  const gavel_item *withdraw_it;

  /* no-concession: the prosecution's standing terms */
  int standing;
  gavel_terms standing_terms;
  gavel_day standing_day;
  int asks, nomove, ask_pending;
  int nomove_asks;         /* asks made before the latest refusal to move */
  const gavel_item *nomove_it;

  /* court */
  const gavel_item *trial_it;  /* the last trial setting mentioned */
  gavel_day next_day;
  const char *next_what;
  uint32_t next_row;
  size_t deadlines[TL_DEADLINES_MAX]; /* indexes of deadline warnings */
  int ndeadlines;

  /* client */
  int client_any;
  gavel_day client_last;
  const gavel_item *client_it;

  /* strength and prep */
  const gavel_item *strength_it;
  int strong_said, nstrength, nprep;
  tl_name strength[TL_STRENGTH_MAX];
  tl_name prep[TL_PREP_MAX];
  int in_walk;             /* warnings go to d->wwarn (the walk's own) */
} tl_walk;

/* The walk's state before a row, saved so that a later analysis can start
** there when nothing above it changed. */
struct gv_ckpt {
  size_t row, ntl, nwwarn;
  tl_walk s;
};

static gavel_warning *warn(tl_walk *s, gavel_code code, uint32_t row,
                           uint32_t col, uint32_t end_col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Raises a warning (unless its code is disabled).  Capacity was reserved
** before the walk, so this cannot fail. */
static gavel_warning *warn(tl_walk *s, gavel_code code, uint32_t row,
                           uint32_t col, uint32_t end_col, const char *fmt, ...) {
  char tmp[768];
  va_list ap;
  gavel_warning *w;
  gavel_doc *d = s->d;
  if ((s->o->disabled >> code) & 1u) return NULL;
  if (s->in_walk) {
    if (d->nwwarn >= d->capwwarn) return NULL;
    w = &d->wwarn[d->nwwarn++];
  } else {
    if (d->nwarn >= d->capwarn) return NULL;
    w = &d->warn[d->nwarn++];
  }
  memset(w, 0, sizeof *w);
  w->code = (uint8_t)code;
  w->severity = (uint8_t)s->o->severity[code];
  w->row = w->end_row = row;
  w->col = col;
  w->end_col = end_col;
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  gv_copy(w->message, sizeof w->message, tmp, strlen(tmp));
  return w;
}

static gavel_warning *warn_on(tl_walk *s, gavel_code code, const gavel_item *it,
                              const char *msg) {
  return warn(s, code, it->row, it->col, it->end_col, "%s", msg);
}

/* Records a resolved value on an item, marking its row when it changed. */
/* (Written only when changed: most are not, and an unwritten item is not
** written back to memory.) */
static void set_day(tl_walk *s, gavel_item *it, gavel_day day) {
  if (it->day == day) return;
  gv_doc_mark(s->d, it->row, (size_t)it->row + 1);
  it->day = day;
}

static void set_when(tl_walk *s, gavel_item *it, gavel_day when) {
  if (it->when == when) return;
  gv_doc_mark(s->d, it->row, (size_t)it->row + 1);
  it->when = when;
}

static gavel_day anchor_of(const tl_walk *s) {
  return s->entry != GAVEL_NO_DAY ? s->entry : s->today;
}

/* The resolved day of item i's date_ref on its row, or NO_DAY. */
static gavel_day ref_day(const gavel_item *v, uint32_t n, uint32_t i) {
  int16_t r = v[i].date_ref;
  if (r < 0 || (uint32_t)r >= n || v[r].kind != GAVEL_KIND_DATE) return GAVEL_NO_DAY;
  return v[r].day;
}

/* ---- offers ---------------------------------------------------------------------- */

/* A continuation row of an offer of kind `ev` ends the offer's text when it
** is blank, a heading, has an entry date or another kind of negotiation. */
static int breaks_offer(const gv_row *row, int ev) {
  if (row_blank(row) || row_heading(row)) return 1;
  for (uint32_t k = 0; k < row->nitems; k++) {
    const gavel_item *it = &row->items[k];
    if (it->kind == GAVEL_KIND_DATE && (it->flags & GAVEL_F_ENTRY)) return 1;
    if (it->kind == GAVEL_KIND_MARKER) return 1;
    if (it->kind == GAVEL_KIND_EVENT && is_neg(it->event) && it->event != ev) return 1;
  }
  return 0;
}

/* 1 when DATE k of a row is a marker's snooze date, not an expiry. */
static int marker_date(const gavel_item *v, uint32_t n, uint32_t k) {
  for (uint32_t j = 0; j < n; j++)
    if (v[j].kind == GAVEL_KIND_MARKER && v[j].date_ref == (int16_t)k) return 1;
  return 0;
}

static int expiry_date(const gavel_item *v, uint32_t n, uint32_t k) {
  return v[k].kind == GAVEL_KIND_DATE && (v[k].flags & GAVEL_F_EXPIRY) &&
         !marker_date(v, n, k);
}

/* Collects the terms and the expiry of offer/counter item i on row r. */
static void offer_terms(tl_walk *s, size_t r, uint32_t i, gavel_terms *t,
                        gavel_day *exp) {
  gv_row *row = &s->d->rows[r];
  gavel_item *v = row->items;
  uint32_t n = row->nitems, lo = i, hi = n, offers = 0;
  int first = 1, last = 1;
  for (uint32_t k = 0; k < n; k++) {
    if (v[k].kind != GAVEL_KIND_EVENT || !is_neg(v[k].event)) continue;
    if (is_offer_ev(v[k].event)) offers++;
    if (k < i) first = 0;
    if (k > i && hi == n) hi = k;
    if (k > i && is_offer_ev(v[k].event)) last = 0;
  }
  if (first) lo = 0;
  terms_clear(t);
  *exp = ref_day(v, n, i);
  for (uint32_t k = lo; k < hi; k++) {
    if (v[k].kind == GAVEL_KIND_TERM) terms_add(t, &v[k]);
    else if (*exp == GAVEL_NO_DAY && expiry_date(v, n, k)) *exp = v[k].day;
  }
  for (uint32_t k = 0; k < n && offers == 1 && *exp == GAVEL_NO_DAY; k++)
    if (expiry_date(v, n, k)) *exp = v[k].day;
  for (size_t c = r + 1; last && c < s->d->nrows && c <= r + TL_CONT_ROWS; c++) {
    const gv_row *cr = &s->d->rows[c];
    if (breaks_offer(cr, v[i].event)) break;
    for (uint32_t k = 0; k < cr->nitems; k++) {
      const gavel_item *it = &cr->items[k];
      if (it->kind == GAVEL_KIND_TERM) terms_add(t, it);
      else if (*exp == GAVEL_NO_DAY && expiry_date(cr->items, cr->nitems, k))
        *exp = gv_date_resolve(&it->spec, anchor_of(s));
    }
  }
  if (t->time_served && t->custody_months < 0) t->custody_months = 0;
}

static uint8_t norm_party(const gavel_item *it) {
  if (it->party != GAVEL_PARTY_NONE) return it->party;
  switch (it->event) {
  case GAVEL_EV_OFFER:
  case GAVEL_EV_RESPONSE:
  case GAVEL_EV_WITHDRAW: return GAVEL_PARTY_PROSECUTION;
  case GAVEL_EV_COUNTER:
  case GAVEL_EV_ATTEMPT: return GAVEL_PARTY_DEFENSE;
  default: return GAVEL_PARTY_NONE;
  }
}

static int pros_side(uint8_t party) {
  return party == GAVEL_PARTY_PROSECUTION || party == GAVEL_PARTY_COURT;
}

/* no-concession and harsher-offer: a prosecution offer against the terms
** standing before it. */
static void pros_offer(tl_walk *s, const gavel_round *rd, const gavel_item *it) {
  int same = (it->flags & GAVEL_F_SAME_TERMS) != 0;
  int known = terms_known(&rd->terms);
  if (known && (!s->standing || !terms_equal(&rd->terms, &s->standing_terms))) {
    if (s->standing) {
      char what[256];
      tl_sb b = {what, sizeof what, 0};
      what[0] = 0;
      if (terms_change(&s->standing_terms, &rd->terms, &b, 1))
        warn(s, GAVEL_W_HARSHER_OFFER, it->row, it->col, it->end_col,
             "Offer got harsher: %s", what);
    }
    s->standing = 1;
    s->standing_terms = rd->terms;
    s->standing_day = rd->day;
    s->asks = 0;
    s->nomove = 0;
  } else if (same || (known && s->ask_pending)) {
    s->nomove++;
    s->nomove_it = it;
    s->nomove_asks = s->asks;
  }
  s->ask_pending = 0;
}

/* Appends the timeline round for negotiation item `it` and follows who
** answered whom, what offer stands and what became of it. */
static void add_round(tl_walk *s, gavel_item *it) {
  if (s->future) return;
  gavel_doc *d = s->d;
  long idx = (long)d->ntl;
  gavel_round *rd;
  int pros;
  if (d->ntl >= d->captl) return;
  rd = &d->tl[d->ntl++];
  memset(rd, 0, sizeof *rd);
  rd->row = it->row;
  rd->day = it->day;
  rd->event = it->event;
  rd->party = norm_party(it);
  rd->flags = it->flags;
  gv_copy(rd->who, sizeof rd->who, it->who, strlen(it->who));
  terms_clear(&rd->terms);
  rd->expires = GAVEL_NO_DAY;
  rd->waited_days = -1;
  s->neg_or_court = 1;

  if (is_offer_ev(it->event)) {
    long prev = s->prev_offer[rd->party];
    int same = (it->flags & GAVEL_F_SAME_TERMS) != 0;
    tl_sb b = {rd->change, sizeof rd->change, 0};
    rd->terms = it->terms;
    rd->expires = it->when;
    if (same && prev >= 0) { /* "same offer": the standing one, expiry too */
      if (!terms_known(&rd->terms)) rd->terms = d->tl[prev].terms;
      if (rd->expires == GAVEL_NO_DAY && terms_equal(&rd->terms, &d->tl[prev].terms))
        rd->expires = d->tl[prev].expires;
    }
    if (prev >= 0) {
      const gavel_terms *pt = &d->tl[prev].terms;
      if (!terms_known(&rd->terms)) sb_add(&b, "terms not stated");
      else if (terms_equal(pt, &rd->terms)) sb_add(&b, "same terms");
      else terms_change(pt, &rd->terms, &b, 0);
    }
    if (terms_known(&rd->terms)) s->prev_offer[rd->party] = idx;
  }

  /* who answers whom */
  pros = rd->party == GAVEL_PARTY_PROSECUTION || rd->event == GAVEL_EV_RESPONSE;
  if (pros) {
    if (s->pending >= 0) {
      int32_t w = days_between(d->tl[s->pending].day, rd->day);
      rd->waited_days = w >= 0 ? w : -1;
      s->pending = -1;
      s->pending_it = NULL;
    }
    s->run = 0;
    if (rd->day != GAVEL_NO_DAY && (s->pros_last == GAVEL_NO_DAY || rd->day > s->pros_last))
      s->pros_last = rd->day;
  } else if (pros_side(rd->party)) {
    /* the court's own offer answers nobody and waits for nobody */
  } else if (rd->event == GAVEL_EV_ATTEMPT && s->row_contact) {
    s->asks++; /* said in a conversation: heard, if not yet answered */
    s->ask_pending = 1;
  } else if (rd->event == GAVEL_EV_ATTEMPT || is_offer_ev(rd->event)) {
    if (s->pending < 0) { /* the wait counts from the first unanswered ask */
      s->pending = idx;
      s->pending_it = it;
    }
    if (rd->event == GAVEL_EV_ATTEMPT) {
      s->asks++;
      s->ask_pending = 1;
      if (s->run == 0) s->run_first = rd->day;
      s->run_days[s->run % TL_RUN_DAYS] = rd->day;
      s->run++;
      s->run_it = it;
    }
  }

  /* what stands */
  if (is_offer_ev(rd->event) && pros_side(rd->party)) {
    s->offer = idx;
    s->offer_it = it;
    s->offer_accepted = s->offer_rejected = s->offer_countered = s->offer_withdrawn = 0;
    s->withdraw_live = s->reject_live = s->accept_live = 0;
    if (rd->party == GAVEL_PARTY_PROSECUTION) pros_offer(s, rd, it);
  } else if (is_offer_ev(rd->event)) {
    s->offer_countered = 1;
    s->accept_live = 0;
    s->asks++;
    s->ask_pending = 1;
  }
  switch (rd->event) {
  case GAVEL_EV_ACCEPT:
    s->accept_live = 1;
    s->offer_accepted = 1;
    break;
  case GAVEL_EV_REJECT:
    s->accept_live = 0;
    if (rd->party != GAVEL_PARTY_PROSECUTION) {
      s->reject_live = 1;
      s->reject_day = rd->day;
      s->offer_rejected = 1;
    }
    break;
  case GAVEL_EV_WITHDRAW:
    s->accept_live = 0;
    if (rd->party != GAVEL_PARTY_DEFENSE) {
      s->withdraw_live = 1;
      s->withdraw_it = it;
      s->offer_withdrawn = 1;
    }
    break;
  case GAVEL_EV_RESPONSE:
    if (it->flags & GAVEL_F_SAME_TERMS) {
      s->nomove++;
      s->nomove_it = it;
      s->nomove_asks = s->asks;
      s->ask_pending = 0;
    }
    break;
  default: break;
  }
}

/* ---- court dates, strength, prep ----------------------------------------------- */

/* "trial", "jury trial", "trial setting"; not "pretrial conference". */
static int is_trial(const char *what) {
  const char *p = what;
  if (ci_find(what, "conference") || ci_find(what, "readiness") || ci_find(what, "status"))
    return 0;
  while ((p = ci_find(p, "trial")) != NULL) {
    int pre = p > what && (is_alnum(p[-1]) ||
                           (p - what >= 4 && ci_find(p - 4, "pre") == p - 4));
    if (!pre && !is_alnum(p[5] == 's' ? p[6] : p[5])) return 1;
    p += 5;
  }
  return 0;
}

static void court_event(tl_walk *s, const gavel_item *it) {
  if (s->future) return;
  const char *what = it->what;
  char cap[48], x[24], dbuf[12];
  int32_t left = days_between(s->today, it->when);
  s->neg_or_court = 1;
  if (it->when == GAVEL_NO_DAY) return;
  if (left >= 0 && (s->next_day == GAVEL_NO_DAY || it->when < s->next_day)) {
    s->next_day = it->when;
    s->next_what = what[0] ? what : gavel_event_name(it->event);
    s->next_row = it->row;
  }
  if (it->event == GAVEL_EV_COURT_DATE && is_trial(what)) {
    s->trial_it = it;
    return;
  }
  if (left < 0 || left > s->o->deadline_days) return;
  if (!what[0]) what = it->event == GAVEL_EV_DEADLINE ? "deadline" : "court date";
  gv_copy(cap, sizeof cap, what, strlen(what));
  if (cap[0] >= 'a' && cap[0] <= 'z') cap[0] = (char)(cap[0] - 32);
  gavel_warning *w = warn(s, GAVEL_W_DEADLINE, it->row, it->col, it->end_col,
                          "%s %s (%s)", cap, in_days(left, x, sizeof x),
                          gavel_day_format(it->when, dbuf));
  if (!w) return;
  for (int k = 0; k < s->ndeadlines; k++) /* (raised in the walk: wwarn) */
    if (strcmp(s->d->wwarn[s->deadlines[k]].message, w->message) == 0) {
      s->d->nwwarn--; /* the same deadline, mentioned again */
      return;
    }
  if (s->ndeadlines < TL_DEADLINES_MAX) s->deadlines[s->ndeadlines++] = s->d->nwwarn - 1;
}

/* Finds `what` in a name table, adding it when there is room; NULL when
** the table is full. */
static tl_name *name_slot(tl_name *v, int *n, int max, const char *what) {
  for (int k = 0; k < *n; k++)
    if (ci_equal(v[k].what, what)) return &v[k];
  if (*n >= max) return NULL;
  gv_copy(v[*n].what, sizeof v[*n].what, what, strlen(what));
  v[*n].open = 1;
  return &v[(*n)++];
}

static void strength_event(tl_walk *s, const gavel_item *it) {
  if (s->future) return;
  if (!s->strength_it) s->strength_it = it;
  if (ci_find(it->what, "strong") || ci_find(it->what, "confident")) s->strong_said = 1;
  else if (it->what[0]) name_slot(s->strength, &s->nstrength, TL_STRENGTH_MAX, it->what);
}

static void prep_event(tl_walk *s, const gavel_item *it) {
  if (s->future) return;
  tl_name *p;
  if (!it->what[0]) return;
  p = name_slot(s->prep, &s->nprep, TL_PREP_MAX, it->what);
  if (!p) return;
  if (it->flags & GAVEL_F_DONE) p->open = 0;
  else if (it->flags & GAVEL_F_OPEN) p->open = 1;
}

/* ---- the walk --------------------------------------------------------------------- */

/* The walk reads a few fields of every item, near its start (a 100k-line
** file: 66k items, 22 MB, long out of the cache when the read ends): it
** asks for the items of the row this many ahead while it walks one. */
#define WALK_AHEAD 6

static void prefetch_items(const gv_row *row) {
#if defined(__GNUC__)
  const char *p = (const char *)row->items;
  if (!row->nitems) return;
  __builtin_prefetch(p);
  __builtin_prefetch(p + 64);
  __builtin_prefetch(p + 128);
#else
  (void)row;
#endif
}

static void walk_row(tl_walk *s, size_t r) {
  gv_row *row = &s->d->rows[r];
  gavel_item *v = row->items;
  uint32_t n = row->nitems, k;

  for (k = 0; k < n; k++) /* rows may have moved */
    if (v[k].row != (uint32_t)r) v[k].row = (uint32_t)r;

  /* the row's entry date first: every other item hangs on it */
  for (k = 0; k < n; k++)
    if (v[k].kind == GAVEL_KIND_DATE && (v[k].flags & GAVEL_F_ENTRY)) {
      gavel_datespec spec = v[k].spec;
      gavel_day anchor = s->entry;
      if (anchor == GAVEL_NO_DAY) {
        anchor = s->today;
        if (spec.year == 0) spec.tense = GAVEL_TENSE_PAST;
      }
      gavel_day day = gv_date_resolve(&spec, anchor);
      set_day(s, &v[k], day);
      if (day != GAVEL_NO_DAY) {
        s->entry = day;
        if (s->first_entry == GAVEL_NO_DAY || day < s->first_entry) s->first_entry = day;
      }
      break;
    }
  for (uint32_t j = 0; j < n; j++) {
    gavel_item *it = &v[j];
    if (it->kind != GAVEL_KIND_DATE) continue;
    if (it->minute != it->spec.minute) {
      gv_doc_mark(s->d, r, r + 1);
      it->minute = it->spec.minute;
    }
    if (j != k) set_day(s, it, gv_date_resolve(&it->spec, anchor_of(s)));
  }

  s->future = s->entry != GAVEL_NO_DAY && s->today != GAVEL_NO_DAY && s->entry > s->today;
  s->row_contact = 0;
  for (uint32_t j = 0; j < n; j++)
    if (v[j].kind == GAVEL_KIND_EVENT && is_neg(v[j].event) &&
        (v[j].event == GAVEL_EV_RESPONSE || norm_party(&v[j]) == GAVEL_PARTY_PROSECUTION))
      s->row_contact = 1;
  for (uint32_t j = 0; j < n; j++) {
    gavel_item *it = &v[j];
    if (it->kind == GAVEL_KIND_HEADER) {
      if (!s->header) s->header = it;
      if (!s->name && it->what[0]) s->name = it->what;
      if (!s->number && it->id[0]) s->number = it->id;
      continue;
    }
    if (it->kind == GAVEL_KIND_MARKER) {
      set_day(s, it, ref_day(v, n, j));
      continue;
    }
    if (it->kind != GAVEL_KIND_EVENT) continue;
    set_day(s, it, s->entry);
    switch (it->event) {
    case GAVEL_EV_OFFER:
    case GAVEL_EV_COUNTER: {
      gavel_terms t;
      gavel_day exp;
      offer_terms(s, r, j, &t, &exp);
      if (!terms_equal(&t, &it->terms)) gv_doc_mark(s->d, r, r + 1);
      it->terms = t;
      set_when(s, it, exp);
      add_round(s, it);
      break;
    }
    case GAVEL_EV_ATTEMPT:
      if (!(it->flags & GAVEL_F_NO_REPLY)) add_round(s, it);
      break;
    case GAVEL_EV_REJECT:
    case GAVEL_EV_ACCEPT:
    case GAVEL_EV_WITHDRAW:
    case GAVEL_EV_RESPONSE:
      add_round(s, it);
      break;
    case GAVEL_EV_COURT_DATE:
    case GAVEL_EV_DEADLINE:
      set_when(s, it, ref_day(v, n, j));
      court_event(s, it);
      break;
    case GAVEL_EV_STRENGTH: strength_event(s, it); break;
    case GAVEL_EV_PREP: prep_event(s, it); break;
    default: break;
    }
    if (!s->future && (it->event == GAVEL_EV_CLIENT_CONTACT || it->party == GAVEL_PARTY_CLIENT)) {
      /* "client rejected the offer" is a talk with the client too */
      s->client_any = 1;
      if (it->day != GAVEL_NO_DAY &&
          (s->client_last == GAVEL_NO_DAY || it->day >= s->client_last)) {
        s->client_last = it->day;
        s->client_it = it;
      }
    }
    if ((it->party == GAVEL_PARTY_PROSECUTION || it->event == GAVEL_EV_ATTEMPT ||
         norm_party(it) == GAVEL_PARTY_PROSECUTION) && it->who[0]) {
      int named = strchr(it->who, ' ') != NULL;
      if (named || !s->pros_named) {
        s->pros_who = it->who;
        s->pros_named = named;
      }
    }
  }
}

/* ---- warnings at the end of the walk ---------------------------------------------- */

static const char *who_cap(const char *who, char *buf, size_t cap) {
  gv_copy(buf, cap, who, strlen(who));
  if (buf[0] >= 'a' && buf[0] <= 'z') buf[0] = (char)(buf[0] - 32);
  return buf;
}

static void warn_attempts(tl_walk *s) {
  char list[160], dbuf[12];
  tl_sb b = {list, sizeof list, 0};
  int from = s->run > TL_RUN_DAYS ? s->run - TL_RUN_DAYS : 0;
  list[0] = 0;
  if (from) sb_add(&b, "..., ");
  for (int k = from; k < s->run; k++) {
    gavel_day day = s->run_days[k % TL_RUN_DAYS];
    int y, m, dd;
    if (k > from) sb_add(&b, ", ");
    if (gavel_day_to_ymd(day, &y, &m, &dd) == 0) sb_fmt(&b, "%02d-%02d", m, dd);
    else sb_add(&b, "undated");
  }
  if (s->run_first != GAVEL_NO_DAY)
    warn(s, GAVEL_W_UNANSWERED, s->run_it->row, s->run_it->col, s->run_it->end_col,
         "%d attempts since %s without a reply (emails/calls on %s)", s->run,
         gavel_day_format(s->run_first, dbuf), list);
  else
    warn(s, GAVEL_W_UNANSWERED, s->run_it->row, s->run_it->col, s->run_it->end_col,
         "%d attempts without a reply (emails/calls on %s)", s->run, list);
}

static void warn_concession(tl_walk *s) {
  char terms[160], since[24], dbuf[12];
  tl_sb b = {terms, sizeof terms, 0};
  int n = s->nomove_asks > s->nomove ? s->nomove_asks : s->nomove;
  terms[0] = since[0] = 0;
  if (s->standing) terms_text(&s->standing_terms, &b);
  if (s->standing && s->standing_day != GAVEL_NO_DAY)
    gv_fmt(since, sizeof since, " since %s", gavel_day_format(s->standing_day, dbuf));
  if (terms[0])
    warn(s, GAVEL_W_NO_CONCESSION, s->nomove_it->row, s->nomove_it->col,
         s->nomove_it->end_col,
         "Unwilling to offer any concessions despite %d attempts: same terms%s (%s)",
         n, since, terms);
  else
    warn(s, GAVEL_W_NO_CONCESSION, s->nomove_it->row, s->nomove_it->col,
         s->nomove_it->end_col,
         "Unwilling to offer any concessions despite %d attempts: same terms%s", n,
         since);
}

static void warn_offer(tl_walk *s) {
  const gavel_round *rd = &s->d->tl[s->offer];
  const gavel_item *it = s->offer_it;
  char terms[160], x[24], dbuf[12];
  tl_sb b = {terms, sizeof terms, 0};
  int32_t left = days_between(s->today, rd->expires);
  terms[0] = 0;
  if (left == INT32_MIN) return;
  if (left >= 0 && left <= s->o->offer_expiring_days && !s->offer_accepted &&
      !s->offer_rejected && !s->offer_withdrawn) {
    terms_text(&rd->terms, &b);
    warn(s, GAVEL_W_OFFER_EXPIRING, it->row, it->col, it->end_col,
         "Offer expires %s (%s)%s%s", in_days(left, x, sizeof x),
         gavel_day_format(rd->expires, dbuf), terms[0] ? ": " : "", terms);
  }
  if (left < 0 && !s->offer_accepted && !s->offer_rejected &&
      !s->offer_countered && !s->offer_withdrawn)
    warn(s, GAVEL_W_OFFER_EXPIRED, it->row, it->col, it->end_col,
         "Offer expired %s with no decision recorded",
         gavel_day_format(rd->expires, dbuf));
}

static void warn_strength(tl_walk *s) {
  char list[200], msg[512];
  tl_sb b = {list, sizeof list, 0};
  list[0] = 0;
  if (s->nstrength < 2 && !s->strong_said) return;
  for (int k = 0; k < s->nstrength; k++) {
    sb_sep(&b, ", ");
    sb_add(&b, s->strength[k].what);
  }
  if (list[0])
    gv_fmt(msg, sizeof msg, "The State will lean on %s; it has little incentive to negotiate", list);
  else
    gv_fmt(msg, sizeof msg, "The State calls its case strong; it has little incentive to negotiate");
  warn_on(s, GAVEL_W_STRONG_EVIDENCE, s->strength_it, msg);
}

static void warn_trial(tl_walk *s) {
  const gavel_item *it = s->trial_it;
  char list[200], x[24], dbuf[12];
  tl_sb b = {list, sizeof list, 0};
  int32_t left = days_between(s->today, it->when);
  list[0] = 0;
  if (left < 0 || left > s->o->trial_days) return;
  for (int k = 0; k < s->nprep; k++)
    if (s->prep[k].open) {
      sb_add(&b, b.n ? ", " : "; prep still open: ");
      sb_add(&b, s->prep[k].what);
    }
  if (!list[0]) sb_add(&b, s->nprep ? "; no prep left open" : "; prep: nothing logged");
  warn(s, GAVEL_W_TRIAL, it->row, it->col, it->end_col, "Trial %s (%s)%s",
       in_days(left, x, sizeof x), gavel_day_format(it->when, dbuf), list);
}

static void warn_client(tl_walk *s) {
  char dbuf[12];
  int32_t gap;
  if (!s->neg_or_court) return;
  if (s->client_any) {
    gap = days_between(s->client_last, s->today);
    if (gap != INT32_MIN && gap >= s->o->client_gap_days)
      warn(s, GAVEL_W_CLIENT_GAP, s->client_it->row, s->client_it->col,
           s->client_it->end_col, "No client contact logged in %ld days (last %s)",
           (long)gap, gavel_day_format(s->client_last, dbuf));
    return;
  }
  gap = days_between(s->first_entry, s->today);
  if (gap == INT32_MIN || gap < s->o->client_gap_days) return;
  if (s->header)
    warn(s, GAVEL_W_CLIENT_GAP, s->header->row, s->header->col, s->header->end_col,
         "No client contact logged in %ld days (none since the first entry, %s)",
         (long)gap, gavel_day_format(s->first_entry, dbuf));
  else
    warn(s, GAVEL_W_CLIENT_GAP, 0, 0, s->d->nrows ? (uint32_t)s->d->rows[0].len : 0,
         "No client contact logged in %ld days (none since the first entry, %s)",
         (long)gap, gavel_day_format(s->first_entry, dbuf));
}

/* ---- evidence ------------------------------------------------------------------------ */

static int def_cmp(const void *a, const void *b) {
  const gavel_item *x = *(const gavel_item *const *)a, *y = *(const gavel_item *const *)b;
  return strcmp(x->id, y->id);
}

/* Collects the definitions of d into defs: single ids from the front (the
** count in *nplain), ranges from the back (from index *range_at); never
** more than the room between them (the document's totals size it). */
static void collect_defs(const gavel_doc *d, const gavel_item **defs,
                         size_t *nplain, size_t *range_at) {
  for (size_t r = 0; r < d->nrows; r++) /* (a row's bits: no call per row) */
    for (uint32_t k = 0; (d->rows[r].has & GV_HAS_DEF) && k < d->rows[r].nitems; k++) {
      const gavel_item *it = &d->rows[r].items[k];
      if (!is_event(it, GAVEL_EV_EVIDENCE_DEF) || !defs || *nplain >= *range_at) continue;
      if (it->id_end[0]) defs[--*range_at] = it;
      else defs[(*nplain)++] = it;
    }
}

static int evidence_defined(const gavel_item *ref, const gavel_item *const *defs,
                            size_t nplain, size_t range_at, size_t ndefs) {
  size_t lo = 0, hi = nplain;
  while (lo < hi) { /* first definition with id >= ref's */
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(defs[mid]->id, ref->id) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo < nplain && (strcmp(defs[lo]->id, ref->id) == 0 ||
                      (ref->id_end[0] && gavel_evidence_matches(ref, defs[lo]->id))))
    return 1;
  for (size_t k = range_at; k < ndefs; k++)
    if (gavel_evidence_matches(defs[k], ref->id)) return 1;
  return 0;
}

static void warn_undefined(tl_walk *s, const gavel_item *it) {
  warn(s, GAVEL_W_UNDEFINED_EVIDENCE, it->row, it->col, it->end_col,
       "%s %s%s%s is referenced but never described",
       strstr(it->id, "EX-") ? "Exhibit" : "Bates", it->id,
       it->id_end[0] ? "\xe2\x80\x93" : "", it->id_end);
}

/* Warns of the references no definition matches, and keeps them in
** d->ev_undef (room for every reference was reserved). */
static void warn_evidence(tl_walk *s, const gavel_item *const *defs, size_t nplain,
                          size_t range_at, size_t ndefs) {
  gavel_doc *d = s->d;
  d->nev_undef = 0;
  for (size_t r = 0; r < d->nrows; r++)
    for (uint32_t k = 0; (d->rows[r].has & GV_HAS_REF) && k < d->rows[r].nitems; k++) {
      const gavel_item *it = &d->rows[r].items[k];
      if (!is_event(it, GAVEL_EV_EVIDENCE_REF) || !it->id[0] ||
          evidence_defined(it, defs, nplain, range_at, ndefs))
        continue;
      if (d->nev_undef < d->capev_undef) d->ev_undef[d->nev_undef++] = it;
      warn_undefined(s, it);
    }
}

/* ---- acknowledgements --------------------------------------------------------------- */

/* The warning codes (bit 1 << code) the ack/snooze markers on row silence
** as of today. */
static uint32_t row_silences(const gv_row *row, gavel_day today) {
  uint32_t mask = 0;
  for (uint32_t k = 0; (row->has & GV_HAS_MARKER) && k < row->nitems; k++) {
    const gavel_item *it = &row->items[k];
    if (it->kind != GAVEL_KIND_MARKER) continue;
    if ((it->flags & GAVEL_F_SNOOZE) && it->day != GAVEL_NO_DAY &&
        (today == GAVEL_NO_DAY || it->day < today))
      continue; /* a snooze that ran out */
    if (ci_equal(it->what, "all")) return (1u << GAVEL_W_COUNT) - 1;
    for (int c = 0; c < GAVEL_W_COUNT; c++)
      if (ci_equal(it->what, gavel_code_name((gavel_code)c))) mask |= 1u << c;
  }
  return mask;
}

/* The codes silenced on row r: by markers on it or on the nearest
** non-blank row above it. */
static uint32_t silenced(const gavel_doc *d, size_t r, gavel_day today) {
  uint32_t mask;
  if (r >= d->nrows) return 0;
  mask = row_silences(&d->rows[r], today);
  while (r > 0) {
    r--;
    if (!row_blank(&d->rows[r])) return mask | row_silences(&d->rows[r], today);
  }
  return mask;
}

static int warn_cmp(const void *a, const void *b) {
  const gavel_warning *x = a, *y = b;
  if (x->row != y->row) return x->row < y->row ? -1 : 1;
  if (x->col != y->col) return x->col < y->col ? -1 : 1;
  if (x->code != y->code) return x->code < y->code ? -1 : 1;
  return strcmp(x->message, y->message);
}

/* Saved walk states: one every nrows / CKPT_SPREAD rows, at least every
** CKPT_MIN rows (about 5 KiB each). */
#define CKPT_SPREAD 48
#define CKPT_MIN 8

/* ---- the analysis ---------------------------------------------------------------------- */

static int summary_state(const tl_walk *s, int stalled) {
  const gavel_doc *d = s->d;
  if (s->accept_live) return GAVEL_STATE_ACCEPTED;
  if (s->withdraw_live) return GAVEL_STATE_TRIAL_BOUND;
  if (s->reject_live && s->trial_it &&
      (s->reject_day == GAVEL_NO_DAY || s->trial_it->when >= s->reject_day))
    return GAVEL_STATE_TRIAL_BOUND;
  if (stalled) return GAVEL_STATE_STALLED;
  if (s->offer >= 0 && !s->offer_accepted && !s->offer_rejected &&
      !s->offer_countered && !s->offer_withdrawn) {
    gavel_day exp = d->tl[s->offer].expires;
    if (exp == GAVEL_NO_DAY || (s->today != GAVEL_NO_DAY && exp >= s->today))
      return GAVEL_STATE_OFFER_OPEN;
  }
  return d->ntl ? GAVEL_STATE_NEGOTIATING : GAVEL_STATE_NONE;
}

static void fill_summary(tl_walk *s, int state) {
  gavel_doc *d = s->d;
  gavel_summary *sum = &d->sum;
  memset(sum, 0, sizeof *sum);
  if (s->name) gv_copy(sum->name, sizeof sum->name, s->name, strlen(s->name));
  if (s->number) gv_copy(sum->number, sizeof sum->number, s->number, strlen(s->number));
  sum->state = (uint8_t)state;
  sum->latest_offer = (int32_t)s->offer;
  sum->last_response = s->pros_last;
  sum->last_client_contact = s->client_last;
  sum->next_day = s->next_day;
  sum->next_row = s->next_row;
  if (s->next_what) gv_copy(sum->next_what, sizeof sum->next_what, s->next_what, strlen(s->next_what));
  if (s->offer >= 0 && !s->offer_accepted && !s->offer_rejected && !s->offer_withdrawn) {
    gavel_day exp = d->tl[s->offer].expires;
    int32_t left = days_between(s->today, exp);
    if (left != INT32_MIN && left >= 0 &&
        (s->next_day == GAVEL_NO_DAY || exp < s->next_day ||
         (exp == s->next_day && s->offer_it->row < s->next_row))) {
      sum->next_day = exp;
      sum->next_row = s->offer_it->row;
      gv_copy(sum->next_what, sizeof sum->next_what, "offer expires", 13);
    }
  }
  sum->trial_day = GAVEL_NO_DAY;
  if (s->trial_it && days_between(s->today, s->trial_it->when) >= 0)
    sum->trial_day = s->trial_it->when;
  for (int k = 0; k < s->nprep; k++) {
    if (s->prep[k].open) sum->prep_open++;
    else sum->prep_done++;
  }
  for (size_t k = 0; k < d->nwarn; k++) sum->warnings[d->warn[k].code]++;
}

gavel_status gv_analyze(gavel_doc *d, gavel_day today,
                        const gavel_doc *const *peers, size_t npeers) {
  size_t nround = 0, nwarn = 16, ndefs = 0, nplain = 0, range_at;
  const gavel_item **defs = NULL;
  tl_walk walk, *s = &walk; /* about 5 KiB: the prep and strength tables */
  void *p;

  /* Reserve everything first, so that nothing below can fail and a failure
  ** leaves the previous results as they were. */
  nround = d->tot_round;
  nwarn += d->tot_warn;
  ndefs = d->tot_defs;
  for (size_t i = 0; i < npeers; i++)
    if (peers[i] && peers[i] != d) ndefs += peers[i]->tot_defs;
  /* Without peers, the evidence warnings hold while no row with evidence
  ** changed: the references they name are the same items then.  (With
  ** peers they are worked out again: a peer read again may be a new
  ** document where the old one was, and nothing cheap tells them apart.) */
  int lone = 1;
  for (size_t i = 0; i < npeers; i++) lone &= peers[i] == NULL || peers[i] == d;
  uint64_t ev_key = d->ev_gen;
  int ev_same = lone && d->ev_valid && d->ev_key == ev_key;
  if (!ev_same && ndefs && !(defs = malloc(ndefs * sizeof *defs))) goto nomem;
  if (!(p = gv_grow(d->ev_undef, &d->capev_undef, d->tot_warn + 1, sizeof *d->ev_undef)))
    goto nomem;
  d->ev_undef = p;
  if (!(p = gv_grow(d->tl, &d->captl, nround + 1, sizeof *d->tl))) goto nomem;
  d->tl = p;
  if (!(p = gv_grow(d->warn, &d->capwarn, nwarn, sizeof *d->warn))) goto nomem;
  d->warn = p;
  if (!(p = gv_grow(d->wwarn, &d->capwwarn, nwarn, sizeof *d->wwarn))) goto nomem;
  d->wwarn = p;

  /* Where the walk starts: after the last saved state that nothing since
  ** can have changed (every row below it, and the rows an offer above
  ** reads its terms from, as they were), else at the top. */
  size_t every = d->nrows / CKPT_SPREAD > CKPT_MIN ? d->nrows / CKPT_SPREAD : CKPT_MIN;
  size_t limit = d->dirty_lo < d->nrows ? d->dirty_lo : d->nrows, start = 0;
  int resumed = 0, can_save = 1;
  if (!d->ck) d->nck = 0; /* nothing saved yet */
  /* from 64 KB on a chunk of the pool: malloc would give its pages back
  ** and every document's first analysis would fault them in again */
  p = d->ck;
  if (gv_doc_grow(d, &p, &d->ck_chunk, &d->capck, d->nrows / every + 2, sizeof *d->ck,
                  d->nck, NULL) == 0)
    d->ck = p;
  else
    can_save = 0; /* no memory for saved states: walk it all, save none */
  if (d->analyzed && d->analyzed_today == today && can_save) {
    size_t k = d->nck;
    while (k > 0 && d->ck[k - 1].row + TL_CONT_ROWS >= limit) k--;
    if (k > 0) {
      const struct gv_ckpt *c = &d->ck[k - 1];
      *s = c->s;
      d->ntl = c->ntl;
      d->nwwarn = c->nwwarn;
      start = c->row;
      d->nck = k; /* the later ones are walked again */
      resumed = 1;
    }
  }
  if (!resumed) {
    memset(s, 0, sizeof *s);
    s->d = d;
    s->o = &d->e->opts;
    s->today = today;
    s->entry = s->first_entry = GAVEL_NO_DAY;
    for (int k = 0; k < TL_PARTIES; k++) s->prev_offer[k] = -1;
    s->pending = s->offer = -1;
    s->pros_last = s->run_first = s->reject_day = s->standing_day = GAVEL_NO_DAY;
    s->next_day = s->client_last = GAVEL_NO_DAY;
    d->ntl = d->nwwarn = 0;
    d->nck = 0;
  }
  s->in_walk = 1;
  size_t next_save = resumed ? start + every : 0;
  for (size_t r = start; r < d->nrows; r++) {
    if (r + WALK_AHEAD < d->nrows) prefetch_items(&d->rows[r + WALK_AHEAD]);
    if (!d->rows[r].nitems) continue;
    if (can_save && r >= next_save && d->nck < d->capck) {
      struct gv_ckpt *c = &d->ck[d->nck++];
      c->row = r;
      c->ntl = d->ntl;
      c->nwwarn = d->nwwarn;
      c->s = *s;
      next_save = r + every;
    }
    walk_row(s, r);
  }
  s->in_walk = 0;
  /* the walk's warnings first, then those of what holds at the end */
  memcpy(d->warn, d->wwarn, d->nwwarn * sizeof *d->warn);
  d->nwarn = d->nwwarn;

  /* what holds at the end */
  int accepted = s->accept_live;
  int state = summary_state(s, 0);
  int negotiating = d->ntl && state != GAVEL_STATE_ACCEPTED && state != GAVEL_STATE_TRIAL_BOUND;
  int32_t waited = s->pending_it ? days_between(s->pending_it->day, today) : INT32_MIN;
  int no_response = negotiating && waited != INT32_MIN && waited >= s->o->no_response_days;
  int unanswered = negotiating && s->run > 0 &&
                   s->run >= (s->o->unanswered_attempts > 0 ? s->o->unanswered_attempts : 1);
  int no_concession = negotiating && s->nomove_it &&
                      (s->nomove >= 2 || (s->nomove >= 1 && s->nomove_asks >= 2));
  char who[48], dbuf[12];

  if (no_response)
    warn(s, GAVEL_W_NO_RESPONSE, s->pending_it->row, s->pending_it->col,
         s->pending_it->end_col, "No response from %s in %ld days (last contact %s)",
         s->pros_who ? s->pros_who : "the prosecution", (long)waited,
         gavel_day_format(s->pros_last != GAVEL_NO_DAY ? s->pros_last : s->pending_it->day, dbuf));
  if (unanswered) warn_attempts(s);
  if (no_concession) warn_concession(s);
  if (s->strength_it && !accepted) warn_strength(s);
  if (s->offer >= 0) warn_offer(s);
  if (s->withdraw_live && !accepted) {
    const gavel_item *it = s->withdraw_it;
    const char *name = it->who[0] ? it->who : s->pros_who ? s->pros_who : "the prosecution";
    if (it->day != GAVEL_NO_DAY)
      warn(s, GAVEL_W_OFFER_WITHDRAWN, it->row, it->col, it->end_col,
           "%s withdrew the offer on %s", who_cap(name, who, sizeof who),
           gavel_day_format(it->day, dbuf));
    else
      warn(s, GAVEL_W_OFFER_WITHDRAWN, it->row, it->col, it->end_col,
           "%s withdrew the offer", who_cap(name, who, sizeof who));
  }
  if (s->trial_it && !accepted) warn_trial(s);
  warn_client(s);

  if (ev_same) {
    for (size_t k = 0; k < d->nev_undef; k++) warn_undefined(s, d->ev_undef[k]);
  } else {
    range_at = ndefs;
    collect_defs(d, defs, &nplain, &range_at);
    for (size_t i = 0; i < npeers; i++)
      if (peers[i] && peers[i] != d) collect_defs(peers[i], defs, &nplain, &range_at);
    if (defs && nplain > 1) qsort(defs, nplain, sizeof *defs, def_cmp);
    warn_evidence(s, defs, nplain, range_at, ndefs);
    d->ev_key = ev_key;
    d->ev_valid = lone;
  }

  /* acknowledged and snoozed warnings go; the rest in row order.  Sorted
  ** first, so each row's markers (and the rows above it) are read once
  ** however many warnings the row has. */
  if (d->nwarn > 1) qsort(d->warn, d->nwarn, sizeof *d->warn, warn_cmp);
  size_t kept = 0, mask_row = (size_t)-1;
  uint32_t mask = 0;
  for (size_t k = 0; k < d->nwarn; k++) {
    if (d->warn[k].row != mask_row) {
      mask_row = d->warn[k].row;
      mask = silenced(d, mask_row, today);
    }
    if (!(mask & (1u << d->warn[k].code))) d->warn[kept++] = d->warn[k];
  }
  d->nwarn = kept;

  fill_summary(s, summary_state(s, no_response || unanswered || no_concession));
  free(defs);
  d->dirty_lo = SIZE_MAX;
  return GAVEL_OK;

nomem:
  free(defs);
  return gv_doc_fail(d, GAVEL_ERR_NOMEM, "out of memory");
}

void gv_analysis_free(gavel_doc *d) {
  free(d->warn);
  free(d->wwarn);
  free(d->tl);
  gv_doc_release(d, d->ck, d->ck_chunk);
  d->ck_chunk = NULL;
  free(d->ev_undef);
  d->ev_undef = NULL;
  d->nev_undef = d->capev_undef = 0;
  d->ev_valid = 0;
  d->warn = d->wwarn = NULL;
  d->tl = NULL;
  d->ck = NULL;
  d->nwarn = d->capwarn = d->nwwarn = d->capwwarn = d->ntl = d->captl = 0;
  d->nck = d->capck = 0;
}

size_t gavel_doc_warnings(const gavel_doc *d, const gavel_warning **out) {
  if (!d) {
    *out = NULL;
    return 0;
  }
  *out = d->warn;
  return d->nwarn;
}

size_t gavel_doc_timeline(const gavel_doc *d, const gavel_round **out) {
  if (!d) {
    *out = NULL;
    return 0;
  }
  *out = d->tl;
  return d->ntl;
}

const gavel_summary *gavel_doc_summary(const gavel_doc *d) { return d ? &d->sum : NULL; }
