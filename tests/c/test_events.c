/* test_events.c: negotiation events and contacts on one line (events.c). */
#include <stdlib.h>

#include "test.h"

#define P GAVEL_PARTY_PROSECUTION
#define D GAVEL_PARTY_DEFENSE
#define C GAVEL_PARTY_CLIENT
#define J GAVEL_PARTY_COURT
#define NONE GAVEL_EV_NONE
#define OFFER GAVEL_EV_OFFER
#define COUNTER GAVEL_EV_COUNTER
#define REJECT GAVEL_EV_REJECT
#define ACCEPT GAVEL_EV_ACCEPT
#define WITHDRAW GAVEL_EV_WITHDRAW
#define ATTEMPT GAVEL_EV_ATTEMPT
#define RESPONSE GAVEL_EV_RESPONSE
#define CLIENT GAVEL_EV_CLIENT_CONTACT
#define FINAL GAVEL_F_FINAL
#define SAME GAVEL_F_SAME_TERMS
#define UNANS GAVEL_F_UNANSWERED
#define REQ GAVEL_F_REQUEST
#define NOREPLY (GAVEL_F_UNANSWERED | GAVEL_F_NO_REPLY)

/* One line: the event expected (NONE: no negotiation or contact event at
** all), its party, flags it must carry, who (NULL: not checked), another
** event that must also be there, and one that must not. */
typedef struct ev_row {
  const char *line;
  uint8_t ev, party;
  uint32_t flags;
  const char *who;
  uint8_t also, never;
} ev_row;

