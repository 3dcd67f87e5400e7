/*
** document.c: a notes file or buffer as rows, each with the items found on
** it.  Edits arrive as line-range replacements; only the new lines are
** read.  Everything that depends on more than one line is left to the
** analysis (timeline.c).
*/
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

gavel_status gavel_sniff(const char *text, size_t len) {
  size_t n = len < 8192 ? len : 8192;
  if (text && memchr(text, 0, n)) return GAVEL_ERR_INPUT;
  return GAVEL_OK;
}

gavel_status gv_doc_fail(gavel_doc *d, gavel_status st, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->err, sizeof d->err, fmt, ap);
  va_end(ap);
  return st;
}

void gv_doc_mark(gavel_doc *d, size_t lo, size_t hi) {
  if (lo >= hi) return;
  if (d->chg_lo == d->chg_hi) {
    d->chg_lo = lo;
    d->chg_hi = hi;
    return;
  }
  if (lo < d->chg_lo) d->chg_lo = lo;
  if (hi > d->chg_hi) d->chg_hi = hi;
}

/* ---- the layout of one line ------------------------------------------- */

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static void layout(gv_line *ln) {
  const char *s = ln->s;
  size_t n = ln->len, i = 0;
  while (i < n && is_blank(s[i])) i++;
  ln->indent = i;
  ln->heading = 0;
  ln->list = 0;
  ln->checkbox = -1;
  /* ATX heading: 1-6 '#' then a blank or end of line */
  size_t h = i;
  while (h < n && s[h] == '#' && h - i < 7) h++;
  if (h > i && h - i <= 6 && (h == n || is_blank(s[h]))) {
    ln->heading = (int)(h - i);
    i = h;
    while (i < n && is_blank(s[i])) i++;
  } else if (i + 1 < n && (s[i] == '-' || s[i] == '*' || s[i] == '+') &&
             is_blank(s[i + 1])) {
    ln->list = 1;
    i += 2;
  } else {
    size_t j = i;
    while (j < n && j - i < 9 && s[j] >= '0' && s[j] <= '9') j++;
    if (j > i && j + 1 < n && (s[j] == '.' || s[j] == ')') && is_blank(s[j + 1])) {
      ln->list = 1;
      i = j + 2;
    }
  }
  if (ln->list) {
    while (i < n && is_blank(s[i])) i++;
    if (i + 2 < n && s[i] == '[' && s[i + 2] == ']' &&
        (s[i + 1] == ' ' || s[i + 1] == 'x' || s[i + 1] == 'X')) {
      ln->checkbox = s[i + 1] == ' ' ? 0 : 1;
      i += 3;
      while (i < n && is_blank(s[i])) i++;
    }
  }
  ln->body = i;
}

static int item_cmp(const void *a, const void *b) {
  const gavel_item *x = a, *y = b;
  if (x->col != y->col) return x->col < y->col ? -1 : 1;
  return 0;
}

/* Stable sort by column: the scanners' order for equal columns.  Items
** are large (336 bytes), and an offer line holds a dozen from five
** scanners: up to 32, their columns are sorted (insertion sort, stable)
** and each item is then moved once, along the cycles of the permutation;
** a longer list (a long line) is sorted in place. */
static void sort_items(gv_items *l) {
  size_t n = l->n, i = 1;
  while (i < n && item_cmp(&l->v[i - 1], &l->v[i]) <= 0) i++;
  if (i >= n) return; /* most lines: in order already */
  if (n > 32) {
    for (; i < n; i++) {
      gavel_item tmp = l->v[i];
      size_t j = i;
      while (j > 0 && item_cmp(&l->v[j - 1], &tmp) > 0) {
        l->v[j] = l->v[j - 1];
        j--;
      }
      l->v[j] = tmp;
    }
    return;
  }
  struct key {
    size_t col, from;
  } k[32];
  unsigned char placed[32] = {0};
  for (i = 0; i < n; i++) {
    struct key x = {l->v[i].col, i};
    size_t j = i;
    while (j > 0 && k[j - 1].col > x.col) {
      k[j] = k[j - 1];
      j--;
    }
    k[j] = x;
  }
  /* position j takes the item from k[j].from */
  for (size_t s0 = 0; s0 < n; s0++) {
    if (placed[s0] || k[s0].from == s0) continue;
    gavel_item tmp = l->v[s0];
    size_t j = s0;
    while (k[j].from != s0) {
      l->v[j] = l->v[k[j].from];
      placed[j] = 1;
      j = k[j].from;
    }
    l->v[j] = tmp;
    placed[j] = 1;
  }
}

