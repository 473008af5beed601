"""The demo office's meetings: a year of every kind, minutes signed and numbered in the BB
series, two planned for the coming week, in today's two-level structure (no district)."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from models import demo, documents as D, meetings as M
from models.text import fold


def test_demo_has_a_year_of_meetings_of_every_kind(home, demo_filled):
    today = dt.date(2026, 11, 20)
    demo_filled(today)
    ms = list(M.Meeting.select().order_by(M.Meeting.on_date, M.Meeting.id))
    kinds = Counter(m.kind for m in ms if m.status == "signed")
    assert kinds["btv"] >= 11 and kinds["bch"] >= 3 and kinds["tt"] >= 22 and kinds["chibo"] >= 11
    signed = [m for m in ms if m.status == "signed"]
    assert all(today - dt.timedelta(days=366) < m.on_date < today for m in signed)
    numbers = [D.Outgoing.get_by_id(m.minutes_id).number for m in signed]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)    # in order, once each
    assert all(M.missing_contents(m) == [] for m in signed)
    planned = M.upcoming(today)
    assert len(planned) == 2 and {m.kind for m in planned} == {"btv", "tt"}
    from models.office import get_office
    assert "tinh" in fold(get_office().superior)
    for m in ms:
        v = M.meeting_view(demo.users.User.get(), m)
        words = " ".join([m.title, m.place] + [a.title for a in v.members + v.guests]
                         + [s.text for s in v.speeches])
        assert "huyen" not in fold(words).split()          # the district level is gone
