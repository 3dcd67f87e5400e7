/*
** test_money.c: money, durations and sentence terms (csrc/money.c).
**
** Rows name the span they expect by its text: the item must start where
** that text first occurs in the line and end where it ends.  A row with
** span NULL expects no item of that kind (and term) on the line at all.
** Only MONEY, DURATION and TERM items are looked at; other scanners may add
** what they like.
*/
#include <stdlib.h>

#include "test.h"

#define M GAVEL_KIND_MONEY
#define D GAVEL_KIND_DURATION
#define T GAVEL_KIND_TERM

typedef struct row {
  const char *line;
  uint8_t kind;
  uint8_t term;      /* for T: the term kind; 0 with span NULL: any term */
  const char *span;  /* text of the expected span, or NULL: none expected */
  long long num;     /* M: cents; D, custody, probation, suspended: months;
                        fine, restitution: cents; dismiss: counts */
  const char *str;   /* D: unit; charge: what; else NULL */
} row;

static const row rows[] = {
    /* ---- money ---- */
    {"fine $1,250 today", M, 0, "$1,250", 125000, NULL},
    {"paid $1,250.00 in cash", M, 0, "$1,250.00", 125000, NULL},
    {"bail was $5k", M, 0, "$5k", 500000, NULL},
    /* no money word on the line: the first form is tried at each "$" and
    ** "US$" alone (scan_money) */
    {"wired US$1,200 to the bondsman", M, 0, "US$1,200", 120000, NULL},
    {"us $300 is not US$ 40k", M, 0, "US$ 40k", 4000000, NULL},
    {"$x then $$75 then $9", M, 0, "$9", 900, NULL},
    {"costs: 500 bucks, then US$20", M, 0, "500 bucks", 50000, NULL},
    {"bail was $5K.", M, 0, "$5K", 500000, NULL},
    {"civil suit for $2.5 million", M, 0, "$2.5 million", 250000000, NULL},
    {"exposure $2.5M", M, 0, "$2.5M", 250000000, NULL},
    {"loss of $1.2 mil claimed", M, 0, "$1.2 mil", 120000000, NULL},
    {"he took 500 dollars", M, 0, "500 dollars", 50000, NULL},
    {"he took five hundred dollars", M, 0, "five hundred dollars", 50000, NULL},
    {"two thousand five hundred dollars stolen", M, 0,
     "two thousand five hundred dollars", 250000, NULL},
    {"wire of USD 500", M, 0, "USD 500", 50000, NULL},
    {"wire of 750 USD", M, 0, "750 USD", 75000, NULL},
    {"$0.50 per page", M, 0, "$0.50", 50, NULL},
    {"$12.345 rounds down", M, 0, "$12.345", 1234, NULL},
    {"bond $ 2,000", M, 0, "$ 2,000", 200000, NULL},
    {"$5,000,000 policy", M, 0, "$5,000,000", 500000000, NULL},
    {"$3 grand", M, 0, "$3 grand", 300000, NULL},
    {"twenty-five dollars", M, 0, "twenty-five dollars", 2500, NULL},
    {"a hundred dollars", M, 0, "a hundred dollars", 10000, NULL},
    {"1,500 dollars", M, 0, "1,500 dollars", 150000, NULL},
    {"$500.", M, 0, "$500", 50000, NULL},
    {"(restitution: $75)", M, 0, "$75", 7500, NULL},
    {"$1B judgment", M, 0, "$1B", 100000000000LL, NULL},
    {"$500/mo", M, 0, "$500", 50000, NULL},
    {"range $5K-$10K", M, 0, "$10K", 1000000, NULL},
    {"Count 2", M, 0, NULL, 0, NULL},
    {"Case No. 24-CR-0118", M, 0, NULL, 0, NULL},
    {"Bates DEF-000123", M, 0, NULL, 0, NULL},
    {"DEF-000123 dollars", M, 0, NULL, 0, NULL},
    {"on 3/14/25", M, 0, NULL, 0, NULL},
    {"call 555-123-4567", M, 0, NULL, 0, NULL},
    {"Room 500", M, 0, NULL, 0, NULL},
    {"in 10 days", M, 0, NULL, 0, NULL},
    {"500 people", M, 0, NULL, 0, NULL},
    {"$abc", M, 0, NULL, 0, NULL},
    {"x$500", M, 0, NULL, 0, NULL},
    {"someone dollars", M, 0, NULL, 0, NULL},

    /* ---- durations ---- */
    {"offer is 18 months", D, 0, "18 months", 18, "months"},
    {"18 mo", D, 0, "18 mo", 18, "months"},
    {"18 mos, open", D, 0, "18 mos", 18, "months"},
    {"an 18-month cap", D, 0, "18-month", 18, "months"},
    {"1 yr 6 mo total", D, 0, "1 yr 6 mo", 18, "months"},
    {"1 year and 6 months", D, 0, "1 year and 6 months", 18, "months"},
    {"eighteen months", D, 0, "eighteen months", 18, "months"},
    {"90 days", D, 0, "90 days", 3, "days"},
    {"3 yrs", D, 0, "3 yrs", 36, "years"},
    {"2 years", D, 0, "2 years", 24, "years"},
    {"six weeks", D, 0, "six weeks", 1, "weeks"},
    {"a year", D, 0, "a year", 12, "years"},
    {"one year", D, 0, "one year", 12, "years"},
    {"6 mths", D, 0, "6 mths", 6, "months"},
    {"twenty-four months", D, 0, "twenty-four months", 24, "months"},
    {"1.5 years", D, 0, "1.5 years", 18, "years"},
    {"a year and a half", D, 0, "a year and a half", 18, "years"},
    {"two and a half years", D, 0, "two and a half years", 30, "years"},
    {"45 days", D, 0, "45 days", 1, "days"},
    {"2 weeks 3 days", D, 0, "2 weeks 3 days", 0, "days"},
    {"4 wks", D, 0, "4 wks", 0, "weeks"},
    {"18 months, 2 years", D, 0, "18 months", 18, "months"},
    {"18 months, 2 years", D, 0, "2 years", 24, "years"},
    {"3 yrs 2 yrs", D, 0, "3 yrs", 36, "years"},
    {"1 YEAR", D, 0, "1 YEAR", 12, "years"},
    {"12-18 months", D, 0, "18 months", 18, "months"},
    {"in 10 days", D, 0, NULL, 0, NULL},
    {"within 30 days", D, 0, NULL, 0, NULL},
    {"10 days from now", D, 0, NULL, 0, NULL},
    {"3 days ago", D, 0, NULL, 0, NULL},
    {"two weeks from today", D, 0, NULL, 0, NULL},
    {"client is 23 years old", D, 0, NULL, 0, NULL},
    {"a 23-year-old client", D, 0, NULL, 0, NULL},
    {"$500 a month", D, 0, NULL, 0, NULL},
    {"calls once a week", D, 0, NULL, 0, NULL},
    {"Count 2", D, 0, NULL, 0, NULL},
    {"Room 500", D, 0, NULL, 0, NULL},
    {"3/14/25", D, 0, NULL, 0, NULL},
    {"Monday", D, 0, NULL, 0, NULL},
    {"18mo DOC", T, GAVEL_TERM_CUSTODY, "18mo DOC", 18, NULL},
    {"18monthly", D, 0, NULL, 0, NULL},
    {"someday", D, 0, NULL, 0, NULL},
    {"in the last 2 years", D, 0, NULL, 0, NULL},

    /* ---- custody ---- */
    {"18 months DOC", T, GAVEL_TERM_CUSTODY, "18 months DOC", 18, NULL},
    {"DOC 24 mo", T, GAVEL_TERM_CUSTODY, "DOC 24 mo", 24, NULL},
    {"24 months in prison", T, GAVEL_TERM_CUSTODY, "24 months in prison", 24,
     NULL},
    {"6 months county jail", T, GAVEL_TERM_CUSTODY, "6 months county jail", 6,
     NULL},
    {"jail for 90 days", T, GAVEL_TERM_CUSTODY, "jail for 90 days", 3, NULL},
    {"3 yrs state prison", T, GAVEL_TERM_CUSTODY, "3 yrs state prison", 36,
     NULL},
    {"to serve 18 months", T, GAVEL_TERM_CUSTODY, "to serve 18 months", 18,
     NULL},
    {"serve 30 days", T, GAVEL_TERM_CUSTODY, "serve 30 days", 1, NULL},
    {"2 years in custody", T, GAVEL_TERM_CUSTODY, "2 years in custody", 24,
     NULL},
    {"18 mo in, 2 yrs prob", T, GAVEL_TERM_CUSTODY, "18 mo in", 18, NULL},
    {"5 years behind bars", T, GAVEL_TERM_CUSTODY, "5 years behind bars", 60,
     NULL},
    {"6 mo HOC", T, GAVEL_TERM_CUSTODY, "6 mo HOC", 6, NULL},
    {"60 months BOP", T, GAVEL_TERM_CUSTODY, "60 months BOP", 60, NULL},
    {"16 months CDC", T, GAVEL_TERM_CUSTODY, "16 months CDC", 16, NULL},
    {"incarceration of 2 years", T, GAVEL_TERM_CUSTODY,
     "incarceration of 2 years", 24, NULL},
    {"imprisonment: 4 years", T, GAVEL_TERM_CUSTODY, "imprisonment: 4 years",
     48, NULL},
    {"1 yr 6 mo DOC", T, GAVEL_TERM_CUSTODY, "1 yr 6 mo DOC", 18, NULL},
    {"eighteen months incarcerated", T, GAVEL_TERM_CUSTODY,
     "eighteen months incarcerated", 18, NULL},
    {"18 mo. DOC", T, GAVEL_TERM_CUSTODY, "18 mo. DOC", 18, NULL},
    {"a year in the county jail", T, GAVEL_TERM_CUSTODY,
     "a year in the county jail", 12, NULL},
    {"18 months, all but 6 suspended", T, GAVEL_TERM_CUSTODY, "18 months", 18,
     NULL},
    {"2 years suspended", T, GAVEL_TERM_CUSTODY, "2 years", 24, NULL},
    {"18 months DOC 24 mo", T, GAVEL_TERM_CUSTODY, "18 months DOC", 18, NULL},
    {"18 months", T, GAVEL_TERM_CUSTODY, NULL, 0, NULL},
    {"in 10 days jail", T, GAVEL_TERM_CUSTODY, NULL, 0, NULL},
    {"jail call in 10 days", T, GAVEL_TERM_CUSTODY, NULL, 0, NULL},
    {"18 months probation", T, GAVEL_TERM_CUSTODY, NULL, 0, NULL},
    {"doc review took 3 weeks of work", T, GAVEL_TERM_CUSTODY, NULL, 0, NULL},

    /* ---- probation ---- */
    {"2 years probation", T, GAVEL_TERM_PROBATION, "2 years probation", 24,
     NULL},
    {"probation of 2 years", T, GAVEL_TERM_PROBATION, "probation of 2 years",
     24, NULL},
    {"18 mo prob.", T, GAVEL_TERM_PROBATION, "18 mo prob.", 18, NULL},
    {"3 years supervised probation", T, GAVEL_TERM_PROBATION,
     "3 years supervised probation", 36, NULL},
    {"3 years supervised release", T, GAVEL_TERM_PROBATION,
     "3 years supervised release", 36, NULL},
    {"supervision for 12 months", T, GAVEL_TERM_PROBATION,
     "supervision for 12 months", 12, NULL},
    {"2 yrs of probation", T, GAVEL_TERM_PROBATION, "2 yrs of probation", 24,
     NULL},
    {"Probation: 1 year", T, GAVEL_TERM_PROBATION, "Probation: 1 year", 12,
     NULL},
    {"prob 2 yrs", T, GAVEL_TERM_PROBATION, "prob 2 yrs", 24, NULL},
    {"90 days probation", T, GAVEL_TERM_PROBATION, "90 days probation", 3,
     NULL},
    {"18 mo in, 2 yrs prob", T, GAVEL_TERM_PROBATION, "2 yrs prob", 24, NULL},
    {"on probation since 2019", T, GAVEL_TERM_PROBATION, NULL, 0, NULL},
    {"he is on probation for 2 years already", T, GAVEL_TERM_PROBATION, NULL,
     0, NULL},
    {"2 years on probation", T, GAVEL_TERM_PROBATION, "2 years on probation",
     24, NULL},
    {"probably 2 years", T, GAVEL_TERM_PROBATION, NULL, 0, NULL},
    {"problem 2 years old", T, GAVEL_TERM_PROBATION, NULL, 0, NULL},

    /* ---- fine ---- */
    {"$500 fine", T, GAVEL_TERM_FINE, "$500 fine", 50000, NULL},
    {"fine of $1,000", T, GAVEL_TERM_FINE, "fine of $1,000", 100000, NULL},
    {"$250 in fines", T, GAVEL_TERM_FINE, "$250 in fines", 25000, NULL},
    {"fines and costs of $300", T, GAVEL_TERM_FINE, "fines and costs of $300",
     30000, NULL},
    {"$150 court costs", T, GAVEL_TERM_FINE, "$150 court costs", 15000, NULL},
    {"Fine: $2k", T, GAVEL_TERM_FINE, "Fine: $2k", 200000, NULL},
    {"costs $75", T, GAVEL_TERM_FINE, "costs $75", 7500, NULL},
    {"$500", T, GAVEL_TERM_FINE, NULL, 0, NULL},
    {"paid $500 for the fine print", T, GAVEL_TERM_FINE, NULL, 0, NULL},
    {"finest $500", T, GAVEL_TERM_FINE, NULL, 0, NULL},

    /* ---- restitution ---- */
    {"restitution $1,250", T, GAVEL_TERM_RESTITUTION, "restitution $1,250",
     125000, NULL},
    {"$1,250 restitution", T, GAVEL_TERM_RESTITUTION, "$1,250 restitution",
     125000, NULL},
    {"restitution of $800", T, GAVEL_TERM_RESTITUTION, "restitution of $800",
     80000, NULL},
    {"restitution in the amount of $3,400", T, GAVEL_TERM_RESTITUTION,
     "restitution in the amount of $3,400", 340000, NULL},
    {"resti. $90", T, GAVEL_TERM_RESTITUTION, "resti. $90", 9000, NULL},
    {"pay back $300", T, GAVEL_TERM_RESTITUTION, "pay back $300", 30000, NULL},
    {"$600 in restitution", T, GAVEL_TERM_RESTITUTION, "$600 in restitution",
     60000, NULL},
    {"restitution TBD", T, GAVEL_TERM_RESTITUTION, "restitution TBD", -1,
     NULL},
    {"restitution: to be determined", T, GAVEL_TERM_RESTITUTION,
     "restitution: to be determined", -1, NULL},
    {"restitution hearing next week", T, GAVEL_TERM_RESTITUTION, NULL, 0,
     NULL},
    {"$500 fine", T, GAVEL_TERM_RESTITUTION, NULL, 0, NULL},

    /* ---- dismiss ---- */
    {"dismiss Counts 2 and 3", T, GAVEL_TERM_DISMISS, "dismiss Counts 2 and 3",
     2, NULL},
    {"dismiss Count 2", T, GAVEL_TERM_DISMISS, "dismiss Count 2", 1, NULL},
    {"dismiss Cts 2-4", T, GAVEL_TERM_DISMISS, "dismiss Cts 2-4", 3, NULL},
    {"remaining counts dismissed", T, GAVEL_TERM_DISMISS,
     "remaining counts dismissed", 1, NULL},
    {"nolle the rest", T, GAVEL_TERM_DISMISS, "nolle the rest", 1, NULL},
    {"nol pros Count 3", T, GAVEL_TERM_DISMISS, "nol pros Count 3", 1, NULL},
    {"Counts 2 and 3 to be dismissed", T, GAVEL_TERM_DISMISS,
     "Counts 2 and 3 to be dismissed", 2, NULL},
    {"dismiss counts 1, 3 and 5-7", T, GAVEL_TERM_DISMISS,
     "dismiss counts 1, 3 and 5-7", 5, NULL},
    {"dismiss Counts II and III", T, GAVEL_TERM_DISMISS,
     "dismiss Counts II and III", 2, NULL},
    {"drop Ct. 4", T, GAVEL_TERM_DISMISS, "drop Ct. 4", 1, NULL},
    {"dismissal of counts 2 through 5", T, GAVEL_TERM_DISMISS,
     "dismissal of counts 2 through 5", 4, NULL},
    {"all other charges dismissed", T, GAVEL_TERM_DISMISS,
     "all other charges dismissed", 1, NULL},
    {"dismiss Count 2 and I will", T, GAVEL_TERM_DISMISS, "dismiss Count 2", 1,
     NULL},
    {"Count 2", T, GAVEL_TERM_DISMISS, NULL, 0, NULL},
    {"motion to dismiss filed", T, GAVEL_TERM_DISMISS, NULL, 0, NULL},
    {"dismiss Count 2 months later", T, GAVEL_TERM_DISMISS, NULL, 0, NULL},

    /* ---- charge ---- */
    {"plead to Count 2", T, GAVEL_TERM_CHARGE, "plead to Count 2", 0,
     "Count 2"},
    {"plea to misdemeanor assault", T, GAVEL_TERM_CHARGE,
     "plea to misdemeanor assault", 0, "misdemeanor assault"},
    {"PG to Ct 2, 18 mo DOC", T, GAVEL_TERM_CHARGE, "PG to Ct 2", 0, "Ct 2"},
    {"plead guilty to simple possession, Class A misd.", T, GAVEL_TERM_CHARGE,
     "plead guilty to simple possession, Class A misd.", 0,
     "simple possession, Class A misd."},
    {"reduce to a misdemeanor", T, GAVEL_TERM_CHARGE,
     "reduce to a misdemeanor", 0, "misdemeanor"},
    {"amend to reckless driving and dismiss the rest", T, GAVEL_TERM_CHARGE,
     "amend to reckless driving", 0, "reckless driving"},
    {"plea to the lesser included (misd. B)", T, GAVEL_TERM_CHARGE,
     "plea to the lesser included (misd. B)", 0, "lesser included (misd. B)"},
    {"plead to Count 2, Class C felony; 2 yrs", T, GAVEL_TERM_CHARGE,
     "plead to Count 2, Class C felony", 0, "Count 2, Class C felony"},
    {"plead to Count 2.", T, GAVEL_TERM_CHARGE, "plead to Count 2", 0,
     "Count 2"},
    {"plea to theft 3rd degree 12 mo prob", T, GAVEL_TERM_CHARGE,
     "plea to theft 3rd degree", 0, "theft 3rd degree"},
    {"plead to disorderly. Client thinking", T, GAVEL_TERM_CHARGE,
     "plead to disorderly", 0, "disorderly"},
    {"reduce to 12 months", T, GAVEL_TERM_CHARGE, NULL, 0, NULL},
    {"reduce to twelve months", T, GAVEL_TERM_CHARGE, NULL, 0, NULL},
    {"client wants to plead to it", T, GAVEL_TERM_CHARGE, NULL, 0, NULL},
    {"plea to avoid trial", T, GAVEL_TERM_CHARGE, NULL, 0, NULL},
    {"reduce to probation", T, GAVEL_TERM_CHARGE, NULL, 0, NULL},
    {"amend to $500", T, GAVEL_TERM_CHARGE, NULL, 0, NULL},

    /* ---- diversion, time served, suspended ---- */
    {"diversion", T, GAVEL_TERM_DIVERSION, "diversion", 0, NULL},
    {"offered pretrial diversion", T, GAVEL_TERM_DIVERSION,
     "pretrial diversion", 0, NULL},
    {"deferred adjudication", T, GAVEL_TERM_DIVERSION,
     "deferred adjudication", 0, NULL},
    {"deferred prosecution agreement", T, GAVEL_TERM_DIVERSION,
     "deferred prosecution agreement", 0, NULL},
    {"DPA offered", T, GAVEL_TERM_DIVERSION, "DPA", 0, NULL},
    {"cwof 1 yr", T, GAVEL_TERM_DIVERSION, "cwof", 0, NULL},
    {"ARD program", T, GAVEL_TERM_DIVERSION, "ARD", 0, NULL},
    {"continued without a finding", T, GAVEL_TERM_DIVERSION,
     "continued without a finding", 0, NULL},
    {"hard case", T, GAVEL_TERM_DIVERSION, NULL, 0, NULL},
    {"ard", T, GAVEL_TERM_DIVERSION, NULL, 0, NULL},
    {"time served", T, GAVEL_TERM_TIME_SERVED, "time served", 0, NULL},
    {"CTS on Count 1", T, GAVEL_TERM_TIME_SERVED, "CTS", 0, NULL},
    {"credit for time served", T, GAVEL_TERM_TIME_SERVED,
     "credit for time served", 0, NULL},
    {"plea to misd, TS", T, GAVEL_TERM_TIME_SERVED, "TS", 0, NULL},
    {"dismiss Cts 2-3", T, GAVEL_TERM_TIME_SERVED, NULL, 0, NULL},
    {"ts", T, GAVEL_TERM_TIME_SERVED, NULL, 0, NULL},
    {"all but 6 suspended", T, GAVEL_TERM_SUSPENDED, "all but 6 suspended", 6,
     NULL},
    {"susp. after 6", T, GAVEL_TERM_SUSPENDED, "susp. after 6", 6, NULL},
    {"suspended after 1 year", T, GAVEL_TERM_SUSPENDED,
     "suspended after 1 year", 12, NULL},
    {"18 months, all but 90 days suspended", T, GAVEL_TERM_SUSPENDED,
     "all but 90 days suspended", 3, NULL},
    {"DOC suspended", T, GAVEL_TERM_SUSPENDED, "suspended", -1, NULL},
    {"license suspended", T, GAVEL_TERM_SUSPENDED, NULL, 0, NULL},
    {"suspended license", T, GAVEL_TERM_SUSPENDED, NULL, 0, NULL},
    {"suspension hearing", T, GAVEL_TERM_SUSPENDED, NULL, 0, NULL},
    {"18 months, all but 90 days suspended", T, GAVEL_TERM_CUSTODY,
     "18 months", 18, NULL},

    /* ---- the sentences attorneys write ---- */
#define ADA_LINE                                                            \
  "ADA offered 18 mo DOC, susp. after 6, 2 yrs probation, $500 fine, "      \
  "restitution $1,250, dismiss Cts 2-3"
    {ADA_LINE, T, GAVEL_TERM_CUSTODY, "18 mo DOC", 18, NULL},
    {ADA_LINE, T, GAVEL_TERM_SUSPENDED, "susp. after 6", 6, NULL},
    {ADA_LINE, T, GAVEL_TERM_PROBATION, "2 yrs probation", 24, NULL},
    {ADA_LINE, T, GAVEL_TERM_FINE, "$500 fine", 50000, NULL},
    {ADA_LINE, T, GAVEL_TERM_RESTITUTION, "restitution $1,250", 125000, NULL},
    {ADA_LINE, T, GAVEL_TERM_DISMISS, "dismiss Cts 2-3", 2, NULL},
    {ADA_LINE, M, 0, "$1,250", 125000, NULL},
    {ADA_LINE, D, 0, "2 yrs", 24, "years"},
    {ADA_LINE, T, GAVEL_TERM_CHARGE, NULL, 0, NULL},
#define PG_LINE                                                             \
  "3/14 call w/ ADA Natarajan: PG to Ct 2, 6 months county jail, "          \
  "nolle the rest"
    {PG_LINE, T, GAVEL_TERM_CHARGE, "PG to Ct 2", 0, "Ct 2"},
    {PG_LINE, T, GAVEL_TERM_CUSTODY, "6 months county jail", 6, NULL},
    {PG_LINE, T, GAVEL_TERM_DISMISS, "nolle the rest", 1, NULL},
    {PG_LINE, M, 0, NULL, 0, NULL},
#define CTR_LINE                                                            \
  "- countered: plea to misdemeanor assault, CWOF 1 yr, $250 in fines, "    \
  "restitution TBD"
    {CTR_LINE, T, GAVEL_TERM_CHARGE, "plea to misdemeanor assault", 0,
     "misdemeanor assault"},
    {CTR_LINE, T, GAVEL_TERM_DIVERSION, "CWOF", 0, NULL},
    {CTR_LINE, T, GAVEL_TERM_FINE, "$250 in fines", 25000, NULL},
    {CTR_LINE, T, GAVEL_TERM_RESTITUTION, "restitution TBD", -1, NULL},
    {CTR_LINE, D, 0, "1 yr", 12, "years"},
#define FED_LINE                                                            \
  "AUSA: 60 months BOP, 3 years supervised release, plead to Count 1, "     \
  "dismiss Counts 2 through 4"
    {FED_LINE, T, GAVEL_TERM_CUSTODY, "60 months BOP", 60, NULL},
    {FED_LINE, T, GAVEL_TERM_PROBATION, "3 years supervised release", 36,
     NULL},
    {FED_LINE, T, GAVEL_TERM_CHARGE, "plead to Count 1", 0, "Count 1"},
    {FED_LINE, T, GAVEL_TERM_DISMISS, "dismiss Counts 2 through 4", 3, NULL},
#define TS_LINE "Judge indicated time served + $300 costs if he pleads today"
    {TS_LINE, T, GAVEL_TERM_TIME_SERVED, "time served", 0, NULL},
    {TS_LINE, T, GAVEL_TERM_FINE, "$300 costs", 30000, NULL},
    {TS_LINE, T, GAVEL_TERM_CUSTODY, NULL, 0, NULL},
    {"Trial set; State v. Doe, Case No. 24-CR-0118; Ex. DEF-000123", T, 0,
     NULL, 0, NULL},
    {"Called ADA 555-123-4567 re: offer, left VM", T, 0, NULL, 0, NULL},
    {"Client has 3 kids and works 40 hours a week", T, 0, NULL, 0, NULL},
};

