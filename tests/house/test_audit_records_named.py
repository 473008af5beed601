"""Every record the audit log can be about is named in the clerk's words: each table the log can
hold (found on the program by test_audit_tables_named's ``_audited_tables``) has a describer
registered by its area's models module (``audit.register_describer``), so the viewer shows
"Đảng viên Nguyễn Văn An", not "Đảng viên (mã 12)". A new model without one fails here.

What a describer may show: what identifies the record (number, name, date, amount) and that
every role reading the log (``audit.view``) may read in that area, never a protected field (a
secret document's text, a visitor's ID number or address, an exemption's reason). Describers
have no actor, so the roles are checked here instead: a role given the log later must be able
to read what the describers name, or this fails."""
from __future__ import annotations

import datetime as _dt

from test_audit_tables_named import _audited_tables

# tables with no describer, and why (schema_version is no model and never in the log)
NO_RECORD = {
    "audit_entry": "the log's own re-anchor entries: no record id, about the log itself",
    "stored_file": "orphan file clean-up entries: no record id; a file is named by its attachment",
    "person": "a personal-data export: no record id; the person is in the entry's values",
    "user": "a personal-data source without anonymising: never logged with a record id",
}
# a register printed or exported: no record id, the viewer names the book (tui.strings BOOK_NAMES)
BOOKS = {"assets", "cashbook", "directory", "dues", "members", "seal", "seal_handovers",
         "secret_incoming", "secret_outgoing", "statistics"}


def test_every_record_the_audit_log_can_hold_has_a_describer():
    from models import audit, schema  # noqa: F401  (schema: every area's module imported)
    tables = _audited_tables()
    excluded = set(NO_RECORD) | BOOKS
    assert excluded <= set(tables), f"exclusions no longer in the log: {excluded - set(tables)}"
    stale = sorted(t for t in excluded if t in audit.DESCRIBERS)
    assert not stale, f"excluded but now described (drop the exclusion): {stale}"
    missing = [f"{t} ({where})" for t, where in sorted(tables.items())
               if t not in audit.DESCRIBERS and t not in excluded]
    assert not missing, "no audit.register_describer for:\n" + "\n".join(missing)


def test_who_reads_the_log_may_read_what_the_describers_name():
    from models import users
    readers = users.PERMISSIONS["audit.view"][1]
    for perm in ("records.view", "members.view", "dues.view", "meetings.view", "reception.view"):
        assert readers <= users.PERMISSIONS[perm][1], (
            f"a role reads the audit log but not {perm}: the describers name its records")


# --- real changes, as the viewer shows them ---------------------------------------------------
def _shown(table: str, record_id) -> str:
    """The record column of the newest entry about the record, as the log viewer shows it."""
    from models import audit
    from tui.screens.audit import record_label
    e = audit.entries_for(table, record_id)[-1]
    return record_label(e.table_name, e.record_id, e.action)


def test_a_dues_payment_names_the_member_and_its_receipt(office):
    from models import cashbook, dues, members
    t = office["treasurer"]
    m = members.add_member(t, "Nguyễn Văn An", "Chi bộ Thôn 1", category="student",
                           admitted_on=_dt.date(2000, 5, 19))
    p = dues.record_payment(t, m, ["06/2026", "07/2026"], paid_on=_dt.date(2026, 7, 3))
    r = dues.receipt_of(p)
    assert r is not None
    assert _shown("party_member", m.id) == "Đảng viên Nguyễn Văn An"
    assert _shown("receipt", r.id) == f"Phiếu thu {r.label} — Nguyễn Văn An"
    assert _shown("dues_payment", p.id) == (f"Đảng phí tháng 06, 07/2026 — Nguyễn Văn An "
                                            f"(phiếu thu {r.label})")
    e = cashbook.CashEntry.get(cashbook.CashEntry.receipt_id == r.id)
    assert _shown("cash_entry", e.id) == f"PT {r.label} 10.000 đ — Nguyễn Văn An"


def test_a_cash_payment_is_named_by_its_voucher(office):
    from models import cashbook
    t = office["treasurer"]
    cashbook.record_income(t, 500_000, "Thu khác", "Nguyễn Văn B", on=_dt.date(2026, 3, 1))
    e = cashbook.record_expense(t, 150_000, "Mua văn phòng phẩm", "Cửa hàng Minh Anh",
                                on=_dt.date(2026, 3, 2))
    assert _shown("cash_entry", e.id) == "PC 0001/2026 150.000 đ — Cửa hàng Minh Anh"


