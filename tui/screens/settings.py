"""Cài đặt: the committee's particulars, every setting of models.office.SETTINGS (drawn by its
kind, so a setting a later module defines appears here by itself), the terms (opening the next
one after the congress), and — for administrators — the accounts. Ctrl+S saves the tab in view;
every change is checked and audited by models."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, TabbedContent, TabPane

from models import office, users

from .. import strings as S
from ..widgets.dialogs import guarded
from ..widgets.fields import (BoolField, DateField, Field, FormScroll, IntField, RequiredText,
                              TextField, clean_fields, focus_next_field)
from .base import AreaScreen
from .terms import TermsPane


def setting_field(key: str) -> Field:
    """The form field for one setting, by its kind (bool, int, str, path)."""
    d = office.SETTINGS[key]
    value = office.get_setting(key)
    default = S.SETTING_DEFAULT.format(value=office.format_setting(key, d.default) or S.SETTING_EMPTY)
    help = f"{d.help} ({default})" if d.help else default
    if d.kind == "bool":
        return BoolField(d.label, key, value=bool(value), help=help, stacked=True)
    if d.kind == "int":
        return IntField(d.label, key, value=value, minimum=d.minimum, maximum=d.maximum, help=help,
                        stacked=True)
    return TextField(d.label, key, value=value, help=help, stacked=True)


class SettingsScreen(AreaScreen):
    TITLE_VI = S.AREA_SETTINGS
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("ctrl+s", "save", S.KEY_SAVE, key_display="^s")]
    AUTO_FOCUS = "#office-form Input"
    HELP_EXTRA = S.HELP_SETTINGS

    def compose_body(self) -> ComposeResult:
        o = office.get_office()
        with TabbedContent(id="settings-tabs"):
            with TabPane(S.SETTINGS_TAB_OFFICE, id="tab-office"):
                with FormScroll(id="office-form"):
                    yield RequiredText(S.FIELD_OFFICE_NAME, "name", value=o.name)
                    yield RequiredText(S.FIELD_SUPERIOR, "superior", value=o.superior)
                    yield RequiredText(S.FIELD_BODY_ABBR, "body_abbr", value=o.body_abbr, max_len=12)
                    yield RequiredText(S.FIELD_PLACE, "place", value=o.place)
                    yield DateField(S.FIELD_TERM_START, "term_start", value=o.term_start,
                                    help=S.FIELD_TERM_START_HELP)
                    yield TextField(S.FIELD_TERM_LABEL, "term_label", value=o.term_label)
                    yield Static(S.SETTINGS_HINT, classes="hint")
            with TabPane(S.SETTINGS_TAB_TERMS, id="tab-terms"):
                yield TermsPane()
            with TabPane(S.SETTINGS_TAB_SETTINGS, id="tab-settings"):
                # filled when first shown: its 36 fields took ~1 s of every opening of Cài đặt
                yield FormScroll(id="settings-form")
            if users.can(self.app.actor, "users.manage"):
                from .users import UsersPane
                with TabPane(S.SETTINGS_TAB_USERS, id="tab-users"):
                    yield UsersPane()
            if users.can(self.app.actor, "doctypes.edit"):
                from .doctypes import DocTypesPane
                with TabPane(S.SETTINGS_TAB_DOCTYPES, id="tab-doctypes"):
                    yield DocTypesPane()

    @property
    def active_tab(self) -> str:
        return self.query_one("#settings-tabs", TabbedContent).active

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "save":
            return self.active_tab in ("tab-office", "tab-settings")
        return True

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()
        form = self.query_one("#settings-form", FormScroll)
        if event.pane is not None and event.pane.id == "tab-settings" and not form.children:
            await form.mount_all([setting_field(key) for key in office.SETTINGS]
                                 + [Static(S.SETTINGS_HINT, classes="hint")])

    def on_terms_pane_opened(self, event: TermsPane.Opened) -> None:
        """A new term is open: the office tab shows its date (saving the old one would move it)."""
        self.app.refresh_office()
        o = office.get_office()
        form = self.query_one("#office-form")
        for f in form.query(Field):
            if f.field in ("term_start", "term_label"):
                f.reset(getattr(o, f.field))
        self.refresh_header()

    def on_field_submitted(self, event: Field.Submitted) -> None:
        event.stop()
        form = self.query_one(f"#{self.active_tab} FormScroll")
        if not focus_next_field(form, event.field):
            self.action_save()

    @guarded
    def action_save(self) -> None:
        if self.active_tab == "tab-office":
            self.save_office()
        elif self.active_tab == "tab-settings":
            self.save_settings()

    def save_office(self) -> None:
        values = clean_fields(self.query_one("#office-form"))
        if values is None:
            return
        office.update_office(self.app.actor, values)
        for f in self.query_one("#office-form").query(Field):
            f.mark_saved()                       # saved: leaving does not ask to discard it
        self.app.refresh_office()
        self.refresh_header()
        self.app.notify(S.SETTINGS_OFFICE_SAVED)

    def save_settings(self) -> None:
        form = self.query_one("#settings-form")
        values = clean_fields(form)
        if values is None:
            return
        changed = {k: v for k, v in values.items() if v != office.get_setting(k)}
        if not changed:
            self.app.notify(S.SETTINGS_UNCHANGED)
            return
        for key, v in changed.items():
            office.set_setting(self.app.actor, key, v)
        for f in form.query(Field):
            f.mark_saved()
        self.app.notify(S.SETTINGS_SAVED.format(n=len(changed)))
        self.app.settings_changed(set(changed))
        if "ui.mouse" in changed:
            self.app.notify(S.SETTINGS_MOUSE_NOTE)
