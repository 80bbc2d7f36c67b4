"""`fieldapp users add` and `fieldapp users list`: the PIN asked twice without echo, the first user an admin,
an inspector linked by staff number, refusals on stderr with exit status 2."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp import cli_users
from fieldapp.cli import main


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What the user types at the PIN prompts, in order."""
    answers: list[str] = []
    monkeypatch.setattr(cli_users.getpass, "getpass", lambda prompt="": answers.pop(0))
    yield answers


def test_users_are_added_and_listed(
    tmp_path: Path, typed: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert main([*data, "demo"]) == 0
    typed[:] = ["3691", "3691"]
    assert main([*data, "users", "add", "--name", "王检查", "--role", "inspector"]) == 2
    assert "第一个用户须为管理员" in capsys.readouterr().err
    typed[:] = ["2580", "2580"]
    assert main([*data, "users", "add", "--name", "李管理", "--role", "admin"]) == 0
    typed[:] = ["3691", "3691"]
    assert (
        main([*data, "users", "add", "--name", "王检查", "--role", "inspector", "--inspector", "YJ001"]) == 0
    )
    typed[:] = ["4826", "4827"]
    assert main([*data, "users", "add", "--name", "赵检查", "--role", "office"]) == 2
    assert "两次输入的 PIN 不一致" in capsys.readouterr().err
    typed[:] = ["1111", "1111"]
    assert main([*data, "users", "add", "--name", "赵检查", "--role", "office"]) == 2
    assert "同一个数字" in capsys.readouterr().err
    assert main([*data, "users", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2:] == ["李管理\tadmin\t—\t正常 active", "王检查\tinspector\tYJ001 王建国\t正常 active"]