/* The number a row checks, by kind and term. */
static long long row_num(const row *r, const gavel_item *it) {
  if (r->kind == M) return it->cents;
  if (r->kind == D) return it->months;
  switch (r->term) {
  case GAVEL_TERM_FINE:
  case GAVEL_TERM_RESTITUTION: return it->cents;
  case GAVEL_TERM_DISMISS: return (long long)it->value;
  default: return it->months;
  }
}

static int mine(const row *r, const gavel_item *it) {
  return it->kind == r->kind &&
         (r->kind != T || r->term == 0 || it->term == r->term);
}

/* Checks row r against the n items one engine read from r->line. */
static void check_items(const row *r, const gavel_item *items, size_t n) {
  char what[160];
  if (!r->span) {
    size_t found = 0;
    for (size_t i = 0; i < n; i++) found += mine(r, &items[i]);
    gv_fmt(what, sizeof what, "items of kind %d term %d", r->kind, r->term);
    INT_EQ(found, 0, what);
    return;
  }
  const char *at = strstr(r->line, r->span);
  const gavel_item *it = NULL;
  OK(at != NULL, "bad row: span text not in line");
  if (!at) return;
  size_t col = (size_t)(at - r->line), end = col + strlen(r->span);
  for (size_t i = 0; i < n && !it; i++)
    if (mine(r, &items[i]) && items[i].col == col) it = &items[i];
  gv_fmt(what, sizeof what, "an item of kind %d term %d at col %zu (\"%s\")",
         r->kind, r->term, col, r->span);
  OK(it != NULL, what);
  if (!it) return;
  INT_EQ(it->end_col, end, "end_col");
  if (r->kind == T && (r->term == GAVEL_TERM_DIVERSION ||
                       r->term == GAVEL_TERM_TIME_SERVED))
    return; /* no number */
  if (r->kind == T && r->term == GAVEL_TERM_CHARGE) {
    STR_EQ(it->what, r->str, "what");
    return;
  }
  INT_EQ(row_num(r, it), r->num, "number");
  if (r->kind == M) STR_EQ(it->currency, "USD", "currency");
  if (r->kind == D) STR_EQ(it->unit, r->str, "unit");
}

