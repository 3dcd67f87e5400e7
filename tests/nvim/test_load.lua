-- Big buffers: read in the background in slices.  Each check
-- compares the background result with a synchronous read of the same text.
local H = require('helpers')
local api = vim.api
local A = require('gavel.attach')
local render = require('gavel.render')

local T = {}
local function test(name, fn)
  T[#T + 1] = { name, fn }
end

-- Runs fn with the attach thresholds set (restored after, even on error).
local function with(sync_rows, slice_ms, fn)
  local rows, ms = A.SYNC_ROWS, A.SLICE_MS
  A.SYNC_ROWS, A.SLICE_MS = sync_rows, slice_ms
  local ok, err = xpcall(fn, debug.traceback)
  A.SYNC_ROWS, A.SLICE_MS = rows, ms
  if not ok then
    error(err, 0)
  end
end

-- The example notes `times` times over, each copy told apart.
local function notes(times)
  local src = vim.fn.readfile(H.example .. '/notes.md')
  local out = {}
  for k = 1, times do
    for _, line in ipairs(src) do
      out[#out + 1] = line
    end
    out[#out + 1] = ('Copy %d: called ADA Natarajan on 3/%d/25, no answer.'):format(k, k % 28 + 1)
  end
  return out
end

-- Runs the event loop until cond() holds (fails after 10 s).
local function run_until(cond, what)
  H.ok(vim.wait(10000, cond, 1), 'timed out waiting for ' .. what)
end

local function loaded(buf)
  return function()
    return A.loading(buf) == nil
  end
end

-- Everything gavel shows in buf, without extmark ids: diagnostics and each
-- concern's marks, sorted.
local function shown(buf)
  local out = { diags = {} }
  for _, d in ipairs(vim.diagnostic.get(buf, { namespace = render.ns })) do
    out.diags[#out.diags + 1] = table.concat({ d.lnum, d.col, d.end_lnum or '', d.end_col or '', d.code, d.message }, '|')
  end
  table.sort(out.diags)
  for c in pairs(render.concerns) do
    local list = {}
    for _, m in ipairs(render.marks(buf, c)) do
      local vt = m[4].virt_text and m[4].virt_text[1][1] or ''
      list[#list + 1] = table.concat({ m[2], m[3], m[4].end_col or '', m[4].hl_group or '', vt }, '|')
    end
    table.sort(list)
    out[c] = list
  end
  return out
end

local function count_marks(buf)
  local n = 0
  for c in pairs(render.concerns) do
    n = n + #render.marks(buf, c)
  end
  return n
end

-- Opens lines in a case of their own, read synchronously, fully settled.
local function reference(lines)
  local buf
  with(math.huge, 8, function()
    buf = H.open(H.write_notes(lines, 'ref-notes.md'))
  end)
  H.ok(A.buffers[buf] and A.loading(buf) == nil, 'reference read at once')
  H.settle(buf)
  return buf
end

-- buf (settled) shows what a synchronous read of its text shows, and its
-- document holds the buffer's text.
local function same_as_fresh(buf, what)
  H.settle(buf)
  local st = A.buffers[buf]
  H.ok(st, what .. ': still attached')
  H.eq(nil, A.loading(buf), what .. ': done')
  local lines = api.nvim_buf_get_lines(buf, 0, -1, false)
  H.eq(#lines, st.doc:line_count(), what .. ': line count')
  for i, line in ipairs(lines) do
    if st.doc:line(i - 1) ~= line then
      H.fail(('%s: row %d reads %q, the buffer has %q'):format(what, i - 1, st.doc:line(i - 1), line))
    end
  end
  local cur = api.nvim_get_current_buf()
  local ref = reference(lines)
  local want, got = shown(ref), shown(buf)
  H.ok(#want.diags > 0 and #want.dates > 0, what .. ': the reference shows warnings and dates')
  for k, list in pairs(want) do
    H.eq(list, got[k], what .. ': ' .. k)
  end
  H.eq(A.buffers[ref].doc:items_in(0, #lines), st.doc:items_in(0, #lines), what .. ': items')
  vim.cmd('silent bwipeout! ' .. ref)
  api.nvim_set_current_buf(cur)
end

-- ===== The cursor helper ==================================================

test('shift_row: where a row cursor goes after an edit', function()
  local cases = {
    -- name, cursor, first, last, new_last, expected
    { 'insert above', 10, 2, 2, 5, 13 },
    { 'delete above', 10, 2, 6, 2, 6 },
    { 'change above, same count', 10, 3, 5, 5, 10 },
    { 'grow above', 10, 3, 5, 9, 14 },
    { 'delete the rows just above', 10, 5, 10, 5, 5 },
    { 'insert at the cursor', 10, 10, 10, 12, 12 },
    { 'change the row at the cursor', 10, 10, 11, 11, 10 },
    { 'overlap: replace around it with fewer', 10, 8, 12, 9, 9 },
    { 'overlap: replace around it with more', 10, 8, 12, 20, 20 },
    { 'overlap: delete across it', 10, 9, 15, 9, 9 },
    { 'overlap: everything becomes one row', 10, 0, 100, 1, 1 },
    { 'below', 10, 11, 13, 20, 10 },
    { 'delete below', 10, 12, 30, 12, 10 },
    { 'cursor at 0, insert at 0', 0, 0, 0, 3, 3 },
    { 'cursor at 0, change row 0', 0, 0, 1, 1, 0 },
    { 'cursor at the end, append', 50, 50, 50, 52, 52 },
  }
  for _, c in ipairs(cases) do
    H.eq(c[6], A.shift_row(c[2], c[3], c[4], c[5]), c[1])
  end
end)

-- ===== Reading in slices ==================================================

test('a big buffer is read in the background, then equals a full read', function()
  local lines = notes(100) -- 5,600 rows: above SYNC_ROWS
  H.ok(#lines >= A.SYNC_ROWS, 'big enough')
  local fired = 0
  api.nvim_create_autocmd('User', {
    pattern = 'GavelUpdate',
    callback = function()
      fired = fired + 1
    end,
  })
  local buf, st = H.open(H.write_notes(lines))
  H.ok(st, 'attached')
  H.eq('read', A.loading(buf), 'loading')
  H.eq(#lines, st.doc:line_count(), 'every row there at once')
  H.eq('', st.doc:line(#lines - 1), 'but the last row not read yet')
  H.ok(st.read_next < #lines, 'read cursor short of the end')
  H.eq({}, vim.diagnostic.get(buf, { namespace = render.ns }), 'no warnings from half a file')
  local past = {}
  for c in pairs(render.concerns) do
    for _, m in ipairs(render.marks(buf, c)) do
      if m[2] >= st.read_next then
        past[#past + 1] = c .. ':' .. m[2]
      end
    end
  end
  H.eq({}, past, 'highlights only on the rows read so far')
  H.eq(0, fired, 'no GavelUpdate yet')
  H.eq('gavel: reading…', require('gavel').status(buf), 'status while reading')
  run_until(loaded(buf), 'the background read')
  H.eq(lines[#lines], st.doc:line(#lines - 1), 'last row read')
  H.eq(1, fired, 'GavelUpdate after the first full update')
  H.ok(count_marks(buf) > 0, 'drawn')
  same_as_fresh(buf, 'background read')
  -- later edits behave as always: only what changes is redrawn
  api.nvim_buf_set_lines(buf, 3000, 3000, false, { '## 2025-04-08', 'ADA Natarajan offered 6 mo, $250 fine.' })
  api.nvim_buf_set_lines(buf, 10, 11, false, {})
  same_as_fresh(buf, 'edits after the read')
end)

test('small buffers are still read at once', function()
  local buf, st = H.open(H.write_notes(notes(10)))
  H.ok(st, 'attached')
  H.eq(nil, A.loading(buf), 'not loading')
  H.ok(#vim.diagnostic.get(buf, { namespace = render.ns }) > 0, 'warnings at once')
  H.ok(count_marks(buf) > 0, 'drawn at once')
end)

test('flush finishes a background read (commands see the whole notes)', function()
  with(500, 0, function()
    local lines = notes(20)
    local buf, st = H.open(H.write_notes(lines))
    run_until(function()
      return (st.read_next or 0) > 300
    end, 'a few slices')
    H.eq('read', A.loading(buf), 'mid-read')
    H.eq(st, A.flush(buf), 'flush returns the state')
    H.eq(nil, A.loading(buf), 'done')
    H.eq(lines[#lines], st.doc:line(#lines - 1), 'last row read')
    -- a command goes through M.current(): whole results
    local buf2, st2 = H.open(H.write_notes(lines))
    H.eq('read', A.loading(buf2), 'second buffer loading')
    vim.cmd('Gavel check')
    H.eq(nil, A.loading(buf2), 'the command finished the read')
    H.eq(#st2.doc:warnings(), #vim.fn.getqflist(), 'every warning listed')
    H.ok(#vim.fn.getqflist() > 0, 'some warnings')
    same_as_fresh(buf2, 'after a command')
    same_as_fresh(buf, 'after flush')
  end)
end)

-- Edits made mid-read: { name, fn(buf, cursor) }.
local EDITS = {
  { 'insert above the cursor', function(buf, c)
    api.nvim_buf_set_lines(buf, 10, 10, false, { '## 2025-04-02', 'Met client; offered $300 fine, Ex. 3 reviewed.', '' })
  end },
  { 'delete above the cursor', function(buf, c)
    api.nvim_buf_set_lines(buf, c - 40, c - 30, false, {})
  end },
  { 'replace across the cursor', function(buf, c)
    api.nvim_buf_set_lines(buf, c - 3, c + 3, false, { '## 2025-04-03', 'ADA Natarajan: 12 mo DOC.' })
  end },
  { 'insert at the cursor', function(buf, c)
    api.nvim_buf_set_lines(buf, c, c, false, { 'Called ADA on 4/4/25.', 'Ex. 2 again.' })
  end },
  { 'delete across the cursor to below', function(buf, c)
    api.nvim_buf_set_lines(buf, c - 1, c + 50, false, {})
  end },
  { 'change and delete below the cursor', function(buf, c)
    api.nvim_buf_set_lines(buf, c + 100, c + 101, false, { '## 2025-04-05' })
    api.nvim_buf_set_lines(buf, c + 200, c + 230, false, {})
    api.nvim_buf_set_lines(buf, -1, -1, false, { 'Exhibit 9: photo (discovery/photo.jpg)' })
  end },
  { 'typed above the cursor', function(buf, c)
    api.nvim_win_set_cursor(0, { 20, 0 })
    H.type('oADA Natarajan offered 9 mo on 4/6/25.<Esc>')
    api.nvim_win_set_cursor(0, { c + 1, 0 })
    H.type('ddx')
  end },
  { 'everything deleted', function(buf)
    api.nvim_buf_set_lines(buf, 0, -1, false, { '## 2025-04-07', 'Fresh start, Ex. 3.' })
  end },
}

test('edits while reading end as a fresh read of the final text', function()
  with(500, 0, function()
    for _, e in ipairs(EDITS) do
      local buf, st = H.open(H.write_notes(notes(20)))
      run_until(function()
        return (st.read_next or 0) > 400
      end, e[1])
      H.eq('read', A.loading(buf), e[1] .. ': mid-read')
      e[2](buf, st.read_next)
      run_until(loaded(buf), e[1] .. ': the rest of the read')
      same_as_fresh(buf, e[1])
      vim.cmd('silent bwipeout! ' .. buf)
    end
  end)
end)

test('an edit right after the analysis', function()
  with(500, 0, function()
    local buf, st = H.open(H.write_notes(notes(20)))
    run_until(loaded(buf), 'the read')
    api.nvim_buf_set_lines(buf, 5, 6, false, { 'Offer: 3 mo, $100 fine on 4/8/25.' })
    api.nvim_buf_set_lines(buf, 900, 900, false, { '## 2025-04-09' })
    H.ok(st.pending, 'an update is scheduled (the text is whole)')
    same_as_fresh(buf, 'edit after the read')
  end)
end)

-- ===== Stopping ===========================================================

test('detach or wipe while loading stops cleanly', function()
  with(500, 0, function()
    for _, how in ipairs({ 'detach read', 'wipe read', 'disable read' }) do
      local buf, st = H.open(H.write_notes(notes(20)))
      local phase = how:match('%w+$')
      run_until(function()
        return A.loading(buf) == phase and (st.read_next or 0) > 200
      end, how)
      if how:find('^detach') then
        A.detach(buf)
      elseif how:find('^disable') then
        vim.cmd('Gavel disable')
      else
        vim.cmd('silent bwipeout! ' .. buf)
      end
      vim.wait(30) -- a stale slice would run now
      H.eq(nil, A.buffers[buf], how .. ': detached')
      H.eq(nil, A.loading(buf), how .. ': not loading')
      H.eq({}, H.notified('stopped reading'), how .. ': no error')
      if api.nvim_buf_is_valid(buf) then
        H.eq(0, count_marks(buf), how .. ': no marks')
        H.eq({}, vim.diagnostic.get(buf, { namespace = render.ns }), how .. ': no diagnostics')
        H.eq(nil, st.slicer, how .. ': slice timer gone')
        vim.cmd('silent bwipeout! ' .. buf)
      end
    end
  end)
end)

test('an error in a slice is reported once and detaches', function()
  with(500, 0, function()
    local buf, st = H.open(H.write_notes(notes(20)))
    run_until(function()
      return (st.read_next or 0) > 200
    end, 'a few slices')
    st.doc = H.broken_doc()
    vim.wait(50)
    local said = H.notified('stopped reading')
    H.eq(1, #said, 'reported once')
    H.ok(said[1].msg:find('boom inside the engine'), said[1].msg)
    H.eq(nil, A.buffers[buf], 'detached')
    H.eq(0, count_marks(buf), 'no marks')
  end)
end)

test('binary text is declined before a background read', function()
  local lines = notes(100)
  lines[3] = 'bad\0byte'
  local path = H.write_notes({ 'x' }, 'blob-notes.md')
  local f = assert(io.open(path, 'wb'))
  f:write(table.concat(lines, '\n'))
  f:close()
  local buf, st = H.open(path)
  H.ok(api.nvim_buf_line_count(buf) >= A.SYNC_ROWS, 'big')
  H.eq(nil, st, 'declined')
  H.eq(1, #H.notified('binary data'), 'said why')
end)

-- ===== Peers ==============================================================

test('a loading buffer is not a live peer; its siblings update after', function()
  with(500, 0, function()
    local dir = vim.fn.fnamemodify(H.write_notes(notes(20), 'big-notes.md'), ':h')
    local small = dir .. '/small-notes.md'
    vim.fn.writefile({ '## 2025-04-01', 'Reviewed Exhibit 77 with the client.' }, small)
    local sbuf = H.open(small)
    local function undefined77()
      for _, d in ipairs(vim.diagnostic.get(sbuf, { namespace = render.ns })) do
        if d.code == 'undefined-evidence' and d.message:find('77') then
          return true
        end
      end
      return false
    end
    H.settle(sbuf)
    H.ok(undefined77(), 'Exhibit 77 undefined at first')
    local big, bst = H.open(dir .. '/big-notes.md')
    H.eq('read', A.loading(big), 'big buffer loading')
    -- defined in the big buffer's text (not on disk) while it loads
    api.nvim_buf_set_lines(big, -1, -1, false, { '- Exhibit 77: dashcam video (discovery/dashcam.txt)' })
    A.update(sbuf) -- the small buffer analysed meanwhile: the big one from disk
    H.ok(undefined77(), 'the half-read buffer is not used: still undefined')
    H.eq('read', A.loading(big), 'still loading')
    run_until(function()
      return A.loading(big) == nil and not A.buffers[sbuf].pending and not undefined77()
    end, 'the sibling re-analysed after the read')
    H.eq(nil, bst.read_next, 'read')
  end)
end)

return T
