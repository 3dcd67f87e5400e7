/*
** events.c: negotiation events and contacts on one line.
**
** What each event needs (words come from the vocabulary classes named in
** brackets; patterns below only arrange them):
**   offer       [prosecution] subject before an [offer]/[counter]/[final]
**               verb or noun ("ADA offered", "State's offer", "DA came back
**               with"); "[offer] from/by [prosecution]"; an offer noun with
**               terms ("Offer: 18 mo", "offer is 12 mo"); a [final] phrase
**               ("best and final"); a [same] phrase ("won't budge", "same
**               offer").  Party prosecution; court when a [court] subject
**               offers or says ([response]) terms ("judge indicated 6 mo").
**   counteroffer  a [counter] verb or noun ("we countered", "Counter:"),
**               party defense (a [prosecution] subject makes it an offer).
**   reject, accept  a subject before a [reject]/[accept] verb: the party of
**               the subject ("client rejected" -> client, "ADA accepted our
**               counter" -> prosecution, "we rejected" -> defense).  Passive
**               "offer rejected (by X)" is X, else client; "counter
**               rejected" is the prosecution.  A bare verb opening the line
**               ("Rejected.") is the client.
**   withdraw    a [withdraw] phrase in a clause that names an offer, counter,
**               plea or deal ("ADA withdrew the offer", "offer is off the
**               table", "no further offers").  Party of its subject, else
**               prosecution.
**   attempt     an [attempt] verb followed (within 30 bytes, no client or
**               court word between) by a [prosecution] word; or
**               "[prosecution]: [attempt]"; or an [attempt] verb opening
**               the line body (after list marker, quote marks and an entry
**               date) with no client or court word after it in its clause;
**               or a [request] phrase on a line that names the prosecution
**               or that it opens.  Party defense.
**   response    [prosecution] subject before a [response] or [attempt] verb
**               ("ADA replied", "DA called back"), "[response] [prosecution]"
**               ("met with ADA", "per ADA"), or she/he/they + [response]
**               after a [prosecution] word on the line.  Party prosecution.
**   client_contact  a [client_contact] phrase, "[attempt]/[response]
**               [client]" ("called client") or "[client] [attempt]/
**               [response]" ("client called").  Party client.
** Never an event: a verb or noun within two words after a negation or a
** condition ("no offer yet", "if the State offers"); an offer or counter
** noun that is the object of another verb or of a preposition ("rejected
** the State's offer", "re: counter").  A [same] phrase is never negated.
**
** Flags (looked for anywhere on the line): offers get GAVEL_F_FINAL from
** [final] and GAVEL_F_SAME_TERMS from [same]; attempts and counteroffers
** get GAVEL_F_REQUEST from [request]; attempts get GAVEL_F_UNANSWERED from
** [unanswered].  An [unanswered] phrase on a line with no attempt and no
** prosecution event becomes an attempt with GAVEL_F_UNANSWERED |
** GAVEL_F_NO_REPLY ("still nothing from ADA").
**
** who: the party as written with a following capitalised name ("ADA
** Natarajan"): the subject for offers, rejects, accepts, withdrawals,
** counters and responses; the prosecutor addressed for attempts and
** no-reply notes (the first prosecution word on the line when the pattern
** did not name one); the client word for client contacts.
**
** Several events on one line (the multiple-events rule): where two
** candidate phrases overlap, the stronger event keeps the text: withdraw,
** reject, accept, offer, counteroffer, client_contact, attempt, response.
** Then at most one event per (event, party) is kept per line, the leftmost,
** with the flags of the others merged in.  A response is dropped when the
** same line carries a prosecution offer, reject, accept or withdraw: the
** answer is reported as what it says.  So "Called ADA, she said same offer"
** is an attempt plus an offer (SAME_TERMS), and "Called ADA, she said she'd
** consider it" is an attempt plus a response.
**
** Caveats: names must be capitalised (case-sensitive); pronouns answer
** only for the prosecution; "State" and "People" count only capitalised.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- pattern text ------------------------------------------------------ */

#define BOUND_L "(?<![A-Za-z0-9_])"
#define BOUND_R "(?![A-Za-z0-9_])"
#define APOS "(?:'|\xe2\x80\x99)"
#define DASH "(?:-|\xe2\x80\x93|\xe2\x80\x94)"

/* The verbs a name after a party word may not be ("ADA Offered 6 mo"). */
#define NAME_VERBS                                                           \
  "(?:{offer}|{counter}|{reject}|{accept}|{withdraw}|{response}|{attempt}|"  \
  "{same}|{final})"
#define NAME_CALLOUT 1 /* {name}'s callout number */
#define EV_STR_(x) #x
#define EV_STR(x) EV_STR_(x)

/* Macros spliced into templates as {key}.  A {class} key names a
** vocabulary class and splices its alternation with word boundaries; {V}
** is the class a rule is generic over. */
static const struct macro {
  const char *key, *text;
  int lookahead; /* its classes appear only in negative lookaheads: they
                 ** need not be on the line (see build's needs) */
} macros[] = {
    /* A capitalised name after a party word; not a vocabulary verb, not a
    ** weekday, month or mail prefix.  The capital is looked at first: most
    ** words after a party word are not names, and fail there at once.
    ** Then the callout (name_callout) lets the name skip the lookahead of
    ** the verbs, some 1,500 instructions, when no verb starts with its
    ** first letters: "(?>skip|lookahead)".  The weekdays, months and mail
    ** prefixes are grouped by first letter (case and all: the group is
    ** case-sensitive), so a name is tried against 13 groups, not 47 words:
    ** some 370 instructions a name before, 130 now. */
    {"name",
     "(?:(?-i:[A-Z]\\.\\s*)?(?=(?-i:[A-Z]))"
     "(?>(?C" EV_STR(NAME_CALLOUT) ")|(?!" NAME_VERBS "(?![A-Za-z])))"
     "(?!(?-i:R[eE]|F(?:wd|W|riday|ri|ebruary|eb)|M(?:onday|on|arch|ar|ay)|"
     "T(?:uesday|ues?|hursday|hu|hurs)|W(?:ednesday|ed)|"
     "S(?:aturday|at|unday|un|eptember|ept?)|J(?:anuary|an|une|un|uly|ul)|"
     "A(?:pril|pr|ugust|ug)|O(?:ctober|ct|ffer)|N(?:ovember|ov)|D(?:ecember|ec)|"
     "VM|LVM|Counter)(?![A-Za-z]))"
     "(?-i:[A-Z][A-Z'\\-]*+[a-z][A-Za-z'\\-]*))", 1},
    {"pw", "({prosecution}(?:\\s+{name})?)", 0},
    /* object pronouns of the defense are never subjects */
    {"subj",
     "(?:{pw}|({client})|(?!(?:me|us)" BOUND_R ")({defense})|"
     "({court}(?:\\s+{name})?))", 0},
    /* Words allowed between a subject and its verb. */
    {"adv",
     "(?:has|have|had|is|was|were|will|would|now|just|then|again|also|"
     "finally|initially|originally|today|formally|verbally|only|still|"
     "(?-i:[a-z]+ly)|made\\s+an?|has\\s+now|and)" BOUND_R, 0},
    {"det",
     "(?:the|our|their|this|that|his|her|its|an?|any|new|revised|same|my|"
     "latest|current|initial|original|updated)" BOUND_R, 0},
    {"terms",
     "(?:\\$\\s?\\d|\\d+(?:\\.\\d+)?\\s*-?\\s*(?:mos?|months?|yrs?|years?|days?|"
     "wks?|weeks?)(?![A-Za-z])|time\\s+served|probation|plead|plea(?![A-Za-z])|"
     "misd|felony|diversion|CWOF|dismiss|suspended|deferred|counts?(?![A-Za-z])|"
     "fine|restitution)", 0},
    {"neg",
     "(?:" BOUND_L "(?:no|not|never|without|if|whether|unless|might|maybe|"
     "hope|hoping|yet\\s+to|unwilling\\s+to|refus\\w*\\s+to)|n" APOS "t)" BOUND_R, 0},
    {"pron", BOUND_L "(?:she|he|they)" BOUND_R, 0},
};

/* Appends tmpl to b with every {key} expanded.  Returns 0, or -1 for an
** unknown key (a bug in this file's tables). */
static int expand(const gavel_engine *e, gv_sbuf *b, const char *tmpl, int verb,
                  int depth, uint32_t *refs) {
  const char *p = tmpl;
  while (*p) {
    const char *open = strchr(p, '{');
    /* a regex quantifier "{0,3}" starts with a digit: copy it as is */
    while (open && (open[1] >= '0' && open[1] <= '9')) open = strchr(open + 1, '{');
    if (!open) {
      gv_sb_add(b, p);
      break;
    }
    gv_sb_addn(b, p, (size_t)(open - p));
    const char *close = strchr(open, '}');
    if (!close || depth > 4) return -1;
    size_t klen = (size_t)(close - open - 1);
    int cls = -1;
    if (klen == 1 && open[1] == 'V') cls = verb;
    for (int c = 0; cls < 0 && c < GV_V_COUNT; c++) {
      const char *nm = gv_vclass_name((gv_vclass)c);
      if (strlen(nm) == klen && strncmp(nm, open + 1, klen) == 0) cls = c;
    }
    if (cls >= 0) {
      *refs |= 1u << cls;
      gv_sb_add(b, BOUND_L);
      gv_sb_add(b, e->alt[cls]);
      gv_sb_add(b, BOUND_R);
    } else {
      size_t m = 0;
      while (m < sizeof macros / sizeof macros[0] &&
             !(strlen(macros[m].key) == klen &&
               strncmp(macros[m].key, open + 1, klen) == 0))
        m++;
      if (m == sizeof macros / sizeof macros[0]) return -1;
      uint32_t unneeded = 0;
      /* a list of words ({adv}, {det}, {terms}...): grouped by first letter */
      char *grouped = strchr(macros[m].text, '{') ? NULL : gv_alt_regroup(macros[m].text);
      int rc = expand(e, b, grouped ? grouped : macros[m].text, verb, depth + 1,
                      macros[m].lookahead ? &unneeded : refs);
      free(grouped);
      if (rc != 0) return -1;
    }
    p = close + 1;
  }
  return 0;
}

/* ---- rules ------------------------------------------------------------- */

enum {
  R_START = 1 << 0,   /* only where the line body begins */
  R_SUBJ = 1 << 1,    /* the party is the subject group that matched */
  R_NEG = 1 << 2,     /* dropped after a negation or condition */
  R_OBJ = 1 << 3,     /* dropped when the object of another verb */
  R_NEEDOBJ = 1 << 4, /* its clause must name an offer, counter, plea, deal */
  R_NEEDP = 1 << 5,   /* the line must name the prosecution, or it opens it */
  R_PRON = 1 << 6,    /* a prosecution word must come before it */
  R_NOCJ = 1 << 7,    /* no client or court word after it in its clause */
  R_ATPW = 1 << 8,    /* it opens with {pw}: look from the first one */
  R_CLASS = 1 << 9    /* it is its one class alone ("{request}"): its first
                      ** match is the class probe's */
};

typedef struct rule {
  const char *name;
  const char *tmpl;
  int16_t verb;            /* class spliced for {V}, -1 none */
  uint8_t event, party;    /* party when no subject says otherwise */
  uint8_t gp, gc, gd, gj;  /* capture groups of the subjects, 0 none */
  uint16_t how;            /* R_* */
  uint32_t flags;          /* item flags the rule sets */
} rule;

#define SUBJ_GROUPS 1, 2, 3, 4

/* An offer noun with its terms ("offer: 18 mo", "offer is 12 mo"): the
** offer-noun rule's words after what may stand before the noun, and the
** probe run before it (see tails). */
#define OFFER_NOUN                                                         \
  "{offer}[*_]*\\s*(?::|\\s+" DASH "|=|\\s+(?:is|was|now|of|remains|"       \
  "stands\\s+at|at)(?=\\s+{terms})|(?<=\\sis)(?=\\s+{terms}))"
#define PASSIVE(noun)                                                      \
  "(?:" noun ")\\s+(?:(?:was|is|has\\s+been|got|been)\\s+)?{V}"          \
  "(?:\\s+by\\s+{subj})?"

/* The four rules of a decision (reject, accept): "client rejected",
** "counter rejected (by ADA)", "offer rejected (by X)", "Rejected." */
#define DECISION_RULES(tag, cls, ev)                                       \
  {tag "-subject", "{subj}(?:\\s+{adv}){0,3}\\s+{V}", cls, ev,            \
   GAVEL_PARTY_CLIENT, SUBJ_GROUPS, R_SUBJ | R_NEG, 0},                    \
  {tag "-counter", PASSIVE("{counter}"), cls, ev, GAVEL_PARTY_PROSECUTION, \
   SUBJ_GROUPS, R_SUBJ | R_NEG, 0},                                        \
  {tag "-offer", PASSIVE("{offer}|{final}"), cls, ev, GAVEL_PARTY_CLIENT,  \
   SUBJ_GROUPS, R_SUBJ | R_NEG, 0},                                        \
  {tag "-start", "\\G{V}", cls, ev, GAVEL_PARTY_CLIENT, 0, 0, 0, 0, R_START, 0}

