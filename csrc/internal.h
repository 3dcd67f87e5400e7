/*
** internal.h: what the engine's files share and nobody else sees.
**
** Reading happens in two stages.
**   1. Per line (gv_read_line): a pure function of the line's bytes and the
**      engine.  Each concern appends items to the line's list: dates.c,
**      money.c (money, durations, terms), evidence.c, events.c (offers,
**      counters, rejections, acceptances, withdrawals, contacts), court.c
**      (case header, ack/snooze markers, court dates, deadlines, strength,
**      trial prep).  They run
**      in that order, so a later scanner may look at the items an earlier
**      one found on the same line (an event may point at a date by index).
**      Unresolved dates keep their gavel_datespec; nothing depends on other
**      lines here.
**   2. Per document (gv_analyze, timeline.c): a walk over the rows that
**      have items resolves dates against their entry dates, attaches terms
**      and expiries to offers, builds the timeline, the summary and the
**      warnings.  Its result depends only on the rows' items, so an
**      incremental document always equals a fresh read of the same text.
*/
#ifndef GAVEL_INTERNAL_H
#define GAVEL_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>

#include "gavel.h"

/* ------------------------------------------------------------------ */
/* Item lists                                                          */
/* ------------------------------------------------------------------ */

typedef struct gv_items {
  gavel_item *v;
  size_t n, cap;
  /* while v is a block lent by the caller (gv_items_lend): the list's own
  ** block, which it goes back to */
  gavel_item *own;
  size_t own_cap;
  int lent;
} gv_items;

/* The capacity, doubling from cap (16 when 0), that holds `need`
** elements of `size` bytes; 0 when that many bytes do not fit a size_t. */
size_t gv_grown_cap(size_t cap, size_t need, size_t size);

/* Grows the array v of *cap elements of `size` bytes to hold `need`
** (gv_grown_cap).  Returns the (maybe moved) array with *cap updated, or
** NULL (memory; v and *cap untouched). */
void *gv_grow(void *v, size_t *cap, size_t need, size_t size);

/* Empties l and has it push into v[0..cap), a block the caller keeps
** owning, until gv_items_unlend; a push past cap moves the items into the
** list's own block (the list is then no longer lent).  So a line's items
** can be read straight into where they will be kept. */
void gv_items_lend(gv_items *l, gavel_item *v, size_t cap);

/* Empties l and gives it back its own block, if it was lent one. */
void gv_items_unlend(gv_items *l);

/* Sets every field of *it to its "not applicable" value: zeros, -1 for
** counts and minute/date_ref/weekday, GAVEL_NO_DAY for days, terms unknown. */
void gv_item_clear(gavel_item *it);

/* Appends a cleared item of `kind` spanning [col, end_col) and returns it,
** or NULL when memory ran out (the list is unchanged). */
gavel_item *gv_items_push(gv_items *l, gavel_kind kind, size_t col,
                          size_t end_col);

void gv_items_free(gv_items *l);

/* Asks the system to make the pages of a freshly allocated block [p, p+n)
** that is about to be written resident at once (Linux 5.14 and later:
** MADV_POPULATE_WRITE), instead of one page fault at a time as the writes
** reach them: a page fault costs microseconds on a virtual machine, and a
** large file's rows and items fill tens of megabytes.  Blocks under
** GV_PREFAULT_MIN bytes are left alone (malloc likely reuses their pages);
** the pages the block shares with its neighbours are not touched.  Changes
** nothing a program can see; does nothing where not supported or when the
** system refuses. */
#define GV_PREFAULT_MIN ((size_t)16 * 1024)
void gv_prefault(void *p, size_t n);

/* The number of lines in text[0..len): its newlines, and one more when
** it does not end with one (at least 1: no text is one empty line). */
size_t gv_line_count(const char *text, size_t len);

/* Splits text[0..len) at its newlines into n lines (n from gv_line_count):
** lines[k] points at line k's first byte in text, lens[k] is its length
** without the newline and a '\r' before it.  One look at each byte, 64 at
** a time where the compiler offers SSE2 (a line is not a call of its own). */
void gv_split_lines(const char *text, size_t len, const char **lines, size_t *lens,
                    size_t n);

/* A huge page (transparent huge pages): one page fault, or one gv_prefault
** step, for 2 MB instead of one for each 4 KB. */
#define GV_HUGE_PAGE ((size_t)2 << 20)

/* The system's page size in bytes. */
size_t gv_page_size(void);

