/*
** test_timeline.c: the analysis.  Whole notes in the styles attorneys write
** (Markdown headings, date-prefixed lines, terse), analysed as of a pinned
** "today": which warnings fire, on which row, saying what; the timeline's
** change strings and waits; the summary's state; acks, snoozes, options.
*/
#include <stdlib.h>

#include "test.h"

/* ---- fixtures --------------------------------------------------------------- */

/* Three unanswered attempts, then a "still nothing" line (rows 0-based). */
static const char stall[] =
    "# State v. Doe\n"                     /* 0 */
    "Case No. 24-CR-0118\n"                /* 1 */
    "\n"                                   /* 2 */
    "## 2025-03-05\n"                      /* 3 */
    "Emailed ADA Natarajan re: counter.\n" /* 4 */
    "## 2025-03-12\n"                      /* 5 */
    "Called ADA Natarajan, left VM.\n"     /* 6 */
    "## 2025-03-19\n"                      /* 7 */
    "Called ADA again, no reply.\n"        /* 8 */
    "Still nothing from ADA.\n";           /* 9 */

/* The same, answered on 3/21. */
static const char stall_answered[] =
    "## 2025-03-05\n"
    "Emailed ADA Natarajan re: counter.\n"
    "## 2025-03-12\n"
    "Called ADA Natarajan, left VM.\n"
    "## 2025-03-19\n"
    "Called ADA again, no reply.\n"
    "## 2025-03-21\n"
    "ADA Natarajan called back, will discuss with her supervisor.\n";

/* Terse date-prefixed lines: an offer, a counter, movement, then none. */
static const char concession[] =
    "# People v. Smith\n"                                                         /* 0 */
    "\n"                                                                          /* 1 */
    "2025-01-06: Arraignment, pled NG. Met client after.\n"                       /* 2 */
    "2025-01-20: DDA Ruiz offered 24 months prison, $1,000 fine.\n"               /* 3 */
    "2025-02-03: We countered: 12 months, $500 fine.\n"                           /* 4 */
    "2025-02-10: DDA Ruiz came back with 18 months prison, $500 fine, 2 yrs probation.\n" /* 5 */
    "2025-02-24: Emailed DDA Ruiz asking for a reduction.\n"                      /* 6 */
    "2025-03-03: DDA Ruiz offered 18 months prison, $500 fine, 2 yrs probation.\n" /* 7 */
    "2025-03-10: We countered again with 12 months.\n"                            /* 8 */
    "2025-03-17: DDA Ruiz said same offer, won't budge.\n";                       /* 9 */

/* An offer that got worse. */
static const char harsher[] =
    "State v. Lee \xe2\x80\x94 Case No. 25-CR-0042\n"
    "\n"
    "3/3/25 \xe2\x80\x94 ADA Cho offered 6 mo jail, 12 mo probation. Offer open until 3/21.\n"
    "3/10/25 \xe2\x80\x94 Called client, went over offer.\n"
    "3/12/25 \xe2\x80\x94 ADA Cho offered 9 mo jail, 12 mo probation.\n";

/* An offer with an expiry; its terms on the row. */
static const char expiring[] =
    "## 2025-04-01\n"                                              /* 0 */
    "ADA Natarajan offered 18 mo DOC, $500 fine; open until 4/13.\n" /* 1 */
    "- Met client at jail, went over the offer.\n";                /* 2 */

static const char expiring_rejected[] =
    "## 2025-04-01\n"
    "ADA Natarajan offered 18 mo DOC, $500 fine; open until 4/13.\n"
    "## 2025-04-03\n"
    "Client rejected the offer.\n";

static const char withdrawn[] =
    "3/3/25 - ADA Cho offered 6 mo jail.\n"
    "3/20/25 - ADA Cho withdrew the offer; no further offers.\n";

static const char withdrawn_reoffer[] =
    "3/3/25 - ADA Cho offered 6 mo jail.\n"
    "3/20/25 - ADA Cho withdrew the offer; no further offers.\n"
    "3/28/25 - ADA Cho offered 9 mo jail.\n";

/* Court dates and trial prep. */
static const char court[] =
    "## 2025-04-01\n"                  /* 0 */
    "Motions due 4/15.\n"              /* 1 */
    "Trial set for 5/10/2025.\n"       /* 2 */
    "Met client at the office.\n"      /* 3 */
    "- [ ] witness list\n"             /* 4 */
    "- [x] subpoena Officer Reyes\n"   /* 5 */
    "- [ ] expert (toxicology)\n"      /* 6 */
    "- witness list done\n";           /* 7 */

static const char court_early[] =
    "## 2025-03-01\n"
    "Trial set for 5/10/2025.\n";

static const char court_twice[] =
    "## 2025-04-01\n"
    "Motions due 4/15.\n"
    "Reminder: motions due 4/15.\n";

static const char trial_no_prep[] =
    "## 2025-04-01\n"
    "Trial set for 5/10/2025.\n";

/* Plain text, a rejection with trial set, strength, evidence. */
static const char plain[] =
    "State v. Lee\n"                                                    /* 0 */
    "2025-01-10: Arraignment held, pled NG; trial set for 6/2/2025.\n"  /* 1 */
    "2025-02-28: Client called re: status.\n"                           /* 2 */
    "2025-03-03: ADA Cho offered 6 mo jail, 12 mo probation.\n"         /* 3 */
    "2025-03-05: Client rejected the offer.\n"                          /* 4 */
    "State has bodycam video and an eyewitness ID.\n"                   /* 5 */
    "See Ex. 4 and Exhibit 9; Bates DEF-000125.\n"                      /* 6 */
    "- Exhibit 4: lab report (discovery/lab.pdf)\n"                     /* 7 */
    "- DEF-000120\xe2\x80\x93" "DEF-000135: phone records\n";           /* 8 */

static const char gap[] =
    "State v. Lee\n"
    "2025-01-10: Arraignment held, pled NG; trial set for 6/2/2025.\n"
    "2025-02-28: Client called re: status.\n"
    "2025-03-03: ADA Cho offered 6 mo jail, 12 mo probation.\n";

static const char one_strength[] =
    "## 2025-03-01\n"
    "State has DNA.\n";

static const char accepted[] =
    "## 2025-03-01\n"
    "ADA Cho offered 6 mo jail, 12 mo probation; open until 3/10.\n"
    "State has bodycam video and an eyewitness ID.\n"
    "Trial set for 4/1/2025.\n"
    "## 2025-03-05\n"
    "Client accepted the offer.\n";

static const char countered[] =
    "## 2025-03-01\n"
    "We countered with 12 mo probation.\n";

