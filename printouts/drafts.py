"""A drafted outgoing document in Party format (``models.drafts``): as a draft, boxed
"DỰ THẢO" in the top margin and its number left blank, "Số .....-CV/ĐU"; once issued, with its
number and date.

    pdf = draft_paper(draft, office)                        # the draft
    pdf = draft_paper(draft, office, number="05-CV/ĐU", on=date(2026, 12, 2))   # as issued
"""
from __future__ import annotations

import datetime as _dt

from . import party

MARK = "Dự thảo"
BLANK = "....."            # the number is given when it is issued (a space would be collapsed)


def draft_paper(draft, office, *, number: str = "", on: _dt.date | None = None,
                type_name: str = "") -> bytes:
    """``type_name``: the type's name (Báo cáo, Kế hoạch …); a công văn (CV) has none and prints
    its summary as "V/v …" under the number instead."""
    is_cv = draft.type_code.upper() == "CV"
    summary = party.clean(draft.summary)
    if is_cv and summary and not summary.lower().startswith("v/v"):
        summary = f"V/v {summary}"
    authority = f"{draft.authority} {draft.authority_of}".strip() if draft.authority else ""
    sig = party.Signature(position=draft.signer_position, authority=authority, name=draft.signer)
    body = [draft.body]
    to = [r for r in draft.recipient_list() if not r.lower().startswith("lưu")]
    if is_cv and to:            # a công văn opens with whom it is sent to
        body = [party.Block("Kính gửi: " + ", ".join(to), "center"), draft.body]
    paper = party.PartyPaper(
        superior=office.superior, issuer=office.name,
        number=number or f"{BLANK}-{draft.type_code}/{office.body_abbr}",
        place=office.place, date=on or draft.doc_date or _dt.date.today(),
        type_name="" if is_cv else (type_name or draft.type_code),
        summary="" if is_cv else summary, subject=summary if is_cv else "",
        body=body, signatures=[sig], recipients=draft.recipient_list(),
        mark="" if number else MARK,
        title=f"{'Dự thảo ' if not number else ''}{number or draft.type_code}: {summary}"[:200])
    return party.render(paper)
