/*
** engine.c: options, vocabulary and the compiled patterns behind every
** document.  An engine is built once and then only read, so documents on
** different threads may share it.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Bounds on the work of one match, whatever the line holds. */
#define GV_MATCH_LIMIT 200000u
#define GV_DEPTH_LIMIT 2000u
#define GV_HEAP_LIMIT 4096u /* KiB */

void gavel_options_init(gavel_options *o) {
  memset(o, 0, sizeof *o);
  o->day_first = 0;
  o->no_response_days = 14;
  o->unanswered_attempts = 3;
  o->offer_expiring_days = 7;
  o->deadline_days = 7;
  o->trial_days = 45;
  o->client_gap_days = 30;
  o->disabled = 0;
  for (int i = 0; i < GAVEL_W_COUNT; i++) o->severity[i] = GAVEL_SEV_WARN;
  o->severity[GAVEL_W_OFFER_EXPIRED] = GAVEL_SEV_ERROR;
  o->severity[GAVEL_W_STRONG_EVIDENCE] = GAVEL_SEV_INFO;
  o->severity[GAVEL_W_UNDEFINED_EVIDENCE] = GAVEL_SEV_INFO;
  o->severity[GAVEL_W_CLIENT_GAP] = GAVEL_SEV_INFO;
  o->max_line_bytes = 8192;
  o->vocab = NULL;
}

static int check_options(const gavel_options *o, char *err, size_t errlen) {
  const struct { const char *name; int v; } nums[] = {
      {"no_response_days", o->no_response_days},
      {"unanswered_attempts", o->unanswered_attempts},
      {"offer_expiring_days", o->offer_expiring_days},
      {"deadline_days", o->deadline_days},
      {"trial_days", o->trial_days},
      {"client_gap_days", o->client_gap_days}};
  for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
    if (nums[i].v < 0 || nums[i].v > 3650) {
      gv_fmt(err, errlen, "%s must be between 0 and 3650, got %d",
             nums[i].name, nums[i].v);
      return -1;
    }
  for (int i = 0; i < GAVEL_W_COUNT; i++)
    if (o->severity[i] < GAVEL_SEV_ERROR || o->severity[i] > GAVEL_SEV_HINT) {
      gv_fmt(err, errlen, "severity of %s must be 1..4", gavel_code_name(i));
      return -1;
    }
  if (o->max_line_bytes < 80 || o->max_line_bytes > (1u << 20)) {
    gv_fmt(err, errlen, "max_line_bytes must be between 80 and 1048576");
    return -1;
  }
  return 0;
}

/* Messages that mean "an allocation failed", whatever else went wrong:
** every part of the engine reports that in these exact words, so a user's
** vocabulary ("unknown class 'memory'") cannot pass for it. */
static int out_of_memory(const char *why) { return strcmp(why, "out of memory") == 0; }

/* gavel_engine_new with the reason in why (whylen bytes, long enough to be
** classified whatever the caller's buffer is). */
static gavel_status engine_new(const gavel_options *opts, gavel_engine **out,
                               char *why, size_t whylen) {
  gavel_engine *e = calloc(1, sizeof *e);
  if (!e) {
    gv_fmt(why, whylen, "out of memory");
    return GAVEL_ERR_NOMEM;
  }
  if (opts) e->opts = *opts;
  else gavel_options_init(&e->opts);
  e->opts.vocab = NULL;
  if (check_options(&e->opts, why, whylen) != 0) {
    free(e);
    return GAVEL_ERR_INPUT;
  }
  if (opts && opts->vocab) {
    size_t n = strlen(opts->vocab) + 1;
    e->vocab_copy = malloc(n);
    if (!e->vocab_copy) {
      free(e);
      gv_fmt(why, whylen, "out of memory");
      return GAVEL_ERR_NOMEM;
    }
    memcpy(e->vocab_copy, opts->vocab, n);
    e->opts.vocab = e->vocab_copy;
  }
  if (gv_vocab_build(e->opts.vocab, e->alt, why, whylen) != 0) {
    free(e->vocab_copy);
    free(e);
    return out_of_memory(why) ? GAVEL_ERR_NOMEM : GAVEL_ERR_INPUT;
  }
  if (gv_gate_build(e, why, whylen) != 0) {
    gavel_engine_free(e);
    return GAVEL_ERR_NOMEM;
  }
  e->mctx = pcre2_match_context_create(NULL);
  e->pool = gv_pool_new();
  if (!e->mctx || !e->pool) {
    gavel_engine_free(e);
    gv_fmt(why, whylen, "out of memory");
    return GAVEL_ERR_NOMEM;
  }
  pcre2_set_match_limit(e->mctx, GV_MATCH_LIMIT);
  pcre2_set_depth_limit(e->mctx, GV_DEPTH_LIMIT);
  pcre2_set_heap_limit(e->mctx, GV_HEAP_LIMIT);
  e->jit = 1;
  e->shortcuts = 1;
  if (gv_dates_compile(e, why, whylen) != 0 ||
      gv_money_compile(e, why, whylen) != 0 ||
      gv_evidence_compile(e, why, whylen) != 0 ||
      gv_events_compile(e, why, whylen) != 0 ||
      gv_court_compile(e, why, whylen) != 0) {
    gavel_engine_free(e);
    return out_of_memory(why) ? GAVEL_ERR_NOMEM : GAVEL_ERR_PATTERN;
  }
  *out = e;
  return GAVEL_OK;
}

