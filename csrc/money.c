/*
** money.c: money, durations and the sentence terms of a plea offer.
**
** One line in, items appended: MONEY ($1,250, $2.5M, "five hundred
** dollars"), DURATION (18 mo, 1 yr 6 mo, "a year"), and TERM items that
** tie a number to a sentence word (custody, probation, fine, restitution)
** or stand alone (dismissed counts, the charge pleaded to, diversion, time
** served, suspended).
**
** Caveats
**   - A number binds to the sentence word right after it ("18 mo DOC",
**     "$500 fine") or, failing that, right before it ("DOC 24 mo", "fine of
**     $1,000"); only filler ("of", "in the", ":") may sit between.  A number
**     with no such word stays a plain MONEY or DURATION item.
**   - Two TERM items of one kind never overlap: when a word could serve two
**     numbers ("18 months DOC 24 mo") the first number keeps it.
**   - A range ("12-18 months") reads as its upper end.
**   - Durations that overlap a DATE item or read as relative dates ("in 10
**     days", "3 days ago", "two weeks from today") are left to dates.c;
**     so are money and terms that overlap a date.
**   - English, US usage only: "$", "dollars", "USD".
**   - The sentence words are vocab.c's classes custody, probation, fine,
**     restitution and diversion, so users extend them ("custody: DOCCS");
**     only numbers, time served and count words are spelled here.
*/
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------------ */
/* Words                                                               */
/* ------------------------------------------------------------------ */

/* Regex fragments, longer first where one is a prefix of another. */
static const char *const number_words[] = {
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "eleven",   "twelve",  "twenty",  "thirty",    "fou?rty",
    "fifty",    "sixty",    "seventy", "eighty",  "ninety",    "hundred",
    "thousand", "million",  "billion", "zero",    "one",       "two",
    "three",    "four",     "five",    "six",     "seven",     "eight",
    "nine",     "ten",      NULL};
static const char *const time_served_words[] = {
    "credit\\s+for\\s+time\\s+served", "time\\s+served", "T/S",
    "(?-i:CTS|TS)", NULL};
static const char *const count_words[] = {
    "counts?", "cnts?\\.?", "cts?\\.?", "charges?", NULL};

/* Pattern pieces.  @NAME@ in a template is replaced by the piece (pieces
** may use pieces); a piece with `words` becomes (?:w1|w2|...). */
typedef struct piece {
  const char *name;
  const char *const *words;
  const char *text;
} piece;

#define NB "(?<![A-Za-z0-9_])" /* no word character before */
#define NA "(?![A-Za-z0-9_])"  /* no word character after */
#define EN_DASH "\xe2\x80\x93"

static const piece pieces[] = {
    {"NW", number_words, NULL},
    {"WNUM", NULL, "(?:@NW@(?![A-Za-z])(?:(?:\\s+and\\s+|\\s*-\\s*|\\s+)@NW@"
                   "(?![A-Za-z]))*)"},
    {"DNUM", NULL, "(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d{1,12}(?:\\.\\d+)?)"},
    {"UNIT", NULL, "(?:years?|yrs?|months?|mos?|mths?|mnths?|weeks?|wks?|"
                   "days?)" NA},
    {"MULT", NULL, "(?:thousand|grand|million|billion|mil|mm|bn|k|m|b)" NA},
    {"PLACE", NULL, "(?:(?:state|county|federal|local)\\s+)?@CUSTODY@"},
    {"TSW", time_served_words, NULL},
    {"SUSPW", NULL, "(?:suspended|susp\\.|susp)"},
    {"COUNTW", NULL, NULL}, /* filled from count_words below */
    {"NUMX", NULL, "(?:\\d{1,3}|(?-i:[IVXL]{1,6}))" NA "(?!\\s*-?\\s*@UNIT@)"},
    /* a later number in a list: a lone "I" is the pronoun */
    {"NUMXC", NULL, "(?:\\d{1,3}|(?-i:(?!I" NA ")[IVXL]{1,6}))" NA
                    "(?!\\s*-?\\s*@UNIT@)"},
    {"RANGE", NULL, "(?:\\s*(?:-|" EN_DASH "|through|thru)\\s*@NUMXC@)?"},
    {"NUMLIST", NULL, "@NUMX@@RANGE@(?:\\s*(?:,|&|and|\\+)\\s*(?:and\\s+)?"
                      "@NUMXC@@RANGE@)*"},
    {"COUNTS", NULL, "(?:@COUNTW@)(?![A-Za-z])\\s*#?\\s*"},
    {"DISMISSED", NULL, "(?:dismissed|dropped|nolled|nolle(?:\\s+prossed)?|"
                        "nol(?:\\.|le)?\\s*pross(?:ed|'d)|DWOP)(?![A-Za-z])"},
    {"TOBE", NULL, "(?:(?:to\\s+be|will\\s+be|would\\s+be|are|is|being|"
                   "gets?|to\\s+get)\\s+)?"},
};

/* Pieces that are vocabulary classes: the engine's alternation (built-in
** words and the user's), spliced in as is, never expanded. */
static const struct vpiece {
  const char *name;
  gv_vclass cls;
} vpieces[] = {
    {"CUSTODY", GV_V_CUSTODY},   {"PROB", GV_V_PROBATION},
    {"FINE", GV_V_FINE},         {"RESTI", GV_V_RESTITUTION},
    {"DIVERT", GV_V_DIVERSION},
};

/* ------------------------------------------------------------------ */
/* Patterns                                                            */
/* ------------------------------------------------------------------ */

struct gv_money_pats {
  pcre2_code *money;      /* $1,250 | 500 dollars | five hundred dollars */
  pcre2_code *sign;       /* anchored: money's first form alone, "$1,250" */
  pcre2_code *dur;        /* 18 months | 1 yr 6 mo | a year and a half */
  pcre2_code *dur_after;  /* anchored at a duration's end: " DOC" */
  pcre2_code *dur_before; /* ends where a duration starts: "jail for " */
  pcre2_code *cash_after; /* anchored at money's end: " in fines" */
  pcre2_code *cash_before;/* ends where money starts: "restitution of " */
  pcre2_code *tbd;        /* restitution TBD */
  pcre2_code *susp;       /* all but 6 suspended | susp. after 6 | suspended */
  pcre2_code *dismiss;    /* dismiss Cts 2-3 | remaining counts dismissed */
  pcre2_code *charge;     /* plead to ... (the charge itself is walked in C) */
  pcre2_code *tail;       /* anchored: what may follow a charge: Class A */
  pcre2_code *flags;      /* diversion words | time served words */
};

