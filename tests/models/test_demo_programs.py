"""The demo office's staff side: the term's program, this year's built from it and this month's
from the year's, a year of weekly schedules (past weeks done, an unfinished item carried on with
its link back), the reports owed with those already due answered; no district level."""
from __future__ import annotations

import datetime as dt

from models import programs as P, reports as R
from models.text import fold


def test_demo_has_programs_a_year_of_schedules_and_reports(home, demo_filled):
    today = dt.date(2026, 11, 20)
    demo_filled(today)
    term = P.find_program("term", today)
    year = P.find_program("year", today)
    month = P.find_program("month", today)
    assert term and year and month
    assert any(i.source_id and i.source.program_id == term.id for i in P.items(year))
    assert any(i.source_id and i.source.program_id == year.id for i in P.items(month))
    weeks = P.programs("week")
    assert len(weeks) >= 50
    assert min(w.start for w in weeks) <= today - dt.timedelta(days=360)
    past = [e for w in weeks if w.end < today for e in P.items(w) if e.on_date]
    assert past and all(e.status in ("done", "carried") for e in past)
    carried = [i for w in weeks for i in P.items(w) if i.carried_from_id]
    assert carried and all(P.get_item(i.carried_from_id).status == "carried" for i in carried)
    assert P.day_entries(dt.date(2026, 11, 20))                        # a Friday with its schedule
    rs = R.reports(2026)
    assert len([r for r in rs if r.kind == "month"]) == 12
    assert any(r.outgoing_id for r in rs)                              # answered by a BC of the register
    assert R.reminders(today)                                          # something due soon
    words = " ".join([i.content + " " + i.lead + " " + i.place + " " + i.participants
                      for p in P.programs() for i in P.items(p)] + [r.title + " " + r.recipient for r in rs])
    assert "huyen" not in fold(words).split()
