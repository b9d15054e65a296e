-- Headless Neovim client test of the corpus: the editors/nvim plugin starts `byline serve`
-- ($BYLINE) on a temporary copy of tests/corpus; the workspace is indexed (with progress, which
-- Neovim's client records), 04's misquotes arrive as diagnostics, and go-to-definition jumps from
-- an article to its source in the corpus: from a "Further Reading" line of 06 to 01, and from
-- "told the Ledger" in 04 to the Ledger's article 01. Runs on Neovim 0.7.2 and later:
--
--   BYLINE=build/server/byline nvim --headless -u NONE -i NONE -n \
--     --cmd 'set rtp+=editors/nvim' -c 'luafile tests/clients/nvim/test_corpus.lua'
--
-- Exits 0 only when every check passed; each failure is printed. A global timer fails the test
-- rather than letting it hang.
local h = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') .. '/harness.lua')
local check, eq, WAIT_MS = h.check, h.eq, h.WAIT_MS
local out = h.out

-- The 1-based line of the first line of `path` that contains `needle` (plain text).
local function line_of(path, needle)
  for i, l in ipairs(vim.fn.readfile(path)) do
    if l:find(needle, 1, true) then return i end
  end
  return nil
end

-- Puts the cursor on `needle` (+ `offset` bytes) in the current buffer.
local function cursor_on(needle, offset)
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, true)
  for i, l in ipairs(lines) do
    local col = l:find(needle, 1, true)
    if col then
      vim.api.nvim_win_set_cursor(0, { i, col - 1 + (offset or 0) })
      return i
    end
  end
  return nil
end

local function here()
  return vim.fn.fnamemodify(vim.api.nvim_buf_get_name(0), ':t'), vim.api.nvim_win_get_cursor(0)[1]
end

-- vim.lsp.buf.definition() from the cursor; waits until the editor jumped to another file.
-- Returns the file name and line the cursor is on afterwards.
local function jump_with_buf_definition(from_file)
  vim.lsp.buf.definition()
  vim.wait(WAIT_MS, function()
    local name = here()
    return name ~= from_file
  end, 20)
  vim.wait(50)
  return here()
end

-- A direct textDocument/definition request through the client, then the editor's own jump.
local function jump_with_request(client)
  local params = vim.lsp.util.make_position_params()
  local resp = client.request_sync('textDocument/definition', params, WAIT_MS, vim.api.nvim_get_current_buf())
  if not resp or resp.err then return nil, nil, vim.inspect(resp) end
  local result = resp.result
  if result == nil or result == vim.NIL then return nil, nil, 'null result' end
  if vim.tbl_islist(result) then result = result[1] end
  vim.lsp.util.jump_to_location(result, client.offset_encoding)
  local name, line = here()
  return name, line
end

