"""The backup key: 32 random bytes that encrypt the office's backups and sign its audit anchors.

Where it lives (setting ``backup.key_store``, chosen by the administrator):

- ``keyring``: the operating system's password store (Windows Credential Manager, the macOS
  Keychain, Secret Service), entry ``vanphong`` / ``backup-key:<key id>``;
- ``keyfile``: ``backup.key`` in the office home, owner-only (0600), never put into a backup;
- ``passphrase``: derived from a passphrase the administrator types (scrypt), nothing stored.

A computer without a usable password store — keyring's ``fail`` backend (headless Linux, SSH),
the ``null`` backend (which silently forgets), a ``keyrings.alt`` backend (which would prompt on
the terminal and freeze the program) — is said so plainly, and the key file is used. A fresh
office with no choice made uses the password store when it works, else the key file, with a
notice. Every call into keyring is time-boxed in a thread: a password store that wants to show a
prompt never blocks the program. Without a terminal nothing waits for input.

``backup-key.json`` in the office home (not secret) records the key id and where the key is, so
the program finds it again; the key id is also written in every backup's header, so a restore
can tell a wrong key from a damaged archive.
"""
from __future__ import annotations

import base64
import binascii
import datetime as _dt
import hashlib
import hmac
import json
import os
import re
import secrets
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import fsio
from .errors import VanphongError
from .keystore import SERVICE, _keyring
from .office import define_setting

KEY_BYTES = 32
RECORD_NAME = "backup-key.json"
KEYFILE_NAME = "backup.key"
ANCHOR_KEYFILE_NAME = "anchor.key"     # passphrase offices: the anchor key needs no typing
STORES = ("keyring", "keyfile", "passphrase")
STORE_LABELS = {"keyring": "kho mật khẩu của hệ điều hành", "keyfile": "tệp khóa trong thư mục dữ liệu",
                "passphrase": "cụm mật khẩu"}
KEYRING_TIMEOUT = 5.0          # seconds: a password store slower than this is treated as absent
PASSPHRASE_ENV = "VANPHONG_BACKUP_PASSPHRASE"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1    # 32 MiB, well under a second on an old PC
MIN_PASSPHRASE = 12

define_setting("backup.key_store", "Nơi giữ khóa sao lưu (keyring / keyfile / passphrase; trống: tự chọn)",
               "str", "", choices=STORES, help=
               "keyring: kho mật khẩu của hệ điều hành; keyfile: tệp backup.key trong thư mục dữ liệu "
               "(quyền 600); passphrase: cụm mật khẩu gõ mỗi lần sao lưu. Trống: dùng kho mật khẩu "
               "nếu máy có, nếu không thì tệp khóa.")

NO_KEYRING = ("Máy này không có kho mật khẩu dùng được ({why}); khóa sao lưu được giữ trong tệp "
              "{path} (chỉ chủ tài khoản đọc được). Hãy in tờ khôi phục (vanphong backup-key "
              "--sheet TỆP.pdf) và cất vào két.")


class KeyringUnavailable(VanphongError):
    pass


@dataclass
class BackupKey:
    key: bytes
    store: str                 # keyring | keyfile | passphrase | given
    notice: str = ""           # said once to the administrator (e.g. "no keyring: key file used")

    @property
    def key_id(self) -> str:
        return key_id(self.key)


def key_id(key: bytes) -> str:
    """A short public name of a key (HMAC of a constant: reveals nothing of the key)."""
    return hmac.new(key, b"vanphong backup key id", hashlib.sha256).hexdigest()[:16]


def derive(key: bytes, purpose: str, salt: bytes = b"") -> bytes:
    """A sub-key for one purpose (HKDF-SHA256, RFC 5869, 32 bytes): archive encryption, audit
    anchors. Written with hmac: the audit anchors are checked at every start, and loading the
    cryptography package for this one function cost ~8 MiB of memory for as long as the
    program runs (it is loaded when a backup is actually made or read)."""
    prk = hmac.new(salt or bytes(hashlib.sha256().digest_size), key, hashlib.sha256).digest()
    return hmac.new(prk, purpose.encode() + b"\x01", hashlib.sha256).digest()