int gv_read_line_only(const gavel_engine *e, pcre2_match_data *md,
                      const char *s, size_t len, unsigned reads, gv_items *out) {
  gv_line ln;
  int truncated = 0;
  out->n = 0;
  if (len > e->opts.max_line_bytes) {
    len = e->opts.max_line_bytes;
    truncated = 1;
  }
  ln.s = s;
  ln.len = len;
  ln.md = md;
  ln.out = out;
  layout(&ln);
  ln.gate = gv_gate_line(e, s, len, reads, &ln.classes, &ln.at);
  if (gv_dates_scan(e, &ln) != 0 || gv_money_scan(e, &ln) != 0 ||
      gv_evidence_scan(e, &ln) != 0 || gv_events_scan(e, &ln) != 0 ||
      gv_court_scan(e, &ln) != 0)
    return -1;
  /* Sorting moves items: remember where each came from in `row` (the
  ** document sets the real row later), sort, then re-point date_ref. */
  for (size_t i = 0; i < out->n; i++) out->v[i].row = (uint32_t)i;
  sort_items(out);
  if (out->n > 1) {
    size_t few[32]; /* most lines: no allocation */
    size_t *where = out->n <= 32 ? few : malloc(out->n * sizeof *where);
    if (!where) return -1;
    for (size_t i = 0; i < out->n; i++) where[out->v[i].row] = i;
    for (size_t i = 0; i < out->n; i++) {
      int16_t r = out->v[i].date_ref;
      out->v[i].date_ref = (r >= 0 && (size_t)r < out->n) ? (int16_t)where[r] : -1;
    }
    if (where != few) free(where);
  }
  for (size_t i = 0; i < out->n; i++) out->v[i].row = 0;
  if (truncated)
    for (size_t i = 0; i < out->n; i++) out->v[i].flags |= GAVEL_F_TRUNCATED;
  return 0;
}

int gv_read_line(const gavel_engine *e, pcre2_match_data *md, const char *s,
                 size_t len, gv_items *out) {
  return gv_read_line_only(e, md, s, len, GV_GATE_ALL, out);
}

/* ---- documents -------------------------------------------------------- */

gavel_status gavel_doc_new(const gavel_engine *e, gavel_doc **out) {
  gavel_doc *d;
  if (!out) return GAVEL_ERR_ARG;
  *out = NULL;
  if (!e) return GAVEL_ERR_ARG;
  d = calloc(1, sizeof *d);
  if (!d) return GAVEL_ERR_NOMEM;
  d->e = e;
  d->reads = GV_GATE_ALL;
  d->threads = 1;
  d->dirty_lo = SIZE_MAX;
  d->md = pcre2_match_data_create(GV_OVECTOR_PAIRS, NULL);
  if (!d->md) {
    free(d);
    return GAVEL_ERR_NOMEM;
  }
  *out = d;
  return GAVEL_OK;
}

/* At most this many threads read one replace. */
#define MAX_THREADS 64

gavel_status gavel_doc_set_threads(gavel_doc *d, int n) {
  if (!d) return GAVEL_ERR_ARG;
  if (n < 1 || n > MAX_THREADS)
    return gv_doc_fail(d, GAVEL_ERR_ARG, "threads: %d is not between 1 and %d", n,
                       MAX_THREADS);
  d->threads = n;
  return GAVEL_OK;
}

gavel_status gavel_doc_new_peer(const gavel_engine *e, gavel_doc **out) {
  gavel_status st = gavel_doc_new(e, out);
  if (st == GAVEL_OK) (*out)->reads = GV_GATE_EVIDENCE;
  return st;
}

/* ---- chunks: the memory of large reads ---------------------------------- */

/* A chunk holds at most this many bytes (unless one line's items need
** more): a few for a 100k-line file, and a row edited away keeps no more
** than this alive. */
#define CHUNK_MAX ((size_t)4 << 20)

/* An engine's pool keeps at most this many bytes of chunks: a 100k-line
** file's (27 MB, and 8 MB of rows); and no chunk smaller than POOL_MIN
** (malloc keeps and reuses small blocks well; it gives large ones back to
** the system, to be faulted in again a page at a time). */
#define POOL_MAX (12 * CHUNK_MAX)
#define POOL_MIN ((size_t)64 << 10)

/* Bytes a chunk is sized for, for each byte of text still to read, before
** a document has read any: the text itself and the items of notes (the
** generated notes of bench/: 4.4 bytes of items a byte of text).  Then it
** is what the document's reads used so far. */
#define CHUNK_FIRST_RATIO 5.5

struct gv_pool {
  pthread_mutex_t lock;
  gv_slab *spare;           /* chunks no row holds, each of POOL_MIN or more */
  size_t bytes;             /* their sizes together, at most POOL_MAX */
};

struct gv_pool *gv_pool_new(void) {
  struct gv_pool *p = calloc(1, sizeof *p);
  if (p && pthread_mutex_init(&p->lock, NULL) != 0) {
    free(p);
    p = NULL;
  }
  return p;
}

/* A chunk under POOL_MIN is malloc's (its heap keeps and reuses small
** blocks, warm), a larger one the system's (gv_map). */
static void chunk_free(gv_slab *c) {
  if (c->size < POOL_MIN) free(c->start);
  else gv_unmap(c->start, c->size);
  free(c);
}

void gv_pool_free(struct gv_pool *p) {
  if (!p) return;
  for (gv_slab *c = p->spare, *next; c; c = next) {
    next = c->next;
    chunk_free(c);
  }
  pthread_mutex_destroy(&p->lock);
  free(p);
}

size_t gv_pool_bytes(struct gv_pool *p) {
  size_t n = 0;
  if (pthread_mutex_lock(&p->lock) == 0) {
    n = p->bytes;
    pthread_mutex_unlock(&p->lock);
  }
  return n;
}