def test_an_exemption_never_shows_its_reason(office):
    from models import dues, members
    m = members.add_member(office["treasurer"], "Lê Thị Bình", "Chi bộ Thôn 2",
                           admitted_on=_dt.date(1990, 1, 1))
    e = dues.add_exemption(office["admin"], m, percent=100, start_month="03/2026",
                           reason_code="serious_illness", reason="Ung thư giai đoạn cuối",
                           decided_by="Ban Thường vụ")
    shown = _shown("dues_exemption", e.id)
    assert shown == "Miễn đảng phí — Lê Thị Bình từ 03/2026"
    assert "Ung thư" not in shown and "bệnh" not in shown


def test_a_meeting_is_named_by_its_kind_and_date(office):
    from models import meetings
    m = meetings.plan_meeting(office["clerk"], "btv", _dt.date(2026, 3, 15),
                              agenda=["Sơ kết quý I"], title="Sơ kết quý I")
    assert _shown("meeting", m.id) == "Hội nghị Ban Thường vụ Đảng ủy 15/03/2026"
    item = meetings.AgendaItem.get(meetings.AgendaItem.meeting == m.id)
    assert _shown("meeting_agenda_item", item.id) == ("Mục “Sơ kết quý I” — Hội nghị Ban Thường "
                                                      "vụ Đảng ủy 15/03/2026")


def test_a_reception_is_named_by_day_and_visitor_never_their_id_number(office):
    from models import reception
    r = reception.receive(office["clerk"], name="Nguyễn Văn Bình", address="Thôn Đồng Tâm",
                          id_number="001203004567", content="Hỏi về cấp giấy chứng nhận",
                          visited_at=_dt.datetime(2026, 3, 16, 9, 0))
    shown = _shown("reception", r.id)
    assert shown == "Tiếp khách 16/03/2026 — Nguyễn Văn Bình"
    assert "001203004567" not in shown and "Đồng Tâm" not in shown
    reception.anonymise_person(office["admin"], [r], "Người đến yêu cầu xóa")
    assert "Nguyễn Văn Bình" not in _shown("reception", r.id)      # the name is gone from the book


def test_a_task_is_named_by_what_was_asked(office):
    from models import tasks
    t = tasks.add_task(office["clerk"], asked_by="Bí thư", what="Chuẩn bị hội trường\ncho hội nghị")
    assert _shown("task", t.id) == "Việc “Chuẩn bị hội trường cho hội nghị”"


def test_a_record_gone_falls_back_to_the_tables_name(office):
    from tui.screens.audit import record_label
    assert record_label("party_member", 999_999) == "Đảng viên (mã 999999)"


def test_every_entry_of_the_demo_office_names_its_record(demo_filled):
    """The demo fills every area through the models: each entry about a record that still
    exists is named by its describer, in NFC, on one line."""
    import unicodedata

    from models import audit, schema
    from models.audit import AuditEntry
    from tui.screens.audit import record_label
    demo_filled(_dt.date(2026, 3, 5))
    models = {m._meta.table_name: m for m in schema.ALL_MODELS}
    seen: dict[str, int] = {}
    q = AuditEntry.select().where(AuditEntry.record_id.is_null(False))
    for e in q.iterator():
        if e.table_name in NO_RECORD or e.table_name in BOOKS:
            continue
        model = models.get(e.table_name)
        if model is None or not e.record_id.isdigit() or not model.get_or_none(model.id == int(e.record_id)):
            continue                                   # a setting (by key), a record gone
        name = audit.describe(e.table_name, e.record_id)
        assert name, f"{e.table_name} {e.record_id}: not named"
        assert name == unicodedata.normalize("NFC", name) and "\n" not in name
        assert "(mã" not in record_label(e.table_name, e.record_id, e.action)
        seen[e.table_name] = seen.get(e.table_name, 0) + 1
    # the demo reaches the areas this change named
    assert {"party_member", "receipt", "cash_entry", "dues_payment", "meeting", "reception",
            "task"} <= set(seen), sorted(seen)


def test_the_filter_turns_the_clerks_words_into_tables_and_actions():
    from tui.screens.audit import clerk_words
    assert clerk_words("dang vien") == ({"party_member", "members"}, set())   # and its printed list
    assert clerk_words("  Phiếu  THU ") == ({"receipt"}, set())
    assert "view" in clerk_words("xem ho so")[1] and "update" in clerk_words("sua")[1]
    assert clerk_words("party_member") == (set(), set())                    # nobody sees that name
    assert clerk_words("") == (set(), set())
