-- gavel.timeline: :Gavel timeline, the negotiation as a table in a scratch
-- window (date, party, event, terms, the change from the previous offer,
-- days waited, expiry), the next deadlines and the trial-prep checklist.
-- <CR> on a row jumps to its line in the notes; q closes.

local util = require('gavel.util')

local M = {}
local api = vim.api
local ns = api.nvim_create_namespace('gavel.timeline')

local H = {}

-- ===== Formatting =========================================================

--- "$1,250" or "$1,250.50" for an amount in cents.
function M.money(cents)
  local whole = math.floor(cents / 100)
  local rest = cents - whole * 100
  local s = tostring(whole):reverse():gsub('(%d%d%d)', '%1,'):reverse():gsub('^,', '')
  if rest ~= 0 then
    s = s .. ('.%02d'):format(rest)
  end
  return '$' .. s
end

--- The terms of an offer in short: "Count 1; 18 mo custody; $500 fine".
function M.terms(t)
  if not t then
    return ''
  end
  local parts = {}
  local function add(s)
    parts[#parts + 1] = s
  end
  if t.charge then
    add(t.charge)
  end
  if t.time_served then
    add('time served')
  elseif t.custody_months then
    add(('%d mo custody%s'):format(t.custody_months, t.suspended and ' (suspended)' or ''))
  end
  if t.probation_months then
    add(('%d mo probation'):format(t.probation_months))
  end
  if t.fine_cents then
    add(M.money(t.fine_cents) .. ' fine')
  end
  if t.restitution_cents then
    add(M.money(t.restitution_cents) .. ' restitution')
  end
  if t.counts_dismissed and t.counts_dismissed > 0 then
    add(('dismiss %d'):format(t.counts_dismissed))
  end
  if t.diversion then
    add('diversion')
  end
  return table.concat(parts, '; ')
end

--- Lays rows (lists of strings) out as aligned columns.
function M.columns(rows)
  local widths = {}
  for _, r in ipairs(rows) do
    for i, cell in ipairs(r) do
      widths[i] = math.max(widths[i] or 0, vim.fn.strdisplaywidth(cell))
    end
  end
  local out = {}
  for k, r in ipairs(rows) do
    local cells = {}
    for i, cell in ipairs(r) do
      local pad = i < #r and (widths[i] - vim.fn.strdisplaywidth(cell)) or 0
      cells[i] = cell .. (' '):rep(pad)
    end
    out[k] = vim.trim(table.concat(cells, '  ')):gsub('%s+$', '')
  end
  return out
end

-- ===== Building the view ==================================================

local EVENT_LABEL = {
  offer = 'offer',
  counteroffer = 'counteroffer',
  reject = 'reject',
  accept = 'accept',
  withdraw = 'withdraw',
  attempt = 'attempt',
  response = 'response',
}

local function round_row(r, today)
  local event = EVENT_LABEL[r.event] or r.event or ''
  if r.final then
    event = 'final ' .. event
  end
  if r.unanswered then
    event = event .. ' (no reply)'
  end
  local expires = ''
  if r.expires then
    expires = r.expires .. ' (' .. (util.relative(r.expires, today) or '') .. ')'
  end
  local who = r.who or r.party or ''
  if r.party == 'defense' and r.who then
    who = 'defense → ' .. r.who -- an attempt names whom it reached for
  end
  return {
    r.day or '?',
    who,
    event,
    M.terms(r.terms),
    r.change or '',
    r.waited_days and (r.waited_days .. ' d') or '',
    expires,
  }
end

--- Builds the view of a document: lines, and for each line the notes row
--- it stands for (or nil) and a highlight group (or nil).
function M.build(doc, today)
  local lines, rows, groups = {}, {}, {}
  local function add(line, row, group)
    lines[#lines + 1] = line
    rows[#lines] = row
    groups[#lines] = group
  end
  local s = doc:summary()
  local title = s.name or 'Case notes'
  if s.number then
    title = title .. ' (' .. s.number .. ')'
  end
  add(('%s  ·  as of %s  ·  %s'):format(title, today, s.state or 'none'), nil, 'GavelTimelineHeader')
  add('')

  local rounds = doc:timeline()
  local table_rows = { { 'Date', 'Who', 'Event', 'Terms', 'Change', 'Waited', 'Expires' } }
  for _, r in ipairs(rounds) do
    table_rows[#table_rows + 1] = round_row(r, today)
  end
  if #rounds == 0 then
    add('No negotiation found yet: offers, counteroffers and contacts with the prosecution appear here.')
  else
    for i, line in ipairs(M.columns(table_rows)) do
      add(line, i > 1 and rounds[i - 1].row or nil, i == 1 and 'GavelTimelineHeader' or nil)
    end
  end

  add('')
  add('Next', nil, 'GavelTimelineHeader')
  if s.next_day then
    add(('  %s  %s (%s)'):format(s.next_day, s.next_what or '', util.relative(s.next_day, today) or ''), s.next_row)
  end
  if s.trial_day then
    add(('  %s  trial (%s)'):format(s.trial_day, util.relative(s.trial_day, today) or ''))
  end
  if not s.next_day and not s.trial_day then
    add('  nothing scheduled')
  end

  local prep = {}
  for _, item in ipairs(doc:items_in(0, doc:line_count())) do
    if item.event == 'prep' and (item.done or item.open) then
      prep[#prep + 1] = item
    end
  end
  add('')
  add(('Trial prep (%d done, %d open)'):format(s.prep_done or 0, s.prep_open or 0), nil, 'GavelTimelineHeader')
  for _, item in ipairs(prep) do
    -- the line as written, without its list marker and checkbox
    local text = vim.trim((doc:line(item.row) or ''):gsub('^%s*[-*+]%s+', ''):gsub('^%[.%]%s*', ''))
    add(('  [%s] %s'):format(item.done and 'x' or ' ', text), item.row, item.done and 'GavelTimelineDone' or 'GavelTimelineOpen')
  end
  return lines, rows, groups
end

-- ===== The window =========================================================

-- Timeline buffers by notes buffer, reused on :Gavel timeline again.
H.views = {}

function H.jump(view)
  local row = view.rows[api.nvim_win_get_cursor(0)[1]]
  if not row or not api.nvim_buf_is_valid(view.source) then
    return
  end
  local win = view.win
  if not (win and api.nvim_win_is_valid(win) and api.nvim_win_get_buf(win) == view.source) then
    win = vim.fn.bufwinid(view.source)
  end
  if win == -1 then
    vim.cmd('wincmd p')
    api.nvim_win_set_buf(0, view.source)
    win = api.nvim_get_current_win()
  end
  api.nvim_set_current_win(win)
  api.nvim_win_set_cursor(win, { row + 1, 0 })
end

--- Opens (or refreshes) the timeline of the current notes buffer.
function M.open()
  local source, st = require('gavel.attach').current()
  if not source then
    return
  end
  local lines, rows, groups = M.build(st.doc, util.today())
  local view = H.views[source]
  if not (view and api.nvim_buf_is_valid(view.buf)) then
    view = { buf = api.nvim_create_buf(false, true), source = source }
    H.views[source] = view
    vim.bo[view.buf].bufhidden = 'wipe'
    vim.bo[view.buf].filetype = 'gaveltimeline'
    pcall(api.nvim_buf_set_name, view.buf, 'gavel://timeline/' .. source)
    vim.keymap.set('n', '<CR>', function()
      H.jump(view)
    end, { buffer = view.buf, desc = 'gavel: jump to this line of the notes' })
    vim.keymap.set('n', 'q', '<cmd>close<CR>', { buffer = view.buf, desc = 'gavel: close the timeline' })
  end
  view.win = api.nvim_get_current_win()
  view.rows = rows
  vim.bo[view.buf].modifiable = true
  api.nvim_buf_set_lines(view.buf, 0, -1, false, lines)
  vim.bo[view.buf].modifiable = false
  api.nvim_buf_clear_namespace(view.buf, ns, 0, -1)
  for i, group in pairs(groups) do
    -- an extmark, not nvim_buf_add_highlight (deprecated in 0.11)
    api.nvim_buf_set_extmark(view.buf, ns, i - 1, 0, { end_row = i - 1, end_col = #lines[i], hl_group = group })
  end
  local shown = vim.fn.bufwinid(view.buf)
  if shown ~= -1 then
    api.nvim_set_current_win(shown)
  else
    vim.cmd(('botright %dsplit'):format(math.min(#lines + 1, 20)))
    api.nvim_win_set_buf(0, view.buf)
    vim.wo.wrap = false
    vim.wo.number = false
    vim.wo.cursorline = true
  end
  return view
end

return M
