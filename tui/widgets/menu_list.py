"""The menu's list (Hôm nay's and F10's): ↑ ↓ and Enter as any list, and typing jumps — the
letters of an entry's name, marks and case ignored ("s" then "q" reaches "Sổ quỹ tiền mặt", "dp"
no, "dang p" → "Thu đảng phí"). With ~27 entries for an administrator the list scrolls at 80×24;
a clerk who knows the name gets there in two or three keys."""
from __future__ import annotations

import time

from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from models.text import fold

TYPED_PAUSE = 1.0          # seconds without a letter: the next letter starts a new name


class MenuOption(Option):
    """An entry with its name apart from its keys column ("F3   Văn bản đến" → "Văn bản đến")."""

    def __init__(self, prompt: str, label: str, id: str | None = None):
        super().__init__(prompt, id=id)
        self.label = label


def jump(labels: list[str], typed: str, current: int | None) -> int | None:
    """The entry ``typed`` reaches from the highlighted one (``current``): the first whose folded
    name has a word starting with ``typed`` folded — a name starting so before a later word of
    another's — looking from ``current`` on (a name being typed stays where it matches), or from
    the next entry for one letter, typed once or again and again (the next entry with it), then
    round from the top."""
    t = fold(typed)
    if not t.strip() or not labels:
        return None
    n = len(labels)
    start = 0 if current is None else current
    if t == t[0] * len(t):                  # "s", "ss", "sss": the next entry starting with s
        t, start = t[0], (-1 if current is None else current) + 1
    order = [(start + k) % n for k in range(n)]
    names = [fold(x) for x in labels]
    for pick in (lambda s: s.startswith(t), lambda s: (" " + s).find(" " + t) >= 0):
        for i in order:
            if pick(names[i]):
                return i
    return None


class MenuList(OptionList):
    """An OptionList of MenuOptions that jumps to the entry whose name is being typed."""

    def __init__(self, *options, **kw):
        super().__init__(*options, **kw)
        self._typed = ""
        self._typed_at = 0.0

    def on_key(self, event: events.Key) -> None:
        ch = event.character
        if not ch or not event.is_printable or ch in "/?" or (ch == " " and not self._typed):
            return
        now = time.monotonic()
        if now - self._typed_at > TYPED_PAUSE:
            self._typed = ""
        self._typed_at = now
        typed = self._typed + ch
        labels = [getattr(self.get_option_at_index(i), "label", "") for i in range(self.option_count)]
        i = jump(labels, typed, self.highlighted)
        if i is None and len(typed) > 1:
            typed = ch                       # no entry goes on so: a new name from this letter
            i = jump(labels, typed, self.highlighted)
        self._typed = typed
        event.stop()
        event.prevent_default()
        if i is not None:
            self.highlighted = i
        else:
            self.app.bell()
