/*
** vocab.c: the words gavel reads negotiation by, as data.
**
** Every class is a list of regex fragments (the built-in words) to which
** users add literal phrases through gavel_options.vocab.  Patterns never
** spell these words themselves: they splice in the class's alternation, so
** a new word for "the prosecutor" reaches every pattern that needs one.
** The alternation carries no boundaries; pattern templates put
** (?<![A-Za-z0-9_]) and (?![A-Za-z0-9_]) around it, so phrases that start
** or end with punctuation ("pros.", "[x]") still match.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const vclass_names[GV_V_COUNT] = {
    "prosecution", "defense", "client",   "court",      "offer",
    "counter",     "reject",  "accept",   "withdraw",   "final",
    "attempt",     "response", "unanswered", "client_contact", "strength",
    "prep",        "done",    "open",     "same",       "request",
    "custody",     "probation", "fine",   "restitution", "diversion"};

/* Built-in fragments, NULL-terminated per class.  Regex syntax; matched
** case-insensitively as bytes. */
static const char *const builtin_prosecution[] = {
    "A?DDA", "ADA", "AUSA", "ASA", "AAG", "(?-i:DA)", "(?-i:SA)",
    "prosecutors?", "prosecution", "pros\\.", "the\\s+State",
    "(?-i:State)", "the\\s+(?-i:People)", "(?-i:People)",
    "the\\s+Commonwealth", "(?-i:Commonwealth)", "the\\s+Government",
    "(?-i:Government)", "Gov(?:'|\xe2\x80\x99)?t", "the\\s+Crown",
    "DA(?:'|\xe2\x80\x99)s\\s+office", NULL};
static const char *const builtin_defense[] = {
    "we", "I", "defense", "defence", "counsel", "def\\.\\s+counsel", "us",
    "our\\s+side", "me", NULL};
static const char *const builtin_client[] = {
    "client", "cl\\.", "def(?:'|\xe2\x80\x99)t", "the\\s+defendant",
    "defendant", NULL};
static const char *const builtin_court[] = {
    "the\\s+court", "court", "judge", "Hon\\.", "the\\s+bench", NULL};
/* Offers: verbs and the noun; "counter-offer" is a counter, not an offer. */
static const char *const builtin_offer[] = {
    "(?<!counter-)(?<!counter\\s)offer(?:ed|s|ing)?", "plea\\s+offer",
    "extended", "put\\s+on\\s+the\\s+table", "proposed", "proposes",
    "deal\\s+is", "will\\s+offer", "would\\s+offer", "came\\s+back\\s+with",
    "came\\s+down\\s+to", "dropped\\s+to", "lowered\\s+(?:it\\s+|the\\s+offer\\s+)?to",
    "now\\s+offering", "plea\\s+deal", NULL};
static const char *const builtin_counter[] = {
    "counter(?:ed|s|ing)?", "counter-?offer(?:ed|s)?", "counter\\s+offer",
    "we\\s+proposed", "I\\s+proposed", "pitched", "counter(?:ed|ing)?\\s+(?:with|at)",
    "proposed", NULL};
static const char *const builtin_reject[] = {
    "reject(?:ed|s|ing)?",
    "declined\\s+(?:the|our|their|that|this|his|her|a)\\s+(?:\\S+\\s+)?(?:offer|deal|plea|counter(?:-?offer)?)",
    "turned\\s+(?:it\\s+|that\\s+|them\\s+)?down", "refused", "said\\s+no",
    "won(?:'|\xe2\x80\x99)?t\\s+accept", "will\\s+not\\s+accept", "nixed",
    "shot\\s+(?:it\\s+|that\\s+)?down", "passed\\s+on", NULL};
static const char *const builtin_accept[] = {
    "accept(?:ed|s|ing)?", "took\\s+the\\s+(?:plea|deal|offer)",
    "agreed\\s+to\\s+(?:the\\s+)?(?:plea|deal|offer|terms|counter)",
    "will\\s+plead", "plea\\s+entered", "entered\\s+(?:a|the|his|her)\\s+plea",
    "pled", "pleaded", "signed\\s+off\\s+on", "wants\\s+to\\s+take\\s+(?:the\\s+)?(?:plea|deal|offer)",
    NULL};
