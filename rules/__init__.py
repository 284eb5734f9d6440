"""The rule families. ``ALL_RULES`` lists every rule, in code order."""

from __future__ import annotations

from lint.rule import Rule
from rules import encoding, page_furniture, subtitles, whitespace

ALL_RULES: tuple[Rule, ...] = (
    whitespace.trailing_whitespace,
    whitespace.multiple_spaces,
    whitespace.multiple_blank_lines,
    whitespace.space_before_punctuation,
    whitespace.missing_final_newline,
    whitespace.mixed_line_endings,
    whitespace.unusual_space,
    encoding.mojibake,
    encoding.invisible_character,
    encoding.control_character,
    encoding.replacement_character,
    encoding.html_entity,
    encoding.html_tag,
    page_furniture.pagination_strip,
    page_furniture.page_marker,
    page_furniture.line_number_gutter,
    page_furniture.boilerplate_line,
    subtitles.invalid_cue_timing,
)


def registry() -> tuple[Rule, ...]:
    """Every rule; a plain function so worker processes can be handed it by name."""
    return ALL_RULES