static const rule rules[] = {
    /* withdraw */
    {"withdraw-subject", "{subj}(?:\\s+{adv}){0,3}\\s+{V}", GV_V_WITHDRAW,
     GAVEL_EV_WITHDRAW, GAVEL_PARTY_PROSECUTION, SUBJ_GROUPS,
     R_SUBJ | R_NEG | R_NEEDOBJ, 0},
    {"withdraw", "{V}", GV_V_WITHDRAW, GAVEL_EV_WITHDRAW,
     GAVEL_PARTY_PROSECUTION, 0, 0, 0, 0, R_NEG | R_NEEDOBJ, 0},
    /* reject and accept: subject, passive, bare at line start */
    DECISION_RULES("reject", GV_V_REJECT, GAVEL_EV_REJECT),
    DECISION_RULES("accept", GV_V_ACCEPT, GAVEL_EV_ACCEPT),
    /* offers */
    {"offer-subject",
     "{pw}" APOS "?s?(?:\\s+{adv}){0,3}\\s+(?:{offer}|{counter}|{final})", -1,
     GAVEL_EV_OFFER, GAVEL_PARTY_PROSECUTION, 1, 0, 0, 0, R_NEG | R_ATPW | R_OBJ, 0},
    {"offer-from", "{offer}\\s+(?:from|by)\\s+{pw}", -1, GAVEL_EV_OFFER,
     GAVEL_PARTY_PROSECUTION, 1, 0, 0, 0, R_NEG | R_OBJ, 0},
    {"offer-noun",
     "(?:(?:{det}|{final}|{pw}" APOS "?s?|plea|standing|first|second|third|"
     "formal|written|verbal)\\s+){0,3}" OFFER_NOUN,
     -1, GAVEL_EV_OFFER, GAVEL_PARTY_PROSECUTION, 1, 0, 0, 0, R_NEG | R_OBJ, 0},
    {"offer-court",
     "({court}(?:\\s+{name})?)(?:\\s+{adv}){0,3}\\s+(?:{offer}|{response})"
     "(?=[^.;]{0,80}?{terms})",
     -1, GAVEL_EV_OFFER, GAVEL_PARTY_COURT, 0, 0, 0, 1, R_NEG, 0},
    {"offer-final", "{final}", -1, GAVEL_EV_OFFER, GAVEL_PARTY_PROSECUTION,
     0, 0, 0, 0, R_NEG | R_OBJ, GAVEL_F_FINAL},
    {"offer-same", "(?:{pw}\\s+(?:{adv}\\s+){0,2})?{same}", -1,
     GAVEL_EV_OFFER, GAVEL_PARTY_PROSECUTION, 1, 0, 0, 0, 0,
     GAVEL_F_SAME_TERMS},
    /* counteroffers */
    {"counter", "(?:({defense})(?:\\s+{adv}){0,3}\\s+)?{counter}", -1,
     GAVEL_EV_COUNTER, GAVEL_PARTY_DEFENSE, 0, 0, 1, 0, R_NEG | R_OBJ, 0},
    /* client contacts */
    {"client-phrase", "{client_contact}", -1, GAVEL_EV_CLIENT_CONTACT,
     GAVEL_PARTY_CLIENT, 0, 0, 0, 0, R_NEG, 0},
    {"client-object",
     "(?:{attempt}|{response})\\s+(?:(?:with|w/|to)\\s*)?(?:(?:the|my|our)\\s+)?"
     "({client})",
     -1, GAVEL_EV_CLIENT_CONTACT, GAVEL_PARTY_CLIENT, 0, 1, 0, 0, R_NEG, 0},
    {"client-subject", "({client})(?:\\s+{adv}){0,2}\\s+(?:{attempt}|{response})",
     -1, GAVEL_EV_CLIENT_CONTACT, GAVEL_PARTY_CLIENT, 0, 1, 0, 0, R_NEG, 0},
    /* attempts */
    {"attempt-to",
     "{attempt}(?:(?!{client}|{court})[^.;!?]){0,30}?{pw}", -1,
     GAVEL_EV_ATTEMPT, GAVEL_PARTY_DEFENSE, 1, 0, 0, 0, R_NEG, 0},
    {"attempt-heading", "{pw}\\s*(?::|,|" DASH ")\\s*{attempt}", -1,
     GAVEL_EV_ATTEMPT, GAVEL_PARTY_DEFENSE, 1, 0, 0, 0, R_NEG | R_ATPW, 0},
    {"attempt-start", "\\G{attempt}", -1, GAVEL_EV_ATTEMPT,
     GAVEL_PARTY_DEFENSE, 0, 0, 0, 0, R_START | R_NOCJ, 0},
    {"attempt-request", "{request}", -1, GAVEL_EV_ATTEMPT,
     GAVEL_PARTY_DEFENSE, 0, 0, 0, 0, R_NEG | R_NEEDP | R_CLASS, GAVEL_F_REQUEST},
    /* responses */
    {"response-subject",
     "{pw}(?:\\s+{adv}){0,3}\\s+(?:{response}|{attempt})", -1,
     GAVEL_EV_RESPONSE, GAVEL_PARTY_PROSECUTION, 1, 0, 0, 0, R_NEG | R_ATPW, 0},
    {"response-object",
     "{response}\\s+(?:(?:with|to|from|w/)\\s*)?(?:(?:the|my|our)\\s+)?{pw}",
     -1, GAVEL_EV_RESPONSE,
     GAVEL_PARTY_PROSECUTION, 1, 0, 0, 0, R_NEG, 0},
    {"response-pronoun", "{pron}(?:\\s+{adv}){0,2}\\s+(?:{response}|{attempt})",
     -1, GAVEL_EV_RESPONSE, GAVEL_PARTY_PROSECUTION, 0, 0, 0, 0,
     R_NEG | R_PRON, 0},
};

#define NRULES (sizeof rules / sizeof rules[0])
/* a rule is a bit of a uint64_t (gv_events_scan's todo) */
typedef char gv_rules_fit[NRULES <= 64 ? 1 : -1];

