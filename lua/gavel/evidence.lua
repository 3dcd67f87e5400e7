-- gavel.evidence: from a reference to the line that describes the item,
-- from a definition to the file it names, every reference to quickfix, and
-- a picker over the case's evidence.  Within the buffer no index is needed;
-- across the case's files the case index (gavel.index) is asked when present.

local util = require('gavel.util')

local M = {}
local api = vim.api

local H = {}

-- The current buffer and its document with fresh results, or nil (said).
function H.current()
  local buf, st = require('gavel.attach').current()
  if buf then
    return buf, st.doc
  end
end

-- The current buffer, its document, the cursor row and the evidence id
-- under the cursor (nil when none); nothing when the buffer is not notes.
function H.evidence_here()
  local buf, doc = H.current()
  if not buf then
    return nil
  end
  local row, col = H.cursor()
  return buf, doc, row, doc:evidence_at(row, col)
end

function H.say_none()
  vim.notify('gavel: no evidence under the cursor', vim.log.levels.INFO)
end

function H.cursor()
  local pos = api.nvim_win_get_cursor(0)
  return pos[1] - 1, pos[2]
end

-- Runs the built-in command a mapping replaced (gd, gf), if any.
function H.fallback(opts)
  if opts and opts.fallback then
    vim.cmd('normal! ' .. opts.fallback)
    return true
  end
  return false
end

-- The case index, if it is installed, else nil.
function H.index()
  local ok, index = pcall(require, 'gavel.index')
  if ok and type(index) == 'table' then
    return index
  end
end

-- The evidence definition item on row, or nil.
function H.def_on(doc, row, id)
  for _, item in ipairs(doc:items(row)) do
    if item.event == 'evidence_def' and (id == nil or item.id == id) then
      return item
    end
  end
end

function H.jump(row, col)
  vim.cmd("normal! m'")
  api.nvim_win_set_cursor(0, { row + 1, col or 0 })
end

-- Opens path (relative to the notes file's folder unless absolute).
function H.open_path(buf, path)
  local full = path
  if not path:match('^/') and not path:match('^%a:[/\\]') then
    local dir = vim.fn.fnamemodify(api.nvim_buf_get_name(buf), ':p:h')
    full = dir .. '/' .. path
  end
  if vim.fn.filereadable(full) ~= 1 then
    vim.notify(('gavel: %s does not exist'):format(vim.fn.fnamemodify(full, ':~:.')), vim.log.levels.WARN)
    return false
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(full))
  return true
end

-- ===== Public =============================================================

--- Jumps from the evidence reference under the cursor to its definition:
--- in this buffer, else in the case's other files (index).  On a
--- definition that names a file, opens the file.  Elsewhere runs the
--- mapping's built-in command (opts.fallback) or says why not.
function M.definition(opts)
  if not require('gavel.attach').buffers[api.nvim_get_current_buf()] and H.fallback(opts) then
    return
  end
  local buf, doc, row, id = H.evidence_here()
  if not buf then
    return
  end
  if not id then
    if not H.fallback(opts) then
      H.say_none()
    end
    return
  end
  local def = doc:evidence_def(id)
  if def and def == row then
    local item = H.def_on(doc, row, id)
    if item and item.path then
      H.open_path(buf, item.path)
    else
      vim.notify(('gavel: this line describes %s'):format(id), vim.log.levels.INFO)
    end
    return
  end
  if def then
    local item = H.def_on(doc, def, id)
    H.jump(def, item and item.col or 0)
    return
  end
  local index = H.index()
  if index and index.find_definition then
    local ok, hit = pcall(index.find_definition, util.case_dir(api.nvim_buf_get_name(buf)), id)
    if ok and type(hit) == 'table' and hit.file then
      vim.cmd("normal! m'")
      vim.cmd('edit ' .. vim.fn.fnameescape(hit.file))
      local last = api.nvim_buf_line_count(0)
      api.nvim_win_set_cursor(0, { math.min((hit.row or 0) + 1, last), hit.col or 0 })
      return
    end
  end
  vim.notify(('gavel: %s is not described in the notes'):format(id), vim.log.levels.WARN)
