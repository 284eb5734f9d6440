"""A smoke test in a real editor: headless Neovim with the server for Markdown.

Neovim, configured with the README's snippet as printed, opens a file with a merged
word, starts ``transcript-lint server``, waits for the diagnostics and writes them
to a JSON file this test reads back; then a second file, served by the same server.
Skipped where ``nvim`` is not installed (``.ci/run`` installs Debian's ``neovim``).
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

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_snippet() -> str:
    """The README's Neovim configuration, as printed."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("**Neovim**") :]
    return section.split("```lua\n", 1)[1].split("```", 1)[0]


# What the test adds after the snippet: wait for the diagnostics, write them out.
READ_BACK = """
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
  -- A second Markdown buffer is served by the same server.
  vim.cmd("edit notes.md")
  vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  local clients = (vim.lsp.get_clients or vim.lsp.get_active_clients)()
  local out = io.open(vim.env.TL_OUT, "w")
  local notes = #vim.diagnostic.get(0)
  out:write(vim.fn.json_encode({ found = found, notes = notes, clients = #clients }))
  out:close()
  vim.cmd("qall!")
end
"""


def test_neovim_shows_a_merged_word(tmp_path: Path) -> None:
    assert NVIM is not None
    # The README's snippet runs `transcript-lint server` from the PATH: this
    # environment's script first.
    scripts = Path(sys.executable).parent
    if not (scripts / "transcript-lint").exists():
        pytest.skip(f"no transcript-lint script next to {sys.executable} (pip install -e .)")
    (tmp_path / "init.lua").write_text(readme_snippet() + READ_BACK, encoding="utf-8")
    (tmp_path / "talk.md").write_text("# Notes\n\nWe measured thescale of it.\n", "utf-8")
    (tmp_path / "notes.md").write_text("# More\n\nShe said that the the hall was full.\n", "utf-8")
    out = tmp_path / "diagnostics.json"
    env = {
        **os.environ,
        "PATH": f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}",
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
    result = json.loads(out.read_text(encoding="utf-8"))
    found = result["found"]
    assert [(d["code"], d["lnum"], d["col"], d["end_col"]) for d in found] == [("MW002", 2, 12, 20)]
    assert found[0]["source"] == "transcript-lint"
    assert (result["notes"], result["clients"]) == (1, 1)
