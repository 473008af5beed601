"""The audit log: append-only, hash-chained, and it names the first tampered entry."""
import sqlite3

import pytest

from models import audit


def test_every_change_lands_in_the_log_with_old_and_new(office):
    admin = office["admin"]
    from models import office as office_mod
    office_mod.update_office(admin, {"name": "Đảng ủy xã Tân Lập mới"})
    e = audit.AuditEntry.select().order_by(audit.AuditEntry.seq.desc()).first()
    assert e.username == "admin" and e.action == "update" and e.table_name == "office"
    assert "Tân Lập mới" in e.new and "Đảng ủy xã Tân Lập" in e.old


def test_passwords_never_reach_the_log(office):
    for e in audit.AuditEntry.select():
        assert "scrypt$" not in (e.new or "") and "matkhau" not in (e.new or "")


def test_program_cannot_edit_or_delete_entries(office):
    e = audit.AuditEntry.select().first()
    e.username = "ke-gian"
    with pytest.raises(PermissionError):
        e.save()
    with pytest.raises(PermissionError):
        e.delete_instance()
    # nor can plain SQL through the program's connection: the triggers refuse
    from models.db import db
    with pytest.raises(Exception, match="append-only"):
        db.execute_sql("UPDATE audit_entry SET username = 'x' WHERE seq = 1")
    with pytest.raises(Exception, match="append-only"):
        db.execute_sql("DELETE FROM audit_entry WHERE seq = 1")
    assert audit.verify().ok


def _tamper(home, sql):
    """What someone with the file and sqlite3 could do: drop the guard, edit a row."""
    c = sqlite3.connect(home.db_path)
    c.execute("DROP TRIGGER audit_entry_no_update")
    c.execute("DROP TRIGGER audit_entry_no_delete")
    c.execute(sql)
    c.commit()
    c.close()


def test_verify_names_the_first_edited_entry(home, office):
    from models import office as office_mod
    office_mod.update_office(office["admin"], {"place": "Xã Tân Lập, huyện Yên Sơn"})
    assert audit.verify().ok
    _tamper(home, "UPDATE audit_entry SET username = 'nguoi-khac' WHERE seq = 3")
    r = audit.verify()
    assert not r.ok and r.bad_seq == 3 and "sửa" in r.reason


def test_verify_names_a_removed_entry(home, office):
    _tamper(home, "DELETE FROM audit_entry WHERE seq = 2")
    r = audit.verify()
    assert not r.ok and r.bad_seq == 2


def test_cli_audit_verify_reports_tampering(home, office):
    import subprocess
    import sys
    ok = subprocess.run([sys.executable, "-m", "tui.cli", "audit", "verify", "--home", str(home.path)],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and "nguyên vẹn" in ok.stdout
    _tamper(home, "UPDATE audit_entry SET new = '{}' WHERE seq = 4")
    bad = subprocess.run([sys.executable, "-m", "tui.cli", "audit", "verify", "--home", str(home.path)],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "mục số 4" in bad.stderr
