"""The office home: one folder holding the database and the office's files."""
from __future__ import annotations

import errno
import os
from pathlib import Path

from .errors import VanphongError

DB_NAME = "vanphong.sqlite3"

_ERRNO_VI = {
    errno.ENOENT: "không tồn tại và không tạo được",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.EROFS: "ổ đĩa chỉ đọc",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.ENOTDIR: "một phần của đường dẫn không phải là thư mục",
    errno.EEXIST: "đã có một tệp trùng tên",
}


class OfficeHome:
    def __init__(self, path: Path | str):
        self.path = Path(path).expanduser().resolve()

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

    def ensure(self) -> "OfficeHome":
        """Create the folders; a home that cannot be written is a clear error, not a traceback."""
        try:
            for p in (self.path, self.files, self.printouts):
                p.mkdir(parents=True, exist_ok=True)
            probe = self.path / ".write-test"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as e:
            reason = _ERRNO_VI.get(e.errno, e.strerror or str(e))
            raise VanphongError(f"Không dùng được thư mục dữ liệu {self.path}: {reason}.") from e
        return self


def default_home() -> Path:
    env = os.environ.get("VANPHONG_HOME")
    if env:
        return Path(env)
    from platformdirs import user_data_dir
    return Path(user_data_dir("vanphong", appauthor=False))
