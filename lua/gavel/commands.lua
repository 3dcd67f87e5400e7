-- gavel.commands: :Gavel.  One table (M.subcommands) drives dispatch,
-- completion and the vim.ui.select menu offered when no argument is given.

local util = require('gavel.util')

local M = {}
local api = vim.api

local H = {}

-- ===== Helpers ============================================================

local QF_TYPE = { 'E', 'W', 'I', 'N' }

function H.info(msg)
  vim.notify(msg, vim.log.levels.INFO)
end

function H.warn(msg)
  vim.notify(msg, vim.log.levels.WARN)
end

--- Quickfix items for the warnings of doc (file or buffer).
function M.qf_items(warnings, where)
  local items = {}
  for _, w in ipairs(warnings) do
    local item = {
      lnum = w.row + 1,
      col = w.col + 1,
      end_lnum = w.end_row + 1,
      end_col = w.end_col + 1,
      type = QF_TYPE[w.severity] or 'W',
      text = ('%s [%s]'):format(w.message, w.code),
    }
    for k, v in pairs(where) do
      item[k] = v
    end
    items[#items + 1] = item
  end
  return items
end

--- The notes files at path: the file itself, or every *.md, *.markdown,
--- *.txt and *.notes file below a folder (as the CLI reads them).
function M.notes_files(path)
  path = vim.fn.fnamemodify(vim.fn.expand(path), ':p')
  if vim.fn.isdirectory(path) == 0 then
    return vim.fn.filereadable(path) == 1 and { path } or {}
  end
  local files, truncated = require('gavel.peers').list(path:gsub('/$', ''), true, 200000)
  if truncated then
    H.warn(('gavel: %s holds too many files; read the first %d notes files'):format(path, #files))
  end
  return files
end

function H.read(path)
  local f = io.open(path, 'rb')
  if not f then
    return nil, 'cannot be read'
  end
  local text = f:read('*a')
  f:close()
  return text
end

--- Reads notes files from disk with the engine and returns quickfix items
--- and a list of problems (files declined).  The files of one case are
--- each other's peers, as the case index would make them.
function M.check_files(files)
  local engine, err = require('gavel.loader').engine()
  if not engine then
    return nil, { err }
  end
  local max = require('gavel.config').get().max_file_bytes
  local today = util.today()
  local docs, cases, problems = {}, {}, {}
  for _, file in ipairs(files) do
    local text, rerr = H.read(file)
    local doc = text and #text <= max and engine:doc()
    local ok, serr = false, rerr or 'too large'
    if doc then
      ok, serr = doc:set_text(text)
    end
    if ok then
      local case = util.case_dir(file)
      docs[#docs + 1] = { file = file, doc = doc, case = case }
      cases[case] = cases[case] or {}
      table.insert(cases[case], doc)
    else
      problems[#problems + 1] = ('%s: %s'):format(vim.fn.fnamemodify(file, ':~:.'), tostring(serr):gsub('^gavel: ', ''))
    end
  end
  local items = {}
  for _, d in ipairs(docs) do
    local peers = {}
    for _, other in ipairs(cases[d.case]) do
      if other ~= d.doc then
        peers[#peers + 1] = other
      end
    end
    local ok, aerr = d.doc:analyze(today, peers)
    if ok then
      vim.list_extend(items, M.qf_items(d.doc:warnings(), { filename = d.file }))
    else
      problems[#problems + 1] = ('%s: %s'):format(d.file, aerr)
    end
  end
  for _, d in ipairs(docs) do
    d.doc:close()
  end
  return items, problems
end

function H.set_qf(title, items)
  vim.fn.setqflist({}, ' ', { title = title, items = items })
  if #items > 0 then
    vim.cmd('copen')
  end
end

-- ===== Subcommands ========================================================

function H.check(args)
  local items, problems
  local title
  if args[1] then
    local files = M.notes_files(args[1])
    if #files == 0 then
      H.warn(('gavel: no notes files at %s'):format(args[1]))
      return
    end
    items, problems = M.check_files(files)
    title = 'gavel check ' .. args[1]
    if items then
      H.info(('gavel: %d warning%s in %d file%s'):format(#items, #items == 1 and '' or 's', #files, #files == 1 and '' or 's'))
    end
  else
    local buf, st = require('gavel.attach').current()
    if not buf then
      return
    end
    items = M.qf_items(st.doc:warnings(), { bufnr = buf })
    title = 'gavel check ' .. vim.fn.fnamemodify(api.nvim_buf_get_name(buf), ':~:.')
    H.info(('gavel: %d warning%s'):format(#items, #items == 1 and '' or 's'))
  end
  for _, p in ipairs(problems or {}) do
    H.warn('gavel: ' .. tostring(p):gsub('^gavel: ', ''))
  end
  if items then
    H.set_qf(title, items)
  end
  return items
end

-- ----- entry: a new dated entry in the notes' own style -------------------

local MONTHS = {
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
}
local WEEKDAYS = { 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday' }

local function ordinal(d)
  local tens = d % 100
  if tens >= 11 and tens <= 13 then
    return d .. 'th'
  end
  return d .. (({ 'st', 'nd', 'rd' })[d % 10] or 'th')
end

-- Pads like the example did ("03" -> 2 digits).
local function pad(n, like)
  return (like and #like == 2 and like:sub(1, 1) == '0') and ('%02d'):format(n) or tostring(n)
end

--- Writes today ("YYYY-MM-DD") the way `written` (a date as the notes
--- wrote it) is written: ISO, 3/14/25, 3/14, March 14, 2025, Mar. 14th,
--- 14 March 2025, with a leading weekday when it had one.
function M.restyle(written, today, day_first)
  local y, m, d = today:match('^(%d+)-(%d+)-(%d+)$')
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  local wd_written, rest = written:match('^(%a+)%.?,?%s+(.*)$')
  local weekday = ''
  if wd_written then
    local wd = tonumber(os.date('%w', os.time({ year = y, month = m, day = d, hour = 12 }))) + 1
    local lw = wd_written:lower()
    for _, name in ipairs(WEEKDAYS) do
      if name:lower():sub(1, #lw) == lw and #lw >= 2 then
        local full = WEEKDAYS[wd]
        weekday = (#lw > 3 and full or full:sub(1, 3)) .. written:sub(#wd_written + 1, #written - #rest)
        written = rest
        break
      end
    end
  end
  local out
  if written:match('^%d%d%d%d%-%d%d%-%d%d') then
    out = today
  elseif written:match('^%d+/%d+') then
    local a, b, yr = written:match('^(%d+)/(%d+)/?(%d*)')
    local first, second = m, d
    if day_first then
      first, second = d, m
    end
    out = pad(first, a) .. '/' .. pad(second, b)
    if #yr == 4 then
      out = out .. '/' .. y
    elseif #yr == 2 then
      out = out .. '/' .. ('%02d'):format(y % 100)
    end
  elseif written:match('^%a') then
    local mon, dot = written:match('^(%a+)(%.?)')
    local name = MONTHS[m]
    if #mon <= 4 and mon:lower() ~= name:lower() then
      name = name:sub(1, 3) .. dot
    end
    local dd = written:match('%d+(%a%a)') and ordinal(d) or tostring(d)
    out = name .. ' ' .. dd
    if written:match('%d%d%d%d') then
      out = out .. ', ' .. y
    end
  elseif written:match('^%d+%s+%a') then
    out = d .. ' ' .. MONTHS[m]
    if written:match('%d%d%d%d$') then
      out = out .. ' ' .. y
    end
  else
    out = today
  end
  return weekday .. out
end

-- The last entry date of the notes, or nil.
function H.last_entry(doc)
  local last
  for _, item in ipairs(doc:items_in(0, doc:line_count())) do
    if item.kind == 'date' and item.entry then
      last = item
    end
  end
  return last
end

-- Where a new entry goes after the entry on row: for a heading, before the
-- next heading of the same or a higher level; else after its paragraph.
function H.entry_end(buf, row, heading)
  local lines = api.nvim_buf_get_lines(buf, row + 1, -1, false)
  for i, line in ipairs(lines) do
    if heading then
      local marks = line:match('^(#+)%s')
      if marks and #marks <= heading then
        return row + i
      end
    elseif line:match('^%s*$') then
      return row + i
    end
  end
  return row + 1 + #lines
end

function H.entry()
  local buf, st = require('gavel.attach').current()
  if not buf then
    return
  end
  local today = util.today()
  local item = H.last_entry(st.doc)
  local at, lines, cursor
  if not item then
    at = api.nvim_buf_line_count(buf)
    lines = { '', '## ' .. today, '' }
    cursor = { at + 3, 0 }
  else
    local line = st.doc:line(item.row) or ''
    local written = line:sub(item.col + 1, item.end_col)
    local date = M.restyle(written, today, require('gavel.config').get().day_first)
    local prefix = line:sub(1, item.col)
    local sep = line:sub(item.end_col + 1):match('^[%s:,%-\226\128\147\148]*') or ''
    local heading = prefix:match('^(#+)%s')
    at = H.entry_end(buf, item.row, heading and #heading)
    if heading then
      local head = vim.trim(prefix .. date .. sep:gsub('[%s:,%-\226\128\147\148]+$', ''))
      lines = { head, '', '' }
      local prev = at > 0 and api.nvim_buf_get_lines(buf, at - 1, at, false)[1] or ''
      if prev ~= '' then
        table.insert(lines, 1, '')
      end
      cursor = { at + #lines - 1, 0 }
    else
      lines = { prefix .. date .. (sep ~= '' and sep or ' ') }
      cursor = { at + 1, #lines[1] }
    end
  end
  api.nvim_buf_set_lines(buf, at, at, false, lines)
  api.nvim_win_set_cursor(0, cursor)
  vim.cmd('startinsert!')
end

-- ----- ack: the engine's marker above a warning ---------------------------

--- The marker text for a code: "gavel: ack CODE" or "gavel: snooze CODE
--- until DATE", in an HTML comment in Markdown.
function M.marker(code, until_date, filetype)
  local text = until_date and ('gavel: snooze %s until %s'):format(code, until_date) or ('gavel: ack %s'):format(code)
  if filetype == 'markdown' or filetype == 'gavel' then
    return '<!-- ' .. text .. ' -->'
  end
  return text
end

function M.ack(args)
  args = args or {}
  local until_date
  if args[1] == 'snooze' then
    until_date = args[2]
    if not until_date or not util.day_number(until_date) then
      H.warn('gavel: use :Gavel ack snooze YYYY-MM-DD')
      return
    end
  elseif args[1] then
    H.warn("gavel: use :Gavel ack, or :Gavel ack snooze YYYY-MM-DD")
    return
  end
  local buf, st = require('gavel.attach').current()
  if not buf then
    return
  end
  local row = api.nvim_win_get_cursor(0)[1] - 1
  local here = {}
  for _, w in ipairs(st.doc:warnings()) do
    if row >= w.row and row <= w.end_row then
      here[#here + 1] = w
    end
  end
  if #here == 0 then
    H.info('gavel: no warning on this line')
    return
  end
  local function write(w)
    local line = api.nvim_buf_get_lines(buf, w.row, w.row + 1, false)[1] or ''
    local indent = line:match('^%s*')
    local text = indent .. M.marker(w.code, until_date, vim.bo[buf].filetype)
    api.nvim_buf_set_lines(buf, w.row, w.row, false, { text })
  end
  if #here == 1 then
    write(here[1])
  else
    vim.ui.select(here, {
      prompt = 'Acknowledge which warning?',
      format_item = function(w)
        return ('[%s] %s'):format(w.code, w.message)
      end,
    }, function(choice)
      if choice then
        write(choice)
      end
    end)
  end
end

-- ----- enable, disable, today, info ---------------------------------------

function H.enable()
  local buf = api.nvim_get_current_buf()
  vim.b[buf].gavel_disabled = nil
  local attach = require('gavel.attach')
  attach.forgive(buf)
  if attach.attach(buf, true) then
    H.info('gavel: reading this buffer')
  end
end

function H.disable()
  local buf = api.nvim_get_current_buf()
  vim.b[buf].gavel_disabled = true
  require('gavel.attach').detach(buf)
  H.info('gavel: not reading this buffer')
end

function H.toggle()
  if require('gavel.attach').buffers[api.nvim_get_current_buf()] then
    H.disable()
  else
    H.enable()
  end
end

function H.today(args)
  local arg = args[1]
  if arg == 'reset' then
    util.session_today = nil
  elseif arg then
    if not util.day_number(arg) then
      H.warn('gavel: use :Gavel today YYYY-MM-DD (or :Gavel today reset)')
      return
    end
    util.session_today = arg
  end
  if arg then
    require('gavel.attach').refresh(false)
  end
  H.info('gavel: reviewing as of ' .. util.today())
end

function H.info_cmd()
  local lines = require('gavel.health').facts(api.nvim_get_current_buf())
  H.info(table.concat(lines, '\n'))
end

-- ----- the case index (gavel.index, when installed) -----------------------

local function index_command(name)
  return function(args)
    local ok, index = pcall(require, 'gavel.index')
    if not ok or type(index) ~= 'table' or type(index[name]) ~= 'function' then
      H.warn('gavel: the case index is not available')
      return
    end
    local done, err = pcall(index[name], args)
    if not done then
      -- without the "file:line:" of error() and a second "gavel: "
      local msg = tostring(err):gsub('^[^\n]-:%d+: ', ''):gsub('^gavel: ', '')
      vim.notify('gavel: ' .. msg, vim.log.levels.ERROR)
    end
  end
end

-- ===== The table ==========================================================

local function complete_dir(arglead)
  return vim.fn.getcompletion(arglead, 'file')
end

M.subcommands = {
  check = {
    desc = 'warnings of this buffer, or of the notes under a folder, to quickfix',
    args = '[dir]',
    run = H.check,
    complete = complete_dir,
  },
  timeline = {
    desc = 'the negotiation as a table; <CR> jumps to the line',
    run = function()
      require('gavel.timeline').open()
    end,
  },
  evidence = {
    desc = 'pick an evidence item and jump to it',
    run = function()
      require('gavel.evidence').pick()
    end,
  },
  references = {
    desc = 'every reference to the evidence under the cursor, to quickfix',
    run = function()
      require('gavel.evidence').references()
    end,
  },
  entry = { desc = 'insert a new dated entry in the notes\' own style', run = H.entry },
  ack = {
    desc = 'acknowledge (or snooze until a date) the warning under the cursor',
    args = '[snooze YYYY-MM-DD]',
    run = M.ack,
    complete = function(_, args)
      if #args <= 1 then
        return { 'snooze' }
      end
      return { util.today() }
    end,
  },
  enable = { desc = 'read this buffer as case notes', run = H.enable },
  disable = { desc = 'stop reading this buffer', run = H.disable },
  toggle = { desc = 'enable or disable this buffer', run = H.toggle },
  today = {
    desc = 'review the notes as of another date',
    args = 'YYYY-MM-DD|reset',
    run = H.today,
    complete = function()
      return { util.today(), 'reset' }
    end,
  },
  info = { desc = 'versions, options and this buffer\'s state', run = H.info_cmd },
  help = {
    desc = 'open the help',
    run = function()
      vim.cmd('help gavel')
    end,
  },
  index = {
    desc = 'index a folder of cases (case index)',
    args = '[dir]',
    run = index_command('index'),
    complete = complete_dir,
  },
  cases = { desc = 'every indexed case, most urgent first (case index)', run = index_command('cases') },
  agenda = {
    desc = 'court dates, deadlines and expiries ahead (case index)',
    args = '[days]',
    run = index_command('agenda'),
  },
  forget = {
    desc = 'remove a case from the index (case index)',
    args = '[case dir]',
    run = index_command('forget'),
    complete = complete_dir,
  },
}

--- Subcommand names, sorted.
function M.names()
  local names = vim.tbl_keys(M.subcommands)
  table.sort(names)
  return names
end

--- Runs :Gavel with the user-command table o (o.fargs).
function M.run(o)
  local args = vim.deepcopy(o.fargs or {})
  local name = table.remove(args, 1)
  if not name then
    vim.ui.select(M.names(), {
      prompt = 'Gavel',
      format_item = function(n)
        return ('%-10s %s'):format(n, M.subcommands[n].desc)
      end,
    }, function(choice)
      if choice then
        M.subcommands[choice].run({})
      end
    end)
    return
  end
  local sub = M.subcommands[name]
  if not sub then
    vim.notify(("gavel: unknown subcommand '%s' (:Gavel lists them)"):format(name), vim.log.levels.ERROR)
    return
  end
  return sub.run(args)
end

--- Completion for :Gavel.
function M.complete(arglead, line, pos)
  local before = line:sub(1, pos)
  local words = vim.split(before, '%s+', { trimempty = false })
  table.remove(words, 1) -- "Gavel"
  if #words <= 1 then
    return vim.tbl_filter(function(n)
      return n:sub(1, #arglead) == arglead
    end, M.names())
  end
  local sub = M.subcommands[words[1]]
  if not sub or not sub.complete then
    return {}
  end
  local args = { unpack(words, 2) }
  return vim.tbl_filter(function(c)
    return c:sub(1, #arglead) == arglead
  end, sub.complete(arglead, args))
end

return M