/* A new block of n bytes (a multiple of gv_page_size(), and of
** GV_HUGE_PAGE when huge) of zeroed memory straight from the system, not
** from malloc: malloc's heap would keep or give back the pages as its own
** rules say, which a reader of large files wants to choose (document.c's
** chunks).  When huge, the block starts at a GV_HUGE_PAGE boundary and is
** advised to be huge pages (madvise(MADV_HUGEPAGE), where the system has
** them).  Returns the block, or NULL (memory); free it with gv_unmap(p, n). */
void *gv_map(size_t n, int huge);
void gv_unmap(void *p, size_t n);

/* Copies at most cap-1 bytes of [s, s+n) into dst, NUL-terminates, and
** never cuts a UTF-8 sequence in half.  Returns dst. */
char *gv_copy(char *dst, size_t cap, const char *s, size_t n);

/* Formats like snprintf into a fixed buffer; never overflows, returns dst. */
char *gv_fmt(char *dst, size_t cap, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* A growing string for building pattern text.  `bad` sticks at 1 once an
** allocation failed (later appends do nothing); callers may set other
** non-zero values for their own errors.  s is NUL-terminated when not
** NULL; free it with free(). */
typedef struct gv_sbuf {
  char *s;
  size_t n, cap;
  int bad;
} gv_sbuf;

void gv_sb_addn(gv_sbuf *b, const char *t, size_t n);
void gv_sb_add(gv_sbuf *b, const char *t);

/* ------------------------------------------------------------------ */
/* Vocabulary (vocab.c)                                                */
/* ------------------------------------------------------------------ */

typedef enum gv_vclass {
  GV_V_PROSECUTION = 0, /* ADA, DA, AUSA, the State, the People, pros. */
  GV_V_DEFENSE,         /* we, I, defense, counsel */
  GV_V_CLIENT,          /* client, cl., def't */
  GV_V_COURT,           /* the court, judge, J. */
  GV_V_OFFER,           /* offered, offer is, will offer */
  GV_V_COUNTER,         /* countered, we proposed */
  GV_V_REJECT,          /* rejected, declined the offer, turned down */
  GV_V_ACCEPT,          /* accepted, took the plea */
  GV_V_WITHDRAW,        /* withdrew, pulled the offer, no further offers */
  GV_V_FINAL,           /* final offer, best and final, last offer */
  GV_V_ATTEMPT,         /* emailed, called, left VM, texted, letter */
  GV_V_RESPONSE,        /* replied, returned call, met, said, declined */
  GV_V_UNANSWERED,      /* no reply, still nothing, no response */
  GV_V_CLIENT_CONTACT,  /* met client, client called, jail visit */
  GV_V_STRENGTH,        /* confession, video, DNA, eyewitness ID */
  GV_V_PREP,            /* witness list, exhibit list, subpoena, expert */
  GV_V_DONE,            /* done, filed, served, sent, [x] */
  GV_V_OPEN,            /* todo, need to, pending, [ ] */
  GV_V_SAME,            /* same offer, won't budge, no movement (events.c) */
  GV_V_REQUEST,         /* asked to reconsider, requested a reduction */
  GV_V_CUSTODY,         /* DOC, prison, jail, custody, HOC (money.c) */
  GV_V_PROBATION,       /* probation, supervised release, community control */
  GV_V_FINE,            /* fine, court costs */
  GV_V_RESTITUTION,     /* restitution, pay back, resti. */
  GV_V_DIVERSION,       /* diversion, deferred adjudication, CWOF, ARD */
  GV_V_COUNT
} gv_vclass;

/* Classes the gate tracks beyond the vocabulary's, as bits of
** gv_line.classes above GV_V_COUNT: a negation word (events.c's {neg}:
** "no", "never", the "t" of "won't"), a word that makes a client contact
** with a client word beside it ("called", "met", "meeting"), and the words
** that only together with another open a pattern. */
#define GV_X_NEG 25
#define GV_X_CC 26
#define GV_X_JAIL 27   /* "jail", "attorney": with "visit"/"saw" a contact */
#define GV_X_PRON 28   /* she, he, they (events.c's {pron}) */
#define GV_X_FROMBY 29 /* from, by ("offer from the State") */
#define GV_X_STRONG 30 /* "strong": strength only beside "case" */
#define GV_X_PAIR 31   /* case, call, calls: the words "strong" and "jail"
                       ** need to be strength words ("strong case", "jail
                       ** calls"), not "strong ties" or "met at the jail" */

/* Returns the class's name as used in gavel_options.vocab ("prosecution"). */
const char *gv_vclass_name(gv_vclass c);

/* "(?:f1|f2|...)" of the regex fragments v[0..n), in the order they are to
** be tried, grouped by first letter ("p(?:lea\\s+deal|roposed)|..."): PCRE2
** then turns most of them away at one byte, and the first that matches is
** the one the plain alternation finds.  Only for caseless patterns (a
** group's letter is written in lower case).  Returns a new string, NULL on
** memory. */
char *gv_alt_group(const char *const *v, size_t n);
/* The same for pattern text that opens with an alternation "(?:a|b|...)":
** that group grouped, the rest of the text as it is.  NULL (use the text
** as it is) when it opens otherwise, holds a capturing group, or on
** memory. */
char *gv_alt_regroup(const char *text);

/* Builds, for every class, one non-capturing alternation "(?:a|b|...)"
** from the built-in regex fragments plus the user's literal phrases in
** `spec` (escaped, with flexible white space).  Longer alternatives come
** first.  On success alts[i] are malloc'd strings owned by the caller
** (free with gv_vocab_free) and 0 is returned; on failure -1 with a reason
** in err, nothing allocated. */
int gv_vocab_build(const char *spec, char *alts[GV_V_COUNT], char *err,
                   size_t errlen);
void gv_vocab_free(char *alts[GV_V_COUNT]);

/* Calls fn for every phrase of a spec gv_vocab_build accepted: its class
** and its text as written (trimmed, not escaped).  Stops at fn's first
** non-zero result and returns it; 0 when all were seen. */
int gv_vocab_each_phrase(const char *spec,
                         int (*fn)(void *ud, int cls, const char *p, size_t n),
                         void *ud);

/* ------------------------------------------------------------------ */
/* The gate (gate.c)                                                   */
/* ------------------------------------------------------------------ */

/* What a line may hold, by the scanner (or part of one) that reads it. */
#define GV_GATE_DATES    0x001u
#define GV_GATE_MONEY    0x002u
#define GV_GATE_EVIDENCE 0x004u
#define GV_GATE_EVENTS   0x008u
#define GV_GATE_HEADER   0x010u /* court.c: case name and number */
#define GV_GATE_MARKER   0x020u /* court.c: ack/snooze markers */
#define GV_GATE_COURT    0x040u /* court.c: court dates and deadlines */
#define GV_GATE_STRENGTH 0x080u /* court.c */
#define GV_GATE_PREP     0x100u /* court.c */
/* money.c's sub-scans that need a word of their own (all with MONEY) */
#define GV_GATE_SUSP     0x200u /* suspended */
#define GV_GATE_DISMISS  0x400u /* counts dismissed */
#define GV_GATE_CHARGE   0x800u /* the charge pleaded to */
#define GV_GATE_SFLAGS   0x1000u /* time served (diversion is a class) */
#define GV_GATE_CASH     0x2000u /* money: "$", dollars */
#define GV_GATE_UNIT     0x4000u /* durations: months, years... */
#define GV_GATE_DATEWORD 0x8000u /* dates: a month, weekday, today... */
#define GV_GATE_DATEUNIT 0x10000u /* dates: days or weeks */
#define GV_GATE_DATEREL  0x20000u /* dates: in, within, from, ago */
#define GV_GATE_CASEV    0x40000u /* court.c: the " v. " of a case name
                                  ** (GV_GATE_HEADER: a case number's label) */
#define GV_GATE_CASHWORD 0x80000u /* money: dollars, bucks, USD (a word) */
#define GV_GATE_ALL      0xFFFFFu

#define GV_GATE_NBITS    20 /* the bits of GV_GATE_ALL */

#define GV_WORDS_MAX 96 /* word starts a line lists (gv_gate_at) */

/* Where the gate saw each class's and each scanner's words: the start of
** the last word (or trigger byte) on the line that set it.  A match of a
** pattern contains a word of a class it names (the gate's invariant), so a
** match that starts after cls[c] for every class c it may hold cannot
** exist: a scanner looking for a further match past that point is done.
** UINT32_MAX where nothing bounds it (shortcuts off, a user's phrase with
** no word of its own).  Only the entries in seen_cls and seen_bits are
** set for this line (the rest are left from earlier lines, not cleared:
** a line's first look writes no more than it finds); read them through
** gv_gate_last and gv_gate_last_bit, which count the others as 0. */
typedef struct gv_gate_at {
  uint32_t seen_cls, seen_bits;   /* the entries below set for this line */
  uint32_t cls[32];               /* by gv_vclass, and GV_X_* */
  uint32_t bit[GV_GATE_NBITS];    /* by GV_GATE_* bit number */
  /* Where each word (a run of ASCII letters), each run of digits and each
  ** NUL starts, in order, for anchor.c, with its first letters' key and
  ** mask (gv_starts): l0 is a word's first letter (0..25), GV_START_DIGIT
  ** or GV_START_NUL; l1 and l2 its second and third letters, or 26.
  ** nwords > GV_WORDS_MAX when the line had more (none is then read). */
  uint32_t nwords, len;            /* len: the line's, as the gate saw it */
  uint32_t word[GV_WORDS_MAX];
  uint16_t key[GV_WORDS_MAX];     /* GV_START_KEY(l0, l1) */
  uint32_t mask[GV_WORDS_MAX];    /* GV_START_MASK(l2) */
} gv_gate_at;

/* Builds the stems of the built-in vocabulary and of e->opts.vocab.
** Returns 0, or -1 with "out of memory" in err. */
int gv_gate_build(gavel_engine *e, char *err, size_t errlen);
void gv_gate_free(gavel_engine *e);

/* The GV_GATE_* bits, among `reads`, of the scanners that may find
** something in s[0..len): a clear bit means that scanner cannot match
** there.  One walk of the stems' trie per word: linear in len.  *classes
** gets the vocabulary classes (1 << gv_vclass) whose words may be on the
** line: only the classes that trigger negotiation events, the
** parties and GV_X_* are tracked; others read as set.  *at gets where
** each bit's and class's last word starts. */
unsigned gv_gate_line(const gavel_engine *e, const char *s, size_t len,
                      unsigned reads, uint32_t *classes, gv_gate_at *at);

/* The number of the lowest bit set in x (x != 0). */
static inline int gv_lowest_bit(uint32_t x) {
#if defined(__GNUC__)
  return __builtin_ctz(x);
#else
  int k = 0;
  while (!(x & 1u)) x >>= 1, k++;
  return k;
#endif
}

/* The same for 64 bits (x != 0). */
static inline int gv_lowest_bit64(uint64_t x) {
  uint32_t lo = (uint32_t)x;
  return lo ? gv_lowest_bit(lo) : 32 + gv_lowest_bit((uint32_t)(x >> 32));
}

/* The start of the last word on the line of any of `classes` (a mask of
** 1 << class): no match that holds one of them starts after it.  SIZE_MAX
** when classes is 0 (nothing bounds the match). */
static inline size_t gv_gate_last(const gv_gate_at *at, uint32_t classes) {
  uint32_t last = 0;
  if (!classes) return SIZE_MAX;
  for (classes &= at->seen_cls; classes; classes &= classes - 1) {
    uint32_t w = at->cls[gv_lowest_bit(classes)];
    if (w > last) last = w;
  }
  return last == UINT32_MAX ? SIZE_MAX : last;
}

/* The same for the words of one GV_GATE_* bit (a scanner's own words, or
** its trigger bytes: digits, "$"). */
static inline size_t gv_gate_last_bit(const gv_gate_at *at, unsigned bit) {
  int k = 0;
  while (k < GV_GATE_NBITS - 1 && !(bit & (1u << k))) k++;
  if (!(at->seen_bits & (1u << k))) return 0;
  return at->bit[k] == UINT32_MAX ? SIZE_MAX : at->bit[k];
}

/* ------------------------------------------------------------------ */
/* The engine (engine.c)                                               */
/* ------------------------------------------------------------------ */

struct gv_gate;          /* gate.c */
struct gv_date_pats;     /* dates.c */
struct gv_money_pats;    /* money.c */
struct gv_evidence_pats; /* evidence.c */
struct gv_event_pats;    /* events.c */
struct gv_court_pats;    /* court.c */

struct gavel_engine {
  gavel_options opts;      /* opts.vocab points at vocab_copy */
  char *vocab_copy;
  char *alt[GV_V_COUNT];   /* vocabulary alternations, for pattern building */
  pcre2_match_context *mctx; /* match/depth/heap limits; read-only */
  int jit;                 /* 1 when every pattern was JIT-compiled */
  int shortcuts;           /* 1: the gate and the events' probes skip the
                           ** patterns that cannot match a line; 0 (set by
                           ** the tests): every pattern runs on every line,
                           ** what a read with shortcuts must equal */
  struct gv_gate *gate;    /* the first look at a line (gate.c) */
  struct gv_anchors *anchors; /* anchored twins of patterns (anchor.c) */
  uint64_t twins;          /* bit gv_twin_hash(re) % 64 set: re may have one */
  struct gv_date_pats *dates;
  struct gv_money_pats *money;
  struct gv_evidence_pats *evidence;
  struct gv_event_pats *events;
  struct gv_court_pats *court;
  struct gv_pool *pool;    /* chunks for large reads (document.c) */
};

/* Compiles `pattern` with `flags` (PCRE2_CASELESS is usual; the engine
** never uses PCRE2_UTF: notes are matched as bytes, so invalid UTF-8 cannot
** make a match fail) and JIT-compiles it.  `%V{class}` is NOT expanded
** here: callers build pattern text with gv_vocab alternations first.
** GV_TWIN: give it an anchored twin when its starts can be derived
** (anchor.c): worth it for a long alternation tried on many lines, not
** for a pattern that starts at a common word ("the").  Returns the code,
** or NULL with "PATTERN_NAME: pcre2 message at offset N" in err.  Clears
** e->jit when JIT is not available. */
enum { GV_PLAIN = 0, GV_TWIN = 1 };
pcre2_code *gv_compile(gavel_engine *e, const char *name, const char *pattern,
                       uint32_t flags, int twin, char *err, size_t errlen);

/* Where a pattern's matches can start (anchor.c): `any` has bit l0 when
** any word whose first letter is l0 (0..25: 'a'..'z'), any run of digits
** (GV_START_DIGIT) or any NUL (GV_START_NUL) may start one;
** tri[GV_START_KEY(l0, l1)] has bit l2 for a word whose first three
** letters are l0 l1 l2, and GV_ANY3 for any word that starts with l0 l1.
** gv_starts_derive fills *st and returns 0, or -1 when some match may
** start elsewhere (or the pattern is not understood: *st is then moot). */
#define GV_START_DIGIT 26
#define GV_START_NUL 27
#define GV_STARTS 28
#define GV_ANY3 (1u << 26)
typedef struct gv_starts {
  uint32_t any;
  uint32_t tri[GV_STARTS * 32]; /* by GV_START_KEY(l0, l1) */
} gv_starts;
int gv_starts_derive(const char *pattern, gv_starts *st);
/* A start's key (l0 and l1, 26 for none) and the mask of its third letter
** l2 (26 for none), as the gate lists them for gv_starts_may. */
#define GV_START_KEY(l0, l1) ((unsigned)(l0) * 32u + (unsigned)(l1))
#define GV_START_MASK(l2) (GV_ANY3 | 1u << (l2)) /* l2 <= 26: 1 << 26 is GV_ANY3 */
/* 1 when a word (or a digit run, a NUL) with that key and mask may start
** a match. */
static inline int gv_starts_may(const gv_starts *st, unsigned key, uint32_t mask) {
  return ((st->any >> (key >> 5)) & 1u) || (st->tri[key] & mask);
}
/* When a word, a run of digits or a NUL starts at s[q] (s[0..len) read
** as the gate reads it), its key and mask for gv_starts_may, and 1; else
** 0. */
static inline int gv_start_key(const char *s, size_t len, size_t q,
                               unsigned *key, uint32_t *mask) {
  const unsigned char *u = (const unsigned char *)s;
  unsigned c, p, l0, l1 = 26, l2 = 26;
#define GV_LETTER_(x) (((x) | 0x20u) >= 'a' && ((x) | 0x20u) <= 'z')
#define GV_DIGIT_(x) ((x) >= '0' && (x) <= '9')
  if (q >= len) return 0;
  c = u[q];
  p = q > 0 ? u[q - 1] : ' ';
  if (GV_LETTER_(c)) {
    if (GV_LETTER_(p)) return 0; /* inside a word */
    l0 = (c | 0x20u) - 'a';
    if (q + 1 < len && GV_LETTER_(u[q + 1])) {
      l1 = (u[q + 1] | 0x20u) - 'a';
      if (q + 2 < len && GV_LETTER_(u[q + 2])) l2 = (u[q + 2] | 0x20u) - 'a';
    }
  } else if (GV_DIGIT_(c)) {
    if (GV_DIGIT_(p)) return 0; /* inside a run of digits */
    l0 = GV_START_DIGIT;
  } else if (c == 0) {
    l0 = GV_START_NUL;
  } else {
    return 0;
  }
#undef GV_LETTER_
#undef GV_DIGIT_
  *key = GV_START_KEY(l0, l1);
  *mask = GV_START_MASK(l2);
  return 1;
}
/* The twins' hash of a pattern (its address). */
static inline size_t gv_twin_hash(const pcre2_code *re) {
  uintptr_t x = (uintptr_t)(const void *)re;
  return (size_t)((x >> 4) ^ (x >> 11));
}
/* Gives re (compiled from pattern with flags) an anchored twin when its
** starts can be derived.  Returns 1 with a twin, 0 without (re is then to
** be JIT-compiled itself), -1 on memory. */
int gv_anchors_add(gavel_engine *e, const pcre2_code *re, const char *pattern,
                   uint32_t flags);
void gv_anchors_free(gavel_engine *e);
/* re's twin, or NULL when it has none. */
struct gv_twin;
const struct gv_twin *gv_twin_find(const gavel_engine *e, const pcre2_code *re);
/* Tries re only at b, through its twin: > 0 when a match starts at b
** (the match gv_match from b finds when its leftmost start is b), 0 when
** none does, -1 when re has no twin or shortcuts are off (the caller
** searches instead). */
int gv_match_here(const gavel_engine *e, const pcre2_code *re, const char *s,
                  size_t len, size_t b, pcre2_match_data *md);
/* gv_match through a twin, trying the words of `at` (or, when NULL, the
** starts in s's bytes) from start to last; the same result. */
int gv_match_twin(const gavel_engine *e, const struct gv_twin *t, const char *s,
                  size_t len, size_t start, size_t last, pcre2_match_data *md,
                  const struct gv_gate_at *at);

/* Capture pairs in every match data: no pattern may have more groups. */
#define GV_OVECTOR_PAIRS 64

/* Runs re on s[0..len) from `start`.  Returns the number of captured pairs
** (> 0) on a match, 0 on no match or when a resource limit stopped the
** match (the line is then treated as not matching that pattern).  at: the
** gate's look at s when s is a line it read (a pattern with an anchored
** twin then tries the words it lists, not every byte), else NULL. */
int gv_match(const gavel_engine *e, const pcre2_code *re, const char *s,
             size_t len, size_t start, pcre2_match_data *md,
             const struct gv_gate_at *at);

/* gv_match for a caller that wants no match starting after `last` (the
** gate's last word of a class every match holds, gv_gate_last): a pattern
** with a twin is not tried past it.  A search without one may still find
** such a match; the caller rejects it, as it would have. */
int gv_match_upto(const gavel_engine *e, const pcre2_code *re, const char *s,
                  size_t len, size_t start, size_t last, pcre2_match_data *md,
                  const struct gv_gate_at *at);

/* Start and end of capture group i of the last match in md, or -1/-1 when
** the group did not take part.  md has GV_OVECTOR_PAIRS pairs, as every
** match data gavel makes, and i is one of the pattern's own groups.
** Inline: the scanners read some 100,000 groups a 10k-line read. */
static inline void gv_group(pcre2_match_data *md, int i, long *so, long *eo) {
  const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
  size_t k = (size_t)i * 2;
  if (i < 0 || i >= GV_OVECTOR_PAIRS || ov[k] == PCRE2_UNSET) {
    *so = *eo = -1;
    return;
  }
  *so = (long)ov[k];
  *eo = (long)ov[k + 1];
}

/* Each concern compiles its patterns from the engine (options, vocabulary)
** and frees them.  *_compile returns 0, or -1 with a reason in err. */
int gv_dates_compile(gavel_engine *e, char *err, size_t errlen);
void gv_dates_free(gavel_engine *e);
int gv_money_compile(gavel_engine *e, char *err, size_t errlen);
void gv_money_free(gavel_engine *e);
int gv_evidence_compile(gavel_engine *e, char *err, size_t errlen);
void gv_evidence_free(gavel_engine *e);
int gv_events_compile(gavel_engine *e, char *err, size_t errlen);
void gv_events_free(gavel_engine *e);
int gv_court_compile(gavel_engine *e, char *err, size_t errlen);
void gv_court_free(gavel_engine *e);

/* ------------------------------------------------------------------ */
/* Reading one line                                                    */
/* ------------------------------------------------------------------ */

/* What every per-line scanner sees. */
typedef struct gv_line {
  const char *s;           /* the line (no newline), cut to max_line_bytes */
  size_t len;
  size_t indent;           /* bytes of leading blanks */
  int heading;             /* Markdown ATX heading level 1..6, else 0 */
  int list;                /* 1 when the line is a list item ("- ", "* ",
                              "1. ", "- [ ] ", "- [x] ") */
  int checkbox;            /* -1 none, 0 "[ ]", 1 "[x]" */
  size_t body;             /* offset after indent, heading marks, list
                              marker and checkbox: where the text begins */
  pcre2_match_data *md;    /* scratch, owned by the document */
  gv_items *out;           /* scanners append here */
  unsigned gate;           /* GV_GATE_* bits: who may find something here */
  uint32_t classes;        /* vocabulary classes that may be here (gate.c) */
  gv_gate_at at;           /* where the gate saw them (gate.c) */
} gv_line;

/* Each returns 0, or -1 when memory ran out. */
int gv_dates_scan(const gavel_engine *e, gv_line *ln);
int gv_money_scan(const gavel_engine *e, gv_line *ln);
int gv_evidence_scan(const gavel_engine *e, gv_line *ln);
int gv_events_scan(const gavel_engine *e, gv_line *ln);
int gv_court_scan(const gavel_engine *e, gv_line *ln);

/* Reads one line into out (cleared first): layout, then every scanner in
** order, then items sorted by column (stable).  Returns 0 or -1 (memory). */
int gv_read_line(const gavel_engine *e, pcre2_match_data *md,
                 const char *s, size_t len, gv_items *out);

/* gv_read_line with only the scanners (and money's sub-scans) of the
** GV_GATE_* bits `reads`: a peer document reads GV_GATE_EVIDENCE. */
int gv_read_line_only(const gavel_engine *e, pcre2_match_data *md,
                      const char *s, size_t len, unsigned reads, gv_items *out);

/* ------------------------------------------------------------------ */
/* Dates (dates.c)                                                     */
/* ------------------------------------------------------------------ */

/* Resolves a date as written against `anchor` (the entry date; for an
** entry date itself, the previous entry date, or today for the first).
** Missing years and relative forms take the occurrence the spec's tense
** asks for.  Returns the day, or GAVEL_NO_DAY when it cannot be resolved
** (relative with no anchor, impossible date). */
gavel_day gv_date_resolve(const gavel_datespec *spec, gavel_day anchor);

/* ------------------------------------------------------------------ */
/* Documents (document.c) and analysis (timeline.c)                    */
/* ------------------------------------------------------------------ */

/* One block of memory that the rows of a replace of many lines (a file
** opened, a paste) share for their texts and their items (a chunk,
** document.c): one allocation instead of two a row.  Its last row gives it
** to the engine's pool, or frees it. */
typedef struct gv_slab {
  char *start;             /* the block (malloc's under 64 KB, else gv_map's),
                              [start, start + size) */
  size_t size;
  size_t refs;             /* rows pointing into it, once for the text and
                              once for the items */
  struct gv_slab *next;    /* while the replace reads: its chunk before; in
                              the engine's pool: the next spare */
} gv_slab;

/* The chunks no row holds any more that an engine keeps for its
** documents' next large reads, their pages in memory already (reading into
** fresh pages costs a page fault each 4 KB, 2 MB at best); shared by
** every thread (document.c).  gv_pool_new returns NULL on memory;
** gv_pool_free frees the pool and its chunks (NULL: nothing). */
struct gv_pool;
struct gv_pool *gv_pool_new(void);
void gv_pool_free(struct gv_pool *p);
/* The bytes of the chunks p keeps (for the tests). */
size_t gv_pool_bytes(struct gv_pool *p);

struct gavel_doc;
/* Grows d's array *v (*cap elements of `size` bytes, its first `keep`
** kept) to hold `need`, doubling: malloc's while under 64 KB, from there a
** chunk of d's engine's pool (*chunk; NULL while malloc's): malloc gives a
** large block's pages back to the system when it is freed, and the next
** document faults them in again one at a time.  Returns 0 with *fresh
** (when not NULL) 1 when the array is new from the system (its bytes past
** keep are zero), or -1 (memory; nothing changed).  Let go of the array with
** gv_doc_release(d, *v, *chunk). */
int gv_doc_grow(struct gavel_doc *d, void **v, gv_slab **chunk, size_t *cap,
                size_t need, size_t size, size_t keep, int *fresh);
void gv_doc_release(struct gavel_doc *d, void *v, gv_slab *chunk);

typedef struct gv_row {
  char *text;              /* NUL-terminated; owned, or in text_slab */
  size_t len;
  gavel_item *items;       /* nitems long, sorted by column; owned, or in
                              items_slab */
  gv_slab *text_slab, *items_slab; /* NULL when the row owns its own */
  uint32_t nitems;
  uint8_t shape;           /* GV_ROW_* of text (set with it) */
  uint8_t has;             /* GV_HAS_*: what its items hold (set with them) */
} gv_row;

/* What a row's items hold, so that the analysis's passes over the whole
** document read only the rows that matter to them (items are large and
** scattered; the rows array is small and contiguous). */
#define GV_HAS_ROUND  0x01u /* a negotiation event (offer .. response) */
#define GV_HAS_WARN   0x02u /* an item a warning may point at */
#define GV_HAS_DEF    0x04u /* an evidence definition */
#define GV_HAS_REF    0x08u /* an evidence reference */
#define GV_HAS_MARKER 0x10u /* an ack/snooze marker */

struct gavel_doc {
  const gavel_engine *e;
  gv_row *rows;
  size_t nrows, cap;
  gv_slab *rows_chunk;     /* rows' block when a chunk (document.c), or NULL */
  pcre2_match_data *md;    /* scratch for every match on this document */
  gv_items scratch;        /* items of the line being read */
  char err[256];

  /* Results of the last analysis (timeline.c owns these). */
  gavel_warning *warn;
  size_t nwarn, capwarn;
  gavel_round *tl;
  size_t ntl, captl;
  gavel_summary sum;

  /* Rows whose resolved output may have changed, [chg_lo, chg_hi). */
  size_t chg_lo, chg_hi;

  /* What the last analysis saw, so that an analysis of the same reading is
  ** skipped: gen counts changes to the rows' items (an edit that only
  ** changes prose leaves it), and a peer's gen counts for it too. */
  uint64_t gen;
  unsigned reads;          /* GV_GATE_* of the scanners that read its lines */
  int threads;             /* gavel_doc_set_threads */
  double chunk_ratio;      /* bytes its reads carved for a byte of text
                              (document.c's chunks); 0 before any */
  /* Over every row, kept by gavel_doc_replace: negotiation events, items a
  ** warning may point at, evidence definitions (what the analysis reserves
  ** room for, without a pass over the items). */
  size_t tot_round, tot_warn, tot_defs;
  int analyzed;            /* the results below reflect gen, today, peers */
  uint64_t analyzed_gen, analyzed_peers;
  uint64_t analyses;       /* gavel_doc_analyses */
  gavel_day analyzed_today;

  /* The analysis's walk can start again from a saved state (timeline.c
  ** owns these): the walk's own warnings in walk order, its saved states
  ** by row, and the lowest row whose reading changed since the last
  ** analysis (SIZE_MAX: none). */
  gavel_warning *wwarn;
  size_t nwwarn, capwwarn;
  struct gv_ckpt *ck;
  size_t nck, capck;
  gv_slab *ck_chunk;       /* ck's block when a chunk (gv_doc_grow), or NULL */
  size_t dirty_lo;

  /* Evidence: ev_gen counts changes to rows that hold (or held) evidence
  ** definitions or references; the last analysis's references left
  ** undefined, and the evidence key (ev_gen and the peers') they hold for
  ** (ev_valid: they do for some key). */
  uint64_t ev_gen, ev_key;
  int ev_valid;
  const gavel_item **ev_undef;
  size_t nev_undef, capev_undef;
};

/* What the analysis reads of a row's text besides its items: whether it is
** blank (acks reach across blank rows) or a Markdown heading (offer terms
** stop there). */
enum { GV_ROW_TEXT = 0, GV_ROW_BLANK, GV_ROW_HEADING };
static inline int gv_row_shape(const gv_row *row) { return row->shape; }

/* Marks rows [lo, hi) changed (merged with what is already marked). */
void gv_doc_mark(gavel_doc *d, size_t lo, size_t hi);

/* Sets d->err like printf and returns st. */
gavel_status gv_doc_fail(gavel_doc *d, gavel_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The analysis behind gavel_doc_analyze.  Returns GAVEL_OK or
** GAVEL_ERR_NOMEM (then the previous results stand). */
gavel_status gv_analyze(gavel_doc *d, gavel_day today,
                        const gavel_doc *const *peers, size_t npeers);

/* Frees what gv_analyze allocated on d. */
void gv_analysis_free(gavel_doc *d);

#endif /* GAVEL_INTERNAL_H */
