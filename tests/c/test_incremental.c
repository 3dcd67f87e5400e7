/*
** test_incremental.c: the property that keeps the editor honest.  A
** document edited line-range by line-range, as Neovim reports edits, must
** always equal a fresh read of the same text: same items, warnings,
** timeline and summary.  Random edits from a fixed seed, on real notes.
*/
#include <stdlib.h>

#include "compare.h"
#include "test.h"

static const char *const pool[] = {
    "# State v. Doe",
    "Case No. 24-CR-0118",
    "## 2025-01-15",
    "## 2025-02-03",
    "### March 14, 2025",
    "### Fri 3/21 — call w/ ADA",
    "3/14/25 — emailed ADA Natarajan re: counter",
    "2025-03-20: called ADA, left VM, no reply",
    "3/24 called ADA, VM",
    "Still nothing from ADA.",
    "ADA Natarajan offered 18 mo DOC, 2 yrs probation, $500 fine, dismiss Count 2; open until 4/15.",
    "We countered with 12 months probation and time served.",
    "ADA won't budge, same offer. Final offer.",
    "Client rejected the offer.",
    "ADA withdrew the offer, no further offers.",
    "Met client at jail (jail visit).",
    "Trial set for 5/12/2025 at 9:00 AM.",
    "Motions due 4/14.",
    "Pretrial conference next Tuesday.",
    "State has bodycam video and an eyewitness ID; ADA is confident.",
    "- [ ] witness list",
    "- [x] subpoena Officer Reyes",
    "- [ ] expert (toxicology)",
    "- Exhibit 4: lab report (discovery/lab-report.txt)",
    "- Ex. A — bodycam video, discovery/bodycam.txt",
    "See Ex. 4 and Exhibit 9; Bates DEF-000120–DEF-000135.",
    "<!-- gavel: ack no-response -->",
    "<!-- gavel: snooze offer-expiring until 4/12 -->",
    "Restitution $1,250.00, fine five hundred dollars.",
    "in 10 days, tomorrow, within 30 days",
    "",
    "Ordinary prose about the client's job and family.",
    "\xff\xfe broken bytes \xc3",
};
#define NPOOL (sizeof pool / sizeof pool[0])

typedef struct rng { uint64_t s; } rng;
static uint32_t next(rng *r) {
  r->s ^= r->s << 13;
  r->s ^= r->s >> 7;
  r->s ^= r->s << 17;
  return (uint32_t)(r->s >> 11);
}

/* One random edit of the kinds an editor makes. */
static void edit(gavel_doc *d, rng *r) {
  size_t n = gavel_doc_line_count(d);
  size_t first = next(r) % (n + 1), last = first;
  const char *lines[40];
  size_t lens[40], k = 0;
  char buf[512];
  unsigned kind = next(r) % 8;
  if (kind >= 6 && next(r) % 3) kind = 5; /* a block in one edit of twelve */
  switch (kind) {
  case 0: /* type or delete one character in a line */
    if (first < n) {
      size_t l;
      const char *t = gavel_doc_line(d, first, &l);
      if (l >= sizeof buf - 2) l = sizeof buf - 2;
      memcpy(buf, t, l);
      size_t at = l ? next(r) % (l + 1) : 0;
      if (next(r) % 2 && l) {
        if (at == l) at--;
        memmove(buf + at, buf + at + 1, l - at - 1);
        l--;
      } else {
        memmove(buf + at + 1, buf + at, l - at);
        buf[at] = "0123456789/ $-:.aeADOfx#"[next(r) % 24];
        l++;
      }
      lines[0] = buf;
      lens[0] = l;
      k = 1;
      last = first + 1;
    }
    break;
  case 1: /* replace a line from the pool */
    if (first < n) last = first + 1;
    /* fall through */
  case 2: /* insert lines from the pool */
    k = 1 + next(r) % 3;
    for (size_t i = 0; i < k; i++) {
      lines[i] = pool[next(r) % NPOOL];
      lens[i] = strlen(lines[i]);
    }
    break;
  case 3: /* delete up to three lines */
    last = first + 1 + next(r) % 3;
    if (last > n) last = n;
    if (first > last) first = last;
    if (last - first >= n) return; /* like Neovim, never leave no line at all */
    break;
  case 6: /* paste a block: read into shared slabs (32 lines or more);
          ** over as many lines once the document is long, to keep it short */
    k = 32 + next(r) % 9;
    if (n > 300 && first + k <= n) last = first + k;
    for (size_t i = 0; i < k; i++) {
      lines[i] = pool[next(r) % NPOOL];
      lens[i] = strlen(lines[i]);
    }
    break;
  case 7: /* a block put back as it was (an undo): its rows keep their
          ** analysed items, wherever the new and old ones live */
    if (first + 32 <= n) {
      k = 32 + next(r) % 9;
      if (first + k > n) k = n - first;
      for (size_t i = 0; i < k; i++) lines[i] = gavel_doc_line(d, first + i, &lens[i]);
      last = first + k;
    }
    break;
  default: /* change a line into another pool line (same count) */
    if (first < n) {
      last = first + 1;
      lines[0] = pool[next(r) % NPOOL];
      lens[0] = strlen(lines[0]);
      k = 1;
    }
    break;
  }
  if (gavel_doc_replace(d, first, last, lines, lens, k) != GAVEL_OK)
    t_fail_at(__FILE__, __LINE__, "replace failed: %s", gavel_doc_errmsg(d));
}

