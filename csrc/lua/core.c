/*
** core.c: the Lua binding of gavel's reading engine (require "gavel.core").
**
** Caveats
**   - Thin on purpose: every function maps to one engine call and converts
**     its result into plain Lua tables.  Lua never sees a raw pointer;
**     engines and documents are full userdata released by __gc.
**   - A document keeps its engine alive: both hold a reference to a shared,
**     counted holder, so the engine is freed after its last document,
**     whatever order the collector finalises them in.
**   - Positions are the engine's: 0-based rows, 0-based byte columns, end
**     columns exclusive (Neovim's API uses the same).  Dates cross the
**     boundary as "YYYY-MM-DD" strings.
**   - Failure shape: a caller mistake (wrong type, unknown option or code
**     name) raises an argument error; anything the engine declines or
**     cannot do returns nil, "gavel: message".
**   - Results are copied into Lua tables at once, so they stay valid after
**     the document changes.
*/
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <sqlite3.h>

#include "../gavel.h"
#include "lua_store.h"

#define ENGINE_MT "gavel.engine"
#define DOC_MT "gavel.doc"

#if defined(__GNUC__)
#define GV_LUA_EXPORT __attribute__((visibility("default")))
#else
#define GV_LUA_EXPORT
#endif

GV_LUA_EXPORT int luaopen_gavel_core(lua_State *L);

/* ====================================================================== */
/* Handles                                                                 */
/* ====================================================================== */

/* The engine shared by an engine userdata and its documents. */
typedef struct eng_ref {
  gavel_engine *e;
  int refs; /* userdata holding this: the engine's and each document's */
} eng_ref;

typedef struct lua_engine {
  eng_ref *ref; /* NULL only while being built */
} lua_engine;

typedef struct lua_doc {
  gavel_doc *d; /* NULL once closed */
  eng_ref *ref;
} lua_doc;

static void ref_release(eng_ref *ref) {
  if (ref && --ref->refs == 0) {
    gavel_engine_free(ref->e);
    free(ref);
  }
}

static lua_engine *check_engine(lua_State *L, int idx) {
  lua_engine *le = luaL_checkudata(L, idx, ENGINE_MT);
  if (!le->ref) luaL_argerror(L, idx, "engine was not created");
  return le;
}

static lua_doc *check_doc(lua_State *L, int idx) {
  lua_doc *ld = luaL_checkudata(L, idx, DOC_MT);
  if (!ld->d) luaL_argerror(L, idx, "document is closed");
  return ld;
}

const gavel_engine *gv_lua_check_engine(lua_State *L, int idx) {
  return check_engine(L, idx)->ref->e;
}

gavel_doc *gv_lua_check_doc(lua_State *L, int idx) {
  return check_doc(L, idx)->d;
}

/* Pushes nil and "gavel: msg"; returns 2 (the count for a return). */
static int fail(lua_State *L, const char *msg) {
  lua_pushnil(L);
  lua_pushfstring(L, "gavel: %s", msg && *msg ? msg : "unknown error");
  return 2;
}

/* The failure of a document call: its message, else the status's name. */
static int doc_fail(lua_State *L, const gavel_doc *d, gavel_status st) {
  const char *msg = gavel_doc_errmsg(d);
  return fail(L, msg && *msg ? msg : gavel_status_str(st));
}

static int arg_errorf(lua_State *L, int arg, const char *fmt, const char *s) {
  return luaL_argerror(L, arg, lua_pushfstring(L, fmt, s));
}

/* A non-negative integer argument. */
static size_t check_index(lua_State *L, int arg, const char *what) {
  lua_Integer v = luaL_checkinteger(L, arg);
  if (v < 0) arg_errorf(L, arg, "%s must be 0 or more", what);
  return (size_t)v;
}

/* ====================================================================== */
/* Building tables                                                         */
/* ====================================================================== */

static void set_str(lua_State *L, const char *k, const char *v) {
  lua_pushstring(L, v);
  lua_setfield(L, -2, k);
}

/* Sets k only when v is not empty. */
static void set_nonempty(lua_State *L, const char *k, const char *v) {
  if (v && *v) set_str(L, k, v);
}

static void set_int(lua_State *L, const char *k, lua_Integer v) {
  lua_pushinteger(L, v);
  lua_setfield(L, -2, k);
}

static void set_num(lua_State *L, const char *k, lua_Number v) {
  lua_pushnumber(L, v);
  lua_setfield(L, -2, k);
}

static void set_true(lua_State *L, const char *k) {
  lua_pushboolean(L, 1);
  lua_setfield(L, -2, k);
}

/* Sets k to "YYYY-MM-DD" unless day is GAVEL_NO_DAY. */
static void set_day(lua_State *L, const char *k, gavel_day day) {
  char buf[16];
  if (day == GAVEL_NO_DAY) return;
  gavel_day_format(day, buf);
  if (buf[0]) set_str(L, k, buf);
}

