"""Generate a realistic large office for the register benchmarks: ten years of an active
committee, 100 000 incoming documents (10 000 a year), a directory, and the search index.

Rows go in through sqlite3 ``executemany`` on the raw connection (not peewee's insert_many:
this is about a realistic database, not about the ORM), the search index in bulk (what
``models.search.index`` would store, folded by parts; no merging until one merge at the end) —
all in one transaction, with ``synchronous = OFF`` and the journal in memory for this build only.
1 000 000 documents build in under two minutes.

    python3 bench/make_registers_office.py [--docs 1000000] [--out bench/out/registers-100k]
"""
from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import random
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SENDERS = [
    ("Tỉnh ủy Tuyên Quang", "TU"), ("Văn phòng Tỉnh ủy", "VPTU"), ("Huyện ủy Yên Sơn", "HU"),
    ("Văn phòng Huyện ủy Yên Sơn", "VPHU"), ("Ban Tổ chức Huyện ủy Yên Sơn", "BTCHU"),
    ("Ban Tuyên giáo Huyện ủy Yên Sơn", "BTGHU"), ("Ủy ban Kiểm tra Huyện ủy Yên Sơn", "UBKTHU"),
    ("Ban Dân vận Huyện ủy Yên Sơn", "BDVHU"), ("Trung tâm Chính trị huyện Yên Sơn", "TTCT"),
    ("Ủy ban nhân dân huyện Yên Sơn", "UBND"), ("Phòng Nội vụ huyện Yên Sơn", "PNV"),
    ("Ủy ban nhân dân xã Tân Lập", "UBND-X"), ("Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Lập", "MTTQ"),
    ("Hội Liên hiệp Phụ nữ xã Tân Lập", "HLHPN"), ("Đoàn Thanh niên xã Tân Lập", "ĐTN"),
    ("Hội Nông dân xã Tân Lập", "HND"), ("Hội Cựu chiến binh xã Tân Lập", "CCB"),
] + [(f"Chi bộ thôn {n}", "CB") for n in ("Đồng Tâm", "Tân Thành", "Làng Mới", "Khuôn Khoai", "Cây Thông",
                                            "Bản Pình", "Nà Khà", "Đồng Giàng", "Làng Ải", "Thác Cái")]
TYPES = [("Công văn", "CV", 30), ("Hướng dẫn", "HD", 10), ("Kế hoạch", "KH", 12), ("Thông báo", "TB", 12),
         ("Báo cáo", "BC", 14), ("Quyết định", "QĐ", 8), ("Nghị quyết", "NQ", 4), ("Chỉ thị", "CT", 2),
         ("Giấy mời", "GM", 6), ("Tờ trình", "TTr", 2)]
TOPICS = ["tổ chức Đại hội chi bộ", "thu, nộp đảng phí", "kiểm điểm, đánh giá, xếp loại đảng viên",
          "phát triển đảng viên mới", "học tập, quán triệt nghị quyết", "công tác kiểm tra, giám sát",
          "phòng, chống thiên tai mùa mưa bão", "xây dựng nông thôn mới", "chuyển đổi số",
          "cải cách hành chính", "tuyên truyền kỷ niệm ngày thành lập Đảng", "công tác dân vận",
          "an ninh trật tự trên địa bàn", "quy hoạch cấp ủy nhiệm kỳ", "sinh hoạt chi bộ chuyên đề",
          "tình hình tư tưởng cán bộ, đảng viên", "bảo vệ môi trường", "phòng, chống tham nhũng, lãng phí",
          "chăm lo gia đình chính sách", "giảm nghèo bền vững", "cập nhật cơ sở dữ liệu đảng viên",
          "trao Huy hiệu Đảng", "bầu cử đại biểu Hội đồng nhân dân", "công tác cán bộ"]
VERBS = ["V/v triển khai", "V/v hướng dẫn", "V/v báo cáo kết quả", "V/v đôn đốc", "V/v tăng cường",
         "Kế hoạch thực hiện", "Thông báo kết luận về", "Báo cáo sơ kết", "Hướng dẫn thực hiện"]
HANDLERS = ["Phạm Văn Đức", "Nguyễn Thị Thu Hà", "Lê Minh Tuấn", "Hoàng Văn Nam", "Đỗ Thị Hương",
            "Vũ Đình Khoa", "Bùi Thị Lan Anh", "Ngô Quang Vinh", "Đặng Thị Phương", "Văn phòng Đảng ủy",
            "Ủy ban Kiểm tra Đảng ủy", "Ban Xây dựng Đảng"]