/* An offer whose terms are a list below it; a snooze that is no expiry. */
static const char markdown_offer[] =
    "# Commonwealth v. Ortiz\n"                            /* 0 */
    "Docket No. 2584CR000123\n"                            /* 1 */
    "\n"                                                   /* 2 */
    "## 2025-03-14\n"                                      /* 3 */
    "Offer from ADA Natarajan:\n"                          /* 4 */
    "- 18 mo HOC, suspended\n"                             /* 5 */
    "- 2 yrs probation\n"                                  /* 6 */
    "- $500 fine, restitution $1,250\n"                    /* 7 */
    "- dismiss counts 2 and 3\n"                           /* 8 */
    "- open until 4/15\n"                                  /* 9 */
    "\n"                                                   /* 10 */
    "## 2025-03-20\n"                                      /* 11 */
    "We countered: CWOF, 1 yr probation.\n"                /* 12 */
    "<!-- gavel: snooze no-response until 4/30 -->\n"      /* 13 */
    "## 2025-04-01\n"                                      /* 14 */
    "Emailed ADA Natarajan to follow up on our counter.\n"; /* 15 */

/* Terse shorthand: a final offer, a same-line answer, a plea. */
#define TERSE_HEAD                                                               \
  "Doe, John - Case 24-CR-0977\n"                                                 \
  "1/15/25 ADA Kim offered misd. plea, 12 mo prob, $300 fine. Final offer.\n"     \
  "1/22/25 countered w/ diversion\n"                                              \
  "1/23/25 called ADA Kim, she said same offer\n"                                 \
  "1/30/25 ADA Kim rejected our counter\n"
static const char terse_head[] = TERSE_HEAD;
static const char terse[] =
    TERSE_HEAD
    "2/2/25 client accepted the offer. Plea entered.\n"
    "2/20/25 Sentencing set for 3/3/25.\n";

/* A request made in a call; "same offer" keeps the standing expiry. */
static const char conversation[] =
    "## 2025-03-14\n"                                      /* 0 */
    "ADA Natarajan offered 18 mo DOC; open until 4/15.\n"  /* 1 */
    "## 2025-03-21\n"                                      /* 2 */
    "Spoke with ADA Natarajan. Asked for a better offer.\n" /* 3 */
    "3/24/25 - emailed ADA following up.\n"                /* 4 */
    "3/28/25 - left VM for ADA. No reply.\n"               /* 5 */
    "## 2025-04-02\n"                                      /* 6 */
    "ADA Natarajan replied: same offer, won't budge.\n";   /* 7 */

/* One counter met with the same offer: not yet a refusal. */
static const char one_ask[] =
    "## 2025-03-01\n"
    "ADA Cho offered 6 mo jail.\n"
    "## 2025-03-05\n"
    "We countered with 12 mo probation.\n"
    "## 2025-03-07\n"
    "ADA Cho said same offer.\n";

/* The court's indication: an offer that waits for no one. */
static const char judge[] =
    "## 2025-03-01\n"
    "Judge indicated 6 mo jail at the pretrial.\n";

/* Acks and snoozes sit on the warning's row or the non-blank row above. */
static const char stall_acked[] =
    "## 2025-03-05\n"
    "<!-- gavel: ack no-response -->\n"
    "\n"
    "Emailed ADA Natarajan re: counter.\n"
    "## 2025-03-12\n"
    "Called ADA Natarajan, left VM.\n"
    "## 2025-03-19\n"
    "Called ADA again, no reply.\n";

static const char two_attempts[] =
    "## 2025-03-05\n"
    "Emailed ADA Natarajan re: counter.\n"
    "## 2025-03-12\n"
    "Called ADA Natarajan, left VM.\n";

static const char stall_ack_all[] =
    "## 2025-03-05\n"
    "Emailed ADA Natarajan re: counter. <!-- gavel: ack all -->\n"
    "## 2025-03-12\n"
    "Called ADA Natarajan, left VM.\n"
    "## 2025-03-19\n"
    "Called ADA again, no reply. <!-- gavel: ack all -->\n";

static const char stall_ack_far[] =
    "## 2025-03-05\n"
    "<!-- gavel: ack no-response -->\n"
    "Some prose in between.\n"
    "Emailed ADA Natarajan re: counter.\n"
    "## 2025-03-12\n"
    "Called ADA Natarajan, left VM.\n"
    "## 2025-03-19\n"
    "Called ADA again, no reply.\n";

static const char expiring_snoozed[] =
    "## 2025-04-01\n"
    "<!-- gavel: snooze offer-expiring until 4/12 -->\n"
    "ADA Natarajan offered 18 mo DOC, $500 fine; open until 4/13.\n";

static const char client_none[] =
    "# State v. Doe\n"
    "## 2025-01-10\n"
    "ADA Natarajan offered 18 mo DOC.\n";

/* ---- warnings ---------------------------------------------------------------- */

typedef struct warn_case {
  const char *name;
  const char *text;
  const char *today;
  gavel_code code;
  int count;
  int row;          /* of the first such warning; -1: not checked */
  const char *msg;  /* a substring of its message, or NULL */
} warn_case;

