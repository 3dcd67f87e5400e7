# gavel: `make` builds the engine, the Lua module and the CLI;
# `make demo` opens the example case; `make test` runs every test.

CC       ?= cc
CSTD      = -std=c99 -D_XOPEN_SOURCE=700
WARN      = -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
OPT      ?= -O2 -g
PKGS_CORE = libpcre2-8 sqlite3
LUAJIT_CFLAGS := $(shell pkg-config --cflags luajit 2>/dev/null)
DEP_CFLAGS := $(shell pkg-config --cflags $(PKGS_CORE) 2>/dev/null)
DEP_LIBS   := $(shell pkg-config --libs $(PKGS_CORE) 2>/dev/null || echo -lpcre2-8 -lsqlite3)
CFLAGS   += $(CSTD) $(WARN) $(OPT) -fPIC $(DEP_CFLAGS)
SAN       = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

B         = build
ENGINE_SRC = $(filter-out csrc/internal.h,$(wildcard csrc/*.c))
CLI_SRC   = $(wildcard csrc/cli/*.c)
LUA_SRC   = $(wildcard csrc/lua/*.c)
TEST_SRC  = $(wildcard tests/c/*.c)
HDRS      = $(wildcard csrc/*.h csrc/cli/*.h tests/c/*.h)

ENGINE_OBJ = $(ENGINE_SRC:csrc/%.c=$(B)/obj/%.o)
CLI_OBJ    = $(CLI_SRC:csrc/cli/%.c=$(B)/obj/cli/%.o)
ASAN_ENGINE_OBJ = $(ENGINE_SRC:csrc/%.c=$(B)/asan/%.o)

NVIM     ?= nvim

.PHONY: all deps check-deps test test-c test-asan test-golden test-nvim demo bench clean asan valgrind

all: check-deps $(B)/libgavel.a lua/gavel/core.so $(B)/gavel

# ---- dependencies -------------------------------------------------------
check-deps:
	@sh tests/tools/check-deps.sh

deps:
	@sh tests/tools/check-deps.sh --install

# ---- the engine, the Lua module, the CLI ----------------------------------
$(B)/obj/%.o: csrc/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/libgavel.a: $(ENGINE_OBJ)
	@rm -f $@
	ar rcs $@ $^

lua/gavel/core.so: $(LUA_SRC) $(B)/libgavel.a $(HDRS)
	$(CC) $(CFLAGS) $(LUAJIT_CFLAGS) -shared -o $@ $(LUA_SRC) $(B)/libgavel.a $(DEP_LIBS)

$(B)/gavel: $(CLI_OBJ) $(B)/libgavel.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(B)/libgavel.a $(DEP_LIBS)

# ---- tests ----------------------------------------------------------------
$(B)/test_gavel: $(TEST_SRC) $(B)/libgavel.a $(HDRS)
	$(CC) $(CFLAGS) -o $@ $(TEST_SRC) $(B)/libgavel.a $(DEP_LIBS)

$(B)/asan/%.o: csrc/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) -O1 -c $< -o $@

$(B)/asan/test_gavel: $(TEST_SRC) $(ASAN_ENGINE_OBJ) $(HDRS)
	$(CC) $(CFLAGS) $(SAN) -O1 -o $@ $(TEST_SRC) $(ASAN_ENGINE_OBJ) $(DEP_LIBS)

test: all $(B)/test_gavel $(B)/asan/test_gavel
	@sh tests/run.sh

test-c: $(B)/test_gavel
	$(B)/test_gavel

test-asan: $(B)/asan/test_gavel
	$(B)/asan/test_gavel

valgrind: $(B)/test_gavel
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect $(B)/test_gavel

# ---- demo and bench -------------------------------------------------------
demo: all
	@sh tests/tools/demo.sh

bench: all
	@sh bench/run.sh

clean:
	rm -rf $(B) lua/gavel/core.so
