"""The command palette (Ctrl+P): go to any area, run any action, or search every register.

Typing shows the matching areas and actions, and always a last entry "Tìm kiếm: <what you
typed>" that opens the search screen with models.search.query's hits; hits of kinds that have an
opener (tui.areas.register_opener) are offered directly as well."""
from __future__ import annotations

from functools import partial

from textual.command import (CommandInput, CommandPalette, DiscoveryHit, Hit, Hits, Provider,
                             SearchIcon)

from .. import areas
from .. import strings as S


class VanphongPalette(CommandPalette):
    """The palette with a Vietnamese prompt and a plain '>' (no emoji on old terminals)."""

    def __init__(self):
        super().__init__(placeholder=S.PALETTE_PLACEHOLDER, id="--command-palette")

    def on_mount(self) -> None:
        self.query_one(SearchIcon).icon = ">"
        self.query_one(CommandInput).cursor_blink = False      # no repaint twice a second


class VanphongCommands(Provider):
    def _entries(self):
        app = self.app
        actor = getattr(app, "actor", None)
        for a in areas.visible_areas(actor):
            keys = areas.key_display(a.hotkey)
            yield (S.PALETTE_OPEN.format(label=a.label), a.help + (f" ({keys})" if keys else ""),
                   partial(app.run_guarded, app.open_area, a.key))
        for act in areas.visible_actions(actor):
            yield act.label, act.help, partial(app.run_action_entry, act.key)

    async def discover(self) -> Hits:
        for text, help, run in self._entries():
            yield DiscoveryHit(text, run, text=text, help=help)

    async def search(self, query: str) -> Hits:
        from models.text import fold
        app = self.app
        # accent-blind, like every search in the program: "cai dat" finds "Cài đặt"
        matcher = self.matcher(fold(query))
        for text, help, run in self._entries():
            score = matcher.match(fold(text))
            if score > 0:
                yield Hit(score, text, run, text=text, help=help)
        if getattr(app, "actor", None) is None:
            # never Textual's English "No matches found": say what is possible now
            yield Hit(0.001, S.PALETTE_LOGIN_FIRST, lambda: None, text=S.PALETTE_LOGIN_FIRST)
            return
        q = query.strip()
        if not q:
            return
        entry = S.PALETTE_SEARCH.format(query=q)
        yield Hit(0.01, entry, partial(self._open_search, q), text=entry, help=S.PALETTE_SEARCH_HELP)
        if areas.OPENERS and len(q) >= 2:
            from models import registers, search
            allowed = set(registers.searchable_kinds(app.actor))   # secret kinds: only if allowed
            kinds = [k for k in areas.OPENERS if k in allowed]
            hits = (app.run_guarded(search.query, q, kinds, 5) if kinds else None) or []
            for h in hits:
                text = f"{h.label}: {h.title}"
                yield Hit(0.005, text, partial(app.open_record, h.kind, h.ref), text=text)

    def _open_search(self, query: str) -> None:
        from .search import SearchScreen
        self.app.go_home()
        self.app.push_screen(SearchScreen(query))
