/*
** gate.c: a first look at a line, so that scanners skip the lines that
** cannot hold what they look for.
**
** Most lines of case notes are prose, and most scanners look for words
** that prose rarely has.  Running every pattern over every line costs far
** more than reading the line once: so before the scanners run, one pass
** over the line's bytes splits it into words and walks each word down a
** trie of the "stems" of every scanner (a word triggers a stem when it
** starts with it, or, for stems marked exact, is it), a letter a step,
** until no stem goes on.  A scanner whose stems, digits or signs do not
** occur on the line cannot match there and is skipped.  The same pass
** lists where each word, digit run and NUL starts (anchor.c tries long
** patterns only there).
**
** Invariant (what the tests guard): every match of every pattern of a
** scanner contains a word that triggers one of that scanner's stems, or
** one of its trigger bytes (a Bates number's digits).  A missing stem
** makes gavel blind to a phrase: every line the C tests read, and every
** fuzz input, is read again by an engine without shortcuts (no gate, no
** probes: e->shortcuts = 0), and the two readings must be equal.
** Scanners lean on it by position too: the gate records where each class's
** and scanner's last word starts (gv_gate_at), and a scanner looks for no
** further match past it, so the word must lie inside every match, not only
** somewhere on the line.  A few words open a pattern only beside another
** (`pairs`): every phrase that needs them holds both.
** Users' vocabulary phrases add their first word as a stem for the
** scanners that read that class; a phrase that starts with no word of two
** or more letters switches the gate off for those scanners.
**
** Caveat: words are runs of ASCII letters, lower-cased; "e-mailed" is the
** words "e" and "mailed".  Stems are at most GV_STEM_MAX letters.
*/
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define GV_STEM_MAX 15
#define GV_NODES_MAX 65535 /* node numbers are 16 bits */

/* What a byte that is no letter is to the gate (gv_gate::letter) */
enum { BYTE_PLAIN = 26, /* it triggers nothing and starts nothing */
       BYTE_DIGIT, BYTE_OTHER /* a NUL, or a byte with byte_bits ("$") */ };

/* The stems make a trie of letters: next[n][l] is the node after node n
** and letter l ('a' + l) (node 1 is the root).  A node's payload says what
** a word reaching it triggers: `pre` the stems ending at it or above it (a
** word that starts with them), `whole` those ending exactly at it (a word
** that is them).  Where no stem goes on, next[n][l] leads to a node that
** absorbs the rest of the word: every letter leads back to it, and it
** holds n's `pre` alone (node 0 is the one for an empty `pre`).  So a word
** is read a letter a step to its end with no test but the word's end, and
** the node it ends on says what it triggers. */
typedef struct payload {
  uint32_t pre_bits, pre_classes;
  uint32_t whole_bits, whole_classes;
} payload;

/* Once built, the trie is one table of rows, a row a node: ROW_NEXT + l
** holds the row (its first entry's index) after letter l, ROW_BITS and
** ROW_CLASSES what a word ending at the node triggers (pay[n]'s pre and
** whole, or only pre for a node that absorbs).  A step is one add and one
** load: no node number to multiply. */
enum { ROW_NEXT = 0, ROW_BITS = 26, ROW_CLASSES = 27, ROW = 28 };

struct gv_gate {
  uint16_t (*next)[26];       /* while building; then `rows` */
  payload *pay;               /* while building; then `rows` */
  size_t nodes, cap;          /* nodes in use (0 and 1 always), allocated */
  uint32_t single[26];        /* one-letter words ("v" of "State v. Doe") */
  uint32_t single_classes[26]; /* "I" */
  uint32_t slash[26];         /* the same beside a '/' only ("T/S", "L/M") */
  uint32_t slash_classes[26];
  uint8_t letter[256];        /* a letter's number (0..25), else BYTE_* */
  uint32_t *rows;             /* the trie as built (see ROW) */
  uint32_t pair[26 * 26];     /* the row after a word's first two letters
                              ** (a, b at a * 26 + b): one load for the two
                              ** steps the walk would take one after the other */
  uint32_t byte_bits[256];    /* digits, '$' */
  uint32_t always;            /* scanners the gate never skips */
  uint32_t always_classes;
};