static const struct {
  uint32_t bit;
  const char *name;
} flag_names[] = {
    {GAVEL_F_ENTRY, "entry"},       {GAVEL_F_EXPIRY, "expiry"},
    {GAVEL_F_SETTING, "setting"},   {GAVEL_F_FINAL, "final"},
    {GAVEL_F_UNANSWERED, "unanswered"}, {GAVEL_F_DONE, "done"},
    {GAVEL_F_OPEN, "open"},         {GAVEL_F_REQUEST, "request"},
    {GAVEL_F_SAME_TERMS, "same_terms"}, {GAVEL_F_SNOOZE, "snooze"},
    {GAVEL_F_TRUNCATED, "truncated"}, {GAVEL_F_NO_REPLY, "no_reply"},
};

/* Sets one boolean field per flag that is set. */
static void set_flags(lua_State *L, uint32_t flags) {
  for (size_t i = 0; i < sizeof flag_names / sizeof flag_names[0]; i++)
    if (flags & flag_names[i].bit) set_true(L, flag_names[i].name);
}

/* Pushes the terms of an offer; fields the notes do not state are absent. */
static void push_terms(lua_State *L, const gavel_terms *t) {
  lua_createtable(L, 0, 9);
  set_nonempty(L, "charge", t->charge);
  if (t->custody_months >= 0) set_int(L, "custody_months", t->custody_months);
  if (t->probation_months >= 0)
    set_int(L, "probation_months", t->probation_months);
  if (t->fine_cents >= 0) set_num(L, "fine_cents", (lua_Number)t->fine_cents);
  if (t->restitution_cents >= 0)
    set_num(L, "restitution_cents", (lua_Number)t->restitution_cents);
  if (t->counts_dismissed >= 0)
    set_int(L, "counts_dismissed", t->counts_dismissed);
  if (t->diversion) set_true(L, "diversion");
  if (t->time_served) set_true(L, "time_served");
  if (t->suspended) set_true(L, "suspended");
}

static const char *const kind_names[] = {
    NULL, "date", "money", "duration", "term", "event", "header", "marker"};

static const char *kind_name(unsigned k) {
  return k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : NULL;
}

static int is_offer(unsigned ev) {
  return ev == GAVEL_EV_OFFER || ev == GAVEL_EV_COUNTER;
}

/* Pushes one item as a table; date_ref becomes a 1-based index into the
** list doc:items returns for the row. */
/* Pushes the table of item `it` of row `row` (the row it is on now: an
** item's own row field waits for the next analysis after lines moved). */
/* t.path = the file an evidence definition names (a span of its line) */
static void set_path(lua_State *L, const gavel_doc *d, size_t row,
                     const gavel_item *it) {
  size_t n;
  const char *p = gavel_doc_item_path(d, row, it, &n);
  if (!p) return;
  lua_pushlstring(L, p, n);
  lua_setfield(L, -2, "path");
}

static void push_item(lua_State *L, const gavel_doc *d, const gavel_item *it,
                      size_t row) {
  const char *s;
  lua_createtable(L, 0, 12);
  s = kind_name(it->kind);
  set_str(L, "kind", s ? s : "unknown");
  set_int(L, "row", (lua_Integer)row);
  set_int(L, "col", it->col);
  set_int(L, "end_col", it->end_col);
  set_flags(L, it->flags);
  switch (it->kind) {
  case GAVEL_KIND_DATE:
    set_day(L, "value", it->day);
    set_day(L, "day", it->day);
    if (it->minute >= 0) set_int(L, "minute", it->minute);
    break;
  case GAVEL_KIND_MONEY:
    set_num(L, "cents", (lua_Number)it->cents);
    set_nonempty(L, "currency", it->currency);
    break;
  case GAVEL_KIND_DURATION:
    set_num(L, "value", it->value);
    set_nonempty(L, "unit", it->unit);
    set_int(L, "months", it->months);
    set_int(L, "days", it->days);
    break;
  case GAVEL_KIND_TERM:
    set_nonempty(L, "term", gavel_term_name((gavel_term_kind)it->term));
    if (it->term == GAVEL_TERM_FINE || it->term == GAVEL_TERM_RESTITUTION)
      set_num(L, "cents", (lua_Number)it->cents);
    if (it->term == GAVEL_TERM_CUSTODY || it->term == GAVEL_TERM_PROBATION)
      set_int(L, "months", it->months);
    if (it->term == GAVEL_TERM_DISMISS) set_num(L, "value", it->value);
    set_nonempty(L, "what", it->what);
    break;
  case GAVEL_KIND_EVENT:
    set_nonempty(L, "event", gavel_event_name((gavel_event)it->event));
    set_nonempty(L, "party", gavel_party_name((gavel_party)it->party));
    set_nonempty(L, "who", it->who);
    set_nonempty(L, "what", it->what);
    set_nonempty(L, "id", it->id);
    set_nonempty(L, "id_end", it->id_end);
    set_path(L, d, row, it);
    set_day(L, "day", it->day);
    set_day(L, "when", it->when);
    if (it->date_ref >= 0) set_int(L, "date_ref", it->date_ref + 1);
    if (is_offer(it->event)) {
      push_terms(L, &it->terms);
      lua_setfield(L, -2, "terms");
    }
    break;
  case GAVEL_KIND_HEADER:
    set_nonempty(L, "what", it->what);
    set_nonempty(L, "id", it->id);
    break;
  case GAVEL_KIND_MARKER:
    set_nonempty(L, "what", it->what);
    set_day(L, "day", it->day);
    break;
  default:
    break;
  }
}