typedef struct pat_def {
  const char *name;
  size_t off; /* offset of the pcre2_code * in struct gv_money_pats */
  uint32_t flags;
  int twin; /* GV_TWIN: tried only where a match can start (anchor.c) */
  const char *tmpl;
} pat_def;

#define OFF(f) offsetof(struct gv_money_pats, f)
#define CI PCRE2_CASELESS
#define CIA (PCRE2_CASELESS | PCRE2_ANCHORED)

/* Money's first form, an amount after "$" (or US$, USD): groups 1 the
** number, 2 its multiplier. */
#define MONEY_SIGN                                                            \
  "(?<![A-Za-z0-9_$])(?:US\\$|USD|\\$)\\s?(@DNUM@)(?:\\s?(@MULT@))?" NA "(?!,\\d)"

static const pat_def pat_defs[] = {
    /* groups: as money's first form (a line with no money word) */
    {"money-sign", OFF(sign), CIA, GV_PLAIN, MONEY_SIGN},
    /* groups: 1 number, 2 multiplier | 3 number, 4 multiplier | 5 words */
    {"money", OFF(money), CI, GV_PLAIN,
     MONEY_SIGN
     "|(?<![A-Za-z0-9_$.,/-])(@DNUM@)(?:\\s?(@MULT@))?\\s*(?:dollars?|bucks|"
     "USD)" NA
     "|" NB "((?:an?\\s+)?@WNUM@)\\s+(?:dollars?|bucks)" NA},
    /* groups: 1 digits, 2 words, 3 "a", 4 "and a half", 5 unit,
    ** 6 "and a half", 7 digits, 8 words, 9 unit (the second part) */
    {"duration", OFF(dur), CI, GV_TWIN,
     "(?<![A-Za-z0-9_$.,/])(?:(@DNUM@)|(@WNUM@)|(an?)(?=\\s))"
     "(\\s+and\\s+a\\s+half)?\\s*-?\\s*(@UNIT@)"
     "(?:(\\s+and\\s+a\\s+half)(?![A-Za-z])"
     "|\\s+(?:(?:and|&)\\s+)?"
     "(?:(@DNUM@)|(@WNUM@))\\s*-?\\s*(@UNIT@))?"},
    /* groups: 1 custody, 2 probation, 3 bare "in", 4 suspended */
    {"duration-after", OFF(dur_after), CIA, GV_PLAIN,
     "\\.?(?:\\s*(?:[-:]\\s*)?(?:(?:of|in|at|on)\\s+)?(?:(?:the|a)\\s+)?"
     "(@PLACE@)" NA
     "|\\s*(?:[-:]\\s*)?(?:(?:of|on)\\s+)?(@PROB@)" NA
     "|\\s*(in)(?=\\s*(?:[,;)]|\\.(?:\\s|$)|$))"
     "|\\s*[,;]?\\s*(all\\s+but|@SUSPW@)" NA ")"},
    /* groups: 1 custody, 2 probation */
    {"duration-before", OFF(dur_before), CI, GV_PLAIN,
     NB "(?:(@PLACE@|(?:to\\s+)?serv(?:e|ing))|(?<!on\\s)(?<!off\\s)(@PROB@))"
     "\\.?\\s*(?:[-:=]\\s*)?(?:(?:for|of|(?:(?:for\\s+)?an?\\s+)?"
     "(?:term|sentence|period)\\s+of)\\s+)?\\z"},
    /* groups: 1 fine, 2 restitution */
    {"money-after", OFF(cash_after), CIA, GV_PLAIN,
     "\\s*(?:[-:]\\s*)?(?:(?:in|of)\\s+)?(?:(?:the|a)\\s+)?"
     "(?:(@FINE@)|(@RESTI@))" NA},
    {"money-before", OFF(cash_before), CI, GV_PLAIN,
     NB "(?:(@FINE@)|(@RESTI@))\\.?\\s*(?:[-:=]\\s*)?"
     "(?:(?:of|in\\s+the\\s+(?:amount|amt\\.?)\\s+of|(?:the\\s+)?(?:amount|"
     "amt\\.?)\\s+of|totall?ing|at|to\\s+be|is|was|will\\s+be|for)\\s+)?"
     "(?:(?:approx\\.?|approximately|about|around|~)\\s*)?\\z"},
    {"restitution-tbd", OFF(tbd), CI, GV_PLAIN,
     NB "@RESTI@\\.?\\s*(?:[-:=]\\s*)?(?:(?:is|amount|amt\\.?|still)\\s+)?"
     "(?:TBD|TBA|to\\s+be\\s+determined|undetermined|unknown|pending)" NA},
    /* groups: 1 number, 2 unit | 3 number, 4 unit */
    {"suspended", OFF(susp), CI, GV_PLAIN,
     NB "(?:all\\s+but\\s+(@DNUM@|@WNUM@)" NA "(?:\\s*-?\\s*(@UNIT@))?\\s+@SUSPW@"
     NA
     "|@SUSPW@\\s+(?:after|all\\s+but|but\\s+for|except(?:\\s+for)?)\\s+"
     "(@DNUM@|@WNUM@)" NA "(?:\\s*-?\\s*(@UNIT@))?"
     "|(?<!licen[cs]e\\s)(?<!DL\\s)@SUSPW@" NA
     "(?!\\s+(?:licen[cs]e|DL|driv)))"},
    /* groups: 1 or 2, the list of counts */
    {"dismiss", OFF(dismiss), CI, GV_TWIN,
     NB "(?:(?:dismiss(?:ed|es|ing|al\\s+of)?|dism\\.|drop(?:ped|s|ping)?|"
     "nolle(?:\\s+pros(?:s|equi)?)?|nol(?:\\.|le)?\\s*pros(?:s|sed|'d|ed)?)"
     "(?![A-Za-z])\\s+(?:of\\s+)?(?:the\\s+)?"
     "(?:@COUNTS@(@NUMLIST@)"
     "|(?:all\\s+)?(?:remaining|other|(?:rest|balance|remainder)\\s+of\\s+"
     "the)\\s+(?:counts|charges|cts\\.?)(?![A-Za-z])"
     "|(?:rest|remaining|remainder|balance|others?)" NA ")"
     "|@COUNTS@(@NUMLIST@)\\s+@TOBE@@DISMISSED@"
     "|(?:all\\s+)?(?:remaining|other|rest\\s+of\\s+the)\\s+"
     "(?:counts|charges|cts\\.?)\\s+@TOBE@@DISMISSED@)"},
    /* group 1: a list of counts; else the charge starts at the match end */
    {"charge", OFF(charge), CI, GV_PLAIN,
     NB "(?:plead(?:s|ing|ed)?(?:\\s+(?:guilty|no\\s+contest|nolo(?:\\s+"
     "contendere)?))?|pled(?:\\s+(?:guilty|no\\s+contest))?|plea(?:\\s+of\\s+"
     "guilty)?|(?-i:PG|P/G|G/P)|reduc(?:e|ed|es|ing|tion)|amend(?:ed|s|ing|"
     "ment)?|(?:knock(?:ed)?|bump(?:ed)?)\\s+down)\\s+to\\s+"
     "(?:(?:the|a|an)\\s+)?"
     "(?!@DNUM@|\\$|(?:@WNUM@|an?)\\s*-?\\s*@UNIT@|(?:@PROB@|@DIVERT@|@TSW@|"
     "it|that|this|them|him|her|anything|something|nothing|which|whatever|"
     "whether|avoid|get|be|have|take|make|go|see|discuss|consider|accept|"
     "reject|do)" NA ")"
     "(?:(@COUNTS@@NUMLIST@)|(?=[A-Za-z]))"},
    {"charge-tail", OFF(tail), CIA, GV_PLAIN,
     "(?:class|cl\\.|misd(?:emeanor)?|fel(?:ony)?|degree|deg\\.|level|lvl|"
     "grade|\\d(?:st|nd|rd|th)|(?-i:[A-F]|[MF][1-5]))(?![A-Za-z0-9])"},
    /* groups: 1 diversion, 2 time served */
    {"sentence-flags", OFF(flags), CI, GV_PLAIN, NB "(?:(@DIVERT@)|(@TSW@))" NA},
};