static const warn_case warn_cases[] = {
    /* no-response: 14 days after the first unanswered attempt (3/5) */
    {"no-response at exactly 14 days", stall, "2025-03-19", GAVEL_W_NO_RESPONSE, 1, 4,
     "No response from ADA Natarajan in 14 days (last contact 2025-03-05)"},
    {"no-response not at 13 days", stall, "2025-03-18", GAVEL_W_NO_RESPONSE, 0, -1, NULL},
    {"no-response not once answered", stall_answered, "2025-04-30", GAVEL_W_NO_RESPONSE, 0, -1, NULL},
    {"a court offer awaits no answer", judge, "2025-04-30", GAVEL_W_NO_RESPONSE, 0, -1, NULL},
    {"no-response not after a plea", accepted, "2025-05-30", GAVEL_W_NO_RESPONSE, 0, -1, NULL},
    /* unanswered-attempts */
    {"three attempts", stall, "2025-03-20", GAVEL_W_UNANSWERED, 1, 8,
     "3 attempts since 2025-03-05 without a reply (emails/calls on 03-05, 03-12, 03-19)"},
    {"a reply resets the run", stall_answered, "2025-03-22", GAVEL_W_UNANSWERED, 0, -1, NULL},
    {"two attempts are not enough", two_attempts, "2025-03-13", GAVEL_W_UNANSWERED, 0, -1, NULL},
    /* no-concession */
    {"same terms twice after asks", concession, "2025-03-20", GAVEL_W_NO_CONCESSION, 1, 9,
     "Unwilling to offer any concessions despite 2 attempts: same terms since 2025-02-10 (18 mo DOC, 2 yrs probation, $500 fine)"},
    {"movement is a concession", harsher, "2025-03-20", GAVEL_W_NO_CONCESSION, 0, -1, NULL},
    /* harsher-offer */
    {"custody went up", harsher, "2025-03-20", GAVEL_W_HARSHER_OFFER, 1, 4,
     "Offer got harsher: custody 6 -> 9 mo"},
    {"custody went down", concession, "2025-03-20", GAVEL_W_HARSHER_OFFER, 0, -1, NULL},
    /* strong-evidence */
    {"two kinds of evidence", plain, "2025-03-10", GAVEL_W_STRONG_EVIDENCE, 1, 5,
     "The State will lean on video, eyewitness ID"},
    {"one kind is not enough", one_strength, "2025-03-10", GAVEL_W_STRONG_EVIDENCE, 0, -1, NULL},
    {"no strength warning after a plea", accepted, "2025-03-06", GAVEL_W_STRONG_EVIDENCE, 0, -1, NULL},
    /* offer-expiring: expires 4/13, window 7 days */
    {"expires in 3 days", expiring, "2025-04-10", GAVEL_W_OFFER_EXPIRING, 1, 1,
     "Offer expires in 3 days (2025-04-13): 18 mo DOC, $500 fine"},
    {"expires in exactly 7 days", expiring, "2025-04-06", GAVEL_W_OFFER_EXPIRING, 1, 1, "in 7 days"},
    {"expires in 8 days", expiring, "2025-04-05", GAVEL_W_OFFER_EXPIRING, 0, -1, NULL},
    {"expires today", expiring, "2025-04-13", GAVEL_W_OFFER_EXPIRING, 1, 1, "Offer expires today"},
    {"rejected offers do not expire", expiring_rejected, "2025-04-10", GAVEL_W_OFFER_EXPIRING, 0, -1, NULL},
    /* offer-expired */
    {"expired yesterday", expiring, "2025-04-14", GAVEL_W_OFFER_EXPIRED, 1, 1,
     "Offer expired 2025-04-13 with no decision recorded"},
    {"not expired on the day", expiring, "2025-04-13", GAVEL_W_OFFER_EXPIRED, 0, -1, NULL},
    {"a decision was recorded", expiring_rejected, "2025-04-20", GAVEL_W_OFFER_EXPIRED, 0, -1, NULL},
    /* offer-withdrawn */
    {"withdrawn", withdrawn, "2025-03-25", GAVEL_W_OFFER_WITHDRAWN, 1, 1,
     "ADA Cho withdrew the offer on 2025-03-20"},
    {"a new offer after the withdrawal", withdrawn_reoffer, "2025-03-29", GAVEL_W_OFFER_WITHDRAWN, 0, -1, NULL},
    /* deadline-approaching: 4/15, window 7 days */
    {"deadline in 5 days", court, "2025-04-10", GAVEL_W_DEADLINE, 1, 1,
     "Motion deadline in 5 days (2025-04-15)"},
    {"deadline in exactly 7 days", court, "2025-04-08", GAVEL_W_DEADLINE, 1, 1, "in 7 days"},
    {"deadline in 8 days", court, "2025-04-07", GAVEL_W_DEADLINE, 0, -1, NULL},
    {"deadline passed", court, "2025-04-16", GAVEL_W_DEADLINE, 0, -1, NULL},
    {"one warning per deadline", court_twice, "2025-04-10", GAVEL_W_DEADLINE, 1, 1, NULL},
    /* trial-approaching: 5/10, window 45 days */
    {"trial in 30 days", court, "2025-04-10", GAVEL_W_TRIAL, 1, 2,
     "Trial in 30 days (2025-05-10); prep still open: expert"},
    {"trial in exactly 45 days", court_early, "2025-03-26", GAVEL_W_TRIAL, 1, 1, "in 45 days"},
    {"trial in 46 days", court_early, "2025-03-25", GAVEL_W_TRIAL, 0, -1, NULL},
    {"an entry after today is not judged yet", court, "2025-03-26", GAVEL_W_TRIAL, 0, -1, NULL},
    {"trial with no prep logged", trial_no_prep, "2025-04-10", GAVEL_W_TRIAL, 1, 1, "prep: nothing logged"},
    {"no trial warning after a plea", accepted, "2025-03-06", GAVEL_W_TRIAL, 0, -1, NULL},
    {"trial is not a deadline", trial_no_prep, "2025-05-08", GAVEL_W_DEADLINE, 0, -1, NULL},
    /* undefined-evidence */
    {"EX-9 never described", plain, "2025-03-10", GAVEL_W_UNDEFINED_EVIDENCE, 1, 6,
     "Exhibit EX-9 is referenced but never described"},
    {"defined evidence is quiet", expiring, "2025-04-10", GAVEL_W_UNDEFINED_EVIDENCE, 0, -1, NULL},
    /* client-contact-gap: 30 days */
    {"41 days since the client", gap, "2025-04-10", GAVEL_W_CLIENT_GAP, 1, 2,
     "No client contact logged in 41 days (last 2025-02-28)"},
    {"exactly 30 days", gap, "2025-03-30", GAVEL_W_CLIENT_GAP, 1, 2, "in 30 days"},
    {"29 days", gap, "2025-03-29", GAVEL_W_CLIENT_GAP, 0, -1, NULL},
    {"the client's rejection is a contact", plain, "2025-04-10", GAVEL_W_CLIENT_GAP, 1, 4,
     "No client contact logged in 36 days (last 2025-03-05)"},
    {"never met the client", client_none, "2025-03-01", GAVEL_W_CLIENT_GAP, 1, 0,
     "none since the first entry, 2025-01-10"},
    {"no negotiation, no gap", one_strength, "2025-06-01", GAVEL_W_CLIENT_GAP, 0, -1, NULL},
    /* acks and snoozes */
    {"ack on the row above, across a blank", stall_acked, "2025-04-30", GAVEL_W_NO_RESPONSE, 0, -1, NULL},
    {"ack all on the row", stall_ack_all, "2025-04-30", GAVEL_W_NO_RESPONSE, 0, -1, NULL},
    {"ack all silences every code", stall_ack_all, "2025-04-30", GAVEL_W_UNANSWERED, 0, -1, NULL},
    {"an ack two rows up does not count", stall_ack_far, "2025-04-30", GAVEL_W_NO_RESPONSE, 1, 3, NULL},
    {"an ack is for its code only", stall_acked, "2025-04-30", GAVEL_W_UNANSWERED, 1, 7, NULL},
    {"snoozed until 4/12", expiring_snoozed, "2025-04-10", GAVEL_W_OFFER_EXPIRING, 0, -1, NULL},
    {"snoozed through its last day", expiring_snoozed, "2025-04-12", GAVEL_W_OFFER_EXPIRING, 0, -1, NULL},
    {"a snooze below the row does not count", markdown_offer, "2025-04-20", GAVEL_W_NO_RESPONSE, 1, 12,
     "No response from ADA Natarajan in 31 days (last contact 2025-03-14)"},
    {"sentencing is a court date", terse, "2025-02-26", GAVEL_W_DEADLINE, 1, 6,
     "Sentencing in 5 days (2025-03-03)"},
    {"a request in a call waits for no reply", conversation, "2025-03-30", GAVEL_W_UNANSWERED, 0, -1, NULL},
    {"same offer, same expiry", conversation, "2025-04-10", GAVEL_W_OFFER_EXPIRING, 1, 7,
     "Offer expires in 5 days (2025-04-15): 18 mo DOC"},
    {"one repeat after three asks is a refusal", conversation, "2025-04-10", GAVEL_W_NO_CONCESSION, 1, 7,
     "despite 3 attempts: same terms since 2025-03-14 (18 mo DOC)"},
    {"one repeat after one ask is not", one_ask, "2025-03-08", GAVEL_W_NO_CONCESSION, 0, -1, NULL},
    {"a counter and a call are two asks", terse_head, "2025-01-24", GAVEL_W_NO_CONCESSION, 1, 3, "despite 2 attempts"},
    {"the snooze is over", expiring_snoozed, "2025-04-13", GAVEL_W_OFFER_EXPIRING, 1, 2, "today"},
};