/* ====================================================================== */
/* The engine                                                              */
/* ====================================================================== */

static const struct {
  const char *name;
  size_t off; /* of an int field in gavel_options */
} thresholds[] = {
    {"no_response_days", offsetof(gavel_options, no_response_days)},
    {"unanswered_attempts", offsetof(gavel_options, unanswered_attempts)},
    {"offer_expiring_days", offsetof(gavel_options, offer_expiring_days)},
    {"deadline_days", offsetof(gavel_options, deadline_days)},
    {"trial_days", offsetof(gavel_options, trial_days)},
    {"client_gap_days", offsetof(gavel_options, client_gap_days)},
};

#define NTHRESHOLDS (sizeof thresholds / sizeof thresholds[0])

/* The integer at the top of the stack, for option `name`. */
static lua_Integer opt_integer(lua_State *L, const char *name) {
  lua_Number n;
  if (lua_type(L, -1) != LUA_TNUMBER)
    arg_errorf(L, 1, "option '%s' must be a number", name);
  n = lua_tonumber(L, -1);
  if (n != (lua_Number)(lua_Integer)n)
    arg_errorf(L, 1, "option '%s' must be a whole number", name);
  return lua_tointeger(L, -1);
}

/* The key of a lua_next walk at -2 as a string (argument error if not). */
static const char *opt_key(lua_State *L, const char *table) {
  if (lua_type(L, -2) != LUA_TSTRING)
    arg_errorf(L, 1, "keys of '%s' must be strings", table);
  return lua_tostring(L, -2);
}

static int code_arg(lua_State *L, const char *name) {
  int code = gavel_code_from_name(name, strlen(name));
  if (code < 0) arg_errorf(L, 1, "unknown warning code '%s'", name);
  return code;
}

/* The index of threshold k; raises an argument error for an unknown one. */
static size_t threshold_index(lua_State *L, const char *k) {
  for (size_t i = 0; i < NTHRESHOLDS; i++)
    if (strcmp(thresholds[i].name, k) == 0) return i;
  arg_errorf(L, 1, "unknown threshold '%s'", k);
  return 0; /* not reached: arg_errorf raises */
}

static void read_thresholds(lua_State *L, gavel_options *o) {
  luaL_argcheck(L, lua_istable(L, -1), 1, "option 'thresholds' must be a table");
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    const char *k = opt_key(L, "thresholds");
    size_t i = threshold_index(L, k);
    *(int *)(void *)((char *)o + thresholds[i].off) = (int)opt_integer(L, k);
    lua_pop(L, 1);
  }
}

static void read_disabled(lua_State *L, gavel_options *o) {
  size_t n;
  luaL_argcheck(L, lua_istable(L, -1), 1, "option 'disabled' must be a list of codes");
  n = lua_objlen(L, -1);
  for (size_t i = 1; i <= n; i++) {
    lua_rawgeti(L, -1, (int)i);
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_argerror(L, 1, "option 'disabled' must be a list of code names");
    o->disabled |= 1u << code_arg(L, lua_tostring(L, -1));
    lua_pop(L, 1);
  }
}

static int severity_value(lua_State *L, const char *code) {
  static const struct { const char *name; int sev; } names[] = {
      {"error", 1}, {"warning", 2}, {"warn", 2}, {"info", 3}, {"hint", 4}};
  if (lua_type(L, -1) == LUA_TSTRING) {
    const char *s = lua_tostring(L, -1);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
      if (strcmp(names[i].name, s) == 0) return names[i].sev;
  } else if (lua_type(L, -1) == LUA_TNUMBER) {
    lua_Number v = lua_tonumber(L, -1);
    if (v >= 1 && v <= 4 && v == (lua_Number)(int)v) return (int)v;
  }
  return arg_errorf(L, 1, "severity of '%s' must be 1..4 or error/warning/info/hint",
                    code);
}

static void read_severity(lua_State *L, gavel_options *o) {
  luaL_argcheck(L, lua_istable(L, -1), 1, "option 'severity' must be a table");
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    const char *k = opt_key(L, "severity");
    o->severity[code_arg(L, k)] = (gavel_severity)severity_value(L, k);
    lua_pop(L, 1);
  }
}

