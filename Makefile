# gavel: `make` builds the engine, the Lua module and the CLI;
# `make demo` opens the example case; `make test` runs every test.

CC       ?= cc
CSTD      = -std=c99 -D_XOPEN_SOURCE=700
WARN      = -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
OPT      ?= -O2 -g
PKGS_CORE = libpcre2-8 sqlite3
LUAJIT_CFLAGS := $(shell pkg-config --cflags luajit 2>/dev/null || echo -I/usr/include/luajit-2.1)
DEP_CFLAGS := $(shell pkg-config --cflags $(PKGS_CORE) 2>/dev/null)
DEP_LIBS   := $(shell pkg-config --libs $(PKGS_CORE) 2>/dev/null || echo -lpcre2-8 -lsqlite3) -pthread
CFLAGS   += $(CSTD) $(WARN) $(OPT) -fPIC -pthread $(DEP_CFLAGS)
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
# core.so exports luaopen_gavel_core only, not the engine it carries (GNU ld)
SO_HIDE  := $(shell $(CC) -Wl,--exclude-libs,ALL -shared -x c /dev/null -o /dev/null 2>/dev/null && echo -Wl,--exclude-libs,ALL)

.PHONY: all deps check-deps check-test-deps test test-c test-asan test-golden test-nvim demo bench clean asan valgrind

all: check-deps $(B)/libgavel.a lua/gavel/core.so $(B)/gavel

# ---- dependencies -------------------------------------------------------
check-deps:
	@sh tests/tools/check-deps.sh

check-test-deps:
	@sh tests/tools/check-deps.sh --test

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
	$(CC) $(CFLAGS) $(LUAJIT_CFLAGS) -shared -o $@ $(LUA_SRC) $(B)/libgavel.a $(DEP_LIBS) $(SO_HIDE)

$(B)/gavel: $(CLI_OBJ) $(B)/libgavel.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(B)/libgavel.a $(DEP_LIBS)

# ---- tests ----------------------------------------------------------------
# tests/c/test_nomem.c makes allocations fail and threads refuse to start
TEST_WRAP = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=mmap,--wrap=pthread_create

$(B)/test_gavel: $(TEST_SRC) $(B)/libgavel.a $(HDRS)
	$(CC) $(CFLAGS) -o $@ $(TEST_SRC) $(B)/libgavel.a $(DEP_LIBS) $(TEST_WRAP)

$(B)/asan/%.o: csrc/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) -O1 -c $< -o $@

$(B)/asan/test_gavel: $(TEST_SRC) $(ASAN_ENGINE_OBJ) $(HDRS)
	$(CC) $(CFLAGS) $(SAN) -O1 -o $@ $(TEST_SRC) $(ASAN_ENGINE_OBJ) $(DEP_LIBS) $(TEST_WRAP)

test: all check-test-deps $(B)/test_gavel $(B)/asan/test_gavel
	@sh tests/run.sh

test-c: $(B)/test_gavel
	$(B)/test_gavel

test-asan: $(B)/asan/test_gavel
	$(B)/asan/test_gavel

test-nvim: all
	@sh tests/nvim/run.sh

valgrind: $(B)/test_gavel
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	  --child-silent-after-fork=yes --suppressions=tests/valgrind.supp $(B)/test_gavel

# ---- demo and bench -------------------------------------------------------
demo: all check-test-deps
	@sh tests/tools/demo.sh

bench: all
	@sh bench/run.sh

clean:
	rm -rf $(B) lua/gavel/core.so

# ---- hardening: fuzzing, replay, sanitized Neovim, lint (tests/fuzz, tests/hardening)
# `make fuzz` needs clang and libFuzzer (Debian: clang-14 libclang-rt-14-dev).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_NAMES    = extract edits options
FUZZ_BINS     = $(FUZZ_NAMES:%=$(B)/fuzz/fuzz_%)
FUZZ_SHARED   = tests/fuzz/fuzz_common.c tests/c/compare.c
FUZZ_HDRS     = $(HDRS) tests/fuzz/fuzz.h tests/c/compare.h
FUZZ_ENGINE_OBJ = $(ENGINE_SRC:csrc/%.c=$(B)/fuzz/obj/%.o)
ASAN_LIB     ?= $(shell $(FUZZ_CC) -print-file-name=libclang_rt.asan-x86_64.so 2>/dev/null)

