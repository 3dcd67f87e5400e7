-- helpers.lua: what the headless tests share.  Each test file returns a
-- list of { name, fn }; run.lua runs them with a fresh editor state.
local H = {}
local api = vim.api

H.root = vim.g.gavel_root
H.TODAY = '2025-04-10'
H.example = H.root .. '/examples/State-v-Doe'

-- The warnings of the example as of H.TODAY: "row:code", rows 0-based,
-- sorted by row then code.
H.EXPECTED = {
  '23:deadline-approaching',
  '23:trial-approaching',
  '26:client-contact-gap',
  '30:no-concession',
  '30:offer-expiring',
  '31:strong-evidence',
  '35:undefined-evidence',
  '38:no-response',
  '40:unanswered-attempts',
}

--- Sorts "row:code" strings by row, then code.
function H.sort_rows(list)
  table.sort(list, function(a, b)
    local ra, rb = tonumber(a:match('^%d+')), tonumber(b:match('^%d+'))
    if ra ~= rb then
      return ra < rb
    end
    return a < b
  end)
  return list
end

-- Messages given to vim.notify since the last reset: { msg, level }.
H.notes = {}
function vim.notify(msg, level)
  table.insert(H.notes, { msg = msg, level = level or vim.log.levels.INFO })
end

--- Messages matching a Lua pattern.
function H.notified(pattern)
  local out = {}
  for _, n in ipairs(H.notes) do
    if tostring(n.msg):find(pattern) then
      out[#out + 1] = n
    end
  end
  return out
end

function H.fail(msg, level)
  error(msg, (level or 1) + 1)
end

function H.eq(expected, actual, what)
  if not vim.deep_equal(expected, actual) then
    H.fail(('%s: expected %s, got %s'):format(what or 'value', vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

function H.ok(cond, what)
  if not cond then
    H.fail(what or 'condition failed', 2)
  end
end

--- Calls fn and returns its error message (fails when it does not raise).
function H.raises(fn, what)
  local ok, err = pcall(fn)
  if ok then
    H.fail((what or 'call') .. ': expected an error', 2)
  end
  return tostring(err)
end

--- A fresh copy of the example case in a temporary folder; returns its path.
function H.case_copy()
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  vim.fn.system({ 'cp', '-r', H.example .. '/.', dir })
  assert(vim.v.shell_error == 0, 'copy failed')
  return dir
end

--- Writes lines to a new file in a temporary case folder; returns the path.
function H.write_notes(lines, name)
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  vim.fn.writefile({}, dir .. '/.gavel')
  local path = dir .. '/' .. (name or 'notes.md')
  vim.fn.writefile(lines, path)
  return path
end

--- Edits a file and returns its buffer and gavel's state for it.
function H.open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = api.nvim_get_current_buf()
  return buf, require('gavel.attach').buffers[buf]
end

--- Opens a fresh copy of the example notes.
function H.open_example()
  local dir = H.case_copy()
  local buf, st = H.open(dir .. '/notes.md')
  return buf, st, dir
end

--- Wraps st.doc so that calls of its method `name` are counted; returns
--- the counter ({ n = calls so far }).
function H.count_calls(st, name)
  local real = st.doc
  local counter = { n = 0 }
  st.doc = setmetatable({}, {
    __index = function(_, k)
      return function(_, ...)
        if k == name then
          counter.n = counter.n + 1
        end
        return real[k](real, ...)
      end
    end,
  })
  return counter
end

--- A document whose every method fails, as an engine error would, with
--- the message 'boom inside the engine'.
function H.broken_doc()
  return setmetatable({}, {
    __index = function()
      return function()
        error('boom inside the engine')
      end
    end,
  })
end

--- Runs any pending update now.
function H.settle(buf)
  return require('gavel.attach').flush(buf or api.nvim_get_current_buf())
end

--- The buffer's gavel diagnostics as sorted "row:code" strings (rows 0-based).
function H.diags(buf)
  H.settle(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf, { namespace = require('gavel.render').ns })) do
    out[#out + 1] = ('%d:%s'):format(d.lnum, d.code)
  end
  return H.sort_rows(out)
end

--- Feeds keys as if typed (mappings apply), and runs them now.
function H.type(keys)
  api.nvim_feedkeys(api.nvim_replace_termcodes(keys, true, false, true), 'xt', false)
end

--- The marks gavel draws in buf for a concern, with details (as
--- nvim_buf_get_extmarks gives them; headless Neovim draws no screen, so
--- they come from the code the decoration provider draws with).
function H.marks(buf, concern)
  return require('gavel.render').marks(buf, concern)
end

-- A prompt would wait for input forever: tests that expect one stub it.
local function no_select(items)
  error('unexpected vim.ui.select of ' .. #items .. ' items', 2)
end

--- Back to a clean editor: no buffers, defaults + pinned today.
function H.reset()
  vim.cmd('silent! %bwipeout!')
  vim.fn.setqflist({}, 'r')
  H.notes = {}
  vim.ui.select = no_select
  vim.g.gavel_index_db = vim.fn.tempname() .. '/index.db'
  package.loaded['gavel.index'] = nil
  package.preload['gavel.index'] = nil
  require('gavel.util').session_today = nil
  require('gavel').setup({ today = H.TODAY, debounce_ms = 5 })
end

return H
