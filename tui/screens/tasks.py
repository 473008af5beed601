"""Việc đột xuất: ad-hoc requests the committee hands the office.

Newest first; `/` searches, F5/B filters (status, overdue), Q shows only the overdue ones,
F7/N adds a request, Enter opens it in the form (status and a dated note included).
"""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from models import tasks as T
from models import users

from .. import strings as S
from ..widgets.fields import CycleField, DateField, RequiredText, TextField, clean_fields
from .parts.columns import ColSpec
from .parts.filters import FilterSpec
from .parts.forms import FormScreen
from .parts.listing import RegisterListScreen


STATUS_STYLE = {"open": "", "in_progress": "cyan", "done": "green", "cancelled": "bright_black"}

TASK_COLUMNS = [ColSpec(0, S.COL_ASKED_ON, 10), ColSpec(1, S.COL_ASKED_BY, 14, optional=True),
                ColSpec(2, S.COL_TASK, 0), ColSpec(3, S.COL_ASSIGNEE, 15, optional=True),
                ColSpec(4, S.COL_DEADLINE, 10), ColSpec(5, S.COL_STATUS, 10)]


def _status_options():
    return ([(S.FILTER_ALL, None), (S.TASKS_OPEN_FILTER, list(T.OPEN_STATUSES))]
            + [(S.TASK_STATUSES[k], k) for k in T.STATUSES])


class TasksScreen(RegisterListScreen):
    TITLE_VI = S.AREA_TASKS
    HINT = S.TASKS_HINT
    SOURCE = T.TaskSource
    COLUMNS = TASK_COLUMNS
    FILTERS = [FilterSpec("status", S.FIELD_STATUS, "choice", _status_options),
               FilterSpec("overdue", S.FILTER_OVERDUE, "bool")]
    BINDINGS = [Binding("f7,n", "new", S.KEY_NEW, key_display="F7"),
                Binding("q", "toggle_overdue", S.FILTER_OVERDUE, show=False, tooltip=S.TIP_TASKS_OVERDUE),
                Binding("x", "export_list", S.KEY_EXPORT, key_display="X", show=False)]
    HELP_EXTRA = S.HELP_TASKS

    def decorate(self, cells: list) -> list:
        status, overdue = cells[5], cells[6]
        if overdue:
            cells[5] = Text(S.OVERDUE_SHORT, style="bold red")
        else:
            cells[5] = Text(S.TASK_STATUSES[status], style=STATUS_STYLE.get(status, ""))
        return cells

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "new":
            return users.can(self.app.actor, "tasks.edit")
        return super().check_action(action, parameters)

    def action_new(self) -> None:
        self.app.push_screen(TaskForm())

    def open_record(self, key) -> None:
        self.app.push_screen(TaskForm(T.get_task(int(key[-1]))))

    def action_export_list(self) -> None:
        from .reception import export_list
        export_list(self.app, S.EXPORT_TASKS_TITLE, "viec-dot-xuat", T.export_tasks)

    def action_toggle_overdue(self) -> None:
        if self.filters.get("overdue"):
            self.filters.pop("overdue")
            self.filter_labels = [x for x in self.filter_labels if x != S.FILTER_OVERDUE]
        else:
            self.filters["overdue"] = True
            self.filter_labels.append(S.FILTER_OVERDUE)
        self.apply_filter(self.filter_text)


def open_task(app, ref: int) -> None:
    app.push_screen(TaskForm(T.get_task(ref)))


class TaskForm(FormScreen):
    """Add a request (``task`` None) or see and update one: its status and a dated note; F5 and
    F6 link the incoming or outgoing document it came from or led to."""

    BINDINGS = [Binding("f5", "link('incoming')", S.KEY_LINK_DOC_IN, key_display="F5"),
                Binding("f6", "link('outgoing')", S.KEY_LINK_DOC_OUT, key_display="F6")]

    def __init__(self, task: T.Task | None = None):
        super().__init__()
        self.record = task
        self.TITLE_VI = S.TASK_NEW_TITLE if task is None else S.TASK_EDIT_TITLE

    def compose_form(self) -> ComposeResult:
        t = self.record
        yield RequiredText(S.FIELD_ASKED_BY, "asked_by", value=t.asked_by if t else "", max_len=120)
        yield RequiredText(S.FIELD_TASK, "what", value=t.what if t else "", max_len=2000)
        yield TextField(S.FIELD_ASSIGNEE, "assignee", value=t.assignee if t else "")
        yield DateField(S.FIELD_ASKED_ON, "asked_on", value=t.asked_on if t else self.app.today())
        yield DateField(S.FIELD_DEADLINE, "deadline", value=t.deadline if t else None, required=False)
        yield TextField(S.FIELD_MEETING, "meeting_label", value=t.meeting_label if t else "")
        if t is not None:
            yield CycleField(S.FIELD_STATUS, "status", [(S.TASK_STATUSES[k], k) for k in T.STATUSES],
                             value=t.status)
            yield TextField(S.FIELD_TASK_NOTE, "note", placeholder=S.FIELD_TASK_NOTE_PH)
        else:
            yield TextField(S.FIELD_NOTES, "notes")

    def on_mount(self) -> None:
        self.show_info()

    def show_info(self) -> None:
        t = self.record
        if t is None:
            return
        info = S.TASK_INFO.format(status=S.TASK_STATUSES[t.status])
        if t.incoming_id:
            info += " · " + S.TASK_LINKED_IN.format(no=f"{t.incoming.arrival_no}/{t.incoming.year}")
        if t.outgoing_id:
            info += " · " + S.TASK_LINKED_OUT.format(symbol=t.outgoing.symbol)
        if t.notes:
            info += "\n" + t.notes
        self.query_one("#form-info", Static).update(info)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "link":
            return self.record is not None and users.can(self.app.actor, "tasks.edit")
        return True

    def action_link(self, which: str) -> None:
        from .reception import pick_document

        def chosen(doc_id) -> None:
            if doc_id is None:
                return
            t = self.app.run_guarded(T.update_task, self.app.actor, self.record.id, **{which: doc_id})
            if t is not None:
                self.record = t
                self.show_info()
                self.app.notify(S.TASK_LINKED)
        pick_document(self.app, which, chosen)

    def save(self) -> None:
        v = clean_fields(self.form)
        if v is None:
            return
        actor = self.app.actor
        if self.record is None:
            T.add_task(actor, **v)
            self.app.notify(S.TASK_SAVED)
            self.app.go_back()
            return
        status, note = v.pop("status"), v.pop("note")
        changes = {k: new for k, new in v.items() if (getattr(self.record, k) or None) != (new or None)}
        if changes:
            T.update_task(actor, self.record.id, **changes)
        if status != self.record.status or note:
            T.set_status(actor, self.record.id, status, note, on=self.app.today())
        self.app.notify(S.TASK_SAVED if (changes or status != self.record.status or note)
                        else S.NOTHING_CHANGED)
        self.app.go_back()
