"""Every table and every migration, in one place.

A new area of the office adds its module's models to ALL_MODELS, its extra SQL to
``install_extras``, and one Migration that creates its tables in a database made before it.
Migrations must keep working on old databases: create tables with ``safe=True`` and add
columns with ``db.add_column_if_missing``.
"""
from __future__ import annotations

from . import audit, documents, office, search, users
from . import contacts, dossiers, registers, seal  # noqa: F401  the registers
from . import scans  # scanner intake ledger
from . import terms
from . import assets, cashbook, dues, members, receipts  # members, dues, receipts, cash, assets
from . import meetings  # noqa: F401  committee meetings and their minutes
from . import backup, backupkey, personal, safety  # noqa: F401  data safety: settings, panel
from . import reception, tasks  # reception book, reception days, ad-hoc requests
from . import drafts, programs, reports, statistics  # noqa: F401  programs, schedule, reports, drafts
from .db import Migration, SchemaVersion  # noqa: F401  (re-exported for tests)
from .text import nfc

FOUNDATION = [office.Office, office.Setting, users.User, audit.AuditEntry]
TERMS = terms.TERM_MODELS
REGISTERS = [*TERMS, contacts.Contact, *documents.REGISTER_MODELS, *seal.SEAL_MODELS,
             *dossiers.DOSSIER_MODELS]

SCANS = [scans.ScanIntake, scans.ScanRejection]

DUES = [*members.MEMBER_MODELS, *receipts.RECEIPT_MODELS, *cashbook.CASH_MODELS, *dues.DUES_MODELS,
        *assets.ASSET_MODELS]
MEETINGS = meetings.MEETING_MODELS
RECEPTION = [*reception.RECEPTION_MODELS, *tasks.TASK_MODELS]
PROGRAMS = [*programs.PROGRAM_MODELS, *reports.REPORT_MODELS, *drafts.DRAFT_MODELS]

ALL_MODELS = [*FOUNDATION, *REGISTERS, *SCANS, *DUES, *MEETINGS, *RECEPTION, *PROGRAMS]


def install_extras(database) -> None:
    audit.install(database)
    search.install(database)
    registers.install(database)     # list indexes (guarded: a no-op before the registers exist)
    documents.install(database)     # default type table (guarded: a no-op before migration 2)
    dues.install(database)          # the dues rules in force (guarded: a no-op before migration 6)


def _m1_foundation(database) -> None:
    database.create_tables(FOUNDATION, safe=True)
    install_extras(database)


def _m2_registers(database) -> None:
    database.create_tables(REGISTERS, safe=True)
    documents.install(database)


def _m4_terms_and_secret_book(database) -> None:
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
        used = {r[0] for r in database.execute_sql("SELECT DISTINCT term_start FROM outgoing")}
        starts = sorted({s if isinstance(s, dt.date) else dt.date.fromisoformat(str(s)[:10])
                         for s in used} | {o.term_start})
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


