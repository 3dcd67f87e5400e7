-- gavel.render: warnings as vim.diagnostic entries, and highlights as
-- extmarks, one namespace per concern so each can be switched off.

local util = require('gavel.util')

local M = {}
local api = vim.api

-- ===== Namespaces and highlight groups ====================================

--- The diagnostics namespace ('gavel').
M.ns = api.nvim_create_namespace('gavel')

--- One extmark namespace per concern, keyed like the `highlights` option.
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

local function mark(buf, ns, row, col, opts)
  -- the buffer may have moved on since the analysis: a mark that no longer
  -- fits is skipped, the next redraw places it
  pcall(api.nvim_buf_set_extmark, buf, ns, row, col, opts)
end

-- How many days back a past date still gets its note.
local RECENT_DAYS = 7

-- The text after a date where it helps: a date the notes look forward to
-- (or one of the last few days), not an entry's own date, with its
-- normalised value when it was written another way and how far it is.
local function date_note(doc, item, today)
  local day, now = util.day_number(item.value), util.day_number(today)
  if item.entry or not day or not now or day < now - RECENT_DAYS then
    return nil
  end
  local rel = util.relative(item.value, today)
  local line = doc:line(item.row) or ''
  if line:sub(item.col + 1, item.end_col) ~= item.value then
    return item.value .. ' ' .. rel
  end
  return rel
end

--- Clears every highlight namespace on rows [lo, hi).
function M.clear_rows(buf, lo, hi)
  for _, ns in pairs(M.concerns) do
    api.nvim_buf_clear_namespace(buf, ns, lo, hi)
  end
end

-- Draws items (already cleared rows) and the date notes of their rows.
local function draw(buf, doc, items)
  local on = require('gavel.config').get().highlights
  local today = util.today()
  local notes = {} -- row -> list of date notes
  for _, item in ipairs(items) do
    local concern, group = style(item)
    if concern and on[concern] then
      mark(buf, M.concerns[concern], item.row, item.col, {
        end_row = item.row,
        end_col = item.end_col,
        hl_group = group,
      })
    end
    if item.kind == 'date' and item.value and on.relative_dates then
      local note = date_note(doc, item, today)
      if note then
        notes[item.row] = notes[item.row] or {}
        table.insert(notes[item.row], note)
      end
    end
  end
  for row, list in pairs(notes) do
    mark(buf, M.concerns.relative_dates, row, 0, {
      virt_text = { { '  ' .. table.concat(list, ', '), 'GavelRelativeDate' } },
      virt_text_pos = 'eol',
    })
  end
end

-- Marks of deleted lines that Neovim left past the last row (deleting
-- every line moves them there): no redraw of a row would clear them.
local function clear_past_end(buf, count)
  M.clear_rows(buf, count, -1)
end

--- Redraws the highlights of rows [lo, hi) from doc's last analysis.
function M.rows(buf, doc, lo, hi)
  local count = api.nvim_buf_line_count(buf)
  hi = math.min(hi, count)
  if lo >= hi then
    return
  end
  M.clear_rows(buf, lo, hi)
  if hi == count then
    clear_past_end(buf, count)
  end
  draw(buf, doc, doc:items_in(lo, hi))
end

-- Above this many rows, one range redraw is cheaper than row by row.
local SPAN = 512

--- Redraws the highlights of the listed rows (ascending, as
--- doc:redraw_rows() gives them).
function M.row_list(buf, doc, rows)
  local n = #rows
  if n == 0 then
    return
  end
  if n > SPAN then
    return M.rows(buf, doc, rows[1], rows[n] + 1)
  end
  local count = api.nvim_buf_line_count(buf)
  local items = {}
  for _, row in ipairs(rows) do
    if row < count then
      M.clear_rows(buf, row, row + 1)
      vim.list_extend(items, doc:items(row))
    end
  end
  draw(buf, doc, items)
  clear_past_end(buf, count)
end

-- The warnings last given to vim.diagnostic, per buffer, as one string.
local shown = {}

local function signature(warnings)
  local parts = {}
  for i, w in ipairs(warnings) do
    parts[i] = table.concat({ w.row, w.col, w.end_row, w.end_col, w.severity, w.code, w.message }, '\31')
  end
  return table.concat(parts, '\30')
end

--- Sets buf's diagnostics from doc's warnings, unless they are unchanged.
function M.diagnostics(buf, doc)
  local warnings = doc:warnings()
  local sig = signature(warnings)
  if shown[buf] == sig then
    return
  end
  shown[buf] = sig
  vim.diagnostic.set(M.ns, buf, M.to_diagnostics(warnings))
end

--- Removes everything gavel drew in buf.
function M.clear(buf)
  shown[buf] = nil
  if api.nvim_buf_is_valid(buf) then
    M.clear_rows(buf, 0, -1)
    vim.diagnostic.reset(M.ns, buf)
  end
end

return M
