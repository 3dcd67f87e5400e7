-- nvim_index.lua: the case index from inside headless Neovim.  Run by
-- tests/store/run.sh with GAVEL_CASE (a case folder with notes), GAVEL_DB
-- and GAVEL_OUT (where "N passed, N failed" goes).
local pass, fail = 0, 0
local log = {}
local function ok(cond, what)
  if cond then
    pass = pass + 1
  else
    fail = fail + 1
    log[#log + 1] = 'FAIL nvim: ' .. what
  end
end

local case = vim.env.GAVEL_CASE
vim.g.gavel_index_db = vim.env.GAVEL_DB
require('gavel.util').session_today = '2025-04-10'
local ix = require('gavel.index')

local run = function()
  local stats = ix.index({ case })
  ok(stats and stats.read > 0, ':Gavel index reads the case')

  -- the evidence jump reaches other files of the case
  local files = vim.fn.globpath(case, '**/*.md', false, true)
  table.sort(files)
  local def = ix.find_definition(ix.case_dir(files[1]), 'EX-2')
  ok(def and def.file:match('/n2%.md$') and def.row == 4, 'find_definition across files: ' .. vim.inspect(def))
  ok(#ix.references(ix.case_dir(files[1]), 'EX-2') >= 2, 'references across files')

  -- a write re-indexes the file, after the write, without blocking it
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(files[1]))
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(buf, -1, -1, false, { '- Exhibit 555: a new photo' })
  local t0 = vim.loop.hrtime()
  vim.cmd('write')
  ok((vim.loop.hrtime() - t0) / 1e6 < 500, 'the write returns at once')
  if not (package.loaded['gavel.attach'] and require('gavel.attach').buffers[buf]) then
    ix.on_write(buf) -- the plugin's BufWritePost hook is not attached here
  end
  local found = vim.wait(3000, function()
    return ix.find_definition(ix.case_dir(files[1]), 'EX-555') ~= nil
  end, 20)
  ok(found, 'BufWritePost re-indexed the saved file')

  -- the dashboard: <CR> opens the case's notes
  local cases = ix.cases({})
  ok(cases and #cases == 1, ':Gavel cases lists the case')
  local dash = vim.fn.bufnr('gavel://cases')
  ok(dash > 0 and vim.api.nvim_buf_line_count(dash) == 2, 'the dashboard has a header and one row')
  ok(vim.bo[dash].buftype == 'nofile' and not vim.bo[dash].modifiable, 'the dashboard is a scratch buffer')
  ok(ix.open_target(dash, 2), '<CR> has a target')
  ok(vim.api.nvim_buf_get_name(0):match('%.md$') ~= nil, '<CR> opened a notes file')

  -- the agenda fills the quickfix list with what it shows
  local items = ix.agenda({ '30' })
  ok(items ~= nil, ':Gavel agenda runs')
  ok(#vim.fn.getqflist() == #(items or {}), 'the quickfix list has every entry')
  ok(vim.fn.bufnr('gavel://agenda') > 0, 'the agenda window is open')
  local lines = ix.agenda_lines({
    { date = '2025-04-12', time = '09:30', what = 'trial', case = 'State v. X', file = '/x.md', row = 3, kind = 'court_date' },
    { date = '2025-04-12', what = 'motion deadline', case = 'State v. X', file = '/x.md', row = 4, kind = 'deadline' },
    { date = '2025-04-15', what = 'offer expires', case = 'State v. Y', file = '/y.md', row = 0, kind = 'offer_expires' },
  }, '2025-04-10', 14)
  ok(lines[1]:match('^Saturday%s+2025%-04%-12') ~= nil, 'agenda groups under the day: ' .. tostring(lines[1]))
  ok(#lines == 6, 'two days, three entries, one blank line between days')

  -- forget the case from its notes buffer (not from a scratch window)
  ok(ix.forget({}) == nil, 'forget from the agenda window asks which case')
  vim.cmd('edit ' .. vim.fn.fnameescape(files[2]))
  local n = ix.forget({})
  ok(n and n > 0, ':Gavel forget forgets the current case')
  ok(#ix.store():cases('2025-04-10') == 0, 'and it is gone')

  -- a broken index path: said once, editing goes on
  ix.close()
  vim.g.gavel_index_db = '/proc/nonexistent/gavel/index.db'
  local how = ix.index_file(files[1])
  ok(how == nil, 'no index, no indexing')
  ok(vim.api.nvim_buf_get_name(0) ~= '', 'the editor is still fine')
end

local okrun, err = pcall(run)
ok(okrun, 'no Lua error: ' .. tostring(err))
ix.close()
local f = io.open(vim.env.GAVEL_OUT, 'w')
for _, l in ipairs(log) do
  f:write(l, '\n')
end
f:write(('%d passed, %d failed\n'):format(pass, fail))
f:close()
vim.cmd('qall!')
