"""The reports the office owes: a year's schedule with due dates from the settings (across a
month's end and a year's end), reminders on Hôm nay before they fall due, and the outgoing
document that answered one."""
from __future__ import annotations

import datetime as dt

import pytest

from models import dashboard, documents, office as office_mod, reports as R
from models.errors import NotFound, ValidationError


def by_title(rs):
    return {r.title: r for r in rs}


def test_a_years_schedule_with_default_due_dates(office):
    rs = by_title(R.generate_year(office["clerk"], 2026))
    assert len(rs) == 16                       # 12 months, quarter I, 6 months, 9 months, the year
    assert rs["Báo cáo tháng 02/2026"].due_on == dt.date(2026, 2, 23)      # 5 days before 28/02
    assert rs["Báo cáo tháng 03/2026"].due_on == dt.date(2026, 3, 26)
    assert rs["Báo cáo sơ kết 6 tháng đầu năm 2026"].due_on == dt.date(2026, 6, 15)
    assert rs["Báo cáo tổng kết năm 2026"].due_on == dt.date(2026, 12, 1)
    assert rs["Báo cáo tháng 01/2026"].recipient == "Ban Thường vụ Tỉnh ủy"
    assert R.generate_year(office["clerk"], 2026) == []                 # made once


def test_due_dates_after_the_period_cross_a_month_and_a_year_end(office):
    a = office["admin"]
    office_mod.set_setting(a, "reports.due_month", 5)      # five days after the month ends
    office_mod.set_setting(a, "reports.due_year", 10)
    rs = by_title(R.generate_year(a, 2027))
    assert rs["Báo cáo tháng 01/2027"].due_on == dt.date(2027, 2, 5)
    assert rs["Báo cáo tháng 12/2027"].due_on == dt.date(2028, 1, 5)
    assert rs["Báo cáo tổng kết năm 2027"].due_on == dt.date(2028, 1, 10)
    with pytest.raises(ValidationError):
        office_mod.set_setting(a, "reports.due_month", 200)


def test_reminders_before_the_due_date_across_a_year_end(office):
    a = office["admin"]
    office_mod.set_setting(a, "reports.due_month", 5)
    office_mod.set_setting(a, "reports.remind_days", 7)
    for r in R.generate_year(a, 2026):
        if r.due_on < dt.date(2026, 12, 29):
            R.set_status(a, r, "sent")
    dec = by_title(R.reports(2027))["Báo cáo tháng 12/2026"]
    assert dec.due_on == dt.date(2027, 1, 5)
    assert dec not in R.reminders(dt.date(2026, 12, 28))                     # 8 days ahead: not yet
    assert dec in R.reminders(dt.date(2026, 12, 29))                         # 7 days ahead
    assert R.state(dec, dt.date(2026, 12, 29)) == "due_soon"
    assert R.state(dec, dt.date(2027, 1, 6)) == "overdue"
    panel = next(p for p in dashboard.panels(a, dt.date(2026, 12, 29)) if p.area == "reports")
    assert any(line.startswith("Hạn 05/01/2027: Báo cáo tháng 12/2026") for line in panel.lines)
    late = next(p for p in dashboard.panels(a, dt.date(2027, 1, 6)) if p.area == "reports")
    assert late.severity == "warning" and any(line.startswith("Quá hạn 05/01/2027") for line in late.lines)


def test_a_report_answered_by_an_outgoing_document_leaves_the_reminders(office):
    clerk = office["clerk"]
    R.generate_year(clerk, 2026)
    r = by_title(R.reports(2026))["Báo cáo tháng 11/2026"]
    bc = documents.reserve_number(clerk, "BC", doc_date=dt.date(2026, 11, 24),
                                  summary="Báo cáo kết quả công tác tháng 11 năm 2026")
    R.link_outgoing(clerk, r, bc.symbol)
    r = R.get_report(r)
    assert (r.status, r.outgoing_id, r.sent_on) == ("sent", bc.id, dt.date(2026, 11, 24))
    assert r not in R.reminders(dt.date(2026, 11, 24))
    with pytest.raises(NotFound):
        R.link_outgoing(clerk, r, "99-BC/ĐU")
    adhoc = R.add_adhoc(clerk, "Báo cáo nhanh tình hình mưa lũ", "03/12/2026", "Văn phòng Tỉnh ủy")
    assert adhoc in R.reminders(dt.date(2026, 12, 1))
