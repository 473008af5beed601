"""Fixtures for the TUI: the app on a real office at 80×24, with the date frozen."""
from __future__ import annotations

import asyncio
import inspect
import os

import pytest
import textual._wait

# Textual's Pilot waits after every key press (and every pause()) until the app looks idle: it
# sleeps SLEEP_GRANULARITY (1/50 s) at a time until one such step used less than 1 ms of the
# process's CPU. Most of a typed test's time is these steps: VANPHONG_TEST_IDLE_STEP=0.005 runs the
# screen tests about twice as fast, but a test that reads the screen right after a key instead of
# waiting for what it expects then fails now and then; Textual's own step is the default.
if os.environ.get("VANPHONG_TEST_IDLE_STEP"):
    assert hasattr(textual._wait, "SLEEP_GRANULARITY"), "Textual changed how the Pilot waits"
    textual._wait.SLEEP_GRANULARITY = float(os.environ["VANPHONG_TEST_IDLE_STEP"])

@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run ``async def`` tests (Textual's Pilot is async) on a fresh event loop, without
    needing an asyncio plugin."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        # the test's own parameters, from its signature (funcargs also holds autouse fixtures)
        params = inspect.signature(pyfuncitem.obj).parameters
        args = {name: pyfuncitem.funcargs[name] for name in params if name in pyfuncitem.funcargs}
        asyncio.run(pyfuncitem.obj(**args))
        return True
    return None


from screen_size import SIZE, TODAY, screen_text  # noqa: E402,F401  (re-exported for fixtures)


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


@pytest.fixture
def shown():
    return screen_text
