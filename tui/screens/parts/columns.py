"""A register's columns: which cell of the models source each shows and how wide
(``ColSpec``), the ones that fit the terminal (``fit_columns``: width 0 takes what is left,
``optional`` ones only when there is room), and the table sources built on them."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from ...widgets.register_table import Column

SCROLLBAR = 1          # RegisterTable's vertical scrollbar (vanphong.tcss)
MIN_FLEX = 22          # the widest column (the summary) keeps at least this much


@dataclass(frozen=True)
class ColSpec:
    index: int                 # which cell of the models source's row
    label: str
    width: int = 0             # 0: what is left
    justify: str = "left"
    optional: bool = False     # shown only when the flexible column keeps MIN_FLEX + width


def fit_columns(specs: list[ColSpec], width: int) -> list[ColSpec]:
    """The columns shown at ``width`` cells: the required ones, then optional ones in order
    while the flexible column stays wide enough; the flexible column gets the rest."""
    def rest(cols: list[ColSpec]) -> int:
        return width - SCROLLBAR - sum(2 + c.width for c in cols)

    chosen = [s for s in specs if not s.optional]
    for s in specs:
        if s.optional and rest(chosen + [s]) >= MIN_FLEX:
            chosen.append(s)
    chosen.sort(key=specs.index)
    flex = max(8, rest(chosen))
    return [s if s.width else replace(s, width=flex) for s in chosen]


class ViewSource:
    """A models.registers source seen through chosen columns (for RegisterTable)."""

    def __init__(self, source, specs: list[ColSpec], decorate: Callable[[list], list] | None = None):
        self.source = source
        self.specs = specs
        self.decorate = decorate
        self.columns = [Column(s.label, s.width, s.justify) for s in specs]

    def fetch(self, after_key, limit):
        out = []
        for key, cells in self.source.fetch(after_key, limit):
            cells = list(cells)
            if self.decorate is not None:
                cells = self.decorate(cells)
            out.append((key, [cells[s.index] for s in self.specs]))
        return out

    def ref(self, key) -> int:
        return self.source.ref(key)


class ListSource:
    """A short list already in memory (refused scans …) as a table source."""

    def __init__(self, columns: list[Column], rows: list[tuple[Any, list]]):
        self.columns = columns
        self.rows = rows

    def fetch(self, after_key, limit):
        start = 0
        if after_key is not None:
            keys = [k for k, _ in self.rows]
            start = keys.index(after_key) + 1 if after_key in keys else len(keys)
        return self.rows[start:start + limit]
