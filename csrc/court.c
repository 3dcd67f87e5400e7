/*
** court.c: the case header, ack/snooze markers, court dates, deadlines,
** strength-of-case signals and trial preparation.  Runs last on a line, so
** the DATE items of dates.c are already in ln->out.
**
** Rules (the help file quotes these)
**   Header   A case name at the start of a line's text, optionally after
**            "Re:", "In re:", "Subject:", "Case:", "Matter:", "Caption:" or Markdown
**            emphasis: "State v. Doe", "People v. Smith", "Commonwealth v.
**            Jones", "United States v. Garcia", "U.S. v. Garcia", "State of
**            Ohio v. Doe".  The defendant's name is the capitalised words
**            after "v."/"vs.".  HEADER item, what = the name as written.
**            A case number anywhere: "Case No. 24-CR-0118", "Case
**            #24-CR-0118", "Docket No.", "Cause No.", "Indictment No.",
**            "File No.", "Case 24-CR-0118".  It must hold a digit.  A
**            second HEADER item, id = the number.
**   Marker   "gavel: ack CODE[, CODE...]" or "gavel: snooze CODE... until
**            DATE", usually inside "<!-- -->".  One MARKER per known code
**            (what = gavel_code_name, or "all"); unknown names give none.
**            "until"/"for" makes it a snooze (GAVEL_F_SNOOZE) ending on the
**            DATE after it (date_ref); a snooze whose date gavel cannot read
**            gives no marker at all rather than silencing forever.
**            Court, deadline, strength and prep words inside a marker are
**            not read.
**   Court    A court-event word (arraignment, preliminary hearing, motion
**            hearing, pretrial conference, status conference, plea hearing,
**            calendar call, trial, sentencing, probation violation hearing,
**            hearing...) gives EVENT court_date, party court, what = the
**            canonical name.  date_ref is the first date after the word
**            (up to the next court or deadline phrase or the end of the
**            sentence; "from D1 to D2" takes D2), else the nearest date
**            before it in the sentence when it is a setting or only a few
**            words and no comma stand between ("On 5/5 we have trial";
**            not "met client 3/22, discussed trial"), else the line's
**            entry date when the word opens the entry ("3/14 - Arraignment,
**            pled NG").  Entry dates and offer expiries never count as
**            settings.  No date on the line: no event.  "trial and error",
**            "hearing aid", "trial court", "pretrial release", "sentencing
**            guidelines", "trial-ready", "motion for new trial" and the
**            like are not court events.  "Trial and sentencing 5/5": both
**            take the date that follows.
**   Deadline "motions due D", "motion deadline D", "deadline to file
**            motions: D", "file MIL by D", "response due within 30 days".
**            EVENT deadline, party court, what = "motion deadline",
**            "discovery deadline", "filing deadline"...  date_ref as for
**            court dates, but never the entry date; no date, no deadline.
**   Strength What the prosecution leans on (vocabulary class strength):
**            EVENT strength, party prosecution, what = "confession",
**            "video", "DNA", "fingerprints", "eyewitness ID", "strong case",
**            "confident"...; one per name per line.  Skipped when negated
**            or undermined in its clause (the text between , ; : ! ? a
**            sentence's period and dashes): "no video", "without DNA", "DNA
**            excluded client", "video is inconclusive", "suppressed
**            confession", "confession (suppressed 3/3)", a question
**            ("video?").  "confident" needs a prosecution word before it in
**            the clause ("State is confident"); "strong case" and the like
**            are skipped when only the defense says it ("we have a strong
**            case").  "video call/visit/hearing" is a contact, not evidence.
**   Prep     Trial preparation (vocabulary class prep): EVENT prep, party
**            defense, what = "witness list", "subpoena", "expert", "motion
**            in limine"...; one per name per line; none on headings.
**            GAVEL_F_DONE or GAVEL_F_OPEN: a checkbox decides ("[x]" done,
**            "[ ]" open); else, within the item's clause (split at ; . ! ?
**            and "but"), an open word before the item ("need to subpoena")
**            wins, otherwise the nearest status word: done words (filed,
**            served, sent, retained...) give done, open words (todo,
**            pending, need...) and negated done words ("not filed") give
**            open.  No status word: open.
**
** Caveats: a line is read on its own, so a court word without a date on
** its line is not an event even when its section heading has one.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A word list looked up by first letter: `first[l]` has a bit for each
** entry starting with 'a' + l (lists of lower-case words, 64 at most). */
typedef struct word_index {
  const char *const *list;
  uint64_t first[26];
} word_index;

struct gv_court_pats {
  /* the negations and conjunctions looked up for every word near a
  ** strength or prep word (is_neg, is_conj) */
  word_index neg_before, neg_after, conj;
  pcre2_code *name;     /* case name, anchored at the text's start */
  pcre2_code *number;   /* case number */
  pcre2_code *marker;   /* "gavel: ack|snooze" */
  pcre2_code *court;    /* court-event words, one group per court_words row */
  pcre2_code *court_key; /* court_keys: none on the line, no court word */
  pcre2_code *deadline; /* deadline phrases; groups 1-3 hold a subject */
  pcre2_code *deadline_key; /* deadline_keys: none, no deadline phrase */
  pcre2_code *subject;  /* classifies a deadline subject, anchored */
  pcre2_code *strength; /* class strength */
  pcre2_code *prep;     /* class prep */
  pcre2_code *done;     /* class done */
  pcre2_code *open;     /* class open */
  pcre2_code *pros;     /* class prosecution */
  pcre2_code *defense;  /* class defense */
};

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */

typedef struct word_row {
  const char *rx;   /* regex fragment, no capturing groups */
  const char *what; /* canonical name */
} word_row;

/* Court events.  Where two rows can match at the same place, the longer
** one comes first ("trial readiness conference" before "trial"). */
static const word_row court_words[] = {
    {"probation\\s+violation\\s+hearing|(?:VOP|PV|VOSP|revocation)\\s+hearing",
     "probation violation hearing"},
    {"preliminary\\s+(?:hearing|exam(?:ination)?)|prelim(?:inary)?"
     "|probable\\s+cause\\s+hearing",
     "preliminary hearing"},
    {"(?:motions?|suppression|MTS|Franks|Wade|Huntley|Mapp)\\s+hearing"
     "|hearing\\s+on\\s+(?:the\\s+|our\\s+)?(?:motions?|MTS)"
     "(?:\\s+to\\s+(?:suppress|dismiss))?",
     "motion hearing"},
    {"evidentiary\\s+hearing", "evidentiary hearing"},
    {"(?:final\\s+)?pre-?trial(?:\\s+(?:conference|conf\\.?|hearing))?|PTC",
     "pretrial conference"},
    {"status\\s+(?:conference|conf\\.?|hearing|date|check)", "status conference"},
    {"(?:change\\s+of\\s+plea|COP|plea)\\s+hearing|change\\s+of\\s+plea"
     "|plea\\s+(?:date|setting)",
     "plea hearing"},
    {"(?:calendar|docket)\\s+call", "calendar call"},
    {"(?:bail|bond|detention)\\s+hearing", "bail hearing"},
    {"(?:trial\\s+)?readiness\\s+(?:conference|conf\\.?|hearing)",
     "readiness conference"},
    {"settlement\\s+conference", "settlement conference"},
    {"restitution\\s+hearing", "restitution hearing"},
    {"competency\\s+hearing", "competency hearing"},
    {"omnibus\\s+hearing", "omnibus hearing"},
    {"sentencing(?:\\s+hearing)?", "sentencing"},
    {"arraign(?:ment|ed)", "arraignment"},
    {"(?:jury|bench)\\s+trial|trial\\s+(?:date|setting)|(?-i:JT)|trial", "trial"},
    {"court\\s+(?:date|appearance)|next\\s+court", "court date"},
    {"hearing", "hearing"},
};
#define N_COURT (sizeof court_words / sizeof court_words[0])

