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

/* The splitting gavel_doc_set_text did before gv_split_lines: a memchr a
** line, a '\r' before each newline (and at the end) dropped. */
static size_t naive_split(const char *t, size_t len, size_t *starts, size_t *lens) {
  size_t k = 0, start = 0;
  for (;;) {
    const char *nl = len > start ? memchr(t + start, '\n', len - start) : NULL;
    size_t i = nl ? (size_t)(nl - t) : len, end = i;
    if (!nl && start == len && k > 0) break; /* a final newline ends a line */
    if (end > start && t[end - 1] == '\r') end--;
    starts[k] = start;
    lens[k++] = end - start;
    if (!nl) break;
    start = i + 1;
  }
  return k;
}

/* gv_line_count and gv_split_lines read a text, 16 bytes at a time, as the
** plain reading does: lines across the blocks' edges, CRLF, a lone '\r',
** no final newline, blank lines, no text. */
static void check_split_lines(void) {
  static const char alphabet[] = "ab \n\r\n";
  char t[200];
  size_t starts[201], lens[201], glens[201];
  const char *glines[201];
  unsigned seed = 7;
  int bad = 0;
  t_case = "split lines";
  for (int round = 0; round < 3000 && !bad; round++) {
    size_t len = (size_t)(round % 190);
    for (size_t i = 0; i < len; i++) {
      seed = seed * 1103515245u + 12345u;
      t[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
    }
    size_t want = naive_split(t, len, starts, lens), n = gv_line_count(t, len);
    if (n != want) bad = 1;
    gv_split_lines(t, len, glines, glens, n);
    for (size_t k = 0; k < n && !bad; k++)
      if (glines[k] != t + starts[k] || glens[k] != lens[k]) bad = 1;
  }
  OK(!bad, "as a line at a time, on 3,000 texts");
  INT_EQ(gv_line_count("", 0), 1, "no text: one line");
  gv_split_lines(NULL, 0, glines, glens, 1);
  OK(glines[0] && glens[0] == 0, "no text: one empty line");
  INT_EQ(gv_line_count("a\n", 2), 1, "a final newline ends a line");
  INT_EQ(gv_line_count("a\n\n", 3), 2, "a blank line");
  t_case = NULL;
}

void suite_util(void) {
  check_grouped_alt();
  check_split_lines();
  char buf[8];
  STR_EQ(gv_copy(buf, sizeof buf, "abc", 3), "abc", "short copy");
  STR_EQ(gv_copy(buf, sizeof buf, "abcdefghij", 10), "abcdefg", "truncated copy");
  /* "abcde" + "é" (2 bytes) + "z": cutting at 7 must not split the é */
  STR_EQ(gv_copy(buf, 7, "abcde\xc3\xa9z", 8), "abcde", "no half UTF-8 sequence");
  STR_EQ(gv_copy(buf, sizeof buf, "abcdef\xc3\xa9", 8), "abcdef", "no half sequence at the edge");
  STR_EQ(gv_fmt(buf, sizeof buf, "%d-%s", 12, "long text"), "12-long", "fmt truncates");
  INT_EQ(gv_grown_cap(0, 1, 8), 16, "grown: 16 to start");
  INT_EQ(gv_grown_cap(16, 17, 8), 32, "grown: doubled");
  INT_EQ(gv_grown_cap(16, 100, 8), 128, "grown: doubled to fit");
  INT_EQ(gv_grown_cap(0, 3, SIZE_MAX / 4), 0, "grown: too many bytes");
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
  /* lent a block: pushes go there, past its end into the list's own
  ** block (the items moved with them), and unlending gives the own back */
  gavel_item block[4], *own = l.v;
  gv_items_lend(&l, block, 4);
  INT_EQ(l.n, 0, "lent: empty");
  for (int i = 0; i < 3; i++) gv_items_push(&l, GAVEL_KIND_MONEY, (size_t)i, (size_t)i + 1);
  OK(l.v == block && block[2].col == 2, "lent: pushed into the block");
  gv_items_unlend(&l);
  OK(l.v == own && l.n == 0 && l.cap >= 100, "unlent: its own block again");
  gv_items_lend(&l, block, 4);
  for (int i = 0; i < 10; i++) gv_items_push(&l, GAVEL_KIND_MONEY, (size_t)i, (size_t)i + 1);
  OK(l.v == own && !l.lent, "past the block: in its own");
  INT_EQ(l.n, 10, "past the block: every item");
  INT_EQ(l.v[3].col, 3, "past the block: moved from the block");
  INT_EQ(l.v[9].col, 9, "past the block: pushed after");
  gv_items_lend(&l, block, 4);
  gv_items_free(&l); /* frees its own block, not the lent one */
  INT_EQ(l.n, 0, "freed");
  OK(l.v == NULL && !l.lent, "freed: nothing lent or kept");
}
