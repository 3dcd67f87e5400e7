-- gavel.index: the case index in Neovim.  Saved notes are re-indexed
-- after the write (deferred, so typing never waits); :Gavel index, cases,
-- agenda and forget; the cross-file evidence lookups the evidence jump uses.
--
-- The index is one SQLite file (default stdpath('data')/gavel/index.db;
-- vim.g.gavel_index_db overrides).  When it cannot be opened or written,
-- that is said once and everything else keeps working.

local M = {}
local H = {}

local api = vim.api

-- ===== The store ==========================================================

H.store = nil -- the open store userdata
H.failed_at = nil -- os.time() of the last failed open: retried after a minute
H.pending = {} -- buf -> { timer =, attempt = } while a re-index is queued
H.WRITE_BUSY_MS = 200 -- how long a save's re-index waits for another writer

--- The index file's path.
function M.db_path()
  local cfg = require('gavel.config').get()
  return vim.g.gavel_index_db or cfg.index_db or (vim.fn.stdpath('data') .. '/gavel/index.db')
end

function H.say(msg, level)
  vim.notify(msg, level or vim.log.levels.WARN)
end

function H.say_once(key, msg, level)
  require('gavel.util').notify_once('gavel.index:' .. key, msg, level)
end

--- The open store, or nil and the reason (said once).
function M.store()
  if H.store then
    return H.store
  end
  if H.failed_at and os.time() - H.failed_at < 60 then
    return nil, H.err
  end
  local loader = require('gavel.loader')
  local core, cerr = loader.core()
  if not core then
    return nil, cerr
  end
  if not core.store_open then
    return nil, 'gavel: this build has no case index'
  end
  local engine = loader.engine()
  local store, err = core.store_open(M.db_path(), engine)
  if not store then
    H.failed_at, H.err = os.time(), err
    H.say_once('open', (err or 'gavel: the case index cannot be opened') .. ' (in-buffer warnings keep working)')
    return nil, err
  end
  H.failed_at, H.err = nil, nil
  H.store = store
  local note = store:notice()
  if note then
    H.say('gavel: ' .. note)
  end
  return store
end

--- Closes the store (the last connection out leaves a clean database).
function M.close()
  if H.store then
    H.store:close()
    H.store = nil
  end
end

-- The store for a command, or nil and the reason (said as an error).  The
-- user asked: a failed open is tried again now, not a minute later.
function H.need_store()
  H.failed_at = nil
  local store, err = M.store()
  if not store then
    H.say(err or 'gavel: the case index is not available', vim.log.levels.ERROR)
  end
  return store, err
end

function H.today()
  return require('gavel.util').today()
end

-- Reports a write failure once per message: the index is not updated, but
-- editing and the buffer's own warnings go on.
function H.write_failed(err)
  err = err or 'gavel: the case index is not being updated'
  H.say_once('write', err:find('not being updated') and err or (err .. ' (the index is not being updated)'))
end

-- ===== Re-index on write ====================================================

--- Called by the BufWritePost autocommand: queues the file's re-index
--- outside the write, so typing never waits for it.  A write while a
--- retry waits (another process held the index) tries again now.
function M.on_write(buf)
  local p = H.pending[buf]
  if p and p.attempt == 0 then
    return
  end
  if p then
    p.timer:stop()
  end
  H.queue(buf, 50, 0)
end

function H.queue(buf, ms, attempt)
  local p = { attempt = attempt }
  H.pending[buf] = p
  p.timer = vim.defer_fn(function()
    if H.pending[buf] == p then
      H.pending[buf] = nil
      H.reindex(buf, attempt)
    end
  end, ms)
end

-- Re-indexes buf's file after a write.  Another process's write lock is
-- waited for briefly (the editor must not freeze), then the re-index is
-- tried again in the background (1, 2, 4 ... 30 s), without a message: the
-- lock is someone else's short job.  A read-only index was said at open.
function H.reindex(buf, attempt)
  if not api.nvim_buf_is_valid(buf) or api.nvim_buf_get_name(buf) == '' then
    return
  end
  local store = M.store()
  if not store or store:readonly() then
    return
  end
  store:busy_timeout(H.WRITE_BUSY_MS)
  local how, err, code = store:index_file(vim.fn.fnamemodify(api.nvim_buf_get_name(buf), ':p'), H.today())
  store:busy_timeout()
  if how then
    return
  end
  if code == 'database is busy' then
    if attempt < 12 then
      H.queue(buf, math.min(30000, 1000 * 2 ^ attempt), attempt + 1)
    end
    return
  end
  H.write_failed(err)
