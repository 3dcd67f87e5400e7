/*
** fuzz_edits.c: random line-range edits, as Neovim reports them, must
** leave a document equal to a fresh read of the same text.
**
** Input: the starting text, a NUL byte, then an edit script of records
** separated by '\n'.  A record is an opcode byte, a position byte and the
** rest as text:
**   op & 7 = 0,1  insert the text as a new line before row pos % (n+1)
**            2    replace row pos % n with the text
**            3    delete 1 + (op>>3)%4 rows from pos % n (never every row)
**            4    type the text into row pos % n at byte (op>>3)*7 % (len+1)
**            5    erase (op>>3)%8 + 1 bytes of row pos % n from byte text[0]
**            6    replace (op>>3)%4 rows from pos % (n+1) with the text's
**                 pieces split at 0x1f (one line per piece)
**            7    judge as of another day: 2025-04-10 + pos*3 - 300
**   op & 0x80     do not analyse and compare after this record (the next
**                 comparison then covers several edits at once)
** An empty record (or the end) analyses and compares.  After each
** comparison the rows outside gavel_doc_take_changed's range must still
** hold the items they held at the previous comparison.
** Without a NUL the whole input is the starting text and there are no
** edits.
*/
#include <stdlib.h>
#include <string.h>

#include "../c/compare.h"
#include "fuzz.h"

#ifdef FZ_REPLAY
#define LLVMFuzzerTestOneInput fz_edits
#else
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#endif

#define MAX_PIECES 16

/* What each row held at the last comparison. */
typedef struct snapshot {
  gavel_item **items;
  size_t *n;
  size_t rows;
} snapshot;

static const gavel_engine *engine(void) {
  static gavel_engine *e;
  char err[200];
  if (!e)
    FZ_CHECK(gavel_engine_new(NULL, &e, err, sizeof err) == GAVEL_OK, "engine: %s", err);
  return e;
}

static void snap_free(snapshot *s) {
  for (size_t r = 0; r < s->rows; r++) free(s->items[r]);
  free(s->items);
  free(s->n);
  memset(s, 0, sizeof *s);
}

static void snap_take(snapshot *s, const gavel_doc *d) {
  snap_free(s);
  s->rows = gavel_doc_line_count(d);
  s->items = calloc(s->rows + 1, sizeof *s->items);
  s->n = calloc(s->rows + 1, sizeof *s->n);
  FZ_CHECK(s->items && s->n, "out of memory");
  for (size_t r = 0; r < s->rows; r++) {
    const gavel_item *v;
    s->n[r] = gavel_doc_row_items(d, r, &v);
    if (!s->n[r]) continue;
    s->items[r] = malloc(s->n[r] * sizeof *v);
    FZ_CHECK(s->items[r], "out of memory");
    memcpy(s->items[r], v, s->n[r] * sizeof *v);
  }
}

/* Analyses inc, compares it with a fresh read and checks the changed range. */
static void compare(gavel_doc *inc, gavel_day today, snapshot *snap, int step) {
  const gavel_engine *e = engine();
  gavel_doc *fresh = NULL;
  size_t lo, hi, n = gavel_doc_line_count(inc);
  char why[160];
  const char **lines = malloc((n + 1) * sizeof *lines);
  size_t *lens = malloc((n + 1) * sizeof *lens);
  FZ_CHECK(lines && lens, "out of memory");
  for (size_t r = 0; r < n; r++) lines[r] = gavel_doc_line(inc, r, &lens[r]);
  /* the same lines read at once by a new document (not set_text, which
  ** would drop a '\r' the edits left at the end of a line) */
  FZ_CHECK(gavel_doc_new(e, &fresh) == GAVEL_OK, "doc_new");
  FZ_CHECK(gavel_doc_replace(fresh, 0, 0, lines, lens, n) == GAVEL_OK, "fresh read");
  FZ_CHECK(gavel_doc_analyze(inc, today, NULL, 0) == GAVEL_OK, "analyze");
  FZ_CHECK(gavel_doc_analyze(fresh, today, NULL, 0) == GAVEL_OK, "fresh analyze");
  fz_check_doc(e, inc);
  FZ_CHECK(cmp_docs_equal(inc, fresh, why, sizeof why) == 0,
           "step %d: incremental differs from a fresh read: %s", step, why);
  gavel_doc_take_changed(inc, &lo, &hi);
  FZ_CHECK(lo <= hi && hi <= n, "step %d: changed [%zu, %zu) of %zu rows", step, lo, hi, n);
  for (size_t r = 0; r < n; r++) {
    if (r >= lo && r < hi) continue;
    const gavel_item *v;
    size_t k = gavel_doc_row_items(inc, r, &v);
    FZ_CHECK(r < snap->rows, "step %d: new row %zu not reported changed [%zu, %zu)",
             step, r, lo, hi);
    FZ_CHECK(k == snap->n[r], "step %d: row %zu went from %zu to %zu items, not reported changed [%zu, %zu)",
             step, r, snap->n[r], k, lo, hi);
    for (size_t i = 0; i < k; i++)
      FZ_CHECK(cmp_items_equal(&v[i], &snap->items[r][i]),
               "step %d: row %zu item %zu changed, not reported changed [%zu, %zu)",
               step, r, i, lo, hi);
  }
  snap_take(snap, inc);
  free(lines);
  free(lens);
  gavel_doc_free(fresh);
}

