"""The directory import rate: N contacts (default 100 000) from one CSV through the command line,
as a clerk runs it (`vanphong directory import FILE --user admin`), into a demo office.

    .venv/bin/python bench/directory_import_bench.py [N]

Prints rows, seconds and rows per second; with --probe, also how long a second desk waits for
one registration while a second import of N new rows runs (it must never fail: the import writes
in short batches).
"""
from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh",
         "Mai", "Nam", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến"]
ORGS = ["UBND xã Tân Lập", "Hội Nông dân xã", "Đoàn Thanh niên xã", "Chi bộ thôn Đồng Tâm",
        "Hội Liên hiệp Phụ nữ xã", "Mặt trận Tổ quốc xã", "Trường Tiểu học Tân Lập"]


def write_csv(path: Path, n: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Họ và tên", "Loại", "Nhóm", "Chức vụ", "Đơn vị", "Điện thoại", "Email"])
        for i in range(n):
            name = f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)} {i:06d}"
            w.writerow([name, "Cá nhân", "Khác", "Cán bộ", rnd.choice(ORGS),
                        f"09{rnd.randrange(10**8):08d}", f"nguoi{i}@example.vn"])


def run(home: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "VANPHONG_HOME": str(home), "VANPHONG_PASSWORD": "vanphong2026"}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, **kw)


def probe_writes(home: Path, proc: subprocess.Popen) -> list[float]:
    """While the import runs: register incoming documents one after another, as a second desk
    would, and time each save (it waits for at most one batch of the import)."""
    import datetime as dt

    from models import documents, users
    from models.db import close_database, open_database
    from models.home import OfficeHome
    open_database(OfficeHome(home).db_url)
    clerk = users.User.get(users.User.username == "admin")
    waits = []
    while proc.poll() is None:
        t0 = time.perf_counter()
        documents.register_incoming(clerk, arrived_at=dt.datetime.now(), sender="Huyện ủy",
                                    summary=f"V/v thử ghi trong khi nhập danh bạ {len(waits)}")
        waits.append(time.perf_counter() - t0)
        time.sleep(0.05)
    close_database()
    return waits


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "office"
        r = run(home, "demo")
        assert r.returncode == 0, r.stderr
        data = Path(tmp) / "danh-ba.csv"
        write_csv(data, n)
        t0 = time.perf_counter()
        r = run(home, "directory", "import", str(data), "--user", "admin")
        dt = time.perf_counter() - t0
        assert r.returncode == 0, r.stderr[-2000:]
        print(r.stdout.strip().splitlines()[-1])
        print(f"{n} rows in {dt:.1f} s = {n / dt:,.0f} rows/s (process start and demo office "
              "open included)")
        t0 = time.perf_counter()
        r = run(home, "search", "nguyen", "van", "an")
        print(f"search afterwards: {time.perf_counter() - t0:.2f} s, exit {r.returncode}")
        if "--probe" in sys.argv:
            write_csv(data, n, seed=8)       # the same names again: all skipped; a new file:
            lines = data.read_text(encoding="utf-8-sig").splitlines()
            data.write_text("\n".join([lines[0]] + [ln.replace(" 0", " 1", 1) for ln in lines[1:]]),
                            encoding="utf-8")
            env = {**os.environ, "VANPHONG_HOME": str(home), "VANPHONG_PASSWORD": "vanphong2026"}
            proc = subprocess.Popen([sys.executable, "-m", "tui.cli", "directory", "import",
                                     str(data), "--user", "admin"], cwd=ROOT, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            waits = probe_writes(home, proc)
            proc.communicate()
            first, rest = waits[0], sorted(waits[1:])
            print(f"second desk during a second import: {len(waits)} registrations, none failed; "
                  f"the first {first * 1000:.0f} ms (loads the registers' modules), then median "
                  f"{rest[len(rest) // 2] * 1000:.0f} ms, 95th percentile "
                  f"{rest[int(len(rest) * 0.95)] * 1000:.0f} ms, slowest {rest[-1] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
