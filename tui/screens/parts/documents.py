"""What the document registers (incoming, outgoing, secret) share on top of the generic parts:
a list whose rows are documents (``DocumentRegisterScreen``), a registered document's detail with
what both kinds have (``DocumentDetail``: its files, filing into a dossier, cancelling with a
reason) and the attachment helpers behind its keys."""
from __future__ import annotations

from textual.binding import Binding

from models import documents

from ... import strings as S
from .detail import DetailScreen
from .dialogs import PathDialog, ReasonDialog
from .fileview import FileInfoDialog, open_in_viewer
from .listing import RegisterListScreen


class DocumentRegisterScreen(RegisterListScreen):
    """A register whose rows are documents: a row's key ends with the document's id, and Enter
    opens that document's detail (``open_document``)."""

    def open_record(self, key) -> None:
        self.open_document(int(key[-1]))

    def open_document(self, doc_id: int) -> None:
        raise NotImplementedError


def attachment_line(i: int, a) -> str:
    if a.removed:
        return S.ATTACHMENT_REMOVED.format(i=i, name=a.original_name, reason=a.removed_reason)
    pages = a.file.pages if a.file is not None else None
    size = max(1, round((a.size or 0) / 1024))
    return S.ATTACHMENT_LINE.format(i=i, name=a.original_name,
                                    pages=pages if pages is not None else "?", kb=size)


def open_attachment(app, doc) -> None:
    """M: the file in the system viewer when there is a display, else its path, pages, text."""
    from models.filestore import FileStore
    atts = documents.attachments(doc)
    if not atts:
        app.notify(S.NO_ATTACHMENTS)
        return
    store = FileStore(app.home.files)

    def show(att_id) -> None:
        if att_id is None:
            return
        att = next(a for a in atts if a.id == att_id)
        path, pages, text = documents.attachment_info(store, att)
        if open_in_viewer(path):
            app.notify(S.FILE_OPENED.format(name=att.original_name))
        else:
            app.push_screen(FileInfoDialog(att.original_name, path, pages, att.size, text))

    if len(atts) == 1:
        app.run_guarded(show, atts[0].id)
        return
    from ...widgets.picker import PickerDialog

    def lookup(t: str):
        from models.text import fold
        return [(a.id, attachment_line(i, a)) for i, a in enumerate(atts, 1)
                if fold(t) in fold(a.original_name)]
    app.push_screen(PickerDialog(S.PICK_ATTACHMENT, lookup), lambda r: app.run_guarded(show, r))


def attach_to(app, doc, done) -> None:
    """A: attach a file (refused at once, with the reason, for a secret document)."""
    from models.filestore import FileStore
    documents.check_attachable(doc)

    def chosen(path) -> None:
        if path is None:
            return
        a = app.run_guarded(documents.attach_file, app.actor, FileStore(app.home.files), doc, path)
        if a is not None:
            app.notify(S.ATTACHED.format(name=a.original_name))
            done(a)
    app.push_screen(PathDialog(S.ATTACH_TITLE, S.ATTACH_HINT), chosen)


def file_into_dossier(app, doc, done) -> None:
    """L: put the document into a dossier (hồ sơ) chosen from a list."""
    from models import dossiers
    from ...widgets.picker import PickerDialog

    def lookup(t: str):
        rows = dossiers.DossierSource(app.actor, t or None, today=app.today()).rows(None, 40)
        return [(d.id, f"{d.code} — {d.title} ({d.year})") for d in rows if not d.handed_over_on]

    def chosen(dossier_id) -> None:
        if dossier_id is None:
            return
        item = app.run_guarded(dossiers.add_document, app.actor, dossier_id, doc)
        if item is not None:
            app.notify(S.FILED_INTO.format(code=dossiers.get_dossier(dossier_id).code))
            done(item)
    app.push_screen(PickerDialog(S.PICK_DOSSIER, lookup), chosen)


class DocumentDetail(DetailScreen):
    """A registered document, incoming or outgoing: what both have — its files (M opens, A
    attaches), filing into a dossier (L), cancelling with a reason — and that a cancelled one
    takes nothing more. A subclass gives ``get`` (the models getter), its own keys and
    ``CANCELLED_LOCKS``, and reads what else it shows in ``load_more``."""

    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc")]
    # a subclass ends its BINDINGS with these (after its own keys: F1 lists them in that order)
    FILE_KEYS = [Binding("m", "open_file", S.KEY_OPEN_FILE, key_display="M", show=False),
                 Binding("a", "attach", S.KEY_ATTACH, key_display="A", show=False),
                 Binding("l", "file_into", S.KEY_FILE_INTO, key_display="L", show=False)]
    CANCELLED_LOCKS: tuple[str, ...] = ()      # beyond attach and file_into

    def __init__(self, doc_id: int):
        super().__init__()
        self.doc_id = doc_id
        self.doc = None

    def get(self, doc_id: int):
        raise NotImplementedError

    def load(self) -> None:
        from models import dossiers
        d = self.get(self.doc_id)
        documents.require_visible(self.app.actor, d)
        self.doc = d
        self.atts = documents.attachments(d, include_removed=True)
        self.dossier = dossiers.dossier_of(d)
        self.load_more(d)

    def load_more(self, d) -> None:
        """What else the screen shows, read with the document."""

    def check_action(self, action: str, parameters) -> bool | None:
        d = self.doc
        if d is not None and d.status == "cancelled" and action in (*self.CANCELLED_LOCKS,
                                                                     "attach", "file_into"):
            return False
        return True

    def cancel_with_reason(self, title: str, question: str, cancel, done_message) -> None:
        """Ask the reason, cancel through ``cancel(actor, id, reason)``, say ``done_message(doc)``."""
        doc = self.doc

        def reason_given(reason) -> None:
            if reason is None:
                return
            d = self.app.run_guarded(cancel, self.app.actor, doc.id, reason)
            if d is not None:
                self.app.notify(done_message(d))
                self.refresh_detail()
        self.app.push_screen(ReasonDialog(title, question), reason_given)

    def action_open_file(self) -> None:
        open_attachment(self.app, self.doc)

    def action_attach(self) -> None:
        attach_to(self.app, self.doc, self.after)

    def action_file_into(self) -> None:
        file_into_dossier(self.app, self.doc, self.after)