/* Gives chunk c, which no row holds, to the pool, or frees it when it is
** small or the pool full. */
static void chunk_drop(struct gv_pool *p, gv_slab *c) {
  if (c->size >= POOL_MIN && pthread_mutex_lock(&p->lock) == 0) {
    int keep = p->bytes + c->size <= POOL_MAX;
    if (keep) {
      c->next = p->spare;
      p->spare = c;
      p->bytes += c->size;
    }
    pthread_mutex_unlock(&p->lock);
    if (keep) return;
  }
  chunk_free(c);
}

/* A chunk of the pool's that holds n bytes and no more than twice `want`
** (a small read takes no large chunk from a large one to come), taken from
** it; NULL if none. */
static gv_slab *chunk_reuse(struct gv_pool *p, size_t n, size_t want) {
  gv_slab *c = NULL;
  if (pthread_mutex_lock(&p->lock) != 0) return NULL;
  for (gv_slab **at = &p->spare; *at; at = &(*at)->next)
    if ((*at)->size >= n && (*at)->size / 2 <= want) {
      c = *at;
      *at = c->next;
      p->bytes -= c->size;
      break;
    }
  pthread_mutex_unlock(&p->lock);
  return c;
}

/* A chunk that holds n bytes, about `want` (rounded up to whole pages, or
** to huge pages from GV_HUGE_PAGE on): from the pool when it has one, else
** new (chunk_free).  *fresh (when not NULL) is 1 for a new one of the
** system's (its bytes zero).
** Returns it with no row counted, or NULL (memory). */
static gv_slab *chunk_get(struct gv_pool *p, size_t n, size_t want, int *fresh) {
  if (want < n) want = n;
  int huge = want >= GV_HUGE_PAGE;
  size_t unit = huge ? GV_HUGE_PAGE : gv_page_size();
  want = (want + unit - 1) / unit * unit;
  gv_slab *c = want >= POOL_MIN ? chunk_reuse(p, n, want) : NULL;
  if (fresh) *fresh = !c && want >= POOL_MIN;
  if (!c) {
    c = malloc(sizeof *c);
    char *mem = !c ? NULL : want < POOL_MIN ? malloc(want) : gv_map(want, huge);
    if (!mem) {
      free(c);
      return NULL;
    }
    c->start = mem;
    c->size = want;
  }
  c->refs = 0;
  return c;
}

/* The blocks one thread carves a replace's texts and items from: chunks,
** one after another, sized by what the thread still has to read (at most
** CHUNK_MAX).  A read of 100k lines makes a few chunks where a block a
** stretch made 1,600, and asks the kernel for their pages 2 MB at a time,
** in huge pages where it has them (gv_map): a page fault costs
** about 10 us on this VM, and the read fills 27 MB.  A chunk is a slab
** that each row whose text or items it holds counts once for each; the
** last row let go gives it to the engine's pool for the next large read
** (or frees it). */
typedef struct arena {
  struct gv_pool *pool;
  gv_slab *chunk;           /* being carved; NULL before the first */
  char *at, *end;           /* its bytes not handed out yet */
  char *ready;              /* its pages asked for, up to here */
  size_t text_left;         /* text the thread has still to read */
  size_t text_read, used;   /* text read so far, and the bytes carved */
  double ratio;             /* bytes for a byte of text, before any read */
  gv_slab *chunks;          /* every chunk of this replace, newest first */
} arena;

/* Starts a new chunk of a that holds at least n bytes: one from the pool
** when it has one of about the size, else a new block.  Returns 0, -1
** (memory; a unchanged). */
static int chunk_new(arena *a, size_t n) {
  double r = a->text_read ? (double)a->used / (double)a->text_read : a->ratio;
  double est = r * (double)a->text_left;
  size_t want = est < (double)CHUNK_MAX ? (size_t)est : CHUNK_MAX;
  /* a large chunk is whole huge pages, no more than the estimate asks:
  ** the last is asked for whole and may go unused */
  if (want >= GV_HUGE_PAGE) want = want / GV_HUGE_PAGE * GV_HUGE_PAGE;
  gv_slab *c = chunk_get(a->pool, n, want, NULL);
  if (!c) return -1;
  c->next = a->chunks;
  a->chunks = c;
  a->chunk = c;
  a->at = a->ready = c->start;
  a->end = c->start + c->size;
  return 0;
}

/* Where the next carve of a's chunk starts (aligned for items), with the
** bytes after it in *room; NULL (room 0) when there is no chunk yet or no
** aligned byte left in it. */
static char *next_carve(const arena *a, size_t *room) {
  *room = 0;
  if (!a->chunk) return NULL;
  size_t pad = (size_t)(-(uintptr_t)a->at % 16), left = (size_t)(a->end - a->at);
  if (pad >= left) return NULL;
  *room = left - pad;
  return a->at + pad;
}

/* n (> 0) bytes of a's chunk, aligned for items, in a new chunk when the
** chunk is short; the caller counts its row in a->chunk->refs.  Returns
** them, or NULL (memory). */
static void *carve(arena *a, size_t n) {
  size_t room;
  char *p = next_carve(a, &room);
  if (!p || n > room) {
    if (chunk_new(a, n) != 0) return NULL;
    p = a->at;
  }
  a->at = p + n;
  a->used += n;
  if (a->at > a->ready) { /* the pages up to the next 2 MB, at once */
    char *to = a->ready + GV_HUGE_PAGE;
    if (to < a->at) to = a->at;
    if (to > a->end) to = a->end;
    gv_prefault(a->ready, (size_t)(to - a->ready));
    a->ready = to;
  }
  return p;
}

