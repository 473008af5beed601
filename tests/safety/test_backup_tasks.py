"""A backup, or a backup's check, asked for by a person (the Sao lưu screen): made by a child
process as the start-up duties are, said in one Vietnamese line, refused with the reason when
it cannot be done here (a passphrase key, another backup running, a damaged file)."""
from __future__ import annotations

import os

import pytest

from models import backup, backup_tasks, office as office_mod, safety
from tests.safety.child_helpers import attach

STATE = safety._state


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch):
    """This machine's real password store is never touched (the child reads the variable)."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring
    from keyring.backends import fail
    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def usb(office, home, tmp_path):
    folder = tmp_path / "usb"
    office_mod.set_setting(office["admin"], "backup.folder", str(folder))
    attach(office, home, b"mot" * 300, "Một")
    attach(office, home, b"hai" * 300, "Hai")
    return folder


def run_child(home, task) -> list[tuple[str, str]]:
    said: list[tuple[str, str]] = []
    child = safety.ChildRun(home, on_event=lambda kind, message: said.append((kind, message)), task=task)
    child.run()
    assert child.pid not in (None, os.getpid()) and child.returncode == 0
    return said


def test_a_backup_asked_for_is_made_by_a_child_then_checked_whole(office, home, usb, monkeypatch):
    def refuse(*a, **kw):
        raise AssertionError("ran in the test's own process")
    monkeypatch.setattr(backup, "create_backup", refuse)
    monkeypatch.setattr(backup, "verify_backup", refuse)
    said = run_child(home, ("--now",))
    kept = backup.kept_backups(usb)
    assert len(kept) == 1 and kept[0].size > 0
    size = backup_tasks.size_text(kept[0].size)
    assert said[-1] == ("saved", f"Đã sao lưu vào {kept[0].path} ({size}, 2 tệp).")
    assert backup.last_backup(home)["path"] == str(kept[0].path)
    said = run_child(home, ("--verify", str(kept[0].path)))
    made = kept[0].made
    assert said == [("checked", f"Bản sao lưu {kept[0].path.name} nguyên vẹn: cơ sở dữ liệu và 2 tệp, "
                                f"tạo lúc {made:%H:%M} ngày {made:%d/%m/%Y}.")]


def test_a_damaged_backup_is_said_damaged_and_nothing_else_happens(office, home, usb):
    backup_tasks.backup_now(home)
    path = backup.kept_backups(usb)[0].path
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01                      # one bit, in the middle of a chunk
    path.write_bytes(bytes(data))
    said: list[tuple[str, str]] = []
    backup_tasks.verify_now(home, path, lambda kind, message: said.append((kind, message)))
    assert len(said) == 1 and said[0][0] == "error"
    assert said[0][1].startswith(f"{path.name}: {backup.DAMAGED}")
    assert [k.path for k in backup.kept_backups(usb)] == [path]


def test_an_office_whose_key_is_a_passphrase_is_told_to_use_the_command(office, home, usb, monkeypatch):
    monkeypatch.delenv("VANPHONG_BACKUP_PASSPHRASE", raising=False)
    office_mod.set_setting(office["admin"], "backup.key_store", "passphrase")
    said: list[tuple[str, str]] = []
    assert backup_tasks.backup_now(home, lambda kind, message: said.append((kind, message))) == []
    assert said == [("error", "Không sao lưu được: " + backup_tasks.PASSPHRASE_ONLY.format(
        what="sao lưu bằng lệnh vanphong backup"))]
    assert not usb.exists() or backup.kept_backups(usb) == []


def test_while_another_backup_runs_a_new_one_is_refused_with_the_reason(office, home, usb, monkeypatch):
    monkeypatch.setitem(STATE, "running", True)       # the start-up duties, in this program
    said: list[tuple[str, str]] = []
    child = safety.ChildRun(home, on_event=lambda kind, message: said.append((kind, message)),
                            task=("--now",))
    assert child.run() == [] and child.pid is None
    assert said == [("warning", safety.BUSY)]
    assert not usb.exists()


def test_the_backups_in_a_folder_newest_first_and_only_the_programs(tmp_path):
    folder = tmp_path / "b"
    assert backup.kept_backups(folder) == []         # a USB stick not plugged in
    folder.mkdir()
    for name in ("vanphong-20261130-080000.vpbak", "vanphong-20261202-090000.vpbak",
                 "vanphong-20261202-090000-1.vpbak", "ghi-chu.txt", "vanphong-20261399-000000.vpbak"):
        (folder / name).write_bytes(b"x" * 1500)
    kept = backup.kept_backups(folder)
    assert [k.path.name for k in kept] == ["vanphong-20261202-090000-1.vpbak",
                                           "vanphong-20261202-090000.vpbak",
                                           "vanphong-20261130-080000.vpbak"]
    assert kept[-1].made.isoformat() == "2026-11-30T08:00:00" and kept[0].size == 1500
    assert [backup_tasks.size_text(n) for n in (1500, 999_400, 12_345_678)] == ["2 KB", "999 KB", "12,3 MB"]
