#!/bin/sh
# demo.sh: opens the bundled example case in Neovim with the plugin loaded
# from this checkout (--clean: the user's own config is untouched).  "Today"
# is pinned to 2025-04-10 so the example's warnings show.  Without Neovim,
# or without a terminal, it prints what `gavel check` finds instead.
cd "$(dirname "$0")/../.." || exit 2
case_dir=examples/State-v-Doe
if command -v nvim >/dev/null 2>&1 && [ -t 0 ] && [ -t 1 ]; then
  exec nvim --clean \
    --cmd "set rtp^=$PWD" \
    -c "silent! helptags $PWD/doc" \
    -c "lua require('gavel').setup({ today = '2025-04-10' })" \
    -c "edit $case_dir/notes.md" \
    -c "lua vim.defer_fn(function() vim.notify('gavel demo: warnings are inline; gd on an exhibit jumps to it; :Gavel timeline; :Gavel help') end, 300)"
fi
echo "gavel demo (no terminal Neovim here): build/gavel check --today 2025-04-10 $case_dir"
build/gavel check --today 2025-04-10 "$case_dir"
status=$?
[ "$status" -le 1 ] && exit 0
exit "$status"
