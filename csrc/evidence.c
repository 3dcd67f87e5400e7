/*
** evidence.c: exhibit and Bates references, and the lines that define them.
**
** What is an evidence id (one pattern, two branches):
**   Exhibits  [party] word id
**     party  Def. / Def / Defense / Defence / Defendant's / Def't / Deft
**            (the word may follow Def, Def., Defense, Defence and Deft
**            with no blank: "DefEx. 3"; the others need a blank or a dot)
**            -> "DEF-EX-"; State / State's / People('s) / Gov't / Govt /
**            Government('s) / Commonwealth('s) -> "STATE-EX-"; none -> "EX-".
**     word   Exhibit(s), Exh., Exhs., Ex., Exs. (any case), then blanks,
**            "No." or "#"; a bare "Ex"/"EX" without a dot takes only a
**            number ("Ex 12", never "my ex I..."); "EX-12", "DEF-EX-7" and
**            "STATE-EX-4" (our own output) read back as themselves.
**     id     digits (1..5) with an optional capital ("12", "12A"), or one or
**            two capitals ("A", "AA"), optionally "-" and digits or a
**            capital ("B-2").  Letters are case-sensitive, so "ex parte",
**            "Exhibit hall" and "Ex-girlfriend" are not evidence.
**     norm   prefix + id with leading zeros of each number dropped:
**            "Ex. 012" -> "EX-12", "Exhibit B-2" -> "EX-B-2".
**     lists  after a plural word, ", 4", " and 5", " & 6" add more ids:
**            "Exs. 3 and 4" is two references.
**   Bates     PREFIX[-_]DIGITS: 2..12 letters, then 4..10 digits, not after
**            a letter, digit, '-', '/', '.', '#' or "No." (so "Case No.
**            24-CR-0118" and paths are not Bates numbers) and not followed
**            by ".ext".  The prefix must be capitals unless 6+ digits follow
**            ("def-000123" is accepted); JAN..DEC, SEPT, FY, CY with 4
**            digits are dates, not Bates.
**     norm   PREFIX upper-cased, one '-', digits as written: "DEF000123",
**            "DEF_000123" -> "DEF-000123".
**     ranges FIRST then "-" or an en/em dash (blanks allowed around the
**            dashes; around a plain " - " only when the prefix repeats), or
**            "to"/"through"/"thru", then LAST with or without the prefix.
**            A short LAST replaces the tail of FIRST's digits ("DEF-000120-135"
**            -> last "DEF-000135").  id = FIRST, id_end = LAST.  A range
**            whose LAST is below FIRST is not a range: after an unspaced
**            "-" the whole token is dropped ("CR-2024-0118" is a case
**            number), otherwise FIRST stands alone; so does FIRST when LAST
**            names another prefix.
** Definitions: the first id on a line starts at its body (after indent,
** heading marks, list marker and checkbox) or in the first cell of a
** Markdown table row, and is followed by ':', '-', '=', '|', an en or em
** dash, then a non-empty description.  Every id of a leading list is
** defined.  `what` is the description without the file path; the path
** (path_col and path_len: a span of the line) is the first of: a Markdown
** link target, a parenthesised path, a comma-separated path (or a table
** cell holding one).  A path is one token (under 4,096 bytes) with a known
** file extension, or with a '/' that is not a date or shorthand ("w/o").
** A definition line makes no reference item for the ids it defines.
**
** Caveats: ids longer than the item's 32-byte field cannot occur (bounded
** by the pattern); `what` is cut at 47 bytes (never inside a
** UTF-8 sequence).  At most 16 ids come from one list.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define EV_LIST_MAX 16

struct gv_evidence_pats {
  pcre2_code *id;   /* an exhibit or a Bates number/range */
  pcre2_code *more; /* one more id of a list, anchored at the start offset */
};