/* Exact value/unit/months/days of durations. */
static void check_duration_fields(void) {
  static const struct {
    const char *line;
    double value;
    const char *unit;
    int months, days;
  } cases[] = {
      {"18 months", 18, "months", 18, 540},
      {"1 yr 6 mo", 18, "months", 18, 545},
      {"90 days", 90, "days", 3, 90},
      {"six weeks", 6, "weeks", 1, 42},
      {"3 yrs", 3, "years", 36, 1095},
      {"a year and a half", 1.5, "years", 18, 547},
      {"1 month 15 days", 45, "days", 1, 45},
      {"2 weeks 3 days", 17, "days", 0, 17},
      {"29 days", 29, "days", 0, 29},
      {"1,000 days", 1000, "days", 33, 1000},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const gavel_item *items;
    size_t n = t_read(cases[i].line, &items);
    const gavel_item *d = t_find(items, n, D, GAVEL_EV_NONE);
    t_case = cases[i].line;
    OK(d != NULL, "a duration");
    if (!d) continue;
    INT_EQ(d->value * 1000, cases[i].value * 1000, "value x1000");
    STR_EQ(d->unit, cases[i].unit, "unit");
    INT_EQ(d->months, cases[i].months, "months");
    INT_EQ(d->days, cases[i].days, "days");
    INT_EQ(d->col, 0, "col");
    INT_EQ(d->end_col, strlen(cases[i].line), "end_col");
  }
}