.PHONY: fuzz fuzz-build replay asan-nvim lint hardening
.SECONDARY: $(FUZZ_ENGINE_OBJ)

$(B)/fuzz/obj/%.o: csrc/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CSTD) $(WARN) -O1 -g $(DEP_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_SHARED) $(FUZZ_ENGINE_OBJ) $(FUZZ_HDRS)
	$(FUZZ_CC) $(CSTD) $(WARN) -O1 -g $(DEP_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ \
	  $< $(FUZZ_SHARED) $(FUZZ_ENGINE_OBJ) $(DEP_LIBS)

fuzz-build: $(FUZZ_BINS)

# Each harness runs FUZZ_SECONDS from its seed corpus; new finds land in
# build/fuzz/corpus-NAME (merge the useful ones into tests/fuzz/corpus with
# -merge=1 -use_counters=0); a crash is written to tests/fuzz/crashes/NAME/
# and fails the target.
fuzz: $(FUZZ_BINS)
	@set -e; for h in $(FUZZ_NAMES); do \
	  mkdir -p $(B)/fuzz/corpus-$$h tests/fuzz/crashes/$$h; \
	  echo "fuzz: $$h for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1 $(B)/fuzz/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) \
	    -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 -dict=tests/fuzz/gavel.dict \
	    -artifact_prefix=tests/fuzz/crashes/$$h/ $(B)/fuzz/corpus-$$h tests/fuzz/corpus/$$h \
	    2>$(B)/fuzz/$$h.log || { tail -n 40 $(B)/fuzz/$$h.log; exit 1; }; \
	  grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' $(B)/fuzz/$$h.log | tail -n 1; \
	done

# The corpus and every crash ever found, through the same entry points,
# with gcc, ASan and UBSan, no libFuzzer.  Part of `make test`.
$(B)/asan/replay: tests/fuzz/replay.c tests/fuzz/fuzz_extract.c tests/fuzz/fuzz_edits.c \
                  tests/fuzz/fuzz_options.c $(FUZZ_SHARED) $(ASAN_ENGINE_OBJ) $(FUZZ_HDRS)
	$(CC) $(CFLAGS) $(SAN) -O1 -DFZ_REPLAY -o $@ tests/fuzz/replay.c tests/fuzz/fuzz_extract.c \
	  tests/fuzz/fuzz_edits.c tests/fuzz/fuzz_options.c $(FUZZ_SHARED) $(ASAN_ENGINE_OBJ) $(DEP_LIBS)

test: $(B)/asan/replay $(B)/hardening/patho

replay: $(B)/asan/replay
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 $(B)/asan/replay

# Pathological lines, bounded work, privacy (network, file modes, forget).
hardening: all $(B)/hardening/patho
	@sh tests/hardening/run.sh

# cppcheck and clang-tidy on csrc/: both must be silent.  The checks left
# out are style opinions or false positives on this code (arrays of
# pointers sized by sizeof *p; unchecked printf results in the CLI).
TIDY_CHECKS := -*,clang-analyzer-*,bugprone-*,performance-*,portability-*,cert-*
TIDY_CHECKS := $(TIDY_CHECKS),-clang-analyzer-security.insecureAPI.strcpy
TIDY_CHECKS := $(TIDY_CHECKS),-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling
TIDY_CHECKS := $(TIDY_CHECKS),-clang-analyzer-optin.performance.Padding,-cert-err33-c
TIDY_CHECKS := $(TIDY_CHECKS),-bugprone-easily-swappable-parameters,-bugprone-narrowing-conversions
TIDY_CHECKS := $(TIDY_CHECKS),-bugprone-sizeof-expression
LINT_SRC = $(ENGINE_SRC) $(CLI_SRC) $(LUA_SRC)
LINT_INC = -Icsrc $(DEP_CFLAGS) $(LUAJIT_CFLAGS)

lint:
	cppcheck -q --std=c99 --enable=warning,portability,performance --inline-suppr \
	  --error-exitcode=1 --suppress=missingIncludeSystem -D__GNUC__ $(LINT_INC) csrc
	@set -e; out=$$(for f in $(LINT_SRC); do \
	  clang-tidy -quiet --checks='$(TIDY_CHECKS)' --warnings-as-errors='*' $$f -- \
	    $(CSTD) $(LINT_INC) 2>/dev/null || echo "clang-tidy: $$f has findings"; done); \
	  if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; echo "lint: clean"

$(B)/hardening/patho: tests/hardening/patho.c $(B)/libgavel.a csrc/gavel.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(B)/libgavel.a $(DEP_LIBS)

# The Lua module with ASan+UBSan, and the headless Neovim tests run against
# it: LuaJIT must have the ASan runtime loaded first (LD_PRELOAD), and the
# module is put in package.preload so the normal lua/gavel/core.so stays
# as it is.  Neovim's own leaks are not ours: detect_leaks=0.
ASAN_NVIM_SO = $(B)/asan-nvim/core.so
$(ASAN_NVIM_SO): $(LUA_SRC) $(ASAN_ENGINE_OBJ) $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) -O1 $(LUAJIT_CFLAGS) -shared -o $@ $(LUA_SRC) $(ASAN_ENGINE_OBJ) $(DEP_LIBS)

