"""One name per field: a list's screen column, its export's header and its printed table's
header call the same field by the same word (the word of the paper book, kept in
``models/labels.py``).

Each case below pairs a screen's columns with an export's (or a printout's) headers by the field
they show: ``{screen cell: export column}``, the screen cell being the ColSpec's index into the
models source's row. Every screen column is either paired or named as the screen's own (a
status the export writes elsewhere, a column the paper has as its title), so a column added to a
screen without saying which export column it is fails here too.

A money field is the same word with its unit where the cells are bare numbers:
``labels.in_dong("Phải nộp")`` == "Phải nộp (đồng)".
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from models import assets, cashbook, dues, exports, labels, meetings, members, reception, tasks
from tui.screens import assets as assets_screen
from tui.screens import cashbook as cashbook_screen
from tui.screens import directory as directory_screen
from tui.screens import dues as dues_screen
from tui.screens import incoming as incoming_screen
from tui.screens import meetings as meetings_screen
from tui.screens import members as members_screen
from tui.screens import outgoing as outgoing_screen
from tui.screens import reception as reception_screen
from tui.screens import seal as seal_screen
from tui.screens import tasks as tasks_screen

ROOT = Path(__file__).resolve().parents[2]

# (case, the screen's columns, the export's or paper's headers, {screen cell: header position},
#  the screen's own cells)
CASES = [
    ("export incoming", incoming_screen.INCOMING_COLUMNS, exports.COLUMNS["incoming"],
     {0: 0, 1: 1, 2: 2, 3: 3, 4: 6, 5: 11, 6: 12}, {7}),        # status: the export's Ghi chú
    ("export secret_incoming", incoming_screen.INCOMING_COLUMNS, exports.COLUMNS["secret_incoming"],
     {0: 0, 1: 1, 2: 2, 3: 3, 4: 6, 5: 11, 6: 12}, {7}),
    ("export outgoing", outgoing_screen.OUTGOING_COLUMNS, exports.COLUMNS["outgoing"],
     {0: 0, 1: 1, 2: 3, 3: 4, 4: 5, 5: 7}, {6}),
    ("export secret_outgoing", outgoing_screen.OUTGOING_COLUMNS, exports.COLUMNS["secret_outgoing"],
     {0: 0, 1: 1, 2: 3, 3: 4, 4: 5, 5: 7}, {6}),
    ("export seal", seal_screen.USE_COLUMNS, exports.COLUMNS["seal"],
     {0: 1, 1: 2, 2: 4, 3: 5, 4: 6}, set()),
    ("export seal_handovers", seal_screen.HANDOVER_COLUMNS, exports.COLUMNS["seal_handovers"],
     {0: 1, 1: 2, 2: 3, 3: 4, 4: 5}, set()),
    ("export directory", directory_screen.DIRECTORY_COLUMNS, exports.COLUMNS["directory"],
     {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 6}, set()),
    ("export members", members_screen.COLUMNS, members.EXPORT_HEADERS,
     {0: 0, 1: 1, 2: 2, 3: 3, 4: 8}, set()),
    ("export dues", dues_screen.COLUMNS, dues.PAYMENT_HEADERS,
     {0: 1, 1: 2, 4: 7}, {2, 3}),             # the month's dues and paid: the sheet below
    ("paper collection sheet", dues_screen.COLUMNS, labels.COLLECTION_SHEET_COLUMNS,
     {0: 1, 2: 3, 3: 4, 4: 6}, {1}),           # the sheet is one chi bộ's: its title names it
    ("export cashbook", cashbook_screen.COLUMNS, cashbook.EXPORT_HEADERS,
     {0: 0, 1: 1, 2: 3, 3: 4, 4: 5, 5: 6}, set()),
    ("paper cash book", cashbook_screen.COLUMNS, labels.CASHBOOK_PRINT_COLUMNS,
     {0: 0, 2: 3, 3: 4, 4: 5, 5: 6}, {1}),     # the paper splits the voucher: thu / chi
    ("export assets", assets_screen.COLUMNS, assets.EXPORT_HEADERS,
     {0: 0, 1: 1, 2: 3, 3: 4, 4: 7, 5: 8}, set()),
    ("export reception", reception_screen.RECEPTION_COLUMNS, reception.BOOK_COLUMNS,
     {0: 0, 1: 1, 2: 2, 3: 5, 4: 7, 5: 9, 6: 14}, set()),
    ("paper reception report", reception_screen.RECEPTION_COLUMNS, labels.OPEN_CASE_COLUMNS,
     {0: 0, 1: 1, 2: 2, 6: 3}, {3, 4, 5}),     # the report counts these in their own tables
    ("export tasks", tasks_screen.TASK_COLUMNS, tasks.EXPORT_COLUMNS,
     {0: 1, 1: 2, 2: 3, 3: 4, 4: 5, 5: 6}, set()),
    ("export meetings", meetings_screen.MEETING_COLUMNS, meetings.EXPORT_COLUMNS,
     {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 7, 6: 12}, set()),
]


def _same(screen: str, header: str) -> bool:
    return header in (screen, labels.in_dong(screen))


@pytest.mark.parametrize("case, specs, headers, pairs, own", CASES, ids=[c[0] for c in CASES])
def test_the_screen_and_the_export_name_a_field_alike(case, specs, headers, pairs, own):
    unpaired = [s.label for s in specs if s.index not in pairs and s.index not in own]
    assert unpaired == [], (f"{case}: say which header these screen columns are "
                            "(or that they are the screen's own)")
    differ = [(s.label, headers[pairs[s.index]]) for s in specs
              if s.index in pairs and not _same(s.label, headers[pairs[s.index]])]
    assert differ == [], f"{case}: the same field has two names (screen, header)"


def test_the_paper_books_print_the_exports_headers():
    """The register books are printed with the export's columns, word for word."""
    from printouts import registers as paper
    for kind in paper.BOOK_TITLES:
        assert paper.COLUMNS[kind] is exports.COLUMNS[kind]


def _header_lists(path: Path):
    """Module-level ``X_COLUMNS``/``X_HEADERS`` assigned a list or tuple of words."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.List, ast.Tuple)):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            words = [e for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if words and any(n.endswith(("_COLUMNS", "_HEADERS")) for n in names):
                yield node.lineno, names[0]


def test_exports_take_their_headers_from_labels():
    """An export's headers are written once, in models/labels.py; another models module that
    spells out its own list of column words would drift from the screen again."""
    found = [f"{p.relative_to(ROOT)}:{line} {name}"
             for p in sorted((ROOT / "models").rglob("*.py")) if p.name != "labels.py"
             for line, name in _header_lists(p)]
    assert found == []