def _m5_privacy(database) -> None:
    """Accounts: the must-change-password flag (set for accounts still on the demo's printed
    password). Secret documents: an outgoing one gives up its text (kept on paper); their text
    leaves the search index and the audit log, whose chain is re-anchored and records it."""
    from peewee import BooleanField

    from .db import add_column_if_missing, is_sqlite
    add_column_if_missing(database, "user_account", "must_change_password", BooleanField(default=False))
    from .demo import DEMO_ADMIN
    # only the columns this version has (a later migration adds more to the account)
    U = users.User
    for u in U.select(U.id, U.password_hash, U.must_change_password):
        if not u.must_change_password and users.check_password(DEMO_ADMIN[2], u.password_hash):
            users.User.update(must_change_password=True).where(users.User.id == u.id).execute()

    Inc, Outg = documents.Incoming, documents.Outgoing
    secret_in = list(Inc.select().where(Inc.secrecy.in_(documents.SECRET_LEVELS)))
    secret_out = list(Outg.select().where(Outg.secrecy.in_(documents.SECRET_LEVELS)))
    # first the log (its re-anchor entry keeps the head hash as it was before this upgrade)
    targets = {("incoming", str(d.id)): documents.PROTECTED["incoming"] for d in secret_in}
    targets.update({("outgoing", str(d.id)): documents.PROTECTED["outgoing"] for d in secret_out})
    audit.redact_history(users.SYSTEM, targets,
                         "nâng cấp: ẩn trích yếu, nội dung, ghi chú của văn bản mật trong nhật ký")
    for d in secret_in:
        documents.index_incoming(d)
    for out in secret_out:
        if nfc(out.content):
            Outg.update(content="", content_on_paper=True).where(Outg.id == out.id).execute()
            audit.append(users.SYSTEM, "update", "outgoing", out.id,
                         {"content": audit.redacted(out.content), "content_on_paper": out.content_on_paper},
                         {"content": "", "content_on_paper": True,
                          "_reason": "văn bản mật không lưu nội dung trên máy tính"})
            out = Outg.get_by_id(out.id)
        documents.index_outgoing(out)
    if is_sqlite(database):   # merge the index so the removed rows' words leave it too
        database.execute_sql("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
def _m13_search_prefix(database) -> None:
    """Prefix indexes in the search index (a one-letter filter no longer reads every word); the
    incoming book's list index; the secret documents a filter reads, without reading every one."""
    search.upgrade_index(database)
    registers.install(database)


def _m14_search_words(database) -> None:
    """PostgreSQL searches its own full-text index (each record's words, a GIN index) instead of
    trigrams; the words of the records already indexed are made here. SQLite: nothing to do."""
    from .db import is_sqlite
    if not is_sqlite(database):
        search.upgrade_index(database)


def _m6_dues(database) -> None:
    database.create_tables(DUES, safe=True)
    dues.install(database)


def _m8_scan_file_optional(database) -> None:
    """The intake ledger keeps a scan's checksum after its file leaves the store (a scan marked
    secret), so its link to the stored file may be empty."""
    from playhouse.migrate import PostgresqlMigrator, SqliteMigrator, migrate

    from .db import is_sqlite
    cols = {c.name: c for c in database.get_columns("scan_intake")}
    if cols["stored_file_id"].null:
        return                  # made by migration 3 of this version: already optional
    migrator = SqliteMigrator(database) if is_sqlite(database) else PostgresqlMigrator(database)
    migrate(migrator.drop_not_null("scan_intake", "stored_file_id"))


def _m11_secret_handlers_and_signers(database) -> None:
    """Handling the secret book becomes a per-person grant; a directory entry may be marked as
    delegated to sign. Nobody holds the grant after the upgrade: whoever held the secret book by
    role now waits for an admin to name the handlers (the audit log then shows who gave it)."""
    from peewee import BooleanField

    from .db import add_column_if_missing
    add_column_if_missing(database, "user_account", "secret_handler", BooleanField(default=False))
    add_column_if_missing(database, "contact", "signing_delegated", BooleanField(default=False))


def _m16_dues_rule_cancel(database) -> None:
    """A dues rule entered by mistake is cancelled with a reason (who, when, why), never
    deleted; the rules already there stay in force."""
    from peewee import CharField, DateTimeField, TextField

    from .db import add_column_if_missing
    add_column_if_missing(database, "dues_rule", "cancelled_at", DateTimeField(null=True))
    add_column_if_missing(database, "dues_rule", "cancelled_by", CharField(default=""))
    add_column_if_missing(database, "dues_rule", "cancel_reason", TextField(default=""))


def _m17_cash_entry_cancel(database) -> None:
    """A payment voucher entered by mistake is cancelled with a reason; every cancelled line
    keeps who, when and why (a cancelled receipt's line takes them from its receipt)."""
    from peewee import CharField, DateTimeField, TextField

    from .db import add_column_if_missing
    add_column_if_missing(database, "cash_entry", "cancelled_by", CharField(default=""))
    add_column_if_missing(database, "cash_entry", "cancelled_at", DateTimeField(null=True))
    add_column_if_missing(database, "cash_entry", "cancel_reason", TextField(default=""))
    for col, src in (("cancelled_by", "cancelled_by"), ("cancelled_at", "cancelled_at"),
                     ("cancel_reason", "cancel_reason")):
        database.execute_sql(
            f"UPDATE cash_entry SET {col} = (SELECT r.{src} FROM receipt r "
            "WHERE r.id = cash_entry.receipt_id) WHERE cancelled AND receipt_id IS NOT NULL")


MIGRATIONS: list[Migration] = [
    Migration(1, "foundation", _m1_foundation),
    Migration(2, "registers", _m2_registers),
    Migration(3, "scans", lambda database: database.create_tables(SCANS, safe=True)),
    Migration(4, "terms_and_secret_book", _m4_terms_and_secret_book),
    Migration(5, "privacy", _m5_privacy),
    Migration(6, "dues", _m6_dues),
    Migration(7, "meetings", lambda database: database.create_tables(MEETINGS, safe=True)),
    Migration(8, "scan_file_optional", _m8_scan_file_optional),
    Migration(9, "reception", lambda database: database.create_tables(RECEPTION, safe=True)),
    Migration(11, "secret_handlers_and_signers", _m11_secret_handlers_and_signers),
    Migration(12, "programs", lambda database: database.create_tables(PROGRAMS, safe=True)),
    Migration(13, "search_prefix", _m13_search_prefix),
    Migration(14, "search_words", _m14_search_words),
    Migration(15, "panel_indexes", lambda database: registers.install(database)),
    Migration(16, "dues_rule_cancel", _m16_dues_rule_cancel),
    Migration(17, "cash_entry_cancel", _m17_cash_entry_cancel),
]
