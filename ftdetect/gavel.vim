" gavel: *.case.md files are case notes (Markdown read by gavel).
autocmd BufNewFile,BufRead *.case.md setlocal filetype=gavel