static void check_warnings(void) {
  for (size_t i = 0; i < sizeof warn_cases / sizeof warn_cases[0]; i++) {
    const warn_case *c = &warn_cases[i];
    const gavel_warning *w;
    gavel_doc *d;
    t_case = c->name;
    d = t_doc(c->text, c->today);
    if (!d) continue;
    INT_EQ(t_warn_count(d, c->code, &w), c->count, "warning count");
    if (w && c->row >= 0) INT_EQ(w->row, c->row, "warning row");
    if (w && c->msg) OK(strstr(w->message, c->msg) != NULL, w->message);
    if (w) {
      INT_EQ(w->end_row, w->row, "one row");
      OK(w->end_col > w->col, "a span");
      OK(strlen(w->message) < sizeof w->message, "bounded message");
    }
    gavel_doc_free(d);
  }
  t_case = NULL;
}

/* Warnings come sorted by row then column; severities are the defaults. */
static void check_order_and_severity(void) {
  const gavel_warning *w;
  gavel_doc *d = t_doc(plain, "2025-04-10");
  size_t n;
  t_case = "order";
  if (!d) return;
  n = gavel_doc_warnings(d, &w);
  OK(n >= 3, "several warnings");
  for (size_t i = 1; i < n; i++)
    OK(w[i - 1].row < w[i].row || (w[i - 1].row == w[i].row && w[i - 1].col <= w[i].col),
       "sorted by row, col");
  for (size_t i = 0; i < n; i++)
    if (w[i].code == GAVEL_W_CLIENT_GAP) INT_EQ(w[i].severity, GAVEL_SEV_INFO, "gap is info");
  INT_EQ(gavel_doc_summary(d)->warnings[GAVEL_W_UNDEFINED_EVIDENCE], 1, "summary counts");
  gavel_doc_free(d);
  d = t_doc(expiring, "2025-04-14");
  if (d && t_warn_count(d, GAVEL_W_OFFER_EXPIRED, &w) == 1)
    INT_EQ(w->severity, GAVEL_SEV_ERROR, "expired is an error");
  gavel_doc_free(d);
  t_case = NULL;
}

/* ---- options: thresholds, disabled codes, severities ------------------------ */

static gavel_doc *doc_with(const gavel_engine *e, const char *text, const char *today) {
  gavel_doc *d = NULL;
  if (gavel_doc_new(e, &d) != GAVEL_OK) return NULL;
  if (gavel_doc_set_text(d, text, strlen(text)) != GAVEL_OK ||
      gavel_doc_analyze(d, t_day(today), NULL, 0) != GAVEL_OK) {
    gavel_doc_free(d);
    return NULL;
  }
  return d;
}

static void check_options(void) {
  gavel_options o;
  gavel_engine *e = NULL;
  gavel_doc *d;
  const gavel_warning *w;
  char err[128];
  gavel_options_init(&o);
  o.no_response_days = 30;
  o.unanswered_attempts = 2;
  o.disabled = 1u << GAVEL_W_CLIENT_GAP;
  o.severity[GAVEL_W_NO_RESPONSE] = GAVEL_SEV_ERROR;
  t_case = "options";
  if (gavel_engine_new(&o, &e, err, sizeof err) != GAVEL_OK) {
    OK(0, err);
    return;
  }
  d = doc_with(e, stall, "2025-04-03"); /* 29 days after 3/5 */
  OK(d != NULL, "doc");
  if (d) {
    INT_EQ(t_warn_count(d, GAVEL_W_NO_RESPONSE, NULL), 0, "29 days < 30");
    INT_EQ(t_warn_count(d, GAVEL_W_CLIENT_GAP, NULL), 0, "disabled code");
    INT_EQ(gavel_doc_summary(d)->warnings[GAVEL_W_CLIENT_GAP], 0, "disabled not counted");
    gavel_doc_free(d);
  }
  d = doc_with(e, stall, "2025-04-04");
  if (d) {
    INT_EQ(t_warn_count(d, GAVEL_W_NO_RESPONSE, &w), 1, "30 days");
    if (w) INT_EQ(w->severity, GAVEL_SEV_ERROR, "severity override");
    gavel_doc_free(d);
  }
  d = doc_with(e, two_attempts, "2025-03-13");
  if (d) {
    INT_EQ(t_warn_count(d, GAVEL_W_UNANSWERED, &w), 1, "threshold 2");
    if (w) OK(strstr(w->message, "2 attempts") != NULL, w->message);
    gavel_doc_free(d);
  }
  gavel_engine_free(e);
  /* the defaults raise what was disabled above */
  d = t_doc(stall, "2025-04-18");
  if (d) {
    INT_EQ(t_warn_count(d, GAVEL_W_CLIENT_GAP, NULL), 1, "default: gap raised");
    if (t_warn_count(d, GAVEL_W_NO_RESPONSE, &w) == 1)
      INT_EQ(w->severity, GAVEL_SEV_WARN, "default severity");
    gavel_doc_free(d);
  }
  t_case = NULL;
}

/* ---- peers: definitions in the case's other notes ---------------------------- */

static void check_peers(void) {
  static const char defs[] = "# Evidence\n- Exhibit 9: 911 call audio (discovery/911.mp3)\n";
  gavel_doc *d = t_doc(plain, "2025-03-10"), *p = t_doc(defs, "2025-03-10");
  const gavel_doc *peers[2];
  t_case = "peers";
  if (d && p) {
    peers[0] = p;
    peers[1] = NULL;
    INT_EQ(gavel_doc_analyze(d, t_day("2025-03-10"), peers, 2), GAVEL_OK, "analyze");
    INT_EQ(t_warn_count(d, GAVEL_W_UNDEFINED_EVIDENCE, NULL), 0, "defined in a peer");
    INT_EQ(gavel_doc_analyze(d, t_day("2025-03-10"), NULL, 0), GAVEL_OK, "analyze alone");
    INT_EQ(t_warn_count(d, GAVEL_W_UNDEFINED_EVIDENCE, NULL), 1, "alone again");
  }
  gavel_doc_free(d);
  gavel_doc_free(p);
  t_case = NULL;
}

