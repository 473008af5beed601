"""Write to the terminal only the cells that changed.

Textual repaints large parts of the screen whenever a screen changes — opening a register,
going back, logging in, a dialog — and around each change it paints the same picture two or
three times (the new screen, its resize, the removal of the old one): about 17 KB to open Văn
bản đến and 18 KB to come back to Hôm nay, most of it what the terminal already shows. Over
SSH on a slow line that is what the clerk waits for.

``SentFrame`` keeps a copy of what the terminal shows, cell by cell (character and style), as
curses does. Each update Textual is about to write — a whole frame (``LayoutUpdate``) or pieces
of lines (``ChopsUpdate``) — is compared with it, and only the runs of cells that differ are
written, each after a cursor move, in the same styles Textual would write. Anything that may
have disturbed the terminal (a resize, the program suspended with Ctrl+Z, Ctrl+B "vẽ lại màn
hình") forgets the copy: the next frame is written whole.

Textual-private ground: ``textual._compositor.LayoutUpdate`` / ``ChopsUpdate`` (8.x).
Checked against a terminal emulator (pyte) in tests/tui/test_frames.py.
"""
from __future__ import annotations

from rich.cells import get_character_cell_size
from rich.console import Console
from rich.control import Control
from rich.segment import Segment
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.strip import Strip

# Cells: (text, style) for a character (a zero-width mark joins the character before it),
# WIDE_TAIL for the right half of a double-width character.
WIDE_TAIL = ("", None)
MERGE_GAP = 6          # unchanged cells between two runs cheaper to rewrite than a cursor move


class LinesUpdate(CompositorUpdate):
    """What is left to write of an update: cursor moves and the cells that changed."""

    def __init__(self, text: str, cells: int):
        self.text = text
        self.cells = cells               # how many cells are written (tests, the bench)

    def render_segments(self, console: Console) -> str:
        return self.text


def _cells(segments, x: int, out: dict[int, tuple], lo: int, hi: int) -> None:
    """The cells of ``segments`` starting at column ``x``, those in [lo, hi) into ``out``."""
    last = None
    for text, style, control in segments:
        if control:
            continue
        if text.isascii():                       # one cell a character, nothing joins (fast)
            a, b = max(lo - x, 0), min(hi - x, len(text))
            for i in range(a, b):
                out[x + i] = (text[i], style)
            last = x + b - 1 if b > a and b == len(text) else None
            x += len(text)
            continue
        for ch in text:
            w = get_character_cell_size(ch)
            if w == 0:
                if last is not None and last in out:
                    t, s = out[last]
                    out[last] = (t + ch, s)
                continue
            if lo <= x < hi:
                out[x] = (ch, style)
                last = x
                if w == 2 and x + 1 < hi:
                    out[x + 1] = WIDE_TAIL
            else:
                last = None
            x += w


class SentFrame:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled           # off: every update goes out as Textual made it
        self.width = -1
        self.rows: list[list[tuple] | None] = []
        # updates written whole because this filter could not take them (an update of a kind it
        # does not know, or an error inside it): shown on the help screen (F1) when not zero
        self.fallbacks = 0

    def forget(self) -> None:
        """The terminal may not show what we wrote: write the next frame whole."""
        self.width = -1
        self.rows = []

    def filter(self, update: CompositorUpdate, width: int, console: Console) -> CompositorUpdate:
        """What to write for ``update`` on a terminal ``width`` columns wide."""
        if not self.enabled:
            return update
        if width != self.width:
            self.width = width
            self.rows = []
        if isinstance(update, LayoutUpdate):
            x0, hi = update.region.x, update.region.right
            changes = []
            for y, line in enumerate(update.strips, update.region.y):
                new: dict[int, tuple] = {}
                x = x0
                for strip in line:
                    _cells(strip, x, new, x0, hi)
                    x += strip.cell_length
                changes.append((y, new))
        elif isinstance(update, ChopsUpdate):
            changes = []
            for y, x1, x2 in update.spans:
                new = {}
                # Textual's own shape, one end per chop: checked by the Textual-ground test, not
                # by failing a user's frame here
                for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items(), strict=False):
                    if strip is not None and x < x2 and end > x1:
                        _cells(strip, x, new, max(x1, x), min(x2, end))
                changes.append((y, new))
        else:                                        # anything else: assume nothing is known
            self.fallbacks += 1
            self.forget()
            return update
        return self._write(changes, console)

    def _write(self, changes, console: Console) -> LinesUpdate:
        out: list[str] = []
        written = 0
        move_to = Control.move_to
        for y, new in changes:
            if not new:
                continue
            while len(self.rows) <= y:
                self.rows.append(None)
            row = self.rows[y]
            if row is None:
                row = self.rows[y] = [None] * self.width
            changed = sorted(x for x, cell in new.items()
                             if x < self.width and (r := row[x]) is not cell and r != cell)
            for x in changed:
                row[x] = new[x]
            for a, b in _runs(changed):
                if row[a] == WIDE_TAIL and a > 0:      # never start on half a character
                    a -= 1
                if b < self.width and row[b] == WIDE_TAIL:
                    b += 1
                start, segments, chars, style = a, [], [], None
                for x in range(a, b + 1):
                    cell = row[x] if x < b else None
                    if cell is None:                   # end of the run, or a cell never known
                        if chars:                      # (then written as two runs)
                            segments.append(Segment("".join(chars), style))
                        if segments:
                            out.append(move_to(start, y).segment.text)
                            out.append(Strip(segments).render(console))
                            written += x - start
                        start, segments, chars = x + 1, [], []
                    elif cell[0]:                      # (the right half of a wide one: none)
                        if chars and (cell[1] is style or cell[1] == style):
                            chars.append(cell[0])
                        else:
                            if chars:
                                segments.append(Segment("".join(chars), style))
                            chars, style = [cell[0]], cell[1]
        return LinesUpdate("".join(out), written)


def _runs(xs: list[int]):
    """Sorted columns → [start, end) runs, close runs merged (a cursor move costs ~8 bytes)."""
    if not xs:
        return
    a = b = xs[0]
    for x in xs[1:]:
        if x - b - 1 > MERGE_GAP:
            yield a, b + 1
            a = x
        b = x
    yield a, b + 1
