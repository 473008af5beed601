"""The day's first start: quick check, anchor, automatic backup kept to N; what Hôm nay says."""
from __future__ import annotations

import datetime as _dt

import pytest

from models import audit, backup, dashboard, documents, office as office_mod, safety

DAY = _dt.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring
    from keyring.backends import fail
    keyring.set_keyring(fail.Keyring())


def panel(actor, today):
    return safety._panel(actor, today)


def test_first_start_of_the_day_anchors_and_backs_up_once(office, home, tmp_path):
    admin = office["admin"]
    office_mod.set_setting(admin, "backup.folder", str(tmp_path / "usb"))
    office_mod.set_setting(admin, "backup.keep", 2)
    documents.register_incoming(office["clerk"], sender="Huyện ủy", summary="Một")
    said = []
    notices = safety.at_start(home, DAY, on_event=lambda kind, m: said.append((kind, m)))
    assert any("không có kho mật khẩu" in n for n in notices)       # the key went to a key file
    made = backup.list_backups(tmp_path / "usb")
    assert len(made) == 1
    assert [a["why"] for a in audit.read_anchors(home)] == ["start", "daily"]
    assert safety.at_start(home, DAY) == [] and len(backup.list_backups(tmp_path / "usb")) == 1
    for d in (1, 2, 3):                                  # later days: one each, two kept
        safety.at_start(home, DAY + _dt.timedelta(days=d))
    assert len(backup.list_backups(tmp_path / "usb")) == 2
    p = panel(admin, DAY)
    assert p.title == "An toàn dữ liệu" and "hôm nay" in p.lines[0]
    assert panel(office["clerk"], DAY) is None           # the administrator's business


def test_panel_warns_after_seven_days_and_without_any_backup(office, home):
    admin = office["admin"]
    office_mod.set_setting(admin, "backup.auto", False)
    safety.at_start(home, DAY)
    p = panel(admin, DAY)
    assert p.severity == "warning" and "Chưa có bản sao lưu nào." in p.lines
    backup.create_backup(home, home.path.parent / "b.vpbak")
    assert panel(admin, _dt.date.today() + _dt.timedelta(days=7)).severity == "info"
    late = panel(admin, _dt.date.today() + _dt.timedelta(days=8))
    assert late.severity == "warning" and any("quá 7 ngày" in x for x in late.lines)
    assert "safety.backup" in [k for _, k, _ in dashboard._PANELS]


def test_problems_found_at_start_show_on_the_panel(office, home):
    admin = office["admin"]
    office_mod.set_setting(admin, "backup.auto", False)
    from models.filestore import FileStore
    f = home.path.parent / "a.pdf"
    f.write_bytes(b"%PDF-1.4\n" + b"x" * 500)
    d = documents.register_incoming(office["clerk"], sender="Huyện ủy", summary="Một")
    a = documents.attach_file(office["clerk"], FileStore(home.files), d, f)
    (home.files / a.file.rel_path).unlink()
    said = []
    safety.at_start(home, DAY, on_event=lambda kind, m: said.append((kind, m)))
    assert said and said[0][0] == "error"
    p = panel(admin, DAY)
    assert p.severity == "error" and any("Mất tệp" in x for x in p.lines)


def test_passphrase_office_is_told_not_asked(office, home, monkeypatch):
    monkeypatch.delenv("VANPHONG_BACKUP_PASSPHRASE", raising=False)
    office_mod.set_setting(office["admin"], "backup.key_store", "passphrase")
    notices = safety.at_start(home, DAY)
    assert any("cụm mật khẩu" in n for n in notices)
    assert backup.last_backup(home) is None


def test_a_backup_stops_when_the_program_closes(office, home, tmp_path):
    import threading
    from models.errors import VanphongError
    from models.filestore import FileStore
    f = home.path.parent / "a.pdf"
    f.write_bytes(b"%PDF-1.4\n" + b"y" * 500)
    d = documents.register_incoming(office["clerk"], sender="Huyện ủy", summary="Một")
    documents.attach_file(office["clerk"], FileStore(home.files), d, f)
    stop = threading.Event()
    stop.set()
    with pytest.raises(VanphongError, match="dừng"):
        backup.create_backup(home, tmp_path / "usb", cancel=stop)
    assert list((tmp_path / "usb").iterdir()) == []          # no temporary left behind


def test_a_daily_backup_cut_short_is_tried_again_at_the_next_start(office, home, tmp_path):
    import threading
    from models.filestore import FileStore
    office_mod.set_setting(office["admin"], "backup.folder", str(tmp_path / "usb"))
    f = home.path.parent / "a.pdf"
    f.write_bytes(b"%PDF-1.4\n" + b"z" * 500)
    d = documents.register_incoming(office["clerk"], sender="Huyện ủy", summary="Một")
    documents.attach_file(office["clerk"], FileStore(home.files), d, f)
    closed = threading.Event()
    closed.set()
    safety.at_start(home, DAY, cancel=closed)
    assert backup.list_backups(tmp_path / "usb") == []
    safety.at_start(home, DAY)
    assert len(backup.list_backups(tmp_path / "usb")) == 1


def test_passphrase_office_still_anchors_each_day(office, home, monkeypatch):
    monkeypatch.delenv("VANPHONG_BACKUP_PASSPHRASE", raising=False)
    office_mod.set_setting(office["admin"], "backup.key_store", "passphrase")
    safety.at_start(home, DAY)
    assert [a["why"] for a in audit.read_anchors(home)] == ["start"]
    assert audit.verify_anchors(home) == []