#define B_L "(?<![A-Za-z0-9_])"
#define B_R "(?![A-Za-z0-9_])"
#define APOS "(?:'|\xe2\x80\x99)"
#define EX_ID "(?-i:(?:\\d{1,5}[A-Z]?|[A-Z]{1,2})(?:-(?:\\d{1,4}|[A-Z]))?)"
#define DASH "(?:\xe2\x80\x93|\xe2\x80\x94)"

/* Groups: 1 defense party, 2 state party, 3 plural word, 4 bare "Ex",
** 5 exhibit id; 6 Bates prefix, 7 digits, 8 range separator, 9 last
** prefix, 10 last digits. */
static const char id_pattern[] =
    B_L
    "(?:"
    "(?:(Def(?:ense|ence|t)?\\.?\\s*|Def(?:endant" APOS "s|" APOS "t)(?:\\.\\s*|\\s+)|"
    "(?-i:DEF)-)"
    "|((?:State|People|Gov(?:ernment|" APOS "?t\\.?)|Commonwealth)"
    "(?:" APOS "s?)?\\s+|(?-i:STATE)-))?"
    "(?:(Exhibits|Exhs\\.?|Exs\\.?)|Exhibit|Exh\\.|Exh|Ex\\.|((?-i:Ex|EX))(?=\\s)"
    "|(?-i:EX)(?=-))"
    "(?:\\s*(?:No\\.?|#)\\s*|(?<=\\.)\\s*|\\s+|(?<=(?-i:EX))-)"
    "(?(4)(?=\\d))"
    "(" EX_ID ")" B_R
    "|(?<![-/.#])(?<!No\\.\\s)(?<!No\\s)(?<!No\\.)"
    "([A-Za-z]{2,12})[-_]?(\\d{4,10})"
    "(?:(\\s*" DASH "\\s*|-|\\s+-\\s+(?=[A-Za-z])|\\s+(?:to|through|thru)\\s+)"
    "(?:([A-Za-z]{2,12})[-_]?)?(\\d{1,10}))?"
    B_R "(?!\\.[A-Za-z0-9])"
    ")";

static const char more_pattern[] =
    "\\G(?:\\s*,\\s*(?:and\\s+|or\\s+|&\\s*)?|\\s+(?:and|or)\\s+|\\s*&\\s*)"
    "(" EX_ID ")" B_R;

int gv_evidence_compile(gavel_engine *e, char *err, size_t errlen) {
  struct gv_evidence_pats *p = calloc(1, sizeof *p);
  if (!p) {
    gv_fmt(err, errlen, "out of memory");
    return -1;
  }
  e->evidence = p;
  p->id = gv_compile(e, "evidence id", id_pattern, PCRE2_CASELESS, GV_PLAIN, err, errlen);
  if (!p->id) return -1;
  p->more = gv_compile(e, "evidence list", more_pattern, PCRE2_CASELESS, GV_PLAIN, err,
                       errlen);
  return p->more ? 0 : -1;
}

void gv_evidence_free(gavel_engine *e) {
  if (!e || !e->evidence) return;
  pcre2_code_free(e->evidence->id);
  pcre2_code_free(e->evidence->more);
  free(e->evidence);
  e->evidence = NULL;
}

/* ---- one id ------------------------------------------------------------ */

typedef struct ev_hit {
  size_t start, end; /* span of the id as written */
  size_t resume;     /* where scanning goes on */
  int ok;            /* 0: the match is not evidence after all */
  int plural;        /* exhibit word was plural: a list may follow */
  const char *pfx;   /* exhibits: "EX-", "DEF-EX-", "STATE-EX-"; else NULL */
  char id[32], id_end[32];
} ev_hit;

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_blank(char c) { return c == ' ' || c == '\t'; }

/* Writes prefix + the exhibit id s[0..n) with leading zeros of each
** number dropped. */
static void ex_norm(char *out, size_t cap, const char *pfx, const char *s,
                    size_t n) {
  char buf[32];
  size_t k = 0;
  for (size_t i = 0; i < n && k + 1 < sizeof buf; i++) {
    int run_start = is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1]));
    if (run_start)
      while (i + 1 < n && s[i] == '0' && is_digit(s[i + 1])) i++;
    buf[k++] = s[i];
  }
  buf[k] = 0;
  gv_fmt(out, cap, "%s%s", pfx, buf);
}

