"""Cài đặt › Nhiệm kỳ at 80×24, by keyboard: an administrator opens the new term after the
congress (the dialog says what will happen and asks to confirm); outgoing numbers then start
again from 01 in the new term, while a late paper of the old term takes the old term's next
number with a warning. A refusal is shown under its field; nobody else opens a term."""
from __future__ import annotations

import datetime as dt

from models import audit, documents, terms
from models import office as office_mod
from tui.screens.outgoing import OutgoingDetail, OutgoingScreen, ReserveDialog
from tui.screens.settings import SettingsScreen
from tui.screens.terms import OpenTermDialog, TermsPane
from tui.widgets.dialogs import ConfirmDialog
from tui.widgets.fields import Field, unsaved_typing

from registers_fixtures import wait_until
from screen_size import SIZE

NEW_START = dt.date(2026, 2, 1)          # before the app's frozen today (05/03/2026)


def field(screen, name: str) -> Field:
    return [f for f in screen.query(Field) if f.field == name][0]


def said(app) -> list[str]:
    return [n.message for n in app._notifications]


async def open_terms_tab(pilot):
    """F9, then Shift+Tab up to the row of tabs and → to Nhiệm kỳ, Tab into its list."""
    app = pilot.app
    await pilot.press("f9")
    await pilot.pause()
    assert isinstance(app.screen, SettingsScreen)
    tabs = app.screen.query_one("#settings-tabs")
    await pilot.press("shift+tab")
    for _ in range(4):
        if tabs.active == "tab-terms":
            break
        await pilot.press("right")
    await pilot.press("tab")
    await pilot.pause()
    assert tabs.active == "tab-terms"


async def fill_open_term(pilot, start: str) -> None:
    await pilot.press("f7")
    await pilot.pause()
    assert isinstance(pilot.app.screen, OpenTermDialog)
    await pilot.press(*"Đại hội Đảng bộ xã lần thứ II", "enter")
    await pilot.press(*"2026-2031", "enter")        # typed with a hyphen, written with –
    await pilot.press(*start, "enter")                    # Enter on the last field: on to confirm
    await pilot.pause()


async def test_admin_opens_a_new_term_by_keyboard_and_numbering_restarts(office, make_app, shown):
    clerk = office["clerk"]
    for day in (8, 9, 10):                               # 01–03-BC/ĐU of the old term
        documents.reserve_number(clerk, "BC", doc_date=dt.date(2026, 1, day), summary="Báo cáo")
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_terms_tab(pilot)
        text = shown(app)
        assert "2025–2030" in text and "16/08/2025" in text and "Hiện tại" in text
        assert "F7 Mở nhiệm kỳ" in text                   # the key, in the footer
        await fill_open_term(pilot, "01/02/2026")
        assert isinstance(app.screen, ConfirmDialog)     # nothing done yet: what will happen
        text = shown(app)
        assert "Mở nhiệm kỳ 2026–2031 từ ngày 01/02/2026?" in text
        assert "Nhiệm kỳ 2025–2030 kết thúc ngày 31/01/2026" in text
        assert "Số văn bản đi của mọi loại bắt đầu lại từ 01" in text
        assert len(terms.all_terms()) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        text = shown(app)
        assert "31/01/2026" in text and "Đại hội Đảng bộ xã lần thứ I" in text
        assert "2026–2031" in text and "01/02/2026" in text
        assert any("Đã mở nhiệm kỳ 2026–2031 từ 01/02/2026" in m for m in said(app))
        # the office tab now shows the new term (saving it must not move the new term back)
        assert field(app.screen, "term_start").value == "01/02/2026"
        assert field(app.screen, "term_label").value == "2026–2031"
        await pilot.pause()
        assert not unsaved_typing(app.screen)               # nothing typed there: Ctrl+Q just leaves
    old, new = terms.all_terms()
    assert (old.end, new.start, new.end) == (dt.date(2026, 1, 31), NEW_START, None)
    assert new.congress == "Đại hội Đảng bộ xã lần thứ II" and new.opened_by == "admin"
    assert office_mod.get_office().term_start == NEW_START
    assert [e.action for e in audit.entries_for("term", new.id)] == ["create"]
    assert audit.verify().ok

    app = make_app(user=clerk)                           # the clerk numbers across it
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, OutgoingScreen)
        # dated today (05/03/2026), in the new term: 01 of its type again
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, ReserveDialog)
        await pilot.press("b", "c")
        await pilot.pause()
        assert "Số sẽ lấy: 01-BC/ĐU" in shown(app)
        await pilot.press("enter", "enter", "enter")
        await pilot.press(*"Báo cáo kết quả đại hội", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OutgoingDetail)
        assert not [m for m in said(app) if "nhiệm kỳ hiện tại" in m]
        await pilot.press("escape")
        await pilot.pause()
        # a late paper dated in the old term: the old term's next number, with a warning
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("b", "c", "enter", "enter")
        assert await wait_until(pilot, lambda: "Số sẽ lấy: 02-BC/ĐU" in shown(app))  # the new term's next
        await pilot.press("ctrl+u", *"20/01/2026")
        await pilot.pause()
        assert "Số sẽ lấy: 04-BC/ĐU" in shown(app)           # the date moves it to the old term
        await pilot.press("enter", *"Báo cáo tháng 01 (nộp muộn)", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OutgoingDetail)
        assert any("thuộc nhiệm kỳ 2025–2030" in m and "không phải nhiệm kỳ hiện tại" in m
                   for m in said(app))
    out = documents.Outgoing.select().order_by(documents.Outgoing.id)
    assert [(d.symbol, d.term_id, d.doc_date) for d in out][3:] == [
        ("01-BC/ĐU", new.id, dt.date(2026, 3, 5)), ("04-BC/ĐU", old.id, dt.date(2026, 1, 20))]


