"""Opening the database: URL, pragmas, schema creation and versioned migrations.

SQLite is the embedded default (``sqlite:///path``); ``postgresql://…`` serves a shared server.
Every write transaction on SQLite is ``BEGIN IMMEDIATE`` (``lock_type``), so a process that reads
then writes waits for another writer instead of failing half-way.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Callable, cast

from peewee import (AutoField, CharField, Database, DatabaseProxy, DateTimeField, IntegerField, Model,
                    OperationalError, PostgresqlDatabase, SqliteDatabase)

from .errors import VanphongError

db = DatabaseProxy()

# The newest schema version (max of schema.MIGRATIONS; a test keeps them equal). Knowing it here
# lets a start-up whose database is already current skip importing every area's module.
LATEST_SCHEMA = 17

SQLITE_PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("busy_timeout", 10_000),     # ms: wait for the other desk's write, do not fail
    ("synchronous", 2),           # FULL: a receipt shown as saved survives a power cut
    ("secure_delete", 1),         # removed secret text is overwritten, not left in free pages
    # 512 KiB of pages per connection, not SQLite's 2 MiB: the system's file cache holds the
    # database anyway, so SQLite's own copy mostly costs the clerk's memory (~3 MiB on Hôm nay
    # over the program's connections); at 1 M documents lists, filters and search measured no
    # slower (bench/RESULTS.md)
    ("cache_size", -512),
)


# The longest text one field of a record may hold. Forms and models say the real limits of
# each field (a name 200, a title 500); these catch what no form checks — a CSV cell, a command
# line, a script — before it reaches the database, the search index and the printouts.
CHAR_MAX = 4_000                # a CharField: names, numbers, labels
TEXT_MAX = 2_000_000            # a TextField: summaries, notes, a scan's extracted text


class BaseModel(Model):
    """Every record refuses, on save, text with a NUL character and text longer than a field can
    sensibly hold (a ValidationError naming the field), whichever path it came by."""

    CHECK_TEXT = True           # the audit log stores only what checked records gave it
    # the primary key peewee adds by itself, declared for the type checker only (an annotation
    # with no value is no field to peewee): `record.id` is an int, `Model.id` the column
    id: AutoField[int]

    class Meta:
        database = db
        legacy_table_names = False

    def save(self, *args, **kwargs):
        if self.CHECK_TEXT:
            check_record_text(self)
        return super().save(*args, **kwargs)


def check_record_text(obj: Model) -> None:
    from peewee import CharField, TextField

    from .text import check_text
    for f in obj._meta.sorted_fields:
        v = obj.__data__.get(f.name)
        if isinstance(v, str) and isinstance(f, (CharField, TextField)):
            limit = TEXT_MAX if isinstance(f, TextField) else CHAR_MAX
            if len(v) > limit or "\x00" in v:
                name = cast(str, f.name)        # a bound field has its name
                check_text(v, _FIELD_WORDS.get(name, name), name, limit)


_FIELD_WORDS = {"name": "tên", "summary": "trích yếu", "notes": "ghi chú", "content": "nội dung",
                "title": "tiêu đề", "sender": "nơi gửi", "recipients": "nơi nhận",
                "address": "địa chỉ", "position": "chức vụ", "organisation": "đơn vị"}


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
    if migrate:
        # a current database is only read here: no write lock, so a command opens it (a search
        # runs) while another desk holds a long write
        if current_version(database) == LATEST_SCHEMA:
            if not defer_load:
                load_all()
        else:
            schema = load_all()
            upgrade(database, schema.ALL_MODELS, schema.MIGRATIONS, schema.install_extras)
    return database


# The planner's statistics (SQLite's ANALYZE) for tables of at least STATS_MIN_ROWS rows, each
# index sampled on about STATS_SAMPLE rows (``analysis_limit``): 0.2–1.2 s for a 1 M-document office.
# Without them SQLite guesses each index's worth, and a list filtered by state and year took
# 270–420 ms for its next page at 1 M documents instead of 9 ms (bench/RESULTS.md)
STATS_MIN_ROWS = 1_000
STATS_SAMPLE = 1_000


def refresh_statistics(database: Database | None = None) -> list[str]:
    """ANALYZE the SQLite tables with indexes that hold STATS_MIN_ROWS rows or more (a cheap
    guess: the largest rowid; documents are cancelled, not deleted); returns their names. A
    smaller table keeps what it has: statistics of a few rows would mislead the planner once the
    table grew, SQLite's own guesses do not. Called once a day by the start-up duties, so a
    table that grows (an import of a year's books) is sampled again the next day. PostgreSQL
    keeps its own (autovacuum): nothing to do there."""
    d = database if database is not None else db.obj
    if not is_sqlite(d):
        return []
    tables = sorted({r[0] for r in d.execute_sql(
        "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND tbl_name NOT LIKE 'sqlite%'")})
    big = [t for t in tables if _rows_guess(d, t) >= STATS_MIN_ROWS]
    if big:
        d.execute_sql(f"PRAGMA analysis_limit = {STATS_SAMPLE}")
        for t in big:
            d.execute_sql(f'ANALYZE "{t}"')
    return big


def _rows_guess(d: Database, table: str) -> int:
    try:
        return d.execute_sql(f'SELECT max(rowid) FROM "{table}"').fetchone()[0] or 0
    except OperationalError:        # a table WITHOUT ROWID: none of the office's own
        return 0


def load_all():
    """Import every area's module (their search kinds, panels, settings, demo fillers)."""
    from . import schema  # late: schema imports every module, which import this one
    return schema


def close_database() -> None:
    if db.obj is not None and not db.obj.is_closed():
        db.obj.close()


def current_version(database: Database) -> int:
    """The schema version stamped in the database (0: none). Reads only: on SQLite outside any
    transaction (``atomic()`` there is BEGIN IMMEDIATE, a write lock)."""
    try:
        if is_sqlite(database) and not database.in_transaction():
            row = database.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
        else:
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


def bulk_insert(model, fields: list, rows: list[tuple]) -> None:
    """Insert many rows of ``model`` (values in the order of ``fields``) with one prepared
    statement (DB-API ``executemany``): a directory import of 100 000 rows spends its time in
    SQLite, not in building SQL text. Values go through each field's ``db_value``; run it inside
    the caller's transaction."""
    if not rows:
        return
    database = model._meta.database
    cols = ", ".join(f'"{f.column_name}"' for f in fields)     # SQLite and PostgreSQL quoting
    marks = ", ".join([database.param] * len(fields))
    sql = f'INSERT INTO "{model._meta.table_name}" ({cols}) VALUES ({marks})'
    convert = [f.db_value for f in fields]
    data = [tuple(c(v) for c, v in zip(convert, row, strict=True)) for row in rows]
    database.cursor().executemany(sql, data)


# --- helpers for migrations ---------------------------------------------------------------
def add_column_if_missing(database: Database, table: str, name: str, field) -> None:
    from playhouse.migrate import PostgresqlMigrator, SqliteMigrator, migrate
    cols = {c.name for c in database.get_columns(table)}
    if name in cols:
        return
    migrator = SqliteMigrator(database) if is_sqlite(database) else PostgresqlMigrator(database)
    migrate(migrator.add_column(table, name, field))

