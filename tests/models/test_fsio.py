"""Crash-safe writes: whole file or none, owner-only, unique temporaries."""
from __future__ import annotations

import os
import stat
import threading

import pytest

from models.fsio import atomic_open, atomic_path, atomic_write_bytes


def test_write_is_owner_only_and_leaves_no_temporary(tmp_path):
    p = atomic_write_bytes(tmp_path / "a.pdf", b"%PDF-1.4 x")
    assert p.read_bytes() == b"%PDF-1.4 x"
    assert stat.S_IMODE(p.stat().st_mode) == 0o600
    assert [x.name for x in tmp_path.iterdir()] == ["a.pdf"]


def test_error_mid_write_keeps_the_old_file(tmp_path):
    p = tmp_path / "book.csv"
    p.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_open(p, "w", encoding="utf-8") as f:
            f.write("half")
            raise RuntimeError("power cut")
    assert p.read_text() == "old"
    assert [x.name for x in tmp_path.iterdir()] == ["book.csv"]


def test_atomic_path_for_libraries_that_save_by_name(tmp_path):
    p = tmp_path / "x.xlsx"
    with atomic_path(p) as tmp:
        assert tmp != p and tmp.parent == tmp_path
        tmp.write_bytes(b"PK")
    assert p.read_bytes() == b"PK"


def test_two_writers_at_once_do_not_share_a_temporary(tmp_path):
    p = tmp_path / "same.pdf"
    errors = []

    def write(i):
        try:
            for _ in range(50):
                atomic_write_bytes(p, bytes([i]) * 10_000)
        except Exception as e:          # noqa: BLE001 - any failure is the finding
            errors.append(e)

    ts = [threading.Thread(target=write, args=(i,)) for i in (1, 2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors
    data = p.read_bytes()
    assert data in (b"\x01" * 10_000, b"\x02" * 10_000)


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_mode_can_be_chosen(tmp_path):
    p = atomic_write_bytes(tmp_path / "pub.txt", b"x", mode=0o644)
    assert stat.S_IMODE(p.stat().st_mode) == 0o644
