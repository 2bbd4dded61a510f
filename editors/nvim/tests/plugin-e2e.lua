-- Headless test of the plugin as a user installs it: editors/nvim on the
-- runtimepath, `faultline` on PATH. Env: FL_FILE (Go file), FL_OUT (JSON report),
-- FL_MODE = enable (vim.lsp.enable, 0.11) | setup (require('faultline').setup,
-- the 0.8-0.10 vim.lsp.start path, with escapeHints=false).
local file = os.getenv('FL_FILE')
local out = os.getenv('FL_OUT')
local mode = os.getenv('FL_MODE') or 'enable'
local report = { nvim = tostring(vim.version()), mode = mode, steps = {} }

-- Everything the server says through window/showMessage ends up here.
report.notices = {}
local notify = vim.notify
vim.notify = function(msg, level, o)
  table.insert(report.notices, msg)
  return notify(msg, level, o)
end

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
  table.insert(report.steps, { name = name, ms = math.floor((vim.uv.hrtime() - t0) / 1e6) })
  if not ok then finish(false, name .. ': ' .. tostring(err)) end
end

local function wait_for(what, pred, timeout)
  if not vim.wait(timeout or 15000, pred, 20) then error('timed out waiting for ' .. what) end
end

local buf
local function codes()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == 'faultline' then table.insert(found, d.code) end
  end
  table.sort(found)
  return table.concat(found, ',')
end
local function diag(code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code then return d end
  end
end
local function line(n) return vim.api.nvim_buf_get_lines(buf, n, n + 1, false)[1] end

step('plugin loaded from the runtimepath', function()
  assert(vim.g.loaded_faultline, 'plugin/faultline.lua did not run')
  for _, c in ipairs({ 'FaultlineFixAll', 'FaultlineExplain', 'FaultlineRestart', 'FaultlineInfo' }) do
    assert(vim.fn.exists(':' .. c) == 2, c .. ' missing')
  end
  assert(#vim.api.nvim_get_runtime_file('lsp/faultline.lua', false) == 1, 'lsp/faultline.lua not on the runtimepath')
end)

step('start', function()
  if mode == 'enable' then
    vim.lsp.enable('faultline')
  else
    vim.g.faultline_legacy_start = true
    assert(require('faultline').setup({ settings = { escapeHints = false, debounceMs = 0 } }))
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  buf = vim.api.nvim_get_current_buf()
  assert(vim.bo[buf].filetype == 'go', 'filetype ' .. vim.bo[buf].filetype)
  wait_for('a faultline client on the buffer', function() return #require('faultline').clients(buf) == 1 end)
  local client = require('faultline').clients(buf)[1]
  report.root_dir = client.config.root_dir
  assert(report.root_dir == vim.fs.dirname(file), 'root_dir ' .. tostring(report.root_dir))
end)

local expected = mode == 'enable' and 'ESC001,NIL002,NIL002,PANIC001,PANIC004' or 'NIL002,NIL002,PANIC001,PANIC004'
step('diagnostics', function()
  wait_for(expected, function() return codes() == expected end)
  report.initial = codes()
end)

step('quick fix through vim.lsp.buf.code_action', function()
  local d = diag('NIL002')
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  vim.lsp.buf.code_action({ apply = true, filter = function(a) return a.title:match('^Initiali[sz]e `counts`') ~= nil end })
  wait_for('counts initialised', function() return line(3) == '\tcounts := map[string]int{}' end)
  wait_for('one NIL002 gone', function() return select(2, codes():gsub('NIL002', '')) == 1 end)
end)

step(':FaultlineFixAll', function()
  vim.cmd('FaultlineFixAll')
  wait_for('seen initialised', function() return line(23) == '\tseen := map[int]bool{}' end)
  wait_for('NIL002 gone', function() return not codes():find('NIL002') end)
end)

step(':FaultlineExplain on the PANIC001 finding', function()
  local d = diag('PANIC001')
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col + 1 })
  vim.cmd('FaultlineExplain')
  local lines = vim.api.nvim_buf_get_lines(0, 0, 1, false)
  assert(lines[1] == '# PANIC001 ineffective-recover', vim.inspect(lines))
  assert(vim.bo.filetype == 'markdown')
  vim.cmd('close')
end)

step(':checkhealth faultline', function()
  vim.cmd('checkhealth faultline')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  report.health = text
  assert(text:find('OK server: faultline'), 'no server OK line')
  assert(text:find('OK client %d+ running'), 'no client OK line')
  assert(not text:find('ERROR'), 'an ERROR in checkhealth')
  vim.cmd('bwipeout')
end)

step(':FaultlineRestart', function()
  local old = require('faultline').clients(buf)[1].id
  vim.cmd('FaultlineRestart')
  wait_for('a new client', function()
    local c = require('faultline').clients(buf)
    return #c == 1 and c[1].id ~= old
  end)
  wait_for('diagnostics again', function() return codes():find('PANIC001') ~= nil end)
end)

step('stop', function()
  for _, c in ipairs(require('faultline').clients()) do c.stop() end
  wait_for('clients to stop', function() return #require('faultline').clients() == 0 end, 5000)
end)

step('the server warned about nothing', function()
  for _, m in ipairs(report.notices) do
    assert(not m:find('faultline'), m)
  end
end)

finish(true)
