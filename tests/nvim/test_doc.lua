-- doc/gavel.txt: generated options agree with the schema; every command,
-- option, mapping, highlight group and warning code has a help tag.
local H = require('helpers')

local T = {}
local function test(name, fn)
  T[#T + 1] = { name, fn }
end

local path = H.root .. '/doc/gavel.txt'

local function tags()
  local out = {}
  for _, line in ipairs(vim.fn.readfile(path)) do
    -- a tag is *name* between white space, as :helptags reads them
    for tag in (' ' .. line .. ' '):gmatch('%s%*([^%s*|]+)%*%f[%s]') do
      out[tag] = (out[tag] or 0) + 1
    end
  end
  return out
end

test('the option section is generated from the schema', function()
  local gen = require('gen_doc')
  local lines = vim.fn.readfile(path)
  H.eq(gen.splice(lines), lines, 'doc/gavel.txt is up to date (run tests/nvim/gen_doc.lua)')
  H.ok(#gen.section() > 4 * #require('gavel.config').schema, 'section has every option')
end)

test('every command, option, mapping, group and code has a tag', function()
  local have = tags()
  local want = { 'gavel', 'gavel.txt', ':Gavel', 'gavel-codes', 'gavel-options', 'gavel-ack-marker', 'GavelUpdate' }
  for _, name in ipairs(require('gavel.commands').names()) do
    want[#want + 1] = ':Gavel-' .. name
  end
  for _, entry in ipairs(require('gavel.config').schema) do
    want[#want + 1] = 'gavel-' .. entry.name
  end
  for _, code in ipairs(require('gavel.core').code_names()) do
    want[#want + 1] = 'gavel-' .. code
  end
  for _, g in ipairs(require('gavel.render').groups) do
    want[#want + 1] = g[1]
  end
  for _, m in ipairs(vim.api.nvim_get_keymap('n')) do
    if m.lhs:find('^<Plug>%(gavel%-') then
      want[#want + 1] = m.lhs
    end
  end
  H.ok(#want > 50, 'many tags wanted: ' .. #want)
  for _, tag in ipairs(want) do
    H.ok(have[tag], 'tag *' .. tag .. '*')
  end
  for tag, n in pairs(have) do
    H.eq(1, n, 'tag *' .. tag .. '* defined once')
  end
end)

test('links point at tags that exist', function()
  local have = tags()
  for _, line in ipairs(vim.fn.readfile(path)) do
    for link in line:gmatch('|([^%s|]+)|') do
      if link:find('^:?[Gg]avel') then
        H.ok(have[link], 'link |' .. link .. '|')
      end
    end
  end
end)

test(':helptags accepts the file and :help finds it', function()
  local dir = vim.fn.tempname() .. '/doc'
  vim.fn.mkdir(dir, 'p')
  vim.fn.writefile(vim.fn.readfile(path), dir .. '/gavel.txt')
  vim.cmd('helptags ' .. vim.fn.fnameescape(dir))
  local tagfile = vim.fn.readfile(dir .. '/tags')
  H.ok(#tagfile > 60, 'tags written: ' .. #tagfile)
  vim.opt.rtp:append(vim.fn.fnamemodify(dir, ':h'))
  vim.cmd('help :Gavel-timeline')
  H.eq('help', vim.bo.buftype, 'help opened')
  H.ok(vim.api.nvim_get_current_line():find('Gavel%-timeline'), 'on the tag')
  vim.cmd('close')
end)

test('rockspec builds with make and installs the plugin files', function()
  local spec = table.concat(vim.fn.readfile(H.root .. '/gavel-scm-1.rockspec'), '\n')
  H.ok(spec:find('type%s*=%s*"make"'), 'build type make')
  H.ok(spec:find('copy_directories%s*=%s*{[^}]*"plugin"[^}]*"doc"'), 'copies plugin/ and doc/')
  for _, f in ipairs(vim.fn.globpath(H.root .. '/lua/gavel', '*.lua', false, true)) do
    local rel = 'lua/gavel/' .. vim.fn.fnamemodify(f, ':t')
    H.ok(spec:find('"' .. rel .. '"', 1, true), 'installs ' .. rel)
  end
  H.ok(spec:find('"lua/gavel/core.so"', 1, true), 'installs the C module')
end)

return T