/* Lets go of one row's share of chunk c: the last one drops it. */
static void slab_unref(const gavel_engine *e, gv_slab *c) {
  if (--c->refs == 0) chunk_drop(e->pool, c);
}

static void row_free(const gavel_engine *e, gv_row *r) {
  if (r->text_slab) slab_unref(e, r->text_slab);
  else free(r->text);
  if (r->items_slab) slab_unref(e, r->items_slab);
  else free(r->items);
  r->text = NULL;
  r->items = NULL;
  r->text_slab = r->items_slab = NULL;
}

void gavel_doc_free(gavel_doc *d) {
  if (!d) return;
  for (size_t i = 0; i < d->nrows; i++) row_free(d->e, &d->rows[i]);
  gv_doc_release(d, d->rows, d->rows_chunk);
  gv_items_free(&d->scratch);
  gv_analysis_free(d);
  pcre2_match_data_free(d->md);
  free(d);
}

const char *gavel_doc_errmsg(const gavel_doc *d) { return d ? d->err : ""; }

/* The GV_ROW_* shape of a line. */
static uint8_t shape_of(const char *s, size_t len) {
  size_t i = 0, h;
  while (i < len && is_blank(s[i])) i++;
  if (i == len) return GV_ROW_BLANK;
  h = i;
  while (h < len && s[h] == '#') h++;
  if (h > i && h - i <= 6 && (h == len || is_blank(s[h]))) return GV_ROW_HEADING;
  return GV_ROW_TEXT;
}

/* The GV_HAS_* bits of one item. */
static unsigned item_has(const gavel_item *it) {
  if (it->kind == GAVEL_KIND_MARKER) return GV_HAS_MARKER;
  if (it->kind != GAVEL_KIND_EVENT) return 0;
  switch (it->event) {
  case GAVEL_EV_EVIDENCE_DEF: return GV_HAS_DEF;
  case GAVEL_EV_EVIDENCE_REF: return GV_HAS_REF | GV_HAS_WARN;
  case GAVEL_EV_COURT_DATE:
  case GAVEL_EV_DEADLINE: return GV_HAS_WARN;
  default:
    return it->event >= GAVEL_EV_OFFER && it->event <= GAVEL_EV_RESPONSE
               ? GV_HAS_ROUND | GV_HAS_WARN
               : 0;
  }
}

/* The GV_HAS_* bits of a row's items. */
static uint8_t has_of(const gavel_item *v, size_t n) {
  unsigned has = 0;
  for (size_t k = 0; k < n; k++) has |= item_has(&v[k]);
  return (uint8_t)has;
}

/* What rows add to a document's totals (gavel_doc's tot_*), and how many
** of them hold evidence (each counts a change of evidence). */
typedef struct tally {
  size_t round, warn, defs, evidence;
} tally;

/* Adds to t the n items v of a row whose GV_HAS_* bits are has. */
static void tally_items(tally *t, unsigned has, const gavel_item *v, size_t n) {
  if (!(has & (GV_HAS_WARN | GV_HAS_DEF))) return;
  if (has & (GV_HAS_DEF | GV_HAS_REF)) t->evidence++;
  for (size_t k = 0; k < n; k++) {
    unsigned h = item_has(&v[k]);
    t->round += (h & GV_HAS_ROUND) != 0;
    t->warn += (h & GV_HAS_WARN) != 0;
    t->defs += (h & GV_HAS_DEF) != 0;
  }
}

/* Adds (sign 1) or takes away (sign -1) t from d's totals; rows with
** evidence coming or going count changes of evidence. */
static void tally_apply(gavel_doc *d, const tally *t, int sign) {
  d->ev_gen += t->evidence;
  if (sign > 0) {
    d->tot_round += t->round;
    d->tot_warn += t->warn;
    d->tot_defs += t->defs;
  } else {
    d->tot_round -= t->round;
    d->tot_warn -= t->warn;
    d->tot_defs -= t->defs;
  }
}

/* Sets r's text (NUL-terminated text[0..len)) and what its n items say
** (from v); the caller points r->items at where they are kept. */
static void row_fill(gv_row *r, char *text, size_t len, const gavel_item *v,
                     size_t n) {
  r->text = text;
  r->len = len;
  r->nitems = (uint32_t)n;
  r->shape = shape_of(text, len);
  r->has = has_of(v, n);
}

/* Reads one line into a new row, document row `row`, adding its items to
** *t.  Returns 0 or -1 (memory; r untouched). */
static int row_make(gavel_doc *d, gv_row *r, size_t row, const char *s, size_t len,
                    tally *t) {
  char *text = malloc(len + 1);
  gavel_item *items = NULL;
  if (!text) return -1;
  memcpy(text, s, len);
  text[len] = 0;
  if (gv_read_line_only(d->e, d->md, text, len, d->reads, &d->scratch) != 0) {
    free(text);
    return -1;
  }
  if (d->scratch.n) {
    items = malloc(d->scratch.n * sizeof *items);
    if (!items) {
      free(text);
      return -1;
    }
    memcpy(items, d->scratch.v, d->scratch.n * sizeof *items);
  }
  for (size_t k = 0; k < d->scratch.n; k++) items[k].row = (uint32_t)row;
  row_fill(r, text, len, items, d->scratch.n);
  r->items = items;
  tally_items(t, r->has, items, r->nitems);
  return 0;
}

