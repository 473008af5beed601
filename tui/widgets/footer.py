"""The footer of keys, rebuilt only when the keys it shows change."""
from __future__ import annotations

from textual.widgets import Footer


class AppFooter(Footer):
    """Textual's Footer rebuilds (recompose: remove, mount, lay out, repaint) on every
    ``bindings_updated`` signal, and a new screen sends several at once (screen resumed, focus
    set, focus set again after the refresh), each rebuilding the same keys and repainting the
    footer — on an old PC or over SSH that is visible time after the screen is up. Here notices
    arriving while a rebuild is pending join it, and a rebuild whose keys are the ones already
    shown is skipped; the keys shown are computed as Footer computes them."""

    _rebuild_pending = False
    _shown: object = None

    def _keys(self) -> object:
        """What compose shows: the active bindings, their state and key display."""
        if not self._bindings_ready:
            return None
        app = self.app
        return (self.compact, self.show_command_palette, app.ENABLE_COMMAND_PALETTE, app.size.width,
                tuple((key, binding, enabled, tooltip, app.get_key_display(binding))
                      for key, (_, binding, enabled, tooltip)
                      in self.screen.active_bindings.items()))

    # dropped first when the keys do not fit the width (F1 lists every key, so it stays)
    DROP_FIRST = ("quit", "menu")
    KEEP = ("help",)
    PALETTE_CELLS = 10            # "▏^p Lệnh" at the right

    def compose(self):
        self._shown = self._keys()
        items = list(super().compose())
        yield from self._fitting(items, self.app.size.width - self.PALETTE_CELLS)

    @staticmethod
    def _cells(item) -> int:
        from rich.cells import cell_len
        return cell_len(item.key_display or item.key) + cell_len(item.description) + 2

    def _fitting(self, items: list, width: int) -> list:
        """The keys that fit on one line at ``width`` cells: the screen's own keys in order and
        F1; Ctrl+Q and F10 go first, then the screen's last keys (all are listed by F1)."""
        from textual.widgets._footer import FooterKey
        keys = [i for i in items if isinstance(i, FooterKey)
                and not i.has_class("-command-palette")]
        if sum(self._cells(k) for k in keys) <= width:
            return items

        def action(k) -> str:
            return k.action.rsplit(".", 1)[-1]
        order = ([k for k in keys if action(k) in self.DROP_FIRST]
                 + [k for k in reversed(keys)
                    if action(k) not in self.DROP_FIRST and action(k) not in self.KEEP])
        dropped = set()
        total = sum(self._cells(k) for k in keys)
        for k in order:
            if total <= width:
                break
            dropped.add(id(k))
            total -= self._cells(k)
        kept = [i for i in items if id(i) not in dropped]
        self.styles.grid_size_columns = max(1, len(keys) - len(dropped))
        return kept

    def on_resize(self) -> None:
        if not self._rebuild_pending and self.is_attached:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    def bindings_changed(self, screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()
