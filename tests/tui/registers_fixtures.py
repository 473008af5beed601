"""Shared pieces of the register screen tests: a small directory, documents registered the
day they arrived (no late warning), and waiting for the screen."""
from __future__ import annotations

import datetime as _dt
import os
import time

import pytest

from screen_size import TODAY

ARRIVED = _dt.datetime.combine(TODAY, _dt.time(8, 30))


@pytest.fixture
def directory(office):
    """Bodies and people the office deals with; returns name -> Contact."""
    from models import contacts
    admin = office["admin"]
    out = {}
    for name, kind, group, abbr, position in [
        ("Tỉnh ủy Tuyên Quang", "body", "superior", "TU", ""),
        ("Văn phòng Tỉnh ủy Tuyên Quang", "body", "superior", "VPTU", ""),
        ("Ban Tổ chức Tỉnh ủy Tuyên Quang", "body", "superior", "BTCTU", ""),
        ("Chi bộ thôn Đồng Tâm", "body", "party", "", ""),
        ("Phạm Văn Đức", "person", "member", "", "Bí thư Đảng ủy"),
        ("Nguyễn Thị Thu Hà", "person", "member", "", "Phó Bí thư Thường trực Đảng ủy"),
    ]:
        out[name] = contacts.add_contact(admin, name, kind, group=group, abbr=abbr, position=position)
    return out


def register(actor, summary: str, *, sender: str = "Tỉnh ủy Tuyên Quang", arrived=ARRIVED, **kw):
    """An incoming document registered five minutes after it arrived."""
    from models import documents
    kw.setdefault("doc_type", "Công văn")
    return documents.register_incoming(actor, arrived_at=arrived,
                                       registered_at=arrived + _dt.timedelta(minutes=5),
                                       sender=sender, summary=summary, **kw)


# A safety net, not a speed limit: a loaded machine may take many times the usual time.
PATIENCE = float(os.environ.get("VANPHONG_TEST_PATIENCE", "120"))


async def wait_until(pilot, cond, seconds: float = 10.0) -> bool:
    """Let the app run until ``cond()`` holds (``seconds`` is how long it usually takes; the wait
    goes on up to PATIENCE before the test fails)."""
    end = time.monotonic() + max(seconds, PATIENCE)
    while time.monotonic() < end:
        if cond():
            return True
        await pilot.pause(0.05)
    return cond()


def field(screen, name: str):
    """The form field named ``name`` on ``screen`` (a form screen or a dialog)."""
    from tui.widgets.fields import Field
    return next(f for f in screen.query(Field) if f.field == name)


async def type_as_typed(pilot, app, name: str, text: str) -> None:
    """Type ``text`` into the directory field ``name`` and keep it as typed (not from the
    directory): Enter opens the list, its "as typed" line is taken."""
    field(app.screen, name).focus()
    await pilot.press("ctrl+u", *text, "enter")
    await pilot.pause()
    picker = app.screen
    picker.options.highlighted = picker.keys.index(("free", text))
    await pilot.press("enter")
    await pilot.pause()


def message_painted(app) -> bool:
    """A message dialog is up and its first words are on the screen (painted, not only mounted)."""
    from screen_size import screen_text
    from tui.widgets.dialogs import MessageDialog
    if not isinstance(app.screen, MessageDialog):
        return False
    first = " ".join(app.screen.message.split()[:3])
    return first in " ".join(screen_text(app).split())
