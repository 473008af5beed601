"""The register table at 10 000, 100 000 and 1 000 000 documents, SQLite and PostgreSQL side by
side, in one command:

    python3 bench/bench_scale.py [--sizes 10k,100k,1m] [--no-pg] [--no-write]

Builds the offices it lacks (``bench/make_registers_office.py``, the 1 M build timed), copies
each into a throw-away PostgreSQL server when one is installed (as the tests do), and measures
each database in a fresh process: first page and next page of the incoming register, the list's
``/`` filter being typed (first page and next page), and the global search. Every figure is the
median of ≥ 5 runs of the same thing; a p95 is over the queries (each query's median first).
Writes its table into bench/RESULTS.md (its own section).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Registers at 10 k / 100 k / 1 M documents, SQLite and PostgreSQL"
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
PAGE = 100
REPS = 5

# 20 varied queries for the global search (words, names, numbers, symbols, with and without marks)
SEARCHES = ["dang phi", "Đảng phí", "to chuc dai hoi", "KẾ HOẠCH", "kiem tra giam sat", "Yên Sơn",
            "chuyen doi so", "thien tai", "phat trien dang vien", "Phạm Văn Đức", "huy hieu", "bau cu",
            "cong tac can bo 2024", "BTCHU", "tham nhung", "giam ngheo", "Tân Thành", "nghi quyet",
            "mat tran", "hoi nong dan"]
# the list's filter as typed, letter by letter, and a few whole words
TYPED = ["đ", "đả", "đản", "đảng", "đảng p", "đảng ph", "đảng phí", "h", "hu", "huy", "huyện",
         "Phạm", "Phạm V", "Phạm Văn Đức", "2", "20", "202", "2024", "BTCHU", "zzzz"]


def _median(xs):
    return statistics.median(xs)


def _p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def _t(fn):
    t = time.perf_counter()
    r = fn()
    return (time.perf_counter() - t) * 1000, r


# --- measuring one database (in its own process) -------------------------------------------
def measure(url: str) -> dict:
    from models import documents, registers, schema, search, users  # noqa: F401
    from models.db import open_database
    open_database(url)
    admin = users.User.get(users.User.username == "admin")
    viewer = users.User.get(users.User.username == "xem")
    res: dict = {}
    src = documents.IncomingSource(admin)
    src.fetch(None, PAGE)                                        # warm the cache once
    res["first_page"] = _median([_t(lambda: documents.IncomingSource(admin).fetch(None, PAGE))[0]
                                 for _ in range(REPS * 4)])
    page, nxt = src.fetch(None, PAGE), []
    for _ in range(REPS * 20):
        t, page = _t(lambda k=page[-1][0]: src.fetch(k, PAGE))
        nxt.append(t)
    res["next_page"] = _median(nxt)
    res["next_page_p95"] = _p95(nxt)

    per_q, per_next, viewer_q = [], [], []
    for q in TYPED:
        runs, nexts = [], []
        for _ in range(REPS):
            t, p = _t(lambda q=q: (s := documents.IncomingSource(admin, q), s.fetch(None, PAGE)))
            s, rows = p
            runs.append(t)
            if len(rows) == PAGE:
                nexts.append(_t(lambda s=s, rows=rows: s.fetch(rows[-1][0], PAGE))[0])
        per_q.append(_median(runs))
        if nexts:
            per_next.append(_median(nexts))
        viewer_q.append(_median([_t(lambda q=q: documents.IncomingSource(viewer, q).fetch(None, PAGE))[0]
                                 for _ in range(REPS)]))
    res["filter_typed"] = dict(zip(TYPED, per_q, strict=True))
    res["filter_p95"] = _p95(per_q)
    res["filter_median"] = _median(per_q)
    res["filter_viewer_p95"] = _p95(viewer_q)
    res["filter_next_p95"] = _p95(per_next)
    res["filter_dang"] = res["filter_typed"]["đảng"]

    glob, raw = [], []
    for q in SEARCHES:
        glob.append(_median([_t(lambda q=q: registers.search_all(admin, q, limit=50))[0]
                             for _ in range(REPS)]))
        raw.append(_median([_t(lambda q=q: search.query(q, limit=50))[0] for _ in range(REPS)]))
    res["search_all_p95"] = _p95(glob)
    res["search_all_median"] = _median(glob)
    res["search_raw_p95"] = _p95(raw)
    res["count_upto"] = _median([_t(lambda: documents.IncomingSource(admin, "đảng").count_upto(1000))[0]
                                 for _ in range(REPS)])
    return res


def run_measure(url: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--measure", url], cwd=ROOT, capture_output=True,
                         text=True)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- building -------------------------------------------------------------------------------
def ensure_office(label: str, n: int) -> tuple[Path, float | None]:
    home = OUT / f"registers-{label}"
    if (home / "vanphong.sqlite3").exists():
        return home, None
    from make_registers_office import generate
    r = generate(home, n)
    return home, r["seconds"]


def copy_to_postgres(pg, sqlite_file: Path, name: str) -> tuple[str, float]:
    """The same office on PostgreSQL: the schema made by the program, the rows copied."""
    import io
    import sqlite3

    import psycopg2
    t0 = time.perf_counter()
    url = pg.create_db(name)
    code = ("import sys; sys.path.insert(0, 'bench'); from models import schema;"
            "from models.db import open_database, close_database; open_database(sys.argv[1]);"
            "from make_registers_office import setup_office; setup_office(); close_database()")
    subprocess.run([sys.executable, "-c", code, url], cwd=ROOT, check=True)
    src = sqlite3.connect(sqlite_file)
    dst = psycopg2.connect(host=pg.sock, user=pg.user, dbname=name)
    cur = dst.cursor()
    for table in ("incoming", "incoming_step"):
        try:
            cols = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
        except sqlite3.Error:
            continue
        if not cols:
            continue
        cur.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s", (table,))
        pcols = {r[0] for r in cur.fetchall()}
        cols = [c for c in cols if c in pcols]
        cur.execute(f"DELETE FROM {table}")
        cur.execute("SELECT data_type, column_name FROM information_schema.columns WHERE table_name = %s",
                    (table,))
        booleans = {c for t, c in cur.fetchall() if t == "boolean"}
        q = src.execute(f"SELECT {', '.join(cols)} FROM {table}")
        while True:
            rows = q.fetchmany(50_000)
            if not rows:
                break
            buf = io.StringIO()
            for r in rows:
                buf.write("\t".join(_pg_cell(v, c in booleans) for v, c in zip(r, cols, strict=True)) + "\n")
            buf.seek(0)
            cur.copy_expert(f"COPY {table} ({', '.join(cols)}) FROM STDIN", buf)
        if "id" in cols:
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))")
    # the index's words as the program makes them (models.search), loaded as tsvector text
    from models.search import pg_words
    cur.execute("DROP INDEX IF EXISTS search_doc_words")
    q = src.execute("SELECT rowid, title, body FROM search_fts")
    while True:
        rows = q.fetchmany(50_000)
        if not rows:
            break
        buf = io.StringIO()
        for r in rows:
            words = " ".join(f"'{w}'" for w in pg_words(r[2]))
            buf.write("\t".join(_pg_cell(v) for v in (*r, words)) + "\n")
        buf.seek(0)
        cur.copy_expert("COPY search_doc (id, title, body, words) FROM STDIN", buf)
    cur.execute("CREATE INDEX search_doc_words ON search_doc USING gin (words)")
    dst.commit()
    dst.autocommit = True
    cur.execute("VACUUM ANALYZE")
    dst.close()
    return url, time.perf_counter() - t0


def _pg_cell(v, boolean: bool = False) -> str:
    if v is None:
        return r"\N"
    if boolean:
        return "t" if v else "f"
    return str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


# --- the table ------------------------------------------------------------------------------
ROWS = [("first_page", "open the register: first page (100 rows)", "≤ 5 ms"),
        ("next_page", "next page (keyset), median of 100", "≤ 5 ms"),
        ("filter_dang", "list `/` filter “đảng” (half the rows match), first page", "≤ 20 ms"),
        ("filter_p95", "list `/` filter, p95 over 20 typed prefixes (đ, đả … zzzz)", "≤ 20 ms"),
        ("filter_next_p95", "list `/` filter, next page, p95", "≤ 20 ms"),
        ("filter_viewer_p95", "the same filter for a reader (no secret documents), p95", "≤ 20 ms"),
        ("count_upto", "“hơn 1 000” count for “đảng” (`count_upto(1000)`)", "—"),
        ("search_all_p95", "global search p95 over 20 queries (`search_all`, 50 hits)", "≤ 20 ms"),
        ("search_raw_p95", "search index alone p95 (`search.query`)", "—")]


def table(results: dict, labels: list[str], builds: dict) -> str:
    import platform
    import sqlite3
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.lower().startswith("model name")), "?")
    cols = [(lab, "sqlite") for lab in labels] + [(lab, "pg") for lab in labels if (lab, "pg") in results]
    head = " | ".join(f"{'SQLite' if b == 'sqlite' else 'PostgreSQL'} "
                      f"{lab.upper().replace('K', ' k').replace('M', ' M')}"
                      for lab, b in cols)
    lines = [SECTION, "",
             f"Machine: {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, SQLite "
             f"{sqlite3.sqlite_version}; shared with other sessions (load average "
             f"{os.getloadavg()[0]:.1f} at the end). All figures in ms, each the median of ≥ {REPS} runs "
             "in one run of `python3 bench/bench_scale.py`; p95 over the queries, each query's median first.",
             "", f"| what | goal at 1 M | {head} | 1 M ÷ 10 k (SQLite) |",
             "|---|---|" + "---|" * len(cols) + "---|"]
    for key, label, goal in ROWS:
        cells = []
        for c in cols:
            v = results.get(c, {}).get(key)
            cells.append("—" if v is None else f"{v:.1f}")
        a = results.get((labels[0], "sqlite"), {}).get(key)
        b = results.get((labels[-1], "sqlite"), {}).get(key)
        ratio = f"{b / a:.1f}×" if a and b else "—"
        lines.append(f"| {label} | {goal} | " + " | ".join(cells) + f" | {ratio} |")
    if builds:
        lines += ["", "Building the offices (`bench/make_registers_office.py`, one transaction, bulk "
                  "index, `synchronous = OFF` for the bench build only): "
                  + "; ".join(f"{k}: {v:.1f} s" for k, v in builds.items()) + "."]
    typed = [(lab, b) for lab, b in cols]
    lines += ["", "The filter typed letter by letter (first page, ms):", "",
              "| typed | " + " | ".join(f"{'SQLite' if b == 'sqlite' else 'PG'} {lab}" for lab, b in typed)
              + " |",
              "|---|" + "---|" * len(typed)]
    for q in TYPED:
        lines.append(f"| {q} | " + " | ".join(f"{results[c]['filter_typed'][q]:.1f}" for c in typed) + " |")
    return "\n".join(lines) + "\n"


def write_section(text: str) -> None:
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    new = pattern.sub(text.rstrip() + "\n\n", old) if pattern.search(old) else old.rstrip() + "\n\n" + text
    RESULTS.write_text(new, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10k,100k,1m")
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.measure:
        print(json.dumps(measure(a.measure)))
        return 0
    labels = a.sizes.split(",")
    results, builds = {}, {}
    homes = {}
    for lab in labels:
        home, secs = ensure_office(lab, SIZES[lab])
        homes[lab] = home
        if secs is not None:
            builds[f"SQLite {lab}"] = secs
        print(f"measuring SQLite {lab} …", file=sys.stderr)
        results[(lab, "sqlite")] = run_measure(f"sqlite:///{home / 'vanphong.sqlite3'}")
    if not a.no_pg:
        sys.path.insert(0, str(ROOT / "tests"))
        from pg import TempPostgres
        pg = TempPostgres()
        if pg.available():
            pg.start()
            try:
                for lab in labels:
                    print(f"copying {lab} to PostgreSQL …", file=sys.stderr)
                    url, secs = copy_to_postgres(pg, homes[lab] / "vanphong.sqlite3", f"bench_{lab}")
                    builds[f"PostgreSQL {lab} (copy + indexes)"] = secs
                    print(f"measuring PostgreSQL {lab} …", file=sys.stderr)
                    results[(lab, "pg")] = run_measure(url)
            finally:
                pg.stop()
    text = table(results, labels, builds)
    print(text)
    if not a.no_write:
        write_section(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