/* Applies one record to d (or to *today). */
static void apply(gavel_doc *d, const uint8_t *rec, size_t len, gavel_day *today) {
  uint8_t op = rec[0], pos = len > 1 ? rec[1] : 0;
  const char *text = len > 2 ? (const char *)rec + 2 : "";
  size_t tlen = len > 2 ? len - 2 : 0;
  size_t n = gavel_doc_line_count(d), first = 0, last = 0, k = 0;
  const char *lines[MAX_PIECES];
  size_t lens[MAX_PIECES];
  char *buf = NULL;
  switch (op & 7) {
  case 0:
  case 1:
  case 2: /* insert before a row, or replace one */
    first = (op & 7) == 2 ? pos % n : pos % (n + 1);
    last = (op & 7) == 2 ? first + 1 : first;
    lines[0] = text;
    lens[0] = tlen;
    k = 1;
    break;
  case 3:
    first = pos % n;
    last = first + 1 + (op >> 3) % 4;
    if (last > n) last = n;
    if (last - first >= n) return; /* like Neovim, never leave no line */
    break;
  case 4:
  case 5: {
    size_t l, at;
    first = pos % n;
    last = first + 1;
    const char *old = gavel_doc_line(d, first, &l);
    buf = malloc(l + tlen + 1);
    FZ_CHECK(buf, "out of memory");
    memcpy(buf, old, l);
    if ((op & 7) == 4) {
      at = ((size_t)(op >> 3) * 7) % (l + 1);
      memmove(buf + at + tlen, buf + at, l - at);
      memcpy(buf + at, text, tlen);
      l += tlen;
    } else {
      size_t cut = (op >> 3) % 8 + 1;
      at = tlen ? (uint8_t)text[0] % (l + 1) : 0;
      if (cut > l - at) cut = l - at;
      memmove(buf + at, buf + at + cut, l - at - cut);
      l -= cut;
    }
    lines[0] = buf;
    lens[0] = l;
    k = 1;
    break;
  }
  case 6: {
    first = pos % (n + 1);
    last = first + (op >> 3) % 4;
    if (last > n) last = n;
    size_t start = 0;
    for (size_t i = 0; i <= tlen && k < MAX_PIECES; i++)
      if (i == tlen || text[i] == 0x1f) {
        lines[k] = text + start;
        lens[k] = i - start;
        k++;
        start = i + 1;
      }
    if (k == 0 && last - first >= n) return;
    break;
  }
  default:
    *today = gavel_day_from_ymd(2025, 4, 10) + (gavel_day)pos * 3 - 300;
    return;
  }
  gavel_status st = gavel_doc_replace(d, first, last, lines, lens, k);
  FZ_CHECK(st == GAVEL_OK, "replace [%zu, %zu) with %zu lines: %s", first, last, k,
           gavel_status_str(st));
  FZ_CHECK(gavel_doc_line_count(d) == n - (last - first) + k, "line count after replace");
  free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const uint8_t *nul = memchr(data, 0, size);
  size_t tlen = nul ? (size_t)(nul - data) : size;
  gavel_doc *d = NULL;
  gavel_day today = gavel_day_from_ymd(2025, 4, 10);
  snapshot snap = {0};
  int step = 0;
  FZ_CHECK(gavel_doc_new(engine(), &d) == GAVEL_OK, "doc_new");
  FZ_CHECK(gavel_doc_set_text(d, (const char *)data, tlen) == GAVEL_OK, "set_text");
  compare(d, today, &snap, step);
  if (nul) {
    const uint8_t *p = nul + 1, *end = data + size;
    int pending = 0;
    while (p <= end) {
      const uint8_t *eol = memchr(p, '\n', (size_t)(end - p));
      if (!eol) eol = end;
      size_t len = (size_t)(eol - p);
      step++;
      if (len) apply(d, p, len, &today);
      if (len == 0 || !(p[0] & 0x80)) {
        compare(d, today, &snap, step);
        pending = 0;
      } else {
        pending = 1;
      }
      p = eol + 1;
    }
    if (pending) compare(d, today, &snap, step);
  }
  snap_free(&snap);
  gavel_doc_free(d);
  return 0;
}
