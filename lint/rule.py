"""What a rule is: a code, a name, a pure check function and its documentation.

Rules are pure: given a ``Document`` and a ``Context`` they yield ``Violation``s and
never read files or print. The engine turns violations into ``Diagnostic``s carrying
the rule's code.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field

from lint.document import Document
from lint.evidence import Evidence, Gatherer
from lint.fix import Fix, Safety
from lint.lexicon import Lexicon
from lint.patterns import lazy_regex
from lint.records import record

CODE_PATTERN = lazy_regex(r"[A-Z]{2}\d{3}")
NAME_PATTERN = lazy_regex(r"[a-z]+(?:-[a-z]+)*")
DOC_SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Fix safety")


class Availability(enum.Enum):
    """How often a rule can offer a fix."""

    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


@record(frozen=True)
class Context:
    """What a rule may know besides the document: settings resolved for its file,
    the project lexicon, and the evidence gathered from the whole run."""

    words: frozenset[str] = frozenset()
    terms: tuple[str, ...] = ()
    verbatim: bool = False
    lexicon: Lexicon = field(default_factory=Lexicon)
    evidence: Evidence = field(default_factory=Evidence)


@record(frozen=True, slots=True)
class Violation:
    """What a rule reports: a span of the document, a message, maybe a fix."""

    start: int
    end: int
    message: str
    fix: Fix | None = None


@record(frozen=True, slots=True)
class Diagnostic:
    code: str
    start: int
    end: int
    message: str
    fix: Fix | None = None


Check = Callable[[Document, Context], Iterator[Violation]]


@record(frozen=True)
class Rule:
    code: str
    name: str
    check: Check = field(repr=False, compare=False)
    fix: Availability
    safety: tuple[Safety, ...]
    default: bool
    evidence: tuple[Gatherer, ...] = ()
    # What must occur in the text for the rule to find anything: one of these
    # characters or one of these longer literals (see ``rule``).
    trigger_characters: frozenset[str] = frozenset()
    trigger_literals: tuple[str, ...] = ()

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
        if (self.trigger_characters or self.trigger_literals) and not doc.contains_any(
            self.trigger_characters, self.trigger_literals
        ):
            return  # what the rule looks for cannot occur: no Python logic runs
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
    triggers: Iterable[str] = (),
) -> Callable[[Check], Rule]:
    """Declare a check function as a rule; its docstring is the rule's documentation.

    ``fix`` says how often the rule offers a fix, ``safety`` which safety classes its
    fixes can have (decided per finding), ``evidence`` what it needs gathered from
    the whole corpus before it runs. ``triggers`` are literals of which one must
    occur in the text for the rule to find anything (a character the rule looks
    for, say): a document with none of them costs the rule one test in C. They are
    searched for in the raw text, not the masked view (where protected regions are
    spaces): a literal holding a space suits only a rule that flags unmasked text.
    """

    def declare(check: Check) -> Rule:
        literals = tuple(sorted({t for t in triggers if len(t) > 1}))
        singles = frozenset(t for t in triggers if len(t) == 1)
        return Rule(code, name, check, fix, safety, default, evidence, singles, literals)

    return declare


def characters(members: str) -> frozenset[str]:
    """The characters of a character class written without brackets or escapes
    (`"\\x00-\\x08\\x0b"`, ranges as `a-z`): the triggers of a rule whose pattern is
    that class, so that pattern and triggers are written once."""
    found: set[str] = set()
    i = 0
    while i < len(members):
        if i + 2 < len(members) and members[i + 1] == "-":
            found.update(map(chr, range(ord(members[i]), ord(members[i + 2]) + 1)))
            i += 3
        else:
            found.add(members[i])
            i += 1
    return frozenset(found)


def gatherers_of(rules: Iterable[Rule]) -> tuple[Gatherer, ...]:
    """Every gatherer the rules declare, each once, ordered by name."""
    found: dict[str, Gatherer] = {}
    for r in rules:
        for g in r.evidence:
            found.setdefault(g.name, g)
    return tuple(found[name] for name in sorted(found))
