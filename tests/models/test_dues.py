"""Members, dues rules, exemptions, payments, receipts, the cash book and assets, on a real
SQLite office."""
from __future__ import annotations

import datetime as _dt

import pytest

from models import assets, audit, cashbook, dues, members, office, receipts, search
from models.errors import PermissionDenied, ValidationError

D = _dt.date


@pytest.fixture
def people(office):
    return office


def _member(actor, name="Trần Văn An", cell="Chi bộ Thôn 1", **kw):
    kw.setdefault("category", "insured")
    kw.setdefault("base_amount", 6_543_210)
    kw.setdefault("admitted_on", D(2000, 5, 19))
    return members.add_member(actor, name, cell, **kw)


# --- members ---------------------------------------------------------------------------------
def test_members_sort_the_vietnamese_way(people):
    t = people["treasurer"]
    for n in ["Lê Thị Bình", "Trần Văn An", "Nguyễn Văn Ánh", "Phạm Thị Ân", "Hoàng Văn Ă",
              "Vũ Đức Đạt", "Đỗ Văn Dũng", "Bùi Thị Yến"]:
        _member(t, n)
    names = [c[0] for _, c in members.MemberSource(t).fetch(None, 50)]
    assert names == ["Trần Văn An", "Nguyễn Văn Ánh", "Hoàng Văn Ă", "Phạm Thị Ân", "Lê Thị Bình",
                     "Đỗ Văn Dũng", "Vũ Đức Đạt", "Bùi Thị Yến"]
    page1 = members.MemberSource(t).fetch(None, 3)
    page2 = members.MemberSource(t).fetch(page1[-1][0], 3)
    assert [c[0] for _, c in page2] == names[3:6]


def test_a_chi_bo_typed_without_marks_is_the_one_already_written(people):
    """"chi bo thon dong tam" made a second chi bộ beside "Chi bộ thôn Đồng Tâm": the dues
    lists and reports, grouped by chi bộ, split in two."""
    t = people["treasurer"]
    _member(t, "Trần Văn An", "Chi bộ thôn Đồng Tâm")
    b = _member(t, "Lê Thị Bình", "chi bo  thon DONG TAM")
    assert b.cell == "Chi bộ thôn Đồng Tâm"
    c = _member(t, "Bùi Thị Yến", "Chi bộ thôn Đồng Tiến")       # a new one: as typed
    assert c.cell == "Chi bộ thôn Đồng Tiến"
    members.update_member(t, c.id, cell="chi bo thon dong tam")
    assert members.cells() == ["Chi bộ thôn Đồng Tâm"]


def test_only_admin_treasurer_and_leaders_see_members_and_each_view_is_logged(people):
    m = _member(people["treasurer"])
    for role in ("clerk", "viewer"):
        with pytest.raises(PermissionDenied):
            members.MemberSource(people[role])
        with pytest.raises(PermissionDenied):
            members.get_member(people[role], m.id)
    members.get_member(people["leader"], m.id)
    views = [e for e in audit.entries_for("party_member", m.id) if e.action == "view"]
    assert [v.username for v in views] == ["bithu"]


def test_members_are_a_restricted_search_kind(people):
    from models import registers
    _member(people["treasurer"], "Nguyễn Thị Đào")
    assert search.query("dao") == []                     # not in an unnamed search
    found = [f.summary for f in registers.search_all(people["treasurer"], "đào")]
    assert found[0].startswith("Nguyễn Thị Đào")
    assert registers.search_all(people["clerk"], "dao") == []


# --- rules -----------------------------------------------------------------------------------
def test_shipped_rates_of_2026(people):
    t = people["treasurer"]
    ins = _member(t, "A Một", base_amount=6_543_210)
    pen = _member(t, "B Hai", category="pensioner", base_amount=8_000_000)
    stu = _member(t, "C Ba", category="student", base_amount=0)
    exp = dues.expected_month(2026, 3)
    assert exp[ins.id].amount == 65_400               # 1% of 6.543.210, rounded to 100 đ
    assert exp[pen.id].amount == 40_000               # 0.5%
    assert exp[stu.id].amount == 5_000
    assert dues.expected_month(2026, 1) == {}         # before 01/02/2026 no rule is shipped


