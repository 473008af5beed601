"""Opening an attached file: in the system's viewer when there is a display to show it on,
else a dialog with where it is, its pages and its text layer (over SSH)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ... import strings as S
from ...widgets.dialogs import Dialog
from .detail import kv, section


def system_viewer() -> list[str] | None:
    """The command that shows a file in the system's viewer, when there is a display to show
    it on (over SSH there usually is none): None otherwise."""
    if sys.platform == "win32":
        return ["startfile"]
    if sys.platform == "darwin":
        return ["open"] if shutil.which("open") else None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return None
    xdg = shutil.which("xdg-open")
    return [xdg] if xdg else None


def open_in_viewer(path: Path) -> bool:
    cmd = system_viewer()
    if cmd is None:
        return False
    try:
        if cmd == ["startfile"]:
            os.startfile(str(path))              # type: ignore[attr-defined]  (Windows)
        else:
            subprocess.Popen([*cmd, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    return True


class FileInfoDialog(Dialog):
    """An attached file seen from a terminal: where it is, its pages, its text layer."""

    BINDINGS = [Binding("escape,enter", "cancel", S.KEY_CLOSE, key_display="Esc")]
    AUTO_FOCUS = ".dialog-text"

    def __init__(self, name: str, path: Path, pages: int | None, size: int | None, text: str):
        super().__init__(S.FILE_INFO_TITLE.format(name=name))
        self.path, self.pages, self.file_size, self.text = path, pages, size, text

    def compose_body(self) -> ComposeResult:
        t = Text()
        kv(t, S.FILE_PATH, self.path)
        kv(t, S.FILE_PAGES, self.pages if self.pages is not None else S.UNKNOWN)
        if self.file_size is not None:
            kv(t, S.FILE_SIZE, S.FILE_SIZE_KB.format(kb=max(1, round(self.file_size / 1024))))
        section(t, S.FILE_TEXT)
        body = (self.text or "").strip()
        t.append(body[:6000] if body else S.FILE_NO_TEXT)
        with VerticalScroll(classes="dialog-text"):
            yield Static(t)
        yield Static(S.FILE_INFO_HINT, classes="hint")
