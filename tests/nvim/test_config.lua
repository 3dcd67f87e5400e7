-- setup(): validation, defaults, idempotence.
local H = require('helpers')

local T = {}
local function test(name, fn)
  T[#T + 1] = { name, fn }
end

-- { name, options, the exact message }
local rejected = {
  { 'wrong type', { debounce_ms = '100' }, "gavel: option 'debounce_ms' must be a number, got string" },
  { 'negative debounce', { debounce_ms = -1 }, "gavel: option 'debounce_ms' must be 0 or more" },
  { 'boolean as string', { enabled = 'yes' }, "gavel: option 'enabled' must be a boolean, got string" },
  { 'today not a date', { today = 'April 10' }, "gavel: option 'today' must be a date YYYY-MM-DD" },
  { 'today a number', { today = 20250410 }, "gavel: option 'today' must be a string or nil, got number" },
  { 'filetypes not a list', { filetypes = 'markdown' }, "gavel: option 'filetypes' must be a table, got string" },
  { 'nested threshold type', { thresholds = { no_response_days = '14' } }, "gavel: option 'thresholds.no_response_days' must be a number, got string" },
  { 'nested highlight type', { highlights = { dates = 1 } }, "gavel: option 'highlights.dates' must be a boolean, got number" },
  { 'mapping type', { mappings = { definition = 3 } }, "gavel: option 'mappings.definition' must be a string or boolean, got number" },
  { 'virtual_text type', { virtual_text = 'on' }, "gavel: option 'virtual_text' must be a boolean or table, got string" },
  { 'unknown code in severity', { severity = { ['no-reply'] = 'error' } }, "gavel: unknown warning code 'no-reply'" },
  { 'bad severity value', { severity = { ['no-response'] = 'loud' } }, "gavel: severity of 'no-response' must be 1..4 or error/warning/info/hint" },
  { 'unknown disabled code', { disabled = { 'no-reply' } }, "gavel: unknown warning code 'no-reply'" },
  { 'vocab unknown class', { vocab = { prosecutor = { 'Mr. X' } } }, "gavel: vocab line 1: unknown class 'prosecutor'" },
  { 'threshold out of range', { thresholds = { trial_days = -5 } }, 'gavel: trial_days must be between' },
  { 'not a table', 'fast', 'gavel: setup() takes a table of options, got string' },
}

test('setup rejects bad options, naming them', function()
  for _, row in ipairs(rejected) do
    local err = H.raises(function()
      require('gavel').setup(row[2])
    end, row[1])
    H.eq(row[3], err:sub(1, #row[3]), row[1])
  end
end)

test('a rejected setup leaves the options in force', function()
  require('gavel').setup({ today = H.TODAY, debounce_ms = 42 })
  pcall(require('gavel').setup, { debounce_ms = 'x' })
  H.eq(42, require('gavel.config').get().debounce_ms, 'kept')
  pcall(require('gavel').setup, { today = H.TODAY, severity = { nope = 1 } })
  H.eq(42, require('gavel.config').get().debounce_ms, 'kept after an engine rejection')
end)

test('unknown options are warned about once', function()
  require('gavel').setup({ today = H.TODAY, colour = 'red', highlights = { sparkles = true } })
  local said = H.notified('unknown option')
  H.eq(1, #said, 'one message')
  H.ok(said[1].msg:find("'colour'") and said[1].msg:find("'highlights.sparkles'"), said[1].msg)
  H.eq(vim.log.levels.WARN, said[1].level, 'a warning')
  require('gavel').setup({ today = H.TODAY, colour = 'red' })
  H.eq(1, #H.notified('unknown option'), 'not again')
end)

test('defaults, merging and idempotence', function()
  local config = require('gavel.config')
  local cfg = config.validate(nil)
  H.eq(100, cfg.debounce_ms, 'debounce default')
  H.eq({ 'markdown', 'text' }, cfg.filetypes, 'filetypes default')
  H.eq(true, cfg.virtual_text, 'virtual text default')
  local merged = config.validate({ highlights = { money = false } })
  H.eq(false, merged.highlights.money, 'set')
  H.eq(true, merged.highlights.dates, 'others keep their default')
  H.eq(true, config.defaults().highlights.money, 'defaults untouched')
  local buf = H.open_example()
  local before = #H.diags(buf)
  require('gavel').setup({ today = H.TODAY })
  require('gavel').setup({ today = H.TODAY })
  H.eq(before, #H.diags(buf), 'same warnings after setup twice')
  H.eq(1, #vim.diagnostic.get(buf, { namespace = require('gavel.render').ns, lnum = 38 }), 'no duplicates')
end)

test('setup options reach the engine', function()
  local buf = H.open_example()
  require('gavel').setup({
    today = H.TODAY,
    disabled = { 'strong-evidence' },
    severity = { ['no-response'] = 'error' },
    thresholds = { client_gap_days = 60 },
  })
  buf = vim.api.nvim_get_current_buf()
  local got = H.diags(buf)
  H.ok(not vim.tbl_contains(got, '31:strong-evidence'), 'disabled')
  H.ok(not vim.tbl_contains(got, '26:client-contact-gap'), 'threshold')
  local d = vim.diagnostic.get(buf, { namespace = require('gavel.render').ns, lnum = 38 })[1]
  H.eq(vim.diagnostic.severity.ERROR, d.severity, 'severity')
end)

test('the privacy option makes notes buffers private', function()
  local buf = H.open_example()
  H.eq(false, require('gavel.privacy').is_private(buf), 'off by default')
  require('gavel').setup({ today = H.TODAY, privacy = true })
  buf = vim.api.nvim_get_current_buf()
  H.ok(require('gavel.privacy').is_private(buf), 'private once the option is on')
  H.eq(false, vim.bo[buf].swapfile, 'no swap file')
  require('gavel').setup({ today = H.TODAY })
end)

test('works without setup: defaults and the system date', function()
  vim.cmd('silent! %bwipeout!')
  require('gavel.config').set(require('gavel.config').defaults())
  require('gavel.loader').reset()
  local buf, st = H.open_example()
  H.ok(st, 'attached on defaults')
  H.eq(os.date('%Y-%m-%d'), require('gavel.util').today(), 'system date')
  H.ok(#H.diags(buf) > 0, 'warnings as of the real today')
end)

test('the plugin file is light: nothing heavy loaded at startup', function()
  local out = vim.fn.system({
    vim.v.progpath, '--headless', '--clean', '-u', H.root .. '/tests/nvim/minimal_init.lua',
    '-c', 'lua io.stdout:write(vim.inspect({ vim.fn.exists(":Gavel"), package.loaded["gavel.core"] ~= nil, package.loaded["gavel.attach"] ~= nil, package.loaded["gavel.commands"] ~= nil }))',
    '-c', 'qa!',
  })
  H.eq('{ 2, false, false, false }', vim.trim(out), 'command defined; modules not loaded')
end)

test('a missing build is said once, editing continues', function()
  local out = vim.fn.system({
    vim.v.progpath, '--headless', '--clean', '-u', H.root .. '/tests/nvim/minimal_init.lua',
    '-c', 'lua package.preload["gavel.core"] = function() error("module not found") end',
    '-c', 'lua local said = {} vim.notify = function(m) table.insert(said, m) end '
      .. 'vim.cmd("edit ' .. H.example .. '/notes.md") vim.cmd("edit ' .. H.example .. '/notes.md") '
      .. 'vim.api.nvim_buf_set_lines(0, 0, 1, false, {"x"}) '
      .. 'io.stdout:write(#said, "|", said[1] or "", "|", vim.api.nvim_buf_get_lines(0, 0, 1, false)[1])',
    '-c', 'qa!',
  })
  local n, msg, line = vim.trim(out):match('^(%d+)|(.-)|(.*)$')
  H.eq('1', n, 'said once: ' .. out)
  H.ok(msg:find('gavel: the C module is not built: run `make` in ' .. H.root, 1, true), msg)
  H.eq('x', line, 'editing continues')
end)

return T
