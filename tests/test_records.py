"""A record behaves as the dataclass it stands for: the same text, equality, hash
values, immutability and dataclass functions."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from lint.records import record


@record(frozen=True)
class FrozenRecord:
    name: str
    count: int = 0
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class FrozenClass:
    name: str
    count: int = 0
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False, repr=False)


@record(slots=True)
class PlainRecord:
    value: object
    items: list[int] = field(default_factory=list)


@dataclass(slots=True)
class PlainClass:
    value: object
    items: list[int] = field(default_factory=list)


@record(frozen=True, slots=True)
class OneField:
    only: str


@dataclass(frozen=True, slots=True)
class OneFieldClass:
    only: str


@record(frozen=True)
class NoField:
    pass


@dataclass(frozen=True)
class NoFieldClass:
    pass


def as_class(text: str, record_name: str, class_name: str) -> str:
    return text.replace(record_name, class_name)


@pytest.mark.parametrize(
    ("made", "twin"),
    [
        (FrozenRecord("a", 2, ("x",), note="n"), FrozenClass("a", 2, ("x",), note="n")),
        (FrozenRecord("it's"), FrozenClass("it's")),
        (OneField("b"), OneFieldClass("b")),
        (NoField(), NoFieldClass()),
    ],
)
def test_a_frozen_record_is_shown_compared_and_hashed_as_its_dataclass(
    made: object, twin: object
) -> None:
    name, twin_name = type(made).__qualname__, type(twin).__qualname__
    assert as_class(repr(made), name, twin_name) == repr(twin)
    assert hash(made) == hash(twin)
    assert made == dataclasses.replace(made)  # type: ignore[type-var]
    assert made != twin  # another class
    fields = dataclasses.fields(made)  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, fields[0].name if fields else "extra", 1)
    assert pickle.loads(pickle.dumps(made)) == made


def test_equality_and_hash_follow_the_fields_compared() -> None:
    assert FrozenRecord("a", note="one") == FrozenRecord("a", note="two")
    assert hash(FrozenRecord("a", note="one")) == hash(FrozenRecord("a", note="two"))
    assert FrozenRecord("a", 1) != FrozenRecord("a", 2)
    assert FrozenRecord("a", 1).__eq__(FrozenClass("a", 1)) is NotImplemented
    assert {FrozenRecord("a"), FrozenRecord("a"), FrozenRecord("b")} == {
        FrozenRecord("a"),
        FrozenRecord("b"),
    }


def test_a_plain_record_is_mutable_equal_by_value_and_not_hashable() -> None:
    made, twin = PlainRecord(1), PlainClass(1)
    made.items.append(2)
    twin.items.append(2)
    assert as_class(repr(made), "PlainRecord", "PlainClass") == repr(twin)
    assert made == PlainRecord(1, [2]) and made != PlainRecord(1, [3])
    made.value = 5
    assert made.value == 5
    with pytest.raises(TypeError):
        hash(made)
    with pytest.raises(AttributeError):  # slots: no other attribute
        made.other = 1  # type: ignore[attr-defined]
    assert [f.name for f in dataclasses.fields(made)] == ["value", "items"]
    assert dataclasses.asdict(made) == {"value": 5, "items": [2]}


def test_a_record_that_holds_itself_is_shown_as_a_dataclass_is() -> None:
    made, twin = PlainRecord(None), PlainClass(None)
    made.value, twin.value = made, twin
    assert as_class(repr(made), "PlainRecord", "PlainClass") == repr(twin)
    assert repr(made) == "PlainRecord(value=..., items=[])"
