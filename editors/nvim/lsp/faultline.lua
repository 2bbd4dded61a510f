-- faultline's language server for Neovim 0.11+: `vim.lsp.enable('faultline')`.
-- Override any field with `vim.lsp.config('faultline', { ... })`, e.g.
--   vim.lsp.config('faultline', { settings = { faultline = { ignore = { 'ESC' } } } })
-- Settings keys: select, ignore, severity, goVersion, buildTags, debounceMs,
-- escapeHints, inlayHints, checkWorkspace, maxFileBytes (see :help faultline-settings).
---@type vim.lsp.Config
return {
  cmd = { 'faultline', 'lsp' },
  filetypes = { 'go' },
  root_markers = { 'go.work', 'go.mod', '.git' },
}
