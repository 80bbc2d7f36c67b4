"""Breaking Chinese text into lines the way Chinese print does, for ReportLab's CJK wrapping.

ReportLab cuts CJK text "like a knife" between any two characters (reportlab.lib.textsplit.dumbSplit) and
knows only Japanese's rules for what may not start a line, so a notice printed lines starting with "，"
or "；", and hung a closing bracket past a table cell's border. `split_line` keeps ReportLab's contract
(the same arguments, the same [extra space, text] lines) and adds the rules of GB/T 15834 (避头尾):

- a line does not start with closing punctuation (，。、：；！？ closing brackets, quotes, %, ℃ …): one
  such mark hangs at the end of the line before (the caller leaves room for it: render.CELL_HANG); a run of
  two or more (such as "）；") moves down together with the character before it instead;
- a line does not end with opening punctuation (（《“ …): it moves down to the next line;
- a run of Latin letters and digits ("DL/T 448—2016") breaks at a space or where Chinese resumes, as
  ReportLab does, rather than in the middle of a word."""

from __future__ import annotations

from collections.abc import Sequence

# Marks a line may not start with: ReportLab's (Japanese) list and the Chinese ones it lacks.
NO_LINE_START = frozenset(
    "!',.:;?\")]}%、。，：；！？）》〉」』】〕］｝〗〙〛〞”’·…—‐–～％℃°′″‰︰︱︲︳︴︵︶"
    "\u3005\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e\u30a1\u30a3\u30a5\u30a7\u30a9"
    "\u30c3\u30e3\u30e5\u30e7\u30ee\u30fc\u30f5\u30f6\u30fb"
)
# Marks a line may not end with.
NO_LINE_END = frozenset("([{（《〈「『【〔［｛〖〘〚〝“‘$£¥￥＄@#＠＃§")
FUZZ = 1e-6  # ReportLab's rl_config._FUZZ: a line may be this much too wide


def _latin(char: str) -> bool:
    """Part of a word that must not be cut: Latin letters, digits and the like (not a space)."""
    return ord(char) < 0x3000 and not char.isspace() and char not in NO_LINE_START


def _fit(widths: Sequence[float], start: int, room: float) -> int:
    """The end of the longest run from `start` that fits in `room` (at least one character)."""
    used = 0.0
    end = start
    while end < len(widths) and (used + widths[end] <= room + FUZZ or end == start):
        used += widths[end]
        end += 1
    return end


def _marks_after(word: str, at: int) -> list[int]:
    """The places of the marks a line may not start with from `at` on, spaces between them skipped (the
    next line is stripped of them)."""
    marks = []
    while at < len(word) and (word[at].isspace() or word[at] in NO_LINE_START):
        if not word[at].isspace():
            marks.append(at)
        at += 1
    return marks


def _break_at(word: str, start: int, end: int) -> int:
    """Where the line from `start` that would end before `end` ends, the rules applied."""
    if end >= len(word):
        return end
    # Inside a Latin word: back to a space or to where the Chinese stops, no further than halfway.
    if _latin(word[end]) and _latin(word[end - 1]):
        for j in range(end - 1, (start + end) // 2, -1):
            if word[j].isspace() or ord(word[j]) >= 0x3000:
                end = j + 1
                break
    marks = _marks_after(word, end)
    if marks:
        if len(marks) == 1:
            return marks[0] + 1  # one mark hangs at the end of this line
        # Two marks or more: they go down with the character before them.
        while end > start + 1 and (word[end - 1] in NO_LINE_START or word[end - 1].isspace()):
            end -= 1
        if end > start + 1:
            end -= 1
    while end > start + 1 and (word[end - 1] in NO_LINE_END or word[end - 1].isspace()):
        if word[end - 1].isspace() and word[start:end].rstrip()[-1:] not in NO_LINE_END:
            break  # trailing spaces before an ordinary character: the line is fine
        end -= 1
    return end


def split_line(word: str, widths: Sequence[float], max_widths: float | Sequence[float]) -> list[list[object]]:
    """ReportLab's dumbSplit with Chinese line-breaking rules: `word` split into lines no wider than
    `max_widths` (one width, or one per line, the last repeated) given each character's width; each line
    as [extra space, text], its text stripped of spaces at both ends."""
    limits = list(max_widths) if isinstance(max_widths, Sequence) else [max_widths]
    lines: list[list[object]] = []
    start = 0
    while start < len(word):
        room = limits[min(len(lines), len(limits) - 1)]
        end = _break_at(word, start, _fit(widths, start, room))
        lines.append([room - sum(widths[start:end]), word[start:end].strip()])
        start = end
    return lines
