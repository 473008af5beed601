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

With --tour N, the resident memory (VmRSS) on Hôm nay and after opening the first N entries of
its menu one by one (Enter, then Esc back). On Hôm nay the bench rests --rest seconds (1.5)
after logging in and after each Esc before the next key, as a user reads the screen: vanphong
gives a closed screen's memory back after 1 s of a still keyboard (tui/memory.py).
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


class Term:
    """What the terminal shows: a pyte screen of 80×24 fed with everything the program writes."""

    def __init__(self):
        import pyte
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def shows(self, markers) -> bool:
        t = self.text()
        return all(m in t for m in markers)


def _read_until_quiet(fd: int, quiet: float = QUIET, limit: float = 20.0, term: Term | None = None,
                      markers=()) -> tuple[bytes, float | None, float | None]:
    """Read until `quiet` seconds pass with no output; return data, the time of the last byte
    and the time the terminal first showed every one of ``markers`` (the text is readable)."""
    buf = bytearray()
    last = readable = None
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
        if term is not None:
            term.feed(chunk)
            if readable is None and markers and term.shows(markers):
                readable = last
    return bytes(buf), last, readable


def _spawn(cmd: list[str], env: dict) -> tuple[subprocess.Popen, int]:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, cwd="/",
                         start_new_session=True, close_fds=True)
    os.close(slave)
    return p, master