static const ev_row rows[] = {
    /* ---- offers: terse ---- */
    {"ADA offered 18 mo DOC", OFFER, P, 0, "ADA", 0, RESPONSE},
    {"DA came back with 12 mo", OFFER, P, 0, "DA", 0, 0},
    {"ADA Natarajan offered 2 yrs susp.", OFFER, P, 0, "ADA Natarajan", 0, 0},
    {"AUSA Lee offered 36 mo", OFFER, P, 0, "AUSA Lee", 0, 0},
    {"DDA Ruiz now offering misd. w/ 1 yr prob", OFFER, P, 0, "DDA Ruiz", 0, 0},
    {"pros. offered diversion", OFFER, P, 0, "pros.", 0, 0},
    {"Gov't offered 5K1 w/ 60 mo", OFFER, P, 0, "Gov't", 0, 0},
    {"DA came down to 9 mo", OFFER, P, 0, "DA", 0, 0},
    {"ADA dropped to 6 mo", OFFER, P, 0, "ADA", 0, 0},
    {"3/14 ADA offered 12 mo", OFFER, P, 0, "ADA", 0, 0},
    {"3/14/25 \xe2\x80\x94 DA offered 12 mo + $500 fine", OFFER, P, 0, "DA", 0, 0},
    /* ---- offers: formal prose ---- */
    {"The State has now offered a plea to Count 2.", OFFER, P, 0, "The State", 0, 0},
    {"The People offered a misdemeanor plea.", OFFER, P, 0, "The People", 0, 0},
    {"The Commonwealth extended an offer of 18 months.", OFFER, P, 0, "The Commonwealth", 0, 0},
    {"The Government proposed a plea to the lesser count.", OFFER, P, 0, "The Government", 0, 0},
    {"The prosecutor made an offer of probation.", OFFER, P, 0, "prosecutor", 0, 0},
    {"State's offer: 24 months, dismiss count 2", OFFER, P, 0, "State", 0, 0},
    {"The State's offer is 18 months", OFFER, P, 0, "The State", 0, 0},
    {"Plea offer from AUSA Lee: 46 months", OFFER, P, 0, "AUSA Lee", 0, 0},
    {"Received a plea offer from the State", OFFER, P, 0, "the State", 0, 0},
    {"Offer from ADA Kim came in at 12 mo", OFFER, P, 0, "ADA Kim", 0, CLIENT},
    /* ---- a name after a party word: a capitalised verb is none (the
    ** callout lets most names skip the verbs' lookahead: "Nixon" starts
    ** as "nixed" does, so it looks), and the name gives back a trailing
    ** "-" or "s" for what follows ---- */
    {"ADA Offered 18 mo DOC", OFFER, P, 0, "ADA", 0, 0},
    {"DDA Countered 6 mo", OFFER, P, 0, "DDA", 0, 0},
    {"ADA Nixed the offer", REJECT, P, 0, "ADA", 0, 0},
    {"emailed ADA Rejected our counter", ATTEMPT, D, 0, "ADA", REJECT, 0},
    {"LVM for ADA Accepted", ATTEMPT, D, 0, "ADA", ACCEPT, 0},
    {"ADA Nixon offered 18 mo", OFFER, P, 0, "ADA Nixon", 0, 0},
    {"ADA O'Brien-Smith offered 12 mo", OFFER, P, 0, "ADA O'Brien-Smith", 0, 0},
    {"ADA McDONALD offered 6 mo", OFFER, P, 0, "ADA McDONALD", 0, 0},
    {"ADA J. Reyes countered at 9 mo", OFFER, P, 0, "ADA J. Reyes", 0, 0},
    {"AUSA Lee- called back, no deal", ATTEMPT, D, 0, "AUSA Lee", 0, 0},
    {"ADA Natarajan\xe2\x80\x99s offer: 12 mo", OFFER, P, 0, "ADA Natarajan", 0, 0},
    /* ---- offers: Markdown ---- */
    {"- Offer: plead to Count 1, class A misd.", OFFER, P, 0, "", 0, 0},
    {"**Offer:** 18 mo suspended", OFFER, P, 0, "", 0, 0},
    {"* New offer: 12 mo", OFFER, P, 0, "", 0, 0},
    {"> ADA offered 2 yrs", OFFER, P, 0, "ADA", 0, 0},
    {"> State's offer: time served", OFFER, P, 0, "State", 0, 0},
    {"## Offer \xe2\x80\x94 18 mo", OFFER, P, 0, NULL, 0, 0},
    {"1. Current offer: 9 months jail", OFFER, P, 0, NULL, 0, 0},
    {"Deal is 18 mo", OFFER, P, 0, NULL, 0, 0},
    {"offer is 12 mo probation", OFFER, P, 0, NULL, 0, 0},
    /* ---- final offers ---- */
    {"ADA Smith said this is the final offer", OFFER, P, FINAL, "ADA Smith", 0, RESPONSE},
    {"best and final: 18 mo", OFFER, P, FINAL, NULL, 0, 0},
    {"Final offer: 2 yrs, expires 4/30", OFFER, P, FINAL, NULL, 0, 0},
    {"DA: take it or leave it, 24 mo", OFFER, P, FINAL, NULL, 0, 0},
    {"State says last offer is 30 days", OFFER, P, FINAL, NULL, 0, 0},
    {"ADA offered 18 mo, says it is final", OFFER, P, FINAL, "ADA", 0, 0},
    /* ---- same terms ---- */
    {"ADA won't budge, same offer", OFFER, P, SAME, "ADA", 0, RESPONSE},
    {"ADA won\xe2\x80\x99t budge", OFFER, P, SAME, "ADA", 0, 0},
    {"same offer", OFFER, P, SAME, NULL, 0, 0},
    {"no movement from the State", OFFER, P, SAME, "the State", 0, 0},
    {"Prosecutor refuses to come down from 24 months", OFFER, P, SAME, "Prosecutor", 0, 0},
    {"DA holding firm at 36 mo", OFFER, P, SAME, "DA", 0, 0},
    {"still at 18 mo", OFFER, P, SAME, NULL, 0, 0},
    {"ADA is standing by the offer", OFFER, P, SAME, "ADA", 0, 0},
    {"The prosecution remains unwilling to offer any concessions despite multiple attempts",
     OFFER, P, SAME, "prosecution", 0, 0},
    {"State: no concessions", OFFER, P, SAME, "State", 0, 0},
    {"ADA offered nothing new, same terms as before", OFFER, P, SAME, "ADA", 0, 0},
    {"3/20 - ADA called back, offer stands", OFFER, P, SAME, "ADA", 0, RESPONSE},
    {"Gov't emailed; holding firm at 36 mo", OFFER, P, SAME, "Gov't", 0, 0},
    {"AUSA has not moved off 60 months", OFFER, P, SAME, "AUSA", 0, 0},
    /* "offer" is no stem of same-terms: these need their other word */
    {"ADA: offer unchanged", OFFER, P, SAME, "ADA", 0, 0},
    {"State's offer remains 2 yrs", OFFER, P, SAME, "State", 0, 0},
    /* ---- court ---- */
    {"judge indicated 6 mo if he pleads", OFFER, J, 0, "judge", 0, 0},
    {"Judge Brown indicated he'd give probation on a plea", OFFER, J, 0, "Judge Brown", 0, 0},
    {"the court offered 90 days if he pleads today", OFFER, J, 0, "the court", 0, 0},
    /* ---- counteroffers ---- */
    {"we countered with 6 mo", COUNTER, D, 0, "we", 0, OFFER},
    {"I proposed probation only", COUNTER, D, 0, NULL, 0, OFFER},
    {"Counter: 12 mo probation", COUNTER, D, 0, NULL, 0, 0},
    {"countered at 9 mo", COUNTER, D, 0, NULL, 0, 0},
    {"- Counteroffer: misd. + 1 yr prob.", COUNTER, D, 0, NULL, 0, OFFER},
    {"Defense countered with a plea to the misdemeanor.", COUNTER, D, 0, "Defense", 0, 0},
    {"We sent the State our counter: 6 mo", COUNTER, D, 0, NULL, 0, OFFER},
    {"counter-offer: 90 days", COUNTER, D, 0, NULL, 0, OFFER},
    {"We proposed a plea to Count 3 and asked ADA to reconsider the jail time",
     COUNTER, D, REQ, NULL, ATTEMPT, 0},
    {"> we countered w/ diversion", COUNTER, D, 0, "we", 0, 0},
    /* ---- rejects ---- */
    {"client rejected the offer", REJECT, C, 0, "client", 0, OFFER},
    {"client rejected the State's offer of 24 mo", REJECT, C, 0, "client", 0, OFFER},
    {"ADA rejected our counter", REJECT, P, 0, "ADA", 0, COUNTER},
    {"State declined our counteroffer", REJECT, P, 0, "State", 0, RESPONSE},
    {"AUSA Lee declined the counter-offer", REJECT, P, 0, "AUSA Lee", 0, COUNTER},
    {"we rejected", REJECT, D, 0, "we", 0, 0},
    {"Client declined the plea", REJECT, C, 0, "Client", 0, 0},
    {"cl. turned it down", REJECT, C, 0, "cl.", 0, CLIENT},
    {"Offer rejected.", REJECT, C, 0, NULL, 0, OFFER},
    {"Counter rejected by ADA", REJECT, P, 0, "ADA", 0, COUNTER},
    {"- Rejected.", REJECT, C, 0, NULL, 0, 0},
    {"we proposed 6 mo, ADA said no", REJECT, P, 0, "ADA", COUNTER, 0},
    {"The defendant has rejected the Commonwealth's offer.", REJECT, C, 0, "The defendant", 0, OFFER},
    {"client won't accept anything with jail", REJECT, C, 0, "client", 0, ACCEPT},
    /* ---- accepts ---- */
    {"client accepted the offer", ACCEPT, C, 0, "client", 0, OFFER},
    {"ADA accepted our counter", ACCEPT, P, 0, "ADA", 0, COUNTER},
    {"client will plead", ACCEPT, C, 0, "client", 0, 0},
    {"client pled guilty to count 1", ACCEPT, C, 0, "client", 0, 0},
    {"Plea entered 4/2", ACCEPT, C, 0, NULL, 0, 0},
    {"offer accepted by client", ACCEPT, C, 0, "client", 0, OFFER},
    {"The State accepted the defense counteroffer.", ACCEPT, P, 0, "The State", 0, COUNTER},
    {"def't took the plea", ACCEPT, C, 0, NULL, 0, 0},
    {"Counter accepted!", ACCEPT, P, 0, NULL, 0, COUNTER},
    /* ---- withdrawals ---- */
    {"ADA withdrew the offer", WITHDRAW, P, 0, "ADA", 0, OFFER},
    {"offer is off the table", WITHDRAW, P, 0, NULL, 0, OFFER},
    {"State's offer is off the table", WITHDRAW, P, 0, "State", 0, OFFER},
    {"no further offers", WITHDRAW, P, 0, NULL, 0, OFFER},
    {"ADA told me no further offers will be made", WITHDRAW, P, 0, "ADA", 0, 0},
    {"offer rescinded", WITHDRAW, P, 0, NULL, 0, OFFER},
    {"The People have withdrawn their plea offer.", WITHDRAW, P, 0, "The People", 0, OFFER},
    {"DA pulled the offer after the prelim", WITHDRAW, P, 0, "DA", 0, 0},
    /* ---- attempts ---- */
    {"emailed ADA Natarajan", ATTEMPT, D, 0, "ADA Natarajan", 0, RESPONSE},
    {"called DA, left VM", ATTEMPT, D, 0, "DA", 0, RESPONSE},
    {"3/14 called ADA, VM", ATTEMPT, D, 0, "ADA", 0, RESPONSE},
    {"LVM for ADA Smith", ATTEMPT, D, 0, "ADA Smith", 0, 0},
    {"f/u email to ADA re: counter", ATTEMPT, D, 0, "ADA", 0, COUNTER},
    {"L/M for DDA Ruiz", ATTEMPT, D, 0, "DDA Ruiz", 0, 0},
    {"sent letter to AUSA", ATTEMPT, D, 0, "AUSA", 0, 0},
    {"- [x] emailed ADA re counter", ATTEMPT, D, 0, "ADA", 0, COUNTER},
    {"ADA: left VM", ATTEMPT, D, 0, "ADA", 0, 0},
    {"AUSA Lee - LVM", ATTEMPT, D, 0, "AUSA Lee", 0, 0},
    {"Called, VM.", ATTEMPT, D, 0, "", 0, 0},
    /* a call to someone else, by name: no attempt */
    {"Called Maria Lopez about the timeline.", NONE, 0, 0, NULL, 0, 0},
    {"Called the Smiths about the lease.", NONE, 0, 0, NULL, 0, 0},
    {"Called, Officer Reyes re bodycam.", NONE, 0, 0, NULL, 0, 0},
    {"Called\tDr. Ames (expert).", NONE, 0, 0, NULL, 0, 0},
    {"2025-03-14: Called ADA Natarajan, no answer", ATTEMPT, D, UNANS, "ADA Natarajan", 0, 0},
    {"left VM, no reply", ATTEMPT, D, UNANS, NULL, 0, 0},
    {"Emailed ADA Natarajan on 3/4, no response", ATTEMPT, D, UNANS, "ADA Natarajan", 0, 0},
    {"called ADA again. still no reply.", ATTEMPT, D, UNANS, "ADA", 0, 0},
    {"I wrote to the prosecutor on March 3 requesting a meeting.", ATTEMPT, D, 0, "prosecutor", 0, 0},
    {"Followed up with the DA's office by phone", ATTEMPT, D, 0, "DA's office", 0, 0},
    {"Called ADA, she said same offer", ATTEMPT, D, 0, "ADA", OFFER, RESPONSE},
    {"Called ADA, she said she'd consider it", ATTEMPT, D, 0, "ADA", RESPONSE, 0},
    {"* 4/2 texted AUSA Lee about the counter", ATTEMPT, D, 0, "AUSA Lee", 0, COUNTER},
    {"> emailed DDA Ruiz, no reply yet", ATTEMPT, D, UNANS, "DDA Ruiz", 0, 0},
    /* requests */
    {"asked ADA to reconsider", ATTEMPT, D, REQ, "ADA", 0, 0},
    {"requested a reduction", ATTEMPT, D, REQ, NULL, 0, 0},
    {"asked for misd.", ATTEMPT, D, REQ, NULL, 0, 0},
    {"we asked the DA for a better offer", ATTEMPT, D, REQ, "DA", 0, OFFER},
    {"Asked ADA whether she'd consider misd.", ATTEMPT, D, REQ, "ADA", 0, 0},
    {"I called the ADA and asked her to reconsider", ATTEMPT, D, REQ, "ADA", 0, 0},
    /* naming no prosecutor, a request counts only where the line begins */
    {"3/14 - asked for a continuance", ATTEMPT, D, REQ, NULL, 0, 0},
    {"- requested a reduction to misd.", ATTEMPT, D, REQ, NULL, 0, 0},
    {"Client asked about the collateral consequences for his license.", NONE, 0, 0, NULL, 0, 0},
    {"Mother requested a copy of the discovery.", NONE, 0, 0, NULL, 0, 0},
    /* silence only */
    {"still nothing from ADA", ATTEMPT, D, NOREPLY, "ADA", 0, 0},
    {"No reply.", ATTEMPT, D, NOREPLY, "", 0, 0},
    {"no response yet", ATTEMPT, D, NOREPLY, NULL, 0, 0},
    {"- 3/20: crickets from the State", ATTEMPT, D, NOREPLY, "the State", 0, 0},
    {"Haven't heard back from AUSA Lee", ATTEMPT, D, NOREPLY, "AUSA Lee", 0, RESPONSE},
    /* ---- responses ---- */
    {"ADA replied", RESPONSE, P, 0, "ADA", 0, ATTEMPT},
    {"DA returned my call", RESPONSE, P, 0, "DA", 0, 0},
    {"met with ADA", RESPONSE, P, 0, "ADA", 0, CLIENT},
    {"ADA said they'd consider it", RESPONSE, P, 0, "ADA", 0, OFFER},
    {"AUSA declined", RESPONSE, P, 0, "AUSA", 0, REJECT},
    {"spoke with DDA Ruiz", RESPONSE, P, 0, "DDA Ruiz", 0, 0},
    {"per ADA, trial is likely", RESPONSE, P, 0, "ADA", 0, 0},
    {"DA's office called me back", RESPONSE, P, 0, "DA's office", 0, ATTEMPT},
    {"3/1: Met with AUSA Lee and Det. Smith", RESPONSE, P, 0, "AUSA Lee", 0, 0},
    {"ADA Natarajan emailed to say she'd run it by her supervisor", RESPONSE, P, 0,
     "ADA Natarajan", 0, ATTEMPT},
    {"The State responded to our letter on 4/1.", RESPONSE, P, 0, "The State", 0, 0},
    {"> heard back from the prosecutor", RESPONSE, P, 0, "prosecutor", 0, ATTEMPT},
    {"ADA called back", RESPONSE, P, 0, "ADA", 0, ATTEMPT},
    /* rules that need a word of their own: "they" (a pronoun), "by" */
    {"Emailed ADA Ruiz twice; they said they would get back to us", ATTEMPT, D, 0,
     "ADA Ruiz", RESPONSE, 0},
    {"Offer by the State: 12 mo", OFFER, P, 0, "the State", 0, 0},
    /* ---- client contacts ---- */
    {"met client", CLIENT, C, 0, "client", 0, RESPONSE},
    {"met w/ cl.", CLIENT, C, 0, "cl.", 0, 0},
    {"client called", CLIENT, C, 0, "client", 0, ATTEMPT},
    {"jail visit", CLIENT, C, 0, NULL, 0, 0},
    {"called client", CLIENT, C, 0, "client", 0, ATTEMPT},
    {"phone call with client", CLIENT, C, 0, "client", 0, 0},
    {"client came in", CLIENT, C, 0, "client", 0, 0},
    {"Called client re: offer", CLIENT, C, 0, "client", 0, ATTEMPT},
    {"Spoke to client by phone", CLIENT, C, 0, "client", 0, 0},
    {"Client texted about court date", CLIENT, C, 0, "Client", 0, ATTEMPT},
    {"Visited client at jail", CLIENT, C, 0, "client", 0, 0},
    {"- 3/3 jail visit, went over discovery", CLIENT, C, 0, NULL, 0, 0},
    {"Met with the client to review the State's offer", CLIENT, C, 0, "client", 0, OFFER},
    /* the gate's pairs: "jail"/"attorney" with "visit"/"saw", no client word */
    {"Saw her at jail", CLIENT, C, 0, NULL, 0, 0},
    {"Attorney visit Thursday", CLIENT, C, 0, NULL, 0, 0},
    /* "call" is exact: "client call" is a contact, "jail calls" are not */
    {"Client call re: plea", CLIENT, C, 0, "Client", 0, 0},
    {"Zoom call w/ client", CLIENT, C, 0, "client", 0, 0},
    {"Reviewed jail calls; nothing damaging so far.", NONE, 0, 0, NULL, 0, 0},
    /* ---- negatives: no event at all ---- */
    {"no offer yet", NONE, 0, 0, NULL, 0, 0},
    {"ADA has not made an offer", NONE, 0, 0, NULL, 0, 0},
    {"ADA hasn't offered anything", NONE, 0, 0, NULL, 0, 0},
    {"State has yet to make an offer", NONE, 0, 0, NULL, 0, 0},
    {"no offer has been made", NONE, 0, 0, NULL, 0, 0},
    {"Client wants to know if the State will offer diversion", NONE, 0, 0, NULL, 0, 0},
    {"if the State offers 12 mo we should take it", NONE, 0, 0, NULL, 0, 0},
    {"Need to call ADA re: offer", NONE, 0, 0, NULL, 0, 0},
    {"Reviewed discovery; video is strong", NONE, 0, 0, NULL, 0, 0},
    {"The officer testified at the hearing", NONE, 0, 0, NULL, 0, 0},
    {"Defense withdrew the motion to suppress", NONE, 0, 0, NULL, 0, 0},
    {"Called court clerk re: date", NONE, 0, 0, NULL, 0, 0},
    {"## 2025-03-14", NONE, 0, 0, NULL, 0, 0},
    {"# State v. Doe", NONE, 0, 0, NULL, 0, 0},
    {"Case No. 24-CR-0118", NONE, 0, 0, NULL, 0, 0},
    {"the People are unhappy", NONE, 0, 0, NULL, 0, 0},
    {"people at the jail said he is fine", NONE, 0, 0, NULL, 0, 0},
    {"I will state my concerns to the judge", NONE, 0, 0, NULL, 0, 0},
    {"State court hearing moved", NONE, 0, 0, NULL, 0, 0},
    {"Offer of proof filed", NONE, 0, 0, NULL, 0, 0},
    {"Judge set trial for 5/5", NONE, 0, 0, NULL, 0, 0},
    {"Judge said trial date is firm", NONE, 0, 0, NULL, 0, 0},
    {"Final pretrial conference set for 5/1", NONE, 0, 0, NULL, 0, 0},
    {"Texted Sam about dinner", NONE, 0, 0, NULL, 0, 0},
    {"Offer expires Friday", NONE, 0, 0, NULL, 0, 0},
    {"- [ ] witness list", NONE, 0, 0, NULL, 0, 0},
    {"Exhibit 4: lab report (discovery/lab.pdf)", NONE, 0, 0, NULL, 0, 0},
    {"Trial 5/5 at 9:00 AM", NONE, 0, 0, NULL, 0, 0},
    {"", NONE, 0, 0, NULL, 0, 0},
    {"   ", NONE, 0, 0, NULL, 0, 0},
    {"> ", NONE, 0, 0, NULL, 0, 0},
    {"We have not rejected anything", NONE, 0, 0, NULL, 0, 0},
    {"Client did not accept", NONE, 0, 0, NULL, 0, 0},
    {"Offer not withdrawn", NONE, 0, 0, NULL, 0, 0},
    {"Discussed whether to counter", NONE, 0, 0, NULL, 0, 0},
    {"never offered anything", NONE, 0, 0, NULL, 0, 0},
    {"\xff\xfe offer \xc3", NONE, 0, 0, NULL, 0, 0},
    {"Research: sentencing guidelines for Class A misd.", NONE, 0, 0, NULL, 0, 0},
    {"Motion to dismiss due 4/10", NONE, 0, 0, NULL, 0, 0},
};