static unsigned long long digits_value(const char *s, size_t n) {
  unsigned long long v = 0;
  for (size_t i = 0; i < n && is_digit(s[i]); i++) v = v * 10 + (unsigned)(s[i] - '0');
  return v;
}

static int same_letters(const char *a, size_t an, const char *b, size_t bn) {
  if (an != bn) return 0;
  for (size_t i = 0; i < an; i++) {
    char x = a[i], y = b[i];
    if (x >= 'a' && x <= 'z') x = (char)(x - 32);
    if (y >= 'a' && y <= 'z') y = (char)(y - 32);
    if (x != y) return 0;
  }
  return 1;
}

/* A Bates prefix that would really be a date or a fiscal year. */
static int date_prefix(const char *s, size_t n) {
  static const char *const words[] = {"JAN", "FEB", "MAR", "APR", "MAY",
                                      "JUN", "JUL", "AUG", "SEP", "SEPT",
                                      "OCT", "NOV", "DEC", "FY",  "CY"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (same_letters(s, n, words[i], strlen(words[i]))) return 1;
  return 0;
}

static void bates_hit(ev_hit *h, const char *s, pcre2_match_data *md) {
  long ps, pe, ds, de, rs, re, ls, le, ns, ne;
  char first[16], last[16];
  size_t pn, dn;
  gv_group(md, 6, &ps, &pe);
  gv_group(md, 7, &ds, &de);
  gv_group(md, 8, &rs, &re);
  gv_group(md, 9, &ls, &le);
  gv_group(md, 10, &ns, &ne);
  pn = (size_t)(pe - ps);
  dn = (size_t)(de - ds);
  for (size_t i = 0; i < pn; i++)
    if (s[ps + (long)i] >= 'a' && s[ps + (long)i] <= 'z' && dn < 6) return;
  if (dn == 4 && date_prefix(s + ps, pn)) return;
  for (size_t i = 0; i < pn && i + 1 < sizeof first; i++) {
    char c = s[ps + (long)i];
    first[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    first[i + 1] = 0;
  }
  gv_fmt(h->id, sizeof h->id, "%s-%.*s", first, (int)dn, s + ds);
  h->ok = 1;
  h->end = (size_t)de;
  if (ns < 0) return;
  /* a range: build LAST's digits, padded like FIRST when written short */
  size_t nn = (size_t)(ne - ns);
  int bad = ls >= 0 && !same_letters(s + ls, (size_t)(le - ls), s + ps, pn);
  if (!bad) {
    if (nn < dn && ls < 0)
      gv_fmt(last, sizeof last, "%.*s%.*s", (int)(dn - nn), s + ds, (int)nn,
             s + ns);
    else
      gv_fmt(last, sizeof last, "%.*s", (int)nn, s + ns);
    bad = digits_value(last, strlen(last)) < digits_value(s + ds, dn);
    if (bad && re - rs == 1 && s[rs] == '-') {
      h->ok = 0; /* "CR-2024-0118": a case number, not a range */
      return;
    }
  }
  if (bad) {
    h->resume = h->end;
    return;
  }
  gv_fmt(h->id_end, sizeof h->id_end, "%s-%s", first, last);
  h->end = (size_t)ne;
}

/* Finds the next id in s[0..len) from `from` into *h (at: the gate's look
** at s, or NULL).  Returns 0 when there is none; else 1 (h->ok says whether
** it counts; h->resume is past it). */
static int next_id(const gavel_engine *e, const char *s, size_t len,
                   size_t from, pcre2_match_data *md, const gv_gate_at *at,
                   ev_hit *h) {
  long so, eo, gs, ge;
  if (!gv_match(e, e->evidence->id, s, len, from, md, at)) return 0;
  memset(h, 0, sizeof *h);
  gv_group(md, 0, &so, &eo);
  h->start = (size_t)so;
  h->resume = eo > so ? (size_t)eo : (size_t)so + 1;
  gv_group(md, 5, &gs, &ge);
  if (gs < 0) {
    bates_hit(h, s, md);
    return 1;
  }
  long ds, de, ss, se, ps, pe;
  gv_group(md, 1, &ds, &de);
  gv_group(md, 2, &ss, &se);
  gv_group(md, 3, &ps, &pe);
  h->pfx = ds >= 0 ? "DEF-EX-" : ss >= 0 ? "STATE-EX-" : "EX-";
  h->plural = ps >= 0;
  ex_norm(h->id, sizeof h->id, h->pfx, s + gs, (size_t)(ge - gs));
  h->end = (size_t)ge;
  h->ok = 1;
  return 1;
}

/* ---- definitions --------------------------------------------------------- */

static int known_ext(const char *s, size_t n) {
  static const char *const exts[] = {
      "pdf", "mp4", "wav", "jpg", "jpeg", "png", "docx", "doc", "xlsx",
      "xls", "txt", "md", "mov", "m4a", "mp3", "csv", "heic", "tif", "tiff",
      "gif", "zip", "eml", "msg", "html", "htm", "avi", "wmv", "rtf"};
  size_t dot = n;
  while (dot > 0 && s[dot - 1] != '.' && s[dot - 1] != '/') dot--;
  if (dot < 2 || s[dot - 1] != '.') return 0;
  for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
    if (same_letters(s + dot, n - dot, exts[i], strlen(exts[i]))) return 1;
  return 0;
}

/* The longest path taken (Linux's PATH_MAX less its NUL). */
#define GV_PATH_MAX 4096

/* Returns 1 when s[0..n) (already trimmed) reads as a file path. */
static int pathlike(const char *s, size_t n) {
  static const char *const shorthand[] = {"w/o", "n/a", "c/o", "a/k/a",
                                          "and/or", "s/b", "f/u", "l/m",
                                          "his/her", "he/she", "either/or"};
  int slash = 0, other = 0;
  if (n == 0 || n >= GV_PATH_MAX) return 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '/') slash = 1;
    else if (!is_digit(s[i]) && s[i] != '.' && s[i] != '-') other = 1;
    if (is_blank(s[i]) && !(known_ext(s, n) && memchr(s, '/', n))) return 0;
  }
  if (known_ext(s, n)) return 1;
  if (!slash || !other || n < 4) return 0;
  for (size_t i = 0; i < sizeof shorthand / sizeof shorthand[0]; i++)
    if (same_letters(s, n, shorthand[i], strlen(shorthand[i]))) return 0;
  return 1;
}