/* A peer document (gavel_doc_new_peer) reads the evidence a full one does,
** and nothing else; as a peer it defines what the full one would. */
static void check_peer_doc(void) {
  static const char text[] =
      "## 2025-03-04\n"
      "ADA Natarajan offered 18 mo DOC, $500 fine; see Ex. 4 and DEF-000120.\n"
      "- Exhibit 9: 911 call audio (discovery/911.mp3)\n"
      "- Ex. 4: lab report, trial set for 4/20/25\n"
      "Called client re: Exhibit 9.\n";
  gavel_doc *full = t_doc(text, "2025-03-10"), *peer = NULL, *d = t_doc(plain, "2025-03-10");
  const gavel_doc *peers[1];
  t_case = "peer document";
  INT_EQ(gavel_doc_new_peer(t_engine(), &peer), GAVEL_OK, "new");
  gavel_doc *none = (gavel_doc *)&none;
  INT_EQ(gavel_doc_new_peer(NULL, &none), GAVEL_ERR_ARG, "no engine");
  OK(none == NULL, "no document without an engine");
  OK(full && peer && d, "documents made");
  INT_EQ(peer ? gavel_doc_set_text(peer, text, sizeof text - 1) : GAVEL_ERR_ARG, GAVEL_OK, "read");
  if (full && peer && d) {
    size_t nfull = 0, npeer = 0, others = 0;
    for (size_t r = 0; r < gavel_doc_line_count(full); r++) {
      const gavel_item *a, *b;
      size_t na = gavel_doc_row_items(full, r, &a), nb = gavel_doc_row_items(peer, r, &b);
      size_t k = 0;
      for (size_t i = 0; i < na; i++) {
        if (a[i].kind != GAVEL_KIND_EVENT ||
            (a[i].event != GAVEL_EV_EVIDENCE_DEF && a[i].event != GAVEL_EV_EVIDENCE_REF))
          continue;
        nfull++;
        OK(k < nb && b[k].event == a[i].event && !strcmp(b[k].id, a[i].id) &&
               b[k].col == a[i].col,
           "the same evidence item, in order");
        k++;
      }
      for (size_t i = 0; i < nb; i++) {
        npeer++;
        others += b[i].kind != GAVEL_KIND_EVENT ||
                  (b[i].event != GAVEL_EV_EVIDENCE_DEF && b[i].event != GAVEL_EV_EVIDENCE_REF);
      }
    }
    OK(nfull >= 5, "the text has evidence");
    INT_EQ(npeer, nfull, "as many evidence items");
    INT_EQ(others, 0, "nothing but evidence");
    peers[0] = peer;
    INT_EQ(gavel_doc_analyze(d, t_day("2025-03-10"), peers, 1), GAVEL_OK, "analyze");
    INT_EQ(t_warn_count(d, GAVEL_W_UNDEFINED_EVIDENCE, NULL), 0, "defined in the peer document");
  }
  gavel_doc_free(full);
  gavel_doc_free(peer);
  gavel_doc_free(d);
  t_case = NULL;
}

/* ---- the timeline -------------------------------------------------------------- */

typedef struct round_case {
  uint32_t row;
  gavel_event event;
  gavel_party party;
  const char *day;
  const char *change;
  int32_t waited;
  int32_t custody;
} round_case;

static void check_rounds(const char *name, const char *text, const char *today,
                         const round_case *want, size_t n) {
  const gavel_round *tl;
  gavel_doc *d;
  t_case = name;
  d = t_doc(text, today);
  if (!d) return;
  INT_EQ(gavel_doc_timeline(d, &tl), n, "rounds");
  for (size_t i = 0; i < n && i < gavel_doc_timeline(d, &tl); i++) {
    INT_EQ(tl[i].row, want[i].row, "row");
    INT_EQ(tl[i].event, want[i].event, "event");
    INT_EQ(tl[i].party, want[i].party, "party");
    INT_EQ(tl[i].day, t_day(want[i].day), "day");
    STR_EQ(tl[i].change, want[i].change, "change");
    INT_EQ(tl[i].waited_days, want[i].waited, "waited_days");
    INT_EQ(tl[i].terms.custody_months, want[i].custody, "custody");
  }
  gavel_doc_free(d);
  t_case = NULL;
}

