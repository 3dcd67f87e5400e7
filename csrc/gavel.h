/*
** gavel.h: the one public interface of gavel's reading engine.
**
** gavel reads a criminal-defense attorney's case notes (Markdown or plain
** text) and finds the plea negotiation written in them: dates, money,
** sentence terms, offers, contacts, court dates, evidence references, the
** strength of the State's case and trial preparation.  From those it builds
** the case's negotiation timeline and derives warnings.
**
** Objects
**   gavel_engine  options, vocabulary and compiled (JIT) patterns.  Immutable
**                 once created; any number of documents may share one, from
**                 any number of threads, as long as each document is used by
**                 one thread at a time.
**   gavel_doc     one notes file or editor buffer, as lines.  It takes the
**                 line-range replacements an editor reports and re-reads only
**                 the lines that changed.
**   gavel_store   the SQLite index of every case (see "The case index").
**
** Conventions
**   - Every handle is opaque.  Functions that can fail return a
**     gavel_status; the message for the last failure is kept on the handle
**     (gavel_engine_errmsg, gavel_doc_errmsg, gavel_store_errmsg) and is
**     owned by it.  Nothing here aborts, exits or prints.
**   - Rows are 0-based; columns are 0-based byte offsets into the line and
**     end columns are exclusive.  Front ends add 1 where a person reads them.
**   - Arrays returned through `const T **out` belong to the handle and stay
**     valid until the next call that changes that handle.
**   - Strings in returned structs are NUL-terminated UTF-8 where the notes
**     were; bytes that were not valid UTF-8 are passed through unchanged.
**   - Dates are day numbers (gavel_day): days since 1970-01-01 in the
**     proleptic Gregorian calendar.  GAVEL_NO_DAY means "none".
*/
#ifndef GAVEL_H
#define GAVEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GAVEL_VERSION "0.1.0"
#define GAVEL_VERSION_NUM 100 /* major*10000 + minor*100 + patch */

/* ------------------------------------------------------------------ */
/* Status codes                                                        */
/* ------------------------------------------------------------------ */

typedef enum gavel_status {
  GAVEL_OK = 0,
  GAVEL_ERR_NOMEM,   /* an allocation failed; the handle is unchanged */
  GAVEL_ERR_ARG,     /* a caller error: bad range, NULL, unknown name */
  GAVEL_ERR_PATTERN, /* a pattern (built-in or from vocabulary) failed to compile */
  GAVEL_ERR_INPUT,   /* input gavel declines: binary data, a malformed option */
  GAVEL_ERR_IO,      /* a file could not be read or written */
  GAVEL_ERR_DB,      /* SQLite reported an error */
  GAVEL_ERR_BUSY,    /* the database stayed locked past the busy timeout */
  GAVEL_ERR_CORRUPT  /* the database failed its integrity check */
} gavel_status;

/* Returns a static, human-readable name for a status ("out of memory"...). */
const char *gavel_status_str(gavel_status st);

/* ------------------------------------------------------------------ */
/* Dates                                                               */
/* ------------------------------------------------------------------ */

typedef int32_t gavel_day;
#define GAVEL_NO_DAY INT32_MIN

/* Returns the day number of a civil date, or GAVEL_NO_DAY when the date
** does not exist (2025-02-30).  year 1..9999, month 1..12, day 1..31. */
gavel_day gavel_day_from_ymd(int year, int month, int day);

/* Splits a day number into year, month (1..12) and day (1..31).  Any of
** the out pointers may be NULL.  Returns 0, or -1 for GAVEL_NO_DAY. */
int gavel_day_to_ymd(gavel_day d, int *year, int *month, int *day);

/* Returns the weekday of a day number, 0 = Sunday .. 6 = Saturday. */
int gavel_day_weekday(gavel_day d);

/* Parses "YYYY-MM-DD" (exactly; len bytes, no terminator needed).
** Returns the day number, or GAVEL_NO_DAY when it is not such a date. */
gavel_day gavel_day_parse(const char *s, size_t len);

/* Writes "YYYY-MM-DD" and a NUL into buf (at least 11 bytes).  Returns buf;
** GAVEL_NO_DAY writes the empty string. */
char *gavel_day_format(gavel_day d, char *buf);

/* Returns today's date from the system clock, in local time. */
gavel_day gavel_day_today(void);

/* ------------------------------------------------------------------ */
/* Options and the engine                                              */
/* ------------------------------------------------------------------ */