/* Appends to the string at acc the phrases of one vocabulary class (the
** lua_next walk's key at -2, its list at -1) as "class: a, b\n". */
static void vocab_class(lua_State *L, int acc) {
  const char *cls = opt_key(L, "vocab");
  size_t n;
  if (!lua_istable(L, -1))
    arg_errorf(L, 1, "vocab class '%s' must be a list of phrases", cls);
  n = lua_objlen(L, -1);
  for (size_t i = 1; i <= n; i++) {
    lua_rawgeti(L, -1, (int)i);
    if (lua_type(L, -1) != LUA_TSTRING || strpbrk(lua_tostring(L, -1), ",#\n\r"))
      arg_errorf(L, 1, "vocab class '%s' takes phrases (strings without , # or newlines)",
                 cls);
    lua_pushvalue(L, acc);
    if (i == 1) lua_pushfstring(L, "%s: ", cls);
    else lua_pushliteral(L, ", ");
    lua_pushvalue(L, -3);
    lua_concat(L, 3);
    lua_replace(L, acc);
    lua_pop(L, 1);
  }
  if (n) {
    lua_pushvalue(L, acc);
    lua_pushliteral(L, "\n");
    lua_concat(L, 2);
    lua_replace(L, acc);
  }
}

/* Pushes the vocabulary spec for the value at the top: a string as is, a
** table {class = {phrases}} as "class: a, b" lines. */
static void push_vocab(lua_State *L) {
  int t = lua_gettop(L), acc;
  if (lua_type(L, t) == LUA_TSTRING) {
    lua_pushvalue(L, t);
    return;
  }
  luaL_argcheck(L, lua_istable(L, t), 1, "option 'vocab' must be a string or a table");
  lua_pushliteral(L, "");
  acc = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, t)) {
    vocab_class(L, acc);
    lua_pop(L, 1);
  }
}

/* Reads the option table at index 1 into *o; the vocabulary string (if
** any) is left on the stack and *vocab points into it.  Raises argument
** errors for caller mistakes. */
static void read_options(lua_State *L, gavel_options *o, const char **vocab) {
  gavel_options_init(o);
  *vocab = NULL;
  if (lua_isnoneornil(L, 1)) {
    lua_pushnil(L);
    return;
  }
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushnil(L);
  while (lua_next(L, 1)) {
    const char *k = opt_key(L, "options");
    if (strcmp(k, "day_first") == 0) {
      luaL_argcheck(L, lua_isboolean(L, -1), 1, "option 'day_first' must be a boolean");
      o->day_first = lua_toboolean(L, -1);
    } else if (strcmp(k, "max_line_bytes") == 0) {
      lua_Integer v = opt_integer(L, k);
      luaL_argcheck(L, v > 0, 1, "option 'max_line_bytes' must be positive");
      o->max_line_bytes = (size_t)v;
    } else if (strcmp(k, "thresholds") == 0) {
      read_thresholds(L, o);
    } else if (strcmp(k, "disabled") == 0) {
      read_disabled(L, o);
    } else if (strcmp(k, "severity") == 0) {
      read_severity(L, o);
    } else if (strcmp(k, "vocab") != 0) {
      arg_errorf(L, 1, "unknown option '%s'", k);
    }
    lua_pop(L, 1);
  }
  lua_getfield(L, 1, "vocab");
  if (lua_isnil(L, -1)) return;
  push_vocab(L);
  lua_replace(L, -2);
  *vocab = lua_tostring(L, -1);
}

/* core.engine(opts) -> engine | nil, err */
static int l_engine(lua_State *L) {
  gavel_options o;
  const char *vocab;
  char err[256];
  gavel_status st;
  lua_engine *le;
  eng_ref *ref;
  read_options(L, &o, &vocab);
  o.vocab = vocab;
  le = lua_newuserdata(L, sizeof *le);
  le->ref = NULL;
  luaL_getmetatable(L, ENGINE_MT);
  lua_setmetatable(L, -2);
  ref = malloc(sizeof *ref);
  if (!ref) return fail(L, "out of memory");
  st = gavel_engine_new(&o, &ref->e, err, sizeof err);
  if (st != GAVEL_OK) {
    free(ref);
    return fail(L, err[0] ? err : gavel_status_str(st));
  }
  ref->refs = 1;
  le->ref = ref;
  return 1;
}

static int engine_gc(lua_State *L) {
  lua_engine *le = luaL_checkudata(L, 1, ENGINE_MT);
  ref_release(le->ref);
  le->ref = NULL;
  return 0;
}

static int engine_tostring(lua_State *L) {
  lua_engine *le = luaL_checkudata(L, 1, ENGINE_MT);
  lua_pushfstring(L, "gavel.engine (%s)", le->ref ? "ready" : "empty");
  return 1;
}

/* engine:jit() -> bool */
static int engine_jit(lua_State *L) {
  lua_pushboolean(L, gavel_engine_jit(check_engine(L, 1)->ref->e));
  return 1;
}

