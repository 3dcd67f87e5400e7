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
    "prep",        "done",    "open"};

/* Built-in fragments, NULL-terminated per class.  Regex syntax; matched
** case-insensitively as bytes. */
static const char *const builtin_prosecution[] = {
    "A?DDA", "ADA", "AUSA", "ASA", "AAG", "DA", "SA", "prosecutors?",
    "prosecution", "pros\\.", "the\\s+State", "State", "the\\s+People",
    "People", "the\\s+Commonwealth", "Commonwealth", "the\\s+Government",
    "Government", "Gov(?:'|\xe2\x80\x99)?t", "the\\s+Crown", NULL};
static const char *const builtin_defense[] = {
    "we", "I", "defense", "defence", "counsel", "def\\.\\s+counsel", "us",
    "our\\s+side", "me", NULL};
static const char *const builtin_client[] = {
    "client", "cl\\.", "def(?:'|\xe2\x80\x99)t", "the\\s+defendant",
    "defendant", NULL};
static const char *const builtin_court[] = {
    "the\\s+court", "court", "judge", "Hon\\.", "the\\s+bench", NULL};
static const char *const builtin_offer[] = {
    "offer(?:ed|s|ing)?", "plea\\s+offer", "extended", "put\\s+on\\s+the\\s+table",
    "proposed", "proposes", "deal\\s+is", "will\\s+offer", "would\\s+offer",
    "came\\s+back\\s+with", NULL};
static const char *const builtin_counter[] = {
    "counter(?:ed|s|ing)?", "counter-?offer(?:ed|s)?", "we\\s+proposed",
    "I\\s+proposed", "asked\\s+for", "requested", "pitched",
    "countered\\s+with", NULL};
static const char *const builtin_reject[] = {
    "reject(?:ed|s|ing)?", "declined\\s+(?:the|our|their|that|this)\\s+(?:offer|deal|plea|counter(?:offer)?)",
    "turned\\s+(?:it\\s+)?down", "refused", "said\\s+no", "won(?:'|\xe2\x80\x99)?t\\s+accept",
    "will\\s+not\\s+accept", NULL};
static const char *const builtin_accept[] = {
    "accept(?:ed|s|ing)?", "took\\s+the\\s+(?:plea|deal|offer)",
    "agreed\\s+to\\s+(?:the\\s+)?(?:plea|deal|offer|terms)", "will\\s+plead",
    "plea\\s+entered", "entered\\s+(?:a|the)\\s+plea", "pled", "pleaded", NULL};
static const char *const builtin_withdraw[] = {
    "withdr(?:ew|awn|aws|awing|aw)", "pulled\\s+the\\s+offer",
    "off\\s+the\\s+table", "no\\s+further\\s+offers?", "no\\s+more\\s+offers?",
    "rescind(?:ed|s)?", "revok(?:ed|es)", NULL};
static const char *const builtin_final[] = {
    "final\\s+offer", "best\\s+and\\s+final", "last\\s+offer",
    "take\\s+it\\s+or\\s+leave\\s+it", "final", NULL};
static const char *const builtin_attempt[] = {
    "e-?mailed", "called", "phoned", "left\\s+(?:a\\s+)?(?:VM|voice\\s*mail|message|msg)",
    "LVM", "L/M", "VM", "texted", "sent\\s+(?:a\\s+)?(?:letter|email|e-mail|fax|text)",
    "letter\\s+to", "wrote\\s+to", "faxed", "followed\\s+up", "f/u",
    "reached\\s+out", "messaged", "pinged", NULL};
static const char *const builtin_response[] = {
    "replied", "responded", "returned\\s+(?:my\\s+|our\\s+|the\\s+)?call",
    "called\\s+back", "wrote\\s+back", "e-?mailed\\s+back", "got\\s+back",
    "met\\s+with", "met", "said", "says", "declined", "answered",
    "spoke\\s+(?:with|to)", "confirmed", "told\\s+(?:me|us)", "indicated",
    "stated", "response\\s+from", "reply\\s+from", "heard\\s+(?:back\\s+)?from",
    "per", NULL};
static const char *const builtin_unanswered[] = {
    "no\\s+reply", "no\\s+response", "no\\s+answer", "still\\s+nothing",
    "nothing\\s+back", "no\\s+word", "not\\s+heard\\s+back",
    "haven(?:'|\xe2\x80\x99)?t\\s+heard", "no\\s+call\\s*back",
    "no\\s+return\\s+call", "crickets", "radio\\s+silence", "not\\s+returned",
    "unanswered", "no\\s+luck", NULL};
