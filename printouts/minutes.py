"""The minutes (biên bản) of a committee meeting, in the Party format (printouts.party).

    pdf = minutes(meetings.meeting_view(actor, m), office)

Contents, in order: start time and place; the agenda; chair and recorder with their positions;
documents used; attendance (members in all, present, each absentee by name with or without a
reason) and guests; for each agenda item the speeches in order with the speaker's name, the
chair's conclusion and the votes (tán thành / không tán thành / không biểu quyết); speeches on
no particular item; the closing time; the signatures of the recorder and the chair. Phụ lục and
đính chính made after signing follow on a page of their own.
"""
from __future__ import annotations

from models.meetings import AMENDMENT_KINDS, KIND_NAMES, MinutesView, full_title
from models.text import format_date

from . import party
from .party import Block

UNSET = "…………"


def _clock(t) -> str:
    return f"{t.hour:02d} giờ {t.minute:02d} phút" if t else UNSET


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:]


def _person(name: str, position: str) -> str:
    if not name:
        return UNSET
    return f"đồng chí {name}" + (f", {position}" if position else "")


def _vote_line(v) -> str:
    total = v.yes + v.no + v.abstain
    pct = f" ({v.yes * 100 / total:.1f}%)".replace(".", ",") if total else ""
    return (f"Biểu quyết {v.matter}: {v.yes}/{total} đồng chí tán thành{pct}; {v.no} không tán "
            f"thành; {v.abstain} không biểu quyết.")


def body(view: MinutesView) -> list:
    m = view.meeting
    out: list = []
    add = out.append
    when = f"ngày {format_date(m.on_date)}"
    add(Block(f"Vào hồi {_clock(m.opened_at)}, {when}, tại {m.place or UNSET}, "
              f"{_lower_first(KIND_NAMES[m.kind])} được tiến hành."))
    add(Block("I. THÀNH PHẦN VÀ NỘI DUNG", "heading"))
    add(Block(f"Chủ trì: {_person(m.chair, m.chair_position)}.", "plain"))
    add(Block(f"Thư ký: {_person(m.recorder, m.recorder_position)}.", "plain"))
    total = len(view.members)
    present, absent = view.present, view.absent
    add(Block(f"Tổng số: {total} đồng chí; có mặt: {len(present)} đồng chí; "
              f"vắng mặt: {len(absent)} đồng chí.", "plain"))
    if present:
        add(Block("Có mặt: " + "; ".join(f"đồng chí {a.name}" + (f" ({a.title})" if a.title else "")
                                         for a in present) + ".", "plain"))
    excused = [a for a in absent if a.attendance == "absent_excused"]
    unexcused = [a for a in absent if a.attendance == "absent_unexcused"]
    if excused:
        add(Block("Vắng có lý do: " + "; ".join(f"đồng chí {a.name} ({a.reason})" for a in excused) + ".",
                  "plain"))
    if unexcused:
        add(Block("Vắng không có lý do: " + "; ".join(f"đồng chí {a.name}" for a in unexcused) + ".",
                  "plain"))
    guests = [a for a in view.guests
              if a.attendance != "absent_excused" and a.attendance != "absent_unexcused"]
    if guests:
        add(Block("Khách mời: " + "; ".join(f"đồng chí {a.name}" + (f", {a.title}" if a.title else "")
                                            for a in guests) + ".", "plain"))
    if view.agenda:
        add(Block("Nội dung hội nghị:", "plain"))
        for it in view.agenda:
            add(Block(f"{it.position}. {it.title}", "plain"))
    if view.documents:
        add(Block("Tài liệu sử dụng: " + "; ".join(d.label for d in view.documents) + ".", "plain"))

    add(Block("II. DIỄN BIẾN HỘI NGHỊ", "heading"))
    for it in view.agenda:
        add(Block(f"{it.position}. {it.title}", "heading"))
        for s in (s for s in view.speeches if s.item_id == it.id):
            add(Block(f"Đồng chí {s.speaker} phát biểu: {view.speech_text(s)}"))
        conclusion = view.conclusion(it)
        if conclusion:
            add(Block(f"Kết luận của đồng chí chủ trì: {conclusion}"))
        for v in (v for v in view.votes if v.item_id == it.id):
            add(Block(_vote_line(v)))
    items = {it.id for it in view.agenda}
    others = [s for s in view.speeches if s.item_id not in items]
    other_votes = [v for v in view.votes if v.item_id not in items]
    if others or other_votes:
        add(Block("Ý kiến khác" if others else "Biểu quyết", "heading"))
        for s in others:
            add(Block(f"Đồng chí {s.speaker} phát biểu: {view.speech_text(s)}"))
        for v in other_votes:
            add(Block(_vote_line(v)))
    closed = (f"Hội nghị kết thúc vào hồi {_clock(m.closed_at)}"
              + (" cùng ngày" if m.closed_at and m.closed_at.date() == m.on_date else
                 f", ngày {format_date(m.closed_at)}" if m.closed_at else "") + ".")
    add(Block(closed))
    return out


def annex(view: MinutesView) -> list:
    out: list = []
    for a in view.amendments:
        out.append(Block(f"{AMENDMENT_KINDS[a.kind].upper()} BIÊN BẢN SỐ {view.meeting.number}", "center"))
        out.append(Block(f"(lập ngày {format_date(a.created_at)})", "italic"))
        out.append(Block(a.text))
    return out


def minutes(view: MinutesView, office) -> bytes:
    """The minutes as PDF bytes."""
    m = view.meeting
    paper = party.PartyPaper(
        superior=office.superior if office else "", issuer=office.name if office else "",
        number=m.number, place=office.place if office else "", date=m.on_date,
        type_name="Biên bản", summary=full_title(m),
        body=body(view),
        signatures=[party.Signature("Thư ký", "", m.recorder),
                    party.Signature("Chủ trì hội nghị", "", m.chair)],
        title=f"Biên bản {m.number}".strip(), annex=annex(view))
    return party.render(paper)