# --- the recovery text (base32 in groups of four) -----------------------------------------------
def to_text(key: bytes) -> str:
    s = base64.b32encode(key).decode().rstrip("=")
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def from_text(text: str) -> bytes:
    s = re.sub(r"[\s\-]", "", text or "").upper()
    s += "=" * (-len(s) % 8)
    try:
        key = base64.b32decode(s)
    except (ValueError, binascii.Error):
        raise VanphongError("Khóa sao lưu không đọc được: cần dãy chữ và số như trên tờ khôi phục.") from None
    if len(key) != KEY_BYTES:
        raise VanphongError("Khóa sao lưu không đủ độ dài: hãy chép lại đúng từng nhóm trên tờ khôi phục.")
    return key


# --- keyring, time-boxed -------------------------------------------------------------------------
def _timeboxed(fn, timeout: float | None = None):
    box: dict = {}

    def run():
        try:
            box["value"] = fn()
        except BaseException as e:      # handed back to the caller's thread
            box["error"] = e

    t = threading.Thread(target=run, name="vanphong-keyring", daemon=True)
    t.start()
    t.join(KEYRING_TIMEOUT if timeout is None else timeout)
    if t.is_alive():
        raise KeyringUnavailable(f"kho mật khẩu không trả lời sau {KEYRING_TIMEOUT:g} giây")
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _backend_problem(kr) -> str:
    """Why this keyring backend must not be used ("" when it may)."""
    mod = type(kr).__module__
    if mod.startswith("keyring.backends.fail"):
        return "không có kho mật khẩu nào của hệ điều hành"
    if mod.startswith("keyring.backends.null"):
        return "kho mật khẩu rỗng, không giữ gì"
    if mod.startswith("keyrings.alt"):
        return "kho mật khẩu dạng tệp sẽ hỏi mật khẩu trên bàn phím"
    backends = getattr(kr, "backends", None)      # the chainer: every link must be usable
    if backends is not None:
        if not backends:
            return "không có kho mật khẩu nào của hệ điều hành"
        for b in backends:
            why = _backend_problem(b)
            if why:
                return why
    return ""


def keyring_problem() -> str:
    """"" when the OS password store can be used here, else why not (Vietnamese)."""
    def probe():
        keyring, _errors = _keyring()
        return _backend_problem(keyring.get_keyring())
    try:
        return _timeboxed(probe)
    except KeyringUnavailable as e:
        return e.message
    except Exception as e:            # a broken backend configuration
        return f"kho mật khẩu lỗi: {e}"


def _entry(kid: str | None) -> str:
    return f"backup-key:{kid}"


def keyring_get(kid: str) -> bytes | None:
    def get():
        keyring, errors = _keyring()
        if _backend_problem(keyring.get_keyring()):
            return None
        try:
            return keyring.get_password(SERVICE, _entry(kid))
        except errors.KeyringError:
            return None
    try:
        text = _timeboxed(get)
    except KeyringUnavailable:
        return None
    return from_text(text) if text else None


def _keyring_set(key: bytes) -> None:
    def put():
        keyring, errors = _keyring()
        why = _backend_problem(keyring.get_keyring())
        if why:
            raise KeyringUnavailable(why)
        try:
            keyring.set_password(SERVICE, _entry(key_id(key)), to_text(key))
        except errors.KeyringError as e:
            raise KeyringUnavailable(f"kho mật khẩu từ chối: {e}") from e
    _timeboxed(put)


# --- passphrase ---------------------------------------------------------------------------------
def from_passphrase(passphrase: str, salt: bytes) -> bytes:
    import unicodedata
    p = unicodedata.normalize("NFC", passphrase or "")
    return hashlib.scrypt(p.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                          maxmem=128 * 1024 * 1024, dklen=KEY_BYTES)


def ask_passphrase(prompt: str = "Cụm mật khẩu sao lưu: ", confirm: bool = False) -> str:
    """From $VANPHONG_BACKUP_PASSPHRASE, else typed at a terminal; never waits without one."""
    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env
    if not (sys.stdin and sys.stdin.isatty()):
        raise VanphongError("Cần cụm mật khẩu sao lưu nhưng không có bàn phím để hỏi: đặt biến "
                            f"{PASSPHRASE_ENV}, hoặc chọn nơi giữ khóa khác trong Cài đặt.")
    import getpass
    p = getpass.getpass(prompt)
    if confirm and getpass.getpass("Gõ lại: ") != p:
        raise VanphongError("Hai lần gõ cụm mật khẩu không giống nhau.")
    return p


# --- the office's key ---------------------------------------------------------------------------
def _record_path(home) -> Path:
    return Path(home.path) / RECORD_NAME