def _status_kib(pid: int, field: str = "VmHWM") -> int:
    """A memory figure of /proc/<pid>/status: VmHWM (peak RSS) or VmRSS (now)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _hwm_kib(pid: int) -> int:
    return _status_kib(pid, "VmHWM")


def measure(cmd: list[str], env: dict, before_move: list[bytes] = (), markers=(),
            tour: list[list[bytes]] = (), rest: float = QUIET) -> dict:
    """One run. ``markers``: the texts that make the first screen readable. ``tour``: key
    sequences, from the screen reached by ``before_move`` and back to it (Esc), each opening
    one screen (every register): resident memory is read before and after. ``rest``: the
    seconds without output after logging in and after each Esc before the next key or
    reading the memory, as a user looks at Hôm nay before choosing the next entry."""
    term = Term()                         # first: nothing may fail once the program runs
    t0 = time.monotonic()
    p, fd = _spawn(cmd, env)
    try:
        paint, last, readable = _read_until_quiet(fd, term=term, markers=markers)
        start = (last - t0) if last else float("nan")
        readable_s = (readable - t0) if readable else float("nan")
        rss = _hwm_kib(p.pid)
        rss_first = _status_kib(p.pid, "VmRSS")
        opened = logged_in = b""
        rss_home = rss_first
        for keys in before_move:          # e.g. log in and reach a list
            os.write(fd, keys)
            opened, _, _ = _read_until_quiet(fd, term=term)
            if keys == b"\r":
                logged_in = opened        # Enter on the login screen: Hôm nay
                _read_until_quiet(fd, quiet=rest, term=term)
                rss_home = _status_kib(p.pid, "VmRSS")
        os.write(fd, b"\x1b[B")           # Down
        move, _, _ = _read_until_quiet(fd, term=term)
        back = b""
        if before_move:                   # Esc: back to the screen before the list
            os.write(fd, b"\x1b")
            back, _, _ = _read_until_quiet(fd, term=term)
            _read_until_quiet(fd, quiet=rest, term=term)
        rss_back = _status_kib(p.pid, "VmRSS")
        titles = []
        for seq in tour:                  # open each register, then back (Esc)
            for k in seq:
                os.write(fd, k)
                _read_until_quiet(fd, quiet=0.15, limit=3, term=term)
            _read_until_quiet(fd, limit=3, term=term)
            titles.append(term.screen.display[0].strip()[:40])
            os.write(fd, b"\x1b")
            _read_until_quiet(fd, quiet=rest, limit=3 + rest, term=term)
        rss_tour = _status_kib(p.pid, "VmRSS") if tour else rss_back
        return {"start": start, "readable": readable_s, "rss": rss, "rss_first": rss_first,
                "rss_home": rss_home, "rss_back": rss_back, "rss_tour": rss_tour,
                "paint": len(paint), "move": len(move), "login": len(logged_in),
                "open": len(opened), "back": len(back), "titles": titles}
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
    ap.add_argument("--cpu0", action="store_true", help="pin both programs to one core (taskset -c 0)")
    ap.add_argument("--tour", type=int, default=0, metavar="N",
                    help="also open the first N entries of Hôm nay's menu one by one (Enter, "
                         "Esc) and read the resident memory after")
    ap.add_argument("--rest", type=float, default=1.5, metavar="S",
                    help="seconds without output on Hôm nay after logging in and after each Esc, "
                         "before the next key or reading the memory (a user reading the screen; "
                         "vanphong gives a closed screen's memory back after 1 s of a still "
                         "keyboard)")
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
        pin = ["taskset", "-c", "0"] if args.cpu0 else []
        # the text that makes each first screen readable: the login box with its fields and
        # hint; the minimal app's header and the rows down to the last one on the screen
        progs = {
            "minimal": (pin + [python, str(ROOT / "bench" / "minimal_app.py")], [],
                        ("Trích yếu", "row-0 ", "row-21 "), []),
            "vanphong": (pin + [python, "-m", "tui.cli", "--home", str(home)],
                         # log in, open Văn bản đến (F3): the move is then in a register table
                         [b"admin", b"\t", b"bench-mat-khau", b"\r", b"\x1bOR"],
                         ("ĐĂNG NHẬP", "Tên đăng nhập", "Mật khẩu", "Enter: đăng nhập"),
                         [[b"\x1b[B", b"\r"]] * args.tour),
        }
        results: dict[str, list[dict]] = {k: [] for k in progs}
        for _ in range(args.runs):
            for name, (cmd, login, markers, tour) in progs.items():
                results[name].append(measure(cmd, env, login, markers, tour, args.rest))
        med = {n: {k: statistics.median(r[k] for r in rs) for k in rs[0] if k != "titles"}
               for n, rs in results.items()}
        m, v = med["minimal"], med["vanphong"]
        print(f"runs: {args.runs} each, alternating; medians{' (taskset -c 0)' if pin else ''}")
        print(f"{'':10}{'readable':>9}{'start ms':>10}{'peak RSS MiB':>14}{'paint B':>10}{'move B':>9}"
              f"{'login B':>9}{'open B':>9}{'back B':>9}")
        for n, r in med.items():
            print(f"{n:10}{r['readable'] * 1000:9.0f}{r['start'] * 1000:10.0f}{r['rss'] / 1024:14.1f}"
                  f"{r['paint']:10.0f}{r['move']:9.0f}{r['login']:9.0f}{r['open']:9.0f}{r['back']:9.0f}")
        if args.verbose:
            for n, rs in results.items():
                print(f"{n:10} readable", " ".join(f"{r['readable'] * 1000:.0f}" for r in rs))
                print(f"{n:10} start   ", " ".join(f"{r['start'] * 1000:.0f}" for r in rs))
            if args.tour:
                print("tour:", " | ".join(results["vanphong"][0]["titles"]))
        print(f"{'ratio':10}{v['readable'] / m['readable']:9.2f}{v['start'] / m['start']:10.2f}"
              f"{v['rss'] / m['rss']:14.2f}{v['paint'] / m['paint']:10.2f}"
              f"{v['move'] / max(m['move'], 1):9.2f}")
        mib = 1024
        print(f"resident memory (VmRSS, MiB): minimal at rest {m['rss_first'] / mib:.1f}; vanphong "
              f"login {v['rss_first'] / mib:.1f}, Hôm nay {v['rss_home'] / mib:.1f}, after one "
              f"register and back {v['rss_back'] / mib:.1f}"
              + (f", after {args.tour} menu entries and back {v['rss_tour'] / mib:.1f}" if args.tour else ""))
        print(f"ratios: Hôm nay / minimal {v['rss_home'] / m['rss_first']:.2f}; login / minimal "
              f"{v['rss_first'] / m['rss_first']:.2f}"
              + (f"; after the tour / Hôm nay {v['rss_tour'] / v['rss_home']:.2f}" if args.tour else ""))
        return 0
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
