/*
** store.c: the Lua binding of the case index (core.store_open).
**
** Caveats
**   - A store userdata owns its own engine, made from the options of the
**     engine passed to store_open (or the defaults), so no finaliser order
**     between engine and store userdata can free one under the other.
**   - Rows are 0-based, as everywhere in core; dates are "YYYY-MM-DD".
**   - Failure shape: caller mistakes raise; what the index cannot do returns
**     nil, "gavel: message", status name.
**   - A progress callback runs under pcall: an error in it stops the walk
**     and is returned, never thrown through the store's transactions.
*/
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "lua_store.h"

#define STORE_MT "gavel.store"

typedef struct lua_store {
  gavel_store *s;    /* NULL once closed */
  gavel_engine *e;
} lua_store;

static lua_store *check_store(lua_State *L, int idx) {
  lua_store *ls = luaL_checkudata(L, idx, STORE_MT);
  if (!ls->s) luaL_argerror(L, idx, "store is closed");
  return ls;
}

static int store_fail(lua_State *L, const char *msg, gavel_status st) {
  lua_pushnil(L);
  lua_pushfstring(L, "gavel: %s", msg && *msg ? msg : gavel_status_str(st));
  lua_pushstring(L, gavel_status_str(st));
  return 3;
}

/* An optional "YYYY-MM-DD" argument; nil is today. */
static gavel_day opt_day(lua_State *L, int idx) {
  size_t n;
  if (lua_isnoneornil(L, idx)) return gavel_day_today();
  const char *s = luaL_checklstring(L, idx, &n);
  gavel_day d = gavel_day_parse(s, n);
  if (d == GAVEL_NO_DAY) luaL_argerror(L, idx, "want a date YYYY-MM-DD");
  return d;
}

static void set_s(lua_State *L, const char *k, const char *v) {
  lua_pushstring(L, v ? v : "");
  lua_setfield(L, -2, k);
}

static void set_i(lua_State *L, const char *k, lua_Integer v) {
  lua_pushinteger(L, v);
  lua_setfield(L, -2, k);
}

/* Sets k to "YYYY-MM-DD", or leaves it nil for no day. */
static void set_day(lua_State *L, const char *k, gavel_day d) {
  char b[16];
  if (d == GAVEL_NO_DAY) return;
  set_s(L, k, gavel_day_format(d, b));
}

/* core.store_open(path [, engine]) -> store | nil, err, status */
static int l_store_open(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  const gavel_options *opts = NULL;
  char err[512];
  if (!lua_isnoneornil(L, 2)) opts = gavel_engine_options(gv_lua_check_engine(L, 2));
  lua_store *ls = lua_newuserdata(L, sizeof *ls);
  ls->s = NULL;
  ls->e = NULL;
  luaL_getmetatable(L, STORE_MT);
  lua_setmetatable(L, -2);
  gavel_status st = gavel_engine_new(opts, &ls->e, err, sizeof err);
  if (st != GAVEL_OK) return store_fail(L, err, st);
  st = gavel_store_open(path, ls->e, &ls->s, err, sizeof err);
  if (st != GAVEL_OK) return store_fail(L, err, st);
  return 1;
}

/* core.case_dir(path) -> the case folder of a notes file or folder | nil */
static int l_case_dir(lua_State *L) {
  char buf[4096];
  const char *d = gavel_store_case_dir(luaL_checkstring(L, 1), buf, sizeof buf);
  if (d) lua_pushstring(L, d);
  else lua_pushnil(L);
  return 1;
}

static int store_close(lua_State *L) {
  lua_store *ls = luaL_checkudata(L, 1, STORE_MT);
  gavel_store_close(ls->s);
  gavel_engine_free(ls->e);
  ls->s = NULL;
  ls->e = NULL;
  return 0;
}

static int store_tostring(lua_State *L) {
  lua_store *ls = luaL_checkudata(L, 1, STORE_MT);
  lua_pushstring(L, ls->s ? "gavel.store" : "gavel.store (closed)");
  return 1;
}

/* store:notice() -> message to show once | nil */
static int store_notice(lua_State *L) {
  const char *n = gavel_store_notice(check_store(L, 1)->s);
  if (n) lua_pushstring(L, n);
  else lua_pushnil(L);
  return 1;
}

