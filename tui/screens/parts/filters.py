"""A register's filters: what the filter dialog offers (``FilterSpec``: a year, a choice, a
yes/no, a contact) and the dialog itself (F5/B on a register list)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from ... import strings as S
from ...widgets.dialogs import FormDialog
from ...widgets.fields import CycleField, IntField, clean_fields
from .forms import yes_no


@dataclass(frozen=True)
class FilterSpec:
    key: str                                   # the models source's keyword
    label: str
    kind: str                                  # year | choice | bool | contact
    options: Callable[[], list[tuple[str, Any]]] | None = None   # choice: (label, value); first = all
    contact_kind: str | None = None


class FilterDialog(FormDialog):
    """The filters of a register; dismisses with (values, labels) of the filters set."""

    AUTO_FOCUS = ".dialog-form .field-input"
    BINDINGS = [Binding("f5", "clear", S.KEY_CLEAR_FILTERS, key_display="F5")]
    SAVE_LABEL = S.DIALOG_FILTER

    def __init__(self, specs: list[FilterSpec], values: dict[str, Any]):
        super().__init__(S.FILTER_TITLE)
        self.specs, self.values = specs, values

    def compose_body(self) -> ComposeResult:
        from ...widgets.contact_field import ContactField
        for s in self.specs:
            v = self.values.get(s.key)
            if s.kind == "year":
                yield IntField(s.label, s.key, value=v or "", minimum=1945, maximum=2100,
                               required=False, placeholder=S.FILTER_YEAR_PH)
            elif s.kind == "choice":
                yield CycleField(s.label, s.key, s.options(), value=v)
            elif s.kind == "bool":
                yield CycleField(s.label, s.key, yes_no(), value=bool(v))
            elif s.kind == "contact":
                text = self.values.get(f"_{s.key}_text", v if isinstance(v, str) else "")
                yield ContactField(s.label, s.key, value=text or "",
                                   contact_id=v if isinstance(v, int) else None,
                                   kind=s.contact_kind, strict=False)
        yield Static(S.FILTER_DIALOG_HINT, classes="hint")

    def save(self):
        from ...widgets.contact_field import ContactField
        form = self.query_one(".dialog-form")
        raw = clean_fields(form)
        if raw is None:
            return None
        values: dict[str, Any] = {}
        labels: list[str] = []
        for s in self.specs:
            v = raw.get(s.key)
            if s.kind == "year" and v:
                values[s.key] = v
                labels.append(S.FILTER_YEAR.format(year=v))
            elif s.kind == "choice":
                opts = s.options()
                if v is not None and opts and v != opts[0][1]:
                    values[s.key] = v
                    labels.append(next(lbl for lbl, x in opts if x == v))
            elif s.kind == "bool" and v:
                values[s.key] = True
                labels.append(s.label)
            elif s.kind == "contact" and v:
                f = [f for f in form.query(ContactField) if f.field == s.key][0]
                values[s.key] = f.contact_id if f.contact_id is not None else v
                values[f"_{s.key}_text"] = v
                labels.append(f"{s.label}: {v}")
        return values, labels

    def action_clear(self) -> None:
        self.dismiss(({}, []))
