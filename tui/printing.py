"""Printing from the TUI: save the PDF under the office home (``printouts/``), then hand it to
the printer with the setting ``print.command`` (default ``lp``) when that command exists on
this computer; otherwise say where the file is (the office keeps every paper it printed).

Runs in a worker thread: nothing here touches the database or the screen.
"""
from __future__ import annotations

import datetime as _dt
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import strings as S

# file names (without date range and suffix) of the printed and exported books
BOOK_FILES = {"incoming": "so-van-ban-den", "outgoing": "so-van-ban-di",
              "secret_incoming": "so-van-ban-mat-den", "secret_outgoing": "so-van-ban-mat-di",
              "seal": "so-su-dung-con-dau", "seal_handovers": "so-ban-giao-con-dau"}


def book_unit(kind: str) -> str:
    """What one line of the book counts, for "(3 lần đóng dấu, …)"."""
    return S.BOOK_UNITS.get(kind, S.BOOK_UNIT)


@dataclass
class Printed:
    path: Path
    rows: int
    sent: bool
    message: str          # what to tell the person, in Vietnamese


def save_pdf(path: Path, pdf: bytes) -> Path:
    """Write the PDF whole or not at all (a unique temporary, fsynced, renamed, folder fsynced;
    owner-only): two prints of the same book at once both succeed, a power cut leaves the old
    file or the new one."""
    from models.fsio import atomic_write_bytes
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_bytes(path, pdf)


def send_to_printer(command: str, path: Path) -> tuple[bool, str]:
    """(sent, problem): the command is run with the file as its last argument."""
    try:
        argv = shlex.split(command or "")
    except ValueError:
        return False, S.PRINT_BAD_COMMAND.format(command=command)
    if not argv:
        return False, S.PRINT_NO_COMMAND
    if shutil.which(argv[0]) is None:
        return False, S.PRINT_COMMAND_MISSING.format(command=argv[0])
    try:
        r = subprocess.run([*argv, str(path)], capture_output=True, text=True, timeout=60,
                           stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as e:
        return False, S.PRINT_COMMAND_FAILED.format(command=argv[0], detail=str(e))
    if r.returncode != 0:
        detail = (r.stderr or r.stdout or "").strip().splitlines()
        return False, S.PRINT_COMMAND_FAILED.format(command=argv[0],
                                                    detail=detail[-1] if detail else r.returncode)
    return True, ""


def print_register_book(home, kind: str, rows: list[list[str]], office, date_from: _dt.date,
                        date_to: _dt.date, command: str) -> Printed:
    """Render the register book, save it, send it to the printer; the outcome in words."""
    from printouts.registers import register_book      # reportlab: only when printing
    from models.audit import anchor_for_print
    pdf = register_book(kind, rows, office, date_from, date_to, anchor=anchor_for_print(home))
    name = f"{BOOK_FILES[kind]}_{date_from:%Y%m%d}-{date_to:%Y%m%d}.pdf"
    path = save_pdf(Path(home.printouts) / name, pdf)
    book = S.BOOK_NAMES[kind]
    period = f"{date_from:%d/%m/%Y}–{date_to:%d/%m/%Y}"
    sent, problem = send_to_printer(command, path)
    if sent:
        msg = S.PRINT_SENT.format(book=book, n=len(rows), unit=book_unit(kind), period=period,
                                  path=path)
    else:
        msg = S.PRINT_SAVED.format(book=book, n=len(rows), unit=book_unit(kind), period=period,
                                   path=path, problem=problem)
    return Printed(path, len(rows), sent, msg)