/* store:busy_timeout(ms): how long a write waits for another writer's
** lock (nil or 0: the default, about a minute). */
static int store_busy_timeout(lua_State *L) {
  lua_store *ls = check_store(L, 1);
  gavel_store_set_busy_timeout(ls->s, (int)luaL_optinteger(L, 2, 0));
  return 0;
}

static int store_readonly(lua_State *L) {
  lua_pushboolean(L, gavel_store_readonly(check_store(L, 1)->s));
  return 1;
}

static const char *const how_names[] = {"read", "skipped", "removed", "failed"};

/* store:index_file(path [, today]) -> "read"|"skipped"|"removed"|"failed" */
static int store_index_file(lua_State *L) {
  lua_store *ls = check_store(L, 1);
  const char *path = luaL_checkstring(L, 2);
  gavel_day today = opt_day(L, 3);
  gavel_index_result how = GAVEL_INDEX_FAILED;
  gavel_status st = gavel_store_index_file(ls->s, path, today, &how);
  if (st != GAVEL_OK) return store_fail(L, gavel_store_errmsg(ls->s), st);
  lua_pushstring(L, how_names[how]);
  if (how == GAVEL_INDEX_FAILED) {
    lua_pushstring(L, gavel_store_errmsg(ls->s));
    return 2;
  }
  return 1;
}

typedef struct prog {
  lua_State *L;
  int fn;        /* stack index of the callback, 0 none */
  int err;       /* the callback raised: its message is on the stack */
} prog;

static int call_progress(void *ud, size_t done, size_t total) {
  prog *p = ud;
  lua_State *L = p->L;
  lua_pushvalue(L, p->fn);
  lua_pushinteger(L, (lua_Integer)done);
  lua_pushinteger(L, (lua_Integer)total);
  if (lua_pcall(L, 2, 1, 0) != 0) {
    p->err = 1; /* leave the message on the stack */
    return 1;
  }
  int stop = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return stop;
}

/* store:index_dir(dir [, today [, progress(done, total) -> stop]])
** -> {read=, skipped=, removed=, failed=} */
static int store_index_dir(lua_State *L) {
  lua_store *ls = check_store(L, 1);
  const char *dir = luaL_checkstring(L, 2);
  gavel_day today = opt_day(L, 3);
  prog p = {L, 0, 0};
  gavel_index_stats stats = {0, 0, 0, 0};
  if (!lua_isnoneornil(L, 4)) {
    luaL_checktype(L, 4, LUA_TFUNCTION);
    p.fn = 4;
  }
  lua_settop(L, 4);
  gavel_status st = gavel_store_index_dir(ls->s, dir, today,
                                          p.fn ? call_progress : NULL, &p,
                                          &stats);
  if (p.err) {
    lua_pushnil(L);
    lua_pushfstring(L, "gavel: progress callback failed: %s",
                    lua_tostring(L, -2) ? lua_tostring(L, -2) : "?");
    return 2;
  }
  if (st != GAVEL_OK) return store_fail(L, gavel_store_errmsg(ls->s), st);
  lua_createtable(L, 0, 4);
  set_i(L, "read", stats.read);
  set_i(L, "skipped", stats.skipped);
  set_i(L, "removed", stats.removed);
  set_i(L, "failed", stats.failed);
  return 1;
}

static int query_fail(lua_State *L, gavel_store *s) {
  if (*gavel_store_errmsg(s))
    return store_fail(L, gavel_store_errmsg(s), GAVEL_ERR_DB);
  lua_newtable(L);
  return 1;
}

/* store:cases([today]) -> list, most urgent first */
static int store_cases(lua_State *L) {
  lua_store *ls = check_store(L, 1);
  gavel_day today = opt_day(L, 2);
  const gavel_case_info *v;
  size_t n = gavel_store_cases(ls->s, today, &v);
  if (!v) return query_fail(L, ls->s);
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    const gavel_case_info *c = &v[i];
    lua_createtable(L, 0, 24);
    set_s(L, "dir", c->dir);
    set_s(L, "name", c->name);
    set_s(L, "number", c->number);
    set_s(L, "state", gavel_state_name((gavel_state)c->state));
    set_i(L, "files", c->nfiles);
    set_s(L, "offer", c->offer);
    set_day(L, "offer_date", c->offer_day);
    set_day(L, "offer_expires", c->offer_expires);
    if (c->offer_file) {
      set_s(L, "offer_file", c->offer_file);
      set_i(L, "offer_row", c->offer_row);
    }
    set_day(L, "last_response", c->last_response);
    if (c->days_since_response >= 0)
      set_i(L, "days_since_response", c->days_since_response);
    set_day(L, "next_date", c->next_day);
    set_s(L, "next_what", c->next_what);
    if (c->next_file) {
      set_s(L, "next_file", c->next_file);
      set_i(L, "next_row", c->next_row);
    }
    lua_newtable(L);
    for (int k = 0; k < GAVEL_W_COUNT; k++)
      if (c->warnings[k]) set_i(L, gavel_code_name((gavel_code)k), c->warnings[k]);
    lua_setfield(L, -2, "warnings");
    set_i(L, "warning_count", c->nwarnings);
    set_s(L, "file", c->open_file);
    set_i(L, "row", c->open_row);
    lua_rawseti(L, -2, (int)i + 1);
  }
  return 1;
}