static const char *const builtin_withdraw[] = {
    "withdr(?:ew|awn|aws|awing|aw)", "pulled\\s+(?:the|their|its)\\s+offer",
    "off\\s+the\\s+table", "no\\s+further\\s+offers?", "no\\s+more\\s+offers?",
    "rescind(?:ed|s)?", "revok(?:ed|es)", NULL};
/* Bare "final" is left out: "final pretrial" is not a final offer. */
static const char *const builtin_final[] = {
    "final\\s+(?:plea\\s+)?offer", "best\\s+and\\s+final", "last\\s+offer",
    "take\\s+it\\s+or\\s+leave\\s+it", "final\\s+deal", "(?:is|as)\\s+final",
    "last\\s+and\\s+best", NULL};
static const char *const builtin_attempt[] = {
    "e-?mailed", "called", "phoned", "rang",
    "left\\s+(?:a\\s+|another\\s+)?(?:VM|voice\\s*-?mail|message|msg)",
    "LVM", "L/M", "VM", "texted", "sent\\s+(?:a\\s+|an\\s+|another\\s+)?(?:letter|e-?mail|fax|text|msg|message)",
    "letter\\s+to", "wrote\\s+to", "faxed", "followed\\s+up", "f/u",
    "reached\\s+out", "messaged", "pinged", "e-?mail\\s+to", "call\\s+to",
    "tried\\s+(?:to\\s+(?:call|reach|email)|calling|emailing)", NULL};
static const char *const builtin_response[] = {
    "replied", "responded", "returned\\s+(?:my\\s+|our\\s+|the\\s+)?(?:call|e-?mail|VM)",
    "called\\s+(?:me\\s+|us\\s+)?back", "wrote\\s+back", "e-?mailed\\s+back", "got\\s+back",
    "met\\s+with", "met", "said", "says", "declined", "answered",
    "spoke\\s+(?:with|to)", "confirmed", "told\\s+(?:me|us)", "indicated",
    "stated", "response\\s+from", "reply\\s+from", "heard\\s+(?:back\\s+)?from",
    "per", "agreed\\s+to\\s+(?:consider|look|think|review|run\\s+it)", "will\\s+consider",
    "wants\\s+to\\s+think", "talked\\s+(?:with|to)", NULL};
static const char *const builtin_unanswered[] = {
    "no\\s+reply", "no\\s+response", "no\\s+answer", "still\\s+nothing",
    "nothing\\s+back", "no\\s+word", "not\\s+heard\\s+back",
    "haven(?:'|\xe2\x80\x99)?t\\s+heard", "no\\s+call\\s*-?back",
    "no\\s+return\\s+call", "crickets", "radio\\s+silence", "not\\s+returned",
    "unanswered", "no\\s+luck", "nothing\\s+yet", "never\\s+(?:heard|called|wrote)\\s+back",
    "no\\s+callback", "did\\s+not\\s+(?:reply|respond|answer|call\\s+back)",
    "didn(?:'|\xe2\x80\x99)?t\\s+(?:reply|respond|answer|call\\s+back)", NULL};
static const char *const builtin_client_contact[] = {
    "met\\s+(?:with\\s+|w/\\s*)?(?:the\\s+)?(?:client|cl\\.)",
    "(?:client|cl\\.)\\s+(?:called|emailed|texted|came\\s+in|stopped\\s+by|visited)",
    "(?:called|emailed|texted|wrote|visited|saw)\\s+(?:the\\s+)?(?:client|cl\\.)",
    "jail\\s+visit", "visit(?:ed)?\\s+(?:client|cl\\.)\\s+(?:at|in)\\s+jail",
    "client\\s+(?:meeting|conference|call|mtg)", "spoke\\s+(?:with|to)\\s+(?:the\\s+)?(?:client|cl\\.)",
    "(?:phone|video|zoom)\\s+call\\s+(?:with|w/)\\s*(?:the\\s+)?(?:client|cl\\.)",
    "(?:visited|saw)\\s+(?:him|her)\\s+(?:at|in)\\s+jail",
    "attorney\\s+visit", "(?:client|cl\\.)\\s+(?:mtg|meeting)", NULL};
