"""The user guide (resources/guide/) against the app: every picture it shows is there (and small enough to
ship), every link to a file leads somewhere, every `fieldapp ...` command it names exists in the command
line's parser with the options it uses, and the Chinese and English editions have the same sections with
the same pictures, so neither falls behind the other."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from testkit import REPO_ROOT

from fieldapp.cli import build_parser

GUIDE_DIR = REPO_ROOT / "resources" / "guide"
GUIDES = {"zh_CN": GUIDE_DIR / "guide.zh_CN.md", "en": GUIDE_DIR / "guide.en.md"}
MAX_PICTURE_BYTES = 200_000
# Jobs added while the guide was written, whose sections are still to come (PIN sign-in and user roles,
# the customer profile PDF). Take each out once the guide shows it.
NOT_YET_IN_THE_GUIDE: set[str] = set()

FENCE = re.compile(r"^```")
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
# `fieldapp ...`, or the frozen build's `dist\fieldapp\fieldapp.exe ...`
COMMAND_START = re.compile(r"^(?:\S*[\\/])?fieldapp(?:\.exe)?(?=\s|$)")


@dataclass(frozen=True)
class Section:
    level: int
    title: str
    pictures: tuple[str, ...]


def lines_outside_and_inside_code(text: str) -> tuple[list[str], list[str]]:
    prose: list[str] = []
    code: list[str] = []
    fenced = False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        (code if fenced else prose).append(line)
    return prose, code


def sections(path: Path) -> list[Section]:
    prose, _code = lines_outside_and_inside_code(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str, list[str]]] = []
    for line in prose:
        heading = HEADING.match(line)
        if heading:
            found.append((len(heading.group(1)), heading.group(2), []))
        elif found:
            found[-1][2].extend(Path(target).name for target in IMAGE.findall(line))
    return [Section(level, title, tuple(pictures)) for level, title, pictures in found]


def commands(path: Path) -> list[str]:
    """Every command line the guide shows: inline code and lines of code blocks that start with fieldapp."""
    prose, code = lines_outside_and_inside_code(path.read_text(encoding="utf-8"))
    candidates = [span for line in prose for span in CODE_SPAN.findall(line)]
    candidates += [line.split(" #", 1)[0] for line in code]
    return [c.strip().replace("\\|", "|") for c in candidates if COMMAND_START.match(c.strip())]


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def check_command(line: str) -> list[str]:
    """What in `line` the parser does not know: a command or an option. A word in <angle brackets> stands
    for any command; the words after an option that takes a value are its value; other words under a
    command without sub-commands are its own arguments."""
    words = COMMAND_START.sub("", line).split()
    chain = [build_parser()]
    takes_value = False
    for raw in words:
        word = raw.strip("[]")
        if word.startswith("-"):
            option = word.split("=", 1)[0]
            actions = {o: a for parser in chain for a in parser._actions for o in a.option_strings}
            if option not in actions:
                return [f"{line!r}: no option {option} for {chain[-1].prog}"]
            takes_value = "=" not in word and actions[option].nargs != 0
            continue
        if takes_value:
            takes_value = False
            continue
        if word.startswith("<") and word.endswith(">"):
            return []  # a placeholder for any command
        choices = subcommands(chain[-1])
        if not choices:
            continue  # an argument of the command
        if word not in choices:
            return [f"{line!r}: no command {word!r} under {chain[-1].prog}"]
        chain.append(choices[word])
    return []


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_every_picture_is_there_and_small(lang: str) -> None:
    guide = GUIDES[lang]
    targets = IMAGE.findall(guide.read_text(encoding="utf-8"))
    assert len(targets) >= 15, "the guide shows the main pages"
    for target in targets:
        picture = (guide.parent / target).resolve()
        assert picture.is_file(), f"{guide.name}: {target} is missing"
        assert picture.suffix == ".png", target
        assert picture.stat().st_size < MAX_PICTURE_BYTES, f"{target}: {picture.stat().st_size} bytes"
    if lang == "en":
        assert all(target.startswith("img/en/") for target in targets), "the English guide shows English"


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_every_link_to_a_file_leads_somewhere(lang: str) -> None:
    guide = GUIDES[lang]
    for target in LINK.findall(guide.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://", "#")):
            continue
        assert (guide.parent / target.split("#", 1)[0]).resolve().exists(), f"{guide.name}: {target}"


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_every_command_named_exists(lang: str) -> None:
    named = commands(GUIDES[lang])
    assert len(named) >= 20, named
    top = subcommands(build_parser())
    mentioned = {COMMAND_START.sub("", c).split()[0] for c in named if COMMAND_START.sub("", c).split()}
    missing = set(top) - NOT_YET_IN_THE_GUIDE - mentioned
    assert not missing, f"jobs the guide does not show: {sorted(missing)}"
    problems = [problem for line in named for problem in check_command(line)]
    assert not problems, "\n".join(problems)


def test_the_check_catches_a_command_or_option_that_does_not_exist() -> None:
    assert check_command("fieldapp report serious --out list.pdf") == []
    assert check_command("fieldapp notice --all --out-dir notices") == []
    assert check_command("fieldapp <job> --help") == []
    assert check_command("fieldapp sync --now")  # no such command
    assert check_command("fieldapp export --everything")  # no such option
    assert check_command("fieldapp report weekly --out x.pdf")  # no such report


def test_both_guides_have_the_same_sections_and_pictures() -> None:
    chinese, english = sections(GUIDES["zh_CN"]), sections(GUIDES["en"])
    assert [(s.level, s.pictures) for s in chinese] == [(s.level, s.pictures) for s in english]
    # Numbered headings carry the same numbers in both.
    number = re.compile(r"^(\d+(?:\.\d+)*)\s")
    for zh, en in zip(chinese, english, strict=True):
        zh_number, en_number = number.match(zh.title), number.match(en.title)
        assert (zh_number and zh_number.group(1)) == (en_number and en_number.group(1)), (zh.title, en.title)


def test_the_readme_links_both_guides() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for guide in GUIDES.values():
        assert f"({guide.relative_to(REPO_ROOT).as_posix()})" in readme, guide.name
