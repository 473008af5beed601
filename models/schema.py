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
from . import reception, tasks  # reception book, reception days, ad-hoc requests
from .db import Migration, SchemaVersion  # noqa: F401  (re-exported for tests)

FOUNDATION = [office.Office, office.Setting, users.User, audit.AuditEntry]
REGISTERS = [contacts.Contact, *documents.REGISTER_MODELS, *seal.SEAL_MODELS,
             *dossiers.DOSSIER_MODELS]

SCANS = [scans.ScanIntake, scans.ScanRejection]

RECEPTION = [*reception.RECEPTION_MODELS, *tasks.TASK_MODELS]

ALL_MODELS = [*FOUNDATION, *REGISTERS, *SCANS, *RECEPTION]


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


MIGRATIONS: list[Migration] = [
    Migration(1, "foundation", _m1_foundation),
    Migration(2, "registers", _m2_registers),
    Migration(3, "scans", lambda database: database.create_tables(SCANS, safe=True)),
    Migration(9, "reception", lambda database: database.create_tables(RECEPTION, safe=True)),
]
