"""A smoke test in a real editor: headless Neovim with the server for Markdown.

Neovim opens a file with a merged word, starts ``transcript-lint server`` as its
LSP client is configured to, waits for the diagnostics and writes them to a JSON
file this test reads back. Skipped where ``nvim`` is not installed (``.ci/run``
installs Debian's ``neovim``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="needs the server extra")

NVIM = shutil.which("nvim")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(NVIM is None, reason="nvim is not installed (.ci/run installs neovim)"),
]

# vim.lsp.start came with Neovim 0.8; Debian 12 has 0.7, which has start_client.
INIT_LUA = """
local cmd = { vim.env.TL_PYTHON, "-m", "lint", "server" }
vim.api.nvim_create_autocmd("FileType", {
  pattern = "markdown",
  callback = function(args)
    local config = { name = "transcript-lint", cmd = cmd, root_dir = vim.fn.getcwd() }
    if vim.lsp.start then
      vim.lsp.start(config)
    else
      vim.lsp.buf_attach_client(args.buf, vim.lsp.start_client(config))
    end
  end,
})

function ReadDiagnostics()
  vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(found, {
      code = d.code or lsp.code, source = d.source, message = d.message,
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    })
  end
  local out = io.open(vim.env.TL_OUT, "w")
  out:write(vim.fn.json_encode(found))
  out:close()
  vim.cmd("qall!")
end
"""


def test_neovim_shows_a_merged_word(tmp_path: Path) -> None:
    assert NVIM is not None
    (tmp_path / "init.lua").write_text(INIT_LUA, encoding="utf-8")
    (tmp_path / "talk.md").write_text("# Notes\n\nWe measured thescale of it.\n", "utf-8")
    out = tmp_path / "diagnostics.json"
    env = {
        **os.environ,
        "TL_PYTHON": sys.executable,
        "TL_OUT": str(out),
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
        **{
            f"XDG_{kind}_HOME": str(tmp_path / kind)
            for kind in ("CONFIG", "DATA", "STATE", "CACHE")
        },
    }
    run = subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", "init.lua", "talk.md",
         "-c", "lua ReadDiagnostics()"],
        cwd=tmp_path,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    found = json.loads(out.read_text(encoding="utf-8"))
    assert [(d["code"], d["lnum"], d["col"], d["end_col"]) for d in found] == [("MW002", 2, 12, 20)]
    assert found[0]["source"] == "transcript-lint"