/* A replace of at least this many lines reads them into chunks (above);
** fewer (a keystroke) get a text and an items block a row. */
#define SLAB_ROWS 32

/* A replace of many lines is read in stretches of this many lines: the
** threads' unit of work, and the texts of one stretch's rows are one block
** of a chunk (below).  (Measured at 100k lines: stretches of 256 lines
** read no faster.) */
#define STRETCH_LINES 128

/* One stretch of a replace: lines[0..n) into rows[0..n) (zeroed); when
** memory runs out, `failed` (the rows are not to be read). */
typedef struct stretch {
  const char *const *lines;
  const size_t *lens;
  gv_row *rows;
  size_t n, row0;           /* row0: the document row of rows[0] */
  size_t bytes;             /* its lines' text, a NUL after each */
  tally t;                  /* out: what its rows add to the totals */
  int failed;               /* out: memory ran out */
} stretch;

/* What one thread reads: stretches first, first + step, ... of v. */
typedef struct reader {
  const gavel_engine *e;
  unsigned reads;
  pcre2_match_data *md;     /* the thread's own */
  gv_items *scratch;        /* the thread's own */
  stretch *v;
  size_t nv, first, step;
  arena a;                  /* the thread's own */
} reader;

/* A line's items are read straight into the chunk when it has room for
** this many (else into the scratch list, and copied). */
#define LEND_MIN 8

/* Reads stretch j: its texts into one block of a chunk of r's, each line's
** items into one after. */
static void read_stretch(reader *r, stretch *j) {
  arena *a = &r->a;
  char *p = carve(a, j->bytes + 1); /* bytes >= n > 0; +1 for the analyser */
  if (!p) goto fail;
  gv_slab *ts = a->chunk;
  ts->refs += j->n;
  /* lines that follow one another in the caller's text, a newline apart
  ** (gavel_doc_set_text's), are copied in one go, newlines and all (each
  ** becomes its line's NUL below): a copy a line costs more than the bytes */
  int whole = j->lines[0] != NULL;
  for (size_t i = 1; whole && i < j->n; i++)
    whole = j->lines[i] == j->lines[i - 1] + j->lens[i - 1] + 1;
  if (whole) memcpy(p, j->lines[0], j->bytes - 1);
  for (size_t i = 0; i < j->n; i++) {
    size_t len = j->lines[i] ? j->lens[i] : 0;
    gv_items *sc = r->scratch;
    gavel_item *items = NULL;
    if (len && !whole) memcpy(p, j->lines[i], len);
    p[len] = 0;
    /* the items are read straight into the chunk where they fit: carved
    ** there next, they need no copy */
    size_t room;
    gavel_item *slot = (gavel_item *)(void *)next_carve(a, &room);
    if (room / sizeof *slot >= LEND_MIN) gv_items_lend(sc, slot, room / sizeof *slot);
    else gv_items_unlend(sc);
    if (gv_read_line_only(r->e, r->md, p, len, r->reads, sc) != 0) goto fail;
    /* the items' row and what they add to the totals, while they are in
    ** the cache (the document's rows are numbered and tallied here, not
    ** walked again) */
    for (size_t k = 0; k < sc->n; k++) sc->v[k].row = (uint32_t)(j->row0 + i);
    if (sc->n) {
      if (!(items = carve(a, sc->n * sizeof *items))) goto fail;
      if (items != sc->v) memcpy(items, sc->v, sc->n * sizeof *items);
      a->chunk->refs++;
      j->rows[i].items_slab = a->chunk;
    }
    row_fill(&j->rows[i], p, len, sc->v, sc->n);
    j->rows[i].items = items;
    tally_items(&j->t, j->rows[i].has, sc->v, sc->n);
    j->rows[i].text_slab = ts;
    p += len + 1;
  }
  a->text_read += j->bytes;
  a->text_left -= j->bytes;
  gv_items_unlend(r->scratch);
  return;
fail:
  gv_items_unlend(r->scratch);
  j->failed = 1;
}

static void *read_stretches(void *arg) {
  reader *r = arg;
  for (size_t k = r->first; k < r->nv; k += r->step) {
    stretch *j = &r->v[k];
    for (size_t i = 0; i < j->n; i++) j->bytes += (j->lines[i] ? j->lens[i] : 0) + 1;
    r->a.text_left += j->bytes;
  }
  for (size_t k = r->first; k < r->nv; k += r->step) read_stretch(r, &r->v[k]);
  return NULL;
}

