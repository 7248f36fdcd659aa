-- Drives Neovim's built-in LSP client against `iterguard --lsp` for the lit
-- test nvim.test, headless and without any user configuration:
--
--   nvim --headless --clean -u nvim_init.lua \
--     --cmd "let g:iterguard_server = '<iterguard>'" \
--     --cmd "let g:iterguard_output = '<file>'" <source>
--
-- It waits for the diagnostics of <source>, applies the quick fix of the
-- first one through the client (which sends the edit back as didChange),
-- waits for the diagnostics to clear, stops the server, writes what it saw
-- to <file> and quits. Neovim 0.7 (Debian bookworm) has no vim.lsp.start, so
-- the client is started and attached in two steps.

local TIMEOUT_MS = 30000
local lines = {}

local function say(fmt, ...)
  table.insert(lines, string.format(fmt, ...))
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local file = vim.api.nvim_buf_get_name(buf)
  local exit_code = nil
  local client_id = vim.lsp.start_client({
    name = 'iterguard',
    cmd = { vim.g.iterguard_server, '--lsp' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    on_exit = function(code) exit_code = code end,
  })
  if not client_id then
    say('error: the client did not start')
    return
  end
  vim.lsp.buf_attach_client(buf, client_id)

  if not vim.wait(TIMEOUT_MS, function()
        return #vim.diagnostic.get(buf) > 0
      end, 50) then
    say('error: no diagnostics within %d ms', TIMEOUT_MS)
    return
  end
  local first
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    -- Neovim 0.7 keeps the LSP code in user_data; later versions in code.
    local code = d.code or (d.user_data and d.user_data.lsp and
      d.user_data.lsp.code)
    say('diagnostic %d:%d-%d:%d severity=%s source=%s code=%s: %s',
      d.lnum, d.col, d.end_lnum, d.end_col,
      vim.diagnostic.severity[d.severity], d.source, code, d.message)
    first = first or d
  end

  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = {
      start = { line = first.lnum, character = 0 },
      ['end'] = { line = first.lnum + 1, character = 0 },
    },
    context = { diagnostics = {} },
  }
  local replies = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction',
    params, TIMEOUT_MS) or {}
  local reply = replies[client_id] or {}
  local actions = reply.result or {}
  say('code actions: %d', #actions)
  if #actions == 0 then
    return
  end
  say('action: %s [%s]', actions[1].title, actions[1].kind)
  vim.lsp.util.apply_workspace_edit(actions[1].edit, 'utf-16')
  say('line %d after the fix: %s', first.lnum - 1,
    vim.api.nvim_buf_get_lines(buf, first.lnum - 1, first.lnum, true)[1])

  -- The edit reaches the server as an unsaved change.
  if not vim.wait(TIMEOUT_MS, function()
        return #vim.diagnostic.get(buf) == 0
      end, 50) then
    say('error: the diagnostics did not clear within %d ms', TIMEOUT_MS)
    return
  end
  say('diagnostics after the fix: 0')

  vim.lsp.stop_client(client_id)
  if not vim.wait(TIMEOUT_MS, function() return exit_code ~= nil end, 50) then
    say('error: the server did not exit within %d ms', TIMEOUT_MS)
    return
  end
  say('server exit code: %d', exit_code)
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = pcall(run)
    if not ok then
      say('error: %s', tostring(err))
    end
    vim.fn.writefile(lines, vim.g.iterguard_output)
    vim.cmd('qall!')
  end,
})
