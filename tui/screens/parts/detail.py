"""Detail screens: one record as read-only text with its keys in the footer (``DetailScreen``),
and the 'label: value' lines and section titles they are written with."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..base import AreaScreen


def kv(t: Text, label: str, value: Any, *, style: str = "") -> None:
    """One 'label: value' line of a detail screen."""
    t.append(f"{label}: ", style="bold")
    t.append("" if value is None else str(value), style=style)
    t.append("\n")


def section(t: Text, title: str) -> None:
    t.append("\n" + title + "\n", style="bold cyan")


class DetailScreen(AreaScreen):
    """One record, read-only text with its keys in the footer; refreshed after every change."""

    AUTO_FOCUS = "#detail"

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Static("", id="detail-body")
        yield Static("", id="detail-hint", classes="hint", markup=False)

    _loaded = False

    def on_mount(self) -> None:
        self.refresh_detail()

    def on_screen_resume(self) -> None:
        if self._loaded:                       # back from a form or dialog: read it again
            self.refresh_detail()

    def refresh_detail(self) -> None:
        self.app.run_guarded(self._refresh)

    def _refresh(self) -> None:
        self.load()
        self._loaded = True
        self.query_one("#detail-body", Static).update(self.render_body())
        self.query_one("#detail-hint", Static).update(self.hint())
        self.refresh_bindings()

    def load(self) -> None:
        """Read the record again from the database."""

    def render_body(self) -> Text:
        return Text()

    def hint(self) -> str:
        return ""

    def after(self, result) -> None:
        """Callback of a dialog that changed the record."""
        if result is not None:
            self.refresh_detail()
