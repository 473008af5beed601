"""The treasurer's area in the TUI: members, dues, the cash book and assets (menu entries and
search openers). Imported by one line at the end of tui.areas."""
from __future__ import annotations

from . import strings as S
from .areas import register_area, register_opener


def _open_member(app, ref: int):
    from .screens.members import MemberDetail
    return app.push_screen(MemberDetail(ref))


register_area("members", S.AREA_MEMBERS, "tui.screens.members:MembersScreen",
              permission="members.view", order=80, help=S.AREA_MEMBERS_HELP)
register_area("dues", S.AREA_DUES, "tui.screens.dues:DuesScreen",
              permission="dues.view", order=81, help=S.AREA_DUES_HELP)
register_area("cashbook", S.AREA_CASHBOOK, "tui.screens.cashbook:CashBookScreen",
              permission="dues.view", order=82, help=S.AREA_CASHBOOK_HELP)
register_area("assets", S.AREA_ASSETS, "tui.screens.assets:AssetsScreen",
              permission="records.view", order=83, help=S.AREA_ASSETS_HELP)
register_opener("member", _open_member)
