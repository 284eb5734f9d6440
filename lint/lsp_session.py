"""The language server's session: open documents, settings, and the LSP features.

An editor sends the text of each open transcript; the server answers with
diagnostics (on open, on change after a short pause, and on save), fixes as code
actions, the safe fixes as formatting, and a rule's documentation on hover. It is
built on pygls (the optional ``server`` extra), which does the protocol's framing,
lifecycle and cancellation.

Results are those of ``transcript-lint check`` on the same text: the settings come
from the config file nearest the document, read once (with their lexicon and
baseline) and again only when one of those files changes; each text is checked as
a corpus of one, as when the CLI is given one file, and the findings its baseline
accepts are left out. The engine works in one thread beside the event
loop, so the server keeps reading messages while it checks; a check whose document
has changed since stops at the next rule, and only the newest version is published.
The server never writes a file: fixes travel as edits the editor applies.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import field
from pathlib import Path
from typing import TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from lint import __version__, files
from lint.api import fix_text
from lint.baseline import Baseline, BaselineError, Subject, relative_name
from lint.config import (
    CONFIG_FILE,
    PYPROJECT,
    ConfigError,
    Overrides,
    Settings,
    SettingsResolver,
)
from lint.evidence import gather
from lint.fix import Safety
from lint.lsp_text import UTF8, UTF16, Positions, code_units, edited, replacement
from lint.masking import Format, PatternTimeout, format_for
from lint.records import record
from lint.result import FileResult, Finding
from lint.rule import gatherers_of
from lint.runner import NotConverged, check_findings, document_for, prepare
from rules import ALL_RULES

NAME = "transcript-lint"
FIX_ALL = "source.fixAll.transcript-lint"
# Not under source.fixAll: editors that fix all on save must never apply these.
FIX_ALL_UNSAFE = "source.unsafeFixAll.transcript-lint"
SHORT_PAUSE = 0.02  # seconds of quiet before a changed document is checked again
LONG_PAUSE = 0.3  # ... for a large one, whose check takes longer than a keystroke
LARGE = 100_000  # characters
SUPPRESS = "<!-- transcript-lint-disable-next-line {code} -->"
LANGUAGES = {
    "markdown": Format.MARKDOWN,
    "plaintext": Format.TEXT,
    "text": Format.TEXT,
    "srt": Format.SRT,
    "subrip": Format.SRT,
    "vtt": Format.WEBVTT,
    "webvtt": Format.WEBVTT,
}
FIXES = {
    Safety.SAFE: (FIX_ALL, "Fix all safe problems in this file"),
    Safety.UNSAFE: (FIX_ALL_UNSAFE, "Fix all problems in this file, unsafe fixes included"),
}

T = TypeVar("T")
logger = logging.getLogger(__name__)


class Superseded(Exception):
    """The document changed while it was being checked."""


class Unchecked(Exception):
    """A document that cannot be checked; the message says why in one line."""


def path_of(uri: str) -> Path | None:
    """The file of a ``file:`` URI; None for an unsaved buffer."""
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None


def format_of(path: Path | None, language_id: str, settings: Settings) -> Format:
    """The format of a document: by its file name as the CLI reads it, else by the
    editor's language; a document of neither kind is not a transcript."""
    if path is not None and settings.is_included(path):
        return format_for(path.name)
    if language_id in LANGUAGES:
        return LANGUAGES[language_id]
    raise Unchecked(f"not a transcript (language '{language_id}'); not checked")


def check_input(text: str, settings: Settings) -> None:
    """Raise Unchecked for text the CLI would refuse to read as a file."""
    try:
        files.decode(text[: files.BINARY_SNIFF].encode("utf-8", "surrogatepass"))
    except files.InputError as exc:
        raise Unchecked(str(exc)) from None
    limit = settings.max_file_size_mb * 1024 * 1024
    if len(text) * 4 > limit and (size := code_units(text, UTF8)) > limit:
        raise Unchecked(
            f"{size / 1024 / 1024:.1f} MB, over the {settings.max_file_size_mb} MB limit "
            "(max-file-size-mb)"
        )


def lint(
    text: str,
    path: Path | None,
    display: str,
    fmt: Format,
    settings: Settings,
    is_current: Callable[[], bool],
) -> tuple[tuple[Finding, ...], list[int]]:
    """The findings of ``check`` in the text, and its line starts.

    What ``prepare`` and ``check_findings`` do, a gatherer and a rule at a time, so
    that the check of a superseded version stops between two of them.
    """

    def stop_if_stale() -> None:
        if not is_current():
            raise Superseded

    def current(items: Iterable[T]) -> Iterator[T]:
        for item in items:
            stop_if_stale()
            yield item

    doc = document_for(text, display, settings, fmt)
    enabled = settings.enabled_rules(ALL_RULES, path if path is not None else Path(display))
    evidence = gather(doc, current(gatherers_of(enabled)))
    doc, rules, ctx = prepare(text, display, settings, ALL_RULES, fmt, path, evidence, doc)
    return check_findings(doc, rules, ctx, stop_if_stale), doc.line_starts