/* Warning codes.  The names (gavel_code_name) are stable: notes carry them
** in ack/snooze markers and users configure them by name. */
typedef enum gavel_code {
  GAVEL_W_NO_RESPONSE = 0,   /* "no-response" */
  GAVEL_W_UNANSWERED,        /* "unanswered-attempts" */
  GAVEL_W_NO_CONCESSION,     /* "no-concession" */
  GAVEL_W_HARSHER_OFFER,     /* "harsher-offer" */
  GAVEL_W_STRONG_EVIDENCE,   /* "strong-evidence" */
  GAVEL_W_OFFER_EXPIRING,    /* "offer-expiring" */
  GAVEL_W_OFFER_EXPIRED,     /* "offer-expired" */
  GAVEL_W_OFFER_WITHDRAWN,   /* "offer-withdrawn" */
  GAVEL_W_DEADLINE,          /* "deadline-approaching" */
  GAVEL_W_TRIAL,             /* "trial-approaching" */
  GAVEL_W_UNDEFINED_EVIDENCE,/* "undefined-evidence" */
  GAVEL_W_CLIENT_GAP,        /* "client-contact-gap" */
  GAVEL_W_COUNT
} gavel_code;

/* Returns the stable name of a code ("no-response"), or NULL. */
const char *gavel_code_name(gavel_code code);

/* Returns the code with that name, or -1 when there is none. */
int gavel_code_from_name(const char *name, size_t len);

typedef enum gavel_severity {
  GAVEL_SEV_ERROR = 1,
  GAVEL_SEV_WARN = 2,
  GAVEL_SEV_INFO = 3,
  GAVEL_SEV_HINT = 4
} gavel_severity;

/* Returns "error", "warning", "info" or "hint". */
const char *gavel_severity_name(gavel_severity sev);

/* Everything that changes how notes are read or judged.  Fill it with
** gavel_options_init, change fields, pass it to gavel_engine_new (which
** copies it; the caller keeps ownership of vocab). */
typedef struct gavel_options {
  int day_first;             /* 1: 3/4 is 3 April; 0 (default): 4 March */
  int no_response_days;      /* no-response after this many days (14) */
  int unanswered_attempts;   /* unanswered-attempts at this many in a row (3) */
  int offer_expiring_days;   /* offer-expiring within this many days (7) */
  int deadline_days;         /* deadline-approaching within (7) */
  int trial_days;            /* trial-approaching within (45) */
  int client_gap_days;       /* client-contact-gap after (30) */
  uint32_t disabled;         /* bit (1u << code) set: that code is never raised */
  gavel_severity severity[GAVEL_W_COUNT]; /* per code; defaults in init */
  size_t max_line_bytes;     /* only the first this-many bytes of a line are
                                read (8192); the rest is ignored, not lost */
  /* Extra vocabulary, one class per line, "class: phrase, phrase".  Classes:
  ** prosecution defense client court offer counter reject accept withdraw
  ** final attempt response unanswered client_contact strength prep done
  ** open same request, and the sentence words custody probation fine
  ** restitution diversion ("custody: DOCCS" makes "18 mo DOCCS" a custody
  ** term).  '#' starts a comment line.  NULL or "" for none.
  ** Phrases are literal text (matched case-insensitively at word
  ** boundaries). */
  const char *vocab;
} gavel_options;

/* Fills *opts with the defaults listed above. */
void gavel_options_init(gavel_options *opts);

typedef struct gavel_engine gavel_engine;

/* Creates an engine: copies *opts (NULL = defaults), parses the vocabulary
** and compiles every pattern once (JIT when available).  On GAVEL_OK *out
** is a new engine the caller frees with gavel_engine_free.  On failure *out
** is NULL and, if errbuf is not NULL, a one-line reason ("vocab line 2:
** unknown class 'prosecutor'") is written there (at most errlen bytes,
** NUL-terminated).  Returns GAVEL_ERR_INPUT for bad options or vocabulary,
** GAVEL_ERR_PATTERN, or GAVEL_ERR_NOMEM. */
gavel_status gavel_engine_new(const gavel_options *opts, gavel_engine **out,
                              char *errbuf, size_t errlen);

/* Frees an engine, and the memory it keeps for its documents' large
** reads (see gavel_doc_free).  NULL is a no-op.  Every document made from
** it must be freed first. */
void gavel_engine_free(gavel_engine *e);

/* Returns the options the engine was made with (owned by the engine; vocab
** points to the engine's own copy). */
const gavel_options *gavel_engine_options(const gavel_engine *e);

/* Returns 1 when PCRE2's JIT compiled the patterns, 0 when they run in the
** interpreter. */
int gavel_engine_jit(const gavel_engine *e);

/* Writes PCRE2's version string ("10.42 2022-12-11") into buf; returns buf. */
char *gavel_pcre2_version(char *buf, size_t len);

/* ------------------------------------------------------------------ */
/* Items: what is found on a line                                      */
/* ------------------------------------------------------------------ */

typedef enum gavel_kind {
  GAVEL_KIND_DATE = 1,  /* a date (and maybe a time) */
  GAVEL_KIND_MONEY,     /* an amount of money */
  GAVEL_KIND_DURATION,  /* a length of time: 18 months */
  GAVEL_KIND_TERM,      /* one term of a plea offer (custody, fine...) */
  GAVEL_KIND_EVENT,     /* a negotiation, contact, court, evidence... event */
  GAVEL_KIND_HEADER,    /* the case's name or number */
  GAVEL_KIND_MARKER     /* an ack/snooze marker for a warning */
} gavel_kind;

