-- minimal_init.lua: loads gavel from this checkout and nothing else.
-- Used by run.lua (headless tests), tmux_test.sh and `make demo`-style runs.
local root = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:gsub('^@', ''), ':p:h:h:h')
vim.g.gavel_root = root
vim.opt.rtp:prepend(root)
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
vim.opt.more = false
vim.cmd('filetype plugin indent on')
vim.cmd('syntax on')
