/*
** test_court.c: the case header, ack/snooze markers, court dates,
** deadlines, strength signals and trial prep, one table row per line.
** Each row says which of court.c's items the line must give (kind, event,
** what or id, flags, the month/day of the DATE it points at) and how many
** of court.c's items the line holds in all; count 0 rows are negatives.
*/
#include <stdlib.h>

#include "test.h"

typedef struct court_row {
  const char *line;
  uint8_t kind;     /* 0: no item of court.c expected */
  uint8_t event;    /* for KIND_EVENT */
  const char *what; /* what, or id for a case number */
  uint32_t flags;   /* expected DONE/OPEN/SNOOZE bits */
  int month, day;   /* date_ref's spec; 0/0 none, -1 any DATE */
  int count;        /* court.c's items on the line */
} court_row;

#define K_H GAVEL_KIND_HEADER
#define K_M GAVEL_KIND_MARKER
#define K_E GAVEL_KIND_EVENT
#define HDR(l, w, n) {l, K_H, 0, w, 0, 0, 0, n}
#define NUM(l, id, n) {l, K_H, 1, id, 0, 0, 0, n}
#define MRK(l, w, f, m, d, n) {l, K_M, 0, w, f, m, d, n}
#define CRT(l, w, m, d, n) {l, K_E, GAVEL_EV_COURT_DATE, w, 0, m, d, n}
#define DLN(l, w, m, d, n) {l, K_E, GAVEL_EV_DEADLINE, w, 0, m, d, n}
#define STR(l, w, n) {l, K_E, GAVEL_EV_STRENGTH, w, 0, 0, 0, n}
#define PRP(l, w, f, n) {l, K_E, GAVEL_EV_PREP, w, f, 0, 0, n}
#define NONE(l) {l, 0, 0, NULL, 0, 0, 0, 0}

#define DONE GAVEL_F_DONE
#define OPEN GAVEL_F_OPEN
#define SNZ GAVEL_F_SNOOZE