/* Helpers searched in windows of the line. */
enum {
  H_PW,      /* the first prosecution word (who) */
  H_CLIENT,  /* a client word (who of a client contact) */
  H_LEAD,    /* list/quote marks, an entry date opening the line, and a
             ** mark after them ("3/14 - ", "2025-03-14: ", the dates
             ** scanner's entry date being skipped before it) */
  H_NEGATED, /* a negation within two words before the window's end */
  H_OBJECT,  /* a verb or preposition whose object starts at the end */
  H_SUBJECT, /* at its end: the noun is the subject of reject/accept/withdraw */
  H_OTHER,   /* at its end: a capitalised name of someone else */
  H_NOUN,    /* an offer, counter, plea or deal */
  H_CJ,      /* a client or court word */
  H_COUNT
};

static const char *const helpers[H_COUNT] = {
    "{pw}",
    "({client})",
    "\\G(?:[>*_\\s]|\\*\\*)*"
    "(?:(?:(?-i:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\\.?,?\\s+)?"
    "(?:\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?|"
    "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?\\s+"
    "\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?)"
    "(?:,?\\s*(?:at\\s+)?\\d{1,2}(?::\\d{2})?\\s*(?:[ap]\\.?m\\.?)?)?[*_]*\\s*)?"
    "(?:(?:[:,.|)]|" DASH ")+\\s*)?",
    "{neg}(?:\\s+\\S+){0,2}\\s*$",
    "(?:{reject}|{accept}|{withdraw}|{counter}|{request}|{attempt}|"
    BOUND_L "(?:re|about|regarding|on|to|of|for|with|consider(?:ing|ed)?|"
    "discuss(?:ed|ing)?|review(?:ed|ing)?|explain(?:ed|ing)?|"
    "convey(?:ed|ing)?|relay(?:ed|ing)?|(?:went|go|going)\\s+over)" BOUND_R
    ":?)\\s+(?:(?:{det}|{prosecution}" APOS
    "?s?)\\s+){0,3}$",
    "\\G[*_]*\\s*(?:(?:is|was|has\\s+been|got|been|now)\\s+)*"
    "(?:{withdraw}|{reject}|{accept})",
    /* the capital first: most words after a phrase have none, and the
    ** prosecution's alternation is not tried for them */
    "\\G,?\\s+(?:{det}\\s+)?(?=(?-i:[A-Z][a-z]))(?!{prosecution})"
    "(?-i:[A-Z][a-z])",
    "{offer}|{counter}|{final}|" BOUND_L "(?:plea|deal)",
    "{client}|{court}",
};

/* The classes whose words open the gate to events (gate.c tracks these):
** a pattern that names some of them runs only on lines that may hold one. */
#define TRIGGERS                                                              \
  ((1u << GV_V_OFFER) | (1u << GV_V_COUNTER) | (1u << GV_V_REJECT) |          \
   (1u << GV_V_ACCEPT) | (1u << GV_V_WITHDRAW) | (1u << GV_V_FINAL) |         \
   (1u << GV_V_ATTEMPT) | (1u << GV_V_RESPONSE) | (1u << GV_V_UNANSWERED) |   \
   (1u << GV_V_CLIENT_CONTACT) | (1u << GV_V_SAME) | (1u << GV_V_REQUEST))

/* The party words a rule cannot match without (its subject, or the
** prosecutor it names): one of these classes must be on the line; and
** other words it needs (GV_X_*): one of those too.  The gate looks words
** of these classes up too (gate.c). */
#define P_PROS (1u << GV_V_PROSECUTION)
#define P_SUBJ                                                                \
  ((1u << GV_V_PROSECUTION) | (1u << GV_V_CLIENT) | (1u << GV_V_DEFENSE) |    \
   (1u << GV_V_COURT))
static const struct {
  const char *rule;
  uint32_t party, words;
} party_needs[] = {
    {"withdraw-subject", P_SUBJ, 0},   {"reject-subject", P_SUBJ, 0},
    {"accept-subject", P_SUBJ, 0},     {"offer-subject", P_PROS, 0},
    {"offer-from", P_PROS, 1u << GV_X_FROMBY}, /* "offer from/by the State" */
    {"offer-court", 1u << GV_V_COURT, 0},
    {"client-object", 1u << GV_V_CLIENT, 0},
    {"client-subject", 1u << GV_V_CLIENT, 0},
    {"attempt-to", P_PROS, 0},         {"attempt-heading", P_PROS, 0},
    {"response-subject", P_PROS, 0},   {"response-object", P_PROS, 0},
    /* R_PRON: a prosecution word before "she/he/they said" */
    {"response-pronoun", P_PROS, 1u << GV_X_PRON},
};

/* Probes run before a rule: the words its every match must end with,
** spelled by the macro the rule's pattern ends with.  An optional run of
** words before them defeats PCRE2's search for where a match may start;
** the probe starts at its first word, and where it finds nothing the rule
** cannot match. */
static const struct {
  const char *rule, *tail;
} tails[] = {
    {"offer-noun", OFFER_NOUN},
};

struct gv_event_pats {
  pcre2_code *rule[NRULES];
  pcre2_code *tail[NRULES];    /* its probe, NULL for none (see tails) */
  pcre2_code *help[H_COUNT];
  pcre2_code *cls[GV_V_COUNT]; /* "{class}" alone, for each trigger class */
  uint32_t rule_needs[NRULES]; /* trigger classes each names (0: none) */
  uint32_t rule_party[NRULES]; /* party classes it needs (0: none) */
  uint32_t rule_words[NRULES]; /* other words it needs (0: none) */
  uint32_t help_needs[H_COUNT];
  /* the rules (a bit each, in order) that name trigger class c, and those
  ** that name none: a line's classes pick the rules it may hold */
  uint64_t rules_of[GV_V_COUNT], rules_any;
  /* where a match of NAME_VERBS may start (name_ok: derived) */
  int name_ok;
  gv_starts name_verbs;
};

/* {name}'s callout, at a capitalised word after a party word: 0 (go on,
** the name is no verb) when no match of NAME_VERBS can start at this word,
** by its first three letters; 1 (fail this way: the lookahead of the verbs
** decides) otherwise, and always with shortcuts off or no derivation.  The
** engine is read only: documents on other threads call this too. */
static int name_callout(pcre2_callout_block *cb, void *data) {
  const gavel_engine *e = data;
  const struct gv_event_pats *p = e->events;
  unsigned key;
  uint32_t mask;
  if (cb->callout_number != NAME_CALLOUT || !e->shortcuts || !p || !p->name_ok)
    return 1;
  /* the lookahead before it saw a capital: a word starts here */
  return !gv_start_key((const char *)cb->subject, cb->subject_length,
                       cb->current_position, &key, &mask) ||
         gv_starts_may(&p->name_verbs, key, mask);
}

