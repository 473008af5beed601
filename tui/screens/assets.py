"""Tài sản: the office's assets by code. N adds one; I prints the latest inventory check
(biên bản kiểm kê)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from models import assets, users
from models.text import format_date

from .. import strings as S
from ..widgets.fields import DateField, IntField, MoneyField, RequiredText, TextField, clean_fields
from .parts.columns import ColSpec
from .parts.forms import FormScreen
from .parts.listing import RegisterListScreen


COLUMNS = [ColSpec(0, S.COL_ASSET_CODE, 7), ColSpec(1, S.COL_ASSET, 0), ColSpec(2, S.COL_QTY, 8, "right"),
           ColSpec(3, S.COL_UNIT_VALUE, 11, "right"), ColSpec(4, S.COL_LOCATION, 16, optional=True),
           ColSpec(5, S.COL_CONDITION, 10, optional=True)]


class AssetsScreen(RegisterListScreen):
    TITLE_VI = S.AREA_ASSETS
    TAKES_TODAY = False
    SOURCE = assets.AssetSource
    COLUMNS = COLUMNS
    HINT = S.ASSETS_HINT
    BINDINGS = [Binding("f7,n", "new", S.KEY_NEW, key_display="F7"),
                Binding("k", "inventory", S.KEY_INVENTORY, key_display="K"),
                Binding("i", "print_inventory", S.KEY_PRINT_INVENTORY, key_display="I")]

    def action_new(self) -> None:
        users.require(self.app.actor, "assets.edit")
        self.app.push_screen(AssetForm())

    def action_inventory(self) -> None:
        users.require(self.app.actor, "assets.edit")
        self.app.push_screen(InventoryForm(self.app.today()))

    def action_print_inventory(self) -> None:
        from models import office
        from .dues import print_paper
        c = assets.latest_check()
        if c is None:
            self.app.show_message(S.NO_INVENTORY)
            return
        lines = assets.inventory_lines(c)
        o = office.get_office()

        def make() -> bytes:
            from printouts.dues import inventory
            return inventory(c, lines, o)
        print_paper(self.app, f"kiem-ke-tai-san_{c.checked_on:%Y%m%d}.pdf", make,
                    S.PAPER_INVENTORY.format(date=format_date(c.checked_on)))


class AssetForm(FormScreen):
    TITLE_VI = S.ASSET_NEW_TITLE

    def compose_form(self) -> ComposeResult:
        yield RequiredText(S.FIELD_ASSET_CODE, "code", max_len=30)
        yield RequiredText(S.FIELD_ASSET_NAME, "name", max_len=200)
        yield IntField(S.FIELD_QTY, "quantity", value=1, minimum=0, maximum=1_000_000)
        yield MoneyField(S.FIELD_UNIT_VALUE, "unit_value", required=False)
        yield DateField(S.FIELD_DATE, "acquired_on", required=False)
        yield TextField(S.FIELD_LOCATION, "location")
        yield TextField(S.FIELD_USER_NAME, "user_name")

    def save(self) -> None:
        v = clean_fields(self.form)
        if v is None:
            return
        a = assets.add_asset(self.app.actor, v.pop("code"), v.pop("name"),
                             **{k: x for k, x in v.items() if x not in (None, "")})
        self.app.notify(S.ASSET_ADDED.format(code=a.code))
        self.app.go_back()


class InventoryForm(FormScreen):
    """Kiểm kê: for every asset, how many were found and how many are damaged (missing is
    what the book says less what was found). Saved whole or not at all."""

    TITLE_VI = S.INVENTORY_TITLE

    def __init__(self, today):
        super().__init__()
        self.today = today
        self.assets = assets.assets_in_use()

    def compose_form(self) -> ComposeResult:
        yield RequiredText(S.FIELD_CHECKED_BY, "checked_by", value=getattr(self.app.actor, "full_name", ""),
                           max_len=200)
        yield DateField(S.FIELD_DATE, "checked_on", value=self.today)
        for a in self.assets:
            yield IntField(S.INVENTORY_FOUND.format(code=a.code, name=a.name[:22], qty=a.quantity),
                           f"found_{a.id}", value=a.quantity, minimum=0, maximum=1_000_000)
            yield IntField(S.INVENTORY_DAMAGED, f"damaged_{a.id}", value=0, minimum=0,
                           maximum=1_000_000)
        yield TextField(S.FIELD_NOTES, "note")

    def save(self) -> None:
        v = clean_fields(self.form)
        if v is None:
            return
        counts = {a.id: {"found": v[f"found_{a.id}"] or 0, "damaged": v[f"damaged_{a.id}"] or 0}
                  for a in self.assets}
        c = assets.record_inventory(self.app.actor, v["checked_on"], v["checked_by"], counts,
                                    v["note"])
        missing = sum(x.missing for x in assets.inventory_lines(c))
        self.app.notify(S.INVENTORY_DONE.format(date=format_date(c.checked_on), missing=missing))
        self.app.go_back()
