-- gavel.privacy: keeps privileged case notes out of the files Neovim
-- writes on its own: swap, undo, backup and ShaDa.  Off by default
-- (option `privacy`); the README recommends it.  The same measures
-- password-store's and vim-gnupg's Vim helpers take, per buffer:
--
--   swap     'noswapfile' (buffer-local): set before the file is read when
--            its path looks like notes (BufReadPre), so no swap file is
--            made; any swap file made before is deleted by Neovim.
--   undo     'noundofile' (buffer-local): no undo file on :write.
--   backup   the file's path is added to 'backupskip', which 'backup' and
--            'writebackup' both obey, so no copy is left or made, from any
--            window; and 'nobackup' 'nowritebackup' (global-only options)
--            while the buffer is current, restored when leaving it.
--   ShaDa    from the first notes buffer on, for the rest of the session:
--            no registers (yanked text), no command, search or input
--            history, and no marks, jumps, changes or buffer-list entries
--            for the notes' paths ('r' items).  Items from earlier sessions
--            stay as they were.
--
-- Caveats: an undo or swap file left by a session without this option is
-- not removed; text pasted into another buffer is that buffer's business.

local M = {}
local api = vim.api

local H = {}
-- Buffers made private: buf -> true.
H.private = {}
-- Global option values saved on BufEnter, restored on BufLeave.
H.saved = nil
-- 'shada' before gavel first restricted it (nil: never restricted).
H.shada_before = nil
-- Paths already in 'backupskip' / 'shada' r-items.
H.skipped = {}

local group = api.nvim_create_augroup('gavel_privacy', { clear = true })

-- ===== Helpers ============================================================

--- A path as an option value: commas and backslashes escaped.
function H.escape(path)
  return (path:gsub('\\', '\\\\'):gsub(',', '\\,'))
end

function H.full_path(buf)
  local name = api.nvim_buf_get_name(buf)
  if name == '' then
    return nil
  end
  return vim.fn.fnamemodify(name, ':p')
end

--- The 'shada' items that never carry note text, plus an 'r' item per
--- private path.  Keeps the user's other items.
function H.restricted_shada(current, paths)
  local keep = {}
  for item in (current .. ','):gmatch('(.-),') do
    local head = item:sub(1, 1)
    -- registers (" <) and histories (: / @) are replaced below
    if item ~= '' and not head:match('[<":/@]') then
      keep[#keep + 1] = item
    end
  end
  for _, item in ipairs({ '<0', ':0', '/0', '@0' }) do
    keep[#keep + 1] = item
  end
  for _, path in ipairs(paths) do
    keep[#keep + 1] = 'r' .. path
  end
  return table.concat(keep, ',')
end

function H.restrict_shada(path)
  if H.shada_before == nil then
    H.shada_before = vim.o.shada
  end
  H.skipped[path] = true
  local paths = {}
  for p in pairs(H.skipped) do
    -- 'r' items end at the next comma and cannot hold one
    if not p:find(',', 1, true) then
      paths[#paths + 1] = p
    end
  end
  table.sort(paths)
  vim.o.shada = H.restricted_shada(H.shada_before, paths)
end

function H.skip_backup(path)
  local entry = H.escape(path)
  for item in (vim.o.backupskip .. ','):gmatch('(.-),') do
    if item == entry then
      return
    end
  end
  vim.opt.backupskip:append(entry)
end

-- While a private buffer is current, the global-only backup options are off.
function H.enter()
  if H.saved == nil then
    H.saved = { backup = vim.o.backup, writebackup = vim.o.writebackup }
  end
  vim.o.backup = false
  vim.o.writebackup = false
end

function H.leave()
  if H.saved ~= nil then
    vim.o.backup = H.saved.backup
    vim.o.writebackup = H.saved.writebackup
    H.saved = nil
  end
end

-- ===== Public =============================================================

--- Makes buf private: see the header.  Idempotent; safe on any buffer
--- (buffers without a file name get the buffer-local options only).
function M.apply(buf)
  buf = (buf == nil or buf == 0) and api.nvim_get_current_buf() or buf
  if not api.nvim_buf_is_valid(buf) then
    return
  end
  -- Neovim deletes an existing swap file when 'swapfile' is reset
  if vim.bo[buf].swapfile then
    vim.bo[buf].swapfile = false
  end
  vim.bo[buf].undofile = false
  local path = H.full_path(buf)
  if path then
    H.skip_backup(path)
    H.restrict_shada(path)
  else
    H.restrict_shada('')
    H.skipped[''] = nil
  end
  if not H.private[buf] then
    H.private[buf] = true
    api.nvim_create_autocmd('BufEnter', { group = group, buffer = buf, callback = H.enter })
    api.nvim_create_autocmd('BufLeave', { group = group, buffer = buf, callback = H.leave })
    api.nvim_create_autocmd('BufWipeout', {
      group = group,
      buffer = buf,
      callback = function()
        H.private[buf] = nil
        if api.nvim_get_current_buf() == buf then
          H.leave()
        end
      end,
    })
  end
  if api.nvim_get_current_buf() == buf then
    H.enter()
  end
end

--- True when buf was made private.
function M.is_private(buf)
  buf = (buf == nil or buf == 0) and api.nvim_get_current_buf() or buf
  return H.private[buf] == true
end

--- Before a file is read: when its path looks like case notes (the
--- `patterns` option, a `*.case.md` name, or a case marker above it),
--- turn the swap file off before Neovim makes one.  The filetype is not
--- known yet; M.apply() does the rest when gavel attaches.
function H.before_read(ev)
  local path = vim.fn.fnamemodify(ev.match, ':p')
  if path == '' then
    return
  end
  local cfg = require('gavel.config').get()
  local util = require('gavel.util')
  local notes = path:lower():match('%.case%.md$') ~= nil
    or util.matches(path, cfg.patterns)
    or util.find_up(vim.fn.fnamemodify(path, ':h'), cfg.marker) ~= nil
  if notes then
    vim.bo[ev.buf].swapfile = false
    vim.bo[ev.buf].undofile = false
  end
end

--- Installs the early (before-read) hook.  Idempotent.  `false` removes it.
function M.setup(on)
  api.nvim_clear_autocmds({ group = group, event = { 'BufReadPre', 'BufNewFile' } })
  if on == false then
    return
  end
  api.nvim_create_autocmd({ 'BufReadPre', 'BufNewFile' }, {
    group = group,
    callback = H.before_read,
    desc = 'gavel: no swap file for case notes (privacy option)',
  })
end

--- What privacy does to buf now, for :checkhealth and tests.
function M.status(buf)
  buf = (buf == nil or buf == 0) and api.nvim_get_current_buf() or buf
  return {
    private = H.private[buf] == true,
    swapfile = vim.bo[buf].swapfile,
    undofile = vim.bo[buf].undofile,
    shada = vim.o.shada,
    backupskip = vim.o.backupskip,
  }
end

-- Exposed for tests.
M._restricted_shada = H.restricted_shada

return M
