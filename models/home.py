"""The office home: one folder holding the database and the office's files.

The home and everything in it are owner-only (folders 0700, files 0600): the database holds
password hashes and the secret register. ``private_umask()`` runs at the start of every command
and of the program, so whatever the program (or SQLite) creates is private from the start; a home
made by an older version is tightened when it is opened (``OfficeHome.tightened`` says how many
entries were changed, for one notice).

Only the first-run wizard (the program itself) and ``demo`` create an office; every other command
on a folder without one stops with ``OfficeMissing`` and creates nothing.
"""
from __future__ import annotations

import datetime as _dt
import os
import stat
import traceback
import unicodedata
from pathlib import Path

from .errors import OfficeMissing, VanphongError, os_error_text

DB_NAME = "vanphong.sqlite3"
PRIVATE_UMASK = 0o077
_OPEN_BITS = 0o077              # group and others: read, write, search


def private_umask() -> None:
    """From now on, files and folders this process creates are owner-only."""
    try:
        os.umask(PRIVATE_UMASK)
    except (AttributeError, OSError):       # pragma: no cover (platforms without umask)
        pass


class OfficeHome:
    def __init__(self, path: Path | str):
        self.path = Path(path).expanduser().resolve()
        self.tightened = 0          # entries made owner-only when the home was opened

    @property
    def db_path(self) -> Path:
        return self.path / DB_NAME

    @property
    def db_url(self) -> str:
        return os.environ.get("VANPHONG_DB_URL") or f"sqlite:///{self.db_path}"

    @property
    def files(self) -> Path:
        """Stored attachments, by checksum."""
        return self.path / "files"

    @property
    def printouts(self) -> Path:
        return self.path / "printouts"

    @property
    def logs(self) -> Path:
        """Error reports (the traceback of what went wrong, for whoever supports the office)."""
        return self.path / "logs"

    @property
    def error_log(self) -> Path:
        return self.logs / "errors.log"

    @property
    def name_file(self) -> Path:
        """The office's name as last read from its database: the login shows it before the
        database is open (a start paints sooner)."""
        return self.path / "office-name.txt"

    def last_known_name(self) -> str:
        try:
            name = self.name_file.read_text(encoding="utf-8").strip()
        except (OSError, ValueError):
            return ""
        return unicodedata.normalize("NFC", " ".join(name.split()))[:300]

    def remember_name(self, name: str) -> None:
        """Kept for the next start; written only when it changed. Never an error: the name is
        read from the database again at every start."""
        if name == self.last_known_name():
            return
        from .fsio import atomic_write_text
        try:
            atomic_write_text(self.name_file, name + "\n")
        except OSError:
            pass

    def has_office(self) -> bool:
        """An office lives here: its SQLite database. With a server database (VANPHONG_DB_URL)
        the office lives on the server and this folder only keeps this PC's files: always yes."""
        if os.environ.get("VANPHONG_DB_URL"):
            return True
        return self.db_path.is_file()

    def ensure(self, create: bool = True) -> "OfficeHome":
        """Make the home usable: folders created (``create``) or an office required, the home
        made owner-only, writing checked. Every failure is one Vietnamese line."""
        if not create and not self.has_office():
            raise OfficeMissing(
                f"Không có văn phòng nào ở {self.path}. Kiểm tra lại --home (hoặc biến "
                "VANPHONG_HOME); muốn lập văn phòng mới thì mở chương trình: vanphong --home "
                "THƯ_MỤC.")
        private_umask()
        try:
            for p in (self.path, self.files, self.printouts):
                p.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.tightened = tighten(self.path)
            probe = self.path / ".write-test"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as e:
            reason = os_error_text(e)
            if isinstance(e, FileNotFoundError):
                reason = "không tồn tại và không tạo được"
            raise VanphongError(f"Không dùng được thư mục dữ liệu {self.path}: {reason}.") from e
        return self

    def tightened_notice(self) -> str:
        return (f"Đã khóa thư mục văn phòng {self.path} ({self.tightened} mục): từ nay chỉ tài "
                "khoản của bạn trên máy này đọc được dữ liệu văn phòng.")

    def log_error(self, error: BaseException, where: str = "") -> Path | None:
        """Append ``error`` and its traceback to ``logs/errors.log``; the file's path, or None
        when even that cannot be written (the caller still shows its message)."""
        lines = traceback.format_exception(type(error), error, error.__traceback__)
        return self.log_text("".join(lines), where)

    def log_text(self, text: str, where: str = "") -> Path | None:
        """Append ``text`` (what went wrong, e.g. a child process's error output) under a dated
        head line to ``logs/errors.log``; the file's path, or None when it cannot be written."""
        from .fsio import append_private
        head = f"=== {_dt.datetime.now():%d/%m/%Y %H:%M:%S} {where}".rstrip()
        try:
            self.logs.mkdir(mode=0o700, parents=True, exist_ok=True)
            append_private(self.error_log, head + "\n" + text.rstrip("\n") + "\n\n")
        except OSError:
            return None
        return self.error_log


def tighten(path: Path) -> int:
    """Take group and others' rights away from the home and what it holds; the number of entries
    changed. A home already private is checked only at its top level (a store of many thousand
    files is walked only once, the first time)."""
    if os.name == "nt":         # Windows: a user's profile folder is private by its ACLs
        return 0
    changed = 0

    def fix(p: str, st: os.stat_result | None = None) -> None:
        nonlocal changed
        st = st or os.lstat(p)
        if stat.S_ISLNK(st.st_mode) or not st.st_mode & _OPEN_BITS:
            return
        os.chmod(p, stat.S_IMODE(st.st_mode) & ~_OPEN_BITS)
        changed += 1

    top = os.lstat(path)
    walk_all = bool(top.st_mode & _OPEN_BITS)
    fix(str(path), top)
    if walk_all:
        for root, dirs, files in os.walk(path):
            for name in dirs + files:
                fix(os.path.join(root, name))
    else:
        with os.scandir(path) as it:
            for entry in it:
                fix(entry.path, entry.stat(follow_symlinks=False))
    return changed


def default_home() -> Path:
    env = os.environ.get("VANPHONG_HOME")
    if env:
        return Path(env)
    from platformdirs import user_data_dir
    return Path(user_data_dir("vanphong", appauthor=False))
