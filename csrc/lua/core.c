/* core.c: placeholder binding. */
#include <lua.h>
#include <lauxlib.h>
#include "../gavel.h"
int luaopen_gavel_core(lua_State *L);
int luaopen_gavel_core(lua_State *L) { lua_newtable(L); lua_pushstring(L, GAVEL_VERSION); lua_setfield(L, -2, "version"); return 1; }
