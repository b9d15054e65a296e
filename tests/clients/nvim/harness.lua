-- harness.lua: what the headless Neovim client tests share: the ok/FAIL reporting, a watchdog that
-- fails a test rather than letting it hang, the client's log on failure, notifications captured
-- (a warning or an error shown to the user is a failure), and small LSP helpers that work on
-- Neovim 0.7.2 and later. A test loads it with
--
--   local h = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') .. '/harness.lua')
--
-- and ends with h.run(function(t) ... end): run calls the function (a Lua error is a failure),
-- prints the totals and quits Neovim with status 0 only when every check passed.
local uv = vim.uv or vim.loop

local M = {
  TOTAL_TIMEOUT_MS = 45000,
  WAIT_MS = 10000,
  passed = 0,
  failed = 0,
  tmp = nil, -- the test's temporary folder (set with h.tempdir()); its lsp.log is shown on failure
  warnings = {}, -- notifications at WARN or above
}

function M.out(s) io.stdout:write(s .. '\n') io.stdout:flush() end
function M.err(s) io.stderr:write(s .. '\n') io.stderr:flush() end

function M.check(cond, what, detail)
  if cond then
    M.passed = M.passed + 1
    M.out('ok - ' .. what)
  else
    M.failed = M.failed + 1
    M.err('FAIL - ' .. what .. (detail and (': ' .. detail) or ''))
  end
  return cond
end

function M.eq(got, want, what)
  return M.check(got == want, what, ('got %s, want %s'):format(vim.inspect(got), vim.inspect(want)))
end

-- A fresh temporary folder; the client's log (lsp.log) is kept inside it, out of the user's folders.
function M.tempdir()
  M.tmp = vim.fn.tempname()
  vim.fn.mkdir(M.tmp, 'p')
  vim.env.XDG_CACHE_HOME = M.tmp .. '/xdg/cache'
  vim.env.XDG_STATE_HOME = M.tmp .. '/xdg/state'
  return M.tmp
end

-- The byline clients attached to a buffer.
function M.byline_clients(bufnr)
  local list = {}
  if vim.lsp.get_clients then
    list = vim.lsp.get_clients({ bufnr = bufnr, name = 'byline' })
  else
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.name == 'byline' then table.insert(list, c) end
    end
  end
  return list
end

-- Neovim 0.7 puts the LSP code in d.code and (deprecated) in d.user_data.lsp.code.
function M.diag_code(d)
  if d.code ~= nil then return d.code end
  return d.user_data and d.user_data.lsp and d.user_data.lsp.code
end

-- Notifications (the plugin's, and Neovim's own, e.g. "Client 1 quit with exit code 1") are shown
-- as test comments; a warning or an error is kept for the test to fail on.
vim.notify = function(msg, level)
  M.out('# notify: ' .. tostring(msg))
  if level and level >= vim.log.levels.WARN then table.insert(M.warnings, tostring(msg)) end
end

function M.check_no_warnings()
  vim.wait(100) -- let a scheduled exit warning (if any) be shown
  M.check(#M.warnings == 0, 'no warnings or errors were shown', table.concat(M.warnings, ' | '))
end

local function finish()
  if M.failed > 0 and M.tmp then
    -- The client's own log helps when something went wrong between nvim and the server.
    for _, log in ipairs(vim.fn.glob(M.tmp .. '/xdg/**/lsp.log', true, true)) do
      local lines = vim.fn.readfile(log)
      if #lines > 0 then M.err('--- ' .. log .. ' (last lines)') end
      for i = math.max(1, #lines - 30), #lines do M.err(lines[i]) end
    end
  end
  M.out(('%d passed, %d failed'):format(M.passed, M.failed))
  if M.failed == 0 then
    vim.cmd('qall!')
  else
    vim.cmd('cquit 1')
  end
end

function M.run(body)
  -- The global timeout: fail through the editor if its loop still runs, and hard-exit if not.
  local watchdog = uv.new_timer()
  watchdog:start(M.TOTAL_TIMEOUT_MS, 0, function()
    M.err(('FAIL - the test did not finish within %d ms'):format(M.TOTAL_TIMEOUT_MS))
    vim.schedule(function() vim.cmd('cquit 2') end)
    local hard = uv.new_timer()
    hard:start(3000, 0, function() os.exit(3) end)
  end)
  local ok, e = xpcall(body, debug.traceback)
  if not ok then M.check(false, 'the test script ran without a Lua error', e) end
  finish()
end

return M