static void expand(gv_sbuf *b, char *const *alt, const char *t, int depth);

static void put_piece(gv_sbuf *b, char *const *alt, const piece *p,
                      int depth) {
  const char *const *w = p->words;
  if (!w && !p->text) w = count_words;
  if (w) {
    size_t n = 0;
    int pieces_in = 0;
    for (; w[n]; n++) pieces_in |= strchr(w[n], '@') != NULL;
    char *grouped = pieces_in ? NULL : gv_alt_group(w, n); /* by first letter */
    if (grouped) {
      gv_sb_add(b, grouped);
      free(grouped);
      return;
    }
    gv_sb_add(b, "(?:");
    for (size_t i = 0; w[i]; i++) {
      if (i) gv_sb_add(b, "|");
      expand(b, alt, w[i], depth + 1);
    }
    gv_sb_add(b, ")");
  } else {
    expand(b, alt, p->text, depth + 1);
  }
}

/* Appends template t with every @NAME@ replaced by its piece or by the
** vocabulary alternation alt[class] (user phrases may hold '@'). */
static void expand(gv_sbuf *b, char *const *alt, const char *t, int depth) {
  if (depth > 8) {
    b->bad = 2;
    return;
  }
  while (*t && !b->bad) {
    const char *at = strchr(t, '@'), *end;
    size_t i, n;
    if (!at) {
      gv_sb_add(b, t);
      return;
    }
    gv_sb_addn(b, t, (size_t)(at - t));
    end = strchr(at + 1, '@');
    if (!end) {
      b->bad = 2;
      return;
    }
    n = (size_t)(end - at - 1);
    t = end + 1;
    for (i = 0; i < sizeof vpieces / sizeof vpieces[0]; i++)
      if (strlen(vpieces[i].name) == n &&
          memcmp(vpieces[i].name, at + 1, n) == 0)
        break;
    if (i < sizeof vpieces / sizeof vpieces[0]) {
      gv_sb_add(b, alt[vpieces[i].cls]);
      continue;
    }
    for (i = 0; i < sizeof pieces / sizeof pieces[0]; i++)
      if (strlen(pieces[i].name) == n && memcmp(pieces[i].name, at + 1, n) == 0)
        break;
    if (i == sizeof pieces / sizeof pieces[0]) {
      b->bad = 2;
      return;
    }
    put_piece(b, alt, &pieces[i], depth);
  }
}

int gv_money_compile(gavel_engine *e, char *err, size_t errlen) {
  struct gv_money_pats *p = calloc(1, sizeof *p);
  if (!p) {
    gv_fmt(err, errlen, "out of memory");
    return -1;
  }
  e->money = p;
  for (size_t i = 0; i < sizeof pat_defs / sizeof pat_defs[0]; i++) {
    const pat_def *d = &pat_defs[i];
    gv_sbuf b = {NULL, 0, 0, 0}; /* bad: 1 memory, 2 an unknown piece name */
    pcre2_code **slot = (pcre2_code **)(void *)((char *)p + d->off);
    expand(&b, e->alt, d->tmpl, 0);
    if (b.bad) {
      free(b.s);
      gv_fmt(err, errlen, b.bad == 1 ? "out of memory"
                                     : "pattern %s: bad template", d->name);
      return -1;
    }
    *slot = gv_compile(e, d->name, b.s, d->flags, d->twin, err, errlen);
    free(b.s);
    if (!*slot) return -1;
  }
  return 0;
}