static const court_row rows[] = {
    /* ---- case names ---- */
    HDR("# State v. Doe", "State v. Doe", 1),
    HDR("People v. Smith", "People v. Smith", 1),
    HDR("Commonwealth v. Jones", "Commonwealth v. Jones", 1),
    HDR("United States v. Garcia", "United States v. Garcia", 1),
    HDR("U.S. v. Garcia", "U.S. v. Garcia", 1),
    HDR("State of Ohio v. Doe", "State of Ohio v. Doe", 1),
    HDR("Re: State v. Doe", "State v. Doe", 1),
    HDR("RE: People v. Smith", "People v. Smith", 1),
    HDR("## State v. John Doe", "State v. John Doe", 1),
    HDR("# State vs. Doe", "State vs. Doe", 1),
    HDR("# State v Doe", "State v Doe", 1),
    HDR("# The People v. Maria de la Cruz", "The People v. Maria de la Cruz", 1),
    HDR("# State v. O'Brien", "State v. O'Brien", 1),
    HDR("# State v. Doe Jr.", "State v. Doe Jr.", 1),
    HDR("State v. Doe.", "State v. Doe", 1),
    HDR("**State v. Doe**", "State v. Doe", 1),
    HDR("# Commonwealth of Massachusetts v. Jones",
        "Commonwealth of Massachusetts v. Jones", 1),
    HDR("# STATE v. DOE", "STATE v. DOE", 1),
    HDR("Subject: USA v. Garcia", "USA v. Garcia", 1),
    HDR("# State v. Doe, Case No. 24-CR-0118", "State v. Doe", 2),
    NUM("# State v. Doe, Case No. 24-CR-0118", "24-CR-0118", 2),
    HDR("# State v. Doe Notes", "State v. Doe", 1),
    HDR("In re: State v. Doe", "State v. Doe", 1),
    HDR("The People v. Smith, No. 2024-118", "The People v. Smith", 1),
    NONE("state v. doe"),
    NONE("# State Street office"),
    NONE("The State wants 18 months"),
    /* ---- case numbers ---- */
    NUM("Case No. 24-CR-0118", "24-CR-0118", 1),
    NUM("Case #24-CR-0118", "24-CR-0118", 1),
    NUM("Case # 24-CR-0118", "24-CR-0118", 1),
    NUM("Docket No. 2024-CR-118", "2024-CR-118", 1),
    NUM("Cause No. 1234-567.", "1234-567", 1),
    NUM("Indictment No. 1234/2024", "1234/2024", 1),
    NUM("Case number: CR-24-0118", "CR-24-0118", 1),
    NUM("Case 24-CR-0118", "24-CR-0118", 1),
    NUM("- Docket #: 1:24-cr-00118", "1:24-cr-00118", 1),
    NUM("File No. A123456", "A123456", 1),
    NUM("Case #: 24CR118", "24CR118", 1),
    /* the label glued to "No"/"Number": the gate's stems see the word */
    NUM("CaseNo. 24-CR-0118", "24-CR-0118", 1),
    NUM("CaseNumber: CR-24-0118", "CR-24-0118", 1),
    NUM("FileNo A123456", "A123456", 1),
    NONE("Drafted notes; cases to pull later, filed 2 motions"),
    NONE("Case no longer viable"),
    NONE("Case: discussed with ADA"),
    NONE("Case No. TBD"),
    /* ---- markers ---- */
    MRK("<!-- gavel: ack no-response -->", "no-response", 0, 0, 0, 1),
    MRK("gavel: ack no-response, offer-expiring", "no-response", 0, 0, 0, 2),
    MRK("gavel: ack no-response, offer-expiring", "offer-expiring", 0, 0, 0, 2),
    MRK("<!-- gavel: snooze offer-expiring until 4/15 -->", "offer-expiring",
        SNZ, 4, 15, 1),
    MRK("<!-- gavel: ack all -->", "all", 0, 0, 0, 1),
    MRK("<!-- gavel: ack bogus-code, client-contact-gap -->",
        "client-contact-gap", 0, 0, 0, 1),
    MRK("<!--gavel:ack strong-evidence-->", "strong-evidence", 0, 0, 0, 1),
    MRK("Gavel: ACK No-Response", "no-response", 0, 0, 0, 1),
    MRK("<!-- gavel: snooze trial-approaching until 5/1 -->",
        "trial-approaching", SNZ, 5, 1, 1),
    MRK("<!-- gavel: snooze deadline-approaching -->", "deadline-approaching",
        SNZ, 0, 0, 1),
    MRK("gavel: ack unanswered-attempts no-concession", "no-concession", 0, 0,
        0, 2),
    NONE("<!-- gavel: ack nothing-here -->"),
    NONE("<!-- gavel: snooze offer-expiring until the hearing -->"),
    NONE("gavel ack no-response"),
    NONE("gavelled: ack no-response"),
    /* ---- court dates ---- */
    CRT("Trial set for 5/5", "trial", 5, 5, 1),
    CRT("Jury trial 6/2/2025 9:00 AM", "trial", 6, 2, 1),
    CRT("Sentencing on June 2", "sentencing", 6, 2, 1),
    CRT("status conf. continued to 4/10", "status conference", 4, 10, 1),
    CRT("Pretrial conf 4/10 at 9am", "pretrial conference", 4, 10, 1),
    CRT("3/14 \xe2\x80\x94 Arraignment, pled NG", "arraignment", 3, 14, 1),
    CRT("3/14/25 - Arraignment", "arraignment", 3, 14, 1),
    CRT("Arraignment set for 3/20", "arraignment", 3, 20, 1),
    CRT("Prelim 4/2", "preliminary hearing", 4, 2, 1),
    CRT("Preliminary hearing scheduled April 2, 2025", "preliminary hearing",
        4, 2, 1),
    CRT("Motion hearing 4/22 at 1:30 pm", "motion hearing", 4, 22, 1),
    CRT("Suppression hearing set 5/12", "motion hearing", 5, 12, 1),
    CRT("Hearing on the motion to suppress: 5/12", "motion hearing", 5, 12, 2),
    CRT("Pretrial conference 4/10", "pretrial conference", 4, 10, 1),
    CRT("Final pretrial 5/28", "pretrial conference", 5, 28, 1),
    CRT("PTC 4/10", "pretrial conference", 4, 10, 1),
    CRT("Status conference 4/10", "status conference", 4, 10, 1),
    CRT("Plea hearing 5/1", "plea hearing", 5, 1, 1),
    CRT("Change of plea set for 5/1", "plea hearing", 5, 1, 1),
    CRT("Calendar call 5/30", "calendar call", 5, 30, 1),
    CRT("Docket call 5/30", "calendar call", 5, 30, 1),
    CRT("Bench trial 7/14", "trial", 7, 14, 1),
    CRT("Trial date: 6/2/2025", "trial", 6, 2, 1),
    CRT("Sentencing hearing 8/1", "sentencing", 8, 1, 1),
    CRT("Probation violation hearing 4/3", "probation violation hearing", 4, 3,
        1),
    CRT("VOP hearing 4/3", "probation violation hearing", 4, 3, 1),
    CRT("Bond hearing tomorrow", "bail hearing", -1, 0, 1),
    CRT("Hearing 4/10", "hearing", 4, 10, 1),
    CRT("Judge set trial for 6/2", "trial", 6, 2, 1),
    CRT("Trial continued from 5/5 to 6/2", "trial", 6, 2, 1),
    CRT("Trial moved to 6/2 (was 5/5)", "trial", 6, 2, 1),
    CRT("On 5/5 we have trial", "trial", 5, 5, 1),
    CRT("3/14 - Status conf., continued to 4/10", "status conference", 4, 10,
        1),
    CRT("### 3/14 \xe2\x80\x94 Arraignment", "arraignment", 3, 14, 1),
    CRT("2025-03-14: attended arraignment", "arraignment", 3, 14, 1),
    CRT("Next court date 4/10", "court date", 4, 10, 1),
    CRT("Readiness conference 5/20", "readiness conference", 5, 20, 1),
    CRT("Status conf 4/10; trial 6/2", "status conference", 4, 10, 2),
    CRT("Status conf 4/10; trial 6/2", "trial", 6, 2, 2),
    CRT("Trial 6/2, sentencing to follow 7/15", "sentencing", 7, 15, 2),
    CRT("JT 6/2", "trial", 6, 2, 1),
    CRT("ADA says offer open until 4/30; trial 5/5", "trial", 5, 5, 1),
    CRT("Competency hearing on 4/9", "competency hearing", 4, 9, 1),
    CRT("Client arraigned 3/14", "arraignment", 3, 14, 1),
    NONE("trial and error"),
    NONE("Client uses a hearing aid"),
    NONE("hearing aids 4/10"),
    NONE("Need to prep for trial"),
    NONE("Trial"),
    NONE("3/14 \xe2\x80\x94 Worked on trial prep"),
    NONE("3/14 called ADA re: trial"),
    NONE("trial court ruled 3/14"),
    NONE("Pretrial release conditions modified 3/14"),
    NONE("Sentencing guidelines range 3/14"),
    NONE("Hard of hearing, needs interpreter 4/1"),
    NONE("Haven't been hearing back since 3/1"),
    NONE("Free trial of Westlaw ends 4/1"),
    NONE("Speedy trial clock"),
    CRT("Trial and sentencing 5/5", "trial", 5, 5, 2),
    CRT("Trial and sentencing 5/5", "sentencing", 5, 5, 2),
    CRT("Trial & sentencing on 5/5", "trial", 5, 5, 2),
    CRT("Status conf, trial set 6/2", "trial", 6, 2, 1),
    NONE("trial-ready by 6/1"),
    NONE("motion for new trial filed 3/3"),
    CRT("Hearing re: bail set for Friday", "hearing", -1, 0, 1),
    CRT("Client's hearing is tomorrow at 9:00 AM", "hearing", -1, 0, 1),
    NONE("we're hearing 4/1 is likely"),
    NONE("Met client at jail 3/22, discussed trial vs plea"),
    NONE("3/22 - met client; talked about trial"),
    NONE("Trial prep meeting 5/1"),
    CRT("Court date moved to 5/5", "court date", 5, 5, 1),
    CRT("Arraignment 3/14 at 9 \xe2\x80\x94 pled not guilty", "arraignment", 3,
        14, 1),
    CRT("4/2 Preliminary hearing held, bound over", "preliminary hearing", 4,
        2, 1),
    CRT("Judge granted continuance, new trial date 7/7", "trial", 7, 7, 1),
    CRT("3/20 ADA said the State won't budge; trial is 5/5", "trial", 5, 5, 1),
    NONE("Mock trial 5/1"),
    PRP("trial brief drafted 4/1", "trial brief", DONE, 1),
    /* ---- deadlines ---- */
    DLN("motions due 4/1", "motion deadline", 4, 1, 1),
    DLN("motion deadline 4/1", "motion deadline", 4, 1, 1),
    DLN("discovery deadline 5/1", "discovery deadline", 5, 1, 1),
    DLN("file MIL by 5/20", "motion in limine deadline", 5, 20, 2),
    DLN("response due within 30 days", "response deadline", -1, 0, 1),
    DLN("notice of alibi due 4/15", "alibi notice deadline", 4, 15, 2),
    DLN("deadline to file motions: 4/1", "motion deadline", 4, 1, 1),
    DLN("Deadline: 4/1", "filing deadline", 4, 1, 1),
    DLN("Filing deadline 4/1", "filing deadline", 4, 1, 1),
    DLN("Pretrial motions due April 1", "motion deadline", 4, 1, 1),
    DLN("Motions in limine due 5/20", "motion in limine deadline", 5, 20, 2),
    DLN("Witness list due 5/15", "witness list deadline", 5, 15, 2),
    DLN("Expert disclosures due 5/1", "expert disclosure deadline", 5, 1, 2),
    DLN("Reply due 4/8", "response deadline", 4, 8, 1),
    DLN("Sentencing memo due 7/25", "sentencing memo deadline", 7, 25, 1),
    DLN("Must file by 4/1", "filing deadline", 4, 1, 1),
    DLN("Plea deadline 4/20", "plea deadline", 4, 20, 1),
    DLN("Motions due 4/1, trial 5/5", "motion deadline", 4, 1, 2),
    CRT("Motions due 4/1, trial 5/5", "trial", 5, 5, 2),
    DLN("Discovery cutoff 5/1", "discovery deadline", 5, 1, 1),
    DLN("Due date for responses 4/8", "filing deadline", 4, 8, 1),
    DLN("Deadline for the response is 4/8", "response deadline", 4, 8, 1),
    DLN("3/14 \xe2\x80\x94 Judge: motions due 4/1", "motion deadline", 4, 1, 1),
    DLN("Witness list and exhibit list due 5/15", "witness list deadline", 5,
        15, 3),
    DLN("Trial 6/2 9am; MIL due 5/20; witness list due 5/25",
        "witness list deadline", 5, 25, 5),
    DLN("Trial 6/2 9am; MIL due 5/20; witness list due 5/25",
        "motion in limine deadline", 5, 20, 5),
    DLN("Serve subpoenas no later than 5/15", "subpoena deadline", 5, 15, 2),
    DLN("File witness list by 5/1", "witness list deadline", 5, 1, 2),
    NONE("motions due"),
    NONE("3/14 motions due"),
    NONE("Offer deadline 4/30"),
    NONE("We met the deadline"),
    /* every court_words row and deadline form, alone on its line: a row
    ** whose word is missing from court.c's probes (court_keys, DL_DUE,
    ** DL_VERB) fails here */
    CRT("Preliminary exam 4/3", "preliminary hearing", 4, 3, 1),
    CRT("Probable cause hearing 4/3", "preliminary hearing", 4, 3, 1),
    CRT("Franks hearing 4/3", "motion hearing", 4, 3, 1),
    CRT("Evidentiary hearing 4/3", "evidentiary hearing", 4, 3, 1),
    CRT("Status check 4/3", "status conference", 4, 3, 1),
    CRT("COP hearing 4/3", "plea hearing", 4, 3, 1),
    CRT("Plea date 4/3", "plea hearing", 4, 3, 1),
    CRT("Detention hearing 4/3", "bail hearing", 4, 3, 1),
    CRT("Readiness conference 4/3", "readiness conference", 4, 3, 1),
    CRT("Settlement conference 4/3", "settlement conference", 4, 3, 1),
    CRT("Restitution hearing 4/3", "restitution hearing", 4, 3, 1),
    CRT("Competency hearing 4/3", "competency hearing", 4, 3, 1),
    CRT("Omnibus hearing 4/3", "omnibus hearing", 4, 3, 1),
    CRT("Arraigned 4/3", "arraignment", 4, 3, 1),
    CRT("JT 4/3", "trial", 4, 3, 1),
    CRT("Court appearance 4/3", "court date", 4, 3, 1),
    DLN("Briefs must be filed by 4/3", "brief deadline", 4, 3, 1),
    DLN("Response to be filed 4/3", "response deadline", 4, 3, 1),
    DLN("Motion cut-off 4/3", "motion deadline", 4, 3, 1),
    DLN("Submit jury instructions by 4/3", "jury instructions deadline", 4, 3,
        2),
    DLN("Get the exhibit list in by 4/3", "exhibit list deadline", 4, 3, 2),
    DLN("Send the brief by 4/3", "brief deadline", 4, 3, 1),
    DLN("Filing deadline 4/3", "filing deadline", 4, 3, 1),
    DLN("Deadline to file motions: 4/3", "motion deadline", 4, 3, 1),
    /* ---- strength ---- */
    STR("Client gave a full confession", "confession", 1),
    STR("ADA says there's a confession", "confession", 1),
    STR("Client confessed to detective", "confession", 1),
    STR("Surveillance video shows client", "video", 1),
    STR("Bodycam footage of the arrest", "video", 1),
    STR("dash cam captured it", "video", 1),
    STR("DNA on the knife matches client", "DNA", 1),
    STR("Fingerprints on the window", "fingerprints", 1),
    STR("Eyewitness ID from victim", "eyewitness ID", 1),
    STR("Two eyewitnesses", "eyewitness ID", 1),
    STR("Positive ID in photo array", "eyewitness ID", 1),
    STR("ADA thinks it's a strong case", "strong case", 1),
    /* "strong" and "jail" are strength words only beside "case", "calls" */
    STR("The State has recorded jail calls", "jail calls", 1),
    NONE("Client has strong ties to the community"),
    NONE("Met client at the jail; reviewed the offer"),
    STR("State is confident", "confident", 1),
    STR("ADA sounds confident", "confident", 1),
    STR("Evidence is overwhelming", "strong case", 1),
    STR("ADA calls it a slam dunk", "strong case", 1),
    STR("Lab report came back positive", "lab report", 1),
    STR("Co-defendant cooperating", "cooperating witness", 1),
    STR("Codefendant flipped", "cooperating witness", 1),
    STR("ADA sounds confident, has video and DNA", "video", 3),
    STR("ADA sounds confident, has video and DNA", "DNA", 3),
    STR("No DNA, no prints, but video shows client", "video", 1),
    STR("Client admitted to the theft", "admission", 1),
    STR("Caught on video", "video", 1),
    STR("Video and surveillance footage both", "video", 1),
    STR("ADA has no video, only the eyewitness", "eyewitness ID", 1),
    STR("ADA is confident in the video", "confident", 2),
    STR("Prosecutor says DNA is a match", "DNA", 1),
    STR("Discovery received 3/3 (bodycam, 911 call)", "video", 1),
    NONE("no video"),
    NONE("Video? ADA wasn't sure"),
    NONE("Bodycam doesn't show the stop"),
    NONE("No DNA"),
    NONE("DNA excluded client"),
    NONE("no confession"),
    NONE("video is inconclusive"),
    NONE("suppressed confession"),
    NONE("Confession (suppressed 3/3)"),
    NONE("State's case is weak; no eyewitness, no video"),
    NONE("eyewitness ID was suggestive"),
    STR("Strong case for the State", "strong case", 1),
    STR("ADA thinks they have an airtight case", "strong case", 1),
    STR("ADA: DNA ties client to scene", "DNA", 1),
    NONE("Confession was suppressed"),
    NONE("No video or DNA"),
    NONE("Without fingerprints"),
    NONE("Eyewitness recanted"),
    NONE("DNA came back negative"),
    NONE("Fingerprints don't match"),
    NONE("Video call with client"),
    NONE("Appeared via video"),
    NONE("Any video?"),
    NONE("We are confident"),
    NONE("I'm confident about suppression"),
    NONE("We have a strong case"),
    NONE("Strong case for suppression"),
    NONE("ADA not confident"),
    NONE("DNA results pending"),
    NONE("DNA lab backlog, results not back yet"),
    NONE("Talked about trial strategy"),
    NONE("Judge Ramos presiding; trial judge is strict"),
    STR("There is no confession, but ADA says eyewitness is solid",
        "eyewitness ID", 1),
    PRP("Hired DNA expert", "expert", DONE, 1),
    /* ---- prep ---- */
    PRP("Filed witness list, need exhibit list", "witness list", DONE, 2),
    PRP("Filed witness list, need exhibit list", "exhibit list", OPEN, 2),
    PRP("- [x] subpoena officer", "subpoena", DONE, 1),
    PRP("- [ ] subpoena officer", "subpoena", OPEN, 1),
    PRP("- [ ] witness list filed", "witness list", OPEN, 1),
    PRP("- [x] need expert", "expert", DONE, 1),
    PRP("Expert retained", "expert", DONE, 1),
    PRP("Retained expert, need to subpoena witnesses", "expert", DONE, 2),
    PRP("Retained expert, need to subpoena witnesses", "subpoena", OPEN, 2),
    PRP("Need to file MIL", "motion in limine", OPEN, 1),
    PRP("Motion in limine filed", "motion in limine", DONE, 1),
    PRP("Jury instructions drafted", "jury instructions", DONE, 1),
    PRP("Voir dire questions TODO", "voir dire", OPEN, 1),
    PRP("Trial brief", "trial brief", OPEN, 1),
    PRP("Investigator interviewing witnesses", "investigator", OPEN, 1),
    PRP("Motion to suppress filed 3/1", "motion to suppress", DONE, 1),
    PRP("Defense theory: misidentification", "defense theory", OPEN, 1),
    PRP("Witness list not filed", "witness list", OPEN, 1),
    PRP("Witness list not yet filed", "witness list", OPEN, 1),
    PRP("Sent subpoenas; expert pending", "subpoena", DONE, 2),
    PRP("Sent subpoenas; expert pending", "expert", OPEN, 2),
    PRP("Witness list filed, exhibit list pending", "witness list", DONE, 2),
    PRP("Witness list filed, exhibit list pending", "exhibit list", OPEN, 2),
    PRP("Witness list, exhibit list filed", "exhibit list", DONE, 2),
    PRP("Witness list, exhibit list filed", "witness list", DONE, 2),
    PRP("Subpoenaed the arresting officer", "subpoena", DONE, 1),
    PRP("Exhibit list done but witness list outstanding", "witness list",
        OPEN, 2),
    PRP("Subpoena officer, subpoena lab tech", "subpoena", OPEN, 1),
    PRP("Need to get exhibit list ready", "exhibit list", OPEN, 1),
    PRP("Expert: Dr. Lee retained 4/2", "expert", DONE, 1),
    PRP("Filed MTS 3/3", "motion to suppress", DONE, 1),
    PRP("Subpoenas issued for officers", "subpoena", DONE, 1),
    PRP("- [ ] Subpoena 911 records; exhibit list", "exhibit list", OPEN, 2),
    PRP("Expert report from DNA analyst received", "expert", DONE, 1),
    PRP("Witness list \xe2\x80\x94 filed", "witness list", DONE, 1),
    PRP("Will send subpoenas next week", "subpoena", OPEN, 1),
    PRP("Waiting on investigator to locate the witness", "investigator", OPEN, 1),
    NONE("Reviewed phone records with the investigator"),
    PRP("Voir dire questions \xe2\x9c\x93", "voir dire", DONE, 1),
    PRP("Sent ADA our MIL draft", "motion in limine", DONE, 1),
    NONE("Investigator found a witness 3/5"),
    PRP("Need to hire an investigator", "investigator", OPEN, 1),
    PRP("Served subpoena on Officer Lee 4/2", "subpoena", DONE, 1),
    NONE("## Witness list"),
    NONE("Client is a military veteran"),
    NONE("Fine of $2 mil"),
};