/* Reads lines[0..n) into fresh[0..n) (zeroed), document rows row0...,
** in stretches (see STRETCH_LINES), on up to d->threads threads (see
** gavel_doc_set_threads), adding their items to *sum.  Returns 0, or -1
** (memory; nothing left allocated in fresh). */
static int rows_make_shared(gavel_doc *d, gv_row *fresh, size_t row0,
                            const char *const *lines, const size_t *lens,
                            size_t n, tally *sum) {
  size_t nv = (n + STRETCH_LINES - 1) / STRETCH_LINES, nt = (size_t)d->threads;
  stretch *v = calloc(nv, sizeof *v);
  reader rd[MAX_THREADS];
  pthread_t tid[MAX_THREADS];
  int started[MAX_THREADS] = {0}, failed = 0;
  if (!v) return -1;
  for (size_t k = 0; k < nv; k++) {
    size_t lo = k * STRETCH_LINES, m = n - lo < STRETCH_LINES ? n - lo : STRETCH_LINES;
    v[k] = (stretch){lines + lo, lens + lo, fresh + lo, m, row0 + lo, 0, {0, 0, 0, 0}, 0};
  }
  if (nt > n / GAVEL_THREAD_LINES) nt = n / GAVEL_THREAD_LINES; /* <= nv */
  if (nt < 1) nt = 1;
  for (size_t t = 0; t < nt; t++)
    rd[t] = (reader){d->e, d->reads, t ? NULL : d->md, t ? NULL : &d->scratch,
                     v, nv, t, nt,
                     {d->e->pool, NULL, NULL, NULL, NULL, 0, 0, 0,
                      d->chunk_ratio > 0 ? d->chunk_ratio : CHUNK_FIRST_RATIO, NULL}};
  for (size_t t = 1; t < nt; t++) {
    rd[t].md = pcre2_match_data_create(GV_OVECTOR_PAIRS, NULL);
    rd[t].scratch = calloc(1, sizeof *rd[t].scratch);
    if (rd[t].md && rd[t].scratch)
      started[t] = pthread_create(&tid[t], NULL, read_stretches, &rd[t]) == 0;
  }
  read_stretches(&rd[0]);
  for (size_t t = 1; t < nt; t++) {
    if (started[t]) pthread_join(tid[t], NULL);
    else if (rd[t].md && rd[t].scratch) read_stretches(&rd[t]);
    else failed = 1; /* its stretches are left unread */
    pcre2_match_data_free(rd[t].md);
    if (rd[t].scratch) gv_items_free(rd[t].scratch);
    free(rd[t].scratch);
  }
  size_t text_read = 0, used = 0;
  for (size_t t = 0; t < nt; t++) {
    text_read += rd[t].a.text_read;
    used += rd[t].a.used;
  }
  for (size_t k = 0; k < nv; k++) {
    failed |= v[k].failed;
    sum->round += v[k].t.round;
    sum->warn += v[k].t.warn;
    sum->defs += v[k].t.defs;
    sum->evidence += v[k].t.evidence;
  }
  if (!failed && text_read) d->chunk_ratio = (double)used / (double)text_read;
  for (size_t t = 0; failed && t < nt; t++) /* the rows are not to be read */
    for (gv_slab *c = rd[t].a.chunks, *next; c; c = next) {
      next = c->next;
      chunk_drop(d->e->pool, c);
    }
  free(v);
  return failed ? -1 : 0;
}

/* Reads lines[0..n) into fresh[0..n) (zeroed), to be the document's rows
** row0...: their items numbered so, and what they add to the totals in *t
** (zeroed here).  Returns 0, or -1 (memory; nothing left allocated in
** fresh). */
static int rows_make(gavel_doc *d, gv_row *fresh, size_t row0,
                     const char *const *lines, const size_t *lens, size_t n,
                     tally *t) {
  *t = (tally){0, 0, 0, 0};
  if (n >= SLAB_ROWS) return rows_make_shared(d, fresh, row0, lines, lens, n, t);
  for (size_t i = 0; i < n; i++)
    if (row_make(d, &fresh[i], row0 + i, lines[i] ? lines[i] : "",
                 lines[i] ? lens[i] : 0, t) != 0) {
      for (size_t k = 0; k < i; k++) row_free(d->e, &fresh[k]);
      return -1;
    }
  return 0;
}

/* 1 when two items read the same from their lines: every field a scanner
** sets, none that the analysis fills in. */
static int same_reading(const gavel_item *a, const gavel_item *b) {
  return a->kind == b->kind && a->event == b->event && a->party == b->party &&
         a->term == b->term && a->flags == b->flags && a->col == b->col &&
         a->end_col == b->end_col &&
         a->spec.year == b->spec.year && a->spec.month == b->spec.month &&
         a->spec.day == b->spec.day && a->spec.minute == b->spec.minute &&
         a->spec.rel == b->spec.rel && a->spec.tense == b->spec.tense &&
         a->spec.weekday == b->spec.weekday && a->spec.amount == b->spec.amount &&
         a->cents == b->cents && a->value == b->value &&
         a->months == b->months && a->days == b->days &&
         a->date_ref == b->date_ref && !strcmp(a->currency, b->currency) &&
         !strcmp(a->unit, b->unit) && !strcmp(a->what, b->what) &&
         !strcmp(a->who, b->who) && !strcmp(a->id, b->id) &&
         !strcmp(a->id_end, b->id_end) && a->path_col == b->path_col &&
         a->path_len == b->path_len;
}