def test_rounding_and_other_formula_are_settings(people):
    t, admin = people["treasurer"], people["admin"]
    ins = _member(t, "A Một", base_amount=6_543_210)
    oth = _member(t, "B Hai", category="other", base_amount=3_000_000)
    assert dues.expected_month(2026, 3)[oth.id].amount == 30_000    # 1% of the declared income
    office.set_setting(admin, "dues.rounding", 1)
    office.set_setting(admin, "dues.other_base", 4_960_000)         # a regional minimum wage
    office.set_setting(admin, "dues.other_rate_bp", 50)
    exp = dues.expected_month(2026, 3)
    assert exp[ins.id].amount == 65_432
    assert exp[oth.id].amount == 24_800


def test_a_month_uses_the_rule_in_force_that_month(people):
    t = people["treasurer"]
    stu = _member(t, "C Ba", category="student", base_amount=0)
    dues.add_rule(people["admin"], "07/2026", "student", amount=8_000, basis="Quy định mới")
    assert dues.expected_month(2026, 6)[stu.id].amount == 5_000
    assert dues.expected_month(2026, 7)[stu.id].amount == 8_000
    p = dues.record_payment(t, stu, ["06/2026", "07/2026"], paid_on=D(2026, 7, 3))
    assert p.amount == 13_000


def test_a_rule_needs_its_basis_and_one_rule_per_month_and_category(people):
    a = people["admin"]
    for basis in ("", "   "):
        with pytest.raises(ValidationError) as e:
            dues.add_rule(a, "04/2026", "student", amount=8_000, basis=basis)
        assert e.value.field == "basis" and "căn cứ" in e.value.message
    assert dues.DuesRule.select().count() == len(dues.SHIPPED_RULES)       # nothing saved
    dues.add_rule(a, "04/2026", "student", amount=8_000, basis="Quy định mới")
    with pytest.raises(ValidationError) as e:                               # no second one in force
        dues.add_rule(a, "04/2026", "student", amount=1_500_000, basis="Quy định mới")
    assert e.value.field == "effective_from" and "hủy mức đó" in e.value.message
    n = dues.check_rule(a, "05/2026", "student", amount=9_000, basis="QĐ 2")
    assert (n.amount, n.replaces.amount, n.members) == (9_000, 8_000, 0)   # what it replaces


def test_a_rule_entered_by_mistake_is_cancelled_with_a_reason_and_no_longer_applies(people):
    t, a = people["treasurer"], people["admin"]
    stu = _member(t, "Ma Thị Uyên", category="student", base_amount=0)
    typo = dues.add_rule(t, "04/2026", "student", amount=1_500_000, basis="Quy định mới")
    assert dues.due_for(stu, "04/2026").amount == 1_500_000
    with pytest.raises(ValidationError) as e:
        dues.cancel_rule(t, typo.id, "  ")
    assert e.value.field == "reason" and "lý do" in e.value.message
    with pytest.raises(PermissionDenied):
        dues.cancel_rule(people["clerk"], typo.id, "Gõ nhầm")
    r = dues.cancel_rule(t, typo.id, "Gõ nhầm 1,5tr thay cho 8.000")
    assert dues.due_for(stu, "04/2026").amount == 5_000                     # the rule before it
    kept = dues.DuesRule.get_by_id(typo.id)                                 # kept, marked
    assert kept.cancelled and kept.cancel_reason == "Gõ nhầm 1,5tr thay cho 8.000"
    assert kept.cancelled_by == r.cancelled_by == "thuquy" and kept.cancelled_at is not None
    assert typo.id in [x.id for x in dues.rules_table()]
    entry = audit.entries_for("dues_rule", typo.id)[-1]
    assert entry.action == "cancel" and entry.username == "thuquy"
    assert '"cancel_reason": ""' in entry.old and "Gõ nhầm" in entry.new
    with pytest.raises(ValidationError) as e:
        dues.cancel_rule(a, typo.id, "Lần nữa")
    assert "đã hủy từ trước" in e.value.message
    assert len(audit.entries_for("dues_rule", typo.id)) == 2                # create, cancel
    dues.add_rule(t, "04/2026", "student", amount=8_000, basis="Quy định mới")   # now allowed
    assert dues.due_for(stu, "04/2026").amount == 8_000


