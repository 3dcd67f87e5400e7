-- gavel.peers: the other notes files of a buffer's case, as documents the
-- engine's analysis takes as peers (their evidence definitions count as
-- defined).  Open buffers of the case give their live documents; the rest
-- are read from disk, once, and again only when their size or time
-- changes, so the buffer's warnings agree with :Gavel check on the folder.

local M = {}
local uv = vim.uv or vim.loop

-- A case folder with more notes files than this is not read for peers.
M.MAX_FILES = 200

-- case_dir -> { files = { path = { doc, size, mtime } }, paths = {...} }
local cases = {}

local NOTES_EXT = { md = true, markdown = true, txt = true, notes = true }

--- True when path is named like a notes file (*.md, *.markdown, *.txt,
--- *.notes), as :Gavel check and the CLI read folders.
function M.is_notes_name(path)
  local ext = path:match('%.([%w]+)$')
  return ext ~= nil and NOTES_EXT[ext:lower()] == true
end

--- The notes files in dir, sorted, and whether the walk stopped early.
--- Below its subfolders too with recursive (hidden folders skipped); the
--- walk looks at no more than max_entries names (default 5000), so a
--- marker left in a home folder cannot make it crawl the disk.
function M.list(dir, recursive, max_entries)
  max_entries = max_entries or 5000
  local out, queue, seen = {}, { dir }, 0
  local truncated = false
  while #queue > 0 and not truncated do
    local d = table.remove(queue, 1)
    local handle = uv.fs_scandir(d)
    while handle do
      local name, kind = uv.fs_scandir_next(handle)
      if not name then
        break
      end
      seen = seen + 1
      if seen > max_entries then
        truncated = true
        break
      end
      local path = d .. '/' .. name
      if kind == 'link' then
        local st = uv.fs_stat(path)
        kind = st and st.type
      end
      if kind == 'directory' then
        if recursive and name:sub(1, 1) ~= '.' then
          queue[#queue + 1] = path
        end
      elseif kind == 'file' and M.is_notes_name(name) then
        out[#out + 1] = path
      end
    end
  end
  table.sort(out)
  return out, truncated
end

local function stat_key(path)
  local st = uv.fs_stat(path)
  if not st then
    return nil
  end
  return st.size, st.mtime.sec * 1e9 + st.mtime.nsec
end

-- The document of a file on disk, read again when it changed; nil when it
-- cannot or should not be read.
local function disk_doc(entry, path, engine, max)
  local size, mtime = stat_key(path)
  if not size or size > max then
    return nil
  end
  if entry.doc and entry.size == size and entry.mtime == mtime then
    return entry.doc
  end
  local f = io.open(path, 'rb')
  if not f then
    return nil
  end
  local text = f:read('*a')
  f:close()
  -- only its evidence counts here: read nothing else (far cheaper)
  local doc = engine:doc('peer')
  if not doc or not doc:set_text(text) then
    return nil
  end
  entry.doc, entry.size, entry.mtime = doc, size, mtime
  return doc
end

--- Forgets what is known of a case's files (a file was written or added).
function M.invalidate(case_dir)
  cases[case_dir] = nil
end

--- The peer documents of buf (state st): the live documents of the other
--- attached buffers of its case and the case's other files from disk.  A
--- buffer still being read in the background counts as not open: its file
--- is read from disk.
function M.of(buf, st, buffers)
  local api = vim.api
  local out, open = {}, {}
  open[vim.fn.resolve(api.nvim_buf_get_name(buf))] = true
  for other, ost in pairs(buffers) do
    if other ~= buf and ost.case_dir == st.case_dir and ost.phase ~= 'read' then
      out[#out + 1] = ost.doc
      open[vim.fn.resolve(api.nvim_buf_get_name(other))] = true
    end
  end
  local engine = require('gavel.loader').engine()
  if not engine then
    return out
  end
  local case = cases[st.case_dir]
  if not case then
    -- a marked case is its folder tree; an unmarked one its folder alone
    local marker = require('gavel.config').get().marker
    local marked = uv.fs_stat(st.case_dir .. '/' .. marker) ~= nil
    local paths, truncated = M.list(st.case_dir, marked)
    if truncated or #paths > M.MAX_FILES then
      paths = {}
    end
    -- resolved once here, not on every debounced update
    local real = {}
    for _, path in ipairs(paths) do
      real[path] = vim.fn.resolve(path)
    end
    case = { files = {}, paths = paths, real = real }
    cases[st.case_dir] = case
  end
  local max = require('gavel.config').get().max_file_bytes
  for _, path in ipairs(case.paths) do
    if not open[case.real[path]] then
      case.files[path] = case.files[path] or {}
      local doc = disk_doc(case.files[path], path, engine, max)
      if doc then
        out[#out + 1] = doc
      end
    end
  end
  return out
end

--- Drops every cached document (the engine changed).
function M.reset()
  cases = {}
end

return M