/* The index of the row's item among items, or -1. */
static long find_row_item(const court_row *r, const gavel_item *v, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (v[i].kind != r->kind) continue;
    if (r->kind == K_E && v[i].event != r->event) continue;
    const char *got = r->kind == K_H && r->event == 1 ? v[i].id : v[i].what;
    if (strcmp(got, r->what) == 0) return (long)i;
  }
  return -1;
}

/* How many items court.c makes are among items. */
static int court_items(const gavel_item *v, size_t n) {
  int c = 0;
  for (size_t i = 0; i < n; i++)
    if (v[i].kind == K_H || v[i].kind == K_M ||
        (v[i].kind == K_E && (v[i].event == GAVEL_EV_COURT_DATE ||
                              v[i].event == GAVEL_EV_DEADLINE ||
                              v[i].event == GAVEL_EV_STRENGTH ||
                              v[i].event == GAVEL_EV_PREP)))
      c++;
  return c;
}

static void check_row(const court_row *r) {
  const gavel_item *v;
  size_t n = t_read(r->line, &v);
  t_case = r->line;
  INT_EQ(court_items(v, n), r->count, "court items on the line");
  if (!r->kind) return;
  long i = find_row_item(r, v, n);
  OK(i >= 0, r->what);
  if (i < 0) return;
  const gavel_item *it = &v[i];
  INT_EQ(it->flags & (GAVEL_F_DONE | GAVEL_F_OPEN | GAVEL_F_SNOOZE), r->flags,
         "flags");
  if (r->kind == K_E) {
    INT_EQ(it->party, r->event == GAVEL_EV_STRENGTH ? GAVEL_PARTY_PROSECUTION
                      : r->event == GAVEL_EV_PREP   ? GAVEL_PARTY_DEFENSE
                                                    : GAVEL_PARTY_COURT,
           "party");
  }
  if (r->month == 0) {
    INT_EQ(it->date_ref, -1, "no date_ref");
    return;
  }
  OK(it->date_ref >= 0 && (size_t)it->date_ref < n &&
         v[it->date_ref].kind == GAVEL_KIND_DATE,
     "date_ref points at a DATE");
  if (it->date_ref < 0 || (size_t)it->date_ref >= n || r->month < 0) return;
  INT_EQ(v[it->date_ref].spec.month, r->month, "date month");
  INT_EQ(v[it->date_ref].spec.day, r->day, "date day");
}

