"""A scan's sender comes from the scanner subfolder it was saved in, without any login: a folder
named like a formula must reach the exports as text, never as a formula."""
from __future__ import annotations

import csv

from intake_helpers import QUIET, pdf_bytes, registered

TRAP = "=cmd|' -C calc'!A0"                     # a folder name cannot hold '/'


def test_a_subfolder_named_like_a_formula_is_exported_as_text(office, home, inbox, tmp_path):
    from openpyxl import load_workbook

    from intake.service import IntakeService
    from models import exports
    (inbox / TRAP).mkdir()
    (inbox / TRAP / "scan001.pdf").write_bytes(pdf_bytes("trap"))
    counts = IntakeService(home, inbox, on_event=lambda *a: None, quiet=QUIET).run_once()
    assert counts["registered"] == 1
    doc, = registered()
    assert doc.sender == TRAP                                    # kept as it came
    year = doc.arrived_at.year
    exports.export(office["viewer"], "incoming", "csv", tmp_path / "den.csv", year=year)
    exports.export(office["viewer"], "incoming", "xlsx", tmp_path / "den.xlsx", year=year)
    with open(tmp_path / "den.csv", encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f))[1][2] == "'" + TRAP
    cell = load_workbook(tmp_path / "den.xlsx").active["C2"]
    assert cell.data_type == "s" and cell.value == "'" + TRAP
