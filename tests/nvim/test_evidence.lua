-- Evidence: the jump, gf-style opening, references, the picker, the index.
local H = require('helpers')
local api = vim.api

local T = {}
local function test(name, fn)
  T[#T + 1] = { name, fn }
end

local function cursor()
  local c = api.nvim_win_get_cursor(0)
  return { c[1] - 1, c[2] }
end

-- { name, cursor {row, col} on a reference, expected definition row }
local jumps = {
  { 'Ex. 2 in a sentence', { 18, 73 }, 51 },
  { 'Ex. 1 in parentheses', { 31, 49 }, 50 },
  { 'first column of the reference', { 18, 72 }, 51 },
  { 'last column of the reference', { 18, 76 }, 51 },
  { 'Bates range', { 32, 30 }, 54 },
}

test('gd jumps from a reference to its definition', function()
  local buf = H.open_example()
  H.settle(buf)
  for _, row in ipairs(jumps) do
    api.nvim_win_set_cursor(0, { row[2][1] + 1, row[2][2] })
    H.type('gd')
    H.eq(row[3], cursor()[1], row[1])
    H.eq(buf, api.nvim_get_current_buf(), row[1] .. ': same buffer')
  end
end)

test('<Plug>(gavel-evidence-definition) and the jumplist', function()
  local buf = H.open_example()
  H.settle(buf)
  api.nvim_win_set_cursor(0, { 19, 73 })
  vim.keymap.set('n', '<F5>', '<Plug>(gavel-evidence-definition)', { buffer = buf, remap = true })
  H.type('<F5>')
  H.eq(51, cursor()[1], 'jumped')
  H.type('<C-o>')
  H.eq(18, cursor()[1], 'back with <C-o>')
end)

test('gd elsewhere falls back to the built-in', function()
  local buf = H.open_example()
  H.settle(buf)
  api.nvim_win_set_cursor(0, { 5, 6 }) -- "Priya" in "ADA: Priya Natarajan"
  H.type('gd')
  H.eq(buf, api.nvim_get_current_buf(), 'stays')
  H.eq(0, #H.notified('no evidence'), 'no complaint from gavel')
end)

test('undefined evidence: said, cursor stays', function()
  local buf = H.open_example()
  H.settle(buf)
  api.nvim_win_set_cursor(0, { 36, 92 }) -- Ex. 7
  H.type('gd')
  H.eq({ 35, 92 }, cursor(), 'stays')
  H.eq(1, #H.notified('EX%-7 is not described'), 'said')
end)

test('the case index answers for other files', function()
  local buf, _, dir = H.open_example()
  H.settle(buf)
  local other = dir .. '/evidence.md'
  vim.fn.writefile({ '# Evidence', '- Exhibit 7: photo array (discovery/array.pdf)' }, other)
  local asked
  package.loaded['gavel.index'] = {
    find_definition = function(case_dir, id)
      asked = { case_dir, id }
      return { file = other, row = 1 }
    end,
  }
  api.nvim_win_set_cursor(0, { 36, 92 })
  H.type('gd')
  H.eq({ vim.fn.resolve(dir), 'EX-7' }, { vim.fn.resolve(asked[1]), asked[2] }, 'asked the index')
  H.eq(vim.fn.resolve(other), vim.fn.resolve(api.nvim_buf_get_name(0)), 'opened the other file')
  H.eq(1, cursor()[1], 'on the definition')
end)

test('gf on a definition opens its file, relative to the notes', function()
  local buf, _, dir = H.open_example()
  H.settle(buf)
  api.nvim_win_set_cursor(0, { 52, 0 }) -- Exhibit 2: lab report (discovery/lab-report.txt)
  H.type('gf')
  H.eq(vim.fn.resolve(dir .. '/discovery/lab-report.txt'), vim.fn.resolve(api.nvim_buf_get_name(0)), 'opened')
  vim.cmd('buffer ' .. buf)
  api.nvim_win_set_cursor(0, { 51, 4 }) -- gd on a definition that names a file opens it too
  H.type('gd')
  H.eq(vim.fn.resolve(dir .. '/discovery/bodycam-log.txt'), vim.fn.resolve(api.nvim_buf_get_name(0)), 'gd on a definition')
end)

test('a missing file is said, not opened', function()
  local path = H.write_notes({ '## 2025-03-14', '- Exhibit 9: memo (discovery/missing.pdf)' })
  local buf = H.open(path)
  H.settle(buf)
  api.nvim_win_set_cursor(0, { 2, 0 })
  H.type('gf')
  H.eq(buf, api.nvim_get_current_buf(), 'stayed')
  H.eq(1, #H.notified('does not exist'), 'said')
end)

test(':Gavel references fills quickfix', function()
  local buf = H.open_example()
  H.settle(buf)
  api.nvim_buf_set_lines(buf, 42, 42, false, { 'Re-read Ex. 2 and Exhibit 2 again.' })
  H.settle(buf)
  api.nvim_win_set_cursor(0, { 19, 73 })
  vim.cmd('Gavel references')
  local qf = vim.fn.getqflist()
  H.eq(3, #qf, 'three references')
  H.eq({ 19, 73 }, { qf[1].lnum, qf[1].col }, 'first, 1-based')
  H.eq(43, qf[2].lnum, 'second')
  H.ok(vim.fn.getqflist({ title = 1 }).title:find('EX%-2'), 'title names the id')
end)

test(':Gavel evidence picks through vim.ui.select', function()
  local buf = H.open_example()
  H.settle(buf)
  local shown
  local orig = vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    shown = vim.tbl_map(opts.format_item, items)
    for _, e in ipairs(items) do
      if e.id == 'EX-3' then
        on_choice(e)
      end
    end
  end
  vim.cmd('Gavel evidence')
  vim.ui.select = orig
  H.ok(shown and #shown == 6, 'six items: ' .. vim.inspect(shown))
  H.ok(shown[1]:find('^EX%-2%s+lab report'), 'described items show their description: ' .. shown[1])
  local seven
  for _, s in ipairs(shown) do
    if s:find('^EX%-7') then
      seven = s
    end
  end
  H.ok(seven and seven:find('not described'), 'undefined shown as such')
  H.eq(52, cursor()[1], 'jumped to EX-3')
end)

test('the case\'s other files define evidence too (from disk)', function()
  local dir = H.case_copy()
  vim.fn.writefile({ '# Evidence, part 2', '- Exhibit 7: photo array (discovery/array.pdf)' }, dir .. '/evidence.md')
  local buf = H.open(dir .. '/notes.md')
  local got = H.diags(buf)
  H.ok(not vim.tbl_contains(got, '35:undefined-evidence'), 'EX-7 defined in evidence.md: ' .. vim.inspect(got))
  H.eq(#H.EXPECTED - 1, #got, 'the rest as before')
end)

test('an open file of the case: its unsaved edits count', function()
  local dir = H.case_copy()
  vim.fn.writefile({ '# Evidence, part 2', '- Exhibit 7: photo array (discovery/array.pdf)' }, dir .. '/evidence.md')
  local notes = H.open(dir .. '/notes.md')
  H.ok(not vim.tbl_contains(H.diags(notes), '35:undefined-evidence'), 'defined')
  local ev = H.open(dir .. '/evidence.md')
  H.ok(require('gavel.attach').buffers[ev], 'evidence.md attached')
  api.nvim_buf_set_lines(ev, 1, 2, false, {}) -- the definition goes (unsaved)
  H.settle(ev)
  H.ok(vim.wait(1000, function()
    return vim.tbl_contains(H.diags(notes), '35:undefined-evidence')
  end, 5), 'notes.md sees the definition gone: ' .. vim.inspect(H.diags(notes)))
end)

return T