static void check_timeline(void) {
  static const round_case conc[] = {
      {3, GAVEL_EV_OFFER, GAVEL_PARTY_PROSECUTION, "2025-01-20", "", -1, 24},
      {4, GAVEL_EV_COUNTER, GAVEL_PARTY_DEFENSE, "2025-02-03", "", -1, -1},
      {5, GAVEL_EV_OFFER, GAVEL_PARTY_PROSECUTION, "2025-02-10",
       "custody 24 -> 18 mo; probation added 24 mo; fine $1,000 -> $500", 7, 18},
      {6, GAVEL_EV_ATTEMPT, GAVEL_PARTY_DEFENSE, "2025-02-24", "", -1, -1},
      {7, GAVEL_EV_OFFER, GAVEL_PARTY_PROSECUTION, "2025-03-03", "same terms", 7, 18},
      {8, GAVEL_EV_COUNTER, GAVEL_PARTY_DEFENSE, "2025-03-10", "terms not stated", -1, -1},
      /* "same offer" with no terms takes the standing terms */
      {9, GAVEL_EV_OFFER, GAVEL_PARTY_PROSECUTION, "2025-03-17", "same terms", 7, 18},
  };
  static const round_case stl[] = {
      {4, GAVEL_EV_ATTEMPT, GAVEL_PARTY_DEFENSE, "2025-03-05", "", -1, -1},
      {6, GAVEL_EV_ATTEMPT, GAVEL_PARTY_DEFENSE, "2025-03-12", "", -1, -1},
      /* row 9 ("still nothing") confirms, it is not a round */
      {8, GAVEL_EV_ATTEMPT, GAVEL_PARTY_DEFENSE, "2025-03-19", "", -1, -1},
  };
  static const round_case ans[] = {
      {1, GAVEL_EV_ATTEMPT, GAVEL_PARTY_DEFENSE, "2025-03-05", "", -1, -1},
      {3, GAVEL_EV_ATTEMPT, GAVEL_PARTY_DEFENSE, "2025-03-12", "", -1, -1},
      {5, GAVEL_EV_ATTEMPT, GAVEL_PARTY_DEFENSE, "2025-03-19", "", -1, -1},
      {7, GAVEL_EV_RESPONSE, GAVEL_PARTY_PROSECUTION, "2025-03-21", "", 16, -1},
  };
  static const round_case wd[] = {
      {0, GAVEL_EV_OFFER, GAVEL_PARTY_PROSECUTION, "2025-03-03", "", -1, 6},
      {1, GAVEL_EV_WITHDRAW, GAVEL_PARTY_PROSECUTION, "2025-03-20", "", -1, -1},
      {2, GAVEL_EV_OFFER, GAVEL_PARTY_PROSECUTION, "2025-03-28", "custody 6 -> 9 mo", -1, 9},
  };
  check_rounds("timeline: concessions", concession, "2025-03-20", conc, sizeof conc / sizeof conc[0]);
  check_rounds("timeline: attempts", stall, "2025-03-20", stl, sizeof stl / sizeof stl[0]);
  check_rounds("timeline: answered", stall_answered, "2025-03-22", ans, sizeof ans / sizeof ans[0]);
  check_rounds("timeline: withdrawn", withdrawn_reoffer, "2025-03-29", wd, sizeof wd / sizeof wd[0]);
  static const round_case ters[] = {
      {1, GAVEL_EV_OFFER, GAVEL_PARTY_PROSECUTION, "2025-01-15", "", -1, -1},
      {2, GAVEL_EV_COUNTER, GAVEL_PARTY_DEFENSE, "2025-01-22", "", -1, -1},
      {3, GAVEL_EV_ATTEMPT, GAVEL_PARTY_DEFENSE, "2025-01-23", "", -1, -1},
      /* the call was a conversation: the offer answers the counter */
      {3, GAVEL_EV_OFFER, GAVEL_PARTY_PROSECUTION, "2025-01-23", "same terms", 1, -1},
      {4, GAVEL_EV_REJECT, GAVEL_PARTY_PROSECUTION, "2025-01-30", "", -1, -1},
      {5, GAVEL_EV_ACCEPT, GAVEL_PARTY_CLIENT, "2025-02-02", "", -1, -1},
  };
  check_rounds("timeline: none", court, "2025-04-10", NULL, 0);
  check_rounds("timeline: terse", terse, "2025-02-26", ters, sizeof ters / sizeof ters[0]);

  gavel_doc *md = t_doc(markdown_offer, "2025-04-20");
  const gavel_round *r;
  t_case = "timeline: terms on list rows";
  if (md && gavel_doc_timeline(md, &r) == 3) {
    INT_EQ(r[0].terms.custody_months, 18, "custody");
    INT_EQ(r[0].terms.suspended, 1, "suspended");
    INT_EQ(r[0].terms.probation_months, 24, "probation");
    INT_EQ(r[0].terms.fine_cents, 50000, "fine");
    INT_EQ(r[0].terms.restitution_cents, 125000, "restitution");
    INT_EQ(r[0].terms.counts_dismissed, 2, "dismissed");
    INT_EQ(r[0].expires, t_day("2025-04-15"), "expiry on a list row");
    INT_EQ(r[1].terms.diversion, 1, "CWOF");
    INT_EQ(r[1].terms.probation_months, 12, "counter probation");
    INT_EQ(r[1].expires, GAVEL_NO_DAY, "a snooze date is no expiry");
  } else {
    OK(0, "three rounds");
  }
  gavel_doc_free(md);

  /* terms and expiry of the round, and the item's resolved fields */
  gavel_doc *d = t_doc(expiring, "2025-04-10");
  const gavel_round *tl;
  const gavel_item *it;
  t_case = "timeline: terms";
  if (d && gavel_doc_timeline(d, &tl) == 1) {
    INT_EQ(tl[0].expires, t_day("2025-04-13"), "expires");
    INT_EQ(tl[0].terms.custody_months, 18, "custody");
    INT_EQ(tl[0].terms.fine_cents, 50000, "fine");
    INT_EQ(tl[0].terms.probation_months, -1, "probation unknown");
    STR_EQ(tl[0].who, "ADA Natarajan", "who");
    size_t n = gavel_doc_row_items(d, 1, &it);
    const gavel_item *offer = t_find(it, n, GAVEL_KIND_EVENT, GAVEL_EV_OFFER);
    OK(offer != NULL, "offer item");
    if (offer) {
      INT_EQ(offer->when, t_day("2025-04-13"), "item when");
      INT_EQ(offer->day, t_day("2025-04-01"), "item day");
      INT_EQ(offer->terms.custody_months, 18, "item terms");
    }
  } else {
    OK(0, "one round");
  }
  gavel_doc_free(d);
  t_case = NULL;
}

/* Terms and expiry on continuation rows, from hand-made items, so the
** rules of timeline.c are pinned whatever the scanners find. */
static gavel_item *put(gavel_doc *d, size_t row, gavel_kind kind, uint32_t col) {
  gv_row *r = &d->rows[row];
  gavel_item *v = realloc(r->items, (r->nitems + 1) * sizeof *v);
  if (!v) return NULL;
  r->items = v;
  gavel_item *it = &v[r->nitems++];
  gv_item_clear(it);
  it->kind = (uint8_t)kind;
  it->row = (uint32_t)row;
  it->col = col;
  it->end_col = col + 4;
  return it;
}

static gavel_item *put_date(gavel_doc *d, size_t row, uint32_t col, int y, int m,
                            int dd, uint32_t flags) {
  gavel_item *it = put(d, row, GAVEL_KIND_DATE, col);
  if (!it) return NULL;
  it->spec.year = (int16_t)y;
  it->spec.month = (int16_t)m;
  it->spec.day = (int16_t)dd;
  it->spec.tense = flags & GAVEL_F_ENTRY ? GAVEL_TENSE_PAST : GAVEL_TENSE_FUTURE;
  it->flags = flags;
  return it;
}

static gavel_item *put_term(gavel_doc *d, size_t row, uint32_t col,
                            gavel_term_kind term, int32_t months, int64_t cents) {
  gavel_item *it = put(d, row, GAVEL_KIND_TERM, col);
  if (!it) return NULL;
  it->term = (uint8_t)term;
  it->months = months;
  it->value = months;
  it->cents = cents;
  return it;
}

