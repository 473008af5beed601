"""Every table and every migration, in one place.

A new area of the office adds its module's models to ALL_MODELS, its extra SQL to
``install_extras``, and one Migration that creates its tables in a database made before it.
Migrations must keep working on old databases: create tables with ``safe=True`` and add
columns with ``db.add_column_if_missing``.
"""
from __future__ import annotations

from . import audit, documents, office, search, users
from . import contacts, demo_registers, dossiers, registers, seal  # noqa: F401  registers (issue 3)
from . import scans  # scanner intake ledger (issue 4)
from .db import Migration, SchemaVersion  # noqa: F401  (re-exported for tests)

FOUNDATION = [office.Office, office.Setting, users.User, audit.AuditEntry]
REGISTERS = [contacts.Contact, *documents.REGISTER_MODELS, *seal.SEAL_MODELS,
             *dossiers.DOSSIER_MODELS]

SCANS = [scans.ScanIntake, scans.ScanRejection]

ALL_MODELS = [*FOUNDATION, *REGISTERS, *SCANS]


def install_extras(database) -> None:
    audit.install(database)
    search.install(database)
    documents.install(database)     # default type table (guarded: a no-op before migration 2)


def _m1_foundation(database) -> None:
    database.create_tables(FOUNDATION, safe=True)
    install_extras(database)


def _m2_registers(database) -> None:
    database.create_tables(REGISTERS, safe=True)
    documents.install(database)


def _m4_scan_file_optional(database) -> None:
    """The intake ledger keeps a scan's checksum after its file leaves the store (a scan marked
    secret), so its link to the stored file may be empty."""
    from playhouse.migrate import PostgresqlMigrator, SqliteMigrator, migrate

    from .db import is_sqlite
    cols = {c.name: c for c in database.get_columns("scan_intake")}
    if cols["stored_file_id"].null:
        return                  # made by migration 3 of this version: already optional
    migrator = SqliteMigrator(database) if is_sqlite(database) else PostgresqlMigrator(database)
    migrate(migrator.drop_not_null("scan_intake", "stored_file_id"))


MIGRATIONS: list[Migration] = [
    Migration(1, "foundation", _m1_foundation),
    Migration(2, "registers", _m2_registers),
    Migration(3, "scans", lambda database: database.create_tables(SCANS, safe=True)),
    Migration(4, "scan file optional", _m4_scan_file_optional),
]
