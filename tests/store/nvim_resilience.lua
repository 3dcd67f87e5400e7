-- nvim_resilience.lua: the editor keeps working when the case index is
-- locked, corrupt, read-only or on a full disk, or a notes file is deleted
-- or renamed under its buffer.  Run by tests/store/run.sh, once per
-- scenario, in a fresh headless Neovim with XDG folders of its own:
--   GAVEL_SCENARIO  locked | corrupt | readonly | full | deleted
--   GAVEL_CASE      a case folder (with a .gavel marker) of n*.md notes
--   GAVEL_DB        the index file (vim.g.gavel_index_db)
--   GAVEL_BIN       build/gavel (the corrupt scenario makes its index with it)
--   GAVEL_OUT       where the FAIL lines, "skipped: ..." lines and
--                   "N passed, N failed" go
local count = { pass = 0, fail = 0 }
local log = {} -- FAIL and skipped lines, in order
local function ok(cond, what)
  local k = cond and 'pass' or 'fail'
  count[k] = count[k] + 1
  if not cond then
    table.insert(log, ('FAIL nvim %s: %s'):format(vim.env.GAVEL_SCENARIO, what))
  end
  return cond
end
local function skip(why)
  log[#log + 1] = 'skipped: ' .. vim.env.GAVEL_SCENARIO .. ': ' .. why
end

local api = vim.api
local uv = vim.loop
local case, db = vim.env.GAVEL_CASE, vim.env.GAVEL_DB
vim.g.gavel_index_db = db
vim.o.swapfile = false
vim.o.more = false

-- Every message the user would see: vim.notify, and :messages at the end.
local notes = {}
vim.notify = function(msg, level)
  notes[#notes + 1] = { msg = tostring(msg), level = level or vim.log.levels.INFO }
end
local function said(pattern)
  local n = 0
  for _, m in ipairs(notes) do
    if m.msg:lower():find(pattern) then
      n = n + 1
    end
  end
  return n
end
local function show(pattern)
  local out = {}
  for _, m in ipairs(notes) do
    if not pattern or m.msg:lower():find(pattern) then
      out[#out + 1] = m.msg
    end
  end
  return table.concat(out, ' | ')
end

require('gavel').setup({ today = '2025-04-10' })
vim.cmd('filetype on')
local ix = require('gavel.index')
local attach = require('gavel.attach')
local render = require('gavel.render')

local files = vim.fn.globpath(case, '**/*.md', false, true)
table.sort(files)
-- the exhibit each file defines (n3.md defines Exhibit 3: see run.sh's mk_case)
local function own_exhibit(path)
  return 'EX-' .. path:match('n(%d+)%.md$')
end

-- Lets deferred work (the re-index after a write, debounced analysis) run;
-- returns the wall time the event loop took, in ms.
local function settle(ms)
  local t0 = uv.hrtime()
  vim.wait(ms or 200, function()
    return false
  end, 10)
  return (uv.hrtime() - t0) / 1e6
end

-- Opens a notes file; returns its buffer (attached by the plugin).
local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = api.nvim_get_current_buf()
  ok(attach.buffers[buf] ~= nil, 'the notes buffer is attached: ' .. path)
  return buf
end

-- Types a line citing an undefined exhibit and checks the buffer's own
-- warnings follow it: the in-buffer diagnostics keep working.
local typed = 0
local function diagnostics_work(buf, what)
  typed = typed + 1
  local id = 8800 + typed
  api.nvim_buf_set_lines(buf, -1, -1, false, { ('- See Exhibit %d (%s).'):format(id, what) })
  local row = api.nvim_buf_line_count(buf) - 1
  attach.flush(buf)
  local hit = false
  for _, d in ipairs(vim.diagnostic.get(buf, { namespace = render.ns })) do
    if d.lnum == row then
      hit = true
    end
  end
  ok(hit, 'diagnostics follow typing (' .. what .. ')')
end

-- Where the index says exhibit id is defined (a path), or nil.
local case_dir = ix.case_dir(files[1])
local function defined_in(id)
  local store = ix.store()
  if not store then
    return nil
  end
  for _, h in ipairs(store:evidence(case_dir, id) or {}) do
    if h.kind == 'def' then
      return h.file
    end
  end
  return nil
end

-- Appends a line defining exhibit n to buf and writes it.
local function write_with(buf, n)
  api.nvim_buf_set_lines(buf, -1, -1, false, { ('- Exhibit %d: a new photo'):format(n) })
  vim.cmd('silent write')
end

local function mode(path)
  local st = uv.fs_stat(path)
  return st and ('%o'):format(st.mode % 512) or 'missing'
end

local scenario = {}

-- ---- another process holds the write lock ---------------------------------
function scenario.locked()
  ok(ix.index({ case }), 'the case is indexed')
  local buf = open(files[1])
  -- python's sqlite3 holds BEGIN EXCLUSIVE until its stdin closes
  local held, exited = false, false
  local job = vim.fn.jobstart({
    'python3',
    '-c',
    'import sqlite3,sys\n'
      .. 'c=sqlite3.connect(sys.argv[1],isolation_level=None,timeout=0)\n'
      .. 'c.execute("BEGIN EXCLUSIVE")\nprint("held",flush=True)\nsys.stdin.read()\n'
      .. 'c.execute("ROLLBACK")\n',
    db,
  }, {
    on_stdout = function(_, data)
      if table.concat(data):find('held') then
        held = true
      end
    end,
    on_exit = function()
      exited = true
    end,
  })
  ok(job > 0, 'the lock holder starts')
  ok(vim.wait(5000, function()
    return held
  end, 10), 'the lock holder holds the lock')

  write_with(buf, 555)
  local ms = settle(300)
  ok(ms < 3000, ('the write re-index does not freeze the editor on a lock (%.0f ms)'):format(ms))
  write_with(buf, 556)
  ms = settle(300)
  ok(ms < 3000, ('nor does a second write (%.0f ms)'):format(ms))
  ok(said('lock') == 0 and said('busy') == 0, 'no lock message reaches the user: ' .. show())
  diagnostics_work(buf, 'while locked')
  ok(defined_in('EX-555') == nil, 'nothing was written under the lock')

  vim.fn.chanclose(job, 'stdin')
  ok(vim.wait(5000, function()
    return exited
  end, 10), 'the lock holder lets go')
  write_with(buf, 557)
  ok(vim.wait(5000, function()
    return defined_in('EX-557') ~= nil
  end, 20), 'after the lock is gone a write indexes the file')
  ok(defined_in('EX-555') ~= nil, 'with what was written under the lock')
  ok(said('lock') == 0 and said('busy') == 0, 'still no lock message: ' .. show())
end

-- ---- the index file is garbage before Neovim opens it ---------------------
function scenario.corrupt()
  local out = vim.fn.system({ vim.env.GAVEL_BIN, 'index', '--db', db, case })
  ok(vim.v.shell_error == 0, 'the CLI makes the index: ' .. out)
  local f = assert(io.open(db, 'wb')) -- truncates in place: the mode stays
  local junk = {}
  for i = 1, 20000 do
    junk[i] = string.char((i * 7919 + 13) % 251)
  end
  f:write(table.concat(junk))
  f:close()
  ok(mode(db) == '600', 'the garbage file is 0600')

  local buf = open(files[1])
  write_with(buf, 555)
  ok(vim.wait(5000, function()
    return defined_in('EX-555') ~= nil
  end, 20), 'a write indexes into the rebuilt index')
  ok(said('moved it to .*index%.db%.corrupt%-') == 1, 'the user is told once: ' .. show())
  local stats = ix.index({ case })
  ok(stats and stats.read > 0, ':Gavel index rebuilds the case')
  write_with(buf, 556)
  settle(200)
  ok(said('damaged') == 1, 'the damage is said once: ' .. show('damaged'))
  local aside = vim.fn.glob(db .. '.corrupt-*', false, true)
  ok(#aside == 1, 'the corrupt file is kept aside: ' .. #aside)
  ok(aside[1] and mode(aside[1]) == '600', 'the copy aside is 0600')
  diagnostics_work(buf, 'after the rebuild')
end

-- ---- the index folder and file cannot be written --------------------------
function scenario.readonly()
  ok(ix.index({ case }), 'the case is indexed')
  ix.close()
  local dir = vim.fn.fnamemodify(db, ':h')
  uv.fs_chmod(db, tonumber('400', 8))
  uv.fs_chmod(dir, tonumber('500', 8))
  local probe = dir .. '/probe'
  local pf = io.open(probe, 'w')
  if pf then -- root ignores permissions
    pf:close()
    os.remove(probe)
    uv.fs_chmod(dir, tonumber('700', 8))
    skip('chmod has no effect for this user (root); run as another user')
    return
  end
  local buf = open(files[1])
  write_with(buf, 555)
  settle(300)
  ok(said('not being updated') == 1, 'one message that the index is not updated: ' .. show())
  write_with(buf, 556)
  settle(300)
  ok(#notes == 1, 'not repeated on a second write: ' .. show())
  ok(not show():find('not being updated.*not being updated'), 'said without repeating itself: ' .. show())
  local cases = ix.cases({})
  ok(cases and #cases == 1, ':Gavel cases still reads the index')
  diagnostics_work(buf, 'read-only index')
  uv.fs_chmod(dir, tonumber('700', 8))
  uv.fs_chmod(db, tonumber('600', 8))
end

-- ---- the index is on a full disk (a tiny tmpfs made by run.sh) -----------
function scenario.full()
  ok(ix.index({ case }), 'the case is indexed')
  local buf = open(files[1])
  ix.close() -- the next write opens it again: a new -wal needs room
  local dir = vim.fn.fnamemodify(db, ':h')
  local filler = dir .. '/filler'
  local fd = assert(uv.fs_open(filler, 'w', tonumber('600', 8)))
  local chunk = ('x'):rep(4096)
  local full, err = false, nil
  for i = 0, 100000 do
    local n, werr = uv.fs_write(fd, chunk, i * 4096)
    if n ~= #chunk then
      full, err = true, werr
      break
    end
  end
  uv.fs_close(fd)
  ok(not err or err:find('ENOSPC') ~= nil, 'the disk is full: ' .. tostring(err))
  if not ok(full, 'the disk fills up') then
    return
  end
  write_with(buf, 555)
  settle(300)
  ok(said('the disk is full') == 1, 'the user is told the disk is full: ' .. show())
  local first = #notes
  ok(first == 1, 'told once: ' .. show())
  write_with(buf, 556)
  settle(300)
  ok(#notes == first, 'not repeated on a second write: ' .. show())
  diagnostics_work(buf, 'full disk')
  os.remove(filler)
  -- after a failed open the store is retried a minute later; a later
  -- :Gavel index is the user asking now
  ok(vim.wait(5000, function()
    write_with(buf, 557)
    settle(100)
    return defined_in('EX-557') ~= nil
  end, 500) or (ix.index({ case }) and defined_in('EX-557') ~= nil), 'with room again the file is indexed')
end

-- ---- the notes file is deleted or renamed under its buffer ----------------
function scenario.deleted()
  ok(ix.index({ case }), 'the case is indexed')
  local buf = open(files[1])
  local ex1 = own_exhibit(files[1])
  ok(defined_in(ex1) == files[1], ex1 .. ' is indexed in the file')
  ok(os.remove(files[1]), 'the file is deleted')
  diagnostics_work(buf, 'file deleted')
  vim.cmd('Gavel timeline')
  vim.cmd('wincmd p')
  vim.cmd('Gavel check')
  vim.cmd('Gavel index ' .. vim.fn.fnameescape(case))
  ok(api.nvim_buf_is_valid(buf) and api.nvim_buf_line_count(buf) > 5, 'the buffer keeps its text')
  ok(defined_in(ex1) == nil, 'the deleted file leaves the index: ' .. tostring(defined_in(ex1)))
  ok(uv.fs_stat(files[1]) == nil, 'nothing wrote the deleted file back')

  -- renamed: the buffer is saved under the new name
  vim.cmd('edit ' .. vim.fn.fnameescape(files[2]))
  local b2 = api.nvim_get_current_buf()
  local new = vim.fn.fnamemodify(files[2], ':h') .. '/renamed.md'
  ok(os.rename(files[2], new), 'the file is renamed')
  diagnostics_work(b2, 'file renamed')
  api.nvim_buf_set_lines(b2, -1, -1, false, { '- Exhibit 600: a new photo' })
  vim.cmd('silent saveas! ' .. vim.fn.fnameescape(new))
  ok(vim.wait(3000, function()
    return defined_in('EX-600') == new
  end, 20), ':saveas under the new name indexes the new path: ' .. tostring(defined_in('EX-600')))
  vim.cmd('Gavel index ' .. vim.fn.fnameescape(case))
  local ex2 = own_exhibit(files[2])
  ok(defined_in(ex2) == new, 'the old path leaves the index: ' .. tostring(defined_in(ex2)))
  diagnostics_work(b2, 'after saveas')
  ok(said('error') == 0 and said('traceback') == 0, 'no error is said: ' .. show())
end

local fn = scenario[vim.env.GAVEL_SCENARIO]
local okrun, err = pcall(fn or error, 'no scenario ' .. tostring(vim.env.GAVEL_SCENARIO))
ok(okrun, 'no Lua error: ' .. tostring(err))
local msgs = vim.fn.execute('messages')
ok(not msgs:find('E5108') and not msgs:find('traceback') and not msgs:find('Error executing'),
  'no Lua error in :messages: ' .. msgs)
ok(vim.v.errmsg == '', 'no error message: ' .. vim.v.errmsg)
pcall(ix.close)
table.insert(log, ('%d passed, %d failed\n'):format(count.pass, count.fail))
local out = assert(io.open(vim.env.GAVEL_OUT, 'w'))
out:write(table.concat(log, '\n'))
out:close()
vim.cmd('qall!')
