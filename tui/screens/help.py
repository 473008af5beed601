"""Trợ giúp (F1 / ?): every key of the screen underneath, the areas' keys, and the global keys.

Read from the live bindings, so a screen added later is described without writing its help:
its BINDINGS (with their twins) plus its HELP_EXTRA lines, one line per key (an extra line for
keys a binding has says more about that binding; it never lists them a second time). Keys are
shown as typed (areas.key_display): "[", "PgUp", "Ctrl+End"."""
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


def _plain_keys(keys: str) -> list[str] | None:
    """The keys of a keys cell ("F6 / I" → ["F6", "I"], "[ ]" → ["[", "]"]); None for a phrase
    ("↑ ↓ rồi Enter", "Enter (ô tìm)"), which explains a way of working rather than keys."""
    tokens = [t for t in keys.replace("/", " ").split() if t]
    if not tokens or any(t.isalpha() and len(t) > 1 and not t.isascii() for t in tokens) \
            or any(t.startswith("(") or t.endswith(")") for t in tokens):
        return None
    return tokens


def _merge_extra(rows: list[tuple[str, str]], extra) -> list[tuple[str, str]]:
    """A screen's HELP_EXTRA added to its binding rows, one line per key: an extra line with the
    keys of a binding says more about it (its words take the binding's line, and a key it adds
    joins that line); one whose keys are all listed already adds nothing."""
    rows = list(rows)
    for keys, desc in extra:
        tokens = _plain_keys(keys)
        if tokens is None:
            rows.append((keys, str(desc)))
            continue
        row_keys = [k.split(" / ") for k, _ in rows]
        touched = [i for i, ks in enumerate(row_keys) if set(ks) & set(tokens)]
        listed = {k for ks in row_keys for k in ks}
        new = [t for t in tokens if t not in listed]
        if len(touched) == 1:
            i = touched[0]
            rows[i] = (" / ".join(row_keys[i] + new), str(desc))
        elif new or not touched:
            rows.append((" / ".join(new) if touched else keys, str(desc)))
    return rows


def _unique(rows):
    out: list[tuple[str, str]] = []
    for row in rows:
        if row not in out:
            out.append(row)
    return out


def _description(node, binding: Binding) -> str:
    """What the help says a binding does: its tooltip (the long words) or its description; the
    filters key names this list's own filters."""
    specs = getattr(node, "FILTERS", None) if binding.action == "filters" else None
    if specs:
        names = [spec.label[:1].lower() + spec.label[1:] for spec in specs]
        return S.HELP_FILTERS_BY.format(names=", ".join(names))
    return str(binding.tooltip or binding.description)


def describe_bindings(screen: Screen) -> tuple[list[tuple[str, str]], list[tuple[str, str]],
                                               list[tuple[str, str]]]:
    """(screen keys, area keys, global keys) as (keys shown, description) rows: one line per
    action, with all its keys (the screen's and a focused widget's alike), then HELP_EXTRA."""
    app = screen.app
    groups: "OrderedDict[tuple, tuple[object, str, list[str], str]]" = OrderedDict()
    for key, active in screen.active_bindings.items():
        node, binding = active.node, active.binding
        if binding.system or binding.action in _SKIP_ACTIONS or not binding.description:
            continue
        if _from_textual(node, key, binding.action):
            continue
        desc = _description(node, binding)
        gk = (id(app), binding.action) if node is app else ("screen", binding.action, desc)
        if gk not in groups:
            groups[gk] = (node, binding.action, [], desc)
        shown = areas.key_display(key)
        if shown not in groups[gk][2]:
            groups[gk][2].append(shown)
    mine, area_rows, common = [], [], []
    for node, action, keys, desc in groups.values():
        row = (" / ".join(keys), desc)
        if node is not app:
            mine.append(row)
        elif action.startswith("open_area"):
            area_rows.append(row)
        else:
            rank = _GLOBAL_ORDER.index(action) if action in _GLOBAL_ORDER else len(_GLOBAL_ORDER)
            common.append((rank, row))
    common.sort(key=lambda r: r[0])
    mine = _merge_extra(mine, getattr(screen, "HELP_EXTRA", []))
    return (_unique(mine), _unique(area_rows),
            _unique([row for _, row in common] + list(S.NAV_KEYS)))


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
