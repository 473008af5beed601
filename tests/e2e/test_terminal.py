"""The program on a real terminal (a pty at 80×24, TERM=xterm-256color), as over SSH: what it
writes must be the terminal's own 16 colours, and the clerk can log in and leave by keys."""
from __future__ import annotations

import os

import pytest

if os.name == "nt":
    pytest.skip("needs a POSIX pseudo-terminal", allow_module_level=True)

import fcntl  # noqa: E402
import json
import pty  # noqa: E402
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pyte

from tests.e2e.demo_accounts import DEMO_PASSWORD, OWN_PASSWORD
from tests.templates import copy_home

ROOT = Path(__file__).resolve().parents[2]
# A safety net, not a speed limit: a loaded machine may take many times the usual time.
PATIENCE = float(os.environ.get("VANPHONG_TEST_PATIENCE", "120"))

# 16-colour SGR: 30–37, 39, 40–47, 49, 90–97, 100–107. Anything "38;2;…"/"48;5;…" is true/256 colour.
RICH_COLOUR = re.compile(rb"\x1b\[[0-9;]*[34]8;[25];")


def _set_setting(home: Path, key: str, value) -> None:
    """One setting of the office at ``home``, set as its administrator (in a process of its own:
    the office the suite has open stays as it is)."""
    subprocess.run([sys.executable, "-c", "import json, sys\nfrom models.db import open_database\n"
                    "from models.home import OfficeHome\nfrom models import office, schema, users\n"
                    "open_database(OfficeHome(sys.argv[1]).db_url)\n"
                    "office.set_setting(users.User.get(users.User.username == 'admin'), "
                    "sys.argv[2], json.loads(sys.argv[3]))\n", str(home), key, json.dumps(value)],
                   cwd=ROOT, check=True, capture_output=True)


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory, cli_demo):
    """A demo office whose admin has logged in once and chosen an own password, as a new
    user must (the demo's password is printed for everyone)."""
    home = copy_home(cli_demo[0], tmp_path_factory.mktemp("office"))    # `vanphong demo`'s office
    # no automatic backup at the day's first start: the two programs a test runs side by side
    # must show the same Hôm nay (one of them would otherwise report the backup it made)
    _set_setting(home, "backup.auto", False)
    term = Terminal(home)
    try:
        term.wait_screen(_login_ready, "the login form")
        term.keys(*_typed("admin"), b"\t", *_typed(DEMO_PASSWORD), b"\r")
        term.wait_screen(lambda t: "ĐỔI MẬT KHẨU" in t, "the change-password form")
        term.keys(*_typed(OWN_PASSWORD), b"\r", *_typed(OWN_PASSWORD), b"\r")
        term.wait_screen(_home_ready, "Hôm nay")
        term.keys(b"\x11")                                   # Ctrl+Q
        assert term.close() == 0
    finally:
        if term.proc.poll() is None:
            os.killpg(term.proc.pid, signal.SIGKILL)
            term.proc.wait()
    return home


def _typed(text: str) -> list[bytes]:
    return [c.encode() for c in text]


class Terminal:
    def __init__(self, home: Path, python_code: str = "", **extra_env: str):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
        env.update(TERM="xterm-256color", COLUMNS="80", LINES="24", COLORTERM="truecolor",
                   **extra_env)
        run = ([sys.executable, "-c", python_code + "\nimport sys\nfrom tui.cli import main\n"
                f"sys.exit(main(['--home', {str(home)!r}]))"] if python_code
               else [sys.executable, "-m", "tui.cli", "--home", str(home)])
        self.proc = subprocess.Popen(run,
                                     stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
                                     start_new_session=True, close_fds=True)
        os.close(slave)
        self.fd = master
        self.out = bytearray()
        self.screen = pyte.Screen(80, 24)           # what a terminal shows of it all
        self._stream = pyte.ByteStream(self.screen)

    def _read(self, timeout: float) -> bool:
        """Take what the program wrote within `timeout`; False when nothing more came."""
        if not select.select([self.fd], [], [], max(timeout, 0))[0]:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return False
        self.out += chunk
        self._stream.feed(chunk)
        return bool(chunk)

    def read_until(self, needle: bytes, timeout: float = 20.0) -> bytes:
        """Everything written until `needle` appears (UTF-8 bytes) — fails on timeout."""
        start = len(self.out)
        deadline = time.monotonic() + timeout
        while needle not in self.out[start:]:
            if not self._read(deadline - time.monotonic()) and (
                    time.monotonic() >= deadline or self.proc.poll() is not None):
                raise AssertionError(f"not shown within {timeout} s: {needle!r}\n"
                                     f"{bytes(self.out[start:])[-2000:]!r}")
        return bytes(self.out[start:])

    def wait_screen(self, cond, what: str = "", timeout: float = PATIENCE) -> bytes:
        """Read until ``cond(screen text)`` holds on the emulated terminal; everything written
        meanwhile. Fails with the screen when it does not come."""
        start = len(self.out)
        deadline = time.monotonic() + timeout
        while not cond(_text(self.screen)):
            if time.monotonic() >= deadline or (not self._read(0.1) and self.proc.poll() is not None):
                raise AssertionError(f"not shown within {timeout} s: {what}\n{_text(self.screen)}")
        return bytes(self.out[start:])

    def keys(self, *keys: bytes) -> None:
        for k in keys:                       # one at a time, as typed (a burst is a paste)
            os.write(self.fd, k)
            time.sleep(0.05)

    def close(self) -> int | None:
        """Wait for the program to end (reading what it writes meanwhile, so a full terminal
        never blocks it); killed after PATIENCE seconds. Its exit code, or None if killed."""
        deadline = time.monotonic() + PATIENCE
        try:
            while self.proc.poll() is None and time.monotonic() < deadline:
                self._read(0.1)
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
                return None
            return self.proc.returncode
        finally:
            os.close(self.fd)


