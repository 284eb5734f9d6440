"""What a rule is: a code, a name, a pure check function and its documentation.

Rules are pure: given a ``Document`` and a ``Context`` they yield ``Violation``s and
never read files or print. The engine turns violations into ``Diagnostic``s carrying
the rule's code.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import regex

from lint.document import Document
from lint.evidence import Evidence, Gatherer
from lint.fix import Fix, Safety
from lint.lexicon import Lexicon

CODE_PATTERN = regex.compile(r"[A-Z]{2}\d{3}")
NAME_PATTERN = regex.compile(r"[a-z]+(?:-[a-z]+)*")
DOC_SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Fix safety")


class Availability(enum.Enum):
    """How often a rule can offer a fix."""

    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


@dataclass(frozen=True)
class Context:
    """What a rule may know besides the document: settings resolved for its file,
    the project lexicon, and the evidence gathered from the whole run."""

    words: frozenset[str] = frozenset()
    terms: tuple[str, ...] = ()
    verbatim: bool = False
    lexicon: Lexicon = field(default_factory=Lexicon)
    evidence: Evidence = field(default_factory=Evidence)


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule reports: a span of the document, a message, maybe a fix."""

    start: int
    end: int
    message: str
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    start: int
    end: int
    message: str
    fix: Fix | None = None


Check = Callable[[Document, Context], Iterator[Violation]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    check: Check = field(repr=False, compare=False)
    fix: Availability
    safety: tuple[Safety, ...]
    default: bool
    evidence: tuple[Gatherer, ...] = ()

    @property
    def family(self) -> str:
        return self.code[:2]

    @property
    def doc(self) -> str:
        """The rule's documentation: its check function's docstring, dedented."""
        import inspect  # 10 ms to import, and only `rule CODE` and reports read docs

        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0].strip()

    def run(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for v in self.check(doc, ctx):
            yield Diagnostic(self.code, v.start, v.end, v.message, v.fix)


def rule(
    code: str,
    name: str,
    *,
    fix: Availability = Availability.NEVER,
    safety: tuple[Safety, ...] = (),
    default: bool = True,
    evidence: tuple[Gatherer, ...] = (),
) -> Callable[[Check], Rule]:
    """Declare a check function as a rule; its docstring is the rule's documentation.

    ``fix`` says how often the rule offers a fix, ``safety`` which safety classes its
    fixes can have (decided per finding), ``evidence`` what it needs gathered from
    the whole corpus before it runs.
    """

    def declare(check: Check) -> Rule:
        return Rule(code, name, check, fix, safety, default, evidence)

    return declare


def gatherers_of(rules: Iterable[Rule]) -> tuple[Gatherer, ...]:
    """Every gatherer the rules declare, each once, ordered by name."""
    found: dict[str, Gatherer] = {}
    for r in rules:
        for g in r.evidence:
            found.setdefault(g.name, g)
    return tuple(found[name] for name in sorted(found))
