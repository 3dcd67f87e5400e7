-- gavel.attach: mirrors a notes buffer in a C document.  On attach the
-- buffer is read once; afterwards each on_lines event is forwarded as the
-- replacement of that range only, and a debounced update analyses the
-- document and redraws the rows it reports changed.
--
-- A big buffer (M.SYNC_ROWS rows or more) is read in the background: at
-- attach the document gets the buffer's rows as blank rows (cheap), then
-- slices of about M.SLICE_MS each read the next rows and yield to the
-- event loop, so typing never waits for the whole file.  Nothing is
-- analysed from half a file.  Once read: one analysis and its diagnostics
-- (highlights cost nothing here: render.lua draws the rows on screen).
-- M.flush() finishes all of it at once for a command.
--
-- Never in the way: any error inside gavel detaches the buffer and is said
-- once; binary and enormous files are declined with one message.

local loader = require('gavel.loader')
local util = require('gavel.util')

local M = {}
local api = vim.api
local uv = vim.uv or vim.loop

-- Attached buffers: buf -> state { doc, case_dir, timer, updates }.  A
-- state that is no longer M.buffers[buf] is stale: its on_lines detaches.
-- While a big buffer loads, its state also has phase 'read' (read_next the
-- next unread row, nil once all is read and the analysis is next) and
-- slicer, the timer of the next slice.
M.buffers = {}

--- Buffers with fewer rows than this are read whole at attach.
M.SYNC_ROWS = 5000
--- Milliseconds of work in one slice of a background read.
M.SLICE_MS = 8

local H = {}
-- Buffers gavel stopped reading after an error: not re-attached on their
-- own (only :Gavel enable does), so an error is never repeated.
H.failed = {}

-- ===== Helpers ============================================================

function H.name(buf)
  local name = api.nvim_buf_get_name(buf)
  return name ~= '' and vim.fn.fnamemodify(name, ':~:.') or ('buffer ' .. buf)
end

function H.strip(msg)
  return (tostring(msg):gsub('^gavel: ', ''))
end

function H.close(timer)
  if timer then
    timer:stop()
    if not timer:is_closing() then
      timer:close()
    end
  end
end

-- Stops the debounce timer and any pending slice.
function H.stop_timer(st)
  H.close(st.timer)
  H.close(st.slicer)
  st.timer, st.slicer = nil, nil
end

