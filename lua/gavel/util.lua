-- gavel.util: dates, paths and the question "is this buffer case notes?".
-- Pure Lua; loads no C.

local M = {}

-- ===== Dates ==============================================================
-- Dates cross from the engine as "YYYY-MM-DD"; day numbers count days since
-- 1970-01-01, as the engine's do.

--- The day number of "YYYY-MM-DD", or nil when it is not such a date.
function M.day_number(s)
  local y, m, d = tostring(s):match('^(%d%d%d%d)%-(%d%d)%-(%d%d)$')
  if not y then
    return nil
  end
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if m < 1 or m > 12 or d < 1 or d > 31 then
    return nil
  end
  if m <= 2 then
    y = y - 1
  end
  local era = math.floor(y / 400)
  local yoe = y - era * 400
  local doy = math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1
  local doe = yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
end

--- "today", "tomorrow", "in 3 days", "23 days ago" for a day relative to
--- today (both "YYYY-MM-DD"), or nil when either is not a date.
function M.relative(day, today)
  local a, b = M.day_number(day), M.day_number(today)
  if not a or not b then
    return nil
  end
  local n = a - b
  if n == 0 then
    return 'today'
  elseif n == 1 then
    return 'tomorrow'
  elseif n == -1 then
    return 'yesterday'
  elseif n > 0 then
    return ('in %d days'):format(n)
  end
  return ('%d days ago'):format(-n)
end

-- The session's "today" (:Gavel today), above the option.
M.session_today = nil

--- The date the notes are reviewed as of: :Gavel today, else the `today`
--- option, else the system date.  Returns "YYYY-MM-DD".
function M.today()
  if M.session_today then
    return M.session_today
  end
  local opt = require('gavel.config').get().today
  if opt then
    return opt
  end
  return os.date('%Y-%m-%d')
end

-- ===== Paths ==============================================================

local uv = vim.uv or vim.loop

--- The nearest folder at or above dir that holds a file named marker, or nil.
function M.find_up(dir, marker)
  dir = dir:gsub('/+$', '')
  while true do
    if uv.fs_stat((dir == '' and '' or dir) .. '/' .. marker) then
      return dir == '' and '/' or dir
    end
    local parent = dir:match('^(.*)/[^/]*$')
    if not parent or parent == dir then
      return nil
    end
    dir = parent
  end
end

--- The folder of the case a file belongs to: the nearest folder above it
--- holding the marker file, else the file's own folder.
function M.case_dir(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  return M.find_up(dir, require('gavel.config').get().marker) or dir
end

--- True when the path matches one of the globs (ignoring case).
function M.matches(path, globs)
  local lower = path:lower()
  for _, glob in ipairs(globs) do
    if vim.fn.match(lower, vim.fn.glob2regpat(glob:lower())) >= 0 then
      return true
    end
  end
  return false
end

--- True when buffer buf holds case notes, by the options in force.
function M.is_notes(buf)
  local cfg = require('gavel.config').get()
  local ft = vim.bo[buf].filetype
  if ft == 'gavel' then
    return true
  end
  if not vim.tbl_contains(cfg.filetypes, ft) or vim.bo[buf].buftype ~= '' then
    return false
  end
  local path = vim.api.nvim_buf_get_name(buf)
  if path == '' then
    return false
  end
  path = vim.fn.fnamemodify(path, ':p')
  if M.matches(path, cfg.patterns) then
    return true
  end
  return M.find_up(vim.fn.fnamemodify(path, ':h'), cfg.marker) ~= nil
end

--- Says msg once per key (a buffer, a file) in the session.
local said = {}
function M.notify_once(key, msg, level)
  if said[key] == msg then
    return
  end
  said[key] = msg
  vim.notify(msg, level or vim.log.levels.WARN)
end

return M
