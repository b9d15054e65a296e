-- Headless Neovim client test: the editors/nvim plugin starts `byline serve` ($BYLINE) for a
-- Markdown article, the unbalanced-quote diagnostic arrives where it should, :BylineLint fills the
-- quickfix list, :BylineRestart brings a new server up, closing the quote clears the diagnostic,
-- and the server shuts down cleanly. Runs on Neovim 0.7.2 and later:
--
--   BYLINE=build/server/byline nvim --headless -u NONE -i NONE -n \
--     --cmd 'set rtp+=editors/nvim' -c 'luafile tests/clients/nvim/test_diagnostics.lua'
--
-- Exits 0 only when every check passed; each failure is printed. A global timer fails the test
-- rather than letting it hang.
local h = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') .. '/harness.lua')
local check, eq, WAIT_MS = h.check, h.eq, h.WAIT_MS
local out = h.out

-- ---------------------------------------------------------------- the fixture
-- A short news story. Line 8 (0-based) opens a quotation with “ that never closes. Before the
-- mark there are two-byte characters (é, ë) and one outside the BMP (𝕏, a UTF-16 surrogate
-- pair), so the column differs in every encoding: 76 bytes, 72 UTF-16 units, 71 code points.
local ARTICLE = {
  '# Island ferry to sail again after storm repairs',
  '',
  '*By Ana Pereira, transport correspondent*',
  '',
  'The island ferry will return to service on Friday, three weeks after a storm tore a gangway from the pier at Port Carrow, the harbour board said on Tuesday.',
  '',
  'The board said engineers had worked through two weekends to rebuild the gangway.',
  '',
  'Café owner Zoë Brennan, who shared the news on 𝕏 late on Monday, said: “We have waited three weeks for this, and the whole street is relieved.',
  '',
  'Tickets bought for cancelled crossings will be honoured until the end of the month.',
}
local QUOTE_LNUM = 8 -- 0-based line of the unbalanced “
local QUOTE_COL = 76 -- 0-based byte column of the “ (what vim.diagnostic reports)

