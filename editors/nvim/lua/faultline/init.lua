-- require('faultline').setup(opts): starts faultline's language server for Go
-- buffers. On Neovim 0.11+ it is a thin layer over vim.lsp.config/enable
-- (the same config as lsp/faultline.lua); on 0.8 to 0.10 it starts the client
-- itself from a FileType autocommand with vim.lsp.start.
local M = {}

M.defaults = {
  cmd = { 'faultline', 'lsp' },
  filetypes = { 'go' },
  root_markers = { 'go.work', 'go.mod', '.git' },
  -- Server settings: select, ignore, severity, goVersion, buildTags,
  -- debounceMs, escapeHints, inlayHints, checkWorkspace, maxFileBytes.
  settings = {},
}

M.min_version = '0.8'

local function supported()
  return vim.fn.has('nvim-0.8') == 1
end

--- The effective options (defaults merged with the last setup()).
M.options = vim.deepcopy(M.defaults)

--- The client config for `opts` (a table vim.lsp.start/vim.lsp.config accept).
function M.client_config(opts)
  opts = opts or M.options
  local config = {
    name = 'faultline',
    cmd = opts.cmd,
    filetypes = opts.filetypes,
    root_markers = opts.root_markers,
  }
  -- An empty Lua table would be sent as a JSON array: send nothing instead.
  if opts.settings and next(opts.settings) ~= nil then
    config.init_options = opts.settings
    -- Also answers the server's `workspace/configuration` for section "faultline".
    config.settings = { faultline = opts.settings }
  end
  return config
end

local function root_dir(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start = name ~= '' and vim.fs.dirname(name) or vim.loop.cwd()
  local found = vim.fs.find(markers, { upward = true, path = start })[1]
  return found and vim.fs.dirname(found) or start
end

local function start_legacy(bufnr)
  local config = M.client_config()
  config.root_dir = root_dir(bufnr, M.options.root_markers)
  config.filetypes, config.root_markers = nil, nil
  return vim.lsp.start(config, { bufnr = bufnr })
end

--- Starts the server for Go buffers. Returns false (with a message) on
--- Neovim older than 0.8 or when the binary is missing.
function M.setup(opts)
  if not supported() then
    vim.notify('faultline.nvim needs Neovim ' .. M.min_version .. ' or newer', vim.log.levels.ERROR)
    return false
  end
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  if vim.fn.executable(M.options.cmd[1]) ~= 1 then
    vim.notify(
      ('faultline: `%s` not found: install it (cargo install --path cli) or set cmd in setup()'):format(M.options.cmd[1]),
      vim.log.levels.WARN
    )
  end
  if vim.lsp.config and vim.lsp.enable and not vim.g.faultline_legacy_start then
    vim.lsp.config('faultline', M.client_config())
    vim.lsp.enable('faultline')
    return true
  end
  local group = vim.api.nvim_create_augroup('faultline', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.options.filetypes,
    callback = function(args)
      start_legacy(args.buf)
    end,
  })
  -- Buffers already open when setup() runs.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.options.filetypes, vim.bo[buf].filetype) then
      start_legacy(buf)
    end
  end
  return true
end

--- The faultline clients attached to `bufnr` (all when nil).
function M.clients(bufnr)
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  return get({ name = 'faultline', bufnr = bufnr })
end

--- The faultline rule codes of the diagnostics under the cursor.
function M.codes_under_cursor()
  local row, col = unpack(vim.api.nvim_win_get_cursor(0))
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(0, { lnum = row - 1 })) do
    local end_col = d.end_lnum and d.end_lnum > d.lnum and math.huge or (d.end_col or d.col)
    if d.source == 'faultline' and d.code and col >= d.col and col <= end_col then
      table.insert(codes, tostring(d.code))
    end
  end
  return codes
end

--- Applies every safe fix in the buffer (`source.fixAll.faultline`).
function M.fix_all()
  vim.lsp.buf.code_action({
    context = { only = { 'source.fixAll.faultline' }, diagnostics = {} },
    apply = true,
  })
end

--- Shows `faultline explain CODE` in a scratch markdown split.
function M.explain(code)
  if not code or code == '' then
    local codes = M.codes_under_cursor()
    code = codes[1]
    if not code then
      vim.notify('faultline: no finding under the cursor; use :FaultlineExplain CODE', vim.log.levels.WARN)
      return
    end
  end
  local cmd = { M.options.cmd[1], 'explain', code }
  local out = vim.fn.systemlist(cmd)
  if vim.v.shell_error ~= 0 then
    vim.notify('faultline explain ' .. code .. ': ' .. table.concat(out, '\n'), vim.log.levels.ERROR)
    return
  end
  vim.cmd('botright new')
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, out)
  vim.bo[buf].buftype = 'nofile'
  vim.bo[buf].bufhidden = 'wipe'
  vim.bo[buf].modifiable = false
  vim.bo[buf].filetype = 'markdown'
  pcall(vim.api.nvim_buf_set_name, buf, 'faultline://explain/' .. code)
  return buf
end

--- Stops the faultline clients and starts them again for the open Go buffers.
function M.restart()
  local bufs = {}
  for _, client in ipairs(M.clients()) do
    for buf in pairs(client.attached_buffers or {}) do
      bufs[buf] = true
    end
    client.stop()
  end
  vim.defer_fn(function()
    for buf in pairs(bufs) do
      if vim.api.nvim_buf_is_valid(buf) then
        -- Re-triggers vim.lsp.enable's or setup()'s FileType handler.
        vim.api.nvim_exec_autocmds('FileType', { buffer = buf, modeline = false })
      end
    end
  end, 500)
end

return M