/* May the pattern that names trigger classes `needs` match on ln? */
static int may_match(const gv_line *ln, uint32_t needs) {
  return needs == 0 || (ln->classes & needs) != 0;
}

/* Which trigger classes a line holds, found out once per class and line.
** The gate only knows that a word of the class may be there ("said" for
** "said no"); a probe runs the class's own pattern, exactly as the rules
** splice it, over the line.  A rule's match contains a match of the class
** it names at the same place, so a rule whose class the probe does not find
** cannot match and is not run: the probes change nothing that is found.
** Rules naming several classes need one of them; a rule generic over a
** class (its {V}) needs that one and one of the others it names. */
typedef struct probes {
  uint32_t done, found;        /* classes probed / found on the line */
  long so[GV_V_COUNT], eo[GV_V_COUNT]; /* the first match of each found */
} probes;

static int has_class(const gavel_engine *e, gv_line *ln, probes *pr, int c) {
  uint32_t bit = 1u << c;
  if (!(ln->classes & bit)) return 0;
  if (!(pr->done & bit)) {
    pr->done |= bit;
    if (gv_match(e, e->events->cls[c], ln->s, ln->len, ln->body, ln->md, &ln->at) > 0) {
      pr->found |= bit;
      gv_group(ln->md, 0, &pr->so[c], &pr->eo[c]);
    }
  }
  return (pr->found & bit) != 0;
}

/* 1 when one of `classes` is on the line (or none is needed). */
static int has_any(const gavel_engine *e, gv_line *ln, probes *pr,
                   uint32_t classes) {
  if (!classes) return 1;
  /* has_class says no at once for a class not on the line */
  for (uint32_t m = classes & ln->classes & ((1u << GV_V_COUNT) - 1); m; m &= m - 1)
    if (has_class(e, ln, pr, gv_lowest_bit(m))) return 1;
  return 0;
}

/* May rule i match on ln, by the classes it needs? */
static int rule_may(const gavel_engine *e, gv_line *ln, probes *pr, size_t i) {
  const struct gv_event_pats *p = e->events;
  uint32_t needs = p->rule_needs[i];
  int v = rules[i].verb;
  if (!e->shortcuts) return 1;
  if (!may_match(ln, needs)) return 0; /* no word of any class it names */
  if (v >= 0) {
    if (!has_class(e, ln, pr, v)) return 0;
    needs &= ~(1u << v);
  }
  return has_any(e, ln, pr, needs) &&
         (!p->tail[i] ||
          gv_match(e, p->tail[i], ln->s, ln->len, ln->body, ln->md, &ln->at) > 0);
}

static pcre2_code *build(gavel_engine *e, const char *name, const char *tmpl,
                         int verb, int twin, uint32_t *needs, char *err,
                         size_t errlen) {
  gv_sbuf b = {NULL, 0, 0, 0};
  pcre2_code *re = NULL;
  uint32_t refs = 0;
  if (expand(e, &b, tmpl, verb, 0, &refs) != 0) {
    gv_fmt(err, errlen, "pattern %s: unknown {key}", name);
  } else if (b.bad || !b.s) {
    gv_fmt(err, errlen, "out of memory");
  } else {
    re = gv_compile(e, name, b.s, PCRE2_CASELESS, twin, err, errlen);
  }
  free(b.s);
  *needs = refs & TRIGGERS;
  return re;
}

int gv_events_compile(gavel_engine *e, char *err, size_t errlen) {
  struct gv_event_pats *p = calloc(1, sizeof *p);
  if (!p) {
    gv_fmt(err, errlen, "out of memory");
    return -1;
  }
  e->events = p;
  size_t named = 0;
  for (size_t i = 0; i < NRULES; i++) {
    p->rule[i] = build(e, rules[i].name, rules[i].tmpl, rules[i].verb, GV_PLAIN,
                       &p->rule_needs[i], err, errlen);
    if (!p->rule[i]) goto fail;
    for (size_t k = 0; k < sizeof party_needs / sizeof party_needs[0]; k++)
      if (strcmp(party_needs[k].rule, rules[i].name) == 0) {
        p->rule_party[i] = party_needs[k].party;
        p->rule_words[i] = party_needs[k].words;
        named++;
      }
    if (!p->rule_needs[i]) p->rules_any |= (uint64_t)1 << i;
    for (uint32_t m = p->rule_needs[i]; m; m &= m - 1)
      p->rules_of[gv_lowest_bit(m)] |= (uint64_t)1 << i;
  }
  if (named != sizeof party_needs / sizeof party_needs[0]) {
    gv_fmt(err, errlen, "party_needs names a rule that does not exist");
    goto fail;
  }
  for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++) {
    size_t i = 0;
    uint32_t needs;
    while (i < NRULES && strcmp(rules[i].name, tails[k].rule) != 0) i++;
    if (i == NRULES) {
      gv_fmt(err, errlen, "tails names a rule that does not exist");
      goto fail;
    }
    p->tail[i] = build(e, "events tail", tails[k].tail, -1, GV_TWIN, &needs, err,
                       errlen);
    if (!p->tail[i]) goto fail;
  }
  for (int h = 0; h < H_COUNT; h++) {
    p->help[h] = build(e, "events helper", helpers[h], -1, GV_TWIN, &p->help_needs[h],
                       err, errlen);
    if (!p->help[h]) goto fail;
  }
  /* where a verb {name} refuses may start: without it, the callout
  ** always leaves the question to the lookahead */
  {
    gv_sbuf b = {NULL, 0, 0, 0};
    uint32_t refs = 0;
    if (expand(e, &b, NAME_VERBS, -1, 0, &refs) != 0 || b.bad || !b.s) {
      free(b.s);
      gv_fmt(err, errlen, "out of memory");
      goto fail;
    }
    p->name_ok = gv_starts_derive(b.s, &p->name_verbs) == 0;
    free(b.s);
    pcre2_set_callout(e->mctx, name_callout, e);
  }
  /* H_OBJECT's prepositions and verbs of its own ("re:", "reviewed") are
  ** no class's words: it may match on any line */
  p->help_needs[H_OBJECT] = 0;
  for (int c = 0; c < GV_V_COUNT; c++) {
    uint32_t needs;
    if (!(TRIGGERS & (1u << c))) continue;
    p->cls[c] = build(e, "events class", "{V}", c, GV_TWIN, &needs, err, errlen);
    if (!p->cls[c]) goto fail;
  }
  return 0;
