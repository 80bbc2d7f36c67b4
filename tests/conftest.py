"""Fixtures shared by every test folder: a database on each engine, a backend opened on it, and a small set of
inspectors, customers and the built-in template made through the use cases.

Engines. `database_url` and `backend` run a test twice: on a SQLite file in tmp_path and on the PostgreSQL
server named by FIELDAPP_TEST_PG_URL (`bash .ci/start-postgres` prints it). Without that variable the
PostgreSQL variant is skipped, except under CI=true, where it fails: CI must never pass by silently leaving
PostgreSQL out.

Isolation, and what it costs (measured here on 2 cores, PostgreSQL with fsync on, while other jobs ran):
- `database_url` is an empty database. PostgreSQL: each pytest process has databases of its own on the
  server (so two runs at once never meet); before each test the `public` schema is dropped and recreated
  (~20 ms; creating and dropping a whole database per test took ~35 ms idle and far more under load).
- `backend` is open_backend() on a database already at the newest schema with every table empty. SQLite: a
  copy of a file open_backend() migrated once per session (~6 ms, against ~65 ms to migrate again).
  PostgreSQL: one migrated database per session, every row deleted before each test, then open_backend()
  (~50 ms in all, against ~85 ms with TRUNCATE, ~190 ms to drop the schema and migrate again and ~410 ms
  to CREATE DATABASE ... TEMPLATE a migrated one: CREATE DATABASE syncs every file it copies)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from testkit import BUILTIN_TEMPLATE, SAMPLE_CUSTOMERS, Sample

from fieldapp.domain.enums import InspectorGrade
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.customers import create_customer
from fieldapp.services.inspectors import create_inspector
from fieldapp.services.templates import latest_template_id
from fieldapp.store.migrate import HEAD_REVISION, current_revision, upgrade_database
from fieldapp.store.models import Base

PG_URL_ENV = "FIELDAPP_TEST_PG_URL"


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _admin_engine(url: str) -> Engine:
    return create_engine(url, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def postgres_base_url() -> str:
    """The test server's URL from FIELDAPP_TEST_PG_URL; skipped without it, failed without it on CI."""
    base = os.environ.get(PG_URL_ENV, "").strip()
    if not base:
        message = f"{PG_URL_ENV} is not set: start a server with `bash .ci/start-postgres` and export its URL"
        if _on_ci():
            pytest.fail(f"CI=true but {message}", pytrace=False)
        pytest.skip(message)
    return base


class PostgresServer:
    """Creates databases on the test server, named for this pytest process so that two runs at once never
    meet, and drops them again."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.admin = _admin_engine(base_url)
        self.created: list[str] = []
        self._engines: dict[str, Engine] = {}

    def engine(self, url: str) -> Engine:
        """A pooled engine for the fixtures' own housekeeping in one of the databases."""
        if url not in self._engines:
            self._engines[url] = create_engine(url)
        return self._engines[url]

    def create(self, template: str | None = None) -> str:
        name = f"fieldapp_t_{os.getpid()}_{uuid.uuid4().hex[:10]}"
        clause = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        self.created.append(name)
        return make_url(self.base_url).set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        if url in self._engines:
            self._engines.pop(url).dispose()
        name = make_url(url).database
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if name in self.created:
            self.created.remove(name)

    def close(self) -> None:
        for name in list(self.created):
            self.drop(make_url(self.base_url).set(database=name).render_as_string(hide_password=False))
        self.admin.dispose()


@pytest.fixture(scope="session")
def postgres_server(postgres_base_url: str) -> Iterator[PostgresServer]:
    server = PostgresServer(postgres_base_url)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def postgres_session_url(postgres_server: PostgresServer) -> str:
    """This session's own database; `postgres_url` empties it before each test."""
    return postgres_server.create()


def reset_postgres_schema(engine: Engine) -> None:
    """Empty the database: drop and recreate the public schema (tables, alembic_version and all)."""
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A URL for a SQLite file that does not exist yet."""
    return f"sqlite:///{(tmp_path / 'fieldapp-test.sqlite3').as_posix()}"


@pytest.fixture
def postgres_url(postgres_server: PostgresServer, postgres_session_url: str) -> str:
    """The URL of an empty PostgreSQL database (skipped, or failed on CI, without a server)."""
    reset_postgres_schema(postgres_server.engine(postgres_session_url))
    return postgres_session_url


_URL_FIXTURES = {"sqlite": "sqlite_url", "postgresql": "postgres_url"}


@pytest.fixture(params=list(_URL_FIXTURES))
def database_url(request: pytest.FixtureRequest) -> str:
    """An empty database, once on each engine."""
    url: str = request.getfixturevalue(_URL_FIXTURES[request.param])
    return url


@pytest.fixture(scope="session")
def golden_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file that open_backend() created and migrated; copied for each test that wants a backend."""
    folder = tmp_path_factory.mktemp("golden-sqlite")
    opened = open_backend(data_dir=str(folder))
    database = opened.paths.database
    opened.close()
    assert not database.with_name(database.name + "-wal").exists(), "the golden database was not checkpointed"
    return database


@pytest.fixture
def migrated_sqlite_url(golden_sqlite: Path, tmp_path: Path) -> str:
    target = tmp_path / "fieldapp-test.sqlite3"
    shutil.copyfile(golden_sqlite, target)
    return f"sqlite:///{target.as_posix()}"


@pytest.fixture(scope="session")
def postgres_migrated_session_url(postgres_server: PostgresServer) -> str:
    """This session's second database, kept at the newest schema; `migrated_postgres_url` empties it."""
    return postgres_server.create()


def empty_every_table(engine: Engine) -> None:
    """Delete every row of a database at the newest schema (children first); rebuild the schema when a test
    left it otherwise. DELETE of a few rows is cheaper here than TRUNCATE, which replaces every file."""
    if current_revision(engine) == HEAD_REVISION:
        with engine.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())
        return
    reset_postgres_schema(engine)
    upgrade_database(engine)


@pytest.fixture
def migrated_postgres_url(postgres_server: PostgresServer, postgres_migrated_session_url: str) -> str:
    empty_every_table(postgres_server.engine(postgres_migrated_session_url))
    return postgres_migrated_session_url


@pytest.fixture(params=list(_URL_FIXTURES))
def migrated_database_url(request: pytest.FixtureRequest) -> str:
    """A database already at the newest schema with the built-in templates, once on each engine."""
    url: str = request.getfixturevalue(f"migrated_{_URL_FIXTURES[request.param]}")
    return url


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def backend(data_dir: Path, migrated_database_url: str) -> Iterator[Backend]:
    """The app's storage, opened with open_backend() on a clean database of each engine."""
    opened = open_backend(data_dir=str(data_dir), db_url=migrated_database_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def sample(backend: Backend) -> Sample:
    """Three inspectors, three customers and the built-in template's id, made through the use cases."""
    with backend.session() as session:
        inspectors = (
            create_inspector(session, "YJ001", "王建国", "用检证 鲁0315001", InspectorGrade.GRADE_1),
            create_inspector(session, "YJ002", "李秀英", "用检证 鲁0315002", InspectorGrade.GRADE_1),
            create_inspector(session, "YJ003", "张伟", "用检证 鲁0315003", InspectorGrade.GRADE_2),
        )
        customers = (
            create_customer(session, SAMPLE_CUSTOMERS[0]),
            create_customer(session, SAMPLE_CUSTOMERS[1]),
            create_customer(session, SAMPLE_CUSTOMERS[2]),
        )
        template_id = latest_template_id(session, BUILTIN_TEMPLATE)
    return Sample(inspectors, customers, template_id)