end

--- Opens the file the evidence definition on the cursor line names
--- (relative to the notes file), like gf.  Elsewhere runs the built-in.
function M.open_file(opts)
  local buf = api.nvim_get_current_buf()
  local st = require('gavel.attach').flush(buf)
  local row = H.cursor()
  local item = st and H.def_on(st.doc, row)
  if item and item.path then
    H.open_path(buf, item.path)
  elseif not H.fallback(opts) then
    vim.notify('gavel: no evidence definition naming a file on this line', vim.log.levels.INFO)
  end
end

--- Quickfix items for every reference to id in buf's document.
function M.reference_items(buf, doc, id)
  local items = {}
  for _, ref in ipairs(doc:references(id)) do
    items[#items + 1] = {
      bufnr = buf,
      lnum = ref.row + 1,
      col = ref.col + 1,
      end_col = ref.end_col + 1,
      text = vim.trim(doc:line(ref.row) or ''),
    }
  end
  return items
end

--- Lists every reference to the evidence under the cursor in quickfix.
function M.references()
  local buf, doc, _, id = H.evidence_here()
  if not id then
    if buf then
      H.say_none()
    end
    return
  end
  local items = M.reference_items(buf, doc, id)
  local index = H.index()
  local find = index and (index.find_references or index.references)
  if find then
    local ok, more = pcall(find, util.case_dir(api.nvim_buf_get_name(buf)), id)
    if ok and type(more) == 'table' then
      local here = vim.fn.resolve(vim.fn.fnamemodify(api.nvim_buf_get_name(buf), ':p'))
      for _, hit in ipairs(more) do
        local other = hit.file and vim.fn.resolve(vim.fn.fnamemodify(hit.file, ':p')) ~= here
        if other and (hit.kind == nil or hit.kind == 'ref') then
          items[#items + 1] = { filename = hit.file, lnum = (hit.row or 0) + 1, col = (hit.col or 0) + 1 }
        end
      end
    end
  end
  vim.fn.setqflist({}, ' ', { title = 'gavel: references to ' .. id, items = items })
  if #items > 0 then
    vim.cmd('copen')
  else
    vim.notify(('gavel: no references to %s'):format(id), vim.log.levels.INFO)
  end
  return items
end

--- The evidence of a document for a picker: one entry per id, its
--- definition if any, else its first reference.
function M.entries(doc)
  local by_id, order = {}, {}
  for _, e in ipairs(doc:evidence()) do
    local cur = by_id[e.id]
    if not cur then
      order[#order + 1] = e.id
      by_id[e.id] = e
    elseif e.def and not cur.def then
      by_id[e.id] = e
    end
  end
  local out = {}
  for _, id in ipairs(order) do
    out[#out + 1] = by_id[id]
  end
  return out
end

function M.format_entry(e, doc)
  local desc = e.def and vim.trim((doc:line(e.row) or ''):sub(e.end_col + 1)):gsub('^[%s:%-]+', '')
    or '(not described)'
  local id = e.id_end and (e.id .. '-' .. e.id_end) or e.id
  return ('%-14s %s'):format(id, desc)
end

--- Picks any evidence item of the notes through vim.ui.select and jumps to
--- its definition (or first reference).
function M.pick()
  local buf, doc = H.current()
  if not buf then
    return
  end
  local entries = M.entries(doc)
  if #entries == 0 then
    vim.notify('gavel: no evidence in these notes', vim.log.levels.INFO)
    return
  end
  vim.ui.select(entries, {
    prompt = 'Evidence',
    format_item = function(e)
      return M.format_entry(e, doc)
    end,
  }, function(choice)
    if choice then
      H.jump(choice.row, choice.col)
    end
  end)
end

return M
