"""Committee meetings and their minutes (biên bản).

A meeting is planned (kind, date, time, place, chair, recorder, agenda, documents used from the
registers, invited members and guests), then its minutes are taken live: attendance (present;
absent with or without a reason), speeches in order, the chair's conclusion on each agenda item,
votes per matter (tán thành / không tán thành / không biểu quyết, whose total must equal the
members present), opening and closing time. Closing the meeting numbers the minutes in the term's
**BB** series, the same series the outgoing register uses (``documents.reserve_number``), so a
BB number is never given twice. Marking the minutes signed locks them: nothing of a signed
meeting changes again; a later change is a new linked record (phụ lục or đính chính). Signed
minutes can be filed into a dossier (they are the register's BB entry).

Typing is saved as it is typed: ``autosave`` writes one draft row per text field (a speech, a
conclusion) in its own short transaction, so a killed program loses at most the keystrokes
after the last save, and ``meeting_view`` shows the drafts over the saved text. ``settle``
moves the drafts into the records through the audited write path (when the editor leaves a
field, and always before closing or signing). Drafts are not audited one keystroke at a time:
the audit log gets the settled text.

Every change: permission → NFC → one ``IMMEDIATE`` transaction → snapshot → save → audit →
search index. Rows handed to the screens carry keys (``kind``, ``status``, ``attendance``), and
the screens choose the words.

Callers use ``from models import meetings; meetings.X``: every public name is here.

  records     vocabulary, the tables, fetching a meeting, the steps every change shares
  plan        planning: kind, date, place, chair, recorder, agenda, documents, attendees
  minutes     taking the minutes live (speeches, conclusions, votes) and the typed drafts
  closing     closing, numbering in the BB series, signing, amendments, filing
  lists       reading a meeting, the list, the export, Hôm nay, search hits, figures
"""
# ruff: noqa: F401  (the package re-exports its modules' public names)
from __future__ import annotations

# in the order the names stood in the one file, so registrations keep their order
from .records import (AMENDMENT_KINDS, ATTENDANCE, AgendaItem, Amendment, Attendee, BB, KINDS, KIND_NAMES,
                      MAX_LINE, MAX_TEXT, MEETING_MODELS, Meeting, MeetingDocument, MeetingDraft, ROLES,
                      STATUSES, Speech, Vote, find_by_number, full_title, get_meeting)
from .plan import (add_agenda_item, add_attendee, add_document, find_document, mark_attendance, plan_meeting,
                   update_meeting)
from .minutes import (add_speech, autosave, check_vote, drafts, last_typed_field, open_meeting,
                      present_members, record_vote, set_conclusion, set_speech, settle)
from .closing import (add_amendment, close_meeting, file_minutes, missing_contents, sign_minutes)
from .lists import (EXPORT_COLUMNS, MeetingSource, MinutesView, STATUS_NAMES, export_rows, meeting_view,
                    speaker_names, upcoming)
