-- byline for Neovim: starts `byline serve` for text and Markdown buffers through the built-in LSP
-- client, and adds :BylineRestart and :BylineLint. Works on Neovim 0.7 and later: on 0.8+ it uses
-- vim.lsp.start(); on 0.7 it uses vim.lsp.start_client() + vim.lsp.buf_attach_client() and keeps
-- one client per root folder itself.
local M = {}

local api = vim.api
local uv = vim.uv or vim.loop

local NAME = 'byline'

local defaults = {
  -- The server command. A list: the program and its arguments.
  cmd = { 'byline', 'serve' },
  -- The command :BylineLint runs, without the file; nil means { cmd[1], 'lint' }.
  lint_cmd = nil,
  -- Server settings, sent as initializationOptions (e.g. { debounceMs = 100 }) and, under the
  -- key `byline`, as workspace settings.
  settings = {},
  filetypes = { 'text', 'markdown' },
  -- The root folder is the nearest folder upwards holding one of these, else the file's folder.
  root_markers = { '.byline.json', '.git' },
  -- Start the server when a buffer of one of the filetypes is opened.
  autostart = true,
  -- Open the quickfix window after :BylineLint when it found something.
  open_quickfix = true,
  -- Passed through to the LSP client (see :help vim.lsp.start_client()).
  on_attach = nil,
  on_exit = nil,
  capabilities = nil,
  handlers = nil,
  flags = nil,
}

M.options = vim.deepcopy(defaults)

-- root folder -> client id; only used on Neovim 0.7, where vim.lsp.start() does not exist.
local by_root = {}

local function notify(msg, level)
  vim.notify('byline: ' .. msg, level or vim.log.levels.INFO)
end

local function get_all_clients()
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  return get()
end

-- Whether a client is stopped or stopping. `is_stopped` is a closure on 0.7-0.10 and a method
-- on 0.11+; called with the client as its argument it works as both.
local function is_stopped(client)
  if not client then return true end
  if type(client.is_stopped) == 'function' then
    local ok, stopped = pcall(client.is_stopped, client)
    if ok then return stopped and true or false end
  end
  return false
end

local function client_root(client)
  return client.root_dir or (client.config and client.config.root_dir)
end

--- The byline clients that are running (initialised or not).
function M.clients()
  local seen, list = {}, {}
  for _, client in ipairs(get_all_clients()) do
    if client.name == NAME then
      seen[client.id] = true
      table.insert(list, client)
    end
  end
  for _, id in pairs(by_root) do
    local client = vim.lsp.get_client_by_id(id)
    if client and not seen[id] then
      seen[id] = true
      table.insert(list, client)
    end
  end
  return list
end

--- The root folder for a file: the nearest folder upwards with one of `root_markers` in it, else
--- the file's own folder.
function M.find_root(path)
  path = vim.fn.fnamemodify(path, ':p')
  local dir = path
  if vim.fn.isdirectory(path) == 0 then dir = vim.fn.fnamemodify(path, ':h') end
  if #dir > 1 then dir = dir:gsub('[/\\]+$', '') end
  local cur = dir
  while cur and cur ~= '' do
    for _, marker in ipairs(M.options.root_markers) do
      if uv.fs_stat(cur .. '/' .. marker) then return cur end
    end
    local parent = vim.fn.fnamemodify(cur, ':h')
    if parent == cur then break end
    cur = parent
  end
  return dir
end

local function client_config(root)
  local o = M.options
  local settings = o.settings or {}
  local has_settings = next(settings) ~= nil
  return {
    name = NAME,
    cmd = o.cmd,
    root_dir = root,
    init_options = has_settings and settings or vim.empty_dict(),
    settings = has_settings and { byline = settings } or vim.empty_dict(),
    capabilities = o.capabilities,
    handlers = o.handlers,
    flags = o.flags,
    on_attach = o.on_attach,
    on_exit = function(code, signal, client_id)
      if by_root[root] == client_id then by_root[root] = nil end
      if o.on_exit then o.on_exit(code, signal, client_id) end
    end,
  }
end

local function reuse_client(client, config)
  return client.name == config.name and client_root(client) == config.root_dir and not is_stopped(client)
