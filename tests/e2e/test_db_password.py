"""A shared PostgreSQL server that asks for a password: the address holds none, the password
is kept in the computer's password store (`vanphong db-password`), and every message says
what to do — never a traceback, never the password."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROLE, SECRET = "vpmatkhau", "Mk-2026-Tân-Lập"


@pytest.fixture
def server_with_password(pg):
    """A database whose role must give its password (scram) on the server's socket."""
    import psycopg2
    name = f"vppw_{os.getpid()}"
    c = psycopg2.connect(host=pg.sock, user=pg.user, dbname="postgres")
    c.autocommit = True
    cur = c.cursor()
    cur.execute(f"DROP DATABASE IF EXISTS {name}")
    cur.execute(f"DROP ROLE IF EXISTS {ROLE}")
    cur.execute("SET password_encryption = 'scram-sha-256'")
    cur.execute(f"CREATE ROLE {ROLE} LOGIN PASSWORD %s", (SECRET,))
    cur.execute(f"CREATE DATABASE {name} OWNER {ROLE}")
    hba = Path(pg.dir) / "data" / "pg_hba.conf"
    original = hba.read_text()
    hba.write_text(f"local all {ROLE} scram-sha-256\n" + original)   # first match wins
    cur.execute("SELECT pg_reload_conf()")
    yield f"postgresql://{ROLE}@/{name}?host={pg.sock}"
    hba.write_text(original)
    cur.execute("SELECT pg_reload_conf()")
    c.close()


def vanphong(url, keys, *args, stdin=""):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VANPHONG", "PGPASS"))}
    env.update(VANPHONG_DB_URL=url, VANPHONG_HOME=str(keys.parent / "home"),
               PYTHON_KEYRING_BACKEND="tests.keyring_file.FileKeyring",
               VANPHONG_TEST_KEYRING=str(keys), PGPASSFILE=str(keys.parent / "no-pgpass"))
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, start_new_session=True, timeout=120)


def test_password_kept_in_the_store_not_in_the_address(server_with_password, tmp_path):
    url, keys = server_with_password, tmp_path / "keys.json"
    p = vanphong(url, keys, "audit", "verify")                       # no password anywhere yet
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "vanphong db-password" in p.stderr and SECRET not in p.stderr

    p = vanphong(url, keys, "db-password", stdin="sai-mat-khau\n")   # a wrong one is kept, but said
    assert p.returncode == 1 and "Đã lưu mật khẩu" in p.stdout
    assert "chưa kết nối được" in p.stderr and "sai-mat-khau" not in p.stderr

    p = vanphong(url, keys, "db-password", stdin=SECRET + "\n")
    assert p.returncode == 0, p.stderr
    assert "Đã kết nối thử tới máy chủ: được." in p.stdout
    assert SECRET not in p.stdout + p.stderr

    p = vanphong(url, keys, "audit", "verify")                       # the program connects
    assert p.returncode == 0 and "Nhật ký thay đổi nguyên vẹn" in p.stdout, p.stderr

    p = vanphong(url, keys, "db-password", "--delete")
    assert p.returncode == 0 and "Đã xóa mật khẩu" in p.stdout
    assert vanphong(url, keys, "audit", "verify").returncode == 2


def test_db_password_needs_a_server_address(tmp_path):
    p = vanphong("", tmp_path / "keys.json", "db-password", stdin="x\n")
    assert p.returncode == 2 and "--url postgresql://" in p.stderr and "Traceback" not in p.stderr
