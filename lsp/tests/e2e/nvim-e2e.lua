-- Real-client end-to-end test: headless Neovim 0.11 runs faultline's language
-- server on a Go file with crash patterns, then
--   1. receives its diagnostics (NIL002 nil-map write, PANIC001 recover in a goroutine),
--   2. applies NIL002's quick fix through vim.lsp.buf.code_action,
--   3. applies "Suppress PANIC001 on this line" the same way,
--   4. edits the buffer (adds a new crash pattern) and sees the diagnostics update,
--   5. hovers a finding and gets the rule's docs.
-- Env: LSP_CMD (argv, space-separated), LSP_FILE, LSP_OUT (JSON report), LSP_MODE (auto|push).
local cmd = vim.split(os.getenv('LSP_CMD'), ' ', { trimempty = true })
local file = os.getenv('LSP_FILE')
local out = os.getenv('LSP_OUT')
local mode = os.getenv('LSP_MODE') or 'auto'
local report = { nvim = tostring(vim.version()), mode = mode, steps = {} }

local function finish(ok, err)
  report.ok = ok
  report.error = err
  local f = assert(io.open(out, 'w'))
  f:write(vim.json.encode(report))
  f:close()
  vim.cmd(ok and 'qa!' or 'cquit 1')
end

local function step(name, fn)
  local t0 = vim.uv.hrtime()
  local ok, err = pcall(fn)
  table.insert(report.steps, { name = name, ok = ok, ms = math.floor((vim.uv.hrtime() - t0) / 1e6), error = err and tostring(err) or nil })
  if not ok then finish(false, name .. ': ' .. tostring(err)) end
end

local function wait_for(what, pred, timeout)
  if not vim.wait(timeout or 15000, pred, 20) then error('timed out waiting for ' .. what) end
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'go'

local function diags(code)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == 'faultline' and (code == nil or d.code == code) then table.insert(found, d) end
  end
  return found
end

local function line(n) return vim.api.nvim_buf_get_lines(buf, n, n + 1, false)[1] end

-- Picks the one code action whose title matches and lets Neovim apply it.
local function apply_action(d, title_pattern)
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local before = vim.b[buf].changedtick
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(a) return a.title:match(title_pattern) ~= nil end,
  })
  wait_for('the code action "' .. title_pattern .. '" to edit the buffer', function() return vim.b[buf].changedtick ~= before end)
end

local client_id
step('start server', function()
  client_id = vim.lsp.start({
    name = 'faultline',
    cmd = cmd,
    root_dir = vim.fs.dirname(file),
    init_options = { debounceMs = 0, diagnosticMode = mode },
  }, { bufnr = buf })
  assert(client_id, 'vim.lsp.start returned nil')
end)

step('receive diagnostics', function()
  wait_for('NIL002 and PANIC001', function() return #diags('NIL002') == 1 and #diags('PANIC001') == 1 end)
  local nil002, panic001 = diags('NIL002')[1], diags('PANIC001')[1]
  assert(nil002.lnum == 5 and nil002.severity == vim.diagnostic.severity.ERROR, vim.inspect(nil002))
  assert(panic001.lnum == 12 and panic001.col == 2, vim.inspect(panic001))
  local client = vim.lsp.get_client_by_id(client_id)
  report.offset_encoding = client.offset_encoding
  report.pull = client.server_capabilities.diagnosticProvider ~= nil
  report.initial = vim.tbl_map(function(d) return { code = d.code, lnum = d.lnum, col = d.col, message = d.message } end, diags())
end)

step('apply NIL002 quick fix', function()
  apply_action(diags('NIL002')[1], '^Initiali[sz]e')
  report.fixed_line = line(3)
  assert(line(3):match('counts := map%[string%]int{}'), line(3))
  wait_for('NIL002 to go away', function() return #diags('NIL002') == 0 and #diags('PANIC001') == 1 end)
end)

step('suppress PANIC001 on this line', function()
  apply_action(diags('PANIC001')[1], '^Suppress PANIC001 on this line$')
  report.suppressed_line = line(12)
  assert(line(12) == '\t\trecover() //nolint:PANIC001', line(12))
  -- The goroutine's PANIC004 (info: no deferred recover) stays: only PANIC001 was suppressed.
  wait_for('PANIC001 to go away', function() return #diags('PANIC001') == 0 and #diags() == #diags('PANIC004') end)
end)

step('edit: a new crash pattern appears', function()
  local n = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, n, n, false, { '', 'func later() {', '\tgo func() { recover() }()', '}' })
  wait_for('PANIC001 on the new line', function()
    local d = diags('PANIC001')
    return #d == 1 and d[1].lnum == n + 2
  end)
end)

step('hover shows the rule docs', function()
  local d = diags('PANIC001')[1]
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = d.lnum, character = d.col + 1 },
  }
  local result = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000)
  local value = result and result[client_id] and result[client_id].result and result[client_id].result.contents.value
  assert(value and value:match('PANIC001') and value:match('Why it crashes'), vim.inspect(result))
end)

step('edit: removing it clears its diagnostic', function()
  local n = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, n - 4, n, false, {})
  wait_for('no PANIC001 left', function() return #diags('PANIC001') == 0 and #diags() == #diags('PANIC004') end)
end)

step('stop server', function()
  vim.lsp.stop_client(client_id)
  wait_for('the client to stop', function() return vim.lsp.get_client_by_id(client_id) == nil end, 5000)
end)

finish(true)