asan-nvim: $(ASAN_NVIM_SO) all
	@lib=$$($(CC) -print-file-name=libasan.so); \
	 case $$lib in /*) ;; *) lib=$(ASAN_LIB);; esac; \
	 w=$(B)/asan-nvim/nvim; \
	 { echo '#!/bin/sh'; \
	   echo "# $(NVIM) with gavel's module built with ASan (make asan-nvim)"; \
	   echo "LD_PRELOAD=$$lib ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \\"; \
	   echo "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 exec $(NVIM) \\"; \
	   echo "  --cmd \"lua package.preload['gavel.core'] = assert(package.loadlib('$(CURDIR)/$(ASAN_NVIM_SO)', 'luaopen_gavel_core'))\" \"\$$@\""; \
	 } >$$w; chmod +x $$w; \
	 echo "asan-nvim: LD_PRELOAD=$$lib"; \
	 NVIM=$(CURDIR)/$$w sh tests/nvim/run.sh

# The CLI golden tests with the CLI built with ASan+UBSan, and under
# valgrind (any error or definite leak changes the output or exit status).
ASAN_CLI_OBJ = $(CLI_SRC:csrc/cli/%.c=$(B)/asan/cli/%.o)
$(B)/asan/cli/%.o: csrc/cli/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) -O1 -c $< -o $@
$(B)/asan/gavel: $(ASAN_CLI_OBJ) $(ASAN_ENGINE_OBJ)
	$(CC) $(CFLAGS) $(SAN) -O1 -o $@ $(ASAN_CLI_OBJ) $(ASAN_ENGINE_OBJ) $(DEP_LIBS)

.PHONY: golden-asan golden-valgrind
golden-asan: $(B)/asan/gavel
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  GAVEL_BIN=$(B)/asan/gavel sh tests/golden/run.sh
golden-valgrind: $(B)/gavel
	GAVEL_BIN="valgrind -q --error-exitcode=99 --suppressions=tests/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite,indirect $(B)/gavel" \
	  sh tests/golden/run.sh

# The engine, the CLI and the C tests built with clang too: no warnings
# there either (the default build is gcc's).
.PHONY: compat
compat:
	$(MAKE) --no-print-directory B=$(B)/clang CC=clang $(B)/clang/libgavel.a $(B)/clang/gavel $(B)/clang/test_gavel
	$(B)/clang/test_gavel
