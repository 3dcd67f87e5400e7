/*
** util.c: item lists, bounded string copies, the names of gavel's
** enumerations, and blocks straight from the system, their pages asked for
** at once.  Nothing here allocates except the item list and gv_map.
*/
/* madvise, MADV_HUGEPAGE and MADV_POPULATE_WRITE are not POSIX: NOLINTNEXTLINE(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp) */
#define _DEFAULT_SOURCE
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__) || defined(__APPLE__)
#include <sys/mman.h>
#include <unistd.h>
#endif

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "internal.h"

size_t gv_page_size(void) {
#if defined(__linux__) || defined(__APPLE__)
  long size = sysconf(_SC_PAGESIZE);
  return size > 0 ? (size_t)size : 4096;
#else
  return 4096;
#endif
}

void *gv_map(size_t n, int huge) {
#if defined(__linux__) || defined(__APPLE__)
  size_t extra = huge ? GV_HUGE_PAGE : 0;
  char *m = mmap(NULL, n + extra, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                 -1, 0);
  if (m == MAP_FAILED) return NULL;
  if (!huge) return m;
  /* the huge-page-aligned n bytes inside; the rest given back */
  size_t head = (GV_HUGE_PAGE - (size_t)((uintptr_t)m % GV_HUGE_PAGE)) % GV_HUGE_PAGE;
  if (head) (void)munmap(m, head);
  if (extra - head) (void)munmap(m + head + n, extra - head);
#if defined(MADV_HUGEPAGE) /* transparent huge pages: a hint, refusal or not */
  (void)madvise(m + head, n, MADV_HUGEPAGE);
#endif
  return m + head;
#else
  (void)huge;
  return calloc(1, n);
#endif
}

void gv_unmap(void *p, size_t n) {
#if defined(__linux__) || defined(__APPLE__)
  if (p) (void)munmap(p, n);
#else
  (void)n;
  free(p);
#endif
}

void gv_prefault(void *p, size_t n) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  if (n < GV_PREFAULT_MIN) return; /* a keystroke's row: no call at all */
  size_t page = gv_page_size();
  size_t head = (page - (size_t)((uintptr_t)p % page)) % page; /* to a page start */
  if (n - head >= page)
    (void)madvise((char *)p + head, (n - head) / page * page, MADV_POPULATE_WRITE);
#else
  (void)p;
  (void)n;
#endif
}

/* The newlines among the NL_BLOCK bytes at p, a bit each (bit i: p[i]).
** A block of 64 is about one line of notes: the loops over its bits are
** mostly of one turn, which the processor guesses right. */
#define NL_BLOCK 64
#if defined(__SSE2__)
static uint64_t newlines64(const char *p) {
  const __m128i nl = _mm_set1_epi8('\n');
  uint64_t m = 0;
  for (unsigned q = 0; q < 64; q += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + q));
    m |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)) << q;
  }
  return m;
}
#else
static uint64_t newlines64(const char *p) {
  uint64_t m = 0;
  for (int i = 0; i < NL_BLOCK; i++) m |= (uint64_t)(p[i] == '\n') << i;
  return m;
}
#endif

/* The number of bits set in m (with no call: not every x86-64 has an
** instruction for it). */
static size_t bits_set(uint64_t m) {
  m -= (m >> 1) & 0x5555555555555555u;
  m = (m & 0x3333333333333333u) + ((m >> 2) & 0x3333333333333333u);
  m = (m + (m >> 4)) & 0x0f0f0f0f0f0f0f0fu;
  return (size_t)((m * 0x0101010101010101u) >> 56);
}

size_t gv_line_count(const char *text, size_t len) {
  size_t newlines = 0, b = 0;
  for (; b + NL_BLOCK <= len; b += NL_BLOCK) newlines += bits_set(newlines64(text + b));
  for (; b < len; b++) newlines += text[b] == '\n';
  /* a final newline ends, not starts, a line */
  size_t n = newlines + (len && text[len - 1] != '\n');
  return n ? n : 1;
}

