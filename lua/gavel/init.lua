-- gavel: plea negotiations read from case notes, warnings inline as the
-- attorney types.  setup() is optional and idempotent; without it gavel
-- runs on its defaults.

local M = {}

--- The plugin's version (the C module must match it).
M.version = require('gavel.loader').VERSION

--- Validates opts (see :help gavel-options), applies them and re-reads the
--- attached buffers.  Raises "gavel: option 'x' must be ..." on a wrong
--- option; the options in force then stay as they were.
function M.setup(opts)
  local config = require('gavel.config')
  local cfg = config.validate(opts)
  local loader = require('gavel.loader')
  local ok, err = loader.try_engine(cfg)
  if not ok then
    error(err, 0)
  end
  config.set(cfg)
  if not package.loaded['gavel.core'] then
    loader.reset()
  end
  if package.loaded['gavel.peers'] then
    require('gavel.peers').reset()
  end
  if cfg.privacy then
    require('gavel.privacy').setup(true)
  elseif package.loaded['gavel.privacy'] then
    require('gavel.privacy').setup(false)
  end
  if package.loaded['gavel.render'] then
    require('gavel.render').configure()
  end
  local attach = require('gavel.attach')
  attach.refresh(true)
  if cfg.enabled then
    for _, buf in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(buf) then
        attach.attach(buf)
      end
    end
  end
  return M
end

--- A short status of buf (default: the current buffer) for a statusline:
--- "gavel: 9 warnings · stalled · trial in 32 days", or "" when the
--- buffer is not read as case notes.  Cheap: a statusline asks on every
--- redraw, and the text is made again only after a new analysis.
---@param buf integer|nil
---@return string
function M.status(buf)
  buf = (buf == nil or buf == 0) and vim.api.nvim_get_current_buf() or buf
  local attach = package.loaded['gavel.attach']
  local st = attach and attach.buffers[buf]
  if not st then
    return ''
  end
  if st.phase == 'read' then
    return 'gavel: reading…'
  end
  local util = require('gavel.util')
  local today, analyses, last = util.today(), st.doc:analyses(), st.status
  if last and last.doc == st.doc and last.analyses == analyses and last.today == today then
    return last.text
  end
  local n = #st.doc:warnings()
  local s = st.doc:summary()
  local parts = { ('gavel: %d warning%s'):format(n, n == 1 and '' or 's') }
  if s.state and s.state ~= 'none' then
    parts[#parts + 1] = s.state
  end
  if s.trial_day then
    parts[#parts + 1] = 'trial ' .. (util.relative(s.trial_day, today) or s.trial_day)
  end
  local text = table.concat(parts, ' · ')
  st.status = { doc = st.doc, analyses = analyses, today = today, text = text }
  return text
end

return M
