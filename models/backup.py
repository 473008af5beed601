"""Encrypted backups of the whole office, and their restore.

Why one file: the archive's format, its writing and its restore change together (a format
change must be read in both directions at once), and each half alone is under 300 lines.

A backup is one file (``vanphong-YYYYMMDD-HHMMSS.vpbak``):

    "VPBACKUP" | version (1 byte) | header length (4 bytes) | header (JSON)
    then records:  final flag (1 byte) | length (4 bytes) | AES-256-GCM ciphertext + tag

The plaintext is a tar stream cut into 1 MiB chunks, each zlib-compressed where that pays (a
mode byte says which); each chunk is sealed with
AES-GCM under a key derived (HKDF) from the office's backup key and a random per-archive salt, its
nonce is the chunk's number, and its associated data binds the header's hash, the chunk number
and the final flag: a changed header, a reordered, dropped or truncated chunk is refused. Memory
stays flat whatever the store's size.

The tar holds ``vanphong.sqlite3`` (a consistent snapshot taken with SQLite's online backup API
while the program and the intake keep writing), ``files/…`` (every stored file its rows name),
``audit-anchors.jsonl`` and, last, ``manifest.json`` (SHA-256 of every member, counts, the head of
the audit chain signed as an anchor).

Restore first reads the whole archive and checks every tag and every checksum while writing
nothing; only then does it fill the (empty) new home. A wrong key or a damaged archive is refused
with the reason and nothing is touched.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import struct
import tarfile
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

from . import fsio
from .errors import VanphongError
from .office import define_setting

MAGIC = b"VPBACKUP"
VERSION = 1
CHUNK = 1 << 20
SUFFIX = ".vpbak"
NAME_RE = re.compile(r"^vanphong-\d{8}-\d{6}(-\d+)?\.vpbak$")
DB_MEMBER = "vanphong.sqlite3"
ANCHORS_MEMBER = "audit-anchors.jsonl"
ANCHOR_KEY_MEMBER = "anchor.key"     # the anchors' HMAC key of an office whose key is a passphrase
MANIFEST = "manifest.json"
_FILE_MEMBER = re.compile(r"^files/[0-9a-f]{2}/[0-9a-f]{64}(\.[A-Za-z0-9]{1,10})?$")
STATE_NAME = "backup-state.json"
STALE_DAYS = 7

define_setting("backup.folder", "Thư mục sao lưu (USB, thư mục mạng; trống: backups trong thư mục dữ liệu)",
               "path", "", "Mỗi ngày, lần mở chương trình đầu tiên tự sao lưu vào đây.")
define_setting("backup.keep", "Số bản sao lưu tự động giữ lại", "int", 14, minimum=1, maximum=365)
define_setting("backup.auto", "Tự sao lưu lần mở đầu tiên mỗi ngày", "bool", True)

DAMAGED = "Bản sao lưu bị hỏng hoặc đã bị sửa"


class BackupError(VanphongError):
    pass


# --- the encrypted stream ------------------------------------------------------------------------
def _aad(header_hash: bytes, n: int, final: bool) -> bytes:
    return header_hash + struct.pack(">QB", n, 1 if final else 0)


def _nonce(n: int) -> bytes:
    return n.to_bytes(12, "big")


def _prefix(header: bytes) -> bytes:
    return MAGIC + bytes([VERSION]) + struct.pack(">I", len(header)) + header


RAW, ZLIB = 0, 1
_SAMPLE = 16 * 1024


def pack_chunk(data: bytes, level: int) -> bytes:
    """One chunk's plaintext: a mode byte, then the bytes raw or zlib-compressed. Scans are
    already compressed (JPEG inside PDF): a sample that does not shrink sends the chunk raw, so
    the CPU is spent only where it pays (the database compresses about four to one)."""
    if level > 0:
        sample = data[:_SAMPLE]
        if len(zlib.compress(sample, 1)) < 0.9 * len(sample):
            z = zlib.compress(data, level)
            if len(z) < len(data):
                return bytes([ZLIB]) + z
    return bytes([RAW]) + data


class EncryptingWriter(io.RawIOBase):
    """A write-only stream: cut into 1 MiB chunks, compress each where it pays, seal each,
    write to ``raw``."""

    def __init__(self, raw, key: bytes, header: dict, level: int = 1):
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        from .backupkey import derive
        self.raw = raw
        self.level = level
        hb = json.dumps(header, sort_keys=True).encode()
        prefix = _prefix(hb)
        raw.write(prefix)
        self._hh = hashlib.sha256(prefix).digest()
        self._aes = AESGCM(derive(key, "vanphong backup archive", bytes.fromhex(header["salt"])))
        self._buf = bytearray()
        self._n = 0
        self.plain_bytes = 0

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        n = len(b)
        self.plain_bytes += n
        self._buf += b
        while len(self._buf) >= CHUNK:
            self._seal(bytes(self._buf[:CHUNK]), False)
            del self._buf[:CHUNK]
        return n

    def _seal(self, data: bytes, final: bool) -> None:
        ct = self._aes.encrypt(_nonce(self._n), pack_chunk(data, self.level),
                               _aad(self._hh, self._n, final))
        self.raw.write(struct.pack(">BI", 1 if final else 0, len(ct)) + ct)
        self._n += 1

    def finish(self) -> None:
        while len(self._buf) > CHUNK:
            self._seal(bytes(self._buf[:CHUNK]), False)
            del self._buf[:CHUNK]
        self._seal(bytes(self._buf), True)
        self._buf.clear()


def read_header(f) -> tuple[dict, bytes]:
    """(header, sha256 of the prefix) of an open archive; BackupError when it is not one."""
    head = f.read(len(MAGIC) + 5)
    if len(head) < len(MAGIC) + 5 or head[:len(MAGIC)] != MAGIC:
        raise BackupError("Tệp này không phải bản sao lưu của vanphong (hoặc đã hỏng phần đầu).")
    if head[len(MAGIC)] != VERSION:
        raise BackupError(f"Bản sao lưu thuộc định dạng {head[len(MAGIC)]}, chương trình này chỉ đọc "
                          f"định dạng {VERSION}: hãy cài phiên bản vanphong mới hơn.")
    (hlen,) = struct.unpack(">I", head[len(MAGIC) + 1:])
    if hlen > 65536:
        raise BackupError(f"{DAMAGED} (phần đầu dài bất thường).")
    hb = f.read(hlen)
    try:
        header = json.loads(hb)
        bytes.fromhex(header["salt"])
        header["key_id"]
    except (ValueError, KeyError, TypeError):
        raise BackupError(f"{DAMAGED} (phần đầu không đọc được).") from None
    return header, hashlib.sha256(head + hb).digest()


class DecryptingReader(io.RawIOBase):
    """A read-only stream over an archive's plaintext tar; every chunk checked before use."""

    def __init__(self, raw, key: bytes):
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        from .backupkey import derive, key_id
        self.raw = raw
        self.header, self._hh = read_header(raw)
        if key_id(key) != self.header["key_id"]:
            raise BackupError(
                f"Khóa không đúng: bản sao lưu này được mã hóa bằng khóa mã {self.header['key_id']}, "
                f"khóa đang dùng có mã {key_id(key)}. Không có gì bị thay đổi.")
        self._aes = AESGCM(derive(key, "vanphong backup archive", bytes.fromhex(self.header["salt"])))
        self._buf = bytearray()
        self._n = 0
        self._done = False
        self.cipher_bytes = 0

    def readable(self) -> bool:
        return True

    def _next(self) -> None:
        from cryptography.exceptions import InvalidTag
        rec = self.raw.read(5)
        if len(rec) < 5:
            raise BackupError(f"{DAMAGED}: tệp bị cắt cụt (thiếu phần cuối, đoạn {self._n + 1}).")
        final, length = struct.unpack(">BI", rec)
        if final not in (0, 1) or length > CHUNK + 1024:
            raise BackupError(f"{DAMAGED} (đoạn {self._n + 1} có độ dài sai).")
        ct = self.raw.read(length)
        if len(ct) < length:
            raise BackupError(f"{DAMAGED}: tệp bị cắt cụt (đoạn {self._n + 1}).")
        try:
            data = self._aes.decrypt(_nonce(self._n), ct, _aad(self._hh, self._n, bool(final)))
        except InvalidTag:
            raise BackupError(f"{DAMAGED} (đoạn {self._n + 1} không khớp mã xác thực).") from None
        self.cipher_bytes += 5 + length
        self._n += 1
        try:
            if data[:1] == bytes([ZLIB]):
                d = zlib.decompressobj()
                out = d.decompress(data[1:], CHUNK + 1)     # a zip bomb stops at one chunk
                if d.unconsumed_tail or not d.eof or len(out) > CHUNK:
                    raise zlib.error("bad chunk")
                self._buf += out
            elif data[:1] == bytes([RAW]):
                self._buf += data[1:]
            else:
                raise zlib.error("bad mode")
        except zlib.error:
            raise BackupError(f"{DAMAGED} (không giải nén được).") from None
        if final:
            if self.raw.read(1):
                raise BackupError(f"{DAMAGED} (có dữ liệu lạ sau phần cuối).")
            self._done = True

    def readinto(self, b) -> int:
        while not self._buf and not self._done:
            self._next()
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        del self._buf[:n]
        return n

    def drain(self) -> None:
        """Read (and so check) whatever is left after the tar's end."""
        while not self._done:
            self._next()
        self._buf.clear()