def setup_office() -> None:
    """The office, its administrator and a reader (who may not see secret documents)."""
    from models import office, users
    office.first_run_setup({"name": "Đảng ủy xã Tân Lập", "superior": "Đảng bộ huyện Yên Sơn",
                            "body_abbr": "ĐU", "place": "Xã Tân Lập", "term_start": dt.date(2025, 8, 16),
                            "term_label": "2025–2030"}, "admin", "Nguyễn Thị Hoa", "bench-password-1")
    admin = users.User.get(users.User.username == "admin")
    users.create_user(admin, "xem", "Hoàng Thị Lan", "viewer", "bench-password-1")


COLS = ["year", "arrival_no", "arrived_at", "registered_at", "sender", "doc_number", "doc_date",
        "doc_type", "summary", "summary_consent", "urgency", "secrecy", "pages", "copies", "handler",
        "deadline", "transferred_at", "received_by", "status", "status_changed_at", "source", "notes",
        "cancel_reason"]


def year_rows(y: int, per_year: int, first_id: int, seed: int) -> tuple[list, list, list]:
    """One year of the register: its documents' rows, their first steps and their search-index
    rows, ids from ``first_id``. A year is drawn from its own seed, so years can be drawn in
    other processes while this one inserts the ones before."""
    from models import search
    from models.text import fold
    rng = random.Random(seed * 10_000 + y)
    rows, steps, index_rows = [], [], []
    fold_cache: dict[str, str] = {}

    def F(s: str) -> str:
        f = fold_cache.get(s)
        if f is None:
            f = fold_cache[s] = fold(s)
        return f
    plain_code = search.KINDS["incoming"].code * search._STRIDE
    secret_code = search.KINDS["secret_incoming"].code * search._STRIDE
    # the draws through random() alone: Random.choice/choices/randint cost ~5 µs each, half the
    # build's time at 1 M documents (same distributions as those calls)
    r = rng.random

    def pick(seq):
        return seq[int(r() * len(seq))]

    def weighted(seq, weights):
        cum = list(itertools.accumulate(weights))
        total = cum[-1]
        return lambda: seq[bisect.bisect(cum, r() * total)]

    def between(lo, hi):                                  # lo..hi, both included
        return lo + int(r() * (hi - lo + 1))
    a_type = weighted(TYPES, [w for *_, w in TYPES])
    status_old = weighted(("filed", "done", "in_progress"), (70, 28, 2))
    status_mid = weighted(("done", "in_progress", "pending"), (50, 40, 10))
    status_new = weighted(("pending", "in_progress"), (60, 40))
    an_urgency = weighted(("Thường", "Khẩn", "Thượng khẩn"), (90, 8, 2))
    minute = dt.timedelta(minutes=1)
    doc_id = first_id - 1
    start = dt.date(y, 1, 2)
    days = [start + dt.timedelta(days=i) for i in range(360)
            if (start + dt.timedelta(days=i)).weekday() < 5]
    if y == 2026:
        days = [d for d in days if d <= dt.date(2026, 11, 25)]
    arrivals = sorted(pick(days) for _ in range(per_year))
    counters: dict[str, int] = {}
    for no, day in enumerate(arrivals, start=1):
        doc_id += 1
        sender, abbr = pick(SENDERS)
        tname, tcode, _ = a_type()
        counters[sender] = counters.get(sender, 0) + between(1, 3)
        number = f"{counters[sender]}-{tcode}/{abbr}"
        summary = f"{pick(VERBS)} {pick(TOPICS)} năm {y}"
        at = dt.datetime(day.year, day.month, day.day, between(7, 16), between(0, 59))
        reg = at + between(2, 120) * minute
        handler = pick(HANDLERS)
        deadline = (day + dt.timedelta(days=between(5, 30)) if tcode in ("CV", "HD", "KH", "GM")
                    else None)
        age = (dt.date(2026, 11, 26) - day).days
        status = status_old() if age > 60 else status_mid() if age > 5 else status_new()
        transferred = at + between(1, 24) * 60 * minute if status != "pending" else None
        secrecy = "Mật" if r() < 0.003 else "Thường"
        reg_s = reg.isoformat(" ")
        rows.append((y, no, at.isoformat(" "), reg_s, sender, number,
                     (day - dt.timedelta(days=between(0, 4))).isoformat(), tname, summary, 0,
                     an_urgency(), secrecy,
                     between(1, 20), 1, handler if transferred else "",
                     deadline.isoformat() if deadline else None,
                     transferred.isoformat(" ") if transferred else None,
                     handler if transferred else "", status, reg_s, "manual", "", ""))
        steps.append((doc_id, "pending", reg_s, "admin", "vào sổ"))
        kind = secret_code if secrecy != "Thường" else plain_code
        title = f"Số đến {no}/{y}: {summary}"
        # what models.search.index folds, folded by parts (the parts repeat, the rows do not)
        index_rows.append((kind + doc_id, title,
                           f"so den {no}/{y}: {F(summary)} {F(sender)} {F(number)} {F(tname)}"
                           + (f" {F(handler)}" if transferred else "")))
    return rows, steps, index_rows