local function run()
  local byline = os.getenv('BYLINE')
  if not check(byline and vim.fn.executable(byline) == 1, '$BYLINE is an executable', tostring(byline)) then
    return
  end

  local tmp = h.tempdir()
  vim.fn.mkdir(tmp .. '/desk/news', 'p')
  vim.fn.writefile({ '{}' }, tmp .. '/desk/.byline.json')
  local path = tmp .. '/desk/news/ferry.md'
  vim.fn.writefile(ARTICLE, path)
  check(ARTICLE[QUOTE_LNUM + 1]:find('“', 1, true) == QUOTE_COL + 1, 'fixture: the “ is at the expected byte')

  -- Count publishDiagnostics per client, so a wait can tell a fresh publication from an old one.
  local publishes = {}
  local exits = {}
  vim.cmd('filetype on')
  vim.o.hidden = true -- keep the article loaded (and attached) while other files are shown
  require('byline').setup({
    cmd = { byline, 'serve' },
    settings = { debounceMs = 10 },
    filetypes = { 'text', 'markdown' },
    flags = { debounce_text_changes = 20 },
    open_quickfix = false,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        publishes[ctx.client_id] = (publishes[ctx.client_id] or 0) + 1
        return vim.lsp.handlers['textDocument/publishDiagnostics'](e, result, ctx, config)
      end,
    },
    on_exit = function(code, signal, client_id) exits[client_id] = { code = code, signal = signal } end,
  })

  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  eq(vim.bo[bufnr].filetype, 'markdown', 'the article is a markdown buffer')

  -- 1. The client starts, for the folder with .byline.json.
  local client
  vim.wait(WAIT_MS, function()
    client = h.byline_clients(bufnr)[1]
    return client ~= nil
  end, 20)
  if not check(client ~= nil, 'a byline client attaches to the buffer') then return end
  local first_id = client.id
  eq(client.config.root_dir, tmp .. '/desk', 'root_dir is the nearest folder with .byline.json')

  -- 2. The diagnostic arrives, where it should.
  local got = vim.wait(WAIT_MS, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  check(got, 'diagnostics arrive within ' .. WAIT_MS .. ' ms')
  local diags = vim.diagnostic.get(bufnr)
  if eq(#diags, 1, 'exactly one diagnostic') then
    local d = diags[1]
    out(('# negotiated position encoding: %s'):format(tostring(client.offset_encoding)))
    eq(d.source, 'byline', 'diagnostic source')
    eq(h.diag_code(d), 'unbalanced-quote', 'diagnostic code')
    eq(d.lnum, QUOTE_LNUM, 'diagnostic line (0-based)')
    eq(d.col, QUOTE_COL, 'diagnostic column (0-based byte)')
    eq(d.end_lnum, QUOTE_LNUM, 'diagnostic end line')
    eq(d.end_col, QUOTE_COL + #'“', 'diagnostic end column (just past the “)')
    eq(d.severity, vim.diagnostic.severity.WARN, 'diagnostic severity is WARN')
  end

  -- 3. Another file under the same root shares the client; a file elsewhere gets its own.
  local function open(p)
    vim.cmd('edit ' .. vim.fn.fnameescape(p))
    local b, c = vim.api.nvim_get_current_buf(), nil
    vim.wait(WAIT_MS, function()
      c = h.byline_clients(b)[1]
      return c ~= nil
    end, 20)
    return b, c
  end
  local BRIEF = {
    'Council approves harbour budget',
    '',
    'The council approved the harbour budget on Wednesday, its clerk said. “It is money well spent,” its leader said.',
  }
  vim.fn.writefile(BRIEF, tmp .. '/desk/news/brief.txt')
  vim.fn.mkdir(tmp .. '/elsewhere', 'p')
  vim.fn.writefile(BRIEF, tmp .. '/elsewhere/brief.txt')
  local b2, c2 = open(tmp .. '/desk/news/brief.txt')
  eq(vim.bo[b2].filetype, 'text', 'a .txt file is a text buffer')
  eq(c2 and c2.id, first_id, 'a second file under the same root reuses the client')
  local b3, c3 = open(tmp .. '/elsewhere/brief.txt')
  check(c3 and c3.id ~= first_id, 'a file under another root gets its own client')
  eq(c3 and c3.config.root_dir, tmp .. '/elsewhere', 'with no marker, the root is the file\'s folder')
  local published = vim.wait(WAIT_MS, function()
    return c3 ~= nil and (publishes[c3.id] or 0) >= 1 and (publishes[first_id] or 0) >= 2
  end, 20)
  check(published, 'the server publishes (empty) diagnostics for each brief')
  eq(#vim.diagnostic.get(b2) + #vim.diagnostic.get(b3), 0, 'the balanced briefs have no diagnostics')
  vim.cmd('buffer ' .. bufnr)

  -- 4. :BylineLint puts the same finding in the quickfix list.
  vim.fn.setqflist({}, ' ', { title = 'before' })
  vim.cmd('BylineLint')
  local linted = vim.wait(WAIT_MS, function()
    return vim.fn.getqflist({ title = 0 }).title:find('^byline lint') ~= nil
  end, 20)
  if check(linted, ':BylineLint sets the quickfix list') then
    local qf = vim.fn.getqflist()
    if eq(#qf, 1, 'the quickfix list has one entry') then
      eq(qf[1].bufnr, bufnr, 'quickfix entry: buffer')
      eq(qf[1].lnum, QUOTE_LNUM + 1, 'quickfix entry: line (1-based)')
      eq(qf[1].col, QUOTE_COL + 1, 'quickfix entry: column (1-based byte)')
      eq(qf[1].type, 'W', 'quickfix entry: type')
      check(qf[1].text:find('[unbalanced-quote]', 1, true) ~= nil, 'quickfix entry: names the rule', qf[1].text)
    end
  end

  -- 5. :BylineRestart: the first server exits cleanly, a new one serves the buffer.
  vim.cmd('BylineRestart')
  local restarted = vim.wait(WAIT_MS, function()
    local c = h.byline_clients(bufnr)[1]
    if c and c.id ~= first_id and (publishes[c.id] or 0) > 0 and exits[first_id] then
      client = c
      return true
    end
    return false
  end, 20)
  if not check(restarted, ':BylineRestart starts a new client that publishes') then return end
  eq(exits[first_id].code, 0, 'the first server exits with status 0')
  eq(#vim.diagnostic.get(bufnr), 1, 'after the restart there is still exactly one diagnostic')

  -- 6. Closing the quote clears the diagnostic.
  local before = publishes[client.id] or 0
  local line = vim.api.nvim_buf_get_lines(bufnr, QUOTE_LNUM, QUOTE_LNUM + 1, true)[1]
  vim.api.nvim_buf_set_text(bufnr, QUOTE_LNUM, #line, QUOTE_LNUM, #line, { '”' })
  local cleared = vim.wait(WAIT_MS, function()
    return (publishes[client.id] or 0) > before and #vim.diagnostic.get(bufnr) == 0
  end, 20)
  check(cleared, 'closing the quote clears the diagnostic',
        ('%d diagnostic(s), %d new publication(s)'):format(#vim.diagnostic.get(bufnr), (publishes[client.id] or 0) - before))

  -- 7. The servers shut down cleanly.
  local ids = {}
  for _, c in ipairs(require('byline').clients()) do table.insert(ids, c.id) end
  eq(#ids, 2, 'two byline clients run (one per root)')
  vim.lsp.stop_client(ids)
  local stopped = vim.wait(WAIT_MS, function()
    for _, id in ipairs(ids) do
      if not exits[id] or vim.lsp.get_client_by_id(id) then return false end
    end
    return true
  end, 20)
  if check(stopped, 'the clients stop') then
    for _, id in ipairs(ids) do
      eq(exits[id].code, 0, ('server %d exits with status 0 after shutdown/exit'):format(id))
    end
  end
  h.check_no_warnings()
end

h.run(run)