fail:
  gv_events_free(e);
  return -1;
}

void gv_events_free(gavel_engine *e) {
  struct gv_event_pats *p = e->events;
  if (!p) return;
  for (size_t i = 0; i < NRULES; i++) {
    pcre2_code_free(p->rule[i]);
    pcre2_code_free(p->tail[i]);
  }
  for (int h = 0; h < H_COUNT; h++) pcre2_code_free(p->help[h]);
  for (int c = 0; c < GV_V_COUNT; c++) pcre2_code_free(p->cls[c]);
  free(p);
  e->events = NULL;
}

/* ---- scanning ---------------------------------------------------------- */

#define MAX_CANDS 48
#define WINDOW 48   /* bytes looked at before a phrase for negation/object */
#define CLAUSE 160  /* bytes a clause is searched for, each way */

typedef struct cand {
  uint8_t event, party;
  uint32_t flags;
  size_t col, end;
  long who_so, who_eo;
} cand;

/* Priority on overlap: lower wins (the multiple-events rule). */
static int prio(int ev) {
  static const uint8_t order[] = {
      GAVEL_EV_WITHDRAW, GAVEL_EV_REJECT,         GAVEL_EV_ACCEPT,
      GAVEL_EV_OFFER,    GAVEL_EV_COUNTER,        GAVEL_EV_CLIENT_CONTACT,
      GAVEL_EV_ATTEMPT,  GAVEL_EV_RESPONSE};
  for (int i = 0; i < (int)sizeof order; i++)
    if (order[i] == ev) return i;
  return (int)sizeof order;
}

/* Where the clause holding `pos` begins / ends: at ; ! ? or ". ". */
static size_t clause_start(const char *s, size_t lo, size_t pos) {
  size_t stop = pos > lo + CLAUSE ? pos - CLAUSE : lo;
  for (size_t i = pos; i > stop; i--) {
    char c = s[i - 1];
    if (c == ';' || c == '!' || c == '?') return i;
    if (c == '.' && i < pos && (s[i] == ' ' || s[i] == '\t')) return i;
  }
  return stop;
}

static size_t clause_end(const char *s, size_t len, size_t pos) {
  size_t stop = len - pos > CLAUSE ? pos + CLAUSE : len;
  for (size_t i = pos; i < stop; i++) {
    char c = s[i];
    if (c == ';' || c == '!' || c == '?') return i;
    if (c == '.' && (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '\t'))
      return i;
  }
  return stop;
}

/* Words a helper cannot match without, beyond the trigger classes it
** names: one of these classes must be on the line (gate.c tracks them). */
static const uint32_t help_words[H_COUNT] = {
    [H_PW] = P_PROS,
    [H_CLIENT] = 1u << GV_V_CLIENT,
    [H_NEGATED] = 1u << GV_X_NEG,
    [H_CJ] = (1u << GV_V_CLIENT) | (1u << GV_V_COURT),
};

/* May helper h match on the line, by its words?  Asked before the window
** it is searched in is worked out (a clause's ends cost a walk). */
static int helper_may(const gavel_engine *e, const gv_line *ln, int h) {
  return may_match(ln, e->events->help_needs[h]) &&
         (!help_words[h] || (ln->classes & help_words[h]));
}

/* Does helper h match in s[from, to)?  (to bounds the subject, so "$"
** means "at to".)  Every helper asked here reads at least a word, so an
** empty window (a candidate at the line's start) is not searched. */
static int helper_in(const gavel_engine *e, gv_line *ln, int h, size_t from,
                     size_t to) {
  return from < to && helper_may(e, ln, h) &&
         gv_match(e, e->events->help[h], ln->s, to, from, ln->md, &ln->at) > 0;
}

/* The text that ends at `col` within its clause: at most WINDOW bytes. */
static size_t window_start(const gv_line *ln, size_t col) {
  size_t cs = clause_start(ln->s, ln->body, col);
  return col - cs > WINDOW ? col - WINDOW : cs;
}

