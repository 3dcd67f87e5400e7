-- gavel.attach: mirrors a notes buffer in a C document.  On attach the
-- buffer is read once; afterwards each on_lines event is forwarded as the
-- replacement of that range only, and a debounced update analyses the
-- document and redraws the rows it reports changed.
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
M.buffers = {}

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

function H.stop_timer(st)
  if st.timer then
    st.timer:stop()
    if not st.timer:is_closing() then
      st.timer:close()
    end
    st.timer = nil
  end
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

--- Analyses buf's document and redraws: all rows when full, else those the
--- document reports changed.  Errors detach the buffer (reported once).
function M.update(buf, full)
  local st = M.buffers[buf]
  if not st then
    return
  end
  local ok, err = pcall(function()
    local done, aerr = st.doc:analyze(util.today(), require('gavel.peers').of(buf, st, M.buffers))
    if not done then
      error(aerr, 0)
    end
    -- the case's other open notes read this one's evidence definitions
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
  -- a failing User autocommand is the user's, but must not repeat either
  local ok_au, au_err = pcall(api.nvim_exec_autocmds, 'User', { pattern = 'GavelUpdate', modeline = false })
  if not ok_au then
    util.notify_once('GavelUpdate', 'gavel: a User GavelUpdate autocommand failed: ' .. tostring(au_err))
  end
end

function H.schedule(buf, st)
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

--- Runs a pending update now (commands read fresh results).
function M.flush(buf)
  local st = M.buffers[buf]
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
  local ok, err = st.doc:replace(first, last, lines)
  if not ok then
    -- out of step with the buffer: read it whole again
    ok, err = st.doc:set_lines(api.nvim_buf_get_lines(buf, 0, -1, false))
    if not ok then
      error(err, 0)
    end
  end
  H.schedule(buf, st)
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
        local done, serr = st.doc:set_lines(api.nvim_buf_get_lines(buf, 0, -1, false))
        if not done then
          error(serr, 0)
        end
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
  if not why then
    doc, derr = engine:doc()
    if doc then
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
  M.update(buf, true)
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