def test_an_old_database_gets_the_columns_to_cancel_a_rule(tmp_path):
    import shutil
    from pathlib import Path
    from models import db as dbm, users
    path = tmp_path / "old.sqlite3"
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "office-v1.sqlite3", path)
    dbm.open_database(f"sqlite:///{path}")
    try:
        admin = users.authenticate("quantri", "matkhau-cu-2024")
        shipped = [r for r in dues.rules_table() if r.category == "student"][0]
        assert not shipped.cancelled
        dues.cancel_rule(admin, shipped.id, "Thử hủy")
        assert dues.Rules().rule("student", D(2026, 3, 1)) is None
    finally:
        dbm.close_database()


def test_fifty_years_of_membership_are_exempt_from_that_month(people):
    t = people["treasurer"]
    m = _member(t, admitted_on=D(1976, 6, 15))
    assert dues.expected_month(2026, 5)[m.id].amount > 0
    d = dues.expected_month(2026, 7)[m.id]
    assert d.amount == 0 and d.exempt and d.reason == "membership_50"


def test_exemption_needs_reason_and_reduction_at_most_twelve_months(people):
    t = people["treasurer"]
    m = _member(t, base_amount=5_000_000)
    with pytest.raises(ValidationError, match="lý do"):
        dues.add_exemption(t, m, percent=100, start_month="03/2026", decided_by="Đảng ủy")
    with pytest.raises(ValidationError, match="tối đa 12 tháng"):
        dues.add_exemption(t, m, percent=50, start_month="03/2026", end_month="03/2027",
                           reason="ốm dài ngày", decided_by="Đảng ủy xã, QĐ 12-QĐ/ĐU")
    with pytest.raises(ValidationError, match="30%, 50% hoặc 70%"):
        dues.add_exemption(t, m, percent=40, start_month="03/2026", end_month="04/2026",
                           reason="x", decided_by="Đảng ủy")
    with pytest.raises(ValidationError, match="ai quyết định"):
        dues.add_exemption(t, m, percent=30, start_month="03/2026", end_month="04/2026", reason="khó khăn")
    e = dues.add_exemption(t, m, percent=30, start_month="03/2026", end_month="02/2027",
                           reason="gia đình khó khăn", decided_by="Đảng ủy xã, QĐ 12-QĐ/ĐU")
    assert e.end_month == D(2027, 2, 1)
    assert dues.expected_month(2026, 2)[m.id].amount == 50_000
    assert dues.expected_month(2026, 3)[m.id].amount == 35_000
    assert dues.expected_month(2027, 3)[m.id].amount == 50_000
    with pytest.raises(ValidationError, match="trùng"):
        dues.add_exemption(t, m, percent=100, start_month="06/2026", reason_code="poor_household",
                           decided_by="Đảng ủy")
    poor = _member(t, "Hà Văn Yên")
    dues.add_exemption(t, poor, percent=100, start_month="03/2026", reason_code="poor_household",
                       decided_by="Đảng ủy xã")
    with pytest.raises(ValidationError, match="được miễn"):
        dues.record_payment(t, poor, "04/2026")