/* The prosecution repeats its terms or will not move (events.c). */
static const char *const builtin_same[] = {
    "same\\s+(?:offer|terms|deal|as\\s+before)", "won(?:'|\xe2\x80\x99)?t\\s+budge",
    "will\\s+not\\s+budge", "not\\s+budging", "no\\s+movement", "hasn(?:'|\xe2\x80\x99)?t\\s+moved",
    "has\\s+not\\s+moved", "won(?:'|\xe2\x80\x99)?t\\s+move", "will\\s+not\\s+move",
    "refus(?:es|ed|ing)\\s+to\\s+(?:come\\s+down|move|budge|go\\s+lower|reduce)",
    "holding\\s+firm", "holds\\s+firm", "firm\\s+on", "still\\s+at(?=\\s+\\$?\\d)",
    "stand(?:ing|s)?\\s+by\\s+(?:the|its|their|her|his)\\s+(?:original\\s+)?offer",
    "unwilling\\s+to\\s+(?:offer\\s+any\\s+concessions?|move|budge|come\\s+down)",
    "no\\s+concessions?", "not\\s+moving", "offer\\s+(?:stands|unchanged)",
    "offer\\s+remains", "no\\s+change\\s+in\\s+(?:the\\s+)?offer",
    "same\\s+(?:as|terms\\s+as)\\s+(?:last|before)", NULL};
/* The defense asks for a better deal without naming terms (events.c). */
static const char *const builtin_request[] = {
    "asked\\s+(?:\\S+\\s+){0,3}?to\\s+(?:reconsider|come\\s+down|reduce|lower|improve|sweeten|revisit|consider)",
    "asked\\s+(?:\\S+\\s+){0,3}?(?:for|about|whether|if)", "requested",
    "request(?:ing)?\\s+(?:a\\s+)?(?:reduction|better|lower|misd)",
    "pushed\\s+for", "pressed\\s+for", "lobbied\\s+for", "begged\\s+for",
    "(?:better|lower|reduced)\\s+offer", "reconsider", NULL};
static const char *const builtin_strength[] = {
    "confess(?:ion|ions|ed|es)", "(?:full|partial|recorded|videotaped)\\s+admissions?",
    "admission\\s+of\\s+guilt", "made\\s+(?:an\\s+)?admissions?",
    "admitted\\s+(?:it|guilt|to\\s+(?:it|the\\s+\\w+|\\w+ing))",
    "(?:surveillance|security|store|CCTV)\\s+(?:video|footage|tape|cam(?:era)?)",
    "video(?:\\s+footage)?", "surveillance", "footage", "CCTV",
    "body\\s*-?cam(?:era)?(?:\\s+footage|\\s+video)?",
    "dash\\s*-?cam(?:era)?(?:\\s+footage|\\s+video)?", "DNA",
    "(?:latent\\s+)?fingerprints?", "(?:latent\\s+)?prints\\s+match",
    "eyewitness(?:es)?(?:\\s+ID)?", "positive\\s+ID",
    "identified\\s+(?:him|her|the\\s+client|client|def(?:endant|(?:'|\xe2\x80\x99)t))",
    "picked\\s+(?:him|her|client|def(?:endant)?)\\s+out",
    "(?:lineup|photo\\s+array)\\s+ID",
    "strong\\s+case", "confident", "overwhelming", "slam\\s+dunk", "airtight",
    "open\\s+and\\s+shut",
    "(?:lab|tox(?:icology)?|field)\\s+(?:results?|reports?|tests?)\\s+(?:came\\s+back\\s+|was\\s+|were\\s+|is\\s+)?positive",
    "co-?def(?:endant|\\.)?\\s+(?:is\\s+)?(?:will\\s+testify|testifying|testifies|flipped|cooperating)",
    "cooperating\\s+(?:co-?def(?:endant)?|witness)",
    "GPS\\s+data", "(?:recorded\\s+)?jail\\s+calls?",
    "(?:BAC|breath\\s+test|blood\\s+test)\\s+(?:of\\s+|was\\s+|at\\s+)?0?\\.\\d+",
    NULL};
