-- :checkhealth faultline
local M = {}

local health = vim.health or {}
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local error = health.error or health.report_error
local info = health.info or health.report_info

function M.check()
  start('faultline')
  if vim.fn.has('nvim-0.8') == 1 then
    ok('Neovim ' .. tostring(vim.version and vim.version() or '') .. ' (0.8 or newer)')
  else
    error('Neovim 0.8 or newer is needed')
    return
  end
  if vim.fn.has('nvim-0.11') == 1 then
    ok("vim.lsp.config/enable available: use vim.lsp.enable('faultline')")
  else
    info("Neovim < 0.11: start the server with require('faultline').setup()")
  end

  local fl = require('faultline')
  local cmd = fl.options.cmd
  if vim.lsp.config and vim.lsp.config.faultline then
    cmd = vim.lsp.config.faultline.cmd or cmd
  end
  if type(cmd) ~= 'table' then
    info('cmd is a function: not checked')
    return
  end
  local exe = vim.fn.exepath(cmd[1])
  if exe == '' then
    error(('`%s` not found'):format(cmd[1]), {
      'Install it: `cargo install --path cli` in the faultline repository',
      "or point the config at it: vim.lsp.config('faultline', { cmd = { '/path/to/faultline', 'lsp' } })",
    })
    return
  end
  local version = vim.fn.system({ exe, '--version' })
  if vim.v.shell_error ~= 0 then
    error(('`%s --version` failed: %s'):format(exe, version))
    return
  end
  ok(('server: %s (%s)'):format(vim.trim(version), exe))

  local clients = fl.clients()
  if #clients == 0 then
    warn('no faultline client running (open a Go file, or check that the server is enabled)')
  else
    for _, client in ipairs(clients) do
      local n = vim.tbl_count(client.attached_buffers or {})
      ok(('client %d running, root %s, %d buffer(s)'):format(client.id, client.config.root_dir or '?', n))
    end
  end
end

return M