/* Spans, and the marker region being left alone. */
static void check_spans(void) {
  const gavel_item *v;
  size_t n = t_read("Trial 5/5 <!-- gavel: ack trial-approaching -->", &v);
  t_case = "marker next to a court date";
  const gavel_item *m = t_find(v, n, K_M, GAVEL_EV_NONE);
  OK(m != NULL, "marker found");
  if (m) {
    STR_EQ(m->what, "trial-approaching", "marker code");
    INT_EQ(m->col, 26, "marker col");
    INT_EQ(m->end_col, 43, "marker end_col");
  }
  OK(t_find(v, n, K_E, GAVEL_EV_COURT_DATE) != NULL, "trial still found");
  n = t_read("# State v. Doe", &v);
  t_case = "header span";
  m = t_find(v, n, K_H, GAVEL_EV_NONE);
  OK(m && m->col == 2 && m->end_col == 14, "header spans the name");
}

/* Lines that must not break anything. */
static void check_awkward(void) {
  static const char *const lines[] = {
      "", "v.", "State v.", "gavel:", "gavel: snooze", "Case No.",
      "\xff\xfe trial \xc3 5/5", "deadline deadline deadline due due",
      "hearing hearing hearing hearing hearing hearing hearing hearing "
      "hearing hearing hearing hearing hearing hearing hearing hearing "
      "hearing hearing hearing hearing hearing hearing hearing hearing "
      "hearing hearing hearing 4/1"};
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    const gavel_item *v;
    size_t n = t_read(lines[i], &v);
    t_case = lines[i];
    OK(n < 64, "bounded item count");
  }
}