/* A word, at a word's start, that every match of every court_words row
** holds ("hearing" of "bail hearing", "plea" of "change of plea").  The
** court-event pattern, with its many rows and the lookbehinds tried at
** every word, costs several times this alternation's, so a line is
** probed with these first: where none is, no row can match.  A new row
** needs its word here (the tests read every line without shortcuts too:
** a missing word fails them). */
static const char court_keys[] =
    "(?:hearing|trial|pre-?trial|PTC|prelim|status|plea|calendar|docket"
    "|readiness|settlement|sentencing|arraign|JT|court)";

/* Words right before a court word that make it something else. */
static const char court_not_before[] =
    "(?<!free\\s|mock\\s|clinical\\s|speedy\\s|hard\\sof\\s|for\\snew\\s|\\bare\\s"
    "|\\bwere\\s|\\bbeen\\s|\\bkeep\\s|'re\\s|\xe2\x80\x99re\\s)";

/* Words right after a court word that make it something else. */
static const char court_not_after[] =
    "(?!-[A-Za-z])(?!\\s*(?:and\\s+error|aids?|impaired|loss|officer|examiner|balloon"
    "|run|period|version|court|judge|counsel|attorney|lawyer|prep\\w*"
    "|brief|strateg\\w*|team|notebook|binder|exhibits?|subpoenas?|tax"
    "|penalty|release|services|detention|diversion|intervention"
    "|supervision|motions?|memo\\w*|witness\\w*|transcripts?|outline"
    "|work|skills|experience|guidelines|range|exposure|letters?"
    "|mitigation|position|chart|grid|enhancements?|commission|reform"
    "|from|back|that|anything|nothing|rumou?rs|tactics|lawyers?"
    "|deadline|due|cut-?off)(?![A-Za-z0-9_]))";

/* What a deadline is for.  Matched anchored on the subject text. */
static const word_row deadline_subjects[] = {
    {"motions?\\s+in\\s+limine|(?-i:MILs?)", "motion in limine deadline"},
    {"sentencing\\s+(?:memo(?:randum)?|letters?|submissions?)",
     "sentencing memo deadline"},
    {"expert\\s+(?:disclosures?|notices?|reports?|designations?)"
     "|notice\\s+of\\s+experts?",
     "expert disclosure deadline"},
    {"(?:notice\\s+of\\s+)?alibi(?:\\s+notice)?", "alibi notice deadline"},
    {"(?:pre-?trial\\s+|omnibus\\s+|dispositive\\s+|defense\\s+)?motions?"
     "(?:\\s+to\\s+(?:suppress|dismiss|compel))?|MTS|suppression\\s+motions?",
     "motion deadline"},
    {"(?:reciprocal\\s+)?discovery|Brady\\s+(?:material|disclosures?)"
     "|disclosures?",
     "discovery deadline"},
    {"witness\\s+lists?", "witness list deadline"},
    {"exhibit\\s+lists?", "exhibit list deadline"},
    {"(?:proposed\\s+)?jury\\s+instructions", "jury instructions deadline"},
    {"(?:trial\\s+)?briefs?|memo(?:randum|randa)?", "brief deadline"},
    {"responses?|repl(?:y|ies)|oppositions?|answer", "response deadline"},
    {"(?:notice\\s+of\\s+)?appeal", "appeal deadline"},
    {"plea(?:\\s+cut-?off)?", "plea deadline"},
    {"speedy\\s+trial", "speedy trial deadline"},
    {"objections?", "objection deadline"},
    {"(?:trial\\s+)?subpoenas?", "subpoena deadline"},
    {"filings?|papers", "filing deadline"},
};
#define N_SUBJ (sizeof deadline_subjects / sizeof deadline_subjects[0])

/* Canonical names of the built-in strength and prep words: the first row
** whose needle (lower case) occurs in the matched text wins.  A user's
** own phrase matches no row and is named as written. */
typedef struct canon_row {
  const char *needle;
  const char *what;
} canon_row;

static const canon_row strength_canon[] = {
    {"confess", "confession"},       {"admi", "admission"},
    {"strong case", "strong case"},  {"overwhelming", "strong case"},
    {"slam dunk", "strong case"},    {"airtight", "strong case"},
    {"open and shut", "strong case"}, {"confident", "confident"},
    {"surveillance", "video"},       {"video", "video"},
    {"body", "video"},               {"dash", "video"},
    {"footage", "video"},            {"cctv", "video"},
    {"dna", "DNA"},                  {"print", "fingerprints"},
    {"eyewitness", "eyewitness ID"}, {"positive id", "eyewitness ID"},
    {"identified", "eyewitness ID"}, {"id'd", "eyewitness ID"},
    {"picked", "eyewitness ID"},     {"lineup", "eyewitness ID"},
    {"photo array", "eyewitness ID"}, {"co-def", "cooperating witness"},
    {"codef", "cooperating witness"}, {"cooperating", "cooperating witness"},
    {"lab", "lab report"},           {"tox", "lab report"},
    {"field", "lab report"},         {"gps", "GPS data"},
    {"jail call", "jail calls"},
    {"bac", "BAC"},                  {"breath", "BAC"},
    {"blood", "BAC"},                {NULL, NULL}};

static const canon_row prep_canon[] = {
    {"witness list", "witness list"},   {"exhibit list", "exhibit list"},
    {"subpoena", "subpoena"},           {"limine", "motion in limine"},
    {"jury instruction", "jury instructions"},
    {"voir dire", "voir dire"},         {"questionnaire", "jury questionnaire"},
    {"trial brief", "trial brief"},     {"investigator", "investigator"},
    {"suppress", "motion to suppress"}, {"compel", "motion to compel"},
    {"dismiss", "motion to dismiss"},   {"theory", "defense theory"},
    {"opening", "opening statement"},   {"closing", "closing argument"},
    {"cross outl", "cross outline"},        {"expert", "expert"},
    {"alibi", "alibi notice"},          {"brady", "Brady motion"},
    {"interview", "witness interviews"}, {"binder", "trial binder"},
    {"notebook", "trial binder"},       {"demonstrative", "demonstratives"},
    {"mil", "motion in limine"},        {"mts", "motion to suppress"},
    {NULL, NULL}};

/* Strength words undone by a word before them in their clause. */
static const char *const neg_before[] = {
    "no", "not", "without", "never", "lack", "lacks", "lacking", "absent",
    "absence", "zero", "neither", "nor", "suppressed", "excluded", "lost",
    "missing", "inadmissible", "unusable", "weak", "weaker", "less",
    "little", "any", "awaiting", "pending", "if", "whether", "nothing",
    "none", "minus", "tossed", NULL};

/* Strength words undone by a word after them in their clause. */
static const char *const neg_after[] = {
    "not", "never", "no", "inconclusive", "negative", "excluded", "excludes",
    "excluding", "suppressed", "inadmissible", "unusable", "useless",
    "blurry", "grainy", "corrupted", "lost", "missing", "destroyed",
    "deleted", "recanted", "recants", "retracted", "contaminated",
    "unreliable", "pending", "thrown", "tossed", "weak", "mismatch", "none",
    "nothing", "fails", "failed", "unable", "suggestive", "problematic",
    "questionable", "awaited", "coming", "backlog", "backlogged", "delayed",
    NULL};

/* Words that end a clause as punctuation does. */
static const char *const conj_words[] = {"but", "however", "although",
                                         "though", "except", NULL};