static void check_hand_made(void) {
  /* Text without anything the scanners read; items are put by hand. */
  static const char text[] =
      "aaaa\n"  /* 0 entry 2025-03-01 */
      "bbbb\n"  /* 1 offer, custody 18 */
      "cccc\n"  /* 2 probation 24, fine, expiry 3/20 */
      "dddd\n"  /* 3 dismiss 2 */
      "\n"      /* 4 blank: the offer's text ends */
      "eeee\n"  /* 5 restitution: not the offer's */
      "ffff\n"  /* 6 entry 2025-03-10, counter */
      "gggg\n"  /* 7 custody 6: the counter's */
      "hhhh\n"; /* 8 offer (charge), then an attempt on the same row */
  gavel_doc *d = NULL;
  const gavel_round *tl;
  t_case = "hand-made items";
  if (gavel_doc_new(t_engine(), &d) != GAVEL_OK ||
      gavel_doc_set_text(d, text, strlen(text)) != GAVEL_OK) {
    OK(0, "doc");
    gavel_doc_free(d);
    return;
  }
  for (size_t r = 0; r < d->nrows; r++) OK(d->rows[r].nitems == 0, "no scanned items");
  /* put() may move a row's items: set each one before the next put */
  int ok = 1;
  gavel_item *it;
  ok &= put_date(d, 0, 0, 2025, 3, 1, GAVEL_F_ENTRY) != NULL;
  ok &= (it = put(d, 1, GAVEL_KIND_EVENT, 0)) != NULL;
  if (it) {
    it->event = GAVEL_EV_OFFER;
    it->party = GAVEL_PARTY_PROSECUTION;
  }
  ok &= put_term(d, 1, 5, GAVEL_TERM_CUSTODY, 18, 0) != NULL;
  ok &= put_term(d, 2, 0, GAVEL_TERM_PROBATION, 24, 0) != NULL;
  ok &= put_term(d, 2, 5, GAVEL_TERM_FINE, 0, 25000) != NULL;
  ok &= put_date(d, 2, 10, 0, 3, 20, GAVEL_F_EXPIRY) != NULL;
  ok &= put_term(d, 3, 0, GAVEL_TERM_DISMISS, 2, 0) != NULL;
  ok &= put_term(d, 5, 0, GAVEL_TERM_RESTITUTION, 0, 100000) != NULL;
  ok &= put_date(d, 6, 0, 2025, 3, 10, GAVEL_F_ENTRY) != NULL;
  ok &= (it = put(d, 6, GAVEL_KIND_EVENT, 5)) != NULL;
  if (it) it->event = GAVEL_EV_COUNTER; /* no party: the defense's */
  ok &= put_term(d, 7, 0, GAVEL_TERM_CUSTODY, 6, 0) != NULL;
  ok &= (it = put(d, 8, GAVEL_KIND_EVENT, 0)) != NULL;
  if (it) it->event = GAVEL_EV_OFFER; /* no party: the prosecution's */
  ok &= (it = put_term(d, 8, 5, GAVEL_TERM_CHARGE, 0, 0)) != NULL;
  if (it) gv_copy(it->what, sizeof it->what, "Class A misd.", 13);
  ok &= (it = put(d, 8, GAVEL_KIND_EVENT, 10)) != NULL;
  if (it) {
    it->event = GAVEL_EV_ATTEMPT;
    it->party = GAVEL_PARTY_DEFENSE;
  }
  ok &= put_term(d, 8, 15, GAVEL_TERM_CUSTODY, 3, 0) != NULL; /* after the attempt */
  if (!ok) {
    OK(0, "items");
    gavel_doc_free(d);
    return;
  }
  INT_EQ(gavel_doc_analyze(d, t_day("2025-03-15"), NULL, 0), GAVEL_OK, "analyze");
  INT_EQ(gavel_doc_timeline(d, &tl), 4, "rounds");
  if (gavel_doc_timeline(d, &tl) == 4) {
    INT_EQ(tl[0].terms.custody_months, 18, "custody on the row");
    INT_EQ(tl[0].terms.probation_months, 24, "probation below");
    INT_EQ(tl[0].terms.fine_cents, 25000, "fine below");
    INT_EQ(tl[0].terms.counts_dismissed, 2, "dismiss two rows below");
    INT_EQ(tl[0].terms.restitution_cents, -1, "a blank line ends the offer");
    INT_EQ(tl[0].expires, t_day("2025-03-20"), "expiry below");
    INT_EQ(tl[0].day, t_day("2025-03-01"), "entry date");
    INT_EQ(tl[1].party, GAVEL_PARTY_DEFENSE, "a counter is the defense's");
    INT_EQ(tl[1].terms.custody_months, 6, "counter's terms below");
    INT_EQ(tl[1].day, t_day("2025-03-10"), "new entry date");
    INT_EQ(tl[2].party, GAVEL_PARTY_PROSECUTION, "an offer is the prosecution's");
    STR_EQ(tl[2].terms.charge, "Class A misd.", "charge");
    INT_EQ(tl[2].terms.custody_months, -1, "terms after the next event are not the offer's");
    STR_EQ(tl[2].change, "charge added Class A misd.; custody dropped; probation dropped; "
                         "fine dropped; counts dismissed dropped", "change");
    INT_EQ(tl[3].event, GAVEL_EV_ATTEMPT, "attempt");
  }
  /* an analysis that changes nothing marks nothing */
  size_t lo, hi;
  gavel_doc_take_changed(d, &lo, &hi);
  OK(lo <= 1 && hi >= 9, "first analysis marks the resolved rows");
  INT_EQ(gavel_doc_analyze(d, t_day("2025-03-15"), NULL, 0), GAVEL_OK, "again");
  gavel_doc_take_changed(d, &lo, &hi);
  INT_EQ(hi - lo, 0, "nothing changed");
  /* a new entry date moves the days of the rows under it */
  d->rows[6].items[0].spec.day = 11;
  d->gen++; /* what gavel_doc_replace does when a row reads differently */
  INT_EQ(gavel_doc_analyze(d, t_day("2025-03-15"), NULL, 0), GAVEL_OK, "after the edit");
  gavel_doc_take_changed(d, &lo, &hi);
  OK(lo == 6 && hi >= 9, "rows from the entry on");
  if (gavel_doc_timeline(d, &tl) == 4) INT_EQ(tl[1].day, t_day("2025-03-11"), "moved");
  gavel_doc_free(d);
  t_case = NULL;
}

/* Entry dates without a year: the first takes the past relative to today. */
static void check_entries(void) {
  static const char text[] =
      "### March 14\n"
      "Emailed ADA Natarajan.\n"
      "### Fri 3/21\n"
      "Called ADA, VM.\n";
  const gavel_item *it;
  gavel_doc *d = t_doc(text, "2025-03-10");
  t_case = "entries";
  if (!d) return;
  size_t n = gavel_doc_row_items(d, 0, &it);
  const gavel_item *date = t_find(it, n, GAVEL_KIND_DATE, GAVEL_EV_NONE);
  OK(date && (date->flags & GAVEL_F_ENTRY), "entry date");
  if (date) INT_EQ(date->day, t_day("2024-03-14"), "first entry in the past");
  n = gavel_doc_row_items(d, 1, &it);
  const gavel_item *ev = t_find(it, n, GAVEL_KIND_EVENT, GAVEL_EV_ATTEMPT);
  OK(ev != NULL, "attempt");
  if (ev) INT_EQ(ev->day, t_day("2024-03-14"), "event day is the entry date");
  n = gavel_doc_row_items(d, 3, &it);
  ev = t_find(it, n, GAVEL_KIND_EVENT, GAVEL_EV_ATTEMPT);
  if (ev) INT_EQ(ev->day, t_day("2024-03-21"), "next entry after the previous one");
  gavel_doc_free(d);
  t_case = NULL;
}