/* Phrases a user adds to the strength, prep, done and open classes. */
static void check_user_vocab(void) {
  static const struct {
    const char *line;
    gavel_event event;
    const char *what;
    uint32_t flags;
  } vrows[] = {
      {"Ballistics match confirmed", GAVEL_EV_STRENGTH, "Ballistics match", 0},
      {"No ballistics match", GAVEL_EV_NONE, NULL, 0},
      {"Mock cross  squared away", GAVEL_EV_PREP, "Mock cross", DONE},
      {"Mock cross backlog", GAVEL_EV_PREP, "Mock cross", OPEN},
      {"Witness list backlog", GAVEL_EV_PREP, "witness list", OPEN},
  };
  gavel_options o;
  t_reader rd;
  gavel_options_init(&o);
  o.vocab = "strength: ballistics match\nprep: mock cross\n"
            "done: squared away\nopen: backlog\n";
  t_case = "user vocabulary";
  if (t_reader_open(&rd, &o) != 0) return;
  for (size_t i = 0; i < sizeof vrows / sizeof vrows[0]; i++) {
    const gavel_item *v, *it = NULL;
    t_case = vrows[i].line;
    size_t n = t_reader_read(&rd, vrows[i].line, strlen(vrows[i].line), &v);
    for (size_t k = 0; k < n; k++)
      if (v[k].kind == K_E && (v[k].event == GAVEL_EV_STRENGTH ||
                               v[k].event == GAVEL_EV_PREP))
        it = &v[k];
    if (vrows[i].event == GAVEL_EV_NONE) {
      OK(it == NULL, "no strength or prep");
      continue;
    }
    OK(it != NULL, "found");
    if (!it) continue;
    INT_EQ(it->event, vrows[i].event, "event");
    STR_EQ(it->what, vrows[i].what, "what");
    INT_EQ(it->flags & (DONE | OPEN), vrows[i].flags, "flags");
  }
  t_reader_close(&rd);
}