def test_login_screen_in_16_colours_then_log_in_and_quit(demo_home):
    term = Terminal(demo_home)
    try:
        first = term.read_until("Đăng nhập".encode())
        # the office's name in the header: remembered from the last start, or read from the
        # database just after the first paint
        first += term.wait_screen(lambda t: _login_ready(t) and "Tân Lập" in _header(t),
                                  "the login form under the office's name")
        assert b"\x1b[" in first and not RICH_COLOUR.search(first), \
            "only the terminal's 16 colours may be written (old PCs, SSH)"
        assert re.search(rb"\x1b\[[0-9;]*44m", first), "the header on the terminal's own blue"
        assert b"\x1b[?1000h" not in first, "mouse reporting is off by default"

        term.keys(*[c.encode() for c in "admin"], b"\t", *_typed(OWN_PASSWORD),
                  b"\r")
        after = term.wait_screen(_home_ready, "Hôm nay")
        assert not RICH_COLOUR.search(after)
        term.keys(b"\x11")                                   # Ctrl+Q
        assert term.close() == 0
    finally:
        if term.proc.poll() is None:
            os.killpg(term.proc.pid, signal.SIGKILL)
            term.proc.wait()


def _cells(screen: pyte.Screen) -> list:
    return [[(c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse)
             for c in (screen.buffer[y][x] for x in range(80))] for y in range(24)]


def _text(screen: pyte.Screen) -> str:
    return "\n".join(screen.display)


def _header(t: str) -> str:
    return t.splitlines()[0] if t else ""


# Each key with what the screen shows once it has been done (None: a change is enough — a move
# within the list). The header names the screen: a marker no timer or half-drawn frame can fake.
KEYS = [
    (b"\x1bOR", lambda t: "› Văn bản đến " in _header(t)),          # F3 Văn bản đến
    (b"\x1b[B", None), (b"\x1b[B", None),                           # two down
    (b"\r", lambda t: "› Văn bản đến số" in _header(t)),              # open one
    (b"\x1b", lambda t: "› Văn bản đến " in _header(t)),             # back
    (b"\x1bOS", lambda t: "› Văn bản đi " in _header(t)),            # F4 Văn bản đi
    (b"\x1bOP", lambda t: "Trợ giúp — phím" in t),                     # F1 help
    (b"\x1b", lambda t: "Trợ giúp — phím" not in t and "› Văn bản đi " in _header(t)),
    (b"\x1b", lambda t: "MENU" in t),                                 # back to Hôm nay
    (b"\x1bOR", lambda t: "› Văn bản đến " in _header(t)),           # F3 again
    (b"\x1b", lambda t: "MENU" in t),                                 # back
]


def _login_ready(text: str) -> bool:
    return "ĐĂNG NHẬP" in text and "Ctrl+Q: thoát" in text


def _home_ready(text: str) -> bool:
    return "ĐĂNG NHẬP" not in text and "Hôm nay" in text


def _logged_in(home: Path, **env) -> Terminal:
    term = Terminal(home, **env)
    term.wait_screen(_login_ready, "the login form")
    term.keys(*[c.encode() for c in "admin"], b"\t", *_typed(OWN_PASSWORD), b"\r")
    term.wait_screen(_home_ready, "Hôm nay")
    return term


def _same(a: list, b: list, text: str) -> bool:
    """The same cells. On Hôm nay, whose panels run below the fold, the scrollbar's thumb (its
    eighth-block glyph follows the exact height of the panels out of sight) is left out: two
    programs started a moment apart may differ there by a line of a panel (the day's first
    start does the checks), which is not what this test is about."""
    if "MENU" not in text:
        return a == b
    return [r[:-3] for r in a] == [r[:-3] for r in b]