# --- making a backup ---------------------------------------------------------------------------
@dataclasses.dataclass
class BackupResult:
    path: Path
    size: int
    files: int
    plain_bytes: int
    seconds: float
    audit_seq: int
    notice: str = ""
    missing: list = dataclasses.field(default_factory=list)
    pruned: list = dataclasses.field(default_factory=list)


def _sqlite_path() -> Path:
    from .db import db, is_sqlite
    if db.obj is None or not is_sqlite():
        raise BackupError("Sao lưu chỉ dành cho cơ sở dữ liệu SQLite; "
                          "với máy chủ PostgreSQL hãy dùng pg_dump.")
    return Path(db.obj.database)


def snapshot_database(src: Path, dest: Path) -> None:
    """A consistent copy of ``src`` taken while others write (SQLite online backup, one read
    transaction), left as a single self-contained file."""
    s = sqlite3.connect(f"file:{src}?mode=ro", uri=True, timeout=30)
    try:
        d = sqlite3.connect(dest)
        try:
            s.backup(d)
            d.execute("PRAGMA journal_mode=DELETE")
            d.commit()
        finally:
            d.close()
    finally:
        s.close()


def _sha_file(path: Path) -> str:
    from .filestore import sha256_file
    return sha256_file(path)


def default_folder(home) -> Path:
    from .office import get_setting
    try:
        chosen = (get_setting("backup.folder") or "").strip()
    except Exception:
        chosen = ""
    return Path(chosen).expanduser() if chosen else Path(home.path) / "backups"