async def test_a_bad_date_or_a_refused_one_is_said_at_the_field(office, make_app, shown):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await open_terms_tab(pilot)
        await fill_open_term(pilot, "31/02/2026")
        assert isinstance(app.screen, OpenTermDialog)         # no question asked
        start = field(app.screen, "term_start")
        assert start.error == "Không có ngày 31/02/2026."
        assert "Không có ngày 31/02/2026." in shown(app)
        assert app.focused is start.input
        await pilot.press(*"01/08/2025", "enter")             # the wrong text was selected: replaced
        await pilot.pause()
        assert isinstance(app.screen, OpenTermDialog)
        assert start.value == "01/08/2025"
        assert start.error == ("Nhiệm kỳ mới phải bắt đầu sau ngày bắt đầu nhiệm kỳ hiện tại "
                               "(16/08/2025).")
        assert "phải bắt đầu sau ngày bắt đầu" in shown(app)
        future = (dt.date.today() + dt.timedelta(days=40)).strftime("%d/%m/%Y")
        await pilot.press(*future, "enter")
        await pilot.pause()
        assert "sau khi đại hội đã bế mạc" in start.error
        # the current term's own name again: said under the name
        await pilot.press(*"01/02/2026")
        label = field(app.screen, "term_label")
        label.focus()
        await pilot.press("ctrl+u", *"2025-2030", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OpenTermDialog)
        assert label.error.startswith("Đã có nhiệm kỳ 2025–2030 (từ 16/08/2025)")
        assert start.error == ""
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
    assert len(terms.all_terms()) == 1 and terms.current_term().end is None


async def test_saying_no_at_the_question_changes_nothing(office, make_app):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await open_terms_tab(pilot)
        await fill_open_term(pilot, "01/02/2026")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OpenTermDialog)         # the form is kept, to correct or leave
    assert len(terms.all_terms()) == 1


async def test_nobody_but_an_administrator_opens_a_term(office, make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("f9")                               # Cài đặt is not hers
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
        # and were the terms shown to her, the key is not offered and says who may
        app.push_screen(SettingsScreen())
        await pilot.pause()
        pane = app.screen.query_one(TermsPane)
        app.screen.query_one("#settings-tabs").active = "tab-terms"
        pane.query_one("#terms-table").focus()
        await pilot.pause()
        text = shown(app)
        assert "Chỉ quản trị viên mở nhiệm kỳ mới" in text and "Mở nhiệm kỳ" not in text.splitlines()[-1]
        await pilot.press("f7")
        await pilot.pause()
        assert not isinstance(app.screen, OpenTermDialog)
        assert any("Chỉ quản trị viên mở nhiệm kỳ mới" in m for m in said(app))
    assert len(terms.all_terms()) == 1