# --- payments and receipts --------------------------------------------------------------------
def test_cash_payment_gets_receipt_and_cash_line_portal_does_not(people):
    t = people["treasurer"]
    m = _member(t, base_amount=5_000_000)
    p = dues.record_payment(t, m, ["02/2026", "03/2026", "04/2026"], extra="20k",
                            paid_on=D(2026, 4, 5))
    assert (p.amount, p.extra) == (150_000, 20_000)
    r = dues.receipt_of(p)
    assert (r.number, r.year, r.amount, r.months) == (1, 2026, 170_000, "02, 03, 04/2026")
    assert cashbook.balance() == 170_000
    q = dues.record_payment(t, m, "05/2026", method="portal", paid_on=D(2026, 5, 5))
    assert q.receipt_id is None and cashbook.balance() == 170_000
    with pytest.raises(ValidationError, match="đã nộp"):
        dues.record_payment(t, m, "03/2026")
    with pytest.raises(PermissionDenied):
        dues.record_payment(people["clerk"], m, "06/2026")


def test_receipts_are_numbered_per_year(people):
    t = people["treasurer"]
    m = _member(t, base_amount=5_000_000)
    # dated in the past: a receipt is never dated after today
    dues.add_rule(people["admin"], "11/2025", "insured", rate_bp=100, basis="Quy định 01-QĐ/TW")
    a = dues.record_payment(t, m, "11/2025", paid_on=D(2025, 12, 30))
    b = dues.record_payment(t, m, "12/2025", paid_on=D(2025, 12, 31))
    c = dues.record_payment(t, m, "01/2026", paid_on=D(2026, 1, 2))
    assert [dues.receipt_of(x).label for x in (a, b, c)] == ["0001/2025", "0002/2025", "0001/2026"]


def test_cancelled_receipt_stays_marked_and_frees_the_months(people):
    t = people["treasurer"]
    m = _member(t, base_amount=5_000_000)
    p = dues.record_payment(t, m, "03/2026", paid_on=D(2026, 3, 5))
    r = dues.receipt_of(p)
    with pytest.raises(ValidationError, match="lý do"):
        receipts.cancel_receipt(t, r, "")
    receipts.cancel_receipt(t, r, "Ghi nhầm người nộp")
    r = receipts.get_receipt(1, 2026)
    assert r.cancelled and r.cancel_reason == "Ghi nhầm người nộp"
    assert cashbook.balance() == 0
    assert dues.paid_months(m.id) == set()
    p2 = dues.record_payment(t, m, "03/2026", paid_on=D(2026, 3, 6))
    assert dues.receipt_of(p2).number == 2                 # the cancelled number is not reused
    opening, lines = cashbook.lines(D(2026, 1, 1), D(2026, 12, 31))
    assert [(ln.entry.cancelled, ln.balance) for ln in lines] == [(True, 0), (False, 50_000)]


def test_reprint_is_counted(people):
    t = people["treasurer"]
    p = dues.record_payment(t, _member(t, base_amount=5_000_000), "03/2026", paid_on=D(2026, 3, 5))
    first = receipts.for_print(t, [p.receipt_id])[0]
    again = receipts.for_print(t, [p.receipt_id])[0]
    assert (first.reprint, again.reprint) == (False, True)
    assert first.amount_words == "Năm mươi nghìn đồng"
    assert receipts.Receipt.get_by_id(p.receipt_id).print_count == 2
    # the treasurer who signs is who took the money, not the admin printing it again
    assert receipts.for_print(people["admin"], [p.receipt_id])[0].treasurer == "Lê Văn Hùng"


# --- unpaid flag --------------------------------------------------------------------------------
def test_three_unpaid_months_in_a_year_flag_a_member_never_remove(people):
    t = people["treasurer"]
    a = _member(t, "Trần Văn An", base_amount=5_000_000)
    b = _member(t, "Lê Thị Bình", base_amount=5_000_000)
    dues.record_payment(t, a, ["02/2026", "03/2026"], paid_on=D(2026, 3, 1))
    dues.record_payment(t, b, ["02/2026", "03/2026", "04/2026"], paid_on=D(2026, 4, 1))
    today = D(2026, 6, 15)                 # Feb–May are over; June is not
    assert dues.unpaid_months(a, 2026, today) == [D(2026, 4, 1), D(2026, 5, 1)]
    assert dues.flagged_members(t, 2026, today) == []
    flagged = dues.flagged_members(t, 2026, D(2026, 7, 1))
    assert [(m.full_name, n) for m, n in flagged] == [("Trần Văn An", 3)]
    from models import dashboard
    panel = [p for p in dashboard.panels(t, D(2026, 7, 1)) if p.area == "dues"][0]
    assert panel.count == 1 and "Trần Văn An" in panel.lines[0]
    assert members.Member.select().count() == 2


