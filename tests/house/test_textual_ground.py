"""The Textual-private ground vanphong stands on, checked in one place.

tui/app.py and tui/frames.py override or read a few of Textual's private names (the theme at start,
the screens under the top one, what is written to the terminal, how actions and errors are
dispatched), and the TUI tests render the screen through the compositor. pyproject pins Textual to
the minor version these were checked on. After an upgrade this file fails first, naming what is
missing or changed shape, instead of the program failing somewhere on a clerk's screen.
"""
from __future__ import annotations

import inspect
from importlib.metadata import version

import pytest

CHECKED_ON = "8.2"          # the Textual minor version the overrides were written against


def _params(fn) -> list[str]:
    return list(inspect.signature(fn).parameters)


def test_textual_is_the_checked_minor_version():
    got = ".".join(version("textual").split(".")[:2])
    assert got == CHECKED_ON, (
        f"Textual {version('textual')} is installed; tui/app.py and tui/frames.py were checked on "
        f"{CHECKED_ON}.x. Re-check every name in tests/house/test_textual_ground.py, then update "
        "CHECKED_ON and the pin in pyproject.toml.")


@pytest.mark.parametrize("name, params", [
    ("_display", ["self", "screen", "renderable"]),
    ("_dispatch_action", ["self", "namespace", "action_name", "params"]),
    ("_handle_exception", ["self", "error"]),
    ("_refresh_truecolor_filter", ["self", "theme"]),
])
def test_app_private_methods_we_override_or_call(name, params):
    from textual.app import App
    fn = getattr(App, name, None)
    assert fn is not None, f"textual.app.App.{name} is gone: tui/app.py overrides or calls it"
    assert _params(fn) == params, f"App.{name} changed shape: {_params(fn)}"


def test_dispatch_action_is_still_a_coroutine():
    from textual.app import App
    assert inspect.iscoroutinefunction(App._dispatch_action)


def test_background_screens_is_still_a_property():
    from textual.app import App
    prop = inspect.getattr_static(App, "_background_screens")
    assert isinstance(prop, property) and prop.fget is not None


@pytest.mark.parametrize("attr", ["_screen_stack", "_batch_count", "_running", "_closed", "_driver"])
def test_app_private_state_we_read(attr):
    from textual.app import App
    app = App()
    assert hasattr(app, attr), f"App().{attr} is gone: VanphongApp._display reads it"


def test_compositor_updates_tui_frames_reads():
    from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
    from textual.geometry import Region
    assert issubclass(LayoutUpdate, CompositorUpdate) and issubclass(ChopsUpdate, CompositorUpdate)
    lay = LayoutUpdate([], Region(0, 0, 80, 24))
    assert lay.strips == [] and lay.region == Region(0, 0, 80, 24)
    chops = ChopsUpdate([{}], [(0, 0, 80)], [[80]])
    assert (chops.chops, chops.spans, chops.chop_ends) == ([{}], [(0, 0, 80)], [[80]])


def test_screen_compositor_renders_a_full_update_for_the_tests():
    from textual._compositor import Compositor
    assert _params(Compositor.render_update)[:3] == ["self", "full", "screen_stack"]
