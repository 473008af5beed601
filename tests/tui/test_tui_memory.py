"""A closed screen's memory is given back once the user pauses (tui.memory)."""
from __future__ import annotations

import gc
import weakref

import rich.cells
from textual.strip import Strip

from tui import memory
from tui.screens.audit import AuditScreen
from tui.screens.dashboard import DashboardScreen

from registers_fixtures import wait_until
from screen_size import SIZE


def test_give_back_empties_textual_and_rich_caches():
    rich.cells.cached_cell_len("Đảng ủy xã")
    caches = memory.toolkit_caches()
    assert rich.cells.cached_cell_len in caches
    assert vars(Strip)["render_ansi"].__func__ in caches   # a class method's cache too
    assert rich.cells.cached_cell_len.cache_info().currsize > 0
    assert memory.give_back() > 0
    assert all(c.cache_info().currsize == 0 for c in caches)


async def _in_the_audit_log(pilot):
    """From Hôm nay into the audit log (a list that fills Rich's caches), shown."""
    await pilot.pause()
    pilot.app.open_area("audit")
    assert await wait_until(pilot, lambda: isinstance(pilot.app.screen, AuditScreen))
    await pilot.pause()


async def _back_on_hom_nay(pilot):
    await pilot.press("escape")
    assert await wait_until(pilot, lambda: isinstance(pilot.app.screen, DashboardScreen))


async def test_a_closed_screen_is_freed_once_the_keyboard_is_still(office, make_app):
    app = make_app(user=office["admin"])
    app.give_back.after = 0.2
    async with app.run_test(size=SIZE) as pilot:
        await _in_the_audit_log(pilot)
        closed = weakref.ref(app.screen)
        gc.disable()                  # only the app's own collection may free the screen
        try:
            before = app.give_back.times
            await _back_on_hom_nay(pilot)
            assert await wait_until(pilot, lambda: app.give_back.times > before)
        finally:
            gc.enable()
        assert closed() is None                     # its widgets' cycles were collected
        assert app.give_back.dropped > 0            # the audit list filled Rich's caches


async def test_keys_put_the_give_back_off(office, make_app):
    """While the user types, the full collection (~0.1 s) waits: it is not under the fingers."""
    app = make_app(user=office["admin"])
    app.give_back.after = 60.0
    async with app.run_test(size=SIZE) as pilot:
        await _in_the_audit_log(pilot)
        await _back_on_hom_nay(pilot)
        assert app.give_back.timer is not None      # due, after a still minute
        await pilot.press("down")
        app.give_back.due()                         # the timer fires: a key came since
        assert app.give_back.times == 0
        assert app.give_back.timer is not None      # put off, not dropped
