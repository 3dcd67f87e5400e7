-- gavel.loader: loads the C module (gavel.core) on first use and keeps the
-- engine built from the options in force.  A missing or stale build is
-- reported once; editing goes on without gavel.

local M = {}

--- The version of the Lua side; the C module must report the same.
M.VERSION = '0.1.0'

local H = { core = nil, tried = false, err = nil, engine = nil, engine_err = nil }

--- The plugin's root folder (where `make` builds the module).
function M.plugin_dir()
  local src = debug.getinfo(1, 'S').source:gsub('^@', '')
  return vim.fn.fnamemodify(src, ':p:h:h:h')
end

function H.notify_once(msg)
  if not H.notified then
    H.notified = true
    vim.notify(msg, vim.log.levels.ERROR)
  end
end

--- The C module, or nil and the reason (said once with vim.notify).
function M.core()
  if H.tried then
    return H.core, H.err
  end
  H.tried = true
  local ok, core = pcall(require, 'gavel.core')
  if not ok then
    local reason = tostring(core):match('[^\n]*')
    H.err = ('gavel: the C module is not built: run `make` in %s (%s)'):format(M.plugin_dir(), reason)
  elseif type(core) ~= 'table' or core.version ~= M.VERSION then
    H.err = ('gavel: the C module is version %s but the plugin is %s: run `make` in %s'):format(
      type(core) == 'table' and tostring(core.version) or '?',
      M.VERSION,
      M.plugin_dir()
    )
  else
    H.core = core
  end
  if H.err then
    H.notify_once(H.err)
  end
  return H.core, H.err
end

-- Builds an engine for cfg: the engine, or nil and a message.
function H.build(core, cfg)
  local ok, engine, err = pcall(core.engine, require('gavel.config').engine_options(cfg))
  if not ok then
    -- a caller mistake raised by the binding: keep its reason only
    local reason = tostring(engine):gsub('^bad argument #1 to %S+ %((.*)%)$', '%1')
    return nil, 'gavel: ' .. reason
  end
  return engine, err
end

--- The engine for the options in force, or nil and the reason.
function M.engine()
  if H.engine then
    return H.engine
  end
  local core, err = M.core()
  if not core then
    return nil, err
  end
  local engine, eerr = H.build(core, require('gavel.config').get())
  H.engine = engine
  return engine, eerr
end

--- Checks that cfg makes an engine (and keeps it): true, or nil and the
--- reason.  Without the C module there is nothing to check: true.
function M.try_engine(cfg)
  local core = M.core()
  if not core then
    return true
  end
  local engine, err = H.build(core, cfg)
  if not engine then
    return nil, err
  end
  H.engine = engine
  return true
end

--- Forgets the engine (options changed); documents keep theirs alive.
function M.reset()
  H.engine = nil
end

return M