/* Indexes list by first letter; -1 when an entry does not start with a
** lower-case letter or the list is longer than 64. */
static int index_build(word_index *ix, const char *const *list) {
  memset(ix, 0, sizeof *ix);
  ix->list = list;
  for (int k = 0; list[k]; k++) {
    unsigned l = (unsigned char)list[k][0] - 'a';
    if (k >= 64 || l >= 26) return -1;
    ix->first[l] |= (uint64_t)1 << k;
  }
  return 0;
}

/* in_list by the index: the entries with w's first letter only. */
static int index_has(const word_index *ix, const char *w) {
  unsigned l = (unsigned char)w[0] - 'a';
  if (l >= 26) return 0;
  for (uint64_t m = ix->first[l]; m; m &= m - 1)
    if (strcmp(w, ix->list[gv_lowest_bit64(m)]) == 0) return 1;
  return 0;
}

/* Words allowed between an entry date and a court word for the line to
** read as "this happened on the entry date". */
static const char *const entry_fillers[] = {
    "at", "attended", "appeared", "appearance", "had", "held", "in", "court",
    "went", "to", "covered", "for", "the", "today", "am", "pm", "a", "m",
    "p", "morning", "afternoon", "this", "virtual", "zoom", "remote", "via",
    "client's", "our", "cl", "client", NULL};

/* ------------------------------------------------------------------ */
/* Building patterns                                                   */
/* ------------------------------------------------------------------ */

/* Appends the rows of a table as an alternation; with `groups`, each row
** is its own capturing group (group i+1 = row i). */
static void sb_rows(gv_sbuf *b, const word_row *rows, size_t n, int groups) {
  gv_sb_add(b, "(?:");
  for (size_t i = 0; i < n; i++) {
    if (i) gv_sb_add(b, "|");
    gv_sb_add(b, groups ? "(" : "(?:");
    gv_sb_add(b, rows[i].rx);
    gv_sb_add(b, ")");
  }
  gv_sb_add(b, ")");
}

#define WB_L "(?<![A-Za-z0-9_])"
#define WB_R "(?![A-Za-z0-9_])"

/* Compiles the text in b (then empties it) into *out. */
static int sb_compile(gavel_engine *e, gv_sbuf *b, const char *name,
                      uint32_t flags, int twin, pcre2_code **out, char *err,
                      size_t errlen) {
  if (b->bad) {
    gv_fmt(err, errlen, "out of memory");
    return -1;
  }
  *out = gv_compile(e, name, b->s, flags, twin, err, errlen);
  b->n = 0;
  if (b->s) b->s[0] = 0;
  return *out ? 0 : -1;
}

/* A class's alternation between word boundaries. */
static int vocab_pattern(gavel_engine *e, gv_sbuf *b, const char *name,
                         gv_vclass c, const char *before, const char *after,
                         int twin, pcre2_code **out, char *err, size_t errlen) {
  gv_sb_add(b, WB_L);
  gv_sb_add(b, before);
  gv_sb_add(b, e->alt[c]);
  gv_sb_add(b, WB_R);
  gv_sb_add(b, after);
  return sb_compile(e, b, name, PCRE2_CASELESS, twin, out, err, errlen);
}

/* Capitalised name words (case matters); stop words end the name. */
#define NAME_STOP                                                          \
  "(?!(?:Case|No|Nos|Docket|Cause|Indictment|Notes?|File|Plea|"            \
  "Negotiations?|Timeline|Log|Summary|Trial|Prep)(?![A-Za-z]))"
#define NAME_WORD "[A-Z](?:[A-Za-z'.-]|\xe2\x80\x99)*"
#define PLACE "(?-i:[A-Z][a-z]+(?:\\s+[A-Z][a-z]+){0,2})"

static const char name_rx[] =
    "\\G(?:\\*\\*|__|[*_])?"
    "(?:(?:in\\s+re|re|subject|case|matter|caption|in\\s+the\\s+matter\\s+of)"
    "\\s*:?\\s+)?(?:\\*\\*|__|[*_])?"
    "((?:the\\s+)?(?:people(?:\\s+of\\s+the\\s+state\\s+of\\s+" PLACE ")?"
    "|state(?:\\s+of\\s+" PLACE ")?"
    "|commonwealth(?:\\s+of\\s+" PLACE ")?"
    "|united\\s+states(?:\\s+of\\s+america)?|u\\.\\s?s\\.(?:a\\.)?|usa"
    "|government(?:\\s+of\\s+" PLACE ")?"
    "|(?:city|county|village|town|territory)\\s+of\\s+" PLACE ")"
    "\\s+vs?\\.?\\s+"
    "(?-i:" NAME_STOP NAME_WORD
    "(?:\\s+(?:(?:de|del|de\\s+la|la|le|van|von|der|da|di|du)\\s+)?"
    NAME_STOP NAME_WORD "){0,3}))";

static const char number_rx[] =
    WB_L "(?:(?:(?:criminal|crim\\.)\\s+)?"
    "(?:case|docket|dkt\\.?|cause|indictment|ind\\.|file|information"
    "|complaint|citation)\\s*(?:no\\.?|nos\\.?|number|num\\.?|\\#)\\s*:?"
    "|(?:case|docket)\\s*\\#?(?=\\s*[0-9]{1,4}-(?-i:[A-Z]{1,4})-[0-9]))"
    "\\s*\\#?\\s*([A-Za-z0-9][A-Za-z0-9:./_-]*)";

static const char marker_rx[] =
    WB_L "gavel\\s*:\\s*(ack|snooze)" WB_R;

#define DL_DUE                                                              \
  "(?:due|deadline|cut-?off|must\\s+be\\s+(?:filed|served)|to\\s+be\\s+filed)"
#define DL_VERB "(?:file|serve|submit|send|get)"

