-- run.lua: the headless test runner.  Runs every tests/nvim/test_*.lua
-- (each returns a list of { name, fn }), prints each failure and ends with
-- "N passed, N failed"; exits non-zero on failure.
--   nvim --headless --clean -u tests/nvim/minimal_init.lua -c "luafile tests/nvim/run.lua"
-- GAVEL_TEST=pattern runs only the tests whose "file: name" matches.
local root = vim.g.gavel_root
package.path = root .. '/tests/nvim/?.lua;' .. package.path
local H = require('helpers')
local only = os.getenv('GAVEL_TEST')

local function out(s)
  io.stdout:write(s, '\n')
end

local passed, failed = 0, 0
local files = vim.fn.globpath(root .. '/tests/nvim', 'test_*.lua', false, true)
table.sort(files)
for _, file in ipairs(files) do
  local short = vim.fn.fnamemodify(file, ':t:r')
  local ok, cases = pcall(dofile, file)
  if not ok then
    failed = failed + 1
    out(('FAIL %s: did not load: %s'):format(short, cases))
    cases = {}
  end
  for _, case in ipairs(cases) do
    local name = short .. ': ' .. case[1]
    if not only or name:find(only) then
      local rok, rerr = pcall(H.reset)
      if rok then
        rok, rerr = xpcall(case[2], debug.traceback)
      end
      if rok then
        passed = passed + 1
      else
        failed = failed + 1
        out(('FAIL %s\n  %s'):format(name, tostring(rerr):gsub('\n', '\n  ')))
      end
    end
  end
end
out(('%d passed, %d failed'):format(passed, failed))
vim.cmd(failed > 0 and 'cquit 1' or 'qa!')