/* Built-in stems, one string per scanner part: words separated by blanks,
** "=" after a word makes it exact, "/" after a letter counts it only
** beside a slash ("T/S").  Derived from the built-in vocabulary
** (vocab.c) and each scanner's own word tables. */
#define CL(c) (1u << (c))

static const struct {
  uint32_t bits;
  uint32_t classes;
  const char *words;
} builtin[] = {
    /* a date word, exactly as dates.c spells it (the pattern ends each
    ** at a word's end); digits open the dates too, for the numeric forms */
    {GV_GATE_DATES | GV_GATE_DATEWORD, 0,
     "january= jan= february= feb= march= mar= april= apr= may= june= jun= "
     "july= jul= august= aug= september= sept= sep= october= oct= november= "
     "nov= december= dec= sunday= sun= monday= mon= tuesday= tues= tue= "
     "wednesday= wed= thursday= thurs= thur= thu= friday= fri= saturday= "
     "sat= today= tonight= tomorrow= tmrw= yesterday="},
    /* a length in days or weeks, and the words that make it a date ("in
    ** 10 days", "within a week", "two weeks ago", "3 days from now") */
    {GV_GATE_DATES | GV_GATE_DATEUNIT, 0, "day= days= week= weeks= wk= wks="},
    {GV_GATE_DATEREL, 0, "in= within= from= ago="},
    {GV_GATE_MONEY, 0,
     /* amounts and lengths in words */
     "one two three four five six seven eight nine ten eleven twelve thirteen "
     "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty "
     "forty fifty sixty seventy eighty ninety hundred thousand million "
     "billion grand dollar buck usd year yr month mo= mos= mth mnth week wk "
     "day half "
     /* terms without a number */
     "served cts= ts= suspend susp dismiss drop nol dwop "
     "remaining count ct= plead plea pg= reduc amend lesser diversion "
     "deferred cwof= ard= dpa= acd= pti= finding= probation prob "
     "supervis restitution resti fine cost"},
    /* money.c's sub-scans, each skipped on a line without its words */
    {GV_GATE_MONEY | GV_GATE_SUSP, 0, "susp"},
    {GV_GATE_MONEY | GV_GATE_DISMISS, 0, "dism drop nol dwop"},
    {GV_GATE_MONEY | GV_GATE_CHARGE, 0,
     "plead pled plea reduc amend knock bump pg= p/ g/"}, /* P/G, G/P */
    {GV_GATE_MONEY | GV_GATE_SFLAGS, 0, "served= cts= ts= t/ s/"}, /* T/S */
    {GV_GATE_MONEY | GV_GATE_CASH | GV_GATE_CASHWORD, 0, "dollar buck usd"},
    {GV_GATE_MONEY | GV_GATE_UNIT, 0,
     "year yr month mo= mos= mth mnth week wk day"},
    {GV_GATE_MONEY, CL(GV_V_RESTITUTION),
     "restitution resti pay paid repayment payback repay"},
    {GV_GATE_MONEY, CL(GV_V_DIVERSION),
     "adjournment deferred finding= intervention diversion cwof acod dpa= "
     "ard= acd= pti="},
    /* an exhibit word, alone or written against a defense prefix */
    {GV_GATE_EVIDENCE, 0, "ex defex defenseex defenceex deftex"},
    /* negotiation events (events.c), by vocabulary class */
    {GV_GATE_EVENTS, CL(GV_V_OFFER),
     "offer plea extended table propos deal came dropped lowered"},
    {GV_GATE_EVENTS, CL(GV_V_COUNTER), "counter propos pitched"},
    {GV_GATE_EVENTS, CL(GV_V_REJECT),
     "reject declin turned refus said= accept nixed shot passed"},
    {GV_GATE_EVENTS, CL(GV_V_ACCEPT),
     "accept took agreed plead plea entered pled= signed wants"},
    {GV_GATE_EVENTS, CL(GV_V_WITHDRAW),
     "withdr pulled table further more= rescind revok"},
    {GV_GATE_EVENTS, CL(GV_V_FINAL), "final best last leave"},
    {GV_GATE_EVENTS, CL(GV_V_ATTEMPT),
     "mail email called= call= phoned rang left lvm= vm= texted sent "
     "letter wrote faxed followed reached messaged pinged tried "
     "l/ m/ f/ u/"}, /* L/M, f/u */
    {GV_GATE_EVENTS, CL(GV_V_RESPONSE),
     "repl respon return back= got= met= said= says= "
     "declin answer spoke confirmed told indicat stated heard per= agreed "
     "consider wants talked"},
    {GV_GATE_EVENTS, CL(GV_V_UNANSWERED),
     "repl respon answer still= back= yet= word= heard= call= callback= "
     "return unanswered luck never did crickets radio silence"},
    /* a client contact names the client ("called client", "client mtg"),
    ** or is a jail or attorney visit ("saw him at jail"): these words make
    ** one only beside a client word or "jail" (gv_gate_line); "call" is
    ** exact: no contact says "calls", and "reviewed jail calls" (strength)
    ** is no visit */
    {0, CL(GV_X_CC),
     "met= mail email called texted came stopped visit wrote saw= spoke "
     "phone video zoom call= meeting mtg= conference"},
    {0, CL(GV_X_JAIL), "jail attorney"},
    /* words a rule or phrase needs besides its class's (events.c) */
    {0, CL(GV_X_PRON), "she= he= they="},
    {0, CL(GV_X_FROMBY), "from= by="},
    /* "strong case", "(recorded) jail calls": their first words open
    ** strength only beside the second (gv_gate_line) */
    {0, CL(GV_X_STRONG), "strong="},
    {0, CL(GV_X_PAIR), "case= call= calls="},
    /* events.c's {neg}: a negation or condition ("n't" is the word "t") */
    {0, CL(GV_X_NEG),
     "no= not= never= without= if= whether= unless= might= maybe= hope= "
     "hoping= yet= unwilling= refus t"},
    /* no "offer": each phrase with it holds another of these ("offer
    ** stands", "offer remains", "same offer"), and "offered" is common */
    {GV_GATE_EVENTS, CL(GV_V_SAME),
     "same budg movement moved move holding holds firm still stand unwilling "
     "concession moving unchanged remains change refus"},
    {GV_GATE_EVENTS, CL(GV_V_REQUEST),
     "asked request pushed pressed lobbied begged better lower reduc "
     "reconsider"},
    /* parties: they open no scanner, but a rule that needs a party word
    ** (a subject, the prosecutor addressed) is skipped on a line with none
    ** (vocab.c's built-in words; "Gov't" is "gov", "def't" is "def") */
    {0, CL(GV_V_PROSECUTION),
     "ada= adda= dda= ausa asa= aag= da= sa= pros state people "
     "commonwealth gov crown"},
    {0, CL(GV_V_DEFENSE), "we= i defense defence counsel def us= our= me="},
    {0, CL(GV_V_CLIENT), "client cl= def"},
    {0, CL(GV_V_COURT), "court judge hon bench"},
    /* a case name always has its " v. " / " vs. "; a number its label,
    ** the word itself or glued to "No"/"Number" ("CaseNo"): "cases",
    ** "filed" and "filing" open nothing */
    {GV_GATE_CASEV, 0, "v vs="},
    {GV_GATE_HEADER, 0,
     "case= caseno casenu docket dkt= cause indictment ind= file= fileno filenu "
     "information complaint citation"},
    {GV_GATE_MARKER, 0, "gavel"},
    /* court.c's rows need only one word that every match of a row
    ** holds: "bail/VOP/suppression/... hearing" holds "hearing", "jury
    ** trial" and "pre-trial" hold "trial", "change of plea" holds "plea",
    ** "file ... NLT" holds "file"; so the first words of those phrases,
    ** common alone ("motion", "restitution", "bond"), are no stems */
    {GV_GATE_COURT, 0,
     "hearing trial pretrial ptc= arraign sentenc prelim status plea "
     "calendar docket readiness settlement jt= court due deadline cut cutoff "
     "file filing serv submit send get"},
    /* likewise: "body cam" holds "body", "latent prints" "prints",
    ** "co-defendant flipped" "co", "lab results positive" "positive",
    ** "lineup ID" "ID", "recorded jail calls" "jail" ("cam" would open
    ** the gate on every "came") */
    {GV_GATE_STRENGTH, 0,
     "confess admission admitted surveillance security store cctv video "
     "footage body dash dna= fingerprint prints eyewitness positive "
     "identified picked confident overwhelming slam airtight shut "
     "co= codef cooperating gps= bac= breath blood id="},
    /* likewise: "need an investigator" holds "investigator", "motion to
    ** suppress" the word "suppress" itself (not "suppression"), "witness
    ** list" and "exhibit list" "list", "witness interview" "interview",
    ** "jury instructions" "instructions", "trial brief" "brief", "notice
    ** of alibi" "alibi", "defense theory" "theory" */
    {GV_GATE_PREP, 0,
     "list= lists= subpoena expert limine mil= mils= instructions "
     "voir questionnaire brief investigator suppress= mts= compel= dismiss= "
     "theory opening closing cross alibi brady interview binder notebook "
     "demonstrative"},
};

/* Classes and scanners that two words open together (one of `a` and one
** of `b` on the line), where either alone is common in notes and every
** phrase that needs it holds both.  `cls` and `bits` are one class, one
** GV_GATE_* bit. */
static const struct pair {
  uint32_t a, b, cls, bits;
} pairs[] = {
    /* a client contact: a contact word beside a client word, or "jail" /
    ** "attorney" ("jail visit", "saw him at jail", "attorney visit") */
    {CL(GV_X_CC), CL(GV_V_CLIENT) | CL(GV_X_JAIL), CL(GV_V_CLIENT_CONTACT),
     GV_GATE_EVENTS},
    /* "strong case", "jail calls" ("attorney calls" opens it too: a
    ** strength word needs not be seen exactly, only never missed) */
    {CL(GV_X_STRONG) | CL(GV_X_JAIL), CL(GV_X_PAIR), 0, GV_GATE_STRENGTH},
};

/* Which gate bits read each vocabulary class (a user's phrase in that
** class must open the gate of those scanners). */
static uint32_t class_bits(gv_vclass c) {
  switch (c) {
  case GV_V_OFFER: case GV_V_COUNTER: case GV_V_REJECT: case GV_V_ACCEPT:
  case GV_V_WITHDRAW: case GV_V_FINAL: case GV_V_ATTEMPT: case GV_V_RESPONSE:
  case GV_V_UNANSWERED: case GV_V_CLIENT_CONTACT: case GV_V_SAME:
  case GV_V_REQUEST:
    return GV_GATE_EVENTS;
  case GV_V_STRENGTH: return GV_GATE_STRENGTH;
  case GV_V_PREP: return GV_GATE_PREP;
  case GV_V_CUSTODY: case GV_V_PROBATION: case GV_V_FINE:
  case GV_V_RESTITUTION: case GV_V_DIVERSION:
    return GV_GATE_MONEY;
  default: return 0; /* parties, done/open: they qualify, never trigger */
  }
}