static const char *const builtin_prep[] = {
    "witness\\s+lists?", "exhibit\\s+lists?", "(?:trial\\s+)?subpoena(?:s|ed|ing)?",
    "experts?(?:\\s+witness(?:es)?)?", "motions?\\s+in\\s+limine", "(?-i:MILs?)",
    "(?:proposed\\s+)?jury\\s+instructions", "voir\\s+dire",
    "jury\\s+questionnaires?", "trial\\s+brief",
    "(?:hire|hired|retain|retained|assign|assigned|need)\\s+(?:an?\\s+|the\\s+|our\\s+)?investigator",
    "investigator\\s+(?:to\\s+|is\\s+|will\\s+)?(?:interview|locat|find|canvass|serv|track)\\w*",
    "motion\\s+to\\s+suppress", "(?-i:MTS)", "motion\\s+to\\s+compel",
    "motion\\s+to\\s+dismiss", "defense\\s+theory", "theory\\s+of\\s+defen[cs]e",
    "opening\\s+statement", "closing\\s+(?:argument|statement)",
    "cross\\s+outlines?", "(?:notice\\s+of\\s+)?alibi\\s+notice|notice\\s+of\\s+alibi",
    "Brady\\s+(?:motion|demand|request)", "witness\\s+interviews?",
    "trial\\s+(?:binder|notebook)", "demonstratives?", NULL};
static const char *const builtin_done[] = {
    "done", "filed", "served", "sent", "completed?", "finished", "retained",
    "received", "ready", "drafted", "hired", "engaged", "submitted",
    "issued", "prepared", "prepped", "finalized", "handled", "got",
    "\\[x\\]", "\xe2\x9c\x93", "\xe2\x9c\x94", "\xe2\x9c\x85", NULL};
static const char *const builtin_open[] = {
    "todo", "to\\s+do", "TBD", "needs?\\s+to", "need", "pending", "not\\s+yet",
    "yet\\s+to", "still\\s+need", "outstanding", "open", "\\[\\s\\]", "must",
    "should", "have\\s+to", "has\\s+to", "waiting\\s+(?:on|for)",
    "in\\s+progress", "working\\s+on", "will", "going\\s+to", "plan\\s+to",
    "TK", "\\?\\?", NULL};
/* Sentence words: money.c binds a number to them ("18 mo DOC", "$500
** fine") and reads diversion on its own. */
static const char *const builtin_custody[] = {
    "house\\s+of\\s+corrections?", "behind\\s+bars", "incarceration",
    "imprisonment", "incarcerated", "penitentiary", "confinement", "custody",
    "prison", "D\\.O\\.C\\.", "DOCCS", "jail", "IDOC", "TDCJ", "DOC", "HOC",
    "CDC", "BOP", NULL};
static const char *const builtin_probation[] = {
    /* one fragment in two literals: NOLINTNEXTLINE(bugprone-suspicious-missing-comma) */
    "(?:(?:un)?supervised|informal|formal|non-?reporting|reporting|straight)"
    "\\s+(?:probation|prob\\.|prob)",
    "supervised\\s+release", "community\\s+supervision", "community\\s+control",
    "supervision", "probation", "prob\\.", "prob", NULL};
static const char *const builtin_fine[] = {
    "fines?\\s+(?:and|&)\\s+(?:court\\s+)?costs", "court\\s+costs", "fines?",
    "costs", NULL};
static const char *const builtin_restitution[] = {
    "restitution", "pay(?:s|ing)?\\s+back", "paid\\s+back", "repayment",
    "payback", "repay", "resti\\.", "resti", NULL};
/* The short acronyms are upper case only: "ard" and "acd" are not
** diversion.  One fragment each, so a user's "ACD program" sorts first. */
static const char *const builtin_diversion[] = {
    "adjournment\\s+in\\s+contemplation\\s+of\\s+dismissal",
    "deferred\\s+prosecution(?:\\s+agreement)?",
    "deferred\\s+(?:adjudication|judgm?ent|sentence|disposition)",
    "continued\\s+without\\s+(?:a\\s+)?finding",
    "pre-?trial\\s+(?:diversion|intervention)",
    "diversion(?:ary)?(?:\\s+program)?", "CWOF", "ACOD",
    "(?-i:DPA)", "(?-i:ARD)", "(?-i:ACD)", "(?-i:PTI)", NULL};

