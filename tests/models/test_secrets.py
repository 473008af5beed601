"""The secret register: metadata only, files refused or purged, Tuyệt mật summary only with
consent, visible to admin and leader only."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from models import audit, documents as D, registers, search
from models.errors import PermissionDenied, ValidationError
from models.filestore import FileStore

T = dt.datetime


def _file(tmp_path, name="quet.pdf", data=b"%PDF-1.4 noi dung van ban\n%%EOF\n"):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_attaching_a_file_to_a_secret_document_is_refused(office, home, tmp_path):
    store = FileStore(home.files)
    d = D.register_incoming(office["clerk"], arrived_at=T(2026, 3, 5, 9), sender="Huyện ủy",
                            summary="Tình hình an ninh", secrecy="Mật")
    with pytest.raises(ValidationError) as e:
        D.attach_file(office["clerk"], store, d, _file(tmp_path))
    assert "bí mật nhà nước" in e.value.message and e.value.field == "attachment"
    assert not any(home.files.rglob("*.pdf"))           # nothing was stored
    sf = D.store_file(store, _file(tmp_path), "quet.pdf")
    with pytest.raises(ValidationError):
        D.attach(office["clerk"], d, sf, "quet.pdf")      # the intake path is refused too
    o = D.reserve_number(office["clerk"], "BC", summary="Báo cáo mật", secrecy="Tối mật")
    with pytest.raises(ValidationError):
        D.attach(office["clerk"], o, sf, "quet.pdf")


def test_marking_secret_removes_stored_files_and_records_it(office, home, tmp_path):
    store = FileStore(home.files)
    clerk = office["clerk"]
    d = D.register_incoming(clerk, arrived_at=T(2026, 3, 5, 9), sender="Huyện ủy", summary="Kế hoạch")
    shared = _file(tmp_path, "chung.pdf", b"%PDF shared content")
    own = _file(tmp_path, "rieng.pdf", b"%PDF own content")
    a_shared = D.attach_file(clerk, store, d, shared)
    a_own = D.attach_file(clerk, store, d, own)
    other = D.register_incoming(clerk, arrived_at=T(2026, 3, 5, 10), sender="Huyện ủy", summary="Bản sao")
    D.attach_file(clerk, store, other, shared)           # a non-secret doc uses the same content
    shared_path = store.path(a_shared.file.rel_path)
    own_path = store.path(a_own.file.rel_path)

    with pytest.raises(ValueError):                       # the store is needed to remove files
        D.update_incoming(clerk, d, secrecy="Mật", reason="Cấp trên đóng dấu Mật")
    D.update_incoming(clerk, d, secrecy="Mật", reason="Cấp trên đóng dấu Mật", store=store)

    assert not own_path.exists()
    assert shared_path.exists()                           # still used by the other document
    assert D.attachments(D.get_incoming(d.id)) == []
    kept = D.attachments(D.get_incoming(d.id), include_removed=True)
    assert {a.original_name for a in kept} == {"chung.pdf", "rieng.pdf"}
    assert all(a.removed and a.file_id is None and "Mật" in a.removed_reason for a in kept)
    assert D.StoredFile.get_or_none(D.StoredFile.sha256 == a_own.sha256) is None
    purges = [e for e in audit.entries_for("attachment", a_own.id) if e.action == "purge_secret_file"]
    assert purges and json.loads(purges[0].new)["file_deleted"] is True
    assert audit.verify().ok


def test_tuyet_mat_summary_only_with_consent(office):
    clerk = office["clerk"]
    with pytest.raises(ValidationError) as e:
        D.register_incoming(clerk, arrived_at=T(2026, 3, 5, 9), sender="Tỉnh ủy", summary="Kế hoạch X",
                            secrecy="Tuyệt mật")
    assert e.value.field == "summary"
    d = D.register_incoming(clerk, arrived_at=T(2026, 3, 5, 9), sender="Tỉnh ủy", secrecy="Tuyệt mật")
    assert d.summary == ""
    d2 = D.register_incoming(clerk, arrived_at=T(2026, 3, 5, 9), sender="Tỉnh ủy", summary="Kế hoạch X",
                             secrecy="Tuyệt mật", summary_consent=True)
    assert d2.summary == "Kế hoạch X"
    # an ordinary document later marked Tuyệt mật loses its summary unless consent is given
    d3 = D.register_incoming(clerk, arrived_at=T(2026, 3, 5, 9), sender="Tỉnh ủy", summary="Phương án Y")
    d3 = D.update_incoming(clerk, d3, secrecy="Tuyệt mật", reason="Đóng dấu Tuyệt mật")
    assert d3.summary == ""
    assert D.shown_summary(d3) == "(Tuyệt mật — không ghi trích yếu)"


def test_only_the_named_handler_and_leaders_see_the_secret_register(office):
    clerk = office["clerk"]            # the clerk the admin named to the secret book
    D.register_incoming(clerk, arrived_at=T(2026, 3, 5, 9), sender="Huyện ủy", summary="Thường lệ")
    D.register_incoming(clerk, arrived_at=T(2026, 3, 5, 10), sender="Công an tỉnh",
                        summary="Phương án bảo vệ", secrecy="Mật")
    D.reserve_number(clerk, "BC", summary="Báo cáo công khai")
    D.reserve_number(clerk, "BC", summary="Báo cáo bảo vệ", secrecy="Mật", recipients="Công an tỉnh")
    for role in ("clerk", "leader"):
        assert len(D.IncomingSource(office[role], secret=True).fetch()) == 1
        assert len(D.OutgoingSource(office[role], secret=True).fetch()) == 1
    for role in ("admin", "treasurer", "viewer"):     # an admin too, until granted by name
        with pytest.raises(PermissionDenied):
            D.IncomingSource(office[role], secret=True)
        with pytest.raises(PermissionDenied):
            D.OutgoingSource(office[role], secret=True)
        # ordinary lists leave the secret ones out
        assert [c[4] for _, c in D.IncomingSource(office[role]).fetch()] == ["Thường lệ"]
        assert [c[2] for _, c in D.OutgoingSource(office[role]).fetch()] == ["Báo cáo công khai"]
        # and so does global search
        assert not [f for f in registers.search_all(office[role], "cong an") if f.kind.startswith("secret")]
    # those allowed find them by their metadata (never by their text, which is not indexed)
    assert {f.kind for f in registers.search_all(office["leader"], "cong an")} == {"secret_incoming",
                                                                                    "secret_outgoing"}
    assert registers.search_all(office["leader"], "bao ve") == []


def test_secret_documents_are_indexed_apart(office):
    d = D.register_incoming(office["clerk"], arrived_at=T(2026, 3, 5, 10), sender="Công an tỉnh",
                            summary="Phương án bảo vệ", secrecy="Mật")
    assert search.ids("cong an", "incoming") == []
    assert search.ids("cong an", "secret_incoming") == [d.id]
    assert search.query("cong an") == []                   # a search naming no kinds leaves them out
    assert [h.ref for h in search.query("cong an", ["secret_incoming"])] == [d.id]
    # the secret text itself is in no index row, of any kind
    assert search.ids("phuong an", "secret_incoming") == []
    assert search.query("phuong an", list(search.KINDS)) == []


def test_secret_entry_needs_secret_edit(office):
    from models.users import SYSTEM
    with pytest.raises(PermissionDenied):
        D.register_incoming(SYSTEM, arrived_at=T(2026, 3, 5, 9), source="scan", secrecy="Mật",
                            status="needs_details")


def test_secret_documents_stay_out_of_ordinary_exports(office):
    from models import exports
    D.register_incoming(office["clerk"], arrived_at=T(2026, 3, 5, 9), sender="A", summary="Công khai")
    D.register_incoming(office["clerk"], arrived_at=T(2026, 3, 5, 9), sender="A", summary="Kín",
                        secrecy="Mật")
    rows = list(exports.book_rows(office["admin"], "incoming", year=2026))
    assert [r[6] for r in rows] == ["Công khai"]


def test_the_secret_book_numbers_its_own_arrivals_and_the_ordinary_book_has_no_gaps(office):
    clerk = office["clerk"]
    got = []
    for day, secrecy in [(2, "Thường"), (3, "Mật"), (4, "Thường"), (5, "Tối mật"), (6, "Thường")]:
        d = D.register_incoming(clerk, arrived_at=T(2026, 3, day, 9), sender="Tỉnh ủy",
                                summary=f"văn bản {day}", secrecy=secrecy)
        got.append((d.book, d.arrival_no))
    assert got == [("", 1), ("secret", 1), ("", 2), ("secret", 2), ("", 3)]
    # across 1 January each book starts again from 1
    a = D.register_incoming(clerk, arrived_at=T(2027, 1, 2, 9), registered_at=T(2027, 1, 2, 11),
                            sender="Tỉnh ủy", summary="a")
    b = D.register_incoming(clerk, arrived_at=T(2027, 1, 2, 10), registered_at=T(2027, 1, 2, 11),
                            sender="Tỉnh ủy", summary="b", secrecy="Mật")
    assert (a.arrival_no, b.arrival_no) == (1, 1)
    ordinary = [r[1][0] for r in D.IncomingSource(office["admin"], year=2026).fetch(None, 50)]
    assert sorted(int(n) for n in ordinary) == [1, 2, 3]


def test_one_arrival_sequence_when_the_setting_says_so(office):
    from models import office as office_mod
    office_mod.set_setting(office["admin"], "incoming.secret_own_numbers", False)
    clerk = office["clerk"]
    nos = [D.register_incoming(clerk, arrived_at=T(2026, 3, 2, 9 + i), sender="Tỉnh ủy",
                               summary="x", secrecy=s).arrival_no
           for i, s in enumerate(["Thường", "Mật", "Thường"])]
    assert nos == [1, 2, 3]


def test_the_audit_logs_name_filter_finds_a_secret_document_only_for_who_may_see_it(office):
    """The log's "/" finds the records named by the words typed (``registers.records_named``):
    a secret document only for a reader of the secret book, and never by its text."""
    d = D.register_incoming(office["clerk"], arrived_at=T(2026, 3, 5, 10), sender="Công an tỉnh",
                            summary="Phương án bảo vệ", secrecy="Mật")
    plain = D.register_incoming(office["clerk"], arrived_at=T(2026, 3, 5, 11), sender="Công an tỉnh",
                                summary="Thường lệ")
    assert registers.records_named(office["admin"], "cong an") == {"incoming": [str(plain.id)]}
    assert sorted(registers.records_named(office["leader"], "cong an")["incoming"]) == sorted(
        [str(d.id), str(plain.id)])
    assert registers.records_named(office["leader"], "bao ve") == {}
    from models import audit
    named = audit.recent(office["admin"], text="cong an",
                         records=registers.records_named(office["admin"], "cong an"))
    assert {e.record_id for e in named} == {str(plain.id)}
