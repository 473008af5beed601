"""A scan marked secret shows only to those who see the secret register: the same rule as the
register (documents.visible) on every panel, list and search."""
from __future__ import annotations

import datetime as dt

import pytest

from models import dashboard, documents as D, registers, scans

T = dt.datetime


@pytest.fixture
def scans_waiting(office):
    clerk = office["clerk"]          # the clerk named to the secret book registers both
    plain = D.register_incoming(clerk, source="scan", status="needs_details", arrived_at=T(2026, 3, 5, 9),
                                sender="Huyện ủy")
    secret = D.register_incoming(clerk, source="scan", status="needs_details",
                                 arrived_at=T(2026, 3, 5, 10), sender="Công an tỉnh", secrecy="Mật")
    return plain, secret


def _panel(actor, title):
    return next(p for p in dashboard.panels(actor, dt.date(2026, 3, 5)) if p.title == title)


@pytest.mark.parametrize("role", ["admin", "treasurer", "viewer"])
def test_a_user_without_secret_rights_sees_no_secret_scan(office, scans_waiting, role):
    plain, secret = scans_waiting
    actor = office[role]
    assert not D.visible(actor, secret)
    assert [d.id for d in scans.scans_needing_details(actor)] == [plain.id]
    p = _panel(actor, scans.PANEL_NEEDS_DETAILS)
    assert p.count == 1 and not any("Công an" in line or "10:00" in line for line in p.lines)
    today = _panel(actor, "Văn bản đến hôm nay")
    assert today.count == 1 and not any("Công an" in line for line in today.lines)
    assert [d.id for d in D.IncomingSource(actor).rows()] == [plain.id]
    assert registers.search_all(actor, "cong an") == []


@pytest.mark.parametrize("role", ["clerk", "leader"])
def test_those_who_see_the_secret_register_see_the_secret_scan(office, scans_waiting, role):
    plain, secret = scans_waiting
    actor = office[role]
    assert [d.id for d in scans.scans_needing_details(actor)] == [plain.id, secret.id]
    assert _panel(actor, scans.PANEL_NEEDS_DETAILS).count == 2
    assert [f.ref for f in registers.search_all(actor, "cong an")] == [secret.id]
