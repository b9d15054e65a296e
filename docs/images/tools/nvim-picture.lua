-- nvim-picture.lua: the Neovim configuration make-pictures.sh starts Neovim with (-u): the
-- editors/nvim plugin as a user would set it up ($BYLINE_RTP on the runtime path, $BYLINE as the
-- server), K for hover, and a few colours so the terminal capture reads well.
vim.opt.runtimepath:append(vim.env.BYLINE_RTP)
vim.o.termguicolors = true
vim.o.wrap = true
vim.o.linebreak = true
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.o.laststatus = 2
vim.o.swapfile = false
vim.o.shortmess = vim.o.shortmess .. 'I'
vim.cmd('syntax on')
vim.cmd([[
  colorscheme desert
  highlight Normal guibg=NONE
  highlight SignColumn guibg=NONE
  highlight LineNr guifg=#6b7178 guibg=NONE
  highlight NormalFloat guifg=#e0e0e0 guibg=#2c3238
  highlight FloatBorder guifg=#8a949e guibg=#2c3238
  highlight QuickFixLine guibg=#333a40 gui=NONE
  highlight NonText guifg=#3a4046 guibg=NONE
  highlight EndOfBuffer guifg=#3a4046 guibg=NONE
]])
vim.diagnostic.config({
  virtual_text = { prefix = '●', format = function(d) return d.code end },
  underline = true, signs = true, severity_sort = true,
})
vim.lsp.handlers['textDocument/hover'] = vim.lsp.with(vim.lsp.handlers.hover, { border = 'rounded' })
require('byline').setup({
  cmd = { vim.env.BYLINE or 'byline', 'serve' },
  on_attach = function(_, bufnr)
    vim.keymap.set('n', 'K', vim.lsp.buf.hover, { buffer = bufnr })
  end,
})