/* store:agenda([today [, days]]) -> list of {date, time?, kind, what, case,
** case_dir, file, row} */
static int store_agenda(lua_State *L) {
  lua_store *ls = check_store(L, 1);
  gavel_day today = opt_day(L, 2);
  lua_Integer days = luaL_optinteger(L, 3, 14);
  const gavel_agenda_item *v;
  if (days < 0 || days > 36600) luaL_argerror(L, 3, "days must be 0..36600");
  size_t n = gavel_store_agenda(ls->s, today, today + (gavel_day)days, &v);
  if (!v) return query_fail(L, ls->s);
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    const gavel_agenda_item *a = &v[i];
    char t[8];
    lua_createtable(L, 0, 9);
    set_day(L, "date", a->day);
    if (a->minute >= 0) {
      snprintf(t, sizeof t, "%02d:%02d", (a->minute / 60) % 24, a->minute % 60);
      set_s(L, "time", t);
    }
    set_s(L, "kind", a->event == GAVEL_EV_OFFER
                         ? "offer_expires"
                         : gavel_event_name((gavel_event)a->event));
    set_s(L, "what", a->what);
    set_s(L, "case", a->case_name);
    set_s(L, "case_dir", a->case_dir);
    set_s(L, "file", a->file);
    set_i(L, "row", a->row);
    lua_rawseti(L, -2, (int)i + 1);
  }
  return 1;
}

/* store:evidence(case_dir, id) -> list of {file, row, col, end_col,
** kind = "def"|"ref"}, definitions first */
static int store_evidence(lua_State *L) {
  lua_store *ls = check_store(L, 1);
  const char *dir = luaL_checkstring(L, 2), *id = luaL_checkstring(L, 3);
  const gavel_evidence_hit *v;
  size_t n = gavel_store_evidence(ls->s, dir, id, &v);
  if (!v) return query_fail(L, ls->s);
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    lua_createtable(L, 0, 5);
    set_s(L, "file", v[i].file);
    set_i(L, "row", v[i].row);
    set_i(L, "col", v[i].col);
    set_i(L, "end_col", v[i].end_col);
    set_s(L, "kind", v[i].event == GAVEL_EV_EVIDENCE_DEF ? "def" : "ref");
    lua_rawseti(L, -2, (int)i + 1);
  }
  return 1;
}

/* store:forget(case_dir) -> number of files forgotten */
static int store_forget(lua_State *L) {
  lua_store *ls = check_store(L, 1);
  uint32_t n = 0;
  gavel_status st = gavel_store_forget(ls->s, luaL_checkstring(L, 2), &n);
  if (st != GAVEL_OK) return store_fail(L, gavel_store_errmsg(ls->s), st);
  lua_pushinteger(L, n);
  return 1;
}

static const luaL_Reg store_methods[] = {
    {"notice", store_notice},         {"readonly", store_readonly},
    {"busy_timeout", store_busy_timeout},
    {"index_file", store_index_file}, {"index_dir", store_index_dir},
    {"cases", store_cases},           {"agenda", store_agenda},
    {"evidence", store_evidence},     {"forget", store_forget},
    {"close", store_close},           {NULL, NULL}};

int gv_lua_store_register(lua_State *L) {
  gv_lua_new_metatable(L, STORE_MT, store_methods, store_close, store_tostring);
  lua_pushcfunction(L, l_store_open);
  lua_setfield(L, -2, "store_open");
  lua_pushcfunction(L, l_case_dir);
  lua_setfield(L, -2, "case_dir");
  return 0;
}
