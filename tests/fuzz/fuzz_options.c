/*
** fuzz_options.c: options and vocabulary text into gavel_engine_new, then
** a small read.  Input: a 15-byte header of option fields, then the
** vocabulary text (cut at its first NUL, as a C string is).
**   h[0]       bit 0 day_first; bit 1 vocab NULL instead of the text
**   h[1..6]    thresholds: (int8_t)h[i] * 30 (so some are out of range)
**   h[7..8]    disabled bits
**   h[9..11]   severities, 2 bits per code, + 1
**   h[12]      when not 0: severity of code h[12] % 12 := h[12] >> 4
**   h[13..14]  max_line_bytes = (h[13] << 8 | h[14]) * 17
** A bad option must be refused with GAVEL_ERR_INPUT and a reason; user
** phrases are literal text, so they never make a pattern fail to compile.
*/
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#ifdef FZ_REPLAY
#define LLVMFuzzerTestOneInput fz_options
#else
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#endif

#define HEADER 15

static const char sample[] =
    "# State v. Doe\n"
    "Case No. 24-CR-0118\n"
    "## 2025-03-03\n"
    "ADA Natarajan offered 18 mo DOC, $500 fine, dismiss Count 2; open until 3/20.\n"
    "3/4 emailed ADA re: counter; no reply\n"
    "We countered with probation. Client met at jail.\n"
    "- Exhibit 4: lab report (discovery/lab-report.txt)\n"
    "See Ex. 4. Trial set for 5/12/2025 at 9:00 AM. Motions due 4/14.\n"
    "- [ ] witness list\n"
    "<!-- gavel: snooze offer-expiring until 4/12 -->\n";

/* Did the options break a documented bound? */
static int options_bad(const gavel_options *o) {
  const int nums[] = {o->no_response_days, o->unanswered_attempts,
                      o->offer_expiring_days, o->deadline_days,
                      o->trial_days, o->client_gap_days};
  for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
    if (nums[i] < 0 || nums[i] > 3650) return 1;
  for (int c = 0; c < GAVEL_W_COUNT; c++)
    if (o->severity[c] < GAVEL_SEV_ERROR || o->severity[c] > GAVEL_SEV_HINT) return 1;
  return o->max_line_bytes < 80 || o->max_line_bytes > (1u << 20);
}

static void read_text(const gavel_engine *e, const char *text, size_t len) {
  gavel_doc *d = NULL;
  FZ_CHECK(gavel_doc_new(e, &d) == GAVEL_OK, "doc_new");
  if (gavel_doc_set_text(d, text, len) == GAVEL_OK) {
    FZ_CHECK(gavel_doc_analyze(d, gavel_day_from_ymd(2025, 4, 1), NULL, 0) == GAVEL_OK,
             "analyze");
    fz_check_doc(e, d);
  }
  gavel_doc_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t h[HEADER] = {0};
  gavel_options o;
  gavel_engine *e = (gavel_engine *)1;
  char err[200], *tiny;
  memcpy(h, data, size < HEADER ? size : HEADER);
  size_t vlen = size > HEADER ? size - HEADER : 0;
  char *vocab = malloc(vlen + 1);
  FZ_CHECK(vocab, "out of memory");
  memcpy(vocab, data + (size - vlen), vlen);
  vocab[vlen] = 0;

  gavel_options_init(&o);
  o.day_first = h[0] & 1;
  int *th[] = {&o.no_response_days, &o.unanswered_attempts, &o.offer_expiring_days,
               &o.deadline_days, &o.trial_days, &o.client_gap_days};
  for (int i = 0; i < 6; i++) *th[i] = (int8_t)h[1 + i] * 30;
  o.disabled = (uint32_t)h[7] | (uint32_t)h[8] << 8;
  uint32_t sev = (uint32_t)h[9] | (uint32_t)h[10] << 8 | (uint32_t)h[11] << 16;
  for (int c = 0; c < GAVEL_W_COUNT; c++)
    o.severity[c] = (gavel_severity)(((sev >> (2 * c)) & 3) + 1);
  if (h[12]) o.severity[h[12] % GAVEL_W_COUNT] = (gavel_severity)(h[12] >> 4);
  o.max_line_bytes = ((size_t)h[13] << 8 | h[14]) * 17;
  o.vocab = (h[0] & 2) ? NULL : vocab;

  gavel_status st = gavel_engine_new(&o, &e, err, sizeof err);
  FZ_CHECK(memchr(err, 0, sizeof err), "errbuf not terminated");
  if (st != GAVEL_OK) {
    FZ_CHECK(e == NULL, "failed engine_new left *out set");
    FZ_CHECK(err[0], "engine_new failed (%s) with no reason", gavel_status_str(st));
    FZ_CHECK(st == GAVEL_ERR_INPUT, "engine_new: %s (%s), not a refusal of bad input",
             gavel_status_str(st), err);
    /* the reason fits any buffer, even one of a few bytes */
    tiny = malloc(5);
    FZ_CHECK(tiny, "out of memory");
    gavel_engine_new(&o, &e, tiny, 5);
    FZ_CHECK(memchr(tiny, 0, 5), "tiny errbuf not terminated");
    free(tiny);
    FZ_CHECK(gavel_engine_new(&o, &e, NULL, 0) == st, "errbuf NULL changes the status");
    free(vocab);
    return 0;
  }
  FZ_CHECK(!options_bad(&o), "bad options were accepted");
  const gavel_options *got = gavel_engine_options(e);
  FZ_CHECK(got->day_first == o.day_first && got->disabled == o.disabled &&
               got->max_line_bytes == o.max_line_bytes &&
               memcmp(got->severity, o.severity, sizeof o.severity) == 0,
           "engine options differ from those given");
  FZ_CHECK(o.vocab == NULL ? (got->vocab == NULL || !*got->vocab)
                           : (got->vocab && got->vocab != vocab && !strcmp(got->vocab, vocab)),
           "engine vocab is not its own copy of the given one");
  free(vocab); /* the engine keeps its own copy */
  read_text(e, sample, sizeof sample - 1);
  read_text(e, (const char *)data, size);
  gavel_engine_free(e);
  return 0;
}
