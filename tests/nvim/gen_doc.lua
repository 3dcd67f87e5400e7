-- gen_doc.lua: writes the option section of doc/gavel.txt from the schema
-- in lua/gavel/config.lua, so the two never disagree.
--   nvim --headless --clean -u tests/nvim/minimal_init.lua -c "luafile tests/nvim/gen_doc.lua" -c q
-- As a module (require), returns { section = fn, splice = fn, path = ... }
-- for the test that checks the file is up to date.
local M = {}

M.path = vim.g.gavel_root .. '/doc/gavel.txt'
local WIDTH = 78
local INDENT = '    '

-- Wraps text into lines of at most WIDTH columns after INDENT.
local function wrap(text)
  local lines, cur = {}, INDENT
  for word in text:gmatch('%S+') do
    if #cur + #word + 1 > WIDTH and cur ~= INDENT then
      lines[#lines + 1] = cur
      cur = INDENT
    end
    cur = cur == INDENT and (cur .. word) or (cur .. ' ' .. word)
  end
  lines[#lines + 1] = cur
  return lines
end

local function types(t)
  return type(t) == 'table' and table.concat(t, '|') or t
end

--- The generated lines of the option section.
function M.section()
  local out = {}
  for _, entry in ipairs(require('gavel.config').schema) do
    local tag = ('*gavel-%s*'):format(entry.name)
    out[#out + 1] = (' '):rep(WIDTH - #tag) .. tag
    out[#out + 1] = ('%s ~'):format(entry.name)
    local default = entry.default == nil and 'nil' or vim.inspect(entry.default, { newline = ' ', indent = '' })
    out[#out + 1] = ('%sType: %s.'):format(INDENT, types(entry.type))
    out[#out + 1] = ('%sDefault: `%s`'):format(INDENT, default)
    vim.list_extend(out, wrap(entry.desc))
    out[#out + 1] = ''
  end
  return out
end

--- Lines of the help file with the option section replaced: everything
--- between the line holding *gavel-options* (and its intro paragraph,
--- ending at the first blank line) and the next ==== rule.
function M.splice(lines)
  local start, stop
  for i, l in ipairs(lines) do
    if not start and l:find('*gavel-options*', 1, true) then
      start = i
    elseif start and not stop and l:match('^=+$') then
      stop = i
    end
  end
  assert(start and stop, 'doc/gavel.txt: no *gavel-options* section')
  while start < stop and lines[start] ~= '' do
    start = start + 1
  end
  local out = vim.list_slice(lines, 1, start)
  vim.list_extend(out, M.section())
  vim.list_extend(out, vim.list_slice(lines, stop))
  return out
end

if ... == nil then
  vim.fn.writefile(M.splice(vim.fn.readfile(M.path)), M.path)
  io.stdout:write('wrote ', M.path, '\n')
end

return M