-- The other attached buffers of buf's case.
function H.siblings(buf, st)
  local out = {}
  for other, ost in pairs(M.buffers) do
    if other ~= buf and ost.case_dir == st.case_dir then
      out[#out + 1] = other
    end
  end
  return out
end

-- The evidence a document defines, as one string.
function H.defined(doc)
  local ids = {}
  for _, e in ipairs(doc:evidence()) do
    if e.def then
      ids[#ids + 1] = e.id .. '-' .. (e.id_end or '')
    end
  end
  return table.concat(ids, ' ')
end

-- Why a buffer cannot be read, or nil.
function H.decline_reason(buf, cfg)
  if vim.bo[buf].binary then
    return 'it is a binary file'
  end
  local n = api.nvim_buf_line_count(buf)
  local bytes = api.nvim_buf_get_offset(buf, n)
  if bytes > cfg.max_file_bytes then
    return ('it is too large (%d bytes; max_file_bytes is %d)'):format(bytes, cfg.max_file_bytes)
  end
end

-- Declines binary text as doc:set_lines does (a NUL byte in the first
-- 8 KiB), reading only the rows that hold those bytes.
function H.sniff(buf, n)
  local k = math.min(n, 64)
  while k < n and api.nvim_buf_get_offset(buf, k) < 8192 do
    k = math.min(n, 2 * k)
  end
  local text = table.concat(api.nvim_buf_get_lines(buf, 0, k, false), '\n')
  return loader.core().sniff(text:sub(1, 8192))
end

-- ===== Mappings ===========================================================

local MAPPINGS = {
  definition = { 'evidence', 'definition', 'gavel: go to the evidence definition' },
  open_file = { 'evidence', 'open_file', 'gavel: open the file an evidence definition names' },
}

function H.map(buf, set)
  local mappings = require('gavel.config').get().mappings
  for key, spec in pairs(MAPPINGS) do
    local lhs = mappings[key]
    if type(lhs) == 'string' and lhs ~= '' then
      if set then
        vim.keymap.set('n', lhs, function()
          require('gavel.' .. spec[1])[spec[2]]({ fallback = lhs })
        end, { buffer = buf, desc = spec[3] })
      else
        pcall(vim.keymap.del, 'n', lhs, { buffer = buf })
      end
    end
  end
end

-- ===== Updates ============================================================

-- Analyses st's document (errors raise); when the evidence it defines
-- changed, the case's other open notes, which read it, are updated too.
function H.analyze(buf, st)
  local before = st.doc:analyses()
  local done, aerr = st.doc:analyze(util.today(), require('gavel.peers').of(buf, st, M.buffers))
  if not done then
    error(aerr, 0)
  end
  if st.defined ~= nil and st.doc:analyses() == before then
    return -- nothing analysed again: the evidence it defines is as it was
  end
  local siblings = H.siblings(buf, st)
  if #siblings > 0 then
    local defined = H.defined(st.doc)
    if st.defined ~= nil and st.defined ~= defined then
      for _, other in ipairs(siblings) do
        H.schedule(other, M.buffers[other])
      end
    end
    st.defined = defined
  end
end

-- Runs the User GavelUpdate autocommands.
function H.announce()
  -- a failing User autocommand is the user's, but must not repeat either
  local ok_au, au_err = pcall(api.nvim_exec_autocmds, 'User', { pattern = 'GavelUpdate', modeline = false })
  if not ok_au then
    util.notify_once('GavelUpdate', 'gavel: a User GavelUpdate autocommand failed: ' .. tostring(au_err))
  end
end

--- Analyses buf's document and redraws: all rows when full, else those the
--- document reports changed.  Errors detach the buffer (reported once).
--- Does nothing while the buffer is being read (see M.flush).
function M.update(buf, full)
  local st = M.buffers[buf]
  if not st or st.phase == 'read' then
    return
  end
  local ok, err = pcall(function()
    H.analyze(buf, st)
    local render = require('gavel.render')
    render.redraw(buf, st.doc, full)
    render.diagnostics(buf, st.doc)
    st.pending = false
    st.updates = st.updates + 1
  end)
  if not ok then
    M.fail(buf, st, err)
    return
  end
  H.announce()
end

-- ===== Background read =================================================

--- Where a row cursor goes when an edit makes rows [first, last) rows
--- [first, new_last): an edit above it shifts it by the rows added or
--- removed, one overlapping it moves it to the end of the edited rows (they
--- hold the buffer's text now), one at or below it leaves it (those rows
--- are read again later, which is harmless).
function M.shift_row(cursor, first, last, new_last)
  if last <= cursor then
    return cursor + (new_last - last)
  elseif first < cursor then
    return new_last
  end
  return cursor
end

--- 'read' while buf's text is read in the background (not analysed yet),
--- nil when done (or not attached).
function M.loading(buf)
  local st = M.buffers[buf]
  return st and st.phase
end

-- The first chunk of rows a slice reads, and the smallest.
local FIRST_ROWS, MIN_ROWS = 256, 16

-- Reads the buffer from st.read_next a chunk at a time until its end
-- (returns true) or the deadline (uv.hrtime ns; returns false).  A chunk
-- is sized from the time per row measured so far (st.per_row, ns) to half
-- of what is left (a slower stretch of text overshoots by little), at most
-- twice the last one.
function H.advance(buf, st, deadline)
  local rows = FIRST_ROWS
  if st.per_row then
    rows = math.max(MIN_ROWS, math.floor((deadline - uv.hrtime()) / 2 / st.per_row))
  end
  while true do
    local n = api.nvim_buf_line_count(buf)
    local lo = st.read_next
    if lo >= n then
      return true
    end
    local hi = math.min(n, lo + rows)
    local t = uv.hrtime()
    H.read_rows(buf, st, lo, hi)
    st.read_next = hi
    local now = uv.hrtime()
    st.per_row = math.max(1, (now - t) / (hi - lo))
    if now >= deadline then
      return hi >= n
    end
    rows = math.min(2 * (hi - lo), math.max(MIN_ROWS, math.floor((deadline - now) / 2 / st.per_row)))
  end
end

-- Reads buffer rows [lo, hi) into the document (blank rows until then).
function H.read_rows(buf, st, lo, hi)
  local ok, err = st.doc:replace(lo, hi, api.nvim_buf_get_lines(buf, lo, hi, false))
  if not ok then
    error(err, 0)
  end
end

-- The text is read: loading is over, and the first update (analysis,
-- diagnostics, drawing, GavelUpdate) runs as for any buffer; the case's
-- other open notes, which took this one from disk meanwhile, update too.
function H.loaded(buf, st)
  st.phase, st.read_next = nil, nil
  H.close(st.slicer)
  st.slicer = nil
  M.update(buf, true)
  for _, other in ipairs(H.siblings(buf, st)) do
    H.schedule(other, M.buffers[other])
  end
end

-- One slice of work on a loading buffer, until deadline (uv.hrtime ns;
-- math.huge finishes the step at hand).  Returns true while work remains.
-- Steps: read rows (read_next), then analyse (read_next nil): one engine
-- call, the longest slice of a big buffer.
function H.slice(buf, st, deadline)
  if st.phase == 'read' and st.read_next then
    if H.advance(buf, st, deadline) then
      st.read_next = nil -- all read: the analysis takes a slice of its own
    end
    return true
  elseif st.phase == 'read' then
    H.loaded(buf, st)
    return false
  end
  return false
end

-- Runs the next slice once the event loop has had its turn (a 0 ms timer,
-- then the main loop), unless buf was detached meanwhile; again while
-- work remains.  Errors go through M.fail.
function H.later(buf, st)
  st.slicer = st.slicer or uv.new_timer()
  st.slicer:start(0, 0, function()
    vim.schedule(function()
      if M.buffers[buf] ~= st or not st.phase then
        return
      end
      local ok, more = pcall(H.slice, buf, st, uv.hrtime() + M.SLICE_MS * 1e6)
      if not ok then
        M.fail(buf, st, more)
      elseif more then
        H.later(buf, st)
      end
    end)
  end)
end

-- ===== Debounce ===========================================================

-- Schedules a debounced update of buf; none while it is being read (its
-- first analysis comes when the text is whole).
function H.schedule(buf, st)
  if st.phase == 'read' then
    return
  end
  local ms = require('gavel.config').get().debounce_ms
  st.pending = true
  if not st.timer then
    st.timer = uv.new_timer()
  end
  st.timer:stop()
  st.timer:start(ms, 0, function()
    vim.schedule(function()
      if M.buffers[buf] == st then
        M.update(buf)
      end
    end)
  end)
end

--- Finishes a background read, then runs a pending update, now
--- (commands read the whole document and fresh results).
function M.flush(buf)
  local st = M.buffers[buf]
  if st and st.phase then
    if st.slicer then
      st.slicer:stop()
    end
    local ok, err = pcall(function()
      while M.buffers[buf] == st and st.phase do
        if not H.slice(buf, st, math.huge) then
          break
        end
      end
    end)
    if not ok then
      M.fail(buf, st, err)
    end
  end
  st = M.buffers[buf]
  if st and st.pending then
    if st.timer then
      st.timer:stop()
    end
    M.update(buf)
  end
  return M.buffers[buf]
end

--- The current buffer and its state, with fresh results; says why not and
--- returns nil when the buffer is not read as case notes.
function M.current()
  local buf = api.nvim_get_current_buf()
  local st = M.flush(buf)
  if not st then
    vim.notify('gavel: this buffer is not read as case notes (:Gavel enable)', vim.log.levels.WARN)
    return nil
  end
  return buf, st
end

-- ===== Failure ============================================================

--- Stops reading buf after an error: detaches, clears what gavel drew and
--- says why, once.  Editing is untouched.
function M.fail(buf, st, err)
  if st.failed then
    return
  end
  st.failed = true
  H.failed[buf] = true
  if M.buffers[buf] == st then
    M.buffers[buf] = nil
  end
  H.stop_timer(st)
  local msg = ('gavel: stopped reading %s after an error: %s (:Gavel enable to retry)'):format(H.name(buf), H.strip(err))
  vim.schedule(function()
    require('gavel.render').clear(buf)
    if api.nvim_buf_is_valid(buf) then
      H.map(buf, false)
    end
    vim.notify(msg, vim.log.levels.ERROR)
  end)
end

-- ===== Events =============================================================

-- Applies one on_lines event: rows [first, last) became [first, new_last).
function H.apply(buf, st, first, last, new_last)
  local lines = api.nvim_buf_get_lines(buf, first, new_last, false)
  local ok = st.doc:replace(first, last, lines)
  if not ok then
    -- out of step with the buffer: read it whole again
    H.read_whole(buf, st)
  elseif st.read_next then
    st.read_next = M.shift_row(st.read_next, first, last, new_last)
  end
  H.schedule(buf, st)
end

-- Reads the whole buffer again (a background read has nothing left).
function H.read_whole(buf, st)
  local ok, err = st.doc:set_lines(api.nvim_buf_get_lines(buf, 0, -1, false))
  if not ok then
    error(err, 0)
  end
  if st.read_next then
    st.read_next = api.nvim_buf_line_count(buf)
  end
end

function H.callbacks(buf, st)
  return {
    on_lines = function(_, _, _, first, last, new_last)
      if M.buffers[buf] ~= st then
        return true
      end
      if first == last and last == new_last then
        return -- undo's no-op event
      end
      local ok, err = pcall(H.apply, buf, st, first, last, new_last)
      if not ok then
        M.fail(buf, st, err)
        return true
      end
    end,
    on_reload = function()
      if M.buffers[buf] ~= st then
        return
      end
      local ok, err = pcall(function()
        H.read_whole(buf, st)
        H.schedule(buf, st)
      end)
      if not ok then
        M.fail(buf, st, err)
      end
    end,
    on_detach = function()
      if M.buffers[buf] == st then
        M.buffers[buf] = nil
        H.stop_timer(st)
      end
    end,
  }
end

-- ===== Attach and detach ==================================================

--- Attaches to buf when it holds case notes (or always, with force).
--- Returns true when attached.
function M.attach(buf, force)
  buf = (buf == nil or buf == 0) and api.nvim_get_current_buf() or buf
  if M.buffers[buf] then
    return true
  end
  if not api.nvim_buf_is_loaded(buf) then
    return false
  end
  if not force then
    local cfg = require('gavel.config').get()
    if not cfg.enabled or vim.b[buf].gavel_disabled or H.failed[buf] or not util.is_notes(buf) then
      return false
    end
  end
  local cfg = require('gavel.config').get()
  local why = H.decline_reason(buf, cfg)
  local engine, err = loader.engine()
  if not engine then
    if loader.core() then -- a missing module was said by the loader already
      util.notify_once('engine', err, vim.log.levels.ERROR)
    end
    return false
  end
  local doc, derr
  local n = api.nvim_buf_line_count(buf)
  local background = n >= M.SYNC_ROWS
  if not why then
    doc, derr = engine:doc()
    if doc and background then
      -- n blank rows now (no text read), the text in slices
      local ok, serr = H.sniff(buf, n)
      if ok then
        ok, serr = doc:set_text(string.rep('\n', n))
      end
      if not ok then
        why = H.strip(serr)
      end
    elseif doc then
      local ok, serr = doc:set_lines(api.nvim_buf_get_lines(buf, 0, -1, false))
      if not ok then
        why = H.strip(serr)
      end
    else
      why = H.strip(derr)
    end
  end
  if why then
    util.notify_once(buf, ('gavel: not reading %s: %s'):format(H.name(buf), why))
    return false
  end
  local st = {
    doc = doc,
    case_dir = util.case_dir(api.nvim_buf_get_name(buf)),
    updates = 0,
  }
  M.buffers[buf] = st
  H.failed[buf] = nil
  -- highlights are drawn from the document's rows, as soon as they are read
  require('gavel.render').track(buf, doc)
  if cfg.privacy then
    local ok, perr = pcall(function()
      require('gavel.privacy').apply(buf)
    end)
    if not ok then
      util.notify_once('privacy', 'gavel: privacy measures failed: ' .. H.strip(perr), vim.log.levels.ERROR)
    end
  end
  api.nvim_buf_attach(buf, false, H.callbacks(buf, st))
  require('gavel.render').configure()
  H.map(buf, true)
  if background then
    st.phase, st.read_next = 'read', 0
    H.later(buf, st)
  else
    M.update(buf, true)
  end
  return true
end

--- Stops reading buf and removes what gavel drew.
function M.detach(buf)
  buf = (buf == nil or buf == 0) and api.nvim_get_current_buf() or buf
  local st = M.buffers[buf]
  M.buffers[buf] = nil
  if st then
    H.stop_timer(st)
    H.map(buf, false)
  end
  require('gavel.render').clear(buf)
end

--- Re-reads every attached buffer: after setup() (a new engine) rebuilds
--- their documents; otherwise (today changed) analyses and redraws all rows.
function M.refresh(rebuild)
  local bufs = vim.tbl_keys(M.buffers)
  for _, buf in ipairs(bufs) do
    if rebuild then
      M.detach(buf)
      M.attach(buf, true)
    else
      M.update(buf, true)
    end
  end
end

--- Forget a failure (for :Gavel enable).
function M.forgive(buf)
  H.failed[buf] = nil
end

return M
