-- nvim_keys.lua: what gavel costs while an attorney types, measured in a
-- headless Neovim with the plugin attached, plus the vim.regex baseline.
--
--   nvim --headless --clean -u NONE -i NONE -n --cmd 'set rtp^=ROOT' \
--        -c 'luafile bench/nvim_keys.lua'
--
-- Environment:
--   GAVEL_BENCH_OUT    file the results are written to (required)
--   GAVEL_BENCH_FILES  notes files, separated by spaces (one buffer each)
--   GAVEL_BENCH_KEYS   keystrokes per buffer (default 300)
--   GAVEL_BENCH_RUNS   runs of the whole-buffer measures (default 3)
--   GAVEL_BENCH_REGEX  0 skips the vim.regex baseline (default 1)
--   GAVEL_BENCH_SYNC_ROWS  buffers with this many rows or more are read in
--                      the background (default: the plugin's SYNC_ROWS)
--
-- Per buffer (SIZE: TAG for a file named notes-TAG.md, else its line
-- count) it writes "name median p99 unit":
--   attach_ms_SIZE     require('gavel.attach').attach(buf): the call the
--                      editor waits for (median = p99: once).  A buffer
--                      below attach.SYNC_ROWS rows is read whole, analysed
--                      and drawn in it; a bigger one only gets its rows
--                      counted, and is read and drawn in background slices
--   attach_render_ms_SIZE  the part of the call spent in the first full
--                      update (only when the buffer is read in the call)
--   attach_slice_max_ms_SIZE  the longest the event loop was held after
--                      the call until the buffer was read, analysed and
--                      drawn (an idle handle times each loop turn; 0 when
--                      nothing was left after the call)
--   attach_ready_ms_SIZE   from the call until the buffer is read,
--                      analysed and drawn (the event loop running)
--   attach_slices_SIZE     loop turns of 1 ms or more in that time
--   rss_growth_mib_SIZE    VmRSS once the buffer is read and drawn minus
--                      before the attach (once)
--   onlines_us_SIZE    gavel's on_lines callback per keystroke: characters
--                      typed in Insert mode through nvim_feedkeys (real
--                      input) into a line opened in the middle, Enter
--                      every 75 keystrokes (as engine.c types), faster
--                      than the debounce (no update between keystrokes)
--   onlines_paused_us_SIZE  the same when the debounced update ran after
--                      every keystroke (its walk over the document leaves
--                      the caches cold)
--   render_us_SIZE     that debounced update (analysis, extmarks,
--                      diagnostics) after each keystroke, run through
--                      attach.flush() so each one is measured
--   render_normal_us_SIZE  the same update after an edit made from Normal
--                      mode (diagnostics are drawn at once there)
--   debounce_fired_SIZE    1 when the real timer-driven update ran
--   regex_ms_SIZE      the vim.regex baseline: the date and money patterns
--                      over every line of the buffer, every match found
--   gavel_nvim_ms_SIZE gavel reading the same buffer from inside Neovim
--                      (nvim_buf_get_lines + doc:set_lines + doc:analyze)
--   regex_matches_SIZE, gavel_items_SIZE   what each found
-- The callbacks are timed by wrapping what the plugin already exposes
-- (vim.api.nvim_buf_attach's on_lines, attach.update); the plugin is not
-- changed.  Errors are written as "error MESSAGE" and exit non-zero.

local api = vim.api
local uv = vim.uv or vim.loop
local hr = uv.hrtime

local out_path = os.getenv('GAVEL_BENCH_OUT')
local files = vim.split(os.getenv('GAVEL_BENCH_FILES') or '', ' ', { trimempty = true })
local nkeys = tonumber(os.getenv('GAVEL_BENCH_KEYS') or '') or 300
local runs = tonumber(os.getenv('GAVEL_BENCH_RUNS') or '') or 3
local do_regex = os.getenv('GAVEL_BENCH_REGEX') ~= '0'
local sync_rows = tonumber(os.getenv('GAVEL_BENCH_SYNC_ROWS') or '')
local TODAY = '2025-04-10'
local TYPED = 'called ADA, VM 3/14 $500 '
local LINE_WIDTH = 75

local results = {}

local function emit(name, med, p99, unit)
  results[#results + 1] = ('%s %.3f %.3f %s'):format(name, med, p99, unit)
end

local function stats(v)
  local s = vim.deepcopy(v)
  table.sort(s)
  if #s == 0 then
    return 0, 0
  end
  local p = math.floor(#s * 0.99) + 1
  if p > #s then
    p = #s
  end
  return s[math.floor(#s / 2) + 1], s[p]
end

local function emit_stats(name, v, unit)
  local med, p99 = stats(v)
  emit(name, med, p99, unit)
end

local function rss_kib()
  for line in io.lines('/proc/self/status') do
    local kb = line:match('^VmRSS:%s+(%d+)')
    if kb then
      return tonumber(kb)
    end
  end
  return 0
end

local function keys(s)
  return api.nvim_replace_termcodes(s, true, false, true)
end

-- ===== Instrumentation ====================================================
-- Each on_lines call of a gavel attachment, and each attach.update, is
-- timed into whichever list is current.

local rec = { onlines = nil, update = nil }

local real_buf_attach = api.nvim_buf_attach
api.nvim_buf_attach = function(buf, send, opts)
  -- only gavel's own attachment (vim.diagnostic attaches too)
  local caller = debug.getinfo(2, 'S').source
  if type(opts) == 'table' and opts.on_lines and caller:find('gavel/attach.lua', 1, true) then
    local inner = opts.on_lines
    opts.on_lines = function(...)
      local t0 = hr()
      local r = inner(...)
      local dt = hr() - t0
      if rec.onlines then
        rec.onlines[#rec.onlines + 1] = dt / 1e3
      end
      return r
    end
  end
  return real_buf_attach(buf, send, opts)
end

-- enabled = false: the plugin's autocommands leave new buffers alone, so
-- the bench attaches (forced) and times it.
require('gavel').setup({ today = TODAY, enabled = false })
local A = require('gavel.attach')
A.SYNC_ROWS = sync_rows or A.SYNC_ROWS
local real_update = A.update
local fired = 0
A.update = function(buf, full)
  local t0 = hr()
  real_update(buf, full)
  local dt = hr() - t0
  fired = fired + 1
  if rec.update then
    rec.update[#rec.update + 1] = dt / 1e3
  end
end

-- Called from the typeahead between two typed characters.
function _G.GavelBenchTick()
  A.flush(api.nvim_get_current_buf())
end

-- ===== The vim.regex baseline =============================================
-- What a plugin in plain Lua would run: the date and money patterns over
-- every line, every match collected.  Very magic, case-ignoring.
local MONTHS = [[%(jan%(uary)=|feb%(ruary)=|mar%(ch)=|apr%(il)=|may|june=|july=|aug%(ust)=|sep%(t|tember)=|oct%(ober)=|nov%(ember)=|dec%(ember)=)\.=]]
local PATTERNS = {
  -- dates: ISO, numeric m/d[/y], month-name d[, yyyy], d month yyyy, times
  [[\v\c<\d{4}-\d{2}-\d{2}>]],
  [[\v\c<\d{1,2}/\d{1,2}%(/\d{2,4})=>]],
  [[\v\c<]] .. MONTHS .. [[\s+\d{1,2}%(st|nd|rd|th)=%(,=\s+\d{4})=>]],
  [[\v\c<\d{1,2}\s+]] .. MONTHS .. [[%(\s+\d{4})=>]],
  [[\v\c<\d{1,2}%(:\d{2})=\s*%([ap]\.=m>\.=)]],
  [[\v\c<%(today|tomorrow|yesterday|%(next|last|this)\s+%(mon|tues|wednes|thurs|fri|satur|sun)day)>]],
  -- money: $1,250.00, $500, 500 dollars, $2k
  [[\v\$\s*\d{1,3}%(,\d{3})+%(\.\d{2})=]],
  [[\v\$\s*\d+%(\.\d{1,2})=%(\s*[km]>)=]],
  [[\v\c<\d+%(\.\d+)=\s*%(dollars|usd)>]],
}

local function regex_pass(buf, res)
  local n = api.nvim_buf_line_count(buf)
  local lines = api.nvim_buf_get_lines(buf, 0, -1, false)
  local found = 0
  for row = 0, n - 1 do
    local len = #lines[row + 1]
    for _, re in ipairs(res) do
      local start = 0
      while start <= len do
        local s, e = re:match_line(buf, row, start)
        if not s then
          break
        end
        found = found + 1
        start = start + (e > s and e or s + 1)
      end
    end
  end
  return found
end

local function gavel_pass(buf, engine)
  local doc = assert(engine:doc())
  assert(doc:set_lines(api.nvim_buf_get_lines(buf, 0, -1, false)))
  assert(doc:analyze(TODAY))
  local n = doc:line_count()
  local items = #doc:items_in(0, n)
  doc:close()
  return items
end

-- ===== One buffer =========================================================

local function bench_file(path)
  -- a buffer of its own (":edit" would reuse the empty first buffer)
  local buf = vim.fn.bufadd(path)
  vim.fn.bufload(buf)
  api.nvim_set_current_buf(buf)
  assert(not A.buffers[buf], 'gavel attached before the bench did')
  local n = api.nvim_buf_line_count(buf)
  -- notes-TAG.md is measured as TAG, any other file as its line count
  local tag = vim.fn.fnamemodify(path, ':t'):match('^notes%-(.+)%.md$') or tostring(n)
  collectgarbage('collect')
  local rss0 = rss_kib()

  -- attach: the call, then the event loop until the buffer is read,
  -- analysed and drawn, each loop turn timed by an idle handle (it keeps
  -- the loop from sleeping: a turn's length is the work done in it)
  rec.update = {}
  local t0 = hr()
  assert(A.attach(buf, true), 'gavel did not attach to ' .. path)
  local t1 = hr()
  local attach_ms = (t1 - t0) / 1e6
  local first_update = rec.update[1] and rec.update[1] / 1e3
  local longest, turns, last = 0, 0, hr()
  local idle = uv.new_idle()
  idle:start(function()
    local now = hr()
    local gap = (now - last) / 1e6
    last = now
    longest = math.max(longest, gap)
    turns = turns + (gap >= 1 and 1 or 0)
  end)
  assert(vim.wait(120000, function()
    return A.loading(buf) == nil
  end, 1), 'the background read of ' .. path .. ' did not finish')
  local ready_ms = (hr() - t0) / 1e6
  idle:stop()
  idle:close()
  assert(A.buffers[buf], 'gavel stopped reading ' .. path)
  collectgarbage('collect')
  local rss1 = rss_kib()
  emit('attach_ms_' .. tag, attach_ms, attach_ms, 'ms')
  if first_update then
    emit('attach_render_ms_' .. tag, first_update, first_update, 'ms')
  end
  emit('attach_slice_max_ms_' .. tag, longest, longest, 'ms')
  emit('attach_ready_ms_' .. tag, ready_ms, ready_ms, 'ms')
  emit('attach_slices_' .. tag, turns, turns, 'count')
  emit('rss_growth_mib_' .. tag, (rss1 - rss0) / 1024, (rss1 - rss0) / 1024, 'MiB')

  -- Insert mode: open a line in the middle and type into it.  First a
  -- burst (typing faster than the debounce: on_lines alone), then the same
  -- with the debounced update flushed after every character.
  local function type_into(row, count, pause)
    api.nvim_win_set_cursor(0, { row, 0 })
    local typed = { 'o' }
    for k = 1, count do
      local i = (k - 1) % #TYPED + 1
      -- Enter every LINE_WIDTH keystrokes: the line splits, rows below move
      local key = k % LINE_WIDTH == 0 and '<CR>' or TYPED:sub(i, i)
      -- a command between two keys keeps Neovim from inserting a run of
      -- typeahead at once (one on_lines per keystroke, as when typed)
      typed[#typed + 1] = key .. (pause and '<Cmd>lua GavelBenchTick()<CR>' or '<Cmd><CR>')
    end
    typed[#typed + 1] = '<Esc>'
    api.nvim_feedkeys(keys(table.concat(typed)), 'ntx', false)
  end
  rec.onlines, rec.update = {}, {}
  type_into(math.floor(n / 2), nkeys, false)
  local onl = rec.onlines
  emit_stats('onlines_us_' .. tag, onl, 'us')
  emit('onlines_calls_' .. tag, #onl, #onl, 'count')
  A.flush(buf)
  rec.onlines, rec.update = {}, {}
  type_into(math.floor(n / 2) + 50, nkeys, true)
  emit_stats('onlines_paused_us_' .. tag, rec.onlines, 'us')
  emit_stats('render_us_' .. tag, rec.update, 'us')

  -- Normal mode: append one character at a time with A...<Esc>, then the
  -- update (diagnostics are drawn at once outside Insert mode).
  rec.onlines, rec.update = {}, {}
  local per = math.max(10, math.floor(nkeys / 4))
  for k = 1, per do
    local i = (k - 1) % #TYPED + 1
    api.nvim_feedkeys(keys('A' .. TYPED:sub(i, i) .. '<Esc>'), 'ntx', false)
    A.flush(buf)
  end
  emit_stats('render_normal_us_' .. tag, rec.update, 'us')
  emit_stats('onlines_normal_us_' .. tag, rec.onlines, 'us')

  -- the real debounce: one edit, then wait for the timer-driven update
  rec.onlines, rec.update = nil, nil
  local before = fired
  api.nvim_feedkeys(keys('Ax<Esc>'), 'ntx', false)
  local ms = require('gavel.config').get().debounce_ms
  vim.wait(ms * 10 + 500, function()
    return fired > before
  end, 5)
  emit('debounce_fired_' .. tag, fired > before and 1 or 0, fired > before and 1 or 0, 'bool')

  -- peers on the same buffer: vim.regex against gavel from inside Neovim
  if do_regex then
    local res = {}
    for i, p in ipairs(PATTERNS) do
      res[i] = vim.regex(p)
    end
    local engine = assert(require('gavel.loader').engine())
    local rt, gt, found, items = {}, {}, 0, 0
    for _ = 1, runs do
      local a = hr()
      found = regex_pass(buf, res)
      rt[#rt + 1] = (hr() - a) / 1e6
      a = hr()
      items = gavel_pass(buf, engine)
      gt[#gt + 1] = (hr() - a) / 1e6
    end
    emit_stats('regex_ms_' .. tag, rt, 'ms')
    emit_stats('gavel_nvim_ms_' .. tag, gt, 'ms')
    emit('regex_matches_' .. tag, found, found, 'count')
    emit('gavel_items_' .. tag, items, items, 'count')
  end

  A.detach(buf)
  vim.cmd('silent bwipeout! ' .. buf)
end

local ok, err = pcall(function()
  assert(out_path, 'GAVEL_BENCH_OUT is not set')
  assert(#files > 0, 'GAVEL_BENCH_FILES is empty')
  for _, f in ipairs(files) do
    bench_file(f)
  end
end)
if not ok then
  results[#results + 1] = 'error ' .. tostring(err):gsub('\n', ' ')
end
if out_path then
  vim.fn.writefile(results, out_path)
end
vim.cmd(ok and 'qa!' or 'cquit! 1')