def generate(out: Path, n_docs: int = 100_000, seed: int = 7) -> dict:
    from concurrent.futures import ProcessPoolExecutor

    from models import audit, documents, office, schema, search  # noqa: F401
    from models.db import close_database, db, open_database
    from models.home import OfficeHome
    from models.text import nfc

    if out.exists():
        shutil.rmtree(out)
    home = OfficeHome(out).ensure()
    open_database(home.db_url)
    setup_office()
    years = 10
    per_year = n_docs // years
    first_year = 2026 - years + 1
    # every string is built from NFC parts (the lists above are NFC), so rows go in as built;
    # folding is by parts through a cache
    assert all(nfc(s) == s for s, _ in SENDERS) and all(nfc(t) == t for t in TOPICS + VERBS + HANDLERS)
    sql = f"INSERT INTO incoming ({', '.join(COLS)}, book) VALUES ({', '.join('?' * len(COLS))}, '')"
    # A bench build only: nothing here has to survive a power cut, so no fsync and no journal
    # on disk — the office is rebuilt from the seed if the build is interrupted.
    db.execute_sql("PRAGMA synchronous = OFF")
    db.execute_sql("PRAGMA journal_mode = MEMORY")
    db.execute_sql("PRAGMA cache_size = -200000")
    t0 = time.perf_counter()
    phases = {"waiting for rows": 0.0, "documents inserted": 0.0, "search index built": 0.0}
    n = 0
    # the years are drawn in another process while this one inserts the years before (SQLite
    # takes one writer): 1 M documents in 1 min 23 s, not 2 min 19 s, on a 2-core PC; a second
    # drawing process only slowed the inserts (1 min 44 s)
    with db.atomic(), ProcessPoolExecutor(max_workers=1) as pool:
        conn = db.connection()
        # the index in bulk: no merging while it grows, one merge at the end
        conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 0)")
        drawn = [pool.submit(year_rows, y, per_year, 1 + k * per_year, seed)
                 for k, y in enumerate(range(first_year, 2027))]
        for future in drawn:
            t = time.perf_counter()
            rows, steps, index_rows = future.result()
            phases["waiting for rows"] += time.perf_counter() - t
            t = time.perf_counter()
            conn.executemany(sql, rows)
            conn.executemany("INSERT INTO incoming_step (incoming_id, status, at, username, note) "
                             "VALUES (?, ?, ?, ?, ?)", steps)
            phases["documents inserted"] += time.perf_counter() - t
            t = time.perf_counter()
            conn.executemany("INSERT INTO search_fts(rowid, title, body) VALUES (?, ?, ?)", index_rows)
            phases["search index built"] += time.perf_counter() - t
            n += len(rows)
            del rows, steps, index_rows
        t = time.perf_counter()
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 4)")
        phases["search index built"] += time.perf_counter() - t
        from models import contacts
        admin = __import__("models.users", fromlist=["User"]).User.get()
        for name, abbr in SENDERS:
            contacts.add_contact(admin, name, abbr=abbr,
                                 group="superior" if "Huyện" in name or "Tỉnh" in name else "other")
        for h in HANDLERS[:9]:
            contacts.add_contact(admin, h, "person", group="member", position="Đảng ủy viên")
    t = time.perf_counter()
    db.execute_sql("ANALYZE")
    db.execute_sql("PRAGMA journal_mode = WAL")
    db.execute_sql("PRAGMA synchronous = FULL")
    phases["analyze"] = time.perf_counter() - t
    elapsed = time.perf_counter() - t0
    close_database()
    return {"docs": n, "seconds": elapsed, "path": str(home.db_path),
            "size_mb": home.db_path.stat().st_size / 1e6, "phases": phases}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "registers-100k"))
    a = ap.parse_args()
    r = generate(Path(a.out), a.docs)
    print(f"{r['docs']} văn bản đến trong {r['seconds']:.1f} s → {r['path']} ({r['size_mb']:.0f} MB)")
    print("  " + ", ".join(f"{k} {v:.1f} s" for k, v in r["phases"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