static const char *const *const builtin[GV_V_COUNT] = {
    builtin_prosecution, builtin_defense, builtin_client,   builtin_court,
    builtin_offer,       builtin_counter, builtin_reject,   builtin_accept,
    builtin_withdraw,    builtin_final,   builtin_attempt,  builtin_response,
    builtin_unanswered,  builtin_client_contact, builtin_strength,
    builtin_prep,        builtin_done,    builtin_open,     builtin_same,
    builtin_request,     builtin_custody, builtin_probation, builtin_fine,
    builtin_restitution, builtin_diversion};

const char *gv_vclass_name(gv_vclass c) {
  return (unsigned)c < GV_V_COUNT ? vclass_names[c] : NULL;
}

typedef struct frag {
  char *s;       /* regex text, owned */
  size_t order;  /* original position: ties keep it */
} frag;

typedef struct fraglist {
  frag *v;
  size_t n, cap;
} fraglist;

static int frag_push(fraglist *l, char *s) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 32;
    frag *v = realloc(l->v, cap * sizeof *v);
    if (!v) return -1;
    l->v = v;
    l->cap = cap;
  }
  l->v[l->n].s = s;
  l->v[l->n].order = l->n;
  l->n++;
  return 0;
}

/* Longer fragments first, so "the State" wins over "State". */
static int frag_cmp(const void *a, const void *b) {
  const frag *x = a, *y = b;
  size_t lx = strlen(x->s), ly = strlen(y->s);
  if (lx != ly) return lx > ly ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* A literal phrase as regex: metacharacters escaped, runs of blanks as
** \s+.  Returns a malloc'd string or NULL. */
static char *escape_phrase(const char *s, size_t n) {
  char *out = malloc(n * 4 + 1), *o = out;
  if (!out) return NULL;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t') {
      while (i + 1 < n && (s[i + 1] == ' ' || s[i + 1] == '\t')) i++;
      memcpy(o, "\\s+", 3);
      o += 3;
    } else if (strchr("\\^$.|?*+()[]{}-#", c) && c) {
      *o++ = '\\';
      *o++ = (char)c;
    } else {
      *o++ = (char)c;
    }
  }
  *o = 0;
  return out;
}

