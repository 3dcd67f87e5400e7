-- gavel: the :Gavel command, <Plug> mappings and the autocommands that
-- attach to case notes.  Everything else is required on first use.
if vim.g.loaded_gavel == 1 or vim.fn.has('nvim-0.7') ~= 1 then
  return
end
vim.g.loaded_gavel = 1

local api = vim.api

api.nvim_create_user_command('Gavel', function(o)
  require('gavel.commands').run(o)
end, {
  nargs = '*',
  desc = 'gavel: case notes (:Gavel with no argument lists the subcommands)',
  complete = function(arglead, line, pos)
    return require('gavel.commands').complete(arglead, line, pos)
  end,
})

local plugs = {
  ['evidence-definition'] = { 'evidence', 'definition' },
  ['open-file'] = { 'evidence', 'open_file' },
  ['references'] = { 'evidence', 'references' },
  ['evidence-pick'] = { 'evidence', 'pick' },
  ['timeline'] = { 'timeline', 'open' },
  ['ack'] = { 'commands', 'ack' },
}
for name, target in pairs(plugs) do
  vim.keymap.set('n', '<Plug>(gavel-' .. name .. ')', function()
    require('gavel.' .. target[1])[target[2]]({})
  end, { desc = 'gavel: ' .. name })
end

local group = api.nvim_create_augroup('gavel', { clear = true })

-- Cheap test first: only buffers of a notes filetype load the rest.
local function maybe_attach(ev)
  local ft = vim.bo[ev.buf].filetype
  local cfg = require('gavel.config').get()
  if ft == 'gavel' or vim.tbl_contains(cfg.filetypes, ft) then
    require('gavel.attach').attach(ev.buf)
  end
end

api.nvim_create_autocmd({ 'FileType', 'BufReadPost', 'BufNewFile' }, {
  group = group,
  callback = maybe_attach,
  desc = 'gavel: attach to case notes',
})

api.nvim_create_autocmd('BufWritePost', {
  group = group,
  callback = function(ev)
    if package.loaded['gavel.peers'] then -- a file of a case may be new
      require('gavel.peers').invalidate(require('gavel.util').case_dir(ev.match))
    end
    if package.loaded['gavel.attach'] and require('gavel.attach').buffers[ev.buf] then
      local ok, index = pcall(require, 'gavel.index')
      if ok and type(index) == 'table' and index.on_write then
        index.on_write(ev.buf)
      end
    end
  end,
  desc = 'gavel: re-index a saved notes file',
})

api.nvim_create_autocmd('ColorScheme', {
  group = group,
  callback = function()
    if package.loaded['gavel.render'] then
      require('gavel.render').define_highlights()
    end
  end,
  desc = 'gavel: restore default highlight links',
})
