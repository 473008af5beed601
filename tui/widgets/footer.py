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
        return (self.compact, self.show_command_palette, app.ENABLE_COMMAND_PALETTE,
                tuple((key, binding, enabled, tooltip, app.get_key_display(binding))
                      for key, (_, binding, enabled, tooltip)
                      in self.screen.active_bindings.items()))

    def compose(self):
        self._shown = self._keys()
        yield from super().compose()

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
