-- gavel.config: the option schema, its validation and the options in force.
--
-- Every option is described once, here: its type, default and meaning.
-- setup() validates against this table, doc/gavel.txt's option section is
-- generated from it (tests/nvim/gen_doc.lua), and :checkhealth lists it.

local M = {}

-- ===== The schema =========================================================
-- Each entry: name, type (a Lua type or a list of them), default, desc, and
-- optionally keys (the allowed keys of a table option, each with a type) or
-- check (a function returning an error message or nil).

local function is_date(v)
  return type(v) == 'string' and v:match('^%d%d%d%d%-%d%d%-%d%d$') ~= nil
end

local THRESHOLD_KEYS = {
  no_response_days = 'number',
  unanswered_attempts = 'number',
  offer_expiring_days = 'number',
  deadline_days = 'number',
  trial_days = 'number',
  client_gap_days = 'number',
}

local HIGHLIGHT_KEYS = {
  dates = 'boolean',
  money = 'boolean',
  offers = 'boolean',
  terms = 'boolean',
  evidence = 'boolean',
  relative_dates = 'boolean',
}

local MAPPING_KEYS = {
  definition = { 'string', 'boolean' },
  open_file = { 'string', 'boolean' },
}

M.schema = {
  {
    name = 'enabled',
    type = 'boolean',
    default = true,
    desc = 'Attach to case notes automatically when they are opened. When false, use `:Gavel enable` in a buffer.',
  },
  {
    name = 'filetypes',
    type = 'table',
    default = { 'markdown', 'text' },
    desc = 'Filetypes that may be case notes. A buffer of one of them counts when its path matches |gavel-patterns| or a folder above it holds the |gavel-marker| file. Buffers of filetype `gavel` (`*.case.md`) always count.',
  },
  {
    name = 'patterns',
    type = 'table',
    default = { '*case*', '*notes*' },
    desc = 'File patterns (globs matched against the full path, ignoring case) that make a buffer of one of |gavel-filetypes| count as case notes.',
  },
  {
    name = 'marker',
    type = 'string',
    default = '.gavel',
    desc = 'Name of the marker file that makes a folder (and the folders below it) a case.',
  },
  {
    name = 'today',
    type = { 'string', 'nil' },
    default = nil,
    desc = 'Review the notes as of this date (`"YYYY-MM-DD"`) instead of the system date. `:Gavel today` changes it for the session.',
    check = function(v)
      if v ~= nil and not is_date(v) then
        return 'must be a date YYYY-MM-DD'
      end
    end,
  },
  {
    name = 'day_first',
    type = 'boolean',
    default = false,
    desc = 'Read 3/4 as 3 April instead of March 4.',
  },
  {
    name = 'thresholds',
    type = 'table',
    default = {},
    keys = THRESHOLD_KEYS,
    desc = 'Thresholds of the warnings, in days or counts: `no_response_days` (14), `unanswered_attempts` (3), `offer_expiring_days` (7), `deadline_days` (7), `trial_days` (45), `client_gap_days` (30).',
  },
  {
    name = 'severity',
    type = 'table',
    default = {},
    desc = 'Severity per warning code: `{ ["no-response"] = "error" }`. Values: "error", "warning", "info", "hint" or 1..4.',
  },
  {
    name = 'disabled',
    type = 'table',
    default = {},
    desc = 'Warning codes never raised: `{ "client-contact-gap" }`. See |gavel-codes|.',
  },
  {
    name = 'vocab',
    type = { 'table', 'string', 'nil' },
    default = nil,
    desc = 'Extra vocabulary, phrases matched as whole words ignoring case: `{ prosecution = { "Mr. Crown" } }`, or the engine\'s text form, one class per line: `"prosecution: Mr. Crown, the Crown"`. Classes: prosecution, defense, client, court, offer, counter, reject, accept, withdraw, final, attempt, response, unanswered, client_contact, strength, prep, done, open.',
  },
  {
    name = 'max_line_bytes',
    type = 'number',
    default = 8192,
    desc = 'Only this many bytes of a line are read; the rest is ignored, not lost.',
  },
  {
    name = 'max_file_bytes',
    type = 'number',
    default = 20 * 1024 * 1024,
    desc = 'Larger files are declined with a message instead of being read.',
  },
  {
    name = 'debounce_ms',
    type = 'number',
    default = 100,
    desc = 'Milliseconds of quiet after an edit before the notes are analysed and redrawn.',
    check = function(v)
      if v < 0 then
        return 'must be 0 or more'
      end
    end,
  },
  {
    name = 'virtual_text',
    type = { 'boolean', 'table' },
    default = true,
    desc = 'Show warnings as virtual text (the `virtual_text` of |vim.diagnostic.config()|, set for gavel\'s namespace only, so it is on even where Neovim hides virtual text by default).',
  },
  {
    name = 'highlights',
    type = 'table',
    default = {
      dates = true,
      money = true,
      offers = true,
      terms = true,
      evidence = true,
      relative_dates = true,
    },
    keys = HIGHLIGHT_KEYS,
    desc = 'Switch each kind of highlight: `dates`, `money`, `offers` (offers, counteroffers and the other negotiation events), `terms` (sentence terms and durations), `evidence` (references and definitions), `relative_dates` (at the end of a line, its dates that are still ahead or of the last week, normalised, with "in 3 days" / "2 days ago"; not entry dates).',
  },
  {
    name = 'privacy',
    type = 'boolean',
    default = false,
    desc = 'Keep case notes out of the files Neovim writes on its own: no swap or undo file, no backup, and no note text in ShaDa (registers, history, marks). Recommended for privileged material. See lua/gavel/privacy.lua.',
  },
  {
    name = 'index_db',
    type = { 'string', 'nil' },
    default = nil,
    desc = 'Path of the case index database. Default: `stdpath("data")/gavel/index.db` (`g:gavel_index_db` also sets it).',
  },
  {
    name = 'mappings',
    type = 'table',
    default = { definition = 'gd', open_file = 'gf' },
    keys = MAPPING_KEYS,
    desc = 'Buffer-local mappings in case notes: `definition` jumps to the evidence under the cursor, `open_file` opens the file a definition names. `false` leaves the key alone. Both fall back to the built-in command where there is no evidence.',
  },
}

