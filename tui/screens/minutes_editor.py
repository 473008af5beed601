"""Taking the minutes live, by keyboard.

The current agenda item is on top; under it the speaker (type a few letters of the name,
accents optional; Enter takes the first match, or the name as typed for someone not on the
list) and the text being typed. Every change of the text is saved as typed: at most
``SAVE_EVERY`` seconds after a keystroke the text is written (models.meetings.autosave, its own
short transaction), so a closed terminal, a dropped SSH line or a killed program loses at most
that much. Reopened, the editor goes back to the field typed last, with its text.

Keys (they work while typing): F5/Ctrl+N a new speech, F6/Ctrl+T the chair's conclusion on the
current item, F7/Ctrl+R the next agenda item, Ctrl+↑/Ctrl+↓ the previous/next field, Esc done
(what was typed is settled into the minutes).
"""
from __future__ import annotations

import datetime as _dt
import os

from textual.app import ComposeResult
from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input, Static, TextArea

from models import meetings
from models.text import format_date

from .. import strings as S
from ..widgets.fields import TextInput
from .base import AreaScreen

SAVE_EVERY = 0.3          # seconds: the longest a keystroke waits before it is written


class SpeakerSuggester(Suggester):
    """Completes a speaker's name from the meeting's members and guests (prefix, any case)."""

    def __init__(self, meeting_id: int):
        super().__init__(use_cache=False, case_sensitive=True)
        self.meeting_id = meeting_id

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        low = value.lower()
        for name in meetings.speaker_names(self.meeting_id):
            if name.lower().startswith(low):
                return value + name[len(value):]
        return None


