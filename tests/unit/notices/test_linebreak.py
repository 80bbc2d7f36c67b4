"""Chinese line breaking: no line starts with closing punctuation or ends with opening punctuation, a
Latin word is not cut, and every character is kept, in order. Widths: 10 points a character."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from fieldapp.notices.linebreak import NO_LINE_END, NO_LINE_START, split_line


def _lines(text: str, width: float) -> list[str]:
    return [str(line[1]) for line in split_line(text, [10.0] * len(text), width)]


def test_a_comma_hangs_at_the_end_of_the_line_instead_of_starting_the_next() -> None:
    assert _lines("逾期未整改的，我单位将", 60) == ["逾期未整改的，", "我单位将"]


def test_two_closing_marks_move_down_with_the_character_before_them() -> None:
    # "）；" cannot both hang: "实" goes down with them.
    assert _lines("条（待核实）；《条例》", 50) == ["条（待核", "实）；《条", "例》"]
    # One that fits hangs alone.
    assert _lines("条（待核实）；《条例》", 60) == ["条（待核实）；", "《条例》"]


def test_an_opening_mark_does_not_end_a_line() -> None:
    assert _lines("依据规程（第三条）", 50) == ["依据规程", "（第三条）"]


def test_a_latin_word_is_not_cut() -> None:
    assert _lines("规程DL/T 448标准", 80) == ["规程DL/T", "448标准"]


def test_per_line_widths_and_extra_space_as_reportlab_gives_them() -> None:
    lines = split_line("一二三四五六七", [10.0] * 7, [30, 40])
    assert lines == [[0.0, "一二三"], [0.0, "四五六七"]]
    assert split_line("一二", [10.0] * 2, 50) == [[30.0, "一二"]]


@given(st.text(alphabet="一二三四五，。；：）（《》！？ ab1", min_size=1, max_size=80), st.integers(2, 12))
def test_every_character_is_kept_and_the_rules_hold(text: str, chars: int) -> None:
    lines = split_line(text, [10.0] * len(text), chars * 10.0)
    assert "".join(str(line[1]) for line in lines).replace(" ", "") == text.replace(" ", "")
    for previous, line in itertools.pairwise(lines):
        first, last = str(line[1])[:1], str(previous[1])[-1:]
        if first in NO_LINE_START:  # only when the line before could give nothing down
            assert len(str(previous[1])) <= 2 or all(c in NO_LINE_START for c in str(previous[1])[1:])
        if last in NO_LINE_END:
            assert len(str(previous[1])) == 1 or all(c in NO_LINE_END for c in str(previous[1]))
