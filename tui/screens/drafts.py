"""Soạn thảo văn bản: drafts of outgoing documents (N a new one, Enter opens), and the editor:
the form (type, summary, recipients, signer, authority, secrecy) over a body TextArea, saved as
typed; F6/Ctrl+T shows the layout (the PDF saved and its text), F7/Ctrl+R prints the draft
marked DỰ THẢO, F9/Ctrl+G issues it (the next number of its type, into the outgoing register with the
PDF). Choosing a secret level is refused with the reason, under the field."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from models import documents, drafts
from models.errors import ValidationError
from models.text import format_date

from .. import strings as S
from ..widgets.fields import CycleField, TextField, show_validation_error
from .base import AreaScreen
from .programs import ListScreen, fit, save_and_print


class DraftsScreen(ListScreen):
    TITLE_VI = S.AREA_DRAFTS
    HINT = S.DRAFT_LIST_HINT
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("n,f7", "new", S.KEY_NEW, key_display="N")]

    def load(self):
        lines = []
        for d in drafts.drafts(include_issued=True)[:500]:
            t = Text(f"{format_date(d.updated_at.date())}  {d.type_code:<4} ")
            if d.outgoing_id:
                t.append(f"{d.outgoing.symbol} ", style="green")
            t.append(fit(d.summary or "…", 56))
            lines.append((t, d.id))
        if not lines:
            lines = [(Text(S.DRAFT_EMPTY, style="dim"), None)]
        return S.AREA_DRAFTS, lines

    def open_row(self, key) -> None:
        if key is not None:
            self.app.push_screen(DraftEditor(key))

    def action_new(self) -> None:
        a = self.app.actor
        d = self.app.run_guarded(drafts.new_draft, a, "CV", doc_date=self.app.today())
        if d is not None:
            self.app.push_screen(DraftEditor(d.id))


def open_draft(app, ref: int) -> None:
    drafts.get_draft(ref)
    app.push_screen(DraftEditor(ref))


class DraftEditor(AreaScreen):
    AUTO_FOCUS = ".field-input"
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("ctrl+s", "save", S.KEY_SAVE, key_display="^S", priority=True),
                # priority: the body's TextArea has its own F6 (select line) and F7 (select all)
                Binding("f6,ctrl+t", "preview", S.KEY_PREVIEW, key_display="F6", priority=True),
                Binding("f7,ctrl+r", "print", S.KEY_PRINT_DRAFT, key_display="F7", priority=True),
                Binding("f9,ctrl+g", "issue", S.KEY_ISSUE_DRAFT, key_display="F9", priority=True)]
    TITLE_VI = S.DRAFT_TITLE
    DEFAULT_CSS = """
    DraftEditor #draft-form { height: auto; padding: 0 1; }
    DraftEditor .list-title { height: 1; padding: 0 1; text-style: bold; }
    DraftEditor #draft-body { height: 1fr; min-height: 4; }
    DraftEditor .hint { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, draft_id: int):
        super().__init__()
        self.draft_id = draft_id
        self.draft = drafts.get_draft(draft_id)
        self.ready = False
        self.saved_seq = self.seq = 0
        self._timer = None

    def compose_body(self) -> ComposeResult:
        d = self.draft
        types = [(f"{t.code} — {t.name}", t.code) for t in documents.list_doc_types()]
        with Vertical(id="draft-form"):
            yield CycleField(S.FIELD_DRAFT_TYPE, "type_code", types, value=d.type_code)
            yield TextField(S.FIELD_DRAFT_SUMMARY, "summary", value=d.summary)
            yield TextField(S.FIELD_DRAFT_RECIPIENTS, "recipients", value="; ".join(d.recipient_list()))
            yield TextField(S.FIELD_DRAFT_SIGNER, "signer", value=d.signer)
            yield TextField(S.FIELD_DRAFT_POSITION, "signer_position", value=d.signer_position)
            yield CycleField(S.FIELD_DRAFT_AUTHORITY, "authority", S.DRAFT_AUTHORITIES, value=d.authority)
            yield TextField(S.FIELD_DRAFT_AUTHORITY_OF, "authority_of", value=d.authority_of)
            yield CycleField(S.FIELD_DRAFT_SECRECY, "secrecy", [(s, s) for s in documents.SECRECY],
                             value=d.secrecy)
        yield Static(S.FIELD_DRAFT_BODY, classes="list-title", markup=False)
        yield TextArea(d.body, id="draft-body", soft_wrap=True, show_line_numbers=False)
        yield Static("", id="draft-status", classes="hint", markup=False)
        yield Static(S.DRAFT_EDIT_HINT, classes="hint", markup=False)

    def on_mount(self) -> None:
        self.call_after_refresh(self._ready)

    def _ready(self) -> None:
        self.ready = True

    def values(self) -> dict:
        out = {}
        for f in self.query("#draft-form > *"):
            name = getattr(f, "field", None)
            if not name:
                continue
            v = f.value
            if name == "recipients":
                v = "\n".join(x.strip() for x in str(v).split(";") if x.strip())
            out[name] = v
        out["body"] = self.query_one("#draft-body", TextArea).text
        return out

    SAVE_DELAY = 0.3          # typing is saved this long after the last key (and at once on a key)

    def _changed(self) -> None:
        """Something was typed: save shortly after (one write per pause, not per key)."""
        if not self.ready:
            return
        self.seq += 1
        self.query_one("#draft-status", Static).update(S.DRAFT_TYPING)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.SAVE_DELAY, self._autosave)

    def _autosave(self) -> None:
        """Save what is on the form now (at once); ``saved_seq == seq`` when it went through."""
        if not self.ready:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        seq = self.seq
        status = self.query_one("#draft-status", Static)
        try:
            drafts.autosave(self.app.actor, self.draft_id, **self.values())
        except ValidationError as e:
            show_validation_error(self, e)
            status.update(e.message)
            return
        except Exception as e:           # the database busy: say so, keep the text
            self.app.show_unexpected(e)
            return
        self.saved_seq = seq
        for f in self.query(".-invalid"):
            f.remove_class("-invalid")
        status.update(S.DRAFT_SAVED.format(time=self.app.now().strftime("%H:%M:%S")))

    def on_text_area_changed(self, event) -> None:
        self._changed()

    def on_input_changed(self, event) -> None:
        self._changed()

    def on_cycle_changed(self, event) -> None:
        self._changed()

    def on_field_submitted(self, event) -> None:
        event.stop()
        self.focus_next()

    def action_save(self) -> None:
        def do():
            drafts.update_draft(self.app.actor, self.draft_id, **self.values())
            self.query_one("#draft-status", Static).update(
                S.DRAFT_SAVED.format(time=self.app.now().strftime("%H:%M:%S")))
        self.app.run_guarded(do)

    def _pdf(self) -> bytes | None:
        from models import office
        from printouts.drafts import draft_paper
        self._autosave()
        if self.saved_seq != self.seq:
            return None
        d = drafts.get_draft(self.draft_id)
        t = documents.get_doc_type(d.type_code)
        return draft_paper(d, office.get_office(), type_name=t.name)

    def _path(self):
        return self.app.home.printouts / f"du-thao_{self.draft_id}.pdf"

    def action_preview(self) -> None:
        pdf = self.app.run_guarded(self._pdf)
        if pdf is None:
            return
        import io

        from pypdf import PdfReader

        from ..printing import save_pdf
        path = save_pdf(self._path(), pdf)
        pages = PdfReader(io.BytesIO(pdf)).pages
        text = "\n".join((p.extract_text() or "") for p in pages)[:3000]
        self.app.show_message(S.DRAFT_PREVIEW.format(pages=len(pages), path=path, text=text),
                              S.DRAFT_PREVIEW_TITLE)

    def action_print(self) -> None:
        from models import office
        pdf = self.app.run_guarded(self._pdf)
        if pdf is None:
            return
        save_and_print(self.app, self._path(), pdf, str(office.get_setting("print.command") or ""),
                        lambda p: S.DRAFT_PRINT_SENT.format(path=p),
                        lambda p, problem: S.DRAFT_PRINT_SAVED.format(path=p, problem=problem), S.DRAFT_TITLE)

    def action_issue(self) -> None:
        self._autosave()
        if self.saved_seq != self.seq:
            return
        d = drafts.get_draft(self.draft_id)

        def do() -> None:
            from models import office
            from models.filestore import FileStore
            from printouts.drafts import draft_paper
            name = documents.get_doc_type(d.type_code).name

            def render(dr, symbol, on):
                return draft_paper(dr, office.get_office(), number=symbol, on=on, type_name=name)
            o = drafts.issue(self.app.actor, self.draft_id, FileStore(self.app.home.files), render,
                             doc_date=self.app.today())
            self.app.notify(S.DRAFT_ISSUED.format(symbol=o.symbol), timeout=10)
            self.app.go_back()
        self.app.confirm(S.DRAFT_ISSUE_Q.format(type=d.type_code), do)

    def action_back(self) -> None:
        if self.ready:
            self._autosave()
        super().action_back()