/* Two terms of one kind never overlap, and every span lies in its line. */
static void check_no_overlap(void) {
  for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
    const gavel_item *items;
    size_t n = t_read(rows[r].line, &items), len = strlen(rows[r].line);
    int bad = 0;
    t_case = rows[r].line;
    for (size_t i = 0; i < n; i++) {
      if (items[i].kind < M || items[i].kind > T) continue;
      bad |= items[i].col >= items[i].end_col || items[i].end_col > len;
      for (size_t j = i + 1; j < n; j++)
        bad |= items[i].kind == T && items[j].kind == T &&
               items[i].term == items[j].term &&
               items[i].col < items[j].end_col &&
               items[j].col < items[i].end_col;
    }
    OK(!bad, "term spans inside the line and not overlapping");
  }
}

/* Counts of each kind on the attorney's line: nothing extra. */
static void check_counts(void) {
  const gavel_item *items;
  size_t n = t_read(ADA_LINE, &items), money = 0, dur = 0, terms = 0;
  t_case = "ADA line counts";
  for (size_t i = 0; i < n; i++) {
    money += items[i].kind == M;
    dur += items[i].kind == D;
    terms += items[i].kind == T;
  }
  INT_EQ(money, 2, "money items");
  INT_EQ(dur, 2, "duration items");
  INT_EQ(terms, 6, "term items");
}

