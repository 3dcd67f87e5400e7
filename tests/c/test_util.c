/* test_util.c: bounded copies, formatting and item lists. */
#include "test.h"

void suite_util(void) {
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