/* Line k of gv_split_lines: text[start..end), a '\r' at its end dropped. */
static void put_line(const char *text, size_t start, size_t end, const char **lines,
                     size_t *lens, size_t k) {
  if (end > start && text[end - 1] == '\r') end--;
  lines[k] = text ? text + start : "";
  lens[k] = end - start;
}

void gv_split_lines(const char *text, size_t len, const char **lines, size_t *lens,
                    size_t n) {
  size_t k = 0, start = 0, b = 0;
  for (; b + NL_BLOCK <= len && k < n; b += NL_BLOCK)
    for (uint64_t m = newlines64(text + b); m && k < n; m &= m - 1) {
      size_t i = b + (size_t)gv_lowest_bit64(m);
      put_line(text, start, i, lines, lens, k++);
      start = i + 1;
    }
  for (; b < len && k < n; b++)
    if (text[b] == '\n') {
      put_line(text, start, b, lines, lens, k++);
      start = b + 1;
    }
  /* the last line, with no newline after it (or the empty text's one) */
  if (k < n) put_line(text, start, len, lines, lens, k);
}

void gv_item_clear(gavel_item *it) {
  memset(it, 0, sizeof *it);
  it->spec.minute = -1;
  it->spec.weekday = -1;
  it->day = GAVEL_NO_DAY;
  it->when = GAVEL_NO_DAY;
  it->minute = -1;
  it->date_ref = -1;
  it->terms.custody_months = -1;
  it->terms.probation_months = -1;
  it->terms.fine_cents = -1;
  it->terms.restitution_cents = -1;
  it->terms.counts_dismissed = -1;
}

size_t gv_grown_cap(size_t cap, size_t need, size_t size) {
  size_t c = cap ? cap : 16;
  while (c < need) {
    if (c > SIZE_MAX / 2 / size) return 0;
    c *= 2;
  }
  return c > SIZE_MAX / size ? 0 : c;
}

void *gv_grow(void *v, size_t *cap, size_t need, size_t size) {
  if (need <= *cap && v) return v;
  size_t c = gv_grown_cap(*cap, need, size);
  void *p = c ? realloc(v, c * size) : NULL;
  if (p) *cap = c;
  return p;
}

void gv_items_lend(gv_items *l, gavel_item *v, size_t cap) {
  if (!l->lent) {
    l->own = l->v;
    l->own_cap = l->cap;
    l->lent = 1;
  }
  l->v = v;
  l->cap = cap;
  l->n = 0;
}

void gv_items_unlend(gv_items *l) {
  if (l->lent) {
    l->v = l->own;
    l->cap = l->own_cap;
    l->own = NULL;
    l->own_cap = 0;
    l->lent = 0;
  }
  l->n = 0;
}

/* Makes room for one more item in a full list.  Returns 0, -1 (memory; l
** unchanged). */
static int items_grow(gv_items *l) {
  if (!l->lent) {
    gavel_item *v = gv_grow(l->v, &l->cap, l->n + 1, sizeof *v);
    if (!v) return -1;
    l->v = v;
    return 0;
  }
  /* out of the lent block, into the list's own */
  gavel_item *own = gv_grow(l->own, &l->own_cap, l->n + 1, sizeof *own);
  size_t n = l->n;
  if (!own) return -1;
  if (n) memcpy(own, l->v, n * sizeof *own);
  l->own = own;
  gv_items_unlend(l);
  l->n = n;
  return 0;
}

gavel_item *gv_items_push(gv_items *l, gavel_kind kind, size_t col,
                          size_t end_col) {
  if (l->n == l->cap && items_grow(l) != 0) return NULL;
  gavel_item *it = &l->v[l->n++];
  gv_item_clear(it);
  it->kind = (uint8_t)kind;
  it->col = (uint32_t)col;
  it->end_col = (uint32_t)end_col;
  return it;
}

void gv_items_free(gv_items *l) {
  gv_items_unlend(l);
  free(l->v);
  l->v = NULL;
  l->cap = 0;
}