gavel_status gavel_engine_new(const gavel_options *opts, gavel_engine **out,
                              char *errbuf, size_t errlen) {
  char why[256] = "";
  gavel_status st;
  if (errbuf && errlen) errbuf[0] = 0;
  if (!out) return GAVEL_ERR_ARG;
  *out = NULL;
  st = engine_new(opts, out, why, sizeof why);
  if (st != GAVEL_OK && errbuf && errlen) gv_copy(errbuf, errlen, why, strlen(why));
  return st;
}

void gavel_engine_free(gavel_engine *e) {
  if (!e) return;
  gv_dates_free(e);
  gv_money_free(e);
  gv_evidence_free(e);
  gv_events_free(e);
  gv_court_free(e);
  gv_vocab_free(e->alt);
  gv_gate_free(e);
  gv_anchors_free(e);
  pcre2_match_context_free(e->mctx);
  gv_pool_free(e->pool);
  free(e->vocab_copy);
  free(e);
}

const gavel_options *gavel_engine_options(const gavel_engine *e) {
  return &e->opts;
}

int gavel_engine_jit(const gavel_engine *e) { return e->jit; }

char *gavel_pcre2_version(char *buf, size_t len) {
  if (!buf || len == 0) return buf;
  if (pcre2_config(PCRE2_CONFIG_VERSION, NULL) > (int)len) buf[0] = 0;
  else pcre2_config(PCRE2_CONFIG_VERSION, buf);
  return buf;
}

pcre2_code *gv_compile(gavel_engine *e, const char *name, const char *pattern,
                       uint32_t flags, int twin, char *err, size_t errlen) {
  int code;
  PCRE2_SIZE off;
  pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                 flags, &code, &off, NULL);
  if (!re) {
    PCRE2_UCHAR msg[160];
    pcre2_get_error_message(code, msg, sizeof msg);
    gv_fmt(err, errlen, "pattern %s: %s at offset %lu", name, (char *)msg,
           (unsigned long)off);
    return NULL;
  }
  /* a pattern with a twin is searched with the interpreter only when the
  ** shortcuts are off (the tests' plain reading): no JIT code of its own */
  int twinned = twin == GV_TWIN ? gv_anchors_add(e, re, pattern, flags) : 0;
  if (twinned < 0) {
    pcre2_code_free(re);
    gv_fmt(err, errlen, "out of memory");
    return NULL;
  }
  if (!twinned && pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) != 0) e->jit = 0;
  return re;
}

int gv_match(const gavel_engine *e, const pcre2_code *re, const char *s,
             size_t len, size_t start, pcre2_match_data *md,
             const gv_gate_at *at) {
  return gv_match_upto(e, re, s, len, start, SIZE_MAX, md, at);
}

int gv_match_upto(const gavel_engine *e, const pcre2_code *re, const char *s,
                  size_t len, size_t start, size_t last, pcre2_match_data *md,
                  const gv_gate_at *at) {
  int rc;
  const struct gv_twin *t = NULL;
  if (start > len || start > last) return 0;
  if ((e->twins >> (gv_twin_hash(re) & 63)) & 1u) {
    t = gv_twin_find(e, re);
    if (t && e->shortcuts) return gv_match_twin(e, t, s, len, start, last, md, at);
  }
  /* the fast path skips pcre2_match's checks of what gavel always passes
  ** right (a length, no UTF, no options); a pattern with a twin has no JIT
  ** code of its own */
  rc = e->jit && !t ? pcre2_jit_match(re, (PCRE2_SPTR)s, len, start, 0, md, e->mctx)
                    : pcre2_match(re, (PCRE2_SPTR)s, len, start, 0, md, e->mctx);
  return rc > 0 ? rc : 0;
}
