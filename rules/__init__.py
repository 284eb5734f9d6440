"""The rule families. ``ALL_RULES`` lists every rule, in code order."""

from __future__ import annotations

from lint.rule import Rule
from rules import (
    casing,
    encoding,
    merged_words,
    page_furniture,
    spelling,
    subtitles,
    suppression,
    transcript,
    whitespace,
)

ALL_RULES: tuple[Rule, ...] = (
    whitespace.trailing_whitespace,
    whitespace.multiple_spaces,
    whitespace.multiple_blank_lines,
    whitespace.space_before_punctuation,
    whitespace.missing_final_newline,
    whitespace.mixed_line_endings,
    whitespace.unusual_space,
    whitespace.leading_blank_lines,
    whitespace.trailing_blank_lines,
    whitespace.long_line,
    encoding.mojibake,
    encoding.invisible_character,
    encoding.control_character,
    encoding.replacement_character,
    encoding.html_entity,
    encoding.html_tag,
    encoding.stray_byte,
    merged_words.camel_joined_words,
    merged_words.run_together_words,
    merged_words.missing_space_after_sentence,
    merged_words.missing_space_after_comma,
    merged_words.hyphen_space_in_word,
    page_furniture.pagination_strip,
    page_furniture.page_marker,
    page_furniture.line_number_gutter,
    page_furniture.boilerplate_line,
    page_furniture.running_head,
    subtitles.invalid_cue_timing,
    subtitles.overlapping_cues,
    subtitles.empty_cue,
    subtitles.cue_out_of_order,
    subtitles.webvtt_timestamp_format,
    casing.inconsistent_casing,
    casing.term_casing,
    casing.lowercase_sentence_start,
    casing.capital_in_mid_sentence,
    spelling.misspelled_word,
    spelling.doubled_word,
    spelling.stripped_apostrophe,
    transcript.speaker_label_variants,
    transcript.glued_marker,
    transcript.empty_speaker_turn,
    transcript.lost_speaker_label,
    suppression.unused_suppression,
)


def registry() -> tuple[Rule, ...]:
    """Every rule; a plain function so worker processes can be handed it by name."""
    return ALL_RULES
