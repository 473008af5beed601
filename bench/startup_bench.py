"""Cold start, memory and terminal traffic of vanphong beside a minimal Textual app.

Both run on a real pty at 80×24, in the same run, alternating, so the machine's noise falls
on both alike; we report medians and the ratio.

  python3 bench/startup_bench.py [--runs 7] [--python PY]

Both programs run under the same interpreter: by default a virtual environment made once in
bench/out/venv with `pip install .` — what a user installs, without the test extras (psycopg2
alone costs ~14 ms of import in peewee when present).

Measures, per program:
  start   spawn → the last byte of the first paint (the first burst followed by 400 ms quiet)
  rss     peak RSS (VmHWM) once painted and at rest
  paint   bytes written to the terminal for the first paint
  move    bytes written for one cursor move (Down) in a table: the minimal app's DataTable,
          vanphong's incoming register (after logging in and pressing F3)
  login   vanphong: bytes written from Enter on the login screen to Hôm nay standing still
  open    vanphong: bytes written to open the incoming register (F3) from Hôm nay
  back    vanphong: bytes written to go back (Esc) to Hôm nay
"""
from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUIET = 0.4


def _read_until_quiet(fd: int, quiet: float = QUIET, limit: float = 20.0) -> tuple[bytes, float | None]:
    """Read until `quiet` seconds pass with no output; return data and time of the last byte."""
    buf = bytearray()
    last = None
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], quiet if buf else limit)
        if not r:
            if buf:
                break
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
        last = time.monotonic()
    return bytes(buf), last


def _spawn(cmd: list[str], env: dict) -> tuple[subprocess.Popen, int]:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, cwd="/",
                         start_new_session=True, close_fds=True)
    os.close(slave)
    return p, master


def _hwm_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def measure(cmd: list[str], env: dict, before_move: list[bytes] = ()) -> dict:
    t0 = time.monotonic()
    p, fd = _spawn(cmd, env)
    try:
        paint, last = _read_until_quiet(fd)
        start = (last - t0) if last else float("nan")
        rss = _hwm_kib(p.pid)
        opened = logged_in = b""
        for keys in before_move:          # e.g. log in and reach a list
            os.write(fd, keys)
            opened, _ = _read_until_quiet(fd)
            if keys == b"\r":
                logged_in = opened        # Enter on the login screen: Hôm nay
        os.write(fd, b"\x1b[B")           # Down
        move, _ = _read_until_quiet(fd)
        back = b""
        if before_move:                   # Esc: back to the screen before the list
            os.write(fd, b"\x1b")
            back, _ = _read_until_quiet(fd)
        return {"start": start, "rss": rss, "paint": len(paint), "move": len(move),
                "login": len(logged_in), "open": len(opened), "back": len(back)}
    finally:
        os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(3)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        os.close(fd)


def user_python() -> str:
    venv = ROOT / "bench" / "out" / "venv"
    py = venv / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", str(ROOT)], check=True)
    else:   # the code as it is now, not as it was when the venv was made
        subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall",
                        str(ROOT)], check=True)
    return str(py)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("-v", "--verbose", action="store_true", help="every run's start time")
    ap.add_argument("--python", help="interpreter to run both programs (default: a user install)")
    args = ap.parse_args()
    python = args.python or user_python()
    home = Path(tempfile.mkdtemp(prefix="vp-bench-"))
    try:
        subprocess.run([python, "-m", "tui.cli", "demo", "--home", str(home)], cwd=home,
                       check=True, capture_output=True)
        # the demo's printed password must be changed at the first login: choose one first
        subprocess.run([python, "-c", "import sys\nfrom models.db import open_database\n"
                        "from models.home import OfficeHome\nfrom models import users\n"
                        "open_database(OfficeHome(sys.argv[1]).db_url)\n"
                        "u = users.User.get(users.User.username == 'admin')\n"
                        "users.set_password(u, u.id, 'bench-mat-khau', old_password='vanphong2026')",
                        str(home)], cwd=home, check=True, capture_output=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
        env.update(TERM="xterm-256color", COLUMNS="80", LINES="24", PYTHONDONTWRITEBYTECODE="1")
        progs = {
            "minimal": ([python, str(ROOT / "bench" / "minimal_app.py")], []),
            "vanphong": ([python, "-m", "tui.cli", "--home", str(home)],
                         # log in, open Văn bản đến (F3): the move is then in a register table
                         [b"admin", b"\t", b"bench-mat-khau", b"\r", b"\x1bOR"]),
        }
        results: dict[str, list[dict]] = {k: [] for k in progs}
        for _ in range(args.runs):
            for name, (cmd, login) in progs.items():
                results[name].append(measure(cmd, env, login))
        med = {n: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for n, rs in results.items()}
        m, v = med["minimal"], med["vanphong"]
        print(f"runs: {args.runs} each, alternating; medians")
        print(f"{'':10}{'start ms':>10}{'peak RSS MiB':>14}{'paint B':>10}{'move B':>9}"
              f"{'login B':>9}{'open B':>9}{'back B':>9}")
        for n, r in med.items():
            print(f"{n:10}{r['start'] * 1000:10.0f}{r['rss'] / 1024:14.1f}{r['paint']:10.0f}"
                  f"{r['move']:9.0f}{r['login']:9.0f}{r['open']:9.0f}{r['back']:9.0f}")
        if args.verbose:
            for n, rs in results.items():
                print(f"{n:10}", " ".join(f"{r['start'] * 1000:.0f}" for r in rs))
        print(f"{'ratio':10}{v['start'] / m['start']:10.2f}{v['rss'] / m['rss']:14.2f}"
              f"{v['paint'] / m['paint']:10.2f}{v['move'] / max(m['move'], 1):9.2f}")
        return 0
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