# --- cash book ----------------------------------------------------------------------------------
def test_cash_balance_never_below_zero_without_logged_admin_override(people):
    t, admin = people["treasurer"], people["admin"]
    cashbook.record_income(t, 100_000, "Thu khác", "Nguyễn Văn B", on=D(2026, 3, 1))
    with pytest.raises(ValidationError, match="âm"):
        cashbook.record_expense(t, 150_000, "Mua văn phòng phẩm", on=D(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        cashbook.record_expense(t, 150_000, "Mua văn phòng phẩm", on=D(2026, 3, 2), override=True)
    assert cashbook.balance() == 100_000
    e = cashbook.record_expense(admin, 150_000, "Mua văn phòng phẩm", on=D(2026, 3, 2), override=True)
    assert e.override_by == "admin" and cashbook.balance() == -50_000
    A = audit.AuditEntry
    assert [x.action for x in A.select().where(A.action == "override")] == ["override"]
    # a back-dated expense that makes a later day negative is refused too
    cashbook.record_income(t, 200_000, "Thu khác", "C", on=D(2026, 3, 10))
    with pytest.raises(ValidationError):
        cashbook.record_expense(t, 100_000, "Chi", on=D(2026, 3, 5))


def test_cash_book_running_balance_and_month_totals(people):
    t = people["treasurer"]
    cashbook.record_income(t, 300_000, "Thu 1", "A", on=D(2026, 3, 1))
    cashbook.record_expense(t, 120_000, "Chi 1", "B", on=D(2026, 3, 2))
    cashbook.record_income(t, 50_000, "Thu 2", "C", on=D(2026, 4, 1))
    rows = cashbook.CashBookSource(t).fetch(None, 2)
    more = cashbook.CashBookSource(t).fetch(rows[-1][0], 2)
    assert [r[1][5] for r in rows + more] == ["300.000", "180.000", "230.000"]
    assert [r[1][1] for r in rows] == ["PT 0001/2026", "PC 0001/2026"]
    tot = {m.month: m for m in cashbook.month_totals(2026)}
    assert (tot[3].income, tot[3].expense, tot[3].closing, tot[4].opening, tot[4].closing) == \
        (300_000, 120_000, 180_000, 180_000, 230_000)


# --- remittance and report -------------------------------------------------------------------------
def test_remittance_splits_by_setting_and_pays_out_of_the_cash_book(people):
    t = people["treasurer"]
    a = _member(t, "Trần Văn An", base_amount=5_000_000)
    b = _member(t, "Lê Thị Bình", "Chi bộ Thôn 2", base_amount=3_000_000)
    dues.record_payment(t, a, "03/2026", paid_on=D(2026, 3, 5))
    dues.record_payment(t, b, "03/2026", paid_on=D(2026, 3, 6))
    rep = dues.dues_report(t, "03/2026")
    assert [(r.cell, r.members, r.due, r.collected) for r in rep.rows] == \
        [("Chi bộ Thôn 1", 1, 50_000, 50_000), ("Chi bộ Thôn 2", 1, 30_000, 30_000)]
    assert (rep.kept, rep.remitted) == (56_000, 24_000)
    rem = dues.record_remittance(t, "03/2026", remitted_on=D(2026, 4, 8))
    assert (rem.collected, rem.kept, rem.remitted) == (80_000, 56_000, 24_000)
    assert cashbook.balance() == 56_000
    with pytest.raises(ValidationError, match="đã nộp"):
        dues.record_remittance(t, "03/2026")


# --- assets -----------------------------------------------------------------------------------------
def test_assets_and_an_inventory_check(people):
    t = people["treasurer"]
    a = assets.add_asset(t, "TS01", "Máy vi tính để bàn", quantity=3, unit_value="12,5tr",
                         location="Phòng Văn phòng Đảng ủy")
    assets.add_asset(t, "TS02", "Bàn họp", quantity=1, unit_value=4_000_000)
    with pytest.raises(ValidationError, match="đã có"):
        assets.add_asset(t, "TS01", "Trùng mã")
    c = assets.record_inventory(t, D(2026, 12, 1), "Lê Văn Hùng", {a.id: {"found": 2, "damaged": 1}})
    lines = assets.inventory_lines(c)
    assert [(x.code, x.expected, x.found, x.missing, x.damaged) for x in lines] == \
        [("TS01", 3, 2, 1, 1), ("TS02", 1, 1, 0, 0)]
    assert a.unit_value == 12_500_000
    with pytest.raises(PermissionDenied):
        assets.add_asset(people["clerk"], "TS03", "Tủ")


def test_the_inventory_counts_the_assets_in_use_by_code(people):
    t = people["treasurer"]
    chairs = assets.add_asset(t, "TS02", "Ghế họp", quantity=20)
    assets.add_asset(t, "TS01", "Máy in", quantity=1)
    written_off = assets.add_asset(t, "TS03", "Máy fax cũ", quantity=1)
    written_off.active = False
    written_off.save()
    assert [a.code for a in assets.assets_in_use()] == ["TS01", "TS02"]
    c = assets.record_inventory(t, D(2026, 12, 1), "Lê Văn Hùng", {chairs.id: {"found": 18}})
    assert [(x.code, x.found) for x in assets.inventory_lines(c)] == [("TS01", 1), ("TS02", 18)]


def test_an_old_database_gets_the_dues_tables_and_the_rules_in_force(tmp_path):
    import shutil
    from pathlib import Path
    from models import db as dbm, users
    path = tmp_path / "old.sqlite3"
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "office-v1.sqlite3", path)
    dbm.open_database(f"sqlite:///{path}")
    try:
        assert [(r.category, r.effective_from) for r in dues.rules_table()
                if r.category == "student"] == [("student", D(2026, 2, 1))]
        admin = users.authenticate("quantri", "matkhau-cu-2024")
        m = members.add_member(admin, "Trần Văn An", "Chi bộ Khu phố 1", category="student")
        p = dues.record_payment(admin, m, "03/2026", paid_on=D(2026, 3, 3))
        assert dues.receipt_of(p).label == "0001/2026"
    finally:
        dbm.close_database()


def test_the_remittance_due_follows_the_schedule_setting(people):
    t = people["treasurer"]
    m = _member(t, base_amount=5_000_000)
    dues.record_payment(t, m, "03/2026", paid_on=D(2026, 3, 5))
    assert dues.remittance_due(D(2026, 4, 2)) == (D(2026, 3, 1), D(2026, 3, 1), D(2026, 4, 10))
    office.set_setting(people["admin"], "dues.remit_schedule", "quý")
    assert dues.remittance_due(D(2026, 4, 2)) == (D(2026, 1, 1), D(2026, 3, 1), D(2026, 4, 10))
    dues.record_remittance(t, "01/2026", "03/2026", remitted_on=D(2026, 4, 8))
    assert dues.remittance_due(D(2026, 4, 20)) is None
    dues.record_payment(t, m, "05/2026", paid_on=D(2026, 5, 5))
    from models import dashboard
    panel = [p for p in dashboard.panels(t, D(2026, 7, 11)) if p.title.startswith("Đảng phí chưa nộp")][0]
    assert panel.lines == ["Kỳ 04/2026–06/2026: hạn nộp 10/07/2026"] and panel.severity == "error"
