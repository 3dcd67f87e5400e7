/*
** dates.c: day arithmetic, the date scanner and date resolution.
**
** Day numbers count days since 1970-01-01 in the proleptic Gregorian
** calendar (civil-from-days arithmetic below, 400-year eras).
**
** What the scanner reads (one DATE item per expression; the span covers a
** weekday written before the date and a time written after it):
**   ISO         2025-03-14, 2025/03/14, 2025-03-14T09:30
**   numeric     3/14/2025, 3/14/25 (= 2025), 3/14, 3-14-2025 (a dash needs
**               the year); 14/3/2025 when opts.day_first
**   month names March 14, 2025; Mar. 14th; Sept 3; 14 March 2025; 14th of
**               March.  Lower-case "may" after a day number needs a year.
**   weekday     "Fri 3/14", "Friday, March 14" (part of the span; any
**               abbreviation, but only directly before a date), bare full
**               names ("on Friday"), "next/this/last/coming/past Tuesday"
**   relative    today, tonight, tomorrow, yesterday, in N days/weeks,
**               N days/weeks from today/now, N days ago, within N days.
**               N is 1-999, one..thirty-one, "a" or "an".
**   time        9:00 AM, 9am, 9 a.m., 14:30, "at 9:30", noon, midnight
** Not dates: numbers inside larger tokens (24-CR-0118, DEF-000123,
** 555-123-4567, $1,250, 1.2/3), impossible months/days, N/N after
** "count(s)"/"ct"/"exhibit"/"page"/"score"..., N/N or "May 5" followed by
** "of"/"days"/"counts"/"%"..., a mixed number "1 1/2", "24/7", a month
** name without a day.
**
** Entry dates (GAVEL_F_ENTRY, tense FUTURE): an absolute date that is the
** first date of the line and starts its text, on a heading; on a
** non-indented, non-list line; or on a list item at indent 0 when a ":" or
** a dash follows it.  A date alone on a plain line is an entry too.
**
** Tense and role come from the cue nearest before the date in its clause
** (at most GV_CUE_WINDOW bytes back, stopping at ";", "!", "?", ". " unless
** the period ends a cue such as "exp.", and the previous date): see `cues` below.
**
** Resolution rules (gv_date_resolve; anchor = the entry date, or for an
** entry date the previous entry date):
**   - absolute with a year: that day; GAVEL_NO_DAY when it does not exist.
**   - missing year: the same month/day in the years around the anchor's
**     (year-1, year, year+1; further for 29 February), chosen by tense:
**     FUTURE the first on or after the anchor, PAST the last on or before,
**     NEAREST the nearest (a tie goes to the future).
**   - REL_DAYS and REL_WITHIN: anchor + amount days.
**   - REL_WEEKDAY: amount 1 ("next X") the first X strictly after the
**     anchor; -1 ("last X") the last X strictly before; 0 ("this X", a bare
**     weekday) on or after the anchor for FUTURE/NEAREST, on or before it
**     for PAST.
**   - an anchor of GAVEL_NO_DAY makes every relative or year-less spec
**     GAVEL_NO_DAY.
**
** Caveats: a weekday written before a year-less date does not choose the
** year; "next Tuesday" never means "Tuesday of next week" when said on a
** Monday; months ("in 3 months") and business days are not dates.
*/
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

/* ------------------------------------------------------------------ */
/* Day arithmetic                                                      */
/* ------------------------------------------------------------------ */

#define GV_MIN_YEAR 1
#define GV_MAX_YEAR 9999