static int mine(const gavel_item *it) {
  return it->kind == GAVEL_KIND_EVENT && it->event >= GAVEL_EV_OFFER &&
         it->event <= GAVEL_EV_CLIENT_CONTACT;
}

static void check_rows(void) {
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    const ev_row *r = &rows[i];
    const gavel_item *items, *it;
    size_t n = t_read(r->line, &items), count = 0;
    t_case = r->line;
    for (size_t k = 0; k < n; k++) count += (size_t)mine(&items[k]);
    if (r->ev == NONE) {
      INT_EQ(count, 0, "no event expected");
      continue;
    }
    it = t_find(items, n, GAVEL_KIND_EVENT, (gavel_event)r->ev);
    OK(it != NULL, gavel_event_name((gavel_event)r->ev));
    if (!it) continue;
    STR_EQ(gavel_party_name((gavel_party)it->party),
           gavel_party_name((gavel_party)r->party), "party");
    INT_EQ(it->flags & r->flags, r->flags, "flags");
    if (r->who) STR_EQ(it->who, r->who, "who");
    OK(it->col < it->end_col && it->end_col <= strlen(r->line), "span");
    if (r->also)
      OK(t_find(items, n, GAVEL_KIND_EVENT, (gavel_event)r->also) != NULL,
         "the other event is there too");
    if (r->never)
      OK(t_find(items, n, GAVEL_KIND_EVENT, (gavel_event)r->never) == NULL,
         "an event that must not be there");
  }
  t_case = NULL;
}

