-- gavel.render: warnings as vim.diagnostic entries, and highlights drawn
-- as the screen is (a decoration provider), one namespace per concern.

local util = require('gavel.util')

local M = {}
local api = vim.api

-- ===== Namespaces and highlight groups ====================================

--- The diagnostics namespace ('gavel').
M.ns = api.nvim_create_namespace('gavel')

--- One namespace per concern (for the ephemeral marks the decoration
--- provider draws), keyed like the `highlights` option.
M.concerns = {
  dates = api.nvim_create_namespace('gavel.dates'),
  money = api.nvim_create_namespace('gavel.money'),
  offers = api.nvim_create_namespace('gavel.offers'),
  terms = api.nvim_create_namespace('gavel.terms'),
  evidence = api.nvim_create_namespace('gavel.evidence'),
  relative_dates = api.nvim_create_namespace('gavel.relative_dates'),
}

--- Highlight groups and the standard groups they link to by default.
M.groups = {
  { 'GavelDate', 'Constant' },
  { 'GavelMoney', 'Number' },
  { 'GavelOffer', 'Statement' },
  { 'GavelTerm', 'Type' },
  { 'GavelEvidenceRef', 'Underlined' },
  { 'GavelEvidenceDef', 'Identifier' },
  { 'GavelRelativeDate', 'Comment' },
  { 'GavelTimelineHeader', 'Title' },
  { 'GavelTimelineDone', 'String' },
  { 'GavelTimelineOpen', 'WarningMsg' },
}

--- Defines the groups with `default`, so colour schemes and users win.
function M.define_highlights()
  for _, g in ipairs(M.groups) do
    vim.cmd(('highlight default link %s %s'):format(g[1], g[2]))
  end
end

M.define_highlights()

--- Applies the diagnostic options of gavel's namespace (virtual text on by
--- default even where Neovim's global default hides it).
function M.configure()
  local cfg = require('gavel.config').get()
  vim.diagnostic.config({
    virtual_text = cfg.virtual_text,
    underline = true,
    signs = true,
    severity_sort = true,
  }, M.ns)
end

-- ===== Diagnostics ========================================================

--- Converts the engine's warnings into vim.diagnostic entries.
function M.to_diagnostics(warnings)
  local out = {}
  for i, w in ipairs(warnings) do
    out[i] = {
      lnum = w.row,
      col = w.col,
      end_lnum = w.end_row,
      end_col = w.end_col,
      severity = w.severity,
      message = w.message,
      source = 'gavel',
      code = w.code,
    }
  end
  return out
end

-- ===== Extmarks ===========================================================

local NEGOTIATION = {
  offer = true,
  counteroffer = true,
  reject = true,
  accept = true,
  withdraw = true,
}

-- The concern and group of an item, or nil when it is not highlighted.
local function style(item)
  local k = item.kind
  if k == 'date' then
    return 'dates', 'GavelDate'
  elseif k == 'money' then
    return 'money', 'GavelMoney'
  elseif k == 'duration' or k == 'term' then
    return 'terms', 'GavelTerm'
  elseif k == 'event' then
    if item.event == 'evidence_ref' then
      return 'evidence', 'GavelEvidenceRef'
    elseif item.event == 'evidence_def' then
      return 'evidence', 'GavelEvidenceDef'
    elseif NEGOTIATION[item.event] then
      return 'offers', 'GavelOffer'
    end
  end
end

-- How many days back a past date still gets its note.
local RECENT_DAYS = 7

-- The text after a date where it helps: a date the notes look forward to
-- (or one of the last few days), not an entry's own date, with its
-- normalised value when it was written another way and how far it is.
local function date_note(line, item, today)
  local day, now = util.day_number(item.value), util.day_number(today)
  if item.entry or not day or not now or day < now - RECENT_DAYS then
    return nil
  end
  local rel = util.relative(item.value, today)
  if line:sub(item.col + 1, item.end_col) ~= item.value then
    return item.value .. ' ' .. rel
  end
  return rel
end