/* With moving_today, every fourth analysis is of another day (the walk
** cannot start from a state saved for another day). */
static void property(const char *start, uint64_t seed, int steps, int moving_today) {
  gavel_doc *inc = NULL;
  rng r = {seed};
  gavel_day today = t_day("2025-04-10");
  gavel_doc_new(t_engine(), &inc);
  gavel_doc_set_text(inc, start, strlen(start));
  for (int step = 0; step < steps; step++) {
    edit(inc, &r);
    if (step % 3 && step != steps - 1) continue; /* analyse after some edits only */
    gavel_doc *fresh = NULL;
    size_t len = 0;
    char *text = cmp_join(inc, &len);
    gavel_doc_new(t_engine(), &fresh);
    if (moving_today && step % 4 == 0) today = t_day(step % 8 ? "2025-04-10" : "2025-03-01");
    if (!text || gavel_doc_set_text(fresh, text, len) != GAVEL_OK) {
      t_fail_at(__FILE__, __LINE__, "fresh read failed");
    } else {
      gavel_doc_analyze(inc, today, NULL, 0);
      gavel_doc_analyze(fresh, today, NULL, 0);
      char why[160];
      if (cmp_docs_equal(inc, fresh, why, sizeof why) != 0)
        t_fail_at(__FILE__, __LINE__, "seed %llu step %d: incremental differs from a fresh read: %s",
                  (unsigned long long)seed, step, why);
      else
        t_passed++;
    }
    free(text);
    gavel_doc_free(fresh);
  }
  gavel_doc_free(inc);
}

/* A document read on several threads equals one read on one, before and
** after the same edits: every line is read on its own. */
static void threads(uint64_t seed, int nthreads) {
  rng r = {seed};
  size_t n = 3 * GAVEL_THREAD_LINES + 77 + next(&r) % 500, total = 0;
  for (size_t i = 0; i < n; i++) total += strlen(pool[(i * 7 + next(&r)) % NPOOL]) + 1;
  char *text = malloc(total + 1), *o = text;
  gavel_doc *one = NULL, *many = NULL;
  if (!text) return;
  r.s = seed; /* the same lines again, now copied */
  next(&r);
  for (size_t i = 0; i < n; i++) {
    const char *l = pool[(i * 7 + next(&r)) % NPOOL];
    memcpy(o, l, strlen(l));
    o += strlen(l);
    *o++ = '\n';
  }
  gavel_day today = t_day("2025-04-10");
  gavel_doc_new(t_engine(), &one);
  gavel_doc_new(t_engine(), &many);
  INT_EQ(gavel_doc_set_threads(many, 0), GAVEL_ERR_ARG, "no threads at all");
  INT_EQ(gavel_doc_set_threads(many, 65), GAVEL_ERR_ARG, "too many threads");
  OK(strstr(gavel_doc_errmsg(many), "between 1 and 64") != NULL, "the error says the range");
  INT_EQ(gavel_doc_set_threads(many, nthreads), GAVEL_OK, "set threads");
  INT_EQ(gavel_doc_set_text(one, text, total), GAVEL_OK, "read on one thread");
  INT_EQ(gavel_doc_set_text(many, text, total), GAVEL_OK, "read on several");
  rng e1 = {seed ^ 0xABCDEFull}, e2 = e1;
  for (int step = 0; step < 60; step++) {
    if (step) {
      edit(one, &e1);
      edit(many, &e2);
    }
    if (step % 10) continue;
    char why[160];
    gavel_doc_analyze(one, today, NULL, 0);
    gavel_doc_analyze(many, today, NULL, 0);
    if (cmp_docs_equal(many, one, why, sizeof why) != 0)
      t_fail_at(__FILE__, __LINE__, "%d threads, seed %llu, step %d: differs from one: %s",
                nthreads, (unsigned long long)seed, step, why);
    else
      t_passed++;
  }
  /* read again on top of what is there: the old slabs are let go */
  INT_EQ(gavel_doc_set_text(many, text, total), GAVEL_OK, "read again");
  INT_EQ(gavel_doc_line_count(many), n, "every line");
  free(text);
  gavel_doc_free(one);
  gavel_doc_free(many);
}

void suite_incremental(void) {
  threads(7, 2);
  threads(9, 64); /* as many as the lines allow: three */
  /* start from the pool itself, in order, and from an empty document */
  size_t total = 0;
  for (size_t i = 0; i < NPOOL; i++) total += strlen(pool[i]) + 1;
  char *all = malloc(total + 1), *o = all;
  if (!all) return;
  for (size_t i = 0; i < NPOOL; i++) {
    size_t l = strlen(pool[i]);
    memcpy(o, pool[i], l);
    o += l;
    *o++ = '\n';
  }
  *o = 0;
  for (uint64_t seed = 1; seed <= 12; seed++) property(all, seed * 0x9E3779B97F4A7C15ull, 150, 0);
  property("", 42, 200, 0);
  /* a longer document: the analysis starts again from saved walk states
  ** (every 8 rows at this size), so edits far down skip the rows above */
  char *big = malloc(8 * total + 1);
  if (big) {
    for (int k = 0; k < 8; k++) memcpy(big + (size_t)k * total, all, total);
    big[8 * total] = 0;
    for (uint64_t seed = 1; seed <= 6; seed++)
      property(big, seed * 0xD1B54A32D192ED03ull, 200, (int)(seed & 1));
    free(big);
  }
  free(all);
}