def _new_name(folder: Path, now: _dt.datetime) -> Path:
    base = f"vanphong-{now:%Y%m%d-%H%M%S}"
    p = folder / f"{base}{SUFFIX}"
    i = 1
    while p.exists():
        p = folder / f"{base}-{i}{SUFFIX}"
        i += 1
    return p


def create_backup(home, out: Path | str | None = None, *, passphrase: str | None = None,
                  why: str = "backup", keep: int | None = None, level: int = 1,
                  cancel=None) -> BackupResult:
    """Back the office up to ``out`` (a ``….vpbak`` file, else a folder; default: the backup
    folder setting).
    ``keep``: afterwards keep only this many backups named by the program in that folder.
    ``cancel``: a threading.Event; when set (the program closes) the backup stops between two
    files and leaves nothing but what was there before."""
    from . import audit, backupkey
    t0 = time.monotonic()
    src = _sqlite_path()
    bk = backupkey.load_key(home, passphrase=passphrase)
    now = _dt.datetime.now().replace(microsecond=0)
    if out is None:
        folder = default_folder(home)
        target = None
    else:
        out = Path(out).expanduser()
        is_file = out.suffix.lower() == SUFFIX and not out.is_dir()   # else a folder, made if need be
        folder, target = (out.parent, out) if is_file else (out, None)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BackupError(f"Không tạo được thư mục sao lưu {folder}: {e.strerror or e}.") from e
    target = target or _new_name(folder, now)
    home_path = Path(home.path)
    _clear_dead_snapshots(home_path)
    _clear_dead_archives(folder)
    fd, tmp_name = tempfile.mkstemp(prefix=f".backup-snapshot-{os.getpid()}-", suffix=".sqlite3",
                                    dir=home_path)
    os.close(fd)
    snap = Path(tmp_name)
    try:
        snapshot_database(src, snap)
        con = sqlite3.connect(snap)
        try:
            files = con.execute("SELECT sha256, rel_path, size FROM stored_file ORDER BY id").fetchall()
            head = con.execute("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1").fetchone()
        finally:
            con.close()
        seq, h = head if head else (0, audit.GENESIS)
        anchor = audit.record_anchor(home, seq, h, why)
        manifest: dict[str, Any] = {"format": VERSION, "created": now.isoformat(),
                                    "audit_head": [seq, h], "anchor": anchor, "members": {},
                                    "missing": []}
        header = {"version": VERSION, "key_id": bk.key_id, "salt": os.urandom(16).hex(),
                  "created": now.isoformat(), "chunk": CHUNK}
        rec = backupkey.read_record(home) or {}
        if rec.get("kdf"):
            header["kdf"] = rec["kdf"]
        with fsio.atomic_open(target, "wb", tag=f"{os.getpid()}-") as raw:     # see clear_leftovers
            w = EncryptingWriter(raw, bk.key, header, level)
            with tarfile.open(fileobj=w, mode="w|", format=tarfile.PAX_FORMAT,
                              bufsize=CHUNK) as tar:
                manifest["members"][DB_MEMBER] = _add(tar, snap, DB_MEMBER)
                for _, rel, _size in files:
                    if cancel is not None and cancel.is_set():
                        raise BackupError("Sao lưu đã dừng vì chương trình đóng lại.")
                    p = Path(home.files) / rel
                    try:
                        digest = _add(tar, p, f"files/{rel}")
                    except FileNotFoundError:
                        manifest["missing"].append(rel)   # removed after the snapshot (a purge)
                        continue
                    manifest["members"][f"files/{rel}"] = digest
                anchors = audit.anchors_path(home)
                if anchors.exists():
                    manifest["members"][ANCHORS_MEMBER] = _add(tar, anchors, ANCHORS_MEMBER)
                anchor_key = home_path / backupkey.ANCHOR_KEYFILE_NAME    # passphrase offices
                if anchor_key.exists():
                    manifest["members"][ANCHOR_KEY_MEMBER] = _add(tar, anchor_key, ANCHOR_KEY_MEMBER)
                data = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
                ti = tarfile.TarInfo(MANIFEST)
                ti.size, ti.mode, ti.mtime = len(data), 0o600, now.timestamp()
                tar.addfile(ti, io.BytesIO(data))
            w.finish()
    finally:
        snap.unlink(missing_ok=True)
    size = target.stat().st_size
    pruned = prune(folder, keep) if keep else []
    _write_state(home, {"last_ok": now.isoformat(), "path": str(target), "size": size,
                        "audit_seq": seq})
    return BackupResult(target, size, len(files) - len(manifest["missing"]), w.plain_bytes,
                        time.monotonic() - t0, seq, bk.notice, manifest["missing"], pruned)


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":         # os.kill(pid, 0) would end the process there: assume it runs
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