/* Awkward input: invalid UTF-8, NUL bytes, a long line of numbers. */
static void check_awkward(void) {
  static const char bytes[] = "\xff\xfe$500 fine\x80 18 mo DOC\xc3\0 $9 fine";
  pcre2_match_data *md = pcre2_match_data_create(GV_OVECTOR_PAIRS, NULL);
  gv_items out = {0};
  size_t fines = 0, custody = 0, len = 20000;
  char *big = malloc(len + 1);
  t_case = "awkward bytes";
  OK(md && big, "allocation");
  if (!md || !big) {
    free(big);
    pcre2_match_data_free(md);
    return;
  }
  INT_EQ(gv_read_line(t_engine(), md, bytes, sizeof bytes - 1, &out), 0,
         "read");
  for (size_t i = 0; i < out.n; i++) {
    fines += out.v[i].kind == T && out.v[i].term == GAVEL_TERM_FINE;
    custody += out.v[i].kind == T && out.v[i].term == GAVEL_TERM_CUSTODY;
  }
  INT_EQ(fines, 2, "fines around invalid UTF-8 and NUL");
  INT_EQ(custody, 1, "custody after invalid UTF-8");
  t_case = "long line";
  for (size_t i = 0; i < len; i++) big[i] = "$1 fine 2 yrs DOC "[i % 18];
  big[len] = 0;
  INT_EQ(gv_read_line(t_engine(), md, big, len, &out), 0, "read");
  fines = 0;
  for (size_t i = 0; i < out.n; i++)
    fines += out.v[i].kind == T && out.v[i].term == GAVEL_TERM_FINE;
  /* max_line_bytes (8192) cuts the line: one fine per 18 bytes read */
  INT_EQ(fines, 8192 / 18 + (8192 % 18 >= 7), "fines in the first 8192 bytes");
  gv_items_free(&out);
  pcre2_match_data_free(md);
  free(big);
}