void gv_money_free(gavel_engine *e) {
  struct gv_money_pats *p = e->money;
  if (!p) return;
  for (size_t i = 0; i < sizeof pat_defs / sizeof pat_defs[0]; i++)
    pcre2_code_free(*(pcre2_code **)(void *)((char *)p + pat_defs[i].off));
  free(p);
  e->money = NULL;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                             */
/* ------------------------------------------------------------------ */

#define MAX_CENTS 1000000000000000LL /* ten trillion dollars */
#define MAX_VALUE 1000000.0          /* a duration's number */

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int is_alpha(int c) { c = lower(c); return c >= 'a' && c <= 'z'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }

/* 1 when [s, s+n) equals the lower-case word w, ignoring case. */
static int word_is(const char *s, size_t n, const char *w) {
  size_t i;
  for (i = 0; i < n && w[i]; i++)
    if (lower((unsigned char)s[i]) != w[i]) return 0;
  return i == n && w[i] == 0;
}

static int word_in(const char *s, size_t n, const char *const *list) {
  for (size_t i = 0; list[i]; i++)
    if (word_is(s, n, list[i])) return 1;
  return 0;
}

/* "1,250.50" scaled by `scale` (e.g. 100 for cents), rounded down and
** clamped to MAX_CENTS. */
static int64_t dec_scaled(const char *s, size_t n, int64_t scale) {
  int64_t ip = 0, frac = 0, fden = 1;
  size_t i = 0;
  for (; i < n && s[i] != '.'; i++) {
    if (!is_digit((unsigned char)s[i])) continue;
    if (ip > MAX_CENTS) return MAX_CENTS;
    ip = ip * 10 + (s[i] - '0');
  }
  for (i++; i < n; i++)
    if (is_digit((unsigned char)s[i]) && fden < 1000000) {
      frac = frac * 10 + (s[i] - '0');
      fden *= 10;
    }
  if (ip > MAX_CENTS / scale) return MAX_CENTS;
  /* frac < fden <= 1e6 and scale <= 1e11: the product fits */
  int64_t v = ip * scale + (int64_t)((double)frac * (double)scale / (double)fden);
  return v > MAX_CENTS ? MAX_CENTS : v;
}

static double dec_value(const char *s, size_t n) {
  return (double)dec_scaled(s, n, 1000000) / 1000000.0;
}

static const struct {
  const char *w;
  int v;
} word_values[] = {
    {"zero", 0},      {"a", 1},         {"an", 1},        {"one", 1},
    {"two", 2},       {"three", 3},     {"four", 4},      {"five", 5},
    {"six", 6},       {"seven", 7},     {"eight", 8},     {"nine", 9},
    {"ten", 10},      {"eleven", 11},   {"twelve", 12},   {"thirteen", 13},
    {"fourteen", 14}, {"fifteen", 15},  {"sixteen", 16},  {"seventeen", 17},
    {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},   {"thirty", 30},
    {"forty", 40},    {"fourty", 40},   {"fifty", 50},    {"sixty", 60},
    {"seventy", 70},  {"eighty", 80},   {"ninety", 90},   {"hundred", 100},
    {"thousand", 1000}, {"million", 1000000}, {"billion", 1000000000}};

/* "two thousand five hundred" -> 2500. */
static double words_value(const char *s, size_t n) {
  double total = 0, cur = 0;
  size_t i = 0;
  while (i < n) {
    size_t j;
    while (i < n && !is_alpha((unsigned char)s[i])) i++;
    for (j = i; j < n && is_alpha((unsigned char)s[j]); j++) {}
    for (size_t k = 0; k < sizeof word_values / sizeof word_values[0]; k++) {
      if (!word_is(s + i, j - i, word_values[k].w)) continue;
      int v = word_values[k].v;
      if (v == 100) cur = (cur > 0 ? cur : 1) * 100;
      else if (v >= 1000) {
        total += (cur > 0 ? cur : 1) * v;
        cur = 0;
      } else cur += v;
      break;
    }
    i = j;
  }
  return total + cur;
}

/* ------------------------------------------------------------------ */
/* Scanning                                                            */
/* ------------------------------------------------------------------ */

typedef struct span {
  size_t col, end;
} span;

/* What one scan of a line shares. */
typedef struct scan {
  const gavel_engine *e;
  const struct gv_money_pats *p;
  gv_line *ln;
  span *dates;        /* DATE items already on the line, by column */
  size_t ndates;
  span few[8];        /* dates when few (most lines): no allocation */
  size_t m0, m1;      /* MONEY items are ln->out->v[m0..m1) */
  size_t d0, d1;      /* DURATION items */
  size_t s0, s1;      /* TERM suspended items */
  size_t last_end[GAVEL_TERM_SUSPENDED + 1]; /* end of the last term, by kind */
} scan;

static int span_cmp(const void *a, const void *b) {
  const span *x = a, *y = b;
  return x->col < y->col ? -1 : x->col > y->col;
}

/* Collects the DATE items and turns `end` into the running maximum, so
** that "some date starting before b ends after a" is one lookup. */
static int dates_collect(scan *c) {
  const gv_items *l = c->ln->out;
  size_t n = 0;
  for (size_t i = 0; i < l->n; i++) n += l->v[i].kind == GAVEL_KIND_DATE;
  if (!n) return 0;
  c->dates = n <= sizeof c->few / sizeof c->few[0] ? c->few : malloc(n * sizeof *c->dates);
  if (!c->dates) return -1;
  int sorted = 1;
  for (size_t i = 0; i < l->n; i++)
    if (l->v[i].kind == GAVEL_KIND_DATE) {
      c->dates[c->ndates].col = l->v[i].col;
      c->dates[c->ndates].end = l->v[i].end_col;
      if (c->ndates && c->dates[c->ndates - 1].col > l->v[i].col) sorted = 0;
      c->ndates++;
    }
  /* the dates scanner lists them in order: sorted already, as a rule */
  if (!sorted) qsort(c->dates, c->ndates, sizeof *c->dates, span_cmp);
  for (size_t i = 1; i < c->ndates; i++)
    if (c->dates[i].end < c->dates[i - 1].end)
      c->dates[i].end = c->dates[i - 1].end;
  return 0;
}

/* 1 when [a, b) overlaps a DATE item.  Binary search: dates are few, but
** a line of nothing but dates and numbers must stay linear-ish. */
static int on_date(const scan *c, size_t a, size_t b) {
  size_t lo = 0, hi = c->ndates;
  while (lo < hi) { /* first date with col >= b */
    size_t mid = (lo + hi) / 2;
    if (c->dates[mid].col < b) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && c->dates[lo - 1].end > a;
}

static gavel_item *item(const scan *c, size_t i) { return &c->ln->out->v[i]; }

/* Appends a TERM item unless it overlaps the previous one of its kind or a
** date.  Returns the item, NULL when skipped; *oom is set when memory ran
** out. */
static gavel_item *push_term(scan *c, gavel_term_kind t, size_t col,
                             size_t end, int *oom) {
  gavel_item *it;
  if (col < c->last_end[t] || on_date(c, col, end)) return NULL;
  it = gv_items_push(c->ln->out, GAVEL_KIND_TERM, col, end);
  if (!it) {
    *oom = 1;
    return NULL;
  }
  it->term = (uint8_t)t;
  c->last_end[t] = end;
  return it;
}

/* ---- money ------------------------------------------------------------ */

static int64_t mult_of(const char *s, long so) {
  if (so < 0) return 1;
  switch (lower((unsigned char)s[so])) {
  case 'k': case 't': case 'g': return 1000;
  case 'm': return 1000000;
  case 'b': return 1000000000;
  }
  return 1;
}

/* The next match of the money pattern at or after pos on a line with no
** money word (dollars, bucks, USD): only its first form can match there,
** and only where a "$" is, or "US$" (the gate sees every money word).
** So that form is tried, anchored, at each of those in turn. */
static int next_sign(const scan *c, size_t pos) {
  const gv_line *ln = c->ln;
  const char *s = ln->s, *d = s + pos, *end = s + ln->len;
  while (d < end && (d = memchr(d, '$', (size_t)(end - d))) != NULL) {
    size_t at = (size_t)(d - s);
    if (at >= pos + 2 && (s[at - 2] | 0x20) == 'u' && (s[at - 1] | 0x20) == 's' &&
        gv_match(c->e, c->p->sign, s, ln->len, at - 2, ln->md, NULL) > 0)
      return 1;
    if (gv_match(c->e, c->p->sign, s, ln->len, at, ln->md, NULL) > 0) return 1;
    d++;
  }
  return 0;
}

static int scan_money(scan *c) {
  gv_line *ln = c->ln;
  size_t pos = 0;
  size_t last = gv_gate_last_bit(&ln->at, GV_GATE_CASH); /* "$", dollars */
  int signs = c->e->shortcuts && !(ln->gate & GV_GATE_CASHWORD);
  c->m0 = ln->out->n;
  while (pos <= last &&
         (signs ? next_sign(c, pos)
                : gv_match(c->e, c->p->money, ln->s, ln->len, pos, ln->md, &ln->at))) {
    long so, eo, ns, ne, ms, me;
    int64_t cents;
    gv_group(ln->md, 0, &so, &eo);
    pos = (size_t)eo;
    gv_group(ln->md, 1, &ns, &ne);
    gv_group(ln->md, 2, &ms, &me);
    if (ns < 0) {
      gv_group(ln->md, 3, &ns, &ne);
      gv_group(ln->md, 4, &ms, &me);
    }
    if (ns >= 0) {
      cents = dec_scaled(ln->s + ns, (size_t)(ne - ns),
                         100 * mult_of(ln->s, ms));
    } else {
      gv_group(ln->md, 5, &ns, &ne);
      double v = words_value(ln->s + ns, (size_t)(ne - ns)) * 100.0;
      cents = v > (double)MAX_CENTS ? MAX_CENTS : (int64_t)v;
    }
    if (on_date(c, (size_t)so, (size_t)eo)) continue;
    gavel_item *it = gv_items_push(ln->out, GAVEL_KIND_MONEY, (size_t)so,
                                   (size_t)eo);
    if (!it) return -1;
    it->cents = cents;
    memcpy(it->currency, "USD", 4);
  }
  c->m1 = ln->out->n;
  return 0;
}

/* ---- durations -------------------------------------------------------- */

static int unit_rank(int u) {
  switch (lower(u)) {
  case 'y': return 4;
  case 'm': return 3;
  case 'w': return 2;
  default: return 1;
  }
}

static const char *unit_name(int u) {
  static const char *const names[] = {"days", "weeks", "months", "years"};
  return names[unit_rank(u) - 1];
}

/* Adds v units to exact month and day totals. */
static void dur_add(double v, int u, double *months, double *days) {
  switch (unit_rank(u)) {
  case 4: *months += v * 12; *days += v * 365; break;
  case 3: *months += v; *days += v * 30; break;
  case 2: *months += v * 7 / 30; *days += v * 7; break;
  default: *months += v / 30; *days += v; break;
  }
}

static int32_t whole(double x) {
  if (x > 2e9) return 2000000000;
  return x <= 0 ? 0 : (int32_t)(x + 1e-9);
}

/* The number of one duration part: digits, words or "a". */
static double part_value(const char *s, long ds, long de, long ws, long we) {
  double v = ds >= 0 ? dec_value(s + ds, (size_t)(de - ds))
                     : words_value(s + ws, (size_t)(we - ws));
  return v > MAX_VALUE ? MAX_VALUE : v;
}

/* The word before `at` (after blanks) in [*ws, at'); its length. */
static size_t word_before(const char *s, size_t at, size_t *ws) {
  size_t i = at, e;
  while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) i--;
  e = i;
  while (i > 0 && is_alpha((unsigned char)s[i - 1])) i--;
  *ws = i;
  return e - i;
}

static size_t word_after(const char *s, size_t len, size_t at, size_t *ws) {
  size_t i = at, b;
  while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '-')) i++;
  b = i;
  while (i < len && is_alpha((unsigned char)s[i])) i++;
  *ws = b;
  return i - b;
}