int gv_court_compile(gavel_engine *e, char *err, size_t errlen) {
  struct gv_court_pats *p = calloc(1, sizeof *p);
  gv_sbuf b = {0};
  int rc = -1;
  if (!p) {
    gv_fmt(err, errlen, "out of memory");
    return -1;
  }
  e->court = p;
  const uint32_t CI = PCRE2_CASELESS;
  if (index_build(&p->neg_before, neg_before) != 0 ||
      index_build(&p->neg_after, neg_after) != 0 || index_build(&p->conj, conj_words) != 0) {
    gv_fmt(err, errlen, "a court word list is not indexable");
    goto out;
  }

  gv_sb_add(&b, name_rx);
  if (sb_compile(e, &b, "case_name", CI, GV_PLAIN, &p->name, err, errlen)) goto out;
  gv_sb_add(&b, number_rx);
  if (sb_compile(e, &b, "case_number", CI, GV_TWIN, &p->number, err, errlen)) goto out;
  gv_sb_add(&b, marker_rx);
  if (sb_compile(e, &b, "marker", CI, GV_PLAIN, &p->marker, err, errlen)) goto out;

  gv_sb_add(&b, WB_L "(?<!-)");
  gv_sb_add(&b, court_not_before);
  sb_rows(&b, court_words, N_COURT, 1);
  gv_sb_add(&b, WB_R);
  gv_sb_add(&b, court_not_after);
  if (sb_compile(e, &b, "court_event", CI, GV_TWIN, &p->court, err, errlen)) goto out;

  /* 1: "SUBJ due|deadline"  2: "deadline to file [SUBJ]"
  ** 3: "file SUBJ by"       else: "file by", "deadline", "due date".
  ** Each holds, at a word's start, DL_DUE (1, "deadline" of 2 and the
  ** last, "due date", "cut-off date"), DL_VERB (3, "file by") or
  ** "filing": deadline_key looks for those first, for less. */
  {
    gv_sbuf s = {0};
    sb_rows(&s, deadline_subjects, N_SUBJ, 0);
    if (s.bad) {
      free(s.s);
      gv_fmt(err, errlen, "out of memory");
      goto out;
    }
    gv_sb_add(&b, WB_L "(?:(");
    gv_sb_add(&b, s.s);
    gv_sb_add(&b, ")(?:\\s*(?:,|and|&)\\s*(?:the\\s+)?");
    gv_sb_add(&b, s.s);
    gv_sb_add(&b, ")*\\s+(?:(?:is|are|was|were|now|all)\\s+)?" DL_DUE
               "|(?<!offer\\s)(?<!plea\\s)deadline\\s*(?:is\\s+)?(?:to|for)\\s+"
               "(?:(?:fil(?:e|ing)|serv(?:e|ing)|submit(?:ting)?)\\s+)?"
               "(?:(?:the|our|any|all|a)\\s+)?(");
    gv_sb_add(&b, s.s);
    gv_sb_add(&b, ")?|" DL_VERB "\\s+"
               "(?:(?:the|our|a|any|all|proposed)\\s+)?(");
    gv_sb_add(&b, s.s);
    gv_sb_add(&b, ")\\s+(?:(?:in|out)\\s+)?(?:by|before|no\\s+later\\s+than"
               "|NLT|on\\s+or\\s+before|within)"
               "|(?:file|filing|serve)\\s+(?:by|before|no\\s+later\\s+than"
               "|NLT|within)"
               "|(?<!offer\\s)(?<!plea\\s)(?:filing\\s+)?deadline"
               "|due\\s+date|cut-?off\\s+date)" WB_R);
    free(s.s);
  }
  if (sb_compile(e, &b, "deadline", CI, GV_TWIN, &p->deadline, err, errlen)) goto out;
  gv_sb_add(&b, WB_L "(?:" DL_DUE "|" DL_VERB "|filing)");
  if (sb_compile(e, &b, "deadline_key", CI, GV_TWIN, &p->deadline_key, err, errlen))
    goto out;
  gv_sb_add(&b, WB_L);
  gv_sb_add(&b, court_keys);
  if (sb_compile(e, &b, "court_key", CI, GV_TWIN, &p->court_key, err, errlen)) goto out;
  sb_rows(&b, deadline_subjects, N_SUBJ, 1);
  gv_sb_add(&b, WB_R);
  if (sb_compile(e, &b, "deadline_subject", CI | PCRE2_ANCHORED, GV_PLAIN, &p->subject,
                 err, errlen))
    goto out;

  if (vocab_pattern(e, &b, "strength", GV_V_STRENGTH,
                    "(?<!via\\s|zoom\\s|over\\s)", "(?!\\s*(?:call|visit|conference|conf"
                    "|chat|hearing|appearance|link|arraignment|meeting|mtg"
                    "|VTC|expert|analyst)(?![A-Za-z]))",
                    GV_TWIN, &p->strength, err, errlen))
    goto out;
  if (vocab_pattern(e, &b, "prep", GV_V_PREP, "", "", GV_TWIN, &p->prep, err, errlen) ||
      vocab_pattern(e, &b, "done", GV_V_DONE, "", "", GV_PLAIN, &p->done, err, errlen) ||
      vocab_pattern(e, &b, "open", GV_V_OPEN, "", "", GV_PLAIN, &p->open, err, errlen) ||
      vocab_pattern(e, &b, "prosecution", GV_V_PROSECUTION, "", "", GV_PLAIN, &p->pros, err,
                    errlen) ||
      vocab_pattern(e, &b, "defense", GV_V_DEFENSE, "", "", GV_PLAIN, &p->defense, err,
                    errlen))
    goto out;
  rc = 0;
out:
  free(b.s);
  return rc;
}

void gv_court_free(gavel_engine *e) {
  struct gv_court_pats *p = e->court;
  if (!p) return;
  pcre2_code *all[] = {p->name,     p->number,  p->marker,   p->court,
                       p->court_key, p->deadline, p->deadline_key,
                       p->subject,  p->strength, p->prep,   p->done,
                       p->open,     p->pros,    p->defense};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    pcre2_code_free(all[i]);
  free(p);
  e->court = NULL;
}

/* ------------------------------------------------------------------ */
/* Small text helpers                                                  */
/* ------------------------------------------------------------------ */

