"""Subcommands of this area (filled in by its issue)."""
from __future__ import annotations


def add_commands(sub, common) -> None:
    return None
