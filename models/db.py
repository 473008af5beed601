"""Opening the database: URL, pragmas, schema creation and versioned migrations.

SQLite is the embedded default (``sqlite:///path``); ``postgresql://…`` serves a shared server.
Every write transaction on SQLite is ``BEGIN IMMEDIATE`` (``lock_type``), so a process that reads
then writes waits for another writer instead of failing half-way.
"""
from __future__ import annotations

import datetime as _dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from peewee import (CharField, Database, DatabaseProxy, DateTimeField, IntegerField, Model,
                    PostgresqlDatabase, SqliteDatabase)

from .errors import VanphongError

db = DatabaseProxy()

# The newest schema version (max of schema.MIGRATIONS; a test keeps them equal). Knowing it here
# lets a start-up whose database is already current skip importing every area's module.
LATEST_SCHEMA = 11

SQLITE_PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("busy_timeout", 10_000),     # ms: wait for the other desk's write, do not fail
    ("synchronous", 2),           # FULL: a receipt shown as saved survives a power cut
)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class SchemaVersion(BaseModel):
    version = IntegerField(primary_key=True)
    name = CharField()
    applied_at = DateTimeField(default=_dt.datetime.now)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Database], None]


class OfficePostgresqlDatabase(PostgresqlDatabase):
    """PostgreSQL with SQLite's write discipline: every explicit transaction first takes one
    transaction-scoped advisory lock, so two desks that read-then-write (the next arrival number,
    the audit chain's next entry) wait for each other instead of colliding on a unique index.
    An office's write load is tiny; correctness of numbering is not negotiable."""

    WRITE_LOCK = 0x7661_6E70   # "vanp"

    def begin(self, *args, **kwargs):
        super().begin(*args, **kwargs)
        self.cursor().execute("SELECT pg_advisory_xact_lock(%s)", (self.WRITE_LOCK,))


def is_sqlite(database: Database | None = None) -> bool:
    d = database if database is not None else db.obj
    return isinstance(d, SqliteDatabase)


def connect_url(url: str) -> Database:
    """Make (not yet open) a peewee Database from a URL."""
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        return SqliteDatabase(path, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE",
                              check_same_thread=False)
    if url.startswith(("postgresql://", "postgres://")):
        from playhouse.db_url import parse

        from . import keystore
        kw = parse(url)
        if kw.get("user") and not kw.get("password"):
            password = keystore.get_db_password(url)      # `vanphong db-password` stored it
            if password:
                kw["password"] = password
        return OfficePostgresqlDatabase(kw.pop("database"), **kw)
    from .keystore import masked
    raise VanphongError(f"Địa chỉ cơ sở dữ liệu không hỗ trợ: {masked(url)} "
                        "(dùng sqlite:///… hoặc postgresql://…)")


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path)}"


def open_database(url: str, migrate: bool = True, defer_load: bool = False) -> Database:
    """Bind the models to the database at ``url`` and bring its schema up to date.

    ``defer_load``: when the database is already at LATEST_SCHEMA, do not import every area's
    module now (the TUI paints its first screen sooner and calls ``load_all()`` after)."""
    database = connect_url(url)
    try:
        database.connect(reuse_if_open=True)
    except Exception as e:  # sqlite3.OperationalError, psycopg2 errors ...
        from .keystore import masked
        detail = " ".join(str(e).split())
        hint = ""
        if not is_sqlite(database) and "password" in detail:
            hint = (" Nếu máy chủ cần mật khẩu: chạy `vanphong db-password` để lưu mật khẩu vào "
                    "kho mật khẩu của máy này.")
        raise VanphongError(f"Không mở được cơ sở dữ liệu {masked(url)}: {detail}.{hint}") from e
    db.initialize(database)
    if migrate and not (defer_load and current_version(database) == LATEST_SCHEMA):
        schema = load_all()
        upgrade(database, schema.ALL_MODELS, schema.MIGRATIONS, schema.install_extras)
    return database


def load_all():
    """Import every area's module (their search kinds, panels, settings, demo fillers)."""
    from . import schema  # late: schema imports every module, which import this one
    return schema


def close_database() -> None:
    if db.obj is not None and not db.obj.is_closed():
        db.obj.close()


def current_version(database: Database) -> int:
    try:
        with database.atomic():   # a savepoint on PostgreSQL: a missing table aborts only it
            row = database.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    except Exception:              # no such table: a new or foreign database
        return 0
    return (row[0] or 0) if row else 0


def upgrade(database: Database, models: list, migrations: list[Migration],
            install_extras: Callable[[Database], None]) -> int:
    """A fresh database gets today's schema and is stamped with the newest version.
    An older one gets each pending migration, in order, each in its own transaction."""
    latest = max(m.version for m in migrations)
    with database.atomic():
        have = current_version(database)
        if have == 0 and not database.get_tables():
            database.create_tables([SchemaVersion, *models])
            install_extras(database)
            for m in migrations:
                SchemaVersion.create(version=m.version, name=m.name)
            return latest
        if have == 0:
            database.create_tables([SchemaVersion])
    if have > latest:
        raise VanphongError(
            f"Cơ sở dữ liệu thuộc phiên bản mới hơn của chương trình (lược đồ {have} > {latest}). "
            "Hãy cài phiên bản vanphong mới nhất.")
    for m in sorted(migrations, key=lambda m: m.version):
        if m.version <= have:
            continue
        with database.atomic():
            m.apply(database)
            SchemaVersion.create(version=m.version, name=m.name)
    return latest


# --- helpers for migrations ---------------------------------------------------------------
def add_column_if_missing(database: Database, table: str, name: str, field) -> None:
    from playhouse.migrate import PostgresqlMigrator, SqliteMigrator, migrate
    cols = {c.name for c in database.get_columns(table)}
    if name in cols:
        return
    migrator = SqliteMigrator(database) if is_sqlite(database) else PostgresqlMigrator(database)
    migrate(migrator.add_column(table, name, field))


def backup_sqlite(dest: Path | str) -> Path:
    """Online, consistent copy of the open SQLite database (sqlite3 backup API)."""
    if not is_sqlite():
        raise VanphongError("Sao lưu trực tuyến chỉ dành cho SQLite; với PostgreSQL hãy dùng pg_dump.")
    dest = Path(dest)
    target = sqlite3.connect(dest)
    try:
        db.obj.connection().backup(target)
    finally:
        target.close()
    return dest
