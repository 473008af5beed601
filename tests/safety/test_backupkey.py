"""Where the backup key lives, and that no password store can make the program wait."""
from __future__ import annotations

import stat
import threading

import keyring
import pytest
from keyring.backend import KeyringBackend

from models import backupkey
from models import office as office_mod


class Hanging(KeyringBackend):
    """A password store that shows a prompt nobody answers."""
    priority = 1
    viable = False      # a test's own store: never a candidate keyring picks by itself
    release = threading.Event()

    def get_password(self, service, username):
        self.release.wait(60)

    def set_password(self, service, username, password):
        self.release.wait(60)

    def delete_password(self, service, username):
        self.release.wait(60)


class PromptingAlt(KeyringBackend):
    priority = 1
    viable = False      # a test's own store: never a candidate keyring picks by itself

    def get_password(self, service, username):
        raise AssertionError("a keyrings.alt store must never be asked")

    set_password = delete_password = get_password


PromptingAlt.__module__ = "keyrings.alt.file"


@pytest.fixture(autouse=True)
def _restore_keyring():
    old = keyring.get_keyring()
    yield
    Hanging.release.set()
    keyring.set_keyring(old)


def test_a_store_that_never_answers_is_given_up_on(home, monkeypatch):
    monkeypatch.setattr(backupkey, "KEYRING_TIMEOUT", 0.3)
    Hanging.release.clear()
    keyring.set_keyring(Hanging())
    k = backupkey.load_key(home)
    assert k.store == "keyfile" and "không trả lời" in k.notice
    assert stat.S_IMODE((home.path / "backup.key").stat().st_mode) == 0o600
    assert backupkey.load_key(home).key == k.key                  # found again, no waiting


@pytest.mark.parametrize("backend, why", [
    ("keyring.backends.null.Keyring", "rỗng"),
    ("keyring.backends.fail.Keyring", "không có kho mật khẩu"),
    ("alt", "hỏi mật khẩu"),
])
def test_unusable_stores_are_named_and_never_used(home, backend, why):
    if backend == "alt":
        keyring.set_keyring(PromptingAlt())
    else:
        mod, cls = backend.rsplit(".", 1)
        import importlib
        keyring.set_keyring(getattr(importlib.import_module(mod), cls)())
    assert why in backupkey.keyring_problem()
    k = backupkey.load_key(home)
    assert k.store == "keyfile" and why in k.notice


def test_moving_the_key_between_file_and_store_keeps_it(office, home, tmp_path, monkeypatch):
    from tests.keyring_file import FileKeyring
    from keyring.backends import fail
    keyring.set_keyring(fail.Keyring())
    first = backupkey.load_key(home)
    assert first.store == "keyfile"
    monkeypatch.setenv("VANPHONG_TEST_KEYRING", str(tmp_path / "kr.json"))
    keyring.set_keyring(FileKeyring())
    office_mod.set_setting(office["admin"], "backup.key_store", "keyring")
    moved = backupkey.load_key(home)
    assert moved.key == first.key and moved.store == "keyring"
    assert not (home.path / "backup.key").exists()
    office_mod.set_setting(office["admin"], "backup.key_store", "keyfile")
    back = backupkey.load_key(home)
    assert back.key == first.key and (home.path / "backup.key").exists()


def test_recovery_text_round_trip_and_typos():
    key = bytes(range(32))
    text = backupkey.to_text(key)
    assert backupkey.from_text(text.lower().replace(" ", "-")) == key
    with pytest.raises(Exception, match="độ dài"):
        backupkey.from_text(text[:-5])


def test_key_store_setting_takes_only_known_places(office):
    from models.errors import ValidationError
    with pytest.raises(ValidationError, match="keyring, keyfile, passphrase"):
        office_mod.set_setting(office["admin"], "backup.key_store", "usb")
    assert office_mod.set_setting(office["admin"], "backup.key_store", " KeyFile ") == "keyfile"
    assert office_mod.set_setting(office["admin"], "backup.key_store", "") == ""


def test_anchors_stay_checkable_when_the_key_becomes_a_passphrase(office, home, monkeypatch):
    from keyring.backends import fail

    from models import audit
    keyring.set_keyring(fail.Keyring())
    audit.record_anchor(home, why="start")                    # key file office
    office_mod.set_setting(office["admin"], "backup.key_store", "passphrase")
    monkeypatch.setenv(backupkey.PASSPHRASE_ENV, "một cụm mật khẩu đủ dài")
    assert backupkey.load_key(home).store == "passphrase"
    monkeypatch.delenv(backupkey.PASSPHRASE_ENV)
    assert audit.verify_anchors(home) == []                   # nothing typed, nothing broken


@pytest.mark.parametrize("salt", [b"", b"\x07" * 16])
def test_sub_keys_are_the_standard_hkdf_so_old_archives_and_anchors_still_open(salt):
    """The derivation is written with hmac (no cryptography package at every start); it must
    give the very keys HKDF-SHA256 gave, or archives and anchors made before would not open."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    key = bytes(range(32))
    for purpose in ("archive", "audit anchor", "mục đích"):
        want = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt or None,
                    info=purpose.encode()).derive(key)
        assert backupkey.derive(key, purpose, salt) == want


def test_the_start_up_check_of_a_day_already_backed_up_loads_no_cryptography(office, home):
    """The duties of every start (quick check, anchors) keep the ~8 MiB cryptography package
    out of memory; only making or reading a backup loads it."""
    import json
    import subprocess
    import sys
    import textwrap
    from models import safety
    safety.at_start(home)                      # the day's first start: anchor and back up
    script = textwrap.dedent(f"""
        import json, sys
        from models.db import open_database
        from models.home import OfficeHome
        from models import safety
        home = OfficeHome({str(home.path)!r})
        open_database(home.db_url)
        notices = safety.at_start(home)
        print(json.dumps([notices, sorted(m for m in sys.modules if m.startswith("cryptography"))]))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    notices, loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded == []
