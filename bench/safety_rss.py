"""Resident memory of the program on Hôm nay once the start-up data-safety duties are done.

  python3 bench/safety_rss.py [--runs 3] [--python PY] [--only-safety]

A demo office is made (``vanphong demo``, the admin's printed password changed as
bench/startup_bench.py does). Each run is a fresh process: the app headless (Textual's
``run_test`` at 80×24) logged in as the administrator, with its background services on as
``vanphong`` runs them; once the safety service's work has ended, VmRSS is read from
/proc/self/status. Three cases, alternating:

  off     services off (nothing runs after login): the floor
  later   a later start of the day: the quick integrity check only
  first   the day's first start: check, audit anchor and the automatic backup
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _vm(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def one(home: Path, services: bool, only_safety: bool) -> None:
    """In this process: the app on Hôm nay; print VmRSS (KiB) once the safety work ended."""
    sys.path.insert(0, str(ROOT))
    from models import users
    from models.db import open_database
    from models.home import OfficeHome
    from tui import areas
    from tui.app import VanphongApp
    if only_safety:
        areas.SERVICES = {k: v for k, v in areas.SERVICES.items() if k == "safety"}
    h = OfficeHome(home)
    open_database(h.db_url)
    admin = users.User.get(users.User.username == "admin")

    async def run() -> int:
        app = VanphongApp(h, user=admin, services=services)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            if services:
                while "safety" not in app.running_services:
                    await pilot.pause(0.05)
                handle = app.running_services["safety"]
                while handle._thread.is_alive():
                    await pilot.pause(0.05)
            await pilot.pause(0.5)          # the notifications and the panels' reload painted
            return _vm("VmRSS")
    print(asyncio.run(run()))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--only-safety", action="store_true",
                    help="of the services, only the safety one (no scanner intake, no file sweep)")
    ap.add_argument("--one", nargs=2, metavar=("HOME", "SERVICES"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        one(Path(args.one[0]), args.one[1] == "1", args.only_safety)
        return 0
    py = args.python
    home = Path(tempfile.mkdtemp(prefix="vp-safety-rss-")) / "office"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.update(PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(ROOT))
    try:
        subprocess.run([py, "-m", "tui.cli", "demo", "--home", str(home)], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        subprocess.run([py, "-c", "import sys\nfrom models.db import open_database\n"
                        "from models.home import OfficeHome\nfrom models import users\n"
                        "open_database(OfficeHome(sys.argv[1]).db_url)\n"
                        "u = users.User.get(users.User.username == 'admin')\n"
                        "users.set_password(u, u.id, 'bench-mat-khau', old_password='vanphong2026')",
                        str(home)], cwd=ROOT, env=env, check=True, capture_output=True)
        rss: dict[str, list[int]] = {"off": [], "later": [], "first": []}
        for _ in range(args.runs):
            for case in rss:
                if case == "first":
                    (home / "daily-start.json").unlink(missing_ok=True)
                cmd = [py, __file__, "--one", str(home), "0" if case == "off" else "1"]
                out = subprocess.run(cmd + (["--only-safety"] if args.only_safety else []),
                                     cwd=ROOT, env=env, check=True, capture_output=True, text=True)
                rss[case].append(int(out.stdout.split()[-1]))
        made = sorted((home / "backups").glob("*.vpbak"))
        print(f"runs: {args.runs} each, alternating; VmRSS on Hôm nay (MiB), median [all]"
              + ("; services: safety only" if args.only_safety else ""))
        for case, vals in rss.items():
            print(f"{case:6} {statistics.median(vals) / 1024:6.1f}  "
                  f"[{', '.join(f'{v / 1024:.1f}' for v in vals)}]")
        print(f"backups made: {len(made)} (size of the last: {made[-1].stat().st_size // 1024} KiB)"
              if made else "backups made: 0")
        return 0
    finally:
        shutil.rmtree(home.parent, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