/* 1 when the fresh row reads exactly as the old one did: the same items
** and the same shape (all the analysis reads of a row). */
static int same_row_reading(const gv_row *old, const gv_row *fresh) {
  /* clang's analyzer, from gavel_doc_set_text, takes d->rows to be grown
  ** over its own rows (it does not know nrows <= cap): NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult) */
  if (old->nitems != fresh->nitems || gv_row_shape(old) != gv_row_shape(fresh))
    return 0;
  if (old->nitems && (!old->items || !fresh->items)) return 0;
  for (uint32_t k = 0; k < old->nitems; k++) {
    const gavel_item *a = &old->items[k];
    if (!same_reading(a, &fresh->items[k])) return 0;
    /* a path is a span of the line: the same span must hold the same text */
    if (a->path_len && memcmp(old->text + a->path_col, fresh->text + a->path_col,
                              a->path_len) != 0)
      return 0;
  }
  return 1;
}

int gv_doc_grow(gavel_doc *d, void **v, gv_slab **chunk, size_t *cap, size_t need,
                size_t size, size_t keep, int *fresh) {
  if (fresh) *fresh = 0;
  if (need <= *cap) return 0;
  size_t c = gv_grown_cap(*cap, need, size);
  if (!c) return -1;
  if (c * size < POOL_MIN) { /* never a chunk: a chunk is POOL_MIN or more */
    void *p = realloc(*v, c * size);
    if (!p) return -1;
    *v = p;
    *cap = c;
    return 0;
  }
  gv_slab *k = chunk_get(d->e->pool, c * size, c * size, fresh);
  if (!k) return -1;
  if (keep && *v) memcpy(k->start, *v, keep * size);
  gv_doc_release(d, *v, *chunk);
  *v = k->start;
  *chunk = k;
  *cap = k->size / size;
  return 0;
}

void gv_doc_release(gavel_doc *d, void *v, gv_slab *chunk) {
  if (chunk) chunk_drop(d->e->pool, chunk);
  else free(v);
}

/* Makes room in d->rows for newn rows, rows [d->nrows, newn) zeroed when
** `zero` (gv_doc_grow).  Returns 0, or -1 (memory; d unchanged). */
static int rows_grow(gavel_doc *d, size_t newn, int zero) {
  void *v = d->rows;
  int fresh;
  if (gv_doc_grow(d, &v, &d->rows_chunk, &d->cap, newn, sizeof *d->rows, d->nrows,
                  &fresh) != 0)
    return -1;
  d->rows = v;
  if (newn > d->nrows) { /* written below */
    if (fresh) gv_prefault(d->rows + d->nrows, (newn - d->nrows) * sizeof *d->rows);
    else if (zero) memset(d->rows + d->nrows, 0, (newn - d->nrows) * sizeof *d->rows);
  }
  return 0;
}

/* Reads lines[0..n) into new rows after the last: straight into d->rows,
** with no block of fresh rows to copy from (a 100k-line file's first read:
** 4.8 MB fewer to ask the kernel for, fill and copy).  On failure the
** document is as it was. */
static gavel_status append_rows(gavel_doc *d, const char *const *lines,
                                const size_t *lens, size_t n) {
  size_t newn = d->nrows + n;
  if (rows_grow(d, newn, 1) != 0) return gv_doc_fail(d, GAVEL_ERR_NOMEM, "out of memory");
  tally t;
  if (rows_make(d, d->rows + d->nrows, d->nrows, lines, lens, n, &t) != 0)
    return gv_doc_fail(d, GAVEL_ERR_NOMEM, "out of memory");
  d->gen++;
  if (d->nrows < d->dirty_lo) d->dirty_lo = d->nrows;
  tally_apply(d, &t, 1);
  gv_doc_mark(d, d->nrows, newn);
  d->nrows = newn;
  return GAVEL_OK;
}

gavel_status gavel_doc_replace(gavel_doc *d, size_t first, size_t last,
                               const char *const *lines, const size_t *lens,
                               size_t n) {
  gv_row *fresh = NULL;
  tally added = {0, 0, 0, 0}, gone = {0, 0, 0, 0};
  if (!d) return GAVEL_ERR_ARG;
  if (first > last || last > d->nrows || (n && (!lines || !lens)))
    return gv_doc_fail(d, GAVEL_ERR_ARG,
                       "replace: rows [%zu, %zu) do not fit a document of %zu lines",
                       first, last, d->nrows);
  size_t newn = d->nrows - (last - first) + n;
  if (n && first == d->nrows) /* lines added at the end: a file's first read */
    return append_rows(d, lines, lens, n);
  if (n) {
    fresh = calloc(n, sizeof *fresh);
    if (fresh) gv_prefault(fresh, n * sizeof *fresh);
    if (!fresh || rows_make(d, fresh, first, lines, lens, n, &added) != 0) {
      free(fresh);
      return gv_doc_fail(d, GAVEL_ERR_NOMEM, "out of memory");
    }
  }
  if (rows_grow(d, newn, 0) != 0) {
    for (size_t k = 0; k < n; k++) row_free(d->e, &fresh[k]);
    free(fresh);
    return gv_doc_fail(d, GAVEL_ERR_NOMEM, "out of memory");
  }
  /* A row retyped to the same reading (prose, a typo fixed in a word that
  ** is no item) keeps its analysed items: nothing to analyse again. */
  int same = n == last - first;
  for (size_t i = 0; same && i < n; i++)
    same = same_row_reading(&d->rows[first + i], &fresh[i]) &&
           (first + i != 0 || d->rows[0].len == fresh[i].len); /* row 0's span is a warning's */
  if (same)
    for (size_t i = 0; i < n; i++) {
      gv_row *r = &d->rows[first + i];
      gavel_item *keep = r->items;
      gv_slab *keep_slab = r->items_slab;
      r->items = fresh[i].items;
      r->items_slab = fresh[i].items_slab;
      fresh[i].items = keep;
      fresh[i].items_slab = keep_slab;
    }
  else {
    d->gen++;
    if (first < d->dirty_lo) d->dirty_lo = first;
  }
  for (size_t i = first; i < last; i++) {
    /* as in same_row_reading: NOLINTNEXTLINE(clang-analyzer-core.CallAndMessage) */
    if (!same) tally_items(&gone, d->rows[i].has, d->rows[i].items, d->rows[i].nitems);
    row_free(d->e, &d->rows[i]);
  }
  if (!same) {
    tally_apply(d, &gone, -1);
    tally_apply(d, &added, 1);
  }
  memmove(d->rows + first + n, d->rows + last,
          (d->nrows - last) * sizeof *d->rows);
  if (n) memcpy(d->rows + first, fresh, n * sizeof *fresh);
  free(fresh);
  d->nrows = newn;
  if (!same) {
    /* when the count changed every later row moved: redraw from here on */
    gv_doc_mark(d, first, n != last - first ? newn : first + n);
  }
  return GAVEL_OK;
}