_SNAPSHOT_ENDS = (".sqlite3-journal", ".sqlite3-wal", ".sqlite3-shm", ".sqlite3")


def _clear_dead_snapshots(folder: Path) -> None:
    """Snapshots left by a backup that was killed (power cut) are removed by the next one, with
    the companion files SQLite leaves beside a copy cut short (its -journal, -wal, -shm), even
    when the snapshot itself is already gone. A snapshot's name carries the pid of the backup
    that made it: those of a backup still running are left alone."""
    names = [p for p in folder.glob(".backup-snapshot-*") if p.name.endswith(_SNAPSHOT_ENDS)]
    names.sort(key=lambda p: p.name.endswith(".sqlite3"))    # companions first, the file last
    for p in names:
        pid = p.name.split("-")[2]
        if pid.isdigit() and not _pid_alive(int(pid)):
            p.unlink(missing_ok=True)


# an archive being written: ".<its name>.<pid>-<random>.tmp" (fsio.atomic_open with a tag)
_ARCHIVE_TEMP = re.compile(r"^\.vanphong-\d{8}-\d{6}(-\d+)?\.vpbak\.(?:(\d+)-)?[a-z0-9_]+\.tmp$")
DEAD_ARCHIVE_SECONDS = 3600


def _clear_dead_archives(folder: Path) -> None:
    """Unfinished archives left in the backup folder by a backup that was killed (power cut):
    removed when no longer written to for an hour and not made by a backup still running here.
    The folder may be shared by two computers (a network folder): a pid alone says nothing
    about the other one's backup, which writes its temporary every moment while it runs."""
    now = time.time()
    try:
        found = [(p, m.group(2)) for p in folder.iterdir() if (m := _ARCHIVE_TEMP.match(p.name))]
    except OSError:
        return
    for p, pid in found:
        try:
            if now - p.stat().st_mtime < DEAD_ARCHIVE_SECONDS or (pid and _pid_alive(int(pid))):
                continue
            p.unlink()
        except OSError:
            continue