/* Trims blanks and the punctuation that frames a description. */
static void trim(const char *s, size_t *a, size_t *b) {
  while (*a < *b && (is_blank(s[*a]) || s[*a] == '`')) (*a)++;
  while (*b > *a && (is_blank(s[*b - 1]) || s[*b - 1] == '`' ||
                     s[*b - 1] == ',' || s[*b - 1] == ';' || s[*b - 1] == '|'))
    (*b)--;
}

/* A small text builder for `what`. */
typedef struct ev_buf {
  char v[256];
  size_t n;
} ev_buf;

static void buf_add(ev_buf *b, const char *s, size_t a, size_t z) {
  trim(s, &a, &z);
  if (a >= z) return;
  if (b->n && b->n + 2 < sizeof b->v) {
    b->v[b->n++] = ',';
    b->v[b->n++] = ' ';
  }
  while (a < z && b->n + 1 < sizeof b->v) b->v[b->n++] = s[a++];
  b->v[b->n] = 0;
}

/* Where a path stands in the line: [a, z), empty when z == a. */
typedef struct span {
  size_t a, z;
} span;

/* Splits [a, z) into what and path for a plain (non-table) definition. */
static void describe(const char *s, size_t a, size_t z, ev_buf *what,
                     span *path) {
  const char *lb = NULL;
  trim(s, &a, &z);
  /* a Markdown link [text](target) */
  for (size_t i = a; i + 1 < z; i++)
    if (s[i] == ']' && s[i + 1] == '(') {
      const char *open = memchr(s + i + 2, ')', z - i - 2);
      for (size_t k = i; k > a; k--)
        if (s[k - 1] == '[') {
          lb = s + k - 1;
          break;
        }
      if (lb && open) {
        size_t lbi = (size_t)(lb - s), close = (size_t)(open - s);
        size_t ta = i + 2, tz = close;
        trim(s, &ta, &tz);
        path->a = ta;
        path->z = tz;
        /* text before the link, the link's text, text after: one phrase */
        ev_buf t = {{0}, 0};
        memcpy(t.v, s + a, lbi - a < 100 ? lbi - a : 100);
        t.n = lbi - a < 100 ? lbi - a : 100;
        for (size_t k = lbi + 1; k < i && t.n + 1 < sizeof t.v; k++) t.v[t.n++] = s[k];
        for (size_t k = close + 1; k < z && t.n + 1 < sizeof t.v; k++) t.v[t.n++] = s[k];
        t.v[t.n] = 0;
        buf_add(what, t.v, 0, t.n);
        return;
      }
      break;
    }
  /* a parenthesised path */
  for (size_t i = a; i < z; i++)
    if (s[i] == '(') {
      const char *close = memchr(s + i + 1, ')', z - i - 1);
      if (!close) break;
      size_t pa = i + 1, pz = (size_t)(close - s);
      trim(s, &pa, &pz);
      if (pathlike(s + pa, pz - pa)) {
        path->a = pa;
        path->z = pz;
        ev_buf t = {{0}, 0};
        buf_add(&t, s, a, i);
        size_t after = (size_t)(close - s) + 1;
        if (t.n && after < z && t.n + 1 < sizeof t.v && !is_blank(s[after]))
          t.v[t.n++] = ' ';
        while (after < z && t.n + 1 < sizeof t.v) t.v[t.n++] = s[after++];
        t.v[t.n] = 0;
        buf_add(what, t.v, 0, t.n);
        return;
      }
      i = (size_t)(close - s);
    }
  /* a comma-separated path, or a description that is only a path */
  for (size_t i = a, seg = a; i <= z; i++)
    if (i == z || s[i] == ',') {
      size_t pa = seg, pz = i;
      trim(s, &pa, &pz);
      if (pathlike(s + pa, pz - pa)) {
        path->a = pa;
        path->z = pz;
        buf_add(what, s, a, seg > a ? seg - 1 : a);
        if (i < z) buf_add(what, s, i + 1, z);
        return;
      }
      seg = i + 1;
    }
  buf_add(what, s, a, z);
}

