"""The language server end to end: a pytest-lsp client starts ``transcript-lint server``
in a subprocess and speaks LSP to it, with the capabilities VS Code announces."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import zlib
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("pytest_lsp", reason="needs the server and test extras")

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from lint.api import check_text, fix_text, settings_for
from lint.cli import main
from lint.config import load_settings
from lint.lsp_session import FIX_ALL, FIX_ALL_UNSAFE, lint
from lint.masking import Format

pytestmark = pytest.mark.asyncio(loop_scope="module")
TIMEOUT = 60.0
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
REGISTERED: list[str] = []  # what the server asked the client to watch for it
PUBLISHED: list[tuple[str, int | None]] = []  # the URI and version of every publication


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("server")


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "lint", "server"]),
)
async def client(lsp_client: LanguageClient, folder: Path) -> AsyncIterator[None]:
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        REGISTERED.extend(r.method for r in params.registrations)

    features = lsp_client.protocol.fm.features
    keep = features[PUBLISH]  # pytest-lsp's own, which keeps the diagnostics but no version

    def published(params: types.PublishDiagnosticsParams) -> None:
        PUBLISHED.append((params.uri, params.version))
        keep(params)

    features[PUBLISH] = published

    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=folder.as_uri(),
        workspace_folders=[types.WorkspaceFolder(folder.as_uri(), "server")],
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()
    server = lsp_client._server  # the subprocess: it must have ended cleanly on exit
    assert server is not None and server.returncode == 0


# -- helpers ------------------------------------------------------------------------------


async def diagnostics_of(
    client: LanguageClient,
    uri: str,
    ready: Callable[[Sequence[types.Diagnostic]], bool] = lambda d: True,
) -> Sequence[types.Diagnostic]:
    """The diagnostics of ``uri`` once they satisfy ``ready``."""

    async def wait() -> None:
        while uri not in client.diagnostics or not ready(client.diagnostics[uri]):
            await client.wait_for_notification(PUBLISH)

    await asyncio.wait_for(wait(), TIMEOUT)
    return client.diagnostics[uri]


def has_codes(*codes: str) -> Callable[[Sequence[types.Diagnostic]], bool]:
    return lambda found: sorted(str(d.code) for d in found) == sorted(codes)


def open_document(client: LanguageClient, path: Path, text: str, language: str = "markdown") -> str:
    uri = path.as_uri()
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, 1, text))
    )
    return uri


def change_document(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version, uri),
            [types.TextDocumentContentChangeWholeDocument(text)],
        )
    )


def span(d: types.Diagnostic) -> tuple[int, int, int, int]:
    r = d.range
    return r.start.line, r.start.character, r.end.line, r.end.character


def offset(text: str, position: types.Position) -> int:
    """The offset of a position in an ASCII text with ``\\n`` line breaks."""
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[: position.line]) + position.character


def apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    for edit in sorted(edits, key=lambda e: offset(text, e.range.start), reverse=True):
        start, end = offset(text, edit.range.start), offset(text, edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def edits_of(action: types.CodeAction) -> list[types.TextEdit]:
    assert action.edit is not None
    if action.edit.document_changes is not None:
        return [
            e
            for change in action.edit.document_changes
            if isinstance(change, types.TextDocumentEdit)
            for e in change.edits
            if isinstance(e, types.TextEdit)
        ]
    assert action.edit.changes is not None
    return [e for edits in action.edit.changes.values() for e in edits]


async def code_actions(
    client: LanguageClient,
    uri: str,
    line: int,
    character: int,
    only: list[str] | None = None,
) -> list[types.CodeAction]:
    position = types.Position(line, character)
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            types.Range(position, position),
            types.CodeActionContext(diagnostics=[], only=only),
        )
    )
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


# -- diagnostics --------------------------------------------------------------------------


async def test_open_publishes_a_diagnostic_per_finding(
    client: LanguageClient, folder: Path
) -> None:
    uri = open_document(client, folder / "merged.md", "We measured thescale of it.\n")
    (found,) = await diagnostics_of(client, uri)
    assert (found.code, span(found)) == ("MW002", (0, 12, 0, 20))
    assert found.source == "transcript-lint"
    assert found.severity == types.DiagnosticSeverity.Warning
    # No link: the project has no documentation page online (a dead link is worse);
    # hover shows the rule's documentation.
    assert found.code_description is None
    assert "run-together-words" in found.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smile 😀 here  now.\n", (0, 13, 0, 15)),  # an emoji is two UTF-16 code units
        ("中文 and é\u0301 x  y.\n", (0, 11, 0, 13)),  # CJK and a combining mark: one each
        ("👍🏽 ok  go.\n", (0, 7, 0, 9)),  # an emoji with a skin tone: four units
        ("Note\x0cform  feed.\n", (0, 9, 0, 11)),  # a form feed does not start an LSP line
        ("A\r\nNext 😀  one.\r\n", (1, 7, 1, 9)),  # CRLF: one line break
    ],
)
async def test_ranges_are_in_utf16_code_units(
    client: LanguageClient, folder: Path, text: str, expected: tuple[int, int, int, int]
) -> None:
    name = f"units-{zlib.crc32(text.encode())}.txt"
    uri = open_document(client, folder / name, text, "plaintext")
    found = await diagnostics_of(client, uri)
    assert [span(d) for d in found if d.code == "WS002"] == [expected]


@pytest.mark.parametrize(
    ("name", "language", "text"),
    [
        (
            "same.txt",
            "plaintext",
            "Thank you , Mr. Wang.  \n\n\n\nNext  question , please.\nR&amp;D grew.\n"
            "We saw thescale of it.It was big.\nA <br> tag here\n",
        ),
        (
            "same.md",
            "markdown",
            "# Notes\n\nWe saw thescale of it.It was big.\nThank you , sir.\n"
            "`inline  code` here.\n\n```\na  b\n```\n",
        ),
        (
            "same.srt",
            "srt",
            "1\n00:00:01,000 --> 00:00:02,000\nWe saw thescale , then.\n\n"
            "2\n00:00:03,000 --> 00:00:02,000\nOne  two.\n",
        ),
    ],
)
async def test_diagnostics_equal_those_of_check(
    client: LanguageClient,
    folder: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    language: str,
    text: str,
) -> None:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    main(["check", "--format", "json", "--quiet", str(path)])
    expected = json.loads(capsys.readouterr().out)
    assert len(expected) >= 3
    uri = open_document(client, path, text, language)
    found = await diagnostics_of(client, uri)
    assert [(str(d.code), span(d)) for d in found] == [
        (
            f["code"],
            (
                f["location"]["row"] - 1,
                f["location"]["column"] - 1,
                f["end_location"]["row"] - 1,
                f["end_location"]["column"] - 1,
            ),
        )
        for f in expected
    ]


async def test_a_change_is_checked_and_only_the_newest_version_published(
    client: LanguageClient, folder: Path
) -> None:
    uri = open_document(client, folder / "typing.md", "One  two.\n")
    await diagnostics_of(client, uri, has_codes("WS002"))
    big = "A plain and correct sentence here.\n" * 8000  # about 280 KB: checked slowly
    for version in range(2, 6):
        change_document(client, uri, version, big)
    change_document(client, uri, 6, "We measured thescale , then.\n")
    found = await diagnostics_of(client, uri, has_codes("MW002", "WS004"))
    assert len(found) == 2
    versions = [version for published, version in PUBLISHED if published == uri]
    assert versions == [1, 6]  # the large versions were superseded before they were done
    change_document(client, uri, 7, "All fixed.\n")
    assert not await diagnostics_of(client, uri, has_codes())


async def test_a_range_change_is_applied_where_it_says(
    client: LanguageClient, folder: Path
) -> None:
    uri = open_document(client, folder / "ranged.md", "Smile 😀 now.\nOne two.\n")
    await diagnostics_of(client, uri, has_codes())
    change = types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(0, 8), types.Position(0, 8)), text=" "
    )  # the server asked for whole texts; a client may send a range all the same
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(2, uri), [change])
    )
    (found,) = await diagnostics_of(client, uri, has_codes("WS002"))
    assert span(found) == (0, 8, 0, 10)


async def test_a_save_checks_again(client: LanguageClient, folder: Path) -> None:
    uri = open_document(client, folder / "saved.md", "Not  fine.\n")
    await diagnostics_of(client, uri, has_codes("WS002"))
    before = PUBLISHED.count((uri, 1))
    client.diagnostics.pop(uri)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri))
    )
    await diagnostics_of(client, uri, has_codes("WS002"))
    assert PUBLISHED.count((uri, 1)) == before + 1


# -- code actions, formatting, hover ----------------------------------------------------

FIXABLE = "We measured thescale  of it.\n"  # MW002 (unsafe fix) and WS002 (safe fix)


async def test_a_quick_fix_per_fixable_finding(client: LanguageClient, folder: Path) -> None:
    uri = open_document(client, folder / "actions.txt", FIXABLE, "plaintext")
    await diagnostics_of(client, uri, has_codes("MW002", "WS002"))
    actions = await code_actions(client, uri, 0, 14, [types.CodeActionKind.QuickFix])
    (split,) = actions
    assert split.title.startswith("Fix MW002: ")
    assert not split.is_preferred
    assert split.diagnostics is not None and split.diagnostics[0].code == "MW002"
    assert apply(FIXABLE, edits_of(split)) == "We measured the scale  of it.\n"
    (space,) = await code_actions(client, uri, 0, 21, [types.CodeActionKind.QuickFix])
    assert space.title.startswith("Fix WS002: ") and space.is_preferred
    assert apply(FIXABLE, edits_of(space)) == "We measured thescale of it.\n"
    assert await code_actions(client, uri, 0, 2, [types.CodeActionKind.QuickFix]) == []


async def test_fix_all_safe_and_unsafe_are_separate_actions(
    client: LanguageClient, folder: Path
) -> None:
    uri = open_document(client, folder / "fixall.txt", FIXABLE, "plaintext")
    await diagnostics_of(client, uri, has_codes("MW002", "WS002"))
    (safe,) = await code_actions(client, uri, 0, 0, [FIX_ALL])
    assert safe.kind == FIX_ALL
    resolved = await client.code_action_resolve_async(safe)  # VS Code resolves edits lazily
    assert apply(FIXABLE, edits_of(resolved)) == "We measured thescale of it.\n"
    (unsafe,) = await code_actions(client, uri, 0, 0, [FIX_ALL_UNSAFE])
    assert not unsafe.kind.startswith(types.CodeActionKind.SourceFixAll + ".")  # never on save
    resolved = await client.code_action_resolve_async(unsafe)
    assert apply(FIXABLE, edits_of(resolved)) == "We measured the scale of it.\n"
    everything = await code_actions(client, uri, 0, 14, [types.CodeActionKind.Source])
    assert {a.kind for a in everything} == {FIX_ALL, FIX_ALL_UNSAFE}


async def test_markdown_offers_a_suppression_comment(client: LanguageClient, folder: Path) -> None:
    text = "# Notes\n\n  We measured thescale of it.\n"
    uri = open_document(client, folder / "suppress.md", text)
    await diagnostics_of(client, uri, has_codes("MW002"))
    actions = await code_actions(client, uri, 2, 16, [types.CodeActionKind.QuickFix])
    (suppress,) = [a for a in actions if not a.title.startswith("Fix")]
    assert apply(text, edits_of(suppress)) == (
        "# Notes\n\n  <!-- transcript-lint-disable-next-line MW002 -->\n"
        "  We measured thescale of it.\n"
    )
    table = "| a | b |\n| --- | --- |\n| thescale | x |\n"
    uri = open_document(client, folder / "table.md", table)
    await diagnostics_of(client, uri, has_codes("MW002"))
    actions = await code_actions(client, uri, 2, 4, [types.CodeActionKind.QuickFix])
    assert [a.title[:4] for a in actions] == ["Fix "]
    uri = open_document(client, folder / "suppress.txt", text, "plaintext")
    await diagnostics_of(client, uri, has_codes("MW002"))
    actions = await code_actions(client, uri, 2, 16, [types.CodeActionKind.QuickFix])
    assert [a.title[:4] for a in actions] == ["Fix "]


async def test_formatting_applies_the_safe_fixes_only(client: LanguageClient, folder: Path) -> None:
    text = "Thank you , sir.  \nR&amp;D grew thescale.\n\n\n"
    on_disk = folder / "format.txt"
    on_disk.write_text(text, encoding="utf-8")
    uri = open_document(client, on_disk, text, "plaintext")
    await diagnostics_of(client, uri, lambda d: len(d) > 2)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            types.TextDocumentIdentifier(uri), types.FormattingOptions(4, True)
        )
    )
    assert edits is not None
    assert apply(text, edits) == fix_text(text, filename="format.txt").text
    assert "&amp;" in apply(text, edits)  # EN005's fix is unsafe
    assert on_disk.read_text(encoding="utf-8") == text  # the editor applies edits, not the server
    clean = open_document(client, folder / "clean.txt", "Clean.\n", "plaintext")
    await diagnostics_of(client, clean)
    assert not await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            types.TextDocumentIdentifier(clean), types.FormattingOptions(4, True)
        )
    )


async def test_hover_shows_the_rule_documentation(client: LanguageClient, folder: Path) -> None:
    uri = open_document(client, folder / "hover.md", "We measured thescale of it.\n")
    await diagnostics_of(client, uri, has_codes("MW002"))
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 15))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "MW002" in hover.contents.value and "## What it does" in hover.contents.value
    nothing = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 2))
    )
    assert nothing is None


# -- settings -----------------------------------------------------------------------------


async def test_settings_come_from_the_config_and_reload_when_it_changes(
    client: LanguageClient, folder: Path
) -> None:
    project = folder / "project"
    config = project / "transcript-lint.toml"
    config.parent.mkdir()
    config.write_text('ignore = ["WS002"]\n', encoding="utf-8")
    text = "We measured thescale  of it.\n"
    uri = open_document(client, project / "talk.md", text)
    await diagnostics_of(client, uri, has_codes("MW002"))
    assert REGISTERED == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    config.write_text('ignore = ["MW"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(config.as_uri(), types.FileChangeType.Changed)]
        )
    )
    await diagnostics_of(client, uri, has_codes("WS002"))
    assert load_settings(config).ignore == ("MW",)


async def test_a_save_notices_a_changed_config_the_client_did_not_report(
    client: LanguageClient, folder: Path
) -> None:
    project = folder / "unwatched"
    config = project / "transcript-lint.toml"
    project.mkdir()
    config.write_text('ignore = ["WS002"]\n', encoding="utf-8")
    uri = open_document(client, project / "talk.md", "One  two.\n")
    assert not await diagnostics_of(client, uri, has_codes())
    config.write_text("", encoding="utf-8")
    os.utime(config, ns=(1, 1))  # a modification time that differs, however fast this runs
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri))
    )
    await diagnostics_of(client, uri, has_codes("WS002"))


async def test_findings_the_baseline_accepts_are_not_shown(
    client: LanguageClient, folder: Path
) -> None:
    project = folder / "baselined"
    project.mkdir()
    (project / "transcript-lint.toml").write_text("", encoding="utf-8")
    (project / "old.md").write_text("One  two.\n", encoding="utf-8")
    assert main(["baseline", str(project)]) == 0
    uri = open_document(client, project / "old.md", "One  two.\n")
    assert not await diagnostics_of(client, uri, has_codes())
    change_document(client, uri, 2, "One  two.\nThree  four.\n")
    (new,) = await diagnostics_of(client, uri, has_codes("WS002"))
    assert span(new) == (1, 5, 1, 7)


async def test_the_project_lexicon_serves_a_document_and_reloads_when_it_changes(
    client: LanguageClient, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Corpus evidence reaches the server from the lexicon file, as it reaches a
    # check of one file: a header the corpus repeats is boilerplate in one document.
    project = folder / "lexicon"
    project.mkdir()
    (project / "transcript-lint.toml").write_text('lexicon = "words.toml"\n', encoding="utf-8")
    lexicon = project / "words.toml"
    lexicon.write_text('[boilerplate]\n"Harbour Board Transcripts" = { files = 9 }\n')
    text = "Harbour Board Transcripts\n\nThe board met.\n"
    path = project / "talk.txt"
    path.write_text(text, encoding="utf-8")
    main(["check", "--format", "json", "--quiet", "--no-cache", str(path)])
    assert [f["code"] for f in json.loads(capsys.readouterr().out)] == ["PG004"]
    uri = open_document(client, path, text, "plaintext")
    (found,) = await diagnostics_of(client, uri, has_codes("PG004"))
    assert span(found) == (0, 0, 0, 25)
    lexicon.write_text("[boilerplate]\n", encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(lexicon.as_uri(), types.FileChangeType.Changed)]
        )
    )
    assert not await diagnostics_of(client, uri, has_codes())


async def test_a_broken_config_is_one_message_and_other_documents_are_served(
    client: LanguageClient, folder: Path
) -> None:
    broken = folder / "broken"
    broken.mkdir()
    (broken / "transcript-lint.toml").write_text("select = [\n", encoding="utf-8")
    client.messages.clear()
    uri = open_document(client, broken / "a.md", "One  two.\n")
    assert not await diagnostics_of(client, uri)
    other = open_document(client, folder / "other.md", "One  two.\n")
    await diagnostics_of(client, other, has_codes("WS002"))
    (message,) = client.messages
    assert "transcript-lint.toml" in message.message and "\n" not in message.message
    assert message.type == types.MessageType.Warning


@pytest.mark.parametrize(
    ("name", "language", "text"),
    [
        ("binary.txt", "plaintext", "\x00\x01\x02\x00" * 100),
        ("script.py", "python", "print('hi')  \n"),
    ],
)
async def test_bad_input_is_one_message_not_a_crash(
    client: LanguageClient, folder: Path, name: str, language: str, text: str
) -> None:
    client.messages.clear()
    uri = open_document(client, folder / name, text, language)
    assert not await diagnostics_of(client, uri)
    (message,) = client.messages
    assert name in message.message and "\n" not in message.message
    fine = open_document(client, folder / f"after-{name}.md", "One  two.\n")
    await diagnostics_of(client, fine, has_codes("WS002"))


async def test_close_clears_the_diagnostics(client: LanguageClient, folder: Path) -> None:
    uri = open_document(client, folder / "closed.md", "One  two.\n")
    await diagnostics_of(client, uri, has_codes("WS002"))
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
    )
    assert not await diagnostics_of(client, uri, has_codes())


# -- another client: UTF-8 positions (as Helix asks), no lazy edits -----------------


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "lint", "server"]),
)
async def utf8_client(lsp_client: LanguageClient, folder: Path) -> AsyncIterator[None]:
    capabilities = client_capabilities("neovim@v0.7.0")
    assert capabilities.text_document and capabilities.text_document.code_action
    capabilities.text_document.code_action.resolve_support = None
    capabilities.general = types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16]
    )
    result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities, root_uri=folder.as_uri())
    )
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()
    server = lsp_client._server  # the subprocess: it must have ended cleanly on exit
    assert server is not None and server.returncode == 0


async def test_utf8_positions_and_edits_given_at_once(
    utf8_client: LanguageClient, folder: Path
) -> None:
    client = utf8_client
    text = "Smile 😀 here  now thescale.\n"
    uri = open_document(client, folder / "utf8.txt", text, "plaintext")
    found = await diagnostics_of(client, uri, has_codes("MW002", "WS002"))
    assert [span(d) for d in found] == [(0, 15, 0, 17), (0, 21, 0, 29)]  # 😀 is 4 bytes
    (safe,) = await code_actions(client, uri, 0, 0, [FIX_ALL])
    (edit,) = edits_of(safe)  # the client cannot resolve an edit later: it comes now
    # the one edit between the texts, minimal: one of the two spaces goes (bytes 16-17)
    assert (edit.range.start.character, edit.range.end.character, edit.new_text) == (16, 17, "")


# -- in process: a crash in the engine ------------------------------------------------


class FakeServer:
    """What a session says to its client, kept."""

    def __init__(self) -> None:
        self.messages: list[types.ShowMessageParams] = []
        self.workspace = SimpleNamespace(position_encoding=None)  # UTF-16, the default

    def window_show_message(self, params: types.ShowMessageParams) -> None:
        self.messages.append(params)


async def test_a_crash_in_a_rule_is_one_message_and_the_next_version_is_checked(
    monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    from lint import lsp_session

    def crash(*args: object) -> None:
        raise RuntimeError("a rule fell over")

    server = FakeServer()
    session = lsp_session.Session(server)  # type: ignore[arg-type]
    path = folder / "crash.md"
    document = lsp_session.OpenDocument(path.as_uri(), "markdown", 1, "One  two.\n", path)
    session.documents[document.uri] = document
    with monkeypatch.context() as patch:
        patch.setattr(lsp_session, "lint", crash)
        assert await session.current(document) is None
        assert await session.current(document) is None
    (message,) = server.messages  # once, however often it is asked
    assert "internal error" in message.message and "crash.md" in message.message
    document.version, document.text = 2, "Three  four.\n"
    checked = await session.current(document)
    assert checked is not None and [f.code for f in checked.findings] == ["WS002"]
    session.engine.shutdown()


async def test_the_server_applies_suppressions_once_for_all_rules_as_check_does() -> None:
    # A comment that silences one rule's finding is used: SU001 must not call it
    # unused because the server ran the rules one at a time.
    settings = settings_for(extend_select=["SU001"])
    text = "<!-- transcript-lint-disable -->\nthe the cat\n"
    found, _ = lint(text, None, "talk.md", Format.MARKDOWN, settings, lambda: True)
    expected = check_text(text, filename="talk.md", settings=settings)
    assert [(f.code, f.start) for f in found] == [(f.code, f.start) for f in expected] == []
    text = "the the cat\n"
    found, _ = lint(text, None, "talk.md", Format.MARKDOWN, settings, lambda: True)
    assert [f.code for f in found] == ["SP002"]