/* ---- the summary ------------------------------------------------------------------- */

typedef struct state_case {
  const char *name, *text, *today;
  gavel_state state;
} state_case;

static const state_case state_cases[] = {
    {"nothing negotiated", "# State v. Doe\nOrdinary prose about the client's job.\n",
     "2025-03-01", GAVEL_STATE_NONE},
    {"a counter, days ago", countered, "2025-03-05", GAVEL_STATE_NEGOTIATING},
    {"an open offer", expiring, "2025-04-10", GAVEL_STATE_OFFER_OPEN},
    {"an expired offer", expiring, "2025-04-14", GAVEL_STATE_NEGOTIATING},
    {"stalled: no response", stall, "2025-04-10", GAVEL_STATE_STALLED},
    {"stalled: no concession", concession, "2025-03-20", GAVEL_STATE_STALLED},
    {"stalled even when acked", stall_acked, "2025-04-30", GAVEL_STATE_STALLED},
    {"accepted", accepted, "2025-03-06", GAVEL_STATE_ACCEPTED},
    {"withdrawn", withdrawn, "2025-03-25", GAVEL_STATE_TRIAL_BOUND},
    {"rejected with trial set", plain, "2025-03-10", GAVEL_STATE_TRIAL_BOUND},
    {"rejected, no trial set", expiring_rejected, "2025-04-05", GAVEL_STATE_NEGOTIATING},
    {"re-offered after withdrawal", withdrawn_reoffer, "2025-03-29", GAVEL_STATE_OFFER_OPEN},
    {"the State's rejection is no trial", terse_head, "2025-01-31", GAVEL_STATE_STALLED},
    {"a plea entered", terse, "2025-02-26", GAVEL_STATE_ACCEPTED},
    {"the court's offer stands", judge, "2025-04-30", GAVEL_STATE_OFFER_OPEN},
};

static void check_summary(void) {
  for (size_t i = 0; i < sizeof state_cases / sizeof state_cases[0]; i++) {
    const state_case *c = &state_cases[i];
    gavel_doc *d;
    t_case = c->name;
    d = t_doc(c->text, c->today);
    if (!d) continue;
    STR_EQ(gavel_state_name((gavel_state)gavel_doc_summary(d)->state),
           gavel_state_name(c->state), "state");
    gavel_doc_free(d);
  }

  gavel_doc *d = t_doc(stall, "2025-03-20");
  t_case = "summary: header";
  if (d) {
    const gavel_summary *s = gavel_doc_summary(d);
    STR_EQ(s->name, "State v. Doe", "name");
    STR_EQ(s->number, "24-CR-0118", "number");
    INT_EQ(s->latest_offer, -1, "no offer");
    INT_EQ(s->last_response, GAVEL_NO_DAY, "no response");
    INT_EQ(s->next_day, GAVEL_NO_DAY, "nothing next");
    gavel_doc_free(d);
  }
  d = t_doc(court, "2025-04-10");
  t_case = "summary: court and prep";
  if (d) {
    const gavel_summary *s = gavel_doc_summary(d);
    INT_EQ(s->next_day, t_day("2025-04-15"), "next day");
    STR_EQ(s->next_what, "motion deadline", "next what");
    INT_EQ(s->next_row, 1, "next row");
    INT_EQ(s->trial_day, t_day("2025-05-10"), "trial day");
    INT_EQ(s->prep_done, 2, "done: subpoena, witness list (latest mention)");
    INT_EQ(s->prep_open, 1, "open: expert");
    INT_EQ(s->last_client_contact, t_day("2025-04-01"), "client");
    INT_EQ(s->warnings[GAVEL_W_DEADLINE], 1, "deadline counted");
    gavel_doc_free(d);
  }
  d = t_doc(court, "2025-05-11");
  t_case = "summary: after the trial date";
  if (d) {
    INT_EQ(gavel_doc_summary(d)->trial_day, GAVEL_NO_DAY, "no trial ahead");
    gavel_doc_free(d);
  }
  d = t_doc(expiring, "2025-04-10");
  t_case = "summary: offer";
  if (d) {
    const gavel_summary *s = gavel_doc_summary(d);
    INT_EQ(s->latest_offer, 0, "latest offer");
    INT_EQ(s->next_day, t_day("2025-04-13"), "expiry is next");
    STR_EQ(s->next_what, "offer expires", "next what");
    INT_EQ(s->next_row, 1, "offer row");
    INT_EQ(s->last_response, t_day("2025-04-01"), "an offer is a response");
    gavel_doc_free(d);
  }
  d = t_doc(concession, "2025-03-20");
  t_case = "summary: concession";
  if (d) {
    const gavel_summary *s = gavel_doc_summary(d);
    INT_EQ(s->latest_offer, 6, "the last offer");
    INT_EQ(s->last_response, t_day("2025-03-17"), "last response");
    INT_EQ(s->last_client_contact, t_day("2025-01-06"), "client");
    gavel_doc_free(d);
  }
  t_case = NULL;
}

/* An empty document and one without items analyse to nothing. */
static void check_empty(void) {
  const gavel_warning *w;
  const gavel_round *tl;
  gavel_doc *d = t_doc("", "2025-03-01");
  t_case = "empty";
  if (!d) return;
  INT_EQ(gavel_doc_warnings(d, &w), 0, "no warnings");
  INT_EQ(gavel_doc_timeline(d, &tl), 0, "no rounds");
  INT_EQ(gavel_doc_summary(d)->state, GAVEL_STATE_NONE, "none");
  INT_EQ(gavel_doc_analyze(d, GAVEL_NO_DAY, NULL, 0), GAVEL_OK, "no today");
  gavel_doc_free(d);
  d = t_doc(stall, "2025-04-30");
  if (d) {
    INT_EQ(gavel_doc_analyze(d, GAVEL_NO_DAY, NULL, 0), GAVEL_OK, "no today");
    INT_EQ(t_warn_count(d, GAVEL_W_NO_RESPONSE, NULL), 0, "no clock, no age");
    INT_EQ(t_warn_count(d, GAVEL_W_UNANSWERED, NULL), 1, "counts need no clock");
    gavel_doc_free(d);
  }
  t_case = NULL;
}

void suite_timeline(void) {
  check_warnings();
  check_order_and_severity();
  check_options();
  check_peers();
  check_peer_doc();
  check_timeline();
  check_hand_made();
  check_entries();
  check_summary();
  check_empty();
}