/* A table row's remaining cells [a, z): path from the first cell that
** holds one, what = the other cells joined with ", ". */
static void describe_cells(const char *s, size_t a, size_t z, ev_buf *what,
                           span *path) {
  for (size_t i = a, cell = a; i <= z; i++)
    if (i == z || s[i] == '|') {
      size_t ca = cell, cz = i;
      trim(s, &ca, &cz);
      if (path->z == path->a && (pathlike(s + ca, cz - ca) ||
                       (cz > ca && s[cz - 1] == ')' && memchr(s + ca, ']', cz - ca))))
        describe(s, ca, cz, what, path);
      else
        buf_add(what, s, ca, cz);
      cell = i + 1;
    }
}

/* Where a definition's id must start: the body, or the first table cell.
** *table is set for a table row. */
static size_t lead_of(const gv_line *ln, int *table) {
  size_t i = ln->body;
  *table = 0;
  if (!ln->list && !ln->heading && i < ln->len && ln->s[i] == '|') {
    *table = 1;
    i++;
    while (i < ln->len && is_blank(ln->s[i])) i++;
  }
  return i;
}

/* After the leading id(s) at `at`: returns the start of the description
** when a definition separator follows (and a description exists), else 0. */
static size_t def_sep(const gv_line *ln, size_t at, int table) {
  const char *s = ln->s;
  size_t i = at, n = ln->len;
  while (i < n && is_blank(s[i])) i++;
  if (i >= n) return 0;
  if (table) {
    if (s[i] != '|') return 0;
    i++;
  } else if (s[i] == ':' || s[i] == '-' || s[i] == '=' || s[i] == '|') {
    char c = s[i];
    while (i < n && (s[i] == c || s[i] == '-')) i++;
  } else if (i + 2 < n && (unsigned char)s[i] == 0xE2 &&
             (unsigned char)s[i + 1] == 0x80 &&
             ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94)) {
    i += 3;
  } else {
    return 0;
  }
  size_t a = i, z = n;
  trim(s, &a, &z);
  return a < z ? i : 0;
}

