"""The data core: pragmas, fresh schema, upgrade of a stored old database."""
import datetime
import shutil
import sqlite3
from pathlib import Path

import pytest

from models import audit, db as dbm, office, schema, users
from models.errors import VanphongError

V1 = Path(__file__).resolve().parents[1] / "data" / "office-v1.sqlite3"


def test_sqlite_pragmas_are_safe_for_an_office(home):
    q = lambda p: dbm.db.execute_sql(f"PRAGMA {p}").fetchone()[0]  # noqa: E731
    assert q("journal_mode") == "wal"
    assert q("foreign_keys") == 1
    assert q("busy_timeout") >= 5000
    assert q("synchronous") == 2  # FULL


def test_fresh_database_is_stamped_with_the_newest_version(home):
    latest = max(m.version for m in schema.MIGRATIONS)
    assert dbm.current_version(dbm.db.obj) == latest
    names = set(dbm.db.get_tables())
    for model in schema.ALL_MODELS:
        assert model._meta.table_name in names


def test_write_transactions_begin_immediate(home):
    # a second connection holding the write lock makes our write wait, not fail at commit
    assert dbm.db.obj._lock_type == "IMMEDIATE"


def test_stored_version_1_database_upgrades_without_loss(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(V1, path)
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 1
    n_audit = raw.execute("SELECT count(*) FROM audit_entry").fetchone()[0]
    raw.close()

    dbm.open_database(f"sqlite:///{path}")
    try:
        assert dbm.current_version(dbm.db.obj) == max(m.version for m in schema.MIGRATIONS)
        # the old data is all there and usable
        o = office.get_office()
        assert o.name == "Đảng ủy phường Hòa Bình"
        assert users.authenticate("quantri", "matkhau-cu-2024").role == "admin"
        clerk = users.User.get(users.User.username == "vanthu")
        assert clerk.role == "clerk"
        # nobody handles the secret book until an admin names them; leaders still read it
        assert not clerk.secret_handler and not users.can(clerk, "secret.view")
        assert "signing_delegated" in {c.name for c in dbm.db.get_columns("contact")}
        # the old audit chain still verifies, and grows on
        assert audit.verify().ok
        assert audit.AuditEntry.select().count() > n_audit
        # every table of today's schema exists
        names = set(dbm.db.get_tables())
        for model in schema.ALL_MODELS:
            assert model._meta.table_name in names
    finally:
        dbm.close_database()
    # opening again is a no-op upgrade
    dbm.open_database(f"sqlite:///{path}")
    dbm.close_database()


def test_database_from_a_newer_program_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    dbm.open_database(f"sqlite:///{path}")
    dbm.SchemaVersion.create(version=999, name="future")
    dbm.close_database()
    with pytest.raises(VanphongError, match="phiên bản mới hơn"):
        dbm.open_database(f"sqlite:///{path}")
    dbm.close_database()


def test_unknown_database_url_is_a_vietnamese_error():
    with pytest.raises(VanphongError, match="không hỗ trợ"):
        dbm.connect_url("mysql://x")


def test_latest_schema_constant_matches_the_migrations():
    assert dbm.LATEST_SCHEMA == max(m.version for m in schema.MIGRATIONS)


def _open_in_fresh_process(url: str) -> tuple[bool, int]:
    import subprocess
    import sys
    code = ("import sys; from models import db; db.open_database(sys.argv[1], defer_load=True); "
            "print('models.schema' in sys.modules, db.current_version(db.db.obj))")
    out = subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2]).stdout.split()
    return out[0] == "True", int(out[1])


def test_deferred_open_skips_loading_areas_only_when_current(tmp_path):
    current = tmp_path / "current.sqlite3"
    dbm.open_database(f"sqlite:///{current}")
    dbm.close_database()
    assert _open_in_fresh_process(f"sqlite:///{current}") == (False, dbm.LATEST_SCHEMA)
    old = tmp_path / "old.sqlite3"
    shutil.copy(V1, old)
    # an old database is upgraded even when the caller asked to defer
    assert _open_in_fresh_process(f"sqlite:///{old}") == (True, dbm.LATEST_SCHEMA)


def test_a_version_3_intake_ledger_lets_go_of_a_removed_file(tmp_path):
    """Version 3 required every ledger row to point at a stored file; now a scan
    marked secret keeps its ledger row (and checksum) without one (migration 8)."""
    path = tmp_path / "v3.sqlite3"
    dbm.open_database(f"sqlite:///{path}")
    from models import documents as D, scans
    office.first_run_setup({"name": "Đảng ủy xã Tân Lập", "superior": "Huyện ủy",
                            "body_abbr": "ĐU", "place": "Xã Tân Lập",
                            "term_start": datetime.date(2025, 8, 16), "term_label": "2025–2030"},
                           "admin", "Nguyễn Thị Hoa", "matkhau-2026")
    admin = users.User.get(users.User.username == "admin")
    doc = D.register_incoming(admin, sender="Huyện ủy", summary="Kế hoạch")
    sf = D.StoredFile.create(sha256="ab" * 32, rel_path="ab/x.pdf", size=3)
    # the table as version 3 made it
    dbm.db.execute_sql('DROP TABLE "scan_intake"')
    dbm.db.execute_sql(
        'CREATE TABLE "scan_intake" ("id" INTEGER NOT NULL PRIMARY KEY, "sha256" VARCHAR(255) '
        'NOT NULL, "name" TEXT NOT NULL, "size" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL, '
        '"incoming_id" INTEGER NOT NULL, "stored_file_id" INTEGER NOT NULL, "arrived_at" DATETIME '
        'NOT NULL, "taken_at" DATETIME NOT NULL, "taken_by" VARCHAR(255) NOT NULL, FOREIGN KEY '
        '("incoming_id") REFERENCES "incoming" ("id") ON DELETE RESTRICT, FOREIGN KEY '
        '("stored_file_id") REFERENCES "stored_file" ("id") ON DELETE RESTRICT)')
    dbm.db.execute_sql('CREATE UNIQUE INDEX "scan_intake_sha256" ON "scan_intake" ("sha256")')
    dbm.db.execute_sql(
        "INSERT INTO scan_intake VALUES (1, ?, 'a.pdf', 3, 'pdf', ?, ?, '2026-03-05 09:00:00', "
        "'2026-03-05 09:00:00', 'x')", ("ab" * 32, doc.id, sf.id))
    dbm.db.execute_sql("DELETE FROM schema_version WHERE version > 3")
    dbm.close_database()

    dbm.open_database(f"sqlite:///{path}")
    try:
        assert dbm.current_version(dbm.db.obj) == dbm.LATEST_SCHEMA
        row = scans.ScanIntake.get()
        assert row.stored_file_id == sf.id and row.incoming_id == doc.id
        row.stored_file = None
        row.save()
        sf.delete_instance()
        assert scans.ScanIntake.get().sha256 == "ab" * 32
        with pytest.raises(Exception, match="FOREIGN KEY"):     # the reference is still checked
            dbm.db.execute_sql("UPDATE scan_intake SET stored_file_id = 999")
        assert "scan_intake_sha256" in {i.name for i in dbm.db.get_indexes("scan_intake")}
    finally:
        dbm.close_database()

