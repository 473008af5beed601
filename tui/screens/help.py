"""Trợ giúp (F1 / ?): every key of the screen underneath, the areas' keys, and the global keys.

Read from the live bindings, so a screen added later is described without writing its help:
its BINDINGS (with their twins) plus its HELP_EXTRA lines."""
from __future__ import annotations

from collections import OrderedDict

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from .. import areas
from .. import strings as S

# Built-in bindings that are either obvious (listed in NAV_KEYS) or not for this program.
_SKIP_ACTIONS = {"app.focus_next", "app.focus_previous", "screen.copy_text", "help_quit",
                 "app.copy_text", "screen.minimize", "screen.maximize"}


_GLOBAL_ORDER = ["help", "command_palette", "menu", "quit"]


def _from_textual(node, key: str, action: str) -> bool:
    """Was this binding declared by a Textual class (an Input's editing keys, a list's cursor
    keys) rather than by this program? Those are summed up in NAV_KEYS, in Vietnamese."""
    for cls in type(node).__mro__:
        for b in cls.__dict__.get("BINDINGS", ()):
            keys, act = (b.key, b.action) if isinstance(b, Binding) else (b[0], b[1])
            if act == action and key in [k.strip() for k in keys.split(",")]:
                return cls.__module__.startswith("textual.")
    return False


def describe_bindings(screen: Screen) -> tuple[list[tuple[str, str]], list[tuple[str, str]],
                                               list[tuple[str, str]]]:
    """(screen keys, area keys, global keys) as (keys shown, description) rows."""
    app = screen.app
    groups: "OrderedDict[tuple[int, str], tuple[object, str, list[str], str]]" = OrderedDict()
    for key, active in screen.active_bindings.items():
        node, binding = active.node, active.binding
        if binding.system or binding.action in _SKIP_ACTIONS or not binding.description:
            continue
        if _from_textual(node, key, binding.action):
            continue
        gk = (id(node), binding.action)
        if gk not in groups:
            groups[gk] = (node, binding.action, [], binding.tooltip or binding.description)
        shown = areas.key_display(key)
        if shown not in groups[gk][2]:
            groups[gk][2].append(shown)
    mine, area_rows, common = [], [], []
    for node, action, keys, desc in groups.values():
        row = (" / ".join(keys), str(desc))
        if node is not app:
            mine.append(row)
        elif action.startswith("open_area"):
            area_rows.append(row)
        else:
            rank = _GLOBAL_ORDER.index(action) if action in _GLOBAL_ORDER else len(_GLOBAL_ORDER)
            common.append((rank, row))
    common.sort(key=lambda r: r[0])
    mine += list(getattr(screen, "HELP_EXTRA", []))
    return mine, area_rows, [row for _, row in common] + list(S.NAV_KEYS)


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,f1,question_mark", "close", S.KEY_CLOSE, key_display="Esc")]
    AUTO_FOCUS = "#help-body"

    def __init__(self, under: Screen):
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        mine, area_rows, common = describe_bindings(self.under)
        title = getattr(self.under, "TITLE_VI", "") or getattr(self.under, "dialog_title", "")
        with Vertical(id="help-box", classes="dialog-box") as box:
            box.border_title = S.HELP_TITLE
            box.border_subtitle = S.HELP_CLOSE
            with VerticalScroll(id="help-body"):
                frames = getattr(self.app, "_sent_frame", None)
                if frames is not None and frames.fallbacks:     # first: something to report
                    yield Static(S.HELP_FRAME_FALLBACKS.format(n=frames.fallbacks), classes="hint")
                yield Static(S.HELP_SCREEN_KEYS.format(screen=title or ""), classes="help-section")
                if mine:
                    yield from self._rows(mine)
                else:
                    yield Static(S.HELP_NO_SCREEN_KEYS)
                if area_rows:
                    yield Static(S.HELP_AREA_KEYS, classes="help-section")
                    yield from self._rows(area_rows)
                yield Static(S.HELP_GLOBAL_KEYS, classes="help-section")
                yield from self._rows(common)
                yield Static(S.KEY_TWIN_NOTE, classes="hint")

    @staticmethod
    def _rows(rows):
        for keys, desc in rows:
            with Horizontal(classes="help-row"):
                yield Static(keys, classes="help-key", markup=False)
                yield Static(str(desc), classes="help-desc", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