/* ---- the scanner ----------------------------------------------------------- */

typedef struct ev_one {
  size_t col, end;
  char id[32], id_end[32];
} ev_one;

/* Collects the ids of hit h (and of a list after it) into v; returns how
** many and sets *end to where the last ends. */
static size_t collect(const gavel_engine *e, const gv_line *ln, const ev_hit *h,
                      ev_one *v, size_t *end) {
  size_t k = 1, at = h->end;
  v[0].col = h->start;
  v[0].end = h->end;
  memcpy(v[0].id, h->id, sizeof v[0].id);
  memcpy(v[0].id_end, h->id_end, sizeof v[0].id_end);
  while (h->plural && k < EV_LIST_MAX &&
         gv_match(e, e->evidence->more, ln->s, ln->len, at, ln->md, &ln->at)) {
    long gs, ge;
    gv_group(ln->md, 1, &gs, &ge);
    v[k].col = (size_t)gs;
    v[k].end = (size_t)ge;
    ex_norm(v[k].id, sizeof v[k].id, h->pfx, ln->s + gs, (size_t)(ge - gs));
    v[k].id_end[0] = 0;
    at = (size_t)ge;
    k++;
  }
  *end = at;
  return k;
}

int gv_evidence_scan(const gavel_engine *e, gv_line *ln) {
  ev_hit h;
  ev_one v[EV_LIST_MAX], defs[EV_LIST_MAX];
  size_t ndefs = 0, pos = 0, lead;
  int table, first = 1;
  if (!e->evidence) return 0;
  if (!(ln->gate & GV_GATE_EVIDENCE)) return 0;
  lead = lead_of(ln, &table);
  while (pos <= ln->len && next_id(e, ln->s, ln->len, pos, ln->md, &ln->at, &h)) {
    size_t end, n, desc = 0;
    pos = h.resume;
    if (!h.ok) continue;
    n = collect(e, ln, &h, v, &end);
    if (end > pos) pos = end;
    if (first && h.start == lead) desc = def_sep(ln, end, table);
    first = 0;
    ev_buf what = {{0}, 0};
    span path = {0, 0};
    if (desc) {
      if (table) describe_cells(ln->s, desc, ln->len, &what, &path);
      else describe(ln->s, desc, ln->len, &what, &path);
    }
    for (size_t i = 0; i < n; i++) {
      int dup = 0;
      for (size_t k = 0; k < ndefs && !desc; k++)
        dup |= !strcmp(defs[k].id, v[i].id) && !strcmp(defs[k].id_end, v[i].id_end);
      if (dup) continue;
      gavel_item *it = gv_items_push(ln->out, GAVEL_KIND_EVENT, v[i].col, v[i].end);
      if (!it) return -1;
      it->event = desc ? GAVEL_EV_EVIDENCE_DEF : GAVEL_EV_EVIDENCE_REF;
      memcpy(it->id, v[i].id, sizeof it->id);
      memcpy(it->id_end, v[i].id_end, sizeof it->id_end);
      if (desc) {
        gv_copy(it->what, sizeof it->what, what.v, what.n);
        it->path_col = (uint32_t)path.a;
        it->path_len = (uint32_t)(path.z - path.a);
        defs[ndefs++] = v[i];
      }
    }
  }
  return 0;
}

