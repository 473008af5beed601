"""Every table the audit log can hold has a Vietnamese name in the log viewer: a new model, or a
new ``audit.append`` about something that is no table, without one fails here (the viewer would
show "task (mã 36)" where the clerk reads "Việc đột xuất (mã 36)").

The tables are found on the program itself: each model of ``schema.ALL_MODELS`` (``log_change``
logs any of them under its table's name), and the table argument of every ``audit.append`` /
``append_many`` call in models, intake and tui, read from the source. A table argument that is
not a string is one of the expressions below, with what it can hold; a new one must be added
there, saying where its values come from."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _variable_tables() -> dict[tuple[str, str], set[str]]:
    """(module file, the expression passed as table) → the tables it can be."""
    from models import dues, exports, personal, schema, tasks
    from models.reception import records as reception
    return {
        ("models/exports.py", "kind"): set(exports.COLUMNS),          # a book printed, exported
        ("models/dues/exports.py", "kind"): set(dues.EXPORT_KINDS),
        ("models/personal.py", "source"): set(personal.SOURCES),
        ("models/reception/records.py", "Reception._meta.table_name"): {reception.TABLE},
        ("models/reception/people.py", "TABLE"): {reception.TABLE},
        ("models/reception/reports.py", "TABLE"): {reception.TABLE},
        ("models/tasks.py", "Task._meta.table_name"): {tasks.Task._meta.table_name},
        # any record of the registers (incoming, outgoing, their steps …): a model's table
        ("models/documents/records.py", "obj._meta.table_name"):
            {m._meta.table_name for m in schema.ALL_MODELS},
    }


def _append_calls():
    """(file, table argument) of every audit.append / append_many call outside models/audit.py."""
    for top in ("models", "intake", "tui"):
        for path in sorted((ROOT / top).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel == "models/audit.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr in ("append", "append_many")
                        and isinstance(node.func.value, ast.Name) and node.func.value.id == "audit"):
                    continue
                table = next((k.value for k in node.keywords if k.arg == "table"),
                             node.args[2] if len(node.args) > 2 else None)
                yield rel, table


def _audited_tables() -> dict[str, str]:
    """Every table name the log can hold → where it comes from."""
    from models import schema
    out = {m._meta.table_name: f"model {m.__name__}" for m in schema.ALL_MODELS}
    variables = _variable_tables()
    for rel, table in _append_calls():
        if isinstance(table, ast.Constant) and isinstance(table.value, str):
            out.setdefault(table.value, f"audit.append in {rel}")
            continue
        key = (rel, ast.unparse(table) if table is not None else "")
        assert key in variables, (f"{rel}: audit.append with table {key[1]!r}: say in "
                                  "_variable_tables which tables it can hold")
        for t in variables[key]:
            out.setdefault(t, f"{key[1]} in {rel}")
    return out


def test_every_table_the_audit_log_can_hold_has_a_vietnamese_name():
    from tui.screens.audit import table_label
    tables = _audited_tables()
    # the scan found the calls: tables only an append names, and a model's
    assert {"person", "statistics", "members", "user", "task", "party_member"} <= set(tables)
    unnamed = [f"{t} ({where})" for t, where in sorted(tables.items()) if table_label(t) == t]
    assert not unnamed, "no name in tui/strings.py AUDIT_TABLES for:\n" + "\n".join(unnamed)


def test_an_entry_about_a_task_names_it_in_vietnamese(office):
    from models import audit, tasks
    from tui.screens.audit import describe_entry, record_label
    clerk = office["clerk"]
    t = tasks.add_task(clerk, asked_by="Bí thư", what="Chuẩn bị hội trường cho hội nghị")
    entry = audit.entries_for("task", t.id)[-1]
    shown = record_label(entry.table_name, entry.record_id, entry.action)
    assert shown == "Việc “Chuẩn bị hội trường cho hội nghị”"         # named by tasks' describer
    # a record gone is named by its table's Vietnamese name and its id
    assert record_label("task", t.id + 1000) == f"Việc đột xuất (mã {t.id + 1000})"
    assert "task" not in describe_entry(entry).splitlines()[0]
