"""Fixtures for the TUI: the app on a real office at 80×24, with the date frozen."""
from __future__ import annotations

import asyncio
import inspect
import io

import pytest
from rich.console import Console

@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run ``async def`` tests (Textual's Pilot is async) on a fresh event loop, without
    needing an asyncio plugin."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        asyncio.run(pyfuncitem.obj(**args))
        return True
    return None


from screen_size import SIZE, TODAY  # noqa: F401  (re-exported for fixtures)


@pytest.fixture
def make_app(home):
    """make_app(user=None) → a VanphongApp on the test office, today frozen at 05/03/2026."""
    from tui.app import VanphongApp

    def make(user=None, **kw):
        kw.setdefault("today", TODAY)
        return VanphongApp(home, user=user, **kw)
    return make


@pytest.fixture
def type_text():
    """await type_text(pilot, "Đảng ủy") — one key press per character, as a person types."""
    async def typer(pilot, text: str) -> None:
        await pilot.press(*text)
    return typer


def screen_text(app) -> str:
    """Everything on the terminal now (dialogs over their screen too), as plain text — what
    the person sees. Rendered the way App.export_screenshot renders, without colours."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(),
                      force_terminal=True, color_system=None, record=True, legacy_windows=False,
                      safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


@pytest.fixture
def shown():
    return screen_text