--- The marks that draw row's items: a list of { concern, col, opts }, where
--- opts are nvim_buf_set_extmark's (without ephemeral).
---@param doc userdata the row's document
---@param row integer 0-based
---@param items table[] the row's items (doc:items(row))
---@param on table<string, boolean> the `highlights` option
---@param today string YYYY-MM-DD
---@return table[]
function M.row_marks(doc, row, items, on, today)
  local out, notes, line = {}, nil, nil
  for _, item in ipairs(items) do
    local concern, group = style(item)
    if concern and on[concern] then
      out[#out + 1] = { concern, item.col, { end_row = row, end_col = item.end_col, hl_group = group } }
    end
    if item.kind == 'date' and item.value and on.relative_dates then
      line = line or doc:line(row) or ''
      local note = date_note(line, item, today)
      if note then
        notes = notes or {}
        notes[#notes + 1] = note
      end
    end
  end
  if notes then
    out[#out + 1] = {
      'relative_dates',
      0,
      { virt_text = { { '  ' .. table.concat(notes, ', '), 'GavelRelativeDate' } }, virt_text_pos = 'eol' },
    }
  end
  return out
end

-- Highlights are drawn by a decoration provider as Neovim draws each
-- screen line (ephemeral extmarks): only the rows on screen cost anything,
-- however long the notes, and nothing is stored per item.  The provider
-- reads each row's items from its document, which on_lines keeps in step
-- with the buffer, so highlights follow typing before the next analysis.

-- buf -> document, for the buffers gavel draws
local docs = {}
-- win -> { buf, doc, on, today, rows = { row -> items } } for the redraw
-- in progress
local frames = {}

-- The items of doc's rows [lo, hi), by row: row -> list, and the rows
-- that have items, in order.
local function items_by_row(doc, lo, hi)
  local rows, order = {}, {}
  for _, item in ipairs(doc:items_in(lo, hi)) do
    local list = rows[item.row]
    if not list then
      list = {}
      rows[item.row] = list
      order[#order + 1] = item.row
    end
    list[#list + 1] = item
  end
  return rows, order
end

local function on_win(_, win, buf, top, bot)
  local doc = docs[buf]
  if not doc then
    frames[win] = nil
    return false
  end
  local rows = items_by_row(doc, top, bot + 1)
  frames[win] = {
    buf = buf,
    doc = doc,
    top = top,
    bot = bot,
    on = require('gavel.config').get().highlights,
    today = util.today(),
    rows = rows,
  }
end

local function on_line(_, win, buf, row)
  local f = frames[win]
  if not f or f.buf ~= buf or docs[buf] ~= f.doc then
    return
  end
  local items = f.rows[row]
  if not items then
    if row >= f.top and row <= f.bot then
      return -- read with the window: nothing on this row
    end
    items = f.doc:items(row) -- past the guessed bottom (folds, wrapping)
  end
  for _, m in ipairs(M.row_marks(f.doc, row, items, f.on, f.today)) do
    m[3].ephemeral = true
    pcall(api.nvim_buf_set_extmark, buf, M.concerns[m[1]], row, m[2], m[3])
  end
end

api.nvim_set_decoration_provider(api.nvim_create_namespace('gavel.draw'), {
  on_win = on_win,
  on_line = on_line,
})

-- Asks Neovim to draw rows [lo, hi) of buf again (only those on screen are).
-- (Private API both ways: nvim__redraw on 0.10+, nvim__buf_redraw_range
-- before it; each tried in turn, then a full redraw.)
local function redraw_range(buf, lo, hi)
  if api.nvim__redraw and pcall(api.nvim__redraw, { buf = buf, range = { lo, hi }, flush = false }) then
    return
  end
  if api.nvim__buf_redraw_range and pcall(api.nvim__buf_redraw_range, buf, lo, hi) then
    return
  end
  vim.cmd('redraw!')
end

--- Starts (doc) or stops (nil) drawing buf's highlights.
---@param buf integer
---@param doc userdata|nil
function M.track(buf, doc)
  docs[buf] = doc
  redraw_range(buf, 0, api.nvim_buf_line_count(buf))
end

--- After an analysis: draws again the rows whose reading or resolved
--- values changed (all rows when full).  Returns the range asked for.
---@return integer lo, integer hi
function M.redraw(buf, doc, full)
  local lo, hi = doc:changed()
  if full then
    lo, hi = 0, api.nvim_buf_line_count(buf)
  end
  if lo < hi then
    redraw_range(buf, lo, hi)
  end
  return lo, hi
end

--- The marks gavel draws on rows [lo, hi) of buf (all rows by default) in
--- one concern's namespace, shaped like nvim_buf_get_extmarks(..., {details
--- = true}) gives them: { id, row, col, details }.  For tests and
--- inspection: nothing is stored, this computes what the screen shows.
---@return table[]
function M.marks(buf, concern, lo, hi)
  local doc, out = docs[buf], {}
  if not doc then
    return out
  end
  local on, today = require('gavel.config').get().highlights, util.today()
  local rows, order = items_by_row(doc, lo or 0, math.min(hi or math.huge, doc:line_count()))
  for _, row in ipairs(order) do
    for _, m in ipairs(M.row_marks(doc, row, rows[row], on, today)) do
      if m[1] == concern then
        out[#out + 1] = { #out + 1, row, m[2], m[3] }
      end
    end
  end
  return out
end

-- What was last given to vim.diagnostic, per buffer: the warnings as one
-- string (sig), and the document and its analysis count they came from.
local shown = {}

local function signature(warnings)
  local parts = {}
  for i, w in ipairs(warnings) do
    parts[i] = table.concat({ w.row, w.col, w.end_row, w.end_col, w.severity, w.code, w.message }, '\31')
  end
  return table.concat(parts, '\30')
end

--- Sets buf's diagnostics from doc's warnings, unless they are unchanged:
--- not read at all when doc was not analysed again (most keystrokes in
--- prose), not set when its analysis gave the same warnings.
---@param buf integer
---@param doc userdata a gavel.core document, analysed
function M.diagnostics(buf, doc)
  local n, last = doc:analyses(), shown[buf]
  if last and last.doc == doc and last.n == n then
    return
  end
  local warnings = doc:warnings()
  local sig = signature(warnings)
  shown[buf] = { doc = doc, n = n, sig = sig }
  if last and last.sig == sig then
    return
  end
  vim.diagnostic.set(M.ns, buf, M.to_diagnostics(warnings))
end

--- Removes everything gavel drew in buf.
function M.clear(buf)
  shown[buf] = nil
  docs[buf] = nil
  if api.nvim_buf_is_valid(buf) then
    redraw_range(buf, 0, api.nvim_buf_line_count(buf))
    vim.diagnostic.reset(M.ns, buf)
  end
end

return M
