-- User commands for faultline (they do not start the server: use
-- vim.lsp.enable('faultline') on 0.11+, or require('faultline').setup()).
if vim.g.loaded_faultline or vim.fn.has('nvim-0.8') == 0 then
  return
end
vim.g.loaded_faultline = true

local function fl()
  return require('faultline')
end

vim.api.nvim_create_user_command('FaultlineFixAll', function()
  fl().fix_all()
end, { desc = 'faultline: apply every safe fix in the buffer' })

vim.api.nvim_create_user_command('FaultlineExplain', function(args)
  fl().explain(args.args)
end, { nargs = '?', desc = 'faultline: explain the rule under the cursor (or CODE)' })

vim.api.nvim_create_user_command('FaultlineRestart', function()
  fl().restart()
end, { desc = 'faultline: restart the language server' })

vim.api.nvim_create_user_command('FaultlineInfo', function()
  vim.cmd('checkhealth faultline')
end, { desc = 'faultline: :checkhealth faultline' })