/* A vocabulary whose first words fill the gate's trie (65,535 nodes):
** the phrases past that still open their scanners (always), and the
** built-in words still work. */
static void check_huge_vocab(void) {
  static const char *const classes[] = {
      "strength", "done",      "open",      "custody",     "probation", "fine",
      "restitution", "diversion", "request", "unanswered", "client_contact", "prep"};
  size_t per = 640, nc = sizeof classes / sizeof classes[0];
  size_t cap = nc * (per * 20 + 32) + 64, o = 0, x = 13;
  char *v = malloc(cap);
  gavel_options opts;
  t_reader rd;
  if (!v) return;
  for (size_t c = 0; c < nc; c++) { /* 15 random letters a phrase */
    o += (size_t)snprintf(v + o, cap - o, "%s: ", classes[c]);
    for (size_t i = 0; i < per; i++) {
      char w[16];
      for (int k = 0; k < 15; k++) {
        x = x * 1103515245u + 12345u;
        w[k] = (char)('a' + (x >> 16) % 26);
      }
      w[15] = 0;
      o += (size_t)snprintf(v + o, cap - o, "%s%s", i ? ", " : "", w);
    }
    o += (size_t)snprintf(v + o, cap - o, "%s\n", c + 1 == nc ? ", mock cross" : "");
  }
  gavel_options_init(&opts);
  opts.vocab = v;
  t_case = "a vocabulary past the gate's nodes";
  if (t_reader_open(&rd, &opts) == 0) {
    static const char *const lines[] = {"Mock cross squared away", "Witness list filed"};
    static const char *const what[] = {"Mock cross", "witness list"};
    for (int i = 0; i < 2; i++) {
      const gavel_item *it;
      size_t k, got = t_reader_read(&rd, lines[i], strlen(lines[i]), &it);
      for (k = 0; k < got && !(it[k].kind == K_E && it[k].event == GAVEL_EV_PREP); k++) {}
      OK(k < got, "prep found");
      if (k < got) STR_EQ(it[k].what, what[i], "prep what");
    }
    t_reader_close(&rd);
  }
  free(v);
  t_case = NULL;
}

void suite_court(void) {
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    check_row(&rows[i]);
  check_spans();
  check_awkward();
  check_user_vocab();
  check_huge_vocab();
  t_case = NULL;
}
