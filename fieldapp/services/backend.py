"""Opening the app's storage: the data dir, the database (migrated, backed up first), this device's code
and the built-in templates. The GUI and the command line reach the use cases through `Backend.call`, which
gives each user action its own session and commits it, so neither ever holds a Session itself."""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session

from fieldapp.domain.errors import DatabaseError
from fieldapp.paths import DataPaths, checklists_dir, data_paths, legal_dir
from fieldapp.services.access import ACTOR, Actor
from fieldapp.services.backups import take_backup
from fieldapp.services.legal import install_builtin_library
from fieldapp.services.settings_store import get_setting, set_setting
from fieldapp.services.templates import install_builtin_templates
from fieldapp.store.engine import DEVICE_CODE, Database
from fieldapp.store.migrate import upgrade_database
from fieldapp.store.models import Device

P = ParamSpec("P")
R = TypeVar("R")

log = logging.getLogger(__name__)

BUILTIN_DIGEST = "builtin.content_sha256"
_DEVICE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: read aloud and typed by people


@dataclass
class Backend:
    paths: DataPaths
    database: Database
    backup_taken: str | None = None
    # The signed-in user, put into every session this backend opens (fieldapp.services.access); None: the
    # device itself (the command line, a device without users).
    actor: Actor | None = None

    @property
    def device_code(self) -> str:
        return self.database.device_code

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.database.session() as session:
            if self.actor is not None:
                session.info[ACTOR] = self.actor
            yield session

    def call(self, action: Callable[Concatenate[Session, P], R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """Run one use case in its own session and commit it before returning. A failure of the database
        itself (a lost connection, a full disk) comes back as a DatabaseError with its reason."""
        try:
            with self.session() as session:
                return action(session, *args, **kwargs)
        except SQLAlchemyError as exc:
            raise DatabaseError(
                f"数据库操作失败：{_safe_error(getattr(exc, 'orig', None) or exc, self.database.url)} "
                "(the database failed)"
            ) from exc

    def backup(self, label: str) -> str | None:
        """A consistent copy of the database in backups/ (SQLite's backup API, safe while the app runs),
        then the rotation (fieldapp.services.backups); None on PostgreSQL, whose server is backed up by its
        own tools."""
        taken = take_backup(self.database, self.paths.backups, label)
        return str(taken) if taken else None

    def close(self) -> None:
        self.database.dispose()


def open_backend(data_dir: str | None = None, db_url: str | None = None) -> Backend:
    paths = data_paths(data_dir)
    url = db_url or paths.sqlite_url()
    shown = _safe_url(url)
    try:
        paths.ensure()
    except OSError as exc:
        raise DatabaseError(
            f"无法使用数据目录 {paths.root}：{exc.strerror or exc} (cannot use the data folder)"
        ) from exc
    try:
        database = Database(url)
    except (SQLAlchemyError, ValueError) as exc:
        raise DatabaseError(
            f"无法打开数据库 {shown}：{_safe_error(exc, url)} (cannot open the database)"
        ) from exc
    try:
        backup = upgrade_database(database.engine, paths.backups)
        database.device_code = _ensure_device(database)
        with database.session() as session:
            _install_builtin_content(session)
    except (SQLAlchemyError, OSError) as exc:
        database.dispose()
        raise DatabaseError(
            f"无法打开数据库 {shown}：{_safe_error(exc, url)} (cannot open the database)"
        ) from exc
    except BaseException:
        database.dispose()
        raise
    if backup:
        log.info("database schema upgraded; the database as it was is kept in %s", backup)
    log.info("database %s open (device %s, data folder %s)", shown, database.device_code, paths.root)
    return Backend(paths, database, backup)


def _safe_url(url: str) -> str:
    """The URL as it may be shown or logged: never with its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(无效的数据库地址 invalid database URL)"


def _safe_error(exc: BaseException, url: str) -> str:
    text = str(exc)
    try:
        password = make_url(url).password
    except (ArgumentError, ValueError):
        password = None
    return text.replace(str(password), "***") if password else text


def _builtin_content_digest() -> str:
    """A digest of the shipped checklists and legal library, as files: reading bytes is cheap, parsing
    and comparing every template on every start is not."""
    digest = hashlib.sha256()
    for path in sorted([*checklists_dir().glob("*.toml"), *legal_dir().glob("*.toml")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _install_builtin_content(session: Session) -> None:
    """Install the shipped templates and library once per version of their files."""
    digest = _builtin_content_digest()
    if get_setting(session, BUILTIN_DIGEST) == digest:
        return
    install_builtin_templates(session, checklists_dir())
    install_builtin_library(session, legal_dir())
    set_setting(session, BUILTIN_DIGEST, digest)


def _ensure_device(database: Database) -> str:
    """Each device gets a short random code on first start; notice numbers carry it, which is what keeps
    them unique without a network."""
    with database.session() as session:
        code = str(get_setting(session, "device.code"))
        if code:
            return code
        code = "T" + "".join(secrets.choice(_DEVICE_ALPHABET) for _ in range(5))
        set_setting(session, "device.code", code)
        session.info[DEVICE_CODE] = code  # the device's own row is stamped with its code, like every other
        session.add(Device(code=code, name=""))
    return code
