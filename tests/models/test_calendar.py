"""The office's calendar: weekends and the holidays typed in the settings are not working days."""
import datetime as dt

from models import calendar, office as office_mod


def test_the_next_working_day_skips_weekends_and_listed_holidays(office):
    friday = dt.date(2026, 4, 24)
    assert calendar.next_working_day(friday) == dt.date(2026, 4, 27)        # Monday
    office_mod.set_setting(office["admin"], "calendar.holidays", "30/04/2026; 01/05/2026, rác")
    assert calendar.holidays() == {dt.date(2026, 4, 30), dt.date(2026, 5, 1)}   # a bad entry is skipped
    assert not calendar.is_working_day(dt.date(2026, 4, 30))
    assert calendar.next_working_day(dt.date(2026, 4, 29)) == dt.date(2026, 5, 4)
    assert calendar.next_working_day(dt.date(2026, 4, 29), off=set()) == dt.date(2026, 4, 30)