typedef enum gavel_event {
  GAVEL_EV_NONE = 0,
  GAVEL_EV_OFFER,          /* prosecution (or court) puts terms on the table */
  GAVEL_EV_COUNTER,        /* defense proposes other terms */
  GAVEL_EV_REJECT,
  GAVEL_EV_ACCEPT,
  GAVEL_EV_WITHDRAW,       /* including "no further offers" */
  GAVEL_EV_ATTEMPT,        /* defense reaches out to the prosecution */
  GAVEL_EV_RESPONSE,       /* the prosecution answers */
  GAVEL_EV_CLIENT_CONTACT, /* met client, client called, jail visit */
  GAVEL_EV_COURT_DATE,     /* arraignment, hearing, trial, sentencing... */
  GAVEL_EV_DEADLINE,       /* a filing deadline */
  GAVEL_EV_EVIDENCE_REF,   /* Exhibit 12 mentioned */
  GAVEL_EV_EVIDENCE_DEF,   /* a line that describes Exhibit 12 */
  GAVEL_EV_STRENGTH,       /* confession, video, DNA, "strong case"... */
  GAVEL_EV_PREP,           /* witness list, subpoena, expert... */
  GAVEL_EV_COUNT
} gavel_event;

/* Returns the stable name of an event kind ("offer", "counteroffer",
** "reject", "accept", "withdraw", "attempt", "response", "client_contact",
** "court_date", "deadline", "evidence_ref", "evidence_def", "strength",
** "prep"), or NULL. */
const char *gavel_event_name(gavel_event ev);

typedef enum gavel_party {
  GAVEL_PARTY_NONE = 0,
  GAVEL_PARTY_PROSECUTION,
  GAVEL_PARTY_DEFENSE,
  GAVEL_PARTY_CLIENT,
  GAVEL_PARTY_COURT
} gavel_party;

/* Returns "prosecution", "defense", "client", "court", or NULL for none. */
const char *gavel_party_name(gavel_party p);

typedef enum gavel_term_kind {
  GAVEL_TERM_NONE = 0,
  GAVEL_TERM_CUSTODY,      /* duration: DOC/prison/jail/custody */
  GAVEL_TERM_PROBATION,    /* duration: probation/supervision */
  GAVEL_TERM_FINE,         /* money */
  GAVEL_TERM_RESTITUTION,  /* money */
  GAVEL_TERM_DISMISS,      /* counts dismissed: value = how many (or 1) */
  GAVEL_TERM_CHARGE,       /* plead to a charge: text = "Count 2, Class A misd." */
  GAVEL_TERM_DIVERSION,    /* diversion, deferred adjudication, CWOF */
  GAVEL_TERM_TIME_SERVED,
  GAVEL_TERM_SUSPENDED     /* the custody part is suspended */
} gavel_term_kind;

/* Returns the stable name of a term kind ("custody", "probation", "fine",
** "restitution", "dismiss", "charge", "diversion", "time_served",
** "suspended"), or NULL. */
const char *gavel_term_name(gavel_term_kind t);

/* The terms of an offer or counteroffer.  -1 in a number field means the
** notes do not say. */
typedef struct gavel_terms {
  char charge[48];          /* "" when not stated (a TERM item's what) */
  int32_t custody_months;   /* 0 with time_served */
  int32_t probation_months;
  int64_t fine_cents;
  int64_t restitution_cents;
  int32_t counts_dismissed;
  uint8_t diversion;        /* diversion, deferred adjudication, CWOF */
  uint8_t time_served;
  uint8_t suspended;
} gavel_terms;

/* How a date was written, before it is resolved against its entry date.
** Absolute fields are 0 when the text did not give them. */
typedef enum gavel_rel {
  GAVEL_REL_NONE = 0,  /* absolute: year/month/day (year may be 0) */
  GAVEL_REL_DAYS,      /* today/tomorrow/yesterday/in N days/N weeks from today: amount days */
  GAVEL_REL_WEEKDAY,   /* [this|next|last] weekday: weekday, amount = -1 last, 0 bare/this, 1 next */
  GAVEL_REL_WITHIN     /* within N days: amount days, a deadline */
} gavel_rel;

typedef enum gavel_tense {
  GAVEL_TENSE_NEAREST = 0, /* no cue: the occurrence nearest the entry date */
  GAVEL_TENSE_PAST,        /* a logged event: on or before the entry date */
  GAVEL_TENSE_FUTURE       /* an expiry or setting: on or after the entry date */
} gavel_tense;

