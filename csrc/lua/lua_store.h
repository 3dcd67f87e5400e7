/*
** lua_store.h: what core.c (the Lua binding of the engine) and store.c (the
** binding of the case index) share.  Nothing here is exported from
** core.so: luaopen_gavel_core is its one public symbol.
*/
#ifndef GAVEL_LUA_STORE_H
#define GAVEL_LUA_STORE_H

#include <lauxlib.h>
#include <lua.h>

#include "../gavel.h"

#if defined(__GNUC__)
#define GV_LUA_HIDDEN __attribute__((visibility("hidden")))
#else
#define GV_LUA_HIDDEN
#endif

/* Adds the store's functions to the module table on top of the stack (the
** stack is left as it was).  Returns 0. */
GV_LUA_HIDDEN int gv_lua_store_register(lua_State *L);

/* The engine behind the engine userdata at idx; raises an argument error
** when the value there is not an engine made by core.engine. */
GV_LUA_HIDDEN const gavel_engine *gv_lua_check_engine(lua_State *L, int idx);

/* The document behind the document userdata at idx; raises an argument
** error when it is not a document or has been closed. */
GV_LUA_HIDDEN gavel_doc *gv_lua_check_doc(lua_State *L, int idx);

/* Registers metatable `name` (leaving the stack as it was): __index holds
** the methods, __gc and __tostring the given functions, and __metatable
** hides it from Lua. */
GV_LUA_HIDDEN void gv_lua_new_metatable(lua_State *L, const char *name,
                                        const luaL_Reg *methods,
                                        lua_CFunction gc,
                                        lua_CFunction tostring);

#endif /* GAVEL_LUA_STORE_H */
