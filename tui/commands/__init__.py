"""Subcommands of `vanphong`, one module per area. Each module has
``add_commands(subparsers, common_parent)``; a handler takes the parsed args, returns an exit code."""
from __future__ import annotations

import sys

from models.home import OfficeHome, default_home


def office_home(args, create: bool = False, notice: bool = True) -> OfficeHome:
    """The office home from --home, else $VANPHONG_HOME, else the user data folder, made
    owner-only and checked for writing (a VanphongError with one Vietnamese line otherwise).

    Only the program itself (its first-run wizard) and `demo` pass ``create``: any other command
    on a folder without an office says so and creates nothing (a mistyped --home must not look
    like an office whose data is gone)."""
    path = getattr(args, "home", None) or default_home()
    home = OfficeHome(path).ensure(create=create)
    if home.tightened and notice:               # the program says it in a notification
        print(f"vanphong: {home.tightened_notice()}", file=sys.stderr)
    return home


def open_office(args, create: bool = False) -> OfficeHome:
    from models.db import open_database
    home = office_home(args, create=create)
    open_database(home.db_url)
    return home