def _settle_together(a: Terminal, b: Terminal, before: list, shown=None,
                     timeout: float = PATIENCE) -> None:
    """Read both terminals until they show the same cells, changed from ``before`` and showing
    what the key leads to (``shown``), with the greeting gone: the marker that both programs
    finished what the last key asked for."""
    deadline = time.monotonic() + timeout
    while True:
        now = _cells(a.screen)
        if (now != before and _same(now, _cells(b.screen), _text(a.screen))
                and (shown is None or shown(_text(a.screen)))
                and "Xin chào" not in _text(a.screen) + _text(b.screen)):
            return
        if time.monotonic() >= deadline:
            ca, cb = _cells(a.screen), _cells(b.screen)
            rows = [f"row {y} col {x}: {ra[x]!r} vs {rb[x]!r}"
                    for y, (ra, rb) in enumerate(zip(ca, cb, strict=False)) for x in range(len(ra))
                    if ra[x] != rb[x]][:6]
            raise AssertionError("the two terminals never showed the same screen:\n"
                                 + _text(a.screen) + "\n---\n" + _text(b.screen)
                                 + "\ndiffering rows:\n" + "\n".join(rows))
        for term in (a, b):
            term._read(0.05)


def test_screen_changes_write_only_what_changed_and_the_terminal_shows_it_right(demo_home):
    """tui.frames: the same keys in two terminals, one fed only the cells that changed, the
    other Textual's full output (VANPHONG_FULL_FRAMES=1): after every screen they must show
    the same cells, for far fewer bytes."""
    ours, full = _logged_in(demo_home), _logged_in(demo_home, VANPHONG_FULL_FRAMES="1")
    try:
        start = {"ours": len(ours.out), "full": len(full.out)}
        for key, shown in KEYS:
            before = _cells(ours.screen)
            ours.keys(key)
            full.keys(key)
            _settle_together(ours, full, before, shown)
        assert "MENU" in _text(ours.screen) and "Văn bản đến" in _text(ours.screen)
        sent = {"ours": len(ours.out) - start["ours"], "full": len(full.out) - start["full"]}
        assert sent["ours"] < sent["full"] / 2, sent
        # Ctrl+B paints the whole screen again: the same picture
        shown = _cells(ours.screen)
        mark = len(ours.out)
        ours.keys(b"\x02")
        deadline = time.monotonic() + PATIENCE
        while (len(ours.out) - mark <= 2000 or _cells(ours.screen) != shown) \
                and time.monotonic() < deadline:
            ours._read(0.05)
        assert len(ours.out) - mark > 2000
        assert _cells(ours.screen) == shown
        for term in (ours, full):
            term.keys(b"\x11")
            assert term.close() == 0
    finally:
        for term in (ours, full):
            if term.proc.poll() is None:
                os.killpg(term.proc.pid, signal.SIGKILL)
                term.proc.wait()


def test_a_failure_in_frames_still_shows_every_screen(demo_home):
    """tui.frames is an optimisation: if it ever failed, the program must go on with Textual's
    whole updates, not stop."""
    broken = ("import tui.frames\n"
              "def boom(*a, **k):\n    raise RuntimeError('bug')\n"
              "tui.frames.SentFrame.filter = boom\n")
    term = Terminal(demo_home, python_code=broken)
    try:
        term.wait_screen(_login_ready, "the login form")
        term.keys(*[c.encode() for c in "admin"], b"\t", *_typed(OWN_PASSWORD),
                  b"\r")
        term.wait_screen(_home_ready, "Hôm nay")
        term.keys(b"\x1bOR")
        term.wait_screen(lambda t: "Số đến" in t, "the incoming register")
        term.keys(b"\x11")
        assert term.close() == 0
    finally:
        if term.proc.poll() is None:
            os.killpg(term.proc.pid, signal.SIGKILL)
            term.proc.wait()


def test_the_mouse_setting_turns_reporting_on_once_the_office_is_open(tmp_path, cli_demo):
    """The login paints before the database opens, so the driver starts without the mouse;
    an office whose setting ui.mouse is on gets mouse reporting as soon as it is open."""
    home = copy_home(cli_demo[0], tmp_path / "office")
    _set_setting(home, "ui.mouse", True)
    term = Terminal(home)
    try:
        term.wait_screen(lambda t: _login_ready(t) and "Tân Lập" in t, "the login form")
        if b"\x1b[?1000h" not in term.out:                  # the terminal reports the mouse
            term.read_until(b"\x1b[?1000h", timeout=PATIENCE)
        term.keys(b"\x11")                                  # Ctrl+Q
        assert term.close() == 0
        assert b"\x1b[?1000l" in term.out                   # and stops when the program ends
    finally:
        if term.proc.poll() is None:
            os.killpg(term.proc.pid, signal.SIGKILL)
            term.proc.wait()


def test_a_database_that_cannot_be_opened_after_the_login_painted_is_one_line(tmp_path):
    """An office whose file is not a database: the login shows, closes, and the terminal is
    left with one Vietnamese line and exit status 2 — as when the file is found unusable
    before the screen starts."""
    home = tmp_path / "office"
    home.mkdir()
    (home / "vanphong.sqlite3").write_bytes(b"not a database " * 500)
    term = Terminal(home)
    try:
        code = term.close()
        text = bytes(term.out).decode("utf-8", "replace")
        assert code == 2, text[-1500:]
        assert "vanphong: Không mở được cơ sở dữ liệu" in text
        assert "Traceback" not in text
    finally:
        if term.proc.poll() is None:
            os.killpg(term.proc.pid, signal.SIGKILL)
            term.proc.wait()