static void check_row(const row *r) {
  const gavel_item *items;
  size_t n = t_read(r->line, &items);
  t_case = r->line;
  check_items(r, items, n);
}

/* Sentence words a user adds through gavel_options.vocab.  Each row is
** checked twice: as written with the user's engine, and with `base` as its
** span with the default engine (NULL: the default engine finds no such
** term), so every row shows what the user's phrase changed. */
#define USER_VOCAB                                                          \
  "custody: DOCCS, ODRC\nprobation: community control, ISP\n"                \
  "diversion: ACD program, first offender program, @home track\n"           \
  "fine: surcharge\nrestitution: make-whole payment\n"
static void check_user_vocab(void) {
  static const struct {
    row r;
    const char *base;
  } vrows[] = {
      {{"18 mo DOCCS", T, GAVEL_TERM_CUSTODY, "18 mo DOCCS", 18, NULL},
       "18 mo DOCCS"},
      {{"2 yrs community control", T, GAVEL_TERM_PROBATION,
        "2 yrs community control", 24, NULL},
       "2 yrs community control"},
      {{"ACD program", T, GAVEL_TERM_DIVERSION, "ACD program", 0, NULL},
       "ACD"},
      {{"acd program", T, GAVEL_TERM_DIVERSION, "acd program", 0, NULL}, NULL},
      {{"offer: ACD  program, then sealed", T, GAVEL_TERM_DIVERSION,
        "ACD  program", 0, NULL},
       "ACD"},
      {{"ODRC 30 months", T, GAVEL_TERM_CUSTODY, "ODRC 30 months", 30, NULL},
       NULL},
      {{"30 months in ODRC", T, GAVEL_TERM_CUSTODY, "30 months in ODRC", 30,
        NULL},
       NULL},
      {{"30 months ODRCX", T, GAVEL_TERM_CUSTODY, NULL, 0, NULL}, NULL},
      {{"3 years ISP", T, GAVEL_TERM_PROBATION, "3 years ISP", 36, NULL},
       NULL},
      {{"$75 surcharge", T, GAVEL_TERM_FINE, "$75 surcharge", 7500, NULL},
       NULL},
      {{"make-whole payment of $400", T, GAVEL_TERM_RESTITUTION,
        "make-whole payment of $400", 40000, NULL},
       NULL},
      {{"offered first offender program", T, GAVEL_TERM_DIVERSION,
        "first offender program", 0, NULL},
       NULL},
      {{"@home track offered", T, GAVEL_TERM_DIVERSION, "@home track", 0,
        NULL},
       NULL},
      /* the charge pattern skips diversion words after "plead to" */
      {{"plead to first offender program", T, GAVEL_TERM_CHARGE, NULL, 0,
        "first offender program"},
       "plead to first offender program"},
      /* built-in words still read */
      {{"18 mo DOC, ARD", T, GAVEL_TERM_CUSTODY, "18 mo DOC", 18, NULL},
       "18 mo DOC"},
      {{"18 mo DOC, ARD", T, GAVEL_TERM_DIVERSION, "ARD", 0, NULL}, "ARD"},
      {{"$500 fine", T, GAVEL_TERM_FINE, "$500 fine", 50000, NULL},
       "$500 fine"},
  };
  gavel_options o;
  t_reader rd;
  gavel_options_init(&o);
  o.vocab = USER_VOCAB;
  t_case = "user vocabulary";
  if (t_reader_open(&rd, &o) != 0) return;
  for (size_t i = 0; i < sizeof vrows / sizeof vrows[0]; i++) {
    row base = vrows[i].r;
    const gavel_item *items;
    size_t n;
    char name[96];
    t_case = vrows[i].r.line;
    const gavel_item *mine;
    size_t nmine = t_reader_read(&rd, vrows[i].r.line, strlen(vrows[i].r.line), &mine);
    check_items(&vrows[i].r, mine, nmine);
    base.span = vrows[i].base;
    n = t_read(base.line, &items);
    t_case = gv_fmt(name, sizeof name, "default engine: %s", base.line);
    check_items(&base, items, n);
  }
  t_reader_close(&rd);
}

void suite_money(void) {
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) check_row(&rows[i]);
  check_user_vocab();
  check_duration_fields();
  check_no_overlap();
  check_counts();
  check_awkward();
  t_case = NULL;
}
