-- Drives `argraph lsp` through Neovim's own LSP client (0.7 or later), headless.
-- Run by tests/it/lsp.rs as:
--   ARGRAPH_BIN=... ARGRAPH_MAP=DIR ARGRAPH_REPORT=FILE nvim --headless --clean -u NONE -c "luafile nvim.lua"
-- It opens DIR/b-claims.ron, and writes one line per step to FILE; Neovim exits 0 when every
-- step passed, 1 otherwise (the report's last line says why).

local bin = os.getenv("ARGRAPH_BIN")
local map = os.getenv("ARGRAPH_MAP")
local report = os.getenv("ARGRAPH_REPORT")
local lines = {}
local function say(text)
  table.insert(lines, (text:gsub("\n", " | ")))
end

local function row_of(buf, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local column = line:find(needle, 1, true)
    if column then
      return i - 1, column - 1
    end
  end
  error("no line holds " .. needle)
end

local function request(buf, client, method, params)
  local answers = vim.lsp.buf_request_sync(buf, method, params, 10000)
  assert(answers and answers[client], method .. ": no answer")
  assert(not answers[client].err, method .. ": " .. vim.inspect(answers[client].err))
  return answers[client].result
end

local ok, err = pcall(function()
  vim.cmd("edit " .. map .. "/b-claims.ron")
  local buf = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({ name = "argraph", cmd = { bin, "lsp" }, root_dir = map })
  assert(client, "the client did not start")
  vim.lsp.buf_attach_client(buf, client)
  assert(vim.wait(10000, function()
    local c = vim.lsp.get_client_by_id(client)
    return c ~= nil and c.initialized
  end), "the server did not initialize")
  say("initialized")

  -- A typo, typed into the buffer: its diagnostic arrives on its line; mended, it goes.
  local row = row_of(buf, 'actor: "pompeo"')
  vim.api.nvim_buf_set_lines(buf, row, row + 1, false, { '            actor: "pompeoo",' })
  assert(vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end), "no diagnostic")
  local diagnostic = vim.diagnostic.get(buf)[1]
  say("diagnostic line " .. diagnostic.lnum .. ": " .. diagnostic.message)
  vim.api.nvim_buf_set_lines(buf, row, row + 1, false, { '            actor: "pompeo",' })
  assert(vim.wait(10000, function() return #vim.diagnostic.get(buf) == 0 end), "not cleared")
  say("cleared")

  local uri = vim.uri_from_bufnr(buf)
  local row, column = row_of(buf, '"pompeo"')
  local position = { textDocument = { uri = uri }, position = { line = row, character = column + 2 } }
  local found = request(buf, client, "textDocument/definition", position)
  if found[1] then found = found[1] end
  say("definition " .. found.uri:match("[^/]+$") .. ":" .. found.range.start.line)

  local hover = request(buf, client, "textDocument/hover", position)
  say("hover " .. hover.contents.value:match("^[^\n]*"))

  local row, column = row_of(buf, '"independent-2020"')
  local items = request(buf, client, "textDocument/completion", {
    textDocument = { uri = uri }, position = { line = row, character = column + 3 },
  })
  items = items.items or items
  local labels = {}
  for _, item in ipairs(items) do table.insert(labels, item.label) end
  say("completion " .. table.concat(labels, " "))

  local edit = request(buf, client, "textDocument/rename", {
    textDocument = { uri = uri }, position = position.position, newName = "mike-pompeo",
  })
  vim.lsp.util.apply_workspace_edit(edit, "utf-16")
  vim.cmd("silent! wall")
  local files = 0
  for _ in pairs(edit.changes or {}) do files = files + 1 end
  say("renamed in " .. files .. " files")
  -- The renamed map is still valid: no diagnostics come back.
  vim.wait(500)
  assert(#vim.diagnostic.get(buf) == 0, "diagnostics after the rename")
  vim.lsp.stop_client(client)
  assert(vim.wait(10000, function() return vim.lsp.get_client_by_id(client) == nil end), "no clean stop")
  say("stopped")
end)

if not ok then say("error: " .. tostring(err)) end
local file = io.open(report, "w")
file:write(table.concat(lines, "\n") .. "\n")
file:close()
if ok then vim.cmd("qall!") else vim.cmd("cquit 1") end