end

local function resolve_buf(bufnr)
  if bufnr == nil or bufnr == 0 then return api.nvim_get_current_buf() end
  return bufnr
end

-- The path of a buffer that holds a file on disk, or nil (unnamed, special or a URI like fugitive://).
local function buf_file(bufnr)
  if vim.bo[bufnr].buftype ~= '' then return nil end
  local name = api.nvim_buf_get_name(bufnr)
  if name == '' or name:match('^%a[%w+.-]*://') then return nil end
  return vim.fn.fnamemodify(name, ':p')
end

local warned_missing = false

--- Starts byline for a buffer (or reuses the client of its root folder) and attaches it.
--- Returns the client id, or nil when the buffer is not a file or the server cannot start.
function M.attach(bufnr)
  bufnr = resolve_buf(bufnr)
  if not api.nvim_buf_is_loaded(bufnr) then return nil end
  local file = buf_file(bufnr)
  if not file then return nil end
  local cmd = M.options.cmd
  if type(cmd) ~= 'table' or not cmd[1] or vim.fn.executable(cmd[1]) == 0 then
    if not warned_missing then
      warned_missing = true
      notify(('cannot run the server %s: set cmd in require("byline").setup()'):format(vim.inspect(cmd)),
             vim.log.levels.ERROR)
    end
    return nil
  end
  local config = client_config(M.find_root(file))

  if vim.lsp.start then
    -- 0.8.0 attaches vim.lsp.start() to the current buffer whatever opts.bufnr says.
    return api.nvim_buf_call(bufnr, function()
      return vim.lsp.start(config, { bufnr = bufnr, reuse_client = reuse_client })
    end)
  end

  -- Neovim 0.7: one client per root folder, kept here.
  local id = by_root[config.root_dir]
  if id and is_stopped(vim.lsp.get_client_by_id(id)) then id = nil end
  if not id then
    id = vim.lsp.start_client(config)
    if not id then return nil end
    by_root[config.root_dir] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

-- Calls fn once every client in ids has exited; after timeout_ms it stops the rest forcibly.
local function after_exit(ids, deadline, fn)
  local alive = {}
  for _, id in ipairs(ids) do
    if vim.lsp.get_client_by_id(id) then table.insert(alive, id) end
  end
  if #alive == 0 then return fn() end
  if uv.now() >= deadline then
    vim.lsp.stop_client(alive, true)
    return fn()
  end
  vim.defer_fn(function() after_exit(ids, deadline, fn) end, 50)
end

--- Stops every byline client and starts them again for the buffers they served (and any other
--- loaded buffer of the configured filetypes).
function M.restart()
  local ids, buffers = {}, {}
  for _, client in ipairs(M.clients()) do
    table.insert(ids, client.id)
    for b in pairs(client.attached_buffers or {}) do buffers[b] = true end
  end
  for _, b in ipairs(api.nvim_list_bufs()) do
    if api.nvim_buf_is_loaded(b) and vim.tbl_contains(M.options.filetypes, vim.bo[b].filetype) then
      buffers[b] = true
    end
  end
  by_root = {}
  warned_missing = false
  if #ids > 0 then vim.lsp.stop_client(ids) end
  after_exit(ids, uv.now() + 3000, function()
    local n = 0
    for b in pairs(buffers) do
      if api.nvim_buf_is_valid(b) and api.nvim_buf_is_loaded(b) and M.attach(b) then n = n + 1 end
    end
    notify(('restarted (%d buffer%s)'):format(n, n == 1 and '' or 's'))
  end)
end

-- 0-based code point index in a UTF-8 line -> 0-based byte index.
local function byte_index(line, cp)
  local i, seen = 1, 0
  while seen < cp and i <= #line do
    i = i + 1
    local b = line:byte(i)
    while b and b >= 0x80 and b < 0xC0 do
      i = i + 1
      b = line:byte(i)
    end
    seen = seen + 1
  end
  return i - 1
end

local qf_types = { error = 'E', warning = 'W', information = 'I', hint = 'N' }
local json_decode = (vim.json and vim.json.decode) or vim.fn.json_decode

--- Runs `byline lint` on the file of a buffer (as saved on disk) and puts the findings in the
--- quickfix list. on_done(items, exit_code), when given, is called afterwards.
function M.lint(bufnr, on_done)
  bufnr = resolve_buf(bufnr)
  local file = buf_file(bufnr)
  if not file then
    notify('the buffer is not a file', vim.log.levels.WARN)
    return nil
  end
  if vim.bo[bufnr].modified then
    notify('linting the file as saved; write the buffer to include your changes', vim.log.levels.WARN)
  end
  local cmd = M.options.lint_cmd and vim.deepcopy(M.options.lint_cmd) or { M.options.cmd[1], 'lint' }
  vim.list_extend(cmd, { '--format', 'json', file })
  local title = 'byline lint ' .. vim.fn.fnamemodify(file, ':~:.')
  local stdout, stderr = {}, {}
  local function collect(into)
    return function(_, data)
      for _, l in ipairs(data or {}) do
        if l ~= '' then table.insert(into, l) end
      end
    end
  end
  local ok, job = pcall(vim.fn.jobstart, cmd, {
    cwd = M.find_root(file),
    stdout_buffered = true,
    stderr_buffered = true,
    on_stdout = collect(stdout),
    on_stderr = collect(stderr),
    on_exit = function(_, code)
      local lines_of = {}
      local items = {}
      for _, l in ipairs(stdout) do
        local okj, f = pcall(json_decode, l)
        if okj and type(f) == 'table' and f.file then
          local lines = lines_of[f.file]
          if not lines then
            lines = vim.fn.filereadable(f.file) == 1 and vim.fn.readfile(f.file) or {}
            lines_of[f.file] = lines
          end
          local item = {
            filename = f.file,
            lnum = f.line,
            col = byte_index(lines[f.line] or '', (f.column or 1) - 1) + 1,
            type = qf_types[f.severity] or 'W',
            text = ('%s [%s]'):format(f.message or '', f.rule or ''),
          }
          if f.endLine then
            item.end_lnum = f.endLine
            item.end_col = byte_index(lines[f.endLine] or '', (f.endColumn or 1) - 1) + 1
          end
          table.insert(items, item)
        end
      end
      vim.fn.setqflist({}, ' ', { title = title, items = items })
      if code >= 2 then
        notify(('lint failed (exit %d): %s'):format(code, table.concat(stderr, '\n')), vim.log.levels.ERROR)
      else
        notify(('%d finding%s in %s'):format(#items, #items == 1 and '' or 's', vim.fn.fnamemodify(file, ':t')))
      end
      if M.options.open_quickfix and #items > 0 then
        local win = api.nvim_get_current_win()
        vim.cmd('botright cwindow')
        if api.nvim_win_is_valid(win) then api.nvim_set_current_win(win) end
      end
      if on_done then on_done(items, code) end
    end,
  })
  if not ok or job <= 0 then
    notify(('cannot run %s'):format(vim.inspect(cmd)), vim.log.levels.ERROR)
    return nil
  end
  return job
end

--- setup({cmd = {...}, settings = {...}, filetypes = {...}, ...}); see `defaults` above.
function M.setup(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  -- Lists are replaced, not merged.
  for _, key in ipairs({ 'cmd', 'lint_cmd', 'filetypes', 'root_markers' }) do
    if opts and opts[key] then M.options[key] = opts[key] end
  end
  warned_missing = false

  local group = api.nvim_create_augroup('byline', { clear = true })
  if M.options.autostart then
    api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = M.options.filetypes,
      desc = 'byline: start the language server',
      callback = function(args) M.attach(args.buf) end,
    })
    -- Buffers that were open before setup() ran.
    for _, b in ipairs(api.nvim_list_bufs()) do
      if api.nvim_buf_is_loaded(b) and vim.tbl_contains(M.options.filetypes, vim.bo[b].filetype) then
        M.attach(b)
      end
    end
  end

  api.nvim_create_user_command('BylineRestart', function() M.restart() end,
                               { desc = 'byline: restart the language server' })
  api.nvim_create_user_command('BylineLint', function() M.lint(0) end,
                               { desc = 'byline: lint the current file into the quickfix list' })
end

return M
