-- Buffers: attach, edits (API and typing), undo, failures, declines,
-- highlights and the diagnostic configuration.
local H = require('helpers')
local api = vim.api

local T = {}
local function test(name, fn)
  T[#T + 1] = { name, fn }
end

local EXPECTED = H.EXPECTED

test('attaches to the example and raises its warnings', function()
  local buf, st = H.open_example()
  H.ok(st, 'attached')
  H.eq(EXPECTED, H.diags(buf), 'diagnostics')
  local d = vim.diagnostic.get(buf, { namespace = require('gavel.render').ns, lnum = 38 })[1]
  H.eq('gavel', d.source, 'source')
  H.eq('no-response', d.code, 'code')
  H.eq(vim.diagnostic.severity.WARN, d.severity, 'severity')
  H.ok(d.message:find('ADA Natarajan') and d.message:find('17 days'), d.message)
end)

test('which buffers count as case notes', function()
  local util = require('gavel.util')
  local plain = vim.fn.tempname() .. '-todo.md'
  vim.fn.writefile({ '## 2025-03-14', 'Ex. 3' }, plain)
  local buf, st = H.open(plain)
  H.eq(nil, st, 'markdown outside a case is left alone')
  H.eq(false, util.is_notes(buf), 'is_notes')
  local notes = vim.fn.tempname() .. '-notes.txt'
  vim.fn.writefile({ '2025-03-14: Ex. 3' }, notes)
  local _, st2 = H.open(notes)
  H.ok(st2, '*notes* text file attached')
  local code = vim.fn.tempname() .. '-case.lua'
  vim.fn.writefile({ '-- 2025-03-14' }, code)
  local _, st3 = H.open(code)
  H.eq(nil, st3, 'lua file is not notes')
  local gavel_ft = vim.fn.tempname() .. '.case.md'
  vim.fn.writefile({ '## 2025-03-14' }, gavel_ft)
  local b4, st4 = H.open(gavel_ft)
  H.eq('gavel', vim.bo[b4].filetype, '*.case.md filetype')
  H.ok(st4, 'gavel filetype attached')
  -- the marker makes any markdown file below it count
  local path = H.write_notes({ '## 2025-03-14' }, 'plain.md')
  local _, st5 = H.open(path)
  H.ok(st5, 'file under a .gavel marker attached')
end)

test('nvim_buf_set_lines edits update diagnostics; undo restores them', function()
  local buf = H.open_example()
  api.nvim_buf_set_lines(buf, 41, 41, false, { '4/9/25 — ADA Natarajan replied by email: offer stands.' })
  local after = H.diags(buf)
  H.ok(not vim.tbl_contains(after, '38:no-response'), 'no-response gone after a reply')
  H.ok(not vim.tbl_contains(after, '40:unanswered-attempts'), 'unanswered gone after a reply')
  H.ok(vim.tbl_contains(after, '41:no-concession'), 'same offer again: no-concession on the reply')
  vim.cmd('silent undo')
  H.eq(EXPECTED, H.diags(buf), 'undo restores')
  api.nvim_buf_set_lines(buf, 40, 41, false, {})
  local fewer = H.diags(buf)
  H.ok(not vim.tbl_contains(fewer, '40:unanswered-attempts'), 'two attempts are not three')
  H.ok(vim.tbl_contains(fewer, '38:no-response'), 'no-response stays')
  vim.cmd('silent undo')
  H.eq(EXPECTED, H.diags(buf), 'second undo restores')
  vim.cmd('silent redo')
  H.eq(fewer, H.diags(buf), 'redo')
end)

test('typing through feedkeys updates diagnostics', function()
  local buf = H.open_example()
  api.nvim_win_set_cursor(0, { 41, 0 })
  H.type('o4/9/25 — met client at the jail.<Esc>')
  H.eq('4/9/25 — met client at the jail.', api.nvim_buf_get_lines(buf, 41, 42, false)[1], 'typed text')
  local got = H.diags(buf)
  H.ok(not vim.tbl_contains(got, '26:client-contact-gap'), 'client contact logged: gap gone')
  H.ok(vim.tbl_contains(got, '38:no-response'), 'other warnings stay')
  -- the document mirrors the buffer exactly after typing
  local st = require('gavel.attach').buffers[buf]
  H.eq(api.nvim_buf_line_count(buf), st.doc:line_count(), 'line count')
  for row = 0, api.nvim_buf_line_count(buf) - 1 do
    H.eq(api.nvim_buf_get_lines(buf, row, row + 1, false)[1], st.doc:line(row), 'row ' .. row)
  end
  H.type('u')
  H.eq(EXPECTED, H.diags(buf), 'u restores')
end)

-- Counts the calls of doc method `name` on buffer state st.
test('typing: forwarded as replacements, one debounced update', function()
  require('gavel').setup({ today = H.TODAY, debounce_ms = 30 })
  local buf, st = H.open_example()
  local before = st.updates
  local replaces = H.count_calls(st, 'replace')
  api.nvim_win_set_cursor(0, { 41, 0 })
  H.type('o4/9/25 - met client at the jail.<Esc>')
  H.eq('4/9/25 - met client at the jail.', api.nvim_buf_get_lines(buf, 41, 42, false)[1], 'typed')
  H.ok(replaces.n >= 1, 'forwarded as replacements')
  H.eq(before, st.updates, 'nothing analysed while typing')
  H.ok(st.pending, 'an update is pending')
  H.ok(vim.wait(2000, function()
    return not st.pending
  end, 5), 'update ran')
  H.eq(before + 1, st.updates, 'one update for the whole line')
  H.ok(not vim.tbl_contains(H.diags(buf), '26:client-contact-gap'), 'gap gone')
end)

test('prose retyped as prose: warnings and definitions are not read again', function()
  local buf, st, dir = H.open_example()
  H.settle(buf)
  H.settle(H.open(dir .. '/evidence.md')) -- a sibling: definitions are compared
  api.nvim_set_current_buf(buf)
  local warnings, evidence = H.count_calls(st, 'warnings'), H.count_calls(st, 'evidence')
  local last_row = api.nvim_buf_line_count(buf)
  local function retype(line, want, what)
    api.nvim_buf_set_lines(buf, last_row, last_row + 1, false, { line })
    H.settle(buf)
    H.eq(want, { warnings.n, evidence.n }, what)
  end
  api.nvim_buf_set_lines(buf, last_row, last_row, false, { '' })
  retype('plain words here', { 1, 1 }, 'a new reading: both read')
  retype('plain wordz here', { 1, 1 }, 'the same reading: nothing analysed, nothing read')
  retype('called ADA on 4/9/25', { 2, 2 }, 'a new reading: read again')
end)

test('undo no-op events are ignored', function()
  local buf, st = H.open_example()
  H.settle(buf)
  local calls = H.count_calls(st, 'replace')
  api.nvim_buf_set_lines(buf, 3, 3, false, {})
  H.eq(0, calls.n, 'an empty replacement is not forwarded')
  api.nvim_buf_set_lines(buf, 3, 4, false, { 'ADA: P. Natarajan' })
  H.eq(1, calls.n, 'a real edit is')
end)

test('an engine error is reported once and editing goes on', function()
  local buf, st = H.open_example()
  H.settle(buf)
  st.doc = H.broken_doc()
  api.nvim_buf_set_lines(buf, 0, 1, false, { '# State v. Roe' })
  api.nvim_buf_set_lines(buf, 1, 1, false, { 'more' })
  H.type('Goanother line<Esc>')
  vim.wait(50)
  local said = H.notified('stopped reading')
  H.eq(1, #said, 'reported once')
  H.ok(said[1].msg:find('boom inside the engine'), said[1].msg)
  H.eq(vim.log.levels.ERROR, said[1].level, 'as an error')
  H.eq(nil, require('gavel.attach').buffers[buf], 'detached')
  H.eq({}, vim.diagnostic.get(buf, { namespace = require('gavel.render').ns }), 'diagnostics cleared')
  H.eq('another line', api.nvim_buf_get_lines(buf, -2, -1, false)[1], 'buffer still editable')
  -- not re-attached behind the user's back; :Gavel enable retries
  vim.cmd('doautocmd FileType')
  H.eq(nil, require('gavel.attach').buffers[buf], 'stays detached')
  vim.cmd('Gavel enable')
  H.ok(require('gavel.attach').buffers[buf], 're-attached by :Gavel enable')
end)

test('binary and enormous files are declined with one message', function()
  local bin = H.write_notes({ 'x' }, 'blob.md')
  local f = io.open(bin, 'wb')
  f:write('## 2025-03-14\n\0\1\2binary')
  f:close()
  local _, st = H.open(bin)
  H.eq(nil, st, 'binary declined')
  H.eq(1, #H.notified('not reading'), 'one message')
  require('gavel').setup({ today = H.TODAY, max_file_bytes = 1000 })
  local big = {}
  for i = 1, 200 do
    big[i] = '2025-03-14: line ' .. i
  end
  local path = H.write_notes(big, 'big-notes.md')
  local _, st2 = H.open(path)
  H.eq(nil, st2, 'enormous declined')
  H.eq(1, #H.notified('too large'), 'said once')
  vim.cmd('edit!')
  H.eq(1, #H.notified('too large'), 'not repeated on reload')
end)

test('virtual text is on for the gavel namespace', function()
  local ns = require('gavel.render').ns
  H.open_example()
  H.ok(vim.diagnostic.config(nil, ns).virtual_text, 'on by default')
  require('gavel').setup({ today = H.TODAY, virtual_text = false })
  H.eq(false, vim.diagnostic.config(nil, ns).virtual_text, 'switchable')
  require('gavel').setup({ today = H.TODAY, virtual_text = { prefix = '!' } })
  H.eq('!', vim.diagnostic.config(nil, ns).virtual_text.prefix, 'table form')
end)

test('highlights by concern, each switchable', function()
  local buf = H.open_example()
  H.settle(buf)
  for _, concern in ipairs({ 'dates', 'money', 'offers', 'terms', 'evidence', 'relative_dates' }) do
    H.ok(#H.marks(buf, concern) > 0, concern .. ' highlighted')
  end
  local ref
  for _, m in ipairs(H.marks(buf, 'evidence')) do
    if m[2] == 18 then
      ref = m
    end
  end
  H.ok(ref, 'evidence on row 18')
  H.eq({ 72, 77, 'GavelEvidenceRef' }, { ref[3], ref[4].end_col, ref[4].hl_group }, 'Ex. 2 underlined')
  local rel
  for _, m in ipairs(H.marks(buf, 'relative_dates')) do
    if m[2] == 15 then
      rel = m[4].virt_text[1][1]
    end
  end
  H.ok(rel and rel:find('2025%-04%-15 in 5 days'), 'expiry note: ' .. tostring(rel))
  require('gavel').setup({ today = H.TODAY, highlights = { evidence = false, relative_dates = false } })
  buf = api.nvim_get_current_buf()
  H.settle(buf)
  H.eq(0, #H.marks(buf, 'evidence'), 'evidence off')
  H.eq(0, #H.marks(buf, 'relative_dates'), 'relative dates off')
  H.ok(#H.marks(buf, 'dates') > 0, 'dates still on')
  local link = vim.fn.execute('highlight GavelEvidenceRef')
  H.ok(link:find('Underlined'), 'GavelEvidenceRef links to Underlined: ' .. link)
end)

-- Records the row ranges render.redraw asks Neovim to draw again during fn.
local function redrawn(fn)
  local render = require('gavel.render')
  local orig = render.redraw
  local calls = {}
  render.redraw = function(b, d, full)
    local lo, hi = orig(b, d, full)
    calls[#calls + 1] = { lo, hi }
    return lo, hi
  end
  local ok, err = pcall(fn)
  render.redraw = orig
  assert(ok, err)
  return calls
end

local function drawn(buf)
  local out = {}
  for _, c in ipairs({ 'dates', 'money', 'evidence', 'offers', 'terms', 'relative_dates' }) do
    out[c] = vim.tbl_map(function(m)
      return { m[2], m[3], m[4].end_col, m[4].hl_group, m[4].virt_text and m[4].virt_text[1][1] }
    end, H.marks(buf, c))
  end
  return out
end

test('highlights follow edits, and an update redraws what changed', function()
  local buf, st = H.open_example()
  H.settle(buf)
  local calls = redrawn(function()
    api.nvim_buf_set_lines(buf, 45, 46, false, { '- [x] expert on eyewitness ID' })
    H.settle(buf)
  end)
  H.eq(1, #calls, 'one update')
  H.ok(calls[1][1] <= 45 and calls[1][2] >= 46, 'the edited row is redrawn: ' .. vim.inspect(calls))
  -- a line inserted near the top moves every row below it: the highlights
  -- move with it at once, before the debounced update
  api.nvim_buf_set_lines(buf, 1, 1, false, { 'Ex. 3 mentioned' })
  local rows = vim.tbl_map(function(m)
    return m[2]
  end, H.marks(buf, 'evidence'))
  H.ok(vim.tbl_contains(rows, 19), 'Ex. 2 moved with its line to row 19 before the update')
  H.ok(vim.tbl_contains(rows, 1), 'the new line is drawn before the update')
  for _, m in ipairs(H.marks(buf, 'evidence')) do
    local text = api.nvim_buf_get_lines(buf, m[2], m[2] + 1, false)[1]:sub(m[3] + 1, m[4].end_col)
    H.ok(text:find('Ex') or text:find('^%u+%-%d'), ('row %d draws %q'):format(m[2], text))
  end
  H.settle(buf)
  -- an entry date edit changes how later lines resolve: those are redrawn
  calls = redrawn(function()
    api.nvim_buf_set_lines(buf, 14, 15, false, { '## 2025-02-04' })
    H.settle(buf)
  end)
  H.ok(#calls == 1 and calls[1][1] <= 14 and calls[1][2] > 15, 'from the edited heading on: ' .. vim.inspect(calls))
  H.ok(st.updates > 0, 'updated')
  -- what is drawn equals a fresh read
  local before = drawn(buf)
  require('gavel.attach').detach(buf)
  H.eq({}, H.marks(buf, 'dates'), 'nothing drawn once detached')
  require('gavel.attach').attach(buf, true)
  H.eq(before, drawn(buf), 'incremental equals a fresh read')
end)

test('deleting every line leaves no marks behind', function()
  local buf = H.open_example()
  H.settle(buf)
  H.ok(#H.marks(buf, 'relative_dates') > 0 and #H.marks(buf, 'dates') > 0, 'marks before')
  -- Neovim moves the marks of deleted lines past the last row
  api.nvim_buf_set_lines(buf, 0, -1, false, { '## 2025-04-07', 'Fresh start.' })
  H.settle(buf)
  local left = {}
  for c in pairs(require('gavel.render').concerns) do
    for _, m in ipairs(H.marks(buf, c)) do
      left[#left + 1] = c .. ':' .. m[2]
    end
  end
  H.eq({ 'dates:0' }, left, 'only the new date')
end)

test(':Gavel today changes the review date', function()
  local buf = H.open_example()
  H.ok(vim.tbl_contains(H.diags(buf), '38:no-response'), 'before')
  vim.cmd('Gavel today 2025-03-22')
  local got = H.diags(buf)
  H.ok(not vim.tbl_contains(got, '38:no-response'), 'no no-response the day after the call')
  vim.cmd('Gavel today reset')
  H.ok(vim.tbl_contains(H.diags(buf), '38:no-response'), 'back to the option')
end)

return T
