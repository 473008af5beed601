"""Fixtures for the TUI: the app on a real office at 80×24, with the date frozen."""
from __future__ import annotations

import asyncio
import inspect
import os

import pytest
import textual._wait

# Textual's Pilot waits after every key press (and every pause()) until the app looks idle: it
# sleeps SLEEP_GRANULARITY (1/50 s) at a time until one such step used less than 1 ms of the
# process's CPU. Most of a typed test's time is these steps, so the tests use 1/200 s (the screen
# tests take less than half the time). A shorter step means "idle" may come before the screen is
# painted: a test waits for what it expects to see (wait_until, message_painted), never reads the
# screen right after a key. VANPHONG_TEST_IDLE_STEP sets another step in seconds;
# VANPHONG_TEST_IDLE_STEP=textual keeps Textual's own.
IDLE_STEP = os.environ.get("VANPHONG_TEST_IDLE_STEP", "0.005")
if IDLE_STEP.strip().lower() not in ("", "textual"):
    assert hasattr(textual._wait, "SLEEP_GRANULARITY"), "Textual changed how the Pilot waits"
    textual._wait.SLEEP_GRANULARITY = float(IDLE_STEP)

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