/* engine:options() -> the options in force, as core.engine takes them */
static int engine_options(lua_State *L) {
  const gavel_options *o = gavel_engine_options(check_engine(L, 1)->ref->e);
  lua_createtable(L, 0, 6);
  lua_pushboolean(L, o->day_first);
  lua_setfield(L, -2, "day_first");
  set_int(L, "max_line_bytes", (lua_Integer)o->max_line_bytes);
  lua_createtable(L, 0, NTHRESHOLDS);
  for (size_t i = 0; i < NTHRESHOLDS; i++)
    set_int(L, thresholds[i].name,
            *(const int *)(const void *)((const char *)o + thresholds[i].off));
  lua_setfield(L, -2, "thresholds");
  lua_newtable(L); /* disabled */
  lua_createtable(L, 0, GAVEL_W_COUNT); /* severity */
  for (int c = 0, n = 0; c < GAVEL_W_COUNT; c++) {
    const char *name = gavel_code_name((gavel_code)c);
    set_int(L, name, o->severity[c]);
    if (o->disabled & (1u << c)) {
      lua_pushstring(L, name);
      lua_rawseti(L, -3, ++n);
    }
  }
  lua_setfield(L, -3, "severity");
  lua_setfield(L, -2, "disabled");
  if (o->vocab && *o->vocab) set_str(L, "vocab", o->vocab);
  return 1;
}

/* engine:doc([kind]) -> doc | nil, err.  kind "peer": a document that
** reads only evidence (gavel_doc_new_peer), for another's analysis. */
static int engine_doc(lua_State *L) {
  lua_engine *le = check_engine(L, 1);
  static const char *const kinds[] = {"full", "peer", NULL};
  int peer = luaL_checkoption(L, 2, "full", kinds) == 1;
  lua_doc *ld = lua_newuserdata(L, sizeof *ld);
  gavel_status st;
  ld->d = NULL;
  ld->ref = NULL;
  luaL_getmetatable(L, DOC_MT);
  lua_setmetatable(L, -2);
  st = peer ? gavel_doc_new_peer(le->ref->e, &ld->d) : gavel_doc_new(le->ref->e, &ld->d);
  if (st != GAVEL_OK) return fail(L, gavel_status_str(st));
  ld->ref = le->ref;
  ld->ref->refs++;
  return 1;
}

/* ====================================================================== */
/* Documents                                                               */
/* ====================================================================== */

static void doc_release(lua_doc *ld) {
  gavel_doc_free(ld->d);
  ld->d = NULL;
  ref_release(ld->ref);
  ld->ref = NULL;
}

static int doc_gc(lua_State *L) {
  doc_release(luaL_checkudata(L, 1, DOC_MT));
  return 0;
}

/* doc:close(): frees the document now; later calls raise an error. */
static int doc_close(lua_State *L) {
  doc_release(luaL_checkudata(L, 1, DOC_MT));
  return 0;
}

static int doc_tostring(lua_State *L) {
  lua_doc *ld = luaL_checkudata(L, 1, DOC_MT);
  if (!ld->d) lua_pushliteral(L, "gavel.doc (closed)");
  else
    lua_pushfstring(L, "gavel.doc (%d lines)",
                    (int)gavel_doc_line_count(ld->d));
  return 1;
}

/* The lines of the list at idx, as arrays in a scratch userdata pushed on
** the stack (collected with it).  The strings stay alive in the list. */
typedef struct line_list {
  const char **lines;
  size_t *lens;
  size_t n;
} line_list;

static line_list check_lines(lua_State *L, int idx) {
  line_list ll;
  char *mem;
  luaL_checktype(L, idx, LUA_TTABLE);
  ll.n = lua_objlen(L, idx);
  mem = lua_newuserdata(L, ll.n * (sizeof(char *) + sizeof(size_t)) + 1);
  ll.lens = (size_t *)(void *)mem;
  ll.lines = (const char **)(void *)(mem + ll.n * sizeof(size_t));
  for (size_t i = 0; i < ll.n; i++) {
    lua_rawgeti(L, idx, (int)i + 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_argerror(L, idx, lua_pushfstring(L, "list of strings expected, item %d is a %s",
                                            (int)i + 1, luaL_typename(L, -1)));
    ll.lines[i] = lua_tolstring(L, -1, &ll.lens[i]);
    lua_pop(L, 1);
  }
  return ll;
}

/* GAVEL_ERR_INPUT when the first 8 KiB of the lines hold a NUL byte. */
static gavel_status sniff_lines(const line_list *ll) {
  size_t seen = 0;
  for (size_t i = 0; i < ll->n && seen < 8192; i++) {
    if (gavel_sniff(ll->lines[i], ll->lens[i]) != GAVEL_OK) return GAVEL_ERR_INPUT;
    seen += ll->lens[i] + 1;
  }
  return GAVEL_OK;
}

static int replace_rows(lua_State *L, lua_doc *ld, size_t first, size_t last,
                        const line_list *ll) {
  gavel_status st = gavel_doc_replace(ld->d, first, last,
                                      ll->n ? ll->lines : NULL,
                                      ll->n ? ll->lens : NULL, ll->n);
  if (st != GAVEL_OK) return doc_fail(L, ld->d, st);
  lua_pushboolean(L, 1);
  return 1;
}

/* doc:set_lines(lines) -> true | nil, err */
static int doc_set_lines(lua_State *L) {
  lua_doc *ld = check_doc(L, 1);
  line_list ll = check_lines(L, 2);
  if (sniff_lines(&ll) != GAVEL_OK)
    return fail(L, "binary data (a NUL byte in the first 8 KiB): not case notes");
  return replace_rows(L, ld, 0, gavel_doc_line_count(ld->d), &ll);
}

/* doc:set_text(text) -> true | nil, err */
static int doc_set_text(lua_State *L) {
  lua_doc *ld = check_doc(L, 1);
  size_t len;
  const char *s = luaL_checklstring(L, 2, &len);
  gavel_status st = gavel_doc_set_text(ld->d, s, len);
  if (st != GAVEL_OK) return doc_fail(L, ld->d, st);
  lua_pushboolean(L, 1);
  return 1;
}

/* doc:replace(first, last, lines) -> true | nil, err.  Rows [first, last)
** become `lines`: on_lines' firstline, lastline and the new lines. */
static int doc_replace(lua_State *L) {
  lua_doc *ld = check_doc(L, 1);
  size_t first = check_index(L, 2, "first");
  size_t last = check_index(L, 3, "last");
  line_list ll = check_lines(L, 4);
  return replace_rows(L, ld, first, last, &ll);
}

static int doc_line_count(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)gavel_doc_line_count(check_doc(L, 1)->d));
  return 1;
}

