"""The treasurer at 80×24, keyboard only: record a member's payment and print its receipt;
a receipt is printed only for a payment that was saved."""
from __future__ import annotations

import datetime as _dt
import sys

import pytest

from models import dues, members, office as office_mod, receipts
from tui.screens.dues import DuesScreen, PaymentDialog
from tui.widgets.dialogs import ConfirmDialog, MessageDialog

from screen_size import SIZE, screen_text
from registers_fixtures import field, message_painted, wait_until
from tests.pdfread import text as pdf_text


@pytest.fixture
def member(office):
    return members.add_member(office["treasurer"], "Trần Văn An", "Chi bộ thôn Đồng Tâm",
                              category="insured", base_amount=5_000_000,
                              admitted_on=_dt.date(2000, 5, 19))


@pytest.fixture
def printer(office, tmp_path):
    log = tmp_path / "printed.txt"
    script = tmp_path / "fake_lp.py"
    script.write_text(f"import sys\nopen({str(log)!r}, 'a').write(sys.argv[-1] + '\\n')\n")
    office_mod.set_setting(office["admin"], "print.command", f"{sys.executable} {script}")
    return log


async def _open_dues(app, pilot, type_text):
    await pilot.press("ctrl+p")
    await type_text(pilot, "thu dang phi")
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: isinstance(app.screen, DuesScreen))
    assert await wait_until(pilot, lambda: app.screen.table.row_count > 0)


async def test_record_a_payment_and_print_its_receipt_by_keyboard(
        office, member, printer, make_app, shown, type_text, home):
    app = make_app(user=office["treasurer"])
    async with app.run_test(size=SIZE) as pilot:
        await _open_dues(app, pilot, type_text)
        text = shown(app)
        assert "Thu đảng phí tháng 03/2026" in text
        assert "Trần Văn An" in text and "50.000" in text and "Chưa nộp" in text
        await pilot.press("n")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentDialog))
        assert field(app.screen, "months").value == "03/2026"
        assert "Phải nộp tháng 03/2026: 50.000 đ" in shown(app)
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert await wait_until(pilot, lambda: "Phiếu thu số 0001/2026" in shown(app))
        assert receipts.Receipt.select().count() == 1          # saved before it is offered
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog), 30)
        assert await wait_until(pilot, lambda: "Đã gửi 1 phiếu thu (0001/2026) tới máy in" in shown(app))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "0001/2026" in shown(app))   # the row shows it
    pdf = home.printouts / "phieu-thu_2026-0001.pdf"
    assert printer.read_text().split() == [str(pdf)]
    s = " ".join(pdf_text(pdf).split())
    assert s.count("PHIẾU THU") == 2 and "50.000 đ" in s and "Năm mươi nghìn đồng" in s
    assert "Trần Văn An" in s and "Bản in lại" not in s


async def test_reprint_from_the_list_says_so(office, member, printer, make_app, shown, type_text, home):
    dues.record_payment(office["treasurer"], member, "03/2026", paid_on=_dt.date(2026, 3, 2))
    receipts.for_print(office["treasurer"], [1])               # printed once already
    app = make_app(user=office["treasurer"])
    async with app.run_test(size=SIZE) as pilot:
        await _open_dues(app, pilot, type_text)
        await pilot.press("i")
        assert await wait_until(pilot, lambda: message_painted(app), 30)
    assert "Bản in lại" in pdf_text(home.printouts / "phieu-thu_2026-0001.pdf")


async def test_nothing_is_saved_or_printed_when_the_payment_is_left_or_refused(
        office, member, printer, make_app, shown, type_text):
    app = make_app(user=office["treasurer"])
    async with app.run_test(size=SIZE) as pilot:
        await _open_dues(app, pilot, type_text)
        await pilot.press("n")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentDialog))
        await pilot.press("escape")                                 # left half-way
        assert await wait_until(pilot, lambda: isinstance(app.screen, DuesScreen))
        assert dues.DuesPayment.select().count() == 0
        await pilot.press("n")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentDialog))
        f = field(app.screen, "months")
        f.input.value = "01/2026"                                   # before the 2026 rules
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: "không phải đóng" in shown(app))
        assert isinstance(app.screen, PaymentDialog)
    assert receipts.Receipt.select().count() == 0
    assert not printer.exists()


async def test_clerk_does_not_see_the_dues_area(office, member, make_app, type_text, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "thu dang phi")
        await pilot.pause()
        assert "Thu đảng phí" not in shown(app)