char *gv_copy(char *dst, size_t cap, const char *s, size_t n) {
  if (cap == 0) return dst;
  if (n >= cap) {
    n = cap - 1;
    /* back up over UTF-8 continuation bytes so no sequence is cut */
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  }
  memcpy(dst, s, n);
  dst[n] = 0;
  return dst;
}

void gv_sb_addn(gv_sbuf *b, const char *t, size_t n) {
  if (b->bad) return;
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 512;
    while (cap < b->n + n + 1) cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
      b->bad = 1;
      return;
    }
    b->s = s;
    b->cap = cap;
  }
  memcpy(b->s + b->n, t, n);
  b->n += n;
  b->s[b->n] = 0;
}

void gv_sb_add(gv_sbuf *b, const char *t) { gv_sb_addn(b, t, strlen(t)); }

char *gv_fmt(char *dst, size_t cap, const char *fmt, ...) {
  va_list ap;
  if (!dst || cap == 0) return dst;
  va_start(ap, fmt);
  vsnprintf(dst, cap, fmt, ap);
  va_end(ap);
  return dst;
}

const char *gavel_status_str(gavel_status st) {
  switch (st) {
  case GAVEL_OK: return "ok";
  case GAVEL_ERR_NOMEM: return "out of memory";
  case GAVEL_ERR_ARG: return "invalid argument";
  case GAVEL_ERR_PATTERN: return "pattern failed to compile";
  case GAVEL_ERR_INPUT: return "input declined";
  case GAVEL_ERR_IO: return "input/output error";
  case GAVEL_ERR_DB: return "database error";
  case GAVEL_ERR_BUSY: return "database is busy";
  case GAVEL_ERR_CORRUPT: return "database is corrupt";
  }
  return "unknown status";
}

static const char *const code_names[GAVEL_W_COUNT] = {
    "no-response",      "unanswered-attempts", "no-concession",
    "harsher-offer",    "strong-evidence",     "offer-expiring",
    "offer-expired",    "offer-withdrawn",     "deadline-approaching",
    "trial-approaching", "undefined-evidence", "client-contact-gap"};

const char *gavel_code_name(gavel_code code) {
  return (unsigned)code < GAVEL_W_COUNT ? code_names[code] : NULL;
}

int gavel_code_from_name(const char *name, size_t len) {
  if (!name) return -1;
  for (int i = 0; i < GAVEL_W_COUNT; i++)
    if (strlen(code_names[i]) == len && memcmp(code_names[i], name, len) == 0)
      return i;
  return -1;
}

const char *gavel_severity_name(gavel_severity sev) {
  switch (sev) {
  case GAVEL_SEV_ERROR: return "error";
  case GAVEL_SEV_WARN: return "warning";
  case GAVEL_SEV_INFO: return "info";
  case GAVEL_SEV_HINT: return "hint";
  }
  return "warning";
}

static const char *const event_names[GAVEL_EV_COUNT] = {
    NULL,         "offer",          "counteroffer", "reject",
    "accept",     "withdraw",       "attempt",      "response",
    "client_contact", "court_date", "deadline",     "evidence_ref",
    "evidence_def", "strength",     "prep"};

const char *gavel_event_name(gavel_event ev) {
  return (unsigned)ev < GAVEL_EV_COUNT ? event_names[ev] : NULL;
}

const char *gavel_party_name(gavel_party p) {
  switch (p) {
  case GAVEL_PARTY_PROSECUTION: return "prosecution";
  case GAVEL_PARTY_DEFENSE: return "defense";
  case GAVEL_PARTY_CLIENT: return "client";
  case GAVEL_PARTY_COURT: return "court";
  case GAVEL_PARTY_NONE: break;
  }
  return NULL;
}

const char *gavel_term_name(gavel_term_kind t) {
  static const char *const names[] = {
      NULL,     "custody",   "probation",   "fine",      "restitution",
      "dismiss", "charge",   "diversion",   "time_served", "suspended"};
  return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : NULL;
}

const char *gavel_state_name(gavel_state s) {
  static const char *const names[] = {"none",     "negotiating", "offer-open",
                                      "stalled",  "accepted",    "trial-bound"};
  return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "none";
}
