"""F1 on every area at 80×24: each key shown as it is typed ("[", "PgUp", "Ctrl+End", never
"LEFT_SQUARE_BRACKET"), one line per key, no line twice, and the lines that name filters or
periods say what this screen does."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

from textual.binding import Binding
from textual.dom import DOMNode

from tui import areas
from tui.screens.help import HelpScreen, describe_bindings

from screen_size import SIZE
from registers_fixtures import wait_until

# key names the help may show in Latin letters (anything else of two letters or more is English
# from the program's binding names: "LEFT_SQUARE_BRACKET", "COMMA", "space")
KEY_WORDS = {f"F{n}" for n in range(1, 13)} | {
    "Ctrl", "Shift", "Alt", "Esc", "Enter", "Tab", "PgUp", "PgDn", "Home", "End", "Del", "Ins",
    "Space", "Backspace"}
# who opens which area: the administrator everything she may; the treasurer the dues areas;
# the clerk the secret book (she handles it, by name)
OPENERS = {"admin": None, "treasurer": {"members", "dues", "cashbook", "assets"}, "clerk": {"secret"}}


def english_key_names(keys: str) -> list[str]:
    """Words of the keys column that are neither a key as typed nor Vietnamese."""
    bad = []
    for token in re.split(r"[\s/+,()]+", keys):
        if "_" in token:
            bad.append(token)
        elif re.fullmatch(r"[A-Za-z]{2,}", token) and token not in KEY_WORDS:
            bad.append(token)
    return bad


def single_keys(keys: str) -> list[str]:
    """The keys of a plain keys cell ("F6 / I", "[ ]"); none for a phrase ("↑ ↓ rồi Enter")."""
    tokens = [t for t in re.split(r"\s*/\s*|\s+", keys.strip()) if t]
    if any(re.search(r"[a-zà-ỹđ]{2,}", t) and t not in KEY_WORDS for t in tokens):
        return []                                   # a Vietnamese phrase, not a list of keys
    return tokens


def help_sections(app) -> list[list[tuple[str, str]]]:
    """The help dialog's rows as painted, section by section."""
    sections: list[list[tuple[str, str]]] = [[]]
    body = app.screen.query_one("#help-body")
    for child in body.children:
        if child.has_class("help-section"):
            sections.append([])
        elif child.has_class("help-row"):
            key, desc = child.query(".help-key").first(), child.query(".help-desc").first()
            sections[-1].append((str(key.render()), str(desc.render())))
    return [s for s in sections if s]


def problems(where: str, sections: list[list[tuple[str, str]]]) -> list[str]:
    out = []
    rows = [row for section in sections for row in section]
    for keys, desc in rows:
        for word in english_key_names(keys):
            out.append(f"{where}: '{keys}' ({desc}) shows the key name {word!r}")
    for row in {r for r in rows if rows.count(r) > 1}:
        out.append(f"{where}: the line {row} is listed {rows.count(row)} times")
    for section in sections:
        seen: dict[str, str] = {}
        for keys, desc in section:
            for k in single_keys(keys):
                if k in seen:
                    out.append(f"{where}: key {k!r} on two lines: {seen[k]!r} and {desc!r}")
                seen[k] = desc
    return out


async def _help_of(app, pilot, key: str) -> list[list[tuple[str, str]]]:
    """Open the area, press F1, read the help, close it."""
    app.open_area(key)
    assert await wait_until(pilot, lambda: len(app.screen_stack) > 2 or key == "dashboard"), key
    await pilot.pause()
    under = app.screen
    await pilot.press("f1")
    assert await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen)), key
    assert app.screen.under is under
    sections = help_sections(app)
    await pilot.press("escape")
    assert await wait_until(pilot, lambda: app.screen is under), key
    return sections


async def test_f1_on_every_area_shows_keys_as_typed_each_once(office, make_app):
    found: list[str] = []
    texts: dict[str, str] = {}
    for role, only in OPENERS.items():
        user = office[role]
        app = make_app(user=user)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for area in areas.visible_areas(user):
                if only is not None and area.key not in only:
                    continue
                sections = await _help_of(app, pilot, area.key)
                assert sections, area.key
                found += problems(f"{area.key} ({role})", sections)
                texts[area.key] = "\n".join(f"{k}  {d}" for s in sections for k, d in s)
    assert not found, "\n".join(found)
    # the lines that were wrong in the user trial
    assert "Kỳ trước" in texts["statistics"] and "Năm trước" not in texts["statistics"]
    assert "Mở hồ sơ" not in texts["search"]
    filters_line = [line for line in texts["reception_days"].splitlines() if line.startswith("F5")]
    assert filters_line and "trạng thái" not in filters_line[0].lower(), filters_line


def _tui_classes() -> list[type]:
    import tui
    for mod in pkgutil.walk_packages(tui.__path__, "tui."):
        if mod.name.endswith(("__main__", ".cli")):
            continue
        importlib.import_module(mod.name)
    out, todo = [], [DOMNode]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith("tui.") and "BINDINGS" in cls.__dict__:
            out.append(cls)
    return out


def test_every_key_the_program_binds_is_shown_as_typed():
    """Screens F1 cannot reach by opening an area (a record, a dialog) bind keys too."""
    bad = []
    for cls in _tui_classes():
        for b in cls.__dict__["BINDINGS"]:
            keys = b.key if isinstance(b, Binding) else b[0]
            for key in keys.split(","):
                shown = areas.key_display(key.strip())
                if english_key_names(shown):
                    bad.append(f"{inspect.getmodule(cls).__name__}.{cls.__name__}: {key} → {shown}")
    assert not bad, "\n".join(bad)


async def test_help_extra_never_repeats_a_binding():
    """A line of HELP_EXTRA with the keys of a binding says more about that binding: it takes
    the binding's line, never a second one."""
    from textual.app import App
    from textual.screen import Screen

    class Shown(Screen):
        BINDINGS = [Binding("q", "overdue", "Quá hạn"),
                    Binding("left_square_bracket,pageup", "step(-1)", "Kỳ trước"),
                    Binding("right_square_bracket,pagedown", "step(1)", "Kỳ sau")]
        HELP_EXTRA = [("Q", "Chỉ việc quá hạn (bấm lại: bỏ)"), ("[ ]", "Kỳ trước, kỳ sau"),
                      ("Enter", "Mở")]

    class One(App):
        def on_mount(self):
            self.push_screen(Shown())

    app = One()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        mine, _, _ = describe_bindings(app.screen)
    assert mine == [("Q", "Chỉ việc quá hạn (bấm lại: bỏ)"), ("[ / PgUp", "Kỳ trước"),
                    ("] / PgDn", "Kỳ sau"), ("Enter", "Mở")]