/* doc:line(row) -> text | nil */
static int doc_line(lua_State *L) {
  lua_doc *ld = check_doc(L, 1);
  size_t len;
  const char *s = gavel_doc_line(ld->d, check_index(L, 2, "row"), &len);
  if (!s) return 0;
  lua_pushlstring(L, s, len);
  return 1;
}

/* doc:analyze(today, peers) -> true | nil, err.  today "YYYY-MM-DD" or nil
** for the system date; peers a list of the case's other documents. */
static int doc_analyze(lua_State *L) {
  lua_doc *ld = check_doc(L, 1);
  gavel_day today;
  const gavel_doc **peers = NULL;
  size_t npeers = 0;
  gavel_status st;
  if (lua_isnoneornil(L, 2)) {
    today = gavel_day_today();
  } else {
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    today = gavel_day_parse(s, len);
    if (today == GAVEL_NO_DAY) luaL_argerror(L, 2, "today must be a date YYYY-MM-DD");
  }
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    npeers = lua_objlen(L, 3);
    peers = lua_newuserdata(L, npeers * sizeof *peers + 1);
    for (size_t i = 0; i < npeers; i++) {
      lua_doc *peer;
      lua_rawgeti(L, 3, (int)i + 1);
      peer = lua_touserdata(L, -1);
      if (!peer || !lua_getmetatable(L, -1))
        return luaL_argerror(L, 3, "peers must be a list of documents");
      luaL_getmetatable(L, DOC_MT);
      if (!lua_rawequal(L, -1, -2) || !peer->d)
        return luaL_argerror(L, 3, "peers must be a list of open documents");
      peers[i] = peer->d;
      lua_pop(L, 3);
    }
  }
  st = gavel_doc_analyze(ld->d, today, peers, npeers);
  if (st != GAVEL_OK) return doc_fail(L, ld->d, st);
  lua_pushboolean(L, 1);
  return 1;
}

/* doc:analyses() -> n: how many times doc:analyze worked the results out
** (the same n: the warnings are those already read). */
static int doc_analyses(lua_State *L) {
  lua_pushnumber(L, (lua_Number)gavel_doc_analyses(check_doc(L, 1)->d));
  return 1;
}

/* doc:changed() -> lo, hi: rows [lo, hi) to redraw; forgets them. */
static int doc_changed(lua_State *L) {
  size_t lo, hi;
  gavel_doc_take_changed(check_doc(L, 1)->d, &lo, &hi);
  lua_pushinteger(L, (lua_Integer)lo);
  lua_pushinteger(L, (lua_Integer)hi);
  return 2;
}

/* doc:items(row) -> list of item tables (empty out of range) */
static int doc_items(lua_State *L) {
  lua_doc *ld = check_doc(L, 1);
  const gavel_item *items;
  size_t row = check_index(L, 2, "row");
  size_t n = gavel_doc_row_items(ld->d, row, &items);
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    push_item(L, ld->d, &items[i], row);
    lua_rawseti(L, -2, (int)i + 1);
  }
  return 1;
}

/* doc:items_in(lo, hi) -> list of the items of rows [lo, hi), in row and
** column order; each has its row.  One call for a range a front end
** redraws, in time proportional to the rows that have items. */
static int doc_items_in(lua_State *L) {
  lua_doc *ld = check_doc(L, 1);
  size_t lo = check_index(L, 2, "lo"), hi = check_index(L, 3, "hi");
  size_t nrows = gavel_doc_line_count(ld->d), k = 0;
  if (hi > nrows) hi = nrows;
  lua_newtable(L);
  for (size_t row = gavel_doc_next_row(ld->d, lo); row < hi;
       row = gavel_doc_next_row(ld->d, row + 1)) {
    const gavel_item *items;
    size_t n = gavel_doc_row_items(ld->d, row, &items);
    for (size_t i = 0; i < n; i++) {
      push_item(L, ld->d, &items[i], row);
      lua_rawseti(L, -2, (int)++k);
    }
  }
  return 1;
}