def read_record(home) -> dict | None:
    p = _record_path(home)
    if not p.exists():
        return None
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise VanphongError(f"Tệp {p} hỏng, không biết khóa sao lưu ở đâu: {e}") from e


def _saved_record(home) -> dict:
    """The record, where one was just read or written (so it is there)."""
    rec = read_record(home)
    assert rec is not None
    return rec


def _write_record(home, rec: dict) -> None:
    fsio.atomic_write_text(_record_path(home), json.dumps(rec, ensure_ascii=False, indent=1) + "\n")


def is_passphrase(home) -> bool:
    """The office's key is a passphrase: recorded so, or chosen for the first backup. Then a
    backup needs it typed (or $VANPHONG_BACKUP_PASSPHRASE): nothing done unattended can make
    one. Raises VanphongError when the key's record cannot be read."""
    rec = read_record(home)
    return (rec or {}).get("store") == "passphrase" or chosen_store() == "passphrase"


def chosen_store() -> str:
    """The administrator's choice (setting ``backup.key_store``), "" when none was made."""
    from .office import get_setting
    try:
        v = (get_setting("backup.key_store") or "").strip().lower()
    except Exception:               # no database open (restore): no choice
        return ""
    if v and v not in STORES:
        raise VanphongError(f"Cài đặt nơi giữ khóa sao lưu không hợp lệ: “{v}” "
                            "(chọn keyring, keyfile hoặc passphrase).")
    return v


def _keyfile(home) -> Path:
    return Path(home.path) / KEYFILE_NAME


def _read_keyfile(path: Path) -> bytes:
    try:
        return from_text(path.read_text(encoding="ascii"))
    except OSError as e:
        raise VanphongError(f"Không đọc được tệp khóa {path}: {e.strerror or e}.") from e


def _save(home, key: bytes, store: str, kdf: dict | None = None) -> str:
    """Put ``key`` where ``store`` says; returns a notice ("" when none is needed)."""
    notice = ""
    if store == "keyring":
        try:
            _keyring_set(key)
        except KeyringUnavailable as e:
            store = "keyfile"
            notice = NO_KEYRING.format(why=e.message, path=_keyfile(home))
    if store == "keyfile":
        fsio.atomic_write_text(_keyfile(home), to_text(key) + "\n")
    rec: dict[str, Any] = {"key_id": key_id(key), "store": store,
                           "created": _dt.datetime.now().replace(microsecond=0).isoformat()}
    if kdf:
        rec["kdf"] = kdf
    _write_record(home, rec)
    return notice


def load_key(home, *, create: bool = True, passphrase: str | None = None) -> BackupKey:
    """The office's backup key; made on first use where the setting (or, with none, the
    computer) says. Raises VanphongError when it cannot be found (with where it was looked for)."""
    rec = read_record(home)
    choice = chosen_store()
    if rec is None:
        if not create:
            raise VanphongError("Văn phòng chưa có khóa sao lưu (chưa sao lưu lần nào).")
        return _create(home, choice, passphrase)
    key = _load_recorded(home, rec, passphrase)
    notice = ""
    if choice and choice != rec.get("store"):          # the administrator moved the key
        key, notice = _move(home, key, choice, passphrase)
    return BackupKey(key, _saved_record(home)["store"], notice)


def _create(home, choice: str, passphrase: str | None) -> BackupKey:
    notice = ""
    if choice == "passphrase":
        salt = secrets.token_bytes(16)
        p = passphrase if passphrase is not None else ask_passphrase(confirm=True)
        if len(p) < MIN_PASSPHRASE:
            raise VanphongError(f"Cụm mật khẩu sao lưu cần ít nhất {MIN_PASSPHRASE} ký tự.")
        key = from_passphrase(p, salt)
        _save(home, key, "passphrase", _kdf(salt))
        _anchor_keyfile_ensure(home)
        return BackupKey(key, "passphrase")
    key = secrets.token_bytes(KEY_BYTES)
    if choice == "keyfile":
        _save(home, key, "keyfile")
        return BackupKey(key, "keyfile")
    why = keyring_problem()
    if why:
        notice = NO_KEYRING.format(why=why, path=_keyfile(home))
        _save(home, key, "keyfile")
        return BackupKey(key, "keyfile", notice)
    notice = _save(home, key, "keyring")
    return BackupKey(key, _saved_record(home)["store"], notice)


def _kdf(salt: bytes) -> dict:
    return {"name": "scrypt", "salt": salt.hex(), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}