static char *dup_str(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

static void trim(const char **s, const char **e) {
  while (*s < *e && isspace((unsigned char)**s)) (*s)++;
  while (*e > *s && isspace((unsigned char)(*e)[-1])) (*e)--;
}

static void lists_free(fraglist *lists) {
  for (int c = 0; c < GV_V_COUNT; c++) {
    for (size_t i = 0; i < lists[c].n; i++) free(lists[c].v[i].s);
    free(lists[c].v);
  }
}

/* Parses the user's spec into lists.  Returns 0, or -1 with err set. */
/* Reads the user's spec, calling fn(ud, class, phrase, length) for each
** phrase.  Returns 0; -1 with err set for a malformed spec; or fn's
** non-zero result (-1 from fn means memory: err says so). */
static int parse_spec(const char *spec,
                      int (*fn)(void *ud, int cls, const char *p, size_t n),
                      void *ud, char *err, size_t errlen) {
  int lineno = 0;
  const char *p = spec;
  while (p && *p) {
    const char *eol = strchr(p, '\n'), *s = p, *e;
    if (!eol) eol = p + strlen(p);
    lineno++;
    e = eol;
    p = *eol ? eol + 1 : eol;
    trim(&s, &e);
    if (s == e || *s == '#') continue;
    const char *colon = memchr(s, ':', (size_t)(e - s));
    if (!colon) {
      gv_fmt(err, errlen, "vocab line %d: expected \"class: phrase, phrase\"",
             lineno);
      return -1;
    }
    const char *ns = s, *ne = colon;
    trim(&ns, &ne);
    int cls = -1;
    for (int c = 0; c < GV_V_COUNT; c++)
      if (strlen(vclass_names[c]) == (size_t)(ne - ns) &&
          strncmp(vclass_names[c], ns, (size_t)(ne - ns)) == 0)
        cls = c;
    if (cls < 0) {
      char name[40];
      gv_fmt(err, errlen, "vocab line %d: unknown class '%s'", lineno,
             gv_copy(name, sizeof name, ns, (size_t)(ne - ns)));
      return -1;
    }
    const char *q = colon + 1;
    while (q < e) {
      const char *comma = memchr(q, ',', (size_t)(e - q));
      const char *ps = q, *pe = comma ? comma : e;
      q = comma ? comma + 1 : e;
      trim(&ps, &pe);
      if (ps == pe) continue;
      if (pe - ps > 80) {
        gv_fmt(err, errlen, "vocab line %d: phrase longer than 80 bytes",
               lineno);
        return -1;
      }
      for (const char *c = ps; c < pe; c++)
        if ((unsigned char)*c < 0x20) {
          gv_fmt(err, errlen, "vocab line %d: control character in phrase",
                 lineno);
          return -1;
        }
      int rc = fn(ud, cls, ps, (size_t)(pe - ps));
      if (rc != 0) {
        if (rc == -1) gv_fmt(err, errlen, "out of memory");
        return rc;
      }
    }
  }
  return 0;
}

/* parse_spec's callback for gv_vocab_build: the phrase, escaped, joins its
** class's list. */
static int push_phrase(void *ud, int cls, const char *p, size_t n) {
  fraglist *lists = ud;
  char *rx = escape_phrase(p, n);
  if (!rx || frag_push(&lists[cls], rx) != 0) {
    free(rx);
    return -1;
  }
  return 0;
}

int gv_vocab_each_phrase(const char *spec,
                         int (*fn)(void *ud, int cls, const char *p, size_t n),
                         void *ud) {
  char err[8];
  return parse_spec(spec, fn, ud, err, sizeof err);
}

/* ---- the alternation, grouped by first letter ------------------------- */

/* PCRE2 walks an alternation's branches one by one, some 10 instructions
** each even where the first byte fails, and a class has up to 40
** fragments: at every place a pattern tries {offer}, it walks them all.
** So the fragments that open with a letter are grouped by it:
** "o(?:ffer(?:ed|s|ing)?|ff\s+the\s+table)|p(?:lea\s+offer|...)|...".
** At a given place only the fragments that can start with its byte can
** match, and they keep their order (the first that matches wins, as in
** the plain alternation): a fragment joins the last group of its letter
** only when no fragment placed after that group can start with the same
** letter.  A literal first letter distributes over the rest ("o(?:a|b)"
** is "oa|ob").  The alternations are spliced only into caseless patterns
** (events.c, court.c): groups go by the letter's lower case. */

#define ANY_START 0x7FFFFFFu /* 26 letters and "something else" (bit 26) */

/* The end of the group or class opening at p, or NULL. */
static const char *skip_group(const char *p) {
  int depth = 0;
  for (; *p; p++) {
    if (*p == '\\') {
      if (!*++p) return NULL;
    } else if (*p == '[') {
      for (p++; *p && *p != ']'; p++)
        if (*p == '\\' && !*++p) return NULL;
      if (!*p) return NULL;
      if (depth == 0) return p + 1;
    } else if (*p == '(') {
      depth++;
    } else if (*p == ')' && --depth == 0) {
      return p + 1;
    }
  }
  return NULL;
}

/* 1 when a quantifier follows at p (the atom before it may be absent). */
static int optional_at(const char *p) { return *p == '?' || *p == '*' || *p == '{'; }

/* The bytes a match of fragment text [p, end) may start with: a bit per
** lower-case letter, bit 26 for any other; ANY_START when not sure.  Knows
** letters, lookbehinds, "(?:a|b)" and "(?-i:...)" groups, and optional
** letters. */
static uint32_t first_bytes(const char *p, const char *end, int depth) {
  if (depth > 4) return ANY_START;
  while (end - p > 3 && p[0] == '(' && p[1] == '?' && p[2] == '<' &&
         (p[3] == '!' || p[3] == '=')) {
    p = skip_group(p); /* a lookbehind reads nothing */
    if (!p || p > end) return ANY_START;
  }
  if (p >= end) return ANY_START;
  if (isalpha((unsigned char)*p) && !(*p & 0x80)) {
    uint32_t b = 1u << (tolower((unsigned char)*p) - 'a');
    if (p + 1 < end && p[1] == '{') return ANY_START; /* "a{0,2}" */
    return p + 1 < end && optional_at(p + 1) ? b | first_bytes(p + 2, end, depth + 1) : b;
  }
  if (end - p > 2 && p[0] == '(' && p[1] == '?' &&
      (p[2] == ':' || (end - p > 4 && p[2] == '-' && p[3] == 'i' && p[4] == ':'))) {
    const char *close = skip_group(p);
    if (!close || close > end || (close < end && (optional_at(close) || *close == '+')))
      return ANY_START;
    /* each alternative of the group (one that could be empty: not sure) */
    const char *q = p + (p[2] == ':' ? 3 : 5), *body_end = close - 1;
    uint32_t b = 0;
    for (;;) {
      const char *a = q;
      int d = 0;
      while (q < body_end && !(d == 0 && *q == '|')) {
        if (*q == '\\') q++;
        else if (*q == '(') d++;
        else if (*q == ')') d--;
        else if (*q == '[') {
          const char *c = skip_group(q);
          if (!c || c > body_end) return ANY_START;
          q = c - 1;
        }
        q++;
      }
      if (q == a) return ANY_START; /* an empty alternative */
      b |= first_bytes(a, q, depth + 1);
      if (q >= body_end) break;
      q++;
    }
    return b;
  }
  if (*p == '\\' || *p == '(' || *p == '[' || *p == '.' || *p == '^' || *p == '$' ||
      *p == '|' || *p == ')')
    return ANY_START;
  return 1u << 26; /* a sign, a digit, a byte of UTF-8 */
}

/* 1 when p is one alternative: no '|' (or unmatched ')') at its top, and
** its groups and classes close. */
static int single(const char *p) {
  for (const char *q = p; *q; q++) {
    if (*q == '\\') {
      if (!*++q) return 0;
    } else if (*q == '(' || *q == '[') {
      const char *e = skip_group(q);
      if (!e) return 0;
      q = e - 1;
    } else if (*q == '|' || *q == ')') {
      return 0;
    }
  }
  return 1;
}

/* The fragment's literal first letter (lower case), or 0 when it opens
** otherwise or may not be cut after it (a quantifier, a '|' at its top). */
static int literal_first(const char *p) {
  if (!isalpha((unsigned char)*p) || (*p & 0x80) || optional_at(p + 1) || p[1] == '+')
    return 0;
  return single(p) ? tolower((unsigned char)*p) : 0;
}

typedef struct slot {
  int letter;           /* a group's letter; 0: one fragment as it is */
  uint32_t first;       /* first_bytes of what it holds */
  size_t frags[64];     /* the fragments of a group, in order */
  size_t n;
} slot;

char *gv_alt_group(const char *const *v, size_t n) {
  slot *sl = calloc(n ? n : 1, sizeof *sl);
  size_t ns = 0, total = 8;
  char *a = NULL, *o;
  if (!sl) return NULL;
  for (size_t i = 0; i < n; i++) {
    int l = literal_first(v[i]);
    uint32_t fb = l ? 1u << (l - 'a') : single(v[i]) ? first_bytes(v[i], v[i] + strlen(v[i]), 0) : ANY_START;
    size_t g = ns;
    if (l) { /* the last group of l, if none after it may start so */
      for (size_t k = ns; k-- > 0;) {
        if (sl[k].letter == l) { /* a full one: a new group after it */
          if (sl[k].n < 64) g = k;
          break;
        }
        if (sl[k].first & fb) break;
      }
    }
    if (g == ns) {
      sl[ns].letter = l;
      sl[ns].first = fb;
      sl[ns].n = 0;
      ns++;
    }
    sl[g].frags[sl[g].n++] = i;
    total += strlen(v[i]) + 8;
  }
  if ((a = malloc(total)) != NULL) {
    o = a;
    memcpy(o, "(?:", 3);
    o += 3;
    for (size_t k = 0; k < ns; k++) {
      if (k) *o++ = '|';
      if (sl[k].n == 1) {
        size_t len = strlen(v[sl[k].frags[0]]);
        memcpy(o, v[sl[k].frags[0]], len);
        o += len;
        continue;
      }
      *o++ = (char)sl[k].letter;
      memcpy(o, "(?:", 3);
      o += 3;
      for (size_t j = 0; j < sl[k].n; j++) {
        const char *f = v[sl[k].frags[j]] + 1; /* after its letter */
        size_t len = strlen(f);
        if (j) *o++ = '|';
        memcpy(o, f, len);
        o += len;
      }
      *o++ = ')';
    }
    *o++ = ')';
    *o = 0;
  }
  free(sl);
  return a;
}

char *gv_alt_regroup(const char *text) {
  const char *end, *q;
  const char *v[256];
  char *copy, *grouped, *out = NULL;
  size_t n = 0;
  if (strncmp(text, "(?:", 3) != 0 || !(end = skip_group(text))) return NULL;
  for (q = text; *q; q++) /* a capturing group would be renumbered */
    if (*q == '\\' && q[1]) q++;
    else if (*q == '(' && q[1] != '?') return NULL;
  if (!(copy = malloc((size_t)(end - text)))) return NULL;
  /* the group's alternatives, cut apart in a copy of its body */
  size_t blen = (size_t)(end - text) - 4;
  memcpy(copy, text + 3, blen);
  copy[blen] = 0;
  v[n++] = copy;
  for (char *c = copy; *c; c++) {
    if (*c == '\\') {
      if (c[1]) c++;
    } else if (*c == '(' || *c == '[') {
      const char *e = skip_group(c);
      if (!e) break;
      c += e - c - 1;
    } else if (*c == '|') {
      if (n == sizeof v / sizeof v[0]) break;
      *c = 0;
      v[n++] = c + 1;
    }
  }
  grouped = gv_alt_group(v, n);
  if (grouped && (out = malloc(strlen(grouped) + strlen(end) + 1)) != NULL) {
    memcpy(out, grouped, strlen(grouped));
    memcpy(out + strlen(grouped), end, strlen(end) + 1);
  }
  free(grouped);
  free(copy);
  return out;
}

int gv_vocab_build(const char *spec, char *alts[GV_V_COUNT], char *err,
                   size_t errlen) {
  fraglist lists[GV_V_COUNT];
  memset(lists, 0, sizeof lists);
  for (int c = 0; c < GV_V_COUNT; c++) alts[c] = NULL;
  for (int c = 0; c < GV_V_COUNT; c++)
    for (const char *const *f = builtin[c]; *f; f++) {
      char *s = dup_str(*f);
      if (!s || frag_push(&lists[c], s) != 0) {
        free(s);
        lists_free(lists);
        gv_fmt(err, errlen, "out of memory");
        return -1;
      }
    }
  if (parse_spec(spec, push_phrase, lists, err, errlen) != 0) {
    lists_free(lists);
    return -1;
  }
  for (int c = 0; c < GV_V_COUNT; c++) {
    qsort(lists[c].v, lists[c].n, sizeof(frag), frag_cmp);
    const char **texts = malloc((lists[c].n + 1) * sizeof *texts);
    char *a = NULL;
    if (texts) {
      for (size_t i = 0; i < lists[c].n; i++) texts[i] = lists[c].v[i].s;
      a = gv_alt_group(texts, lists[c].n);
      free(texts);
    }
    if (!a) {
      lists_free(lists);
      gv_vocab_free(alts);
      gv_fmt(err, errlen, "out of memory");
      return -1;
    }
    alts[c] = a;
  }
  lists_free(lists);
  return 0;
}

void gv_vocab_free(char *alts[GV_V_COUNT]) {
  for (int c = 0; c < GV_V_COUNT; c++) {
    free(alts[c]);
    alts[c] = NULL;
  }
}