async def test_a_months_receipts_print_as_one_pdf_in_order_and_remit(
        office, printer, make_app, shown, type_text, home):
    t = office["treasurer"]
    for i, name in enumerate(["Trần Văn An", "Lê Thị Bình", "Phạm Văn Cường"]):
        m = members.add_member(t, name, "Chi bộ thôn Đồng Tâm", base_amount=5_000_000 + i * 1_000_000)
        dues.record_payment(t, m, "03/2026", paid_on=_dt.date(2026, 3, 2 + i))
    app = make_app(user=t)
    async with app.run_test(size=SIZE) as pilot:
        await _open_dues(app, pilot, type_text)
        await pilot.press("a")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog), 30)
        assert await wait_until(pilot, lambda: "3 phiếu thu (0001/2026 … 0003/2026)" in shown(app))
        await pilot.press("enter")
        await pilot.press("r")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert await wait_until(pilot, lambda: "54.000 đ" in shown(app) and "126.000 đ" in shown(app))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog))
    from pypdf import PdfReader
    pdf = home.printouts / "phieu-thu_2026-0001_den_2026-0003.pdf"
    pages = [p.extract_text() for p in PdfReader(str(pdf)).pages]
    assert [("0001/2026" in p, "0003/2026" in p) for p in pages] == [(True, False), (False, False),
                                                                     (False, True)]
    from models import cashbook
    assert cashbook.balance() == 126_000


async def test_opening_a_member_shows_the_years_dues_and_is_logged(office, member, make_app, shown,
                                                                   type_text):
    from models import audit
    from tui.screens.members import MemberDetail, MembersScreen
    app = make_app(user=office["leader"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "dang vien")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MembersScreen))
        assert await wait_until(pilot, lambda: app.screen.table.row_count == 1)
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MemberDetail))
        assert await wait_until(pilot, lambda: "Tháng chưa nộp: 02/2026" in shown(app))
        assert "Chi bộ thôn Đồng Tâm" in shown(app)
    views = [e.username for e in audit.entries_for("party_member", member.id) if e.action == "view"]
    assert views == ["bithu"]


async def test_cash_payment_below_zero_is_refused_then_allowed_by_an_admin(office, make_app, shown):
    from models import cashbook
    from tui.screens.cashbook import CashBookScreen, ExpenseDialog
    cashbook.record_income(office["treasurer"], 100_000, "Thu khác", "Nguyễn Văn B",
                           on=_dt.date(2026, 3, 1))
    for role, allowed in (("treasurer", False), ("admin", True)):
        app = make_app(user=office[role])
        async with app.run_test(size=SIZE) as pilot:
            app.open_area("cashbook")
            assert await wait_until(pilot, lambda app=app: isinstance(app.screen, CashBookScreen))
            await pilot.press("n")
            assert await wait_until(pilot, lambda app=app: isinstance(app.screen, ExpenseDialog))
            await pilot.press(*"150000", "enter", *"Mua văn phòng phẩm", "enter", "enter", "enter")
            if not allowed:
                assert await wait_until(pilot, lambda app=app: "số dư quỹ âm" in shown(app))
                assert isinstance(app.screen, ExpenseDialog)
            else:
                assert await wait_until(pilot, lambda app=app: isinstance(app.screen, ConfirmDialog))
                await pilot.press("enter")
                assert await wait_until(pilot, lambda app=app: isinstance(app.screen, CashBookScreen))
    assert cashbook.balance() == -50_000
    assert cashbook.CashEntry.get(cashbook.CashEntry.direction == "out").override_by == "admin"


async def test_a_reduction_is_recorded_from_the_members_record(office, member, make_app, shown):
    from tui.screens.members import ExemptionDialog, MemberDetail
    app = make_app(user=office["treasurer"])
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MemberDetail(member.id))
        assert await wait_until(pilot, lambda: "Tháng chưa nộp" in shown(app))
        await pilot.press("m")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ExemptionDialog))
        await pilot.press("right", "right", "enter")                  # Giảm 50%
        await pilot.press("enter", *"Ốm dài ngày", "enter", "enter")  # reason; from 03/2026
        await pilot.press(*"03/2027", "enter")                        # 13 months: refused
        await pilot.press(*"Ban Thường vụ Đảng ủy", "enter", "enter")
        assert await wait_until(pilot, lambda: "tối đa 12 tháng" in shown(app))
        f = field(app.screen, "end_month")
        f.input.value = "02/2027"
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MemberDetail))
        assert await wait_until(pilot, lambda: "Giảm 50% từ 03/2026 đến 02/2027" in shown(app))
    assert dues.due_for(member, "03/2026").amount == 25_000