/* 1 when the duration at [col, end) reads as a relative date or an age
** ("in 10 days", "3 days ago", "23 years old"), or "a" is a rate ("once a
** week", "$500 a month"). */
static int dur_excluded(const gv_line *ln, size_t col, size_t end, int is_a) {
  static const char *const before[] = {"in", "within", "next", "last", "past",
                                       NULL};
  static const char *const rate[] = {"once", "twice", "thrice", "times", "per",
                                     "every", "dollars", "bucks", "x", NULL};
  static const char *const after[] = {"ago", "from", "hence", "later", "old",
                                      "before", "after", "prior", "earlier",
                                      NULL};
  size_t ws, n = word_before(ln->s, col, &ws);
  if (word_in(ln->s + ws, n, before)) return 1;
  if (is_a) {
    if (word_in(ln->s + ws, n, rate)) return 1;
    if (n == 0 && ws > 0 && ws < col && is_digit((unsigned char)ln->s[ws - 1]))
      return 1;
  }
  n = word_after(ln->s, ln->len, end, &ws);
  return word_in(ln->s + ws, n, after);
}

static int scan_durations(scan *c) {
  gv_line *ln = c->ln;
  const char *s = ln->s;
  size_t pos = 0;
  size_t last = gv_gate_last_bit(&ln->at, GV_GATE_UNIT); /* months, years... */
  c->d0 = ln->out->n;
  while (gv_match_upto(c->e, c->p->dur, s, ln->len, pos, last, ln->md, &ln->at)) {
    long so, eo, g[20];
    double months = 0, days = 0, v;
    int u, u2 = 0;
    for (size_t i = 0; i < 10; i++) gv_group(ln->md, (int)i, &g[2 * i], &g[2 * i + 1]);
    so = g[0];
    eo = g[1];
    u = (unsigned char)s[g[10]];
    v = g[6] >= 0 ? 1 : part_value(s, g[2], g[3], g[4], g[5]);
    if (g[8] >= 0 || g[12] >= 0) v += 0.5;
    if (g[18] >= 0) {
      u2 = (unsigned char)s[g[18]];
      if (unit_rank(u2) >= unit_rank(u)) { /* "3 yrs 2 yrs": two items */
        eo = g[11];
        u2 = 0;
      }
    }
    pos = (size_t)eo;
    if (on_date(c, (size_t)so, (size_t)eo) ||
        dur_excluded(ln, (size_t)so, (size_t)eo, g[6] >= 0))
      continue;
    dur_add(v, u, &months, &days);
    gavel_item *it = gv_items_push(ln->out, GAVEL_KIND_DURATION, (size_t)so,
                                   (size_t)eo);
    if (!it) return -1;
    it->value = v;
    gv_copy(it->unit, sizeof it->unit, unit_name(u), strlen(unit_name(u)));
    if (u2) {
      double v2 = part_value(s, g[14], g[15], g[16], g[17]);
      dur_add(v2, u2, &months, &days);
      /* "1 yr 6 mo" reads as 18 months, "1 month 15 days" as 45 days */
      if (unit_rank(u2) == 3 || unit_rank(u2) == 1) {
        it->value = unit_rank(u2) == 3 ? whole(months) : whole(days);
        gv_copy(it->unit, sizeof it->unit, unit_name(u2),
                strlen(unit_name(u2)));
      }
    }
    it->months = whole(months);
    it->days = whole(days);
  }
  c->d1 = ln->out->n;
  return 0;
}

