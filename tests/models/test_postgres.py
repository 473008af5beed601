"""The same models on PostgreSQL (a multi-office server): schema, accounts, audit, search."""

import pytest

# fixtures pg, pg_office: tests/conftest.py


def test_foundation_runs_on_postgres(pg_office):
    from models import audit, db as dbm, office, schema, users
    from tests.conftest import PASSWORD
    assert not dbm.is_sqlite()
    assert dbm.current_version(dbm.db.obj) == max(m.version for m in schema.MIGRATIONS)
    assert users.authenticate("vanthu", PASSWORD).role == "clerk"
    office.update_office(pg_office["admin"], {"name": "Đảng ủy xã Tân Lập (mới)"})
    assert office.get_office().name == "Đảng ủy xã Tân Lập (mới)"
    assert office.get_setting("backup.keep") == 14              # never set: its default
    office.set_setting(pg_office["admin"], "backup.keep", 30)
    assert office.get_setting("backup.keep") == 30              # read by its fixed statement
    assert audit.verify().ok
    with pytest.raises(Exception, match="append-only"):
        with dbm.db.atomic():
            dbm.db.execute_sql("DELETE FROM audit_entry")


def test_search_folds_on_postgres(pg_office):
    import unicodedata
    from models import search
    search.register_kind("pgtest", 91, "Thử")
    search.index("pgtest", 1, "Báo cáo thu nộp Đảng phí quý III")
    search.index("pgtest", 2, "Kế hoạch Đại hội")
    for q in ("dang phi", "ĐẢNG PHÍ", unicodedata.normalize("NFD", "Đảng phí"), "đang ph"):
        assert [h.ref for h in search.query(q)] == [1]
    search.index("pgtest", 1, "Báo cáo khác")
    assert search.query("dang phi") == []


def test_registering_a_document_on_postgres(pg_office):
    from models import documents
    d1 = documents.register_incoming(pg_office["clerk"], sender="Huyện ủy Yên Sơn", summary="V/v thử")
    d2 = documents.register_incoming(pg_office["clerk"], sender="Huyện ủy Yên Sơn", summary="V/v hai")
    assert (d1.arrival_no, d2.arrival_no) == (1, 2)


def test_two_desks_registering_at_once_on_postgres_get_distinct_numbers(pg_office):
    """Real processes, one PostgreSQL database: every registration succeeds, numbers 1..N, and
    the audit chain stays whole."""
    import subprocess
    import sys
    from pathlib import Path

    from models import audit, documents
    code = (
        "import sys\n"
        "from models import db, documents, users\n"
        "db.open_database(sys.argv[1])\n"
        "clerk = users.User.get(users.User.username == 'vanthu')\n"
        "for i in range(15):\n"
        "    documents.register_incoming(clerk, sender='Huyện ủy',"
        " summary=f'V/v bàn {sys.argv[2]} số {i}')\n")
    root = Path(__file__).resolve().parents[2]
    procs = [subprocess.Popen([sys.executable, "-c", code, pg_office["url"], str(k)], cwd=root,
                              stderr=subprocess.PIPE, text=True) for k in (1, 2)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    numbers = sorted(d.arrival_no for d in documents.Incoming.select())
    assert numbers == list(range(1, 31))
    assert audit.verify().ok


def test_raising_to_secret_hides_the_old_text_and_reanchors_on_postgres(pg_office):
    from models import audit, db as dbm, documents
    clerk = pg_office["clerk"]
    d = documents.register_incoming(clerk, sender="Tỉnh ủy", summary="Phương án kín")
    documents.update_incoming(clerk, d, secrecy="Tuyệt mật", reason="đóng dấu Tuyệt mật")
    texts = [f"{e.old} {e.new}" for e in audit.AuditEntry.select()]
    assert not any("Phương án kín" in t for t in texts)
    assert audit.verify().ok
    assert audit.AuditEntry.select().where(audit.AuditEntry.action == "reanchor").count() == 1
    with pytest.raises(Exception, match="append-only"):     # the guard is back in place
        with dbm.db.atomic():
            dbm.db.execute_sql("UPDATE audit_entry SET username = 'x'")


def test_directory_import_in_batches_on_postgres(pg_office):
    from models import audit, contacts
    data = ("Tên;Nhóm\n" + "".join(f"Chi bộ số {i};Tổ chức đảng\n" for i in range(9))).encode()
    r = contacts.import_csv(pg_office["clerk"], data, batch_size=4)
    assert r.added == 9 and not r.errors
    assert contacts.find_contacts("chi bo so 7")[0].group == "party"
    assert audit.verify().ok