static int is_leap(long y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(long y, int m) {
  static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/* Days since 1970-01-01 of a valid civil date (no range checks). */
static long long days_from_civil(long y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;                                   /* 0..399 */
  long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* 0..365 */
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* 0..146096 */
  return (long long)era * 146097 + doe - 719468;
}

gavel_day gavel_day_from_ymd(int year, int month, int day) {
  if (year < GV_MIN_YEAR || year > GV_MAX_YEAR || day < 1 ||
      day > month_days(year, month))
    return GAVEL_NO_DAY;
  return (gavel_day)days_from_civil(year, month, day);
}

int gavel_day_to_ymd(gavel_day d, int *year, int *month, int *day) {
  if (d == GAVEL_NO_DAY) return -1;
  long long z = (long long)d + 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;                               /* 0..146096 */
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);        /* 0..365 */
  long long mp = (5 * doy + 2) / 153;                             /* 0..11 */
  int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
  int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
  long long yy = yoe + era * 400 + (mm <= 2);
  if (year) *year = (int)yy;
  if (month) *month = mm;
  if (day) *day = dd;
  return 0;
}

int gavel_day_weekday(gavel_day d) {
  long long w = ((long long)d + 4) % 7; /* 1970-01-01 was a Thursday */
  return (int)(w < 0 ? w + 7 : w);
}

static int digits(const char *s, size_t n, int *out) {
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return 0;
}

gavel_day gavel_day_parse(const char *s, size_t len) {
  int y, m, d;
  if (!s || len != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) ||
      digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
    return GAVEL_NO_DAY;
  return gavel_day_from_ymd(y, m, d);
}

char *gavel_day_format(gavel_day d, char *buf) {
  int y, m, dd;
  if (gavel_day_to_ymd(d, &y, &m, &dd) != 0 || y < 0 || y > 9999) {
    buf[0] = 0;
    return buf;
  }
  gv_fmt(buf, 11, "%04d-%02d-%02d", y, m, dd);
  return buf;
}

gavel_day gavel_day_today(void) {
  time_t now = time(NULL);
  struct tm tm;
  if (now == (time_t)-1 || !localtime_r(&now, &tm)) return GAVEL_NO_DAY;
  return gavel_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* ------------------------------------------------------------------ */
/* Resolution                                                          */
/* ------------------------------------------------------------------ */

static gavel_day add_days(gavel_day anchor, long long n) {
  long long v = (long long)anchor + n;
  if (anchor == GAVEL_NO_DAY || v < days_from_civil(GV_MIN_YEAR, 1, 1) ||
      v > days_from_civil(GV_MAX_YEAR, 12, 31))
    return GAVEL_NO_DAY;
  return (gavel_day)v;
}

/* Month/day without a year: the occurrence near `anchor` that tense asks
** for.  Eight years either side always hold one 29 February. */
static gavel_day resolve_yearless(int month, int day, int tense,
                                  gavel_day anchor) {
  int ay;
  gavel_day best = GAVEL_NO_DAY;
  if (gavel_day_to_ymd(anchor, &ay, NULL, NULL) != 0) return GAVEL_NO_DAY;
  for (int y = ay - 8; y <= ay + 8; y++) {
    gavel_day c = gavel_day_from_ymd(y, month, day);
    if (c == GAVEL_NO_DAY) continue;
    if (tense == GAVEL_TENSE_FUTURE) {
      if (c >= anchor) return c; /* years ascend: the first is the best */
    } else if (tense == GAVEL_TENSE_PAST) {
      if (c <= anchor) best = c; /* the last one wins */
    } else {
      long long dc = (long long)c - anchor, db;
      if (best == GAVEL_NO_DAY) {
        best = c;
        continue;
      }
      db = (long long)best - anchor;
      if (llabs(dc) < llabs(db) || (llabs(dc) == llabs(db) && dc > 0)) best = c;
    }
  }
  return best;
}

gavel_day gv_date_resolve(const gavel_datespec *spec, gavel_day anchor) {
  if (!spec) return GAVEL_NO_DAY;
  switch (spec->rel) {
  case GAVEL_REL_NONE:
    if (spec->year) return gavel_day_from_ymd(spec->year, spec->month, spec->day);
    if (anchor == GAVEL_NO_DAY || spec->day < 1 ||
        spec->day > month_days(2000, spec->month))
      return GAVEL_NO_DAY;
    return resolve_yearless(spec->month, spec->day, spec->tense, anchor);
  case GAVEL_REL_DAYS:
  case GAVEL_REL_WITHIN:
    return add_days(anchor, spec->amount);
  case GAVEL_REL_WEEKDAY: {
    int aw, fwd, back;
    if (anchor == GAVEL_NO_DAY || spec->weekday < 0 || spec->weekday > 6)
      return GAVEL_NO_DAY;
    aw = gavel_day_weekday(anchor);
    fwd = (spec->weekday - aw + 7) % 7;  /* days to the next X, 0 = today */
    back = (aw - spec->weekday + 7) % 7; /* days since the last X */
    if (spec->amount > 0) return add_days(anchor, fwd ? fwd : 7);
    if (spec->amount < 0) return add_days(anchor, -(back ? back : 7));
    if (spec->tense == GAVEL_TENSE_PAST) return add_days(anchor, -back);
    return add_days(anchor, fwd);
  }
  default:
    return GAVEL_NO_DAY;
  }
}

/* ------------------------------------------------------------------ */
/* Word tables                                                         */
/* ------------------------------------------------------------------ */

/* Spellings per month; the first three letters identify the month. */
static const char *const month_words[12] = {
    "january|jan",  "february|feb", "march|mar",         "april|apr",
    "may",          "june|jun",     "july|jul",          "august|aug",
    "september|sept|sep", "october|oct", "november|nov", "december|dec"};

/* Spellings per weekday (0 = Sunday); the first is the full name. */
static const char *const weekday_words[7] = {
    "sunday|sun", "monday|mon", "tuesday|tues|tue", "wednesday|wed",
    "thursday|thurs|thur|thu", "friday|fri", "saturday|sat"};

/* Number words; '-' also matches a blank ("twenty one"). */
static const char *const number_words[31] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen", "twenty", "twenty-one", "twenty-two",
    "twenty-three", "twenty-four", "twenty-five", "twenty-six", "twenty-seven",
    "twenty-eight", "twenty-nine", "thirty", "thirty-one"};

/* A word right before a bare N/N that makes it something else. */
static const char *const before_blockers[] = {
    "count", "counts", "ct", "cts", "exhibit", "exhibits", "ex", "page",
    "pages", "pg", "pp", "p", "score", "scored", "vote", "voted", "odds",
    "rated", "rule", "section", "sec", "para", "item", "line", "grade", NULL};

/* A word right after a year-less date that makes it a number. */
static const char *const after_blockers[] = {
    "of", "day", "days", "week", "weeks", "wk", "wks", "month", "months",
    "mo", "mos", "year", "years", "yr", "yrs", "hour", "hours", "hr", "hrs",
    "count", "counts", "time", "times", "percent", "pct", "point", "points",
    "pts", "split", "vote", "votes", "odds", "witnesses", "people",
    "officers", "cases", "charges", "pages", "exhibits", "items", NULL};

/* Cue words before a date, in its clause.  Multi-word cues match any run
** of blanks between words.  The cue nearest the date wins (ties: the
** longer).  CUE_BY: "by" is a due date (SETTING) when "file"/"due"/
** "respond"/"submit" comes before it in the window. */
#define CUE_BY 0x100u
static const struct cue {
  const char *text;
  int8_t tense;
  uint32_t flags;
} cues[] = {
    /* expiries */
    {"until", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"till", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"til", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"'til", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"expires", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"expire", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"expiring", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"expiration", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"expiry", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"exp", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"good through", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"good thru", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"open through", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"open thru", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"valid through", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"lapses", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"lapse", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"deadline to accept", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    {"deadline to respond", GAVEL_TENSE_FUTURE, GAVEL_F_EXPIRY},
    /* court settings and due dates */
    {"set for", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"set on", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"set", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"scheduled", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"sched", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"rescheduled", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"continued to", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"cont'd to", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"cont. to", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"reset to", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"reset for", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"moved to", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"calendared", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"due", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"deadline", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"trial", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"hearing", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"sentencing", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"arraignment", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"conference", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"pretrial", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    {"pre-trial", GAVEL_TENSE_FUTURE, GAVEL_F_SETTING},
    /* plain future */
    {"thru", GAVEL_TENSE_FUTURE, 0},
    {"through", GAVEL_TENSE_FUTURE, 0},
    {"by", GAVEL_TENSE_FUTURE, CUE_BY},
    {"before", GAVEL_TENSE_FUTURE, 0},
    {"on or before", GAVEL_TENSE_FUTURE, 0},
    {"next", GAVEL_TENSE_FUTURE, 0},
    {"upcoming", GAVEL_TENSE_FUTURE, 0},
    {"will", GAVEL_TENSE_FUTURE, 0},
    {"within", GAVEL_TENSE_FUTURE, 0},
    /* logged past */
    {"called", GAVEL_TENSE_PAST, 0},
    {"emailed", GAVEL_TENSE_PAST, 0},
    {"e-mailed", GAVEL_TENSE_PAST, 0},
    {"texted", GAVEL_TENSE_PAST, 0},
    {"met", GAVEL_TENSE_PAST, 0},
    {"spoke", GAVEL_TENSE_PAST, 0},
    {"talked", GAVEL_TENSE_PAST, 0},
    {"was", GAVEL_TENSE_PAST, 0},
    {"were", GAVEL_TENSE_PAST, 0},
    {"ago", GAVEL_TENSE_PAST, 0},
    {"last", GAVEL_TENSE_PAST, 0},
    {"since", GAVEL_TENSE_PAST, 0},
    {"received", GAVEL_TENSE_PAST, 0},
    {"rec'd", GAVEL_TENSE_PAST, 0},
    {"recd", GAVEL_TENSE_PAST, 0},
    {"filed", GAVEL_TENSE_PAST, 0},
    {"sent", GAVEL_TENSE_PAST, 0},
};

/* Words before "by" that make it a due date. */
static const char *const by_due_words[] = {"file", "due", "respond",
                                           "submit", "serve", NULL};

#define GV_CUE_WINDOW 40

/* ------------------------------------------------------------------ */
/* Patterns                                                            */
/* ------------------------------------------------------------------ */

/* Named groups of the date pattern, looked up once at compile time. */
enum {
  G_WD, G_IY, G_IM, G_ID, G_NA, G_NSEP, G_NB, G_NY, G_MM, G_MD, G_MY,
  G_DD, G_DM, G_DY, G_RK, G_INN, G_INU, G_WN, G_WU, G_FN, G_FU, G_AGO,
  G_WM, G_WMD, G_BW, G_COUNT
};
static const char *const group_names[G_COUNT] = {
    "wd", "iy", "im", "id", "na", "nsep", "nb", "ny", "mm", "md", "my",
    "dd", "dm", "dy", "rk", "inn", "inu", "wn", "wu", "fn", "fu", "ago",
    "wm", "wmd", "bw"};

enum { T_H, T_M, T_AP, T_H24, T_M24, T_NOON, T_COUNT };
static const char *const time_names[T_COUNT] = {"th", "tm", "ap",
                                                "h24", "m24", "noon"};

/* The forms of the date pattern, by the date words the gate saw on a line:
** every branch that needs a word the line lacks starts with bytes that
** notes do not hold, its groups kept so that the numbers of all groups stay
** the same.  DF_UNITS: only "days"/"weeks" with "in", "within", "from" or
** "ago" (in 10 days, two weeks ago); DF_NUMERIC: no date word at all (or
** "two weeks after"), so only 2025-03-14, 3/14/25 can match, and PCRE2
** tries only at digits. */
enum { DF_FULL, DF_UNITS, DF_NUMERIC, DF_COUNT };
static const char *const form_names[DF_COUNT] = {"dates", "dates (units)",
                                                 "dates (numeric)"};

#define NCUES (sizeof cues / sizeof cues[0])
#define CUE_BUCKETS 27 /* a cue's first letter, or "'" ("'til") */

struct gv_date_pats {
  pcre2_code *date[DF_COUNT]; /* by form (build_date_pattern) */
  pcre2_code *time; /* anchored: a time right after a date */
  int g[G_COUNT];
  int t[T_COUNT];
  /* the cues by first letter, in table order: bucket b's are
  ** cue_order[cue_start[b] .. cue_start[b + 1]) (a word is compared with
  ** those of its own letter only) */
  uint8_t cue_order[NCUES];
  uint8_t cue_start[CUE_BUCKETS + 1];
};

/* A cue's bucket by its first byte (lower case), -1 for none. */
static int cue_bucket(int c0) {
  return c0 >= 'a' && c0 <= 'z' ? c0 - 'a' : c0 == '\'' ? 26 : -1;
}

/* Sorts the cues into their buckets (counting sort: table order kept).
** Returns -1 when a cue opens with another byte. */
static int cues_index(struct gv_date_pats *p) {
  size_t count[CUE_BUCKETS + 1] = {0};
  for (size_t k = 0; k < NCUES; k++) {
    int b = cue_bucket((unsigned char)cues[k].text[0]);
    if (b < 0) return -1;
    count[b + 1]++;
  }
  for (int b = 0; b < CUE_BUCKETS; b++) count[b + 1] += count[b];
  for (int b = 0; b <= CUE_BUCKETS; b++) p->cue_start[b] = (uint8_t)count[b];
  for (size_t k = 0; k < NCUES; k++)
    p->cue_order[count[cue_bucket((unsigned char)cues[k].text[0])]++] = (uint8_t)k;
  return 0;
}

/* Appends "(?:a|b|...)" of words[0..n); full_only keeps the text before
** the first '|' of each; '-' becomes "[- ]"; reverse puts the last word
** first (longer number words before their prefixes). */
static void sb_alt(gv_sbuf *b, const char *const *words, size_t n, int full_only,
                   int reverse) {
  gv_sb_add(b, "(?:");
  for (size_t k = 0; k < n; k++) {
    const char *w = words[reverse ? n - 1 - k : k];
    if (k) gv_sb_add(b, "|");
    for (; *w && !(full_only && *w == '|'); w++) {
      if (*w == '-') gv_sb_add(b, "[- ]");
      else gv_sb_addn(b, w, 1);
    }
  }
  gv_sb_add(b, ")");
}

#define B "(?<![A-Za-z0-9_])"
#define A "(?![A-Za-z0-9_])"
#define BL "[ \\t]"

/* The date pattern in one of its forms (DF_*). */
static void build_date_pattern(gv_sbuf *b, int form) {
  /* opens each word branch: two NUL bytes, which a branch that needs a word
  ** absent from the line cannot follow anyway; unlike (?!), a literal
  ** keeps PCRE2's set of bytes a match can start at */
  const char *no = form != DF_FULL ? "\\x00\\x00" : "";   /* month, weekday, today */
  const char *no_unit = form == DF_NUMERIC ? "\\x00\\x00" : ""; /* days, weeks */
  /* weekday written before an absolute date */
  gv_sb_add(b, "(?:(?:" B "(?<wd>");
  gv_sb_add(b, no);
  sb_alt(b, weekday_words, 7, 0, 0);
  gv_sb_add(b, ")" A "\\.?,?" BL "+)?(?:"
            /* ISO */
            "(?<![A-Za-z0-9_$/.#-])(?<iy>\\d{4})(?<isep>[-/])(?<im>\\d{1,2})"
            "\\k<isep>(?<id>\\d{1,2})(?!(?!T\\d)[0-9A-Za-z_]|[-/.,]\\d)"
            /* numeric: a sep b [sep year] */
            "|(?<![A-Za-z0-9_$/.#])(?<na>\\d{1,2})(?<nsep>[/-])(?<nb>\\d{1,2})"
            "(?:\\k<nsep>(?<ny>\\d{4}|\\d{2}))?(?![0-9A-Za-z_]|[/.,:]\\d)"
            /* month day [year] */
            "|" B "(?<mm>");
  gv_sb_add(b, no);
  sb_alt(b, month_words, 12, 0, 0);
  gv_sb_add(b, ")(?:\\." BL "*|" BL "+)(?<md>\\d{1,2})(?:st|nd|rd|th)?"
            "(?:,?" BL "*(?<my>\\d{4}))?(?![0-9A-Za-z_]|[.,:]\\d)"
            /* day [of] month [year] */
            "|(?<![A-Za-z0-9_$/.#-])(?<dd>\\d{1,2})(?:st|nd|rd|th)?" BL "+"
            "(?:of" BL "+)?(?<dm>");
  gv_sb_add(b, no);
  sb_alt(b, month_words, 12, 0, 0);
  gv_sb_add(b, ")(?:\\.|" A ")(?:,?" BL "*(?<dy>\\d{4}))?"
            "(?![0-9A-Za-z_]|[.,:]\\d)))"
            /* today, tomorrow... */
            "|" B "(?<rk>");
  gv_sb_add(b, no);
  gv_sb_add(b, "(?:today|tonight|tomorrow|tmrw|yesterday))" A
            /* in N days [from today] */
            "|" B);
  gv_sb_add(b, no_unit);
  gv_sb_add(b, "in" BL "+(?<inn>");
  sb_alt(b, number_words, 31, 0, 1);
  gv_sb_add(b, "|an?|\\d{1,3})" BL "+(?<inu>days?|weeks?|wks?)" A
            "(?:" BL "+from" BL "+(?:today|now)" A ")?"
            /* within N days */
            "|" B);
  gv_sb_add(b, no_unit);
  gv_sb_add(b, "(?:within|w/in)" BL "+(?<wn>");
  sb_alt(b, number_words, 31, 0, 1);
  gv_sb_add(b, "|an?|\\d{1,3})" BL "+(?<wu>days?|weeks?|wks?)" A
            /* N days from today / ago */
            "|" B);
  gv_sb_add(b, no_unit);
  gv_sb_add(b, "(?<fn>");
  sb_alt(b, number_words, 31, 0, 1);
  gv_sb_add(b, "|an?|\\d{1,3})" BL "+(?<fu>days?|weeks?|wks?)" BL "+"
            "(?:from" BL "+(?:today|now)|(?<ago>ago))" A
            /* next/this/last weekday */
            "|" B);
  gv_sb_add(b, no);
  gv_sb_add(b, "(?<wm>next|this" BL "+coming|this" BL "+past|this|last|"
            "coming|past)" BL "+(?<wmd>");
  sb_alt(b, weekday_words, 7, 0, 0);
  gv_sb_add(b, ")" A
            /* bare weekday: full names only */
            "|" B "(?<bw>");
  gv_sb_add(b, no);
  sb_alt(b, weekday_words, 7, 1, 0);
  gv_sb_add(b, ")" A);
}

static const char time_pattern[] =
    "(?:T|" BL "*,?" BL "*(?:(?:at|@)" BL "*)?)"
    "(?:(?<th>\\d{1,2})(?::(?<tm>\\d{2}))?" BL "*(?<ap>[ap])\\.?" BL "?m\\.?"
    "(?![A-Za-z0-9_])"
    "|(?<h24>\\d{1,2}):(?<m24>\\d{2})(?::\\d{2})?(?![0-9]|:\\d)"
    "|(?<noon>noon|midnight)" A ")";

#undef B
#undef A
#undef BL

static int lookup_groups(const pcre2_code *re, const char *const *names,
                         int *out, int n, char *err, size_t errlen) {
  for (int i = 0; i < n; i++) {
    out[i] = pcre2_substring_number_from_name(re, (PCRE2_SPTR)names[i]);
    if (out[i] <= 0 || out[i] >= GV_OVECTOR_PAIRS) {
      gv_fmt(err, errlen, "pattern dates: group %s missing", names[i]);
      return -1;
    }
  }
  return 0;
}

int gv_dates_compile(gavel_engine *e, char *err, size_t errlen) {
  gv_sbuf b = {NULL, 0, 0, 0};
  struct gv_date_pats *p = calloc(1, sizeof *p);
  if (!p) {
    gv_fmt(err, errlen, "out of memory");
    return -1;
  }
  e->dates = p;
  if (cues_index(p) != 0) {
    gv_fmt(err, errlen, "a date cue opens with neither a letter nor \"'\"");
    return -1;
  }
  for (int form = 0; form < DF_COUNT; form++) {
    b.n = 0;
    if (b.s) b.s[0] = 0;
    build_date_pattern(&b, form);
    if (b.bad) {
      free(b.s);
      gv_fmt(err, errlen, "out of memory");
      return -1;
    }
    p->date[form] = gv_compile(e, form_names[form], b.s, PCRE2_CASELESS, GV_TWIN, err,
                               errlen);
    if (!p->date[form]) {
      free(b.s);
      return -1;
    }
  }
  free(b.s);
  p->time = gv_compile(e, "time", time_pattern, PCRE2_CASELESS | PCRE2_ANCHORED,
                       GV_PLAIN, err, errlen);
  if (!p->time) return -1;
  if (lookup_groups(p->date[DF_FULL], group_names, p->g, G_COUNT, err, errlen) ||
      lookup_groups(p->time, time_names, p->t, T_COUNT, err, errlen))
    return -1;
  for (int form = 1; form < DF_COUNT; form++) {
    int g[G_COUNT];
    if (lookup_groups(p->date[form], group_names, g, G_COUNT, err, errlen)) return -1;
    if (memcmp(g, p->g, sizeof g) != 0) { /* a bug in this file */
      gv_fmt(err, errlen, "pattern %s numbers its groups apart", form_names[form]);
      return -1;
    }
  }
  return 0;
}

void gv_dates_free(gavel_engine *e) {
  if (!e || !e->dates) return;
  for (int form = 0; form < DF_COUNT; form++) pcre2_code_free(e->dates->date[form]);
  pcre2_code_free(e->dates->time);
  free(e->dates);
  e->dates = NULL;
}

/* ------------------------------------------------------------------ */
/* Scanning                                                            */
/* ------------------------------------------------------------------ */

static int lc(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int is_word(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_';
}
static int is_alpha(int c) { return lc(c) >= 'a' && lc(c) <= 'z'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_blank(int c) { return c == ' ' || c == '\t'; }

/* s[so, eo) equals `w` ignoring case ('-' in w also matches a blank). */
static int word_eq(const char *s, long so, long eo, const char *w) {
  size_t n = strlen(w);
  if (so < 0 || (size_t)(eo - so) != n) return 0;
  for (size_t i = 0; i < n; i++) {
    int c = lc((unsigned char)s[so + (long)i]);
    if (c != w[i] && !(w[i] == '-' && is_blank(c))) return 0;
  }
  return 1;
}

static int in_list(const char *s, long so, long eo, const char *const *list) {
  if (so < 0 || eo <= so) return 0;
  int c0 = lc((unsigned char)s[so]); /* most entries differ at once */
  for (size_t i = 0; list[i]; i++)
    if (list[i][0] == c0 && word_eq(s, so, eo, list[i])) return 1;
  return 0;
}

/* Index of the table entry whose first three letters begin s[so..]. */
static int table_index(const char *const *table, int n, const char *s,
                       long so, long eo) {
  if (eo - so < 3) return -1;
  for (int i = 0; i < n; i++)
    if (lc((unsigned char)s[so]) == table[i][0] &&
        lc((unsigned char)s[so + 1]) == table[i][1] &&
        lc((unsigned char)s[so + 2]) == table[i][2])
      return i;
  return -1;
}

/* A count as written: digits, a number word, "a"/"an"; -1 otherwise. */
static int count_value(const char *s, long so, long eo) {
  int v;
  if (so < 0) return -1;
  if (is_digit((unsigned char)s[so]))
    return digits(s + so, (size_t)(eo - so), &v) == 0 ? v : -1;
  if (word_eq(s, so, eo, "a") || word_eq(s, so, eo, "an")) return 1;
  for (int i = 0; i < 31; i++)
    if (word_eq(s, so, eo, number_words[i])) return i + 1;
  return -1;
}

static int group_int(const char *s, long so, long eo) {
  int v;
  if (so < 0 || eo - so > 6 || digits(s + so, (size_t)(eo - so), &v) != 0)
    return -1;
  return v;
}

/* The word just before `at` (skipping blanks and one '.'), as [*so, *eo). */
static void word_before(const char *s, long at, long *so, long *eo) {
  long i = at;
  while (i > 0 && is_blank((unsigned char)s[i - 1])) i--;
  if (i > 0 && s[i - 1] == '.') i--;
  *eo = i;
  while (i > 0 && is_alpha((unsigned char)s[i - 1])) i--;
  *so = i;
}

/* 1 when a blocker word (or '%') follows the date ending at `at`. */
static int blocked_after(const char *s, size_t len, long at) {
  long i = at, j;
  if ((size_t)i < len && s[i] == '%') return 1;
  while ((size_t)i < len && is_blank((unsigned char)s[i])) i++;
  j = i;
  while ((size_t)j < len && is_alpha((unsigned char)s[j])) j++;
  if ((size_t)j < len && is_word((unsigned char)s[j])) return 0;
  return j > i && in_list(s, i, j, after_blockers);
}

/* What a match of the date pattern says, before cues and time. */
typedef struct {
  gavel_datespec spec;
  long so, eo;     /* span of the date (with a weekday before it) */
  int yearless_num; /* a numeric date without a year: more checks */
  int range;        /* a numeric date right after '-' */
} found;

static int valid_md(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1) return 0;
  return d <= month_days(y ? y : 2000, m);
}

/* Fills f->spec for an absolute form; returns 0, or -1 to reject. */
static int read_absolute(const struct gv_date_pats *p, const gavel_engine *e,
                         const gv_line *ln, found *f) {
  const char *s = ln->s;
  long so, eo, a0, a1;
  int y = 0, m, d;
  gv_group(ln->md, p->g[G_IY], &so, &eo);
  if (so >= 0) {
    long mo, me, dso, deo;
    y = group_int(s, so, eo);
    gv_group(ln->md, p->g[G_IM], &mo, &me);
    gv_group(ln->md, p->g[G_ID], &dso, &deo);
    m = group_int(s, mo, me);
    d = group_int(s, dso, deo);
  } else if (gv_group(ln->md, p->g[G_NA], &a0, &a1), a0 >= 0) {
    long b0, b1, s0, s1;
    gv_group(ln->md, p->g[G_NB], &b0, &b1);
    gv_group(ln->md, p->g[G_NSEP], &s0, &s1);
    gv_group(ln->md, p->g[G_NY], &so, &eo);
    m = group_int(s, a0, a1);
    d = group_int(s, b0, b1);
    if (e->opts.day_first) {
      int t = m;
      m = d;
      d = t;
    }
    if (so >= 0) {
      y = group_int(s, so, eo);
      if (eo - so == 2) y += 2000;
    } else {
      if (s[s0] == '-') return -1; /* 3-2: a score or a range */
      f->yearless_num = 1;
    }
    /* after '-': only the second half of a range of slash dates
    ** ("3/14-3/16"); the scanner checks the first half */
    if (a0 > 0 && s[a0 - 1] == '-') {
      if (s[s0] == '-') return -1;
      f->range = 1;
    }
    /* after "1,": a number such as 1,3/4 */
    if (a0 > 1 && s[a0 - 1] == ',' && is_digit((unsigned char)s[a0 - 2]))
      return -1;
  } else {
    long mo, me, dso, deo;
    gv_group(ln->md, p->g[G_MM], &mo, &me);
    if (mo >= 0) {
      gv_group(ln->md, p->g[G_MD], &dso, &deo);
      gv_group(ln->md, p->g[G_MY], &so, &eo);
    } else {
      gv_group(ln->md, p->g[G_DM], &mo, &me);
      gv_group(ln->md, p->g[G_DD], &dso, &deo);
      gv_group(ln->md, p->g[G_DY], &so, &eo);
      /* "3 may be...": lower-case may after a number needs a year */
      if (so < 0 && word_eq(s, mo, me, "may") && s[mo] == 'm') return -1;
    }
    m = table_index(month_words, 12, s, mo, me) + 1;
    d = group_int(s, dso, deo);
    if (so >= 0) y = group_int(s, so, eo);
  }
  if (y && (y < 1900 || y > 2199)) return -1;
  if (!valid_md(y, m, d)) return -1;
  if (!y && blocked_after(s, ln->len, f->eo)) return -1;
  f->spec.year = (int16_t)y;
  f->spec.month = (int16_t)m;
  f->spec.day = (int16_t)d;
  return 0;
}

/* Fills f->spec for a relative form; returns 0, or -1 to reject. */
static int read_relative(const struct gv_date_pats *p, const gv_line *ln,
                         found *f) {
  const char *s = ln->s;
  long so, eo, uo, ue;
  gavel_datespec *sp = &f->spec;
  gv_group(ln->md, p->g[G_RK], &so, &eo);
  if (so >= 0) {
    int c = lc((unsigned char)s[so]);
    sp->rel = GAVEL_REL_DAYS;
    sp->amount = c == 'y' ? -1 : (word_eq(s, so, eo, "today") ||
                                  word_eq(s, so, eo, "tonight")) ? 0 : 1;
    return 0;
  }
  static const struct { int n, u, rel, sign, tense; } forms[] = {
      {G_INN, G_INU, GAVEL_REL_DAYS, 1, GAVEL_TENSE_FUTURE},
      {G_WN, G_WU, GAVEL_REL_WITHIN, 1, GAVEL_TENSE_FUTURE},
      {G_FN, G_FU, GAVEL_REL_DAYS, 1, GAVEL_TENSE_FUTURE}};
  for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
    gv_group(ln->md, p->g[forms[k].n], &so, &eo);
    if (so < 0) continue;
    gv_group(ln->md, p->g[forms[k].u], &uo, &ue);
    int n = count_value(s, so, eo);
    if (n < 1) return -1;
    long ao, ae;
    gv_group(ln->md, p->g[G_AGO], &ao, &ae);
    int past = forms[k].n == G_FN && ao >= 0;
    sp->rel = (int8_t)forms[k].rel;
    sp->amount = n * (lc((unsigned char)s[uo]) == 'w' ? 7 : 1) * (past ? -1 : 1);
    sp->tense = (int8_t)(past ? GAVEL_TENSE_PAST : forms[k].tense);
    return 0;
  }
  gv_group(ln->md, p->g[G_WMD], &so, &eo);
  if (so >= 0) {
    long mo, me;
    int wd = table_index(weekday_words, 7, s, so, eo);
    gv_group(ln->md, p->g[G_WM], &mo, &me);
    int c = lc((unsigned char)s[mo]);
    int amount = c == 'n' ? 1 : (c == 'l' || c == 'p' ||
                                 lc((unsigned char)s[me - 1]) == 't') ? -1 : 0;
    /* "last sat", "this sun": the verb and the star, not weekdays */
    if (c != 'n' && (word_eq(s, so, eo, "sat") || word_eq(s, so, eo, "sun")))
      return -1;
    sp->rel = GAVEL_REL_WEEKDAY;
    sp->weekday = (int8_t)wd;
    sp->amount = amount;
    if (amount > 0 || lc((unsigned char)s[me - 1]) == 'g')
      sp->tense = GAVEL_TENSE_FUTURE; /* next, (this) coming */
    else if (amount < 0)
      sp->tense = GAVEL_TENSE_PAST;
    return wd >= 0 ? 0 : -1;
  }
  gv_group(ln->md, p->g[G_BW], &so, &eo);
  if (so >= 0) {
    sp->rel = GAVEL_REL_WEEKDAY;
    sp->weekday = (int8_t)table_index(weekday_words, 7, s, so, eo);
    sp->amount = 0;
    return sp->weekday >= 0 ? 0 : -1;
  }
  return -1;
}

/* Returns the end of cue `w` matched at s[i..lim), or -1. */
static long cue_at(const char *s, long i, long lim, const char *w) {
  for (; *w; w++) {
    if (*w == ' ') {
      if (i >= lim || !is_blank((unsigned char)s[i])) return -1;
      while (i < lim && is_blank((unsigned char)s[i])) i++;
      continue;
    }
    if (i >= lim || lc((unsigned char)s[i]) != *w) return -1;
    i++;
  }
  if (i < lim && is_word((unsigned char)s[i])) return -1;
  return i;
}

/* 1 when a cue word ends at s[end] (its period: "exp. 4/15"). */
static int cue_ends_at(const struct gv_date_pats *p, const char *s, long end) {
  long i = end;
  while (i > 0 && is_word((unsigned char)s[i - 1])) i--;
  if (i == end) return 0;
  int b = cue_bucket(lc((unsigned char)s[i]));
  if (b < 0) return 0;
  for (int j = p->cue_start[b]; j < p->cue_start[b + 1]; j++)
    if (cue_at(s, i, end, cues[p->cue_order[j]].text) == end) return 1;
  return 0;
}

/* The start of the clause window before `col`: at most GV_CUE_WINDOW
** bytes, not before `floor`, after the last sentence stop. */
static long clause_start(const struct gv_date_pats *p, const char *s, long col,
                         long floor) {
  long ws = col - GV_CUE_WINDOW;
  if (ws < floor) ws = floor;
  for (long i = col - 1; i >= ws; i--) {
    char c = s[i];
    if (c == ';' || c == '!' || c == '?') return i + 1;
    if (c == '.' && i + 1 < col && is_blank((unsigned char)s[i + 1]) &&
        !cue_ends_at(p, s, i))
      return i + 1;
  }
  return ws;
}

/* Applies the nearest cue in [ws, col) to spec (tense) and *flags. */
static void apply_cue(const struct gv_date_pats *p, const char *s, long ws, long col,
                      gavel_datespec *sp, uint32_t *flags, int keep_tense) {
  const struct cue *best = NULL;
  long best_end = -1, best_start = 0;
  for (long i = ws; i < col; i++) {
    if (i > 0 && is_word((unsigned char)s[i - 1])) continue;
    if (!is_word((unsigned char)s[i]) && s[i] != '\'') continue;
    int b = cue_bucket(lc((unsigned char)s[i])); /* most words start no cue */
    if (b < 0) continue;
    for (int j = p->cue_start[b]; j < p->cue_start[b + 1]; j++) {
      size_t k = p->cue_order[j];
      long end = cue_at(s, i, col, cues[k].text);
      if (end < 0) continue;
      if (end > best_end || (end == best_end && i < best_start)) {
        best = &cues[k];
        best_end = end;
        best_start = i;
      }
    }
  }
  if (!best) return;
  if (!keep_tense) sp->tense = best->tense;
  *flags |= best->flags & (GAVEL_F_EXPIRY | GAVEL_F_SETTING);
  if (best->flags & CUE_BY) {
    /* "file motions by 4/1", "due by": a due date */
    for (long i = ws; i < best_start; i++) {
      if (i > 0 && is_word((unsigned char)s[i - 1])) continue;
      for (size_t k = 0; by_due_words[k]; k++)
        if (by_due_words[k][0] == lc((unsigned char)s[i]) &&
            cue_at(s, i, best_start, by_due_words[k]) >= 0)
          *flags |= GAVEL_F_SETTING;
    }
  }
}

/* May time_pattern match at `at`?  Past "T", or blanks, a comma and "at"
** or "@", every time opens with a digit or "noon"/"midnight": 0 only when
** it cannot (most dates have no time after them; the call is saved). */
static int time_may(const char *s, size_t len, size_t at) {
  size_t q = at;
  if (q < len && (s[q] | 0x20) == 't') return 1;
  while (q < len && (s[q] == ' ' || s[q] == '\t')) q++;
  if (q < len && s[q] == ',') q++;
  while (q < len && (s[q] == ' ' || s[q] == '\t')) q++;
  if (q + 1 < len && (s[q] | 0x20) == 'a' && (s[q + 1] | 0x20) == 't') return 1;
  if (q < len && s[q] == '@') return 1;
  return q < len && ((s[q] >= '0' && s[q] <= '9') || (s[q] | 0x20) == 'n' ||
                     (s[q] | 0x20) == 'm');
}

/* Reads a time right after the date ending at `at`; sets *minute and
** returns its end, or returns `at` when there is none. */
static long read_time(const gavel_engine *e, const gv_line *ln, long at,
                      int16_t *minute) {
  const struct gv_date_pats *p = e->dates;
  const char *s = ln->s;
  long so, eo, mo, me;
  int h, m = 0;
  if (e->shortcuts && !time_may(s, ln->len, (size_t)at)) return at;
  if (!gv_match(e, p->time, s, ln->len, (size_t)at, ln->md, &ln->at)) return at;
  gv_group(ln->md, p->t[T_NOON], &so, &eo);
  if (so >= 0) {
    *minute = lc((unsigned char)s[so]) == 'n' ? 720 : 0;
  } else {
    gv_group(ln->md, p->t[T_H], &so, &eo);
    if (so >= 0) {
      long ao, ae;
      gv_group(ln->md, p->t[T_M], &mo, &me);
      gv_group(ln->md, p->t[T_AP], &ao, &ae);
      h = group_int(s, so, eo);
      if (mo >= 0) m = group_int(s, mo, me);
      if (h < 1 || h > 12 || m > 59) return at;
      h = h % 12 + (lc((unsigned char)s[ao]) == 'p' ? 12 : 0);
    } else {
      gv_group(ln->md, p->t[T_H24], &so, &eo);
      gv_group(ln->md, p->t[T_M24], &mo, &me);
      h = group_int(s, so, eo);
      m = group_int(s, mo, me);
      if (h < 0 || h > 23 || m < 0 || m > 59) return at;
    }
    *minute = (int16_t)(h * 60 + m);
  }
  gv_group(ln->md, 0, &so, &eo);
  return eo;
}

/* 1 when a date at `col` right after '-' closes a range: the previous
** date ends just before the dash and did not close a range itself. */
static int range_follows(const char *s, long last_end, long col, int ndates,
                         int prev_range) {
  long i = col - 1; /* the dash */
  if (!ndates || prev_range) return 0;
  while (i > last_end && is_blank((unsigned char)s[i - 1])) i--;
  return i == last_end;
}

/* 1 when the date at [col, end) is the line's entry date (see the top). */
static int is_entry(const gv_line *ln, long col, long end) {
  const char *s = ln->s;
  long n = (long)ln->len, i = end;
  if ((size_t)col != ln->body) return 0;
  if (ln->heading > 0) return 1;
  if (ln->indent != 0) return 0;
  if (!ln->list) {
    if (i >= n) return 1;
    return is_blank((unsigned char)s[i]) || strchr(":-|,)", s[i]) ||
           (unsigned char)s[i] == 0xE2;
  }
  while (i < n && is_blank((unsigned char)s[i])) i++;
  if (i < n && (s[i] == ':' || s[i] == '-')) return 1;
  /* en dash, em dash: E2 80 93 / E2 80 94 */
  return i + 2 < n && (unsigned char)s[i] == 0xE2 &&
         (unsigned char)s[i + 1] == 0x80 &&
         ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94);
}

/* Where next_numeric has looked on a line, for each separator ('/', '-'):
** the start of the candidate it found (SIZE_MAX: not looked yet; len:
** none), and where its look goes on.  The starts asked for only grow, so
** each byte is looked at once a line. */
typedef struct num_cursor {
  size_t cand[2], on[2];
} num_cursor;

/* The start of the next run of digits at or after `from` that a '/' or
** '-' and a digit follow ("3/14": 0, then 2), or len when there is none:
** every match of the numeric form starts at one.  from must not be less
** than in the call before on the same line (cursor c). */
static size_t next_numeric(const char *s, size_t len, size_t from, num_cursor *c) {
  size_t best = len;
  for (int k = 0; k < 2; k++) {
    if (c->cand[k] == SIZE_MAX || c->cand[k] < from) {
      const char *p = s + (c->on[k] > from ? c->on[k] : from), *end = s + len;
      c->cand[k] = c->on[k] = len;
      while (p < end && (p = memchr(p, k ? '-' : '/', (size_t)(end - p))) != NULL) {
        if (p > s && p + 1 < end && is_digit((unsigned char)p[-1]) &&
            is_digit((unsigned char)p[1])) {
          size_t r = (size_t)(p - s);
          while (r > 0 && is_digit((unsigned char)s[r - 1])) r--;
          if (r >= from) {
            c->cand[k] = r;
            c->on[k] = (size_t)(p - s) + 1;
            break;
          }
        }
        p++;
      }
    }
    if (c->cand[k] < best) best = c->cand[k];
  }
  return best;
}

/* The next match of the date pattern re (form `form`) at or after pos, as
** gv_match finds it.  The numeric form on a line with no NUL (its
** date-word branches, turned off, open with two) is tried only where it
** can start (next_numeric), each start once. */
static int next_date(const gavel_engine *e, const pcre2_code *re, int form,
                     gv_line *ln, size_t pos, int nul, num_cursor *cur) {
  if (form == DF_NUMERIC && e->shortcuts && !nul) {
    int rc = 0;
    for (size_t r = next_numeric(ln->s, ln->len, pos, cur);
         r < ln->len && rc == 0; r = next_numeric(ln->s, ln->len, r + 1, cur))
      rc = gv_match_here(e, re, ln->s, ln->len, r, ln->md);
    if (rc >= 0) return rc; /* rc < 0: no twin, search */
  }
  return gv_match(e, re, ln->s, ln->len, pos, ln->md, &ln->at);
}

int gv_dates_scan(const gavel_engine *e, gv_line *ln) {
  const struct gv_date_pats *p = e->dates;
  const char *s = ln->s;
  size_t pos = 0;
  long last_end = 0;
  int ndates = 0, prev_range = 0;
  if (!p) return 0;
  if (!(ln->gate & GV_GATE_DATES)) return 0;
  /* the form of the pattern for the date words on the line */
  unsigned unit = GV_GATE_DATEUNIT | GV_GATE_DATEREL;
  int form = (ln->gate & GV_GATE_DATEWORD)        ? DF_FULL
             : (ln->gate & unit) == unit ? DF_UNITS
                                         : DF_NUMERIC;
  const pcre2_code *re = p->date[form];
  num_cursor cur = {{SIZE_MAX, SIZE_MAX}, {0, 0}};
  int nul = form == DF_NUMERIC && memchr(s, 0, ln->len) != NULL;
  /* most digits in notes are no numeric date ("34 mo", "$1,250") */
  if (form == DF_NUMERIC && e->shortcuts && !nul &&
      next_numeric(s, ln->len, 0, &cur) == ln->len)
    return 0;
  /* every date holds a digit or a date word: none starts after the last */
  size_t last = gv_gate_last_bit(&ln->at, GV_GATE_DATES);
  while (pos < ln->len && pos <= last && next_date(e, re, form, ln, pos, nul, &cur)) {
    found f;
    long wo, we;
    int rc;
    memset(&f, 0, sizeof f);
    f.spec.minute = -1;
    f.spec.weekday = -1;
    gv_group(ln->md, 0, &f.so, &f.eo);
    gv_group(ln->md, p->g[G_WD], &wo, &we);
    {
      long mso, meo;
      gv_group(ln->md, p->g[G_IY], &mso, &meo);
      int absolute = mso >= 0;
      for (int g = G_NA; !absolute && g <= G_DY; g++) {
        gv_group(ln->md, p->g[g], &mso, &meo);
        absolute = mso >= 0;
      }
      rc = absolute ? read_absolute(p, e, ln, &f) : read_relative(p, ln, &f);
    }
    if (rc == 0 && f.yearless_num && wo < 0) {
      long bo, be, ds;
      gv_group(ln->md, p->g[G_NA], &ds, &be);
      word_before(s, ds, &bo, &be);
      if (be > bo && in_list(s, bo, be, before_blockers)) rc = -1;
      /* a mixed number "1 1/2" (not "3/14 3/15"); "24/7" */
      be = ds;
      while (be > 0 && is_blank((unsigned char)s[be - 1])) be--;
      bo = be;
      while (bo > 0 && is_digit((unsigned char)s[bo - 1])) bo--;
      if (be < ds && bo < be && (bo == 0 || is_blank((unsigned char)s[bo - 1])))
        rc = -1;
      if (word_eq(s, ds, f.eo, "24/7")) rc = -1;
    }
    if (rc == 0 && f.range && !range_follows(s, last_end, f.so, ndates, prev_range))
      rc = -1;
    if (rc != 0) {
      pos = (size_t)f.so + 1;
      continue;
    }
    long end = read_time(e, ln, f.eo, &f.spec.minute);
    uint32_t flags = 0;
    if (ndates == 0 && f.spec.rel == GAVEL_REL_NONE && is_entry(ln, f.so, end)) {
      flags |= GAVEL_F_ENTRY;
      f.spec.tense = GAVEL_TENSE_FUTURE;
    } else {
      int keep = f.spec.rel != GAVEL_REL_NONE &&
                 (f.spec.rel != GAVEL_REL_WEEKDAY || f.spec.amount != 0 ||
                  f.spec.tense != GAVEL_TENSE_NEAREST);
      if (f.spec.rel == GAVEL_REL_DAYS && f.spec.tense == GAVEL_TENSE_NEAREST)
        keep = 0; /* today/tomorrow: the cue decides (it does not matter) */
      apply_cue(e->dates, s, clause_start(e->dates, s, f.so, last_end), f.so, &f.spec,
                &flags, keep);
    }
    gavel_item *it = gv_items_push(ln->out, GAVEL_KIND_DATE, (size_t)f.so,
                                   (size_t)end);
    if (!it) return -1;
    it->spec = f.spec;
    it->flags = flags;
    it->minute = f.spec.minute;
    if (f.spec.rel == GAVEL_REL_NONE && f.spec.year)
      it->day = gavel_day_from_ymd(f.spec.year, f.spec.month, f.spec.day);
    ndates++;
    prev_range = f.range;
    last_end = end;
    pos = (size_t)(end > f.so ? end : f.so + 1);
  }
  return 0;
}