class MinutesEditor(AreaScreen):
    AUTO_FOCUS = ""
    BINDINGS = [Binding("escape", "done", S.KEY_DONE, key_display="Esc", priority=True),
                Binding("f5,ctrl+n", "new_speech", S.KEY_NEW_SPEECH, key_display="F5", priority=True),
                Binding("f6,ctrl+t", "conclusion", S.KEY_CONCLUSION, key_display="F6", priority=True),
                Binding("f7,ctrl+r", "next_item", S.KEY_NEXT_ITEM, key_display="F7", priority=True),
                Binding("ctrl+up", "move(-1)", "", show=False, priority=True),
                Binding("ctrl+down", "move(1)", "", show=False, priority=True)]
    HELP_EXTRA = S.HELP_MINUTES_EDITOR

    def __init__(self, meeting_id: int):
        super().__init__()
        self.meeting_id = meeting_id
        self.item_index = 0
        self.field: str | None = None       # "speech:12", "conclusion:3"
        self.text = ""                      # the field's text as last loaded or typed
        self.seq = 0                        # changes typed
        self.saved_seq = 0                  # changes written
        self.saved_text = ""                # the text as last written
        self._pending: tuple[str, str, int] | None = None
        self._timer = None
        self.read_only = False

    def compose_body(self) -> ComposeResult:
        yield Static("", id="editor-item", markup=False)
        yield TextInput(placeholder=S.EDITOR_SPEAKER_PH, id="editor-speaker",
                        suggester=SpeakerSuggester(self.meeting_id))
        yield Static("", id="editor-matches", markup=False)
        yield Static("", id="editor-field", markup=False)
        yield TextArea("", id="editor-text", soft_wrap=True, tab_behavior="focus",
                       show_line_numbers=False)
        yield Static("", id="editor-status", markup=False)
        yield Static(S.EDITOR_HINT, classes="hint", markup=False)

    # --- loading ----------------------------------------------------------------------------
    def on_mount(self) -> None:
        self._hangup_installed = self._catch_hangup()
        self.app.run_guarded(self._start)

    def _catch_hangup(self) -> bool:
        """A closed terminal or a dropped SSH line sends SIGHUP: write what is waiting first,
        then let the signal do what it did before."""
        import signal
        import threading
        if not hasattr(signal, "SIGHUP") or threading.current_thread() is not threading.main_thread():
            return False
        self._old_hangup = signal.getsignal(signal.SIGHUP)

        def on_hangup(signum, frame):
            self._write_pending()
            signal.signal(signal.SIGHUP, self._old_hangup or signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGHUP)
        signal.signal(signal.SIGHUP, on_hangup)
        return True

    def _view(self):
        return meetings.meeting_view(self.app.actor, self.meeting_id)

    def _start(self) -> None:
        v = self._view()
        m = v.meeting
        self.read_only = m.locked
        self.query_one("#editor-text", TextArea).read_only = self.read_only
        self.set_title(S.EDITOR_TITLE.format(kind=S.MEETING_KINDS[m.kind], date=format_date(m.on_date)))
        field = meetings.last_typed_field(m) or (f"speech:{v.speeches[-1].id}" if v.speeches else None)
        if field:
            self.load_field(field, v)
        else:
            self.show_item(v)
            self.query_one("#editor-speaker", Input).focus()

    def fields(self, v) -> list[str]:
        """Every text field of the minutes, in the order they are printed."""
        out = []
        for it in v.agenda:
            out += [f"speech:{s.id}" for s in v.speeches if s.item_id == it.id]
            out.append(f"conclusion:{it.id}")
        out += [f"speech:{s.id}" for s in v.speeches if s.item_id is None]
        return out

    def show_item(self, v) -> None:
        item = self.query_one("#editor-item", Static)
        if not v.agenda:
            item.update(S.EDITOR_NO_ITEM)
            return
        self.item_index %= len(v.agenda)
        it = v.agenda[self.item_index]
        item.update(S.EDITOR_ITEM.format(n=it.position, total=len(v.agenda),
                                         title=" ".join(it.title.split())))

    def load_field(self, field: str, v=None) -> None:
        v = v or self._view()
        kind, _, ref = field.partition(":")
        ref_id = int(ref)
        if kind == "speech":
            s = next((s for s in v.speeches if s.id == ref_id), None)
            if s is None:
                return
            if s.item_id is not None:
                self.item_index = next((i for i, it in enumerate(v.agenda) if it.id == s.item_id), 0)
            label, text = S.EDITOR_SPEECH.format(n=s.position, speaker=s.speaker), v.speech_text(s)
        else:
            it = next((i for i in v.agenda if i.id == ref_id), None)
            if it is None:
                return
            self.item_index = v.agenda.index(it)
            label, text = S.EDITOR_CONCLUSION.format(n=it.position), v.conclusion(it)
        self.show_item(v)
        self.field, self.text = field, text
        self.query_one("#editor-field", Static).update(label)
        ta = self.query_one("#editor-text", TextArea)
        ta.load_text(text)
        ta.move_cursor(ta.document.end)
        ta.focus()

    # --- typing and saving ------------------------------------------------------------------
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        if self.field is None or self.read_only or text == self.text:
            return
        self.text = text
        self.seq += 1
        self._pending = (self.field, text, self.seq)
        if self._timer is None:             # the first key since the last save: one repaint
            self.query_one("#editor-status", Static).update(S.EDITOR_SAVING)
            self._timer = self.set_timer(SAVE_EVERY, self.flush)

    def flush(self) -> bool:
        """Write what is waiting now; False if the models refused (the dialog says why)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._pending is None:
            return True
        field, text, seq = self._pending
        self._pending = None
        ok = self.app.run_guarded(meetings.autosave, self.app.actor, self.meeting_id, field, text, seq)
        if ok is None:
            return False
        if seq >= self.saved_seq:
            self.saved_seq, self.saved_text = seq, text
        self.query_one("#editor-status", Static).update(
            S.EDITOR_SAVED.format(time=_dt.datetime.now().strftime("%H:%M:%S")))
        return True

    # --- the speaker ------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "editor-speaker":
            return
        event.stop()
        matches = meetings.speaker_names(self.meeting_id, event.value) if event.value.strip() else []
        self.query_one("#editor-matches", Static).update(
            ("→ " + " · ".join(matches[:4])) if matches else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "editor-speaker":
            return
        event.stop()
        typed = event.value.strip()
        if not typed:
            return
        names = meetings.speaker_names(self.meeting_id)
        exact = next((n for n in names if n.lower() == typed.lower()), None)
        matches = meetings.speaker_names(self.meeting_id, typed)
        speaker = exact or (matches[0] if matches else typed)
        self.app.run_guarded(self._add_speech, speaker)

    def _add_speech(self, speaker: str) -> None:
        v = self._view()
        item = v.agenda[self.item_index % len(v.agenda)].id if v.agenda else None
        s = meetings.add_speech(self.app.actor, self.meeting_id, speaker, item=item)
        self.query_one("#editor-speaker", Input).value = ""
        self.load_field(f"speech:{s.id}")

    # --- keys -------------------------------------------------------------------------------
    def action_new_speech(self) -> None:
        if not self.flush() or self.read_only:
            return
        sp = self.query_one("#editor-speaker", Input)
        sp.value = ""
        sp.focus()

    def action_conclusion(self) -> None:
        if not self.flush():
            return
        v = self._view()
        if v.agenda:
            self.load_field(f"conclusion:{v.agenda[self.item_index % len(v.agenda)].id}", v)

    def action_next_item(self) -> None:
        if not self.flush():
            return
        v = self._view()
        if not v.agenda:
            return
        self.item_index = (self.item_index + 1) % len(v.agenda)
        self.show_item(v)
        if self.field and self.field.startswith("conclusion:"):
            self.load_field(f"conclusion:{v.agenda[self.item_index].id}", v)

    def action_move(self, step: int) -> None:
        if not self.flush():
            return
        v = self._view()
        fields = self.fields(v)
        if not fields:
            return
        i = fields.index(self.field) + step if self.field in fields else (len(fields) - 1 if step < 0 else 0)
        self.load_field(fields[max(0, min(len(fields) - 1, i))], v)

    def action_done(self) -> None:
        if not self.flush():
            return
        if not self.read_only:
            self.app.run_guarded(meetings.settle, self.app.actor, self.meeting_id)
        self.app.go_back()

    def _write_pending(self) -> None:
        if self._pending is not None:
            field, text, seq = self._pending
            self._pending = None
            try:
                meetings.autosave(self.app.actor, self.meeting_id, field, text, seq)
            except Exception:       # the database is gone already: the last save stands
                pass

    def on_unmount(self) -> None:
        # leaving by any other way (the program closing): write what is waiting
        self._write_pending()
        if getattr(self, "_hangup_installed", False):
            import signal
            signal.signal(signal.SIGHUP, self._old_hangup or signal.SIG_DFL)