/* Spans: the verb with its party where adjacent. */
static void check_spans(void) {
  static const struct {
    const char *line;
    uint8_t ev;
    const char *text;
  } spans[] = {
      {"3/14 called ADA, VM", ATTEMPT, "called ADA"},
      {"Yesterday ADA Natarajan offered 18 mo", OFFER, "ADA Natarajan offered"},
      {"client rejected the offer", REJECT, "client rejected"},
      {"- Offer: 12 mo", OFFER, "Offer:"},
      {"Final offer: 2 yrs", OFFER, "Final offer:"},
      {"ADA won't budge", OFFER, "ADA won't budge"},
      {"still nothing from ADA", ATTEMPT, "still nothing"},
      {"spoke with DDA Ruiz today", RESPONSE, "spoke with DDA Ruiz"},
      {"we countered with 6 mo", COUNTER, "we countered with"},
  };
  for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++) {
    const gavel_item *items, *it;
    size_t n = t_read(spans[i].line, &items);
    char got[96];
    t_case = spans[i].line;
    it = t_find(items, n, GAVEL_KIND_EVENT, (gavel_event)spans[i].ev);
    OK(it != NULL, "event found");
    if (!it) continue;
    gv_copy(got, sizeof got, spans[i].line + it->col, it->end_col - it->col);
    STR_EQ(got, spans[i].text, "span text");
  }
  t_case = NULL;
}

