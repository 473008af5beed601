"""Backup and restore of a large office, in MB/s, against the plain tools on the same machine:
``sqlite3 DB ".backup COPY"`` plus ``tar`` of the file store (no encryption, no compression),
and the same with ``tar | gzip -6`` (compression, as vanphong does, still no encryption).

The office is bench/make_registers_office.py's (100 000 incoming documents) plus a file store of
``--files`` scans (``--kb`` KB each: a JPEG-like random body with a small PDF frame around it,
so it hardly compresses, as real scans do) and their stored-file rows.

    python3 bench/backup_bench.py [--docs 100000] [--files 3000] [--kb 100] [--runs 3]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


def build(out: Path, docs: int, n_files: int, kb: int) -> None:
    from make_registers_office import generate
    stamp = out / ".bench-stamp"
    want = f"{docs} {n_files} {kb}"
    if stamp.exists() and stamp.read_text() == want:
        return
    generate(out, docs)
    files = out / "files"
    rows = []
    rnd = hashlib.sha256(b"seed").digest()
    for i in range(n_files):
        body = b"%PDF-1.4\n" + os.urandom(kb * 1024 - 40) + f"\n%%{i}\n%%EOF\n".encode()
        sha = hashlib.sha256(body).hexdigest()
        rel = f"{sha[:2]}/{sha}.pdf"
        (files / sha[:2]).mkdir(parents=True, exist_ok=True)
        (files / rel).write_bytes(body)
        rows.append((sha, rel, len(body), "application/pdf", 1, "", "2026-11-26 08:00:00"))
    del rnd
    con = sqlite3.connect(out / "vanphong.sqlite3")
    con.executemany("INSERT INTO stored_file (sha256, rel_path, size, mime, pages, text, created_at) "
                    "VALUES (?,?,?,?,?,?,?)", rows)
    con.commit()
    con.close()
    stamp.write_text(want)


def tree_size(p: Path) -> int:
    return sum(f.stat().st_size for f in p.rglob("*") if f.is_file())


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--kb", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default=str(ROOT / "bench" / "out" / "backup"))
    a = ap.parse_args()
    work = Path(a.work)
    office = work / "office"
    work.mkdir(parents=True, exist_ok=True)
    build(office, a.docs, a.files, a.kb)

    from models import backup, backupkey
    from models.db import close_database, open_database
    from models.home import OfficeHome
    home = OfficeHome(office)
    db_size = (office / "vanphong.sqlite3").stat().st_size
    store_size = tree_size(office / "files")
    total_mb = (db_size + store_size) / 1e6
    print(f"office: database {db_size / 1e6:.1f} MB, store {store_size / 1e6:.1f} MB "
          f"({a.files} files), total {total_mb:.1f} MB", flush=True)

    out = work / "archives"
    res: dict[str, list[float]] = {k: [] for k in ("vp_backup", "vp_restore", "plain", "plain_gz",
                                                   "plain_restore")}
    size = 0
    for run in range(a.runs):
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        open_database(home.db_url)
        arch = out / "b.vpbak"
        res["vp_backup"].append(timed(lambda arch=arch: backup.create_backup(home, arch)))
        close_database()
        size = arch.stat().st_size
        key = backupkey.from_text((office / "backup.key").read_text())
        target = OfficeHome(out / "restored")
        res["vp_restore"].append(timed(lambda arch=arch, target=target, key=key:
                                       backup.restore(arch, target, key)))

        def plain(gz: bool):
            snap = out / "copy.sqlite3"
            snap.unlink(missing_ok=True)
            subprocess.run(["sqlite3", str(office / "vanphong.sqlite3"), f".backup {snap}"], check=True)
            tar = ["tar", "-C", str(office), "-cf", "-", "files"]
            with open(out / ("store.tar.gz" if gz else "store.tar"), "wb") as f:
                if gz:
                    p1 = subprocess.Popen(tar, stdout=subprocess.PIPE)
                    subprocess.run(["gzip", "-6"], stdin=p1.stdout, stdout=f, check=True)
                    p1.wait()
                else:
                    subprocess.run(tar, stdout=f, check=True)
                os.fsync(f.fileno())
        res["plain"].append(timed(lambda: plain(False)))
        res["plain_gz"].append(timed(lambda: plain(True)))
        dest = out / "plain-restored"
        dest.mkdir()

        def plain_restore(dest=dest):
            shutil.copyfile(out / "copy.sqlite3", dest / "vanphong.sqlite3")
            subprocess.run(["tar", "-C", str(dest), "-xf", str(out / "store.tar")], check=True)
            subprocess.run(["sync", "-f", str(dest)], check=False)
        res["plain_restore"].append(timed(plain_restore))
        print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in res.items()), flush=True)
    med = {k: statistics.median(v) for k, v in res.items()}
    print()
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, {a.runs} runs, medians; archive {size / 1e6:.1f} MB")
    print("| step | seconds | MB/s of office |")
    print("| --- | --- | --- |")
    for k, label in (("vp_backup", "vanphong backup (snapshot, tar, zlib-1 where it pays, AES-GCM, fsync)"),
                     ("plain", "sqlite3 .backup + tar of the store"),
                     ("plain_gz", "sqlite3 .backup + tar | gzip -6"),
                     ("vp_restore", "vanphong restore (verify the whole archive, then write; one syncfs)"),
                     ("plain_restore", "copy the .backup file + tar -x")):
        print(f"| {label} | {med[k]:.2f} | {total_mb / med[k]:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