-- ===== Validation =========================================================

local H = {}

function H.types(spec)
  return type(spec) == 'table' and spec or { spec }
end

function H.type_ok(v, spec)
  for _, t in ipairs(H.types(spec)) do
    if type(v) == t then
      return true
    end
  end
  return false
end

function H.type_names(spec)
  return table.concat(H.types(spec), ' or ')
end

function H.copy(v)
  if type(v) ~= 'table' then
    return v
  end
  local out = {}
  for k, x in pairs(v) do
    out[k] = H.copy(x)
  end
  return out
end

function H.by_name()
  local out = {}
  for _, entry in ipairs(M.schema) do
    out[entry.name] = entry
  end
  return out
end

-- Raises "gavel: option 'name' must be ..." with no traceback.
function H.reject(name, what)
  error(('gavel: option %s %s'):format(name, what), 0)
end

-- Checks a table option with a fixed set of keys; returns the unknown keys.
function H.check_keys(entry, value, unknown)
  for k, v in pairs(value) do
    local spec = entry.keys[k]
    local qualified = ("'%s.%s'"):format(entry.name, tostring(k))
    if spec == nil then
      unknown[#unknown + 1] = entry.name .. '.' .. tostring(k)
    elseif not H.type_ok(v, spec) then
      H.reject(qualified, ('must be a %s, got %s'):format(H.type_names(spec), type(v)))
    end
  end
end

-- Keys a user set that the schema does not know, already warned about.
H.warned = {}

function H.warn_unknown(unknown)
  local fresh = {}
  for _, k in ipairs(unknown) do
    if not H.warned[k] then
      H.warned[k] = true
      fresh[#fresh + 1] = "'" .. k .. "'"
    end
  end
  if #fresh > 0 then
    vim.notify('gavel: unknown option ' .. table.concat(fresh, ', ') .. ' (ignored)', vim.log.levels.WARN)
  end
end

-- ===== Public =============================================================

--- The defaults, as a fresh table.
function M.defaults()
  local out = {}
  for _, entry in ipairs(M.schema) do
    out[entry.name] = H.copy(entry.default)
  end
  return out
end

--- Validates user options and returns the merged configuration (defaults
--- filled in; table options with fixed keys merged key by key). Raises
--- "gavel: option 'x' must be a number, got string" on a wrong value and
--- warns once about unknown keys.
function M.validate(opts)
  if opts == nil then
    return M.defaults()
  end
  if type(opts) ~= 'table' then
    error('gavel: setup() takes a table of options, got ' .. type(opts), 0)
  end
  local known = H.by_name()
  local out = M.defaults()
  local unknown = {}
  for name, value in pairs(opts) do
    local entry = known[name]
    if entry == nil then
      unknown[#unknown + 1] = tostring(name)
    else
      local quoted = "'" .. name .. "'"
      if not H.type_ok(value, entry.type) then
        H.reject(quoted, ('must be a %s, got %s'):format(H.type_names(entry.type), type(value)))
      end
      local msg = entry.check and entry.check(value)
      if msg then
        H.reject(quoted, msg)
      end
      if entry.keys and type(value) == 'table' then
        H.check_keys(entry, value, unknown)
        for k, v in pairs(value) do
          if entry.keys[k] ~= nil then
            out[name][k] = H.copy(v)
          end
        end
      else
        out[name] = H.copy(value)
      end
    end
  end
  H.warn_unknown(unknown)
  return out
end

--- The options of core.engine() for a configuration.
function M.engine_options(cfg)
  return {
    day_first = cfg.day_first,
    thresholds = cfg.thresholds,
    disabled = cfg.disabled,
    severity = cfg.severity,
    vocab = cfg.vocab,
    max_line_bytes = cfg.max_line_bytes,
  }
end

M.options = M.defaults()

--- Sets the options in force (already validated).
function M.set(cfg)
  M.options = cfg
end

--- The options in force.
function M.get()
  return M.options
end

return M