end

--- Indexes one file now: "read", "skipped", "removed", "failed", or nil and
--- the reason.
function M.index_file(path)
  local store, err = M.store()
  if not store then
    return nil, err
  end
  local how, ierr = store:index_file(vim.fn.fnamemodify(path, ':p'), H.today())
  if not how then
    H.write_failed(ierr)
  end
  return how, ierr
end

-- ===== Arguments ==========================================================

-- The command's arguments as a list of strings, whether given a list,
-- the user command's table ({ fargs = ... }) or a string.
function H.args(args)
  if type(args) == 'string' then
    return vim.split(args, '%s+', { trimempty = true })
  end
  if type(args) ~= 'table' then
    return {}
  end
  if args.fargs then
    return args.fargs
  end
  return args
end

-- ===== :Gavel index [dir] =================================================

--- Indexes a folder (default: the current directory) with progress in the
--- message area.  Returns the counts, or nil and the reason.
function M.index(args)
  local a = H.args(args)
  local dir = vim.fn.fnamemodify(vim.fn.expand(a[1] or vim.fn.getcwd()), ':p')
  local store, err = H.need_store()
  if not store then
    return nil, err
  end
  local start = vim.loop.hrtime()
  local last = 0
  local stats, ierr = store:index_dir(dir, H.today(), function(done, total)
    local now = vim.loop.hrtime()
    if now - last > 50e6 or done == total then
      last = now
      local width = 20
      local fill = total > 0 and math.floor(done * width / total) or width
      api.nvim_echo({ { ('gavel: indexing [%s%s] %d/%d'):format(('#'):rep(fill), (' '):rep(width - fill), done, total) } }, false, {})
      vim.cmd('redraw')
    end
  end)
  if not stats then
    H.say(ierr or 'gavel: indexing failed', vim.log.levels.ERROR)
    return nil, ierr
  end
  local secs = (vim.loop.hrtime() - start) / 1e9
  local total = stats.read + stats.skipped + stats.failed
  local msg = ('gavel: indexed %d file%s (%d read, %d skipped, %d removed%s) in %.2f s'):format(
    total,
    total == 1 and '' or 's',
    stats.read,
    stats.skipped,
    stats.removed,
    stats.failed > 0 and (', %d unreadable'):format(stats.failed) or '',
    secs
  )
  api.nvim_echo({ { msg } }, true, {})
  return stats
end

-- ===== Scratch windows ====================================================

