"""Subcommands of `vanphong`, one module per area. Each module has
``add_commands(subparsers, common_parent)``; a handler takes the parsed args, returns an exit code."""
from __future__ import annotations

from models.home import OfficeHome, default_home


def office_home(args) -> OfficeHome:
    """The office home from --home, else $VANPHONG_HOME, else the user data folder; created and
    checked for writing (VanphongError with a Vietnamese line otherwise)."""
    path = getattr(args, "home", None) or default_home()
    return OfficeHome(path).ensure()


def open_office(args) -> OfficeHome:
    from models.db import open_database
    home = office_home(args)
    open_database(home.db_url)
    return home