/* The classes a line's words are looked up for, though they open no
** scanner: a rule may need one of them (events.c). */
#define PARTY_CLASSES                                                         \
  (CL(GV_V_PROSECUTION) | CL(GV_V_DEFENSE) | CL(GV_V_CLIENT) | CL(GV_V_COURT))

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int letter(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* A new trie node, or 0 when memory or node numbers ran out. */
static uint16_t new_node(struct gv_gate *g) {
  if (g->nodes == GV_NODES_MAX) return 0;
  if (g->nodes == g->cap) {
    size_t cap = g->cap * 2;
    uint16_t(*next)[26] = realloc(g->next, cap * sizeof *next);
    if (!next) return 0;
    g->next = next;
    payload *pay = realloc(g->pay, cap * sizeof *pay);
    if (!pay) return 0;
    g->pay = pay;
    g->cap = cap;
  }
  memset(g->next[g->nodes], 0, sizeof g->next[0]);
  memset(&g->pay[g->nodes], 0, sizeof g->pay[0]);
  return (uint16_t)g->nodes++;
}

/* How a stem matches a word (the mark after it in builtin[]). */
enum { STEM_PREFIX = 0, STEM_EXACT /* "=" */, STEM_SLASH /* "/": one letter
                                                        ** beside a '/' */ };

/* Adds word w[0..n) (letters only) with bits, matching as `exact` says.
** Returns 0, -1 on memory. */
static int add_word(struct gv_gate *g, const char *w, size_t n, int exact,
                    uint32_t bits, uint32_t classes) {
  if (n == 0) return 0;
  if (n == 1 && exact == STEM_SLASH) {
    g->slash[lower((unsigned char)w[0]) - 'a'] |= bits;
    g->slash_classes[lower((unsigned char)w[0]) - 'a'] |= classes;
    return 0;
  }
  if (n == 1) { /* "v" of "State v. Doe", "I" */
    g->single[lower((unsigned char)w[0]) - 'a'] |= bits;
    g->single_classes[lower((unsigned char)w[0]) - 'a'] |= classes;
    return 0;
  }
  if (n > GV_STEM_MAX) { /* a prefix of a long word is a fine stem */
    n = GV_STEM_MAX;
    exact = STEM_PREFIX;
  }
  size_t node = 1;
  for (size_t i = 0; i < n; i++) {
    int l = lower((unsigned char)w[i]) - 'a';
    if (!g->next[node][l]) {
      uint16_t k = new_node(g);
      if (!k && g->nodes < GV_NODES_MAX) return -1;
      if (!k) { /* no node numbers left: these scanners always run */
        g->always |= bits;
        g->always_classes |= classes;
        return 0;
      }
      g->next[node][l] = k;
    }
    node = g->next[node][l];
  }
  payload *p = &g->pay[node];
  if (exact == STEM_EXACT) {
    p->whole_bits |= bits;
    p->whole_classes |= classes;
  } else {
    p->pre_bits |= bits;
    p->pre_classes |= classes;
  }
  return 0;
}

/* Gives every node where no stem goes on a node that absorbs the rest of
** the word (see next[]), one for each distinct `pre`, and lays the trie
** out as `rows` (see ROW).  Returns 0, -1 on memory.  Past the node numbers, the
** gate opens every scanner (always): it may see too much, never too little. */
static int absorb(struct gv_gate *g) {
  size_t real = g->nodes;
  for (size_t n = 1; n < real; n++) {
    const payload *p = &g->pay[n];
    size_t a = 0;
    if (p->pre_bits | p->pre_classes) {
      /* one absorbing node for each distinct pre (few: a stem's bits) */
      for (a = real; a < g->nodes; a++)
        if (g->pay[a].pre_bits == p->pre_bits && g->pay[a].pre_classes == p->pre_classes)
          break;
      if (a == g->nodes) {
        uint32_t pb = p->pre_bits, pc = p->pre_classes; /* new_node moves pay */
        uint16_t k = new_node(g);
        if (!k && g->nodes < GV_NODES_MAX) return -1;
        if (!k) {
          g->always = GV_GATE_ALL;
          g->always_classes = UINT32_MAX;
          a = 0;
        } else {
          g->pay[k].pre_bits = pb;
          g->pay[k].pre_classes = pc;
          for (int l = 0; l < 26; l++) g->next[k][l] = k;
          a = k;
        }
      }
    }
    for (int l = 0; l < 26; l++)
      if (!g->next[n][l]) g->next[n][l] = (uint16_t)a;
  }
  g->rows = malloc(g->nodes * ROW * sizeof *g->rows);
  if (!g->rows) return -1;
  for (size_t n = 0; n < g->nodes; n++) {
    uint32_t *r = &g->rows[n * ROW];
    for (int l = 0; l < 26; l++) r[ROW_NEXT + l] = (uint32_t)g->next[n][l] * ROW;
    r[ROW_BITS] = g->pay[n].pre_bits | g->pay[n].whole_bits;
    r[ROW_CLASSES] = g->pay[n].pre_classes | g->pay[n].whole_classes;
  }
  for (int a = 0; a < 26; a++)
    for (int b = 0; b < 26; b++)
      g->pair[a * 26 + b] = g->rows[g->rows[ROW + a] + b]; /* the root is node 1 */
  free(g->pay); /* the node numbers and payloads served the build only */
  g->pay = NULL;
  free(g->next);
  g->next = NULL;
  return 0;
}

/* A user's phrase: its first word is the stem (the phrase matches only
** where that word stands, as a word or the start of one). */
static int add_phrase(void *ud, int cls, const char *p, size_t n) {
  struct gv_gate *g = ud;
  uint32_t bits = class_bits((gv_vclass)cls);
  size_t i = 0, k;
  if (!bits && !(CL(cls) & PARTY_CLASSES)) return 0;
  for (k = i; k < n && letter((unsigned char)p[k]); k++) {}
  if (k - i < 2) { /* "$ deal", "I proposed": no word of two letters */
    g->always |= bits;
    g->always_classes |= CL(cls);
    return 0;
  }
  return add_word(g, p + i, k - i, 0, bits, CL(cls));
}

int gv_gate_build(gavel_engine *e, char *err, size_t errlen) {
  struct gv_gate *g = calloc(1, sizeof *g);
  if (!g) goto nomem;
  e->gate = g;
  g->cap = 1024;
  g->next = calloc(g->cap, sizeof *g->next);
  g->pay = calloc(g->cap, sizeof *g->pay);
  if (!g->next || !g->pay) goto nomem;
  g->nodes = 2; /* the dead end and the root */
  for (size_t b = 0; b < sizeof builtin / sizeof builtin[0]; b++) {
    const char *p = builtin[b].words;
    while (*p) {
      while (*p == ' ') p++;
      const char *w = p;
      while (letter((unsigned char)*p)) p++;
      int exact = *p == '=' ? STEM_EXACT : *p == '/' ? STEM_SLASH : STEM_PREFIX;
      if (add_word(g, w, (size_t)(p - w), exact, builtin[b].bits,
                   builtin[b].classes) != 0)
        goto nomem;
      if (exact) p++;
    }
  }
  if (gv_vocab_each_phrase(e->opts.vocab, add_phrase, g) != 0) goto nomem;
  /* a node's `pre` takes in its parent's: a child is numbered after it */
  for (size_t n = 1; n < g->nodes; n++)
    for (int l = 0; l < 26; l++) {
      size_t k = g->next[n][l];
      if (!k) continue;
      g->pay[k].pre_bits |= g->pay[n].pre_bits;
      g->pay[k].pre_classes |= g->pay[n].pre_classes;
    }
  if (absorb(g) != 0) goto nomem;
  /* digits; a Bates number opens the evidence scanner (gv_gate_line) */
  for (int c = '0'; c <= '9'; c++)
    g->byte_bits[c] = GV_GATE_DATES | GV_GATE_MONEY;
  g->byte_bits['$'] = GV_GATE_MONEY | GV_GATE_CASH;
  for (int c = 0; c < 256; c++)
    g->letter[c] = c >= '0' && c <= '9' ? BYTE_DIGIT
                   : c == 0 || g->byte_bits[c] ? BYTE_OTHER : BYTE_PLAIN;
  for (int c = 'a'; c <= 'z'; c++) g->letter[c] = g->letter[c - 32] = (uint8_t)(c - 'a');
  return 0;
nomem:
  gv_fmt(err, errlen, "out of memory");
  return -1;
}

void gv_gate_free(gavel_engine *e) {
  if (!e->gate) return;
  free(e->gate->next);
  free(e->gate->pay);
  free(e->gate->rows);
  free(e->gate);
  e->gate = NULL;
}

/* Notes that the word or byte at `pos` set `bits` and `classes`. */
static void seen_at(gv_gate_at *at, uint32_t bits, uint32_t classes, size_t pos) {
  for (; bits; bits &= bits - 1) at->bit[gv_lowest_bit(bits)] = (uint32_t)pos;
  for (; classes; classes &= classes - 1) at->cls[gv_lowest_bit(classes)] = (uint32_t)pos;
}

/* Lists a word, digit run or NUL at pos for anchor.c (gv_gate_at). */
static void note_start(gv_gate_at *at, uint32_t *nw, size_t pos, unsigned l0,
                       unsigned l1, unsigned l2) {
  if (*nw < GV_WORDS_MAX) {
    at->word[*nw] = (uint32_t)pos;
    at->key[*nw] = (uint16_t)GV_START_KEY(l0, l1);
    at->mask[*nw] = GV_START_MASK(l2);
  }
  ++*nw;
}

unsigned gv_gate_line(const gavel_engine *e, const char *s, size_t len,
                      unsigned reads, uint32_t *classes, gv_gate_at *at) {
  const struct gv_gate *g = e->gate;
  const unsigned char *u = (const unsigned char *)s;
  uint32_t bits, cls;
  if (!g || !e->shortcuts) {
    memset(at, 0xFF, offsetof(gv_gate_at, word));
    *classes = UINT32_MAX;
    return GV_GATE_ALL & reads;
  }
  at->len = (uint32_t)len;
  bits = g->always;
  cls = g->always_classes;
  seen_at(at, bits, cls, UINT32_MAX);
  uint32_t nw = 0; /* at->nwords, kept here while the loop runs */
  /* `safe`: a word that starts before it ends before it too (the byte
  ** before it is no letter), so its letters are read with no test of the
  ** length; only a word the line ends with is read with one */
  size_t safe = len;
  while (safe > 0 && g->letter[u[safe - 1]] < 26) safe--;
  for (size_t i = 0; i < len;) {
    unsigned char c = u[i];
    unsigned l = g->letter[c];
    if (l == BYTE_PLAIN) { /* a blank, most signs */
      i++;
      continue;
    }
    if (l < 26) { /* a word: down the trie a letter a step, to its end */
      const uint32_t *rows = g->rows;
      size_t b = i, row = 0; /* a one-letter word has no row (single[]) */
      unsigned l1 = 26, l2 = 26;
      if (b < safe) {
        if ((l1 = g->letter[u[++i]]) < 26) {
          row = g->pair[l * 26 + l1];
          if ((l2 = g->letter[u[++i]]) < 26) {
            row = rows[row + l2];
            while ((l = g->letter[u[++i]]) < 26) row = rows[row + l];
          }
        }
      } else if (++i < len && (l1 = g->letter[u[i]]) < 26) {
        row = g->pair[l * 26 + l1];
        if (++i < len && (l2 = g->letter[u[i]]) < 26) {
          row = rows[row + l2];
          while (++i < len && (l = g->letter[u[i]]) < 26) row = rows[row + l];
        }
      }
      /* l1, l2: 26 when the word is shorter (a byte after it, no letter) */
      if (l1 > 26) l1 = 26;
      note_start(at, &nw, b, g->letter[c], l1, l1 < 26 && l2 < 26 ? l2 : 26);
      uint32_t wb, wc;
      if (i - b == 1) {
        l = g->letter[c];
        wb = g->single[l];
        wc = g->single_classes[l];
        if ((b > 0 && u[b - 1] == '/') || (i < len && u[i] == '/')) {
          wb |= g->slash[l];
          wc |= g->slash_classes[l];
        }
      } else {
        wb = rows[row + ROW_BITS];
        wc = rows[row + ROW_CLASSES];
      }
      if (wb | wc) seen_at(at, wb, wc, b);
      bits |= wb;
      cls |= wc;
      continue;
    }
    if (l == BYTE_DIGIT) {
      /* a Bates number: letters, maybe '-' or '_', then 4 or more digits
      ** (evidence.c); exhibits have their "ex" word */
      size_t b = i;
      while (++i < len && u[i] >= '0' && u[i] <= '9') {}
      note_start(at, &nw, b, GV_START_DIGIT, 26, 26);
      uint32_t db = g->byte_bits[c];
      if (i - b >= 4 && b > 0 &&
          (g->letter[u[b - 1]] < 26 || u[b - 1] == '-' || u[b - 1] == '_'))
        db |= GV_GATE_EVIDENCE;
      seen_at(at, db, 0, b);
      bits |= db;
      continue;
    }
    if (c == 0) note_start(at, &nw, i, GV_START_NUL, 26, 26);
    if (g->byte_bits[c]) seen_at(at, g->byte_bits[c], 0, i);
    bits |= g->byte_bits[c];
    i++;
  }
  at->nwords = nw;
  at->seen_cls = cls;
  at->seen_bits = bits;
  for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
    const struct pair *pr = &pairs[k];
    if (!(cls & pr->a) || !(cls & pr->b)) continue;
    /* a match holds a word of each: none starts after the later last one
    ** (nor after the last word that set the class or bit on its own);
    ** UINT32_MAX (nothing bounds it) comes back as SIZE_MAX, cut to itself */
    uint32_t last = (uint32_t)gv_gate_last(at, cls & (pr->a | pr->b));
    if (pr->cls) {
      uint32_t *p = &at->cls[gv_lowest_bit(pr->cls)];
      *p = (cls & pr->cls) && *p > last ? *p : last;
    }
    if (pr->bits) {
      uint32_t *p = &at->bit[gv_lowest_bit(pr->bits)];
      *p = (bits & pr->bits) && *p > last ? *p : last;
    }
    cls |= pr->cls;
    bits |= pr->bits;
    at->seen_cls = cls;
    at->seen_bits = bits;
  }
  *classes = cls;
  return bits & reads;
}
