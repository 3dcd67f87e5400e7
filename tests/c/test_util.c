/* test_util.c: bounded copies, formatting and item lists. */
#include <string.h>

#include "test.h"

/* A class's alternation groups its fragments by first letter, in their
** order, and a fragment that may start with a letter (offer's lookbehind
** one, "(?<!counter-)...offer") keeps a later fragment of that letter out
** of a group before it. */
static void check_grouped_alt(void) {
  char *alts[GV_V_COUNT], err[128];
  const char *spec = "offer: oz deal, offered up in open court before the judge "
                     "on the record, zz top, zebra, zeta\n";
  t_case = "grouped alternation";
  if (gv_vocab_build(spec, alts, err, sizeof err) != 0) {
    OK(0, err);
    return;
  }
  const char *a = alts[GV_V_OFFER];
  const char *lng = strstr(a, "offered\\s+up"), *lb = strstr(a, "(?<!counter-)");
  const char *oz = strstr(a, "oz\\s+deal");
  OK(strstr(a, "z(?:z\\s+top|ebra|eta)") != NULL, "z fragments grouped, in order");
  OK(lng && lb && oz && lng < lb && lb < oz, "the lookbehind fragment between the o's");
  OK(oz && oz > a && oz[-1] == '|', "oz deal not in a group before it");
  OK(strstr(a, "p(?:") != NULL, "built-in p fragments grouped");
  gv_vocab_free(alts);
  t_case = NULL;
}

void suite_util(void) {
  check_grouped_alt();
  char buf[8];
  STR_EQ(gv_copy(buf, sizeof buf, "abc", 3), "abc", "short copy");
  STR_EQ(gv_copy(buf, sizeof buf, "abcdefghij", 10), "abcdefg", "truncated copy");
  /* "abcde" + "é" (2 bytes) + "z": cutting at 7 must not split the é */
  STR_EQ(gv_copy(buf, 7, "abcde\xc3\xa9z", 8), "abcde", "no half UTF-8 sequence");
  STR_EQ(gv_copy(buf, sizeof buf, "abcdef\xc3\xa9", 8), "abcdef", "no half sequence at the edge");
  STR_EQ(gv_fmt(buf, sizeof buf, "%d-%s", 12, "long text"), "12-long", "fmt truncates");
  gv_items l = {0};
  for (int i = 0; i < 100; i++) {
    gavel_item *it = gv_items_push(&l, GAVEL_KIND_DATE, (size_t)i, (size_t)i + 1);
    OK(it != NULL, "push");
    if (it) {
      INT_EQ(it->day, GAVEL_NO_DAY, "cleared day");
      INT_EQ(it->terms.custody_months, -1, "cleared terms");
      INT_EQ(it->date_ref, -1, "cleared date_ref");
    }
  }
  INT_EQ(l.n, 100, "count");
  INT_EQ(l.v[99].col, 99, "last col");
  gv_items_free(&l);
  INT_EQ(l.n, 0, "freed");
}