async def test_the_extra_accepts_shorthand_when_it_is_unambiguous(office, member, make_app, shown, type_text):
    app = make_app(user=office["treasurer"])
    async with app.run_test(size=SIZE) as pilot:
        await _open_dues(app, pilot, type_text)
        await pilot.press("n")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentDialog))
        field(app.screen, "extra").input.value = "1.250k"
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: "hai cách hiểu" in shown(app))
        field(app.screen, "extra").input.value = "0,05tr"
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
    assert dues.DuesPayment.get().extra == 50_000


async def test_an_inventory_check_by_keyboard(office, make_app, shown, home):
    from models import assets
    from tui.screens.assets import AssetsScreen, InventoryForm
    t = office["treasurer"]
    chairs = assets.add_asset(t, "TS01", "Ghế hội trường", quantity=80, unit_value=850_000)
    assets.add_asset(t, "TS02", "Máy chiếu", quantity=1, unit_value=15_600_000)
    app = make_app(user=t)
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("assets")
        assert await wait_until(pilot, lambda: isinstance(app.screen, AssetsScreen))
        await pilot.press("k")
        assert await wait_until(pilot, lambda: isinstance(app.screen, InventoryForm))
        field(app.screen, f"found_{chairs.id}").input.value = "78"
        field(app.screen, f"damaged_{chairs.id}").input.value = "3"
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, AssetsScreen))
        await pilot.press("i")
        assert await wait_until(pilot, lambda: "biên bản kiểm kê ngày 05/03/2026" in shown(app), 30)
        # titled by the paper it printed (the treasurer's papers all said "In phiếu thu")
        assert "In biên bản kiểm kê" in shown(app) and "In phiếu thu" not in shown(app)
    c = assets.latest_check()
    assert [(x.code, x.found, x.missing, x.damaged) for x in assets.inventory_lines(c)] == \
        [("TS01", 78, 2, 3), ("TS02", 1, 0, 0)]
    from pypdf import PdfReader
    text = PdfReader(str(home.printouts / "kiem-ke-tai-san_20260305.pdf")).pages[0].extract_text()
    assert "BIÊN BẢN KIỂM KÊ TÀI SẢN" in text and "Ghế hội trường" in text


async def test_adding_and_correcting_a_member(office, make_app, shown):
    from tui.screens.members import MemberDetail, MemberForm, MembersScreen
    app = make_app(user=office["treasurer"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("members")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MembersScreen))
        await pilot.press("n")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MemberForm))
        field(app.screen, "full_name").input.value = "Hoàng Thị Yến"
        field(app.screen, "cell").input.value = "Chi bộ thôn Khuôn Thẳm"
        field(app.screen, "base_amount").input.value = "4,8tr"
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MembersScreen))
        assert await wait_until(pilot, lambda: "Hoàng Thị Yến" in shown(app))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MemberDetail))
        await pilot.press("e")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MemberForm))
        assert field(app.screen, "base_amount").value == "4.800.000"
        field(app.screen, "base_amount").input.value = "5.200.000"
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MemberDetail))
        assert await wait_until(pilot, lambda: "5.200.000 đ" in shown(app))
    assert members.Member.get().base_amount == 5_200_000


async def test_a_new_rule_version_from_a_month_on(office, make_app, shown, type_text):
    from tui.screens.dues import RuleDialog, RulesScreen
    stu = members.add_member(office["treasurer"], "Ma Thị Uyên", "Chi bộ thôn Đồng Tâm",
                             category="student", admitted_on=_dt.date(2025, 5, 1))
    app = make_app(user=office["treasurer"])
    async with app.run_test(size=SIZE) as pilot:
        await _open_dues(app, pilot, type_text)
        await pilot.press("q")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RulesScreen))
        assert await wait_until(pilot, lambda: "5.000 đ mỗi tháng" in shown(app))
        assert "0,5% mức tính" in shown(app)
        await pilot.press("n")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RuleDialog))
        assert field(app.screen, "effective_from").value == "04/2026"
        await pilot.press("enter", "right", "right", "right", "enter")        # Học sinh, sinh viên
        await type_text(pilot, "8.000")
        await pilot.press("enter", *"Quy định mới", "enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))   # says it first
        assert await wait_until(pilot, lambda: "sẽ đóng 8.000 đ mỗi tháng" in _dialog(app))
        q = _dialog(app)
        assert "Từ tháng 04/2026" in q and "Học sinh, sinh viên" in q and "5.000 đ mỗi tháng" in q
        assert dues.DuesRule.select().count() == len(dues.SHIPPED_RULES)   # not saved yet
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RulesScreen))
        assert await wait_until(pilot, lambda: "01/04/2026  Học sinh, sinh viên: 8.000 đ" in shown(app))
    assert dues.due_for(stu, "03/2026").amount == 5_000
    assert dues.due_for(stu, "04/2026").amount == 8_000