/* doc:warnings() -> list {row, col, end_row, end_col, code, severity, message} */
static int doc_warnings(lua_State *L) {
  const gavel_warning *w;
  size_t n = gavel_doc_warnings(check_doc(L, 1)->d, &w);
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    const char *code = gavel_code_name((gavel_code)w[i].code);
    lua_createtable(L, 0, 7);
    set_int(L, "row", w[i].row);
    set_int(L, "col", w[i].col);
    set_int(L, "end_row", w[i].end_row);
    set_int(L, "end_col", w[i].end_col);
    set_str(L, "code", code ? code : "unknown");
    set_int(L, "severity", w[i].severity);
    set_str(L, "message", w[i].message);
    lua_rawseti(L, -2, (int)i + 1);
  }
  return 1;
}

/* doc:timeline() -> list of rounds */
static int doc_timeline(lua_State *L) {
  const gavel_round *r;
  size_t n = gavel_doc_timeline(check_doc(L, 1)->d, &r);
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    lua_createtable(L, 0, 10);
    set_int(L, "row", r[i].row);
    set_day(L, "day", r[i].day);
    set_nonempty(L, "event", gavel_event_name((gavel_event)r[i].event));
    set_nonempty(L, "party", gavel_party_name((gavel_party)r[i].party));
    set_flags(L, r[i].flags);
    set_nonempty(L, "who", r[i].who);
    set_day(L, "expires", r[i].expires);
    set_nonempty(L, "change", r[i].change);
    if (r[i].waited_days >= 0) set_int(L, "waited_days", r[i].waited_days);
    if (is_offer(r[i].event)) {
      push_terms(L, &r[i].terms);
      lua_setfield(L, -2, "terms");
    }
    lua_rawseti(L, -2, (int)i + 1);
  }
  return 1;
}

/* doc:summary() -> table */
static int doc_summary(lua_State *L) {
  const gavel_summary *s = gavel_doc_summary(check_doc(L, 1)->d);
  lua_createtable(L, 0, 14);
  set_nonempty(L, "name", s->name);
  set_nonempty(L, "number", s->number);
  set_str(L, "state", gavel_state_name((gavel_state)s->state));
  if (s->latest_offer >= 0) set_int(L, "latest_offer", s->latest_offer + 1);
  set_day(L, "last_response", s->last_response);
  set_day(L, "last_client_contact", s->last_client_contact);
  set_day(L, "next_day", s->next_day);
  if (s->next_day != GAVEL_NO_DAY) {
    set_nonempty(L, "next_what", s->next_what);
    set_int(L, "next_row", s->next_row);
  }
  set_day(L, "trial_day", s->trial_day);
  set_int(L, "prep_done", s->prep_done);
  set_int(L, "prep_open", s->prep_open);
  lua_createtable(L, 0, GAVEL_W_COUNT);
  for (int c = 0; c < GAVEL_W_COUNT; c++)
    set_int(L, gavel_code_name((gavel_code)c), s->warnings[c]);
  lua_setfield(L, -2, "warnings");
  return 1;
}

/* doc:evidence_at(row, col) -> id | nil */
static int doc_evidence_at(lua_State *L) {
  lua_doc *ld = check_doc(L, 1);
  size_t row = check_index(L, 2, "row"), col = check_index(L, 3, "col");
  const char *id = gavel_doc_evidence_at(ld->d, row, col);
  if (!id) return 0;
  lua_pushstring(L, id);
  return 1;
}

/* doc:evidence_def(id) -> row | nil */
static int doc_evidence_def(lua_State *L) {
  lua_doc *ld = check_doc(L, 1);
  long row = gavel_doc_evidence_def(ld->d, luaL_checkstring(L, 2));
  if (row < 0) return 0;
  lua_pushinteger(L, (lua_Integer)row);
  return 1;
}

static int is_evidence(const gavel_item *it) {
  return it->kind == GAVEL_KIND_EVENT && (it->event == GAVEL_EV_EVIDENCE_REF ||
                                          it->event == GAVEL_EV_EVIDENCE_DEF);
}

/* Calls fn on every evidence item of d in row order. */
typedef void (*evidence_fn)(lua_State *L, const gavel_doc *d, size_t row,
                            const gavel_item *it, const char *id);

static void each_evidence(lua_State *L, const gavel_doc *d, const char *id,
                          evidence_fn fn) {
  size_t nrows = gavel_doc_line_count(d);
  for (size_t row = gavel_doc_next_row(d, 0); row < nrows;
       row = gavel_doc_next_row(d, row + 1)) {
    const gavel_item *items;
    size_t n = gavel_doc_row_items(d, row, &items);
    for (size_t i = 0; i < n; i++)
      if (is_evidence(&items[i])) fn(L, d, row, &items[i], id);
  }
}

static void append(lua_State *L) {
  lua_rawseti(L, -2, (int)lua_objlen(L, -2) + 1);
}

