rockspec_format = "3.0"
package = "gavel"
version = "scm-1"

source = {
  url = "git+https://example.invalid/gavel.git",
}

description = {
  summary = "Plea negotiations read from case notes, with warnings inline in Neovim",
  detailed = [[
gavel reads a criminal-defense attorney's case notes (Markdown or plain
text) with a C engine (PCRE2) and shows the negotiation's warnings, the
timeline and evidence navigation in Neovim.]],
  labels = { "neovim", "neovim-plugin" },
  license = "MIT",
}

dependencies = {
  "lua >= 5.1",
}

external_dependencies = {
  PCRE2 = { header = "pcre2.h" },
  SQLITE = { header = "sqlite3.h" },
}

build = {
  type = "make",
  build_variables = {
    CC = "$(CC)",
  },
  build_target = "all",
  install_pass = false,
  copy_directories = { "plugin", "doc", "ftdetect", "syntax" },
  install = {
    lua = {
      ["gavel"] = "lua/gavel/init.lua",
      ["gavel.attach"] = "lua/gavel/attach.lua",
      ["gavel.commands"] = "lua/gavel/commands.lua",
      ["gavel.config"] = "lua/gavel/config.lua",
      ["gavel.evidence"] = "lua/gavel/evidence.lua",
      ["gavel.health"] = "lua/gavel/health.lua",
      ["gavel.index"] = "lua/gavel/index.lua",
      ["gavel.loader"] = "lua/gavel/loader.lua",
      ["gavel.peers"] = "lua/gavel/peers.lua",
      ["gavel.privacy"] = "lua/gavel/privacy.lua",
      ["gavel.render"] = "lua/gavel/render.lua",
      ["gavel.timeline"] = "lua/gavel/timeline.lua",
      ["gavel.util"] = "lua/gavel/util.lua",
    },
    lib = {
      ["gavel.core"] = "lua/gavel/core.so",
    },
  },
}