def to_range(positions: Positions, start: int, end: int) -> types.Range:
    return types.Range(
        types.Position(*positions.position(start)), types.Position(*positions.position(end))
    )


def diagnostic(finding: Finding, positions: Positions) -> types.Diagnostic:
    return types.Diagnostic(
        range=to_range(positions, finding.start, finding.end),
        message=f"{finding.message} ({finding.name})",
        severity=types.DiagnosticSeverity.Warning,
        code=finding.code,
        source=NAME,
    )


def fix_title(finding: Finding) -> str:
    assert finding.fix is not None
    message = finding.fix.message
    if message[:2].istitle():  # "Replace with" reads on after the colon; "URL ..." does not
        message = message[0].lower() + message[1:]
    return f"Fix {finding.code}: {message}"


def kind_wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether a code action of ``kind`` answers a request for the kinds ``only``."""
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


def hover_text(findings: Iterable[Finding]) -> str:
    by_code = {r.code: r for r in ALL_RULES}
    parts = []
    for code in dict.fromkeys(f.code for f in findings):
        rule = by_code[code]
        parts.append(f"**{code}** `{rule.name}`\n\n{rule.doc}")
    return "\n\n---\n\n".join(parts)


@record(frozen=True)
class Checked:
    """One version of a document as checked, with what code actions need."""

    version: int
    text: str
    findings: tuple[Finding, ...]
    diagnostics: tuple[types.Diagnostic, ...]
    positions: Positions
    settings: Settings
    fmt: Format


@record()
class OpenDocument:
    uri: str
    language_id: str
    version: int
    text: str
    path: Path | None
    checked: Checked | None = None
    pending: asyncio.Task[None] | None = None
    problem: str | None = None  # the last message shown for it, so it is shown once

    @property
    def display(self) -> str:
        return str(self.path) if self.path is not None else self.uri


@record()
class Session:
    """The server's state: the open documents and the settings read so far."""

    server: LanguageServer
    documents: dict[str, OpenDocument] = field(default_factory=dict)
    resolver: SettingsResolver = field(default_factory=lambda: SettingsResolver(Overrides()))
    # Files the settings were read from, with their modification times (None: absent).
    stamps: dict[Path, int | None] = field(default_factory=dict)
    engine: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="transcript-lint")
    )
    shown: set[str] = field(default_factory=set)
    baselines: dict[Path, Baseline] = field(default_factory=dict)

    # -- settings ----------------------------------------------------------------------

    def settings_for(self, document: OpenDocument) -> Settings:
        path = document.path or Path.cwd() / "untitled"
        settings = self.resolver.for_path(path)
        settings.check_selectors(ALL_RULES)
        for watched in (
            settings.root / CONFIG_FILE,
            settings.root / PYPROJECT,
            settings.lexicon_path,
            settings.baseline_path,
        ):
            if watched is not None and watched not in self.stamps:
                self.stamps[watched] = _stamp(watched)
        return settings

    def baseline_for(self, settings: Settings) -> Baseline | None:
        """The baseline file that covers the settings' files, read once."""
        path = settings.baseline_path
        if path not in self.baselines:
            if not path.is_file():
                return None
            try:
                self.baselines[path] = Baseline.load(path)
            except BaselineError as exc:
                raise ConfigError(str(exc)) from None
        return self.baselines[path]

    def settings_changed(self) -> bool:
        return any(_stamp(path) != stamp for path, stamp in self.stamps.items())

    def reload(self) -> None:
        """Forget the settings read; check every open document again with new ones."""
        self.resolver = SettingsResolver(Overrides())
        self.stamps.clear()
        self.shown.clear()
        self.baselines.clear()
        for document in self.documents.values():
            document.problem = None
            document.checked = None
            self.schedule(document, 0.0)

    def is_settings_file(self, path: Path) -> bool:
        return path.name in (CONFIG_FILE, PYPROJECT) or path in self.stamps

    # -- checking ----------------------------------------------------------------------

    def schedule(self, document: OpenDocument, pause: float) -> None:
        if document.pending is not None:
            document.pending.cancel()
        document.pending = asyncio.get_running_loop().create_task(
            self.publish(document, document.version, pause)
        )

    async def publish(self, document: OpenDocument, version: int, pause: float) -> None:
        await asyncio.sleep(pause)
        if self.documents.get(document.uri) is not document or document.version != version:
            return
        try:
            checked = await self.current(document)
        except Superseded:
            return  # the newer version has its own task
        if checked is None:
            self.server.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(document.uri, [], version)
            )
        elif checked.version == document.version:
            self.server.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    document.uri, list(checked.diagnostics), checked.version
                )
            )

    async def current(self, document: OpenDocument) -> Checked | None:
        """The check of the document's current version (None if it cannot be
        checked: a message says why); raises Superseded if a newer one arrives."""
        if document.checked is not None and document.checked.version == document.version:
            return document.checked
        version, text = document.version, document.text
        try:
            settings = self.settings_for(document)
            fmt = format_of(document.path, document.language_id, settings)
            check_input(text, settings)
            if document.path is not None and settings.is_excluded(document.path):
                return None
            baseline = self.baseline_for(settings) if document.path is not None else None
            checked = await asyncio.get_running_loop().run_in_executor(
                self.engine,
                self.check,
                document,
                version,
                text,
                settings,
                fmt,
                baseline,
            )
        except Superseded:
            raise
        except (ConfigError, Unchecked, PatternTimeout) as exc:
            self.problem(document, str(exc), config=isinstance(exc, ConfigError))
            return None
        except Exception as exc:  # a bug in a rule must not stop the server
            self.internal_error(document, exc)
            return None
        document.problem = None
        if document.version == version:
            document.checked = checked
        return checked

    def check(
        self,
        document: OpenDocument,
        version: int,
        text: str,
        settings: Settings,
        fmt: Format,
        baseline: Baseline | None,
    ) -> Checked:
        """Runs in the engine thread."""
        findings, line_starts = lint(
            text,
            document.path,
            document.display,
            fmt,
            settings,
            lambda: document.version == version,
        )
        if baseline is not None and document.path is not None:
            # As `check` does: the findings the baseline knows are not reported.
            codes = frozenset(r.code for r in settings.enabled_rules(ALL_RULES, document.path))
            file = relative_name(baseline.path, document.path)
            subject = Subject(file, FileResult(document.display, findings), codes)
            (result,), _ = baseline.apply([subject])
            findings = tuple(result.findings)
        positions = Positions(text, line_starts, self.encoding)
        diagnostics = tuple(diagnostic(f, positions) for f in findings)
        return Checked(version, text, findings, diagnostics, positions, settings, fmt)

    @property
    def encoding(self) -> str:
        encoding = self.server.workspace.position_encoding
        if isinstance(encoding, types.PositionEncodingKind):
            return encoding.value  # its str() is the member's name
        return encoding or UTF16

    def problem(self, document: OpenDocument, message: str, config: bool = False) -> None:
        """Show a one-line message once: for a config file, once until it changes;
        for a document, once until its problem changes."""
        if config:
            if message in self.shown:
                return
            self.shown.add(message)
            line = f"{NAME}: {message}"
        else:
            if document.problem == message:
                return
            document.problem = message
            line = f"{NAME}: {document.display}: {message}"
        self.server.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Warning, message=line)
        )

    def internal_error(self, document: OpenDocument, exc: Exception) -> None:
        """Log the traceback (standard error: the editor's LSP log) and say it in one line."""
        logger.error("%s: internal error", document.uri, exc_info=exc)
        self.problem(document, f"internal error ({type(exc).__name__}: {exc}); please report it")

    async def fixed(self, document: OpenDocument, unsafe: bool) -> list[types.TextEdit]:
        """The edit that applies every safe (or also unsafe) fix until stable."""
        checked = await self.current(document)
        if checked is None:
            return []
        try:
            result = await asyncio.get_running_loop().run_in_executor(
                self.engine,
                lambda: fix_text(
                    checked.text,
                    filename=document.display,
                    format=checked.fmt,
                    settings=checked.settings,
                    unsafe=unsafe,
                ),
            )
        except (NotConverged, PatternTimeout) as exc:
            self.problem(document, str(exc))
            return []
        except Exception as exc:  # a bug in a rule must not stop the server
            self.internal_error(document, exc)
            return []
        if result.text == checked.text or document.version != checked.version:
            return []  # nothing to do, or edits of a text that is not the editor's any more
        start, end, content = replacement(checked.text, result.text)
        return [types.TextEdit(to_range(checked.positions, start, end), content)]

    def workspace_edit(
        self, document: OpenDocument, version: int, edits: list[types.TextEdit]
    ) -> types.WorkspaceEdit:
        capabilities = self.server.client_capabilities
        versioned = bool(
            capabilities.workspace
            and capabilities.workspace.workspace_edit
            and capabilities.workspace.workspace_edit.document_changes
        )
        if versioned:
            identifier = types.OptionalVersionedTextDocumentIdentifier(document.uri, version)
            return types.WorkspaceEdit(
                document_changes=[types.TextDocumentEdit(identifier, list(edits))]
            )
        return types.WorkspaceEdit(changes={document.uri: list(edits)})

    # -- the protocol --------------------------------------------------------------------

    async def initialized(self, params: types.InitializedParams) -> None:
        """Ask to hear of changes to config and lexicon files, where the client can."""
        capabilities = self.server.client_capabilities
        watched = capabilities.workspace and capabilities.workspace.did_change_watched_files
        if not (watched and watched.dynamic_registration):
            return  # then a save of any document notices changed settings (see did_save)
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[
                types.FileSystemWatcher(glob_pattern="**/*.toml"),  # config, lexicon
                types.FileSystemWatcher(glob_pattern="**/*.json"),  # baseline
            ]
        )
        registration = types.Registration(
            id="transcript-lint-settings",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )
        with contextlib.suppress(Exception):  # the client may refuse; saves still work
            await self.server.client_register_capability_async(
                types.RegistrationParams([registration])
            )

    def did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        document = OpenDocument(
            item.uri, item.language_id, item.version, item.text, path_of(item.uri)
        )
        self.documents[item.uri] = document
        if self.settings_changed():
            self.reload()
        else:
            self.schedule(document, 0.0)

    def did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        document = self.documents.get(params.text_document.uri)
        if document is None:
            return
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                # The server asks for whole texts; a client that sends a range anyway
                # still gets it applied where LSP says it is.
                start, end = change.range.start, change.range.end
                document.text = edited(
                    document.text,
                    (start.line, start.character),
                    (end.line, end.character),
                    change.text,
                    self.encoding,
                )
            else:
                document.text = change.text
        document.version = params.text_document.version
        self.schedule(document, LONG_PAUSE if len(document.text) > LARGE else SHORT_PAUSE)

    def did_save(self, params: types.DidSaveTextDocumentParams) -> None:
        path = path_of(params.text_document.uri)
        if (path is not None and self.is_settings_file(path)) or self.settings_changed():
            self.reload()
            return
        document = self.documents.get(params.text_document.uri)
        if document is not None:
            document.checked = None  # checked again, as the CLI would check the saved file
            self.schedule(document, 0.0)

    def did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        document = self.documents.pop(params.text_document.uri, None)
        if document is not None and document.pending is not None:
            document.pending.cancel()
        self.server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(params.text_document.uri, [])
        )

    def did_change_watched_files(self, params: types.DidChangeWatchedFilesParams) -> None:
        paths = (path_of(change.uri) for change in params.changes)
        if any(path is not None and self.is_settings_file(path) for path in paths):
            self.reload()

    async def code_action(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        document = self.documents.get(params.text_document.uri)
        if document is None:
            return []
        try:
            checked = await self.current(document)
        except Superseded:
            return []
        if checked is None:
            return []
        only = params.context.only
        positions = checked.positions
        low = positions.offset(params.range.start.line, params.range.start.character)
        high = positions.offset(params.range.end.line, params.range.end.character)
        actions: list[types.CodeAction] = []
        for finding, diag in zip(checked.findings, checked.diagnostics, strict=True):
            if not (finding.start <= high and finding.end >= low):
                continue
            fix = finding.fix
            if (
                fix is not None
                and fix.safety is not Safety.DISPLAY_ONLY
                and kind_wanted(types.CodeActionKind.QuickFix, only)
            ):
                edits = [
                    types.TextEdit(to_range(positions, e.start, e.end), e.content)
                    for e in fix.edits
                ]
                actions.append(
                    types.CodeAction(
                        title=fix_title(finding),
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diag],
                        is_preferred=fix.safety is Safety.SAFE,
                        edit=self.workspace_edit(document, checked.version, edits),
                    )
                )
            if kind_wanted(types.CodeActionKind.QuickFix, only):
                suppression = self.suppression(document, checked, finding, diag)
                if suppression is not None:
                    actions.append(suppression)
        automatic = params.context.trigger_kind == types.CodeActionTriggerKind.Automatic
        for safety, (kind, title) in FIXES.items():
            wanted = {Safety.SAFE} if safety is Safety.SAFE else {Safety.SAFE, Safety.UNSAFE}
            if not (kind_wanted(kind, only) and any(f.safety in wanted for f in checked.findings)):
                continue
            unsafe = safety is Safety.UNSAFE
            data = {"uri": document.uri, "version": checked.version, "unsafe": unsafe}
            action = types.CodeAction(title=title, kind=kind, data=data)
            if not self.resolves_edits:
                if automatic and only is None:
                    continue  # asked at every move of the cursor: too dear to fix all each time
                action = await self.resolve(action)
                if action.edit is None:
                    continue
            actions.append(action)
        return actions

    @property
    def resolves_edits(self) -> bool:
        """Whether the client asks for a code action's edit only when it is chosen."""
        text_document = self.server.client_capabilities.text_document
        action = text_document.code_action if text_document else None
        support = action.resolve_support if action else None
        return support is not None and "edit" in support.properties

    async def resolve(self, action: types.CodeAction) -> types.CodeAction:
        """The edit of a fix-all action, computed when the user chooses it."""
        data = action.data if isinstance(action.data, dict) else {}
        document = self.documents.get(str(data.get("uri")))
        if document is None or document.version != data.get("version"):
            return action  # the text changed since: no edit rather than a wrong one
        try:
            edits = await self.fixed(document, unsafe=bool(data.get("unsafe")))
        except Superseded:
            return action
        if edits and document.version == data.get("version"):
            action.edit = self.workspace_edit(document, document.version, edits)
        return action

    def suppression(
        self, document: OpenDocument, checked: Checked, finding: Finding, diag: types.Diagnostic
    ) -> types.CodeAction | None:
        """A comment on the line before the finding's that turns its rule off there:
        in Markdown, and not inside a table, which a line of its own would end."""
        if checked.fmt is not Format.MARKDOWN:
            return None
        line = diag.range.start.line
        start = checked.positions.line_starts[line]
        text = checked.text
        indent_end = start
        while indent_end < len(text) and text[indent_end] in " \t":
            indent_end += 1
        if text.startswith("|", indent_end):
            return None
        newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n"
        comment = text[start:indent_end] + SUPPRESS.format(code=finding.code) + newline
        position = types.Position(line, 0)
        edit = types.TextEdit(types.Range(position, position), comment)
        return types.CodeAction(
            title=f"Disable {finding.code} for this line",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diag],
            edit=self.workspace_edit(document, checked.version, [edit]),
        )

    async def formatting(self, params: types.DocumentFormattingParams) -> list[types.TextEdit]:
        document = self.documents.get(params.text_document.uri)
        if document is None:
            return []
        try:
            return await self.fixed(document, unsafe=False)
        except Superseded:
            return []

    async def hover(self, params: types.HoverParams) -> types.Hover | None:
        document = self.documents.get(params.text_document.uri)
        if document is None:
            return None
        try:
            checked = await self.current(document)
        except Superseded:
            return None
        if checked is None:
            return None
        offset = checked.positions.offset(params.position.line, params.position.character)
        here = [f for f in checked.findings if f.start <= offset <= f.end]
        if not here:
            return None
        return types.Hover(
            contents=types.MarkupContent(types.MarkupKind.Markdown, hover_text(here)),
            range=to_range(checked.positions, here[0].start, here[0].end),
        )

    def shutdown(self, params: None) -> None:
        for document in self.documents.values():
            if document.pending is not None:
                document.pending.cancel()
        self.engine.shutdown(wait=False, cancel_futures=True)


