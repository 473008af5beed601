"""Which paths in the inbox are never taken in.

Hidden entries (``.*``, this covers ``.processing/`` where files being taken in are parked),
Office lock files (``~$*``), partial downloads and temporary files (``*.tmp``, ``*.part``, …),
Windows' ``Thumbs.db``/``desktop.ini``, and everything under ``failed/`` (files already refused,
with their ``.reason.txt``). Names are compared in NFC and without regard to case, so an NFD
name written by a Mac is treated like its NFC twin.
"""
from __future__ import annotations

import fnmatch
from pathlib import PurePath

from models.text import nfc

PROCESSING_DIR = ".processing"
FAILED_DIR = "failed"
DUPLICATES_DIR = "duplicates"

IGNORED_NAMES = ("~$*", "*.tmp", "*.temp", "*.part", "*.partial", "*.crdownload", "*.download",
                 "*.swp", "*~", "thumbs.db", "desktop.ini", "*.reason.txt")


def nfc_name(name: str) -> str:
    """A file or folder name in NFC, its spaces kept as they are (a name is what it is): how
    the intake compares, shows and records names."""
    return nfc(name, strip=False)


def _norm(s: str) -> str:
    return nfc_name(s).lower()


def is_ignored_name(name: str) -> bool:
    n = _norm(name)
    if not n or n.startswith("."):
        return True
    return any(fnmatch.fnmatchcase(n, pat) for pat in IGNORED_NAMES)


def is_ignored(rel: PurePath | str) -> bool:
    """``rel`` is relative to the inbox. True for anything the intake must leave alone."""
    parts = PurePath(rel).parts
    if not parts:
        return True
    if _norm(parts[0]) == FAILED_DIR:
        return True
    return any(p.startswith(".") for p in parts) or is_ignored_name(parts[-1])


def is_ignored_dir(rel: PurePath | str) -> bool:
    """A folder whose content is never taken in (for walks)."""
    parts = PurePath(rel).parts
    return bool(parts) and (_norm(parts[0]) == FAILED_DIR or any(p.startswith(".") for p in parts))