def _flat(text: str) -> str:
    """The words, line breaks and frames taken out."""
    return " ".join(w for w in text.replace("│", " ").replace("┃", " ").split())


def _dialog(app) -> str:
    """The words painted inside the dialog on top (its box cut out of the screen)."""
    boxes = list(app.screen.query(".dialog-box"))
    if not boxes:
        return ""
    r = boxes[0].region
    lines = screen_text(app).splitlines()[r.y:r.y + r.height]
    return _flat("\n".join(line[r.x:r.x + r.width] for line in lines))


async def test_a_typo_in_a_rule_is_confirmed_first_and_can_be_cancelled(office, make_app, shown,
                                                                        type_text):
    from tui.screens.dues import RuleDialog, RulesScreen
    from tui.screens.parts.dialogs import ReasonDialog
    members.add_member(office["treasurer"], "Ma Thị Uyên", "Chi bộ thôn Đồng Tâm",
                       category="student", admitted_on=_dt.date(2025, 5, 1))
    rules_before = dues.DuesRule.select().count()
    app = make_app(user=office["treasurer"])
    async with app.run_test(size=SIZE) as pilot:
        await _open_dues(app, pilot, type_text)
        assert await wait_until(pilot, lambda: "5.000" in shown(app) and "Ma Thị Uyên" in shown(app))
        await pilot.press("q")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RulesScreen))
        await pilot.press("f1")                                   # the keys are listed
        assert await wait_until(pilot, lambda: "Hủy mức" in shown(app) and "Thêm mức mới" in shown(app))
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RulesScreen))
        await pilot.press("n")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RuleDialog))
        await pilot.press("ctrl+u", *"03/2026", "enter", "right", "right", "right", "enter")
        await type_text(pilot, "1,5tr")
        await pilot.press("enter", "enter")                       # no basis: refused at the field
        assert await wait_until(pilot, lambda: "Chưa nhập căn cứ" in shown(app))
        assert isinstance(app.screen, RuleDialog)
        assert dues.DuesRule.select().count() == rules_before
        field(app.screen, "basis").focus()
        await type_text(pilot, "Quy định mới")
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert await wait_until(pilot, lambda: "1.500.000 đ mỗi tháng" in _dialog(app))
        q = _dialog(app)
        assert "Từ tháng 03/2026" in q and "(1 người đang đóng)" in q and "Căn cứ: Quy định mới" in q
        await pilot.press("escape")                               # not this: back to the form
        assert await wait_until(pilot, lambda: isinstance(app.screen, RuleDialog))
        assert dues.DuesRule.select().count() == rules_before
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RulesScreen))
        assert await wait_until(pilot, lambda: "Học sinh, sinh viên: 1.500.000 đ" in shown(app))
        await pilot.press("escape")                               # the month under the new rule
        assert await wait_until(pilot, lambda: isinstance(app.screen, DuesScreen))
        assert await wait_until(pilot, lambda: "1.500.000" in shown(app))

        await pilot.press("q")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RulesScreen))
        assert await wait_until(pilot, lambda: "1.500.000 đ" in shown(app))
        await pilot.press("end", "h")                             # the last line: the new rule
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReasonDialog))
        assert await wait_until(pilot, lambda: "1.500.000 đ mỗi tháng" in _dialog(app))
        await pilot.press("enter")                                # no reason: refused, kept open
        assert await wait_until(pilot, lambda: "Chưa nhập lý do" in shown(app))
        await type_text(pilot, "Gõ nhầm 1,5tr")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RulesScreen))
        assert await wait_until(pilot, lambda: "ĐÃ HỦY" in shown(app) and "Gõ nhầm 1,5tr" in shown(app))
        await pilot.press("h")                                    # again: said plainly, nothing changes
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReasonDialog))
        await type_text(pilot, "Lần nữa")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: message_painted(app) and "đã hủy từ trước" in _dialog(app))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RulesScreen))
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DuesScreen))
        assert await wait_until(pilot, lambda: "1.500.000" not in shown(app) and "5.000" in shown(app))
    typo = dues.DuesRule.select().order_by(dues.DuesRule.id.desc()).first()
    assert typo.cancelled and typo.cancel_reason == "Gõ nhầm 1,5tr" and typo.cancelled_by == "thuquy"