static const char *const builtin_client_contact[] = {
    "met\\s+(?:with\\s+|w/\\s*)?(?:the\\s+)?(?:client|cl\\.)",
    "(?:client|cl\\.)\\s+(?:called|emailed|texted|came\\s+in|stopped\\s+by|visited)",
    "(?:called|emailed|texted|wrote|visited|saw)\\s+(?:the\\s+)?(?:client|cl\\.)",
    "jail\\s+visit", "visit(?:ed)?\\s+(?:client|cl\\.)\\s+(?:at|in)\\s+jail",
    "client\\s+(?:meeting|conference|call|mtg)", "spoke\\s+(?:with|to)\\s+(?:the\\s+)?(?:client|cl\\.)",
    "(?:phone|video)\\s+call\\s+(?:with|w/)\\s+(?:client|cl\\.)", NULL};
static const char *const builtin_strength[] = {
    "confess(?:ion|ed|es)", "full\\s+admission", "admitted\\s+(?:to|it)",
    "video", "surveillance", "body\\s*cam", "dash\\s*cam", "DNA",
    "fingerprints?", "prints\\s+match", "eyewitness(?:es)?(?:\\s+ID)?",
    "positive\\s+ID", "identified\\s+(?:him|her|the\\s+client|client|def(?:endant|'t))",
    "strong\\s+case", "confident", "overwhelming", "slam\\s+dunk", "airtight",
    "lab\\s+(?:results?|report)\\s+(?:came\\s+back\\s+)?positive",
    "co-?defendant\\s+(?:will\\s+)?(?:testify|testifies|flipped|cooperating)",
    "cooperating\\s+witness", "GPS\\s+data", "phone\\s+records", NULL};
static const char *const builtin_prep[] = {
    "witness\\s+list", "exhibit\\s+list", "subpoena(?:s|ed)?", "experts?",
    "motions?\\s+in\\s+limine", "MIL", "jury\\s+instructions", "voir\\s+dire",
    "trial\\s+brief", "investigator", "motion\\s+to\\s+suppress",
    "defense\\s+theory", "opening\\s+statement", "cross\\s+outline", NULL};
static const char *const builtin_done[] = {
    "done", "filed", "served", "sent", "completed?", "finished", "retained",
    "received", "ready", "drafted", "\\[x\\]", "\xe2\x9c\x93", "\xe2\x9c\x94", NULL};
static const char *const builtin_open[] = {
    "todo", "to\\s+do", "TBD", "needs?\\s+to", "need", "pending", "not\\s+yet",
    "still\\s+need", "outstanding", "open", "\\[\\s\\]", "must", "should",
    "have\\s+to", NULL};

static const char *const *const builtin[GV_V_COUNT] = {
    builtin_prosecution, builtin_defense, builtin_client,   builtin_court,
    builtin_offer,       builtin_counter, builtin_reject,   builtin_accept,
    builtin_withdraw,    builtin_final,   builtin_attempt,  builtin_response,
    builtin_unanswered,  builtin_client_contact, builtin_strength,
    builtin_prep,        builtin_done,    builtin_open};

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
static int parse_spec(const char *spec, fraglist *lists, char *err,
                      size_t errlen) {
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
      char *rx = escape_phrase(ps, (size_t)(pe - ps));
      if (!rx || frag_push(&lists[cls], rx) != 0) {
        free(rx);
        gv_fmt(err, errlen, "out of memory");
        return -1;
      }
    }
  }
  return 0;
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
  if (parse_spec(spec, lists, err, errlen) != 0) {
    lists_free(lists);
    return -1;
  }
  for (int c = 0; c < GV_V_COUNT; c++) {
    size_t total = 8;
    qsort(lists[c].v, lists[c].n, sizeof(frag), frag_cmp);
    for (size_t i = 0; i < lists[c].n; i++) total += strlen(lists[c].v[i].s) + 1;
    char *a = malloc(total), *o = a;
    if (!a) {
      lists_free(lists);
      gv_vocab_free(alts);
      gv_fmt(err, errlen, "out of memory");
      return -1;
    }
    memcpy(o, "(?:", 3);
    o += 3;
    for (size_t i = 0; i < lists[c].n; i++) {
      size_t n = strlen(lists[c].v[i].s);
      if (i) *o++ = '|';
      memcpy(o, lists[c].v[i].s, n);
      o += n;
    }
    *o++ = ')';
    *o = 0;
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