def _load_recorded(home, rec: dict, passphrase: str | None) -> bytes:
    store, kid = rec.get("store"), rec.get("key_id", "")
    key: bytes | None
    if store == "keyfile":
        key = _read_keyfile(_keyfile(home))
    elif store == "keyring":
        key = keyring_get(kid)
        if key is None:
            why = keyring_problem() or "không có mục khóa trong kho"
            raise VanphongError(f"Không lấy được khóa sao lưu từ kho mật khẩu ({why}). Nhập khóa từ "
                                "tờ khôi phục: vanphong backup-key --import.")
    elif store == "passphrase":
        kdf = rec.get("kdf") or {}
        p = passphrase if passphrase is not None else ask_passphrase()
        key = from_passphrase(p, bytes.fromhex(kdf.get("salt", "")))
        if key_id(key) != kid:
            raise VanphongError("Cụm mật khẩu sao lưu không đúng.")
    else:
        raise VanphongError(f"Tệp {_record_path(home)} ghi nơi giữ khóa không hợp lệ: {store}.")
    if key_id(key) != kid:
        raise VanphongError("Khóa sao lưu tìm thấy không khớp với khóa văn phòng đang dùng "
                            f"(mã {kid}).")
    return key


def _move(home, key: bytes, choice: str, passphrase: str | None) -> tuple[bytes, str]:
    """Keep the same key, stored where the administrator now chose (a passphrase makes a new
    key: backups made before stay readable with the old key on the recovery sheet)."""
    old = _saved_record(home)
    if choice == "passphrase":
        p = Path(home.path) / ANCHOR_KEYFILE_NAME
        if not p.exists():                   # the anchors made so far stay checkable
            fsio.atomic_write_text(p, derive(key, "vanphong audit anchor").hex() + "\n")
        rec_key = _create(home, "passphrase", passphrase)
        note = ("Đã chuyển sang cụm mật khẩu: đây là khóa mới; các bản sao lưu cũ vẫn cần khóa cũ "
                f"(mã {old.get('key_id')}) trên tờ khôi phục cũ.")
        return rec_key.key, note
    notice = _save(home, key, choice)
    if _saved_record(home)["store"] != "keyfile" and old.get("store") == "keyfile":
        _keyfile(home).unlink(missing_ok=True)
    return key, notice


def import_key(home, text: str) -> BackupKey:
    """Take the key from a recovery sheet (after a restore onto a new computer)."""
    key = from_text(text)
    choice = chosen_store()
    store = choice if choice in ("keyring", "keyfile") else ("keyfile" if keyring_problem() else "keyring")
    notice = _save(home, key, store)
    return BackupKey(key, _saved_record(home)["store"], notice)


def where(home) -> str:
    """One Vietnamese sentence: where this office's backup key is."""
    rec = read_record(home)
    if rec is None:
        return "Văn phòng chưa có khóa sao lưu; khóa được tạo ở lần sao lưu đầu tiên."
    store = rec.get("store")
    place = {"keyring": f"kho mật khẩu của hệ điều hành (mục {SERVICE} / {_entry(rec.get('key_id'))})",
             "keyfile": f"tệp {_keyfile(home)}",
             "passphrase": "cụm mật khẩu (không lưu ở đâu cả)"}.get(str(store), str(store))
    return f"Khóa sao lưu (mã {rec.get('key_id')}) ở: {place}."


# --- the audit anchor key -----------------------------------------------------------------------
def _anchor_keyfile_ensure(home) -> bytes:
    p = Path(home.path) / ANCHOR_KEYFILE_NAME
    if p.exists():
        return bytes.fromhex(p.read_text(encoding="ascii").strip())
    k = secrets.token_bytes(32)
    fsio.atomic_write_text(p, k.hex() + "\n")
    return k


def anchor_key(home) -> bytes:
    """The HMAC key of the audit anchors, kept with the backup key (derived from it), or, in an
    office whose key is a passphrase, in its own owner-only file: a daily start types nothing.
    Once that file exists it is the anchor key for good (the key may move; the anchors stay
    checkable)."""
    p = Path(home.path) / ANCHOR_KEYFILE_NAME
    if p.exists():
        return _anchor_keyfile_ensure(home)
    rec = read_record(home)
    try:
        store = (rec or {}).get("store") or chosen_store()
    except VanphongError:
        store = ""
    if store == "passphrase":
        return _anchor_keyfile_ensure(home)
    return derive(load_key(home).key, "vanphong audit anchor")
