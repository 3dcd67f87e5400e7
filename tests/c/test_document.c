/* test_document.c: lines in, lines out: splitting, replacing, bad input. */
#include <stdlib.h>

#include "test.h"

static void check_lines(gavel_doc *d, const char *const *want, size_t n,
                        const char *what) {
  INT_EQ(gavel_doc_line_count(d), n, what);
  for (size_t i = 0; i < n && i < gavel_doc_line_count(d); i++) {
    size_t len;
    const char *s = gavel_doc_line(d, i, &len);
    STR_EQ(s, want[i], what);
    INT_EQ(len, strlen(want[i]), what);
  }
}

static void test_split(void) {
  static const struct {
    const char *name, *text;
    size_t n;
    const char *lines[4];
  } rows[] = {
      {"empty text is one empty line", "", 1, {""}},
      {"one line without newline", "abc", 1, {"abc"}},
      {"final newline ends the line", "abc\n", 1, {"abc"}},
      {"two lines", "a\nb", 2, {"a", "b"}},
      {"blank line kept", "a\n\nb\n", 3, {"a", "", "b"}},
      {"CRLF", "a\r\nb\r\n", 2, {"a", "b"}},
      {"lone CR stays", "a\rb\n", 1, {"a\rb"}},
      {"only newline", "\n", 1, {""}},
      {"two newlines", "\n\n", 2, {"", ""}},
      {"invalid UTF-8 kept as bytes", "\xff\xfe ok\n\xc3\x28", 2, {"\xff\xfe ok", "\xc3\x28"}},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    gavel_doc *d = NULL;
    t_case = rows[i].name;
    INT_EQ(gavel_doc_new(t_engine(), &d), GAVEL_OK, "doc_new");
    INT_EQ(gavel_doc_set_text(d, rows[i].text, strlen(rows[i].text)), GAVEL_OK, "set_text");
    check_lines(d, rows[i].lines, rows[i].n, "lines");
    gavel_doc_free(d);
  }
  t_case = NULL;
  /* a large read copies a stretch of lines a newline apart in one go, and
  ** the others (CRLF) a line at a time: stretches of both kinds, each line
  ** as written and NUL-terminated */
  enum { MANY = 700 };
  char *text = malloc(MANY * 24), *p = text;
  gavel_doc *d = NULL;
  int bad = !text;
  t_case = "many lines, LF and CRLF";
  for (int i = 0; text && i < MANY; i++)
    p += sprintf(p, "line %d %s", i, i >= 300 && i < 450 ? "x\r\n" : "y\n");
  INT_EQ(gavel_doc_new(t_engine(), &d), GAVEL_OK, "doc_new");
  if (text) INT_EQ(gavel_doc_set_text(d, text, (size_t)(p - text)), GAVEL_OK, "set_text");
  INT_EQ(gavel_doc_line_count(d), MANY, "line count");
  for (size_t i = 0; !bad && i < MANY && i < gavel_doc_line_count(d); i++) {
    char want[24];
    size_t len;
    const char *s = gavel_doc_line(d, i, &len);
    int n = sprintf(want, "line %zu %s", i, i >= 300 && i < 450 ? "x" : "y");
    bad = len != (size_t)n || memcmp(s, want, len) != 0 || s[len] != 0;
  }
  OK(!bad, "every line as written");
  gavel_doc_free(d);
  free(text);
  t_case = NULL;
}