/* A line that is a real attempt is never a no-reply note, and one line
** gives one event per (event, party). */
static void check_rules(void) {
  const gavel_item *items, *it;
  size_t n, count = 0;
  t_case = "attempt with no answer is not NO_REPLY";
  n = t_read("called ADA, no answer", &items);
  it = t_find(items, n, GAVEL_KIND_EVENT, GAVEL_EV_ATTEMPT);
  OK(it && !(it->flags & GAVEL_F_NO_REPLY), "no NO_REPLY on an attempt");
  t_case = "one offer per line";
  n = t_read("ADA offered 18 mo; State's offer: 18 mo, final offer", &items);
  for (size_t k = 0; k < n; k++)
    count += items[k].kind == GAVEL_KIND_EVENT && items[k].event == GAVEL_EV_OFFER;
  INT_EQ(count, 1, "offers");
  it = t_find(items, n, GAVEL_KIND_EVENT, GAVEL_EV_OFFER);
  OK(it && (it->flags & GAVEL_F_FINAL), "flags merged into the kept offer");
  t_case = "a plain offer has no SAME/FINAL flags";
  n = t_read("ADA offered 18 mo", &items);
  it = t_find(items, n, GAVEL_KIND_EVENT, GAVEL_EV_OFFER);
  OK(it && !(it->flags & (GAVEL_F_FINAL | GAVEL_F_SAME_TERMS)), "no flags");
  /* the separator after an entry date is no text: the line opens with
  ** the attempt ("02/28/2025 - Called again"), for every date form */
  static const struct {
    const char *line;
    long col;
  } dated[] = {
      {"02/28/2025 - Called again. Still no return call.", 13},
      {"2025-03-14: left VM", 12},
      {"Mar 14: left VM", 8},
      {"March 14 \xe2\x80\x94 emailed again", 13},
      {"Tue 3/4 | texted", 10},
      {"3/4) called back? no, left msg", 5},
  };
  for (size_t k = 0; k < sizeof dated / sizeof dated[0]; k++) {
    t_case = dated[k].line;
    n = t_read(dated[k].line, &items);
    it = t_find(items, n, GAVEL_KIND_EVENT, GAVEL_EV_ATTEMPT);
    OK(it != NULL, "an attempt");
    INT_EQ(it ? (long)it->col : -1, dated[k].col, "at the line's first word after the date");
    OK(it && !(it->flags & GAVEL_F_NO_REPLY), "an attempt, not a no-reply note");
  }
  t_case = NULL;
}