static int lc(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int is_alpha(int c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }

/* 1 when the lower-case needle occurs in s[0..n), ignoring case. */
static int ci_contains(const char *s, size_t n, const char *needle) {
  size_t k = strlen(needle);
  for (size_t i = 0; i + k <= n; i++) {
    size_t j = 0;
    while (j < k && lc((unsigned char)s[i + j]) == needle[j]) j++;
    if (j == k) return 1;
  }
  return 0;
}

/* 1 when w is a word of list.  Words are looked up many times a line (every
** word of a clause, against lists of 30 or 50): the first letters are
** compared before any call. */
static int in_list(const char *w, const char *const *list) {
  for (; *list; list++)
    if (**list == *w && strcmp(w, *list) == 0) return 1;
  return 0;
}

/* A negating word: a listed one, or one ending in "n't" (isn't, doesn't). */
static int is_neg(const char *w, const word_index *list) {
  size_t n = strlen(w);
  return index_has(list, w) ||
         (n > 3 && w[n - 3] == 'n' && w[n - 2] == '\'' && w[n - 1] == 't') ||
         (*w == 'c' && strcmp(w, "cannot") == 0);
}

/* Abbreviations whose period does not end a sentence. */
static const char *const abbrevs[] = {
    "dr", "mr", "mrs", "ms", "st", "no", "ex", "v", "vs", "jr", "sr", "det",
    "ofc", "sgt", "lt", "atty", "hon", "conf", "prelim", "approx", "misd",
    "def", "pros", "cl", "e", "g", "i", "fri", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "sat", "sun", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", NULL};

/* 1 when the period at i ends a sentence: a blank or the end follows and
** the word before it is no abbreviation ("Dr. Lee", "Mar. 4"). */
static int sentence_stop(const char *s, size_t len, size_t i) {
  char w[8];
  size_t a = i, k = 0;
  if (i + 1 < len && s[i + 1] != ' ' && s[i + 1] != '\t') return 0;
  while (a > 0 && i - a < 7 && is_alpha((unsigned char)s[a - 1])) a--;
  if (a > 0 && is_alpha((unsigned char)s[a - 1])) return 1; /* a long word */
  for (size_t j = a; j < i; j++) w[k++] = (char)lc((unsigned char)s[j]);
  w[k] = 0;
  return !in_list(w, abbrevs);
}

/* Where a clause ends: punctuation, an en or em dash, " - "; commas and
** colons only when `commas`. */
static int is_mark(const char *s, size_t len, size_t i, int commas) {
  unsigned char c = (unsigned char)s[i];
  if (c == '.') return sentence_stop(s, len, i);
  if (c == ';' || c == '!' || c == '?' || c == '|') return 1;
  if (!commas) return 0;
  if (c == ',' || c == ':') return 1;
  if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
      ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
    return 1;
  return c == '-' && i > 0 && i + 1 < len && s[i - 1] == ' ' && s[i + 1] == ' ';
}

/* How far a clause is searched for, each way: keeps the work per match
** bounded whatever the line's length. */
#define CLAUSE_REACH 200

/* The bytes that may be a mark (is_mark): 1 always, 2 with commas.  The
** clause walks look each byte up here and ask is_mark of these alone. */
static const unsigned char mark_byte[256] = {
    ['.'] = 1, [';'] = 1, ['!'] = 1, ['?'] = 1, ['|'] = 1,
    [','] = 2, [':'] = 2, ['-'] = 2, [0xE2] = 2};

static size_t clause_start(const gv_line *ln, size_t at, int commas) {
  const unsigned char *u = (const unsigned char *)ln->s;
  unsigned may = commas ? 3u : 1u;
  size_t lo = at > CLAUSE_REACH ? at - CLAUSE_REACH : 0, i = at;
  while (i > lo && !((mark_byte[u[i - 1]] & may) && is_mark(ln->s, ln->len, i - 1, commas)))
    i--;
  return i;
}

static size_t clause_end(const gv_line *ln, size_t at, int commas) {
  const unsigned char *u = (const unsigned char *)ln->s;
  unsigned may = commas ? 3u : 1u;
  size_t hi = at + CLAUSE_REACH < ln->len ? at + CLAUSE_REACH : ln->len, i = at;
  while (i < hi && !((mark_byte[u[i]] & may) && is_mark(ln->s, ln->len, i, commas))) i++;
  return i;
}

/* Reads the next word of s[*i..end) into w (lower case, "'" for U+2019,
** at most cap-1 bytes kept).  Returns 1, or 0 when no word is left. */
static int next_word(const char *s, size_t end, size_t *i, char *w,
                     size_t cap) {
  size_t k = 0, p = *i;
  while (p < end && !is_alpha((unsigned char)s[p])) p++;
  if (p >= end) {
    *i = p;
    return 0;
  }
  while (p < end) {
    unsigned char c = (unsigned char)s[p];
    char out;
    if (is_alpha(c) || c == '\'') {
      out = (char)lc(c);
      p++;
    } else if (c == 0xE2 && p + 2 < end && (unsigned char)s[p + 1] == 0x80 &&
               (unsigned char)s[p + 2] == 0x99) {
      out = '\'';
      p += 3;
    } else {
      break;
    }
    if (k + 1 < cap) w[k++] = out;
  }
  w[k] = 0;
  *i = p;
  return 1;
}

#define WORD_CAP 24

static int is_conj(const struct gv_court_pats *p, const char *w) {
  return index_has(&p->conj, w);
}

/* 1 when one of the last `max` words of s[lo..at) (after any "but") is a
** negating word of `list`. */
static int neg_in_last_words(const struct gv_court_pats *p, const gv_line *ln,
                             size_t lo, size_t at, int max, const word_index *list) {
  char ring[4][WORD_CAP], w[WORD_CAP];
  int n = 0;
  size_t i = lo;
  if (max > 4) max = 4;
  while (next_word(ln->s, at, &i, w, sizeof w)) {
    if (is_conj(p, w)) {
      n = 0;
      continue;
    }
    memcpy(ring[n % 4], w, sizeof w);
    n++;
  }
  for (int k = 0; k < max && k < n; k++)
    if (is_neg(ring[(n - 1 - k) % 4], list)) return 1;
  return 0;
}

/* Copies the first `max` words of s[at..hi) (up to a "but") into words;
** returns how many. */
static int first_words(const struct gv_court_pats *p, const gv_line *ln, size_t at,
                       size_t hi, char words[][WORD_CAP], int max) {
  size_t i = at;
  int n = 0;
  while (n < max && next_word(ln->s, hi, &i, words[n], WORD_CAP)) {
    if (is_conj(p, words[n])) break;
    n++;
  }
  return n;
}

/* Copies s[a..b) into dst with runs of blanks as one space. */
static void copy_squeezed(char *dst, size_t cap, const char *s, size_t a,
                          size_t b) {
  size_t k = 0;
  for (size_t i = a; i < b && k + 1 < cap; i++) {
    char c = s[i] == '\t' ? ' ' : s[i];
    if (c == ' ' && k > 0 && dst[k - 1] == ' ') continue;
    dst[k++] = c;
  }
  dst[k] = 0;
  /* never end inside a UTF-8 sequence */
  if (k > 0 && (unsigned char)dst[k - 1] >= 0x80) {
    size_t j = k;
    while (j > 0 && ((unsigned char)dst[j - 1] & 0xC0) == 0x80) j--;
    if (j > 0 && (unsigned char)dst[j - 1] >= 0xC0) {
      unsigned char lead = (unsigned char)dst[j - 1];
      size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
      if (k - (j - 1) < need) dst[j - 1] = 0;
    }
  }
}

static const char *canon(const char *s, size_t n, const canon_row *rows) {
  uint32_t letters = 0; /* the letters s holds, lower case */
  uint64_t pairs[(26 * 26 + 63) / 64] = {0}; /* its pairs of letters */
  int prev = -1;
  for (size_t i = 0; i < n; i++) {
    int c = lc((unsigned char)s[i]);
    if (c >= 'a' && c <= 'z') {
      letters |= 1u << (c - 'a');
      if (prev >= 0) {
        unsigned k = (unsigned)(prev * 26 + c - 'a');
        pairs[k / 64] |= 1ull << (k % 64);
      }
      prev = c - 'a';
    } else {
      prev = -1;
    }
  }
  for (; rows->needle; rows++) {
    int c = (unsigned char)rows->needle[0], d = (unsigned char)rows->needle[1];
    /* a needle cannot occur where its first letters do not */
    if (c >= 'a' && c <= 'z' && !(letters & (1u << (c - 'a')))) continue;
    if (c >= 'a' && c <= 'z' && d >= 'a' && d <= 'z') {
      unsigned k = (unsigned)((c - 'a') * 26 + d - 'a');
      if (!(pairs[k / 64] & (1ull << (k % 64)))) continue;
    }
    if (ci_contains(s, n, rows->needle)) return rows->what;
  }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Spans that no later part of the scan reads (markers)                */
/* ------------------------------------------------------------------ */

#define MAX_MASK 8

typedef struct mask {
  size_t s[MAX_MASK], e[MAX_MASK];
  int n;
} mask;

static int masked(const mask *m, size_t at) {
  for (int i = 0; i < m->n; i++)
    if (at >= m->s[i] && at < m->e[i]) return 1;
  return 0;
}

/* ------------------------------------------------------------------ */
/* Header                                                              */
/* ------------------------------------------------------------------ */

static int scan_header(const gavel_engine *e, gv_line *ln) {
  const struct gv_court_pats *p = e->court;
  long so, eo;
  /* a case name has its " v. ", a number its label (the gate saw which) */
  if ((ln->gate & GV_GATE_CASEV) &&
      gv_match(e, p->name, ln->s, ln->len, ln->body, ln->md, &ln->at) > 0) {
    gv_group(ln->md, 1, &so, &eo);
    /* drop a sentence's closing period, but keep "Jr." and initials */
    if (eo > so && ln->s[eo - 1] == '.') {
      long w = eo - 1;
      while (w > so && is_alpha((unsigned char)ln->s[w - 1])) w--;
      if (eo - 1 - w > 2 && !(eo - 1 - w == 2 && ln->s[w] == 'J')) eo--;
    }
    gavel_item *it = gv_items_push(ln->out, GAVEL_KIND_HEADER, (size_t)so,
                                   (size_t)eo);
    if (!it) return -1;
    copy_squeezed(it->what, sizeof it->what, ln->s, (size_t)so, (size_t)eo);
  }
  size_t at = ln->body;
  while ((ln->gate & GV_GATE_HEADER) &&
         gv_match(e, p->number, ln->s, ln->len, at, ln->md, &ln->at) > 0) {
    long ms, me;
    gv_group(ln->md, 0, &ms, &me);
    gv_group(ln->md, 1, &so, &eo);
    at = (size_t)(me > ms ? me : ms + 1);
    while (eo > so && strchr(".:-/_", ln->s[eo - 1])) eo--;
    int digit = 0;
    for (long i = so; i < eo; i++) digit |= is_digit((unsigned char)ln->s[i]);
    if (!digit || eo - so < 3) continue;
    gavel_item *it = gv_items_push(ln->out, GAVEL_KIND_HEADER, (size_t)so,
                                   (size_t)eo);
    if (!it) return -1;
    gv_copy(it->id, sizeof it->id, ln->s + so, (size_t)(eo - so));
    break;
  }
  return 0;
}

/* ------------------------------------------------------------------ */
/* Markers                                                             */
/* ------------------------------------------------------------------ */

typedef struct code_tok {
  size_t s, e;
  const char *name; /* gavel_code_name or "all" */
} code_tok;

/* Reads the codes after "gavel: ack|snooze" at `at`; appends MARKER items
** and records the marker's span in m.  Returns 0 or -1 (memory). */
static int read_marker(gv_line *ln, size_t n0, size_t at, size_t ms,
                       int snooze, mask *m) {
  code_tok codes[GAVEL_W_COUNT + 1];
  int nc = 0, until = 0, date_ref = -1;
  size_t i = at, end = at;
  const char *s = ln->s;
  for (;;) {
    while (i < ln->len && (s[i] == ' ' || s[i] == '\t' || s[i] == ','))
      i++;
    size_t ts = i;
    while (i < ln->len &&
           (is_alpha((unsigned char)s[i]) || is_digit((unsigned char)s[i]) ||
            (s[i] == '-' && !(i + 2 < ln->len && s[i + 1] == '-' &&
                              s[i + 2] == '>'))))
      i++;
    if (i == ts) break;
    char w[32];
    size_t k = 0;
    for (size_t j = ts; j < i && k + 1 < sizeof w; j++)
      w[k++] = (char)lc((unsigned char)s[j]);
    w[k] = 0;
    end = i;
    if (strcmp(w, "until") == 0 || strcmp(w, "till") == 0 ||
        strcmp(w, "for") == 0) {
      until = 1;
      break;
    }
    int code = gavel_code_from_name(w, k);
    const char *name = code >= 0 ? gavel_code_name((gavel_code)code)
                       : strcmp(w, "all") == 0 ? "all" : NULL;
    if (name && nc < GAVEL_W_COUNT + 1) {
      codes[nc].s = ts;
      codes[nc].e = i;
      codes[nc].name = name;
      nc++;
    }
  }
  if (until) {
    const gavel_item *v = ln->out->v;
    for (size_t d = 0; d < n0; d++)
      if (v[d].kind == GAVEL_KIND_DATE && v[d].col >= end &&
          v[d].col <= end + 8) {
        date_ref = (int)d;
        end = v[d].end_col;
        break;
      }
  }
  /* the marker reaches to its "-->" when there is one */
  for (size_t j = end; j + 2 < ln->len && j < end + 64; j++)
    if (s[j] == '-' && s[j + 1] == '-' && s[j + 2] == '>') {
      end = j + 3;
      break;
    }
  if (m->n < MAX_MASK) {
    m->s[m->n] = ms;
    m->e[m->n] = end;
    m->n++;
  }
  if (until && date_ref < 0) return 0; /* unreadable date: no silence */
  for (int c = 0; c < nc; c++) {
    gavel_item *it = gv_items_push(ln->out, GAVEL_KIND_MARKER, codes[c].s,
                                   codes[c].e);
    if (!it) return -1;
    gv_copy(it->what, sizeof it->what, codes[c].name, strlen(codes[c].name));
    if (snooze || until) it->flags |= GAVEL_F_SNOOZE;
    it->date_ref = (int16_t)date_ref;
  }
  return 0;
}

static int scan_markers(const gavel_engine *e, gv_line *ln, size_t n0,
                        mask *m) {
  size_t at = 0;
  while (gv_match(e, e->court->marker, ln->s, ln->len, at, ln->md, &ln->at) > 0) {
    long ms, me, vs, ve;
    gv_group(ln->md, 0, &ms, &me);
    gv_group(ln->md, 1, &vs, &ve);
    int snooze = lc((unsigned char)ln->s[vs]) == 's';
    if (read_marker(ln, n0, (size_t)me, (size_t)ms, snooze, m) != 0)
      return -1;
    at = (size_t)me;
  }
  return 0;
}

/* ------------------------------------------------------------------ */
/* Court dates and deadlines                                           */
/* ------------------------------------------------------------------ */

#define MAX_PHRASES 24

typedef struct phrase {
  size_t s, e;
  uint8_t event;    /* GAVEL_EV_COURT_DATE or GAVEL_EV_DEADLINE */
  const char *what;
} phrase;

/* A date that can be a setting: not the entry date, not an offer's expiry. */
static int setting_date(const gavel_item *it) {
  return it->kind == GAVEL_KIND_DATE &&
         !(it->flags & (GAVEL_F_ENTRY | GAVEL_F_EXPIRY));
}

/* 1 when the word right before `at` is "from" ("from 5/5 to 6/2"). */
static int after_from(const gv_line *ln, size_t at) {
  size_t i = at;
  while (i > 0 && (ln->s[i - 1] == ' ' || ln->s[i - 1] == '\t')) i--;
  return i >= 4 && ci_contains(ln->s + i - 4, 4, "from") &&
         (i == 4 || !is_alpha((unsigned char)ln->s[i - 5]));
}

/* 1 when s[a..b) holds only words that let a line read "on the entry
** date, this happened": "3/14 - Arraignment", "3/14 9am: attended trial". */
static int entry_prefix(const gv_line *ln, size_t a, size_t b) {
  char w[WORD_CAP];
  size_t i = a;
  while (next_word(ln->s, b, &i, w, sizeof w))
    if (!in_list(w, entry_fillers)) return 0;
  return 1;
}

/* 1 when a date ending at `a` reads as the setting of a phrase starting
** at `b`: nothing but a few words between, no comma ("On 5/5 we have
** trial", not "met client 3/22, discussed trial"). */
static int close_before(const gv_line *ln, size_t a, size_t b) {
  char w[WORD_CAP];
  size_t i = a;
  int n = 0;
  if (memchr(ln->s + a, ',', b - a)) return 0;
  while (next_word(ln->s, b, &i, w, sizeof w)) n++;
  return n <= 3;
}

/* 1 when s[a..b) joins two phrases with "and", "&", "/" or "+" (a comma
** alone does not: "status conf, trial set 6/2"). */
static int only_and(const gv_line *ln, size_t a, size_t b) {
  char w[WORD_CAP];
  size_t i = a;
  int joins = 0;
  for (size_t j = a; j < b; j++) {
    if (strchr("&/+", ln->s[j])) joins++;
    else if (!strchr(" \t,", ln->s[j]) && !is_alpha((unsigned char)ln->s[j]))
      return 0;
  }
  while (next_word(ln->s, b, &i, w, sizeof w))
    if (strcmp(w, "and") != 0 || ++joins > 1) return 0;
  return joins == 1;
}

/* The DATE item (index < n0) phrase k refers to, or -1.  Dates after the
** phrase are looked for up to the next phrase or the clause's end. */
static int pick_date(const gv_line *ln, size_t n0, const phrase *ph, int np,
                     int k) {
  const gavel_item *v = ln->out->v;
  size_t lo = clause_start(ln, ph[k].s, 0), hi = clause_end(ln, ph[k].e, 0);
  int first = -1, best = -1, before = -1;
  size_t e = ph[k].e;
  int j = k;
  if (k > 0 && ph[k - 1].e > lo) lo = ph[k - 1].e;
  /* "trial and sentencing 5/5": both are set for the date that follows */
  while (j + 1 < np && ph[j + 1].event == ph[k].event &&
         only_and(ln, ph[j].e, ph[j + 1].s))
    e = ph[++j].e;
  if (j + 1 < np && ph[j + 1].s < hi) hi = ph[j + 1].s;
  for (size_t i = 0; i < n0; i++) {
    if (!setting_date(&v[i])) continue;
    if (v[i].col >= e && v[i].col < hi) {
      if (first < 0) first = (int)i;
      if (best < 0 && !after_from(ln, v[i].col)) best = (int)i;
    } else if (v[i].col >= lo && v[i].end_col <= ph[k].s &&
               ((v[i].flags & GAVEL_F_SETTING) ||
                close_before(ln, v[i].end_col, ph[k].s))) {
      if (before < 0 || v[i].col > v[before].col) before = (int)i;
    }
  }
  if (best >= 0) return best;
  if (first >= 0) return first;
  if (before >= 0) return before;
  if (ph[k].event != GAVEL_EV_COURT_DATE) return -1;
  for (size_t i = 0; i < n0; i++)
    if (v[i].kind == GAVEL_KIND_DATE && (v[i].flags & GAVEL_F_ENTRY) &&
        v[i].end_col <= ph[k].s && entry_prefix(ln, v[i].end_col, ph[k].s))
      return (int)i;
  return -1;
}

/* 1 when some match of re lies within s[lo..hi). */
static int has_match(const gavel_engine *e, const pcre2_code *re,
                     gv_line *ln, size_t lo, size_t hi) {
  return hi > lo && gv_match(e, re, ln->s, hi, lo, ln->md, &ln->at) > 0;
}

/* Collects court words into ph; returns the new count. */
static int find_court(const gavel_engine *e, gv_line *ln, const mask *m,
                      phrase *ph, int np) {
  size_t at = ln->body;
  if (e->shortcuts && !has_match(e, e->court->court_key, ln, at, ln->len))
    return np;
  while (np < MAX_PHRASES &&
         gv_match(e, e->court->court, ln->s, ln->len, at, ln->md, &ln->at) > 0) {
    long ms, me, gs, ge;
    gv_group(ln->md, 0, &ms, &me);
    at = (size_t)me;
    if (masked(m, (size_t)ms)) continue;
    for (size_t r = 0; r < N_COURT; r++) {
      gv_group(ln->md, (int)r + 1, &gs, &ge);
      if (gs < 0) continue;
      ph[np].s = (size_t)ms;
      ph[np].e = (size_t)me;
      ph[np].event = GAVEL_EV_COURT_DATE;
      ph[np].what = court_words[r].what;
      np++;
      break;
    }
  }
  return np;
}

/* Collects deadline phrases into ph; returns the new count. */
static int find_deadlines(const gavel_engine *e, gv_line *ln, const mask *m,
                          phrase *ph, int np) {
  const struct gv_court_pats *p = e->court;
  size_t at = ln->body;
  if (e->shortcuts && !has_match(e, p->deadline_key, ln, at, ln->len))
    return np;
  while (np < MAX_PHRASES &&
         gv_match(e, p->deadline, ln->s, ln->len, at, ln->md, &ln->at) > 0) {
    long ms, me, ss = -1, se = -1;
    gv_group(ln->md, 0, &ms, &me);
    for (int g = 1; g <= 3 && ss < 0; g++) gv_group(ln->md, g, &ss, &se);
    at = (size_t)me;
    if (masked(m, (size_t)ms)) continue;
    const char *what = "filing deadline";
    if (ss >= 0 &&
        gv_match(e, p->subject, ln->s, (size_t)se, (size_t)ss, ln->md, &ln->at) > 0) {
      for (size_t r = 0; r < N_SUBJ; r++) {
        long gs, ge;
        gv_group(ln->md, (int)r + 1, &gs, &ge);
        if (gs >= 0) {
          what = deadline_subjects[r].what;
          break;
        }
      }
    }
    ph[np].s = (size_t)ms;
    ph[np].e = (size_t)me;
    ph[np].event = GAVEL_EV_DEADLINE;
    ph[np].what = what;
    np++;
  }
  return np;
}

static int phrase_cmp(const void *a, const void *b) {
  const phrase *x = a, *y = b;
  if (x->s != y->s) return x->s < y->s ? -1 : 1;
  return x->event == y->event ? 0 : x->event == GAVEL_EV_DEADLINE ? -1 : 1;
}

/* 1 when some DATE item (index < n0) can be the date of a court date or a
** deadline (pick_date): a setting date, or the entry date. */
static int date_to_pick(const gv_line *ln, size_t n0) {
  const gavel_item *v = ln->out->v;
  for (size_t i = 0; i < n0; i++)
    if (setting_date(&v[i]) ||
        (v[i].kind == GAVEL_KIND_DATE && (v[i].flags & GAVEL_F_ENTRY)))
      return 1;
  return 0;
}

static int scan_court(const gavel_engine *e, gv_line *ln, size_t n0,
                      const mask *m) {
  phrase ph[MAX_PHRASES];
  /* no date to take, no event: the phrases need not be looked for */
  if (e->shortcuts && !date_to_pick(ln, n0)) return 0;
  int np = find_deadlines(e, ln, m, ph, 0);
  int nd = np;
  np = find_court(e, ln, m, ph, np);
  /* a court word inside a deadline phrase ("plea deadline") is not one */
  int w = nd;
  for (int i = nd; i < np; i++) {
    int inside = 0;
    for (int j = 0; j < nd; j++)
      if (ph[i].s < ph[j].e && ph[j].s < ph[i].e) inside = 1;
    if (!inside) ph[w++] = ph[i];
  }
  np = w;
  qsort(ph, (size_t)np, sizeof ph[0], phrase_cmp);
  for (int k = 0; k < np; k++) {
    int d = pick_date(ln, n0, ph, np, k);
    if (d < 0) continue;
    gavel_item *it = gv_items_push(ln->out, GAVEL_KIND_EVENT, ph[k].s, ph[k].e);
    if (!it) return -1;
    it->event = ph[k].event;
    it->party = GAVEL_PARTY_COURT;
    it->date_ref = (int16_t)d;
    gv_copy(it->what, sizeof it->what, ph[k].what, strlen(ph[k].what));
  }
  return 0;
}

/* ------------------------------------------------------------------ */
/* Strength and prep                                                   */
/* ------------------------------------------------------------------ */

#define MAX_NAMES 16

/* The names already given an event on this line (one event per name). */
typedef struct seen {
  const char *v[MAX_NAMES];
  char own[MAX_NAMES][48];
  int n;
} seen;

static int seen_has(const seen *sn, const char *what) {
  for (int i = 0; i < sn->n; i++)
    if (strcmp(sn->v[i], what) == 0) return 1;
  return 0;
}

/* Returns 1 when `what` was new (and records it), 0 when already seen or
** the list is full. */
static int seen_add(seen *sn, const char *what) {
  if (seen_has(sn, what) || sn->n == MAX_NAMES) return 0;
  gv_copy(sn->own[sn->n], sizeof sn->own[0], what, strlen(what));
  sn->v[sn->n] = sn->own[sn->n];
  sn->n++;
  return 1;
}

/* The event's name: the canonical one, or the matched text as written. */
static void name_of(const gv_line *ln, size_t ms, size_t me,
                    const canon_row *rows, char *out, size_t cap) {
  const char *c = canon(ln->s + ms, me - ms, rows);
  if (c) gv_copy(out, cap, c, strlen(c));
  else copy_squeezed(out, cap, ln->s, ms, me);
}

/* "strong case for suppression": the defense's strong case. */
static int for_defense(char w[][WORD_CAP], int n) {
  static const char *const ours[] = {"suppression", "dismissal", "us",
                                     "defense",     "defence",   "acquittal",
                                     "self",        "our",       "client",
                                     NULL};
  if (n < 2 || strcmp(w[0], "for") != 0) return 0;
  if (in_list(w[1], ours)) return 1;
  return n >= 3 && strcmp(w[1], "the") == 0 && in_list(w[2], ours);
}

/* 1 when the strength word at [ms, me) counts. */
static int strength_counts(const gavel_engine *e, gv_line *ln, size_t ms,
                           size_t me, const char *what) {
  const struct gv_court_pats *p = e->court;
  size_t cl = clause_start(ln, ms, 1), cr = clause_end(ln, me, 1);
  char after[4][WORD_CAP];
  int na = first_words(p, ln, me, cr, after, 4);
  if (cr < ln->len && ln->s[cr] == '?') return 0;
  if (neg_in_last_words(p, ln, cl, ms, 3, &p->neg_before)) return 0;
  for (int i = 0; i < na; i++)
    if (is_neg(after[i], &p->neg_after)) return 0;
  if (strcmp(what, "confident") == 0)
    return has_match(e, p->pros, ln, cl, ms);
  if (strcmp(what, "strong case") == 0) {
    if (for_defense(after, na)) return 0;
    if (has_match(e, p->defense, ln, cl, ms) && !has_match(e, p->pros, ln, cl, ms))
      return 0;
  }
  return 1;
}

#define MAX_STATUS 32

typedef struct status {
  size_t s[MAX_STATUS], e[MAX_STATUS];
  uint8_t done[MAX_STATUS];
  int n; /* -1 until found: the first prep word without a checkbox asks */
} status;

/* Collects done and open words (in line order within each class). */
static void find_status(const gavel_engine *e, gv_line *ln, status *st) {
  const pcre2_code *res[2] = {e->court->done, e->court->open};
  st->n = 0;
  for (int c = 0; c < 2; c++) {
    size_t at = ln->body;
    while (st->n < MAX_STATUS &&
           gv_match(e, res[c], ln->s, ln->len, at, ln->md, &ln->at) > 0) {
      long ms, me;
      gv_group(ln->md, 0, &ms, &me);
      at = (size_t)(me > ms ? me : ms + 1);
      if (me <= ms) continue;
      int done = c == 0;
      /* "not filed", "hasn't been served": still to do */
      if (done && neg_in_last_words(e->court, ln, clause_start(ln, (size_t)ms, 0),
                                    (size_t)ms, 2, &e->court->neg_before))
        done = 0;
      st->s[st->n] = (size_t)ms;
      st->e[st->n] = (size_t)me;
      st->done[st->n] = (uint8_t)done;
      st->n++;
    }
  }
}

/* GAVEL_F_DONE or GAVEL_F_OPEN for the prep item at [ms, me). */
static uint32_t prep_status(const gavel_engine *e, gv_line *ln, status *st,
                            size_t ms, size_t me) {
  if (ln->checkbox == 1) return GAVEL_F_DONE;
  if (ln->checkbox == 0) return GAVEL_F_OPEN;
  if (st->n < 0) find_status(e, ln, st);
  size_t cl = clause_start(ln, ms, 0), cr = clause_end(ln, me, 0);
  int before = -1, after = -1;
  for (int i = 0; i < st->n; i++) {
    if (st->e[i] <= ms && st->s[i] >= cl &&
        (before < 0 || st->e[i] > st->e[before]))
      before = i;
    if (st->s[i] >= me && st->e[i] <= cr &&
        (after < 0 || st->s[i] < st->s[after]))
      after = i;
  }
  int pick = before;
  if (before < 0 || (st->done[before] && after >= 0 &&
                     st->s[after] - me < ms - st->e[before]))
    pick = after;
  if (pick >= 0) return st->done[pick] ? GAVEL_F_DONE : GAVEL_F_OPEN;
  /* "subpoenaed the officer" says it was done */
  if (me - ms > 2 && lc((unsigned char)ln->s[me - 2]) == 'e' &&
      lc((unsigned char)ln->s[me - 1]) == 'd')
    return GAVEL_F_DONE;
  return GAVEL_F_OPEN;
}

/* Says whether a vocabulary match at [ms, me) named `what` is an event:
** returns the flags to give it, or SKIP. */
#define SKIP 0xFFFFFFFFu
typedef uint32_t (*judge_fn)(const gavel_engine *e, gv_line *ln,
                             status *st, size_t ms, size_t me,
                             const char *what);

static uint32_t judge_strength(const gavel_engine *e, gv_line *ln,
                               status *st, size_t ms, size_t me,
                               const char *what) {
  (void)st;
  return strength_counts(e, ln, ms, me, what) ? 0 : SKIP;
}

static uint32_t judge_prep(const gavel_engine *e, gv_line *ln,
                           status *st, size_t ms, size_t me,
                           const char *what) {
  (void)what;
  return prep_status(e, ln, st, ms, me);
}

/* One event per distinct name among the matches of re on the line. */
static int scan_class(const gavel_engine *e, gv_line *ln, const mask *m,
                      const pcre2_code *re, unsigned bit, const canon_row *rows,
                      gavel_event event, gavel_party party, judge_fn judge,
                      status *st) {
  seen sn;
  sn.n = 0; /* v and own are read below n only */
  size_t at = ln->body, last = gv_gate_last_bit(&ln->at, bit);
  /* every match holds a word of the gate's `bit`: none starts after the last */
  while (gv_match_upto(e, re, ln->s, ln->len, at, last, ln->md, &ln->at) > 0) {
    long ms, me;
    char what[48];
    gv_group(ln->md, 0, &ms, &me);
    at = (size_t)(me > ms ? me : ms + 1);
    if (me <= ms || masked(m, (size_t)ms)) continue;
    name_of(ln, (size_t)ms, (size_t)me, rows, what, sizeof what);
    if (seen_has(&sn, what)) continue; /* the name has its event: no judging */
    uint32_t flags = judge(e, ln, st, (size_t)ms, (size_t)me, what);
    if (flags == SKIP || !seen_add(&sn, what)) continue;
    gavel_item *it = gv_items_push(ln->out, GAVEL_KIND_EVENT, (size_t)ms,
                                   (size_t)me);
    if (!it) return -1;
    it->event = (uint8_t)event;
    it->party = (uint8_t)party;
    it->flags |= flags;
    memcpy(it->what, what, sizeof what);
  }
  return 0;
}

static int scan_strength(const gavel_engine *e, gv_line *ln, const mask *m) {
  return scan_class(e, ln, m, e->court->strength, GV_GATE_STRENGTH, strength_canon,
                    GAVEL_EV_STRENGTH, GAVEL_PARTY_PROSECUTION, judge_strength,
                    NULL);
}

static int scan_prep(const gavel_engine *e, gv_line *ln, const mask *m) {
  status st;
  st.n = -1;
  if (ln->heading) return 0;
  return scan_class(e, ln, m, e->court->prep, GV_GATE_PREP, prep_canon, GAVEL_EV_PREP,
                    GAVEL_PARTY_DEFENSE, judge_prep, &st);
}

/* ------------------------------------------------------------------ */

int gv_court_scan(const gavel_engine *e, gv_line *ln) {
  size_t n0 = ln->out->n; /* the items of earlier scanners: dates live here */
  mask m;
  m.n = 0;
  if (!e->court) return 0;
  if (((ln->gate & (GV_GATE_HEADER | GV_GATE_CASEV)) && scan_header(e, ln) != 0) ||
      ((ln->gate & GV_GATE_MARKER) && scan_markers(e, ln, n0, &m) != 0) ||
      ((ln->gate & GV_GATE_COURT) && scan_court(e, ln, n0, &m) != 0) ||
      ((ln->gate & GV_GATE_STRENGTH) && scan_strength(e, ln, &m) != 0) ||
      ((ln->gate & GV_GATE_PREP) && scan_prep(e, ln, &m) != 0))
    return -1;
  return 0;
}