static void push_evidence(lua_State *L, const gavel_doc *d, size_t row,
                          const gavel_item *it, const char *id) {
  (void)id;
  lua_createtable(L, 0, 8);
  set_str(L, "id", it->id);
  set_nonempty(L, "id_end", it->id_end);
  set_int(L, "row", it->row);
  set_int(L, "col", it->col);
  set_int(L, "end_col", it->end_col);
  lua_pushboolean(L, it->event == GAVEL_EV_EVIDENCE_DEF);
  lua_setfield(L, -2, "def");
  set_nonempty(L, "what", it->what);
  set_path(L, d, row, it);
  append(L);
}

static void push_reference(lua_State *L, const gavel_doc *d, size_t row,
                           const gavel_item *it, const char *id) {
  (void)d;
  (void)row;
  if (it->event != GAVEL_EV_EVIDENCE_REF || !gavel_evidence_matches(it, id))
    return;
  lua_createtable(L, 0, 3);
  set_int(L, "row", it->row);
  set_int(L, "col", it->col);
  set_int(L, "end_col", it->end_col);
  append(L);
}

/* doc:evidence() -> list {id, id_end, row, col, end_col, def, what, path} */
static int doc_evidence(lua_State *L) {
  lua_doc *ld = check_doc(L, 1);
  lua_newtable(L);
  each_evidence(L, ld->d, NULL, push_evidence);
  return 1;
}

/* doc:references(id) -> list {row, col, end_col} of references to id */
static int doc_references(lua_State *L) {
  lua_doc *ld = check_doc(L, 1);
  const char *id = luaL_checkstring(L, 2);
  lua_newtable(L);
  each_evidence(L, ld->d, id, push_reference);
  return 1;
}

/* ====================================================================== */
/* Module functions                                                        */
/* ====================================================================== */

/* core.info() -> {version, pcre2, sqlite} */
static int l_info(lua_State *L) {
  char buf[64];
  lua_createtable(L, 0, 3);
  set_str(L, "version", GAVEL_VERSION);
  set_str(L, "pcre2", gavel_pcre2_version(buf, sizeof buf));
  set_str(L, "sqlite", sqlite3_libversion());
  return 1;
}

/* core.today() -> "YYYY-MM-DD" (local time) */
static int l_today(lua_State *L) {
  char buf[16];
  gavel_day_format(gavel_day_today(), buf);
  if (!buf[0]) return fail(L, "the system date is not available");
  lua_pushstring(L, buf);
  return 1;
}

/* core.code_names() -> list of the warning codes' stable names */
static int l_code_names(lua_State *L) {
  lua_createtable(L, GAVEL_W_COUNT, 0);
  for (int c = 0; c < GAVEL_W_COUNT; c++) {
    lua_pushstring(L, gavel_code_name((gavel_code)c));
    lua_rawseti(L, -2, c + 1);
  }
  return 1;
}

/* core.sniff(text) -> true | nil, err: declines binary text */
static int l_sniff(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  if (gavel_sniff(s, len) != GAVEL_OK)
    return fail(L, "binary data (a NUL byte in the first 8 KiB): not case notes");
  lua_pushboolean(L, 1);
  return 1;
}

static const luaL_Reg engine_methods[] = {
    {"jit", engine_jit}, {"doc", engine_doc}, {"options", engine_options},
    {NULL, NULL}};

static const luaL_Reg doc_methods[] = {
    {"set_lines", doc_set_lines},     {"set_text", doc_set_text},
    {"replace", doc_replace},         {"line_count", doc_line_count},
    {"line", doc_line},               {"analyze", doc_analyze},
    {"analyses", doc_analyses},       {"changed", doc_changed},
    {"items", doc_items},
    {"items_in", doc_items_in},       {"warnings", doc_warnings},
    {"timeline", doc_timeline},       {"summary", doc_summary},
    {"evidence_at", doc_evidence_at},
    {"evidence_def", doc_evidence_def}, {"evidence", doc_evidence},
    {"references", doc_references},   {"close", doc_close},
    {NULL, NULL}};

static const luaL_Reg module_functions[] = {
    {"engine", l_engine},         {"info", l_info},   {"today", l_today},
    {"code_names", l_code_names}, {"sniff", l_sniff}, {NULL, NULL}};

void gv_lua_new_metatable(lua_State *L, const char *name, const luaL_Reg *methods,
                          lua_CFunction gc, lua_CFunction tostring) {
  luaL_newmetatable(L, name);
  lua_newtable(L);
  luaL_register(L, NULL, methods);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, gc);
  lua_setfield(L, -2, "__gc");
  lua_pushcfunction(L, tostring);
  lua_setfield(L, -2, "__tostring");
  lua_pushliteral(L, "gavel");
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 1);
}

int luaopen_gavel_core(lua_State *L) {
  gv_lua_new_metatable(L, ENGINE_MT, engine_methods, engine_gc, engine_tostring);
  gv_lua_new_metatable(L, DOC_MT, doc_methods, doc_gc, doc_tostring);
  lua_newtable(L);
  luaL_register(L, NULL, module_functions);
  set_str(L, "version", GAVEL_VERSION);
  gv_lua_store_register(L);
  return 1;
}
