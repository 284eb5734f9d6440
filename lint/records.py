"""Dataclasses that cost less to define: ``@record(frozen=True)`` for
``@dataclass(frozen=True)``.

``dataclasses.dataclass`` writes a class's ``__init__``, ``__repr__``, ``__eq__``
and, when frozen, ``__hash__``, ``__setattr__`` and ``__delattr__`` as Python source
and compiles each when the class is defined. For the classes a check imports that
was 137 M of the 620 M instructions of a one-file run (callgrind), most of it in
methods a run never calls. A ``record`` is a dataclass whose ``__init__`` (and
frozen ``__setattr__``, ``__delattr__``) dataclasses still write, and whose
``__repr__``, ``__eq__`` and ``__hash__`` are shared functions that read its fields:
the same text, the same equality and the same hash values as the ones dataclasses
writes (``tests/test_records.py``). Everything else is a dataclass's
(``dataclasses.fields``, ``replace``, ``asdict``, pickling).
"""

from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, TypeVar, cast, dataclass_transform

T = TypeVar("T")


@dataclass_transform(field_specifiers=(dataclasses.field,))
def record(*, frozen: bool = False, slots: bool = False) -> Callable[[type[T]], type[T]]:
    """``dataclasses.dataclass(frozen=frozen, slots=slots)``, its ``__repr__``,
    ``__eq__`` and ``__hash__`` not compiled for the class (see the module)."""

    def make(cls: type[T]) -> type[T]:
        made = dataclasses.dataclass(cls, repr=False, eq=False, frozen=frozen, slots=slots)
        fields = dataclasses.fields(cast(Any, made))
        _method(made, "__repr__", _repr([f.name for f in fields if f.repr]))
        _method(made, "__eq__", _eq(_values([f.name for f in fields if f.compare])))
        if frozen:  # hashed by the fields compared, as dataclasses does
            hashed = [f.name for f in fields if f.hash or (f.hash is None and f.compare)]
            _method(made, "__hash__", _hash(_values(hashed)))
        else:  # equal by value and mutable: not hashable, as dataclasses does
            made.__hash__ = None  # type: ignore[assignment]
        return made

    return make


def _method(cls: type, name: str, function: Callable[..., Any]) -> None:
    function.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, function)


def _values(names: Sequence[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of the named attributes of an object."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return lambda obj: ()


def _repr(names: Sequence[str]) -> Callable[[Any], str]:
    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _eq(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, object], Any]:
    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__
