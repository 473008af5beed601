"""Hôm nay: the first screen after login. On the left the menu of the areas this user may open;
on the right the panels every area registered with models.dashboard.register_panel, in order.
A panel is a title, a count and a few lines; Enter on it opens its area."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from models import dashboard
from models.errors import VanphongError

from .. import areas
from .. import strings as S
from ..widgets.fields import FormScroll
from ..widgets.menu_list import MenuList, MenuOption
from .base import BaseScreen


class PanelBox(Static, can_focus=True):
    """One dashboard panel, drawn generically from a models.dashboard.Panel: the count in a
    column on the left, the title, then its lines indented under the title."""

    BINDINGS = [
        Binding("enter", "open", S.KEY_OPEN, key_display="Enter"),
        Binding("down", "screen.focus_next('PanelBox')", S.KEY_DOWN, show=False),
        Binding("up", "screen.focus_previous('PanelBox')", S.KEY_UP, show=False),
    ]
    COUNT_STYLE = {"info": "bold", "warning": "bold yellow", "error": "bold red"}

    def __init__(self, panel: dashboard.Panel):
        super().__init__(self.make_text(panel))
        self.panel = panel
        self.add_class(f"-{panel.severity}")
        if not panel.count:
            self.add_class("-zero")

    def show(self, panel: dashboard.Panel) -> None:
        """The same panel, brought up to date in place."""
        if panel != self.panel:
            self.remove_class(f"-{self.panel.severity}")
            self.add_class(f"-{panel.severity}")
            self.set_class(not panel.count, "-zero")
            self.panel = panel
            self.update(self.make_text(panel))

    @classmethod
    def make_text(cls, panel: dashboard.Panel) -> Text:
        t = Text(no_wrap=True, overflow="ellipsis")     # one line per item: Enter shows all
        style = cls.COUNT_STYLE.get(panel.severity, "bold") if panel.count else "dim"
        t.append(f"{panel.count:>5}  ", style=style)
        t.append(panel.title, style="bold" if panel.count else "")
        for line in panel.lines:
            t.append("\n       " + line)
        return t

    def action_open(self) -> None:
        if self.panel.area:
            self.app.open_area(self.panel.area)


def menu_options(actor, wide: bool = False) -> list[Option]:
    """The menu: one line per area this actor may open, then the actions."""
    opts: list[Option] = []
    for a in areas.visible_areas(actor):
        keys = areas.key_display(a.hotkey) or a.hint
        if wide and a.twin:
            keys = f"{keys} / {areas.key_display(a.twin)}" if keys else areas.key_display(a.twin)
        width = 13 if wide else 4
        opts.append(MenuOption(f"{keys:<{width}} {a.label}", a.label, id=f"area:{a.key}"))
    for act in areas.visible_actions(actor):
        if act.key in ("help", "quit") and not wide:
            continue
        width = 13 if wide else 4
        opts.append(MenuOption(f"{'':<{width}} {act.label}", act.label, id=f"action:{act.key}"))
    return opts


class DashboardScreen(BaseScreen):
    TITLE_VI = S.AREA_DASHBOARD
    BINDINGS = [Binding("slash", "search", S.KEY_SEARCH, key_display="/", tooltip=S.TIP_SEARCH)]
    AUTO_FOCUS = "#dash-menu"
    HELP_EXTRA = S.HELP_DASHBOARD

    _shown_fresh = False          # composed with its panels and not yet shown

    def compose_body(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="dash-menu-box"):
                yield Static(S.DASH_MENU, id="dash-menu-title")
                # in a box of its own under the title: its "max-height: 100%" is then what is
                # left there (of the whole column, an administrator's last entry was cut off)
                with Vertical(id="dash-menu-room"):
                    yield MenuList(*menu_options(self.app.actor), id="dash-menu", markup=False)
            # the panels are there for the first paint: filled after it, the screen was
            # painted twice in full (~8 KB more over SSH for each login)
            yield FormScroll(*self._panel_widgets(), id="dash-panels")
        self._shown_fresh = True

    async def on_screen_resume(self) -> None:
        # every time the dashboard comes into view again (back from an area); the header is
        # refreshed by BaseScreen's handler (Textual runs both)
        if self._shown_fresh:
            self._shown_fresh = False
            return
        await self.load_panels()

    def _panels(self) -> list[dashboard.Panel] | str:
        """The panels, or what went wrong reading them."""
        try:
            return dashboard.panels(self.app.actor, self.app.today())
        except VanphongError as e:        # said in place: a dialog would come back on every return
            return e.message

    def _panel_widgets(self, panels: list[dashboard.Panel] | str | None = None) -> list:
        if panels is None:
            panels = self._panels()
        if isinstance(panels, str):
            return [Static(panels, classes="dash-error", markup=False)]
        if not panels:
            return [Static(S.DASH_NOTHING, classes="dash-empty")]
        return [PanelBox(p) for p in panels]

    async def load_panels(self) -> None:
        box = self.query_one("#dash-panels", FormScroll)
        boxes = list(box.query(PanelBox))
        focused_index = boxes.index(self.focused) if self.focused in boxes else None
        panels = self._panels()
        if (not isinstance(panels, str) and panels and len(panels) == len(boxes) == len(box.children)
                and all(p.title == b.panel.title for p, b in zip(panels, boxes, strict=True))):
            # the same panels as shown (the usual return from an area): brought up to date in
            # place, not composed again (several times quicker, no widgets for the collector)
            for p, b in zip(panels, boxes, strict=True):
                b.show(p)
            return
        new = self._panel_widgets(panels)
        await box.remove_children()
        await box.mount_all(new)
        if focused_index is not None:
            new_boxes = [w for w in new if isinstance(w, PanelBox)]
            if new_boxes:
                new_boxes[min(focused_index, len(new_boxes) - 1)].focus()
            else:
                self.query_one("#dash-menu").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, key = (event.option.id or "").partition(":")
        if kind == "area":
            self.app.run_guarded(self.app.open_area, key)
        elif kind == "action":
            self.app.run_action_entry(key)

    def action_search(self) -> None:
        self.app.open_area("search")
