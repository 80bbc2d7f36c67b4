"""`fieldapp users add` and `fieldapp users list`: the people who sign in on this device
(fieldapp.services.users). The command line acts as the device itself (an administrator): whoever can run
it can read the database anyway. The PIN is read twice without echo, never from an argument, which would
stay in the shell's history."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

from fieldapp.cli_sync import cli_backend
from fieldapp.domain.errors import ValidationError

if TYPE_CHECKING:
    pass

ROLES = ("inspector", "office", "admin")


def add_users_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    users = commands.add_parser(
        "users",
        help="the people who sign in on this device with a PIN",
        description="本机用户 — once a device has users, the app asks for a name and a PIN at start and "
        "after it has been idle. The first user must be an admin. Users stay on this device: they never "
        "travel in a sync bundle.",
    )
    actions = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a user (the PIN is asked for twice, not shown)")
    add.add_argument("--name", required=True, help="the name shown on the sign-in screen")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--inspector", metavar="STAFF_NO", help="the inspector this user is (staff number)")
    add.set_defaults(run=_users_add)
    listing = actions.add_parser("list", help="one user a line: name, role, inspector, state")
    listing.set_defaults(run=_users_list)


def read_pin() -> str:
    """The PIN typed twice; tests replace getpass."""
    first = getpass.getpass("PIN (4–8 位数字 digits): ")
    if getpass.getpass("再输入一次 PIN (again): ") != first:
        raise ValidationError("两次输入的 PIN 不一致 (the two PINs differ)", field="pin")
    return first


def _users_add(args: argparse.Namespace) -> int:
    from fieldapp.domain.roles import check_pin
    from fieldapp.services.inspectors import list_inspectors
    from fieldapp.services.users import create_user

    with cli_backend(args) as backend:
        inspector_id = None
        if args.inspector:
            found = [i for i in backend.call(list_inspectors) if i.staff_no == args.inspector.strip()]
            if not found:
                raise ValidationError(
                    f"没有工号为 {args.inspector} 的检查员 (no such inspector)", field="inspector"
                )
            inspector_id = found[0].id
        pin = check_pin(read_pin())
        backend.call(create_user, args.name, args.role, pin, inspector_id=inspector_id)
    print(f"已添加用户 {args.name}（{args.role}）(user added)")
    return 0


def _users_list(args: argparse.Namespace) -> int:
    from fieldapp.services.users import list_users

    with cli_backend(args) as backend:
        rows = backend.call(list_users)
    for row in rows:
        state = "停用 inactive" if not row.active else ("锁定 locked" if row.locked_until else "正常 active")
        print(f"{row.name}\t{row.role.value}\t{row.inspector_label or '—'}\t{state}")
    if not rows:
        print("本机没有用户：无需登录 (no users: nobody signs in on this device)", file=sys.stderr)
    return 0
