"""Constants the TUI tests import by name. Kept out of conftest.py: `from conftest import …`
finds whichever conftest is first on sys.path (tests/intake has one too) when both folders are
collected in one run."""
import datetime as _dt
import io

from rich.console import Console

TODAY = _dt.date(2026, 3, 5)          # a Thursday
SIZE = (80, 24)


def screen_text(app) -> str:
    """Everything on the terminal now (dialogs over their screen too), as plain text — what
    the person sees. Rendered the way App.export_screenshot renders, without colours.

    Textual has no public plain-text render: export_screenshot (the public one) returns an SVG
    built from these same two private names, so reading the text back out of it would hide the
    dependency without removing it, cost about four times as much on every poll of wait_until,
    and parse rich's SVG layout. tests/house/test_textual_ground.py checks both names instead."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(),
                      force_terminal=True, color_system=None, record=True, legacy_windows=False,
                      safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()
