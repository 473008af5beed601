"""Saving a printout: whole or not at all, owner-only, and two prints at once never collide."""
from __future__ import annotations

import stat
import threading

from tui.printing import save_pdf


def test_two_prints_of_the_same_book_at_once_both_succeed(tmp_path):
    path = tmp_path / "printouts" / "so-van-ban-den_20260101-20261231.pdf"
    books = {i: b"%PDF-1.4\n" + bytes([65 + i]) * 200_000 + b"\n%%EOF\n" for i in (0, 1)}
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def print_book(i: int) -> None:
        try:
            start.wait()
            for _ in range(40):
                save_pdf(path, books[i])
        except BaseException as e:       # noqa: BLE001 - any failure is the finding
            errors.append(e)

    threads = [threading.Thread(target=print_book, args=(i,)) for i in books]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert path.read_bytes() in books.values()                  # one whole book, never a mix
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left behind
