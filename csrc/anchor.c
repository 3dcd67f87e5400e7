/*
** anchor.c: trying a pattern only where its matches can start.
**
** Most of a read's time in PCRE2 goes to patterns that are long
** alternations of phrases ("witness list|motion to suppress|...").  A
** search from the line's start tries every position the pattern's first
** bytes allow, and at each it walks the whole alternation: 1,500 to 5,000
** instructions a call on a 50-byte line.  Yet such a pattern can only
** start a match at a word whose first letters begin one of its phrases.
**
** So gv_compile, for a pattern marked GV_TWIN, works out from its text
** where a match may start (gv_starts_derive): at a word whose first three
** letters are among a set, at a run of digits, at a NUL.  When every path
** through the pattern starts so, behind a lookbehind that refuses a
** letter (or a digit) before it, it compiles an anchored twin, and
** gv_match tries the twin only at those of the line's words (the gate
** lists them) that may start a match.  The leftmost try that matches is
** the match the search from `start` would have found: a search's match is
** the one at its leftmost start, and an anchored try there finds the same.
**
** Invariant: every match of the pattern starts where gv_starts_may says
** it may (a callout is taken to read nothing).  The derivation gives up
** (the pattern is then searched as before) on anything it does not
** understand: \G and backtracking verbs (their meaning depends on where a
** search starts), back references, conditions, a path that can reach a
** letter or digit without such a lookbehind, a first byte of another
** kind.  The tests read every line with and without shortcuts
** (e->shortcuts = 0 searches as PCRE2 would), and the readings must be
** equal.
**
** Caveat: letters are ASCII; a case-sensitive part ("(?-i:State)") is
** folded like the rest, which only adds starts.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_STEPS 200000   /* the derivation's budget; past it, no twin */
#define SLOTS 128          /* the twins' table (a power of two) */

struct gv_twin {
  pcre2_code *anchored; /* the pattern compiled with PCRE2_ANCHORED */
  gv_starts st;         /* where its matches may start */
};

/* The twins by pattern, open addressing on gv_twin_hash. */
struct gv_anchors {
  struct {
    const pcre2_code *re; /* the pattern as compiled; NULL: a free slot */
    struct gv_twin *t;
  } slot[SLOTS];
  size_t n;
};

