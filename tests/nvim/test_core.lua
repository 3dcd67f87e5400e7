-- The Lua binding (gavel.core): options, documents, results, failure shapes.
local H = require('helpers')
local core = require('gavel.core')

local T = {}
local function test(name, fn)
  T[#T + 1] = { name, fn }
end

local function engine(opts)
  local e, err = core.engine(opts)
  assert(e, err)
  return e
end

local function doc_of(lines, opts)
  local d = engine(opts):doc()
  assert(d:set_lines(lines))
  assert(d:analyze(H.TODAY))
  return d
end

test('module facts', function()
  H.eq('0.1.0', core.version, 'version')
  local info = core.info()
  H.eq(core.version, info.version, 'info.version')
  H.ok(info.pcre2:match('^%d+%.%d+'), 'pcre2 version ' .. info.pcre2)
  H.ok(info.sqlite:match('^3%.%d+'), 'sqlite version ' .. info.sqlite)
  H.ok(core.today():match('^%d%d%d%d%-%d%d%-%d%d$'), 'today')
  local names = core.code_names()
  H.eq(12, #names, 'code count')
  H.eq('no-response', names[1], 'first code')
  H.eq('client-contact-gap', names[12], 'last code')
  H.ok(engine():jit() ~= nil, 'jit answers')
end)

-- Caller mistakes raise argument errors naming the problem.
local bad_options = {
  { 'unknown option', { colour = 1 }, "unknown option 'colour'" },
  { 'day_first not boolean', { day_first = 1 }, "option 'day_first' must be a boolean" },
  { 'threshold not number', { thresholds = { no_response_days = 'x' } }, "option 'no_response_days' must be a number" },
  { 'threshold fractional', { thresholds = { trial_days = 1.5 } }, "option 'trial_days' must be a whole number" },
  { 'unknown threshold', { thresholds = { slow_days = 3 } }, "unknown threshold 'slow_days'" },
  { 'unknown disabled code', { disabled = { 'nope' } }, "unknown warning code 'nope'" },
  { 'disabled not list of strings', { disabled = { 3 } }, "option 'disabled' must be a list of code names" },
  { 'severity unknown code', { severity = { nope = 1 } }, "unknown warning code 'nope'" },
  { 'severity out of range', { severity = { ['no-response'] = 7 } }, "severity of 'no-response' must be 1..4" },
  { 'vocab wrong type', { vocab = 3 }, "option 'vocab' must be a string or a table" },
  { 'vocab phrase with comma', { vocab = { prosecution = { 'a, b' } } }, "vocab class 'prosecution' takes phrases" },
  { 'max_line_bytes zero', { max_line_bytes = 0 }, "option 'max_line_bytes' must be positive" },
  { 'options not a table', 'x', 'table expected' },
}
test('engine rejects caller mistakes', function()
  for _, row in ipairs(bad_options) do
    local err = H.raises(function()
      core.engine(row[2])
    end, row[1])
    H.ok(err:find(row[3], 1, true), row[1] .. ': got ' .. err)
  end
end)

-- What the engine declines comes back as nil, "gavel: ...".
local declined = {
  { 'vocab unknown class', { vocab = 'prosecutor: Mr. X' }, "unknown class 'prosecutor'" },
  { 'vocab table unknown class', { vocab = { prosecutor = { 'Mr. X' } } }, "unknown class 'prosecutor'" },
  { 'negative threshold', { thresholds = { no_response_days = -1 } }, 'no_response_days' },
}
test('engine declines bad values with nil, message', function()
  for _, row in ipairs(declined) do
    local e, err = core.engine(row[2])
    H.eq(nil, e, row[1])
    H.ok(type(err) == 'string' and err:find('^gavel: ') and err:find(row[3], 1, true), row[1] .. ': ' .. tostring(err))
  end
end)

test('engine options round-trip', function()
  local o = engine({
    day_first = true,
    thresholds = { no_response_days = 10, trial_days = 30 },
    disabled = { 'client-contact-gap' },
    severity = { ['no-response'] = 'error', ['offer-expired'] = 4 },
    vocab = { prosecution = { 'Mr. Crown', 'the Crown' } },
    max_line_bytes = 4096,
  }):options()
  H.eq(true, o.day_first, 'day_first')
  H.eq(10, o.thresholds.no_response_days, 'no_response_days')
  H.eq(30, o.thresholds.trial_days, 'trial_days')
  H.eq(7, o.thresholds.deadline_days, 'untouched default')
  H.eq({ 'client-contact-gap' }, o.disabled, 'disabled')
  H.eq(1, o.severity['no-response'], 'severity by name')
  H.eq(4, o.severity['offer-expired'], 'severity by number')
  H.eq('prosecution: Mr. Crown, the Crown\n', o.vocab, 'vocab table as text')
  H.eq(4096, o.max_line_bytes, 'max_line_bytes')
end)

-- Items on single lines: { name, line, kind, field, expected }.
local items = {
  { 'ISO heading date', '## 2025-03-14', 'date', 'value', '2025-03-14' },
  { 'no money in a heading date', '## 2025-03-14', nil },
  { 'dollars', '2025-03-14: fine of $1,250 discussed', 'money', 'cents', 125000 },
  { 'exhibit ref', '2025-03-14: reviewed Ex. 12 with client', 'event', 'id', 'EX-12' },
  { 'evidence def path', '- Exhibit 4: lab report (discovery/lab.pdf)', 'event', 'path', 'discovery/lab.pdf' },
  { 'duration months', '2025-03-14: offer 18 months DOC', 'duration', 'months', 18 },
}
test('items of one line', function()
  for _, row in ipairs(items) do
    local d = doc_of({ row[2] })
    local found
    for _, it in ipairs(d:items(0)) do
      if it.kind == row[3] and it[row[4]] ~= nil then
        found = it
      end
    end
    if row[3] == nil then
      for _, it in ipairs(d:items(0)) do
        H.ok(it.kind ~= 'money', row[1] .. ': no money expected')
      end
    else
      H.ok(found, row[1] .. ': no ' .. row[3] .. ' item')
      H.eq(row[5], found[row[4]], row[1])
      H.ok(found.col >= 0 and found.end_col > found.col and found.row == 0, row[1] .. ': span')
    end
  end
end)

test('document edits and failure shapes', function()
  local d = engine():doc()
  H.eq(true, d:set_lines({ 'a', 'b', 'c' }), 'set_lines')
  H.eq(3, d:line_count(), 'count')
  H.eq(true, d:replace(1, 2, { 'x', 'y' }), 'replace')
  H.eq({ 'a', 'x', 'y', 'c' }, { d:line(0), d:line(1), d:line(2), d:line(3) }, 'lines')
  H.eq(true, d:replace(4, 4, { 'tail' }), 'append at end')
  H.eq(true, d:replace(0, 1, {}), 'delete first')
  H.eq(4, d:line_count(), 'after delete')
  local ok, err = d:replace(3, 9, {})
  H.eq(nil, ok, 'out of range')
  H.ok(err:find('^gavel: replace'), err)
  ok, err = d:set_lines({ 'text', 'bin\0ary' })
  H.eq(nil, ok, 'binary lines')
  H.ok(err:find('binary'), err)
  H.eq(4, d:line_count(), 'binary left the document as it was')
  ok, err = d:set_text('a\0b')
  H.ok(not ok and err:find('binary'), 'binary text')
  H.eq(true, d:set_text('one\r\ntwo\n'), 'set_text CRLF')
  H.eq({ 2, 'one' }, { d:line_count(), d:line(0) }, 'CRLF split')
  H.ok(H.raises(function()
    d:replace(-1, 0, {})
  end):find('first must be 0 or more'), 'negative row')
  H.ok(H.raises(function()
    d:set_lines({ 'a', 3 })
  end):find('item 2 is a number'), 'non-string line')
  H.ok(H.raises(function()
    d:analyze('April 10')
  end):find('today must be a date'), 'bad today')
  H.ok(H.raises(function()
    d:analyze(H.TODAY, { 'not a doc' })
  end):find('peers must be a list of documents'), 'bad peer')
  local closed = engine():doc()
  closed:close()
  H.ok(H.raises(function()
    d:analyze(H.TODAY, { closed })
  end):find('open documents'), 'closed peer')
  d:close()
  H.ok(H.raises(function()
    d:line_count()
  end):find('document is closed'), 'closed')
  H.eq('gavel.doc (closed)', tostring(d), 'tostring closed')
end)

test('a document keeps its engine alive', function()
  local e = engine()
  local d = e:doc()
  e = nil
  collectgarbage()
  collectgarbage()
  H.eq(true, d:set_lines({ '## 2025-03-14', 'Ex. 3 reviewed' }), 'still works')
  H.eq(true, d:analyze(H.TODAY), 'analyze')
  d = nil
  collectgarbage()
end)

test('doc:analyses counts the analyses that worked something out', function()
  local d = engine():doc()
  H.eq(0, d:analyses(), 'none yet')
  d:set_lines({ '## 2025-03-14', 'Called ADA, VM' })
  d:analyze(H.TODAY)
  H.eq(1, d:analyses(), 'the first')
  d:analyze(H.TODAY)
  H.eq(1, d:analyses(), 'nothing changed: not counted')
  d:replace(1, 2, { 'Called ADA, VN' })
  d:analyze(H.TODAY)
  H.eq(1, d:analyses(), 'the same reading: not counted')
  d:analyze('2025-03-20')
  H.eq(2, d:analyses(), 'another day')
  d:replace(1, 2, { 'Called ADA, VM; court on 4/2/25' })
  d:analyze('2025-03-20')
  H.eq(3, d:analyses(), 'a new reading')
end)

test('changed rows are reported once', function()
  local d = engine():doc()
  d:set_lines({ 'a', 'b', 'c', 'd' })
  d:analyze(H.TODAY)
  d:changed()
  d:replace(2, 3, { 'C' })
  d:analyze(H.TODAY)
  H.eq({ 0, 0 }, { d:changed() }, 'prose retyped as prose: nothing to redraw')
  d:replace(2, 3, { 'C on 3/14/2025' })
  d:analyze(H.TODAY)
  local lo, hi = d:changed()
  H.ok(lo <= 2 and hi >= 3, ('changed [%d, %d) covers row 2'):format(lo, hi))
  H.eq({ 0, 0 }, { d:changed() }, 'forgotten')
end)

test('items carry the row they are on now, before the next analysis', function()
  local d = engine():doc()
  d:set_lines({ '## 2025-03-14', 'Ex. 3 reviewed', 'plain', 'fine $500' })
  d:analyze(H.TODAY)
  d:replace(0, 0, { 'new first line', 'and another' })
  H.eq(3, d:items(3)[1].row, 'doc:items: the row asked for')
  local rows = vim.tbl_map(function(it)
    return it.row
  end, d:items_in(0, d:line_count()))
  H.eq({ 2, 3, 5, 5 }, rows, 'doc:items_in: rows after the insert (the fine is money and a term)')
  -- rows read in slices into blank rows, as the background read does
  local p = engine():doc()
  p:set_text(string.rep('\n', 4))
  H.eq(4, p:line_count(), 'n newlines give n blank rows')
  p:replace(0, 2, { '## 2025-03-14', 'Ex. 3 reviewed' })
  p:replace(2, 4, { 'plain', 'fine $500' })
  p:analyze(H.TODAY)
  H.eq(d:items(3)[1].kind, p:items(1)[1].kind, 'read in slices as at once')
end)

test("engine:doc('peer') reads evidence only", function()
  local text = 'ADA offered 18 mo on 3/4/25; see Ex. 4.\n- Ex. 4: lab report'
  local full, peer = engine():doc(), engine():doc('peer')
  assert(full:set_text(text) and peer:set_text(text))
  local kinds = vim.tbl_map(function(it)
    return it.kind == 'event' and it.event or it.kind
  end, peer:items_in(0, 2))
  H.eq({ 'evidence_ref', 'evidence_def' }, kinds, 'only the evidence items')
  H.ok(#full:items_in(0, 2) > #kinds, 'a full document reads more')
  local ok, err = pcall(engine().doc, engine(), 'bogus')
  H.ok(not ok and tostring(err):find('invalid option'), 'an unknown kind is an error: ' .. tostring(err))
end)

test('the example case, as of 2025-04-10', function()
  local d = engine():doc()
  assert(d:set_text(table.concat(vim.fn.readfile(H.example .. '/notes.md'), '\n')))
  assert(d:analyze(H.TODAY))
  local got = {}
  for _, w in ipairs(d:warnings()) do
    got[#got + 1] = ('%d:%s'):format(w.row, w.code)
    H.ok(w.severity >= 1 and w.severity <= 4, 'severity')
    H.ok(#w.message > 10, 'message')
  end
  H.eq(H.EXPECTED, H.sort_rows(got), 'warnings')
  local s = d:summary()
  H.eq('State v. Doe', s.name, 'case name')
  H.eq('24-CR-0118', s.number, 'case number')
  H.eq('2025-05-12', s.trial_day, 'trial day')
  H.eq(1, s.warnings['no-response'], 'warning count')
  local tl = d:timeline()
  H.ok(#tl >= 4, 'timeline rounds')
  H.eq('offer', tl[1].event, 'first round')
  H.eq('2025-02-03', tl[1].day, 'first round day')
  H.eq(18, tl[1].terms.custody_months, 'first offer custody')
  H.eq(50000, tl[1].terms.fine_cents, 'first offer fine')
  H.eq('EX-2', d:evidence_at(18, 73), 'evidence_at')
  H.eq(nil, d:evidence_at(18, 0), 'no evidence at col 0')
  H.eq(51, d:evidence_def('EX-2'), 'evidence_def')
  H.eq(nil, d:evidence_def('EX-7'), 'EX-7 undefined')
  H.eq({ { row = 18, col = 72, end_col = 77 } }, d:references('EX-2'), 'references')
  local bates = d:references('DEF-000125')
  H.eq(1, #bates, 'Bates range contains 125')
  local defs = 0
  for _, e in ipairs(d:evidence()) do
    defs = defs + (e.def and 1 or 0)
  end
  H.eq(5, defs, 'definitions')
end)

test('options change what is raised', function()
  local text = table.concat(vim.fn.readfile(H.example .. '/notes.md'), '\n')
  local d = engine({ disabled = { 'no-response' }, severity = { ['unanswered-attempts'] = 'error' } }):doc()
  d:set_text(text)
  d:analyze(H.TODAY)
  for _, w in ipairs(d:warnings()) do
    H.ok(w.code ~= 'no-response', 'disabled code raised')
    if w.code == 'unanswered-attempts' then
      H.eq(1, w.severity, 'severity option')
    end
  end
  local late = engine({ thresholds = { no_response_days = 30 } }):doc()
  late:set_text(text)
  late:analyze(H.TODAY)
  for _, w in ipairs(late:warnings()) do
    H.ok(w.code ~= 'no-response', 'no-response within 30 days')
  end
end)

return T
