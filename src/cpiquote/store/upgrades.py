"""The quote library's schema version: Alembic's migrations, run step by step, and a newer database refused.

A SQLite file is upgraded by the app itself, after a copy of it is kept beside it; a shared PostgreSQL database is
upgraded by whoever administers it (`cpiquote db upgrade`), never behind a team's back.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from importlib import resources
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from cpiquote.store.errors import StoreError
from cpiquote.store.location import describe


def _script_location() -> Path:
    # The scripts are found through the package, so that a wheel or a frozen app finds them wherever it is installed.
    location = resources.files("cpiquote.store.migrations")
    if not isinstance(location, Path) or not (location / "env.py").is_file():
        raise StoreError(f"CPI Quote's database migrations are missing ({location}); reinstall the app")
    return location


def config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, without an alembic.ini: the scripts shipped in the package, on `connection`."""
    alembic_config = Config()
    alembic_config.set_main_option("script_location", str(_script_location()))
    alembic_config.attributes["connection"] = connection
    return alembic_config


def scripts() -> ScriptDirectory:
    """The migration scripts this version of the app knows."""
    return ScriptDirectory.from_config(config())


def head() -> str:
    """The newest schema version this app knows."""
    newest = scripts().get_current_head()
    assert newest is not None
    return newest


def current(connection: Connection) -> str | None:
    """The schema version of the database on `connection`; None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def check_known(version: str | None, where: str) -> None:
    """Refuse a database whose schema is newer than this app knows: reading it could misread it, writing could damage it."""
    if version is None:
        return
    known = {script.revision for script in scripts().walk_revisions()}
    if version not in known:
        raise StoreError(
            f"{where} was written by a newer CPI Quote (schema version {version}; this version knows up to {head()}); "
            "it was left untouched; update CPI Quote to open it"
        )


def upgrade(engine: Engine) -> str:
    """Migrate the database to the newest schema, each step in its own transaction; returns the version reached."""
    from alembic import command

    with engine.connect() as connection:
        check_known(current(connection), describe(engine.url))
        connection.commit()
        command.upgrade(config(connection), "head")
        connection.commit()
        reached = current(connection)
    assert reached is not None
    return reached


def backup_sqlite(path: Path, version: str) -> Path:
    """Copy the SQLite file at `path` beside it before it is migrated, consistently (SQLite's backup API); returns the copy."""
    target = path.with_name(f"{path.name}.before-schema-{head()}-from-{version}")
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target