/* ---- public functions ------------------------------------------------------ */

int gavel_evidence_normalize(const gavel_engine *e, const char *text,
                             size_t len, char *out, size_t outlen) {
  pcre2_match_data *md;
  ev_hit h;
  size_t a = 0, z = len;
  int found;
  if (!e || !e->evidence || !text || !out || outlen == 0) return -1;
  out[0] = 0;
  while (a < z && is_blank(text[a])) a++;
  while (z > a && is_blank(text[z - 1])) z--;
  if (a == z) return -1;
  md = pcre2_match_data_create(GV_OVECTOR_PAIRS, NULL);
  if (!md) return -1;
  found = next_id(e, text, z, a, md, NULL, &h);
  pcre2_match_data_free(md);
  if (!found || !h.ok || h.start != a || h.end != z) return -1;
  if (strlen(h.id) >= outlen) return -1;
  memcpy(out, h.id, strlen(h.id) + 1);
  return 0;
}

/* Splits a Bates id "PREFIX-DIGITS" into prefix length and number.
** Returns 0, or -1 when id is not one. */
static int bates_split(const char *id, size_t *plen, unsigned long long *num) {
  const char *dash = strrchr(id, '-');
  size_t n;
  if (!dash || dash == id || !dash[1]) return -1;
  n = strlen(dash + 1);
  if (n > 10) return -1;
  for (size_t i = 0; i < n; i++)
    if (!is_digit(dash[1 + i])) return -1;
  for (const char *p = id; p < dash; p++)
    if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))) return -1;
  *plen = (size_t)(dash - id);
  *num = digits_value(dash + 1, n);
  return 0;
}

int gavel_evidence_matches(const gavel_item *ref, const char *id) {
  size_t rp, ip, ep;
  unsigned long long first, last, want;
  if (!ref || !id || ref->kind != GAVEL_KIND_EVENT ||
      (ref->event != GAVEL_EV_EVIDENCE_REF && ref->event != GAVEL_EV_EVIDENCE_DEF))
    return 0;
  if (same_letters(ref->id, strlen(ref->id), id, strlen(id))) return 1;
  if (bates_split(ref->id, &rp, &first) != 0 || bates_split(id, &ip, &want) != 0 ||
      !same_letters(ref->id, rp, id, ip))
    return 0;
  last = first;
  if (ref->id_end[0] && bates_split(ref->id_end, &ep, &last) != 0) return 0;
  return want >= first && want <= last;
}

const char *gavel_doc_evidence_at(const gavel_doc *d, size_t row, size_t col) {
  const gavel_item *it;
  size_t n;
  if (!d) return NULL;
  n = gavel_doc_row_items(d, row, &it);
  for (size_t i = 0; i < n; i++)
    if (it[i].kind == GAVEL_KIND_EVENT &&
        (it[i].event == GAVEL_EV_EVIDENCE_REF || it[i].event == GAVEL_EV_EVIDENCE_DEF) &&
        col >= it[i].col && col < it[i].end_col)
      return it[i].id;
  return NULL;
}

long gavel_doc_evidence_def(const gavel_doc *d, const char *id) {
  size_t nrows;
  if (!d || !id) return -1;
  nrows = gavel_doc_line_count(d);
  for (size_t r = gavel_doc_next_row(d, 0); r < nrows; r = gavel_doc_next_row(d, r + 1)) {
    const gavel_item *it;
    size_t n = gavel_doc_row_items(d, r, &it);
    for (size_t i = 0; i < n; i++)
      if (it[i].kind == GAVEL_KIND_EVENT && it[i].event == GAVEL_EV_EVIDENCE_DEF &&
          gavel_evidence_matches(&it[i], id))
        return (long)r;
  }
  return -1;
}