static void test_replace(void) {
  gavel_doc *d = NULL;
  const char *init[] = {"l0", "l1", "l2", "l3"};
  size_t lens[] = {2, 2, 2, 2};
  gavel_doc_new(t_engine(), &d);
  INT_EQ(gavel_doc_replace(d, 0, 0, init, lens, 4), GAVEL_OK, "initial insert");
  {
    const char *w[] = {"l0", "l1", "l2", "l3"};
    check_lines(d, w, 4, "after insert");
  }
  const char *one[] = {"X"};
  size_t onel[] = {1};
  INT_EQ(gavel_doc_replace(d, 1, 2, one, onel, 1), GAVEL_OK, "replace one");
  {
    const char *w[] = {"l0", "X", "l2", "l3"};
    check_lines(d, w, 4, "after replace one");
  }
  INT_EQ(gavel_doc_replace(d, 1, 3, NULL, NULL, 0), GAVEL_OK, "delete two");
  {
    const char *w[] = {"l0", "l3"};
    check_lines(d, w, 2, "after delete");
  }
  const char *two[] = {"A", "B"};
  size_t twol[] = {1, 1};
  INT_EQ(gavel_doc_replace(d, 2, 2, two, twol, 2), GAVEL_OK, "append at end");
  {
    const char *w[] = {"l0", "l3", "A", "B"};
    check_lines(d, w, 4, "after append");
  }
  /* bad ranges leave the document alone and say why */
  INT_EQ(gavel_doc_replace(d, 3, 2, two, twol, 2), GAVEL_ERR_ARG, "first > last");
  INT_EQ(gavel_doc_replace(d, 0, 9, two, twol, 2), GAVEL_ERR_ARG, "last past end");
  OK(strstr(gavel_doc_errmsg(d), "do not fit") != NULL, "range error names the problem");
  INT_EQ(gavel_doc_line_count(d), 4, "unchanged after bad range");
  OK(gavel_doc_line(d, 4, NULL) == NULL, "row past end has no text");
  /* changed rows: a same-count replace marks those rows only */
  size_t lo, hi;
  gavel_doc_take_changed(d, &lo, &hi);
  gavel_doc_take_changed(d, &lo, &hi);
  INT_EQ(hi - lo, 0, "take_changed forgets");
  gavel_doc_replace(d, 2, 3, one, onel, 1);
  gavel_doc_take_changed(d, &lo, &hi);
  INT_EQ(hi - lo, 0, "prose retyped as prose changes no reading");
  const char *dated[] = {"Trial set for 5/12/2025."};
  size_t datedl[] = {strlen(dated[0])};
  gavel_doc_replace(d, 2, 3, dated, datedl, 1);
  gavel_doc_take_changed(d, &lo, &hi);
  INT_EQ(lo, 2, "changed lo");
  INT_EQ(hi, 3, "changed hi");
  gavel_doc_free(d);

  /* an analysis of the same reading is skipped; a new reading is not */
  gavel_doc *a = t_doc("## 2025-03-01\nADA Cho offered 6 mo jail.\nprose\n", "2025-03-02");
  if (a) {
    const char *typo[] = {"prose, more"};
    size_t typol[] = {11};
    const gavel_round *tl;
    gavel_doc_replace(a, 2, 3, typo, typol, 1);
    INT_EQ(a->gen, a->analyzed_gen, "prose leaves the reading alone");
    const char *ask[] = {"Called ADA Cho, no reply."};
    size_t askl[] = {strlen(ask[0])};
    gavel_doc_replace(a, 2, 3, ask, askl, 1);
    OK(a->gen != a->analyzed_gen, "a new event is a new reading");
    INT_EQ(gavel_doc_analyze(a, t_day("2025-03-30"), NULL, 0), GAVEL_OK, "analyse");
    INT_EQ(gavel_doc_timeline(a, &tl), 2, "the attempt is in the timeline");
    INT_EQ(t_warn_count(a, GAVEL_W_NO_RESPONSE, NULL), 1, "and judged");
    gavel_doc_free(a);
  }
}