gavel_status gavel_doc_set_text(gavel_doc *d, const char *text, size_t len) {
  const char **lines;
  size_t *lens, n;
  gavel_status st;
  if (!d || (!text && len)) return GAVEL_ERR_ARG;
  if (gavel_sniff(text, len) != GAVEL_OK)
    return gv_doc_fail(d, GAVEL_ERR_INPUT,
                       "binary data (a NUL byte in the first 8 KiB): not case notes");
  n = gv_line_count(text, len);
  /* the lines' lengths, then where they start: one block */
  lens = malloc(n * (sizeof *lens + sizeof *lines));
  if (!lens) return gv_doc_fail(d, GAVEL_ERR_NOMEM, "out of memory");
  lines = (const char **)(void *)(lens + n);
  gv_prefault(lens, n * (sizeof *lens + sizeof *lines));
  gv_split_lines(text, len, lines, lens, n);
  st = gavel_doc_replace(d, 0, d->nrows, lines, lens, n);
  free(lens);
  return st;
}

size_t gavel_doc_line_count(const gavel_doc *d) { return d ? d->nrows : 0; }

const char *gavel_doc_line(const gavel_doc *d, size_t row, size_t *len) {
  if (!d || row >= d->nrows) return NULL;
  if (len) *len = d->rows[row].len;
  return d->rows[row].text;
}

gavel_status gavel_doc_analyze(gavel_doc *d, gavel_day today,
                               const gavel_doc *const *peers, size_t npeers) {
  uint64_t sig = 1469598103934665603ull; /* FNV-1a over (peer, its gen) */
  gavel_status st;
  if (!d) return GAVEL_ERR_ARG;
  for (size_t i = 0; i < npeers; i++) {
    sig = (sig ^ (uint64_t)(uintptr_t)peers[i]) * 1099511628211ull;
    sig = (sig ^ (peers[i] ? peers[i]->gen : 0)) * 1099511628211ull;
  }
  if (d->analyzed && d->analyzed_gen == d->gen && d->analyzed_today == today &&
      d->analyzed_peers == sig)
    return GAVEL_OK; /* the same reading, the same day, the same peers */
  st = gv_analyze(d, today, peers, npeers);
  if (st == GAVEL_OK) {
    d->analyses++;
    d->analyzed = 1;
    d->analyzed_gen = d->gen;
    d->analyzed_today = today;
    d->analyzed_peers = sig;
  }
  return st;
}

uint64_t gavel_doc_analyses(const gavel_doc *d) { return d ? d->analyses : 0; }

void gavel_doc_take_changed(gavel_doc *d, size_t *lo, size_t *hi) {
  /* rows deleted after they were marked are no longer there to redraw */
  *hi = d->chg_hi < d->nrows ? d->chg_hi : d->nrows;
  *lo = d->chg_lo < *hi ? d->chg_lo : *hi;
  d->chg_lo = d->chg_hi = 0;
}

size_t gavel_doc_row_items(const gavel_doc *d, size_t row,
                           const gavel_item **out) {
  if (!d || row >= d->nrows) {
    *out = NULL;
    return 0;
  }
  *out = d->rows[row].items;
  return d->rows[row].nitems;
}

const char *gavel_doc_item_path(const gavel_doc *d, size_t row,
                                const gavel_item *it, size_t *len) {
  *len = 0;
  if (!d || !it || row >= d->nrows || !it->path_len ||
      (size_t)it->path_col + it->path_len > d->rows[row].len)
    return NULL;
  *len = it->path_len;
  return d->rows[row].text + it->path_col;
}

/* Items are stored and walked in arrays: at a stride that is a multiple of
** 128 bytes they fall on half the cache sets (a read of 100k lines took 8%
** longer at 384 bytes than at 392; bench/ANALYSIS.md). */
typedef char gv_item_stride_check[sizeof(gavel_item) % 128 ? 1 : -1];

size_t gavel_doc_next_row(const gavel_doc *d, size_t from) {
  for (size_t i = from; i < d->nrows; i++)
    if (d->rows[i].nitems) return i;
  return d->nrows;
}
