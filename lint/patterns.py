"""Regular expressions compiled on first use.

A module constant written ``_DATE = lazy_regex(r"...")`` reads like a compiled pattern
and is used like one, but costs nothing at import: about half of the project's
patterns are never used on a given file, and compiling all of them took a third of
a one-file run's start-up.

The first call of ``search``, ``match``, ``finditer``, ... compiles the pattern and
puts the compiled pattern's own bound methods on the object, so later calls go
straight to the regex engine. Any other attribute (``groupindex``, ``flags``) is
asked of the compiled pattern. The only state is that memo, per object; two threads
that use a pattern first at the same time both compile it, which is harmless.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, AnyStr, cast

import regex

# The calls the project makes of a compiled pattern; each is replaced by the compiled
# pattern's own method at first use.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _LazyPattern:
    """Stands for the pattern ``compile(source, flags)`` until it is first used."""

    def __init__(self, compile: Callable[..., Any], source: str | bytes, flags: int) -> None:
        self._compile = compile
        self._flags = flags
        self.pattern = source

    def _compiled(self) -> Any:
        compiled = self._compile(self.pattern, self._flags)
        members = vars(self)
        for name in _METHODS:
            members[name] = getattr(compiled, name)
        members["_pattern"] = compiled
        return compiled

    def __getattr__(self, name: str) -> Any:
        # Reached only for what the object does not hold itself: after the first use,
        # the compiled pattern's other attributes.
        if name.startswith("__"):
            raise AttributeError(name)
        pattern = vars(self).get("_pattern") or self._compiled()
        return getattr(pattern, name)

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().search(*args, **kwargs)

    def match(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().match(*args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().fullmatch(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().finditer(*args, **kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().findall(*args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().sub(*args, **kwargs)

    def subn(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().subn(*args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().split(*args, **kwargs)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (to a worker process) as what it stands for, not as its memo.
        return (_LazyPattern, (self._compile, self.pattern, self._flags))

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy_regex(source: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(source, flags)``, compiled at first use."""
    return cast("regex.Pattern[str]", _LazyPattern(regex.compile, source, flags))


def lazy_re(source: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(source, flags)`` (the standard library's engine), compiled at first use."""
    return cast("re.Pattern[AnyStr]", _LazyPattern(re.compile, source, flags))
