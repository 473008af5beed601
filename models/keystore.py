"""Secrets of this computer kept in the system's password store (keyring): Windows Credential
Manager, the macOS Keychain, the desktop keyring on Linux — never in a file of the program or in
a command line.

Today: the password of a shared PostgreSQL server (``postgresql://user@host/db`` without a
password in the address). Set with ``vanphong db-password``; ``models.db`` asks here when it
connects. A server without a password store (a headless Linux box) uses PostgreSQL's own
``~/.pgpass`` instead, which libpq reads by itself.

keyring is imported only when a secret is needed: it costs start-up time and memory.
"""
from __future__ import annotations

from urllib.parse import unquote, urlsplit

from .errors import VanphongError

SERVICE = "vanphong"

NO_STORE = ("Máy này không có kho mật khẩu của hệ điều hành (keyring). Hãy ghi mật khẩu vào tệp "
            "~/.pgpass của PostgreSQL (dạng máy:cổng:csdl:người_dùng:mật_khẩu, quyền 600).")


def db_key(url: str) -> str | None:
    """The store's name for the password of ``url``'s user on ``url``'s server and database;
    None when there is nothing to look up (not PostgreSQL, no user, or a password in the URL)."""
    if not url.startswith(("postgresql://", "postgres://")):
        return None
    parts = urlsplit(url)
    if not parts.username or parts.password is not None:
        return None
    host = parts.hostname or ""
    if not host:                                   # a Unix socket: postgresql://u@/db?host=/run/…
        for kv in parts.query.split("&"):
            if kv.startswith("host="):
                host = unquote(kv[5:])
    port = f":{parts.port}" if parts.port else ""
    return f"postgresql://{unquote(parts.username)}@{host or 'localhost'}{port}/{parts.path.lstrip('/')}"


def _keyring():
    import keyring                                  # late: only when a secret is needed
    import keyring.errors
    return keyring, keyring.errors


def require_store() -> None:
    """Raise the Vietnamese NO_STORE message when this computer has no password store (said
    before the person types a password, not after)."""
    keyring, _errors = _keyring()
    from keyring.backends import fail
    if isinstance(keyring.get_keyring(), fail.Keyring):
        raise VanphongError(NO_STORE)


def get_db_password(url: str) -> str | None:
    """The stored password for ``url``, or None (none stored, or no store on this computer)."""
    key = db_key(url)
    if key is None:
        return None
    keyring, errors = _keyring()
    try:
        return keyring.get_password(SERVICE, key)
    except errors.KeyringError:                     # no store: libpq may still use ~/.pgpass
        return None


def set_db_password(url: str, password: str) -> str:
    """Store the password for ``url``; returns the name it is stored under."""
    key = db_key(url)
    if key is None:
        raise VanphongError("Địa chỉ cơ sở dữ liệu phải là postgresql://NGƯỜI_DÙNG@MÁY/TÊN_CSDL, "
                            "không kèm mật khẩu.")
    if not password:
        raise VanphongError("Mật khẩu trống.")
    keyring, errors = _keyring()
    try:
        keyring.set_password(SERVICE, key, password)
    except errors.KeyringError as e:
        raise VanphongError(NO_STORE) from e
    return key


def delete_db_password(url: str) -> bool:
    """Forget the stored password for ``url``; False when none was stored."""
    key = db_key(url)
    if key is None:
        return False
    keyring, errors = _keyring()
    try:
        keyring.delete_password(SERVICE, key)
    except errors.PasswordDeleteError:
        return False
    except errors.KeyringError as e:
        raise VanphongError(NO_STORE) from e
    return True


def masked(url: str) -> str:
    """``url`` fit to be shown or logged: a password in it becomes ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()