local function run()
  local byline = os.getenv('BYLINE')
  if not check(byline and vim.fn.executable(byline) == 1, '$BYLINE is an executable', tostring(byline)) then
    return
  end
  local source_root = os.getenv('BYLINE_SOURCE_ROOT') or vim.fn.getcwd()
  local corpus = source_root .. '/tests/corpus'
  if not check(vim.fn.isdirectory(corpus) == 1, 'tests/corpus is found', corpus) then return end

  local tmp = h.tempdir()
  local root = tmp .. '/newsroom'
  vim.fn.mkdir(root, 'p')
  for _, f in ipairs(vim.fn.readdir(corpus)) do
    vim.fn.writefile(vim.fn.readfile(corpus .. '/' .. f, 'b'), root .. '/' .. f, 'b')
  end
  vim.fn.writefile({ '{}' }, root .. '/.byline.json')
  local A01 = '01-ledger-cwa-desalination-investigation.txt'
  local A04 = '04-meridian-misquote.txt'
  local A06 = '06-northgate-explainer-further-reading.txt'
  local start_01 = line_of(root .. '/' .. A01, 'The Coastal Water Authority’s desalination plant in Port Ardent')
  local q1_01 = line_of(root .. '/' .. A01, '“We found invoices paid twice')
  eq(start_01, 9, 'fixture: 01 starts on line 9')

  vim.cmd('filetype on')
  vim.o.hidden = true
  require('byline').setup({
    cmd = { byline, 'serve' },
    settings = { debounceMs = 10 },
    filetypes = { 'text', 'markdown' },
    flags = { debounce_text_changes = 20 },
    open_quickfix = false,
  })

  -- 1. Open 04; the client attaches with the corpus folder as its root.
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. A04))
  local b04 = vim.api.nvim_get_current_buf()
  local client
  vim.wait(WAIT_MS, function()
    client = h.byline_clients(b04)[1]
    return client ~= nil
  end, 20)
  if not check(client ~= nil, 'a byline client attaches to 04') then return end
  eq(client.config.root_dir, root, 'root_dir is the corpus folder')

  -- 2. Once the folder is indexed, 04's two misquotes are among its diagnostics.
  local function misquotes()
    local lines = {}
    for _, d in ipairs(vim.diagnostic.get(b04)) do
      if h.diag_code(d) == 'misquote' then table.insert(lines, d.lnum) end
    end
    table.sort(lines)
    return lines
  end
  local indexed = vim.wait(WAIT_MS, function() return #misquotes() == 2 end, 20)
  check(indexed, 'the misquotes arrive once the corpus is indexed', vim.inspect(misquotes()))
  eq(table.concat(misquotes(), ','), '14,22', 'misquote lines (0-based)')
  local progress = client.messages and client.messages.progress and client.messages.progress['byline/indexing']
  if progress ~= nil then
    check(progress.done == true, 'the client saw indexing progress end', vim.inspect(progress))
  else
    out('# this Neovim keeps no client.messages.progress; progress not checked here')
  end

  -- 3. From a Further Reading line of 06 to the article it names (01), with vim.lsp.buf.definition().
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. A06))
  vim.wait(WAIT_MS, function() return h.byline_clients(0)[1] ~= nil end, 20)
  local fr = cursor_on('Coastal Water Authority’s Desalination Plant Runs', 4)
  eq(fr, 37, 'cursor on 06\'s first Further Reading line')
  local name, line = jump_with_buf_definition(A06)
  eq(name, A01, 'vim.lsp.buf.definition() from a Further Reading line opens 01')
  eq(line, start_01, 'and puts the cursor on its first line after the front matter')

  -- 4. From "told the Ledger" in 04 (line 15) to the Ledger's article, 01.
  vim.cmd('buffer ' .. b04)
  local told = cursor_on('Tull told the Ledger.', #'Tull told the L')
  eq(told, 15, 'cursor on "told the Ledger" in 04')
  name, line = jump_with_request(client)
  local ok_file = eq(name, A01, 'textDocument/definition from "told the Ledger" (04:15) jumps to 01')
  if ok_file then
    check(line == start_01 or line == q1_01, 'on 01\'s start or the passage of Q1', ('line %s'):format(line))
  else
    out(('# it went to %s line %s'):format(tostring(name), tostring(line)))
  end
  vim.cmd('buffer ' .. b04)
  cursor_on('Tull told the Ledger.', #'Tull told the L')
  name = jump_with_buf_definition(A04)
  eq(name, A01, 'vim.lsp.buf.definition() from "told the Ledger" opens 01')

  -- 4b. Hover and semantic tokens on an entity, through the client (0.7 has no semantic-token
  -- support of its own, so the request is sent directly and its data decoded here).
  do
    local client = require('byline').clients()[1]
    local row = cursor_on('Authority (CWA)') -- a body line (the title in the front matter names it too)
    check(row ~= nil, 'an article line names the Coastal Water Authority')
    local resp = client.request_sync('textDocument/hover', vim.lsp.util.make_position_params(), WAIT_MS, 0)
    local value = resp and resp.result and resp.result ~= vim.NIL and resp.result.contents.value or ''
    check(value:find('**organization**', 1, true) ~= nil, 'hover says what the entity is', vim.inspect(resp))
    check(value:find('Coastal Water Authority', 1, true) ~= nil, 'hover gives its canonical name', value)
    check(value:find('articles of the corpus', 1, true) ~= nil, 'hover counts the corpus articles naming it', value)
    local legend = client.server_capabilities.semanticTokensProvider.legend.tokenTypes
    local st = client.request_sync('textDocument/semanticTokens/full',
      { textDocument = vim.lsp.util.make_text_document_params() }, WAIT_MS, 0)
    local data = st and st.result and st.result.data or {}
    local found = false
    local line, col = 0, 0
    for i = 1, #data, 5 do -- decode (deltaLine, deltaStart, length, type, modifiers)
      line = line + data[i]
      col = (data[i] == 0) and (col + data[i + 1]) or data[i + 1]
      if line == row - 1 and legend[data[i + 3] + 1] == 'organization' then found = true end
    end
    check(#data > 0 and #data % 5 == 0, 'semantic tokens come in fives', #data)
    check(found, 'the organization on that line is an "organization" token')
  end

  -- 5. The server shuts down cleanly.
  local ids = {}
  for _, c in ipairs(require('byline').clients()) do table.insert(ids, c.id) end
  eq(#ids, 1, 'one byline client for the folder')
  vim.lsp.stop_client(ids)
  local stopped = vim.wait(WAIT_MS, function()
    for _, id in ipairs(ids) do
      if vim.lsp.get_client_by_id(id) then return false end
    end
    return true
  end, 20)
  check(stopped, 'the client stops')
  h.check_no_warnings()
end

h.run(run)