/* ---- suspended -------------------------------------------------------- */

static int scan_suspended(scan *c) {
  gv_line *ln = c->ln;
  size_t pos = 0;
  int oom = 0;
  c->s0 = ln->out->n;
  while (gv_match(c->e, c->p->susp, ln->s, ln->len, pos, ln->md, &ln->at)) {
    long so, eo, ns, ne, us, ue;
    gv_group(ln->md, 0, &so, &eo);
    pos = (size_t)eo;
    gv_group(ln->md, 1, &ns, &ne);
    gv_group(ln->md, 2, &us, &ue);
    if (ns < 0) {
      gv_group(ln->md, 3, &ns, &ne);
      gv_group(ln->md, 4, &us, &ue);
    }
    gavel_item *it = push_term(c, GAVEL_TERM_SUSPENDED, (size_t)so,
                               (size_t)eo, &oom);
    if (oom) return -1;
    if (!it) continue;
    it->months = -1;
    if (ns >= 0) { /* the part served before the rest is suspended */
      double months = 0, days = 0;
      int u = us >= 0 ? (unsigned char)ln->s[us] : 'm';
      double v = is_digit((unsigned char)ln->s[ns])
                     ? dec_value(ln->s + ns, (size_t)(ne - ns))
                     : words_value(ln->s + ns, (size_t)(ne - ns));
      dur_add(v > MAX_VALUE ? MAX_VALUE : v, u, &months, &days);
      it->value = v;
      gv_copy(it->unit, sizeof it->unit, unit_name(u), strlen(unit_name(u)));
      it->months = whole(months);
      it->days = whole(days);
    }
  }
  c->s1 = ln->out->n;
  return 0;
}

/* ---- custody, probation, fines and restitution ------------------------ */

#define BEFORE_WINDOW 64 /* bytes a "before" word may sit ahead of a number */

/* Looks for a sentence word right after [col, end) with `after` (anchored)
** and else right before it with `before`.  Returns the group that matched
** (1-based, after-groups as is, before-groups + 10), 0 for none, with the
** term's span in *tcol, *tend. */
static int bind_word(const scan *c, const pcre2_code *after,
                     const pcre2_code *before, size_t col, size_t end,
                     size_t *tcol, size_t *tend) {
  gv_line *ln = c->ln;
  int n = gv_match(c->e, after, ln->s, ln->len, end, ln->md, &ln->at);
  long so, eo;
  for (int i = 1; i < n; i++) {
    gv_group(ln->md, i, &so, &eo);
    if (so < 0) continue;
    *tcol = col;
    *tend = (size_t)eo;
    return i;
  }
  n = gv_match(c->e, before, ln->s, col, col > BEFORE_WINDOW ? col - BEFORE_WINDOW : 0,
               ln->md, &ln->at);
  for (int i = 1; i < n; i++) {
    gv_group(ln->md, i, &so, &eo);
    if (so < 0) continue;
    gv_group(ln->md, 0, &so, &eo);
    *tcol = (size_t)so;
    *tend = end;
    return 10 + i;
  }
  return 0;
}