def _stamp(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def build() -> LanguageServer:
    """The server with every feature registered (not started)."""
    server = LanguageServer(
        NAME, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
    )
    session = Session(server)
    features: list[tuple[str, Callable[..., object], object]] = [
        (types.INITIALIZED, session.initialized, None),
        (types.TEXT_DOCUMENT_DID_OPEN, session.did_open, None),
        (types.TEXT_DOCUMENT_DID_CHANGE, session.did_change, None),
        (types.TEXT_DOCUMENT_DID_SAVE, session.did_save, None),
        (types.TEXT_DOCUMENT_DID_CLOSE, session.did_close, None),
        (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, session.did_change_watched_files, None),
        (
            types.TEXT_DOCUMENT_CODE_ACTION,
            session.code_action,
            types.CodeActionOptions(
                code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL, FIX_ALL_UNSAFE],
                resolve_provider=True,
            ),
        ),
        (types.CODE_ACTION_RESOLVE, session.resolve, None),
        (types.TEXT_DOCUMENT_FORMATTING, session.formatting, None),
        (types.TEXT_DOCUMENT_HOVER, session.hover, None),
        (types.SHUTDOWN, session.shutdown, None),
    ]
    for method, handler, options in features:
        # A partial: pygls marks what it registers, and a bound method takes no marks.
        server.feature(method, options)(functools.partial(handler))
    return server
