-- :Gavel and its subcommands.
local H = require('helpers')
local api = vim.api

local T = {}
local function test(name, fn)
  T[#T + 1] = { name, fn }
end

test(':Gavel check fills quickfix for the buffer', function()
  local buf = H.open_example()
  vim.cmd('Gavel check')
  local qf = vim.fn.getqflist()
  H.eq(9, #qf, 'nine warnings')
  local rows = {}
  for _, item in ipairs(qf) do
    rows[#rows + 1] = item.lnum
    H.eq(buf, item.bufnr, 'buffer')
    H.ok(item.text:find('%[[%w-]+%]$'), 'code in the text: ' .. item.text)
  end
  H.eq({ 24, 24, 27, 31, 31, 32, 36, 39, 41 }, rows, '1-based lines')
  local nr
  for _, item in ipairs(qf) do
    if item.text:find('no%-response') then
      nr = item
    end
  end
  H.eq({ 39, 13, 'W' }, { nr.lnum, nr.col, nr.type }, 'no-response position and type')
end)

test(':Gavel check DIR reads the notes from disk', function()
  local dir = H.case_copy()
  vim.fn.writefile({ '# Evidence, part 2', '- Exhibit 7: photo array (discovery/array.pdf)' }, dir .. '/evidence.md')
  vim.cmd('Gavel check ' .. vim.fn.fnameescape(dir))
  local qf = vim.fn.getqflist()
  local codes = {}
  for _, item in ipairs(qf) do
    codes[#codes + 1] = item.text:match('%[([%w-]+)%]$')
    H.eq('notes.md', vim.fn.fnamemodify(api.nvim_buf_get_name(item.bufnr), ':t'), 'file')
  end
  H.eq(8, #qf, 'peers define EX-7: eight warnings')
  H.ok(not vim.tbl_contains(codes, 'undefined-evidence'), 'EX-7 defined in evidence.md')
  H.eq(1, #H.notified('8 warnings in %d+ files'), 'summary said')
  H.eq(0, #vim.tbl_filter(function(b)
    return vim.fn.fnamemodify(api.nvim_buf_get_name(b), ':t') == 'evidence.md' and api.nvim_buf_is_loaded(b)
  end, api.nvim_list_bufs()), 'files read, not loaded as buffers')
end)

test(':Gavel check on a missing folder says so', function()
  vim.cmd('Gavel check /nonexistent/gavel-case')
  H.eq(1, #H.notified('no notes files'), 'said')
end)

test('completion comes from the command table', function()
  local c = require('gavel.commands')
  H.eq(c.names(), vim.fn.getcompletion('Gavel ', 'cmdline'), 'all subcommands')
  H.eq({ 'timeline', 'today', 'toggle' }, vim.fn.getcompletion('Gavel t', 'cmdline'), 'prefix')
  H.eq({ 'snooze' }, vim.fn.getcompletion('Gavel ack ', 'cmdline'), 'ack')
  H.ok(vim.tbl_contains(vim.fn.getcompletion('Gavel today ', 'cmdline'), 'reset'), 'today')
  for _, name in ipairs({ 'check', 'timeline', 'evidence', 'references', 'entry', 'ack', 'enable', 'disable', 'toggle', 'today', 'info', 'index', 'cases', 'agenda', 'forget', 'help' }) do
    H.ok(c.subcommands[name], 'subcommand ' .. name)
  end
end)

test(':Gavel with no argument offers the subcommands', function()
  H.open_example()
  local orig = vim.ui.select
  local offered
  vim.ui.select = function(items, opts, on_choice)
    offered = items
    H.ok(opts.format_item('check'):find('quickfix'), 'described')
    on_choice('check')
  end
  vim.cmd('Gavel')
  vim.ui.select = orig
  H.eq(require('gavel.commands').names(), offered, 'every subcommand')
  H.eq(9, #vim.fn.getqflist(), 'the chosen one ran')
end)

test('unknown subcommand is an error message', function()
  vim.cmd('Gavel frobnicate')
  H.eq(1, #H.notified("unknown subcommand 'frobnicate'"), 'said')
end)

test(':Gavel timeline shows a table; <CR> jumps', function()
  local buf = H.open_example()
  vim.cmd('Gavel timeline')
  local tbuf = api.nvim_get_current_buf()
  H.ok(tbuf ~= buf, 'a window of its own')
  H.eq('nofile', vim.bo[tbuf].buftype, 'scratch')
  local lines = api.nvim_buf_get_lines(tbuf, 0, -1, false)
  H.ok(lines[1]:find('State v. Doe') and lines[1]:find('2025%-04%-10'), 'title: ' .. lines[1])
  local header, offer
  for i, l in ipairs(lines) do
    if l:find('^Date%s+Who%s+Event') then
      header = i
    end
    if not offer and l:find('^2025%-02%-03') then
      offer = i
    end
  end
  H.ok(header, 'column header')
  H.ok(offer and lines[offer]:find('18 mo custody') and lines[offer]:find('%$500 fine'), 'first offer row: ' .. tostring(offer and lines[offer]))
  H.eq(lines[header]:find('Event'), lines[offer]:find('offer'), 'columns aligned')
  H.ok(table.concat(lines, '\n'):find('%[ %] witness list'), 'open prep item')
  H.ok(table.concat(lines, '\n'):find('%[x%] subpoena officer Reyes'), 'done prep item')
  api.nvim_win_set_cursor(0, { offer, 0 })
  H.type('<CR>')
  H.eq(buf, api.nvim_get_current_buf(), 'back in the notes')
  H.eq(14, api.nvim_win_get_cursor(0)[1] - 1, 'on the offer line')
end)

test(':Gavel ack writes the marker and silences the warning', function()
  local buf = H.open_example()
  api.nvim_win_set_cursor(0, { 39, 0 })
  vim.cmd('Gavel ack')
  H.eq('<!-- gavel: ack no-response -->', api.nvim_buf_get_lines(buf, 38, 39, false)[1], 'marker above')
  local got = H.diags(buf)
  for _, d in ipairs(got) do
    H.ok(not d:find('no%-response'), 'silenced: ' .. d)
  end
  H.ok(vim.tbl_contains(got, '41:unanswered-attempts'), 'others stay (moved down a line)')
end)

test(':Gavel ack snooze DATE, and a choice among several', function()
  local buf = H.open_example()
  api.nvim_win_set_cursor(0, { 31, 0 }) -- no-concession and offer-expiring
  local orig = vim.ui.select
  local offered
  vim.ui.select = function(items, _, on_choice)
    offered = vim.tbl_map(function(w)
      return w.code
    end, items)
    on_choice(items[2])
  end
  vim.cmd('Gavel ack snooze 2025-04-12')
  vim.ui.select = orig
  table.sort(offered)
  H.eq({ 'no-concession', 'offer-expiring' }, offered, 'both offered')
  local marker = api.nvim_buf_get_lines(buf, 30, 31, false)[1]
  H.ok(marker:find('^<!%-%- gavel: snooze [%w-]+ until 2025%-04%-12 %-%->$'), marker)
  local got = H.diags(buf)
  H.eq(1, #vim.tbl_filter(function(d)
    return d:find('^31:')
  end, got), 'one of the two snoozed')
  vim.cmd('Gavel ack snooze tomorrow')
  H.eq(1, #H.notified('ack snooze YYYY%-MM%-DD'), 'bad date said')
end)

test('ack in a text file writes the bare marker', function()
  local path = H.write_notes({
    '2025-03-01: emailed ADA about the offer.',
    '2025-03-02: called ADA, left VM.',
    '2025-03-03: emailed ADA again. No reply.',
  }, 'notes.txt')
  local buf = H.open(path)
  local got = H.diags(buf)
  H.ok(#got > 0, 'warnings in the text file: ' .. vim.inspect(got))
  local row = tonumber(got[1]:match('^%d+'))
  api.nvim_win_set_cursor(0, { row + 1, 0 })
  vim.ui.select = function(items, _, on_choice)
    on_choice(items[1])
  end
  vim.cmd('Gavel ack')
  H.ok(api.nvim_buf_get_lines(buf, row, row + 1, false)[1]:find('^gavel: ack [%w-]+$'), 'bare marker')
end)

-- { name, written date, expected for 2025-04-10 }
local styles = {
  { 'ISO', '2025-03-14', '2025-04-10' },
  { 'US long year', '3/14/2025', '4/10/2025' },
  { 'US short year', '3/14/25', '4/10/25' },
  { 'US no year', '3/14', '4/10' },
  { 'zero padded', '03/04/25', '04/10/25' },
  { 'month name', 'March 14, 2025', 'April 10, 2025' },
  { 'abbreviated with dot', 'Mar. 14th', 'Apr. 10th' },
  { 'abbreviated', 'Mar 3', 'Apr 10' },
  { 'day first', '14 March 2025', '10 April 2025' },
  { 'weekday', 'Fri 3/21', 'Thu 4/10' },
  { 'full weekday', 'Friday, March 21', 'Thursday, April 10' },
}
test('entry dates are restyled like the notes', function()
  local restyle = require('gavel.commands').restyle
  for _, row in ipairs(styles) do
    H.eq(row[3], restyle(row[2], '2025-04-10'), row[1])
  end
  H.eq('10/4/25', restyle('14/3/25', '2025-04-10', true), 'day_first')
end)

test(':Gavel entry follows the last entry\'s style', function()
  local buf = H.open_example()
  vim.cmd('Gavel entry')
  vim.cmd('stopinsert')
  H.eq('4/10/25 — ', api.nvim_buf_get_lines(buf, 41, 42, false)[1], 'prefix style after the last entry')
  H.eq(42, api.nvim_win_get_cursor(0)[1], 'cursor on it')
  local path = H.write_notes({ '# State v. Roe', '', '## 2025-03-01', 'called ADA', '', '## Evidence', '- Ex. 1: video' })
  local b2 = H.open(path)
  vim.cmd('Gavel entry')
  vim.cmd('stopinsert')
  H.eq({ '## 2025-03-01', 'called ADA', '', '## 2025-04-10', '', '', '## Evidence' }, api.nvim_buf_get_lines(b2, 2, 9, false), 'heading style, before the next section')
end)

test(':Gavel disable, enable, toggle', function()
  local buf = H.open_example()
  local attach = require('gavel.attach')
  vim.cmd('Gavel disable')
  H.eq(nil, attach.buffers[buf], 'detached')
  H.eq({}, H.diags(buf), 'cleared')
  api.nvim_buf_set_lines(buf, 0, 1, false, { '# State v. Doe (edited)' })
  vim.cmd('doautocmd FileType')
  H.eq(nil, attach.buffers[buf], 'stays off')
  vim.cmd('Gavel toggle')
  H.ok(attach.buffers[buf], 'toggled on')
  H.eq(9, #H.diags(buf), 'warnings back, edits while off included')
  vim.cmd('Gavel toggle')
  H.eq(nil, attach.buffers[buf], 'toggled off')
  vim.cmd('Gavel enable')
  H.ok(attach.buffers[buf], 'enabled')
end)

test('index subcommands without the index, and with it', function()
  package.preload['gavel.index'] = function()
    error('not installed')
  end
  vim.cmd('Gavel cases')
  H.eq(1, #H.notified('the case index is not available'), 'said')
  local got
  package.loaded['gavel.index'] = {
    agenda = function(args)
      got = args
    end,
  }
  vim.cmd('Gavel agenda 30')
  H.eq({ '30' }, got, 'passed the arguments')
  package.loaded['gavel.index'] = {
    forget = function()
      error('gavel: no such case')
    end,
  }
  vim.cmd('Gavel forget x')
  H.eq(1, #H.notified('^gavel: no such case$'), 'index errors said once, prefixed once')
end)

test(':Gavel info and :checkhealth gavel', function()
  H.open_example()
  vim.cmd('Gavel info')
  local info = H.notified('^gavel 0%.1%.0')
  H.eq(1, #info, 'info said')
  H.ok(info[1].msg:find('PCRE2') and info[1].msg:find('SQLite') and info[1].msg:find('9 warnings'), info[1].msg)
  H.ok(info[1].msg:find("today = \"2025%-04%-10\""), 'options in force')
  vim.cmd('checkhealth gavel')
  local text = table.concat(api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  H.ok(text:find('gavel.core 0%.1%.0 loaded'), 'module: ' .. text)
  H.ok(text:find('PCRE2 JIT'), 'jit')
  H.ok(text:find('SQLite 3'), 'sqlite')
  H.ok(text:find('index folder'), 'index folder')
  H.ok(not text:find('ERROR'), 'no error')
end)

test('status for a statusline', function()
  local buf, st = H.open_example()
  H.settle(buf)
  local reads = H.count_calls(st, 'warnings')
  H.eq('gavel: 9 warnings · stalled · trial in 32 days', require('gavel').status(), 'status')
  H.eq('gavel: 9 warnings · stalled · trial in 32 days', require('gavel').status(), 'again')
  H.eq(1, reads.n, 'asked twice, worked out once')
  api.nvim_buf_set_lines(buf, 0, 0, false, { 'Called ADA on 4/9/25, no answer' })
  H.settle(buf)
  local after_update = reads.n
  require('gavel').status()
  H.eq(after_update + 1, reads.n, 'worked out again after a new analysis')
  vim.cmd('enew')
  H.eq('', require('gavel').status(), 'not notes')
end)

test('the index folder: private or warned about', function()
  local dir = vim.fn.fnamemodify(vim.g.gavel_index_db, ':h')
  vim.fn.mkdir(dir, 'p')
  vim.fn.setfperm(dir, 'rwxr-xr-x')
  vim.cmd('checkhealth gavel')
  local text = table.concat(api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  H.ok(text:find('others can read'), 'warned: ' .. text)
  vim.fn.setfperm(dir, 'rwx------')
  vim.cmd('checkhealth gavel')
  text = table.concat(api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  H.ok(text:find('private'), 'private')
end)

return T
