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
from . import terms
from .db import Migration, SchemaVersion  # noqa: F401  (re-exported for tests)

FOUNDATION = [office.Office, office.Setting, users.User, audit.AuditEntry]
TERMS = terms.TERM_MODELS
REGISTERS = [*TERMS, contacts.Contact, *documents.REGISTER_MODELS, *seal.SEAL_MODELS,
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


def _m10_terms_and_secret_book(database) -> None:
    """Terms become records the outgoing numbers hang on; the secret incoming book numbers its
    own arrivals. Every term an existing register used (one per distinct start date) becomes a
    record, each ending the day before the next begins; the office's term is the current one."""
    import datetime as dt

    from peewee import CharField, ForeignKeyField

    from .db import add_column_if_missing
    database.create_tables(TERMS, safe=True)
    add_column_if_missing(database, "outgoing", "term_id",
                          ForeignKeyField(terms.Term, null=True, field=terms.Term.id))
    add_column_if_missing(database, "incoming", "book", CharField(default=""))
    o = office.get_office()
    if o is not None and not terms.Term.select().exists():
        starts = {r[0] for r in database.execute_sql("SELECT DISTINCT term_start FROM outgoing")}
        starts = sorted({s if isinstance(s, dt.date) else dt.date.fromisoformat(str(s)[:10])
                         for s in starts} | {o.term_start})
        for i, start in enumerate(starts):
            end = starts[i + 1] - dt.timedelta(days=1) if i + 1 < len(starts) else None
            terms.Term.create(start=start, end=end, opened_by="hệ thống (nâng cấp)",
                              label=o.term_label if start == o.term_start else "")
        for t in terms.Term.select():
            documents.Outgoing.update(term=t.id).where(documents.Outgoing.term_start == t.start).execute()
    database.execute_sql("DROP INDEX IF EXISTS incoming_year_arrival_no")
    database.execute_sql("CREATE UNIQUE INDEX IF NOT EXISTS incoming_year_book_arrival_no "
                         "ON incoming (year, book, arrival_no)")
    database.execute_sql("CREATE UNIQUE INDEX IF NOT EXISTS outgoing_body_abbr_series_term_id_number "
                         "ON outgoing (body_abbr, series, term_id, number)")


def _m11_secret_handlers_and_signers(database) -> None:
    """Handling the secret book becomes a per-person grant; a directory entry may be marked as
    delegated to sign. Nobody holds the grant after the upgrade: whoever held the secret book by
    role now waits for an admin to name the handlers (the audit log then shows who gave it)."""
    from peewee import BooleanField

    from .db import add_column_if_missing
    add_column_if_missing(database, "user_account", "secret_handler", BooleanField(default=False))
    add_column_if_missing(database, "contact", "signing_delegated", BooleanField(default=False))


MIGRATIONS: list[Migration] = [
    Migration(1, "foundation", _m1_foundation),
    Migration(2, "registers", _m2_registers),
    Migration(3, "scans", lambda database: database.create_tables(SCANS, safe=True)),
    Migration(10, "terms_and_secret_book", _m10_terms_and_secret_book),
    Migration(11, "secret_handlers_and_signers", _m11_secret_handlers_and_signers),
]