static void test_bad_input(void) {
  gavel_doc *d = NULL;
  gavel_doc_new(t_engine(), &d);
  INT_EQ(gavel_doc_set_text(d, "keep\n", 5), GAVEL_OK, "good text");
  INT_EQ(gavel_doc_set_text(d, "a\0b", 3), GAVEL_ERR_INPUT, "NUL byte is binary");
  OK(strstr(gavel_doc_errmsg(d), "binary") != NULL, "binary message");
  STR_EQ(gavel_doc_line(d, 0, NULL), "keep", "old text kept after refusal");
  INT_EQ(gavel_sniff("plain", 5), GAVEL_OK, "sniff text");
  INT_EQ(gavel_sniff("\x7f" "ELF\0\0", 6), GAVEL_ERR_INPUT, "sniff ELF");

  /* a 10 MB line without a newline: read (its first max_line_bytes) and kept */
  size_t big = 10u << 20;
  char *s = malloc(big);
  if (s) {
    for (size_t i = 0; i < big; i++) s[i] = "3/14/25 $500 Ex. 4 ADA offered 9"[i % 32];
    INT_EQ(gavel_doc_set_text(d, s, big), GAVEL_OK, "10 MB line");
    size_t len;
    gavel_doc_line(d, 0, &len);
    INT_EQ(len, big, "10 MB line kept whole");
    const gavel_item *it;
    size_t n = gavel_doc_row_items(d, 0, &it);
    for (size_t i = 0; i < n; i++)
      OK(it[i].end_col <= gavel_engine_options(t_engine())->max_line_bytes,
         "items only from the read part");
    for (size_t i = 0; i < n; i++) OK(it[i].flags & GAVEL_F_TRUNCATED, "truncated flag");
    OK(gavel_doc_analyze(d, t_day("2025-04-10"), NULL, 0) == GAVEL_OK, "analysis of a huge line");
    free(s);
  }
  /* digits, slashes, parentheses: pathological lines must still read */
  static const char unit[] = {'9', '/', '(', '$'};
  for (size_t u = 0; u < sizeof unit; u++) {
    size_t n = 100000;
    char *p = malloc(n);
    if (!p) continue;
    memset(p, unit[u], n);
    INT_EQ(gavel_doc_set_text(d, p, n), GAVEL_OK, "pathological line");
    free(p);
  }
  gavel_doc_free(d);
}

static void test_engine_options(void) {
  gavel_options o;
  gavel_engine *e = NULL;
  char err[200];
  gavel_options_init(&o);
  INT_EQ(o.no_response_days, 14, "default no_response_days");
  INT_EQ(o.trial_days, 45, "default trial_days");
  o.vocab = "prosecution: Ms. Natarajan\nattempt: pinged on Slack\n# comment\n";
  INT_EQ(gavel_engine_new(&o, &e, err, sizeof err), GAVEL_OK, "vocab accepted");
  gavel_engine_free(e);
  e = NULL;
  o.vocab = "prosecutor: Smith";
  INT_EQ(gavel_engine_new(&o, &e, err, sizeof err), GAVEL_ERR_INPUT, "unknown class refused");
  OK(strstr(err, "unknown class 'prosecutor'") != NULL, "error names the class");
  OK(e == NULL, "no engine on error");
  /* found by fuzzing: a bad class name with "memory" in it passed for
  ** an allocation failure */
  o.vocab = "memory: Smith";
  INT_EQ(gavel_engine_new(&o, &e, err, sizeof err), GAVEL_ERR_INPUT, "class 'memory' is bad input, not NOMEM");
  INT_EQ(gavel_engine_new(&o, &e, err, 4), GAVEL_ERR_INPUT, "with a 4-byte errbuf too");
  INT_EQ((long long)strlen(err), 3, "the reason is cut to the buffer");
  o.vocab = "prosecution Smith";
  INT_EQ(gavel_engine_new(&o, &e, err, sizeof err), GAVEL_ERR_INPUT, "no colon refused");
  OK(strstr(err, "line 1") != NULL, "error names the line");
  o.vocab = "strength: (((a|b)*)*c[ \\";
  INT_EQ(gavel_engine_new(&o, &e, err, sizeof err), GAVEL_OK, "regex metacharacters are literal");
  gavel_engine_free(e);
  e = NULL;
  gavel_options_init(&o);
  o.trial_days = -1;
  INT_EQ(gavel_engine_new(&o, &e, err, sizeof err), GAVEL_ERR_INPUT, "negative threshold");
  OK(strstr(err, "trial_days") != NULL, "error names the option");
  gavel_options_init(&o);
  o.severity[0] = 9;
  INT_EQ(gavel_engine_new(&o, &e, err, sizeof err), GAVEL_ERR_INPUT, "bad severity");
  INT_EQ(gavel_engine_new(NULL, NULL, err, sizeof err), GAVEL_ERR_ARG, "NULL out");
}

