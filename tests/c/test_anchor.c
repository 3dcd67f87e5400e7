/* test_anchor.c: where a pattern's matches can start, and the anchored
** twins that try only there. */
#include <stdlib.h>

#include "test.h"

#define LB "(?<![A-Za-z0-9_])"

/* The starts a derivation gave, as text: "off ple" (first three letters),
** "of*" (two, then anything), "a*" (any word starting so), "#" (a digit
** run), "0" (a NUL), in that order; "-" when it gave up. */
static void starts_text(const char *pattern, char *out, size_t cap) {
  gv_starts st;
  size_t o = 0;
  out[0] = 0;
  if (gv_starts_derive(pattern, &st) != 0) {
    gv_copy(out, cap, "-", 1);
    return;
  }
  for (int a = 0; a < 26 && o + 8 < cap; a++) {
    if (st.any & (1u << a)) {
      out[o++] = (char)('a' + a);
      out[o++] = '*';
      out[o++] = ' ';
    }
    for (int b = 0; b < 26 && o + 8 < cap; b++) {
      for (int c = 0; c < 26 && o + 8 < cap; c++)
        if (st.tri[GV_START_KEY(a, b)] & (1u << c)) {
          out[o++] = (char)('a' + a);
          out[o++] = (char)('a' + b);
          out[o++] = (char)('a' + c);
          out[o++] = ' ';
        }
      if ((st.tri[GV_START_KEY(a, b)] & GV_ANY3) && o + 8 < cap) {
        out[o++] = (char)('a' + a);
        out[o++] = (char)('a' + b);
        out[o++] = '*';
        out[o++] = ' ';
      }
    }
  }
  if ((st.any & (1u << GV_START_DIGIT)) && o + 2 < cap) out[o++] = '#', out[o++] = ' ';
  if ((st.any & (1u << GV_START_NUL)) && o + 2 < cap) out[o++] = '0', out[o++] = ' ';
  while (o > 0 && out[o - 1] == ' ') o--;
  out[o] = 0;
}

static const struct {
  const char *pattern, *starts;
} derive_rows[] = {
    {LB "(?:offer|plea\\s+deal)(?![A-Za-z])", "off ple"},
    {LB "(?:trial\\s+)?subpoena(?:s|ed)?", "sub tri"},
    {LB "(?:a|an)(?=\\s)", "a* an*"}, /* "a" alone: any word with an a */
    {LB "(?i:MILs?)", "mil"},
    {LB "(?<wd>mon|tue)\\b", "mon tue"},
    {LB "(?:x)*y", "xxx xxy xy* y*"},
    {LB "(?:(?:ab)+c)", "aba abc"},
    {LB "(?:a?)+b", "aaa aab ab* b*"},
    {LB "[Dd]ef(?:ense)?", "def"},
    {LB "no\\s+offer", "no*"},
    {LB "s+ee", "s*"},
    {LB "\\d{1,2}/\\d{1,2}", "#"},
    {LB "(?:\\d+|one|two)\\s+days?", "one two #"},
    {LB "\\x00\\x00(?:mon)", "0"},
    {"(?<![A-Za-z_])\\d+", "-"},      /* may start inside a number */
    {"(?<![a-z])offer", "-"},         /* may start after a capital */
    {"offer", "-"},                   /* may start inside a word */
    {LB "\\$\\d", "-"},               /* a sign first */
    {"\\G(?:abc)", "-"},              /* depends on where a search starts */
    {LB "(?:(*COMMIT)ab|cd)", "-"},   /* a verb */
    {LB "(a)\\1", "-"},               /* a back reference */
    {LB "(?:abc|)", "-"},             /* may match nothing */
    {LB "(?(?=a)ab|cd)", "-"},        /* a condition */
    {LB ".bc", "-"},                  /* any byte first */
    {"(?<!via\\s)" LB "offer", "off"}, /* any lookbehinds, one refusing */
};

/* The match of re in s from start, through the twin (at: the gate's look
** at s) and by a plain search (shortcuts off); both must be equal. */
static void same_match(gavel_engine *e, const pcre2_code *re, pcre2_match_data *md,
                       const char *s, size_t len, const gv_gate_at *at,
                       size_t start, const char *what) {
  long so1 = -1, eo1 = -1, so2 = -1, eo2 = -1, so3 = -1, eo3 = -1;
  int r1 = gv_match(e, re, s, len, start, md, at);
  if (r1) gv_group(md, 0, &so1, &eo1);
  int r2 = gv_match(e, re, s, len, start, md, NULL); /* the bytes, not the list */
  if (r2) gv_group(md, 0, &so3, &eo3);
  e->shortcuts = 0;
  int r3 = gv_match(e, re, s, len, start, md, at);
  if (r3) gv_group(md, 0, &so2, &eo2);
  e->shortcuts = 1;
  t_case = what;
  INT_EQ(r1, r3, "found as a search finds");
  INT_EQ(so1, so2, "the same start");
  INT_EQ(eo1, eo2, "the same end");
  INT_EQ(r2, r3, "found from the bytes as a search finds");
  INT_EQ(so3, so2, "the same start from the bytes");
  t_case = NULL;
}

