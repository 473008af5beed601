"""The password of a shared PostgreSQL server, kept in the system's password store."""
from __future__ import annotations

import keyring
import keyring.backends.fail
import pytest

from models import keystore
from models.db import open_database
from models.errors import VanphongError
from tests.keyring_file import FileKeyring


@pytest.fixture
def store(tmp_path, monkeypatch):
    before = keyring.get_keyring()        # (chosen before the test store can be a candidate)
    monkeypatch.setenv("VANPHONG_TEST_KEYRING", str(tmp_path / "keys.json"))
    keyring.set_keyring(FileKeyring())
    yield tmp_path / "keys.json"
    keyring.set_keyring(before)


def test_the_name_a_password_is_kept_under():
    assert keystore.db_key("postgresql://vanthu@db.tinh.vn:5433/vanphong") == \
        "postgresql://vanthu@db.tinh.vn:5433/vanphong"
    assert keystore.db_key("postgresql://vanthu@/vanphong?host=/run/postgresql") == \
        "postgresql://vanthu@/run/postgresql/vanphong"
    assert keystore.db_key("postgres://vanthu@may-chu/vp") == "postgresql://vanthu@may-chu/vp"
    # nothing to look up: a password in the address, no user, or not PostgreSQL
    assert keystore.db_key("postgresql://vanthu:matkhau@may-chu/vp") is None
    assert keystore.db_key("postgresql://may-chu/vp") is None
    assert keystore.db_key("sqlite:////var/lib/vanphong/vanphong.sqlite3") is None


def test_stored_found_and_forgotten(store):
    url = "postgresql://vanthu@may-chu/vp"
    assert keystore.get_db_password(url) is None
    assert keystore.set_db_password(url, "Mật-khẩu 2026") == "postgresql://vanthu@may-chu/vp"
    assert keystore.get_db_password(url) == "Mật-khẩu 2026"
    assert keystore.get_db_password("postgresql://khac@may-chu/vp") is None
    assert keystore.delete_db_password(url) is True
    assert keystore.get_db_password(url) is None
    assert keystore.delete_db_password(url) is False
    with pytest.raises(VanphongError, match="không kèm mật khẩu"):
        keystore.set_db_password("postgresql://vanthu:x@may-chu/vp", "y")
    with pytest.raises(VanphongError, match="trống"):
        keystore.set_db_password(url, "")


def test_a_computer_without_a_password_store_is_told_about_pgpass():
    before = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        url = "postgresql://vanthu@may-chu/vp"
        assert keystore.get_db_password(url) is None           # libpq may still use ~/.pgpass
        with pytest.raises(VanphongError, match="pgpass"):
            keystore.require_store()                            # said before a password is typed
        with pytest.raises(VanphongError) as e:
            keystore.set_db_password(url, "x")
        assert ".pgpass" in e.value.message and "kho mật khẩu" in e.value.message
    finally:
        keyring.set_keyring(before)


def test_a_password_never_shows_in_an_error():
    pytest.importorskip("psycopg2")
    with pytest.raises(VanphongError) as e:
        open_database("postgresql://vanthu:BiMat-2026@127.0.0.1:1/vp")   # nothing listens there
    assert "BiMat-2026" not in e.value.message and "vanthu:***@127.0.0.1:1" in e.value.message
    with pytest.raises(VanphongError) as e:
        open_database("mysql://vanthu:BiMat-2026@may-chu/vp")
    assert "BiMat-2026" not in e.value.message