static void test_names(void) {
  for (int c = 0; c < GAVEL_W_COUNT; c++) {
    const char *n = gavel_code_name((gavel_code)c);
    OK(n != NULL, "every code has a name");
    if (n) INT_EQ(gavel_code_from_name(n, strlen(n)), c, "name round trip");
  }
  INT_EQ(gavel_code_from_name("no-such", 7), -1, "unknown code");
  STR_EQ(gavel_code_name(GAVEL_W_NO_RESPONSE), "no-response", "stable name");
  STR_EQ(gavel_code_name(GAVEL_W_CLIENT_GAP), "client-contact-gap", "stable name");
  STR_EQ(gavel_event_name(GAVEL_EV_COUNTER), "counteroffer", "event name");
  STR_EQ(gavel_event_name(GAVEL_EV_CLIENT_CONTACT), "client_contact", "event name");
  STR_EQ(gavel_party_name(GAVEL_PARTY_PROSECUTION), "prosecution", "party name");
  OK(gavel_party_name(GAVEL_PARTY_NONE) == NULL, "no party");
  STR_EQ(gavel_status_str(GAVEL_ERR_BUSY), "database is busy", "status text");
  STR_EQ(gavel_state_name(GAVEL_STATE_TRIAL_BOUND), "trial-bound", "state name");
  char v[64];
  OK(strlen(gavel_pcre2_version(v, sizeof v)) > 3, "pcre2 version");
}

/* gavel_doc_analyses counts the analyses that worked something out. */
static void test_analyses(void) {
  gavel_doc *d = NULL;
  const char *text = "## 2025-03-14\nCalled ADA, VM\n";
  const char *typo[] = {"Called ADA, VN"}, *dated[] = {"Court on 4/2/25"};
  size_t typol[] = {14}, datedl[] = {15};
  gavel_day day = t_day("2025-03-20");
  t_case = "analyses";
  INT_EQ(gavel_doc_new(t_engine(), &d), GAVEL_OK, "new");
  INT_EQ((int)gavel_doc_analyses(d), 0, "none yet");
  INT_EQ(gavel_doc_set_text(d, text, strlen(text)), GAVEL_OK, "set_text");
  INT_EQ(gavel_doc_analyze(d, day, NULL, 0), GAVEL_OK, "analyze");
  INT_EQ((int)gavel_doc_analyses(d), 1, "the first");
  INT_EQ(gavel_doc_analyze(d, day, NULL, 0), GAVEL_OK, "again");
  INT_EQ((int)gavel_doc_analyses(d), 1, "nothing changed");
  INT_EQ(gavel_doc_replace(d, 1, 2, typo, typol, 1), GAVEL_OK, "typo");
  INT_EQ(gavel_doc_analyze(d, day, NULL, 0), GAVEL_OK, "after the typo");
  INT_EQ((int)gavel_doc_analyses(d), 1, "the same reading");
  INT_EQ(gavel_doc_replace(d, 1, 2, dated, datedl, 1), GAVEL_OK, "dated");
  INT_EQ(gavel_doc_analyze(d, day, NULL, 0), GAVEL_OK, "after the date");
  INT_EQ((int)gavel_doc_analyses(d), 2, "a new reading");
  INT_EQ(gavel_doc_analyze(d, day + 1, NULL, 0), GAVEL_OK, "the next day");
  INT_EQ((int)gavel_doc_analyses(d), 3, "another day");
  INT_EQ((int)gavel_doc_analyses(NULL), 0, "NULL");
  gavel_doc_free(d);
  t_case = NULL;
}

/* A large read keeps its lines' items in a block a stretch, grown when a
** line brings more than it holds; a line read alone gets a block of its
** own.  Lines of many dates and sums among ordinary notes, read all at
** once and row by row, must read the same. */
static void test_many_items(void) {
  enum { ROWS = 120 };
  static char many[3][2200];
  const char *lines[ROWS];
  size_t lens[ROWS];
  gavel_doc *whole = NULL, *rows = NULL;
  gavel_day day = t_day("2025-04-10");
  t_case = "lines with many items";
  for (int k = 0, o = 0; k < 3; k++, o = 0) /* 40, 80 and 160 items */
    for (int i = 0; i < 40 << k && o < 2100; i++)
      o += snprintf(many[k] + o, sizeof many[k] - (size_t)o, i % 2 ? "$%d, " : "%d/%d, ",
                    1 + i % 12, 1 + i % 28);
  for (size_t i = 0; i < ROWS; i++) {
    lines[i] = i == 3 ? many[0] : i == 40 ? many[1] : i == 41 ? many[2]
             : i % 3 ? "ADA Cho offered 9 mo jail, $500 fine; open until 5/1." : "Prose.";
    lens[i] = strlen(lines[i]);
  }
  INT_EQ(gavel_doc_new(t_engine(), &whole), GAVEL_OK, "new");
  INT_EQ(gavel_doc_new(t_engine(), &rows), GAVEL_OK, "new");
  INT_EQ(gavel_doc_replace(whole, 0, 0, lines, lens, ROWS), GAVEL_OK, "read at once");
  for (size_t i = 0; i < ROWS; i++) /* SLAB_ROWS: under 32 lines, a block a row */
    gavel_doc_replace(rows, i, i, lines + i, lens + i, 1);
  const gavel_item *it;
  OK(gavel_doc_row_items(whole, 41, &it) >= 150, "the longest line's items");
  /* the first chunk is sized for notes: these lines' items outgrow it */
  OK(t_chunks(whole, NULL) >= 2, "the items continue in another chunk");
  t_same_analysis(whole, rows, day, "read at once and row by row differ");
  gavel_doc_free(whole);
  gavel_doc_free(rows);
  t_case = NULL;
}

/* A large read's chunks outlive its document in the engine's pool, and
** the next large read (another document) reads into them: the same
** reading as into fresh memory, on one thread or two. */
static void test_chunk_pool(void) {
  enum { N = 12000 }; /* 600 KB: a first chunk of 2 MB or more */
  static const char *const kinds[] = {
      "## 2025-03-%02d", "ADA Cho offered %d mo jail, $500 fine; open until 4/15.",
      "Called ADA, VM, no reply (%d).", "See Ex. %d and Bates DEF-000120.",
      "Prose about the client's job, part %d.", "- [ ] witness list %d"};
  size_t len = 0, big = 0;
  char *text = malloc(N * 64);
  gavel_engine *e = NULL;
  gavel_doc *a = NULL, *b = NULL, *fresh = NULL;
  gavel_day day = t_day("2025-04-10");
  t_case = "the chunk pool";
  if (!text || gavel_engine_new(NULL, &e, NULL, 0) != GAVEL_OK) {
    t_fail_at(__FILE__, __LINE__, "setup");
    free(text);
    return;
  }
  for (int i = 0; i < N; i++) {
    len += (size_t)sprintf(text + len, kinds[i % 6], 1 + i % 28);
    text[len++] = '\n';
  }
  gavel_doc_new(e, &a); /* 100 lines: a chunk of malloc's, not kept */
  INT_EQ(gavel_doc_set_text(a, text, (size_t)(strchr(text + 4000, '\n') - text)), GAVEL_OK,
         "a small read");
  OK(a->rows[0].text_slab && a->rows[0].text_slab->size < 64 * 1024, "a small chunk");
  gavel_doc_free(a);
  OK(gv_pool_bytes(e->pool) == 0, "a small chunk, not in the pool");
  gavel_doc_new(e, &a);
  INT_EQ(gavel_doc_set_text(a, text, len), GAVEL_OK, "the first read");
  t_chunks(a, &big);
  OK(big >= 1, "a large read makes a large chunk");
  size_t first = a->rows[0].text_slab ? a->rows[0].text_slab->size : 0;
  gavel_doc_free(a);
  OK(first && gv_pool_bytes(e->pool) >= first, "the freed chunks, in the pool");
  size_t kept = gv_pool_bytes(e->pool);
  for (int threads = 1; threads <= 2; threads++) {
    gavel_doc_new(e, &b);
    gavel_doc_set_threads(b, threads);
    INT_EQ(gavel_doc_set_text(b, text, len), GAVEL_OK, "a read into the pool's chunks");
    OK(gv_pool_bytes(e->pool) < kept, "the pool's chunks taken");
    gavel_doc_new(t_engine(), &fresh);
    gavel_doc_set_text(fresh, text, len);
    t_same_analysis(b, fresh, day, threads == 1 ? "one thread: read into used chunks"
                                                : "two threads: read into used chunks");
    gavel_doc_free(fresh);
    gavel_doc_free(b);
  }
  gavel_engine_free(e); /* and the chunks it keeps (valgrind, ASan: no leak) */
  free(text);
  t_case = NULL;
}

void suite_document(void) {
  test_many_items();
  test_chunk_pool();
  test_split();
  test_replace();
  test_analyses();
  test_bad_input();
  test_engine_options();
  test_names();
}