static int is_letter(int c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alnum(int c) { return is_letter(c) || is_digit(c); }

/* ---- the derivation ----------------------------------------------------- */

/* What is left to read after the current piece: [p, end), then next. */
typedef struct cont {
  const char *p, *end;
  const struct cont *next;
} cont;

typedef struct walk {
  gv_starts *st; /* what the paths walked so far may start with */
  long steps;
} walk;

/* The bytes one atom may read: letters (a bit per letter, folded), a
** digit, a NUL, or some other byte. */
typedef struct atom {
  uint32_t letters;
  int digit, nul, other;
} atom;

#define ALL_LETTERS ((1u << 26) - 1)
static const atom any_byte = {ALL_LETTERS, 1, 1, 1};

/* A lookbehind's refusals: what the byte before a match may not be. */
enum { REFUSE_LETTER = 1, REFUSE_DIGIT = 2 };

/* The end of the character class that opens at p ('['), or NULL. */
static const char *class_end(const char *p, const char *end) {
  const char *q = p + 1;
  if (q < end && *q == '^') q++;
  if (q < end && *q == ']') q++; /* a ']' first is a literal */
  for (; q < end; q++) {
    if (*q == '\\') {
      q++;
      continue;
    }
    if (*q == '[' && q + 1 < end && q[1] == ':') return NULL; /* [:alpha:] */
    if (*q == ']') return q + 1;
  }
  return NULL;
}

/* The end of the group that opens at p ('('), or NULL. */
static const char *group_end(const char *p, const char *end) {
  int depth = 0;
  for (const char *q = p; q < end; q++) {
    if (*q == '\\') {
      q++;
    } else if (*q == '[') {
      q = class_end(q, end);
      if (!q) return NULL;
      q--;
    } else if (*q == '(') {
      depth++;
    } else if (*q == ')' && --depth == 0) {
      return q + 1;
    }
  }
  return NULL;
}

/* Reads a quantifier at p into [*min, *max] (max -1: unbounded); none is
** {1,1}.  Returns the byte after it (and after a lazy or possessive mark). */
static const char *quantifier(const char *p, const char *end, int *min, int *max) {
  *min = *max = 1;
  if (p >= end) return p;
  if (*p == '?') *min = 0, p++;
  else if (*p == '*') *min = 0, *max = -1, p++;
  else if (*p == '+') *max = -1, p++;
  else if (*p == '{' && p + 1 < end && p[1] >= '0' && p[1] <= '9') {
    const char *q = p + 1;
    int a = 0, b;
    while (q < end && *q >= '0' && *q <= '9') a = a * 10 + (*q++ - '0');
    b = a;
    if (q < end && *q == ',') {
      q++;
      b = -1;
      if (q < end && *q >= '0' && *q <= '9')
        for (b = 0; q < end && *q >= '0' && *q <= '9';) b = b * 10 + (*q++ - '0');
    }
    if (q >= end || *q != '}') return p; /* a literal '{' */
    *min = a > 2 ? 2 : a;
    *max = b;
    p = q + 1;
  } else {
    return p;
  }
  if (p < end && (*p == '?' || *p == '+')) p++;
  return p;
}

/* The bytes the character class [p, q) may match. */
static atom class_atom(const char *p, const char *q) {
  atom a = {0, 0, 0, 0};
  p++;
  if (*p == '^') return any_byte; /* negated: taken as any byte */
  q--;                            /* the closing ']' */
  while (p < q) {
    int c = (unsigned char)*p;
    if (c == '\\') {
      int x = (unsigned char)p[1];
      if (x == 'd') a.digit = 1;
      else if (x == 's' || !is_alnum(x)) a.other = 1; /* "\s", "\-" */
      else return any_byte;                           /* \w, \x..: any */
      p += 2;
      continue;
    }
    if (p + 2 < q && p[1] == '-') { /* a range */
      int h = (unsigned char)p[2];
      if (c == '0' && h == '9') a.digit = 1;
      else if ((c == 'a' && h == 'z') || (c == 'A' && h == 'Z')) a.letters = ALL_LETTERS;
      else return any_byte;
      p += 3;
      continue;
    }
    if (is_letter(c)) a.letters |= 1u << ((c | 0x20) - 'a');
    else if (c >= '0' && c <= '9') a.digit = 1;
    else a.other = 1;
    p++;
  }
  return a;
}

/* What the lookbehind [p, close) refuses before a match: REFUSE_* bits
** when it is "(?<![...])" with A-Z and a-z, or 0-9, in its class. */
static int refusals(const char *p, const char *close) {
  const char *c = p + 4, *ce;
  int r = 0;
  if (strncmp(p, "(?<![", 5) != 0 || c[1] == '^') return 0;
  ce = class_end(c, close);
  if (!ce || ce != close - 1) return 0; /* more than one class */
  size_t n = (size_t)(ce - c);
  for (size_t i = 0; i + 3 <= n; i++) {
    if (memcmp(c + i, "A-Z", 3) == 0) r |= 4;
    if (memcmp(c + i, "a-z", 3) == 0) r |= 8;
    if (memcmp(c + i, "0-9", 3) == 0) r |= REFUSE_DIGIT;
  }
  return (r & REFUSE_DIGIT) | ((r & 12) == 12 ? REFUSE_LETTER : 0);
}

static int walk_alts(walk *w, const char *p, const char *end, const cont *k,
                     int n, int l0, int l1, int wb);

/* A path read n letters (1 or 2: l0, l1) and then may read anything. */
static void any_after(walk *w, int n, int l0, int l1) {
  if (n == 1) w->st->any |= 1u << l0;
  else w->st->tri[GV_START_KEY(l0, l1)] |= GV_ANY3;
}

/* Walks the sequence [p, end) then k, having read n (0 to 2) letters, l0
** and l1, and with wb the REFUSE_* bits of the lookbehinds passed.  Adds
** the starts its paths take to w.  Returns 0, or -1 when some path starts
** otherwise or is not understood. */
static int walk_seq(walk *w, const char *p, const char *end, const cont *k,
                    int n, int l0, int l1, int wb) {
  if (++w->steps > MAX_STEPS) return -1;
  if (p >= end) {
    if (k) return walk_seq(w, k->p, k->end, k->next, n, l0, l1, wb);
    if (n == 0) return -1; /* a match can be empty */
    any_after(w, n, l0, l1);
    return 0;
  }
  atom a = {0, 0, 0, 0};
  const char *after;
  int c = (unsigned char)*p;
  if (c == '(') {
    const char *open = p, *close = group_end(p, end), *body = p + 1;
    int mn, mx;
    if (!close) return -1;
    if (p[1] == '*') return -1; /* (*SKIP), (*COMMIT)... */
    if (p[1] == '?') {
      const char *t = p + 2;
      if (*t == '=' || *t == '!' || (*t == '<' && (t[1] == '=' || t[1] == '!'))) {
        /* a lookaround reads nothing; note what a lookbehind refuses */
        after = quantifier(close, end, &mn, &mx);
        return walk_seq(w, after, end, k, n, l0, l1, wb | refusals(p, close));
      }
      if (*t == 'C') /* a callout reads nothing */
        return walk_seq(w, close, end, k, n, l0, l1, wb);
      /* an option setting "(?i)", "(?-i:" */
      while (*t == '-' || *t == 'i' || *t == 'm' || *t == 's' || *t == 'n' ||
             *t == 'U' || *t == 'J')
        t++;
      if (*t == ')') return walk_seq(w, t + 1, end, k, n, l0, l1, wb);
      if (*t == '<' || *t == '\'') { /* a named group */
        t = memchr(t + 1, *t == '<' ? '>' : '\'', (size_t)(close - t - 1));
        if (!t) return -1;
      } else if (*t != ':' && *t != '|' && *t != '>') {
        return -1; /* conditions, recursion, callouts, (?x) */
      }
      body = t + 1;
    }
    after = quantifier(close, end, &mn, &mx);
    if (mn == 0 && walk_seq(w, after, end, k, n, l0, l1, wb) != 0) return -1;
    if (mx == 0) return 0;
    cont rest = {after, end, k};
    if (walk_alts(w, body, close - 1, &rest, n, l0, l1, wb) != 0) return -1;
    if (mx == 1) return 0;
    /* repeated: the body, then the group once or twice more (three
    ** letters are all that is looked at) */
    cont twice = {open, close, &rest}, thrice = {open, close, &twice};
    if (walk_alts(w, body, close - 1, &twice, n, l0, l1, wb) != 0) return -1;
    return walk_alts(w, body, close - 1, &thrice, n, l0, l1, wb);
  }
  /* one byte, or an escape, or a class */
  if (c == '[') {
    const char *q = class_end(p, end);
    if (!q) return -1;
    a = class_atom(p, q);
    after = q;
  } else if (c == '\\') {
    int x = p + 1 < end ? (unsigned char)p[1] : 0;
    after = p + 2;
    if (x == 'b' || x == 'B' || x == 'A' || x == 'z' || x == 'Z') {
      return walk_seq(w, after, end, k, n, l0, l1, wb); /* reads nothing */
    } else if (x == 'x') {
      int v = 0, d = 0;
      if (after < end && *after == '{') return -1;
      for (; d < 2 && after < end; d++, after++) {
        int h = (unsigned char)*after;
        if (h >= '0' && h <= '9') v = v * 16 + h - '0';
        else if ((h | 0x20) >= 'a' && (h | 0x20) <= 'f')
          v = v * 16 + (h | 0x20) - 'a' + 10;
        else break;
      }
      if (d == 0) return -1;
      if (is_letter(v)) a.letters = 1u << ((v | 0x20) - 'a');
      else if (v >= '0' && v <= '9') a.digit = 1;
      else if (v == 0) a.nul = 1;
      else a.other = 1;
    } else if (x == 'd') {
      a.digit = 1;
    } else if (x == 'w' || x == 'W' || x == 'S' || x == 'D' || x == 'H' ||
               x == 'V' || x == 'N' || x == 'R') {
      a = any_byte;
    } else if (x == 0 || (is_alnum(x) && !strchr("shvtnrfea", x))) {
      return -1; /* \G, \k, \1, \p, \Q...: not understood */
    } else {
      a.other = 1; /* a space or control ("\s", "\t"), or a sign ("\.") */
    }
  } else if (c == '.') {
    a = any_byte;
    after = p + 1;
  } else if (c == '^' || c == '$') {
    return walk_seq(w, p + 1, end, k, n, l0, l1, wb);
  } else if (c == '|' || c == ')') {
    return -1; /* walk_alts split the alternatives: a bug if seen here */
  } else {
    if (is_letter(c)) a.letters = 1u << ((c | 0x20) - 'a');
    else if (c >= '0' && c <= '9') a.digit = 1;
    else a.other = 1;
    after = p + 1;
  }
  int mn, mx;
  after = quantifier(after, end, &mn, &mx);
  if (mn == 0 && walk_seq(w, after, end, k, n, l0, l1, wb) != 0) return -1;
  if (mx == 0) return 0;
  int others = a.digit || a.nul || a.other;
  if (n == 2) { /* the third byte */
    w->st->tri[GV_START_KEY(l0, l1)] |= a.letters | (others ? GV_ANY3 : 0);
    return 0;
  }
  if (n == 1) { /* the second byte */
    if (others) any_after(w, 1, l0, 0); /* a one-letter word */
    for (int l = 0; l < 26; l++) {
      if (!(a.letters & (1u << l))) continue;
      if (mx != 1) w->st->tri[GV_START_KEY(l0, l)] |= GV_ANY3; /* "ss+": the atom again */
      else if (walk_seq(w, after, end, k, 2, l0, l, wb) != 0) return -1;
    }
    return 0;
  }
  /* the first byte: a word's first letter, a digit run's first digit (each
  ** behind a lookbehind that refuses one before), any NUL */
  if (a.other || (a.letters && !(wb & REFUSE_LETTER)) ||
      (a.digit && !(wb & REFUSE_DIGIT)))
    return -1;
  if (a.digit) w->st->any |= 1u << GV_START_DIGIT;
  if (a.nul) w->st->any |= 1u << GV_START_NUL;
  for (int l = 0; l < 26; l++) {
    if (!(a.letters & (1u << l))) continue;
    if (mx != 1) w->st->any |= 1u << l; /* "s+": the atom again */
    else if (walk_seq(w, after, end, k, 1, l, 0, wb) != 0) return -1;
  }
  return 0;
}

/* Walks each alternative of [p, end) (split at its top-level '|'). */
static int walk_alts(walk *w, const char *p, const char *end, const cont *k,
                     int n, int l0, int l1, int wb) {
  const char *s = p;
  for (const char *q = p; q <= end; q++) {
    if (q < end && *q == '\\') {
      q++;
      continue;
    }
    if (q < end && *q == '[') {
      q = class_end(q, end);
      if (!q) return -1;
      q--;
      continue;
    }
    if (q < end && *q == '(') {
      q = group_end(q, end);
      if (!q) return -1;
      q--;
      continue;
    }
    if (q == end || *q == '|') {
      if (walk_seq(w, s, q, k, n, l0, l1, wb) != 0) return -1;
      s = q + 1;
    }
  }
  return 0;
}

int gv_starts_derive(const char *pattern, gv_starts *st) {
  walk w = {st, 0};
  memset(st, 0, sizeof *st);
  return walk_alts(&w, pattern, pattern + strlen(pattern), NULL, 0, 0, 0, 0);
}

/* ---- the twins --------------------------------------------------------- */

static size_t slot_of(const pcre2_code *re) {
  return gv_twin_hash(re) & (SLOTS - 1);
}

int gv_anchors_add(gavel_engine *e, const pcre2_code *re, const char *pattern,
                   uint32_t flags) {
  int code;
  PCRE2_SIZE off;
  if (!e->anchors && !(e->anchors = calloc(1, sizeof *e->anchors))) return -1;
  struct gv_anchors *a = e->anchors;
  if (a->n >= SLOTS / 2) return 0; /* the table stays sparse */
  struct gv_twin *t = malloc(sizeof *t);
  if (!t) return -1;
  if (gv_starts_derive(pattern, &t->st) != 0) {
    free(t);
    return 0;
  }
  t->anchored = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                              flags | PCRE2_ANCHORED, &code, &off, NULL);
  if (!t->anchored) { /* it compiled unanchored: only memory can fail */
    free(t);
    return -1;
  }
  if (pcre2_jit_compile(t->anchored, PCRE2_JIT_COMPLETE) != 0) {
    pcre2_code_free(t->anchored); /* no JIT: the search is as good */
    free(t);
    return 0;
  }
  size_t i = slot_of(re);
  while (a->slot[i].re) i = (i + 1) & (SLOTS - 1);
  a->slot[i].re = re;
  a->slot[i].t = t;
  a->n++;
  e->twins |= 1ull << (gv_twin_hash(re) & 63);
  return 1;
}

