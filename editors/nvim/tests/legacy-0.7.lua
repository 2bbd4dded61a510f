-- Debian's Neovim 0.7.2: the plugin must load without errors, define no
-- commands, and setup() must refuse with a message (0.8 is the minimum).
local out = os.getenv('FL_OUT')
local r = { nvim = vim.fn.execute('version'):match('NVIM v([%d%.]+)') }
r.loaded = vim.g.loaded_faultline == true
r.commands = vim.fn.exists(':FaultlineFixAll') == 2
local msgs = {}
vim.notify = function(m) table.insert(msgs, m) end
r.setup = require('faultline').setup({})
r.message = msgs[1]
r.ok = (not r.loaded) and (not r.commands) and r.setup == false and (r.message or ''):find('0%.8') ~= nil
local f = assert(io.open(out, 'w'))
f:write(vim.fn.json_encode(r))
f:close()
vim.cmd(r.ok and 'qa!' or 'cquit 1')
