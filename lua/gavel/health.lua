-- gavel.health: :checkhealth gavel.  The same facts feed :Gavel info.

local M = {}

local health = vim.health or require('health')
-- vim.health.start/ok/... from 0.10; report_* before (deprecated since)
local report = {
  start = health.start or health.report_start,
  ok = health.ok or health.report_ok,
  warn = health.warn or health.report_warn,
  error = health.error or health.report_error,
  info = health.info or health.report_info,
}

local H = {}

--- Where the case index keeps its database folder.
function H.index_dir()
  local has, index = pcall(require, 'gavel.index')
  if has and type(index) == 'table' and type(index.db_path) == 'function' then
    local okp, path = pcall(index.db_path)
    if okp and type(path) == 'string' then
      return vim.fn.fnamemodify(path, ':h')
    end
  end
  return vim.fn.stdpath('data') .. '/gavel'
end

-- The options that differ from their defaults, as "name = value" lines.
function H.options()
  local config = require('gavel.config')
  local defaults, cur = config.defaults(), config.get()
  local out = {}
  for _, entry in ipairs(config.schema) do
    local v = cur[entry.name]
    if not vim.deep_equal(v, defaults[entry.name]) then
      out[#out + 1] = ('%s = %s'):format(entry.name, vim.inspect(v, { newline = ' ', indent = '' }))
    end
  end
  return out
end

--- Facts about gavel for :Gavel info (and buffer buf, when given).
function M.facts(buf)
  local loader = require('gavel.loader')
  local lines = { 'gavel ' .. loader.VERSION }
  local core, err = loader.core()
  if not core then
    lines[#lines + 1] = err
  else
    local i = core.info()
    local engine = loader.engine()
    lines[#lines + 1] = ('C module %s, PCRE2 %s (JIT %s), SQLite %s'):format(
      i.version,
      i.pcre2,
      engine and (engine:jit() and 'on' or 'off') or '?',
      i.sqlite
    )
  end
  lines[#lines + 1] = 'reviewing as of ' .. require('gavel.util').today()
  if buf then
    local st = require('gavel.attach').buffers[buf]
    if st then
      lines[#lines + 1] = ('this buffer: read as case notes, %d lines, %d warnings, case folder %s'):format(
        st.doc:line_count(),
        #st.doc:warnings(),
        vim.fn.fnamemodify(st.case_dir, ':~')
      )
    else
      lines[#lines + 1] = 'this buffer: not read as case notes'
    end
  end
  local opts = H.options()
  lines[#lines + 1] = #opts == 0 and 'options: defaults' or ('options: ' .. table.concat(opts, '; '))
  return lines
end

-- Reports whether the index folder is writable and private (0700).
function H.check_index_dir()
  local dir = H.index_dir()
  if vim.fn.isdirectory(dir) == 0 then
    report.ok(('index folder %s does not exist yet; it will be created private (0700)'):format(dir))
    return
  end
  if vim.fn.filewritable(dir) ~= 2 then
    report.error(('index folder %s is not writable: the case index cannot be updated'):format(dir))
  else
    report.ok(('index folder %s is writable'):format(dir))
  end
  local perm = vim.fn.getfperm(dir)
  if perm:sub(4) == '------' then
    report.ok(('index folder is private (%s)'):format(perm))
  else
    report.warn(('index folder is %s: others can read privileged notes data'):format(perm), {
      'chmod 700 ' .. vim.fn.shellescape(dir),
    })
  end
end

function M.check()
  local loader = require('gavel.loader')
  report.start('gavel: the C module')
  local core, err = loader.core()
  if not core then
    report.error(err or 'gavel.core did not load', { 'run `make` in ' .. loader.plugin_dir() })
  else
    report.ok(('gavel.core %s loaded, matching the plugin (%s)'):format(core.version, loader.VERSION))
    local i = core.info()
    report.ok('PCRE2 ' .. i.pcre2)
    local engine, eerr = loader.engine()
    if not engine then
      report.error(eerr or 'the engine could not be built')
    elseif engine:jit() then
      report.ok('PCRE2 JIT is on')
    else
      report.warn('PCRE2 JIT is not available: patterns run in the interpreter (slower)')
    end
    report.ok('SQLite ' .. i.sqlite)
  end

  report.start('gavel: the case index')
  H.check_index_dir()
  local has_index = pcall(require, 'gavel.index')
  if has_index then
    report.ok('gavel.index is installed')
  else
    report.info('gavel.index is not installed: cross-file evidence, :Gavel cases and agenda are off')
  end

  report.start('gavel: options')
  local opts = H.options()
  if #opts == 0 then
    report.ok('defaults (no setup() options differ)')
  end
  for _, line in ipairs(opts) do
    report.info(line)
  end
  report.info('reviewing as of ' .. require('gavel.util').today())
  local n = vim.tbl_count(require('gavel.attach').buffers)
  report.info(('%d buffer%s read as case notes'):format(n, n == 1 and '' or 's'))
end

return M