void gv_anchors_free(gavel_engine *e) {
  if (!e->anchors) return;
  for (size_t i = 0; i < SLOTS; i++) {
    struct gv_twin *t = e->anchors->slot[i].t;
    if (!t) continue;
    pcre2_code_free(t->anchored);
    free(t);
  }
  free(e->anchors);
  e->anchors = NULL;
}

/* Tries t's twin at b: 1 with *rc set when that ends the search (a match,
** or a resource limit, which a search would also have stopped at). */
static int try_at(const gavel_engine *e, const struct gv_twin *t, const char *s,
                  size_t len, size_t b, pcre2_match_data *md, int *rc) {
  int r = pcre2_jit_match(t->anchored, (PCRE2_SPTR)s, len, b, 0, md, e->mctx);
  if (r == PCRE2_ERROR_NOMATCH) return 0;
  *rc = r > 0 ? r : 0;
  return 1;
}

const struct gv_twin *gv_twin_find(const gavel_engine *e, const pcre2_code *re) {
  const struct gv_anchors *a = e->anchors;
  if (!a) return NULL;
  for (size_t i = slot_of(re); a->slot[i].re; i = (i + 1) & (SLOTS - 1))
    if (a->slot[i].re == re) return a->slot[i].t;
  return NULL;
}

int gv_match_here(const gavel_engine *e, const pcre2_code *re, const char *s,
                  size_t len, size_t b, pcre2_match_data *md) {
  const struct gv_twin *t;
  unsigned key;
  uint32_t mask;
  int rc = 0;
  if (!e->shortcuts || !((e->twins >> (gv_twin_hash(re) & 63)) & 1u) ||
      !(t = gv_twin_find(e, re)))
    return -1;
  if (gv_start_key(s, len, b, &key, &mask) && gv_starts_may(&t->st, key, mask))
    try_at(e, t, s, len, b, md, &rc);
  return rc;
}

int gv_match_twin(const gavel_engine *e, const struct gv_twin *t, const char *s,
                  size_t len, size_t start, size_t last, pcre2_match_data *md,
                  const gv_gate_at *at) {
  int rc = 0;
  if (at && at->nwords <= GV_WORDS_MAX && at->len == len) { /* the gate's words */
    for (uint32_t k = 0; k < at->nwords; k++) {
      size_t b = at->word[k];
      if (b < start) continue;
      if (b > last) return 0;
      if (gv_starts_may(&t->st, at->key[k], at->mask[k]) &&
          try_at(e, t, s, len, b, md, &rc))
        return rc;
    }
    return 0;
  }
  /* no list (or a part of the line): the same starts, from the bytes */
  for (size_t q = start; q < len && q <= last; q++) {
    unsigned key;
    uint32_t mask;
    if (gv_start_key(s, len, q, &key, &mask) && gv_starts_may(&t->st, key, mask) &&
        try_at(e, t, s, len, q, md, &rc))
      return rc;
  }
  return 0;
}
