/*
** patho.c: builds one pathological text and reads it through the C API
** (gavel_doc_set_text + gavel_doc_analyze), so run.sh can count the work
** (valgrind --tool=callgrind) and compare sizes.
**
**   patho KIND BYTES [MAX_LINE_BYTES [LINES]]
**
** KIND: digits slashes parens dates money bates words spaces hashes utf8
** letters entries.  The text is LINES lines (default 1) of BYTES bytes
** each; "entries" makes LINES dated log entries instead (BYTES ignored).
** MAX_LINE_BYTES 0 keeps the default.  Prints "items N warnings N".
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../csrc/gavel.h"

static const struct {
  const char *kind, *unit;
} units[] = {
    {"digits", "1"},
    {"slashes", "/"},
    {"dates", "12/31/2025 1/1/ 3-4-5 "},
    {"money", "$1,000,000.00 $ 1, "},
    {"bates", "Ex. 1 DEF-000001\xe2\x80\x93 Bates "},
    {"words", "ADA offered counter rejected no reply trial set "},
    {"spaces", " "},
    {"hashes", "#"},
    {"utf8", "\xe2\x80"},
    {"letters", "a"},
};

/* Fills buf[0..n) with one line of `kind`. */
static int fill(char *buf, size_t n, const char *kind) {
  if (!strcmp(kind, "parens")) {
    for (size_t i = 0; i < n; i++) buf[i] = i < n / 2 ? '(' : ')';
    return 0;
  }
  for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
    if (!strcmp(kind, units[u].kind)) {
      size_t ul = strlen(units[u].unit);
      for (size_t i = 0; i < n; i++) buf[i] = units[u].unit[i % ul];
      return 0;
    }
  return -1;
}

static char *entries(size_t lines, size_t *len) {
  static const char *const fmt[] = {
      "## 2025-%02d-%02d\n",
      "%d/%d emailed ADA Natarajan re: counter; no reply\n",
      "ADA offered %d mo DOC and $%d fine; open until 12/31\n",
      "We countered with probation; see Ex. %d and Exhibit %d\n"};
  char *s = malloc(lines * 80 + 1), *o = s;
  if (!s) return NULL;
  for (size_t i = 0; i < lines; i++)
    o += sprintf(o, fmt[i % 4], (int)(i / 4 % 12) + 1, (int)(i % 28) + 1);
  *len = (size_t)(o - s);
  return s;
}

int main(int argc, char **argv) {
  gavel_options o;
  gavel_engine *e = NULL;
  gavel_doc *d = NULL;
  char err[200];
  if (argc < 3) {
    fprintf(stderr, "usage: patho KIND BYTES [MAX_LINE_BYTES [LINES]]\n");
    return 2;
  }
  size_t n = strtoul(argv[2], NULL, 10);
  size_t maxb = argc > 3 ? strtoul(argv[3], NULL, 10) : 0;
  size_t lines = argc > 4 ? strtoul(argv[4], NULL, 10) : 1;
  gavel_options_init(&o);
  if (maxb) o.max_line_bytes = maxb;
  if (gavel_engine_new(&o, &e, err, sizeof err) != GAVEL_OK) {
    fprintf(stderr, "patho: %s\n", err);
    return 2;
  }
  char *text;
  size_t len = 0;
  if (!strcmp(argv[1], "entries")) {
    text = entries(lines, &len);
  } else {
    len = lines * (n + 1);
    text = malloc(len + 1);
    for (size_t l = 0; text && l < lines; l++) {
      if (fill(text + l * (n + 1), n, argv[1]) != 0) {
        fprintf(stderr, "patho: unknown kind '%s'\n", argv[1]);
        return 2;
      }
      text[l * (n + 1) + n] = '\n';
    }
    if (lines == 1) len--; /* one line, no newline at all */
  }
  if (!text || gavel_doc_new(e, &d) != GAVEL_OK ||
      gavel_doc_set_text(d, text, len) != GAVEL_OK ||
      gavel_doc_analyze(d, gavel_day_from_ymd(2025, 4, 10), NULL, 0) != GAVEL_OK) {
    fprintf(stderr, "patho: reading failed\n");
    return 1;
  }
  size_t items = 0;
  const gavel_warning *w;
  for (size_t r = gavel_doc_next_row(d, 0); r < gavel_doc_line_count(d);
       r = gavel_doc_next_row(d, r + 1)) {
    const gavel_item *v;
    items += gavel_doc_row_items(d, r, &v);
  }
  printf("items %zu warnings %zu\n", items, gavel_doc_warnings(d, &w));
  gavel_doc_free(d);
  gavel_engine_free(e);
  free(text);
  return 0;
}