/* Binds each MONEY (money = 1) or DURATION item to a sentence word and
** appends the TERM.  A duration inside a suspended phrase ("all but 6
** months suspended") is the part served, not a custody term. */
static int bind_items(scan *c, size_t from, size_t to, int money) {
  const pcre2_code *after = money ? c->p->cash_after : c->p->dur_after;
  const pcre2_code *before = money ? c->p->cash_before : c->p->dur_before;
  size_t s = c->s0; /* suspended items and durations are in column order */
  int oom = 0;
  for (size_t i = from; i < to; i++) {
    gavel_item src = *item(c, i), *t;
    size_t tcol, tend;
    gavel_term_kind kind;
    while (s < c->s1 && item(c, s)->end_col <= src.col) s++;
    if (!money && s < c->s1 && src.col >= item(c, s)->col &&
        src.end_col <= item(c, s)->end_col)
      continue;
    int g = bind_word(c, after, before, src.col, src.end_col, &tcol, &tend);
    if (!g) continue;
    if (money)
      kind = (g == 1 || g == 11) ? GAVEL_TERM_FINE : GAVEL_TERM_RESTITUTION;
    else
      kind = (g == 2 || g == 12) ? GAVEL_TERM_PROBATION : GAVEL_TERM_CUSTODY;
    if (!money && g == 4) tend = src.end_col; /* "18 months, all but 6 suspended" */
    t = push_term(c, kind, tcol, tend, &oom);
    if (oom) return -1;
    if (!t) continue;
    t->cents = src.cents;
    memcpy(t->currency, src.currency, sizeof t->currency);
    t->months = src.months;
    t->days = src.days;
    t->value = src.value;
    memcpy(t->unit, src.unit, sizeof t->unit);
  }
  return 0;
}

/* "restitution TBD": a restitution term of unknown amount (cents -1). */
static int scan_tbd(scan *c) {
  gv_line *ln = c->ln;
  size_t pos = 0, first = ln->out->n;
  while (gv_match(c->e, c->p->tbd, ln->s, ln->len, pos, ln->md, &ln->at)) {
    long so, eo;
    int clash = 0;
    gv_group(ln->md, 0, &so, &eo);
    pos = (size_t)eo;
    /* restitution terms bound to money came earlier and out of order with
    ** these; they are one per restitution word, so this stays small */
    for (size_t i = c->m1; i < first && !clash; i++) {
      const gavel_item *t = item(c, i);
      clash = t->kind == GAVEL_KIND_TERM &&
              t->term == GAVEL_TERM_RESTITUTION && t->col < (size_t)eo &&
              t->end_col > (size_t)so;
    }
    if (clash || on_date(c, (size_t)so, (size_t)eo)) continue;
    gavel_item *it = gv_items_push(ln->out, GAVEL_KIND_TERM, (size_t)so,
                                   (size_t)eo);
    if (!it) return -1;
    it->term = GAVEL_TERM_RESTITUTION;
    it->cents = -1;
  }
  return 0;
}

/* ---- dismissed counts ------------------------------------------------- */

static int roman_value(const char *s, size_t n) {
  int v = 0, prev = 0;
  for (size_t i = n; i-- > 0;) {
    int d = s[i] == 'I' ? 1 : s[i] == 'V' ? 5 : s[i] == 'X' ? 10 : 50;
    v += d < prev ? -d : d;
    if (d > prev) prev = d;
  }
  return v;
}

/* How many counts "2, 3 and 5-7" names (5); at least 1. */
static int32_t count_list(const char *s, size_t n) {
  int32_t total = 0;
  int last = -1, range = 0;
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    int v = -1;
    if (is_digit((unsigned char)s[i])) {
      v = 0;
      while (j < n && is_digit((unsigned char)s[j])) v = v * 10 + (s[j++] - '0');
    } else if (s[i] && strchr("IVXL", s[i]) && (i == 0 || !is_alpha((unsigned char)s[i - 1]))) {
      while (j < n && s[j] && strchr("IVXL", s[j])) j++;
      if (j == n || !is_alpha((unsigned char)s[j])) v = roman_value(s + i, j - i);
    } else if (s[i] == '-' || (unsigned char)s[i] == 0xe2 ||
               (lower((unsigned char)s[i]) == 't' && i + 1 < n &&
                lower((unsigned char)s[i + 1]) == 'h')) {
      range = 1; /* -, en dash, through, thru */
    }
    if (v >= 0) {
      if (range && last >= 0 && v > last && v - last < 1000) total += v - last;
      else total++;
      last = v;
      range = 0;
    }
    i = j > i ? j : i + 1;
    while (i < n && is_alpha((unsigned char)s[i]) && i > 0 &&
           is_alpha((unsigned char)s[i - 1]))
      i++; /* skip the rest of a word such as "through" */
  }
  if (total > 9999) total = 9999;
  return total > 0 ? total : 1;
}

static int scan_dismiss(scan *c) {
  gv_line *ln = c->ln;
  size_t pos = 0;
  int oom = 0;
  while (gv_match(c->e, c->p->dismiss, ln->s, ln->len, pos, ln->md, &ln->at)) {
    long so, eo, ls, le;
    gv_group(ln->md, 0, &so, &eo);
    pos = (size_t)eo;
    gv_group(ln->md, 1, &ls, &le);
    if (ls < 0) gv_group(ln->md, 2, &ls, &le);
    gavel_item *it = push_term(c, GAVEL_TERM_DISMISS, (size_t)so, (size_t)eo,
                               &oom);
    if (oom) return -1;
    if (it) it->value = ls >= 0 ? count_list(ln->s + ls, (size_t)(le - ls)) : 1;
  }
  return 0;
}

/* ---- the charge pleaded to -------------------------------------------- */

#define CHARGE_MAX 80 /* bytes of charge text read after "plead to" */

/* 1 when a MONEY or DURATION item starts at `at`. */
static int starts_at(const scan *c, size_t lo, size_t hi, size_t at) {
  while (lo < hi) { /* items of one scan are in column order */
    size_t mid = (lo + hi) / 2;
    if (item(c, mid)->col < at) lo = mid + 1;
    else hi = mid;
  }
  return lo < c->ln->out->n && item(c, lo)->col == at;
}

static int number_at(const scan *c, size_t at) {
  return (c->m1 > c->m0 && starts_at(c, c->m0, c->m1, at)) ||
         (c->d1 > c->d0 && starts_at(c, c->d0, c->d1, at));
}