/* User vocabulary reaches the patterns; hostile lines stay bounded. */
static void check_vocab_and_limits(void) {
  gavel_options o;
  t_reader rd;
  const char *line = "pinged Mr. Prosecutor Jones";
  gavel_options_init(&o);
  o.vocab = "prosecution: Mr. Prosecutor\nsame: dug in\nattempt: pinged";
  t_case = "user vocabulary";
  if (t_reader_open(&rd, &o) == 0) {
    const gavel_item *it, *v;
    size_t n = t_reader_read(&rd, line, strlen(line), &v);
    it = t_find(v, n, GAVEL_KIND_EVENT, GAVEL_EV_ATTEMPT);
    OK(it != NULL, "attempt via user prosecution word");
    if (it) STR_EQ(it->who, "Mr. Prosecutor Jones", "who");
    line = "DA is dug in";
    n = t_reader_read(&rd, line, strlen(line), &v);
    it = t_find(v, n, GAVEL_KIND_EVENT, GAVEL_EV_OFFER);
    OK(it && (it->flags & GAVEL_F_SAME_TERMS), "same terms via user phrase");
    t_reader_close(&rd);
  }
  t_case = "long hostile line";
  {
    size_t len = 8000;
    char *big = malloc(len + 1);
    const gavel_item *items;
    OK(big != NULL, "alloc");
    if (big) {
      for (size_t i = 0; i < len; i++) big[i] = "offer ADA called no reply "[i % 26];
      big[len] = 0;
      size_t n = t_read(big, &items), count = 0;
      for (size_t k = 0; k < n; k++) count += (size_t)mine(&items[k]);
      OK(count > 0 && count <= 16, "few events, bounded work");
      free(big);
    }
  }
  t_case = NULL;
}

void suite_events(void) {
  check_rows();
  check_spans();
  check_rules();
  check_vocab_and_limits();
}