def clear_leftovers(home, pid: int) -> list[Path]:
    """What a backup made by process ``pid``, now ended (killed), left: its database snapshot
    in the home and its unfinished archive in the backup folder. Returns what was removed."""
    found = [p for p in Path(home.path).glob(f".backup-snapshot-{pid}-*")
             if p.name.endswith(_SNAPSHOT_ENDS)]
    folder = default_folder(home)
    try:
        found += [p for p in folder.iterdir()
                  if (m := _ARCHIVE_TEMP.match(p.name)) and m.group(2) == str(pid)]
    except OSError:
        pass
    gone = []
    for p in found:
        try:
            p.unlink()
            gone.append(p)
        except OSError:
            continue
    return gone


def _add(tar: tarfile.TarFile, path: Path, name: str) -> str:
    """Add one file, streamed; returns its SHA-256 as read."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        ti = tarfile.TarInfo(name)
        ti.size, ti.mode, ti.mtime = st.st_size, 0o600, int(st.st_mtime)

        class Hashing:
            def read(self, n=-1):
                b = f.read(n)
                h.update(b)
                return b
        tar.addfile(ti, Hashing())
    return h.hexdigest()


def list_backups(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    def order(p: Path):
        m = NAME_RE.match(p.name)
        assert m is not None            # only names that match are sorted
        return p.name[:24], int((m.group(1) or "-0")[1:])
    return sorted((p for p in folder.iterdir() if NAME_RE.match(p.name)), key=order)


@dataclasses.dataclass(frozen=True)
class Kept:
    """One backup in a folder: its file, when it was made (from its name, local time) and its size."""
    path: Path
    made: _dt.datetime
    size: int


def kept_backups(folder: Path) -> list[Kept]:
    """The backups the program named in ``folder``, newest first; none when the folder is not
    there (a USB stick not plugged in). A file that goes away meanwhile is left out."""
    out = []
    for p in list_backups(folder):
        try:
            made = _dt.datetime.strptime(p.name[9:24], "%Y%m%d-%H%M%S")
            size = p.stat().st_size
        except (ValueError, OSError):
            continue
        out.append(Kept(p, made, size))
    return out[::-1]


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove the oldest backups the program named in ``folder`` beyond ``keep``."""
    old = list_backups(folder)[:-keep] if keep > 0 else []
    for p in old:
        p.unlink(missing_ok=True)
    if old:
        fsio.fsync_dir(folder)
    return old


# --- reading one ------------------------------------------------------------------------------
def _safe_member(ti: tarfile.TarInfo) -> str:
    name = ti.name
    if not ti.isfile() or not (name in (DB_MEMBER, ANCHORS_MEMBER, ANCHOR_KEY_MEMBER, MANIFEST)
                               or _FILE_MEMBER.match(name)):
        raise BackupError(f"{DAMAGED} (mục lạ trong bản sao lưu: {name}).")
    return name


def _walk(path: Path, key: bytes, sink=None) -> dict:
    """Read the whole archive, check every chunk and every member against the manifest. ``sink
    (name, chunks)`` receives each member's bytes (restore); without it nothing is written."""
    seen: dict[str, str] = {}
    manifest = None
    try:
        raw = open(path, "rb")
    except OSError as e:
        raise BackupError(f"Không mở được {path}: {e.strerror or e}.") from e
    with raw:
        r = DecryptingReader(raw, key)
        buffered = io.BufferedReader(r, CHUNK)
        try:
            with tarfile.open(fileobj=buffered, mode="r|", bufsize=CHUNK) as tar:
                for ti in tar:
                    name = _safe_member(ti)
                    f = tar.extractfile(ti)
                    assert f is not None    # a regular file, as _safe_member checked
                    if name == MANIFEST:
                        manifest = json.loads(f.read(1 << 24))
                        continue
                    h = hashlib.sha256()

                    def chunks(f=f, h=h):
                        while True:
                            b = f.read(CHUNK)
                            if not b:
                                return
                            h.update(b)
                            yield b
                    if sink is None:
                        for _ in chunks():
                            pass
                    else:
                        sink(name, chunks())
                    seen[name] = h.hexdigest()
        except tarfile.TarError as e:
            raise BackupError(f"{DAMAGED} (cấu trúc bên trong hỏng: {e}).") from None
        r.drain()
    if manifest is None:
        raise BackupError(f"{DAMAGED} (thiếu bảng kê nội dung).")
    want = manifest.get("members", {})
    if set(want) != set(seen):
        missing = sorted(set(want) - set(seen))
        raise BackupError(f"{DAMAGED} (thiếu {len(missing)} mục, ví dụ {missing[:1]}).")
    for name, digest in want.items():
        if seen[name] != digest:
            raise BackupError(f"{DAMAGED} (tệp {name} sai mã kiểm tra).")
    if DB_MEMBER not in seen:
        raise BackupError(f"{DAMAGED} (không có cơ sở dữ liệu).")
    manifest["header"] = r.header
    return manifest