/* 1 when the word at `at` ends a charge ("... and dismiss", "... w/ 12 mo"). */
static int stop_word(const gv_line *ln, size_t at) {
  static const char *const stops[] = {
      "and", "with", "w", "plus", "for", "but", "if", "at", "on", "by",
      "then", "so", "which", "because", "b", "to", "or", "as", "in",
      "instead", "without", "per", "since", "while", "when",
      NULL};
  size_t ws, n = word_after(ln->s, ln->len, at, &ws);
  if (ws > at && ln->s[at] == '-') return 1; /* " - ", " -- " */
  if (ws < ln->len && n == 0 && ln->s[ws] && strchr("&+/\xe2", ln->s[ws]))
    return 1;
  return n > 0 && ws == at && word_in(ln->s + ws, n, stops);
}

/* Where the charge that starts at `p` ends.  `plain` is 0 after a list of
** counts: only a class or degree may follow then. */
static size_t charge_end(const scan *c, size_t p, int plain) {
  const gv_line *ln = c->ln;
  const char *s = ln->s;
  size_t limit = p + CHARGE_MAX < ln->len ? p + CHARGE_MAX : ln->len;
  size_t keep = p; /* end of the last whole word taken */
  while (p < limit) {
    unsigned char ch = (unsigned char)s[p];
    if (ch == ',' || ch == '(' || (ch == ' ' && p + 1 < limit && s[p + 1] == '(')) {
      size_t q = p + 1;
      while (q < limit && (s[q] == ' ' || s[q] == '(')) q++;
      if (!gv_match(c->e, c->p->tail, s, limit, q, ln->md, &ln->at)) break;
      if (ch != ',') { /* a parenthesis: take it whole, if it closes */
        const char *close = memchr(s + q, ')', limit - q);
        if (!close) break;
        p = keep = (size_t)(close - s) + 1;
        continue;
      }
      plain = 1;
      p = q;
      continue;
    }
    if (ch == ';' || ch == ':' || ch == '[' || ch == '<' || ch == '"' ||
        ch == '\t')
      break;
    if (ch == '.') {
      /* a sentence ends at ". X" or at the end; "misd. B" goes on */
      if (p + 1 >= ln->len ||
          (s[p + 1] == ' ' &&
           (p + 2 >= ln->len || (s[p + 2] >= 'A' && s[p + 2] <= 'Z')))) {
        if (plain) keep = p + 1;
        break;
      }
      if (!plain) break;
      p++;
      keep = p;
      continue;
    }
    if (ch == ' ') {
      if (!plain || stop_word(ln, p + 1) || number_at(c, p + 1)) break;
      p++;
      continue;
    }
    p++;
    keep = p;
  }
  return keep;
}

/* Trims a trailing '.' unless it ends an abbreviation ("misd.", "fel."). */
static size_t charge_trim(const char *s, size_t from, size_t end) {
  if (end > from && s[end - 1] == '.') {
    size_t w = end - 1;
    while (w > from && is_alpha((unsigned char)s[w - 1])) w--;
    if (end - 1 == w || end - 1 - w > 4) end--;
  }
  while (end > from && (s[end - 1] == ' ' || s[end - 1] == ',')) end--;
  return end;
}

static int scan_charge(scan *c) {
  gv_line *ln = c->ln;
  size_t pos = 0;
  int oom = 0;
  while (gv_match(c->e, c->p->charge, ln->s, ln->len, pos, ln->md, &ln->at)) {
    long so, eo, gs, ge;
    size_t from, end;
    gv_group(ln->md, 0, &so, &eo);
    gv_group(ln->md, 1, &gs, &ge);
    from = gs >= 0 ? (size_t)gs : (size_t)eo;
    end = charge_end(c, gs >= 0 ? (size_t)ge : from, gs < 0);
    end = charge_trim(ln->s, from, end);
    if (end <= from) end = from;
    pos = end > (size_t)eo ? end : (size_t)eo;
    if (end == from) continue;
    gavel_item *it = push_term(c, GAVEL_TERM_CHARGE, (size_t)so, end, &oom);
    if (oom) return -1;
    if (it) gv_copy(it->what, sizeof it->what, ln->s + from, end - from);
  }
  return 0;
}

/* ---- diversion and time served ---------------------------------------- */

static int scan_flags(scan *c) {
  gv_line *ln = c->ln;
  size_t pos = 0;
  int oom = 0;
  while (gv_match(c->e, c->p->flags, ln->s, ln->len, pos, ln->md, &ln->at)) {
    long so, eo, ds, de;
    gv_group(ln->md, 0, &so, &eo);
    gv_group(ln->md, 1, &ds, &de);
    pos = (size_t)eo;
    push_term(c, ds >= 0 ? GAVEL_TERM_DIVERSION : GAVEL_TERM_TIME_SERVED,
              (size_t)so, (size_t)eo, &oom);
    if (oom) return -1;
  }
  return 0;
}

int gv_money_scan(const gavel_engine *e, gv_line *ln) {
  scan c;
  int rc;
  if (!e->money) return 0;
  if (!(ln->gate & GV_GATE_MONEY)) return 0;
  memset(&c, 0, sizeof c);
  c.e = e;
  c.p = e->money;
  c.ln = ln;
  if (dates_collect(&c) != 0) return -1;
  /* the sub-scans that need words of their own run where the gate saw
  ** them (a restitution or diversion word is a vocabulary class) */
  unsigned g = ln->gate;
  size_t n = ln->out->n; /* a sub-scan skipped found nothing here */
  c.m0 = c.m1 = c.d0 = c.d1 = c.s0 = c.s1 = n;
  rc = (((g & GV_GATE_CASH) && scan_money(&c)) || ((g & GV_GATE_UNIT) && scan_durations(&c)) ||
        ((g & GV_GATE_SUSP) && scan_suspended(&c)) ||
        bind_items(&c, c.d0, c.d1, 0) || bind_items(&c, c.m0, c.m1, 1) ||
        ((ln->classes & (1u << GV_V_RESTITUTION)) && scan_tbd(&c)) ||
        ((g & GV_GATE_DISMISS) && scan_dismiss(&c)) ||
        ((g & GV_GATE_CHARGE) && scan_charge(&c)) ||
        (((g & GV_GATE_SFLAGS) || (ln->classes & (1u << GV_V_DIVERSION))) &&
         scan_flags(&c)))
           ? -1
           : 0;
  if (c.dates != c.few) free(c.dates);
  return rc;
}