/* PCRE2's \s (no Unicode properties): a blank, tab, or line, vertical-tab,
** form-feed or carriage-return byte. */
static int is_pcre_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* May H_OTHER match at `at`?  It needs a capital and a small letter
** opening one of the two words after a comma and blanks (",? Name", ",?
** det Name"; {det} is one word): after "Called the investigator" it
** cannot (817 calls a read of 10k lines, none matching), nor after
** "emailed AUSA Lee" (the prosecution's initials are capitals). */
static int other_may(const char *s, size_t len, size_t at) {
  size_t i = at < len && s[at] == ',' ? at + 1 : at;
  for (int w = 0; w < 2; w++) {
    size_t b = i;
    while (i < len && is_pcre_space(s[i])) i++;
    if (i == b || i == len) return 0;
    if (s[i] >= 'A' && s[i] <= 'Z' && i + 1 < len && s[i + 1] >= 'a' && s[i + 1] <= 'z')
      return 1;
    while (i < len && !is_pcre_space(s[i])) i++;
  }
  return 0;
}

/* Applies a rule's R_* conditions; 1 keeps the candidate. */
static int keep(const gavel_engine *e, gv_line *ln, const rule *r,
                const cand *c, long first_p) {
  if ((r->how & R_NEG) && helper_may(e, ln, H_NEGATED) &&
      helper_in(e, ln, H_NEGATED, window_start(ln, c->col), c->col))
    return 0;
  if ((r->how & R_OBJ) &&
      (helper_in(e, ln, H_OBJECT, window_start(ln, c->col), c->col) ||
       helper_in(e, ln, H_SUBJECT, c->end, ln->len)))
    return 0;
  if ((r->how & R_NEEDOBJ) &&
      (!helper_may(e, ln, H_NOUN) ||
       !helper_in(e, ln, H_NOUN, clause_start(ln->s, ln->body, c->col),
                  clause_end(ln->s, ln->len, c->end))))
    return 0;
  if ((r->how & R_PRON) && (first_p < 0 || (size_t)first_p >= c->col))
    return 0;
  if ((r->how & R_NOCJ) &&
      ((helper_may(e, ln, H_CJ) &&
        helper_in(e, ln, H_CJ, c->end, clause_end(ln->s, ln->len, c->end))) ||
       ((!e->shortcuts || other_may(ln->s, ln->len, c->end)) &&
        helper_in(e, ln, H_OTHER, c->end, ln->len))))
    return 0;
  return 1;
}

/* May H_LEAD skip anything at `at`?  Text that opens with a letter skips
** nothing unless its first three letters begin a weekday or a month (any
** case: this only has to be sure when it says no); most lines open so,
** and the pattern's call (some 550 instructions) is saved. */
static int lead_may(const char *s, size_t len, size_t at) {
  static const char names[] = "mon tue wed thu fri sat sun jan feb mar apr may "
                              "jun jul aug sep oct nov dec ";
  char w[4];
  for (int k = 0; k < 3; k++) {
    unsigned char c = at + (size_t)k < len ? (unsigned char)s[at + k] : 0;
    int letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (!letter) return k == 0; /* a mark, a digit: look; a short word: no name */
    w[k] = (char)(c | 0x20);
  }
  w[3] = ' ';
  for (const char *n = names; *n; n += 4)
    if (memcmp(n, w, 4) == 0) return 1;
  return 0;
}

/* Where the line's text begins after list marks, quote marks and an entry
** date, in *lead, worked out when first asked (-1 until then: most lines
** never need it).  Returns 0 when no line-start rule may apply. */
static int line_lead(const gavel_engine *e, gv_line *ln, long *lead) {
  if (*lead < 0) {
    long so, eo;
    size_t at = ln->body;
    for (size_t i = 0; i < ln->out->n; i++) {
      const gavel_item *it = &ln->out->v[i];
      if (it->kind == GAVEL_KIND_DATE && (it->flags & GAVEL_F_ENTRY) &&
          it->end_col > at && it->col <= at + 4)
        at = it->end_col;
    }
    if ((!e->shortcuts || lead_may(ln->s, ln->len, at)) &&
        gv_match(e, e->events->help[H_LEAD], ln->s, ln->len, at, ln->md, &ln->at) > 0) {
      gv_group(ln->md, 0, &so, &eo);
      at = (size_t)eo;
    }
    *lead = (long)at;
  }
  return (size_t)*lead < ln->len;
}

/* Collects the candidates of rule r into cv (up to MAX_CANDS).  Its every
** match holds a word of one of `want` (classes): none starts after the
** last such word on the line. */
static void run_rule(const gavel_engine *e, gv_line *ln, const rule *r,
                     const pcre2_code *re, uint32_t want, long *lead,
                     long first_p, cand *cv, size_t *nc) {
  size_t pos = ln->body, last = gv_gate_last(&ln->at, want);
  if (r->how & R_START) {
    if (!line_lead(e, ln, lead)) return;
    pos = (size_t)*lead;
  }
  /* first_p is where the first {pw} on the line starts: no match of a
  ** rule that opens with one starts before it */
  if ((r->how & R_ATPW) && e->shortcuts && first_p > (long)pos)
    pos = (size_t)first_p;
  while (*nc < MAX_CANDS && pos <= ln->len) {
    long so, eo;
    if (gv_match_upto(e, re, ln->s, ln->len, pos, last, ln->md, &ln->at) <= 0) return;
    gv_group(ln->md, 0, &so, &eo);
    cand c;
    memset(&c, 0, sizeof c);
    c.event = r->event;
    c.party = r->party;
    c.flags = r->flags;
    c.col = (size_t)so;
    c.end = (size_t)eo;
    c.who_so = c.who_eo = -1;
    const uint8_t groups[4] = {r->gp, r->gc, r->gd, r->gj};
    static const uint8_t parties[4] = {GAVEL_PARTY_PROSECUTION,
                                       GAVEL_PARTY_CLIENT, GAVEL_PARTY_DEFENSE,
                                       GAVEL_PARTY_COURT};
    for (int g = 0; g < 4; g++) {
      long gs, ge;
      if (!groups[g]) continue;
      gv_group(ln->md, groups[g], &gs, &ge);
      if (gs < 0) continue;
      c.who_so = gs;
      c.who_eo = ge;
      if (r->how & R_SUBJ) c.party = parties[g];
      break;
    }
    if (keep(e, ln, r, &c, first_p)) cv[(*nc)++] = c;
    if (r->how & R_START) return;
    pos = eo > so ? (size_t)eo : (size_t)so + 1;
  }
}

static int overlaps(const cand *a, const cand *b) {
  return a->col < b->end && b->col < a->end;
}

/* Folds b into a, one event: flags united, the span widened to the left
** ("Final" + "offer:"), a's who unless it has none. */
static void merge(cand *a, const cand *b) {
  a->flags |= b->flags;
  if (b->col < a->col) a->col = b->col;
  if (a->who_so < 0) {
    a->who_so = b->who_so;
    a->who_eo = b->who_eo;
  }
}

static int push_event(gv_line *ln, const cand *c, long pw_so, long pw_eo) {
  gavel_item *it = gv_items_push(ln->out, GAVEL_KIND_EVENT, c->col, c->end);
  if (!it) return -1;
  it->event = c->event;
  it->party = c->party;
  it->flags = c->flags;
  long so = c->who_so, eo = c->who_eo;
  if (so < 0 && (c->party == GAVEL_PARTY_PROSECUTION ||
                 c->event == GAVEL_EV_ATTEMPT)) {
    so = pw_so;
    eo = pw_eo;
  }
  if (so >= 0) gv_copy(it->who, sizeof it->who, ln->s + so, (size_t)(eo - so));
  return 0;
}


int gv_events_scan(const gavel_engine *e, gv_line *ln) {
  const struct gv_event_pats *p = e->events;
  cand cv[MAX_CANDS], kept[MAX_CANDS];
  size_t nc = 0, nk = 0;
  long lead = -1, pw_so = -1, pw_eo = -1;
  probes pb;
  pb.done = pb.found = 0;
  if (!(ln->gate & GV_GATE_EVENTS)) return 0;
  if (ln->body >= ln->len) return 0;
  if ((ln->classes & P_PROS) &&
      gv_match(e, p->help[H_PW], ln->s, ln->len, ln->body, ln->md, &ln->at) > 0)
    gv_group(ln->md, 1, &pw_so, &pw_eo);

  /* only the rules that name a class on the line, or none (may_match) */
  uint64_t todo = p->rules_any;
  for (uint32_t m = ln->classes & TRIGGERS; m; m &= m - 1)
    todo |= p->rules_of[gv_lowest_bit(m)];
  for (; todo; todo &= todo - 1) {
    size_t i = (size_t)gv_lowest_bit64(todo), before = nc;
    uint32_t party = p->rule_party[i];
    if (party && !(ln->classes & party)) continue;
    if (p->rule_words[i] && !(ln->classes & p->rule_words[i])) continue;
    /* a rule that names the prosecutor: none on the line, the helper says */
    if (party == P_PROS && pw_so < 0) continue;
    if (!rule_may(e, ln, &pb, i)) continue;
    /* R_NEEDP on a line that names no prosecution keeps a match only where
    ** the line's text begins: a rule that is its class alone matches
    ** first where the class probe did, and when that is past the lead, no
    ** match can start there ("Client asked about...": the request is the
    ** client's, not one made of the State) */
    if ((rules[i].how & (R_NEEDP | R_CLASS)) == (R_NEEDP | R_CLASS) && pw_so < 0 &&
        e->shortcuts && p->rule_needs[i]) {
      int c = gv_lowest_bit(p->rule_needs[i]);
      if (!has_class(e, ln, &pb, c) || !line_lead(e, ln, &lead) || pb.so[c] > lead)
        continue;
    }
    /* The classes whose last word bounds where a match may start, less
    ** those the probes looked for and did not find: no match holds one
    ** ("no reply" has the word "reply", yet no response).  A rule that
    ** opens with {pw} starts at the first one, so the classes with a word
    ** after it are probed first. */
    uint32_t want = rules[i].verb >= 0 ? 1u << rules[i].verb : p->rule_needs[i];
    if ((rules[i].how & R_ATPW) && e->shortcuts && pw_so >= 0)
      for (uint32_t m = want & ln->classes & ~pb.done; m; m &= m - 1)
        if (ln->at.cls[gv_lowest_bit(m)] >= (uint32_t)pw_so)
          has_class(e, ln, &pb, gv_lowest_bit(m));
    run_rule(e, ln, &rules[i], p->rule[i], want & ~(pb.done & ~pb.found), &lead, pw_so,
             cv, &nc);
    /* R_NEEDP: the line names the prosecution or the phrase opens it */
    if ((rules[i].how & R_NEEDP) && pw_so < 0 && nc > before) {
      size_t w = before;
      line_lead(e, ln, &lead);
      for (size_t k = before; k < nc; k++)
        if (cv[k].col == (size_t)lead) cv[w++] = cv[k];
      nc = w;
    }
  }

  /* Overlaps: the stronger event keeps the text; same event merges. */
  int rank[MAX_CANDS], last = prio(GAVEL_EV_NONE);
  for (size_t i = 0; i < nc; i++) rank[i] = prio(cv[i].event);
  for (int pr = 0; nc && pr <= last; pr++)
    for (size_t i = 0; i < nc; i++) {
      if (rank[i] != pr) continue;
      int ok = 1;
      for (size_t k = 0; k < nk && ok; k++)
        if (overlaps(&cv[i], &kept[k])) {
          if (kept[k].event == cv[i].event) merge(&kept[k], &cv[i]);
          ok = 0;
        }
      if (ok) kept[nk++] = cv[i];
    }

  /* One event per (event, party): the leftmost, flags merged. */
  size_t w = 0;
  for (size_t i = 0; i < nk; i++) {
    size_t k;
    for (k = 0; k < w; k++)
      if (kept[k].event == kept[i].event && kept[k].party == kept[i].party)
        break;
    if (k == w) {
      kept[w++] = kept[i];
      continue;
    }
    kept[k].flags |= kept[i].flags;
    if (kept[i].col < kept[k].col) {
      uint32_t f = kept[k].flags;
      kept[k] = kept[i];
      kept[k].flags = f;
    }
  }
  nk = w;

  /* Line-wide flags, and whether the prosecution acted on this line. */
  int final = has_class(e, ln, &pb, GV_V_FINAL);
  int same = has_class(e, ln, &pb, GV_V_SAME);
  int req = has_class(e, ln, &pb, GV_V_REQUEST);
  int unans = has_class(e, ln, &pb, GV_V_UNANSWERED);
  long us = unans ? pb.so[GV_V_UNANSWERED] : -1;
  long ue = unans ? pb.eo[GV_V_UNANSWERED] : -1;
  int pros_acted = 0, attempts = 0;
  for (size_t i = 0; i < nk; i++) {
    cand *c = &kept[i];
    if (c->event == GAVEL_EV_OFFER) {
      if (final) c->flags |= GAVEL_F_FINAL;
      if (same) c->flags |= GAVEL_F_SAME_TERMS;
    }
    if (req && (c->event == GAVEL_EV_ATTEMPT || c->event == GAVEL_EV_COUNTER))
      c->flags |= GAVEL_F_REQUEST;
    if (c->event == GAVEL_EV_ATTEMPT) {
      attempts++;
      if (unans) c->flags |= GAVEL_F_UNANSWERED;
    }
    if (c->party == GAVEL_PARTY_PROSECUTION && c->event != GAVEL_EV_RESPONSE &&
        c->event != GAVEL_EV_ATTEMPT)
      pros_acted = 1;
  }

  for (size_t i = 0; i < nk; i++) {
    if (pros_acted && kept[i].event == GAVEL_EV_RESPONSE &&
        kept[i].party == GAVEL_PARTY_PROSECUTION)
      continue;
    if (kept[i].event == GAVEL_EV_CLIENT_CONTACT && kept[i].who_so < 0 &&
        gv_match(e, p->help[H_CLIENT], ln->s, kept[i].end, kept[i].col, ln->md,
                 &ln->at) > 0)
      gv_group(ln->md, 1, &kept[i].who_so, &kept[i].who_eo);
    if (push_event(ln, &kept[i], pw_so, pw_eo) != 0) return -1;
  }
  if (unans && !attempts && !pros_acted) {
    cand c;
    memset(&c, 0, sizeof c);
    c.event = GAVEL_EV_ATTEMPT;
    c.party = GAVEL_PARTY_DEFENSE;
    c.flags = GAVEL_F_UNANSWERED | GAVEL_F_NO_REPLY;
    c.col = (size_t)us;
    c.end = (size_t)ue;
    c.who_so = c.who_eo = -1;
    if (push_event(ln, &c, pw_so, pw_eo) != 0) return -1;
  }
  return 0;
}