-- Opens (or reuses) a scratch buffer named name in a split below, fills it
-- with lines, and makes <CR> open targets[line] = { file=, row= }.
function H.scratch(name, lines, targets, filetype)
  local buf = vim.fn.bufnr(name)
  if buf == -1 or not api.nvim_buf_is_valid(buf) then
    buf = api.nvim_create_buf(false, true)
    api.nvim_buf_set_name(buf, name)
  end
  local win = vim.fn.bufwinid(buf)
  if win == -1 then
    vim.cmd('botright split')
    win = api.nvim_get_current_win()
    api.nvim_win_set_buf(win, buf)
  else
    api.nvim_set_current_win(win)
  end
  vim.bo[buf].buftype = 'nofile'
  vim.bo[buf].bufhidden = 'hide'
  vim.bo[buf].swapfile = false
  vim.bo[buf].modifiable = true
  api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
  vim.bo[buf].filetype = filetype
  vim.wo[win].wrap = false
  vim.wo[win].cursorline = true
  vim.wo[win].number = false
  api.nvim_win_set_height(win, math.max(3, math.min(#lines + 1, math.floor(vim.o.lines / 2))))
  H.targets = H.targets or {}
  H.targets[buf] = targets
  vim.keymap.set('n', '<CR>', function()
    M.open_target(buf, api.nvim_win_get_cursor(0)[1])
  end, { buffer = buf, desc = 'gavel: open the notes at this line' })
  vim.keymap.set('n', 'q', '<Cmd>close<CR>', { buffer = buf, desc = 'gavel: close' })
  return buf, win
end

--- Opens the notes behind line lnum (1-based) of scratch buffer buf, in
--- the window above the scratch window.  Returns true when there was one.
function M.open_target(buf, lnum)
  local t = H.targets and H.targets[buf] and H.targets[buf][lnum]
  if not t then
    return false
  end
  vim.cmd('wincmd p')
  if api.nvim_get_current_buf() == buf then
    vim.cmd('aboveleft split')
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(t.file))
  local last = api.nvim_buf_line_count(0)
  api.nvim_win_set_cursor(0, { math.min(t.row + 1, last), 0 })
  vim.cmd('normal! zz')
  return true
end

-- Pads s to n display cells, cutting with "…" when longer.
function H.cell(s, n)
  s = s or ''
  local w = vim.fn.strdisplaywidth(s)
  if w > n then
    while vim.fn.strdisplaywidth(s) > n - 1 do
      s = vim.fn.strcharpart(s, 0, vim.fn.strchars(s) - 1)
    end
    return s .. '…' .. (' '):rep(n - vim.fn.strdisplaywidth(s) - 1)
  end
  return s .. (' '):rep(n - w)
end

-- ===== :Gavel cases =======================================================

function H.state_text(c)
  if c.state == 'offer-open' and c.offer_expires then
    return 'offer open until ' .. c.offer_expires
  end
  return c.state
end

--- The dashboard lines and their targets for a list of cases (as
--- store:cases returns them).  Exposed for tests.
function M.cases_lines(cases)
  local lines = {
    H.cell('CASE', 30) .. ' ' .. H.cell('STATE', 24) .. ' ' .. H.cell('LATEST OFFER', 32) .. ' '
      .. H.cell('RESP', 5) .. ' ' .. H.cell('NEXT', 32) .. ' WARN',
  }
  local targets = {}
  for _, c in ipairs(cases) do
    local name = c.number ~= '' and (c.name .. ' (' .. c.number .. ')') or c.name
    local next = c.next_date and (c.next_date .. ' ' .. c.next_what) or '-'
    local resp = c.days_since_response and (c.days_since_response .. 'd') or '-'
    lines[#lines + 1] = H.cell(name, 30) .. ' ' .. H.cell(H.state_text(c), 24) .. ' '
      .. H.cell(c.offer ~= '' and c.offer or '-', 32) .. ' ' .. H.cell(resp, 5) .. ' '
      .. H.cell(next, 32) .. ' ' .. tostring(c.warning_count)
    targets[#lines] = { file = c.file, row = c.row }
  end
  if #cases == 0 then
    lines[#lines + 1] = 'no cases indexed yet: :Gavel index {dir}'
  end
  return lines, targets
end

--- :Gavel cases: every indexed case, most urgent first, in a scratch
--- window; <CR> opens the case's notes at the relevant line.
function M.cases(args)
  local _ = H.args(args)
  local store, err = H.need_store()
  if not store then
    return nil, err
  end
  local cases, qerr = store:cases(H.today())
  if not cases then
    H.say(qerr, vim.log.levels.ERROR)
    return nil, qerr
  end
  local lines, targets = M.cases_lines(cases)
  H.scratch('gavel://cases', lines, targets, 'gavelcases')
  return cases
end

-- ===== :Gavel agenda [days] ===============================================

local weekdays = { 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday' }

function H.weekday(date)
  local y, m, d = date:match('^(%d+)-(%d+)-(%d+)$')
  local t = os.time({ year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12 })
  return weekdays[tonumber(os.date('%w', t)) + 1]
end

--- The agenda lines, targets and quickfix items for a list of entries (as
--- store:agenda returns them).  Exposed for tests.
function M.agenda_lines(items, today, days)
  local lines, targets, qf = {}, {}, {}
  local util = require('gavel.util')
  local day
  for _, a in ipairs(items) do
    if a.date ~= day then
      day = a.date
      if #lines > 0 then
        lines[#lines + 1] = ''
      end
      local rel = util.relative(a.date, today)
      lines[#lines + 1] = ('%-9s %s%s'):format(H.weekday(a.date), a.date, rel and ('  (' .. rel .. ')') or '')
    end
    lines[#lines + 1] = ('  %5s  %s %s'):format(a.time or '', H.cell(a.what, 22), a.case)
    targets[#lines] = { file = a.file, row = a.row }
    qf[#qf + 1] = {
      filename = a.file,
      lnum = a.row + 1,
      col = 1,
      text = ('%s %s%s: %s (%s)'):format(a.date, a.time and (a.time .. ' ') or '', a.what, a.case, a.kind),
    }
  end
  if #items == 0 then
    lines[1] = ('nothing in the next %d days'):format(days)
  end
  return lines, targets, qf
end

--- :Gavel agenda [days]: court dates, deadlines and offer expirations of
--- every case in the next days (14), by day; also in the quickfix list.
function M.agenda(args)
  local a = H.args(args)
  local days = tonumber(a[1] or '') or 14
  if a[1] and not tonumber(a[1]) then
    H.say('gavel: agenda wants a number of days, not ' .. a[1], vim.log.levels.ERROR)
    return nil
  end
  local store, err = H.need_store()
  if not store then
    return nil, err
  end
  local today = H.today()
  local items, qerr = store:agenda(today, days)
  if not items then
    H.say(qerr, vim.log.levels.ERROR)
    return nil, qerr
  end
  local lines, targets, qf = M.agenda_lines(items, today, days)
  vim.fn.setqflist({}, ' ', { title = ('gavel agenda: %d days from %s'):format(days, today), items = qf })
  H.scratch('gavel://agenda', lines, targets, 'gavelagenda')
  return items
end

-- ===== :Gavel forget [case] ===============================================

--- :Gavel forget [case]: removes a case (default: the current buffer's)
--- from the index.  Returns the number of files forgotten, or nil.
function M.forget(args)
  local a = H.args(args)
  local store, err = H.need_store()
  if not store then
    return nil, err
  end
  local target = a[1] and vim.fn.fnamemodify(vim.fn.expand(a[1]), ':p') or nil
  if not target then
    local name = api.nvim_buf_get_name(0)
    if name == '' or vim.bo.buftype ~= '' then
      H.say('gavel: forget which case? :Gavel forget {case folder}', vim.log.levels.ERROR)
      return nil
    end
    target = require('gavel.loader').core().case_dir(name) or vim.fn.fnamemodify(name, ':p:h')
  end
  local n, ferr = store:forget(target)
  if not n then
    H.say(ferr, vim.log.levels.ERROR)
    return nil, ferr
  end
  api.nvim_echo({ { n > 0 and ('gavel: forgot %s (%d file%s)'):format(target, n, n == 1 and '' or 's') or ('gavel: %s is not in the index'):format(target) } }, true, {})
  return n
end

-- ===== Evidence across files ==============================================

--- The case folder of a file, as the index stores it.
function M.case_dir(path)
  local core = require('gavel.loader').core()
  return core and core.case_dir(path) or nil
end

--- Where evidence `id` ("EX-12") is defined in the case: { file=, row= }
--- (row 0-based), or nil.
function M.find_definition(case_dir, id)
  local store = M.store()
  if not store or not case_dir or not id then
    return nil
  end
  local hits = store:evidence(case_dir, id)
  for _, h in ipairs(hits or {}) do
    if h.kind == 'def' then
      return { file = h.file, row = h.row, col = h.col }
    end
  end
  return nil
end

--- Every definition and reference of evidence id in the case: a list of
--- { file=, row=, col=, end_col=, kind = "def"|"ref" } (0-based), or {}.
function M.references(case_dir, id)
  local store = M.store()
  if not store or not case_dir or not id then
    return {}
  end
  return store:evidence(case_dir, id) or {}
end

-- Close the store on exit so the database is left clean (no -wal file).
api.nvim_create_autocmd('VimLeavePre', {
  group = api.nvim_create_augroup('gavel.index', { clear = true }),
  callback = M.close,
  desc = 'gavel: close the case index',
})

return M