def peek_header(path: Path | str) -> dict:
    try:
        with open(path, "rb") as f:
            return read_header(f)[0]
    except OSError as e:
        raise BackupError(f"Không mở được {path}: {e.strerror or e}.") from e


def verify_backup(path: Path | str, key: bytes) -> dict:
    """Check a whole backup (every tag, every checksum); returns its manifest. Writes nothing."""
    return _walk(Path(path), key)


def restore_key(path: Path | str, *, key_text: str | None = None, key_file: Path | str | None = None,
                passphrase: str | None = None) -> bytes:
    """The key to open ``path``: given (recovery text or file), from a passphrase when the
    backup was made with one, else from this computer's password store by the backup's key id."""
    from . import backupkey
    header = peek_header(path)
    if key_text:
        return backupkey.from_text(key_text)
    if key_file:
        try:
            return backupkey.from_text(Path(key_file).read_text(encoding="ascii"))
        except OSError as e:
            raise BackupError(f"Không đọc được tệp khóa {key_file}: {e.strerror or e}.") from e
    kdf = header.get("kdf")
    if kdf:
        p = passphrase if passphrase is not None else backupkey.ask_passphrase()
        return backupkey.from_passphrase(p, bytes.fromhex(kdf["salt"]))
    key = backupkey.keyring_get(header["key_id"])
    if key is None:
        raise BackupError(f"Không tìm thấy khóa mã {header['key_id']} trong kho mật khẩu của máy này: "
                          "cho khóa bằng --key \"…\" (tờ khôi phục) hoặc --key-file TỆP.")
    return key


def restore(path: Path | str, home, key: bytes) -> dict:
    """Restore ``path`` into ``home`` (a folder that does not exist or is empty), after checking
    the whole archive. Returns the manifest. On any failure nothing is left behind."""
    from . import backupkey
    path, target = Path(path), Path(home.path)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"Thư mục {target} không trống: chỉ khôi phục vào một thư mục mới hoặc trống.")
    manifest = verify_backup(path, key)          # everything checked before anything is written
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True, mode=fsio.PRIVATE_DIR)
        folders: set[Path] = set()

        def sink(name, chunks):
            dest = target / name
            if dest.parent not in folders:
                dest.parent.mkdir(parents=True, exist_ok=True, mode=fsio.PRIVATE_DIR)
                folders.add(dest.parent)
            with fsio.atomic_open(dest, "wb", sync=False) as f:      # one flush at the end
                for b in chunks:
                    f.write(b)
        again = _walk(path, key, sink)
        if again["members"] != manifest["members"]:
            raise BackupError(f"{DAMAGED} (tệp thay đổi trong khi khôi phục).")
        fsio.sync_batch([*folders, target])
        home.ensure()
        rec = {"key_id": backupkey.key_id(key)}
        if manifest["header"].get("kdf"):
            rec.update(store="passphrase", kdf=manifest["header"]["kdf"],
                       created=_dt.datetime.now().replace(microsecond=0).isoformat())
            fsio.atomic_write_text(target / backupkey.RECORD_NAME, json.dumps(rec, indent=1) + "\n")
        else:
            backupkey.import_key(home, backupkey.to_text(key))
    except BaseException:
        if created:
            shutil.rmtree(target, ignore_errors=True)
        else:
            for p in list(target.iterdir()):
                shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
        raise
    return manifest


# --- state: the last good backup ---------------------------------------------------------------
def _write_state(home, state: dict) -> None:
    fsio.atomic_write_text(Path(home.path) / STATE_NAME, json.dumps(state, ensure_ascii=False) + "\n")


def last_backup(home) -> dict | None:
    p = Path(home.path) / STATE_NAME
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
