-- privacy_spec.lua: gavel.privacy keeps a notes buffer's text out of swap,
-- undo, backup and ShaDa files.  Run headless by tests/hardening/nvim.sh:
--   nvim --headless --clean -i NONE --cmd 'set rtp^=ROOT' -c 'luafile privacy_spec.lua'
-- with GAVEL_PRIV_DIR (a scratch folder), GAVEL_PRIV_NOTES (a notes file in
-- it holding GAVEL_PRIV_MARK) and GAVEL_PRIV_OUT (where "P F" is written).
-- Every file Neovim may write goes below GAVEL_PRIV_DIR, where the test
-- then looks for the mark.
local dir = assert(os.getenv('GAVEL_PRIV_DIR'))
local notes = vim.fn.fnamemodify(assert(os.getenv('GAVEL_PRIV_NOTES')), ':p')
local mark = assert(os.getenv('GAVEL_PRIV_MARK'))
local api = vim.api
local passed, failed = 0, 0

local function say(s)
  io.stdout:write(s, '\n')
end

local function ok(cond, what)
  if cond then
    passed = passed + 1
  else
    failed = failed + 1
    say('FAIL privacy: ' .. what)
  end
end

-- Files below d (recursively) whose bytes contain s.
local function files_with(d, s)
  local hits = {}
  for _, f in ipairs(vim.fn.globpath(d, '**', true, true)) do
    if vim.fn.isdirectory(f) == 0 and vim.fn.fnamemodify(f, ':p') ~= notes then
      local fh = io.open(f, 'rb')
      if fh then
        local data = fh:read('*a') or ''
        fh:close()
        if data:find(s, 1, true) then
          hits[#hits + 1] = vim.fn.fnamemodify(f, ':t')
        end
      end
    end
  end
  return hits
end

for _, sub in ipairs({ 'swap', 'undo', 'backup' }) do
  vim.fn.mkdir(dir .. '/' .. sub, 'p')
end
-- Everything on that Neovim would write beside the notes, into dir.
vim.o.directory = dir .. '/swap//'
vim.o.undodir = dir .. '/undo//'
vim.o.backupdir = dir .. '/backup//'
vim.o.swapfile = true
vim.o.undofile = true
vim.o.backup = true
vim.o.writebackup = true
vim.o.backupcopy = 'yes'
vim.o.shadafile = dir .. '/main.shada'
vim.o.shada = "!,'100,<50,s10,h"
vim.o.updatecount = 1

local priv = require('gavel.privacy')

-- 'shada' rewriting keeps the user's own items and drops the text-bearing ones
local r = priv._restricted_shada("!,'100,<50,s10,h,:200,/50,@10,\"20", { '/cases/a' })
ok(r:find("'100", 1, true) and r:find('!', 1, true) and r:find('h', 1, true), "keeps ', ! and h items: " .. r)
ok(not r:find('<50', 1, true) and not r:find(':200', 1, true) and not r:find('"20', 1, true), 'drops register and history sizes: ' .. r)
ok(r:find('<0', 1, true) and r:find(':0', 1, true) and r:find('/0', 1, true) and r:find('@0', 1, true), 'registers and histories off: ' .. r)
ok(r:find(',r/cases/a', 1, true), "an 'r' item for the notes: " .. r)

-- a plain buffer first: nothing changes for it
vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/plain.txt'))
local plain = api.nvim_get_current_buf()
ok(vim.bo[plain].swapfile, 'a plain buffer keeps its swap file')

-- with the early hook, a notes buffer never gets a swap file
priv.setup()
vim.cmd('edit ' .. vim.fn.fnameescape(notes))
local buf = api.nvim_get_current_buf()
ok(not vim.bo[buf].swapfile, 'the before-read hook turned the swap file off')
priv.apply(buf)
ok(priv.is_private(buf), 'buffer is private after apply')
ok(not vim.bo[buf].swapfile and not vim.bo[buf].undofile, 'noswapfile noundofile on the notes buffer')
ok(not vim.o.backup and not vim.o.writebackup, 'nobackup nowritebackup while the notes buffer is current')
ok(vim.o.backupskip:find(vim.fn.fnamemodify(notes, ':p'), 1, true) ~= nil, "the notes' path is in 'backupskip'")
ok(not vim.o.shada:find('<50', 1, true) and vim.o.shada:find('<0', 1, true), "'shada' keeps no registers")

-- apply is idempotent
priv.apply(buf)
priv.apply(buf)
local n = #api.nvim_get_autocmds({ group = 'gavel_privacy', buffer = buf })
ok(n == 3, 'apply twice adds no autocommands (' .. n .. ')')

-- type privileged text, yank it, search it, write: nothing lands anywhere
api.nvim_buf_set_lines(buf, -1, -1, false, { 'Privileged: ' .. mark .. ' told me everything.' })
vim.cmd('normal! Gyy')
vim.fn.histadd('search', mark)
vim.fn.histadd('cmd', 'echo "' .. mark .. '"')
vim.fn.setreg('a', mark)
vim.cmd('silent write')
vim.cmd('silent! preserve')

-- leave for the plain buffer: the global options come back
vim.cmd('buffer ' .. plain)
ok(vim.o.backup and vim.o.writebackup, 'backup options restored on leaving the notes buffer')
ok(vim.bo[plain].swapfile, 'the plain buffer still has its swap file')
-- a write of the notes buffer from elsewhere (:wall) makes no backup either
api.nvim_buf_set_lines(buf, -1, -1, false, { 'More: ' .. mark })
vim.cmd('silent wall')
vim.cmd('buffer ' .. buf)
ok(not vim.o.backup, 'nobackup again on entering the notes buffer')

vim.cmd('wshada!')
local hits = files_with(dir, mark)
ok(#hits == 0, 'note text in files Neovim wrote: ' .. table.concat(hits, ', '))
-- the notes' path is not in ShaDa either (marks, jumps, buffer list)
local sh = io.open(dir .. '/main.shada', 'rb')
local shada = sh and sh:read('*a') or ''
if sh then
  sh:close()
end
ok(#shada > 0, 'ShaDa was written (so the next check can fail)')
ok(not shada:find(vim.fn.fnamemodify(notes, ':t'), 1, true), "the notes' file name is not in ShaDa")

-- the check above can fail: without privacy the text does land in files
vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/control.md'))
api.nvim_buf_set_lines(0, 0, -1, false, { 'control ' .. mark .. '-control' })
vim.cmd('silent write')
vim.cmd('silent write')
ok(#files_with(dir, mark .. '-control') > 1, 'a plain buffer leaves its text in a backup or undo file (control)')

local out = io.open(assert(os.getenv('GAVEL_PRIV_OUT')), 'w')
out:write(('%d %d\n'):format(passed, failed))
out:close()
vim.cmd('qa!')