typedef struct gavel_datespec {
  int16_t year, month, day;  /* 0 when absent */
  int16_t minute;            /* minutes after midnight, -1 when no time given */
  int8_t rel;                /* gavel_rel */
  int8_t tense;              /* gavel_tense */
  int8_t weekday;            /* 0..6 for REL_WEEKDAY, else -1 */
  int32_t amount;            /* see gavel_rel */
} gavel_datespec;

/* Item flags. */
#define GAVEL_F_ENTRY      0x0001u /* DATE: this line's entry date (heading or prefix) */
#define GAVEL_F_EXPIRY     0x0002u /* DATE: an offer's expiry ("open until") */
#define GAVEL_F_SETTING    0x0004u /* DATE: a court setting or due date */
#define GAVEL_F_FINAL      0x0010u /* EVENT offer: a final offer */
#define GAVEL_F_UNANSWERED 0x0020u /* EVENT attempt: the line says nobody replied */
#define GAVEL_F_DONE       0x0040u /* EVENT prep: reads as done */
#define GAVEL_F_OPEN       0x0080u /* EVENT prep: reads as still to do */
#define GAVEL_F_REQUEST    0x0100u /* EVENT attempt: asks for a better offer */
#define GAVEL_F_SAME_TERMS 0x0200u /* EVENT offer: "same offer", "won't budge" */
#define GAVEL_F_SNOOZE     0x0400u /* MARKER: snooze (else ack) */
#define GAVEL_F_TRUNCATED  0x0800u /* line was longer than max_line_bytes */
#define GAVEL_F_NO_REPLY   0x1000u /* EVENT attempt: the line only notes that an
                                      earlier attempt got no reply ("still
                                      nothing"); it is not a new attempt */

/* One thing found on a line.  Fields that do not apply to a kind are
** zero/-1/GAVEL_NO_DAY/"" as stated. */
typedef struct gavel_item {
  uint8_t kind;          /* gavel_kind */
  uint8_t event;         /* gavel_event, for KIND_EVENT */
  uint8_t party;         /* gavel_party, for KIND_EVENT */
  uint8_t term;          /* gavel_term_kind, for KIND_TERM */
  uint32_t flags;        /* GAVEL_F_* */
  uint32_t row;          /* 0-based line (after an edit that moved the
                            line, correct again after the next analysis) */
  uint32_t col, end_col; /* byte span within the line */

  /* DATE: the spec as written and its resolved value (after analysis).
  ** EVENT: day = the entry date of the line (after analysis). */
  gavel_datespec spec;
  gavel_day day;
  int16_t minute;        /* DATE: -1 when no time */
  /* EVENT: index of a DATE item on the same line that it refers to (court
  ** setting, expiry), -1 none; and that day (after analysis, see below).
  ** Kept here, with the fields above and who, near the item's start: what
  ** the analysis reads of every item. */
  int16_t date_ref;
  gavel_day when;
  char who[48];          /* EVENT: the party as written ("ADA Natarajan") */

  /* MONEY: cents.  TERM fine/restitution: cents. */
  int64_t cents;
  char currency[4];      /* "USD" */
  /* DURATION: value and unit as written ("days","weeks","months","years");
  ** months = the length in whole months (days/30, weeks*7/30), days = in days.
  ** TERM custody/probation: months.  TERM dismiss: count. */
  double value;
  char unit[8];
  int32_t months, days;

  /* EVENT court_date/deadline: what ("trial", "sentencing", "motion
  ** deadline"...) and the day it is set for (when, after analysis).
  ** EVENT offer/counteroffer: the expiry day (when) after analysis.
  ** EVENT evidence_ref/def: id, the normalised evidence id ("EX-12",
  ** "DEF-EX-7", "STATE-EX-4", "EX-A", "DEF-000123").  For a Bates range,
  ** id is the first number and id_end the last.  EVENT evidence_def: a
  ** file it names is the bytes [path_col, path_col + path_len) of its
  ** line (path_len 0 if none; gavel_doc_item_path).  EVENT strength/prep:
  ** what.
  ** HEADER: what = the case name as written ("State v. Doe"), or id = the
  ** case number ("24-CR-0118"); one HEADER item each.
  ** MARKER: what = code name; day = snooze end (GAVEL_NO_DAY = forever). */
  char what[48];
  char id[32], id_end[32];
  uint32_t path_col, path_len;

  /* EVENT offer/counteroffer: terms collected from the line and its
  ** continuation lines (after analysis). */
  gavel_terms terms;
} gavel_item;

/* ------------------------------------------------------------------ */
/* Documents                                                           */
/* ------------------------------------------------------------------ */

typedef struct gavel_doc gavel_doc;

/* Creates an empty document that reads with engine e (which must outlive
** it).  Returns GAVEL_OK and a new document in *out (free it with
** gavel_doc_free), or GAVEL_ERR_NOMEM with *out NULL. */
gavel_status gavel_doc_new(const gavel_engine *e, gavel_doc **out);

/* Creates an empty document, as gavel_doc_new does, that reads only
** evidence references and definitions: what another document's analysis
** takes from a peer (see gavel_doc_analyze), read about 20 times faster
** than a whole reading.  Its own items and analysis hold evidence only.
** Returns GAVEL_OK and *out (free it with gavel_doc_free), or
** GAVEL_ERR_NOMEM with *out NULL. */
gavel_status gavel_doc_new_peer(const gavel_engine *e, gavel_doc **out);

/* Frees a document and everything it returned.  NULL is a no-op.  The
** blocks of 64 KB and more that held its lines, their items and its table
** of rows (a file of some 12 KB and more) go to its engine, up to 48 MB in
** all, for the next read of many lines of any of the engine's documents,
** whose pages are then in memory already; gavel_engine_free frees them. */
void gavel_doc_free(gavel_doc *d);

/* Lets a replace of many lines (GAVEL_THREAD_LINES or more a thread: a
** large file opened) read them on up to n threads, the caller's among
** them.  Every line is read on its own, so the rows, items and analysis
** are the same on any number of threads.  A new document reads on the
** caller's thread only (n = 1).  A thread that cannot be started is done
** by the caller.  Returns GAVEL_OK, or GAVEL_ERR_ARG for n outside 1..64
** (the document keeps its count). */
gavel_status gavel_doc_set_threads(gavel_doc *d, int n);
#define GAVEL_THREAD_LINES 2048

/* Returns the last error message on d (owned by d; "" when none). */
const char *gavel_doc_errmsg(const gavel_doc *d);

/* Returns GAVEL_ERR_INPUT when text looks binary (a NUL byte in its first
** 8 KiB), else GAVEL_OK.  Pure; no handle needed. */
gavel_status gavel_sniff(const char *text, size_t len);

/* Replaces the whole text.  Lines end at "\n"; a "\r" before it is
** dropped; a final line without "\n" counts, an empty text has one empty
** line (as an editor buffer does).  Every line is read.  Returns GAVEL_OK,
** GAVEL_ERR_INPUT for binary text (d keeps its old text), or
** GAVEL_ERR_NOMEM (d keeps its old text). */
gavel_status gavel_doc_set_text(gavel_doc *d, const char *text, size_t len);

/* Replaces rows [first, last) with n new lines, as Neovim's on_lines
** reports (firstline, lastline, new_lastline = first + n).  lines[i] has
** lens[i] bytes and no newline.  Only the new lines are read.  Returns
** GAVEL_OK, GAVEL_ERR_ARG when first > last or last > line count (d is
** unchanged), or GAVEL_ERR_NOMEM (d is unchanged). */
gavel_status gavel_doc_replace(gavel_doc *d, size_t first, size_t last,
                               const char *const *lines, const size_t *lens,
                               size_t n);

/* Returns the number of lines (at least 1 after set_text, 0 when new). */
size_t gavel_doc_line_count(const gavel_doc *d);

/* Returns row's text and its length in *len, or NULL when row is out of
** range.  Owned by d; valid until d changes. */
const char *gavel_doc_line(const gavel_doc *d, size_t row, size_t *len);

/* Resolves dates against their entry dates, builds the timeline and
** derives the warnings as of `today`.  peers (may be NULL) are the other
** notes of the same case: their evidence definitions count as defined.
** Cheap when little changed, but always correct: the result equals that of
** a fresh document given the same text.  Returns GAVEL_OK or
** GAVEL_ERR_NOMEM (results then are those of the previous analysis). */
gavel_status gavel_doc_analyze(gavel_doc *d, gavel_day today,
                               const gavel_doc *const *peers, size_t npeers);

/* Returns how many times gavel_doc_analyze has worked d's results out (0
** before the first time; a call that found nothing changed does not
** count).  While it stays the same, the warnings, timeline and resolved
** items are those a front end last read, and need not be read again. */
uint64_t gavel_doc_analyses(const gavel_doc *d);

/* Returns the rows whose resolved items may differ from what the previous
** call returned, as [*lo, *hi) (empty when *lo == *hi), and forgets them.
** A front end re-draws those rows only. */
void gavel_doc_take_changed(gavel_doc *d, size_t *lo, size_t *hi);

/* Items of one row in column order, in *out; returns their count (0 for a
** row out of range).  Resolved fields are those of the last analysis. */
size_t gavel_doc_row_items(const gavel_doc *d, size_t row,
                           const gavel_item **out);

/* The file an EVENT evidence_def item of `row` names: a pointer into the
** row's text (owned by d, valid until d changes, not NUL-terminated) with
** its length in *len; NULL with *len 0 when it names none or row is out of
** range. */
const char *gavel_doc_item_path(const gavel_doc *d, size_t row,
                                const gavel_item *it, size_t *len);

/* Returns the row of the next line at or after `from` that has items, or
** gavel_doc_line_count(d) when none.  Lets a caller walk all items in
** time proportional to the lines that have any. */
size_t gavel_doc_next_row(const gavel_doc *d, size_t from);

/* A warning, on the line that best explains it. */
typedef struct gavel_warning {
  uint8_t code;           /* gavel_code */
  uint8_t severity;       /* gavel_severity */
  uint32_t row, col, end_row, end_col;
  char message[256];      /* "No response from ADA Natarajan in 23 days (last contact 2025-03-05)" */
} gavel_warning;

/* The warnings of the last analysis in row order (acknowledged and snoozed
** ones left out) in *out; returns their count. */
size_t gavel_doc_warnings(const gavel_doc *d, const gavel_warning **out);

/* One row of the negotiation timeline: an offer, counteroffer, reject,
** accept, withdraw, attempt or response, in the order the notes give them. */
typedef struct gavel_round {
  uint32_t row;
  gavel_day day;          /* entry date (GAVEL_NO_DAY when undated) */
  uint8_t event;          /* gavel_event */
  uint8_t party;          /* gavel_party */
  uint32_t flags;         /* the event's GAVEL_F_* */
  char who[48];
  gavel_terms terms;      /* offers and counteroffers */
  gavel_day expires;      /* offers: expiry, or GAVEL_NO_DAY */
  char change[128];       /* against the previous offer of the same party:
                             "custody 24 -> 18 mo; fine $1,000 -> $500";
                             "same terms"; "" for the first one */
  int32_t waited_days;    /* responses: days since the defense attempt or
                             counteroffer they answer; -1 otherwise */
} gavel_round;

/* The timeline of the last analysis in *out; returns its length. */
size_t gavel_doc_timeline(const gavel_doc *d, const gavel_round **out);

typedef enum gavel_state {
  GAVEL_STATE_NONE = 0,     /* nothing negotiated yet */
  GAVEL_STATE_NEGOTIATING,
  GAVEL_STATE_OFFER_OPEN,   /* an offer stands and has not expired */
  GAVEL_STATE_STALLED,      /* no-response / unanswered / no-concession */
  GAVEL_STATE_ACCEPTED,     /* a plea was accepted */
  GAVEL_STATE_TRIAL_BOUND   /* offer withdrawn/rejected with trial set, or
                               negotiation over */
} gavel_state;

/* Returns "none", "negotiating", "offer-open", "stalled", "accepted",
** "trial-bound". */
const char *gavel_state_name(gavel_state s);

/* A case's negotiation at a glance, as of the last analysis. */
typedef struct gavel_summary {
  char name[96];               /* from the header ("State v. Doe"), or "" */
  char number[48];             /* "24-CR-0118", or "" */
  uint8_t state;               /* gavel_state */
  int32_t latest_offer;        /* index into the timeline, -1 none */
  gavel_day last_response;     /* last prosecution response, or NO_DAY */
  gavel_day last_client_contact;
  gavel_day next_day;          /* next court date, deadline or expiry >= today */
  char next_what[48];          /* what is on next_day */
  uint32_t next_row;
  gavel_day trial_day;         /* next trial setting, or NO_DAY */
  uint32_t prep_done, prep_open;
  uint32_t warnings[GAVEL_W_COUNT]; /* raised, after acks */
} gavel_summary;

/* Returns the summary of the last analysis (owned by d). */
const gavel_summary *gavel_doc_summary(const gavel_doc *d);

/* Finds the evidence item under (row, col): a reference or a definition.
** Returns its normalised id (owned by d, valid until d changes) or NULL. */
const char *gavel_doc_evidence_at(const gavel_doc *d, size_t row, size_t col);

/* Returns the row of the definition of evidence `id` in d, or -1. */
long gavel_doc_evidence_def(const gavel_doc *d, const char *id);

/* Returns 1 when the evidence item `ref` (an EVENT evidence_ref or _def)
** names `id`, counting Bates ranges that contain it; else 0. */
int gavel_evidence_matches(const gavel_item *ref, const char *id);

/* Normalises an evidence id as written ("Ex. 12", "Def. Exhibit 7",
** "DEF-000123") into out (outlen bytes, NUL-terminated).  Returns 0, or
** -1 when text is not an evidence id. */
int gavel_evidence_normalize(const gavel_engine *e, const char *text,
                             size_t len, char *out, size_t outlen);

/* ------------------------------------------------------------------ */
/* The case index (SQLite)                                             */
/* ------------------------------------------------------------------ */
/* Declared by the store work (csrc/store.c); see that section below. */

/*
** One SQLite database per user holds what the engine read from every notes
** file of every case, so front ends can answer across files and cases
** without opening them.  A case is a folder: the nearest ancestor of a
** notes file that holds a `.gavel` marker file, else the file's own folder.
** Paths are stored absolute and resolved (realpath).
**
** The database is created 0600 in a 0700 directory, in WAL mode; every
** write is one short BEGIN IMMEDIATE transaction per file, and a writer
** waits for others (busy timeout plus retries) instead of failing, so any
** number of processes may index into one database at once.  A database
** that is not a database or fails quick_check (run at open when the last
** user did not close it cleanly) is moved aside to PATH.corrupt-TIMESTAMP
** and rebuilt from the notes of the cases it held; gavel_store_notice says
** so once.  Nothing here logs note text.
**
** Strings and arrays returned by the query functions belong to the store
** and stay valid until the next call on the same store.
*/

typedef struct gavel_store gavel_store;

/* The schema version this build writes (PRAGMA user_version).  Older
** databases are migrated forward at open; newer ones are refused. */
#define GAVEL_STORE_SCHEMA 2

/* Opens (creating as needed) the index at `path`: its directory is made
** 0700 and the file chmod'ed 0600 whatever the umask.  `e` (which must
** outlive the store) reads the notes; it may be NULL for a store that only
** answers queries (indexing then returns GAVEL_ERR_ARG).  On GAVEL_OK *out
** is a new store (free with gavel_store_close); check gavel_store_notice
** once after opening.  A database that exists but cannot be written is
** opened read-only (GAVEL_OK, with a notice; writes then return
** GAVEL_ERR_IO).  On failure *out is NULL and a one-line reason is written
** to errbuf (errlen bytes, may be NULL): GAVEL_ERR_IO (directory or file
** cannot be created or opened), GAVEL_ERR_DB (a newer schema, SQLite
** error), GAVEL_ERR_BUSY, GAVEL_ERR_NOMEM. */
gavel_status gavel_store_open(const char *path, const gavel_engine *e,
                              gavel_store **out, char *errbuf, size_t errlen);

/* Closes the store and frees everything it returned.  NULL is a no-op. */
void gavel_store_close(gavel_store *s);

/* Returns the last error message on s (owned by s; "" when none).  It
** names files and SQLite's reason, never note text. */
const char *gavel_store_errmsg(const gavel_store *s);

/* Returns a message the user should see once ("the case index was damaged;
** moved it to ...; rebuilt 3 cases"; "the case index ... is read-only; it
** is not being updated"), or NULL.  Each notice is returned once. */
const char *gavel_store_notice(gavel_store *s);

/* Returns 1 when the store was opened read-only, else 0. */
int gavel_store_readonly(const gavel_store *s);

/* How long a write waits for another process's write lock before
** GAVEL_ERR_BUSY: ms (an editor's on-save write wants a short wait), or
** the default (about a minute: 12 attempts of 5 s) when ms <= 0. */
void gavel_store_set_busy_timeout(gavel_store *s, int ms);

/* What indexing did. */
typedef enum gavel_index_result {
  GAVEL_INDEX_READ = 0,  /* the file was read and its items stored */
  GAVEL_INDEX_SKIPPED,   /* unchanged size, mtime and hash: nothing to do */
  GAVEL_INDEX_REMOVED,   /* the file is gone (or binary): it left the index */
  GAVEL_INDEX_FAILED     /* it could not be read; its old entry stays */
} gavel_index_result;

typedef struct gavel_index_stats {
  uint32_t read, skipped, removed, failed;
} gavel_index_stats;

/* Indexes one notes file as of `today` (warnings are judged on that day).
** A file whose size and mtime (ns) are unchanged is skipped without being
** read; when they changed but the content hash (64-bit FNV-1a) did not,
** only the mtime is updated (skipped).  A missing file is removed.  `how`
** (may be NULL) says which.  Returns GAVEL_OK (also for GAVEL_INDEX_FAILED,
** with the reason in errmsg), GAVEL_ERR_IO (read-only store, disk full),
** GAVEL_ERR_BUSY, GAVEL_ERR_CORRUPT, GAVEL_ERR_DB, GAVEL_ERR_NOMEM or
** GAVEL_ERR_ARG (no engine). */
gavel_status gavel_store_index_file(gavel_store *s, const char *path,
                                    gavel_day today, gavel_index_result *how);

/* Called before each file of gavel_store_index_dir (done of total files
** are finished).  A non-zero return stops the walk (GAVEL_OK is returned
** with what was done so far). */
typedef int (*gavel_progress_fn)(void *ud, size_t done, size_t total);

/* Indexes every notes file (*.md, *.markdown, *.txt, *.notes; hidden
** entries and symlinked folders skipped) below `dir` (or the one file
** `dir` names), then removes indexed files below it that no longer exist.
** Adds counts to *stats (may be NULL; not zeroed).  Returns as
** gavel_store_index_file; GAVEL_ERR_IO when dir cannot be read. */
gavel_status gavel_store_index_dir(gavel_store *s, const char *dir,
                                   gavel_day today, gavel_progress_fn progress,
                                   void *ud, gavel_index_stats *stats);

/* Writes the case folder of `path` (a notes file or folder; need not be
** indexed) into buf (len bytes).  Returns buf, or NULL when path cannot be
** resolved or does not fit. */
char *gavel_store_case_dir(const char *path, char *buf, size_t len);

/* Removes a case (its folder, or any path inside it) from the index and
** scrubs its text from the database file (secure_delete, WAL truncated).
** *nfiles (may be NULL) is how many files left.  Returns GAVEL_OK (also
** when the case was not indexed: *nfiles = 0) or an error as above. */
gavel_status gavel_store_forget(gavel_store *s, const char *case_dir,
                                uint32_t *nfiles);

/* One case on the dashboard, as of the day given to gavel_store_cases. */
typedef struct gavel_case_info {
  const char *dir;            /* the case folder */
  const char *name;           /* from the notes' header, else the folder's name */
  const char *number;         /* "24-CR-0118", or "" */
  uint8_t state;              /* gavel_state (offer-open only while unexpired) */
  uint32_t nfiles;
  const char *offer;          /* latest prosecution offer in short
                                 ("18 mo custody; $500 fine"), or "" */
  gavel_day offer_day;        /* its entry date, or GAVEL_NO_DAY */
  gavel_day offer_expires;    /* or GAVEL_NO_DAY */
  const char *offer_file;     /* where it is written (NULL when no offer) */
  uint32_t offer_row;
  gavel_day last_response;    /* last prosecution response, or GAVEL_NO_DAY */
  int32_t days_since_response;/* today - last_response, -1 when none */
  gavel_day next_day;         /* next court date, deadline or open offer's
                                 expiry on or after today, or GAVEL_NO_DAY */
  const char *next_what;      /* "trial", "offer expires"... or "" */
  const char *next_file;      /* NULL when next_day is GAVEL_NO_DAY */
  uint32_t next_row;
  uint32_t warnings[GAVEL_W_COUNT]; /* per code, as of the last index:
                                 deadline-approaching and strong-evidence
                                 add up over files; undefined-evidence
                                 counts ids no file of the case defines;
                                 the others (about the negotiation) are
                                 the most any one file raised */
  uint32_t nwarnings;         /* their sum */
  const char *open_file;      /* where <CR> should go: the next date's line,
                                 else the latest offer's, else the first
                                 notes file (row 0) */
  uint32_t open_row;
} gavel_case_info;

/* Every indexed case, most urgent first (next date soonest, then most
** warnings, then name), in *out; returns the count, or 0 with *out NULL
** on failure (see gavel_store_errmsg; "" when there simply are none). */
size_t gavel_store_cases(gavel_store *s, gavel_day today,
                         const gavel_case_info **out);

/* One agenda entry: a court date, a filing deadline or an offer's expiry. */
typedef struct gavel_agenda_item {
  gavel_day day;
  int16_t minute;             /* minutes after midnight, -1 when no time */
  uint8_t event;              /* GAVEL_EV_COURT_DATE, GAVEL_EV_DEADLINE, or
                                 GAVEL_EV_OFFER for an expiring offer */
  const char *what;           /* "trial", "motion deadline", "offer expires" */
  const char *case_dir, *case_name;
  const char *file;           /* the notes file and 0-based row */
  uint32_t row;
} gavel_agenda_item;

/* Court dates, deadlines and the expiry of each case's standing offer on
** days [from, to], by day and time, duplicates (same case, day, kind and
** what) merged; in *out; returns the count (0 and *out NULL on failure). */
size_t gavel_store_agenda(gavel_store *s, gavel_day from, gavel_day to,
                          const gavel_agenda_item **out);

/* One evidence definition or reference found in a case. */
typedef struct gavel_evidence_hit {
  const char *file;
  uint32_t row, col, end_col;
  uint8_t event;              /* GAVEL_EV_EVIDENCE_DEF or _REF */
} gavel_evidence_hit;

/* Definitions (first) and references of evidence `id` (normalised, "EX-12";
** Bates ranges that contain it count) in every indexed file of the case
** holding case_dir, in file and row order; returns the count. */
size_t gavel_store_evidence(gavel_store *s, const char *case_dir,
                            const char *id, const gavel_evidence_hit **out);

/* One round of a case's negotiation timeline, for export. */
typedef struct gavel_store_round {
  const char *case_dir, *case_name, *case_number, *file;
  uint32_t row;
  gavel_day day;
  uint8_t event, party;
  const char *who, *change;
  gavel_terms terms;
  gavel_day expires;
} gavel_store_round;

/* The timeline rounds of every case (by case folder, then date, then file
** and row) in *out; returns the count (0 and *out NULL on failure). */
size_t gavel_store_rounds(gavel_store *s, const gavel_store_round **out);

/* Writes an offer's terms in short ("Count 2; 18 mo custody (suspended);
** $500 fine") into buf (len bytes, NUL-terminated).  Returns buf. */
char *gavel_terms_short(const gavel_terms *t, char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* GAVEL_H */