void suite_anchor(void) {
  char got[256], err[256];
  for (size_t i = 0; i < sizeof derive_rows / sizeof derive_rows[0]; i++) {
    starts_text(derive_rows[i].pattern, got, sizeof got);
    t_case = derive_rows[i].pattern;
    STR_EQ(got, derive_rows[i].starts, "derived starts");
    t_case = NULL;
  }

  /* twins find what a search finds, from any start, on any line */
  gavel_engine *e = NULL;
  if (gavel_engine_new(NULL, &e, err, sizeof err) != GAVEL_OK) {
    OK(0, err);
    return;
  }
  pcre2_match_data *md = pcre2_match_data_create(GV_OVECTOR_PAIRS, NULL);
  static const char *const pats[] = {
      LB "(?:plea\\s+offer|offer(?:ed)?|deal)(?![A-Za-z])",
      LB "(?:\\d{1,2}/\\d{1,2}|a|one|two)\\s+(?:days?|weeks?)",
      LB "(?:x)*y+",
      LB "\\x00\\x00(?:mon)",
  };
#define L(x) {(x), sizeof(x) - 1}
  static const struct {
    const char *s;
    size_t len;
  } lines[] = {
      L(""),
      L("offer"),
      L("Xoffer and offered, then a plea offer"),
      L("reoffered; the deal-offer 3/14 days a week two  weeks"),
      L("3/14/2025 days, 13/1 days, a1 days x xy yyy xxyy"),
      L("\x00\x00mon \x00\x00\x00mon"),
      L("caf\xc3\xa9 offer \xff\xfe deal"),
      /* more words than the gate lists: the bytes are walked */
      L("w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w "
        "w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w "
        "w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w "
        "at last an offer of two days"),
  };
#undef L
  pcre2_code *re[sizeof pats / sizeof pats[0]] = {NULL};
  for (size_t p = 0; p < sizeof pats / sizeof pats[0]; p++) {
    re[p] = gv_compile(e, "test", pats[p], PCRE2_CASELESS, GV_TWIN, err, sizeof err);
    OK(re[p] != NULL, err);
  }
  gv_gate_at *la = malloc(sizeof *la); /* a line's look */
  for (size_t l = 0; la && l < sizeof lines / sizeof lines[0]; l++) {
    uint32_t classes;
    gv_gate_line(e, lines[l].s, lines[l].len, GV_GATE_ALL, &classes, la);
    for (size_t p = 0; p < sizeof pats / sizeof pats[0]; p++)
      for (size_t start = 0; re[p] && start <= lines[l].len; start++) {
        char what[96];
        gv_fmt(what, sizeof what, "pattern %zu, line %zu, from %zu", p, l, start);
        same_match(e, re[p], md, lines[l].s, lines[l].len, la, start, what);
      }
  }
  free(la);
  /* the first line's pattern does find its phrases (the check is not void) */
  const char *s = "Xoffer and offered, then a plea offer";
  uint32_t classes;
  gv_gate_at at;
  long so, eo;
  gv_gate_line(e, s, strlen(s), GV_GATE_ALL, &classes, &at);
  INT_EQ(at.nwords, 7, "the gate lists the line's seven words");
  INT_EQ(at.word[2], 11, "the third, \"offered\", at 11");
  gv_gate_line(e, lines[7].s, lines[7].len, GV_GATE_ALL, &classes, &at);
  OK(at.nwords > GV_WORDS_MAX, "the long line has more words than listed (bytes walked)");
  if (re[0] && gv_match(e, re[0], s, strlen(s), 0, md, &at)) {
    gv_group(md, 0, &so, &eo);
    INT_EQ(so, 11, "\"offered\": not the \"offer\" inside \"Xoffer\"");
    INT_EQ(eo, 18, "\"offered\" whole");
  } else {
    OK(0, "a twin finds \"offered\"");
  }
  if (re[0] && gv_match(e, re[0], s, strlen(s), 19, md, &at)) {
    gv_group(md, 0, &so, &eo);
    INT_EQ(so, 27, "\"plea offer\" from a later start");
  } else {
    OK(0, "a twin finds \"plea offer\"");
  }
  for (size_t p = 0; p < sizeof pats / sizeof pats[0]; p++) pcre2_code_free(re[p]);
  pcre2_match_data_free(md);
  gavel_engine_free(e);
}
